/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Marginalia"
#include "config.h"

#include <string.h>
#include <glib/gstdio.h>

#include "mg-sidecar.h"

/* Reading rules of sidecar-format.md: each breach is an error naming the
 * member, its line and column; every problem is listed. */

static char *
fixture_path (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "data", "sidecar", name, NULL);
}

static char *
load_text (const char *name)
{
  g_autofree char *path = fixture_path (name);
  g_autoptr(GError) error = NULL;
  char *text = NULL;

  g_file_get_contents (path, &text, NULL, &error);
  g_assert_no_error (error);
  return text;
}

static MgDocument *
speech (void)
{
  g_autofree char *text = load_text ("speech.txt");

  return mg_document_new_for_text (text, -1, "讲话.txt");
}

/* Loads @json with load_bytes and expects exactly one problem. */
static void
expect_one (const char *json,
            int         code,
            guint       line,
            guint       column,
            const char *member,
            const char *message_part)
{
  g_autoptr(GFile) file = g_file_new_for_path ("/nonexistent/x.marginalia.json");
  g_autoptr(MgSidecar) sidecar = mg_sidecar_new (file, NULL);
  g_autoptr(GBytes) bytes = g_bytes_new (json, strlen (json));
  g_autoptr(GError) error = NULL;
  MgSidecarProblem *p;
  GPtrArray *problems;

  g_assert_false (mg_sidecar_load_bytes (sidecar, bytes, &error));
  g_assert_error (error, MG_SIDECAR_ERROR, code);
  g_test_message ("%s", error->message);
  g_assert_true (mg_sidecar_get_broken (sidecar));
  /* The message names the file. */
  g_assert_nonnull (strstr (error->message, "x.marginalia.json"));

  problems = mg_sidecar_get_problems (sidecar);
  g_assert_cmpuint (problems->len, ==, 1);
  p = g_ptr_array_index (problems, 0);
  g_assert_cmpint (p->kind, ==, MG_SIDECAR_PROBLEM_ERROR);
  g_assert_cmpuint (p->line, ==, line);
  g_assert_cmpuint (p->column, ==, column);
  g_assert_cmpstr (p->member, ==, member);
  if (message_part != NULL)
    g_assert_nonnull (strstr (p->message, message_part));
}

static void
test_not_json (void)
{
  expect_one ("{\n  \"format\": \"marginalia-annotations\",\n  \"version\": 1,,\n}",
              MG_SIDECAR_ERROR_PARSE, 3, 15, NULL, "not JSON");
  /* Columns count characters: the error after 讲话 is at character 12. */
  expect_one ("{\n  \"讲话\": nope }", MG_SIDECAR_ERROR_PARSE, 2, 12, NULL, "not JSON");
  expect_one ("", MG_SIDECAR_ERROR_PARSE, 1, 1, NULL, "empty");
  expect_one (" \n\t ", MG_SIDECAR_ERROR_PARSE, 1, 1, NULL, "empty");
  expect_one ("{\n\"a\": \"\xff\xfe\"}", MG_SIDECAR_ERROR_PARSE, 2, 7, NULL, "UTF-8");
}

static void
test_truncated (void)
{
  g_autofree char *golden = load_text ("golden.marginalia.json");

  for (gsize cut = 1; cut < strlen (golden) - 2; cut += 97)
    {
      g_autoptr(GFile) file = g_file_new_for_path ("/nonexistent/t.marginalia.json");
      g_autoptr(MgSidecar) sidecar = mg_sidecar_new (file, NULL);
      g_autoptr(GBytes) bytes = g_bytes_new (golden, cut);
      g_autoptr(GError) error = NULL;

      g_assert_false (mg_sidecar_load_bytes (sidecar, bytes, &error));
      /* Cutting inside a character makes it invalid UTF-8: still PARSE. */
      g_assert_error (error, MG_SIDECAR_ERROR, MG_SIDECAR_ERROR_PARSE);
      g_assert_true (mg_sidecar_get_broken (sidecar));
      g_assert_true (strstr (error->message, "cut short") != NULL
                     || strstr (error->message, "UTF-8") != NULL);
    }
}

