/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Marginalia"
#include "config.h"

#include <string.h>

#include "mg-json-locator.h"
#include "mg-json-writer.h"

static void
assert_at (MgJsonLocator *locator,
           const char    *path,
           guint          line,
           guint          column)
{
  guint l = 0, c = 0;

  g_assert_true (mg_json_locator_lookup (locator, path, &l, &c));
  g_test_message ("%s → %u:%u", path, l, c);
  g_assert_cmpuint (l, ==, line);
  g_assert_cmpuint (c, ==, column);
}

static void
test_locator_paths (void)
{
  const char *json =
    "{\n"
    "  \"format\": \"x\",\n"
    "  \"文档\": { \"名\": \"讲话\", \"n\": 1 },\n"
    "  \"annotations\": [\n"
    "    {\n"
    "      \"id\": \"a\",\n"
    "      \"start\": -5,\n"
    "      \"tags\": [\"x\", \"未知\"]\n"
    "    },\n"
    "    { \"id\": \"b\", \"k\\\"ey\": [[1], {\"z\": true}], \"end\": 7 }\n"
    "  ],\n"
    "  \"e\\u0301\": null\n"
    "}\n";
  g_autoptr(MgJsonLocator) locator = mg_json_locator_new (json, strlen (json));

  mg_json_locator_request (locator, "annotations[0].start");
  mg_json_locator_request (locator, "annotations[1].end");
  assert_at (locator, "", 1, 1);
  assert_at (locator, "format", 2, 13);
  assert_at (locator, "文档", 3, 9);
  assert_at (locator, "文档.名", 3, 16);
  assert_at (locator, "文档.n", 3, 27);
  assert_at (locator, "annotations", 4, 18);
  assert_at (locator, "annotations[0]", 5, 5);
  assert_at (locator, "annotations[0].start", 7, 16);
  assert_at (locator, "annotations[0].tags[1]", 8, 21);
  assert_at (locator, "annotations[1]", 10, 5);
  assert_at (locator, "annotations[1].k\"ey[1].z", 10, 39);
  assert_at (locator, "annotations[1].end", 10, 54);
  assert_at (locator, "e\xcc\x81", 12, 14);

  /* A missing member falls back to its nearest parent. */
  assert_at (locator, "annotations[0].quote", 5, 5);
  assert_at (locator, "annotations[9].quote", 4, 18);
  assert_at (locator, "nothing.here", 1, 1);
}

static void
test_locator_garbage (void)
{
  const char *inputs[] = { "", "   ", "{", "[1, 2", "{\"a\": ", "{\"a\" 1}", "\"abc", "}}}", "[{]" };

  for (guint i = 0; i < G_N_ELEMENTS (inputs); i++)
    {
      g_autoptr(MgJsonLocator) locator = mg_json_locator_new (inputs[i], strlen (inputs[i]));
      guint l = 99, c = 99;
      gboolean found = mg_json_locator_lookup (locator, "a[3].b", &l, &c);

      /* Never a crash; either the root or nothing. */
      if (found)
        g_assert_cmpuint (l, ==, 1);
      else
        g_assert_cmpuint (l, ==, 0);
    }
}

static void
test_nesting_depth (void)
{
  gsize n = 100000;
  g_autofree char *deep = g_malloc (n + 1);
  gsize offset = 0;

  g_assert_cmpuint (mg_json_nesting_depth ("{\"a\": [1, {\"b\": \"[[[[\"}]}", 24, 10, &offset), ==, 3);
  g_assert_cmpuint (offset, ==, 0);

  memset (deep, '[', n);
  deep[n] = '\0';
  g_assert_cmpuint (mg_json_nesting_depth (deep, n, MG_JSON_MAX_DEPTH, &offset), ==, MG_JSON_MAX_DEPTH + 1);
  g_assert_cmpuint (offset, ==, MG_JSON_MAX_DEPTH);
}

static void
test_ends_open (void)
{
  const char *open_ones[] = { "{", "[1, {\"a\": 2}", "{\"a\": \"b", "{\"a\": \"b\\\"}" };
  const char *closed_ones[] = { "", "{}", "[1, \"]\"]", "{\"a\": \"\\\\\"}", "{,}" };

  for (guint i = 0; i < G_N_ELEMENTS (open_ones); i++)
    g_assert_true (mg_json_ends_open (open_ones[i], strlen (open_ones[i])));
  for (guint i = 0; i < G_N_ELEMENTS (closed_ones); i++)
    g_assert_false (mg_json_ends_open (closed_ones[i], strlen (closed_ones[i])));
}

static void
test_position_of_byte (void)
{
  const char *text = "ab\n讲话x\n";
  guint line, column;

  mg_json_position_of_byte (text, strlen (text), 0, &line, &column);
  g_assert_cmpuint (line, ==, 1);
  g_assert_cmpuint (column, ==, 1);
  mg_json_position_of_byte (text, strlen (text), 9, &line, &column);
  g_assert_cmpuint (line, ==, 2);
  g_assert_cmpuint (column, ==, 3);
  mg_json_position_of_byte (text, strlen (text), 1000, &line, &column);
  g_assert_cmpuint (line, ==, 3);
  g_assert_cmpuint (column, ==, 1);
}

