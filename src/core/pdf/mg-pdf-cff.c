/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Marginalia"
#include "config.h"

#include "mg-pdf-cff.h"

/* One INDEX of a CFF table at @pos: its count, and where it ends. */
static gboolean
cff_index (const guint8 *data,
           gsize         length,
           gsize         pos,
           guint        *count,
           gsize        *first_data,
           guint        *off_size,
           gsize        *end)
{
  gsize offsets;
  guint last = 0;

  if (pos + 2 > length)
    return FALSE;
  *count = mg_pdf_read_u16 (data + pos);
  if (*count == 0)
    {
      *end = pos + 2;
      return TRUE;
    }
  if (pos + 3 > length)
    return FALSE;
  *off_size = data[pos + 2];
  if (*off_size < 1 || *off_size > 4)
    return FALSE;
  offsets = pos + 3;
  if (offsets + (gsize) (*count + 1) * *off_size > length)
    return FALSE;
  for (guint i = 0; i < *off_size; i++)
    last = (last << 8) | data[offsets + (gsize) *count * *off_size + i];
  *first_data = offsets + (gsize) (*count + 1) * *off_size - 1;
  *end = *first_data + last;
  return *end <= length;
}

static guint
cff_offset (const guint8 *data,
            gsize         offsets,
            guint         off_size,
            guint         i)
{
  guint value = 0;

  for (guint k = 0; k < off_size; k++)
    value = (value << 8) | data[offsets + (gsize) i * off_size + k];
  return value;
}

/* Reads the operands of a Top DICT: whether it has ROS (CID-keyed), and the
 * offsets of charset and CharStrings. */
static gboolean
cff_top_dict (const guint8 *d,
              gsize         length,
              gboolean     *cid_keyed,
              gint64       *charset,
              gint64       *charstrings)
{
  gint64 stack[48];
  guint n = 0;
  gsize i = 0;

  *cid_keyed = FALSE;
  *charset = 0;
  *charstrings = -1;
  while (i < length)
    {
      guint8 b = d[i];

      if (b <= 21)
        {
          guint op = b;

          if (b == 12)
            {
              if (i + 1 >= length)
                return FALSE;
              op = 1200 + d[i + 1];
              i += 2;
            }
          else
            i++;
          if (op == 1230)
            *cid_keyed = TRUE;
          else if (op == 15 && n > 0)
            *charset = stack[n - 1];
          else if (op == 17 && n > 0)
            *charstrings = stack[n - 1];
          n = 0;
          continue;
        }
      if (n == G_N_ELEMENTS (stack))
        return FALSE;
      if (b == 28 && i + 2 < length)
        {
          stack[n++] = mg_pdf_read_s16 (d + i + 1);
          i += 3;
        }
      else if (b == 29 && i + 4 < length)
        {
          stack[n++] = (gint32) ((guint32) d[i + 1] << 24 | (guint32) d[i + 2] << 16
                                 | (guint32) d[i + 3] << 8 | d[i + 4]);
          i += 5;
        }
      else if (b == 30)
        {
          /* A real number: its value does not matter here. */
          i++;
          while (i < length && (d[i] & 0x0f) != 0x0f && (d[i] >> 4) != 0x0f)
            i++;
          i++;
          stack[n++] = 0;
        }
      else if (b >= 32 && b <= 246)
        {
          stack[n++] = b - 139;
          i++;
        }
      else if (b >= 247 && b <= 250 && i + 1 < length)
        {
          stack[n++] = (b - 247) * 256 + d[i + 1] + 108;
          i += 2;
        }
      else if (b >= 251 && b <= 254 && i + 1 < length)
        {
          stack[n++] = -(b - 251) * 256 - d[i + 1] - 108;
          i += 2;
        }
      else
        return FALSE;
    }
  return TRUE;
}

gboolean
mg_pdf_cff_read_cids (const guint8  *data,
                      gsize          length,
                      guint          n_glyphs,
                      guint16      **cids)
{
  guint count, off_size = 0, n_charstrings, cs_off_size = 0;
  gsize first, end, top_first, top_end, cs_first, cs_end;
  gboolean cid_keyed;
  gint64 charset, charstrings;
  gsize pos;
  guint gid;
  g_autofree guint16 *map = NULL;

  g_return_val_if_fail (cids != NULL, FALSE);

  *cids = NULL;
  if (data == NULL || length < 4)
    return FALSE;
  /* Name INDEX, then the Top DICT INDEX. */
  if (!cff_index (data, length, data[2], &count, &first, &off_size, &end))
    return FALSE;
  if (!cff_index (data, length, end, &count, &top_first, &off_size, &top_end) || count < 1)
    return FALSE;
  {
    gsize offsets = top_first + 1 - (gsize) (count + 1) * off_size;
    gsize start = top_first + cff_offset (data, offsets, off_size, 0);
    gsize stop = top_first + cff_offset (data, offsets, off_size, 1);

    if (stop > length || start > stop
        || !cff_top_dict (data + start, stop - start, &cid_keyed, &charset, &charstrings))
      return FALSE;
  }
  if (!cid_keyed)
    return TRUE;
  if (charstrings < 0 || charset <= 2 || (guint64) charset >= length
      || !cff_index (data, length, (gsize) charstrings, &n_charstrings, &cs_first, &cs_off_size, &cs_end))
    return FALSE;

  map = g_new0 (guint16, MAX (n_charstrings, n_glyphs));
  pos = (gsize) charset;
  gid = 1;
  if (data[pos] == 0)
    {
      for (pos++; gid < n_charstrings && pos + 2 <= length; gid++, pos += 2)
        map[gid] = mg_pdf_read_u16 (data + pos);
    }
  else if (data[pos] == 1 || data[pos] == 2)
    {
      gboolean wide = data[pos] == 2;

      for (pos++; gid < n_charstrings;)
        {
          guint cid, left;

          if (pos + (wide ? 4 : 3) > length)
            return FALSE;
          cid = mg_pdf_read_u16 (data + pos);
          left = wide ? mg_pdf_read_u16 (data + pos + 2) : data[pos + 2];
          pos += wide ? 4 : 3;
          for (guint k = 0; k <= left && gid < n_charstrings; k++)
            map[gid++] = (guint16) (cid + k);
        }
    }
  else
    return FALSE;
  if (gid < n_charstrings)
    return FALSE;
  *cids = g_steal_pointer (&map);
  return TRUE;
}

