/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Marginalia"
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include <glib/gstdio.h>

#include "cli-fixture.h"

/* marginalia-cli against what an attacker or an unlucky user does: huge
 * quotes, two writers at once, files that never end, outputs aimed at the
 * wrong file. Whatever happens, no abort and no file lost or changed by a
 * failing command. */

/* A quote of two million characters: far beyond what approximate
 * matching serves (its matcher once asked for 500 GB). Placed exactly
 * where it is found, orphaned where it is not; never an abort. */
static char *
long_quote_text (guint n)
{
  static const char * const alphabet[] = { "项", "目", "为", "王", "发", "展", "高", "质", "量", "推" };
  GString *s = g_string_sized_new (n * 3);
  guint32 x = 12345;

  for (guint i = 0; i < n; i++)
    {
      x = x * 1103515245 + 12345;
      g_string_append (s, alphabet[(x >> 16) % G_N_ELEMENTS (alphabet)]);
    }
  return g_string_free (s, FALSE);
}

static void
test_huge_quote_anchors (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *quote = long_quote_text (2000000);
  g_autofree char *speech = fixture_path (f, "long.txt");
  g_autofree char *sidecar = fixture_path (f, "long.txt.marginalia.json");
  g_autofree char *text = g_strconcat ("前言。", quote, "。", NULL);
  g_autofree char *moved = g_strconcat ("新的前言，长一些。", quote, "。", NULL);
  g_autofree char *contents = NULL;
  g_autofree char *id = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(Result) r = { 0 };

  g_file_set_contents (speech, text, -1, &error);
  g_assert_no_error (error);
  RUN (f, &r, "add", "long.txt", "--range", "3:2000003");
  g_assert_cmpint (r.status, ==, 0);
  id = strip_newline (g_strdup (r.out));

  /* The speech changes before the quote: found exactly, moved. */
  g_file_set_contents (speech, moved, -1, &error);
  g_assert_no_error (error);
  RUN (f, &r, "anchor", "long.txt", "--json");
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "\"moved\": 1"));
  RUN (f, &r, "list", "long.txt");
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "\t9\t2000009\t"));

  /* One character of the quote changes: too long to be matched
   * approximately, so orphaned, and every command still works. */
  {
    g_autofree char *edited = g_strdup (moved);
    char *p = strstr (edited, quote) + 3 * 1000000;

    memcpy (p, "变", 3);
    g_file_set_contents (speech, edited, -1, &error);
    g_assert_no_error (error);
  }
  RUN (f, &r, "list", "long.txt");
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "\torphaned\t"));
  RUN (f, &r, "info", "long.txt");
  g_assert_cmpint (r.status, ==, 0);
  RUN (f, &r, "anchor", "long.txt", "--json");
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "\"orphaned\": 1"));

  /* The same quote in the fixture's own short speech. */
  g_file_get_contents (sidecar, &contents, NULL, &error);
  g_assert_no_error (error);
  {
    g_autofree char *path = fixture_path (f, SIDECAR);
    g_autofree char *other = g_strdup (contents);

    g_file_set_contents (path, other, -1, &error);
    g_assert_no_error (error);
  }
  RUN (f, &r, "list", SPEECH);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "\torphaned\t"));
  RUN (f, &r, "export", "long.txt", "--format", "md");
  g_assert_cmpint (r.status, ==, 0);
}


/* Starts marginalia-cli with @argv in the fixture's folder, not waiting. */
static GSubprocess *
start (Fixture            *f,
       const char * const *env,
       const char * const *argv)
{
  g_autoptr(GSubprocessLauncher) launcher =
    g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_autoptr(GPtrArray) full = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  GSubprocess *process;

  g_subprocess_launcher_set_cwd (launcher, f->dir);
  for (guint i = 0; env != NULL && env[i] != NULL; i++)
    {
      g_auto(GStrv) pair = g_strsplit (env[i], "=", 2);

      g_subprocess_launcher_setenv (launcher, pair[0], pair[1], TRUE);
    }
  g_ptr_array_add (full, (gpointer) g_getenv ("MG_CLI"));
  for (guint i = 0; argv[i] != NULL; i++)
    g_ptr_array_add (full, (gpointer) argv[i]);
  g_ptr_array_add (full, NULL);
  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) full->pdata, &error);
  g_assert_no_error (error);
  return process;
}

