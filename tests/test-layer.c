/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "mg-layer.h"
#include "phrase-text.h"

/* "高质量发展" at 10, "项目为王" at 25. */
static const char *text =
  "同志们：今天召开大会，推动高质量发展再上新台阶。我们坚持“项目为王”，全年新开工项目233个。\n"
  "今年要确保完成各项目标任务。\n";

typedef struct
{
  char       *dir;
  MgDocument *doc;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("mg-layer-XXXXXX", &error);
  g_assert_no_error (error);
  f->doc = mg_document_new_for_text (text, -1, "speech.txt");
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GDir) dir = g_dir_open (f->dir, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (f->dir, name, NULL);

      g_unlink (path);
    }
  g_rmdir (f->dir);
  g_free (f->dir);
  g_assert_finalize_object (f->doc);
}

static guint
find (const char *haystack,
      const char *needle)
{
  const char *at = strstr (haystack, needle);

  g_assert_nonnull (at);
  return (guint) g_utf8_strlen (haystack, at - haystack);
}

/* Writes a member's sidecar for @doc with annotations on each quote. */
static GFile *
write_member (Fixture            *f,
              MgDocument         *doc,
              const char         *file_name,
              const char         *author,
              const char * const *quotes)
{
  g_autofree char *path = g_build_filename (f->dir, file_name, NULL);
  GFile *file = g_file_new_for_path (path);
  g_autoptr(MgSidecar) sidecar = mg_sidecar_new (file, doc);
  MgAnnotationStore *store = mg_sidecar_get_store (sidecar);
  g_autoptr(GError) error = NULL;
  const char *slogan[] = { "slogan", NULL };

  for (guint i = 0; quotes != NULL && quotes[i] != NULL; i++)
    {
      guint start = find (mg_document_get_text (doc), quotes[i]);

      mg_annotation_store_create (store, start, start + g_utf8_strlen (quotes[i], -1),
                                  slogan, NULL, FALSE, author, &error);
      g_assert_no_error (error);
    }
  mg_sidecar_save (sidecar, NULL, &error);
  g_assert_no_error (error);
  return file;
}

/* A member's file on @doc with an annotation on characters 4 to 7 of each
 * of the first @n phrases, its note the phrase's number. */
static GFile *
write_phrase_member (Fixture    *f,
                     MgDocument *doc,
                     const char *file_name,
                     GArray     *starts,
                     guint       n)
{
  g_autofree char *path = g_build_filename (f->dir, file_name, NULL);
  GFile *file = g_file_new_for_path (path);
  g_autoptr(MgSidecar) sidecar = mg_sidecar_new (file, doc);
  MgAnnotationStore *store = mg_sidecar_get_store (sidecar);
  g_autoptr(GError) error = NULL;
  const char *figure[] = { "figure", NULL };

  for (guint i = 0; i < n; i++)
    {
      guint start = g_array_index (starts, guint, i) + 4;
      g_autofree char *note = g_strdup_printf ("%u", i);

      mg_annotation_store_create (store, start, start + 3, figure, note, FALSE, "Hana", &error);
      g_assert_no_error (error);
    }
  mg_sidecar_save (sidecar, NULL, &error);
  g_assert_no_error (error);
  return file;
}

/* Each annotation of @layer whose phrase is in @starts (the new text's)
 * placed on it; returns how many were. */
static guint
assert_placed_on_phrases (MgLayer *layer,
                          GArray  *starts)
{
  MgAnnotationStore *store = mg_layer_get_store (layer);
  guint n = mg_annotation_store_get_n_annotations (store);
  guint placed = 0;

  for (guint i = 0; i < n; i++)
    {
      MgAnnotation *a = mg_annotation_store_get_annotation (store, i);
      guint phrase = (guint) g_ascii_strtoull (mg_annotation_get_note (a), NULL, 10);
      guint start;

      g_assert_cmpuint (phrase, <, starts->len);
      start = g_array_index (starts, guint, phrase);
      if (start == G_MAXUINT)
        continue;
      g_assert_false (mg_annotation_is_orphaned (a));
      g_assert_cmpuint (mg_annotation_get_start (a), ==, start + 4);
      g_assert_cmpuint (mg_annotation_get_end (a), ==, start + 7);
      placed++;
    }
  return placed;
}

