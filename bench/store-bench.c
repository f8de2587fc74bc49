/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Marginalia"
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "mg-annotation-store.h"
#include "mg-document.h"

/* Times MgAnnotationStore on a speech with many annotations: the bulk
 * load a sidecar does, lookups by offset (hovering and clicking in the
 * document view), and edits with their undo and redo. Annotations are
 * random spans from a fixed seed, spread over the three default tags and
 * ten authors. */

static double
cpu_ms (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &ts);
  return ts.tv_sec * 1000.0 + ts.tv_nsec / 1e6;
}

static double
wall_ms (void)
{
  return g_get_monotonic_time () / 1000.0;
}

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *) a;
  double y = *(const double *) b;

  return (x > y) - (x < y);
}

static void
report (const char *what,
        double      wall,
        double      cpu,
        guint       count)
{
  printf ("%-44s %10.1f %10.1f %12.2f\n", what, wall, cpu, count > 0 ? cpu * 1000.0 / count : 0.0);
}

static GPtrArray *
make_annotations (MgDocument *document,
                  guint       n,
                  GRand      *rand)
{
  static const char * const tags[] = { MG_TAG_ID_POLICY_GOAL, MG_TAG_ID_FIGURE, MG_TAG_ID_SLOGAN };
  guint length = mg_document_get_length (document);
  GPtrArray *list = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < n; i++)
    {
      guint span = g_rand_int_range (rand, 2, 60);
      guint start = g_rand_int_range (rand, 0, length - span);
      MgAnnotation *a = mg_annotation_new (NULL, start, start + span);
      g_autofree char *author = g_strdup_printf ("Reader %u", i % 10);
      const char *one[] = { tags[i % 3], NULL };

      mg_annotation_set_tags (a, i % 7 == 0 ? NULL : one);
      mg_annotation_set_author (a, author);
      mg_annotation_set_starred (a, i % 11 == 0);
      mg_annotation_fill_context (a, document);
      mg_annotation_set_created (a, "2026-11-28T09:12:44Z");
      mg_annotation_set_modified (a, "2026-11-28T09:12:44Z");
      g_ptr_array_add (list, a);
    }
  return list;
}

