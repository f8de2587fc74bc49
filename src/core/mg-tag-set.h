/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "mg-tag.h"

G_BEGIN_DECLS

#define MG_TYPE_TAG_SET (mg_tag_set_get_type ())
G_DECLARE_FINAL_TYPE (MgTagSet, mg_tag_set, MG, TAG_SET, GObject)

#define MG_TAG_SET_ERROR (mg_tag_set_error_quark ())
GQuark mg_tag_set_error_quark (void);

typedef enum
{
  MG_TAG_SET_ERROR_INVALID_ID,
  MG_TAG_SET_ERROR_INVALID_COLOR,
  MG_TAG_SET_ERROR_DUPLICATE,
  MG_TAG_SET_ERROR_UNKNOWN,
} MgTagSetError;

/* An ordered GListModel of MgTag. The order is the one shown to the user
 * (keys 1–9) and written to the sidecar. Emits "tag-changed" (MgTag *) when a
 * property of a member tag changes. */

MgTagSet *mg_tag_set_new          (void);
/* policy-goal, figure, slogan with translated names and default colours. */
MgTagSet *mg_tag_set_new_default  (void);

guint     mg_tag_set_get_n_tags   (MgTagSet   *self);
MgTag    *mg_tag_set_get_tag      (MgTagSet   *self,
                                   guint       position);   /* transfer none */
MgTag    *mg_tag_set_lookup       (MgTagSet   *self,
                                   const char *id);         /* transfer none, nullable */
int       mg_tag_set_index_of     (MgTagSet   *self,
                                   const char *id);         /* -1 when absent */
/* Appends (or inserts at @position, -1 = end). Fails on an invalid or
 * duplicate id or an invalid colour. */
gboolean  mg_tag_set_insert       (MgTagSet   *self,
                                   int         position,
                                   MgTag      *tag,
                                   GError    **error);
gboolean  mg_tag_set_remove       (MgTagSet   *self,
                                   const char *id);
/* Moves the tag @id to @position (clamped to the last): FALSE when absent. */
gboolean  mg_tag_set_move         (MgTagSet   *self,
                                   const char *id,
                                   guint       position);
/* An id for a new tag called @name that no tag in @self has. */
char     *mg_tag_set_make_id      (MgTagSet   *self,
                                   const char *name);
/* The palette new tags take their colours from (GNOME's, each readable as
 * a highlight on light and dark backgrounds). */
const char * const *mg_tag_set_get_palette (guint *n_colors);
/* A colour from the palette that no tag uses yet (for new user tags). */
const char *mg_tag_set_suggest_color (MgTagSet *self);

G_END_DECLS