static void
test_same_speech (Fixture       *f,
                  gconstpointer  data)
{
  const char *quotes[] = { "高质量发展", "项目为王", "目标任务", NULL };
  g_autoptr(GFile) file = write_member (f, f->doc, "speech.txt.alice.marginalia.json", "Alice", quotes);
  g_autoptr(GError) error = NULL;
  g_autoptr(MgLayer) layer = mg_layer_load (file, f->doc, NULL, &error);
  MgAnnotationStore *store;

  g_assert_no_error (error);
  g_assert_nonnull (layer);
  g_assert_cmpstr (mg_layer_get_author (layer), ==, "Alice");
  g_assert_false (mg_layer_get_reanchored (layer));
  g_assert_true (mg_layer_get_visible (layer));
  g_assert_true (g_file_equal (mg_layer_get_file (layer), file));
  store = mg_layer_get_store (layer);
  g_assert_cmpuint (mg_annotation_store_get_n_annotations (store), ==, 3);
  g_assert_cmpuint (mg_annotation_get_start (mg_annotation_store_get_annotation (store, 0)), ==,
                    find (text, "高质量发展"));

  mg_layer_set_visible (layer, FALSE);
  g_assert_false (mg_layer_get_visible (layer));
}

static void
test_edited_speech_reanchored (Fixture       *f,
                               gconstpointer  data)
{
  const char *quotes[] = { "高质量发展", "项目为王", NULL };
  g_autoptr(GFile) file = write_member (f, f->doc, "bob.marginalia.json", "Bob", quotes);
  g_autofree char *edited_text = g_strconcat ("（根据录音整理）\n\n", text, NULL);
  g_autoptr(MgDocument) edited = mg_document_new_for_text (edited_text, -1, "speech.txt");
  g_autoptr(GError) error = NULL;
  g_autoptr(MgLayer) layer = mg_layer_load (file, edited, NULL, &error);
  MgAnnotationStore *store;
  MgAnnotation *a;

  g_assert_no_error (error);
  g_assert_true (mg_layer_get_reanchored (layer));
  store = mg_layer_get_store (layer);
  g_assert_cmpuint (mg_annotation_store_get_n_annotations (store), ==, 2);
  a = mg_annotation_store_get_annotation (store, 0);
  g_assert_cmpuint (mg_annotation_get_start (a), ==, find (edited_text, "高质量发展"));
  g_assert_cmpstr (mg_annotation_get_quote (a), ==, "高质量发展");
  g_assert_false (mg_annotation_is_orphaned (a));
  g_assert_false (mg_annotation_is_orphaned (mg_annotation_store_get_annotation (store, 1)));
}

static void
test_other_document_refused (Fixture       *f,
                             gconstpointer  data)
{
  /* Same length or so, other words: nothing can be placed. */
  const char *other_text =
    "The harbour will open in spring; the new bridge carries the tram across.\n";
  g_autoptr(MgDocument) other = mg_document_new_for_text (other_text, -1, "other.txt");
  const char *quotes[] = { "harbour will open", "new bridge", "tram across", NULL };
  g_autoptr(GFile) file = write_member (f, other, "carol.marginalia.json", "Carol", quotes);
  g_autoptr(GError) error = NULL;
  g_autoptr(MgLayer) layer = mg_layer_load (file, f->doc, NULL, &error);

  g_assert_null (layer);
  g_assert_error (error, MG_LAYER_ERROR, MG_LAYER_ERROR_DIFFERENT_DOCUMENT);
  g_assert_nonnull (strstr (error->message, "carol.marginalia.json"));
  g_assert_nonnull (strstr (error->message, "other.txt"));
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "0 of its 3"));
}

static void
test_many_from_other_document (Fixture       *f,
                               gconstpointer  data)
{
  /* Same length, other words, many annotations: refused from a sample of
   * quotes, before any re-anchoring. */
  g_autoptr(GString) other_text = g_string_new (NULL);
  g_autoptr(MgDocument) other = NULL;
  g_autoptr(GPtrArray) quotes = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(MgLayer) layer = NULL;

  for (guint i = 0; i < 30; i++)
    g_string_append_printf (other_text, "w%02u ", i);
  g_string_append_c (other_text, '\n');
  other = mg_document_new_for_text (other_text->str, -1, "words.txt");
  for (guint i = 0; i < 30; i++)
    g_ptr_array_add (quotes, g_strdup_printf ("w%02u", i));
  g_ptr_array_add (quotes, NULL);
  file = write_member (f, other, "gus.marginalia.json", "Gus", (const char * const *) quotes->pdata);

  layer = mg_layer_load (file, f->doc, NULL, &error);
  g_assert_null (layer);
  g_assert_error (error, MG_LAYER_ERROR, MG_LAYER_ERROR_DIFFERENT_DOCUMENT);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "0 of 30"));
}

