/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "mg-summary.h"

G_BEGIN_DECLS

/* Exports of a summary (see mg-summary.h). Every format is made from the
 * same MgSummary and is deterministic: the same summary (same date) gives
 * the same bytes.
 *
 * For a window: build the MgSummary on the main thread (it is a snapshot),
 * then call mg_export_to_bytes_async() (preview, clipboard) or
 * mg_export_to_file_async() (save); progress is reported on the caller's
 * main context and the GCancellable stops the work. */

typedef enum
{
  MG_EXPORT_FORMAT_MARKDOWN,  /* "md"   */
  MG_EXPORT_FORMAT_HTML,      /* "html" */
  MG_EXPORT_FORMAT_CSV,       /* "csv"  */
  MG_EXPORT_FORMAT_TEXT,      /* "txt"  */
  MG_EXPORT_FORMAT_JSON,      /* "json": the summary itself */
  MG_EXPORT_FORMAT_W3C,       /* "w3c":  W3C Web Annotation AnnotationCollection */
  MG_EXPORT_FORMAT_PDF,       /* "pdf"  */
  MG_EXPORT_FORMAT_QDC,       /* "qdc":  REFI-QDA codebook of the tag set */
  MG_EXPORT_FORMAT_QDPX,      /* "qdpx": REFI-QDA project (zip archive) */
} MgExportFormat;

#define MG_EXPORT_N_FORMATS (MG_EXPORT_FORMAT_QDPX + 1)

#define MG_EXPORT_ERROR (mg_export_error_quark ())
GQuark mg_export_error_quark (void);

typedef enum
{
  MG_EXPORT_ERROR_UNKNOWN_FORMAT,      /* a name that is no format */
  MG_EXPORT_ERROR_UNSUPPORTED_FORMAT,  /* a format of the contract this version cannot write */
  MG_EXPORT_ERROR_FAILED,              /* the layout engine failed */
  MG_EXPORT_ERROR_ONE_SPEECH,          /* a combined summary in a format of one speech */
} MgExportError;

/* Called now and then with the fraction done (0.0 … 1.0). */
typedef void (*MgExportProgressFunc) (double   fraction,
                                      gpointer user_data);

/* "md", "html", "csv", "txt", "json", "w3c", "pdf", "qdc", "qdpx" → the
 * format; anything else gives MG_EXPORT_ERROR_UNKNOWN_FORMAT.
 * (MG_EXPORT_ERROR_UNSUPPORTED_FORMAT is kept for formats of the command
 * line contract that a version cannot write; this one writes them all.) */
gboolean     mg_export_format_from_string   (const char      *name,
                                             MgExportFormat  *out_format,
                                             GError         **error);
const char  *mg_export_format_to_string     (MgExportFormat   format);
/* File name extension without the dot ("md", "html", "csv", "txt",
 * "json", "jsonld", "pdf", "qdc", "qdpx"). */
const char  *mg_export_format_get_extension (MgExportFormat   format);
const char  *mg_export_format_get_mime_type (MgExportFormat   format);
/* Translated name for a format chooser ("Markdown", "Web page (HTML)"…). */
const char  *mg_export_format_get_label     (MgExportFormat   format);
/* TRUE for the formats that are text (everything but PDF and QDPX): they
 * can be previewed and written to a terminal. */
gboolean     mg_export_format_is_text       (MgExportFormat   format);

/* FALSE for the formats that hold one speech only (w3c, qdc): a combined
 * summary (mg_summary_new_combined()) cannot be written in them. */
gboolean     mg_export_format_takes_several (MgExportFormat   format);

/* Writes the export to @stream (not closed). */
gboolean     mg_export_write                (MgSummary             *summary,
                                             MgExportFormat         format,
                                             GOutputStream         *stream,
                                             MgExportProgressFunc   progress,
                                             gpointer               progress_data,
                                             GCancellable          *cancellable,
                                             GError               **error);
GBytes      *mg_export_to_bytes             (MgSummary             *summary,
                                             MgExportFormat         format,
                                             MgExportProgressFunc   progress,
                                             gpointer               progress_data,
                                             GCancellable          *cancellable,
                                             GError               **error);
/* Writes atomically (temporary file in the same folder, then rename): on
 * failure @file is as it was, and no partial file is left. */
gboolean     mg_export_to_file              (MgSummary             *summary,
                                             MgExportFormat         format,
                                             GFile                 *file,
                                             MgExportProgressFunc   progress,
                                             gpointer               progress_data,
                                             GCancellable          *cancellable,
                                             GError               **error);

/* The same in a worker thread. @progress is called on the thread-default
 * main context of the caller; @progress_data_destroy when it is no longer
 * needed. */
void         mg_export_to_bytes_async       (MgSummary             *summary,
                                             MgExportFormat         format,
                                             MgExportProgressFunc   progress,
                                             gpointer               progress_data,
                                             GDestroyNotify         progress_data_destroy,
                                             GCancellable          *cancellable,
                                             GAsyncReadyCallback    callback,
                                             gpointer               user_data);
GBytes      *mg_export_to_bytes_finish      (GAsyncResult          *result,
                                             GError               **error);
void         mg_export_to_file_async        (MgSummary             *summary,
                                             MgExportFormat         format,
                                             GFile                 *file,
                                             MgExportProgressFunc   progress,
                                             gpointer               progress_data,
                                             GDestroyNotify         progress_data_destroy,
                                             GCancellable          *cancellable,
                                             GAsyncReadyCallback    callback,
                                             gpointer               user_data);
gboolean     mg_export_to_file_finish       (GAsyncResult          *result,
                                             GError               **error);

G_END_DECLS
