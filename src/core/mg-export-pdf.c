/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Marginalia"
#include "config.h"

#include <string.h>

#include <cairo-pdf.h>
#include <glib/gi18n-lib.h>
#include <pango/pangocairo.h>

#include "mg-export-pdf.h"

/* A4 in points, 20 mm margins. */
#define PAGE_WIDTH    595.2756
#define PAGE_HEIGHT   841.8898
#define MARGIN        56.6929
#define FOOTER_SPACE  28.0
#define CONTENT_WIDTH (PAGE_WIDTH - 2 * MARGIN)
#define BOTTOM        (PAGE_HEIGHT - MARGIN - FOOTER_SPACE)
#define QUOTE_INDENT  12.0
#define FONT_FAMILY   "Noto Sans CJK SC, Noto Sans, sans"

typedef enum
{
  STYLE_TITLE,
  STYLE_META,
  STYLE_HEADING,
  STYLE_QUOTE,
  STYLE_INFO,
  STYLE_CONTEXT,
  STYLE_NOTE,
  STYLE_FOOTER,
  N_STYLES
} PdfStyle;

static const struct
{
  const char *font;
  double      gray;
  double      space_before;
  double      space_after;
} styles[N_STYLES] = {
  [STYLE_TITLE]   = { "Bold 18",   0.10, 0.0,  6.0 },
  [STYLE_META]    = { "8.5",       0.38, 0.0,  4.0 },
  [STYLE_HEADING] = { "Bold 13",   0.10, 16.0, 6.0 },
  [STYLE_QUOTE]   = { "10.5",      0.08, 8.0,  2.0 },
  [STYLE_INFO]    = { "8.5",       0.38, 0.0,  2.0 },
  [STYLE_CONTEXT] = { "9",         0.25, 0.0,  2.0 },
  [STYLE_NOTE]    = { "9.5",       0.15, 0.0,  2.0 },
  [STYLE_FOOTER]  = { "8.5",       0.38, 0.0,  0.0 },
};

typedef struct
{
  MgSummary            *summary;
  PangoFontMap         *font_map;
  cairo_t              *cr;         /* draws on the current page's recording */
  cairo_surface_t      *recording;
  GPtrArray            *pages;      /* of finished recordings (cairo_surface_t *) */
  PangoContext         *context;
  GHashTable           *layouts;    /* "style indent text" → PangoLayout, recent blocks */
  PangoLayout          *footer;     /* apart: a page ends in the middle of a block */
  PangoFontDescription *fonts[N_STYLES];
  double                y;
  guint                 page;       /* 1-based */
  gboolean              page_used;
} PdfWriter;

static void
pdf_parse_color (const char *color,
                 double     *r,
                 double     *g,
                 double     *b)
{
  guint value = 0x77767b;

  if (color != NULL && color[0] == '#' && strlen (color) == 7)
    value = (guint) g_ascii_strtoull (color + 1, NULL, 16);
  *r = ((value >> 16) & 0xff) / 255.0;
  *g = ((value >> 8) & 0xff) / 255.0;
  *b = (value & 0xff) / 255.0;
}

/* Pages are recorded as they are laid out (text shaped once), and
 * replayed onto the PDF at the end, when the number of pages is known. */
static void
pdf_begin_page (PdfWriter *w)
{
  cairo_rectangle_t extents = { 0, 0, PAGE_WIDTH, PAGE_HEIGHT };

  w->recording = cairo_recording_surface_create (CAIRO_CONTENT_COLOR_ALPHA, &extents);
  w->cr = cairo_create (w->recording);
  w->y = MARGIN;
  w->page_used = FALSE;
}

static void
pdf_end_page (PdfWriter *w)
{
  cairo_destroy (w->cr);
  w->cr = NULL;
  g_ptr_array_add (w->pages, w->recording);
  w->recording = NULL;
}

static void
pdf_new_page (PdfWriter *w)
{
  pdf_end_page (w);
  w->page++;
  pdf_begin_page (w);
}

