/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "mg-document-view.h"
#include "mg-suggestion-popover.h"

G_BEGIN_DECLS

/* A span of code points [start, end). */
typedef struct
{
  guint start;
  guint end;
} MgViewSpan;

struct _MgDocumentView
{
  GtkWidget          parent_instance;

  /* Template widgets */
  GtkScrolledWindow *scroller;
  GtkTextView       *text_view;
  /* The text view's buffer, which stays this one; while a new text is
   * styled the view shows @detached (empty) instead, so that GTK does not
   * lay the text out again for each of thousands of styled passages. */
  GtkTextBuffer     *buffer;
  GtkTextBuffer     *detached;

  MgTagPopover      *popover;
  GtkCssProvider    *font_provider;

  MgAnnotationStore *store;
  MgTagSet          *tags;

  /* Style tags: tag id → GtkTextTag for an annotation's first tag (a
   * background) and for its further tags (a stripe under the text), and
   * the fixed styles. */
  GHashTable        *color_tags;
  GHashTable        *stripe_tags;
  GtkTextTag        *highlight_tag;
  GtkTextTag        *starred_tag;
  GtkTextTag        *overlap_tag;
  GtkTextTag        *match_tag;
  GtkTextTag        *current_match_tag;
  GtkTextTag        *flash_tag;
  /* Hides the extra lines of a run of blank lines (display only). */
  GtkTextTag        *gap_tag;

  /* Suggestions: one faint style per kind, the model drawn (sorted as
   * mg_suggest_document() gives it) and the popover offering them. */
  GtkTextTag        *suggestion_tags[MG_SUGGESTION_N_KINDS];
  GListModel        *suggestions;
  MgSuggestionPopover *suggestion_popover;

  /* Find: match ranges as pairs of code point offsets. */
  GArray            *matches;
  char              *search_text;

  /* What is drawn, to redraw only what a change touched: the annotations
   * in model order, and each one's drawn range (packed start << 32 | end,
   * 0 for orphans). */
  GPtrArray         *mirror;
  GHashTable        *drawn;
  GArray            *dirty;          /* spans of code points to redraw */
  guint              dirty_all : 1;
  /* Some dirty span may have lost a style (not only gained one). */
  guint              dirty_shrinks : 1;
  /* A change of many annotations is under way: the mirror is compared
   * with the store once it ends. */
  guint              bulk_pending : 1;

  guint              refresh_id;
  guint              flash_id;
  guint              release_id;

  /* Passages that annotations by different members cover together
   * (Span of code points, sorted, joined), marked in the left gutter. */
  GArray            *member_overlaps;
  GtkWidget         *members_gutter;

  /* The accessible description given for the annotations at the cursor. */
  char              *announced;

  guint              annotatable : 1;
};

/* Applies @tag to (@on) or takes it off @spans (of MgViewSpan, any order;
 * sorted and joined here) in one pass through the text: the restyling of
 * thousands of ranges at once, for the annotations and the suggestions
 * alike. Taking off skips the spans @tag does not touch. */
void _mg_document_view_restyle (GtkTextBuffer *buffer,
                                GtkTextTag    *tag,
                                GArray        *spans,
                                gboolean       on);

/* mg-document-view-selection.c */
/* Turns @rect, in the text's buffer coordinates, into where a popover of
 * the view points: scrolled into view at once when it is out of it (or a
 * scroll to it is under way), kept within the text shown, in the view's
 * coordinates. */
void _mg_document_view_point_at (MgDocumentView *self,
                                 GdkRectangle   *rect);

/* mg-document-view-suggestions.c */
/* The tag popover: focus back to the text when it closes, Ctrl+C. */
void _mg_document_view_init_selection (MgDocumentView *self);
void     _mg_document_view_init_suggestions    (MgDocumentView *self);
void     _mg_document_view_update_suggestion_styles (MgDocumentView *self);
/* Called when the text is replaced: forgets the suggestions drawn. */
void     _mg_document_view_reset_suggestions   (MgDocumentView *self);
void     _mg_document_view_dispose_suggestions (MgDocumentView *self);

G_END_DECLS
