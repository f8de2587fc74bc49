/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Marginalia"
#include "config.h"

#include <string.h>

#include "mg-annotation-store.h"
#include "store-watch.h"

typedef void (*EditFunc) (MgAnnotationStore *store,
                          MgAnnotation      *annotation);

static void
edit_note (MgAnnotationStore *store,
           MgAnnotation      *annotation)
{
  mg_annotation_store_set_note (store, annotation, "new note");
}

static void
edit_star (MgAnnotationStore *store,
           MgAnnotation      *annotation)
{
  mg_annotation_store_set_starred (store, annotation, TRUE);
}

static void
edit_tags (MgAnnotationStore *store,
           MgAnnotation      *annotation)
{
  g_assert_true (mg_annotation_store_set_tags (store, annotation,
                                               (const char *[]) { "slogan", "figure", NULL },
                                               NULL));
}

static void
edit_toggle (MgAnnotationStore *store,
             MgAnnotation      *annotation)
{
  g_assert_true (mg_annotation_store_toggle_tag (store, annotation, "policy-goal", NULL));
}

static void
edit_range (MgAnnotationStore *store,
            MgAnnotation      *annotation)
{
  g_assert_true (mg_annotation_store_set_range (store, annotation, 50, 60, NULL));
}

static void
edit_update (MgAnnotationStore *store,
             MgAnnotation      *annotation)
{
  g_autoptr(MgAnnotation) values = mg_annotation_new ("ignored", 1, 2);

  mg_annotation_set_note (values, "updated");
  mg_annotation_set_author (values, "Zhang San");
  mg_annotation_set_tags (values, (const char *[]) { "figure", NULL });
  mg_annotation_store_update (store, annotation, values);
  g_assert_cmpstr (mg_annotation_get_id (annotation), ==, "target");
  g_assert_cmpstr (mg_annotation_get_author (annotation), ==, "Zhang San");
}

