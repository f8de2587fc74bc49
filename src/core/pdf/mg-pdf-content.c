/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Marginalia"
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "mg-pdf-content.h"
#include "mg-statistics.h"

static const MgPdfStyleInfo styles[MG_PDF_N_STYLES] = {
  [MG_PDF_STYLE_TITLE]   = { 18.0, TRUE,  0.10, 0.0,  6.0 },
  [MG_PDF_STYLE_META]    = { 8.5,  FALSE, 0.38, 0.0,  4.0 },
  [MG_PDF_STYLE_HEADING] = { 13.0, TRUE,  0.10, 16.0, 6.0 },
  [MG_PDF_STYLE_QUOTE]   = { 10.5, FALSE, 0.08, 8.0,  2.0 },
  [MG_PDF_STYLE_INFO]    = { 8.5,  FALSE, 0.38, 0.0,  2.0 },
  [MG_PDF_STYLE_CONTEXT] = { 9.0,  FALSE, 0.25, 0.0,  2.0 },
  [MG_PDF_STYLE_NOTE]    = { 9.5,  FALSE, 0.15, 0.0,  2.0 },
  [MG_PDF_STYLE_FOOTER]  = { 8.5,  FALSE, 0.38, 0.0,  0.0 },
};

const MgPdfStyleInfo *
mg_pdf_style_get (MgPdfStyle style)
{
  g_return_val_if_fail (style < MG_PDF_N_STYLES, &styles[MG_PDF_STYLE_NOTE]);
  return &styles[style];
}

void
mg_pdf_parse_color (const char *color,
                    double     *r,
                    double     *g,
                    double     *b)
{
  guint value = 0x77767b;

  if (color != NULL && color[0] == '#' && strlen (color) == 7
      && strspn (color + 1, "0123456789abcdefABCDEF") == 6)
    value = (guint) g_ascii_strtoull (color + 1, NULL, 16);
  *r = ((value >> 16) & 0xff) / 255.0;
  *g = ((value >> 8) & 0xff) / 255.0;
  *b = (value & 0xff) / 255.0;
}

const char *
mg_pdf_language (MgSummary *summary)
{
  return g_str_equal (mg_summary_get_language (summary), "zh") ? "zh-cn" : "en";
}

guint
mg_pdf_content_count_steps (MgSummary *summary)
{
  guint n_groups = mg_summary_get_n_groups (summary);
  guint total = mg_summary_get_starred (summary)->len;

  for (guint g = 0; g < n_groups; g++)
    total += mg_summary_get_group (summary, g)->items->len;
  return total;
}

/* A section heading, with a square of @color (nullable) before it. */
static void
pdf_heading (MgPdfSink  *sink,
             const char *text,
             const char *color)
{
  const MgPdfStyleInfo *info = mg_pdf_style_get (MG_PDF_STYLE_HEADING);

  /* A heading never ends a page: it needs room for itself and a quote. */
  sink->need (sink, info->space_before + 60.0);
  if (sink->section != NULL)
    sink->section (sink, text);
  if (color != NULL)
    sink->rect (sink, 0.0, (sink->page_used (sink) ? info->space_before : 0.0) + 4.0, 8.0, 8.0, color);
  sink->block (sink, MG_PDF_STYLE_HEADING, text, color != NULL ? 14.0 : 0.0, NULL);
}

