/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include <hb.h>
#include <pango/pangocairo.h>

#include "export-fixture.h"
#include "mg-pdf-layout.h"
#include "mg-pdf-pango.h"
#include "mg-pdf-shaper.h"
#include "mg-summary.h"

/* Lines of @text as strings, from the text each glyph stands for. */
static GPtrArray *
break_lines (MgPdfShaper *shaper,
             const char  *text,
             double       size,
             double       width,
             GArray      *widths)
{
  g_autoptr(GArray) glyphs = g_array_new (FALSE, FALSE, sizeof (MgPdfGlyph));
  g_autoptr(GArray) lines = g_array_new (FALSE, FALSE, sizeof (MgPdfLine));
  g_autoptr(GError) error = NULL;
  GPtrArray *result = g_ptr_array_new_with_free_func (g_free);

  g_assert_true (mg_pdf_shaper_break (shaper, text, FALSE, size, width, glyphs, lines, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < lines->len; i++)
    {
      const MgPdfLine *line = &g_array_index (lines, MgPdfLine, i);
      GString *s = g_string_new (NULL);

      for (guint k = 0; k < line->n_glyphs; k++)
        {
          const MgPdfGlyph *glyph = &g_array_index (glyphs, MgPdfGlyph, line->first + k);
          MgPdfFont *font = mg_pdf_shaper_get_font (shaper, MG_PDF_GLYPH_FONT (glyph));
          char scratch[8];

          g_string_append (s, mg_pdf_font_get_glyph_text (font, glyph->gid, scratch));
        }
      g_ptr_array_add (result, g_string_free (s, FALSE));
      if (widths != NULL)
        g_array_append_val (widths, line->width);
    }
  return result;
}

static MgPdfShaper *
new_shaper (const char *language)
{
  g_autoptr(GError) error = NULL;
  MgPdfShaper *shaper = mg_pdf_shaper_new (MG_PDF_FONT_FAMILY, language, &error);

  g_assert_no_error (error);
  g_assert_nonnull (shaper);
  return shaper;
}

/* The marks that may not start a line, and those that may not end one. */
static const char *closing = "，。、；：？！）》」』”’…";
static const char *opening = "（《「『“‘";

static gboolean
mark_in (const char *set,
         gunichar    c)
{
  char buffer[8];

  buffer[g_unichar_to_utf8 (c, buffer)] = '\0';
  return strstr (set, buffer) != NULL;
}

static void
test_chinese_rules (void)
{
  g_autoptr(MgPdfShaper) shaper = new_shaper ("zh-cn");
  const char *text = "同志们：今天召开全市作风建设暨数字经济工作推进大会，主要任务是深入贯彻中央和省委决策部署。"
                     "我们提出“最多跑一次”的目标，就是要积极探索干部作风建设（2021年）——《人民日报》称之为"
                     "“义乌经验”……全年实现地区生产总值1286亿元，同比增长6.8%，增速高于全省平均水平0.9个百分点！"
                     "难道我们就满足于让群众有更多获得感吗？";

  /* At many widths: no line starts with a closing mark or ends with an
   * opening one, no line is wider than asked, and no text is lost. */
  for (double width = 60.0; width <= 400.0; width += 7.0)
    {
      g_autoptr(GArray) widths = g_array_new (FALSE, FALSE, sizeof (double));
      g_autoptr(GPtrArray) lines = break_lines (shaper, text, 10.0, width, widths);
      GString *joined = g_string_new (NULL);

      g_assert_cmpuint (lines->len, >, 1);
      for (guint i = 0; i < lines->len; i++)
        {
          const char *line = g_ptr_array_index (lines, i);
          gunichar first = g_utf8_get_char (line);
          gunichar last = g_utf8_get_char (g_utf8_find_prev_char (line, line + strlen (line)));

          g_assert_cmpstr (line, !=, "");
          if (i > 0 && mark_in (closing, first))
            g_error ("line %u at width %.0f starts with a closing mark: %s", i, width, line);
          if (i + 1 < lines->len && mark_in (opening, last))
            g_error ("line %u at width %.0f ends with an opening mark: %s", i, width, line);
          g_assert_cmpfloat (g_array_index (widths, double, i), <=, width + 0.001);
          g_string_append (joined, line);
        }
      g_assert_cmpstr (joined->str, ==, text);
      g_string_free (joined, TRUE);
    }
}

static void
test_western_words (void)
{
  g_autoptr(MgPdfShaper) shaper = new_shaper ("en");
  const char *text = "A year ago I stood in this room and promised that Riverton would become "
                     "\"a town that works for everyone.\" Tonight I want to report on what we did.";
  g_autoptr(GArray) widths = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GPtrArray) lines = break_lines (shaper, text, 10.0, 150.0, widths);
  g_auto(GStrv) words = g_strsplit (text, " ", -1);
  GString *joined = g_string_new (NULL);

  /* Lines break between words only, lose their spaces at the break, and
   * keep every word whole. */
  for (guint i = 0; i < lines->len; i++)
    {
      const char *line = g_ptr_array_index (lines, i);

      g_assert_false (g_str_has_prefix (line, " "));
      g_assert_false (g_str_has_suffix (line, " "));
      g_assert_cmpfloat (g_array_index (widths, double, i), <=, 150.001);
      if (i > 0)
        g_string_append_c (joined, ' ');
      g_string_append (joined, line);
    }
  g_assert_cmpstr (joined->str, ==, text);
  g_string_free (joined, TRUE);
  for (guint i = 0; i < lines->len; i++)
    {
      g_auto(GStrv) line_words = g_strsplit (g_ptr_array_index (lines, i), " ", -1);

      for (guint k = 0; line_words[k] != NULL; k++)
        g_assert_true (g_strv_contains ((const char * const *) words, line_words[k]));
    }
}

