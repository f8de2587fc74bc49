/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The undo history of MgAnnotationStore: a list of steps, each a label and
 * the operations it made, with the position of the last saved state.
 * Operations are opaque; @apply redoes (undo FALSE) or reverts (undo TRUE)
 * one of them. Internal to libmarginalia-core. */

typedef void (*MgUndoApplyFunc) (gpointer op,
                                 gboolean undo,
                                 gpointer user_data);

typedef struct _MgUndoStack MgUndoStack;

MgUndoStack *mg_undo_stack_new         (MgUndoApplyFunc  apply,
                                        GDestroyNotify   free_op,
                                        gpointer         user_data);
void         mg_undo_stack_free        (MgUndoStack     *self);

/* Records an operation that has just been made: a step of its own, or part
 * of the open group. Drops the steps that could have been redone. */
void         mg_undo_stack_push        (MgUndoStack     *self,
                                        const char      *label,
                                        gpointer         op);
/* Nestable; the outermost label names the step (NULL: the first
 * operation's label). A group without operations leaves no step. */
void         mg_undo_stack_begin_group (MgUndoStack     *self,
                                        const char      *label);
void         mg_undo_stack_end_group   (MgUndoStack     *self);
gboolean     mg_undo_stack_in_group    (MgUndoStack     *self);

gboolean     mg_undo_stack_can_undo    (MgUndoStack     *self);
gboolean     mg_undo_stack_can_redo    (MgUndoStack     *self);
const char  *mg_undo_stack_undo_label  (MgUndoStack     *self);
const char  *mg_undo_stack_redo_label  (MgUndoStack     *self);
gboolean     mg_undo_stack_undo        (MgUndoStack     *self);
gboolean     mg_undo_stack_redo        (MgUndoStack     *self);

/* Forgets every step; the current state becomes the saved one. */
void         mg_undo_stack_clear       (MgUndoStack     *self);
void         mg_undo_stack_mark_clean  (MgUndoStack     *self);
/* FALSE exactly when the current state is the last saved one. */
gboolean     mg_undo_stack_is_dirty    (MgUndoStack     *self);

G_END_DECLS