/* Waits for @process; its status, and stdout in @out (nullable). */
static int
finish (GSubprocess *process,
        char       **out)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *stdout_text = NULL;
  g_autofree char *stderr_text = NULL;

  g_subprocess_communicate_utf8 (process, NULL, NULL, &stdout_text, &stderr_text, &error);
  g_assert_no_error (error);
  if (stderr_text != NULL && *stderr_text != '\0')
    g_test_message ("%s", stderr_text);
  g_assert_true (g_subprocess_get_if_exited (process));
  if (out != NULL)
    *out = g_steal_pointer (&stdout_text);
  return g_subprocess_get_exit_status (process);
}

#define N_WRITERS 6

/* Writers at the same moment each keep what they wrote: `add` against
 * `add`, and `add` against `tags --rename`, many times over. */
static void
test_concurrent_writers (Fixture       *f,
                         gconstpointer  data)
{
  static const char * const quotes[N_WRITERS] = { "项目为王", "高质量发展", "6.5%", "1200", "233", "全市" };

  for (guint round = 0; round < 8; round++)
    {
      g_autofree char *path = fixture_path (f, SIDECAR);
      GSubprocess *processes[N_WRITERS + 1];
      char *ids[N_WRITERS];
      g_autofree char *name = g_strdup_printf ("Round %u", round);
      g_autoptr(JsonNode) root = NULL;
      JsonArray *array;
      JsonObject *object;
      JsonArray *tags;
      gboolean renamed = FALSE;

      g_unlink (path);
      for (guint i = 0; i < N_WRITERS; i++)
        {
          const char *argv[] = { "add", SPEECH, "--quote", quotes[i], NULL };

          processes[i] = start (f, NULL, argv);
        }
      {
        const char *argv[] = { "tags", SPEECH, "--rename", "figure", name, NULL };

        processes[N_WRITERS] = start (f, NULL, argv);
      }
      for (guint i = 0; i < N_WRITERS; i++)
        {
          g_assert_cmpint (finish (processes[i], &ids[i]), ==, 0);
          strip_newline (ids[i]);
          g_object_unref (processes[i]);
        }
      g_assert_cmpint (finish (processes[N_WRITERS], NULL), ==, 0);
      g_object_unref (processes[N_WRITERS]);

      array = list_json (f, SPEECH, &root);
      g_assert_cmpuint (json_array_get_length (array), ==, N_WRITERS);
      for (guint i = 0; i < N_WRITERS; i++)
        {
          g_assert_nonnull (find_annotation (array, ids[i]));
          g_free (ids[i]);
        }

      {
        g_autofree char *contents = NULL;
        g_autoptr(GError) error = NULL;

        g_file_get_contents (path, &contents, NULL, &error);
        g_assert_no_error (error);
        g_clear_pointer (&root, json_node_unref);
        root = parse_json (contents);
        object = json_node_get_object (root);
        tags = json_object_get_array_member (object, "tags");
        for (guint i = 0; i < json_array_get_length (tags); i++)
          if (g_strcmp0 (json_object_get_string_member (json_array_get_object_element (tags, i), "name"), name) == 0)
            renamed = TRUE;
        g_assert_true (renamed);
      }

      /* No lock file or temporary file stays behind. */
      {
        g_autofree char *names = listing (f);

        g_assert_null (strstr (names, ".lock"));
        g_assert_null (strstr (names, ".saving-"));
      }
    }
}

/* While another program holds the lock, a change waits, then gives up
 * with a clear message, and changes nothing. */
