/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Marginalia"
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "mg-anchor.h"
#include "mg-annotation-store.h"
#include "mg-tidy.h"
#include "mg-document.h"
#include "mg-file.h"

/* How tidy decides, with the reasons, is in docs/tidy.md. */

/* A line whose first non-blank text is at most this long, and shorter than
 * 80% of the next line, is a heading or a title: not joined with the next
 * one even when it does not end a sentence. */
#define HEADING_MAX 40
/* A line of prose (holding a sentence end or a comma) longer than this that
 * stops inside a sentence before a blank line is a paragraph cut in two. */
#define PROSE_MIN 20
/* A speech line (one that stops a search for leftovers): at least this
 * long and ending a sentence. */
#define SPEECH_LINE_MIN 30
/* A line naming a link, a notice… is furniture only when it is short; a
 * long line that happens to say "copyright" is the speech's. */
#define MARKER_LINE_MAX 80
/* How far back from the end leftovers are looked for. */
#define TAIL_LINES_MAX 80

static const char * const kind_names[MG_TIDY_N_KINDS] = {
  "spaces", "line-breaks", "blank-lines", "leftovers",
};

const char *
mg_tidy_kind_to_string (MgTidyKind kind)
{
  g_return_val_if_fail (kind < MG_TIDY_N_KINDS, NULL);
  return kind_names[kind];
}

gboolean
mg_tidy_kind_from_string (const char *name,
                          MgTidyKind *out_kind)
{
  for (guint i = 0; i < MG_TIDY_N_KINDS; i++)
    if (g_strcmp0 (name, kind_names[i]) == 0)
      {
        *out_kind = (MgTidyKind) i;
        return TRUE;
      }
  return FALSE;
}

const char *
mg_tidy_kind_to_label (MgTidyKind kind)
{
  switch (kind)
    {
    case MG_TIDY_SPACES:
      return _("Spaces");
    case MG_TIDY_LINE_BREAKS:
      return _("Line breaks");
    case MG_TIDY_BLANK_LINES:
      return _("Blank lines");
    case MG_TIDY_LEFTOVERS:
      return _("Page leftovers");
    case MG_TIDY_N_KINDS:
    default:
      return "";
    }
}

void
mg_tidy_change_free (MgTidyChange *change)
{
  if (change == NULL)
    return;
  g_free (change->before);
  g_free (change->after);
  g_free (change);
}

/* Characters */

static inline gboolean
is_han (gunichar c)
{
  return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) ||
         (c >= 0xF900 && c <= 0xFAFF) || (c >= 0x20000 && c <= 0x323AF);
}

static inline gboolean
is_zero_width (gunichar c)
{
  return c == 0x200B || c == 0x200C || c == 0x200D || c == 0x2060 || c == 0xFEFF;
}

static inline gboolean
is_space (gunichar c)
{
  return c != '\n' && (mg_document_unichar_is_blank (c) || is_zero_width (c));
}

static inline gboolean
is_latin_letter (gunichar c)
{
  return c < 0x2E80 && g_unichar_isalpha (c);
}

/* Full-width in every text: Han, CJK symbols and punctuation, full-width
 * forms. In a line that is mostly Chinese, also the marks Chinese shares
 * with English (“ ” ‘ ’ … — ·) and ASCII punctuation typed in place of the
 * full-width one. */
static gboolean
is_cjk (gunichar c,
        gboolean han_line)
{
  if (is_han (c) || (c >= 0x3000 && c <= 0x303F) || (c >= 0xFF00 && c <= 0xFFEF))
    return TRUE;
  if (!han_line)
    return FALSE;
  switch (c)
    {
    case 0x201C: case 0x201D: case 0x2018: case 0x2019:
    case 0x2026: case 0x2014: case 0x00B7:
    case ',': case '.': case ':': case ';': case '!': case '?':
    case '(': case ')':
      return TRUE;
    default:
      return FALSE;
    }
}

/* cli.md: a line that ends with one of 。！？：；.!?:;”"） does not stop
 * inside a sentence; nor does one ending with ASCII ')' (typed for "）"),
 * or with a closing mark right after one of those (".]", "。」"). */
static gboolean
ends_sentence (const gunichar *line,
               guint           n)
{
  gunichar c = line[n - 1];

  if (g_utf8_strchr ("。！？：；.!?:;”\"）)", -1, c) != NULL)
    return TRUE;
  if (n >= 2 && g_utf8_strchr ("]】」』’'》〕", -1, c) != NULL)
    return g_utf8_strchr ("。！？.!?”\"）)", -1, line[n - 2]) != NULL;
  return FALSE;
}

