/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Marginalia"
#include "config.h"

#include <string.h>

#include "mg-annotation-store-private.h"

static void mg_annotation_store_list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (MgAnnotationStore, mg_annotation_store, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      mg_annotation_store_list_model_iface_init))

G_DEFINE_QUARK (mg-annotation-store-error-quark, mg_annotation_store_error)

enum {
  PROP_0,
  PROP_DOCUMENT,
  PROP_TAG_SET,
  PROP_DIRTY,
  PROP_CAN_UNDO,
  PROP_CAN_REDO,
  PROP_UNDO_LABEL,
  PROP_REDO_LABEL,
  PROP_IN_BULK,
  N_PROPS
};

enum {
  CHANGED,
  ANNOTATION_CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* ---------------------------------------------------------------------- */
/* GListModel                                                             */

static GType
mg_annotation_store_get_item_type (GListModel *model)
{
  return MG_TYPE_ANNOTATION;
}

static guint
mg_annotation_store_get_n_items (GListModel *model)
{
  return MG_ANNOTATION_STORE (model)->items->len;
}

static gpointer
mg_annotation_store_get_item (GListModel *model,
                              guint       position)
{
  MgAnnotationStore *self = MG_ANNOTATION_STORE (model);

  if (position >= self->items->len)
    return NULL;
  return g_object_ref (g_ptr_array_index (self->items, position));
}

static void
mg_annotation_store_list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = mg_annotation_store_get_item_type;
  iface->get_n_items = mg_annotation_store_get_n_items;
  iface->get_item = mg_annotation_store_get_item;
}

/* ---------------------------------------------------------------------- */
/* Sorted array                                                           */

static MgStoreSpan
span_of (MgAnnotation *annotation)
{
  MgStoreSpan span;

  span.start = mg_annotation_get_start (annotation);
  span.end = mg_annotation_is_orphaned (annotation) ? 0 : mg_annotation_get_end (annotation);
  return span;
}

static void
rebuild_spans (MgAnnotationStore *self)
{
  g_array_set_size (self->spans, self->items->len);
  for (guint i = 0; i < self->items->len; i++)
    g_array_index (self->spans, MgStoreSpan, i) = span_of (g_ptr_array_index (self->items, i));
}

static int
compare_items (gconstpointer a,
               gconstpointer b)
{
  return mg_annotation_compare (*(MgAnnotation **) a, *(MgAnnotation **) b);
}

