/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "mg-file-watch.h"

struct _MgFileWatch
{
  GFileMonitor    *monitor;
  guint            delay_ms;
  guint            pending_id;
  MgFileWatchFunc  settled;
  gpointer         data;
};

static gboolean
pending_timeout (gpointer data)
{
  MgFileWatch *self = data;

  self->pending_id = 0;
  self->settled (self->data);
  return G_SOURCE_REMOVE;
}

void
mg_file_watch_queue (MgFileWatch *self)
{
  g_return_if_fail (self != NULL);

  g_clear_handle_id (&self->pending_id, g_source_remove);
  self->pending_id = g_timeout_add (self->delay_ms, pending_timeout, self);
}

void
mg_file_watch_cancel_pending (MgFileWatch *self)
{
  g_return_if_fail (self != NULL);

  g_clear_handle_id (&self->pending_id, g_source_remove);
}

static void
monitor_changed (GFileMonitor      *monitor,
                 GFile             *file,
                 GFile             *other,
                 GFileMonitorEvent  event,
                 MgFileWatch       *self)
{
  switch (event)
    {
    case G_FILE_MONITOR_EVENT_CHANGES_DONE_HINT:
    case G_FILE_MONITOR_EVENT_CREATED:
    case G_FILE_MONITOR_EVENT_DELETED:
    case G_FILE_MONITOR_EVENT_RENAMED:
    case G_FILE_MONITOR_EVENT_MOVED_IN:
    case G_FILE_MONITOR_EVENT_MOVED_OUT:
    case G_FILE_MONITOR_EVENT_CHANGED:
      mg_file_watch_queue (self);
      break;
    case G_FILE_MONITOR_EVENT_ATTRIBUTE_CHANGED:
    case G_FILE_MONITOR_EVENT_PRE_UNMOUNT:
    case G_FILE_MONITOR_EVENT_UNMOUNTED:
    case G_FILE_MONITOR_EVENT_MOVED:
    default:
      break;
    }
}

MgFileWatch *
mg_file_watch_new (GFile           *file,
                   guint            delay_ms,
                   MgFileWatchFunc  settled,
                   gpointer         data)
{
  GFileMonitor *monitor;
  MgFileWatch *self;

  g_return_val_if_fail (G_IS_FILE (file), NULL);
  g_return_val_if_fail (settled != NULL, NULL);

  monitor = g_file_monitor_file (file, G_FILE_MONITOR_WATCH_MOVES, NULL, NULL);
  if (monitor == NULL)
    return NULL;
  self = g_new0 (MgFileWatch, 1);
  self->monitor = monitor;
  self->delay_ms = delay_ms;
  self->settled = settled;
  self->data = data;
  g_signal_connect (monitor, "changed", G_CALLBACK (monitor_changed), self);
  return self;
}

void
mg_file_watch_free (MgFileWatch *self)
{
  if (self == NULL)
    return;
  g_clear_handle_id (&self->pending_id, g_source_remove);
  g_signal_handlers_disconnect_by_data (self->monitor, self);
  g_file_monitor_cancel (self->monitor);
  g_object_unref (self->monitor);
  g_free (self);
}
