/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Marginalia"
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "mg-merge.h"
#include "mg-annotation-private.h"

static char *
tags_key (MgAnnotation *annotation)
{
  const char * const *tags = mg_annotation_get_tags (annotation);
  g_autoptr(GPtrArray) sorted = g_ptr_array_new ();

  for (guint i = 0; tags[i] != NULL; i++)
    g_ptr_array_add (sorted, (gpointer) tags[i]);
  g_ptr_array_sort (sorted, _mg_compare_strings);
  g_ptr_array_add (sorted, NULL);
  return g_strjoinv (",", (char **) sorted->pdata);
}

static gboolean
same_tags (MgAnnotation *a,
           MgAnnotation *b)
{
  g_autofree char *ka = tags_key (a);
  g_autofree char *kb = tags_key (b);

  return g_strcmp0 (ka, kb) == 0;
}

gboolean
mg_merge_is_duplicate (MgAnnotation *a,
                       MgAnnotation *b)
{
  guint as, ae, bs, be;

  g_return_val_if_fail (MG_IS_ANNOTATION (a), FALSE);
  g_return_val_if_fail (MG_IS_ANNOTATION (b), FALSE);

  if (mg_annotation_is_orphaned (a) || mg_annotation_is_orphaned (b))
    return FALSE;
  if (!same_tags (a, b))
    return FALSE;

  as = mg_annotation_get_start (a);
  ae = mg_annotation_get_end (a);
  bs = mg_annotation_get_start (b);
  be = mg_annotation_get_end (b);

  if (as == bs && ae == be)
    return TRUE;

  return as < be && bs < ae &&
         g_strcmp0 (mg_annotation_get_quote (a), mg_annotation_get_quote (b)) == 0;
}

/* Index of the store's annotations for finding duplicates in O(1): each
 * annotation's range, quote and tags (as tags_key() joins them) read once
 * into an entry, hashed by range and tags, and by quote and tags. The
 * entry keeps its own copy of the strings: a fold changes the annotation
 * it found, and with it the annotation's strings. */
typedef struct
{
  MgAnnotation *annotation;
  guint         start;
  guint         end;
  const char   *quote;
  const char   *tags;        /* tags_key () */
  guint         tags_hash;
  guint         quote_hash;
  char          strings[];   /* tags and quote */
} DupEntry;

typedef struct
{
  GPtrArray  *entries;    /* of DupEntry, owned */
  GHashTable *by_range;   /* DupEntry (start, end, tags) → the last DupEntry added */
  GHashTable *by_quote;   /* DupEntry (tags, quote) → GPtrArray of DupEntry, in order added */
} DupIndex;

static guint
range_hash (gconstpointer key)
{
  const DupEntry *e = key;

  return (e->start * 31u + e->end) * 31u + e->tags_hash;
}

static gboolean
range_equal (gconstpointer a,
             gconstpointer b)
{
  const DupEntry *x = a, *y = b;

  return x->start == y->start && x->end == y->end && strcmp (x->tags, y->tags) == 0;
}

static guint
quote_hash (gconstpointer key)
{
  const DupEntry *e = key;

  return e->quote_hash * 31u + e->tags_hash;
}

static gboolean
quote_equal (gconstpointer a,
             gconstpointer b)
{
  const DupEntry *x = a, *y = b;

  return strcmp (x->quote, y->quote) == 0 && strcmp (x->tags, y->tags) == 0;
}

static void
dup_index_init (DupIndex *index)
{
  index->entries = g_ptr_array_new_with_free_func (g_free);
  index->by_range = g_hash_table_new (range_hash, range_equal);
  index->by_quote = g_hash_table_new_full (quote_hash, quote_equal, NULL,
                                           (GDestroyNotify) g_ptr_array_unref);
}

static void
dup_index_clear (DupIndex *index)
{
  g_hash_table_unref (index->by_range);
  g_hash_table_unref (index->by_quote);
  g_ptr_array_unref (index->entries);
}

