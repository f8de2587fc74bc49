/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* What a suggestion proposes to tag; each kind is one of the default tags. */
typedef enum
{
  MG_SUGGESTION_FIGURE,
  MG_SUGGESTION_SLOGAN,
  MG_SUGGESTION_POLICY_GOAL,
} MgSuggestionKind;

#define MG_SUGGESTION_N_KINDS 3

#define MG_TYPE_SUGGESTION_KIND (mg_suggestion_kind_get_type ())
GType        mg_suggestion_kind_get_type   (void) G_GNUC_CONST;

/* The tag id of @kind: "figure", "slogan" or "policy-goal". */
const char  *mg_suggestion_kind_to_string   (MgSuggestionKind  kind);
/* FALSE when @string is none of those ids. */
gboolean     mg_suggestion_kind_from_string (const char       *string,
                                             MgSuggestionKind *kind);

#define MG_TYPE_SUGGESTION (mg_suggestion_get_type ())
G_DECLARE_FINAL_TYPE (MgSuggestion, mg_suggestion, MG, SUGGESTION, GObject)

/* One suggested annotation on [start, end) (code points of the normalised
 * text), immutable once made. Properties: kind, start, end, paragraph,
 * quote, reason (an untranslated key such as "percentage", stable for
 * scripts) and label (the reason translated, for people). */
MgSuggestion    *mg_suggestion_new            (MgSuggestionKind  kind,
                                               guint             start,
                                               guint             end,
                                               guint             paragraph,
                                               const char       *quote,
                                               const char       *reason);
MgSuggestionKind mg_suggestion_get_kind       (MgSuggestion     *self);
/* The tag id the suggestion would be tagged with. */
const char      *mg_suggestion_get_tag        (MgSuggestion     *self);
guint            mg_suggestion_get_start      (MgSuggestion     *self);
guint            mg_suggestion_get_end        (MgSuggestion     *self);
guint            mg_suggestion_get_paragraph  (MgSuggestion     *self);
const char      *mg_suggestion_get_quote      (MgSuggestion     *self);
const char      *mg_suggestion_get_reason     (MgSuggestion     *self);
const char      *mg_suggestion_get_label      (MgSuggestion     *self);

/* The translation of a reason key (the key itself when unknown). */
const char      *mg_suggestion_reason_label   (const char       *reason);

/* Start, then kind, then end. */
int              mg_suggestion_compare        (MgSuggestion     *a,
                                               MgSuggestion     *b);

G_END_DECLS
