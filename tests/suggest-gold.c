/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Marginalia"
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "suggest-gold.h"

static void
label_clear (gpointer data)
{
  MgGoldLabel *label = data;

  g_free (label->quote);
}

GArray *
mg_gold_read_labels (const char  *tsv_path,
                     GError     **error)
{
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GArray) labels = g_array_new (FALSE, TRUE, sizeof (MgGoldLabel));

  g_array_set_clear_func (labels, label_clear);
  if (!g_file_get_contents (tsv_path, &contents, NULL, error))
    return NULL;
  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 1; lines[i] != NULL; i++)
    {
      g_auto(GStrv) fields = NULL;
      MgGoldLabel label = { 0, };
      char *end_start, *end_end;

      if (lines[i][0] == '\0')
        continue;
      fields = g_strsplit (lines[i], "\t", 4);
      if (g_strv_length (fields) != 4 ||
          !mg_suggestion_kind_from_string (fields[0], &label.kind))
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                       "%s:%u: not kind, start, end, quote", tsv_path, i + 1);
          return NULL;
        }
      label.start = (guint) strtoul (fields[1], &end_start, 10);
      label.end = (guint) strtoul (fields[2], &end_end, 10);
      if (*end_start != '\0' || *end_end != '\0' || label.end <= label.start)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                       "%s:%u: bad range", tsv_path, i + 1);
          return NULL;
        }
      label.quote = g_strdup (fields[3]);
      g_array_append_val (labels, label);
    }
  return g_steal_pointer (&labels);
}

void
mg_gold_score (GListModel  *suggestions,
               GArray      *labels,
               MgGoldScore *scores)
{
  guint n = g_list_model_get_n_items (suggestions);
  g_autofree gboolean *gold_hit = g_new0 (gboolean, labels->len + 1);

  for (guint l = 0; l < labels->len; l++)
    scores[g_array_index (labels, MgGoldLabel, l).kind].gold++;

  /* Quadratic, but the gold speeches are short. */
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(MgSuggestion) s = g_list_model_get_item (suggestions, i);
      MgSuggestionKind kind = mg_suggestion_get_kind (s);
      guint start = mg_suggestion_get_start (s);
      guint end = mg_suggestion_get_end (s);
      gboolean hit = FALSE, exact = FALSE;

      scores[kind].suggested++;
      for (guint l = 0; l < labels->len; l++)
        {
          const MgGoldLabel *label = &g_array_index (labels, MgGoldLabel, l);

          if (label->kind != kind || label->end <= start || label->start >= end)
            continue;
          hit = TRUE;
          gold_hit[l] = TRUE;
          if (label->start == start && label->end == end)
            exact = TRUE;
        }
      if (hit)
        scores[kind].suggested_hit++;
      if (exact)
        scores[kind].exact++;
    }
  for (guint l = 0; l < labels->len; l++)
    if (gold_hit[l])
      scores[g_array_index (labels, MgGoldLabel, l).kind].gold_hit++;
}

static int
compare_paths (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

GPtrArray *
mg_gold_list (const char *folder,
              const char *prefix)
{
  GPtrArray *paths = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_prefix (name, prefix) && g_str_has_suffix (name, ".txt"))
      g_ptr_array_add (paths, g_build_filename (folder, name, NULL));
  g_ptr_array_sort (paths, compare_paths);
  return paths;
}

gboolean
mg_gold_score_set (const char   *folder,
                   const char   *prefix,
                   MgGoldScore  *scores,
                   GError      **error)
{
  g_autoptr(GPtrArray) paths = mg_gold_list (folder, prefix);

  memset (scores, 0, sizeof (MgGoldScore) * MG_SUGGESTION_N_KINDS);
  for (guint i = 0; i < paths->len; i++)
    {
      const char *path = g_ptr_array_index (paths, i);
      g_autoptr(GFile) file = g_file_new_for_path (path);
      g_autoptr(MgDocument) document = mg_document_load (file, NULL, error);
      g_autofree char *stem = NULL;
      g_autofree char *tsv = NULL;
      g_autoptr(GArray) labels = NULL;
      g_autoptr(GListStore) suggestions = NULL;

      if (document == NULL)
        return FALSE;
      stem = g_strndup (path, strlen (path) - strlen (".txt"));
      tsv = g_strconcat (stem, ".tsv", NULL);
      labels = mg_gold_read_labels (tsv, error);
      if (labels == NULL)
        return FALSE;
      suggestions = mg_suggest_document (document, MG_SUGGEST_ALL);
      mg_gold_score (G_LIST_MODEL (suggestions), labels, scores);
    }
  return TRUE;
}

static double
ratio (guint a,
       guint b)
{
  return b == 0 ? 1.0 : (double) a / b;
}

double
mg_gold_precision (const MgGoldScore *score)
{
  return ratio (score->suggested_hit, score->suggested);
}

double
mg_gold_recall (const MgGoldScore *score)
{
  return ratio (score->gold_hit, score->gold);
}

double
mg_gold_exact_precision (const MgGoldScore *score)
{
  return ratio (score->exact, score->suggested);
}

double
mg_gold_exact_recall (const MgGoldScore *score)
{
  return ratio (score->exact, score->gold);
}