static void
test_long_word_and_breaks (void)
{
  g_autoptr(MgPdfShaper) shaper = new_shaper ("en");
  g_autoptr(GArray) widths = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GPtrArray) lines = NULL;
  GString *joined = g_string_new (NULL);
  const char *word = "https://example.org/a/very/long/address/that/cannot/fit/on/one/line/at/all";

  /* A word longer than the line is cut between its letters. */
  lines = break_lines (shaper, word, 10.0, 80.0, widths);
  g_assert_cmpuint (lines->len, >, 2);
  for (guint i = 0; i < lines->len; i++)
    {
      g_assert_cmpfloat (g_array_index (widths, double, i), <=, 80.001);
      g_string_append (joined, g_ptr_array_index (lines, i));
    }
  g_assert_cmpstr (joined->str, ==, word);
  g_string_free (joined, TRUE);
  g_clear_pointer (&lines, g_ptr_array_unref);

  /* Line breaks of the text are kept, blank lines too; an empty text is
   * one empty line. */
  lines = break_lines (shaper, "first line\nsecond\r\n\nafter a blank line", 10.0, 400.0, NULL);
  g_assert_cmpuint (lines->len, ==, 4);
  g_assert_cmpstr (g_ptr_array_index (lines, 0), ==, "first line");
  g_assert_cmpstr (g_ptr_array_index (lines, 1), ==, "second");
  g_assert_cmpstr (g_ptr_array_index (lines, 2), ==, "");
  g_assert_cmpstr (g_ptr_array_index (lines, 3), ==, "after a blank line");
  g_clear_pointer (&lines, g_ptr_array_unref);
  lines = break_lines (shaper, "", 10.0, 400.0, NULL);
  g_assert_cmpuint (lines->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (lines, 0), ==, "");
  g_clear_pointer (&lines, g_ptr_array_unref);

  /* Controls and invisible format characters leave no glyph. */
  lines = break_lines (shaper, "a\x01" "b\xe2\x80\x8b" "c", 10.0, 400.0, NULL);
  g_assert_cmpuint (lines->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (lines, 0), ==, "abc");
}

