/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Marginalia"
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "mg-export-html.h"
#include "mg-statistics.h"
#include "mg-tag.h"

static const char html_style[] =
  "    :root { color-scheme: light; }\n"
  "    body { font-family: \"Noto Sans\", \"Segoe UI\", Helvetica, Arial, sans-serif; max-width: 46em;\n"
  "           margin: 2em auto; padding: 0 1em; line-height: 1.6; color: #241f31; background: #ffffff; }\n"
  "    body:lang(zh) { font-family: \"Noto Sans CJK SC\", \"Source Han Sans SC\", \"PingFang SC\",\n"
  "                    \"Microsoft YaHei\", sans-serif; }\n"
  "    h1 { font-size: 1.6em; margin-bottom: 0.2em; }\n"
  "    h2 { font-size: 1.25em; margin-top: 2em; border-bottom: 2px solid var(--tag, #deddda); }\n"
  "    .meta { color: #5e5c64; font-size: 0.9em; }\n"
  "    table { border-collapse: collapse; margin: 1em 0; }\n"
  "    th, td { border: 1px solid #deddda; padding: 0.2em 0.8em; text-align: left; }\n"
  "    td.n { text-align: right; font-variant-numeric: tabular-nums; }\n"
  "    .swatch { display: inline-block; width: 0.8em; height: 0.8em; border-radius: 50%;\n"
  "              background: var(--tag, #77767b); margin-right: 0.4em; vertical-align: baseline; }\n"
  "    article { margin: 1em 0 1.5em; }\n"
  "    blockquote { margin: 0; padding: 0.4em 0.9em; border-left: 4px solid var(--tag, #77767b);\n"
  "                 background: #f6f5f4; white-space: pre-wrap; }\n"
  "    .info { font-size: 0.85em; color: #5e5c64; margin-top: 0.3em; }\n"
  "    .star { color: #c88800; }\n"
  "    .context { font-size: 0.9em; color: #3d3846; white-space: pre-wrap; margin: 0.3em 0 0; }\n"
  "    .note { white-space: pre-wrap; margin: 0.3em 0 0; }\n"
  "    table.figure { width: 100%; margin: 0.5em 0 1.5em; }\n"
  "    table.figure td { border: none; padding: 0.1em 0.5em 0.1em 0; vertical-align: middle; }\n"
  "    table.figure td.label { width: 11em; }\n"
  "    table.figure td.n { width: 3em; }\n"
  "    table.figure svg { display: block; width: 100%; height: 0.9em; }\n"
  "    table.figure th { border: none; padding: 0.8em 0 0.2em; font-weight: 600; }\n"
  "    figcaption { font-weight: 600; }\n"
  "    figure { margin: 1em 0; }\n"
  "    .tag { display: inline-block; border-radius: 0.6em; padding: 0 0.5em; margin-right: 0.3em;\n"
  "           border: 1px solid var(--tag, #77767b); }\n"
  "    @media print {\n"
  "      body { max-width: none; margin: 0; font-size: 11pt; }\n"
  "      h2 { break-after: avoid; }\n"
  "      article { break-inside: avoid; }\n"
  "      blockquote { background: none; }\n"
  "      a { color: inherit; text-decoration: none; }\n"
  "    }\n";

static void
html_append_color_var (GString    *out,
                       const char *color)
{
  /* Colours come from the tag set and are checked there; escaped anyway,
   * and anything that is not #rrggbb is left out. */
  if (color == NULL || !mg_tag_color_is_valid (color))
    return;
  g_string_append (out, " style=\"--tag: ");
  _mg_export_append_html (out, color);
  g_string_append (out, "\"");
}

