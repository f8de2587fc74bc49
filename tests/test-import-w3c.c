/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "export-fixture.h"
#include "mg-export.h"
#include "mg-import-w3c.h"
#include "mg-summary.h"

static gboolean
import_fixture (MgAnnotationStore *store,
                const char        *name,
                MgImportReport    *report,
                GError           **error)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "export", "w3c", name, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);

  gboolean ok = mg_import_w3c_file (store, file, NULL, report, error);

  g_test_message ("%s: added %u (fuzzy %u), orphaned %u, skipped %u, tags created %u", name,
                  report->added, report->fuzzy, report->orphaned, report->skipped,
                  report->tags_created);
  return ok;
}

static MgAnnotation *
find_by_quote (MgAnnotationStore *store,
               const char        *quote)
{
  for (guint i = 0; i < mg_annotation_store_get_n_annotations (store); i++)
    {
      MgAnnotation *annotation = mg_annotation_store_get_annotation (store, i);

      if (g_strcmp0 (mg_annotation_get_quote (annotation), quote) == 0)
        return annotation;
    }
  return NULL;
}

static void
assert_tags (MgAnnotation *annotation,
             const char   *expected)
{
  g_autofree char *joined = g_strjoinv (",", (char **) mg_annotation_get_tags (annotation));

  g_assert_cmpstr (joined, ==, expected);
}

