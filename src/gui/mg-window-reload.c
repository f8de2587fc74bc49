/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Marginalia"
#include "config.h"

#include <glib/gi18n.h>

#include "mg-window-private.h"

/* A speech that changes on disk while it is open: its file is watched, and
 * when it holds another text (mg_document_check_file) a bar offers to
 * reload it. Reloading saves the annotations first, then opens the speech
 * again, which re-anchors them on the new text and reports how they fared
 * in the anchoring bar, as opening an edited speech does. A speech removed
 * or renamed is said so; the text shown and its annotations stay.
 *
 * What a check finds is decided by reading the file (see mg-file-watch.h):
 * an event may tell of a write older than the text shown — the window's
 * own tidying, or the write just before a reload. */

#define CHECK_DELAY_MS 300

static void
show_bar (MgWindow       *self,
          GtkMessageType  type,
          const char     *text,
          gboolean        can_reload)
{
  gtk_label_set_text (self->reload_label, text);
  gtk_info_bar_set_message_type (self->reload_bar, type);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.reload-speech", can_reload);
  gtk_info_bar_set_revealed (self->reload_bar, TRUE);
}

static void
hide_bar (MgWindow *self)
{
  gtk_info_bar_set_revealed (self->reload_bar, FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.reload-speech", FALSE);
}

static void
check_file (MgWindow *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *sha256 = NULL;
  g_autofree char *name = NULL;
  g_autofree char *text = NULL;
  MgDocumentFileState state;

  if (self->document == NULL)
    return;
  /* The speech being opened again: looked at once it is shown. */
  if (self->loading)
    {
      mg_file_watch_queue (self->speech_watch);
      return;
    }

  state = mg_document_check_file (self->document, &sha256, NULL, &error);
  /* What was dismissed is not offered again; anything else is. */
  if (self->speech_dismissed && state == self->speech_state &&
      g_strcmp0 (sha256, self->speech_sha256) == 0)
    return;
  self->speech_dismissed = FALSE;
  self->speech_state = state;
  g_free (self->speech_sha256);
  self->speech_sha256 = g_steal_pointer (&sha256);

  name = g_file_get_basename (mg_document_get_file (self->document));
  switch (state)
    {
    case MG_DOCUMENT_FILE_CHANGED:
      text = g_strdup_printf (_("“%s” has been changed by another program. Reload it to read the new "
                                "text; the annotations are placed on it again."), name);
      show_bar (self, GTK_MESSAGE_QUESTION, text, TRUE);
      break;
    case MG_DOCUMENT_FILE_GONE:
      text = g_strdup_printf (_("“%s” is no longer on disk: it was deleted or renamed. Its text stays "
                                "open here and its annotations are still saved."), name);
      show_bar (self, GTK_MESSAGE_WARNING, text, FALSE);
      break;
    case MG_DOCUMENT_FILE_UNREADABLE:
      text = g_strdup_printf (_("“%s” has been changed by another program but cannot be read: %s. "
                                "Its text stays open here and its annotations are still saved."),
                              name, error->message);
      show_bar (self, GTK_MESSAGE_WARNING, text, FALSE);
      break;
    case MG_DOCUMENT_FILE_SAME:
    default:
      hide_bar (self);
      break;
    }
}

void
_mg_window_watch_speech (MgWindow *self)
{
  GFile *file;

  _mg_window_unwatch_speech (self);
  /* A shared annotations file carries its speech: nothing else to watch.
   * A study holds its speeches as it read them; it is opened again to
   * read them anew. */
  file = self->document != NULL ? mg_document_get_file (self->document) : NULL;
  if (file == NULL || self->collection != NULL)
    return;
  self->speech_watch = mg_file_watch_new (file, CHECK_DELAY_MS, (MgFileWatchFunc) check_file, self);
}

void
_mg_window_unwatch_speech (MgWindow *self)
{
  g_clear_pointer (&self->speech_watch, mg_file_watch_free);
  self->speech_state = MG_DOCUMENT_FILE_SAME;
  self->speech_dismissed = FALSE;
  g_clear_pointer (&self->speech_sha256, g_free);
  if (self->reload_bar != NULL)
    hide_bar (self);
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
  file = g_object_ref (mg_document_get_file (self->document));
  hide_bar (self);
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

/* Closing the bar keeps the text shown, until the file changes again. */
static void
reload_bar_response (MgWindow *self,
                     int       response)
{
  if (response != GTK_RESPONSE_CLOSE)
    return;
  self->speech_dismissed = TRUE;
  hide_bar (self);
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
