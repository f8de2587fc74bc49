/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Marginalia"
#include "config.h"

#include <string.h>

#include "mg-annotation-store.h"
#include "mg-util.h"

/* Watches a store: a shadow copy of the model kept only from
 * items-changed (so a wrong emission shows as a mismatch), and counts of
 * signals and property notifications. */
typedef struct
{
  MgAnnotationStore *store;
  GPtrArray         *shadow;
  GHashTable        *notify;            /* property name → count */
  guint              items_changed;
  guint              changed;
  guint              annotation_changed;
  MgAnnotation      *last_changed;
} Watch;

static void
on_items_changed (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  Watch      *watch)
{
  g_assert_cmpuint (position + removed, <=, watch->shadow->len);
  g_ptr_array_remove_range (watch->shadow, position, removed);
  for (guint i = 0; i < added; i++)
    g_ptr_array_insert (watch->shadow, position + i,
                        g_list_model_get_item (model, position + i));
  watch->items_changed++;
}

static void
on_notify (GObject    *object,
           GParamSpec *pspec,
           Watch      *watch)
{
  guint n = GPOINTER_TO_UINT (g_hash_table_lookup (watch->notify, pspec->name));

  g_hash_table_insert (watch->notify, (gpointer) pspec->name, GUINT_TO_POINTER (n + 1));
}

static void
on_changed (MgAnnotationStore *store,
            Watch             *watch)
{
  watch->changed++;
}

static void
on_annotation_changed (MgAnnotationStore *store,
                       MgAnnotation      *annotation,
                       Watch             *watch)
{
  watch->annotation_changed++;
  watch->last_changed = annotation;
}

static void
watch_init (Watch             *watch,
            MgAnnotationStore *store)
{
  memset (watch, 0, sizeof *watch);
  watch->store = store;
  watch->shadow = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (store)); i++)
    g_ptr_array_add (watch->shadow, g_list_model_get_item (G_LIST_MODEL (store), i));
  watch->notify = g_hash_table_new (g_str_hash, g_str_equal);
  g_signal_connect (store, "items-changed", G_CALLBACK (on_items_changed), watch);
  g_signal_connect (store, "notify", G_CALLBACK (on_notify), watch);
  g_signal_connect (store, "changed", G_CALLBACK (on_changed), watch);
  g_signal_connect (store, "annotation-changed", G_CALLBACK (on_annotation_changed), watch);
}

static guint
notified (Watch      *watch,
          const char *name)
{
  return GPOINTER_TO_UINT (g_hash_table_lookup (watch->notify, name));
}

static void
watch_reset (Watch *watch)
{
  g_hash_table_remove_all (watch->notify);
  watch->items_changed = 0;
  watch->changed = 0;
  watch->annotation_changed = 0;
  watch->last_changed = NULL;
}

/* The model matches the shadow, is sorted and agrees with lookup/index_of. */
static void
watch_check (Watch *watch)
{
  GListModel *model = G_LIST_MODEL (watch->store);
  guint n = g_list_model_get_n_items (model);

  g_assert_cmpuint (n, ==, watch->shadow->len);
  g_assert_cmpuint (n, ==, mg_annotation_store_get_n_annotations (watch->store));
  for (guint i = 0; i < n; i++)
    {
      MgAnnotation *a = mg_annotation_store_get_annotation (watch->store, i);

      g_assert_true (a == g_ptr_array_index (watch->shadow, i));
      g_assert_cmpint (mg_annotation_store_index_of (watch->store, a), ==, i);
      g_assert_true (mg_annotation_store_lookup (watch->store, mg_annotation_get_id (a)) == a);
      if (i > 0)
        g_assert_cmpint (mg_annotation_compare (mg_annotation_store_get_annotation (watch->store, i - 1), a), <, 0);
    }
}

static void
watch_clear (Watch *watch)
{
  g_signal_handlers_disconnect_by_data (watch->store, watch);
  g_ptr_array_unref (watch->shadow);
  g_hash_table_unref (watch->notify);
}

static MgAnnotation *
add (MgAnnotationStore *store,
     const char        *id,
     guint              start,
     guint              end)
{
  MgAnnotation *a = mg_annotation_new (id, start, end);
  g_autoptr(GError) error = NULL;

  g_assert_true (mg_annotation_store_add (store, a, &error));
  g_assert_no_error (error);
  g_object_unref (a);
  return a;
}

/* ---------------------------------------------------------------------- */

static void
test_new (void)
{
  MgAnnotationStore *store = mg_annotation_store_new (NULL, NULL);
  MgTagSet *tags = mg_tag_set_new ();
  MgAnnotationStore *store2 = mg_annotation_store_new (NULL, tags);

  g_assert_null (mg_annotation_store_get_document (store));
  g_assert_cmpuint (mg_tag_set_get_n_tags (mg_annotation_store_get_tag_set (store)), ==, 3);
  g_assert_true (mg_annotation_store_get_tag_set (store2) == tags);
  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (store)) == MG_TYPE_ANNOTATION);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 0);
  g_assert_false (mg_annotation_store_get_dirty (store));
  g_assert_false (mg_annotation_store_can_undo (store));
  g_assert_false (mg_annotation_store_can_redo (store));
  g_assert_null (mg_annotation_store_get_undo_label (store));
  g_assert_null (mg_annotation_store_get_redo_label (store));
  g_assert_false (mg_annotation_store_undo (store));
  g_assert_false (mg_annotation_store_redo (store));

  g_assert_finalize_object (store);
  g_assert_finalize_object (store2);
  g_assert_finalize_object (tags);
}

