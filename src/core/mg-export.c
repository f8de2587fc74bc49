/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Marginalia"
#include "config.h"

#include <errno.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "mg-document.h"
#include "mg-export.h"
#include "mg-file.h"
#include "mg-export-csv.h"
#include "mg-export-html.h"
#include "mg-export-json.h"
#include "mg-export-markdown.h"
#include "mg-export-pdf.h"
#include "mg-export-qdc.h"
#include "mg-export-qdpx.h"
#include "mg-export-text.h"
#include "mg-export-private.h"
#include "mg-export-w3c.h"

G_DEFINE_QUARK (mg-export-error-quark, mg_export_error)

typedef gboolean (*MgExportWriteFunc) (MgSummary    *summary,
                                       GString      *out,
                                       MgExportJob  *job,
                                       GError      **error);

/* @streams: the exporter may be written out in pieces (it keeps no place
 * in its output from one step to the next). */
static const struct
{
  const char        *name;
  const char        *extension;
  const char        *mime_type;
  const char        *label;
  MgExportWriteFunc  write;
  gboolean           streams;
} formats[MG_EXPORT_N_FORMATS] = {
  [MG_EXPORT_FORMAT_MARKDOWN] = { "md", "md", "text/markdown", N_("Markdown"), mg_export_markdown_write, TRUE },
  [MG_EXPORT_FORMAT_HTML] = { "html", "html", "text/html", N_("Web page (HTML)"), mg_export_html_write, TRUE },
  [MG_EXPORT_FORMAT_CSV] = { "csv", "csv", "text/csv", N_("Spreadsheet (CSV)"), mg_export_csv_write, TRUE },
  [MG_EXPORT_FORMAT_TEXT] = { "txt", "txt", "text/plain", N_("Plain text"), mg_export_text_write, TRUE },
  [MG_EXPORT_FORMAT_JSON] = { "json", "json", "application/json", N_("Summary as JSON"), mg_export_json_write, TRUE },
  [MG_EXPORT_FORMAT_W3C] = { "w3c", "jsonld", "application/ld+json", N_("W3C Web Annotation (JSON-LD)"), mg_export_w3c_write, TRUE },
  [MG_EXPORT_FORMAT_PDF] = { "pdf", "pdf", "application/pdf", N_("PDF document"), mg_export_pdf_write, FALSE },
  [MG_EXPORT_FORMAT_QDC] = { "qdc", "qdc", "application/xml", N_("REFI-QDA codebook (QDC)"), mg_export_qdc_write, FALSE },
  [MG_EXPORT_FORMAT_QDPX] = { "qdpx", "qdpx", "application/zip", N_("REFI-QDA project (QDPX)"), mg_export_qdpx_write, FALSE },
};

/* What an export written in pieces holds before it writes them out. */
#define EXPORT_PIECE (256 * 1024)

