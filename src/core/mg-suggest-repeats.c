/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Marginalia"
#include "config.h"

#include <string.h>

#include "mg-suggest-private.h"

/* Repeated short phrases: token n-grams (a token is a Han character or an
 * English word) seen at least MIN_COUNT times, not crossing punctuation,
 * not opening or closing on a function word, not mostly part of one
 * longer repeated phrase, and standing on its own (see
 * level_bounded()), so that pieces of longer phrases are left out. Counting goes level by level: an
 * (n+1)-gram is only counted where both its n-grams were frequent, so the
 * work shrinks quickly after the first level. The first occurrence of each
 * phrase is suggested. */

#define MIN_COUNT   3
#define OFTEN       6
#define MIN_HAN     4
#define MAX_HAN     12
#define MIN_WORDS   2
#define MAX_WORDS   6
#define BREAK       0u
#define BOUND_LEFT  1u   /* after punctuation at some occurrence */
#define BOUND_RIGHT 2u   /* before punctuation at some occurrence */
#define MIXED_LEFT  4u   /* different tokens before two occurrences */
#define MIXED_RIGHT 8u   /* different tokens after two occurrences */
#define WORD_BASE   0x110000u

typedef struct
{
  guint32 *ids;
  guint   *starts;
  guint   *ends;
  guint    n;
} Tokens;

/* One level of counting: open addressing on token positions. */
typedef struct
{
  const Tokens *tokens;
  guint         n;        /* gram length in tokens */
  guint        *slots;    /* position + 1, 0 when free */
  guint        *counts;
  guint8       *bounds;   /* BOUND_* and MIXED_* */
  guint        *longest;  /* the highest count of a frequent gram one longer holding it */
  guint         mask;
  GArray       *frequent; /* positions of first occurrences with count >= MIN_COUNT */
} Level;

static const char * const cjk_stop = "的了和与及是在对把被为等也都就而并或之其以于从向将这那个些有中上下我你他她们它着过得地";

static const char * const en_stop[] = {
  "a", "an", "and", "are", "as", "at", "be", "been", "but", "by", "can", "do",
  "for", "from", "had", "has", "have", "he", "her", "his", "i", "if", "in", "into",
  "is", "it", "its", "let", "may", "me", "more", "must", "my", "no", "not", "of",
  "on", "one", "or", "our", "ours", "shall", "she", "so", "than", "that", "the",
  "their", "them", "there", "these", "they", "this", "those", "to", "too", "us",
  "was", "we", "were", "what", "when", "which", "who", "will", "with", "would",
  "you", "your", "all", "any", "every", "each", "such", "only", "also", "very",
  "now", "then", "here", "how", "why", "where", "most", "some", "over", "up",
  "out", "about", "s", "t",
};

static guint32
hash_gram (const guint32 *ids,
           guint          n)
{
  guint32 h = 2166136261u;

  for (guint i = 0; i < n; i++)
    {
      h ^= ids[i];
      h *= 16777619u;
      h ^= h >> 15;
    }
  return h;
}

static void
level_init (Level        *level,
            const Tokens *tokens,
            guint         n,
            guint         n_candidates)
{
  guint size = 16;

  while (size < n_candidates * 2)
    size <<= 1;
  level->tokens = tokens;
  level->n = n;
  level->slots = g_new0 (guint, size);
  level->counts = g_new0 (guint, size);
  level->bounds = g_new0 (guint8, size);
  level->longest = g_new0 (guint, size);
  level->mask = size - 1;
  level->frequent = g_array_new (FALSE, FALSE, sizeof (guint));
}

static void
level_clear (Level *level)
{
  g_clear_pointer (&level->slots, g_free);
  g_clear_pointer (&level->counts, g_free);
  g_clear_pointer (&level->bounds, g_free);
  g_clear_pointer (&level->longest, g_free);
  g_clear_pointer (&level->frequent, g_array_unref);
}

/* The slot of the gram at @pos (its own, or the one of an equal gram). */
static guint
level_slot (const Level   *level,
            const guint32 *ids)
{
  guint slot = hash_gram (ids, level->n) & level->mask;

  while (level->slots[slot] != 0)
    {
      const guint32 *other = level->tokens->ids + (level->slots[slot] - 1);

      if (memcmp (other, ids, level->n * sizeof (guint32)) == 0)
        return slot;
      slot = (slot + 1) & level->mask;
    }
  return slot;
}

