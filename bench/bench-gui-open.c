/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Marginalia"
#include "config.h"

/* Times the main window on a speech and its sidecar: opening (reading,
 * decoding, loading and re-anchoring in a thread), showing the text with
 * every highlight, the first frame, and tagging one more passage.
 *
 *   xvfb-run -a bench/bench-gui-open SPEECH [RUNS]
 */

#include <stdio.h>
#include <stdlib.h>
#include <adwaita.h>

#include "bench-gui-util.h"
#include "mg-application.h"
#include "mg-document-view.h"
#include "mg-window.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(MgApplication) app = NULL;
  g_autoptr(GFile) file = NULL;
  int runs = argc > 2 ? atoi (argv[2]) : 3;

  if (argc < 2)
    {
      fprintf (stderr, "Usage: %s SPEECH [RUNS]\n", argv[0]);
      return 2;
    }

  app = bench_application_new ();
  if (app == NULL)
    return 1;
  file = g_file_new_for_commandline_arg (argv[1]);

  printf ("run\tannotations\topen_s\topen_cpu_s\tfirst_frame_s\tfirst_frame_cpu_s\ttag_s\ttag_cpu_s\n");
  for (int run = 0; run < runs; run++)
    {
      MgWindow *window = mg_window_new (app);
      MgDocumentView *view;
      MgAnnotationStore *store;
      gint64 start;
      double open_s, frame_s, tag_s, cpu, open_cpu, frame_cpu, tag_cpu;
      guint n;

      present_and_settle (window);

      start = g_get_monotonic_time ();
      cpu = cpu_seconds ();
      mg_window_open_file (window, file);
      wait_loaded (window);
      view = MG_DOCUMENT_VIEW (mg_window_get_document_view (window));
      mg_document_view_refresh (view);
      open_s = seconds_since (start);
      open_cpu = cpu_seconds () - cpu;

      wait_for_frame (GTK_WIDGET (window));
      frame_s = seconds_since (start);
      frame_cpu = cpu_seconds () - cpu;

      store = mg_window_get_store (window);
      n = store ? mg_annotation_store_get_n_annotations (store) : 0;

      start = g_get_monotonic_time ();
      cpu = cpu_seconds ();
      mg_document_view_select_range (view, 10, 20);
      gtk_widget_activate_action (GTK_WIDGET (window), "win.tag-selection", "i", 0);
      mg_document_view_refresh (view);
      tag_s = seconds_since (start);
      tag_cpu = cpu_seconds () - cpu;
      /* Leave the sidecar as it was. */
      gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL);
      mg_window_save (window, NULL);

      printf ("%d\t%u\t%.3f\t%.3f\t%.3f\t%.3f\t%.3f\t%.3f\n",
              run + 1, n, open_s, open_cpu, frame_s, frame_cpu, tag_s, tag_cpu);
      fflush (stdout);

      gtk_window_destroy (GTK_WINDOW (window));
      while (g_main_context_iteration (NULL, FALSE))
        ;
    }
  return 0;
}
