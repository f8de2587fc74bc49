/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "mg-study.h"

G_BEGIN_DECLS

#define MG_TYPE_MEMBERS_POPOVER (mg_members_popover_get_type ())
G_DECLARE_FINAL_TYPE (MgMembersPopover, mg_members_popover, MG, MEMBERS_POPOVER, GtkPopover)

/* The members' layers of @study, one MgLayerRow each, and the study's
 * actions: add, heat, merge, agreement. It closes before a dialog of
 * the study opens, so that the dialog takes the first click. */
GtkWidget *mg_members_popover_new      (MgStudy          *study);
/* The list of layers (a GtkListBox of MgLayerRow). */
GtkWidget *mg_members_popover_get_list (MgMembersPopover *self);
/* The box under the Heat button that holds the heat view's legend. */
GtkWidget *mg_members_popover_get_legend_box (MgMembersPopover *self);

G_END_DECLS
