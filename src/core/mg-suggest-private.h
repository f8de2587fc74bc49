/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "mg-suggest.h"

G_BEGIN_DECLS

/* The text as code points, shared by the scanners. */
typedef struct
{
  const gunichar *chars;
  guint           length;
} MgSuggestText;

/* A found range before it becomes an MgSuggestion; @reason is static. */
typedef struct
{
  MgSuggestionKind  kind;
  guint             start;
  guint             end;
  const char       *reason;
} MgSuggestHit;

/* Character classes. */
gboolean _mg_suggest_is_han        (gunichar c);
gboolean _mg_suggest_is_space      (gunichar c);
gboolean _mg_suggest_is_ascii_alpha (gunichar c);
/* ASCII or full-width digit value, or -1. */
int      _mg_suggest_digit_value   (gunichar c);
/* TRUE when the code points at @pos spell @word (ASCII case folded when
 * @fold); @word is UTF-8. */
gboolean _mg_suggest_match         (const MgSuggestText *text,
                                    guint                pos,
                                    const char          *word,
                                    gboolean             fold,
                                    guint               *out_len);

/* TRUE when one of @words starts at @pos and ends by @end; its length in
 * @out_len (nullable). */
gboolean _mg_suggest_match_any     (const MgSuggestText *text,
                                    guint                pos,
                                    guint                end,
                                    const char * const  *words,
                                    guint                n_words,
                                    guint               *out_len);
/* TRUE when one of @words ends just before @pos and starts at or after
 * @start. */
gboolean _mg_suggest_ends_with_any (const MgSuggestText *text,
                                    guint                start,
                                    guint                pos,
                                    const char * const  *words,
                                    guint                n_words);

void _mg_suggest_scan_figures (const MgSuggestText *text,
                               GArray              *hits);
/* @lexicon: known slogans (NULL-terminated, nullable). */
void _mg_suggest_scan_slogans (const MgSuggestText *text,
                               const char * const  *lexicon,
                               GArray              *hits);
void _mg_suggest_scan_goals  (const MgSuggestText *text,
                              GArray              *hits);

G_END_DECLS
