/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Marginalia"
#include "config.h"

#include <string.h>

#include "mg-suggest-private.h"

/* Policy goals: clauses that set a target (到2035年, 力争, 确保, 目标…;
 * "we will", "by 2027", "our goal"). The range is the clause holding the
 * trigger, grown over the next clauses while it is too short to say
 * anything or ends in a colon; in English, the sentence without a short
 * lead-in such as "First,". */

#define MIN_CJK_GOAL 12
#define MAX_GOAL     300

typedef enum
{
  TRIGGER_STRONG,   /* a target on its own */
  TRIGGER_WEAK,     /* needs a word of the future before it in the sentence */
} Strength;

typedef struct
{
  const char *text;
  Strength    strength;
  const char *reason;
} Trigger;

static const Trigger cjk_triggers[] = {
  { "力争", TRIGGER_STRONG, "commitment" },
  { "确保", TRIGGER_STRONG, "commitment" },
  { "争取", TRIGGER_STRONG, "commitment" },
  { "预期目标", TRIGGER_STRONG, "target sentence" },
  { "基本实现", TRIGGER_STRONG, "target sentence" },
  { "全面建成", TRIGGER_STRONG, "target sentence" },
  { "翻一番", TRIGGER_STRONG, "target sentence" },
  { "目标", TRIGGER_WEAK, "target sentence" },
  { "突破", TRIGGER_WEAK, "target sentence" },
  { "达到", TRIGGER_WEAK, "target sentence" },
  { "不少于", TRIGGER_WEAK, "target sentence" },
  { "不低于", TRIGGER_WEAK, "target sentence" },
  { "控制在", TRIGGER_WEAK, "target sentence" },
};

static const Trigger en_triggers[] = {
  { "we will", TRIGGER_STRONG, "commitment" },
  { "we shall", TRIGGER_STRONG, "commitment" },
  { "we are going to", TRIGGER_STRONG, "commitment" },
  { "i will", TRIGGER_STRONG, "commitment" },
  { "pledge to", TRIGGER_STRONG, "commitment" },
  { "commit to", TRIGGER_STRONG, "commitment" },
  { "our goal", TRIGGER_STRONG, "target sentence" },
  { "the goal", TRIGGER_STRONG, "target sentence" },
  { "goals", TRIGGER_STRONG, "target sentence" },
  { "target", TRIGGER_STRONG, "target sentence" },
  { "aim to", TRIGGER_STRONG, "target sentence" },
  { "by the end of", TRIGGER_WEAK, "target sentence" },
};

static const char * const cjk_future[] = {
  "将", "力争", "今年", "明年", "计划", "拟", "预期", "争取", "到20", "要",
};

static gboolean
is_sentence_end (const MgSuggestText *text,
                 guint                i)
{
  gunichar c = text->chars[i];

  if (c == '\n' || c == 0x3002 || c == 0xFF01 || c == 0xFF1F || c == 0xFF1B ||
      c == '!' || c == '?' || c == ';')
    return TRUE;
  /* A full stop, not a decimal point or an abbreviation inside a word. */
  return c == '.' && (i + 1 >= text->length || mg_suggest_is_space (text->chars[i + 1]) ||
                      text->chars[i + 1] == '\n' || text->chars[i + 1] == '"' ||
                      text->chars[i + 1] == 0x201D);
}

static gboolean
is_cjk_clause_end (gunichar c)
{
  return c == 0xFF0C || c == 0xFF1A || c == ',' || c == ':';
}

