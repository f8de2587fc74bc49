/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Marginalia"
#include "config.h"

#include <string.h>

#include "mg-suggest-private.h"

/* Figures: a number (Arabic, full-width or Chinese numerals) with what
 * makes it a figure — a unit, a magnitude (万, 亿, million), a currency, a
 * percent sign — or a date. One forward pass; each candidate is parsed
 * from its first digit and the scan resumes after it. */

typedef enum
{
  UNIT_QUANTITY,
  UNIT_MONEY,
  UNIT_PERCENT,
} UnitClass;

typedef struct
{
  const char *text;
  UnitClass   klass;
} Unit;

/* Longest first where one is the start of another. */
static const Unit cjk_units[] = {
  { "个国家和地区", UNIT_QUANTITY },
  { "个百分点", UNIT_PERCENT }, { "百分点", UNIT_PERCENT },
  { "元人民币", UNIT_MONEY }, { "美元", UNIT_MONEY }, { "欧元", UNIT_MONEY },
  { "日元", UNIT_MONEY }, { "港元", UNIT_MONEY }, { "英镑", UNIT_MONEY },
  { "元", UNIT_MONEY },
  { "平方公里", UNIT_QUANTITY }, { "平方米", UNIT_QUANTITY }, { "立方米", UNIT_QUANTITY },
  { "千瓦时", UNIT_QUANTITY }, { "千瓦", UNIT_QUANTITY }, { "公里", UNIT_QUANTITY },
  { "千米", UNIT_QUANTITY }, { "公顷", UNIT_QUANTITY }, { "公斤", UNIT_QUANTITY },
  { "标准箱", UNIT_QUANTITY }, { "人次", UNIT_QUANTITY }, { "个月", UNIT_QUANTITY },
  { "小时", UNIT_QUANTITY }, { "周年", UNIT_QUANTITY },
  { "人", UNIT_QUANTITY }, { "户", UNIT_QUANTITY }, { "辆", UNIT_QUANTITY },
  { "吨", UNIT_QUANTITY }, { "斤", UNIT_QUANTITY }, { "米", UNIT_QUANTITY },
  { "亩", UNIT_QUANTITY }, { "家", UNIT_QUANTITY }, { "个", UNIT_QUANTITY },
  { "项", UNIT_QUANTITY }, { "倍", UNIT_QUANTITY }, { "件", UNIT_QUANTITY },
  { "部", UNIT_QUANTITY }, { "所", UNIT_QUANTITY }, { "座", UNIT_QUANTITY },
  { "名", UNIT_QUANTITY }, { "位", UNIT_QUANTITY }, { "条", UNIT_QUANTITY },
  { "台", UNIT_QUANTITY }, { "套", UNIT_QUANTITY }, { "批", UNIT_QUANTITY },
  { "次", UNIT_QUANTITY }, { "种", UNIT_QUANTITY }, { "处", UNIT_QUANTITY },
  { "岁", UNIT_QUANTITY }, { "天", UNIT_QUANTITY }, { "场", UNIT_QUANTITY },
  { "张", UNIT_QUANTITY }, { "份", UNIT_QUANTITY }, { "篇", UNIT_QUANTITY },
  { "颗", UNIT_QUANTITY }, { "艘", UNIT_QUANTITY }, { "架", UNIT_QUANTITY },
  { "栋", UNIT_QUANTITY }, { "枚", UNIT_QUANTITY }, { "头", UNIT_QUANTITY },
  { "年", UNIT_QUANTITY },
};

#define MAX_TITLE 100

static const char * const cjk_qualifiers[] = {
  "不少于", "不低于", "不超过", "超过", "多达", "将近", "不到", "约", "近", "逾",
};

static const char * const en_qualifiers[] = {
  "more than ", "less than ", "fewer than ", "at least ", "up to ",
  "about ", "nearly ", "almost ", "over ",
};

static const char * const en_magnitudes[] = {
  "million", "billion", "trillion", "thousand", "hundred",
};

static const char * const en_money[] = {
  "dollars", "yuan", "euros", "pounds",
};

static const char * const months[] = {
  "january", "february", "march", "april", "may", "june", "july",
  "august", "september", "october", "november", "december",
};

/* Plural-looking words that are not things counted. */
static const char * const en_not_units[] = {
  "was", "is", "has", "this", "its", "us", "as", "yes", "his", "hers",
  "ours", "yours", "theirs", "less", "unless", "thus", "plus", "across",
  "does", "always", "perhaps", "whereas", "towards", "afterwards", "besides",
};

typedef struct
{
  guint   start;        /* first digit */
  guint   end;          /* after the last digit */
  guint   n_digits;     /* in the integer part */
  guint64 value;        /* integer part, saturating */
  guint   grouped : 1;  /* 1,500 */
  guint   decimal : 1;  /* 4.4 */
} Number;

