/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Marginalia"
#include "config.h"

/* Times the suggestions in the main window on a speech (and its sidecar,
 * when there is one): from turning them on until they are drawn and until
 * the window is idle again, the longest the window went without handling
 * events meanwhile, tagging a selection (for comparison), accepting one
 * (until the view is redrawn), accepting all of one kind, undoing it and
 * redoing it (until the next frame is painted, wall and CPU time — of the
 * whole process and of the main thread alone — and until the window is
 * idle again), and turning them off.
 *
 *   xvfb-run -a bench/bench-gui-suggest SPEECH [RUNS] [--quick]
 *
 * --quick leaves out accepting all of one kind.
 */

#include <stdio.h>
#include <stdlib.h>
#include <adwaita.h>

#include "bench-gui-util.h"
#include "mg-application.h"
#include "mg-document-view.h"
#include "mg-suggest.h"
#include "mg-window.h"

static void
iterate (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

/* Runs the main loop until @done, returning the longest single iteration:
 * how long the window could not react. */
static double
run_until (gboolean (*done) (MgWindow *), MgWindow *window)
{
  double longest = 0;

  while (!done (window))
    {
      gint64 start = g_get_monotonic_time ();

      g_main_context_iteration (NULL, TRUE);
      longest = MAX (longest, seconds_since (start));
    }
  return longest;
}

/* Runs @action_name and returns its wall time until the window has painted
 * a frame after it (the change is on screen), in @frame_s; the return value
 * is until the main loop is idle (the text view lays out what the styles
 * touched in idle steps meanwhile, answering events). */
static double
timed_action (MgWindow   *window,
              const char *action_name,
              GVariant   *parameter,
              double     *frame_s,
              double     *cpu_s,
              double     *main_cpu_s)
{
  gint64 start = g_get_monotonic_time ();
  double cpu = cpu_seconds ();
  double main_cpu = thread_cpu_seconds ();

  gtk_widget_activate_action_variant (GTK_WIDGET (window), action_name, parameter);
  wait_for_frame (GTK_WIDGET (window));
  *frame_s = seconds_since (start);
  *cpu_s = cpu_seconds () - cpu;
  *main_cpu_s = thread_cpu_seconds () - main_cpu;
  iterate ();
  return seconds_since (start);
}

static gboolean
has_suggestions (MgWindow *window)
{
  return mg_window_get_suggestions (window) != NULL;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(MgApplication) app = NULL;
  g_autoptr(GFile) file = NULL;
  int runs = argc > 2 ? atoi (argv[2]) : 3;
  gboolean quick = argc > 3 && g_str_equal (argv[3], "--quick");

  if (argc < 2)
    {
      fprintf (stderr, "Usage: %s SPEECH [RUNS]\n", argv[0]);
      return 2;
    }

  app = bench_application_new ();
  if (app == NULL)
    return 1;
  file = g_file_new_for_commandline_arg (argv[1]);

  printf ("run\tannotations\tsuggestions\tshown\ton_s\ton_idle_s\tlongest_stall_s\ttag_s\taccept_s\taccept_all_n\taccept_all_frame_s\taccept_all_frame_cpu_s\taccept_all_idle_s\tundo_frame_s\tundo_frame_cpu_s\tundo_idle_s\tredo_frame_s\tredo_frame_cpu_s\tredo_idle_s\toff_call_s\toff_s\taccept_all_main_cpu_s\tundo_main_cpu_s\tredo_main_cpu_s\n");
  for (int run = 0; run < runs; run++)
    {
      MgWindow *window = mg_window_new (app);
      MgAnnotationStore *store;
      GListModel *shown;
      g_autoptr(GListStore) all = NULL;
      gint64 start;
      double tag_s, on_s, on_idle_s, stall_s, accept_s, all_s = 0, undo_s = 0, redo_s = 0, off_call_s, off_s;
      double all_cpu = 0, undo_cpu = 0, redo_cpu = 0;
      double all_frame = 0, undo_frame = 0, redo_frame = 0;
      double all_main = 0, undo_main = 0, redo_main = 0;
      guint n_all, n_shown, n_annotations, n_figures;

      gtk_window_present (GTK_WINDOW (window));
      iterate ();
      mg_window_open_file (window, file);
      while (mg_window_is_loading (window))
        g_main_context_iteration (NULL, TRUE);
      iterate ();
      store = mg_window_get_store (window);
      n_annotations = mg_annotation_store_get_n_annotations (store);

      start = g_get_monotonic_time ();
      gtk_widget_activate_action (GTK_WIDGET (window), "win.show-suggestions", NULL);
      stall_s = run_until (has_suggestions, window);
      on_s = seconds_since (start);
      /* Then the text view lays out what the styles touched. */
      while (g_main_context_pending (NULL))
        {
          gint64 step = g_get_monotonic_time ();

          g_main_context_iteration (NULL, FALSE);
          stall_s = MAX (stall_s, seconds_since (step));
        }
      on_idle_s = seconds_since (start);
      shown = mg_window_get_suggestions (window);
      n_shown = g_list_model_get_n_items (shown);
      all = mg_suggest_document (mg_annotation_store_get_document (store), MG_SUGGEST_ALL);
      n_all = g_list_model_get_n_items (G_LIST_MODEL (all));

      /* For comparison: tagging a selection, until the window is idle. */
      start = g_get_monotonic_time ();
      mg_document_view_select_range (MG_DOCUMENT_VIEW (mg_window_get_document_view (window)), 10, 20);
      gtk_widget_activate_action (GTK_WIDGET (window), "win.tag-selection", "i", 0);
      iterate ();
      tag_s = seconds_since (start);
      gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL);
      iterate ();

      /* One, through the window's action, until the view is redrawn. */
      {
        g_autoptr(MgSuggestion) first = g_list_model_get_item (mg_window_get_suggestions (window), n_shown / 2);

        start = g_get_monotonic_time ();
        gtk_widget_activate_action (GTK_WIDGET (window), "win.accept-suggestion", "(suu)",
                                    mg_suggestion_get_tag (first),
                                    mg_suggestion_get_start (first), mg_suggestion_get_end (first));
        iterate ();
        accept_s = seconds_since (start);
        gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL);
        iterate ();
      }

      n_figures = quick ? 0 : mg_suggest_count_kind (mg_window_get_suggestions (window), MG_SUGGESTION_FIGURE);
      if (!quick)
        {
          all_s = timed_action (window, "win.accept-all-suggestions", g_variant_new_string ("figure"), &all_frame, &all_cpu, &all_main);
          undo_s = timed_action (window, "win.undo", NULL, &undo_frame, &undo_cpu, &undo_main);
          redo_s = timed_action (window, "win.redo", NULL, &redo_frame, &redo_cpu, &redo_main);
          double frame, cpu, main_cpu;

          /* Back to the file as it was. */
          timed_action (window, "win.undo", NULL, &frame, &cpu, &main_cpu);
        }

      start = g_get_monotonic_time ();
      gtk_widget_activate_action (GTK_WIDGET (window), "win.show-suggestions", NULL);
      off_call_s = seconds_since (start);
      iterate ();
      off_s = seconds_since (start);

      printf ("%d\t%u\t%u\t%u\t%.3f\t%.3f\t%.3f\t%.3f\t%.3f\t%u\t%.3f\t%.3f\t%.3f\t%.3f\t%.3f\t%.3f\t%.3f\t%.3f\t%.3f\t%.3f\t%.3f\t%.3f\t%.3f\t%.3f\n",
              run + 1, n_annotations, n_all, n_shown, on_s, on_idle_s, stall_s, tag_s, accept_s,
              n_figures, all_frame, all_cpu, all_s, undo_frame, undo_cpu, undo_s,
              redo_frame, redo_cpu, redo_s, off_call_s, off_s,
              all_main, undo_main, redo_main);
      fflush (stdout);

      /* Leave the sidecar as it was. */
      mg_window_save (window, NULL);
      gtk_window_destroy (GTK_WINDOW (window));
      iterate ();
    }
  return 0;
}
