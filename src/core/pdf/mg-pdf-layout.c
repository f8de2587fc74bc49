/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Marginalia"
#include "config.h"

#include "mg-pdf-layout.h"

typedef struct
{
  guint first_op;
  guint n_ops;
} Page;

struct _MgPdfLayout
{
  MgPdfSink    sink;
  MgPdfShaper *shaper;
  GArray      *ops;        /* of MgPdfOp */
  GArray      *glyphs;     /* of MgPdfGlyph */
  GArray      *pages;      /* of Page */
  GArray      *bookmarks;  /* of MgPdfBookmark */
  GArray      *lines;      /* of MgPdfLine, scratch */
  GError      *error;      /* the first failure of the shaper */
  double       y;
  gboolean     page_used;
};

static void
layout_begin_page (MgPdfLayout *layout)
{
  Page page = { layout->ops->len, 0 };

  g_array_append_val (layout->pages, page);
  layout->y = MG_PDF_MARGIN;
  layout->page_used = FALSE;
}

static void
layout_end_page (MgPdfLayout *layout)
{
  Page *page = &g_array_index (layout->pages, Page, layout->pages->len - 1);

  page->n_ops = layout->ops->len - page->first_op;
}

static void
layout_new_page (MgPdfLayout *layout)
{
  layout_end_page (layout);
  layout_begin_page (layout);
}

static void
layout_need (MgPdfSink *sink,
             double     height)
{
  MgPdfLayout *layout = (MgPdfLayout *) sink;

  if (layout->page_used && layout->y + height > MG_PDF_BOTTOM)
    layout_new_page (layout);
}

static void
layout_rect (MgPdfLayout *layout,
             double       x,
             double       y,
             double       width,
             double       height,
             double       r,
             double       g,
             double       b)
{
  MgPdfOp op = { .kind = MG_PDF_OP_RECT, .x = x, .y = y, .width = width, .height = height,
                 .r = r, .g = g, .b = b };

  g_array_append_val (layout->ops, op);
}

/* One op per run of glyphs in one face. */
static void
layout_line (MgPdfLayout     *layout,
             GArray          *ops,
             const MgPdfLine *line,
             double           x,
             double           baseline,
             double           size,
             double           gray)
{
  const MgPdfGlyph *glyphs = (const MgPdfGlyph *) (void *) layout->glyphs->data;
  guint end = line->first + line->n_glyphs;
  guint start = line->first;

  while (start < end)
    {
      guint font = MG_PDF_GLYPH_FONT (&glyphs[start]);
      double scale = size / mg_pdf_font_get_units_per_em (mg_pdf_shaper_get_font (layout->shaper, font));
      MgPdfOp op = { .kind = MG_PDF_OP_TEXT, .font = font, .size = size, .r = gray, .g = gray, .b = gray,
                     .x = x, .y = baseline, .first = start };
      guint i = start;

      for (; i < end && MG_PDF_GLYPH_FONT (&glyphs[i]) == font; i++)
        x += glyphs[i].advance * scale;
      op.n_glyphs = i - start;
      g_array_append_val (ops, op);
      start = i;
    }
}