static void
html_append_item (GString             *out,
                  MgSummary           *summary,
                  const MgSummaryItem *item,
                  const char          *color)
{
  g_string_append (out, "    <article");
  html_append_color_var (out, color);
  g_string_append (out, ">\n      <blockquote>");
  _mg_export_append_html (out, item->quote);
  g_string_append (out, "</blockquote>\n      <p class=\"info\">");
  if (_mg_export_item_speech (summary, item) != NULL)
    {
      g_string_append (out, "<cite>");
      _mg_export_append_html (out, _mg_export_item_speech (summary, item));
      g_string_append (out, "</cite> · ");
    }
  if (item->paragraph > 0)
    {
      _mg_export_append_paragraph (out, item->paragraph, item->sentence);
      g_string_append (out, " · ");
    }
  if (item->starred)
    g_string_append_printf (out, "<span class=\"star\" title=\"%s\">★</span> · ", _("Starred"));
  for (guint i = 0; item->tags[i] != NULL; i++)
    {
      g_string_append (out, "<span class=\"tag\"");
      html_append_color_var (out, mg_summary_get_tag_color (summary, item->tags[i]));
      g_string_append (out, ">");
      _mg_export_append_html (out, mg_summary_get_tag_name (summary, item->tags[i]));
      g_string_append (out, "</span>");
    }
  if (item->tags[0] != NULL)
    g_string_append (out, " · ");
  _mg_export_append_html (out, _mg_export_author_label (item->author));
  g_string_append (out, "</p>\n");

  if (*item->context != '\0' && strcmp (item->context, item->quote) != 0)
    {
      g_string_append (out, "      <p class=\"context\">");
      _mg_export_append_html (out, item->context);
      g_string_append (out, "</p>\n");
    }
  if (*item->note != '\0')
    {
      g_string_append (out, "      <p class=\"note\">");
      _mg_export_append_html (out, item->note);
      g_string_append (out, "</p>\n");
    }
  g_string_append (out, "    </article>\n");
}

static void
html_append_count_row (GString    *out,
                       const char *name,
                       const char *color,
                       guint       count)
{
  g_string_append (out, "      <tr><td>");
  if (color != NULL)
    {
      g_string_append (out, "<span class=\"swatch\"");
      html_append_color_var (out, color);
      g_string_append (out, "></span>");
    }
  _mg_export_append_html (out, name);
  g_string_append_printf (out, "</td><td class=\"n\">%u</td></tr>\n", count);
}

/* A row of a combined summary's counts: one cell per speech, the total. */
static void
html_append_speech_count_row (GString      *out,
                              const char   *name,
                              const char   *color,
                              const guint  *counts,
                              guint         n_speeches,
                              guint         total)
{
  g_string_append (out, "      <tr><td>");
  if (color != NULL)
    {
      g_string_append (out, "<span class=\"swatch\"");
      html_append_color_var (out, color);
      g_string_append (out, "></span>");
    }
  _mg_export_append_html (out, name);
  g_string_append (out, "</td>");
  for (guint s = 0; s < n_speeches; s++)
    g_string_append_printf (out, "<td class=\"n\">%u</td>", counts[s]);
  g_string_append_printf (out, "<td class=\"n\">%u</td></tr>\n", total);
}

/* The speeches of a combined summary, and the counts per tag in each. */
static void
html_append_speech_counts (GString   *out,
                           MgSummary *summary)
{
  GPtrArray *tags = mg_summary_get_tag_counts (summary);
  guint n_speeches = mg_summary_get_n_speeches (summary);
  g_autofree guint *untagged = g_new0 (guint, n_speeches);
  g_autofree guint *orphaned = g_new0 (guint, n_speeches);

  g_string_append (out, "    <h2>");
  _mg_export_append_html (out, _("Speeches"));
  g_string_append (out, "</h2>\n    <table>\n      <tr><th>");
  _mg_export_append_html (out, _("Speech"));
  g_string_append (out, "</th><th>");
  _mg_export_append_html (out, _("Document"));
  g_string_append (out, "</th><th>");
  _mg_export_append_html (out, _("Annotations"));
  g_string_append (out, "</th></tr>\n");
  for (guint s = 0; s < n_speeches; s++)
    {
      const MgSummarySpeech *speech = mg_summary_get_speech (summary, s);

      g_string_append (out, "      <tr><td>");
      _mg_export_append_html (out, speech->title);
      g_string_append (out, "</td><td>");
      _mg_export_append_html (out, speech->path);
      g_string_append_printf (out, "</td><td class=\"n\">%u</td></tr>\n", speech->n_items);
      untagged[s] = speech->n_untagged;
      orphaned[s] = speech->n_orphaned;
    }
  g_string_append (out, "    </table>\n");

  g_string_append (out, "    <h2>");
  _mg_export_append_html (out, _("Counts"));
  g_string_append (out, "</h2>\n    <table>\n      <tr><th>");
  _mg_export_append_html (out, _("Tag"));
  for (guint s = 0; s < n_speeches; s++)
    {
      g_string_append (out, "</th><th>");
      _mg_export_append_html (out, mg_summary_get_speech (summary, s)->title);
    }
  g_string_append (out, "</th><th>");
  _mg_export_append_html (out, _("Total"));
  g_string_append (out, "</th></tr>\n");
  for (guint i = 0; i < tags->len; i++)
    {
      const MgSummaryCount *count = g_ptr_array_index (tags, i);

      html_append_speech_count_row (out, count->name, count->color, count->speech_counts,
                                    n_speeches, count->count);
    }
  if (mg_summary_get_n_untagged (summary) > 0)
    html_append_speech_count_row (out, _("Untagged highlights"), NULL, untagged,
                                  n_speeches, mg_summary_get_n_untagged (summary));
  if (mg_summary_get_n_orphaned (summary) > 0)
    html_append_speech_count_row (out, _("Orphaned annotations"), NULL, orphaned,
                                  n_speeches, mg_summary_get_n_orphaned (summary));
  g_string_append (out, "    </table>\n");
}

