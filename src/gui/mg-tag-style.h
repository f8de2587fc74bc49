/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "mg-tag-set.h"

G_BEGIN_DECLS

/* Colours of tags as drawn on screen: highlights are the tag's colour with
 * an alpha that reads well on the light and on the dark background. */

/* Alpha of a highlight background. */
double  mg_tag_style_highlight_alpha (gboolean     dark);
/* Parses "#rrggbb" into @rgba with @alpha; FALSE (and a neutral grey) when
 * @color is not a colour. */
gboolean mg_tag_style_parse          (const char  *color,
                                      double       alpha,
                                      GdkRGBA     *rgba);
/* The CSS class carrying a tag's colour: "mg-tag-ID" (newly allocated). */
char    *mg_tag_style_css_class      (const char  *tag_id);
/* Keeps a display-wide style sheet with one "mg-tag-ID" class per tag of
 * @tags (background in the tag's colour), following its changes. */
void     mg_tag_style_track          (MgTagSet    *tags);

G_END_DECLS
