/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Marginalia"
#include "config.h"

#include <string.h>

#include "mg-anchor.h"
#include "mg-annotation-store.h"
#include "mg-sidecar.h"

/* Re-anchoring: each stage (in place, exact elsewhere, approximate,
 * orphaned) and each kind of edit a republished speech goes through, on
 * a Chinese and an English fixture. In every test the number of
 * annotations is the same before and after. */

#define ZWSP "\xe2\x80\x8b"   /* U+200B */
#define IDEO "\xe3\x80\x80"   /* U+3000 */

static char *
read_fixture (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", name, NULL);
  g_autoptr(GError) error = NULL;
  char *text = NULL;

  g_file_get_contents (path, &text, NULL, &error);
  g_assert_no_error (error);
  return text;
}

/* @text with the first (or every) @from replaced by @to. */
static char *
edit (const char *text,
      const char *from,
      const char *to,
      gboolean    all)
{
  GString *s = g_string_new (text);
  const char *p = strstr (text, from);

  g_assert_nonnull (p);
  if (all)
    g_string_replace (s, from, to, 0);
  else
    g_string_replace (s, from, to, 1);
  return g_string_free (s, FALSE);
}

typedef struct
{
  MgDocument *old_doc;
  MgDocument *new_doc;
  GPtrArray  *annotations;
} Fixture;

static void
fixture_init (Fixture    *f,
              const char *old_text,
              const char *new_text)
{
  f->old_doc = mg_document_new_for_text (old_text, -1, "old.txt");
  f->new_doc = mg_document_new_for_text (new_text, -1, "new.txt");
  f->annotations = g_ptr_array_new_with_free_func (g_object_unref);
}

static void
fixture_clear (Fixture *f)
{
  g_ptr_array_unref (f->annotations);
  g_object_unref (f->old_doc);
  g_object_unref (f->new_doc);
}

/* An annotation on the @occurrence-th (from 1) @quote of the old text. */
static MgAnnotation *
annotate (Fixture    *f,
          const char *quote,
          guint       occurrence)
{
  const char *text = mg_document_get_text (f->old_doc);
  const char *p = text;
  MgAnnotation *a;
  guint start;

  for (;;)
    {
      p = strstr (p, quote);
      g_assert_nonnull (p);
      if (--occurrence == 0)
        break;
      p++;
    }
  start = mg_document_byte_to_offset (f->old_doc, p - text);
  a = mg_annotation_new (NULL, start, start + g_utf8_strlen (quote, -1));
  mg_annotation_fill_context (a, f->old_doc);
  g_assert_cmpstr (mg_annotation_get_quote (a), ==, quote);
  g_ptr_array_add (f->annotations, a);
  return a;
}

static MgAnchorReport
anchor_all (Fixture *f)
{
  MgAnchorReport report = { 99, 99, 99, 99 };
  guint n = f->annotations->len;

  mg_anchor_annotations (f->annotations, f->new_doc, &report);
  g_assert_cmpuint (f->annotations->len, ==, n);
  g_assert_cmpuint (report.exact + report.moved + report.fuzzy + report.orphaned, ==, n);
  return report;
}

/* Placed on @quote of the new text (its @occurrence-th), quote and
 * context refreshed from it. */
static void
assert_placed (Fixture      *f,
               MgAnnotation *a,
               const char   *quote,
               guint         occurrence)
{
  const char *text = mg_document_get_text (f->new_doc);
  const char *p = text;
  guint start, end;
  g_autofree char *slice = NULL;
  g_autofree char *prefix = NULL;

  for (;;)
    {
      p = strstr (p, quote);
      g_assert_nonnull (p);
      if (--occurrence == 0)
        break;
      p++;
    }
  start = mg_document_byte_to_offset (f->new_doc, p - text);
  end = start + g_utf8_strlen (quote, -1);

  g_assert_cmpint (mg_annotation_get_anchor_state (a), !=, MG_ANCHOR_STATE_ORPHANED);
  g_assert_false (mg_annotation_is_orphaned (a));
  g_assert_cmpuint (mg_annotation_get_start (a), ==, start);
  g_assert_cmpuint (mg_annotation_get_end (a), ==, end);
  g_assert_cmpstr (mg_annotation_get_quote (a), ==, quote);
  prefix = mg_document_dup_slice (f->new_doc, start > MG_CONTEXT_LENGTH ? start - MG_CONTEXT_LENGTH : 0, start);
  g_assert_cmpstr (mg_annotation_get_prefix (a), ==, prefix);
  g_assert_cmpuint (mg_annotation_get_paragraph (a), ==,
                    mg_document_get_paragraph_at (f->new_doc, start));
  slice = mg_document_dup_slice (f->new_doc, start, end);
  g_assert_cmpstr (slice, ==, quote);
}

