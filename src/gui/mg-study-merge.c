/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Marginalia"
#include "config.h"

#include <glib/gi18n.h>

#include "mg-study-private.h"

/* Merging */

typedef struct
{
  const char *author;
  const char *tag_id;
} AuthorTag;

static gboolean
by_author_and_tag (MgAnnotation *a,
                   gpointer      data)
{
  AuthorTag *want = data;

  if (want->author != NULL && g_strcmp0 (mg_annotation_get_author (a), want->author) != 0)
    return FALSE;
  if (want->tag_id != NULL && !mg_annotation_has_tag (a, want->tag_id))
    return FALSE;
  return TRUE;
}

static gboolean
in_set (MgAnnotation *a,
        gpointer      data)
{
  return g_hash_table_contains (data, a);
}

/* Merges the annotations of the visible layers that @filter accepts, as
 * one undoable step. */
static gboolean
merge_where (MgStudy           *self,
             MgMergeFilterFunc  filter,
             gpointer           filter_data,
             MgMergeReport     *report,
             GError           **error)
{
  MgAnnotationStore *store = mg_window_get_store (self->window);
  g_autoptr(GPtrArray) layers = g_ptr_array_new_with_free_func (g_object_unref);
  guint n_layers = g_list_model_get_n_items (G_LIST_MODEL (self->layers));
  gboolean ok;

  if (store == NULL || !_mg_window_is_writable (self->window))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_READ_ONLY,
                           _("Your annotations cannot be changed"));
      return FALSE;
    }

  for (guint l = 0; l < n_layers; l++)
    g_ptr_array_add (layers, g_list_model_get_item (G_LIST_MODEL (self->layers), l));
  ok = mg_merge_layers (store, layers, filter, filter_data, NULL, NULL, report, error);
  return ok;
}

gboolean
mg_study_merge (MgStudy       *self,
                const char    *author,
                const char    *tag_id,
                MgMergeReport *report,
                GError       **error)
{
  AuthorTag want = { author, tag_id };

  g_return_val_if_fail (MG_IS_STUDY (self), FALSE);

  if (want.author != NULL && *want.author == '\0')
    want.author = NULL;
  if (want.tag_id != NULL && *want.tag_id == '\0')
    want.tag_id = NULL;
  return merge_where (self, by_author_and_tag, &want, report, error);
}

gboolean
mg_study_merge_chosen (MgStudy       *self,
                       GPtrArray     *annotations,
                       MgMergeReport *report,
                       GError       **error)
{
  g_autoptr(GHashTable) chosen = g_hash_table_new (NULL, NULL);

  g_return_val_if_fail (MG_IS_STUDY (self), FALSE);
  g_return_val_if_fail (annotations != NULL, FALSE);

  for (guint i = 0; i < annotations->len; i++)
    g_hash_table_add (chosen, g_ptr_array_index (annotations, i));
  return merge_where (self, in_set, chosen, report, error);
}

void
_mg_study_toast_merge (MgStudy             *self,
                       const MgMergeReport *report,
                       const GError        *error)
{
  g_autofree char *title = NULL;

  if (error != NULL)
    {
      title = g_strdup_printf (_("Could not merge: %s"), error->message);
      _mg_study_toast (self, title, NULL, NULL, FALSE);
      return;
    }
  title = g_strdup_printf (_("Merged: %u added, %u merged, %u already there"),
                           report->added, report->merged, report->skipped);
  _mg_study_toast (self, title, NULL, NULL, report->added + report->merged > 0);
}
