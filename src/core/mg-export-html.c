/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Marginalia"
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "mg-export-html.h"
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
