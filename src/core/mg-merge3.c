/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Marginalia"
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "mg-merge.h"
#include "mg-merge3.h"
#include "mg-annotation-private.h"
#include "mg-sidecar-private.h"

/* Which way a value went between BASE and the two sides. */
typedef enum
{
  SIDE_SAME,    /* both sides agree (or neither changed it) */
  SIDE_OURS,    /* only OURS changed it (or THEIRS kept BASE) */
  SIDE_THEIRS,  /* only THEIRS changed it */
  SIDE_BOTH,    /* both changed it, differently */
} Side;

/* The three-way rule on one value, given equality of OURS/THEIRS and of
 * each with BASE (FALSE when there is no BASE). */
static Side
three_way (gboolean ours_is_theirs,
           gboolean ours_is_base,
           gboolean theirs_is_base)
{
  if (ours_is_theirs)
    return SIDE_SAME;
  if (theirs_is_base)
    return SIDE_OURS;
  if (ours_is_base)
    return SIDE_THEIRS;
  return SIDE_BOTH;
}

static gboolean
nodes_equal (JsonNode *a,
             JsonNode *b)
{
  if (a == NULL || b == NULL)
    return a == b;
  return json_node_equal (a, b);
}

static gboolean
is_string_array (JsonNode *node)
{
  JsonArray *array;

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return FALSE;
  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    if (json_node_get_value_type (json_array_get_element (array, i)) != G_TYPE_STRING)
      return FALSE;
  return TRUE;
}

/* Two arrays of strings united, sorted, each string once (a lexicon). */
static JsonNode *
unite_string_arrays (JsonNode *a,
                     JsonNode *b)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) all = g_ptr_array_new ();
  JsonArray *out = json_array_new ();
  JsonNode *node;

  for (guint k = 0; k < 2; k++)
    {
      JsonArray *array = json_node_get_array (k == 0 ? a : b);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          const char *s = json_array_get_string_element (array, i);

          if (g_hash_table_add (seen, (gpointer) s))
            g_ptr_array_add (all, (gpointer) s);
        }
    }
  g_ptr_array_sort (all, _mg_compare_strings);
  for (guint i = 0; i < all->len; i++)
    json_array_add_string_element (out, g_ptr_array_index (all, i));
  node = json_node_new (JSON_NODE_ARRAY);
  json_node_take_array (node, out);
  return node;
}

/* Unknown members (of the file, a tag, an annotation), member by member:
 * OURS's order, then the members only THEIRS has. A member both changed
 * keeps OURS's value, unless both are lists of strings (a lexicon, say):
 * then they are united; one side's deletion against the other's change
 * keeps the change. */
static JsonObject *
merge_members (JsonObject *base,
               JsonObject *ours,
               JsonObject *theirs)
{
  JsonObject *out = json_object_new ();
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint k = 0; k < 3; k++)
    {
      JsonObject *object = k == 0 ? ours : k == 1 ? theirs : base;
      g_autoptr(GList) members = object != NULL ? json_object_get_members (object) : NULL;

      for (GList *l = members; l != NULL; l = l->next)
        if (!g_hash_table_contains (seen, l->data))
          {
            char *name = g_strdup (l->data);

            g_ptr_array_add (names, name);
            g_hash_table_add (seen, name);
          }
    }

  for (guint i = 0; i < names->len; i++)
    {
      const char *name = g_ptr_array_index (names, i);
      JsonNode *b = base != NULL && json_object_has_member (base, name) ? json_object_get_member (base, name) : NULL;
      JsonNode *o = ours != NULL && json_object_has_member (ours, name) ? json_object_get_member (ours, name) : NULL;
      JsonNode *t = theirs != NULL && json_object_has_member (theirs, name) ? json_object_get_member (theirs, name) : NULL;
      JsonNode *result = NULL;

      switch (three_way (nodes_equal (o, t), base != NULL && nodes_equal (o, b),
                         base != NULL && nodes_equal (t, b)))
        {
        case SIDE_SAME:
        case SIDE_OURS:
          result = o != NULL ? json_node_copy (o) : NULL;
          break;
        case SIDE_THEIRS:
          result = t != NULL ? json_node_copy (t) : NULL;
          break;
        case SIDE_BOTH:
          if (is_string_array (o) && is_string_array (t))
            result = unite_string_arrays (o, t);
          else
            result = json_node_copy (o != NULL ? o : t);
          break;
        }
      if (result != NULL)
        json_object_set_member (out, name, result);
    }
  return out;
}

