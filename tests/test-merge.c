/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "mg-annotation-store.h"
#include "mg-merge.h"

/* "十四五" at 12 and at 36; "12%" at 25. */
static const char *text =
  "今天召开全市大会，谋划“十四五”发展。数字经济增长12%，明年继续推进“十四五”规划落实，奋力开好局。";

typedef struct
{
  MgDocument        *doc;
  MgAnnotationStore *own;
} Fixture;

static MgAnnotation *
make (const char         *id,
      guint               start,
      guint               end,
      const char * const *tags,
      const char         *note,
      const char         *author,
      MgDocument         *doc)
{
  MgAnnotation *a = mg_annotation_new (id, start, end);

  mg_annotation_set_tags (a, tags);
  mg_annotation_set_note (a, note);
  mg_annotation_set_author (a, author);
  mg_annotation_set_created (a, "2026-11-20T08:00:00Z");
  mg_annotation_set_modified (a, "2026-11-20T08:00:00Z");
  mg_annotation_fill_context (a, doc);
  return a;
}

static const char *slogan[] = { "slogan", NULL };
static const char *figure[] = { "figure", NULL };
static const char *goal[] = { "policy-goal", NULL };

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GPtrArray) mine = g_ptr_array_new_with_free_func (g_object_unref);

  f->doc = mg_document_new_for_text (text, -1, "speech.txt");
  f->own = mg_annotation_store_new (f->doc, NULL);
  g_ptr_array_add (mine, make ("a-1", 12, 15, slogan, "the plan", "Alice", f->doc));
  g_ptr_array_add (mine, make ("a-2", 25, 28, figure, "", "Alice", f->doc));
  mg_annotation_store_load (f->own, mine);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_assert_finalize_object (f->own);
  g_assert_finalize_object (f->doc);
}

static GPtrArray *
bob_file (MgDocument *doc)
{
  GPtrArray *theirs = g_ptr_array_new_with_free_func (g_object_unref);

  /* same range, same tags, another note → merged, notes joined */
  g_ptr_array_add (theirs, make ("b-1", 12, 15, slogan, "a five-year plan", "Bob", doc));
  /* same range, other tags → a separate annotation */
  g_ptr_array_add (theirs, make ("b-2", 25, 28, goal, "", "Bob", doc));
  /* new passage */
  g_ptr_array_add (theirs, make ("b-3", 36, 41, slogan, "", "Bob", doc));
  return theirs;
}

static GPtrArray *
carol_file (MgDocument *doc)
{
  GPtrArray *theirs = g_ptr_array_new_with_free_func (g_object_unref);
  MgAnnotation *shifted;

  /* identical to Alice's figure, no note → merged, Carol a contributor */
  g_ptr_array_add (theirs, make ("c-1", 25, 28, figure, "", "Carol", doc));
  /* overlapping range with the same quote and tags as Bob's b-3 */
  shifted = make ("c-2", 37, 42, slogan, "same here", "Carol", doc);
  mg_annotation_set_quote (shifted, "十四五”规");
  g_ptr_array_add (theirs, shifted);
  g_ptr_array_add (theirs, make ("c-3", 0, 4, goal, "", "Carol", doc));
  return theirs;
}

static void
test_three_members (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GPtrArray) bob = bob_file (f->doc);
  g_autoptr(GPtrArray) carol = carol_file (f->doc);
  g_autoptr(GError) error = NULL;
  MgMergeReport report;
  MgAnnotation *a1, *a2;
  const char * const *contributors;

  g_assert_true (mg_merge_annotations (f->own, bob, NULL, NULL, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report.added, ==, 2);
  g_assert_cmpuint (report.merged, ==, 1);
  g_assert_cmpuint (report.skipped, ==, 0);
  g_assert_cmpuint (mg_annotation_store_get_n_annotations (f->own), ==, 4);

  a1 = mg_annotation_store_lookup (f->own, "a-1");
  g_assert_cmpstr (mg_annotation_get_author (a1), ==, "Alice");
  contributors = mg_annotation_get_contributors (a1);
  g_assert_cmpstr (contributors[0], ==, "Bob");
  g_assert_null (contributors[1]);
  g_assert_cmpstr (mg_annotation_get_note (a1), ==, "Alice: the plan\nBob: a five-year plan");

  g_assert_true (mg_merge_annotations (f->own, carol, NULL, NULL, &report, &error));
  g_assert_cmpuint (report.added, ==, 1);
  g_assert_cmpuint (report.merged, ==, 2);
  g_assert_cmpuint (report.skipped, ==, 0);
  g_assert_cmpuint (mg_annotation_store_get_n_annotations (f->own), ==, 5);

  a2 = mg_annotation_store_lookup (f->own, "a-2");
  contributors = mg_annotation_get_contributors (a2);
  g_assert_cmpstr (contributors[0], ==, "Carol");
  g_assert_cmpstr (mg_annotation_get_note (a2), ==, "");

  /* Bob's b-3 took Carol's note and Carol as a contributor. */
  {
    MgAnnotation *b3 = mg_annotation_store_lookup (f->own, "b-3");
    g_assert_nonnull (b3);
    g_assert_cmpstr (mg_annotation_get_author (b3), ==, "Bob");
    g_assert_cmpstr (mg_annotation_get_contributors (b3)[0], ==, "Carol");
    g_assert_cmpstr (mg_annotation_get_note (b3), ==, "Carol: same here");
  }

  /* Merging the same files again changes nothing. */
  g_assert_true (mg_merge_annotations (f->own, bob, NULL, NULL, &report, &error));
  g_assert_cmpuint (report.added + report.merged, ==, 0);
  g_assert_cmpuint (report.skipped, ==, 3);
  g_assert_true (mg_merge_annotations (f->own, carol, NULL, NULL, &report, &error));
  g_assert_cmpuint (report.added + report.merged, ==, 0);
  g_assert_cmpuint (mg_annotation_store_get_n_annotations (f->own), ==, 5);
}