static void
assert_orphaned (MgAnnotation *a,
                 guint         old_start,
                 guint         old_end,
                 const char   *old_quote)
{
  g_assert_cmpint (mg_annotation_get_anchor_state (a), ==, MG_ANCHOR_STATE_ORPHANED);
  g_assert_true (mg_annotation_is_orphaned (a));
  g_assert_cmpfloat (mg_annotation_get_anchor_score (a), ==, 0.0);
  g_assert_cmpuint (mg_annotation_get_start (a), ==, old_start);
  g_assert_cmpuint (mg_annotation_get_end (a), ==, old_end);
  g_assert_cmpstr (mg_annotation_get_quote (a), ==, old_quote);
  g_assert_cmpuint (mg_annotation_get_paragraph (a), ==, 0);
}

/* ------------------------------------------------------------ stages */

static void
test_stage_in_place (void)
{
  g_autofree char *text = read_fixture ("anchor-zh.txt");
  Fixture f;
  MgAnnotation *a, *b;
  MgAnchorReport r;
  const char *const tags[] = { "figure", NULL };

  fixture_init (&f, text, text);
  a = annotate (&f, "6.2%", 1);
  b = annotate (&f, "项目为王", 2);
  annotate (&f, "同志们", 1);
  annotate (&f, "相关文章:在全区经济工作会议上的讲话", 1);
  mg_annotation_set_tags (a, tags);
  mg_annotation_set_note (a, "增速");

  r = anchor_all (&f);
  g_assert_cmpuint (r.exact, ==, 4);
  for (guint i = 0; i < f.annotations->len; i++)
    {
      MgAnnotation *x = g_ptr_array_index (f.annotations, i);

      g_assert_cmpint (mg_annotation_get_anchor_state (x), ==, MG_ANCHOR_STATE_EXACT);
      g_assert_cmpfloat (mg_annotation_get_anchor_score (x), ==, 1.0);
    }
  assert_placed (&f, a, "6.2%", 1);
  assert_placed (&f, b, "项目为王", 2);
  g_assert_true (mg_annotation_has_tag (a, "figure"));
  g_assert_cmpstr (mg_annotation_get_note (a), ==, "增速");
  fixture_clear (&f);
}

static void
test_stage_moved (void)
{
  g_autofree char *text = read_fixture ("anchor-zh.txt");
  g_autofree char *changed = edit (text, "同志们:\n", "同志们:\n\n 首先,我代表区委、区政府,向大家致以诚挚的问候。\n", FALSE);
  Fixture f;
  MgAnnotation *a, *b, *title;
  MgAnchorReport r;

  fixture_init (&f, text, changed);
  title = annotate (&f, "在全区高质量发展推进会上的讲话", 1);
  a = annotate (&f, "一般公共预算收入达到 48.6 亿元", 1);
  b = annotate (&f, "项目为王", 2);

  r = anchor_all (&f);
  g_assert_cmpuint (r.exact, ==, 1);
  g_assert_cmpuint (r.moved, ==, 2);
  assert_placed (&f, title, "在全区高质量发展推进会上的讲话", 1);
  g_assert_cmpint (mg_annotation_get_anchor_state (title), ==, MG_ANCHOR_STATE_EXACT);
  assert_placed (&f, a, "一般公共预算收入达到 48.6 亿元", 1);
  g_assert_cmpint (mg_annotation_get_anchor_state (a), ==, MG_ANCHOR_STATE_MOVED);
  g_assert_cmpfloat (mg_annotation_get_anchor_score (a), ==, 1.0);
  /* The second of two equal quotes stays the second: context decides. */
  assert_placed (&f, b, "项目为王", 2);
  fixture_clear (&f);
}

static void
test_stage_fuzzy (void)
{
  g_autofree char *text = read_fixture ("anchor-zh.txt");
  g_autofree char *changed = edit (text, "48.6 亿元", "48.9 亿元", FALSE);
  g_autofree char *en_text = read_fixture ("anchor-en.txt");
  g_autofree char *en_changed = edit (en_text, "double the number of young readers",
                                      "triple the number of young readers", FALSE);
  Fixture f;
  MgAnnotation *a;
  MgAnchorReport r;
  double score;

  fixture_init (&f, text, changed);
  a = annotate (&f, "一般公共预算收入达到 48.6 亿元", 1);
  r = anchor_all (&f);
  g_assert_cmpuint (r.fuzzy, ==, 1);
  g_assert_cmpint (mg_annotation_get_anchor_state (a), ==, MG_ANCHOR_STATE_FUZZY);
  score = mg_annotation_get_anchor_score (a);
  g_assert_cmpfloat (score, <, 1.0);
  g_assert_cmpfloat (score, >=, 0.7);
  assert_placed (&f, a, "一般公共预算收入达到 48.9 亿元", 1);
  fixture_clear (&f);

  fixture_init (&f, en_text, en_changed);
  a = annotate (&f, "Our goal for the next five years is simple: double the number of young readers", 1);
  r = anchor_all (&f);
  g_assert_cmpuint (r.fuzzy, ==, 1);
  assert_placed (&f, a, "Our goal for the next five years is simple: triple the number of young readers", 1);
  fixture_clear (&f);
}

