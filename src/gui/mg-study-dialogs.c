/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Marginalia"
#include "config.h"

#include <glib/gi18n.h>

#include "mg-agreement.h"
#include "mg-agreement-window.h"
#include "mg-self-contained.h"
#include "mg-study-private.h"

/* The layers popover */

static void
remove_layer_clicked (GtkButton *button,
                      MgStudy   *self)
{
  MgLayer *layer = g_object_get_data (G_OBJECT (button), "mg-layer");
  guint position;

  if (layer != NULL && g_list_store_find (self->layers, layer, &position))
    {
      g_list_store_remove (self->layers, position);
      _mg_study_queue_redraw (self);
      _mg_study_update_actions (self);
    }
}

static GtkWidget *
create_layer_row (gpointer item,
                  gpointer data)
{
  MgStudy *self = data;
  MgLayer *layer = item;
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *swatch, *visible, *remove;
  g_autofree char *markup = NULL;
  g_autofree char *file_name = g_file_get_basename (mg_layer_get_file (layer));
  g_autofree char *subtitle = NULL;

  markup = g_markup_printf_escaped ("<span foreground=\"%s\" size=\"x-large\">●</span>",
                                    _mg_study_layer_color (self, layer));
  swatch = gtk_label_new (NULL);
  gtk_label_set_markup (GTK_LABEL (swatch), markup);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), swatch);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), mg_layer_get_author (layer));
  subtitle = mg_layer_get_reanchored (layer)
    ? g_strdup_printf (_("%s · re-anchored on this speech"), file_name)
    : g_strdup (file_name);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);

  visible = gtk_switch_new ();
  gtk_widget_set_valign (visible, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (visible),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Show"), -1);
  g_object_bind_property (layer, "visible", visible, "active",
                          G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), visible);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), visible);

  remove = gtk_button_new_from_icon_name ("window-close-symbolic");
  gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (remove, "flat");
  gtk_widget_set_tooltip_text (remove, _("Remove"));
  g_object_set_data_full (G_OBJECT (remove), "mg-layer", g_object_ref (layer), g_object_unref);
  g_signal_connect (remove, "clicked", G_CALLBACK (remove_layer_clicked), self);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), remove);

  return row;
}

static GtkWidget *
action_button (const char *label,
               const char *action_name)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (label);

  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action_name);
  return button;
}

void
_mg_study_build_menu (MgStudy *self)
{
  GtkWidget *header, *popover, *box, *list, *heat, *buttons, *placeholder;
  GMenuModel *model;

  popover = gtk_popover_new ();
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  gtk_widget_set_size_request (box, 340, -1);
  gtk_popover_set_child (GTK_POPOVER (popover), box);

  list = gtk_list_box_new ();
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  placeholder = gtk_label_new (_("Add the annotation files of other members of your group "
                                 "to see their work over the speech."));
  gtk_label_set_wrap (GTK_LABEL (placeholder), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (placeholder), 36);
  gtk_widget_add_css_class (placeholder, "dim-label");
  gtk_widget_set_margin_top (placeholder, 12);
  gtk_widget_set_margin_bottom (placeholder, 12);
  gtk_widget_set_margin_start (placeholder, 12);
  gtk_widget_set_margin_end (placeholder, 12);
  gtk_list_box_set_placeholder (GTK_LIST_BOX (list), placeholder);
  gtk_list_box_bind_model (GTK_LIST_BOX (list), G_LIST_MODEL (self->layers),
                           create_layer_row, self, NULL);
  gtk_box_append (GTK_BOX (box), list);

  heat = gtk_toggle_button_new_with_mnemonic (_("_Heat"));
  gtk_widget_set_tooltip_text (heat, _("Colour the text by how many members highlighted each passage"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (heat), "study.heat");

  buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_box_set_homogeneous (GTK_BOX (buttons), TRUE);
  gtk_box_append (GTK_BOX (buttons), action_button (_("_Add…"), "study.add-layer"));
  gtk_box_append (GTK_BOX (buttons), heat);
  gtk_box_append (GTK_BOX (box), buttons);
  _mg_study_add_heat_legend (self, GTK_BOX (box));

  buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_box_set_homogeneous (GTK_BOX (buttons), TRUE);
  gtk_box_append (GTK_BOX (buttons), action_button (_("_Merge…"), "study.merge"));
  gtk_box_append (GTK_BOX (buttons), action_button (_("A_greement…"), "study.agreement"));
  gtk_box_append (GTK_BOX (box), buttons);

  self->menu_button = gtk_menu_button_new ();
  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (self->menu_button), "system-users-symbolic");
  gtk_widget_set_tooltip_text (self->menu_button, _("Members’ Annotations"));
  gtk_menu_button_set_popover (GTK_MENU_BUTTON (self->menu_button), popover);

  header = gtk_widget_get_ancestor (GTK_WIDGET (self->window->primary_menu_button),
                                    ADW_TYPE_HEADER_BAR);
  if (header != NULL)
    adw_header_bar_pack_end (ADW_HEADER_BAR (header), self->menu_button);

  /* The primary menu: the same actions, by keyboard too. */
  model = gtk_menu_button_get_menu_model (self->window->primary_menu_button);
  if (G_IS_MENU (model))
    {
      g_autoptr(GMenu) section = g_menu_new ();

      g_menu_append (section, _("Add a Member’s Annotations…"), "study.add-layer");
      g_menu_append (section, _("Merge into My Annotations…"), "study.merge");
      g_menu_append (section, _("Agreement…"), "study.agreement");
      g_menu_append (section, _("Share Annotations…"), "study.share");
      g_menu_append (section, _("Save the Speech Beside the Shared File"), "study.save-speech");
      g_menu_insert_section (G_MENU (model), 1, NULL, G_MENU_MODEL (section));
    }
}