static void
test_deeply_nested (void)
{
  gsize n = 1000000;
  g_autofree char *deep = g_malloc (n + 40);
  g_autoptr(GFile) file = g_file_new_for_path ("/nonexistent/deep.json");
  g_autoptr(MgSidecar) sidecar = mg_sidecar_new (file, NULL);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  MgSidecarProblem *p;

  strcpy (deep, "{\"format\": \"marginalia-annotations\", \"x\": ");
  memset (deep + strlen (deep), '[', n - strlen (deep));
  bytes = g_bytes_new (deep, n);

  g_assert_false (mg_sidecar_load_bytes (sidecar, bytes, &error));
  g_assert_error (error, MG_SIDECAR_ERROR, MG_SIDECAR_ERROR_PARSE);
  p = g_ptr_array_index (mg_sidecar_get_problems (sidecar), 0);
  g_assert_cmpuint (p->line, ==, 1);
  g_assert_cmpuint (p->column, >, 256);
}

static void
test_not_ours (void)
{
  g_autofree char *not_ours = load_text ("not-ours.json");
  g_autofree char *array = load_text ("array.json");

  expect_one (not_ours, MG_SIDECAR_ERROR_NOT_MARGINALIA, 1, 1, NULL, "format");
  expect_one (array, MG_SIDECAR_ERROR_NOT_MARGINALIA, 1, 1, NULL, "an array");
  expect_one ("\"marginalia-annotations\"", MG_SIDECAR_ERROR_NOT_MARGINALIA, 1, 1, NULL, NULL);
  expect_one ("{\n  \"format\": \"something-else\",\n  \"version\": 1\n}",
              MG_SIDECAR_ERROR_NOT_MARGINALIA, 2, 13, "format", "format");
  expect_one ("{ \"format\": 1 }", MG_SIDECAR_ERROR_NOT_MARGINALIA, 1, 13, "format", NULL);
}

/* Each file is valid but for one problem: "document", "tags" and
 * "annotations" are required. */
#define HEAD0 "{\n  \"format\": \"marginalia-annotations\",\n  \"version\": 1,\n"
#define HEAD "{\n  \"format\": \"marginalia-annotations\",\n  \"version\": 1, \"document\": {},\n"
#define NO_ANNOTATIONS ",\n  \"annotations\": []\n}"
#define TAGS "  \"tags\": [ { \"id\": \"slogan\", \"name\": \"口号\", \"color\": \"#e66100\" } ],\n"

