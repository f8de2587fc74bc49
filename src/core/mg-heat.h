/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "mg-annotation-store.h"

G_BEGIN_DECLS

/* How many members highlighted each code point: a member counts once
 * where several of their annotations overlap; orphans count nowhere. */

typedef struct
{
  guint start;   /* code points, [start, end) */
  guint end;
  guint count;   /* members covering every unit of the segment, ≥ 1 */
} MgHeatSegment;

/* @stores: MgAnnotationStore *, one per member. With @tag_id, only the
 * annotations carrying that tag count. Returns the maximal segments
 * covered by at least one member, sorted and disjoint (adjacent segments
 * differ in count), as a GArray of MgHeatSegment. O(n + m log m) for m
 * annotations in all; the text's length does not matter. */
GArray *mg_heat_compute   (GPtrArray  *stores,
                           const char *tag_id);

/* The largest count in @segments (0 when empty). */
guint   mg_heat_max_count (GArray     *segments);

G_END_DECLS
