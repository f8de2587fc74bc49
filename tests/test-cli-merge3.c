/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "cli-fixture.h"

/* `merge3` from the command line, and as git's merge driver in a real
 * repository: two members' branches adding annotations merge with no
 * conflict and nothing lost. */

/* Runs `git ARGS…` in the fixture's folder; returns its exit status. */
static int
git (Fixture    *f,
     const char *first,
     ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  const char *env[] = { "GIT_CONFIG_NOSYSTEM=1", "HOME=/nonexistent", "LC_ALL=C",
                        "GIT_AUTHOR_DATE=2026-12-01T10:00:00Z", "GIT_COMMITTER_DATE=2026-12-01T10:00:00Z",
                        NULL };
  int status = -1;
  va_list ap;

  g_ptr_array_add (argv, (gpointer) "git");
  g_ptr_array_add (argv, (gpointer) first);
  va_start (ap, first);
  for (const char *a = va_arg (ap, const char *); a != NULL; a = va_arg (ap, const char *))
    g_ptr_array_add (argv, (gpointer) a);
  va_end (ap);
  g_ptr_array_add (argv, NULL);

  g_spawn_sync (f->dir, (char **) argv->pdata, (char **) env, G_SPAWN_SEARCH_PATH,
                NULL, NULL, &out, &err, &status, &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_test_message ("git %s: %s%s", first, out, err);
  return WIFEXITED (status) ? WEXITSTATUS (status) : -1;
}

static void
test_git_merge (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *driver = g_strdup_printf ("%s merge3 %%O %%A %%B", g_getenv ("MG_CLI"));
  g_autofree char *attributes = fixture_path (f, ".gitattributes");
  g_autofree char *id_base = NULL;
  g_autofree char *id_ours = NULL;
  g_autofree char *id_theirs = NULL;
  g_autofree char *id_ours2 = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(Result) r = { 0 };
  JsonArray *annotations;
  JsonObject *shared;
  g_autofree char *git_program = g_find_program_in_path ("git");

  if (git_program == NULL)
    {
      g_test_skip ("git is not installed (build-aux/deps.sh installs it)");
      return;
    }

  g_assert_cmpint (git (f, "init", "-q", "-b", "main", NULL), ==, 0);
  g_assert_cmpint (git (f, "config", "user.name", "Test", NULL), ==, 0);
  g_assert_cmpint (git (f, "config", "user.email", "test@example.org", NULL), ==, 0);
  /* The two lines of docs/study-groups.md. */
  g_file_set_contents (attributes, "*.marginalia.json merge=marginalia\n", -1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (git (f, "config", "merge.marginalia.driver", driver, NULL), ==, 0);

  id_base = add_ok (f, "--quote", "6.5%", "--tag", "figure", "--author", "Li Wei", NULL);
  g_assert_cmpint (git (f, "add", ".gitattributes", SPEECH, SIDECAR, NULL), ==, 0);
  g_assert_cmpint (git (f, "commit", "-q", "-m", "base", NULL), ==, 0);

  /* Li Wei's branch: two annotations, and a note on the shared one. */
  g_assert_cmpint (git (f, "checkout", "-q", "-b", "li", NULL), ==, 0);
  id_ours = add_ok (f, "--quote", "项目为王", "--tag", "slogan", "--author", "Li Wei", NULL);
  id_ours2 = add_ok (f, "--quote", "1200 亿元", "--tag", "figure", "--author", "Li Wei", NULL);
  RUN (f, &r, "tag", SPEECH, id_base, "--note", "growth target");
  g_assert_cmpint (r.status, ==, 0);
  g_assert_cmpint (git (f, "commit", "-q", "-a", "-m", "li", NULL), ==, 0);

  /* Wang Fang's branch from the same base: one annotation, a star on the
   * shared one. */
  g_assert_cmpint (git (f, "checkout", "-q", "-b", "wang", "main", NULL), ==, 0);
  id_theirs = add_ok (f, "--quote", "高质量发展", "--tag", "policy-goal", "--author", "Wang Fang", NULL);
  RUN (f, &r, "tag", SPEECH, id_base, "--star");
  g_assert_cmpint (r.status, ==, 0);
  g_assert_cmpint (git (f, "commit", "-q", "-a", "-m", "wang", NULL), ==, 0);

  /* Merged with no conflict. */
  g_assert_cmpint (git (f, "checkout", "-q", "li", NULL), ==, 0);
  g_assert_cmpint (git (f, "merge", "-q", "--no-edit", "wang", NULL), ==, 0);
  g_assert_cmpint (git (f, "diff", "--quiet", "HEAD", NULL), ==, 0);

  /* Nothing lost. */
  annotations = list_json (f, SPEECH, &root);
  g_assert_cmpuint (json_array_get_length (annotations), ==, 4);
  g_assert_nonnull (find_annotation (annotations, id_ours));
  g_assert_nonnull (find_annotation (annotations, id_ours2));
  g_assert_nonnull (find_annotation (annotations, id_theirs));
  shared = find_annotation (annotations, id_base);
  g_assert_cmpstr (json_object_get_string_member (shared, "note"), ==, "growth target");
  g_assert_true (json_object_get_boolean_member (shared, "starred"));

  RUN (f, &r, "validate", SIDECAR);
  g_assert_cmpint (r.status, ==, 0);
}

static void
test_refuses (Fixture       *f,
              gconstpointer  data)
{
  g_auto(Result) r = { 0 };
  g_autoptr(GBytes) ours = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *base_path = fixture_path (f, "base.json");
  g_autofree char *theirs_path = fixture_path (f, "theirs.json");
  g_autofree char *empty_path = fixture_path (f, "empty.json");
  g_autofree char *before = NULL;

  g_free (add_ok (f, "--quote", "6.5%", "--tag", "figure", NULL));
  ours = snapshot (f, SIDECAR);
  g_file_set_contents (base_path, g_bytes_get_data (ours, NULL), g_bytes_get_size (ours), &error);
  g_assert_no_error (error);

  /* An invalid THEIRS: exit 2, OURS untouched (git reports a conflict). */
  g_file_set_contents (theirs_path, "{ \"format\": \"marginalia-annotations\", \"version\": 1, "
                       "\"document\": {}, \"tags\": [], \"annotations\": [{ \"id\": 1 }] }", -1, &error);
  g_assert_no_error (error);
  before = listing (f);
  RUN (f, &r, "merge3", "base.json", SIDECAR, "theirs.json");
  g_assert_cmpint (r.status, ==, 2);
  g_assert_nonnull (strstr (r.err, "theirs.json"));
  assert_unchanged (f, SIDECAR, ours);
  {
    g_autofree char *after = listing (f);

    g_assert_cmpstr (before, ==, after);
  }

  /* A missing input, a wrong number of arguments. */
  RUN (f, &r, "merge3", "base.json", SIDECAR, "missing.json");
  g_assert_cmpint (r.status, ==, 2);
  assert_unchanged (f, SIDECAR, ours);
  RUN (f, &r, "merge3", "base.json", SIDECAR);
  g_assert_cmpint (r.status, ==, 1);

  /* No common ancestor (an empty BASE), THEIRS the same as OURS: OURS as
   * it was, byte for byte. */
  g_file_set_contents (empty_path, "", 0, &error);
  g_assert_no_error (error);
  RUN (f, &r, "merge3", "empty.json", SIDECAR, "base.json");
  g_assert_cmpint (r.status, ==, 0);
  assert_unchanged (f, SIDECAR, ours);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/cli-merge3/git-merge", Fixture, NULL, fixture_setup, test_git_merge, fixture_teardown);
  g_test_add ("/cli-merge3/refuses", Fixture, NULL, fixture_setup, test_refuses, fixture_teardown);

  return g_test_run ();
}