static void
test_each_rule (void)
{
  /* Line 4 (after HEAD) is the annotation / tag line. */
  expect_one (HEAD TAGS "  \"annotations\": [\n    { \"id\": \"a\", \"start\": 9, \"end\": 3, \"quote\": \"q\" }\n  ]\n}",
              MG_SIDECAR_ERROR_INVALID, 6, 27, "annotations[0].start", "after end");
  expect_one (HEAD TAGS "  \"annotations\": [\n    { \"id\": \"a\", \"start\": -1, \"end\": 3, \"quote\": \"q\" }\n  ]\n}",
              MG_SIDECAR_ERROR_INVALID, 6, 27, "annotations[0].start", "negative");
  expect_one (HEAD TAGS "  \"annotations\": [\n    { \"id\": \"a\", \"start\": 1, \"end\": -3, \"quote\": \"q\" }\n  ]\n}",
              MG_SIDECAR_ERROR_INVALID, 6, 37, "annotations[0].end", "negative");
  expect_one (HEAD TAGS "  \"annotations\": [\n    { \"id\": \"a\", \"start\": 1, \"end\": 3, \"quote\": \"q\", \"tags\": [\"slogan\", \"未知\"] }\n  ]\n}",
              MG_SIDECAR_ERROR_INVALID, 6, 73, "annotations[0].tags[1]", "未知");
  expect_one (HEAD TAGS "  \"annotations\": [\n    { \"id\": \"a\", \"start\": 1, \"end\": 3, \"quote\": \"q\" },\n    { \"id\": \"a\", \"start\": 2, \"end\": 3, \"quote\": \"q\" }\n  ]\n}",
              MG_SIDECAR_ERROR_INVALID, 7, 13, "annotations[1].id", "annotations[0]");
  expect_one (HEAD TAGS "  \"annotations\": [\n    { \"id\": \"a\", \"start\": 1, \"end\": 3 }\n  ]\n}",
              MG_SIDECAR_ERROR_INVALID, 6, 5, "annotations[0]", "quote");
  expect_one (HEAD TAGS "  \"annotations\": [\n    { \"id\": \"a\", \"start\": \"1\", \"end\": 3, \"quote\": \"q\" }\n  ]\n}",
              MG_SIDECAR_ERROR_INVALID, 6, 27, "annotations[0].start", "whole number");
  expect_one (HEAD TAGS "  \"annotations\": [\n    { \"id\": \"a\", \"start\": 1.5, \"end\": 3, \"quote\": \"q\" }\n  ]\n}",
              MG_SIDECAR_ERROR_INVALID, 6, 27, "annotations[0].start", "whole number");
  expect_one (HEAD TAGS "  \"annotations\": [\n    { \"id\": \"a\", \"start\": 1, \"end\": 3, \"quote\": \"q\", \"starred\": 1 }\n  ]\n}",
              MG_SIDECAR_ERROR_INVALID, 6, 65, "annotations[0].starred", "true or false");
  expect_one (HEAD TAGS "  \"annotations\": [\n    { \"id\": 7, \"start\": 1, \"end\": 3, \"quote\": \"q\" }\n  ]\n}",
              MG_SIDECAR_ERROR_INVALID, 6, 13, "annotations[0].id", "string");
  expect_one (HEAD TAGS "  \"annotations\": [\n    [1, 2]\n  ]\n}",
              MG_SIDECAR_ERROR_INVALID, 6, 5, "annotations[0]", "object");
  expect_one (HEAD TAGS "  \"annotations\": {}\n}",
              MG_SIDECAR_ERROR_INVALID, 5, 18, "annotations", "array");
  expect_one (HEAD "  \"tags\": [\n    { \"id\": \"Bad Id\", \"name\": \"x\", \"color\": \"#000000\" }\n  ]" NO_ANNOTATIONS,
              MG_SIDECAR_ERROR_INVALID, 5, 13, "tags[0].id", "Bad Id");
  expect_one (HEAD "  \"tags\": [\n    { \"id\": \"ok\", \"name\": \"x\", \"color\": \"blue\" }\n  ]" NO_ANNOTATIONS,
              MG_SIDECAR_ERROR_INVALID, 5, 41, "tags[0].color", "blue");
  expect_one (HEAD "  \"tags\": [\n    { \"id\": \"ok\", \"name\": \"x\", \"color\": \"#000000\" },\n    { \"id\": \"ok\", \"name\": \"y\", \"color\": \"#000000\" }\n  ]" NO_ANNOTATIONS,
              MG_SIDECAR_ERROR_INVALID, 6, 13, "tags[1].id", "twice");
  expect_one ("{\n  \"format\": \"marginalia-annotations\",\n  \"document\": {}, \"tags\": [], \"annotations\": []\n}",
              MG_SIDECAR_ERROR_INVALID, 1, 1, NULL, "version");
  expect_one ("{\n  \"format\": \"marginalia-annotations\",\n  \"version\": \"1\",\n  \"document\": {}, \"tags\": [], \"annotations\": []\n}",
              MG_SIDECAR_ERROR_INVALID, 3, 14, "version", NULL);
  expect_one (HEAD0 "  \"document\": { \"sha256\": \"abc\" }, \"tags\": []" NO_ANNOTATIONS,
              MG_SIDECAR_ERROR_INVALID, 4, 27, "document.sha256", "SHA-256");
  expect_one (HEAD0 "  \"document\": { \"text\": \"a\\u0001b\" }, \"tags\": []" NO_ANNOTATIONS,
              MG_SIDECAR_ERROR_INVALID, 4, 25, "document.text", NULL);
  expect_one (HEAD TAGS "  \"annotations\": [\n    { \"id\": \"a\", \"start\": 1, \"end\": 3, \"quote\": \"q\", \"created\": \"yesterday\" }\n  ]\n}",
              MG_SIDECAR_ERROR_INVALID, 6, 65, "annotations[0].created", "RFC 3339");
}

