/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "mg-export.h"

G_BEGIN_DECLS

/* Shared by the exporters; not for use outside src/core. */

/* Progress and cancellation of one export. */
typedef struct
{
  GCancellable         *cancellable;
  MgExportProgressFunc  progress;
  gpointer              progress_data;
  guint                 total;
  guint                 done;
  guint                 next_report;
} MgExportJob;

/* Sets the number of steps the exporter will take. */
void     mg_export_job_begin         (MgExportJob  *job,
                                      guint         total);
/* One step done: reports progress now and then and checks for
 * cancellation (FALSE with G_IO_ERROR_CANCELLED). */
gboolean mg_export_job_step          (MgExportJob  *job,
                                      GError      **error);
/* Reports 1.0. */
void     mg_export_job_finish        (MgExportJob  *job);

/* Appends @text with & < > " ' as character references. */
void     mg_export_append_html       (GString      *out,
                                      const char   *text);
/* Appends @text as a JSON string literal, quotes included. */
void     mg_export_append_json_string (GString     *out,
                                      const char   *text);
/* Appends @n spaces. */
void     mg_export_append_indent     (GString      *out,
                                      guint         n);
/* A small streaming JSON writer with two-space indentation and a fixed
 * member order: deterministic and fast on tens of thousands of items. */
#define MG_JSON_WRITER_MAX_DEPTH 32

typedef struct
{
  GString  *out;
  guint     depth;
  gboolean  after_key;
  gboolean  has_members[MG_JSON_WRITER_MAX_DEPTH];
} MgJsonWriter;

void     mg_json_writer_init         (MgJsonWriter *w,
                                      GString      *out);
void     mg_json_writer_begin_object (MgJsonWriter *w);
void     mg_json_writer_end_object   (MgJsonWriter *w);
void     mg_json_writer_begin_array  (MgJsonWriter *w);
void     mg_json_writer_end_array    (MgJsonWriter *w);
void     mg_json_writer_key          (MgJsonWriter *w,
                                      const char   *key);
void     mg_json_writer_string       (MgJsonWriter *w,
                                      const char   *value);
void     mg_json_writer_uint         (MgJsonWriter *w,
                                      guint64       value);
void     mg_json_writer_boolean      (MgJsonWriter *w,
                                      gboolean      value);
void     mg_json_writer_null         (MgJsonWriter *w);
/* Ends the document with a newline. */
void     mg_json_writer_finish       (MgJsonWriter *w);

/* A name-based UUID (SHA-1, RFC 4122 version 5 layout) from @seed, for
 * identifiers that must be the same on every export. */
char    *mg_export_derived_uuid      (const char   *seed);

/* "¶7", or "" for 0. */
void     mg_export_append_paragraph  (GString      *out,
                                      guint         paragraph);
/* The author for display: a translated "Unknown" when empty. */
const char *mg_export_author_label   (const char   *author);

/* @text as XML 1.0 character data or attribute value (the one escaper of
 * the REFI-QDA codebook and project): markup characters, tabs and line
 * breaks as references; what XML 1.0 cannot hold (other C0 controls,
 * U+FFFE, U+FFFF) left out. */
void     mg_export_append_xml          (GString     *out,
                                        const char  *text);

G_END_DECLS
