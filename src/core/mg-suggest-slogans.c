/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Marginalia"
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "mg-general-vocabulary.h"
#include "mg-suggest-private.h"

/* Slogans are fixed formulas (see tests/data/suggest-gold/GUIDELINES.md),
 * recognised by their form, never by frequency alone:
 *  - quoted coinages: a short phrase in “…” (not a title in 《》, not
 *    reported speech: 说：“…”, a quote holding a comma or a full stop;
 *    not a name, “远航”号, “山海”班列, nor a character spoken of, “实”字,
 *    “闯”; not two characters quoted once, “虹吸”, unless numbered,
 *    “双减”; not a role named in irony, 当起了“甩手掌柜”);
 *    each of its other occurrences is a slogan too (a refrain);
 *  - numbered formulas: 十四五, 十五五 (十 + numeral + 五), and the known
 *    formulas below (两个一百年, 三保, 四个意识…);
 *  - known formulas: those below, and the phrases of the slogan tag's
 *    lexicon, which a study group keeps;
 *  - paired and parallel formulas: items of two to eight Han characters
 *    joined by 、 that echo one another (稳中求进、以进促稳;
 *    不想为、不敢为、不会为; 能上能下、能进能出);
 *  - antitheses that turn a clause round, in either language
 *    (江山就是人民，人民就是江山; "ask not what your country can do for
 *    you--ask what you can do for your country");
 *  - campaigns named after the country when built or advanced
 *    (建设数字中国, 推进健康中国建设);
 *  - English refrains: a clause ending or a clause opening of three words
 *    or more that the speech repeats ("the state of our union is strong",
 *    "Let both sides").
 * Ordinary vocabulary is no formula: a quoted phrase, or a run of paired
 * items, that the general vocabulary holds (words and Han n-grams frequent
 * in ordinary prose, see build-aux/gen-vocabulary.py) is left alone, and a
 * refrain needs words outside it or outside the function words. */

#define MAX_CJK_QUOTE     16
#define MAX_WORDS_QUOTE   8
#define MAX_QUOTE_SEARCH  80
#define MIN_REFRAIN_WORDS 3
#define MAX_REFRAIN_WORDS 8
/* A refrain this long needs no word of content ("They said it could not
 * be done"). */
#define MIN_PLAIN_REFRAIN_WORDS 6
#define MAX_GENERAL_LENGTH 24

/* Formulas of Chinese political speech, common knowledge rather than any
 * one speech's wording. */
static const char * const known_formulas[] = {
  "两个一百年", "第二个百年奋斗目标", "四个意识", "四个自信", "两个维护", "两个确立",
  "四个全面", "五位一体", "四个面向", "两个毫不动摇", "两个结合", "三个代表",
  "一带一路", "一国两制", "三农", "三保", "六稳", "六保", "双碳", "双减", "双循环",
  "放管服", "三去一降一补", "三重压力", "一老一小", "房住不炒",
  "新发展理念", "新发展格局", "高质量发展", "中国式现代化", "新质生产力", "共同富裕",
  "全过程人民民主", "人类命运共同体", "中国梦", "供给侧结构性改革", "碳达峰碳中和",
  "稳中求进", "以进促稳", "先立后破", "守正创新", "稳字当头", "稳中求进、以进促稳",
  "守正创新、先立后破", "稳字当头、稳中求进",
  "绿水青山就是金山银山", "大众创业、万众创新", "最多跑一次", "一网通办",
  "高效办成一件事", "马上就办",
};

static void
add_hit (GArray     *hits,
         guint       start,
         guint       end,
         const char *reason)
{
  MgSuggestHit hit = { MG_SUGGESTION_SLOGAN, start, end, reason };

  g_array_append_val (hits, hit);
}

static gunichar
fold (gunichar c)
{
  return (c >= 'A' && c <= 'Z') ? c + ('a' - 'A') : c;
}

static int
compare_entry (const void *key,
               const void *entry)
{
  return strcmp (key, *(const char * const *) entry);
}

/* TRUE when the general vocabulary holds the code points [@start, @end)
 * of @s (ASCII letters folded to lower case). Its entries are words and
 * runs of at most four Han characters: anything longer is not there. */
static gboolean
is_general (const gunichar *s,
            guint           start,
            guint           end)
{
  char utf8[MAX_GENERAL_LENGTH * 4 + 1];
  gsize n = 0;

  if (end - start > MAX_GENERAL_LENGTH)
    return FALSE;
  for (guint i = start; i < end; i++)
    n += (gsize) g_unichar_to_utf8 (fold (s[i]), utf8 + n);
  utf8[n] = '\0';
  return bsearch (utf8, mg_general_vocabulary, G_N_ELEMENTS (mg_general_vocabulary),
                  sizeof mg_general_vocabulary[0], compare_entry) != NULL;
}

static gboolean
is_trailing_punct (gunichar c)
{
  return c == '.' || c == ',' || c == ';' || c == ':' || c == '!' || c == '?' ||
         c == 0x3002 || c == 0xFF0C || c == 0xFF1B || c == 0xFF1A || c == 0xFF01 ||
         c == 0xFF1F || c == 0x3001;
}

/* Punctuation that a Chinese coinage does not hold: a quote with it is
 * somebody's words. */
static gboolean
is_speech_punct (gunichar c)
{
  return c == 0x3002 || c == 0xFF1B || c == 0xFF01 || c == 0xFF1F || c == '\n' ||
         c == 0xFF0C;
}