static void
test_add_remove (void)
{
  MgAnnotationStore *store = mg_annotation_store_new (NULL, NULL);
  g_autofree char *now = mg_util_now_rfc3339 ();
  MgAnnotation *a, *b, *stranger;
  GPtrArray *list;
  Watch w;

  watch_init (&w, store);

  a = mg_annotation_new ("a", 5, 9);
  g_assert_true (mg_annotation_store_add (store, a, NULL));
  g_assert_cmpuint (w.items_changed, ==, 1);
  g_assert_cmpuint (w.changed, ==, 1);
  g_assert_cmpuint (notified (&w, "dirty"), ==, 1);
  g_assert_cmpuint (notified (&w, "can-undo"), ==, 1);
  g_assert_cmpuint (notified (&w, "undo-label"), ==, 1);
  g_assert_cmpuint (notified (&w, "can-redo"), ==, 0);
  g_assert_true (mg_annotation_store_get_dirty (store));
  g_assert_true (mg_annotation_store_can_undo (store));
  g_assert_cmpstr (mg_annotation_store_get_undo_label (store), ==, "Add highlight");
  /* Filled in on add. */
  g_assert_cmpstr (mg_annotation_get_author (a), ==, mg_util_default_author ());
  g_assert_cmpstr (mg_annotation_get_created (a), ==, now);
  g_assert_cmpstr (mg_annotation_get_modified (a), ==, now);
  g_assert_cmpuint (mg_annotation_get_paragraph (a), ==, 0);
  watch_check (&w);

  b = mg_annotation_store_create (store, 1, 3, (const char *[]) { "figure", NULL },
                                  "a note", TRUE, "Li Wei", NULL);
  g_assert_nonnull (b);
  g_assert_cmpstr (mg_annotation_get_author (b), ==, "Li Wei");
  g_assert_cmpstr (mg_annotation_get_note (b), ==, "a note");
  g_assert_true (mg_annotation_get_starred (b));
  g_assert_true (mg_annotation_has_tag (b, "figure"));
  g_assert_cmpint (mg_annotation_store_index_of (store, b), ==, 0);
  g_assert_cmpstr (mg_annotation_store_get_undo_label (store), ==, "Add annotation");
  watch_check (&w);

  /* The store's properties read back through GObject too. */
  {
    gboolean dirty = FALSE, can_undo = FALSE;
    g_autofree char *label = NULL;

    g_object_get (store, "dirty", &dirty, "can-undo", &can_undo, "undo-label", &label, NULL);
    g_assert_true (dirty);
    g_assert_true (can_undo);
    g_assert_cmpstr (label, ==, "Add annotation");
  }

  stranger = mg_annotation_new ("stranger", 0, 1);
  g_assert_false (mg_annotation_store_remove (store, stranger));
  g_assert_cmpint (mg_annotation_store_index_of (store, stranger), ==, -1);
  g_assert_null (mg_annotation_store_lookup (store, "stranger"));
  g_assert_null (mg_annotation_store_lookup (store, NULL));

  watch_reset (&w);
  g_assert_true (mg_annotation_store_remove (store, a));
  g_assert_cmpuint (w.items_changed, ==, 1);
  g_assert_cmpuint (w.changed, ==, 1);
  g_assert_null (mg_annotation_store_lookup (store, "a"));
  g_assert_cmpstr (mg_annotation_store_get_undo_label (store), ==, "Remove annotation");
  watch_check (&w);

  /* Undo puts the same object back where it was. */
  g_assert_true (mg_annotation_store_undo (store));
  g_assert_true (mg_annotation_store_lookup (store, "a") == a);
  g_assert_cmpint (mg_annotation_store_index_of (store, a), ==, 1);
  g_assert_cmpstr (mg_annotation_store_get_redo_label (store), ==, "Remove annotation");
  watch_check (&w);
  g_assert_true (mg_annotation_store_redo (store));
  g_assert_null (mg_annotation_store_lookup (store, "a"));
  watch_check (&w);

  /* Undo everything, then redo everything. */
  g_assert_true (mg_annotation_store_undo (store));
  g_assert_true (mg_annotation_store_undo (store));
  g_assert_true (mg_annotation_store_undo (store));
  g_assert_false (mg_annotation_store_undo (store));
  g_assert_cmpuint (mg_annotation_store_get_n_annotations (store), ==, 0);
  g_assert_false (mg_annotation_store_get_dirty (store));
  watch_check (&w);
  g_assert_true (mg_annotation_store_redo (store));
  g_assert_true (mg_annotation_store_redo (store));
  g_assert_cmpuint (mg_annotation_store_get_n_annotations (store), ==, 2);
  watch_check (&w);

  list = mg_annotation_store_get_at (store, 2);
  g_assert_cmpuint (list->len, ==, 1);
  g_ptr_array_unref (list);

  watch_clear (&w);
  g_assert_finalize_object (store);
  g_assert_finalize_object (a);
  g_assert_finalize_object (stranger);
}