static void
pdf_item (MgSummary           *summary,
          MgPdfSink           *sink,
          const MgSummaryItem *item,
          const char          *color,
          gboolean             with_details)
{
  GString *info = g_string_new (NULL);
  const MgPdfStyleInfo *quote = mg_pdf_style_get (MG_PDF_STYLE_QUOTE);

  /* Keep the first lines of a quote and its info line together. */
  sink->need (sink, quote->space_before + 40.0);
  sink->block (sink, MG_PDF_STYLE_QUOTE, item->quote, MG_PDF_QUOTE_INDENT, color);

  if (_mg_export_item_speech (summary, item) != NULL)
    {
      g_string_append (info, _mg_export_item_speech (summary, item));
      g_string_append (info, " · ");
    }
  if (item->paragraph > 0)
    {
      _mg_export_append_paragraph (info, item->paragraph, item->sentence);
      g_string_append (info, " · ");
    }
  if (item->starred)
    g_string_append (info, "★ · ");
  if (item->tags[0] != NULL)
    {
      g_autofree char *names = mg_summary_dup_item_tag_names (summary, item, ", ");

      g_string_append (info, names);
      g_string_append (info, " · ");
    }
  g_string_append (info, _mg_export_author_label (item->author));
  sink->block (sink, MG_PDF_STYLE_INFO, info->str, MG_PDF_QUOTE_INDENT, NULL);
  g_string_free (info, TRUE);

  if (!with_details)
    return;
  if (*item->context != '\0' && strcmp (item->context, item->quote) != 0)
    sink->block (sink, MG_PDF_STYLE_CONTEXT, item->context, MG_PDF_QUOTE_INDENT, NULL);
  if (*item->note != '\0')
    {
      g_autofree char *note = g_strdup_printf ("%s %s", _("Note:"), item->note);

      sink->block (sink, MG_PDF_STYLE_NOTE, note, MG_PDF_QUOTE_INDENT, NULL);
    }
}

static void
pdf_counts (MgSummary *summary,
            MgPdfSink *sink)
{
  GPtrArray *tags = mg_summary_get_tag_counts (summary);
  GPtrArray *authors = mg_summary_get_author_counts (summary);
  GString *line = g_string_new (NULL);

  if (mg_summary_is_combined (summary))
    {
      pdf_heading (sink, _("Speeches"), NULL);
      for (guint s = 0; s < mg_summary_get_n_speeches (summary); s++)
        {
          const MgSummarySpeech *speech = mg_summary_get_speech (summary, s);
          g_autofree char *text = g_strdup_printf ("%u. %s (%s): %u", s + 1, speech->title,
                                                   speech->path, speech->n_items);

          sink->block (sink, MG_PDF_STYLE_NOTE, text, 0.0, NULL);
        }
    }

  /* A combined summary counts in each speech too, by its number above. */
  pdf_heading (sink, _("Counts"), NULL);
  for (guint i = 0; i < tags->len; i++)
    {
      const MgSummaryCount *count = g_ptr_array_index (tags, i);

      if (i > 0)
        g_string_append (line, " · ");
      g_string_append_printf (line, "%s %u", count->name, count->count);
      _mg_export_append_per_speech (line, summary, count, MG_SUMMARY_GROUP_TAG);
    }
  if (mg_summary_get_n_untagged (summary) > 0)
    {
      g_string_append_printf (line, "%s%s %u", line->len > 0 ? " · " : "",
                              _("Untagged highlights"), mg_summary_get_n_untagged (summary));
      _mg_export_append_per_speech (line, summary, NULL, MG_SUMMARY_GROUP_UNTAGGED);
    }
  if (mg_summary_get_n_orphaned (summary) > 0)
    {
      g_string_append_printf (line, "%s%s %u", line->len > 0 ? " · " : "",
                              _("Orphaned annotations"), mg_summary_get_n_orphaned (summary));
      _mg_export_append_per_speech (line, summary, NULL, MG_SUMMARY_GROUP_ORPHANED);
    }
  if (line->len > 0)
    sink->block (sink, MG_PDF_STYLE_NOTE, line->str, 0.0, NULL);

  g_string_truncate (line, 0);
  for (guint i = 0; i < authors->len; i++)
    {
      const MgSummaryCount *count = g_ptr_array_index (authors, i);

      if (i > 0)
        g_string_append (line, " · ");
      g_string_append_printf (line, "%s %u", _mg_export_author_label (count->name), count->count);
    }
  if (line->len > 0)
    sink->block (sink, MG_PDF_STYLE_NOTE, line->str, 0.0, NULL);
  g_string_free (line, TRUE);
}