/* What a quoted name is the name of: “山海”班列, “云岭茶谷”项目. */
static const char * const quoted_name_kinds[] = {
  "项目", "班列", "专列", "列车", "公司", "集团",
};

/* Verbs before a role named in irony: 当起了“甩手掌柜”, 做“太平官”. */
static const char * const quoted_roles[] = {
  "当", "做", "当起了", "成了", "充当", "沦为",
};

/* 说：“…”, 表示“…”, said "…": reported speech. */
static gboolean
is_reported (const MgSuggestText *text,
             guint                open)
{
  static const char * const verbs[] = {
    "说", "道", "讲", "问", "称", "表示", "反映", "指出", "强调", "感慨", "认为",
    "said", "says", "say", "asked", "told", "wrote", "put it",
  };
  const gunichar *s = text->chars;
  guint i = open;

  while (i > 0 && (_mg_suggest_is_space (s[i - 1]) || s[i - 1] == 0xFF1A || s[i - 1] == ':' ||
                   s[i - 1] == 0xFF0C || s[i - 1] == ','))
    i--;
  return _mg_suggest_ends_with_any (text, 0, i, verbs, G_N_ELEMENTS (verbs));
}

/* A numeral opening a numbered formula: 双减, 三农, 六稳. */
static gboolean
is_han_count (gunichar c)
{
  return c == 0x53CC /* 双 */ || c == 0x4E24 /* 两 */ || c == 0x4E00 /* 一 */ || c == 0x4E8C /* 二 */ ||
         c == 0x4E09 /* 三 */ || c == 0x56DB /* 四 */ || c == 0x4E94 /* 五 */ || c == 0x516D /* 六 */ ||
         c == 0x4E03 /* 七 */ || c == 0x516B /* 八 */ || c == 0x4E5D /* 九 */ || c == 0x5341 /* 十 */;
}

/* TRUE when the text [start, end) occurs elsewhere in the text. */
static gboolean
occurs_elsewhere (const MgSuggestText *text,
                  guint                start,
                  guint                end)
{
  guint len = end - start;

  for (guint i = 0; i + len <= text->length; i++)
    if (i != start && memcmp (text->chars + i, text->chars + start, len * sizeof (gunichar)) == 0)
      return TRUE;
  return FALSE;
}

/* TRUE when the quote opening at @open and closing at @close stands next
 * to another, alone or after 、 (“打虎”“拍蝇”“猎狐”): a series of
 * watchwords. */
static gboolean
in_quote_series (const MgSuggestText *text,
                 guint                open,
                 guint                close)
{
  const gunichar *s = text->chars;
  guint before = open, after = close + 1;

  if (before > 0 && s[before - 1] == 0x3001 /* 、 */)
    before--;
  if (after < text->length && s[after] == 0x3001)
    after++;
  return (before > 0 && s[before - 1] == s[close]) || (after < text->length && s[after] == s[open]);
}

/* Checks the inside of a quote [start, end) and adds it when it is a
 * coinage; @quoted collects the phrases for their other occurrences. A
 * quoted single Han character (“闯”, “干”) is a character spoken of, the
 * theme of a talk at most, no formula. */
static void
consider_quote (const MgSuggestText *text,
                guint                open,
                guint                start,
                guint                end,
                GPtrArray           *quoted,
                GArray              *hits)
{
  const gunichar *s = text->chars;
  gboolean han = FALSE;
  guint n_chars = 0, n_words = 0;
  gboolean in_word = FALSE;
  guint after = end + 1;

  /* A name (“梦想”号, “嫦娥六号”, “山海”班列, “云岭茶谷”项目), a
   * character spoken of (“新”字), or a role named in irony (当起了“甩手
   * 掌柜”, 做“太平官”). */
  while (after < text->length && _mg_suggest_is_space (s[after]))
    after++;
  if (after < text->length && (s[after] == 0x53F7 /* 号 */ || s[after] == 0x5B57 /* 字 */))
    return;
  if (_mg_suggest_match_any (text, after, text->length, quoted_name_kinds, G_N_ELEMENTS (quoted_name_kinds), NULL) ||
      _mg_suggest_ends_with_any (text, 0, open, quoted_roles, G_N_ELEMENTS (quoted_roles)))
    return;

  while (start < end && _mg_suggest_is_space (s[start]))
    start++;
  while (end > start && (_mg_suggest_is_space (s[end - 1]) || is_trailing_punct (s[end - 1])))
    end--;
  if (start == end || is_reported (text, open) || s[end - 1] == 0x53F7 /* 号 */)
    return;

  for (guint i = start; i < end; i++)
    if (_mg_suggest_is_han (s[i]))
      han = TRUE;
  for (guint i = start; i < end; i++)
    {
      if (han ? (is_speech_punct (s[i]) || s[i] == ',') :
                (s[i] == '\n' || s[i] == '.' || s[i] == '?' || s[i] == '!'))
        return;
      if (!_mg_suggest_is_space (s[i]))
        n_chars++;
      if (_mg_suggest_is_space (s[i]))
        in_word = FALSE;
      else if (!in_word)
        {
          in_word = TRUE;
          n_words++;
        }
    }
  if (han ? n_chars > MAX_CJK_QUOTE : (n_words > MAX_WORDS_QUOTE || n_chars > 60))
    return;
  /* A quoted ordinary word is somebody's word, not a coinage. */
  if (is_general (s, start, end))
    return;
  if (han && n_chars == 1)
    return;
  /* Two Han characters quoted once (“虹吸”) are a word put in relief; a
   * formula of two is numbered (“双减”) or comes back. */
  if (han && end - start == 2 && !is_han_count (s[start]) && !occurs_elsewhere (text, start, end) &&
      !in_quote_series (text, open, end))
    return;
  add_hit (hits, start, end, "quoted phrase");
  if ((han && end - start >= 2) || (!han && n_words >= 2))
    g_ptr_array_add (quoted, g_ucs4_to_utf8 (s + start, end - start, NULL, NULL, NULL));
}

