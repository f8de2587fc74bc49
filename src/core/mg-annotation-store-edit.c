/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Marginalia"
#include "config.h"

#include <glib/gi18n-lib.h>

#include "mg-annotation-store-private.h"
#include "mg-json.h"
#include "mg-tag-private.h"
#include "mg-time.h"

/* Every change below follows one pattern: check, apply through the
 * internal functions (which emit items-changed and notifications), record
 * an operation for undo, then notify the store's own state and emit
 * "changed". */

void
mg_annotation_fill_context (MgAnnotation *annotation,
                            MgDocument   *document)
{
  const char *text, *text_end, *from, *to, *before, *after;
  guint start, end, length;
  g_autofree char *quote = NULL;
  g_autofree char *prefix = NULL;
  g_autofree char *suffix = NULL;

  g_return_if_fail (MG_IS_ANNOTATION (annotation));
  g_return_if_fail (MG_IS_DOCUMENT (document));

  /* One look-up of the start, then short walks: imports fill thousands. */
  length = mg_document_get_length (document);
  start = MIN (mg_annotation_get_start (annotation), length);
  end = CLAMP (mg_annotation_get_end (annotation), start, length);
  text = mg_document_get_text (document);
  text_end = text + mg_document_get_size (document);
  from = text + mg_document_offset_to_byte (document, start);
  to = from;
  for (guint i = start; i < end; i++)
    to = g_utf8_next_char (to);
  before = from;
  for (guint i = 0; i < MG_CONTEXT_LENGTH && before > text; i++)
    before = g_utf8_prev_char (before);
  after = to;
  for (guint i = 0; i < MG_CONTEXT_LENGTH && after < text_end; i++)
    after = g_utf8_next_char (after);
  quote = g_strndup (from, to - from);
  prefix = g_strndup (before, from - before);
  suffix = g_strndup (to, after - to);
  g_object_freeze_notify (G_OBJECT (annotation));
  mg_annotation_set_quote (annotation, quote);
  mg_annotation_set_prefix (annotation, prefix);
  mg_annotation_set_suffix (annotation, suffix);
  g_object_thaw_notify (G_OBJECT (annotation));
}

static gboolean
check_range (MgAnnotationStore  *self,
             guint               start,
             guint               end,
             GError            **error)
{
  guint length;

  /* Without the speech there is nothing to check against. */
  if (self->document == NULL)
    return TRUE;

  length = mg_document_get_length (self->document);
  if (start >= end)
    {
      g_set_error (error, MG_ANNOTATION_STORE_ERROR, MG_ANNOTATION_STORE_ERROR_RANGE,
                   _("The range %u–%u is empty: select at least one character"),
                   start, end);
      return FALSE;
    }
  if (end > length)
    {
      g_set_error (error, MG_ANNOTATION_STORE_ERROR, MG_ANNOTATION_STORE_ERROR_RANGE,
                   _("The range %u–%u goes beyond the end of the text (%u characters)"),
                   start, end, length);
      return FALSE;
    }
  return TRUE;
}

static gboolean
check_tags (MgAnnotationStore   *self,
            const char * const  *tags,
            GError             **error)
{
  for (guint i = 0; tags != NULL && tags[i] != NULL; i++)
    {
      if (tags[i][0] == '\0')
        continue;
      if (mg_tag_set_lookup (self->tag_set, tags[i]) == NULL)
        {
          g_set_error (error, MG_ANNOTATION_STORE_ERROR, MG_ANNOTATION_STORE_ERROR_UNKNOWN_TAG,
                       _("There is no tag with the id “%s”"), tags[i]);
          return FALSE;
        }
    }
  return TRUE;
}

static gboolean
check_member (MgAnnotationStore  *self,
              MgAnnotation       *annotation,
              GError            **error)
{
  if (_mg_annotation_store_find (self, annotation) >= 0)
    return TRUE;
  g_set_error (error, MG_ANNOTATION_STORE_ERROR, MG_ANNOTATION_STORE_ERROR_UNKNOWN_ID,
               _("There is no annotation with the id “%s”"),
               mg_annotation_get_id (annotation));
  return FALSE;
}

static void
stamp_modified (MgAnnotation *annotation)
{
  g_autofree char *now = mg_time_now_rfc3339 ();

  mg_annotation_set_modified (annotation, now);
}