static gboolean
is_chinese_numeral (gunichar c)
{
  return g_utf8_strchr ("一二三四五六七八九十百零〇", -1, c) != NULL;
}

/* 一、  （一）  (1)  1.  1、  1)  第一，  •  —— … at @p (of @n). */
static gboolean
starts_list_item (const gunichar *p,
                  guint           n)
{
  guint i = 0;

  if (n == 0)
    return FALSE;
  if (g_utf8_strchr ("•·●○◆◇■□▪►-*", -1, p[0]) != NULL && n > 1 && (p[0] != '-' || p[1] == ' ') &&
      (p[0] != '*' || p[1] == ' '))
    return TRUE;
  if (n >= 2 && p[0] == 0x2014 && p[1] == 0x2014)
    return TRUE;
  if (p[0] == 0xFF08 || p[0] == '(')
    {
      for (i = 1; i < n && (is_chinese_numeral (p[i]) || g_unichar_isdigit (p[i])); i++)
        ;
      return i > 1 && i < n && (p[i] == 0xFF09 || p[i] == ')');
    }
  if (p[0] == 0x7B2C /* 第 */)
    {
      for (i = 1; i < n && is_chinese_numeral (p[i]); i++)
        ;
      return i > 1 && i < n && g_utf8_strchr ("，、,章节条部", -1, p[i]) != NULL;
    }
  if (is_chinese_numeral (p[0]))
    {
      for (i = 1; i < n && is_chinese_numeral (p[i]); i++)
        ;
      return i < n && (p[i] == 0x3001 /* 、 */ || p[i] == 0xFF0E);
    }
  if (g_unichar_isdigit (p[0]))
    {
      for (i = 1; i < n && g_unichar_isdigit (p[i]); i++)
        ;
      if (i >= n)
        return FALSE;
      if (p[i] == 0x3001 || p[i] == ')' || p[i] == 0xFF09 || p[i] == 0xFF0E)
        return TRUE;
      /* "1. Text", not "3.5%". */
      return p[i] == '.' && (i + 1 >= n || !g_unichar_isdigit (p[i + 1]));
    }
  return FALSE;
}

/* Lines */

typedef struct
{
  guint start;    /* first code point */
  guint end;      /* the '\n' (or the end of the text) */
  guint cstart;   /* first non-blank, == end when blank */
  guint cend;     /* after the last non-blank */
  guint han;
  guint latin;
  guint blank     : 1;
  guint zero_only : 1;  /* blank, holding only zero-width characters */
} Line;

typedef struct
{
  gunichar *cp;
  guint     n;
  GArray   *lines;
  guint8   *claimed;   /* per code point: a change of a stronger kind covers it */
  GPtrArray *changes;
} Tidy;

static void
split_lines (Tidy *t)
{
  guint i = 0;

  t->lines = g_array_new (FALSE, TRUE, sizeof (Line));
  while (i < t->n)
    {
      Line line = { 0 };
      gboolean any_zero = FALSE, any_other = FALSE;

      line.start = i;
      while (i < t->n && t->cp[i] != '\n')
        i++;
      line.end = i;
      line.cstart = line.start;
      while (line.cstart < line.end && is_space (t->cp[line.cstart]))
        line.cstart++;
      line.cend = line.end;
      while (line.cend > line.cstart && is_space (t->cp[line.cend - 1]))
        line.cend--;
      line.blank = line.cstart == line.cend;
      for (guint k = line.start; k < line.end; k++)
        {
          gunichar c = t->cp[k];

          if (is_zero_width (c))
            any_zero = TRUE;
          else
            any_other = TRUE;
          if (is_han (c))
            line.han++;
          else if (is_latin_letter (c))
            line.latin++;
        }
      line.zero_only = line.blank && any_zero && !any_other;
      g_array_append_val (t->lines, line);
      if (i < t->n)
        i++;  /* the '\n' */
    }
}

static Line *
line_at (Tidy *t,
         guint i)
{
  return &g_array_index (t->lines, Line, i);
}

static gboolean
is_claimed (Tidy *t,
            guint start,
            guint end)
{
  for (guint i = start; i < end; i++)
    if (t->claimed[i])
      return TRUE;
  return FALSE;
}

static char *
dup_range (Tidy *t,
           guint start,
           guint end)
{
  return g_ucs4_to_utf8 (t->cp + start, end - start, NULL, NULL, NULL);
}

