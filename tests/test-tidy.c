/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Marginalia"
#include "config.h"

#include <string.h>
#include <glib/gstdio.h>

#include "mg-anchor.h"
#include "mg-annotation-store.h"
#include "mg-sidecar.h"
#include "mg-tidy.h"

/* Tidy on the speeches of tests/data/tidy: clean ones we wrote, and messy
 * ones made from them by bench/gen-tidy-fixtures.py (GB18030, CRLF, a BOM,
 * spaces, PDF and web line breaks, runs of blank lines, page leftovers).
 * The held-out speeches are only checked for not being changed when clean:
 * their messy copies are scored by bench/tidy-bench.py alone. */

static const char * const training[] = {
  "en-library", "en-transit", "zh-harbour", "zh-science", "zh-village", "zh-water", NULL
};
static const char * const heldout[] = { "en-harbour", "zh-heritage", "zh-youth", NULL };

static char *
data_path (const char *dir,
           const char *name)
{
  g_autofree char *file = g_strconcat (name, ".txt", NULL);

  return g_test_build_filename (G_TEST_DIST, "data", "tidy", dir, file, NULL);
}

static MgDocument *
load (const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  MgDocument *doc = mg_document_load (file, NULL, &error);

  g_assert_no_error (error);
  return doc;
}

static char *
tidy_text (const char *text,
           guint       kinds)
{
  g_autoptr(GPtrArray) changes = mg_tidy_compute (text, -1, kinds);

  return mg_tidy_apply_text (text, changes);
}

static void
assert_no_changes (const char *text,
                   const char *what)
{
  g_autoptr(GPtrArray) changes = mg_tidy_compute (text, -1, MG_TIDY_ALL);

  if (changes->len > 0)
    {
      MgTidyChange *c = g_ptr_array_index (changes, 0);

      g_test_message ("%s: %u changes, the first %s at %u", what, changes->len,
                      mg_tidy_kind_to_string (c->kind), c->start);
    }
  g_assert_cmpuint (changes->len, ==, 0);
}

/* A clean text is never changed. */
static void
test_clean (void)
{
  const char * const *sets[] = { training, heldout };

  for (guint s = 0; s < G_N_ELEMENTS (sets); s++)
    for (guint i = 0; sets[s][i] != NULL; i++)
      {
        g_autofree char *path = data_path (s == 0 ? "clean" : "heldout", sets[s][i]);
        g_autoptr(MgDocument) doc = load (path);

        assert_no_changes (mg_document_get_text (doc), sets[s][i]);
      }

  assert_no_changes ("", "empty");
  assert_no_changes ("\n", "one line end");
  assert_no_changes ("Title\n\nBody.\n", "short");
  assert_no_changes ("GDP 增长6.8%，“十四五”规划。\n", "Latin beside Han");
  assert_no_changes ("一行没有句号\n\n下一段。", "a heading");
}

/* The training speeches tidy to their clean text, and tidy is done after
 * one pass. */
static void
test_messy (void)
{
  for (guint i = 0; training[i] != NULL; i++)
    {
      g_autofree char *messy_path = data_path ("messy", training[i]);
      g_autofree char *clean_path = data_path ("clean", training[i]);
      g_autoptr(MgDocument) messy = load (messy_path);
      g_autoptr(MgDocument) clean = load (clean_path);
      g_autoptr(GPtrArray) changes = mg_tidy_compute (mg_document_get_text (messy), -1, MG_TIDY_ALL);
      g_autofree char *tidied = mg_tidy_apply_text (mg_document_get_text (messy), changes);
      guint counts[MG_TIDY_N_KINDS];

      g_test_message ("%s", training[i]);
      g_assert_cmpstr (tidied, ==, mg_document_get_text (clean));
      assert_no_changes (tidied, training[i]);

      /* Every kind has something to do on these. */
      mg_tidy_count (changes, counts);
      for (guint k = 0; k < MG_TIDY_N_KINDS; k++)
        g_assert_cmpuint (counts[k], >, 0);
    }
}

