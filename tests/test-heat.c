/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "mg-heat.h"

static const char *slogan[] = { "slogan", NULL };
static const char *figure[] = { "figure", NULL };

static MgAnnotationStore *
member (MgDocument   *doc,
        const guint  *ranges,   /* start, end, tag (0 slogan, 1 figure), … */
        guint         n_ranges)
{
  MgAnnotationStore *store = mg_annotation_store_new (doc, NULL);
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < n_ranges; i++)
    {
      mg_annotation_store_create (store, ranges[3 * i], ranges[3 * i + 1],
                                  ranges[3 * i + 2] == 0 ? slogan : figure,
                                  NULL, FALSE, "Someone", &error);
      g_assert_no_error (error);
    }
  return store;
}

static void
check (GArray      *segments,
       const guint *expected,   /* start, end, count, … */
       guint        n_expected)
{
  g_assert_cmpuint (segments->len, ==, n_expected);
  for (guint i = 0; i < n_expected; i++)
    {
      MgHeatSegment *s = &g_array_index (segments, MgHeatSegment, i);

      g_assert_cmpuint (s->start, ==, expected[3 * i]);
      g_assert_cmpuint (s->end, ==, expected[3 * i + 1]);
      g_assert_cmpuint (s->count, ==, expected[3 * i + 2]);
    }
}

/* Counts computed one code point at a time, the obvious way. */
static void
check_against_naive (GPtrArray  *stores,
                     GArray     *segments,
                     guint       length,
                     const char *tag_id)
{
  g_autofree guint *counts = g_new0 (guint, length);
  g_autofree guint *from_segments = g_new0 (guint, length);

  for (guint s = 0; s < stores->len; s++)
    {
      MgAnnotationStore *store = g_ptr_array_index (stores, s);
      g_autofree gboolean *covered = g_new0 (gboolean, length);

      for (guint i = 0; i < mg_annotation_store_get_n_annotations (store); i++)
        {
          MgAnnotation *a = mg_annotation_store_get_annotation (store, i);

          if (mg_annotation_is_orphaned (a) || (tag_id != NULL && !mg_annotation_has_tag (a, tag_id)))
            continue;
          for (guint u = mg_annotation_get_start (a); u < mg_annotation_get_end (a); u++)
            covered[u] = TRUE;
        }
      for (guint u = 0; u < length; u++)
        counts[u] += covered[u];
    }

  for (guint i = 0; i < segments->len; i++)
    {
      MgHeatSegment *seg = &g_array_index (segments, MgHeatSegment, i);

      g_assert_cmpuint (seg->start, <, seg->end);
      g_assert_cmpuint (seg->count, >=, 1);
      if (i > 0)
        {
          MgHeatSegment *prev = &g_array_index (segments, MgHeatSegment, i - 1);

          g_assert_cmpuint (prev->end, <=, seg->start);
          g_assert_true (prev->end < seg->start || prev->count != seg->count);
        }
      for (guint u = seg->start; u < seg->end; u++)
        from_segments[u] = seg->count;
    }
  for (guint u = 0; u < length; u++)
    g_assert_cmpuint (from_segments[u], ==, counts[u]);
}

