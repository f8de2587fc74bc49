/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "mg-export-private.h"

G_BEGIN_DECLS

/* A REFI-QDA project (.qdpx): a zip archive holding project.qde (QDA-XML,
 * namespace urn:QDA-XML:project:1.0) and the speech as
 * sources/<guid>.txt. The codes are the summary's tags, with the same
 * guids as the codebook (mg-export-qdc.h), plus a "Starred" code when a
 * starred annotation is exported; each placed annotation is one
 * PlainTextSelection (positions in code points of the text) with its note
 * as description and one coding per code. Orphans are left out. The
 * guids are derived from the tag ids, author names, annotation ids and
 * the text's SHA-256, so a new export of the same annotations keeps
 * them. */
gboolean mg_export_qdpx_write (MgSummary    *summary,
                               GString      *out,
                               MgExportJob  *job,
                               GError      **error);

G_END_DECLS