static void
scan_quotes (const MgSuggestText *text,
             GPtrArray           *quoted,
             GArray              *hits)
{
  const gunichar *s = text->chars;
  guint ascii_open = G_MAXUINT;

  for (guint i = 0; i < text->length; i++)
    {
      gunichar close = 0;

      switch (s[i])
        {
        case '\n':
          ascii_open = G_MAXUINT;
          continue;
        case '"':
          if (ascii_open == G_MAXUINT)
            ascii_open = i;
          else
            {
              consider_quote (text, ascii_open, ascii_open + 1, i, quoted, hits);
              ascii_open = G_MAXUINT;
            }
          continue;
        case 0x201C: /* “ */
          close = 0x201D;
          break;
        case 0x300C: /* 「 */
          close = 0x300D;
          break;
        case 0x300E: /* 『 */
          close = 0x300F;
          break;
        default:
          continue;
        }

      for (guint j = i + 1; j < text->length && j - i <= MAX_QUOTE_SEARCH; j++)
        {
          if (s[j] == '\n' || s[j] == s[i])
            break;
          if (s[j] == close)
            {
              consider_quote (text, i, i + 1, j, quoted, hits);
              i = j;
              break;
            }
        }
    }
}

/* Phrases to find wherever they stand, indexed by their first code point
 * (ASCII letters folded). */
typedef struct
{
  gunichar   *chars;
  guint       length;
  gboolean    latin;
  const char *reason;
} Phrase;

static void
phrase_clear (gpointer data)
{
  Phrase *phrase = data;

  g_free (phrase->chars);
}

static void
add_phrase (GArray     *phrases,
            const char *utf8,
            const char *reason)
{
  Phrase phrase = { NULL, 0, FALSE, reason };
  glong n = 0;

  if (utf8 == NULL || !g_utf8_validate (utf8, -1, NULL))
    return;
  phrase.chars = g_utf8_to_ucs4_fast (utf8, -1, &n);
  /* Trim white space; too short a phrase would be noise. */
  while (n > 0 && _mg_suggest_is_space (phrase.chars[n - 1]))
    n--;
  phrase.length = (guint) n;
  for (guint i = 0; i < phrase.length; i++)
    {
      phrase.chars[i] = fold (phrase.chars[i]);
      phrase.latin = phrase.latin || _mg_suggest_is_ascii_alpha (phrase.chars[i]);
    }
  if (phrase.length < 2 || phrase.length > MG_SUGGEST_MAX_LENGTH ||
      _mg_suggest_is_space (phrase.chars[0]))
    {
      g_free (phrase.chars);
      return;
    }
  g_array_append_val (phrases, phrase);
}

static gboolean
is_word_char (gunichar c)
{
  return _mg_suggest_is_ascii_alpha (c) || _mg_suggest_digit_value (c) >= 0;
}

/* Every occurrence of @phrases (longest first where several start at one
 * place), in one pass over the text. */
static void
scan_phrases (const MgSuggestText *text,
              GArray              *phrases,
              GArray              *hits)
{
  const gunichar *s = text->chars;
  g_autoptr(GHashTable) by_first = g_hash_table_new_full (NULL, NULL, NULL,
                                                          (GDestroyNotify) g_array_unref);

  for (guint p = 0; p < phrases->len; p++)
    {
      Phrase *phrase = &g_array_index (phrases, Phrase, p);
      GArray *list = g_hash_table_lookup (by_first, GUINT_TO_POINTER (phrase->chars[0]));

      if (list == NULL)
        {
          list = g_array_new (FALSE, FALSE, sizeof (guint));
          g_hash_table_insert (by_first, GUINT_TO_POINTER (phrase->chars[0]), list);
        }
      g_array_append_val (list, p);
    }

  for (guint i = 0; i < text->length; i++)
    {
      GArray *list;
      guint best = 0;
      const char *reason = NULL;

      if (!_mg_suggest_is_han (s[i]) && !_mg_suggest_is_ascii_alpha (s[i]))
        continue;
      list = g_hash_table_lookup (by_first, GUINT_TO_POINTER (fold (s[i])));
      if (list == NULL)
        continue;
      for (guint k = 0; k < list->len; k++)
        {
          Phrase *phrase = &g_array_index (phrases, Phrase, g_array_index (list, guint, k));
          guint j = 0;

          if (phrase->length <= best || i + phrase->length > text->length)
            continue;
          while (j < phrase->length && fold (s[i + j]) == phrase->chars[j])
            j++;
          if (j < phrase->length)
            continue;
          /* English phrases stand as whole words. */
          if (phrase->latin && ((i > 0 && is_word_char (s[i - 1])) ||
                                (i + j < text->length && is_word_char (s[i + j]))))
            continue;
          best = phrase->length;
          reason = phrase->reason;
        }
      if (best > 0)
        {
          add_hit (hits, i, i + best, reason);
          i += best - 1;
        }
    }
}

