/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "mg-suggestion.h"

G_BEGIN_DECLS

#define MG_TYPE_DISMISSAL (mg_dismissal_get_type ())
G_DECLARE_FINAL_TYPE (MgDismissal, mg_dismissal, MG, DISMISSAL, GObject)

/* A suggestion the reader turned down (the sidecar's "dismissed"): its
 * kind, range [start, end) and the text it covered. Immutable; kind, start
 * and end together say which suggestion it is. Properties: kind, start,
 * end, quote. */
MgDismissal      *mg_dismissal_new        (MgSuggestionKind  kind,
                                           guint             start,
                                           guint             end,
                                           const char       *quote);
/* The same kind on another range and quote (unknown members kept). */
MgDismissal      *mg_dismissal_new_moved  (MgDismissal      *self,
                                           guint             start,
                                           guint             end,
                                           const char       *quote);
MgSuggestionKind  mg_dismissal_get_kind   (MgDismissal      *self);
guint             mg_dismissal_get_start  (MgDismissal      *self);
guint             mg_dismissal_get_end    (MgDismissal      *self);
const char       *mg_dismissal_get_quote  (MgDismissal      *self);   /* never NULL */

/* TRUE when @self is the dismissal of @suggestion (same kind and range). */
gboolean          mg_dismissal_matches    (MgDismissal      *self,
                                           MgSuggestion     *suggestion);
/* Every field alike, unknown members included. */
gboolean          mg_dismissal_equal      (MgDismissal      *a,
                                           MgDismissal      *b);

/* Sidecar order, as annotations: start, end, then the kind's id. */
int               mg_dismissal_compare    (MgDismissal      *a,
                                           MgDismissal      *b);
/* The same order for a dismissal not made yet. */
int               mg_dismissal_compare_key (MgDismissal     *a,
                                            MgSuggestionKind kind,
                                            guint            start,
                                            guint            end);

G_END_DECLS
