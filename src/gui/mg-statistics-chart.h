/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "mg-statistics.h"

G_BEGIN_DECLS

typedef enum
{
  MG_STATISTICS_CHART_TAGS,     /* a bar per row, in its colour */
  MG_STATISTICS_CHART_MEMBERS,  /* a bar per member, a segment per row */
  MG_STATISTICS_CHART_STRIP,    /* per speech, a strip per row used */
} MgStatisticsChartKind;

#define MG_TYPE_STATISTICS_CHART_KIND (mg_statistics_chart_kind_get_type ())
GType mg_statistics_chart_kind_get_type (void);

#define MG_TYPE_STATISTICS_CHART (mg_statistics_chart_get_type ())
G_DECLARE_FINAL_TYPE (MgStatisticsChart, mg_statistics_chart, MG, STATISTICS_CHART, GtkWidget)

/* Draws one figure of an MgStatistics with cairo: labels in the theme's
 * text colour, bars in the tags' colours on a track of the text colour
 * faintly, so it reads in the light and the dark style alike.
 *
 * Properties: "statistics" (MgStatistics, nullable), "kind".
 * Signal "mark-activated" (guint speech, const char *annotation_id): a
 * click on the strip near an annotation's mark. */

MgStatistics         *mg_statistics_chart_get_statistics (MgStatisticsChart *self);
void                  mg_statistics_chart_set_statistics (MgStatisticsChart *self,
                                                          MgStatistics      *statistics);
MgStatisticsChartKind mg_statistics_chart_get_kind       (MgStatisticsChart *self);

/* The number of bars or strips drawn. */
guint                 mg_statistics_chart_get_n_bars     (MgStatisticsChart *self);
/* Where bar or strip @bar (in drawing order, from the top) is drawn, in
 * widget coordinates: its full extent (a bar's length is a share of it).
 * FALSE when there is no such bar. */
gboolean              mg_statistics_chart_get_bar_area   (MgStatisticsChart *self,
                                                          guint              bar,
                                                          graphene_rect_t   *area);
/* The mark a click at (@x, @y) would go to (its speech in @out_speech),
 * NULL when none is near. */
const MgStatisticsMark *mg_statistics_chart_mark_at      (MgStatisticsChart *self,
                                                          double             x,
                                                          double             y,
                                                          guint             *out_speech);

G_END_DECLS
