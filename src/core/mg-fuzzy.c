/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Marginalia"
#include "config.h"

#include <string.h>

#include "mg-fuzzy.h"

/* The pattern's alphabet is looked up in a small open-addressing table:
 * each distinct character owns one row of @nblocks match masks (Peq). */

struct _MgMyers
{
  guint     m;
  guint     nblocks;
  guint     table_mask;
  gunichar *keys;       /* table_mask + 1 slots; 0 = empty */
  guint    *rows;       /* slot → row index */
  guint64  *peq;        /* (n_rows + 1) * nblocks; row 0 is all zeros */
  guint64  *pv;         /* scratch, nblocks */
  guint64  *mv;
  guint64   last_bit;   /* the pattern's last row within the last block */
};

static inline guint
slot_of (gunichar c,
         guint    mask)
{
  return (guint) ((c * 2654435761u) >> 7) & mask;
}

static inline const guint64 *
peq_of (const MgMyers *self,
        gunichar       c)
{
  guint s = slot_of (c + 1, self->table_mask);

  while (self->keys[s] != 0)
    {
      if (self->keys[s] == c + 1)
        return self->peq + (gsize) self->rows[s] * self->nblocks;
      s = (s + 1) & self->table_mask;
    }
  return self->peq;  /* row 0: no match anywhere */
}

static MgMyers *
myers_build (const gunichar *pattern,
             guint           m,
             gboolean        reversed)
{
  MgMyers *self;
  guint size = 16;
  guint n_rows = 1;
  guint i;

  /* A longer pattern is refused: its callers place it exactly or not at
   * all (see MG_MYERS_MAX_LENGTH). */
  if (m == 0 || m > MG_MYERS_MAX_LENGTH)
    return NULL;

  self = g_new0 (MgMyers, 1);
  self->m = m;
  self->nblocks = (m + 63) / 64;
  while (size < 2 * m)
    size *= 2;
  self->table_mask = size - 1;
  self->keys = g_new0 (gunichar, size);
  self->rows = g_new0 (guint, size);

  /* First the alphabet (σ distinct characters), then one row of masks
   * for each: O(σ · m/64) words, not O(m · m/64). */
  for (i = 0; i < m; i++)
    {
      gunichar c = pattern[i];
      guint s = slot_of (c + 1, self->table_mask);

      while (self->keys[s] != 0 && self->keys[s] != c + 1)
        s = (s + 1) & self->table_mask;
      if (self->keys[s] == 0)
        {
          self->keys[s] = c + 1;
          self->rows[s] = n_rows++;
        }
    }
  self->peq = g_new0 (guint64, (gsize) n_rows * self->nblocks);
  self->pv = g_new (guint64, self->nblocks);
  self->mv = g_new (guint64, self->nblocks);
  self->last_bit = (guint64) 1 << ((m - 1) % 64);

  for (i = 0; i < m; i++)
    {
      gunichar c = reversed ? pattern[m - 1 - i] : pattern[i];
      guint s = slot_of (c + 1, self->table_mask);

      while (self->keys[s] != c + 1)
        s = (s + 1) & self->table_mask;
      self->peq[(gsize) self->rows[s] * self->nblocks + i / 64] |= (guint64) 1 << (i % 64);
    }

  return self;
}

MgMyers *
mg_myers_new (const gunichar *pattern,
              guint           m)
{
  return myers_build (pattern, m, FALSE);
}

MgMyers *
mg_myers_new_reversed (const gunichar *pattern,
                       guint           m)
{
  return myers_build (pattern, m, TRUE);
}

void
mg_myers_free (MgMyers *self)
{
  if (self == NULL)
    return;
  g_free (self->keys);
  g_free (self->rows);
  g_free (self->peq);
  g_free (self->pv);
  g_free (self->mv);
  g_free (self);
}

guint
mg_myers_get_length (MgMyers *self)
{
  return self->m;
}

/* One column of one block (Hyyrö's formulation of Myers' step). @hin is
 * the horizontal delta entering the block's top row; returns the delta
 * leaving its bottom row (@high is that row's bit). */
static inline int
advance_block (guint64 *pv_p,
               guint64 *mv_p,
               guint64  eq,
               int      hin,
               guint64  high)
{
  guint64 pv = *pv_p, mv = *mv_p;
  guint64 xv, xh, ph, mh;
  int hout = 0;

  xv = eq | mv;
  if (hin < 0)
    eq |= 1;
  xh = (((eq & pv) + pv) ^ pv) | eq;
  ph = mv | ~(xh | pv);
  mh = pv & xh;
  if (ph & high)
    hout = 1;
  else if (mh & high)
    hout = -1;
  ph <<= 1;
  mh <<= 1;
  if (hin < 0)
    mh |= 1;
  else if (hin > 0)
    ph |= 1;
  *pv_p = mh | ~(xv | ph);
  *mv_p = ph & xv;
  return hout;
}

static void
scan (MgMyers        *self,
      const gunichar *text,
      guint           n,
      gboolean        anchored,
      gboolean        backwards,
      guint          *dist)
{
  guint nb = self->nblocks;
  guint64 high_full = (guint64) 1 << 63;
  int score = (int) self->m;
  guint j, b;

  for (b = 0; b < nb; b++)
    {
      self->pv[b] = ~(guint64) 0;
      self->mv[b] = 0;
    }

  if (nb == 1)
    {
      guint64 pv = ~(guint64) 0, mv = 0;
      guint64 high = self->last_bit;
      int hin = anchored ? 1 : 0;

      for (j = 0; j < n; j++)
        {
          gunichar c = backwards ? text[n - 1 - j] : text[j];
          score += advance_block (&pv, &mv, peq_of (self, c)[0], hin, high);
          dist[j] = (guint) score;
        }
      return;
    }

  for (j = 0; j < n; j++)
    {
      gunichar c = backwards ? text[n - 1 - j] : text[j];
      const guint64 *eq = peq_of (self, c);
      int h = anchored ? 1 : 0;

      for (b = 0; b + 1 < nb; b++)
        h = advance_block (&self->pv[b], &self->mv[b], eq[b], h, high_full);
      h = advance_block (&self->pv[b], &self->mv[b], eq[b], h, self->last_bit);
      score += h;
      dist[j] = (guint) score;
    }
}

void
mg_myers_scan (MgMyers        *self,
               const gunichar *text,
               guint           n,
               gboolean        anchored,
               guint          *dist)
{
  scan (self, text, n, anchored, FALSE, dist);
}

void
mg_myers_scan_backwards (MgMyers        *self,
                         const gunichar *text,
                         guint           n,
                         gboolean        anchored,
                         guint          *dist)
{
  scan (self, text, n, anchored, TRUE, dist);
}
