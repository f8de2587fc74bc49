/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Marginalia"
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "mg-export-text.h"

#define TEXT_INDENT "    "

/* Columns a terminal or a monospaced font gives @text (wide CJK: 2). */
static guint
text_width (const char *text)
{
  guint width = 0;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_iszerowidth (c))
        continue;
      width += g_unichar_iswide (c) ? 2 : 1;
    }
  return width;
}

static void
text_append_heading (GString    *out,
                     const char *heading,
                     char        underline)
{
  guint width = text_width (heading);

  g_string_append (out, heading);
  g_string_append_c (out, '\n');
  for (guint i = 0; i < width; i++)
    g_string_append_c (out, underline);
  g_string_append (out, "\n\n");
}

/* @text with every line after the first indented. */
static void
text_append_indented (GString    *out,
                      const char *text)
{
  for (const char *p = text; *p != '\0'; p++)
    {
      g_string_append_c (out, *p);
      if (*p == '\n')
        g_string_append (out, TEXT_INDENT);
    }
}

static void
text_append_item (GString             *out,
                  MgSummary           *summary,
                  const MgSummaryItem *item,
                  gboolean             with_details)
{
  if (_mg_export_item_speech (summary, item) != NULL)
    {
      g_string_append (out, _mg_export_item_speech (summary, item));
      g_string_append (out, " · ");
    }
  if (item->paragraph > 0)
    {
      _mg_export_append_paragraph (out, item->paragraph, item->sentence);
      g_string_append_c (out, ' ');
    }
  if (item->starred)
    g_string_append (out, "★ ");
  g_string_append (out, "“");
  text_append_indented (out, item->quote);
  g_string_append (out, "”");

  if (!with_details)
    {
      g_string_append (out, " — ");
      g_string_append (out, _mg_export_author_label (item->author));
      g_string_append (out, "\n");
      return;
    }

  g_string_append (out, "\n" TEXT_INDENT);
  if (item->tags[0] != NULL)
    {
      g_autofree char *names = mg_summary_dup_item_tag_names (summary, item, ", ");

      g_string_append (out, names);
      g_string_append (out, " · ");
    }
  g_string_append (out, _mg_export_author_label (item->author));
  g_string_append_c (out, '\n');

  if (*item->context != '\0' && strcmp (item->context, item->quote) != 0)
    {
      g_string_append_printf (out, TEXT_INDENT "%s ", _("Context:"));
      text_append_indented (out, item->context);
      g_string_append_c (out, '\n');
    }
  if (*item->note != '\0')
    {
      g_string_append_printf (out, TEXT_INDENT "%s ", _("Note:"));
      text_append_indented (out, item->note);
      g_string_append_c (out, '\n');
    }
  g_string_append_c (out, '\n');
}

static void
text_append_counts (GString   *out,
                    MgSummary *summary)
{
  GPtrArray *tags = mg_summary_get_tag_counts (summary);
  GPtrArray *authors = mg_summary_get_author_counts (summary);

  guint n_speeches = mg_summary_get_n_speeches (summary);
  gboolean combined = mg_summary_is_combined (summary);

  if (combined)
    {
      text_append_heading (out, _("Speeches"), '-');
      for (guint s = 0; s < n_speeches; s++)
        {
          const MgSummarySpeech *speech = mg_summary_get_speech (summary, s);

          g_string_append_printf (out, "%u. %s (%s): %u\n", s + 1, speech->title, speech->path,
                                  speech->n_items);
        }
      g_string_append_c (out, '\n');
    }

  /* A combined summary counts in each speech too, by its number above. */
  text_append_heading (out, _("Counts"), '-');
  for (guint i = 0; i < tags->len; i++)
    {
      const MgSummaryCount *count = g_ptr_array_index (tags, i);

      g_string_append_printf (out, "%s: %u", count->name, count->count);
      _mg_export_append_per_speech (out, summary, count, MG_SUMMARY_GROUP_TAG);
      g_string_append_c (out, '\n');
    }
  if (mg_summary_get_n_untagged (summary) > 0)
    {
      g_string_append_printf (out, "%s: %u", _("Untagged highlights"),
                              mg_summary_get_n_untagged (summary));
      _mg_export_append_per_speech (out, summary, NULL, MG_SUMMARY_GROUP_UNTAGGED);
      g_string_append_c (out, '\n');
    }
  if (mg_summary_get_n_orphaned (summary) > 0)
    {
      g_string_append_printf (out, "%s: %u", _("Orphaned annotations"),
                              mg_summary_get_n_orphaned (summary));
      _mg_export_append_per_speech (out, summary, NULL, MG_SUMMARY_GROUP_ORPHANED);
      g_string_append_c (out, '\n');
    }
  g_string_append_c (out, '\n');

  for (guint i = 0; i < authors->len; i++)
    {
      const MgSummaryCount *count = g_ptr_array_index (authors, i);

      g_string_append_printf (out, "%s: %u\n", _mg_export_author_label (count->name), count->count);
    }
  if (authors->len > 0)
    g_string_append_c (out, '\n');
}

/* Title underlined with =, sections with -, a speech's run with ~. */
static void
text_append_outline_heading (GString    *out,
                             guint       level,
                             const char *text,
                             guint       count)
{
  static const char underline[] = { '=', '-', '~' };
  g_autofree char *heading = count != G_MAXUINT ? g_strdup_printf ("%s (%u)", text, count)
                                                : g_strdup (text);

  text_append_heading (out, heading, underline[MIN (level, 3) - 1]);
}

static void
text_append_header (GString   *out,
                    MgSummary *summary)
{
  if (*mg_summary_get_source (summary) != '\0')
    g_string_append_printf (out, "%s %s\n", _("Source:"), mg_summary_get_source (summary));
  g_string_append_printf (out, "%s %s\n", _("Exported:"), mg_summary_get_date (summary));
  g_string_append_printf (out, "%s %u\n\n", _("Annotations:"), mg_summary_get_n_items (summary));
}

static const MgExportOutline text_outline = {
  text_append_outline_heading,
  text_append_header,
  text_append_counts,
  text_append_item,
  "\n",
};

gboolean
mg_export_text_write (MgSummary    *summary,
                      GString      *out,
                      MgExportJob  *job,
                      GError      **error)
{
  return _mg_export_write_outline (summary, out, &text_outline, job, error);
}
