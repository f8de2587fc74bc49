/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Marginalia"
#include "config.h"

#include <string.h>

#include "cli-fixture.h"

/* marginalia-cli tidy, as cli.md gives it, on copies of the messy speeches
 * of tests/data/tidy. */

static void
copy_in (Fixture    *f,
         const char *dir,
         const char *name,
         const char *as)
{
  g_autofree char *file = g_strconcat (name, ".txt", NULL);
  g_autofree char *from = g_test_build_filename (G_TEST_DIST, "data", "tidy", dir, file, NULL);
  g_autofree char *to = fixture_path (f, as);
  g_autofree char *contents = NULL;
  gsize length = 0;
  g_autoptr(GError) error = NULL;

  g_file_get_contents (from, &contents, &length, &error);
  g_assert_no_error (error);
  g_file_set_contents (to, contents, length, &error);
  g_assert_no_error (error);
}

static char *
clean_text (const char *name)
{
  g_autofree char *file = g_strconcat (name, ".txt", NULL);
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "tidy", "clean", file, NULL);
  char *contents = NULL;

  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  return contents;
}

static void
test_list (Fixture       *f,
           gconstpointer  data)
{
  g_auto(Result) r = { 0 };
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GBytes) before = NULL;
  JsonObject *counts;
  JsonArray *changes;
  g_auto(GStrv) lines = NULL;

  copy_in (f, "messy", "zh-harbour", "gb.txt");
  before = snapshot (f, "gb.txt");

  RUN (f, &r, "tidy", "gb.txt");
  g_assert_cmpint (r.status, ==, 0);
  lines = g_strsplit (r.out, "\n", -1);
  g_assert_cmpstr (lines[0], ==, "kind\tstart\tend\tbefore\tafter");
  g_assert_true (g_str_has_prefix (lines[1], "blank-lines\t0\t"));
  assert_unchanged (f, "gb.txt", before);

  RUN (f, &r, "tidy", "gb.txt", "--json");
  g_assert_cmpint (r.status, ==, 0);
  root = parse_json (r.out);
  counts = json_object_get_object_member (json_node_get_object (root), "counts");
  changes = json_object_get_array_member (json_node_get_object (root), "changes");
  g_assert_cmpint (json_object_get_int_member (counts, "spaces"), >, 0);
  g_assert_cmpint (json_object_get_int_member (counts, "line-breaks"), >, 0);
  g_assert_cmpint (json_object_get_int_member (counts, "blank-lines"), >, 0);
  g_assert_cmpint (json_object_get_int_member (counts, "leftovers"), ==, 1);
  g_assert_cmpuint (json_array_get_length (changes), ==,
                    json_object_get_int_member (counts, "spaces") +
                    json_object_get_int_member (counts, "line-breaks") +
                    json_object_get_int_member (counts, "blank-lines") + 1);
  assert_unchanged (f, "gb.txt", before);
  g_clear_pointer (&root, json_node_unref);

  RUN (f, &r, "tidy", "gb.txt", "--json", "--keep", "spaces", "--keep", "leftovers");
  g_assert_cmpint (r.status, ==, 0);
  root = parse_json (r.out);
  counts = json_object_get_object_member (json_node_get_object (root), "counts");
  g_assert_cmpint (json_object_get_int_member (counts, "spaces"), ==, 0);
  g_assert_cmpint (json_object_get_int_member (counts, "leftovers"), ==, 0);
  g_assert_cmpint (json_object_get_int_member (counts, "line-breaks"), >, 0);
}

static void
test_usage (Fixture       *f,
            gconstpointer  data)
{
  g_auto(Result) r = { 0 };
  g_autoptr(GBytes) before = NULL;
  g_autofree char *names = NULL;

  copy_in (f, "messy", "zh-water", "w.txt");
  before = snapshot (f, "w.txt");
  names = listing (f);

  RUN (f, &r, "tidy", "w.txt", "--keep", "commas");
  g_assert_cmpint (r.status, ==, 1);
  RUN (f, &r, "tidy", "w.txt", "--in-place", "-o", "x.txt");
  g_assert_cmpint (r.status, ==, 1);
  RUN (f, &r, "tidy", "missing.txt");
  g_assert_cmpint (r.status, ==, 2);
  assert_unchanged (f, "w.txt", before);
  {
    g_autofree char *now = listing (f);

    g_assert_cmpstr (now, ==, names);
  }
}

/* --in-place: GB18030 and CRLF kept, DOC~, annotations carried; -o: UTF-8,
 * LF, its own sidecar, DOC untouched. */
