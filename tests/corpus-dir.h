/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

/* The shared corpus of real speeches, when present: $MG_CORPUS_DIR, or
 * shared/corpus beside the checkout (tests/ of a checkout next to shared/,
 * or of a worktree one level down). NULL when there is none; the tests
 * that use it skip and say so. */
static inline char *
mg_test_find_corpus (void)
{
  const char *env = g_getenv ("MG_CORPUS_DIR");
  const char *srcdir = g_getenv ("G_TEST_SRCDIR");
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;

  if (env != NULL && g_file_test (env, G_FILE_TEST_IS_DIR))
    return g_strdup (env);
  if (srcdir == NULL)
    return NULL;
  a = g_build_filename (srcdir, "..", "..", "shared", "corpus", NULL);
  if (g_file_test (a, G_FILE_TEST_IS_DIR))
    return g_steal_pointer (&a);
  b = g_build_filename (srcdir, "..", "..", "..", "shared", "corpus", NULL);
  if (g_file_test (b, G_FILE_TEST_IS_DIR))
    return g_steal_pointer (&b);
  return NULL;
}