static gboolean
is_cjk_numeral (gunichar c)
{
  return (c == 0x96F6 /* 零 */ || c == 0x3007 /* 〇 */ || c == 0x4E00 /* 一 */ ||
          c == 0x4E8C /* 二 */ || c == 0x4E09 /* 三 */ || c == 0x56DB /* 四 */ ||
          c == 0x4E94 /* 五 */ || c == 0x516D /* 六 */ || c == 0x4E03 /* 七 */ ||
          c == 0x516B /* 八 */ || c == 0x4E5D /* 九 */ || c == 0x5341 /* 十 */ ||
          c == 0x767E /* 百 */ || c == 0x5343 /* 千 */ || c == 0x4E07 /* 万 */ ||
          c == 0x4EBF /* 亿 */ || c == 0x4E24 /* 两 */);
}

static gboolean
is_cjk_digit (gunichar c)
{
  return is_cjk_numeral (c) && c != 0x5341 && c != 0x767E && c != 0x5343 &&
         c != 0x4E07 && c != 0x4EBF && c != 0x4E24;
}

static gboolean
is_word_char (gunichar c)
{
  return _mg_suggest_is_ascii_alpha (c) || _mg_suggest_digit_value (c) >= 0 || c == '_';
}

static guint
skip_spaces (const MgSuggestText *text,
             guint                pos,
             guint                max)
{
  guint n = 0;

  while (pos < text->length && n < max && _mg_suggest_is_space (text->chars[pos]))
    pos++, n++;
  return pos;
}

/* Digits with 1,000 groups and a decimal part, from @pos. */
static gboolean
parse_number (const MgSuggestText *text,
              guint                pos,
              Number              *number)
{
  const gunichar *s = text->chars;
  guint i = pos;

  memset (number, 0, sizeof *number);
  number->start = pos;
  while (i < text->length)
    {
      int d = _mg_suggest_digit_value (s[i]);

      if (d >= 0)
        {
          number->value = number->value < G_GUINT64_CONSTANT (100000000000000)
                          ? number->value * 10 + (guint) d : number->value;
          number->n_digits++;
          i++;
        }
      else if (s[i] == ',' && number->n_digits > 0 && i + 3 < text->length &&
               _mg_suggest_digit_value (s[i + 1]) >= 0 &&
               _mg_suggest_digit_value (s[i + 2]) >= 0 &&
               _mg_suggest_digit_value (s[i + 3]) >= 0 &&
               (i + 4 >= text->length || _mg_suggest_digit_value (s[i + 4]) < 0))
        {
          number->grouped = TRUE;
          i++;
        }
      else
        break;
    }
  if (number->n_digits == 0)
    return FALSE;
  if (i + 1 < text->length && (s[i] == '.' || s[i] == 0xFF0E) &&
      _mg_suggest_digit_value (s[i + 1]) >= 0)
    {
      number->decimal = TRUE;
      i++;
      while (i < text->length && _mg_suggest_digit_value (s[i]) >= 0)
        i++;
    }
  number->end = i;
  return TRUE;
}

static gboolean
match_cjk_unit (const MgSuggestText *text,
                guint                pos,
                guint               *len,
                UnitClass           *klass,
                const char         **unit)
{
  for (guint i = 0; i < G_N_ELEMENTS (cjk_units); i++)
    if (_mg_suggest_match (text, pos, cjk_units[i].text, FALSE, len))
      {
        *klass = cjk_units[i].klass;
        *unit = cjk_units[i].text;
        return TRUE;
      }
  return FALSE;
}

/* The ASCII word at @pos (lower-cased, at most 15 letters) into @word;
 * its length, or 0. */
static guint
read_word (const MgSuggestText *text,
           guint                pos,
           char                 word[16])
{
  guint n = 0;

  while (pos + n < text->length && _mg_suggest_is_ascii_alpha (text->chars[pos + n]))
    {
      if (n < 15)
        word[n] = (char) g_ascii_tolower ((char) text->chars[pos + n]);
      n++;
    }
  word[MIN (n, 15)] = '\0';
  return n < 16 ? n : 0;
}

static gboolean
in_list (const char         *word,
         const char * const *list,
         guint               n)
{
  for (guint i = 0; i < n; i++)
    if (strcmp (word, list[i]) == 0)
      return TRUE;
  return FALSE;
}

static int
month_index (const char *word)
{
  for (guint i = 0; i < G_N_ELEMENTS (months); i++)
    if (strcmp (word, months[i]) == 0)
      return (int) i;
  return -1;
}

static gboolean
is_year (const Number *n)
{
  return n->n_digits == 4 && !n->grouped && !n->decimal && n->value >= 1000 && n->value <= 2999;
}

/* Extends @start back over a qualifier such as 约 or "more than". */
static guint
take_qualifier (const MgSuggestText *text,
                guint                start)
{
  guint before = start;

  while (before > 0 && start - before < 1 && _mg_suggest_is_space (text->chars[before - 1]))
    before--;
  for (guint i = 0; i < G_N_ELEMENTS (cjk_qualifiers); i++)
    {
      guint len = (guint) g_utf8_strlen (cjk_qualifiers[i], -1);

      if (before >= len && _mg_suggest_match (text, before - len, cjk_qualifiers[i], FALSE, NULL))
        return before - len;
    }
  for (guint i = 0; i < G_N_ELEMENTS (en_qualifiers); i++)
    {
      guint len = (guint) strlen (en_qualifiers[i]);

      if (start >= len && _mg_suggest_match (text, start - len, en_qualifiers[i], TRUE, NULL) &&
          (start == len || !_mg_suggest_is_ascii_alpha (text->chars[start - len - 1])))
        return start - len;
    }
  return start;
}