/* Lines of @text as the Pango layout of the PDF breaks them: the same
 * family, size, language and width, no hinting, wrapping between words
 * and, for a word longer than the line, between its characters. */
static GPtrArray *
pango_break_lines (const char *text,
                   const char *language,
                   double      size,
                   double      width)
{
  g_autoptr(PangoFontMap) map = pango_cairo_font_map_new ();
  PangoContext *context = pango_font_map_create_context (map);
  g_autoptr(PangoLayout) layout = NULL;
  PangoFontDescription *font = pango_font_description_from_string (MG_PDF_FONT_FAMILY);
  cairo_font_options_t *options = cairo_font_options_create ();
  GPtrArray *result = g_ptr_array_new_with_free_func (g_free);

  pango_cairo_context_set_resolution (context, 72.0);
  pango_context_set_round_glyph_positions (context, FALSE);
  pango_context_set_language (context, pango_language_from_string (language));
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options (context, options);
  cairo_font_options_destroy (options);
  pango_font_description_set_size (font, (int) (size * PANGO_SCALE));

  layout = pango_layout_new (context);
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_font_description (layout, font);
  pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
  pango_layout_set_text (layout, text, -1);
  for (GSList *l = pango_layout_get_lines_readonly (layout); l != NULL; l = l->next)
    {
      PangoLayoutLine *line = l->data;
      const char *start = text + line->start_index;
      const char *end = start + line->length;

      while (end > start && (end[-1] == ' ' || end[-1] == '\n' || end[-1] == '\r'))
        end--;
      g_ptr_array_add (result, g_strndup (start, end - start));
    }
  pango_font_description_free (font);
  g_object_unref (context);
  return result;
}

/* Checks that each of @lines (of @text) starts where Pango allows a line
 * to break. */
static void
assert_breaks_allowed (const char *text,
                       const char *language,
                       GPtrArray  *lines)
{
  glong n_chars = g_utf8_strlen (text, -1);
  g_autofree PangoLogAttr *attrs = g_new0 (PangoLogAttr, n_chars + 1);
  const char *p = text;

  pango_get_log_attrs (text, (int) strlen (text), -1, pango_language_from_string (language),
                       attrs, (int) n_chars + 1);
  for (guint i = 0; i < lines->len; i++)
    {
      const char *line = g_ptr_array_index (lines, i);

      while (*p == ' ')
        p++;
      g_assert_true (g_str_has_prefix (p, line));
      if (i > 0 && !attrs[g_utf8_pointer_to_offset (text, p)].is_line_break)
        g_error ("a line starts where Pango allows no break: %s", line);
      p += strlen (line);
    }
}

/* Our layout breaks lines where the Pango layout does, by Pango's rules
 * (pango_get_log_attrs()): every line of every paragraph of a speech-like
 * fixture, Chinese and English, at widths from a narrow column to the
 * page's, starts where Pango allows a break, and the lines are Pango's
 * own. Not all of them: where the two measure a glyph differently a line
 * can hold a glyph more or less — Pango takes the em dash of a Chinese
 * text in its full-width form (the face's localised glyph) where we take
 * the nominal one, and kerns across a hyphen or a closing quote, which we
 * shape apart. Those layouts are counted and kept few. */
