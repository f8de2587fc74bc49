/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Marginalia"
#include "config.h"

#include <string.h>

#include "mg-json-tree.h"

/* The compact tree reads what json-glib reads, the same way. */

static JsonNode *
to_json_node (const MgJsonTreeValue *value)
{
  JsonNode *node = json_node_alloc ();

  switch (value->kind)
    {
    case MG_JSON_TREE_NULL:
      return json_node_init_null (node);
    case MG_JSON_TREE_BOOLEAN:
      return json_node_init_boolean (node, value->v.boolean);
    case MG_JSON_TREE_INT:
      return json_node_init_int (node, value->v.integer);
    case MG_JSON_TREE_DOUBLE:
      return json_node_init_double (node, value->v.number);
    case MG_JSON_TREE_STRING:
      return json_node_init_string (node, value->v.string);
    case MG_JSON_TREE_ARRAY:
      {
        g_autoptr(JsonArray) array = json_array_new ();
        guint n = 0;

        for (const MgJsonTreeValue *e = mg_json_tree_first (value); e != NULL; e = e->next, n++)
          json_array_add_element (array, to_json_node (e));
        g_assert_cmpuint (n, ==, value->length);
        return json_node_init_array (node, array);
      }
    case MG_JSON_TREE_OBJECT:
    default:
      {
        g_autoptr(JsonObject) object = json_object_new ();
        guint n = 0;

        for (const MgJsonTreeValue *m = mg_json_tree_first (value); m != NULL; m = m->next, n++)
          json_object_set_member (object, m->key, to_json_node (m));
        g_assert_cmpuint (n, ==, value->length);
        return json_node_init_object (node, object);
      }
    }
}

static void
assert_same_as_json_glib (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(MgJsonTree) tree = NULL;
  g_autoptr(JsonNode) copy = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *got = NULL;

  g_assert_true (json_parser_load_from_data (parser, text, -1, NULL));
  expected = json_to_string (json_parser_get_root (parser), FALSE);

  tree = mg_json_tree_parse (text, strlen (text), &error);
  g_assert_no_error (error);
  g_assert_nonnull (tree);
  copy = to_json_node (mg_json_tree_get_root (tree));
  got = json_to_string (copy, FALSE);
  g_assert_cmpstr (got, ==, expected);
}

static void
test_same_tree (void)
{
  static const char *texts[] = {
    "{}",
    "[]",
    " [ 1 , -2 , 0 , 123456789012345678 , -987654321 ] ",
    "[1.5, -2e10, 1E+2, 0.25e-3, -0.0]",
    "{\"a\": true, \"b\": false, \"c\": null, \"d\": [[], {}, [[[1]]]]}",
    "{\"讲话\": \"项目为王\", \"esc\": \"a\\\"b\\\\c\\/d\\b\\f\\n\\r\\t\", \"u\": \"\\u4e2d\\u6587 \\ud83d\\ude00\"}",
    "{\"order\": 1, \"kept\": 2, \"as\": 3, \"read\": 4}",
    "[\"\", \"\\u00e9\", \"é\", \"\xf0\x9f\x98\x80\"]",
  };

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    assert_same_as_json_glib (texts[i]);
}

/* A scalar is a value like any other; an escape that stands for no
 * character is read as U+FFFD; what is not strict JSON is refused. */
static void
test_strict (void)
{
  g_autoptr(MgJsonTree) scalar = mg_json_tree_parse ("\"just a string\"", 15, NULL);
  g_autoptr(MgJsonTree) nul = NULL;
  g_autoptr(MgJsonTree) zero = NULL;
  g_autoptr(GError) error = NULL;
  const char *with_nul = "[\"a\\u0000b\", 1]";

  g_assert_nonnull (scalar);
  g_assert_cmpstr (mg_json_tree_get_string (mg_json_tree_get_root (scalar)), ==, "just a string");

  nul = mg_json_tree_parse (with_nul, strlen (with_nul), NULL);
  g_assert_nonnull (nul);
  g_assert_cmpuint (mg_json_tree_get_root (nul)->length, ==, 2);
  g_assert_cmpstr (mg_json_tree_get_string (mg_json_tree_first (mg_json_tree_get_root (nul))), ==, "a\xef\xbf\xbd" "b");

  zero = mg_json_tree_parse ("[01, {\"a\": 007}]", 16, &error);
  g_assert_null (zero);
  g_assert_error (error, JSON_PARSER_ERROR, JSON_PARSER_ERROR_PARSE);
  g_assert_true (g_str_has_prefix (error->message, "1:2: "));
}

