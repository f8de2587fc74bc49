/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Marginalia"
#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "mg-document.h"

#define ZWSP   "\xe2\x80\x8b"   /* U+200B */
#define BOM    "\xef\xbb\xbf"   /* U+FEFF */
#define IDEO   "\xe3\x80\x80"   /* U+3000 */
#define ACUTE  "\xcc\x81"       /* U+0301 COMBINING ACUTE ACCENT */
#define GRIN   "\xf0\x9f\x98\x80" /* U+1F600 */
#define EXT_B  "\xf0\xa0\x80\x80" /* U+20000, a Han character outside the BMP */

/* Code point offset of the first @needle in @text. */
static guint
off (const char *text,
     const char *needle)
{
  const char *p = strstr (text, needle);

  g_assert_nonnull (p);
  return (guint) g_utf8_pointer_to_offset (text, p);
}

static void
test_basics (void)
{
  MgDocument *doc = mg_document_new_for_text ("abcdef", 3, "x.txt");

  g_assert_cmpstr (mg_document_get_text (doc), ==, "abc");
  g_assert_cmpuint (mg_document_get_size (doc), ==, 3);
  g_assert_cmpuint (mg_document_get_length (doc), ==, 3);
  g_assert_cmpstr (mg_document_get_sha256 (doc), ==,
                   "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  g_assert_cmpstr (mg_document_get_name (doc), ==, "x.txt");
  g_assert_null (mg_document_get_file (doc));
  g_assert_cmpint (mg_document_get_encoding (doc), ==, MG_ENCODING_UTF8);
  g_assert_cmpstr (mg_document_get_title (doc), ==, "abc");
  g_assert_finalize_object (doc);

  doc = mg_document_new_for_text ("", -1, NULL);
  g_assert_cmpstr (mg_document_get_text (doc), ==, "");
  g_assert_cmpuint (mg_document_get_length (doc), ==, 0);
  g_assert_cmpstr (mg_document_get_name (doc), ==, "");
  g_assert_cmpstr (mg_document_get_title (doc), ==, "");
  g_assert_cmpstr (mg_document_get_sha256 (doc), ==,
                   "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  g_assert_cmpuint (mg_document_get_n_paragraphs (doc), ==, 0);
  g_assert_cmpuint (mg_document_get_paragraph_at (doc, 0), ==, 0);
  g_assert_cmpuint (mg_document_get_paragraph_at (doc, 5), ==, 0);
  g_assert_false (mg_document_get_paragraph_range (doc, 1, NULL, NULL));
  g_assert_cmpuint (mg_document_offset_to_byte (doc, 0), ==, 0);
  g_assert_cmpuint (mg_document_offset_to_byte (doc, 3), ==, 0);
  g_assert_cmpuint (mg_document_byte_to_offset (doc, 0), ==, 0);
  g_assert_cmpuint (mg_document_byte_to_offset (doc, 7), ==, 0);
  {
    g_autofree char *slice = mg_document_dup_slice (doc, 0, 4);
    g_autofree char *sentence = mg_document_dup_sentence (doc, 0, 0);

    g_assert_cmpstr (slice, ==, "");
    g_assert_cmpstr (sentence, ==, "");
  }
  g_assert_finalize_object (doc);
}

static void
test_load (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "speech-gb18030.txt", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  MgDocument *doc;
  guint start, end;

  doc = mg_document_load (file, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_file_equal (mg_document_get_file (doc), file));
  g_assert_cmpstr (mg_document_get_name (doc), ==, "speech-gb18030.txt");
  g_assert_cmpint (mg_document_get_encoding (doc), ==, MG_ENCODING_GB18030);
  g_assert_cmpstr (mg_document_get_title (doc), ==, "全市作风建设大会上的讲话");
  g_assert_cmpuint (mg_document_get_n_paragraphs (doc), ==, 4);
  g_assert_true (mg_document_get_paragraph_range (doc, 4, &start, &end));
  g_assert_cmpuint (end, ==, mg_document_get_length (doc) - 1);
  {
    g_autofree char *last = mg_document_dup_slice (doc, start, end);

    g_assert_cmpstr (last, ==, "最后一段，没有句号");
  }
  g_assert_finalize_object (doc);
}

/* A file name that is not UTF-8 (the file system holds bytes): the name
 * shown, written into the sidecar, HTML and XML is UTF-8, each byte that
 * is not text a U+FFFD. */
static void
test_name_not_utf8 (void)
{
  g_autofree char *dir = g_dir_make_tmp ("mg-document-XXXXXX", NULL);
  g_autofree char *path = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  MgDocument *doc;

  g_assert_nonnull (dir);
  path = g_build_filename (dir, "bad\xff\xfe.txt", NULL);
  g_assert_true (g_file_set_contents (path, "讲话\n", -1, NULL));
  file = g_file_new_for_path (path);
  doc = mg_document_load (file, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_utf8_validate (mg_document_get_name (doc), -1, NULL));
  g_assert_cmpstr (mg_document_get_name (doc), ==, "bad\xef\xbf\xbd\xef\xbf\xbd.txt");
  g_assert_finalize_object (doc);
  g_assert_cmpint (g_unlink (path), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

/* Every offset and every byte of a short text with CJK, an emoji outside
 * the BMP, a Han character outside the BMP and a combining mark. */
static void
test_offsets_small (void)
{
  const char *text = "a中" GRIN "e" ACUTE "\n" EXT_B "b" IDEO;
  g_autoptr(MgDocument) doc = mg_document_new_for_text (text, -1, NULL);
  gsize size = strlen (text);
  guint length = (guint) g_utf8_strlen (text, -1);

  g_assert_cmpuint (length, ==, 9);
  g_assert_cmpuint (mg_document_get_length (doc), ==, 9);
  g_assert_cmpuint (mg_document_get_size (doc), ==, size);

  for (guint k = 0; k <= length; k++)
    {
      gsize b = g_utf8_offset_to_pointer (text, k) - text;

      g_assert_cmpuint (mg_document_offset_to_byte (doc, k), ==, b);
      g_assert_cmpuint (mg_document_byte_to_offset (doc, b), ==, k);
    }

  /* A byte inside a character maps to that character. */
  for (gsize b = 0; b < size; b++)
    {
      guint expected = (guint) g_utf8_pointer_to_offset (text, g_utf8_find_prev_char (text, text + b + 1));

      g_assert_cmpuint (mg_document_byte_to_offset (doc, b), ==, expected);
    }

  /* Clamped past the end. */
  g_assert_cmpuint (mg_document_offset_to_byte (doc, 10), ==, size);
  g_assert_cmpuint (mg_document_offset_to_byte (doc, G_MAXUINT), ==, size);
  g_assert_cmpuint (mg_document_byte_to_offset (doc, size + 1), ==, length);
  g_assert_cmpuint (mg_document_byte_to_offset (doc, G_MAXSIZE), ==, length);

  /* The emoji is one code point, e + U+0301 two. */
  {
    g_autofree char *emoji = mg_document_dup_slice (doc, 2, 3);
    g_autofree char *accent = mg_document_dup_slice (doc, 3, 5);
    g_autofree char *mark = mg_document_dup_slice (doc, 4, 5);
    g_autofree char *ext = mg_document_dup_slice (doc, 6, 7);

    g_assert_cmpstr (emoji, ==, GRIN);
    g_assert_cmpstr (accent, ==, "e" ACUTE);
    g_assert_cmpstr (mark, ==, ACUTE);
    g_assert_cmpstr (ext, ==, EXT_B);
  }
}

/* A text of several megabytes, looked up at random, against a reference
 * built by walking the text once. */
static void
test_offsets_large (void)
{
  static const char * const pieces[] = {
    "a", "word ", "\n", "\n\n", "中", "国家", "。", "，", GRIN, "e" ACUTE,
    EXT_B, IDEO, ZWSP, "“十四五”", "增长6.5%", "\t", "é", "ß",
  };
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261128);
  g_autoptr(GString) s = g_string_new (NULL);
  g_autoptr(GArray) ref = g_array_new (FALSE, FALSE, sizeof (gsize));
  g_autoptr(MgDocument) doc = NULL;
  const char *text, *p;
  gint64 t0, t1;
  guint length;

  while (s->len < 4 * 1024 * 1024)
    g_string_append (s, pieces[g_rand_int_range (rand, 0, G_N_ELEMENTS (pieces))]);

  t0 = g_get_monotonic_time ();
  doc = mg_document_new_for_text (s->str, s->len, NULL);
  t1 = g_get_monotonic_time ();
  g_test_message ("indexing %" G_GSIZE_FORMAT " bytes: %.1f ms", s->len, (t1 - t0) / 1000.0);

  text = mg_document_get_text (doc);
  for (p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gsize b = p - text;

      g_array_append_val (ref, b);
    }
  length = ref->len;
  g_assert_cmpuint (mg_document_get_length (doc), ==, length);
  g_assert_cmpuint (length, ==, g_utf8_strlen (text, -1));

  t0 = g_get_monotonic_time ();
  for (guint i = 0; i < 200000; i++)
    {
      guint k = g_rand_int_range (rand, 0, length);
      gsize b = g_array_index (ref, gsize, k);
      /* A byte somewhere inside character k. */
      gsize next = k + 1 < length ? g_array_index (ref, gsize, k + 1) : s->len;
      gsize inside = b + g_rand_int_range (rand, 0, next - b);

      g_assert_cmpuint (mg_document_offset_to_byte (doc, k), ==, b);
      g_assert_cmpuint (mg_document_byte_to_offset (doc, b), ==, k);
      g_assert_cmpuint (mg_document_byte_to_offset (doc, inside), ==, k);
    }
  t1 = g_get_monotonic_time ();
  g_test_message ("200000 × 3 lookups: %.1f ms", (t1 - t0) / 1000.0);

  /* And against GLib's own walk, fewer times because it is O(n). */
  for (guint i = 0; i < 100; i++)
    {
      guint k = g_rand_int_range (rand, 0, length + 1);
      const char *q = g_utf8_offset_to_pointer (text, k);

      g_assert_cmpuint (mg_document_offset_to_byte (doc, k), ==, q - text);
      g_assert_cmpuint (mg_document_byte_to_offset (doc, q - text), ==, k);
    }

  /* Both ends and the checkpoint edges. */
  for (guint k = 0; k < 300; k++)
    {
      g_assert_cmpuint (mg_document_offset_to_byte (doc, k), ==, g_array_index (ref, gsize, k));
      g_assert_cmpuint (mg_document_offset_to_byte (doc, length - 1 - k), ==,
                        g_array_index (ref, gsize, length - 1 - k));
    }
  g_assert_cmpuint (mg_document_offset_to_byte (doc, length), ==, s->len);
  g_assert_cmpuint (mg_document_byte_to_offset (doc, s->len), ==, length);
}

static void
test_paragraphs (void)
{
  const char *text =
    "\n  \n"
    "标题" IDEO "\n"
    "第一段第一行。\n"
    "第一段第二行\n"
    IDEO ZWSP "\n"
    BOM "\n"
    "  第二段。\n"
    "\t\n\n"
    "第三段";
  g_autoptr(MgDocument) doc = mg_document_new_for_text (text, -1, NULL);
  guint length = mg_document_get_length (doc);
  guint p1s = off (text, "标题");
  guint p1e = off (text, "第一段第二行") + 6;
  guint p2s = off (text, "  第二段");
  guint p2e = off (text, "第二段。") + 4;
  guint p3s = off (text, "第三段");
  guint start = 99, end = 99;

  g_assert_cmpuint (mg_document_get_n_paragraphs (doc), ==, 3);

  g_assert_true (mg_document_get_paragraph_range (doc, 1, &start, &end));
  g_assert_cmpuint (start, ==, p1s);
  g_assert_cmpuint (end, ==, p1e);
  /* A paragraph starts where its first line starts, indent included. */
  g_assert_true (mg_document_get_paragraph_range (doc, 2, &start, &end));
  g_assert_cmpuint (start, ==, p2s);
  g_assert_cmpuint (end, ==, p2e);
  g_assert_true (mg_document_get_paragraph_range (doc, 3, &start, NULL));
  g_assert_cmpuint (start, ==, p3s);
  g_assert_true (mg_document_get_paragraph_range (doc, 3, NULL, &end));
  g_assert_cmpuint (end, ==, length);
  g_assert_false (mg_document_get_paragraph_range (doc, 0, &start, &end));
  g_assert_false (mg_document_get_paragraph_range (doc, 4, &start, &end));

  /* Before the first paragraph: the next one. */
  g_assert_cmpuint (mg_document_get_paragraph_at (doc, 0), ==, 1);
  g_assert_cmpuint (mg_document_get_paragraph_at (doc, p1s - 1), ==, 1);
  g_assert_cmpuint (mg_document_get_paragraph_at (doc, p1s), ==, 1);
  g_assert_cmpuint (mg_document_get_paragraph_at (doc, p1e - 1), ==, 1);
  /* The line end after a paragraph and the blank lines: the next one. */
  g_assert_cmpuint (mg_document_get_paragraph_at (doc, p1e), ==, 2);
  g_assert_cmpuint (mg_document_get_paragraph_at (doc, p2s - 1), ==, 2);
  g_assert_cmpuint (mg_document_get_paragraph_at (doc, p2s), ==, 2);
  g_assert_cmpuint (mg_document_get_paragraph_at (doc, p2e), ==, 3);
  g_assert_cmpuint (mg_document_get_paragraph_at (doc, p3s), ==, 3);
  /* At and past the end: the last one. */
  g_assert_cmpuint (mg_document_get_paragraph_at (doc, length - 1), ==, 3);
  g_assert_cmpuint (mg_document_get_paragraph_at (doc, length), ==, 3);
  g_assert_cmpuint (mg_document_get_paragraph_at (doc, G_MAXUINT), ==, 3);

  /* Every offset agrees with the ranges. */
  for (guint k = 0; k <= length; k++)
    {
      guint n = mg_document_get_paragraph_at (doc, k);

      g_assert_cmpuint (n, >=, 1);
      g_assert_cmpuint (n, <=, 3);
      g_assert_true (mg_document_get_paragraph_range (doc, n, &start, &end));
      if (n < 3)
        g_assert_cmpuint (k, <, end);
      if (n > 1)
        {
          guint prev_end;

          g_assert_true (mg_document_get_paragraph_range (doc, n - 1, NULL, &prev_end));
          g_assert_cmpuint (k, >=, prev_end);
        }
    }

  g_assert_cmpstr (mg_document_get_title (doc), ==, "标题");
}

static void
test_paragraphs_edges (void)
{
  const struct { const char *text; guint n; } cases[] = {
    { "", 0 },
    { "\n\n\n", 0 },
    { " " IDEO ZWSP BOM "\t\f\n  \n", 0 },
    { "one", 1 },
    { "one\n", 1 },
    { "one\ntwo\nthree", 1 },
    { "one\n\ntwo", 2 },
    { "one\n \ntwo\n" IDEO "\nthree\n\n", 3 },
    { "\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\none\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\ntwo", 2 },
    /* A word cut across lines by a zero-width space line: two paragraphs. */
    { "人\n" ZWSP "\n民", 2 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(MgDocument) doc = mg_document_new_for_text (cases[i].text, -1, NULL);

      g_assert_cmpuint (mg_document_get_n_paragraphs (doc), ==, cases[i].n);
      if (cases[i].n == 0)
        g_assert_cmpuint (mg_document_get_paragraph_at (doc, 0), ==, 0);
      else
        g_assert_cmpuint (mg_document_get_paragraph_at (doc, mg_document_get_length (doc)),
                          ==, cases[i].n);
    }
}

static void
test_title (void)
{
  const struct { const char *text; const char *title; } cases[] = {
    { "Title\nbody", "Title" },
    { "\n\n  " IDEO "Title " IDEO ZWSP BOM "\t\nbody", "Title" },
    { ZWSP "\n" IDEO IDEO "在全市大会上的讲话" IDEO "\n\n正文", "在全市大会上的讲话" },
    { "  two  words  \n", "two  words" },
    { "\n\n", "" },
    { "only", "only" },
    { "e" ACUTE, "e" ACUTE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(MgDocument) doc = mg_document_new_for_text (cases[i].text, -1, NULL);

      g_assert_cmpstr (mg_document_get_title (doc), ==, cases[i].title);
    }
}

/* The revised rule: no salutation, no sentence, no line over 80 code
 * points; the file name without its extension instead. */
static void
test_title_rule (void)
{
  g_autoptr(GString) long_line = g_string_new (NULL);
  g_autoptr(GString) line80 = g_string_new (NULL);
  const struct { const char *text; const char *name; const char *title; } cases[] = {
    { "各位代表：\n现在，我代表国务院作报告。", "政府工作报告.txt", "政府工作报告" },
    { "Fellow citizens:\nbody", "address.txt", "address" },
    { "我们要坚定信心。\n正文", "speech.gb18030.txt", "speech.gb18030" },
    { "Thank you.\n", "thanks.txt", "thanks" },
    { "Is this a title?\n", "q.txt", "q" },
    { "是标题吗？\n", "q.txt", "q" },
    { "Wow!\n", "README", "README" },
    { "Ends with a comma,\nbody", "c.txt", "Ends with a comma," },
    { "“十四五”规划纲要\n", "x.txt", "“十四五”规划纲要" },
    { "Salutation:  \n", ".hidden", ".hidden" },
    { "\n\n", "empty.txt", "empty" },
    { "first line.", NULL, "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(MgDocument) doc = mg_document_new_for_text (cases[i].text, -1, cases[i].name);

      g_assert_cmpstr (mg_document_get_title (doc), ==, cases[i].title);
    }

  /* 80 code points (Chinese: 240 bytes) is still a title, 81 is not. */
  for (guint i = 0; i < 80; i++)
    g_string_append (line80, "字");
  {
    g_autofree char *text = g_strconcat (line80->str, "\n正文", NULL);
    g_autoptr(MgDocument) doc = mg_document_new_for_text (text, -1, "long.txt");

    g_assert_cmpstr (mg_document_get_title (doc), ==, line80->str);
  }
  {
    g_autofree char *text = g_strconcat (line80->str, "字\n正文", NULL);
    g_autoptr(MgDocument) doc = mg_document_new_for_text (text, -1, "long.txt");

    g_assert_cmpstr (mg_document_get_title (doc), ==, "long");
  }

  /* A whole speech on one line. */
  for (guint i = 0; i < 2000; i++)
    g_string_append (long_line, "We shall go on to the end, and we shall prevail. ");
  {
    g_autoptr(MgDocument) doc = mg_document_new_for_text (long_line->str, -1, "sotu-1941.txt");

    g_assert_cmpstr (mg_document_get_title (doc), ==, "sotu-1941");
  }
}

/* Sentences are counted only in very long paragraphs. */
static void
test_sentence_location (void)
{
  g_autoptr(GString) text = g_string_new ("Short title\n\nA short paragraph. Two sentences.\n\n");
  g_autoptr(MgDocument) doc = NULL;
  guint long_start, s34 = 0, para_start, para_end;
  g_autofree char *where = NULL;
  g_autofree char *where_short = NULL;

  long_start = g_utf8_strlen (text->str, -1);
  for (guint i = 1; i <= 100; i++)
    {
      if (i == 34)
        s34 = g_utf8_strlen (text->str, -1);
      /* Closing quotes, ellipses and decimals do not start sentences. */
      g_string_append_printf (text, "Sentence %u costs 6.5%% more... “Really?” he said. ", i);
      g_string_append_printf (text, "第%u句。", i);
    }
  g_string_append (text, "\n\nLast.\n");
  doc = mg_document_new_for_text (text->str, -1, "one-line.txt");

  g_assert_cmpuint (mg_document_get_n_paragraphs (doc), ==, 4);
  g_assert_true (mg_document_get_paragraph_range (doc, 3, &para_start, &para_end));
  g_assert_cmpuint (para_start, ==, long_start);
  g_assert_cmpuint (para_end - para_start, >, MG_DOCUMENT_LONG_PARAGRAPH);

  /* Short paragraphs: no sentence. */
  g_assert_cmpuint (mg_document_get_sentence_at (doc, 15), ==, 0);
  where_short = mg_document_format_location (doc, 15);
  g_assert_cmpstr (where_short, ==, "¶2");

  /* Each round holds four sentences: "Sentence i costs 6.5% more...",
   * "“Really?”", "he said." and "第i句。". */
  g_assert_cmpuint (mg_document_get_sentence_at (doc, long_start), ==, 1);
  g_assert_cmpuint (mg_document_get_sentence_at (doc, long_start + 3), ==, 1);
  g_assert_cmpuint (mg_document_get_sentence_at (doc, s34), ==, 33 * 4 + 1);
  where = mg_document_format_location (doc, s34 + 2);
  g_assert_cmpstr (where, ==, "¶3 s.133");
  g_assert_cmpuint (mg_document_get_sentence_at (doc, para_end - 1), ==, 400);
  g_assert_cmpuint (mg_document_get_sentence_at (doc, para_end + 3), ==, 0);
  g_assert_cmpuint (mg_document_get_sentence_at (doc, G_MAXUINT), ==, 0);

  /* The same from numbers. */
  g_clear_pointer (&where, g_free);
  where = mg_location_format (0, 7);
  g_assert_cmpstr (where, ==, "");
}

static void
test_language (void)
{
  const struct { const char *text; const char *lang; } cases[] = {
    { "", "en" },
    { "12345 !!!", "en" },
    { "Four freedoms.", "en" },
    { "今天我们召开大会。", "zh" },
    { "2021年GDP增长6.5%，提出“十四五”目标", "zh" },
    /* Mostly English with a few Han characters. */
    { "The slogan 十四五 means the fourteenth five-year plan.", "en" },
    { "这是以中文为主的句子，只有少量 English 单词。", "zh" },
    { EXT_B EXT_B EXT_B "ab", "zh" },
    { EXT_B EXT_B "ab", "en" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(MgDocument) doc = mg_document_new_for_text (cases[i].text, -1, NULL);

      g_test_message ("%s", cases[i].text);
      g_assert_cmpstr (mg_document_get_language (doc), ==, cases[i].lang);
    }
}

static void
test_slice (void)
{
  const char *text = "今天" GRIN "abc";
  g_autoptr(MgDocument) doc = mg_document_new_for_text (text, -1, NULL);
  const struct { guint start, end; const char *slice; } cases[] = {
    { 0, 2, "今天" },
    { 1, 3, "天" GRIN },
    { 2, 3, GRIN },
    { 3, 6, "abc" },
    { 0, 6, text },
    { 4, 100, "bc" },
    { 100, 200, "" },
    { 3, 3, "" },
    { 4, 2, "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *slice = mg_document_dup_slice (doc, cases[i].start, cases[i].end);

      g_assert_cmpstr (slice, ==, cases[i].slice);
    }
}

static void
test_sentence (void)
{
  const char *text =
    IDEO IDEO "今天我们召开大会。2021年GDP增长6.5%，提出“十四五”目标！他说：“好。”我们继续\n"
    "下一行还是同一段？\n"
    "\n"
    "The economy grew 6.5% in 2021. It was good!  Really?\n"
    "\n"
    "第三段没有句号  \n";
  g_autoptr(MgDocument) doc = mg_document_new_for_text (text, -1, NULL);
  const struct { const char *needle; guint len; const char *sentence; } cases[] = {
    { "今天", 2, "今天我们召开大会。" },
    { "6.5%", 4, "2021年GDP增长6.5%，提出“十四五”目标！" },
    { "十四五", 3, "2021年GDP增长6.5%，提出“十四五”目标！" },
    /* The range already ends with its terminator. */
    { "目标！", 3, "2021年GDP增长6.5%，提出“十四五”目标！" },
    /* A closing quote after the terminator goes with the sentence. */
    { "好", 1, "他说：“好。”" },
    /* A sentence broken across lines of one paragraph. */
    { "我们继续", 4, "我们继续\n下一行还是同一段？" },
    { "下一行", 3, "我们继续\n下一行还是同一段？" },
    /* A range over two sentences gives both. */
    { "大会。2021", 7, "今天我们召开大会。2021年GDP增长6.5%，提出“十四五”目标！" },
    { "grew", 4, "The economy grew 6.5% in 2021." },
    { "good", 4, "It was good!" },
    { "Really", 6, "Really?" },
    /* No terminator: the paragraph bounds it, trimmed. */
    { "没有", 2, "第三段没有句号" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      guint start = off (text, cases[i].needle);
      g_autofree char *sentence = mg_document_dup_sentence (doc, start, start + cases[i].len);

      g_test_message ("%s", cases[i].needle);
      g_assert_cmpstr (sentence, ==, cases[i].sentence);
    }

  /* Clamped and reversed ranges do not crash and give a sentence. */
  {
    guint length = mg_document_get_length (doc);
    g_autofree char *at_end = mg_document_dup_sentence (doc, length, length + 10);
    g_autofree char *reversed = mg_document_dup_sentence (doc, off (text, "好") + 1, off (text, "好"));
    g_autofree char *empty = mg_document_dup_sentence (doc, off (text, "好"), off (text, "好"));

    g_assert_cmpstr (at_end, ==, "第三段没有句号");
    g_assert_cmpstr (reversed, ==, "他说：“好。”");
    g_assert_cmpstr (empty, ==, "他说：“好。”");
  }
}

/* Indexing stays linear: a 5 MB text in well under a second even on a
 * slow machine (the time is reported, not asserted tightly, because the
 * suite also runs under valgrind). */
static void
test_large_index (void)
{
  g_autoptr(GString) s = g_string_new (NULL);
  g_autoptr(MgDocument) doc = NULL;
  gint64 t0, t1;
  guint n = 0;

  while (s->len < 5 * 1024 * 1024)
    {
      g_string_append_printf (s, IDEO IDEO "第%u段：2021年增长6.5%%，提出“十四五”目标。", ++n);
      g_string_append (s, "We met again, and the plan went on.\n\n");
    }

  t0 = g_get_monotonic_time ();
  doc = mg_document_new_for_text (s->str, s->len, "big.txt");
  t1 = g_get_monotonic_time ();
  g_test_message ("5 MB document: %.1f ms", (t1 - t0) / 1000.0);

  g_assert_cmpuint (mg_document_get_n_paragraphs (doc), ==, n);
  g_assert_cmpuint (mg_document_get_length (doc), ==, g_utf8_strlen (s->str, s->len));
  g_assert_cmpuint (mg_document_get_paragraph_at (doc, mg_document_get_length (doc) / 2), >, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/document/basics", test_basics);
  g_test_add_func ("/document/load", test_load);
  g_test_add_func ("/document/name-not-utf8", test_name_not_utf8);
  g_test_add_func ("/document/offsets-small", test_offsets_small);
  g_test_add_func ("/document/offsets-large", test_offsets_large);
  g_test_add_func ("/document/paragraphs", test_paragraphs);
  g_test_add_func ("/document/paragraphs-edges", test_paragraphs_edges);
  g_test_add_func ("/document/title", test_title);
  g_test_add_func ("/document/title-rule", test_title_rule);
  g_test_add_func ("/document/sentence-location", test_sentence_location);
  g_test_add_func ("/document/language", test_language);
  g_test_add_func ("/document/slice", test_slice);
  g_test_add_func ("/document/sentence", test_sentence);
  g_test_add_func ("/document/large-index", test_large_index);

  return g_test_run ();
}