/* Tags --------------------------------------------------------------- */

static gboolean
tags_equal (MgTag *a,
            MgTag *b)
{
  JsonObject *ea;
  JsonObject *eb;
  g_autoptr(JsonNode) na = NULL;
  g_autoptr(JsonNode) nb = NULL;

  if (a == NULL || b == NULL)
    return a == b;
  if (g_strcmp0 (mg_tag_get_name (a), mg_tag_get_name (b)) != 0
      || g_strcmp0 (mg_tag_get_color (a), mg_tag_get_color (b)) != 0
      || g_strcmp0 (mg_tag_get_description (a), mg_tag_get_description (b)) != 0
      || !g_strv_equal (mg_tag_get_lexicon (a), mg_tag_get_lexicon (b)))
    return FALSE;
  ea = _mg_tag_get_extra (a);
  eb = _mg_tag_get_extra (b);
  if (ea == NULL || eb == NULL)
    return (ea == NULL || json_object_get_size (ea) == 0) && (eb == NULL || json_object_get_size (eb) == 0);
  na = json_node_init_object (json_node_alloc (), ea);
  nb = json_node_init_object (json_node_alloc (), eb);
  return json_node_equal (na, nb);
}

/* One tag on both sides (either may be NULL: deleted or never there). */
static MgTag *
merge_tag (MgTag *base,
           MgTag *ours,
           MgTag *theirs)
{
  MgTag *out;
  g_autoptr(JsonObject) extra = NULL;

  switch (three_way (tags_equal (ours, theirs), base != NULL && tags_equal (ours, base),
                     base != NULL && tags_equal (theirs, base)))
    {
    case SIDE_SAME:
    case SIDE_OURS:
      return ours != NULL ? mg_tag_copy (ours) : NULL;
    case SIDE_THEIRS:
      return theirs != NULL ? mg_tag_copy (theirs) : NULL;
    case SIDE_BOTH:
    default:
      break;
    }
  /* Deleted on one side, changed on the other: the change. */
  if (ours == NULL || theirs == NULL)
    return mg_tag_copy (ours != NULL ? ours : theirs);

  out = mg_tag_copy (ours);
#define MERGE_FIELD(get, set) \
  if (base != NULL && g_strcmp0 (get (ours), get (base)) == 0) \
    set (out, get (theirs));
  MERGE_FIELD (mg_tag_get_name, mg_tag_set_name)
  MERGE_FIELD (mg_tag_get_color, mg_tag_set_color)
  MERGE_FIELD (mg_tag_get_description, mg_tag_set_description)
#undef MERGE_FIELD
  /* A lexicon only one side changed is that side's; both: united. */
  if (base != NULL && g_strv_equal (mg_tag_get_lexicon (ours), mg_tag_get_lexicon (base)))
    mg_tag_set_lexicon (out, mg_tag_get_lexicon (theirs));
  else if (base == NULL || !g_strv_equal (mg_tag_get_lexicon (theirs), mg_tag_get_lexicon (base)))
    {
      g_autoptr(GPtrArray) all = g_ptr_array_new ();

      for (guint k = 0; k < 2; k++)
        for (const char * const *p = mg_tag_get_lexicon (k == 0 ? ours : theirs); *p != NULL; p++)
          g_ptr_array_add (all, (gpointer) *p);
      g_ptr_array_add (all, NULL);
      mg_tag_set_lexicon (out, (const char * const *) all->pdata);
    }
  extra = merge_members (base != NULL ? _mg_tag_get_extra (base) : NULL,
                         _mg_tag_get_extra (ours), _mg_tag_get_extra (theirs));
  _mg_tag_set_extra (out, extra);
  return out;
}

