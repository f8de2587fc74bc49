/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <cairo.h>

#include "mg-pdf-content.h"

G_BEGIN_DECLS

/* The PDF summary laid out with Pango, for texts the PDF's own layout
 * does not handle (scripts that need shaping or run right to left): each
 * page is recorded once, and painted with its "n / N" footer when asked.
 * Not thread-safe. */
typedef struct _MgPdfPango MgPdfPango;

MgPdfPango *mg_pdf_pango_new          (MgSummary    *summary,
                                       MgExportJob  *job,
                                       GError      **error);
guint       mg_pdf_pango_get_n_pages  (MgPdfPango   *pango);
/* Paints page @page (0-based) at the origin of @cr, in points. */
void        mg_pdf_pango_draw_page    (MgPdfPango   *pango,
                                       cairo_t      *cr,
                                       guint         page);
/* Frees the recording of @page once it is no longer needed. */
void        mg_pdf_pango_release_page (MgPdfPango   *pango,
                                       guint         page);
void        mg_pdf_pango_free         (MgPdfPango   *pango);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MgPdfPango, mg_pdf_pango_free)

/* Pango wraps a run with no break opportunity (a URL, a string of 100,000
 * letters) in time quadratic in its length: @text with an invisible break
 * (U+200B) after every MG_PDF_PANGO_MAX_RUN characters of such a run
 * (never before a combining mark), so that wrapping stays linear. Text
 * with no long run comes back unchanged. */
#define MG_PDF_PANGO_MAX_RUN 64
char       *mg_pdf_pango_break_long_runs (const char *text);

G_END_DECLS
