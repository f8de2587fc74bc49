/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Marginalia"
#include "config.h"

#include <string.h>

#include "mg-json.h"
#include "mg-json-reader.h"
#include "mg-json-writer.h"

/* Reads @json (strict JSON, nothing else) with mg_json_reader_node. */
static void
record_issue (gpointer         user_data,
              const char      *path,
              const char      *text,
              const MgJsonPos *pos,
              const MgJsonPos *first)
{
  GString *log = user_data;

  g_string_append_printf (log, "%s %s %u %s;", path, text, pos->line, first != NULL ? "twice" : "huge");
}

static JsonNode *
read_node (const char *json,
           GString    *log)
{
  g_autoptr(GString) path = g_string_new (NULL);
  MgJsonReader r;
  JsonNode *node;

  mg_json_reader_init (&r, json, strlen (json));
  node = mg_json_reader_node (&r, path, record_issue, log);
  if (node != NULL && !mg_json_reader_finish (&r))
    g_clear_pointer (&node, json_node_unref);
  g_assert_cmpstr (path->str, ==, "");
  mg_json_reader_clear (&r);
  return node;
}

/* The same values as json-glib reads, for strict JSON. */
static void
test_reader_values (void)
{
  const char *texts[] = {
    "{}", "[]", "  [1, -2, 0, 3.5, -1e3, 2E+2, true, false, null]  ",
    "{\"a\": {\"b\": [[], {}, \"\"]}, \"讲话\": \"é\\u00e9\\n\\t\\\"\\\\\\/\\b\\f\\r\"}",
    "[\"\\ud83d\\ude00\", 9223372036854775807, -9223372036854775808]",
    "\"just a string\"", "42", "\n\r\t[\n1\n]\n",
  };

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autoptr(GString) log = g_string_new (NULL);
      g_autoptr(JsonNode) mine = read_node (texts[i], log);
      g_autoptr(JsonParser) parser = json_parser_new ();
      g_autofree char *a = NULL;
      g_autofree char *b = NULL;

      {
        /* Escaped: a case's line breaks would end the log's line. */
        g_autofree char *shown = g_strescape (texts[i], NULL);

        g_test_message ("%s", shown);
      }
      g_assert_nonnull (mine);
      g_assert_cmpstr (log->str, ==, "");
      g_assert_true (json_parser_load_from_data (parser, texts[i], -1, NULL));
      a = json_to_string (mine, FALSE);
      b = json_to_string (json_parser_get_root (parser), FALSE);
      g_assert_cmpstr (a, ==, b);
    }
}

/* What json-glib takes without a word is said. */
static void
test_reader_issues (void)
{
  g_autoptr(GString) log = g_string_new (NULL);
  g_autoptr(JsonNode) node =
    read_node ("{\"a\": 1,\n \"b\": [{\"c\": 1, \"c\": 2}],\n \"a\": 123456789012345678901}", log);

  g_assert_nonnull (node);
  g_assert_cmpstr (log->str, ==, "b[0].c c 2 twice;a a 3 twice;a 123456789012345678901 3 huge;");
  /* The last of two values is kept, as json-glib keeps it. */
  g_assert_cmpfloat (json_object_get_double_member (json_node_get_object (node), "a"), >, 1e20);
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (json_object_get_array_member (json_node_get_object (node), "b"), 0), "c"), ==, 2);
}

static void
expect_error (const char  *json,
              gsize        length,
              MgJsonError  error,
              guint        line,
              guint        column)
{
  g_autoptr(GString) path = g_string_new (NULL);
  g_autoptr(JsonNode) node = NULL;
  MgJsonReader r;
  guint l, c;

  mg_json_reader_init (&r, json, length);
  node = mg_json_reader_node (&r, path, record_issue, NULL);
  if (node != NULL)
    mg_json_reader_finish (&r);
  {
    /* Escaped: the case may hold bytes that are not UTF-8. */
    g_autofree char *shown = g_strescape (json, NULL);

    /* At most 200 bytes of it: a deeply nested case would make a line
     * too long for the TAP reader. */
    g_test_message ("%.200s → %d %s", shown, r.error, r.message);
  }
  g_assert_cmpint (r.error, ==, error);
  mg_json_reader_error_position (&r, &l, &c);
  g_assert_cmpuint (l, ==, line);
  g_assert_cmpuint (c, ==, column);
  mg_json_reader_clear (&r);
}

