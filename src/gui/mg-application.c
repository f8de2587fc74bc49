/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Marginalia"
#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "mg-application.h"
#include "mg-sidecar.h"
#include "mg-window.h"

struct _MgApplication
{
  AdwApplication  parent_instance;

  GSettings      *settings;
};

G_DEFINE_FINAL_TYPE (MgApplication, mg_application, ADW_TYPE_APPLICATION)

static MgWindow *
find_empty_window (MgApplication *self)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l; l = l->next)
    if (MG_IS_WINDOW (l->data) && !mg_window_has_document (MG_WINDOW (l->data)))
      return MG_WINDOW (l->data);
  return NULL;
}

/* The window showing @file, as its speech or as one of its study's
 * speeches, or @file as its study. */
static MgWindow *
find_window_for_file (MgApplication *self,
                      GFile         *file)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l; l = l->next)
    {
      MgCollection *collection;
      GFile *shown;

      if (!MG_IS_WINDOW (l->data))
        continue;
      shown = mg_window_get_file (MG_WINDOW (l->data));
      if (shown != NULL && g_file_equal (shown, file))
        return MG_WINDOW (l->data);
      collection = mg_window_get_collection (MG_WINDOW (l->data));
      if (collection != NULL && (g_file_equal (mg_collection_get_folder (collection), file) ||
                                 mg_collection_lookup (collection, file) != NULL))
        return MG_WINDOW (l->data);
    }
  return NULL;
}

void
mg_application_open_file (MgApplication *self,
                          GFile         *file)
{
  g_autoptr(GFile) shown = NULL;
  MgWindow *window;

  g_return_if_fail (MG_IS_APPLICATION (self));
  g_return_if_fail (G_IS_FILE (file));

  /* A sidecar whose speech is open already presents that window. */
  shown = mg_sidecar_resolve_open (file, NULL);
  window = find_window_for_file (self, shown);
  if (window != NULL)
    {
      MgCollection *collection = mg_window_get_collection (window);
      MgCollectionSpeech *speech = collection != NULL ? mg_collection_lookup (collection, file) : NULL;

      if (speech != NULL)
        mg_window_show_speech (window, speech);
      gtk_window_present (GTK_WINDOW (window));
      return;
    }

  window = find_empty_window (self);
  if (window == NULL)
    window = mg_window_new (self);
  gtk_window_present (GTK_WINDOW (window));
  mg_window_open_file (window, file);
}

GFile *
mg_application_dup_sample_file (GError **error)
{
  static const char *name = "sample-zh.txt";
  g_autofree char *dir = g_build_filename (g_get_user_data_dir (), "marginalia", NULL);
  g_autofree char *copy_path = g_build_filename (dir, name, NULL);
  g_autofree char *installed = g_build_filename (PKGDATADIR, "samples", name, NULL);
  g_autofree char *source = g_build_filename (SOURCE_SAMPLES_DIR, name, NULL);
  g_autoptr(GFile) copy = g_file_new_for_path (copy_path);
  g_autoptr(GFile) original = NULL;

  if (g_file_test (copy_path, G_FILE_TEST_IS_REGULAR))
    return g_steal_pointer (&copy);

  if (g_file_test (installed, G_FILE_TEST_IS_REGULAR))
    original = g_file_new_for_path (installed);
  else if (g_file_test (source, G_FILE_TEST_IS_REGULAR))
    original = g_file_new_for_path (source);
  else
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   _("The sample speech is not installed (looked for “%s”)"), installed);
      return NULL;
    }

  /* The installed copy is read-only: its annotations could not be saved
   * beside it. */
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("Could not create “%s”: %s"), dir, g_strerror (saved_errno));
      return NULL;
    }
  if (!g_file_copy (original, copy, G_FILE_COPY_NONE, NULL, NULL, NULL, error))
    return NULL;
  return g_steal_pointer (&copy);
}

static void
mg_application_activate (GApplication *app)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  if (window == NULL)
    window = GTK_WINDOW (mg_window_new (MG_APPLICATION (app)));
  gtk_window_present (window);
}

static void
mg_application_open (GApplication  *app,
                     GFile        **files,
                     int            n_files,
                     const char    *hint)
{
  MgApplication *self = MG_APPLICATION (app);

  for (int i = 0; i < n_files; i++)
    mg_application_open_file (self, files[i]);
}

static void
quit_activated (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  GApplication *app = G_APPLICATION (user_data);
  GList *windows = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (app)));

  /* Closing each window runs its final save. */
  for (GList *l = windows; l; l = l->next)
    gtk_window_close (GTK_WINDOW (l->data));
  g_list_free (windows);
}

static void
about_activated (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  GtkApplication *app = GTK_APPLICATION (user_data);
  static const char *developers[] = { "The Marginalia authors", NULL };
  GtkWidget *about;

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", gtk_application_get_active_window (app),
                        "modal", TRUE,
                        "application-icon", APPLICATION_ID,
                        "application-name", _("Marginalia"),
                        "developer-name", _("The Marginalia authors"),
                        "version", PACKAGE_VERSION,
                        "comments", _("Annotate speeches: highlight, tag and note the passages that matter, and share the annotations with your study group."),
                        "license-type", GTK_LICENSE_GPL_3_0,
                        "developers", developers,
                        "translator-credits", _("translator-credits"),
                        NULL);
  gtk_window_present (GTK_WINDOW (about));
}

