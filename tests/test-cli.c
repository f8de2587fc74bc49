/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Marginalia"
#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "cli-fixture.h"

/* The commands of marginalia-cli, run as a program: outputs, exit
 * statuses, and the sidecar bytes after each change. */

/* Help, version, usage */

static void
test_help_version (Fixture       *f,
                   gconstpointer  data)
{
  static const char * const commands[] = {
    "info", "add", "list", "remove", "tag", "tags", "validate",
  };
  g_auto(Result) r = { 0 };

  RUN (f, &r, "--version");
  g_assert_cmpint (r.status, ==, 0);
  g_assert_true (g_str_has_prefix (r.out, "marginalia-cli " PACKAGE_VERSION "\n"));

  RUN (f, &r, "--help");
  g_assert_cmpint (r.status, ==, 0);
  g_assert_cmpstr (r.err, ==, "");
  for (gsize i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      g_autofree char *entry = g_strdup_printf ("  %s ", commands[i]);

      g_assert_nonnull (strstr (r.out, entry));
    }

  for (gsize i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      g_autofree char *usage = g_strdup_printf ("marginalia-cli %s", commands[i]);

      RUN (f, &r, commands[i], "--help");
      g_assert_cmpint (r.status, ==, 0);
      g_assert_nonnull (strstr (r.out, usage));
      g_assert_nonnull (strstr (r.out, "--help"));
      g_assert_cmpstr (r.err, ==, "");
    }

  RUN (f, &r, "help", "add");
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "marginalia-cli add"));
  RUN (f, &r, "help");
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "  validate "));
  RUN (f, &r, "help", "frobnicate");
  g_assert_cmpint (r.status, ==, 1);

  RUN (f, &r, "add", "--help");
  g_assert_nonnull (strstr (r.out, "--quote"));
  g_assert_nonnull (strstr (r.out, "--occurrence"));
  g_assert_nonnull (strstr (r.out, "--annotations"));

  /* Nothing was written by any of that. */
  g_assert_null (snapshot (f, SIDECAR));
}

static void
test_usage_errors (Fixture       *f,
                   gconstpointer  data)
{
  g_auto(Result) r = { 0 };
  g_autofree char *before = listing (f);
  g_autofree char *after = NULL;

  RUN (f, &r, "frobnicate");
  g_assert_cmpint (r.status, ==, 1);
  g_assert_nonnull (strstr (r.err, "frobnicate"));
  g_assert_nonnull (strstr (r.err, "Usage:"));
  g_assert_cmpstr (r.out, ==, "");

  RUN (f, &r, "--frobnicate");
  g_assert_cmpint (r.status, ==, 1);
  g_assert_nonnull (strstr (r.err, "Usage:"));

  {
    const char *argv[] = { NULL };

    result_clear (&r);
    run_full (f, NULL, NULL, argv, &r);
    g_assert_cmpint (r.status, ==, 1);
    g_assert_nonnull (strstr (r.err, "Usage:"));
  }

#define USAGE(...) \
  G_STMT_START { \
    RUN (f, &r, __VA_ARGS__); \
    g_assert_cmpint (r.status, ==, 1); \
    g_assert_nonnull (strstr (r.err, "Usage: marginalia-cli ")); \
    g_assert_cmpstr (r.out, ==, ""); \
  } G_STMT_END

  USAGE ("info");
  USAGE ("info", SPEECH, "extra");
  USAGE ("info", SPEECH, "--frobnicate");
  USAGE ("add", SPEECH);
  USAGE ("add", SPEECH, "--quote", "高质量发展", "--range", "0:3");
  USAGE ("add", SPEECH, "--quote", "高质量发展", "--occurrence", "0");
  USAGE ("add", SPEECH, "--quote", "高质量发展", "--occurrence", "-1");
  USAGE ("add", SPEECH, "--quote", "高质量发展", "--occurrence", "two");
  USAGE ("add", SPEECH, "--range", "0:3", "--occurrence", "2");
  USAGE ("add", SPEECH, "--range", "3");
  USAGE ("add", SPEECH, "--range", "a:b");
  USAGE ("add", SPEECH, "--range", "-1:3");
  USAGE ("add", SPEECH, "--quote");
  USAGE ("list", SPEECH, "--format", "xml");
  USAGE ("remove", SPEECH);
  USAGE ("tag", SPEECH, "11111111-1111-4111-8111-111111111111");
  USAGE ("tag", SPEECH, "11111111-1111-4111-8111-111111111111", "--star", "--unstar");
  USAGE ("tag", SPEECH, "11111111-1111-4111-8111-111111111111", "--add", "figure",
         "--remove", "figure");
  USAGE ("tags", SPEECH, "--rename", "figure");
  USAGE ("tags", SPEECH, "--name", "Numbers");
  USAGE ("tags", SPEECH, "stray");
  USAGE ("validate");
  USAGE ("validate", "a.json", "b.json");

  after = listing (f);
  g_assert_cmpstr (before, ==, after);
}

