/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Marginalia"
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "mg-anchor-index.h"
#include "mg-fuzzy.h"

/* Scoring follows the W3C TextQuoteSelector practice (quote, then prefix
 * and suffix context, then position as a tie-breaker), with two
 * differences that keep annotations from being put in the wrong place:
 * a candidate must have context on at least one side (unless its quote is
 * long and occurs only once), and below MIN_SCORE nothing is placed. */

#define QUOTE_WEIGHT   50.0
#define CONTEXT_WEIGHT 20.0
#define POS_WEIGHT      2.0
#define MIN_SCORE       0.70
#define CONTEXT_MIN     0.65
/* A short quote says little by itself: its context must agree on both
 * sides together at least this much (sum of prefix and suffix scores),
 * or word for word on one side. */
#define SHORT_CONTEXT_SUM 1.30
#define CONTEXT_VERBATIM  0.97
/* Two candidates this close in score are a tie. */
#define AMBIGUITY_MARGIN  0.02

/* At most this many exact occurrences are scored in full (the others are
 * ranked first by how much context matches character for character). */
#define MAX_SCORED       12
/* Q-grams occurring more often than this say little about where a quote is. */
#define MAX_BUCKET     2000
#define MAX_WINDOWS       8
#define MAX_ENDS          4

typedef struct
{
  MgAnchorIndex *index;
  MgFolded      *quote;
  MgFolded      *prefix;
  MgFolded      *suffix;
  MgMyers       *quote_fwd;     /* lazily */
  MgMyers       *quote_rev;     /* lazily */
  MgMyers       *prefix_rev;    /* lazily; never when no prefix */
  MgMyers       *suffix_fwd;    /* lazily; never when no suffix */
  guint          expected;      /* folded position the quote used to start at */
  double         second;        /* best score of a candidate elsewhere, -1 when none */
  guint         *dist;          /* scratch */
  guint          dist_len;
} Query;

typedef struct
{
  guint  fs;
  guint  fe;
  guint  errors;
  double qs;
  double ps;
  double ss;
  double score;
} Candidate;

static guint *
query_scratch (Query *q,
               guint  n)
{
  if (q->dist_len < n)
    {
      q->dist_len = MAX (n, 256);
      q->dist = g_renew (guint, q->dist, q->dist_len);
    }
  return q->dist;
}

static double
prefix_score (Query *q,
              guint  fs)
{
  const MgFolded *t = q->index->folded;
  /* Only the nearest MG_MYERS_MAX_LENGTH characters of a longer
   * context are compared. */
  guint pl = MIN (q->prefix->n, MG_MYERS_MAX_LENGTH);
  guint w, j, best;
  guint *dist;

  if (pl == 0)
    return fs == 0 ? 1.0 : 0.5;
  w = MIN (fs, pl + pl / 4 + 2);
  if (w == 0)
    return 0.0;
  if (q->prefix_rev == NULL)
    q->prefix_rev = mg_myers_new_reversed (q->prefix->chars + q->prefix->n - pl, pl);
  dist = query_scratch (q, w);
  mg_myers_scan_backwards (q->prefix_rev, t->chars + fs - w, w, TRUE, dist);
  best = pl;
  for (j = 0; j < w; j++)
    best = MIN (best, dist[j]);
  return 1.0 - (double) best / pl;
}

static double
suffix_score (Query *q,
              guint  fe)
{
  const MgFolded *t = q->index->folded;
  guint sl = MIN (q->suffix->n, MG_MYERS_MAX_LENGTH);
  guint w, j, best;
  guint *dist;

  if (sl == 0)
    return fe == t->n ? 1.0 : 0.5;
  w = MIN (t->n - fe, sl + sl / 4 + 2);
  if (w == 0)
    return 0.0;
  if (q->suffix_fwd == NULL)
    q->suffix_fwd = mg_myers_new (q->suffix->chars, sl);
  dist = query_scratch (q, w);
  mg_myers_scan (q->suffix_fwd, t->chars + fe, w, TRUE, dist);
  best = sl;
  for (j = 0; j < w; j++)
    best = MIN (best, dist[j]);
  return 1.0 - (double) best / sl;
}

