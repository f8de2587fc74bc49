/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* A three-way merge of one speech's sidecars (`marginalia-cli merge3`, made
 * to be git's merge driver; see cli.md and docs/study-groups.md). It works
 * on the files alone — no speech is needed — and loses nothing:
 *
 *   annotations by id: added on either side, kept; deleted on one side and
 *   unchanged on the other, deleted; deleted on one side and changed on the
 *   other, kept with the change; changed on one side, that change; changed
 *   on both, member by member: each member from the side that changed it,
 *   tags both changed united, a note both changed joined (each text on its
 *   own line prefixed with its author, as `merge` joins notes), contributors
 *   united, `modified` the later; anything else both changed (the position)
 *   from OURS;
 *   tags by id, the same way (a lexicon both changed united), in the order
 *   of the side that reordered them; a tag an annotation still uses is
 *   never deleted;
 *   `dismissed` by its members (kind, start, end, quote): added on either
 *   side, kept; deleted on either side, deleted;
 *   `document` from the side whose sha256 differs from BASE (OURS when both
 *   or neither); unknown members by the same rule as annotations' members.
 *
 * @base may be NULL or empty: no common ancestor (git passes an empty file
 * when both branches added the sidecar); then everything is "added".
 * @names name the three inputs in messages. Returns the merged sidecar's
 * bytes, deterministic (the writer's order); NULL with
 * MG_SIDECAR_ERROR_* when an input is not a valid sidecar or is of a newer
 * version. */
GBytes *mg_merge3 (GBytes             *base,
                   GBytes             *ours,
                   GBytes             *theirs,
                   const char * const  names[3],
                   GError            **error);

/* Reads the three files, merges them and writes the merge over @ours
 * atomically; on any error (MG_SIDECAR_ERROR_*, _WRITE when writing
 * failed) @ours is as it was. */
gboolean mg_merge3_files (GFile   *base,
                          GFile   *ours,
                          GFile   *theirs,
                          GError **error);

G_END_DECLS
