/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Marginalia"
#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "mg-agreement.h"
#include "mg-agreement-window.h"
#include "mg-members-popover.h"
#include "mg-merge-dialog.h"
#include "mg-self-contained.h"
#include "mg-study-private.h"

/* The members popover */

void
_mg_study_build_menu (MgStudy *self)
{
  GtkWidget *header, *popover;

  self->menu_button = gtk_menu_button_new ();
  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (self->menu_button), "system-users-symbolic");
  gtk_widget_set_tooltip_text (self->menu_button, _("Members’ Annotations"));
  popover = mg_members_popover_new (self);
  _mg_study_add_heat_legend (self, GTK_BOX (mg_members_popover_get_legend_box (MG_MEMBERS_POPOVER (popover))));
  gtk_menu_button_set_popover (GTK_MENU_BUTTON (self->menu_button), popover);

  header = gtk_widget_get_ancestor (GTK_WIDGET (self->window->primary_menu_button),
                                    ADW_TYPE_HEADER_BAR);
  if (header != NULL)
    adw_header_bar_pack_end (ADW_HEADER_BAR (header), self->menu_button);
}

/* Adding members' files: loaded in a thread, since re-anchoring a large
 * file on an edited speech takes a while. The files added together (or
 * restored together when the speech opens) are one batch, reported in
 * one message when the last of them is in. */

typedef struct
{
  MgStudy   *study;      /* not owned: each task holds it */
  guint      pending;
  guint      restore : 1;
  guint      cancelled : 1;
  MgDocument *document;  /* the speech's, when the batch began */
  GPtrArray *layers;     /* MgLayer or NULL, one a file, in their order */
  GPtrArray *authors;    /* of the layers added */
  GPtrArray *failed;     /* Failure, in no order */
} AddBatch;

/* A file of a batch that could not be added: its place in the batch, its
 * name and why. */
typedef struct
{
  guint  index;
  char  *name;
  char  *reason;
} Failure;

typedef struct
{
  GFile      *file;
  MgDocument *document;
  AddBatch   *batch;
  guint       index;
} LoadLayer;

static void
load_layer_free (LoadLayer *data)
{
  g_object_unref (data->file);
  g_object_unref (data->document);
  g_free (data);
}

static void
failure_free (Failure *failure)
{
  g_free (failure->name);
  g_free (failure->reason);
  g_free (failure);
}

static int
failure_compare (gconstpointer a,
                 gconstpointer b)
{
  const Failure *x = *(Failure * const *) a;
  const Failure *y = *(Failure * const *) b;

  return x->index < y->index ? -1 : x->index > y->index;
}

static void
batch_fail (AddBatch   *batch,
            guint       index,
            GFile      *file,
            const char *reason)
{
  g_autofree char *path = g_file_get_path (file);
  Failure *failure = g_new0 (Failure, 1);

  failure->index = index;
  failure->name = path != NULL ? g_filename_display_basename (path) : g_file_get_uri (file);
  failure->reason = g_strdup (reason);
  g_ptr_array_add (batch->failed, failure);
}

