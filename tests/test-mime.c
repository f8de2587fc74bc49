/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The sidecar's MIME type as the desktop sees it: our shared-mime-info
 * file built into a MIME database of its own, then asked through GIO;
 * and the desktop file claiming it. */
#include "config.h"

#include <string.h>
#include <gio/gio.h>
#include <glib/gstdio.h>

#define SIDECAR_TYPE "application/x-marginalia-annotations+json"

static char *mime_root;

static void
test_mime_glob (void)
{
  g_autofree char *type = NULL;
  g_autofree char *json = NULL;
  g_autofree char *from_data = NULL;
  g_autofree char *description = NULL;
    static const char sidecar[] = "{\n  \"format\": \"marginalia-annotations\",\n  \"version\": 1\n}\n";

  if (mime_root == NULL)
    {
      g_test_skip ("update-mime-database is not installed");
      return;
    }

  type = g_content_type_guess ("讲话.txt.marginalia.json", NULL, 0, NULL);
  g_assert_cmpstr (type, ==, SIDECAR_TYPE);
  g_assert_true (g_content_type_is_a (type, "application/json"));
  description = g_content_type_get_description (type);
  g_assert_cmpstr (description, ==, "Marginalia annotations");

  /* Other JSON stays JSON; the name decides, not the contents. */
  json = g_content_type_guess ("notes.json", (const guchar *) sidecar, sizeof sidecar - 1, NULL);
  g_assert_cmpstr (json, ==, "application/json");
  from_data = g_content_type_guess ("speech.marginalia.json.txt", NULL, 0, NULL);
  g_assert_cmpstr (from_data, !=, SIDECAR_TYPE);
}

static void
test_desktop_claims_type (void)
{
  const char *path = g_getenv ("MG_DESKTOP_FILE");
  g_autoptr(GKeyFile) key_file = g_key_file_new ();
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) types = NULL;

  g_assert_nonnull (path);
  g_key_file_load_from_file (key_file, path, G_KEY_FILE_NONE, &error);
  g_assert_no_error (error);
  types = g_key_file_get_string_list (key_file, "Desktop Entry", "MimeType", NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_strv_contains ((const char * const *) types, SIDECAR_TYPE));
  g_assert_true (g_strv_contains ((const char * const *) types, "text/plain"));
}

/* @root/mime/packages/ holds our file; update-mime-database builds the
 * rest. FALSE when the program is missing. */
static gboolean
build_database (const char *root)
{
  g_autofree char *packages = g_build_filename (root, "mime", "packages", NULL);
  g_autofree char *copy = g_build_filename (packages, "org.marginalia.Marginalia.xml", NULL);
  g_autofree char *mime = g_build_filename (root, "mime", NULL);
  g_autofree char *program = g_find_program_in_path ("update-mime-database");
  g_autofree char *contents = NULL;
  gsize length;
  g_autoptr(GError) error = NULL;
  int status = -1;
  const char *argv[] = { NULL, mime, NULL };

  g_file_get_contents (g_getenv ("MG_MIME_FILE"), &contents, &length, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_mkdir_with_parents (packages, 0700), ==, 0);
  g_assert_true (g_file_set_contents (copy, contents, length, NULL));
  if (program == NULL)
    return FALSE;
  argv[0] = program;
  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL,
                NULL, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return TRUE;
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir != NULL)
    while ((name = g_dir_read_name (dir)) != NULL)
      {
        g_autofree char *child = g_build_filename (path, name, NULL);

        if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
          remove_tree (child);
        else
          g_unlink (child);
      }
  g_rmdir (path);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *root = g_dir_make_tmp ("marginalia-mime-XXXXXX", NULL);
  g_autofree char *dirs = NULL;
  int ret;

  g_assert_nonnull (root);
  /* The database first, then GIO pointed at it and the system's, before
   * it reads either. */
  if (build_database (root))
    mime_root = g_strdup (root);
  dirs = g_strdup_printf ("%s:%s", root,
                          g_getenv ("XDG_DATA_DIRS") ? g_getenv ("XDG_DATA_DIRS") : "/usr/local/share:/usr/share");
  g_setenv ("XDG_DATA_DIRS", dirs, TRUE);
  g_setenv ("XDG_DATA_HOME", root, TRUE);

  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/mime/glob", test_mime_glob);
  g_test_add_func ("/mime/desktop-file", test_desktop_claims_type);
  ret = g_test_run ();

  remove_tree (root);
  g_free (mime_root);
  return ret;
}