static void
test_lock_timeout (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *lock_path = fixture_path (f, "." SIDECAR ".lock");
  g_autofree char *id = add_ok (f, "--quote", "项目为王", NULL);
  g_autoptr(GBytes) before = snapshot (f, SIDECAR);
  const char *env[] = { "MARGINALIA_LOCK_TIMEOUT=0.3", NULL };
  g_auto(Result) r = { 0 };
  int fd;

  fd = g_open (lock_path, O_RDWR | O_CREAT, 0644);
  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (flock (fd, LOCK_EX), ==, 0);

  RUN_ENV (f, &r, env, "add", SPEECH, "--quote", "高质量发展");
  g_assert_cmpint (r.status, ==, 3);
  g_assert_nonnull (strstr (r.err, SIDECAR));
  g_assert_nonnull (strstr (r.err, "another program"));
  g_assert_cmpstr (r.out, ==, "");
  assert_unchanged (f, SIDECAR, before);

  RUN_ENV (f, &r, env, "tags", SPEECH, "--rename", "figure", "Numbers");
  g_assert_cmpint (r.status, ==, 3);
  assert_unchanged (f, SIDECAR, before);

  /* Reading needs no lock. */
  RUN_ENV (f, &r, env, "list", SPEECH);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, id));

  close (fd);
  RUN_ENV (f, &r, env, "add", SPEECH, "--quote", "高质量发展");
  g_assert_cmpint (r.status, ==, 0);
}

/* `tidy --in-place` rewrites a speech and its sidecar under the sidecar's
 * lock. A change waiting for that lock reads the speech once it holds
 * it: made against the text before, it would be saved with the old text's
 * hash and offsets, and what tidy carried over would be lost. Here the
 * lock is held while the speech changes under a waiting `add`. */
static void
test_speech_changed_while_waiting (Fixture       *f,
                                   gconstpointer  data)
{
  const char *argv[] = { "add", SPEECH, "--quote", "项目为王", NULL };
  g_autofree char *lock_path = fixture_path (f, "." SIDECAR ".lock");
  g_autofree char *speech_path = fixture_path (f, SPEECH);
  g_autofree char *text = NULL;
  g_autofree char *changed = NULL;
  g_autofree char *sha = NULL;
  g_autofree char *id = NULL;
  g_autoptr(GSubprocess) adding = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(Result) r = { 0 };
  JsonArray *array;
  JsonObject *a;
  gsize length;
  int fd;

  g_free (add_ok (f, "--quote", "高质量发展", NULL));
  fd = g_open (lock_path, O_RDWR | O_CREAT, 0644);
  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (flock (fd, LOCK_EX), ==, 0);

  adding = start (f, NULL, argv);
  /* Long enough for the program to start and wait for the lock. */
  g_usleep (G_USEC_PER_SEC);
  g_file_get_contents (speech_path, &text, &length, &error);
  g_assert_no_error (error);
  changed = g_strconcat ("前言：本讲话稿已修订。\n\n", text, NULL);
  g_file_set_contents (speech_path, changed, -1, &error);
  g_assert_no_error (error);
  sha = g_compute_checksum_for_string (G_CHECKSUM_SHA256, changed, -1);
  close (fd);

  g_assert_cmpint (finish (adding, &id), ==, 0);
  strip_newline (id);
  RUN (f, &r, "validate", SIDECAR, "--document", SPEECH);
  g_assert_cmpint (r.status, ==, 0);
  {
    g_autofree char *sidecar_path = fixture_path (f, SIDECAR);
    g_autofree char *contents = NULL;

    g_file_get_contents (sidecar_path, &contents, NULL, &error);
    g_assert_no_error (error);
    g_assert_nonnull (strstr (contents, sha));
  }
  array = list_json (f, SPEECH, &root);
  a = find_annotation (array, id);
  g_assert_nonnull (a);
  g_assert_cmpstr (json_object_get_string_member (a, "state"), ==, "exact");
  g_assert_cmpint (json_object_get_int_member (a, "start"), ==,
                   g_utf8_pointer_to_offset (changed, strstr (changed, "项目为王")));
}

/* Writes @bytes to @name in the fixture's folder. */
static void
put (Fixture    *f,
     const char *name,
     GBytes     *bytes)
{
  g_autofree char *path = fixture_path (f, name);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), &error);
  g_assert_no_error (error);
}

