/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Marginalia"
#include "config.h"

#include <string.h>

#include "mg-checksum.h"
#include "mg-document.h"

/* One byte offset is kept for every CHECKPOINT_STRIDE code points, so a
 * lookup walks at most that many characters. */
#define CHECKPOINT_STRIDE 64

typedef struct
{
  guint start;
  guint end;
} Range;

struct _MgDocument
{
  GObject       parent_instance;

  MgTextSource *source;      /* owns text when set */
  char         *owned_text;  /* text when made from a string */
  const char   *text;
  gsize         size;
  guint         length;

  GFile        *file;
  char         *name;
  char         *sha256;
  char         *title;
  const char   *language;
  MgEncoding    encoding;

  GArray       *paragraphs;  /* Range, in code points */
  GArray       *sentences;   /* guint: sentence starts inside long paragraphs
                              * (after each paragraph's first), ascending */
  gsize        *checkpoints; /* byte offset of code point k * CHECKPOINT_STRIDE */
  guint         n_checkpoints;
};

G_DEFINE_FINAL_TYPE (MgDocument, mg_document, G_TYPE_OBJECT)

gboolean
mg_document_unichar_is_blank (gunichar c)
{
  return g_unichar_isspace (c) || c == 0x200B || c == 0xFEFF || c == 0x3000;
}

static void
mg_document_dispose (GObject *object)
{
  MgDocument *self = (MgDocument *) object;

  g_clear_object (&self->file);

  G_OBJECT_CLASS (mg_document_parent_class)->dispose (object);
}

static void
mg_document_finalize (GObject *object)
{
  MgDocument *self = (MgDocument *) object;

  self->text = NULL;
  g_clear_object (&self->source);
  g_clear_pointer (&self->owned_text, g_free);
  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->sha256, g_free);
  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->paragraphs, g_array_unref);
  g_clear_pointer (&self->sentences, g_array_unref);
  g_clear_pointer (&self->checkpoints, g_free);

  G_OBJECT_CLASS (mg_document_parent_class)->finalize (object);
}

static void
mg_document_class_init (MgDocumentClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = mg_document_dispose;
  object_class->finalize = mg_document_finalize;
}

static void
mg_document_init (MgDocument *self)
{
  self->paragraphs = g_array_new (FALSE, FALSE, sizeof (Range));
  self->sentences = g_array_new (FALSE, FALSE, sizeof (guint));
  self->language = "en";
  self->encoding = MG_ENCODING_UTF8;
}

static inline gboolean
is_han (gunichar c)
{
  return (c >= 0x4E00 && c <= 0x9FFF) ||
         (c >= 0x3400 && c <= 0x4DBF) ||
         (c >= 0xF900 && c <= 0xFAFF) ||
         (c >= 0x20000 && c <= 0x323AF);
}

static char *
trim_blank (const char *s,
            gsize       len)
{
  const char *start = s;
  const char *end = s + len;

  while (start < end && mg_document_unichar_is_blank (g_utf8_get_char (start)))
    start = g_utf8_next_char (start);
  while (end > start)
    {
      const char *prev = g_utf8_prev_char (end);

      if (!mg_document_unichar_is_blank (g_utf8_get_char (prev)))
        break;
      end = prev;
    }
  return g_strndup (start, end - start);
}

/* The title guess's rule (sidecar-format.md): at most 80 code points, not
 * ending with a colon (a salutation) or sentence-final punctuation (a
 * sentence, or a whole speech on one line). */
static gboolean
title_is_acceptable (const char *title)
{
  const char *p = title;
  gunichar last;

  if (*title == '\0')
    return FALSE;
  /* A one-line speech is long: count no further than needed. */
  for (guint n = 0; *p != '\0'; n++, p = g_utf8_next_char (p))
    if (n == MG_DOCUMENT_TITLE_MAX)
      return FALSE;
  last = g_utf8_get_char (g_utf8_prev_char (title + strlen (title)));
  return g_utf8_strchr (":：。！？.!?", -1, last) == NULL;
}

