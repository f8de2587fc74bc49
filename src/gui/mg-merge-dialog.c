/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Marginalia"
#include "config.h"

#include <glib/gi18n.h>

#include "mg-layer.h"
#include "mg-merge-dialog.h"

struct _MgMergeDialog
{
  AdwMessageDialog  parent_instance;

  GtkDropDown      *authors;
  GtkDropDown      *tags;
  GtkStringList    *author_labels;
  GtkStringList    *tag_labels;
  GtkListBox       *choices;

  GListModel       *layers;        /* MgLayer */
  GPtrArray        *author_names;  /* "" first: everyone */
  GPtrArray        *tag_ids;       /* "" first: every tag */
  GListStore       *candidates;    /* MgAnnotation of the visible layers */
  GHashTable       *unticked;      /* MgAnnotation → itself */
};

G_DEFINE_FINAL_TYPE (MgMergeDialog, mg_merge_dialog, ADW_TYPE_MESSAGE_DIALOG)

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

static void
check_toggled (GtkCheckButton *check,
               MgMergeDialog  *self)
{
  MgAnnotation *annotation = g_object_get_data (G_OBJECT (check), "mg-annotation");

  if (gtk_check_button_get_active (check))
    g_hash_table_remove (self->unticked, annotation);
  else
    g_hash_table_add (self->unticked, annotation);
}

static GtkWidget *
create_choice (gpointer item,
               gpointer data)
{
  MgMergeDialog *self = data;
  g_autofree char *label = describe_candidate (item);
  GtkWidget *check = gtk_check_button_new_with_label (label);

  gtk_check_button_set_active (GTK_CHECK_BUTTON (check),
                               !g_hash_table_contains (self->unticked, item));
  g_object_set_data (G_OBJECT (check), "mg-annotation", item);
  g_signal_connect (check, "toggled", G_CALLBACK (check_toggled), self);
  return check;
}

/* Offers the annotations the member and tag choices let through, all
 * ticked. */
static void
choice_changed (MgMergeDialog *self)
{
  const char *author = selected_or_null (self->authors, self->author_names);
  const char *tag_id = selected_or_null (self->tags, self->tag_ids);
  g_autoptr(GPtrArray) found = g_ptr_array_new ();
  guint n = self->layers != NULL ? g_list_model_get_n_items (self->layers) : 0;

  for (guint l = 0; l < n; l++)
    {
      g_autoptr(MgLayer) layer = g_list_model_get_item (self->layers, l);
      MgAnnotationStore *store = mg_layer_get_store (layer);

      if (!mg_layer_get_visible (layer))
        continue;
      for (guint i = 0; i < mg_annotation_store_get_n_annotations (store); i++)
        {
          MgAnnotation *a = mg_annotation_store_get_annotation (store, i);

          if (mg_annotation_is_orphaned (a) ||
              (author != NULL && g_strcmp0 (mg_annotation_get_author (a), author) != 0) ||
              (tag_id != NULL && !mg_annotation_has_tag (a, tag_id)))
            continue;
          g_ptr_array_add (found, a);
        }
    }
  g_hash_table_remove_all (self->unticked);
  g_list_store_splice (self->candidates, 0, g_list_model_get_n_items (G_LIST_MODEL (self->candidates)),
                       found->pdata, found->len);
}

/* The members and the tags used among the visible layers, for the two
 * choices. */
static void
fill_choices (MgMergeDialog *self)
{
  g_autoptr(GHashTable) seen_authors = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) seen_tags = g_hash_table_new (g_str_hash, g_str_equal);
  guint n = g_list_model_get_n_items (self->layers);

  for (guint l = 0; l < n; l++)
    {
      g_autoptr(MgLayer) layer = g_list_model_get_item (self->layers, l);
      MgAnnotationStore *store = mg_layer_get_store (layer);
      MgTagSet *tags = mg_annotation_store_get_tag_set (store);
      g_auto(GStrv) authors = NULL;

      if (!mg_layer_get_visible (layer))
        continue;
      authors = mg_annotation_store_dup_authors (store, FALSE);
      for (guint i = 0; authors[i] != NULL; i++)
        if (g_hash_table_add (seen_authors, g_strdup (authors[i])))
          {
            g_ptr_array_add (self->author_names, g_strdup (authors[i]));
            gtk_string_list_append (self->author_labels, authors[i]);
          }
      for (guint i = 0; i < mg_tag_set_get_n_tags (tags); i++)
        {
          MgTag *tag = mg_tag_set_get_tag (tags, i);

          if (mg_annotation_store_count_tag (store, mg_tag_get_id (tag)) > 0 &&
              g_hash_table_add (seen_tags, (gpointer) mg_tag_get_id (tag)))
            {
              g_ptr_array_add (self->tag_ids, g_strdup (mg_tag_get_id (tag)));
              gtk_string_list_append (self->tag_labels, mg_tag_get_display_name (tag));
            }
        }
    }
}

