/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Marginalia"
#include "config.h"

#include <string.h>

#include "corpus-dir.h"
#include "mg-change.h"
#include "mg-dismissal.h"
#include "mg-export-compare.h"
#include "mg-suggest.h"

static MgDocument *
load_fixture (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "suggest", name, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  MgDocument *document = mg_document_load (file, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (document);
  return document;
}

/* The suggestion of @kind exactly on [start, end), or NULL. */
static MgSuggestion *
find (GListModel       *model,
      MgSuggestionKind  kind,
      guint             start,
      guint             end)
{
  guint n = g_list_model_get_n_items (model);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(MgSuggestion) s = g_list_model_get_item (model, i);

      if (mg_suggestion_get_kind (s) == kind && mg_suggestion_get_start (s) == start &&
          mg_suggestion_get_end (s) == end)
        return s;
    }
  return NULL;
}

typedef struct
{
  MgSuggestionKind  kind;
  guint             start;
  guint             end;
  guint             paragraph;
  const char       *quote;
  const char       *reason;
} Expected;

static void
check_expected (MgDocument     *document,
                GListModel     *model,
                const Expected *expected,
                guint           n_expected)
{
  for (guint i = 0; i < n_expected; i++)
    {
      const Expected *e = &expected[i];
      g_autofree char *slice = mg_document_dup_slice (document, e->start, e->end);
      MgSuggestion *s;

      /* The fixture holds the text where the test says it is. */
      g_assert_cmpstr (slice, ==, e->quote);
      s = find (model, e->kind, e->start, e->end);
      if (s == NULL)
        g_error ("no %s suggested on %u–%u “%s”",
                 mg_suggestion_kind_to_string (e->kind), e->start, e->end, e->quote);
      g_assert_cmpstr (mg_suggestion_get_quote (s), ==, e->quote);
      g_assert_cmpstr (mg_suggestion_get_reason (s), ==, e->reason);
      g_assert_cmpuint (mg_suggestion_get_paragraph (s), ==, e->paragraph);
      g_assert_cmpstr (mg_suggestion_get_tag (s), ==, mg_suggestion_kind_to_string (e->kind));
    }
}

/* Sorted by start, no two of one kind overlapping, quotes and paragraphs
 * matching the document. */
static void
check_invariants (MgDocument *document,
                  GListModel *model)
{
  guint n = g_list_model_get_n_items (model);
  guint last_start = 0;
  guint last_end[MG_SUGGESTION_N_KINDS] = { 0, };

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(MgSuggestion) s = g_list_model_get_item (model, i);
      MgSuggestionKind kind = mg_suggestion_get_kind (s);
      guint start = mg_suggestion_get_start (s);
      guint end = mg_suggestion_get_end (s);
      g_autofree char *slice = mg_document_dup_slice (document, start, end);

      g_assert_cmpuint (start, <, end);
      g_assert_cmpuint (end - start, <=, MG_SUGGEST_MAX_LENGTH);
      g_assert_cmpuint (end, <=, mg_document_get_length (document));
      g_assert_cmpuint (start, >=, last_start);
      g_assert_cmpuint (start, >=, last_end[kind]);
      g_assert_cmpstr (mg_suggestion_get_quote (s), ==, slice);
      g_assert_cmpuint (mg_suggestion_get_paragraph (s), ==,
                        mg_document_get_paragraph_at (document, start));
      g_assert_cmpstr (mg_suggestion_get_reason (s), !=, "");
      g_assert_false (g_unichar_isspace (g_utf8_get_char (slice)));
      last_start = start;
      last_end[kind] = end;
    }
}

/* Exactly the suggestions quoting @expected, in that order. */
static void
check_quotes (GListModel         *model,
              const char * const *expected,
              guint               n_expected)
{
  guint n = g_list_model_get_n_items (model);

  for (guint i = 0; i < MIN (n, n_expected); i++)
    {
      g_autoptr(MgSuggestion) s = g_list_model_get_item (model, i);

      g_assert_cmpstr (mg_suggestion_get_quote (s), ==, expected[i]);
    }
  g_assert_cmpuint (n, ==, n_expected);
}

static guint
count_kind (GListModel       *model,
            MgSuggestionKind  kind)
{
  guint n = g_list_model_get_n_items (model), count = 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(MgSuggestion) s = g_list_model_get_item (model, i);

      count += mg_suggestion_get_kind (s) == kind;
    }
  return count;
}

static void
test_suggest_empty (void)
{
  const char *texts[] = { "", "\n\n", "   \n  ", "一、\n\n第一，\n" };

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autoptr(MgDocument) document = mg_document_new_for_text (texts[i], -1, "t.txt");
      g_autoptr(GListStore) store = mg_suggest_document (document, MG_SUGGEST_ALL);

      g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 0);
    }
  {
    g_autoptr(MgDocument) document = load_fixture ("empty.txt");
    g_autoptr(GListStore) store = mg_suggest_document (document, MG_SUGGEST_ALL);

    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 0);
  }
}

static const Expected zh_expected[] = {
  { MG_SUGGESTION_FIGURE, 2, 7, 1, "2024年", "date" },
  { MG_SUGGESTION_FIGURE, 49, 55, 3, "1286亿元", "money" },
  { MG_SUGGESTION_FIGURE, 58, 62, 3, "6.8%", "percentage" },
  { MG_SUGGESTION_FIGURE, 73, 80, 3, "0.9个百分点", "percentage" },
  { MG_SUGGESTION_FIGURE, 87, 92, 3, "1.2万人", "quantity" },
  { MG_SUGGESTION_FIGURE, 102, 109, 3, "约52000元", "money" },
  { MG_SUGGESTION_FIGURE, 118, 124, 3, "3200多家", "quantity" },
  { MG_SUGGESTION_FIGURE, 131, 135, 3, "126项", "quantity" },
  { MG_SUGGESTION_FIGURE, 140, 145, 3, "1.5万亩", "quantity" },
  { MG_SUGGESTION_FIGURE, 152, 158, 3, "38万平方米", "quantity" },
  { MG_SUGGESTION_FIGURE, 299, 303, 7, "6%左右", "percentage" },
  { MG_SUGGESTION_FIGURE, 310, 318, 7, "不少于1.1万人", "quantity" },
  { MG_SUGGESTION_FIGURE, 338, 342, 7, "3%以上", "percentage" },
  { MG_SUGGESTION_FIGURE, 363, 373, 7, "2025年3月12日", "date" },
  { MG_SUGGESTION_FIGURE, 354, 357, 7, "翻一番", "fraction" },
  { MG_SUGGESTION_SLOGAN, 169, 172, 4, "十四五", "quoted phrase" },
  { MG_SUGGESTION_SLOGAN, 185, 190, 4, "最多跑一次", "quoted phrase" },
  { MG_SUGGESTION_SLOGAN, 200, 211, 4, "不想为、不敢为、不会为", "paired formula" },
  { MG_SUGGESTION_SLOGAN, 214, 222, 4, "敢为、善为、有为", "paired formula" },
  { MG_SUGGESTION_SLOGAN, 230, 235, 5, "高质量发展", "known formula" },
  { MG_SUGGESTION_SLOGAN, 239, 244, 5, "高质量发展", "known formula" },
  { MG_SUGGESTION_SLOGAN, 255, 260, 5, "高质量发展", "known formula" },
  { MG_SUGGESTION_POLICY_GOAL, 291, 303, 7, "地区生产总值增长6%左右", "target sentence" },
  { MG_SUGGESTION_POLICY_GOAL, 304, 318, 7, "新增城镇就业不少于1.1万人", "target sentence" },
  { MG_SUGGESTION_POLICY_GOAL, 319, 342, 7, "到2027年，全县研发经费投入强度达到3%以上", "target year" },
  { MG_SUGGESTION_POLICY_GOAL, 343, 357, 7, "力争实现规上工业增加值翻一番", "commitment" },
  { MG_SUGGESTION_POLICY_GOAL, 358, 380, 7, "我们将按照2025年3月12日县委全会的部署", "commitment" },
  { MG_SUGGESTION_POLICY_GOAL, 381, 391, 7, "确保各项任务落地见效", "commitment" },
};