static void
test_errors (void)
{
  MgAnnotationStore *store = mg_annotation_store_new (NULL, NULL);
  MgAnnotation *a = add (store, "a", 0, 4);
  MgAnnotation *dup = mg_annotation_new ("a", 1, 2);
  MgAnnotation *tagged = mg_annotation_new ("t", 1, 2);
  MgAnnotation *stranger = mg_annotation_new ("s", 1, 2);
  const char *bad_tags[] = { "figure", "nope", NULL };
  GError *error = NULL;
  Watch w;

  mg_annotation_store_mark_clean (store);
  watch_init (&w, store);

  g_assert_false (mg_annotation_store_add (store, dup, &error));
  g_assert_error (error, MG_ANNOTATION_STORE_ERROR, MG_ANNOTATION_STORE_ERROR_DUPLICATE_ID);
  g_assert_nonnull (strstr (error->message, "“a”"));
  g_clear_error (&error);

  mg_annotation_set_tags (tagged, bad_tags);
  g_assert_false (mg_annotation_store_add (store, tagged, &error));
  g_assert_error (error, MG_ANNOTATION_STORE_ERROR, MG_ANNOTATION_STORE_ERROR_UNKNOWN_TAG);
  g_assert_nonnull (strstr (error->message, "nope"));
  g_clear_error (&error);

  g_assert_null (mg_annotation_store_create (store, 0, 1, bad_tags, NULL, FALSE, NULL, &error));
  g_assert_error (error, MG_ANNOTATION_STORE_ERROR, MG_ANNOTATION_STORE_ERROR_UNKNOWN_TAG);
  g_clear_error (&error);

  g_assert_null (mg_annotation_store_create (store, 5, 1, NULL, NULL, FALSE, NULL, &error));
  g_assert_error (error, MG_ANNOTATION_STORE_ERROR, MG_ANNOTATION_STORE_ERROR_RANGE);
  g_clear_error (&error);

  g_assert_false (mg_annotation_store_set_tags (store, a, bad_tags, &error));
  g_assert_error (error, MG_ANNOTATION_STORE_ERROR, MG_ANNOTATION_STORE_ERROR_UNKNOWN_TAG);
  g_clear_error (&error);

  g_assert_false (mg_annotation_store_toggle_tag (store, a, "nope", &error));
  g_assert_error (error, MG_ANNOTATION_STORE_ERROR, MG_ANNOTATION_STORE_ERROR_UNKNOWN_TAG);
  g_clear_error (&error);

  g_assert_false (mg_annotation_store_set_range (store, a, 4, 2, &error));
  g_assert_error (error, MG_ANNOTATION_STORE_ERROR, MG_ANNOTATION_STORE_ERROR_RANGE);
  g_clear_error (&error);

  g_assert_false (mg_annotation_store_set_tags (store, stranger, NULL, &error));
  g_assert_error (error, MG_ANNOTATION_STORE_ERROR, MG_ANNOTATION_STORE_ERROR_UNKNOWN_ID);
  g_clear_error (&error);

  g_assert_false (mg_annotation_store_set_range (store, stranger, 0, 1, &error));
  g_assert_error (error, MG_ANNOTATION_STORE_ERROR, MG_ANNOTATION_STORE_ERROR_UNKNOWN_ID);
  g_clear_error (&error);

  g_assert_false (mg_annotation_store_rename_tag (store, "nope", "Nope", &error));
  g_assert_error (error, MG_ANNOTATION_STORE_ERROR, MG_ANNOTATION_STORE_ERROR_UNKNOWN_TAG);
  g_clear_error (&error);

  g_assert_false (mg_annotation_store_set_tag_color (store, "nope", "#000000", &error));
  g_assert_error (error, MG_ANNOTATION_STORE_ERROR, MG_ANNOTATION_STORE_ERROR_UNKNOWN_TAG);
  g_clear_error (&error);

  g_assert_false (mg_annotation_store_set_tag_color (store, "figure", "green", &error));
  g_assert_error (error, MG_TAG_SET_ERROR, MG_TAG_SET_ERROR_INVALID_COLOR);
  g_clear_error (&error);

  g_assert_false (mg_annotation_store_delete_tag (store, "nope", &error));
  g_assert_error (error, MG_ANNOTATION_STORE_ERROR, MG_ANNOTATION_STORE_ERROR_UNKNOWN_TAG);
  g_clear_error (&error);

  {
    g_autoptr(MgTag) duplicate = mg_tag_new ("slogan", "Again", "#000000", "");
    g_autoptr(MgTag) bad = mg_tag_new ("Bad!", "Bad", "#000000", "");

    g_assert_false (mg_annotation_store_add_tag (store, duplicate, &error));
    g_assert_error (error, MG_TAG_SET_ERROR, MG_TAG_SET_ERROR_DUPLICATE);
    g_clear_error (&error);
    g_assert_false (mg_annotation_store_add_tag (store, bad, &error));
    g_assert_error (error, MG_TAG_SET_ERROR, MG_TAG_SET_ERROR_INVALID_ID);
    g_clear_error (&error);
  }

  /* A failed operation changes nothing and records nothing. */
  g_assert_cmpuint (w.items_changed, ==, 0);
  g_assert_cmpuint (w.changed, ==, 0);
  g_assert_cmpuint (g_hash_table_size (w.notify), ==, 0);
  g_assert_false (mg_annotation_store_get_dirty (store));
  g_assert_cmpstr (mg_annotation_store_get_undo_label (store), ==, "Add highlight");
  g_assert_cmpuint (mg_annotation_store_get_n_annotations (store), ==, 1);
  g_assert_cmpuint (mg_tag_set_get_n_tags (mg_annotation_store_get_tag_set (store)), ==, 3);

  watch_clear (&w);
  g_assert_finalize_object (store);
  g_assert_finalize_object (dup);
  g_assert_finalize_object (tagged);
  g_assert_finalize_object (stranger);
}

