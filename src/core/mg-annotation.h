/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef enum
{
  MG_ANCHOR_STATE_EXACT,     /* found where it was stored */
  MG_ANCHOR_STATE_MOVED,     /* the same quote, elsewhere */
  MG_ANCHOR_STATE_FUZZY,     /* an approximate match (see anchor-score) */
  MG_ANCHOR_STATE_ORPHANED,  /* could not be placed; kept with its data */
} MgAnchorState;

/* "exact", "moved", "fuzzy", "orphaned" */
const char *mg_anchor_state_to_string (MgAnchorState state);

#define MG_TYPE_ANNOTATION (mg_annotation_get_type ())
G_DECLARE_FINAL_TYPE (MgAnnotation, mg_annotation, MG, ANNOTATION, GObject)

/* One annotation. Properties (all notify on real change only):
 *   id, start, end, quote, prefix, suffix, tags (GStrv), note, starred,
 *   author, contributors (GStrv), created, modified (RFC 3339 strings),
 *   anchor-state (MgAnchorState as guint), anchor-score (double, 1.0 unless
 *   fuzzy), paragraph (guint, 1-based, 0 for orphans; kept up to date by the
 *   store).
 * Change an annotation that is in a store through MgAnnotationStore, so the
 * change is recorded for undo; the setters are for building annotations. */

/* The name written as an annotation's author when none is given: the user's
 * real name, else the login name. */
const char    *mg_annotation_default_author   (void);

/* @id NULL: a new random id. Quote/prefix/suffix empty, times unset. */
MgAnnotation  *mg_annotation_new              (const char   *id,
                                               guint         start,
                                               guint         end);
/* A deep copy (same id), extra members included. */
MgAnnotation  *mg_annotation_copy             (MgAnnotation *self);
/* Copies every field of @from onto @self except the id, notifying the
 * properties that changed. */
void           mg_annotation_assign           (MgAnnotation *self,
                                               MgAnnotation *from);
/* TRUE when every field (extra members included) is equal. */
gboolean       mg_annotation_equal            (MgAnnotation *a,
                                               MgAnnotation *b);

const char    *mg_annotation_get_id           (MgAnnotation *self);
guint          mg_annotation_get_start        (MgAnnotation *self);
guint          mg_annotation_get_end          (MgAnnotation *self);
void           mg_annotation_set_range        (MgAnnotation *self,
                                               guint         start,
                                               guint         end);
const char    *mg_annotation_get_quote        (MgAnnotation *self);
void           mg_annotation_set_quote        (MgAnnotation *self,
                                               const char   *quote);
const char    *mg_annotation_get_prefix       (MgAnnotation *self);
void           mg_annotation_set_prefix       (MgAnnotation *self,
                                               const char   *prefix);
const char    *mg_annotation_get_suffix       (MgAnnotation *self);
void           mg_annotation_set_suffix       (MgAnnotation *self,
                                               const char   *suffix);
/* NULL-terminated, never NULL (empty for a plain highlight). */
const char * const *mg_annotation_get_tags    (MgAnnotation *self);
void           mg_annotation_set_tags         (MgAnnotation *self,
                                               const char * const *tags);
gboolean       mg_annotation_has_tag          (MgAnnotation *self,
                                               const char   *tag_id);
/* Adds/removes one tag id; FALSE when nothing changed. */
gboolean       mg_annotation_add_tag          (MgAnnotation *self,
                                               const char   *tag_id);
gboolean       mg_annotation_remove_tag       (MgAnnotation *self,
                                               const char   *tag_id);
const char    *mg_annotation_get_note         (MgAnnotation *self);   /* never NULL */
void           mg_annotation_set_note         (MgAnnotation *self,
                                               const char   *note);
gboolean       mg_annotation_get_starred      (MgAnnotation *self);
void           mg_annotation_set_starred      (MgAnnotation *self,
                                               gboolean      starred);
const char    *mg_annotation_get_author       (MgAnnotation *self);   /* never NULL */
void           mg_annotation_set_author       (MgAnnotation *self,
                                               const char   *author);
/* Sorted, never containing the author; never NULL. */
const char * const *mg_annotation_get_contributors (MgAnnotation *self);
void           mg_annotation_set_contributors (MgAnnotation *self,
                                               const char * const *names);
const char    *mg_annotation_get_created      (MgAnnotation *self);   /* nullable */
void           mg_annotation_set_created      (MgAnnotation *self,
                                               const char   *rfc3339);
const char    *mg_annotation_get_modified     (MgAnnotation *self);   /* nullable */
void           mg_annotation_set_modified     (MgAnnotation *self,
                                               const char   *rfc3339);
MgAnchorState  mg_annotation_get_anchor_state (MgAnnotation *self);
void           mg_annotation_set_anchor_state (MgAnnotation *self,
                                               MgAnchorState state);
double         mg_annotation_get_anchor_score (MgAnnotation *self);
void           mg_annotation_set_anchor_score (MgAnnotation *self,
                                               double        score);
gboolean       mg_annotation_is_orphaned      (MgAnnotation *self);
guint          mg_annotation_get_paragraph    (MgAnnotation *self);
void           mg_annotation_set_paragraph    (MgAnnotation *self,
                                               guint         paragraph);
/* The sentence within the paragraph, for paragraphs longer than
 * MG_DOCUMENT_LONG_PARAGRAPH ("¶1 s.34"); 0 otherwise. */
guint          mg_annotation_get_sentence     (MgAnnotation *self);
void           mg_annotation_set_sentence     (MgAnnotation *self,
                                               guint         sentence);

/* Sidecar order: start, end, then id. */
int            mg_annotation_compare          (MgAnnotation *a,
                                               MgAnnotation *b);

G_END_DECLS
