/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Big-endian numbers of OpenType tables. */
static inline guint16
mg_pdf_read_u16 (const guint8 *p)
{
  return (guint16) ((p[0] << 8) | p[1]);
}

static inline gint16
mg_pdf_read_s16 (const guint8 *p)
{
  return (gint16) mg_pdf_read_u16 (p);
}

/* Reads the charset of the CFF table @data (@length bytes) of a face with
 * @n_glyphs glyphs. For a CID-keyed font, *@cids becomes a new array
 * mapping each glyph to its CID (at least @n_glyphs long); for a
 * name-keyed font it stays NULL. FALSE when the table cannot be read. */
gboolean mg_pdf_cff_read_cids (const guint8  *data,
                               gsize          length,
                               guint          n_glyphs,
                               guint16      **cids);

G_END_DECLS