static void
mg_merge_dialog_dispose (GObject *object)
{
  MgMergeDialog *self = MG_MERGE_DIALOG (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), MG_TYPE_MERGE_DIALOG);
  g_clear_object (&self->layers);
  g_clear_object (&self->candidates);

  G_OBJECT_CLASS (mg_merge_dialog_parent_class)->dispose (object);
}

static void
mg_merge_dialog_finalize (GObject *object)
{
  MgMergeDialog *self = MG_MERGE_DIALOG (object);

  g_ptr_array_unref (self->author_names);
  g_ptr_array_unref (self->tag_ids);
  g_hash_table_unref (self->unticked);

  G_OBJECT_CLASS (mg_merge_dialog_parent_class)->finalize (object);
}

static void
mg_merge_dialog_class_init (MgMergeDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mg_merge_dialog_dispose;
  object_class->finalize = mg_merge_dialog_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/marginalia/Marginalia/mg-merge-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, MgMergeDialog, authors);
  gtk_widget_class_bind_template_child (widget_class, MgMergeDialog, tags);
  gtk_widget_class_bind_template_child (widget_class, MgMergeDialog, author_labels);
  gtk_widget_class_bind_template_child (widget_class, MgMergeDialog, tag_labels);
  gtk_widget_class_bind_template_child (widget_class, MgMergeDialog, choices);
  gtk_widget_class_bind_template_callback (widget_class, choice_changed);
}

static void
mg_merge_dialog_init (MgMergeDialog *self)
{
  self->author_names = g_ptr_array_new_with_free_func (g_free);
  self->tag_ids = g_ptr_array_new_with_free_func (g_free);
  self->candidates = g_list_store_new (MG_TYPE_ANNOTATION);
  self->unticked = g_hash_table_new (NULL, NULL);
  g_ptr_array_add (self->author_names, g_strdup (""));
  g_ptr_array_add (self->tag_ids, g_strdup (""));

  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_string_list_append (self->author_labels, _("Every member"));
  gtk_string_list_append (self->tag_labels, _("Every tag"));
  gtk_list_box_bind_model (self->choices, G_LIST_MODEL (self->candidates),
                           create_choice, self, NULL);
}

MgMergeDialog *
mg_merge_dialog_new (GtkWindow  *parent,
                     GListModel *layers)
{
  MgMergeDialog *self;

  g_return_val_if_fail (G_IS_LIST_MODEL (layers), NULL);

  self = g_object_new (MG_TYPE_MERGE_DIALOG, "transient-for", parent, NULL);
  self->layers = g_object_ref (layers);
  fill_choices (self);
  choice_changed (self);
  return self;
}

GListModel *
mg_merge_dialog_get_candidates (MgMergeDialog *self)
{
  g_return_val_if_fail (MG_IS_MERGE_DIALOG (self), NULL);
  return G_LIST_MODEL (self->candidates);
}

gboolean
mg_merge_dialog_get_ticked (MgMergeDialog *self,
                            guint          position)
{
  g_autoptr(MgAnnotation) annotation = NULL;

  g_return_val_if_fail (MG_IS_MERGE_DIALOG (self), FALSE);

  annotation = g_list_model_get_item (G_LIST_MODEL (self->candidates), position);
  return annotation != NULL && !g_hash_table_contains (self->unticked, annotation);
}

void
mg_merge_dialog_set_ticked (MgMergeDialog *self,
                            guint          position,
                            gboolean       ticked)
{
  GtkListBoxRow *row;

  g_return_if_fail (MG_IS_MERGE_DIALOG (self));

  /* Through the check button, as a click would. */
  row = gtk_list_box_get_row_at_index (self->choices, (int) position);
  if (row != NULL)
    gtk_check_button_set_active (GTK_CHECK_BUTTON (gtk_list_box_row_get_child (row)), ticked);
}

GPtrArray *
mg_merge_dialog_dup_ticked (MgMergeDialog *self)
{
  GPtrArray *ticked = g_ptr_array_new_with_free_func (g_object_unref);
  guint n;

  g_return_val_if_fail (MG_IS_MERGE_DIALOG (self), ticked);

  n = g_list_model_get_n_items (G_LIST_MODEL (self->candidates));
  for (guint i = 0; i < n; i++)
    {
      MgAnnotation *annotation = g_list_model_get_item (G_LIST_MODEL (self->candidates), i);

      if (g_hash_table_contains (self->unticked, annotation))
        g_object_unref (annotation);
      else
        g_ptr_array_add (ticked, annotation);
    }
  return ticked;
}
