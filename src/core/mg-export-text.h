/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "mg-export-private.h"

G_BEGIN_DECLS

/* Plain text for pasting into a chat or a word processor: no markup, the
 * quotes in “ ” with their paragraph numbers, details indented beneath. */
gboolean mg_export_text_write (MgSummary    *summary,
                               GString      *out,
                               MgExportJob  *job,
                               GError      **error);

G_END_DECLS
