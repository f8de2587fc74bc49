/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Marginalia"
#include "config.h"

#include <string.h>

#include "mg-suggest-private.h"

/* Policy goals, one clause each (see tests/data/suggest-gold/GUIDELINES.md).
 *
 * Chinese: the text is cut into clauses at ，；。：！？ and line ends (not
 * inside “…”). A clause is a goal when, after its numbering (一是, （二）)
 * and a connective (同时, 此外), it
 *  - holds a commitment (力争, 确保, 争取, 目标是) or opens with a target
 *    year (到2035年), or has a modal near its start (我们要, 必须, 将);
 *  - or, outside a review of past work, opens with a policy verb or an
 *    adverb of one (推动, 加快, 扩大, 进一步, 不断…), or with a verb that is
 *    no noun after an adverb of two or four characters (适度提高,
 *    分层分类加强), or sets a figure as a target (增长5.5%左右,
 *    稳定在42万吨以上).
 * A review of past work is a section whose heading says so (工作回顾,
 * 取得的成绩) or a paragraph opening with 过去一年, 五年来…; a clause with
 * 了, 已 or 累计 reports what was done and is no goal, and a sentence
 * whose last clause is one opens no goal by a policy verb alone. A clause holding
 * nothing but a time (到2035年，) joins the next one. No clause is a goal
 * in a question (a sentence ending in ？ or ?), in a story (a sentence
 * with a clause opening 当年, 那时, 记得…, or telling of 他们), nor in a
 * judgment (应该是, 就是要…的).
 *
 * English: a clause holding "we will", "we must", "we should", "we have
 * to", "I will", "our goal", "I'm asking", "I ask", "by 2030"…, from that
 * subject (or the target year before it) to the end of the clause: the
 * sentence end, ; : or a dash, or the next such clause in the sentence.
 * Also a call to act opening with "let" ("let us begin", "Let both sides
 * explore …"; not "let me", nor "Let every nation know", whose "that"
 * clause may hold the goal), a purpose ("our most useful role is to …"),
 * and a clause whose subject is no "we" or "I" with a modal of duty ("The
 * Nation's hands must not be tied", "No person should try …"), unless
 * that subject is a pronoun or the clause is subordinate ("which must",
 * "if a dictator should"). Hopes are none ("we shall always hope to"). */

#define MIN_CJK_GOAL  4
#define MAX_CJK_GOAL  90
#define MAX_EN_GOAL   300
#define MODAL_WINDOW  12

/* Clause-initial policy verbs, and the adverbs that open a directive. */
static const char * const cjk_openers[] = {
  "推动", "推进", "加快", "扩大", "坚持", "深化", "完善", "稳住", "防范", "提高",
  "保持", "实施", "建设", "健全", "促进", "加强", "强化", "优化", "落实", "推行",
  "培育", "发展", "构建", "打造", "巩固", "守住", "守牢", "兜牢", "维护", "支持",
  "鼓励", "引导", "提升", "增强", "激发", "释放", "保障", "改善", "统筹", "深入",
  "全面", "着力", "大力", "积极", "持续", "努力", "切实", "坚决", "进一步", "稳步",
  "有序", "稳妥", "稳慎", "加大", "做强", "做优", "做大", "做实", "抓好", "抓实",
  "抓住", "办好", "用好", "管好", "守好", "筑牢", "夯实", "织密", "拓展", "拓宽",
  "培养", "引进", "吸引", "推广", "开展", "建立", "创新", "整治", "治理", "压减",
  "压缩", "降低", "减少", "控制", "严格", "规范", "清理", "杜绝", "遏制", "打击",
  "化解", "处置", "不断", "更好", "更加", "继续", "主动", "依法", "坚定", "聚焦",
  "围绕", "紧扣", "突出", "扎实", "认真", "全力", "奋力", "加速", "谋划", "探索",
  "融入", "对接", "帮助", "引领", "带动", "树立", "弘扬", "传承", "保护", "修复",
  "新建", "改造", "减轻", "确保", "力争", "争取", "发挥", "用足", "激活", "畅通",
  "打通", "补齐", "补强", "提振", "放宽", "简化", "压实", "营造", "实现", "深挖",
  "兜住", "稳定", "完整", "准确", "不折不扣", "高质量", "高标准", "落细", "做好",
  "形成", "决不", "绝不", "严禁", "把", "让", "抓", "稳", "保",
  "注重", "讲求", "充实", "严肃", "腾出", "适时", "尽快", "打好", "塑造", "紧抓",
  "全方位", "多渠道", "因地制宜", "制定", "拟", "树牢", "贯彻", "尊重", "激励", "重视",
  "选拔", "选优配强", "督促", "惩治", "赓续", "涵养", "理顺", "关心", "关爱", "调动",
  "做深", "做到", "带头", "始终", "一体", "牢记", "更大力度", "解决好", "组织实施",
};

/* Commitments anywhere in a clause. */
static const char * const cjk_commitments[] = {
  "力争", "确保", "争取", "目标是", "目标为", "预期目标", "务必", "下功夫", "下大力气",
};

/* A figure set as a target: these words with a number in the clause. */
static const char * const cjk_target_words[] = {
  "增长", "提高", "下降", "降低", "达到", "突破", "控制在", "稳定在", "保持在",
  "以上", "以内", "左右", "不低于", "不少于", "超过", "缩小", "翻一番", "翻番",
};

/* Headings of a review of past work. */
static const char * const cjk_review_headings[] = {
  "回顾", "成绩", "成效", "进展", "过去", "取得", "基本判断", "基本情况", "工作情况",
};

/* Paragraph openings of a review of past work. */
static const char * const cjk_review_openings[] = {
  "过去一年", "过去两年", "过去三年", "过去五年", "过去几年", "过去十年", "过去的一年", "一年来", "两年来", "三年来", "五年来", "几年来",
  "多年来", "近年来", "近几年", "去年", "上年", "今年以来", "这一年", "这五年", "回顾",
};

/* Clause openings of a story told of the past: a sentence holding one
 * narrates (那时候，…；当年，…) and sets no goal, whatever its modals. */
static const char * const cjk_story_openings[] = {
  "当年", "那时", "当时", "曾经", "有一年", "有一次", "那一年", "那年", "早年", "从前",
  "以前", "记得", "过去",
};