static void
test_every_problem (void)
{
  static const struct { guint line, column; const char *member; } expected[] = {
    { 7, 46, "tags[1].color" },
    { 8, 13, "tags[2].id" },
    { 11, 28, "annotations[0].start" },
    { 12, 28, "annotations[1].start" },
    { 13, 74, "annotations[2].tags[1]" },
    { 14, 13, "annotations[3].id" },
    { 15, 5, "annotations[4]" },
    { 16, 66, "annotations[5].starred" },
    { 16, 84, "annotations[5].created" },
  };
  g_autofree char *path = fixture_path ("invalid-many.marginalia.json");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(MgSidecar) sidecar = mg_sidecar_new (file, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) validated = NULL;
  GPtrArray *problems;
  gboolean newer = TRUE;

  g_assert_false (mg_sidecar_load (sidecar, NULL, &error));
  g_assert_error (error, MG_SIDECAR_ERROR, MG_SIDECAR_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "8 more problems"));

  problems = mg_sidecar_get_problems (sidecar);
  g_assert_cmpuint (problems->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < problems->len; i++)
    {
      MgSidecarProblem *p = g_ptr_array_index (problems, i);
      g_autofree char *line = mg_sidecar_problem_to_string (p);
      g_autofree char *prefix = g_strdup_printf ("%s:%u:%u: %s: ", path, expected[i].line,
                                                 expected[i].column, expected[i].member);

      g_test_message ("%s", line);
      g_assert_cmpstr (p->member, ==, expected[i].member);
      g_assert_true (g_str_has_prefix (line, prefix));
    }

  /* validate_file lists the same, without a store. */
  validated = mg_sidecar_validate_file (file, NULL, &newer);
  g_assert_false (newer);
  g_assert_cmpuint (validated->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < validated->len; i++)
    {
      MgSidecarProblem *p = g_ptr_array_index (validated, i);

      g_assert_cmpuint (p->line, ==, expected[i].line);
      g_assert_cmpuint (p->column, ==, expected[i].column);
      g_assert_cmpint (p->kind, ==, MG_SIDECAR_PROBLEM_ERROR);
    }
}

static void
test_validate_valid (void)
{
  g_autofree char *path = fixture_path ("golden.marginalia.json");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(MgDocument) document = speech ();
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GPtrArray) with_document = NULL;
  gboolean newer = TRUE;

  problems = mg_sidecar_validate_file (file, NULL, &newer);
  g_assert_cmpuint (problems->len, ==, 0);
  g_assert_false (newer);

  with_document = mg_sidecar_validate_file (file, document, &newer);
  g_assert_cmpuint (with_document->len, ==, 0);
}

