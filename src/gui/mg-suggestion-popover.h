/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "mg-suggestion.h"
#include "mg-tag-set.h"

G_BEGIN_DECLS

#define MG_TYPE_SUGGESTION_POPOVER (mg_suggestion_popover_get_type ())
G_DECLARE_FINAL_TYPE (MgSuggestionPopover, mg_suggestion_popover, MG, SUGGESTION_POPOVER, GtkPopover)

/* Offers the suggestions at one place of the speech, one after another:
 * the kind (named after its tag), why it was suggested and the passage,
 * with "Accept as …" (the default), "Dismiss" and, when more of that kind
 * are shown, "Accept All". The buttons activate the window actions
 * "win.accept-suggestion" and "win.dismiss-suggestion" (target: the tag id,
 * start and end, "(suu)") and "win.accept-all-suggestions" (target: the tag
 * id), then pop the popover down. */

GtkWidget *mg_suggestion_popover_new             (void);
/* @suggestions: MgSuggestion; @all: every suggestion shown, for the
 * counts; @tags: for the names (nullable). */
void       mg_suggestion_popover_set_suggestions (MgSuggestionPopover *self,
                                                  GPtrArray           *suggestions,
                                                  GListModel          *all,
                                                  MgTagSet            *tags);

G_END_DECLS