static void
test_stage_orphaned (void)
{
  g_autofree char *text = read_fixture ("anchor-zh.txt");
  g_autofree char *changed = edit (text, " 今年的目标是:地区生产总值增长 6% 左右,研发投入强度达到 3% ,新增城镇就业 1.2 万人。", "", FALSE);
  Fixture f;
  MgAnnotation *a, *b;
  MgAnchorReport r;
  guint s, e;

  fixture_init (&f, text, changed);
  a = annotate (&f, "研发投入强度达到 3%", 1);
  b = annotate (&f, "关键在落实", 1);
  s = mg_annotation_get_start (a);
  e = mg_annotation_get_end (a);

  r = anchor_all (&f);
  g_assert_cmpuint (r.orphaned, ==, 1);
  g_assert_cmpuint (r.moved, ==, 1);
  assert_orphaned (a, s, e, "研发投入强度达到 3%");
  g_assert_nonnull (strstr (mg_annotation_get_prefix (a), "地区生产总值增长"));
  assert_placed (&f, b, "关键在落实", 1);
  fixture_clear (&f);
}

/* An orphan whose text comes back is placed again. */
static void
test_orphan_comes_back (void)
{
  g_autofree char *text = read_fixture ("anchor-en.txt");
  Fixture f;
  MgAnnotation *a;
  MgAnchorReport r;

  fixture_init (&f, text, text);
  a = annotate (&f, "keep every door open until nine o'clock at night", 1);
  mg_annotation_set_range (a, 5000, 5048);
  mg_annotation_set_anchor_state (a, MG_ANCHOR_STATE_ORPHANED);
  r = anchor_all (&f);
  g_assert_cmpuint (r.moved, ==, 1);
  assert_placed (&f, a, "keep every door open until nine o'clock at night", 1);
  fixture_clear (&f);
}

/* ------------------------------------------------------------ edits */

static void
test_edit_sentences_zh (void)
{
  g_autofree char *text = read_fixture ("anchor-zh.txt");
  g_autofree char *t1 = edit (text, "成绩来之不易。", "", FALSE);   /* delete */
  g_autofree char *t2 = edit (t1, "实现这些目标,关键在落实,关键在干部。",
                              "实现这些目标,必须真抓实干、久久为功。", FALSE); /* replace */
  g_autofree char *t3 = edit (t2, "第一,抓产业升级。", "第一,抓产业升级。产业是发展的根基。", FALSE); /* insert */
  Fixture f;
  MgAnnotation *deleted, *replaced, *after, *before, *inside;
  MgAnchorReport r;
  guint s, e;

  fixture_init (&f, text, t3);
  before = annotate (&f, "城乡居民收入稳步提高", 1);
  deleted = annotate (&f, "成绩来之不易", 1);
  s = mg_annotation_get_start (deleted);
  e = mg_annotation_get_end (deleted);
  replaced = annotate (&f, "关键在干部", 1);
  inside = annotate (&f, "推动传统产业数字化改造", 1);
  after = annotate (&f, "新建幼儿园 8 所、养老服务中心 12 个", 1);

  r = anchor_all (&f);
  g_assert_cmpuint (r.orphaned, ==, 2);
  assert_placed (&f, before, "城乡居民收入稳步提高", 1);
  g_assert_cmpint (mg_annotation_get_anchor_state (before), ==, MG_ANCHOR_STATE_EXACT);
  assert_orphaned (deleted, s, e, "成绩来之不易");
  g_assert_true (mg_annotation_is_orphaned (replaced));
  assert_placed (&f, inside, "推动传统产业数字化改造", 1);
  assert_placed (&f, after, "新建幼儿园 8 所、养老服务中心 12 个", 1);
  fixture_clear (&f);
}

static void
test_edit_paragraphs_en (void)
{
  g_autofree char *text = read_fixture ("anchor-en.txt");
  g_autofree char *t1 = edit (text,
                              "Our goal for the next five years is simple: double the number of young readers, "
                              "open two branch libraries in the eastern districts, and keep every door open "
                              "until nine o'clock at night.\n\n", "", FALSE);
  g_autofree char *t2 = edit (t1, "So let us open",
                              "None of this would exist without the city council, the school board, "
                              "and the quiet work of our librarians.\n\nSo let us open", FALSE);
  Fixture f;
  MgAnnotation *goal, *branch, *measure, *open, *first;
  MgAnchorReport r;
  guint s, e;

  fixture_init (&f, text, t2);
  first = annotate (&f, "Ten years ago this building was an empty warehouse.", 1);
  goal = annotate (&f, "double the number of young readers", 1);
  branch = annotate (&f, "two branch libraries", 1);
  measure = annotate (&f, "We will measure our success not by the books we buy", 1);
  open = annotate (&f, "So let us open these doors together.", 1);
  s = mg_annotation_get_start (goal);
  e = mg_annotation_get_end (goal);

  r = anchor_all (&f);
  g_assert_cmpuint (r.exact, ==, 1);
  g_assert_cmpuint (r.moved, ==, 2);
  g_assert_cmpuint (r.orphaned, ==, 2);
  assert_placed (&f, first, "Ten years ago this building was an empty warehouse.", 1);
  assert_orphaned (goal, s, e, "double the number of young readers");
  g_assert_true (mg_annotation_is_orphaned (branch));
  assert_placed (&f, measure, "We will measure our success not by the books we buy", 1);
  assert_placed (&f, open, "So let us open these doors together.", 1);
  fixture_clear (&f);
}

