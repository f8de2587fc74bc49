/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "mg-anchor.h"
#include "mg-annotation-private.h"
#include "mg-dismissal-private.h"
#include "mg-tag-private.h"
#include "mg-sidecar.h"

G_BEGIN_DECLS

/* What a sidecar file holds, as read: shared by the reader, the writer
 * and MgSidecar. */
typedef struct
{
  GPtrArray  *problems;        /* MgSidecarProblem */
  int         code;            /* MgSidecarError of the first fatal problem, -1 when none */
  gint64      version;
  guint       newer : 1;

  /* "document" as read; strings NULL when absent. */
  char       *doc_name;
  char       *doc_sha256;
  char       *doc_encoding;
  char       *doc_title;
  char       *doc_text;
  gint64      doc_length;      /* -1 when absent */

  JsonObject *extra;           /* unknown top-level members, in order */
  JsonObject *doc_extra;       /* unknown "document" members, in order */

  MgTagSet   *tags;            /* NULL when the file has no "tags" */
  GPtrArray  *annotations;     /* MgAnnotation, in file order */
  GPtrArray  *dismissed;       /* MgDismissal, in file order, no two alike */
} MgSidecarContent;

MgSidecarContent *_mg_sidecar_content_new   (void);
void              _mg_sidecar_content_free  (MgSidecarContent *content);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (MgSidecarContent, _mg_sidecar_content_free)

/* Reads @data (need not be NUL-terminated), finding every problem, each
 * placed at its line and column and named after @file_name. With
 * @check_document, quotes that no longer match it at their offsets, and a
 * sha256 that differs from it, are reported as MG_SIDECAR_PROBLEM_REANCHOR. */
MgSidecarContent *_mg_sidecar_content_parse (const char       *data,
                                             gsize             length,
                                             const char       *file_name,
                                             MgDocument       *check_document);

/* Adds a problem (line and column unknown) and returns it. */
MgSidecarProblem *_mg_sidecar_content_add_problem (MgSidecarContent     *content,
                                                   MgSidecarProblemKind  kind,
                                                   int                   code,
                                                   const char           *file_name,
                                                   const char           *member,
                                                   const char           *message);

/* TRUE when [start, end) lies within @document and holds @quote. */
gboolean          _mg_sidecar_quote_matches (MgDocument       *document,
                                             guint             start,
                                             guint             end,
                                             const char       *quote);

/* The deterministic bytes of a sidecar: @document (nullable; else the
 * "document" members of @read), @tags, @annotations and @dismissed (any
 * order; sorted here; nullable) plus the unknown members of @read
 * (nullable). With @embed_text, document.text is written (from @document,
 * else as read). */
GBytes           *_mg_sidecar_write         (MgSidecarContent *read,
                                            MgDocument       *document,
                                            gboolean          document_from_text,
                                            gboolean          embed_text,
                                            MgTagSet         *tags,
                                            GListModel       *annotations,
                                            GListModel       *dismissed);

/* What _mg_sidecar_write() would write now (same arguments), for
 * _mg_sidecar_snapshot_write(). With @copy it is copied, so that the bytes
 * may be made in another thread while the objects it was taken from
 * change: it shares nothing with them. Without, it borrows views of them
 * and is written at once. */
typedef struct _MgSidecarSnapshot MgSidecarSnapshot;

MgSidecarSnapshot *_mg_sidecar_snapshot_new (MgSidecarContent *read,
                                             MgDocument       *document,
                                             gboolean          document_from_text,
                                             gboolean          embed_text,
                                             MgTagSet         *tags,
                                             GListModel       *annotations,
                                             GListModel       *dismissed,
                                             gboolean          copy);
GBytes           *_mg_sidecar_snapshot_write (MgSidecarSnapshot *snapshot);
void              _mg_sidecar_snapshot_free  (MgSidecarSnapshot *snapshot);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (MgSidecarSnapshot, _mg_sidecar_snapshot_free)

/* For tests: while held, asynchronous saves wait in their thread before
 * they serialise what they copied (mg_sidecar_save_async). */
