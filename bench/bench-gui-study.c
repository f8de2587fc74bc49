/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Marginalia"
#include "config.h"

/* A study in the window: opening a folder of speeches (each loaded with
 * its sidecar in a thread, the first shown), the first frame, switching
 * to each other speech, and the study-wide search as one types a query
 * letter by letter.
 *
 *   bench-gui-study --generate DIR [SPEECHES [ANNOTATIONS]]
 *       writes DIR/speech-N.txt (about 40,000 characters each) and their
 *       sidecars with ANNOTATIONS annotations each (default 5 and 300)
 *   xvfb-run -a bench/bench-gui-study DIR [RUNS [QUERY]]
 */

#include <stdio.h>
#include <stdlib.h>
#include <adwaita.h>
#include <glib/gstdio.h>

#include "bench-gui-util.h"
#include "mg-application.h"
#include "mg-collection.h"
#include "mg-search.h"
#include "mg-sidecar.h"
#include "mg-study-sidebar.h"
#include "mg-window.h"

static const char * const words[] = {
  "高质量发展", "新质生产力", "科技创新", "乡村振兴", "共同富裕", "营商环境",
  "民生保障", "绿色低碳", "对外开放", "安全发展", "数字经济", "教育强国",
};
static const char * const authors[] = { "Li Wei", "Zhang Min", "Wang Fang", "Chen Jie" };
static const char * const tags[] = { "policy-goal", "figure", "slogan" };