static void
test_validate_reanchor (void)
{
  g_autofree char *golden = load_text ("golden.marginalia.json");
  g_autofree char *text = load_text ("speech.txt");
  g_autofree char *dir = g_dir_make_tmp ("mg-validate-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "v.marginalia.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GString) edited = g_string_new (text);
  g_autoptr(MgDocument) document = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  gboolean newer = TRUE;
  guint n_reanchor = 0;
  MgSidecarProblem *sha = NULL;

  /* The speech gained two characters before the second annotation. */
  g_string_insert (edited, strstr (text, "233") - text, "共计");
  document = mg_document_new_for_text (edited->str, -1, "讲话.txt");
  g_assert_true (g_file_set_contents (path, golden, -1, NULL));

  problems = mg_sidecar_validate_file (file, document, &newer);
  g_assert_false (newer);
  for (guint i = 0; i < problems->len; i++)
    {
      MgSidecarProblem *p = g_ptr_array_index (problems, i);
      g_autofree char *line = mg_sidecar_problem_to_string (p);

      g_test_message ("%s", line);
      /* Not invalid: only in need of re-anchoring. */
      g_assert_cmpint (p->kind, ==, MG_SIDECAR_PROBLEM_REANCHOR);
      if (g_strcmp0 (p->member, "document.sha256") == 0)
        sha = p;
      else
        n_reanchor++;
    }
  g_assert_nonnull (sha);
  g_assert_cmpuint (sha->line, ==, 6);
  /* Annotations after the insertion (the orphan aside) no longer match. */
  g_assert_cmpuint (n_reanchor, ==, 3);

  g_assert_cmpint (g_remove (path), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

static void
test_validate_newer (void)
{
  g_autofree char *path = fixture_path ("newer.marginalia.json");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GPtrArray) problems = NULL;
  MgSidecarProblem *p;
  gboolean newer = FALSE;

  problems = mg_sidecar_validate_file (file, NULL, &newer);
  g_assert_true (newer);
  g_assert_cmpuint (problems->len, ==, 1);
  p = g_ptr_array_index (problems, 0);
  g_assert_cmpint (p->kind, ==, MG_SIDECAR_PROBLEM_NEWER_VERSION);
  g_assert_cmpstr (p->member, ==, "version");
  g_assert_cmpuint (p->line, ==, 3);
  g_assert_cmpuint (p->column, ==, 14);
}

static void
test_validate_unreadable (void)
{
  g_autoptr(GFile) missing = g_file_new_for_path ("/nonexistent/none.marginalia.json");
  g_autoptr(GFile) folder = g_file_new_for_path (g_get_tmp_dir ());
  g_autoptr(GPtrArray) a = mg_sidecar_validate_file (missing, NULL, NULL);
  g_autoptr(GPtrArray) b = mg_sidecar_validate_file (folder, NULL, NULL);

  g_assert_cmpuint (a->len, ==, 1);
  g_assert_cmpint (((MgSidecarProblem *) g_ptr_array_index (a, 0))->kind, ==, MG_SIDECAR_PROBLEM_ERROR);
  g_assert_cmpuint (b->len, ==, 1);
  g_assert_nonnull (strstr (((MgSidecarProblem *) g_ptr_array_index (b, 0))->message, "folder"));
}

/* Thousands of damaged copies of a valid file: each either loads (and then
 * writes back bytes that load to the same bytes) or fails with problems
 * that say where; never a crash. */
static void
test_mutations (void)
{
  g_autofree char *golden = load_text ("golden.marginalia.json");
  g_autoptr(GFile) file = g_file_new_for_path ("/nonexistent/m.marginalia.json");
  g_autoptr(MgDocument) document = speech ();
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261128);
  gsize length = strlen (golden);
  static const char pieces[] = "{}[]\",:0-9e.\\ \n\xff\xe8";
  guint loaded = 0, refused = 0;

  for (guint round = 0; round < 1500; round++)
    {
      g_autoptr(GString) damaged = g_string_new_len (golden, (gssize) length);
      g_autoptr(MgSidecar) sidecar = mg_sidecar_new (file, round % 3 == 0 ? document : NULL);
      g_autoptr(GBytes) bytes = NULL;
      g_autoptr(GError) error = NULL;
      guint edits = 1 + g_rand_int_range (rand, 0, 3);

      for (guint e = 0; e < edits && damaged->len > 2; e++)
        {
          gsize at = (gsize) g_rand_int_range (rand, 0, (gint32) damaged->len);
          gsize span = (gsize) g_rand_int_range (rand, 1, 40);
          char piece = pieces[g_rand_int_range (rand, 0, sizeof pieces - 1)];

          span = MIN (span, damaged->len - at);

          switch (g_rand_int_range (rand, 0, 4))
            {
            case 0:
              g_string_erase (damaged, (gssize) at, (gssize) span);
              break;
            case 1:
              damaged->str[at] = piece;
              break;
            case 2:
              {
                g_autofree char *copy = g_strndup (damaged->str + at, span);
                g_string_insert (damaged, (gssize) g_rand_int_range (rand, 0, (gint32) damaged->len), copy);
              }
              break;
            default:
              g_string_insert_c (damaged, (gssize) at, piece);
              break;
            }
        }

      bytes = g_bytes_new (damaged->str, damaged->len);
      if (mg_sidecar_load_bytes (sidecar, bytes, &error))
        {
          g_autoptr(MgSidecar) again = mg_sidecar_new (file, mg_sidecar_get_document (sidecar));
          g_autoptr(GBytes) written = mg_sidecar_serialize (sidecar);
          g_autoptr(GBytes) rewritten = NULL;
          g_autoptr(GError) again_error = NULL;

          g_assert_true (g_utf8_validate (g_bytes_get_data (written, NULL), (gssize) g_bytes_get_size (written), NULL));
          g_assert_true (mg_sidecar_load_bytes (again, written, &again_error));
          g_assert_no_error (again_error);
          rewritten = mg_sidecar_serialize (again);
          g_assert_true (g_bytes_equal (written, rewritten));
          loaded++;
        }
      else
        {
          GPtrArray *problems = mg_sidecar_get_problems (sidecar);

          g_assert_true (error->domain == MG_SIDECAR_ERROR);
          g_assert_true (mg_sidecar_get_broken (sidecar));
          g_assert_cmpuint (problems->len, >=, 1);
          for (guint i = 0; i < problems->len; i++)
            {
              MgSidecarProblem *p = g_ptr_array_index (problems, i);

              g_assert_cmpuint (p->line, >=, 1);
              g_assert_cmpuint (p->column, >=, 1);
              g_assert_true (p->message != NULL && *p->message != '\0');
            }
          refused++;
        }
    }

  g_test_message ("%u loaded, %u refused", loaded, refused);
  g_assert_cmpuint (loaded, >, 0);
  g_assert_cmpuint (refused, >, 0);
}

