/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "mg-window.h"

G_BEGIN_DECLS

/* How many recent speeches and studies the empty window offers. */
#define MG_WINDOW_N_RECENT 5

/* win.open-recent opens the URI of a speech, or of a study's folder (a
 * string). */
/* Lists the speeches and studies (folders, marked as such) this program
 * opened lately, newest first, under the buttons of the empty state's
 * @page, each opening its speech or study; nothing when there are none. */
void mg_window_recent_attach     (MgWindow       *self,
                                  AdwStatusPage  *page);

G_END_DECLS