/* "3月12日" after a year, or on its own from @pos: the end, or @pos. */
static guint
parse_month_day (const MgSuggestText *text,
                 guint                pos)
{
  Number month, day;
  guint i = skip_spaces (text, pos, 1);

  if (!parse_number (text, i, &month) || month.decimal || month.value < 1 || month.value > 12)
    return pos;
  i = skip_spaces (text, month.end, 1);
  if (i >= text->length || text->chars[i] != 0x6708 /* 月 */)
    return pos;
  pos = i + 1;
  i = skip_spaces (text, pos, 1);
  if (parse_number (text, i, &day) && !day.decimal && day.value >= 1 && day.value <= 31)
    {
      i = skip_spaces (text, day.end, 1);
      if (i < text->length && (text->chars[i] == 0x65E5 /* 日 */ || text->chars[i] == 0x53F7 /* 号 */))
        pos = i + 1;
    }
  return pos;
}

static void
add_hit (GArray     *hits,
         guint       start,
         guint       end,
         const char *reason)
{
  MgSuggestHit hit = { MG_SUGGESTION_FIGURE, start, end, reason };

  g_array_append_val (hits, hit);
}

/* An English word after the number: a unit, a magnitude, a month. */
static guint
english_tail (const MgSuggestText *text,
              const Number        *n,
              guint                pos,
              gboolean             money,
              const char         **reason)
{
  char word[16];
  guint i = pos, len;

  if (i < text->length && text->chars[i] == ' ')
    i++;
  len = read_word (text, i, word);
  if (len == 0)
    return pos;
  if (strcmp (word, "percent") == 0)
    {
      *reason = "percentage";
      return i + len;
    }
  if (strcmp (word, "per") == 0 && _mg_suggest_match (text, i, "per cent", TRUE, &len))
    {
      *reason = "percentage";
      return i + len;
    }
  if (in_list (word, en_magnitudes, G_N_ELEMENTS (en_magnitudes)))
    {
      guint end = i + len;

      *reason = money ? "money" : "quantity";
      if (end + 1 < text->length && text->chars[end] == ' ')
        {
          char next[16];
          guint next_len = read_word (text, end + 1, next);

          if (next_len > 0 && in_list (next, en_money, G_N_ELEMENTS (en_money)))
            {
              *reason = "money";
              return end + 1 + next_len;
            }
        }
      return end;
    }
  if (in_list (word, en_money, G_N_ELEMENTS (en_money)))
    {
      *reason = "money";
      return i + len;
    }
  if (!n->decimal && !n->grouped && n->value >= 1 && n->value <= 31 && month_index (word) >= 0 &&
      _mg_suggest_is_ascii_alpha (text->chars[i]) && text->chars[i] < 'a')
    {
      /* 4 February 2025 */
      guint end = i + len;
      Number year;

      *reason = "date";
      if (end + 1 < text->length && text->chars[end] == ' ' &&
          parse_number (text, end + 1, &year) && is_year (&year) &&
          (year.end >= text->length || !is_word_char (text->chars[year.end])))
        end = year.end;
      return end;
    }
  if (!money && len >= 3 && word[len - 1] == 's' && _mg_suggest_is_ascii_alpha (text->chars[i]) &&
      text->chars[i] >= 'a' && !in_list (word, en_not_units, G_N_ELEMENTS (en_not_units)) &&
      (i + len >= text->length || !is_word_char (text->chars[i + len])))
    {
      *reason = "quantity";
      return i + len;
    }
  if (!money && (strcmp (word, "people") == 0 || strcmp (word, "children") == 0 ||
                 strcmp (word, "men") == 0 || strcmp (word, "women") == 0))
    {
      *reason = "quantity";
      return i + len;
    }
  return pos;
}

/* A figure starting with Arabic digits (or a currency sign) at @pos.
 * Returns where the scan goes on. */
