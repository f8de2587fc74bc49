/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Marginalia"
#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "cli-fixture.h"

/* marginalia-cli at the edges: output that cannot be written after a
 * save, arguments that are empty or misplaced, a speech whose file changed
 * but not its text, and sidecars that JSON reads but we must not. */

static void
write_file (Fixture    *f,
            const char *name,
            const char *contents)
{
  g_autofree char *path = fixture_path (f, name);

  g_assert_true (g_file_set_contents (path, contents, -1, NULL));
}

static void
copy_file (Fixture    *f,
           const char *from,
           const char *to)
{
  g_autofree char *from_path = fixture_path (f, from);
  g_autofree char *to_path = fixture_path (f, to);
  g_autofree char *contents = NULL;
  gsize length;

  g_assert_true (g_file_get_contents (from_path, &contents, &length, NULL));
  g_assert_true (g_file_set_contents (to_path, contents, (gssize) length, NULL));
}

static gboolean
contains (GBytes     *bytes,
          const char *text)
{
  return g_strstr_len (g_bytes_get_data (bytes, NULL), (gssize) g_bytes_get_size (bytes),
                       text) != NULL;
}

/* stdout fails after the save: status 3, a message that says nothing was
 * added, and the sidecar as it was (or still absent). */
static void
test_add_output_fails (Fixture       *f,
                       gconstpointer  data)
{
  const char *argv[] = { "add", SPEECH, "--quote", "项目为王", NULL };
  g_autoptr(GBytes) before = NULL;
  g_auto(Result) r = { 0 };
  g_autofree char *id = NULL;
  g_autofree char *sidecar = fixture_path (f, SIDECAR);

  if (!g_file_test ("/dev/full", G_FILE_TEST_EXISTS))
    {
      g_test_skip ("no /dev/full to fail writing the output");
      return;
    }

  run_full (f, NULL, "/dev/full", argv, &r);
  g_assert_cmpint (r.status, ==, 3);
  g_assert_nonnull (strstr (r.err, "standard output"));
  g_assert_nonnull (strstr (r.err, "nothing was added"));
  g_assert_false (g_file_test (sidecar, G_FILE_TEST_EXISTS));

  id = add_ok (f, "--quote", "高质量发展", NULL);
  before = snapshot (f, SIDECAR);
  result_clear (&r);
  run_full (f, NULL, "/dev/full", argv, &r);
  g_assert_cmpint (r.status, ==, 3);
  g_assert_nonnull (strstr (r.err, "nothing was added"));
  assert_unchanged (f, SIDECAR, before);
}

static void
test_add_arguments (Fixture       *f,
                    gconstpointer  data)
{
  g_auto(Result) r = { 0 };

  /* `add DOC ""`: says what to give instead. */
  RUN (f, &r, "add", SPEECH, "");
  g_assert_cmpint (r.status, ==, 1);
  g_assert_nonnull (strstr (r.err, "empty argument"));
  g_assert_nonnull (strstr (r.err, "--quote"));
  g_assert_cmpstr (r.out, ==, "");

  /* `add DOC TEXT`: the quote without --quote. */
  RUN (f, &r, "add", SPEECH, "项目为王");
  g_assert_cmpint (r.status, ==, 1);
  g_assert_nonnull (strstr (r.err, "项目为王"));
  g_assert_nonnull (strstr (r.err, "--quote"));

  RUN (f, &r, "add", SPEECH, "--quote", "");
  g_assert_cmpint (r.status, ==, 2);
  g_assert_nonnull (strstr (r.err, "--quote is empty"));

  RUN (f, &r, "add", SPEECH, "--quote", "项目为王", "extra");
  g_assert_cmpint (r.status, ==, 1);
  g_assert_nonnull (strstr (r.err, "unexpected argument “extra”"));
  g_assert_null (snapshot (f, SIDECAR));
}

/* The speech saved again in GB18030 with CRLF: same text, same sha256,
 * but the sidecar's document.encoding is out of date: anchor writes it,
 * once. */
