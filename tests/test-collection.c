/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Marginalia"
#include "config.h"

#include "mg-collection.h"
#include "mg-search.h"
#include "study-fixture.h"

typedef struct
{
  char         *tmp;
  char         *dir;
  GFile        *folder;
  MgCollection *collection;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->tmp = g_dir_make_tmp ("marginalia-collection-XXXXXX", &error);
  g_assert_no_error (error);
  f->dir = study_fixture_make (f->tmp);
  f->folder = g_file_new_for_path (f->dir);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->collection);
  g_clear_object (&f->folder);
  study_fixture_remove (f->tmp);
  g_free (f->dir);
  g_free (f->tmp);
}

static void
open_study (Fixture *f)
{
  g_autoptr(GError) error = NULL;

  f->collection = mg_collection_open (f->folder, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (f->collection);
}

static void
test_open (Fixture       *f,
           gconstpointer  data)
{
  MgCollectionSpeech *speech;
  g_autoptr(GFile) keynote = NULL;

  open_study (f);
  g_assert_cmpstr (mg_collection_get_title (f->collection), ==, "study");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->collection)), ==, 3);
  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (f->collection)) == MG_TYPE_COLLECTION_SPEECH);
  g_assert_cmpuint (mg_collection_get_problems (f->collection)->len, ==, 0);

  speech = mg_collection_get_speech (f->collection, 0);
  g_assert_cmpstr (mg_collection_speech_get_name (speech), ==, "2024-report.txt");
  g_assert_cmpstr (mg_collection_speech_get_title (speech), ==, "2024年政府工作报告");
  g_assert_cmpuint (mg_collection_speech_get_n_annotations (speech), ==, 2);
  g_assert_cmpstr (mg_collection_speech_get_tags_used (speech), ==, "Figure, Slogan");
  g_assert_false (mg_collection_speech_get_read_only (speech));
  g_assert_null (mg_collection_speech_get_load_error (speech));

  speech = mg_collection_get_speech (f->collection, 2);
  g_assert_cmpstr (mg_collection_speech_get_name (speech), ==, "keynote.md");
  g_assert_cmpstr (mg_collection_speech_get_title (speech), ==,
                   "Opening Address to the Regional Development Forum");
  keynote = g_file_get_child (f->folder, "keynote.md");
  g_assert_true (mg_collection_lookup (f->collection, keynote) == speech);
  g_assert_cmpuint (mg_collection_get_n_annotations (f->collection), ==, 6);
}

static void
count_notify (GObject    *object,
              GParamSpec *pspec,
              guint      *count)
{
  (*count)++;
}

static void
test_follows_changes (Fixture       *f,
                      gconstpointer  data)
{
  MgCollectionSpeech *speech;
  MgAnnotationStore *store;
  guint n_notified = 0, tags_notified = 0;
  g_autoptr(GError) error = NULL;
  const char *goal[] = { "policy-goal", NULL };

  open_study (f);
  speech = mg_collection_get_speech (f->collection, 1);
  store = mg_collection_speech_get_store (speech);
  g_assert_true (store == mg_sidecar_get_store (mg_collection_speech_get_sidecar (speech)));
  g_signal_connect (speech, "notify::n-annotations", G_CALLBACK (count_notify), &n_notified);
  g_signal_connect (speech, "notify::tags-used", G_CALLBACK (count_notify), &tags_notified);

  g_assert_nonnull (mg_annotation_store_create (store, 0, 4, goal, NULL, FALSE, "Li Wei", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (mg_collection_speech_get_n_annotations (speech), ==, 3);
  g_assert_cmpstr (mg_collection_speech_get_tags_used (speech), ==, "Policy goal, Figure, Slogan");
  g_assert_cmpuint (n_notified, ==, 1);
  g_assert_cmpuint (tags_notified, ==, 1);

  g_assert_true (mg_annotation_store_undo (store));
  g_assert_cmpuint (mg_collection_speech_get_n_annotations (speech), ==, 2);
  g_assert_cmpstr (mg_collection_speech_get_tags_used (speech), ==, "Figure, Slogan");

  /* A renamed tag shows at once. */
  g_assert_true (mg_annotation_store_rename_tag (store, "slogan", "Watchword", &error));
  g_assert_no_error (error);
  g_assert_cmpstr (mg_collection_speech_get_tags_used (speech), ==, "Figure, Watchword");
}

/* "speech name: quote" for each hit, "|" between. */
static char *
describe_hits (GPtrArray *hits)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < hits->len; i++)
    {
      MgCollectionHit *hit = g_ptr_array_index (hits, i);

      if (i > 0)
        g_string_append_c (text, '|');
      g_string_append_printf (text, "%s%s:%s", mg_collection_hit_get_first (hit) ? "*" : "",
                              mg_collection_speech_get_name (mg_collection_hit_get_speech (hit)),
                              mg_annotation_get_quote (mg_collection_hit_get_annotation (hit)));
    }
  return g_string_free (text, FALSE);
}

