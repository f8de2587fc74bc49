/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Marginalia"
#include "config.h"

#include <glib/gi18n-lib.h>

#include "mg-suggest-private.h"

gboolean
_mg_suggest_is_han (gunichar c)
{
  return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) ||
         (c >= 0xF900 && c <= 0xFAFF) || (c >= 0x20000 && c <= 0x2FA1F) ||
         c == 0x3007;
}

gboolean
_mg_suggest_is_space (gunichar c)
{
  return c == ' ' || c == '\t' || c == 0x00A0 || c == 0x3000 || c == 0x2002 ||
         c == 0x2003 || c == 0x2009 || c == 0x202F;
}

gboolean
_mg_suggest_is_ascii_alpha (gunichar c)
{
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

int
_mg_suggest_digit_value (gunichar c)
{
  if (c >= '0' && c <= '9')
    return (int) (c - '0');
  if (c >= 0xFF10 && c <= 0xFF19)
    return (int) (c - 0xFF10);
  return -1;
}

gboolean
_mg_suggest_match_any (const MgSuggestText *text,
                       guint                pos,
                       guint                end,
                       const char * const  *words,
                       guint                n_words,
                       guint               *out_len)
{
  for (guint w = 0; w < n_words; w++)
    {
      guint len;

      if (_mg_suggest_match (text, pos, words[w], FALSE, &len) && pos + len <= end)
        {
          if (out_len != NULL)
            *out_len = len;
          return TRUE;
        }
    }
  return FALSE;
}

gboolean
_mg_suggest_ends_with_any (const MgSuggestText *text,
                           guint                start,
                           guint                pos,
                           const char * const  *words,
                           guint                n_words)
{
  for (guint w = 0; w < n_words; w++)
    {
      guint len = (guint) g_utf8_strlen (words[w], -1);

      if (pos >= start + len && _mg_suggest_match (text, pos - len, words[w], TRUE, NULL))
        return TRUE;
    }
  return FALSE;
}

static gunichar
fold_ascii (gunichar c)
{
  return (c >= 'A' && c <= 'Z') ? c + ('a' - 'A') : c;
}

gboolean
_mg_suggest_match (const MgSuggestText *text,
                   guint                pos,
                   const char          *word,
                   gboolean             fold,
                   guint               *out_len)
{
  guint i = pos;
  gunichar first;

  /* Most calls fail on the first character: decide that cheaply. */
  if (pos >= text->length)
    return FALSE;
  first = (guchar) word[0] < 0x80 ? (gunichar) word[0] : g_utf8_get_char (word);
  if ((fold ? fold_ascii (text->chars[pos]) : text->chars[pos]) != first)
    return FALSE;

  for (const char *p = word; *p != '\0'; p = g_utf8_next_char (p), i++)
    {
      gunichar w = g_utf8_get_char (p);
      gunichar c;

      if (i >= text->length)
        return FALSE;
      c = text->chars[i];
      if (fold)
        c = fold_ascii (c);
      if (c != w)
        return FALSE;
    }
  if (out_len != NULL)
    *out_len = i - pos;
  return TRUE;
}

static int
compare_hits (gconstpointer a,
              gconstpointer b)
{
  const MgSuggestHit *x = a;
  const MgSuggestHit *y = b;

  if (x->start != y->start)
    return x->start < y->start ? -1 : 1;
  if (x->kind != y->kind)
    return x->kind < y->kind ? -1 : 1;
  /* The longer range first, so that it wins over what it contains. */
  if (x->end != y->end)
    return x->end > y->end ? -1 : 1;
  return 0;
}

GListStore *
mg_suggest_document (MgDocument     *document,
                     MgSuggestKinds  kinds)
{
  return mg_suggest_document_full (document, kinds, NULL);
}

GListStore *
mg_suggest_document_full (MgDocument         *document,
                          MgSuggestKinds      kinds,
                          const char * const *lexicon)
{
  g_autoptr(GArray) hits = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autofree gunichar *chars = NULL;
  GListStore *store;
  MgSuggestText text;
  glong n_chars = 0;
  guint last_end[MG_SUGGESTION_N_KINDS] = { 0, };

  g_return_val_if_fail (MG_IS_DOCUMENT (document), NULL);

  store = g_list_store_new (MG_TYPE_SUGGESTION);
  chars = g_utf8_to_ucs4_fast (mg_document_get_text (document),
                               (glong) mg_document_get_size (document), &n_chars);
  text.chars = chars;
  text.length = (guint) n_chars;
  if (text.length == 0)
    return store;

  hits = g_array_new (FALSE, FALSE, sizeof (MgSuggestHit));
  if (kinds & MG_SUGGEST_FIGURES)
    _mg_suggest_scan_figures (&text, hits);
  if (kinds & MG_SUGGEST_SLOGANS)
    _mg_suggest_scan_slogans (&text, lexicon, hits);
  if (kinds & MG_SUGGEST_POLICY_GOALS)
    _mg_suggest_scan_goals (&text, hits);

  g_array_sort (hits, compare_hits);

  items = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < hits->len; i++)
    {
      const MgSuggestHit *hit = &g_array_index (hits, MgSuggestHit, i);
      g_autofree char *quote = NULL;

      if (hit->end <= hit->start || hit->end > text.length ||
          hit->end - hit->start > MG_SUGGEST_MAX_LENGTH)
        continue;
      /* Within one kind, the first (and at one start, the longest) wins. */
      if (hit->start < last_end[hit->kind])
        continue;
      last_end[hit->kind] = hit->end;
      quote = g_ucs4_to_utf8 (text.chars + hit->start, hit->end - hit->start, NULL, NULL, NULL);
      g_ptr_array_add (items,
                       mg_suggestion_new (hit->kind, hit->start, hit->end,
                                          mg_document_get_paragraph_at (document, hit->start),
                                          quote, hit->reason));
    }

  g_list_store_splice (store, 0, 0, items->pdata, items->len);
  return store;
}