/* A modal after 是 in a clause ending with 的: a judgment. */
static const char * const cjk_judgments[] = {
  "是要", "是必须", "是应该", "是应当",
};

/* Numbering and connectives before a clause's content. */
static const char * const cjk_connectives[] = {
  "与此同时", "同时", "此外", "另外", "对此", "为此", "因此", "首先", "其次",
  "再次", "最后", "总之", "特别是", "尤其是",
};

static const char * const en_triggers[] = {
  "we will", "we'll", "we must", "we should", "we have to", "we need to",
  "we are going to", "we're going to", "we shall", "we aim to", "we intend to",
  "we plan to", "we pledge", "we commit", "we cannot wait", "we can't wait",
  "i will", "i'll", "i shall", "i am asking", "i'm asking", "i propose",
  "i am proposing", "i'm proposing", "i urge", "i call on", "i am calling on",
  "i'm calling on", "our goal", "our mission is", "the goal is",
  "our target", "my goal", "i ask", "i also ask", "i recommend", "i also recommend",
  "we renew", "we reaffirm",
};

/* Modals of duty after a subject other than "we" or "I". */
static const char * const en_duty_modals[] = {
  "must", "should", "ought to", "has to", "needs to",
};

/* Words that make a clause subordinate, before its modal. */
static const char * const en_subordinators[] = {
  "if", "when", "whenever", "unless", "although", "though", "because", "since",
  "whether", "which", "who", "whom", "whose", "that", "what", "where", "how",
  "than", "as", "while", "until", "before", "after", "once", "so", "why",
};

/* Subjects too vague to carry a duty of their own ("it must be said"). */
static const char * const en_vague_subjects[] = {
  "it", "this", "that", "there", "he", "she", "they", "these", "those", "one",
};

/* Verbs that announce rather than call to act ("let me say", "Let every
 * nation know"), and verbs of hope after a modal ("we shall hope"). */
static const char * const en_announcing_verbs[] = {
  "know", "say", "tell", "hear", "note", "recall", "remember", "be", "me", "it",
};
static const char * const en_hope_verbs[] = {
  "hope", "expect", "wish",
};
static const char * const en_adverbs[] = {
  "not", "always", "never", "also", "all", "still", "only", "truly", "certainly", "surely",
};

/* What opens the subject of a call "let … do": "Let both sides". */
static const char * const en_let_subjects[] = {
  "both", "all", "every", "each", "everyone", "everybody", "the", "our", "this",
  "these", "those", "no", "any", "congress", "america", "americans",
};

/* Words that may stand between a clause's start and "let". */
static const char * const en_let_leads[] = {
  "and", "so", "but", "now", "then", "together", "finally", "today", "tonight",
  "instead", "yes", "therefore", "first", "second", "third", "last",
};

/* The nouns of a purpose: "our most useful and immediate role is to". */
static const char * const en_purpose_nouns[] = {
  "goal", "goals", "role", "task", "aim", "objective", "purpose", "mission",
  "duty", "job", "priority",
};

static gboolean
is_han_numeral (gunichar c)
{
  return c == 0x3007 || c == 0x96F6 || c == 0x4E00 || c == 0x4E8C || c == 0x4E09 ||
         c == 0x56DB || c == 0x4E94 || c == 0x516D || c == 0x4E03 || c == 0x516B ||
         c == 0x4E5D || c == 0x5341 || c == 0x4E24;
}

static gboolean
is_latin_text (const MgSuggestText *text,
               guint                start,
               guint                end)
{
  guint latin = 0, han = 0;

  for (guint i = start; i < end && latin + han < 200; i++)
    {
      if (_mg_suggest_is_ascii_alpha (text->chars[i]))
        latin++;
      else if (_mg_suggest_is_han (text->chars[i]))
        han++;
    }
  return latin > han * 3;
}

static gboolean
contains_any (const MgSuggestText *text,
              guint                start,
              guint                end,
              const char * const  *words,
              guint                n_words)
{
  for (guint i = start; i < end; i++)
    if (_mg_suggest_match_any (text, i, end, words, n_words, NULL))
      return TRUE;
  return FALSE;
}

/* A commitment in [start, end); not the 争取 of 斗争取得, 竞争取胜. */
static gboolean
has_commitment (const MgSuggestText *text,
                guint                start,
                guint                end)
{
  for (guint i = start; i < end; i++)
    if (_mg_suggest_match_any (text, i, end, cjk_commitments, G_N_ELEMENTS (cjk_commitments), NULL) &&
        !(text->chars[i] == 0x4E89 /* 争 */ && i > 0 &&
          (text->chars[i - 1] == 0x6597 /* 斗 */ || text->chars[i - 1] == 0x7ADE /* 竞 */)))
      return TRUE;
  return FALSE;
}

/* 到2035年, 到二〇三五年, 到本世纪中叶, 到“十五五”末: its length, or 0. */
static guint
match_target_year (const MgSuggestText *text,
                   guint                pos,
                   guint                end)
{
  const gunichar *s = text->chars;
  guint i = pos + 1, digits = 0, len;

  if (s[pos] != 0x5230 /* 到 */)
    return 0;
  if (_mg_suggest_match (text, pos, "到本世纪中叶", FALSE, &len))
    return len;
  while (i < end && _mg_suggest_is_space (s[i]))
    i++;
  while (i < end && (_mg_suggest_digit_value (s[i]) >= 0 || is_han_numeral (s[i])))
    i++, digits++;
  while (i < end && _mg_suggest_is_space (s[i]))
    i++;
  if (digits == 4 && i < end && s[i] == 0x5E74 /* 年 */)
    return i + 1 - pos;
  return 0;
}

static gboolean
has_number (const MgSuggestText *text,
            guint                start,
            guint                end)
{
  for (guint i = start; i < end; i++)
    if (_mg_suggest_digit_value (text->chars[i]) >= 0 ||
        _mg_suggest_match (text, i, "百分之", FALSE, NULL) ||
        _mg_suggest_match (text, i, "翻一番", FALSE, NULL))
      return TRUE;
  return FALSE;
}

/* A modal within the clause's first characters: 要 (not 主要, 重要…, nor
 * 要是, "if"), 必须, 将 (not 将近), 应当, 需要. A modal before 是 (应该是,
 * 必须是) judges what something is rather than says what to do. */
