/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "mg-tag.h"

G_BEGIN_DECLS

#define MG_TYPE_TAG_CHIP (mg_tag_chip_get_type ())
G_DECLARE_FINAL_TYPE (MgTagChip, mg_tag_chip, MG, TAG_CHIP, GtkWidget)

/* A small pill in a tag's colour with its name and, optionally, a count.
 * Follows changes of the tag's name and colour. */

GtkWidget *mg_tag_chip_new       (MgTag     *tag);
MgTag     *mg_tag_chip_get_tag   (MgTagChip *self);
void       mg_tag_chip_set_tag   (MgTagChip *self,
                                  MgTag     *tag);
/* -1 (the default) shows no count. */
int        mg_tag_chip_get_count (MgTagChip *self);
void       mg_tag_chip_set_count (MgTagChip *self,
                                  int        count);

G_END_DECLS