static void
test_edit_paragraphs_zh (void)
{
  g_autofree char *text = read_fixture ("anchor-zh.txt");
  g_autofree char *t1 = edit (text,
                              " 第二,抓改革开放。要深化 “ 放管服 ” 改革,推行 “ 一件事一次办 ” ,"
                              "让企业和群众办事更便捷。\n\n", "", FALSE);
  g_autofree char *t2 = edit (t1, " 第三,抓民生保障。",
                              " 第二,抓生态环境。要打好蓝天、碧水、净土保卫战。\n\n 第三,抓民生保障。", FALSE);
  Fixture f;
  MgAnnotation *gone, *third, *last;
  MgAnchorReport r;

  fixture_init (&f, text, t2);
  gone = annotate (&f, "一件事一次办", 1);
  third = annotate (&f, "第三,抓民生保障", 1);
  last = annotate (&f, "奋力谱写高质量发展新篇章", 1);

  r = anchor_all (&f);
  g_assert_cmpuint (r.orphaned, ==, 1);
  g_assert_true (mg_annotation_is_orphaned (gone));
  assert_placed (&f, third, "第三,抓民生保障", 1);
  assert_placed (&f, last, "奋力谱写高质量发展新篇章", 1);
  fixture_clear (&f);
}

/* Placed by a match of the folded text only: fuzzy, scored below 1 but
 * well above the least any approximate match needs. */
static void
assert_folded_fuzzy (MgAnnotation *a)
{
  g_assert_cmpint (mg_annotation_get_anchor_state (a), ==, MG_ANCHOR_STATE_FUZZY);
  g_assert_cmpfloat (mg_annotation_get_anchor_score (a), <, 1.0);
  g_assert_cmpfloat (mg_annotation_get_anchor_score (a), >=, 0.45);
}

/* “ 十四五 ” → “十四五”, 2023 年 → 2023年: spacing fixed everywhere. */
static void
test_edit_spacing_zh (void)
{
  g_autofree char *text = read_fixture ("anchor-zh.txt");
  g_autofree char *t1 = edit (text, "“ 十四五 ”", "“十四五”", TRUE);
  g_autofree char *t2 = edit (t1, "2023 年", "2023年", TRUE);
  g_autofree char *t3 = edit (t2, "“ 项目为王 ” ,", "“项目为王”,", TRUE);
  g_autofree char *t4 = edit (t3, "“ 项目为王 ” ", "“项目为王”", TRUE);
  g_autofree char *t5 = edit (t4, "\n 今年", "\n" IDEO "今年", FALSE);
  g_autofree char *t6 = edit (t5, "研发投入", "研发" ZWSP "投入", FALSE);
  Fixture f;
  MgAnnotation *slogan, *inner, *work, *second, *goal, *rd;
  MgAnchorReport r;

  fixture_init (&f, text, t6);
  slogan = annotate (&f, "“ 十四五 ”", 1);
  inner = annotate (&f, "十四五", 1);
  work = annotate (&f, "总结 2023 年工作", 1);
  second = annotate (&f, "我们坚持 “ 项目为王 ” 不动摇", 1);
  goal = annotate (&f, "今年的目标是", 1);
  rd = annotate (&f, "研发投入强度达到 3%", 1);

  r = anchor_all (&f);
  g_assert_cmpuint (r.orphaned, ==, 0);
  /* Found once folded, but no longer the same text: fuzzy, not moved. */
  g_assert_cmpuint (r.fuzzy, ==, 4);
  assert_placed (&f, slogan, "“十四五”", 1);
  assert_placed (&f, inner, "十四五", 1);
  assert_placed (&f, work, "总结 2023年工作", 1);
  assert_placed (&f, second, "我们坚持 “项目为王”不动摇", 1);
  assert_placed (&f, goal, "今年的目标是", 1);
  assert_placed (&f, rd, "研发" ZWSP "投入强度达到 3%", 1);
  assert_folded_fuzzy (slogan);
  assert_folded_fuzzy (work);
  assert_folded_fuzzy (second);
  assert_folded_fuzzy (rd);
  g_assert_cmpint (mg_annotation_get_anchor_state (inner), !=, MG_ANCHOR_STATE_FUZZY);
  g_assert_cmpint (mg_annotation_get_anchor_state (goal), !=, MG_ANCHOR_STATE_FUZZY);
  fixture_clear (&f);
}

