/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "cli-fixture.h"
#include "qdpx-project.h"
#include "zip-reader.h"

/* Three annotations on the fixture speech: two figures (one starred, by
 * Li Wei) and a slogan. */
static void
add_three (Fixture *f)
{
  g_free (add_ok (f, "--quote", "6.5%", "--tag", "figure", "--star", "--author", "Li Wei",
                  "--note", "=1+1 <b>", NULL));
  g_free (add_ok (f, "--quote", "1200 亿元", "--tag", "figure", "--author", "Wang Fang", NULL));
  g_free (add_ok (f, "--quote", "项目为王", "--tag", "slogan", "--author", "Li Wei", NULL));
}

/* Rows of a CSV export: every row ends with CRLF; a field may hold LF. */
static guint
count_rows (const char *text)
{
  guint n = 0;

  for (const char *p = strstr (text, "\r\n"); p != NULL; p = strstr (p + 2, "\r\n"))
    n++;
  return n;
}

static void
test_text_formats (Fixture       *f,
                   gconstpointer  data)
{
  g_auto(Result) r = { 0 };

  add_three (f);

  RUN (f, &r, "export", SPEECH, "--format", "md");
  g_assert_cmpint (r.status, ==, 0);
  g_assert_true (g_str_has_prefix (r.out, "# 在全市高质量发展推进大会上的讲话\n"));
  g_assert_nonnull (strstr (r.out, "> 项目为王"));
  g_assert_nonnull (strstr (r.out, "\\<b\\>"));

  RUN (f, &r, "export", SPEECH, "--format", "html");
  g_assert_cmpint (r.status, ==, 0);
  g_assert_true (g_str_has_prefix (r.out, "<!DOCTYPE html>"));
  g_assert_nonnull (strstr (r.out, "&lt;b&gt;"));
  g_assert_null (strstr (r.out, "<b>"));

  RUN (f, &r, "export", SPEECH, "--format", "txt");
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "“项目为王”"));

  RUN (f, &r, "export", SPEECH, "--format", "json");
  g_assert_cmpint (r.status, ==, 0);
  {
    g_autoptr(JsonNode) root = parse_json (r.out);
    JsonObject *object = json_node_get_object (root);

    g_assert_cmpint (json_object_get_int_member (object, "total"), ==, 3);
    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (object, "groups")), ==, 2);
  }

  RUN (f, &r, "export", SPEECH, "--format", "qdc");
  g_assert_cmpint (r.status, ==, 0);
  g_assert_true (g_str_has_prefix (r.out, "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<CodeBook"));
  g_assert_nonnull (strstr (r.out, "name=\"Slogan\" isCodable=\"true\""));

  RUN (f, &r, "export", SPEECH, "--format", "w3c");
  g_assert_cmpint (r.status, ==, 0);
  {
    g_autoptr(JsonNode) root = parse_json (r.out);
    JsonObject *object = json_node_get_object (root);

    g_assert_cmpstr (json_object_get_string_member (object, "type"), ==, "AnnotationCollection");
    g_assert_cmpint (json_object_get_int_member (object, "total"), ==, 3);
  }
}

static void
test_filters (Fixture       *f,
              gconstpointer  data)
{
  g_auto(Result) r = { 0 };

  add_three (f);

  RUN (f, &r, "export", SPEECH, "--format", "csv");
  g_assert_cmpint (r.status, ==, 0);
  g_assert_true (g_str_has_prefix (r.out, "\xEF\xBB\xBFid,start,end,"));
  g_assert_nonnull (strstr (r.out, ",'=1+1 <b>,"));
  g_assert_cmpuint (count_rows (r.out), ==, 4);   /* the header and three rows */

  RUN (f, &r, "export", SPEECH, "--format", "csv", "--tag", "figure");
  g_assert_cmpint (r.status, ==, 0);
  g_assert_cmpuint (count_rows (r.out), ==, 3);

  RUN (f, &r, "export", SPEECH, "--format", "csv", "--tag", "figure", "--tag", "slogan", "--starred");
  g_assert_cmpint (r.status, ==, 0);
  g_assert_cmpuint (count_rows (r.out), ==, 2);

  RUN (f, &r, "export", SPEECH, "--format", "csv", "--author", "Li Wei");
  g_assert_cmpint (r.status, ==, 0);
  g_assert_cmpuint (count_rows (r.out), ==, 3);

  RUN (f, &r, "export", SPEECH, "--format", "csv", "--tag", "no-such-tag");
  g_assert_cmpint (r.status, ==, 2);
  g_assert_cmpstr (r.out, ==, "");
}

