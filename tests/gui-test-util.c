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

void
mg_gui_test_wait_on_monitor (GtkWindow *window)
{
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  GdkSurface *surface = NULL;

  while (g_get_monotonic_time () < deadline)
    {
      surface = gtk_native_get_surface (GTK_NATIVE (window));
      if (surface != NULL && gdk_surface_get_mapped (surface) &&
          gdk_display_get_monitor_at_surface (gdk_surface_get_display (surface), surface) != NULL)
        break;
      g_main_context_iteration (NULL, TRUE);
    }
  mg_gui_test_iterate ();
  g_assert_nonnull (surface);
  g_assert_nonnull (gdk_display_get_monitor_at_surface (gdk_surface_get_display (surface), surface));
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
