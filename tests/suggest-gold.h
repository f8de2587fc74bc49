/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "mg-suggest.h"

G_BEGIN_DECLS

/* Scoring the suggester against the hand-labelled speeches of
 * tests/data/suggest-gold (see GUIDELINES.md there): shared by the quality
 * test and bench/suggest-quality. */

typedef struct
{
  guint suggested;       /* suggestions of the kind */
  guint gold;            /* labels of the kind */
  guint suggested_hit;   /* suggestions overlapping a label of the kind */
  guint gold_hit;        /* labels overlapped by a suggestion of the kind */
  guint exact;           /* suggestions on exactly a label's range */
} MgGoldScore;

typedef struct
{
  MgSuggestionKind kind;
  guint            start;
  guint            end;
  char            *quote;
} MgGoldLabel;

/* The labels of @tsv_path (kind, start, end, quote after a header line),
 * a new array of MgGoldLabel; NULL with @error set when a line is
 * malformed. */
GArray  *mg_gold_read_labels (const char  *tsv_path,
                              GError     **error);

/* Adds to @scores (MG_SUGGESTION_N_KINDS of them) the comparison of
 * @suggestions (a GListModel of MgSuggestion) with @labels. */
void     mg_gold_score       (GListModel  *suggestions,
                              GArray      *labels,
                              MgGoldScore *scores);

/* The speeches of @folder whose names start with @prefix ("dev-",
 * "held-"), sorted: a new array of paths of their .txt files. */
GPtrArray *mg_gold_list      (const char  *folder,
                              const char  *prefix);

/* Scores every speech of @folder starting with @prefix into @scores
 * (zeroed first); FALSE with @error set when one cannot be read. */
gboolean mg_gold_score_set   (const char  *folder,
                              const char  *prefix,
                              MgGoldScore *scores,
                              GError     **error);

/* Ratios, 1 when the denominator is 0. */
double   mg_gold_precision   (const MgGoldScore *score);
double   mg_gold_recall      (const MgGoldScore *score);
double   mg_gold_exact_precision (const MgGoldScore *score);
double   mg_gold_exact_recall    (const MgGoldScore *score);

G_END_DECLS