/* info */

static void
check_info_json (Fixture    *f,
                 const char *document,
                 const char *encoding)
{
  static const char * const members[] = {
    "encoding", "length", "paragraphs", "sha256", "title", "sidecar",
    "annotations", "by_tag", "by_state",
  };
  g_auto(Result) r = { 0 };
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *sidecar = g_strconcat (document, ".marginalia.json", NULL);
  JsonObject *o;
  JsonObject *by_state;

  RUN (f, &r, "info", document, "--json");
  g_assert_cmpint (r.status, ==, 0);
  root = parse_json (r.out);
  o = json_node_get_object (root);

  g_assert_cmpuint (json_object_get_size (o), ==, G_N_ELEMENTS (members));
  for (gsize i = 0; i < G_N_ELEMENTS (members); i++)
    g_assert_true (json_object_has_member (o, members[i]));

  g_assert_cmpstr (json_object_get_string_member (o, "encoding"), ==, encoding);
  g_assert_cmpint (json_object_get_int_member (o, "length"), ==, 209);
  g_assert_cmpint (json_object_get_int_member (o, "paragraphs"), ==, 5);
  g_assert_cmpstr (json_object_get_string_member (o, "sha256"), ==, SPEECH_SHA);
  g_assert_cmpstr (json_object_get_string_member (o, "title"), ==, "在全市高质量发展推进大会上的讲话");
  g_assert_cmpstr (json_object_get_string_member (o, "sidecar"), ==, sidecar);
  g_assert_cmpint (json_object_get_int_member (o, "annotations"), ==, 0);
  g_assert_true (json_object_has_member (json_object_get_object_member (o, "by_tag"), "slogan"));
  by_state = json_object_get_object_member (o, "by_state");
  g_assert_cmpint (json_object_get_int_member (by_state, "exact"), ==, 0);
  g_assert_cmpint (json_object_get_int_member (by_state, "orphaned"), ==, 0);
}

static void
test_info (Fixture       *f,
           gconstpointer  data)
{
  g_auto(Result) r = { 0 };
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *id = NULL;
  JsonObject *o;

  /* The same speech in three encodings and two line endings. */
  check_info_json (f, SPEECH, "UTF-8");
  check_info_json (f, "speech-gb18030.txt", "GB18030");
  check_info_json (f, "speech-utf16le-crlf.txt", "UTF-16LE");

  RUN (f, &r, "info", SPEECH);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, SPEECH_SHA));
  g_assert_nonnull (strstr (r.out, "在全市高质量发展推进大会上的讲话"));
  g_assert_nonnull (strstr (r.out, SIDECAR));
  g_assert_nonnull (strstr (r.out, "UTF-8"));
  g_assert_nonnull (strstr (r.out, "209"));
  g_assert_null (snapshot (f, SIDECAR));

  id = add_ok (f, "--quote", "6.5%", "--tag", "figure", "--tag", "slogan", NULL);
  RUN (f, &r, "info", SPEECH, "--json");
  g_assert_cmpint (r.status, ==, 0);
  root = parse_json (r.out);
  o = json_node_get_object (root);
  g_assert_cmpint (json_object_get_int_member (o, "annotations"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (o, "by_tag"),
                                               "figure"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (o, "by_tag"),
                                               "policy-goal"), ==, 0);
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (o, "by_state"),
                                               "exact"), ==, 1);

  /* Titles and quotes come out as UTF-8 even in the C locale. */
  {
    const char *env[] = { "LC_ALL=C", "LANG=C", NULL };

    RUN_ENV (f, &r, env, "info", SPEECH);
    g_assert_cmpint (r.status, ==, 0);
    g_assert_nonnull (strstr (r.out, "在全市高质量发展推进大会上的讲话"));
  }
}

