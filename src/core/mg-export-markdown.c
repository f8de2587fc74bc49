/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Marginalia"
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "mg-export-markdown.h"

/* The bytes md_append_line() does not copy as they are: those escaped
 * with a backslash, the tab and the line end. */
static const guint8 md_special[256] = {
  ['\\'] = 1, ['`'] = 1, ['*'] = 1, ['_'] = 1, ['['] = 1, [']'] = 1,
  ['<'] = 1, ['>'] = 1, ['|'] = 1, ['#'] = 1, ['&'] = 1, ['~'] = 1,
  ['!'] = 1, ['\t'] = 1, ['\n'] = 1,
};

/* Escapes one line of user text: CommonMark punctuation that could start
 * markup anywhere, and what starts a block at the beginning of a line
 * (not in a table cell, where no block starts). */
static void
md_append_line (GString    *out,
                const char *line,
                gsize       len,
                gboolean    in_table)
{
  const char *end = line + len;
  const char *p = line;

  while (p < end && (*p == ' ' || *p == '\t'))
    p++;

  if (!in_table && p < end && (*p == '-' || *p == '+' || *p == '='))
    {
      g_string_append_c (out, '\\');
      g_string_append_c (out, *p++);
    }
  else if (!in_table)
    {
      const char *q = p;

      while (q < end && g_ascii_isdigit (*q))
        q++;
      if (q > p && q < end && (*q == '.' || *q == ')'))
        {
          g_string_append_len (out, p, q - p);
          g_string_append_c (out, '\\');
          g_string_append_c (out, *q);
          p = q + 1;
        }
    }

  while (p < end)
    {
      const char *run = p;

      /* Bytes written as they are, in one piece. */
      while (p < end && !md_special[(guchar) *p])
        p++;
      g_string_append_len (out, run, p - run);
      if (p == end)
        break;
      switch (*p)
        {
        case '\t':
          g_string_append_c (out, ' ');
          break;
        case '\n':
          g_string_append_c (out, in_table ? ' ' : '\n');
          break;
        default:
          g_string_append_c (out, '\\');
          g_string_append_c (out, *p);
          break;
        }
      p++;
    }
}

/* Each line of @text written as "@prefix" + escaped line; blank lines as
 * the prefix alone (trimmed). @joiner ends every line but the last. */
static void
md_append_text (GString    *out,
                const char *text,
                const char *prefix,
                const char *joiner)
{
  const char *line = text;

  for (;;)
    {
      const char *nl = strchr (line, '\n');
      gsize len = nl != NULL ? (gsize) (nl - line) : strlen (line);
      gboolean blank = TRUE;

      for (gsize i = 0; i < len; i++)
        if (!g_ascii_isspace (line[i]))
          blank = FALSE;

      if (blank)
        {
          gsize plen = strlen (prefix);

          while (plen > 0 && prefix[plen - 1] == ' ')
            plen--;
          g_string_append_len (out, prefix, plen);
        }
      else
        {
          g_string_append (out, prefix);
          md_append_line (out, line, len, FALSE);
        }
      if (nl == NULL)
        break;
      g_string_append (out, joiner);
      line = nl + 1;
    }
}

static void
md_append_cell (GString    *out,
                const char *text)
{
  md_append_line (out, text, strlen (text), TRUE);
}

void
mg_export_markdown_append_text (GString    *out,
                                const char *text,
                                gboolean    in_table)
{
  md_append_line (out, text, strlen (text), in_table);
}

static void
md_append_meta (GString             *out,
                MgSummary           *summary,
                const MgSummaryItem *item,
                gboolean             with_tags)
{
  g_string_append (out, "> — ");
  if (_mg_export_item_speech (summary, item) != NULL)
    {
      md_append_cell (out, _mg_export_item_speech (summary, item));
      g_string_append (out, " · ");
    }
  if (item->paragraph > 0)
    {
      _mg_export_append_paragraph (out, item->paragraph, item->sentence);
      g_string_append (out, " · ");
    }
  if (item->starred)
    g_string_append (out, "★ · ");
  if (with_tags && item->tags[0] != NULL)
    {
      g_autofree char *names = mg_summary_dup_item_tag_names (summary, item, ", ");

      md_append_line (out, names, strlen (names), TRUE);
      g_string_append (out, " · ");
    }
  md_append_cell (out, _mg_export_author_label (item->author));
  g_string_append (out, "\n");
}

static void
md_append_item (GString             *out,
                MgSummary           *summary,
                const MgSummaryItem *item,
                gboolean             with_details)
{
  md_append_text (out, item->quote, "> ", "\n");
  g_string_append (out, "\n>\n");
  md_append_meta (out, summary, item, with_details);
  g_string_append (out, "\n");

  if (!with_details)
    return;

  if (*item->context != '\0' && g_strcmp0 (item->context, item->quote) != 0)
    {
      g_string_append_c (out, '*');
      g_string_append (out, _("Context:"));
      g_string_append (out, "* ");
      md_append_text (out, item->context, "", "  \n");
      g_string_append (out, "\n\n");
    }
  if (*item->note != '\0')
    {
      g_string_append (out, "**");
      g_string_append (out, _("Note:"));
      g_string_append (out, "** ");
      md_append_text (out, item->note, "", "  \n");
      g_string_append (out, "\n\n");
    }
}

/* The speeches of a combined summary, and its counts per tag with a
 * column for each speech and one for the total. */