static void
test_suggest_chinese (void)
{
  g_autoptr(MgDocument) document = load_fixture ("report-zh.txt");
  g_autoptr(GListStore) store = mg_suggest_document (document, MG_SUGGEST_ALL);
  GListModel *model = G_LIST_MODEL (store);

  check_invariants (document, model);
  check_expected (document, model, zh_expected, G_N_ELEMENTS (zh_expected));
  /* Nothing else: the fixture is small enough to know all of it. The
   * past year's work (paragraph 3) and the ordinals of paragraph 5 set no
   * goal; 一要抓项目，二要抓招商 is no slogan. */
  g_assert_cmpuint (count_kind (model, MG_SUGGESTION_FIGURE), ==, 18);
  g_assert_cmpuint (count_kind (model, MG_SUGGESTION_SLOGAN), ==, 7);
  g_assert_cmpuint (count_kind (model, MG_SUGGESTION_POLICY_GOAL), ==, 6);
}

/* No figure on headings and list markers: 一、 二、 第一， 第二， 第三，
 * or on the 一 of 一要. */
static void
test_suggest_precision (void)
{
  g_autoptr(MgDocument) document = load_fixture ("report-zh.txt");
  g_autoptr(GListStore) store = mg_suggest_document (document, MG_SUGGEST_FIGURES);
  GListModel *model = G_LIST_MODEL (store);
  guint n = g_list_model_get_n_items (model);

  g_assert_cmpuint (n, ==, 18);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(MgSuggestion) s = g_list_model_get_item (model, i);
      guint paragraph = mg_suggestion_get_paragraph (s);
      const char *quote = mg_suggestion_get_quote (s);

      g_assert_cmpint (mg_suggestion_get_kind (s), ==, MG_SUGGESTION_FIGURE);
      /* Paragraphs 2 (一、过去一年的工作), 5 (第一，…) and 8 (一要…). */
      g_assert_cmpuint (paragraph, !=, 2);
      g_assert_cmpuint (paragraph, !=, 5);
      g_assert_cmpuint (paragraph, !=, 8);
      g_assert_null (strstr (quote, "第"));
      g_assert_null (strstr (quote, "、"));
    }

  {
    g_autoptr(MgDocument) markers =
      mg_document_new_for_text ("1. 总体要求\n\n2、主要任务\n\n（3）保障措施\n\n一是稳增长。二是促改革。三个务必，两个确保。\n", -1, "m.txt");
    g_autoptr(GListStore) none = mg_suggest_document (markers, MG_SUGGEST_FIGURES);

    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (none)), ==, 0);
  }
  {
    /* Words made of numerals, and 争取 inside 斗争取得. */
    g_autoptr(MgDocument) words =
      mg_document_new_for_text ("宁可得罪千百人，造福亿万人民。反腐败斗争取得压倒性胜利。\n", -1, "w.txt");
    g_autoptr(GListStore) none = mg_suggest_document (words, MG_SUGGEST_FIGURES | MG_SUGGEST_POLICY_GOALS);

    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (none)), ==, 0);
  }
}

static void
test_suggest_spacing (void)
{
  /* Text copied from a web page: spaces inside quotes and around numbers. */
  const char *text = "开年就是 “ 十四五 ” 开局。2018 年，我在非洲遇到 4 位义乌创业者，"
                     "3000 多名商人赴境外，与 233 个国家和地区有贸易往来，增长超过 60% 。";
  g_autoptr(MgDocument) document = mg_document_new_for_text (text, -1, "s.txt");
  g_autoptr(GListStore) store = mg_suggest_document (document, MG_SUGGEST_ALL);
  GListModel *model = G_LIST_MODEL (store);
  const Expected expected[] = {
    { MG_SUGGESTION_SLOGAN, 7, 10, 1, "十四五", "quoted phrase" },
    { MG_SUGGESTION_FIGURE, 16, 22, 1, "2018 年", "date" },
    { MG_SUGGESTION_FIGURE, 30, 33, 1, "4 位", "quantity" },
    { MG_SUGGESTION_FIGURE, 39, 46, 1, "3000 多名", "quantity" },
    { MG_SUGGESTION_FIGURE, 54, 64, 1, "233 个国家和地区", "quantity" },
    { MG_SUGGESTION_FIGURE, 72, 78, 1, "超过 60%", "percentage" },
  };

  check_invariants (document, model);
  check_expected (document, model, expected, G_N_ELEMENTS (expected));
}

static void
test_suggest_chinese_numerals (void)
{
  const char *text = "到二〇三五年基本实现社会主义现代化。拟发行特别国债五千亿元，"
                     "庆祝建党一百周年，实现两个一百年奋斗目标，第十四个五年规划。";
  g_autoptr(MgDocument) document = mg_document_new_for_text (text, -1, "n.txt");
  g_autoptr(GListStore) store = mg_suggest_document (document, MG_SUGGEST_FIGURES);
  GListModel *model = G_LIST_MODEL (store);
  const Expected expected[] = {
    { MG_SUGGESTION_FIGURE, 1, 6, 1, "二〇三五年", "date" },
    { MG_SUGGESTION_FIGURE, 25, 29, 1, "五千亿元", "money" },
    { MG_SUGGESTION_FIGURE, 34, 38, 1, "一百周年", "quantity" },
  };

  check_invariants (document, model);
  check_expected (document, model, expected, G_N_ELEMENTS (expected));
  /* Not 两个, not 一百年 of 两个一百年, not the ordinal 第十四个. */
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 3);
}

/* The kinds of figure a reader expects, and the numbers that are none. */
static void
test_suggest_figure_forms (void)
{
  const char *text =
    "来源：新华网　发布时间：2021-11-03 10:32:35　浏览次数：2316\n"
    "我们手里有十五张牌，实施“1915”工程，编号25-014。全市三分之一的村、过半的企业、"
    "近三成的成果和六成以上的税收；高新技术企业翻了一番多，连续八年增长。\n"
    "Half of the plants, nearly half of them, two-thirds of parents, three-quarters of jobs, "
    "a third of our power, one in ten Americans, four out of five homes, four big questions, "
    "one hundred percent, a 50-year low; we cut it in half at 9 p.m.\n";
  g_autoptr(MgDocument) document = mg_document_new_for_text (text, -1, "f.txt");
  g_autoptr(GListStore) store = mg_suggest_document (document, MG_SUGGEST_FIGURES);
  GListModel *model = G_LIST_MODEL (store);
  const char *expected[] = {
    "三分之一", "过半", "近三成", "六成以上", "翻了一番多", "八年",
    "Half", "nearly half", "two-thirds", "three-quarters", "a third", "one in ten",
    "four out of five", "four big questions", "one hundred percent", "50-year",
  };

  check_invariants (document, model);
  /* Nothing from the page's stamp line, 十五张牌, “1915”, 25-014, "in half"
   * or "9 p.m.": exactly the figures above, in order. */
  check_quotes (model, expected, G_N_ELEMENTS (expected));
}

/* Slogans are formulas: not reported speech, not titles, not vocabulary
 * (企业, 产业, 工业, 工作 and "water" are in the general vocabulary that
 * build-aux/gen-vocabulary.py counts in data/vocabulary). */