/* Each field change: one step with its label, "modified" set, notify and
 * annotation-changed once, undo restoring exactly the old state. */
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
count_calls (gpointer data)
{
  (*(guint *) data)++;
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
test_move_order (void)
{
  MgAnnotationStore *store = mg_annotation_store_new (NULL, NULL);
  MgAnnotation *a, *b, *c, *d;
  Watch w;

  watch_init (&w, store);
  c = add (store, "c", 20, 30);
  a = add (store, "a", 0, 10);
  d = add (store, "d", 20, 25);
  b = add (store, "b", 10, 20);
  watch_check (&w);
  g_assert_cmpint (mg_annotation_store_index_of (store, a), ==, 0);
  g_assert_cmpint (mg_annotation_store_index_of (store, b), ==, 1);
  g_assert_cmpint (mg_annotation_store_index_of (store, d), ==, 2);
  g_assert_cmpint (mg_annotation_store_index_of (store, c), ==, 3);

  /* Same start and end: the id decides. */
  g_assert_true (mg_annotation_store_set_range (store, d, 20, 30, NULL));
  g_assert_cmpint (mg_annotation_store_index_of (store, c), ==, 2);
  g_assert_cmpint (mg_annotation_store_index_of (store, d), ==, 3);
  watch_check (&w);

  /* To the front, then to the end, in one items-changed each. */
  watch_reset (&w);
  g_assert_true (mg_annotation_store_set_range (store, c, 0, 5, NULL));
  g_assert_cmpuint (w.items_changed, ==, 1);
  g_assert_cmpint (mg_annotation_store_index_of (store, c), ==, 0);
  watch_check (&w);
  g_assert_true (mg_annotation_store_set_range (store, a, 100, 105, NULL));
  g_assert_cmpint (mg_annotation_store_index_of (store, a), ==, 3);
  watch_check (&w);

  /* Undo moves them back. */
  g_assert_true (mg_annotation_store_undo (store));
  g_assert_true (mg_annotation_store_undo (store));
  g_assert_true (mg_annotation_store_undo (store));
  g_assert_cmpint (mg_annotation_store_index_of (store, a), ==, 0);
  g_assert_cmpint (mg_annotation_store_index_of (store, b), ==, 1);
  g_assert_cmpint (mg_annotation_store_index_of (store, d), ==, 2);
  g_assert_cmpint (mg_annotation_store_index_of (store, c), ==, 3);
  g_assert_cmpuint (mg_annotation_get_start (c), ==, 20);
  watch_check (&w);

  watch_clear (&w);
  g_assert_finalize_object (store);
}

/* Random adds, removes, moves, undos and redos keep the model sorted and
 * consistent with what items-changed told. */
static void
test_random_consistency (void)
{
  MgAnnotationStore *store = mg_annotation_store_new (NULL, NULL);
  GRand *rand = g_rand_new_with_seed (42);
  Watch w;

  watch_init (&w, store);
  for (guint step = 0; step < 2000; step++)
    {
      guint n = mg_annotation_store_get_n_annotations (store);
      guint what = g_rand_int_range (rand, 0, 10);

      if (what < 4 || n == 0)
        {
          guint start = g_rand_int_range (rand, 0, 500);

          g_assert_nonnull (mg_annotation_store_create (store, start,
                                                        start + g_rand_int_range (rand, 1, 50),
                                                        NULL, NULL, FALSE, NULL, NULL));
        }
      else if (what < 5)
        mg_annotation_store_remove (store, mg_annotation_store_get_annotation (store, g_rand_int_range (rand, 0, n)));
      else if (what < 7)
        {
          guint start = g_rand_int_range (rand, 0, 500);

          g_assert_true (mg_annotation_store_set_range (store,
                                                        mg_annotation_store_get_annotation (store, g_rand_int_range (rand, 0, n)),
                                                        start, start + g_rand_int_range (rand, 1, 50), NULL));
        }
      else if (what < 9)
        mg_annotation_store_undo (store);
      else
        mg_annotation_store_redo (store);

      if (step % 50 == 0)
        watch_check (&w);
    }
  watch_check (&w);

  while (mg_annotation_store_undo (store))
    ;
  g_assert_cmpuint (mg_annotation_store_get_n_annotations (store), ==, 0);
  g_assert_false (mg_annotation_store_get_dirty (store));
  watch_check (&w);

  watch_clear (&w);
  g_rand_free (rand);
  g_assert_finalize_object (store);
}

static gboolean
covers (MgAnnotation *a,
        guint         offset)
{
  return !mg_annotation_is_orphaned (a) &&
         mg_annotation_get_start (a) <= offset && offset < mg_annotation_get_end (a);
}

static void
check_get_at (MgAnnotationStore *store,
              guint              offset)
{
  GPtrArray *got = mg_annotation_store_get_at (store, offset);
  guint j = 0;

  for (guint i = 0; i < mg_annotation_store_get_n_annotations (store); i++)
    {
      MgAnnotation *a = mg_annotation_store_get_annotation (store, i);

      if (covers (a, offset))
        {
          g_assert_cmpuint (j, <, got->len);
          g_assert_true (g_ptr_array_index (got, j) == a);
          j++;
        }
    }
  g_assert_cmpuint (j, ==, got->len);
  g_ptr_array_unref (got);
}

static void
test_get_at (void)
{
  MgAnnotationStore *store = mg_annotation_store_new (NULL, NULL);
  MgAnnotation *whole, *orphan;
  GPtrArray *got;
  GRand *rand = g_rand_new_with_seed (7);

  whole = add (store, "whole", 0, 100);
  add (store, "mid", 40, 60);
  add (store, "inner", 45, 50);
  add (store, "late", 90, 120);
  orphan = mg_annotation_new ("orphan", 10, 80);
  mg_annotation_set_anchor_state (orphan, MG_ANCHOR_STATE_ORPHANED);
  g_assert_true (mg_annotation_store_add (store, orphan, NULL));
  g_object_unref (orphan);

  got = mg_annotation_store_get_at (store, 47);
  g_assert_cmpuint (got->len, ==, 3);
  g_assert_cmpstr (mg_annotation_get_id (g_ptr_array_index (got, 0)), ==, "whole");
  g_assert_cmpstr (mg_annotation_get_id (g_ptr_array_index (got, 1)), ==, "mid");
  g_assert_cmpstr (mg_annotation_get_id (g_ptr_array_index (got, 2)), ==, "inner");
  g_ptr_array_unref (got);

  /* End is exclusive, start inclusive; orphans are never placed. */
  got = mg_annotation_store_get_at (store, 100);
  g_assert_cmpuint (got->len, ==, 1);
  g_assert_cmpstr (mg_annotation_get_id (g_ptr_array_index (got, 0)), ==, "late");
  g_ptr_array_unref (got);
  got = mg_annotation_store_get_at (store, 500);
  g_assert_cmpuint (got->len, ==, 0);
  g_ptr_array_unref (got);

  for (guint offset = 0; offset < 130; offset++)
    check_get_at (store, offset);

  /* The index follows changes. */
  g_assert_true (mg_annotation_store_remove (store, whole));
  for (guint offset = 0; offset < 130; offset += 3)
    check_get_at (store, offset);
  g_assert_true (mg_annotation_store_undo (store));
  check_get_at (store, 5);

  /* Against a brute force on many random overlapping annotations. */
  for (guint i = 0; i < 3000; i++)
    {
      guint start = g_rand_int_range (rand, 0, 5000);
      guint len = g_rand_int_range (rand, 0, 10) == 0 ? g_rand_int_range (rand, 1, 2000)
                                                       : g_rand_int_range (rand, 1, 30);

      mg_annotation_store_create (store, start, start + len, NULL, NULL, FALSE, NULL, NULL);
    }
  for (guint i = 0; i < 300; i++)
    check_get_at (store, g_rand_int_range (rand, 0, 7000));

  g_rand_free (rand);
  g_assert_finalize_object (store);
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

/* Time limits assume a plain build; sanitizers and valgrind run many
 * times slower and only look for memory errors here. */
static gint64
time_limit (double seconds)
{
  const char *preload = g_getenv ("LD_PRELOAD");
  double factor = 1.0;

#if defined(__SANITIZE_ADDRESS__)
  factor = 20.0;
#endif
  if (preload != NULL && strstr (preload, "vgpreload") != NULL)
    factor = 100.0;
  return (gint64) (seconds * factor * G_USEC_PER_SEC);
}

static void
test_load (void)
{
  MgAnnotationStore *store = mg_annotation_store_new (NULL, NULL);
  GPtrArray *list = g_ptr_array_new_with_free_func (g_object_unref);
  GRand *rand = g_rand_new_with_seed (2026);
  const guint n = 20000;
  gint64 t0, t1;
  guint figures = 0;
  Watch w;

  add (store, "existing", 0, 1);
  mg_annotation_store_mark_clean (store);
  watch_init (&w, store);

  for (guint i = 0; i < n; i++)
    {
      guint start = g_rand_int_range (rand, 0, 1000000);
      MgAnnotation *a = mg_annotation_new (NULL, start, start + g_rand_int_range (rand, 1, 200));

      if (i % 3 == 0)
        {
          mg_annotation_set_tags (a, (const char *[]) { "figure", NULL });
          figures++;
        }
      if (i % 100 == 0)
        mg_annotation_set_anchor_state (a, MG_ANCHOR_STATE_ORPHANED);
      g_ptr_array_add (list, a);
    }

  t0 = g_get_monotonic_time ();
  mg_annotation_store_load (store, list);
  t1 = g_get_monotonic_time ();
  g_test_message ("loading %u annotations: %.1f ms", n, (t1 - t0) / 1000.0);
  g_assert_cmpint (t1 - t0, <, time_limit (1.0));

  g_assert_cmpuint (w.items_changed, ==, 1);
  g_assert_cmpuint (w.changed, ==, 0);
  g_assert_cmpuint (mg_annotation_store_get_n_annotations (store), ==, n);
  g_assert_null (mg_annotation_store_lookup (store, "existing"));
  g_assert_false (mg_annotation_store_get_dirty (store));
  g_assert_false (mg_annotation_store_can_undo (store));
  g_assert_cmpuint (mg_annotation_store_count_tag (store, "figure"), ==, figures);
  g_assert_cmpuint (mg_annotation_store_count_tag (store, "slogan"), ==, 0);
  watch_check (&w);

  /* get_at on 20,000 annotations: a few microseconds a lookup. */
  t0 = g_get_monotonic_time ();
  for (guint i = 0; i < 10000; i++)
    {
      GPtrArray *got = mg_annotation_store_get_at (store, g_rand_int_range (rand, 0, 1000000));

      g_ptr_array_unref (got);
    }
  t1 = g_get_monotonic_time ();
  g_test_message ("10000 get_at over %u annotations: %.1f ms", n, (t1 - t0) / 1000.0);
  g_assert_cmpint (t1 - t0, <, time_limit (1.0));
  for (guint i = 0; i < 200; i++)
    check_get_at (store, g_rand_int_range (rand, 0, 1000000));

  /* Adding and moving one among 20,000 stays cheap too (measured without
   * the watch, whose shadow copy costs more than the store). */
  g_signal_handlers_block_by_func (store, on_items_changed, &w);
  t0 = g_get_monotonic_time ();
  for (guint i = 0; i < 1000; i++)
    {
      MgAnnotation *a = mg_annotation_store_create (store, i * 10, i * 10 + 5, NULL, NULL, FALSE, NULL, NULL);
      GPtrArray *got = mg_annotation_store_get_at (store, i * 10);

      g_assert_true (mg_annotation_store_set_range (store, a, i * 20, i * 20 + 3, NULL));
      g_ptr_array_unref (got);
    }
  t1 = g_get_monotonic_time ();
  g_test_message ("1000 x (add, get_at, move) among %u: %.1f ms", n, (t1 - t0) / 1000.0);
  g_assert_cmpint (t1 - t0, <, time_limit (2.0));
  g_signal_handlers_unblock_by_func (store, on_items_changed, &w);
  g_ptr_array_set_size (w.shadow, 0);
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (store)); i++)
    g_ptr_array_add (w.shadow, g_list_model_get_item (G_LIST_MODEL (store), i));
  g_assert_cmpuint (mg_annotation_store_get_n_annotations (store), ==, n + 1000);
  watch_check (&w);

  /* Loading again replaces the content. */
  g_ptr_array_set_size (list, 10);
  mg_annotation_store_load (store, list);
  g_assert_cmpuint (mg_annotation_store_get_n_annotations (store), ==, 10);
  watch_check (&w);

  watch_clear (&w);
  g_rand_free (rand);
  g_ptr_array_unref (list);
  g_assert_finalize_object (store);
}

