/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Approximate matching of a pattern of code points against a text, with
 * Myers' bit-parallel algorithm in blocks (one 64-bit word per 64 pattern
 * characters). A matcher holds one row of m/64 words for each distinct
 * character of the pattern, and a scan takes n · m/64 steps. */

typedef struct _MgMyers MgMyers;

/* The longest pattern a matcher is built for: at most 128 words for each
 * of its (at most 8192) distinct characters, 8 MiB, and a scan of a text
 * twice its length 2 million steps. Anything longer is matched exactly
 * or not at all by the callers. */
#define MG_MYERS_MAX_LENGTH 8192

/* NULL when @m is 0 or more than MG_MYERS_MAX_LENGTH. */
MgMyers *mg_myers_new     (const gunichar *pattern,
                           guint           m);
void     mg_myers_free    (MgMyers        *myers);
guint    mg_myers_get_length (MgMyers     *myers);

/* For each j in [0, n): @dist[j] is the edit distance between the pattern
 * and the best substring of @text ending at j (inclusive).
 * With @anchored, the substring must start at text[0] instead: @dist[j] is
 * then the distance between the pattern and text[0..j]. */
void     mg_myers_scan    (MgMyers        *myers,
                           const gunichar *text,
                           guint           n,
                           gboolean        anchored,
                           guint          *dist);

/* The same, walking @text backwards from text[n - 1] (the pattern is
 * matched reversed): @dist[j] is for the substring ending at text[n - 1 - j]
 * when read backwards, i.e. text[n - 1 - j .. n - 1] when @anchored. The
 * pattern must have been created reversed (see mg_myers_new_reversed). */
void     mg_myers_scan_backwards (MgMyers        *myers,
                                  const gunichar *text,
                                  guint           n,
                                  gboolean        anchored,
                                  guint          *dist);

/* A matcher for @pattern read backwards. */
MgMyers *mg_myers_new_reversed (const gunichar *pattern,
                                guint           m);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MgMyers, mg_myers_free)

G_END_DECLS