static void
html_append_counts (GString   *out,
                    MgSummary *summary)
{
  GPtrArray *tags = mg_summary_get_tag_counts (summary);
  GPtrArray *authors = mg_summary_get_author_counts (summary);

  if (mg_summary_is_combined (summary))
    html_append_speech_counts (out, summary);
  else
    {
      g_string_append (out, "    <h2>");
      _mg_export_append_html (out, _("Counts"));
      g_string_append (out, "</h2>\n    <table>\n      <tr><th>");
      _mg_export_append_html (out, _("Tag"));
      g_string_append (out, "</th><th>");
      _mg_export_append_html (out, _("Annotations"));
      g_string_append (out, "</th></tr>\n");
      for (guint i = 0; i < tags->len; i++)
        {
          const MgSummaryCount *count = g_ptr_array_index (tags, i);

          html_append_count_row (out, count->name, count->color, count->count);
        }
      if (mg_summary_get_n_untagged (summary) > 0)
        html_append_count_row (out, _("Untagged highlights"), NULL, mg_summary_get_n_untagged (summary));
      if (mg_summary_get_n_orphaned (summary) > 0)
        html_append_count_row (out, _("Orphaned annotations"), NULL, mg_summary_get_n_orphaned (summary));
      g_string_append (out, "    </table>\n");
    }

  if (authors->len == 0)
    return;
  g_string_append (out, "    <table>\n      <tr><th>");
  _mg_export_append_html (out, _("Author"));
  g_string_append (out, "</th><th>");
  _mg_export_append_html (out, _("Annotations"));
  g_string_append (out, "</th></tr>\n");
  for (guint i = 0; i < authors->len; i++)
    {
      const MgSummaryCount *count = g_ptr_array_index (authors, i);

      html_append_count_row (out, _mg_export_author_label (count->name), NULL, count->count);
    }
  g_string_append (out, "    </table>\n");
}

/* ---- The statistics figure ---- */

#define HTML_BAR_WIDTH    1000
#define HTML_STRIP_BINS   500

static void
html_append_rect (GString    *out,
                  guint       x,
                  guint       width,
                  const char *color,
                  const char *title)
{
  g_string_append_printf (out, "<rect x=\"%u\" width=\"%u\" height=\"10\" fill=\"", x, width);
  _mg_export_append_html (out, mg_tag_color_is_valid (color) ? color : "#77767b");
  g_string_append (out, "\"");
  if (title != NULL)
    {
      g_string_append (out, "><title>");
      _mg_export_append_html (out, title);
      g_string_append (out, "</title></rect>");
    }
  else
    g_string_append (out, "/>");
}

/* A row: its label, then the opening of its picture, described for
 * screen readers by @description. */
static void
html_append_figure_row_start (GString    *out,
                              const char *label,
                              const char *color,
                              const char *description,
                              guint       viewbox_width)
{
  g_string_append (out, "        <tr><td class=\"label\">");
  if (color != NULL)
    {
      g_string_append (out, "<span class=\"swatch\"");
      html_append_color_var (out, color);
      g_string_append (out, "></span>");
    }
  _mg_export_append_html (out, label);
  g_string_append_printf (out, "</td><td><svg viewBox=\"0 0 %u 10\" preserveAspectRatio=\"none\" "
                          "role=\"img\" aria-label=\"", viewbox_width);
  _mg_export_append_html (out, description);
  g_string_append (out, "\">");
}