static gboolean
has_modal (const MgSuggestText *text,
           guint                start,
           guint                end)
{
  const gunichar *s = text->chars;
  guint stop = MIN (end, start + MODAL_WINDOW);

  for (guint i = start; i < stop; i++)
    {
      gunichar prev = i > start ? s[i - 1] : 0;
      gunichar next = i + 1 < end ? s[i + 1] : 0;

      switch (s[i])
        {
        case 0x8981: /* 要 */
          if (next == 0x662F /* 是 */)
            break;
          if (prev == 0x4E3B /* 主 */ || prev == 0x91CD /* 重 */ || prev == 0x5FC5 /* 必 */ ||
              prev == 0x53EA /* 只 */ || prev == 0x60F3 /* 想 */ || prev == 0x7EB2 /* 纲 */ ||
              prev == 0x6458 /* 摘 */ || prev == 0x7D27 /* 紧 */ || prev == 0x9996 /* 首 */ ||
              prev == 0x9760 /* 靠 */ || prev == 0x4E4B /* 之 */)
            break;
          if (next == 0x6C42 /* 求 */ || next == 0x7D20 /* 素 */ || next == 0x70B9 /* 点 */ ||
              next == 0x5BB3 /* 害 */ || next == 0x52A1 /* 务 */ || next == 0x8BBF /* 访 */)
            break;
          return TRUE;
        case 0x5FC5: /* 必 */
          if (next == 0x987B /* 须 */ && !(i + 2 < end && s[i + 2] == 0x662F /* 是 */))
            return TRUE;
          break;
        case 0x5C06: /* 将 */
          if (next != 0x8FD1 /* 近 */ && next != 0x519B /* 军 */)
            return TRUE;
          break;
        case 0x5E94: /* 应 */
          if ((next == 0x5F53 /* 当 */ || next == 0x8BE5 /* 该 */) &&
              !(i + 2 < end && s[i + 2] == 0x662F /* 是 */))
            return TRUE;
          break;
        case 0x52A1: /* 务 */
          if (next == 0x5FC5 /* 必 */)
            return TRUE;
          break;
        default:
          break;
        }
    }
  return FALSE;
}

/* 了 of a past action (not 了解, 为了, 除了), 已, 累计: what was done. */
static gboolean
reports_past (const MgSuggestText *text,
              guint                start,
              guint                end)
{
  const gunichar *s = text->chars;

  for (guint i = start; i < end; i++)
    {
      gunichar prev = i > start ? s[i - 1] : 0;
      gunichar next = i + 1 < end ? s[i + 1] : 0;

      if (s[i] == 0x4E86 /* 了 */ && next != 0x89E3 /* 解 */ && prev != 0x4E3A /* 为 */ &&
          prev != 0x9664 /* 除 */ && prev != 0x5F97 /* 得 */ && prev != 0x4E0D /* 不 */)
        return TRUE;
      if (s[i] == 0x5DF2 /* 已 */ && prev != 0x4E0D /* 不 */)
        return TRUE;
      if (s[i] == 0x7D2F /* 累 */ && next == 0x8BA1 /* 计 */)
        return TRUE;
    }
  return FALSE;
}

/* Skips numbering (一是, 二要, 第三, （四）, 5.) and connectives. */
static guint
skip_numbering (const MgSuggestText *text,
                guint                start,
                guint                end)
{
  const gunichar *s = text->chars;
  guint i = start, len;

  for (;;)
    {
      guint before = i;

      while (i < end && (_mg_suggest_is_space (s[i]) || s[i] == 0x201D || s[i] == 0x3001 ||
                         s[i] == '"'))
        i++;
      if (i < end && (s[i] == 0xFF08 || s[i] == '('))
        {
          guint k = i + 1;

          while (k < end && k - i <= 3 && (is_han_numeral (s[k]) || _mg_suggest_digit_value (s[k]) >= 0))
            k++;
          if (k > i + 1 && k < end && (s[k] == 0xFF09 || s[k] == ')'))
            i = k + 1;
        }
      else if (i < end && (is_han_numeral (s[i]) || _mg_suggest_digit_value (s[i]) >= 0 ||
                           s[i] == 0x7B2C /* 第 */))
        {
          guint k = i + (s[i] == 0x7B2C);

          while (k < end && k - i <= 3 && (is_han_numeral (s[k]) || _mg_suggest_digit_value (s[k]) >= 0))
            k++;
          if (k > i && k < end && (s[k] == 0x3001 || s[k] == '.' || s[k] == 0xFF0E))
            i = k + 1;
          else if (k > i && k < end && (s[k] == 0x662F /* 是 */ || s[k] == 0x8981 /* 要 */) &&
                   is_han_numeral (s[i]))
            i = k + 1;
        }
      if (_mg_suggest_match_any (text, i, end, cjk_connectives, G_N_ELEMENTS (cjk_connectives), &len))
        i += len;
      if (i == before)
        return i;
    }
}

/* A clause that is nothing but a time: 到2035年, 今年, 明年, 年内. */
static gboolean
is_time_only (const MgSuggestText *text,
              guint                start,
              guint                end)
{
  static const char * const times[] = {
    "今年", "明年", "年内", "今后五年", "今后一个时期", "下一步", "未来五年", "今后",
  };
  guint len;

  if ((len = match_target_year (text, start, end)) > 0 && start + len == end)
    return TRUE;
  return _mg_suggest_match_any (text, start, end, times, G_N_ELEMENTS (times), &len) && start + len == end;
}

static gboolean
is_clause_end (gunichar c)
{
  return c == 0xFF0C || c == 0xFF1B || c == 0x3002 || c == 0xFF1A || c == 0xFF01 ||
         c == 0xFF1F || c == ',' || c == ';' || c == ':' || c == '!' || c == '?' || c == '\n';
}

/* Clauses that announce what follows rather than set a goal: 要看到,
 * 必须清醒认识到, 主要目标是. */
static gboolean
is_lead_in (const MgSuggestText *text,
            guint                start,
            guint                end)
{
  static const char * const endings[] = {
    "看到", "认识到", "指出", "强调", "注意到", "目标是", "目标为", "任务是", "原则",
    "如下", "以下",
  };

  return _mg_suggest_ends_with_any (text, start, end, endings, G_N_ELEMENTS (endings));
}

/* Policy verbs that are no nouns, found after an adverb of two or four
 * characters (适度提高, 分层分类加强). */
