/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Marginalia"
#include "config.h"

#include <math.h>
#include <string.h>

#include "mg-agreement.h"

typedef struct
{
  guint start;
  guint end;
  guint member;
} Range;

struct _MgAgreement
{
  guint       length;
  guint       n_members;
  /* tag id → GArray of Range */
  GHashTable *ranges;
};

void
mg_agreement_result_free (MgAgreementResult *result)
{
  if (result == NULL)
    return;
  g_free (result->tag_id);
  g_free (result);
}

MgAgreement *
mg_agreement_new (guint length,
                  guint n_members)
{
  MgAgreement *self;

  g_return_val_if_fail (n_members >= 2, NULL);

  self = g_new0 (MgAgreement, 1);
  self->length = length;
  self->n_members = n_members;
  self->ranges = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                        (GDestroyNotify) g_array_unref);
  return self;
}

void
mg_agreement_free (MgAgreement *self)
{
  if (self == NULL)
    return;
  g_hash_table_unref (self->ranges);
  g_free (self);
}

void
mg_agreement_add_range (MgAgreement *self,
                        guint        member,
                        const char  *tag_id,
                        guint        start,
                        guint        end)
{
  GArray *ranges;
  Range r;

  g_return_if_fail (self != NULL);
  g_return_if_fail (member < self->n_members);
  g_return_if_fail (tag_id != NULL);

  ranges = g_hash_table_lookup (self->ranges, tag_id);
  if (ranges == NULL)
    {
      ranges = g_array_new (FALSE, FALSE, sizeof (Range));
      g_hash_table_insert (self->ranges, g_strdup (tag_id), ranges);
    }

  /* A tag counts as used even when its only range lies outside the text. */
  r.start = MIN (start, self->length);
  r.end = MIN (end, self->length);
  r.member = member;
  if (r.end < r.start)
    r.end = r.start;
  g_array_append_val (ranges, r);
}

double
mg_agreement_cohen_kappa (guint64 both,
                          guint64 only_a,
                          guint64 only_b,
                          guint64 neither)
{
  double n = (double) both + only_a + only_b + neither;
  double po, pa, pb, pe;

  if (n == 0)
    return 1.0;

  po = (both + neither) / n;
  pa = (both + only_a) / n;
  pb = (both + only_b) / n;
  pe = pa * pb + (1.0 - pa) * (1.0 - pb);

  /* Chance agreement is total only when both members gave one answer
   * everywhere; they agree on every unit exactly when that answer is the
   * same. */
  if (fabs (1.0 - pe) < 1e-12)
    return po >= 1.0 - 1e-12 ? 1.0 : 0.0;

  return (po - pe) / (1.0 - pe);
}

static double
fleiss_from_histogram (const guint64 *histogram,
                       guint          n_members,
                       guint64        n_units)
{
  double n = n_members;
  double sum_p = 0.0, sum_in = 0.0;
  double p_bar, p_in, pe;

  if (n_units == 0)
    return 1.0;

  for (guint c = 0; c <= n_members; c++)
    {
      double units = histogram[c];
      double agree_pairs;

      if (units == 0)
        continue;
      agree_pairs = (double) c * (c - 1) + (n - c) * (n - c - 1);
      sum_p += units * agree_pairs / (n * (n - 1));
      sum_in += units * c;
    }

  p_bar = sum_p / n_units;
  p_in = sum_in / (n_units * n);
  pe = p_in * p_in + (1.0 - p_in) * (1.0 - p_in);

  if (fabs (1.0 - pe) < 1e-12)
    return p_bar >= 1.0 - 1e-12 ? 1.0 : 0.0;

  return (p_bar - pe) / (1.0 - pe);
}

double
mg_agreement_fleiss_kappa (const guint *in_counts,
                           gsize        n_units,
                           guint        n_members)
{
  g_autofree guint64 *histogram = NULL;

  g_return_val_if_fail (n_members >= 2, 0.0);
  g_return_val_if_fail (in_counts != NULL || n_units == 0, 0.0);

  histogram = g_new0 (guint64, n_members + 1);
  for (gsize i = 0; i < n_units; i++)
    histogram[MIN (in_counts[i], n_members)]++;

  return fleiss_from_histogram (histogram, n_members, n_units);
}

static int
compare_range_member (gconstpointer a,
                      gconstpointer b)
{
  const Range *ra = a, *rb = b;

  if (ra->member != rb->member)
    return ra->member < rb->member ? -1 : 1;
  if (ra->start != rb->start)
    return ra->start < rb->start ? -1 : 1;
  return 0;
}