/* The first position whose annotation sorts after or at @annotation. */
static guint
lower_bound (MgAnnotationStore *self,
             MgAnnotation      *annotation)
{
  guint lo = 0, hi = self->items->len;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (mg_annotation_compare (g_ptr_array_index (self->items, mid), annotation) < 0)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

int
_mg_annotation_store_find (MgAnnotationStore *self,
                           MgAnnotation      *annotation)
{
  guint pos = lower_bound (self, annotation);
  guint index;

  if (pos < self->items->len && g_ptr_array_index (self->items, pos) == annotation)
    return (int) pos;
  /* Changed behind the store's back (by re-anchoring before
   * set_document()): the order no longer tells where it is. */
  if (g_hash_table_lookup (self->by_id, mg_annotation_get_id (annotation)) == annotation &&
      g_ptr_array_find (self->items, annotation, &index))
    return (int) index;
  return -1;
}

void
_mg_annotation_store_invalidate (MgAnnotationStore *self)
{
  self->index_valid = FALSE;
}

/* Adds @delta to the count of @name (a tag id, an author) in @counts; a
 * name counted no more goes. */
static void
count_name (GHashTable *counts,
            const char *name,
            int         delta)
{
  guint *count;

  if (name == NULL || name[0] == '\0')
    return;
  count = g_hash_table_lookup (counts, name);
  if (count == NULL)
    {
      g_return_if_fail (delta > 0);
      count = g_new0 (guint, 1);
      g_hash_table_insert (counts, g_strdup (name), count);
    }
  *count += delta;
  if (*count == 0)
    g_hash_table_remove (counts, name);
}

/* Adds @delta to the count of each tag of @annotation, and of its author
 * and contributors. */
static void
count_annotation (MgAnnotationStore *self,
                  MgAnnotation      *annotation,
                  int                delta)
{
  const char * const *tags = mg_annotation_get_tags (annotation);
  const char * const *contributors = mg_annotation_get_contributors (annotation);

  count_name (self->author_counts, mg_annotation_get_author (annotation), delta);
  for (guint i = 0; contributors != NULL && contributors[i] != NULL; i++)
    count_name (self->contributor_counts, contributors[i], delta);

  for (guint i = 0; tags[i] != NULL; i++)
    count_name (self->tag_counts, tags[i], delta);
}

void
mg_annotation_locate (MgAnnotation *self,
                      MgDocument   *document)
{
  guint paragraph = 0, sentence = 0;

  g_return_if_fail (MG_IS_ANNOTATION (self));

  if (document != NULL && !mg_annotation_is_orphaned (self))
    {
      paragraph = mg_document_get_paragraph_at (document, mg_annotation_get_start (self));
      sentence = mg_document_get_sentence_at (document, mg_annotation_get_start (self));
    }
  /* Notifications held back only when both change (freezing costs more
   * than setting, for every annotation of a file being loaded). */
  if (mg_annotation_get_paragraph (self) != paragraph
      && mg_annotation_get_sentence (self) != sentence)
    {
      g_object_freeze_notify (G_OBJECT (self));
      mg_annotation_set_paragraph (self, paragraph);
      mg_annotation_set_sentence (self, sentence);
      g_object_thaw_notify (G_OBJECT (self));
    }
  else
    {
      mg_annotation_set_paragraph (self, paragraph);
      mg_annotation_set_sentence (self, sentence);
    }
}

void
_mg_annotation_store_update_paragraph (MgAnnotationStore *self,
                                       MgAnnotation      *annotation)
{
  mg_annotation_locate (annotation, self->document);
}

void
_mg_annotation_store_insert (MgAnnotationStore *self,
                             MgAnnotation      *annotation)
{
  guint pos;

  _mg_annotation_store_update_paragraph (self, annotation);
  pos = lower_bound (self, annotation);
  g_ptr_array_insert (self->items, pos, g_object_ref (annotation));
  {
    MgStoreSpan span = span_of (annotation);

    g_array_insert_val (self->spans, pos, span);
  }
  g_hash_table_insert (self->by_id, (gpointer) mg_annotation_get_id (annotation), annotation);
  count_annotation (self, annotation, 1);
  _mg_annotation_store_invalidate (self);
  g_list_model_items_changed (G_LIST_MODEL (self), pos, 0, 1);
}

void
_mg_annotation_store_take (MgAnnotationStore *self,
                           MgAnnotation      *annotation)
{
  int pos = _mg_annotation_store_find (self, annotation);

  g_return_if_fail (pos >= 0);

  g_ptr_array_remove_index (self->items, pos);
  g_array_remove_index (self->spans, pos);
  g_hash_table_remove (self->by_id, mg_annotation_get_id (annotation));
  count_annotation (self, annotation, -1);
  _mg_annotation_store_invalidate (self);
  g_list_model_items_changed (G_LIST_MODEL (self), pos, 1, 0);
  g_object_unref (annotation);
}

void
_mg_annotation_store_insert_many (MgAnnotationStore *self,
                                  GPtrArray         *annotations)
{
  GPtrArray *merged;
  guint n = self->items->len, m = annotations->len;
  guint i = 0, j = 0, first = G_MAXUINT, last = 0;

  if (m == 0)
    return;
  /* One merge of two sorted lists rather than a search and a move of the
   * tail for each. */
  merged = g_ptr_array_sized_new (n + m);
  while (i < n || j < m)
    {
      if (j < m && (i == n || mg_annotation_compare (g_ptr_array_index (self->items, i),
                                                     g_ptr_array_index (annotations, j)) > 0))
        {
          MgAnnotation *annotation = g_ptr_array_index (annotations, j++);

          _mg_annotation_store_update_paragraph (self, annotation);
          g_hash_table_insert (self->by_id, (gpointer) mg_annotation_get_id (annotation), annotation);
          count_annotation (self, annotation, 1);
          first = MIN (first, merged->len);
          last = merged->len;
          g_ptr_array_add (merged, g_object_ref (annotation));
        }
      else
        g_ptr_array_add (merged, g_ptr_array_index (self->items, i++));
    }
  g_ptr_array_unref (self->items);
  self->items = merged;
  rebuild_spans (self);
  _mg_annotation_store_invalidate (self);
  g_list_model_items_changed (G_LIST_MODEL (self), first, last - first + 1 - m, last - first + 1);
}

void
_mg_annotation_store_take_many (MgAnnotationStore *self,
                                GPtrArray         *annotations)
{
  g_autoptr(GHashTable) gone = g_hash_table_new (g_direct_hash, g_direct_equal);
  g_autoptr(GPtrArray) taken = g_ptr_array_new_with_free_func (g_object_unref);
  guint kept = 0, first = G_MAXUINT, last = 0;

  for (guint i = 0; i < annotations->len; i++)
    g_hash_table_add (gone, g_ptr_array_index (annotations, i));
  /* One pass keeping the others in place. */
  for (guint i = 0; i < self->items->len; i++)
    {
      MgAnnotation *annotation = g_ptr_array_index (self->items, i);

      if (g_hash_table_contains (gone, annotation))
        {
          g_hash_table_remove (self->by_id, mg_annotation_get_id (annotation));
          count_annotation (self, annotation, -1);
          g_ptr_array_add (taken, annotation);
          first = MIN (first, i);
          last = i;
          continue;
        }
      g_ptr_array_index (self->items, kept) = annotation;
      g_array_index (self->spans, MgStoreSpan, kept) = g_array_index (self->spans, MgStoreSpan, i);
      kept++;
    }
  if (taken->len == 0)
    return;
  g_ptr_array_set_size (self->items, kept);
  g_array_set_size (self->spans, kept);
  _mg_annotation_store_invalidate (self);
  /* Observers see them gone before the last references go. */
  g_list_model_items_changed (G_LIST_MODEL (self), first, last - first + 1,
                              last - first + 1 - taken->len);
}

/* Gives @annotation the fields of @values, moving it to its new place in
 * the order. Property notifications follow items-changed, so observers
 * always see a sorted model. */
void
_mg_annotation_store_assign (MgAnnotationStore *self,
                             MgAnnotation      *annotation,
                             MgAnnotation      *values)
{
  int old_pos = _mg_annotation_store_find (self, annotation);
  gboolean moved;

  g_return_if_fail (old_pos >= 0);

  moved = mg_annotation_get_start (annotation) != mg_annotation_get_start (values) ||
          mg_annotation_get_end (annotation) != mg_annotation_get_end (values);

  g_object_freeze_notify (G_OBJECT (annotation));
  count_annotation (self, annotation, -1);
  mg_annotation_assign (annotation, values);
  count_annotation (self, annotation, 1);
  _mg_annotation_store_update_paragraph (self, annotation);
  if (moved)
    {
      MgStoreSpan span = span_of (annotation);
      guint new_pos, first, count;

      g_ptr_array_remove_index (self->items, old_pos);
      g_array_remove_index (self->spans, old_pos);
      new_pos = lower_bound (self, annotation);
      g_ptr_array_insert (self->items, new_pos, annotation);
      g_array_insert_val (self->spans, new_pos, span);
      first = MIN ((guint) old_pos, new_pos);
      count = MAX ((guint) old_pos, new_pos) - first + 1;
      _mg_annotation_store_invalidate (self);
      g_list_model_items_changed (G_LIST_MODEL (self), first, count, count);
    }
  else
    {
      MgStoreSpan *old_span = &g_array_index (self->spans, MgStoreSpan, old_pos);
      MgStoreSpan span = span_of (annotation);

      /* A note or a star leaves the lookup index as it is. */
      if (old_span->start != span.start || old_span->end != span.end)
        {
          *old_span = span;
          _mg_annotation_store_invalidate (self);
        }
    }
  g_object_thaw_notify (G_OBJECT (annotation));
  g_signal_emit (self, signals[ANNOTATION_CHANGED], 0, annotation);
}

/* ---------------------------------------------------------------------- */
/* Dismissed suggestions                                                  */

/* The first position whose dismissal sorts at or after (kind, start, end);
 * @found set when it is that one. */
static guint
dismissed_lower_bound (MgAnnotationStore *self,
                       MgSuggestionKind   kind,
                       guint              start,
                       guint              end,
                       gboolean          *found)
{
  GListModel *model = G_LIST_MODEL (self->dismissed);
  guint lo = 0, hi = g_list_model_get_n_items (model);

  *found = FALSE;
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;
      g_autoptr(MgDismissal) d = g_list_model_get_item (model, mid);
      int cmp = mg_dismissal_compare_key (d, kind, start, end);

      if (cmp < 0)
        lo = mid + 1;
      else
        {
          *found = cmp == 0;
          hi = mid;
        }
    }
  return lo;
}

