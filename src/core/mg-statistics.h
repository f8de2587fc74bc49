/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "mg-summary.h"

G_BEGIN_DECLS

/* The statistics of a summary, as the window's Statistics view draws them
 * and the HTML and PDF summaries include them as a figure: annotations per
 * tag, per member (each member's annotations per tag), and where along
 * each speech each tag's annotations sit. Made once from an MgSummary
 * (one speech, or a combined summary of several), immutable afterwards,
 * so it may be read from any thread. */

/* A row of the figure: a tag, the untagged highlights or the orphans. */
typedef enum
{
  MG_STATISTICS_ROW_TAG,
  MG_STATISTICS_ROW_UNTAGGED,
  MG_STATISTICS_ROW_ORPHANED,
} MgStatisticsRowKind;

typedef struct
{
  MgStatisticsRowKind  kind;
  char                *tag_id;    /* NULL unless a tag */
  char                *name;      /* the tag's name, or a translated heading */
  char                *color;     /* "#rrggbb" */
  guint                count;     /* annotations in the row */
} MgStatisticsRow;

/* One member: the author of annotations ("" for those without one). */
typedef struct
{
  char  *author;
  char  *label;                   /* the author, or a translated "Unknown" */
  guint  count;                   /* their annotations, each once */
  guint *row_counts;              /* per row: their annotations in it */
} MgStatisticsMember;

/* Where an annotation sits: one per placed annotation and tag row it is
 * in (an annotation with two tags gives two marks). */
typedef struct
{
  guint       start;              /* code points */
  guint       end;
  guint       row;
  const char *annotation_id;      /* valid as long as the statistics */
} MgStatisticsMark;

typedef struct
{
  char  *title;
  guint  length;                  /* code points; 0 when the text is unknown */
  guint  n_items;                 /* annotations included */
} MgStatisticsSpeech;

#define MG_TYPE_STATISTICS (mg_statistics_get_type ())
G_DECLARE_FINAL_TYPE (MgStatistics, mg_statistics, MG, STATISTICS, GObject)

/* Rows: the summary's tags (tag-set order, zero counts kept; only the
 * filter's tags when it names some), then "Untagged highlights" and
 * "Orphaned annotations" when there are any. Members: most annotations
 * first, then by name. Marks: per speech, by row, then start. */
MgStatistics              *mg_statistics_new              (MgSummary   *summary);

/* The statistics of @stores (their paths as given, nullable) now: one
 * store gives those of one speech, several those of a study. */
MgStatistics              *mg_statistics_new_for_stores   (MgAnnotationStore * const *stores,
                                                           const char * const        *paths,
                                                           guint                      n_stores);

guint                      mg_statistics_get_n_items      (MgStatistics *self);

guint                      mg_statistics_get_n_rows       (MgStatistics *self);
const MgStatisticsRow     *mg_statistics_get_row          (MgStatistics *self,
                                                           guint         row);
/* The row of tag @tag_id, or -1. */
int                        mg_statistics_find_tag_row     (MgStatistics *self,
                                                           const char   *tag_id);
/* The largest count of a row (0 when there is none), for scaling bars. */
guint                      mg_statistics_get_max_row_count (MgStatistics *self);

guint                      mg_statistics_get_n_members    (MgStatistics *self);
const MgStatisticsMember  *mg_statistics_get_member       (MgStatistics *self,
                                                           guint         member);
/* The largest sum of a member's row counts, for scaling stacked bars. */
guint                      mg_statistics_get_max_member_total (MgStatistics *self);
/* The sum of @member's row counts (an annotation with two tags counts in
 * both). */
guint                      mg_statistics_member_total     (const MgStatisticsMember *member,
                                                           guint                     n_rows);

guint                      mg_statistics_get_n_speeches   (MgStatistics *self);
const MgStatisticsSpeech  *mg_statistics_get_speech       (MgStatistics *self,
                                                           guint         speech);
/* The marks of @speech, by row then start (transfer none). */
const MgStatisticsMark    *mg_statistics_get_marks        (MgStatistics *self,
                                                           guint         speech,
                                                           guint        *n_marks);
/* The number of @row's marks in @speech: its annotations placed there. */
guint                      mg_statistics_count_marks      (MgStatistics *self,
                                                           guint         speech,
                                                           guint         row);
/* The rows that have marks in some speech (placed annotations): the rows
 * the strip along the speeches shows, in row order. */
GArray                    *mg_statistics_dup_strip_rows   (MgStatistics *self); /* of guint */

/* How many of @row's marks in @speech overlap each of @n_bins equal
 * stretches of the speech (@bins has @n_bins elements). */
void                       mg_statistics_count_bins       (MgStatistics *self,
                                                           guint         speech,
                                                           guint         row,
                                                           guint         n_bins,
                                                           guint        *bins);
/* The runs of @n_bins stretches in which @row has marks in @speech, as
 * (first bin, bin after the last) pairs: what a figure draws, however
 * many annotations there are. */
GArray                    *mg_statistics_dup_runs         (MgStatistics *self,
                                                           guint         speech,
                                                           guint         row,
                                                           guint         n_bins); /* of guint pairs */

/* The mark of @row in @speech nearest to code point @position, within
 * @tolerance code points of it (covering it counts as 0); NULL when none.
 * For a click on the strip. */
const MgStatisticsMark    *mg_statistics_find_mark        (MgStatistics *self,
                                                           guint         speech,
                                                           guint         row,
                                                           guint         position,
                                                           guint         tolerance);

G_END_DECLS
