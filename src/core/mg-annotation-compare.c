/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Marginalia"
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "mg-annotation-private.h"
#include "mg-json-util.h"
#include "mg-util.h"

/* Copying, assigning and comparing annotations. */

static gboolean
strv_equal0 (const char * const *a,
             const char * const *b)
{
  static const char * const empty[] = { NULL };

  return g_strv_equal (a != NULL ? a : empty, b != NULL ? b : empty);
}

MgAnnotation *
mg_annotation_copy (MgAnnotation *self)
{
  MgAnnotation *copy;

  g_return_val_if_fail (MG_IS_ANNOTATION (self), NULL);

  copy = mg_annotation_new (self->id, self->start, self->end);
  mg_annotation_assign (copy, self);
  return copy;
}

void
mg_annotation_assign (MgAnnotation *self,
                      MgAnnotation *from)
{
  g_return_if_fail (MG_IS_ANNOTATION (self));
  g_return_if_fail (MG_IS_ANNOTATION (from));

  if (self == from)
    return;

  g_object_freeze_notify (G_OBJECT (self));
  mg_annotation_set_range (self, from->start, from->end);
  mg_annotation_set_quote (self, from->quote);
  mg_annotation_set_prefix (self, from->prefix);
  mg_annotation_set_suffix (self, from->suffix);
  mg_annotation_set_tags (self, (const char * const *) from->tags);
  mg_annotation_set_note (self, from->note);
  mg_annotation_set_starred (self, from->starred);
  mg_annotation_set_author (self, from->author);
  mg_annotation_set_contributors (self, (const char * const *) from->contributors);
  mg_annotation_set_created (self, from->created);
  mg_annotation_set_modified (self, from->modified);
  mg_annotation_set_anchor_state (self, from->anchor_state);
  mg_annotation_set_anchor_score (self, from->anchor_score);
  mg_annotation_set_paragraph (self, from->paragraph);
  mg_annotation_set_sentence (self, from->sentence);
  if (!mg_json_object_equal0 (self->extra, from->extra))
    {
      g_clear_pointer (&self->extra, json_object_unref);
      self->extra = mg_json_object_deep_copy (from->extra);
    }
  g_object_thaw_notify (G_OBJECT (self));
}

gboolean
mg_annotation_equal (MgAnnotation *a,
                     MgAnnotation *b)
{
  g_return_val_if_fail (MG_IS_ANNOTATION (a), FALSE);
  g_return_val_if_fail (MG_IS_ANNOTATION (b), FALSE);

  if (a == b)
    return TRUE;

  return strcmp (a->id, b->id) == 0 &&
         a->start == b->start &&
         a->end == b->end &&
         strcmp (a->quote, b->quote) == 0 &&
         strcmp (a->prefix, b->prefix) == 0 &&
         strcmp (a->suffix, b->suffix) == 0 &&
         strv_equal0 ((const char * const *) a->tags, (const char * const *) b->tags) &&
         strcmp (a->note, b->note) == 0 &&
         a->starred == b->starred &&
         strcmp (a->author, b->author) == 0 &&
         strv_equal0 ((const char * const *) a->contributors,
                      (const char * const *) b->contributors) &&
         g_strcmp0 (a->created, b->created) == 0 &&
         g_strcmp0 (a->modified, b->modified) == 0 &&
         a->anchor_state == b->anchor_state &&
         a->anchor_score == b->anchor_score &&
         a->paragraph == b->paragraph &&
         a->sentence == b->sentence &&
         mg_json_object_equal0 (a->extra, b->extra);
}

int
mg_annotation_compare (MgAnnotation *a,
                       MgAnnotation *b)
{
  g_return_val_if_fail (MG_IS_ANNOTATION (a), 0);
  g_return_val_if_fail (MG_IS_ANNOTATION (b), 0);

  if (a->start != b->start)
    return a->start < b->start ? -1 : 1;
  if (a->end != b->end)
    return a->end < b->end ? -1 : 1;
  return strcmp (a->id, b->id);
}