static void
test_three_members (void)
{
  g_autofree char *text = g_strnfill (60, 'x');
  g_autoptr(MgDocument) doc = mg_document_new_for_text (text, -1, "x.txt");
  g_autoptr(GPtrArray) stores = g_ptr_array_new_with_free_func (g_object_unref);
  /* Alice: 0-10 and an overlapping 5-15 of her own (counts once), 40-45. */
  const guint alice[] = { 0, 10, 0,  5, 15, 1,  40, 45, 0 };
  /* Bob: 8-20. */
  const guint bob[] = { 8, 20, 0 };
  /* Carol: 10-12, touching 12-14, and 44-50. */
  const guint carol[] = { 10, 12, 1,  12, 14, 0,  44, 50, 1 };
  const guint expected[] = {
    0, 8, 1,   8, 10, 2,   10, 14, 3,   14, 15, 2,   15, 20, 1,
    40, 44, 1,   44, 45, 2,   45, 50, 1,
  };
  const guint expected_slogan[] = {
    0, 8, 1,   8, 10, 2,   10, 12, 1,   12, 14, 2,   14, 20, 1,   40, 45, 1,
  };
  g_autoptr(GArray) segments = NULL;
  g_autoptr(GArray) slogans = NULL;

  g_ptr_array_add (stores, member (doc, alice, 3));
  g_ptr_array_add (stores, member (doc, bob, 1));
  g_ptr_array_add (stores, member (doc, carol, 3));

  segments = mg_heat_compute (stores, NULL);
  check (segments, expected, G_N_ELEMENTS (expected) / 3);
  g_assert_cmpuint (mg_heat_max_count (segments), ==, 3);
  check_against_naive (stores, segments, 60, NULL);

  slogans = mg_heat_compute (stores, "slogan");
  check (slogans, expected_slogan, G_N_ELEMENTS (expected_slogan) / 3);
  check_against_naive (stores, slogans, 60, "slogan");
}

static void
test_empty_and_orphans (void)
{
  g_autoptr(MgDocument) doc = mg_document_new_for_text ("abcdefghij", -1, "x.txt");
  g_autoptr(GPtrArray) stores = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GArray) none = mg_heat_compute (stores, NULL);
  g_autoptr(GArray) segments = NULL;
  g_autoptr(MgAnnotation) orphan = mg_annotation_new (NULL, 2, 5);
  const guint one[] = { 1, 3, 0 };
  const guint expected[] = { 1, 3, 1 };
  g_autoptr(GError) error = NULL;

  g_assert_cmpuint (none->len, ==, 0);
  g_assert_cmpuint (mg_heat_max_count (none), ==, 0);

  g_ptr_array_add (stores, member (doc, one, 1));
  mg_annotation_set_quote (orphan, "zzz");
  mg_annotation_set_anchor_state (orphan, MG_ANCHOR_STATE_ORPHANED);
  mg_annotation_store_add (g_ptr_array_index (stores, 0), orphan, &error);
  g_assert_no_error (error);
  g_ptr_array_add (stores, mg_annotation_store_new (doc, NULL));

  segments = mg_heat_compute (stores, NULL);
  check (segments, expected, 1);
}

static void
test_random_against_naive (void)
{
  g_autofree char *text = g_strnfill (500, 'x');
  g_autoptr(MgDocument) doc = mg_document_new_for_text (text, -1, "x.txt");
  GRand *rand = g_rand_new_with_seed (42);

  for (guint round = 0; round < 20; round++)
    {
      g_autoptr(GPtrArray) stores = g_ptr_array_new_with_free_func (g_object_unref);
      g_autoptr(GArray) segments = NULL;
      guint n_members = g_rand_int_range (rand, 1, 6);

      for (guint m = 0; m < n_members; m++)
        {
          guint n = g_rand_int_range (rand, 0, 30);
          g_autofree guint *ranges = g_new (guint, 3 * MAX (n, 1));

          for (guint i = 0; i < n; i++)
            {
              guint start = g_rand_int_range (rand, 0, 499);

              ranges[3 * i] = start;
              ranges[3 * i + 1] = g_rand_int_range (rand, start + 1, MIN (start + 60, 500) + 1);
              ranges[3 * i + 2] = g_rand_int_range (rand, 0, 2);
            }
          g_ptr_array_add (stores, member (doc, ranges, n));
        }

      segments = mg_heat_compute (stores, NULL);
      check_against_naive (stores, segments, 500, NULL);
      g_clear_pointer (&segments, g_array_unref);
      segments = mg_heat_compute (stores, "figure");
      check_against_naive (stores, segments, 500, "figure");
    }
  g_rand_free (rand);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/heat/three-members", test_three_members);
  g_test_add_func ("/heat/empty-and-orphans", test_empty_and_orphans);
  g_test_add_func ("/heat/random-against-naive", test_random_against_naive);

  return g_test_run ();
}