static guint
start_of (GListModel *model,
          guint       position)
{
  g_autoptr(MgSuggestion) s = g_list_model_get_item (model, position);

  return mg_suggestion_get_start (s);
}

GPtrArray *
mg_suggest_find_at (GListModel *suggestions,
                    guint       offset)
{
  GPtrArray *found = g_ptr_array_new_with_free_func (g_object_unref);
  guint lo = 0, hi, first;

  g_return_val_if_fail (G_IS_LIST_MODEL (suggestions), found);

  /* The number of suggestions starting at or before @offset. */
  hi = g_list_model_get_n_items (suggestions);
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (start_of (suggestions, mid) <= offset)
        lo = mid + 1;
      else
        hi = mid;
    }
  first = lo;
  while (first > 0 && start_of (suggestions, first - 1) + MG_SUGGEST_MAX_LENGTH > offset)
    first--;
  for (guint i = first; i < lo; i++)
    {
      g_autoptr(MgSuggestion) s = g_list_model_get_item (suggestions, i);

      if (mg_suggestion_get_end (s) > offset)
        g_ptr_array_add (found, g_steal_pointer (&s));
    }
  return found;
}

MgSuggestion *
mg_suggest_find_next (GListModel *suggestions,
                      guint       offset,
                      gboolean    backward)
{
  guint lo = 0, hi;

  g_return_val_if_fail (G_IS_LIST_MODEL (suggestions), NULL);

  /* The number of suggestions starting at or before @offset (before it,
   * when going backward). */
  hi = g_list_model_get_n_items (suggestions);
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;
      guint start = start_of (suggestions, mid);

      if (backward ? start < offset : start <= offset)
        lo = mid + 1;
      else
        hi = mid;
    }
  if (backward)
    return lo > 0 ? g_list_model_get_item (suggestions, lo - 1) : NULL;
  return lo < g_list_model_get_n_items (suggestions) ? g_list_model_get_item (suggestions, lo) : NULL;
}

typedef struct
{
  guint start;
  guint end;
} Span;

static int
compare_spans (gconstpointer a,
               gconstpointer b)
{
  const Span *x = a;
  const Span *y = b;

  if (x->start != y->start)
    return x->start < y->start ? -1 : 1;
  return x->end < y->end ? -1 : (x->end > y->end ? 1 : 0);
}

/* TRUE when one of @spans (sorted by start, @max_end holding the running
 * maximum of their ends) overlaps [start, end). */
static gboolean
spans_overlap (GArray *spans,
               GArray *max_end,
               guint   start,
               guint   end)
{
  guint lo = 0, hi = spans->len;

  /* The number of spans starting before @end. */
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (g_array_index (spans, Span, mid).start < end)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo > 0 && g_array_index (max_end, guint, lo - 1) > start;
}

