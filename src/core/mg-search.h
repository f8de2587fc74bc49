/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "mg-annotation.h"
#include "mg-document.h"
#include "mg-tag-set.h"

G_BEGIN_DECLS

/* Literal search in a document's normalised text. Occurrences are counted
 * from the start of the text and do not overlap (as "find next" in an
 * editor steps through them). Offsets are code points. */

/* The @nth occurrence (1-based) of @needle: its range [start, end).
 * FALSE when @needle is empty or the text holds fewer than @nth. */
gboolean mg_search_find_nth (MgDocument *document,
                             const char *needle,
                             guint       nth,
                             guint      *out_start,
                             guint      *out_end);

/* How many times @needle occurs (0 for an empty needle). */
guint    mg_search_count    (MgDocument *document,
                             const char *needle);

/* The same on folded text (see mg-fold.h): white space, line breaks,
 * full-width forms and quote styles do not count, so "“十五五”" finds
 * "“ 十五五 ”" and a phrase broken across lines is found whole. The range
 * is that of the original text, white space at its edges left out. */
gboolean mg_search_find_nth_folded (MgDocument *document,
                                    const char *needle,
                                    guint       nth,
                                    guint      *out_start,
                                    guint      *out_end);
guint    mg_search_count_folded    (MgDocument *document,
                                    const char *needle);

/* Annotations matching a text, as `list --text` and the searches in the
 * window find them: @text with full-width forms folded to their ASCII
 * twins (NFKC), then case-folded. A new string. */
char    *mg_search_fold_text            (const char   *text);
/* Whether @annotation's quote or note contains @folded_needle (made by
 * mg_search_fold_text()); an empty needle matches everything. A match
 * does not span the quote and the note. */
gboolean mg_search_annotation_matches   (MgAnnotation *annotation,
                                         const char   *folded_needle);

/* A search across annotations (the study-wide search, `list --text` over
 * several speeches keeps to mg_search_annotation_matches()): the text
 * split at white space into words, each folded as mg_search_fold_text()
 * does. An annotation matches when every word occurs in its quote, its
 * note, its author's or a contributor's name, or the shown name of one of
 * its tags — not necessarily all in the same one — so "figure 5.2" finds
 * the figures quoting 5.2 and "Li slogan" Li's slogans. */
typedef struct _MgSearchQuery MgSearchQuery;

MgSearchQuery *mg_search_query_new      (const char    *text);
void           mg_search_query_free     (MgSearchQuery *query);
/* No word: every annotation matches. */
gboolean       mg_search_query_is_empty (MgSearchQuery *query);
/* @tags: the tag set @annotation's tags are named from (nullable: tags
 * then match by id). */
gboolean       mg_search_query_matches  (MgSearchQuery *query,
                                         MgAnnotation  *annotation,
                                         MgTagSet      *tags);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MgSearchQuery, mg_search_query_free)

G_END_DECLS