static const char * const cjk_verbs_after_adverb[] = {
  "推进", "推动", "加快", "扩大", "提高", "加强", "强化", "支持", "完善", "健全",
  "促进", "实施", "落实", "围绕", "深化", "优化", "提升", "增强", "加大", "坚持",
  "推行", "开展", "引导", "鼓励", "巩固", "拓展",
};

/* Characters that make what precedes a verb no adverb (发展的, 问题是, 做了). */
static gboolean
is_no_adverb (gunichar c)
{
  return c == 0x7684 /* 的 */ || c == 0x662F /* 是 */ || c == 0x4E86 /* 了 */ ||
         c == 0x4E4B /* 之 */ || c == 0x5DF2 /* 已 */ || c == 0x5728 /* 在 */;
}

/* A policy verb opening [start, end), not used as a noun (创新之道,
 * 发展的), or one of cjk_verbs_after_adverb[] after an adverb of two or
 * four Han characters. A time before it (今年, 全年) is passed over. */
static gboolean
opens_directive (const MgSuggestText *text,
                 guint                start,
                 guint                end)
{
  static const char * const times[] = { "今年", "明年", "全年", "年内", "当前" };
  const gunichar *s = text->chars;
  guint len, verb = start;

  if (_mg_suggest_match_any (text, start, end, times, G_N_ELEMENTS (times), &len))
    start += len;
  if (_mg_suggest_match_any (text, start, end, cjk_openers, G_N_ELEMENTS (cjk_openers), &len))
    verb = start;
  else
    {
      verb = G_MAXUINT;
      for (guint adverb = 2; adverb <= 4 && verb == G_MAXUINT; adverb += 2)
        {
          /* Not a subject: 我们开展, 全市上下坚持, 各地推进. */
          gboolean plain = start + adverb < end && s[start] != 0x6211 /* 我 */ &&
                           s[start] != 0x5168 /* 全 */ && s[start] != 0x5404 /* 各 */ &&
                           s[start] != 0x8FD9 /* 这 */ && s[start] != 0x8BE5 /* 该 */;

          for (guint i = start; plain && i < start + adverb; i++)
            plain = _mg_suggest_is_han (s[i]) && !is_no_adverb (s[i]);
          if (plain && _mg_suggest_match_any (text, start + adverb, end, cjk_verbs_after_adverb,
                                  G_N_ELEMENTS (cjk_verbs_after_adverb), &len))
            verb = start + adverb;
        }
      if (verb == G_MAXUINT)
        return FALSE;
    }
  return verb + len < end && s[verb + len] != 0x4E4B /* 之 */ &&
         s[verb + len] != 0x7684 /* 的 */ && s[verb + len] != 0x662F /* 是 */;
}

/* Decides on the Chinese clause [start, end) and adds it. In a list of
 * targets (after 目标是：, or a target year), every clause is a goal. */
static void
consider_cjk_clause (const MgSuggestText *text,
                     guint                start,
                     guint                end,
                     gboolean             review,
                     gboolean            *target_list,
                     GArray              *hits)
{
  const gunichar *s = text->chars;
  MgSuggestHit hit = { MG_SUGGESTION_POLICY_GOAL, start, end, NULL };
  guint body = start, len;

  while (hit.end > hit.start && _mg_suggest_is_space (s[hit.end - 1]))
    hit.end--;
  if (hit.end - hit.start < MIN_CJK_GOAL || hit.end - hit.start > MAX_CJK_GOAL)
    return;
  if ((len = match_target_year (text, start, hit.end)) > 0)
    {
      hit.reason = "target year";
      body = start + len;
      while (body < hit.end && (s[body] == 0xFF0C || s[body] == ',' || _mg_suggest_is_space (s[body])))
        body++;
    }
  /* 他们每天要走…: what somebody else does or did, no directive; 干部就是
   * 要干事的: a judgment (是…的), no directive either. */
  if (reports_past (text, body, hit.end) || s[body] == 0x4ED6 /* 他 */ || s[body] == 0x5979 /* 她 */ ||
      (s[hit.end - 1] == 0x7684 /* 的 */ &&
       contains_any (text, body, hit.end, cjk_judgments, G_N_ELEMENTS (cjk_judgments))))
    return;
  if (is_lead_in (text, body, hit.end))
    {
      *target_list = *target_list || (hit.end < text->length &&
                                      (text->chars[hit.end] == 0xFF1A || text->chars[hit.end] == ':') &&
                                      has_commitment (text, body, hit.end));
      return;
    }
  if (hit.reason != NULL)
    *target_list = TRUE;
  if (hit.reason == NULL &&
      has_commitment (text, body, hit.end))
    hit.reason = "commitment";
  if (hit.reason == NULL && has_modal (text, body, hit.end))
    hit.reason = "commitment";
  if (hit.reason == NULL && *target_list)
    hit.reason = "target sentence";
  if (hit.reason == NULL && !review)
    {
      if (opens_directive (text, body, hit.end))
        hit.reason = "directive";
      else if (has_number (text, body, hit.end) &&
               contains_any (text, body, hit.end, cjk_target_words, G_N_ELEMENTS (cjk_target_words)))
        hit.reason = "target sentence";
    }
  if (hit.reason != NULL)
    g_array_append_val (hits, hit);
}

/* A heading: a short line with no sentence punctuation, not a line
 * broken after a comma. */
static gboolean
is_heading (const MgSuggestText *text,
            guint                start,
            guint                end)
{
  while (end > start && _mg_suggest_is_space (text->chars[end - 1]))
    end--;
  if (end - start > 40 || text->chars[end - 1] == 0xFF0C || text->chars[end - 1] == ',' ||
      text->chars[end - 1] == 0x3001)
    return FALSE;
  for (guint i = start; i < end; i++)
    if (text->chars[i] == 0x3002 || text->chars[i] == 0xFF1B || text->chars[i] == 0xFF01 ||
        text->chars[i] == 0xFF1F || text->chars[i] == 0xFF1A)
      return FALSE;
  return TRUE;
}

static gboolean
is_sentence_mark (gunichar c)
{
  return c == 0x3002 || c == 0xFF01 || c == 0xFF1F || c == '!' || c == '?';
}

/* Where the sentence from @start ends: its 。！？ (or ASCII ! ?), or @end. */
static guint
sentence_end (const MgSuggestText *text,
              guint                start,
              guint                end)
{
  while (start < end && !is_sentence_mark (text->chars[start]))
    start++;
  return start;
}

