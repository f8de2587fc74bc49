/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Marginalia"
#include "config.h"

#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "cli-fixture.h"

/* marginalia-cli given hostile arguments and files: numbers too large for
 * any integer, quotes of any length, sidecars with something after their
 * JSON. Each is a clear message and the right exit status, and no file
 * changes. */

/* The speech of tests/data/cli has 209 characters. */
#define SPEECH_LENGTH "209"

static void
assert_no_sidecar (Fixture *f)
{
  g_autofree char *path = fixture_path (f, SIDECAR);

  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
}

static void
test_range_overflow (Fixture       *f,
                     gconstpointer  data)
{
  g_auto(Result) r = { 0 };
  g_autofree char *names = listing (f);
  g_autofree char *now = NULL;

  /* Numbers past G_MAXUINT and G_MAXUINT64 are beyond the text, not
   * clamped into an "empty" range or a wrapped one. */
  RUN (f, &r, "add", SPEECH, "--range", "0:4294967296");
  g_assert_cmpint (r.status, ==, 2);
  g_assert_nonnull (strstr (r.err, "0:4294967296"));
  g_assert_nonnull (strstr (r.err, SPEECH_LENGTH));
  g_assert_cmpstr (r.out, ==, "");

  RUN (f, &r, "add", SPEECH, "--range", "4294967295:4294967296");
  g_assert_cmpint (r.status, ==, 2);
  g_assert_nonnull (strstr (r.err, "4294967295:4294967296"));
  g_assert_null (strstr (r.err, "empty"));

  RUN (f, &r, "add", SPEECH, "--range", "18446744073709551616:18446744073709551617");
  g_assert_cmpint (r.status, ==, 2);
  g_assert_nonnull (strstr (r.err, "18446744073709551616:18446744073709551617"));
  g_assert_null (strstr (r.err, "empty"));

  RUN (f, &r, "add", SPEECH, "--range", "99999999999999999999999:1");
  g_assert_cmpint (r.status, ==, 2);
  g_assert_nonnull (strstr (r.err, "reversed"));

  /* Equal numbers written differently are an empty range. */
  RUN (f, &r, "add", SPEECH, "--range", "007:7");
  g_assert_cmpint (r.status, ==, 2);
  g_assert_nonnull (strstr (r.err, "7:7"));
  g_assert_nonnull (strstr (r.err, "empty"));

  /* Not numbers at all: wrong usage. */
  RUN (f, &r, "add", SPEECH, "--range", "-1:5");
  g_assert_cmpint (r.status, ==, 1);
  RUN (f, &r, "add", SPEECH, "--range", "1:5:9");
  g_assert_cmpint (r.status, ==, 1);

  assert_no_sidecar (f);
  now = listing (f);
  g_assert_cmpstr (now, ==, names);

  /* Leading zeros and the last character still work. */
  {
    g_autofree char *id = add_ok (f, "--range", "0208:" SPEECH_LENGTH, NULL);
    g_autoptr(JsonNode) root = NULL;
    JsonArray *array = list_json (f, SPEECH, &root);
    JsonObject *a = find_annotation (array, id);

    g_assert_cmpint (json_object_get_int_member (a, "start"), ==, 208);
    g_assert_cmpint (json_object_get_int_member (a, "end"), ==, 209);
  }
}

static void
test_occurrence_overflow (Fixture       *f,
                          gconstpointer  data)
{
  g_auto(Result) r = { 0 };

  /* An occurrence past the last is bad data (2), however large. */
  RUN (f, &r, "add", SPEECH, "--quote", "项目为王", "--occurrence", "99999999999");
  g_assert_cmpint (r.status, ==, 2);
  g_assert_nonnull (strstr (r.err, "99999999999"));
  g_assert_nonnull (strstr (r.err, SPEECH));
  g_assert_cmpstr (r.out, ==, "");

  RUN (f, &r, "add", SPEECH, "--quote", "项目为王", "--occurrence", "3");
  g_assert_cmpint (r.status, ==, 2);
  g_assert_nonnull (strstr (r.err, "2"));

  /* Counting starts at 1; anything else is wrong usage. */
  RUN (f, &r, "add", SPEECH, "--quote", "项目为王", "--occurrence", "0");
  g_assert_cmpint (r.status, ==, 1);
  RUN (f, &r, "add", SPEECH, "--quote", "项目为王", "--occurrence", "-1");
  g_assert_cmpint (r.status, ==, 1);
  RUN (f, &r, "add", SPEECH, "--quote", "项目为王", "--occurrence", "two");
  g_assert_cmpint (r.status, ==, 1);
  g_assert_nonnull (strstr (r.err, "two"));
  assert_no_sidecar (f);

  {
    g_autofree char *id = add_ok (f, "--quote", "项目为王", "--occurrence", "002", NULL);
    g_autoptr(JsonNode) root = NULL;
    JsonArray *array = list_json (f, SPEECH, &root);
    JsonObject *a = find_annotation (array, id);

    g_assert_cmpint (json_object_get_int_member (a, "start"), >, 100);
  }
}

