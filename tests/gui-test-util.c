/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>

#include "gui-test-util.h"

MgApplication *
mg_gui_test_init (int    *argc,
                  char ***argv,
                  char  **out_data_home)
{
  g_autoptr(GError) error = NULL;
  MgApplication *app;
  char *data_home;

  data_home = g_dir_make_tmp ("marginalia-gui-data-XXXXXX", &error);
  g_assert_no_error (error);
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);

  g_test_init (argc, argv, NULL);
  gtk_init ();
  adw_init ();

  app = mg_application_new ();
  g_application_set_flags (G_APPLICATION (app),
                           G_APPLICATION_HANDLES_OPEN | G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);

  *out_data_home = data_home;
  return app;
}

void
mg_gui_test_remove_dir (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir == NULL)
    return;
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        mg_gui_test_remove_dir (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

char *
mg_gui_test_make_dir (const char *prefix)
{
  g_autofree char *template = g_strconcat (prefix, "-XXXXXX", NULL);
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp (template, &error);

  g_assert_no_error (error);
  return dir;
}

MgWindow *
mg_gui_test_open_window (MgApplication *app,
                         int            width,
                         int            height)
{
  MgWindow *window = mg_window_new (app);

  if (width > 0 && height > 0)
    gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  mg_gui_test_present (GTK_WINDOW (window));
  return window;
}

void
mg_gui_test_close_window (MgWindow *window)
{
  gtk_window_close (GTK_WINDOW (window));
  mg_gui_test_iterate ();
}

void
mg_gui_test_finish (MgApplication *app,
                    const char    *data_home)
{
  g_clear_object (&app);
  mg_gui_test_remove_dir (data_home);
}

void
mg_gui_test_iterate (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

gint64
mg_gui_test_deadline (void)
{
  /* Not a budget to meet but a hang to report: far above what any
   * condition takes on a loaded machine. */
  return g_get_monotonic_time () + 60 * G_USEC_PER_SEC;
}

/* Mapped, allocated and on a monitor: what a test can rely on once a
 * window is presented. */
static gboolean
is_on_monitor (GtkWindow *window)
{
  GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (window));

  return surface != NULL && gdk_surface_get_mapped (surface) &&
         gtk_widget_get_mapped (GTK_WIDGET (window)) &&
         gtk_widget_get_width (GTK_WIDGET (window)) > 0 &&
         gdk_display_get_monitor_at_surface (gdk_surface_get_display (surface), surface) != NULL;
}

void
mg_gui_test_wait_on_monitor (GtkWindow *window)
{
  /* On a loaded machine Xvfb may take seconds to say where it is. */
  gint64 deadline = mg_gui_test_deadline ();

  while (!is_on_monitor (window) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  mg_gui_test_iterate ();
  g_assert_true (is_on_monitor (window));
}

void
mg_gui_test_present (GtkWindow *window)
{
  gint64 deadline = mg_gui_test_deadline ();

  gtk_window_present (window);
  mg_gui_test_wait_on_monitor (window);
  /* And focused: until then it is drawn as a window in the background
   * (another selection colour, no cursor). */
  while (!gtk_window_is_active (window) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  mg_gui_test_iterate ();
  g_assert_true (gtk_window_is_active (window));
}

gboolean
mg_gui_test_wait_for (gboolean (*done) (gpointer data),
                      gpointer   data)
{
  gint64 deadline = mg_gui_test_deadline ();

  while (!done (data) && g_get_monotonic_time () < deadline)
    {
      /* Blocking would miss a condition no source wakes us for (a file
       * written by another process): poll, gently. */
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (2000);
    }
  mg_gui_test_iterate ();
  return done (data);
}

typedef struct
{
  GtkAdjustment *adjustment;
  double         value;
  guint          ticks;
  guint          still;
} Ticks;

static gboolean
count_tick (GtkWidget     *widget,
            GdkFrameClock *clock,
            gpointer       data)
{
  Ticks *ticks = data;

  ticks->ticks++;
  if (ticks->adjustment != NULL)
    {
      double value = gtk_adjustment_get_value (ticks->adjustment);

      if (value != ticks->value)
        ticks->still = 0;
      else
        ticks->still++;
      ticks->value = value;
    }
  return G_SOURCE_CONTINUE;
}

void
mg_gui_test_wait_frames (GtkWidget *widget,
                         guint      n_frames)
{
  Ticks ticks = { NULL, 0, 0, 0 };
  gint64 deadline = mg_gui_test_deadline ();
  guint id = gtk_widget_add_tick_callback (widget, count_tick, &ticks, NULL);

  while (ticks.ticks < n_frames && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  gtk_widget_remove_tick_callback (widget, id);
  mg_gui_test_iterate ();
  g_assert_cmpuint (ticks.ticks, >=, n_frames);
}

gboolean
mg_gui_test_wait_scrolled (GtkWidget  *widget,
                           gboolean  (*done) (gpointer data),
                           gpointer    data)
{
  GtkAdjustment *adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (widget));
  Ticks ticks = { adjustment, gtk_adjustment_get_value (adjustment), 0, 0 };
  gint64 deadline = mg_gui_test_deadline ();
  guint id = gtk_widget_add_tick_callback (widget, count_tick, &ticks, NULL);

  /* Scrolling is animated, one step a frame, however late the frames
   * come: ten frames without a step and it is over. */
  while (!done (data) && ticks.still < 10 && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  gtk_widget_remove_tick_callback (widget, id);
  mg_gui_test_iterate ();
  return done (data);
}

GFile *
mg_gui_test_copy_fixture (const char *dir,
                          const char *name)
{
  g_autofree char *source = g_test_build_filename (G_TEST_DIST, "data", name, NULL);
  g_autofree char *base = g_path_get_basename (name);
  g_autofree char *path = g_build_filename (dir, base, NULL);
  g_autoptr(GFile) from = g_file_new_for_path (source);
  g_autoptr(GError) error = NULL;
  GFile *copy = g_file_new_for_path (path);

  g_file_copy (from, copy, G_FILE_COPY_OVERWRITE, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  return copy;
}

void
mg_gui_test_wait_loaded (MgWindow *window)
{
  while (mg_window_is_loading (window))
    g_main_context_iteration (NULL, TRUE);
  mg_gui_test_iterate ();
}

GtkWindow *
mg_gui_test_find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  GtkWindow *found = NULL;

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      GtkWindow *window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type))
        found = window;
      g_object_unref (window);
    }
  return found;
}

GtkWidget *
mg_gui_test_find_widget (GtkWidget  *root,
                         GType       type,
                         const char *label)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type))
    {
      const char *title = ADW_IS_PREFERENCES_ROW (root)
                          ? adw_preferences_row_get_title (ADW_PREFERENCES_ROW (root))
                          : NULL;

      if (label == NULL || g_strcmp0 (title, label) == 0)
        return root;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = mg_gui_test_find_widget (child, type, label);

      if (found != NULL)
        return found;
    }
  return NULL;
}

guint
mg_gui_test_offset_of (const char *text,
                       const char *needle)
{
  const char *hit = strstr (text, needle);

  g_assert_nonnull (hit);
  return (guint) g_utf8_pointer_to_offset (text, hit);
}
