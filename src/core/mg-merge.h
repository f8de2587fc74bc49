/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "mg-annotation-store.h"
#include "mg-layer.h"
#include "mg-tag-set.h"

G_BEGIN_DECLS

/* Combines annotations from other members' sidecars into one store.
 *
 * A duplicate is an annotation with the same range and the same tags as one
 * already in the store, or one whose range overlaps it with the same quote
 * and the same tags. A duplicate is folded into the existing annotation: its
 * author goes to `contributors` (never the author), a note that differs is
 * joined on its own line prefixed with its author's name, a star is kept.
 * An annotation already present with the same id and the same content is
 * skipped. Everything else is added, with the tags it needs. Tag
 * lexicons are united (a tag carrying a lexicon comes along even when no
 * annotation uses it), and so are the dismissed suggestions
 * (mg_merge_dismissed). */

typedef struct
{
  guint added;
  guint merged;
  guint skipped;
} MgMergeReport;

/* Merges @incoming (MgAnnotation *) whose tags are defined in
 * @incoming_tags (nullable: the ids must then exist in the store) into
 * @store as one undoable step labelled @label (nullable). Incoming
 * annotations are copied, never taken over. Tags missing from the store are
 * added (copied). FALSE with @error only when a tag cannot be added; the
 * store is then unchanged. */
gboolean  mg_merge_annotations (MgAnnotationStore *store,
                                GPtrArray         *incoming,
                                MgTagSet          *incoming_tags,
                                const char        *label,
                                MgMergeReport     *report,
                                GError           **error);

/* Which members' annotations a merge of layers takes. */
typedef gboolean (*MgMergeFilterFunc) (MgAnnotation *annotation,
                                       gpointer      user_data);

/* Merges into @store the annotations of the visible @layers (MgLayer *, in
 * order) that @filter (nullable: all) accepts, as one undoable step
 * labelled @label (nullable: "Merge members’ annotations"). @out_per_layer
 * (nullable) gets one report per layer, @out_total (nullable) their sum.
 * On failure (a tag that cannot be added) the store is as it was. What
 * `marginalia-cli merge` and the window's Merge do. */
gboolean  mg_merge_layers      (MgAnnotationStore *store,
                                GPtrArray         *layers,
                                MgMergeFilterFunc  filter,
                                gpointer           filter_data,
                                const char        *label,
                                MgMergeReport     *out_per_layer,
                                MgMergeReport     *out_total,
                                GError           **error);

/* Adds the dismissals of @incoming (a GListModel of MgDismissal) that
 * @store does not have (same kind and range), as one undoable step;
 * those whose range does not fit the store's text are left out. Returns
 * how many were added. */
guint     mg_merge_dismissed    (MgAnnotationStore *store,
                                 GListModel        *incoming);

/* TRUE when @a and @b would be folded into one by a merge. */
gboolean  mg_merge_is_duplicate (MgAnnotation     *a,
                                 MgAnnotation     *b);

/* The author of most of @annotations (ties: the name first in sort order);
 * NULL when empty. The name a member's file goes by. */
char     *mg_merge_main_author  (GPtrArray        *annotations);

/* The note after folding @incoming_note by @incoming_author into @note by
 * @author, each member's text on its own line prefixed with the name
 * ("Li Wei: …"); @already_joined when @note is such a list already. NULL
 * when nothing changes (@incoming_note empty, equal, or already there). */
char *mg_merge_join_notes (const char *note,
                           const char *author,
                           gboolean    already_joined,
                           const char *incoming_note,
                           const char *incoming_author);

G_END_DECLS