/* TRUE when a clause of the sentence [start, stop) opens with a time of
 * the past or a story's opening (当年，…；记得有一年…), not one qualifying
 * a noun (当年的老一辈), or when its first clause tells of somebody else
 * (他们每天要走…，必须…). */
static gboolean
tells_story (const MgSuggestText *text,
             guint                start,
             guint                stop)
{
  const gunichar *s = text->chars;
  guint first = skip_numbering (text, start, stop);

  if (first < stop && (s[first] == 0x4ED6 /* 他 */ || s[first] == 0x5979 /* 她 */))
    return TRUE;
  for (guint clause = start; clause < stop;)
    {
      guint body = skip_numbering (text, clause, stop), len, next = body;

      if (_mg_suggest_match_any (text, body, stop, cjk_story_openings, G_N_ELEMENTS (cjk_story_openings), &len) &&
          (body + len >= stop || s[body + len] != 0x7684 /* 的 */))
        return TRUE;
      while (next < stop && !is_clause_end (s[next]))
        next++;
      clause = next + 1;
    }
  return FALSE;
}

/* The start of the last clause of the sentence [start, stop). */
static guint
last_clause (const MgSuggestText *text,
             guint                start,
             guint                stop)
{
  while (stop > start && !is_clause_end (text->chars[stop - 1]))
    stop--;
  return stop;
}

static void
scan_cjk_paragraph (const MgSuggestText *text,
                    guint                start,
                    guint                end,
                    gboolean             review,
                    GArray              *hits)
{
  const gunichar *s = text->chars;
  guint clause = start, quote_depth = 0, sentence_stop = start;
  gboolean pending_time = FALSE, target_list = FALSE, question = FALSE, story = FALSE;
  gboolean past = FALSE;

  for (guint i = start; i <= end; i++)
    {
      guint body;

      if (i < end)
        {
          if (s[i] == 0x201C || s[i] == 0x300C)
            quote_depth++;
          else if ((s[i] == 0x201D || s[i] == 0x300D) && quote_depth > 0)
            quote_depth--;
          if (!is_clause_end (s[i]) || (quote_depth > 0 && s[i] != 0x3002))
            continue;
          if (s[i] == 0x3002)
            quote_depth = 0;
        }
      body = skip_numbering (text, clause, i);
      if (!pending_time)
        clause = body;
      /* 去年以来, 五年来: the rest of the paragraph reviews past work. */
      if (_mg_suggest_match_any (text, body, i, cjk_review_openings, G_N_ELEMENTS (cjk_review_openings), NULL))
        review = TRUE;
      /* A time alone waits for its clause; a sentence end drops it. */
      if (is_time_only (text, body, i) && i < end && s[i] != 0x3002 && s[i] != 0xFF1B)
        {
          pending_time = TRUE;
          continue;
        }
      /* A question (为什么要讲“干”？ 我们就要松口气吗?) or a story
       * (那时候，…) sets no goal, in any of its clauses. */
      if (clause >= sentence_stop)
        {
          guint stop = sentence_end (text, clause, end);

          question = stop < end && (s[stop] == 0xFF1F || s[stop] == '?');
          story = tells_story (text, clause, stop);
          past = reports_past (text, last_clause (text, clause, stop), stop);
          sentence_stop = stop + 1;
        }
      if (body < i && !question && !story)
        consider_cjk_clause (text, clause, i, review || past, &target_list, hits);
      pending_time = FALSE;
      clause = i + 1;
      if (i < end && is_sentence_mark (s[i]))
        target_list = FALSE;
    }
}

static gboolean
is_sentence_end (const MgSuggestText *text,
                 guint                i,
                 guint                end)
{
  gunichar c = text->chars[i];

  if (c == '!' || c == '?' || c == ';' || c == ':' || c == 0x2014 || c == 0x3002 ||
      c == 0xFF1B || c == 0xFF1A)
    return TRUE;
  /* A dash typed as two hyphens ("required--not because"). */
  if (c == '-' && i + 1 < end && text->chars[i + 1] == '-')
    return TRUE;
  /* A full stop, not a decimal point nor the dot of "a.m." or "Mr.". */
  if (c == '.' && (i + 1 >= end || _mg_suggest_is_space (text->chars[i + 1]) ||
                   text->chars[i + 1] == '"' || text->chars[i + 1] == 0x201D))
    {
      guint w = i;

      while (w > 0 && _mg_suggest_is_ascii_alpha (text->chars[w - 1]))
        w--;
      if (i - w <= 3 && w < i && text->chars[w] >= 'A' && text->chars[w] <= 'Z' &&
          i - w <= 2)
        return FALSE;    /* Mr. Dr. St. */
      if (i - w == 1 && w > 0 && text->chars[w - 1] == '.')
        return FALSE;    /* a.m. */
      return TRUE;
    }
  return FALSE;
}

/* "by 2030": its length, or 0. */
static guint
match_by_year (const MgSuggestText *text,
               guint                pos,
               guint                end)
{
  const gunichar *s = text->chars;

  if (pos + 7 > end || !_mg_suggest_match (text, pos, "by ", TRUE, NULL))
    return 0;
  for (guint i = pos + 3; i < pos + 7; i++)
    if (_mg_suggest_digit_value (s[i]) < 0)
      return 0;
  if ((s[pos + 3] == '1' || s[pos + 3] == '2') &&
      (pos + 7 == end || _mg_suggest_digit_value (s[pos + 7]) < 0))
    return 7;
  return 0;
}

static gboolean
word_start (const MgSuggestText *text,
            guint                pos)
{
  return pos == 0 || (!_mg_suggest_is_ascii_alpha (text->chars[pos - 1]) &&
                      text->chars[pos - 1] != '\'');
}

/* The end of the word at @pos (letters and apostrophes). */
static guint
en_word_end (const MgSuggestText *text,
             guint                pos,
             guint                end)
{
  while (pos < end && (_mg_suggest_is_ascii_alpha (text->chars[pos]) || text->chars[pos] == '\'' ||
                       text->chars[pos] == 0x2019))
    pos++;
  return pos;
}

/* The start of the word after the one at @pos, across spaces (and commas
 * when @commas), or @end. */