static void
pdf_draw_footer (PdfWriter *w,
                 cairo_t   *cr,
                 guint      page,
                 guint      n_pages)
{
  g_autofree char *text = g_strdup_printf ("%u / %u", page, n_pages);
  int width;
  int height;

  pango_layout_set_text (w->footer, text, -1);
  pango_layout_get_size (w->footer, &width, &height);
  cairo_set_source_rgb (cr, styles[STYLE_FOOTER].gray, styles[STYLE_FOOTER].gray,
                        styles[STYLE_FOOTER].gray);
  cairo_move_to (cr, (PAGE_WIDTH - (double) width / PANGO_SCALE) / 2,
                 PAGE_HEIGHT - MARGIN - (double) height / PANGO_SCALE);
  pango_cairo_show_layout (cr, w->footer);
}

/* Starts a new page unless @height more points fit on this one. */
static void
pdf_need (PdfWriter *w,
          double     height)
{
  if (w->page_used && w->y + height > BOTTOM)
    pdf_new_page (w);
}

/* The number of laid-out blocks kept for reuse: notes, context sentences
 * and headings recur, often close together, and shaping is the largest
 * cost of the export. */
#define LAYOUT_CACHE_SIZE 512

/* A layout of @text in @style, @indent points in; the same text in the
 * same style gives the same lines, so a recent one is reused. */
static PangoLayout *
pdf_get_layout (PdfWriter  *w,
                PdfStyle    style,
                const char *text,
                double      indent)
{
  g_autofree char *key = g_strdup_printf ("%d %.3f %s", (int) style, indent, text);
  PangoLayout *layout = g_hash_table_lookup (w->layouts, key);

  if (layout != NULL)
    return layout;
  if (g_hash_table_size (w->layouts) >= LAYOUT_CACHE_SIZE)
    g_hash_table_remove_all (w->layouts);

  layout = pango_layout_new (w->context);
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_font_description (layout, w->fonts[style]);
  pango_layout_set_width (layout, (int) ((CONTENT_WIDTH - indent) * PANGO_SCALE));
  pango_layout_set_text (layout, text, -1);
  g_hash_table_insert (w->layouts, g_steal_pointer (&key), layout);
  return layout;
}

/* Lays out @text in @style and puts it line by line on the pages, with a
 * bar of @bar_color (nullable) to the left of each line. */
static void
pdf_block (PdfWriter  *w,
           PdfStyle    style,
           const char *text,
           double      indent,
           const char *bar_color)
{
  PangoLayoutIter *iter;
  double gray = styles[style].gray;
  double r = 0, g = 0, b = 0;

  if (w->page_used)
    w->y += styles[style].space_before;
  if (bar_color != NULL)
    pdf_parse_color (bar_color, &r, &g, &b);

  iter = pango_layout_get_iter (pdf_get_layout (w, style, text, indent));
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

      if (w->y + height > BOTTOM && w->page_used)
        pdf_new_page (w);

      if (bar_color != NULL)
        {
          cairo_set_source_rgb (w->cr, r, g, b);
          cairo_rectangle (w->cr, MARGIN + indent - 8.0, w->y, 3.0, height);
          cairo_fill (w->cr);
        }
      cairo_set_source_rgb (w->cr, gray, gray, gray);
      cairo_move_to (w->cr, MARGIN + indent, w->y + baseline);
      pango_cairo_show_layout_line (w->cr, line);
      w->y += height;
      w->page_used = TRUE;
    }
  while (pango_layout_iter_next_line (iter));
  pango_layout_iter_free (iter);

  w->y += styles[style].space_after;
}

static void
pdf_heading (PdfWriter  *w,
             const char *text,
             const char *color)
{
  /* A heading never ends a page: it needs room for itself and a quote. */
  pdf_need (w, styles[STYLE_HEADING].space_before + 60.0);
  if (color != NULL)
    {
      double r, g, b;

      pdf_parse_color (color, &r, &g, &b);
      cairo_set_source_rgb (w->cr, r, g, b);
      cairo_rectangle (w->cr, MARGIN, w->y + (w->page_used ? styles[STYLE_HEADING].space_before : 0) + 4.0,
                       8.0, 8.0);
      cairo_fill (w->cr);
    }
  pdf_block (w, STYLE_HEADING, text, color != NULL ? 14.0 : 0.0, NULL);
}