/* Anything but strict JSON is refused, with the place. */
static void
test_reader_errors (void)
{
  gsize n = 100000;
  g_autofree char *deep = g_strnfill (n, '[');

  expect_error ("", 0, MG_JSON_ERROR_EMPTY, 1, 1);
  expect_error (" \n ", 3, MG_JSON_ERROR_EMPTY, 1, 1);
  /* Where reading stopped making sense: after the last good token, or at
   * the end of an unknown word. */
  expect_error ("{\"a\": 1,,}", 10, MG_JSON_ERROR_SYNTAX, 1, 8);
  expect_error ("{\n  \"讲话\": nope }", strlen ("{\n  \"讲话\": nope }"), MG_JSON_ERROR_SYNTAX, 2, 12);
  expect_error ("[1 2]", 5, MG_JSON_ERROR_SYNTAX, 1, 2);
  expect_error ("[1, 2,]", 7, MG_JSON_ERROR_SYNTAX, 1, 6);
  expect_error ("{\"a\" 1}", 7, MG_JSON_ERROR_SYNTAX, 1, 4);
  expect_error ("{\"a\": 1,}", 9, MG_JSON_ERROR_SYNTAX, 1, 8);
  expect_error ("{\"a\": 1 \"b\": 2}", 15, MG_JSON_ERROR_SYNTAX, 1, 7);
  expect_error ("[1,", 3, MG_JSON_ERROR_CUT_SHORT, 1, 4);
  expect_error ("[01]", 4, MG_JSON_ERROR_SYNTAX, 1, 2);
  expect_error ("[1.]", 4, MG_JSON_ERROR_SYNTAX, 1, 2);
  expect_error ("[.5]", 4, MG_JSON_ERROR_SYNTAX, 1, 1);
  expect_error ("['a']", 5, MG_JSON_ERROR_SYNTAX, 1, 1);
  expect_error ("[\"a\tb\"]", 7, MG_JSON_ERROR_SYNTAX, 1, 4);
  expect_error ("[\"\\q\"]", 6, MG_JSON_ERROR_SYNTAX, 1, 3);
  expect_error ("[\"\\u12x4\"]", 10, MG_JSON_ERROR_SYNTAX, 1, 3);
  /* Cut short: where the text stops. */
  expect_error ("{\"a\": [1, {\"b\": \"x", 18, MG_JSON_ERROR_CUT_SHORT, 1, 19);
  expect_error ("[tr", 3, MG_JSON_ERROR_CUT_SHORT, 1, 4);
  expect_error ("{\"a\":\n", 6, MG_JSON_ERROR_CUT_SHORT, 2, 1);
  /* Bytes that are not UTF-8 anywhere, a NUL byte: said first. */
  expect_error ("[\"\xff\"]", 5, MG_JSON_ERROR_NOT_UTF8, 1, 3);
  expect_error ("[1,\n 2] \xe8\xae", 10, MG_JSON_ERROR_NOT_UTF8, 2, 5);
  expect_error ("[\"a\0b\"]", 7, MG_JSON_ERROR_NOT_UTF8, 1, 4);
  expect_error ("{} {}", 5, MG_JSON_ERROR_TRAILING, 1, 4);
  expect_error (deep, n, MG_JSON_ERROR_TOO_DEEP, 1, MG_JSON_MAX_DEPTH + 1);
}

/* Escapes that stand for no character are noted, and read as U+FFFD. */
static void
test_reader_bad_escapes (void)
{
  const char *json = "[\"a\\u0000b\", \"\\ud800\\ud800\", \"\\udc00\", \"\\ud83d\\ude00\"]";
  g_autoptr(GString) path = g_string_new (NULL);
  g_autoptr(JsonNode) node = NULL;
  MgJsonReader r;

  mg_json_reader_init (&r, json, strlen (json));
  node = mg_json_reader_node (&r, path, record_issue, NULL);
  g_assert_nonnull (node);
  g_assert_cmpint (r.error, ==, MG_JSON_ERROR_NONE);
  g_assert_nonnull (r.bad_escapes);
  g_assert_cmpuint (r.bad_escapes->len, ==, 4);
  g_assert_true (g_array_index (r.bad_escapes, MgJsonBadEscape, 0).nul);
  g_assert_cmpuint (g_array_index (r.bad_escapes, MgJsonBadEscape, 1).offset, ==, 14);
  g_assert_cmpuint (g_array_index (r.bad_escapes, MgJsonBadEscape, 2).offset, ==, 20);
  g_assert_false (g_array_index (r.bad_escapes, MgJsonBadEscape, 3).nul);
  g_assert_cmpstr (json_array_get_string_element (json_node_get_array (node), 0), ==, "a\xef\xbf\xbd" "b");
  g_assert_cmpstr (json_array_get_string_element (json_node_get_array (node), 3), ==, "😀");
  mg_json_reader_clear (&r);
}

