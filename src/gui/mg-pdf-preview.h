/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "mg-summary.h"

G_BEGIN_DECLS

#define MG_TYPE_PDF_PREVIEW (mg_pdf_preview_get_type ())
G_DECLARE_FINAL_TYPE (MgPdfPreview, mg_pdf_preview, MG, PDF_PREVIEW, GtkWidget)

/* The first pages of a summary's PDF, as they will be printed: laid out
 * in a worker thread (mg_pdf_pages_new()), then drawn page by page,
 * scaled to the widget's width. "ready" is emitted once the pages are
 * shown or the layout failed. */

/* At most this many pages are shown; a line says how many there are. */
#define MG_PDF_PREVIEW_MAX_PAGES 6

GtkWidget  *mg_pdf_preview_new          (void);
/* Lays out @summary (nullable: shows nothing), cancelling a layout still
 * running. */
void        mg_pdf_preview_set_summary  (MgPdfPreview *self,
                                         MgSummary    *summary);
gboolean    mg_pdf_preview_get_pending  (MgPdfPreview *self);
/* Pages in the PDF, and pages shown; 0 while pending or after a failure. */
guint       mg_pdf_preview_get_n_pages  (MgPdfPreview *self);
guint       mg_pdf_preview_get_n_shown  (MgPdfPreview *self);

G_END_DECLS