/* The other writing commands wait for the lock in the same way: tidy
 * rewriting a speech (its sidecar locked) or writing a tidied copy (the
 * copy's sidecar locked), merge3 writing over OURS. */
static void
test_lock_timeout_tidy_merge3 (Fixture       *f,
                               gconstpointer  data)
{
  const char *env[] = { "MARGINALIA_LOCK_TIMEOUT=0.3", NULL };
  g_autofree char *messy_path = fixture_path (f, "messy.txt");
  g_autofree char *sidecar_lock = fixture_path (f, "." SIDECAR ".lock");
  g_autofree char *messy_lock = fixture_path (f, ".messy.txt.marginalia.json.lock");
  g_autofree char *copy_lock = fixture_path (f, ".tidied.txt.marginalia.json.lock");
  g_autoptr(GBytes) messy = NULL;
  g_autoptr(GBytes) messy_sidecar = NULL;
  g_autoptr(GBytes) ours = NULL;
  g_autoptr(GBytes) theirs = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *names = NULL;
  g_autofree char *id = NULL;
  g_auto(Result) r = { 0 };
  int fds[3];

  /* A speech as copied from a web page, with an annotation. */
  g_file_set_contents (messy_path,
                       "政府工作报告\n\n\n\n今年要推动 “ 十四五 ” 规划顺利实施，\n"
                       "坚持高质量发展。\n\n\n\n\n项目为王。\n", -1, &error);
  g_assert_no_error (error);
  RUN (f, &r, "add", "messy.txt", "--quote", "坚持高质量发展");
  g_assert_cmpint (r.status, ==, 0);
  messy = snapshot (f, "messy.txt");
  messy_sidecar = snapshot (f, "messy.txt.marginalia.json");

  /* OURS and THEIRS of a merge that would add an annotation to OURS. */
  id = add_ok (f, "--quote", "项目为王", NULL);
  ours = snapshot (f, SIDECAR);
  put (f, "base.json", ours);
  g_free (add_ok (f, "--quote", "高质量发展", NULL));
  theirs = snapshot (f, SIDECAR);
  put (f, "theirs.json", theirs);
  put (f, SIDECAR, ours);

  fds[0] = g_open (messy_lock, O_RDWR | O_CREAT, 0644);
  fds[1] = g_open (copy_lock, O_RDWR | O_CREAT, 0644);
  fds[2] = g_open (sidecar_lock, O_RDWR | O_CREAT, 0644);
  for (guint i = 0; i < G_N_ELEMENTS (fds); i++)
    {
      g_assert_cmpint (fds[i], >=, 0);
      g_assert_cmpint (flock (fds[i], LOCK_EX), ==, 0);
    }

  RUN_ENV (f, &r, env, "tidy", "messy.txt", "--in-place");
  g_assert_cmpint (r.status, ==, 3);
  g_assert_nonnull (strstr (r.err, "another program"));
  assert_unchanged (f, "messy.txt", messy);
  assert_unchanged (f, "messy.txt.marginalia.json", messy_sidecar);

  close (fds[0]);
  RUN_ENV (f, &r, env, "tidy", "messy.txt", "-o", "tidied.txt");
  g_assert_cmpint (r.status, ==, 3);
  g_assert_nonnull (strstr (r.err, "tidied.txt.marginalia.json"));
  RUN_ENV (f, &r, env, "merge3", "base.json", SIDECAR, "theirs.json");
  g_assert_cmpint (r.status, ==, 3);
  g_assert_nonnull (strstr (r.err, SIDECAR));
  assert_unchanged (f, SIDECAR, ours);
  names = listing (f);
  g_assert_null (strstr (names, "messy.txt~"));
  g_assert_null (strstr (names, "tidied.txt "));

  /* A copy over the speech itself is refused, whatever the locks. */
  RUN_ENV (f, &r, env, "tidy", "messy.txt", "-o", "messy.txt");
  g_assert_cmpint (r.status, ==, 1);
  assert_unchanged (f, "messy.txt", messy);

  /* Once the locks are free, each of them goes through. */
  close (fds[1]);
  close (fds[2]);
  RUN_ENV (f, &r, env, "tidy", "messy.txt", "-o", "tidied.txt");
  g_assert_cmpint (r.status, ==, 0);
  RUN_ENV (f, &r, env, "tidy", "messy.txt", "--in-place");
  g_assert_cmpint (r.status, ==, 0);
  RUN_ENV (f, &r, env, "merge3", "base.json", SIDECAR, "theirs.json");
  g_assert_cmpint (r.status, ==, 0);
  RUN (f, &r, "list", SPEECH);
  g_assert_nonnull (strstr (r.out, id));
  g_assert_nonnull (strstr (r.out, "高质量发展"));
}

