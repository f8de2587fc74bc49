/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Marginalia"
#include "config.h"

#include "mg-undo-stack.h"

typedef struct
{
  char      *label;
  GPtrArray *ops;
} Step;

struct _MgUndoStack
{
  GPtrArray       *steps;       /* of Step; [0, position) are applied */
  guint            position;
  /* The position of the saved state, or -1 once no step sequence can
   * lead back to it. */
  gint64           clean;

  guint            group_depth;
  char            *group_label;
  Step            *group_step;  /* in @steps once it holds an operation */

  MgUndoApplyFunc  apply;
  GDestroyNotify   free_op;
  gpointer         user_data;
};

static void
step_free (gpointer data)
{
  Step *step = data;

  g_ptr_array_unref (step->ops);
  g_free (step->label);
  g_free (step);
}

MgUndoStack *
mg_undo_stack_new (MgUndoApplyFunc apply,
                   GDestroyNotify  free_op,
                   gpointer        user_data)
{
  MgUndoStack *self = g_new0 (MgUndoStack, 1);

  self->steps = g_ptr_array_new_with_free_func (step_free);
  self->apply = apply;
  self->free_op = free_op;
  self->user_data = user_data;
  return self;
}

void
mg_undo_stack_free (MgUndoStack *self)
{
  if (self == NULL)
    return;
  g_ptr_array_unref (self->steps);
  g_free (self->group_label);
  g_free (self);
}

static void
drop_redo (MgUndoStack *self)
{
  if (self->position < self->steps->len)
    {
      if (self->clean > (gint64) self->position)
        self->clean = -1;
      g_ptr_array_set_size (self->steps, self->position);
    }
}

void
mg_undo_stack_push (MgUndoStack *self,
                    const char  *label,
                    gpointer     op)
{
  Step *step;

  g_return_if_fail (self != NULL);

  if (self->group_depth > 0 && self->group_step != NULL)
    {
      /* The open group is the last applied step. */
      if (self->clean == (gint64) self->position)
        self->clean = -1;
      g_ptr_array_add (self->group_step->ops, op);
      return;
    }

  drop_redo (self);
  step = g_new0 (Step, 1);
  step->ops = g_ptr_array_new_with_free_func (self->free_op);
  g_ptr_array_add (step->ops, op);
  if (self->group_depth > 0)
    {
      step->label = g_strdup (self->group_label != NULL ? self->group_label : label);
      self->group_step = step;
    }
  else
    step->label = g_strdup (label);
  g_ptr_array_add (self->steps, step);
  self->position = self->steps->len;
}

void
mg_undo_stack_begin_group (MgUndoStack *self,
                           const char  *label)
{
  g_return_if_fail (self != NULL);

  if (self->group_depth++ == 0)
    {
      g_free (self->group_label);
      self->group_label = g_strdup (label);
      self->group_step = NULL;
    }
}

void
mg_undo_stack_end_group (MgUndoStack *self)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (self->group_depth > 0);

  if (--self->group_depth == 0)
    {
      g_clear_pointer (&self->group_label, g_free);
      self->group_step = NULL;
    }
}

gboolean
mg_undo_stack_in_group (MgUndoStack *self)
{
  g_return_val_if_fail (self != NULL, FALSE);
  return self->group_depth > 0;
}

gboolean
mg_undo_stack_can_undo (MgUndoStack *self)
{
  g_return_val_if_fail (self != NULL, FALSE);
  return self->group_depth == 0 && self->position > 0;
}

gboolean
mg_undo_stack_can_redo (MgUndoStack *self)
{
  g_return_val_if_fail (self != NULL, FALSE);
  return self->group_depth == 0 && self->position < self->steps->len;
}

const char *
mg_undo_stack_undo_label (MgUndoStack *self)
{
  Step *step;

  if (!mg_undo_stack_can_undo (self))
    return NULL;
  step = g_ptr_array_index (self->steps, self->position - 1);
  return step->label;
}

const char *
mg_undo_stack_redo_label (MgUndoStack *self)
{
  Step *step;

  if (!mg_undo_stack_can_redo (self))
    return NULL;
  step = g_ptr_array_index (self->steps, self->position);
  return step->label;
}

gboolean
mg_undo_stack_undo (MgUndoStack *self)
{
  Step *step;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (self->group_depth == 0, FALSE);

  if (self->position == 0)
    return FALSE;
  step = g_ptr_array_index (self->steps, --self->position);
  for (guint i = step->ops->len; i > 0; i--)
    self->apply (g_ptr_array_index (step->ops, i - 1), TRUE, self->user_data);
  return TRUE;
}

gboolean
mg_undo_stack_redo (MgUndoStack *self)
{
  Step *step;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (self->group_depth == 0, FALSE);

  if (self->position >= self->steps->len)
    return FALSE;
  step = g_ptr_array_index (self->steps, self->position++);
  for (guint i = 0; i < step->ops->len; i++)
    self->apply (g_ptr_array_index (step->ops, i), FALSE, self->user_data);
  return TRUE;
}

void
mg_undo_stack_clear (MgUndoStack *self)
{
  g_return_if_fail (self != NULL);

  g_ptr_array_set_size (self->steps, 0);
  self->position = 0;
  self->clean = 0;
  self->group_step = NULL;
}

void
mg_undo_stack_mark_clean (MgUndoStack *self)
{
  g_return_if_fail (self != NULL);
  self->clean = self->position;
}

gboolean
mg_undo_stack_is_dirty (MgUndoStack *self)
{
  g_return_val_if_fail (self != NULL, FALSE);
  return self->clean != (gint64) self->position;
}