/* Positions of values: lines, and columns in characters. */
static void
test_reader_positions (void)
{
  const char *json = "{\n  \"文档\": { \"名\": \"讲话\", \"n\": 1 },\n  \"a\": [\n    true, \"x\"]}";
  MgJsonReader r;
  MgJsonPos pos;
  const char *name;
  guint count = 0, inner = 0, line, column;

  mg_json_reader_init (&r, json, strlen (json));
  g_assert_cmpint (mg_json_reader_peek (&r, &pos), ==, MG_JSON_OBJECT);
  mg_json_reader_enter (&r);
  g_assert_true (mg_json_reader_next_member (&r, &count, &name, &pos));
  g_assert_cmpstr (name, ==, "文档");
  mg_json_reader_locate (&r, &pos, &line, &column);
  g_assert_cmpuint (line, ==, 2);
  g_assert_cmpuint (column, ==, 3);
  g_assert_cmpint (mg_json_reader_peek (&r, &pos), ==, MG_JSON_OBJECT);
  mg_json_reader_locate (&r, &pos, &line, &column);
  g_assert_cmpuint (column, ==, 9);
  mg_json_reader_enter (&r);
  g_assert_true (mg_json_reader_next_member (&r, &inner, &name, &pos));
  g_assert_true (mg_json_reader_skip (&r));
  g_assert_true (mg_json_reader_next_member (&r, &inner, &name, &pos));
  g_assert_cmpstr (name, ==, "n");
  g_assert_cmpint (mg_json_reader_peek (&r, &pos), ==, MG_JSON_NUMBER);
  mg_json_reader_locate (&r, &pos, &line, &column);
  g_assert_cmpuint (line, ==, 2);
  g_assert_cmpuint (column, ==, 27);
  g_assert_true (mg_json_reader_skip (&r));
  g_assert_false (mg_json_reader_next_member (&r, &inner, &name, &pos));
  g_assert_true (mg_json_reader_next_member (&r, &count, &name, &pos));
  inner = 0;
  g_assert_cmpint (mg_json_reader_peek (&r, &pos), ==, MG_JSON_ARRAY);
  mg_json_reader_enter (&r);
  g_assert_true (mg_json_reader_next_element (&r, &inner));
  g_assert_true (mg_json_reader_skip (&r));
  g_assert_true (mg_json_reader_next_element (&r, &inner));
  g_assert_cmpint (mg_json_reader_peek (&r, &pos), ==, MG_JSON_STRING);
  /* Asked out of order, still right. */
  {
    MgJsonPos second = pos;

    mg_json_reader_locate (&r, &second, &line, &column);
    g_assert_cmpuint (line, ==, 4);
    g_assert_cmpuint (column, ==, 11);
  }
  g_assert_true (mg_json_reader_skip (&r));
  g_assert_false (mg_json_reader_next_element (&r, &inner));
  g_assert_false (mg_json_reader_next_member (&r, &count, &name, &pos));
  g_assert_true (mg_json_reader_finish (&r));
  mg_json_reader_clear (&r);
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

/* A deep copy shares nothing with its original, down to the values: a
 * save hands the copy to another thread, and json-glib's own copies of a
 * value share it by a count that is not atomic. */
static void
test_deep_copy (void)
{
  g_autoptr(JsonObject) original = json_object_new ();
  g_autoptr(JsonObject) copy = NULL;
  g_autoptr(JsonObject) inner = json_object_new ();
  g_autoptr(JsonArray) list = json_array_new ();
  g_autoptr(GString) a = g_string_new (NULL);
  g_autoptr(GString) b = g_string_new (NULL);
  g_autoptr(JsonNode) na = NULL;
  g_autoptr(JsonNode) nb = NULL;
  JsonObject *inner_copy;

  json_object_set_string_member (original, "s", "值");
  json_object_set_int_member (original, "i", G_GINT64_CONSTANT (9007199254740993));
  json_object_set_double_member (original, "d", 0.75);
  json_object_set_boolean_member (original, "b", TRUE);
  json_object_set_null_member (original, "n");
  json_object_set_string_member (inner, "deep", "更深");
  json_array_add_string_element (list, "x");
  json_array_add_double_element (list, 1.5);
  json_object_set_array_member (inner, "list", g_steal_pointer (&list));
  json_object_set_object_member (original, "o", json_object_ref (inner));

  copy = mg_json_object_deep_copy (original);
  na = json_node_init_object (json_node_alloc (), original);
  nb = json_node_init_object (json_node_alloc (), copy);
  mg_json_append_node (a, na, 0, TRUE);
  mg_json_append_node (b, nb, 0, TRUE);
  g_assert_cmpstr (a->str, ==, b->str);

  g_assert_true (json_object_get_member (copy, "s") != json_object_get_member (original, "s"));
  g_assert_true (json_object_get_string_member (copy, "s") != json_object_get_string_member (original, "s"));
  inner_copy = json_object_get_object_member (copy, "o");
  g_assert_true (inner_copy != inner);
  g_assert_true (json_object_get_string_member (inner_copy, "deep") != json_object_get_string_member (inner, "deep"));
  g_assert_true (json_array_get_string_element (json_object_get_array_member (inner_copy, "list"), 0) !=
                 json_array_get_string_element (json_object_get_array_member (inner, "list"), 0));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/json/reader/values", test_reader_values);
  g_test_add_func ("/json/reader/issues", test_reader_issues);
  g_test_add_func ("/json/reader/errors", test_reader_errors);
  g_test_add_func ("/json/reader/bad-escapes", test_reader_bad_escapes);
  g_test_add_func ("/json/reader/positions", test_reader_positions);
  g_test_add_func ("/json/writer/strings", test_string_escaping);
  g_test_add_func ("/json/writer/doubles", test_doubles);
  g_test_add_func ("/json/writer/nodes", test_node_styles);
  g_test_add_func ("/json/deep-copy", test_deep_copy);

  return g_test_run ();
}
