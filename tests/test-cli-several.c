/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "cli-fixture.h"
#include "zip-reader.h"

/* `list` and `export` over several speeches: a folder (tests/data/study,
 * copied to study/) of two Chinese work reports and an English address. */

static void
copy_study (Fixture *f)
{
  static const char * const files[] = {
    "2024-report.txt", "2025-report.txt", "keynote.md", "notes.md",
  };
  g_autofree char *dir = fixture_path (f, "study");
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (g_mkdir (dir, 0700), ==, 0);
  for (gsize i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autofree char *from = g_test_build_filename (G_TEST_DIST, "data", "study", files[i], NULL);
      g_autofree char *to = g_build_filename (dir, files[i], NULL);
      g_autofree char *contents = NULL;
      gsize length = 0;

      g_file_get_contents (from, &contents, &length, &error);
      g_assert_no_error (error);
      g_file_set_contents (to, contents, length, &error);
      g_assert_no_error (error);
    }
}

static char *
add_to (Fixture    *f,
        const char *document,
        const char *quote,
        const char *tag,
        const char *author)
{
  g_auto(Result) r = { 0 };

  RUN (f, &r, "add", document, "--quote", quote, "--tag", tag, "--author", author);
  g_assert_cmpint (r.status, ==, 0);
  return strip_newline (g_strdup (r.out));
}

/* 2024: two figures, a slogan; 2025: a figure, two slogans (one starred,
 * with a note); the keynote: a figure, a slogan. */
static void
annotate (Fixture *f)
{
  g_auto(Result) r = { 0 };
  g_autofree char *id = NULL;

  g_free (add_to (f, "study/2024-report.txt", "5.2%", "figure", "Li Wei"));
  g_free (add_to (f, "study/2024-report.txt", "860亿元", "figure", "Wang Fang"));
  g_free (add_to (f, "study/2024-report.txt", "项目为王", "slogan", "Li Wei"));
  g_free (add_to (f, "study/2025-report.txt", "5.4%", "figure", "Li Wei"));
  g_free (add_to (f, "study/2025-report.txt", "项目为王", "slogan", "Wang Fang"));
  id = add_to (f, "study/2025-report.txt", "新质生产力", "slogan", "Wang Fang");
  g_free (add_to (f, "study/keynote.md", "4.8 percent", "figure", "Ann Lee"));
  g_free (add_to (f, "study/keynote.md", "Projects First", "slogan", "Ann Lee"));
  RUN (f, &r, "tag", "study/2025-report.txt", id, "--star", "--note", "A new SLOGAN this year");
  g_assert_cmpint (r.status, ==, 0);
}

static guint
count_lines (const char *text)
{
  guint n = 0;

  for (const char *p = text; *p != '\0'; p++)
    if (*p == '\n')
      n++;
  return n;
}

static guint
count_occurrences (const char *text,
                   const char *needle)
{
  guint n = 0;

  for (const char *p = strstr (text, needle); p != NULL; p = strstr (p + 1, needle))
    n++;
  return n;
}

