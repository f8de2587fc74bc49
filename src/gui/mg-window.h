/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "mg-application.h"

G_BEGIN_DECLS

#define MG_TYPE_WINDOW (mg_window_get_type ())
G_DECLARE_FINAL_TYPE (MgWindow, mg_window, MG, WINDOW, AdwApplicationWindow)

MgWindow *mg_window_new              (MgApplication *application);
/* Opens @file in this window, replacing what it shows. Errors are shown
 * in the window. */
void      mg_window_open_file        (MgWindow      *self,
                                      GFile         *file);
gboolean  mg_window_has_document     (MgWindow      *self);
void      mg_window_show_preferences (MgWindow      *self);

G_END_DECLS