static guint
scan_arabic (const MgSuggestText *text,
             guint                pos,
             guint                paragraph_start,
             GArray              *hits)
{
  const gunichar *s = text->chars;
  gboolean money = FALSE;
  const char *reason = NULL;
  Number n;
  guint start = pos, end, i;

  if (_mg_suggest_digit_value (s[pos]) < 0)
    {
      money = TRUE;
      pos++;
    }
  if (!parse_number (text, pos, &n))
    return pos;
  end = n.end;

  /* A number alone in quotes is a name: “1915”工程. */
  if (start > 0 && (s[start - 1] == 0x201C || s[start - 1] == '"') && end < text->length &&
      (s[end] == 0x201D || s[end] == '"'))
    return end;
  /* "50-year low": the number and its unit. */
  if (end + 1 < text->length && s[end] == '-' && _mg_suggest_is_ascii_alpha (s[end + 1]))
    {
      char word[16];
      guint len = read_word (text, end + 1, word);

      if (len > 0 && (strcmp (word, "year") == 0 || strcmp (word, "month") == 0 ||
                      strcmp (word, "day") == 0 || strcmp (word, "mile") == 0 ||
                      strcmp (word, "hour") == 0 || strcmp (word, "percent") == 0 ||
                      strcmp (word, "point") == 0 || strcmp (word, "week") == 0))
        {
          add_hit (hits, start, end + 1 + len, "quantity");
          return end + 1 + len;
        }
    }
  /* Codes: 25-014, 0571-8888. */
  if (end + 1 < text->length && (s[end] == '-' || s[end] == '/') &&
      _mg_suggest_digit_value (s[end + 1]) >= 0 && !(is_year (&n) && s[end] == '-'))
    {
      while (end < text->length && (_mg_suggest_digit_value (s[end]) >= 0 || s[end] == '-' ||
                                    s[end] == '/' || is_word_char (s[end])))
        end++;
      return end;
    }

  /* Glued to letters: 5G, 1940s, 2nd. */
  if (end < text->length && is_word_char (s[end]))
    {
      while (end < text->length && is_word_char (s[end]))
        end++;
      return end;
    }
  /* Times of day (10:32) are not figures. */
  if (end + 1 < text->length && s[end] == ':' && _mg_suggest_digit_value (s[end + 1]) >= 0)
    {
      end++;
      while (end < text->length && (_mg_suggest_digit_value (s[end]) >= 0 || s[end] == ':'))
        end++;
      return end;
    }
  /* 2021-11-03 */
  if (is_year (&n) && end + 2 < text->length && s[end] == '-')
    {
      Number month, day;

      if (parse_number (text, end + 1, &month) && month.n_digits <= 2 && month.value >= 1 &&
          month.value <= 12 && month.end + 1 < text->length && s[month.end] == '-' &&
          parse_number (text, month.end + 1, &day) && day.n_digits <= 2 && day.value >= 1 &&
          day.value <= 31)
        {
          guint t = skip_spaces (text, day.end, 2);

          /* A page's timestamp, 2021-11-03 10:32:35, is no figure. */
          if (t + 2 < text->length && t > day.end && _mg_suggest_digit_value (s[t]) >= 0 &&
              (s[t + 1] == ':' || s[t + 2] == ':'))
            {
              while (t < text->length && (_mg_suggest_digit_value (s[t]) >= 0 || s[t] == ':'))
                t++;
              return t;
            }
          add_hit (hits, start, day.end, "date");
          return day.end;
        }
    }

  i = skip_spaces (text, end, 2);
  if (i < text->length && (s[i] == '%' || s[i] == 0xFF05 || s[i] == 0x2030))
    {
      end = i + 1;
      reason = "percentage";
    }
  else if (i < text->length && s[i] == 0x5E74 /* 年 */ && is_year (&n))
    {
      end = parse_month_day (text, i + 1);
      reason = "date";
    }
  else if (i < text->length && s[i] == 0x6708 /* 月 */ && !n.decimal && n.value >= 1 && n.value <= 12)
    {
      end = parse_month_day (text, start);
      reason = "date";
    }
  else if (i < text->length && s[i] == 0x65E5 /* 日 */ && !n.decimal && n.value >= 1 && n.value <= 31)
    {
      end = i + 1;
      reason = "date";
    }
  else if (i < text->length && !_mg_suggest_is_ascii_alpha (s[i]))
    {
      guint k = i, len;
      gboolean magnitude = FALSE;
      UnitClass klass;
      const char *unit;

      while (k < text->length && (s[k] == 0x4E07 /* 万 */ || s[k] == 0x4EBF /* 亿 */ ||
                                  s[k] == 0x5343 /* 千 */ || s[k] == 0x591A /* 多 */ ||
                                  s[k] == 0x4F59 /* 余 */))
        {
          /* 千瓦, 千米 are units. */
          if (match_cjk_unit (text, k, &len, &klass, &unit))
            break;
          magnitude = magnitude || s[k] == 0x4E07 || s[k] == 0x4EBF || s[k] == 0x5343;
          k++;
        }
      if (k > i)
        k = skip_spaces (text, k, 1);
      if (match_cjk_unit (text, k, &len, &klass, &unit))
        {
          end = k + len;
          reason = klass == UNIT_MONEY ? "money" : klass == UNIT_PERCENT ? "percentage" : "quantity";
          if (money)
            reason = "money";
        }
      else if (magnitude)
        {
          end = k;
          while (end > i && _mg_suggest_is_space (s[end - 1]))
            end--;
          reason = money ? "money" : "quantity";
        }
    }
  if (reason == NULL)
    {
      guint tail = english_tail (text, &n, end, money, &reason);

      if (reason != NULL)
        end = tail;
    }
  if (reason == NULL)
    {
      if (money)
        reason = "money";
      else if (is_year (&n))
        reason = "date";
      else if ((n.n_digits >= 2 || n.grouped || n.decimal) && start > paragraph_start &&
               !(i < text->length && _mg_suggest_is_han (s[i]) && !n.decimal) &&
               !(end < text->length && s[end] == 0x7248 /* 版: 3.0版, a version */) &&
               !(end < text->length && (s[end] == 0x3001 /* 、 */ || s[end] == ')' ||
                                        s[end] == 0xFF09 || s[end] == 0xFF0E ||
                                        (s[end] == '.' && (end + 1 >= text->length ||
                                                           s[end + 1] == ' ' || s[end + 1] == '\n') &&
                                         start == paragraph_start))))
        reason = "number";
      else
        return end;
    }

  /* 左右 and 以上 belong to a figure given as a target. */
  if (reason != NULL && g_strcmp0 (reason, "date") != 0)
    {
      guint len;

      if (_mg_suggest_match (text, end, "左右", FALSE, &len) ||
          _mg_suggest_match (text, end, "以上", FALSE, &len) ||
          _mg_suggest_match (text, end, "以内", FALSE, &len))
        end += len;
    }
  add_hit (hits, take_qualifier (text, start), end, reason);
  return end;
}

