/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Marginalia"
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "mg-document.h"

/* Times mg_document_load() (read, decode, normalise, hash, index) on each
 * file, and 1,000,000 random offset lookups on the result. Wall-clock
 * times suffer on a busy machine; the CPU time of the fastest load is
 * shown beside them. */

static double
cpu_ms (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &ts);
  return ts.tv_sec * 1000.0 + ts.tv_nsec / 1e6;
}

/* Keeps the lookups from being optimised away. */
static volatile guint64 sink;

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *) a;
  double y = *(const double *) b;

  return (x > y) - (x < y);
}

int
main (int   argc,
      char *argv[])
{
  int runs = 7;
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  GOptionEntry entries[] = {
    { "runs", 'n', 0, G_OPTION_ARG_INT, &runs, "Loads per file (default 7)", "N" },
    { NULL }
  };

  context = g_option_context_new ("FILE… — time loading speeches");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || argc < 2 || runs < 1)
    {
      fprintf (stderr, "%s\n", error != NULL ? error->message : "usage: load-bench [-n RUNS] FILE…");
      return 2;
    }

  printf ("%-28s %10s %9s %10s %6s %9s %9s %9s %12s\n",
          "file", "bytes", "encoding", "chars", "paras", "median", "min", "min cpu", "1M lookups");
  printf ("%-28s %10s %9s %10s %6s %9s %9s %9s %12s\n",
          "", "", "", "", "", "wall", "wall", "", "cpu");

  for (int i = 1; i < argc; i++)
    {
      g_autoptr(GFile) file = g_file_new_for_commandline_arg (argv[i]);
      g_autofree double *times = g_new (double, runs);
      double min_cpu = G_MAXDOUBLE;
      double lookups;
      g_autoptr(MgDocument) doc = NULL;
      g_autoptr(GRand) rand = g_rand_new_with_seed (1);
      g_autofree char *base = g_path_get_basename (argv[i]);
      gint64 t0, t1;
      guint64 sum = 0;
      guint length;

      for (int r = 0; r < runs; r++)
        {
          double c0, c1;

          g_clear_object (&doc);
          c0 = cpu_ms ();
          t0 = g_get_monotonic_time ();
          doc = mg_document_load (file, NULL, &error);
          t1 = g_get_monotonic_time ();
          c1 = cpu_ms ();
          min_cpu = MIN (min_cpu, c1 - c0);
          if (doc == NULL)
            {
              fprintf (stderr, "%s\n", error->message);
              return 1;
            }
          times[r] = (t1 - t0) / 1000.0;
        }
      qsort (times, runs, sizeof (double), compare_doubles);

      length = mg_document_get_length (doc);
      lookups = cpu_ms ();
      for (guint k = 0; k < 1000000; k++)
        {
          guint offset = g_rand_int_range (rand, 0, length + 1);

          sum += mg_document_offset_to_byte (doc, offset);
          sum += mg_document_byte_to_offset (doc, sum % (mg_document_get_size (doc) + 1));
        }
      lookups = cpu_ms () - lookups;

      printf ("%-28s %10" G_GSIZE_FORMAT " %9s %10u %6u %7.1fms %7.1fms %7.1fms %10.1fms\n",
              base, mg_document_get_size (doc),
              mg_encoding_to_string (mg_document_get_encoding (doc)),
              length, mg_document_get_n_paragraphs (doc),
              times[runs / 2], times[0], min_cpu, lookups);
      sink = sum;
    }
  return 0;
}