static char *
batch_message (AddBatch *batch)
{
  g_autofree char *added = NULL;
  g_autofree char *failed = NULL;
  guint n_added = batch->authors->len;
  guint n_failed = batch->failed->len;

  if (n_added == 1)
    added = g_strdup_printf (batch->restore ? _("Restored the annotations of %s")
                                            : _("Added the annotations of %s"),
                             (const char *) g_ptr_array_index (batch->authors, 0));
  else if (n_added > 1)
    added = g_strdup_printf (batch->restore
                             ? g_dngettext (GETTEXT_PACKAGE, "Restored the annotations of %u member",
                                            "Restored the annotations of %u members", n_added)
                             : g_dngettext (GETTEXT_PACKAGE, "Added the annotations of %u member",
                                            "Added the annotations of %u members", n_added),
                             n_added);

  /* In the order the files were given. */
  g_ptr_array_sort (batch->failed, failure_compare);
  if (n_failed == 1)
    {
      Failure *failure = g_ptr_array_index (batch->failed, 0);

      failed = g_strdup_printf (batch->restore ? _("Could not restore “%s”, no longer remembered: %s")
                                               : _("Could not add “%s”: %s"),
                                failure->name, failure->reason);
    }
  else if (n_failed > 1)
    {
      g_autoptr(GString) reasons = g_string_new (NULL);

      for (guint i = 0; i < n_failed; i++)
        {
          Failure *failure = g_ptr_array_index (batch->failed, i);
          const char *name = failure->name;
          const char *reason = failure->reason;

          if (i > 0)
            g_string_append (reasons, _("; "));
          /* Most reasons name their file already. */
          if (strstr (reason, name) != NULL)
            g_string_append (reasons, reason);
          else
            g_string_append_printf (reasons, _("“%s”: %s"), name, reason);
        }
      failed = g_strdup_printf (batch->restore
                                ? g_dngettext (GETTEXT_PACKAGE,
                                               "Could not restore %u file, no longer remembered: %s",
                                               "Could not restore %u files, no longer remembered: %s",
                                               n_failed)
                                : g_dngettext (GETTEXT_PACKAGE, "Could not add %u file: %s",
                                               "Could not add %u files: %s", n_failed),
                                n_failed, reasons->str);
    }

  if (added != NULL && failed != NULL)
    /* TRANSLATORS: what was added, then what could not be. */
    return g_strdup_printf (_("%s. %s"), added, failed);
  if (added != NULL)
    return g_steal_pointer (&added);
  return g_steal_pointer (&failed);
}

static void
clear_layer (gpointer layer)
{
  if (layer != NULL)
    g_object_unref (layer);
}

/* One file of @batch is in (or was never started): the last adds the
 * layers in the order of their files (the order of their colours, the
 * same each time they are restored), reports the whole batch, and a
 * restored batch leaves remembered what it added. */
static void
batch_done_one (AddBatch *batch)
{
  MgStudy *self = batch->study;

  if (--batch->pending > 0)
    return;

  if (batch->restore)
    self->restoring--;
  for (guint i = 0; !batch->cancelled && i < batch->layers->len; i++)
    {
      MgLayer *layer = g_ptr_array_index (batch->layers, i);
      gboolean present = FALSE;

      if (layer == NULL)
        continue;
      if (_mg_study_check_addable (self, mg_layer_get_file (layer), &present, NULL) == batch->document)
        {
          _mg_study_insert_layer (self, layer);
          g_ptr_array_add (batch->authors, g_strdup (mg_layer_get_author (layer)));
        }
      else if (!present)
        batch->cancelled = TRUE;   /* another speech by now */
    }
  if (!batch->cancelled)
    {
      g_autofree char *message = batch_message (batch);

      if (message != NULL)
        _mg_study_toast (self, message, NULL, NULL, FALSE);
      if (batch->restore)
        _mg_study_remember_layers (self);
    }
  g_clear_object (&batch->document);
  g_ptr_array_unref (batch->layers);
  g_ptr_array_unref (batch->authors);
  g_ptr_array_unref (batch->failed);
  g_free (batch);
}

static void
load_layer_thread (GTask        *task,
                   gpointer      source,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  LoadLayer *data = task_data;
  GError *error = NULL;
  MgLayer *layer = mg_layer_load (data->file, data->document, cancellable, &error);

  if (layer == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, layer, g_object_unref);
}

