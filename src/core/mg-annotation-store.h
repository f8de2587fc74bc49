/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "mg-annotation.h"
#include "mg-dismissal.h"
#include "mg-document.h"
#include "mg-tag-set.h"

G_BEGIN_DECLS

#define MG_ANNOTATION_STORE_ERROR (mg_annotation_store_error_quark ())
GQuark mg_annotation_store_error_quark (void);

typedef enum
{
  MG_ANNOTATION_STORE_ERROR_RANGE,        /* empty, reversed or beyond the text */
  MG_ANNOTATION_STORE_ERROR_UNKNOWN_TAG,
  MG_ANNOTATION_STORE_ERROR_DUPLICATE_ID,
  MG_ANNOTATION_STORE_ERROR_UNKNOWN_ID,
} MgAnnotationStoreError;

/* Code points of context kept before and after a quote. */
#define MG_CONTEXT_LENGTH 32

#define MG_TYPE_ANNOTATION_STORE (mg_annotation_store_get_type ())
G_DECLARE_FINAL_TYPE (MgAnnotationStore, mg_annotation_store, MG, ANNOTATION_STORE, GObject)

/* The annotations of one document: a GListModel of MgAnnotation sorted by
 * (start, end, id), orphans included (at their last known start). Every
 * change made through the store is recorded for undo/redo, sets "dirty",
 * and emits "changed" once per change (after items-changed). A change to an
 * annotation's fields emits "annotation-changed" (MgAnnotation *).
 *
 * Properties: document, tag-set, dirty, can-undo, can-redo,
 * undo-label, redo-label (for menus and toasts), and in-bulk: TRUE from
 * mg_annotation_store_begin_group() to the matching end_group(), and while
 * an undo or redo is applied, so that a view mirroring the store can wait
 * for the end of a change of thousands of annotations rather than follow
 * it one by one. */

/* @document may be NULL (a store of a sidecar whose speech is missing);
 * @tags NULL gives the default tags. */
MgAnnotationStore *mg_annotation_store_new          (MgDocument        *document,
                                                     MgTagSet          *tags);
MgDocument        *mg_annotation_store_get_document (MgAnnotationStore *self);
/* Used after re-anchoring on a changed text; records no undo. */
void               mg_annotation_store_set_document (MgAnnotationStore *self,
                                                     MgDocument        *document);
MgTagSet          *mg_annotation_store_get_tag_set  (MgAnnotationStore *self);

guint              mg_annotation_store_get_n_annotations (MgAnnotationStore *self);
MgAnnotation      *mg_annotation_store_get_annotation    (MgAnnotationStore *self,
                                                          guint              position); /* transfer none */
MgAnnotation      *mg_annotation_store_lookup       (MgAnnotationStore *self,
                                                     const char        *id);            /* transfer none */
/* Position of @annotation in the model, or -1. */
int                mg_annotation_store_index_of     (MgAnnotationStore *self,
                                                     MgAnnotation      *annotation);
/* Placed annotations covering code point @offset, in model order
 * (transfer container). */
GPtrArray         *mg_annotation_store_get_at       (MgAnnotationStore *self,
                                                     guint              offset);
guint              mg_annotation_store_count_tag    (MgAnnotationStore *self,
                                                     const char        *tag_id);
/* The same without the orphans (annotations that could not be placed). */
guint              mg_annotation_store_count_tag_placed (MgAnnotationStore *self,
                                                     const char        *tag_id);
/* The distinct names of the annotations' authors (and, @with_contributors,
 * of their contributors), empty names left out, sorted for people
 * (g_utf8_collate()); a NULL-terminated array. The choices of "by
 * author" filters. */
GStrv              mg_annotation_store_dup_authors  (MgAnnotationStore *self,
                                                     gboolean           with_contributors);

/* Filling and loading, without undo and without setting dirty: used when a
 * sidecar is read. Takes references. Checks nothing: the sidecar validates.
 * Replaces what the store held, forgets the undo history and counts as
 * saved; one items-changed. */
