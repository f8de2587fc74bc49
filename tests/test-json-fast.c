/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Marginalia"
#include "config.h"

#include <string.h>

#include "mg-json-fast.h"

/* The tree json-glib builds for @text, written out; NULL when it fails. */
static char *
reference (const char *text,
           gsize       length)
{
  g_autoptr(JsonParser) parser = json_parser_new ();

  if (!json_parser_load_from_data (parser, text, (gssize) length, NULL)
      || json_parser_get_root (parser) == NULL)
    return NULL;
  return json_to_string (json_parser_get_root (parser), FALSE);
}

/* Either the fast parser gives up, or it builds exactly json-glib's tree
 * (member order, value types and strings). Returns whether it parsed. */
static gboolean
check_same (const char *text,
            gsize       length)
{
  g_autoptr(JsonNode) fast = mg_json_fast_parse (text, length);
  g_autofree char *expected = NULL;
  g_autofree char *got = NULL;

  if (fast == NULL)
    return FALSE;
  expected = reference (text, length);
  g_assert_nonnull (expected);
  got = json_to_string (fast, FALSE);
  g_assert_cmpstr (got, ==, expected);
  return TRUE;
}

static void
test_plain (void)
{
  static const char *texts[] = {
    "{}",
    "[]",
    "  {\"a\": 1}\n\n",
    "{\"version\": 1, \"tags\": [], \"annotations\": [{\"id\": \"x\", \"start\": 0, \"end\": 12}]}",
    "[1, -2, 0, -0, 123456789012345678, true, false, null, \"\"]",
    "{\"z\": 1, \"a\": 2, \"m\": {\"k\": [[], {}, [null]]}}",
    "{\"quote\": \"“十四五”规划\", \"note\": \"a\\\"b\\\\c\\/d\\b\\f\\n\\r\\t\"}",
    "[\"\\u00e9\\u4E2D\\ud83d\\ude00 and \\u0041\"]",
    "\t[\r\n\"Ünïcödé 中文 😀\" ]",
    "{\"\": \"empty name\", \"a b\": {\"\": []}}",
  };

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_test_message ("%s", texts[i]);
      g_assert_true (check_same (texts[i], strlen (texts[i])));
    }
}

static void
test_left_to_json_glib (void)
{
  static const char *texts[] = {
    "",
    "   ",
    "1",
    "\"a string\"",
    "true",
    "{\"a\": 1.5}",
    "{\"a\": 1e3}",
    "{\"a\": 1E3}",
    "{\"a\": 0123}",
    "{\"a\": 1234567890123456789}",
    "{\"a\": -}",
    "{\"a\": 1, \"a\": 2}",
    "{\"a\": 1,}",
    "[1, 2,]",
    "{\"a\" 1}",
    "{a: 1}",
    "{'a': 1}",
    "{\"a\": tru}",
    "{\"a\": nul}",
    "{\"a\": True}",
    "{\"a\": \"\\x41\"}",
    "{\"a\": \"\\u00zz\"}",
    "{\"a\": \"\\u0000\"}",
    "{\"a\": \"\\ud800\"}",
    "{\"a\": \"\\ud800\\u0041\"}",
    "{\"a\": \"\\udc00\"}",
    "{\"a\": \"tab\there\"}",
    "{\"a\": \"open",
    "{\"a\": [1, 2}",
    "{\"a\": 1}{\"b\": 2}",
    "{\"a\": 1} x",
    "\xEF\xBB\xBF{\"a\": 1}",
    "{\"a\": \"\xC3\x28\"}",
    "{\"a\": 1}\f",
    "/* comment */ {\"a\": 1}",
  };

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autoptr(JsonNode) fast = mg_json_fast_parse (texts[i], strlen (texts[i]));

      g_test_message ("%s", texts[i]);
      g_assert_null (fast);
    }

  /* A NUL byte inside the given length, in a string and between values. */
  g_assert_null (mg_json_fast_parse ("{\"a\": \"x\0y\"}", 12));
  g_assert_null (mg_json_fast_parse ("{\"a\": 1}\0", 9));
}

static void
test_deep (void)
{
  GString *deep = g_string_new (NULL);

  for (guint i = 0; i < 256; i++)
    g_string_append_c (deep, '[');
  for (guint i = 0; i < 256; i++)
    g_string_append_c (deep, ']');
  g_assert_true (check_same (deep->str, deep->len));

  g_string_prepend_c (deep, '[');
  g_string_append_c (deep, ']');
  g_assert_null (mg_json_fast_parse (deep->str, deep->len));
  g_string_free (deep, TRUE);
}

/* Every sidecar fixture of the suite: the same tree, or left to json-glib. */
static void
test_fixtures (void)
{
  const char *dirs[] = { "sidecar", "cli" };
  guint parsed = 0;

  for (guint d = 0; d < G_N_ELEMENTS (dirs); d++)
    {
      g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", dirs[d], NULL);
      g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
      const char *name;

      g_assert_nonnull (dir);
      while ((name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *file = g_build_filename (path, name, NULL);
          g_autofree char *contents = NULL;
          gsize length;

          if (!g_str_has_suffix (name, ".json"))
            continue;
          g_assert_true (g_file_get_contents (file, &contents, &length, NULL));
          g_test_message ("%s", file);
          if (check_same (contents, length))
            parsed++;
        }
    }
  g_assert_cmpuint (parsed, >, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/json-fast/plain", test_plain);
  g_test_add_func ("/json-fast/left-to-json-glib", test_left_to_json_glib);
  g_test_add_func ("/json-fast/deep", test_deep);
  g_test_add_func ("/json-fast/fixtures", test_fixtures);
  return g_test_run ();
}