static GPtrArray *
tag_ids (MgTagSet *tags)
{
  GPtrArray *ids = g_ptr_array_new ();
  guint n = tags != NULL ? mg_tag_set_get_n_tags (tags) : 0;

  for (guint i = 0; i < n; i++)
    g_ptr_array_add (ids, (gpointer) mg_tag_get_id (mg_tag_set_get_tag (tags, i)));
  return ids;
}

static gboolean
id_lists_equal (GPtrArray *a,
                GPtrArray *b)
{
  if (a->len != b->len)
    return FALSE;
  for (guint i = 0; i < a->len; i++)
    if (strcmp (g_ptr_array_index (a, i), g_ptr_array_index (b, i)) != 0)
      return FALSE;
  return TRUE;
}

/* The merged tag set. @used: the tag ids the merged annotations carry,
 * which are kept even when a side deleted them. */
static MgTagSet *
merge_tags (MgTagSet   *base,
            MgTagSet   *ours,
            MgTagSet   *theirs,
            GHashTable *used)
{
  g_autoptr(GPtrArray) base_ids = tag_ids (base);
  g_autoptr(GPtrArray) ours_ids = tag_ids (ours);
  g_autoptr(GPtrArray) theirs_ids = tag_ids (theirs);
  g_autoptr(GPtrArray) order = g_ptr_array_new ();
  g_autoptr(GHashTable) placed = g_hash_table_new (g_str_hash, g_str_equal);
  MgTagSet *out = mg_tag_set_new ();
  GPtrArray *first;
  GPtrArray *second;

  /* The order of the side that reordered (or OURS). */
  if (base != NULL && id_lists_equal (ours_ids, base_ids))
    first = theirs_ids, second = ours_ids;
  else
    first = ours_ids, second = theirs_ids;
  for (guint k = 0; k < 3; k++)
    {
      GPtrArray *ids = k == 0 ? first : k == 1 ? second : base_ids;

      for (guint i = 0; i < ids->len; i++)
        if (g_hash_table_add (placed, g_ptr_array_index (ids, i)))
          g_ptr_array_add (order, g_ptr_array_index (ids, i));
    }

  for (guint i = 0; i < order->len; i++)
    {
      const char *id = g_ptr_array_index (order, i);
      MgTag *b = base != NULL ? mg_tag_set_lookup (base, id) : NULL;
      MgTag *o = mg_tag_set_lookup (ours, id);
      MgTag *t = mg_tag_set_lookup (theirs, id);
      g_autoptr(MgTag) merged = merge_tag (b, o, t);

      /* Deleted, but an annotation still uses it: nothing may point at a
       * tag that is gone. */
      if (merged == NULL && g_hash_table_contains (used, id))
        merged = mg_tag_copy (o != NULL ? o : t != NULL ? t : b);
      if (merged != NULL)
        mg_tag_set_insert (out, -1, merged, NULL);
    }
  return out;
}

/* Annotations -------------------------------------------------------- */

static gboolean
strv_equal (const char * const *a,
            const char * const *b)
{
  if (a == NULL || b == NULL)
    return (a == NULL || a[0] == NULL) && (b == NULL || b[0] == NULL);
  return g_strv_equal (a, b);
}

static gboolean
place_equal (MgAnnotation *a,
             MgAnnotation *b)
{
  return mg_annotation_get_start (a) == mg_annotation_get_start (b)
         && mg_annotation_get_end (a) == mg_annotation_get_end (b)
         && g_strcmp0 (mg_annotation_get_quote (a), mg_annotation_get_quote (b)) == 0
         && g_strcmp0 (mg_annotation_get_prefix (a), mg_annotation_get_prefix (b)) == 0
         && g_strcmp0 (mg_annotation_get_suffix (a), mg_annotation_get_suffix (b)) == 0
         && mg_annotation_is_orphaned (a) == mg_annotation_is_orphaned (b);
}