static void
test_field_changes (void)
{
  static const struct {
    EditFunc    func;
    const char *label;
    const char *property;
    gboolean    repeat_is_noop;
  } edits[] = {
    { edit_note,   "Edit note",       "note",    TRUE },
    { edit_star,   "Star",            "starred", TRUE },
    { edit_tags,   "Change tags",     "tags",    TRUE },
    { edit_toggle, "Change tags",     "tags",    FALSE },
    { edit_range,  "Move annotation", "start",   TRUE },
    { edit_update, "Edit annotation", "note",    TRUE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (edits); i++)
    {
      MgAnnotationStore *store = mg_annotation_store_new (NULL, NULL);
      MgAnnotation *target, *before, *after;
      guint property_count = 0;
      Watch w;

      g_test_message ("edit: %s", edits[i].label);
      add (store, "x", 0, 100);
      target = add (store, "target", 10, 20);
      add (store, "z", 30, 40);
      mg_annotation_set_modified (target, "2000-01-01T00:00:00Z");
      mg_annotation_store_mark_clean (store);
      before = mg_annotation_copy (target);
      watch_init (&w, store);
      {
        g_autofree char *signal = g_strconcat ("notify::", edits[i].property, NULL);

        g_signal_connect_swapped (target, signal, G_CALLBACK (count_calls), &property_count);
      }

      edits[i].func (store, target);
      g_assert_cmpuint (property_count, ==, 1);
      g_assert_cmpuint (w.changed, ==, 1);
      g_assert_cmpuint (w.annotation_changed, ==, 1);
      g_assert_true (w.last_changed == target);
      g_assert_true (mg_annotation_store_get_dirty (store));
      g_assert_cmpstr (mg_annotation_store_get_undo_label (store), ==, edits[i].label);
      g_assert_false (mg_annotation_equal (target, before));
      /* Every change through the store stamps "modified". */
      g_assert_cmpstr (mg_annotation_get_modified (target), !=, "2000-01-01T00:00:00Z");
      watch_check (&w);
      after = mg_annotation_copy (target);

      g_assert_true (mg_annotation_store_undo (store));
      g_assert_true (mg_annotation_equal (target, before));
      g_assert_cmpuint (property_count, ==, 2);
      g_assert_false (mg_annotation_store_get_dirty (store));
      g_assert_cmpuint (w.changed, ==, 2);
      g_assert_cmpuint (w.annotation_changed, ==, 2);
      g_assert_cmpstr (mg_annotation_store_get_redo_label (store), ==, edits[i].label);
      watch_check (&w);

      g_assert_true (mg_annotation_store_redo (store));
      g_assert_true (mg_annotation_equal (target, after));
      g_assert_true (mg_annotation_store_get_dirty (store));
      watch_check (&w);

      if (edits[i].repeat_is_noop)
        {
          /* The same change again is no change: no step, no signal. */
          watch_reset (&w);
          property_count = 0;
          edits[i].func (store, target);
          g_assert_cmpuint (property_count, ==, 0);
          g_assert_cmpuint (w.changed, ==, 0);
          g_assert_cmpuint (w.annotation_changed, ==, 0);
          g_assert_cmpuint (w.items_changed, ==, 0);
          g_assert_cmpuint (g_hash_table_size (w.notify), ==, 0);
          g_assert_true (mg_annotation_store_undo (store));
          g_assert_true (mg_annotation_equal (target, before));
          g_assert_cmpstr (mg_annotation_store_get_undo_label (store), ==, "Add highlight");
        }

      watch_clear (&w);
      g_assert_finalize_object (store);
      g_assert_finalize_object (before);
      g_assert_finalize_object (after);
    }
}

static void
test_dirty_tracking (void)
{
  MgAnnotationStore *store = mg_annotation_store_new (NULL, NULL);
  MgAnnotation *a;
  Watch w;

  watch_init (&w, store);
  a = add (store, "a", 0, 10);
  mg_annotation_store_set_note (store, a, "one");
  g_assert_true (mg_annotation_store_get_dirty (store));

  watch_reset (&w);
  mg_annotation_store_mark_clean (store);
  g_assert_false (mg_annotation_store_get_dirty (store));
  g_assert_cmpuint (notified (&w, "dirty"), ==, 1);
  g_assert_cmpuint (w.changed, ==, 0);
  mg_annotation_store_mark_clean (store);
  g_assert_cmpuint (notified (&w, "dirty"), ==, 1);

  /* Away from the saved state and back again, both ways. */
  mg_annotation_store_set_note (store, a, "two");
  g_assert_true (mg_annotation_store_get_dirty (store));
  g_assert_cmpuint (notified (&w, "dirty"), ==, 2);
  mg_annotation_store_set_note (store, a, "three");
  g_assert_cmpuint (notified (&w, "dirty"), ==, 2);
  /* "Edit note" after "Edit note": the label did not change. */
  g_assert_cmpuint (notified (&w, "undo-label"), ==, 0);
  g_assert_cmpuint (notified (&w, "can-undo"), ==, 0);
  g_assert_true (mg_annotation_store_undo (store));
  g_assert_true (mg_annotation_store_get_dirty (store));
  g_assert_true (mg_annotation_store_undo (store));
  g_assert_false (mg_annotation_store_get_dirty (store));
  g_assert_cmpstr (mg_annotation_get_note (a), ==, "one");
  g_assert_cmpuint (notified (&w, "dirty"), ==, 3);
  g_assert_true (mg_annotation_store_undo (store));
  g_assert_true (mg_annotation_store_get_dirty (store));
  g_assert_true (mg_annotation_store_redo (store));
  g_assert_false (mg_annotation_store_get_dirty (store));
  g_assert_true (mg_annotation_store_redo (store));
  g_assert_true (mg_annotation_store_get_dirty (store));
  g_assert_true (mg_annotation_store_can_redo (store));

  /* A new change after undo drops the redo steps... */
  g_assert_true (mg_annotation_store_undo (store));
  g_assert_false (mg_annotation_store_get_dirty (store));
  watch_reset (&w);
  mg_annotation_store_set_starred (store, a, TRUE);
  g_assert_false (mg_annotation_store_can_redo (store));
  g_assert_null (mg_annotation_store_get_redo_label (store));
  g_assert_cmpuint (notified (&w, "can-redo"), ==, 1);
  g_assert_cmpuint (notified (&w, "redo-label"), ==, 1);
  g_assert_false (mg_annotation_store_redo (store));

  /* ...and when the saved state was among them, it can't be reached again. */
  mg_annotation_store_set_note (store, a, "four");
  mg_annotation_store_mark_clean (store);
  g_assert_true (mg_annotation_store_undo (store));
  g_assert_true (mg_annotation_store_get_dirty (store));
  mg_annotation_store_set_note (store, a, "five");
  g_assert_true (mg_annotation_store_get_dirty (store));
  g_assert_true (mg_annotation_store_undo (store));
  g_assert_true (mg_annotation_store_get_dirty (store));
  while (mg_annotation_store_undo (store))
    g_assert_true (mg_annotation_store_get_dirty (store));
  g_assert_cmpuint (mg_annotation_store_get_n_annotations (store), ==, 0);

  watch_clear (&w);
  g_assert_finalize_object (store);
}

static void
test_groups (void)
{
  MgAnnotationStore *store = mg_annotation_store_new (NULL, NULL);
  MgAnnotation *a, *b;
  Watch w;

  a = add (store, "a", 0, 10);
  b = add (store, "b", 20, 30);
  mg_annotation_store_mark_clean (store);
  watch_init (&w, store);

  mg_annotation_store_begin_group (store, "Tag 2 passages");
  g_assert_true (mg_annotation_store_toggle_tag (store, a, "figure", NULL));
  mg_annotation_store_begin_group (store, "Inner");
  g_assert_true (mg_annotation_store_toggle_tag (store, b, "figure", NULL));
  mg_annotation_store_set_starred (store, b, TRUE);
  mg_annotation_store_end_group (store);
  g_assert_nonnull (mg_annotation_store_create (store, 40, 45, NULL, NULL, FALSE, NULL, NULL));
  /* Every change is signalled as it happens; dirty already. */
  g_assert_cmpuint (w.changed, ==, 4);
  g_assert_true (mg_annotation_store_get_dirty (store));
  mg_annotation_store_end_group (store);

  g_assert_cmpstr (mg_annotation_store_get_undo_label (store), ==, "Tag 2 passages");
  g_assert_cmpuint (mg_annotation_store_count_tag (store, "figure"), ==, 2);

  /* One step back undoes all of it. */
  g_assert_true (mg_annotation_store_undo (store));
  g_assert_cmpuint (w.changed, ==, 5);
  g_assert_cmpuint (mg_annotation_store_count_tag (store, "figure"), ==, 0);
  g_assert_false (mg_annotation_get_starred (b));
  g_assert_cmpuint (mg_annotation_store_get_n_annotations (store), ==, 2);
  g_assert_false (mg_annotation_store_get_dirty (store));
  g_assert_cmpstr (mg_annotation_store_get_undo_label (store), ==, "Add highlight");
  g_assert_cmpstr (mg_annotation_store_get_redo_label (store), ==, "Tag 2 passages");
  watch_check (&w);

  g_assert_true (mg_annotation_store_redo (store));
  g_assert_cmpuint (mg_annotation_store_count_tag (store, "figure"), ==, 2);
  g_assert_true (mg_annotation_get_starred (b));
  g_assert_cmpuint (mg_annotation_store_get_n_annotations (store), ==, 3);
  watch_check (&w);

  /* An empty group leaves no step; a group without a label takes its
   * first change's. */
  mg_annotation_store_begin_group (store, "Nothing");
  mg_annotation_store_end_group (store);
  g_assert_cmpstr (mg_annotation_store_get_undo_label (store), ==, "Tag 2 passages");
  mg_annotation_store_begin_group (store, NULL);
  mg_annotation_store_set_note (store, a, "x");
  mg_annotation_store_set_note (store, b, "y");
  mg_annotation_store_end_group (store);
  g_assert_cmpstr (mg_annotation_store_get_undo_label (store), ==, "Edit note");
  g_assert_true (mg_annotation_store_undo (store));
  g_assert_cmpstr (mg_annotation_get_note (a), ==, "");
  g_assert_cmpstr (mg_annotation_get_note (b), ==, "");

  watch_clear (&w);
  g_assert_finalize_object (store);
}

static void
test_tag_changes (void)
{
  MgAnnotationStore *store = mg_annotation_store_new (NULL, NULL);
  MgTagSet *tags = mg_annotation_store_get_tag_set (store);
  MgTag *law = mg_tag_new ("law", "Law", "#112233", "");
  MgTag *figure = mg_tag_set_lookup (tags, "figure");
  MgAnnotation *a, *b, *c;
  g_autofree char *a_modified = NULL;
  Watch w;

  a = mg_annotation_store_create (store, 0, 5, (const char *[]) { "figure", "slogan", NULL },
                                  NULL, FALSE, NULL, NULL);
  b = mg_annotation_store_create (store, 10, 15, (const char *[]) { "slogan", NULL },
                                  NULL, FALSE, NULL, NULL);
  c = mg_annotation_store_create (store, 20, 25, (const char *[]) { "figure", NULL },
                                  NULL, FALSE, NULL, NULL);
  mg_annotation_set_modified (a, "2000-01-01T00:00:00Z");
  a_modified = g_strdup (mg_annotation_get_modified (a));
  mg_annotation_store_mark_clean (store);
  watch_init (&w, store);

  g_assert_true (mg_annotation_store_add_tag (store, law, NULL));
  g_assert_cmpint (mg_tag_set_index_of (tags, "law"), ==, 3);
  g_assert_cmpstr (mg_annotation_store_get_undo_label (store), ==, "Add tag");
  g_assert_true (mg_annotation_store_toggle_tag (store, b, "law", NULL));
  g_assert_true (mg_annotation_store_undo (store));
  g_assert_true (mg_annotation_store_undo (store));
  g_assert_null (mg_tag_set_lookup (tags, "law"));
  g_assert_true (mg_annotation_store_redo (store));
  g_assert_true (mg_tag_set_lookup (tags, "law") == law);

  g_assert_true (mg_annotation_store_rename_tag (store, "figure", "数据", NULL));
  g_assert_cmpstr (mg_tag_get_name (figure), ==, "数据");
  g_assert_cmpstr (mg_annotation_store_get_undo_label (store), ==, "Rename tag");
  watch_reset (&w);
  g_assert_true (mg_annotation_store_rename_tag (store, "figure", "数据", NULL));
  g_assert_cmpuint (w.changed, ==, 0);
  g_assert_true (mg_annotation_store_set_tag_color (store, "figure", "#ABCDEF", NULL));
  g_assert_cmpstr (mg_tag_get_color (figure), ==, "#ABCDEF");
  g_assert_cmpstr (mg_annotation_store_get_undo_label (store), ==, "Change tag color");
  g_assert_cmpuint (w.changed, ==, 1);
  g_assert_true (mg_annotation_store_undo (store));
  g_assert_cmpstr (mg_tag_get_color (figure), ==, "#2ec27e");
  g_assert_true (mg_annotation_store_undo (store));
  g_assert_cmpstr (mg_tag_get_name (figure), ==, "Figure");
  g_assert_true (mg_annotation_store_redo (store));
  g_assert_true (mg_annotation_store_redo (store));
  g_assert_cmpstr (mg_tag_get_name (figure), ==, "数据");
  g_assert_cmpstr (mg_tag_get_color (figure), ==, "#ABCDEF");

  /* Deleting a tag takes it off its annotations, in one step. */
  g_object_ref (figure);
  g_assert_cmpuint (mg_annotation_store_count_tag (store, "figure"), ==, 2);
  watch_reset (&w);
  g_assert_true (mg_annotation_store_delete_tag (store, "figure", NULL));
  g_assert_cmpuint (w.changed, ==, 1);
  g_assert_cmpuint (w.annotation_changed, ==, 2);
  g_assert_null (mg_tag_set_lookup (tags, "figure"));
  g_assert_cmpuint (mg_annotation_store_count_tag (store, "figure"), ==, 0);
  g_assert_false (mg_annotation_has_tag (a, "figure"));
  g_assert_true (mg_annotation_has_tag (a, "slogan"));
  g_assert_false (mg_annotation_has_tag (c, "figure"));
  g_assert_cmpstr (mg_annotation_get_modified (a), !=, a_modified);
  g_assert_cmpstr (mg_annotation_store_get_undo_label (store), ==, "Delete tag");

  g_assert_true (mg_annotation_store_undo (store));
  g_assert_true (mg_tag_set_lookup (tags, "figure") == figure);
  g_assert_cmpint (mg_tag_set_index_of (tags, "figure"), ==, 1);
  g_assert_cmpstrv (mg_annotation_get_tags (a), ((const char *[]) { "figure", "slogan", NULL }));
  g_assert_true (mg_annotation_has_tag (c, "figure"));
  g_assert_cmpstr (mg_annotation_get_modified (a), ==, a_modified);
  g_assert_cmpuint (mg_annotation_store_count_tag (store, "figure"), ==, 2);

  g_assert_true (mg_annotation_store_redo (store));
  g_assert_null (mg_tag_set_lookup (tags, "figure"));
  g_assert_false (mg_annotation_has_tag (c, "figure"));

  /* Delete, recolour, rename, add: back to the saved state. */
  for (guint i = 0; i < 4; i++)
    g_assert_true (mg_annotation_store_undo (store));
  g_assert_false (mg_annotation_store_get_dirty (store));
  g_assert_cmpstr (mg_annotation_store_get_undo_label (store), ==, "Add annotation");
  g_assert_null (mg_tag_set_lookup (tags, "law"));
  g_assert_cmpstr (mg_tag_get_name (figure), ==, "Figure");
  g_assert_cmpuint (mg_tag_set_get_n_tags (tags), ==, 3);

  watch_clear (&w);
  g_assert_finalize_object (store);
  g_assert_finalize_object (law);
  g_assert_finalize_object (figure);
}

/* Reordering (which sets keys 1–9) and describing are undoable steps; the
 * order reaches the tag set's model as items-changed. */
static void
test_tag_order_and_description (void)
{
  g_autoptr(MgAnnotationStore) store = mg_annotation_store_new (NULL, NULL);
  MgTagSet *tags = mg_annotation_store_get_tag_set (store);
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;
  g_autofree char *zh_id = NULL;
  guint items_changed = 0;
  const char * const order[] = { "slogan", "policy-goal", "figure" };

  g_signal_connect_swapped (tags, "items-changed", G_CALLBACK (count_calls), &items_changed);
  g_assert_true (mg_annotation_store_move_tag (store, "slogan", 0, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (items_changed, ==, 1);
  for (guint i = 0; i < 3; i++)
    g_assert_cmpstr (mg_tag_get_id (mg_tag_set_get_tag (tags, i)), ==, order[i]);
  g_assert_cmpstr (mg_annotation_store_get_undo_label (store), ==, "Move tag");
  g_assert_true (mg_annotation_store_get_dirty (store));

  /* Past the end: the last place; to its own place: no step. */
  g_assert_true (mg_annotation_store_move_tag (store, "policy-goal", 99, NULL));
  g_assert_cmpint (mg_tag_set_index_of (tags, "policy-goal"), ==, 2);
  g_assert_true (mg_annotation_store_move_tag (store, "policy-goal", 2, NULL));
  g_assert_true (mg_annotation_store_undo (store));
  g_assert_cmpint (mg_tag_set_index_of (tags, "policy-goal"), ==, 1);
  g_assert_true (mg_annotation_store_undo (store));
  g_assert_cmpint (mg_tag_set_index_of (tags, "slogan"), ==, 2);
  g_assert_cmpint (mg_tag_set_index_of (tags, "policy-goal"), ==, 0);
  g_assert_false (mg_annotation_store_get_dirty (store));
  g_assert_true (mg_annotation_store_redo (store));
  g_assert_cmpint (mg_tag_set_index_of (tags, "slogan"), ==, 0);

  g_assert_false (mg_annotation_store_move_tag (store, "nope", 0, &error));
  g_assert_error (error, MG_ANNOTATION_STORE_ERROR, MG_ANNOTATION_STORE_ERROR_UNKNOWN_TAG);
  g_clear_error (&error);

  g_assert_true (mg_annotation_store_set_tag_description (store, "figure", "Numbers with a unit", NULL));
  g_assert_cmpstr (mg_tag_get_description (mg_tag_set_lookup (tags, "figure")), ==, "Numbers with a unit");
  g_assert_cmpstr (mg_annotation_store_get_undo_label (store), ==, "Describe tag");
  g_assert_true (mg_annotation_store_undo (store));
  g_assert_cmpstr (mg_tag_get_description (mg_tag_set_lookup (tags, "figure")), ==, "");

  /* New ids for names: unique, valid, also for names with no ASCII. */
  id = mg_tag_set_make_id (tags, "Figure!");
  g_assert_cmpstr (id, ==, "figure-2");
  zh_id = mg_tag_set_make_id (tags, "民生");
  g_assert_true (mg_tag_id_is_valid (zh_id));
  g_assert_true (g_str_has_prefix (zh_id, "tag-"));
}

static void
test_toggle_removes_unknown (void)
{
  MgAnnotationStore *store = mg_annotation_store_new (NULL, NULL);
  MgAnnotation *a = mg_annotation_new ("a", 0, 1);
  g_autoptr(GPtrArray) list = g_ptr_array_new ();

  /* A tag the set does not know (loaded unchecked) can be taken off. */
  mg_annotation_set_tags (a, (const char *[]) { "gone", NULL });
  g_ptr_array_add (list, a);
  mg_annotation_store_load (store, list);
  g_assert_true (mg_annotation_store_toggle_tag (store, a, "gone", NULL));
  g_assert_null (mg_annotation_get_tags (a)[0]);

  g_object_unref (a);
  g_assert_finalize_object (store);
}

static void
bulk_notify_cb (GObject    *store,
                GParamSpec *pspec,
                GString    *log)
{
  gboolean in_bulk;

  g_object_get (store, "in-bulk", &in_bulk, NULL);
  g_string_append_c (log, in_bulk ? '[' : ']');
}

/* "in-bulk" spans the outermost group and each undo and redo. */
static void
test_in_bulk (void)
{
  MgAnnotationStore *store = mg_annotation_store_new (NULL, NULL);
  g_autoptr(GString) log = g_string_new (NULL);
  gboolean in_bulk = TRUE;
  MgAnnotation *a;

  a = add (store, "a", 0, 10);
  g_object_get (store, "in-bulk", &in_bulk, NULL);
  g_assert_false (in_bulk);
  g_signal_connect (store, "notify::in-bulk", G_CALLBACK (bulk_notify_cb), log);

  mg_annotation_store_begin_group (store, "Outer");
  g_object_get (store, "in-bulk", &in_bulk, NULL);
  g_assert_true (in_bulk);
  mg_annotation_store_begin_group (store, "Inner");
  mg_annotation_store_set_note (store, a, "x");
  mg_annotation_store_end_group (store);
  g_object_get (store, "in-bulk", &in_bulk, NULL);
  g_assert_true (in_bulk);
  mg_annotation_store_set_starred (store, a, TRUE);
  mg_annotation_store_end_group (store);
  g_assert_cmpstr (log->str, ==, "[]");

  /* A single change is not a bulk one; undo and redo are. */
  mg_annotation_store_set_note (store, a, "y");
  g_assert_cmpstr (log->str, ==, "[]");
  g_assert_true (mg_annotation_store_undo (store));
  g_assert_true (mg_annotation_store_redo (store));
  g_assert_cmpstr (log->str, ==, "[][][]");
  g_object_get (store, "in-bulk", &in_bulk, NULL);
  g_assert_false (in_bulk);

  g_assert_finalize_object (store);
}

/* Many annotations added as one step: one items-changed, one "changed",
 * checked all before the first is added; the undo takes them all out with
 * one items-changed, the redo puts them back with one. */
static void
test_add_all (void)
{
  g_autoptr(MgDocument) document = mg_document_new_for_text ("Twelve figures: 1, 2, 3 and 4, then 5, 6, 7, 8, 9, 10, 11, 12.\n", -1, NULL);
  MgAnnotationStore *store = mg_annotation_store_new (document, NULL);
  g_autoptr(GPtrArray) batch = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) bad = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;
  Watch watch;
  const char *figure[] = { "figure", NULL };
  guint starts[] = { 28, 16, 19, 22, 36, 39, 42, 45, 48 };

  /* Already there, between and around the new ones. */
  add (store, "first", 0, 6);
  add (store, "middle", 25, 27);
  add (store, "last", 60, 62);
  watch_init (&watch, store);

  for (guint i = 0; i < G_N_ELEMENTS (starts); i++)
    {
      MgAnnotation *a = mg_annotation_new (NULL, starts[i], starts[i] + 1);

      mg_annotation_set_tags (a, figure);
      g_ptr_array_add (batch, a);
    }

  /* One bad range, or an id given twice: nothing is added. */
  g_ptr_array_add (bad, g_object_ref (g_ptr_array_index (batch, 0)));
  g_ptr_array_add (bad, mg_annotation_new (NULL, 50, 500));
  g_assert_false (mg_annotation_store_add_all (store, bad, NULL, &error));
  g_assert_error (error, MG_ANNOTATION_STORE_ERROR, MG_ANNOTATION_STORE_ERROR_RANGE);
  g_clear_error (&error);
  g_ptr_array_set_size (bad, 1);
  g_ptr_array_add (bad, mg_annotation_new (mg_annotation_get_id (g_ptr_array_index (batch, 0)), 50, 52));
  g_assert_false (mg_annotation_store_add_all (store, bad, NULL, &error));
  g_assert_error (error, MG_ANNOTATION_STORE_ERROR, MG_ANNOTATION_STORE_ERROR_DUPLICATE_ID);
  g_clear_error (&error);
  g_assert_cmpuint (watch.items_changed, ==, 0);
  g_assert_cmpuint (watch.changed, ==, 0);
  g_assert_cmpuint (mg_annotation_store_get_n_annotations (store), ==, 3);
  g_assert_false (mg_annotation_store_get_dirty (store) && watch.changed > 0);

  g_assert_true (mg_annotation_store_add_all (store, batch, "Accept suggestions", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (watch.items_changed, ==, 1);
  g_assert_cmpuint (watch.changed, ==, 1);
  watch_check (&watch);
  g_assert_cmpuint (mg_annotation_store_get_n_annotations (store), ==, 3 + G_N_ELEMENTS (starts));
  g_assert_cmpuint (mg_annotation_store_count_tag (store, "figure"), ==, G_N_ELEMENTS (starts));
  g_assert_cmpstr (mg_annotation_store_get_undo_label (store), ==, "Accept suggestions");
  /* Filled as one added alone would be. */
  for (guint i = 0; i < batch->len; i++)
    {
      MgAnnotation *a = g_ptr_array_index (batch, i);

      g_assert_true (mg_annotation_store_lookup (store, mg_annotation_get_id (a)) == a);
      g_assert_cmpstr (mg_annotation_get_quote (a), !=, "");
      g_assert_nonnull (mg_annotation_get_created (a));
      g_assert_cmpstr (mg_annotation_get_author (a), !=, "");
    }
  g_assert_cmpstr (mg_annotation_get_quote (g_ptr_array_index (batch, 0)), ==, "4");

  /* Its other annotations found where they were. */
  g_assert_nonnull (mg_annotation_store_lookup (store, "middle"));
  {
    g_autoptr(GPtrArray) at = mg_annotation_store_get_at (store, 28);

    g_assert_cmpuint (at->len, ==, 1);
    g_assert_true (g_ptr_array_index (at, 0) == g_ptr_array_index (batch, 0));
  }

  watch_reset (&watch);
  g_assert_true (mg_annotation_store_undo (store));
  g_assert_cmpuint (watch.items_changed, ==, 1);
  g_assert_cmpuint (watch.changed, ==, 1);
  watch_check (&watch);
  g_assert_cmpuint (mg_annotation_store_get_n_annotations (store), ==, 3);
  g_assert_cmpuint (mg_annotation_store_count_tag (store, "figure"), ==, 0);
  g_assert_null (mg_annotation_store_lookup (store, mg_annotation_get_id (g_ptr_array_index (batch, 0))));

  watch_reset (&watch);
  g_assert_true (mg_annotation_store_redo (store));
  g_assert_cmpuint (watch.items_changed, ==, 1);
  watch_check (&watch);
  g_assert_cmpuint (mg_annotation_store_get_n_annotations (store), ==, 3 + G_N_ELEMENTS (starts));

  /* Nothing to add: no step. */
  watch_reset (&watch);
  g_ptr_array_set_size (bad, 0);
  g_assert_true (mg_annotation_store_add_all (store, bad, NULL, NULL));
  g_assert_cmpuint (watch.changed, ==, 0);
  g_assert_cmpstr (mg_annotation_store_get_undo_label (store), ==, "Accept suggestions");

  /* Inside a group, part of the group's step. */
  mg_annotation_store_begin_group (store, "Group");
  add (store, "grouped", 61, 63);
  g_ptr_array_add (bad, mg_annotation_new (NULL, 8, 10));
  g_assert_true (mg_annotation_store_add_all (store, bad, NULL, NULL));
  mg_annotation_store_end_group (store);
  g_assert_cmpstr (mg_annotation_store_get_undo_label (store), ==, "Group");
  g_assert_true (mg_annotation_store_undo (store));
  watch_check (&watch);
  g_assert_cmpuint (mg_annotation_store_get_n_annotations (store), ==, 3 + G_N_ELEMENTS (starts));

  watch_clear (&watch);
  g_assert_finalize_object (store);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/store/field-changes", test_field_changes);
  g_test_add_func ("/store/dirty-tracking", test_dirty_tracking);
  g_test_add_func ("/store/groups", test_groups);
  g_test_add_func ("/store/in-bulk", test_in_bulk);
  g_test_add_func ("/store/add-all", test_add_all);
  g_test_add_func ("/store/tag-changes", test_tag_changes);
  g_test_add_func ("/store/toggle-removes-unknown", test_toggle_removes_unknown);
  g_test_add_func ("/store/tag-order-and-description", test_tag_order_and_description);

  return g_test_run ();
}