/* Editors that add a byte order mark, or write CRLF, do no harm. */
static void
test_bom_and_crlf (void)
{
  g_autofree char *golden = load_text ("golden.marginalia.json");
  g_autofree char *crlf = NULL;
  g_autoptr(GString) with_bom = g_string_new ("\xEF\xBB\xBF");
  g_autoptr(GFile) file = g_file_new_for_path ("/nonexistent/b.marginalia.json");
  g_autoptr(MgSidecar) a = mg_sidecar_new (file, NULL);
  g_autoptr(MgSidecar) b = mg_sidecar_new (file, NULL);
  g_autoptr(GBytes) bom_bytes = NULL;
  g_autoptr(GBytes) crlf_bytes = NULL;
  g_autoptr(GBytes) out_a = NULL;
  g_autoptr(GBytes) out_b = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) lines = g_strsplit (golden, "\n", -1);

  g_string_append (with_bom, golden);
  bom_bytes = g_bytes_new (with_bom->str, with_bom->len);
  g_assert_true (mg_sidecar_load_bytes (a, bom_bytes, &error));
  g_assert_no_error (error);
  out_a = mg_sidecar_serialize (a);
  g_assert_cmpstr (g_bytes_get_data (out_a, NULL), ==, golden);

  crlf = g_strjoinv ("\r\n", lines);
  crlf_bytes = g_bytes_new (crlf, strlen (crlf));
  g_assert_true (mg_sidecar_load_bytes (b, crlf_bytes, &error));
  g_assert_no_error (error);
  out_b = mg_sidecar_serialize (b);
  g_assert_cmpstr (g_bytes_get_data (out_b, NULL), ==, golden);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/sidecar/read/not-json", test_not_json);
  g_test_add_func ("/sidecar/read/truncated", test_truncated);
  g_test_add_func ("/sidecar/read/bom-and-crlf", test_bom_and_crlf);
  g_test_add_func ("/sidecar/read/deeply-nested", test_deeply_nested);
  g_test_add_func ("/sidecar/read/not-ours", test_not_ours);
  g_test_add_func ("/sidecar/read/each-rule", test_each_rule);
  g_test_add_func ("/sidecar/read/every-problem", test_every_problem);
  g_test_add_func ("/sidecar/read/mutations", test_mutations);
  g_test_add_func ("/sidecar/validate/valid", test_validate_valid);
  g_test_add_func ("/sidecar/validate/reanchor", test_validate_reanchor);
  g_test_add_func ("/sidecar/validate/newer", test_validate_newer);
  g_test_add_func ("/sidecar/validate/unreadable", test_validate_unreadable);

  return g_test_run ();
}
