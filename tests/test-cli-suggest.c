/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Marginalia"
#include "config.h"

#include <string.h>

#include "cli-fixture.h"

/* marginalia-cli suggest and compare, run as a program on copies of
 * tests/data/cli. */

static const char *const speech_rows[] = {
  "kind\tstart\tend\tparagraph\tquote\treason",
  "slogan\t3\t8\t1\t高质量发展\tknown formula",
  "slogan\t40\t45\t2\t高质量发展\tquoted phrase",
  "figure\t67\t71\t3\t6.5%\tpercentage",
  "figure\t75\t82\t3\t1200 亿元\tmoney",
  "slogan\t88\t92\t3\t项目为王\tquoted phrase",
  "figure\t103\t108\t3\t233 个\tquantity",
  "policy-goal\t111\t133\t4\t今年要实现“高质量发展”和高水平安全良性互动\tcommitment",
  "slogan\t117\t122\t4\t高质量发展\tquoted phrase",
  "policy-goal\t135\t145\t4\t确保完成各项目标任务\tcommitment",
  "policy-goal\t146\t157\t4\t坚持“项目为王”不动摇\tdirective",
  "slogan\t149\t153\t4\t项目为王\tquoted phrase",
};

static void
write_file (Fixture    *f,
            const char *name,
            const char *contents)
{
  g_autofree char *path = fixture_path (f, name);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);
}

static void
test_suggest_tsv (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *names = listing (f);
  g_autofree char *now = NULL;
  g_auto(GStrv) lines = NULL;
  g_auto(Result) r = { 0 };

  RUN (f, &r, "suggest", SPEECH);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_cmpstr (r.err, ==, "");
  lines = g_strsplit (r.out, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, G_N_ELEMENTS (speech_rows) + 1);
  for (guint i = 0; i < G_N_ELEMENTS (speech_rows); i++)
    g_assert_cmpstr (lines[i], ==, speech_rows[i]);
  g_assert_cmpstr (lines[G_N_ELEMENTS (speech_rows)], ==, "");

  /* Reading only: no sidecar appears. */
  now = listing (f);
  g_assert_cmpstr (now, ==, names);

  RUN (f, &r, "suggest", SPEECH, "--kind", "figure", "--format", "tsv");
  g_assert_cmpint (r.status, ==, 0);
  g_strfreev (lines);
  lines = g_strsplit (r.out, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 5);
  g_assert_cmpstr (lines[0], ==, speech_rows[0]);
  g_assert_cmpstr (lines[1], ==, speech_rows[3]);
  g_assert_cmpstr (lines[3], ==, speech_rows[6]);

  RUN (f, &r, "suggest", SPEECH, "-k", "figure", "--kind", "policy-goal");
  g_assert_cmpint (r.status, ==, 0);
  g_strfreev (lines);
  lines = g_strsplit (r.out, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 8);
  g_assert_cmpstr (lines[4], ==, speech_rows[7]);
  g_assert_cmpstr (lines[5], ==, speech_rows[9]);
  g_assert_cmpstr (lines[6], ==, speech_rows[10]);
}

static void
test_suggest_json (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(JsonNode) root = NULL;
  JsonArray *array;
  JsonObject *o;
  g_auto(Result) r = { 0 };

  RUN (f, &r, "suggest", SPEECH, "--format", "json", "--kind", "policy-goal", "--kind", "slogan");
  g_assert_cmpint (r.status, ==, 0);
  root = parse_json (r.out);
  array = json_node_get_array (root);
  g_assert_cmpuint (json_array_get_length (array), ==, 8);
  o = json_array_get_object_element (array, 5);
  g_assert_cmpuint (json_object_get_size (o), ==, 6);
  g_assert_cmpstr (json_object_get_string_member (o, "kind"), ==, "policy-goal");
  g_assert_cmpint (json_object_get_int_member (o, "start"), ==, 135);
  g_assert_cmpint (json_object_get_int_member (o, "end"), ==, 145);
  g_assert_cmpint (json_object_get_int_member (o, "paragraph"), ==, 4);
  g_assert_cmpstr (json_object_get_string_member (o, "quote"), ==, "确保完成各项目标任务");
  g_assert_cmpstr (json_object_get_string_member (o, "reason"), ==, "commitment");

  /* A speech with nothing to suggest: an empty array, a header alone. */
  write_file (f, "plain.txt", "同志们：\n\n大家好。\n");
  RUN (f, &r, "suggest", "plain.txt", "--format", "json");
  g_assert_cmpint (r.status, ==, 0);
  g_clear_pointer (&root, json_node_unref);
  root = parse_json (r.out);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (root)), ==, 0);
  RUN (f, &r, "suggest", "plain.txt");
  g_assert_cmpint (r.status, ==, 0);
  g_assert_cmpstr (r.out, ==, "kind\tstart\tend\tparagraph\tquote\treason\n");
}