/* Adding members' files: loaded in a thread, since re-anchoring a large
 * file on an edited speech takes a while. */

typedef struct
{
  GFile      *file;
  MgDocument *document;
} LoadLayer;

static void
load_layer_free (LoadLayer *data)
{
  g_object_unref (data->file);
  g_object_unref (data->document);
  g_free (data);
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
  MgStudy *self = MG_STUDY (source);
  LoadLayer *data = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  g_autoptr(MgLayer) layer = g_task_propagate_pointer (G_TASK (result), &error);
  g_autofree char *name = g_file_get_basename (data->file);
  g_autofree char *title = NULL;
  gboolean present = FALSE;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (layer != NULL &&
      _mg_study_check_addable (self, data->file, &present, NULL) != data->document)
    return;   /* another speech by now, or added meanwhile */

  if (layer == NULL)
    title = g_strdup_printf (_("Could not add “%s”: %s"), name, error->message);
  else
    {
      _mg_study_insert_layer (self, layer);
      title = g_strdup_printf (_("Added the annotations of %s"), mg_layer_get_author (layer));
    }
  _mg_study_toast (self, title, NULL, NULL, FALSE);
}

void
mg_study_add_layer_files (MgStudy *self,
                          GSList  *files)
{
  g_return_if_fail (MG_IS_STUDY (self));

  if (self->cancellable == NULL)
    self->cancellable = g_cancellable_new ();

  for (GSList *l = files; l != NULL; l = l->next)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GTask) task = NULL;
      gboolean present = FALSE;
      MgDocument *document = _mg_study_check_addable (self, l->data, &present, &error);
      LoadLayer *data;

      if (document == NULL)
        {
          if (!present)
            {
              g_autofree char *name = g_file_get_basename (l->data);
              g_autofree char *title = g_strdup_printf (_("Could not add “%s”: %s"),
                                                        name, error->message);

              _mg_study_toast (self, title, NULL, NULL, FALSE);
            }
          continue;
        }

      data = g_new0 (LoadLayer, 1);
      data->file = g_object_ref (l->data);
      data->document = g_object_ref (document);
      task = g_task_new (self, self->cancellable, load_layer_done, NULL);
      g_task_set_task_data (task, data, (GDestroyNotify) load_layer_free);
      g_task_run_in_thread (task, load_layer_thread);
    }
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