gboolean
mg_export_format_from_string (const char      *name,
                              MgExportFormat  *out_format,
                              GError         **error)
{
  g_return_val_if_fail (name != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  for (guint i = 0; i < MG_EXPORT_N_FORMATS; i++)
    if (g_str_equal (formats[i].name, name))
      {
        if (out_format != NULL)
          *out_format = (MgExportFormat) i;
        return TRUE;
      }

  g_set_error (error, MG_EXPORT_ERROR, MG_EXPORT_ERROR_UNKNOWN_FORMAT,
               _("Unknown export format “%s” (expected md, html, csv, txt, json, w3c, pdf, qdc or qdpx)"),
               name);
  return FALSE;
}

const char *
mg_export_format_to_string (MgExportFormat format)
{
  g_return_val_if_fail (format < MG_EXPORT_N_FORMATS, NULL);
  return formats[format].name;
}

const char *
mg_export_format_get_extension (MgExportFormat format)
{
  g_return_val_if_fail (format < MG_EXPORT_N_FORMATS, NULL);
  return formats[format].extension;
}

const char *
mg_export_format_get_mime_type (MgExportFormat format)
{
  g_return_val_if_fail (format < MG_EXPORT_N_FORMATS, NULL);
  return formats[format].mime_type;
}

const char *
mg_export_format_get_label (MgExportFormat format)
{
  g_return_val_if_fail (format < MG_EXPORT_N_FORMATS, NULL);
  return _(formats[format].label);
}

gboolean
mg_export_format_is_text (MgExportFormat format)
{
  return format != MG_EXPORT_FORMAT_PDF && format != MG_EXPORT_FORMAT_QDPX;
}

gboolean
mg_export_format_takes_several (MgExportFormat format)
{
  return format != MG_EXPORT_FORMAT_W3C && format != MG_EXPORT_FORMAT_QDC;
}

/* Whether an export of @summary as @format may start. */
static gboolean
export_can_start (MgSummary       *summary,
                  MgExportFormat   format,
                  GCancellable    *cancellable,
                  GError         **error)
{
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;
  if (mg_summary_is_combined (summary) && !mg_export_format_takes_several (format))
    {
      g_set_error (error, MG_EXPORT_ERROR, MG_EXPORT_ERROR_ONE_SPEECH,
                   _("%s takes one speech only"), mg_export_format_get_label (format));
      return FALSE;
    }
  return TRUE;
}

GBytes *
mg_export_to_bytes (MgSummary             *summary,
                    MgExportFormat         format,
                    MgExportProgressFunc   progress,
                    gpointer               progress_data,
                    GCancellable          *cancellable,
                    GError               **error)
{
  MgExportJob job = { .cancellable = cancellable, .progress = progress, .progress_data = progress_data };
  g_autoptr(GString) out = NULL;

  g_return_val_if_fail (MG_IS_SUMMARY (summary), NULL);
  g_return_val_if_fail (format < MG_EXPORT_N_FORMATS, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!export_can_start (summary, format, cancellable, error))
    return NULL;

  out = g_string_sized_new (4096 + 512 * mg_summary_get_n_items (summary));
  if (!formats[format].write (summary, out, &job, error))
    return NULL;
  return g_string_free_to_bytes (g_steal_pointer (&out));
}

gboolean
mg_export_write (MgSummary             *summary,
                 MgExportFormat         format,
                 GOutputStream         *stream,
                 MgExportProgressFunc   progress,
                 gpointer               progress_data,
                 GCancellable          *cancellable,
                 GError               **error)
{
  g_autoptr(GBytes) bytes = NULL;
  gsize size;
  const void *data;

  g_return_val_if_fail (G_IS_OUTPUT_STREAM (stream), FALSE);

  bytes = mg_export_to_bytes (summary, format, progress, progress_data, cancellable, error);
  if (bytes == NULL)
    return FALSE;
  data = g_bytes_get_data (bytes, &size);
  return g_output_stream_write_all (stream, data, size, NULL, cancellable, error);
}

/* @local_error, from writing @file, as the error of the export. */
static gboolean
export_write_failed (GFile   *file,
                     GError  *local_error,
                     GError **error)
{
  g_autofree char *name = g_file_get_parse_name (file);

  g_set_error (error, local_error->domain, local_error->code,
               _("Could not write “%s”: %s"), name, local_error->message);
  return FALSE;
}

static gboolean
export_replace_contents (GFile         *file,
                         GBytes        *bytes,
                         GCancellable  *cancellable,
                         GError       **error)
{
  g_autoptr(GError) local_error = NULL;

  if (!mg_file_write_output (file, bytes, cancellable, &local_error))
    return export_write_failed (file, local_error, error);
  return TRUE;
}

/* A text export written out in pieces as it is made, rather than whole
 * from memory: 25 MB of W3C annotations need no 25 MB of fresh memory. */
static gboolean
export_streamed (MgSummary             *summary,
                 MgExportFormat         format,
                 GFile                 *file,
                 MgExportProgressFunc   progress,
                 gpointer               progress_data,
                 GCancellable          *cancellable,
                 GError               **error)
{
  MgExportJob job = { .cancellable = cancellable, .progress = progress, .progress_data = progress_data };
  g_autoptr(GString) out = NULL;
  g_autoptr(GError) local_error = NULL;

  if (!export_can_start (summary, format, cancellable, error))
    return FALSE;
  job.sink = mg_file_output_open (file, cancellable, &local_error);
  if (job.sink == NULL)
    return export_write_failed (file, local_error, error);

  out = g_string_sized_new (EXPORT_PIECE + 64 * 1024);
  job.out = out;
  if (!formats[format].write (summary, out, &job, &local_error))
    {
      mg_file_output_abort (job.sink);
      if (job.sink_failed)
        return export_write_failed (file, local_error, error);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    {
      mg_file_output_abort (job.sink);
      return FALSE;
    }
  if (!mg_file_output_write (job.sink, out->str, out->len, &local_error))
    {
      mg_file_output_abort (job.sink);
      return export_write_failed (file, local_error, error);
    }
  if (!mg_file_output_close (job.sink, cancellable, &local_error))
    return export_write_failed (file, local_error, error);
  return TRUE;
}

gboolean
mg_export_to_file (MgSummary             *summary,
                   MgExportFormat         format,
                   GFile                 *file,
                   MgExportProgressFunc   progress,
                   gpointer               progress_data,
                   GCancellable          *cancellable,
                   GError               **error)
{
  g_autoptr(GBytes) bytes = NULL;

  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (MG_IS_SUMMARY (summary), FALSE);
  g_return_val_if_fail (format < MG_EXPORT_N_FORMATS, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (formats[format].streams)
    return export_streamed (summary, format, file, progress, progress_data, cancellable, error);
  bytes = mg_export_to_bytes (summary, format, progress, progress_data, cancellable, error);
  if (bytes == NULL)
    return FALSE;
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;
  return export_replace_contents (file, bytes, cancellable, error);
}

/* Asynchronous exports: the work runs in a GTask thread; progress is
 * passed back to the caller's main context. */

typedef struct
{
  MgSummary            *summary;
  MgExportFormat        format;
  GFile                *file;
  GMainContext         *context;
  MgExportProgressFunc  progress;
  gpointer              progress_data;
  GDestroyNotify        progress_data_destroy;
} ExportTaskData;

typedef struct
{
  GTask  *task;
  double  fraction;
} ExportProgressCall;

typedef struct
{
  GDestroyNotify destroy;
  gpointer       data;
} ExportDestroyCall;

static gboolean
export_destroy_dispatch (gpointer user_data)
{
  ExportDestroyCall *call = user_data;

  call->destroy (call->data);
  return G_SOURCE_REMOVE;
}

static void
export_task_data_free (ExportTaskData *data)
{
  g_clear_object (&data->summary);
  g_clear_object (&data->file);
  /* The task may be finalized in its worker thread; the progress data
   * (often a widget) is released in the caller's context all the same. */
  if (data->progress_data_destroy != NULL)
    {
      ExportDestroyCall *call = g_new0 (ExportDestroyCall, 1);

      call->destroy = data->progress_data_destroy;
      call->data = data->progress_data;
      g_main_context_invoke_full (data->context, G_PRIORITY_DEFAULT,
                                  export_destroy_dispatch, call, g_free);
    }
  g_clear_pointer (&data->context, g_main_context_unref);
  g_free (data);
}

static void
export_progress_call_free (ExportProgressCall *call)
{
  g_object_unref (call->task);
  g_free (call);
}

static gboolean
export_progress_dispatch (gpointer user_data)
{
  ExportProgressCall *call = user_data;
  ExportTaskData *data = g_task_get_task_data (call->task);

  /* Nothing after the result has been delivered. */
  if (!g_task_get_completed (call->task))
    data->progress (call->fraction, data->progress_data);
  return G_SOURCE_REMOVE;
}

static void
export_progress_in_thread (double   fraction,
                           gpointer user_data)
{
  GTask *task = user_data;
  ExportTaskData *data = g_task_get_task_data (task);
  ExportProgressCall *call;

  if (data->progress == NULL)
    return;
  call = g_new0 (ExportProgressCall, 1);
  call->task = g_object_ref (task);
  call->fraction = fraction;
  g_main_context_invoke_full (data->context, G_PRIORITY_DEFAULT,
                              export_progress_dispatch, call,
                              (GDestroyNotify) export_progress_call_free);
}

static void
export_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ExportTaskData *data = task_data;
  GError *error = NULL;

  if (data->file != NULL)
    {
      if (mg_export_to_file (data->summary, data->format, data->file,
                             export_progress_in_thread, task, cancellable, &error))
        g_task_return_boolean (task, TRUE);
      else
        g_task_return_error (task, error);
    }
  else
    {
      GBytes *bytes = mg_export_to_bytes (data->summary, data->format,
                                          export_progress_in_thread, task,
                                          cancellable, &error);
      if (bytes != NULL)
        g_task_return_pointer (task, bytes, (GDestroyNotify) g_bytes_unref);
      else
        g_task_return_error (task, error);
    }
}

static void
export_start_task (MgSummary            *summary,
                   MgExportFormat        format,
                   GFile                *file,
                   MgExportProgressFunc  progress,
                   gpointer              progress_data,
                   GDestroyNotify        progress_data_destroy,
                   GCancellable         *cancellable,
                   GAsyncReadyCallback   callback,
                   gpointer              user_data,
                   gpointer              source_tag)
{
  g_autoptr(GTask) task = NULL;
  ExportTaskData *data = g_new0 (ExportTaskData, 1);

  data->summary = g_object_ref (summary);
  data->format = format;
  data->file = file != NULL ? g_object_ref (file) : NULL;
  data->context = g_main_context_ref_thread_default ();
  data->progress = progress;
  data->progress_data = progress_data;
  data->progress_data_destroy = progress_data_destroy;

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, data, (GDestroyNotify) export_task_data_free);
  g_task_run_in_thread (task, export_thread);
}

void
mg_export_to_bytes_async (MgSummary            *summary,
                          MgExportFormat        format,
                          MgExportProgressFunc  progress,
                          gpointer              progress_data,
                          GDestroyNotify        progress_data_destroy,
                          GCancellable         *cancellable,
                          GAsyncReadyCallback   callback,
                          gpointer              user_data)
{
  g_return_if_fail (MG_IS_SUMMARY (summary));
  g_return_if_fail (format < MG_EXPORT_N_FORMATS);

  export_start_task (summary, format, NULL, progress, progress_data, progress_data_destroy,
                     cancellable, callback, user_data, mg_export_to_bytes_async);
}

GBytes *
mg_export_to_bytes_finish (GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == mg_export_to_bytes_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

void
mg_export_to_file_async (MgSummary            *summary,
                         MgExportFormat        format,
                         GFile                *file,
                         MgExportProgressFunc  progress,
                         gpointer              progress_data,
                         GDestroyNotify        progress_data_destroy,
                         GCancellable         *cancellable,
                         GAsyncReadyCallback   callback,
                         gpointer              user_data)
{
  g_return_if_fail (MG_IS_SUMMARY (summary));
  g_return_if_fail (format < MG_EXPORT_N_FORMATS);
  g_return_if_fail (G_IS_FILE (file));

  export_start_task (summary, format, file, progress, progress_data, progress_data_destroy,
                     cancellable, callback, user_data, mg_export_to_file_async);
}

gboolean
mg_export_to_file_finish (GAsyncResult  *result,
                          GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == mg_export_to_file_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* What the exporters share (mg-export-private.h). */

void
_mg_export_job_begin (MgExportJob *job,
                      guint        total)
{
  job->total = total;
  job->done = 0;
  job->next_report = 0;
  if (job->progress != NULL)
    job->progress (0.0, job->progress_data);
}

gboolean
_mg_export_job_step (MgExportJob  *job,
                     GError      **error)
{
  job->done++;
  if (job->sink != NULL && job->out->len >= EXPORT_PIECE)
    {
      if (!mg_file_output_write (job->sink, job->out->str, job->out->len, error))
        {
          job->sink_failed = TRUE;
          return FALSE;
        }
      g_string_truncate (job->out, 0);
    }
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
_mg_export_job_finish (MgExportJob *job)
{
  if (job->progress != NULL)
    job->progress (1.0, job->progress_data);
}

void
_mg_export_append_html (GString    *out,
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
_mg_export_append_paragraph (GString *out,
                             guint    paragraph,
                             guint    sentence)
{
  g_autofree char *location = mg_location_format (paragraph, sentence);

  g_string_append (out, location);
}

const char *
_mg_export_item_speech (MgSummary           *summary,
                        const MgSummaryItem *item)
{
  if (!mg_summary_is_combined (summary))
    return NULL;
  return mg_summary_get_speech (summary, item->speech)->title;
}

gboolean
_mg_export_speech_starts (MgSummary *summary,
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
_mg_export_append_per_speech (GString              *out,
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
_mg_export_author_label (const char *author)
{
  return author != NULL && *author != '\0' ? author : _("Unknown author");
}

char *
_mg_export_derived_uuid (const char *seed)
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

/* @text as XML character data or an attribute value: markup characters as
 * references, line breaks and tabs as references too (an attribute would
 * otherwise turn them into spaces), characters XML 1.0 does not allow
 * (other C0 controls, U+FFFE, U+FFFF) left out. */
void
_mg_export_append_xml (GString    *out,
                      const char *text)
{
  const char *run = text;
  const char *p;

  if (text == NULL)
    return;
  for (p = text; *p != '\0'; p++)
    {
      guchar c = (guchar) *p;
      const char *entity = NULL;
      gsize skip = 1;

      switch (c)
        {
        case '&': entity = "&amp;"; break;
        case '<': entity = "&lt;"; break;
        case '>': entity = "&gt;"; break;
        case '"': entity = "&quot;"; break;
        case '\t': entity = "&#9;"; break;
        case '\n': entity = "&#10;"; break;
        case '\r': entity = "&#13;"; break;
        case 0xef:
          if ((guchar) p[1] == 0xbf && ((guchar) p[2] == 0xbe || (guchar) p[2] == 0xbf))
            {
              entity = "";
              skip = 3;
            }
          break;
        default:
          if (c < 0x20)
            entity = "";
          break;
        }
      if (entity == NULL)
        continue;
      g_string_append_len (out, run, p - run);
      g_string_append (out, entity);
      p += skip - 1;
      run = p + 1;
    }
  g_string_append_len (out, run, p - run);
}

gboolean
_mg_export_write_outline (MgSummary             *summary,
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
  _mg_export_job_begin (job, total);

  outline->heading (out, 1, mg_summary_get_title (summary), G_MAXUINT);
  outline->header (out, summary);
  outline->counts (out, summary);

  if (starred->len > 0)
    {
      outline->heading (out, 2, _("Key quotes"), G_MAXUINT);
      for (guint i = 0; i < starred->len; i++)
        {
          outline->item (out, summary, g_ptr_array_index (starred, i), FALSE);
          if (!_mg_export_job_step (job, error))
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

          if (_mg_export_speech_starts (summary, group->items, i, &run))
            outline->heading (out, 3, mg_summary_get_speech (summary, item->speech)->title, run);
          outline->item (out, summary, item, TRUE);
          if (!_mg_export_job_step (job, error))
            return FALSE;
        }
    }

  _mg_export_job_finish (job);
  return TRUE;
}