static void
html_append_figure_start (GString    *out,
                          const char *caption)
{
  g_string_append (out, "    <figure>\n      <figcaption>");
  _mg_export_append_html (out, caption);
  g_string_append (out, "</figcaption>\n      <table class=\"figure\">\n");
}

static void
html_append_figure_end (GString *out)
{
  g_string_append (out, "      </table>\n    </figure>\n");
}

/* Bars per tag, bars per member in the colours of the tags they used, and
 * a strip per speech with where each tag's annotations sit. */
static void
html_append_statistics (GString   *out,
                        MgSummary *summary)
{
  g_autoptr(MgStatistics) stats = mg_statistics_new (summary);
  g_autoptr(GArray) strip_rows = NULL;
  guint n_rows = mg_statistics_get_n_rows (stats);
  guint max = mg_statistics_get_max_row_count (stats);

  if (mg_statistics_get_n_items (stats) == 0)
    return;

  g_string_append (out, "    <h2>");
  _mg_export_append_html (out, _("Statistics"));
  g_string_append (out, "</h2>\n");

  html_append_figure_start (out, _("Annotations per tag"));
  for (guint r = 0; r < n_rows; r++)
    {
      const MgStatisticsRow *row = mg_statistics_get_row (stats, r);
      g_autofree char *description = g_strdup_printf ("%s: %u", row->name, row->count);

      html_append_figure_row_start (out, row->name, row->color, description, HTML_BAR_WIDTH);
      if (row->count > 0)
        html_append_rect (out, 0, row->count * HTML_BAR_WIDTH / MAX (max, 1), row->color, NULL);
      g_string_append_printf (out, "</svg></td><td class=\"n\">%u</td></tr>\n", row->count);
    }
  html_append_figure_end (out);

  max = mg_statistics_get_max_member_total (stats);
  html_append_figure_start (out, _("Annotations per member and tag"));
  for (guint m = 0; m < mg_statistics_get_n_members (stats); m++)
    {
      const MgStatisticsMember *member = mg_statistics_get_member (stats, m);
      g_autofree char *description = g_strdup_printf ("%s: %u", member->label, member->count);
      guint sum = 0;

      html_append_figure_row_start (out, member->label, NULL, description, HTML_BAR_WIDTH);
      for (guint r = 0; r < n_rows; r++)
        {
          const MgStatisticsRow *row = mg_statistics_get_row (stats, r);
          g_autofree char *title = NULL;
          guint x = sum * HTML_BAR_WIDTH / MAX (max, 1);

          if (member->row_counts[r] == 0)
            continue;
          sum += member->row_counts[r];
          title = g_strdup_printf ("%s: %u", row->name, member->row_counts[r]);
          html_append_rect (out, x, sum * HTML_BAR_WIDTH / MAX (max, 1) - x, row->color, title);
        }
      g_string_append_printf (out, "</svg></td><td class=\"n\">%u</td></tr>\n", member->count);
    }
  html_append_figure_end (out);

  strip_rows = mg_statistics_dup_strip_rows (stats);
  if (strip_rows->len == 0)
    return;
  html_append_figure_start (out, _("Where in the speech, from its beginning to its end"));
  for (guint s = 0; s < mg_statistics_get_n_speeches (stats); s++)
    {
      if (mg_statistics_get_n_speeches (stats) > 1)
        {
          g_string_append (out, "        <tr><th colspan=\"3\">");
          _mg_export_append_html (out, mg_statistics_get_speech (stats, s)->title);
          g_string_append (out, "</th></tr>\n");
        }
      for (guint i = 0; i < strip_rows->len; i++)
        {
          const MgStatisticsRow *row = mg_statistics_get_row (stats, g_array_index (strip_rows, guint, i));
          g_autoptr(GArray) runs = mg_statistics_dup_runs (stats, s, g_array_index (strip_rows, guint, i),
                                                           HTML_STRIP_BINS);

          /* Translators: a tag's name and the speech its annotations are
           * shown in, for screen readers. */
          g_autofree char *description = g_strdup_printf (_("%s in “%s”"), row->name,
                                                          mg_statistics_get_speech (stats, s)->title);

          html_append_figure_row_start (out, row->name, row->color, description, HTML_STRIP_BINS);
          html_append_rect (out, 0, HTML_STRIP_BINS, "#f6f5f4", NULL);
          for (guint k = 0; k + 1 < runs->len; k += 2)
            html_append_rect (out, g_array_index (runs, guint, k),
                              g_array_index (runs, guint, k + 1) - g_array_index (runs, guint, k),
                              row->color, NULL);
          g_string_append (out, "</svg></td><td class=\"n\"></td></tr>\n");
        }
    }
  html_append_figure_end (out);
}

