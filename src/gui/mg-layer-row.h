/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "mg-layer.h"

G_BEGIN_DECLS

#define MG_TYPE_LAYER_ROW (mg_layer_row_get_type ())
G_DECLARE_FINAL_TYPE (MgLayerRow, mg_layer_row, MG, LAYER_ROW, AdwActionRow)

/* One member's layer in the members popover: its marker in @color
 * ("#rrggbb"), the member and the file, a switch bound to the layer's
 * visibility, and a button that emits "remove". */
GtkWidget *mg_layer_row_new       (MgLayer    *layer,
                                   const char *color);
MgLayer   *mg_layer_row_get_layer (MgLayerRow *self);

G_END_DECLS