/* add */

static void
test_add_quote (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autofree char *third = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GBytes) before = NULL;
  g_auto(Result) r = { 0 };
  JsonArray *list;
  JsonObject *o;

  first = add_ok (f, "--quote", "高质量发展", "--tag", "slogan", "--author", "Li Wei", NULL);
  second = add_ok (f, "--quote", "高质量发展", "--occurrence", "2", "--note", "重点",
                   "--star", NULL);
  g_assert_cmpstr (first, !=, second);

  list = list_json (f, SPEECH, &root);
  g_assert_cmpuint (json_array_get_length (list), ==, 2);
  o = find_annotation (list, first);
  g_assert_nonnull (o);
  g_assert_cmpint (json_object_get_int_member (o, "start"), ==, 3);
  g_assert_cmpint (json_object_get_int_member (o, "end"), ==, 8);
  g_assert_cmpint (json_object_get_int_member (o, "paragraph"), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (o, "author"), ==, "Li Wei");
  g_assert_cmpstr (json_object_get_string_member (o, "quote"), ==, "高质量发展");
  g_assert_false (json_object_get_boolean_member (o, "starred"));
  o = find_annotation (list, second);
  g_assert_nonnull (o);
  g_assert_cmpint (json_object_get_int_member (o, "start"), ==, 40);
  g_assert_cmpint (json_object_get_int_member (o, "end"), ==, 45);
  g_assert_cmpint (json_object_get_int_member (o, "paragraph"), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (o, "note"), ==, "重点");
  g_assert_true (json_object_get_boolean_member (o, "starred"));
  /* The default author: the user's name. */
  g_assert_cmpstr (json_object_get_string_member (o, "author"), !=, "");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (o, "tags")), ==, 0);

  /* The third and last occurrence, then one past it. */
  third = add_ok (f, "--quote", "高质量发展", "--occurrence", "3", NULL);

  before = snapshot (f, SIDECAR);
  g_assert_nonnull (before);

  RUN (f, &r, "add", SPEECH, "--quote", "高质量发展", "--occurrence", "4");
  g_assert_cmpint (r.status, ==, 2);
  g_assert_cmpstr (r.out, ==, "");
  g_assert_nonnull (strstr (r.err, "高质量发展"));
  assert_unchanged (f, SIDECAR, before);

  RUN (f, &r, "add", SPEECH, "--quote", "低质量发展");
  g_assert_cmpint (r.status, ==, 2);
  g_assert_nonnull (strstr (r.err, "低质量发展"));
  g_assert_nonnull (strstr (r.err, SPEECH));
  assert_unchanged (f, SIDECAR, before);

  RUN (f, &r, "add", SPEECH, "--quote", "");
  g_assert_cmpint (r.status, ==, 2);
  assert_unchanged (f, SIDECAR, before);

  RUN (f, &r, "add", SPEECH, "--quote", "项目为王", "--tag", "no-such-tag");
  g_assert_cmpint (r.status, ==, 2);
  g_assert_nonnull (strstr (r.err, "no-such-tag"));
  assert_unchanged (f, SIDECAR, before);

  /* Copied from a rendered page: the line break and the full-width comma
   * are not as in the file; the passage is still found, with a notice. */
  RUN (f, &r, "add", SPEECH, "--quote", "坚持\"项目为王\", 全年新开工");
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.err, "坚持“项目为王”，\n全年新开工"));
  {
    g_autoptr(JsonNode) folded_root = NULL;
    g_autofree char *folded_id = g_strdup (strip_newline (r.out));

    o = find_annotation (list_json (f, SPEECH, &folded_root), folded_id);
    g_assert_nonnull (o);
    g_assert_cmpstr (json_object_get_string_member (o, "quote"), ==, "坚持“项目为王”，\n全年新开工");
  }
  g_clear_pointer (&before, g_bytes_unref);
  before = snapshot (f, SIDECAR);
  RUN (f, &r, "add", SPEECH, "--quote", "坚持\"项目为王\"", "--occurrence", "3");
  g_assert_cmpint (r.status, ==, 2);
  g_assert_nonnull (strstr (r.err, "2"));
  assert_unchanged (f, SIDECAR, before);

  /* A quote given in the C locale. */
  {
    const char *env[] = { "LC_ALL=C", "LANG=C", NULL };

    RUN_ENV (f, &r, env, "add", SPEECH, "--quote", "项目为王", "--occurrence", "2");
    g_assert_cmpint (r.status, ==, 0);
  }
}