static void
test_suggest_slogan_forms (void)
{
  const char *text =
    "坚持稳中求进、以进促稳，守正创新、先立后破，统筹“十四五”和十五五。"
    "群众说：“门好进了、脸好看了，事还是难办。”学习《政府工作报告》。"
    "政府工作要抓经济运行，政府工作要看经济增长，政府工作要讲经济运行。"
    "推进“高效办成一件事”，高效办成一件事要落地；坚定信心、开拓进取。"
    "企业、产业、工业要协同，把“工作”做实。\n"
    "We have to finish the job. Will we finish the job? Let's finish the job. Keep the \"water\" clean. "
    "Working families, working families, working families.\n";
  const char *lexicon[] = { "开拓进取", "Working Families", NULL };
  g_autoptr(MgDocument) document = mg_document_new_for_text (text, -1, "s.txt");
  g_autoptr(GListStore) store = mg_suggest_document (document, MG_SUGGEST_SLOGANS);
  g_autoptr(GListStore) with_lexicon = mg_suggest_document_full (document, MG_SUGGEST_SLOGANS, lexicon);
  const char *expected[] = {
    "稳中求进、以进促稳", "守正创新、先立后破", "十四五", "十五五", "高效办成一件事",
    "高效办成一件事", "finish the job", "finish the job", "finish the job",
  };
  guint n = g_list_model_get_n_items (G_LIST_MODEL (store));

  check_invariants (document, G_LIST_MODEL (store));
  check_quotes (G_LIST_MODEL (store), expected, G_N_ELEMENTS (expected));
  /* The group's lexicon adds its phrases, English ones case folded. */
  check_invariants (document, G_LIST_MODEL (with_lexicon));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (with_lexicon)), ==, n + 4);
  {
    guint offset = (guint) g_utf8_pointer_to_offset (text, strstr (text, "开拓进取"));
    g_autoptr(GPtrArray) at = mg_suggest_find_at (G_LIST_MODEL (with_lexicon), offset);
    MgSuggestion *s;

    g_assert_cmpuint (at->len, ==, 1);
    s = g_ptr_array_index (at, 0);
    g_assert_cmpstr (mg_suggestion_get_quote (s), ==, "开拓进取");
    g_assert_cmpstr (mg_suggestion_get_reason (s), ==, "lexicon");
  }
}

/* Refrains that open clauses, parallel formulas that echo in other ways
 * than a shared first or last character, and what is none of these. */
static void
test_suggest_slogan_echoes (void)
{
  const char *text =
    "推动干部能上能下、能进能出，做到干实事、谋实招、求实效，听党话、跟党走。"
    "提高政治判断力、政治领悟力、政治执行力，不能以会议落实会议、以文件落实文件。"
    "党面临的执政考验、改革开放考验、市场经济考验。"
    "“远航”号首航，“嫦娥六号”升空，一个“实”字，“为有牺牲多壮志,敢叫日月换新天”。\n"
    "Let both sides listen. Let both sides build bridges. Let both sides keep faith. And let both sides rest.\n"
    "Because of you, it opened. Because of you, it works. Because of you, it lasts.\n"
    "In other words, we build. In other words, we fix. In other words, we stay.\n"
    "My fellow citizens, we act. My fellow citizens, we wait. My fellow citizens, we vote.\n"
    "Peace in the world. Trade in the world. Hope in the world.\n";
  g_autoptr(MgDocument) document = mg_document_new_for_text (text, -1, "s.txt");
  g_autoptr(GListStore) store = mg_suggest_document (document, MG_SUGGEST_SLOGANS);
  const char *expected[] = {
    "能上能下、能进能出", "干实事、谋实招、求实效", "听党话、跟党走",
    "政治判断力、政治领悟力、政治执行力", "以会议落实会议、以文件落实文件",
    "改革开放考验、市场经济考验",
    "Let both sides", "Let both sides", "Let both sides", "let both sides",
    "Because of you", "Because of you", "Because of you",
  };

  check_invariants (document, G_LIST_MODEL (store));
  check_quotes (G_LIST_MODEL (store), expected, G_N_ELEMENTS (expected));
}

/* Formulas that turn a clause round (chiasmus), pairs alike in their third
 * character, campaigns named after the country; not a clause that merely
 * repeats words in the same order, nor the country named by itself. */
static void
test_suggest_slogan_turns (void)
{
  const char *text =
    "河流就是家园，家园就是河流。坚持守岸为民、护水为本，建设清澈中国，推进书香中国建设。"
    "中国的河流很长，美好的中国在前方。\n"
    "We will never rest out of doubt. But we will never doubt our right to rest.\n"
    "Ask not what the river can give to the town--ask what the town can give to the river.\n"
    "The will of the town was heard, and the will of the town was heeded.\n";
  g_autoptr(MgDocument) document = mg_document_new_for_text (text, -1, "t.txt");
  g_autoptr(GListStore) store = mg_suggest_document (document, MG_SUGGEST_SLOGANS);
  const char *expected[] = {
    "河流就是家园，家园就是河流", "守岸为民、护水为本", "清澈中国", "书香中国",
    "We will never rest out of doubt. But we will never doubt our right to rest",
    "Ask not what the river can give to the town--ask what the town can give to the river",
  };

  check_invariants (document, G_LIST_MODEL (store));
  check_quotes (G_LIST_MODEL (store), expected, G_N_ELEMENTS (expected));
}

/* 不到 qualifies a figure; a version (3.0版) and a number inside a title,
 * even one over several lines, are none. */
static void
test_suggest_figure_names (void)
{
  const char *text =
    "收入从不到70万亿元增加到超过100万亿元。签署协定3.0版。根据《\n河湖治理2035年远景纲要\n》，"
    "到2035年河湖全面达标。\n";
  g_autoptr(MgDocument) document = mg_document_new_for_text (text, -1, "n.txt");
  g_autoptr(GListStore) store = mg_suggest_document (document, MG_SUGGEST_FIGURES);
  const char *expected[] = { "不到70万亿元", "超过100万亿元", "2035年" };

  check_invariants (document, G_LIST_MODEL (store));
  check_quotes (G_LIST_MODEL (store), expected, G_N_ELEMENTS (expected));
}

/* Goals are clauses: directives, commitments and targets, not the review
 * of past work. */
static void
test_suggest_goal_clauses (void)
{
  const char *text =
    "一、过去一年工作回顾\n"
    "我们扩大了国内需求，实施重点项目186个，推动产业升级。\n"
    "二、今年工作安排\n"
    "主要预期目标是：生产总值增长5%左右，居民收入和经济增长同步。"
    "一是扩大国内需求，加快构建新发展格局，更好统筹发展和安全。"
    "各级政府要稳住楼市股市，不断提高人民生活水平。到2035年，基本实现现代化。\n"
    "Last year we passed the law. We should protect the water, and we will replace every lead pipe. "
    "I will keep pushing for paid leave. Let's finish the job. By 2030, we will cut emissions. "
    "Will we keep our promises?\n";
  g_autoptr(MgDocument) document = mg_document_new_for_text (text, -1, "g.txt");
  g_autoptr(GListStore) store = mg_suggest_document (document, MG_SUGGEST_POLICY_GOALS);
  const char *expected[] = {
    "生产总值增长5%左右", "居民收入和经济增长同步", "扩大国内需求", "加快构建新发展格局",
    "更好统筹发展和安全", "各级政府要稳住楼市股市", "不断提高人民生活水平", "到2035年，基本实现现代化",
    "We should protect the water", "we will replace every lead pipe",
    "I will keep pushing for paid leave", "Let's finish the job", "By 2030, we will cut emissions",
  };

  check_invariants (document, G_LIST_MODEL (store));
  check_quotes (G_LIST_MODEL (store), expected, G_N_ELEMENTS (expected));
}

/* Questions, stories of the past, the clauses of a sentence ending on a
 * report with 了, what somebody else does, and judgments set no goal; the
 * goals around them stay, and a 了 inside a sentence (看准了就给足)
 * leaves the clause after it alone. */
static void
test_suggest_goal_talk (void)
{
  const char *text =
    "我们为什么要讲“干”?有同志问，为什么还要反复讲“干”？难道我们就要松口气吗？\n"
    "当年，县里很穷。那时候，干部每天要走二十里山路，必须翻山才能进村。\n"
    "他们每天要走山路，必须翻山才能进村。记得有一年，乡里要求干部住村。\n"
    "我们派干部驻厂，帮助企业招工，稳住了订单。干部应该是群众的主心骨。干部就是要干事的。\n"
    "看准了就给足，提高政策实效。当年的老一辈种出了茶园，我们要把茶园扩大一倍。今年要办好三件大事，各乡镇要排出项目清单。"
    "加快建设茶叶市场。\n";
  g_autoptr(MgDocument) document = mg_document_new_for_text (text, -1, "t.txt");
  g_autoptr(GListStore) store = mg_suggest_document (document, MG_SUGGEST_POLICY_GOALS);
  const char *expected[] = {
    "提高政策实效", "我们要把茶园扩大一倍", "今年要办好三件大事", "各乡镇要排出项目清单", "加快建设茶叶市场",
  };

  check_invariants (document, G_LIST_MODEL (store));
  check_quotes (G_LIST_MODEL (store), expected, G_N_ELEMENTS (expected));
}

