/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Marginalia"
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <unistd.h>

#include "mg-application.h"
#include "mg-window.h"

static MgApplication *app;

static void
iterate (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static void
test_window_empty (void)
{
  MgWindow *window = mg_window_new (app);

  gtk_window_present (GTK_WINDOW (window));
  iterate ();

  g_assert_false (mg_window_has_document (window));

  gtk_window_destroy (GTK_WINDOW (window));
  iterate ();
}

static void
test_window_open (void)
{
  MgWindow *window = mg_window_new (app);
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  int fd;

  fd = g_file_open_tmp ("marginalia-XXXXXX.txt", &path, &error);
  g_assert_no_error (error);
  close (fd);
  g_file_set_contents (path, "A speech.\n\nIts second paragraph.\n", -1, &error);
  g_assert_no_error (error);
  file = g_file_new_for_path (path);

  gtk_window_present (GTK_WINDOW (window));
  mg_window_open_file (window, file);
  iterate ();
  g_assert_true (mg_window_has_document (window));

  gtk_window_destroy (GTK_WINDOW (window));
  iterate ();
  g_unlink (path);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int ret;

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  app = mg_application_new ();
  g_application_set_flags (G_APPLICATION (app),
                           G_APPLICATION_HANDLES_OPEN | G_APPLICATION_NON_UNIQUE);
  if (!g_application_register (G_APPLICATION (app), NULL, &error))
    g_error ("Could not register the application: %s", error->message);

  g_test_add_func ("/window/empty", test_window_empty);
  g_test_add_func ("/window/open", test_window_open);

  ret = g_test_run ();

  g_clear_object (&app);
  return ret;
}