/* A new entry for @annotation. */
static DupEntry *
dup_entry_new (MgAnnotation *annotation)
{
  g_autofree char *tags = tags_key (annotation);
  const char *quote = mg_annotation_get_quote (annotation);
  gsize tags_size = strlen (tags) + 1;
  gsize quote_size = strlen (quote) + 1;
  DupEntry *entry = g_malloc (sizeof (DupEntry) + tags_size + quote_size);

  entry->annotation = annotation;
  entry->start = mg_annotation_get_start (annotation);
  entry->end = mg_annotation_get_end (annotation);
  entry->tags = memcpy (entry->strings, tags, tags_size);
  entry->quote = memcpy (entry->strings + tags_size, quote, quote_size);
  entry->tags_hash = g_str_hash (entry->tags);
  entry->quote_hash = g_str_hash (entry->quote);
  return entry;
}

static void
dup_index_add (DupIndex     *index,
               MgAnnotation *annotation)
{
  DupEntry *entry;
  GPtrArray *list;

  if (mg_annotation_is_orphaned (annotation))
    return;

  entry = dup_entry_new (annotation);
  g_ptr_array_add (index->entries, entry);
  g_hash_table_insert (index->by_range, entry, entry);

  list = g_hash_table_lookup (index->by_quote, entry);
  if (list == NULL)
    {
      list = g_ptr_array_new ();
      g_hash_table_insert (index->by_quote, entry, list);
    }
  g_ptr_array_add (list, entry);
}

/* @probe: the incoming annotation's entry. */
static MgAnnotation *
dup_index_find (DupIndex       *index,
                const DupEntry *probe)
{
  DupEntry *found;
  GPtrArray *list;

  if (mg_annotation_is_orphaned (probe->annotation))
    return NULL;

  found = g_hash_table_lookup (index->by_range, probe);
  if (found != NULL)
    return found->annotation;

  /* The key holds the tags and the quote, and orphans are not indexed:
   * what is left of mg_merge_is_duplicate() is whether the ranges overlap
   * (cheap, and a frequent quote has a long list). */
  list = g_hash_table_lookup (index->by_quote, probe);
  for (guint i = 0; list != NULL && i < list->len; i++)
    {
      const DupEntry *other = g_ptr_array_index (list, i);

      if ((other->start == probe->start && other->end == probe->end)
          || (other->start < probe->end && probe->start < other->end))
        return other->annotation;
    }

  return NULL;
}

