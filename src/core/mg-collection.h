/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* A folder of speeches, as the command line and the window open it (see
 * "Several speeches" in docs/cli.md): its *.txt files and every file a
 * sidecar (NAME.marginalia.json) lies beside. Not recursive; folders,
 * sidecars and files that are not regular files are left out. */

/* The speeches' file names (not paths), sorted by name (byte order, so the
 * order is the same in every locale). An empty folder gives an empty
 * array; an unreadable one an error. */
GPtrArray *mg_collection_list_folder (GFile        *folder,
                                      GCancellable *cancellable,
                                      GError      **error);

G_END_DECLS
