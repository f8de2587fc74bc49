/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Marginalia"
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "mg-summary.h"
#include "mg-time.h"

#define MG_SUMMARY_NEUTRAL_COLOR  "#77767b"
#define MG_SUMMARY_ORPHAN_COLOR   "#c01c28"

struct _MgSummary
{
  GObject     parent_instance;

  char       *title;
  char       *source;
  char       *sha256;
  char       *language;
  char       *date;
  MgDocument *document;       /* nullable; immutable, so it may be read from any thread */

  GPtrArray  *speeches;       /* of MgSummarySpeech *, owned */
  GPtrArray  *items;          /* of MgSummaryItem *, in @slabs */
  GPtrArray  *slabs;          /* the items' memory, owned */
  char       *slab_at;        /* free room in the last slab */
  gsize       slab_left;
  GPtrArray  *starred;        /* of MgSummaryItem *, borrowed */
  GPtrArray  *groups;         /* of MgSummaryGroup *, owned */
  GPtrArray  *tag_counts;     /* of MgSummaryCount * */
  GPtrArray  *author_counts;  /* of MgSummaryCount * */
  GHashTable *tag_names;      /* id → name */
  GHashTable *tag_colors;     /* id → colour */
  guint       n_orphaned;
  guint       n_untagged;

  GStrv       filter_tags;
  char       *filter_author;
  guint       filter_starred : 1;
  guint       combined : 1;
};

G_DEFINE_FINAL_TYPE (MgSummary, mg_summary, G_TYPE_OBJECT)

/* Room for an item (not zeroed): tens of thousands of them, taken one
 * after the other from large slabs and freed all at once with the
 * summary, not one allocation each. */
#define SUMMARY_SLAB_SIZE (1024 * 1024)

static gpointer
summary_alloc (MgSummary *self,
               gsize      size)
{
  gpointer block;

  size = (size + 15) & ~(gsize) 15;
  if (self->slab_left < size)
    {
      gsize slab = MAX (size, SUMMARY_SLAB_SIZE);

      self->slab_at = g_malloc (slab);
      self->slab_left = slab;
      g_ptr_array_add (self->slabs, self->slab_at);
    }
  block = self->slab_at;
  self->slab_at += size;
  self->slab_left -= size;
  return block;
}

static void
summary_group_free (MgSummaryGroup *group)
{
  g_free (group->tag_id);
  g_free (group->name);
  g_free (group->color);
  g_ptr_array_unref (group->items);
  g_free (group);
}

static void
summary_count_free (MgSummaryCount *count)
{
  g_free (count->key);
  g_free (count->name);
  g_free (count->color);
  g_free (count->description);
  g_free (count->speech_counts);
  g_free (count);
}

static void
summary_speech_free (MgSummarySpeech *speech)
{
  g_free (speech->path);
  g_free (speech->title);
  g_free (speech->source);
  g_free (speech->sha256);
  g_free (speech->language);
  g_clear_object (&speech->document);
  g_free (speech);
}

static MgSummaryGroup *
summary_group_new (MgSummaryGroupKind  kind,
                   const char         *tag_id,
                   const char         *name,
                   const char         *color)
{
  MgSummaryGroup *group = g_new0 (MgSummaryGroup, 1);

  group->kind = kind;
  group->tag_id = g_strdup (tag_id);
  group->name = g_strdup (name);
  group->color = g_strdup (color);
  group->items = g_ptr_array_new ();
  return group;
}

static MgSummaryCount *
summary_count_new (const char *key,
                   const char *name,
                   const char *color)
{
  MgSummaryCount *count = g_new0 (MgSummaryCount, 1);

  count->key = g_strdup (key);
  count->name = g_strdup (name);
  count->color = g_strdup (color);
  return count;
}

