/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Marginalia"
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "mg-layer.h"

/* Times mg_layer_load() — what a study group's "add a member's file", the
 * CLI's merge and agreement do — of each annotations file against one
 * speech, and prints whether it was accepted (with its anchor counts) or
 * refused (with the message). */

static double
cpu_ms (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &ts);
  return ts.tv_sec * 1000.0 + ts.tv_nsec / 1e6;
}

int
main (int   argc,
      char *argv[])
{
  int runs = 1;
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) speech_file = NULL;
  g_autoptr(MgDocument) document = NULL;
  GOptionEntry entries[] = {
    { "runs", 'n', 0, G_OPTION_ARG_INT, &runs, "Loads per file (default 1)", "N" },
    { NULL }
  };

  context = g_option_context_new ("SPEECH SIDECAR… — time opening annotations files as layers");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || argc < 3 || runs < 1)
    {
      fprintf (stderr, "%s\n", error != NULL ? error->message
                                             : "usage: layer-bench [-n RUNS] SPEECH SIDECAR…");
      return 2;
    }

  speech_file = g_file_new_for_commandline_arg (argv[1]);
  document = mg_document_load (speech_file, NULL, &error);
  if (document == NULL)
    {
      fprintf (stderr, "%s\n", error->message);
      return 1;
    }
  printf ("speech %s: %u code points\n", argv[1], mg_document_get_length (document));

  for (int i = 2; i < argc; i++)
    {
      g_autoptr(GFile) file = g_file_new_for_commandline_arg (argv[i]);
      double best_wall = G_MAXDOUBLE, best_cpu = G_MAXDOUBLE;

      for (int r = 0; r < runs; r++)
        {
          g_autoptr(MgLayer) layer = NULL;
          g_autoptr(GError) local_error = NULL;
          gint64 t0 = g_get_monotonic_time ();
          double c0 = cpu_ms ();
          double wall, cpu;

          layer = mg_layer_load (file, document, NULL, &local_error);
          cpu = cpu_ms () - c0;
          wall = (g_get_monotonic_time () - t0) / 1000.0;
          best_wall = MIN (best_wall, wall);
          best_cpu = MIN (best_cpu, cpu);

          if (r + 1 < runs)
            continue;
          printf ("%s\n  fastest of %d: %.0f ms wall, %.0f ms CPU\n", argv[i], runs, best_wall, best_cpu);
          if (layer != NULL)
            {
              guint exact = 0, moved = 0, fuzzy = 0, orphaned = 0;

              mg_sidecar_get_anchor_counts (mg_layer_get_sidecar (layer),
                                            &exact, &moved, &fuzzy, &orphaned);
              printf ("  accepted%s: %u exact, %u moved, %u fuzzy, %u orphaned\n",
                      mg_layer_get_reanchored (layer) ? ", re-anchored" : "",
                      exact, moved, fuzzy, orphaned);
            }
          else
            printf ("  refused: %s\n", local_error->message);
        }
    }

  return 0;
}
