/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib/gstdio.h>

#include "mg-search.h"
#include "mg-sidecar.h"

/* A study folder for the tests of the study in core and in the window:
 * the speeches of tests/data/study copied into a new folder, with
 * sidecars written through core. keynote.md has a sidecar, so it counts;
 * notes.md has none and is left out.
 *
 *   2024-report.txt   “5.2%” figure (Li Wei); “项目为王” slogan (Li Wei)
 *   2025-report.txt   “5.4%” figure (Zhang Min); “新质生产力” slogan
 *                     (Zhang Min, starred, note “new this year”)
 *   keynote.md        “4.8 percent” figure (Ann Smith, starred, note
 *                     “growth slowed”); “Projects First” slogan (Ann Smith)
 */

static void
study_fixture_annotate (GFile      *speech,
                        const char *quote,
                        const char *tag,
                        const char *author,
                        gboolean    starred,
                        const char *note)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MgDocument) document = mg_document_load (speech, NULL, &error);
  g_autoptr(GFile) file = mg_sidecar_default_file (speech);
  g_autoptr(MgSidecar) sidecar = NULL;
  const char *tags[] = { tag, NULL };
  guint start = 0, end = 0;

  g_assert_no_error (error);
  sidecar = mg_sidecar_new (file, document);
  mg_sidecar_load (sidecar, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (mg_search_find_nth (document, quote, 1, &start, &end));
  g_assert_nonnull (mg_annotation_store_create (mg_sidecar_get_store (sidecar), start, end,
                                                tags, note, starred, author, &error));
  g_assert_no_error (error);
  mg_sidecar_save (sidecar, NULL, &error);
  g_assert_no_error (error);
}

/* Makes the study in a new folder under @parent; its path. */
G_GNUC_UNUSED static char *
study_fixture_make (const char *parent)
{
  static const char * const names[] = {
    "2024-report.txt", "2025-report.txt", "keynote.md", "notes.md",
  };
  g_autofree char *dir = g_build_filename (parent, "study", NULL);
  g_autoptr(GFile) folder = g_file_new_for_path (dir);
  g_autoptr(GFile) y2024 = g_file_get_child (folder, "2024-report.txt");
  g_autoptr(GFile) y2025 = g_file_get_child (folder, "2025-report.txt");
  g_autoptr(GFile) keynote = g_file_get_child (folder, "keynote.md");

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  for (gsize i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *from = g_test_build_filename (G_TEST_DIST, "data", "study", names[i], NULL);
      g_autofree char *to = g_build_filename (dir, names[i], NULL);
      g_autofree char *contents = NULL;
      g_autoptr(GError) error = NULL;
      gsize length = 0;

      g_file_get_contents (from, &contents, &length, &error);
      g_assert_no_error (error);
      g_file_set_contents (to, contents, length, &error);
      g_assert_no_error (error);
    }

  study_fixture_annotate (y2024, "5.2%", "figure", "Li Wei", FALSE, NULL);
  study_fixture_annotate (y2024, "项目为王", "slogan", "Li Wei", FALSE, NULL);
  study_fixture_annotate (y2025, "5.4%", "figure", "Zhang Min", FALSE, NULL);
  study_fixture_annotate (y2025, "新质生产力", "slogan", "Zhang Min", TRUE, "new this year");
  study_fixture_annotate (keynote, "4.8 percent", "figure", "Ann Smith", TRUE, "growth slowed");
  study_fixture_annotate (keynote, "Projects First", "slogan", "Ann Smith", FALSE, NULL);
  return g_steal_pointer (&dir);
}

/* Removes @dir and everything under it (the tests' folders are shallow). */
G_GNUC_UNUSED static void
study_fixture_remove (const char *dir)
{
  g_autoptr(GDir) handle = g_dir_open (dir, 0, NULL);
  const char *name;

  while (handle != NULL && (name = g_dir_read_name (handle)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      if (g_file_test (path, G_FILE_TEST_IS_DIR) && !g_file_test (path, G_FILE_TEST_IS_SYMLINK))
        study_fixture_remove (path);
      else
        g_unlink (path);
    }
  g_rmdir (dir);
}
