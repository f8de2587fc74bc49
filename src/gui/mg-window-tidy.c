/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Marginalia"
#include "config.h"

#include <glib/gi18n.h>

#include "mg-tidy-dialog.h"
#include "mg-tidy.h"
#include "mg-window-private.h"
#include "mg-window-tidy.h"

/* "Tidy Speech…": the dialog, applying (mg_tidy_rewrite: speech, FILE~ and
 * sidecar in one step), reloading, and the toast whose Undo puts back the
 * bytes of the speech and of its sidecar as they were. Kept on the window
 * as object data, so that the window's own structure stays as it is. */

#define UNDO_KEY "mg-tidy-undo"
#define OFFERED_KEY "mg-tidy-offered"

typedef struct
{
  GFile  *file;
  GBytes *document_bytes;
  GFile  *sidecar_file;
  GBytes *sidecar_bytes;   /* NULL: there was no sidecar */
} TidyUndo;

static void
tidy_undo_free (TidyUndo *undo)
{
  g_clear_object (&undo->file);
  g_clear_pointer (&undo->document_bytes, g_bytes_unref);
  g_clear_object (&undo->sidecar_file);
  g_clear_pointer (&undo->sidecar_bytes, g_bytes_unref);
  g_free (undo);
}

static GBytes *
load_bytes (GFile *file)
{
  char *contents = NULL;
  gsize len = 0;

  if (!g_file_load_contents (file, NULL, &contents, &len, NULL, NULL))
    return NULL;
  return g_bytes_new_take (contents, len);
}

static void
show_toast (MgWindow   *self,
            const char *title,
            const char *button,
            const char *action)
{
  AdwToast *toast = adw_toast_new (title);

  if (button != NULL)
    {
      adw_toast_set_button_label (toast, button);
      adw_toast_set_action_name (toast, action);
    }
  adw_toast_set_timeout (toast, 10);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

gboolean
mg_window_tidy_apply (MgWindow  *self,
                      guint      kinds,
                      GError   **error)
{
  g_autoptr(GPtrArray) changes = NULL;
  g_autoptr(MgDocument) tidied = NULL;
  g_autoptr(MgSidecar) sidecar = NULL;
  g_autofree char *title = NULL;
  TidyUndo *undo;
  MgTidyReport report;
  guint total = 0;

  g_return_val_if_fail (MG_IS_WINDOW (self), FALSE);

  if (self->document == NULL || mg_document_get_file (self->document) == NULL ||
      !_mg_window_is_writable (self))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   _("This speech cannot be tidied here"));
      return FALSE;
    }
  /* Annotations made a moment ago go into the sidecar first. */
  if (!mg_window_save (self, error))
    return FALSE;

  changes = mg_tidy_compute (mg_document_get_text (self->document), -1, kinds);
  if (changes->len == 0)
    return TRUE;

  undo = g_new0 (TidyUndo, 1);
  undo->file = g_object_ref (mg_document_get_file (self->document));
  undo->document_bytes = load_bytes (undo->file);
  undo->sidecar_file = g_object_ref (mg_sidecar_get_file (self->sidecar));
  undo->sidecar_bytes = load_bytes (undo->sidecar_file);
  if (undo->document_bytes == NULL)
    {
      tidy_undo_free (undo);
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("The speech’s file cannot be read"));
      return FALSE;
    }

  tidied = mg_tidy_rewrite (self->document, self->sidecar, changes, &sidecar, &report, error);
  if (tidied == NULL)
    {
      tidy_undo_free (undo);
      return FALSE;
    }
  g_object_set_data_full (G_OBJECT (self), UNDO_KEY, undo, (GDestroyNotify) tidy_undo_free);
  /* Opened again: the annotations are where tidy put them. */
  g_object_set_data (G_OBJECT (self), OFFERED_KEY, GINT_TO_POINTER (TRUE));
  mg_window_open_file (self, undo->file);

  for (guint k = 0; k < MG_TIDY_N_KINDS; k++)
    total += report.counts[k];
  if (report.annotations > 0)
    title = g_strdup_printf (_("Speech tidied: %u changes, %u of %u annotations kept their text"),
                             total, report.exact, report.annotations);
  else
    title = g_strdup_printf (_("Speech tidied: %u changes"), total);
  show_toast (self, title, _("_Undo"), "win.tidy-undo");
  return TRUE;
}

gboolean
mg_window_tidy_undo (MgWindow  *self,
                     GError   **error)
{
  TidyUndo *undo = g_object_get_data (G_OBJECT (self), UNDO_KEY);
  g_autoptr(GFile) file = NULL;

  if (undo == NULL)
    return TRUE;
  /* Nothing waits to be saved over the bytes put back. */
  g_clear_handle_id (&self->save_id, g_source_remove);
  if (!mg_tidy_restore (undo->file, undo->document_bytes, undo->sidecar_file,
                        undo->sidecar_bytes, error))
    return FALSE;
  if (self->store != NULL)
    mg_annotation_store_mark_clean (self->store);
  file = g_object_ref (undo->file);
  g_object_set_data (G_OBJECT (self), UNDO_KEY, NULL);
  g_object_set_data (G_OBJECT (self), OFFERED_KEY, GINT_TO_POINTER (TRUE));
  mg_window_open_file (self, file);
  return TRUE;
}