/* A sidecar just under the 64 MiB read limit: one annotation whose note
 * fills it. */
#define READ_LIMIT (64 * 1024 * 1024)

static void
fill_to_limit (Fixture *f)
{
  g_autofree char *path = fixture_path (f, SIDECAR);
  g_autofree char *contents = NULL;
  g_autoptr(GString) big = NULL;
  g_autoptr(GError) error = NULL;
  char *at;
  gsize length;

  g_free (add_ok (f, "--quote", "项目为王", NULL));
  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  at = strstr (contents, "\"note\": \"\"");
  g_assert_nonnull (at);
  big = g_string_new_len (contents, at - contents + strlen ("\"note\": \""));
  for (gsize n = READ_LIMIT - length - 4096; n > 0; n--)
    g_string_append_c (big, 'n');
  g_string_append (big, at + strlen ("\"note\": \""));
  g_assert_cmpuint (big->len, <, READ_LIMIT);
  g_file_set_contents (path, big->str, big->len, &error);
  g_assert_no_error (error);
}

/* A change that would grow the sidecar past what can be read back is
 * refused before writing: exit 2, the file as it was. */
static void
test_write_limit (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *note = g_strnfill (8000, 'x');
  g_autofree char *w3c = fixture_path (f, "notes.json");
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GString) items = g_string_new ("[");
  g_autoptr(GError) error = NULL;
  g_auto(Result) r = { 0 };

  fill_to_limit (f);
  before = snapshot (f, SIDECAR);

  RUN (f, &r, "add", SPEECH, "--quote", "高质量发展", "--note", note);
  g_assert_cmpint (r.status, ==, 2);
  g_assert_nonnull (strstr (r.err, "64 MiB"));
  g_assert_cmpstr (r.out, ==, "");
  assert_unchanged (f, SIDECAR, before);

  /* An import as well. */
  for (guint i = 0; i < 3; i++)
    g_string_append_printf (items, "%s{\"type\": \"Annotation\", \"body\": {\"type\": \"TextualBody\", "
                            "\"purpose\": \"commenting\", \"value\": \"%s\"}, \"target\": {\"selector\": "
                            "{\"type\": \"TextQuoteSelector\", \"exact\": \"高质量发展\"}}}",
                            i > 0 ? ", " : "", note);
  g_string_append (items, "]");
  g_file_set_contents (w3c, items->str, -1, &error);
  g_assert_no_error (error);
  RUN (f, &r, "import", SPEECH, "notes.json");
  g_assert_cmpint (r.status, ==, 2);
  g_assert_nonnull (strstr (r.err, "64 MiB"));
  assert_unchanged (f, SIDECAR, before);

  /* The file is still read. */
  RUN (f, &r, "list", SPEECH);
  g_assert_cmpint (r.status, ==, 0);
}

/* stdout fails (a full disk) after the sidecar was written: the sidecar
 * is put back as it was, exit 3. */
