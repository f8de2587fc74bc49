/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "mg-annotation-store.h"
#include "mg-dismissal.h"
#include "mg-undo-stack.h"

G_BEGIN_DECLS

typedef struct
{
  guint start;
  guint end;     /* 0 for an orphan: it covers nothing */
} MgStoreSpan;

struct _MgAnnotationStore
{
  GObject      parent_instance;

  MgDocument  *document;
  MgTagSet    *tag_set;

  GPtrArray   *items;        /* of MgAnnotation (a reference each), sorted */
  GHashTable  *by_id;        /* id → MgAnnotation, borrowed */
  /* MgStoreSpan of each item, same order: queries read these compact
   * copies rather than thousands of scattered objects. */
  GArray      *spans;

  /* Maximum end over each node's slice of @items (a segment tree over the
   * sorted order, orphans counted as 0): get_at() visits only subtrees
   * that can hold a covering annotation. Rebuilt when stale. */
  guint       *max_end;
  guint        max_end_leaves;
  GHashTable  *tag_counts;   /* tag id → guint *, kept up to date */
  GHashTable  *author_counts;      /* author → guint *, kept up to date */
  GHashTable  *contributor_counts; /* contributor → guint *, kept up to date */
  GListStore  *dismissed;    /* of MgDismissal, in mg_dismissal_compare() order */

  MgUndoStack *undo;

  guint        bulk_depth;   /* nested groups, undo and redo being applied */
  guint64      n_changes;    /* "changed" emitted so far (for saving) */
  guint64      clean_serial; /* see _mg_annotation_store_get_clean_serial() */
  guint        index_valid : 1;
};

/* One recorded operation, replayed by apply_op(). */
typedef enum
{
  MG_STORE_OP_ADD,
  MG_STORE_OP_ADD_MANY,
  MG_STORE_OP_REMOVE,
  MG_STORE_OP_CHANGE,
  MG_STORE_OP_TAG_ADD,
  MG_STORE_OP_TAG_REMOVE,
  MG_STORE_OP_TAG_CHANGE,
  MG_STORE_OP_TAG_MOVE,
  MG_STORE_OP_DISMISS,
  MG_STORE_OP_UNDISMISS,
} MgStoreOpKind;

typedef struct
{
  MgStoreOpKind   kind;
  int      position;   /* of a tag in the tag set */
  int      position_after;  /* where TAG_MOVE puts it */
  gpointer object;     /* MgAnnotation, MgTag or MgDismissal in the store */
  gpointer before;     /* copies of it, for changes */
  gpointer after;
  GPtrArray *many;     /* ADD_MANY: the annotations, sorted */
} MgStoreOp;

/* What observers saw before a change, to notify what differs after it. */
typedef struct
{
  gboolean    dirty;
  gboolean    can_undo;
  gboolean    can_redo;
  char       *undo_label;
  char       *redo_label;
} MgStoreState;

/* Shared by mg-annotation-store.c (model, queries, replaying operations)
 * and mg-annotation-store-edit.c (recorded changes). */

int        _mg_annotation_store_find             (MgAnnotationStore  *self,
                                                  MgAnnotation       *annotation);
void       _mg_annotation_store_invalidate       (MgAnnotationStore  *self);
/* Sets the paragraph of @annotation (in the store or not) from the
 * document: 0 for orphans or without a document. */
void       _mg_annotation_store_update_paragraph (MgAnnotationStore  *self,
                                                  MgAnnotation       *annotation);
void       _mg_annotation_store_insert           (MgAnnotationStore  *self,
                                                  MgAnnotation       *annotation);
void       _mg_annotation_store_take             (MgAnnotationStore  *self,
                                                  MgAnnotation       *annotation);
/* The same for many at once, with one items-changed over the positions
 * from the first to the last touched: @annotations (sorted, none of them
 * in the store) are merged in, or (all in the store, any order) taken
 * out. */
void       _mg_annotation_store_insert_many      (MgAnnotationStore  *self,
                                                  GPtrArray          *annotations);
void       _mg_annotation_store_take_many        (MgAnnotationStore  *self,
                                                  GPtrArray          *annotations);
void       _mg_annotation_store_assign           (MgAnnotationStore  *self,
                                                  MgAnnotation       *annotation,
                                                  MgAnnotation       *values);
/* Inserts @dismissal in order, or takes it out. */
void       _mg_annotation_store_insert_dismissal (MgAnnotationStore  *self,
                                                  MgDismissal        *dismissal);
void       _mg_annotation_store_take_dismissal   (MgAnnotationStore  *self,
                                                  MgDismissal        *dismissal);
/* Takes @before and @after; refs @object. */
MgStoreOp *_mg_annotation_store_op_new           (MgStoreOpKind       kind,
                                                  gpointer            object,
                                                  gpointer            before,
                                                  gpointer            after);
/* An ADD_MANY of @annotations (sorted; refs the array). */
MgStoreOp *_mg_annotation_store_op_new_many      (GPtrArray          *annotations);
void       _mg_annotation_store_save_state       (MgAnnotationStore  *self,
                                                  MgStoreState       *state);
/* Notifies the properties that differ from @before (and frees its
 * copies); emits "changed" when @changed. */
/* Enters (@bulk TRUE) or leaves a group of changes, or the undo or redo
 * of one: "in-bulk" is TRUE from the outermost enter to its leave. */
void       _mg_annotation_store_set_bulk         (MgAnnotationStore  *self,
                                                  gboolean            bulk);
/* How many changes the store has seen: a save in progress compares it to
 * know whether what it wrote is still the current state. */
guint64 _mg_annotation_store_get_n_changes (MgAnnotationStore *self);
/* Changes each time the store's clean state is set anew (marked clean,
 * loaded) or its content changes outside the undo history (moved to
 * another document, dismissals loaded): while it stays the same, the
 * store is clean only in the very state it had when it was last marked
 * clean, so what that state was written as still holds. */
guint64 _mg_annotation_store_get_clean_serial (MgAnnotationStore *self);
void       _mg_annotation_store_finish_change    (MgAnnotationStore  *self,
                                                  MgStoreState       *before,
                                                  gboolean            changed);

G_END_DECLS
