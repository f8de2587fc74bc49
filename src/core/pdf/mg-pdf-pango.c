/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Marginalia"
#include "config.h"

#include <string.h>

#include <pango/pangocairo.h>

#include "mg-pdf-pango.h"

/* The number of laid-out blocks kept for reuse: notes, context sentences
 * and headings recur, often close together. */
#define LAYOUT_CACHE_SIZE 512

struct _MgPdfPango
{
  MgPdfSink             sink;
  PangoFontMap         *font_map;
  cairo_t              *cr;         /* draws on the current page's recording */
  cairo_surface_t      *recording;
  GPtrArray            *pages;      /* of finished recordings (cairo_surface_t *) */
  PangoContext         *context;
  GHashTable           *layouts;    /* "style indent text" → PangoLayout */
  PangoLayout          *footer;
  PangoFontDescription *fonts[MG_PDF_N_STYLES];
  double                y;
  gboolean              page_used;
};

static void
pango_begin_page (MgPdfPango *p)
{
  cairo_rectangle_t extents = { 0, 0, MG_PDF_PAGE_WIDTH, MG_PDF_PAGE_HEIGHT };

  p->recording = cairo_recording_surface_create (CAIRO_CONTENT_COLOR_ALPHA, &extents);
  p->cr = cairo_create (p->recording);
  p->y = MG_PDF_MARGIN;
  p->page_used = FALSE;
}

static void
pango_end_page (MgPdfPango *p)
{
  cairo_destroy (p->cr);
  p->cr = NULL;
  g_ptr_array_add (p->pages, p->recording);
  p->recording = NULL;
}

static void
pango_new_page (MgPdfPango *p)
{
  pango_end_page (p);
  pango_begin_page (p);
}

static void
pango_need (MgPdfSink *sink,
            double     height)
{
  MgPdfPango *p = (MgPdfPango *) sink;

  if (p->page_used && p->y + height > MG_PDF_BOTTOM)
    pango_new_page (p);
}

/* Where a line may break anyway: no need for an extra break there. */
static gboolean
breaks_here (gunichar c)
{
  switch (g_unichar_break_type (c))
    {
    case G_UNICODE_BREAK_SPACE:
    case G_UNICODE_BREAK_ZERO_WIDTH_SPACE:
    case G_UNICODE_BREAK_MANDATORY:
    case G_UNICODE_BREAK_LINE_FEED:
    case G_UNICODE_BREAK_CARRIAGE_RETURN:
    case G_UNICODE_BREAK_NEXT_LINE:
    case G_UNICODE_BREAK_IDEOGRAPHIC:
    case G_UNICODE_BREAK_BEFORE_AND_AFTER:
    case G_UNICODE_BREAK_AFTER:
    case G_UNICODE_BREAK_HYPHEN:
      return TRUE;
    default:
      return FALSE;
    }
}

char *
mg_pdf_pango_break_long_runs (const char *text)
{
  GString *out = NULL;
  guint run = 0;
  const char *p;

  for (p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (breaks_here (c))
        run = 0;
      else if (run >= MG_PDF_PANGO_MAX_RUN && !g_unichar_ismark (c))
        {
          if (out == NULL)
            out = g_string_new_len (text, p - text);
          g_string_append (out, "\u200b");
          run = 1;
        }
      else
        run++;
      if (out != NULL)
        g_string_append_len (out, p, g_utf8_next_char (p) - p);
    }
  return out != NULL ? g_string_free (out, FALSE) : g_strdup (text);
}

static PangoLayout *
pango_get_layout (MgPdfPango *p,
                  MgPdfStyle  style,
                  const char *text,
                  double      indent)
{
  g_autofree char *key = g_strdup_printf ("%d %.3f %s", (int) style, indent, text);
  PangoLayout *layout = g_hash_table_lookup (p->layouts, key);

  if (layout != NULL)
    return layout;
  if (g_hash_table_size (p->layouts) >= LAYOUT_CACHE_SIZE)
    g_hash_table_remove_all (p->layouts);

  layout = pango_layout_new (p->context);
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_font_description (layout, p->fonts[style]);
  pango_layout_set_width (layout, (int) ((MG_PDF_CONTENT_WIDTH - indent) * PANGO_SCALE));
  {
    g_autofree char *broken = mg_pdf_pango_break_long_runs (text);

    pango_layout_set_text (layout, broken, -1);
  }
  g_hash_table_insert (p->layouts, g_steal_pointer (&key), layout);
  return layout;
}

