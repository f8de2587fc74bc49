/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define MG_TYPE_PREFERENCES_WINDOW (mg_preferences_window_get_type ())
G_DECLARE_FINAL_TYPE (MgPreferencesWindow, mg_preferences_window, MG, PREFERENCES_WINDOW, AdwPreferencesWindow)

GtkWidget *mg_preferences_window_new (GSettings *settings);

G_END_DECLS