static void
test_suggest_apply (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GBytes) before = NULL;
  g_autofree char *id = NULL;
  JsonArray *array;
  g_auto(Result) r = { 0 };

  /* 6.5% is already a figure; 1200 亿元 is annotated, but as a slogan. */
  id = add_ok (f, "--quote", "6.5%", "--tag", "figure", NULL);
  g_free (add_ok (f, "--quote", "1200 亿元", "--tag", "slogan", NULL));

  RUN (f, &r, "suggest", SPEECH, "--kind", "figure", "--apply");
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "Added 2 annotations"));
  g_assert_nonnull (strstr (r.out, "1 suggestion already annotated"));

  array = list_json (f, SPEECH, &root);
  g_assert_cmpuint (json_array_get_length (array), ==, 4);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *o = json_array_get_object_element (array, i);
      JsonArray *tags = json_object_get_array_member (o, "tags");
      const char *quote = json_object_get_string_member (o, "quote");

      g_assert_cmpuint (json_array_get_length (tags), ==, 1);
      if (strcmp (quote, "233 个") == 0 || strcmp (quote, "6.5%") == 0)
        g_assert_cmpstr (json_array_get_string_element (tags, 0), ==, "figure");
    }

  /* Nothing left to add: the sidecar stays as it was. */
  before = snapshot (f, SIDECAR);
  RUN (f, &r, "suggest", SPEECH, "--kind", "figure", "--apply");
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "Added 0 annotations"));
  assert_unchanged (f, SIDECAR, before);

  /* The rest, of every kind. */
  RUN (f, &r, "suggest", SPEECH, "--apply");
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "Added 8 annotations"));
  g_clear_pointer (&root, json_node_unref);
  array = list_json (f, SPEECH, &root);
  g_assert_cmpuint (json_array_get_length (array), ==, 12);
}

/* The sidecar's "dismissed", as JSON. */
static JsonArray *
dismissed_json (Fixture   *f,
                JsonNode **out_root)
{
  g_autoptr(GBytes) bytes = snapshot (f, SIDECAR);
  g_autofree char *text = NULL;
  JsonObject *top;

  g_assert_nonnull (bytes);
  text = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  *out_root = parse_json (text);
  top = json_node_get_object (*out_root);
  return json_object_has_member (top, "dismissed") ? json_object_get_array_member (top, "dismissed")
                                                    : NULL;
}

