/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "mg-pdf-font.h"

G_BEGIN_DECLS

/* Puts text into lines for the PDF: glyphs from the faces fontconfig
 * picks (regular and bold, and a face of its choice for any character
 * those lack), Chinese and Japanese characters one by one with their
 * nominal glyphs, runs of letters and digits shaped by HarfBuzz and kept,
 * and lines broken where Pango's line breaking allows (pango_get_log_attrs(),
 * as the Pango layout of the PDF breaks them; inside a word only when it
 * is longer than the line). Text in scripts that need more (right to left, Indic, Thai,
 * combining marks), or with a character no installed face has, is refused
 * with MG_PDF_SHAPER_ERROR_UNSUPPORTED. */
typedef struct _MgPdfShaper MgPdfShaper;

#define MG_PDF_SHAPER_ERROR (mg_pdf_shaper_error_quark ())
typedef enum
{
  MG_PDF_SHAPER_ERROR_UNSUPPORTED,
  MG_PDF_SHAPER_ERROR_NO_FONT,
} MgPdfShaperError;
GQuark mg_pdf_shaper_error_quark (void);

/* Glyph flags beyond the font's own: the face a glyph is in (an index of
 * mg_pdf_shaper_get_font()) is in the high byte. */
#define MG_PDF_GLYPH_FONT(glyph) ((guint) ((glyph)->flags >> 8))

typedef struct
{
  guint  first;     /* glyph index in the array given to mg_pdf_shaper_break() */
  guint  n_glyphs;
  double width;     /* points */
} MgPdfLine;

MgPdfShaper *mg_pdf_shaper_new       (const char   *family,
                                      const char   *language,
                                      GError      **error);
void         mg_pdf_shaper_free      (MgPdfShaper  *shaper);

guint        mg_pdf_shaper_get_n_fonts (MgPdfShaper *shaper);
MgPdfFont   *mg_pdf_shaper_get_font  (MgPdfShaper  *shaper,
                                      guint         index);
/* The face the lines of @bold text are measured in: ascender and
 * descender, in points at @size. */
void         mg_pdf_shaper_get_extents (MgPdfShaper *shaper,
                                        gboolean     bold,
                                        double       size,
                                        double      *ascent,
                                        double      *descent);

/* Breaks @text into lines at most @width points wide at @size points,
 * appending the glyphs to @glyphs (of MgPdfGlyph) and the lines to
 * @lines (of MgPdfLine). A line break in the text starts a new line;
 * spaces at the end of a line are left out. */
gboolean     mg_pdf_shaper_break     (MgPdfShaper  *shaper,
                                      const char   *text,
                                      gboolean      bold,
                                      double        size,
                                      double        width,
                                      GArray       *glyphs,
                                      GArray       *lines,
                                      GError      **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MgPdfShaper, mg_pdf_shaper_free)

G_END_DECLS
