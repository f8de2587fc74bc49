/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "mg-export-private.h"

G_BEGIN_DECLS

/* Extension term of our @context: "starred": true on a starred annotation. */
#define MG_W3C_STARRED_IRI "http://marginalia.org/ns#starred"
#define MG_W3C_CONTEXT     "http://www.w3.org/ns/anno.jsonld"

/* A W3C Web Annotation AnnotationCollection (JSON-LD) whose "first" page
 * holds every included annotation in document order. Each item: "id"
 * (urn:uuid of the annotation), "motivation", "created", "modified",
 * "creator" (a Person with "name"), "body" (tags as TextualBody with
 * "purpose": "tagging" and the tag's name as value; the note as TextualBody
 * with "purpose": "commenting"), "target" with "source"
 * urn:sha256:<hash of the text> and a TextQuoteSelector (exact, prefix,
 * suffix) and TextPositionSelector (start, end) — orphans, whose position
 * no longer holds, only the TextQuoteSelector. */
gboolean mg_export_w3c_write (MgSummary    *summary,
                              GString      *out,
                              MgExportJob  *job,
                              GError      **error);

G_END_DECLS