static void
test_suggest_dismiss (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GBytes) before = NULL;
  g_auto(GStrv) lines = NULL;
  g_auto(Result) r = { 0 };
  JsonArray *dismissed;
  JsonObject *o;

  /* 项目为王 (88–92) is dismissed: recorded with its kind and quote. */
  RUN (f, &r, "suggest", SPEECH, "--dismiss", "88:92");
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "Dismissed 1 suggestion"));
  dismissed = dismissed_json (f, &root);
  g_assert_nonnull (dismissed);
  g_assert_cmpuint (json_array_get_length (dismissed), ==, 1);
  o = json_array_get_object_element (dismissed, 0);
  g_assert_cmpstr (json_object_get_string_member (o, "kind"), ==, "slogan");
  g_assert_cmpint (json_object_get_int_member (o, "start"), ==, 88);
  g_assert_cmpint (json_object_get_int_member (o, "end"), ==, 92);
  g_assert_cmpstr (json_object_get_string_member (o, "quote"), ==, "项目为王");

  /* No longer listed; the rest are. */
  RUN (f, &r, "suggest", SPEECH);
  g_assert_cmpint (r.status, ==, 0);
  lines = g_strsplit (r.out, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, G_N_ELEMENTS (speech_rows));
  g_assert_null (strstr (r.out, "slogan\t88\t92"));
  g_assert_nonnull (strstr (r.out, "slogan\t149\t153"));

  /* Twice is once. */
  RUN (f, &r, "suggest", SPEECH, "--dismiss", "88:92");
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "Dismissed 0 suggestions"));
  g_clear_pointer (&root, json_node_unref);
  g_assert_cmpuint (json_array_get_length (dismissed_json (f, &root)), ==, 1);

  /* A range no suggestion has, even with good ones beside it, a range
   * beyond any number, or of a kind not asked for: exit 2, nothing
   * recorded. */
  before = snapshot (f, SIDECAR);
  RUN (f, &r, "suggest", SPEECH, "--dismiss", "67:71", "--dismiss", "67:70");
  g_assert_cmpint (r.status, ==, 2);
  g_assert_nonnull (strstr (r.err, "67:70"));
  assert_unchanged (f, SIDECAR, before);
  RUN (f, &r, "suggest", SPEECH, "--dismiss", "1:99999999999999999999");
  g_assert_cmpint (r.status, ==, 2);
  assert_unchanged (f, SIDECAR, before);
  RUN (f, &r, "suggest", SPEECH, "--kind", "figure", "--dismiss", "149:153");
  g_assert_cmpint (r.status, ==, 2);
  assert_unchanged (f, SIDECAR, before);

  /* Not a range, or with --apply: a usage error. */
  RUN (f, &r, "suggest", SPEECH, "--dismiss", "67");
  g_assert_cmpint (r.status, ==, 1);
  RUN (f, &r, "suggest", SPEECH, "--dismiss", "67:71", "--apply");
  g_assert_cmpint (r.status, ==, 1);
  assert_unchanged (f, SIDECAR, before);

  /* Several at once, of two kinds. */
  RUN (f, &r, "suggest", SPEECH, "--dismiss", "67:71", "--dismiss", "146:157");
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "Dismissed 2 suggestions"));
  g_clear_pointer (&root, json_node_unref);
  g_assert_cmpuint (json_array_get_length (dismissed_json (f, &root)), ==, 3);

  /* --apply leaves the dismissed ones alone. */
  RUN (f, &r, "suggest", SPEECH, "--apply");
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "Added 8 annotations"));
  g_clear_pointer (&root, json_node_unref);
  {
    JsonArray *array = list_json (f, SPEECH, &root);

    for (guint i = 0; i < json_array_get_length (array); i++)
      {
        JsonObject *a = json_array_get_object_element (array, i);

        g_assert_false (json_object_get_int_member (a, "start") == 88 &&
                        json_object_get_int_member (a, "end") == 92);
        g_assert_false (json_object_get_int_member (a, "start") == 67);
      }
  }
}

static void
test_suggest_lexicon (Fixture       *f,
                      gconstpointer  data)
{
  static const char sidecar[] =
    "{\n  \"format\": \"marginalia-annotations\",\n  \"version\": 1,\n"
    "  \"document\": { \"name\": \"speech.txt\" },\n"
    "  \"tags\": [\n"
    "    { \"id\": \"slogan\", \"name\": \"Slogan\", \"color\": \"#e5a50a\", \"description\": \"\",\n"
    "      \"lexicon\": [\"高水平安全\"] }\n  ],\n  \"annotations\": []\n}\n";
  g_autofree char *path = fixture_path (f, SIDECAR);
  g_autoptr(GError) error = NULL;
  g_auto(Result) r = { 0 };

  /* The slogan tag's lexicon is suggested wherever it stands. */
  g_file_set_contents (path, sidecar, -1, &error);
  g_assert_no_error (error);
  RUN (f, &r, "suggest", SPEECH, "--kind", "slogan");
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "slogan\t124\t129\t4\t高水平安全\tlexicon\n"));
}

static void
test_suggest_errors (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *names = listing (f);
  g_autofree char *now = NULL;
  g_autoptr(GBytes) before = NULL;
  g_auto(Result) r = { 0 };

  RUN (f, &r, "suggest", SPEECH, "--kind", "figures");
  g_assert_cmpint (r.status, ==, 1);
  g_assert_nonnull (strstr (r.err, "figures"));
  RUN (f, &r, "suggest", SPEECH, "--format", "csv");
  g_assert_cmpint (r.status, ==, 1);
  RUN (f, &r, "suggest");
  g_assert_cmpint (r.status, ==, 1);
  RUN (f, &r, "suggest", "no-such-speech.txt");
  g_assert_cmpint (r.status, ==, 2);
  g_assert_nonnull (strstr (r.err, "no-such-speech.txt"));
  RUN (f, &r, "suggest", SPEECH, "--apply", "--annotations", "no-such-folder/a.json");
  g_assert_cmpint (r.status, ==, 3);
  g_assert_cmpstr (r.err, !=, "");
  now = listing (f);
  g_assert_cmpstr (now, ==, names);

  /* A tag the sidecar no longer has: refused before anything changes. */
  RUN (f, &r, "tags", SPEECH, "--delete", "slogan");
  g_assert_cmpint (r.status, ==, 0);
  before = snapshot (f, SIDECAR);
  RUN (f, &r, "suggest", SPEECH, "--apply");
  g_assert_cmpint (r.status, ==, 2);
  g_assert_nonnull (strstr (r.err, "slogan"));
  assert_unchanged (f, SIDECAR, before);
  /* Other kinds still apply. */
  RUN (f, &r, "suggest", SPEECH, "--apply", "--kind", "figure");
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "Added 3 annotations"));

  RUN (f, &r, "suggest", "--help");
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "--apply"));
}

