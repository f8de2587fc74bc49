/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "mg-annotation-store.h"
#include "mg-suggestion.h"
#include "mg-tag-popover.h"

G_BEGIN_DECLS

#define MG_TYPE_DOCUMENT_VIEW (mg_document_view_get_type ())
G_DECLARE_FINAL_TYPE (MgDocumentView, mg_document_view, MG, DOCUMENT_VIEW, GtkWidget)

/* The speech, read-only, with the store's annotations drawn as highlights.
 * One GtkTextTag per visual style (tag colour, plain highlight, starred,
 * overlap, search match, flash); the ranges stay in the store. The text
 * tags are named in the buffer's tag table, for whoever reads what is
 * drawn: "mg-tag-ID" (the wash of an annotation's first tag),
 * "mg-tag-stripe-ID" (the underline of a further tag), "mg-highlight"
 * (an annotation without tags), "mg-starred", "mg-overlap".
 *
 * Signals: "annotation-activated" (MgAnnotation *) when a highlight is
 * clicked; "selection-changed" when the selected text changes. */

GtkWidget     *mg_document_view_new                 (void);
void           mg_document_view_set_store           (MgDocumentView    *self,
                                                     MgAnnotationStore *store);
MgAnnotationStore *mg_document_view_get_store       (MgDocumentView    *self);
GtkTextView   *mg_document_view_get_text_view       (MgDocumentView    *self);
MgTagPopover  *mg_document_view_get_tag_popover     (MgDocumentView    *self);

/* Whether selecting text offers the tag popover (the "annotatable"
 * property). */
void           mg_document_view_set_annotatable     (MgDocumentView    *self,
                                                     gboolean           annotatable);

/* The selected range in code points; FALSE when nothing is selected. */
gboolean       mg_document_view_get_selection       (MgDocumentView    *self,
                                                     guint             *start,
                                                     guint             *end);
void           mg_document_view_select_range        (MgDocumentView    *self,
                                                     guint              start,
                                                     guint              end);
void           mg_document_view_clear_selection     (MgDocumentView    *self);
/* Points the tag popover at the selection; FALSE when nothing is selected. */
gboolean       mg_document_view_popup_tags          (MgDocumentView    *self);

/* Scrolls to @annotation and flashes it briefly. */
void           mg_document_view_reveal_annotation   (MgDocumentView    *self,
                                                     MgAnnotation      *annotation);

/* Scale of the text, 1.0 = @font_size points. */
void           mg_document_view_set_font            (MgDocumentView    *self,
                                                     int                font_size,
                                                     double             zoom);

/* Find: highlights every match of @text (case-insensitive) and returns
 * their number; "" clears. */
guint          mg_document_view_set_search_text     (MgDocumentView    *self,
                                                     const char        *text);
/* Moves to the next/previous match from the cursor, selecting it. Returns
 * the 1-based index of the match reached, 0 when there is none. */
guint          mg_document_view_search_next         (MgDocumentView    *self,
                                                     gboolean           backward);
guint          mg_document_view_get_n_matches       (MgDocumentView    *self);

/* Suggestions: draws @suggestions (a GListModel of MgSuggestion sorted as
 * mg_suggest_document() gives them; NULL for none) faintly under the text,
 * one style per kind in its tag's colour. Only the ranges that differ from
 * the previous model are redrawn. Clicking a suggested range offers it in a
 * popover whose buttons activate "win.accept-suggestion",
 * "win.accept-all-suggestions" and "win.dismiss-suggestion". */
void           mg_document_view_set_suggestions     (MgDocumentView    *self,
                                                     GListModel        *suggestions);
GListModel    *mg_document_view_get_suggestions     (MgDocumentView    *self);
/* The suggestions drawn that cover @offset (a new array of references). */
GPtrArray     *mg_document_view_get_suggestions_at  (MgDocumentView    *self,
                                                     guint              offset);
/* Offers the suggestions at @offset in the popover; FALSE when none. */
gboolean       mg_document_view_popup_suggestions   (MgDocumentView    *self,
                                                     guint              offset);
GtkPopover    *mg_document_view_get_suggestion_popover (MgDocumentView *self);
/* The markup of the tooltip naming the suggestions at (x, y) of the text
 * view (widget coordinates), or NULL when none is there. */
char          *mg_document_view_dup_suggestions_tooltip (MgDocumentView *self,
                                                         int             x,
                                                         int             y);
/* Selects [start, end) with the caret at @start and scrolls it into view. */
void           mg_document_view_reveal_range        (MgDocumentView    *self,
                                                     guint              start,
                                                     guint              end);
/* The code point offset of the caret. */
guint          mg_document_view_get_cursor          (MgDocumentView    *self);
/* The text view's accessible description: the annotations at the cursor
 * ("Slogan, starred, by Li Wei: note"), "" when there are none. */
const char    *mg_document_view_get_cursor_description (MgDocumentView *self);

/* The passages annotations by different members cover together: an
 * array of (guint start, guint end) code point pairs, sorted and joined;
 * each is marked by a bar in the gutter (mg_document_view_get_members_gutter),
 * shown only when there are some. */
GArray        *mg_document_view_get_member_overlaps (MgDocumentView    *self);
GtkWidget     *mg_document_view_get_members_gutter  (MgDocumentView    *self);

/* Applies the highlight tags now rather than at the next idle. */
void           mg_document_view_refresh             (MgDocumentView    *self);

G_END_DECLS