typedef struct
{
  MgStudy     *study;
  GtkDropDown *authors;
  GtkDropDown *tags;
  GtkListBox  *choices;
  GPtrArray   *author_names;   /* "" first: everyone */
  GPtrArray   *tag_ids;        /* "" first: every tag */
  GPtrArray   *candidates;     /* MgAnnotation of the visible layers */
  GPtrArray   *checks;         /* GtkCheckButton, parallel to candidates */
} MergeDialog;

static void
merge_dialog_free (MergeDialog *data)
{
  g_ptr_array_unref (data->author_names);
  g_ptr_array_unref (data->tag_ids);
  g_ptr_array_unref (data->candidates);
  g_ptr_array_unref (data->checks);
  g_free (data);
}

static const char *
selected_or_null (GtkDropDown *drop_down,
                  GPtrArray   *values)
{
  guint i = gtk_drop_down_get_selected (drop_down);
  const char *value = i < values->len ? g_ptr_array_index (values, i) : "";

  return *value != '\0' ? value : NULL;
}

static char *
describe_candidate (MgAnnotation *annotation)
{
  const char *quote = mg_annotation_get_quote (annotation);
  g_autofree char *shown = NULL;

  if (g_utf8_strlen (quote, -1) > 40)
    {
      g_autofree char *head = g_utf8_substring (quote, 0, 40);
      shown = g_strconcat (head, "…", NULL);
    }
  else
    shown = g_strdup (quote);
  /* Translators: a member's annotation offered for merging: ¶paragraph, quote, author. */
  return g_strdup_printf (_("¶%u “%s” — %s"), mg_annotation_get_paragraph (annotation),
                          shown, mg_annotation_get_author (annotation));
}

/* Lists the annotations the author and tag choices let through, each with
 * a check button, so that they can be merged one by one. */
static void
fill_choices (MergeDialog *data)
{
  MgStudy *self = data->study;
  const char *author = selected_or_null (data->authors, data->author_names);
  const char *tag_id = selected_or_null (data->tags, data->tag_ids);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->layers));
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (data->choices))) != NULL)
    gtk_list_box_remove (data->choices, child);
  g_ptr_array_set_size (data->candidates, 0);
  g_ptr_array_set_size (data->checks, 0);

  for (guint l = 0; l < n; l++)
    {
      g_autoptr(MgLayer) layer = g_list_model_get_item (G_LIST_MODEL (self->layers), l);
      MgAnnotationStore *store = mg_layer_get_store (layer);

      if (!mg_layer_get_visible (layer))
        continue;
      for (guint i = 0; i < mg_annotation_store_get_n_annotations (store); i++)
        {
          MgAnnotation *a = mg_annotation_store_get_annotation (store, i);
          g_autofree char *label = NULL;
          GtkWidget *check;

          if (mg_annotation_is_orphaned (a) ||
              (author != NULL && g_strcmp0 (mg_annotation_get_author (a), author) != 0) ||
              (tag_id != NULL && !mg_annotation_has_tag (a, tag_id)))
            continue;
          label = describe_candidate (a);
          check = gtk_check_button_new_with_label (label);
          gtk_check_button_set_active (GTK_CHECK_BUTTON (check), TRUE);
          gtk_list_box_append (data->choices, check);
          g_ptr_array_add (data->candidates, g_object_ref (a));
          g_ptr_array_add (data->checks, check);
        }
    }
}

static void
choice_changed (GtkDropDown *drop_down,
                GParamSpec  *pspec,
                MergeDialog *data)
{
  fill_choices (data);
}

/* Merges the annotations left ticked (one undoable step). */
static void
merge_ticked (MergeDialog *data)
{
  g_autoptr(GPtrArray) chosen = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  MgMergeReport report = { 0, 0, 0 };

  for (guint i = 0; i < data->checks->len; i++)
    if (gtk_check_button_get_active (g_ptr_array_index (data->checks, i)))
      g_ptr_array_add (chosen, g_ptr_array_index (data->candidates, i));

  mg_study_merge_chosen (data->study, chosen, &report, &error);
  _mg_study_toast_merge (data->study, &report, error);
}

static void
merge_response (AdwMessageDialog *dialog,
                const char       *response,
                MergeDialog      *data)
{
  if (g_strcmp0 (response, "merge") == 0)
    merge_ticked (data);
}