static void
test_anchor_encoding (Fixture       *f,
                      gconstpointer  data)
{
  g_auto(Result) r = { 0 };
  g_autofree char *id = add_ok (f, "--quote", "项目为王", NULL);
  g_autoptr(GBytes) utf8 = snapshot (f, SIDECAR);
  g_autoptr(GBytes) gb = NULL;
  g_autoptr(GBytes) utf16 = NULL;

  g_assert_true (contains (utf8, "\"encoding\": \"UTF-8\""));

  copy_file (f, "speech-gb18030.txt", SPEECH);
  RUN (f, &r, "anchor", SPEECH);
  g_assert_cmpint (r.status, ==, 0);
  gb = snapshot (f, SIDECAR);
  g_assert_true (contains (gb, "\"encoding\": \"GB18030\""));
  g_assert_true (contains (gb, SPEECH_SHA));
  g_assert_true (contains (gb, id));

  /* Nothing more to bring up to date: the file stays byte for byte. */
  RUN (f, &r, "anchor", SPEECH);
  g_assert_cmpint (r.status, ==, 0);
  assert_unchanged (f, SIDECAR, gb);

  copy_file (f, "speech-utf16le-crlf.txt", SPEECH);
  RUN (f, &r, "anchor", SPEECH, "--json");
  g_assert_cmpint (r.status, ==, 0);
  utf16 = snapshot (f, SIDECAR);
  g_assert_true (contains (utf16, "\"encoding\": \"UTF-16LE\""));
}

static void
test_validate_strict (Fixture       *f,
                      gconstpointer  data)
{
  g_auto(Result) r = { 0 };

  write_file (f, "dup.json",
              "{\n  \"format\": \"marginalia-annotations\",\n  \"version\": 1,\n"
              "  \"document\": {},\n  \"tags\": [],\n  \"annotations\": [],\n"
              "  \"tags\": []\n}\n");
  RUN (f, &r, "validate", "dup.json");
  g_assert_cmpint (r.status, ==, 2);
  check_problem_lines (r.out, "dup.json", 1);
  g_assert_true (g_str_has_prefix (r.out, "dup.json:7:3: tags: "));
  RUN (f, &r, "list", SPEECH, "--annotations", "dup.json");
  g_assert_cmpint (r.status, ==, 2);

  write_file (f, "huge.json",
              "{\n  \"format\": \"marginalia-annotations\",\n  \"version\": 1,\n"
              "  \"document\": {},\n  \"tags\": [],\n  \"annotations\": [\n"
              "    { \"id\": \"a\", \"start\": 1e30, \"end\": 3, \"quote\": \"q\" }\n  ]\n}\n");
  RUN (f, &r, "validate", "huge.json");
  g_assert_cmpint (r.status, ==, 2);
  g_assert_nonnull (strstr (r.out, "huge.json:7:27: annotations[0].start: 1e30 is not a whole number in range"));

  write_file (f, "bare.json",
              "{\n  \"format\": \"marginalia-annotations\",\n  \"version\": 1\n}\n");
  RUN (f, &r, "validate", "bare.json");
  g_assert_cmpint (r.status, ==, 2);
  check_problem_lines (r.out, "bare.json", 3);

  /* A warning: listed, yet the file is valid. */
  write_file (f, "author.json",
              "{\n  \"format\": \"marginalia-annotations\",\n  \"version\": 1,\n"
              "  \"document\": {},\n  \"tags\": [],\n  \"annotations\": [\n"
              "    { \"id\": \"a\", \"start\": 1, \"end\": 3, \"quote\": \"q\", \"author\": \"Ann\","
              " \"contributors\": [\"Ann\"] }\n  ]\n}\n");
  RUN (f, &r, "validate", "author.json");
  g_assert_cmpint (r.status, ==, 0);
  check_problem_lines (r.out, "author.json", 1);
  g_assert_nonnull (strstr (r.out, "contributors[0]"));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/cli-edge/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("add-output-fails", test_add_output_fails);
  ADD ("add-arguments", test_add_arguments);
  ADD ("anchor-encoding", test_anchor_encoding);
  ADD ("validate-strict", test_validate_strict);

  return g_test_run ();
}
