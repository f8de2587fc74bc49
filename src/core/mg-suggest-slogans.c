/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Marginalia"
#include "config.h"

#include <string.h>

#include "mg-suggest-private.h"

/* Slogans: short quoted phrases, and parallel structures (不想为、不敢为、
 * 不会为; 一要…二要…三要…; clauses opening alike). Repeated phrases are in
 * mg-suggest-repeats.c. */

#define MAX_CJK_QUOTE      16
#define MAX_WORDS_QUOTE    8
#define MAX_QUOTE_SEARCH   80
#define MAX_PARALLEL_ITEM  6
#define MAX_ORDINAL_ITEM   30
#define MAX_ANAPHORA_CLAUSE 40
#define MAX_ANAPHORA_SPAN  150

static void
add_hit (GArray     *hits,
         guint       start,
         guint       end,
         const char *reason)
{
  MgSuggestHit hit = { MG_SUGGESTION_SLOGAN, start, end, reason };

  g_array_append_val (hits, hit);
}

static gboolean
is_trailing_punct (gunichar c)
{
  return c == '.' || c == ',' || c == ';' || c == ':' || c == '!' || c == '?' ||
         c == 0x3002 || c == 0xFF0C || c == 0xFF1B || c == 0xFF1A || c == 0xFF01 ||
         c == 0xFF1F || c == 0x3001;
}

/* Sentence punctuation that a slogan does not hold. */
static gboolean
is_sentence_punct (gunichar c)
{
  return c == 0x3002 || c == 0xFF1B || c == 0xFF01 || c == 0xFF1F || c == '\n';
}

/* Checks the inside of a quote [start, end) and adds it when short. A
 * quoted single character (“闯”) is often the theme of a whole speech:
 * only its first occurrence is suggested, recorded in @seen. */
static void
consider_quote (const MgSuggestText *text,
                guint                start,
                guint                end,
                GHashTable          *seen,
                GArray              *hits)
{
  const gunichar *s = text->chars;
  gboolean han = FALSE;
  guint n_chars = 0, n_words = 0;
  gboolean in_word = FALSE;

  while (start < end && mg_suggest_is_space (s[start]))
    start++;
  while (end > start && (mg_suggest_is_space (s[end - 1]) || is_trailing_punct (s[end - 1])))
    end--;
  if (start == end)
    return;

  for (guint i = start; i < end; i++)
    {
      if (is_sentence_punct (s[i]))
        return;
      if (mg_suggest_is_han (s[i]))
        han = TRUE;
      if (!mg_suggest_is_space (s[i]))
        n_chars++;
      if (mg_suggest_is_space (s[i]))
        in_word = FALSE;
      else if (!in_word)
        {
          in_word = TRUE;
          n_words++;
        }
    }
  if (han ? n_chars > MAX_CJK_QUOTE : (n_words > MAX_WORDS_QUOTE || n_chars > 60))
    return;
  if (end - start == 1)
    {
      if (g_hash_table_contains (seen, GUINT_TO_POINTER (s[start])))
        return;
      g_hash_table_add (seen, GUINT_TO_POINTER (s[start]));
    }
  add_hit (hits, start, end, "quoted phrase");
}

void
mg_suggest_scan_quotes (const MgSuggestText *text,
                        GArray              *hits)
{
  const gunichar *s = text->chars;
  g_autoptr(GHashTable) seen = g_hash_table_new (NULL, NULL);
  guint ascii_open = G_MAXUINT;

  for (guint i = 0; i < text->length; i++)
    {
      gunichar close = 0;

      switch (s[i])
        {
        case '\n':
          ascii_open = G_MAXUINT;
          continue;
        case '"':
          if (ascii_open == G_MAXUINT)
            ascii_open = i;
          else
            {
              consider_quote (text, ascii_open + 1, i, seen, hits);
              ascii_open = G_MAXUINT;
            }
          continue;
        case 0x201C: /* “ */
          close = 0x201D;
          break;
        case 0x300C: /* 「 */
          close = 0x300D;
          break;
        case 0x300E: /* 『 */
          close = 0x300F;
          break;
        default:
          continue;
        }

      for (guint j = i + 1; j < text->length && j - i <= MAX_QUOTE_SEARCH; j++)
        {
          if (s[j] == '\n' || s[j] == s[i])
            break;
          if (s[j] == close)
            {
              consider_quote (text, i + 1, j, seen, hits);
              i = j;
              break;
            }
        }
    }
}