static void
candidate_score (Query     *q,
                 Candidate *c)
{
  guint n = MAX (q->index->folded->n, 1);
  guint off = c->fs > q->expected ? c->fs - q->expected : q->expected - c->fs;
  double pos = 1.0 - MIN (1.0, (double) off / n);

  c->qs = 1.0 - (double) c->errors / q->quote->n;
  c->ps = prefix_score (q, c->fs);
  c->ss = suffix_score (q, c->fe);
  c->score = (QUOTE_WEIGHT * c->qs + CONTEXT_WEIGHT * (c->ps + c->ss) + POS_WEIGHT * pos)
             / (QUOTE_WEIGHT + 2 * CONTEXT_WEIGHT + POS_WEIGHT);
}

static gboolean
candidate_better (Query           *q,
                  const Candidate *a,
                  const Candidate *b)
{
  guint da, db;

  if (a->score != b->score)
    return a->score > b->score;
  da = a->fs > q->expected ? a->fs - q->expected : q->expected - a->fs;
  db = b->fs > q->expected ? b->fs - q->expected : q->expected - b->fs;
  return da < db;
}

static guint
long_quote_length (Query *q)
{
  return q->index->mostly_han ? 16 : 40;
}

static guint
short_quote_length (Query *q)
{
  return q->index->mostly_han ? 4 : 12;
}

static gboolean
far_apart (Query           *q,
           const Candidate *a,
           const Candidate *b)
{
  guint d = a->fs > b->fs ? a->fs - b->fs : b->fs - a->fs;

  return d > q->quote->n / 2;
}

/* Keeps the best candidate, and the score of the best one elsewhere. */
static void
consider (Query           *q,
          const Candidate *c,
          Candidate       *best,
          gboolean        *found)
{
  if (!*found)
    {
      *best = *c;
      *found = TRUE;
    }
  else if (candidate_better (q, c, best))
    {
      if (far_apart (q, c, best))
        q->second = MAX (q->second, best->score);
      *best = *c;
    }
  else if (far_apart (q, c, best))
    q->second = MAX (q->second, c->score);
}

static gboolean
candidate_acceptable (Query           *q,
                      const Candidate *c,
                      gboolean         unique_exact)
{
  if (c->score >= MIN_SCORE && MAX (c->ps, c->ss) >= CONTEXT_MIN &&
      (q->quote->n >= short_quote_length (q) || c->ps + c->ss >= SHORT_CONTEXT_SUM ||
       MAX (c->ps, c->ss) >= CONTEXT_VERBATIM))
    return TRUE;
  return c->errors == 0 && unique_exact && q->quote->n >= long_quote_length (q);
}

/* Characters of context that agree verbatim, for ranking many occurrences
 * cheaply. */
static guint
cheap_context (Query *q,
               guint  fs)
{
  const MgFolded *t = q->index->folded;
  guint fe = fs + q->quote->n;
  guint k = 0, i;

  for (i = 0; i < q->prefix->n && i < fs; i++, k++)
    if (t->chars[fs - 1 - i] != q->prefix->chars[q->prefix->n - 1 - i])
      break;
  for (i = 0; i < q->suffix->n && fe + i < t->n; i++, k++)
    if (t->chars[fe + i] != q->suffix->chars[i])
      break;
  return k;
}

typedef struct
{
  guint fs;
  guint cheap;
  guint off;
} Ranked;

static int
ranked_compare (const void *pa,
                const void *pb)
{
  const Ranked *a = pa, *b = pb;

  if (a->cheap != b->cheap)
    return a->cheap > b->cheap ? -1 : 1;
  if (a->off != b->off)
    return a->off < b->off ? -1 : 1;
  return 0;
}

/* Stage 2: the folded quote occurs exactly. Returns TRUE and fills @best
 * when one occurrence is acceptable. */
