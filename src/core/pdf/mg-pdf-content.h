/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "mg-export-private.h"

G_BEGIN_DECLS

/* The page and the text styles of the PDF summary, and what goes on the
 * pages in which order; two layout engines put it on pages (our own for
 * the scripts it knows, Pango for every other). */

/* A4 in points, 20 mm margins. */
#define MG_PDF_PAGE_WIDTH    595.2756
#define MG_PDF_PAGE_HEIGHT   841.8898
#define MG_PDF_MARGIN        56.6929
#define MG_PDF_FOOTER_SPACE  28.0
#define MG_PDF_CONTENT_WIDTH (MG_PDF_PAGE_WIDTH - 2 * MG_PDF_MARGIN)
#define MG_PDF_BOTTOM        (MG_PDF_PAGE_HEIGHT - MG_PDF_MARGIN - MG_PDF_FOOTER_SPACE)
#define MG_PDF_QUOTE_INDENT  12.0
#define MG_PDF_FONT_FAMILY   "Noto Sans CJK SC, Noto Sans, sans"

typedef enum
{
  MG_PDF_STYLE_TITLE,
  MG_PDF_STYLE_META,
  MG_PDF_STYLE_HEADING,
  MG_PDF_STYLE_QUOTE,
  MG_PDF_STYLE_INFO,
  MG_PDF_STYLE_CONTEXT,
  MG_PDF_STYLE_NOTE,
  MG_PDF_STYLE_FOOTER,
  MG_PDF_N_STYLES
} MgPdfStyle;

typedef struct
{
  double   size;          /* points */
  gboolean bold;
  double   gray;
  double   space_before;
  double   space_after;
} MgPdfStyleInfo;

const MgPdfStyleInfo *mg_pdf_style_get (MgPdfStyle style);

/* "#rrggbb" → components in 0…1; a neutral grey for anything else. */
void mg_pdf_parse_color (const char *color,
                         double     *r,
                         double     *g,
                         double     *b);

/* The language to lay the summary out in: "zh-cn" for Chinese (Chinese
 * glyph forms), else "en". */
const char *mg_pdf_language (MgSummary *summary);

/* What a layout engine does with the content. */
typedef struct _MgPdfSink MgPdfSink;
struct _MgPdfSink
{
  /* Starts a new page unless @height more points fit on this one. */
  void (*need)    (MgPdfSink  *sink,
                   double      height);
  /* Starts a section named @title (a bookmark of the PDF) at the current
   * place; nullable. */
  void (*section) (MgPdfSink  *sink,
                   const char *title);
  /* A @width by @height rectangle of @color, @x points right of the
   * left margin and @dy points below the current place. */
  void (*rect)    (MgPdfSink  *sink,
                   double      x,
                   double      dy,
                   double      width,
                   double      height,
                   const char *color);
  /* Whether anything is on the current page yet (space before a block is
   * left out at the top of a page). */
  gboolean (*page_used) (MgPdfSink *sink);
  /* @text in @style, @indent points in, line by line over the pages, with
   * a bar of @bar_color (nullable) to the left of each line. */
  void (*block)   (MgPdfSink  *sink,
                   MgPdfStyle  style,
                   const char *text,
                   double      indent,
                   const char *bar_color);
  /* One line of @text in @style, its left edge @x points right of the
   * left margin (its right edge at @x + @width when @right), its top @dy
   * points below the current place, cut to @width; the place stays. */
  void (*label)   (MgPdfSink  *sink,
                   MgPdfStyle  style,
                   const char *text,
                   double      x,
                   double      dy,
                   double      width,
                   gboolean    right);
  /* Moves the current place @height points down. */
  void (*skip)    (MgPdfSink  *sink,
                   double      height);
  /* FALSE stops the run, with @error set. */
  gboolean (*failed) (MgPdfSink *sink,
                      GError   **error);
};

/* The number of steps mg_pdf_content_run() reports to @job. */
guint    mg_pdf_content_count_steps (MgSummary   *summary);

/* Hands the whole summary to @sink: title, a line with source, date and
 * count, the counts per tag and author, "Key quotes", then one section per
 * group with each quote, its ¶ number, star, tags, author, context and
 * note. FALSE when @job is cancelled or the sink failed. */
gboolean mg_pdf_content_run         (MgSummary   *summary,
                                     MgPdfSink   *sink,
                                     MgExportJob *job,
                                     GError     **error);

G_END_DECLS