static gboolean
note_has_line (const char *note,
               const char *line)
{
  g_auto(GStrv) lines = g_strsplit (note, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    if (g_strcmp0 (lines[i], line) == 0)
      return TRUE;
  return FALSE;
}

char *
mg_merge_join_notes (const char *note,
                     const char *author,
                     gboolean    already_joined,
                     const char *incoming_note,
                     const char *incoming_author)
{
  g_autofree char *prefixed = NULL;
  g_autofree char *own_prefix = NULL;
  GString *joined;

  if (incoming_note == NULL || *incoming_note == '\0')
    return NULL;
  if (g_strcmp0 (note, incoming_note) == 0)
    return NULL;

  prefixed = g_strdup_printf ("%s: %s", incoming_author, incoming_note);
  if (note_has_line (note, incoming_note) || strstr (note, prefixed) != NULL)
    return NULL;

  if (*note == '\0')
    return g_steal_pointer (&prefixed);

  joined = g_string_new (NULL);
  own_prefix = g_strdup_printf ("%s: ", author);
  if (!already_joined && !g_str_has_prefix (note, own_prefix))
    g_string_append (joined, own_prefix);
  g_string_append (joined, note);
  g_string_append_c (joined, '\n');
  g_string_append (joined, prefixed);
  return g_string_free (joined, FALSE);
}

static void
add_contributor (GPtrArray  *names,
                 const char *author,
                 const char *name)
{
  if (name == NULL || *name == '\0' || g_strcmp0 (name, author) == 0)
    return;
  for (guint i = 0; i < names->len; i++)
    if (g_strcmp0 (g_ptr_array_index (names, i), name) == 0)
      return;
  g_ptr_array_add (names, (gpointer) name);
}

/* Folds @incoming into a copy of @existing; NULL when nothing changes. */
static MgAnnotation *
fold (MgAnnotation *existing,
      MgAnnotation *incoming)
{
  g_autoptr(MgAnnotation) values = mg_annotation_copy (existing);
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  const char *author = mg_annotation_get_author (existing);
  const char * const *theirs = mg_annotation_get_contributors (incoming);
  const char * const *ours = mg_annotation_get_contributors (existing);
  g_autofree char *note = NULL;

  for (guint i = 0; ours[i] != NULL; i++)
    add_contributor (names, author, ours[i]);
  add_contributor (names, author, mg_annotation_get_author (incoming));
  for (guint i = 0; theirs[i] != NULL; i++)
    add_contributor (names, author, theirs[i]);
  g_ptr_array_sort (names, _mg_compare_strings);
  g_ptr_array_add (names, NULL);
  mg_annotation_set_contributors (values, (const char * const *) names->pdata);

  note = mg_merge_join_notes (mg_annotation_get_note (existing), author, ours[0] != NULL,
                     mg_annotation_get_note (incoming),
                     mg_annotation_get_author (incoming));
  if (note != NULL)
    mg_annotation_set_note (values, note);

  if (mg_annotation_get_starred (incoming))
    mg_annotation_set_starred (values, TRUE);

  if (mg_annotation_equal (values, existing))
    return NULL;
  return g_steal_pointer (&values);
}

/* The lexicon of @ours united with that of @theirs; NULL when @theirs adds
 * nothing. */
static GStrv
united_lexicon (MgTag *ours,
                MgTag *theirs)
{
  const char * const *a = mg_tag_get_lexicon (ours);
  const char * const *b = mg_tag_get_lexicon (theirs);
  g_autoptr(GPtrArray) all = g_ptr_array_new ();
  GStrv united;

  for (guint i = 0; a[i] != NULL; i++)
    g_ptr_array_add (all, (gpointer) a[i]);
  for (guint i = 0; b[i] != NULL; i++)
    g_ptr_array_add (all, (gpointer) b[i]);
  g_ptr_array_add (all, NULL);
  united = mg_tag_lexicon_normalize ((const char * const *) all->pdata);
  if (united == NULL || g_strv_equal ((const char * const *) united, a))
    {
      g_strfreev (united);
      return NULL;
    }
  return united;
}

static gboolean
ensure_tags (MgAnnotationStore *store,
             GPtrArray         *incoming,
             MgTagSet          *incoming_tags,
             GError           **error)
{
  MgTagSet *tags = mg_annotation_store_get_tag_set (store);
  g_autoptr(GPtrArray) missing = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  guint n_theirs = incoming_tags != NULL ? mg_tag_set_get_n_tags (incoming_tags) : 0;

  /* Lexicons are united: a tag of theirs carrying one comes along even
   * when none of their annotations uses it. */
  for (guint i = 0; i < n_theirs; i++)
    {
      MgTag *theirs = mg_tag_set_get_tag (incoming_tags, i);
      MgTag *ours = mg_tag_set_lookup (tags, mg_tag_get_id (theirs));
      g_auto(GStrv) united = NULL;

      if (!mg_tag_has_lexicon (theirs))
        continue;
      if (ours == NULL)
        {
          g_hash_table_add (seen, (gpointer) mg_tag_get_id (theirs));
          g_ptr_array_add (missing, mg_tag_copy (theirs));
        }
      else if ((united = united_lexicon (ours, theirs)) != NULL
               && !mg_annotation_store_set_tag_lexicon (store, mg_tag_get_id (ours),
                                                        (const char * const *) united, error))
        return FALSE;
    }

  for (guint i = 0; i < incoming->len; i++)
    {
      const char * const *ids = mg_annotation_get_tags (g_ptr_array_index (incoming, i));

      for (guint j = 0; ids[j] != NULL; j++)
        {
          MgTag *theirs;

          if (mg_tag_set_lookup (tags, ids[j]) != NULL ||
              g_hash_table_contains (seen, ids[j]))
            continue;
          if (!mg_tag_id_is_valid (ids[j]))
            {
              g_set_error (error, MG_TAG_SET_ERROR, MG_TAG_SET_ERROR_INVALID_ID,
                           _("“%s” is not a valid tag id"), ids[j]);
              return FALSE;
            }
          g_hash_table_add (seen, (gpointer) ids[j]);
          theirs = incoming_tags != NULL ? mg_tag_set_lookup (incoming_tags, ids[j]) : NULL;
          if (theirs != NULL)
            g_ptr_array_add (missing, mg_tag_copy (theirs));
          else
            g_ptr_array_add (missing, mg_tag_new (ids[j], ids[j], NULL, ""));
        }
    }

  for (guint i = 0; i < missing->len; i++)
    {
      MgTag *tag = g_ptr_array_index (missing, i);

      if (!mg_tag_color_is_valid (mg_tag_get_color (tag)))
        mg_tag_set_color (tag, mg_tag_set_suggest_color (tags));
      if (!mg_annotation_store_add_tag (store, tag, error))
        return FALSE;
    }
  return TRUE;
}

gboolean
mg_merge_annotations (MgAnnotationStore *store,
                      GPtrArray         *incoming,
                      MgTagSet          *incoming_tags,
                      const char        *label,
                      MgMergeReport     *report,
                      GError           **error)
{
  MgMergeReport counts = { 0, };
  DupIndex index;
  guint n;

  g_return_val_if_fail (MG_IS_ANNOTATION_STORE (store), FALSE);
  g_return_val_if_fail (incoming != NULL, FALSE);

  mg_annotation_store_begin_group (store, label != NULL ? label : _("Merge annotations"));

  if (!ensure_tags (store, incoming, incoming_tags, error))
    {
      mg_annotation_store_end_group (store);
      /* Roll back the tags that were added before the failure. */
      if (mg_annotation_store_can_undo (store))
        mg_annotation_store_undo (store);
      return FALSE;
    }

  dup_index_init (&index);
  n = mg_annotation_store_get_n_annotations (store);
  for (guint i = 0; i < n; i++)
    dup_index_add (&index, mg_annotation_store_get_annotation (store, i));

  for (guint i = 0; i < incoming->len; i++)
    {
      MgAnnotation *theirs = g_ptr_array_index (incoming, i);
      MgAnnotation *same_id = mg_annotation_store_lookup (store, mg_annotation_get_id (theirs));
      MgAnnotation *dup;
      g_autoptr(MgAnnotation) copy = NULL;
      g_autofree DupEntry *probe = NULL;

      if (same_id != NULL && mg_annotation_equal (same_id, theirs))
        {
          counts.skipped++;
          continue;
        }

      if (same_id != NULL && mg_merge_is_duplicate (same_id, theirs))
        dup = same_id;
      else
        {
          probe = dup_entry_new (theirs);
          dup = dup_index_find (&index, probe);
        }
      if (dup != NULL)
        {
          g_autoptr(MgAnnotation) values = fold (dup, theirs);

          if (values == NULL)
            counts.skipped++;
          else
            {
              mg_annotation_store_update (store, dup, values);
              counts.merged++;
            }
          continue;
        }

      if (same_id != NULL)
        {
          /* Same id, different annotation: keep both, under distinct ids. */
          copy = mg_annotation_new (NULL, 0, 0);
          mg_annotation_assign (copy, theirs);
        }
      else
        copy = mg_annotation_copy (theirs);

      if (!mg_annotation_store_add (store, copy, NULL))
        {
          /* Not placeable on this text (its range lies beyond it): keep it
           * as an orphan rather than lose it. */
          mg_annotation_set_anchor_state (copy, MG_ANCHOR_STATE_ORPHANED);
          if (!mg_annotation_store_add (store, copy, NULL))
            {
              counts.skipped++;
              continue;
            }
        }
      dup_index_add (&index, copy);
      counts.added++;
    }

  dup_index_clear (&index);
  mg_annotation_store_end_group (store);

  if (report != NULL)
    *report = counts;
  return TRUE;
}

guint
mg_merge_dismissed (MgAnnotationStore *store,
                    GListModel        *incoming)
{
  guint n, added = 0;

  g_return_val_if_fail (MG_IS_ANNOTATION_STORE (store), 0);
  g_return_val_if_fail (G_IS_LIST_MODEL (incoming), 0);

  n = g_list_model_get_n_items (incoming);
  mg_annotation_store_begin_group (store, _("Merge dismissed suggestions"));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(MgDismissal) theirs = g_list_model_get_item (incoming, i);
      g_autoptr(MgDismissal) copy = NULL;

      if (mg_annotation_store_lookup_dismissed (store, mg_dismissal_get_kind (theirs),
                                                mg_dismissal_get_start (theirs),
                                                mg_dismissal_get_end (theirs)) != NULL)
        continue;
      /* A range that does not fit this text is not worth keeping. */
      copy = mg_dismissal_new_moved (theirs, mg_dismissal_get_start (theirs),
                                     mg_dismissal_get_end (theirs),
                                     mg_dismissal_get_quote (theirs));
      if (mg_annotation_store_dismiss (store, copy, NULL))
        added++;
    }
  mg_annotation_store_end_group (store);
  return added;
}

