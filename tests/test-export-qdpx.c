/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "export-fixture.h"
#include "mg-export.h"
#include "mg-summary.h"
#include "mg-zip-writer.h"
#include "qdpx-project.h"
#include "zip-reader.h"

/* ---- helpers ---- */

static GBytes *
export_qdpx (MgAnnotationStore     *store,
             const MgSummaryFilter *filter)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MgSummary) summary = mg_summary_new (store, filter, &error);
  GBytes *bytes;

  g_assert_no_error (error);
  bytes = mg_export_to_bytes (summary, MG_EXPORT_FORMAT_QDPX, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (bytes);
  return bytes;
}

/* Writes @bytes to a temporary file and lets Python's zipfile check it. */
static void
check_with_python (GBytes             *bytes,
                   const char * const *names)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("mg-qdpx-XXXXXX", &error);
  g_autofree char *path = NULL;

  g_assert_no_error (error);
  path = g_build_filename (dir, "archive.zip", NULL);
  g_assert_true (g_file_set_contents (path, g_bytes_get_data (bytes, NULL),
                                      g_bytes_get_size (bytes), &error));
  g_assert_no_error (error);
  zip_check_with_python (path, names);
  g_unlink (path);
  g_rmdir (dir);
}

/* The project read back from a qdpx archive: exactly project.qde and the
 * text, whose name the project gives; @out_text gets the text. */
static QdeProject *
read_project (GBytes  *archive,
              GBytes **out_text)
{
  g_autoptr(GPtrArray) entries = zip_read (archive);
  QdeProject *project;
  ZipReadEntry *first;
  ZipReadEntry *second;
  g_autofree char *text_name = NULL;
  g_autofree char *text_path = NULL;

  g_assert_cmpuint (entries->len, ==, 2);
  first = g_ptr_array_index (entries, 0);
  second = g_ptr_array_index (entries, 1);
  g_assert_cmpstr (first->name, ==, "project.qde");

  project = qde_parse (first->data);
  g_assert_cmpstr (project->xmlns, ==, "urn:QDA-XML:project:1.0");
  g_assert_cmpstr (project->origin, ==, "Marginalia");
  g_assert_cmpuint (project->n_sources, ==, 1);
  text_name = g_strdup_printf ("sources/%s.txt", project->source_guid);
  text_path = g_strdup_printf ("internal://%s.txt", project->source_guid);
  g_assert_cmpstr (second->name, ==, text_name);
  g_assert_cmpstr (project->plain_text_path, ==, text_path);

  {
    const char *names[] = { first->name, second->name, NULL };

    check_with_python (archive, names);
  }
  *out_text = g_bytes_ref (second->data);
  return project;
}

static guint
count_codings_to (QdeProject *project,
                  const char *code_guid)
{
  guint n = 0;

  for (guint i = 0; i < project->selections->len; i++)
    {
      QdeSelection *selection = g_ptr_array_index (project->selections, i);

      for (guint c = 0; c < selection->codings->len; c++)
        n += g_str_equal (g_ptr_array_index (selection->codings, c), code_guid);
    }
  return n;
}

static QdeSelection *
find_selection (QdeProject *project,
                MgDocument *document,
                const char *quote)
{
  guint start = 0, end = 0;

  g_assert_true (fixture_find (document, quote, 1, &start, &end));
  for (guint i = 0; i < project->selections->len; i++)
    {
      QdeSelection *selection = g_ptr_array_index (project->selections, i);

      if (selection->start == start && selection->end == end)
        return selection;
    }
  return NULL;
}

/* ---- the zip writer ---- */

