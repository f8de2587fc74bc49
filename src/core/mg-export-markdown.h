/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "mg-export-private.h"

G_BEGIN_DECLS

/* Markdown (CommonMark): the counts as tables, a "Key quotes" section for
 * the starred ones, then one section per group with each quote as a block
 * quote followed by its paragraph number, tags, author, context and note.
 * All user text is escaped, so that it renders as written. */
gboolean mg_export_markdown_write (MgSummary    *summary,
                                   GString      *out,
                                   MgExportJob  *job,
                                   GError      **error);

/* Appends @text escaped so that it renders as written: CommonMark
 * punctuation that could start markup, and — unless @in_table (a table
 * cell, a heading's text) — what would start a block at the beginning of a
 * line. In a table cell line breaks become spaces. */
void     mg_export_markdown_append_text (GString    *out,
                                         const char *text,
                                         gboolean    in_table);

G_END_DECLS