/* 百, 千, 万 or 亿 among the numerals [start, end): more than a small count. */
static gboolean
magnitude_big (const gunichar *s,
               guint           start,
               guint           end)
{
  for (guint i = start; i < end; i++)
    if (s[i] == 0x767E || s[i] == 0x5343 || s[i] == 0x4E07 || s[i] == 0x4EBF)
      return TRUE;
  return FALSE;
}

/* Units that measure rather than classify: 十五人 is a figure, 十五张牌
 * is a word. */
static gboolean
is_measure (const char *unit)
{
  static const char * const measures[] = {
    "人", "户", "吨", "斤", "米", "亩", "公里", "千米", "平方公里", "平方米", "立方米",
    "千瓦", "千瓦时", "公顷", "公斤", "标准箱", "人次", "个月", "小时", "周年", "岁",
    "天", "倍", "家", "个国家和地区",
  };

  for (guint m = 0; m < G_N_ELEMENTS (measures); m++)
    if (strcmp (unit, measures[m]) == 0)
      return TRUE;
  return FALSE;
}

/* 左右, 以上 and 以内 belong to a figure given as a target. */
static guint
take_bound (const MgSuggestText *text,
            guint                end)
{
  guint len;

  if (_mg_suggest_match (text, end, "左右", FALSE, &len) ||
      _mg_suggest_match (text, end, "以上", FALSE, &len) ||
      _mg_suggest_match (text, end, "以内", FALSE, &len))
    return end + len;
  return end;
}

/* Words that 成 opens (成为, 成果…): 三成 before them is no share. */
static gboolean
is_cheng_word (gunichar next)
{
  static const char *nexts = "为果效绩本立功熟员就交长型都品批片套色分";

  return g_utf8_strchr (nexts, -1, next) != NULL;
}

/* Shares in words: 过半, 近半, 一半, 半数, 翻一番, 翻了一番多. Returns the
 * end of the figure added, or @pos. */
static guint
scan_share_words (const MgSuggestText *text,
                  guint                pos,
                  GArray              *hits)
{
  static const char * const words[] = {
    "过半数", "过半", "近半数", "近半", "一半", "半数", "翻了一番多", "翻了一番", "翻一番多",
    "翻一番", "翻两番", "翻了两番", "翻番",
  };
  guint len;

  for (guint w = 0; w < G_N_ELEMENTS (words); w++)
    if (_mg_suggest_match (text, pos, words[w], FALSE, &len))
      {
        /* 一半 of 另一半, 一半天 is no share. */
        if (w == 4 && pos > 0 && text->chars[pos - 1] == 0x53E6 /* 另 */)
          return pos;
        add_hit (hits, take_qualifier (text, pos), take_bound (text, pos + len), "fraction");
        return pos + len;
      }
  return pos;
}

/* A figure in Chinese numerals at @pos: 二〇三五年, 五千亿元, 七十五周年,
 * 百分之三, 三分之一, 六成. Returns where the scan goes on. */
