/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Marginalia"
#include "config.h"

#include <string.h>

#include "mg-anchor-index.h"
#include "mg-annotation-store.h"

/* The glue between the text-level matcher (mg-anchor-locate.c) and the
 * document and annotation objects. */

MgAnchorIndex *
mg_anchor_index_new (MgDocument *document)
{
  g_return_val_if_fail (MG_IS_DOCUMENT (document), NULL);

  return mg_anchor_index_new_for_text (mg_document_get_text (document),
                                       mg_document_get_size (document));
}

/* TRUE when the document's code points [start, end) are exactly @s. */
static gboolean
document_range_equals (MgDocument *document,
                       guint       start,
                       guint       end,
                       const char *s)
{
  gsize b0, b1;

  if (s == NULL || start > end || end > mg_document_get_length (document))
    return FALSE;
  b0 = mg_document_offset_to_byte (document, start);
  b1 = mg_document_offset_to_byte (document, end);
  return strlen (s) == b1 - b0 &&
         memcmp (mg_document_get_text (document) + b0, s, b1 - b0) == 0;
}

/* The first check, without building an index: the stored range holds the
 * quote. *@context_same tells whether prefix and suffix are unchanged too
 * (nothing to refresh). As in mg_anchor_locate(), a quote that is still
 * there but whose context changed on both sides goes on to the search,
 * where other occurrences compete with it. */
static gboolean
still_in_place (MgDocument   *document,
                MgAnnotation *annotation,
                gboolean     *context_same)
{
  guint start = mg_annotation_get_start (annotation);
  guint end = mg_annotation_get_end (annotation);
  guint length = mg_document_get_length (document);
  const char *prefix = mg_annotation_get_prefix (annotation);
  const char *suffix = mg_annotation_get_suffix (annotation);
  guint pl, sl;
  gboolean prefix_same, suffix_same;

  if (!document_range_equals (document, start, end, mg_annotation_get_quote (annotation)))
    return FALSE;

  prefix = prefix != NULL ? prefix : "";
  suffix = suffix != NULL ? suffix : "";
  pl = g_utf8_strlen (prefix, -1);
  sl = g_utf8_strlen (suffix, -1);

  prefix_same = pl <= start && document_range_equals (document, start - pl, start, prefix);
  suffix_same = end + sl <= length && document_range_equals (document, end, end + sl, suffix);

  /* The stored context is the MG_CONTEXT_LENGTH code points around the
   * quote, fewer only at the ends of the text: then a save would write
   * the same context again. */
  *context_same = prefix_same && suffix_same &&
                  (pl == MG_CONTEXT_LENGTH || pl == start) &&
                  (sl == MG_CONTEXT_LENGTH || end + sl == length);

  return prefix_same || suffix_same;
}

typedef struct
{
  guint old_start;
  guint new_start;
} Shift;

static int
shift_compare (gconstpointer pa,
               gconstpointer pb)
{
  const Shift *a = pa, *b = pb;

  return a->old_start < b->old_start ? -1 : a->old_start > b->old_start;
}

/* Where text that was at @old_start is now, judging by the nearest
 * annotation that was placed without doubt. */
static gint64
shifted_hint (GArray *shifts,
              guint   old_start)
{
  guint lo = 0, hi = shifts->len;
  const Shift *s;

  if (shifts->len == 0)
    return -1;
  while (lo < hi)
    {
      guint mid = (lo + hi) / 2;

      if (g_array_index (shifts, Shift, mid).old_start < old_start)
        lo = mid + 1;
      else
        hi = mid;
    }
  if (lo == shifts->len ||
      (lo > 0 && old_start - g_array_index (shifts, Shift, lo - 1).old_start <
                 g_array_index (shifts, Shift, lo).old_start - old_start))
    lo--;
  s = &g_array_index (shifts, Shift, lo);
  return MAX ((gint64) old_start + (gint64) s->new_start - (gint64) s->old_start, 0);
}