/* Changes are sorted and never overlap, for every subset of kinds, and
 * each one's "before" is the text at its range. */
static void
test_kinds (void)
{
  g_autofree char *path = data_path ("messy", "zh-harbour");
  g_autoptr(MgDocument) doc = load (path);
  const char *text = mg_document_get_text (doc);

  for (guint kinds = 0; kinds <= MG_TIDY_ALL; kinds++)
    {
      g_autoptr(GPtrArray) changes = mg_tidy_compute (text, -1, kinds);
      guint last_end = 0;

      for (guint i = 0; i < changes->len; i++)
        {
          MgTidyChange *c = g_ptr_array_index (changes, i);
          g_autofree char *slice = mg_document_dup_slice (doc, c->start, c->end);

          g_assert_true (kinds & (1u << c->kind));
          g_assert_cmpuint (c->start, >=, last_end);
          g_assert_cmpuint (c->end, >, c->start);
          g_assert_cmpstr (slice, ==, c->before);
          last_end = c->end;
        }
      if (kinds == 0)
        g_assert_cmpuint (changes->len, ==, 0);
    }
}

/* The rules of cli.md, one by one. */
static void
test_rules (void)
{
  const struct { guint kinds; const char *in; const char *out; } cases[] = {
    { 1u << MG_TIDY_SPACES, "开年就是 “ 十四五 ” 开局。", "开年就是“十四五”开局。" },
    { 1u << MG_TIDY_SPACES, "2018 年，习　近　平同志。", "2018年，习近平同志。" },
    { 1u << MG_TIDY_SPACES, "GDP 增长 6.8%。", "GDP 增长6.8%。" },
    { 1u << MG_TIDY_SPACES, "  Two  spaces.   \n", "Two spaces.\n" },
    { 1u << MG_TIDY_SPACES, "He said “ hello ” twice.", "He said “ hello ” twice." },
    { 1u << MG_TIDY_LINE_BREAKS, "政府工作报\n告\n", "政府工作报告\n" },
    { 1u << MG_TIDY_LINE_BREAKS, "a sentence that goes\non here.\n", "a sentence that goes on here.\n" },
    { 1u << MG_TIDY_LINE_BREAKS, "交出一份人\n\u200b\n民满意的答卷。", "交出一份人民满意的答卷。" },
    { 1u << MG_TIDY_LINE_BREAKS, "大会的主题是：\n高举旗帜。", "大会的主题是：\n高举旗帜。" },
    { 1u << MG_TIDY_LINE_BREAKS, "要做好三件事\n一、稳增长。\n（二）保就业。", "要做好三件事\n一、稳增长。\n（二）保就业。" },
    { 1u << MG_TIDY_LINE_BREAKS, "一、总体要求\n\n过去一年，我们做了很多工作。", "一、总体要求\n\n过去一年，我们做了很多工作。" },
    { 1u << MG_TIDY_LINE_BREAKS, "我们从哪里跌倒，就从哪里爬起来。去年下半年\n\n 以来，三千多名商人出发。", "我们从哪里跌倒，就从哪里爬起来。去年下半年 以来，三千多名商人出发。" },
    { 1u << MG_TIDY_LINE_BREAKS, "面对局势变化，我们制定实施\n香港特别行政区维护国家安全法\n\n，落实原则。", "面对局势变化，我们制定实施香港特别行政区维护国家安全法，落实原则。" },
    { 1u << MG_TIDY_BLANK_LINES, "\n\n\nA.\n\n\n\n\nB.\n\n\n", "A.\n\nB.\n" },
    { 1u << MG_TIDY_BLANK_LINES, "A.\n\nB.\n", "A.\n\nB.\n" },
    { MG_TIDY_ALL, "讲话。\n\n谢谢大家！\n\n推荐访问：作风 建设\n[讲话]相关文章\n", "讲话。\n\n谢谢大家！\n" },
    { MG_TIDY_ALL, "The end. Thank you all very much for coming tonight.\nGood night and God bless.\n\nShare this:\nCopyright © 2025 Gazette", "The end. Thank you all very much for coming tonight.\nGood night and God bless." },
    /* A speech on copyright is not a notice. */
    { MG_TIDY_ALL, "我们要加强知识产权保护，完善著作权登记和版权交易制度，让创作者得到应有的回报。\n", "我们要加强知识产权保护，完善著作权登记和版权交易制度，让创作者得到应有的回报。\n" },
    /* Nothing but a notice: nothing to keep it from. */
    { 1u << MG_TIDY_LEFTOVERS, "Copyright © 2025\n", "Copyright © 2025\n" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *out = tidy_text (cases[i].in, cases[i].kinds);

      g_test_message ("case %u", i);
      g_assert_cmpstr (out, ==, cases[i].out);
    }
}

static void
test_map_offset (void)
{
  const char *text = "甲 乙\n\n\n\n丙";
  g_autoptr(GPtrArray) changes = mg_tidy_compute (text, -1, MG_TIDY_ALL);
  g_autofree char *out = mg_tidy_apply_text (text, changes);

  g_assert_cmpstr (out, ==, "甲乙\n\n丙");
  g_assert_cmpuint (mg_tidy_map_offset (changes, 0, FALSE), ==, 0);
  g_assert_cmpuint (mg_tidy_map_offset (changes, 2, FALSE), ==, 1);  /* 乙 */
  g_assert_cmpuint (mg_tidy_map_offset (changes, 1, FALSE), ==, 1);  /* the space */
  g_assert_cmpuint (mg_tidy_map_offset (changes, 1, TRUE), ==, 1);
  g_assert_cmpuint (mg_tidy_map_offset (changes, 7, FALSE), ==, 4);  /* 丙 */
  g_assert_cmpuint (mg_tidy_map_offset (changes, 8, TRUE), ==, 5);
}

/* The bundled sample comes out clean, title and last sentence kept. */
static void
test_sample (void)
{
  g_autofree char *path = g_build_filename (SOURCE_SAMPLES_DIR, "sample-zh.txt", NULL);
  g_autoptr(MgDocument) doc = load (path);
  g_autofree char *tidied = tidy_text (mg_document_get_text (doc), MG_TIDY_ALL);
  g_autoptr(MgDocument) after = mg_document_new_for_text (tidied, -1, "sample-zh.txt");

  assert_no_changes (tidied, "sample");
  g_assert_cmpstr (mg_document_get_title (after), ==, mg_document_get_title (doc));
  g_assert_cmpstr (mg_document_get_title (after), ==, "在全市作风建设暨数字经济工作推进大会上的讲话");
  g_assert_true (g_str_has_suffix (tidied, "谢谢大家！\n"));
  g_assert_nonnull (strstr (tidied, "为谱写“十五五”新篇章"));
  g_assert_nonnull (strstr (tidied, "撑腰鼓劲，让想干事"));

  g_clear_pointer (&path, g_free);
  path = g_build_filename (SOURCE_SAMPLES_DIR, "sample-en.txt", NULL);
  {
    g_autoptr(MgDocument) en = load (path);
    g_autofree char *t = tidy_text (mg_document_get_text (en), MG_TIDY_ALL);

    assert_no_changes (t, "sample-en");
    g_assert_true (g_str_has_prefix (t, "Remarks at the Opening of the Riverton Town Hall Budget Session\n\n"));
    g_assert_true (g_str_has_suffix (t, "Let us get to work. Thank you.\n"));
  }
}

/* A speech on one line: no change, the file name as title, sentences. */
static void
test_one_line (void)
{
  g_autofree char *path = data_path ("clean", "en-library");
  g_autoptr(MgDocument) doc = load (path);
  g_autofree char *joined = NULL;
  g_autofree char *text = g_strchomp (g_strdup (mg_document_get_text (doc)));
  g_auto(GStrv) paras = g_strsplit (text, "\n\n", -1);
  g_autoptr(GString) line = g_string_new (NULL);
  g_autoptr(MgDocument) one = NULL;

  /* Ten times the speech, as long as a State of the Union address. */
  for (guint r = 0; r < 10; r++)
    for (guint i = 2; paras[i] != NULL; i++)
      {
        if (line->len > 0)
          g_string_append_c (line, ' ');
        g_string_append (line, paras[i]);
      }
  g_string_append_c (line, '\n');
  one = mg_document_new_for_text (line->str, -1, "library-address.txt");
  assert_no_changes (line->str, "one line");
  g_assert_cmpstr (mg_document_get_title (one), ==, "library-address");
  g_assert_cmpuint (mg_document_get_n_paragraphs (one), ==, 1);
  joined = mg_document_format_location (one, g_utf8_strlen (line->str, -1) - 3);
  /* 18 sentences a round (counted by hand), the last one of ten rounds. */
  g_assert_cmpstr (joined, ==, "¶1 s.180");
}

static char *
copy_to (const char *dir,
         const char *src,
         const char *name)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autofree char *contents = NULL;
  gsize len = 0;
  g_autoptr(GError) error = NULL;

  g_file_get_contents (src, &contents, &len, &error);
  g_assert_no_error (error);
  g_file_set_contents (path, contents, len, &error);
  g_assert_no_error (error);
  return g_steal_pointer (&path);
}