/* compare */

static const char old_speech[] =
  "去年全市地区生产总值增长6.5%，城镇新增就业1.1万人。坚持“项目为王”。\n\n"
  "今年的主要目标：城镇新增就业1.2万人以上。\n";
static const char new_speech[] =
  "去年全市地区生产总值增长5.8%，城镇新增就业1.1万人。坚持“亩均论英雄”。\n\n"
  "今年的主要目标：城镇新增就业1.3万人以上，居民收入增长6%。\n";

static JsonObject *
member_object (JsonObject *o,
               const char *a,
               const char *b)
{
  JsonObject *inner = json_object_get_object_member (o, a);

  g_assert_nonnull (inner);
  return b != NULL ? json_object_get_object_member (inner, b) : inner;
}

static void
test_compare_json (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *names = NULL;
  g_autofree char *now = NULL;
  JsonObject *o, *item;
  JsonArray *array;
  g_auto(Result) r = { 0 };

  write_file (f, "old.txt", old_speech);
  write_file (f, "new.txt", new_speech);
  RUN (f, &r, "add", "old.txt", "--quote", "6.5%", "--tag", "figure");
  g_assert_cmpint (r.status, ==, 0);
  names = listing (f);

  RUN (f, &r, "compare", "old.txt", "new.txt", "--json");
  g_assert_cmpint (r.status, ==, 0);
  g_assert_cmpstr (r.err, ==, "");
  root = parse_json (r.out);
  o = json_node_get_object (root);

  g_assert_cmpstr (json_object_get_string_member (member_object (o, "old", NULL), "document"), ==, "old.txt");
  g_assert_cmpstr (json_object_get_string_member (member_object (o, "new", NULL), "sidecar"), ==,
                   "new.txt.marginalia.json");
  g_assert_cmpint (json_object_get_int_member (member_object (o, "old", "by_tag"), "figure"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (member_object (o, "old", "by_tag"), "slogan"), ==, 0);
  /* No sidecar: every count 0. */
  g_assert_cmpint (json_object_get_int_member (member_object (o, "new", "by_tag"), "figure"), ==, 0);
  g_assert_cmpint (json_object_get_int_member (member_object (o, "new", "by_tag"), "policy-goal"), ==, 0);

  array = json_object_get_array_member (member_object (o, "slogans", NULL), "new");
  g_assert_cmpuint (json_array_get_length (array), ==, 1);
  item = json_array_get_object_element (array, 0);
  g_assert_cmpstr (json_object_get_string_member (item, "new"), ==, "亩均论英雄");
  g_assert_cmpint (json_object_get_int_member (item, "new_paragraph"), ==, 1);
  array = json_object_get_array_member (member_object (o, "slogans", NULL), "dropped");
  g_assert_cmpuint (json_array_get_length (array), ==, 1);
  item = json_array_get_object_element (array, 0);
  g_assert_cmpstr (json_object_get_string_member (item, "old"), ==, "项目为王");
  g_assert_false (json_object_has_member (item, "new"));

  array = json_object_get_array_member (member_object (o, "figures", NULL), "changed");
  g_assert_cmpuint (json_array_get_length (array), ==, 2);
  item = json_array_get_object_element (array, 0);
  g_assert_cmpstr (json_object_get_string_member (item, "context"), ==, "生产总值增长");
  g_assert_cmpstr (json_object_get_string_member (item, "old"), ==, "6.5%");
  g_assert_cmpstr (json_object_get_string_member (item, "new"), ==, "5.8%");
  item = json_array_get_object_element (array, 1);
  g_assert_cmpstr (json_object_get_string_member (item, "context"), ==, "城镇新增就业");
  g_assert_cmpstr (json_object_get_string_member (item, "old"), ==, "1.2万人以上");
  g_assert_cmpstr (json_object_get_string_member (item, "new"), ==, "1.3万人以上");
  g_assert_cmpint (json_object_get_int_member (item, "old_paragraph"), ==, 2);
  array = json_object_get_array_member (member_object (o, "figures", NULL), "new");
  g_assert_cmpuint (json_array_get_length (array), ==, 1);
  item = json_array_get_object_element (array, 0);
  g_assert_cmpstr (json_object_get_string_member (item, "new"), ==, "6%");
  g_assert_cmpstr (json_object_get_string_member (item, "context"), ==, "居民收入增长");
  array = json_object_get_array_member (member_object (o, "figures", NULL), "dropped");
  g_assert_cmpuint (json_array_get_length (array), ==, 0);

  /* The same speech twice: nothing new, dropped or changed. */
  RUN (f, &r, "compare", "new.txt", "new.txt", "--json");
  g_assert_cmpint (r.status, ==, 0);
  g_clear_pointer (&root, json_node_unref);
  root = parse_json (r.out);
  o = json_node_get_object (root);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (member_object (o, "figures", NULL), "new")), ==, 0);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (member_object (o, "figures", NULL), "changed")), ==, 0);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (member_object (o, "slogans", NULL), "dropped")), ==, 0);

  /* Comparing changes no file. */
  now = listing (f);
  g_assert_cmpstr (now, ==, names);
}