static void
mg_summary_finalize (GObject *object)
{
  MgSummary *self = MG_SUMMARY (object);

  g_free (self->title);
  g_free (self->source);
  g_free (self->sha256);
  g_free (self->language);
  g_free (self->date);
  g_clear_object (&self->document);
  g_clear_pointer (&self->speeches, g_ptr_array_unref);
  g_clear_pointer (&self->starred, g_ptr_array_unref);
  g_clear_pointer (&self->groups, g_ptr_array_unref);
  g_clear_pointer (&self->items, g_ptr_array_unref);
  g_clear_pointer (&self->slabs, g_ptr_array_unref);
  g_clear_pointer (&self->tag_counts, g_ptr_array_unref);
  g_clear_pointer (&self->author_counts, g_ptr_array_unref);
  g_clear_pointer (&self->tag_names, g_hash_table_unref);
  g_clear_pointer (&self->tag_colors, g_hash_table_unref);
  g_strfreev (self->filter_tags);
  g_free (self->filter_author);

  G_OBJECT_CLASS (mg_summary_parent_class)->finalize (object);
}

static void
mg_summary_class_init (MgSummaryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = mg_summary_finalize;
}

static void
mg_summary_init (MgSummary *self)
{
  self->speeches = g_ptr_array_new_with_free_func ((GDestroyNotify) summary_speech_free);
  self->items = g_ptr_array_new ();
  self->slabs = g_ptr_array_new_with_free_func (g_free);
  self->starred = g_ptr_array_new ();
  self->groups = g_ptr_array_new_with_free_func ((GDestroyNotify) summary_group_free);
  self->tag_counts = g_ptr_array_new_with_free_func ((GDestroyNotify) summary_count_free);
  self->author_counts = g_ptr_array_new_with_free_func ((GDestroyNotify) summary_count_free);
  self->tag_names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->tag_colors = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}

static gboolean
summary_filter_accepts (const MgSummaryFilter *filter,
                        MgAnnotation          *annotation)
{
  if (filter == NULL)
    return TRUE;
  if (filter->starred_only && !mg_annotation_get_starred (annotation))
    return FALSE;
  if (filter->author != NULL
      && g_strcmp0 (filter->author, mg_annotation_get_author (annotation)) != 0)
    return FALSE;
  if (filter->tags != NULL && filter->tags[0] != NULL)
    {
      for (guint i = 0; filter->tags[i] != NULL; i++)
        if (mg_annotation_has_tag (annotation, filter->tags[i]))
          return TRUE;
      return FALSE;
    }
  return TRUE;
}

/* The annotation's tags sorted by their place in the tag set; ids the set
 * does not know keep their order after the others. Borrowed strings, in a
 * vector of @n + 1 that @sorted points to. */
static void
summary_sorted_tags (MgTagSet            *tag_set,
                     MgAnnotation        *annotation,
                     const char         **sorted,
                     guint                n)
{
  const char * const *tags = mg_annotation_get_tags (annotation);
  guint k = 0;
  guint n_tags = mg_tag_set_get_n_tags (tag_set);

  for (guint t = 0; t < n_tags && k < n; t++)
    {
      const char *id = mg_tag_get_id (mg_tag_set_get_tag (tag_set, t));

      if (g_strv_contains (tags, id))
        sorted[k++] = id;
    }
  for (guint i = 0; i < n; i++)
    if (mg_tag_set_index_of (tag_set, tags[i]) < 0)
      sorted[k++] = tags[i];
  sorted[k] = NULL;
}

/* Copies @s (NULL stays NULL, unless @empty), @length bytes long, to
 * *@out and moves it on. */
static char *
pack_string (char       **out,
             const char  *s,
             gsize        length,
             gboolean     empty)
{
  char *copy;

  if (s == NULL && !empty)
    return NULL;
  if (s == NULL)
    s = "";
  copy = memcpy (*out, s, length + 1);
  *out += length + 1;
  return copy;
}

/* A snapshot of @annotation in one block of @self's slabs: an export takes one
 * of each of tens of thousands of annotations. */
