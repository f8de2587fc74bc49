/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "mg-annotation.h"
#include "mg-tag-set.h"

G_BEGIN_DECLS

#define MG_TYPE_ANNOTATION_ROW (mg_annotation_row_get_type ())
G_DECLARE_FINAL_TYPE (MgAnnotationRow, mg_annotation_row, MG, ANNOTATION_ROW, GtkWidget)

/* One annotation in the annotation pane: paragraph number, quote, tag
 * chips, author, note, star, and for orphans the re-attach and delete
 * buttons, and a button that opens an MgAnnotationEditor. Follows the
 * annotation's property changes. Edits are requested through the enclosing
 * pane's actions ("pane.toggle-starred", "pane.toggle-tag", "pane.set-note",
 * "pane.delete", "pane.reattach"). */

GtkWidget    *mg_annotation_row_new            (void);
MgAnnotation *mg_annotation_row_get_annotation (MgAnnotationRow *self);
void          mg_annotation_row_set_annotation (MgAnnotationRow *self,
                                                MgAnnotation    *annotation);
MgTagSet     *mg_annotation_row_get_tag_set    (MgAnnotationRow *self);
void          mg_annotation_row_set_tag_set    (MgAnnotationRow *self,
                                                MgTagSet        *tag_set);
gboolean      mg_annotation_row_get_read_only  (MgAnnotationRow *self);
void          mg_annotation_row_set_read_only  (MgAnnotationRow *self,
                                                gboolean         read_only);
/* A heading above the row, the name of the group it starts (the pane
 * sorted by tag); NULL for none. */
void          mg_annotation_row_set_heading    (MgAnnotationRow *self,
                                                const char      *heading);
const char   *mg_annotation_row_get_heading    (MgAnnotationRow *self);

G_END_DECLS