static void
layout_block (MgPdfSink  *sink,
              MgPdfStyle  style,
              const char *text,
              double      indent,
              const char *bar_color)
{
  MgPdfLayout *layout = (MgPdfLayout *) sink;
  const MgPdfStyleInfo *info = mg_pdf_style_get (style);
  double ascent, descent, height;
  double r = 0, g = 0, b = 0;
  double bar_top;

  if (layout->error != NULL)
    return;
  if (layout->page_used)
    layout->y += info->space_before;
  if (bar_color != NULL)
    mg_pdf_parse_color (bar_color, &r, &g, &b);

  g_array_set_size (layout->lines, 0);
  if (!mg_pdf_shaper_break (layout->shaper, text, info->bold, info->size, MG_PDF_CONTENT_WIDTH - indent,
                            layout->glyphs, layout->lines, &layout->error))
    return;
  mg_pdf_shaper_get_extents (layout->shaper, info->bold, info->size, &ascent, &descent);
  height = ascent + descent;

  /* The bar is one rectangle per page the block is on. */
  bar_top = layout->y;
  for (guint i = 0; i < layout->lines->len; i++)
    {
      if (layout->y + height > MG_PDF_BOTTOM && layout->page_used)
        {
          if (bar_color != NULL && layout->y > bar_top)
            layout_rect (layout, MG_PDF_MARGIN + indent - 8.0, bar_top, 3.0, layout->y - bar_top, r, g, b);
          layout_new_page (layout);
          bar_top = layout->y;
        }
      layout_line (layout, layout->ops, &g_array_index (layout->lines, MgPdfLine, i), MG_PDF_MARGIN + indent,
                   layout->y + ascent, info->size, info->gray);
      layout->y += height;
      layout->page_used = TRUE;
    }
  if (bar_color != NULL && layout->y > bar_top)
    layout_rect (layout, MG_PDF_MARGIN + indent - 8.0, bar_top, 3.0, layout->y - bar_top, r, g, b);
  layout->y += info->space_after;
}

static void
layout_label (MgPdfSink  *sink,
              MgPdfStyle  style,
              const char *text,
              double      x,
              double      dy,
              double      width,
              gboolean    right)
{
  MgPdfLayout *layout = (MgPdfLayout *) sink;
  const MgPdfStyleInfo *info = mg_pdf_style_get (style);
  const MgPdfLine *line;
  double ascent, descent;

  if (layout->error != NULL)
    return;
  g_array_set_size (layout->lines, 0);
  if (!mg_pdf_shaper_break (layout->shaper, text, info->bold, info->size, width,
                            layout->glyphs, layout->lines, &layout->error)
      || layout->lines->len == 0)
    return;
  mg_pdf_shaper_get_extents (layout->shaper, info->bold, info->size, &ascent, &descent);
  line = &g_array_index (layout->lines, MgPdfLine, 0);
  layout_line (layout, layout->ops, line, MG_PDF_MARGIN + x + (right ? width - line->width : 0.0),
               layout->y + dy + ascent, info->size, info->gray);
  layout->page_used = TRUE;
}

static void
layout_skip (MgPdfSink *sink,
             double     height)
{
  MgPdfLayout *layout = (MgPdfLayout *) sink;

  layout->y += height;
  layout->page_used = TRUE;
}

static void
layout_section (MgPdfSink  *sink,
                const char *title)
{
  MgPdfLayout *layout = (MgPdfLayout *) sink;
  MgPdfBookmark bookmark = { g_strdup (title), layout->pages->len - 1, layout->y };

  g_array_append_val (layout->bookmarks, bookmark);
}

static void
layout_sink_rect (MgPdfSink  *sink,
                  double      x,
                  double      dy,
                  double      width,
                  double      height,
                  const char *color)
{
  MgPdfLayout *layout = (MgPdfLayout *) sink;
  double r, g, b;

  mg_pdf_parse_color (color, &r, &g, &b);
  layout_rect (layout, MG_PDF_MARGIN + x, layout->y + dy, width, height, r, g, b);
}

static gboolean
layout_page_used (MgPdfSink *sink)
{
  return ((MgPdfLayout *) sink)->page_used;
}

static gboolean
layout_failed (MgPdfSink  *sink,
               GError    **error)
{
  MgPdfLayout *layout = (MgPdfLayout *) sink;

  if (layout->error == NULL)
    return FALSE;
  g_propagate_error (error, g_steal_pointer (&layout->error));
  return TRUE;
}

