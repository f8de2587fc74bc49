/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Marginalia"
#include "config.h"

#include <glib/gi18n.h>

#include "mg-application.h"
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
    {
      MgWindow *window = find_empty_window (self);

      if (window == NULL)
        window = mg_window_new (self);
      gtk_window_present (GTK_WINDOW (window));
      mg_window_open_file (window, files[i]);
    }
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

static const GActionEntry app_entries[] = {
  { "quit", quit_activated },
  { "about", about_activated },
  { "preferences", preferences_activated },
};

static void
mg_application_startup (GApplication *app)
{
  GtkApplication *gtk_app = GTK_APPLICATION (app);
  static const struct { const char *action; const char *accels[3]; } accels[] = {
    { "app.quit", { "<Control>q", NULL } },
    { "app.preferences", { "<Control>comma", NULL } },
    { "win.open", { "<Control>o", NULL } },
    { "win.close", { "<Control>w", NULL } },
    { "win.undo", { "<Control>z", NULL } },
    { "win.redo", { "<Control><Shift>z", "<Control>y", NULL } },
    { "win.find", { "<Control>f", NULL } },
    { "win.zoom-in", { "<Control>plus", "<Control>equal", NULL } },
    { "win.zoom-out", { "<Control>minus", NULL } },
    { "win.zoom-reset", { "<Control>0", NULL } },
    { "win.show-help-overlay", { "<Control>question", NULL } },
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
