/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Marginalia"
#include "config.h"

#include <glib/gi18n.h>

#include "mg-window.h"

struct _MgWindow
{
  AdwApplicationWindow  parent_instance;

  /* Template widgets */
  AdwWindowTitle       *window_title;
  AdwToastOverlay      *toast_overlay;
  GtkStack             *stack;
  GtkTextView          *text_view;

  GFile                *file;
  GtkFileChooserNative *chooser;
};

G_DEFINE_FINAL_TYPE (MgWindow, mg_window, ADW_TYPE_APPLICATION_WINDOW)

static void
show_error (MgWindow   *self,
            const char *heading,
            const char *body)
{
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, body);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

void
mg_window_open_file (MgWindow *self,
                     GFile    *file)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *name = NULL;
  gsize length = 0;

  g_return_if_fail (MG_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  name = g_file_get_basename (file);
  if (!g_file_load_contents (file, NULL, &contents, &length, NULL, &error) ||
      !g_utf8_validate (contents, length, NULL))
    {
      g_autofree char *heading = g_strdup_printf (_("Could not open “%s”"), name);

      show_error (self, heading, error ? error->message : _("The file is not UTF-8 text."));
      return;
    }

  g_set_object (&self->file, file);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->text_view), contents, length);
  adw_window_title_set_subtitle (self->window_title, name);
  gtk_stack_set_visible_child_name (self->stack, "document");
}

gboolean
mg_window_has_document (MgWindow *self)
{
  g_return_val_if_fail (MG_IS_WINDOW (self), FALSE);

  return self->file != NULL;
}

void
mg_window_show_preferences (MgWindow *self)
{
  g_return_if_fail (MG_IS_WINDOW (self));
}

static void
chooser_response (GtkNativeDialog *dialog,
                  int              response,
                  MgWindow        *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));

      mg_window_open_file (self, file);
    }
  g_clear_object (&self->chooser);
}

static void
open_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  MgWindow *self = MG_WINDOW (widget);

  if (self->chooser != NULL)
    return;
  self->chooser = gtk_file_chooser_native_new (_("Open a Speech"), GTK_WINDOW (self),
                                               GTK_FILE_CHOOSER_ACTION_OPEN,
                                               _("_Open"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  g_signal_connect (self->chooser, "response", G_CALLBACK (chooser_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
mg_window_dispose (GObject *object)
{
  MgWindow *self = MG_WINDOW (object);

  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  g_clear_object (&self->file);

  gtk_widget_dispose_template (GTK_WIDGET (self), MG_TYPE_WINDOW);

  G_OBJECT_CLASS (mg_window_parent_class)->dispose (object);
}

static void
mg_window_class_init (MgWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mg_window_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/org/marginalia/Marginalia/mg-window.ui");
  gtk_widget_class_bind_template_child (widget_class, MgWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, MgWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, MgWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, MgWindow, text_view);

  gtk_widget_class_install_action (widget_class, "win.open", NULL, open_action);
}

static void
mg_window_init (MgWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

MgWindow *
mg_window_new (MgApplication *application)
{
  return g_object_new (MG_TYPE_WINDOW, "application", application, NULL);
}