static void
test_write (Fixture       *f,
            gconstpointer  data)
{
  g_auto(Result) r = { 0 };
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) before_sidecar = NULL;
  g_autoptr(GBytes) backup = NULL;
  g_autoptr(GBytes) after = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *clean = clean_text ("zh-harbour");
  g_autofree char *id = NULL;
  g_autofree char *out = NULL;
  JsonArray *list;
  JsonObject *a;
  const guint8 *bytes;
  gsize n;

  copy_in (f, "messy", "zh-harbour", "gb.txt");
  before = snapshot (f, "gb.txt");
  /* "2.1 亿吨" in the messy text: a quote across a space tidy removes. */
  RUN (f, &r, "add", "gb.txt", "--quote", "港口物流发展大会");
  g_assert_cmpint (r.status, ==, 0);
  id = strip_newline (g_strdup (r.out));

  RUN (f, &r, "tidy", "gb.txt", "-o", "out.txt");
  g_assert_cmpint (r.status, ==, 0);
  assert_unchanged (f, "gb.txt", before);
  after = snapshot (f, "out.txt");
  bytes = g_bytes_get_data (after, &n);
  g_assert_cmpmem (bytes, n, clean, strlen (clean));
  list = list_json (f, "out.txt", &root);
  g_assert_cmpuint (json_array_get_length (list), ==, 1);
  a = find_annotation (list, id);
  g_assert_cmpstr (json_object_get_string_member (a, "quote"), ==, "港口物流发展大会");
  g_assert_cmpstr (json_object_get_string_member (a, "state"), ==, "exact");
  g_clear_pointer (&root, json_node_unref);

  before_sidecar = snapshot (f, "gb.txt.marginalia.json");
  RUN (f, &r, "tidy", "gb.txt", "--in-place");
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.err, "leftovers: 1"));
  g_assert_nonnull (strstr (r.err, "1 exact"));
  backup = snapshot (f, "gb.txt~");
  assert_bytes_equal (backup, before);
  g_clear_pointer (&after, g_bytes_unref);
  after = snapshot (f, "gb.txt");
  bytes = g_bytes_get_data (after, &n);
  /* GB18030 with CRLF, as the file was. */
  g_assert_nonnull (memchr (bytes, '\r', n));
  g_assert_false (g_utf8_validate ((const char *) bytes, n, NULL));
  list = list_json (f, "gb.txt", &root);
  a = find_annotation (list, id);
  g_assert_cmpstr (json_object_get_string_member (a, "quote"), ==, "港口物流发展大会");
  g_assert_cmpstr (json_object_get_string_member (a, "state"), ==, "exact");
  g_clear_pointer (&root, json_node_unref);

  /* Done: nothing more to do, nothing written. */
  g_clear_pointer (&before, g_bytes_unref);
  before = snapshot (f, "gb.txt");
  RUN (f, &r, "tidy", "gb.txt", "--in-place");
  g_assert_cmpint (r.status, ==, 0);
  assert_unchanged (f, "gb.txt", before);
  out = listing (f);
  /* No temporary file left behind. */
  g_assert_null (strstr (out, "goutputstream"));
  g_assert_null (strstr (out, ".tmp"));
  g_assert_nonnull (strstr (out, "gb.txt gb.txt.marginalia.json gb.txt~ "));
  g_assert_nonnull (strstr (out, "out.txt out.txt.marginalia.json "));
}

/* A speech on one line: list --format json locates by sentence. */
static void
test_one_line (Fixture       *f,
               gconstpointer  data)
{
  g_auto(Result) r = { 0 };
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *path = fixture_path (f, "one.txt");
  JsonArray *list;
  JsonObject *a;

  for (guint i = 1; i <= 60; i++)
    g_string_append_printf (text, "This is sentence number %u of a speech that was pasted on one line. ", i);
  g_string_append (text, "The end.\n");
  g_assert_true (g_file_set_contents (path, text->str, -1, NULL));

  RUN (f, &r, "add", "one.txt", "--quote", "sentence number 42 of");
  g_assert_cmpint (r.status, ==, 0);
  RUN (f, &r, "info", "one.txt", "--json");
  g_assert_nonnull (strstr (r.out, "\"title\": \"one\""));
  list = list_json (f, "one.txt", &root);
  a = json_array_get_object_element (list, 0);
  g_assert_cmpint (json_object_get_int_member (a, "paragraph"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (a, "sentence"), ==, 42);
  RUN (f, &r, "export", "one.txt", "--format", "txt");
  g_assert_nonnull (strstr (r.out, "¶1 s.42"));
  RUN (f, &r, "tidy", "one.txt");
  g_assert_cmpstr (r.out, ==, "kind\tstart\tend\tbefore\tafter\n");
}

/* A speech of blank lines alone tidies to nothing: an empty file is
 * written (no crash on writing zero bytes), the old bytes kept as FILE~;
 * the same in UTF-16, whose empty text is its byte order mark. */
static void
test_to_nothing (Fixture       *f,
                 gconstpointer  data)
{
  g_auto(Result) r = { 0 };
  g_autoptr(GBytes) after = NULL;
  g_autoptr(GBytes) backup = NULL;
  g_autofree char *path = fixture_path (f, "blank.txt");
  g_autofree char *path16 = fixture_path (f, "blank16.txt");
  static const char utf16[] = "\xff\xfe\n\0\n\0\n\0";

  g_assert_true (g_file_set_contents (path, "\n\n\n", -1, NULL));
  RUN (f, &r, "tidy", "blank.txt", "--in-place");
  g_assert_cmpint (r.status, ==, 0);
  g_assert_null (strstr (r.err, "CRITICAL"));
  after = snapshot (f, "blank.txt");
  g_assert_cmpuint (g_bytes_get_size (after), ==, 0);
  backup = snapshot (f, "blank.txt~");
  g_assert_cmpmem (g_bytes_get_data (backup, NULL), g_bytes_get_size (backup), "\n\n\n", 3);
  RUN (f, &r, "info", "blank.txt", "--json");
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "\"length\": 0"));

  RUN (f, &r, "tidy", "blank.txt", "-o", "copy.txt");
  g_assert_cmpint (r.status, ==, 0);

  g_assert_true (g_file_set_contents (path16, utf16, sizeof utf16 - 1, NULL));
  RUN (f, &r, "tidy", "blank16.txt", "--in-place");
  g_assert_cmpint (r.status, ==, 0);
  g_clear_pointer (&after, g_bytes_unref);
  after = snapshot (f, "blank16.txt");
  g_assert_cmpmem (g_bytes_get_data (after, NULL), g_bytes_get_size (after), "\xff\xfe", 2);
  RUN (f, &r, "info", "blank16.txt");
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "UTF-16LE"));
}