static GBytes *
make_archive (GDateTime *mtime,
              GBytes    *noise,
              GBytes    *big)
{
  g_autoptr(MgZipWriter) zip = NULL;
  g_autoptr(GError) error = NULL;
  GString *out = g_string_new (NULL);
  /* Long enough to be worth deflating (libdeflate stores anything under
   * 56 bytes as it is). */
  const char *hello = "hello, hello, hello, hello, hello, hello, hello\n"
                      "hello, hello, hello, hello, hello, hello, hello\n";

  zip = mg_zip_writer_new (out, mtime);
  g_assert_true (mg_zip_writer_add (zip, "hello.txt", hello, strlen (hello), MG_ZIP_METHOD_DEFLATE, &error));
  g_assert_no_error (error);
  g_assert_true (mg_zip_writer_add (zip, "empty", NULL, 0, MG_ZIP_METHOD_DEFLATE, &error));
  g_assert_true (mg_zip_writer_add (zip, "dir/讲话.txt", "讲话", strlen ("讲话"), MG_ZIP_METHOD_STORE, &error));
  g_assert_true (mg_zip_writer_add (zip, "noise.bin", g_bytes_get_data (noise, NULL),
                                    g_bytes_get_size (noise), MG_ZIP_METHOD_DEFLATE, &error));
  g_assert_true (mg_zip_writer_add (zip, "big.txt", g_bytes_get_data (big, NULL),
                                    g_bytes_get_size (big), MG_ZIP_METHOD_DEFLATE, &error));
  g_assert_no_error (error);

  /* Names that would point outside the archive, or repeat one. */
  g_assert_false (mg_zip_writer_add (zip, "/etc/passwd", "x", 1, MG_ZIP_METHOD_STORE, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  g_assert_false (mg_zip_writer_add (zip, "a/../../b", "x", 1, MG_ZIP_METHOD_STORE, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  g_assert_false (mg_zip_writer_add (zip, "", "x", 1, MG_ZIP_METHOD_STORE, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  g_assert_false (mg_zip_writer_add (zip, "hello.txt", "x", 1, MG_ZIP_METHOD_STORE, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);

  g_assert_true (mg_zip_writer_finish (zip, &error));
  g_assert_no_error (error);
  return g_string_free_to_bytes (out);
}

static void
test_zip_writer (void)
{
  g_autoptr(GDateTime) mtime = g_date_time_new_utc (2026, 11, 28, 9, 32, 45);
  g_autoptr(GDateTime) old = g_date_time_new_utc (1970, 1, 1, 0, 0, 0);
  g_autoptr(GByteArray) noise = g_byte_array_new ();
  g_autoptr(GString) big = g_string_new (NULL);
  g_autoptr(GBytes) noise_bytes = NULL;
  g_autoptr(GBytes) big_bytes = NULL;
  g_autoptr(GBytes) archive = NULL;
  g_autoptr(GBytes) again = NULL;
  g_autoptr(GBytes) archive_1970 = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GPtrArray) entries_1970 = NULL;
  GRand *rand = g_rand_new_with_seed (7);
  const char *names[] = { "hello.txt", "empty", "dir/讲话.txt", "noise.bin", "big.txt", NULL };

  for (guint i = 0; i < 4096; i++)
    {
      guint8 b = (guint8) g_rand_int_range (rand, 0, 256);

      g_byte_array_append (noise, &b, 1);
    }
  g_rand_free (rand);
  for (guint i = 0; big->len < 1024 * 1024; i++)
    g_string_append_printf (big, "第 %u 段：地区生产总值增长 7%% 左右。\n", i);
  noise_bytes = g_bytes_new (noise->data, noise->len);
  big_bytes = g_bytes_new (big->str, big->len);

  archive = make_archive (mtime, noise_bytes, big_bytes);
  entries = zip_read (archive);
  g_assert_cmpuint (entries->len, ==, 5);
  for (guint i = 0; i < entries->len; i++)
    {
      ZipReadEntry *entry = g_ptr_array_index (entries, i);

      g_assert_cmpstr (entry->name, ==, names[i]);
      /* 2026-11-28 09:32:44 (two-second steps), rw-r--r-- */
      g_assert_cmphex (entry->dos_time, ==, (9 << 11) | (32 << 5) | 22);
      g_assert_cmphex (entry->dos_date, ==, (46 << 9) | (11 << 5) | 28);
      g_assert_cmpuint (entry->external_attributes >> 16, ==, 0100644);
      /* Only the non-ASCII name is flagged as UTF-8. */
      g_assert_cmphex (entry->flags, ==, i == 2 ? 0x0800 : 0);
    }
  g_assert_cmpuint (((ZipReadEntry *) g_ptr_array_index (entries, 0))->method, ==, 8);
  g_assert_cmpmem (g_bytes_get_data (zip_find (entries, "hello.txt"), NULL),
                   g_bytes_get_size (zip_find (entries, "hello.txt")),
                   "hello, hello, hello, hello, hello, hello, hello\n"
                   "hello, hello, hello, hello, hello, hello, hello\n", 96);
  g_assert_cmpuint (((ZipReadEntry *) g_ptr_array_index (entries, 1))->method, ==, 0);
  g_assert_cmpuint (g_bytes_get_size (zip_find (entries, "empty")), ==, 0);
  g_assert_cmpuint (((ZipReadEntry *) g_ptr_array_index (entries, 2))->method, ==, 0);
  g_assert_cmpmem (g_bytes_get_data (zip_find (entries, "dir/讲话.txt"), NULL),
                   g_bytes_get_size (zip_find (entries, "dir/讲话.txt")), "讲话", strlen ("讲话"));
  /* Noise does not deflate: stored as it is. */
  g_assert_cmpuint (((ZipReadEntry *) g_ptr_array_index (entries, 3))->method, ==, 0);
  g_assert_true (g_bytes_equal (zip_find (entries, "noise.bin"), noise_bytes));
  g_assert_cmpuint (((ZipReadEntry *) g_ptr_array_index (entries, 4))->method, ==, 8);
  g_assert_true (g_bytes_equal (zip_find (entries, "big.txt"), big_bytes));
  g_assert_cmpuint (g_bytes_get_size (archive), <, big->len / 4);
  check_with_python (archive, names);

  /* The same entries and time: the same bytes. */
  again = make_archive (mtime, noise_bytes, big_bytes);
  g_assert_true (g_bytes_equal (archive, again));

  /* Before 1980 there is no DOS date: 1980-01-01 00:00. */
  archive_1970 = make_archive (old, noise_bytes, big_bytes);
  entries_1970 = zip_read (archive_1970);
  g_assert_cmphex (((ZipReadEntry *) g_ptr_array_index (entries_1970, 0))->dos_date, ==, (1 << 5) | 1);
  g_assert_cmphex (((ZipReadEntry *) g_ptr_array_index (entries_1970, 0))->dos_time, ==, 0);
}

/* ---- the project ---- */

static void
test_project_zh (void)
{
  g_autoptr(MgAnnotationStore) store = fixture_store_zh ();
  g_autoptr(GError) error = NULL;
  g_autoptr(MgSummary) summary = mg_summary_new (store, NULL, &error);
  g_autoptr(GBytes) archive = export_qdpx (store, NULL);
  g_autoptr(GBytes) text = NULL;
  g_autoptr(QdeProject) project = read_project (archive, &text);
  g_autofree char *speech_path = g_test_build_filename (G_TEST_DIST, "data", "export", "speech-zh.txt", NULL);
  g_autofree char *speech = NULL;
  g_autofree char *text_string = NULL;
  gsize speech_size;
  const QdeCode *starred;
  const char *li_wei;
  const char *wang_fang;
  guint placed = 0;

  g_assert_no_error (error);

  /* The text, byte for byte. */
  g_assert_true (g_file_get_contents (speech_path, &speech, &speech_size, &error));
  g_assert_no_error (error);
  g_assert_cmpmem (g_bytes_get_data (text, NULL), g_bytes_get_size (text), speech, speech_size);
  text_string = g_strndup (g_bytes_get_data (text, NULL), g_bytes_get_size (text));

  g_assert_cmpstr (project->name, ==, mg_summary_get_title (summary));
  g_assert_cmpstr (project->created, ==, mg_summary_get_date (summary));
  g_assert_cmpstr (project->source_name, ==, "speech-zh.txt");

  /* Users: the two authors. */
  g_assert_cmpuint (project->user_guids->len, ==, 2);
  li_wei = qde_find_user (project, "李伟");
  wang_fang = qde_find_user (project, "Wang Fang");
  g_assert_nonnull (li_wei);
  g_assert_nonnull (wang_fang);

  /* Codes: the three tags, then Starred. */
  g_assert_cmpuint (project->codes->len, ==, 4);
  g_assert_cmpstr (((QdeCode *) g_ptr_array_index (project->codes, 0))->name, ==, "Policy goal");
  g_assert_cmpstr (((QdeCode *) g_ptr_array_index (project->codes, 1))->name, ==, "Figure");
  g_assert_cmpstr (((QdeCode *) g_ptr_array_index (project->codes, 2))->name, ==, "Slogan");
  starred = g_ptr_array_index (project->codes, 3);
  g_assert_cmpstr (starred->name, ==, "Starred");
  for (guint i = 0; i < project->codes->len; i++)
    {
      const QdeCode *code = g_ptr_array_index (project->codes, i);

      g_assert_nonnull (code->color);
      g_assert_true (g_regex_match_simple ("^#[0-9a-f]{6}$", code->color, 0, 0));
    }

  /* Seven placed annotations; the orphan is left out. Codings: one per
   * tag (7) and one per star (3). */
  g_assert_cmpuint (project->selections->len, ==, 7);
  g_assert_cmpuint (project->n_codings, ==, 10);
  g_assert_cmpuint (count_codings_to (project, starred->guid), ==, 3);
  g_assert_cmpuint (count_codings_to (project, qde_find_code (project, "Figure")->guid), ==, 3);

  /* Positions are code points of the text: each selection's text is the
   * annotation's quote. */
  for (guint i = 0; i < mg_summary_get_n_items (summary); i++)
    {
      const MgSummaryItem *item = mg_summary_get_item (summary, i);
      QdeSelection *selection;
      g_autofree char *quoted = NULL;

      if (item->orphaned)
        continue;
      selection = g_ptr_array_index (project->selections, placed++);
      quoted = g_utf8_substring (text_string, selection->start, selection->end);
      g_assert_cmpstr (quoted, ==, item->quote);
      g_assert_cmpstr (selection->user, ==, g_str_equal (item->author, "李伟") ? li_wei : wang_fang);
      g_assert_cmpstr (selection->created, ==, FIXTURE_TIME);
      g_assert_cmpstr (selection->description, ==, *item->note != '\0' ? item->note : NULL);
    }
  g_assert_cmpuint (placed, ==, 7);

  {
    MgDocument *document = mg_annotation_store_get_document (store);
    QdeSelection *slogan = find_selection (project, document, "项目为王");
    QdeSelection *multiline = find_selection (project, document, "地区生产总值增长 7% 左右");
    g_autofree char *quoted = NULL;

    g_assert_nonnull (slogan);
    quoted = g_utf8_substring (text_string, slogan->start, slogan->end);
    g_assert_cmpstr (quoted, ==, "项目为王");
    g_assert_cmpstr (slogan->description, ==, "Compare: \"project first\" & <b>more</b>");
    g_assert_cmpuint (slogan->codings->len, ==, 2);
    g_assert_nonnull (multiline);
    g_assert_cmpstr (multiline->description, ==, "今年的核心指标\n第二行说明");
    g_assert_cmpuint (multiline->codings->len, ==, 2);
  }
}

/* The tags' guids are the codebook's; every guid stays the same from one
 * export to the next. */
static void
test_stable_guids (void)
{
  g_autoptr(MgAnnotationStore) store = fixture_store_zh ();
  g_autoptr(MgAnnotationStore) other = fixture_store_zh ();
  g_autoptr(GBytes) archive = export_qdpx (store, NULL);
  g_autoptr(GBytes) archive_other = export_qdpx (other, NULL);
  g_autoptr(GBytes) text = NULL;
  g_autoptr(GBytes) text_other = NULL;
  g_autoptr(QdeProject) project = read_project (archive, &text);
  g_autoptr(QdeProject) project_other = read_project (archive_other, &text_other);
  g_autoptr(GError) error = NULL;
  g_autoptr(MgSummary) summary = mg_summary_new (store, NULL, &error);
  g_autoptr(GBytes) qdc = mg_export_to_bytes (summary, MG_EXPORT_FORMAT_QDC, NULL, NULL, NULL, &error);
  g_autoptr(QdeProject) codebook = NULL;

  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (archive, archive_other));

  /* The codebook export is QDA-XML too: the same reader takes its codes. */
  codebook = qde_parse (qdc);
  g_assert_cmpuint (codebook->codes->len, ==, 3);
  for (guint i = 0; i < codebook->codes->len; i++)
    {
      const QdeCode *code = g_ptr_array_index (codebook->codes, i);
      const QdeCode *same = qde_find_code (project, code->name);

      g_assert_nonnull (same);
      g_assert_cmpstr (same->guid, ==, code->guid);
      g_assert_cmpstr (same->color, ==, code->color);
    }
  g_assert_cmpstr (project->source_guid, ==, project_other->source_guid);
}

static void
test_filters (void)
{
  g_autoptr(MgAnnotationStore) store = fixture_store_zh ();
  const char *figure[] = { "figure", NULL };
  const char *policy[] = { "policy-goal", NULL };

  {
    MgSummaryFilter filter = { figure, NULL, FALSE };
    g_autoptr(GBytes) archive = export_qdpx (store, &filter);
    g_autoptr(GBytes) text = NULL;
    g_autoptr(QdeProject) project = read_project (archive, &text);

    /* Only the figure code (and the star of one of them); the policy-goal
     * tag of a figure is not coded. */
    g_assert_cmpuint (project->codes->len, ==, 2);
    g_assert_nonnull (qde_find_code (project, "Figure"));
    g_assert_nonnull (qde_find_code (project, "Starred"));
    g_assert_cmpuint (project->selections->len, ==, 3);
    g_assert_cmpuint (project->n_codings, ==, 4);
    g_assert_cmpuint (project->user_guids->len, ==, 1);
  }
  {
    MgSummaryFilter filter = { NULL, NULL, TRUE };
    g_autoptr(GBytes) archive = export_qdpx (store, &filter);
    g_autoptr(GBytes) text = NULL;
    g_autoptr(QdeProject) project = read_project (archive, &text);
    const QdeCode *starred = qde_find_code (project, "Starred");

    g_assert_cmpuint (project->selections->len, ==, 3);
    g_assert_nonnull (starred);
    g_assert_cmpuint (count_codings_to (project, starred->guid), ==, 3);
  }
  {
    MgSummaryFilter filter = { NULL, "Wang Fang", FALSE };
    g_autoptr(GBytes) archive = export_qdpx (store, &filter);
    g_autoptr(GBytes) text = NULL;
    g_autoptr(QdeProject) project = read_project (archive, &text);

    g_assert_cmpuint (project->user_guids->len, ==, 1);
    g_assert_nonnull (qde_find_user (project, "Wang Fang"));
    g_assert_cmpuint (project->selections->len, ==, 2);
  }
  {
    /* Wang Fang's only policy goal is the orphan: nothing to select, no
     * users, no star, the text all the same. */
    MgSummaryFilter filter = { policy, "Wang Fang", FALSE };
    g_autoptr(GBytes) archive = export_qdpx (store, &filter);
    g_autoptr(GBytes) text = NULL;
    g_autoptr(QdeProject) project = read_project (archive, &text);

    g_assert_cmpuint (project->selections->len, ==, 0);
    g_assert_cmpuint (project->user_guids->len, ==, 0);
    g_assert_cmpuint (project->codes->len, ==, 1);
    g_assert_cmpuint (g_bytes_get_size (text), ==,
                      mg_document_get_size (mg_annotation_store_get_document (store)));
  }
}

/* User text with markup, line breaks and characters XML does not allow. */
static void
test_escaping (void)
{
  g_autoptr(MgAnnotationStore) store = fixture_store_en ();
  g_autoptr(MgTag) tag = mg_tag_new ("quotes", "\"Quotes\" & <more>", "#123456", "Lines <to>\tcite");
  g_autoptr(MgAnnotation) annotation = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) archive = NULL;
  g_autoptr(GBytes) text = NULL;
  g_autoptr(QdeProject) project = NULL;
  const char *tags[] = { "quotes", NULL };
  const QdeCode *code;
  QdeSelection *selection;
  guint start = 0, end = 0;

  g_assert_true (mg_annotation_store_add_tag (store, tag, &error));
  g_assert_no_error (error);
  g_assert_true (fixture_find (mg_annotation_store_get_document (store), "Harbour City", 1, &start, &end));
  annotation = mg_annotation_new ("5e0f2d3a-7b1c-4e8f-a2b4-0000000000aa", start, end);
  mg_annotation_set_tags (annotation, tags);
  mg_annotation_set_note (annotation, "a\x01 <b>&amp;</b>\r\nnext \"line\" \xef\xbf\xbe'end'");
  mg_annotation_set_author (annotation, "O'Brien & <Co>");
  g_assert_true (mg_annotation_store_add (store, annotation, &error));
  g_assert_no_error (error);

  archive = export_qdpx (store, NULL);
  project = read_project (archive, &text);
  code = qde_find_code (project, "\"Quotes\" & <more>");
  g_assert_nonnull (code);
  g_assert_cmpstr (code->color, ==, "#123456");
  g_assert_cmpstr (code->description, ==, "Lines <to>\tcite");
  g_assert_nonnull (qde_find_user (project, "O'Brien & <Co>"));
  selection = find_selection (project, mg_annotation_store_get_document (store), "Harbour City");
  g_assert_nonnull (selection);
  g_assert_cmpstr (selection->description, ==, "a <b>&amp;</b>\r\nnext \"line\" 'end'");
  g_assert_cmpuint (selection->codings->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (selection->codings, 0), ==, code->guid);
}

/* No annotations, or no speech: still a project with its (empty) text. */
static void
test_empty (void)
{
  g_autoptr(MgDocument) document = mg_document_new_for_text ("", 0, "empty.txt");
  g_autoptr(MgAnnotationStore) empty = mg_annotation_store_new (document, NULL);
  g_autoptr(MgAnnotationStore) no_text = mg_annotation_store_new (NULL, NULL);
  g_autoptr(MgAnnotation) annotation = mg_annotation_new ("c0000000-0000-4000-8000-000000000001", 5, 9);
  g_autoptr(GError) error = NULL;
  MgAnnotationStore *stores[] = { empty, no_text };

  mg_annotation_set_quote (annotation, "lost");
  mg_annotation_set_anchor_state (annotation, MG_ANCHOR_STATE_ORPHANED);
  g_assert_true (mg_annotation_store_add (no_text, annotation, &error));
  g_assert_no_error (error);

  for (guint s = 0; s < G_N_ELEMENTS (stores); s++)
    {
      g_autoptr(GBytes) archive = export_qdpx (stores[s], NULL);
      g_autoptr(GBytes) text = NULL;
      g_autoptr(QdeProject) project = read_project (archive, &text);

      g_assert_cmpuint (project->selections->len, ==, 0);
      g_assert_cmpuint (project->user_guids->len, ==, 0);
      g_assert_cmpuint (g_bytes_get_size (text), ==, 0);
    }
}

/* Written atomically like every export; the file is the bytes. */
static void
test_file (void)
{
  g_autoptr(MgAnnotationStore) store = fixture_store_en ();
  g_autoptr(GError) error = NULL;
  g_autoptr(MgSummary) summary = mg_summary_new (store, NULL, &error);
  g_autofree char *dir = g_dir_make_tmp ("mg-qdpx-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "study.qdpx", NULL);
  g_autofree char *missing = g_build_filename (dir, "no-such-dir", "study.qdpx", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFile) bad = g_file_new_for_path (missing);
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *contents = NULL;
  gsize size;

  g_assert_no_error (error);
  g_assert_false (mg_export_format_is_text (MG_EXPORT_FORMAT_QDPX));
  g_assert_cmpstr (mg_export_format_get_extension (MG_EXPORT_FORMAT_QDPX), ==, "qdpx");

  bytes = mg_export_to_bytes (summary, MG_EXPORT_FORMAT_QDPX, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (mg_export_to_file (summary, MG_EXPORT_FORMAT_QDPX, file, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &contents, &size, NULL));
  g_assert_cmpmem (contents, size, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));

  g_assert_false (mg_export_to_file (summary, MG_EXPORT_FORMAT_QDPX, bad, NULL, NULL, NULL, &error));
  g_assert_nonnull (error);
  g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));

  g_unlink (path);
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/export-qdpx/zip-writer", test_zip_writer);
  g_test_add_func ("/export-qdpx/project-zh", test_project_zh);
  g_test_add_func ("/export-qdpx/stable-guids", test_stable_guids);
  g_test_add_func ("/export-qdpx/filters", test_filters);
  g_test_add_func ("/export-qdpx/escaping", test_escaping);
  g_test_add_func ("/export-qdpx/empty", test_empty);
  g_test_add_func ("/export-qdpx/file", test_file);

  return g_test_run ();
}
