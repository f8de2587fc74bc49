/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "mg-export-private.h"

G_BEGIN_DECLS

/* The summary as JSON, for other programs:
 *   { "title", "source", "sha256", "language", "exported",
 *     "filter": { "tags": [ID…] | null, "author": NAME | null, "starred": B },
 *     "total": N,
 *     "counts": { "tags": [{ "id", "name", "color", "count" }…],
 *                 "authors": [{ "name", "count" }…],
 *                 "starred": N, "untagged": N, "orphaned": N },
 *     "groups": [{ "kind": "tag"|"untagged"|"orphaned", "tag": ID | null,
 *                  "name", "color", "count",
 *                  "items": [{ "id", "start", "end", "paragraph" (null for
 *                              orphans), "quote", "context", "note",
 *                              "starred", "author", "tags": [ID…] }…] }…] }
 * Members in this order, two-space indentation, a final newline. */
gboolean mg_export_json_write (MgSummary    *summary,
                               GString      *out,
                               MgExportJob  *job,
                               GError      **error);

G_END_DECLS