static char *
name_without_extension (const char *name)
{
  const char *dot;

  if (name == NULL)
    return g_strdup ("");
  dot = strrchr (name, '.');
  /* ".hidden" keeps its name. */
  if (dot == NULL || dot == name)
    return g_strdup (name);
  return g_strndup (name, dot - name);
}

/* One pass over the text: code point count, checkpoints, paragraphs,
 * title and the letters the language guess needs. */
static void
build_index (MgDocument *self)
{
  const guchar *text = (const guchar *) self->text;
  gsize size = self->size;
  gsize i = 0;
  guint offset = 0;
  guint line_start = 0;
  gsize line_start_byte = 0;
  gboolean line_blank = TRUE;
  gboolean in_paragraph = FALSE;
  Range para = { 0, 0 };
  gsize title_start = 0, title_end = 0;
  gboolean have_title = FALSE;
  gsize letters = 0, han = 0;
  guint until_checkpoint = 1;
  guint cap;

  /* Never more code points than bytes. */
  cap = (guint) (size / CHECKPOINT_STRIDE) + 2;
  self->checkpoints = g_new (gsize, cap);
  self->n_checkpoints = 0;

  while (TRUE)
    {
      gboolean at_end = i >= size;

      if (at_end || text[i] == '\n')
        {
          if (!line_blank)
            {
              if (!in_paragraph)
                {
                  para.start = line_start;
                  in_paragraph = TRUE;
                }
              para.end = offset;
              if (!have_title)
                {
                  title_start = line_start_byte;
                  title_end = i;
                  have_title = TRUE;
                }
            }
          else if (in_paragraph)
            {
              g_array_append_val (self->paragraphs, para);
              in_paragraph = FALSE;
            }

          if (at_end)
            break;

          if (--until_checkpoint == 0)
            {
              self->checkpoints[self->n_checkpoints++] = i;
              until_checkpoint = CHECKPOINT_STRIDE;
            }
          i++;
          offset++;
          line_start = offset;
          line_start_byte = i;
          line_blank = TRUE;
          continue;
        }

      if (--until_checkpoint == 0)
        {
          self->checkpoints[self->n_checkpoints++] = i;
          until_checkpoint = CHECKPOINT_STRIDE;
        }

      if (text[i] < 0x80)
        {
          guchar c = text[i];

          if (line_blank && !(c == ' ' || c == '\t' || c == '\f' || c == '\r'))
            line_blank = FALSE;
          if ((c | 0x20) >= 'a' && (c | 0x20) <= 'z')
            letters++;
          i++;
        }
      else
        {
          gunichar c;
          guint n;

          /* The text is valid UTF-8: decode inline, this loop is the
           * whole cost of opening a large document. */
          if (text[i] < 0xE0)
            {
              c = ((text[i] & 0x1F) << 6) | (text[i + 1] & 0x3F);
              n = 2;
            }
          else if (text[i] < 0xF0)
            {
              c = ((text[i] & 0x0F) << 12) | ((text[i + 1] & 0x3F) << 6) | (text[i + 2] & 0x3F);
              n = 3;
            }
          else
            {
              c = ((text[i] & 0x07) << 18) | ((text[i + 1] & 0x3F) << 12) |
                  ((text[i + 2] & 0x3F) << 6) | (text[i + 3] & 0x3F);
              n = 4;
            }

          if (line_blank && !mg_document_unichar_is_blank (c))
            line_blank = FALSE;
          if (is_han (c))
            {
              han++;
              letters++;
            }
          else if (g_unichar_isalpha (c))
            letters++;
          i += n;
        }
      offset++;
    }

  if (in_paragraph)
    g_array_append_val (self->paragraphs, para);

  /* A last checkpoint at the end keeps lookups near the end short. */
  if (until_checkpoint == 1)
    self->checkpoints[self->n_checkpoints++] = size;

  g_assert (self->n_checkpoints <= cap);

  self->length = offset;
  self->language = (han > 0 && han * 2 > letters) ? "zh" : "en";
  self->title = have_title ? trim_blank (self->text + title_start, title_end - title_start)
                           : g_strdup ("");
  if (!title_is_acceptable (self->title))
    {
      g_free (self->title);
      self->title = name_without_extension (self->name);
    }
}