static void
test_same_breaks_as_pango (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "pdf", "line-breaks.txt", NULL);
  g_autofree char *contents = NULL;
  g_auto(GStrv) paragraphs = NULL;
  g_autoptr(GError) error = NULL;
  guint n_layouts = 0;
  guint n_same = 0;

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  paragraphs = g_strsplit (g_strchomp (contents), "\n", -1);
  g_assert_cmpuint (g_strv_length (paragraphs), >=, 6);

  for (guint k = 0; k < 2; k++)
    {
      const char *language = k == 0 ? "zh-cn" : "en";
      g_autoptr(MgPdfShaper) shaper = new_shaper (language);

      for (guint p = 0; paragraphs[p] != NULL; p++)
        for (double width = 80.0; width <= MG_PDF_CONTENT_WIDTH; width += 9.0)
          {
            g_autoptr(GPtrArray) ours = break_lines (shaper, paragraphs[p], 10.0, width, NULL);
            g_autoptr(GPtrArray) theirs = pango_break_lines (paragraphs[p], language, 10.0, width);
            gboolean same = ours->len == theirs->len;

            assert_breaks_allowed (paragraphs[p], language, ours);
            for (guint i = 0; same && i < ours->len; i++)
              same = g_str_equal (g_ptr_array_index (ours, i), g_ptr_array_index (theirs, i));
            n_layouts++;
            n_same += same;
            if (!same)
              g_test_message ("%s, paragraph %u at %.0f pt: a line differs", language, p + 1, width);
          }
    }
  g_test_message ("%u of %u layouts line for line the same as Pango's", n_same, n_layouts);
  g_assert_cmpuint (n_same * 100, >=, n_layouts * 94);
}

static void
test_widths_scale (void)
{
  g_autoptr(MgPdfShaper) shaper = new_shaper ("zh-cn");
  g_autoptr(GArray) small = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) large = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GPtrArray) a = break_lines (shaper, "数字经济 growth", 10.0, 1000.0, small);
  g_autoptr(GPtrArray) b = break_lines (shaper, "数字经济 growth", 20.0, 1000.0, large);
  double ascent, descent;

  /* Chinese characters are one em wide; a size twice as large is twice
   * as wide. */
  g_assert_cmpfloat (g_array_index (small, double, 0), >, 40.0);
  g_assert_cmpfloat_with_epsilon (g_array_index (large, double, 0), 2 * g_array_index (small, double, 0), 0.01);
  mg_pdf_shaper_get_extents (shaper, FALSE, 10.0, &ascent, &descent);
  g_assert_cmpfloat (ascent, >, 7.0);
  g_assert_cmpfloat (descent, >, 1.0);
  g_assert_cmpfloat (ascent + descent, <, 20.0);
}

/* A character the main face can only build from a base and a mark is
 * taken whole from a face that has it: one glyph per character. */