void
_mg_annotation_store_insert_dismissal (MgAnnotationStore *self,
                                       MgDismissal       *dismissal)
{
  gboolean found;
  guint pos = dismissed_lower_bound (self, mg_dismissal_get_kind (dismissal),
                                     mg_dismissal_get_start (dismissal),
                                     mg_dismissal_get_end (dismissal), &found);

  g_return_if_fail (!found);
  g_list_store_insert (self->dismissed, pos, dismissal);
}

void
_mg_annotation_store_take_dismissal (MgAnnotationStore *self,
                                     MgDismissal       *dismissal)
{
  gboolean found;
  guint pos = dismissed_lower_bound (self, mg_dismissal_get_kind (dismissal),
                                     mg_dismissal_get_start (dismissal),
                                     mg_dismissal_get_end (dismissal), &found);

  g_return_if_fail (found);
  g_list_store_remove (self->dismissed, pos);
}

GListModel *
mg_annotation_store_get_dismissed (MgAnnotationStore *self)
{
  g_return_val_if_fail (MG_IS_ANNOTATION_STORE (self), NULL);
  return G_LIST_MODEL (self->dismissed);
}

MgDismissal *
mg_annotation_store_lookup_dismissed (MgAnnotationStore *self,
                                      MgSuggestionKind   kind,
                                      guint              start,
                                      guint              end)
{
  g_autoptr(MgDismissal) dismissal = NULL;
  gboolean found;
  guint pos;

  g_return_val_if_fail (MG_IS_ANNOTATION_STORE (self), NULL);

  pos = dismissed_lower_bound (self, kind, start, end, &found);
  if (!found)
    return NULL;
  /* The store keeps its own reference. */
  dismissal = g_list_model_get_item (G_LIST_MODEL (self->dismissed), pos);
  return dismissal;
}