static void
add_change (Tidy       *t,
            MgTidyKind  kind,
            guint       start,
            guint       end,
            const char *after)
{
  MgTidyChange *change = g_new0 (MgTidyChange, 1);

  change->kind = kind;
  change->start = start;
  change->end = end;
  change->before = dup_range (t, start, end);
  change->after = g_strdup (after);
  g_ptr_array_add (t->changes, change);
  memset (t->claimed + start, 1, end - start);
}

/* A sentence ends inside @line (or, with @commas, a Chinese comma stands
 * in it). */
static gboolean
holds_sentence_end (Tidy     *t,
                    Line     *line,
                    gboolean  commas)
{
  for (guint k = line->cstart; k + 1 < line->cend; k++)
    {
      gunichar c = t->cp[k];

      if (c == 0x3002 || c == 0xFF01 || c == 0xFF1F)
        return TRUE;
      if (commas && (c == 0xFF0C /* ， */ || c == 0xFF1B /* ； */))
        return TRUE;
      if ((c == '.' || c == '!' || c == '?') && t->cp[k + 1] == ' ')
        return TRUE;
    }
  return FALSE;
}

/* Leftovers */

/* What a page puts around a speech, named by what it is. Matched on the
 * case-folded line: a link anywhere; the other marks only on a short line,
 * and most only where such a line starts ("分享到…", "Related articles"),
 * since the words themselves ("分享", "share", "related") are the
 * speech's own anywhere else. */
static gboolean
line_is_furniture (Tidy *t,
                   Line *line)
{
  /* links */
  static const char * const anywhere[] = {
    "http://", "https://", "www.", ".html", ".htm", ".com/", ".cn/", ".org/",
    /* copyright and licence notices */
    "©", "copyright", "all rights reserved", "版权所有", "版权归", "版权声明", "著作权",
    "转载请", "未经授权", "public domain", "creative commons", "licensed under",
    "本作品", "公有领域", "许可协议", "知识共享",
    /* share buttons, print and close, QR codes */
    "分享到", "分享至", "一键分享", "share this", "share on", "【打印】", "打印本页",
    "【关闭】", "关闭窗口", "print this", "扫一扫", "二维码", "【纠错】",
    /* related articles */
    "相关文章", "相关阅读", "相关新闻", "相关链接", "推荐阅读", "推荐访问", "延伸阅读",
    NULL
  };
  static const char * const at_start[] = {
    /* editor, author and source credits */
    "责任编辑", "编辑：", "编辑:", "来源：", "来源:", "（来源", "(来源", "出处：", "作者：",
    "editor:", "edited by", "source:", "posted by", "written by",
    /* navigation and related articles */
    "上一篇", "下一篇", "返回", "related", "read more", "see also", "more from",
    "back to top", "share", "分享", "print", "打印", "tags:", "标签：",
    NULL
  };
  g_autofree char *text = NULL;
  g_autofree char *folded = NULL;
  guint length = line->cend - line->cstart;

  text = dup_range (t, line->cstart, line->cend);
  folded = g_utf8_casefold (text, -1);
  if (strstr (folded, "://") != NULL)
    return TRUE;
  if (length > MARKER_LINE_MAX)
    return FALSE;
  for (guint i = 0; anywhere[i] != NULL; i++)
    if (strstr (folded, anywhere[i]) != NULL)
      return TRUE;
  for (guint i = 0; at_start[i] != NULL; i++)
    if (g_str_has_prefix (folded, at_start[i]) ||
        (folded[0] == '[' && g_str_has_prefix (folded + 1, at_start[i])) ||
        (g_str_has_prefix (folded, "【") && g_str_has_prefix (folded + strlen ("【"), at_start[i])))
      return TRUE;
  return FALSE;
}

static gboolean
line_is_speech (Tidy *t,
                Line *line)
{
  gunichar first, last;

  if (line->cend - line->cstart < SPEECH_LINE_MIN)
    return FALSE;
  first = t->cp[line->cstart];
  last = t->cp[line->cend - 1];
  /* A fragment of a notice cut by its links: "，国家机关的决议…". */
  if (g_utf8_strchr ("，、。；：》）,;:)]", -1, first) != NULL)
    return FALSE;
  /* A line of a PDF copy stops anywhere, but holds sentence ends. */
  return g_utf8_strchr ("。！？.!?”\"）…", -1, last) != NULL || holds_sentence_end (t, line, FALSE);
}

