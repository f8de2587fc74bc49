/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Marginalia"
#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "cli-fixture.h"

/* marginalia-cli on bad input: broken, foreign, invalid and newer
 * sidecars, sidecars of an earlier text, unreadable documents, failed
 * writes, and validate. A failing command leaves every file as it was. */

/* Bad sidecars and documents */

static void
check_refused (Fixture    *f,
               const char *sidecar_fixture,
               gboolean    readable)
{
  static const char *const reading[][5] = {
    { "info", SPEECH, NULL },
    { "info", SPEECH, "--json", NULL },
    { "list", SPEECH, NULL },
    { "tags", SPEECH, NULL },
  };
  static const char *const writing[][9] = {
    { "add", SPEECH, "--quote", "项目为王", NULL },
    { "remove", SPEECH, "22222222-2222-4222-8222-222222222222", NULL },
    { "tag", SPEECH, "22222222-2222-4222-8222-222222222222", "--star", NULL },
    { "tags", SPEECH, "--add", "reform", NULL },
    { "tags", SPEECH, "--delete", "slogan", NULL },
  };
  g_autoptr(GBytes) contents = snapshot (f, sidecar_fixture);
  g_autofree char *path = fixture_path (f, SIDECAR);
  g_autoptr(GBytes) before = NULL;
  g_autofree char *names = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(Result) r = { 0 };

  g_assert_nonnull (contents);
  g_file_set_contents (path, g_bytes_get_data (contents, NULL), g_bytes_get_size (contents),
                       &error);
  g_assert_no_error (error);
  before = snapshot (f, SIDECAR);
  names = listing (f);

  for (gsize i = 0; i < G_N_ELEMENTS (reading); i++)
    {
      result_clear (&r);
      run_full (f, NULL, NULL, reading[i], &r);
      g_assert_cmpint (r.status, ==, readable ? 0 : 2);
      if (!readable)
        g_assert_nonnull (strstr (r.err, SIDECAR));
      assert_unchanged (f, SIDECAR, before);
    }
  for (gsize i = 0; i < G_N_ELEMENTS (writing); i++)
    {
      g_autofree char *now = NULL;

      result_clear (&r);
      run_full (f, NULL, NULL, writing[i], &r);
      g_assert_cmpint (r.status, ==, 2);
      g_assert_nonnull (strstr (r.err, SIDECAR));
      g_assert_cmpstr (r.out, ==, "");
      assert_unchanged (f, SIDECAR, before);
      now = listing (f);
      g_assert_cmpstr (now, ==, names);
    }
}

static void
test_broken_sidecar (Fixture       *f,
                     gconstpointer  data)
{
  check_refused (f, "broken.json", FALSE);
}

static void
test_foreign_sidecar (Fixture       *f,
                      gconstpointer  data)
{
  check_refused (f, "not-ours.json", FALSE);
}

static void
test_invalid_sidecar (Fixture       *f,
                      gconstpointer  data)
{
  check_refused (f, "invalid.json", FALSE);
}

static void
test_newer_sidecar (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(JsonNode) root = NULL;
  JsonArray *list;

  check_refused (f, "newer.json", TRUE);

  /* Read-only, but readable. */
  list = list_json (f, SPEECH, &root);
  g_assert_cmpuint (json_array_get_length (list), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (list, 0), "quote"),
                   ==, "高质量发展");
}

static void
test_bad_document (Fixture       *f,
                   gconstpointer  data)
{
  static const char png[] = "\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0";
  g_autofree char *image = fixture_path (f, "picture.txt");
  g_autofree char *empty = fixture_path (f, "empty.txt");
  g_autofree char *folder = fixture_path (f, "folder.txt");
  g_autofree char *sidecar = fixture_path (f, "other.txt.marginalia.json");
  g_autofree char *names = NULL;
  g_autofree char *now = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_auto(Result) r = { 0 };

  g_file_set_contents (image, png, sizeof png - 1, &error);
  g_assert_no_error (error);
  g_file_set_contents (empty, "", 0, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_mkdir (folder, 0755), ==, 0);
  g_file_set_contents (sidecar, "{}\n", -1, &error);
  g_assert_no_error (error);
  names = listing (f);

  RUN (f, &r, "info", "missing.txt");
  g_assert_cmpint (r.status, ==, 2);
  g_assert_nonnull (strstr (r.err, "missing.txt"));
  RUN (f, &r, "add", "missing.txt", "--range", "0:1");
  g_assert_cmpint (r.status, ==, 2);
  RUN (f, &r, "info", "picture.txt");
  g_assert_cmpint (r.status, ==, 2);
  g_assert_nonnull (strstr (r.err, "picture.txt"));
  RUN (f, &r, "add", "picture.txt", "--range", "0:1");
  g_assert_cmpint (r.status, ==, 2);
  RUN (f, &r, "list", "folder.txt");
  g_assert_cmpint (r.status, ==, 2);
  g_assert_nonnull (strstr (r.err, "folder.txt"));

  /* A sidecar given where the speech goes: no sidecar of the sidecar. */
  RUN (f, &r, "add", "other.txt.marginalia.json", "--range", "0:1");
  g_assert_cmpint (r.status, ==, 2);
  g_assert_nonnull (strstr (r.err, "other.txt.marginalia.json"));

  /* An empty file is an empty speech: nothing to annotate. */
  RUN (f, &r, "info", "empty.txt", "--json");
  g_assert_cmpint (r.status, ==, 0);
  root = parse_json (r.out);
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (root), "length"), ==, 0);
  RUN (f, &r, "add", "empty.txt", "--range", "0:1");
  g_assert_cmpint (r.status, ==, 2);
  RUN (f, &r, "add", "empty.txt", "--quote", "x");
  g_assert_cmpint (r.status, ==, 2);

  now = listing (f);
  g_assert_cmpstr (now, ==, names);
}

