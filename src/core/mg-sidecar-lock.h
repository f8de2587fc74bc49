/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* An advisory lock for changing a sidecar: whoever reads a sidecar to
 * change it and write it back (a CLI command, the window's save) holds the
 * lock from before the reading until after the writing, so that two
 * writers at the same moment cannot lose each other's changes.
 *
 * The lock is flock(2) on a lock file beside the sidecar (the target of a
 * symbolic link): ".NAME.lock", removed again when the lock is released.
 * Waits up to MG_SIDECAR_LOCK_TIMEOUT_MS (the environment variable
 * MARGINALIA_LOCK_TIMEOUT overrides it, in seconds), then fails with
 * MG_SIDECAR_ERROR_LOCKED. Where no lock file can be made (a folder that
 * is not writable, a file that is not local) nothing is locked: nothing
 * can be written there either. */

#define MG_SIDECAR_LOCK_TIMEOUT_MS 10000

typedef struct _MgSidecarLock MgSidecarLock;

MgSidecarLock *mg_sidecar_lock_acquire (GFile          *sidecar,
                                        GError        **error);
/* Releases the lock and removes its file; NULL is ignored. */
void           mg_sidecar_lock_release (MgSidecarLock  *lock);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MgSidecarLock, mg_sidecar_lock_release)

G_END_DECLS
