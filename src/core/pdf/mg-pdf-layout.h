/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <cairo.h>

#include "mg-pdf-content.h"
#include "mg-pdf-shaper.h"

G_BEGIN_DECLS

/* The PDF summary laid out page by page with MgPdfShaper: runs of glyphs
 * and coloured bars at their places on A4 pages, the "n / N" footers, and
 * a bookmark per section. Written out by mg_pdf_file_write(), painted with
 * cairo for printing. */
typedef struct _MgPdfLayout MgPdfLayout;

typedef enum
{
  MG_PDF_OP_TEXT,
  MG_PDF_OP_RECT,
} MgPdfOpKind;

typedef struct
{
  MgPdfOpKind kind;
  guint       font;       /* text: an index of the shaper's fonts */
  float       size;       /* text: points */
  float       r, g, b;
  float       x, y;       /* text: start of the baseline; rect: top left;
                           * points from the top left of the page */
  float       width;      /* rect */
  float       height;     /* rect */
  guint       first;      /* text: index of the first glyph */
  guint       n_glyphs;
} MgPdfOp;

typedef struct
{
  char  *title;
  guint  page;            /* 0-based */
  double y;               /* points from the top of the page */
} MgPdfBookmark;

/* Lays out @summary. Fails with MG_PDF_SHAPER_ERROR when its text or the
 * fonts need the Pango layout instead, with G_IO_ERROR_CANCELLED when
 * @job is cancelled. */
MgPdfLayout         *mg_pdf_layout_new           (MgSummary    *summary,
                                                  MgExportJob  *job,
                                                  GError      **error);
void                 mg_pdf_layout_free          (MgPdfLayout  *layout);

MgPdfShaper         *mg_pdf_layout_get_shaper    (MgPdfLayout  *layout);
guint                mg_pdf_layout_get_n_pages   (MgPdfLayout  *layout);
/* The drawing operations of page @page, footer included. */
const MgPdfOp       *mg_pdf_layout_get_ops       (MgPdfLayout  *layout,
                                                  guint         page,
                                                  guint        *n_ops);
const MgPdfGlyph    *mg_pdf_layout_get_glyphs    (MgPdfLayout  *layout);
guint                mg_pdf_layout_get_n_bookmarks (MgPdfLayout *layout);
const MgPdfBookmark *mg_pdf_layout_get_bookmark  (MgPdfLayout  *layout,
                                                  guint         index);

/* Paints page @page (0-based) at the origin of @cr, in points. */
void                 mg_pdf_layout_draw_page     (MgPdfLayout  *layout,
                                                  cairo_t      *cr,
                                                  guint         page);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MgPdfLayout, mg_pdf_layout_free)

G_END_DECLS