/* Counts the gram at @pos; returns its slot. */
static guint
level_add (Level *level,
           guint  pos)
{
  guint slot = level_slot (level, level->tokens->ids + pos);

  if (level->slots[slot] == 0)
    level->slots[slot] = pos + 1;
  level->counts[slot]++;
  if (pos == 0 || level->tokens->ids[pos - 1] == BREAK)
    level->bounds[slot] |= BOUND_LEFT;
  if (pos + level->n >= level->tokens->n || level->tokens->ids[pos + level->n] == BREAK)
    level->bounds[slot] |= BOUND_RIGHT;
  if (level->counts[slot] > 1)
    {
      guint first = level->slots[slot] - 1;
      const guint32 *ids = level->tokens->ids;
      guint n_tokens = level->tokens->n;
      guint32 before = pos > 0 ? ids[pos - 1] : BREAK;
      guint32 first_before = first > 0 ? ids[first - 1] : BREAK;
      guint32 after = pos + level->n < n_tokens ? ids[pos + level->n] : BREAK;
      guint32 first_after = first + level->n < n_tokens ? ids[first + level->n] : BREAK;

      if (before != first_before)
        level->bounds[slot] |= MIXED_LEFT;
      if (after != first_after)
        level->bounds[slot] |= MIXED_RIGHT;
    }
  return slot;
}

/* The count of the gram at @pos, 0 when it was never counted. */
static guint
level_count (const Level *level,
             guint        pos)
{
  guint slot = level_slot (level, level->tokens->ids + pos);

  return level->slots[slot] != 0 ? level->counts[slot] : 0;
}

/* TRUE when the gram at @pos stands on its own: it opens a clause
 * somewhere and closes one somewhere; or, when seen OFTEN times, it opens
 * or closes one and on each side meets punctuation or varied neighbours —
 * a phrase rather than a piece of a longer one. */
static gboolean
level_bounded (const Level *level,
               guint        pos)
{
  guint slot = level_slot (level, level->tokens->ids + pos);
  guint8 b = level->bounds[slot];

  if ((b & (BOUND_LEFT | BOUND_RIGHT)) == (BOUND_LEFT | BOUND_RIGHT))
    return TRUE;
  /* A phrase seen often may stand between varied words instead. */
  return level->counts[slot] >= OFTEN &&
         (b & (BOUND_LEFT | BOUND_RIGHT)) != 0 &&
         (b & (BOUND_LEFT | MIXED_LEFT)) != 0 &&
         (b & (BOUND_RIGHT | MIXED_RIGHT)) != 0;
}

static gboolean
is_stop (guint32       id,
         GHashTable   *stop_words)
{
  if (id < WORD_BASE)
    return g_utf8_strchr (cjk_stop, -1, id) != NULL;
  return g_hash_table_contains (stop_words, GUINT_TO_POINTER (id));
}

static void
tokenize (const MgSuggestText *text,
          Tokens              *tokens,
          GHashTable          *stop_words)
{
  const gunichar *s = text->chars;
  g_autoptr(GHashTable) words = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GString) word = g_string_new (NULL);
  guint cap = text->length + 1;

  tokens->ids = g_new (guint32, cap);
  tokens->starts = g_new (guint, cap);
  tokens->ends = g_new (guint, cap);
  tokens->n = 0;

  for (guint i = 0; i < G_N_ELEMENTS (en_stop); i++)
    {
      guint32 id = WORD_BASE + g_hash_table_size (words);

      g_hash_table_insert (words, g_strdup (en_stop[i]), GUINT_TO_POINTER (id));
      g_hash_table_add (stop_words, GUINT_TO_POINTER (id));
    }

  for (guint i = 0; i < text->length;)
    {
      gunichar c = s[i];
      guint t = tokens->n;

      if (mg_suggest_is_han (c))
        {
          tokens->ids[t] = c;
          tokens->starts[t] = i;
          tokens->ends[t] = ++i;
          tokens->n++;
        }
      else if (mg_suggest_is_ascii_alpha (c))
        {
          guint start = i;
          gpointer id;

          g_string_truncate (word, 0);
          while (i < text->length && (mg_suggest_is_ascii_alpha (s[i]) ||
                                      (s[i] == '\'' && i + 1 < text->length &&
                                       mg_suggest_is_ascii_alpha (s[i + 1]))))
            g_string_append_c (word, g_ascii_tolower ((char) s[i++]));
          if (!g_hash_table_lookup_extended (words, word->str, NULL, &id))
            {
              id = GUINT_TO_POINTER (WORD_BASE + g_hash_table_size (words));
              g_hash_table_insert (words, g_strdup (word->str), id);
            }
          tokens->ids[t] = GPOINTER_TO_UINT (id);
          tokens->starts[t] = start;
          tokens->ends[t] = i;
          tokens->n++;
        }
      else
        {
          /* Spaces join words (and odd spaces in Chinese); anything else breaks. */
          if (!mg_suggest_is_space (c) && (t == 0 || tokens->ids[t - 1] != BREAK))
            {
              tokens->ids[t] = BREAK;
              tokens->starts[t] = tokens->ends[t] = i;
              tokens->n++;
            }
          i++;
        }
    }
}

static void
tokens_clear (Tokens *tokens)
{
  g_free (tokens->ids);
  g_free (tokens->starts);
  g_free (tokens->ends);
}