static void
test_whole_characters (void)
{
  g_autoptr(MgPdfShaper) shaper = new_shaper ("en");
  g_autoptr(GArray) glyphs = g_array_new (FALSE, FALSE, sizeof (MgPdfGlyph));
  g_autoptr(GArray) lines = g_array_new (FALSE, FALSE, sizeof (MgPdfLine));
  g_autoptr(GError) error = NULL;
  const char *text = "Ελληνικά Кириллица";

  g_assert_true (mg_pdf_shaper_break (shaper, text, FALSE, 10.0, 400.0, glyphs, lines, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (glyphs->len, ==, g_utf8_strlen (text, -1));
  for (guint i = 0; i < glyphs->len; i++)
    g_assert_cmpuint (g_array_index (glyphs, MgPdfGlyph, i).advance, >, 0);
}

static void
test_unsupported (void)
{
  g_autoptr(MgPdfShaper) shaper = new_shaper ("en");
  const char *texts[] = { "مرحبا بالعالم", "שלום", "नमस्ते", "ภาษาไทย", "e\xcc\x81t\xc3\xa9",
                          "private \xf4\x8f\xbf\xbd use" };

  /* Scripts that need shaping or run right to left, and characters no
   * face has, are refused, so that the summary takes the Pango layout. */
  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autoptr(GArray) glyphs = g_array_new (FALSE, FALSE, sizeof (MgPdfGlyph));
      g_autoptr(GArray) lines = g_array_new (FALSE, FALSE, sizeof (MgPdfLine));
      g_autoptr(GError) error = NULL;

      g_assert_false (mg_pdf_shaper_break (shaper, texts[i], FALSE, 10.0, 400.0, glyphs, lines, &error));
      g_assert_error (error, MG_PDF_SHAPER_ERROR, MG_PDF_SHAPER_ERROR_UNSUPPORTED);
      g_assert_cmpuint (glyphs->len, ==, 0);
      g_assert_cmpuint (lines->len, ==, 0);
    }
}

/* The main face's glyphs as PDF codes: for a CID-keyed CFF face each
 * glyph's CID from the charset, so no two glyphs may share one. */
static void
test_cff_charset (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MgPdfFont) font = mg_pdf_font_new_for_family (MG_PDF_FONT_FAMILY, FALSE, "zh-cn", &error);
  g_autoptr(GHashTable) seen = g_hash_table_new (NULL, NULL);
  hb_blob_t *blob;
  hb_face_t *face;
  guint n_glyphs;
  guint mismatches = 0;

  g_assert_no_error (error);
  if (mg_pdf_font_get_format (font) != MG_PDF_FONT_CFF)
    {
      g_test_skip ("the main face has TrueType outlines here: no CFF charset to read");
      return;
    }
  blob = hb_blob_create_from_file (mg_pdf_font_get_path (font));
  face = hb_face_create (blob, mg_pdf_font_get_index (font));
  n_glyphs = hb_face_get_glyph_count (face);
  g_assert_cmpuint (n_glyphs, >, 1000);

  /* Noto Sans CJK is CID-keyed: its codes are read before any subset. */
  g_assert_cmpuint (mg_pdf_font_get_code (font, 0), ==, 0);
  for (guint gid = 1; gid < n_glyphs; gid++)
    {
      guint cid = mg_pdf_font_get_code (font, gid);

      g_assert_cmpuint (cid, >, 0);
      g_assert_false (g_hash_table_contains (seen, GUINT_TO_POINTER (cid)));
      g_hash_table_add (seen, GUINT_TO_POINTER (cid));
      mismatches += cid != gid;
    }
  g_test_message ("%u of %u glyphs have a CID other than their index", mismatches, n_glyphs);
  g_assert_cmpuint (mg_pdf_font_get_code (font, n_glyphs), ==, 0);

  hb_face_destroy (face);
  hb_blob_destroy (blob);
}

static void
test_layout_pages (void)
{
  g_autoptr(MgAnnotationStore) store = fixture_store_zh ();
  g_autoptr(GError) error = NULL;
  g_autoptr(MgSummary) summary = mg_summary_new (store, NULL, &error);
  g_autoptr(MgPdfLayout) layout = NULL;
  MgExportJob job = { 0 };
  guint n_groups;
  guint n_pages;

  g_assert_no_error (error);
  layout = mg_pdf_layout_new (summary, &job, &error);
  g_assert_no_error (error);
  g_assert_nonnull (layout);

  /* A bookmark for the counts, the statistics, the key quotes and each
   * group. */
  n_groups = mg_summary_get_n_groups (summary);
  g_assert_cmpuint (mg_pdf_layout_get_n_bookmarks (layout), ==,
                    2 + (mg_summary_get_starred (summary)->len > 0 ? 1 : 0) + n_groups);
  g_assert_cmpstr (mg_pdf_layout_get_bookmark (layout, 0)->title, ==, "Counts");
  g_assert_cmpstr (mg_pdf_layout_get_bookmark (layout, 1)->title, ==, "Statistics");

  /* Everything within the page: text inside the margins, the footer below. */
  n_pages = mg_pdf_layout_get_n_pages (layout);
  g_assert_cmpuint (n_pages, >=, 1);
  for (guint p = 0; p < n_pages; p++)
    {
      guint n_ops;
      const MgPdfOp *ops = mg_pdf_layout_get_ops (layout, p, &n_ops);
      guint footers = 0;

      g_assert_cmpuint (n_ops, >, 0);
      for (guint i = 0; i < n_ops; i++)
        {
          g_assert_cmpfloat (ops[i].x, >=, MG_PDF_MARGIN - 8.0);
          g_assert_cmpfloat (ops[i].x, <, MG_PDF_PAGE_WIDTH - MG_PDF_MARGIN);
          if (ops[i].kind == MG_PDF_OP_TEXT && ops[i].y > MG_PDF_BOTTOM)
            footers++;
          else if (ops[i].kind == MG_PDF_OP_TEXT)
            g_assert_cmpfloat (ops[i].y, >, MG_PDF_MARGIN);
          else
            g_assert_cmpfloat (ops[i].y + ops[i].height, <=, MG_PDF_BOTTOM + 0.001);
        }
      g_assert_cmpuint (footers, ==, 1);
    }
}

