/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "mg-statistics-window.h"
#include "mg-window.h"

G_BEGIN_DECLS

/* "Statistics" (win.statistics): the Statistics view of the open speech,
 * following its annotations; a click on a mark of its strip selects the
 * annotation and shows its passage. The view shown, or NULL. */
MgStatisticsWindow *mg_window_get_statistics_window (MgWindow       *self);

G_END_DECLS