static void
test_other_length_refused (Fixture       *f,
                           gconstpointer  data)
{
  /* No annotations at all, but made on a text far shorter than this one. */
  g_autoptr(MgDocument) tiny = mg_document_new_for_text ("同志们：", -1, "tiny.txt");
  g_autoptr(GFile) file = write_member (f, tiny, "dan.marginalia.json", "Dan", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(MgLayer) layer = mg_layer_load (file, f->doc, NULL, &error);

  g_assert_null (layer);
  g_assert_error (error, MG_LAYER_ERROR, MG_LAYER_ERROR_DIFFERENT_DOCUMENT);
  g_assert_nonnull (strstr (error->message, "tiny.txt"));
}

static void
test_half_placed_accepted (Fixture       *f,
                           gconstpointer  data)
{
  /* A speech revised heavily: one of two passages survives. */
  g_autofree char *v1 = g_strconcat (text, "Extra closing words about the harbour.\n", NULL);
  g_autoptr(MgDocument) first = mg_document_new_for_text (v1, -1, "speech.txt");
  const char *quotes[] = { "项目为王", "closing words about the harbour", NULL };
  g_autoptr(GFile) file = write_member (f, first, "erin.marginalia.json", "Erin", quotes);
  g_autoptr(GError) error = NULL;
  g_autoptr(MgLayer) layer = mg_layer_load (file, f->doc, NULL, &error);
  MgAnnotationStore *store;
  guint orphans = 0;

  g_assert_no_error (error);
  store = mg_layer_get_store (layer);
  g_assert_cmpuint (mg_annotation_store_get_n_annotations (store), ==, 2);
  for (guint i = 0; i < 2; i++)
    orphans += mg_annotation_is_orphaned (mg_annotation_store_get_annotation (store, i));
  g_assert_cmpuint (orphans, ==, 1);
}

static void
test_similar_document_refused (Fixture       *f,
                               gconstpointer  data)
{
  /* Another text made of the same phrases in another order: every quote
   * occurs in it, with the characters before it, but nowhere with its
   * context. Refused from a sample of re-anchored annotations, before the
   * other annotations are re-anchored. */
  g_autoptr(GArray) starts = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autofree char *first = phrase_text (1, 600, "", 0, 0, starts);
  g_autofree char *second = phrase_text (2, 600, "", 0, 0, NULL);
  g_autoptr(MgDocument) made_on = mg_document_new_for_text (first, -1, "first.txt");
  g_autoptr(MgDocument) other = mg_document_new_for_text (second, -1, "speech.txt");
  g_autoptr(GFile) file = write_phrase_member (f, made_on, "hana.marginalia.json", starts, 600);
  g_autoptr(GError) error = NULL;
  g_autoptr(MgLayer) layer = NULL;

  g_assert_cmpstr (mg_document_get_sha256 (made_on), !=, mg_document_get_sha256 (other));
  layer = mg_layer_load (file, other, NULL, &error);
  g_assert_null (layer);
  g_assert_error (error, MG_LAYER_ERROR, MG_LAYER_ERROR_DIFFERENT_DOCUMENT);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "“hana.marginalia.json” annotates a different document (“first.txt”)"));
  g_assert_nonnull (strstr (error->message, "of 200 of its annotations sampled could be placed on this speech"));
}

