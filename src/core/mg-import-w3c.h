/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "mg-annotation-store.h"

G_BEGIN_DECLS

#define MG_IMPORT_ERROR (mg_import_error_quark ())
GQuark mg_import_error_quark (void);

typedef enum
{
  MG_IMPORT_ERROR_READ,         /* the file cannot be read */
  MG_IMPORT_ERROR_PARSE,        /* not JSON */
  MG_IMPORT_ERROR_NOT_W3C,      /* JSON, but no Web Annotation in it */
  MG_IMPORT_ERROR_NO_DOCUMENT,  /* the store has no text to place annotations on */
} MgImportError;

typedef struct
{
  guint added;         /* placed on the text (fuzzy ones included) */
  guint fuzzy;         /* of those, placed by an approximate match */
  guint orphaned;      /* kept, but could not be placed */
  guint skipped;       /* not imported: no text selector for this document, or already present */
  guint tags_created;
} MgImportReport;

/* Imports W3C Web Annotations (JSON or JSON-LD) into @store as one undo
 * step: a single annotation, an array of them, an AnnotationPage
 * ("items", following embedded "next" pages) or an AnnotationCollection
 * ("first", or "items"); selectors alone, in arrays or with "refinedBy".
 *
 * An item with a TextQuoteSelector is placed by it (mg_anchor_locate; a
 * TextPositionSelector that agrees with the quote breaks ties) and kept as
 * orphaned when it cannot be placed. An item with only a
 * TextPositionSelector is placed when its target's "source" names this
 * document (its file name, or urn:sha256: of the text); otherwise, like
 * items without a text target, it is skipped. An annotation whose
 * urn:uuid id is already in the store is skipped.
 *
 * Bodies: "purpose": "tagging" (or a body without purpose on an
 * annotation with "motivation": "tagging") → a tag, matched by id, then by
 * name, else created (its id made from the value, the value as its name);
 * other textual bodies and "bodyValue" → the note. "creator" (a string or
 * an object with "name"/"nickname") → author; "created", "modified";
 * "starred": true.
 *
 * On error nothing is changed. @report may be NULL. */
gboolean mg_import_w3c_bytes (MgAnnotationStore  *store,
                              GBytes             *bytes,
                              const char         *name,
                              MgImportReport     *report,
                              GError            **error);
gboolean mg_import_w3c_file  (MgAnnotationStore  *store,
                              GFile              *file,
                              GCancellable       *cancellable,
                              MgImportReport     *report,
                              GError            **error);

G_END_DECLS
