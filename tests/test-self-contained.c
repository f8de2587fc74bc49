/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "mg-self-contained.h"

/* A self-contained file shared with someone who does not have the speech. */

static const char *text =
  "在全市大会上的讲话\n\n同志们：今天召开大会，推动高质量发展再上新台阶。\n";

typedef struct
{
  char       *dir;
  MgDocument *doc;
  MgSidecar  *sidecar;   /* the speech's own sidecar */
  GFile      *shared;    /* the shared copy */
} Fixture;

static char *
path_in (Fixture    *f,
         const char *name)
{
  return g_build_filename (f->dir, name, NULL);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *own_path = NULL;
  g_autofree char *shared_path = NULL;
  g_autoptr(GFile) own = NULL;
  const char *slogan[] = { "slogan", NULL };
  MgAnnotationStore *store;

  f->dir = g_dir_make_tmp ("mg-shared-XXXXXX", &error);
  g_assert_no_error (error);
  f->doc = mg_document_new_for_text (text, -1, "speech.txt");
  own_path = path_in (f, "speech.txt.marginalia.json");
  own = g_file_new_for_path (own_path);
  f->sidecar = mg_sidecar_new (own, f->doc);
  store = mg_sidecar_get_store (f->sidecar);
  mg_annotation_store_create (store, 24, 29, slogan, "growth", TRUE, "Li Wei", &error);
  g_assert_no_error (error);
  mg_annotation_store_create (store, 0, 9, NULL, NULL, FALSE, "Li Wei", &error);
  g_assert_no_error (error);
  mg_sidecar_save (f->sidecar, NULL, &error);
  g_assert_no_error (error);

  shared_path = path_in (f, "speech.txt.li-wei.marginalia.json");
  f->shared = g_file_new_for_path (shared_path);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GDir) dir = g_dir_open (f->dir, 0, NULL);
  const char *name;

  g_assert_finalize_object (f->sidecar);
  g_assert_finalize_object (f->doc);
  g_object_unref (f->shared);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = path_in (f, name);

      g_unlink (path);
    }
  g_rmdir (f->dir);
  g_free (f->dir);
}

static char *
contents_of (GFile *file)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_file_load_contents (file, NULL, &contents, NULL, NULL, &error);
  g_assert_no_error (error);
  return contents;
}

static void
test_share_and_open (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MgSidecar) opened = NULL;
  g_autoptr(MgSidecar) again = NULL;
  g_autofree char *shared = NULL;
  g_autofree char *own = NULL;
  g_autoptr(GBytes) own_bytes = NULL;
  MgDocument *doc;
  MgAnnotationStore *store;

  g_assert_true (mg_self_contained_save_as (f->sidecar, f->shared, NULL, &error));
  g_assert_no_error (error);

  shared = contents_of (f->shared);
  g_assert_nonnull (strstr (shared, "\"text\": \"在全市大会上的讲话\\n\\n同志们"));
  /* The speech's own sidecar stays as it was, without the text. */
  own = contents_of (mg_sidecar_get_file (f->sidecar));
  g_assert_null (strstr (own, "\"text\""));
  own_bytes = mg_sidecar_serialize (f->sidecar);
  g_assert_null (strstr (g_bytes_get_data (own_bytes, NULL), "\"text\""));
  g_assert_false (mg_annotation_store_get_dirty (mg_sidecar_get_store (f->sidecar)));

  opened = mg_self_contained_open (f->shared, NULL, &error);
  g_assert_no_error (error);
  doc = mg_sidecar_get_document (opened);
  g_assert_nonnull (doc);
  g_assert_cmpstr (mg_document_get_text (doc), ==, text);
  g_assert_cmpstr (mg_document_get_sha256 (doc), ==, mg_document_get_sha256 (f->doc));
  store = mg_sidecar_get_store (opened);
  g_assert_cmpuint (mg_annotation_store_get_n_annotations (store), ==, 2);
  g_assert_cmpstr (mg_annotation_get_quote (mg_annotation_store_get_annotation (store, 1)), ==, "高质量发展");

  /* Annotations stay editable; the text stays embedded. */
  mg_annotation_store_create (store, 11, 14, NULL, NULL, FALSE, "Zhang", &error);
  g_assert_no_error (error);
  mg_sidecar_save (opened, NULL, &error);
  g_assert_no_error (error);

  again = mg_self_contained_open (f->shared, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (mg_annotation_store_get_n_annotations (mg_sidecar_get_store (again)), ==, 3);
  g_assert_cmpstr (mg_document_get_text (mg_sidecar_get_document (again)), ==, text);
}

static void
test_not_self_contained (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MgSidecar) opened = mg_self_contained_open (mg_sidecar_get_file (f->sidecar), NULL, &error);

  g_assert_null (opened);
  g_assert_error (error, MG_SELF_CONTAINED_ERROR, MG_SELF_CONTAINED_ERROR_NO_TEXT);
  g_assert_nonnull (strstr (error->message, "speech.txt.marginalia.json"));
}

