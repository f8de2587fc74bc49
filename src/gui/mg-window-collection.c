/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Marginalia"
#include "config.h"

#include <glib/gi18n.h>

#include "mg-export-dialog.h"
#include "mg-study.h"
#include "mg-window-private.h"

/* A study in the window: a folder of speeches (MgCollection) opened in
 * one go, listed in the sidebar, one of them shown at a time. The shown
 * speech is the collection's own document, sidecar and store, so that
 * switching reads nothing again and loses nothing: the speech left is
 * saved, and its undo history stays with its store. */

#define STUDY_EXPORT_KEY "mg-study-export-dialog"

static void
speech_activated (MgWindow           *self,
                  MgCollectionSpeech *speech)
{
  mg_window_show_speech (self, speech);
  /* On a narrow window the sidebar covers the speech: out of the way. */
  if (adw_flap_get_folded (self->study_flap))
    adw_flap_set_reveal_flap (self->study_flap, FALSE);
}

static void
hit_activated (MgWindow        *self,
               MgCollectionHit *hit)
{
  mg_window_show_hit (self, hit);
  if (adw_flap_get_folded (self->study_flap))
    adw_flap_set_reveal_flap (self->study_flap, FALSE);
}

void
_mg_window_close_collection (MgWindow *self)
{
  if (self->collection == NULL)
    return;
  g_clear_object (&self->speech);
  g_clear_object (&self->collection);
  mg_study_sidebar_set_collection (self->study_sidebar, NULL);
  adw_flap_set_reveal_flap (self->study_flap, FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->study_sidebar), FALSE);
  gtk_widget_set_visible (self->sidebar_button, FALSE);
  {
    MgExportDialog *dialog = g_object_get_data (G_OBJECT (self), STUDY_EXPORT_KEY);

    if (dialog != NULL)
      gtk_window_destroy (GTK_WINDOW (dialog));
  }
  _mg_window_sync_state (self);
}

void
mg_window_show_speech (MgWindow           *self,
                       MgCollectionSpeech *speech)
{
  g_return_if_fail (MG_IS_WINDOW (self));
  g_return_if_fail (MG_IS_COLLECTION_SPEECH (speech));
  g_return_if_fail (self->collection != NULL);

  if (speech == self->speech && self->sidecar == mg_collection_speech_get_sidecar (speech))
    {
      mg_study_sidebar_set_speech (self->study_sidebar, speech);
      return;
    }
  g_set_object (&self->speech, speech);
  mg_study_sidebar_set_speech (self->study_sidebar, speech);
  _mg_window_show_loaded (self, mg_collection_speech_get_file (speech),
                         mg_collection_speech_get_document (speech),
                         mg_collection_speech_get_sidecar (speech),
                         mg_collection_speech_get_load_error (speech));
  /* Another program may have written its sidecar while another speech
   * was shown (a `git pull`): merged in now, as while it is shown. */
  if (!mg_collection_speech_get_read_only (speech))
    mg_study_check_disk (mg_study_get_for_window (self));
}

void
mg_window_show_hit (MgWindow        *self,
                    MgCollectionHit *hit)
{
  MgAnnotation *annotation;

  g_return_if_fail (MG_IS_WINDOW (self));
  g_return_if_fail (MG_IS_COLLECTION_HIT (hit));

  mg_window_show_speech (self, mg_collection_hit_get_speech (hit));
  annotation = mg_collection_hit_get_annotation (hit);
  /* Gone meanwhile (deleted, or the store was read again). */
  if (self->store == NULL || mg_annotation_store_index_of (self->store, annotation) < 0)
    return;
  mg_document_view_clear_selection (self->document_view);
  _mg_window_set_selected (self, annotation);
  if (!mg_annotation_is_orphaned (annotation))
    mg_document_view_reveal_annotation (self->document_view, annotation);
}

typedef struct
{
  MgWindow *window;
  GFile    *folder;
} OpenData;

static void
open_data_free (OpenData *data)
{
  g_object_unref (data->window);
  g_object_unref (data->folder);
  g_free (data);
}