static GBytes *
read_bytes (const char *path)
{
  char *contents = NULL;
  gsize len = 0;

  if (!g_file_get_contents (path, &contents, &len, NULL))
    return NULL;
  return g_bytes_new_take (contents, len);
}

/* In place, on every training speech (GB18030, CRLF, a BOM): the file in
 * its own encoding and line ends, the old bytes as FILE~, every annotation
 * carried with the clean text's quote; then undo gives back both files'
 * bytes. */
static void
test_rewrite (void)
{
  g_autofree char *dir = g_dir_make_tmp ("mg-tidy-XXXXXX", NULL);

  for (guint i = 0; training[i] != NULL; i++)
    {
      g_autofree char *src = data_path ("messy", training[i]);
      g_autofree char *clean_path = data_path ("clean", training[i]);
      g_autofree char *path = copy_to (dir, src, "speech.txt");
      g_autofree char *backup = g_strconcat (path, "~", NULL);
      g_autoptr(GFile) file = g_file_new_for_path (path);
      g_autoptr(GFile) sidecar_file = mg_sidecar_default_file (file);
      g_autoptr(MgDocument) doc = load (path);
      g_autoptr(MgDocument) clean = load (clean_path);
      g_autoptr(MgSidecar) sidecar = mg_sidecar_new (sidecar_file, doc);
      g_autoptr(MgSidecar) carried = NULL;
      g_autoptr(MgDocument) tidied = NULL;
      g_autoptr(MgDocument) reread = NULL;
      g_autoptr(GPtrArray) changes = NULL;
      g_autoptr(GBytes) original = read_bytes (path);
      g_autoptr(GBytes) original_sidecar = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) quotes = g_ptr_array_new_with_free_func (g_free);
      MgAnnotationStore *store;
      MgTidyReport report;
      const char *clean_text = mg_document_get_text (clean);
      guint n_clean = mg_document_get_length (clean);

      g_test_message ("%s", training[i]);
      g_remove (backup);
      g_assert_true (mg_sidecar_load (sidecar, NULL, &error));
      g_assert_no_error (error);
      store = mg_sidecar_get_store (sidecar);

      /* Annotations on words of the clean text, placed where they stand in
       * the messy one (found with the white space the mess added). */
      changes = mg_tidy_compute (mg_document_get_text (doc), -1, MG_TIDY_ALL);
      for (guint k = 0; k < 40 && quotes->len < 12; k++)
        {
          guint cs = (n_clean * (k + 1)) / 42, ce = cs + 4, ms = 0, me = 0;
          g_autofree char *quote = mg_document_dup_slice (clean, cs, ce);
          MgAnnotation *a;

          if (strchr (quote, '\n') != NULL || g_unichar_isspace (g_utf8_get_char (quote)) ||
              g_unichar_isspace (g_utf8_get_char (g_utf8_prev_char (quote + strlen (quote)))))
            continue;
          /* The messy offsets that map to [cs, ce). */
          while (ms < mg_document_get_length (doc) && mg_tidy_map_offset (changes, ms, FALSE) < cs)
            ms++;
          me = ms;
          while (me < mg_document_get_length (doc) && mg_tidy_map_offset (changes, me, TRUE) < ce)
            me++;
          a = mg_annotation_store_create (store, ms, me, NULL, "note", FALSE, "tester", &error);
          g_assert_no_error (error);
          g_assert_nonnull (a);
          g_ptr_array_add (quotes, g_steal_pointer (&quote));
        }
      g_assert_cmpuint (quotes->len, ==, 12);
      g_assert_true (mg_sidecar_save (sidecar, NULL, &error));
      g_assert_no_error (error);
      original_sidecar = read_bytes (g_file_peek_path (sidecar_file));

      tidied = mg_tidy_rewrite (doc, sidecar, changes, &carried, &report, &error);
      g_assert_no_error (error);
      g_assert_nonnull (tidied);
      g_assert_nonnull (carried);
      g_assert_cmpstr (mg_document_get_text (tidied), ==, clean_text);
      g_assert_cmpuint (report.annotations, ==, quotes->len);
      g_assert_cmpuint (report.exact, ==, quotes->len);
      g_assert_cmpuint (report.orphaned, ==, 0);

      /* The old bytes kept; the new file read back is the clean text, in
       * the same encoding, BOM and line ends. */
      {
        g_autoptr(GBytes) kept = read_bytes (backup);

        g_assert_nonnull (kept);
        g_assert_true (g_bytes_equal (kept, original));
      }
      reread = load (path);
      g_assert_cmpstr (mg_document_get_text (reread), ==, clean_text);
      g_assert_cmpint (mg_document_get_encoding (reread), ==, mg_document_get_encoding (doc));
      g_assert_cmpstr (mg_text_source_get_line_ending (mg_document_get_source (reread)), ==,
                       mg_text_source_get_line_ending (mg_document_get_source (doc)));
      g_assert_cmpint (mg_text_source_get_had_bom (mg_document_get_source (reread)), ==,
                       mg_text_source_get_had_bom (mg_document_get_source (doc)));

      /* The sidecar on disk: every annotation, its quote the clean text's. */
      {
        g_autoptr(MgSidecar) check = mg_sidecar_new (sidecar_file, reread);
        MgAnnotationStore *s;
        guint exact = 0, moved = 0, fuzzy = 0, orphaned = 0;

        g_assert_true (mg_sidecar_load (check, NULL, &error));
        g_assert_no_error (error);
        g_assert_false (mg_sidecar_get_reanchored (check));
        mg_sidecar_get_anchor_counts (check, &exact, &moved, &fuzzy, &orphaned);
        g_assert_cmpuint (orphaned, ==, 0);
        s = mg_sidecar_get_store (check);
        g_assert_cmpuint (mg_annotation_store_get_n_annotations (s), ==, quotes->len);
        for (guint k = 0; k < quotes->len; k++)
          {
            MgAnnotation *a = mg_annotation_store_get_annotation (s, k);

            g_assert_cmpstr (mg_annotation_get_quote (a), ==, g_ptr_array_index (quotes, k));
            g_assert_cmpstr (mg_annotation_get_note (a), ==, "note");
          }
      }

      /* Undo: both files byte for byte. */
      g_assert_true (mg_tidy_restore (file, original, sidecar_file, original_sidecar, &error));
      g_assert_no_error (error);
      {
        g_autoptr(GBytes) back = read_bytes (path);
        g_autoptr(GBytes) back_sidecar = read_bytes (g_file_peek_path (sidecar_file));

        g_assert_true (g_bytes_equal (back, original));
        g_assert_true (g_bytes_equal (back_sidecar, original_sidecar));
      }
      g_remove (g_file_peek_path (sidecar_file));
      g_remove (backup);
      g_remove (path);
    }
  g_rmdir (dir);
}