static void
test_folder_rules (Fixture       *f,
                   gconstpointer  data)
{
  g_auto(Result) r = { 0 };
  g_autofree char *empty = fixture_path (f, "empty");
  g_autofree char *sub = fixture_path (f, "study/sub.txt");
  g_autofree char *ghost = fixture_path (f, "study/ghost.txt.marginalia.json");
  g_autoptr(GError) error = NULL;

  copy_study (f);
  /* A folder named like a speech, and a sidecar with nothing beside it,
   * are no speeches; neither is notes.md, which has no sidecar. */
  g_assert_cmpint (g_mkdir (sub, 0700), ==, 0);
  g_file_set_contents (ghost, "{}", -1, &error);
  g_assert_no_error (error);

  RUN (f, &r, "list", "study");
  g_assert_cmpint (r.status, ==, 0);
  g_assert_cmpstr (r.out, ==, "document\tid\tstart\tend\tparagraph\tstate\ttags\tstarred\tauthor\tquote\tnote\n");

  /* keynote.md joins the study once a sidecar lies beside it. */
  g_free (add_to (f, "study/keynote.md", "4.8 percent", "figure", "Ann Lee"));
  g_free (add_to (f, "study/2025-report.txt", "5.4%", "figure", "Li Wei"));
  g_free (add_to (f, "study/2024-report.txt", "5.2%", "figure", "Li Wei"));
  RUN (f, &r, "list", "study");
  g_assert_cmpint (r.status, ==, 0);
  g_assert_cmpuint (count_lines (r.out), ==, 4);
  /* By file name, whatever order they were annotated in. */
  {
    const char *a = strstr (r.out, "\nstudy/2024-report.txt\t");
    const char *b = strstr (r.out, "\nstudy/2025-report.txt\t");
    const char *c = strstr (r.out, "\nstudy/keynote.md\t");

    g_assert_nonnull (a);
    g_assert_nonnull (b);
    g_assert_nonnull (c);
    g_assert_true (a < b && b < c);
  }
  g_assert_null (strstr (r.out, "notes.md"));

  /* A trailing slash is kept as given. */
  RUN (f, &r, "list", "study/", "--format", "json");
  g_assert_cmpint (r.status, ==, 0);
  {
    g_autoptr(JsonNode) root = parse_json (r.out);
    JsonArray *array = json_node_get_array (root);

    g_assert_cmpuint (json_array_get_length (array), ==, 3);
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (array, 0), "document"),
                     ==, "study/2024-report.txt");
  }

  g_assert_cmpint (g_mkdir (empty, 0700), ==, 0);
  RUN (f, &r, "list", "empty");
  g_assert_cmpint (r.status, ==, 2);
  g_assert_nonnull (strstr (r.err, "empty"));
  g_assert_cmpstr (r.out, ==, "");

  RUN (f, &r, "export", "empty", "--format", "md");
  g_assert_cmpint (r.status, ==, 2);
  g_assert_cmpstr (r.out, ==, "");
}

static void
test_list (Fixture       *f,
           gconstpointer  data)
{
  g_auto(Result) r = { 0 };

  copy_study (f);
  annotate (f);

  /* Documents in the order given, each with its path as given. */
  RUN (f, &r, "list", "study/keynote.md", "study/2024-report.txt");
  g_assert_cmpint (r.status, ==, 0);
  g_assert_cmpuint (count_lines (r.out), ==, 6);
  g_assert_true (g_str_has_prefix (r.out, "document\tid\t"));
  g_assert_true (strstr (r.out, "\nstudy/keynote.md\t") < strstr (r.out, "\nstudy/2024-report.txt\t"));

  /* One speech: no document column, as before. */
  RUN (f, &r, "list", "study/keynote.md");
  g_assert_cmpint (r.status, ==, 0);
  g_assert_true (g_str_has_prefix (r.out, "id\tstart\t"));
  g_assert_cmpuint (count_lines (r.out), ==, 3);

  /* --text: the quote or the note, case and width folded. */
  RUN (f, &r, "list", "study", "--text", "ＰＲＯＪＥＣＴＳ");
  g_assert_cmpint (r.status, ==, 0);
  g_assert_cmpuint (count_lines (r.out), ==, 2);
  g_assert_nonnull (strstr (r.out, "Projects First"));
  RUN (f, &r, "list", "study", "--text", "new slogan", "--format", "json");
  g_assert_cmpint (r.status, ==, 0);
  {
    g_autoptr(JsonNode) root = parse_json (r.out);
    JsonArray *array = json_node_get_array (root);
    JsonObject *object;

    g_assert_cmpuint (json_array_get_length (array), ==, 1);
    object = json_array_get_object_element (array, 0);
    g_assert_cmpstr (json_object_get_string_member (object, "document"), ==, "study/2025-report.txt");
    g_assert_cmpstr (json_object_get_string_member (object, "quote"), ==, "新质生产力");
  }
  RUN (f, &r, "list", "study", "--text", "项目为王", "--author", "Wang Fang");
  g_assert_cmpint (r.status, ==, 0);
  g_assert_cmpuint (count_lines (r.out), ==, 2);
  g_assert_nonnull (strstr (r.out, "study/2025-report.txt\t"));

  /* A tag some speech knows is fine; one none knows is an error. */
  RUN (f, &r, "list", "study", "--tag", "slogan", "--starred");
  g_assert_cmpint (r.status, ==, 0);
  g_assert_cmpuint (count_lines (r.out), ==, 2);
  RUN (f, &r, "list", "study", "--tag", "no-such-tag");
  g_assert_cmpint (r.status, ==, 2);
  g_assert_cmpstr (r.out, ==, "");

  /* --annotations names one sidecar: not for several speeches. */
  RUN (f, &r, "list", "study", "--annotations", "x.json");
  g_assert_cmpint (r.status, ==, 1);
  g_assert_cmpstr (r.out, ==, "");
}

