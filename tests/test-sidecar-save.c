/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Marginalia"
#include "config.h"

#include <fcntl.h>
#include <unistd.h>
#include <sys/stat.h>

#include "sidecar-test-util.h"

/* Saving: atomic, never over a file that failed to load, and a failed
 * write leaves the old file as it was. */

static void
test_too_large (void)
{
  g_autofree char *dir = g_dir_make_tmp ("mg-sidecar-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "big.marginalia.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(MgSidecar) sidecar = mg_sidecar_new (file, NULL);
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;
  gint64 started;
  GStatBuf st;
  int fd;

  /* A sparse file: large on paper, instant to make. */
  fd = g_open (path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (ftruncate (fd, (off_t) MG_SIDECAR_MAX_SIZE + 4096), ==, 0);
  g_assert_cmpint (close (fd), ==, 0);

  started = g_get_monotonic_time ();
  g_assert_false (mg_sidecar_load (sidecar, NULL, &error));
  g_assert_error (error, MG_SIDECAR_ERROR, MG_SIDECAR_ERROR_TOO_LARGE);
  /* Refused without reading 64 MiB. */
  g_assert_cmpint (g_get_monotonic_time () - started, <, G_USEC_PER_SEC);
  g_assert_true (mg_sidecar_get_broken (sidecar));
  g_clear_error (&error);

  problems = mg_sidecar_validate_file (file, NULL, NULL);
  g_assert_cmpuint (problems->len, ==, 1);
  g_assert_nonnull (strstr (((MgSidecarProblem *) g_ptr_array_index (problems, 0))->message, "too large"));

  g_assert_false (mg_sidecar_save (sidecar, NULL, &error));
  g_assert_error (error, MG_SIDECAR_ERROR, MG_SIDECAR_ERROR_BROKEN);
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_size, ==, (goffset) MG_SIDECAR_MAX_SIZE + 4096);
  rm_rf (dir);
}

static void
assert_broken_name (GFile      *moved_to,
                    const char *path)
{
  g_autofree char *moved = g_file_get_path (moved_to);
  g_autofree char *prefix = g_strconcat (path, ".broken-", NULL);
  const char *stamp;

  g_test_message ("set aside as %s", moved);
  g_assert_true (g_str_has_prefix (moved, prefix));
  stamp = moved + strlen (prefix);
  g_assert_cmpuint (strlen (stamp), >=, 15);
  for (guint i = 0; i < 15; i++)
    {
      if (i == 8)
        g_assert_cmpint (stamp[i], ==, 'T');
      else
        g_assert_true (g_ascii_isdigit (stamp[i]));
    }
}

static void
test_broken_never_overwritten (void)
{
  g_autofree char *dir = g_dir_make_tmp ("mg-sidecar-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "讲话.txt.marginalia.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(MgDocument) document = speech ();
  g_autoptr(MgSidecar) sidecar = mg_sidecar_new (file, document);
  g_autoptr(GBytes) broken = g_bytes_new_static ("{ \"format\": \"marginalia-annotations\", \"annotations\": [ {", 55);
  g_autoptr(GBytes) after = NULL;
  g_autoptr(GBytes) aside = NULL;
  g_autoptr(GFile) moved_to = NULL;
  g_autoptr(GFile) moved_again = NULL;
  g_autoptr(MgSidecar) reread = NULL;
  g_autoptr(GError) error = NULL;
  MgAnnotationStore *store;

  write_file (path, broken);
  g_assert_false (mg_sidecar_load (sidecar, NULL, &error));
  g_assert_error (error, MG_SIDECAR_ERROR, MG_SIDECAR_ERROR_PARSE);
  g_clear_error (&error);
  g_assert_true (mg_sidecar_get_broken (sidecar));

  /* Whatever happens in memory, the file is not replaced. */
  store = mg_sidecar_get_store (sidecar);
  mg_annotation_store_create (store, 26, 30, NULL, "", FALSE, "李伟", &error);
  g_assert_no_error (error);
  g_assert_false (mg_sidecar_save (sidecar, NULL, &error));
  g_assert_error (error, MG_SIDECAR_ERROR, MG_SIDECAR_ERROR_BROKEN);
  g_clear_error (&error);
  g_assert_false (mg_sidecar_save_as (sidecar, file, NULL, &error));
  g_assert_error (error, MG_SIDECAR_ERROR, MG_SIDECAR_ERROR_BROKEN);
  g_clear_error (&error);
  after = file_bytes (path);
  assert_bytes_equal (after, broken);
  g_assert_cmpuint (count_entries (dir), ==, 1);

  /* Starting afresh sets the file aside first. */
  g_assert_true (mg_sidecar_start_afresh (sidecar, &moved_to, &error));
  g_assert_no_error (error);
  g_assert_nonnull (moved_to);
  assert_broken_name (moved_to, path);
  aside = file_bytes (g_file_peek_path (moved_to));
  assert_bytes_equal (aside, broken);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_assert_false (mg_sidecar_get_broken (sidecar));
  g_assert_cmpuint (mg_sidecar_get_problems (sidecar)->len, ==, 0);
  store = mg_sidecar_get_store (sidecar);
  g_assert_cmpuint (mg_annotation_store_get_n_annotations (store), ==, 0);
  g_assert_cmpuint (mg_tag_set_get_n_tags (mg_annotation_store_get_tag_set (store)), ==, 3);
  g_assert_true (mg_sidecar_get_document (sidecar) == document);

  mg_annotation_store_create (store, 26, 30, NULL, "", FALSE, "李伟", &error);
  g_assert_no_error (error);
  g_assert_true (mg_sidecar_save (sidecar, NULL, &error));
  g_assert_no_error (error);
  reread = mg_sidecar_new (file, document);
  g_assert_true (mg_sidecar_load (reread, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (mg_annotation_store_get_n_annotations (mg_sidecar_get_store (reread)), ==, 1);

  /* Broken again within the same second: the earlier copy is kept. */
  write_file (path, broken);
  g_assert_false (mg_sidecar_load (reread, NULL, &error));
  g_clear_error (&error);
  g_assert_true (mg_sidecar_start_afresh (reread, &moved_again, &error));
  g_assert_no_error (error);
  assert_broken_name (moved_again, path);
  g_assert_false (g_file_equal (moved_to, moved_again));
  g_assert_true (g_file_query_exists (moved_to, NULL));
  g_assert_true (g_file_query_exists (moved_again, NULL));

  rm_rf (dir);
}

static void
test_save_failure (void)
{
  g_autofree char *dir = g_dir_make_tmp ("mg-sidecar-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "s.marginalia.json", NULL);
  g_autofree char *nowhere = g_build_filename (dir, "missing", "s.marginalia.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFile) nowhere_file = g_file_new_for_path (nowhere);
  g_autoptr(MgDocument) document = speech ();
  g_autoptr(MgSidecar) sidecar = mg_sidecar_new (file, document);
  g_autoptr(MgSidecar) orphan = mg_sidecar_new (nowhere_file, document);
  g_autoptr(GError) error = NULL;

  g_assert_true (mg_sidecar_load (sidecar, NULL, &error));
  g_assert_no_error (error);
  mg_annotation_store_create (mg_sidecar_get_store (sidecar), 26, 30, NULL, "", FALSE, "李伟", &error);
  g_assert_no_error (error);

  /* The target is a folder (works as root too). */
  g_assert_cmpint (g_mkdir (path, 0755), ==, 0);
  g_assert_false (mg_sidecar_save (sidecar, NULL, &error));
  g_assert_error (error, MG_SIDECAR_ERROR, MG_SIDECAR_ERROR_WRITE);
  g_assert_nonnull (strstr (error->message, "s.marginalia.json"));
  g_clear_error (&error);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_DIR));
  g_assert_true (mg_annotation_store_get_dirty (mg_sidecar_get_store (sidecar)));
  g_assert_cmpint (g_rmdir (path), ==, 0);

  /* The folder does not exist. */
  g_assert_true (mg_sidecar_load (orphan, NULL, &error));
  g_assert_no_error (error);
  g_assert_false (mg_sidecar_save (orphan, NULL, &error));
  g_assert_error (error, MG_SIDECAR_ERROR, MG_SIDECAR_ERROR_WRITE);
  g_assert_false (g_file_test (nowhere, G_FILE_TEST_EXISTS));
  rm_rf (dir);
}

static void
test_save_read_only_folder (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(MgDocument) document = NULL;
  g_autoptr(MgSidecar) sidecar = NULL;
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;
  g_autoptr(GError) error = NULL;

  if (geteuid () == 0)
    {
      g_test_skip ("running as root: permissions do not stop writes (the folder-as-target case covers a failed save)");
      return;
    }

  dir = g_dir_make_tmp ("mg-sidecar-XXXXXX", NULL);
  path = g_build_filename (dir, "r.marginalia.json", NULL);
  file = g_file_new_for_path (path);
  document = speech ();
  sidecar = mg_sidecar_new (file, document);

  g_assert_true (mg_sidecar_load (sidecar, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (mg_sidecar_save (sidecar, NULL, &error));
  g_assert_no_error (error);
  before = file_bytes (path);

  mg_annotation_store_create (mg_sidecar_get_store (sidecar), 26, 30, NULL, "", FALSE, "李伟", &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_chmod (dir, 0555), ==, 0);
  g_assert_false (mg_sidecar_save (sidecar, NULL, &error));
  g_assert_error (error, MG_SIDECAR_ERROR, MG_SIDECAR_ERROR_WRITE);
  g_assert_cmpint (g_chmod (dir, 0755), ==, 0);

  after = file_bytes (path);
  assert_bytes_equal (after, before);
  g_assert_cmpuint (count_entries (dir), ==, 1);
  rm_rf (dir);
}

static void
test_save_through_symlink (void)
{
  g_autofree char *dir = g_dir_make_tmp ("mg-sidecar-XXXXXX", NULL);
  g_autofree char *real = g_build_filename (dir, "real.json", NULL);
  g_autofree char *link = g_build_filename (dir, "link.marginalia.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (link);
  g_autoptr(MgDocument) document = speech ();
  g_autoptr(MgSidecar) sidecar = mg_sidecar_new (file, document);
  g_autoptr(GBytes) golden = fixture_bytes ("golden.marginalia.json");
  g_autoptr(GBytes) after = NULL;
  g_autoptr(GError) error = NULL;

  write_file (real, golden);
  g_assert_cmpint (symlink ("real.json", link), ==, 0);
  g_assert_true (mg_sidecar_load (sidecar, NULL, &error));
  g_assert_no_error (error);
  mg_annotation_store_remove (mg_sidecar_get_store (sidecar),
                              lookup (sidecar, "5b0c7a8e-3d6f-4a59-9f3e-1c2b7d4e8a10"));
  g_assert_true (mg_sidecar_save (sidecar, NULL, &error));
  g_assert_no_error (error);

  /* The link is still a link, and its target holds the change. */
  g_assert_true (g_file_test (link, G_FILE_TEST_IS_SYMLINK));
  after = file_bytes (real);
  g_assert_false (g_bytes_equal (after, golden));
  g_assert_null (strstr (g_bytes_get_data (after, NULL), "5b0c7a8e"));
  g_assert_cmpuint (count_entries (dir), ==, 2);
  rm_rf (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/sidecar/too-large", test_too_large);
  g_test_add_func ("/sidecar/broken/never-overwritten", test_broken_never_overwritten);
  g_test_add_func ("/sidecar/save/failure", test_save_failure);
  g_test_add_func ("/sidecar/save/read-only-folder", test_save_read_only_folder);
  g_test_add_func ("/sidecar/save/symlink", test_save_through_symlink);

  return g_test_run ();
}