static void
test_large_edited_speech_reanchored (Fixture       *f,
                                     gconstpointer  data)
{
  /* The same speech with a note put before it and 20 phrases cut: the
   * sample places, then every annotation is re-anchored. */
  g_autoptr(GArray) starts = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GArray) new_starts = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autofree char *first = phrase_text (1, 600, "", 0, 0, starts);
  g_autofree char *edited = phrase_text (1, 600, "（根据录音整理）\n", 100, 120, new_starts);
  g_autoptr(MgDocument) made_on = mg_document_new_for_text (first, -1, "speech.txt");
  g_autoptr(MgDocument) doc = mg_document_new_for_text (edited, -1, "speech.txt");
  g_autoptr(GFile) file = write_phrase_member (f, made_on, "ivan.marginalia.json", starts, 600);
  g_autoptr(GError) error = NULL;
  g_autoptr(MgLayer) layer = mg_layer_load (file, doc, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (layer);
  g_assert_true (mg_layer_get_reanchored (layer));
  g_assert_cmpstr (mg_layer_get_author (layer), ==, "Hana");
  g_assert_cmpuint (mg_annotation_store_get_n_annotations (mg_layer_get_store (layer)), ==, 600);
  g_assert_cmpuint (assert_placed_on_phrases (layer, new_starts), ==, 580);
}

static void
test_large_cut_speech_accepted (Fixture       *f,
                                gconstpointer  data)
{
  /* A short version keeping 55 % of the speech: more than half of the
   * annotations place, so the file is accepted, far from the sample's
   * one in three. */
  g_autoptr(GArray) starts = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GArray) new_starts = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autofree char *first = phrase_text (1, 600, "", 0, 0, starts);
  g_autofree char *cut = phrase_text (1, 600, "", 330, 600, new_starts);
  g_autoptr(MgDocument) made_on = mg_document_new_for_text (first, -1, "speech.txt");
  g_autoptr(MgDocument) doc = mg_document_new_for_text (cut, -1, "speech.txt");
  g_autoptr(GFile) file = write_phrase_member (f, made_on, "jo.marginalia.json", starts, 600);
  g_autoptr(GError) error = NULL;
  g_autoptr(MgLayer) layer = mg_layer_load (file, doc, NULL, &error);
  guint exact = 0, moved = 0, fuzzy = 0, orphaned = 0;

  g_assert_no_error (error);
  g_assert_nonnull (layer);
  g_assert_true (mg_layer_get_reanchored (layer));
  g_assert_cmpuint (assert_placed_on_phrases (layer, new_starts), ==, 330);
  mg_sidecar_get_anchor_counts (mg_layer_get_sidecar (layer), &exact, &moved, &fuzzy, &orphaned);
  g_assert_cmpuint (exact + moved + fuzzy + orphaned, ==, 600);
  g_assert_cmpuint (2 * (exact + moved + fuzzy), >=, 600);
}

static void
test_author_from_file_name (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(GFile) file = write_member (f, f->doc, "frank.marginalia.json", "Frank", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(MgLayer) layer = mg_layer_load (file, f->doc, NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (mg_layer_get_author (layer), ==, "frank");
}

static void
test_unreadable (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "bad.marginalia.json", NULL);
  g_autofree char *missing_path = g_build_filename (f->dir, "none.marginalia.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFile) missing = g_file_new_for_path (missing_path);
  g_autoptr(GError) error = NULL;
  g_autoptr(MgLayer) layer = NULL;

  g_file_set_contents (path, "{ not json", -1, &error);
  g_assert_no_error (error);
  layer = mg_layer_load (file, f->doc, NULL, &error);
  g_assert_null (layer);
  g_assert_error (error, MG_SIDECAR_ERROR, MG_SIDECAR_ERROR_PARSE);
  g_assert_nonnull (strstr (error->message, "bad.marginalia.json"));
  g_clear_error (&error);

  layer = mg_layer_load (missing, f->doc, NULL, &error);
  g_assert_null (layer);
  g_assert_error (error, MG_SIDECAR_ERROR, MG_SIDECAR_ERROR_READ);
  g_assert_nonnull (strstr (error->message, "none.marginalia.json"));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/layer/same-speech", test_same_speech);
  ADD ("/layer/edited-speech", test_edited_speech_reanchored);
  ADD ("/layer/other-document", test_other_document_refused);
  ADD ("/layer/other-length", test_other_length_refused);
  ADD ("/layer/many-from-other-document", test_many_from_other_document);
  ADD ("/layer/half-placed", test_half_placed_accepted);
  ADD ("/layer/similar-document", test_similar_document_refused);
  ADD ("/layer/large-edited-speech", test_large_edited_speech_reanchored);
  ADD ("/layer/large-cut-speech", test_large_cut_speech_accepted);
  ADD ("/layer/author-from-file-name", test_author_from_file_name);
  ADD ("/layer/unreadable", test_unreadable);
#undef ADD

  return g_test_run ();
}