/* TRUE when the gram at @pos of @n tokens may be suggested. */
static gboolean
acceptable (const Tokens *tokens,
            guint         pos,
            guint         n,
            GHashTable   *stop_words)
{
  guint n_words = 0, n_content = 0;

  if (is_stop (tokens->ids[pos], stop_words) || is_stop (tokens->ids[pos + n - 1], stop_words))
    return FALSE;
  for (guint i = pos; i < pos + n; i++)
    if (tokens->ids[i] >= WORD_BASE)
      {
        n_words++;
        if (!is_stop (tokens->ids[i], stop_words))
          n_content++;
      }
  if (n_words == 0)
    return n >= MIN_HAN && n <= MAX_HAN;
  return n_words == n && n >= MIN_WORDS && n <= MAX_WORDS && n_content >= 2;
}

void
mg_suggest_scan_repeats (const MgSuggestText *text,
                         GArray              *hits)
{
  g_autoptr(GHashTable) stop_words = g_hash_table_new (NULL, NULL);
  g_autoptr(GArray) candidates = g_array_new (FALSE, FALSE, sizeof (guint));
  Level levels[MAX_HAN + 2];
  guint n_levels = 0;
  Tokens tokens;

  tokenize (text, &tokens, stop_words);

  /* Level 1: every token that is not a break. */
  for (guint i = 0; i < tokens.n; i++)
    if (tokens.ids[i] != BREAK)
      g_array_append_val (candidates, i);

  for (guint n = 1; n <= MAX_HAN + 1 && candidates->len > 0; n++)
    {
      Level *level = &levels[n_levels++];
      g_autoptr(GArray) next = g_array_new (FALSE, FALSE, sizeof (guint));
      g_autofree guint8 *frequent = NULL;
      guint first = ((guint *) candidates->data)[0];
      guint span = ((guint *) candidates->data)[candidates->len - 1] - first + 2;

      level_init (level, &tokens, n, candidates->len);
      for (guint c = 0; c < candidates->len; c++)
        {
          guint slot = level_add (level, g_array_index (candidates, guint, c));

          if (level->counts[slot] == MIN_COUNT)
            {
              guint first_pos = level->slots[slot] - 1;

              g_array_append_val (level->frequent, first_pos);
            }
        }
      if (n_levels > 1)
        {
          Level *shorter = &levels[n_levels - 2];

          for (guint f = 0; f < level->frequent->len; f++)
            {
              guint pos = g_array_index (level->frequent, guint, f);
              guint count = level_count (level, pos);
              guint prefix = level_slot (shorter, tokens.ids + pos);
              guint suffix = level_slot (shorter, tokens.ids + pos + 1);

              shorter->longest[prefix] = MAX (shorter->longest[prefix], count);
              shorter->longest[suffix] = MAX (shorter->longest[suffix], count);
            }
        }

      /* An (n+1)-gram at i is a candidate when the n-grams at i and i+1
       * are both frequent and no break follows. */
      frequent = g_new0 (guint8, span);
      for (guint c = 0; c < candidates->len; c++)
        {
          guint pos = g_array_index (candidates, guint, c);

          if (level_count (level, pos) >= MIN_COUNT)
            frequent[pos - first] = 1;
        }
      for (guint c = 0; c < candidates->len; c++)
        {
          guint pos = g_array_index (candidates, guint, c);

          if (frequent[pos - first] && pos + 1 - first < span && frequent[pos + 1 - first] &&
              pos + n < tokens.n && tokens.ids[pos + n] != BREAK)
            g_array_append_val (next, pos);
        }
      g_array_set_size (candidates, 0);
      g_array_append_vals (candidates, next->data, next->len);
    }

  /* Suggest the maximal frequent grams. The last level only served to
   * tell which of the level before were maximal. */
  for (guint l = 0; l < n_levels; l++)
    {
      Level *level = &levels[l];

      if (level->n > MAX_HAN)
        break;
      for (guint f = 0; f < level->frequent->len; f++)
        {
          guint pos = g_array_index (level->frequent, guint, f);
          guint count = level_count (level, pos);
          gboolean maximal = TRUE;

          if (!acceptable (&tokens, pos, level->n, stop_words) || !level_bounded (level, pos))
            continue;
          /* Mostly seen inside one longer phrase: that one is suggested. */
          if (level->longest[level_slot (level, tokens.ids + pos)] * 3 > count * 2)
            maximal = FALSE;
          if (maximal)
            {
              MgSuggestHit hit = { MG_SUGGESTION_SLOGAN, tokens.starts[pos],
                                   tokens.ends[pos + level->n - 1], "repeated phrase" };

              g_array_append_val (hits, hit);
            }
        }
    }

  for (guint l = 0; l < n_levels; l++)
    level_clear (&levels[l]);
  tokens_clear (&tokens);
}