static guint
en_next_word (const MgSuggestText *text,
              guint                pos,
              guint                end,
              gboolean             commas)
{
  pos = en_word_end (text, pos, end);
  while (pos < end && (_mg_suggest_is_space (text->chars[pos]) || (commas && text->chars[pos] == ',')))
    pos++;
  return pos < end && _mg_suggest_is_ascii_alpha (text->chars[pos]) ? pos : end;
}

/* The start of the word before @pos within [start, pos), across spaces
 * only, or G_MAXUINT. */
static guint
en_previous_word (const MgSuggestText *text,
                  guint                start,
                  guint                pos)
{
  guint w = pos;

  while (w > start && _mg_suggest_is_space (text->chars[w - 1]))
    w--;
  if (w == pos && pos > start)
    return G_MAXUINT;
  if (w == start || !_mg_suggest_is_ascii_alpha (text->chars[w - 1]))
    return G_MAXUINT;
  while (w > start && (_mg_suggest_is_ascii_alpha (text->chars[w - 1]) || text->chars[w - 1] == '\''))
    w--;
  return w;
}

/* TRUE when the word at @pos is one of @words (ASCII case folded). */
static gboolean
en_word_in (const MgSuggestText *text,
            guint                pos,
            guint                end,
            const char * const  *words,
            guint                n_words)
{
  guint word_end = en_word_end (text, pos, end);

  for (guint w = 0; w < n_words; w++)
    {
      guint len;

      if (_mg_suggest_match (text, pos, words[w], TRUE, &len) && pos + len == word_end)
        return TRUE;
    }
  return FALSE;
}

#define EN_WORD_IN(text, pos, end, words) en_word_in (text, pos, end, words, G_N_ELEMENTS (words))

/* The trigger at @pos of the sentence: TRUE and its length. */
static gboolean
match_en_phrase (const MgSuggestText *text,
                 guint                pos,
                 guint                end,
                 const char * const  *phrases,
                 guint                n_phrases,
                 guint               *len)
{
  gunichar c = text->chars[pos];

  if (!_mg_suggest_is_ascii_alpha (c) || !word_start (text, pos))
    return FALSE;
  for (guint t = 0; t < n_phrases; t++)
    if (_mg_suggest_match (text, pos, phrases[t], TRUE, len) && pos + *len <= end &&
        (pos + *len >= end || !_mg_suggest_is_ascii_alpha (text->chars[pos + *len])))
      return TRUE;
  return FALSE;
}

static gboolean
match_en_trigger (const MgSuggestText *text,
                  guint                pos,
                  guint                end,
                  guint               *len)
{
  return match_en_phrase (text, pos, end, en_triggers, G_N_ELEMENTS (en_triggers), len);
}

/* "I ask you to answer four questions": a question put to the audience,
 * not a request of a legislature or a nation. */
static gboolean
asks_audience (const MgSuggestText *text,
               guint                pos,
               guint                len,
               guint                end)
{
  guint next = en_next_word (text, pos + len - 1, end, FALSE);

  return text->chars[pos + len - 1] == 'k' && next < end && en_word_end (text, next, end) == next + 3 &&
         _mg_suggest_match (text, next, "you", TRUE, NULL);
}

/* TRUE when the sentence [start, end) opens (after "And", "So"…) with
 * "let". */
static gboolean
opens_with_let (const MgSuggestText *text,
                guint                start,
                guint                end)
{
  guint w = start;

  while (w < end && !_mg_suggest_is_ascii_alpha (text->chars[w]))
    w++;
  while (w < end && EN_WORD_IN (text, w, end, en_let_leads))
    w = en_next_word (text, w, end, TRUE);
  return w < end && _mg_suggest_match (text, w, "let", TRUE, NULL) &&
         (en_word_end (text, w, end) == w + 3 || en_word_end (text, w, end) == w + 5);
}

/* A call to act opening with "let" at @pos: "let us begin", "Let's go",
 * "let both sides join in …"; not "let me", "Let every nation know", "let
 * the word go forth", nor "they let us down". TRUE and the length of
 * "let". */
static gboolean
match_let (const MgSuggestText *text,
           guint                start,
           guint                pos,
           guint                end,
           guint               *len)
{
  guint before, w, verb;
  gboolean us;

  if (!_mg_suggest_match (text, pos, "let", TRUE, NULL) || !word_start (text, pos))
    return FALSE;
  w = en_word_end (text, pos, end);
  if (w == pos + 3)
    us = FALSE;
  else if (w == pos + 5 && (text->chars[pos + 3] == '\'' || text->chars[pos + 3] == 0x2019) &&
           (text->chars[pos + 4] == 's' || text->chars[pos + 4] == 'S'))
    us = TRUE;
  else
    return FALSE;
  /* At the clause's start, or after "and", "so", "together"… */
  before = pos;
  while (before > start && _mg_suggest_is_space (text->chars[before - 1]))
    before--;
  if (before > start && text->chars[before - 1] != ',' && text->chars[before - 1] != '-' &&
      text->chars[before - 1] != '"' && text->chars[before - 1] != 0x201C)
    {
      guint previous = en_previous_word (text, start, pos);

      if (previous == G_MAXUINT || !EN_WORD_IN (text, previous, end, en_let_leads))
        return FALSE;
    }
  verb = en_next_word (text, pos, end, FALSE);
  if (verb >= end)
    return FALSE;
  if (!us)
    {
      if (_mg_suggest_match (text, verb, "us", TRUE, NULL) && en_word_end (text, verb, end) == verb + 2)
        us = TRUE;
      else if (!EN_WORD_IN (text, verb, end, en_let_subjects))
        return FALSE;
      else
        {
          /* "Let both sides explore": the verb within the next words;
           * "the word go forth" is no agent acting. */
          for (guint n = 0; n < 4 && verb < end; n++, verb = en_next_word (text, verb, end, FALSE))
            if (EN_WORD_IN (text, verb, end, en_announcing_verbs) ||
                _mg_suggest_match (text, verb, "go forth", TRUE, NULL))
              return FALSE;
          *len = 3;
          return TRUE;
        }
      verb = en_next_word (text, verb, end, FALSE);
    }
  /* "let us never fear", "let us begin": a verb that does not announce. */
  while (verb < end && (_mg_suggest_match (text, verb, "not ", TRUE, NULL) ||
                        _mg_suggest_match (text, verb, "never ", TRUE, NULL) ||
                        _mg_suggest_match (text, verb, "all ", TRUE, NULL)))
    verb = en_next_word (text, verb, end, FALSE);
  if (verb >= end || EN_WORD_IN (text, verb, end, en_announcing_verbs))
    return FALSE;
  *len = 3;
  return TRUE;
}

