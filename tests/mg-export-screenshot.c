/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Marginalia"
#include "config.h"

/* Renders the export dialog (or, with MG_SCREENSHOT_DIALOG=tidy, the Tidy
 * Speech dialog) over a speech with annotations to a PNG, for
 * data/screenshots/export-dialog.png:
 *
 *   mg-export-screenshot SPEECH OUT.png [QUOTE=TAG[*][@AUTHOR]]…
 *
 * TAG is the tag's position from 1 (0: a plain highlight); "*" stars the
 * annotation. MG_EXPORT_FORMAT (md, pdf, …) picks the format shown.
 * MG_LOCALEDIR, when set, is where the translations are read
 * from (e.g. the build's po/). Give it a copy of the speech: the
 * annotations are saved beside it, as in the program. */

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <adwaita.h>
#include <glib/gi18n.h>

#include "gui-test-util.h"
#include "mg-application.h"
#include "mg-document-view.h"
#include "mg-window-export.h"
#include "mg-window-tidy.h"
#include "screenshot-annotate.h"
#include "widget-texture.h"

static void
wait_ms (guint ms)
{
  gint64 end = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < end)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (2000);
    }
}

static gboolean
save_widget (GtkWidget  *widget,
             const char *path)
{
  g_autoptr(GdkTexture) texture = widget_texture (widget);

  if (texture == NULL)
    return FALSE;
  return gdk_texture_save_to_png (texture, path);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(MgApplication) app = NULL;
  g_autoptr(GFile) file = NULL;
  const char *localedir = g_getenv ("MG_LOCALEDIR");
  MgExportDialog *dialog;
  MgWindow *window;
  MgDocumentView *view;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  if (argc < 3)
    {
      fprintf (stderr, "Usage: %s SPEECH OUT.png [QUOTE=TAG[*][@AUTHOR]]…\n", argv[0]);
      return 2;
    }

  gtk_init ();
  adw_init ();
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_LIGHT);
  app = mg_application_new ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  if (!g_application_register (G_APPLICATION (app), NULL, NULL))
    return 1;

  window = mg_window_new (app);
  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 760);
  /* On a monitor and focused, so that popovers can be placed and the
   * window is drawn as the one in front. */
  mg_gui_test_present (GTK_WINDOW (window));
  file = g_file_new_for_commandline_arg (argv[1]);
  mg_window_open_file (window, file);
  while (mg_window_is_loading (window))
    g_main_context_iteration (NULL, TRUE);
  if (!mg_window_has_document (window))
    return 1;

  view = MG_DOCUMENT_VIEW (mg_window_get_document_view (window));
  for (int i = 3; i < argc; i++)
    {
      g_auto(GStrv) parts = g_strsplit (argv[i], "=", 2);
      const char *text = mg_document_get_text (mg_annotation_store_get_document (mg_window_get_store (window)));
      const char *found, *author;
      guint start;

      if (g_strv_length (parts) != 2 || (found = strstr (text, parts[0])) == NULL)
        {
          fprintf (stderr, "Not in the speech: %s\n", argv[i]);
          return 1;
        }
      author = strchr (parts[1], '@');
      start = (guint) g_utf8_pointer_to_offset (text, found);
      if (!mg_screenshot_annotate (window, start, start + (guint) g_utf8_strlen (parts[0], -1), atoi (parts[1]),
                                   strchr (parts[1], '*') != NULL, author != NULL ? author + 1 : NULL))
        return 1;
    }
  mg_document_view_clear_selection (view);
  mg_window_set_selected (window, NULL);

  /* MG_SCREENSHOT_DIALOG=tidy: the Tidy Speech dialog instead
   * (data/screenshots/tidy-dialog.png). */
  if (g_strcmp0 (g_getenv ("MG_SCREENSHOT_DIALOG"), "tidy") == 0)
    {
      MgTidyDialog *tidy = mg_window_show_tidy (window);

      if (tidy == NULL)
        return 1;
      wait_ms (3000);
      if (!save_widget (GTK_WIDGET (tidy), argv[2]))
        return 1;
      gtk_window_destroy (GTK_WINDOW (tidy));
      gtk_window_destroy (GTK_WINDOW (window));
      return 0;
    }

  gtk_widget_activate_action (GTK_WIDGET (window), "win.export", NULL);
  dialog = mg_window_get_export_dialog (window);
  if (dialog == NULL)
    return 1;
  /* MG_EXPORT_FORMAT=pdf and so on: the format to show. */
  if (g_getenv ("MG_EXPORT_FORMAT") != NULL)
    {
      MgExportFormat format;

      if (!mg_export_format_from_string (g_getenv ("MG_EXPORT_FORMAT"), &format, NULL))
        return 1;
      mg_export_dialog_set_format (dialog, format);
    }

  /* Let the preview come, the layout settle and the fonts load. */
  wait_ms (4000);
  if (!save_widget (GTK_WIDGET (dialog), argv[2]))
    return 1;

  gtk_window_destroy (GTK_WINDOW (dialog));
  gtk_window_destroy (GTK_WINDOW (window));
  return 0;
}