/* Rebuilds the op list with each page's "n / N" footer after its body. */
static gboolean
layout_add_footers (MgPdfLayout  *layout,
                    GError      **error)
{
  const MgPdfStyleInfo *info = mg_pdf_style_get (MG_PDF_STYLE_FOOTER);
  GArray *ops = g_array_sized_new (FALSE, FALSE, sizeof (MgPdfOp), layout->ops->len + 2 * layout->pages->len);
  double ascent, descent;

  mg_pdf_shaper_get_extents (layout->shaper, info->bold, info->size, &ascent, &descent);
  for (guint i = 0; i < layout->pages->len; i++)
    {
      Page *page = &g_array_index (layout->pages, Page, i);
      char text[32];
      guint first = ops->len;

      g_array_append_vals (ops, &g_array_index (layout->ops, MgPdfOp, page->first_op), page->n_ops);
      g_snprintf (text, sizeof text, "%u / %u", i + 1, layout->pages->len);
      g_array_set_size (layout->lines, 0);
      if (!mg_pdf_shaper_break (layout->shaper, text, info->bold, info->size, MG_PDF_PAGE_WIDTH,
                                layout->glyphs, layout->lines, error))
        {
          g_array_unref (ops);
          return FALSE;
        }
      /* Centred, its descent on the bottom margin. */
      for (guint k = 0; k < layout->lines->len; k++)
        {
          const MgPdfLine *line = &g_array_index (layout->lines, MgPdfLine, k);

          layout_line (layout, ops, line, (MG_PDF_PAGE_WIDTH - line->width) / 2,
                       MG_PDF_PAGE_HEIGHT - MG_PDF_MARGIN - descent, info->size, info->gray);
        }
      page->first_op = first;
      page->n_ops = ops->len - first;
    }
  g_array_unref (layout->ops);
  layout->ops = ops;
  return TRUE;
}

static void
bookmark_clear (gpointer data)
{
  MgPdfBookmark *bookmark = data;

  g_free (bookmark->title);
}

MgPdfLayout *
mg_pdf_layout_new (MgSummary    *summary,
                   MgExportJob  *job,
                   GError      **error)
{
  g_autoptr(MgPdfLayout) layout = g_new0 (MgPdfLayout, 1);

  g_return_val_if_fail (MG_IS_SUMMARY (summary), NULL);

  layout->shaper = mg_pdf_shaper_new (MG_PDF_FONT_FAMILY, mg_pdf_language (summary), error);
  if (layout->shaper == NULL)
    return NULL;
  layout->sink.need = layout_need;
  layout->sink.section = layout_section;
  layout->sink.rect = layout_sink_rect;
  layout->sink.page_used = layout_page_used;
  layout->sink.block = layout_block;
  layout->sink.label = layout_label;
  layout->sink.skip = layout_skip;
  layout->sink.failed = layout_failed;
  layout->ops = g_array_new (FALSE, FALSE, sizeof (MgPdfOp));
  layout->glyphs = g_array_new (FALSE, FALSE, sizeof (MgPdfGlyph));
  layout->pages = g_array_new (FALSE, FALSE, sizeof (Page));
  layout->bookmarks = g_array_new (FALSE, FALSE, sizeof (MgPdfBookmark));
  g_array_set_clear_func (layout->bookmarks, bookmark_clear);
  layout->lines = g_array_new (FALSE, FALSE, sizeof (MgPdfLine));

  layout_begin_page (layout);
  if (!mg_pdf_content_run (summary, &layout->sink, job, error))
    return NULL;
  layout_end_page (layout);
  if (!layout_add_footers (layout, error))
    return NULL;
  return g_steal_pointer (&layout);
}

void
mg_pdf_layout_free (MgPdfLayout *layout)
{
  if (layout == NULL)
    return;
  g_clear_pointer (&layout->shaper, mg_pdf_shaper_free);
  g_clear_pointer (&layout->ops, g_array_unref);
  g_clear_pointer (&layout->glyphs, g_array_unref);
  g_clear_pointer (&layout->pages, g_array_unref);
  g_clear_pointer (&layout->bookmarks, g_array_unref);
  g_clear_pointer (&layout->lines, g_array_unref);
  g_clear_error (&layout->error);
  g_free (layout);
}

MgPdfShaper *
mg_pdf_layout_get_shaper (MgPdfLayout *layout)
{
  return layout->shaper;
}

guint
mg_pdf_layout_get_n_pages (MgPdfLayout *layout)
{
  return layout->pages->len;
}

