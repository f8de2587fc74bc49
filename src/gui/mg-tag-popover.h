/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "mg-tag-set.h"

G_BEGIN_DECLS

#define MG_TYPE_TAG_POPOVER (mg_tag_popover_get_type ())
G_DECLARE_FINAL_TYPE (MgTagPopover, mg_tag_popover, MG, TAG_POPOVER, GtkPopover)

/* Offered at a fresh selection: one button per tag (keys 1–9), a note and
 * a star. Emits "apply" (int tag position, -1 for a plain highlight;
 * const char *note; gboolean starred) and pops down. */

GtkWidget *mg_tag_popover_new         (void);
void       mg_tag_popover_set_tag_set (MgTagPopover *self,
                                       MgTagSet     *tags);
/* Clears the note and the star. */
void       mg_tag_popover_reset       (MgTagPopover *self);

G_END_DECLS