static void
pango_block (MgPdfSink  *sink,
             MgPdfStyle  style,
             const char *text,
             double      indent,
             const char *bar_color)
{
  MgPdfPango *p = (MgPdfPango *) sink;
  const MgPdfStyleInfo *info = mg_pdf_style_get (style);
  PangoLayoutIter *iter;
  double r = 0, g = 0, b = 0;

  if (p->page_used)
    p->y += info->space_before;
  if (bar_color != NULL)
    mg_pdf_parse_color (bar_color, &r, &g, &b);

  iter = pango_layout_get_iter (pango_get_layout (p, style, text, indent));
  do
    {
      PangoLayoutLine *line = pango_layout_iter_get_line_readonly (iter);
      PangoRectangle logical;
      double baseline;
      double top;
      double height;

      pango_layout_iter_get_line_extents (iter, NULL, &logical);
      top = (double) logical.y / PANGO_SCALE;
      height = (double) logical.height / PANGO_SCALE;
      baseline = (double) pango_layout_iter_get_baseline (iter) / PANGO_SCALE - top;

      if (p->y + height > MG_PDF_BOTTOM && p->page_used)
        pango_new_page (p);

      if (bar_color != NULL)
        {
          cairo_set_source_rgb (p->cr, r, g, b);
          cairo_rectangle (p->cr, MG_PDF_MARGIN + indent - 8.0, p->y, 3.0, height);
          cairo_fill (p->cr);
        }
      cairo_set_source_rgb (p->cr, info->gray, info->gray, info->gray);
      cairo_move_to (p->cr, MG_PDF_MARGIN + indent, p->y + baseline);
      pango_cairo_show_layout_line (p->cr, line);
      p->y += height;
      p->page_used = TRUE;
    }
  while (pango_layout_iter_next_line (iter));
  pango_layout_iter_free (iter);

  p->y += info->space_after;
}

static void
pango_rect (MgPdfSink  *sink,
            double      x,
            double      dy,
            double      width,
            double      height,
            const char *color)
{
  MgPdfPango *p = (MgPdfPango *) sink;
  double r, g, b;

  mg_pdf_parse_color (color, &r, &g, &b);
  cairo_set_source_rgb (p->cr, r, g, b);
  cairo_rectangle (p->cr, MG_PDF_MARGIN + x, p->y + dy, width, height);
  cairo_fill (p->cr);
}

static void
pango_label (MgPdfSink  *sink,
             MgPdfStyle  style,
             const char *text,
             double      x,
             double      dy,
             double      width,
             gboolean    right)
{
  MgPdfPango *p = (MgPdfPango *) sink;
  const MgPdfStyleInfo *info = mg_pdf_style_get (style);
  g_autoptr(PangoLayout) layout = pango_layout_new (p->context);

  pango_layout_set_font_description (layout, p->fonts[style]);
  pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
  pango_layout_set_single_paragraph_mode (layout, TRUE);
  pango_layout_set_alignment (layout, right ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_LEFT);
  pango_layout_set_text (layout, text, -1);
  cairo_set_source_rgb (p->cr, info->gray, info->gray, info->gray);
  cairo_move_to (p->cr, MG_PDF_MARGIN + x, p->y + dy);
  pango_cairo_show_layout (p->cr, layout);
  p->page_used = TRUE;
}

static void
pango_skip (MgPdfSink *sink,
            double     height)
{
  MgPdfPango *p = (MgPdfPango *) sink;

  p->y += height;
  p->page_used = TRUE;
}

static gboolean
pango_page_used (MgPdfSink *sink)
{
  return ((MgPdfPango *) sink)->page_used;
}