/* Quotes that are no coinage: a single character spoken of, two
 * characters quoted once, a name of a train or a project, a role named
 * in irony; a numbered pair, a pair that comes back, a pair in a series
 * of quotes and a longer coinage are. */
static void
test_suggest_slogan_quotes (void)
{
  const char *text =
    "讲“闯”，讲“干”，再讲“闯”。有人把这叫作“虹吸”。茶叶搭上“山海”班列，"
    "“云岭茶谷”项目开工。有的干部当起了“甩手掌柜”，有的做“太平官”。"
    "落实“双减”，抓好“闯点”，闯点要找准。开展“三比三看”活动，坚持“打虎”“拍蝇”。\n";
  g_autoptr(MgDocument) document = mg_document_new_for_text (text, -1, "q.txt");
  g_autoptr(GListStore) store = mg_suggest_document (document, MG_SUGGEST_SLOGANS);
  const char *expected[] = { "双减", "闯点", "闯点", "三比三看", "打虎", "拍蝇" };

  check_invariants (document, G_LIST_MODEL (store));
  check_quotes (G_LIST_MODEL (store), expected, G_N_ELEMENTS (expected));
}

/* English calls and duties: "let" with a subject of its own, a purpose,
 * "I ask", a modal of duty after any subject; not announcements ("Let
 * every town know", "let me say"), hopes, subordinate clauses, questions
 * put to the audience. */
static void
test_suggest_goal_english_calls (void)
{
  const char *text =
    "Let every town know that we shall repair every bridge before winter. "
    "Let the news go forth from this hall. "
    "Let both parties draft a budget that pays for the schools. "
    "So let us begin. Let me say a word about the river. "
    "Our first and most urgent task is to clean the river. "
    "I also ask the council for funds to light the park. "
    "I ask you to imagine the town in ten years. "
    "The county's roads must not be left to crumble. "
    "No family should wait a year for a home; and the rules of the fund should be plain to every reader. "
    "Those who drive the buses, and those who fix them, must have our thanks. "
    "It must be said. We shall not always expect the weather to help us. "
    "We cannot, and we will not, close the clinic. "
    "We pledge our help to the farmers--and we renew our promise to the schools.\n";
  g_autoptr(MgDocument) document = mg_document_new_for_text (text, -1, "calls.txt");
  g_autoptr(GListStore) store = mg_suggest_document (document, MG_SUGGEST_POLICY_GOALS);
  const char *expected[] = {
    "we shall repair every bridge before winter",
    "Let both parties draft a budget that pays for the schools",
    "let us begin",
    "Our first and most urgent task is to clean the river",
    "I also ask the council for funds to light the park",
    "The county's roads must not be left to crumble",
    "No family should wait a year for a home",
    "the rules of the fund should be plain to every reader",
    "we will not, close the clinic",
    "We pledge our help to the farmers",
    "we renew our promise to the schools",
  };

  check_invariants (document, G_LIST_MODEL (store));
  check_quotes (G_LIST_MODEL (store), expected, G_N_ELEMENTS (expected));
}

static const Expected en_expected[] = {
  { MG_SUGGESTION_FIGURE, 56, 69, 2, "12 March 2025", "date" },
  { MG_SUGGESTION_FIGURE, 164, 177, 5, "$48.2 million", "money" },
  { MG_SUGGESTION_FIGURE, 223, 234, 5, "6.1 percent", "percentage" },
  { MG_SUGGESTION_FIGURE, 238, 249, 5, "4.4 percent", "percentage" },
  { MG_SUGGESTION_FIGURE, 267, 275, 5, "27 miles", "quantity" },
  { MG_SUGGESTION_FIGURE, 294, 305, 5, "1,500 homes", "quantity" },
  { MG_SUGGESTION_FIGURE, 446, 450, 7, "2027", "date" },
  { MG_SUGGESTION_FIGURE, 515, 527, 7, "10,000 trees", "quantity" },
  { MG_SUGGESTION_FIGURE, 309, 320, 5, "three towns", "quantity" },
  { MG_SUGGESTION_SLOGAN, 336, 364, 6, "a county that keeps its word", "quoted phrase" },
  { MG_SUGGESTION_SLOGAN, 381, 403, 6, "Open Roads, Open Doors", "quoted phrase" },
  { MG_SUGGESTION_POLICY_GOAL, 423, 441, 7, "Our goal is simple", "commitment" },
  { MG_SUGGESTION_POLICY_GOAL, 443, 495, 7, "By 2027 we will connect every household to broadband", "commitment" },
  { MG_SUGGESTION_POLICY_GOAL, 501, 527, 7, "we will plant 10,000 trees", "commitment" },
  { MG_SUGGESTION_POLICY_GOAL, 530, 548, 8, "We will keep going", "commitment" },
  { MG_SUGGESTION_POLICY_GOAL, 550, 571, 8, "We will keep building", "commitment" },
  { MG_SUGGESTION_POLICY_GOAL, 573, 594, 8, "We will keep our word", "commitment" },
};

static void
test_suggest_english (void)
{
  g_autoptr(MgDocument) document = load_fixture ("speech-en.txt");
  g_autoptr(GListStore) store = mg_suggest_document (document, MG_SUGGEST_ALL);
  GListModel *model = G_LIST_MODEL (store);

  check_invariants (document, model);
  check_expected (document, model, en_expected, G_N_ELEMENTS (en_expected));
  /* "1. Where we stand" is a heading, not a figure. */
  g_assert_cmpuint (count_kind (model, MG_SUGGESTION_FIGURE), ==, 9);
  /* Past deeds ("we repaired 27 miles") set no goal. */
  g_assert_cmpuint (count_kind (model, MG_SUGGESTION_POLICY_GOAL), ==, 6);
}

static void
test_suggest_kinds (void)
{
  g_autoptr(MgDocument) document = load_fixture ("report-zh.txt");
  g_autoptr(GListStore) all = mg_suggest_document (document, MG_SUGGEST_ALL);
  guint n_all = g_list_model_get_n_items (G_LIST_MODEL (all));
  guint sum = 0;

  for (guint k = 0; k < MG_SUGGESTION_N_KINDS; k++)
    {
      g_autoptr(GListStore) one = mg_suggest_document (document, 1 << k);
      guint n = g_list_model_get_n_items (G_LIST_MODEL (one));

      g_assert_cmpuint (count_kind (G_LIST_MODEL (one), k), ==, n);
      g_assert_cmpuint (n, >, 0);
      sum += n;
    }
  g_assert_cmpuint (sum, ==, n_all);

  for (guint k = 0; k < MG_SUGGESTION_N_KINDS; k++)
    {
      MgSuggestionKind kind;

      g_assert_true (mg_suggestion_kind_from_string (mg_suggestion_kind_to_string (k), &kind));
      g_assert_cmpint (kind, ==, k);
    }
  g_assert_false (mg_suggestion_kind_from_string ("figures", NULL));
  g_assert_false (mg_suggestion_kind_from_string (NULL, NULL));
}

static void
test_suggest_object (void)
{
  g_autoptr(MgSuggestion) s = mg_suggestion_new (MG_SUGGESTION_POLICY_GOAL, 3, 9, 2, "确保稳定", "commitment");
  g_autofree char *quote = NULL;
  g_autofree char *label = NULL;
  MgSuggestionKind kind;
  guint start, end, paragraph;

  g_object_get (s, "kind", &kind, "start", &start, "end", &end, "paragraph", &paragraph,
                "quote", &quote, "label", &label, NULL);
  g_assert_cmpint (kind, ==, MG_SUGGESTION_POLICY_GOAL);
  g_assert_cmpuint (start, ==, 3);
  g_assert_cmpuint (end, ==, 9);
  g_assert_cmpuint (paragraph, ==, 2);
  g_assert_cmpstr (quote, ==, "确保稳定");
  g_assert_cmpstr (label, ==, "commitment");
  g_assert_cmpstr (mg_suggestion_get_tag (s), ==, "policy-goal");
  g_assert_cmpstr (mg_suggestion_reason_label ("unheard of"), ==, "unheard of");
  g_assert_true (G_TYPE_IS_ENUM (MG_TYPE_SUGGESTION_KIND));
}

