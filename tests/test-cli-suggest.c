/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Marginalia"
#include "config.h"

#include <string.h>

#include "cli-fixture.h"

/* marginalia-cli suggest and compare, run as a program on copies of
 * tests/data/cli. */

static const char *const speech_rows[] = {
  "kind\tstart\tend\tparagraph\tquote\treason",
  "slogan\t3\t8\t1\t高质量发展\trepeated phrase",
  "slogan\t40\t45\t2\t高质量发展\tquoted phrase",
  "figure\t67\t71\t3\t6.5%\tpercentage",
  "figure\t75\t82\t3\t1200 亿元\tmoney",
  "slogan\t88\t92\t3\t项目为王\tquoted phrase",
  "figure\t103\t108\t3\t233 个\tquantity",
  "slogan\t117\t122\t4\t高质量发展\tquoted phrase",
  "policy-goal\t135\t145\t4\t确保完成各项目标任务\tcommitment",
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
  g_assert_cmpuint (g_strv_length (lines), ==, 6);
  g_assert_cmpstr (lines[4], ==, speech_rows[8]);
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
  g_assert_cmpuint (json_array_get_length (array), ==, 6);
  o = json_array_get_object_element (array, 4);
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
  g_assert_nonnull (strstr (r.out, "Added 6 annotations"));
  g_clear_pointer (&root, json_node_unref);
  array = list_json (f, SPEECH, &root);
  g_assert_cmpuint (json_array_get_length (array), ==, 10);
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
  ADD ("suggest/errors", test_suggest_errors);

  return g_test_run ();
}
