/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "mg-export.h"
#include "mg-file.h"
#include "mg-json-writer.h"

G_BEGIN_DECLS

/* What the exporters share (implemented in mg-export.c); not for use
 * outside src/core. Functions shared inside a component this way are
 * named _mg_<component>_… (docs/style.md). */

/* Progress and cancellation of one export. */
typedef struct
{
  GCancellable         *cancellable;
  MgExportProgressFunc  progress;
  gpointer              progress_data;
  guint                 total;
  guint                 done;
  guint                 next_report;
  /* An export written out in pieces as it is made (mg_export_to_file):
   * at each step, what @out holds goes to @sink once it is large enough. */
  GString              *out;
  MgFileOutput         *sink;
  gboolean              sink_failed;
} MgExportJob;

/* Sets the number of steps the exporter will take. */
void     _mg_export_job_begin         (MgExportJob  *job,
                                       guint         total);
/* One step done: reports progress now and then and checks for
 * cancellation (FALSE with G_IO_ERROR_CANCELLED); writes out what the
 * exporter made so far when it has a sink (FALSE when that fails). An
 * exporter that calls it keeps no place in its output from one step to
 * the next. */
gboolean _mg_export_job_step          (MgExportJob  *job,
                                       GError      **error);
/* Reports 1.0. */
void     _mg_export_job_finish        (MgExportJob  *job);

/* Appends @text with & < > " ' as character references. */
void     _mg_export_append_html       (GString      *out,
                                       const char   *text);
/* A name-based UUID (SHA-1, RFC 4122 version 5 layout) from @seed, for
 * identifiers that must be the same on every export. */
char    *_mg_export_derived_uuid      (const char   *seed);

/* "¶7", "¶1 s.34" (a sentence of a very long paragraph), or "" for
 * paragraph 0. */
void     _mg_export_append_paragraph  (GString      *out,
                                       guint         paragraph,
                                       guint         sentence);
/* In a combined summary, the title of @item's speech; NULL otherwise
 * (then quotes need not say which speech they come from). */
const char *_mg_export_item_speech    (MgSummary           *summary,
                                       const MgSummaryItem *item);
/* In a combined summary, whether the annotation at @i of a group's @items
 * starts the run of another speech (a subheading goes before it); then
 * @out_count is how many of the group's annotations that speech has. */
gboolean    _mg_export_speech_starts  (MgSummary           *summary,
                                       GPtrArray           *items,
                                       guint                i,
                                       guint               *out_count);
/* In a combined summary, " (1: N, 2: N, …)": the count of @count (a tag's;
 * NULL for the untagged or orphaned ones, as @kind says) in each speech,
 * by its number; nothing otherwise. */
void        _mg_export_append_per_speech (GString              *out,
                                          MgSummary            *summary,
                                          const MgSummaryCount *count,
                                          MgSummaryGroupKind    kind);
/* The outline the Markdown and plain-text summaries share: a level-1
 * heading with the title, the header lines, the counts, "Key quotes" with
 * the starred annotations (without details), then one level-2 heading per
 * group ("name (N)") with its annotations, and in a combined summary a
 * level-3 heading ("title (N)") where another speech's run starts. */
typedef struct
{
  /* @count is G_MAXUINT for a heading without a count. */
  void (*heading) (GString             *out,
                   guint                level,
                   const char          *text,
                   guint                count);
  /* Source, date and number of annotations, under the title. */
  void (*header)  (GString             *out,
                   MgSummary           *summary);
  void (*counts)  (GString             *out,
                   MgSummary           *summary);
  void (*item)    (GString             *out,
                   MgSummary           *summary,
                   const MgSummaryItem *item,
                   gboolean             with_details);
  /* Written after the key quotes. */
  const char *after_key_quotes;
} MgExportOutline;

/* Writes @summary into @out along @outline, one step of @job per
 * annotation. FALSE when @job is cancelled. */
gboolean    _mg_export_write_outline  (MgSummary             *summary,
                                       GString               *out,
                                       const MgExportOutline *outline,
                                       MgExportJob           *job,
                                       GError               **error);
/* The author for display: a translated "Unknown" when empty. */
const char *_mg_export_author_label   (const char   *author);

/* @text as XML 1.0 character data or attribute value (the one escaper of
 * the REFI-QDA codebook and project): markup characters, tabs and line
 * breaks as references; what XML 1.0 cannot hold (other C0 controls,
 * U+FFFE, U+FFFF) left out. */
void        _mg_export_append_xml    (GString      *out,
                                      const char   *text);

G_END_DECLS
