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
/* Runs the main loop until @window is mapped, allocated and on a monitor
 * of the display, where a popover of it can be placed (Xvfb reports a new
 * window's place some time after it is presented, later under load). */
void           mg_gui_test_wait_on_monitor (GtkWindow *window);
/* Presents @window and waits until it is on a monitor, as above, and has
 * the focus: every window a test opens itself. */
void           mg_gui_test_present      (GtkWindow  *window);
/* When a test waiting for something gives up: not a budget it must meet
 * (the machine may be loaded) but a hang to report, a minute from now. */
gint64         mg_gui_test_deadline     (void);
/* Runs the main loop until @done (@data) holds, without a time budget
 * (only a hang, a minute, gives up); what @done says then. */
gboolean       mg_gui_test_wait_for     (gboolean  (*done) (gpointer data),
                                         gpointer    data);
/* Runs the main loop until @widget's frame clock has ticked @n_frames
 * times: laid out and drawn that often, however slowly. */
void           mg_gui_test_wait_frames  (GtkWidget  *widget,
                                         guint       n_frames);
/* Runs the main loop until @done (@data) holds or the vertical scrolling
 * of @widget (a GtkScrollable) has come to rest, counted in frames rather
 * than time; what @done says then. */
gboolean       mg_gui_test_wait_scrolled (GtkWidget  *widget,
                                          gboolean  (*done) (gpointer data),
                                          gpointer    data);
/* Copies the fixture tests/data/@name (it may name a folder below data,
 * "suggest/speech.txt") into @dir, keeping its base name; the copy. */
GFile         *mg_gui_test_copy_fixture (const char    *dir,
                                         const char    *name);
/* Runs the main loop until @window has finished loading what it opens. */
void           mg_gui_test_wait_loaded  (MgWindow      *window);
/* A new folder for a test's files, named after @prefix ("marginalia-gui"
 * makes /tmp/marginalia-gui-XXXXXX); remove it with
 * mg_gui_test_remove_dir(). */
char          *mg_gui_test_make_dir     (const char    *prefix);
/* A new window of @app (@width × @height when both are positive),
 * presented as above: the fixture every GUI test starts from. */
MgWindow      *mg_gui_test_open_window  (MgApplication *app,
                                         int            width,
                                         int            height);
/* Closes @window as a reader would (its last save runs), then runs what
 * that left pending. */
void           mg_gui_test_close_window (MgWindow      *window);
/* Removes the files in @path and the folders below it, then @path. */
void           mg_gui_test_remove_dir   (const char *path);

/* The offset in characters of @needle in @text, which must hold it. */
guint          mg_gui_test_offset_of    (const char *text,
                                         const char *needle);

/* The last open toplevel of @type, NULL when none. */
GtkWindow     *mg_gui_test_find_toplevel (GType       type);
/* The first widget of @type under @root (itself included), in tree order;
 * with @label, the first preferences row of that title. */
GtkWidget     *mg_gui_test_find_widget  (GtkWidget  *root,
                                         GType       type,
                                         const char *label);

G_END_DECLS