/* 十四五, 十五五: the five-year plans. */
static void
scan_plans (const MgSuggestText *text,
            GArray              *hits)
{
  const gunichar *s = text->chars;
  static const gunichar digits[] = {
    0x4E00, 0x4E8C, 0x4E09, 0x56DB, 0x4E94, 0x516D, 0x4E03, 0x516B, 0x4E5D,
  };

  for (guint i = 0; i + 2 < text->length; i++)
    {
      gboolean digit = FALSE;

      if (s[i] != 0x5341 /* 十 */ || s[i + 2] != 0x4E94 /* 五 */)
        continue;
      for (guint d = 0; d < G_N_ELEMENTS (digits); d++)
        digit = digit || s[i + 1] == digits[d];
      /* Not inside a longer numeral: 二十四五, 十五五十. */
      if (!digit || (i > 0 && (s[i - 1] == 0x4E8C || s[i - 1] == 0x4E09 || s[i - 1] == 0x56DB ||
                               s[i - 1] == 0x4E94 || s[i - 1] == 0x516D || s[i - 1] == 0x4E03 ||
                               s[i - 1] == 0x516B || s[i - 1] == 0x4E5D || s[i - 1] == 0x4E00 ||
                               s[i - 1] == 0x7B2C /* 第 */)))
        continue;
      if (i + 3 < text->length && (s[i + 3] == 0x5341 || s[i + 3] == 0x767E || s[i + 3] == 0x5343 ||
                                   s[i + 3] == 0x4E07 || s[i + 3] == 0x4EBF || s[i + 3] == 0x4E2A ||
                                   s[i + 3] == 0x5E74 || s[i + 3] == 0x4EBA))
        continue;
      add_hit (hits, i, i + 3, "numbered formula");
      i += 2;
    }
}

static gboolean
all_han (const gunichar *s,
         guint           start,
         guint           end)
{
  for (guint i = start; i < end; i++)
    if (!_mg_suggest_is_han (s[i]))
      return FALSE;
  return TRUE;
}

/* How many distinct characters two items share. */
static guint
shared_chars (const gunichar *s,
              guint           a,
              guint           b,
              guint           len)
{
  guint shared = 0;

  for (guint i = 0; i < len; i++)
    {
      gboolean before = FALSE, in_b = FALSE;

      for (guint k = 0; k < i; k++)
        before = before || s[a + k] == s[a + i];
      for (guint k = 0; k < len; k++)
        in_b = in_b || s[b + k] == s[a + i];
      if (!before && in_b)
        shared++;
    }
  return shared;
}

/* The characters at @pos of the items @items[] (of @len code points each)
 * are one and the same. */
static gboolean
same_at (const gunichar *s,
         const guint    *items,
         guint           n,
         guint           pos)
{
  for (guint k = 1; k < n; k++)
    if (s[items[k] + pos] != s[items[0] + pos])
      return FALSE;
  return TRUE;
}

/* Every item repeats its characters in the same places (能上能下 and
 * 能进能出: the first and the third; 清清白白做人 and 干干净净做事), and
 * does repeat one. */
static gboolean
same_shape (const gunichar *s,
            const guint    *items,
            guint           n,
            guint           len)
{
  gboolean repeats = FALSE;

  for (guint i = 0; i < len; i++)
    for (guint j = i + 1; j < len; j++)
      {
        gboolean equal = s[items[0] + i] == s[items[0] + j];

        for (guint k = 1; k < n; k++)
          if ((s[items[k] + i] == s[items[k] + j]) != equal)
            return FALSE;
        repeats = repeats || equal;
      }
  return repeats;
}

/* Whether the @n items of @len code points starting at @items[] echo one
 * another as a formula's items do:
 *  - two of four characters sharing two (稳中求进、以进促稳), or the third
 *    (立党为公、执政为民);
 *  - two of three with the same middle (听党话、跟党走), or the same first
 *    and last (带头干、带着干);
 *  - three and more of two to four characters with the same character in
 *    one place (不想为、不敢为、不会为; 干实事、谋实招、求实效);
 *  - of five to eight characters, two places alike
 *    (政治判断力、政治领悟力、政治执行力);
 *  - at any length, items of the same shape that have one place alike
 *    (能上能下、能进能出). */
static gboolean
items_echo (const gunichar *s,
            const guint    *items,
            guint           n,
            guint           len)
{
  guint alike = 0;

  for (guint pos = 0; pos < len; pos++)
    if (same_at (s, items, n, pos))
      alike++;
  if (alike == 0)
    return FALSE;
  if (same_shape (s, items, n, len))
    return TRUE;
  if (len >= 5)
    return alike >= 2;
  if (n >= 3)
    return TRUE;
  if (len == 4)
    return shared_chars (s, items[0], items[1], len) >= 2 || same_at (s, items, n, 2);
  if (len == 3)
    return same_at (s, items, n, 1) || (same_at (s, items, n, 0) && same_at (s, items, n, 2));
  return FALSE;
}

/* Items separated by 、 in the clause [start, end): runs of items of one
 * length (2 to 8 Han characters), the run's neighbours taking part with
 * their end (on the left) or start (on the right), when they echo one
 * another (items_echo ()) and are not all ordinary words. */
