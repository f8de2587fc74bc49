/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Marginalia"
#include "config.h"

#include "mg-heat.h"

typedef struct
{
  guint position;
  int   delta;
} Event;

static int
compare_events (gconstpointer a,
                gconstpointer b)
{
  const Event *ea = a;
  const Event *eb = b;

  if (ea->position != eb->position)
    return ea->position < eb->position ? -1 : 1;
  return ea->delta - eb->delta;
}

/* One member's union of ranges as +1/-1 events. The store is sorted by
 * start, so the union takes one pass. */
static void
add_member_events (GArray            *events,
                   MgAnnotationStore *store,
                   const char        *tag_id)
{
  guint n = mg_annotation_store_get_n_annotations (store);
  gboolean open = FALSE;
  guint run_start = 0, run_end = 0;

  for (guint i = 0; i < n; i++)
    {
      MgAnnotation *a = mg_annotation_store_get_annotation (store, i);
      guint start, end;

      if (mg_annotation_is_orphaned (a))
        continue;
      if (tag_id != NULL && !mg_annotation_has_tag (a, tag_id))
        continue;
      start = mg_annotation_get_start (a);
      end = mg_annotation_get_end (a);
      if (start >= end)
        continue;

      if (open && start <= run_end)
        {
          run_end = MAX (run_end, end);
          continue;
        }
      if (open)
        {
          Event e[2] = { { run_start, +1 }, { run_end, -1 } };

          g_array_append_vals (events, e, 2);
        }
      open = TRUE;
      run_start = start;
      run_end = end;
    }

  if (open)
    {
      Event e[2] = { { run_start, +1 }, { run_end, -1 } };

      g_array_append_vals (events, e, 2);
    }
}

GArray *
mg_heat_compute (GPtrArray  *stores,
                 const char *tag_id)
{
  GArray *segments = g_array_new (FALSE, FALSE, sizeof (MgHeatSegment));
  g_autoptr(GArray) events = g_array_new (FALSE, FALSE, sizeof (Event));
  guint count = 0;
  guint i = 0;

  g_return_val_if_fail (stores != NULL, segments);

  for (guint s = 0; s < stores->len; s++)
    add_member_events (events, g_ptr_array_index (stores, s), tag_id);
  g_array_sort (events, compare_events);

  while (i < events->len)
    {
      guint position = g_array_index (events, Event, i).position;
      guint next;

      /* Apply every event at this position, then emit up to the next one. */
      for (; i < events->len && g_array_index (events, Event, i).position == position; i++)
        count += g_array_index (events, Event, i).delta;
      if (i >= events->len || count == 0)
        continue;

      next = g_array_index (events, Event, i).position;
      if (segments->len > 0)
        {
          MgHeatSegment *last = &g_array_index (segments, MgHeatSegment, segments->len - 1);

          if (last->end == position && last->count == count)
            {
              last->end = next;
              continue;
            }
        }
      {
        MgHeatSegment segment = { position, next, count };

        g_array_append_val (segments, segment);
      }
    }

  return segments;
}

guint
mg_heat_max_count (GArray *segments)
{
  guint max = 0;

  g_return_val_if_fail (segments != NULL, 0);

  for (guint i = 0; i < segments->len; i++)
    max = MAX (max, g_array_index (segments, MgHeatSegment, i).count);
  return max;
}
