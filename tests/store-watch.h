/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <string.h>

#include "mg-annotation-store.h"

/* Shared by the store tests. */

/* Watches a store: a shadow copy of the model kept only from
 * items-changed (so a wrong emission shows as a mismatch), and counts of
 * signals and property notifications. */
typedef struct
{
  MgAnnotationStore *store;
  GPtrArray         *shadow;
  GHashTable        *notify;            /* property name → count */
  guint              items_changed;
  guint              changed;
  guint              annotation_changed;
  MgAnnotation      *last_changed;
} Watch;

static inline void
on_items_changed (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  Watch      *watch)
{
  g_assert_cmpuint (position + removed, <=, watch->shadow->len);
  g_ptr_array_remove_range (watch->shadow, position, removed);
  for (guint i = 0; i < added; i++)
    g_ptr_array_insert (watch->shadow, position + i,
                        g_list_model_get_item (model, position + i));
  watch->items_changed++;
}

static inline void
on_notify (GObject    *object,
           GParamSpec *pspec,
           Watch      *watch)
{
  guint n = GPOINTER_TO_UINT (g_hash_table_lookup (watch->notify, pspec->name));

  g_hash_table_insert (watch->notify, (gpointer) pspec->name, GUINT_TO_POINTER (n + 1));
}

static inline void
on_changed (MgAnnotationStore *store,
            Watch             *watch)
{
  watch->changed++;
}

static inline void
on_annotation_changed (MgAnnotationStore *store,
                       MgAnnotation      *annotation,
                       Watch             *watch)
{
  watch->annotation_changed++;
  watch->last_changed = annotation;
}

static inline void
watch_init (Watch             *watch,
            MgAnnotationStore *store)
{
  memset (watch, 0, sizeof *watch);
  watch->store = store;
  watch->shadow = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (store)); i++)
    g_ptr_array_add (watch->shadow, g_list_model_get_item (G_LIST_MODEL (store), i));
  watch->notify = g_hash_table_new (g_str_hash, g_str_equal);
  g_signal_connect (store, "items-changed", G_CALLBACK (on_items_changed), watch);
  g_signal_connect (store, "notify", G_CALLBACK (on_notify), watch);
  g_signal_connect (store, "changed", G_CALLBACK (on_changed), watch);
  g_signal_connect (store, "annotation-changed", G_CALLBACK (on_annotation_changed), watch);
}

static inline guint
notified (Watch      *watch,
          const char *name)
{
  return GPOINTER_TO_UINT (g_hash_table_lookup (watch->notify, name));
}

static inline void
watch_reset (Watch *watch)
{
  g_hash_table_remove_all (watch->notify);
  watch->items_changed = 0;
  watch->changed = 0;
  watch->annotation_changed = 0;
  watch->last_changed = NULL;
}

/* The model matches the shadow, is sorted and agrees with lookup/index_of. */
static inline void
watch_check (Watch *watch)
{
  GListModel *model = G_LIST_MODEL (watch->store);
  guint n = g_list_model_get_n_items (model);

  g_assert_cmpuint (n, ==, watch->shadow->len);
  g_assert_cmpuint (n, ==, mg_annotation_store_get_n_annotations (watch->store));
  for (guint i = 0; i < n; i++)
    {
      MgAnnotation *a = mg_annotation_store_get_annotation (watch->store, i);

      g_assert_true (a == g_ptr_array_index (watch->shadow, i));
      g_assert_cmpint (mg_annotation_store_index_of (watch->store, a), ==, i);
      g_assert_true (mg_annotation_store_lookup (watch->store, mg_annotation_get_id (a)) == a);
      if (i > 0)
        g_assert_cmpint (mg_annotation_compare (mg_annotation_store_get_annotation (watch->store, i - 1), a), <, 0);
    }

  /* Tag counts agree with a recount. */
  {
    MgTagSet *tags = mg_annotation_store_get_tag_set (watch->store);

    for (guint t = 0; t < mg_tag_set_get_n_tags (tags); t++)
      {
        const char *id = mg_tag_get_id (mg_tag_set_get_tag (tags, t));
        guint expected = 0;

        for (guint i = 0; i < n; i++)
          expected += mg_annotation_has_tag (mg_annotation_store_get_annotation (watch->store, i), id);
        g_assert_cmpuint (mg_annotation_store_count_tag (watch->store, id), ==, expected);
      }
  }
}

static inline void
watch_clear (Watch *watch)
{
  g_signal_handlers_disconnect_by_data (watch->store, watch);
  g_ptr_array_unref (watch->shadow);
  g_hash_table_unref (watch->notify);
}

static inline MgAnnotation *
add (MgAnnotationStore *store,
     const char        *id,
     guint              start,
     guint              end)
{
  MgAnnotation *a = mg_annotation_new (id, start, end);
  g_autoptr(GError) error = NULL;

  g_assert_true (mg_annotation_store_add (store, a, &error));
  g_assert_no_error (error);
  g_object_unref (a);
  return a;
}


static inline void
count_calls (gpointer data)
{
  (*(guint *) data)++;
}

