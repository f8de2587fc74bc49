/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Marginalia"
#include "config.h"

#include <glib/gi18n.h>

#include "mg-window-private.h"
#include "mg-window-statistics.h"

#define STATISTICS_KEY "mg-statistics-window"
#define STORE_KEY      "mg-statistics-store"

static void show_stores (MgWindow           *self,
                         MgStatisticsWindow *statistics);

MgStatisticsWindow *
mg_window_get_statistics_window (MgWindow *self)
{
  g_return_val_if_fail (MG_IS_WINDOW (self), NULL);
  return g_object_get_data (G_OBJECT (self), STATISTICS_KEY);
}

static void
statistics_mark_activated (MgWindow   *self,
                           guint       speech,
                           const char *annotation_id)
{
  MgCollection *collection = mg_window_get_collection (self);
  MgAnnotation *annotation;
  guint k = 0;

  /* In a study, the index counts the speeches that have annotations. */
  for (guint i = 0; collection != NULL && i < mg_collection_get_n_speeches (collection); i++)
    {
      MgCollectionSpeech *other = mg_collection_get_speech (collection, i);

      if (mg_collection_speech_get_store (other) == NULL)
        continue;
      if (k++ == speech)
        {
          if (mg_collection_speech_get_store (other) != self->store)
            mg_window_show_speech (self, other);
          break;
        }
    }
  if (self->store == NULL)
    return;
  annotation = mg_annotation_store_lookup (self->store, annotation_id);
  if (annotation == NULL)
    return;
  _mg_window_set_selected (self, annotation);
  mg_document_view_reveal_annotation (self->document_view, annotation);
  gtk_window_present (GTK_WINDOW (self));
}

static void
statistics_destroyed (MgWindow *self)
{
  g_object_set_data (G_OBJECT (self), STATISTICS_KEY, NULL);
}

static void
show_stores (MgWindow           *self,
             MgStatisticsWindow *statistics)
{
  MgCollection *collection = mg_window_get_collection (self);
  g_autoptr(GPtrArray) stores = g_ptr_array_new ();
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  guint current = 0;

  /* A study: every speech's annotations, the one shown first alone. */
  for (guint i = 0; collection != NULL && i < mg_collection_get_n_speeches (collection); i++)
    {
      MgCollectionSpeech *speech = mg_collection_get_speech (collection, i);
      MgAnnotationStore *store = mg_collection_speech_get_store (speech);

      if (store == NULL)
        continue;
      if (store == self->store)
        current = stores->len;
      g_ptr_array_add (stores, store);
      g_ptr_array_add (names, (gpointer) mg_collection_speech_get_name (speech));
    }
  if (stores->len == 0 || g_ptr_array_index (stores, current) != self->store)
    {
      g_ptr_array_set_size (stores, 0);
      g_ptr_array_set_size (names, 0);
      g_ptr_array_add (stores, self->store);
      g_ptr_array_add (names, NULL);
      current = 0;
    }
  /* Only compared, never used: the statistics window keeps its stores. */
  g_object_set_data (G_OBJECT (statistics), STORE_KEY, self->store);
  mg_statistics_window_set_stores (statistics, (MgAnnotationStore * const *) stores->pdata,
                                   stores->len > 1 ? (const char * const *) names->pdata : NULL,
                                   stores->len, current);
}

static void
statistics_action (GSimpleAction *action,
                   GVariant      *parameter,
                   gpointer       data)
{
  MgWindow *self = data;
  MgStatisticsWindow *statistics = mg_window_get_statistics_window (self);

  if (self->store == NULL)
    return;
  if (statistics == NULL)
    {
      statistics = MG_STATISTICS_WINDOW (mg_statistics_window_new (GTK_WINDOW (self)));
      g_object_set_data (G_OBJECT (self), STATISTICS_KEY, statistics);
      g_signal_connect_object (statistics, "mark-activated", G_CALLBACK (statistics_mark_activated),
                               self, G_CONNECT_SWAPPED);
      g_signal_connect_object (statistics, "destroy", G_CALLBACK (statistics_destroyed),
                               self, G_CONNECT_SWAPPED);
    }
  show_stores (self, statistics);
  gtk_window_present (GTK_WINDOW (statistics));
}

/* Another speech shown in the window (or its annotations started
 * afresh): the view follows it. */
static void
store_changed (MgWindow *self)
{
  MgStatisticsWindow *statistics = mg_window_get_statistics_window (self);

  if (statistics != NULL && self->store != NULL
      && g_object_get_data (G_OBJECT (statistics), STORE_KEY) != self->store)
    show_stores (self, statistics);
}

static const GActionEntry actions[] = {
  { "statistics", statistics_action, NULL, NULL, NULL, { 0 } },
};

void
_mg_window_init_statistics (MgWindow *self)
{
  _mg_window_add_actions (self, actions, G_N_ELEMENTS (actions));
  _mg_window_bind_enabled (self, "statistics", "document-ready");
  g_signal_connect (self, "notify::store", G_CALLBACK (store_changed), NULL);
}
