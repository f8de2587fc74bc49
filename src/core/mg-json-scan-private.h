/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <string.h>
#include <glib.h>

G_BEGIN_DECLS

/* The scan shared by the JSON reader and writer: how many bytes from @p
 * (before @end) a JSON string holds as they are, up to the first quote,
 * backslash or control character; eight bytes at a time where it can.
 * The bytes passed are or'ed into *@high, whose 0x80 bits then tell
 * whether any of them was beyond ASCII (to be validated as UTF-8). */

#define MG_JSON_SCAN_ONES  G_GUINT64_CONSTANT (0x0101010101010101)
#define MG_JSON_SCAN_HIGHS G_GUINT64_CONSTANT (0x8080808080808080)

/* Non-zero when one of the bytes of @w is zero. */
static inline guint64
_mg_json_scan_has_zero (guint64 w)
{
  return (w - MG_JSON_SCAN_ONES) & ~w & MG_JSON_SCAN_HIGHS;
}

static inline gboolean
_mg_json_scan_is_special (guchar c)
{
  return c < 0x20 || c == '"' || c == '\\';
}

static inline gsize
_mg_json_scan_plain (const guchar *p,
                     const guchar *end,
                     guint64      *high)
{
  const guchar *start = p;
  guint64 seen = 0;

  while (end - p >= 8)
    {
      guint64 w;

      memcpy (&w, p, 8);
      /* A byte below 0x20 (a byte of 0x80 or more never counts), a quote
       * or a backslash somewhere in the eight. */
      if ((((w - MG_JSON_SCAN_ONES * 0x20) & ~w & MG_JSON_SCAN_HIGHS)
           | _mg_json_scan_has_zero (w ^ (MG_JSON_SCAN_ONES * '"'))
           | _mg_json_scan_has_zero (w ^ (MG_JSON_SCAN_ONES * '\\'))) != 0)
        break;
      seen |= w;
      p += 8;
    }
  while (p < end && !_mg_json_scan_is_special (*p))
    seen |= *p++;
  *high |= seen;
  return p - start;
}

/* g_string_append_len() without its call when the bytes fit: the
 * writers append millions of short pieces. */
static inline void
_mg_json_out_append (GString    *out,
                     const char *s,
                     gsize       len)
{
  if (G_UNLIKELY (out->len + len >= out->allocated_len))
    {
      g_string_append_len (out, s, (gssize) len);
      return;
    }
  memcpy (out->str + out->len, s, len);
  out->len += len;
  out->str[out->len] = '\0';
}

G_END_DECLS