static gboolean
locate_exact (Query     *q,
              Candidate *best)
{
  g_autoptr(GArray) hits = NULL;
  Ranked *ranked;
  guint n_scored, i, full, n_full = 0, full_at = 0;
  gboolean found = FALSE;

  hits = mg_anchor_index_find_exact (q->index, q->quote->chars, q->quote->n, 0);
  if (hits->len == 0)
    return FALSE;

  ranked = g_new (Ranked, hits->len);
  full = q->prefix->n + q->suffix->n;
  for (i = 0; i < hits->len; i++)
    {
      guint fs = g_array_index (hits, guint, i);

      ranked[i].fs = fs;
      ranked[i].off = fs > q->expected ? fs - q->expected : q->expected - fs;
      ranked[i].cheap = cheap_context (q, fs);
      if (ranked[i].cheap == full)
        {
          n_full++;
          full_at = i;
        }
    }

  /* The usual case after an edit elsewhere: one occurrence with its whole
   * context unchanged. No need to score the others. */
  if (n_full == 1 && full > 0)
    {
      guint n = MAX (q->index->folded->n, 1);

      best->fs = ranked[full_at].fs;
      best->fe = best->fs + q->quote->n;
      best->errors = 0;
      best->qs = best->ps = best->ss = 1.0;
      best->score = (QUOTE_WEIGHT + 2 * CONTEXT_WEIGHT +
                     POS_WEIGHT * (1.0 - MIN (1.0, (double) ranked[full_at].off / n)))
                    / (QUOTE_WEIGHT + 2 * CONTEXT_WEIGHT + POS_WEIGHT);
      g_free (ranked);
      return TRUE;
    }

  if (hits->len > MAX_SCORED)
    qsort (ranked, hits->len, sizeof (Ranked), ranked_compare);
  n_scored = MIN (hits->len, MAX_SCORED);

  for (i = 0; i < n_scored; i++)
    {
      Candidate c = { ranked[i].fs, ranked[i].fs + q->quote->n, 0, };

      candidate_score (q, &c);
      consider (q, &c, best, &found);
    }
  g_free (ranked);

  return found && candidate_acceptable (q, best, hits->len == 1);
}

typedef struct
{
  guint start;
  guint end;
  guint votes;
} Window;

static int
window_by_votes (const void *pa,
                 const void *pb)
{
  const Window *a = pa, *b = pb;

  if (a->votes != b->votes)
    return a->votes > b->votes ? -1 : 1;
  return a->start < b->start ? -1 : a->start > b->start;
}

static int
window_by_start (const void *pa,
                 const void *pb)
{
  const Window *a = pa, *b = pb;

  return a->start < b->start ? -1 : a->start > b->start;
}

static void
vote (GHashTable *bins,
      gint64      est,
      guint       bin_width,
      guint       weight)
{
  gpointer key;

  if (est < 0)
    est = 0;
  key = GUINT_TO_POINTER ((guint) (est / bin_width) + 1);
  g_hash_table_insert (bins, key,
                       GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (bins, key)) + weight));
}

static void
vote_pattern (Query          *q,
              GHashTable     *bins,
              const MgFolded *pattern,
              gint64          shift,
              guint           bin_width,
              guint           weight)
{
  const MgQgramTable *table = &q->index->qgrams;
  guint j, i;

  for (j = 0; j + table->q <= pattern->n; j++)
    {
      guint nb;
      const guint *b = mg_qgram_table_bucket (table, mg_qgram_hash (table, pattern->chars + j), &nb);

      if (nb > MAX_BUCKET)
        continue;
      for (i = 0; i < nb; i++)
        vote (bins, (gint64) b[i] - j + shift, bin_width, weight);
    }
}