GtkWidget *
_mg_study_show_merge (MgStudy *self)
{
  MergeDialog *data = g_new0 (MergeDialog, 1);
  g_autoptr(GHashTable) seen_authors = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) seen_tags = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GtkStringList) author_labels = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) tag_labels = gtk_string_list_new (NULL);
  GtkWidget *dialog, *box, *scrolled;
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->layers));

  data->study = self;
  data->author_names = g_ptr_array_new_with_free_func (g_free);
  data->tag_ids = g_ptr_array_new_with_free_func (g_free);
  data->candidates = g_ptr_array_new_with_free_func (g_object_unref);
  data->checks = g_ptr_array_new ();
  g_ptr_array_add (data->author_names, g_strdup (""));
  g_ptr_array_add (data->tag_ids, g_strdup (""));
  gtk_string_list_append (author_labels, _("Every member"));
  gtk_string_list_append (tag_labels, _("Every tag"));

  for (guint l = 0; l < n; l++)
    {
      g_autoptr(MgLayer) layer = g_list_model_get_item (G_LIST_MODEL (self->layers), l);
      MgAnnotationStore *store = mg_layer_get_store (layer);
      MgTagSet *tags = mg_annotation_store_get_tag_set (store);

      if (!mg_layer_get_visible (layer))
        continue;
      {
        g_auto(GStrv) authors = mg_annotation_store_dup_authors (store, FALSE);

        for (guint i = 0; authors[i] != NULL; i++)
          if (g_hash_table_add (seen_authors, g_strdup (authors[i])))
            g_ptr_array_add (data->author_names, g_strdup (authors[i]));
      }
      for (guint i = 0; i < mg_tag_set_get_n_tags (tags); i++)
        {
          MgTag *tag = mg_tag_set_get_tag (tags, i);

          if (mg_annotation_store_count_tag (store, mg_tag_get_id (tag)) > 0 &&
              g_hash_table_add (seen_tags, (gpointer) mg_tag_get_id (tag)))
            {
              g_ptr_array_add (data->tag_ids, g_strdup (mg_tag_get_id (tag)));
              gtk_string_list_append (tag_labels, mg_tag_get_display_name (tag));
            }
        }
    }
  for (guint i = 1; i < data->author_names->len; i++)
    gtk_string_list_append (author_labels, g_ptr_array_index (data->author_names, i));

  dialog = adw_message_dialog_new (GTK_WINDOW (self->window), _("Merge into My Annotations"),
                                   _("The ticked annotations of the members shown are copied "
                                     "into yours. The same passage with the same tags becomes "
                                     "one annotation crediting everyone; differing notes are "
                                     "all kept. You can undo the merge."));
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  data->authors = GTK_DROP_DOWN (gtk_drop_down_new (G_LIST_MODEL (g_object_ref (author_labels)), NULL));
  data->tags = GTK_DROP_DOWN (gtk_drop_down_new (G_LIST_MODEL (g_object_ref (tag_labels)), NULL));
  gtk_accessible_update_property (GTK_ACCESSIBLE (data->authors),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Whose annotations"), -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (data->tags),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Which tag"), -1);
  data->choices = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (data->choices, GTK_SELECTION_NONE);
  gtk_widget_add_css_class (GTK_WIDGET (data->choices), "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (data->choices),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Annotations to merge"), -1);
  scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scrolled), TRUE);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scrolled), 260);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), GTK_WIDGET (data->choices));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (data->authors));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (data->tags));
  gtk_box_append (GTK_BOX (box), scrolled);
  fill_choices (data);
  g_signal_connect (data->authors, "notify::selected", G_CALLBACK (choice_changed), data);
  g_signal_connect (data->tags, "notify::selected", G_CALLBACK (choice_changed), data);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), box);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "merge", _("_Merge"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "merge",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "merge");
  g_object_set_data (G_OBJECT (dialog), "mg-merge-checks", data->checks);
  g_signal_connect_data (dialog, "response", G_CALLBACK (merge_response), data,
                         (GClosureNotify) (void (*) (void)) merge_dialog_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  return dialog;
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