/* @a and @b united, @a's order first, without @except. */
static GStrv
unite_strv (const char * const *a,
            const char * const *b,
            const char         *except,
            gboolean            sorted)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  GStrv out;

  for (guint k = 0; k < 2; k++)
    for (guint i = 0; (k == 0 ? a : b) != NULL && (k == 0 ? a : b)[i] != NULL; i++)
      {
        const char *s = (k == 0 ? a : b)[i];

        if (g_strcmp0 (s, except) != 0 && g_hash_table_add (seen, (gpointer) s))
          g_strv_builder_add (builder, s);
      }
  out = g_strv_builder_end (builder);
  if (sorted)
    qsort (out, g_strv_length (out), sizeof (char *), _mg_compare_strings);
  return out;
}

#define SIDE_OF(equal) \
  three_way (equal (o, t), base != NULL && equal (o, base), base != NULL && equal (t, base))

#define STR_EQ(get) (g_strcmp0 (get (x), get (y)) == 0)

static gboolean note_eq (MgAnnotation *x, MgAnnotation *y) { return STR_EQ (mg_annotation_get_note); }
static gboolean author_eq (MgAnnotation *x, MgAnnotation *y) { return STR_EQ (mg_annotation_get_author); }
static gboolean created_eq (MgAnnotation *x, MgAnnotation *y) { return STR_EQ (mg_annotation_get_created); }
static gboolean modified_eq (MgAnnotation *x, MgAnnotation *y) { return STR_EQ (mg_annotation_get_modified); }
static gboolean starred_eq (MgAnnotation *x, MgAnnotation *y)
{
  return !mg_annotation_get_starred (x) == !mg_annotation_get_starred (y);
}
static gboolean tags_eq (MgAnnotation *x, MgAnnotation *y)
{
  return strv_equal (mg_annotation_get_tags (x), mg_annotation_get_tags (y));
}
static gboolean contributors_eq (MgAnnotation *x, MgAnnotation *y)
{
  return strv_equal (mg_annotation_get_contributors (x), mg_annotation_get_contributors (y));
}

#undef STR_EQ

/* An annotation both sides changed (@base NULL: both added it with the
 * same id), member by member. */
static MgAnnotation *
merge_annotation_members (MgAnnotation *base,
                          MgAnnotation *o,
                          MgAnnotation *t)
{
  MgAnnotation *out;
  MgAnnotation *from;
  g_autoptr(JsonObject) extra = NULL;

  /* The place (range, quote and its context, orphaned) goes as one. */
  out = mg_annotation_copy (SIDE_OF (place_equal) == SIDE_THEIRS ? t : o);

  switch (SIDE_OF (tags_eq))
    {
    case SIDE_BOTH:
      {
        g_auto(GStrv) tags = unite_strv (mg_annotation_get_tags (o), mg_annotation_get_tags (t),
                                         NULL, FALSE);

        mg_annotation_set_tags (out, (const char * const *) tags);
      }
      break;
    default:
      from = SIDE_OF (tags_eq) == SIDE_THEIRS ? t : o;
      mg_annotation_set_tags (out, mg_annotation_get_tags (from));
      break;
    }

  if (SIDE_OF (note_eq) == SIDE_BOTH)
    {
      g_autofree char *joined = mg_merge_join_notes (mg_annotation_get_note (o),
                                                     mg_annotation_get_author (o), FALSE,
                                                     mg_annotation_get_note (t),
                                                     mg_annotation_get_author (t));

      mg_annotation_set_note (out, joined != NULL ? joined : mg_annotation_get_note (o));
    }
  else
    mg_annotation_set_note (out, mg_annotation_get_note (SIDE_OF (note_eq) == SIDE_THEIRS ? t : o));

  mg_annotation_set_starred (out, mg_annotation_get_starred (SIDE_OF (starred_eq) == SIDE_THEIRS ? t : o));
  mg_annotation_set_author (out, mg_annotation_get_author (SIDE_OF (author_eq) == SIDE_THEIRS ? t : o));
  mg_annotation_set_created (out, mg_annotation_get_created (SIDE_OF (created_eq) == SIDE_THEIRS ? t : o));

  if (SIDE_OF (modified_eq) == SIDE_BOTH)
    {
      const char *mo = mg_annotation_get_modified (o);
      const char *mt = mg_annotation_get_modified (t);

      /* RFC 3339 in UTC sorts as text: the later change. */
      mg_annotation_set_modified (out, g_strcmp0 (mo, mt) >= 0 ? mo : mt);
    }
  else
    mg_annotation_set_modified (out, mg_annotation_get_modified (SIDE_OF (modified_eq) == SIDE_THEIRS ? t : o));

  {
    g_auto(GStrv) contributors = NULL;

    if (SIDE_OF (contributors_eq) == SIDE_BOTH)
      contributors = unite_strv (mg_annotation_get_contributors (o), mg_annotation_get_contributors (t),
                                 NULL, TRUE);
    else
      contributors = g_strdupv ((char **) mg_annotation_get_contributors (SIDE_OF (contributors_eq) == SIDE_THEIRS ? t : o));
    {
      /* Never the author, who may have changed. */
      g_auto(GStrv) without = unite_strv ((const char * const *) contributors, NULL,
                                          mg_annotation_get_author (out), TRUE);

      mg_annotation_set_contributors (out, (const char * const *) without);
    }
  }

  extra = merge_members (base != NULL ? _mg_annotation_get_extra (base) : NULL,
                         _mg_annotation_get_extra (o), _mg_annotation_get_extra (t));
  _mg_annotation_set_extra (out, extra);
  return out;
}