/* The best matches ending at folded @e (inclusive). */
static void
candidates_ending_at (Query     *q,
                      guint      e,
                      guint      errors,
                      Candidate *best,
                      gboolean  *found)
{
  const MgFolded *t = q->index->folded;
  guint m = q->quote->n;
  guint w = MIN (e + 1, m + errors + 1);
  guint *dist;
  guint j, n_tried = 0, min;

  dist = query_scratch (q, w);
  mg_myers_scan_backwards (q->quote_rev, t->chars + e + 1 - w, w, TRUE, dist);
  min = G_MAXUINT;
  for (j = 0; j < w; j++)
    min = MIN (min, dist[j]);
  if (min > errors)
    return;

  /* Copy the distances: scoring below reuses the scratch buffer. */
  {
    g_autofree guint *d = g_memdup2 (dist, w * sizeof (guint));

    for (j = 0; j < w && n_tried < MAX_ENDS; j++)
      {
        Candidate c;

        if (d[j] != min)
          continue;
        n_tried++;
        c.fs = e - j;
        c.fe = e + 1;
        c.errors = min;
        candidate_score (q, &c);
        consider (q, &c, best, found);
      }
  }
}

/* Stage 3: an approximate match of the quote within windows found by
 * q-gram hits of the quote and of its context, and around the old place. */
static gboolean
locate_fuzzy (Query     *q,
              Candidate *best)
{
  const MgFolded *t = q->index->folded;
  guint m = q->quote->n;
  guint k = m / 4;
  guint bin_width = MAX (16, m / 2);
  g_autoptr(GHashTable) bins = NULL;
  g_autofree Window *windows = NULL;
  GHashTableIter iter;
  gpointer key, value;
  guint n_windows = 0, n_merged = 0, i;
  gboolean found = FALSE;

  /* Beyond what the matcher serves, a quote is placed exactly or not at
   * all. */
  if (k == 0 || t->n == 0 || m > MG_MYERS_MAX_LENGTH)
    return FALSE;

  bins = g_hash_table_new (NULL, NULL);
  vote_pattern (q, bins, q->quote, 0, bin_width, 2);
  vote_pattern (q, bins, q->prefix, q->prefix->n, bin_width, 1);
  vote_pattern (q, bins, q->suffix, -(gint64) m, bin_width, 1);
  vote (bins, q->expected, bin_width, 1);

  windows = g_new (Window, g_hash_table_size (bins));
  g_hash_table_iter_init (&iter, bins);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      guint bin = GPOINTER_TO_UINT (key) - 1;
      gint64 s = (gint64) bin * bin_width - k - 1;
      gint64 e = (gint64) bin * bin_width + bin_width + m + 2 * k + 1;

      windows[n_windows].start = (guint) CLAMP (s, 0, (gint64) t->n);
      windows[n_windows].end = (guint) CLAMP (e, 0, (gint64) t->n);
      windows[n_windows].votes = GPOINTER_TO_UINT (value);
      n_windows++;
    }
  if (n_windows > 1)
    {
      qsort (windows, n_windows, sizeof (Window), window_by_votes);
      n_windows = MIN (n_windows, MAX_WINDOWS);
      qsort (windows, n_windows, sizeof (Window), window_by_start);
    }
  for (i = 0; i < n_windows; i++)
    {
      if (n_merged > 0 && windows[i].start <= windows[n_merged - 1].end)
        windows[n_merged - 1].end = MAX (windows[n_merged - 1].end, windows[i].end);
      else
        windows[n_merged++] = windows[i];
    }

  if (q->quote_fwd == NULL)
    q->quote_fwd = mg_myers_new (q->quote->chars, m);
  if (q->quote_rev == NULL)
    q->quote_rev = mg_myers_new_reversed (q->quote->chars, m);

  for (i = 0; i < n_merged; i++)
    {
      guint ws = windows[i].start;
      guint w = windows[i].end - ws;
      g_autofree guint *dist = NULL;
      guint j = 0;

      if (w == 0)
        continue;
      dist = g_new (guint, w);
      mg_myers_scan (q->quote_fwd, t->chars + ws, w, FALSE, dist);

      /* Each run of ends within k errors is one place; its best ends
       * are tried. */
      while (j < w)
        {
          guint run_start, run_min = G_MAXUINT, n_ends = 0, r;

          if (dist[j] > k)
            {
              j++;
              continue;
            }
          run_start = j;
          while (j < w && dist[j] <= k)
            {
              run_min = MIN (run_min, dist[j]);
              j++;
            }
          for (r = run_start; r < j && n_ends < MAX_ENDS; r++)
            if (dist[r] == run_min)
              {
                candidates_ending_at (q, ws + r, run_min, best, &found);
                n_ends++;
              }
        }
    }

  return found && candidate_acceptable (q, best, FALSE);
}

