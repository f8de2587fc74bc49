/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* A file watched for other programs writing it (GFileMonitor): @settled
 * runs once its events have settled, @delay_ms after the last one that can
 * change what the file holds (written, created, removed, renamed, moved in
 * or out) — writers often replace a file in several steps.
 *
 * What changed is for @settled to find out by reading the file, never from
 * the events: GLib reads a folder's events late (later still on a busy
 * machine) and hands each to the monitors that exist by then, so an event
 * may tell of a write older than what was last read. */
typedef struct _MgFileWatch MgFileWatch;
typedef void (*MgFileWatchFunc) (gpointer data);

/* NULL when @file cannot be watched. */
MgFileWatch *mg_file_watch_new            (GFile           *file,
                                           guint            delay_ms,
                                           MgFileWatchFunc  settled,
                                           gpointer         data);
/* Runs @settled @delay_ms from now, as after an event. */
void         mg_file_watch_queue          (MgFileWatch     *self);
/* Forgets the events not yet acted on (the file was just read). */
void         mg_file_watch_cancel_pending (MgFileWatch     *self);
void         mg_file_watch_free           (MgFileWatch     *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MgFileWatch, mg_file_watch_free)

G_END_DECLS