/* Writing fails: status 3, and nothing half-written. */
static void
test_write_failure (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *names = listing (f);
  g_autofree char *now = NULL;
  g_auto(Result) r = { 0 };

  RUN (f, &r, "add", SPEECH, "--quote", "项目为王", "--annotations", "no-such-folder/a.json");
  g_assert_cmpint (r.status, ==, 3);
  g_assert_cmpstr (r.out, ==, "");
  g_assert_cmpstr (r.err, !=, "");
  now = listing (f);
  g_assert_cmpstr (now, ==, names);

  if (g_file_test ("/dev/full", G_FILE_TEST_EXISTS))
    {
      const char *argv[] = { "info", SPEECH, "--json", NULL };

      result_clear (&r);
      run_full (f, NULL, "/dev/full", argv, &r);
      g_assert_cmpint (r.status, ==, 3);
    }
  else
    g_test_message ("no /dev/full: output failure not tried");
}

/* --annotations: another sidecar file. */
static void
test_annotations_option (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *id = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_auto(Result) r = { 0 };

  id = add_ok (f, "--quote", "项目为王", "--annotations", "alice.json", NULL);
  g_assert_nonnull (snapshot (f, "alice.json"));
  g_assert_null (snapshot (f, SIDECAR));

  RUN (f, &r, "list", SPEECH, "--annotations", "alice.json");
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, id));
  g_assert_cmpuint (json_array_get_length (list_json (f, SPEECH, &root)), ==, 0);

  RUN (f, &r, "info", SPEECH, "--annotations", "alice.json", "--json");
  g_assert_nonnull (strstr (r.out, "\"alice.json\""));
}

/* A sidecar written for an earlier version of the speech. */
static void
test_reanchor (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *id = add_ok (f, "--quote", "高质量发展", "--occurrence", "2", NULL);
  g_autoptr(GBytes) old = snapshot (f, SIDECAR);
  g_autofree char *v2_sidecar = fixture_path (f, "speech-v2.txt.marginalia.json");
  g_autoptr(GError) error = NULL;
  g_auto(Result) r = { 0 };
  JsonObject *o;

  g_file_set_contents (v2_sidecar, g_bytes_get_data (old, NULL), g_bytes_get_size (old), &error);
  g_assert_no_error (error);

  /* Reading shows the new position and state, and writes nothing. */
  {
    g_autoptr(JsonNode) root = NULL;

    o = find_annotation (list_json (f, "speech-v2.txt", &root), id);
    g_assert_nonnull (o);
    g_assert_cmpint (json_object_get_int_member (o, "start"), ==, 50);
    g_assert_cmpint (json_object_get_int_member (o, "end"), ==, 55);
    g_assert_cmpstr (json_object_get_string_member (o, "state"), ==, "moved");
    g_assert_cmpint (json_object_get_int_member (o, "paragraph"), ==, 3);
    assert_unchanged (f, "speech-v2.txt.marginalia.json", old);
  }
  RUN (f, &r, "info", "speech-v2.txt");
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "marginalia-cli anchor speech-v2.txt"));
  RUN (f, &r, "info", "speech-v2.txt", "--json");
  g_assert_cmpint (r.status, ==, 0);
  {
    g_autoptr(JsonNode) root = parse_json (r.out);
    JsonObject *by_state = json_object_get_object_member (json_node_get_object (root), "by_state");

    g_assert_cmpint (json_object_get_int_member (by_state, "moved"), ==, 1);
  }
  assert_unchanged (f, "speech-v2.txt.marginalia.json", old);

  /* A change writes the new positions; later they are exact. */
  RUN (f, &r, "add", "speech-v2.txt", "--quote", "根据录音整理");
  g_assert_cmpint (r.status, ==, 0);
  {
    g_autoptr(JsonNode) root = NULL;

    o = find_annotation (list_json (f, "speech-v2.txt", &root), id);
    g_assert_cmpint (json_object_get_int_member (o, "start"), ==, 50);
    g_assert_cmpstr (json_object_get_string_member (o, "state"), ==, "exact");
  }
}