static void
test_export_summary (Fixture       *f,
                     gconstpointer  data)
{
  g_auto(Result) r = { 0 };

  copy_study (f);
  annotate (f);

  RUN (f, &r, "export", "study", "--format", "json");
  g_assert_cmpint (r.status, ==, 0);
  {
    g_autoptr(JsonNode) root = parse_json (r.out);
    JsonObject *object = json_node_get_object (root);
    JsonArray *speeches = json_object_get_array_member (object, "speeches");
    JsonArray *tags = json_object_get_array_member (json_object_get_object_member (object, "counts"), "tags");
    JsonArray *groups = json_object_get_array_member (object, "groups");
    JsonObject *figures = NULL;
    JsonArray *items;
    guint last = 0;

    g_assert_cmpint (json_object_get_int_member (object, "total"), ==, 8);
    g_assert_cmpuint (json_array_get_length (speeches), ==, 3);
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (speeches, 0), "title"),
                     ==, "2024年政府工作报告");
    g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (speeches, 1), "total"), ==, 3);
    g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (speeches, 2), "total"), ==, 2);
    for (guint i = 0; i < json_array_get_length (tags); i++)
      if (g_str_equal (json_object_get_string_member (json_array_get_object_element (tags, i), "id"), "figure"))
        figures = json_array_get_object_element (tags, i);
    g_assert_nonnull (figures);
    g_assert_cmpint (json_object_get_int_member (figures, "count"), ==, 4);
    {
      JsonArray *per = json_object_get_array_member (figures, "speeches");

      g_assert_cmpuint (json_array_get_length (per), ==, 3);
      g_assert_cmpint (json_array_get_int_element (per, 0), ==, 2);
      g_assert_cmpint (json_array_get_int_element (per, 1), ==, 1);
      g_assert_cmpint (json_array_get_int_element (per, 2), ==, 1);
    }
    /* Grouped by tag, then by speech in the order given. */
    items = json_object_get_array_member (json_array_get_object_element (groups, 1), "items");
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (groups, 1), "tag"), ==, "slogan");
    g_assert_cmpuint (json_array_get_length (items), ==, 4);
    for (guint i = 0; i < json_array_get_length (items); i++)
      {
        const char *document = json_object_get_string_member (json_array_get_object_element (items, i), "document");
        guint index = g_str_equal (document, "study/2024-report.txt") ? 0
                      : g_str_equal (document, "study/2025-report.txt") ? 1 : 2;

        g_assert_cmpuint (index, >=, last);
        last = index;
      }
    g_assert_cmpuint (last, ==, 2);
  }

  RUN (f, &r, "export", "study", "--format", "md");
  g_assert_cmpint (r.status, ==, 0);
  g_assert_true (g_str_has_prefix (r.out, "# 3 speeches\n"));
  g_assert_nonnull (strstr (r.out, "| 2024年政府工作报告 | study/2024-report.txt | 3 |"));
  g_assert_nonnull (strstr (r.out, "| Figure | 2 | 1 | 1 | 4 |"));
  g_assert_nonnull (strstr (r.out, "| Slogan | 1 | 2 | 1 | 4 |"));
  g_assert_nonnull (strstr (r.out, "### Opening Address to the Regional Development Forum (1)"));
  /* Each quote cites its speech and paragraph. */
  g_assert_nonnull (strstr (r.out, "> — 2025年政府工作报告 · ¶2 · ★ · Slogan · Wang Fang\n"));
  g_assert_true (strstr (r.out, "### 2024年政府工作报告 (1)") < strstr (r.out, "### 2025年政府工作报告 (2)"));

  RUN (f, &r, "export", "study/keynote.md", "study/2024-report.txt", "--format", "csv");
  g_assert_cmpint (r.status, ==, 0);
  g_assert_true (g_str_has_prefix (r.out, "\xEF\xBB\xBF" "document,id,start,end,"));
  g_assert_cmpuint (count_occurrences (r.out, "\r\nstudy/keynote.md,"), ==, 2);
  g_assert_cmpuint (count_occurrences (r.out, "\r\nstudy/2024-report.txt,"), ==, 3);
  g_assert_true (strstr (r.out, "\r\nstudy/keynote.md,") < strstr (r.out, "\r\nstudy/2024-report.txt,"));

  RUN (f, &r, "export", "study", "--format", "txt", "--tag", "figure");
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "Figure: 4 (1: 2, 2: 1, 3: 1)\n"));
  g_assert_null (strstr (r.out, "Projects First"));

  RUN (f, &r, "export", "study", "--format", "html");
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "<cite>2024年政府工作报告</cite> · ¶2"));
  g_assert_nonnull (strstr (r.out, "<td class=\"n\">2</td><td class=\"n\">1</td><td class=\"n\">1</td><td class=\"n\">4</td>"));

  RUN (f, &r, "export", "study", "--format", "pdf", "-o", "study.pdf");
  g_assert_cmpint (r.status, ==, 0);
  {
    g_autoptr(GBytes) pdf = snapshot (f, "study.pdf");

    g_assert_nonnull (pdf);
    g_assert_true (memcmp (g_bytes_get_data (pdf, NULL), "%PDF-", 5) == 0);
  }
}

