/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Marginalia"
#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "mg-preferences-window.h"
#include "mg-self-contained.h"
#include "mg-sidecar-sync.h"
#include "mg-study.h"
#include "mg-window-compare.h"
#include "mg-window-export.h"
#include "mg-window-recent.h"
#include "mg-window-statistics.h"
#include "mg-window-tidy.h"
#include "mg-window-private.h"

#define AUTOSAVE_DELAY_MS 1000

G_DEFINE_FINAL_TYPE (MgWindow, mg_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  LOADED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static GParamSpec *properties[MG_WINDOW_N_PROPS];

typedef struct
{
  GFile      *file;
  MgDocument *document;
  MgSidecar  *sidecar;
  GError     *sidecar_error;
} LoadData;

static void
load_data_free (LoadData *data)
{
  g_clear_object (&data->file);
  g_clear_object (&data->document);
  g_clear_object (&data->sidecar);
  g_clear_error (&data->sidecar_error);
  g_free (data);
}

static void
update_title (MgWindow *self)
{
  g_autofree char *subtitle = NULL;
  g_autofree char *folder_name = NULL;
  const char *title;
  const char *name;
  const char *state = NULL;

  if (self->document == NULL)
    {
      adw_window_title_set_title (self->window_title, _("Marginalia"));
      adw_window_title_set_subtitle (self->window_title, NULL);
      gtk_window_set_title (GTK_WINDOW (self), _("Marginalia"));
      return;
    }

  name = mg_document_get_name (self->document);
  if (self->collection != NULL)
    name = folder_name = g_build_filename (mg_collection_get_title (self->collection), name, NULL);
  title = mg_document_get_title (self->document);
  if (title == NULL || *title == '\0')
    title = name;

  switch (self->save_state)
    {
    case MG_SAVE_STATE_SAVED:
      state = mg_sidecar_get_exists (self->sidecar) ? _("Saved") : _("No annotations yet");
      break;
    case MG_SAVE_STATE_UNSAVED:
      state = _("Unsaved changes");
      break;
    case MG_SAVE_STATE_FAILED:
      state = _("Saving failed");
      break;
    case MG_SAVE_STATE_READ_ONLY:
      state = _("Read-only");
      break;
    case MG_SAVE_STATE_NONE:
    default:
      break;
    }

  /* Translators: the subtitle of the window: file name — save state. */
  subtitle = state ? g_strdup_printf (_("%s — %s"), name, state) : g_strdup (name);
  adw_window_title_set_title (self->window_title, title);
  adw_window_title_set_subtitle (self->window_title, subtitle);
  gtk_window_set_title (GTK_WINDOW (self), title);
}

static void
set_save_state (MgWindow    *self,
                MgSaveState  state)
{
  self->save_state = state;
  update_title (self);
}

static void
toast_dismissed (AdwToast *toast,
                 MgWindow *self)
{
  if (self->toast == toast)
    self->toast = NULL;
}

void
_mg_window_show_message (MgWindow   *self,
                        const char *heading,
                        const char *body)
{
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, body);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "close");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "close");
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Room for a toast's title: the overlay's width less the toast's margins,
 * padding and close button (libadwaita 1.2 cuts a longer title). */
#define TOAST_CHROME_PX 180

static gboolean
fits_in_toast (MgWindow   *self,
               const char *title)
{
  g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (GTK_WIDGET (self->toast_overlay), title);
  int width = gtk_widget_get_width (GTK_WIDGET (self->toast_overlay));
  int text_width;

  if (width <= 0)
    width = gtk_widget_get_width (GTK_WIDGET (self));
  if (width <= 0)
    return TRUE;
  pango_layout_get_pixel_size (layout, &text_width, NULL);
  return text_width <= width - TOAST_CHROME_PX;
}

/* "Heading: details" split at its first colon (ASCII or full-width). */
static void
show_long_message (MgWindow   *self,
                   const char *message)
{
  const char *ascii = strstr (message, ": ");
  const char *wide = strstr (message, "：");
  const char *colon = ascii && (!wide || ascii < wide) ? ascii : wide;
  g_autofree char *heading = NULL;

  if (colon != NULL && colon != message)
    {
      const char *body = colon + (colon == ascii ? 2 : strlen ("："));

      heading = g_strndup (message, colon - message);
      _mg_window_show_message (self, heading, body);
    }
  else
    _mg_window_show_message (self, message, NULL);
}

void
_mg_window_toast (MgWindow   *self,
                 const char *title,
                 gboolean    offer_undo)
{
  AdwToast *toast = self->toast;

  /* A message too long for a toast would be cut: a dialog shows it all.
   * (A toast that offers undo stays one: undoing is its point.) */
  if (!offer_undo && !fits_in_toast (self, title))
    {
      show_long_message (self, title);
      return;
    }

  /* The toast on screen is reused rather than another queued behind it:
   * only the latest change can be undone from a toast anyway. (Dismissing
   * it for a new one races with its hide animation in libadwaita 1.2.) */
  if (toast == NULL)
    {
      toast = adw_toast_new (title);
      adw_toast_set_timeout (toast, 5);
      self->toast = toast;
      g_signal_connect_object (toast, "dismissed", G_CALLBACK (toast_dismissed), self, 0);
      adw_toast_overlay_add_toast (self->toast_overlay, toast);
    }
  else
    adw_toast_set_title (toast, title);

  adw_toast_set_button_label (toast, offer_undo ? _("_Undo") : NULL);
  adw_toast_set_action_name (toast, offer_undo ? "win.undo" : NULL);
}