static void
test_add_range (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *id = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GBytes) before = NULL;
  g_auto(Result) r = { 0 };
  JsonObject *o;

  id = add_ok (f, "--range", "88:92", "--tag", "slogan", "--tag", "policy-goal", NULL);
  o = find_annotation (list_json (f, SPEECH, &root), id);
  g_assert_nonnull (o);
  g_assert_cmpstr (json_object_get_string_member (o, "quote"), ==, "项目为王");
  g_assert_cmpint (json_object_get_int_member (o, "paragraph"), ==, 3);

  /* The whole text is a valid range. */
  g_free (add_ok (f, "--range", "0:209", NULL));

  before = snapshot (f, SIDECAR);
  RUN (f, &r, "add", SPEECH, "--range", "5:5");
  g_assert_cmpint (r.status, ==, 2);
  assert_unchanged (f, SIDECAR, before);
  RUN (f, &r, "add", SPEECH, "--range", "9:5");
  g_assert_cmpint (r.status, ==, 2);
  assert_unchanged (f, SIDECAR, before);
  RUN (f, &r, "add", SPEECH, "--range", "200:210");
  g_assert_cmpint (r.status, ==, 2);
  g_assert_nonnull (strstr (r.err, "209"));
  assert_unchanged (f, SIDECAR, before);
  RUN (f, &r, "add", SPEECH, "--range", "0:99999999999999");
  g_assert_cmpint (r.status, ==, 2);
  assert_unchanged (f, SIDECAR, before);
}

/* The sidecar after an add holds exactly the old one plus that annotation. */
static void
test_add_diff (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *first = add_ok (f, "--quote", "6.5%", "--tag", "figure", NULL);
  g_autofree char *second = NULL;
  g_autoptr(GBytes) before = snapshot (f, SIDECAR);
  g_autoptr(GBytes) after = NULL;
  g_autoptr(JsonNode) old_root = NULL;
  g_autoptr(JsonNode) new_root = NULL;
  JsonObject *old_o, *new_o;
  JsonArray *old_a, *new_a;
  guint j = 0;

  g_assert_nonnull (before);
  old_root = parse_json (g_bytes_get_data (before, NULL));

  second = add_ok (f, "--quote", "233 个", "--tag", "figure", NULL);
  after = snapshot (f, SIDECAR);
  new_root = parse_json (g_bytes_get_data (after, NULL));

  old_o = json_node_get_object (old_root);
  new_o = json_node_get_object (new_root);
  g_assert_true (json_node_equal (json_object_get_member (old_o, "document"),
                                  json_object_get_member (new_o, "document")));
  g_assert_true (json_node_equal (json_object_get_member (old_o, "tags"),
                                  json_object_get_member (new_o, "tags")));
  old_a = json_object_get_array_member (old_o, "annotations");
  new_a = json_object_get_array_member (new_o, "annotations");
  g_assert_cmpuint (json_array_get_length (new_a), ==, json_array_get_length (old_a) + 1);
  for (guint i = 0; i < json_array_get_length (new_a); i++)
    {
      JsonNode *node = json_array_get_element (new_a, i);
      JsonObject *o = json_node_get_object (node);

      if (g_strcmp0 (json_object_get_string_member (o, "id"), second) == 0)
        continue;
      g_assert_true (json_node_equal (node, json_array_get_element (old_a, j)));
      j++;
    }
  g_assert_cmpuint (j, ==, json_array_get_length (old_a));
}

