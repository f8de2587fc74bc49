/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <string.h>
#include <glib/gstdio.h>

#include "mg-sidecar.h"

/* Helpers shared by the sidecar tests. */

G_GNUC_UNUSED static char *
fixture_path (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "data", "sidecar", name, NULL);
}

G_GNUC_UNUSED static GBytes *
fixture_bytes (const char *name)
{
  g_autofree char *path = fixture_path (name);
  g_autoptr(GError) error = NULL;
  char *data = NULL;
  gsize length = 0;

  g_file_get_contents (path, &data, &length, &error);
  g_assert_no_error (error);
  return g_bytes_new_take (data, length);
}

G_GNUC_UNUSED static char *
speech_text (void)
{
  g_autoptr(GBytes) bytes = fixture_bytes ("speech.txt");

  return g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
}

G_GNUC_UNUSED static MgDocument *
speech (void)
{
  g_autofree char *text = speech_text ();

  return mg_document_new_for_text (text, -1, "讲话.txt");
}

G_GNUC_UNUSED static GBytes *
file_bytes (const char *path)
{
  char *data = NULL;
  gsize length = 0;

  if (!g_file_get_contents (path, &data, &length, NULL))
    return NULL;
  return g_bytes_new_take (data, length);
}

G_GNUC_UNUSED static void
write_file (const char *path,
            GBytes     *bytes)
{
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, g_bytes_get_data (bytes, NULL), (gssize) g_bytes_get_size (bytes), &error);
  g_assert_no_error (error);
}

G_GNUC_UNUSED static void
assert_bytes_equal (GBytes *a,
                    GBytes *b)
{
  g_assert_nonnull (a);
  g_assert_nonnull (b);
  if (!g_bytes_equal (a, b))
    {
      g_autofree char *sa = g_strndup (g_bytes_get_data (a, NULL), g_bytes_get_size (a));
      g_autofree char *sb = g_strndup (g_bytes_get_data (b, NULL), g_bytes_get_size (b));

      g_assert_cmpstr (sa, ==, sb);
    }
}

G_GNUC_UNUSED static void
rm_rf (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir != NULL)
    {
      g_chmod (path, 0755);
      while ((name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);
          rm_rf (child);
        }
      g_rmdir (path);
    }
  else
    g_remove (path);
}

G_GNUC_UNUSED static guint
count_entries (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  guint n = 0;

  g_assert_nonnull (dir);
  while (g_dir_read_name (dir) != NULL)
    n++;
  return n;
}

G_GNUC_UNUSED static MgAnnotation *
lookup (MgSidecar  *sidecar,
        const char *id)
{
  MgAnnotation *a = mg_annotation_store_lookup (mg_sidecar_get_store (sidecar), id);

  g_assert_nonnull (a);
  return a;
}