static void
find_leftovers (Tidy *t)
{
  int earliest = -1;
  guint speech_run = 0, seen = 0;
  int i;
  guint start;
  gboolean speech_before = FALSE;

  for (i = (int) t->lines->len - 1; i >= 0 && seen < TAIL_LINES_MAX; i--)
    {
      Line *line = line_at (t, i);

      if (line->blank)
        continue;
      seen++;
      if (line_is_furniture (t, line))
        {
          earliest = i;
          speech_run = 0;
        }
      else if (line_is_speech (t, line))
        {
          if (++speech_run >= 2)
            break;
        }
      else
        speech_run = 0;
    }
  if (earliest < 0)
    return;

  /* The speech must go on above the leftovers. */
  for (i = earliest - 1; i >= 0; i--)
    if (!line_at (t, i)->blank)
      {
        speech_before = TRUE;
        break;
      }
  if (!speech_before)
    return;

  /* From the end of the speech's last line to the end of the text, the
   * text's last line end kept. */
  start = line_at (t, i)->end;
  if (start >= t->n)
    return;
  add_change (t, MG_TIDY_LEFTOVERS, start, t->n,
              t->cp[t->n - 1] == '\n' ? "\n" : "");
}

/* Line breaks */


static void
find_line_breaks (Tidy *t)
{
  guint joined = 0;  /* length of what the lines before were joined into */
  gboolean joined_prose = FALSE;

  for (guint i = 0; i + 1 < t->lines->len; i++)
    {
      Line *line = line_at (t, i);
      Line *next;
      guint j = i + 1, len_i, len_j, k;
      gunichar last, first;
      gboolean han_line, all_zero = TRUE, continues;

      gboolean prose;

      if (line->blank)
        {
          joined = 0;
          joined_prose = FALSE;
          continue;
        }
      /* The logical line: this one and those joined to it. */
      len_i = joined + (line->cend - line->cstart);
      /* Prose, not a title, a byline or a heading: a sentence ends in it,
       * or a comma stands in it, unless it is a short list item (a heading
       * "一、…，…"; "——我们…，…" running on is prose). */
      prose = joined_prose || holds_sentence_end (t, line, FALSE) ||
              (holds_sentence_end (t, line, TRUE) &&
               (line->cend - line->cstart > HEADING_MAX ||
                !starts_list_item (t->cp + line->cstart, line->cend - line->cstart)));
      joined = 0;
      joined_prose = FALSE;
      for (k = i + 1; k < t->lines->len && k - i <= 4 && line_at (t, k)->blank; k++)
        all_zero = all_zero && line_at (t, k)->zero_only;
      if (k >= t->lines->len || line_at (t, k)->blank)
        continue;
      next = line_at (t, k);
      first = t->cp[next->cstart];
      /* "，落实…": the rest of a sentence cut where a link was. */
      continues = g_utf8_strchr ("，、。；：,;", -1, first) != NULL ||
                  /* "…members of the board, and" / "residents of…" */
                  (g_unichar_islower (first) && first < 0x2E80) ||
                  /* "人" / U+200B / "民": a word cut by a page's markup */
                  (k > i + 1 && all_zero);
      /* Lines holding only zero-width characters are no paragraph gap; nor
       * is a blank line after a whole paragraph of prose that stops inside
       * a sentence (a web copy's "…去年下半年" / "以来…"), or before the
       * rest of a sentence ("，落实…"). A short line, or one without a
       * sentence in it, before a blank line is a title, a heading or a
       * byline. */
      if (k > i + 1 && !all_zero && !continues && (len_i <= PROSE_MIN || !prose))
        continue;
      j = k;
      last = t->cp[line->cend - 1];
      if (ends_sentence (t->cp + line->cstart, line->cend - line->cstart))
        continue;
      if (starts_list_item (t->cp + next->cstart, next->cend - next->cstart))
        continue;
      len_j = next->cend - next->cstart;
      if (!continues && !prose && len_i <= HEADING_MAX && len_i * 5 < len_j * 4)
        continue;
      if (is_claimed (t, line->end, next->start))
        continue;
      han_line = line->han + next->han > line->latin + next->latin;
      /* Chinese is wrapped anywhere, numbers included ("3" / "9个"):
       * nothing between; words are wrapped at a space. */
      add_change (t, MG_TIDY_LINE_BREAKS, line->end, next->start,
                  han_line || is_cjk (last, FALSE) || is_cjk (first, FALSE) ? "" : " ");
      joined = len_i;
      joined_prose = prose;
      i = j - 1;
    }
}

/* Blank lines */