static void
show_open_folder_error (MgWindow     *self,
                        GFile        *folder,
                        const GError *error)
{
  g_autofree char *name = g_file_get_basename (folder);
  g_autofree char *heading = g_strdup_printf (_("Could not open “%s”"), name);
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, error->message);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
folder_opened (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  OpenData *data = user_data;
  MgWindow *self = data->window;
  g_autoptr(GError) error = NULL;
  g_autoptr(MgCollection) collection = mg_collection_open_finish (result, &error);
  MgCollectionSpeech *speech = NULL;
  GPtrArray *problems;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      open_data_free (data);
      return;
    }
  _mg_window_end_loading (self);
  if (collection == NULL)
    {
      show_open_folder_error (self, data->folder, error);
      g_signal_emit_by_name (self, "loaded");
      open_data_free (data);
      return;
    }

  /* The speech shown stays shown when it is one of the study's. */
  if (self->file != NULL)
    speech = mg_collection_lookup (collection, self->file);
  if (speech == NULL)
    speech = mg_collection_get_speech (collection, 0);

  g_clear_object (&self->speech);
  g_set_object (&self->collection, collection);
  mg_study_sidebar_set_collection (self->study_sidebar, collection);
  gtk_widget_set_visible (GTK_WIDGET (self->study_sidebar), TRUE);
  gtk_widget_set_visible (self->sidebar_button, TRUE);
  adw_flap_set_reveal_flap (self->study_flap, TRUE);
  mg_window_show_speech (self, speech);

  {
    g_autofree char *uri = g_file_get_uri (data->folder);
    gtk_recent_manager_add_item (gtk_recent_manager_get_default (), uri);
  }

  problems = mg_collection_get_problems (collection);
  if (problems->len > 0)
    {
      g_autofree char *joined = NULL;
      g_autofree char *message = NULL;

      g_ptr_array_add (problems, NULL);
      joined = g_strjoinv ("; ", (char **) problems->pdata);
      g_ptr_array_remove_index (problems, problems->len - 1);
      message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                              "%u file left out of the study: %s",
                                              "%u files left out of the study: %s",
                                              problems->len),
                                 problems->len, joined);
      _mg_window_toast (self, message, FALSE);
    }
  open_data_free (data);
}

void
mg_window_open_folder (MgWindow *self,
                       GFile    *folder)
{
  OpenData *data;
  GCancellable *cancellable;

  g_return_if_fail (MG_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (folder));

  /* What is shown is saved before anything else happens. */
  mg_window_save (self, NULL);
  cancellable = _mg_window_begin_loading (self);
  data = g_new0 (OpenData, 1);
  data->window = g_object_ref (self);
  data->folder = g_object_ref (folder);
  mg_collection_open_async (folder, cancellable, folder_opened, data);
}

MgCollection *
mg_window_get_collection (MgWindow *self)
{
  g_return_val_if_fail (MG_IS_WINDOW (self), NULL);
  return self->collection;
}

MgCollectionSpeech *
mg_window_get_speech (MgWindow *self)
{
  g_return_val_if_fail (MG_IS_WINDOW (self), NULL);
  return self->speech;
}

GtkWidget *
mg_window_get_study_sidebar (MgWindow *self)
{
  g_return_val_if_fail (MG_IS_WINDOW (self), NULL);
  return GTK_WIDGET (self->study_sidebar);
}

static void
folder_chooser_response (GtkNativeDialog *dialog,
                         int              response,
                         MgWindow        *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) folder = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));

      /* As "Open…": a window showing something keeps it, the study gets
       * a window of its own. */
      if (mg_window_has_document (self))
        mg_application_open_file (MG_APPLICATION (gtk_window_get_application (GTK_WINDOW (self))), folder);
      else
        mg_window_open_folder (self, folder);
    }
  g_clear_object (&self->chooser);
}