static void
preferences_activated (GSimpleAction *action,
                       GVariant      *parameter,
                       gpointer       user_data)
{
  GtkApplication *app = GTK_APPLICATION (user_data);
  GtkWindow *window = gtk_application_get_active_window (app);

  if (MG_IS_WINDOW (window))
    mg_window_show_preferences (MG_WINDOW (window));
}

GFile *
mg_application_dup_help_file (GError **error)
{
  g_autofree char *installed = g_build_filename (PKGDATADIR, "help", "index.html", NULL);
  g_autofree char *source = g_build_filename (SOURCE_HELP_DIR, "index.html", NULL);

  if (g_file_test (installed, G_FILE_TEST_IS_REGULAR))
    return g_file_new_for_path (installed);
  if (g_file_test (source, G_FILE_TEST_IS_REGULAR))
    return g_file_new_for_path (source);
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
               _("The help is not installed (looked for “%s”)"), installed);
  return NULL;
}

static void
help_activated (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  GtkApplication *app = GTK_APPLICATION (user_data);
  GtkWindow *window = gtk_application_get_active_window (app);
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = mg_application_dup_help_file (&error);
  g_autofree char *uri = NULL;

  if (file == NULL)
    {
      GtkWidget *dialog = adw_message_dialog_new (window, _("No Help"), error->message);

      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
      gtk_window_present (GTK_WINDOW (dialog));
      return;
    }
  uri = g_file_get_uri (file);
  gtk_show_uri (window, uri, GDK_CURRENT_TIME);
}

static const GActionEntry app_entries[] = {
  { "help", help_activated },
  { "quit", quit_activated },
  { "about", about_activated },
  { "preferences", preferences_activated },
};

static void
mg_application_startup (GApplication *app)
{
  GtkApplication *gtk_app = GTK_APPLICATION (app);
  static const struct { const char *action; const char *accels[4]; } accels[] = {
    { "app.quit", { "<Control>q", NULL } },
    { "app.help", { "F1", NULL } },
    { "app.preferences", { "<Control>comma", NULL } },
    { "win.open", { "<Control>o", NULL } },
    { "win.open-folder", { "<Control><Shift>o", NULL } },
    { "win.search-study", { "<Control><Shift>f", NULL } },
    { "win.toggle-study-sidebar", { "F9", NULL } },
    { "window.close", { "<Control>w", NULL } },
    { "win.undo", { "<Control>z", NULL } },
    { "win.redo", { "<Control><Shift>z", "<Control>y", NULL } },
    { "win.find", { "<Control>f", NULL } },
    { "win.export", { "<Control>e", NULL } },
    { "win.copy-quotes", { "<Control><Shift>c", NULL } },
    { "win.print", { "<Control>p", NULL } },
    { "win.zoom-in", { "<Control>plus", "<Control>equal", "<Control>KP_Add" } },
    { "win.zoom-out", { "<Control>minus", "<Control>KP_Subtract", NULL } },
    { "win.zoom-reset", { "<Control>0", "<Control>KP_0", NULL } },
    { "win.show-help-overlay", { "<Control>question", NULL } },
    { "win.find-next", { "<Control>g", NULL } },
    { "win.find-previous", { "<Control><Shift>g", NULL } },
    { "win.show-suggestions", { "F7", NULL } },
    { "win.next-suggestion", { "F8", NULL } },
    { "win.previous-suggestion", { "<Shift>F8", NULL } },
  };

  G_APPLICATION_CLASS (mg_application_parent_class)->startup (app);

  g_action_map_add_action_entries (G_ACTION_MAP (app), app_entries,
                                   G_N_ELEMENTS (app_entries), app);
  for (guint i = 0; i < G_N_ELEMENTS (accels); i++)
    gtk_application_set_accels_for_action (gtk_app, accels[i].action, accels[i].accels);
}

static void
mg_application_dispose (GObject *object)
{
  MgApplication *self = MG_APPLICATION (object);

  g_clear_object (&self->settings);

  G_OBJECT_CLASS (mg_application_parent_class)->dispose (object);
}

static void
mg_application_class_init (MgApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = mg_application_dispose;

  app_class->activate = mg_application_activate;
  app_class->open = mg_application_open;
  app_class->startup = mg_application_startup;
}

static void
mg_application_init (MgApplication *self)
{
  self->settings = g_settings_new (APPLICATION_ID);
}

MgApplication *
mg_application_new (void)
{
  return g_object_new (MG_TYPE_APPLICATION,
                       "application-id", APPLICATION_ID,
                       "flags", G_APPLICATION_HANDLES_OPEN,
                       "resource-base-path", "/org/marginalia/Marginalia",
                       NULL);
}

/**
 * mg_application_get_settings:
 *
 * Returns: (transfer none): the application's settings.
 */
GSettings *
mg_application_get_settings (MgApplication *self)
{
  g_return_val_if_fail (MG_IS_APPLICATION (self), NULL);

  return self->settings;
}