static void index_sentences (MgDocument *self);

static void
finish_init (MgDocument *self)
{
  self->sha256 = mg_sha256_hex (self->text, self->size);
  build_index (self);
  index_sentences (self);
}

MgDocument *
mg_document_new_from_source (MgTextSource *source)
{
  MgDocument *self;
  GFile *file;

  g_return_val_if_fail (MG_IS_TEXT_SOURCE (source), NULL);

  self = g_object_new (MG_TYPE_DOCUMENT, NULL);
  self->source = g_object_ref (source);
  self->text = mg_text_source_get_text (source);
  self->size = mg_text_source_get_size (source);
  self->encoding = mg_text_source_get_encoding (source);
  self->name = g_strdup (mg_text_source_get_name (source));
  file = mg_text_source_get_file (source);
  self->file = file != NULL ? g_object_ref (file) : NULL;
  finish_init (self);

  return self;
}

MgDocument *
mg_document_new_for_text (const char *text,
                          gssize      length,
                          const char *name)
{
  MgDocument *self;
  gsize len;

  g_return_val_if_fail (text != NULL, NULL);

  len = length < 0 ? strlen (text) : (gsize) length;
  g_return_val_if_fail (g_utf8_validate_len (text, len, NULL), NULL);

  self = g_object_new (MG_TYPE_DOCUMENT, NULL);
  self->owned_text = g_strndup (text, len);
  self->text = self->owned_text;
  self->size = len;
  self->name = g_strdup (name != NULL ? name : "");
  finish_init (self);

  return self;
}

MgDocument *
mg_document_load (GFile         *file,
                  GCancellable  *cancellable,
                  GError       **error)
{
  g_autoptr(MgTextSource) source = NULL;

  g_return_val_if_fail (G_IS_FILE (file), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  source = mg_text_source_new_for_file (file, cancellable, error);
  if (source == NULL)
    return NULL;
  return mg_document_new_from_source (source);
}

MgDocumentFileState
mg_document_check_file (MgDocument    *self,
                        char         **out_sha256,
                        GCancellable  *cancellable,
                        GError       **error)
{
  g_autoptr(MgDocument) now = NULL;
  g_autoptr(GError) local_error = NULL;
  GFile *file;

  g_return_val_if_fail (MG_IS_DOCUMENT (self), MG_DOCUMENT_FILE_SAME);
  g_return_val_if_fail (error == NULL || *error == NULL, MG_DOCUMENT_FILE_SAME);

  if (out_sha256 != NULL)
    *out_sha256 = NULL;
  file = mg_document_get_file (self);
  if (file == NULL)
    return MG_DOCUMENT_FILE_SAME;
  now = mg_document_load (file, cancellable, &local_error);
  if (now == NULL)
    {
      if (g_error_matches (local_error, MG_TEXT_SOURCE_ERROR, MG_TEXT_SOURCE_ERROR_NOT_FOUND))
        return MG_DOCUMENT_FILE_GONE;
      g_propagate_error (error, g_steal_pointer (&local_error));
      return MG_DOCUMENT_FILE_UNREADABLE;
    }
  if (g_strcmp0 (mg_document_get_sha256 (now), mg_document_get_sha256 (self)) == 0)
    return MG_DOCUMENT_FILE_SAME;
  if (out_sha256 != NULL)
    *out_sha256 = g_strdup (mg_document_get_sha256 (now));
  return MG_DOCUMENT_FILE_CHANGED;
}

const char *
mg_document_get_text (MgDocument *self)
{
  g_return_val_if_fail (MG_IS_DOCUMENT (self), NULL);

  return self->text;
}

gsize
mg_document_get_size (MgDocument *self)
{
  g_return_val_if_fail (MG_IS_DOCUMENT (self), 0);

  return self->size;
}

guint
mg_document_get_length (MgDocument *self)
{
  g_return_val_if_fail (MG_IS_DOCUMENT (self), 0);

  return self->length;
}

const char *
mg_document_get_sha256 (MgDocument *self)
{
  g_return_val_if_fail (MG_IS_DOCUMENT (self), NULL);

  return self->sha256;
}

const char *
mg_document_get_title (MgDocument *self)
{
  g_return_val_if_fail (MG_IS_DOCUMENT (self), NULL);

  return self->title;
}

const char *
mg_document_get_name (MgDocument *self)
{
  g_return_val_if_fail (MG_IS_DOCUMENT (self), NULL);

  return self->name;
}

MgTextSource *
mg_document_get_source (MgDocument *self)
{
  g_return_val_if_fail (MG_IS_DOCUMENT (self), NULL);

  return self->source;
}

GFile *
mg_document_get_file (MgDocument *self)
{
  g_return_val_if_fail (MG_IS_DOCUMENT (self), NULL);

  return self->file;
}

MgEncoding
mg_document_get_encoding (MgDocument *self)
{
  g_return_val_if_fail (MG_IS_DOCUMENT (self), MG_ENCODING_UTF8);

  return self->encoding;
}

const char *
mg_document_get_language (MgDocument *self)
{
  g_return_val_if_fail (MG_IS_DOCUMENT (self), NULL);

  return self->language;
}

guint
mg_document_get_n_paragraphs (MgDocument *self)
{
  g_return_val_if_fail (MG_IS_DOCUMENT (self), 0);

  return self->paragraphs->len;
}

guint
mg_document_get_paragraph_at (MgDocument *self,
                              guint       offset)
{
  guint lo, hi;

  g_return_val_if_fail (MG_IS_DOCUMENT (self), 0);

  if (self->paragraphs->len == 0)
    return 0;

  /* The first paragraph that ends after @offset holds it, or follows it. */
  lo = 0;
  hi = self->paragraphs->len;
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (g_array_index (self->paragraphs, Range, mid).end > offset)
        hi = mid;
      else
        lo = mid + 1;
    }

  if (lo == self->paragraphs->len)
    return self->paragraphs->len;
  return lo + 1;
}