static void
test_suggest_filter_existing (void)
{
  g_autoptr(MgDocument) document = load_fixture ("report-zh.txt");
  g_autoptr(MgTagSet) tags = mg_tag_set_new_default ();
  g_autoptr(MgAnnotationStore) annotations = mg_annotation_store_new (document, tags);
  g_autoptr(GListStore) all = mg_suggest_document (document, MG_SUGGEST_ALL);
  g_autoptr(GListStore) kept = NULL;
  g_autoptr(GError) error = NULL;
  const char *figure[] = { "figure", NULL };
  const char *slogan[] = { "slogan", NULL };
  guint n_all = g_list_model_get_n_items (G_LIST_MODEL (all));

  /* A figure annotation overlapping 1286亿元 (49–55) in part; a slogan
   * annotation over 6.8% (58–62), which stays suggested as a figure. */
  g_assert_nonnull (mg_annotation_store_create (annotations, 40, 51, figure, NULL, FALSE, "t", &error));
  g_assert_no_error (error);
  g_assert_nonnull (mg_annotation_store_create (annotations, 58, 62, slogan, NULL, FALSE, "t", &error));
  g_assert_no_error (error);

  kept = mg_suggest_filter_existing (G_LIST_MODEL (all), annotations);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (kept)), ==, n_all - 1);
  g_assert_null (find (G_LIST_MODEL (kept), MG_SUGGESTION_FIGURE, 49, 55));
  g_assert_nonnull (find (G_LIST_MODEL (kept), MG_SUGGESTION_FIGURE, 58, 62));
  /* 到2027年 (319–342) and the figure 2027年 (320–325) both touch 319. */
  g_assert_nonnull (find (G_LIST_MODEL (kept), MG_SUGGESTION_POLICY_GOAL, 319, 342));
  check_invariants (document, G_LIST_MODEL (kept));
}

static void
test_suggest_accept (void)
{
  g_autoptr(MgDocument) document = load_fixture ("report-zh.txt");
  g_autoptr(MgTagSet) tags = mg_tag_set_new_default ();
  g_autoptr(MgAnnotationStore) annotations = mg_annotation_store_new (document, tags);
  g_autoptr(GListStore) all = mg_suggest_document (document, MG_SUGGEST_ALL);
  g_autoptr(GListStore) left = NULL;
  g_autoptr(GError) error = NULL;
  MgSuggestion *s = find (G_LIST_MODEL (all), MG_SUGGESTION_SLOGAN, 185, 190);
  MgAnnotation *annotation;

  g_assert_nonnull (s);
  annotation = mg_suggestion_accept (s, annotations, "Li Wei", &error);
  g_assert_no_error (error);
  g_assert_nonnull (annotation);
  g_assert_cmpuint (mg_annotation_get_start (annotation), ==, 185);
  g_assert_cmpuint (mg_annotation_get_end (annotation), ==, 190);
  g_assert_true (mg_annotation_has_tag (annotation, "slogan"));
  g_assert_cmpstr (mg_annotation_get_quote (annotation), ==, "最多跑一次");
  g_assert_cmpstr (mg_annotation_get_author (annotation), ==, "Li Wei");
  g_assert_cmpuint (mg_annotation_store_get_n_annotations (annotations), ==, 1);

  left = mg_suggest_filter_existing (G_LIST_MODEL (all), annotations);
  g_assert_null (find (G_LIST_MODEL (left), MG_SUGGESTION_SLOGAN, 185, 190));

  /* Without the tag in the set, accepting fails with an error. */
  g_assert_true (mg_annotation_store_delete_tag (annotations, "figure", &error));
  g_assert_no_error (error);
  s = find (G_LIST_MODEL (all), MG_SUGGESTION_FIGURE, 49, 55);
  g_assert_null (mg_suggestion_accept (s, annotations, NULL, &error));
  g_assert_error (error, MG_ANNOTATION_STORE_ERROR, MG_ANNOTATION_STORE_ERROR_UNKNOWN_TAG);
}

static void
test_suggest_accept_all (void)
{
  g_autoptr(MgDocument) document = load_fixture ("report-zh.txt");
  g_autoptr(MgTagSet) tags = mg_tag_set_new_default ();
  g_autoptr(MgAnnotationStore) annotations = mg_annotation_store_new (document, tags);
  g_autoptr(GListStore) all = mg_suggest_document (document, MG_SUGGEST_ALL);
  g_autoptr(GListStore) left = NULL;
  g_autoptr(GListStore) foreign = g_list_store_new (MG_TYPE_SUGGESTION);
  g_autoptr(MgSuggestion) beyond = NULL;
  g_autoptr(GError) error = NULL;
  guint n_slogans = mg_suggest_count_kind (G_LIST_MODEL (all), MG_SUGGESTION_SLOGAN);
  guint n;

  g_assert_cmpuint (n_slogans, ==, 7);
  g_assert_cmpuint (mg_suggest_count_kind (G_LIST_MODEL (all), MG_SUGGESTION_POLICY_GOAL), ==, 6);

  /* Every slogan, as one undo step. */
  n = mg_suggestion_accept_all (G_LIST_MODEL (all), MG_SUGGESTION_SLOGAN, annotations, "Li Wei", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, n_slogans);
  g_assert_cmpuint (mg_annotation_store_get_n_annotations (annotations), ==, n_slogans);
  g_assert_cmpuint (mg_annotation_store_count_tag (annotations, "slogan"), ==, n_slogans);
  left = mg_suggest_filter_existing (G_LIST_MODEL (all), annotations);
  g_assert_cmpuint (mg_suggest_count_kind (G_LIST_MODEL (left), MG_SUGGESTION_SLOGAN), ==, 0);
  g_assert_true (mg_annotation_store_undo (annotations));
  g_assert_cmpuint (mg_annotation_store_get_n_annotations (annotations), ==, 0);
  g_assert_false (mg_annotation_store_can_undo (annotations));

  /* A range beyond the text: refused before anything is added. */
  beyond = mg_suggestion_new (MG_SUGGESTION_FIGURE, 400, 9000, 1, "x", "number");
  g_list_store_append (foreign, find (G_LIST_MODEL (all), MG_SUGGESTION_FIGURE, 58, 62));
  g_list_store_append (foreign, beyond);
  g_assert_cmpuint (mg_suggestion_accept_all (G_LIST_MODEL (foreign), MG_SUGGESTION_FIGURE,
                                              annotations, NULL, &error), ==, 0);
  g_assert_error (error, MG_ANNOTATION_STORE_ERROR, MG_ANNOTATION_STORE_ERROR_RANGE);
  g_clear_error (&error);
  g_assert_cmpuint (mg_annotation_store_get_n_annotations (annotations), ==, 0);

  /* Without the tag: an error, nothing added, no undo step. */
  g_assert_true (mg_annotation_store_delete_tag (annotations, "figure", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (mg_suggestion_accept_all (G_LIST_MODEL (all), MG_SUGGESTION_FIGURE,
                                              annotations, NULL, &error), ==, 0);
  g_assert_error (error, MG_ANNOTATION_STORE_ERROR, MG_ANNOTATION_STORE_ERROR_UNKNOWN_TAG);
  g_assert_cmpuint (mg_annotation_store_get_n_annotations (annotations), ==, 0);
  g_assert_cmpstr (mg_annotation_store_get_undo_label (annotations), !=, "Accept suggestions");
}

static void
test_suggest_filter_dismissed (void)
{
  g_autoptr(MgDocument) document = load_fixture ("report-zh.txt");
  g_autoptr(MgTagSet) tags = mg_tag_set_new_default ();
  g_autoptr(MgAnnotationStore) store = mg_annotation_store_new (document, tags);
  g_autoptr(GListStore) all = mg_suggest_document (document, MG_SUGGEST_ALL);
  g_autoptr(GListStore) kept = NULL;
  g_autoptr(MgDismissal) other_kind = mg_dismissal_new (MG_SUGGESTION_FIGURE, 185, 190, "最多跑一次");
  g_autoptr(MgDismissal) other_end = mg_dismissal_new (MG_SUGGESTION_FIGURE, 58, 61, "6.8");
  g_autoptr(GPtrArray) on_range = NULL;
  g_autoptr(GError) error = NULL;
  guint n_all = g_list_model_get_n_items (G_LIST_MODEL (all));

  kept = mg_suggest_filter_dismissed (G_LIST_MODEL (all), store);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (kept)), ==, n_all);
  g_clear_object (&kept);

  /* Dismissed in the store, by kind and range: the others stay. */
  on_range = mg_suggest_find_range (G_LIST_MODEL (all), 185, 190);
  g_assert_cmpuint (on_range->len, ==, 1);
  g_assert_true (mg_annotation_store_dismiss_suggestion (store, g_ptr_array_index (on_range, 0), &error));
  g_assert_no_error (error);
  g_assert_true (mg_annotation_store_dismiss (store, other_kind, &error));
  g_assert_true (mg_annotation_store_dismiss (store, other_end, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (mg_annotation_store_get_dismissed (store)), ==, 3);
  kept = mg_suggest_filter_dismissed (G_LIST_MODEL (all), store);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (kept)), ==, n_all - 1);
  g_assert_null (find (G_LIST_MODEL (kept), MG_SUGGESTION_SLOGAN, 185, 190));
  g_assert_nonnull (find (G_LIST_MODEL (kept), MG_SUGGESTION_FIGURE, 58, 62));
  check_invariants (document, G_LIST_MODEL (kept));
  g_clear_object (&kept);

  /* Undone, the suggestion is back. */
  for (guint i = 0; i < 3; i++)
    g_assert_true (mg_annotation_store_undo (store));
  kept = mg_suggest_filter_dismissed (G_LIST_MODEL (all), store);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (kept)), ==, n_all);

  /* No suggestion on a range, or only inside it. */
  g_clear_pointer (&on_range, g_ptr_array_unref);
  on_range = mg_suggest_find_range (G_LIST_MODEL (all), 185, 189);
  g_assert_cmpuint (on_range->len, ==, 0);
}