static void
test_output_fails_after_change (Fixture       *f,
                                gconstpointer  data)
{
  g_autofree char *w3c = fixture_path (f, "one.json");
  g_autofree char *speech = fixture_path (f, SPEECH);
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(Result) r = { 0 };

  if (!g_file_test ("/dev/full", G_FILE_TEST_EXISTS))
    {
      g_test_skip ("no /dev/full to fail writing the output");
      return;
    }

  g_free (add_ok (f, "--quote", "项目为王", NULL));
  before = snapshot (f, SIDECAR);

  {
    const char *argv[] = { "suggest", SPEECH, "--apply", NULL };

    run_full (f, NULL, "/dev/full", argv, &r);
    g_assert_cmpint (r.status, ==, 3);
    g_assert_nonnull (strstr (r.err, "standard output"));
    assert_unchanged (f, SIDECAR, before);
  }

  g_file_set_contents (w3c, "{\"type\": \"Annotation\", \"target\": {\"selector\": "
                       "{\"type\": \"TextQuoteSelector\", \"exact\": \"高质量发展\"}}}", -1, &error);
  g_assert_no_error (error);
  {
    const char *argv[] = { "import", SPEECH, "one.json", NULL };

    result_clear (&r);
    run_full (f, NULL, "/dev/full", argv, &r);
    g_assert_cmpint (r.status, ==, 3);
    assert_unchanged (f, SIDECAR, before);
  }

  /* anchor, on a changed speech. */
  {
    const char *argv[] = { "anchor", SPEECH, NULL };
    g_autofree char *text = NULL;
    g_autofree char *changed = NULL;

    g_file_get_contents (speech, &text, NULL, &error);
    g_assert_no_error (error);
    changed = g_strconcat ("前言。\n", text, NULL);
    g_file_set_contents (speech, changed, -1, &error);
    g_assert_no_error (error);
    result_clear (&r);
    run_full (f, NULL, "/dev/full", argv, &r);
    g_assert_cmpint (r.status, ==, 3);
    assert_unchanged (f, SIDECAR, before);
  }
}

/* A save killed before its rename left its temporary file: the next save
 * removes it; files of other names are left alone. */
static void
test_stale_temporaries (Fixture       *f,
                        gconstpointer  data)
{
  g_autofree char *stale = fixture_path (f, "." SIDECAR ".saving-Ab3xYz");
  g_autofree char *other = fixture_path (f, SIDECAR ".backup");
  g_autoptr(GError) error = NULL;

  g_free (add_ok (f, "--quote", "项目为王", NULL));
  g_file_set_contents (stale, "{\n  \"format\": \"marginalia-annot", -1, &error);
  g_assert_no_error (error);
  g_file_set_contents (other, "{}", -1, &error);
  g_assert_no_error (error);
  g_free (add_ok (f, "--quote", "高质量发展", NULL));
  g_assert_false (g_file_test (stale, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (other, G_FILE_TEST_EXISTS));
}

/* Inputs that never end or are not files: refused at once, exit 2,
 * nothing changed. */
static void
test_endless_inputs (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *fifo = fixture_path (f, "member.json");
  g_autoptr(GBytes) before = NULL;
  g_auto(Result) r = { 0 };
  const char *inputs[] = { "member.json", "/dev/zero", ".", NULL };

  g_free (add_ok (f, "--quote", "项目为王", NULL));
  before = snapshot (f, SIDECAR);
  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);

  for (guint i = 0; inputs[i] != NULL; i++)
    {
      g_test_message ("input %s", inputs[i]);
      RUN (f, &r, "merge", SPEECH, inputs[i]);
      g_assert_cmpint (r.status, ==, 2);
      g_assert_nonnull (strstr (r.err, i < 2 ? "not a regular file" : "folder"));
      assert_unchanged (f, SIDECAR, before);

      RUN (f, &r, "agreement", SPEECH, SIDECAR, inputs[i]);
      g_assert_cmpint (r.status, ==, 2);
      g_assert_nonnull (strstr (r.err, i < 2 ? "not a regular file" : "folder"));

      RUN (f, &r, "import", SPEECH, inputs[i]);
      g_assert_cmpint (r.status, ==, 2);
      g_assert_cmpstr (r.err, !=, "");
      assert_unchanged (f, SIDECAR, before);

      RUN (f, &r, "compare", SPEECH, inputs[i]);
      g_assert_cmpint (r.status, ==, 2);

      RUN (f, &r, "validate", inputs[i]);
      g_assert_cmpint (r.status, ==, 2);
    }
}