static void
test_usage (Fixture       *f,
            gconstpointer  data)
{
  g_auto(Result) r = { 0 };
  g_autofree char *before = listing (f);
  g_autofree char *after = NULL;

  RUN (f, &r, "export", SPEECH);
  g_assert_cmpint (r.status, ==, 1);
  g_assert_nonnull (strstr (r.err, "--format"));

  RUN (f, &r, "export", SPEECH, "--format", "docx");
  g_assert_cmpint (r.status, ==, 1);

  RUN (f, &r, "export", SPEECH, "--format", "pdf");
  g_assert_cmpint (r.status, ==, 1);
  g_assert_cmpstr (r.out, ==, "");

  RUN (f, &r, "export", SPEECH, "--format", "qdpx");
  g_assert_cmpint (r.status, ==, 1);
  g_assert_nonnull (strstr (r.err, "-o OUT"));
  g_assert_cmpstr (r.out, ==, "");

  RUN (f, &r, "export", "--help");
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "--format"));

  after = listing (f);
  g_assert_cmpstr (before, ==, after);
}

static void
test_output_file (Fixture       *f,
                  gconstpointer  data)
{
  g_auto(Result) r = { 0 };
  g_autoptr(GBytes) pdf = NULL;
  g_autoptr(GBytes) md = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  add_three (f);

  RUN (f, &r, "export", SPEECH, "--format", "pdf", "-o", "summary.pdf");
  g_assert_cmpint (r.status, ==, 0);
  g_assert_cmpstr (r.out, ==, "");
  pdf = snapshot (f, "summary.pdf");
  g_assert_nonnull (pdf);
  g_assert_cmpmem (g_bytes_get_data (pdf, NULL), 5, "%PDF-", 5);

  RUN (f, &r, "export", SPEECH, "--format", "md", "--output", "summary.md");
  g_assert_cmpint (r.status, ==, 0);
  md = snapshot (f, "summary.md");
  g_assert_nonnull (md);

  /* A folder that does not exist: exit 3, nothing written anywhere. */
  before = listing (f);
  RUN (f, &r, "export", SPEECH, "--format", "pdf", "-o", "missing/summary.pdf");
  g_assert_cmpint (r.status, ==, 3);
  g_assert_nonnull (strstr (r.err, "missing/summary.pdf"));
  RUN (f, &r, "export", SPEECH, "--format", "md", "-o", "summary.md/inside.md");
  g_assert_cmpint (r.status, ==, 3);
  after = listing (f);
  g_assert_cmpstr (before, ==, after);
  assert_unchanged (f, "summary.md", md);
}