static void
scan_enumeration (const MgSuggestText *text,
                  guint                start,
                  guint                end,
                  GArray              *hits)
{
  const gunichar *s = text->chars;
  guint item_start[65], item_end[65];
  guint n_items = 0;

  item_start[0] = start;
  for (guint i = start; i < end && n_items + 1 < G_N_ELEMENTS (item_start); i++)
    if (s[i] == 0x3001)
      {
        item_end[n_items++] = i;
        item_start[n_items] = i + 1;
      }
  item_end[n_items++] = end;
  if (n_items < 2)
    return;

  for (guint a = 0; a < n_items;)
    {
      guint len = item_end[a] - item_start[a];
      guint b = a, first, last, run_start, run_end, n_run;
      guint items[G_N_ELEMENTS (item_start)];
      gboolean han = TRUE, general = TRUE;

      if (len < 2 || len > 8)
        {
          a++;
          continue;
        }
      while (b + 1 < n_items && item_end[b + 1] - item_start[b + 1] == len)
        b++;
      /* A neighbour's edge is an item: of two to four characters (坚持稳中求进
       * ends with one), or of more when it opens as the run's items do
       * (习惯于以会议落实会议、以文件落实文件, not 党面临的执政考验、改革开放考验). */
      first = (a > 0 && item_end[a - 1] - item_start[a - 1] > len &&
               (len <= 4 || s[item_end[a - 1] - len] == s[item_start[a]])) ? a - 1 : a;
      last = (b + 1 < n_items && item_end[b + 1] - item_start[b + 1] > len &&
              (len <= 4 || s[item_start[b + 1]] == s[item_start[a]])) ? b + 1 : b;
      a = b + 1;
      n_run = last - first + 1;
      /* Of two items, the second is whole: 坚持稳中求进、以进促稳, not
       * 关键在人、关键在作风. */
      if (n_run < 2 || (n_run == 2 && item_end[last] - item_start[last] != len))
        continue;

      run_start = item_end[first] - len;
      run_end = item_start[last] + len;
      for (guint k = first; k <= last; k++)
        {
          guint item = k == first ? run_start : item_start[k];

          items[k - first] = item;
          han = han && all_han (s, item, item + len);
          general = general && is_general (s, item, item + len);
        }
      /* Ordinary words in a row (农业、工业、商业) are a list. */
      if (!han || general)
        continue;
      if (items_echo (s, items, n_run, len))
        add_hit (hits, run_start, run_end, "paired formula");
    }
}

/* Clause boundaries for the formulas. */
static gboolean
is_clause_break (gunichar c)
{
  return c == '\n' || c == 0x3002 || c == 0xFF0C || c == 0xFF1B || c == 0xFF1A ||
         c == 0xFF01 || c == 0xFF1F || c == ',' || c == ';' || c == ':' || c == '.' ||
         c == '!' || c == '?' || c == 0x201C || c == 0x201D || c == 0x300A || c == 0x300B ||
         c == 0xFF08 || c == 0xFF09 || c == '(' || c == ')' || c == 0x2014 || c == '"';
}

/* TRUE when @pos lies inside a quote of reported speech. */
static gboolean
in_reported_quote (const MgSuggestText *text,
                   guint                pos)
{
  const gunichar *s = text->chars;

  for (guint i = pos; i > 0 && pos - i < MAX_QUOTE_SEARCH; i--)
    {
      gunichar c = s[i - 1];

      if (c == '\n' || c == 0x201D || c == 0x300D)
        return FALSE;
      if (c == 0x201C || c == 0x300C)
        return is_reported (text, i - 1);
    }
  return FALSE;
}

static void
scan_parallel (const MgSuggestText *text,
               GArray              *hits)
{
  const gunichar *s = text->chars;

  for (guint c = 0; c < text->length;)
    {
      guint start;

      while (c < text->length && (_mg_suggest_is_space (s[c]) || is_clause_break (s[c])))
        c++;
      start = c;
      while (c < text->length && !is_clause_break (s[c]))
        c++;
      if (c > start)
        {
          guint end = c;

          while (end > start && _mg_suggest_is_space (s[end - 1]))
            end--;
          if (end > start && !in_reported_quote (text, start))
            scan_enumeration (text, start, end, hits);
        }
    }
}

/* English words that carry no content: articles, pronouns, prepositions,
 * conjunctions, auxiliaries. A refrain holds a word that is none of these
 * and outside the general vocabulary, and does not open with a
 * preposition or a conjunction ("of the world" is no refrain;
 * "everywhere in the world" may be). Sorted by strcmp (). */
static const char * const function_words[] = {
  "a", "about", "after", "against", "all", "also", "am", "an", "and", "any", "are", "as",
  "at", "be", "because", "been", "before", "being", "both", "but", "by", "can", "could",
  "did", "do", "does", "each", "every", "for", "from", "had", "has", "have", "he", "her",
  "here", "him", "his", "how", "i", "if", "in", "into", "is", "it", "its", "just", "let",
  "may", "me", "might", "more", "most", "much", "must", "my", "no", "nor", "not", "now",
  "of", "on", "once", "only", "or", "other", "our", "ours", "shall", "she", "should", "so",
  "some", "such", "than", "that", "the", "their", "them", "then", "there", "these", "they",
  "this", "those", "through", "to", "too", "upon", "us", "very", "was", "we", "were", "what",
  "when", "where", "which", "while", "who", "whom", "whose", "why", "will", "with", "would",
  "yet", "you", "your",
};

/* Coordinating conjunctions, prepositions and the words that open an
 * address ("My fellow Americans", "Dear friends"): no opening refrain
 * starts with one ("And we will", "In other words"), while "Because of
 * you" may be one. Sorted by strcmp (). */
static const char * const opening_words[] = {
  "about", "after", "against", "and", "as", "at", "but", "by", "dear", "for", "from", "in",
  "into", "my", "nor", "of", "on", "or", "so", "then", "through", "to", "upon", "with", "yet",
};