static MgSummaryItem *
summary_item_new (MgSummary    *self,
                  MgDocument   *document,
                  MgTagSet     *tag_set,
                  MgAnnotation *annotation)
{
  const char * const *tags = mg_annotation_get_tags (annotation);
  guint n = tags != NULL ? g_strv_length ((char **) tags) : 0;
  const char *sorted_stack[16];
  g_autofree const char **sorted_heap = NULL;
  const char **sorted = n < G_N_ELEMENTS (sorted_stack) ? sorted_stack
                        : (sorted_heap = g_new (const char *, n + 1));
  g_autofree char *context = NULL;
  const char *strings[9];
  gsize lengths[9];
  gsize size, tags_at;
  MgSummaryItem *item;
  char *out;
  gboolean orphaned = mg_annotation_is_orphaned (annotation);
  guint start = mg_annotation_get_start (annotation);
  guint end = mg_annotation_get_end (annotation);

  summary_sorted_tags (tag_set, annotation, sorted, n);
  if (!orphaned && document != NULL)
    context = mg_document_dup_sentence (document, start, end);

  strings[0] = mg_annotation_get_id (annotation);
  strings[1] = mg_annotation_get_quote (annotation);
  strings[2] = mg_annotation_get_prefix (annotation);
  strings[3] = mg_annotation_get_suffix (annotation);
  strings[4] = mg_annotation_get_note (annotation);
  strings[5] = mg_annotation_get_author (annotation);
  strings[6] = mg_annotation_get_created (annotation);
  strings[7] = mg_annotation_get_modified (annotation);
  strings[8] = context;

  tags_at = (sizeof (MgSummaryItem) + sizeof (char *) - 1) / sizeof (char *) * sizeof (char *);
  size = tags_at + (n + 1) * sizeof (char *);
  for (guint i = 0; i < G_N_ELEMENTS (strings); i++)
    {
      lengths[i] = strings[i] != NULL ? strlen (strings[i]) : 0;
      size += lengths[i] + 1;
    }
  for (guint i = 0; i < n && sorted[i] != NULL; i++)
    size += strlen (sorted[i]) + 1;

  item = summary_alloc (self, size);
  /* The fields and the tags' vector zeroed; the strings are all written. */
  memset (item, 0, tags_at + (n + 1) * sizeof (char *));
  item->tags = (char **) ((char *) item + tags_at);
  out = (char *) (item->tags + n + 1);
  item->id = pack_string (&out, strings[0], lengths[0], TRUE);
  item->quote = pack_string (&out, strings[1], lengths[1], TRUE);
  item->prefix = pack_string (&out, strings[2], lengths[2], TRUE);
  item->suffix = pack_string (&out, strings[3], lengths[3], TRUE);
  item->note = pack_string (&out, strings[4], lengths[4], TRUE);
  item->author = pack_string (&out, strings[5], lengths[5], TRUE);
  item->created = pack_string (&out, strings[6], lengths[6], FALSE);
  item->modified = pack_string (&out, strings[7], lengths[7], FALSE);
  item->context = pack_string (&out, strings[8], lengths[8], TRUE);
  for (guint i = 0; i < n && sorted[i] != NULL; i++)
    item->tags[i] = pack_string (&out, sorted[i], strlen (sorted[i]), TRUE);
  g_assert ((gsize) (out - (char *) item) <= size);

  item->start = start;
  item->end = end;
  item->orphaned = orphaned;
  item->starred = mg_annotation_get_starred (annotation) != FALSE;
  if (!orphaned && document != NULL)
    {
      item->paragraph = mg_document_get_paragraph_at (document, start);
      item->sentence = mg_document_get_sentence_at (document, start);
    }
  else if (!orphaned)
    {
      item->paragraph = mg_annotation_get_paragraph (annotation);
      item->sentence = mg_annotation_get_sentence (annotation);
    }
  return item;
}

static int
summary_author_count_compare (gconstpointer a,
                              gconstpointer b)
{
  const MgSummaryCount *ca = *(const MgSummaryCount * const *) a;
  const MgSummaryCount *cb = *(const MgSummaryCount * const *) b;

  if (ca->count != cb->count)
    return ca->count > cb->count ? -1 : 1;
  return strcmp (ca->key, cb->key);
}

