/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "mg-agreement.h"

static MgAgreementResult *
find_result (GPtrArray  *results,
             const char *tag)
{
  for (guint i = 0; i < results->len; i++)
    {
      MgAgreementResult *r = g_ptr_array_index (results, i);
      if (g_strcmp0 (r->tag_id, tag) == 0)
        return r;
    }
  return NULL;
}

static void
test_perfect (void)
{
  g_autoptr(MgAgreement) a = mg_agreement_new (100, 2);
  g_autoptr(GPtrArray) results = NULL;
  MgAgreementResult *r;

  mg_agreement_add_range (a, 0, "slogan", 10, 20);
  mg_agreement_add_range (a, 1, "slogan", 10, 20);
  results = mg_agreement_compute (a);
  g_assert_cmpuint (results->len, ==, 1);
  r = find_result (results, "slogan");
  g_assert_nonnull (r);
  g_assert_cmpint (r->method, ==, MG_AGREEMENT_COHEN);
  g_assert_cmpfloat_with_epsilon (r->kappa, 1.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (r->overlap, 1.0, 1e-12);
  g_assert_cmpuint (r->units_all, ==, 10);
  g_assert_cmpuint (r->units_any, ==, 10);
}

static void
test_disjoint (void)
{
  g_autoptr(MgAgreement) a = mg_agreement_new (10, 2);
  g_autoptr(GPtrArray) results = NULL;
  MgAgreementResult *r;

  mg_agreement_add_range (a, 0, "figure", 0, 5);
  mg_agreement_add_range (a, 1, "figure", 5, 10);
  results = mg_agreement_compute (a);
  r = find_result (results, "figure");
  /* po = 0, pe = 0.5: kappa = -1 */
  g_assert_cmpfloat_with_epsilon (r->kappa, -1.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (r->overlap, 0.0, 1e-12);
}

static void
test_chance (void)
{
  g_autoptr(MgAgreement) a = mg_agreement_new (4, 2);
  g_autoptr(GPtrArray) results = NULL;
  MgAgreementResult *r;

  /* one unit each of: both, only A, only B, neither */
  mg_agreement_add_range (a, 0, "t", 0, 2);
  mg_agreement_add_range (a, 1, "t", 0, 1);
  mg_agreement_add_range (a, 1, "t", 2, 3);
  results = mg_agreement_compute (a);
  r = find_result (results, "t");
  g_assert_cmpfloat_with_epsilon (r->kappa, 0.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (r->overlap, 1.0 / 3.0, 1e-12);
}

static void
test_cohen_by_hand (void)
{
  g_autoptr(MgAgreement) a = mg_agreement_new (10, 2);
  g_autoptr(GPtrArray) results = NULL;
  MgAgreementResult *r;

  /* both 4, only A 2, neither 4: po = 0.8, pe = 0.6·0.4 + 0.4·0.6 = 0.48 */
  mg_agreement_add_range (a, 0, "policy-goal", 0, 6);
  mg_agreement_add_range (a, 1, "policy-goal", 0, 4);
  results = mg_agreement_compute (a);
  r = find_result (results, "policy-goal");
  g_assert_cmpfloat_with_epsilon (r->kappa, (0.8 - 0.48) / 0.52, 1e-12);
  g_assert_cmpfloat_with_epsilon (r->overlap, 4.0 / 6.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (mg_agreement_cohen_kappa (4, 2, 0, 4), (0.8 - 0.48) / 0.52, 1e-12);
}

static void
test_fleiss_by_hand (void)
{
  g_autoptr(MgAgreement) a = mg_agreement_new (4, 3);
  g_autoptr(GPtrArray) results = NULL;
  guint counts[] = { 3, 2, 0, 1 };
  MgAgreementResult *r;

  /* Units in for 3, 2, 0 and 1 of 3 members: P̄ = 2/3, p = 1/2, Pe = 1/2,
   * kappa = (2/3 − 1/2) / (1/2) = 1/3. */
  mg_agreement_add_range (a, 0, "slogan", 0, 2);
  mg_agreement_add_range (a, 1, "slogan", 0, 2);
  mg_agreement_add_range (a, 2, "slogan", 0, 1);
  mg_agreement_add_range (a, 2, "slogan", 3, 4);
  results = mg_agreement_compute (a);
  r = find_result (results, "slogan");
  g_assert_cmpint (r->method, ==, MG_AGREEMENT_FLEISS);
  g_assert_cmpfloat_with_epsilon (r->kappa, 1.0 / 3.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (r->overlap, 1.0 / 3.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (mg_agreement_fleiss_kappa (counts, 4, 3), 1.0 / 3.0, 1e-12);
}

static void
test_fleiss_perfect_and_degenerate (void)
{
  guint all_out[] = { 0, 0, 0 };
  guint all_in[] = { 4, 4, 4 };
  guint mixed[] = { 4, 0, 4, 0 };

  g_assert_cmpfloat_with_epsilon (mg_agreement_fleiss_kappa (all_out, 3, 4), 1.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (mg_agreement_fleiss_kappa (all_in, 3, 4), 1.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (mg_agreement_fleiss_kappa (mixed, 4, 4), 1.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (mg_agreement_cohen_kappa (0, 0, 0, 10), 1.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (mg_agreement_cohen_kappa (10, 0, 0, 0), 1.0, 1e-12);
}

static void
test_overlapping_ranges_count_once (void)
{
  g_autoptr(MgAgreement) a = mg_agreement_new (10, 2);
  g_autoptr(GPtrArray) results = NULL;
  MgAgreementResult *r;

  mg_agreement_add_range (a, 0, "t", 0, 6);
  mg_agreement_add_range (a, 0, "t", 2, 4);
  mg_agreement_add_range (a, 0, "t", 0, 4);
  mg_agreement_add_range (a, 1, "t", 0, 4);
  results = mg_agreement_compute (a);
  r = find_result (results, "t");
  g_assert_cmpuint (r->units_any, ==, 6);
  g_assert_cmpuint (r->units_all, ==, 4);
  g_assert_cmpfloat_with_epsilon (r->kappa, (0.8 - 0.48) / 0.52, 1e-12);
}

static void
test_unused_and_clamped (void)
{
  g_autoptr(MgAgreement) a = mg_agreement_new (10, 2);
  g_autoptr(GPtrArray) results = NULL;
  MgAgreementResult *r;

  /* A range beyond the text: the tag was used, but covers no unit. */
  mg_agreement_add_range (a, 0, "ghost", 20, 30);
  mg_agreement_add_range (a, 1, "figure", 8, 50);
  results = mg_agreement_compute (a);
  g_assert_cmpuint (results->len, ==, 2);
  g_assert_cmpstr (((MgAgreementResult *) results->pdata[0])->tag_id, ==, "figure");
  r = find_result (results, "ghost");
  g_assert_cmpfloat (r->overlap, <, 0.0);
  g_assert_cmpfloat_with_epsilon (r->kappa, 1.0, 1e-12);
  r = find_result (results, "figure");
  g_assert_cmpuint (r->units_any, ==, 2);
}

/* An independent, unit-by-unit computation on random data. */
static void
test_random_against_naive (void)
{
  const guint length = 500, members = 4;
  g_autoptr(GRand) rand = g_rand_new_with_seed (42);

  for (guint round = 0; round < 20; round++)
    {
      guint m = 2 + round % (members - 1);
      g_autoptr(MgAgreement) a = mg_agreement_new (length, m);
      g_autofree gboolean *in = g_new0 (gboolean, length * m);
      g_autofree guint *counts = g_new0 (guint, length);
      g_autoptr(GPtrArray) results = NULL;
      MgAgreementResult *r;
      guint any = 0, all = 0;

      for (guint k = 0; k < 30; k++)
        {
          guint member = g_rand_int_range (rand, 0, m);
          guint start = g_rand_int_range (rand, 0, length);
          guint span = g_rand_int_range (rand, 1, 40);
          guint end = MIN (length, start + span);

          mg_agreement_add_range (a, member, "t", start, end);
          for (guint u = start; u < end; u++)
            in[member * length + u] = TRUE;
        }
      for (guint u = 0; u < length; u++)
        {
          for (guint member = 0; member < m; member++)
            counts[u] += in[member * length + u] ? 1 : 0;
          any += counts[u] > 0;
          all += counts[u] == m;
        }

      results = mg_agreement_compute (a);
      r = find_result (results, "t");
      g_assert_cmpuint (r->units_any, ==, any);
      g_assert_cmpuint (r->units_all, ==, all);
      if (m == 2)
        {
          guint64 both = 0, oa = 0, ob = 0, neither = 0;
          for (guint u = 0; u < length; u++)
            {
              gboolean x = in[u], y = in[length + u];
              both += x && y;
              oa += x && !y;
              ob += !x && y;
              neither += !x && !y;
            }
          g_assert_cmpfloat_with_epsilon (r->kappa, mg_agreement_cohen_kappa (both, oa, ob, neither), 1e-12);
        }
      else
        g_assert_cmpfloat_with_epsilon (r->kappa, mg_agreement_fleiss_kappa (counts, length, m), 1e-12);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/agreement/perfect", test_perfect);
  g_test_add_func ("/agreement/disjoint", test_disjoint);
  g_test_add_func ("/agreement/chance", test_chance);
  g_test_add_func ("/agreement/cohen-by-hand", test_cohen_by_hand);
  g_test_add_func ("/agreement/fleiss-by-hand", test_fleiss_by_hand);
  g_test_add_func ("/agreement/degenerate", test_fleiss_perfect_and_degenerate);
  g_test_add_func ("/agreement/overlapping-ranges", test_overlapping_ranges_count_once);
  g_test_add_func ("/agreement/unused-and-clamped", test_unused_and_clamped);
  g_test_add_func ("/agreement/random-against-naive", test_random_against_naive);

  return g_test_run ();
}