int
main (int   argc,
      char *argv[])
{
  int runs = 7;
  int n = 20000;
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(MgDocument) document = NULL;
  g_autoptr(MgAnnotationStore) store = NULL;
  g_autoptr(GPtrArray) list = NULL;
  GRand *rand;
  double *walls, w0, c0, best_cpu = G_MAXDOUBLE;
  guint length, hits = 0;
  const guint lookups = 100000, edits = 1000;
  GPtrArray *created;
  GOptionEntry entries[] = {
    { "runs", 'r', 0, G_OPTION_ARG_INT, &runs, "Loads to time (default 7)", "N" },
    { "annotations", 'n', 0, G_OPTION_ARG_INT, &n, "Annotations (default 20000)", "N" },
    { NULL }
  };

  context = g_option_context_new ("SPEECH — time the annotation store");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || argc != 2 || runs < 1 || n < 1)
    {
      fprintf (stderr, "%s\n", error != NULL ? error->message
                                              : "usage: store-bench [-r RUNS] [-n ANNOTATIONS] SPEECH");
      return 2;
    }

  file = g_file_new_for_commandline_arg (argv[1]);
  document = mg_document_load (file, NULL, &error);
  if (document == NULL)
    {
      fprintf (stderr, "%s\n", error->message);
      return 1;
    }
  length = mg_document_get_length (document);
  if (length < 100)
    {
      fprintf (stderr, "%s: too short for this benchmark\n", argv[1]);
      return 1;
    }

  rand = g_rand_new_with_seed (1);
  list = make_annotations (document, n, rand);
  printf ("%s: %u code points, %u paragraphs, %d annotations\n\n",
          argv[1], length, mg_document_get_n_paragraphs (document), n);
  printf ("%-44s %10s %10s %12s\n", "operation", "wall ms", "cpu ms", "cpu µs each");

  /* Bulk load, as after reading a sidecar. */
  walls = g_new (double, runs);
  for (int r = 0; r < runs; r++)
    {
      g_autoptr(MgAnnotationStore) fresh = mg_annotation_store_new (document, NULL);

      w0 = wall_ms ();
      c0 = cpu_ms ();
      mg_annotation_store_load (fresh, list);
      walls[r] = wall_ms () - w0;
      best_cpu = MIN (best_cpu, cpu_ms () - c0);
    }
  qsort (walls, runs, sizeof (double), compare_doubles);
  {
    g_autofree char *what = g_strdup_printf ("load %d (median wall, fastest cpu)", n);

    report (what, walls[runs / 2], best_cpu, n);
  }
  g_free (walls);

  store = mg_annotation_store_new (document, NULL);
  mg_annotation_store_load (store, list);

  /* Lookups; the first one after a change rebuilds the index. */
  w0 = wall_ms ();
  c0 = cpu_ms ();
  for (guint i = 0; i < lookups; i++)
    {
      GPtrArray *got = mg_annotation_store_get_at (store, g_rand_int_range (rand, 0, length));

      hits += got->len;
      g_ptr_array_unref (got);
    }
  report ("100000 get_at", wall_ms () - w0, cpu_ms () - c0, lookups);

  /* Edits, each one undoable step. */
  created = g_ptr_array_new ();
  w0 = wall_ms ();
  c0 = cpu_ms ();
  for (guint i = 0; i < edits; i++)
    {
      guint start = g_rand_int_range (rand, 0, length - 10);
      const char *tags[] = { MG_TAG_ID_FIGURE, NULL };

      g_ptr_array_add (created, mg_annotation_store_create (store, start, start + 8, tags,
                                                            NULL, FALSE, "Bench", NULL));
    }
  report ("1000 create (context filled)", wall_ms () - w0, cpu_ms () - c0, edits);

  w0 = wall_ms ();
  c0 = cpu_ms ();
  for (guint i = 0; i < edits; i++)
    {
      guint start = g_rand_int_range (rand, 0, length - 10);

      mg_annotation_store_set_range (store, g_ptr_array_index (created, i), start, start + 5, NULL);
    }
  report ("1000 set_range (moves in the order)", wall_ms () - w0, cpu_ms () - c0, edits);

  w0 = wall_ms ();
  c0 = cpu_ms ();
  for (guint i = 0; i < edits; i++)
    {
      GPtrArray *got;

      mg_annotation_store_set_note (store, g_ptr_array_index (created, i), "note");
      got = mg_annotation_store_get_at (store, g_rand_int_range (rand, 0, length));
      g_ptr_array_unref (got);
    }
  report ("1000 (set_note + get_at)", wall_ms () - w0, cpu_ms () - c0, edits);

  w0 = wall_ms ();
  c0 = cpu_ms ();
  for (guint i = 0; i < edits; i++)
    {
      mg_annotation_store_set_starred (store, g_ptr_array_index (created, i), TRUE);
      mg_annotation_store_count_tag (store, MG_TAG_ID_FIGURE);
    }
  report ("1000 (set_starred + count_tag)", wall_ms () - w0, cpu_ms () - c0, edits);

  w0 = wall_ms ();
  c0 = cpu_ms ();
  while (mg_annotation_store_undo (store))
    ;
  report ("undo all 4000 steps", wall_ms () - w0, cpu_ms () - c0, 4 * edits);
  w0 = wall_ms ();
  c0 = cpu_ms ();
  while (mg_annotation_store_redo (store))
    ;
  report ("redo all 4000 steps", wall_ms () - w0, cpu_ms () - c0, 4 * edits);

  {
    guint figures = mg_annotation_store_count_tag (store, MG_TAG_ID_FIGURE);
    g_autofree char *what = g_strdup_printf ("delete tag on %u annotations", figures);

    w0 = wall_ms ();
    c0 = cpu_ms ();
    mg_annotation_store_delete_tag (store, MG_TAG_ID_FIGURE, NULL);
    report (what, wall_ms () - w0, cpu_ms () - c0, 0);
    w0 = wall_ms ();
    c0 = cpu_ms ();
    mg_annotation_store_undo (store);
    report ("  and its undo", wall_ms () - w0, cpu_ms () - c0, 0);
    if (mg_annotation_store_count_tag (store, MG_TAG_ID_FIGURE) != figures)
      {
        fprintf (stderr, "undo of the tag deletion lost annotations\n");
        return 1;
      }
  }

  printf ("\n(%u annotations found by the lookups)\n", hits);
  g_ptr_array_unref (created);
  g_rand_free (rand);
  return 0;
}
