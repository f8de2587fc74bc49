/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "mg-export-private.h"

G_BEGIN_DECLS

/* A REFI-QDA codebook (.qdc, namespace urn:QDA-XML:codebook:1.0): one
 * codable Code per tag of the summary, in the tag set's order, with its
 * name, colour and description. Each code's guid is derived from the tag
 * id, so the same tag keeps its guid from one export to the next. */
gboolean mg_export_qdc_write (MgSummary    *summary,
                              GString      *out,
                              MgExportJob  *job,
                              GError      **error);

G_END_DECLS