static void
find_blank_lines (Tidy *t)
{
  guint i = 0;

  while (i < t->lines->len)
    {
      guint k = i, m;
      guint start, end;

      if (!line_at (t, i)->blank || is_claimed (t, line_at (t, i)->start, line_at (t, i)->end + (line_at (t, i)->end < t->n)))
        {
          i++;
          continue;
        }
      m = i;
      while (m + 1 < t->lines->len && line_at (t, m + 1)->blank &&
             !is_claimed (t, line_at (t, m + 1)->start, line_at (t, m + 1)->end))
        m++;
      i = m + 1;
      if (m == k)
        continue;  /* one blank line */
      end = m + 1 < t->lines->len ? line_at (t, m + 1)->start : t->n;
      if (k == 0)
        start = 0;                          /* nothing to separate above */
      else if (m + 1 >= t->lines->len)
        start = line_at (t, k)->start;      /* nor below */
      else
        start = line_at (t, k + 1)->start;  /* keep one */
      if (start < end && !is_claimed (t, start, end))
        add_change (t, MG_TIDY_BLANK_LINES, start, end, "");
    }
}

/* Spaces */

static void
space_run (Tidy    *t,
           guint    p,
           guint    q,
           gboolean han_line)
{
  gunichar l = t->cp[p - 1], r = t->cp[q];
  gboolean cjk_l = is_cjk (l, han_line), cjk_r = is_cjk (r, han_line);
  gboolean one_space = q - p == 1 && t->cp[p] == ' ';

  if (is_claimed (t, p, q))
    return;
  if (cjk_l || cjk_r)
    {
      if ((cjk_l && is_latin_letter (r)) || (cjk_r && is_latin_letter (l)))
        {
          if (!one_space)
            add_change (t, MG_TIDY_SPACES, p, q, " ");
        }
      else
        add_change (t, MG_TIDY_SPACES, p, q, "");
      return;
    }
  /* Between words: a run becomes one space; a lone tab or no-break space
   * is the writer's. A zero-width character alone joins nothing. */
  if (q - p >= 2)
    add_change (t, MG_TIDY_SPACES, p, q, " ");
}

static void
find_spaces (Tidy *t)
{
  for (guint i = 0; i < t->lines->len; i++)
    {
      Line *line = line_at (t, i);
      gboolean han_line = line->han > line->latin;
      guint k;

      if (line->blank)
        {
          if (line->start < line->end && !is_claimed (t, line->start, line->end))
            add_change (t, MG_TIDY_SPACES, line->start, line->end, "");
          continue;
        }
      if (line->cstart > line->start && !is_claimed (t, line->start, line->cstart))
        add_change (t, MG_TIDY_SPACES, line->start, line->cstart, "");
      for (k = line->cstart; k < line->cend; k++)
        {
          guint q;

          if (!is_space (t->cp[k]))
            continue;
          for (q = k; q < line->cend && is_space (t->cp[q]); q++)
            ;
          space_run (t, k, q, han_line);
          k = q;
        }
      if (line->end > line->cend && !is_claimed (t, line->cend, line->end))
        add_change (t, MG_TIDY_SPACES, line->cend, line->end, "");
    }
}

static int
compare_changes (gconstpointer a,
                 gconstpointer b)
{
  const MgTidyChange *x = *(MgTidyChange * const *) a;
  const MgTidyChange *y = *(MgTidyChange * const *) b;

  return x->start < y->start ? -1 : x->start > y->start;
}

GPtrArray *
mg_tidy_compute (const char *text,
                 gssize      size,
                 guint       kinds)
{
  Tidy t = { 0 };
  glong n = 0;

  g_return_val_if_fail (text != NULL, NULL);

  t.changes = g_ptr_array_new_with_free_func ((GDestroyNotify) mg_tidy_change_free);
  t.cp = g_utf8_to_ucs4_fast (text, size, &n);
  t.n = (guint) n;
  t.claimed = g_new0 (guint8, t.n + 1);
  split_lines (&t);

  if (kinds & (1u << MG_TIDY_LEFTOVERS))
    find_leftovers (&t);
  if (kinds & (1u << MG_TIDY_LINE_BREAKS))
    find_line_breaks (&t);
  if (kinds & (1u << MG_TIDY_BLANK_LINES))
    find_blank_lines (&t);
  if (kinds & (1u << MG_TIDY_SPACES))
    find_spaces (&t);

  g_ptr_array_sort (t.changes, compare_changes);
  g_array_unref (t.lines);
  g_free (t.claimed);
  g_free (t.cp);
  return t.changes;
}