static void
test_round_trip (gconstpointer data)
{
  const char *which = data;
  g_autoptr(MgAnnotationStore) a = g_str_equal (which, "zh") ? fixture_store_zh () : fixture_store_en ();
  g_autoptr(MgDocument) document = fixture_load_document (g_str_equal (which, "zh") ? "speech-zh.txt"
                                                                                    : "speech-en.txt");
  g_autoptr(MgAnnotationStore) b = mg_annotation_store_new (document, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(MgSummary) summary = mg_summary_new (a, NULL, &error);
  g_autoptr(GBytes) bytes = NULL;
  MgImportReport report;

  g_assert_no_error (error);
  bytes = mg_export_to_bytes (summary, MG_EXPORT_FORMAT_W3C, NULL, NULL, NULL, &error);
  g_assert_no_error (error);

  g_assert_true (mg_import_w3c_bytes (b, bytes, "export.jsonld", &report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report.added, ==, mg_annotation_store_get_n_annotations (a) - 1);
  g_assert_cmpuint (report.orphaned, ==, 1);
  g_assert_cmpuint (report.skipped, ==, 0);
  g_assert_cmpuint (report.tags_created, ==, 0);
  g_assert_cmpuint (mg_annotation_store_get_n_annotations (b), ==,
                    mg_annotation_store_get_n_annotations (a));

  for (guint i = 0; i < mg_annotation_store_get_n_annotations (a); i++)
    {
      MgAnnotation *x = mg_annotation_store_get_annotation (a, i);
      MgAnnotation *y = mg_annotation_store_lookup (b, mg_annotation_get_id (x));
      g_autofree char *tx = NULL;
      g_autofree char *ty = NULL;

      g_assert_nonnull (y);
      g_assert_cmpstr (mg_annotation_get_quote (x), ==, mg_annotation_get_quote (y));
      tx = g_strjoinv (",", (char **) mg_annotation_get_tags (x));
      ty = g_strjoinv (",", (char **) mg_annotation_get_tags (y));
      g_assert_cmpstr (tx, ==, ty);
      g_assert_cmpstr (mg_annotation_get_note (x), ==, mg_annotation_get_note (y));
      g_assert_cmpint (mg_annotation_get_starred (x), ==, mg_annotation_get_starred (y));
      g_assert_cmpstr (mg_annotation_get_author (x), ==, mg_annotation_get_author (y));
      g_assert_cmpstr (mg_annotation_get_created (x), ==, mg_annotation_get_created (y));
      g_assert_cmpstr (mg_annotation_get_modified (x), ==, mg_annotation_get_modified (y));
      g_assert_cmpint (mg_annotation_is_orphaned (x), ==, mg_annotation_is_orphaned (y));
      if (!mg_annotation_is_orphaned (x))
        {
          g_assert_cmpuint (mg_annotation_get_start (x), ==, mg_annotation_get_start (y));
          g_assert_cmpuint (mg_annotation_get_end (x), ==, mg_annotation_get_end (y));
          g_assert_cmpstr (mg_annotation_get_prefix (x), ==, mg_annotation_get_prefix (y));
          g_assert_cmpstr (mg_annotation_get_suffix (x), ==, mg_annotation_get_suffix (y));
        }
    }

  /* The same file again: every annotation is already there. */
  g_assert_true (mg_import_w3c_bytes (b, bytes, "export.jsonld", &report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report.added + report.orphaned, ==, 0);
  g_assert_cmpuint (report.skipped, ==, mg_annotation_store_get_n_annotations (a));
}

/* A time before the year 1000 keeps four digits of year once converted to
 * UTC, as RFC 3339 and the sidecar reader want (found by fuzzing). */
static void
test_early_year (void)
{
  g_autoptr(MgDocument) document = fixture_load_document ("speech-en.txt");
  g_autoptr(MgAnnotationStore) store = mg_annotation_store_new (document, NULL);
  g_autoptr(GError) error = NULL;
  const char *json =
    "{\"type\": \"Annotation\", \"created\": \"0316-03-01T08:30:00+08:00\","
    " \"target\": {\"selector\": {\"type\": \"TextQuoteSelector\","
    " \"exact\": \"build it now\"}}}";
  g_autoptr(GBytes) bytes = g_bytes_new_static (json, strlen (json));
  MgImportReport report;
  MgAnnotation *annotation;

  g_assert_true (mg_import_w3c_bytes (store, bytes, NULL, &report, &error));
  g_assert_no_error (error);
  annotation = find_by_quote (store, "build it now");
  g_assert_nonnull (annotation);
  g_assert_cmpstr (mg_annotation_get_created (annotation), ==, "0316-03-01T00:30:00Z");
}

static void
test_spec_examples (void)
{
  g_autoptr(MgDocument) document = fixture_load_document ("speech-en.txt");
  g_autoptr(MgAnnotationStore) store = mg_annotation_store_new (document, NULL);
  g_autoptr(GError) error = NULL;
  MgAnnotation *annotation;
  MgImportReport report;
  MgTag *tag;
  guint start = 0, end = 0;

  /* A single annotation: tag by name, note, creator as a string, time
   * converted to UTC. */
  g_assert_true (import_fixture (store, "single.json", &report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report.added, ==, 1);
  annotation = find_by_quote (store, "build it now");
  g_assert_nonnull (annotation);
  assert_tags (annotation, "slogan");
  g_assert_cmpstr (mg_annotation_get_note (annotation), ==, "The rallying line.");
  g_assert_cmpstr (mg_annotation_get_author (annotation), ==, "Carol Diaz");
  g_assert_cmpstr (mg_annotation_get_created (annotation), ==, "2026-03-01T00:30:00Z");

  /* An array: a selector alone, and selectors in an array. */
  g_assert_true (import_fixture (store, "array.json", &report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report.added, ==, 2);
  annotation = find_by_quote (store, "6.8 percent");
  g_assert_nonnull (annotation);
  g_assert_cmpstr (mg_annotation_get_note (annotation), ==, "A figure worth quoting");
  annotation = find_by_quote (store, "41 billion dollars");
  g_assert_nonnull (annotation);
  g_assert_cmpuint (mg_annotation_get_start (annotation), ==, 215);
  g_assert_cmpstr (mg_annotation_get_author (annotation), ==, "Dana Park");
  assert_tags (annotation, "figure");

  /* A page: refinedBy, position only (this file / another), a non-text
   * target, a quote that is not in the text. */
  g_assert_true (import_fixture (store, "page.json", &report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report.added, ==, 2);
  g_assert_cmpuint (report.orphaned, ==, 1);
  g_assert_cmpuint (report.skipped, ==, 2);
  g_assert_nonnull (find_by_quote (store, "Some said it could not be done."));
  annotation = find_by_quote (store, "Remark");
  g_assert_nonnull (annotation);
  g_assert_cmpuint (mg_annotation_get_start (annotation), ==, 0);
  annotation = find_by_quote (store, "a phrase nobody ever said in Harbour City");
  g_assert_nonnull (annotation);
  g_assert_true (mg_annotation_is_orphaned (annotation));

  /* A collection with two embedded pages: tags created (an ASCII name and
   * a Chinese one), matched case-insensitively by name, by id; creator
   * object with a nickname; the text target among several. */
  g_assert_true (import_fixture (store, "collection.json", &report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report.added, ==, 3);
  g_assert_cmpuint (report.skipped, ==, 0);
  g_assert_cmpuint (report.tags_created, ==, 2);
  tag = mg_tag_set_lookup (mg_annotation_store_get_tag_set (store), "economic-growth");
  g_assert_nonnull (tag);
  g_assert_cmpstr (mg_tag_get_name (tag), ==, "Economic Growth");
  annotation = find_by_quote (store, "every household a little better off");
  g_assert_nonnull (annotation);
  g_assert_cmpstr (mg_annotation_get_author (annotation), ==, "eve");
  g_assert_cmpuint (g_strv_length ((char **) mg_annotation_get_tags (annotation)), ==, 2);
  g_assert_true (mg_annotation_has_tag (annotation, "economic-growth"));
  for (guint i = 0; mg_annotation_get_tags (annotation)[i] != NULL; i++)
    {
      const char *id = mg_annotation_get_tags (annotation)[i];

      g_assert_true (mg_tag_id_is_valid (id));
      if (!g_str_equal (id, "economic-growth"))
        {
          g_assert_true (g_str_has_prefix (id, "tag-"));
          g_assert_cmpstr (mg_tag_get_name (mg_tag_set_lookup (mg_annotation_store_get_tag_set (store), id)),
                           ==, "民生");
        }
    }
  assert_tags (find_by_quote (store, "Let us finish what we started."), "policy-goal");
  assert_tags (find_by_quote (store, "25,000 new jobs"), "economic-growth");

  /* A collection holding items directly. */
  g_assert_true (import_fixture (store, "collection-items.json", &report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report.added, ==, 1);
  g_assert_true (fixture_find (document, "Thank you.", 1, &start, &end));
  annotation = find_by_quote (store, "Thank you.");
  g_assert_nonnull (annotation);
  g_assert_cmpuint (mg_annotation_get_start (annotation), ==, start);
}

static void
test_one_undo_step (void)
{
  g_autoptr(MgDocument) document = fixture_load_document ("speech-en.txt");
  g_autoptr(MgAnnotationStore) store = mg_annotation_store_new (document, NULL);
  g_autoptr(GError) error = NULL;
  MgImportReport report;
  guint n_tags = mg_tag_set_get_n_tags (mg_annotation_store_get_tag_set (store));

  g_assert_true (import_fixture (store, "collection.json", &report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (mg_annotation_store_get_n_annotations (store), ==, 3);
  g_assert_true (mg_annotation_store_undo (store));
  g_assert_cmpuint (mg_annotation_store_get_n_annotations (store), ==, 0);
  g_assert_cmpuint (mg_tag_set_get_n_tags (mg_annotation_store_get_tag_set (store)), ==, n_tags);
  g_assert_false (mg_annotation_store_can_undo (store));
}

static void
test_position_breaks_ties (void)
{
  g_autoptr(MgDocument) document = mg_document_new_for_text (
    "Go and build. Go and build. Go and build.\n", -1, "ties.txt");
  g_autoptr(MgAnnotationStore) store = mg_annotation_store_new (document, NULL);
  g_autoptr(GError) error = NULL;
  const char *json =
    "{ \"type\": \"Annotation\", \"target\": { \"source\": \"x\", \"selector\": ["
    "  { \"type\": \"TextQuoteSelector\", \"exact\": \"Go and build.\" },"
    "  { \"type\": \"TextPositionSelector\", \"start\": 28, \"end\": 41 } ] } }";
  g_autoptr(GBytes) bytes = g_bytes_new_static (json, strlen (json));
  MgImportReport report;

  g_assert_true (mg_import_w3c_bytes (store, bytes, "ties.json", &report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report.added, ==, 1);
  g_assert_cmpuint (mg_annotation_get_start (mg_annotation_store_get_annotation (store, 0)), ==, 28);
}

/* A built-in tag exported under another language's name comes back to the
 * built-in tag, not to a new one. */
static void
test_builtin_tag_names (void)
{
  g_autoptr(MgDocument) document = mg_document_new_for_text (
    "Grow by 7% this year.\n", -1, "names.txt");
  g_autoptr(MgAnnotationStore) store = mg_annotation_store_new (document, NULL);
  g_autoptr(GError) error = NULL;
  const char *json =
    "{ \"type\": \"Annotation\", \"body\": ["
    "  { \"type\": \"TextualBody\", \"purpose\": \"tagging\", \"value\": \"政策目标\" },"
    "  { \"type\": \"TextualBody\", \"purpose\": \"tagging\", \"value\": \"数据\" } ],"
    "  \"target\": { \"source\": \"x\", \"selector\": "
    "  { \"type\": \"TextQuoteSelector\", \"exact\": \"Grow by 7%\" } } }";
  g_autoptr(GBytes) bytes = g_bytes_new_static (json, strlen (json));
  MgImportReport report;
  MgAnnotation *annotation;

  g_assert_true (mg_import_w3c_bytes (store, bytes, "names.json", &report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report.added, ==, 1);
  annotation = mg_annotation_store_get_annotation (store, 0);
  g_assert_true (mg_annotation_has_tag (annotation, "policy-goal"));
  g_assert_true (mg_annotation_has_tag (annotation, "figure"));
  g_assert_cmpuint (mg_tag_set_get_n_tags (mg_annotation_store_get_tag_set (store)), ==, 3);
}

/* A position alone is enough when the source is the text's hash. */
static void
test_position_by_hash (void)
{
  g_autoptr(MgDocument) document = fixture_load_document ("speech-en.txt");
  g_autoptr(MgAnnotationStore) store = mg_annotation_store_new (document, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *json = g_strdup_printf (
    "[ { \"type\": \"Annotation\", \"target\": { \"source\": \"urn:sha256:%s\","
    "    \"selector\": { \"type\": \"TextPositionSelector\", \"start\": 10, \"end\": 20 } } },"
    "  { \"type\": \"Annotation\", \"target\": { \"source\": \"urn:sha256:%064d\","
    "    \"selector\": { \"type\": \"TextPositionSelector\", \"start\": 10, \"end\": 20 } } },"
    "  { \"type\": \"Annotation\", \"target\": { \"source\": \"urn:sha256:%s\","
    "    \"selector\": { \"type\": \"TextPositionSelector\", \"start\": 10, \"end\": 100000 } } } ]",
    mg_document_get_sha256 (document), 0, mg_document_get_sha256 (document));
  g_autoptr(GBytes) bytes = g_bytes_new (json, strlen (json));
  g_autofree char *slice = mg_document_dup_slice (document, 10, 20);
  MgImportReport report;

  g_assert_true (mg_import_w3c_bytes (store, bytes, "hash.json", &report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report.added, ==, 1);
  g_assert_cmpuint (report.skipped, ==, 2);   /* another text; beyond the end */
  g_assert_cmpstr (mg_annotation_get_quote (mg_annotation_store_get_annotation (store, 0)), ==, slice);
}

static void
test_bad_files (void)
{
  g_autoptr(MgDocument) document = fixture_load_document ("speech-en.txt");
  g_autoptr(MgAnnotationStore) store = mg_annotation_store_new (document, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) missing = g_file_new_for_path ("/nonexistent/annotations.json");
  const char *not_json = "{ \"type\": \"Annotation\", ";
  const char *sidecar = "{ \"format\": \"marginalia-annotations\", \"version\": 1 }";
  g_autoptr(GBytes) b1 = g_bytes_new_static (not_json, strlen (not_json));
  g_autoptr(GBytes) b2 = g_bytes_new_static (sidecar, strlen (sidecar));
  MgImportReport report;

  g_assert_false (mg_import_w3c_bytes (store, b1, "broken.json", &report, &error));
  g_assert_error (error, MG_IMPORT_ERROR, MG_IMPORT_ERROR_PARSE);
  g_assert_nonnull (strstr (error->message, "broken.json"));
  g_clear_error (&error);

  g_assert_false (mg_import_w3c_bytes (store, b2, "sidecar.json", &report, &error));
  g_assert_error (error, MG_IMPORT_ERROR, MG_IMPORT_ERROR_NOT_W3C);
  g_clear_error (&error);

  g_assert_false (mg_import_w3c_file (store, missing, NULL, &report, &error));
  g_assert_error (error, MG_IMPORT_ERROR, MG_IMPORT_ERROR_READ);
  g_assert_nonnull (strstr (error->message, "/nonexistent/annotations.json"));

  g_assert_cmpuint (mg_annotation_store_get_n_annotations (store), ==, 0);
  g_assert_false (mg_annotation_store_get_dirty (store));
}

static void
test_slugify (void)
{
  g_autofree char *a = mg_tag_id_from_name ("Economic Growth!");
  g_autofree char *b = mg_tag_id_from_name ("  --Über   Ängste-- ");
  g_autofree char *c = mg_tag_id_from_name ("民生");
  g_autofree char *d = mg_tag_id_from_name ("民生 2025");
  g_autofree char *e = mg_tag_id_from_name ("???");
  g_autofree char *long_value = g_strnfill (100, 'a');
  g_autofree char *f = mg_tag_id_from_name (long_value);

  g_assert_cmpstr (a, ==, "economic-growth");
  g_assert_cmpstr (b, ==, "uber-angste");
  g_assert_true (g_str_has_prefix (c, "tag-"));
  g_assert_cmpuint (strlen (c), ==, 12);
  g_assert_true (g_str_has_prefix (d, "tag-"));
  g_assert_cmpstr (c, !=, d);
  g_assert_true (mg_tag_id_is_valid (e));
  g_assert_cmpuint (strlen (f), ==, 64);
  g_assert_true (mg_tag_id_is_valid (a) && mg_tag_id_is_valid (b) && mg_tag_id_is_valid (c)
                 && mg_tag_id_is_valid (d) && mg_tag_id_is_valid (f));
}

/* The W3C's own examples, when the shared corpus is present. */
static void
test_corpus (void)
{
  const char *dir = "/work/shared/corpus/w3c";
  g_autofree char *example = g_build_filename (dir, "w3c-example.json", NULL);
  g_autofree char *collection = g_build_filename (dir, "w3c-examples-collection1.json", NULL);
  g_autoptr(MgDocument) document = NULL;
  g_autoptr(MgAnnotationStore) store = NULL;
  g_autoptr(GFile) f1 = NULL;
  g_autoptr(GFile) f2 = NULL;
  g_autoptr(GError) error = NULL;
  MgImportReport report;

  if (!g_file_test (example, G_FILE_TEST_EXISTS) || !g_file_test (collection, G_FILE_TEST_EXISTS))
    {
      g_test_skip ("the shared corpus (/work/shared/corpus/w3c) is not present");
      return;
    }

  document = mg_document_new_for_text (
    "Intro.\n\nAnd this is an anotation that has some spelling problems.\n\n"
    "Here is text before the Selected Text and text after it.\n", -1, "page1");
  store = mg_annotation_store_new (document, NULL);

  f1 = g_file_new_for_path (example);
  g_assert_true (mg_import_w3c_file (store, f1, NULL, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report.added, ==, 1);     /* example 23, by its quote */
  g_assert_cmpuint (report.skipped, ==, 1);   /* example 24: a position in another resource */
  g_assert_nonnull (find_by_quote (store, "anotation"));

  f2 = g_file_new_for_path (collection);
  g_assert_true (mg_import_w3c_file (store, f2, NULL, &report, &error));
  g_assert_no_error (error);
  /* The quote example (already placed once, placed again: another id)
   * and the FragmentSelector refined by a quote; everything else targets
   * images, pages or other resources. */
  g_assert_cmpuint (report.added, ==, 2);
  g_assert_cmpuint (report.orphaned, ==, 0);
  g_assert_cmpuint (report.added + report.skipped, >=, 40);
  g_assert_nonnull (find_by_quote (store, "Selected Text"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_data_func ("/import-w3c/round-trip/zh", "zh", test_round_trip);
  g_test_add_data_func ("/import-w3c/round-trip/en", "en", test_round_trip);
  g_test_add_func ("/import-w3c/spec-examples", test_spec_examples);
  g_test_add_func ("/import-w3c/early-year", test_early_year);
  g_test_add_func ("/import-w3c/one-undo-step", test_one_undo_step);
  g_test_add_func ("/import-w3c/position-breaks-ties", test_position_breaks_ties);
  g_test_add_func ("/import-w3c/position-by-hash", test_position_by_hash);
  g_test_add_func ("/import-w3c/bad-files", test_bad_files);
  g_test_add_func ("/import-w3c/builtin-tag-names", test_builtin_tag_names);
  g_test_add_func ("/import-w3c/slugify", test_slugify);
  g_test_add_func ("/import-w3c/corpus", test_corpus);

  return g_test_run ();
}