static void
open_folder_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  MgWindow *self = MG_WINDOW (widget);

  if (self->chooser != NULL)
    return;
  self->chooser = gtk_file_chooser_native_new (_("Open a Folder of Speeches"), GTK_WINDOW (self),
                                               GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER,
                                               _("_Open"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  g_signal_connect (self->chooser, "response", G_CALLBACK (folder_chooser_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
study_export_exported (MgWindow *self,
                       GFile    *file)
{
  g_autofree char *name = g_file_get_basename (file);
  g_autofree char *title = g_strdup_printf (_("Exported to “%s”"), name);

  g_object_set_data_full (G_OBJECT (self), "mg-exported-file", g_object_ref (file), g_object_unref);
  _mg_window_toast (self, title, FALSE);
  adw_toast_set_button_label (self->toast, _("_Open"));
  adw_toast_set_action_name (self->toast, "win.open-export");
}

static void
study_export_destroyed (MgWindow *self)
{
  g_object_set_data (G_OBJECT (self), STUDY_EXPORT_KEY, NULL);
}

static void
export_study_action (GSimpleAction *action,
                     GVariant      *parameter,
                     gpointer       data)
{
  MgWindow *self = data;
  MgExportDialog *dialog = g_object_get_data (G_OBJECT (self), STUDY_EXPORT_KEY);

  if (self->collection == NULL)
    return;
  if (dialog == NULL)
    {
      dialog = mg_export_dialog_new_for_study (GTK_WINDOW (self), self->collection);
      g_object_set_data (G_OBJECT (self), STUDY_EXPORT_KEY, dialog);
      g_signal_connect_object (dialog, "exported", G_CALLBACK (study_export_exported), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (dialog, "destroy", G_CALLBACK (study_export_destroyed), self, G_CONNECT_SWAPPED);
    }
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
search_study_action (GSimpleAction *action,
                     GVariant      *parameter,
                     gpointer       data)
{
  MgWindow *self = data;

  if (self->collection == NULL)
    return;
  adw_flap_set_reveal_flap (self->study_flap, TRUE);
  mg_study_sidebar_focus_search (self->study_sidebar);
}

static void
toggle_study_sidebar_action (GSimpleAction *action,
                             GVariant      *parameter,
                             gpointer       data)
{
  MgWindow *self = data;

  if (self->collection != NULL)
    adw_flap_set_reveal_flap (self->study_flap, !adw_flap_get_reveal_flap (self->study_flap));
}

void
_mg_window_class_init_collection (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.open-folder", NULL, open_folder_action);
}

static const GActionEntry actions[] = {
  { "toggle-study-sidebar", toggle_study_sidebar_action, NULL, NULL, NULL, { 0 } },
  { "export-study", export_study_action, NULL, NULL, NULL, { 0 } },
  { "search-study", search_study_action, NULL, NULL, NULL, { 0 } },
};

static gboolean
study_ready (gpointer this,
             gboolean has_study,
             gboolean loading,
             gpointer data)
{
  return has_study && !loading;
}

void
_mg_window_init_collection (MgWindow *self)
{
  g_signal_connect_object (self->study_sidebar, "speech-activated",
                           G_CALLBACK (speech_activated), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->study_sidebar, "hit-activated",
                           G_CALLBACK (hit_activated), self, G_CONNECT_SWAPPED);

  /* The sidebar is there while a study is; exporting and searching it
   * wait for it to load. */
  _mg_window_add_actions (self, actions, G_N_ELEMENTS (actions));
  _mg_window_bind_enabled (self, "toggle-study-sidebar", "has-study");
  for (guint i = 1; i < G_N_ELEMENTS (actions); i++)
    _mg_window_bind_enabled_to (self, actions[i].name,
                                _mg_window_closure (G_CALLBACK (study_ready), NULL,
                                                    _mg_window_property ("has-study"),
                                                    _mg_window_property ("loading"), NULL));
}

gpointer
mg_window_get_study_export_dialog (MgWindow *self)
{
  g_return_val_if_fail (MG_IS_WINDOW (self), NULL);
  return g_object_get_data (G_OBJECT (self), STUDY_EXPORT_KEY);
}

AdwFlap *
mg_window_get_study_flap (MgWindow *self)
{
  g_return_val_if_fail (MG_IS_WINDOW (self), NULL);
  return self->study_flap;
}

GtkToggleButton *
mg_window_get_sidebar_button (MgWindow *self)
{
  g_return_val_if_fail (MG_IS_WINDOW (self), NULL);
  return GTK_TOGGLE_BUTTON (self->sidebar_button);
}

AdwWindowTitle *
mg_window_get_window_title (MgWindow *self)
{
  g_return_val_if_fail (MG_IS_WINDOW (self), NULL);
  return self->window_title;
}
