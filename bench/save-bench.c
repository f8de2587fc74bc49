/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Marginalia"
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "mg-annotation-store.h"
#include "mg-sidecar-sync.h"

/* Times the window's automatic save on the main thread, and what it costs
 * in all: loads SIDECAR (no speech: its embedded members serve), then
 * RUNS times changes one note, saves through MgSidecarSync as the window
 * does (the merge check under the lock, then mg_sidecar_save_async) until
 * the file is in place, and checks the file as the file monitor's report
 * does (mg_sidecar_reload_merge). The sidecar is rewritten in place.
 *
 *   bench/save-bench SIDECAR [RUNS]
 *
 * Prints, per save, milliseconds of CPU time: the call on the main
 * thread, the main thread until the save landed, the whole process
 * (the save's thread included), and the monitor's check. */

static double
thread_ms (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec * 1000.0 + ts.tv_nsec / 1e6;
}

static double
process_ms (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &ts);
  return ts.tv_sec * 1000.0 + ts.tv_nsec / 1e6;
}

static void
saved_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(MgSidecar) sidecar = NULL;
  g_autoptr(MgSidecarSync) sync = NULL;
  g_autoptr(GError) error = NULL;
  MgAnnotationStore *store;
  int runs = argc > 2 ? atoi (argv[2]) : 5;

  if (argc < 2)
    {
      fprintf (stderr, "Usage: %s SIDECAR [RUNS]\n", argv[0]);
      return 2;
    }
  file = g_file_new_for_commandline_arg (argv[1]);
  sidecar = mg_sidecar_new (file, NULL);
  if (!mg_sidecar_load (sidecar, NULL, &error))
    {
      fprintf (stderr, "%s\n", error->message);
      return 1;
    }
  sync = mg_sidecar_sync_new (sidecar);
  store = mg_sidecar_get_store (sidecar);
  if (mg_annotation_store_get_n_annotations (store) == 0)
    {
      fprintf (stderr, "%s: no annotations\n", argv[1]);
      return 1;
    }

  printf ("run\tannotations\tcall_main_ms\tuntil_landed_main_ms\tuntil_landed_process_ms\tmonitor_check_main_ms\n");
  for (int run = 0; run < runs; run++)
    {
      g_autoptr(GAsyncResult) result = NULL;
      MgAnnotation *a = mg_annotation_store_get_annotation (store, (guint) run % mg_annotation_store_get_n_annotations (store));
      g_autofree char *note = g_strdup_printf ("save-bench %d", run);
      double main0, process0, call, landed, landed_process, check0;

      mg_annotation_store_set_note (store, a, note);
      main0 = thread_ms ();
      process0 = process_ms ();
      mg_sidecar_sync_save_async (sync, NULL, saved_cb, &result);
      call = thread_ms () - main0;
      while (result == NULL)
        g_main_context_iteration (NULL, TRUE);
      if (!mg_sidecar_sync_save_finish (sync, result, &error))
        {
          fprintf (stderr, "%s\n", error->message);
          return 1;
        }
      landed = thread_ms () - main0;
      landed_process = process_ms () - process0;

      check0 = thread_ms ();
      if (!mg_sidecar_reload_merge (sync, NULL, NULL, NULL, &error))
        {
          fprintf (stderr, "%s\n", error->message);
          return 1;
        }
      printf ("%d\t%u\t%.2f\t%.2f\t%.2f\t%.2f\n", run + 1, mg_annotation_store_get_n_annotations (store),
              call, landed, landed_process, thread_ms () - check0);
    }
  return 0;
}