void              _mg_sidecar_hold_async_saves (gboolean hold);

/* The lock file of mg_sidecar_lock_acquire(); NULL when not local. */
char             *_mg_sidecar_lock_path     (GFile            *sidecar);

/* Replaces the unknown members @self writes back (top-level and in
 * "document") by those @from read. */
void              _mg_sidecar_adopt_unknown_members (MgSidecar   *self,
                                                     MgSidecar   *from);

/* SHA-256 of the bytes @self last read from its file or wrote to it (by
 * a save or an asynchronous save), or NULL: a file holding them holds
 * nothing made elsewhere, even when the store has changed since — by
 * re-anchoring on load as much as by editing. */
const char       *_mg_sidecar_get_file_checksum (MgSidecar *self);
/* The bytes a save has just written, while it marks the store clean
 * (from a handler of the store's notify::dirty), or NULL: the store holds
 * what they say, and _mg_sidecar_get_file_checksum () is theirs. */
GBytes           *_mg_sidecar_get_saved_bytes   (MgSidecar *self);
/* The bytes the last load read, when it kept them
 * (mg_sidecar_set_keep_read_bytes) and no save or merge
 * (_mg_sidecar_set_file_checksum) has replaced what the file holds since,
 * or NULL; the sidecar lets go of them. _mg_sidecar_get_file_checksum ()
 * is theirs; the store holds what they say, re-anchored on the document
 * as a load of them would be, and any change made since. */
GBytes           *_mg_sidecar_take_read_bytes   (MgSidecar *self);
/* After bytes read from the file were merged into the store
 * (mg_sidecar_sync_merge_bytes): they are what @self last read. */
void              _mg_sidecar_set_file_checksum (MgSidecar  *self,
                                                 const char *sum);

/* The file's name for messages. */
char             *_mg_sidecar_display_name  (GFile            *file);

/* Reads @file whole, refusing more than MG_SIDECAR_MAX_SIZE bytes without
 * reading further. NULL with @out_missing set when there is no file, else
 * with @out_code (MgSidecarError) and a message for people. */
GBytes           *_mg_sidecar_read_file     (GFile            *file,
                                            GCancellable     *cancellable,
                                            gboolean         *out_missing,
                                            int              *out_code,
                                            char            **out_message);

/* Replaces @file by @bytes atomically (temporary file in the same folder,
 * fsync, rename); MG_SIDECAR_ERROR_WRITE leaves the old file as it was. */
gboolean          _mg_sidecar_write_file    (GFile            *file,
                                            GBytes           *bytes,
                                            GCancellable     *cancellable,
                                            GError          **error);

/* The outcome of reading a sidecar, before it is put into effect. */
typedef struct
{
  gboolean          missing;        /* no file: not an error */
  int               read_code;      /* MgSidecarError when unreadable, else -1 */
  char             *read_message;
  MgSidecarContent *content;        /* NULL when missing or unreadable */
  MgDocument       *text_document;  /* made from document.text when no document was given */
  MgAnchorReport    counts;
  gboolean          reanchored;
  char             *sum;            /* SHA-256 of the bytes read, NULL when none were */
  GBytes           *bytes;          /* the bytes read, with their sum only */
} MgSidecarLoaded;

void              _mg_sidecar_loaded_free       (MgSidecarLoaded *loaded);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (MgSidecarLoaded, _mg_sidecar_loaded_free)

/* Read, parse and re-anchor on @document (nullable); safe in any thread.
 * The bytes' SHA-256 is in ->sum, and the bytes in ->bytes, when
 * @checksum. */
MgSidecarLoaded  *_mg_sidecar_loaded_from_file  (GFile           *file,
                                                MgDocument      *document,
                                                gboolean         checksum,
                                                GCancellable    *cancellable);
MgSidecarLoaded  *_mg_sidecar_loaded_from_bytes (GFile           *file,
                                                 MgDocument      *document,
                                                 GBytes          *bytes,
                                                 gboolean         checksum);

G_END_DECLS