static void
test_parse_error_split (void)
{
  const char *data = "{\"a\": 1,\n  \"中文\": x}";
  guint line, column;
  g_autofree char *rest = mg_json_parse_error_split (data, strlen (data),
                                                     "<data>:2:13: Parse error: unexpected identifier",
                                                     &line, &column);
  g_autofree char *plain = NULL;

  g_assert_cmpstr (rest, ==, "Parse error: unexpected identifier");
  g_assert_cmpuint (line, ==, 2);
  /* Byte 13 of the line is after "x": character 9. */
  g_assert_cmpuint (column, ==, 9);

  plain = mg_json_parse_error_split (data, strlen (data), "JSON data must be UTF-8 encoded", &line, &column);
  g_assert_cmpstr (plain, ==, "JSON data must be UTF-8 encoded");
  g_assert_cmpuint (line, ==, 0);
  g_assert_cmpuint (column, ==, 0);
}

static void
test_string_escaping (void)
{
  g_autoptr(GString) out = g_string_new (NULL);

  mg_json_append_string (out, "讲话 \"q\" \\ \n\t\r\b\f \x01\x1f \x7f é");
  g_assert_cmpstr (out->str, ==, "\"讲话 \\\"q\\\" \\\\ \\n\\t\\r\\b\\f \\u0001\\u001f \x7f é\"");

  g_string_truncate (out, 0);
  mg_json_append_string (out, "bad \xff byte");
  g_assert_true (g_utf8_validate (out->str, -1, NULL));
  g_assert_cmpstr (out->str, ==, "\"bad \xef\xbf\xbd byte\"");
}

static void
test_doubles (void)
{
  const struct { double value; const char *text; } cases[] = {
    { 0.1, "0.1" }, { 1.0, "1.0" }, { 1.5, "1.5" }, { -2.25, "-2.25" },
    { 1e300, "1e+300" }, { 1.0 / 3.0, "0.3333333333333333" }, { 1000.0, "1000.0" }, { 1500.0, "1500.0" }, { 1e-7, "1e-07" }, { 123456789012.5, "123456789012.5" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GString) out = g_string_new (NULL);

      mg_json_append_double (out, cases[i].value);
      g_assert_cmpstr (out->str, ==, cases[i].text);
      g_assert_cmpfloat (g_ascii_strtod (out->str, NULL), ==, cases[i].value);
    }
}

static JsonNode *
parse (const char *json)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, json, -1, &error);
  g_assert_no_error (error);
  return json_parser_steal_root (parser);
}

static void
test_node_styles (void)
{
  g_autoptr(JsonNode) node = parse ("{\"z\": 1, \"a\": [1, \"二\", null, false], \"o\": {\"x\": [ {\"y\": 2.5} ], \"e\": {}, \"f\": []}}");
  g_autoptr(GString) multi = g_string_new (NULL);
  g_autoptr(GString) inl = g_string_new (NULL);
  g_autoptr(JsonNode) again = NULL;
  g_autoptr(GString) multi2 = g_string_new (NULL);

  mg_json_append_node (multi, node, 2, TRUE);
  g_assert_cmpstr (multi->str, ==,
                   "{\n"
                   "    \"z\": 1,\n"
                   "    \"a\": [1, \"二\", null, false],\n"
                   "    \"o\": {\n"
                   "      \"x\": [\n"
                   "        {\n"
                   "          \"y\": 2.5\n"
                   "        }\n"
                   "      ],\n"
                   "      \"e\": {},\n"
                   "      \"f\": []\n"
                   "    }\n"
                   "  }");

  mg_json_append_node (inl, node, 0, FALSE);
  g_assert_cmpstr (inl->str, ==,
                   "{ \"z\": 1, \"a\": [1, \"二\", null, false], \"o\": { \"x\": [{ \"y\": 2.5 }], \"e\": {}, \"f\": [] } }");

  /* What is written reads back to the same bytes. */
  again = parse (multi->str);
  mg_json_append_node (multi2, again, 2, TRUE);
  g_assert_cmpstr (multi2->str, ==, multi->str);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/json/locator/paths", test_locator_paths);
  g_test_add_func ("/json/locator/garbage", test_locator_garbage);
  g_test_add_func ("/json/locator/depth", test_nesting_depth);
  g_test_add_func ("/json/locator/ends-open", test_ends_open);
  g_test_add_func ("/json/locator/position-of-byte", test_position_of_byte);
  g_test_add_func ("/json/locator/parse-error", test_parse_error_split);
  g_test_add_func ("/json/writer/strings", test_string_escaping);
  g_test_add_func ("/json/writer/doubles", test_doubles);
  g_test_add_func ("/json/writer/nodes", test_node_styles);

  return g_test_run ();
}