/* The slogan tag's lexicon, as a study group keeps it in the sidecar. */
static void
test_suggest_store_lexicon (void)
{
  g_autoptr(MgDocument) document = load_fixture ("report-zh.txt");
  g_autoptr(MgTagSet) tags = mg_tag_set_new_default ();
  g_autoptr(MgAnnotationStore) store = mg_annotation_store_new (document, tags);
  g_autoptr(GListStore) plain = mg_suggest_document (document, MG_SUGGEST_SLOGANS);
  g_autoptr(GListStore) with = NULL;
  g_auto(GStrv) lexicon = NULL;
  g_autoptr(GError) error = NULL;
  const char *phrases[] = { "抓招商", "抓项目", NULL };
  MgSuggestion *s;

  g_assert_null (mg_suggest_dup_lexicon (store));
  g_assert_true (mg_annotation_store_set_tag_lexicon (store, "slogan", phrases, &error));
  g_assert_no_error (error);
  lexicon = mg_suggest_dup_lexicon (store);
  g_assert_nonnull (lexicon);
  g_assert_cmpuint (g_strv_length (lexicon), ==, 2);

  with = mg_suggest_document_full (document, MG_SUGGEST_SLOGANS, (const char * const *) lexicon);
  check_invariants (document, G_LIST_MODEL (with));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (with)), ==,
                    g_list_model_get_n_items (G_LIST_MODEL (plain)) + 2);
  s = find (G_LIST_MODEL (with), MG_SUGGESTION_SLOGAN, 396, 399);
  g_assert_nonnull (s);
  g_assert_cmpstr (mg_suggestion_get_quote (s), ==, "抓项目");
  g_assert_cmpstr (mg_suggestion_get_reason (s), ==, "lexicon");
}

static void
test_suggest_find_next (void)
{
  g_autoptr(MgDocument) document = load_fixture ("report-zh.txt");
  g_autoptr(GListStore) all = mg_suggest_document (document, MG_SUGGEST_ALL);
  g_autoptr(GListStore) none = g_list_store_new (MG_TYPE_SUGGESTION);
  g_autoptr(MgSuggestion) s = NULL;

  /* From 0 forward: 2024年 (2–7); from inside it: the next one (33–38). */
  s = mg_suggest_find_next (G_LIST_MODEL (all), 0, FALSE);
  g_assert_cmpuint (mg_suggestion_get_start (s), ==, 2);
  g_clear_object (&s);
  s = mg_suggest_find_next (G_LIST_MODEL (all), 2, FALSE);
  g_assert_cmpuint (mg_suggestion_get_start (s), ==, 33);
  g_clear_object (&s);
  /* Two start at 319 and 320; from 319 the next starts at 320. */
  s = mg_suggest_find_next (G_LIST_MODEL (all), 319, FALSE);
  g_assert_cmpuint (mg_suggestion_get_start (s), ==, 320);
  g_clear_object (&s);
  /* Backward from 33: the one at 2; from 2: none. */
  s = mg_suggest_find_next (G_LIST_MODEL (all), 33, TRUE);
  g_assert_cmpuint (mg_suggestion_get_start (s), ==, 2);
  g_clear_object (&s);
  g_assert_null (mg_suggest_find_next (G_LIST_MODEL (all), 2, TRUE));
  /* After the last (381–391): none; backward from the end: the last. */
  g_assert_null (mg_suggest_find_next (G_LIST_MODEL (all), 381, FALSE));
  s = mg_suggest_find_next (G_LIST_MODEL (all), 1000, TRUE);
  g_assert_cmpuint (mg_suggestion_get_start (s), ==, 381);
  g_clear_object (&s);
  g_assert_null (mg_suggest_find_next (G_LIST_MODEL (none), 0, FALSE));
  g_assert_null (mg_suggest_find_next (G_LIST_MODEL (none), 10, TRUE));
}

static void
test_suggest_deterministic (void)
{
  g_autoptr(MgDocument) document = load_fixture ("report-zh.txt");
  g_autoptr(GListStore) a = mg_suggest_document (document, MG_SUGGEST_ALL);
  g_autoptr(GListStore) b = mg_suggest_document (document, MG_SUGGEST_ALL);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (a));

  g_assert_cmpuint (n, ==, g_list_model_get_n_items (G_LIST_MODEL (b)));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(MgSuggestion) x = g_list_model_get_item (G_LIST_MODEL (a), i);
      g_autoptr(MgSuggestion) y = g_list_model_get_item (G_LIST_MODEL (b), i);

      g_assert_cmpint (mg_suggestion_compare (x, y), ==, 0);
      g_assert_cmpstr (mg_suggestion_get_reason (x), ==, mg_suggestion_get_reason (y));
    }
}

/* A long text made of the fixtures, repeated: still linear, still sound. */
static void
test_suggest_large (void)
{
  g_autoptr(MgDocument) zh = load_fixture ("report-zh.txt");
  g_autoptr(MgDocument) en = load_fixture ("speech-en.txt");
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(MgDocument) document = NULL;
  g_autoptr(GListStore) store = NULL;
  gint64 t0;

  while (text->len < 1000 * 1000)
    {
      g_string_append (text, mg_document_get_text (zh));
      g_string_append (text, "\n\n");
      g_string_append (text, mg_document_get_text (en));
      g_string_append (text, "\n\n");
    }
  document = mg_document_new_for_text (text->str, (gssize) text->len, "large.txt");
  t0 = g_get_monotonic_time ();
  store = mg_suggest_document (document, MG_SUGGEST_ALL);
  g_test_message ("%u suggestions on %" G_GSIZE_FORMAT " bytes in %.0f ms",
                  g_list_model_get_n_items (G_LIST_MODEL (store)), text->len,
                  (g_get_monotonic_time () - t0) / 1000.0);
  check_invariants (document, G_LIST_MODEL (store));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), >, 10000);
}