/* , → ，  : → ：  ; → ；  2023 → ２０２３ and the other way round. */
static void
test_edit_width_zh (void)
{
  g_autofree char *text = read_fixture ("anchor-zh.txt");
  g_autofree char *t1 = edit (text, ",", "，", TRUE);
  g_autofree char *t2 = edit (t1, ":", "：", TRUE);
  g_autofree char *t3 = edit (t2, ";", "；", TRUE);
  g_autofree char *t4 = edit (t3, "2023", "２０２３", TRUE);
  Fixture f;
  MgAnnotation *a, *b, *c;
  MgAnchorReport r;

  fixture_init (&f, text, t4);
  a = annotate (&f, "主要任务是总结 2023 年工作,部署", 1);
  b = annotate (&f, "今年的目标是:地区生产总值增长 6% 左右", 1);
  c = annotate (&f, "全年新开工亿元以上项目 37 个;我们坚持", 1);
  r = anchor_all (&f);
  g_assert_cmpuint (r.fuzzy, ==, 3);
  assert_folded_fuzzy (a);
  assert_folded_fuzzy (b);
  assert_folded_fuzzy (c);
  assert_placed (&f, a, "主要任务是总结 ２０２３ 年工作，部署", 1);
  assert_placed (&f, b, "今年的目标是：地区生产总值增长 6% 左右", 1);
  assert_placed (&f, c, "全年新开工亿元以上项目 37 个；我们坚持", 1);
  fixture_clear (&f);

  /* And back: full width to ASCII. */
  fixture_init (&f, t4, text);
  a = annotate (&f, "主要任务是总结 ２０２３ 年工作，部署", 1);
  r = anchor_all (&f);
  g_assert_cmpuint (r.fuzzy, ==, 1);
  assert_folded_fuzzy (a);
  assert_placed (&f, a, "主要任务是总结 2023 年工作,部署", 1);
  fixture_clear (&f);
}

static void
test_edit_footer (void)
{
  g_autofree char *text = read_fixture ("anchor-zh.txt");
  g_autofree char *changed = edit (text, "推荐访问:高质量发展 讲话 区委\n相关文章:在全区经济工作会议上的讲话\n", "", FALSE);
  g_autofree char *en_text = read_fixture ("anchor-en.txt");
  g_autofree char *en_changed = edit (en_text, "\nShare this page | Print | Contact the editor\n", "", FALSE);
  Fixture f;
  MgAnnotation *footer, *last, *en_last, *en_footer;
  MgAnchorReport r;

  fixture_init (&f, text, changed);
  footer = annotate (&f, "推荐访问", 1);
  last = annotate (&f, "奋力谱写高质量发展新篇章!", 1);
  r = anchor_all (&f);
  g_assert_cmpuint (r.orphaned, ==, 1);
  g_assert_true (mg_annotation_is_orphaned (footer));
  assert_placed (&f, last, "奋力谱写高质量发展新篇章!", 1);
  fixture_clear (&f);

  fixture_init (&f, en_text, en_changed);
  en_last = annotate (&f, "Thank you.", 1);
  en_footer = annotate (&f, "Contact the editor", 1);
  r = anchor_all (&f);
  g_assert_cmpuint (r.orphaned, ==, 1);
  g_assert_true (mg_annotation_is_orphaned (en_footer));
  assert_placed (&f, en_last, "Thank you.", 1);
  fixture_clear (&f);
}

/* A paragraph broken mid-sentence joined again; and hard-wrapped lines. */
static void
test_edit_rewrap (void)
{
  g_autofree char *text = read_fixture ("anchor-zh.txt");
  g_autofree char *joined = edit (text, "在今年\n下大力气", "在今年下大力气", FALSE);
  g_autofree char *en_text = read_fixture ("anchor-en.txt");
  g_autofree char *en_joined = edit (en_text, "promise that\nthe questions", "promise that the questions", FALSE);
  g_autofree char *en_wrapped = edit (en_joined, "not only to those", "not only\nto those", FALSE);
  Fixture f;
  MgAnnotation *a, *b, *c;
  MgAnchorReport r;

  fixture_init (&f, text, joined);
  a = annotate (&f, "这些问题必须在今年\n下大力气解决", 1);
  b = annotate (&f, "今年的目标是", 1);
  r = anchor_all (&f);
  g_assert_cmpuint (r.orphaned, ==, 0);
  assert_placed (&f, a, "这些问题必须在今年下大力气解决", 1);
  assert_placed (&f, b, "今年的目标是", 1);
  fixture_clear (&f);

  fixture_init (&f, en_text, en_wrapped);
  a = annotate (&f, "A library is a promise that\nthe questions of a child matter", 1);
  b = annotate (&f, "knowledge belongs to everyone, not only to those who can pay for it", 1);
  c = annotate (&f, "A library is a promise.", 1);
  r = anchor_all (&f);
  g_assert_cmpuint (r.orphaned, ==, 0);
  /* The two rewrapped ones changed as written: fuzzy. */
  g_assert_cmpuint (r.fuzzy, ==, 2);
  assert_folded_fuzzy (a);
  assert_folded_fuzzy (b);
  g_assert_cmpint (mg_annotation_get_anchor_state (c), !=, MG_ANCHOR_STATE_FUZZY);
  assert_placed (&f, a, "A library is a promise that the questions of a child matter", 1);
  assert_placed (&f, b, "knowledge belongs to everyone, not only\nto those who can pay for it", 1);
  assert_placed (&f, c, "A library is a promise.", 1);
  fixture_clear (&f);
}