/* The statistics figure: label, bar, count on each row. */
#define FIGURE_ROW        13.0
#define FIGURE_LABEL      110.0
#define FIGURE_BAR_X      (FIGURE_LABEL + 6.0)
#define FIGURE_COUNT      30.0
#define FIGURE_BAR_WIDTH  (MG_PDF_CONTENT_WIDTH - FIGURE_BAR_X - FIGURE_COUNT - 4.0)
#define FIGURE_TRACK      "#ebeae8"

static void
pdf_figure_caption (MgPdfSink  *sink,
                    const char *caption)
{
  /* A caption never ends a page: room for it and three rows. */
  sink->need (sink, 20.0 + 3 * FIGURE_ROW);
  sink->block (sink, MG_PDF_STYLE_QUOTE, caption, 0.0, NULL);
  sink->skip (sink, 2.0);
}

static void
pdf_figure_row (MgPdfSink  *sink,
                const char *label,
                guint       count,
                gboolean    with_count)
{
  sink->need (sink, FIGURE_ROW);
  sink->label (sink, MG_PDF_STYLE_INFO, label, 0.0, 1.0, FIGURE_LABEL, FALSE);
  if (with_count)
    {
      char text[16];

      g_snprintf (text, sizeof text, "%u", count);
      sink->label (sink, MG_PDF_STYLE_INFO, text, MG_PDF_CONTENT_WIDTH - FIGURE_COUNT, 1.0,
                   FIGURE_COUNT, TRUE);
    }
}

static void
pdf_statistics (MgSummary *summary,
                MgPdfSink *sink)
{
  g_autoptr(MgStatistics) stats = mg_statistics_new (summary);
  g_autoptr(GArray) strip_rows = NULL;
  guint n_rows = mg_statistics_get_n_rows (stats);
  guint n_bins = (guint) FIGURE_BAR_WIDTH;
  guint max;

  if (mg_statistics_get_n_items (stats) == 0)
    return;
  pdf_heading (sink, _("Statistics"), NULL);

  pdf_figure_caption (sink, _("Annotations per tag"));
  max = MAX (mg_statistics_get_max_row_count (stats), 1);
  for (guint r = 0; r < n_rows; r++)
    {
      const MgStatisticsRow *row = mg_statistics_get_row (stats, r);

      pdf_figure_row (sink, row->name, row->count, TRUE);
      if (row->count > 0)
        sink->rect (sink, FIGURE_BAR_X, 3.0, FIGURE_BAR_WIDTH * row->count / max, 7.0, row->color);
      sink->skip (sink, FIGURE_ROW);
    }

  pdf_figure_caption (sink, _("Annotations per member and tag"));
  max = MAX (mg_statistics_get_max_member_total (stats), 1);
  for (guint m = 0; m < mg_statistics_get_n_members (stats); m++)
    {
      const MgStatisticsMember *member = mg_statistics_get_member (stats, m);
      guint sum = 0;

      pdf_figure_row (sink, member->label, member->count, TRUE);
      for (guint r = 0; r < n_rows; r++)
        {
          double x = FIGURE_BAR_WIDTH * sum / max;

          if (member->row_counts[r] == 0)
            continue;
          sum += member->row_counts[r];
          sink->rect (sink, FIGURE_BAR_X + x, 3.0, FIGURE_BAR_WIDTH * sum / max - x, 7.0,
                      mg_statistics_get_row (stats, r)->color);
        }
      sink->skip (sink, FIGURE_ROW);
    }

  strip_rows = mg_statistics_dup_strip_rows (stats);
  if (strip_rows->len == 0)
    return;
  pdf_figure_caption (sink, _("Where in the speech, from its beginning to its end"));
  for (guint s = 0; s < mg_statistics_get_n_speeches (stats); s++)
    {
      if (mg_statistics_get_n_speeches (stats) > 1)
        {
          sink->need (sink, 2 * FIGURE_ROW);
          sink->label (sink, MG_PDF_STYLE_META, mg_statistics_get_speech (stats, s)->title,
                       0.0, 3.0, MG_PDF_CONTENT_WIDTH, FALSE);
          sink->skip (sink, FIGURE_ROW + 2.0);
        }
      for (guint i = 0; i < strip_rows->len; i++)
        {
          guint r = g_array_index (strip_rows, guint, i);
          const MgStatisticsRow *row = mg_statistics_get_row (stats, r);
          g_autoptr(GArray) runs = mg_statistics_dup_runs (stats, s, r, n_bins);

          pdf_figure_row (sink, row->name, 0, FALSE);
          sink->rect (sink, FIGURE_BAR_X, 2.0, FIGURE_BAR_WIDTH, 9.0, FIGURE_TRACK);
          for (guint k = 0; k + 1 < runs->len; k += 2)
            {
              guint from = g_array_index (runs, guint, k);
              guint to = g_array_index (runs, guint, k + 1);

              sink->rect (sink, FIGURE_BAR_X + FIGURE_BAR_WIDTH * from / n_bins, 2.0,
                          FIGURE_BAR_WIDTH * (to - from) / n_bins, 9.0, row->color);
            }
          sink->skip (sink, FIGURE_ROW);
        }
    }
}

