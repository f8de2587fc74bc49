/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Marginalia"
#include "config.h"

#include <string.h>

#include "suggest-gold.h"

/* The hand-labelled speeches of data/suggest-gold: their labels fit their
 * text, and the suggester keeps the quality it reached on the development
 * speeches (bench/RESULTS.md, "Quality of the suggestions"). The held-out
 * speeches are checked for their labels only. */

static char *
gold_folder (void)
{
  return g_test_build_filename (G_TEST_DIST, "data", "suggest-gold", NULL);
}

static void
test_gold_labels (void)
{
  g_autofree char *folder = gold_folder ();
  const char *prefixes[] = { "dev-", "held-" };
  guint n_speeches = 0;

  for (guint p = 0; p < G_N_ELEMENTS (prefixes); p++)
    {
      g_autoptr(GPtrArray) paths = mg_gold_list (folder, prefixes[p]);
      guint languages[2] = { 0, 0 };

      for (guint i = 0; i < paths->len; i++)
        {
          const char *path = g_ptr_array_index (paths, i);
          g_autoptr(GFile) file = g_file_new_for_path (path);
          g_autoptr(GError) error = NULL;
          g_autoptr(MgDocument) document = mg_document_load (file, NULL, &error);
          g_autofree char *stem = g_strndup (path, strlen (path) - strlen (".txt"));
          g_autofree char *tsv = g_strconcat (stem, ".tsv", NULL);
          g_autoptr(GArray) labels = mg_gold_read_labels (tsv, &error);
          guint kinds[MG_SUGGESTION_N_KINDS] = { 0, };

          g_assert_no_error (error);
          g_assert_nonnull (document);
          g_assert_nonnull (labels);
          for (guint l = 0; l < labels->len; l++)
            {
              const MgGoldLabel *label = &g_array_index (labels, MgGoldLabel, l);
              g_autofree char *quote = NULL;

              g_assert_cmpuint (label->end, <=, mg_document_get_length (document));
              quote = mg_document_dup_slice (document, label->start, label->end);
              if (g_strcmp0 (quote, label->quote) != 0)
                g_error ("%s: label %u–%u is “%s” in the text, “%s” in the labels",
                         tsv, label->start, label->end, quote, label->quote);
              kinds[label->kind]++;
            }
          /* Every speech has labels of every kind. */
          for (guint k = 0; k < MG_SUGGESTION_N_KINDS; k++)
            g_assert_cmpuint (kinds[k], >, 0);
          languages[strstr (path, "-zh-") != NULL ? 0 : 1]++;
          n_speeches++;
        }
      /* Chinese and English in both sets. */
      g_assert_cmpuint (languages[0], >=, 2);
      g_assert_cmpuint (languages[1], >=, 1);
    }
  g_assert_cmpuint (n_speeches, >=, 10);
}

/* The development figures reached (bench/RESULTS.md), less a margin of
 * 0.02: overlap precision and recall per kind. */
static const struct
{
  MgSuggestionKind kind;
  double           precision;
  double           recall;
} reached[] = {
  { MG_SUGGESTION_FIGURE,      0.99, 0.97 },
  { MG_SUGGESTION_SLOGAN,      0.97, 0.83 },
  { MG_SUGGESTION_POLICY_GOAL, 0.98, 0.95 },
};

#define MARGIN 0.02

static void
test_gold_quality (void)
{
  g_autofree char *folder = gold_folder ();
  g_autoptr(GError) error = NULL;
  MgGoldScore scores[MG_SUGGESTION_N_KINDS];

  g_assert_true (mg_gold_score_set (folder, "dev-", scores, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (reached); i++)
    {
      const MgGoldScore *score = &scores[reached[i].kind];

      g_test_message ("%s: precision %.3f, recall %.3f",
                      mg_suggestion_kind_to_string (reached[i].kind),
                      mg_gold_precision (score), mg_gold_recall (score));
      g_assert_cmpfloat (mg_gold_precision (score), >=, reached[i].precision - MARGIN);
      g_assert_cmpfloat (mg_gold_recall (score), >=, reached[i].recall - MARGIN);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/suggest-gold/labels", test_gold_labels);
  g_test_add_func ("/suggest-gold/quality", test_gold_quality);
  return g_test_run ();
}