static void
pdf_item (PdfWriter           *w,
          const MgSummaryItem *item,
          const char          *color,
          gboolean             with_details)
{
  GString *info = g_string_new (NULL);

  /* Keep the first lines of a quote and its info line together. */
  pdf_need (w, styles[STYLE_QUOTE].space_before + 40.0);
  pdf_block (w, STYLE_QUOTE, item->quote, QUOTE_INDENT, color);

  if (item->paragraph > 0)
    {
      mg_export_append_paragraph (info, item->paragraph);
      g_string_append (info, " · ");
    }
  if (item->starred)
    g_string_append (info, "★ · ");
  if (item->tags[0] != NULL)
    {
      g_autofree char *names = mg_summary_dup_item_tag_names (w->summary, item, ", ");

      g_string_append (info, names);
      g_string_append (info, " · ");
    }
  g_string_append (info, mg_export_author_label (item->author));
  pdf_block (w, STYLE_INFO, info->str, QUOTE_INDENT, NULL);
  g_string_free (info, TRUE);

  if (!with_details)
    return;
  if (*item->context != '\0' && strcmp (item->context, item->quote) != 0)
    pdf_block (w, STYLE_CONTEXT, item->context, QUOTE_INDENT, NULL);
  if (*item->note != '\0')
    {
      g_autofree char *note = g_strdup_printf ("%s %s", _("Note:"), item->note);

      pdf_block (w, STYLE_NOTE, note, QUOTE_INDENT, NULL);
    }
}

static void
pdf_counts (PdfWriter *w)
{
  GPtrArray *tags = mg_summary_get_tag_counts (w->summary);
  GPtrArray *authors = mg_summary_get_author_counts (w->summary);
  GString *line = g_string_new (NULL);

  pdf_heading (w, _("Counts"), NULL);
  for (guint i = 0; i < tags->len; i++)
    {
      const MgSummaryCount *count = g_ptr_array_index (tags, i);

      if (i > 0)
        g_string_append (line, " · ");
      g_string_append_printf (line, "%s %u", count->name, count->count);
    }
  if (mg_summary_get_n_untagged (w->summary) > 0)
    g_string_append_printf (line, "%s%s %u", line->len > 0 ? " · " : "",
                            _("Untagged highlights"), mg_summary_get_n_untagged (w->summary));
  if (mg_summary_get_n_orphaned (w->summary) > 0)
    g_string_append_printf (line, "%s%s %u", line->len > 0 ? " · " : "",
                            _("Orphaned annotations"), mg_summary_get_n_orphaned (w->summary));
  if (line->len > 0)
    pdf_block (w, STYLE_NOTE, line->str, 0.0, NULL);

  g_string_truncate (line, 0);
  for (guint i = 0; i < authors->len; i++)
    {
      const MgSummaryCount *count = g_ptr_array_index (authors, i);

      if (i > 0)
        g_string_append (line, " · ");
      g_string_append_printf (line, "%s %u", mg_export_author_label (count->name), count->count);
    }
  if (line->len > 0)
    pdf_block (w, STYLE_NOTE, line->str, 0.0, NULL);
  g_string_free (line, TRUE);
}