static void
dialog_apply (MgWindow     *self,
              guint         kinds,
              MgTidyDialog *dialog)
{
  g_autoptr(GError) error = NULL;

  if (!mg_window_tidy_apply (self, kinds, &error))
    _mg_window_toast (self, error->message, FALSE);
}

MgTidyDialog *
mg_window_show_tidy (MgWindow *self)
{
  MgTidyDialog *dialog;

  g_return_val_if_fail (MG_IS_WINDOW (self), NULL);

  if (self->document == NULL)
    return NULL;
  dialog = mg_tidy_dialog_new (GTK_WINDOW (self), self->document);
  g_signal_connect_object (dialog, "apply", G_CALLBACK (dialog_apply), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
  return dialog;
}

static void
tidy_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       data)
{
  mg_window_show_tidy (data);
}

static void
tidy_undo_action (GSimpleAction *action,
                  GVariant      *parameter,
                  gpointer       data)
{
  MgWindow *self = data;
  g_autoptr(GError) error = NULL;

  if (!mg_window_tidy_undo (self, &error))
    _mg_window_toast (self, error->message, FALSE);
}

static void
needs_tidy_thread (GTask        *task,
                   gpointer      source_object,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  g_autoptr(GPtrArray) changes = mg_tidy_compute (mg_document_get_text (task_data), -1, MG_TIDY_ALL);
  guint counts[MG_TIDY_N_KINDS];

  mg_tidy_count (changes, counts);
  g_task_return_boolean (task, mg_tidy_is_needed (counts));
}

static void
needs_tidy_done (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  GWeakRef *window_ref = user_data;
  g_autoptr(MgWindow) self = g_weak_ref_get (window_ref);

  g_weak_ref_clear (window_ref);
  g_free (window_ref);
  /* Offered only while the speech looked at is still the one shown. */
  if (g_task_propagate_boolean (G_TASK (result), NULL) && self != NULL &&
      self->document == g_task_get_task_data (G_TASK (result)))
    show_toast (self, _("This speech looks copied from a web page or a PDF"),
                _("_Tidy…"), "win.tidy");
}

/* A newly opened speech that clearly needs tidying is offered it once.
 * Looking for what tidying would change reads the whole speech: in a
 * thread, so that the speech is shown first; the window may close
 * meanwhile. */
static void
window_loaded (MgWindow *self)
{
  g_autoptr(GTask) task = NULL;
  GWeakRef *window_ref;

  if (g_object_get_data (G_OBJECT (self), OFFERED_KEY) != NULL)
    {
      g_object_set_data (G_OBJECT (self), OFFERED_KEY, NULL);
      return;
    }
  g_object_set_data (G_OBJECT (self), UNDO_KEY, NULL);
  if (self->document == NULL || !_mg_window_is_writable (self) ||
      mg_document_get_file (self->document) == NULL)
    return;
  window_ref = g_new0 (GWeakRef, 1);
  g_weak_ref_init (window_ref, self);
  task = g_task_new (NULL, NULL, needs_tidy_done, window_ref);
  g_task_set_source_tag (task, window_loaded);
  g_task_set_task_data (task, g_object_ref (self->document), g_object_unref);
  g_task_run_in_thread (task, needs_tidy_thread);
}

/* A speech read from its own file, whose annotations may change, can be
 * tidied; the last tidying undone while it is still the speech shown. */
static gboolean
can_tidy (MgWindow   *self,
          gboolean    editable,
          MgSidecar  *sidecar,
          const char *undo)
{
  if (!editable || self->document == NULL || mg_document_get_file (self->document) == NULL)
    return FALSE;
  return undo == NULL || g_object_get_data (G_OBJECT (self), UNDO_KEY) != NULL;
}

static const GActionEntry actions[] = {
  { "tidy", tidy_action, NULL, NULL, NULL, { 0 } },
  { "tidy-undo", tidy_undo_action, NULL, NULL, NULL, { 0 } },
};

void
_mg_window_init_tidy (MgWindow *self)
{
  _mg_window_add_actions (self, actions, G_N_ELEMENTS (actions));
  for (guint i = 0; i < G_N_ELEMENTS (actions); i++)
    _mg_window_bind_enabled_to (self, actions[i].name,
                                _mg_window_closure (G_CALLBACK (can_tidy), i > 0 ? (gpointer) UNDO_KEY : NULL,
                                                    _mg_window_property ("editable"),
                                                    _mg_window_property ("sidecar"), NULL));
  g_signal_connect (self, "loaded", G_CALLBACK (window_loaded), NULL);
}