static void
test_long_quote (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GString) quote = g_string_new (NULL);
  g_auto(Result) r = { 0 };

  for (guint i = 0; i < 20000; i++)
    g_string_append (quote, "长");

  /* The message names the file and shows the start of the quote, not
   * sixty thousand bytes of it. */
  RUN (f, &r, "add", SPEECH, "--quote", quote->str);
  g_assert_cmpint (r.status, ==, 2);
  g_assert_nonnull (strstr (r.err, SPEECH));
  g_assert_nonnull (strstr (r.err, "长长长"));
  g_assert_nonnull (strstr (r.err, "…"));
  g_assert_cmpuint (strlen (r.err), <, 1000);
  assert_no_sidecar (f);
}

static void
test_validate_whole_file (Fixture       *f,
                          gconstpointer  data)
{
  g_autofree char *path = fixture_path (f, "huge.json");
  g_auto(Result) r = { 0 };
  int fd;

  /* A sparse file over the size limit: a problem of the whole file, still
   * printed as SIDECAR:LINE:COLUMN: message. */
  fd = g_open (path, O_WRONLY | O_CREAT, 0644);
  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (ftruncate (fd, (goffset) 65 * 1024 * 1024), ==, 0);
  g_close (fd, NULL);

  RUN (f, &r, "validate", "huge.json");
  g_assert_cmpint (r.status, ==, 2);
  check_problem_lines (r.out, "huge.json", 1);
  g_assert_true (g_str_has_prefix (r.out, "huge.json:1:1: "));
}

static void
test_trailing_json (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *path = fixture_path (f, SIDECAR);
  g_autofree char *id = add_ok (f, "--quote", "项目为王", NULL);
  g_autofree char *contents = NULL;
  g_autofree char *spoiled = NULL;
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(Result) r = { 0 };

  /* A second value after the object (two files pasted together): not a
   * sidecar, and not to be silently cut off by the next save. */
  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  spoiled = g_strconcat (contents, "{\"annotations\": []}\n", NULL);
  g_file_set_contents (path, spoiled, -1, &error);
  g_assert_no_error (error);
  before = snapshot (f, SIDECAR);

  RUN (f, &r, "list", SPEECH);
  g_assert_cmpint (r.status, ==, 2);
  g_assert_nonnull (strstr (r.err, SIDECAR));
  RUN (f, &r, "add", SPEECH, "--quote", "高质量发展");
  g_assert_cmpint (r.status, ==, 2);
  assert_unchanged (f, SIDECAR, before);
  RUN (f, &r, "remove", SPEECH, id);
  g_assert_cmpint (r.status, ==, 2);
  assert_unchanged (f, SIDECAR, before);

  RUN (f, &r, "validate", SIDECAR);
  g_assert_cmpint (r.status, ==, 2);
  check_problem_lines (r.out, SIDECAR, 1);
}

static void
test_tag_definitions (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *path = fixture_path (f, SIDECAR);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(Result) r = { 0 };

  /* An empty display name is refused for a new tag as for a renamed one. */
  RUN (f, &r, "tags", SPEECH, "--add", "reform", "--name", "");
  g_assert_cmpint (r.status, ==, 1);
  g_assert_nonnull (strstr (r.err, "empty"));
  assert_no_sidecar (f);

  RUN (f, &r, "tags", SPEECH, "--add", "reform", "--color", "#GGGGGG");
  g_assert_cmpint (r.status, ==, 2);
  g_assert_nonnull (strstr (r.err, "#GGGGGG"));
  assert_no_sidecar (f);

  /* Colours are written #rrggbb, lowercase, however they were typed. */
  RUN (f, &r, "tags", SPEECH, "--add", "reform", "--name", "改革", "--color", "#ABCDEF");
  g_assert_cmpint (r.status, ==, 0);
  RUN (f, &r, "tags", SPEECH, "--rename", "figure", "--color", "#FFEE00");
  g_assert_cmpint (r.status, ==, 0);
  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (contents, "\"color\": \"#abcdef\""));
  g_assert_nonnull (strstr (contents, "\"color\": \"#ffee00\""));
  g_assert_null (strstr (contents, "ABCDEF"));
}

static void
test_write_fails_midway (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *note = g_strnfill (8000, 'n');
  const char *argv[] = { "add", SPEECH, "--quote", "项目为王", "--note", note, NULL };
  g_auto(Result) r = { 0 };
  g_autofree char *names = NULL;
  g_autofree char *now = NULL;
  g_autoptr(GBytes) before = NULL;

  g_free (add_ok (f, "--quote", "高质量发展", NULL));
  before = snapshot (f, SIDECAR);
  g_assert_cmpuint (g_bytes_get_size (before), <, 4096);
  names = listing (f);

  /* The new sidecar cannot be written in full (as on a full disk): the
   * command fails with 3, the old file is left whole, and no temporary
   * file is left behind. */
  run_small_files (f, argv, &r);
  g_assert_cmpint (r.status, ==, 3);
  g_assert_nonnull (strstr (r.err, SIDECAR));
  g_assert_cmpstr (r.out, ==, "");
  assert_unchanged (f, SIDECAR, before);
  now = listing (f);
  g_assert_cmpstr (now, ==, names);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/cli-robustness/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("range-overflow", test_range_overflow);
  ADD ("occurrence-overflow", test_occurrence_overflow);
  ADD ("long-quote", test_long_quote);
  ADD ("validate-whole-file", test_validate_whole_file);
  ADD ("trailing-json", test_trailing_json);
  ADD ("tag-definitions", test_tag_definitions);
  ADD ("write-fails-midway", test_write_fails_midway);

  return g_test_run ();
}