/* A quote that occurs many times, its context destroyed: never placed at
 * a guess. With one occurrence keeping its context, placed there. */
static void
test_ambiguous (void)
{
  const char *old_text = "我们坚持项目为王,全年新开工项目37个。后来又有很多别的内容。";
  const char *destroyed = "甲方项目为王乙方。丙方项目为王丁方。戊方项目为王己方。庚方项目为王辛方。";
  const char *one_kept = "甲方项目为王乙方。我们坚持项目为王,全年新开工项目40个。丙方项目为王丁方。";
  Fixture f;
  MgAnnotation *a;
  MgAnchorReport r;
  MgAnchorResult result;
  g_autoptr(MgAnchorIndex) index = NULL;

  fixture_init (&f, old_text, destroyed);
  a = annotate (&f, "项目为王", 1);
  r = anchor_all (&f);
  g_assert_cmpuint (r.orphaned, ==, 1);
  assert_orphaned (a, 4, 8, "项目为王");
  fixture_clear (&f);

  fixture_init (&f, old_text, one_kept);
  a = annotate (&f, "项目为王", 1);
  r = anchor_all (&f);
  g_assert_cmpuint (r.moved, ==, 1);
  assert_placed (&f, a, "项目为王", 2);
  fixture_clear (&f);

  /* English: "promise" three times. The sentence holding the second is
   * deleted; the third, whose own context survives, stays placed by it. */
  {
    g_autofree char *en_text = read_fixture ("anchor-en.txt");
    g_autofree char *en_changed = edit (en_text,
                                        "A library is a promise that knowledge belongs to everyone, "
                                        "not only to those who can pay for it. ", "", FALSE);
    const char *en_destroyed = "Keep your promise. A promise is a debt. Each promise counts. "
                               "Promise little, do much: a promise kept.";

    fixture_init (&f, en_text, en_changed);
    a = annotate (&f, "promise", 3);
    r = anchor_all (&f);
    g_assert_cmpuint (r.moved, ==, 1);
    assert_placed (&f, a, "promise", 2);
    g_assert_nonnull (strstr (mg_annotation_get_suffix (a), "the questions"));
    fixture_clear (&f);

    fixture_init (&f, en_text, en_destroyed);
    a = annotate (&f, "promise", 2);
    r = anchor_all (&f);
    g_assert_cmpuint (r.orphaned, ==, 1);
    g_assert_true (mg_annotation_is_orphaned (a));
    fixture_clear (&f);
  }

  /* The same through the index, without prefix or suffix: a short quote
   * that occurs several times is not placed by position alone. */
  {
    MgDocument *doc = mg_document_new_for_text (destroyed, -1, NULL);

    index = mg_anchor_index_new (doc);
    mg_anchor_locate (index, "项目为王", NULL, "", 40, 44, &result);
    g_assert_cmpint (result.state, ==, MG_ANCHOR_STATE_ORPHANED);
    g_assert_cmpuint (result.start, ==, 40);
    g_assert_cmpuint (result.end, ==, 44);
    g_assert_cmpfloat (result.score, ==, 0.0);
    g_object_unref (doc);
  }
}

/* A sentence deleted whose words occur elsewhere: not put elsewhere. */
static void
test_deleted_not_misplaced (void)
{
  g_autofree char *text = read_fixture ("anchor-zh.txt");
  g_autofree char *changed = edit (text,
                                   " 同志们,使命催人奋进,实干成就未来。让我们以更加饱满的热情、更加务实的作风,"
                                   "奋力谱写高质量发展新篇章!\n\n", "", FALSE);
  Fixture f;
  MgAnnotation *a, *b, *c;
  MgAnchorReport r;

  fixture_init (&f, text, changed);
  a = annotate (&f, "高质量发展", 2);   /* the one in the deleted paragraph */
  b = annotate (&f, "同志们", 2);
  c = annotate (&f, "高质量发展", 1);   /* the title's, still there */
  r = anchor_all (&f);
  g_assert_cmpuint (r.orphaned, ==, 2);
  g_assert_true (mg_annotation_is_orphaned (a));
  g_assert_true (mg_annotation_is_orphaned (b));
  assert_placed (&f, c, "高质量发展", 1);
  fixture_clear (&f);
}