/* Gives @annotation the fields of @after (with a fresh "modified") as one
 * recorded operation. Takes @after. */
static void
record_change (MgAnnotationStore *self,
               MgAnnotation      *annotation,
               MgAnnotation      *after,
               const char        *label)
{
  MgAnnotation *before = mg_annotation_copy (annotation);

  stamp_modified (after);
  _mg_annotation_store_assign (self, annotation, after);
  mg_undo_stack_push (self->undo, label,
                      _mg_annotation_store_op_new (MG_STORE_OP_CHANGE, annotation, before, after));
}

/* Records @after as a change of @annotation unless it changes nothing.
 * Takes @after. */
static void
change (MgAnnotationStore *self,
        MgAnnotation      *annotation,
        MgAnnotation      *after,
        const char        *label)
{
  MgStoreState state;

  if (mg_annotation_equal (annotation, after))
    {
      g_object_unref (after);
      return;
    }
  _mg_annotation_store_save_state (self, &state);
  record_change (self, annotation, after, label);
  _mg_annotation_store_finish_change (self, &state, TRUE);
}

/* ---------------------------------------------------------------------- */
/* Annotations                                                            */

/* Checks @annotation as a new member: a new id (also among @batch, the
 * ids of those added with it, nullable), a range within the text (orphans
 * exempt), known tags. */
static gboolean
check_new (MgAnnotationStore  *self,
           MgAnnotation       *annotation,
           GHashTable         *batch,
           GError            **error)
{
  const char *id = mg_annotation_get_id (annotation);

  if (mg_annotation_store_lookup (self, id) != NULL ||
      (batch != NULL && g_hash_table_contains (batch, id)))
    {
      g_set_error (error, MG_ANNOTATION_STORE_ERROR, MG_ANNOTATION_STORE_ERROR_DUPLICATE_ID,
                   _("There is already an annotation with the id “%s”"), id);
      return FALSE;
    }
  if (!mg_annotation_is_orphaned (annotation) &&
      !check_range (self, mg_annotation_get_start (annotation),
                    mg_annotation_get_end (annotation), error))
    return FALSE;
  return check_tags (self, mg_annotation_get_tags (annotation), error);
}

/* Fills what a new member leaves empty: quote and context, author, times
 * (@now, or the time of the call when NULL). */
static void
fill_new (MgAnnotationStore *self,
          MgAnnotation      *annotation,
          const char        *now)
{
  g_autofree char *own_now = NULL;

  g_object_freeze_notify (G_OBJECT (annotation));
  if (*mg_annotation_get_quote (annotation) == '\0' && self->document != NULL &&
      !mg_annotation_is_orphaned (annotation))
    mg_annotation_fill_context (annotation, self->document);
  if (*mg_annotation_get_author (annotation) == '\0')
    mg_annotation_set_author (annotation, mg_annotation_default_author ());
  if (mg_annotation_get_created (annotation) == NULL ||
      mg_annotation_get_modified (annotation) == NULL)
    {
      if (now == NULL)
        now = own_now = mg_time_now_rfc3339 ();
      if (mg_annotation_get_created (annotation) == NULL)
        mg_annotation_set_created (annotation, now);
      if (mg_annotation_get_modified (annotation) == NULL)
        mg_annotation_set_modified (annotation, mg_annotation_get_created (annotation));
    }
  g_object_thaw_notify (G_OBJECT (annotation));
}

gboolean
mg_annotation_store_add (MgAnnotationStore  *self,
                         MgAnnotation       *annotation,
                         GError            **error)
{
  MgStoreState state;

  g_return_val_if_fail (MG_IS_ANNOTATION_STORE (self), FALSE);
  g_return_val_if_fail (MG_IS_ANNOTATION (annotation), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!check_new (self, annotation, NULL, error))
    return FALSE;
  fill_new (self, annotation, NULL);

  _mg_annotation_store_save_state (self, &state);
  _mg_annotation_store_insert (self, annotation);
  mg_undo_stack_push (self->undo,
                      mg_annotation_get_tags (annotation)[0] == NULL ? _("Add highlight")
                                                                     : _("Add annotation"),
                      _mg_annotation_store_op_new (MG_STORE_OP_ADD, annotation, NULL, NULL));
  _mg_annotation_store_finish_change (self, &state, TRUE);
  return TRUE;
}