/* "our most useful and immediate role is to", "the first task must be":
 * TRUE when a purpose opens at @pos. */
static gboolean
match_purpose (const MgSuggestText *text,
               guint                pos,
               guint                end)
{
  guint w;

  if (!(_mg_suggest_match (text, pos, "our ", TRUE, NULL) || _mg_suggest_match (text, pos, "my ", TRUE, NULL)) ||
      !word_start (text, pos))
    return FALSE;
  w = en_next_word (text, pos, end, FALSE);
  for (guint n = 0; n < 5 && w < end; n++, w = en_next_word (text, w, end, FALSE))
    if (EN_WORD_IN (text, w, end, en_purpose_nouns))
      {
        w = en_next_word (text, w, end, FALSE);
        return w < end && (_mg_suggest_match (text, w, "is to ", TRUE, NULL) ||
                           _mg_suggest_match (text, w, "must be ", TRUE, NULL) ||
                           _mg_suggest_match (text, w, "will be to ", TRUE, NULL));
      }
  return FALSE;
}

/* A modal of duty at @pos after a subject of its own in [clause, pos):
 * "The Nation's hands must not be tied", "No person should try". FALSE
 * when that subject is empty, "we" or "I" (a trigger), a pronoun, long, or
 * subordinate ("which must", "if a dictator should"); @goal_start is where
 * the clause's subject starts. */
static gboolean
match_duty (const MgSuggestText *text,
            guint                clause,
            guint                pos,
            guint                end,
            guint               *len,
            guint               *goal_start)
{
  guint w, words = 0, first = G_MAXUINT, after;

  if (!match_en_phrase (text, pos, end, en_duty_modals, G_N_ELEMENTS (en_duty_modals), len))
    return FALSE;
  after = en_next_word (text, pos + *len - 1, end, FALSE);
  if (after >= end || _mg_suggest_match (text, after, "have ", TRUE, NULL))
    return FALSE;    /* "must have been": no duty */
  for (w = clause; w < pos && !_mg_suggest_is_ascii_alpha (text->chars[w]); w++)
    ;
  /* Skip "and", "but", "however", "of course". */
  while (w < pos && (_mg_suggest_match (text, w, "and ", TRUE, NULL) ||
                     _mg_suggest_match (text, w, "but ", TRUE, NULL) ||
                     _mg_suggest_match (text, w, "yet ", TRUE, NULL) ||
                     _mg_suggest_match (text, w, "however,", TRUE, NULL) ||
                     _mg_suggest_match (text, w, "therefore,", TRUE, NULL)))
    w = en_next_word (text, w, pos, TRUE);
  *goal_start = w;
  for (; w < pos; w = en_next_word (text, w, pos, TRUE))
    {
      if (first == G_MAXUINT)
        first = w;
      if (EN_WORD_IN (text, w, pos, en_subordinators) || ++words > 20)
        return FALSE;
      if (en_word_end (text, w, pos) == w)
        return FALSE;    /* a figure or a sign in the subject */
    }
  if (words == 0)
    return FALSE;
  if (words == 1 && (EN_WORD_IN (text, first, pos, en_vague_subjects) ||
                     _mg_suggest_match (text, first, "we ", TRUE, NULL) ||
                     _mg_suggest_match (text, first, "i ", TRUE, NULL) ||
                     _mg_suggest_match (text, first, "you ", TRUE, NULL)))
    return FALSE;
  return TRUE;
}

/* "what we will do", "if we must": no goal. */
static gboolean
after_question_word (const MgSuggestText *text,
                     guint                start,
                     guint                pos)
{
  static const char * const words[] = {
    "what ", "how ", "whether ", "if ", "when ", "where ", "why ", "who ", "that ",
    "as ", "than ",
  };

  for (guint w = 0; w < G_N_ELEMENTS (words); w++)
    {
      guint len = (guint) strlen (words[w]);

      if (pos >= start + len && _mg_suggest_match (text, pos - len, words[w], TRUE, NULL) &&
          word_start (text, pos - len))
        return TRUE;
    }
  return FALSE;
}

static void
add_en_goal (const MgSuggestText *text,
             guint                start,
             guint                end,
             GArray              *hits)
{
  const gunichar *s = text->chars;
  MgSuggestHit hit = { MG_SUGGESTION_POLICY_GOAL, start, end, "commitment" };

  /* Drop a closing ", and" or ", but" before the next clause. */
  for (;;)
    {
      guint before = hit.end;

      while (hit.end > hit.start && (_mg_suggest_is_space (s[hit.end - 1]) || s[hit.end - 1] == ',' ||
                                     s[hit.end - 1] == '"' || s[hit.end - 1] == 0x201D))
        hit.end--;
      if (hit.end >= hit.start + 4 &&
          (_mg_suggest_match (text, hit.end - 3, "and", TRUE, NULL) ||
           _mg_suggest_match (text, hit.end - 3, "but", TRUE, NULL)) &&
          word_start (text, hit.end - 3))
        hit.end -= 3;
      else if (hit.end >= hit.start + 3 &&
               (_mg_suggest_match (text, hit.end - 2, "so", TRUE, NULL) ||
                _mg_suggest_match (text, hit.end - 2, "or", TRUE, NULL)) &&
               word_start (text, hit.end - 2))
        hit.end -= 2;
      if (hit.end == before)
        break;
    }
  if (hit.end > hit.start + 6 && hit.end - hit.start <= MAX_EN_GOAL)
    g_array_append_val (hits, hit);
}

/* TRUE when the words after a trigger at @pos say what is to be done:
 * @min_words words at least, not a hope, and not a passive ("we will be
 * judged"). */