static int
generate (const char *dir,
          int         n_speeches,
          int         n_annotations)
{
  GRand *rand = g_rand_new_with_seed (12);

  if (g_mkdir_with_parents (dir, 0755) != 0)
    return 1;
  for (int s = 0; s < n_speeches; s++)
    {
      g_autofree char *name = g_strdup_printf ("speech-%d.txt", s + 1);
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autoptr(GFile) file = g_file_new_for_path (path);
      g_autoptr(GFile) sidecar_file = mg_sidecar_default_file (file);
      g_autoptr(GString) text = g_string_new (NULL);
      g_autoptr(MgDocument) document = NULL;
      g_autoptr(MgSidecar) sidecar = NULL;
      g_autoptr(GError) error = NULL;
      MgAnnotationStore *store;
      guint length;

      g_string_append_printf (text, "第%d次全体会议上的讲话\n\n", s + 1);
      while (g_utf8_strlen (text->str, -1) < 40000)
        {
          for (int k = 0; k < 6; k++)
            g_string_append_printf (text, "我们要坚持%s，推动%s，全年增长%d.%d%%，投入%d亿元。",
                                    words[g_rand_int_range (rand, 0, G_N_ELEMENTS (words))],
                                    words[g_rand_int_range (rand, 0, G_N_ELEMENTS (words))],
                                    g_rand_int_range (rand, 1, 10), g_rand_int_range (rand, 0, 10),
                                    g_rand_int_range (rand, 10, 900));
          g_string_append_c (text, '\n');
        }
      if (!g_file_set_contents (path, text->str, text->len, &error))
        {
          fprintf (stderr, "%s\n", error->message);
          return 1;
        }
      document = mg_document_load (file, NULL, &error);
      if (document == NULL)
        {
          fprintf (stderr, "%s\n", error->message);
          return 1;
        }
      sidecar = mg_sidecar_new (sidecar_file, document);
      store = mg_sidecar_get_store (sidecar);
      length = mg_document_get_length (document);
      for (int a = 0; a < n_annotations; a++)
        {
          guint start = (guint) ((guint64) length * a / n_annotations);
          const char *tag[] = { tags[a % G_N_ELEMENTS (tags)], NULL };
          g_autofree char *note = a % 4 == 0 ? g_strdup_printf ("note %d on %s", a, words[a % G_N_ELEMENTS (words)]) : NULL;

          if (mg_annotation_store_create (store, start, start + 5 + a % 20, tag, note, a % 7 == 0,
                                          authors[a % G_N_ELEMENTS (authors)], &error) == NULL)
            {
              fprintf (stderr, "%s\n", error->message);
              return 1;
            }
        }
      if (!mg_sidecar_save (sidecar, NULL, &error))
        {
          fprintf (stderr, "%s\n", error->message);
          return 1;
        }
    }
  g_rand_free (rand);
  return 0;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(MgApplication) app = NULL;
  g_autoptr(GFile) folder = NULL;
  const char *query;
  int runs;

  if (argc >= 3 && g_str_equal (argv[1], "--generate"))
    return generate (argv[2], argc > 3 ? atoi (argv[3]) : 5, argc > 4 ? atoi (argv[4]) : 300);
  if (argc < 2)
    {
      fprintf (stderr, "Usage: %s DIR [RUNS [QUERY]]\n       %s --generate DIR [SPEECHES [ANNOTATIONS]]\n",
               argv[0], argv[0]);
      return 2;
    }
  runs = argc > 2 ? atoi (argv[2]) : 3;
  query = argc > 3 ? argv[3] : "growth";

  app = bench_application_new ();
  if (app == NULL)
    return 1;
  folder = g_file_new_for_commandline_arg (argv[1]);

  printf ("run\tspeeches\tannotations\topen_s\topen_cpu_s\tfirst_frame_s\tfirst_frame_cpu_s\t"
          "switch_max_s\tsearch_mean_ms\tsearch_max_ms\tsearch_cpu_mean_ms\tframe_mean_ms\t"
          "idle_frame_ms\thits\n");
  for (int run = 0; run < runs; run++)
    {
      MgWindow *window = mg_window_new (app);
      MgStudySidebar *sidebar;
      MgCollection *collection;
      gint64 start;
      double open_s, open_cpu, frame_s, frame_cpu, cpu, switch_max = 0, key_sum = 0, key_max = 0, key_cpu = 0;
      double frame_sum = 0, idle_frame;
      glong n_keys = g_utf8_strlen (query, -1);
      guint hits = 0;

      gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
      present_and_settle (window);

      start = g_get_monotonic_time ();
      cpu = cpu_seconds ();
      mg_window_open_folder (window, folder);
      wait_loaded (window);
      open_s = seconds_since (start);
      open_cpu = cpu_seconds () - cpu;
      wait_for_frame (GTK_WIDGET (window));
      frame_s = seconds_since (start);
      frame_cpu = cpu_seconds () - cpu;

      collection = mg_window_get_collection (window);
      if (collection == NULL)
        {
          fprintf (stderr, "Could not open %s\n", argv[1]);
          return 1;
        }

      /* Each other speech, shown and painted. */
      for (guint i = 1; i < mg_collection_get_n_speeches (collection); i++)
        {
          gint64 t = g_get_monotonic_time ();
          double s;

          mg_window_show_speech (window, mg_collection_get_speech (collection, i));
          wait_for_frame (GTK_WIDGET (window));
          s = seconds_since (t);
          switch_max = MAX (switch_max, s);
        }

      /* The query typed a character at a time: each prefix searched and
       * its results shown (the entry's own typing delay left out). */
      sidebar = MG_STUDY_SIDEBAR (mg_window_get_study_sidebar (window));
      /* A frame of the window with nothing changed, for comparison. */
      {
        gint64 t = g_get_monotonic_time ();

        wait_for_frame (GTK_WIDGET (window));
        idle_frame = seconds_since (t) * 1000;
      }
      for (glong k = 1; k <= n_keys; k++)
        {
          g_autofree char *prefix = g_utf8_substring (query, 0, k);
          gint64 t = g_get_monotonic_time ();
          double c = cpu_seconds ();
          double ms;

          /* The search and the results model (the rows are made at the
           * next frame, for those in view). */
          mg_study_sidebar_set_search (sidebar, prefix, FALSE);
          ms = seconds_since (t) * 1000;
          key_sum += ms;
          key_max = MAX (key_max, ms);
          key_cpu += (cpu_seconds () - c) * 1000;
          t = g_get_monotonic_time ();
          wait_for_frame (GTK_WIDGET (window));
          frame_sum += seconds_since (t) * 1000;
        }
      hits = g_list_model_get_n_items (mg_study_sidebar_get_results (sidebar));
      printf ("%d\t%u\t%u\t%.3f\t%.3f\t%.3f\t%.3f\t%.3f\t%.1f\t%.1f\t%.1f\t%.1f\t%.1f\t%u\n", run + 1,
              mg_collection_get_n_speeches (collection), mg_collection_get_n_annotations (collection),
              open_s, open_cpu, frame_s, frame_cpu, switch_max,
              key_sum / n_keys, key_max, key_cpu / n_keys, frame_sum / n_keys, idle_frame, hits);
      fflush (stdout);
      gtk_window_destroy (GTK_WINDOW (window));
      while (g_main_context_iteration (NULL, FALSE))
        ;
    }
  return 0;
}
