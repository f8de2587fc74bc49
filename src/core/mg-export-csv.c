/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Marginalia"
#include "config.h"

#include <string.h>

#include "mg-export-csv.h"

void
mg_export_csv_append_field (GString    *out,
                            const char *text)
{
  gboolean neutralise;
  gboolean quote;

  if (text == NULL)
    text = "";
  neutralise = strchr ("=+-@\t\r", text[0]) != NULL && text[0] != '\0';
  quote = strpbrk (text, ",\"\r\n") != NULL;

  if (!quote)
    {
      if (neutralise)
        g_string_append_c (out, '\'');
      g_string_append (out, text);
      return;
    }

  g_string_append_c (out, '"');
  if (neutralise)
    g_string_append_c (out, '\'');
  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

static void
csv_append_uint (GString *out,
                 guint    value)
{
  g_string_append_printf (out, "%u", value);
}

gboolean
mg_export_csv_write (MgSummary    *summary,
                     GString      *out,
                     MgExportJob  *job,
                     GError      **error)
{
  guint n = mg_summary_get_n_items (summary);
  gboolean combined = mg_summary_is_combined (summary);

  _mg_export_job_begin (job, n);

  /* The column names are part of the format, not translated. A combined
   * summary starts each row with the speech's path as given. */
  g_string_append (out, "\xEF\xBB\xBF");
  if (combined)
    g_string_append (out, "document,");
  g_string_append (out, "id,start,end,paragraph,tags,starred,author,quote,note,context\r\n");

  for (guint i = 0; i < n; i++)
    {
      const MgSummaryItem *item = mg_summary_get_item (summary, i);
      g_autofree char *tags = g_strjoinv (",", item->tags);

      if (combined)
        {
          mg_export_csv_append_field (out, mg_summary_get_speech (summary, item->speech)->path);
          g_string_append_c (out, ',');
        }
      mg_export_csv_append_field (out, item->id);
      g_string_append_c (out, ',');
      csv_append_uint (out, item->start);
      g_string_append_c (out, ',');
      csv_append_uint (out, item->end);
      g_string_append_c (out, ',');
      if (item->paragraph > 0)
        csv_append_uint (out, item->paragraph);
      g_string_append_c (out, ',');
      mg_export_csv_append_field (out, tags);
      g_string_append_c (out, ',');
      g_string_append (out, item->starred ? "true" : "false");
      g_string_append_c (out, ',');
      mg_export_csv_append_field (out, item->author);
      g_string_append_c (out, ',');
      mg_export_csv_append_field (out, item->quote);
      g_string_append_c (out, ',');
      mg_export_csv_append_field (out, item->note);
      g_string_append_c (out, ',');
      mg_export_csv_append_field (out, item->context);
      g_string_append (out, "\r\n");

      if (!_mg_export_job_step (job, error))
        return FALSE;
    }

  _mg_export_job_finish (job);
  return TRUE;
}
