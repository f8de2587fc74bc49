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
  if (mg_export_item_speech (summary, item) != NULL)
    {
      g_string_append (out, mg_export_item_speech (summary, item));
      g_string_append (out, " · ");
    }
  if (item->paragraph > 0)
    {
      mg_export_append_paragraph (out, item->paragraph);
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
      g_string_append (out, mg_export_author_label (item->author));
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
  g_string_append (out, mg_export_author_label (item->author));
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
      mg_export_append_per_speech (out, summary, count, MG_SUMMARY_GROUP_TAG);
      g_string_append_c (out, '\n');
    }
  if (mg_summary_get_n_untagged (summary) > 0)
    {
      g_string_append_printf (out, "%s: %u", _("Untagged highlights"),
                              mg_summary_get_n_untagged (summary));
      mg_export_append_per_speech (out, summary, NULL, MG_SUMMARY_GROUP_UNTAGGED);
      g_string_append_c (out, '\n');
    }
  if (mg_summary_get_n_orphaned (summary) > 0)
    {
      g_string_append_printf (out, "%s: %u", _("Orphaned annotations"),
                              mg_summary_get_n_orphaned (summary));
      mg_export_append_per_speech (out, summary, NULL, MG_SUMMARY_GROUP_ORPHANED);
      g_string_append_c (out, '\n');
    }
  g_string_append_c (out, '\n');

  for (guint i = 0; i < authors->len; i++)
    {
      const MgSummaryCount *count = g_ptr_array_index (authors, i);

      g_string_append_printf (out, "%s: %u\n", mg_export_author_label (count->name), count->count);
    }
  if (authors->len > 0)
    g_string_append_c (out, '\n');
}

gboolean
mg_export_text_write (MgSummary    *summary,
                      GString      *out,
                      MgExportJob  *job,
                      GError      **error)
{
  GPtrArray *starred = mg_summary_get_starred (summary);
  guint n_groups = mg_summary_get_n_groups (summary);
  guint total = starred->len;

  for (guint g = 0; g < n_groups; g++)
    total += mg_summary_get_group (summary, g)->items->len;
  mg_export_job_begin (job, total);

  text_append_heading (out, mg_summary_get_title (summary), '=');
  if (*mg_summary_get_source (summary) != '\0')
    g_string_append_printf (out, "%s %s\n", _("Source:"), mg_summary_get_source (summary));
  g_string_append_printf (out, "%s %s\n", _("Exported:"), mg_summary_get_date (summary));
  g_string_append_printf (out, "%s %u\n\n", _("Annotations:"), mg_summary_get_n_items (summary));

  text_append_counts (out, summary);

  if (starred->len > 0)
    {
      text_append_heading (out, _("Key quotes"), '-');
      for (guint i = 0; i < starred->len; i++)
        {
          text_append_item (out, summary, g_ptr_array_index (starred, i), FALSE);
          if (!mg_export_job_step (job, error))
            return FALSE;
        }
      g_string_append_c (out, '\n');
    }

  for (guint g = 0; g < n_groups; g++)
    {
      const MgSummaryGroup *group = mg_summary_get_group (summary, g);
      g_autofree char *heading = g_strdup_printf ("%s (%u)", group->name, group->items->len);

      text_append_heading (out, heading, '-');
      for (guint i = 0; i < group->items->len; i++)
        {
          const MgSummaryItem *item = g_ptr_array_index (group->items, i);

          guint run;

          if (mg_export_speech_starts (summary, group->items, i, &run))
            {
              g_autofree char *subheading =
                g_strdup_printf ("%s (%u)", mg_summary_get_speech (summary, item->speech)->title,
                                 run);

              text_append_heading (out, subheading, '~');
            }
          text_append_item (out, summary, item, TRUE);
          if (!mg_export_job_step (job, error))
            return FALSE;
        }
    }

  mg_export_job_finish (job);
  return TRUE;
}
