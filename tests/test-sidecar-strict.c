/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Marginalia"
#include "config.h"

#include <string.h>
#include <glib/gstdio.h>

#include "mg-sidecar.h"

/* What JSON parsers read without a word but a sidecar must not hide:
 * member names used twice, numbers that are no offsets, missing parts,
 * and the author among the contributors. */

#define HEAD "{\n  \"format\": \"marginalia-annotations\",\n  \"version\": 1,\n"
#define DOC_TAGS "  \"document\": {},\n  \"tags\": [],\n"

/* Loads @json (which must fail with MG_SIDECAR_ERROR_INVALID) and returns
 * its problems. */
static GPtrArray *
load_invalid (const char *json)
{
  g_autoptr(GFile) file = g_file_new_for_path ("/nonexistent/s.marginalia.json");
  g_autoptr(MgSidecar) sidecar = mg_sidecar_new (file, NULL);
  g_autoptr(GBytes) bytes = g_bytes_new (json, strlen (json));
  g_autoptr(GError) error = NULL;

  g_assert_false (mg_sidecar_load_bytes (sidecar, bytes, &error));
  g_assert_error (error, MG_SIDECAR_ERROR, MG_SIDECAR_ERROR_INVALID);
  g_test_message ("%s", error->message);
  g_assert_true (mg_sidecar_get_broken (sidecar));
  return g_ptr_array_ref (mg_sidecar_get_problems (sidecar));
}