static void
test_orphans (void)
{
  MgAnnotationStore *store = mg_annotation_store_new (NULL, NULL);
  MgAnnotation *orphan = mg_annotation_new ("o", 30, 40);
  GPtrArray *got;

  mg_annotation_set_anchor_state (orphan, MG_ANCHOR_STATE_ORPHANED);
  mg_annotation_set_quote (orphan, "lost words");
  g_assert_true (mg_annotation_store_add (store, orphan, NULL));
  add (store, "a", 35, 36);
  /* Sorted by their last known start. */
  g_assert_cmpint (mg_annotation_store_index_of (store, orphan), ==, 0);
  got = mg_annotation_store_get_at (store, 35);
  g_assert_cmpuint (got->len, ==, 1);
  g_ptr_array_unref (got);

  /* Re-attaching an orphan clears its state; undo brings it back. */
  g_assert_true (mg_annotation_store_set_range (store, orphan, 50, 60, NULL));
  g_assert_false (mg_annotation_is_orphaned (orphan));
  g_assert_cmpstr (mg_annotation_get_quote (orphan), ==, "lost words");
  g_assert_true (mg_annotation_store_undo (store));
  g_assert_true (mg_annotation_is_orphaned (orphan));
  g_assert_cmpuint (mg_annotation_get_start (orphan), ==, 30);

  g_object_unref (orphan);
  g_assert_finalize_object (store);
}

