/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "mg-annotation-store.h"
#include "mg-document.h"
#include "mg-suggestion.h"

G_BEGIN_DECLS

/* Which kinds to look for. */
typedef enum
{
  MG_SUGGEST_FIGURES      = 1 << MG_SUGGESTION_FIGURE,
  MG_SUGGEST_SLOGANS      = 1 << MG_SUGGESTION_SLOGAN,
  MG_SUGGEST_POLICY_GOALS = 1 << MG_SUGGESTION_POLICY_GOAL,
  MG_SUGGEST_ALL          = 0x7,
} MgSuggestKinds;

/* No suggestion is longer than this, in code points. */
#define MG_SUGGEST_MAX_LENGTH 400

/* Suggested annotations for @document, Chinese and English: figures
 * (numbers with units, percentages, money, dates, fractions), slogans
 * (quoted coinages, numbered, known and paired formulas, refrains) and
 * policy goals (directive and target clauses). The result is a new GListStore of MgSuggestion sorted by
 * mg_suggestion_compare(), deterministic for a given text, with no two
 * suggestions of one kind overlapping. Linear in the length of the text. */
GListStore *mg_suggest_document        (MgDocument        *document,
                                        MgSuggestKinds     kinds);

/* The same, slogans also proposed wherever a phrase of @lexicon (the
 * slogan tag's known formulas, NULL-terminated, nullable) stands. */
GListStore *mg_suggest_document_full   (MgDocument         *document,
                                        MgSuggestKinds      kinds,
                                        const char * const *lexicon);

/* A new GListStore with the suggestions of @suggestions (a GListModel of
 * MgSuggestion) that overlap no placed annotation of @store carrying the
 * suggestion's tag. */
GListStore *mg_suggest_filter_existing (GListModel        *suggestions,
                                        MgAnnotationStore *store);

/* A new GListStore with the suggestions of @suggestions that @store does
 * not record as dismissed (the sidecar's "dismissed": kind, start and end
 * alike), in the order of @suggestions. */
GListStore *mg_suggest_filter_dismissed (GListModel        *suggestions,
                                         MgAnnotationStore *store);

/* The phrases of the lexicon of @store's slogan tag, for
 * mg_suggest_document_full(); NULL when there are none (free with
 * g_strfreev()). */
GStrv       mg_suggest_dup_lexicon     (MgAnnotationStore *store);

/* The suggestions of @suggestions (sorted as mg_suggest_document() gives
 * them) on exactly [@start, @end), of any kind, in model order: a new
 * array of references. */
GPtrArray  *mg_suggest_find_range      (GListModel        *suggestions,
                                        guint              start,
                                        guint              end);

/* How many of @suggestions are of @kind. */
guint       mg_suggest_count_kind      (GListModel        *suggestions,
                                        MgSuggestionKind   kind);

/* The suggestions of @suggestions (sorted as mg_suggest_document() gives
 * them) that cover code point @offset, in model order: for a click on a
 * suggested range. Binary search plus a walk over at most
 * MG_SUGGEST_MAX_LENGTH code points of starts. A new array of references. */
GPtrArray  *mg_suggest_find_at         (GListModel        *suggestions,
                                        guint              offset);

/* For moving from suggestion to suggestion: the first of @suggestions
 * (sorted as mg_suggest_document() gives them) that starts after @offset,
 * or with @backward the last that starts before it; NULL when there is
 * none (transfer full). */
MgSuggestion *mg_suggest_find_next    (GListModel        *suggestions,
                                       guint              offset,
                                       gboolean           backward);

/* Adds @suggestion to @store as an annotation tagged with its kind, by
 * @author (nullable). Returns the new annotation (transfer none), or NULL
 * with @error set (for instance when the store's tag set no longer has the
 * tag). */
MgAnnotation *mg_suggestion_accept     (MgSuggestion      *suggestion,
                                        MgAnnotationStore *store,
                                        const char        *author,
                                        GError           **error);

/* Adds every suggestion of @kind in @suggestions to @store, as one undo
 * step. Returns how many were added; 0 with @error set when they could not
 * be (the store's tag set lacks the tag, or a range does not fit the
 * store's document), and then the store is left as it was. */
guint         mg_suggestion_accept_all (GListModel        *suggestions,
                                        MgSuggestionKind   kind,
                                        MgAnnotationStore *store,
                                        const char        *author,
                                        GError           **error);

G_END_DECLS