static void
apply (MgAnnotation         *a,
       MgDocument           *document,
       const MgAnchorResult *r,
       gboolean              context_same,
       MgAnchorReport       *counts)
{
  g_object_freeze_notify (G_OBJECT (a));
  mg_annotation_set_anchor_state (a, r->state);
  mg_annotation_set_anchor_score (a, r->score);
  if (r->state == MG_ANCHOR_STATE_ORPHANED)
    {
      /* Everything stays as it was, last known offsets included. */
      mg_annotation_locate (a, NULL);
      counts->orphaned++;
    }
  else
    {
      mg_annotation_set_range (a, r->start, r->end);
      if (!context_same)
        mg_annotation_fill_context (a, document);
      mg_annotation_locate (a, document);
      if (r->state == MG_ANCHOR_STATE_EXACT)
        counts->exact++;
      else if (r->state == MG_ANCHOR_STATE_MOVED)
        counts->moved++;
      else
        counts->fuzzy++;
    }
  g_object_thaw_notify (G_OBJECT (a));
}

void
mg_anchor_annotations (GPtrArray      *annotations,
                       MgDocument     *document,
                       MgAnchorReport *report)
{
  g_autoptr(MgAnchorIndex) index = NULL;
  g_autoptr(GArray) shifts = NULL;
  g_autofree MgAnchorResult *results = NULL;
  g_autofree guint8 *flags = NULL;
  MgAnchorReport counts = { 0, 0, 0, 0 };
  gboolean any_ambiguous = FALSE;
  guint i;

  enum { CONTEXT_SAME = 1, SEARCHED = 2, AMBIGUOUS = 4 };

  g_return_if_fail (annotations != NULL);
  g_return_if_fail (MG_IS_DOCUMENT (document));

  results = g_new (MgAnchorResult, annotations->len);
  flags = g_new0 (guint8, annotations->len);
  shifts = g_array_new (FALSE, FALSE, sizeof (Shift));

  /* First every annotation on its own: in place, else searched for. */
  for (i = 0; i < annotations->len; i++)
    {
      MgAnnotation *a = g_ptr_array_index (annotations, i);
      MgAnchorResult *r = &results[i];
      gboolean context_same = FALSE;
      gboolean ambiguous = FALSE;

      if (still_in_place (document, a, &context_same))
        {
          r->state = MG_ANCHOR_STATE_EXACT;
          r->start = mg_annotation_get_start (a);
          r->end = mg_annotation_get_end (a);
          r->score = 1.0;
          if (context_same)
            flags[i] |= CONTEXT_SAME;
        }
      else
        {
          if (index == NULL)
            index = mg_anchor_index_new (document);
          mg_anchor_locate_full (index,
                                 mg_annotation_get_quote (a),
                                 mg_annotation_get_prefix (a),
                                 mg_annotation_get_suffix (a),
                                 mg_annotation_get_start (a),
                                 mg_annotation_get_end (a),
                                 -1, r, &ambiguous);
          flags[i] |= SEARCHED;
        }

      if (ambiguous)
        {
          flags[i] |= AMBIGUOUS;
          any_ambiguous = TRUE;
        }
      else if (r->state != MG_ANCHOR_STATE_ORPHANED && index != NULL)
        {
          Shift s = { mg_annotation_get_start (a), r->start };

          g_array_append_val (shifts, s);
        }
    }

  /* A quote found in several places with equally good context (a passage
   * the speech repeats): the place that agrees with how the text around
   * moved wins, judged by the nearest annotation placed without doubt. */
  if (any_ambiguous && index != NULL && shifts->len > 0)
    {
      g_array_sort (shifts, shift_compare);
      for (i = 0; i < annotations->len; i++)
        {
          MgAnnotation *a;
          MgAnchorResult hinted;

          if (!(flags[i] & AMBIGUOUS))
            continue;
          a = g_ptr_array_index (annotations, i);
          mg_anchor_locate_full (index,
                                 mg_annotation_get_quote (a),
                                 mg_annotation_get_prefix (a),
                                 mg_annotation_get_suffix (a),
                                 mg_annotation_get_start (a),
                                 mg_annotation_get_end (a),
                                 shifted_hint (shifts, mg_annotation_get_start (a)),
                                 &hinted, NULL);
          /* The hint only chooses among places: searched around another
           * point, the approximate match can miss what the first search
           * found, and the annotation must not be orphaned for that — it
           * would be placed again, without the hint, the next time the
           * same text is loaded (anchoring would not be idempotent). */
          if (hinted.state != MG_ANCHOR_STATE_ORPHANED)
            results[i] = hinted;
        }
    }

  for (i = 0; i < annotations->len; i++)
    apply (g_ptr_array_index (annotations, i), document, &results[i],
           (flags[i] & CONTEXT_SAME) != 0, &counts);

  if (report != NULL)
    *report = counts;
}
