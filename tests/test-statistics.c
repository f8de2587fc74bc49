/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Marginalia"
#include "config.h"

#include "export-fixture.h"
#include "mg-statistics.h"

static MgStatistics *
statistics_of (MgAnnotationStore *store)
{
  return mg_statistics_new_for_stores (&store, NULL, 1);
}

static guint
row_of (MgStatistics *stats,
        const char   *tag_id)
{
  int row = mg_statistics_find_tag_row (stats, tag_id);

  g_assert_cmpint (row, >=, 0);
  return (guint) row;
}

static const MgStatisticsMember *
member_named (MgStatistics *stats,
              const char   *author)
{
  for (guint i = 0; i < mg_statistics_get_n_members (stats); i++)
    if (g_str_equal (mg_statistics_get_member (stats, i)->author, author))
      return mg_statistics_get_member (stats, i);
  g_assert_not_reached ();
  return NULL;
}

/* Rows and members of the Chinese fixture: 8 annotations, one with two
 * tags, one untagged, one orphan. */
static void
test_rows_and_members (void)
{
  g_autoptr(MgAnnotationStore) store = fixture_store_zh ();
  g_autoptr(MgStatistics) stats = statistics_of (store);
  const MgStatisticsMember *li, *wang;
  const MgStatisticsRow *row;
  guint policy, figure, slogan;

  g_assert_cmpuint (mg_statistics_get_n_items (stats), ==, 8);
  /* Three tags, untagged, orphaned. */
  g_assert_cmpuint (mg_statistics_get_n_rows (stats), ==, 5);
  policy = row_of (stats, "policy-goal");
  figure = row_of (stats, "figure");
  slogan = row_of (stats, "slogan");
  g_assert_cmpuint (policy, ==, 0);
  g_assert_cmpuint (mg_statistics_get_row (stats, policy)->count, ==, 2);
  g_assert_cmpuint (mg_statistics_get_row (stats, figure)->count, ==, 3);
  g_assert_cmpuint (mg_statistics_get_row (stats, slogan)->count, ==, 2);
  g_assert_cmpstr (mg_statistics_get_row (stats, figure)->color, ==,
                   mg_tag_get_color (mg_tag_set_lookup (mg_annotation_store_get_tag_set (store), "figure")));
  row = mg_statistics_get_row (stats, 3);
  g_assert_cmpint (row->kind, ==, MG_STATISTICS_ROW_UNTAGGED);
  g_assert_null (row->tag_id);
  g_assert_cmpuint (row->count, ==, 1);
  row = mg_statistics_get_row (stats, 4);
  g_assert_cmpint (row->kind, ==, MG_STATISTICS_ROW_ORPHANED);
  g_assert_cmpuint (row->count, ==, 1);
  g_assert_cmpuint (mg_statistics_get_max_row_count (stats), ==, 3);
  g_assert_cmpint (mg_statistics_find_tag_row (stats, "nonesuch"), ==, -1);

  /* Members: most first; each one's annotations per row. */
  g_assert_cmpuint (mg_statistics_get_n_members (stats), ==, 2);
  g_assert_cmpstr (mg_statistics_get_member (stats, 0)->author, ==, "李伟");
  li = member_named (stats, "李伟");
  wang = member_named (stats, "Wang Fang");
  g_assert_cmpuint (li->count, ==, 5);
  g_assert_cmpuint (wang->count, ==, 3);
  g_assert_cmpuint (li->row_counts[policy], ==, 2);
  g_assert_cmpuint (li->row_counts[figure], ==, 3);
  g_assert_cmpuint (li->row_counts[slogan], ==, 0);
  g_assert_cmpuint (li->row_counts[3], ==, 1);
  g_assert_cmpuint (li->row_counts[4], ==, 0);
  g_assert_cmpuint (wang->row_counts[slogan], ==, 2);
  g_assert_cmpuint (wang->row_counts[4], ==, 1);
  /* The annotation with two tags counts in both. */
  g_assert_cmpuint (mg_statistics_member_total (li, 5), ==, 6);
  g_assert_cmpuint (mg_statistics_get_max_member_total (stats), ==, 6);
}

/* Marks: one per placed annotation and row, at its place; none for the
 * orphan. Bins, runs and the lookup of a click. */
