/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define MG_TYPE_APPLICATION (mg_application_get_type ())
G_DECLARE_FINAL_TYPE (MgApplication, mg_application, MG, APPLICATION, AdwApplication)

MgApplication *mg_application_new          (void);
GSettings     *mg_application_get_settings (MgApplication *self);
/* Shows @file: the window that already has it, else an empty window, else
 * a new one. */
void           mg_application_open_file    (MgApplication *self,
                                            GFile         *file);
/* The sample speech, copied on first use into the user's data directory
 * (beside it go its annotations). */
GFile         *mg_application_dup_sample_file (GError    **error);
/* The user guide app.help (F1) opens: the installed page, else the one in
 * the source tree (an uninstalled build); NULL with @error when neither is
 * there. */
GFile         *mg_application_dup_help_file   (GError    **error);

G_END_DECLS
