/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "mg-annotation-store.h"
#include "mg-document.h"

G_BEGIN_DECLS

#define MG_SIDECAR_FORMAT   "marginalia-annotations"
#define MG_SIDECAR_VERSION  1
#define MG_SIDECAR_SUFFIX   ".marginalia.json"
/* Larger files are refused with MG_SIDECAR_ERROR_TOO_LARGE. */
#define MG_SIDECAR_MAX_SIZE (64 * 1024 * 1024)

#define MG_SIDECAR_ERROR (mg_sidecar_error_quark ())
GQuark mg_sidecar_error_quark (void);

typedef enum
{
  MG_SIDECAR_ERROR_READ,           /* cannot read the file */
  MG_SIDECAR_ERROR_PARSE,          /* not JSON */
  MG_SIDECAR_ERROR_NOT_MARGINALIA, /* JSON, but "format" missing or wrong */
  MG_SIDECAR_ERROR_INVALID,        /* breaks a rule of sidecar-format.md */
  MG_SIDECAR_ERROR_NEWER_VERSION,  /* loaded read-only; refuses to write */
  MG_SIDECAR_ERROR_TOO_LARGE,
  MG_SIDECAR_ERROR_BROKEN,         /* refusing to overwrite a file that failed to load */
  MG_SIDECAR_ERROR_WRITE,
  MG_SIDECAR_ERROR_LOCKED,         /* another program is changing the file */
} MgSidecarError;

/* What a problem means for the file. */
typedef enum
{
  MG_SIDECAR_PROBLEM_ERROR,          /* the file is invalid (or unreadable) */
  MG_SIDECAR_PROBLEM_NEWER_VERSION,  /* readable, but never written */
  MG_SIDECAR_PROBLEM_REANCHOR,       /* valid, but a quote no longer matches
                                      * the text: it needs re-anchoring */
  MG_SIDECAR_PROBLEM_WARNING,        /* valid: something the reader set right
                                      * (the next save writes it corrected) */
} MgSidecarProblemKind;

/* One problem found when reading a sidecar. line/column are 1-based
 * (column in characters), 0 when unknown; member is a JSON path such as
 * "annotations[3].start" (NULL for the whole file). */
typedef struct
{
  char *file;
  guint line;
  guint column;
  char *member;
  char *message;
  MgSidecarProblemKind kind;
} MgSidecarProblem;

void   mg_sidecar_problem_free     (MgSidecarProblem *problem);
/* "FILE:LINE:COLUMN: message" as the CLI's validate prints it. */
char  *mg_sidecar_problem_to_string (const MgSidecarProblem *problem);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (MgSidecarProblem, mg_sidecar_problem_free)

#define MG_TYPE_SIDECAR (mg_sidecar_get_type ())
G_DECLARE_FINAL_TYPE (MgSidecar, mg_sidecar, MG, SIDECAR, GObject)

/* <document>.marginalia.json beside @document. */
GFile             *mg_sidecar_default_file       (GFile             *document);
/* The speech of the sidecar @sidecar_file: its name without
 * ".marginalia.json", beside it (whether or not it exists); NULL when the
 * name does not end so or nothing is left before the suffix. */
GFile             *mg_sidecar_document_file      (GFile             *sidecar_file);
/* What opening @file shows: for a sidecar whose speech is beside it, that
 * speech; otherwise @file itself (a speech, or a shared annotations file
 * carrying its text). A new reference. Does blocking I/O. */
GFile             *mg_sidecar_resolve_open       (GFile             *file,
                                                  GCancellable      *cancellable);

/* A sidecar for @file, bound to @document (nullable when the speech is
 * missing and the sidecar embeds its text). Holds an empty store with the
 * default tags until loaded. */
MgSidecar         *mg_sidecar_new                (GFile             *file,
                                                  MgDocument        *document);
/* Whether loads and saves record the SHA-256 of the bytes read or written,
 * by which a sidecar kept in step with its file (MgSidecarSync) knows its
 * own; TRUE until turned off. A program that reads a file once and ends
 * turns it off: hashing an 11 MB file is a tenth of an export. Set it
 * before loading. */
void               mg_sidecar_set_file_checksums (MgSidecar         *self,
                                                  gboolean           enabled);
/* Whether a load keeps the bytes it read (with their checksum, so only
 * with mg_sidecar_set_file_checksums on) for the MgSidecarSync made on
 * the sidecar next to take as what the file holds, instead of
 * serialising the store again; FALSE until turned on. The window turns it
 * on for the speech it opens. Set it before loading. */
void               mg_sidecar_set_keep_read_bytes (MgSidecar        *self,
                                                   gboolean          keep);
GFile             *mg_sidecar_get_file           (MgSidecar         *self);
/* A new store after each successful load and after start_afresh (the
 * "store" property notifies); get it again then. */
MgAnnotationStore *mg_sidecar_get_store          (MgSidecar         *self);
/* The document given, else the one made from document.text when loaded. */
MgDocument        *mg_sidecar_get_document       (MgSidecar         *self);

/* Reads the file. A missing file is not an error: the store stays empty
 * (default tags). On failure the sidecar is marked broken (nothing will
 * overwrite the file), @error names the file and, for JSON, line and
 * column, and mg_sidecar_get_problems() lists every problem found.
 * When the document's sha256 differs from the file's, or a quote no longer
 * matches at its offsets, the annotations are re-anchored in memory
 * (mg_anchor) and counted in the report; nothing is dropped. */