static void
test_undo (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(GPtrArray) bob = bob_file (f->doc);
  MgMergeReport report;
  MgAnnotation *a1;

  g_assert_true (mg_merge_annotations (f->own, bob, NULL, "Merge Bob", &report, NULL));
  g_assert_cmpstr (mg_annotation_store_get_undo_label (f->own), ==, "Merge Bob");
  g_assert_true (mg_annotation_store_undo (f->own));
  g_assert_cmpuint (mg_annotation_store_get_n_annotations (f->own), ==, 2);
  a1 = mg_annotation_store_lookup (f->own, "a-1");
  g_assert_cmpstr (mg_annotation_get_note (a1), ==, "the plan");
  g_assert_null (mg_annotation_get_contributors (a1)[0]);
  g_assert_false (mg_annotation_store_can_undo (f->own));

  g_assert_true (mg_annotation_store_redo (f->own));
  g_assert_cmpuint (mg_annotation_store_get_n_annotations (f->own), ==, 4);
  g_assert_cmpstr (mg_annotation_get_contributors (a1)[0], ==, "Bob");
}

static void
test_new_tags (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(MgTagSet) theirs_tags = mg_tag_set_new_default ();
  g_autoptr(MgTag) reform = mg_tag_new ("reform", "改革", "#9141ac", "reform measures");
  g_autoptr(GPtrArray) theirs = g_ptr_array_new_with_free_func (g_object_unref);
  const char *reform_ids[] = { "reform", NULL };
  const char *bare_ids[] = { "energy", NULL };
  MgTag *added;
  MgMergeReport report;

  g_assert_true (mg_tag_set_insert (theirs_tags, -1, reform, NULL));
  g_ptr_array_add (theirs, make ("d-1", 19, 23, reform_ids, "", "Dan", f->doc));
  g_ptr_array_add (theirs, make ("d-2", 0, 2, bare_ids, "", "Dan", f->doc));

  g_assert_true (mg_merge_annotations (f->own, theirs, theirs_tags, NULL, &report, NULL));
  g_assert_cmpuint (report.added, ==, 2);
  added = mg_tag_set_lookup (mg_annotation_store_get_tag_set (f->own), "reform");
  g_assert_nonnull (added);
  g_assert_cmpstr (mg_tag_get_name (added), ==, "改革");
  g_assert_cmpstr (mg_tag_get_color (added), ==, "#9141ac");
  added = mg_tag_set_lookup (mg_annotation_store_get_tag_set (f->own), "energy");
  g_assert_nonnull (added);
  g_assert_true (mg_tag_color_is_valid (mg_tag_get_color (added)));

  /* One step undoes the tags too. */
  g_assert_true (mg_annotation_store_undo (f->own));
  g_assert_null (mg_tag_set_lookup (mg_annotation_store_get_tag_set (f->own), "reform"));
}

static void
test_same_id_other_content (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(GPtrArray) theirs = g_ptr_array_new_with_free_func (g_object_unref);
  MgMergeReport report;

  /* Same id as Alice's a-2 but on another passage: both are kept. */
  g_ptr_array_add (theirs, make ("a-2", 0, 4, goal, "", "Bob", f->doc));
  g_assert_true (mg_merge_annotations (f->own, theirs, NULL, NULL, &report, NULL));
  g_assert_cmpuint (report.added, ==, 1);
  g_assert_cmpuint (mg_annotation_store_get_n_annotations (f->own), ==, 3);
  g_assert_cmpuint (mg_annotation_get_start (mg_annotation_store_lookup (f->own, "a-2")), ==, 25);
}