static MgSummarySpeech *
summary_speech_new (MgDocument *document,
                    const char *path)
{
  MgSummarySpeech *speech = g_new0 (MgSummarySpeech, 1);
  const char *title = document != NULL ? mg_document_get_title (document) : NULL;
  const char *name = document != NULL ? mg_document_get_name (document) : NULL;
  const char *sha256 = document != NULL ? mg_document_get_sha256 (document) : NULL;
  const char *language = document != NULL ? mg_document_get_language (document) : NULL;

  speech->document = document != NULL ? g_object_ref (document) : NULL;
  speech->path = g_strdup (path != NULL ? path : "");
  speech->source = g_strdup (name != NULL ? name : "");
  speech->sha256 = g_strdup (sha256 != NULL ? sha256 : "");
  speech->language = g_strdup (language != NULL ? language : "en");

  if (title != NULL && *title != '\0')
    speech->title = g_strdup (title);
  else if (name != NULL && *name != '\0')
    speech->title = g_strdup (name);
  else
    speech->title = g_strdup (_("Annotations"));
  return speech;
}

static void
summary_set_speeches (MgSummary *self)
{
  const MgSummarySpeech *first = g_ptr_array_index (self->speeches, 0);

  self->language = g_strdup (first->language);
  if (!self->combined)
    {
      self->document = first->document != NULL ? g_object_ref (first->document) : NULL;
      self->source = g_strdup (first->source);
      self->sha256 = g_strdup (first->sha256);
      self->title = g_strdup (first->title);
      return;
    }
  self->source = g_strdup ("");
  self->sha256 = g_strdup ("");
  self->title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u speech", "%u speeches",
                                              self->speeches->len),
                                 self->speeches->len);
}

/* The tags of every store, once each: the first store's in its order, then
 * the ids first seen in later ones. */
static GPtrArray *
summary_union_tags (MgAnnotationStore * const *stores,
                    guint                      n_stores)
{
  GPtrArray *tags = g_ptr_array_new ();
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint s = 0; s < n_stores; s++)
    {
      MgTagSet *tag_set = mg_annotation_store_get_tag_set (stores[s]);
      guint n_tags = mg_tag_set_get_n_tags (tag_set);

      for (guint t = 0; t < n_tags; t++)
        {
          MgTag *tag = mg_tag_set_get_tag (tag_set, t);

          if (g_hash_table_add (seen, (gpointer) mg_tag_get_id (tag)))
            g_ptr_array_add (tags, tag);
        }
    }
  return tags;
}

static MgSummary *summary_new (MgAnnotationStore * const *stores,
                               const char * const        *paths,
                               guint                      n_stores,
                               gboolean                   combined,
                               const MgSummaryFilter     *filter,
                               GError                   **error);

MgSummary *
mg_summary_new (MgAnnotationStore     *store,
                const MgSummaryFilter *filter,
                GError               **error)
{
  g_return_val_if_fail (MG_IS_ANNOTATION_STORE (store), NULL);

  return summary_new (&store, NULL, 1, FALSE, filter, error);
}

MgSummary *
mg_summary_new_combined (MgAnnotationStore * const *stores,
                         const char * const        *paths,
                         guint                      n_stores,
                         const MgSummaryFilter     *filter,
                         GError                   **error)
{
  return summary_new (stores, paths, n_stores, TRUE, filter, error);
}