static void
test_tampered_text (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MgSidecar) opened = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *path = g_file_get_path (f->shared);
  g_auto(GStrv) parts = NULL;
  g_autofree char *changed = NULL;

  mg_self_contained_save_as (f->sidecar, f->shared, NULL, &error);
  g_assert_no_error (error);
  contents = contents_of (f->shared);
  parts = g_strsplit (contents, "推动高质量发展", 2);
  g_assert_cmpuint (g_strv_length (parts), ==, 2);
  changed = g_strjoin ("推进高质量发展", parts[0], parts[1], NULL);
  g_file_set_contents (path, changed, -1, &error);
  g_assert_no_error (error);

  opened = mg_self_contained_open (f->shared, NULL, &error);
  g_assert_null (opened);
  g_assert_error (error, MG_SELF_CONTAINED_ERROR, MG_SELF_CONTAINED_ERROR_MISMATCH);
  g_assert_nonnull (strstr (error->message, "speech.txt.li-wei.marginalia.json"));
}

/* A lone surrogate in the embedded text (JSON can write one; UTF-8 cannot
 * hold it): a clear error, not a critical warning and an empty page. */
static void
test_lone_surrogate (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MgSidecar) opened = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *path = g_file_get_path (f->shared);
  g_auto(GStrv) parts = NULL;
  g_autofree char *changed = NULL;

  mg_self_contained_save_as (f->sidecar, f->shared, NULL, &error);
  g_assert_no_error (error);
  contents = contents_of (f->shared);
  parts = g_strsplit (contents, "推动高质量发展", 2);
  g_assert_cmpuint (g_strv_length (parts), ==, 2);
  changed = g_strjoin ("推动\\ud800高质量发展", parts[0], parts[1], NULL);
  g_file_set_contents (path, changed, -1, &error);
  g_assert_no_error (error);

  opened = mg_self_contained_open (f->shared, NULL, &error);
  g_assert_null (opened);
  g_assert_nonnull (error);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "surrogate"));
}

static void
test_save_speech (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MgSidecar) opened = NULL;
  g_autoptr(GFile) speech = NULL;
  g_autofree char *path = NULL;
  g_autofree char *written = NULL;
  g_autofree char *after = NULL;
  g_autoptr(MgDocument) reread = NULL;

  mg_self_contained_save_as (f->sidecar, f->shared, NULL, &error);
  g_assert_no_error (error);
  opened = mg_self_contained_open (f->shared, NULL, &error);
  g_assert_no_error (error);

  speech = mg_self_contained_default_speech_file (opened);
  path = g_file_get_path (speech);
  {
    g_autofree char *base = g_path_get_basename (path);

    g_assert_cmpstr (base, ==, "speech.txt");
  }

  /* The speech is not there yet in this folder (the test wrote none). */
  g_assert_true (mg_self_contained_save_speech (opened, speech, NULL, &error));
  g_assert_no_error (error);
  written = contents_of (speech);
  g_assert_cmpstr (written, ==, text);
  reread = mg_document_load (speech, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (mg_document_get_sha256 (reread), ==, mg_sidecar_get_document_sha256 (opened));

  /* The same text again: fine. Another text: left alone. */
  g_assert_true (mg_self_contained_save_speech (opened, speech, NULL, &error));
  g_assert_no_error (error);
  g_file_set_contents (path, "another speech\n", -1, &error);
  g_assert_no_error (error);
  g_assert_false (mg_self_contained_save_speech (opened, speech, NULL, &error));
  g_assert_error (error, MG_SELF_CONTAINED_ERROR, MG_SELF_CONTAINED_ERROR_EXISTS);
  after = contents_of (speech);
  g_assert_cmpstr (after, ==, "another speech\n");
}

static void
test_default_name_is_plain (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MgDocument) doc = mg_document_new_for_text (text, -1, "../elsewhere.txt");
  g_autofree char *path = path_in (f, "shared-copy.marginalia.json");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(MgSidecar) sidecar = mg_sidecar_new (file, doc);
  g_autoptr(MgSidecar) opened = NULL;
  g_autoptr(GFile) speech = NULL;
  g_autoptr(GFile) parent = NULL;
  g_autofree char *base = NULL;

  mg_sidecar_set_embed_text (sidecar, TRUE);
  mg_sidecar_save (sidecar, NULL, &error);
  g_assert_no_error (error);
  opened = mg_self_contained_open (file, NULL, &error);
  g_assert_no_error (error);

  speech = mg_self_contained_default_speech_file (opened);
  base = g_file_get_basename (speech);
  parent = g_file_get_parent (speech);
  g_assert_cmpstr (base, ==, "shared-copy");
  {
    g_autoptr(GFile) folder = g_file_get_parent (file);

    g_assert_true (g_file_equal (parent, folder));
  }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/shared/share-and-open", test_share_and_open);
  ADD ("/shared/not-self-contained", test_not_self_contained);
  ADD ("/shared/tampered-text", test_tampered_text);
  ADD ("/shared/save-speech", test_save_speech);
  ADD ("/shared/lone-surrogate", test_lone_surrogate);
  ADD ("/shared/default-name-is-plain", test_default_name_is_plain);
#undef ADD

  return g_test_run ();
}