/* Of the function words, those a refrain ending does not open with.
 * Sorted by strcmp (). */
static const char * const linking_words[] = {
  "about", "after", "against", "and", "as", "at", "because", "before", "but", "by", "for",
  "from", "if", "in", "into", "nor", "of", "on", "or", "so", "than", "that", "then",
  "through", "to", "upon", "when", "where", "which", "while", "who", "with", "yet",
};

static gboolean
in_word_list (const char * const *list,
              gsize               n,
              const gunichar     *s,
              guint               start,
              guint               end)
{
  char utf8[32];
  gsize len = 0;

  if (end - start >= sizeof utf8)
    return FALSE;
  for (guint i = start; i < end; i++)
    {
      if (s[i] >= 0x80)
        return FALSE;
      utf8[len++] = (char) fold (s[i]);
    }
  utf8[len] = '\0';
  return bsearch (utf8, list, n, sizeof list[0], compare_entry) != NULL;
}

static gboolean
is_function_word (const gunichar *s,
                  guint           start,
                  guint           end)
{
  return in_word_list (function_words, G_N_ELEMENTS (function_words), s, start, end);
}

/* Whether the word [start, end) may not open a refrain: a preposition or
 * a conjunction before an ending (@ending), one of opening_words[] before
 * an opening. */
static gboolean
is_linking_word (const gunichar *s,
                 guint           start,
                 guint           end,
                 gboolean        ending)
{
  if (ending)
    return in_word_list (linking_words, G_N_ELEMENTS (linking_words), s, start, end);
  return in_word_list (opening_words, G_N_ELEMENTS (opening_words), s, start, end);
}

static guint
word_end (const gunichar *s,
          guint           start,
          guint           end)
{
  while (start < end && (is_word_char (s[start]) || s[start] == '\''))
    start++;
  return start;
}

/* The words of the clause [start, end): at most MAX_REFRAIN_WORDS, from
 * its end (@from_end) or its start, stopping at anything but a space
 * between words; @words gets their starts and ends, nearest the edge
 * first. */
static guint
clause_words (const gunichar *s,
              guint           start,
              guint           end,
              gboolean        from_end,
              guint           words[][2])
{
  guint n = 0;

  if (from_end)
    for (guint i = end; i > start && n < MAX_REFRAIN_WORDS;)
      {
        guint w = i;

        while (w > start && (is_word_char (s[w - 1]) || s[w - 1] == '\''))
          w--;
        if (w == i)
          break;
        words[n][0] = w;
        words[n][1] = i;
        n++;
        i = w;
        while (i > start && _mg_suggest_is_space (s[i - 1]))
          i--;
        if (i > start && !is_word_char (s[i - 1]) && s[i - 1] != '\'')
          break;
      }
  else
    for (guint i = start; i < end && n < MAX_REFRAIN_WORDS;)
      {
        guint e = word_end (s, i, end);

        if (e == i)
          break;
        words[n][0] = i;
        words[n][1] = e;
        n++;
        i = e;
        while (i < end && _mg_suggest_is_space (s[i]))
          i++;
        if (i < end && !is_word_char (s[i]) && s[i] != '\'')
          break;
      }
  return n;
}

/* English refrains: three to eight words that open or end a clause, when
 * two more clauses open (or end) with the same words (an ending of six
 * words and more needs one more): "the state of our union is strong",
 * "Let both sides".
 * Each clause proposes the longest such ending, and the longest such
 * opening, that qualifies. An ending holds a word of content (neither a
 * function word nor in the general vocabulary: "of the world" and "my
 * fellow Americans" do not) unless it is six words long or more, and opens
 * with no preposition or conjunction. An opening, the start of the
 * clauses that a speech repeats on purpose, opens with no conjunction,
 * preposition nor address ("And we", "In other words", "My friends"); and
 * unless it is the whole clause ("Because of you,"), it holds a word that
 * is no function word ("Here we stand") and ends with such a word ("We
 * have to" does not). */