static void
test_layout_cancel (void)
{
  g_autoptr(MgAnnotationStore) store = fixture_store_zh ();
  g_autoptr(GError) error = NULL;
  g_autoptr(MgSummary) summary = mg_summary_new (store, NULL, &error);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  MgExportJob job = { 0 };

  g_assert_no_error (error);
  job.cancellable = cancellable;
  _mg_export_job_begin (&job, mg_pdf_content_count_steps (summary));
  g_cancellable_cancel (cancellable);
  g_assert_null (mg_pdf_layout_new (summary, &job, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

/* Long runs with no break opportunity get an invisible break every
 * MG_PDF_PANGO_MAX_RUN characters (not before a combining mark); other
 * text is left as it is. */
static void
test_pango_long_runs (void)
{
  g_autofree char *run = g_strnfill (1000, 'a');
  g_autofree char *broken = mg_pdf_pango_break_long_runs (run);
  g_autofree char *plain = mg_pdf_pango_break_long_runs ("A short note, 项目为王 and שלום.");
  g_autofree char *words = NULL;
  g_autofree char *marks = NULL;
  g_autoptr(GString) w = g_string_new (NULL);
  g_autoptr(GString) m = g_string_new (NULL);
  guint longest = 0, current = 0, n_breaks = 0;

  for (const char *p = broken; *p != '\0'; p = g_utf8_next_char (p))
    {
      if (g_utf8_get_char (p) == 0x200B)
        {
          n_breaks++;
          current = 0;
          continue;
        }
      g_assert_cmpint (*p, ==, 'a');
      current++;
      longest = MAX (longest, current);
    }
  g_assert_cmpuint (longest, <=, MG_PDF_PANGO_MAX_RUN);
  g_assert_cmpuint (n_breaks, ==, (1000 - 1) / MG_PDF_PANGO_MAX_RUN);
  g_assert_cmpstr (plain, ==, "A short note, 项目为王 and שלום.");

  for (guint i = 0; i < 100; i++)
    g_string_append (w, "word ");
  words = mg_pdf_pango_break_long_runs (w->str);
  g_assert_cmpstr (words, ==, w->str);

  /* e + COMBINING ACUTE: the mark stays with its letter. */
  for (guint i = 0; i < 200; i++)
    g_string_append (m, "e\u0301");
  marks = mg_pdf_pango_break_long_runs (m->str);
  for (const char *p = marks; *p != '\0'; p = g_utf8_next_char (p))
    if (g_utf8_get_char (p) == 0x200B)
      g_assert_cmpuint (g_utf8_get_char (g_utf8_next_char (p)), ==, 'e');
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/pdf-layout/chinese-rules", test_chinese_rules);
  g_test_add_func ("/pdf-layout/western-words", test_western_words);
  g_test_add_func ("/pdf-layout/long-word-and-breaks", test_long_word_and_breaks);
  g_test_add_func ("/pdf-layout/pango-long-runs", test_pango_long_runs);
  g_test_add_func ("/pdf-layout/same-breaks-as-pango", test_same_breaks_as_pango);
  g_test_add_func ("/pdf-layout/widths-scale", test_widths_scale);
  g_test_add_func ("/pdf-layout/whole-characters", test_whole_characters);
  g_test_add_func ("/pdf-layout/unsupported", test_unsupported);
  g_test_add_func ("/pdf-layout/cff-charset", test_cff_charset);
  g_test_add_func ("/pdf-layout/pages", test_layout_pages);
  g_test_add_func ("/pdf-layout/cancel", test_layout_cancel);

  return g_test_run ();
}