/* Lays out the whole export onto recorded pages. */
static gboolean
pdf_run (PdfWriter    *w,
         MgExportJob  *job,
         GError      **error)
{
  GPtrArray *starred = mg_summary_get_starred (w->summary);
  guint n_groups = mg_summary_get_n_groups (w->summary);
  g_autofree char *meta = NULL;
  GString *meta_line = g_string_new (NULL);

  w->page = 1;
  pdf_begin_page (w);

  pdf_block (w, STYLE_TITLE, mg_summary_get_title (w->summary), 0.0, NULL);
  if (*mg_summary_get_source (w->summary) != '\0')
    g_string_append_printf (meta_line, "%s %s · ", _("Source:"), mg_summary_get_source (w->summary));
  g_string_append_printf (meta_line, "%s %s · %s %u", _("Exported:"), mg_summary_get_date (w->summary),
                          _("Annotations:"), mg_summary_get_n_items (w->summary));
  meta = g_string_free (meta_line, FALSE);
  pdf_block (w, STYLE_META, meta, 0.0, NULL);

  pdf_counts (w);

  if (starred->len > 0)
    {
      pdf_heading (w, _("Key quotes"), NULL);
      for (guint i = 0; i < starred->len; i++)
        {
          const MgSummaryItem *item = g_ptr_array_index (starred, i);
          const char *color = item->tags[0] != NULL
                              ? mg_summary_get_tag_color (w->summary, item->tags[0]) : NULL;

          pdf_item (w, item, color, FALSE);
          if (!mg_export_job_step (job, error))
            return FALSE;
        }
    }

  for (guint g = 0; g < n_groups; g++)
    {
      const MgSummaryGroup *group = mg_summary_get_group (w->summary, g);
      g_autofree char *heading = g_strdup_printf ("%s (%u)", group->name, group->items->len);

      pdf_heading (w, heading, group->color);
      for (guint i = 0; i < group->items->len; i++)
        {
          pdf_item (w, g_ptr_array_index (group->items, i), group->color, TRUE);
          if (!mg_export_job_step (job, error))
            return FALSE;
        }
    }

  pdf_end_page (w);
  return TRUE;
}

static cairo_status_t
pdf_write_to_string (void                *closure,
                     const unsigned char *data,
                     unsigned int         length)
{
  g_string_append_len (closure, (const char *) data, length);
  return CAIRO_STATUS_SUCCESS;
}

/* "2026-11-28T09:12:44Z" → "2026-11-28T09:12:44" as cairo wants it. */
static char *
pdf_metadata_date (const char *rfc3339)
{
  g_autoptr(GDateTime) date = g_date_time_new_from_iso8601 (rfc3339, NULL);

  if (date == NULL)
    return NULL;
  return g_date_time_format (date, "%Y-%m-%dT%H:%M:%S");
}

static guint
pdf_count_items (MgSummary *summary)
{
  guint n_groups = mg_summary_get_n_groups (summary);
  guint total = mg_summary_get_starred (summary)->len;

  for (guint g = 0; g < n_groups; g++)
    total += mg_summary_get_group (summary, g)->items->len;
  return total;
}

static void
pdf_writer_init (PdfWriter *w,
                 MgSummary *summary)
{
  cairo_font_options_t *options;

  w->summary = g_object_ref (summary);
  /* A font map of its own: the layout may run in a worker thread. */
  w->font_map = pango_cairo_font_map_new ();
  w->context = pango_font_map_create_context (w->font_map);
  pango_cairo_context_set_resolution (w->context, 72.0);
  pango_context_set_round_glyph_positions (w->context, FALSE);
  pango_context_set_language (w->context,
                              pango_language_from_string (g_str_equal (mg_summary_get_language (summary), "zh")
                                                          ? "zh-cn" : "en"));
  options = cairo_font_options_create ();
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options (w->context, options);
  cairo_font_options_destroy (options);

  for (guint i = 0; i < N_STYLES; i++)
    {
      g_autofree char *desc = g_strdup_printf ("%s %s", FONT_FAMILY, styles[i].font);

      w->fonts[i] = pango_font_description_from_string (desc);
    }
  w->layouts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  w->footer = pango_layout_new (w->context);
  pango_layout_set_font_description (w->footer, w->fonts[STYLE_FOOTER]);
  w->pages = g_ptr_array_new ();
}

static void
pdf_writer_clear (PdfWriter *w)
{
  for (guint i = 0; i < N_STYLES; i++)
    g_clear_pointer (&w->fonts[i], pango_font_description_free);
  g_clear_pointer (&w->layouts, g_hash_table_unref);
  g_clear_object (&w->footer);
  g_clear_pointer (&w->cr, cairo_destroy);
  g_clear_pointer (&w->recording, cairo_surface_destroy);
  if (w->pages != NULL)
    {
      for (guint i = 0; i < w->pages->len; i++)
        if (g_ptr_array_index (w->pages, i) != NULL)
          cairo_surface_destroy (g_ptr_array_index (w->pages, i));
      g_clear_pointer (&w->pages, g_ptr_array_unref);
    }
  g_clear_object (&w->context);
  g_clear_object (&w->font_map);
  g_clear_object (&w->summary);
}