/* A speech that cannot be written leaves every file as it was. */
static void
test_rewrite_fails (void)
{
  g_autofree char *dir = g_dir_make_tmp ("mg-tidy-XXXXXX", NULL);
  g_autofree char *src = data_path ("messy", "zh-water");
  g_autofree char *path = copy_to (dir, src, "speech.txt");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFile) sidecar_file = mg_sidecar_default_file (file);
  g_autoptr(MgDocument) doc = load (path);
  g_autoptr(MgSidecar) sidecar = mg_sidecar_new (sidecar_file, doc);
  g_autoptr(GPtrArray) changes = mg_tidy_compute (mg_document_get_text (doc), -1, MG_TIDY_ALL);
  g_autoptr(GBytes) original = read_bytes (path);
  g_autoptr(GBytes) original_sidecar = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(MgDocument) tidied = NULL;
  g_autofree char *listing = NULL;

  g_assert_true (mg_sidecar_load (sidecar, NULL, &error));
  mg_annotation_store_create (mg_sidecar_get_store (sidecar), 30, 36, NULL, "", FALSE, "t", &error);
  g_assert_no_error (error);
  g_assert_true (mg_sidecar_save (sidecar, NULL, &error));
  original_sidecar = read_bytes (g_file_peek_path (sidecar_file));

  /* The speech's place taken by a folder: the sidecar is written, the
   * speech cannot be, and the sidecar goes back. */
  g_remove (path);
  g_mkdir (path, 0700);
  tidied = mg_tidy_rewrite (doc, sidecar, changes, NULL, NULL, &error);
  g_assert_null (tidied);
  g_assert_nonnull (error);
  {
    g_autoptr(GBytes) back_sidecar = read_bytes (g_file_peek_path (sidecar_file));

    g_assert_true (g_bytes_equal (back_sidecar, original_sidecar));
  }
  g_rmdir (path);
  g_remove (g_file_peek_path (sidecar_file));
  g_rmdir (dir);
}

