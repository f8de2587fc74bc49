/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "mg-tidy-dialog.h"
#include "mg-window.h"

G_BEGIN_DECLS

/* "Tidy Speech…" (win.tidy): the dialog for the open speech, or NULL. */
MgTidyDialog *mg_window_show_tidy      (MgWindow  *self);
/* Tidies the open speech with the kinds in @kinds, rewrites its file and
 * sidecar, opens it again and offers Undo. */
gboolean      mg_window_tidy_apply     (MgWindow  *self,
                                        guint      kinds,
                                        GError   **error);
/* Puts back the speech and sidecar as they were before the last tidy
 * (win.tidy-undo), and opens the speech again. */
gboolean      mg_window_tidy_undo      (MgWindow  *self,
                                        GError   **error);

G_END_DECLS