static MgSummary *
summary_new (MgAnnotationStore * const *stores,
             const char * const        *paths,
             guint                      n_stores,
             gboolean                   combined,
             const MgSummaryFilter     *filter,
             GError                   **error)
{
  g_autoptr(MgSummary) self = NULL;
  g_autoptr(GHashTable) authors = NULL;
  g_autoptr(GPtrArray) tag_groups = NULL;
  g_autoptr(GPtrArray) tags = NULL;
  MgSummaryGroup *untagged;
  MgSummaryGroup *orphaned;
  gboolean tag_filter;
  guint n_tags;

  g_return_val_if_fail (stores != NULL && n_stores > 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);
  for (guint s = 0; s < n_stores; s++)
    g_return_val_if_fail (MG_IS_ANNOTATION_STORE (stores[s]), NULL);

  tags = summary_union_tags (stores, n_stores);
  n_tags = tags->len;
  tag_filter = filter != NULL && filter->tags != NULL && filter->tags[0] != NULL;

  if (tag_filter)
    for (guint i = 0; filter->tags[i] != NULL; i++)
      {
        gboolean known = FALSE;

        for (guint t = 0; t < n_tags && !known; t++)
          known = g_str_equal (mg_tag_get_id (g_ptr_array_index (tags, t)), filter->tags[i]);
        if (!known)
          {
            g_set_error (error, MG_TAG_SET_ERROR, MG_TAG_SET_ERROR_UNKNOWN,
                         _("Unknown tag “%s”"), filter->tags[i]);
            return NULL;
          }
      }

  self = g_object_new (MG_TYPE_SUMMARY, NULL);
  for (guint s = 0; s < n_stores; s++)
    g_ptr_array_add (self->speeches,
                     summary_speech_new (mg_annotation_store_get_document (stores[s]),
                                         paths != NULL ? paths[s] : NULL));
  self->combined = combined != FALSE;
  summary_set_speeches (self);
  self->date = mg_time_now_rfc3339 ();
  if (filter != NULL)
    {
      self->filter_tags = tag_filter ? g_strdupv ((char **) filter->tags) : NULL;
      self->filter_author = g_strdup (filter->author);
      self->filter_starred = filter->starred_only != FALSE;
    }

  /* One group and one count per tag of the set (only the filter's tags
   * when it names some); empty groups are dropped at the end. */
  tag_groups = g_ptr_array_new ();
  for (guint t = 0; t < n_tags; t++)
    {
      MgTag *tag = g_ptr_array_index (tags, t);
      const char *id = mg_tag_get_id (tag);
      const char *color = mg_tag_get_color (tag);

      if (color == NULL || !mg_tag_color_is_valid (color))
        color = MG_SUMMARY_NEUTRAL_COLOR;
      g_hash_table_insert (self->tag_names, g_strdup (id), g_strdup (mg_tag_get_display_name (tag)));
      g_hash_table_insert (self->tag_colors, g_strdup (id), g_strdup (color));

      if (tag_filter && !g_strv_contains (filter->tags, id))
        {
          g_ptr_array_add (tag_groups, NULL);
          continue;
        }
      g_ptr_array_add (tag_groups,
                       summary_group_new (MG_SUMMARY_GROUP_TAG, id, mg_tag_get_display_name (tag), color));
      {
        MgSummaryCount *count = summary_count_new (id, mg_tag_get_display_name (tag), color);
        const char *description = mg_tag_get_description (tag);

        count->description = g_strdup (description != NULL ? description : "");
        count->speech_counts = g_new0 (guint, n_stores);
        g_ptr_array_add (self->tag_counts, count);
      }
    }
  untagged = summary_group_new (MG_SUMMARY_GROUP_UNTAGGED, NULL,
                                _("Untagged highlights"), MG_SUMMARY_NEUTRAL_COLOR);
  orphaned = summary_group_new (MG_SUMMARY_GROUP_ORPHANED, NULL,
                                _("Orphaned annotations"), MG_SUMMARY_ORPHAN_COLOR);

  authors = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint s = 0; s < n_stores; s++)
    {
      MgAnnotationStore *store = stores[s];
      MgSummarySpeech *speech = g_ptr_array_index (self->speeches, s);
      MgDocument *document = mg_annotation_store_get_document (store);
      MgTagSet *tag_set = mg_annotation_store_get_tag_set (store);
      guint n = mg_annotation_store_get_n_annotations (store);

      for (guint i = 0; i < n; i++)
        {
          MgAnnotation *annotation = mg_annotation_store_get_annotation (store, i);
          MgSummaryItem *item;
          MgSummaryCount *author_count;
          gboolean grouped = FALSE;

          if (!summary_filter_accepts (filter, annotation))
            continue;

          item = summary_item_new (self, document, tag_set, annotation);
          item->speech = s;
          g_ptr_array_add (self->items, item);
          speech->n_items++;

          for (guint t = 0, c = 0; t < n_tags; t++)
            {
              MgSummaryGroup *group = g_ptr_array_index (tag_groups, t);
              MgSummaryCount *count;

              if (group == NULL)
                continue;
              count = g_ptr_array_index (self->tag_counts, c++);
              if (item->orphaned
                  || !g_strv_contains ((const char * const *) item->tags, group->tag_id))
                continue;
              count->count++;
              count->speech_counts[s]++;
              grouped = TRUE;
              g_ptr_array_add (group->items, item);
            }

          if (item->orphaned)
            {
              g_ptr_array_add (orphaned->items, item);
              self->n_orphaned++;
              speech->n_orphaned++;
            }
          else
            {
              if (!grouped)
                {
                  g_ptr_array_add (untagged->items, item);
                  self->n_untagged++;
                  speech->n_untagged++;
                }
              if (item->starred)
                g_ptr_array_add (self->starred, item);
            }

          author_count = g_hash_table_lookup (authors, item->author);
          if (author_count == NULL)
            {
              author_count = summary_count_new (item->author, item->author, NULL);
              g_ptr_array_add (self->author_counts, author_count);
              g_hash_table_insert (authors, author_count->key, author_count);
            }
          author_count->count++;
        }
    }

  for (guint t = 0; t < tag_groups->len; t++)
    {
      MgSummaryGroup *group = g_ptr_array_index (tag_groups, t);

      if (group == NULL)
        continue;
      if (group->items->len > 0)
        g_ptr_array_add (self->groups, group);
      else
        summary_group_free (group);
    }
  if (untagged->items->len > 0 && !tag_filter)
    g_ptr_array_add (self->groups, untagged);
  else
    summary_group_free (untagged);
  if (orphaned->items->len > 0)
    g_ptr_array_add (self->groups, orphaned);
  else
    summary_group_free (orphaned);

  g_ptr_array_sort (self->author_counts, summary_author_count_compare);

  return g_steal_pointer (&self);
}

