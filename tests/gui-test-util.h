/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "mg-application.h"
#include "mg-window.h"

G_BEGIN_DECLS

/* Starts a GUI test program: a private XDG_DATA_HOME (recent files and the
 * copied sample stay out of the user's; set before GLib reads it), GTest,
 * GTK, libadwaita, and a registered MgApplication that handles files and is
 * not unique. @out_data_home receives the data directory, for
 * mg_gui_test_finish(). G_TEST_OPTION_ISOLATE_DIRS is not used: it would
 * also hide the system data directories, and with them the MIME database
 * and the icon theme. */
MgApplication *mg_gui_test_init         (int         *argc,
                                         char      ***argv,
                                         char       **out_data_home);
/* Drops @app and removes @data_home with what the program left in it. */
void           mg_gui_test_finish       (MgApplication *app,
                                         const char    *data_home);
/* Runs the default main context until nothing is pending. */
void           mg_gui_test_iterate      (void);
/* Runs the main loop until @window is mapped on a monitor of the display,
 * where a popover of it can be placed (Xvfb reports a new window's place
 * some time after it is presented). */
void           mg_gui_test_wait_on_monitor (GtkWindow *window);
/* Copies the fixture tests/data/@name (it may name a folder below data,
 * "suggest/speech.txt") into @dir, keeping its base name; the copy. */
GFile         *mg_gui_test_copy_fixture (const char    *dir,
                                         const char    *name);
/* Runs the main loop until @window has finished loading what it opens. */
void           mg_gui_test_wait_loaded  (MgWindow      *window);
/* Removes the files in @path, then @path (one level, as tests make them). */
void           mg_gui_test_remove_dir   (const char *path);

/* The last open toplevel of @type, NULL when none. */
GtkWindow     *mg_gui_test_find_toplevel (GType       type);
/* The first widget of @type under @root (itself included), in tree order;
 * with @label, the first preferences row of that title. */
GtkWidget     *mg_gui_test_find_widget  (GtkWidget  *root,
                                         GType       type,
                                         const char *label);

G_END_DECLS
