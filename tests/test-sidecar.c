/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Marginalia"
#include "config.h"

#include <glib/gstdio.h>

#include "mg-annotation-private.h"
#include "mg-sidecar-private.h"
#include "mg-tag-private.h"
#include "sidecar-test-util.h"

/* Loading and writing sidecars: deterministic bytes, unknown members kept,
 * newer versions read-only, embedded text, re-anchoring on load. */

static void
test_default_file (void)
{
  g_autoptr(GFile) document = g_file_new_for_path ("/tmp/讲话.txt");
  g_autoptr(GFile) sidecar = mg_sidecar_default_file (document);
  g_autofree char *path = g_file_get_path (sidecar);

  g_assert_cmpstr (path, ==, "/tmp/讲话.txt.marginalia.json");
}

static void
test_golden_round_trip (void)
{
  g_autofree char *path = fixture_path ("golden.marginalia.json");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GBytes) original = fixture_bytes ("golden.marginalia.json");
  g_autoptr(MgDocument) document = speech ();
  g_autoptr(MgSidecar) with_text = mg_sidecar_new (file, document);
  g_autoptr(MgSidecar) without = mg_sidecar_new (file, NULL);
  g_autoptr(GBytes) out1 = NULL;
  g_autoptr(GBytes) out2 = NULL;
  g_autoptr(GError) error = NULL;
  MgTagSet *tags;
  MgAnnotation *a;
  JsonObject *extra;
  GList *names;
  guint exact, moved, fuzzy, orphaned;

  g_assert_true (mg_sidecar_load (with_text, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (mg_sidecar_get_exists (with_text));
  g_assert_false (mg_sidecar_get_broken (with_text));
  g_assert_false (mg_sidecar_get_read_only (with_text));
  g_assert_false (mg_sidecar_get_reanchored (with_text));
  g_assert_cmpuint (mg_sidecar_get_problems (with_text)->len, ==, 0);
  mg_sidecar_get_anchor_counts (with_text, &exact, &moved, &fuzzy, &orphaned);
  g_assert_cmpuint (exact, ==, 4);
  g_assert_cmpuint (moved, ==, 0);
  g_assert_cmpuint (fuzzy, ==, 0);
  g_assert_cmpuint (orphaned, ==, 1);

  /* Byte for byte, unknown members at every level included. */
  out1 = mg_sidecar_serialize (with_text);
  assert_bytes_equal (out1, original);

  /* What was read. */
  tags = mg_annotation_store_get_tag_set (mg_sidecar_get_store (with_text));
  g_assert_cmpuint (mg_tag_set_get_n_tags (tags), ==, 4);
  g_assert_cmpstr (mg_tag_get_name (mg_tag_set_lookup (tags, "figure")), ==, "数据");
  g_assert_nonnull (_mg_tag_get_extra (mg_tag_set_lookup (tags, "reform-2")));
  a = lookup (with_text, "5b0c7a8e-3d6f-4a59-9f3e-1c2b7d4e8a10");
  g_assert_cmpuint (mg_annotation_get_start (a), ==, 26);
  g_assert_cmpstr (mg_annotation_get_quote (a), ==, "出六进四");
  g_assert_cmpstr (mg_annotation_get_note (a), ==, "义乌的经商口诀");
  g_assert_true (mg_annotation_get_starred (a));
  g_assert_cmpstr (mg_annotation_get_contributors (a)[1], ==, "王芳");
  extra = _mg_annotation_get_extra (a);
  g_assert_nonnull (extra);
  names = json_object_get_members (extra);
  g_assert_cmpstr (names->data, ==, "x-review");
  g_assert_cmpstr (names->next->data, ==, "x-flag");
  g_list_free (names);
  a = lookup (with_text, "ffff0000-0000-4000-8000-00000000000f");
  g_assert_true (mg_annotation_is_orphaned (a));
  g_assert_cmpuint (mg_annotation_get_start (a), ==, 120);
  g_assert_cmpstr (mg_sidecar_get_document_name (with_text), ==, "讲话.txt");
  g_assert_cmpstr (mg_sidecar_get_document_sha256 (with_text), ==, mg_document_get_sha256 (document));
  g_assert_null (mg_sidecar_get_embedded_text (with_text));

  /* Opened without its speech: the document members are kept as read. */
  g_assert_true (mg_sidecar_load (without, NULL, &error));
  g_assert_no_error (error);
  g_assert_null (mg_sidecar_get_document (without));
  out2 = mg_sidecar_serialize (without);
  assert_bytes_equal (out2, original);
  mg_sidecar_get_anchor_counts (without, &exact, NULL, NULL, &orphaned);
  g_assert_cmpuint (exact, ==, 4);
  g_assert_cmpuint (orphaned, ==, 1);
}

static void
test_exact_bytes (void)
{
  const char *minimal =
    "{\"format\":\"marginalia-annotations\",\"version\":1,\"document\":{},\"tags\":["
    "{\"id\":\"t\",\"name\":\"标签\",\"color\":\"#112233\"}],\"annotations\":[]}";
  g_autoptr(GFile) file = g_file_new_for_path ("/nonexistent/t.marginalia.json");
  g_autoptr(MgDocument) document = mg_document_new_for_text ("甲乙丙丁\n", -1, "t.txt");
  g_autoptr(MgSidecar) sidecar = mg_sidecar_new (file, document);
  g_autoptr(GBytes) input = g_bytes_new_static (minimal, strlen (minimal));
  g_autoptr(MgAnnotation) b = mg_annotation_new ("b", 0, 1);
  g_autoptr(MgAnnotation) a = mg_annotation_new ("a", 1, 3);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) out = NULL;
  g_autofree char *expected = NULL;
  const char *tags[] = { "t", NULL };
  MgAnnotationStore *store;

  g_assert_true (mg_sidecar_load_bytes (sidecar, input, &error));
  g_assert_no_error (error);
  store = mg_sidecar_get_store (sidecar);

  mg_annotation_set_author (a, "Ann");
  mg_annotation_set_tags (a, tags);
  mg_annotation_set_note (a, "“引”\n");
  mg_annotation_set_created (a, "2026-11-28T09:00:00Z");
  mg_annotation_set_modified (a, "2026-11-28T09:00:01Z");
  mg_annotation_set_author (b, "Bo");
  mg_annotation_set_created (b, "2026-11-28T09:00:00Z");
  mg_annotation_set_modified (b, "2026-11-28T09:00:00Z");
  g_assert_true (mg_annotation_store_add (store, a, &error));
  g_assert_no_error (error);
  g_assert_true (mg_annotation_store_add (store, b, &error));
  g_assert_no_error (error);

  expected = g_strdup_printf (
    "{\n"
    "  \"format\": \"marginalia-annotations\",\n"
    "  \"version\": 1,\n"
    "  \"document\": {\n"
    "    \"name\": \"t.txt\",\n"
    "    \"sha256\": \"%s\",\n"
    "    \"length\": 5,\n"
    "    \"encoding\": \"UTF-8\",\n"
    "    \"title\": \"甲乙丙丁\"\n"
    "  },\n"
    "  \"tags\": [\n"
    "    { \"id\": \"t\", \"name\": \"标签\", \"color\": \"#112233\", \"description\": \"\" }\n"
    "  ],\n"
    "  \"annotations\": [\n"
    "    {\n"
    "      \"id\": \"b\",\n"
    "      \"start\": 0,\n"
    "      \"end\": 1,\n"
    "      \"quote\": \"甲\",\n"
    "      \"prefix\": \"\",\n"
    "      \"suffix\": \"乙丙丁\\n\",\n"
    "      \"tags\": [],\n"
    "      \"note\": \"\",\n"
    "      \"starred\": false,\n"
    "      \"author\": \"Bo\",\n"
    "      \"created\": \"2026-11-28T09:00:00Z\",\n"
    "      \"modified\": \"2026-11-28T09:00:00Z\"\n"
    "    },\n"
    "    {\n"
    "      \"id\": \"a\",\n"
    "      \"start\": 1,\n"
    "      \"end\": 3,\n"
    "      \"quote\": \"乙丙\",\n"
    "      \"prefix\": \"甲\",\n"
    "      \"suffix\": \"丁\\n\",\n"
    "      \"tags\": [\"t\"],\n"
    "      \"note\": \"“引”\\n\",\n"
    "      \"starred\": false,\n"
    "      \"author\": \"Ann\",\n"
    "      \"created\": \"2026-11-28T09:00:00Z\",\n"
    "      \"modified\": \"2026-11-28T09:00:01Z\"\n"
    "    }\n"
    "  ]\n"
    "}\n",
    mg_document_get_sha256 (document));

  out = mg_sidecar_serialize (sidecar);
  g_assert_cmpstr (g_bytes_get_data (out, NULL), ==, expected);
  g_assert_cmpuint (g_bytes_get_size (out), ==, strlen (expected));
}