const MgPdfOp *
mg_pdf_layout_get_ops (MgPdfLayout *layout,
                       guint        page,
                       guint       *n_ops)
{
  const Page *p;

  g_return_val_if_fail (page < layout->pages->len, NULL);
  p = &g_array_index (layout->pages, Page, page);
  *n_ops = p->n_ops;
  return &g_array_index (layout->ops, MgPdfOp, p->first_op);
}

const MgPdfGlyph *
mg_pdf_layout_get_glyphs (MgPdfLayout *layout)
{
  return (const MgPdfGlyph *) (void *) layout->glyphs->data;
}

guint
mg_pdf_layout_get_n_bookmarks (MgPdfLayout *layout)
{
  return layout->bookmarks->len;
}

const MgPdfBookmark *
mg_pdf_layout_get_bookmark (MgPdfLayout *layout,
                            guint        index)
{
  g_return_val_if_fail (index < layout->bookmarks->len, NULL);
  return &g_array_index (layout->bookmarks, MgPdfBookmark, index);
}

void
mg_pdf_layout_draw_page (MgPdfLayout *layout,
                         cairo_t     *cr,
                         guint        page)
{
  const MgPdfGlyph *glyphs = mg_pdf_layout_get_glyphs (layout);
  g_autoptr(GArray) run = g_array_new (FALSE, FALSE, sizeof (cairo_glyph_t));
  g_autoptr(GArray) clusters = g_array_new (FALSE, FALSE, sizeof (cairo_text_cluster_t));
  GString *text = g_string_new (NULL);
  cairo_font_options_t *options;
  const MgPdfOp *ops;
  guint n_ops;

  g_return_if_fail (page < layout->pages->len);

  ops = mg_pdf_layout_get_ops (layout, page, &n_ops);
  cairo_save (cr);
  options = cairo_font_options_create ();
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  cairo_set_font_options (cr, options);
  cairo_font_options_destroy (options);
  for (guint i = 0; i < n_ops; i++)
    {
      const MgPdfOp *op = &ops[i];
      MgPdfFont *font;
      cairo_font_face_t *face;
      double scale;
      double x;

      cairo_set_source_rgb (cr, op->r, op->g, op->b);
      if (op->kind == MG_PDF_OP_RECT)
        {
          cairo_rectangle (cr, op->x, op->y, op->width, op->height);
          cairo_fill (cr);
          continue;
        }
      font = mg_pdf_shaper_get_font (layout->shaper, op->font);
      face = mg_pdf_font_get_cairo_face (font);
      if (face == NULL)
        continue;
      scale = op->size / mg_pdf_font_get_units_per_em (font);
      g_array_set_size (run, op->n_glyphs);
      g_array_set_size (clusters, op->n_glyphs);
      g_string_truncate (text, 0);
      x = op->x;
      for (guint k = 0; k < op->n_glyphs; k++)
        {
          cairo_glyph_t *glyph = &g_array_index (run, cairo_glyph_t, k);
          cairo_text_cluster_t *cluster = &g_array_index (clusters, cairo_text_cluster_t, k);
          gsize before = text->len;
          char scratch[8];

          glyph->index = glyphs[op->first + k].gid;
          glyph->x = x;
          glyph->y = op->y;
          x += glyphs[op->first + k].advance * scale;
          /* The text too, so that a printed PDF can be searched. */
          g_string_append (text, mg_pdf_font_get_glyph_text (font, glyph->index, scratch));
          cluster->num_bytes = (int) (text->len - before);
          cluster->num_glyphs = 1;
        }
      cairo_set_font_face (cr, face);
      cairo_set_font_size (cr, op->size);
      cairo_show_text_glyphs (cr, text->str, (int) text->len,
                              (cairo_glyph_t *) (void *) run->data, (int) run->len,
                              (cairo_text_cluster_t *) (void *) clusters->data, (int) clusters->len, 0);
    }
  cairo_restore (cr);
  g_string_free (text, TRUE);
}
