/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Marginalia"
#include "config.h"

#include <string.h>

#include "mg-anchor-index.h"
#include "mg-fold.h"
#include "mg-fuzzy.h"

/* Folding, the bit-parallel matcher against a plain dynamic programme,
 * and the q-gram index against a plain scan. */

static void
test_fold_width_and_space (void)
{
  g_autoptr(MgFolded) a = mg_folded_new ("“ 十四五 ”规划，２０２１年：（一）", -1, TRUE);
  g_autoptr(MgFolded) b = mg_folded_new ("\"十四五\"规划,2021年:(一)", -1, TRUE);
  guint start, end;

  g_assert_cmpuint (a->n, ==, b->n);
  g_assert_cmpmem (a->chars, a->n * sizeof (gunichar), b->chars, b->n * sizeof (gunichar));
  /* 十 is code point 2 of the original; 五 is code point 4. */
  mg_folded_to_original (a, 1, 4, &start, &end);
  g_assert_cmpuint (start, ==, 2);
  g_assert_cmpuint (end, ==, 5);
  g_assert_cmpuint (a->map[a->n], ==, a->orig_length);
}

static void
test_fold_invisible (void)
{
  g_autoptr(MgFolded) a = mg_folded_new ("人\n\u200b\n民\u3000代\u00a0表\ufeff", -1, TRUE);
  g_autoptr(MgFolded) b = mg_folded_new ("人民代表", -1, FALSE);
  g_autoptr(MgFolded) c = mg_folded_new ("wait… — “so”", -1, FALSE);
  g_autoptr(MgFolded) d = mg_folded_new ("wait...-\"so\"", -1, FALSE);

  g_assert_cmpuint (a->n, ==, 4);
  g_assert_cmpmem (a->chars, 4 * sizeof (gunichar), b->chars, b->n * sizeof (gunichar));
  g_assert_cmpuint (a->map[1], ==, 4);
  g_assert_cmpuint (c->n, ==, d->n);
  g_assert_cmpmem (c->chars, c->n * sizeof (gunichar), d->chars, d->n * sizeof (gunichar));
  g_assert_null (b->map);
}

/* Plain dynamic programme: free start (search) or anchored start. */
static void
dp_distances (const gunichar *p,
              guint           m,
              const gunichar *t,
              guint           n,
              gboolean        anchored,
              guint          *out)
{
  g_autofree guint *col = g_new (guint, m + 1);
  guint i, j;

  for (i = 0; i <= m; i++)
    col[i] = i;
  for (j = 0; j < n; j++)
    {
      guint diag = col[0];

      col[0] = anchored ? j + 1 : 0;
      for (i = 1; i <= m; i++)
        {
          guint up = col[i];
          guint best = diag + (p[i - 1] == t[j] ? 0 : 1);

          best = MIN (best, up + 1);
          best = MIN (best, col[i - 1] + 1);
          diag = up;
          col[i] = best;
        }
      out[j] = col[m];
    }
}

static void
test_myers_matches_dp (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (42);
  guint round;

  for (round = 0; round < 300; round++)
    {
      guint m = g_rand_int_range (rand, 1, round < 150 ? 70 : 200);
      guint n = g_rand_int_range (rand, 1, 300);
      guint alpha = g_rand_int_range (rand, 2, 6);
      g_autofree gunichar *p = g_new (gunichar, m);
      g_autofree gunichar *t = g_new (gunichar, n);
      g_autofree gunichar *tr = g_new (gunichar, n);
      g_autofree guint *want = g_new (guint, n);
      g_autofree guint *got = g_new (guint, n);
      int anchored;
      guint i;

      for (i = 0; i < m; i++)
        p[i] = 0x4E00 + g_rand_int_range (rand, 0, alpha);
      for (i = 0; i < n; i++)
        t[i] = 0x4E00 + g_rand_int_range (rand, 0, alpha);
      for (i = 0; i < n; i++)
        tr[i] = t[n - 1 - i];

      for (anchored = 0; anchored <= 1; anchored++)
        {
          g_autoptr(MgMyers) fwd = mg_myers_new (p, m);
          g_autoptr(MgMyers) rev = mg_myers_new_reversed (p, m);
          g_autofree gunichar *pr = g_new (gunichar, m);

          g_assert_cmpuint (mg_myers_get_length (fwd), ==, m);
          dp_distances (p, m, t, n, anchored, want);
          mg_myers_scan (fwd, t, n, anchored, got);
          g_assert_cmpmem (got, n * sizeof (guint), want, n * sizeof (guint));

          for (i = 0; i < m; i++)
            pr[i] = p[m - 1 - i];
          dp_distances (pr, m, tr, n, anchored, want);
          mg_myers_scan_backwards (rev, t, n, anchored, got);
          g_assert_cmpmem (got, n * sizeof (guint), want, n * sizeof (guint));
        }
    }
}

