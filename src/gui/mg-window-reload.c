/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Marginalia"
#include "config.h"

#include <glib/gi18n.h>

#include "mg-window-private.h"

/* A speech that changes on disk while it is open: its file is watched, and
 * when it holds another text (mg_document_file_changed) a bar offers to
 * reload it. Reloading saves the annotations first, then opens the speech
 * again, which re-anchors them on the new text and reports how they fared
 * in the anchoring bar, as opening an edited speech does. */

/* Writers often replace a file in several steps: the text is read once
 * they have settled. */
#define CHECK_DELAY_MS 300

static gboolean
check_timeout (gpointer data)
{
  MgWindow *self = data;
  g_autofree char *name = NULL;
  g_autofree char *text = NULL;

  self->speech_check_id = 0;
  if (self->document == NULL || self->loading ||
      !mg_document_file_changed (self->document, NULL))
    return G_SOURCE_REMOVE;

  name = g_file_get_basename (mg_document_get_file (self->document));
  text = g_strdup_printf (_("“%s” has been changed by another program. Reload it to read the new "
                            "text; the annotations are placed on it again."), name);
  gtk_label_set_text (self->reload_label, text);
  gtk_info_bar_set_revealed (self->reload_bar, TRUE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.reload-speech", TRUE);
  return G_SOURCE_REMOVE;
}

static void
monitor_changed (GFileMonitor      *monitor,
                 GFile             *file,
                 GFile             *other,
                 GFileMonitorEvent  event,
                 MgWindow          *self)
{
  switch (event)
    {
    case G_FILE_MONITOR_EVENT_CHANGES_DONE_HINT:
    case G_FILE_MONITOR_EVENT_CREATED:
    case G_FILE_MONITOR_EVENT_RENAMED:
    case G_FILE_MONITOR_EVENT_MOVED_IN:
    case G_FILE_MONITOR_EVENT_CHANGED:
      g_clear_handle_id (&self->speech_check_id, g_source_remove);
      self->speech_check_id = g_timeout_add (CHECK_DELAY_MS, check_timeout, self);
      break;
    case G_FILE_MONITOR_EVENT_DELETED:
    case G_FILE_MONITOR_EVENT_ATTRIBUTE_CHANGED:
    case G_FILE_MONITOR_EVENT_PRE_UNMOUNT:
    case G_FILE_MONITOR_EVENT_UNMOUNTED:
    case G_FILE_MONITOR_EVENT_MOVED:
    case G_FILE_MONITOR_EVENT_MOVED_OUT:
    default:
      break;
    }
}

void
_mg_window_watch_speech (MgWindow *self)
{
  GFile *file;

  _mg_window_unwatch_speech (self);
  /* A shared annotations file carries its speech: nothing else to watch. */
  file = self->document != NULL ? mg_document_get_file (self->document) : NULL;
  if (file == NULL)
    return;
  self->speech_monitor = g_file_monitor_file (file, G_FILE_MONITOR_WATCH_MOVES, NULL, NULL);
  if (self->speech_monitor != NULL)
    g_signal_connect (self->speech_monitor, "changed", G_CALLBACK (monitor_changed), self);
}

void
_mg_window_unwatch_speech (MgWindow *self)
{
  g_clear_handle_id (&self->speech_check_id, g_source_remove);
  if (self->speech_monitor != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->speech_monitor, self);
      g_file_monitor_cancel (self->speech_monitor);
    }
  g_clear_object (&self->speech_monitor);
  if (self->reload_bar != NULL)
    gtk_info_bar_set_revealed (self->reload_bar, FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.reload-speech", FALSE);
}

gboolean
mg_window_reload_speech (MgWindow  *self,
                         GError   **error)
{
  g_autoptr(GFile) file = NULL;

  g_return_val_if_fail (MG_IS_WINDOW (self), FALSE);

  if (self->document == NULL || mg_document_get_file (self->document) == NULL)
    return TRUE;
  /* Annotations made since the speech changed go into the sidecar first:
   * opening it again then carries them to the new text with the others. */
  if (!mg_window_save (self, error))
    return FALSE;
  file = g_object_ref (self->file);
  gtk_info_bar_set_revealed (self->reload_bar, FALSE);
  mg_window_open_file (self, file);
  return TRUE;
}

static void
reload_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  MgWindow *self = MG_WINDOW (widget);
  g_autoptr(GError) error = NULL;

  if (!mg_window_reload_speech (self, &error))
    _mg_window_toast (self, error->message, FALSE);
}

static void
reload_bar_response (MgWindow *self,
                     int       response)
{
  if (response == GTK_RESPONSE_CLOSE)
    gtk_info_bar_set_revealed (self->reload_bar, FALSE);
}

GtkInfoBar *
mg_window_get_reload_bar (MgWindow *self)
{
  g_return_val_if_fail (MG_IS_WINDOW (self), NULL);
  return self->reload_bar;
}

GtkLabel *
mg_window_get_reload_label (MgWindow *self)
{
  g_return_val_if_fail (MG_IS_WINDOW (self), NULL);
  return self->reload_label;
}

void
_mg_window_class_init_reload (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.reload-speech", NULL, reload_action);
  gtk_widget_class_bind_template_child (widget_class, MgWindow, reload_bar);
  gtk_widget_class_bind_template_child (widget_class, MgWindow, reload_label);
  gtk_widget_class_bind_template_callback (widget_class, reload_bar_response);
}