gboolean
mg_annotation_store_is_dismissed (MgAnnotationStore *self,
                                  MgSuggestion      *suggestion)
{
  g_return_val_if_fail (MG_IS_ANNOTATION_STORE (self), FALSE);
  g_return_val_if_fail (MG_IS_SUGGESTION (suggestion), FALSE);

  return mg_annotation_store_lookup_dismissed (self, mg_suggestion_get_kind (suggestion),
                                               mg_suggestion_get_start (suggestion),
                                               mg_suggestion_get_end (suggestion)) != NULL;
}

static int
compare_dismissals (gconstpointer a,
                    gconstpointer b)
{
  return mg_dismissal_compare (*(MgDismissal **) a, *(MgDismissal **) b);
}

void
mg_annotation_store_load_dismissed (MgAnnotationStore *self,
                                    GPtrArray         *dismissals)
{
  g_autoptr(GPtrArray) sorted = NULL;
  g_autoptr(GPtrArray) kept = NULL;

  g_return_if_fail (MG_IS_ANNOTATION_STORE (self));
  g_return_if_fail (dismissals != NULL);

  self->clean_serial++;
  /* A copy without the element free function of @dismissals. */
  sorted = g_ptr_array_sized_new (dismissals->len);
  for (guint i = 0; i < dismissals->len; i++)
    g_ptr_array_add (sorted, g_ptr_array_index (dismissals, i));
  g_ptr_array_sort (sorted, compare_dismissals);
  kept = g_ptr_array_new ();
  for (guint i = 0; i < sorted->len; i++)
    if (kept->len == 0
        || mg_dismissal_compare (g_ptr_array_index (kept, kept->len - 1),
                                 g_ptr_array_index (sorted, i)) != 0)
      g_ptr_array_add (kept, g_ptr_array_index (sorted, i));
  g_list_store_splice (self->dismissed, 0,
                       g_list_model_get_n_items (G_LIST_MODEL (self->dismissed)),
                       kept->pdata, kept->len);
}

/* ---------------------------------------------------------------------- */
/* Undo                                                                   */

MgStoreOp *
_mg_annotation_store_op_new (MgStoreOpKind kind,
                             gpointer      object,
                             gpointer      before,
                             gpointer      after)
{
  MgStoreOp *op = g_new0 (MgStoreOp, 1);

  op->kind = kind;
  op->object = g_object_ref (object);
  op->before = before;
  op->after = after;
  return op;
}

MgStoreOp *
_mg_annotation_store_op_new_many (GPtrArray *annotations)
{
  MgStoreOp *op = g_new0 (MgStoreOp, 1);

  op->kind = MG_STORE_OP_ADD_MANY;
  op->many = g_ptr_array_ref (annotations);
  return op;
}

static void
op_free (gpointer data)
{
  MgStoreOp *op = data;

  g_clear_pointer (&op->many, g_ptr_array_unref);
  g_clear_object (&op->object);
  g_clear_object (&op->before);
  g_clear_object (&op->after);
  g_free (op);
}