/* The longest pattern served, of all-distinct characters (the most rows):
 * built and scanned correctly against the plain programme on its ends; one
 * character more is refused, not allocated. */
static void
test_myers_longest_pattern (void)
{
  guint m = MG_MYERS_MAX_LENGTH;
  g_autofree gunichar *p = g_new (gunichar, m + 1);
  g_autofree gunichar *t = g_new (gunichar, m);
  g_autofree guint *got = g_new (guint, m);
  g_autoptr(MgMyers) fwd = NULL;
  guint i;

  for (i = 0; i <= m; i++)
    p[i] = 0x4E00 + i;
  memcpy (t, p, m * sizeof (gunichar));
  t[m / 2] = 'x';
  fwd = mg_myers_new (p, m);
  g_assert_nonnull (fwd);
  mg_myers_scan (fwd, t, m, TRUE, got);
  g_assert_cmpuint (got[m - 1], ==, 1);
  g_assert_cmpuint (got[0], ==, m - 1);

  g_assert_null (mg_myers_new (p, m + 1));
  g_assert_null (mg_myers_new_reversed (p, m + 1));
  g_assert_null (mg_myers_new (p, 0));
}

static void
test_index_find_exact (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  GString *text = g_string_new (NULL);
  MgAnchorIndex *index;
  guint round, i;

  for (i = 0; i < 5000; i++)
    {
      static const char *pieces[] = { "发展", "改革", " ", "，", "经济", "a", "b", "\n" };
      g_string_append (text, pieces[g_rand_int_range (rand, 0, G_N_ELEMENTS (pieces))]);
    }
  index = mg_anchor_index_new_for_text (text->str, text->len);
  g_assert_cmpuint (index->length, ==, g_utf8_strlen (text->str, -1));

  for (round = 0; round < 200; round++)
    {
      const MgFolded *f = index->folded;
      guint m = g_rand_int_range (rand, 1, 12);
      guint at = g_rand_int_range (rand, 0, f->n - m);
      g_autoptr(GArray) hits = mg_anchor_index_find_exact (index, f->chars + at, m, 0);
      guint n_want = 0, h = 0, s;

      for (s = 0; s + m <= f->n; s++)
        if (memcmp (f->chars + s, f->chars + at, m * sizeof (gunichar)) == 0)
          {
            g_assert_cmpuint (h, <, hits->len);
            g_assert_cmpuint (g_array_index (hits, guint, h), ==, s);
            h++;
            n_want++;
          }
      g_assert_cmpuint (hits->len, ==, n_want);
    }

  g_assert_true (mg_anchor_index_range_equals (index, 0, 0, ""));
  g_assert_false (mg_anchor_index_range_equals (index, 0, index->length + 1, ""));
  mg_anchor_index_free (index);
  g_string_free (text, TRUE);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/fold/width-and-space", test_fold_width_and_space);
  g_test_add_func ("/fold/invisible", test_fold_invisible);
  g_test_add_func ("/fuzzy/myers-matches-dp", test_myers_matches_dp);
  g_test_add_func ("/fuzzy/myers-longest-pattern", test_myers_longest_pattern);
  g_test_add_func ("/fuzzy/index-find-exact", test_index_find_exact);

  return g_test_run ();
}
