/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Marginalia"
#include "config.h"

#include <signal.h>
#include <string.h>
#include <sys/resource.h>

#include "cli-fixture.h"

static const char * const fixture_files[] = {
  "speech.txt", "speech-v2.txt", "speech-gb18030.txt", "speech-utf16le-crlf.txt",
  "invalid.json", "broken.json", "not-ours.json", "newer.json",
};

void
result_clear (Result *r)
{
  g_clear_pointer (&r->out, g_free);
  g_clear_pointer (&r->err, g_free);
}

void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("mg-cli-XXXXXX", &error);
  g_assert_no_error (error);

  for (gsize i = 0; i < G_N_ELEMENTS (fixture_files); i++)
    {
      g_autofree char *from = g_test_build_filename (G_TEST_DIST, "data", "cli",
                                                     fixture_files[i], NULL);
      g_autofree char *to = g_build_filename (f->dir, fixture_files[i], NULL);
      g_autofree char *contents = NULL;
      gsize length = 0;

      g_file_get_contents (from, &contents, &length, &error);
      g_assert_no_error (error);
      g_file_set_contents (to, contents, length, &error);
      g_assert_no_error (error);
    }
}

static void
remove_tree (GFile *file)
{
  g_autoptr(GFileEnumerator) children =
    g_file_enumerate_children (file, G_FILE_ATTRIBUTE_STANDARD_NAME,
                               G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, NULL, NULL);

  if (children != NULL)
    {
      GFileInfo *info;

      while ((info = g_file_enumerator_next_file (children, NULL, NULL)) != NULL)
        {
          g_autoptr(GFile) child = g_file_get_child (file, g_file_info_get_name (info));

          remove_tree (child);
          g_object_unref (info);
        }
    }
  g_file_delete (file, NULL, NULL);
}

void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GFile) dir = g_file_new_for_path (f->dir);

  remove_tree (dir);
  g_free (f->dir);
}

char *
fixture_path (Fixture    *f,
              const char *name)
{
  return g_build_filename (f->dir, name, NULL);
}

static const char *
cli_path (void)
{
  const char *path = g_getenv ("MG_CLI");

  g_assert_nonnull (path);
  return path;
}

static char *
bytes_to_string (GBytes *bytes)
{
  gsize size = 0;
  const char *data = bytes != NULL ? g_bytes_get_data (bytes, &size) : NULL;

  return size > 0 ? g_strndup (data, size) : g_strdup ("");
}

/* Files the child writes may not grow past 4 KiB, and growing past it is
 * an error (EFBIG), not a signal: a disk that fills up midway. */
static void
limit_file_size (gpointer data)
{
  struct rlimit limit = { 4096, 4096 };

  signal (SIGXFSZ, SIG_IGN);
  setrlimit (RLIMIT_FSIZE, &limit);
}

static void
run_program (Fixture            *f,
             const char * const *env,
             const char         *stdout_path,
             gboolean            small_files,
             const char * const *argv,
             Result             *r)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GPtrArray) full = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) out = NULL;
  g_autoptr(GBytes) err = NULL;
  GSubprocessFlags flags = G_SUBPROCESS_FLAGS_STDERR_PIPE;

  if (stdout_path == NULL)
    flags |= G_SUBPROCESS_FLAGS_STDOUT_PIPE;
  launcher = g_subprocess_launcher_new (flags);
  g_subprocess_launcher_set_cwd (launcher, f->dir);
  if (small_files)
    g_subprocess_launcher_set_child_setup (launcher, limit_file_size, NULL, NULL);
  if (stdout_path != NULL)
    g_subprocess_launcher_set_stdout_file_path (launcher, stdout_path);
  for (guint i = 0; env != NULL && env[i] != NULL; i++)
    {
      g_auto(GStrv) pair = g_strsplit (env[i], "=", 2);

      g_subprocess_launcher_setenv (launcher, pair[0], pair[1], TRUE);
    }

  g_ptr_array_add (full, (gpointer) cli_path ());
  for (guint i = 0; argv[i] != NULL; i++)
    g_ptr_array_add (full, (gpointer) argv[i]);
  g_ptr_array_add (full, NULL);

  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) full->pdata, &error);
  g_assert_no_error (error);
  g_subprocess_communicate (process, NULL, NULL, &out, &err, &error);
  g_assert_no_error (error);

  r->out = bytes_to_string (out);
  r->err = bytes_to_string (err);
  {
    g_autofree char *line = g_strjoinv (" ", (char **) argv);

    g_test_message ("marginalia-cli %s\n%s", line, r->err);
  }

  /* Whatever the input, the program ends by itself: no crash, no abort. */
  g_assert_true (g_subprocess_get_if_exited (process));
  r->status = g_subprocess_get_exit_status (process);
  g_test_message ("exit status %d", r->status);
}