static void
md_append_speech_counts (GString   *out,
                         MgSummary *summary)
{
  GPtrArray *tags = mg_summary_get_tag_counts (summary);
  guint n_speeches = mg_summary_get_n_speeches (summary);

  g_string_append_printf (out, "## %s\n\n", _("Speeches"));
  g_string_append_printf (out, "| %s | %s | %s |\n| --- | --- | ---: |\n",
                          _("Speech"), _("Document"), _("Annotations"));
  for (guint s = 0; s < n_speeches; s++)
    {
      const MgSummarySpeech *speech = mg_summary_get_speech (summary, s);

      g_string_append (out, "| ");
      md_append_cell (out, speech->title);
      g_string_append (out, " | ");
      md_append_cell (out, speech->path);
      g_string_append_printf (out, " | %u |\n", speech->n_items);
    }

  g_string_append_printf (out, "\n## %s\n\n| %s |", _("Counts"), _("Tag"));
  for (guint s = 0; s < n_speeches; s++)
    {
      g_string_append_c (out, ' ');
      md_append_cell (out, mg_summary_get_speech (summary, s)->title);
      g_string_append (out, " |");
    }
  g_string_append_printf (out, " %s |\n| --- |", _("Total"));
  for (guint s = 0; s <= n_speeches; s++)
    g_string_append (out, " ---: |");
  g_string_append_c (out, '\n');
  for (guint i = 0; i < tags->len; i++)
    {
      const MgSummaryCount *count = g_ptr_array_index (tags, i);

      g_string_append (out, "| ");
      md_append_cell (out, count->name);
      g_string_append (out, " |");
      for (guint s = 0; s < n_speeches; s++)
        g_string_append_printf (out, " %u |", count->speech_counts[s]);
      g_string_append_printf (out, " %u |\n", count->count);
    }
  if (mg_summary_get_n_untagged (summary) > 0)
    {
      g_string_append_printf (out, "| %s |", _("Untagged highlights"));
      for (guint s = 0; s < n_speeches; s++)
        g_string_append_printf (out, " %u |", mg_summary_get_speech (summary, s)->n_untagged);
      g_string_append_printf (out, " %u |\n", mg_summary_get_n_untagged (summary));
    }
  if (mg_summary_get_n_orphaned (summary) > 0)
    {
      g_string_append_printf (out, "| %s |", _("Orphaned annotations"));
      for (guint s = 0; s < n_speeches; s++)
        g_string_append_printf (out, " %u |", mg_summary_get_speech (summary, s)->n_orphaned);
      g_string_append_printf (out, " %u |\n", mg_summary_get_n_orphaned (summary));
    }
}

static void
md_append_counts (GString   *out,
                  MgSummary *summary)
{
  GPtrArray *tags = mg_summary_get_tag_counts (summary);
  GPtrArray *authors = mg_summary_get_author_counts (summary);

  if (mg_summary_is_combined (summary))
    md_append_speech_counts (out, summary);
  else
    {
      g_string_append_printf (out, "## %s\n\n", _("Counts"));
      g_string_append_printf (out, "| %s | %s |\n| --- | ---: |\n", _("Tag"), _("Annotations"));
      for (guint i = 0; i < tags->len; i++)
        {
          const MgSummaryCount *count = g_ptr_array_index (tags, i);

          g_string_append (out, "| ");
          md_append_cell (out, count->name);
          g_string_append_printf (out, " | %u |\n", count->count);
        }
      if (mg_summary_get_n_untagged (summary) > 0)
        g_string_append_printf (out, "| %s | %u |\n", _("Untagged highlights"),
                                mg_summary_get_n_untagged (summary));
      if (mg_summary_get_n_orphaned (summary) > 0)
        g_string_append_printf (out, "| %s | %u |\n", _("Orphaned annotations"),
                                mg_summary_get_n_orphaned (summary));
    }

  if (authors->len == 0)
    {
      g_string_append (out, "\n");
      return;
    }
  g_string_append_printf (out, "\n| %s | %s |\n| --- | ---: |\n", _("Author"), _("Annotations"));
  for (guint i = 0; i < authors->len; i++)
    {
      const MgSummaryCount *count = g_ptr_array_index (authors, i);

      g_string_append (out, "| ");
      md_append_cell (out, _mg_export_author_label (count->name));
      g_string_append_printf (out, " | %u |\n", count->count);
    }
  g_string_append (out, "\n");
}

static void
md_append_heading (GString    *out,
                   guint       level,
                   const char *text,
                   guint       count)
{
  for (guint i = 0; i < level; i++)
    g_string_append_c (out, '#');
  g_string_append_c (out, ' ');
  md_append_cell (out, text);
  if (count != G_MAXUINT)
    g_string_append_printf (out, " (%u)", count);
  g_string_append (out, "\n\n");
}

static void
md_append_header (GString   *out,
                  MgSummary *summary)
{
  if (*mg_summary_get_source (summary) != '\0')
    {
      g_string_append_printf (out, "- %s ", _("Source:"));
      md_append_cell (out, mg_summary_get_source (summary));
      g_string_append (out, "\n");
    }
  g_string_append_printf (out, "- %s %s\n", _("Exported:"), mg_summary_get_date (summary));
  g_string_append_printf (out, "- %s %u\n\n", _("Annotations:"), mg_summary_get_n_items (summary));
}

static const MgExportOutline md_outline = {
  md_append_heading,
  md_append_header,
  md_append_counts,
  md_append_item,
  "",
};

gboolean
mg_export_markdown_write (MgSummary    *summary,
                          GString      *out,
                          MgExportJob  *job,
                          GError      **error)
{
  return _mg_export_write_outline (summary, out, &md_outline, job, error);
}
