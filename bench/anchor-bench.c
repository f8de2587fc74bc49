/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Marginalia"
#include "config.h"

#include <json-glib/json-glib.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "mg-anchor.h"

/* Benchmark driver: re-anchors the annotations of each case directory made
 * by gen-scenarios.py on its new text, writes result-marginalia.json there,
 * and scores it against truth.json. With --score FILE it only scores
 * another matcher's results (same format) for the same case.
 *
 * Results: [{"id", "state", "start", "end", "score"}] in annotation order. */

typedef struct
{
  guint surviving, correct, wrong, orphaned;   /* intact + edited */
  guint edited, edited_correct;
  guint deleted, deleted_refused, deleted_placed;
  guint damaged, damaged_placed;
  double seconds;
} Score;

static JsonArray *
load_array (const char *path,
            JsonParser *parser)
{
  g_autoptr(GError) error = NULL;

  if (!json_parser_load_from_file (parser, path, &error))
    {
      g_printerr ("%s: %s\n", path, error->message);
      return NULL;
    }
  if (!JSON_NODE_HOLDS_ARRAY (json_parser_get_root (parser)))
    {
      g_printerr ("%s: not a JSON array\n", path);
      return NULL;
    }
  return json_node_get_array (json_parser_get_root (parser));
}

/* CPU time of this process: steadier than the wall clock on a busy machine. */
static double
cpu_seconds (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &ts);
  return ts.tv_sec + ts.tv_nsec / 1e9;
}

static gboolean
run_case (const char *dir,
          double     *seconds)
{
  g_autofree char *text_path = g_build_filename (dir, "new.txt", NULL);
  g_autofree char *ann_path = g_build_filename (dir, "annotations.json", NULL);
  g_autofree char *out_path = g_build_filename (dir, "result-marginalia.json", NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GString) out = g_string_new ("[");
  JsonArray *anns;
  MgDocument *document;
  GPtrArray *annotations;
  gsize size;
  double t0;
  guint i, n;

  if (!g_file_get_contents (text_path, &text, &size, &error))
    {
      g_printerr ("%s\n", error->message);
      return FALSE;
    }
  anns = load_array (ann_path, parser);
  if (anns == NULL)
    return FALSE;
  n = json_array_get_length (anns);

  /* The path the program takes: a document from the text, annotations as
   * read from a sidecar, then mg_anchor_annotations(). */
  t0 = cpu_seconds ();
  document = mg_document_new_for_text (text, size, "new.txt");
  annotations = g_ptr_array_new_full (n, g_object_unref);
  for (i = 0; i < n; i++)
    {
      JsonObject *o = json_array_get_object_element (anns, i);
      MgAnnotation *a = mg_annotation_new (json_object_get_string_member (o, "id"),
                                           json_object_get_int_member (o, "start"),
                                           json_object_get_int_member (o, "end"));

      mg_annotation_set_quote (a, json_object_get_string_member (o, "quote"));
      mg_annotation_set_prefix (a, json_object_get_string_member (o, "prefix"));
      mg_annotation_set_suffix (a, json_object_get_string_member (o, "suffix"));
      g_ptr_array_add (annotations, a);
    }
  mg_anchor_annotations (annotations, document, NULL);
  *seconds = cpu_seconds () - t0;

  for (i = 0; i < n; i++)
    {
      MgAnnotation *a = g_ptr_array_index (annotations, i);

      g_string_append_printf (out, "%s\n{\"id\":\"%s\",\"state\":\"%s\",\"start\":%u,\"end\":%u,\"score\":%.4f}",
                              i ? "," : "", mg_annotation_get_id (a),
                              mg_anchor_state_to_string (mg_annotation_get_anchor_state (a)),
                              mg_annotation_get_start (a), mg_annotation_get_end (a),
                              mg_annotation_get_anchor_score (a));
    }
  g_ptr_array_unref (annotations);
  g_object_unref (document);
  g_string_append (out, "\n]\n");

  if (!g_file_set_contents (out_path, out->str, out->len, &error))
    {
      g_printerr ("%s\n", error->message);
      return FALSE;
    }
  return TRUE;
}