/* 到2035年, 到二〇三五年, "by 2027": the trigger's length, or 0. */
static guint
match_year (const MgSuggestText *text,
            guint                pos)
{
  const gunichar *s = text->chars;
  guint i;

  if (s[pos] == 0x5230 /* 到 */)
    {
      guint digits = 0;

      i = pos + 1;
      while (i < text->length && mg_suggest_is_space (s[i]))
        i++;
      while (i < text->length && (mg_suggest_digit_value (s[i]) >= 0 ||
                                  (s[i] == 0x3007 || s[i] == 0x4E8C || s[i] == 0x4E09 ||
                                   s[i] == 0x96F6 || s[i] == 0x4E00 || s[i] == 0x56DB ||
                                   s[i] == 0x4E94 || s[i] == 0x516D || s[i] == 0x4E03 ||
                                   s[i] == 0x516B || s[i] == 0x4E5D)))
        i++, digits++;
      while (i < text->length && mg_suggest_is_space (s[i]))
        i++;
      if (digits == 4 && i < text->length && s[i] == 0x5E74 /* 年 */)
        return i + 1 - pos;
      if (mg_suggest_match (text, pos, "到本世纪中叶", FALSE, &i))
        return i;
      return 0;
    }
  if ((s[pos] == 'b' || s[pos] == 'B') && mg_suggest_match (text, pos, "by ", TRUE, NULL) &&
      pos + 7 <= text->length && (pos == 0 || !mg_suggest_is_ascii_alpha (s[pos - 1])))
    {
      for (i = pos + 3; i < pos + 7; i++)
        if (mg_suggest_digit_value (s[i]) < 0)
          return 0;
      if ((s[pos + 3] == '1' || s[pos + 3] == '2') &&
          (pos + 7 == text->length || mg_suggest_digit_value (s[pos + 7]) < 0))
        return 7;
    }
  return 0;
}

static gboolean
has_future (const MgSuggestText *text,
            guint                from,
            guint                to)
{
  for (guint i = from; i < to; i++)
    for (guint f = 0; f < G_N_ELEMENTS (cjk_future); f++)
      if (mg_suggest_match (text, i, cjk_future[f], FALSE, NULL))
        {
          /* 要 of 主要, 重要, 需要, 必要 is no future. */
          if (text->chars[i] == 0x8981 && i > from &&
              (text->chars[i - 1] == 0x4E3B || text->chars[i - 1] == 0x91CD ||
               text->chars[i - 1] == 0x9700 || text->chars[i - 1] == 0x5FC5))
            continue;
          return TRUE;
        }
  return FALSE;
}

static gboolean
word_bounded (const MgSuggestText *text,
              guint                pos,
              guint                len)
{
  return (pos == 0 || !mg_suggest_is_ascii_alpha (text->chars[pos - 1])) &&
         (pos + len >= text->length || !mg_suggest_is_ascii_alpha (text->chars[pos + len]));
}

/* The trigger at @pos: its length and reason, or 0. */
static guint
match_trigger (const MgSuggestText *text,
               guint                pos,
               guint                sentence_start,
               const char         **reason)
{
  gunichar c = text->chars[pos];
  guint len;

  /* The first characters of the triggers. */
  switch (c)
    {
    case 0x5230: /* 到 */
    case 0x529B: /* 力 */
    case 0x786E: /* 确 */
    case 0x4E89: /* 争 */
    case 0x9884: /* 预 */
    case 0x57FA: /* 基 */
    case 0x5168: /* 全 */
    case 0x7FFB: /* 翻 */
    case 0x76EE: /* 目 */
    case 0x7A81: /* 突 */
    case 0x8FBE: /* 达 */
    case 0x4E0D: /* 不 */
    case 0x63A7: /* 控 */
    case 'w': case 'W': case 'i': case 'I': case 'p': case 'P': case 'c': case 'C':
    case 'o': case 'O': case 't': case 'T': case 'g': case 'G': case 'a': case 'A':
    case 'b': case 'B':
      break;
    default:
      return 0;
    }

  if ((len = match_year (text, pos)) > 0)
    {
      *reason = "target year";
      return len;
    }
  if (mg_suggest_is_han (c))
    {
      /* The 争取 of 斗争取得 is no commitment. */
      if (c == 0x4E89 /* 争 */ && pos > 0 &&
          (text->chars[pos - 1] == 0x6597 /* 斗 */ || text->chars[pos - 1] == 0x7ADE /* 竞 */))
        return 0;
      for (guint t = 0; t < G_N_ELEMENTS (cjk_triggers); t++)
        if (mg_suggest_match (text, pos, cjk_triggers[t].text, FALSE, &len) &&
            (cjk_triggers[t].strength == TRIGGER_STRONG || has_future (text, sentence_start, pos)))
          {
            *reason = cjk_triggers[t].reason;
            return len;
          }
      return 0;
    }
  if (mg_suggest_is_ascii_alpha (c))
    {
      for (guint t = 0; t < G_N_ELEMENTS (en_triggers); t++)
        if (mg_suggest_match (text, pos, en_triggers[t].text, TRUE, &len) &&
            word_bounded (text, pos, len))
          {
            *reason = en_triggers[t].reason;
            return len;
          }
    }
  return 0;
}