static void
test_locate (void)
{
  g_autofree char *text = read_fixture ("anchor-en.txt");
  MgDocument *doc = mg_document_new_for_text (text, -1, NULL);
  MgAnchorIndex *index = mg_anchor_index_new (doc);
  MgAnchorResult r;
  guint at = g_utf8_pointer_to_offset (text, strstr (text, "a workshop where children"));

  /* Unique and long: placed even without context. */
  mg_anchor_locate (index, "a workshop where children build their first robots", NULL, NULL, 0, 0, &r);
  g_assert_cmpint (r.state, ==, MG_ANCHOR_STATE_MOVED);
  g_assert_cmpuint (r.start, ==, at);
  g_assert_cmpuint (r.end, ==, at + 50);
  g_assert_cmpfloat (r.score, ==, 1.0);

  mg_anchor_locate (index, "a workshop where children build their first robots", NULL, NULL,
                    at, at + 50, &r);
  g_assert_cmpint (r.state, ==, MG_ANCHOR_STATE_EXACT);

  mg_anchor_locate (index, "", "x", "y", 3, 3, &r);
  g_assert_cmpint (r.state, ==, MG_ANCHOR_STATE_ORPHANED);
  mg_anchor_locate (index, "a submarine", "", "", 3, 14, &r);
  g_assert_cmpint (r.state, ==, MG_ANCHOR_STATE_ORPHANED);
  g_assert_cmpuint (r.start, ==, 3);
  g_assert_cmpuint (r.end, ==, 14);
  /* Offsets beyond the text are only a hint. */
  mg_anchor_locate (index, "180,000 books", "Today it holds ", ", 40 reading rooms", 90000, 90013, &r);
  g_assert_cmpint (r.state, ==, MG_ANCHOR_STATE_MOVED);
  g_assert_cmpuint (r.start, ==, g_utf8_pointer_to_offset (text, strstr (text, "180,000")));

  mg_anchor_index_free (index);
  g_object_unref (doc);
}

/* A quote that starts or ends with white space keeps it when it moves
 * (folding ignores white space, the quote does not); where the text no
 * longer has it, the quote changed and is fuzzy. */
static void
test_blank_edges (void)
{
  const char *text = "前言。我们坚持项目为王 不动摇，" IDEO "全年新开工项目37个。结尾项目为王不动摇。";
  MgDocument *doc = mg_document_new_for_text (text, -1, NULL);
  MgAnchorIndex *index = mg_anchor_index_new (doc);
  guint at = g_utf8_pointer_to_offset (text, strstr (text, "项目为王 "));
  guint ideo = g_utf8_pointer_to_offset (text, strstr (text, IDEO));
  guint last = g_utf8_pointer_to_offset (text, strstr (text, "结尾项目为王") + strlen ("结尾"));
  MgAnchorResult r;

  /* Trailing space, found 30 characters away from where it was. */
  mg_anchor_locate (index, "项目为王 ", "我们坚持", "不动摇，", at + 30, at + 35, &r);
  g_assert_cmpint (r.state, ==, MG_ANCHOR_STATE_MOVED);
  g_assert_cmpuint (r.start, ==, at);
  g_assert_cmpuint (r.end, ==, at + 5);
  g_assert_cmpfloat (r.score, ==, 1.0);

  /* Leading ideographic space. */
  mg_anchor_locate (index, IDEO "全年新开工", "不动摇，", "项目37个。", 0, 6, &r);
  g_assert_cmpint (r.state, ==, MG_ANCHOR_STATE_MOVED);
  g_assert_cmpuint (r.start, ==, ideo);
  g_assert_cmpuint (r.end, ==, ideo + 6);

  /* The space is gone in the text: placed without it, fuzzy. */
  mg_anchor_locate (index, "项目为王 不动摇", "结尾", "。", 0, 8, &r);
  g_assert_cmpint (r.state, ==, MG_ANCHOR_STATE_FUZZY);
  g_assert_cmpuint (r.start, ==, last);
  g_assert_cmpuint (r.end, ==, last + 7);
  g_assert_cmpfloat (r.score, <, 1.0);
  g_assert_cmpfloat (r.score, >, 0.45);

  mg_anchor_index_free (index);
  g_object_unref (doc);
}

/* The same through mg_anchor_annotations: the refreshed quote keeps its
 * trailing space. */
static void
test_blank_edges_refreshed (void)
{
  const char *old_text = "我们坚持项目为王 不动摇。";
  g_autofree char *new_text = g_strconcat ("第一段。\n\n", old_text, NULL);
  Fixture f;
  MgAnnotation *a;
  MgAnchorReport r;

  fixture_init (&f, old_text, new_text);
  a = annotate (&f, "项目为王 ", 1);
  r = anchor_all (&f);
  g_assert_cmpuint (r.moved, ==, 1);
  g_assert_cmpstr (mg_annotation_get_quote (a), ==, "项目为王 ");
  assert_placed (&f, a, "项目为王 ", 1);
  fixture_clear (&f);
}

/* A thousand annotations on a generated speech, a sentence inserted at the
 * top and one in the middle: every one placed where it belongs. */