static guint
scan_chinese (const MgSuggestText *text,
              guint                pos,
              GArray              *hits)
{
  const gunichar *s = text->chars;
  guint i = pos, len, k;
  gboolean magnitude = FALSE, all_digits = TRUE, any_digit = FALSE;
  UnitClass klass;
  const char *unit;

  if (_mg_suggest_match (text, pos, "百分之", FALSE, &len) && pos + len < text->length &&
      (is_cjk_numeral (s[pos + len]) || _mg_suggest_digit_value (s[pos + len]) >= 0))
    {
      i = pos + len;
      while (i < text->length && (is_cjk_numeral (s[i]) || _mg_suggest_digit_value (s[i]) >= 0 ||
                                  s[i] == 0x70B9 /* 点 */ || s[i] == '.'))
        i++;
      add_hit (hits, take_qualifier (text, pos), take_bound (text, i), "percentage");
      return i;
    }
  if (s[pos] == 0x4E00 /* 一 */ && pos + 1 < text->length && s[pos + 1] == 0x534A /* 半 */)
    return MAX (scan_share_words (text, pos, hits), pos + 1);

  while (i < text->length && is_cjk_numeral (s[i]))
    {
      if (!is_cjk_digit (s[i]))
        magnitude = TRUE, all_digits = FALSE;
      if (is_cjk_digit (s[i]) || s[i] == 0x4E24 /* 两 */ || s[i] == 0x5341 /* 十 */)
        any_digit = TRUE;
      i++;
    }
  /* 千百, 亿万, 百万: words, not numbers. */
  if (!any_digit)
    return i;
  /* Ordinals: 第一, 第十四. */
  if (pos > 0 && s[pos - 1] == 0x7B2C /* 第 */)
    return i;
  /* 三分之一, 五分之二. */
  if (_mg_suggest_match (text, i, "分之", FALSE, &len) && i + len < text->length &&
      is_cjk_numeral (s[i + len]))
    {
      k = i + len;
      while (k < text->length && is_cjk_numeral (s[k]))
        k++;
      add_hit (hits, take_qualifier (text, pos), take_bound (text, k), "fraction");
      return k;
    }
  /* 六成, 近三成以上: tenths, not 一成不变 nor 三成为. */
  if (i - pos == 1 && i < text->length && s[i] == 0x6210 /* 成 */ && s[pos] != 0x96F6 &&
      s[pos] != 0x3007 && !(s[pos] == 0x4E00 && i + 1 < text->length && s[i + 1] == 0x4E0D) &&
      (i + 1 >= text->length || !is_cheng_word (s[i + 1])))
    {
      add_hit (hits, take_qualifier (text, pos), take_bound (text, i + 1), "fraction");
      return i + 1;
    }

  if (all_digits && i - pos == 4 && i < text->length && s[i] == 0x5E74 /* 年 */)
    {
      guint end = i + 1;

      /* 二〇二一年三月五日 */
      k = end;
      while (k < text->length && k - end < 2 && is_cjk_numeral (s[k]))
        k++;
      if (k > end && k < text->length && s[k] == 0x6708 /* 月 */)
        {
          guint d = ++k;

          end = k;
          while (k < text->length && k - d < 3 && is_cjk_numeral (s[k]))
            k++;
          if (k > d && k < text->length && (s[k] == 0x65E5 || s[k] == 0x53F7))
            end = k + 1;
        }
      add_hit (hits, pos, end, "date");
      return end;
    }

  k = i;
  while (k < text->length && (s[k] == 0x591A /* 多 */ || s[k] == 0x4F59 /* 余 */))
    k++;
  k = skip_spaces (text, k, 1);
  if (!match_cjk_unit (text, k, &len, &klass, &unit))
    return i;
  if (strcmp (unit, "年") == 0)
    {
      /* 五年, 连续八年: a count of years (not 一年, nor 五年行动, 三年规划). */
      if (k > i || (i - pos == 1 && s[pos] == 0x4E00) || magnitude_big (s, pos, i) ||
          _mg_suggest_match (text, k + len, "行动", FALSE, NULL) ||
          _mg_suggest_match (text, k + len, "规划", FALSE, NULL) ||
          _mg_suggest_match (text, k + len, "计划", FALSE, NULL) ||
          _mg_suggest_match (text, k + len, "级", FALSE, NULL))
        return i;
    }
  else if (klass == UNIT_QUANTITY &&
           (i - pos < 2 || !magnitude || (!magnitude_big (s, pos, i) && !is_measure (unit))))
    return i;
  add_hit (hits, take_qualifier (text, pos), take_bound (text, k + len),
           klass == UNIT_MONEY ? "money" : klass == UNIT_PERCENT ? "percentage" : "quantity");
  return k + len;
}

/* "February 4, 2025", "March 2025" from the month name at @pos. */
static guint
scan_month_first (const MgSuggestText *text,
                  guint                pos,
                  guint                len,
                  GArray              *hits)
{
  Number day, year;
  guint i = pos + len;

  if (i + 1 >= text->length || text->chars[i] != ' ')
    return i;
  if (!parse_number (text, i + 1, &day) || day.decimal || day.grouped)
    return i;
  if (is_year (&day))
    {
      add_hit (hits, pos, day.end, "date");
      return day.end;
    }
  if (day.value < 1 || day.value > 31 || (day.end < text->length && is_word_char (text->chars[day.end])))
    return i;
  i = day.end;
  if (i + 2 < text->length && text->chars[i] == ',' && text->chars[i + 1] == ' ' &&
      parse_number (text, i + 2, &year) && is_year (&year) &&
      (year.end >= text->length || !is_word_char (text->chars[year.end])))
    i = year.end;
  add_hit (hits, pos, i, "date");
  return i;
}

/* English numbers in words. */
static const char * const en_numbers[] = {
  "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
  "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen",
  "eighteen", "nineteen", "twenty", "thirty", "forty", "fifty", "sixty", "seventy",
  "eighty", "ninety", "hundred", "thousand", "million", "billion", "trillion", "dozen",
};

static const char * const en_fractions[] = {
  "half", "halves", "third", "thirds", "quarter", "quarters", "fifth", "fifths",
  "tenth", "tenths",
};

/* Small words that do not make a count a figure: "two of", "three more". */
static const char * const en_function_words[] = {
  "of", "and", "or", "to", "in", "on", "at", "for", "by", "the", "a", "an", "more",
  "times", "others", "ways", "sides", "things", "is", "was", "are", "were", "has",
};

/* A run of number words from @pos ("fifty-five", "one hundred"): its end,
 * or @pos; @only_one tells a lone "one". */