/* -o aimed at the speech or its sidecar is refused; a replaced file keeps
 * its mode; a link stays a link; a pipe and /dev/stdout are written to. */
static void
test_output_targets (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *real = fixture_path (f, "real.md");
  g_autofree char *link = fixture_path (f, "link.md");
  g_autofree char *fifo = fixture_path (f, "out.fifo");
  g_autoptr(GBytes) speech = NULL;
  g_autoptr(GBytes) sidecar = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(Result) r = { 0 };
  GStatBuf st;

  g_free (add_ok (f, "--quote", "项目为王", NULL));
  speech = snapshot (f, SPEECH);
  sidecar = snapshot (f, SIDECAR);

  RUN (f, &r, "export", SPEECH, "--format", "html", "-o", SPEECH);
  g_assert_cmpint (r.status, ==, 1);
  RUN (f, &r, "export", SPEECH, "--format", "md", "-o", SIDECAR);
  g_assert_cmpint (r.status, ==, 1);
  RUN (f, &r, "export", SPEECH, "--format", "md", "-o", "./" SPEECH);
  g_assert_cmpint (r.status, ==, 1);
  RUN (f, &r, "merge", SPEECH, "speech-v2.txt", "-o", SPEECH);
  g_assert_cmpint (r.status, ==, 1);
  g_assert_cmpint (symlink (SPEECH, link), ==, 0);
  RUN (f, &r, "export", SPEECH, "--format", "md", "-o", "link.md");
  g_assert_cmpint (r.status, ==, 1);
  g_unlink (link);
  assert_unchanged (f, SPEECH, speech);
  assert_unchanged (f, SIDECAR, sidecar);

  /* A private file stays private. */
  g_file_set_contents (real, "old", -1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_chmod (real, 0600), ==, 0);
  RUN (f, &r, "export", SPEECH, "--format", "md", "-o", "real.md");
  g_assert_cmpint (r.status, ==, 0);
  g_assert_cmpint (g_stat (real, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);

  /* Through a link: the link stays, its target is written. */
  g_assert_cmpint (symlink ("real.md", link), ==, 0);
  RUN (f, &r, "export", SPEECH, "--format", "txt", "-o", "link.md");
  g_assert_cmpint (r.status, ==, 0);
  g_assert_true (g_file_test (link, G_FILE_TEST_IS_SYMLINK));
  {
    g_autofree char *contents = NULL;

    g_file_get_contents (real, &contents, NULL, &error);
    g_assert_no_error (error);
    g_assert_nonnull (strstr (contents, "项目为王"));
  }

  /* /dev/stdout (a pipe here) and a FIFO are streamed into. */
  RUN (f, &r, "export", SPEECH, "--format", "md", "-o", "/dev/stdout");
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "项目为王"));
  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);
  {
    const char *cat[] = { "cat", fifo, NULL };
    g_autoptr(GSubprocess) reader = g_subprocess_newv (cat, G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error);
    g_autofree char *got = NULL;

    g_assert_no_error (error);
    RUN (f, &r, "export", SPEECH, "--format", "md", "-o", "out.fifo");
    g_assert_cmpint (r.status, ==, 0);
    g_subprocess_communicate_utf8 (reader, NULL, NULL, &got, NULL, &error);
    g_assert_no_error (error);
    g_assert_nonnull (strstr (got, "项目为王"));
    g_assert_true (g_file_test (fifo, G_FILE_TEST_EXISTS));
    g_assert_cmpint (g_stat (fifo, &st), ==, 0);
    g_assert_true (S_ISFIFO (st.st_mode));
  }
}

/* Control characters in a tag: the codebook (qdc) and the project (qdpx)
 * both leave out what XML 1.0 cannot hold, the same way. */