static void
test_marks (void)
{
  g_autoptr(MgAnnotationStore) store = fixture_store_zh ();
  g_autoptr(MgStatistics) stats = statistics_of (store);
  g_autoptr(GArray) strip_rows = mg_statistics_dup_strip_rows (stats);
  MgDocument *document = mg_annotation_store_get_document (store);
  const MgStatisticsSpeech *speech = mg_statistics_get_speech (stats, 0);
  const MgStatisticsMark *marks;
  const MgStatisticsMark *found;
  MgAnnotation *annotation;
  guint n_marks, figure, n_bins = 100;
  guint bins[100];
  guint total = 0;
  g_autoptr(GArray) runs = NULL;

  g_assert_cmpuint (mg_statistics_get_n_speeches (stats), ==, 1);
  g_assert_cmpuint (speech->length, ==, mg_document_get_length (document));
  g_assert_cmpstr (speech->title, ==, mg_document_get_title (document));
  /* Placed rows only: not the orphans'. */
  g_assert_cmpuint (strip_rows->len, ==, 4);
  g_assert_cmpuint (g_array_index (strip_rows, guint, 3), ==, 3);

  marks = mg_statistics_get_marks (stats, 0, &n_marks);
  /* 7 placed annotations, one of them in two rows. */
  g_assert_cmpuint (n_marks, ==, 8);
  for (guint i = 1; i < n_marks; i++)
    g_assert_true (marks[i - 1].row < marks[i].row
                   || (marks[i - 1].row == marks[i].row && marks[i - 1].start <= marks[i].start));
  for (guint i = 0; i < n_marks; i++)
    {
      annotation = mg_annotation_store_lookup (store, marks[i].annotation_id);
      g_assert_nonnull (annotation);
      g_assert_false (mg_annotation_is_orphaned (annotation));
      g_assert_cmpuint (marks[i].start, ==, mg_annotation_get_start (annotation));
      g_assert_cmpuint (marks[i].end, ==, mg_annotation_get_end (annotation));
    }

  figure = row_of (stats, "figure");
  mg_statistics_count_bins (stats, 0, figure, n_bins, bins);
  for (guint b = 0; b < n_bins; b++)
    total += bins[b];
  /* Each of the three figures in the bins its code points fall in. */
  {
    guint expected = 0;

    for (guint i = 0; i < n_marks; i++)
      if (marks[i].row == figure)
        expected += (marks[i].end * n_bins + speech->length - 1) / speech->length
                    - marks[i].start * n_bins / speech->length;
    g_assert_cmpuint (expected, >=, 3);
    g_assert_cmpuint (total, ==, expected);
  }
  annotation = mg_annotation_store_lookup (store, "0b6a1c1e-1a51-4c55-9d0e-000000000001");
  g_assert_cmpuint (bins[(guint64) mg_annotation_get_start (annotation) * n_bins / speech->length], >, 0);

  runs = mg_statistics_dup_runs (stats, 0, figure, n_bins);
  g_assert_cmpuint (runs->len % 2, ==, 0);
  g_assert_cmpuint (runs->len / 2, >=, 1);
  g_assert_cmpuint (runs->len / 2, <=, 3);
  for (guint k = 0; k < runs->len; k += 2)
    {
      g_assert_cmpuint (g_array_index (runs, guint, k), <, g_array_index (runs, guint, k + 1));
      g_assert_cmpuint (bins[g_array_index (runs, guint, k)], >, 0);
    }

  /* A click inside, near, and far from an annotation. */
  found = mg_statistics_find_mark (stats, 0, figure, mg_annotation_get_start (annotation) + 1, 0);
  g_assert_nonnull (found);
  g_assert_cmpstr (found->annotation_id, ==, mg_annotation_get_id (annotation));
  found = mg_statistics_find_mark (stats, 0, figure, mg_annotation_get_end (annotation) + 2, 3);
  g_assert_nonnull (found);
  g_assert_cmpstr (found->annotation_id, ==, mg_annotation_get_id (annotation));
  g_assert_null (mg_statistics_find_mark (stats, 0, figure, mg_annotation_get_end (annotation) + 2, 1));
  g_assert_null (mg_statistics_find_mark (stats, 0, row_of (stats, "slogan"), 0, 0));
}