/* The REFI-QDA project: a zip with the speech and its codings. */
static void
test_qdpx (Fixture       *f,
           gconstpointer  data)
{
  g_auto(Result) r = { 0 };
  g_autoptr(GBytes) archive = NULL;
  g_autoptr(GBytes) speech = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(QdeProject) project = NULL;
  g_autofree char *text_name = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *other = fixture_path (f, "other.txt");
  g_autofree char *other_sidecar = fixture_path (f, "other.txt.marginalia.json");
  g_autoptr(GBytes) sidecar = NULL;
  g_autoptr(GError) error = NULL;

  add_three (f);
  speech = snapshot (f, SPEECH);

  RUN (f, &r, "export", SPEECH, "--format", "qdpx", "-o", "study.qdpx");
  g_assert_cmpint (r.status, ==, 0);
  g_assert_cmpstr (r.out, ==, "");
  g_assert_cmpstr (r.err, ==, "");
  archive = snapshot (f, "study.qdpx");
  g_assert_nonnull (archive);
  entries = zip_read (archive);
  g_assert_cmpuint (entries->len, ==, 2);
  project = qde_parse (zip_find (entries, "project.qde"));
  text_name = g_strdup_printf ("sources/%s.txt", project->source_guid);
  assert_bytes_equal (zip_find (entries, text_name), speech);
  g_assert_cmpuint (project->selections->len, ==, 3);
  g_assert_cmpuint (project->user_guids->len, ==, 2);
  /* Policy goal, Figure, Slogan and Starred. */
  g_assert_cmpuint (project->codes->len, ==, 4);
  g_assert_cmpuint (project->n_codings, ==, 4);
  g_clear_pointer (&project, qde_project_free);
  g_clear_pointer (&entries, g_ptr_array_unref);

  /* The filters, as for every format. */
  RUN (f, &r, "export", SPEECH, "--format", "qdpx", "--tag", "slogan", "--author", "Li Wei",
       "-o", "slogans.qdpx");
  g_assert_cmpint (r.status, ==, 0);
  {
    g_autoptr(GBytes) slogans = snapshot (f, "slogans.qdpx");

    entries = zip_read (slogans);
    project = qde_parse (zip_find (entries, "project.qde"));
    g_assert_cmpuint (project->selections->len, ==, 1);
    g_assert_cmpuint (project->codes->len, ==, 1);
    g_assert_nonnull (qde_find_code (project, "Slogan"));
    g_clear_pointer (&project, qde_project_free);
    g_clear_pointer (&entries, g_ptr_array_unref);
  }

  /* Failures leave every file as it was: an unknown tag (2), a folder
   * that does not exist (3). */
  before = listing (f);
  RUN (f, &r, "export", SPEECH, "--format", "qdpx", "--tag", "no-such-tag", "-o", "study.qdpx");
  g_assert_cmpint (r.status, ==, 2);
  RUN (f, &r, "export", SPEECH, "--format", "qdpx", "-o", "missing/study.qdpx");
  g_assert_cmpint (r.status, ==, 3);
  g_assert_nonnull (strstr (r.err, "missing/study.qdpx"));
  RUN (f, &r, "export", SPEECH, "--format", "qdpx", "-o", "study.qdpx/inside.qdpx");
  g_assert_cmpint (r.status, ==, 3);
  after = listing (f);
  g_assert_cmpstr (before, ==, after);
  assert_unchanged (f, "study.qdpx", archive);

  /* On another text the annotations are orphans: left out, and said so. */
  sidecar = snapshot (f, SIDECAR);
  g_file_set_contents (other, "An entirely different speech.\n", -1, &error);
  g_assert_no_error (error);
  g_file_set_contents (other_sidecar, g_bytes_get_data (sidecar, NULL), g_bytes_get_size (sidecar), &error);
  g_assert_no_error (error);
  RUN (f, &r, "export", "other.txt", "--format", "qdpx", "-o", "other.qdpx");
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.err, "3 orphaned annotations left out"));
  {
    g_autoptr(GBytes) orphans = snapshot (f, "other.qdpx");

    entries = zip_read (orphans);
    project = qde_parse (zip_find (entries, "project.qde"));
    g_assert_cmpuint (project->selections->len, ==, 0);
  }
}

static void
test_import (Fixture       *f,
             gconstpointer  data)
{
  g_auto(Result) r = { 0 };
  g_autoptr(JsonNode) root_a = NULL;
  g_autoptr(JsonNode) root_b = NULL;
  g_autoptr(GBytes) sidecar = NULL;
  g_autofree char *copy = fixture_path (f, "copy.txt");
  g_autofree char *speech = fixture_path (f, SPEECH);
  g_autofree char *contents = NULL;
  gsize length;
  JsonArray *a;
  JsonArray *b;

  add_three (f);
  RUN (f, &r, "export", SPEECH, "--format", "w3c", "-o", "annotations.jsonld");
  g_assert_cmpint (r.status, ==, 0);

  g_assert_true (g_file_get_contents (speech, &contents, &length, NULL));
  g_assert_true (g_file_set_contents (copy, contents, length, NULL));

  RUN (f, &r, "import", "copy.txt", "annotations.jsonld");
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "Added:    3\n"));
  g_assert_nonnull (strstr (r.out, "Skipped:  0\n"));

  a = list_json (f, SPEECH, &root_a);
  b = list_json (f, "copy.txt", &root_b);
  g_assert_cmpuint (json_array_get_length (a), ==, 3);
  g_assert_cmpuint (json_array_get_length (b), ==, 3);
  for (guint i = 0; i < 3; i++)
    {
      JsonObject *x = json_array_get_object_element (a, i);
      JsonObject *y = find_annotation (b, json_object_get_string_member (x, "id"));

      g_assert_nonnull (y);
      g_assert_cmpint (json_object_get_int_member (x, "start"), ==, json_object_get_int_member (y, "start"));
      g_assert_cmpint (json_object_get_int_member (x, "end"), ==, json_object_get_int_member (y, "end"));
      g_assert_cmpstr (json_object_get_string_member (x, "note"), ==, json_object_get_string_member (y, "note"));
      g_assert_cmpstr (json_object_get_string_member (x, "author"), ==, json_object_get_string_member (y, "author"));
      g_assert_cmpint (json_object_get_boolean_member (x, "starred"), ==,
                       json_object_get_boolean_member (y, "starred"));
    }

  /* Bad files: exit 2 and the sidecar untouched. */
  sidecar = snapshot (f, "copy.txt.marginalia.json");
  RUN (f, &r, "import", "copy.txt", "broken.json");
  g_assert_cmpint (r.status, ==, 2);
  RUN (f, &r, "import", "copy.txt", SPEECH);
  g_assert_cmpint (r.status, ==, 2);
  RUN (f, &r, "import", "copy.txt", "no-such-file.json");
  g_assert_cmpint (r.status, ==, 2);
  assert_unchanged (f, "copy.txt.marginalia.json", sidecar);

  RUN (f, &r, "import", "copy.txt");
  g_assert_cmpint (r.status, ==, 1);
}

