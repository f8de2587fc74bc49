/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "mg-anchor.h"
#include "mg-fold.h"

G_BEGIN_DECLS

/* The text index behind MgAnchorIndex: the folded text (see mg-fold.h)
 * with hashed q-gram indexes over it, one of single characters and one of
 * q-grams (q = 3 for mostly-Han text, 5 otherwise). Buckets are stored
 * compactly: positions of bucket h are positions[offsets[h] .. offsets[h+1]). */

typedef struct
{
  guint  q;
  guint  bits;
  guint *offsets;    /* (1 << bits) + 1 */
  guint *positions;  /* folded positions, ascending within a bucket */
} MgQgramTable;

struct _MgAnchorIndex
{
  char         *text;          /* the original text (own copy) */
  gsize         size;          /* bytes */
  guint         length;        /* code points */
  guint        *cp_to_byte;    /* length + 1 */
  MgFolded     *folded;        /* with map */
  guint        *orig_to_fold;  /* length + 1: first folded index at or after an offset */
  MgQgramTable  unigrams;
  MgQgramTable  qgrams;
  gboolean      mostly_han;
};

/* @text must be valid UTF-8 (@size bytes, -1 when NUL-terminated). */
MgAnchorIndex *mg_anchor_index_new_for_text (const char *text,
                                             gssize      size);

guint          mg_qgram_hash          (const MgQgramTable *table,
                                       const gunichar     *s);
/* Bucket of hash @h: *n positions (transfer none). */
const guint   *mg_qgram_table_bucket  (const MgQgramTable *table,
                                       guint               h,
                                       guint              *n);

/* Every folded position where @pattern (@m folded characters, m > 0)
 * occurs exactly, ascending. Stops after @max_hits (0 = no limit). */
GArray        *mg_anchor_index_find_exact (MgAnchorIndex  *index,
                                           const gunichar *pattern,
                                           guint           m,
                                           guint           max_hits);

/* mg_anchor_locate() with the expected position given apart from the
 * stored offsets (@hint < 0: @old_start). *@ambiguous (nullable) is set
 * when another place scored as well as the one chosen. */
void           mg_anchor_locate_full  (MgAnchorIndex  *index,
                                       const char     *quote,
                                       const char     *prefix,
                                       const char     *suffix,
                                       guint           old_start,
                                       guint           old_end,
                                       gint64          hint,
                                       MgAnchorResult *result,
                                       gboolean       *ambiguous);

/* TRUE when original range [start, end) holds exactly the UTF-8 @s. */
gboolean       mg_anchor_index_range_equals (MgAnchorIndex *index,
                                             guint          start,
                                             guint          end,
                                             const char    *s);

G_END_DECLS