gboolean
mg_export_html_write (MgSummary    *summary,
                      GString      *out,
                      MgExportJob  *job,
                      GError      **error)
{
  GPtrArray *starred = mg_summary_get_starred (summary);
  guint n_groups = mg_summary_get_n_groups (summary);
  const char *lang = g_str_equal (mg_summary_get_language (summary), "zh") ? "zh-CN" : "en";
  guint total = starred->len;

  for (guint g = 0; g < n_groups; g++)
    total += mg_summary_get_group (summary, g)->items->len;
  _mg_export_job_begin (job, total);

  g_string_append_printf (out,
                          "<!DOCTYPE html>\n"
                          "<html lang=\"%s\">\n"
                          "  <head>\n"
                          "    <meta charset=\"utf-8\">\n"
                          "    <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                          "    <meta name=\"generator\" content=\"Marginalia\">\n"
                          "    <title>", lang);
  _mg_export_append_html (out, mg_summary_get_title (summary));
  g_string_append (out, "</title>\n    <style>\n");
  g_string_append (out, html_style);
  g_string_append (out, "    </style>\n  </head>\n  <body>\n    <h1>");
  _mg_export_append_html (out, mg_summary_get_title (summary));
  g_string_append (out, "</h1>\n    <p class=\"meta\">");
  if (*mg_summary_get_source (summary) != '\0')
    {
      _mg_export_append_html (out, _("Source:"));
      g_string_append (out, " ");
      _mg_export_append_html (out, mg_summary_get_source (summary));
      g_string_append (out, " · ");
    }
  _mg_export_append_html (out, _("Exported:"));
  g_string_append_printf (out, " <time>%s</time> · ", mg_summary_get_date (summary));
  _mg_export_append_html (out, _("Annotations:"));
  g_string_append_printf (out, " %u</p>\n", mg_summary_get_n_items (summary));

  html_append_counts (out, summary);
  html_append_statistics (out, summary);

  if (starred->len > 0)
    {
      g_string_append (out, "    <h2>");
      _mg_export_append_html (out, _("Key quotes"));
      g_string_append (out, "</h2>\n");
      for (guint i = 0; i < starred->len; i++)
        {
          const MgSummaryItem *item = g_ptr_array_index (starred, i);
          const char *color = item->tags[0] != NULL
                              ? mg_summary_get_tag_color (summary, item->tags[0]) : NULL;

          html_append_item (out, summary, item, color);
          if (!_mg_export_job_step (job, error))
            return FALSE;
        }
    }

  for (guint g = 0; g < n_groups; g++)
    {
      const MgSummaryGroup *group = mg_summary_get_group (summary, g);

      g_string_append (out, "    <section");
      html_append_color_var (out, group->color);
      g_string_append (out, ">\n    <h2><span class=\"swatch\"></span>");
      _mg_export_append_html (out, group->name);
      g_string_append_printf (out, " (%u)</h2>\n", group->items->len);
      for (guint i = 0; i < group->items->len; i++)
        {
          guint run;

          if (_mg_export_speech_starts (summary, group->items, i, &run))
            {
              const MgSummaryItem *item = g_ptr_array_index (group->items, i);

              g_string_append (out, "    <h3>");
              _mg_export_append_html (out, mg_summary_get_speech (summary, item->speech)->title);
              g_string_append_printf (out, " (%u)</h3>\n", run);
            }
          html_append_item (out, summary, g_ptr_array_index (group->items, i), group->color);
          if (!_mg_export_job_step (job, error))
            return FALSE;
        }
      g_string_append (out, "    </section>\n");
    }

  g_string_append (out, "  </body>\n</html>\n");
  _mg_export_job_finish (job);
  return TRUE;
}