/* list */

static void
test_list_tsv (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *text = NULL;
  g_autofree char *range = NULL;
  g_autofree char *id = NULL;
  g_autofree char *plain = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *speech = fixture_path (f, SPEECH);
  g_auto(GStrv) lines = NULL;
  g_auto(Result) r = { 0 };
  const char *line_start;
  glong start;

  g_assert_true (g_file_get_contents (speech, &text, NULL, NULL));
  line_start = strstr (text, "A line");
  g_assert_nonnull (line_start);
  start = g_utf8_pointer_to_offset (text, line_start);
  range = g_strdup_printf ("%ld:%ld", start, start + 48);

  id = add_ok (f, "--range", range, "--tag", "slogan", "--tag", "figure", "--star",
               "--author", "Wang\tFang", "--note", "first\nsecond\\third\tfourth", NULL);
  plain = add_ok (f, "--quote", "项目为王", "--author", "Li Wei", NULL);

  RUN (f, &r, "list", SPEECH);
  g_assert_cmpint (r.status, ==, 0);
  lines = g_strsplit (r.out, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 4);
  g_assert_cmpstr (lines[0], ==,
                   "id\tstart\tend\tparagraph\tstate\ttags\tstarred\tauthor\tquote\tnote");
  g_assert_true (g_str_has_prefix (lines[1], plain));
  expected = g_strdup_printf ("%s\t%ld\t%ld\t5\texact\tslogan,figure\ttrue\tWang\\tFang\t"
                              "A line with a tab\\tinside and a backslash \\\\ here.\t"
                              "first\\nsecond\\\\third\\tfourth",
                              id, start, start + 48);
  g_assert_cmpstr (lines[2], ==, expected);
  g_assert_cmpstr (lines[3], ==, "");

  /* Filters. */
  RUN (f, &r, "list", SPEECH, "--starred");
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, id));
  g_assert_null (strstr (r.out, plain));

  RUN (f, &r, "list", SPEECH, "--author", "Li Wei");
  g_assert_cmpint (r.status, ==, 0);
  g_assert_null (strstr (r.out, id));
  g_assert_nonnull (strstr (r.out, plain));

  RUN (f, &r, "list", SPEECH, "--tag", "figure");
  g_assert_nonnull (strstr (r.out, id));
  g_assert_null (strstr (r.out, plain));

  RUN (f, &r, "list", SPEECH, "--tag", "policy-goal");
  g_assert_cmpint (r.status, ==, 0);
  g_assert_null (strstr (r.out, id));
  g_assert_true (g_str_has_prefix (r.out, "id\t"));

  RUN (f, &r, "list", SPEECH, "--tag", "nonsense");
  g_assert_cmpint (r.status, ==, 2);
  g_assert_nonnull (strstr (r.err, "nonsense"));

  /* No sidecar yet: just the header. */
  RUN (f, &r, "list", "speech-v2.txt");
  g_assert_cmpint (r.status, ==, 0);
  g_assert_cmpstr (r.out, ==,
                   "id\tstart\tend\tparagraph\tstate\ttags\tstarred\tauthor\tquote\tnote\n");
  g_assert_null (snapshot (f, "speech-v2.txt.marginalia.json"));
}