static void
add_cjk_goal (const MgSuggestText *text,
              guint                clause_start,
              guint                trigger_end,
              const char          *reason,
              GArray              *hits,
              guint               *resume)
{
  const gunichar *s = text->chars;
  MgSuggestHit hit = { MG_SUGGESTION_POLICY_GOAL, clause_start, trigger_end, reason };
  guint i = trigger_end;

  for (;;)
    {
      while (i < text->length && !is_sentence_end (text, i) && !is_cjk_clause_end (s[i]))
        i++;
      hit.end = i;
      if (i >= text->length || is_sentence_end (text, i) || hit.end - hit.start >= MAX_GOAL)
        break;
      if (hit.end - hit.start >= MIN_CJK_GOAL && s[i] != 0xFF1A && s[i] != ':')
        break;
      i++;
    }
  while (hit.end > hit.start && mg_suggest_is_space (s[hit.end - 1]))
    hit.end--;
  g_array_append_val (hits, hit);
  *resume = hit.end;
}

static void
add_en_goal (const MgSuggestText *text,
             guint                sentence_start,
             guint                trigger_start,
             guint                trigger_end,
             const char          *reason,
             GArray              *hits,
             guint               *resume)
{
  const gunichar *s = text->chars;
  MgSuggestHit hit = { MG_SUGGESTION_POLICY_GOAL, sentence_start, trigger_end, reason };
  guint words = 0;

  /* Drop a lead-in of up to three words ending in a comma: "First,". */
  for (guint i = sentence_start; i < trigger_start; i++)
    {
      if (s[i] == ' ')
        words++;
      if (words > 3)
        break;
      if (s[i] == ',')
        {
          hit.start = i + 1;
          break;
        }
    }
  while (hit.start < trigger_start && mg_suggest_is_space (s[hit.start]))
    hit.start++;
  hit.end = trigger_end;
  while (hit.end < text->length && !is_sentence_end (text, hit.end) &&
         hit.end - hit.start < MAX_GOAL)
    hit.end++;
  while (hit.end > hit.start && mg_suggest_is_space (s[hit.end - 1]))
    hit.end--;
  g_array_append_val (hits, hit);
  *resume = hit.end;
}

void
mg_suggest_scan_goals (const MgSuggestText *text,
                       GArray              *hits)
{
  const gunichar *s = text->chars;
  guint sentence_start = 0, clause_start = 0;
  guint i = 0;

  while (i < text->length)
    {
      const char *reason = NULL;
      guint len;

      if (is_sentence_end (text, i))
        {
          sentence_start = clause_start = i + 1;
          i++;
          continue;
        }
      if (is_cjk_clause_end (s[i]))
        {
          clause_start = i + 1;
          i++;
          continue;
        }
      if (mg_suggest_is_space (s[i]) || s[i] == 0x201D || s[i] == '"')
        {
          if (clause_start == i)
            clause_start++;
          if (sentence_start == i)
            sentence_start++;
          i++;
          continue;
        }
      len = match_trigger (text, i, sentence_start, &reason);
      if (len == 0)
        {
          i++;
          continue;
        }
      if (mg_suggest_is_ascii_alpha (s[i]) || (s[i] == 'b' && len == 7))
        add_en_goal (text, sentence_start, i, i + len, reason, hits, &i);
      else
        add_cjk_goal (text, clause_start, i + len, reason, hits, &i);
    }
}