static void
scan_refrains (const MgSuggestText *text,
               GPtrArray           *found,
               GArray              *hits)
{
  const gunichar *s = text->chars;
  g_autoptr(GHashTable) counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GArray) clauses = g_array_new (FALSE, FALSE, sizeof (guint) * 2);
  g_autoptr(GString) key = g_string_new (NULL);

  /* Clauses of English words only. */
  for (guint i = 0; i < text->length;)
    {
      guint start, end;
      gboolean latin = TRUE;

      while (i < text->length && !_mg_suggest_is_ascii_alpha (s[i]))
        i++;
      start = i;
      while (i < text->length && s[i] != ',' && s[i] != '.' && s[i] != ';' && s[i] != ':' &&
             s[i] != '!' && s[i] != '?' && s[i] != '\n' && s[i] != '"' && s[i] != 0x2014 &&
             s[i] != 0x201C && s[i] != 0x201D && !(s[i] == '-' && i + 1 < text->length && s[i + 1] == '-'))
        {
          latin = latin && !_mg_suggest_is_han (s[i]);
          i++;
        }
      end = i;
      while (end > start && _mg_suggest_is_space (s[end - 1]))
        end--;
      if (latin && end > start)
        {
          guint pair[2] = { start, end };

          g_array_append_vals (clauses, pair, 1);
        }
    }

  for (int pass = 0; pass < 2; pass++)
    for (guint c = 0; c < clauses->len; c++)
      {
        guint *pair = &g_array_index (clauses, guint, c * 2);
        guint start = pair[0], end = pair[1];

        /* side 0: the clause's ending; side 1: its opening. */
        for (int side = 0; side < 2; side++)
          {
            guint words[MAX_REFRAIN_WORDS][2];
            guint n = clause_words (s, start, end, side == 0, words);
            guint content = 0;
            guint best = 0, best_start = 0, best_end = 0;

            for (guint k = 0; k < n; k++)
              {
                guint first = side == 0 ? k : 0, last = side == 0 ? 0 : k;
                guint phrase_start = words[first][0], phrase_end = words[last][1];

                if (!is_function_word (s, words[k][0], words[k][1]) &&
                    (side == 1 || !is_general (s, words[k][0], words[k][1])))
                  content++;
                if (k + 1 < MIN_REFRAIN_WORDS ||
                    is_linking_word (s, words[first][0], words[first][1], side == 0))
                  continue;
                if (side == 0 && content == 0 && k + 1 < MIN_PLAIN_REFRAIN_WORDS)
                  continue;
                /* An opening that is the whole clause ("Because of you,")
                 * needs nothing more. */
                if (side == 1 && phrase_end != end &&
                    (content == 0 || is_function_word (s, words[last][0], words[last][1])))
                  continue;

                g_string_truncate (key, 0);
                g_string_append_c (key, side == 0 ? '$' : '^');
                for (guint i = phrase_start; i < phrase_end; i++)
                  g_string_append_unichar (key, fold (s[i]));
                if (pass == 0)
                  {
                    gpointer old = g_hash_table_lookup (counts, key->str);

                    g_hash_table_replace (counts, g_strdup (key->str),
                                          GUINT_TO_POINTER (GPOINTER_TO_UINT (old) + 1));
                  }
                else
                  {
                    guint count = GPOINTER_TO_UINT (g_hash_table_lookup (counts, key->str));

                    /* Three times, or an ending twice when long enough to
                     * be no chance. */
                    if (count >= 3 || (side == 0 && count == 2 && k + 1 >= 6))
                      {
                        best = k + 1;
                        best_start = phrase_start;
                        best_end = phrase_end;
                      }
                  }
              }
            if (pass == 1 && best > 0)
              {
                add_hit (hits, best_start, best_end, "refrain");
                g_ptr_array_add (found, g_ucs4_to_utf8 (s + best_start, best_end - best_start,
                                                        NULL, NULL, NULL));
              }
          }
      }
}

#define MIN_CJK_CHIASMUS 4
#define MAX_CJK_CHIASMUS 12
#define MIN_WORDS_CHIASMUS 4
#define MAX_WORDS_CHIASMUS 16

/* The same word at [a, a_end) and [b, b_end), ASCII case folded. */
static gboolean
same_word (const gunichar *s,
           guint           a,
           guint           a_end,
           guint           b,
           guint           b_end)
{
  if (a_end - a != b_end - b)
    return FALSE;
  for (guint i = 0; i < a_end - a; i++)
    if (fold (s[a + i]) != fold (s[b + i]))
      return FALSE;
  return TRUE;
}

/* The words of the English clause [start, end), or 0 when it holds
 * anything but words, spaces and apostrophes, or has too many; a leading
 * "and", "but" or "so" is left out. */
static guint
chiasmus_words (const gunichar *s,
                guint           start,
                guint           end,
                guint           words[][2])
{
  guint n = 0;

  for (guint i = start; i < end;)
    {
      guint e = word_end (s, i, end);

      if (e == i || n == MAX_WORDS_CHIASMUS)
        return 0;
      if (n > 0 || !in_word_list (opening_words, G_N_ELEMENTS (opening_words), s, i, e))
        {
          words[n][0] = i;
          words[n][1] = e;
          n++;
        }
      i = e;
      while (i < end && _mg_suggest_is_space (s[i]))
        i++;
    }
  return n;
}

/* Two English clauses that say the same words in another order ("ask not
 * what your country can do for you--ask what you can do for your
 * country", "Let us never negotiate out of fear. But let us never fear to
 * negotiate"): of the shorter clause's words, seven in ten are in the
 * other, two of them words of content, and the words they share come in
 * another order. */
static gboolean
en_chiasmus (const gunichar *s,
             guint           a_start,
             guint           a_end,
             guint           b_start,
             guint           b_end)
{
  guint a[MAX_WORDS_CHIASMUS][2], b[MAX_WORDS_CHIASMUS][2];
  guint order_b[MAX_WORDS_CHIASMUS];
  guint na = chiasmus_words (s, a_start, a_end, a), nb = chiasmus_words (s, b_start, b_end, b);
  guint shared = 0, content = 0, n_order = 0;
  gboolean swapped = FALSE;

  if (na < MIN_WORDS_CHIASMUS || nb < MIN_WORDS_CHIASMUS)
    return FALSE;
  for (guint i = 0; i < na; i++)
    {
      gboolean seen = FALSE;

      for (guint k = 0; k < i && !seen; k++)
        seen = same_word (s, a[k][0], a[k][1], a[i][0], a[i][1]);
      if (seen)
        continue;
      for (guint j = 0; j < nb; j++)
        if (same_word (s, a[i][0], a[i][1], b[j][0], b[j][1]))
          {
            shared++;
            if (!is_function_word (s, a[i][0], a[i][1]) && a[i][1] - a[i][0] >= 3)
              content++;
            order_b[n_order++] = j;
            break;
          }
    }
  if (shared * 10 < MIN (na, nb) * 7 || content < 2)
    return FALSE;
  for (guint i = 0; i + 1 < n_order; i++)
    for (guint k = i + 1; k < n_order; k++)
      if (order_b[k] < order_b[i])
        swapped = TRUE;
  return swapped;
}