static void
test_xml_control_characters (Fixture       *f,
                             gconstpointer  data)
{
  g_autofree char *path = fixture_path (f, SIDECAR);
  g_autofree char *contents = NULL;
  g_autoptr(GString) edited = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(Result) r = { 0 };
  char *at;

  g_free (add_ok (f, "--quote", "项目为王", "--tag", "slogan", NULL));
  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  at = strstr (contents, "\"name\": \"Slogan\"");
  g_assert_nonnull (at);
  edited = g_string_new_len (contents, at - contents);
  g_string_append (edited, "\"name\": \"Sl\\u0001og\\u001ban & <co>\"");
  g_string_append (edited, at + strlen ("\"name\": \"Slogan\""));
  g_file_set_contents (path, edited->str, -1, &error);
  g_assert_no_error (error);

  RUN (f, &r, "export", SPEECH, "--format", "qdc");
  g_assert_cmpint (r.status, ==, 0);
  for (const char *p = r.out; *p != '\0'; p++)
    g_assert_true ((guchar) *p >= 0x20 || *p == '\n');
  g_assert_nonnull (strstr (r.out, "name=\"Slogan &amp; &lt;co&gt;\""));
}

/* Re-anchoring a text that did not change since the last `anchor`
 * changes nothing: not the file, not which annotations are orphaned. */
static void
test_anchor_idempotent (Fixture       *f,
                        gconstpointer  data)
{
  static const char * const quotes[] = { "项目为王", "高质量发展", "1200 亿元", "233", "良性互动", "全市" };
  g_autofree char *speech = fixture_path (f, SPEECH);
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) changed = NULL;
  g_autoptr(GBytes) after_first = NULL;
  g_autofree char *first_out = NULL;
  g_auto(Result) r = { 0 };

  for (guint i = 0; i < G_N_ELEMENTS (quotes); i++)
    g_free (add_ok (f, "--quote", quotes[i], NULL));

  /* Some quotes edited, some moved, one gone. */
  g_file_get_contents (speech, &text, NULL, &error);
  g_assert_no_error (error);
  changed = g_string_new ("开头加了一句话。\n\n");
  g_string_append (changed, text);
  g_string_replace (changed, "高质量发展", "高质发展", 1);
  g_string_replace (changed, "1200 亿元", "1300 亿元", 1);
  g_string_replace (changed, "良性互动", "", 0);
  g_file_set_contents (speech, changed->str, -1, &error);
  g_assert_no_error (error);

  RUN (f, &r, "anchor", SPEECH, "--json");
  g_assert_cmpint (r.status, ==, 0);
  after_first = snapshot (f, SIDECAR);
  for (guint round = 0; round < 3; round++)
    {
      g_autoptr(JsonNode) root = NULL;

      RUN (f, &r, "anchor", SPEECH, "--json");
      g_assert_cmpint (r.status, ==, 0);
      assert_unchanged (f, SIDECAR, after_first);
      root = parse_json (r.out);
      g_assert_cmpint (json_object_get_int_member (json_node_get_object (root), "moved"), ==, 0);
      g_assert_cmpint (json_object_get_int_member (json_node_get_object (root), "fuzzy"), ==, 0);
      if (first_out == NULL)
        first_out = g_strdup (r.out);
      g_assert_cmpstr (r.out, ==, first_out);
    }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/cli-hardening/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("huge-quote-anchors", test_huge_quote_anchors);
  ADD ("concurrent-writers", test_concurrent_writers);
  ADD ("lock-timeout", test_lock_timeout);
  ADD ("speech-changed-while-waiting", test_speech_changed_while_waiting);
  ADD ("lock-timeout-tidy-merge3", test_lock_timeout_tidy_merge3);
  ADD ("write-limit", test_write_limit);
  ADD ("output-fails-after-change", test_output_fails_after_change);
  ADD ("stale-temporaries", test_stale_temporaries);
  ADD ("endless-inputs", test_endless_inputs);
  ADD ("output-targets", test_output_targets);
  ADD ("xml-control-characters", test_xml_control_characters);
  ADD ("anchor-idempotent", test_anchor_idempotent);

  return g_test_run ();
}