static gboolean
acts (const MgSuggestText *text,
      guint                pos,
      guint                end,
      guint                min_words)
{
  const gunichar *s = text->chars;
  guint words = 0, i = pos;
  gboolean adverbs_only = TRUE;

  while (i < end && (words < 2 || adverbs_only))
    {
      /* "we will not, tell them": across a comma. */
      while (i < end && (_mg_suggest_is_space (s[i]) || (s[i] == ',' && words > 0 && adverbs_only)))
        i++;
      /* "we shall not always hope to": a hope is no commitment. */
      if (i < end && adverbs_only && EN_WORD_IN (text, i, end, en_hope_verbs))
        return FALSE;
      if (i < end && !EN_WORD_IN (text, i, end, en_adverbs))
        adverbs_only = FALSE;
      if (i >= end || !(_mg_suggest_is_ascii_alpha (s[i]) || _mg_suggest_digit_value (s[i]) >= 0 ||
                        s[i] == '$'))
        break;
      if (words == 0 && _mg_suggest_match (text, i, "be ", TRUE, NULL))
        {
          guint w = i + 3;

          while (w < end && _mg_suggest_is_ascii_alpha (s[w]))
            w++;
          if (w >= i + 5 && s[w - 1] == 'd' && s[w - 2] == 'e')
            return FALSE;
        }
      while (i < end && !_mg_suggest_is_space (s[i]) && s[i] != ',')
        i++;
      words++;
    }
  return words >= min_words;
}

/* A sentence opening with a policy verb in the imperative, addressed to a
 * legislature: "Pass the bill", "Fund the schools". Not after a colon
 * ("We said: Build it here" quotes a slogan). */
static gboolean
is_imperative (const MgSuggestText *text,
               guint                start,
               guint                end)
{
  static const char * const verbs[] = {
    "pass ", "fund ", "cut ", "raise ", "invest ", "expand ", "lower ", "ban ",
    "restore ", "repeal ", "approve ", "extend ", "protect ", "strengthen ",
    "send me ", "give ", "end ", "stop ", "close ", "cap ",
  };
  guint before = start;

  while (before > 0 && _mg_suggest_is_space (text->chars[before - 1]))
    before--;
  if (before > 0 && text->chars[before - 1] != '.' && text->chars[before - 1] != '\n')
    return FALSE;
  if (text->chars[start] < 'A' || text->chars[start] > 'Z' || end - start < 12)
    return FALSE;
  for (guint v = 0; v < G_N_ELEMENTS (verbs); v++)
    if (_mg_suggest_match (text, start, verbs[v], TRUE, NULL))
      return TRUE;
  return FALSE;
}

static void
scan_en_sentence (const MgSuggestText *text,
                  guint                start,
                  guint                end,
                  GArray              *hits)
{
  const gunichar *s = text->chars;
  guint goal_start = G_MAXUINT;
  guint year_start = G_MAXUINT;
  guint last_comma = start;
  guint clause = start;

  /* A question sets no goal. */
  if (end < text->length && s[end] == '?')
    return;
  for (guint i = start; i < end; i++)
    {
      guint len, opens = i;

      if (s[i] == ',')
        {
          last_comma = i + 1;
          /* ", and the principle … should": a clause of its own. */
          if (i + 1 < end && en_next_word (text, i, end, FALSE) < end)
            {
              guint next = en_next_word (text, i, end, FALSE);

              if (_mg_suggest_match (text, next, "and ", TRUE, NULL) ||
                  _mg_suggest_match (text, next, "but ", TRUE, NULL) ||
                  _mg_suggest_match (text, next, "yet ", TRUE, NULL))
                clause = next;
            }
          continue;
        }
      if (!_mg_suggest_is_ascii_alpha (s[i]) || !word_start (text, i))
        continue;
      if (match_by_year (text, i, end) > 0 && goal_start == G_MAXUINT)
        {
          /* "By 2030, we will": the goal opens with the year. */
          year_start = i;
          continue;
        }
      if (match_let (text, start, i, end, &len))
        {
          if (!acts (text, en_next_word (text, i, end, FALSE), end, 1))
            continue;
        }
      else if (match_purpose (text, i, end))
        len = 3;
      else if (goal_start == G_MAXUINT && match_duty (text, clause, i, end, &len, &opens))
        {
          if (!acts (text, i + len, end, 1))
            continue;
        }
      else if (!match_en_trigger (text, i, end, &len) || asks_audience (text, i, len, end) ||
               (after_question_word (text, start, i) &&
                !(opens_with_let (text, start, end) && _mg_suggest_match (text, i - 5, "that ", TRUE, NULL))) ||
               !acts (text, i + len, end, 2))
        continue;
      if (goal_start != G_MAXUINT)
        add_en_goal (text, goal_start, opens, hits);
      goal_start = year_start != G_MAXUINT ? year_start : opens;
      year_start = G_MAXUINT;
      i += len - 1;
    }
  if (goal_start != G_MAXUINT)
    add_en_goal (text, goal_start, end, hits);
  else if (is_imperative (text, start, end))
    add_en_goal (text, start, end, hits);
  else if (year_start != G_MAXUINT)
    {
      /* "… by 2030" alone: the clause holding it. */
      guint opens = year_start;

      while (opens > last_comma && s[opens - 1] != ',')
        opens--;
      while (opens < year_start && _mg_suggest_is_space (s[opens]))
        opens++;
      add_en_goal (text, opens, end, hits);
    }
}

static void
scan_en_paragraph (const MgSuggestText *text,
                   guint                start,
                   guint                end,
                   GArray              *hits)
{
  guint sentence = start;

  for (guint i = start; i <= end; i++)
    if (i == end || is_sentence_end (text, i, end))
      {
        while (sentence < i && _mg_suggest_is_space (text->chars[sentence]))
          sentence++;
        if (sentence < i)
          scan_en_sentence (text, sentence, i, hits);
        sentence = i + 1;
      }
}

void
_mg_suggest_scan_goals (const MgSuggestText *text,
                        GArray              *hits)
{
  const gunichar *s = text->chars;
  gboolean review_section = FALSE;
  guint i = 0;

  while (i < text->length)
    {
      guint start = i, end = i, body;

      while (end < text->length && s[end] != '\n')
        end++;
      i = end + 1;
      while (start < end && _mg_suggest_is_space (s[start]))
        start++;
      if (start == end)
        continue;
      if (is_latin_text (text, start, end))
        {
          scan_en_paragraph (text, start, end, hits);
          continue;
        }
      if (is_heading (text, start, end))
        {
          /* A numbered heading opens a section: a review of past work,
           * or what is to be done. */
          body = skip_numbering (text, start, end);
          if (body > start)
            review_section = contains_any (text, body, end, cjk_review_headings,
                                           G_N_ELEMENTS (cjk_review_headings));
          continue;
        }
      scan_cjk_paragraph (text, start, end, review_section, hits);
    }
}
