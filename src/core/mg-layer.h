/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "mg-annotation-store.h"
#include "mg-document.h"
#include "mg-sidecar.h"

G_BEGIN_DECLS

#define MG_LAYER_ERROR (mg_layer_error_quark ())
GQuark mg_layer_error_quark (void);

typedef enum
{
  MG_LAYER_ERROR_DIFFERENT_DOCUMENT,  /* the file annotates another speech */
} MgLayerError;

#define MG_TYPE_LAYER (mg_layer_get_type ())
G_DECLARE_FINAL_TYPE (MgLayer, mg_layer, MG, LAYER, GObject)

/* Another member's annotations of the open speech, read-only: a sidecar
 * loaded against the speech (and re-anchored on it when its sha256
 * differs), named after its author.
 *
 * A file whose sha256 differs is taken for a different document
 * altogether, and refused, when
 *   - the text it was made on (its document.length) and this speech differ
 *     in length by more than half: the shorter is less than half the
 *     longer; or
 *   - fewer than half of its annotations could be placed on this speech.
 * A file with the same sha256 is always accepted. A file of 20
 * annotations or more is refused before re-anchoring when fewer than one in
 * three of a sample of its quotes (with the four characters before each)
 * occur in the speech. A file of more than 200 annotations is then refused,
 * before the others are re-anchored, when fewer than one in three of 200
 * of its annotations spread evenly over it can be placed on the speech
 * (a file of which half can be placed passes that test with a wide
 * margin, and the rule of one in two decides).
 *
 * Properties: file, author, store (all read-only), visible. */

/* Loads @file against @document. Errors: MG_SIDECAR_ERROR (unreadable,
 * invalid) or MG_LAYER_ERROR_DIFFERENT_DOCUMENT, each naming the file. */
MgLayer           *mg_layer_load         (GFile        *file,
                                          MgDocument   *document,
                                          GCancellable *cancellable,
                                          GError      **error);
/* The rule above, for a sidecar loaded against @document. */
gboolean           mg_layer_check_document (MgSidecar  *sidecar,
                                            MgDocument *document,
                                            GError    **error);

GFile             *mg_layer_get_file     (MgLayer      *self);
MgSidecar         *mg_layer_get_sidecar  (MgLayer      *self);
MgAnnotationStore *mg_layer_get_store    (MgLayer      *self);
/* The author of most of its annotations; the file's name when it has none. */
const char        *mg_layer_get_author   (MgLayer      *self);
/* Whether the file was re-anchored on this speech (its sha256 differs). */
gboolean           mg_layer_get_reanchored (MgLayer    *self);
gboolean           mg_layer_get_visible  (MgLayer      *self);
void               mg_layer_set_visible  (MgLayer      *self,
                                          gboolean      visible);

G_END_DECLS
