/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "mg-annotation-store.h"

G_BEGIN_DECLS

#define MG_TYPE_ANNOTATION_PANE (mg_annotation_pane_get_type ())
G_DECLARE_FINAL_TYPE (MgAnnotationPane, mg_annotation_pane, MG, ANNOTATION_PANE, GtkWidget)

/* The annotation pane: the store's annotations as a list that can be
 * filtered (tags, starred, author, text) and sorted (position, tag), with
 * the annotations that could not be placed in a section of their own.
 *
 * Signals:
 *   "annotation-activated" (MgAnnotation *): the user selected or activated
 *     a row; the window shows the passage.
 *   "reattach-requested" (MgAnnotation *): the user wants an orphan placed
 *     on the current text selection.
 *
 * Actions (in the "pane" group, usable from menus, shortcuts and tests):
 *   set-note (ss: id, note), toggle-starred (s: id), toggle-tag (ss: id,
 *   tag id), delete (s: id), reattach (s: id), clear-filters,
 *   focus-search, starred-only (boolean state), sort-by (s state:
 *   "position" or "tag").
 * Edits go through the store, so they are undoable. */

#define MG_ANNOTATION_PANE_SORT_POSITION "position"
#define MG_ANNOTATION_PANE_SORT_TAG      "tag"

GtkWidget         *mg_annotation_pane_new             (void);

MgAnnotationStore *mg_annotation_pane_get_store       (MgAnnotationPane  *self);
/* @store NULL clears the pane. */
void               mg_annotation_pane_set_store       (MgAnnotationPane  *self,
                                                       MgAnnotationStore *store);

/* Selects @annotation (NULL unselects) and scrolls it into view, clearing
 * the filters when they hide it; an orphan is shown in its section. Emits
 * no "annotation-activated". */
void               mg_annotation_pane_select          (MgAnnotationPane  *self,
                                                       MgAnnotation      *annotation);
MgAnnotation      *mg_annotation_pane_get_selected    (MgAnnotationPane  *self);

gboolean           mg_annotation_pane_get_read_only   (MgAnnotationPane  *self);
void               mg_annotation_pane_set_read_only   (MgAnnotationPane  *self,
                                                       gboolean           read_only);
void               mg_annotation_pane_focus_search    (MgAnnotationPane  *self);

/* Filters. Tag filters combine with "or"; the kinds of filter with "and". */
void               mg_annotation_pane_set_tag_filter  (MgAnnotationPane  *self,
                                                       const char        *tag_id,
                                                       gboolean           active);
gboolean           mg_annotation_pane_get_tag_filter  (MgAnnotationPane  *self,
                                                       const char        *tag_id);
const char        *mg_annotation_pane_get_search_text (MgAnnotationPane  *self);
void               mg_annotation_pane_set_search_text (MgAnnotationPane  *self,
                                                       const char        *text);
gboolean           mg_annotation_pane_get_starred_only (MgAnnotationPane *self);
void               mg_annotation_pane_set_starred_only (MgAnnotationPane *self,
                                                       gboolean           starred_only);
/* NULL: every member. Matches the author and the contributors. */
const char        *mg_annotation_pane_get_author      (MgAnnotationPane  *self);
void               mg_annotation_pane_set_author      (MgAnnotationPane  *self,
                                                       const char        *author);
const char        *mg_annotation_pane_get_sort_by     (MgAnnotationPane  *self);
void               mg_annotation_pane_set_sort_by     (MgAnnotationPane  *self,
                                                       const char        *sort_by);
void               mg_annotation_pane_clear_filters   (MgAnnotationPane  *self);

/* The placed annotations as listed (filtered and sorted), and the orphans. */
GListModel        *mg_annotation_pane_get_model       (MgAnnotationPane  *self);
GListModel        *mg_annotation_pane_get_orphans     (MgAnnotationPane  *self);
/* The count shown on a tag's filter chip; -1 when the tag has none. */
int                mg_annotation_pane_get_tag_count   (MgAnnotationPane  *self,
                                                       const char        *tag_id);
/* The members offered by the author filter, sorted (transfer full). */
GStrv              mg_annotation_pane_dup_authors     (MgAnnotationPane  *self);

G_END_DECLS
