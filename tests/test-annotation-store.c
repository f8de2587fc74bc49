/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Marginalia"
#include "config.h"

#include <string.h>

#include "mg-annotation-store.h"
#include "mg-time.h"
#include "mg-annotation.h"
#include "store-watch.h"

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
  g_autofree char *now = mg_time_now_rfc3339 ();
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
  g_assert_cmpstr (mg_annotation_get_author (a), ==, mg_annotation_default_author ());
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
      else if (what < 6)
        {
          static const char * const ids[] = { "figure", "slogan", "policy-goal" };

          g_assert_true (mg_annotation_store_toggle_tag (store,
                                                         mg_annotation_store_get_annotation (store, g_rand_int_range (rand, 0, n)),
                                                         ids[g_rand_int_range (rand, 0, 3)], NULL));
        }
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
  mg_annotation_add_tag (orphan, "figure");
  g_assert_true (mg_annotation_store_add (store, orphan, NULL));
  g_object_unref (orphan);
  g_assert_true (mg_annotation_store_toggle_tag (store, whole, "figure", NULL));
  /* The pane's chips count what it lists: orphans apart. */
  g_assert_cmpuint (mg_annotation_store_count_tag (store, "figure"), ==, 2);
  g_assert_cmpuint (mg_annotation_store_count_tag_placed (store, "figure"), ==, 1);
  g_assert_cmpuint (mg_annotation_store_count_tag_placed (store, "slogan"), ==, 0);

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

  /* The index follows changes: a note leaves it, orphaning (same range)
   * and removal change it. */
  mg_annotation_store_set_note (store, whole, "still here");
  check_get_at (store, 5);
  {
    g_autoptr(MgAnnotation) values = mg_annotation_copy (whole);

    mg_annotation_set_anchor_state (values, MG_ANCHOR_STATE_ORPHANED);
    mg_annotation_store_update (store, whole, values);
    g_assert_true (mg_annotation_is_orphaned (whole));
    got = mg_annotation_store_get_at (store, 5);
    g_assert_cmpuint (got->len, ==, 0);
    g_ptr_array_unref (got);
    g_assert_true (mg_annotation_store_undo (store));
    check_get_at (store, 5);
    got = mg_annotation_store_get_at (store, 5);
    g_assert_cmpuint (got->len, ==, 1);
    g_ptr_array_unref (got);
  }
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

static void
assert_authors (MgAnnotationStore *store,
                gboolean           with_contributors,
                const char        *expected)
{
  g_auto(GStrv) names = mg_annotation_store_dup_authors (store, with_contributors);
  g_autofree char *joined = g_strjoinv (",", names);

  g_assert_cmpstr (joined, ==, expected);
}

static MgAnnotation *
add_by (MgAnnotationStore *store,
        const char        *id,
        guint              start,
        const char        *author)
{
  MgAnnotation *a = mg_annotation_new (id, start, start + 2);

  mg_annotation_set_author (a, author);
  g_assert_true (mg_annotation_store_add (store, a, NULL));
  g_object_unref (a);
  return a;
}

/* The members are counted as annotations come, go and change, through
 * undo and redo, many at once, and a load. */
static void
test_authors (void)
{
  MgAnnotationStore *store = mg_annotation_store_new (NULL, NULL);
  g_autoptr(GPtrArray) many = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) loaded = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(MgAnnotation) changed = NULL;
  const char * const helpers[] = { "Bo", "Zhou", NULL };
  g_autoptr(GError) error = NULL;
  MgAnnotation *a;

  assert_authors (store, TRUE, "");
  a = add_by (store, "a", 0, "Li");
  add_by (store, "b", 5, "Wang");
  add_by (store, "c", 9, "Li");
  assert_authors (store, FALSE, "Li,Wang");

  g_assert_true (mg_annotation_store_remove (store, mg_annotation_store_lookup (store, "b")));
  assert_authors (store, FALSE, "Li");
  g_assert_true (mg_annotation_store_undo (store));
  assert_authors (store, FALSE, "Li,Wang");
  g_assert_true (mg_annotation_store_redo (store));
  assert_authors (store, FALSE, "Li");

  /* One of Li's two changes hands and gains contributors. */
  changed = mg_annotation_copy (a);
  mg_annotation_set_author (changed, "Chen");
  mg_annotation_set_contributors (changed, helpers);
  mg_annotation_store_update (store, a, changed);
  assert_authors (store, FALSE, "Chen,Li");
  assert_authors (store, TRUE, "Bo,Chen,Li,Zhou");
  g_assert_true (mg_annotation_store_undo (store));
  assert_authors (store, TRUE, "Li");

  for (guint i = 0; i < 50; i++)
    {
      MgAnnotation *m = mg_annotation_new (NULL, 100 + i, 101 + i);

      mg_annotation_set_author (m, "Ma");
      g_ptr_array_add (many, m);
    }
  g_assert_true (mg_annotation_store_add_all (store, many, NULL, &error));
  g_assert_no_error (error);
  assert_authors (store, FALSE, "Li,Ma");
  g_assert_true (mg_annotation_store_undo (store));
  assert_authors (store, FALSE, "Li");

  g_ptr_array_add (loaded, mg_annotation_new ("z", 1, 2));
  mg_annotation_set_author (g_ptr_array_index (loaded, 0), "Xu");
  mg_annotation_store_load (store, loaded);
  assert_authors (store, TRUE, "Xu");

  g_assert_finalize_object (store);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/store/new", test_new);
  g_test_add_func ("/store/add-remove", test_add_remove);
  g_test_add_func ("/store/errors", test_errors);
  g_test_add_func ("/store/move-order", test_move_order);
  g_test_add_func ("/store/random-consistency", test_random_consistency);
  g_test_add_func ("/store/get-at", test_get_at);
  g_test_add_func ("/store/load", test_load);
  g_test_add_func ("/store/authors", test_authors);
  g_test_add_func ("/store/orphans", test_orphans);
  g_test_add_func ("/store/document/context", test_document_context);
  g_test_add_func ("/store/document/ranges", test_document_ranges);
  g_test_add_func ("/store/document/set", test_document_set);

  return g_test_run ();
}