static gboolean
score_case (const char *dir,
            const char *results_path,
            Score      *s)
{
  g_autofree char *truth_path = g_build_filename (dir, "truth.json", NULL);
  g_autoptr(JsonParser) tp = json_parser_new ();
  g_autoptr(JsonParser) rp = json_parser_new ();
  JsonArray *truth, *res;
  guint i, n;

  truth = load_array (truth_path, tp);
  res = load_array (results_path, rp);
  if (truth == NULL || res == NULL)
    return FALSE;
  n = json_array_get_length (truth);
  if (json_array_get_length (res) != n)
    {
      g_printerr ("%s: %u results for %u annotations\n", results_path,
                  json_array_get_length (res), n);
      return FALSE;
    }

  for (i = 0; i < n; i++)
    {
      JsonObject *t = json_array_get_object_element (truth, i);
      JsonObject *r = json_array_get_object_element (res, i);
      const char *status = json_object_get_string_member (t, "status");
      gboolean placed = g_strcmp0 (json_object_get_string_member (r, "state"), "orphaned") != 0;
      gboolean right = placed &&
        json_object_get_int_member (r, "start") == json_object_get_int_member (t, "start") &&
        json_object_get_int_member (r, "end") == json_object_get_int_member (t, "end");

      if (g_strcmp0 (json_object_get_string_member (t, "id"),
                     json_object_get_string_member (r, "id")) != 0)
        {
          g_printerr ("%s: result %u is for another annotation\n", results_path, i);
          return FALSE;
        }

      if (g_str_equal (status, "intact") || g_str_equal (status, "edited"))
        {
          gboolean edited = g_str_equal (status, "edited");

          s->surviving++;
          s->edited += edited;
          if (right)
            {
              s->correct++;
              s->edited_correct += edited;
            }
          else if (placed)
            s->wrong++;
          else
            s->orphaned++;
        }
      else if (g_str_equal (status, "deleted"))
        {
          s->deleted++;
          if (placed)
            s->deleted_placed++;
          else
            s->deleted_refused++;
        }
      else
        {
          s->damaged++;
          s->damaged_placed += placed;
        }
    }
  return TRUE;
}

static void
print_score (const char  *name,
             const Score *s)
{
  /* case, surviving, correct, wrong, orphaned, edited, edited_correct,
   * deleted, deleted_placed, damaged, damaged_placed, seconds */
  printf ("%s\t%u\t%u\t%u\t%u\t%u\t%u\t%u\t%u\t%u\t%u\t%.4f\n", name,
          s->surviving, s->correct, s->wrong, s->orphaned, s->edited, s->edited_correct,
          s->deleted, s->deleted_placed, s->damaged, s->damaged_placed, s->seconds);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *score_file = NULL;
  gboolean quiet = FALSE;
  GOptionEntry entries[] = {
    { "score", 's', 0, G_OPTION_ARG_FILENAME, &score_file,
      "Only score this results file (for one case)", "FILE" },
    { "quiet", 'q', 0, G_OPTION_ARG_NONE, &quiet, "Do not score", NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("CASE-DIR…");
  g_autoptr(GError) error = NULL;
  Score total = { 0, };
  int i;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || argc < 2)
    {
      g_printerr ("%s\n", error ? error->message : "usage: anchor-bench [--score FILE] CASE-DIR…");
      return 1;
    }

  for (i = 1; i < argc; i++)
    {
      Score s = { 0, };
      g_autofree char *base = g_path_get_basename (argv[i]);
      g_autofree char *results = NULL;

      if (score_file != NULL)
        results = g_strdup (score_file);
      else
        {
          if (!run_case (argv[i], &s.seconds))
            return 2;
          results = g_build_filename (argv[i], "result-marginalia.json", NULL);
        }
      if (quiet)
        continue;
      if (!score_case (argv[i], results, &s))
        return 2;
      print_score (base, &s);
      total.surviving += s.surviving;
      total.correct += s.correct;
      total.wrong += s.wrong;
      total.orphaned += s.orphaned;
      total.edited += s.edited;
      total.edited_correct += s.edited_correct;
      total.deleted += s.deleted;
      total.deleted_refused += s.deleted_refused;
      total.deleted_placed += s.deleted_placed;
      total.damaged += s.damaged;
      total.damaged_placed += s.damaged_placed;
      total.seconds += s.seconds;
    }
  if (!quiet && argc > 2)
    print_score ("TOTAL", &total);
  return 0;
}