/* Commands on large files grow the heap first (mg-cli-memory.c): the
 * same output as on small ones. The sidecar is made larger than the
 * 4 MiB where that starts by a member Marginalia does not know. */
static void
test_large_files (Fixture       *f,
                  gconstpointer  data)
{
  g_auto(Result) r = { 0 };
  g_autofree char *sidecar = fixture_path (f, SIDECAR);
  g_autofree char *contents = NULL;
  g_autofree char *small_md = NULL;
  g_autofree char *small_w3c = NULL;
  g_autoptr(GString) padded = NULL;
  gsize length;
  char *end;

  add_three (f);
  RUN (f, &r, "export", SPEECH, "--format", "md");
  g_assert_cmpint (r.status, ==, 0);
  small_md = g_steal_pointer (&r.out);
  RUN (f, &r, "export", SPEECH, "--format", "w3c");
  g_assert_cmpint (r.status, ==, 0);
  small_w3c = g_steal_pointer (&r.out);

  g_assert_true (g_file_get_contents (sidecar, &contents, &length, NULL));
  end = strrchr (contents, '}');
  g_assert_nonnull (end);
  padded = g_string_new_len (contents, end - contents);
  g_string_append (padded, ",\n  \"x-padding\": \"");
  for (guint i = 0; i < 5 * 1024 * 1024 / 64; i++)
    g_string_append (padded, "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef");
  g_string_append (padded, "\"\n}\n");
  g_assert_true (g_file_set_contents (sidecar, padded->str, padded->len, NULL));

  RUN (f, &r, "export", SPEECH, "--format", "md");
  g_assert_cmpint (r.status, ==, 0);
  g_assert_cmpstr (r.out, ==, small_md);
  RUN (f, &r, "export", SPEECH, "--format", "w3c");
  g_assert_cmpint (r.status, ==, 0);
  g_assert_cmpstr (r.out, ==, small_w3c);
  RUN (f, &r, "info", SPEECH, "--json");
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "\"annotations\": 3"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/cli-export/text-formats", Fixture, NULL, fixture_setup, test_text_formats, fixture_teardown);
  g_test_add ("/cli-export/filters", Fixture, NULL, fixture_setup, test_filters, fixture_teardown);
  g_test_add ("/cli-export/usage", Fixture, NULL, fixture_setup, test_usage, fixture_teardown);
  g_test_add ("/cli-export/output-file", Fixture, NULL, fixture_setup, test_output_file, fixture_teardown);
  g_test_add ("/cli-export/qdpx", Fixture, NULL, fixture_setup, test_qdpx, fixture_teardown);
  g_test_add ("/cli-export/large-files", Fixture, NULL, fixture_setup, test_large_files, fixture_teardown);
  g_test_add ("/cli-export/import", Fixture, NULL, fixture_setup, test_import, fixture_teardown);

  return g_test_run ();
}