void               mg_annotation_store_load         (MgAnnotationStore *self,
                                                     GPtrArray         *annotations);

/* Adds @annotation (the store takes a reference). Checks the range against
 * the document (non-empty, within the text; orphans exempt), that its tags
 * exist and its id is new. Fills quote, prefix and suffix from the document
 * when the quote is empty, author (mg_annotation_default_author()) when empty,
 * created/modified when unset. */
gboolean           mg_annotation_store_add          (MgAnnotationStore *self,
                                                     MgAnnotation      *annotation,
                                                     GError           **error);
/* Adds every annotation of @annotations (the store takes references) as
 * one undoable step named @label (NULL: "Add N annotations"), each checked
 * and filled as mg_annotation_store_add() does; all are checked before the
 * first is added, so that on error nothing is. The model emits one
 * items-changed, over the positions from the first to the last added
 * (those between them reported as removed and added again), and "changed"
 * once; undoing the step takes them out with one items-changed too. */
gboolean           mg_annotation_store_add_all      (MgAnnotationStore *self,
                                                     GPtrArray         *annotations,
                                                     const char        *label,
                                                     GError           **error);
/* Convenience: a new annotation on [start, end) with @tags (nullable).
 * Returns it (transfer none) or NULL with @error set. */
MgAnnotation      *mg_annotation_store_create       (MgAnnotationStore *self,
                                                     guint              start,
                                                     guint              end,
                                                     const char * const *tags,
                                                     const char        *note,
                                                     gboolean           starred,
                                                     const char        *author,
                                                     GError           **error);
gboolean           mg_annotation_store_remove       (MgAnnotationStore *self,
                                                     MgAnnotation      *annotation);

/* Field changes, each one undoable step that also sets "modified". */
void               mg_annotation_store_set_note     (MgAnnotationStore *self,
                                                     MgAnnotation      *annotation,
                                                     const char        *note);
void               mg_annotation_store_set_starred  (MgAnnotationStore *self,
                                                     MgAnnotation      *annotation,
                                                     gboolean           starred);
gboolean           mg_annotation_store_set_tags     (MgAnnotationStore *self,
                                                     MgAnnotation      *annotation,
                                                     const char * const *tags,
                                                     GError           **error);
gboolean           mg_annotation_store_toggle_tag   (MgAnnotationStore *self,
                                                     MgAnnotation      *annotation,
                                                     const char        *tag_id,
                                                     GError           **error);
/* Moves @annotation to [start, end), refreshing quote/prefix/suffix from
 * the document and clearing the orphaned state (re-attaching an orphan). */
gboolean           mg_annotation_store_set_range    (MgAnnotationStore *self,
                                                     MgAnnotation      *annotation,
                                                     guint              start,
                                                     guint              end,
                                                     GError           **error);
/* Replaces every field of @annotation (id excepted) with those of @values:
 * one undoable step. */
void               mg_annotation_store_update       (MgAnnotationStore *self,
                                                     MgAnnotation      *annotation,
                                                     MgAnnotation      *values);

/* Tag definitions, undoable like annotation changes. Deleting a tag removes
 * it from every annotation that carries it (one step). */
gboolean           mg_annotation_store_add_tag      (MgAnnotationStore *self,
                                                     MgTag             *tag,
                                                     GError           **error);
gboolean           mg_annotation_store_rename_tag   (MgAnnotationStore *self,
                                                     const char        *tag_id,
                                                     const char        *name,
                                                     GError           **error);
gboolean           mg_annotation_store_set_tag_color (MgAnnotationStore *self,
                                                     const char        *tag_id,
                                                     const char        *color,
                                                     GError           **error);
gboolean           mg_annotation_store_set_tag_description (MgAnnotationStore *self,
                                                     const char        *tag_id,
                                                     const char        *description,
                                                     GError           **error);
/* Moves a tag to @position in the order shown (keys 1–9) and written. */
gboolean           mg_annotation_store_move_tag     (MgAnnotationStore *self,
                                                     const char        *tag_id,
                                                     guint              position,
                                                     GError           **error);
