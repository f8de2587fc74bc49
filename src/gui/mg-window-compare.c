/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Marginalia"
#include "config.h"

#include "mg-window-compare.h"
#include "mg-window-private.h"

#define COMPARE_KEY "mg-compare-window"

MgCompareWindow *
mg_window_get_compare_window (MgWindow *self)
{
  g_return_val_if_fail (MG_IS_WINDOW (self), NULL);
  return g_object_get_data (G_OBJECT (self), COMPARE_KEY);
}

typedef struct
{
  guint start;
  guint end;
} Range;

static void
reveal (MgWindow *window,
        guint     start,
        guint     end)
{
  mg_document_view_reveal_range (window->document_view, start, end);
  gtk_window_present (GTK_WINDOW (window));
}

static void
opened (MgWindow *window,
        Range    *range)
{
  g_signal_handlers_disconnect_by_func (window, opened, range);
  if (mg_window_has_document (window))
    reveal (window, range->start, range->end);
  g_free (range);
}

static void
show_passage (MgWindow          *self,
              GFile             *speech,
              MgAnnotationStore *store,
              guint              start,
              guint              end)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));
  MgWindow *other;
  Range *range;

  if (store == self->store)
    {
      reveal (self, start, end);
      return;
    }
  /* Another speech of the study: shown in this window. */
  if (mg_window_get_collection (self) != NULL)
    {
      MgCollectionSpeech *shown = mg_collection_lookup (mg_window_get_collection (self), speech);

      if (shown != NULL && mg_collection_speech_get_store (shown) == store)
        {
          mg_window_show_speech (self, shown);
          if (self->store == store)
            reveal (self, start, end);
          return;
        }
    }
  for (GList *l = app != NULL ? gtk_application_get_windows (app) : NULL; l != NULL; l = l->next)
    if (MG_IS_WINDOW (l->data) && MG_WINDOW (l->data)->file != NULL
        && g_file_equal (MG_WINDOW (l->data)->file, speech) && !mg_window_is_loading (l->data))
      {
        reveal (l->data, start, end);
        return;
      }
  if (app == NULL)
    return;
  other = mg_window_new (MG_APPLICATION (app));
  gtk_window_present (GTK_WINDOW (other));
  range = g_new0 (Range, 1);
  range->start = start;
  range->end = end;
  g_signal_connect (other, "loaded", G_CALLBACK (opened), range);
  mg_window_open_file (other, speech);
}

static void
compare_destroyed (MgWindow *self)
{
  g_object_set_data (G_OBJECT (self), COMPARE_KEY, NULL);
}

static void
compare_action (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       data)
{
  MgWindow *self = data;
  MgCompareWindow *compare = mg_window_get_compare_window (self);

  if (self->store == NULL || self->file == NULL)
    return;
  if (compare == NULL)
    {
      compare = MG_COMPARE_WINDOW (mg_compare_window_new (GTK_WINDOW (self)));
      g_object_set_data (G_OBJECT (self), COMPARE_KEY, compare);
      g_signal_connect_object (compare, "show-passage", G_CALLBACK (show_passage), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (compare, "destroy", G_CALLBACK (compare_destroyed), self, G_CONNECT_SWAPPED);
    }
  /* A study offers its speeches, the one shown as the later and the one
   * before it (else after it) as the earlier. */
  if (mg_window_get_collection (self) != NULL)
    {
      MgCollection *collection = mg_window_get_collection (self);
      int current = -1, other = -1;

      for (guint i = 0; i < mg_collection_get_n_speeches (collection); i++)
        {
          MgCollectionSpeech *speech = mg_collection_get_speech (collection, i);
          MgAnnotationStore *store = mg_collection_speech_get_store (speech);
          guint index;

          if (store == NULL || mg_annotation_store_get_document (store) == NULL)
            continue;
          index = mg_compare_window_add_speech (compare, mg_collection_speech_get_file (speech), store);
          if (store == self->store)
            current = (int) index;
          else if (current < 0 || other < 0)
            other = (int) index;
        }
      if (current >= 0 && other >= 0)
        mg_compare_window_set_pair (compare, (guint) other, (guint) current);
    }
  mg_compare_window_add_speech (compare, self->file, self->store);
  gtk_window_present (GTK_WINDOW (compare));
}

static const GActionEntry actions[] = {
  { "compare", compare_action, NULL, NULL, NULL, { 0 } },
};

void
_mg_window_init_compare (MgWindow *self)
{
  _mg_window_add_actions (self, actions, G_N_ELEMENTS (actions));
  _mg_window_bind_enabled (self, "compare", "document-ready");
}