GListStore *
mg_suggest_filter_existing (GListModel        *suggestions,
                            MgAnnotationStore *store)
{
  GArray *spans[MG_SUGGESTION_N_KINDS];
  GArray *max_end[MG_SUGGESTION_N_KINDS];
  g_autoptr(GPtrArray) kept = NULL;
  GListStore *result;
  guint n;

  g_return_val_if_fail (G_IS_LIST_MODEL (suggestions), NULL);
  g_return_val_if_fail (MG_IS_ANNOTATION_STORE (store), NULL);

  for (guint k = 0; k < MG_SUGGESTION_N_KINDS; k++)
    {
      spans[k] = g_array_new (FALSE, FALSE, sizeof (Span));
      max_end[k] = g_array_new (FALSE, FALSE, sizeof (guint));
    }

  n = mg_annotation_store_get_n_annotations (store);
  for (guint i = 0; i < n; i++)
    {
      MgAnnotation *annotation = mg_annotation_store_get_annotation (store, i);

      if (mg_annotation_is_orphaned (annotation))
        continue;
      for (guint k = 0; k < MG_SUGGESTION_N_KINDS; k++)
        if (mg_annotation_has_tag (annotation, mg_suggestion_kind_to_string (k)))
          {
            Span span = { mg_annotation_get_start (annotation), mg_annotation_get_end (annotation) };

            g_array_append_val (spans[k], span);
          }
    }
  for (guint k = 0; k < MG_SUGGESTION_N_KINDS; k++)
    {
      guint running = 0;

      g_array_sort (spans[k], compare_spans);
      for (guint i = 0; i < spans[k]->len; i++)
        {
          running = MAX (running, g_array_index (spans[k], Span, i).end);
          g_array_append_val (max_end[k], running);
        }
    }

  kept = g_ptr_array_new_with_free_func (g_object_unref);
  n = g_list_model_get_n_items (suggestions);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(MgSuggestion) suggestion = g_list_model_get_item (suggestions, i);
      MgSuggestionKind kind = mg_suggestion_get_kind (suggestion);

      if (!spans_overlap (spans[kind], max_end[kind],
                          mg_suggestion_get_start (suggestion),
                          mg_suggestion_get_end (suggestion)))
        g_ptr_array_add (kept, g_steal_pointer (&suggestion));
    }

  for (guint k = 0; k < MG_SUGGESTION_N_KINDS; k++)
    {
      g_array_unref (spans[k]);
      g_array_unref (max_end[k]);
    }

  result = g_list_store_new (MG_TYPE_SUGGESTION);
  g_list_store_splice (result, 0, 0, kept->pdata, kept->len);
  return result;
}

MgAnnotation *
mg_suggestion_accept (MgSuggestion      *suggestion,
                      MgAnnotationStore *store,
                      const char        *author,
                      GError           **error)
{
  const char *tags[2] = { NULL, NULL };

  g_return_val_if_fail (MG_IS_SUGGESTION (suggestion), NULL);
  g_return_val_if_fail (MG_IS_ANNOTATION_STORE (store), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  tags[0] = mg_suggestion_get_tag (suggestion);
  return mg_annotation_store_create (store,
                                     mg_suggestion_get_start (suggestion),
                                     mg_suggestion_get_end (suggestion),
                                     tags, NULL, FALSE, author, error);
}

GListStore *
mg_suggest_filter_dismissed (GListModel        *suggestions,
                             MgAnnotationStore *store)
{
  g_autoptr(GPtrArray) kept = NULL;
  GListStore *result;
  gboolean any;
  guint n;

  g_return_val_if_fail (G_IS_LIST_MODEL (suggestions), NULL);
  g_return_val_if_fail (MG_IS_ANNOTATION_STORE (store), NULL);

  any = g_list_model_get_n_items (mg_annotation_store_get_dismissed (store)) > 0;
  kept = g_ptr_array_new_with_free_func (g_object_unref);
  n = g_list_model_get_n_items (suggestions);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(MgSuggestion) suggestion = g_list_model_get_item (suggestions, i);

      /* A binary search in the store's sorted dismissals. */
      if (!any || !mg_annotation_store_is_dismissed (store, suggestion))
        g_ptr_array_add (kept, g_steal_pointer (&suggestion));
    }

  result = g_list_store_new (MG_TYPE_SUGGESTION);
  g_list_store_splice (result, 0, 0, kept->pdata, kept->len);
  return result;
}