gboolean
mg_document_get_paragraph_range (MgDocument *self,
                                 guint       n,
                                 guint      *start,
                                 guint      *end)
{
  const Range *r;

  g_return_val_if_fail (MG_IS_DOCUMENT (self), FALSE);

  if (n == 0 || n > self->paragraphs->len)
    return FALSE;

  r = &g_array_index (self->paragraphs, Range, n - 1);
  if (start != NULL)
    *start = r->start;
  if (end != NULL)
    *end = r->end;
  return TRUE;
}

gsize
mg_document_offset_to_byte (MgDocument *self,
                            guint       offset)
{
  const char *p;
  guint k, rest;

  g_return_val_if_fail (MG_IS_DOCUMENT (self), 0);

  if (offset >= self->length)
    return self->size;

  k = offset / CHECKPOINT_STRIDE;
  rest = offset % CHECKPOINT_STRIDE;
  p = self->text + self->checkpoints[k];
  /* Eight bytes at a time while eight code points or more are left (so
   * the eight bytes lie before the one sought): each byte that is not a
   * continuation byte (10xxxxxx) starts one, and the continuation bytes
   * of the last one started are skipped after them. */
  while (rest >= 8)
    {
      guint64 w;

      memcpy (&w, p, sizeof w);
      /* One bit a continuation byte, summed by the multiplication into
       * the top byte. */
      w = (w & ~(w << 1) & G_GUINT64_CONSTANT (0x8080808080808080)) >> 7;
      rest -= 8 - (guint) ((w * G_GUINT64_CONSTANT (0x0101010101010101)) >> 56);
      p += 8;
      while (((guchar) *p & 0xC0) == 0x80)
        p++;
    }
  while (rest-- > 0)
    p = g_utf8_next_char (p);
  return p - self->text;
}