static void
test_encode (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) crlf = mg_tidy_encode ("a\nb\n", MG_ENCODING_UTF8, FALSE, "CRLF", &error);
  g_autoptr(GBytes) le = mg_tidy_encode ("讲\n", MG_ENCODING_UTF16LE, TRUE, "LF", &error);
  g_autoptr(GBytes) gb = mg_tidy_encode ("讲话\n", MG_ENCODING_GB18030, FALSE, "LF", &error);
  gsize n;
  const guint8 *d;

  g_assert_no_error (error);
  d = g_bytes_get_data (crlf, &n);
  g_assert_cmpmem (d, n, "a\r\nb\r\n", 6);
  d = g_bytes_get_data (le, &n);
  g_assert_cmpmem (d, n, "\xff\xfe\xb2\x8b\n\0", 6);
  d = g_bytes_get_data (gb, &n);
  g_assert_cmpmem (d, n, "\xbd\xb2\xbb\xb0\n", 5);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/tidy/clean", test_clean);
  g_test_add_func ("/tidy/messy", test_messy);
  g_test_add_func ("/tidy/kinds", test_kinds);
  g_test_add_func ("/tidy/rules", test_rules);
  g_test_add_func ("/tidy/map-offset", test_map_offset);
  g_test_add_func ("/tidy/sample", test_sample);
  g_test_add_func ("/tidy/one-line", test_one_line);
  g_test_add_func ("/tidy/encode", test_encode);
  g_test_add_func ("/tidy/rewrite", test_rewrite);
  g_test_add_func ("/tidy/rewrite-fails", test_rewrite_fails);

  return g_test_run ();
}