/* Loads @sidecar, checks it holds @n annotations and a checksum of what
 * it read when it makes them, adds one at @start and saves it. */
static void
load_add_save (MgSidecar *sidecar,
               guint      n,
               guint      start,
               gboolean   checksums)
{
  g_autoptr(GError) error = NULL;
  MgAnnotationStore *store;

  g_assert_true (mg_sidecar_load (sidecar, NULL, &error));
  g_assert_no_error (error);
  store = mg_sidecar_get_store (sidecar);
  g_assert_cmpuint (mg_annotation_store_get_n_annotations (store), ==, n);
  g_assert_true ((_mg_sidecar_get_file_checksum (sidecar) != NULL) == (n > 0 && checksums));
  mg_annotation_store_create (store, start, start + 4, NULL, "", FALSE, "李伟", &error);
  g_assert_no_error (error);
  g_assert_true (mg_sidecar_save (sidecar, NULL, &error));
  g_assert_no_error (error);
}

/* Checksums of the file's bytes, kept for MgSidecarSync, are made unless
 * turned off, and only then: a load or save without them keeps none. */
static void
test_file_checksums (void)
{
  g_autofree char *dir = g_dir_make_tmp ("mg-sidecar-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "speech.txt.marginalia.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(MgDocument) document = speech ();
  g_autoptr(MgSidecar) with = mg_sidecar_new (file, document);
  g_autoptr(MgSidecar) without = mg_sidecar_new (file, document);
  g_autoptr(GError) error = NULL;

  load_add_save (with, 0, 26, TRUE);
  g_assert_cmpuint (strlen (_mg_sidecar_get_file_checksum (with)), ==, 64);

  mg_sidecar_set_file_checksums (without, FALSE);
  load_add_save (without, 1, 54, FALSE);
  g_assert_null (_mg_sidecar_get_file_checksum (without));

  /* Turned on again, the next load has one: the bytes just written. */
  mg_sidecar_set_file_checksums (without, TRUE);
  g_assert_true (mg_sidecar_load (without, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (mg_annotation_store_get_n_annotations (mg_sidecar_get_store (without)), ==, 2);
  g_assert_cmpuint (strlen (_mg_sidecar_get_file_checksum (without)), ==, 64);
  g_assert_cmpstr (_mg_sidecar_get_file_checksum (without), !=, _mg_sidecar_get_file_checksum (with));

  rm_rf (dir);
}

static void
test_create_save_load (void)
{
  g_autofree char *dir = g_dir_make_tmp ("mg-sidecar-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "讲话.txt.marginalia.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(MgDocument) document = speech ();
  g_autoptr(MgSidecar) sidecar = mg_sidecar_new (file, document);
  g_autoptr(MgSidecar) again = NULL;
  g_autoptr(GBytes) saved = NULL;
  g_autoptr(GBytes) reserialized = NULL;
  g_autoptr(GBytes) saved_twice = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = speech_text ();
  const char *figure[] = { "figure", NULL };
  const char *slogan[] = { "slogan", NULL };
  MgAnnotationStore *store;
  MgAnnotation *a, *b, *c;
  const char *quote_at;
  glong quote_offset;

  /* No file yet: not an error, default tags. */
  g_assert_true (mg_sidecar_load (sidecar, NULL, &error));
  g_assert_no_error (error);
  g_assert_false (mg_sidecar_get_exists (sidecar));
  store = mg_sidecar_get_store (sidecar);
  g_assert_cmpuint (mg_tag_set_get_n_tags (mg_annotation_store_get_tag_set (store)), ==, 3);

  /* Created out of order; the file is sorted by start, end, id. */
  c = mg_annotation_store_create (store, 99, 107, NULL, "", FALSE, "Bob", &error);
  g_assert_no_error (error);
  b = mg_annotation_store_create (store, 54, 64, figure, "二百三十三", FALSE, "李伟", &error);
  g_assert_no_error (error);
  a = mg_annotation_store_create (store, 26, 30, slogan, "口号\t“出六进四”", TRUE, "李伟", &error);
  g_assert_no_error (error);

  /* The store fills quote and context from the text. */
  g_assert_cmpstr (mg_annotation_get_quote (a), ==, "出六进四");
  quote_at = strstr (text, "出六进四");
  quote_offset = g_utf8_pointer_to_offset (text, quote_at);
  g_assert_cmpint (quote_offset, ==, 26);
  g_assert_cmpuint (g_utf8_strlen (mg_annotation_get_prefix (a), -1), ==, 26);
  g_assert_true (g_str_has_suffix (mg_annotation_get_prefix (a), "秘诀是“"));
  g_assert_cmpuint (g_utf8_strlen (mg_annotation_get_suffix (a), -1), ==, MG_CONTEXT_LENGTH);
  g_assert_true (g_str_has_prefix (mg_annotation_get_suffix (a), "”，你赚大头"));
  g_assert_cmpstr (mg_annotation_get_quote (b), ==, "233 个国家和地区");
  g_assert_cmpuint (g_utf8_strlen (mg_annotation_get_prefix (b), -1), ==, MG_CONTEXT_LENGTH);
  g_assert_cmpstr (mg_annotation_get_quote (c), ==, "\"quotes\"");
  g_assert_nonnull (mg_annotation_get_created (c));
  g_assert_true (mg_annotation_store_get_dirty (store));

  g_assert_true (mg_sidecar_save (sidecar, NULL, &error));
  g_assert_no_error (error);
  g_assert_false (mg_annotation_store_get_dirty (store));
  g_assert_true (mg_sidecar_get_exists (sidecar));
  /* Atomic replace leaves no temporary or backup file behind. */
  g_assert_cmpuint (count_entries (dir), ==, 1);

  saved = file_bytes (path);
  g_assert_nonnull (saved);
  {
    g_autofree char *s = g_strndup (g_bytes_get_data (saved, NULL), g_bytes_get_size (saved));
    const char *pa = strstr (s, "\"start\": 26");
    const char *pb = strstr (s, "\"start\": 54");
    const char *pc = strstr (s, "\"start\": 99");

    g_assert_true (g_str_has_suffix (s, "}\n"));
    g_assert_true (pa != NULL && pb != NULL && pc != NULL && pa < pb && pb < pc);
    g_assert_nonnull (strstr (s, "\"note\": \"口号\\t“出六进四”\""));
    g_assert_nonnull (strstr (s, "\"quote\": \"\\\"quotes\\\"\""));
  }

  /* Read back and written again: the same bytes. */
  again = mg_sidecar_new (file, document);
  g_assert_true (mg_sidecar_load (again, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (mg_annotation_store_get_n_annotations (mg_sidecar_get_store (again)), ==, 3);
  reserialized = mg_sidecar_serialize (again);
  assert_bytes_equal (reserialized, saved);
  g_assert_true (mg_sidecar_save (again, NULL, &error));
  g_assert_no_error (error);
  saved_twice = file_bytes (path);
  assert_bytes_equal (saved_twice, saved);

  rm_rf (dir);
}

static void
test_newer_version (void)
{
  g_autofree char *dir = g_dir_make_tmp ("mg-sidecar-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "n.marginalia.json", NULL);
  g_autofree char *other = g_build_filename (dir, "copy.marginalia.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFile) other_file = g_file_new_for_path (other);
  g_autoptr(GBytes) original = fixture_bytes ("newer.marginalia.json");
  g_autoptr(GBytes) after = NULL;
  g_autoptr(MgSidecar) sidecar = mg_sidecar_new (file, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) out = NULL;
  MgAnnotation *a;

  write_file (path, original);
  g_assert_true (mg_sidecar_load (sidecar, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (mg_sidecar_get_read_only (sidecar));
  g_assert_false (mg_sidecar_get_broken (sidecar));
  a = lookup (sidecar, "a1");
  g_assert_nonnull (_mg_annotation_get_extra (a));

  /* Nothing it does not know is lost in memory either. */
  out = mg_sidecar_serialize (sidecar);
  g_assert_nonnull (strstr (g_bytes_get_data (out, NULL), "\"x-thread\": [\n        {\n          \"reply\": \"同意\""));
  g_assert_nonnull (strstr (g_bytes_get_data (out, NULL), "\"layers\": {\n    \"shared\": true\n  }\n}\n"));

  g_assert_false (mg_sidecar_save (sidecar, NULL, &error));
  g_assert_error (error, MG_SIDECAR_ERROR, MG_SIDECAR_ERROR_NEWER_VERSION);
  g_clear_error (&error);
  g_assert_false (mg_sidecar_save_as (sidecar, other_file, NULL, &error));
  g_assert_error (error, MG_SIDECAR_ERROR, MG_SIDECAR_ERROR_NEWER_VERSION);
  g_assert_false (g_file_test (other, G_FILE_TEST_EXISTS));

  after = file_bytes (path);
  assert_bytes_equal (after, original);
  rm_rf (dir);
}

static void
test_embedded_text (void)
{
  g_autofree char *dir = g_dir_make_tmp ("mg-sidecar-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "shared.marginalia.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(MgDocument) document = speech ();
  g_autoptr(MgSidecar) writer = mg_sidecar_new (file, document);
  g_autoptr(MgSidecar) reader = mg_sidecar_new (file, NULL);
  g_autoptr(GBytes) saved = NULL;
  g_autoptr(GBytes) again = NULL;
  g_autoptr(GError) error = NULL;
  MgDocument *from_text;
  guint exact, orphaned;

  g_assert_true (mg_sidecar_load (writer, NULL, &error));
  g_assert_no_error (error);
  mg_annotation_store_create (mg_sidecar_get_store (writer), 54, 64, NULL, "", FALSE, "李伟", &error);
  g_assert_no_error (error);
  mg_sidecar_set_embed_text (writer, TRUE);
  g_assert_true (mg_sidecar_save (writer, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (mg_sidecar_get_embedded_text (writer), ==, mg_document_get_text (document));

  /* Opened without the speech: the text comes from the file. */
  g_assert_true (mg_sidecar_load (reader, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (mg_sidecar_get_embedded_text (reader), ==, mg_document_get_text (document));
  g_assert_cmpstr (mg_sidecar_get_document_name (reader), ==, "讲话.txt");
  g_assert_cmpstr (mg_sidecar_get_document_sha256 (reader), ==, mg_document_get_sha256 (document));
  from_text = mg_sidecar_get_document (reader);
  g_assert_nonnull (from_text);
  g_assert_cmpstr (mg_document_get_sha256 (from_text), ==, mg_document_get_sha256 (document));
  g_assert_true (mg_annotation_store_get_document (mg_sidecar_get_store (reader)) == from_text);
  mg_sidecar_get_anchor_counts (reader, &exact, NULL, NULL, &orphaned);
  g_assert_cmpuint (exact, ==, 1);
  g_assert_cmpuint (orphaned, ==, 0);

  saved = file_bytes (path);
  g_assert_nonnull (strstr (g_bytes_get_data (saved, NULL), "\"text\": \"在全市作风建设大会上的讲话\\n\\n义乌人"));
  again = mg_sidecar_serialize (reader);
  assert_bytes_equal (again, saved);

  /* Not embedding again drops it. */
  mg_sidecar_set_embed_text (reader, FALSE);
  g_clear_pointer (&again, g_bytes_unref);
  again = mg_sidecar_serialize (reader);
  g_assert_null (strstr (g_bytes_get_data (again, NULL), "\"text\""));
  rm_rf (dir);
}

static void
test_reanchor_on_load (void)
{
  g_autofree char *dir = g_dir_make_tmp ("mg-sidecar-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "讲话.txt.marginalia.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GBytes) golden = fixture_bytes ("golden.marginalia.json");
  g_autofree char *text = speech_text ();
  g_autoptr(GString) edited = g_string_new (text);
  g_autoptr(MgDocument) document = NULL;
  g_autoptr(MgSidecar) sidecar = NULL;
  g_autoptr(MgSidecar) after_save = NULL;
  g_autoptr(GBytes) untouched = NULL;
  g_autoptr(GError) error = NULL;
  guint exact, moved, fuzzy, orphaned;
  MgAnnotation *a;

  write_file (path, golden);
  g_string_insert (edited, strstr (text, "233") - text, "共计");
  document = mg_document_new_for_text (edited->str, -1, "讲话.txt");
  sidecar = mg_sidecar_new (file, document);

  g_assert_true (mg_sidecar_load (sidecar, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (mg_sidecar_get_reanchored (sidecar));
  mg_sidecar_get_anchor_counts (sidecar, &exact, &moved, &fuzzy, &orphaned);
  g_test_message ("exact %u moved %u fuzzy %u orphaned %u", exact, moved, fuzzy, orphaned);
  g_assert_cmpuint (exact, ==, 1);
  g_assert_cmpuint (moved, ==, 3);
  g_assert_cmpuint (fuzzy, ==, 0);
  g_assert_cmpuint (orphaned, ==, 1);
  g_assert_cmpuint (mg_annotation_store_get_n_annotations (mg_sidecar_get_store (sidecar)), ==, 5);
  a = lookup (sidecar, "0e6a1c44-8a53-4d2e-9a0e-2b2f1d9c3e55");
  g_assert_cmpuint (mg_annotation_get_start (a), ==, 56);
  g_assert_cmpint (mg_annotation_get_anchor_state (a), ==, MG_ANCHOR_STATE_MOVED);
  a = lookup (sidecar, "ffff0000-0000-4000-8000-00000000000f");
  g_assert_true (mg_annotation_is_orphaned (a));

  /* Re-anchoring happens in memory only. */
  untouched = file_bytes (path);
  assert_bytes_equal (untouched, golden);

  g_assert_true (mg_sidecar_save (sidecar, NULL, &error));
  g_assert_no_error (error);
  after_save = mg_sidecar_new (file, document);
  g_assert_true (mg_sidecar_load (after_save, NULL, &error));
  g_assert_no_error (error);
  g_assert_false (mg_sidecar_get_reanchored (after_save));
  mg_sidecar_get_anchor_counts (after_save, &exact, &moved, &fuzzy, &orphaned);
  g_assert_cmpuint (exact, ==, 4);
  g_assert_cmpuint (moved, ==, 0);
  g_assert_cmpuint (orphaned, ==, 1);
  rm_rf (dir);
}

static void
test_empty_document (void)
{
  g_autofree char *path = fixture_path ("golden.marginalia.json");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(MgDocument) empty = mg_document_new_for_text ("", 0, "讲话.txt");
  g_autoptr(MgSidecar) sidecar = mg_sidecar_new (file, empty);
  g_autoptr(GError) error = NULL;
  guint exact, moved, fuzzy, orphaned;

  /* Nothing can be placed on an empty speech; nothing is dropped. */
  g_assert_true (mg_sidecar_load (sidecar, NULL, &error));
  g_assert_no_error (error);
  mg_sidecar_get_anchor_counts (sidecar, &exact, &moved, &fuzzy, &orphaned);
  g_assert_cmpuint (exact + moved + fuzzy, ==, 0);
  g_assert_cmpuint (orphaned, ==, 5);
  g_assert_cmpuint (mg_annotation_store_get_n_annotations (mg_sidecar_get_store (sidecar)), ==, 5);
  g_assert_true (mg_sidecar_get_reanchored (sidecar));
}

static void
assert_order (JsonObject         *object,
              const char * const *expected)
{
  GList *names = json_object_get_members (object);
  guint i = 0;

  for (GList *l = names; l != NULL && expected[i] != NULL; l = l->next, i++)
    g_assert_cmpstr (l->data, ==, expected[i]);
  g_assert_null (expected[i]);
  g_list_free (names);
}

/* The contract's member order, the writer's and the JSON Schema's agree. */
static void
test_schema_and_order (void)
{
  static const char * const top[] = { "format", "version", "document", "tags", "annotations", "dismissed", NULL };
  static const char * const document_keys[] = { "name", "sha256", "length", "encoding", "title", "text", NULL };
  static const char * const document_written[] = { "name", "sha256", "length", "encoding", "title", NULL };
  static const char * const tag[] = { "id", "name", "color", "description", "lexicon", NULL };
  static const char * const dismissed[] = { "kind", "start", "end", "quote", NULL };
  static const char * const annotation[] = {
    "id", "start", "end", "quote", "prefix", "suffix", "tags", "note", "starred",
    "author", "contributors", "created", "modified", "orphaned", NULL
  };
  static const char * const annotation_plain[] = {
    "id", "start", "end", "quote", "prefix", "suffix", "tags", "note", "starred",
    "author", "created", "modified", NULL
  };
  g_autofree char *schema_path = g_test_build_filename (G_TEST_DIST, "..", "data",
                                                        "marginalia-annotations.schema.json", NULL);
  g_autoptr(JsonParser) schema = json_parser_new ();
  g_autoptr(JsonParser) written = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(MgDocument) document = speech ();
  g_autoptr(GFile) file = g_file_new_for_path ("/nonexistent/o.marginalia.json");
  g_autoptr(MgSidecar) sidecar = mg_sidecar_new (file, document);
  g_autoptr(GBytes) out = NULL;
  JsonObject *props, *items;
  JsonArray *annotations;

  json_parser_load_from_file (schema, schema_path, &error);
  g_assert_no_error (error);
  props = json_object_get_object_member (json_node_get_object (json_parser_get_root (schema)), "properties");
  assert_order (props, top);
  assert_order (json_object_get_object_member (json_object_get_object_member (props, "document"), "properties"),
                document_keys);
  items = json_object_get_object_member (json_object_get_object_member (props, "tags"), "items");
  assert_order (json_object_get_object_member (items, "properties"), tag);
  items = json_object_get_object_member (json_object_get_object_member (props, "annotations"), "items");
  assert_order (json_object_get_object_member (items, "properties"), annotation);
  items = json_object_get_object_member (json_object_get_object_member (props, "dismissed"), "items");
  assert_order (json_object_get_object_member (items, "properties"), dismissed);

  /* What the writer produces, read back with json-glib. */
  g_assert_true (mg_sidecar_load (sidecar, NULL, &error));
  g_assert_no_error (error);
  mg_annotation_store_create (mg_sidecar_get_store (sidecar), 26, 30, NULL, "", FALSE, "李伟", &error);
  g_assert_no_error (error);
  mg_annotation_store_set_tag_lexicon (mg_sidecar_get_store (sidecar), "policy-goal",
                                       (const char * const []) { "扩大国内需求", NULL }, &error);
  g_assert_no_error (error);
  {
    g_autoptr(MgDismissal) d = mg_dismissal_new (MG_SUGGESTION_SLOGAN, 26, 30, "出六进四");

    mg_annotation_store_dismiss (mg_sidecar_get_store (sidecar), d, &error);
    g_assert_no_error (error);
  }
  out = mg_sidecar_serialize (sidecar);
  json_parser_load_from_data (written, g_bytes_get_data (out, NULL), (gssize) g_bytes_get_size (out), &error);
  g_assert_no_error (error);
  props = json_node_get_object (json_parser_get_root (written));
  assert_order (props, top);
  assert_order (json_object_get_object_member (props, "document"), document_written);
  assert_order (json_array_get_object_element (json_object_get_array_member (props, "tags"), 0), tag);
  annotations = json_object_get_array_member (props, "annotations");
  assert_order (json_array_get_object_element (annotations, 0), annotation_plain);
  assert_order (json_array_get_object_element (json_object_get_array_member (props, "dismissed"), 0),
                dismissed);
}

/* The window moves the annotations onto a changed text through the store:
 * the sidecar then describes that text. */
static void
test_store_document_written (void)
{
  g_autofree char *path = fixture_path ("golden.marginalia.json");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(MgDocument) document = speech ();
  g_autoptr(MgDocument) changed = mg_document_new_for_text ("新的文本\n", -1, "新.txt");
  g_autoptr(MgSidecar) sidecar = mg_sidecar_new (file, document);
  g_autoptr(GBytes) out = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *sha = NULL;

  g_assert_true (mg_sidecar_load (sidecar, NULL, &error));
  g_assert_no_error (error);
  mg_annotation_store_set_document (mg_sidecar_get_store (sidecar), changed);
  out = mg_sidecar_serialize (sidecar);
  sha = g_strdup_printf ("\"sha256\": \"%s\"", mg_document_get_sha256 (changed));
  g_assert_nonnull (strstr (g_bytes_get_data (out, NULL), sha));
  g_assert_nonnull (strstr (g_bytes_get_data (out, NULL), "\"name\": \"新.txt\""));
}

static void
on_loaded (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static gboolean
load_async_and_wait (MgSidecar  *sidecar,
                     GError    **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  mg_sidecar_load_async (sidecar, NULL, on_loaded, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  return mg_sidecar_load_finish (sidecar, result, error);
}

static void
test_load_async (void)
{
  g_autofree char *path = fixture_path ("golden.marginalia.json");
  g_autofree char *broken_path = fixture_path ("invalid-many.marginalia.json");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFile) broken_file = g_file_new_for_path (broken_path);
  g_autoptr(GBytes) original = fixture_bytes ("golden.marginalia.json");
  g_autoptr(MgDocument) document = speech ();
  g_autoptr(MgSidecar) sidecar = mg_sidecar_new (file, document);
  g_autoptr(MgSidecar) broken = mg_sidecar_new (broken_file, document);
  g_autoptr(GBytes) out = NULL;
  g_autoptr(GError) error = NULL;
  guint exact, orphaned;

  g_assert_true (load_async_and_wait (sidecar, &error));
  g_assert_no_error (error);
  out = mg_sidecar_serialize (sidecar);
  assert_bytes_equal (out, original);
  mg_sidecar_get_anchor_counts (sidecar, &exact, NULL, NULL, &orphaned);
  g_assert_cmpuint (exact, ==, 4);
  g_assert_cmpuint (orphaned, ==, 1);
  g_assert_cmpuint (mg_annotation_store_get_n_annotations (mg_sidecar_get_store (sidecar)), ==, 5);

  g_assert_false (load_async_and_wait (broken, &error));
  g_assert_error (error, MG_SIDECAR_ERROR, MG_SIDECAR_ERROR_INVALID);
  g_assert_true (mg_sidecar_get_broken (broken));
  g_assert_cmpuint (mg_sidecar_get_problems (broken)->len, ==, 9);
}

static gboolean
save_async_and_wait (MgSidecar  *sidecar,
                     gboolean    change_meanwhile,
                     GError    **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  mg_sidecar_save_async (sidecar, NULL, on_loaded, &result);
  if (change_meanwhile)
    {
      MgAnnotationStore *store = mg_sidecar_get_store (sidecar);

      mg_annotation_store_set_note (store, mg_annotation_store_get_annotation (store, 0), "later");
    }
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  return mg_sidecar_save_finish (sidecar, result, error);
}

/* The bytes written are those of the moment of the call; a change made
 * while the thread writes keeps the store dirty. Errors come back. */
static void
test_save_async (void)
{
  g_autofree char *dir = g_dir_make_tmp ("mg-sidecar-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "讲话.txt.marginalia.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(MgDocument) document = speech ();
  g_autoptr(MgSidecar) sidecar = mg_sidecar_new (file, document);
  g_autoptr(MgSidecar) again = mg_sidecar_new (file, document);
  g_autoptr(GBytes) expected = NULL;
  g_autoptr(GBytes) written = NULL;
  g_autoptr(GError) error = NULL;
  MgAnnotationStore *store;

  g_assert_true (mg_sidecar_load (sidecar, NULL, &error));
  store = mg_sidecar_get_store (sidecar);
  g_assert_nonnull (mg_annotation_store_create (store, 26, 30, NULL, "first", FALSE, "李伟", &error));
  g_assert_no_error (error);

  expected = mg_sidecar_serialize (sidecar);
  g_assert_true (save_async_and_wait (sidecar, TRUE, &error));
  g_assert_no_error (error);
  written = g_file_load_bytes (file, NULL, NULL, &error);
  g_assert_no_error (error);
  assert_bytes_equal (written, expected);
  g_assert_true (mg_sidecar_get_exists (sidecar));
  g_assert_true (mg_annotation_store_get_dirty (store));

  /* Nothing changed meanwhile: clean, and the file reads back. */
  g_assert_true (save_async_and_wait (sidecar, FALSE, &error));
  g_assert_no_error (error);
  g_assert_false (mg_annotation_store_get_dirty (store));
  g_assert_true (mg_sidecar_load (again, NULL, &error));
  g_assert_cmpstr (mg_annotation_get_note (mg_annotation_store_get_annotation (mg_sidecar_get_store (again), 0)), ==, "later");

  /* A folder in the file's place: the error comes back, still dirty. */
  mg_annotation_store_set_note (store, mg_annotation_store_get_annotation (store, 0), "again");
  g_assert_cmpint (g_remove (path), ==, 0);
  g_assert_cmpint (g_mkdir (path, 0755), ==, 0);
  g_assert_false (save_async_and_wait (sidecar, FALSE, &error));
  g_assert_error (error, MG_SIDECAR_ERROR, MG_SIDECAR_ERROR_WRITE);
  g_assert_true (mg_annotation_store_get_dirty (store));
  g_assert_cmpint (g_rmdir (path), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

/* The save copies what it writes when it is called: changes made while
 * its thread has not yet serialised anything (held here) are not in the
 * file, to the byte, unknown members and dismissals included. */
static void
test_save_async_snapshot (void)
{
  g_autofree char *dir = g_dir_make_tmp ("mg-sidecar-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "讲话.txt.marginalia.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GBytes) golden = fixture_bytes ("golden.marginalia.json");
  g_autoptr(MgDocument) document = speech ();
  g_autoptr(MgSidecar) sidecar = mg_sidecar_new (file, document);
  g_autoptr(MgSidecar) other = NULL;
  g_autoptr(MgDismissal) dismissal = mg_dismissal_new (MG_SUGGESTION_FIGURE, 54, 64, "233 个国家和地区");
  g_autoptr(MgTag) renamed = NULL;
  g_autoptr(MgAnnotation) changed = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GBytes) expected = NULL;
  g_autoptr(GBytes) written = NULL;
  g_autoptr(GBytes) now = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *sum = NULL;
  const char * const tags[] = { "policy-goal", NULL };
  MgAnnotationStore *store;
  MgAnnotation *first;

  write_file (path, golden);
  g_assert_true (mg_sidecar_load (sidecar, NULL, &error));
  g_assert_no_error (error);
  store = mg_sidecar_get_store (sidecar);
  g_assert_true (mg_annotation_store_dismiss (store, dismissal, &error));
  g_assert_no_error (error);
  expected = mg_sidecar_serialize (sidecar);

  _mg_sidecar_hold_async_saves (TRUE);
  mg_sidecar_save_async (sidecar, NULL, on_loaded, &result);

  /* Every kind of change, each touching what the copy was made of. */
  first = mg_annotation_store_get_annotation (store, 0);
  mg_annotation_store_set_note (store, first, "改了");
  mg_annotation_store_set_starred (store, first, !mg_annotation_get_starred (first));
  g_assert_true (mg_annotation_store_set_tags (store, first, tags, &error));
  changed = mg_annotation_copy (mg_annotation_store_get_annotation (store, 1));
  mg_annotation_set_contributors (changed, NULL);
  _mg_annotation_set_extra (changed, NULL);
  mg_annotation_store_update (store, mg_annotation_store_get_annotation (store, 1), changed);
  g_assert_true (mg_annotation_store_remove (store, mg_annotation_store_get_annotation (store, 2)));
  g_assert_nonnull (mg_annotation_store_create (store, 26, 30, NULL, "new", FALSE, "李伟", &error));
  renamed = mg_tag_copy (mg_tag_set_get_tag (mg_annotation_store_get_tag_set (store), 3));
  mg_tag_set_name (renamed, "改革开放");
  _mg_tag_set_extra (renamed, NULL);
  g_assert_true (mg_annotation_store_update_tag (store, renamed, &error));
  g_assert_true (mg_annotation_store_undismiss (store, MG_SUGGESTION_FIGURE, 54, 64));
  other = mg_sidecar_new (file, NULL);
  _mg_sidecar_adopt_unknown_members (sidecar, other);
  g_assert_no_error (error);
  now = mg_sidecar_serialize (sidecar);
  g_assert_false (g_bytes_equal (now, expected));

  _mg_sidecar_hold_async_saves (FALSE);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (mg_sidecar_save_finish (sidecar, result, &error));
  g_assert_no_error (error);
  written = g_file_load_bytes (file, NULL, NULL, &error);
  g_assert_no_error (error);
  assert_bytes_equal (written, expected);
  /* What changed since is still to be saved. */
  g_assert_true (mg_annotation_store_get_dirty (store));
  sum = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, expected);
  g_assert_cmpstr (_mg_sidecar_get_file_checksum (sidecar), ==, sum);
  rm_rf (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/sidecar/default-file", test_default_file);
  g_test_add_func ("/sidecar/schema-and-order", test_schema_and_order);
  g_test_add_func ("/sidecar/round-trip/golden", test_golden_round_trip);
  g_test_add_func ("/sidecar/load-async", test_load_async);
  g_test_add_func ("/sidecar/save-async", test_save_async);
  g_test_add_func ("/sidecar/save-async/snapshot", test_save_async_snapshot);
  g_test_add_func ("/sidecar/round-trip/exact-bytes", test_exact_bytes);
  g_test_add_func ("/sidecar/round-trip/create-save-load", test_create_save_load);
  g_test_add_func ("/sidecar/file-checksums", test_file_checksums);
  g_test_add_func ("/sidecar/newer-version", test_newer_version);
  g_test_add_func ("/sidecar/embedded-text", test_embedded_text);
  g_test_add_func ("/sidecar/store-document-written", test_store_document_written);
  g_test_add_func ("/sidecar/empty-document", test_empty_document);
  g_test_add_func ("/sidecar/reanchor-on-load", test_reanchor_on_load);

  return g_test_run ();
}