/* The disk fills up while the tidied speech is written: exit 3, and the
 * speech, its sidecar and the folder are as they were (GIO's replace
 * would have left the speech cut short, or empty). A tidy killed while
 * writing leaves temporary files, which the next one removes. */
static void
test_write_fails (Fixture       *f,
                  gconstpointer  data)
{
  const char *in_place[] = { "tidy", "long.txt", "--in-place", NULL };
  const char *copy[] = { "tidy", "long.txt", "-o", "out.txt", NULL };
  static const char * const stale[] = {
    ".long.txt.saving-Ab3xYz", ".long.txt~.saving-0pQr9s",
    ".long.txt.saving-Ab3xYz7", ".other.txt.saving-Ab3xYz",
  };
  g_auto(Result) r = { 0 };
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) before_sidecar = NULL;
  g_autofree char *path = fixture_path (f, "long.txt");
  g_autofree char *names = NULL;
  g_autofree char *now = NULL;

  for (guint i = 1; i <= 300; i++)
    g_string_append_printf (text, "第 %u 段 讲话 的 内容 。\n\n\n", i);
  g_assert_cmpuint (text->len, >, 2 * 4096);
  g_assert_true (g_file_set_contents (path, text->str, (gssize) text->len, NULL));
  RUN (f, &r, "add", "long.txt", "--quote", "第 7 段");
  g_assert_cmpint (r.status, ==, 0);
  before = snapshot (f, "long.txt");
  before_sidecar = snapshot (f, "long.txt.marginalia.json");
  names = listing (f);

  run_small_files (f, in_place, &r);
  g_assert_cmpint (r.status, ==, 3);
  g_assert_nonnull (strstr (r.err, "long.txt"));
  assert_unchanged (f, "long.txt", before);
  assert_unchanged (f, "long.txt.marginalia.json", before_sidecar);
  now = listing (f);
  g_assert_cmpstr (now, ==, names);

  run_small_files (f, copy, &r);
  g_assert_cmpint (r.status, ==, 3);
  g_assert_null (snapshot (f, "out.txt"));
  g_assert_null (snapshot (f, "out.txt.marginalia.json"));
  g_clear_pointer (&now, g_free);
  now = listing (f);
  g_assert_cmpstr (now, ==, names);

  /* With room, the same command works, and removes what a tidy killed
   * while writing left (the temporary files of the speech and of its
   * backup), not files that only look alike. */
  for (guint i = 0; i < G_N_ELEMENTS (stale); i++)
    {
      g_autofree char *stale_path = fixture_path (f, stale[i]);

      g_assert_true (g_file_set_contents (stale_path, "第 1 段 讲", -1, NULL));
    }
  RUN (f, &r, "tidy", "long.txt", "--in-place");
  g_assert_cmpint (r.status, ==, 0);
  assert_unchanged (f, "long.txt~", before);
  g_clear_pointer (&now, g_free);
  now = listing (f);
  for (guint i = 0; i < G_N_ELEMENTS (stale); i++)
    {
      g_autofree char *name = g_strconcat (stale[i], " ", NULL);

      if (i < 2)
        g_assert_null (strstr (now, name));
      else
        g_assert_nonnull (strstr (now, name));
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/cli/tidy/list", Fixture, NULL, fixture_setup, test_list, fixture_teardown);
  g_test_add ("/cli/tidy/usage", Fixture, NULL, fixture_setup, test_usage, fixture_teardown);
  g_test_add ("/cli/tidy/write", Fixture, NULL, fixture_setup, test_write, fixture_teardown);
  g_test_add ("/cli/tidy/one-line", Fixture, NULL, fixture_setup, test_one_line, fixture_teardown);
  g_test_add ("/cli/tidy/to-nothing", Fixture, NULL, fixture_setup, test_to_nothing, fixture_teardown);
  g_test_add ("/cli/tidy/write-fails", Fixture, NULL, fixture_setup, test_write_fails, fixture_teardown);

  return g_test_run ();
}