static gboolean
pdf_step (MgPdfSink    *sink,
          MgExportJob  *job,
          GError      **error)
{
  if (sink->failed != NULL && sink->failed (sink, error))
    return FALSE;
  return _mg_export_job_step (job, error);
}

gboolean
mg_pdf_content_run (MgSummary    *summary,
                    MgPdfSink    *sink,
                    MgExportJob  *job,
                    GError      **error)
{
  GPtrArray *starred = mg_summary_get_starred (summary);
  guint n_groups = mg_summary_get_n_groups (summary);
  g_autofree char *meta = NULL;
  GString *meta_line = g_string_new (NULL);

  g_return_val_if_fail (MG_IS_SUMMARY (summary), FALSE);

  sink->block (sink, MG_PDF_STYLE_TITLE, mg_summary_get_title (summary), 0.0, NULL);
  if (*mg_summary_get_source (summary) != '\0')
    g_string_append_printf (meta_line, "%s %s · ", _("Source:"), mg_summary_get_source (summary));
  g_string_append_printf (meta_line, "%s %s · %s %u", _("Exported:"), mg_summary_get_date (summary),
                          _("Annotations:"), mg_summary_get_n_items (summary));
  meta = g_string_free (meta_line, FALSE);
  sink->block (sink, MG_PDF_STYLE_META, meta, 0.0, NULL);

  pdf_counts (summary, sink);
  pdf_statistics (summary, sink);

  if (starred->len > 0)
    {
      pdf_heading (sink, _("Key quotes"), NULL);
      for (guint i = 0; i < starred->len; i++)
        {
          const MgSummaryItem *item = g_ptr_array_index (starred, i);
          const char *color = item->tags[0] != NULL
                              ? mg_summary_get_tag_color (summary, item->tags[0]) : NULL;

          pdf_item (summary, sink, item, color, FALSE);
          if (!pdf_step (sink, job, error))
            return FALSE;
        }
    }

  for (guint g = 0; g < n_groups; g++)
    {
      const MgSummaryGroup *group = mg_summary_get_group (summary, g);
      g_autofree char *heading = g_strdup_printf ("%s (%u)", group->name, group->items->len);

      pdf_heading (sink, heading, group->color);
      for (guint i = 0; i < group->items->len; i++)
        {
          const MgSummaryItem *item = g_ptr_array_index (group->items, i);
          guint run;

          if (_mg_export_speech_starts (summary, group->items, i, &run))
            {
              g_autofree char *subheading =
                g_strdup_printf ("%s (%u)", mg_summary_get_speech (summary, item->speech)->title, run);

              sink->need (sink, 60.0);
              sink->block (sink, MG_PDF_STYLE_META, subheading, 0.0, NULL);
            }
          pdf_item (summary, sink, item, group->color, TRUE);
          if (!pdf_step (sink, job, error))
            return FALSE;
        }
    }
  return !(sink->failed != NULL && sink->failed (sink, error));
}
