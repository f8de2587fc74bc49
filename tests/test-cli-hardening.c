/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Marginalia"
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>
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


int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/cli-hardening/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("huge-quote-anchors", test_huge_quote_anchors);

  return g_test_run ();
}
