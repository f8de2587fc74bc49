/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <cairo.h>

#include "mg-export-private.h"

G_BEGIN_DECLS

/* A4 PDF: the title, a line with source,
 * date and counts, the counts per tag and author, "Key quotes", then one
 * section per group with each quote (tag-coloured bar, ¶ number, tags,
 * author, context, note). Page numbers "n / N" at the foot of each page.
 * Text is set in "Noto Sans CJK SC, Noto Sans, sans" with the language of
 * the text (zh-cn for Chinese, so that Chinese glyph forms are used); the
 * fonts are embedded as subsets, with the text of each glyph so that the
 * PDF can be searched and copied from; each section is a bookmark. Long
 * exports flow over as many pages as they need, a quote breaking between
 * its lines. Text in the scripts MgPdfShaper knows (Latin, Greek,
 * Cyrillic, Chinese, Japanese, Korean…) is laid out and written by
 * Marginalia itself (mg-pdf-layout, mg-pdf-file); any other text takes
 * Pango and cairo's PDF surface, slower but with full shaping. */
gboolean mg_export_pdf_write (MgSummary    *summary,
                              GString      *out,
                              MgExportJob  *job,
                              GError      **error);

/* The same layout, page by page, for printing (GtkPrintOperation's
 * draw-page): mg_pdf_pages_new() lays out the whole summary (it may run in
 * a worker thread); mg_pdf_pages_draw() paints page @page (0-based) with
 * its "n / N" footer at the origin of @cr, in points, on an A4 page of
 * mg_pdf_pages_get_size(). Use it from one thread at a time. */
typedef struct _MgPdfPages MgPdfPages;

MgPdfPages *mg_pdf_pages_new         (MgSummary     *summary,
                                      GCancellable  *cancellable,
                                      GError       **error);
guint       mg_pdf_pages_get_n_pages (MgPdfPages    *pages);
void        mg_pdf_pages_get_size    (double        *width,
                                      double        *height);
void        mg_pdf_pages_draw        (MgPdfPages    *pages,
                                      cairo_t       *cr,
                                      guint          page);
void        mg_pdf_pages_free        (MgPdfPages    *pages);
/* Whether the text needed the Pango layout (see mg_export_pdf_write()). */
gboolean    mg_pdf_pages_uses_pango  (MgPdfPages    *pages);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (MgPdfPages, mg_pdf_pages_free)

G_END_DECLS