static void
check_search (Fixture    *f,
              const char *text,
              gboolean    starred,
              const char *expected)
{
  g_autoptr(GPtrArray) hits = mg_collection_search (f->collection, text, starred);
  g_autofree char *described = describe_hits (hits);

  g_assert_cmpstr (described, ==, expected);
}

static void
test_search (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GPtrArray) hits = NULL;

  open_study (f);
  /* Nothing asked, nothing found. */
  check_search (f, "", FALSE, "");
  check_search (f, "  \t", FALSE, "");
  /* Text of the quote, in any case and width. */
  check_search (f, "项目为王", FALSE, "*2024-report.txt:项目为王");
  check_search (f, "PROJECTS", FALSE, "*keynote.md:Projects First");
  check_search (f, "５.４", FALSE, "*2025-report.txt:5.4%");
  /* The note, the author, a tag's shown name. */
  check_search (f, "slowed", FALSE, "*keynote.md:4.8 percent");
  check_search (f, "zhang", FALSE, "*2025-report.txt:5.4%|2025-report.txt:新质生产力");
  check_search (f, "figure", FALSE,
                "*2024-report.txt:5.2%|*2025-report.txt:5.4%|*keynote.md:4.8 percent");
  /* Every word, in any field. */
  check_search (f, "figure ann", FALSE, "*keynote.md:4.8 percent");
  check_search (f, "slogan 项目", FALSE, "*2024-report.txt:项目为王");
  check_search (f, "slogan\u3000li", FALSE, "*2024-report.txt:项目为王");
  check_search (f, "figure nowhere", FALSE, "");
  /* Starred, alone or with words. */
  check_search (f, "", TRUE, "*2025-report.txt:新质生产力|*keynote.md:4.8 percent");
  check_search (f, "figure", TRUE, "*keynote.md:4.8 percent");
  /* Invalid UTF-8 is no word. */
  check_search (f, "\xff", FALSE, "");

  /* Each hit's line of details. */
  {
    g_autoptr(GPtrArray) slowed = mg_collection_search (f->collection, "slowed", FALSE);
    g_autofree char *details = mg_collection_hit_dup_details (g_ptr_array_index (slowed, 0));

    g_assert_true (g_str_has_prefix (details, "¶"));
    g_assert_true (g_str_has_suffix (details, " · Figure · Ann Smith · ★ — growth slowed"));
  }

  hits = mg_collection_search (f->collection, "zhang", FALSE);
  g_assert_cmpuint (mg_collection_hit_get_n_in_speech (g_ptr_array_index (hits, 0)), ==, 2);
  g_assert_cmpuint (mg_collection_hit_get_n_in_speech (g_ptr_array_index (hits, 1)), ==, 2);
}

static void
test_search_follows_edits (Fixture       *f,
                           gconstpointer  data)
{
  MgCollectionSpeech *speech;
  MgAnnotation *annotation;

  open_study (f);
  speech = mg_collection_get_speech (f->collection, 0);
  annotation = mg_annotation_store_get_annotation (mg_collection_speech_get_store (speech), 0);
  mg_annotation_store_set_note (mg_collection_speech_get_store (speech), annotation, "revised down");
  check_search (f, "revised", FALSE, "*2024-report.txt:5.2%");
}

