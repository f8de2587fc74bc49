/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Marginalia"
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "suggest-gold.h"

/* Precision and recall of the suggester on the hand-labelled speeches of
 * tests/data/suggest-gold: per kind, overlap and exact, for the
 * development speeches (dev-*) and, with --held-out, for the speeches kept
 * aside (held-*). --misses lists the wrong and the missed suggestions of
 * the development speeches. */

static void
print_table (const char *title,
             const char *folder,
             const char *prefix)
{
  const char *languages[] = { "", "zh-", "en-" };
  const char *language_names[] = { "all", "zh", "en" };

  printf ("\n%s\n\n", title);
  printf ("| speeches | kind | labels | suggested | overlap P | overlap R | exact P | exact R |\n");
  printf ("|---|---|---:|---:|---:|---:|---:|---:|\n");
  for (guint l = 0; l < G_N_ELEMENTS (languages); l++)
    {
      g_autofree char *full = g_strconcat (prefix, languages[l], NULL);
      g_autoptr(GError) error = NULL;
      MgGoldScore scores[MG_SUGGESTION_N_KINDS];

      if (!mg_gold_score_set (folder, full, scores, &error))
        {
          fprintf (stderr, "%s\n", error->message);
          return;
        }
      for (guint k = 0; k < MG_SUGGESTION_N_KINDS; k++)
        printf ("| %s | %s | %u | %u | %.2f | %.2f | %.2f | %.2f |\n",
                language_names[l], mg_suggestion_kind_to_string (k),
                scores[k].gold, scores[k].suggested,
                mg_gold_precision (&scores[k]), mg_gold_recall (&scores[k]),
                mg_gold_exact_precision (&scores[k]), mg_gold_exact_recall (&scores[k]));
    }
}

static gboolean
overlaps (guint a_start, guint a_end, guint b_start, guint b_end)
{
  return a_start < b_end && b_start < a_end;
}

static void
print_misses (const char *folder,
              const char *prefix)
{
  g_autoptr(GPtrArray) paths = mg_gold_list (folder, prefix);

  for (guint i = 0; i < paths->len; i++)
    {
      const char *path = g_ptr_array_index (paths, i);
      g_autoptr(GFile) file = g_file_new_for_path (path);
      g_autoptr(MgDocument) document = mg_document_load (file, NULL, NULL);
      g_autofree char *stem = g_strndup (path, strlen (path) - 4);
      g_autofree char *tsv = g_strconcat (stem, ".tsv", NULL);
      g_autoptr(GArray) labels = mg_gold_read_labels (tsv, NULL);
      g_autoptr(GListStore) suggestions = NULL;
      guint n;

      if (document == NULL || labels == NULL)
        continue;
      suggestions = mg_suggest_document (document, MG_SUGGEST_ALL);
      n = g_list_model_get_n_items (G_LIST_MODEL (suggestions));
      printf ("\n== %s\n", path);
      for (guint s = 0; s < n; s++)
        {
          g_autoptr(MgSuggestion) sug = g_list_model_get_item (G_LIST_MODEL (suggestions), s);
          gboolean hit = FALSE, exact = FALSE;

          for (guint l = 0; l < labels->len; l++)
            {
              MgGoldLabel *label = &g_array_index (labels, MgGoldLabel, l);

              if (label->kind == mg_suggestion_get_kind (sug) &&
                  overlaps (label->start, label->end, mg_suggestion_get_start (sug), mg_suggestion_get_end (sug)))
                {
                  hit = TRUE;
                  exact = exact || (label->start == mg_suggestion_get_start (sug) &&
                                    label->end == mg_suggestion_get_end (sug));
                }
            }
          if (!exact)
            printf ("%s %-12s %5u %5u %-16s %s\n", hit ? "~" : "+",
                    mg_suggestion_get_tag (sug), mg_suggestion_get_start (sug),
                    mg_suggestion_get_end (sug), mg_suggestion_get_reason (sug),
                    mg_suggestion_get_quote (sug));
        }
      for (guint l = 0; l < labels->len; l++)
        {
          MgGoldLabel *label = &g_array_index (labels, MgGoldLabel, l);
          gboolean hit = FALSE;

          for (guint s = 0; s < n && !hit; s++)
            {
              g_autoptr(MgSuggestion) sug = g_list_model_get_item (G_LIST_MODEL (suggestions), s);

              hit = label->kind == mg_suggestion_get_kind (sug) &&
                    overlaps (label->start, label->end, mg_suggestion_get_start (sug), mg_suggestion_get_end (sug));
            }
          if (!hit)
            printf ("- %-12s %5u %5u %-16s %s\n", mg_suggestion_kind_to_string (label->kind),
                    label->start, label->end, "", label->quote);
        }
    }
}

int
main (int   argc,
      char *argv[])
{
  gboolean held_out = FALSE, misses = FALSE;
  g_autofree char *folder = NULL;
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  GOptionEntry entries[] = {
    { "held-out", 0, 0, G_OPTION_ARG_NONE, &held_out, "Score the held-out speeches too", NULL },
    { "misses", 'm', 0, G_OPTION_ARG_NONE, &misses,
      "List the development speeches' wrong (+), inexact (~) and missed (-) suggestions", NULL },
    { NULL }
  };

  context = g_option_context_new ("[FOLDER] — precision and recall of the suggestions");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || argc > 2)
    {
      fprintf (stderr, "%s\n", error != NULL ? error->message
                                             : "usage: suggest-quality [--held-out] [--misses] [FOLDER]");
      return 2;
    }
  folder = g_strdup (argc == 2 ? argv[1] : "tests/data/suggest-gold");
  if (misses)
    {
      print_misses (folder, "dev-");
      return 0;
    }
  print_table ("Development speeches (dev-*)", folder, "dev-");
  if (held_out)
    print_table ("Held-out speeches (held-*)", folder, "held-");
  return 0;
}
