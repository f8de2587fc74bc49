/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "mg-annotation.h"
#include "mg-document.h"

G_BEGIN_DECLS

/* Puts annotations back on a (possibly edited) text: the stored position
 * if it still holds the quote → the quote found exactly (chosen among
 * occurrences by context and nearness) → an approximate match of quote and
 * context above a minimum score → orphaned. Never drops an annotation. */

typedef struct
{
  MgAnchorState state;
  guint         start;
  guint         end;
  double        score;  /* 1.0 for exact/moved; the match score for fuzzy; 0 for orphaned */
} MgAnchorResult;

typedef struct
{
  guint exact;
  guint moved;
  guint fuzzy;
  guint orphaned;
} MgAnchorReport;

typedef struct _MgAnchorIndex MgAnchorIndex;

/* An index over @document's text, built once and used for many lookups. */
MgAnchorIndex *mg_anchor_index_new  (MgDocument    *document);
void           mg_anchor_index_free (MgAnchorIndex *index);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (MgAnchorIndex, mg_anchor_index_free)

/* Locates one quote. @prefix/@suffix may be NULL or "". @old_start/@old_end
 * are the stored offsets. Always fills @result. */
void           mg_anchor_locate     (MgAnchorIndex  *index,
                                     const char     *quote,
                                     const char     *prefix,
                                     const char     *suffix,
                                     guint           old_start,
                                     guint           old_end,
                                     MgAnchorResult *result);

/* Re-anchors every annotation in @annotations (MgAnnotation *) on
 * @document, in place: range, quote/prefix/suffix (refreshed from the
 * new text when placed), anchor-state and anchor-score, paragraph.
 * Orphans keep their data and last known offsets. @report may be NULL. */
void           mg_anchor_annotations (GPtrArray      *annotations,
                                      MgDocument     *document,
                                      MgAnchorReport *report);

G_END_DECLS