static void
test_compare_report (Fixture       *f,
                     gconstpointer  data)
{
  g_auto(Result) r = { 0 };

  write_file (f, "old.txt", old_speech);
  write_file (f, "new.txt", new_speech);

  RUN (f, &r, "compare", "old.txt", "new.txt");
  g_assert_cmpint (r.status, ==, 0);
  g_assert_true (g_str_has_prefix (r.out, "# Comparison of old.txt and new.txt\n"));
  g_assert_nonnull (strstr (r.out, "| figure | 0 | 0 |\n"));
  g_assert_nonnull (strstr (r.out, "| 亩均论英雄 (¶1) |\n"));
  g_assert_nonnull (strstr (r.out, "| 生产总值增长 | 6.5% (¶1) | 5.8% (¶1) |\n"));
  g_assert_nonnull (strstr (r.out, "### Dropped (0)\n\nNone.\n"));
  g_assert_true (g_str_has_suffix (r.out, "None.\n"));

  RUN (f, &r, "compare", "old.txt", "new.txt", "--format", "md");
  g_assert_cmpint (r.status, ==, 0);
  g_assert_true (g_str_has_prefix (r.out, "# Comparison"));

  RUN (f, &r, "compare", "old.txt", "new.txt", "--format", "html");
  g_assert_cmpint (r.status, ==, 0);
  g_assert_true (g_str_has_prefix (r.out, "<!DOCTYPE html>"));
  g_assert_nonnull (strstr (r.out, "<tr><td>生产总值增长</td><td>6.5% (¶1)</td><td>5.8% (¶1)</td></tr>"));
  g_assert_true (g_str_has_suffix (r.out, "</html>\n"));
}

static void
test_compare_errors (Fixture       *f,
                     gconstpointer  data)
{
  g_auto(Result) r = { 0 };

  RUN (f, &r, "compare", SPEECH);
  g_assert_cmpint (r.status, ==, 1);
  RUN (f, &r, "compare", SPEECH, SPEECH, "--format", "pdf");
  g_assert_cmpint (r.status, ==, 1);
  RUN (f, &r, "compare", SPEECH, SPEECH, "--format", "md", "--json");
  g_assert_cmpint (r.status, ==, 1);
  RUN (f, &r, "compare", SPEECH, "missing.txt");
  g_assert_cmpint (r.status, ==, 2);
  g_assert_nonnull (strstr (r.err, "missing.txt"));
  RUN (f, &r, "compare", "--help");
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "OLD_DOC NEW_DOC"));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/cli-suggest/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("suggest/tsv", test_suggest_tsv);
  ADD ("suggest/json", test_suggest_json);
  ADD ("suggest/apply", test_suggest_apply);
  ADD ("suggest/dismiss", test_suggest_dismiss);
  ADD ("suggest/lexicon", test_suggest_lexicon);
  ADD ("suggest/errors", test_suggest_errors);
  ADD ("compare/json", test_compare_json);
  ADD ("compare/report", test_compare_report);
  ADD ("compare/errors", test_compare_errors);

  return g_test_run ();
}