static void
test_errors (void)
{
  static const char *texts[] = {
    "{", "[1 2]", "{\"a\" 1}", "[\"\xff\xfe\"]", "[\"abc", "{\"a\": tru}", "",
  };
  g_autofree char *deep = g_strnfill (100000, '[');

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(MgJsonTree) tree = mg_json_tree_parse (texts[i], strlen (texts[i]), &error);

      if (texts[i][0] == '\0')
        {
          /* json-glib reads nothing as no value at all. */
          g_assert_true (tree == NULL || mg_json_tree_get_root (tree) == NULL);
          continue;
        }
      g_assert_null (tree);
      g_assert_nonnull (error);
      g_assert_true (error->domain == JSON_PARSER_ERROR);
    }

  /* Refused before json-glib's recursion could exhaust the stack. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(MgJsonTree) tree = mg_json_tree_parse (deep, strlen (deep), &error);

    g_assert_null (tree);
    g_assert_nonnull (error);
    g_assert_nonnull (strstr (error->message, "nested"));
  }
}

static void
test_members (void)
{
  const char *text = "{\"a\": 1, \"b\": \"x\", \"a\": 2, \"n\": null}";
  g_autoptr(MgJsonTree) tree = mg_json_tree_parse (text, strlen (text), NULL);
  const MgJsonTreeValue *root = mg_json_tree_get_root (tree);
  const MgJsonTreeValue *a = mg_json_tree_get_member (root, "a");

  /* The last of two members of the same name, as json-glib keeps it. */
  g_assert_true (mg_json_tree_is (a, MG_JSON_TREE_INT));
  g_assert_cmpint (a->v.integer, ==, 2);
  g_assert_cmpstr (mg_json_tree_get_string_member (root, "b"), ==, "x");
  g_assert_null (mg_json_tree_get_string_member (root, "a"));
  g_assert_null (mg_json_tree_get_string_member (root, "n"));
  g_assert_null (mg_json_tree_get_member (root, "missing"));
  g_assert_null (mg_json_tree_get_member (a, "a"));
  g_assert_null (mg_json_tree_get_member (NULL, "a"));
  g_assert_null (mg_json_tree_first (a));
}

/* An integer of more than 18 digits becomes a fraction, not the number
 * json-glib wraps around to (12345678901234567890 reads as negative). */
static void
test_long_integer (void)
{
  const char *text = "[12345678901234567890, -123456789012345678901]";
  g_autoptr(MgJsonTree) tree = mg_json_tree_parse (text, strlen (text), NULL);
  const MgJsonTreeValue *first = mg_json_tree_first (mg_json_tree_get_root (tree));

  g_assert_true (mg_json_tree_is (first, MG_JSON_TREE_DOUBLE));
  g_assert_cmpfloat (first->v.number, ==, 12345678901234567890.0);
  g_assert_true (mg_json_tree_is (first->next, MG_JSON_TREE_DOUBLE));
  g_assert_cmpfloat (first->next->v.number, <, -1e20);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/json-tree/same-tree", test_same_tree);
  g_test_add_func ("/json-tree/strict", test_strict);
  g_test_add_func ("/json-tree/errors", test_errors);
  g_test_add_func ("/json-tree/members", test_members);
  g_test_add_func ("/json-tree/long-integer", test_long_integer);

  return g_test_run ();
}