#undef SIDE_OF

static GHashTable *
annotations_by_id (MgSidecarContent *content)
{
  GHashTable *table = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; content != NULL && i < content->annotations->len; i++)
    {
      MgAnnotation *a = g_ptr_array_index (content->annotations, i);

      g_hash_table_insert (table, (gpointer) mg_annotation_get_id (a), a);
    }
  return table;
}

/* The merged annotations (a GListStore for the writer); the tag ids they
 * use are added to @used. */
static GListStore *
merge_annotations (MgSidecarContent *base,
                   MgSidecarContent *ours,
                   MgSidecarContent *theirs,
                   GHashTable       *used)
{
  g_autoptr(GHashTable) b_ids = annotations_by_id (base);
  g_autoptr(GHashTable) o_ids = annotations_by_id (ours);
  g_autoptr(GHashTable) t_ids = annotations_by_id (theirs);
  GListStore *out = g_list_store_new (MG_TYPE_ANNOTATION);

  for (guint k = 0; k < 2; k++)
    {
      GPtrArray *list = (k == 0 ? ours : theirs)->annotations;

      for (guint i = 0; i < list->len; i++)
        {
          MgAnnotation *a = g_ptr_array_index (list, i);
          const char *id = mg_annotation_get_id (a);
          MgAnnotation *b = g_hash_table_lookup (b_ids, id);
          MgAnnotation *o = g_hash_table_lookup (o_ids, id);
          MgAnnotation *t = g_hash_table_lookup (t_ids, id);
          g_autoptr(MgAnnotation) merged = NULL;

          /* Each id once: THEIRS only adds what OURS lacks. */
          if (k == 1 && o != NULL)
            continue;

          if (o != NULL && t != NULL)
            {
              if (mg_annotation_equal (o, t))
                merged = g_object_ref (o);
              else if (b != NULL && mg_annotation_equal (t, b))
                merged = g_object_ref (o);
              else if (b != NULL && mg_annotation_equal (o, b))
                merged = g_object_ref (t);
              else
                merged = merge_annotation_members (b, o, t);
            }
          else
            {
              /* On one side only: added there, or deleted on the other
               * side — then kept only when this side changed it. */
              MgAnnotation *side = o != NULL ? o : t;

              if (b == NULL || !mg_annotation_equal (side, b))
                merged = g_object_ref (side);
            }

          if (merged == NULL)
            continue;
          for (const char * const *tag = mg_annotation_get_tags (merged); *tag != NULL; tag++)
            g_hash_table_add (used, (gpointer) *tag);
          g_list_store_append (out, merged);
        }
    }
  return out;
}

/* Suggestions turned down (`dismissed`) ---------------------------------- */

