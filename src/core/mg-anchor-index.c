/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Marginalia"
#include "config.h"

#include <string.h>

#include "mg-anchor-index.h"

guint
mg_qgram_hash (const MgQgramTable *table,
               const gunichar     *s)
{
  guint32 h = 0x811C9DC5u;
  guint i;

  for (i = 0; i < table->q; i++)
    h = (h ^ s[i]) * 0x9E3779B1u;
  h ^= h >> 15;
  h *= 0x2C1B3C6Du;
  return h >> (32 - table->bits);
}

const guint *
mg_qgram_table_bucket (const MgQgramTable *table,
                       guint               h,
                       guint              *n)
{
  *n = table->offsets[h + 1] - table->offsets[h];
  return table->positions + table->offsets[h];
}

static void
qgram_table_build (MgQgramTable   *table,
                   guint           q,
                   const gunichar *s,
                   guint           n)
{
  guint n_grams = n >= q ? n - q + 1 : 0;
  guint n_buckets;
  guint *hashes;
  guint *fill;
  guint i;

  table->q = q;
  table->bits = 10;
  while (table->bits < 24 && (1u << table->bits) < n_grams)
    table->bits++;
  n_buckets = 1u << table->bits;

  table->offsets = g_new0 (guint, n_buckets + 1);
  table->positions = g_new (guint, MAX (n_grams, 1));
  hashes = g_new (guint, MAX (n_grams, 1));

  for (i = 0; i < n_grams; i++)
    {
      hashes[i] = mg_qgram_hash (table, s + i);
      table->offsets[hashes[i] + 1]++;
    }
  for (i = 0; i < n_buckets; i++)
    table->offsets[i + 1] += table->offsets[i];

  fill = g_memdup2 (table->offsets, sizeof (guint) * n_buckets);
  for (i = 0; i < n_grams; i++)
    table->positions[fill[hashes[i]]++] = i;

  g_free (fill);
  g_free (hashes);
}

static void
qgram_table_clear (MgQgramTable *table)
{
  g_clear_pointer (&table->offsets, g_free);
  g_clear_pointer (&table->positions, g_free);
}

MgAnchorIndex *
mg_anchor_index_new_for_text (const char *text,
                              gssize      size)
{
  MgAnchorIndex *index = g_new0 (MgAnchorIndex, 1);
  const char *p;
  guint i, f, han = 0;

  if (text == NULL)
    text = "";
  index->size = size < 0 ? strlen (text) : (gsize) size;
  index->text = g_strndup (text, index->size);

  index->folded = mg_folded_new (index->text, index->size, TRUE);
  index->length = index->folded->orig_length;

  index->cp_to_byte = g_new (guint, index->length + 1);
  for (p = index->text, i = 0; i < index->length; i++)
    {
      index->cp_to_byte[i] = (guint) (p - index->text);
      p = g_utf8_next_char (p);
    }
  index->cp_to_byte[index->length] = (guint) index->size;

  index->orig_to_fold = g_new (guint, index->length + 1);
  for (i = 0, f = 0; i <= index->length; i++)
    {
      while (f < index->folded->n && index->folded->map[f] < i)
        f++;
      index->orig_to_fold[i] = f;
    }

  for (f = 0; f < index->folded->n; f++)
    if (index->folded->chars[f] >= 0x2E80)
      han++;
  index->mostly_han = han * 3 > index->folded->n;

  qgram_table_build (&index->unigrams, 1, index->folded->chars, index->folded->n);
  qgram_table_build (&index->qgrams, index->mostly_han ? 3 : 5,
                     index->folded->chars, index->folded->n);
  return index;
}

void
mg_anchor_index_free (MgAnchorIndex *index)
{
  if (index == NULL)
    return;
  g_free (index->text);
  g_free (index->cp_to_byte);
  g_free (index->orig_to_fold);
  mg_folded_free (index->folded);
  qgram_table_clear (&index->unigrams);
  qgram_table_clear (&index->qgrams);
  g_free (index);
}

GArray *
mg_anchor_index_find_exact (MgAnchorIndex  *index,
                            const gunichar *pattern,
                            guint           m,
                            guint           max_hits)
{
  GArray *hits = g_array_new (FALSE, FALSE, sizeof (guint));
  const MgFolded *folded = index->folded;
  const MgQgramTable *table;
  const guint *bucket = NULL;
  guint n_bucket = G_MAXUINT;
  guint best_j = 0;
  guint j, i;

  if (m == 0 || m > folded->n)
    return hits;

  /* The rarest q-gram of the pattern (or its rarest character, for a
   * pattern shorter than q) gives the fewest candidates to verify. */
  table = m >= index->qgrams.q ? &index->qgrams : &index->unigrams;
  for (j = 0; j + table->q <= m; j++)
    {
      guint nb;
      const guint *b = mg_qgram_table_bucket (table, mg_qgram_hash (table, pattern + j), &nb);

      if (nb < n_bucket)
        {
          n_bucket = nb;
          bucket = b;
          best_j = j;
          if (nb == 0)
            break;
        }
    }

  for (i = 0; i < n_bucket; i++)
    {
      guint pos = bucket[i];
      guint start;

      if (pos < best_j)
        continue;
      start = pos - best_j;
      if (start + m > folded->n)
        break;
      if (memcmp (folded->chars + start, pattern, m * sizeof (gunichar)) != 0)
        continue;
      g_array_append_val (hits, start);
      if (max_hits != 0 && hits->len >= max_hits)
        break;
    }
  return hits;
}

gboolean
mg_anchor_index_range_equals (MgAnchorIndex *index,
                              guint          start,
                              guint          end,
                              const char    *s)
{
  gsize b0, b1;

  if (start > end || end > index->length || s == NULL)
    return FALSE;
  b0 = index->cp_to_byte[start];
  b1 = index->cp_to_byte[end];
  return strlen (s) == b1 - b0 && memcmp (index->text + b0, s, b1 - b0) == 0;
}
