/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "mg-merge.h"
#include "mg-sidecar.h"

G_BEGIN_DECLS

#define MG_TYPE_SIDECAR_SYNC (mg_sidecar_sync_get_type ())
G_DECLARE_FINAL_TYPE (MgSidecarSync, mg_sidecar_sync, MG, SIDECAR_SYNC, GObject)

/* Keeps an open sidecar in step with its file when something else (another
 * window, a sync tool) writes it: the file's new content is merged into the
 * open store instead of being overwritten by the next save, and no
 * annotation from either side is lost.
 *
 * It remembers what is on disk as far as this program knows — the
 * annotations and the bytes last loaded or saved (it follows the store's
 * "dirty" state: each time the store becomes clean, its content is what
 * the file holds). With that base, an annotation changed only on disk
 * takes the disk's version, one changed only here keeps ours, one changed
 * on both sides is kept twice (mg_merge_annotations), one deleted here and
 * untouched on disk stays deleted; new annotations from disk are added.
 * The tag set merges the same way by id (see merge_tags), and members this
 * program does not know are taken from the file. */

MgSidecarSync *mg_sidecar_sync_new        (MgSidecar     *sidecar);
MgSidecar     *mg_sidecar_sync_get_sidecar (MgSidecarSync *self);

/* Records the store's current content as what the file holds (done by
 * itself when the store becomes clean). */
void           mg_sidecar_sync_mark_synced (MgSidecarSync *self);

/* TRUE when @bytes are what this program last read or wrote. */
gboolean       mg_sidecar_sync_is_known   (MgSidecarSync *self,
                                           GBytes        *bytes);

/* Merges @bytes (the file's new content) into the store as one undoable
 * step. FALSE with @error (naming the file) when they cannot be read; the
 * store is then unchanged. *@out_save_needed (nullable) tells whether the
 * file lacks something the store now holds, so that a save should follow
 * (mg_sidecar_sync_save); bytes already known change nothing. */
gboolean       mg_sidecar_sync_merge_bytes (MgSidecarSync *self,
                                            GBytes        *bytes,
                                            MgMergeReport *report,
                                            gboolean      *out_save_needed,
                                            GError       **error);

/* Locks the file (mg_sidecar_lock_acquire), merges what it holds when
 * another program changed it (mg_sidecar_reload_merge), mg_sidecar_save(),
 * then records the result as what the file holds. A file that cannot be
 * read or merged is not overwritten (FALSE with @error). */
gboolean       mg_sidecar_sync_save       (MgSidecarSync *self,
                                           GCancellable  *cancellable,
                                           GError       **error);

/* mg_sidecar_sync_save with the file written in a worker thread
 * (mg_sidecar_save_async); the lock is held until it is in place. */
void           mg_sidecar_sync_save_async  (MgSidecarSync       *self,
                                            GCancellable        *cancellable,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data);
gboolean       mg_sidecar_sync_save_finish (MgSidecarSync       *self,
                                            GAsyncResult        *result,
                                            GError             **error);
/* Reads the file and merges it (see above). A file that no longer exists
 * changes nothing (the next save writes it again). */
gboolean       mg_sidecar_reload_merge    (MgSidecarSync *self,
                                           GCancellable  *cancellable,
                                           MgMergeReport *report,
                                           gboolean      *out_save_needed,
                                           GError       **error);

G_END_DECLS