static void
test_summary (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(MgSummary) summary = NULL;
  g_autoptr(GError) error = NULL;

  open_study (f);
  summary = mg_collection_new_summary (f->collection, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (mg_summary_is_combined (summary));
  g_assert_cmpuint (mg_summary_get_n_speeches (summary), ==, 3);
  g_assert_cmpstr (mg_summary_get_speech (summary, 0)->path, ==, "study/2024-report.txt");
  g_assert_cmpstr (mg_summary_get_speech (summary, 2)->path, ==, "study/keynote.md");
  g_assert_cmpuint (mg_summary_get_n_items (summary), ==, 6);
  g_assert_cmpuint (mg_summary_get_speech (summary, 1)->n_items, ==, 2);
}

static void
test_problems (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *junk = g_build_filename (f->dir, "0-junk.txt", NULL);
  g_autofree char *broken = g_build_filename (f->dir, "2024-report.txt.marginalia.json", NULL);
  static const char bytes[] = { 'a', 0, 'b', (char) 0xff, (char) 0xfe, 0, 0, 1 };
  g_autoptr(GError) error = NULL;
  MgCollectionSpeech *speech;

  /* A file that is no text is left out; an unreadable sidecar leaves its
   * speech read-only, and is not touched. */
  g_file_set_contents (junk, bytes, sizeof bytes, &error);
  g_assert_no_error (error);
  g_file_set_contents (broken, "{ not json", -1, &error);
  g_assert_no_error (error);

  open_study (f);
  g_assert_cmpuint (mg_collection_get_n_speeches (f->collection), ==, 3);
  g_assert_cmpuint (mg_collection_get_problems (f->collection)->len, ==, 1);
  g_assert_true (g_str_has_prefix (g_ptr_array_index (mg_collection_get_problems (f->collection), 0),
                                   "0-junk.txt: "));
  speech = mg_collection_get_speech (f->collection, 0);
  g_assert_true (mg_collection_speech_get_read_only (speech));
  g_assert_nonnull (mg_collection_speech_get_load_error (speech));
  g_assert_cmpuint (mg_collection_speech_get_n_annotations (speech), ==, 0);
}

static void
test_no_speech (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *tmp = g_dir_make_tmp ("marginalia-collection-XXXXXX", &error);
  g_autoptr(GFile) folder = g_file_new_for_path (tmp);
  g_autofree char *notes = g_build_filename (tmp, "notes.md", NULL);
  g_autoptr(GFile) missing = g_file_get_child (folder, "missing");
  MgCollection *collection;

  g_assert_no_error (error);
  collection = mg_collection_open (folder, NULL, &error);
  g_assert_null (collection);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* Only files that are no text: none could be read. */
  g_file_set_contents (notes, "x", -1, &error);
  g_assert_no_error (error);
  g_clear_error (&error);
  collection = mg_collection_open (folder, NULL, &error);
  g_assert_null (collection);
  g_assert_nonnull (error);
  g_clear_error (&error);

  collection = mg_collection_open (missing, NULL, &error);
  g_assert_null (collection);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_clear_error (&error);

  study_fixture_remove (tmp);
}

static void
opened (GObject      *source,
        GAsyncResult *result,
        gpointer      data)
{
  MgCollection **out = data;
  g_autoptr(GError) error = NULL;

  *out = mg_collection_open_finish (result, &error);
  g_assert_no_error (error);
}

static void
test_open_async (Fixture       *f,
                 gconstpointer  data)
{
  mg_collection_open_async (f->folder, NULL, opened, &f->collection);
  while (f->collection == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (mg_collection_get_n_speeches (f->collection), ==, 3);
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("LANGUAGE", "C", TRUE);
  g_test_init (&argc, &argv, NULL);

#define ADD(name, func) \
  g_test_add ("/collection/" name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("open", test_open);
  ADD ("open-async", test_open_async);
  ADD ("follows-changes", test_follows_changes);
  ADD ("search", test_search);
  ADD ("search-follows-edits", test_search_follows_edits);
  ADD ("summary", test_summary);
  ADD ("problems", test_problems);
#undef ADD
  g_test_add_func ("/collection/no-speech", test_no_speech);

  return g_test_run ();
}