GStrv
mg_suggest_dup_lexicon (MgAnnotationStore *store)
{
  MgTag *tag;
  const char * const *lexicon;

  g_return_val_if_fail (MG_IS_ANNOTATION_STORE (store), NULL);

  tag = mg_tag_set_lookup (mg_annotation_store_get_tag_set (store),
                           mg_suggestion_kind_to_string (MG_SUGGESTION_SLOGAN));
  if (tag == NULL || !mg_tag_has_lexicon (tag))
    return NULL;
  lexicon = mg_tag_get_lexicon (tag);
  return g_strdupv ((char **) lexicon);
}

GPtrArray *
mg_suggest_find_range (GListModel *suggestions,
                       guint       start,
                       guint       end)
{
  g_autoptr(GPtrArray) at = NULL;
  GPtrArray *found = g_ptr_array_new_with_free_func (g_object_unref);

  g_return_val_if_fail (G_IS_LIST_MODEL (suggestions), found);

  at = mg_suggest_find_at (suggestions, start);
  for (guint i = 0; i < at->len; i++)
    {
      MgSuggestion *suggestion = g_ptr_array_index (at, i);

      if (mg_suggestion_get_start (suggestion) == start && mg_suggestion_get_end (suggestion) == end)
        g_ptr_array_add (found, g_object_ref (suggestion));
    }
  return found;
}

guint
mg_suggest_count_kind (GListModel       *suggestions,
                       MgSuggestionKind  kind)
{
  guint n, count = 0;

  g_return_val_if_fail (G_IS_LIST_MODEL (suggestions), 0);

  n = g_list_model_get_n_items (suggestions);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(MgSuggestion) suggestion = g_list_model_get_item (suggestions, i);

      if (mg_suggestion_get_kind (suggestion) == kind)
        count++;
    }
  return count;
}

guint
mg_suggestion_accept_all (GListModel         *suggestions,
                          MgSuggestionKind    kind,
                          MgAnnotationStore  *store,
                          const char         *author,
                          GError            **error)
{
  g_autoptr(GPtrArray) annotations = NULL;
  const char *tags[2] = { NULL, NULL };
  MgDocument *document;
  guint n, length;

  g_return_val_if_fail (G_IS_LIST_MODEL (suggestions), 0);
  g_return_val_if_fail ((guint) kind < MG_SUGGESTION_N_KINDS, 0);
  g_return_val_if_fail (MG_IS_ANNOTATION_STORE (store), 0);
  g_return_val_if_fail (error == NULL || *error == NULL, 0);

  tags[0] = mg_suggestion_kind_to_string (kind);
  if (mg_tag_set_lookup (mg_annotation_store_get_tag_set (store), tags[0]) == NULL)
    {
      g_set_error (error, MG_ANNOTATION_STORE_ERROR, MG_ANNOTATION_STORE_ERROR_UNKNOWN_TAG,
                   _("There is no tag with the id “%s”"), tags[0]);
      return 0;
    }
  document = mg_annotation_store_get_document (store);
  length = document != NULL ? mg_document_get_length (document) : 0;
  n = g_list_model_get_n_items (suggestions);
  annotations = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(MgSuggestion) suggestion = g_list_model_get_item (suggestions, i);
      guint start = mg_suggestion_get_start (suggestion);
      guint end = mg_suggestion_get_end (suggestion);
      MgAnnotation *annotation;

      if (mg_suggestion_get_kind (suggestion) != kind)
        continue;
      if (start >= end || end > length)
        {
          g_set_error (error, MG_ANNOTATION_STORE_ERROR, MG_ANNOTATION_STORE_ERROR_RANGE,
                       _("The suggestion at %u–%u does not fit the speech"), start, end);
          return 0;
        }
      annotation = mg_annotation_new (NULL, start, end);
      mg_annotation_set_tags (annotation, tags);
      mg_annotation_set_author (annotation, author);
      g_ptr_array_add (annotations, annotation);
    }

  /* One step, added at once: the store tells its observers one change. */
  if (!mg_annotation_store_add_all (store, annotations, _("Accept suggestions"), error))
    return 0;
  return annotations->len;
}
