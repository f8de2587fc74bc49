/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "mg-export-compare.h"

G_BEGIN_DECLS

#define MG_TYPE_COMPARE_WINDOW (mg_compare_window_get_type ())
G_DECLARE_FINAL_TYPE (MgCompareWindow, mg_compare_window, MG, COMPARE_WINDOW, AdwWindow)

/* Compare Speeches: two speeches chosen among those given (and any the
 * reader opens from it), and what `marginalia-cli compare` reports of them
 * (MgComparison): the counts per tag of each, the slogans and formulas new
 * and dropped, the figures changed, new and dropped — each with buttons
 * that go to its place in the earlier and in the later speech — and the
 * report exported as Markdown or HTML.
 *
 * Actions (group "compare"): open (a file chooser for another speech),
 * export (s: "md" or "html", a file chooser).
 * Signal "show-passage" (GFile *speech, MgAnnotationStore *store, guint
 * start, guint end): a place was asked for. Escape and Ctrl+W close it. */
GtkWidget    *mg_compare_window_new            (GtkWindow         *parent);
/* Offers @speech (its annotations in @store) to choose from; its index. */
guint         mg_compare_window_add_speech     (MgCompareWindow   *self,
                                                GFile             *speech,
                                                MgAnnotationStore *store);
/* Opens @speech and its annotations (in a thread) and offers it as the
 * earlier speech. */
void          mg_compare_window_open_speech    (MgCompareWindow   *self,
                                                GFile             *speech);
gboolean      mg_compare_window_is_loading     (MgCompareWindow   *self);
/* Compares speech @old_index with @new_index (indices of the choice). */
void          mg_compare_window_set_pair       (MgCompareWindow   *self,
                                                guint              old_index,
                                                guint              new_index);
/* The comparison shown, NULL while fewer than two speeches are chosen. */
MgComparison *mg_compare_window_get_comparison (MgCompareWindow   *self);
/* Writes the report to @file (replaced whole, or left as it was). */
gboolean      mg_compare_window_export         (MgCompareWindow   *self,
                                                GFile             *file,
                                                MgComparisonFormat format,
                                                GError           **error);

G_END_DECLS