static void
test_invalid_tag_leaves_store (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(GPtrArray) theirs = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;
  const char *bad[] = { "Not Valid", NULL };
  const char *ok[] = { "energy", NULL };

  g_ptr_array_add (theirs, make ("e-1", 0, 2, ok, "", "Eve", f->doc));
  g_ptr_array_add (theirs, make ("e-2", 0, 3, bad, "", "Eve", f->doc));
  g_assert_false (mg_merge_annotations (f->own, theirs, NULL, NULL, NULL, &error));
  g_assert_error (error, MG_TAG_SET_ERROR, MG_TAG_SET_ERROR_INVALID_ID);
  g_assert_cmpuint (mg_annotation_store_get_n_annotations (f->own), ==, 2);
  g_assert_null (mg_tag_set_lookup (mg_annotation_store_get_tag_set (f->own), "energy"));
}

static void
test_main_author (void)
{
  g_autoptr(MgDocument) doc = mg_document_new_for_text (text, -1, NULL);
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *name = NULL;
  g_autofree char *none = NULL;
  g_autofree char *tie = NULL;

  g_ptr_array_add (list, make (NULL, 0, 1, slogan, "", "Zoe", doc));
  g_ptr_array_add (list, make (NULL, 1, 2, slogan, "", "Li Wei", doc));
  g_ptr_array_add (list, make (NULL, 2, 3, slogan, "", "Zoe", doc));
  name = mg_merge_main_author (list);
  g_assert_cmpstr (name, ==, "Zoe");

  g_ptr_array_add (list, make (NULL, 3, 4, slogan, "", "Li Wei", doc));
  tie = mg_merge_main_author (list);
  g_assert_cmpstr (tie, ==, "Li Wei");

  g_ptr_array_set_size (list, 0);
  none = mg_merge_main_author (list);
  g_assert_null (none);
}

/* Tags in another order are the same tags, and contributors come out in
 * alphabetical order: both are sorted by the strings, never by where they
 * sit in memory (which changes from run to run). */
static void
test_order_of_strings (Fixture       *f,
                       gconstpointer  data)
{
  static const char *two[] = { "slogan", "figure", NULL };
  static const char *owt[] = { "figure", "slogan", NULL };
  static const char *names[] = { "Yara", "Bob", "Mia", "Anna", NULL };
  static const char *sorted[] = { "Anna", "Bob", "Mia", "Yara", "Zoe", NULL };
  g_autoptr(GPtrArray) mine = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) theirs = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;
  MgMergeReport report;
  MgAnnotation *folded;

  /* Many pairs, so that an order taken from addresses would differ for
   * some of them. */
  for (guint i = 0; i < 40; i++)
    {
      g_autofree char *ours = g_strdup_printf ("o-%u", i);
      g_autofree char *other = g_strdup_printf ("t-%u", i);

      g_ptr_array_add (mine, make (ours, i, i + 2, two, "", "Alice", f->doc));
      g_ptr_array_add (theirs, make (other, i, i + 2, owt, "", "Zoe", f->doc));
    }
  mg_annotation_set_contributors (g_ptr_array_index (theirs, 7), names);
  mg_annotation_store_load (f->own, mine);

  g_assert_true (mg_merge_annotations (f->own, theirs, NULL, NULL, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report.added, ==, 0);
  g_assert_cmpuint (report.merged, ==, 40);
  g_assert_cmpuint (mg_annotation_store_get_n_annotations (f->own), ==, 40);

  folded = mg_annotation_store_lookup (f->own, "o-7");
  g_assert_cmpstrv (mg_annotation_get_contributors (folded), sorted);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/merge/three-members", Fixture, NULL, fixture_set_up, test_three_members, fixture_tear_down);
  g_test_add ("/merge/undo", Fixture, NULL, fixture_set_up, test_undo, fixture_tear_down);
  g_test_add ("/merge/new-tags", Fixture, NULL, fixture_set_up, test_new_tags, fixture_tear_down);
  g_test_add ("/merge/same-id-other-content", Fixture, NULL, fixture_set_up, test_same_id_other_content, fixture_tear_down);
  g_test_add ("/merge/invalid-tag", Fixture, NULL, fixture_set_up, test_invalid_tag_leaves_store, fixture_tear_down);
  g_test_add ("/merge/order-of-strings", Fixture, NULL, fixture_set_up, test_order_of_strings, fixture_tear_down);
  g_test_add_func ("/merge/main-author", test_main_author);

  return g_test_run ();
}