static void
test_list_json (Fixture       *f,
                gconstpointer  data)
{
  static const char * const members[] = {
    "id", "start", "end", "paragraph", "state", "tags", "starred", "author", "quote", "note",
  };
  g_autofree char *id = add_ok (f, "--quote", "1200 亿元", "--tag", "figure", "--tag", "slogan",
                                "--note", "tab\there \"quoted\"", NULL);
  g_autoptr(JsonNode) root = NULL;
  JsonArray *list = list_json (f, SPEECH, &root);
  JsonObject *o;
  JsonArray *tags;

  g_assert_cmpuint (json_array_get_length (list), ==, 1);
  o = json_array_get_object_element (list, 0);
  g_assert_cmpuint (json_object_get_size (o), ==, G_N_ELEMENTS (members));
  for (gsize i = 0; i < G_N_ELEMENTS (members); i++)
    g_assert_true (json_object_has_member (o, members[i]));
  g_assert_cmpstr (json_object_get_string_member (o, "id"), ==, id);
  g_assert_cmpstr (json_object_get_string_member (o, "state"), ==, "exact");
  g_assert_cmpstr (json_object_get_string_member (o, "quote"), ==, "1200 亿元");
  g_assert_cmpstr (json_object_get_string_member (o, "note"), ==, "tab\there \"quoted\"");
  g_assert_cmpint (json_object_get_int_member (o, "paragraph"), ==, 3);
  tags = json_object_get_array_member (o, "tags");
  g_assert_cmpuint (json_array_get_length (tags), ==, 2);
  g_assert_cmpstr (json_array_get_string_element (tags, 0), ==, "figure");
  g_assert_cmpstr (json_array_get_string_element (tags, 1), ==, "slogan");
}

/* remove */

static void
test_remove (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *first = add_ok (f, "--quote", "项目为王", NULL);
  g_autoptr(GBytes) one = snapshot (f, SIDECAR);
  g_autofree char *second = add_ok (f, "--quote", "233 个", NULL);
  g_autofree char *third = add_ok (f, "--quote", "6.5%", NULL);
  g_autoptr(GBytes) three = snapshot (f, SIDECAR);
  g_autoptr(JsonNode) root = NULL;
  g_auto(Result) r = { 0 };

  RUN (f, &r, "remove", SPEECH, "00000000-0000-4000-8000-000000000000");
  g_assert_cmpint (r.status, ==, 2);
  g_assert_nonnull (strstr (r.err, "00000000-0000-4000-8000-000000000000"));
  assert_unchanged (f, SIDECAR, three);

  /* One unknown id among known ones: nothing is removed. */
  RUN (f, &r, "remove", SPEECH, second, "nope", third);
  g_assert_cmpint (r.status, ==, 2);
  assert_unchanged (f, SIDECAR, three);

  RUN (f, &r, "remove", SPEECH, second, third, second);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_cmpstr (r.out, ==, "");
  /* Removing what was added gives back the very same bytes. */
  assert_unchanged (f, SIDECAR, one);

  g_assert_cmpuint (json_array_get_length (list_json (f, SPEECH, &root)), ==, 1);

  RUN (f, &r, "remove", SPEECH, second);
  g_assert_cmpint (r.status, ==, 2);
  assert_unchanged (f, SIDECAR, one);
}

/* tag */

static void
test_tag (Fixture       *f,
          gconstpointer  data)
{
  g_autofree char *id = add_ok (f, "--quote", "233 个", "--tag", "figure", NULL);
  g_autoptr(GBytes) before = NULL;
  g_auto(Result) r = { 0 };
  JsonObject *o;

  RUN (f, &r, "tag", SPEECH, id, "--add", "slogan", "--add", "policy-goal",
       "--remove", "figure", "--note", "多行\n备注", "--star");
  g_assert_cmpint (r.status, ==, 0);
  {
    g_autoptr(JsonNode) root = NULL;
    JsonArray *tags;

    o = find_annotation (list_json (f, SPEECH, &root), id);
    tags = json_object_get_array_member (o, "tags");
    g_assert_cmpuint (json_array_get_length (tags), ==, 2);
    g_assert_cmpstr (json_array_get_string_element (tags, 0), ==, "slogan");
    g_assert_cmpstr (json_array_get_string_element (tags, 1), ==, "policy-goal");
    g_assert_cmpstr (json_object_get_string_member (o, "note"), ==, "多行\n备注");
    g_assert_true (json_object_get_boolean_member (o, "starred"));
  }

  /* Nothing to change: the file is not rewritten. */
  before = snapshot (f, SIDECAR);
  RUN (f, &r, "tag", SPEECH, id, "--add", "slogan", "--remove", "figure", "--star");
  g_assert_cmpint (r.status, ==, 0);
  assert_unchanged (f, SIDECAR, before);

  RUN (f, &r, "tag", SPEECH, "nope", "--add", "slogan");
  g_assert_cmpint (r.status, ==, 2);
  g_assert_nonnull (strstr (r.err, "nope"));
  assert_unchanged (f, SIDECAR, before);

  RUN (f, &r, "tag", SPEECH, id, "--add", "bogus-tag", "--unstar");
  g_assert_cmpint (r.status, ==, 2);
  g_assert_nonnull (strstr (r.err, "bogus-tag"));
  assert_unchanged (f, SIDECAR, before);

  RUN (f, &r, "tag", SPEECH, id, "--unstar", "--note", "");
  g_assert_cmpint (r.status, ==, 0);
  {
    g_autoptr(JsonNode) root = NULL;

    o = find_annotation (list_json (f, SPEECH, &root), id);
    g_assert_false (json_object_get_boolean_member (o, "starred"));
    g_assert_cmpstr (json_object_get_string_member (o, "note"), ==, "");
  }
}

