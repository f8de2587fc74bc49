/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define MG_TAG_ID_POLICY_GOAL "policy-goal"
#define MG_TAG_ID_FIGURE      "figure"
#define MG_TAG_ID_SLOGAN      "slogan"

#define MG_TYPE_TAG (mg_tag_get_type ())
G_DECLARE_FINAL_TYPE (MgTag, mg_tag, MG, TAG, GObject)

/* Properties: "id" (construct-only), "name", "color" ("#rrggbb"),
 * "description", "lexicon" (GStrv: phrases known to belong to the tag,
 * such as a group's slogans; sorted, without duplicates or empty
 * phrases, NULL when there are none). Change them through MgAnnotationStore so that the change
 * can be undone; the setters are for building tags. */

MgTag      *mg_tag_new             (const char *id,
                                    const char *name,
                                    const char *color,
                                    const char *description);
MgTag      *mg_tag_copy            (MgTag      *self);
/* Gives @self the name, colour, description and lexicon of @from (not its
 * id nor its unknown members), notifying what changed. */
void        mg_tag_assign          (MgTag      *self,
                                    MgTag      *from);

const char *mg_tag_get_id          (MgTag      *self);
const char *mg_tag_get_name        (MgTag      *self);
void        mg_tag_set_name        (MgTag      *self,
                                    const char *name);
/* The name shown, exported and printed: a built-in tag whose name is still
 * a built-in name in any shipped language reads in the reader's language;
 * any other name as written. Property "display-name". */
const char *mg_tag_get_display_name (MgTag     *self);
/* The untranslated built-in name of @id, NULL when @id is not built in. */
const char *mg_tag_builtin_name    (const char *id);
/* TRUE when @name is the built-in name of @id in a shipped language. */
gboolean    mg_tag_is_builtin_name (const char *id,
                                    const char *name);
const char *mg_tag_get_color       (MgTag      *self);
void        mg_tag_set_color       (MgTag      *self,
                                    const char *color);
const char *mg_tag_get_description (MgTag      *self);
void        mg_tag_set_description (MgTag      *self,
                                    const char *description);
/* Never NULL (empty when the tag has no lexicon). */
const char * const *mg_tag_get_lexicon (MgTag      *self);
/* Sorts @phrases and drops duplicates and empty phrases (nullable). */
void        mg_tag_set_lexicon     (MgTag      *self,
                                    const char * const *phrases);
gboolean    mg_tag_has_lexicon     (MgTag      *self);
/* @phrases sorted (by bytes), without duplicates and empty phrases; NULL
 * when nothing is left. */
GStrv       mg_tag_lexicon_normalize (const char * const *phrases);
/* TRUE for the three built-in tags. */
gboolean    mg_tag_is_default      (MgTag      *self);

/* [a-z0-9][a-z0-9-]{0,63} */
gboolean    mg_tag_id_is_valid     (const char *id);
/* A valid tag id made from @name: lowercase ASCII letters and digits,
 * other runs as "-"; "tag-" and a short hash when @name has letters that
 * have no ASCII form (Chinese names). */
char       *mg_tag_id_from_name    (const char *name);
/* #rrggbb */
gboolean    mg_tag_color_is_valid  (const char *color);

G_END_DECLS
