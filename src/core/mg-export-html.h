/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "mg-export-private.h"

G_BEGIN_DECLS

/* One self-contained HTML page: inline CSS (no external requests), the
 * tag colours, a print style, lang from the text. Every piece of user text
 * (title, quotes, notes, names, tag names, colours) is escaped. */
gboolean mg_export_html_write (MgSummary    *summary,
                               GString      *out,
                               MgExportJob  *job,
                               GError      **error);

G_END_DECLS