/* tags */

static void
test_tags (Fixture       *f,
           gconstpointer  data)
{
  g_autofree char *id = add_ok (f, "--quote", "6.5%", "--tag", "figure", NULL);
  g_autoptr(GBytes) before = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_auto(GStrv) lines = NULL;
  g_auto(Result) r = { 0 };
  JsonArray *tags;

  RUN (f, &r, "tags", SPEECH);
  g_assert_cmpint (r.status, ==, 0);
  lines = g_strsplit (r.out, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 5);
  g_assert_cmpstr (lines[0], ==, "id\tname\tcolor\tcount");
  g_assert_true (g_str_has_prefix (lines[1], "policy-goal\t"));
  g_assert_true (g_str_has_prefix (lines[2], "figure\t"));
  g_assert_true (g_str_has_suffix (lines[2], "\t1"));
  g_assert_true (g_str_has_prefix (lines[3], "slogan\t"));
  g_assert_true (g_str_has_suffix (lines[3], "\t0"));

  RUN (f, &r, "tags", SPEECH, "--add", "reform", "--name", "改革", "--color", "#123456");
  g_assert_cmpint (r.status, ==, 0);
  RUN (f, &r, "tags", SPEECH, "--format", "json");
  g_assert_cmpint (r.status, ==, 0);
  root = parse_json (r.out);
  tags = json_node_get_array (root);
  g_assert_cmpuint (json_array_get_length (tags), ==, 4);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (tags, 3), "id"),
                   ==, "reform");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (tags, 3), "name"),
                   ==, "改革");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (tags, 3), "color"),
                   ==, "#123456");
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (tags, 3), "count"),
                   ==, 0);

  /* The new tag can be used at once. */
  RUN (f, &r, "tag", SPEECH, id, "--add", "reform");
  g_assert_cmpint (r.status, ==, 0);

  before = snapshot (f, SIDECAR);
  RUN (f, &r, "tags", SPEECH, "--add", "reform");
  g_assert_cmpint (r.status, ==, 2);
  assert_unchanged (f, SIDECAR, before);
  RUN (f, &r, "tags", SPEECH, "--add", "Not An Id");
  g_assert_cmpint (r.status, ==, 2);
  assert_unchanged (f, SIDECAR, before);
  RUN (f, &r, "tags", SPEECH, "--add", "other", "--color", "red");
  g_assert_cmpint (r.status, ==, 2);
  assert_unchanged (f, SIDECAR, before);
  RUN (f, &r, "tags", SPEECH, "--rename", "nope", "Name");
  g_assert_cmpint (r.status, ==, 2);
  assert_unchanged (f, SIDECAR, before);
  RUN (f, &r, "tags", SPEECH, "--delete", "nope");
  g_assert_cmpint (r.status, ==, 2);
  assert_unchanged (f, SIDECAR, before);
  /* One bad change among good ones: none is made. */
  RUN (f, &r, "tags", SPEECH, "--add", "other", "--delete", "nope");
  g_assert_cmpint (r.status, ==, 2);
  assert_unchanged (f, SIDECAR, before);

  RUN (f, &r, "tags", SPEECH, "--rename", "reform", "Reform");
  g_assert_cmpint (r.status, ==, 0);
  RUN (f, &r, "tags", SPEECH);
  g_assert_nonnull (strstr (r.out, "reform\tReform\t#123456\t1\n"));

  /* Deleting a tag takes it off the annotations. */
  RUN (f, &r, "tags", SPEECH, "--delete", "reform");
  g_assert_cmpint (r.status, ==, 0);
  RUN (f, &r, "tags", SPEECH);
  g_assert_null (strstr (r.out, "reform"));
  RUN (f, &r, "list", SPEECH);
  g_assert_null (strstr (r.out, "reform"));
  g_assert_nonnull (strstr (r.out, "\tfigure\t"));
}