static guint
read_number_words (const MgSuggestText *text,
                   guint                pos,
                   gboolean            *only_one)
{
  guint i = pos, n = 0;
  char word[16];

  *only_one = FALSE;
  for (;;)
    {
      guint len = read_word (text, i, word);

      if (len == 0 || !in_list (word, en_numbers, G_N_ELEMENTS (en_numbers)))
        break;
      *only_one = n == 0 && strcmp (word, "one") == 0;
      n++;
      i += len;
      if (i + 1 < text->length && (text->chars[i] == '-' || text->chars[i] == ' ') &&
          _mg_suggest_is_ascii_alpha (text->chars[i + 1]))
        {
          char next[16];
          guint next_len = read_word (text, i + 1, next);

          if (next_len > 0 && in_list (next, en_numbers, G_N_ELEMENTS (en_numbers)))
            {
              i++;
              continue;
            }
        }
      break;
    }
  if (n > 1)
    *only_one = FALSE;
  return n > 0 ? i : pos;
}

/* Spelled-out English figures at the word @pos: "four big questions",
 * "ten years", "two-thirds", "a third of", "nearly half", "one in ten",
 * "four out of five", "one hundred percent". Returns the end of the figure
 * added, or @pos. */
static guint
scan_english_words (const MgSuggestText *text,
                    guint                pos,
                    GArray              *hits)
{
  const gunichar *s = text->chars;
  char word[16];
  guint len = read_word (text, pos, word);
  guint end, i, start = pos;
  gboolean only_one;

  if (len == 0)
    return pos;

  /* half: "half of", "nearly half", "a half"; not "in half". */
  if (strcmp (word, "half") == 0)
    {
      guint q = take_qualifier (text, pos);
      gboolean article = pos >= 2 && (_mg_suggest_match (text, pos - 2, "a ", TRUE, NULL) ||
                                      (pos >= 4 && _mg_suggest_match (text, pos - 4, "one ", TRUE, NULL)));

      if (q < pos || article || _mg_suggest_match (text, pos + len, " of ", TRUE, NULL))
        {
          add_hit (hits, q < pos ? q : (article ? pos - (s[pos - 2] == ' ' ? 4 : 2) : pos),
                   pos + len, "fraction");
          return pos + len;
        }
      return pos;
    }
  /* "a third of", "a quarter of". */
  if ((strcmp (word, "a") == 0 || strcmp (word, "one") == 0) && pos + len + 1 < text->length &&
      s[pos + len] == ' ')
    {
      char next[16];
      guint next_len = read_word (text, pos + len + 1, next);

      if (next_len > 0 && in_list (next, en_fractions, G_N_ELEMENTS (en_fractions)) &&
          strcmp (next, "half") != 0 &&
          _mg_suggest_match (text, pos + len + 1 + next_len, " of ", TRUE, NULL))
        {
          end = pos + len + 1 + next_len;
          add_hit (hits, take_qualifier (text, pos), end, "fraction");
          return end;
        }
    }

  end = read_number_words (text, pos, &only_one);
  if (end == pos)
    return pos;
  /* Inside a name or a word: "Fifty-Fifty", "one-sided". */
  if (end < text->length && s[end] == '-' && end + 1 < text->length &&
      _mg_suggest_is_ascii_alpha (s[end + 1]))
    {
      char next[16];
      guint next_len = read_word (text, end + 1, next);

      if (next_len > 0 && in_list (next, en_fractions, G_N_ELEMENTS (en_fractions)) && !only_one)
        {
          /* two-thirds */
          add_hit (hits, take_qualifier (text, start), end + 1 + next_len, "fraction");
          return end + 1 + next_len;
        }
      return pos;
    }
  i = end;
  if (i + 1 >= text->length || s[i] != ' ')
    return end;
  i++;
  len = read_word (text, i, word);
  if (len == 0)
    {
      return end;
    }
  if (strcmp (word, "percent") == 0 || _mg_suggest_match (text, i, "per cent", TRUE, &len))
    {
      add_hit (hits, take_qualifier (text, start), i + len, "percentage");
      return i + len;
    }
  /* one in ten, four out of five */
  if (strcmp (word, "in") == 0 || (strcmp (word, "out") == 0 && _mg_suggest_match (text, i, "out of ", TRUE, &len)))
    {
      guint k = i + len + (strcmp (word, "in") == 0 ? 1 : 0), k_end;
      gboolean one;

      k_end = read_number_words (text, k, &one);
      if (k_end > k && !one)
        {
          add_hit (hits, take_qualifier (text, start), k_end, "fraction");
          return k_end;
        }
      return end;
    }
  if (in_list (word, en_fractions, G_N_ELEMENTS (en_fractions)) && !only_one)
    {
      add_hit (hits, take_qualifier (text, start), i + len, "fraction");
      return i + len;
    }
  if (only_one)
    return end;
  /* "Fifty-five of the largest companies". */
  if (strcmp (word, "of") == 0 && _mg_suggest_match (text, i, "of the ", TRUE, NULL) &&
      text->chars[start] >= 'A' && text->chars[start] <= 'Z')
    {
      add_hit (hits, start, end, "quantity");
      return end;
    }
  /* Up to two lower-case words, then a plural noun. */
  for (guint w = 0; w < 3; w++)
    {
      if (len == 0 || s[i] < 'a' || in_list (word, en_function_words, G_N_ELEMENTS (en_function_words)))
        return end;
      if (len >= 3 && word[len - 1] == 's' && word[len - 2] != 's' &&
          !in_list (word, en_not_units, G_N_ELEMENTS (en_not_units)))
        {
          add_hit (hits, take_qualifier (text, start), i + len, "quantity");
          return i + len;
        }
      if (strcmp (word, "people") == 0 || strcmp (word, "children") == 0)
        {
          add_hit (hits, take_qualifier (text, start), i + len, "quantity");
          return i + len;
        }
      if (i + len + 1 >= text->length || s[i + len] != ' ')
        return end;
      i += len + 1;
      len = read_word (text, i, word);
    }
  return end;
}