/* mg_sidecar_validate_file on @json. */
static GPtrArray *
validate_text (const char *json,
               gboolean   *out_newer)
{
  g_autofree char *dir = g_dir_make_tmp ("mg-strict-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "v.marginalia.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  GPtrArray *problems;

  g_assert_true (g_file_set_contents (path, json, -1, NULL));
  problems = mg_sidecar_validate_file (file, NULL, out_newer);
  g_assert_cmpint (g_remove (path), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
  return problems;
}

static MgSidecarProblem *
only_problem (GPtrArray *problems)
{
  g_assert_cmpuint (problems->len, ==, 1);
  return g_ptr_array_index (problems, 0);
}

static void
assert_problem (MgSidecarProblem *p,
                guint             line,
                guint             column,
                const char       *member,
                const char       *part)
{
  g_autofree char *text = mg_sidecar_problem_to_string (p);

  g_test_message ("%s", text);
  g_assert_cmpint (p->kind, ==, MG_SIDECAR_PROBLEM_ERROR);
  g_assert_cmpuint (p->line, ==, line);
  g_assert_cmpuint (p->column, ==, column);
  g_assert_cmpstr (p->member, ==, member);
  g_assert_nonnull (strstr (p->message, part));
}

static void
test_duplicate_members (void)
{
  const char *in_annotation =
    HEAD DOC_TAGS
    "  \"annotations\": [\n"
    "    { \"id\": \"a\", \"start\": 1, \"end\": 3, \"quote\": \"q\", \"start\": 2 }\n"
    "  ]\n}\n";
  const char *at_top =
    HEAD DOC_TAGS "  \"annotations\": [],\n  \"version\": 1\n}\n";
  const char *in_document =
    HEAD "  \"document\": { \"name\": \"a.txt\", \"name\": \"b.txt\" },\n"
    "  \"tags\": [],\n  \"annotations\": []\n}\n";
  g_autoptr(GPtrArray) a = NULL;
  g_autoptr(GPtrArray) b = NULL;
  g_autoptr(GPtrArray) c = NULL;

  a = load_invalid (in_annotation);
  assert_problem (only_problem (a), 7, 54, "annotations[0].start", "twice");
  g_assert_nonnull (strstr (((MgSidecarProblem *) g_ptr_array_index (a, 0))->message,
                            "line 7, column 18"));

  b = load_invalid (at_top);
  assert_problem (only_problem (b), 7, 3, "version", "“version”");

  c = load_invalid (in_document);
  assert_problem (only_problem (c), 4, 34, "document.name", "twice");
}

/* Duplicates are listed along with every other problem, and equal names
 * in different objects are no duplicates. */
static void
test_duplicate_members_validate (void)
{
  const char *json =
    HEAD DOC_TAGS
    "  \"annotations\": [\n"
    "    { \"id\": \"a\", \"start\": 1, \"end\": 3, \"quote\": \"q\", \"x\": { \"id\": 1 } },\n"
    "    { \"id\": \"b\", \"start\": 5, \"end\": 3, \"quote\": \"q\", \"note\": \"1\", \"note\": \"2\" }\n"
    "  ]\n}\n";
  g_autofree char *dir = g_dir_make_tmp ("mg-strict-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "d.marginalia.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GPtrArray) problems = NULL;
  gboolean twice = FALSE, after = FALSE;

  g_assert_true (g_file_set_contents (path, json, -1, NULL));
  problems = mg_sidecar_validate_file (file, NULL, NULL);
  g_assert_cmpuint (problems->len, ==, 2);
  for (guint i = 0; i < problems->len; i++)
    {
      MgSidecarProblem *p = g_ptr_array_index (problems, i);

      g_assert_cmpint (p->kind, ==, MG_SIDECAR_PROBLEM_ERROR);
      if (g_strcmp0 (p->member, "annotations[1].note") == 0)
        {
          twice = TRUE;
          g_assert_cmpuint (p->line, ==, 8);
          g_assert_cmpuint (p->column, ==, 67);
        }
      else if (g_strcmp0 (p->member, "annotations[1].start") == 0)
        after = TRUE;
    }
  g_assert_true (twice);
  g_assert_true (after);
  g_assert_cmpint (g_remove (path), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

static void
test_offset_not_whole (void)
{
  static const char *numbers[] = {
    "1e30", "-1e30", "1.5", "5.0", "1E2",
    /* json-glib wraps these around (to -1 and to 1). */
    "99999999999999999999", "-99999999999999999999",
    "3000000000",
  };

  for (guint i = 0; i < G_N_ELEMENTS (numbers); i++)
    {
      g_autofree char *json =
        g_strdup_printf (HEAD DOC_TAGS
                         "  \"annotations\": [\n"
                         "    { \"id\": \"a\", \"start\": %s, \"end\": 3, \"quote\": \"q\" }\n"
                         "  ]\n}\n", numbers[i]);
      g_autofree char *part = g_strdup_printf ("%s is not a whole number in range", numbers[i]);
      g_autoptr(GPtrArray) problems = load_invalid (json);
      MgSidecarProblem *p = only_problem (problems);

      assert_problem (p, 7, 27, "annotations[0].start", part);
      g_assert_nonnull (strstr (p->message, "from 0 to 2147483647"));
    }
}

/* An integer beyond 64 bits anywhere would be written back as another
 * number; a version beyond 64 bits is a newer version. */
static void
test_huge_numbers_elsewhere (void)
{
  const char *unknown =
    HEAD DOC_TAGS "  \"annotations\": [],\n  \"x\": [ 123456789012345678901 ]\n}\n";
  const char *version =
    "{\n  \"format\": \"marginalia-annotations\",\n  \"version\": 123456789012345678901\n}\n";
  g_autoptr(GPtrArray) problems = load_invalid (unknown);
  g_autoptr(GFile) file = g_file_new_for_path ("/nonexistent/v.marginalia.json");
  g_autoptr(MgSidecar) sidecar = mg_sidecar_new (file, NULL);
  g_autoptr(GBytes) bytes = g_bytes_new_static (version, strlen (version));
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) validated = NULL;
  gboolean newer = FALSE;
  MgSidecarProblem *p;

  assert_problem (only_problem (problems), 7, 10, "x[0]", "123456789012345678901 is too large");

  g_assert_true (mg_sidecar_load_bytes (sidecar, bytes, &error));
  g_assert_no_error (error);
  g_assert_true (mg_sidecar_get_read_only (sidecar));
  validated = validate_text (version, &newer);
  g_assert_true (newer);
  p = only_problem (validated);
  g_assert_cmpint (p->kind, ==, MG_SIDECAR_PROBLEM_NEWER_VERSION);
  g_assert_nonnull (strstr (p->message, "123456789012345678901"));
}

static void
test_missing_members (void)
{
  static const struct { const char *json; const char *member; } cases[] = {
    { HEAD "  \"tags\": [],\n  \"annotations\": []\n}\n", "“document”" },
    { HEAD "  \"document\": {},\n  \"annotations\": []\n}\n", "“tags”" },
    { HEAD "  \"document\": {},\n  \"tags\": []\n}\n", "“annotations”" },
  };
  const char *nothing = HEAD "  \"annotation\": []\n}\n";
  const char *newer = "{\n  \"format\": \"marginalia-annotations\",\n  \"version\": 2\n}\n";
  g_autoptr(GPtrArray) all = load_invalid (nothing);
  g_autoptr(GFile) file = g_file_new_for_path ("/nonexistent/n.marginalia.json");
  g_autoptr(MgSidecar) sidecar = mg_sidecar_new (file, NULL);
  g_autoptr(GBytes) bytes = g_bytes_new_static (newer, strlen (newer));
  g_autoptr(GPtrArray) validated = NULL;
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GPtrArray) problems = load_invalid (cases[i].json);

      /* At the object that lacks it. */
      assert_problem (only_problem (problems), 1, 1, NULL, cases[i].member);
    }

  /* A misspelt member: the file is not read as empty. */
  g_assert_cmpuint (all->len, ==, 3);

  /* A newer version may do without them. */
  g_assert_true (mg_sidecar_load_bytes (sidecar, bytes, &error));
  g_assert_no_error (error);
  g_assert_true (mg_sidecar_get_read_only (sidecar));
  validated = validate_text (newer, NULL);
  g_assert_cmpint (only_problem (validated)->kind, ==, MG_SIDECAR_PROBLEM_NEWER_VERSION);
}

/* contributors are "never the author": such a file loads, the name is
 * dropped (so a save writes the list without it), and validate warns. */
static void
test_contributor_is_author (void)
{
  const char *json =
    HEAD DOC_TAGS
    "  \"annotations\": [\n"
    "    { \"id\": \"a\", \"start\": 1, \"end\": 3, \"quote\": \"q\", \"author\": \"王芳\",\n"
    "      \"contributors\": [\"Li Wei\", \"王芳\"] }\n"
    "  ]\n}\n";
  g_autofree char *dir = g_dir_make_tmp ("mg-strict-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "c.marginalia.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(MgSidecar) sidecar = mg_sidecar_new (file, NULL);
  g_autoptr(GBytes) bytes = g_bytes_new_static (json, strlen (json));
  g_autoptr(GBytes) written = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;
  MgAnnotation *a;
  const char * const *contributors;
  gboolean newer = TRUE;
  MgSidecarProblem *p;

  g_assert_true (mg_sidecar_load_bytes (sidecar, bytes, &error));
  g_assert_no_error (error);
  a = mg_annotation_store_lookup (mg_sidecar_get_store (sidecar), "a");
  g_assert_nonnull (a);
  contributors = mg_annotation_get_contributors (a);
  g_assert_cmpuint (g_strv_length ((GStrv) contributors), ==, 1);
  g_assert_cmpstr (contributors[0], ==, "Li Wei");
  written = mg_sidecar_serialize (sidecar);
  g_assert_null (g_strstr_len (g_bytes_get_data (written, NULL), (gssize) g_bytes_get_size (written),
                               "\"王芳\"\n"));
  g_assert_nonnull (g_strstr_len (g_bytes_get_data (written, NULL), (gssize) g_bytes_get_size (written),
                                  "\"contributors\": [\"Li Wei\"]"));

  g_assert_true (g_file_set_contents (path, json, -1, NULL));
  problems = mg_sidecar_validate_file (file, NULL, &newer);
  g_assert_false (newer);
  p = only_problem (problems);
  g_test_message ("%s", p->message);
  g_assert_cmpint (p->kind, ==, MG_SIDECAR_PROBLEM_WARNING);
  g_assert_cmpstr (p->member, ==, "annotations[0].contributors[1]");
  g_assert_cmpuint (p->line, ==, 8);
  g_assert_cmpuint (p->column, ==, 34);
  g_assert_nonnull (strstr (p->message, "author"));

  g_assert_cmpint (g_remove (path), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}


/* \u0000 and half a surrogate pair cannot be kept (C strings end at a NUL;
 * half a pair is no character): refused where they stand, in a note, a
 * member name or a tag id alike, and listed all by validate. */
static void
test_unkeepable_escapes (void)
{
  const char *cases[][2] = {
    { HEAD DOC_TAGS "  \"annotations\": [],\n  \"x-note\": \"nul \\u0000 here\"\n}\n", "\\u0000" },
    { HEAD DOC_TAGS "  \"annotations\": [],\n  \"x\\u0000y\": 1\n}\n", "\\u0000" },
    { HEAD "  \"document\": {},\n  \"tags\": [{ \"id\": \"figure\\u0000x\", \"name\": \"f\", \"color\": \"#2ec27e\" }],\n"
      "  \"annotations\": []\n}\n", "\\u0000" },
    { HEAD DOC_TAGS "  \"annotations\": [],\n  \"x-note\": \"A\\ud800会B\"\n}\n", "\\ud800, half of a UTF-16 surrogate pair" },
    { HEAD DOC_TAGS "  \"annotations\": [],\n  \"x-note\": \"\\udc00\"\n}\n", "\\udc00" },
    { HEAD DOC_TAGS "  \"annotations\": [],\n  \"x-note\": \"\\uD800\\u0041\"\n}\n", "\\uD800" },
  };
  const guint columns[] = { 18, 5, 27, 15, 14, 14 };
  const guint lines[] = { 7, 7, 5, 7, 7, 7 };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GFile) file = g_file_new_for_path ("/nonexistent/u.marginalia.json");
      g_autoptr(MgSidecar) sidecar = mg_sidecar_new (file, NULL);
      g_autoptr(GBytes) bytes = g_bytes_new (cases[i][0], strlen (cases[i][0]));
      g_autoptr(GError) error = NULL;
      MgSidecarProblem *p;

      g_test_message ("case %u", i);
      g_assert_false (mg_sidecar_load_bytes (sidecar, bytes, &error));
      g_assert_error (error, MG_SIDECAR_ERROR, MG_SIDECAR_ERROR_INVALID);
      g_assert_true (mg_sidecar_get_broken (sidecar));
      g_clear_error (&error);
      /* Never overwritten. */
      g_assert_false (mg_sidecar_save (sidecar, NULL, &error));
      g_assert_error (error, MG_SIDECAR_ERROR, MG_SIDECAR_ERROR_BROKEN);
      p = only_problem (mg_sidecar_get_problems (sidecar));
      g_assert_cmpuint (p->line, ==, lines[i]);
      g_assert_cmpuint (p->column, ==, columns[i]);
      g_assert_nonnull (strstr (p->message, cases[i][1]));
    }

  /* A whole pair is a character like any other. */
  {
    const char *pair = HEAD DOC_TAGS "  \"annotations\": [],\n  \"x-note\": \"\\ud83d\\ude00 \\u00e9\"\n}\n";
    g_autoptr(GFile) file = g_file_new_for_path ("/nonexistent/p.marginalia.json");
    g_autoptr(MgSidecar) sidecar = mg_sidecar_new (file, NULL);
    g_autoptr(GBytes) bytes = g_bytes_new (pair, strlen (pair));
    g_autoptr(GBytes) out = NULL;
    g_autoptr(GError) error = NULL;

    g_assert_true (mg_sidecar_load_bytes (sidecar, bytes, &error));
    g_assert_no_error (error);
    out = mg_sidecar_serialize (sidecar);
    g_assert_nonnull (g_strstr_len (g_bytes_get_data (out, NULL), g_bytes_get_size (out), "\"x-note\": \"😀 é\""));
  }

  /* validate lists every one. */
  {
    g_autoptr(GPtrArray) problems =
      validate_text (HEAD DOC_TAGS "  \"annotations\": [{ \"id\": \"a\\u0000\", \"note\": \"\\udfff\" }],\n"
                     "  \"x\": \"\\ud800\\ud800\"\n}\n", NULL);

    g_assert_cmpuint (problems->len, ==, 4);
    assert_problem (g_ptr_array_index (problems, 0), 6, 29, NULL, "\\u0000");
    assert_problem (g_ptr_array_index (problems, 1), 6, 47, NULL, "\\udfff");
    assert_problem (g_ptr_array_index (problems, 2), 7, 9, NULL, "\\ud800");
    assert_problem (g_ptr_array_index (problems, 3), 7, 15, NULL, "\\ud800");
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/sidecar/strict/duplicate-members", test_duplicate_members);
  g_test_add_func ("/sidecar/strict/duplicate-members-validate", test_duplicate_members_validate);
  g_test_add_func ("/sidecar/strict/offset-not-whole", test_offset_not_whole);
  g_test_add_func ("/sidecar/strict/huge-numbers-elsewhere", test_huge_numbers_elsewhere);
  g_test_add_func ("/sidecar/strict/missing-members", test_missing_members);
  g_test_add_func ("/sidecar/strict/contributor-is-author", test_contributor_is_author);
  g_test_add_func ("/sidecar/strict/unkeepable-escapes", test_unkeepable_escapes);

  return g_test_run ();
}