/* The outcome of a save: the subtitle, and one toast per distinct
 * failure (the subtitle keeps showing it). */
static void
show_save_result (MgWindow *self,
                  GError   *error)
{
  if (error != NULL)
    {
      g_autofree char *message = g_strdup_printf (_("Could not save the annotations: %s"),
                                                  error->message);
      gboolean already_failed = self->save_state == MG_SAVE_STATE_FAILED &&
                                g_strcmp0 (self->save_error, error->message) == 0;

      g_free (self->save_error);
      self->save_error = g_strdup (error->message);
      set_save_state (self, MG_SAVE_STATE_FAILED);
      if (!already_failed)
        _mg_window_toast (self, message, FALSE);
      return;
    }

  g_clear_pointer (&self->save_error, g_free);
  /* Changes made while the file was written wait for the next save. */
  set_save_state (self, self->store != NULL && mg_annotation_store_get_dirty (self->store)
                        ? MG_SAVE_STATE_UNSAVED : MG_SAVE_STATE_SAVED);
}

/* Waits for an autosave in progress to land, so that a later save does
 * not race it to the file. */
static void
wait_for_autosave (MgWindow *self)
{
  while (self->saving)
    g_main_context_iteration (NULL, TRUE);
}

gboolean
mg_window_save (MgWindow  *self,
                GError   **error)
{
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (MG_IS_WINDOW (self), FALSE);

  g_clear_handle_id (&self->save_id, g_source_remove);
  wait_for_autosave (self);

  if (self->sidecar == NULL || !_mg_window_is_writable (self) ||
      !mg_annotation_store_get_dirty (self->store))
    return TRUE;

  if (!mg_study_save (mg_study_get_for_window (self), &local_error))
    {
      show_save_result (self, local_error);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  show_save_result (self, NULL);
  return TRUE;
}

static gboolean autosave_timeout (gpointer data);

static void
autosave_done (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(MgWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  MgSidecar *sidecar = MG_IS_SIDECAR_SYNC (source)
                       ? mg_sidecar_sync_get_sidecar (MG_SIDECAR_SYNC (source))
                       : MG_SIDECAR (source);
  gboolean ok = mg_study_save_finish (source, result, &error);

  self->saving = FALSE;
  /* Another speech may be open by now: its state is its own. */
  if (sidecar != self->sidecar)
    return;
  show_save_result (self, ok ? NULL : error);
  if (ok && mg_annotation_store_get_dirty (self->store) && self->save_id == 0)
    self->save_id = g_timeout_add (AUTOSAVE_DELAY_MS, autosave_timeout, self);
}

/* Serialises the store here and writes the file in a thread, so that a
 * large sidecar does not hold up the window. */
static void
autosave (MgWindow *self)
{
  if (self->saving)
    {
      /* The next one starts when this one has landed. */
      self->save_id = g_timeout_add (AUTOSAVE_DELAY_MS, autosave_timeout, self);
      return;
    }
  if (self->sidecar == NULL || !_mg_window_is_writable (self) ||
      !mg_annotation_store_get_dirty (self->store))
    return;

  self->saving = TRUE;
  /* Merged with what another program wrote, under the sidecar's lock. */
  mg_study_save_async (mg_study_get_for_window (self), autosave_done, g_object_ref (self));
}

static gboolean
autosave_timeout (gpointer data)
{
  MgWindow *self = data;

  self->save_id = 0;
  autosave (self);
  return G_SOURCE_REMOVE;
}

gboolean
mg_window_is_saving (MgWindow *self)
{
  g_return_val_if_fail (MG_IS_WINDOW (self), FALSE);

  return self->saving;
}

void
_mg_window_sidecar_state_changed (MgWindow *self)
{
  mg_annotation_pane_set_store (self->pane, self->store);
  mg_annotation_pane_set_read_only (self->pane, !_mg_window_is_writable (self));
  self->save_state = _mg_window_is_writable (self) ? MG_SAVE_STATE_SAVED : MG_SAVE_STATE_READ_ONLY;
  update_title (self);
  _mg_window_suggestions_store_changed (self);
  _mg_window_sync_state (self);
}

void
_mg_window_store_changed (MgWindow *self)
{
  if (self->selected != NULL &&
      mg_annotation_store_index_of (self->store, self->selected) < 0)
    _mg_window_set_selected (self, NULL);

  if (_mg_window_is_writable (self) && mg_annotation_store_get_dirty (self->store))
    {
      if (self->save_state != MG_SAVE_STATE_FAILED)
        set_save_state (self, MG_SAVE_STATE_UNSAVED);
      g_clear_handle_id (&self->save_id, g_source_remove);
      self->save_id = g_timeout_add (AUTOSAVE_DELAY_MS, autosave_timeout, self);
    }
  _mg_window_suggestions_store_changed (self);
}

void
_mg_window_set_selected (MgWindow     *self,
                         MgAnnotation *annotation)
{
  if (g_set_object (&self->selected, annotation))
    _mg_window_notify (self, MG_WINDOW_PROP_SELECTED);
  if (mg_annotation_pane_get_selected (self->pane) != annotation)
    mg_annotation_pane_select (self->pane, annotation);
}

static void
document_annotation_activated (MgWindow       *self,
                               MgAnnotation   *annotation,
                               MgDocumentView *view)
{
  _mg_window_set_selected (self, annotation);
}

static void
pane_annotation_activated (MgWindow         *self,
                           MgAnnotation     *annotation,
                           MgAnnotationPane *pane)
{
  if (g_set_object (&self->selected, annotation))
    _mg_window_notify (self, MG_WINDOW_PROP_SELECTED);
  mg_document_view_reveal_annotation (self->document_view, annotation);
}

static void
pane_reattach_requested (MgWindow         *self,
                         MgAnnotation     *annotation,
                         MgAnnotationPane *pane)
{
  g_autoptr(GError) error = NULL;
  guint start, end;

  if (!_mg_window_is_writable (self))
    return;
  if (!mg_document_view_get_selection (self->document_view, &start, &end))
    {
      _mg_window_toast (self, _("Select the passage to attach the annotation to, then try again"), FALSE);
      return;
    }
  if (!mg_annotation_store_set_range (self->store, annotation, start, end, &error))
    {
      _mg_window_toast (self, error->message, FALSE);
      return;
    }
  mg_document_view_clear_selection (self->document_view);
  _mg_window_set_selected (self, annotation);
  mg_document_view_reveal_annotation (self->document_view, annotation);
  _mg_window_toast (self, _("Annotation attached to the selected passage"), TRUE);
}

static void
show_sidecar_state (MgWindow     *self,
                    const GError *sidecar_error)
{
  g_autofree char *name = g_file_get_basename (mg_sidecar_get_file (self->sidecar));
  g_autofree char *text = NULL;

  if (mg_sidecar_get_broken (self->sidecar))
    {
      text = g_strdup_printf (_("The annotations in “%s” could not be read, so they are shown read-only and the file is left untouched. %s"),
                              name, sidecar_error ? sidecar_error->message : "");
      gtk_widget_set_visible (self->start_afresh_button, TRUE);
    }
  else if (mg_sidecar_get_read_only (self->sidecar))
    {
      text = g_strdup_printf (_("The annotations in “%s” were written by a newer version of Marginalia. They are shown read-only."),
                              name);
      gtk_widget_set_visible (self->start_afresh_button, FALSE);
    }

  gtk_label_set_text (self->sidecar_label, text ? text : "");
  gtk_info_bar_set_revealed (self->sidecar_bar, text != NULL);
}

static void
show_anchor_state (MgWindow *self)
{
  guint exact = 0, moved = 0, fuzzy = 0, orphaned = 0;
  g_autofree char *text = NULL;

  self->review_position = 0;
  if (!mg_sidecar_get_reanchored (self->sidecar))
    {
      gtk_info_bar_set_revealed (self->anchor_bar, FALSE);
      return;
    }

  mg_sidecar_get_anchor_counts (self->sidecar, &exact, &moved, &fuzzy, &orphaned);
  text = g_strdup_printf (_("The speech has changed since it was annotated: %u annotations kept their place, %u moved, %u found approximately, %u could not be placed."),
                          exact, moved, fuzzy, orphaned);
  gtk_label_set_text (self->anchor_label, text);
  gtk_info_bar_set_revealed (self->anchor_bar, TRUE);
}

static void
close_document (MgWindow *self)
{
  mg_window_save (self, NULL);

  g_signal_group_set_target (self->store_signals, NULL);
  mg_document_view_set_store (self->document_view, NULL);
  mg_annotation_pane_set_store (self->pane, NULL);
  if (self->selected != NULL)
    {
      g_clear_object (&self->selected);
      _mg_window_notify (self, MG_WINDOW_PROP_SELECTED);
    }
  if (self->store != NULL)
    {
      g_clear_object (&self->store);
      _mg_window_notify (self, MG_WINDOW_PROP_STORE);
    }
  if (self->sidecar != NULL)
    {
      g_clear_object (&self->sidecar);
      _mg_window_notify (self, MG_WINDOW_PROP_SIDECAR);
    }
  g_clear_object (&self->document);
  g_clear_object (&self->file);
  g_clear_pointer (&self->save_error, g_free);
  gtk_info_bar_set_revealed (self->anchor_bar, FALSE);
  gtk_info_bar_set_revealed (self->sidecar_bar, FALSE);
  _mg_window_unwatch_speech (self);
  gtk_search_bar_set_search_mode (self->search_bar, FALSE);
  self->save_state = MG_SAVE_STATE_NONE;
  _mg_window_suggestions_document_changed (self);
}

static void
show_document (MgWindow     *self,
               GFile        *file,
               MgDocument   *document,
               MgSidecar    *sidecar,
               const GError *sidecar_error)
{
  /* What follows the window's properties sees it whole. */
  g_object_freeze_notify (G_OBJECT (self));
  close_document (self);

  self->file = g_object_ref (file);
  self->document = g_object_ref (document);
  self->sidecar = g_object_ref (sidecar);
  self->store = g_object_ref (mg_sidecar_get_store (self->sidecar));
  _mg_window_notify (self, MG_WINDOW_PROP_SIDECAR);
  _mg_window_notify (self, MG_WINDOW_PROP_STORE);

  mg_document_view_set_store (self->document_view, self->store);
  mg_annotation_pane_set_store (self->pane, self->store);
  mg_annotation_pane_set_read_only (self->pane, !_mg_window_is_writable (self));
  g_signal_group_set_target (self->store_signals, self->store);

  show_sidecar_state (self, sidecar_error);
  show_anchor_state (self);
  _mg_window_watch_speech (self);

  self->save_state = _mg_window_is_writable (self) ? MG_SAVE_STATE_SAVED : MG_SAVE_STATE_READ_ONLY;
  update_title (self);
  gtk_stack_set_visible_child_name (self->stack, "document");
  gtk_widget_grab_focus (GTK_WIDGET (mg_document_view_get_text_view (self->document_view)));
  _mg_window_suggestions_document_changed (self);
  _mg_window_sync_state (self);
  g_object_thaw_notify (G_OBJECT (self));

  /* A study is remembered as a whole (its folder), not speech by speech. */
  if (self->collection == NULL)
    {
      g_autofree char *uri = g_file_get_uri (self->file);
      gtk_recent_manager_add_item (gtk_recent_manager_get_default (), uri);
    }
}

void
_mg_window_show_loaded (MgWindow     *self,
                       GFile        *file,
                       MgDocument   *document,
                       MgSidecar    *sidecar,
                       const GError *sidecar_error)
{
  show_document (self, file, document, sidecar, sidecar_error);
  g_signal_emit (self, signals[LOADED], 0);
}

static void
set_loading (MgWindow *self,
             gboolean  loading)
{
  g_object_freeze_notify (G_OBJECT (self));
  if (self->loading != (guint) loading)
    {
      self->loading = loading;
      _mg_window_notify (self, MG_WINDOW_PROP_LOADING);
    }
  _mg_window_sync_state (self);
  g_object_thaw_notify (G_OBJECT (self));
}

GCancellable *
_mg_window_begin_loading (MgWindow *self)
{
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  gtk_stack_set_visible_child_name (self->stack, "loading");
  set_loading (self, TRUE);
  return self->cancellable;
}

void
_mg_window_end_loading (MgWindow *self)
{
  gtk_stack_set_visible_child_name (self->stack, self->document != NULL ? "document" : "empty");
  set_loading (self, FALSE);
}

static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  g_autoptr(GFile) opened = NULL;
  GFile *file;
  LoadData *data;
  g_autoptr(MgDocument) document = NULL;
  g_autoptr(GFile) sidecar_file = NULL;
  GError *error = NULL;

  /* A sidecar opens its speech when the speech is beside it; otherwise
   * it is a shared annotations file whose speech comes from its embedded
   * text. */
  opened = mg_sidecar_resolve_open (task_data, cancellable);
  file = opened;
  if (mg_study_is_annotations_file (file))
    {
      g_autoptr(MgSidecar) shared = mg_self_contained_open (file, cancellable, &error);

      if (shared == NULL)
        {
          g_task_return_error (task, error);
          return;
        }
      data = g_new0 (LoadData, 1);
      data->file = g_object_ref (file);
      data->document = g_object_ref (mg_sidecar_get_document (shared));
      data->sidecar = g_steal_pointer (&shared);
      g_task_return_pointer (task, data, (GDestroyNotify) load_data_free);
      return;
    }

  document = mg_document_load (file, cancellable, &error);
  if (document == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  data = g_new0 (LoadData, 1);
  data->file = g_object_ref (file);
  data->document = g_steal_pointer (&document);
  sidecar_file = mg_sidecar_default_file (file);
  data->sidecar = mg_sidecar_new (sidecar_file, data->document);
  /* What the file holds, for the study's sync (mg-study.c) to start from. */
  mg_sidecar_set_keep_read_bytes (data->sidecar, TRUE);
  mg_sidecar_load (data->sidecar, cancellable, &data->sidecar_error);
  g_task_return_pointer (task, data, (GDestroyNotify) load_data_free);
}

static void
show_open_error (MgWindow   *self,
                 GFile      *file,
                 GError     *error)
{
  g_autofree char *name = g_file_get_basename (file);
  g_autofree char *heading = g_strdup_printf (_("Could not open “%s”"), name);
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, error->message);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
load_done (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  MgWindow *self = MG_WINDOW (source);
  GTask *task = G_TASK (result);
  g_autoptr(GError) error = NULL;
  LoadData *data;

  data = g_task_propagate_pointer (task, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  _mg_window_end_loading (self);
  if (data == NULL)
    show_open_error (self, g_task_get_task_data (task), error);
  else
    {
      /* A speech from elsewhere: the study is left. */
      _mg_window_close_collection (self);
      show_document (self, data->file, data->document, data->sidecar, data->sidecar_error);
      load_data_free (data);
    }
  g_signal_emit (self, signals[LOADED], 0);
}

void
mg_window_open_file (MgWindow *self,
                     GFile    *file)
{
  g_autoptr(GTask) task = NULL;

  MgCollectionSpeech *speech;

  g_return_if_fail (MG_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  /* A folder opens as a study; a speech of the open study is shown from
   * it. */
  if (g_file_query_file_type (file, G_FILE_QUERY_INFO_NONE, NULL) == G_FILE_TYPE_DIRECTORY)
    {
      mg_window_open_folder (self, file);
      return;
    }
  speech = self->collection != NULL ? mg_collection_lookup (self->collection, file) : NULL;
  if (speech != NULL)
    {
      mg_window_show_speech (self, speech);
      return;
    }

  task = g_task_new (self, _mg_window_begin_loading (self), load_done, NULL);
  g_task_set_source_tag (task, mg_window_open_file);
  g_task_set_task_data (task, g_object_ref (file), g_object_unref);
  g_task_run_in_thread (task, load_thread);
}

gboolean
mg_window_is_loading (MgWindow *self)
{
  g_return_val_if_fail (MG_IS_WINDOW (self), FALSE);

  return self->loading;
}

gboolean
mg_window_has_document (MgWindow *self)
{
  g_return_val_if_fail (MG_IS_WINDOW (self), FALSE);

  return self->document != NULL || self->loading;
}

GFile *
mg_window_get_file (MgWindow *self)
{
  g_return_val_if_fail (MG_IS_WINDOW (self), NULL);

  return self->file;
}

MgSidecar *
mg_window_get_sidecar (MgWindow *self)
{
  g_return_val_if_fail (MG_IS_WINDOW (self), NULL);

  return self->sidecar;
}

MgAnnotationStore *
mg_window_get_store (MgWindow *self)
{
  g_return_val_if_fail (MG_IS_WINDOW (self), NULL);

  return self->store;
}

GtkWidget *
mg_window_get_document_view (MgWindow *self)
{
  g_return_val_if_fail (MG_IS_WINDOW (self), NULL);

  return GTK_WIDGET (self->document_view);
}

GtkWidget *
mg_window_get_pane (MgWindow *self)
{
  g_return_val_if_fail (MG_IS_WINDOW (self), NULL);

  return GTK_WIDGET (self->pane);
}

MgAnnotation *
mg_window_get_selected (MgWindow *self)
{
  g_return_val_if_fail (MG_IS_WINDOW (self), NULL);

  return self->selected;
}

void
mg_window_show_preferences (MgWindow *self)
{
  GtkWidget *preferences;

  g_return_if_fail (MG_IS_WINDOW (self));

  preferences = mg_preferences_window_new (self->settings);
  gtk_window_set_transient_for (GTK_WINDOW (preferences), GTK_WINDOW (self));
  gtk_window_present (GTK_WINDOW (preferences));
}

void
_mg_window_apply_font (MgWindow *self)
{
  mg_document_view_set_font (self->document_view,
                             g_settings_get_int (self->settings, "font-size"),
                             self->zoom);
}

static void
close_response (AdwMessageDialog *dialog,
                const char       *response,
                MgWindow         *self)
{
  if (g_strcmp0 (response, "discard") == 0)
    {
      self->closing = TRUE;
      gtk_window_destroy (GTK_WINDOW (self));
    }
}

static gboolean
mg_window_close_request (GtkWindow *window)
{
  MgWindow *self = MG_WINDOW (window);
  g_autoptr(GError) error = NULL;

  if (self->closing)
    return FALSE;

  if (!gtk_window_is_maximized (window))
    {
      int width, height;

      gtk_window_get_default_size (window, &width, &height);
      g_settings_set_int (self->settings, "window-width", width);
      g_settings_set_int (self->settings, "window-height", height);
    }
  g_settings_set_boolean (self->settings, "window-maximized", gtk_window_is_maximized (window));
  if (gtk_widget_get_mapped (GTK_WIDGET (self->paned)))
    {
      int pane_width = gtk_widget_get_width (GTK_WIDGET (self->paned)) - gtk_paned_get_position (self->paned);

      g_settings_set_int (self->settings, "pane-width", CLAMP (pane_width, 200, 2000));
    }

  if (!mg_window_save (self, &error))
    {
      GtkWidget *dialog;

      dialog = adw_message_dialog_new (window, _("The Annotations Could Not Be Saved"), NULL);
      adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
                                      _("%s\n\nIf you close the window, the changes since the last save are lost."),
                                      error->message);
      adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                        "cancel", _("_Keep Open"),
                                        "discard", _("_Close Without Saving"),
                                        NULL);
      adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "discard",
                                                  ADW_RESPONSE_DESTRUCTIVE);
      adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
      adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
      g_signal_connect (dialog, "response", G_CALLBACK (close_response), self);
      gtk_window_present (GTK_WINDOW (dialog));
      return TRUE;
    }

  return FALSE;
}

static gboolean
drop_cb (GtkDropTarget *target,
         const GValue  *value,
         double         x,
         double         y,
         MgWindow      *self)
{
  GSList *files;

  if (!G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST))
    return FALSE;
  files = gdk_file_list_get_files (g_value_get_boxed (value));
  if (files == NULL)
    return FALSE;

  /* Annotation files over an open speech are members' layers. */
  if (self->document != NULL && mg_study_is_annotations_file (files->data))
    {
      mg_study_add_layer_files (mg_study_get_for_window (self), files);
      g_slist_free (files);
      return TRUE;
    }

  mg_window_open_file (self, files->data);
  /* Further files open in windows of their own. */
  if (files->next != NULL)
    {
      GPtrArray *rest = g_ptr_array_new ();

      for (GSList *l = files->next; l; l = l->next)
        g_ptr_array_add (rest, l->data);
      g_application_open (G_APPLICATION (gtk_window_get_application (GTK_WINDOW (self))),
                          (GFile **) rest->pdata, rest->len, "");
      g_ptr_array_free (rest, TRUE);
    }
  g_slist_free (files);
  return TRUE;
}