/* A sidecar whose passages are gone from the text: kept, as orphans. */
static void
test_orphans (Fixture       *f,
              gconstpointer  data)
{
  g_autofree char *id = add_ok (f, "--quote", "项目为王", "--tag", "slogan", NULL);
  g_autoptr(GBytes) old = snapshot (f, SIDECAR);
  g_autofree char *other = fixture_path (f, "other.txt");
  g_autofree char *other_sidecar = fixture_path (f, "other.txt.marginalia.json");
  g_autofree char *expected = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_auto(GStrv) lines = NULL;
  g_auto(Result) r = { 0 };
  JsonObject *o;

  g_file_set_contents (other, "An entirely different speech.\n\nNothing of the old one is left.\n",
                       -1, &error);
  g_assert_no_error (error);
  g_file_set_contents (other_sidecar, g_bytes_get_data (old, NULL), g_bytes_get_size (old), &error);
  g_assert_no_error (error);

  o = find_annotation (list_json (f, "other.txt", &root), id);
  g_assert_nonnull (o);
  g_assert_cmpstr (json_object_get_string_member (o, "state"), ==, "orphaned");
  g_assert_true (JSON_NODE_HOLDS_NULL (json_object_get_member (o, "paragraph")));
  g_assert_cmpstr (json_object_get_string_member (o, "quote"), ==, "项目为王");

  RUN (f, &r, "list", "other.txt");
  g_assert_cmpint (r.status, ==, 0);
  lines = g_strsplit (r.out, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 3);
  expected = g_strdup_printf ("%s\t88\t92\t\torphaned\tslogan\t", id);
  g_assert_true (g_str_has_prefix (lines[1], expected));

  RUN (f, &r, "info", "other.txt", "--json");
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "\"orphaned\": 1"));
  assert_unchanged (f, "other.txt.marginalia.json", old);
}

/* validate */

static void
test_validate (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GBytes) invalid = snapshot (f, "invalid.json");
  g_autofree char *v2_sidecar = fixture_path (f, "speech-v2.txt.marginalia.json");
  g_autoptr(GError) error = NULL;
  g_auto(Result) r = { 0 };

  g_free (add_ok (f, "--quote", "高质量发展", "--occurrence", "2", NULL));

  RUN (f, &r, "validate", SIDECAR);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_cmpstr (r.out, ==, "");
  RUN (f, &r, "validate", SIDECAR, "--document", SPEECH);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_cmpstr (r.out, ==, "");

  /* start > end, an unknown tag, a duplicate id: each listed. */
  RUN (f, &r, "validate", "invalid.json");
  g_assert_cmpint (r.status, ==, 2);
  check_problem_lines (r.out, "invalid.json", 3);
  assert_unchanged (f, "invalid.json", invalid);

  RUN (f, &r, "validate", "broken.json");
  g_assert_cmpint (r.status, ==, 2);
  check_problem_lines (r.out, "broken.json", 1);

  RUN (f, &r, "validate", "not-ours.json");
  g_assert_cmpint (r.status, ==, 2);
  check_problem_lines (r.out, "not-ours.json", 1);

  RUN (f, &r, "validate", "newer.json");
  g_assert_cmpint (r.status, ==, 2);
  g_assert_nonnull (strstr (r.out, "newer.json:"));
  g_assert_nonnull (strstr (r.out, "version"));

  RUN (f, &r, "validate", "missing.json");
  g_assert_cmpint (r.status, ==, 2);
  g_assert_nonnull (strstr (r.err, "missing.json"));

  RUN (f, &r, "validate", SIDECAR, "--document", "missing.txt");
  g_assert_cmpint (r.status, ==, 2);

  /* Quotes that moved need re-anchoring: reported, yet valid. */
  {
    g_autoptr(GBytes) contents = snapshot (f, SIDECAR);

    g_file_set_contents (v2_sidecar, g_bytes_get_data (contents, NULL),
                         g_bytes_get_size (contents), &error);
    g_assert_no_error (error);
  }
  RUN (f, &r, "validate", "speech-v2.txt.marginalia.json", "--document", "speech-v2.txt");
  g_assert_cmpint (r.status, ==, 0);
  check_problem_lines (r.out, "speech-v2.txt.marginalia.json", 1);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/cli-data/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("sidecar/broken", test_broken_sidecar);
  ADD ("sidecar/foreign", test_foreign_sidecar);
  ADD ("sidecar/invalid", test_invalid_sidecar);
  ADD ("sidecar/newer", test_newer_sidecar);
  ADD ("sidecar/reanchor", test_reanchor);
  ADD ("sidecar/orphans", test_orphans);
  ADD ("annotations-option", test_annotations_option);
  ADD ("bad-document", test_bad_document);
  ADD ("write-failure", test_write_failure);
  ADD ("validate", test_validate);

  return g_test_run ();
}
