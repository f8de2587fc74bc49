/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Marginalia"
#include "config.h"

#include <glib/gi18n.h>

#include "mg-preferences-window.h"
#include "mg-annotation.h"

struct _MgPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  /* Template widgets */
  AdwEntryRow          *author_row;
  GtkSpinButton        *font_size_spin;

  GSettings            *settings;
};

G_DEFINE_FINAL_TYPE (MgPreferencesWindow, mg_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

static void
mg_preferences_window_dispose (GObject *object)
{
  MgPreferencesWindow *self = MG_PREFERENCES_WINDOW (object);

  g_clear_object (&self->settings);

  gtk_widget_dispose_template (GTK_WIDGET (self), MG_TYPE_PREFERENCES_WINDOW);

  G_OBJECT_CLASS (mg_preferences_window_parent_class)->dispose (object);
}

static void
mg_preferences_window_class_init (MgPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mg_preferences_window_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/org/marginalia/Marginalia/mg-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, MgPreferencesWindow, author_row);
  gtk_widget_class_bind_template_child (widget_class, MgPreferencesWindow, font_size_spin);
}

static void
mg_preferences_window_init (MgPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
mg_preferences_window_new (GSettings *settings)
{
  MgPreferencesWindow *self;
  g_autofree char *hint = NULL;

  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  self = g_object_new (MG_TYPE_PREFERENCES_WINDOW, NULL);
  self->settings = g_object_ref (settings);

  /* Translators: the title of the author entry, with the name used when it
   * is left empty. */
  hint = g_strdup_printf (_("Author Name (empty: %s)"), mg_annotation_default_author ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->author_row), hint);
  g_settings_bind (settings, "author-name", self->author_row, "text", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "font-size", self->font_size_spin, "value", G_SETTINGS_BIND_DEFAULT);

  return GTK_WIDGET (self);
}