void
run_full (Fixture            *f,
          const char * const *env,
          const char         *stdout_path,
          const char * const *argv,
          Result             *r)
{
  run_program (f, env, stdout_path, FALSE, argv, r);
}

void
run_small_files (Fixture            *f,
                 const char * const *argv,
                 Result             *r)
{
  result_clear (r);
  run_program (f, NULL, NULL, TRUE, argv, r);
}

/* The bytes of a file in the fixture's folder; NULL when it does not exist. */
GBytes *
snapshot (Fixture    *f,
          const char *name)
{
  g_autofree char *path = fixture_path (f, name);
  char *contents = NULL;
  gsize length = 0;

  if (!g_file_get_contents (path, &contents, &length, NULL))
    return NULL;
  return g_bytes_new_take (contents, length);
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(char * const *) a, *(char * const *) b);
}

/* The sorted names in the fixture's folder, joined by spaces. */
char *
listing (Fixture *f)
{
  g_autoptr(GDir) dir = g_dir_open (f->dir, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);
  g_ptr_array_add (names, NULL);
  return g_strjoinv (" ", (char **) names->pdata);
}

void
assert_bytes_equal (GBytes *a,
                    GBytes *b)
{
  if (a == NULL || b == NULL)
    {
      g_assert_true (a == b);
      return;
    }
  g_assert_cmpmem (g_bytes_get_data (a, NULL), g_bytes_get_size (a),
                   g_bytes_get_data (b, NULL), g_bytes_get_size (b));
}

void
assert_unchanged (Fixture    *f,
                  const char *name,
                  GBytes     *before)
{
  g_autoptr(GBytes) now = snapshot (f, name);

  assert_bytes_equal (before, now);
}

JsonNode *
parse_json (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  return json_node_copy (json_parser_get_root (parser));
}

char *
strip_newline (char *s)
{
  gsize n = strlen (s);

  g_assert_cmpuint (n, >, 0);
  g_assert_cmpint (s[n - 1], ==, '\n');
  s[n - 1] = '\0';
  return s;
}

/* Adds an annotation and returns its id. */
char *
add_ok (Fixture    *f,
        const char *first,
        ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_auto(Result) r = { 0 };
  va_list args;

  g_ptr_array_add (argv, (gpointer) "add");
  g_ptr_array_add (argv, (gpointer) SPEECH);
  va_start (args, first);
  for (const char *a = first; a != NULL; a = va_arg (args, const char *))
    g_ptr_array_add (argv, (gpointer) a);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  run_full (f, NULL, NULL, (const char * const *) argv->pdata, &r);
  g_assert_cmpint (r.status, ==, 0);
  strip_newline (r.out);
  g_assert_true (g_uuid_string_is_valid (r.out));
  return g_steal_pointer (&r.out);
}

/* The annotations as `list --format json` gives them. */
JsonArray *
list_json (Fixture    *f,
           const char *document,
           JsonNode  **out_root)
{
  g_auto(Result) r = { 0 };
  JsonNode *root;

  RUN (f, &r, "list", document, "--format", "json");
  g_assert_cmpint (r.status, ==, 0);
  root = parse_json (r.out);
  g_assert_true (JSON_NODE_HOLDS_ARRAY (root));
  *out_root = root;
  return json_node_get_array (root);
}

JsonObject *
find_annotation (JsonArray  *array,
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

void
check_problem_lines (const char *out,
                     const char *file,
                     guint       min_lines)
{
  g_auto(GStrv) lines = g_strsplit (out, "\n", -1);
  g_autofree char *pattern = g_strdup_printf ("^%s:[0-9]+:[0-9]+: .+$", file);
  guint n = 0;

  for (guint i = 0; lines[i] != NULL; i++)
    {
      if (*lines[i] == '\0')
        continue;
      g_assert_true (g_regex_match_simple (pattern, lines[i], 0, 0));
      n++;
    }
  g_assert_cmpuint (n, >=, min_lines);
}