/* Every speech of the shared corpus gets sound suggestions of each kind
 * it plainly has. */
static void
test_suggest_corpus (void)
{
  g_autofree char *corpus = mg_test_find_corpus ();
  const char *names[] = {
    "zh-01-gov-work-report-2021.txt", "zh-02-gov-work-report-2025.txt",
    "zh-03-cpc-20th-congress-report-2022.txt", "zh-yiwu-work-style-2021.txt",
    "en-01-sotu-1941-roosevelt.txt", "en-04-inaugural-2021-biden.txt",
  };

  if (corpus == NULL)
    {
      g_test_skip ("the shared corpus (../shared/corpus, or MG_CORPUS_DIR) is not present");
      return;
    }
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *path = g_build_filename (corpus, names[i], NULL);
      g_autoptr(GFile) file = g_file_new_for_path (path);
      g_autoptr(GError) error = NULL;
      g_autoptr(MgDocument) document = mg_document_load (file, NULL, &error);
      g_autoptr(GListStore) store = NULL;

      if (document == NULL)
        {
          g_test_skip ("a corpus file is missing");
          return;
        }
      store = mg_suggest_document (document, MG_SUGGEST_ALL);
      check_invariants (document, G_LIST_MODEL (store));
      g_test_message ("%s: %u figures, %u slogans, %u policy goals", names[i],
                      count_kind (G_LIST_MODEL (store), MG_SUGGESTION_FIGURE),
                      count_kind (G_LIST_MODEL (store), MG_SUGGESTION_SLOGAN),
                      count_kind (G_LIST_MODEL (store), MG_SUGGESTION_POLICY_GOAL));
      g_assert_cmpuint (count_kind (G_LIST_MODEL (store), MG_SUGGESTION_FIGURE), >, 0);
      g_assert_cmpuint (count_kind (G_LIST_MODEL (store), MG_SUGGESTION_SLOGAN), >, 0);
      g_assert_cmpuint (count_kind (G_LIST_MODEL (store), MG_SUGGESTION_POLICY_GOAL), >, 0);
    }
}

static void
test_suggest_compare (void)
{
  g_autoptr(MgDocument) old_document =
    mg_document_new_for_text ("我们坚持“最多跑一次”改革。全年地区生产总值增长6.8%，新增就业1.2万人。\n\n"
                              "By 2027 we will plant 10,000 trees.\n", -1, "old.txt");
  g_autoptr(MgDocument) new_document =
    mg_document_new_for_text ("我们坚持“数字化改革”。全年地区生产总值增长5.9%，新增就业1.2万人，实际利用外资12亿美元。\n\n"
                              "By 2027 we will plant 10,000 trees.\n", -1, "new.txt");
  g_autoptr(GPtrArray) changes = mg_change_compare_documents (old_document, new_document);
  MgChange *c;

  g_assert_cmpuint (changes->len, ==, 4);

  c = changes->pdata[0];
  g_assert_cmpint (c->kind, ==, MG_SUGGESTION_SLOGAN);
  g_assert_cmpint (c->change, ==, MG_CHANGE_NEW);
  g_assert_cmpstr (c->new_quote, ==, "数字化改革");
  g_assert_null (c->old_quote);
  g_assert_cmpuint (c->new_paragraph, ==, 1);

  c = changes->pdata[1];
  g_assert_cmpint (c->change, ==, MG_CHANGE_DROPPED);
  g_assert_cmpstr (c->old_quote, ==, "最多跑一次");
  g_assert_null (c->new_quote);

  c = changes->pdata[2];
  g_assert_cmpint (c->kind, ==, MG_SUGGESTION_FIGURE);
  g_assert_cmpint (c->change, ==, MG_CHANGE_CHANGED);
  g_assert_cmpstr (c->context, ==, "生产总值增长");
  g_assert_cmpstr (c->old_quote, ==, "6.8%");
  g_assert_cmpstr (c->new_quote, ==, "5.9%");

  c = changes->pdata[3];
  g_assert_cmpint (c->change, ==, MG_CHANGE_NEW);
  g_assert_cmpstr (c->new_quote, ==, "12亿美元");
  g_assert_cmpstr (mg_change_kind_to_string (c->change), ==, "new");

  /* A speech against itself: its slogans kept, nothing else. */
  g_ptr_array_unref (g_steal_pointer (&changes));
  changes = mg_change_compare_documents (new_document, new_document);
  g_assert_cmpuint (changes->len, ==, 1);
  c = changes->pdata[0];
  g_assert_cmpint (c->change, ==, MG_CHANGE_KEPT);
  g_assert_cmpstr (c->old_quote, ==, "数字化改革");
  g_assert_cmpstr (c->new_quote, ==, "数字化改革");
  g_assert_cmpuint (c->old_start, ==, c->new_start);
}

/* Slogans and formulas in both speeches: kept, with the place of each,
 * whether the engine found them in one speech or in both; and the report
 * shows them only when asked. */
static void
test_suggest_compare_kept (void)
{
  static const char old_text[] =
    "我们坚持“两个毫不动摇”，推进“最多跑一次”改革。\n\n"
    "全年地区生产总值增长6.8%。\n";
  static const char new_text[] =
    "全年地区生产总值增长5.9%。\n\n"
    "我们继续推进最多跑一次改革，坚持“数字化改革”。\n\n"
    "我们坚持“两个毫不动摇”。\n";
  g_autoptr(MgDocument) old_document = mg_document_new_for_text (old_text, -1, "old.txt");
  g_autoptr(MgDocument) new_document = mg_document_new_for_text (new_text, -1, "new.txt");
  g_autoptr(MgAnnotationStore) old_store = mg_annotation_store_new (old_document, NULL);
  g_autoptr(MgAnnotationStore) new_store = mg_annotation_store_new (new_document, NULL);
  g_autoptr(MgComparison) comparison = NULL;
  g_autofree char *plain = NULL;
  g_autofree char *with_kept = NULL;
  g_autofree char *json = NULL;
  g_autofree char *kept_section = NULL;
  GPtrArray *changes;
  MgChange *kept[2] = { NULL, NULL };
  guint n_kept = 0;
  gboolean seen_figure = FALSE;
  const char *at;

  comparison = mg_comparison_new (old_store, "old.txt", "old.txt.marginalia.json",
                                  new_store, "new.txt", "new.txt.marginalia.json");
  changes = mg_comparison_get_changes (comparison);
  for (guint i = 0; i < changes->len; i++)
    {
      MgChange *c = changes->pdata[i];

      seen_figure |= c->kind == MG_SUGGESTION_FIGURE;
      if (c->change != MG_CHANGE_KEPT)
        {
          /* Neither kept slogan is also new or dropped. */
          g_assert_cmpstr (c->old_quote, !=, "最多跑一次");
          g_assert_cmpstr (c->new_quote, !=, "两个毫不动摇");
          continue;
        }
      g_assert_cmpint (c->kind, ==, MG_SUGGESTION_SLOGAN);
      g_assert_cmpstr (mg_change_kind_to_string (c->change), ==, "kept");
      /* With the slogans, before the figures. */
      g_assert_false (seen_figure);
      g_assert_cmpuint (n_kept, <, 2);
      kept[n_kept++] = c;
    }
  g_assert_cmpuint (n_kept, ==, 2);

  /* In the new speech's order: the formula its text has unquoted (the
   * engine found it only in the old one), then the one quoted in both. */
  g_assert_cmpstr (kept[0]->old_quote, ==, "最多跑一次");
  g_assert_cmpstr (kept[0]->new_quote, ==, "最多跑一次");
  g_assert_cmpuint (kept[0]->old_paragraph, ==, 1);
  g_assert_cmpuint (kept[0]->new_paragraph, ==, 2);
  g_assert_cmpstr (kept[1]->new_quote, ==, "两个毫不动摇");
  g_assert_cmpuint (kept[1]->old_paragraph, ==, 1);
  g_assert_cmpuint (kept[1]->new_paragraph, ==, 3);
  for (guint k = 0; k < 2; k++)
    {
      g_autofree char *old_slice = mg_document_dup_slice (old_document, kept[k]->old_start, kept[k]->old_end);
      g_autofree char *new_slice = mg_document_dup_slice (new_document, kept[k]->new_start, kept[k]->new_end);

      g_assert_cmpstr (old_slice, ==, kept[k]->old_quote);
      g_assert_cmpstr (new_slice, ==, kept[k]->new_quote);
    }
  g_assert_true (kept[0]->new_start < kept[1]->new_start);

  /* The report: without the flag no word of them (what `compare`
   * writes); with it, the same report and one section more. */
  plain = mg_comparison_write (comparison, MG_COMPARISON_MARKDOWN);
  with_kept = mg_comparison_write_full (comparison, MG_COMPARISON_MARKDOWN, MG_COMPARISON_WRITE_KEPT);
  g_assert_null (strstr (plain, "Kept"));
  g_assert_null (strstr (plain, "两个毫不动摇"));
  kept_section = g_strdup ("### Kept (2)\n\n"
                           "| Slogan or formula | Old | New |\n"
                           "| --- | --- | --- |\n"
                           "| 最多跑一次 | ¶1 | ¶2 |\n"
                           "| 两个毫不动摇 | ¶1 | ¶3 |\n\n");
  at = strstr (with_kept, kept_section);
  g_assert_nonnull (at);
  {
    g_autoptr(GString) without = g_string_new (with_kept);

    g_string_erase (without, at - with_kept, strlen (kept_section));
    g_assert_cmpstr (without->str, ==, plain);
  }
  g_assert_true (g_str_has_prefix (at + strlen (kept_section), "## Figures\n"));

  g_free (plain);
  g_free (with_kept);
  plain = mg_comparison_write (comparison, MG_COMPARISON_HTML);
  with_kept = mg_comparison_write_full (comparison, MG_COMPARISON_HTML, MG_COMPARISON_WRITE_KEPT);
  g_assert_null (strstr (plain, "Kept"));
  g_assert_nonnull (strstr (with_kept, "<h3>Kept (2)</h3>\n<table>\n"
                                       "<tr><th>Slogan or formula</th><th>Old</th><th>New</th></tr>\n"
                                       "<tr><td>最多跑一次</td><td>¶1</td><td>¶2</td></tr>\n"));

  json = mg_comparison_write (comparison, MG_COMPARISON_JSON);
  g_assert_null (strstr (json, "\"kept\""));
  g_free (json);
  json = mg_comparison_write_full (comparison, MG_COMPARISON_JSON, MG_COMPARISON_WRITE_KEPT);
  g_assert_nonnull (strstr (json, "\"kept\""));
}

