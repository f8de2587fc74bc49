/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <libdeflate.h>

#include "mg-pdf-file.h"

G_BEGIN_DECLS

/* Shared by mg-pdf-file.c (pages, bookmarks, trailer) and
 * mg-pdf-file-fonts.c (embedded faces). */

/* Where objects are written: the file, or the pages a worker thread
 * writes on its own. */
typedef struct
{
  GString            *out;
  GArray             *objects;    /* of ObjectOffset */
  struct libdeflate_compressor *compressor;
  GByteArray         *packed;
  GString            *content;
} PdfOut;

typedef struct
{
  guint number;
  gsize offset;
} ObjectOffset;

typedef struct
{
  MgPdfLayout        *layout;
  MgPdfShaper        *shaper;
  PdfOut              file;
  GString            *out;        /* file.out */
  guint               n_pages;
  guint               first_page; /* object number of page 0; its content follows it */
  guint              *font_objects; /* per shaper font: its Type0 object, 0 when unused */
  gint16            **widths;     /* per shaper font: width per gid, -1 unknown */
  guint               next_object;
} PdfFile;

void     mg_pdf_file_append_number  (GString       *out,
                                    double         value);
void     mg_pdf_file_append_hex4    (GString       *out,
                                    guint          code);
void     mg_pdf_file_begin_object   (PdfOut        *o,
                                    guint          number);
guint    mg_pdf_file_new_object     (PdfFile       *pdf);
/* A stream object from @data, compressed; @extra goes into its dictionary. */
gboolean mg_pdf_file_write_stream   (PdfOut        *o,
                                    guint          number,
                                    const guint8  *data,
                                    gsize          length,
                                    const char    *extra,
                                    GError       **error);
/* The widths of the glyphs of face @font in use, looked up before the
 * pages are written (by more than one thread). */
void     mg_pdf_file_prefill_widths (PdfFile       *pdf,
                                    guint          font);
/* The Type0 font, its CIDFont, descriptor, subset and ToUnicode map. */
gboolean mg_pdf_file_write_font     (PdfFile       *pdf,
                                    guint          font,
                                    GError       **error);

/* The advance of @gid in the PDF's font, thousandths of an em. */
static inline int
mg_pdf_file_font_width (PdfFile   *pdf,
            guint      font,
            MgPdfFont *face,
            guint      gid)
{
  gint16 width = pdf->widths[font][gid];

  return width >= 0 ? width : mg_pdf_font_get_width (face, gid);
}


G_END_DECLS