static char *
dismissal_key (MgDismissal *d)
{
  /* An entry is what it holds: {kind, start, end, quote}. */
  return g_strdup_printf ("%s:%u:%u:%s", mg_suggestion_kind_to_string (mg_dismissal_get_kind (d)),
                          mg_dismissal_get_start (d), mg_dismissal_get_end (d),
                          mg_dismissal_get_quote (d));
}

/* `dismissed` of the three (@base nullable): an entry either side added is
 * kept, one either side removed is gone. A GListStore of MgDismissal. */
static GListStore *
merge_dismissed (GPtrArray *base,
                 GPtrArray *ours,
                 GPtrArray *theirs)
{
  g_autoptr(GHashTable) in_base = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) in_ours = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) in_theirs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) taken = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GListStore *out = g_list_store_new (MG_TYPE_DISMISSAL);

  for (guint k = 0; k < 3; k++)
    {
      GPtrArray *list = k == 0 ? base : k == 1 ? ours : theirs;
      GHashTable *set = k == 0 ? in_base : k == 1 ? in_ours : in_theirs;

      for (guint i = 0; list != NULL && i < list->len; i++)
        g_hash_table_add (set, dismissal_key (g_ptr_array_index (list, i)));
    }

  for (guint k = 0; k < 2; k++)
    {
      GPtrArray *list = k == 0 ? ours : theirs;

      for (guint i = 0; i < list->len; i++)
        {
          MgDismissal *entry = g_ptr_array_index (list, i);
          g_autofree char *key = dismissal_key (entry);
          gboolean removed = g_hash_table_contains (in_base, key)
                             && (!g_hash_table_contains (in_ours, key)
                                 || !g_hash_table_contains (in_theirs, key));

          if (!removed && !g_hash_table_contains (taken, key))
            {
              g_hash_table_add (taken, g_steal_pointer (&key));
              g_list_store_append (out, entry);
            }
        }
    }
  return out;
}

/* The whole file --------------------------------------------------------- */

static MgSidecarContent *
parse_input (GBytes      *bytes,
             const char  *name,
             GError     **error)
{
  gsize length = 0;
  const char *data = bytes != NULL ? g_bytes_get_data (bytes, &length) : NULL;
  g_autoptr(MgSidecarContent) content = _mg_sidecar_content_parse (data != NULL ? data : "", length, name, NULL);

  for (guint i = 0; content->problems != NULL && i < content->problems->len; i++)
    {
      MgSidecarProblem *problem = g_ptr_array_index (content->problems, i);

      if (problem->kind == MG_SIDECAR_PROBLEM_ERROR || problem->kind == MG_SIDECAR_PROBLEM_NEWER_VERSION)
        {
          g_autofree char *text = mg_sidecar_problem_to_string (problem);

          g_set_error_literal (error, MG_SIDECAR_ERROR,
                               problem->kind == MG_SIDECAR_PROBLEM_NEWER_VERSION
                               ? MG_SIDECAR_ERROR_NEWER_VERSION : MG_SIDECAR_ERROR_INVALID,
                               text);
          return NULL;
        }
    }
  if (content->code >= 0 || content->newer || content->tags == NULL)
    {
      g_set_error (error, MG_SIDECAR_ERROR, MG_SIDECAR_ERROR_INVALID,
                   _("%s is not a sidecar this version can merge"), name);
      return NULL;
    }
  return g_steal_pointer (&content);
}

