/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Marginalia"
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "mg-document.h"
#include "mg-export-util.h"

void
mg_export_job_begin (MgExportJob *job,
                     guint        total)
{
  job->total = total;
  job->done = 0;
  job->next_report = 0;
  if (job->progress != NULL)
    job->progress (0.0, job->progress_data);
}

gboolean
mg_export_job_step (MgExportJob  *job,
                    GError      **error)
{
  job->done++;
  if (job->done < job->next_report)
    return TRUE;

  /* About a hundred reports and cancellation checks per export. */
  job->next_report = job->done + MAX (1, job->total / 100);
  if (g_cancellable_set_error_if_cancelled (job->cancellable, error))
    return FALSE;
  if (job->progress != NULL && job->total > 0)
    job->progress (MIN (1.0, (double) job->done / job->total), job->progress_data);
  return TRUE;
}

void
mg_export_job_finish (MgExportJob *job)
{
  if (job->progress != NULL)
    job->progress (1.0, job->progress_data);
}

void
mg_export_append_html (GString    *out,
                       const char *text)
{
  const char *p;
  const char *run = text;

  if (text == NULL)
    return;
  for (p = text; *p != '\0'; p++)
    {
      const char *entity;

      switch (*p)
        {
        case '&': entity = "&amp;"; break;
        case '<': entity = "&lt;"; break;
        case '>': entity = "&gt;"; break;
        case '"': entity = "&quot;"; break;
        case '\'': entity = "&#39;"; break;
        default: continue;
        }
      g_string_append_len (out, run, p - run);
      g_string_append (out, entity);
      run = p + 1;
    }
  g_string_append_len (out, run, p - run);
}

void
mg_export_append_paragraph (GString *out,
                            guint    paragraph,
                            guint    sentence)
{
  g_autofree char *location = mg_location_format (paragraph, sentence);

  g_string_append (out, location);
}

const char *
mg_export_item_speech (MgSummary           *summary,
                       const MgSummaryItem *item)
{
  if (!mg_summary_is_combined (summary))
    return NULL;
  return mg_summary_get_speech (summary, item->speech)->title;
}

gboolean
mg_export_speech_starts (MgSummary *summary,
                         GPtrArray *items,
                         guint      i,
                         guint     *out_count)
{
  const MgSummaryItem *first = g_ptr_array_index (items, i);
  guint n = 0;

  if (!mg_summary_is_combined (summary)
      || (i > 0 && ((const MgSummaryItem *) g_ptr_array_index (items, i - 1))->speech == first->speech))
    return FALSE;
  while (i + n < items->len
         && ((const MgSummaryItem *) g_ptr_array_index (items, i + n))->speech == first->speech)
    n++;
  *out_count = n;
  return TRUE;
}

void
mg_export_append_per_speech (GString              *out,
                             MgSummary            *summary,
                             const MgSummaryCount *count,
                             MgSummaryGroupKind    kind)
{
  guint n_speeches = mg_summary_get_n_speeches (summary);

  if (!mg_summary_is_combined (summary))
    return;
  for (guint s = 0; s < n_speeches; s++)
    {
      const MgSummarySpeech *speech = mg_summary_get_speech (summary, s);
      guint n;

      if (count != NULL)
        n = count->speech_counts[s];
      else
        n = kind == MG_SUMMARY_GROUP_ORPHANED ? speech->n_orphaned : speech->n_untagged;
      g_string_append_printf (out, "%s%u: %u", s == 0 ? " (" : ", ", s + 1, n);
    }
  g_string_append_c (out, ')');
}

const char *
mg_export_author_label (const char *author)
{
  return author != NULL && *author != '\0' ? author : _("Unknown author");
}

char *
mg_export_derived_uuid (const char *seed)
{
  static const char hex[] = "0123456789abcdef";
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA1);
  guint8 digest[20];
  gsize len = sizeof digest;
  char *uuid = g_malloc (37);
  char *p = uuid;

  g_checksum_update (checksum, (const guchar *) "marginalia:", -1);
  g_checksum_update (checksum, (const guchar *) seed, -1);
  g_checksum_get_digest (checksum, digest, &len);
  digest[6] = (digest[6] & 0x0f) | 0x50;
  digest[8] = (digest[8] & 0x3f) | 0x80;
  /* 8-4-4-4-12 hex digits; written by hand, as exports make tens of
   * thousands of these. */
  for (guint i = 0; i < 16; i++)
    {
      if (i == 4 || i == 6 || i == 8 || i == 10)
        *p++ = '-';
      *p++ = hex[digest[i] >> 4];
      *p++ = hex[digest[i] & 0x0f];
    }
  *p = '\0';
  return uuid;
}

gboolean
mg_export_write_outline (MgSummary             *summary,
                         GString               *out,
                         const MgExportOutline *outline,
                         MgExportJob           *job,
                         GError               **error)
{
  GPtrArray *starred = mg_summary_get_starred (summary);
  guint n_groups = mg_summary_get_n_groups (summary);
  guint total = starred->len;

  for (guint g = 0; g < n_groups; g++)
    total += mg_summary_get_group (summary, g)->items->len;
  mg_export_job_begin (job, total);

  outline->heading (out, 1, mg_summary_get_title (summary), G_MAXUINT);
  outline->header (out, summary);
  outline->counts (out, summary);

  if (starred->len > 0)
    {
      outline->heading (out, 2, _("Key quotes"), G_MAXUINT);
      for (guint i = 0; i < starred->len; i++)
        {
          outline->item (out, summary, g_ptr_array_index (starred, i), FALSE);
          if (!mg_export_job_step (job, error))
            return FALSE;
        }
      g_string_append (out, outline->after_key_quotes);
    }

  for (guint g = 0; g < n_groups; g++)
    {
      const MgSummaryGroup *group = mg_summary_get_group (summary, g);

      outline->heading (out, 2, group->name, group->items->len);
      for (guint i = 0; i < group->items->len; i++)
        {
          const MgSummaryItem *item = g_ptr_array_index (group->items, i);
          guint run;

          if (mg_export_speech_starts (summary, group->items, i, &run))
            outline->heading (out, 3, mg_summary_get_speech (summary, item->speech)->title, run);
          outline->item (out, summary, item, TRUE);
          if (!mg_export_job_step (job, error))
            return FALSE;
        }
    }

  mg_export_job_finish (job);
  return TRUE;
}