void
mg_tidy_count (GPtrArray *changes,
               guint     *counts)
{
  memset (counts, 0, sizeof (guint) * MG_TIDY_N_KINDS);
  for (guint i = 0; i < changes->len; i++)
    counts[((MgTidyChange *) g_ptr_array_index (changes, i))->kind]++;
}

gboolean
mg_tidy_is_needed (const guint *counts)
{
  return counts[MG_TIDY_LEFTOVERS] > 0 || counts[MG_TIDY_LINE_BREAKS] >= 3 ||
         counts[MG_TIDY_BLANK_LINES] >= 3 || counts[MG_TIDY_SPACES] >= 10;
}

char *
mg_tidy_apply_text (const char *text,
                    GPtrArray  *changes)
{
  GString *out = g_string_sized_new (strlen (text));
  const char *p = text;
  guint offset = 0;

  for (guint i = 0; i < changes->len; i++)
    {
      MgTidyChange *c = g_ptr_array_index (changes, i);
      const char *q = p;

      while (offset < c->start && *q != '\0')
        {
          q = g_utf8_next_char (q);
          offset++;
        }
      g_string_append_len (out, p, q - p);
      g_string_append (out, c->after);
      while (offset < c->end && *q != '\0')
        {
          q = g_utf8_next_char (q);
          offset++;
        }
      p = q;
    }
  g_string_append (out, p);
  return g_string_free (out, FALSE);
}

guint
mg_tidy_map_offset (GPtrArray *changes,
                    guint      offset,
                    gboolean   at_end)
{
  gint64 delta = 0;

  for (guint i = 0; i < changes->len; i++)
    {
      MgTidyChange *c = g_ptr_array_index (changes, i);
      gint64 after = g_utf8_strlen (c->after, -1);

      if (offset <= c->start && !(at_end && offset == c->start && c->start == c->end))
        break;
      if (offset < c->end || (offset == c->end && at_end && offset == c->start))
        return (guint) (c->start + delta + (at_end ? after : 0));
      delta += after - (gint64) (c->end - c->start);
    }
  return (guint) (offset + delta);
}

guint
mg_tidy_carry_annotations (GPtrArray  *changes,
                           GPtrArray  *annotations,
                           MgDocument *new_document)
{
  guint carried = 0;

  for (guint i = 0; i < annotations->len; i++)
    {
      MgAnnotation *a = g_ptr_array_index (annotations, i);
      guint start, end;
      g_autofree char *quote = NULL;

      if (mg_annotation_is_orphaned (a))
        continue;
      start = mg_tidy_map_offset (changes, mg_annotation_get_start (a), FALSE);
      end = mg_tidy_map_offset (changes, mg_annotation_get_end (a), TRUE);
      /* White space removed at either edge is no part of the quote. */
      quote = mg_document_dup_slice (new_document, start, end);
      while (start < end && mg_document_unichar_is_blank (g_utf8_get_char (quote)))
        {
          g_autofree char *rest = g_strdup (g_utf8_next_char (quote));

          g_free (quote);
          quote = g_steal_pointer (&rest);
          start++;
        }
      while (start < end)
        {
          char *last = g_utf8_prev_char (quote + strlen (quote));

          if (!mg_document_unichar_is_blank (g_utf8_get_char (last)))
            break;
          *last = '\0';
          end--;
        }
      if (start >= end)
        continue;  /* it stood in what was removed */
      g_object_freeze_notify (G_OBJECT (a));
      mg_annotation_set_range (a, start, end);
      mg_annotation_set_quote (a, quote);
      mg_annotation_fill_context (a, new_document);
      g_object_thaw_notify (G_OBJECT (a));
      carried++;
    }
  return carried;
}