/* Clause boundaries for parallel structures. */
static gboolean
is_clause_break (gunichar c)
{
  return c == '\n' || c == 0x3002 || c == 0xFF0C || c == 0xFF1B || c == 0xFF1A ||
         c == 0xFF01 || c == 0xFF1F || c == ',' || c == ';' || c == ':' || c == '.' ||
         c == '!' || c == '?' || c == 0x201C || c == 0x201D || c == 0x300A || c == 0x300B ||
         c == 0xFF08 || c == 0xFF09 || c == '(' || c == ')' || c == 0x2014;
}

static gboolean
all_han (const gunichar *s,
         guint           start,
         guint           end)
{
  for (guint i = start; i < end; i++)
    if (!mg_suggest_is_han (s[i]))
      return FALSE;
  return TRUE;
}

/* Items separated by 、 in the clause [start, end): runs of items of one
 * length (2 to MAX_PARALLEL_ITEM Han characters), the run's neighbours
 * taking part with their end (on the left) or start (on the right), three
 * items or more sharing their first or last character: 不想为、不敢为、不会为. */
static void
scan_enumeration (const MgSuggestText *text,
                  guint                start,
                  guint                end,
                  GArray              *hits)
{
  const gunichar *s = text->chars;
  guint item_start[65], item_end[65];
  guint n_items = 0;

  item_start[0] = start;
  for (guint i = start; i < end && n_items + 1 < G_N_ELEMENTS (item_start); i++)
    if (s[i] == 0x3001)
      {
        item_end[n_items++] = i;
        item_start[n_items] = i + 1;
      }
  item_end[n_items++] = end;
  if (n_items < 3)
    return;

  for (guint a = 0; a < n_items;)
    {
      guint len = item_end[a] - item_start[a];
      guint b = a, first, last, run_start, run_end;
      gboolean same_head = TRUE, same_tail = TRUE;
      gunichar head, tail;

      if (len < 2 || len > MAX_PARALLEL_ITEM)
        {
          a++;
          continue;
        }
      while (b + 1 < n_items && item_end[b + 1] - item_start[b + 1] == len)
        b++;
      first = (a > 0 && item_end[a - 1] - item_start[a - 1] > len) ? a - 1 : a;
      last = (b + 1 < n_items && item_end[b + 1] - item_start[b + 1] > len) ? b + 1 : b;
      a = b + 1;
      if (last - first + 1 < 3)
        continue;

      run_start = item_end[first] - len;
      run_end = item_start[last] + len;
      head = s[run_start];
      tail = s[run_start + len - 1];
      for (guint k = first; k <= last; k++)
        {
          guint item = k == first ? run_start : item_start[k];

          if (!all_han (s, item, item + len))
            {
              same_head = same_tail = FALSE;
              break;
            }
          same_head = same_head && s[item] == head;
          same_tail = same_tail && s[item + len - 1] == tail;
        }
      if (same_head || same_tail)
        add_hit (hits, run_start, run_end, "parallel sentences");
    }
}

/* A clause in a paragraph. */
typedef struct
{
  guint start;
  guint end;
} Clause;