/* A study: one strip per speech, tags united, counts over both. */
static void
test_several_speeches (void)
{
  g_autoptr(MgAnnotationStore) zh = fixture_store_zh ();
  g_autoptr(MgAnnotationStore) en = fixture_store_en ();
  MgAnnotationStore *stores[] = { zh, en };
  const char *paths[] = { "zh.txt", "en.txt" };
  g_autoptr(MgStatistics) stats = mg_statistics_new_for_stores (stores, paths, 2);
  guint n_zh, n_en;

  g_assert_cmpuint (mg_statistics_get_n_items (stats), ==, 15);
  g_assert_cmpuint (mg_statistics_get_n_speeches (stats), ==, 2);
  g_assert_cmpuint (mg_statistics_get_speech (stats, 0)->n_items, ==, 8);
  g_assert_cmpuint (mg_statistics_get_speech (stats, 1)->n_items, ==, 7);
  g_assert_cmpuint (mg_statistics_get_speech (stats, 1)->length, ==,
                    mg_document_get_length (mg_annotation_store_get_document (en)));
  g_assert_cmpuint (mg_statistics_get_row (stats, row_of (stats, "figure"))->count, ==, 6);
  g_assert_cmpuint (mg_statistics_get_row (stats, row_of (stats, "slogan"))->count, ==, 4);
  g_assert_cmpuint (mg_statistics_get_n_members (stats), ==, 4);
  mg_statistics_get_marks (stats, 0, &n_zh);
  mg_statistics_get_marks (stats, 1, &n_en);
  g_assert_cmpuint (n_zh, ==, 8);
  g_assert_cmpuint (mg_statistics_count_marks (stats, 0, row_of (stats, "figure")), ==, 3);
  g_assert_cmpuint (mg_statistics_count_marks (stats, 1, row_of (stats, "figure")), ==, 3);
  g_assert_cmpuint (mg_statistics_count_marks (stats, 1, row_of (stats, "policy-goal")), ==, 1);
  /* 6 placed, one with two tags. */
  g_assert_cmpuint (n_en, ==, 7);
}

/* Nothing to count, and annotations without a text. */
static void
test_edges (void)
{
  g_autoptr(MgDocument) document = fixture_load_document ("speech-en.txt");
  g_autoptr(MgAnnotationStore) empty = mg_annotation_store_new (document, NULL);
  g_autoptr(MgStatistics) stats = statistics_of (empty);
  g_autoptr(GArray) strip_rows = mg_statistics_dup_strip_rows (stats);
  g_autoptr(GArray) runs = mg_statistics_dup_runs (stats, 0, 0, 50);
  guint bins[4] = { 9, 9, 9, 9 };

  g_assert_cmpuint (mg_statistics_get_n_items (stats), ==, 0);
  g_assert_cmpuint (mg_statistics_get_n_members (stats), ==, 0);
  g_assert_cmpuint (mg_statistics_get_max_row_count (stats), ==, 0);
  g_assert_cmpuint (mg_statistics_get_max_member_total (stats), ==, 0);
  /* The tags are there, with nothing in them. */
  g_assert_cmpuint (mg_statistics_get_n_rows (stats), ==, 3);
  g_assert_cmpuint (strip_rows->len, ==, 0);
  g_assert_cmpuint (runs->len, ==, 0);
  mg_statistics_count_bins (stats, 0, 0, 4, bins);
  g_assert_cmpuint (bins[0] + bins[1] + bins[2] + bins[3], ==, 0);
  g_assert_null (mg_statistics_find_mark (stats, 0, 0, 10, 100));

  /* No document: the strip spans what the annotations cover. */
  {
    g_autoptr(MgAnnotationStore) bare = mg_annotation_store_new (NULL, NULL);
    g_autoptr(MgStatistics) bare_stats = NULL;
    g_autoptr(GError) error = NULL;
    const char *tags[] = { "figure", NULL };
    g_autoptr(MgAnnotation) a = mg_annotation_new (NULL, 10, 20);
    g_autoptr(MgAnnotation) b = mg_annotation_new (NULL, 290, 300);
    guint few[3];

    mg_annotation_set_quote (a, "0123456789");
    mg_annotation_set_tags (a, tags);
    mg_annotation_set_quote (b, "0123456789");
    mg_annotation_set_tags (b, tags);

    g_assert_true (mg_annotation_store_add (bare, a, &error));
    g_assert_no_error (error);
    g_assert_true (mg_annotation_store_add (bare, b, &error));
    g_assert_no_error (error);
    bare_stats = statistics_of (bare);
    g_assert_cmpuint (mg_statistics_get_speech (bare_stats, 0)->length, ==, 300);
    mg_statistics_count_bins (bare_stats, 0, row_of (bare_stats, "figure"), 3, few);
    g_assert_cmpuint (few[0], ==, 1);
    g_assert_cmpuint (few[1], ==, 0);
    g_assert_cmpuint (few[2], ==, 1);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/statistics/rows-and-members", test_rows_and_members);
  g_test_add_func ("/statistics/marks", test_marks);
  g_test_add_func ("/statistics/several-speeches", test_several_speeches);
  g_test_add_func ("/statistics/edges", test_edges);

  return g_test_run ();
}