guint
mg_document_byte_to_offset (MgDocument *self,
                            gsize       byte)
{
  guint lo, hi, offset;
  const char *p, *target;

  g_return_val_if_fail (MG_IS_DOCUMENT (self), 0);

  if (byte >= self->size)
    return self->length;

  /* A byte inside a character belongs to that character. */
  while (byte > 0 && ((guchar) self->text[byte] & 0xC0) == 0x80)
    byte--;

  /* The last checkpoint at or before @byte. */
  lo = 0;
  hi = self->n_checkpoints;
  while (hi - lo > 1)
    {
      guint mid = lo + (hi - lo) / 2;

      if (self->checkpoints[mid] <= byte)
        lo = mid;
      else
        hi = mid;
    }

  offset = lo * CHECKPOINT_STRIDE;
  p = self->text + self->checkpoints[lo];
  target = self->text + byte;
  while (p < target)
    {
      p = g_utf8_next_char (p);
      offset++;
    }
  return offset;
}

char *
mg_document_dup_slice (MgDocument *self,
                       guint       start,
                       guint       end)
{
  gsize b0, b1;

  g_return_val_if_fail (MG_IS_DOCUMENT (self), NULL);

  if (end < start)
    end = start;
  b0 = mg_document_offset_to_byte (self, start);
  b1 = mg_document_offset_to_byte (self, end);
  return g_strndup (self->text + b0, b1 - b0);
}

static inline gboolean
is_terminator (gunichar    c,
               const char *next,
               const char *text_end)
{
  switch (c)
    {
    case 0x3002: /* 。 */
    case 0xFF01: /* ！ */
    case 0xFF1F: /* ？ */
    case 0xFF1B: /* ； */
    case '!':
    case '?':
      return TRUE;

    case '.':
      /* "6.5%", "www.gov.cn": a full stop ends a sentence only before a
       * space, a line end, a closing mark or the end of the text. */
      return next >= text_end || !g_ascii_isalnum (*next);

    default:
      return FALSE;
    }
}

static inline gboolean
is_closing_mark (gunichar c)
{
  switch (c)
    {
    case 0x201D: /* ” */
    case 0x2019: /* ’ */
    case '"':
    case '\'':
    case ')':
    case 0xFF09: /* ） */
    case 0x300D: /* 」 */
    case 0x300F: /* 』 */
    case 0x3011: /* 】 */
    case 0x300B: /* 》 */
      return TRUE;

    default:
      return FALSE;
    }
}

char *
mg_document_dup_sentence (MgDocument *self,
                          guint       start,
                          guint       end)
{
  const char *text_end;
  const char *lo_p, *hi_p, *s, *e;
  guint para, lo = 0, hi = 0, tmp;

  g_return_val_if_fail (MG_IS_DOCUMENT (self), NULL);

  start = MIN (start, self->length);
  end = CLAMP (end, start, self->length);
  text_end = self->text + self->size;

  /* Bounds: the paragraph of the first character and of the last one. */
  lo = start;
  para = mg_document_get_paragraph_at (self, start);
  if (para != 0 && mg_document_get_paragraph_range (self, para, &tmp, NULL))
    lo = MIN (lo, tmp);
  hi = end;
  para = mg_document_get_paragraph_at (self, end > start ? end - 1 : end);
  if (para != 0 && mg_document_get_paragraph_range (self, para, NULL, &tmp))
    hi = MAX (hi, tmp);
  lo_p = self->text + mg_document_offset_to_byte (self, lo);
  hi_p = self->text + mg_document_offset_to_byte (self, hi);

  /* Back to just after the previous sentence's terminator (and its
   * closing marks), keeping that terminator out. */
  s = self->text + mg_document_offset_to_byte (self, start);
  while (s > lo_p)
    {
      const char *prev = g_utf8_prev_char (s);
      gunichar c = g_utf8_get_char (prev);

      if (is_terminator (c, s, text_end))
        break;
      if (is_closing_mark (c) && prev > lo_p)
        {
          const char *before = g_utf8_prev_char (prev);
          gunichar b = g_utf8_get_char (before);

          if (is_terminator (b, prev, text_end))
            break;
        }
      s = prev;
    }

  /* Forward to the end of this sentence's terminator, unless the range
   * already ends with one. */
  e = self->text + mg_document_offset_to_byte (self, end);
  if (!(end > start && is_terminator (g_utf8_get_char (g_utf8_prev_char (e)), e, text_end)))
    {
      while (e < hi_p)
        {
          gunichar c = g_utf8_get_char (e);

          e = g_utf8_next_char (e);
          if (is_terminator (c, e, text_end))
            break;
        }
    }
  /* A closing quote or bracket right after the terminator belongs to it. */
  while (e < hi_p && is_closing_mark (g_utf8_get_char (e)) &&
         e > s && (is_terminator (g_utf8_get_char (g_utf8_prev_char (e)), e, text_end) ||
                   is_closing_mark (g_utf8_get_char (g_utf8_prev_char (e)))))
    e = g_utf8_next_char (e);

  return trim_blank (s, e - s);
}