/* A line that only says where and when the text was published. */
static gboolean
is_publication_line (const MgSuggestText *text,
                     guint                start,
                     guint                end)
{
  static const char * const markers[] = {
    "发布时间", "发布日期", "来源：", "来源:", "浏览次数", "责任编辑", "编辑：", "点击：",
    "Posted on", "Published on", "Published:", "Updated on", "Last updated", "Press release",
  };

  for (guint i = start; i < end && i < start + 200; i++)
    for (guint m = 0; m < G_N_ELEMENTS (markers); m++)
      if (_mg_suggest_match (text, i, markers[m], FALSE, NULL))
        return TRUE;
  return FALSE;
}

/* Whether @pos lies inside a title 《…》, which may run over a few lines:
 * a number there is part of a name (《…2035年远景目标纲要》). */
static gboolean
in_title (const MgSuggestText *text,
          guint                pos)
{
  for (guint i = pos; i > 0 && pos - i < MAX_TITLE; i--)
    {
      gunichar c = text->chars[i - 1];

      if (c == 0x300B /* 》 */ || c == 0x3002 || c == 0xFF01 || c == 0xFF1F)
        return FALSE;
      if (c == 0x300A /* 《 */)
        {
          for (guint k = pos; k < text->length && k - i < MAX_TITLE; k++)
            {
              if (text->chars[k] == 0x300B)
                return TRUE;
              if (text->chars[k] == 0x300A || text->chars[k] == 0x3002)
                return FALSE;
            }
          return FALSE;
        }
    }
  return FALSE;
}

void
_mg_suggest_scan_figures (const MgSuggestText *text,
                          GArray              *hits)
{
  const gunichar *s = text->chars;
  guint paragraph_start = 0;
  guint i = 0;
  gboolean started = FALSE;
  guint first_hit = hits->len;

  while (i < text->length)
    {
      gunichar c = s[i];

      if (c == '\n' || (i == 0 && !started))
        {
          guint line_end;

          started = TRUE;
          if (c == '\n')
            i++;
          paragraph_start = i;
          while (paragraph_start < text->length && _mg_suggest_is_space (s[paragraph_start]))
            paragraph_start++;
          line_end = paragraph_start;
          while (line_end < text->length && s[line_end] != '\n')
            line_end++;
          if (is_publication_line (text, paragraph_start, line_end))
            i = line_end;
          continue;
        }
      if (c == 0x8FC7 /* 过 */ || c == 0x8FD1 /* 近 */ || c == 0x534A /* 半 */ || c == 0x7FFB /* 翻 */)
        {
          guint next = scan_share_words (text, i, hits);

          i = MAX (next, i + 1);
          continue;
        }
      if (_mg_suggest_digit_value (c) >= 0 ||
          ((c == '$' || c == 0x00A3 || c == 0x20AC || c == 0x00A5 || c == 0xFFE5) &&
           i + 1 < text->length && _mg_suggest_digit_value (s[i + 1]) >= 0))
        {
          guint next = scan_arabic (text, i, paragraph_start, hits);

          i = MAX (next, i + 1);
          continue;
        }
      if (is_cjk_numeral (c))
        {
          guint next = scan_chinese (text, i, hits);

          i = MAX (next, i + 1);
          continue;
        }
      if (_mg_suggest_is_ascii_alpha (c))
        {
          guint start = i;
          char word[16];
          guint len = read_word (text, i, word);

          if (len > 0 && c < 'a' && month_index (word) >= 0 &&
              (start == 0 || !is_word_char (s[start - 1])))
            {
              i = scan_month_first (text, start, len, hits);
              continue;
            }
          if (len > 0 && (start == 0 || !is_word_char (s[start - 1])))
            {
              guint next = scan_english_words (text, start, hits);

              if (next > start)
                {
                  i = next;
                  continue;
                }
            }
          /* Skip the whole word, digits included: G20, PM2.5, COVID-19. */
          while (i < text->length &&
                 (is_word_char (s[i]) ||
                  ((s[i] == '-' || s[i] == '.') && i + 1 < text->length &&
                   _mg_suggest_digit_value (s[i + 1]) >= 0 && i > start &&
                   is_word_char (s[i - 1]))))
            i++;
          continue;
        }
      i++;
    }

  for (guint h = hits->len; h > first_hit; h--)
    if (in_title (text, g_array_index (hits, MgSuggestHit, h - 1).start))
      g_array_remove_index (hits, h - 1);
}
