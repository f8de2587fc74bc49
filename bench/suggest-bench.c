/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Marginalia"
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "mg-suggest.h"

/* Times mg_suggest_document() on each file and counts the suggestions by
 * kind; with --print, lists them as kind, start, end, reason, quote. */

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
  int runs = 5;
  gboolean print = FALSE;
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  GOptionEntry entries[] = {
    { "runs", 'n', 0, G_OPTION_ARG_INT, &runs, "Runs per file (default 5)", "N" },
    { "print", 'p', 0, G_OPTION_ARG_NONE, &print, "List the suggestions", NULL },
    { NULL }
  };

  context = g_option_context_new ("FILE… — time suggestions");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || argc < 2 || runs < 1)
    {
      fprintf (stderr, "%s\n", error != NULL ? error->message : "usage: suggest-bench [-n RUNS] [-p] FILE…");
      return 2;
    }

  if (!print)
    printf ("%-40s %9s %7s %7s %7s %10s %10s\n",
            "file", "chars", "figure", "slogan", "goal", "min cpu", "max cpu");

  for (int i = 1; i < argc; i++)
    {
      g_autoptr(GFile) file = g_file_new_for_commandline_arg (argv[i]);
      g_autoptr(MgDocument) doc = mg_document_load (file, NULL, &error);
      g_autoptr(GListStore) result = NULL;
      g_autofree char *base = g_path_get_basename (argv[i]);
      double min_cpu = G_MAXDOUBLE, max_cpu = 0;
      guint counts[MG_SUGGESTION_N_KINDS] = { 0, };
      guint n;

      if (doc == NULL)
        {
          fprintf (stderr, "%s\n", error->message);
          return 1;
        }
      for (int r = 0; r < runs; r++)
        {
          double c0;

          g_clear_object (&result);
          c0 = cpu_ms ();
          result = mg_suggest_document (doc, MG_SUGGEST_ALL);
          c0 = cpu_ms () - c0;
          min_cpu = MIN (min_cpu, c0);
          max_cpu = MAX (max_cpu, c0);
        }
      n = g_list_model_get_n_items (G_LIST_MODEL (result));
      for (guint k = 0; k < n; k++)
        {
          g_autoptr(MgSuggestion) s = g_list_model_get_item (G_LIST_MODEL (result), k);

          counts[mg_suggestion_get_kind (s)]++;
          if (print)
            printf ("%s\t%u\t%u\t%u\t%s\t%s\n", mg_suggestion_get_tag (s),
                    mg_suggestion_get_start (s), mg_suggestion_get_end (s),
                    mg_suggestion_get_paragraph (s),
                    mg_suggestion_get_reason (s), mg_suggestion_get_quote (s));
        }
      if (!print)
        printf ("%-40s %9u %7u %7u %7u %8.1fms %8.1fms\n", base, mg_document_get_length (doc),
                counts[0], counts[1], counts[2], min_cpu, max_cpu);
    }
  return 0;
}