static void
test_many (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (3);
  static const char *words[] = { "发展", "改革", "经济", "民生", "创新", "开放", "治理", "安全",
                                 "就业", "教育", "医疗", "产业", "乡村", "城市", "生态", "人才" };
  GString *s = g_string_new (NULL);
  g_autofree char *changed = NULL;
  GString *c;
  Fixture f;
  MgAnchorReport r;
  guint i, n, mid_byte;

  for (i = 0; i < 3000; i++)
    {
      guint k, len = g_rand_int_range (rand, 4, 12);

      for (k = 0; k < len; k++)
        g_string_append (s, words[g_rand_int_range (rand, 0, G_N_ELEMENTS (words))]);
      g_string_append_printf (s, "%u。", i);
      if (i % 7 == 6)
        g_string_append (s, "\n\n");
    }
  c = g_string_new (s->str);
  mid_byte = strstr (c->str, "1500。") - c->str;
  g_string_insert (c, mid_byte, "这是新加的一句话。");
  g_string_prepend (c, "开头新加的一句话。\n\n");
  changed = g_string_free (c, FALSE);

  fixture_init (&f, s->str, changed);
  n = mg_document_get_length (f.old_doc);
  for (i = 0; i < 1000; i++)
    {
      guint start = g_rand_int_range (rand, 0, n - 20);
      MgAnnotation *a = mg_annotation_new (NULL, start, start + g_rand_int_range (rand, 3, 20));

      mg_annotation_fill_context (a, f.old_doc);
      g_ptr_array_add (f.annotations, a);
    }
  r = anchor_all (&f);
  g_test_message ("exact %u moved %u fuzzy %u orphaned %u", r.exact, r.moved, r.fuzzy, r.orphaned);
  for (i = 0; i < f.annotations->len; i++)
    {
      MgAnnotation *a = g_ptr_array_index (f.annotations, i);
      g_autofree char *slice = mg_document_dup_slice (f.new_doc, mg_annotation_get_start (a),
                                                      mg_annotation_get_end (a));

      /* The annotations that straddle the inserted sentence may not be
       * found exactly; all others are, and no annotation is misplaced. */
      if (!mg_annotation_is_orphaned (a))
        g_assert_cmpstr (slice, ==, mg_annotation_get_quote (a));
    }
  g_assert_cmpuint (r.moved + r.exact, >=, 990);
  g_string_free (s, TRUE);
  fixture_clear (&f);
}

/* A passage the text repeats, placed approximately among several equal
 * places, once the hint taken from the annotations around it moved the
 * search elsewhere, lost its place and was orphaned — only to be placed
 * on the next load of the very same text, where it was searched for
 * alone. Loading, saving and loading again must change nothing. (Found
 * by random edits of random texts and annotations.) */
static void
test_idempotent_ambiguous (void)
{
  g_autofree char *text = read_fixture ("anchor-idempotent.txt");
  g_autofree char *json = read_fixture ("anchor-idempotent.txt.marginalia.json");
  g_autoptr(MgDocument) document = mg_document_new_for_text (text, -1, "anchor-idempotent.txt");
  g_autoptr(GFile) file = g_file_new_for_path ("anchor-idempotent.txt.marginalia.json");
  g_autoptr(GBytes) bytes = g_bytes_new_take (g_steal_pointer (&json), strlen (json));
  g_autoptr(GBytes) first = NULL;

  for (guint round = 0; round < 3; round++)
    {
      g_autoptr(MgSidecar) sidecar = mg_sidecar_new (file, document);
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) saved = NULL;
      MgAnnotationStore *store;

      g_assert_true (mg_sidecar_load_bytes (sidecar, bytes, &error));
      g_assert_no_error (error);
      store = mg_sidecar_get_store (sidecar);
      /* The repeated passage keeps a place from the first load on. */
      g_assert_false (mg_annotation_is_orphaned (mg_annotation_store_lookup (store, "03296f7f-5ddf-4ed1-af42-a71552f56ec7")));
      saved = mg_sidecar_serialize (sidecar);
      if (first == NULL)
        first = g_bytes_ref (saved);
      else
        g_assert_true (g_bytes_equal (saved, first));
      g_bytes_unref (bytes);
      bytes = g_steal_pointer (&saved);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/anchor/stage/in-place", test_stage_in_place);
  g_test_add_func ("/anchor/stage/moved", test_stage_moved);
  g_test_add_func ("/anchor/stage/fuzzy", test_stage_fuzzy);
  g_test_add_func ("/anchor/stage/orphaned", test_stage_orphaned);
  g_test_add_func ("/anchor/stage/orphan-comes-back", test_orphan_comes_back);
  g_test_add_func ("/anchor/idempotent-ambiguous", test_idempotent_ambiguous);
  g_test_add_func ("/anchor/edit/sentences-zh", test_edit_sentences_zh);
  g_test_add_func ("/anchor/edit/paragraphs-en", test_edit_paragraphs_en);
  g_test_add_func ("/anchor/edit/paragraphs-zh", test_edit_paragraphs_zh);
  g_test_add_func ("/anchor/edit/spacing-zh", test_edit_spacing_zh);
  g_test_add_func ("/anchor/edit/width-zh", test_edit_width_zh);
  g_test_add_func ("/anchor/edit/footer", test_edit_footer);
  g_test_add_func ("/anchor/edit/rewrap", test_edit_rewrap);
  g_test_add_func ("/anchor/ambiguous", test_ambiguous);
  g_test_add_func ("/anchor/deleted-not-misplaced", test_deleted_not_misplaced);
  g_test_add_func ("/anchor/locate", test_locate);
  g_test_add_func ("/anchor/many", test_many);
  g_test_add_func ("/anchor/blank-edges", test_blank_edges);
  g_test_add_func ("/anchor/blank-edges-refreshed", test_blank_edges_refreshed);

  return g_test_run ();
}