GBytes *
mg_tidy_encode (const char *text,
                MgEncoding  encoding,
                gboolean    bom,
                const char *line_ending,
                GError    **error)
{
  g_autofree char *lines = NULL;
  g_autofree char *converted = NULL;
  gsize converted_len = 0;
  GByteArray *out = g_byte_array_new ();
  const char *eol = g_strcmp0 (line_ending, "CRLF") == 0 ? "\r\n"
                  : g_strcmp0 (line_ending, "CR") == 0 ? "\r" : NULL;

  if (eol != NULL)
    {
      g_auto(GStrv) parts = g_strsplit (text, "\n", -1);

      lines = g_strjoinv (eol, parts);
    }
  else
    lines = g_strdup (text);

  switch (encoding)
    {
    case MG_ENCODING_UTF16LE:
    case MG_ENCODING_UTF16BE:
    case MG_ENCODING_GB18030:
      converted = g_convert (lines, -1, mg_encoding_to_string (encoding), "UTF-8",
                             NULL, &converted_len, error);
      if (converted == NULL)
        {
          g_byte_array_unref (out);
          return NULL;
        }
      break;
    case MG_ENCODING_UTF8:
    default:
      converted = g_steal_pointer (&lines);
      converted_len = strlen (converted);
      break;
    }

  if (bom)
    {
      static const guint8 utf8_bom[] = { 0xEF, 0xBB, 0xBF };
      static const guint8 le_bom[] = { 0xFF, 0xFE };
      static const guint8 be_bom[] = { 0xFE, 0xFF };

      if (encoding == MG_ENCODING_UTF16LE)
        g_byte_array_append (out, le_bom, 2);
      else if (encoding == MG_ENCODING_UTF16BE)
        g_byte_array_append (out, be_bom, 2);
      else if (encoding == MG_ENCODING_UTF8)
        g_byte_array_append (out, utf8_bom, 3);
    }
  g_byte_array_append (out, (const guint8 *) converted, converted_len);
  return g_byte_array_free_to_bytes (out);
}

/* The annotations of @sidecar, carried over to @new_document, in a new
 * sidecar for @file bound to it (tags, dismissed suggestions and members
 * we do not know kept as read). */
static MgSidecar *
carry_sidecar (MgSidecar    *sidecar,
               GFile        *file,
               GPtrArray    *changes,
               MgDocument   *new_document,
               MgTidyReport *report,
               GError      **error)
{
  MgAnnotationStore *store = mg_sidecar_get_store (sidecar);
  g_autoptr(MgSidecar) carried = mg_sidecar_new (file, new_document);
  g_autoptr(GBytes) bytes = mg_sidecar_serialize (sidecar);
  g_autoptr(GPtrArray) copies = g_ptr_array_new_with_free_func (g_object_unref);
  MgAnchorReport anchor = { 0 };
  guint n = mg_annotation_store_get_n_annotations (store);

  for (guint i = 0; i < n; i++)
    g_ptr_array_add (copies, mg_annotation_copy (mg_annotation_store_get_annotation (store, i)));
  mg_tidy_carry_annotations (changes, copies, new_document);
  mg_anchor_annotations (copies, new_document, &anchor);

  if (!mg_sidecar_load_bytes (carried, bytes, error))
    return NULL;
  mg_annotation_store_load (mg_sidecar_get_store (carried), copies);
  if (report != NULL)
    {
      report->exact = anchor.exact;
      report->moved = anchor.moved;
      report->fuzzy = anchor.fuzzy;
      report->orphaned = anchor.orphaned;
      report->annotations = n;
    }
  return g_steal_pointer (&carried);
}

static MgDocument *
document_for_bytes (GBytes     *bytes,
                    GFile      *file,
                    const char *expected,
                    GError    **error)
{
  g_autoptr(MgTextSource) source = NULL;

  source = mg_text_source_new_for_file_bytes (file, bytes, error);
  if (source == NULL)
    return NULL;
  if (strcmp (mg_text_source_get_text (source), expected) != 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("The tidied text of “%s” cannot be written in its encoding"),
                   g_file_peek_path (file));
      return NULL;
    }
  return mg_document_new_from_source (source);
}

static gboolean
has_annotations (MgSidecar *sidecar)
{
  return sidecar != NULL && mg_sidecar_get_exists (sidecar) &&
         mg_annotation_store_get_n_annotations (mg_sidecar_get_store (sidecar)) > 0;
}