static void
query_clear (Query *q)
{
  mg_folded_free (q->quote);
  mg_folded_free (q->prefix);
  mg_folded_free (q->suffix);
  mg_myers_free (q->quote_fwd);
  mg_myers_free (q->quote_rev);
  mg_myers_free (q->prefix_rev);
  mg_myers_free (q->suffix_fwd);
  g_free (q->dist);
}

static gboolean
folds_to_nothing (gunichar c)
{
  gunichar out[3];

  return mg_fold_unichar (c, out) == 0;
}

static gunichar
char_at (MgAnchorIndex *index,
         guint          offset)
{
  return g_utf8_get_char (index->text + index->cp_to_byte[offset]);
}

/* Folding drops white space, so a match never starts or ends with it:
 * give the range back the white space the quote itself starts or ends
 * with, as far as the text has it there ("项目为王 " stays four
 * characters and a space). */
static void
extend_over_blanks (MgAnchorIndex *index,
                    const char    *quote,
                    guint         *start,
                    guint         *end)
{
  guint lead = 0, trail = 0;
  const char *p;

  for (p = quote; *p != '\0' && folds_to_nothing (g_utf8_get_char (p)); p = g_utf8_next_char (p))
    lead++;
  if (*p == '\0')
    return;
  for (p = quote + strlen (quote); p > quote;)
    {
      p = g_utf8_prev_char (p);
      if (!folds_to_nothing (g_utf8_get_char (p)))
        break;
      trail++;
    }

  for (; lead > 0 && *start > 0 && folds_to_nothing (char_at (index, *start - 1)); lead--)
    (*start)--;
  for (; trail > 0 && *end < index->length && folds_to_nothing (char_at (index, *end)); trail--)
    (*end)++;
}

/* The code points of [start, end) of the original text. */
static gunichar *
original_chars (MgAnchorIndex *index,
                guint          start,
                guint          end)
{
  gunichar *chars = g_new (gunichar, end - start + 1);
  const char *p = index->text + index->cp_to_byte[start];

  for (guint i = start; i < end; i++, p = g_utf8_next_char (p))
    chars[i - start] = g_utf8_get_char (p);
  return chars;
}

/* A quote found only once folded (its spacing, width or punctuation
 * changed): the match score, lowered by up to half by how many of its
 * characters differ as written (edit distance, character for
 * character). Below 1.0, as for any approximate match. */
static double
folded_match_score (MgAnchorIndex *index,
                    const char    *quote,
                    guint          start,
                    guint          end,
                    double         score)
{
  g_autofree gunichar *pattern = g_utf8_to_ucs4_fast (quote, -1, NULL);
  guint m = g_utf8_strlen (quote, -1);
  guint n = end - start;
  g_autofree gunichar *text = NULL;
  g_autofree guint *dist = NULL;
  g_autoptr(MgMyers) myers = NULL;
  guint d;

  if (m == 0 || n == 0)
    return MIN (score, 0.99) * 0.5;
  text = original_chars (index, start, end);
  myers = mg_myers_new (pattern, m);
  if (myers != NULL)
    {
      dist = g_new (guint, n);
      mg_myers_scan (myers, text, n, TRUE, dist);
      d = MIN (dist[n - 1], MAX (m, n));
    }
  else
    {
      /* Too long for the matcher: the characters outside the common
       * beginning and end count as different, a bound from above. */
      guint lo = 0, hi = 0, shorter = MIN (m, n);

      while (lo < shorter && pattern[lo] == text[lo])
        lo++;
      while (hi < shorter - lo && pattern[m - 1 - hi] == text[n - 1 - hi])
        hi++;
      d = MAX (m, n) - lo - hi;
    }
  return MIN (score, 0.99) * (1.0 - 0.5 * d / MAX (m, n));
}

/* The stored range still holds the quote, and the context around it agrees
 * at least on one side. */
