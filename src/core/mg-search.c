/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Marginalia"
#include "config.h"

#include <string.h>

#include "mg-fold.h"
#include "mg-search.h"

/* Calls @func for each occurrence until it returns FALSE; returns the
 * number of occurrences visited. Stepping by bytes keeps this linear in the
 * text, and the offset of a match costs one O(log n) lookup. */
typedef gboolean (*MgSearchFunc) (gsize    byte,
                                  gpointer user_data);

static guint
search_foreach (MgDocument   *document,
                const char   *needle,
                MgSearchFunc  func,
                gpointer      user_data)
{
  const char *text = mg_document_get_text (document);
  gsize size = mg_document_get_size (document);
  gsize needle_size = strlen (needle);
  gsize pos = 0;
  guint count = 0;

  if (needle_size == 0 || needle_size > size)
    return 0;

  while (pos + needle_size <= size)
    {
      const char *hit = memmem (text + pos, size - pos, needle, needle_size);

      if (hit == NULL)
        break;
      count++;
      if (func != NULL && !func (hit - text, user_data))
        break;
      pos = (hit - text) + needle_size;
    }

  return count;
}

typedef struct
{
  guint nth;
  guint seen;
  gsize byte;
} FindNth;

static gboolean
find_nth_cb (gsize    byte,
             gpointer user_data)
{
  FindNth *find = user_data;

  find->seen++;
  if (find->seen < find->nth)
    return TRUE;
  find->byte = byte;
  return FALSE;
}

gboolean
mg_search_find_nth (MgDocument *document,
                    const char *needle,
                    guint       nth,
                    guint      *out_start,
                    guint      *out_end)
{
  FindNth find = { nth, 0, 0 };
  guint start;

  g_return_val_if_fail (MG_IS_DOCUMENT (document), FALSE);
  g_return_val_if_fail (needle != NULL, FALSE);

  if (nth == 0 || !g_utf8_validate (needle, -1, NULL))
    return FALSE;

  search_foreach (document, needle, find_nth_cb, &find);
  if (find.seen < nth)
    return FALSE;

  start = mg_document_byte_to_offset (document, find.byte);
  if (out_start != NULL)
    *out_start = start;
  if (out_end != NULL)
    *out_end = start + g_utf8_strlen (needle, -1);
  return TRUE;
}

guint
mg_search_count (MgDocument *document,
                 const char *needle)
{
  g_return_val_if_fail (MG_IS_DOCUMENT (document), 0);
  g_return_val_if_fail (needle != NULL, 0);

  if (!g_utf8_validate (needle, -1, NULL))
    return 0;
  return search_foreach (document, needle, NULL, NULL);
}

/* Non-overlapping occurrences of @pattern in @folded (Knuth–Morris–Pratt,
 * linear in the text): stops at the @nth (0: counts them all) and returns
 * how many were seen, the last one's folded start in @out_fstart. */
static guint
folded_search (const MgFolded *folded,
               const MgFolded *pattern,
               guint           nth,
               guint          *out_fstart)
{
  g_autofree guint *fail = NULL;
  guint m = pattern->n;
  guint count = 0;
  guint k = 0;

  if (m == 0 || m > folded->n)
    return 0;

  fail = g_new0 (guint, m);
  for (guint i = 1; i < m; i++)
    {
      while (k > 0 && pattern->chars[i] != pattern->chars[k])
        k = fail[k - 1];
      if (pattern->chars[i] == pattern->chars[k])
        k++;
      fail[i] = k;
    }

  k = 0;
  for (guint i = 0; i < folded->n; i++)
    {
      while (k > 0 && folded->chars[i] != pattern->chars[k])
        k = fail[k - 1];
      if (folded->chars[i] == pattern->chars[k])
        k++;
      if (k == m)
        {
          count++;
          if (out_fstart != NULL)
            *out_fstart = i + 1 - m;
          if (count == nth)
            break;
          /* Non-overlapping: start afresh after the match. */
          k = 0;
        }
    }

  return count;
}

gboolean
mg_search_find_nth_folded (MgDocument *document,
                           const char *needle,
                           guint       nth,
                           guint      *out_start,
                           guint      *out_end)
{
  g_autoptr(MgFolded) folded = NULL;
  g_autoptr(MgFolded) pattern = NULL;
  guint fstart = 0;
  guint start, end;

  g_return_val_if_fail (MG_IS_DOCUMENT (document), FALSE);
  g_return_val_if_fail (needle != NULL, FALSE);

  if (nth == 0 || !g_utf8_validate (needle, -1, NULL))
    return FALSE;

  pattern = mg_folded_new (needle, -1, FALSE);
  if (pattern->n == 0)
    return FALSE;
  folded = mg_folded_new (mg_document_get_text (document),
                          mg_document_get_size (document), TRUE);
  if (folded_search (folded, pattern, nth, &fstart) < nth)
    return FALSE;

  mg_folded_to_original (folded, fstart, fstart + pattern->n, &start, &end);
  if (out_start != NULL)
    *out_start = start;
  if (out_end != NULL)
    *out_end = end;
  return TRUE;
}

