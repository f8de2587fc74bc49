/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Marginalia"
#include "config.h"

#include <string.h>

#include "cli-fixture.h"

/* marginalia-cli anchor: on a speech that was edited after it was
 * annotated (a line added at the top, spacing and punctuation width fixed,
 * a sentence dropped, a figure changed). */

static const char *edited =
  "（根据录音整理）\n"
  "\n"
  "在全市高质量发展推进大会上的讲话\n"
  "\n"
  "同志们：\n"
  "今天召开这次大会，主要任务是推动“高质量发展”再上新台阶。\n"
  "\n"
  "去年全市地区生产总值增长6.5%，达到1200亿元。\n"
  "全年新开工项目 233 个。\n"
  "\n"
  "今年要实现“高质量发展”和高水平安全良性互动，\n"
  "确保完成各项目标任务。坚持“项目为王”不动摇。\n"
  "\n"
  "A line with a tab\tinside and a backslash \\ here.\n";

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

static JsonObject *
find (JsonArray  *array,
      const char *id)
{
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *o = json_array_get_object_element (array, i);

      if (g_strcmp0 (json_object_get_string_member (o, "id"), id) == 0)
        return o;
    }
  return NULL;
}

static void
test_anchor (Fixture       *f,
             gconstpointer  data)
{
  g_auto(Result) r = { 0 };
  g_autofree char *title = NULL;
  g_autofree char *figure = NULL;
  g_autofree char *dropped = NULL;
  g_autofree char *slogan = NULL;
  g_autofree char *amount = NULL;
  g_autoptr(GBytes) written = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(JsonNode) list_root = NULL;
  JsonObject *o, *a;
  JsonArray *annotations, *list;

  title = add_ok (f, "--quote", "在全市高质量发展推进大会上的讲话", NULL);
  figure = add_ok (f, "--quote", "增长 6.5%", "--tag", "figure", "--note", "增速", NULL);
  dropped = add_ok (f, "--quote", "我们坚持“项目为王”", NULL);
  slogan = add_ok (f, "--quote", "“项目为王”", "--occurrence", "2", "--tag", "slogan", NULL);
  amount = add_ok (f, "--quote", "今年要实现“高质量发展”和高水平安全良性互动，\n确保完成各项目标任务", NULL);

  /* Nothing changed: everything exact, the sidecar untouched. */
  {
    g_autoptr(GBytes) before = snapshot (f, SIDECAR);

    RUN (f, &r, "anchor", SPEECH);
    g_assert_cmpint (r.status, ==, 0);
    g_assert_nonnull (strstr (r.out, "Exact:    5\n"));
    g_assert_nonnull (strstr (r.out, "Orphaned: 0\n"));
    assert_unchanged (f, SIDECAR, before);
  }

  write_file (f, SPEECH, edited);
  RUN (f, &r, "anchor", SPEECH, "--json");
  g_assert_cmpint (r.status, ==, 0);
  root = parse_json (r.out);
  o = json_node_get_object (root);
  g_assert_cmpint (json_object_get_int_member (o, "exact"), ==, 0);
  g_assert_cmpint (json_object_get_int_member (o, "moved"), ==, 3);
  /* "增长 6.5%" lost its space: the same once folded, but changed. */
  g_assert_cmpint (json_object_get_int_member (o, "fuzzy"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (o, "orphaned"), ==, 1);
  annotations = json_object_get_array_member (o, "annotations");
  g_assert_cmpuint (json_array_get_length (annotations), ==, 5);

  a = find (annotations, title);
  g_assert_cmpstr (json_object_get_string_member (a, "state"), ==, "moved");
  g_assert_cmpint (json_object_get_int_member (a, "start"), ==, 10);
  g_assert_cmpint (json_object_get_int_member (a, "end"), ==, 26);
  g_assert_cmpfloat (json_object_get_double_member (a, "score"), ==, 1.0);
  a = find (annotations, figure);
  g_assert_cmpstr (json_object_get_string_member (a, "state"), ==, "fuzzy");
  g_assert_cmpfloat (json_object_get_double_member (a, "score"), <, 1.0);
  g_assert_cmpfloat (json_object_get_double_member (a, "score"), >, 0.5);
  a = find (annotations, dropped);
  g_assert_cmpstr (json_object_get_string_member (a, "state"), ==, "orphaned");
  g_assert_cmpfloat (json_object_get_double_member (a, "score"), ==, 0.0);
  a = find (annotations, slogan);
  g_assert_cmpstr (json_object_get_string_member (a, "state"), ==, "moved");

  /* The new positions are in the sidecar; quotes follow the new text. */
  written = snapshot (f, SIDECAR);
  list = list_json (f, SPEECH, &list_root);
  g_assert_cmpuint (json_array_get_length (list), ==, 5);
  a = find (list, figure);
  g_assert_cmpstr (json_object_get_string_member (a, "quote"), ==, "增长6.5%");
  g_assert_cmpstr (json_object_get_string_member (a, "note"), ==, "增速");
  g_assert_cmpstr (json_object_get_string_member (a, "state"), ==, "exact");
  a = find (list, slogan);
  g_assert_cmpstr (json_object_get_string_member (a, "quote"), ==, "“项目为王”");
  a = find (list, dropped);
  g_assert_cmpstr (json_object_get_string_member (a, "state"), ==, "orphaned");
  g_assert_cmpstr (json_object_get_string_member (a, "quote"), ==, "我们坚持“项目为王”");
  a = find (list, amount);
  g_assert_cmpstr (json_object_get_string_member (a, "state"), ==, "exact");

  /* Anchoring again: exact (or orphaned), and the same bytes. */
  RUN (f, &r, "anchor", SPEECH);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "Exact:    4\n"));
  g_assert_nonnull (strstr (r.out, "Moved:    0\n"));
  g_assert_nonnull (strstr (r.out, "Fuzzy:    0\n"));
  g_assert_nonnull (strstr (r.out, "Orphaned: 1\n"));
  assert_unchanged (f, SIDECAR, written);
}

static void
test_anchor_errors (Fixture       *f,
                    gconstpointer  data)
{
  g_auto(Result) r = { 0 };
  g_autoptr(GBytes) broken = snapshot (f, "broken.json");

  RUN (f, &r, "anchor");
  g_assert_cmpint (r.status, ==, 1);
  RUN (f, &r, "anchor", SPEECH, "extra");
  g_assert_cmpint (r.status, ==, 1);
  RUN (f, &r, "anchor", "missing.txt");
  g_assert_cmpint (r.status, ==, 2);
  RUN (f, &r, "anchor", SPEECH, "--annotations", "broken.json");
  g_assert_cmpint (r.status, ==, 2);
  assert_unchanged (f, "broken.json", broken);

  /* No sidecar yet: nothing to place, nothing written. */
  RUN (f, &r, "anchor", SPEECH, "--json");
  g_assert_cmpint (r.status, ==, 0);
  {
    g_autoptr(JsonNode) root = parse_json (r.out);

    g_assert_cmpint (json_object_get_int_member (json_node_get_object (root), "orphaned"), ==, 0);
    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (json_node_get_object (root),
                                                                           "annotations")), ==, 0);
  }
  g_assert_null (snapshot (f, SIDECAR));

  RUN (f, &r, "anchor", "--help");
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "--json"));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/cli/anchor", Fixture, NULL, fixture_setup, test_anchor, fixture_teardown);
  g_test_add ("/cli/anchor/errors", Fixture, NULL, fixture_setup, test_anchor_errors, fixture_teardown);

  return g_test_run ();
}