static int
compare_annotations (gconstpointer a,
                     gconstpointer b)
{
  return mg_annotation_compare (*(MgAnnotation **) a, *(MgAnnotation **) b);
}

gboolean
mg_annotation_store_add_all (MgAnnotationStore  *self,
                             GPtrArray          *annotations,
                             const char         *label,
                             GError            **error)
{
  g_autoptr(GHashTable) batch = NULL;
  g_autoptr(GPtrArray) sorted = NULL;
  g_autofree char *now = NULL;
  g_autofree char *step_label = NULL;
  MgStoreState state;

  g_return_val_if_fail (MG_IS_ANNOTATION_STORE (self), FALSE);
  g_return_val_if_fail (annotations != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  /* Every one is checked before the first is added. */
  batch = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < annotations->len; i++)
    {
      MgAnnotation *annotation = g_ptr_array_index (annotations, i);

      g_return_val_if_fail (MG_IS_ANNOTATION (annotation), FALSE);
      if (!check_new (self, annotation, batch, error))
        return FALSE;
      g_hash_table_add (batch, (gpointer) mg_annotation_get_id (annotation));
    }
  if (annotations->len == 0)
    return TRUE;

  now = mg_time_now_rfc3339 ();
  sorted = g_ptr_array_new_full (annotations->len, g_object_unref);
  for (guint i = 0; i < annotations->len; i++)
    {
      MgAnnotation *annotation = g_ptr_array_index (annotations, i);

      fill_new (self, annotation, now);
      g_ptr_array_add (sorted, g_object_ref (annotation));
    }
  g_ptr_array_sort (sorted, compare_annotations);

  if (label == NULL)
    step_label = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Add %u annotation",
                                               "Add %u annotations", sorted->len),
                                  sorted->len);
  _mg_annotation_store_save_state (self, &state);
  _mg_annotation_store_insert_many (self, sorted);
  mg_undo_stack_push (self->undo, label != NULL ? label : step_label,
                      _mg_annotation_store_op_new_many (sorted));
  _mg_annotation_store_finish_change (self, &state, TRUE);
  return TRUE;
}