/* Sentence starts inside the paragraphs longer than
 * MG_DOCUMENT_LONG_PARAGRAPH: a sentence starts at the first non-blank
 * character after a run of terminators and the closing marks that follow
 * them. One pass over those paragraphs only, at load time, so that the
 * document stays immutable (and readable from any thread) afterwards. */
static void
index_sentences (MgDocument *self)
{
  const char *text_end = self->text + self->size;

  for (guint i = 0; i < self->paragraphs->len; i++)
    {
      Range *r = &g_array_index (self->paragraphs, Range, i);
      const char *p, *end;
      guint offset;
      gboolean after_stop = FALSE;

      if (r->end - r->start <= MG_DOCUMENT_LONG_PARAGRAPH)
        continue;
      p = self->text + mg_document_offset_to_byte (self, r->start);
      end = self->text + mg_document_offset_to_byte (self, r->end);
      for (offset = r->start; p < end; offset++)
        {
          gunichar c = g_utf8_get_char (p);
          const char *next = g_utf8_next_char (p);

          if (is_terminator (c, next, text_end) ||
              (after_stop && (is_closing_mark (c) || mg_document_unichar_is_blank (c) ||
                              c == 0x2026 /* … */)))
            after_stop = TRUE;
          else if (after_stop)
            {
              g_array_append_val (self->sentences, offset);
              after_stop = FALSE;
            }
          p = next;
        }
    }
}

guint
mg_document_get_sentence_at (MgDocument *self,
                             guint       offset)
{
  guint para, pstart, pend, lo, hi, first;

  g_return_val_if_fail (MG_IS_DOCUMENT (self), 0);

  para = mg_document_get_paragraph_at (self, offset);
  if (para == 0 || !mg_document_get_paragraph_range (self, para, &pstart, &pend))
    return 0;
  if (pend - pstart <= MG_DOCUMENT_LONG_PARAGRAPH)
    return 0;
  offset = CLAMP (offset, pstart, pend);

  /* Starts before the paragraph, then starts up to @offset. */
  lo = 0;
  hi = self->sentences->len;
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (g_array_index (self->sentences, guint, mid) < pstart)
        lo = mid + 1;
      else
        hi = mid;
    }
  first = lo;
  hi = self->sentences->len;
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (g_array_index (self->sentences, guint, mid) <= offset)
        lo = mid + 1;
      else
        hi = mid;
    }
  return 1 + (lo - first);
}

char *
mg_document_format_location (MgDocument *self,
                             guint       offset)
{
  guint para, sentence;

  g_return_val_if_fail (MG_IS_DOCUMENT (self), NULL);

  para = mg_document_get_paragraph_at (self, offset);
  if (para == 0)
    return g_strdup ("");
  sentence = mg_document_get_sentence_at (self, offset);
  return mg_location_format (para, sentence);
}

char *
mg_location_format (guint paragraph,
                    guint sentence)
{
  if (paragraph == 0)
    return g_strdup ("");
  if (sentence == 0)
    return g_strdup_printf ("¶%u", paragraph);
  return g_strdup_printf ("¶%u s.%u", paragraph, sentence);
}