/* ---------------------------------------------------------------------- */
/* With a document                                                        */

/* Three paragraphs: Chinese, Chinese, English. */
static const char speech[] =
  "同志们：今天我们召开全市作风建设暨自贸试验区工作推进大会。\n"
  "\n"
  "义乌人做生意的秘诀是“出六进四”，你赚大头、我赚小头；注重诚信包容，"
  "把生意做到了全世界。\n"
  "\n"
  "Figures: 233 countries and regions.";

static guint
offset_of (const char *needle)
{
  const char *p = strstr (speech, needle);

  g_assert_nonnull (p);
  return g_utf8_pointer_to_offset (speech, p);
}

static void
test_document_context (void)
{
  MgDocument *doc = mg_document_new_for_text (speech, -1, "speech.txt");
  MgAnnotationStore *store = mg_annotation_store_new (doc, NULL);
  guint start = offset_of ("出六进四");
  MgAnnotation *a, *first;
  g_autofree char *expected_prefix = NULL;
  g_autofree char *expected_suffix = NULL;
  const char *p;

  g_assert_true (mg_annotation_store_get_document (store) == doc);
  a = mg_annotation_store_create (store, start, start + 4,
                                  (const char *[]) { "slogan", NULL },
                                  NULL, TRUE, NULL, NULL);
  g_assert_nonnull (a);
  g_assert_cmpstr (mg_annotation_get_quote (a), ==, "出六进四");

  /* 32 code points each side. */
  g_assert_cmpuint (g_utf8_strlen (mg_annotation_get_prefix (a), -1), ==, MG_CONTEXT_LENGTH);
  g_assert_cmpuint (g_utf8_strlen (mg_annotation_get_suffix (a), -1), ==, MG_CONTEXT_LENGTH);
  p = g_utf8_offset_to_pointer (speech, start - MG_CONTEXT_LENGTH);
  expected_prefix = g_strndup (p, g_utf8_offset_to_pointer (speech, start) - p);
  g_assert_cmpstr (mg_annotation_get_prefix (a), ==, expected_prefix);
  g_assert_true (g_str_has_suffix (mg_annotation_get_prefix (a), "秘诀是“"));
  p = g_utf8_offset_to_pointer (speech, start + 4);
  expected_suffix = g_strndup (p, g_utf8_offset_to_pointer (speech, start + 4 + MG_CONTEXT_LENGTH) - p);
  g_assert_cmpstr (mg_annotation_get_suffix (a), ==, expected_suffix);
  g_assert_cmpuint (mg_annotation_get_paragraph (a), ==, 2);

  /* Fewer at the ends of the text. */
  first = mg_annotation_store_create (store, 0, 3, NULL, NULL, FALSE, NULL, NULL);
  g_assert_cmpstr (mg_annotation_get_quote (first), ==, "同志们");
  g_assert_cmpstr (mg_annotation_get_prefix (first), ==, "");
  g_assert_cmpuint (mg_annotation_get_paragraph (first), ==, 1);
  {
    guint length = mg_document_get_length (doc);
    MgAnnotation *last = mg_annotation_store_create (store, length - 8, length, NULL, NULL,
                                                     FALSE, NULL, NULL);

    g_assert_cmpstr (mg_annotation_get_quote (last), ==, "regions.");
    g_assert_cmpstr (mg_annotation_get_suffix (last), ==, "");
    g_assert_cmpuint (mg_annotation_get_paragraph (last), ==, 3);
  }

  /* Importers fill annotations that are not in a store. */
  {
    g_autoptr(MgAnnotation) loose = mg_annotation_new (NULL, start, start + 4);

    mg_annotation_fill_context (loose, doc);
    g_assert_cmpstr (mg_annotation_get_quote (loose), ==, "出六进四");
    g_assert_cmpstr (mg_annotation_get_prefix (loose), ==, expected_prefix);
    g_assert_cmpstr (mg_annotation_get_suffix (loose), ==, expected_suffix);
  }

  /* A quote given by the caller is kept. */
  {
    g_autoptr(MgAnnotation) given = mg_annotation_new (NULL, 0, 2);

    mg_annotation_set_quote (given, "同志");
    mg_annotation_set_prefix (given, "kept");
    g_assert_true (mg_annotation_store_add (store, given, NULL));
    g_assert_cmpstr (mg_annotation_get_prefix (given), ==, "kept");
  }

  /* Moving refreshes quote, context and paragraph. */
  g_assert_true (mg_annotation_store_set_range (store, a, offset_of ("233"), offset_of ("233") + 3, NULL));
  g_assert_cmpstr (mg_annotation_get_quote (a), ==, "233");
  g_assert_true (g_str_has_suffix (mg_annotation_get_prefix (a), "Figures: "));
  g_assert_cmpuint (mg_annotation_get_paragraph (a), ==, 3);
  g_assert_true (mg_annotation_store_undo (store));
  g_assert_cmpstr (mg_annotation_get_quote (a), ==, "出六进四");
  g_assert_cmpuint (mg_annotation_get_paragraph (a), ==, 2);

  g_assert_finalize_object (store);
  g_assert_finalize_object (doc);
}

