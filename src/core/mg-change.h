/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "mg-document.h"
#include "mg-suggestion.h"

G_BEGIN_DECLS

typedef enum
{
  MG_CHANGE_CHANGED,  /* a figure with the same context and unit, another number */
  MG_CHANGE_NEW,      /* only in the new speech */
  MG_CHANGE_DROPPED,  /* only in the old speech */
  MG_CHANGE_KEPT,     /* a slogan or formula in both speeches */
} MgChangeKind;

/* One difference between two speeches. */
typedef struct
{
  MgChangeKind      change;
  MgSuggestionKind  kind;           /* MG_SUGGESTION_SLOGAN or MG_SUGGESTION_FIGURE */
  char             *context;        /* figures: the words before the number; "" for slogans */
  char             *old_quote;      /* NULL when new; kept: the same text as new_quote */
  char             *new_quote;      /* NULL when dropped */
  guint             old_paragraph;  /* 0 when new */
  guint             new_paragraph;  /* 0 when dropped */
  /* Where the quotes are, in code points of each text (0, 0 when absent):
   * for going to them. */
  guint             old_start;
  guint             old_end;
  guint             new_start;
  guint             new_end;
} MgChange;

void       mg_change_free       (MgChange   *change);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (MgChange, mg_change_free)

/* "changed", "new", "dropped", "kept" */
const char *mg_change_kind_to_string (MgChangeKind kind);

/* What changed between @old_document and @new_document, found with the
 * suggestion engine on both: slogans and formulas present in one speech
 * and absent from the other's text (new, dropped), and those found in one
 * and present in the other's text (kept: each place the suggestion's, or
 * where the text first has it when the engine did not offer it there);
 * figures matched by the words before them and their unit — the same
 * context with another number is a changed figure. A GPtrArray of
 * MgChange: slogans (new, dropped, kept), then figures (changed, new,
 * dropped); each kind in the text order of the speech it is in (kept: of
 * the new one). */
GPtrArray *mg_change_compare_documents (MgDocument *old_document,
                                        MgDocument *new_document);

G_END_DECLS