static void
test_export_projects (Fixture       *f,
                      gconstpointer  data)
{
  g_auto(Result) r = { 0 };
  g_autoptr(GBytes) archive = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autofree char *xml = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  copy_study (f);
  annotate (f);

  RUN (f, &r, "export", "study", "--format", "qdpx", "-o", "study.qdpx");
  g_assert_cmpint (r.status, ==, 0);
  archive = snapshot (f, "study.qdpx");
  entries = zip_read (archive);
  /* The project and the three speeches' texts. */
  g_assert_cmpuint (entries->len, ==, 4);
  xml = g_strndup (g_bytes_get_data (zip_find (entries, "project.qde"), NULL),
                   g_bytes_get_size (zip_find (entries, "project.qde")));
  g_assert_cmpuint (count_occurrences (xml, "<TextSource "), ==, 3);
  g_assert_cmpuint (count_occurrences (xml, "<PlainTextSelection "), ==, 8);
  g_assert_nonnull (strstr (xml, "name=\"keynote.md\""));

  /* w3c and qdc hold one speech: usage errors, nothing written. */
  before = listing (f);
  RUN (f, &r, "export", "study", "--format", "w3c", "-o", "study.jsonld");
  g_assert_cmpint (r.status, ==, 1);
  g_assert_nonnull (strstr (r.err, "one speech"));
  RUN (f, &r, "export", "study/keynote.md", "study/2024-report.txt", "--format", "qdc");
  g_assert_cmpint (r.status, ==, 1);
  g_assert_cmpstr (r.out, ==, "");
  after = listing (f);
  g_assert_cmpstr (before, ==, after);

  /* One speech in w3c, as before. */
  RUN (f, &r, "export", "study/keynote.md", "--format", "w3c");
  g_assert_cmpint (r.status, ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/cli-several/folder-rules", Fixture, NULL, fixture_setup, test_folder_rules, fixture_teardown);
  g_test_add ("/cli-several/list", Fixture, NULL, fixture_setup, test_list, fixture_teardown);
  g_test_add ("/cli-several/export-summary", Fixture, NULL, fixture_setup, test_export_summary, fixture_teardown);
  g_test_add ("/cli-several/export-projects", Fixture, NULL, fixture_setup, test_export_projects, fixture_teardown);

  return g_test_run ();
}