/* Page @i (0-based) with its footer, at the origin of @cr in points. */
static void
pdf_draw_page (PdfWriter *w,
               cairo_t   *cr,
               guint      i)
{
  cairo_save (cr);
  cairo_set_source_surface (cr, g_ptr_array_index (w->pages, i), 0, 0);
  cairo_paint (cr);
  cairo_restore (cr);
  cairo_save (cr);
  pdf_draw_footer (w, cr, i + 1, w->pages->len);
  cairo_restore (cr);
}

struct _MgPdfPages
{
  PdfWriter w;
};

MgPdfPages *
mg_pdf_pages_new (MgSummary     *summary,
                  GCancellable  *cancellable,
                  GError       **error)
{
  MgPdfPages *pages;
  MgExportJob job = { 0 };

  g_return_val_if_fail (MG_IS_SUMMARY (summary), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  pages = g_new0 (MgPdfPages, 1);
  pdf_writer_init (&pages->w, summary);
  job.cancellable = cancellable;
  mg_export_job_begin (&job, pdf_count_items (summary));
  if (!pdf_run (&pages->w, &job, error))
    {
      mg_pdf_pages_free (pages);
      return NULL;
    }
  return pages;
}

guint
mg_pdf_pages_get_n_pages (MgPdfPages *pages)
{
  g_return_val_if_fail (pages != NULL, 0);
  return pages->w.pages->len;
}

void
mg_pdf_pages_get_size (double *width,
                       double *height)
{
  if (width != NULL)
    *width = PAGE_WIDTH;
  if (height != NULL)
    *height = PAGE_HEIGHT;
}

void
mg_pdf_pages_draw (MgPdfPages *pages,
                   cairo_t    *cr,
                   guint       page)
{
  g_return_if_fail (pages != NULL);
  g_return_if_fail (cr != NULL);
  g_return_if_fail (page < pages->w.pages->len);

  pdf_draw_page (&pages->w, cr, page);
}

void
mg_pdf_pages_free (MgPdfPages *pages)
{
  if (pages == NULL)
    return;
  pdf_writer_clear (&pages->w);
  g_free (pages);
}

gboolean
mg_export_pdf_write (MgSummary    *summary,
                     GString      *out,
                     MgExportJob  *job,
                     GError      **error)
{
  PdfWriter w = { 0 };
  cairo_surface_t *surface;
  cairo_status_t status;
  cairo_t *cr;
  g_autofree char *date = NULL;
  guint total = pdf_count_items (summary);
  gboolean ok;

  /* Layout steps, then (fewer) page steps. */
  mg_export_job_begin (job, total + total / 8 + 1);

  pdf_writer_init (&w, summary);
  ok = pdf_run (&w, job, error);
  if (!ok)
    {
      pdf_writer_clear (&w);
      return FALSE;
    }

  surface = cairo_pdf_surface_create_for_stream (pdf_write_to_string, out, PAGE_WIDTH, PAGE_HEIGHT);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, mg_summary_get_title (summary));
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Marginalia");
  date = pdf_metadata_date (mg_summary_get_date (summary));
  if (date != NULL)
    {
      cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATE_DATE, date);
      cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_MOD_DATE, date);
    }
  cr = cairo_create (surface);
  for (guint i = 0; ok && i < w.pages->len; i++)
    {
      pdf_draw_page (&w, cr, i);
      cairo_show_page (cr);
      /* Free each page once it is out. */
      cairo_surface_destroy (g_ptr_array_index (w.pages, i));
      g_ptr_array_index (w.pages, i) = NULL;
      if (!mg_export_job_step (job, error))
        ok = FALSE;
    }
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);
  pdf_writer_clear (&w);

  if (ok && status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, MG_EXPORT_ERROR, MG_EXPORT_ERROR_FAILED,
                   _("Could not lay out the PDF: %s"), cairo_status_to_string (status));
      ok = FALSE;
    }
  if (ok)
    mg_export_job_finish (job);
  return ok;
}
