/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "mg-annotation.h"
#include "mg-tag-set.h"

G_BEGIN_DECLS

#define MG_TYPE_ANNOTATION_EDITOR (mg_annotation_editor_get_type ())
G_DECLARE_FINAL_TYPE (MgAnnotationEditor, mg_annotation_editor, MG, ANNOTATION_EDITOR, GtkPopover)

/* The popover that edits one annotation of the annotation pane: a check
 * button per tag, applied at once through "pane.toggle-tag", and the note,
 * written through "pane.set-note" when the popover closes (or Ctrl+Enter).
 * A delete button uses "pane.delete". The actions are looked up from the
 * widget the popover is attached to. */

GtkWidget    *mg_annotation_editor_new            (void);
MgAnnotation *mg_annotation_editor_get_annotation (MgAnnotationEditor *self);
/* Writes a pending note of the previous annotation and closes first. */
void          mg_annotation_editor_set_annotation (MgAnnotationEditor *self,
                                                   MgAnnotation       *annotation,
                                                   MgTagSet           *tag_set);
/* While the popover is open, writes the note being edited back when it
 * differs from the annotation's. */
void          mg_annotation_editor_commit_note    (MgAnnotationEditor *self);

G_END_DECLS
