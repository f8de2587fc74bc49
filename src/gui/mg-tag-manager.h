/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "mg-annotation-store.h"

G_BEGIN_DECLS

#define MG_TYPE_TAG_MANAGER (mg_tag_manager_get_type ())
G_DECLARE_FINAL_TYPE (MgTagManager, mg_tag_manager, MG, TAG_MANAGER, AdwPreferencesWindow)

/* The tags of @store, to add, rename, recolour, describe, reorder and
 * delete, each an undoable step of @store. Actions (target: the tag id):
 * tags.move-up, tags.move-down, tags.delete (asks first, with the number
 * of annotations it is on), tags.undo. */
GtkWidget         *mg_tag_manager_new       (MgAnnotationStore *store);
MgAnnotationStore *mg_tag_manager_get_store (MgTagManager      *self);

G_END_DECLS