GBytes *
mg_merge3 (GBytes             *base,
           GBytes             *ours,
           GBytes             *theirs,
           const char * const  names[3],
           GError            **error)
{
  g_autoptr(MgSidecarContent) b = NULL;
  g_autoptr(MgSidecarContent) o = NULL;
  g_autoptr(MgSidecarContent) t = NULL;
  g_autoptr(GHashTable) used = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GListStore) annotations = NULL;
  g_autoptr(GListStore) dismissed = NULL;
  g_autoptr(MgTagSet) tags = NULL;
  g_autoptr(JsonObject) extra = NULL;
  g_autoptr(MgSidecarContent) check = NULL;
  MgSidecarContent *document;
  GBytes *bytes;
  gsize size;
  const char *data;

  g_return_val_if_fail (ours != NULL && theirs != NULL, NULL);

  if (base != NULL && g_bytes_get_size (base) > 0)
    {
      b = parse_input (base, names[0], error);
      if (b == NULL)
        return NULL;
    }
  o = parse_input (ours, names[1], error);
  if (o == NULL)
    return NULL;
  t = parse_input (theirs, names[2], error);
  if (t == NULL)
    return NULL;

  annotations = merge_annotations (b, o, t, used);
  tags = merge_tags (b != NULL ? b->tags : NULL, o->tags, t->tags, used);

  extra = merge_members (b != NULL ? b->extra : NULL, o->extra, t->extra);
  dismissed = merge_dismissed (b != NULL ? b->dismissed : NULL, o->dismissed, t->dismissed);

  /* The document: from the side where the speech changed. */
  document = o;
  if (b != NULL && g_strcmp0 (o->doc_sha256, b->doc_sha256) == 0
      && g_strcmp0 (t->doc_sha256, b->doc_sha256) != 0)
    document = t;
  g_clear_pointer (&document->extra, json_object_unref);
  document->extra = g_steal_pointer (&extra);

  bytes = _mg_sidecar_write (document, NULL, FALSE, document->doc_text != NULL, tags,
                             G_LIST_MODEL (annotations), G_LIST_MODEL (dismissed));

  /* What is written must read back as a valid sidecar. */
  data = g_bytes_get_data (bytes, &size);
  check = _mg_sidecar_content_parse (data, size, names[1], NULL);
  for (guint i = 0; check->problems != NULL && i < check->problems->len; i++)
    {
      MgSidecarProblem *problem = g_ptr_array_index (check->problems, i);

      if (problem->kind == MG_SIDECAR_PROBLEM_ERROR)
        {
          g_autofree char *text = mg_sidecar_problem_to_string (problem);

          g_set_error (error, MG_SIDECAR_ERROR, MG_SIDECAR_ERROR_INVALID,
                       _("The merge would not be a valid sidecar: %s"), text);
          g_bytes_unref (bytes);
          return NULL;
        }
    }
  return bytes;
}

static GBytes *
read_input (GFile   *file,
            GError **error)
{
  g_autofree char *name = _mg_sidecar_display_name (file);
  g_autofree char *message = NULL;
  gboolean missing = FALSE;
  int code = MG_SIDECAR_ERROR_READ;
  GBytes *bytes = _mg_sidecar_read_file (file, NULL, &missing, &code, &message);

  if (bytes != NULL)
    return bytes;
  g_set_error (error, MG_SIDECAR_ERROR, code, "%s: %s", name,
               missing ? _("no such file") : message);
  return NULL;
}

gboolean
mg_merge3_files (GFile   *base,
                 GFile   *ours,
                 GFile   *theirs,
                 GError **error)
{
  g_autoptr(GBytes) base_bytes = NULL;
  g_autoptr(GBytes) ours_bytes = NULL;
  g_autoptr(GBytes) theirs_bytes = NULL;
  g_autoptr(GBytes) merged = NULL;
  g_autofree char *base_name = _mg_sidecar_display_name (base);
  g_autofree char *ours_name = _mg_sidecar_display_name (ours);
  g_autofree char *theirs_name = _mg_sidecar_display_name (theirs);
  const char *names[3] = { base_name, ours_name, theirs_name };

  g_return_val_if_fail (G_IS_FILE (base) && G_IS_FILE (ours) && G_IS_FILE (theirs), FALSE);

  if ((base_bytes = read_input (base, error)) == NULL
      || (ours_bytes = read_input (ours, error)) == NULL
      || (theirs_bytes = read_input (theirs, error)) == NULL)
    return FALSE;
  merged = mg_merge3 (base_bytes, ours_bytes, theirs_bytes, names, error);
  if (merged == NULL)
    return FALSE;
  /* Nothing to write when OURS already is the merge. */
  if (g_bytes_equal (merged, ours_bytes))
    return TRUE;
  return _mg_sidecar_write_file (ours, merged, NULL, error);
}