static void
apply_op (gpointer data,
          gboolean undo,
          gpointer user_data)
{
  MgAnnotationStore *self = user_data;
  MgStoreOp *op = data;
  gboolean insert;

  switch (op->kind)
    {
    case MG_STORE_OP_ADD:
    case MG_STORE_OP_REMOVE:
      insert = (op->kind == MG_STORE_OP_ADD) != undo;
      if (insert)
        _mg_annotation_store_insert (self, op->object);
      else
        _mg_annotation_store_take (self, op->object);
      break;

    case MG_STORE_OP_ADD_MANY:
      if (undo)
        _mg_annotation_store_take_many (self, op->many);
      else
        _mg_annotation_store_insert_many (self, op->many);
      break;

    case MG_STORE_OP_CHANGE:
      _mg_annotation_store_assign (self, op->object, undo ? op->before : op->after);
      break;

    case MG_STORE_OP_TAG_ADD:
    case MG_STORE_OP_TAG_REMOVE:
      insert = (op->kind == MG_STORE_OP_TAG_ADD) != undo;
      if (insert)
        mg_tag_set_insert (self->tag_set, op->position, op->object, NULL);
      else
        mg_tag_set_remove (self->tag_set, mg_tag_get_id (op->object));
      break;

    case MG_STORE_OP_TAG_CHANGE:
      mg_tag_assign (op->object, undo ? op->before : op->after);
      break;

    case MG_STORE_OP_DISMISS:
    case MG_STORE_OP_UNDISMISS:
      insert = (op->kind == MG_STORE_OP_DISMISS) != undo;
      if (insert)
        _mg_annotation_store_insert_dismissal (self, op->object);
      else
        _mg_annotation_store_take_dismissal (self, op->object);
      break;

    case MG_STORE_OP_TAG_MOVE:
      mg_tag_set_move (self->tag_set, mg_tag_get_id (op->object),
                       undo ? op->position : op->position_after);
      break;

    default:
      g_assert_not_reached ();
    }
}

void
_mg_annotation_store_save_state (MgAnnotationStore *self,
                                 MgStoreState      *state)
{
  state->dirty = mg_undo_stack_is_dirty (self->undo);
  state->can_undo = mg_undo_stack_can_undo (self->undo);
  state->can_redo = mg_undo_stack_can_redo (self->undo);
  /* Copies: the steps they belong to may be gone after the change. */
  state->undo_label = g_strdup (mg_undo_stack_undo_label (self->undo));
  state->redo_label = g_strdup (mg_undo_stack_redo_label (self->undo));
}

void
_mg_annotation_store_set_bulk (MgAnnotationStore *self,
                               gboolean           bulk)
{
  if (bulk && self->bulk_depth++ == 0)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_IN_BULK]);
  else if (!bulk && self->bulk_depth > 0 && --self->bulk_depth == 0)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_IN_BULK]);
}

void
_mg_annotation_store_finish_change (MgAnnotationStore *self,
                                    MgStoreState      *before,
                                    gboolean           changed)
{
  MgStoreState after;

  _mg_annotation_store_save_state (self, &after);
  g_object_freeze_notify (G_OBJECT (self));
  if (before->dirty != after.dirty)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DIRTY]);
  if (before->can_undo != after.can_undo)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_UNDO]);
  if (before->can_redo != after.can_redo)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_REDO]);
  if (g_strcmp0 (before->undo_label, after.undo_label) != 0)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UNDO_LABEL]);
  if (g_strcmp0 (before->redo_label, after.redo_label) != 0)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REDO_LABEL]);
  g_clear_pointer (&before->undo_label, g_free);
  g_clear_pointer (&before->redo_label, g_free);
  g_clear_pointer (&after.undo_label, g_free);
  g_clear_pointer (&after.redo_label, g_free);
  g_object_thaw_notify (G_OBJECT (self));
  if (changed)
    {
      self->n_changes++;
      g_signal_emit (self, signals[CHANGED], 0);
    }
}

guint64
_mg_annotation_store_get_n_changes (MgAnnotationStore *self)
{
  return self->n_changes;
}

guint64
_mg_annotation_store_get_clean_serial (MgAnnotationStore *self)
{
  return self->clean_serial;
}

/* ---------------------------------------------------------------------- */
/* GObject                                                                */

static void
clear_items (MgAnnotationStore *self)
{
  g_hash_table_remove_all (self->by_id);
  for (guint i = 0; i < self->items->len; i++)
    g_object_unref (g_ptr_array_index (self->items, i));
  g_ptr_array_set_size (self->items, 0);
  g_array_set_size (self->spans, 0);
  g_hash_table_remove_all (self->tag_counts);
  g_hash_table_remove_all (self->author_counts);
  g_hash_table_remove_all (self->contributor_counts);
}

static void
mg_annotation_store_dispose (GObject *object)
{
  MgAnnotationStore *self = MG_ANNOTATION_STORE (object);

  g_clear_pointer (&self->undo, mg_undo_stack_free);
  if (self->items != NULL)
    {
      clear_items (self);
    }
  g_clear_object (&self->document);
  g_clear_object (&self->tag_set);
  g_clear_object (&self->dismissed);

  G_OBJECT_CLASS (mg_annotation_store_parent_class)->dispose (object);
}

