/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Marginalia"
#include "config.h"

#include <string.h>

#include "mg-fold.h"
#include "mg-document.h"

static gboolean
is_ignorable (gunichar c)
{
  switch (c)
    {
    case 0x00A0:  /* NO-BREAK SPACE */
    case 0x00AD:  /* SOFT HYPHEN */
    case 0x200B:  /* ZERO WIDTH SPACE */
    case 0x200C:
    case 0x200D:
    case 0x2060:  /* WORD JOINER */
    case 0x202F:  /* NARROW NO-BREAK SPACE */
    case 0x3000:  /* IDEOGRAPHIC SPACE */
    case 0xFEFF:
      return TRUE;
    default:
      return c < 0x80 ? g_ascii_isspace (c) : mg_document_unichar_is_blank (c);
    }
}

guint
mg_fold_unichar (gunichar c,
                 gunichar out[3])
{
  if (c < 0x80)
    {
      if (g_ascii_isspace (c))
        return 0;
      out[0] = c;
      return 1;
    }
  /* Han characters and most other scripts fold to themselves. */
  if (c >= 0x3400 && c < 0xFE00)
    {
      out[0] = c;
      return 1;
    }
  if (is_ignorable (c))
    return 0;

  /* Full-width ASCII forms. */
  if (c >= 0xFF01 && c <= 0xFF5E)
    {
      out[0] = c - 0xFEE0;
      return 1;
    }

  switch (c)
    {
    case 0x3002:  /* 。 */
    case 0xFF61:  /* ｡ */
      out[0] = '.';
      return 1;
    case 0xFF64:  /* ､ */
      out[0] = 0x3001;
      return 1;
    case 0x201C: case 0x201D: case 0x201E: case 0x201F:
    case 0x2033: case 0x00AB: case 0x00BB:
      out[0] = '"';
      return 1;
    case 0x2018: case 0x2019: case 0x201A: case 0x201B: case 0x2032:
      out[0] = '\'';
      return 1;
    case 0x2010: case 0x2011: case 0x2012: case 0x2013: case 0x2014:
    case 0x2015: case 0x2212: case 0xFE58: case 0xFE63:
      out[0] = '-';
      return 1;
    case 0x2026:  /* … */
    case 0x22EF:  /* ⋯ */
      out[0] = out[1] = out[2] = '.';
      return 3;
    case 0x2027: case 0x30FB: case 0xFF65:
      out[0] = 0x00B7;
      return 1;
    case 0xFFE0: out[0] = 0x00A2; return 1;
    case 0xFFE1: out[0] = 0x00A3; return 1;
    case 0xFFE5: out[0] = 0x00A5; return 1;
    default:
      out[0] = c;
      return 1;
    }
}

MgFolded *
mg_folded_new (const char *text,
               gssize      length,
               gboolean    with_map)
{
  MgFolded *folded = g_new0 (MgFolded, 1);
  const char *p, *end;
  gsize bytes;
  gsize cap;
  guint orig = 0;

  if (text == NULL)
    text = "";
  bytes = length < 0 ? strlen (text) : (gsize) length;
  end = text + bytes;

  /* No more folded characters than 3 per code point, and code points are
   * at most one per byte: size for the common case and grow if needed. */
  cap = bytes + 4;
  folded->chars = g_new (gunichar, cap);
  if (with_map)
    folded->map = g_new (guint, cap + 1);

  for (p = text; p < end; orig++)
    {
      gunichar c;
      gunichar out[3];
      guint k, i;

      if ((guchar) *p < 0x80)
        c = (guchar) *p++;
      else
        {
          c = g_utf8_get_char (p);
          p = g_utf8_next_char (p);
        }

      k = mg_fold_unichar (c, out);
      if (folded->n + k > cap)
        {
          cap = cap * 2 + 8;
          folded->chars = g_renew (gunichar, folded->chars, cap);
          if (with_map)
            folded->map = g_renew (guint, folded->map, cap + 1);
        }
      for (i = 0; i < k; i++)
        {
          folded->chars[folded->n] = out[i];
          if (with_map)
            folded->map[folded->n] = orig;
          folded->n++;
        }
    }

  folded->orig_length = orig;
  if (with_map)
    folded->map[folded->n] = orig;
  return folded;
}

void
mg_folded_free (MgFolded *folded)
{
  if (folded == NULL)
    return;
  g_free (folded->chars);
  g_free (folded->map);
  g_free (folded);
}

void
mg_folded_to_original (const MgFolded *folded,
                       guint           fstart,
                       guint           fend,
                       guint          *start,
                       guint          *end)
{
  g_return_if_fail (folded->map != NULL);
  g_return_if_fail (fstart < fend && fend <= folded->n);

  *start = folded->map[fstart];
  *end = folded->map[fend - 1] + 1;
}