/* 一要…，二要…，三要… — clauses opening with 一X, 二X, 三X (same X). */
static void
scan_ordinals (const MgSuggestText *text,
               const Clause        *clauses,
               guint                n_clauses,
               GArray              *hits)
{
  static const gunichar ordinals[] = { 0x4E00, 0x4E8C, 0x4E09, 0x56DB, 0x4E94 };
  const gunichar *s = text->chars;

  for (guint c = 0; c < n_clauses; c++)
    {
      gunichar marker;
      guint expect = 1, last = c;

      if (clauses[c].end - clauses[c].start < 3 || s[clauses[c].start] != ordinals[0])
        continue;
      marker = s[clauses[c].start + 1];
      if (!mg_suggest_is_han (marker))
        continue;
      for (guint d = c + 1; d < n_clauses && expect < G_N_ELEMENTS (ordinals); d++)
        {
          if (clauses[d].end - clauses[d].start >= 3 && s[clauses[d].start] == ordinals[expect] &&
              s[clauses[d].start + 1] == marker)
            {
              expect++;
              last = d;
            }
          else if (clauses[d].start - clauses[last].end > MAX_ORDINAL_ITEM)
            break;
        }
      if (expect >= 3 && clauses[last].end - clauses[c].start <= MAX_ANAPHORA_SPAN)
        {
          add_hit (hits, clauses[c].start, clauses[last].end, "parallel sentences");
          c = last;
        }
    }
}

/* Three or more clauses in a row opening with the same two Han
 * characters, or the same two words. */
static gboolean
same_opening (const MgSuggestText *text,
              const Clause        *a,
              const Clause        *b)
{
  const gunichar *s = text->chars;
  guint words = 0;

  if (a->end - a->start < 3 || b->end - b->start < 3 ||
      a->end - a->start > MAX_ANAPHORA_CLAUSE * 3 || b->end - b->start > MAX_ANAPHORA_CLAUSE * 3)
    return FALSE;
  if (mg_suggest_is_han (s[a->start]))
    {
      if (mg_suggest_is_han (s[a->start + 1]) && s[a->start] == s[b->start] &&
          s[a->start + 1] == s[b->start + 1])
        return a->end - a->start <= MAX_ANAPHORA_CLAUSE && b->end - b->start <= MAX_ANAPHORA_CLAUSE;
      return FALSE;
    }
  if (!mg_suggest_is_ascii_alpha (s[a->start]))
    return FALSE;
  for (guint i = 0; a->start + i < a->end && b->start + i < b->end; i++)
    {
      gunichar x = g_unichar_tolower (s[a->start + i]);
      gunichar y = g_unichar_tolower (s[b->start + i]);

      if (x != y)
        return FALSE;
      if (x == ' ' && ++words == 2)
        return TRUE;
    }
  return FALSE;
}

static void
scan_anaphora (const MgSuggestText *text,
               const Clause        *clauses,
               guint                n_clauses,
               GArray              *hits)
{
  for (guint c = 0; c + 2 < n_clauses; c++)
    {
      guint last = c;

      while (last + 1 < n_clauses && same_opening (text, &clauses[c], &clauses[last + 1]))
        last++;
      if (last - c >= 2 && clauses[last].end - clauses[c].start <= MAX_ANAPHORA_SPAN)
        {
          add_hit (hits, clauses[c].start, clauses[last].end, "parallel sentences");
          c = last;
        }
    }
}

void
mg_suggest_scan_parallel (const MgSuggestText *text,
                          GArray              *hits)
{
  const gunichar *s = text->chars;
  g_autoptr(GArray) clauses = g_array_new (FALSE, FALSE, sizeof (Clause));
  guint i = 0;

  while (i < text->length)
    {
      guint para_end = i;

      while (para_end < text->length && s[para_end] != '\n')
        para_end++;

      g_array_set_size (clauses, 0);
      for (guint c = i; c < para_end;)
        {
          Clause clause;

          while (c < para_end && (mg_suggest_is_space (s[c]) || is_clause_break (s[c])))
            c++;
          clause.start = c;
          while (c < para_end && !is_clause_break (s[c]))
            c++;
          clause.end = c;
          while (clause.end > clause.start && mg_suggest_is_space (s[clause.end - 1]))
            clause.end--;
          if (clause.end > clause.start)
            {
              scan_enumeration (text, clause.start, clause.end, hits);
              g_array_append_val (clauses, clause);
            }
        }
      scan_ordinals (text, (Clause *) clauses->data, clauses->len, hits);
      scan_anaphora (text, (Clause *) clauses->data, clauses->len, hits);
      i = para_end + 1;
    }
}