MgDocument *
mg_tidy_rewrite (MgDocument    *document,
                 MgSidecar     *sidecar,
                 GPtrArray     *changes,
                 MgSidecar    **out_sidecar,
                 MgTidyReport  *report,
                 GError       **error)
{
  MgTextSource *source;
  GFile *file;
  g_autofree char *text = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GBytes) old_sidecar_bytes = NULL;
  g_autoptr(MgDocument) new_document = NULL;
  g_autoptr(MgSidecar) new_sidecar = NULL;
  g_autoptr(GError) local = NULL;

  g_return_val_if_fail (MG_IS_DOCUMENT (document), NULL);

  source = mg_document_get_source (document);
  file = mg_document_get_file (document);
  if (source == NULL || file == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   _("This speech has no file to rewrite"));
      return NULL;
    }
  if (report != NULL)
    {
      memset (report, 0, sizeof *report);
      mg_tidy_count (changes, report->counts);
    }

  text = mg_tidy_apply_text (mg_document_get_text (document), changes);
  bytes = mg_tidy_encode (text, mg_text_source_get_encoding (source),
                          mg_text_source_get_had_bom (source),
                          mg_text_source_get_line_ending (source), error);
  if (bytes == NULL)
    return NULL;
  new_document = document_for_bytes (bytes, file, text, error);
  if (new_document == NULL)
    return NULL;

  if (sidecar != NULL && mg_sidecar_get_exists (sidecar))
    {
      GFile *sidecar_file = mg_sidecar_get_file (sidecar);
      char *contents = NULL;
      gsize len = 0;

      if (g_file_load_contents (sidecar_file, NULL, &contents, &len, NULL, NULL))
        old_sidecar_bytes = g_bytes_new_take (contents, len);
      new_sidecar = carry_sidecar (sidecar, sidecar_file, changes, new_document, report, error);
      if (new_sidecar == NULL)
        return NULL;
      /* The sidecar first: when the speech cannot be written, the old
       * sidecar's bytes go back. */
      if (!mg_sidecar_save (new_sidecar, NULL, error))
        return NULL;
    }
  else if (sidecar != NULL)
    new_sidecar = mg_sidecar_new (mg_sidecar_get_file (sidecar), new_document);

  if (!mg_file_replace_with_backup (file, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                                    &local))
    {
      if (old_sidecar_bytes != NULL)
        mg_file_write_output (mg_sidecar_get_file (sidecar), old_sidecar_bytes, NULL, NULL);
      g_propagate_prefixed_error (error, g_steal_pointer (&local), _("Cannot write “%s”: "),
                                  g_file_peek_path (file));
      return NULL;
    }

  if (out_sidecar != NULL)
    *out_sidecar = g_steal_pointer (&new_sidecar);
  return g_steal_pointer (&new_document);
}

gboolean
mg_tidy_write_copy (MgDocument    *document,
                    MgSidecar     *sidecar,
                    GPtrArray     *changes,
                    GFile         *out,
                    MgTidyReport  *report,
                    GError       **error)
{
  g_autofree char *text = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(MgDocument) new_document = NULL;
  g_autoptr(MgSidecar) new_sidecar = NULL;
  g_autoptr(GFile) out_sidecar = mg_sidecar_default_file (out);
  g_autoptr(GBytes) previous = NULL;
  gboolean had_previous = FALSE;
  g_autoptr(GError) local = NULL;

  if (report != NULL)
    {
      memset (report, 0, sizeof *report);
      mg_tidy_count (changes, report->counts);
    }
  text = mg_tidy_apply_text (mg_document_get_text (document), changes);
  bytes = g_bytes_new (text, strlen (text));
  new_document = document_for_bytes (bytes, out, text, error);
  if (new_document == NULL)
    return FALSE;

  if (has_annotations (sidecar))
    {
      char *contents = NULL;
      gsize len = 0;

      if (g_file_load_contents (out_sidecar, NULL, &contents, &len, NULL, NULL))
        {
          previous = g_bytes_new_take (contents, len);
          had_previous = TRUE;
        }
      new_sidecar = carry_sidecar (sidecar, out_sidecar, changes, new_document, report, error);
      if (new_sidecar == NULL || !mg_sidecar_save (new_sidecar, NULL, error))
        return FALSE;
    }

  if (!mg_file_write_output (out, bytes, NULL, &local))
    {
      if (new_sidecar != NULL)
        {
          if (had_previous)
            mg_file_write_output (out_sidecar, previous, NULL, NULL);
          else
            g_file_delete (out_sidecar, NULL, NULL);
        }
      g_propagate_prefixed_error (error, g_steal_pointer (&local), _("Cannot write “%s”: "),
                                  g_file_peek_path (out));
      return FALSE;
    }
  return TRUE;
}

gboolean
mg_tidy_restore (GFile   *document_file,
                 GBytes  *document_bytes,
                 GFile   *sidecar_file,
                 GBytes  *sidecar_bytes,
                 GError **error)
{
  if (!mg_file_write_output (document_file, document_bytes, NULL, error))
    return FALSE;
  if (sidecar_file == NULL)
    return TRUE;
  if (sidecar_bytes == NULL)
    {
      g_autoptr(GError) local = NULL;

      if (!g_file_delete (sidecar_file, NULL, &local) &&
          !g_error_matches (local, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
        {
          g_propagate_error (error, g_steal_pointer (&local));
          return FALSE;
        }
      return TRUE;
    }
  return mg_file_write_output (sidecar_file, sidecar_bytes, NULL, error);
}