/* Gives the tag with @values' id the name, colour, description and
 * unknown members of @values. */
gboolean           mg_annotation_store_update_tag   (MgAnnotationStore *self,
                                                     MgTag             *values,
                                                     GError           **error);
gboolean           mg_annotation_store_delete_tag   (MgAnnotationStore *self,
                                                     const char        *tag_id,
                                                     GError           **error);
/* Replaces the tag's lexicon (sorted, duplicates and empty phrases
 * dropped; NULL or empty for none). */
gboolean           mg_annotation_store_set_tag_lexicon (MgAnnotationStore *self,
                                                     const char        *tag_id,
                                                     const char * const *lexicon,
                                                     GError           **error);

/* Suggestions the reader turned down (the sidecar's "dismissed"): a
 * GListModel of MgDismissal in sidecar order (start, end, kind), owned by
 * the store (transfer none). Dismissing and undismissing are undoable
 * steps like the other changes; the model emits items-changed. */
GListModel        *mg_annotation_store_get_dismissed (MgAnnotationStore *self);
/* The dismissal of @kind on [start, end), or NULL (transfer none). */
MgDismissal       *mg_annotation_store_lookup_dismissed (MgAnnotationStore *self,
                                                     MgSuggestionKind   kind,
                                                     guint              start,
                                                     guint              end);
gboolean           mg_annotation_store_is_dismissed (MgAnnotationStore *self,
                                                     MgSuggestion      *suggestion);
/* Records @dismissal (the store takes a reference). TRUE and nothing
 * recorded when that suggestion is dismissed already; FALSE with @error
 * when its range is empty or beyond the text. */
gboolean           mg_annotation_store_dismiss      (MgAnnotationStore *self,
                                                     MgDismissal       *dismissal,
                                                     GError           **error);
/* mg_annotation_store_dismiss of @suggestion's kind, range and quote. */
gboolean           mg_annotation_store_dismiss_suggestion (MgAnnotationStore *self,
                                                     MgSuggestion      *suggestion,
                                                     GError           **error);
/* Forgets the dismissal of @kind on [start, end); FALSE when there is none. */
gboolean           mg_annotation_store_undismiss    (MgAnnotationStore *self,
                                                     MgSuggestionKind   kind,
                                                     guint              start,
                                                     guint              end);
/* Replaces the dismissed suggestions without undo and without setting
 * dirty (a sidecar being read); any order, duplicates dropped. */
void               mg_annotation_store_load_dismissed (MgAnnotationStore *self,
                                                     GPtrArray         *dismissals);

/* Groups every change until the matching end into one undo step with
 * @label (nestable; items-changed is still emitted per change). */
void               mg_annotation_store_begin_group  (MgAnnotationStore *self,
                                                     const char        *label);
void               mg_annotation_store_end_group    (MgAnnotationStore *self);

gboolean           mg_annotation_store_can_undo     (MgAnnotationStore *self);
gboolean           mg_annotation_store_can_redo     (MgAnnotationStore *self);
gboolean           mg_annotation_store_undo         (MgAnnotationStore *self);
gboolean           mg_annotation_store_redo         (MgAnnotationStore *self);
/* Translated description of the step undo/redo would revert ("Add
 * highlight", "Remove 3 annotations"…), NULL when none. */
const char        *mg_annotation_store_get_undo_label (MgAnnotationStore *self);
const char        *mg_annotation_store_get_redo_label (MgAnnotationStore *self);

gboolean           mg_annotation_store_get_dirty    (MgAnnotationStore *self);
/* After a successful save. */
void               mg_annotation_store_mark_clean   (MgAnnotationStore *self);

/* Fills quote, prefix and suffix of @annotation from @document for its
 * current range (used by the store and by importers). */
/* Sets paragraph and sentence from @document (both 0 for an orphan or
 * without a document). */
void               mg_annotation_locate             (MgAnnotation      *self,
                                                     MgDocument        *document);
void               mg_annotation_fill_context       (MgAnnotation      *annotation,
                                                     MgDocument        *document);

G_END_DECLS