static void
mg_annotation_store_finalize (GObject *object)
{
  MgAnnotationStore *self = MG_ANNOTATION_STORE (object);

  g_clear_pointer (&self->items, g_ptr_array_unref);
  g_clear_pointer (&self->by_id, g_hash_table_unref);
  g_clear_pointer (&self->spans, g_array_unref);
  g_clear_pointer (&self->tag_counts, g_hash_table_unref);
  g_clear_pointer (&self->author_counts, g_hash_table_unref);
  g_clear_pointer (&self->contributor_counts, g_hash_table_unref);
  g_clear_pointer (&self->max_end, g_free);

  G_OBJECT_CLASS (mg_annotation_store_parent_class)->finalize (object);
}

static void
mg_annotation_store_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  MgAnnotationStore *self = MG_ANNOTATION_STORE (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      g_value_set_object (value, self->document);
      break;
    case PROP_TAG_SET:
      g_value_set_object (value, self->tag_set);
      break;
    case PROP_DIRTY:
      g_value_set_boolean (value, mg_annotation_store_get_dirty (self));
      break;
    case PROP_CAN_UNDO:
      g_value_set_boolean (value, mg_annotation_store_can_undo (self));
      break;
    case PROP_CAN_REDO:
      g_value_set_boolean (value, mg_annotation_store_can_redo (self));
      break;
    case PROP_UNDO_LABEL:
      g_value_set_string (value, mg_annotation_store_get_undo_label (self));
      break;
    case PROP_IN_BULK:
      g_value_set_boolean (value, self->bulk_depth > 0);
      break;
    case PROP_REDO_LABEL:
      g_value_set_string (value, mg_annotation_store_get_redo_label (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mg_annotation_store_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  MgAnnotationStore *self = MG_ANNOTATION_STORE (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      mg_annotation_store_set_document (self, g_value_get_object (value));
      break;
    case PROP_TAG_SET:
      self->tag_set = g_value_dup_object (value);
      if (self->tag_set == NULL)
        self->tag_set = mg_tag_set_new_default ();
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mg_annotation_store_class_init (MgAnnotationStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags ro = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = mg_annotation_store_dispose;
  object_class->finalize = mg_annotation_store_finalize;
  object_class->get_property = mg_annotation_store_get_property;
  object_class->set_property = mg_annotation_store_set_property;

  properties[PROP_DOCUMENT] =
    g_param_spec_object ("document", NULL, NULL, MG_TYPE_DOCUMENT,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY |
                         G_PARAM_STATIC_STRINGS);
  properties[PROP_TAG_SET] =
    g_param_spec_object ("tag-set", NULL, NULL, MG_TYPE_TAG_SET,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                         G_PARAM_STATIC_STRINGS);
  properties[PROP_DIRTY] =
    g_param_spec_boolean ("dirty", NULL, NULL, FALSE, ro);
  properties[PROP_CAN_UNDO] =
    g_param_spec_boolean ("can-undo", NULL, NULL, FALSE, ro);
  properties[PROP_CAN_REDO] =
    g_param_spec_boolean ("can-redo", NULL, NULL, FALSE, ro);
  properties[PROP_UNDO_LABEL] =
    g_param_spec_string ("undo-label", NULL, NULL, NULL, ro);
  properties[PROP_IN_BULK] =
    g_param_spec_boolean ("in-bulk", NULL, NULL, FALSE, ro);
  properties[PROP_REDO_LABEL] =
    g_param_spec_string ("redo-label", NULL, NULL, NULL, ro);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
  signals[ANNOTATION_CHANGED] =
    g_signal_new ("annotation-changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, MG_TYPE_ANNOTATION);
}

static void
mg_annotation_store_init (MgAnnotationStore *self)
{
  self->items = g_ptr_array_new ();
  self->by_id = g_hash_table_new (g_str_hash, g_str_equal);
  self->spans = g_array_new (FALSE, FALSE, sizeof (MgStoreSpan));
  self->tag_counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->author_counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->contributor_counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->undo = mg_undo_stack_new (apply_op, op_free, self);
  self->dismissed = g_list_store_new (MG_TYPE_DISMISSAL);
}

MgAnnotationStore *
mg_annotation_store_new (MgDocument *document,
                         MgTagSet   *tags)
{
  g_return_val_if_fail (document == NULL || MG_IS_DOCUMENT (document), NULL);
  g_return_val_if_fail (tags == NULL || MG_IS_TAG_SET (tags), NULL);

  return g_object_new (MG_TYPE_ANNOTATION_STORE,
                       "document", document,
                       "tag-set", tags,
                       NULL);
}

MgDocument *
mg_annotation_store_get_document (MgAnnotationStore *self)
{
  g_return_val_if_fail (MG_IS_ANNOTATION_STORE (self), NULL);
  return self->document;
}

static gboolean
items_sorted (MgAnnotationStore *self)
{
  for (guint i = 1; i < self->items->len; i++)
    if (mg_annotation_compare (g_ptr_array_index (self->items, i - 1),
                               g_ptr_array_index (self->items, i)) > 0)
      return FALSE;
  return TRUE;
}

/* Also picks up ranges changed in place by re-anchoring: the order and the
 * paragraphs are brought up to date. */
void
mg_annotation_store_set_document (MgAnnotationStore *self,
                                  MgDocument        *document)
{
  gboolean same;

  g_return_if_fail (MG_IS_ANNOTATION_STORE (self));
  g_return_if_fail (document == NULL || MG_IS_DOCUMENT (document));

  same = self->document == document;
  g_set_object (&self->document, document);
  /* Re-anchoring may have moved annotations in place. */
  self->clean_serial++;

  _mg_annotation_store_invalidate (self);
  rebuild_spans (self);
  if (!items_sorted (self))
    {
      g_ptr_array_sort (self->items, compare_items);
      rebuild_spans (self);
      g_list_model_items_changed (G_LIST_MODEL (self), 0,
                                  self->items->len, self->items->len);
    }
  for (guint i = 0; i < self->items->len; i++)
    _mg_annotation_store_update_paragraph (self, g_ptr_array_index (self->items, i));

  if (!same)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DOCUMENT]);
}

MgTagSet *
mg_annotation_store_get_tag_set (MgAnnotationStore *self)
{
  g_return_val_if_fail (MG_IS_ANNOTATION_STORE (self), NULL);
  return self->tag_set;
}

guint
mg_annotation_store_get_n_annotations (MgAnnotationStore *self)
{
  g_return_val_if_fail (MG_IS_ANNOTATION_STORE (self), 0);
  return self->items->len;
}

MgAnnotation *
mg_annotation_store_get_annotation (MgAnnotationStore *self,
                                    guint              position)
{
  g_return_val_if_fail (MG_IS_ANNOTATION_STORE (self), NULL);
  g_return_val_if_fail (position < self->items->len, NULL);

  return g_ptr_array_index (self->items, position);
}

MgAnnotation *
mg_annotation_store_lookup (MgAnnotationStore *self,
                            const char        *id)
{
  g_return_val_if_fail (MG_IS_ANNOTATION_STORE (self), NULL);

  if (id == NULL)
    return NULL;
  return g_hash_table_lookup (self->by_id, id);
}

int
mg_annotation_store_index_of (MgAnnotationStore *self,
                              MgAnnotation      *annotation)
{
  g_return_val_if_fail (MG_IS_ANNOTATION_STORE (self), -1);
  g_return_val_if_fail (MG_IS_ANNOTATION (annotation), -1);

  return _mg_annotation_store_find (self, annotation);
}

/* ---------------------------------------------------------------------- */
/* Queries                                                                */

static void
ensure_index (MgAnnotationStore *self)
{
  guint n = self->items->len;
  guint leaves = 1;

  if (self->index_valid)
    return;

  while (leaves < n)
    leaves <<= 1;
  /* Kept between rebuilds: a fresh large block each time costs more in
   * page faults than the rebuild itself. */
  if (leaves != self->max_end_leaves || self->max_end == NULL)
    {
      g_free (self->max_end);
      self->max_end = g_new (guint, 2 * leaves);
      self->max_end_leaves = leaves;
    }
  memset (self->max_end + leaves, 0, leaves * sizeof (guint));
  for (guint i = 0; i < n; i++)
    self->max_end[leaves + i] = g_array_index (self->spans, MgStoreSpan, i).end;
  for (guint i = leaves - 1; i > 0; i--)
    self->max_end[i] = MAX (self->max_end[2 * i], self->max_end[2 * i + 1]);
  self->index_valid = TRUE;
}

/* Adds, in order, the annotations among positions [lo, hi) of @node that
 * end after @offset, stopping at @limit. */
static void
collect_covering (MgAnnotationStore *self,
                  guint              node,
                  guint              lo,
                  guint              hi,
                  guint              limit,
                  guint              offset,
                  GPtrArray         *out)
{
  guint mid;

  if (lo >= limit || self->max_end[node] <= offset)
    return;
  if (node >= self->max_end_leaves)
    {
      g_ptr_array_add (out, g_object_ref (g_ptr_array_index (self->items, lo)));
      return;
    }
  mid = lo + (hi - lo) / 2;
  collect_covering (self, 2 * node, lo, mid, limit, offset, out);
  collect_covering (self, 2 * node + 1, mid, hi, limit, offset, out);
}

GPtrArray *
mg_annotation_store_get_at (MgAnnotationStore *self,
                            guint              offset)
{
  GPtrArray *out;
  guint lo = 0, hi;

  g_return_val_if_fail (MG_IS_ANNOTATION_STORE (self), NULL);

  out = g_ptr_array_new_with_free_func (g_object_unref);
  ensure_index (self);

  /* Only annotations starting at or before @offset can cover it. */
  hi = self->items->len;
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (g_array_index (self->spans, MgStoreSpan, mid).start <= offset)
        lo = mid + 1;
      else
        hi = mid;
    }
  collect_covering (self, 1, 0, self->max_end_leaves, lo, offset, out);
  return out;
}

guint
mg_annotation_store_count_tag (MgAnnotationStore *self,
                               const char        *tag_id)
{
  guint *count;

  g_return_val_if_fail (MG_IS_ANNOTATION_STORE (self), 0);
  g_return_val_if_fail (tag_id != NULL, 0);

  count = g_hash_table_lookup (self->tag_counts, tag_id);
  return count != NULL ? *count : 0;
}

guint
mg_annotation_store_count_tag_placed (MgAnnotationStore *self,
                                      const char        *tag_id)
{
  guint count;

  g_return_val_if_fail (MG_IS_ANNOTATION_STORE (self), 0);
  g_return_val_if_fail (tag_id != NULL, 0);

  count = mg_annotation_store_count_tag (self, tag_id);
  /* Orphans are few: counted when asked rather than kept. */
  for (guint i = 0; count > 0 && i < self->items->len; i++)
    {
      MgAnnotation *annotation = g_ptr_array_index (self->items, i);

      if (mg_annotation_is_orphaned (annotation) && mg_annotation_has_tag (annotation, tag_id))
        count--;
    }
  return count;
}

static int
compare_author_names (gconstpointer a,
                      gconstpointer b)
{
  return g_utf8_collate (*(const char * const *) a, *(const char * const *) b);
}

GStrv
mg_annotation_store_dup_authors (MgAnnotationStore *self,
                                 gboolean           with_contributors)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer name;

  g_return_val_if_fail (MG_IS_ANNOTATION_STORE (self), NULL);

  /* Counted as annotations come and go: a few names, not a walk over
   * every annotation after each change. */
  g_hash_table_iter_init (&iter, self->author_counts);
  while (g_hash_table_iter_next (&iter, &name, NULL))
    g_ptr_array_add (names, name);
  if (with_contributors)
    {
      g_hash_table_iter_init (&iter, self->contributor_counts);
      while (g_hash_table_iter_next (&iter, &name, NULL))
        if (!g_hash_table_contains (self->author_counts, name))
          g_ptr_array_add (names, name);
    }
  g_ptr_array_sort (names, compare_author_names);
  g_ptr_array_add (names, NULL);
  return g_strdupv ((char **) names->pdata);
}

/* ---------------------------------------------------------------------- */
/* Loading                                                                */

/* Replaces the content, forgets the undo history and counts as saved. */
void
mg_annotation_store_load (MgAnnotationStore *self,
                          GPtrArray         *annotations)
{
  MgStoreState state;
  guint removed, added;

  g_return_if_fail (MG_IS_ANNOTATION_STORE (self));
  g_return_if_fail (annotations != NULL);

  _mg_annotation_store_save_state (self, &state);
  removed = self->items->len;
  clear_items (self);

  for (guint i = 0; i < annotations->len; i++)
    {
      MgAnnotation *annotation = g_ptr_array_index (annotations, i);

      g_ptr_array_add (self->items, g_object_ref (annotation));
      g_hash_table_insert (self->by_id, (gpointer) mg_annotation_get_id (annotation), annotation);
      count_annotation (self, annotation, 1);
      _mg_annotation_store_update_paragraph (self, annotation);
    }
  g_ptr_array_sort (self->items, compare_items);
  rebuild_spans (self);
  added = self->items->len;
  _mg_annotation_store_invalidate (self);
  mg_undo_stack_clear (self->undo);
  self->clean_serial++;

  if (removed > 0 || added > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, removed, added);
  _mg_annotation_store_finish_change (self, &state, FALSE);
}
