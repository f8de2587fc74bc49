/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Folding for matching quotes across cosmetic edits: white space (including
 * U+3000, U+200B, U+FEFF and no-break spaces) is dropped, full-width forms
 * become their ASCII twins (，→,  ２０２１→2021  ：→:  （→( ), curly quotes
 * become straight ones, dashes become '-', and an ellipsis becomes "...".
 * A folded text keeps, for each folded character, the code point offset of
 * the original character it came from, so a match in the folded text maps
 * back to a range of the original. */

/* Folds one code point into @out (up to 3 code points); returns how many
 * were written, 0 when @c is dropped. */
guint     mg_fold_unichar   (gunichar  c,
                             gunichar  out[3]);

typedef struct
{
  gunichar *chars;        /* folded code points, @n of them */
  guint    *map;          /* @n + 1: original offset of chars[i]; map[n] = orig_length */
  guint     n;
  guint     orig_length;  /* code points of the original */
} MgFolded;

/* Folds valid UTF-8 @text (@length bytes, -1 when NUL-terminated).
 * @with_map FALSE leaves map NULL (for patterns). @text may be NULL. */
MgFolded *mg_folded_new     (const char *text,
                             gssize      length,
                             gboolean    with_map);
void      mg_folded_free    (MgFolded   *folded);

/* The original range [start, end) covered by folded range [fstart, fend)
 * (fstart < fend). White space at either edge is left out. */
void      mg_folded_to_original (const MgFolded *folded,
                                 guint           fstart,
                                 guint           fend,
                                 guint          *start,
                                 guint          *end);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MgFolded, mg_folded_free)

G_END_DECLS