guint
mg_search_count_folded (MgDocument *document,
                        const char *needle)
{
  g_autoptr(MgFolded) folded = NULL;
  g_autoptr(MgFolded) pattern = NULL;

  g_return_val_if_fail (MG_IS_DOCUMENT (document), 0);
  g_return_val_if_fail (needle != NULL, 0);

  if (!g_utf8_validate (needle, -1, NULL))
    return 0;
  pattern = mg_folded_new (needle, -1, FALSE);
  folded = mg_folded_new (mg_document_get_text (document),
                          mg_document_get_size (document), FALSE);
  return folded_search (folded, pattern, 0, NULL);
}

char *
mg_search_fold_text (const char *text)
{
  g_autofree char *normalized = NULL;

  if (text == NULL)
    return g_strdup ("");
  normalized = g_utf8_normalize (text, -1, G_NORMALIZE_ALL);
  return g_utf8_casefold (normalized != NULL ? normalized : text, -1);
}

gboolean
mg_search_annotation_matches (MgAnnotation *annotation,
                              const char   *folded_needle)
{
  g_autofree char *quote = NULL;
  g_autofree char *note = NULL;

  g_return_val_if_fail (MG_IS_ANNOTATION (annotation), FALSE);

  if (folded_needle == NULL || *folded_needle == '\0')
    return TRUE;
  quote = mg_search_fold_text (mg_annotation_get_quote (annotation));
  if (strstr (quote, folded_needle) != NULL)
    return TRUE;
  note = mg_search_fold_text (mg_annotation_get_note (annotation));
  return strstr (note, folded_needle) != NULL;
}

struct _MgSearchQuery
{
  GPtrArray *words;   /* of folded char * */
};

MgSearchQuery *
mg_search_query_new (const char *text)
{
  MgSearchQuery *query = g_new0 (MgSearchQuery, 1);
  const char *p = text != NULL && g_utf8_validate (text, -1, NULL) ? text : "";

  query->words = g_ptr_array_new_with_free_func (g_free);
  while (*p != '\0')
    {
      const char *start;

      while (*p != '\0' && g_unichar_isspace (g_utf8_get_char (p)))
        p = g_utf8_next_char (p);
      start = p;
      while (*p != '\0' && !g_unichar_isspace (g_utf8_get_char (p)))
        p = g_utf8_next_char (p);
      if (p > start)
        {
          g_autofree char *word = g_strndup (start, p - start);

          g_ptr_array_add (query->words, mg_search_fold_text (word));
        }
    }
  return query;
}

void
mg_search_query_free (MgSearchQuery *query)
{
  if (query == NULL)
    return;
  g_ptr_array_unref (query->words);
  g_free (query);
}

gboolean
mg_search_query_is_empty (MgSearchQuery *query)
{
  g_return_val_if_fail (query != NULL, TRUE);
  return query->words->len == 0;
}

gboolean
mg_search_query_matches (MgSearchQuery *query,
                         MgAnnotation  *annotation,
                         MgTagSet      *tags)
{
  g_autoptr(GString) fields = NULL;
  g_autofree char *folded = NULL;
  const char * const *contributors;
  const char * const *ids;

  g_return_val_if_fail (query != NULL, FALSE);
  g_return_val_if_fail (MG_IS_ANNOTATION (annotation), FALSE);

  if (query->words->len == 0)
    return TRUE;

  /* One folding of every field, each on a line of its own: a word, which
   * holds no line break, cannot match across two. */
  fields = g_string_new (mg_annotation_get_quote (annotation));
  g_string_append_c (fields, '\n');
  g_string_append (fields, mg_annotation_get_note (annotation));
  g_string_append_c (fields, '\n');
  g_string_append (fields, mg_annotation_get_author (annotation));
  contributors = mg_annotation_get_contributors (annotation);
  for (guint i = 0; contributors != NULL && contributors[i] != NULL; i++)
    {
      g_string_append_c (fields, '\n');
      g_string_append (fields, contributors[i]);
    }
  ids = mg_annotation_get_tags (annotation);
  for (guint i = 0; ids != NULL && ids[i] != NULL; i++)
    {
      MgTag *tag = tags != NULL ? mg_tag_set_lookup (tags, ids[i]) : NULL;

      g_string_append_c (fields, '\n');
      g_string_append (fields, tag != NULL ? mg_tag_get_display_name (tag) : ids[i]);
    }
  folded = mg_search_fold_text (fields->str);

  for (guint i = 0; i < query->words->len; i++)
    if (strstr (folded, g_ptr_array_index (query->words, i)) == NULL)
      return FALSE;
  return TRUE;
}