/* The bundled sample, as a new user would go through it: each step
 * changes the sidecar by exactly that step. */
static void
test_sample (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *from = g_build_filename (SOURCE_SAMPLES_DIR, "sample-zh.txt", NULL);
  g_autofree char *to = fixture_path (f, "sample-zh.txt");
  g_autofree char *contents = NULL;
  g_autofree char *slogan = NULL;
  g_autofree char *figure = NULL;
  g_autoptr(GBytes) one = NULL;
  g_autoptr(GBytes) two = NULL;
  g_autoptr(GBytes) tagged = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_auto(Result) r = { 0 };
  gsize length = 0;
  JsonObject *o;

  if (!g_file_get_contents (from, &contents, &length, NULL))
    {
      g_test_skip ("the sample speech is not in data/samples");
      return;
    }
  g_file_set_contents (to, contents, length, &error);
  g_assert_no_error (error);

  RUN (f, &r, "info", "sample-zh.txt");
  g_assert_cmpint (r.status, ==, 0);

  RUN (f, &r, "add", "sample-zh.txt", "--quote", "十五五", "--occurrence", "2",
       "--tag", "slogan", "--star");
  g_assert_cmpint (r.status, ==, 0);
  slogan = g_strdup (strip_newline (r.out));
  one = snapshot (f, "sample-zh.txt.marginalia.json");
  g_assert_nonnull (one);

  RUN (f, &r, "add", "sample-zh.txt", "--quote", "1286亿元", "--tag", "figure");
  g_assert_cmpint (r.status, ==, 0);
  figure = g_strdup (strip_newline (r.out));
  two = snapshot (f, "sample-zh.txt.marginalia.json");

  RUN (f, &r, "list", "sample-zh.txt", "--format", "json");
  g_assert_cmpint (r.status, ==, 0);
  root = parse_json (r.out);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (root)), ==, 2);
  o = find_annotation (json_node_get_array (root), figure);
  g_assert_cmpstr (json_object_get_string_member (o, "quote"), ==, "1286亿元");

  RUN (f, &r, "tag", "sample-zh.txt", figure, "--add", "policy-goal");
  g_assert_cmpint (r.status, ==, 0);
  tagged = snapshot (f, "sample-zh.txt.marginalia.json");
  g_assert_cmpuint (g_bytes_get_size (tagged), >, g_bytes_get_size (two));
  RUN (f, &r, "tag", "sample-zh.txt", figure, "--remove", "policy-goal");
  g_assert_cmpint (r.status, ==, 0);
  RUN (f, &r, "remove", "sample-zh.txt", figure);
  g_assert_cmpint (r.status, ==, 0);
  /* The tag changes went with the annotation: the file is as it was
   * after the first add. */
  assert_unchanged (f, "sample-zh.txt.marginalia.json", one);

  RUN (f, &r, "validate", "sample-zh.txt.marginalia.json", "--document", "sample-zh.txt");
  g_assert_cmpint (r.status, ==, 0);
  g_assert_cmpstr (r.out, ==, "");

  RUN (f, &r, "list", "sample-zh.txt", "--starred");
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, slogan));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/cli/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("help-version", test_help_version);
  ADD ("usage-errors", test_usage_errors);
  ADD ("info", test_info);
  ADD ("add/quote", test_add_quote);
  ADD ("add/range", test_add_range);
  ADD ("add/diff", test_add_diff);
  ADD ("list/tsv", test_list_tsv);
  ADD ("list/json", test_list_json);
  ADD ("remove", test_remove);
  ADD ("tag", test_tag);
  ADD ("tags", test_tags);
  ADD ("sample", test_sample);

  return g_test_run ();
}