guint
mg_summary_get_n_speeches (MgSummary *self)
{
  g_return_val_if_fail (MG_IS_SUMMARY (self), 0);
  return self->speeches->len;
}

const MgSummarySpeech *
mg_summary_get_speech (MgSummary *self,
                       guint      position)
{
  g_return_val_if_fail (MG_IS_SUMMARY (self), NULL);
  g_return_val_if_fail (position < self->speeches->len, NULL);
  return g_ptr_array_index (self->speeches, position);
}

gboolean
mg_summary_is_combined (MgSummary *self)
{
  g_return_val_if_fail (MG_IS_SUMMARY (self), FALSE);
  return self->combined;
}

const char *
mg_summary_get_title (MgSummary *self)
{
  g_return_val_if_fail (MG_IS_SUMMARY (self), NULL);
  return self->title;
}

const char *
mg_summary_get_source (MgSummary *self)
{
  g_return_val_if_fail (MG_IS_SUMMARY (self), NULL);
  return self->source;
}

const char *
mg_summary_get_text (MgSummary *self,
                     gsize     *out_size)
{
  g_return_val_if_fail (MG_IS_SUMMARY (self), NULL);

  if (self->document == NULL)
    {
      if (out_size != NULL)
        *out_size = 0;
      return "";
    }
  if (out_size != NULL)
    *out_size = mg_document_get_size (self->document);
  return mg_document_get_text (self->document);
}

const char *
mg_summary_get_sha256 (MgSummary *self)
{
  g_return_val_if_fail (MG_IS_SUMMARY (self), NULL);
  return self->sha256;
}