static void
test_suggest_compare_english (void)
{
  g_autoptr(MgDocument) old_document =
    mg_document_new_for_text ("Last year the county spent $48.2 million. Unemployment fell from "
                              "6.1 percent to 4.4 percent.\n", -1, "old.txt");
  g_autoptr(MgDocument) new_document =
    mg_document_new_for_text ("Last year the county spent $52.0 million. Unemployment fell from "
                              "6.1 percent to 3.9 percent.\n", -1, "new.txt");
  g_autoptr(GPtrArray) changes = mg_change_compare_documents (old_document, new_document);
  MgChange *c;

  g_assert_cmpuint (changes->len, ==, 2);
  c = changes->pdata[0];
  g_assert_cmpint (c->change, ==, MG_CHANGE_CHANGED);
  g_assert_cmpstr (c->context, ==, "the county spent");
  g_assert_cmpstr (c->old_quote, ==, "$48.2 million");
  g_assert_cmpstr (c->new_quote, ==, "$52.0 million");
  c = changes->pdata[1];
  g_assert_cmpint (c->change, ==, MG_CHANGE_CHANGED);
  g_assert_cmpstr (c->context, ==, "to");
  g_assert_cmpstr (c->old_quote, ==, "4.4 percent");
  g_assert_cmpstr (c->new_quote, ==, "3.9 percent");
}

static void
test_suggest_find_at (void)
{
  g_autoptr(MgDocument) document = load_fixture ("report-zh.txt");
  g_autoptr(GListStore) store = mg_suggest_document (document, MG_SUGGEST_ALL);
  GListModel *model = G_LIST_MODEL (store);
  guint n = g_list_model_get_n_items (model);

  /* Against a plain walk, at every offset. */
  for (guint offset = 0; offset <= mg_document_get_length (document); offset++)
    {
      g_autoptr(GPtrArray) found = mg_suggest_find_at (model, offset);
      guint expected = 0;

      for (guint i = 0; i < n; i++)
        {
          g_autoptr(MgSuggestion) s = g_list_model_get_item (model, i);

          if (mg_suggestion_get_start (s) <= offset && offset < mg_suggestion_get_end (s))
            {
              g_assert_cmpuint (expected, <, found->len);
              g_assert_true (found->pdata[expected] == (gpointer) s);
              expected++;
            }
        }
      g_assert_cmpuint (found->len, ==, expected);
    }

  {
    /* 到2027年 is both a policy goal and, inside it, a figure. */
    g_autoptr(GPtrArray) found = mg_suggest_find_at (model, 321);

    g_assert_cmpuint (found->len, ==, 2);
    g_assert_cmpint (mg_suggestion_get_kind (found->pdata[0]), ==, MG_SUGGESTION_POLICY_GOAL);
    g_assert_cmpint (mg_suggestion_get_kind (found->pdata[1]), ==, MG_SUGGESTION_FIGURE);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/suggest/empty", test_suggest_empty);
  g_test_add_func ("/suggest/chinese", test_suggest_chinese);
  g_test_add_func ("/suggest/precision", test_suggest_precision);
  g_test_add_func ("/suggest/spacing", test_suggest_spacing);
  g_test_add_func ("/suggest/chinese-numerals", test_suggest_chinese_numerals);
  g_test_add_func ("/suggest/english", test_suggest_english);
  g_test_add_func ("/suggest/figure-forms", test_suggest_figure_forms);
  g_test_add_func ("/suggest/slogan-forms", test_suggest_slogan_forms);
  g_test_add_func ("/suggest/slogan-echoes", test_suggest_slogan_echoes);
  g_test_add_func ("/suggest/slogan-turns", test_suggest_slogan_turns);
  g_test_add_func ("/suggest/figure-names", test_suggest_figure_names);
  g_test_add_func ("/suggest/goal-clauses", test_suggest_goal_clauses);
  g_test_add_func ("/suggest/goal-english-calls", test_suggest_goal_english_calls);
  g_test_add_func ("/suggest/goal-talk", test_suggest_goal_talk);
  g_test_add_func ("/suggest/slogan-quotes", test_suggest_slogan_quotes);
  g_test_add_func ("/suggest/kinds", test_suggest_kinds);
  g_test_add_func ("/suggest/object", test_suggest_object);
  g_test_add_func ("/suggest/filter-existing", test_suggest_filter_existing);
  g_test_add_func ("/suggest/accept", test_suggest_accept);
  g_test_add_func ("/suggest/accept-all", test_suggest_accept_all);
  g_test_add_func ("/suggest/filter-dismissed", test_suggest_filter_dismissed);
  g_test_add_func ("/suggest/store-lexicon", test_suggest_store_lexicon);
  g_test_add_func ("/suggest/deterministic", test_suggest_deterministic);
  g_test_add_func ("/suggest/large", test_suggest_large);
  g_test_add_func ("/suggest/find-at", test_suggest_find_at);
  g_test_add_func ("/suggest/find-next", test_suggest_find_next);
  g_test_add_func ("/suggest/compare", test_suggest_compare);
  g_test_add_func ("/suggest/compare-english", test_suggest_compare_english);
  g_test_add_func ("/suggest/compare-kept", test_suggest_compare_kept);
  g_test_add_func ("/suggest/corpus", test_suggest_corpus);

  return g_test_run ();
}