static void
test_document_ranges (void)
{
  MgDocument *doc = mg_document_new_for_text (speech, -1, NULL);
  MgAnnotationStore *store = mg_annotation_store_new (doc, NULL);
  guint length = mg_document_get_length (doc);
  MgAnnotation *a, *orphan;
  GError *error = NULL;

  g_assert_null (mg_annotation_store_create (store, 5, 5, NULL, NULL, FALSE, NULL, &error));
  g_assert_error (error, MG_ANNOTATION_STORE_ERROR, MG_ANNOTATION_STORE_ERROR_RANGE);
  g_clear_error (&error);
  g_assert_null (mg_annotation_store_create (store, length - 1, length + 1, NULL, NULL, FALSE, NULL, &error));
  g_assert_error (error, MG_ANNOTATION_STORE_ERROR, MG_ANNOTATION_STORE_ERROR_RANGE);
  g_clear_error (&error);
  g_assert_cmpuint (mg_annotation_store_get_n_annotations (store), ==, 0);
  g_assert_false (mg_annotation_store_get_dirty (store));

  a = mg_annotation_store_create (store, length - 1, length, NULL, NULL, FALSE, NULL, &error);
  g_assert_no_error (error);
  g_assert_false (mg_annotation_store_set_range (store, a, 3, 3, &error));
  g_assert_error (error, MG_ANNOTATION_STORE_ERROR, MG_ANNOTATION_STORE_ERROR_RANGE);
  g_clear_error (&error);
  g_assert_false (mg_annotation_store_set_range (store, a, 3, length + 10, &error));
  g_assert_error (error, MG_ANNOTATION_STORE_ERROR, MG_ANNOTATION_STORE_ERROR_RANGE);
  g_clear_error (&error);

  /* Orphans keep their last known offsets, even beyond the text; their
   * quote is not refilled and they have no paragraph. */
  orphan = mg_annotation_new ("orphan", length + 5, length + 9);
  mg_annotation_set_anchor_state (orphan, MG_ANCHOR_STATE_ORPHANED);
  g_assert_true (mg_annotation_store_add (store, orphan, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (mg_annotation_get_quote (orphan), ==, "");
  g_assert_cmpuint (mg_annotation_get_paragraph (orphan), ==, 0);

  g_object_unref (orphan);
  g_assert_finalize_object (store);
  g_assert_finalize_object (doc);
}

static void
test_document_set (void)
{
  MgDocument *doc = mg_document_new_for_text (speech, -1, NULL);
  MgAnnotationStore *store = mg_annotation_store_new (NULL, NULL);
  MgAnnotation *a, *b;
  guint document_notify = 0;
  Watch w;

  a = add (store, "a", 0, 3);
  b = add (store, "b", 40, 44);
  g_assert_cmpuint (mg_annotation_get_paragraph (b), ==, 0);
  watch_init (&w, store);
  g_signal_connect_swapped (store, "notify::document", G_CALLBACK (count_calls), &document_notify);

  /* Re-anchoring changes ranges in place; set_document() then restores
   * the order and the paragraphs, without undo and without dirtying. */
  mg_annotation_store_mark_clean (store);
  mg_annotation_set_range (a, offset_of ("countries"), offset_of ("countries") + 9);
  mg_annotation_store_set_document (store, doc);
  g_assert_cmpuint (document_notify, ==, 1);
  g_assert_true (mg_annotation_store_get_document (store) == doc);
  g_assert_cmpint (mg_annotation_store_index_of (store, a), ==, 1);
  g_assert_cmpuint (mg_annotation_get_paragraph (a), ==, 3);
  g_assert_cmpuint (mg_annotation_get_paragraph (b), ==, 2);
  g_assert_false (mg_annotation_store_get_dirty (store));
  g_assert_cmpuint (w.changed, ==, 0);
  watch_check (&w);

  mg_annotation_store_set_document (store, doc);
  g_assert_cmpuint (document_notify, ==, 1);
  mg_annotation_store_set_document (store, NULL);
  g_assert_cmpuint (document_notify, ==, 2);
  g_assert_cmpuint (mg_annotation_get_paragraph (b), ==, 0);

  watch_clear (&w);
  g_assert_finalize_object (store);
  g_assert_finalize_object (doc);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/store/new", test_new);
  g_test_add_func ("/store/add-remove", test_add_remove);
  g_test_add_func ("/store/errors", test_errors);
  g_test_add_func ("/store/field-changes", test_field_changes);
  g_test_add_func ("/store/move-order", test_move_order);
  g_test_add_func ("/store/random-consistency", test_random_consistency);
  g_test_add_func ("/store/get-at", test_get_at);
  g_test_add_func ("/store/dirty-tracking", test_dirty_tracking);
  g_test_add_func ("/store/groups", test_groups);
  g_test_add_func ("/store/tag-changes", test_tag_changes);
  g_test_add_func ("/store/toggle-removes-unknown", test_toggle_removes_unknown);
  g_test_add_func ("/store/load", test_load);
  g_test_add_func ("/store/orphans", test_orphans);
  g_test_add_func ("/store/document/context", test_document_context);
  g_test_add_func ("/store/document/ranges", test_document_ranges);
  g_test_add_func ("/store/document/set", test_document_set);

  return g_test_run ();
}