char *
mg_merge_main_author (GPtrArray *annotations)
{
  g_autoptr(GHashTable) counts = g_hash_table_new (g_str_hash, g_str_equal);
  const char *best = NULL;
  guint best_count = 0;
  GHashTableIter iter;
  gpointer key, value;

  g_return_val_if_fail (annotations != NULL, NULL);

  for (guint i = 0; i < annotations->len; i++)
    {
      const char *author = mg_annotation_get_author (g_ptr_array_index (annotations, i));
      guint count = GPOINTER_TO_UINT (g_hash_table_lookup (counts, author));

      g_hash_table_insert (counts, (gpointer) author, GUINT_TO_POINTER (count + 1));
    }

  g_hash_table_iter_init (&iter, counts);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      guint count = GPOINTER_TO_UINT (value);

      if (count > best_count || (count == best_count && g_strcmp0 (key, best) < 0))
        {
          best = key;
          best_count = count;
        }
    }

  return g_strdup (best);
}

gboolean
mg_merge_layers (MgAnnotationStore *store,
                 GPtrArray         *layers,
                 MgMergeFilterFunc  filter,
                 gpointer           filter_data,
                 const char        *label,
                 MgMergeReport     *out_per_layer,
                 MgMergeReport     *out_total,
                 GError           **error)
{
  MgMergeReport total = { 0, 0, 0 };
  gboolean ok = TRUE;

  g_return_val_if_fail (MG_IS_ANNOTATION_STORE (store), FALSE);
  g_return_val_if_fail (layers != NULL, FALSE);

  if (label == NULL)
    label = _("Merge members’ annotations");
  mg_annotation_store_begin_group (store, label);
  for (guint l = 0; l < layers->len && ok; l++)
    {
      MgLayer *layer = g_ptr_array_index (layers, l);
      MgAnnotationStore *theirs = mg_layer_get_store (layer);
      g_autoptr(GPtrArray) incoming = g_ptr_array_new ();
      MgMergeReport counts = { 0, 0, 0 };
      guint n = mg_annotation_store_get_n_annotations (theirs);

      if (mg_layer_get_visible (layer))
        for (guint i = 0; i < n; i++)
          {
            MgAnnotation *a = mg_annotation_store_get_annotation (theirs, i);

            if (filter == NULL || filter (a, filter_data))
              g_ptr_array_add (incoming, a);
          }
      if (incoming->len > 0)
        ok = mg_merge_annotations (store, incoming, mg_annotation_store_get_tag_set (theirs),
                                   label, &counts, error);
      if (out_per_layer != NULL)
        out_per_layer[l] = counts;
      total.added += counts.added;
      total.merged += counts.merged;
      total.skipped += counts.skipped;
    }
  mg_annotation_store_end_group (store);

  if (!ok)
    {
      if (mg_annotation_store_can_undo (store)
          && g_strcmp0 (mg_annotation_store_get_undo_label (store), label) == 0)
        mg_annotation_store_undo (store);
      return FALSE;
    }
  if (out_total != NULL)
    *out_total = total;
  return TRUE;
}
