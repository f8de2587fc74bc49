/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "mg-sidecar.h"

G_BEGIN_DECLS

/* A self-contained sidecar (document.text embedded), opened when the
 * speech itself is missing: the speech is made from the embedded text,
 * which must match the file's document.sha256. */

#define MG_SELF_CONTAINED_ERROR (mg_self_contained_error_quark ())
GQuark mg_self_contained_error_quark (void);

typedef enum
{
  MG_SELF_CONTAINED_ERROR_NO_TEXT,    /* the file does not embed its speech */
  MG_SELF_CONTAINED_ERROR_MISMATCH,   /* the embedded text does not match its sha256 */
  MG_SELF_CONTAINED_ERROR_EXISTS,     /* another file already has the speech's name */
} MgSelfContainedError;

/* Loads @file on its embedded text. The sidecar's document
 * (mg_sidecar_get_document) is the speech; its annotations are editable
 * and saved back to @file with the text still embedded. */
MgSidecar *mg_self_contained_open               (GFile        *file,
                                         GCancellable *cancellable,
                                         GError      **error);

/* Where the speech of @sidecar goes when saved beside it: its
 * document.name in the sidecar's folder, else the sidecar's name without
 * ".marginalia.json" (or with ".txt" added). */
GFile     *mg_self_contained_default_speech_file (MgSidecar   *sidecar);

/* Writes the speech (UTF-8) to @file atomically. An existing file is kept
 * when it already holds this text, and never overwritten otherwise
 * (MG_SELF_CONTAINED_ERROR_EXISTS). */
gboolean   mg_self_contained_save_speech        (MgSidecar    *sidecar,
                                         GFile        *file,
                                         GCancellable *cancellable,
                                         GError      **error);

/* Writes @sidecar to @file as a self-contained file (document.text
 * embedded), leaving @sidecar's own file and state as they were. */
gboolean   mg_self_contained_save_as            (MgSidecar    *sidecar,
                                         GFile        *file,
                                         GCancellable *cancellable,
                                         GError      **error);

G_END_DECLS