static MgAgreementResult *
compute_tag (MgAgreement *self,
             const char  *tag_id,
             GArray      *ranges,
             guint       *counts,
             guint8      *first_member)
{
  MgAgreementResult *result = g_new0 (MgAgreementResult, 1);
  g_autofree guint64 *histogram = g_new0 (guint64, self->n_members + 1);
  guint64 only_a = 0, only_b = 0;

  memset (counts, 0, sizeof (guint) * self->length);
  memset (first_member, 0, self->length);

  g_array_sort (ranges, compare_range_member);

  /* Per member, walk its ranges in order, never counting a unit twice. */
  for (guint i = 0; i < ranges->len;)
    {
      guint member = g_array_index (ranges, Range, i).member;
      guint covered_to = 0;

      for (; i < ranges->len && g_array_index (ranges, Range, i).member == member; i++)
        {
          const Range *r = &g_array_index (ranges, Range, i);
          guint from = MAX (r->start, covered_to);

          for (guint u = from; u < r->end; u++)
            {
              counts[u]++;
              if (member == 0)
                first_member[u] = 1;
            }
          covered_to = MAX (covered_to, r->end);
        }
    }

  for (guint u = 0; u < self->length; u++)
    {
      histogram[counts[u]]++;
      if (self->n_members == 2 && counts[u] == 1)
        {
          if (first_member[u])
            only_a++;
          else
            only_b++;
        }
    }

  result->tag_id = g_strdup (tag_id);
  result->units_all = histogram[self->n_members];
  result->units_any = self->length - histogram[0];
  result->overlap = result->units_any > 0
                    ? (double) result->units_all / result->units_any
                    : -1.0;

  if (self->n_members == 2)
    {
      result->method = MG_AGREEMENT_COHEN;
      result->kappa = mg_agreement_cohen_kappa (histogram[2], only_a, only_b, histogram[0]);
    }
  else
    {
      result->method = MG_AGREEMENT_FLEISS;
      result->kappa = fleiss_from_histogram (histogram, self->n_members, self->length);
    }

  return result;
}

static int
compare_results (gconstpointer a,
                 gconstpointer b)
{
  const MgAgreementResult *ra = *(MgAgreementResult * const *) a;
  const MgAgreementResult *rb = *(MgAgreementResult * const *) b;

  return strcmp (ra->tag_id, rb->tag_id);
}

GPtrArray *
mg_agreement_compute (MgAgreement *self)
{
  GPtrArray *results = g_ptr_array_new_with_free_func ((GDestroyNotify) mg_agreement_result_free);
  g_autofree guint *counts = NULL;
  g_autofree guint8 *first_member = NULL;
  GHashTableIter iter;
  gpointer key, value;

  g_return_val_if_fail (self != NULL, results);

  counts = g_new (guint, MAX (self->length, 1));
  first_member = g_malloc (MAX (self->length, 1));

  g_hash_table_iter_init (&iter, self->ranges);
  while (g_hash_table_iter_next (&iter, &key, &value))
    g_ptr_array_add (results, compute_tag (self, key, value, counts, first_member));

  g_ptr_array_sort (results, compare_results);
  return results;
}

GPtrArray *
mg_agreement_compute_stores (MgAnnotationStore * const *stores,
                             guint                      n_stores,
                             guint                      length)
{
  g_autoptr(MgAgreement) agreement = NULL;

  g_return_val_if_fail (stores != NULL && n_stores >= 2, NULL);

  agreement = mg_agreement_new (length, n_stores);
  for (guint m = 0; m < n_stores; m++)
    {
      guint n = mg_annotation_store_get_n_annotations (stores[m]);

      for (guint i = 0; i < n; i++)
        {
          MgAnnotation *a = mg_annotation_store_get_annotation (stores[m], i);
          const char * const *tags = mg_annotation_get_tags (a);
          gboolean orphaned = mg_annotation_is_orphaned (a);

          /* An orphan covers nothing, but its tag still counts as used. */
          for (guint t = 0; tags[t] != NULL; t++)
            mg_agreement_add_range (agreement, m, tags[t],
                                    orphaned ? 0 : mg_annotation_get_start (a),
                                    orphaned ? 0 : mg_annotation_get_end (a));
        }
    }
  return mg_agreement_compute (agreement);
}