gboolean           mg_sidecar_load               (MgSidecar         *self,
                                                  GCancellable      *cancellable,
                                                  GError           **error);
/* mg_sidecar_load with the reading, parsing and re-anchoring done in a
 * worker thread (large files take a while); the store is filled when
 * finishing, in the caller's thread. */
void               mg_sidecar_load_async         (MgSidecar         *self,
                                                  GCancellable      *cancellable,
                                                  GAsyncReadyCallback callback,
                                                  gpointer           user_data);
gboolean           mg_sidecar_load_finish        (MgSidecar         *self,
                                                  GAsyncResult      *result,
                                                  GError           **error);
/* Parses @bytes as if read from the file (for tests and imports). */
gboolean           mg_sidecar_load_bytes         (MgSidecar         *self,
                                                  GBytes            *bytes,
                                                  GError           **error);
GPtrArray         *mg_sidecar_get_problems       (MgSidecar         *self); /* of MgSidecarProblem, transfer none */
gboolean           mg_sidecar_get_exists         (MgSidecar         *self);
gboolean           mg_sidecar_get_broken         (MgSidecar         *self);
/* A newer version: readable, never written. */
gboolean           mg_sidecar_get_read_only      (MgSidecar         *self);
/* The document text embedded in the file (document.text), or NULL. */
const char        *mg_sidecar_get_embedded_text  (MgSidecar         *self);
/* The document members as read (nullable): for a sidecar opened without
 * its speech. */
const char        *mg_sidecar_get_document_name  (MgSidecar         *self);
const char        *mg_sidecar_get_document_sha256 (MgSidecar        *self);
/* document.length as read; -1 when absent. */
gint64             mg_sidecar_get_document_length (MgSidecar        *self);
/* Counts from re-anchoring at load: exact, moved, fuzzy, orphaned. */
void               mg_sidecar_get_anchor_counts  (MgSidecar         *self,
                                                  guint             *exact,
                                                  guint             *moved,
                                                  guint             *fuzzy,
                                                  guint             *orphaned);
/* TRUE when the load re-anchored something (the file no longer matches
 * what a save would write). */
gboolean           mg_sidecar_get_reanchored     (MgSidecar         *self);

/* TRUE when the "document" members read (name, sha256, length, encoding,
 * title) differ from those a save would write for the bound speech: the
 * speech was renamed, or saved in another encoding or with other line
 * ends (which change neither its text nor its hash). */
gboolean           mg_sidecar_get_document_outdated (MgSidecar      *self);

/* Whether save writes document.text (a self-contained file to share). */
void               mg_sidecar_set_embed_text     (MgSidecar         *self,
                                                  gboolean           embed);

/* The deterministic bytes a save would write. */
GBytes            *mg_sidecar_serialize          (MgSidecar         *self);
/* Atomic replace (temporary file, fsync, rename). Refuses when broken or
 * read-only (MG_SIDECAR_ERROR_BROKEN / _NEWER_VERSION). Marks the store
 * clean on success. */
gboolean           mg_sidecar_save               (MgSidecar         *self,
                                                  GCancellable      *cancellable,
                                                  GError           **error);
/* Undoes a save whose outcome could not be reported: writes @previous
 * (the bytes the file held before) back atomically, or removes the file
 * when @previous is NULL (there was none). The store is left as it is. */
gboolean           mg_sidecar_put_back           (MgSidecar         *self,
                                                  GBytes            *previous,
                                                  GError           **error);
/* mg_sidecar_save with the writing (temporary file, fsync, rename) done in
 * a worker thread: the store is serialised when called, in the caller's
 * thread, and may change meanwhile. Finishing marks the store clean only
 * when it did not change since; a save not finished yet must be finished
 * before the next one starts, so that the files land in order. */
void               mg_sidecar_save_async         (MgSidecar         *self,
                                                  GCancellable      *cancellable,
                                                  GAsyncReadyCallback callback,
                                                  gpointer           user_data);
gboolean           mg_sidecar_save_finish        (MgSidecar         *self,
                                                  GAsyncResult      *result,
                                                  GError           **error);
/* Writes to another file (export of the native format, "Share…"); does not
 * change the bound file or the dirty state. */
gboolean           mg_sidecar_save_as            (MgSidecar         *self,
                                                  GFile             *file,
                                                  GCancellable      *cancellable,
                                                  GError           **error);
/* For a broken sidecar: moves the file aside as FILE.broken-<time>, then
 * starts an empty store. @out_moved_to receives the new name. */
gboolean           mg_sidecar_start_afresh       (MgSidecar         *self,
                                                  GFile            **out_moved_to,
                                                  GError           **error);

/* Validates @file without loading it into a store: every problem, not only
 * the first (the CLI's validate). With @document, also reports quotes that
 * no longer match their offsets (as needing re-anchoring). Returns the
 * problems (empty when valid; a problem of kind MG_SIDECAR_PROBLEM_ERROR
 * makes the file invalid, the other kinds do not); @out_newer set when the
 * version is newer (also listed, as MG_SIDECAR_PROBLEM_NEWER_VERSION). */
GPtrArray         *mg_sidecar_validate_file      (GFile             *file,
                                                  MgDocument        *document,
                                                  gboolean          *out_newer);

G_END_DECLS