static void
load_layer_done (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  LoadLayer *data = g_task_get_task_data (G_TASK (result));
  AddBatch *batch = data->batch;
  g_autoptr(GError) error = NULL;
  MgLayer *layer = g_task_propagate_pointer (G_TASK (result), &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    batch->cancelled = TRUE;
  else if (layer == NULL)
    batch_fail (batch, data->index, data->file, error->message);
  else
    g_ptr_array_index (batch->layers, data->index) = layer;
  batch_done_one (batch);
}

void
_mg_study_add_files (MgStudy  *self,
                     GSList   *files,
                     gboolean  restore)
{
  MgSidecar *own = mg_window_get_sidecar (self->window);
  AddBatch *batch = g_new0 (AddBatch, 1);
  guint index = 0;

  if (self->cancellable == NULL)
    self->cancellable = g_cancellable_new ();

  /* Without a speech, each file fails below, saying so. */
  if (own != NULL)
    g_set_object (&batch->document, mg_sidecar_get_document (own));
  batch->layers = g_ptr_array_new_with_free_func (clear_layer);
  g_ptr_array_set_size (batch->layers, g_slist_length (files));

  batch->study = self;
  batch->restore = restore;
  batch->authors = g_ptr_array_new_with_free_func (g_free);
  batch->failed = g_ptr_array_new_with_free_func ((GDestroyNotify) failure_free);
  /* Held until every file is started, so that none reports alone. */
  batch->pending = 1;
  if (restore)
    self->restoring++;

  for (GSList *l = files; l != NULL; l = l->next, index++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GTask) task = NULL;
      gboolean present = FALSE;
      MgDocument *document = _mg_study_check_addable (self, l->data, &present, &error);
      LoadLayer *data;

      if (document == NULL)
        {
          if (!present)
            batch_fail (batch, index, l->data, error->message);
          continue;
        }

      data = g_new0 (LoadLayer, 1);
      data->file = g_object_ref (l->data);
      data->document = g_object_ref (document);
      data->batch = batch;
      data->index = index;
      batch->pending++;
      task = g_task_new (self, self->cancellable, load_layer_done, NULL);
      g_task_set_task_data (task, data, (GDestroyNotify) load_layer_free);
      g_task_run_in_thread (task, load_layer_thread);
    }
  batch_done_one (batch);
}

void
mg_study_add_layer_files (MgStudy *self,
                          GSList  *files)
{
  g_return_if_fail (MG_IS_STUDY (self));

  _mg_study_add_files (self, files, FALSE);
}

/* Choosing members' files */

static GtkFileFilter *
annotations_filter (void)
{
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("Marginalia annotations"));
  gtk_file_filter_add_pattern (filter, "*" MG_SIDECAR_SUFFIX);
  return filter;
}

static void
add_layer_response (GtkNativeDialog *dialog,
                    int              response,
                    MgStudy         *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GListModel) files = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (dialog));
      GSList *list = NULL;

      for (guint i = g_list_model_get_n_items (files); i > 0; i--)
        list = g_slist_prepend (list, g_list_model_get_item (files, i - 1));
      mg_study_add_layer_files (self, list);
      g_slist_free_full (list, g_object_unref);
    }
  g_clear_object (&self->chooser);
}

