/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Children side by side at their natural width, wrapping to a new line
 * when the next one does not fit, like words: the tag chips of the pane
 * and of the selection popover. (GtkFlowBox lines children up in columns
 * as wide as the widest, so chips of different widths take many lines;
 * GTK 4.8 and libadwaita 1.2 have no wrapping box.)
 *
 * Properties: "spacing" (between children of a line), "line-spacing"
 * (between lines), "natural-line-length" (the width asked for, at most;
 * -1: all children on one line). */

#define MG_TYPE_WRAP_BOX (mg_wrap_box_get_type ())
G_DECLARE_FINAL_TYPE (MgWrapBox, mg_wrap_box, MG, WRAP_BOX, GtkWidget)

GtkWidget *mg_wrap_box_new             (void);
void       mg_wrap_box_append          (MgWrapBox *self,
                                        GtkWidget *child);
void       mg_wrap_box_remove          (MgWrapBox *self,
                                        GtkWidget *child);
void       mg_wrap_box_remove_all      (MgWrapBox *self);
/* The number of lines of the last allocation. */
guint      mg_wrap_box_get_n_lines     (MgWrapBox *self);

G_END_DECLS
