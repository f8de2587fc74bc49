/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* Timing helpers shared by the window's benchmark drivers. */

#include <time.h>
#include <adwaita.h>

/* CPU time of the whole process (threads included): steadier than the
 * wall-clock time on a busy machine. */
static inline double
cpu_seconds (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &ts);
  return ts.tv_sec + ts.tv_nsec / 1e9;
}

static inline double
seconds_since (gint64 start)
{
  return (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;
}

static inline void
mark_painted (GdkFrameClock *clock,
              gpointer       painted)
{
  *(gboolean *) painted = TRUE;
}

/* Redraws @widget's window and runs the main loop until the frame is
 * painted. */
static inline void
wait_for_frame (GtkWidget *widget)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (widget);
  gboolean painted = FALSE;
  gulong id = g_signal_connect (clock, "after-paint", G_CALLBACK (mark_painted), &painted);

  gtk_widget_queue_draw (widget);
  while (!painted)
    g_main_context_iteration (NULL, TRUE);
  g_signal_handler_disconnect (clock, id);
}
