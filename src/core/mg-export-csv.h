/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "mg-export-private.h"

G_BEGIN_DECLS

/* CSV as RFC 4180 describes it: UTF-8 with a byte order mark (so that
 * spreadsheet programs read Chinese correctly), CRLF after every row, a
 * header row, then one row per annotation in document order with the
 * columns id, start, end, paragraph, tags, starred, author, quote, note,
 * context. Fields holding a comma, a quote, CR or LF are quoted. A cell
 * that begins with = + - @, a tab or CR gets a leading apostrophe, so that
 * no spreadsheet takes it for a formula. */
gboolean mg_export_csv_write (MgSummary    *summary,
                              GString      *out,
                              MgExportJob  *job,
                              GError      **error);

/* Appends one field as written in a row (for tests and other tables). */
void     mg_export_csv_append_field (GString    *out,
                                     const char *text);

G_END_DECLS