static void
mg_window_dispose (GObject *object)
{
  MgWindow *self = MG_WINDOW (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->settings != NULL)
    g_signal_handlers_disconnect_by_data (self->settings, self);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  if (self->store != NULL)
    close_document (self);
  g_clear_object (&self->speech);
  g_clear_object (&self->collection);
  _mg_window_dispose_suggestions (self);
  g_clear_object (&self->store_signals);
  _mg_window_unwatch_speech (self);
  g_clear_handle_id (&self->save_id, g_source_remove);

  gtk_widget_dispose_template (GTK_WIDGET (self), MG_TYPE_WINDOW);

  G_OBJECT_CLASS (mg_window_parent_class)->dispose (object);
}

static void
mg_window_finalize (GObject *object)
{
  MgWindow *self = MG_WINDOW (object);

  g_clear_object (&self->settings);
  g_clear_pointer (&self->save_error, g_free);

  G_OBJECT_CLASS (mg_window_parent_class)->finalize (object);
}

void
_mg_window_notify (MgWindow         *self,
                   MgWindowProperty  property)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[property]);
}

void
_mg_window_sync_state (MgWindow *self)
{
  gboolean ready = self->document != NULL && self->store != NULL && !self->loading;
  gboolean editable = ready && _mg_window_is_writable (self);
  gboolean can_undo = editable && mg_annotation_store_can_undo (self->store);
  gboolean can_redo = editable && mg_annotation_store_can_redo (self->store);
  gboolean has_study = self->collection != NULL;

  g_object_freeze_notify (G_OBJECT (self));
  if (self->has_study != (guint) has_study)
    {
      self->has_study = has_study;
      _mg_window_notify (self, MG_WINDOW_PROP_HAS_STUDY);
    }
  if (self->document_ready != (guint) ready)
    {
      self->document_ready = ready;
      _mg_window_notify (self, MG_WINDOW_PROP_DOCUMENT_READY);
    }
  if (self->editable != (guint) editable)
    {
      self->editable = editable;
      _mg_window_notify (self, MG_WINDOW_PROP_EDITABLE);
    }
  if (self->can_undo != (guint) can_undo)
    {
      self->can_undo = can_undo;
      _mg_window_notify (self, MG_WINDOW_PROP_CAN_UNDO);
    }
  if (self->can_redo != (guint) can_redo)
    {
      self->can_redo = can_redo;
      _mg_window_notify (self, MG_WINDOW_PROP_CAN_REDO);
    }
  g_object_thaw_notify (G_OBJECT (self));
}