const char *
mg_summary_get_language (MgSummary *self)
{
  g_return_val_if_fail (MG_IS_SUMMARY (self), NULL);
  return self->language;
}

const char *
mg_summary_get_date (MgSummary *self)
{
  g_return_val_if_fail (MG_IS_SUMMARY (self), NULL);
  return self->date;
}

guint
mg_summary_get_n_items (MgSummary *self)
{
  g_return_val_if_fail (MG_IS_SUMMARY (self), 0);
  return self->items->len;
}

const MgSummaryItem *
mg_summary_get_item (MgSummary *self,
                     guint      position)
{
  g_return_val_if_fail (MG_IS_SUMMARY (self), NULL);
  g_return_val_if_fail (position < self->items->len, NULL);
  return g_ptr_array_index (self->items, position);
}

GPtrArray *
mg_summary_get_starred (MgSummary *self)
{
  g_return_val_if_fail (MG_IS_SUMMARY (self), NULL);
  return self->starred;
}

guint
mg_summary_get_n_groups (MgSummary *self)
{
  g_return_val_if_fail (MG_IS_SUMMARY (self), 0);
  return self->groups->len;
}

const MgSummaryGroup *
mg_summary_get_group (MgSummary *self,
                      guint      position)
{
  g_return_val_if_fail (MG_IS_SUMMARY (self), NULL);
  g_return_val_if_fail (position < self->groups->len, NULL);
  return g_ptr_array_index (self->groups, position);
}

GPtrArray *
mg_summary_get_tag_counts (MgSummary *self)
{
  g_return_val_if_fail (MG_IS_SUMMARY (self), NULL);
  return self->tag_counts;
}

GPtrArray *
mg_summary_get_author_counts (MgSummary *self)
{
  g_return_val_if_fail (MG_IS_SUMMARY (self), NULL);
  return self->author_counts;
}

guint
mg_summary_get_n_orphaned (MgSummary *self)
{
  g_return_val_if_fail (MG_IS_SUMMARY (self), 0);
  return self->n_orphaned;
}

guint
mg_summary_get_n_untagged (MgSummary *self)
{
  g_return_val_if_fail (MG_IS_SUMMARY (self), 0);
  return self->n_untagged;
}

const char *
mg_summary_get_tag_name (MgSummary  *self,
                         const char *id)
{
  const char *name;

  g_return_val_if_fail (MG_IS_SUMMARY (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  name = g_hash_table_lookup (self->tag_names, id);
  return name != NULL && *name != '\0' ? name : id;
}

const char *
mg_summary_get_tag_color (MgSummary  *self,
                          const char *id)
{
  const char *color;

  g_return_val_if_fail (MG_IS_SUMMARY (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  color = g_hash_table_lookup (self->tag_colors, id);
  return color != NULL ? color : MG_SUMMARY_NEUTRAL_COLOR;
}

char *
mg_summary_dup_item_tag_names (MgSummary           *self,
                               const MgSummaryItem *item,
                               const char          *separator)
{
  GString *s = g_string_new (NULL);

  g_return_val_if_fail (MG_IS_SUMMARY (self), NULL);
  g_return_val_if_fail (item != NULL, NULL);

  for (guint i = 0; item->tags[i] != NULL; i++)
    {
      if (i > 0)
        g_string_append (s, separator);
      g_string_append (s, mg_summary_get_tag_name (self, item->tags[i]));
    }
  return g_string_free (s, FALSE);
}

const char * const *
mg_summary_get_filter_tags (MgSummary *self)
{
  g_return_val_if_fail (MG_IS_SUMMARY (self), NULL);
  return (const char * const *) self->filter_tags;
}

const char *
mg_summary_get_filter_author (MgSummary *self)
{
  g_return_val_if_fail (MG_IS_SUMMARY (self), NULL);
  return self->filter_author;
}

gboolean
mg_summary_get_filter_starred (MgSummary *self)
{
  g_return_val_if_fail (MG_IS_SUMMARY (self), FALSE);
  return self->filter_starred;
}