MgPdfPango *
mg_pdf_pango_new (MgSummary    *summary,
                  MgExportJob  *job,
                  GError      **error)
{
  g_autoptr(MgPdfPango) p = g_new0 (MgPdfPango, 1);
  cairo_font_options_t *options;

  p->sink.need = pango_need;
  p->sink.rect = pango_rect;
  p->sink.page_used = pango_page_used;
  p->sink.block = pango_block;
  p->sink.label = pango_label;
  p->sink.skip = pango_skip;
  /* A font map of its own: the layout may run in a worker thread. */
  p->font_map = pango_cairo_font_map_new ();
  p->context = pango_font_map_create_context (p->font_map);
  pango_cairo_context_set_resolution (p->context, 72.0);
  pango_context_set_round_glyph_positions (p->context, FALSE);
  pango_context_set_language (p->context, pango_language_from_string (mg_pdf_language (summary)));
  options = cairo_font_options_create ();
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options (p->context, options);
  cairo_font_options_destroy (options);

  for (guint i = 0; i < MG_PDF_N_STYLES; i++)
    {
      const MgPdfStyleInfo *info = mg_pdf_style_get (i);

      p->fonts[i] = pango_font_description_from_string (MG_PDF_FONT_FAMILY);
      pango_font_description_set_size (p->fonts[i], (int) (info->size * PANGO_SCALE));
      pango_font_description_set_weight (p->fonts[i], info->bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
    }
  p->layouts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  p->footer = pango_layout_new (p->context);
  pango_layout_set_font_description (p->footer, p->fonts[MG_PDF_STYLE_FOOTER]);
  p->pages = g_ptr_array_new ();

  pango_begin_page (p);
  if (!mg_pdf_content_run (summary, &p->sink, job, error))
    return NULL;
  pango_end_page (p);
  g_clear_pointer (&p->layouts, g_hash_table_unref);
  return g_steal_pointer (&p);
}

guint
mg_pdf_pango_get_n_pages (MgPdfPango *p)
{
  return p->pages->len;
}

void
mg_pdf_pango_draw_page (MgPdfPango *p,
                        cairo_t    *cr,
                        guint       page)
{
  const MgPdfStyleInfo *info = mg_pdf_style_get (MG_PDF_STYLE_FOOTER);
  g_autofree char *text = g_strdup_printf ("%u / %u", page + 1, p->pages->len);
  cairo_surface_t *recording;
  int width;
  int height;

  g_return_if_fail (page < p->pages->len);

  recording = g_ptr_array_index (p->pages, page);
  if (recording != NULL)
    {
      cairo_save (cr);
      cairo_set_source_surface (cr, recording, 0, 0);
      cairo_paint (cr);
      cairo_restore (cr);
    }
  cairo_save (cr);
  pango_layout_set_text (p->footer, text, -1);
  pango_layout_get_size (p->footer, &width, &height);
  cairo_set_source_rgb (cr, info->gray, info->gray, info->gray);
  cairo_move_to (cr, (MG_PDF_PAGE_WIDTH - (double) width / PANGO_SCALE) / 2,
                 MG_PDF_PAGE_HEIGHT - MG_PDF_MARGIN - (double) height / PANGO_SCALE);
  pango_cairo_show_layout (cr, p->footer);
  cairo_restore (cr);
}

void
mg_pdf_pango_release_page (MgPdfPango *p,
                           guint       page)
{
  g_return_if_fail (page < p->pages->len);
  g_clear_pointer (&g_ptr_array_index (p->pages, page), cairo_surface_destroy);
}

void
mg_pdf_pango_free (MgPdfPango *p)
{
  if (p == NULL)
    return;
  for (guint i = 0; i < MG_PDF_N_STYLES; i++)
    g_clear_pointer (&p->fonts[i], pango_font_description_free);
  g_clear_pointer (&p->layouts, g_hash_table_unref);
  g_clear_object (&p->footer);
  g_clear_pointer (&p->cr, cairo_destroy);
  g_clear_pointer (&p->recording, cairo_surface_destroy);
  if (p->pages != NULL)
    {
      for (guint i = 0; i < p->pages->len; i++)
        if (g_ptr_array_index (p->pages, i) != NULL)
          cairo_surface_destroy (g_ptr_array_index (p->pages, i));
      g_clear_pointer (&p->pages, g_ptr_array_unref);
    }
  g_clear_object (&p->context);
  g_clear_object (&p->font_map);
  g_free (p);
}
