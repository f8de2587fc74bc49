/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "mg-compare-window.h"
#include "mg-window.h"

G_BEGIN_DECLS

/* "Compare Speeches…" (win.compare): the comparison window offering the
 * open speech as the later one, and any other opened from it as the
 * earlier; a place asked for is shown in this window when it is the open
 * speech, else in the window showing that speech (opened if need be).
 * The comparison window shown, or NULL. */
MgCompareWindow *mg_window_get_compare_window    (MgWindow       *self);

G_END_DECLS