MgAnnotation *
mg_annotation_store_create (MgAnnotationStore   *self,
                            guint                start,
                            guint                end,
                            const char * const  *tags,
                            const char          *note,
                            gboolean             starred,
                            const char          *author,
                            GError             **error)
{
  g_autoptr(MgAnnotation) annotation = NULL;

  g_return_val_if_fail (MG_IS_ANNOTATION_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (start > end)
    {
      g_set_error (error, MG_ANNOTATION_STORE_ERROR, MG_ANNOTATION_STORE_ERROR_RANGE,
                   _("The range %u–%u is reversed: it ends before it starts"),
                   start, end);
      return NULL;
    }

  annotation = mg_annotation_new (NULL, start, end);
  mg_annotation_set_tags (annotation, tags);
  mg_annotation_set_note (annotation, note);
  mg_annotation_set_starred (annotation, starred);
  mg_annotation_set_author (annotation, author);
  if (!mg_annotation_store_add (self, annotation, error))
    return NULL;
  /* The store holds a reference now. */
  return annotation;
}

gboolean
mg_annotation_store_remove (MgAnnotationStore *self,
                            MgAnnotation      *annotation)
{
  MgStoreState state;

  g_return_val_if_fail (MG_IS_ANNOTATION_STORE (self), FALSE);
  g_return_val_if_fail (MG_IS_ANNOTATION (annotation), FALSE);

  if (_mg_annotation_store_find (self, annotation) < 0)
    return FALSE;

  _mg_annotation_store_save_state (self, &state);
  mg_undo_stack_push (self->undo, _("Remove annotation"),
                      _mg_annotation_store_op_new (MG_STORE_OP_REMOVE, annotation, NULL, NULL));
  _mg_annotation_store_take (self, annotation);
  _mg_annotation_store_finish_change (self, &state, TRUE);
  return TRUE;
}

void
mg_annotation_store_set_note (MgAnnotationStore *self,
                              MgAnnotation      *annotation,
                              const char        *note)
{
  MgAnnotation *after;

  g_return_if_fail (MG_IS_ANNOTATION_STORE (self));
  g_return_if_fail (MG_IS_ANNOTATION (annotation));
  g_return_if_fail (_mg_annotation_store_find (self, annotation) >= 0);

  if (g_strcmp0 (mg_annotation_get_note (annotation), note != NULL ? note : "") == 0)
    return;
  after = mg_annotation_copy (annotation);
  mg_annotation_set_note (after, note);
  change (self, annotation, after, _("Edit note"));
}

void
mg_annotation_store_set_starred (MgAnnotationStore *self,
                                 MgAnnotation      *annotation,
                                 gboolean           starred)
{
  MgAnnotation *after;

  g_return_if_fail (MG_IS_ANNOTATION_STORE (self));
  g_return_if_fail (MG_IS_ANNOTATION (annotation));
  g_return_if_fail (_mg_annotation_store_find (self, annotation) >= 0);

  if (mg_annotation_get_starred (annotation) == !!starred)
    return;
  after = mg_annotation_copy (annotation);
  mg_annotation_set_starred (after, starred);
  change (self, annotation, after, starred ? _("Star") : _("Unstar"));
}

gboolean
mg_annotation_store_set_tags (MgAnnotationStore   *self,
                              MgAnnotation        *annotation,
                              const char * const  *tags,
                              GError             **error)
{
  MgAnnotation *after;

  g_return_val_if_fail (MG_IS_ANNOTATION_STORE (self), FALSE);
  g_return_val_if_fail (MG_IS_ANNOTATION (annotation), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!check_member (self, annotation, error) || !check_tags (self, tags, error))
    return FALSE;

  after = mg_annotation_copy (annotation);
  mg_annotation_set_tags (after, tags);
  if (g_strv_equal (mg_annotation_get_tags (after), mg_annotation_get_tags (annotation)))
    {
      g_object_unref (after);
      return TRUE;
    }
  change (self, annotation, after, _("Change tags"));
  return TRUE;
}

gboolean
mg_annotation_store_toggle_tag (MgAnnotationStore  *self,
                                MgAnnotation       *annotation,
                                const char         *tag_id,
                                GError            **error)
{
  MgAnnotation *after;

  g_return_val_if_fail (MG_IS_ANNOTATION_STORE (self), FALSE);
  g_return_val_if_fail (MG_IS_ANNOTATION (annotation), FALSE);
  g_return_val_if_fail (tag_id != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!check_member (self, annotation, error))
    return FALSE;

  after = mg_annotation_copy (annotation);
  /* A tag the set no longer knows can still be taken off. */
  if (!mg_annotation_remove_tag (after, tag_id))
    {
      const char *tags[] = { tag_id, NULL };

      if (!check_tags (self, tags, error))
        {
          g_object_unref (after);
          return FALSE;
        }
      mg_annotation_add_tag (after, tag_id);
    }
  change (self, annotation, after, _("Change tags"));
  return TRUE;
}

gboolean
mg_annotation_store_set_range (MgAnnotationStore  *self,
                               MgAnnotation       *annotation,
                               guint               start,
                               guint               end,
                               GError            **error)
{
  MgAnnotation *after;

  g_return_val_if_fail (MG_IS_ANNOTATION_STORE (self), FALSE);
  g_return_val_if_fail (MG_IS_ANNOTATION (annotation), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!check_member (self, annotation, error))
    return FALSE;
  if (start > end)
    {
      g_set_error (error, MG_ANNOTATION_STORE_ERROR, MG_ANNOTATION_STORE_ERROR_RANGE,
                   _("The range %u–%u is reversed: it ends before it starts"),
                   start, end);
      return FALSE;
    }
  if (!check_range (self, start, end, error))
    return FALSE;

  after = mg_annotation_copy (annotation);
  mg_annotation_set_range (after, start, end);
  if (self->document != NULL)
    mg_annotation_fill_context (after, self->document);
  mg_annotation_set_anchor_state (after, MG_ANCHOR_STATE_EXACT);
  mg_annotation_set_anchor_score (after, 1.0);
  _mg_annotation_store_update_paragraph (self, after);
  change (self, annotation, after, _("Move annotation"));
  return TRUE;
}

void
mg_annotation_store_update (MgAnnotationStore *self,
                            MgAnnotation      *annotation,
                            MgAnnotation      *values)
{
  MgAnnotation *after;

  g_return_if_fail (MG_IS_ANNOTATION_STORE (self));
  g_return_if_fail (MG_IS_ANNOTATION (annotation));
  g_return_if_fail (MG_IS_ANNOTATION (values));
  g_return_if_fail (_mg_annotation_store_find (self, annotation) >= 0);

  after = mg_annotation_copy (annotation);
  mg_annotation_assign (after, values);
  /* "modified" is the store's to set; it alone makes no change. */
  mg_annotation_set_modified (after, mg_annotation_get_modified (annotation));
  _mg_annotation_store_update_paragraph (self, after);
  change (self, annotation, after, _("Edit annotation"));
}

/* ---------------------------------------------------------------------- */
/* Tags                                                                   */

static MgTag *
lookup_tag (MgAnnotationStore  *self,
            const char         *tag_id,
            GError            **error)
{
  MgTag *tag = mg_tag_set_lookup (self->tag_set, tag_id);

  if (tag == NULL)
    g_set_error (error, MG_ANNOTATION_STORE_ERROR, MG_ANNOTATION_STORE_ERROR_UNKNOWN_TAG,
                 _("There is no tag with the id “%s”"), tag_id);
  return tag;
}

/* Takes @after. */
static void
change_tag (MgAnnotationStore *self,
            MgTag             *tag,
            MgTag             *after,
            const char        *label)
{
  MgStoreState state;
  MgTag *before = mg_tag_copy (tag);

  _mg_annotation_store_save_state (self, &state);
  mg_tag_assign (tag, after);
  mg_undo_stack_push (self->undo, label,
                      _mg_annotation_store_op_new (MG_STORE_OP_TAG_CHANGE, tag, before, after));
  _mg_annotation_store_finish_change (self, &state, TRUE);
}

gboolean
mg_annotation_store_add_tag (MgAnnotationStore  *self,
                             MgTag              *tag,
                             GError            **error)
{
  MgStoreState state;
  MgStoreOp *op;
  guint position;

  g_return_val_if_fail (MG_IS_ANNOTATION_STORE (self), FALSE);
  g_return_val_if_fail (MG_IS_TAG (tag), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  position = mg_tag_set_get_n_tags (self->tag_set);
  _mg_annotation_store_save_state (self, &state);
  if (!mg_tag_set_insert (self->tag_set, position, tag, error))
    {
      _mg_annotation_store_finish_change (self, &state, FALSE);
      return FALSE;
    }
  op = _mg_annotation_store_op_new (MG_STORE_OP_TAG_ADD, tag, NULL, NULL);
  op->position = position;
  mg_undo_stack_push (self->undo, _("Add tag"), op);
  _mg_annotation_store_finish_change (self, &state, TRUE);
  return TRUE;
}

/* Sets the name or the description of a tag as one step (none when it
 * already reads @text). */
static gboolean
set_tag_text (MgAnnotationStore  *self,
              const char         *tag_id,
              gboolean            description,
              const char         *text,
              const char         *label,
              GError            **error)
{
  MgTag *tag, *after;

  g_return_val_if_fail (MG_IS_ANNOTATION_STORE (self), FALSE);
  g_return_val_if_fail (tag_id != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  tag = lookup_tag (self, tag_id, error);
  if (tag == NULL)
    return FALSE;
  if (g_strcmp0 (description ? mg_tag_get_description (tag) : mg_tag_get_name (tag),
                 text != NULL ? text : "") == 0)
    return TRUE;
  after = mg_tag_copy (tag);
  if (description)
    mg_tag_set_description (after, text);
  else
    mg_tag_set_name (after, text);
  change_tag (self, tag, after, label);
  return TRUE;
}

gboolean
mg_annotation_store_rename_tag (MgAnnotationStore  *self,
                                const char         *tag_id,
                                const char         *name,
                                GError            **error)
{
  return set_tag_text (self, tag_id, FALSE, name, _("Rename tag"), error);
}

static gboolean
check_color (const char  *color,
             const char  *tag_id,
             GError     **error)
{
  if (mg_tag_color_is_valid (color))
    return TRUE;
  g_set_error (error, MG_TAG_SET_ERROR, MG_TAG_SET_ERROR_INVALID_COLOR,
               _("“%s” is not a valid color for tag “%s”: use #rrggbb"),
               color != NULL ? color : "", tag_id);
  return FALSE;
}

gboolean
mg_annotation_store_set_tag_color (MgAnnotationStore  *self,
                                   const char         *tag_id,
                                   const char         *color,
                                   GError            **error)
{
  MgTag *tag, *after;

  g_return_val_if_fail (MG_IS_ANNOTATION_STORE (self), FALSE);
  g_return_val_if_fail (tag_id != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  tag = lookup_tag (self, tag_id, error);
  if (tag == NULL)
    return FALSE;
  if (!check_color (color, tag_id, error))
    return FALSE;
  if (g_strcmp0 (mg_tag_get_color (tag), color) == 0)
    return TRUE;
  after = mg_tag_copy (tag);
  mg_tag_set_color (after, color);
  change_tag (self, tag, after, _("Change tag color"));
  return TRUE;
}

gboolean
mg_annotation_store_set_tag_description (MgAnnotationStore  *self,
                                         const char         *tag_id,
                                         const char         *description,
                                         GError            **error)
{
  return set_tag_text (self, tag_id, TRUE, description, _("Describe tag"), error);
}

gboolean
mg_annotation_store_move_tag (MgAnnotationStore  *self,
                              const char         *tag_id,
                              guint               position,
                              GError            **error)
{
  MgStoreState state;
  MgStoreOp *op;
  MgTag *tag;
  int from;

  g_return_val_if_fail (MG_IS_ANNOTATION_STORE (self), FALSE);
  g_return_val_if_fail (tag_id != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  tag = lookup_tag (self, tag_id, error);
  if (tag == NULL)
    return FALSE;
  from = mg_tag_set_index_of (self->tag_set, tag_id);
  position = MIN (position, mg_tag_set_get_n_tags (self->tag_set) - 1);
  if ((guint) from == position)
    return TRUE;

  _mg_annotation_store_save_state (self, &state);
  mg_tag_set_move (self->tag_set, tag_id, position);
  op = _mg_annotation_store_op_new (MG_STORE_OP_TAG_MOVE, tag, NULL, NULL);
  op->position = from;
  op->position_after = position;
  mg_undo_stack_push (self->undo, _("Move tag"), op);
  _mg_annotation_store_finish_change (self, &state, TRUE);
  return TRUE;
}

gboolean
mg_annotation_store_update_tag (MgAnnotationStore  *self,
                                MgTag              *values,
                                GError            **error)
{
  MgTag *tag;
  g_autoptr(JsonObject) extra = NULL;

  g_return_val_if_fail (MG_IS_ANNOTATION_STORE (self), FALSE);
  g_return_val_if_fail (MG_IS_TAG (values), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  tag = lookup_tag (self, mg_tag_get_id (values), error);
  if (tag == NULL)
    return FALSE;
  if (!check_color (mg_tag_get_color (values), mg_tag_get_id (values), error))
    return FALSE;
  extra = mg_json_object_deep_copy (_mg_tag_get_extra (values));
  _mg_tag_set_extra (tag, extra);
  if (g_strcmp0 (mg_tag_get_name (tag), mg_tag_get_name (values)) != 0 ||
      g_strcmp0 (mg_tag_get_color (tag), mg_tag_get_color (values)) != 0 ||
      g_strcmp0 (mg_tag_get_description (tag), mg_tag_get_description (values)) != 0)
    change_tag (self, tag, mg_tag_copy (values), _("Change tag"));
  return TRUE;
}

gboolean
mg_annotation_store_delete_tag (MgAnnotationStore  *self,
                                const char         *tag_id,
                                GError            **error)
{
  MgStoreState state;
  g_autoptr(MgTag) tag = NULL;
  MgStoreOp *op;
  int position;

  g_return_val_if_fail (MG_IS_ANNOTATION_STORE (self), FALSE);
  g_return_val_if_fail (tag_id != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (lookup_tag (self, tag_id, error) == NULL)
    return FALSE;
  tag = g_object_ref (mg_tag_set_lookup (self->tag_set, tag_id));
  position = mg_tag_set_index_of (self->tag_set, tag_id);

  _mg_annotation_store_save_state (self, &state);
  mg_undo_stack_begin_group (self->undo, _("Delete tag"));
  /* Tags do not take part in the order: positions stay put. */
  for (guint i = 0; i < self->items->len; i++)
    {
      MgAnnotation *annotation = g_ptr_array_index (self->items, i);

      if (mg_annotation_has_tag (annotation, tag_id))
        {
          MgAnnotation *after = mg_annotation_copy (annotation);

          mg_annotation_remove_tag (after, tag_id);
          record_change (self, annotation, after, _("Delete tag"));
        }
    }
  mg_tag_set_remove (self->tag_set, tag_id);
  op = _mg_annotation_store_op_new (MG_STORE_OP_TAG_REMOVE, tag, NULL, NULL);
  op->position = position;
  mg_undo_stack_push (self->undo, _("Delete tag"), op);
  mg_undo_stack_end_group (self->undo);
  _mg_annotation_store_finish_change (self, &state, TRUE);
  return TRUE;
}

gboolean
mg_annotation_store_set_tag_lexicon (MgAnnotationStore   *self,
                                     const char          *tag_id,
                                     const char * const  *lexicon,
                                     GError             **error)
{
  g_auto(GStrv) normalized = NULL;
  MgTag *tag, *after;

  g_return_val_if_fail (MG_IS_ANNOTATION_STORE (self), FALSE);
  g_return_val_if_fail (tag_id != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  tag = lookup_tag (self, tag_id, error);
  if (tag == NULL)
    return FALSE;
  normalized = mg_tag_lexicon_normalize (lexicon);
  if (g_strv_equal (mg_tag_get_lexicon (tag),
                    normalized != NULL ? (const char * const *) normalized
                                       : (const char * const []) { NULL }))
    return TRUE;
  after = mg_tag_copy (tag);
  mg_tag_set_lexicon (after, (const char * const *) normalized);
  change_tag (self, tag, after, _("Change tag lexicon"));
  return TRUE;
}

/* ---------------------------------------------------------------------- */
/* Dismissed suggestions                                                  */

gboolean
mg_annotation_store_dismiss (MgAnnotationStore  *self,
                             MgDismissal        *dismissal,
                             GError            **error)
{
  MgStoreState state;

  g_return_val_if_fail (MG_IS_ANNOTATION_STORE (self), FALSE);
  g_return_val_if_fail (MG_IS_DISMISSAL (dismissal), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (mg_annotation_store_lookup_dismissed (self, mg_dismissal_get_kind (dismissal),
                                            mg_dismissal_get_start (dismissal),
                                            mg_dismissal_get_end (dismissal)) != NULL)
    return TRUE;
  if (!check_range (self, mg_dismissal_get_start (dismissal), mg_dismissal_get_end (dismissal), error))
    return FALSE;

  _mg_annotation_store_save_state (self, &state);
  _mg_annotation_store_insert_dismissal (self, dismissal);
  mg_undo_stack_push (self->undo, _("Dismiss suggestion"),
                      _mg_annotation_store_op_new (MG_STORE_OP_DISMISS, dismissal, NULL, NULL));
  _mg_annotation_store_finish_change (self, &state, TRUE);
  return TRUE;
}

gboolean
mg_annotation_store_dismiss_suggestion (MgAnnotationStore  *self,
                                        MgSuggestion       *suggestion,
                                        GError            **error)
{
  g_autoptr(MgDismissal) dismissal = NULL;

  g_return_val_if_fail (MG_IS_SUGGESTION (suggestion), FALSE);

  dismissal = mg_dismissal_new (mg_suggestion_get_kind (suggestion),
                                mg_suggestion_get_start (suggestion),
                                mg_suggestion_get_end (suggestion),
                                mg_suggestion_get_quote (suggestion));
  return mg_annotation_store_dismiss (self, dismissal, error);
}

gboolean
mg_annotation_store_undismiss (MgAnnotationStore *self,
                               MgSuggestionKind   kind,
                               guint              start,
                               guint              end)
{
  MgDismissal *dismissal;
  MgStoreState state;

  g_return_val_if_fail (MG_IS_ANNOTATION_STORE (self), FALSE);

  dismissal = mg_annotation_store_lookup_dismissed (self, kind, start, end);
  if (dismissal == NULL)
    return FALSE;

  _mg_annotation_store_save_state (self, &state);
  mg_undo_stack_push (self->undo, _("Restore suggestion"),
                      _mg_annotation_store_op_new (MG_STORE_OP_UNDISMISS, dismissal, NULL, NULL));
  _mg_annotation_store_take_dismissal (self, dismissal);
  _mg_annotation_store_finish_change (self, &state, TRUE);
  return TRUE;
}

/* ---------------------------------------------------------------------- */
/* Undo and redo                                                          */

void
mg_annotation_store_begin_group (MgAnnotationStore *self,
                                 const char        *label)
{
  MgStoreState state;

  g_return_if_fail (MG_IS_ANNOTATION_STORE (self));

  _mg_annotation_store_save_state (self, &state);
  _mg_annotation_store_set_bulk (self, TRUE);
  mg_undo_stack_begin_group (self->undo, label);
  _mg_annotation_store_finish_change (self, &state, FALSE);
}

void
mg_annotation_store_end_group (MgAnnotationStore *self)
{
  MgStoreState state;

  g_return_if_fail (MG_IS_ANNOTATION_STORE (self));
  g_return_if_fail (mg_undo_stack_in_group (self->undo));

  _mg_annotation_store_save_state (self, &state);
  mg_undo_stack_end_group (self->undo);
  _mg_annotation_store_set_bulk (self, FALSE);
  _mg_annotation_store_finish_change (self, &state, FALSE);
}

gboolean
mg_annotation_store_can_undo (MgAnnotationStore *self)
{
  g_return_val_if_fail (MG_IS_ANNOTATION_STORE (self), FALSE);
  return mg_undo_stack_can_undo (self->undo);
}

gboolean
mg_annotation_store_can_redo (MgAnnotationStore *self)
{
  g_return_val_if_fail (MG_IS_ANNOTATION_STORE (self), FALSE);
  return mg_undo_stack_can_redo (self->undo);
}

gboolean
mg_annotation_store_undo (MgAnnotationStore *self)
{
  MgStoreState state;

  g_return_val_if_fail (MG_IS_ANNOTATION_STORE (self), FALSE);

  if (!mg_undo_stack_can_undo (self->undo))
    return FALSE;
  _mg_annotation_store_save_state (self, &state);
  _mg_annotation_store_set_bulk (self, TRUE);
  mg_undo_stack_undo (self->undo);
  _mg_annotation_store_set_bulk (self, FALSE);
  _mg_annotation_store_finish_change (self, &state, TRUE);
  return TRUE;
}

gboolean
mg_annotation_store_redo (MgAnnotationStore *self)
{
  MgStoreState state;

  g_return_val_if_fail (MG_IS_ANNOTATION_STORE (self), FALSE);

  if (!mg_undo_stack_can_redo (self->undo))
    return FALSE;
  _mg_annotation_store_save_state (self, &state);
  _mg_annotation_store_set_bulk (self, TRUE);
  mg_undo_stack_redo (self->undo);
  _mg_annotation_store_set_bulk (self, FALSE);
  _mg_annotation_store_finish_change (self, &state, TRUE);
  return TRUE;
}

const char *
mg_annotation_store_get_undo_label (MgAnnotationStore *self)
{
  g_return_val_if_fail (MG_IS_ANNOTATION_STORE (self), NULL);
  return mg_undo_stack_undo_label (self->undo);
}

const char *
mg_annotation_store_get_redo_label (MgAnnotationStore *self)
{
  g_return_val_if_fail (MG_IS_ANNOTATION_STORE (self), NULL);
  return mg_undo_stack_redo_label (self->undo);
}

gboolean
mg_annotation_store_get_dirty (MgAnnotationStore *self)
{
  g_return_val_if_fail (MG_IS_ANNOTATION_STORE (self), FALSE);
  return mg_undo_stack_is_dirty (self->undo);
}

void
mg_annotation_store_mark_clean (MgAnnotationStore *self)
{
  MgStoreState state;

  g_return_if_fail (MG_IS_ANNOTATION_STORE (self));

  _mg_annotation_store_save_state (self, &state);
  mg_undo_stack_mark_clean (self->undo);
  self->clean_serial++;
  _mg_annotation_store_finish_change (self, &state, FALSE);
}
