/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "mg-annotation-store.h"
#include "mg-statistics-chart.h"

G_BEGIN_DECLS

#define MG_TYPE_STATISTICS_WINDOW (mg_statistics_window_get_type ())
G_DECLARE_FINAL_TYPE (MgStatisticsWindow, mg_statistics_window, MG, STATISTICS_WINDOW, AdwWindow)

/* The Statistics view: annotations per tag, per member and tag, and where
 * along each speech each tag's annotations sit, for one speech or a study
 * (mg_statistics_new_for_stores()), following the stores' changes.
 *
 * Property "statistics" (MgStatistics, read-only): what the charts show.
 * Signal "mark-activated" (guint speech, const char *annotation_id): a
 * mark of the strip was clicked; @speech indexes the stores given.
 * Escape and Ctrl+W close it. */
GtkWidget    *mg_statistics_window_new            (GtkWindow                 *parent);
/* Shows the statistics of @stores (@paths nullable, as for a combined
 * summary) and follows their changes: of store @current alone, or, with
 * "whole-study" (a toggle in the header bar, offered when there are
 * several), of them all. "mark-activated" gives indices of @stores. */
void          mg_statistics_window_set_stores     (MgStatisticsWindow        *self,
                                                   MgAnnotationStore * const *stores,
                                                   const char * const        *paths,
                                                   guint                      n_stores,
                                                   guint                      current);
/* Whether the whole study is shown (property "whole-study"). */
gboolean      mg_statistics_window_get_whole_study (MgStatisticsWindow       *self);
void          mg_statistics_window_set_whole_study (MgStatisticsWindow       *self,
                                                    gboolean                  whole_study);
MgStatistics *mg_statistics_window_get_statistics (MgStatisticsWindow        *self);
/* The chart of @kind. */
MgStatisticsChart *mg_statistics_window_get_chart (MgStatisticsWindow        *self,
                                                   MgStatisticsChartKind      kind);

G_END_DECLS