static gboolean
holds_quote (MgAnchorIndex *index,
             const char    *quote,
             const char    *prefix,
             const char    *suffix,
             guint          old_start,
             guint          old_end)
{
  guint pl, sl;

  if (!mg_anchor_index_range_equals (index, old_start, old_end, quote))
    return FALSE;
  pl = prefix != NULL ? g_utf8_strlen (prefix, -1) : 0;
  sl = suffix != NULL ? g_utf8_strlen (suffix, -1) : 0;
  if (pl == 0 && sl == 0)
    return TRUE;
  return (pl > 0 && old_start >= pl &&
          mg_anchor_index_range_equals (index, old_start - pl, old_start, prefix)) ||
         (pl == 0 && old_start == 0) ||
         (sl > 0 && old_end + sl <= index->length &&
          mg_anchor_index_range_equals (index, old_end, old_end + sl, suffix)) ||
         (sl == 0 && old_end == index->length);
}

void
mg_anchor_locate (MgAnchorIndex  *index,
                  const char     *quote,
                  const char     *prefix,
                  const char     *suffix,
                  guint           old_start,
                  guint           old_end,
                  MgAnchorResult *result)
{
  mg_anchor_locate_full (index, quote, prefix, suffix, old_start, old_end, -1, result, NULL);
}

void
mg_anchor_locate_full (MgAnchorIndex  *index,
                       const char     *quote,
                       const char     *prefix,
                       const char     *suffix,
                       guint           old_start,
                       guint           old_end,
                       gint64          hint,
                       MgAnchorResult *result,
                       gboolean       *ambiguous)
{
  Query q = { 0, };
  Candidate best = { 0, };
  gboolean placed = FALSE;
  MgAnchorState state = MG_ANCHOR_STATE_ORPHANED;

  g_return_if_fail (index != NULL);
  g_return_if_fail (result != NULL);

  result->state = MG_ANCHOR_STATE_ORPHANED;
  result->start = old_start;
  result->end = old_end;
  result->score = 0.0;
  if (ambiguous != NULL)
    *ambiguous = FALSE;

  if (quote == NULL || *quote == '\0')
    return;

  if (holds_quote (index, quote, prefix, suffix, old_start, old_end))
    {
      result->state = MG_ANCHOR_STATE_EXACT;
      result->score = 1.0;
      return;
    }

  q.index = index;
  q.quote = mg_folded_new (quote, -1, FALSE);
  q.prefix = mg_folded_new (prefix, -1, FALSE);
  q.suffix = mg_folded_new (suffix, -1, FALSE);
  q.expected = index->orig_to_fold[MIN (hint >= 0 ? (guint64) hint : old_start, index->length)];
  q.second = -1.0;

  if (q.quote->n > 0)
    {
      if (locate_exact (&q, &best))
        {
          placed = TRUE;
          state = MG_ANCHOR_STATE_MOVED;
        }
      else if (locate_fuzzy (&q, &best))
        {
          placed = TRUE;
          state = best.errors == 0 ? MG_ANCHOR_STATE_MOVED : MG_ANCHOR_STATE_FUZZY;
        }
    }

  if (placed)
    {
      guint start, end;

      mg_folded_to_original (index->folded, best.fs, best.fe, &start, &end);
      extend_over_blanks (index, quote, &start, &end);
      result->start = start;
      result->end = end;
      /* Moved means the very same text elsewhere; text that matches only
       * once folded has changed, however slightly, and is fuzzy. */
      if (state == MG_ANCHOR_STATE_MOVED && !mg_anchor_index_range_equals (index, start, end, quote))
        {
          state = MG_ANCHOR_STATE_FUZZY;
          best.score = folded_match_score (index, quote, start, end, best.score);
        }
      else if (state == MG_ANCHOR_STATE_MOVED && start == old_start && end == old_end)
        state = MG_ANCHOR_STATE_EXACT;
      result->state = state;
      result->score = state == MG_ANCHOR_STATE_FUZZY ? best.score : 1.0;
      if (ambiguous != NULL)
        *ambiguous = q.second >= best.score - AMBIGUITY_MARGIN;
    }

  query_clear (&q);
}
