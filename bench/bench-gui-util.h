/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* Timing helpers shared by the window's benchmark drivers. */

#include <time.h>
#include <adwaita.h>

#include "mg-application.h"
#include "mg-window.h"

/* CPU time of the whole process (threads included): steadier than the
 * wall-clock time on a busy machine. */
static inline double
cpu_seconds (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &ts);
  return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* CPU time of the calling thread alone: the window's share, without
 * what worker threads (saving, finding suggestions) spend meanwhile. */
static inline double
thread_cpu_seconds (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
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

/* GTK and libadwaita started, and a registered MgApplication that is not
 * unique (NULL when it cannot register). */
static inline MgApplication *
bench_application_new (void)
{
  MgApplication *app;

  gtk_init ();
  adw_init ();
  app = mg_application_new ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  if (!g_application_register (G_APPLICATION (app), NULL, NULL))
    {
      g_object_unref (app);
      return NULL;
    }
  return app;
}

/* Shows @window and lets it settle. */
static inline void
present_and_settle (MgWindow *window)
{
  gtk_window_present (GTK_WINDOW (window));
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

/* Runs the main loop until @window has loaded what it opens. */
static inline void
wait_loaded (MgWindow *window)
{
  while (mg_window_is_loading (window))
    g_main_context_iteration (NULL, TRUE);
}