/* Two Chinese clauses of the same characters in another order:
 * 江山就是人民，人民就是江山. */
static gboolean
cjk_chiasmus (const gunichar *s,
              guint           a,
              guint           a_end,
              guint           b,
              guint           b_end)
{
  guint len = a_end - a;
  gboolean differs = FALSE;

  if (b_end - b != len || len < MIN_CJK_CHIASMUS || len > MAX_CJK_CHIASMUS ||
      !all_han (s, a, a_end) || !all_han (s, b, b_end))
    return FALSE;
  for (guint i = 0; i < len; i++)
    {
      guint in_a = 0, in_b = 0;

      differs = differs || s[a + i] != s[b + i];
      for (guint k = 0; k < len; k++)
        {
          in_a += s[a + k] == s[a + i];
          in_b += s[b + k] == s[a + i];
        }
      if (in_a != in_b)
        return FALSE;
    }
  return differs;
}

/* Antitheses that turn a clause round (chiasmus), in either language:
 * the two clauses, each after the other in one paragraph. */
static void
scan_chiasmus (const MgSuggestText *text,
               GArray              *hits)
{
  const gunichar *s = text->chars;
  guint previous_start = G_MAXUINT, previous_end = 0;

  for (guint c = 0; c < text->length;)
    {
      guint start, end;
      gboolean paragraph = FALSE;

      while (c < text->length && (_mg_suggest_is_space (s[c]) || is_clause_break (s[c]) ||
                                  s[c] == 0x3001 || s[c] == '-'))
        {
          if (s[c] == '\n')
            paragraph = TRUE;
          c++;
        }
      start = c;
      while (c < text->length && !is_clause_break (s[c]) && s[c] != 0x3001 &&
             !(s[c] == '-' && c + 1 < text->length && s[c + 1] == '-'))
        c++;
      end = c;
      while (end > start && _mg_suggest_is_space (s[end - 1]))
        end--;
      if (end == start)
        continue;
      if (previous_start != G_MAXUINT && !paragraph &&
          (cjk_chiasmus (s, previous_start, previous_end, start, end) ||
           en_chiasmus (s, previous_start, previous_end, start, end)))
        {
          guint from = previous_start, first_end = word_end (s, from, previous_end);

          /* "And we'll lead not merely …": without the conjunction. */
          if (first_end > from && in_word_list (opening_words, G_N_ELEMENTS (opening_words), s, from, first_end))
            for (from = first_end; from < previous_end && _mg_suggest_is_space (s[from]); from++)
              ;
          add_hit (hits, from, end, "chiasmus");
        }
      previous_start = start;
      previous_end = end;
    }
}

/* Campaigns named after the country: 健康中国, 数字中国, 平安中国, when
 * built or advanced (建设数字中国, 推进健康中国建设, 健康中国行动). */
static void
scan_country_campaigns (const MgSuggestText *text,
                        GArray              *hits)
{
  static const char * const before[] = { "建设", "推进", "打造", "迈向" };
  static const char * const after[] = { "建设", "行动", "战略" };
  const gunichar *s = text->chars;

  for (guint i = 2; i + 1 < text->length; i++)
    {
      gboolean built = FALSE;

      if (s[i] != 0x4E2D /* 中 */ || s[i + 1] != 0x56FD /* 国 */ ||
          !_mg_suggest_is_han (s[i - 2]) || !_mg_suggest_is_han (s[i - 1]) ||
          s[i - 1] == 0x7684 /* 的 */ || s[i - 2] == 0x7684)
        continue;
      for (guint k = 0; k < G_N_ELEMENTS (before) && !built; k++)
        built = i >= 4 && _mg_suggest_match (text, i - 4, before[k], FALSE, NULL) &&
                !_mg_suggest_match (text, i - 2, before[k], FALSE, NULL);
      for (guint k = 0; k < G_N_ELEMENTS (after) && !built; k++)
        built = _mg_suggest_match (text, i + 2, after[k], FALSE, NULL);
      for (guint k = 0; k < G_N_ELEMENTS (before) && built; k++)
        built = !_mg_suggest_match (text, i - 2, before[k], FALSE, NULL);
      if (built)
        add_hit (hits, i - 2, i + 2, "campaign");
    }
}

void
_mg_suggest_scan_slogans (const MgSuggestText *text,
                          const char * const  *lexicon,
                          GArray              *hits)
{
  g_autoptr(GPtrArray) quoted = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) phrases = g_array_new (FALSE, FALSE, sizeof (Phrase));

  g_array_set_clear_func (phrases, phrase_clear);
  scan_quotes (text, quoted, hits);
  scan_plans (text, hits);
  scan_parallel (text, hits);
  scan_chiasmus (text, hits);
  scan_country_campaigns (text, hits);
  scan_refrains (text, quoted, hits);

  /* The group's own lexicon wins over the built-in formulas, which win
   * over the speech's quoted phrases. */
  for (guint i = 0; lexicon != NULL && lexicon[i] != NULL; i++)
    add_phrase (phrases, lexicon[i], "lexicon");
  for (guint i = 0; i < G_N_ELEMENTS (known_formulas); i++)
    add_phrase (phrases, known_formulas[i], "known formula");
  for (guint i = 0; i < quoted->len; i++)
    add_phrase (phrases, g_ptr_array_index (quoted, i), "refrain");
  scan_phrases (text, phrases, hits);
}