static void
mg_window_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  MgWindow *self = MG_WINDOW (object);

  switch ((MgWindowProperty) prop_id)
    {
    case MG_WINDOW_PROP_SHOW_SUGGESTIONS:
      g_value_set_boolean (value, self->show_suggestions);
      break;
    case MG_WINDOW_PROP_DOCUMENT_READY:
      g_value_set_boolean (value, self->document_ready);
      break;
    case MG_WINDOW_PROP_EDITABLE:
      g_value_set_boolean (value, self->editable);
      break;
    case MG_WINDOW_PROP_CAN_UNDO:
      g_value_set_boolean (value, self->can_undo);
      break;
    case MG_WINDOW_PROP_CAN_REDO:
      g_value_set_boolean (value, self->can_redo);
      break;
    case MG_WINDOW_PROP_ZOOM:
      g_value_set_double (value, self->zoom);
      break;
    case MG_WINDOW_PROP_SELECTED:
      g_value_set_object (value, self->selected);
      break;
    case MG_WINDOW_PROP_LOADING:
      g_value_set_boolean (value, self->loading);
      break;
    case MG_WINDOW_PROP_HAS_STUDY:
      g_value_set_boolean (value, self->has_study);
      break;
    case MG_WINDOW_PROP_SIDECAR:
      g_value_set_object (value, self->sidecar);
      break;
    case MG_WINDOW_PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case MG_WINDOW_PROP_SUGGESTIONS:
      g_value_set_object (value, self->suggestions);
      break;
    case MG_WINDOW_PROP_0:
    case MG_WINDOW_N_PROPS:
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mg_window_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  MgWindow *self = MG_WINDOW (object);

  switch (prop_id)
    {
    case MG_WINDOW_PROP_SHOW_SUGGESTIONS:
      _mg_window_set_show_suggestions (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mg_window_class_init (MgWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = mg_window_dispose;
  object_class->finalize = mg_window_finalize;
  object_class->get_property = mg_window_get_property;
  object_class->set_property = mg_window_set_property;
  window_class->close_request = mg_window_close_request;

  /* What the actions' states are bound to (mg-window-actions.c). */
  properties[MG_WINDOW_PROP_SHOW_SUGGESTIONS] =
    g_param_spec_boolean ("show-suggestions", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* A speech is shown and no other is loading. */
  properties[MG_WINDOW_PROP_DOCUMENT_READY] =
    g_param_spec_boolean ("document-ready", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* … and its annotations may be changed (the sidecar is neither broken
   * nor read only). */
  properties[MG_WINDOW_PROP_EDITABLE] =
    g_param_spec_boolean ("editable", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[MG_WINDOW_PROP_CAN_UNDO] =
    g_param_spec_boolean ("can-undo", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[MG_WINDOW_PROP_CAN_REDO] =
    g_param_spec_boolean ("can-redo", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[MG_WINDOW_PROP_ZOOM] =
    g_param_spec_double ("zoom", NULL, NULL, 0.0, G_MAXDOUBLE, 1.0,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[MG_WINDOW_PROP_SELECTED] =
    g_param_spec_object ("selected", NULL, NULL, MG_TYPE_ANNOTATION,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* A speech or a study is being read. */
  properties[MG_WINDOW_PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* A study (a folder of speeches) is open. */
  properties[MG_WINDOW_PROP_HAS_STUDY] =
    g_param_spec_boolean ("has-study", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* The sidecar and the annotations of the speech shown. */
  properties[MG_WINDOW_PROP_SIDECAR] =
    g_param_spec_object ("sidecar", NULL, NULL, MG_TYPE_SIDECAR,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[MG_WINDOW_PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, MG_TYPE_ANNOTATION_STORE,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* The suggestions shown (mg_window_get_suggestions). */
  properties[MG_WINDOW_PROP_SUGGESTIONS] =
    g_param_spec_object ("suggestions", NULL, NULL, G_TYPE_LIST_MODEL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, MG_WINDOW_N_PROPS, properties);

  signals[LOADED] = g_signal_new ("loaded",
                                  G_TYPE_FROM_CLASS (klass),
                                  G_SIGNAL_RUN_LAST,
                                  0, NULL, NULL, NULL,
                                  G_TYPE_NONE, 0);

  g_type_ensure (MG_TYPE_DOCUMENT_VIEW);
  g_type_ensure (MG_TYPE_STUDY_SIDEBAR);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/marginalia/Marginalia/mg-window.ui");
  gtk_widget_class_bind_template_child (widget_class, MgWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, MgWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, MgWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, MgWindow, primary_menu_button);
  gtk_widget_class_bind_template_child (widget_class, MgWindow, suggestions_button);
  gtk_widget_class_bind_template_child (widget_class, MgWindow, anchor_bar);
  gtk_widget_class_bind_template_child (widget_class, MgWindow, anchor_label);
  gtk_widget_class_bind_template_child (widget_class, MgWindow, sidecar_bar);
  gtk_widget_class_bind_template_child (widget_class, MgWindow, find_button);
  gtk_widget_class_bind_template_child (widget_class, MgWindow, sidecar_label);
  gtk_widget_class_bind_template_child (widget_class, MgWindow, start_afresh_button);
  gtk_widget_class_bind_template_child (widget_class, MgWindow, search_bar);
  gtk_widget_class_bind_template_child (widget_class, MgWindow, search_entry);
  gtk_widget_class_bind_template_child (widget_class, MgWindow, search_label);
  gtk_widget_class_bind_template_child (widget_class, MgWindow, paned);
  gtk_widget_class_bind_template_child (widget_class, MgWindow, document_view);
  gtk_widget_class_bind_template_child (widget_class, MgWindow, pane_bin);
  gtk_widget_class_bind_template_child (widget_class, MgWindow, status_page);
  gtk_widget_class_bind_template_child (widget_class, MgWindow, study_flap);
  gtk_widget_class_bind_template_child (widget_class, MgWindow, study_sidebar);
  gtk_widget_class_bind_template_child (widget_class, MgWindow, sidebar_button);
  gtk_widget_class_bind_template_callback (widget_class, document_annotation_activated);

  _mg_window_class_init_actions (widget_class);
  _mg_window_class_init_collection (widget_class);
  _mg_window_class_init_export (widget_class);
  _mg_window_class_init_recent (widget_class);
  _mg_window_class_init_reload (widget_class);
}

static void
mg_window_init (MgWindow *self)
{
  GtkDropTarget *drop;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->settings = g_settings_new (APPLICATION_ID);
  self->zoom = g_settings_get_double (self->settings, "zoom");
  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));
  gtk_paned_set_position (self->paned,
                          MAX (320, g_settings_get_int (self->settings, "window-width")
                                    - g_settings_get_int (self->settings, "pane-width")));
  g_signal_connect_swapped (self->settings, "changed::font-size",
                            G_CALLBACK (_mg_window_apply_font), self);
  _mg_window_apply_font (self);

  self->pane = MG_ANNOTATION_PANE (mg_annotation_pane_new ());
  adw_bin_set_child (self->pane_bin, GTK_WIDGET (self->pane));
  g_signal_connect_object (self->pane, "annotation-activated",
                           G_CALLBACK (pane_annotation_activated), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->pane, "reattach-requested",
                           G_CALLBACK (pane_reattach_requested), self, G_CONNECT_SWAPPED);
  g_settings_bind (self->settings, "sort-mode", self->pane, "sort-by", G_SETTINGS_BIND_DEFAULT);

  drop = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);
  g_signal_connect (drop, "drop", G_CALLBACK (drop_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop));

  /* The window follows its store through one group of handlers that
   * moves with it: its changes (autosave, selection, suggestions) and
   * whether there is something to undo or redo (the actions), including
   * when a group of changes closes without a further "changed". */
  self->store_signals = g_signal_group_new (MG_TYPE_ANNOTATION_STORE);
  g_signal_group_connect_swapped (self->store_signals, "changed",
                                  G_CALLBACK (_mg_window_store_changed), self);
  g_signal_group_connect_swapped (self->store_signals, "notify::can-undo",
                                  G_CALLBACK (_mg_window_sync_state), self);
  g_signal_group_connect_swapped (self->store_signals, "notify::can-redo",
                                  G_CALLBACK (_mg_window_sync_state), self);
  _mg_window_init_actions (self);
  _mg_window_init_collection (self);
  _mg_window_init_suggestions (self);
  _mg_window_init_export (self);
  _mg_window_init_tidy (self);
  _mg_window_init_statistics (self);
  _mg_window_init_compare (self);
  _mg_window_unwatch_speech (self);
  mg_window_recent_attach (self, self->status_page);
  mg_study_attach (self);
  update_title (self);
}

MgWindow *
mg_window_new (MgApplication *application)
{
  return g_object_new (MG_TYPE_WINDOW, "application", application, NULL);
}

MgSaveState
mg_window_get_save_state (MgWindow *self)
{
  g_return_val_if_fail (MG_IS_WINDOW (self), MG_SAVE_STATE_NONE);
  return self->save_state;
}

const char *
mg_window_get_save_error (MgWindow *self)
{
  g_return_val_if_fail (MG_IS_WINDOW (self), NULL);
  return self->save_error;
}

gboolean
mg_window_get_writable (MgWindow *self)
{
  g_return_val_if_fail (MG_IS_WINDOW (self), FALSE);
  return _mg_window_is_writable (self);
}

void
mg_window_set_selected (MgWindow     *self,
                        MgAnnotation *annotation)
{
  g_return_if_fail (MG_IS_WINDOW (self));
  g_return_if_fail (annotation == NULL || MG_IS_ANNOTATION (annotation));
  _mg_window_set_selected (self, annotation);
}

const char *
mg_window_get_page (MgWindow *self)
{
  g_return_val_if_fail (MG_IS_WINDOW (self), NULL);
  return gtk_stack_get_visible_child_name (self->stack);
}

AdwToast *
mg_window_get_toast (MgWindow *self)
{
  g_return_val_if_fail (MG_IS_WINDOW (self), NULL);
  return self->toast;
}

GtkSearchBar *
mg_window_get_search_bar (MgWindow *self)
{
  g_return_val_if_fail (MG_IS_WINDOW (self), NULL);
  return self->search_bar;
}

GtkEditable *
mg_window_get_search_entry (MgWindow *self)
{
  g_return_val_if_fail (MG_IS_WINDOW (self), NULL);
  return GTK_EDITABLE (self->search_entry);
}

GtkLabel *
mg_window_get_search_label (MgWindow *self)
{
  g_return_val_if_fail (MG_IS_WINDOW (self), NULL);
  return self->search_label;
}

GtkInfoBar *
mg_window_get_sidecar_bar (MgWindow *self)
{
  g_return_val_if_fail (MG_IS_WINDOW (self), NULL);
  return self->sidecar_bar;
}

GtkWidget *
mg_window_get_find_button (MgWindow *self)
{
  g_return_val_if_fail (MG_IS_WINDOW (self), NULL);
  return self->find_button;
}

void
mg_window_show_message_or_toast (MgWindow   *self,
                                 const char *message)
{
  g_return_if_fail (MG_IS_WINDOW (self));
  g_return_if_fail (message != NULL);
  _mg_window_toast (self, message, FALSE);
}

GtkToggleButton *
mg_window_get_suggestions_button (MgWindow *self)
{
  g_return_val_if_fail (MG_IS_WINDOW (self), NULL);
  return self->suggestions_button;
}

GtkInfoBar *
mg_window_get_anchor_bar (MgWindow *self)
{
  g_return_val_if_fail (MG_IS_WINDOW (self), NULL);
  return self->anchor_bar;
}

GtkLabel *
mg_window_get_anchor_label (MgWindow *self)
{
  g_return_val_if_fail (MG_IS_WINDOW (self), NULL);
  return self->anchor_label;
}

AdwStatusPage *
mg_window_get_status_page (MgWindow *self)
{
  g_return_val_if_fail (MG_IS_WINDOW (self), NULL);
  return self->status_page;
}