void
_mg_study_show_add_layer (MgStudy *self)
{
  g_autoptr(GtkFileFilter) filter = annotations_filter ();
  MgSidecar *sidecar = mg_window_get_sidecar (self->window);

  if (self->chooser != NULL)
    return;
  self->chooser = gtk_file_chooser_native_new (_("Add a Member’s Annotations"),
                                               GTK_WINDOW (self->window),
                                               GTK_FILE_CHOOSER_ACTION_OPEN,
                                               _("_Add"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (self->chooser), TRUE);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);
  if (sidecar != NULL)
    {
      g_autoptr(GFile) folder = g_file_get_parent (mg_sidecar_get_file (sidecar));

      if (folder != NULL)
        gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (self->chooser), folder, NULL);
    }
  g_signal_connect (self->chooser, "response", G_CALLBACK (add_layer_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

/* Sharing */

static void
share_response (GtkNativeDialog *dialog,
                int              response,
                MgStudy         *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autoptr(GError) error = NULL;
      g_autofree char *name = g_file_get_basename (file);
      g_autofree char *title = NULL;
      MgSidecar *sidecar = mg_window_get_sidecar (self->window);

      if (sidecar != NULL && mg_self_contained_save_as (sidecar, file, NULL, &error))
        title = g_strdup_printf (_("Saved “%s”, with the speech in it"), name);
      else
        title = g_strdup_printf (_("Could not share the annotations: %s"),
                                 error != NULL ? error->message : _("nothing is open"));
      _mg_study_toast (self, title, NULL, NULL, FALSE);
    }
  g_clear_object (&self->chooser);
}

void
_mg_study_show_share (MgStudy *self)
{
  g_autoptr(GtkFileFilter) filter = annotations_filter ();
  MgSidecar *sidecar = mg_window_get_sidecar (self->window);
  MgDocument *document;
  g_autofree char *name = NULL;

  if (self->chooser != NULL || sidecar == NULL)
    return;
  document = mg_sidecar_get_document (sidecar);
  {
    g_autofree char *setting = g_settings_get_string (self->window->settings, "author-name");
    g_autofree char *who = g_strdup (setting != NULL && *setting != '\0' ? setting : g_get_user_name ());
    const char *doc_name = document != NULL && *mg_document_get_name (document) != '\0'
                           ? mg_document_get_name (document) : "speech";

    g_strdelimit (who, " /\\", '-');
    name = g_strdup_printf ("%s.%s" MG_SIDECAR_SUFFIX, doc_name, who);
  }

  self->chooser = gtk_file_chooser_native_new (_("Share Annotations"),
                                               GTK_WINDOW (self->window),
                                               GTK_FILE_CHOOSER_ACTION_SAVE,
                                               _("_Save"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), name);
  g_signal_connect (self->chooser, "response", G_CALLBACK (share_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

/* Merging */

static void
merge_response (MgMergeDialog *dialog,
                const char    *response,
                MgStudy       *self)
{
  g_autoptr(GPtrArray) chosen = NULL;
  g_autoptr(GError) error = NULL;
  MgMergeReport report = { 0, 0, 0 };

  if (g_strcmp0 (response, "merge") != 0)
    return;
  chosen = mg_merge_dialog_dup_ticked (dialog);
  mg_study_merge_chosen (self, chosen, &report, &error);
  _mg_study_toast_merge (self, &report, error);
}

GtkWidget *
_mg_study_show_merge (MgStudy *self)
{
  MgMergeDialog *dialog = mg_merge_dialog_new (GTK_WINDOW (self->window),
                                               G_LIST_MODEL (self->layers));

  g_signal_connect_object (dialog, "response", G_CALLBACK (merge_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  return GTK_WIDGET (dialog);
}

/* Agreement */

void
_mg_study_show_agreement (MgStudy *self)
{
  g_autoptr(GPtrArray) stores = g_ptr_array_new ();
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  g_autoptr(GPtrArray) results = NULL;
  g_autofree char *members = NULL;
  MgAnnotationStore *own = mg_window_get_store (self->window);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->layers));
  MgDocument *document;

  if (own == NULL)
    return;
  document = mg_annotation_store_get_document (own);
  if (mg_annotation_store_get_n_annotations (own) > 0)
    {
      g_ptr_array_add (stores, own);
      g_ptr_array_add (names, (gpointer) _("You"));
    }
  for (guint l = 0; l < n; l++)
    {
      MgLayer *layer = g_list_model_get_item (G_LIST_MODEL (self->layers), l);

      if (mg_layer_get_visible (layer))
        {
          g_ptr_array_add (stores, mg_layer_get_store (layer));
          g_ptr_array_add (names, (gpointer) mg_layer_get_author (layer));
        }
      g_object_unref (layer);   /* the list keeps it */
    }

  if (stores->len >= 2 && document != NULL)
    {
      g_ptr_array_add (names, NULL);
      members = g_strjoinv (", ", (char **) names->pdata);
      results = mg_agreement_compute_stores ((MgAnnotationStore * const *) stores->pdata,
                                             stores->len, mg_document_get_length (document));
    }
  gtk_window_present (GTK_WINDOW (mg_agreement_window_new (GTK_WINDOW (self->window), members, results,
                                                           mg_annotation_store_get_tag_set (own))));
}
