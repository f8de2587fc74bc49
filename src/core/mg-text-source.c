/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Marginalia"
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "mg-text-source.h"

struct _MgTextSource
{
  GObject     parent_instance;

  GFile      *file;
  char       *name;

  char       *text;
  gsize       size;

  MgEncoding  encoding;
  const char *line_ending;
  guint       had_bom : 1;
};

G_DEFINE_FINAL_TYPE (MgTextSource, mg_text_source, G_TYPE_OBJECT)

G_DEFINE_QUARK (mg-text-source-error-quark, mg_text_source_error)

static const char * const encoding_names[] = {
  [MG_ENCODING_UTF8]    = "UTF-8",
  [MG_ENCODING_UTF16LE] = "UTF-16LE",
  [MG_ENCODING_UTF16BE] = "UTF-16BE",
  [MG_ENCODING_GB18030] = "GB18030",
};

const char *
mg_encoding_to_string (MgEncoding encoding)
{
  g_return_val_if_fail (encoding <= MG_ENCODING_GB18030, NULL);

  return encoding_names[encoding];
}

gboolean
mg_encoding_from_string (const char *name,
                         MgEncoding *out_encoding)
{
  g_return_val_if_fail (name != NULL, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (encoding_names); i++)
    {
      if (strcmp (name, encoding_names[i]) == 0)
        {
          if (out_encoding != NULL)
            *out_encoding = (MgEncoding) i;
          return TRUE;
        }
    }
  return FALSE;
}

static void
mg_text_source_finalize (GObject *object)
{
  MgTextSource *self = (MgTextSource *) object;

  g_clear_object (&self->file);
  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->text, g_free);

  G_OBJECT_CLASS (mg_text_source_parent_class)->finalize (object);
}

static void
mg_text_source_class_init (MgTextSourceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = mg_text_source_finalize;
}

static void
mg_text_source_init (MgTextSource *self)
{
  self->encoding = MG_ENCODING_UTF8;
  self->line_ending = "none";
}

/* Decoding */

typedef struct
{
  const char *magic;
  gsize       len;
  const char *what;
} Magic;

/* Formats people mistake for speeches most often. Every one of them would
 * also be refused for its control bytes; naming it makes the message clear. */
static const Magic magics[] = {
  { "\x89PNG\r\n\x1a\n", 8, "PNG" },
  { "\xff\xd8\xff", 3, "JPEG" },
  { "GIF87a", 6, "GIF" },
  { "GIF89a", 6, "GIF" },
  { "%PDF-", 5, "PDF" },
  { "PK\x03\x04", 4, "ZIP" },
  { "\x7f" "ELF", 4, "ELF" },
  { "\x1f\x8b", 2, "gzip" },
  { "\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", 8, "OLE2" },
  { "7z\xbc\xaf\x27\x1c", 6, "7-Zip" },
  { "Rar!\x1a\x07", 6, "RAR" },
};

static const char *
sniff_binary_format (const guint8 *data,
                     gsize         len)
{
  for (guint i = 0; i < G_N_ELEMENTS (magics); i++)
    {
      if (len >= magics[i].len &&
          memcmp (data, magics[i].magic, magics[i].len) == 0)
        return magics[i].what;
    }
  return NULL;
}

static gboolean
set_binary_error (GError     **error,
                  const char  *name,
                  const char  *format)
{
  if (format != NULL)
    g_set_error (error, MG_TEXT_SOURCE_ERROR, MG_TEXT_SOURCE_ERROR_BINARY,
                 /* Translators: the second %s is a file format, e.g. "PNG" */
                 _("“%s” is not a text file: it is in %s format"),
                 name, format);
  else
    g_set_error (error, MG_TEXT_SOURCE_ERROR, MG_TEXT_SOURCE_ERROR_BINARY,
                 _("“%s” is not a text file: it holds binary data (NUL or control characters)"),
                 name);
  return FALSE;
}

static gboolean
has_control_bytes (const guint8 *data,
                   gsize         len)
{
  for (gsize i = 0; i < len; i++)
    {
      guint8 c = data[i];

      if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f') || c == 0x7F)
        return TRUE;
    }
  return FALSE;
}

/* UTF-16 with explicit byte order, strict: an odd length or a lone
 * surrogate is an error, never a replacement character. */
static char *
decode_utf16 (const guint8  *data,
              gsize          len,
              gsize          base,
              gboolean       big_endian,
              const char    *name,
              gsize         *out_len,
              GError       **error)
{
  char *out, *o;
  gsize i;

  if (len % 2 != 0)
    {
      g_set_error (error, MG_TEXT_SOURCE_ERROR, MG_TEXT_SOURCE_ERROR_ENCODING,
                   _("“%s” is not valid UTF-16 text: it ends in the middle of a character"),
                   name);
      return NULL;
    }

  /* A 2-byte unit gives at most 3 bytes of UTF-8, a 4-byte pair 4. */
  out = g_malloc (len + len / 2 + 1);
  o = out;
  for (i = 0; i < len; i += 2)
    {
      gunichar u = big_endian ? (data[i] << 8) | data[i + 1]
                              : (data[i + 1] << 8) | data[i];

      if (u < 0x80)
        {
          *o++ = (char) u;
          continue;
        }

      if (u >= 0xD800 && u <= 0xDBFF)
        {
          gunichar lo;

          if (i + 3 >= len)
            goto bad_surrogate;
          lo = big_endian ? (data[i + 2] << 8) | data[i + 3]
                          : (data[i + 3] << 8) | data[i + 2];
          if (lo < 0xDC00 || lo > 0xDFFF)
            goto bad_surrogate;
          u = 0x10000 + ((u - 0xD800) << 10) + (lo - 0xDC00);
          i += 2;
        }
      else if (u >= 0xDC00 && u <= 0xDFFF)
        goto bad_surrogate;

      o += g_unichar_to_utf8 (u, o);
    }
  *o = '\0';

  *out_len = o - out;
  return out;

bad_surrogate:
  g_set_error (error, MG_TEXT_SOURCE_ERROR, MG_TEXT_SOURCE_ERROR_ENCODING,
               _("“%s” is not valid UTF-16 text: broken surrogate pair at byte %lu"),
               name, (unsigned long) (base + i));
  g_free (out);
  return NULL;
}

/* UTF-16 without a byte order mark, recognised only when it is
 * unmistakable: many NUL bytes, all of them on the same side of the
 * 16-bit units. Returns TRUE and sets @big_endian when it looks so. */
static gboolean
looks_like_bomless_utf16 (const guint8 *data,
                          gsize         len,
                          gboolean     *big_endian)
{
  gsize even_nuls = 0;
  gsize odd_nuls = 0;

  if (len < 4 || len % 2 != 0)
    return FALSE;

  for (gsize i = 0; i < len; i += 2)
    {
      even_nuls += data[i] == 0;
      odd_nuls += data[i + 1] == 0;
    }

  /* Text in a Latin script has a NUL in nearly every unit; a quarter
   * leaves room for CJK runs. The other side only sees a NUL in the rare
   * character whose low byte is 0 (U+3000, 一 U+4E00). Binary data scatters its
   * NULs on both sides, and what slips through is caught by the checks on
   * the decoded text. */
  if (odd_nuls * 4 >= len / 2 && even_nuls * 4 <= odd_nuls)
    {
      *big_endian = FALSE;
      return TRUE;
    }
  if (even_nuls * 4 >= len / 2 && odd_nuls * 4 <= even_nuls)
    {
      *big_endian = TRUE;
      return TRUE;
    }
  return FALSE;
}

/* Text decoded from GB18030, or from UTF-16 recognised without a byte order
 * mark, has to look like text: both map almost any byte soup to some code
 * point, so bytes that are not such text come out as a scatter of
 * private-use, unassigned and rare characters. Real text stays within a
 * few well-known blocks. */
static gboolean
is_usual_non_ascii (gunichar c)
{
  if ((c >= 0x4E00 && c <= 0x9FFF) ||     /* CJK unified ideographs */
      (c >= 0x3400 && c <= 0x4DBF) ||     /* extension A */
      (c >= 0x20000 && c <= 0x2FA1F) ||   /* extensions B… and compatibility supplement */
      (c >= 0xF900 && c <= 0xFAFF) ||     /* compatibility ideographs */
      (c >= 0x3000 && c <= 0x33FF) ||     /* CJK punctuation, kana, bopomofo, enclosed, compatibility */
      (c >= 0xFE30 && c <= 0xFE4F) ||     /* CJK compatibility forms */
      (c >= 0xFF00 && c <= 0xFFEF) ||     /* full- and half-width forms */
      (c >= 0x2000 && c <= 0x27BF) ||     /* punctuation, symbols, arrows, maths, boxes, shapes */
      (c >= 0x00A0 && c <= 0x02FF) ||     /* Latin-1, Latin extended, IPA, modifiers (pinyin) */
      (c >= 0x0300 && c <= 0x036F) ||     /* combining marks */
      (c >= 0x0370 && c <= 0x04FF))       /* Greek, Cyrillic */
    return g_unichar_type (c) != G_UNICODE_UNASSIGNED;
  return FALSE;
}

static gboolean
decoded_text_is_plausible (const char *text,
                             gsize       len)
{
  const char *p = text;
  const char *end = text + len;
  gsize non_ascii = 0;
  gsize unusual = 0;

  while (p < end)
    {
      if ((guchar) *p < 0x80)
        {
          p++;
          continue;
        }
      non_ascii++;
      if (!is_usual_non_ascii (g_utf8_get_char (p)))
        unusual++;
      p = g_utf8_next_char (p);
    }

  /* A stray rare character in a real speech is fine; one in twenty is not. */
  return unusual <= 2 || unusual * 20 <= non_ascii;
}

/* Bytes that GB18030 accepts are not always Chinese: a Latin-1 letter
 * followed by an ASCII one, and nearly every Shift-JIS character, are
 * valid two-byte sequences too, and decode to a scatter of ideographs.
 * Chinese text keeps almost all its two-byte characters in the GB2312
 * area (first byte A1–F7, second A1–FE): over 99% in real speeches,
 * about half even in traditional Chinese, none in Latin-1 or Shift-JIS. */
static gboolean
gb18030_looks_chinese (const guint8 *data,
                       gsize         len)
{
  gsize two_byte = 0;
  gsize gb2312 = 0;
  gsize i = 0;

  while (i < len)
    {
      if (data[i] < 0x80)
        {
          i++;
          continue;
        }
      if (i + 1 < len && data[i + 1] >= 0x30 && data[i + 1] <= 0x39)
        {
          i += 4;
          continue;
        }
      two_byte++;
      if (i + 1 < len && data[i] >= 0xA1 && data[i] <= 0xF7 && data[i + 1] >= 0xA1)
        gb2312++;
      i += 2;
    }

  return two_byte < 2 || gb2312 * 4 >= two_byte;
}

/* Copies @in to a new buffer turning CRLF and lone CR into LF, and checks
 * for control characters on the way (one pass). @in is valid UTF-8. */
static char *
normalise (const char  *in,
           gsize        len,
           gsize       *out_len,
           const char **line_ending,
           gssize      *first_control)
{
  char *out = g_malloc (len + 1);
  char *o = out;
  const guchar *p = (const guchar *) in;
  const guchar *end = p + len;
  gsize n_lf = 0, n_crlf = 0, n_cr = 0;

  *first_control = -1;

  while (p < end)
    {
      guchar c = *p;

      if (G_LIKELY (c >= 0x20 && c != 0x7F && c != 0xC2))
        {
          *o++ = (char) c;
          p++;
          continue;
        }

      switch (c)
        {
        case '\n':
          n_lf++;
          *o++ = '\n';
          p++;
          break;

        case '\r':
          if (p + 1 < end && p[1] == '\n')
            {
              n_crlf++;
              p += 2;
            }
          else
            {
              n_cr++;
              p++;
            }
          *o++ = '\n';
          break;

        case '\t':
        case '\f':
          *o++ = (char) c;
          p++;
          break;

        case 0xC2:
          /* U+0080…U+009F, the C1 controls, are C2 80…C2 9F. */
          if (p + 1 < end && p[1] >= 0x80 && p[1] <= 0x9F && *first_control < 0)
            *first_control = o - out;
          *o++ = (char) c;
          p++;
          break;

        default:
          if (*first_control < 0)
            *first_control = o - out;
          *o++ = (char) c;
          p++;
          break;
        }
    }
  *o = '\0';
  *out_len = o - out;

  if (n_lf + n_crlf + n_cr == 0)
    *line_ending = "none";
  else if (n_crlf == 0 && n_cr == 0)
    *line_ending = "LF";
  else if (n_lf == 0 && n_cr == 0)
    *line_ending = "CRLF";
  else if (n_lf == 0 && n_crlf == 0)
    *line_ending = "CR";
  else
    *line_ending = "mixed";

  return out;
}

static gboolean
decode (MgTextSource  *self,
        const guint8  *data,
        gsize          len,
        GError       **error)
{
  const char *name = self->name;
  g_autofree char *converted = NULL;
  const char *utf8 = NULL;
  gsize utf8_len = 0;
  gssize first_control = -1;
  gboolean guessed_utf16 = FALSE;
  gboolean big_endian;
  const char *format;

  if (len > MG_TEXT_SOURCE_MAX_SIZE)
    {
      g_autofree char *size = g_format_size (len);
      g_autofree char *max = g_format_size (MG_TEXT_SOURCE_MAX_SIZE);

      g_set_error (error, MG_TEXT_SOURCE_ERROR, MG_TEXT_SOURCE_ERROR_TOO_LARGE,
                   _("“%s” is too large to be a speech (%s; at most %s)"),
                   name, size, max);
      return FALSE;
    }

  if (len == 0)
    {
      self->encoding = MG_ENCODING_UTF8;
      self->text = g_strdup ("");
      self->size = 0;
      return TRUE;
    }

  if (len >= 3 && memcmp (data, "\xef\xbb\xbf", 3) == 0)
    {
      const char *bad = NULL;

      self->had_bom = TRUE;
      self->encoding = MG_ENCODING_UTF8;
      utf8 = (const char *) data + 3;
      utf8_len = len - 3;
      if (memchr (utf8, '\0', utf8_len) != NULL)
        return set_binary_error (error, name, NULL);
      if (!g_utf8_validate_len (utf8, utf8_len, &bad))
        {
          g_set_error (error, MG_TEXT_SOURCE_ERROR, MG_TEXT_SOURCE_ERROR_ENCODING,
                       _("“%s” starts with a UTF-8 byte order mark but is not valid UTF-8 (byte %lu)"),
                       name, (unsigned long) (bad - (const char *) data));
          return FALSE;
        }
    }
  else if (len >= 2 && (memcmp (data, "\xff\xfe", 2) == 0 ||
                        memcmp (data, "\xfe\xff", 2) == 0))
    {
      big_endian = data[0] == 0xFE;
      self->had_bom = TRUE;
      self->encoding = big_endian ? MG_ENCODING_UTF16BE : MG_ENCODING_UTF16LE;
      converted = decode_utf16 (data + 2, len - 2, 2, big_endian, name, &utf8_len, error);
      if (converted == NULL)
        return FALSE;
      utf8 = converted;
      if (memchr (utf8, '\0', utf8_len) != NULL)
        return set_binary_error (error, name, NULL);
    }
  else if ((format = sniff_binary_format (data, len)) != NULL)
    {
      return set_binary_error (error, name, format);
    }
  else if (memchr (data, '\0', len) != NULL)
    {
      g_autoptr(GError) local_error = NULL;

      if (!looks_like_bomless_utf16 (data, len, &big_endian))
        return set_binary_error (error, name, NULL);
      converted = decode_utf16 (data, len, 0, big_endian, name, &utf8_len, &local_error);
      if (converted == NULL || memchr (converted, '\0', utf8_len) != NULL)
        return set_binary_error (error, name, NULL);
      self->encoding = big_endian ? MG_ENCODING_UTF16BE : MG_ENCODING_UTF16LE;
      guessed_utf16 = TRUE;
      utf8 = converted;
    }
  else if (g_utf8_validate_len ((const char *) data, len, NULL))
    {
      self->encoding = MG_ENCODING_UTF8;
      utf8 = (const char *) data;
      utf8_len = len;
    }
  else
    {
      g_autoptr(GError) local_error = NULL;
      gsize bytes_read = 0;

      /* GB18030 leaves bytes below 0x30 alone in every position, so a
       * control byte here is one in the text too: binary, whatever the
       * encoding would have been. */
      if (has_control_bytes (data, len))
        return set_binary_error (error, name, NULL);

      converted = g_convert ((const char *) data, len, "UTF-8", "GB18030",
                             &bytes_read, &utf8_len, &local_error);
      /* A character cut at the end is not an error for g_convert(): it
       * stops before it and says so only in @bytes_read. */
      if (converted == NULL || bytes_read != len)
        {
          g_set_error (error, MG_TEXT_SOURCE_ERROR, MG_TEXT_SOURCE_ERROR_ENCODING,
                       _("“%s” is not text in a supported encoding (UTF-8, UTF-16 with a byte order mark, GB18030): invalid byte sequence at byte %lu"),
                       name, (unsigned long) bytes_read);
          return FALSE;
        }
      if (!gb18030_looks_chinese (data, len))
        {
          g_set_error (error, MG_TEXT_SOURCE_ERROR, MG_TEXT_SOURCE_ERROR_ENCODING,
                       _("“%s” is not text in a supported encoding (UTF-8, UTF-16 with a byte order mark, GB18030): read as GB18030 it is not Chinese (is it Latin-1 or Shift-JIS?)"),
                       name);
          return FALSE;
        }
      self->encoding = MG_ENCODING_GB18030;
      utf8 = converted;
      /* GB18030 writes U+FEFF as 84 31 95 33. */
      if (utf8_len >= 3 && memcmp (utf8, "\xef\xbb\xbf", 3) == 0)
        {
          self->had_bom = TRUE;
          utf8 += 3;
          utf8_len -= 3;
        }
    }

  /* U+FEFF first in UTF-16 recognised without a byte order mark is the
   * mark all the same, and not part of the speech. */
  if (self->encoding != MG_ENCODING_GB18030 && !self->had_bom &&
      utf8_len >= 3 && memcmp (utf8, "\xef\xbb\xbf", 3) == 0)
    {
      self->had_bom = TRUE;
      utf8 += 3;
      utf8_len -= 3;
    }

  self->text = normalise (utf8, utf8_len, &self->size, &self->line_ending, &first_control);
  if (first_control >= 0 && !guessed_utf16)
    {
      const char *at = self->text + first_control;
      guint line = 1;

      /* Text with one stray control character deserves to be told where. */
      for (const char *q = memchr (self->text, '\n', at - self->text);
           q != NULL;
           q = memchr (q + 1, '\n', at - (q + 1)))
        line++;
      g_set_error (error, MG_TEXT_SOURCE_ERROR, MG_TEXT_SOURCE_ERROR_BINARY,
                   _("“%s” is not a text file: it holds the control character U+%04X on line %u"),
                   name, g_utf8_get_char (at), line);
      g_clear_pointer (&self->text, g_free);
      self->size = 0;
      return FALSE;
    }
  if (first_control >= 0 || (guessed_utf16 && !decoded_text_is_plausible (self->text, self->size)))
    {
      g_clear_pointer (&self->text, g_free);
      self->size = 0;
      return set_binary_error (error, name, NULL);
    }

  if (self->encoding == MG_ENCODING_GB18030 &&
      !decoded_text_is_plausible (self->text, self->size))
    {
      g_clear_pointer (&self->text, g_free);
      self->size = 0;
      g_set_error (error, MG_TEXT_SOURCE_ERROR, MG_TEXT_SOURCE_ERROR_ENCODING,
                   _("“%s” is not text in a supported encoding (UTF-8, UTF-16 with a byte order mark, GB18030)"),
                   name);
      return FALSE;
    }

  return TRUE;
}

MgTextSource *
mg_text_source_new_for_bytes (GBytes      *bytes,
                              const char  *name,
                              GError     **error)
{
  g_autoptr(MgTextSource) self = NULL;
  gsize len = 0;
  const guint8 *data;

  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = g_object_new (MG_TYPE_TEXT_SOURCE, NULL);
  self->name = g_strdup (name != NULL ? name : "");
  data = g_bytes_get_data (bytes, &len);
  if (!decode (self, data, len, error))
    return NULL;
  return g_steal_pointer (&self);
}

MgTextSource *
mg_text_source_new_for_file_bytes (GFile   *file,
                                   GBytes  *bytes,
                                   GError **error)
{
  g_autofree char *name = g_file_get_basename (file);
  MgTextSource *self = mg_text_source_new_for_bytes (bytes, name, error);

  if (self != NULL)
    self->file = g_object_ref (file);
  return self;
}

static char *
display_name_for_file (GFile *file)
{
  const char *path = g_file_peek_path (file);

  if (path != NULL)
    return g_filename_display_name (path);
  return g_file_get_parse_name (file);
}

MgTextSource *
mg_text_source_new_for_file (GFile         *file,
                             GCancellable  *cancellable,
                             GError       **error)
{
  g_autoptr(MgTextSource) self = NULL;
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *display = NULL;
  g_autofree char *contents = NULL;
  gsize len = 0;

  g_return_val_if_fail (G_IS_FILE (file), NULL);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  display = display_name_for_file (file);

  info = g_file_query_info (file,
                            G_FILE_ATTRIBUTE_STANDARD_TYPE ","
                            G_FILE_ATTRIBUTE_STANDARD_SIZE,
                            G_FILE_QUERY_INFO_NONE, cancellable, &local_error);
  if (info == NULL)
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
        g_set_error (error, MG_TEXT_SOURCE_ERROR, MG_TEXT_SOURCE_ERROR_NOT_FOUND,
                     _("“%s” does not exist"), display);
      else if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_propagate_error (error, g_steal_pointer (&local_error));
      else
        g_set_error (error, MG_TEXT_SOURCE_ERROR, MG_TEXT_SOURCE_ERROR_READ,
                     _("Could not read “%s”: %s"), display, local_error->message);
      return NULL;
    }

  switch (g_file_info_get_file_type (info))
    {
    case G_FILE_TYPE_REGULAR:
      break;

    case G_FILE_TYPE_DIRECTORY:
      g_set_error (error, MG_TEXT_SOURCE_ERROR, MG_TEXT_SOURCE_ERROR_NOT_REGULAR,
                   _("“%s” is a folder, not a text file"), display);
      return NULL;

    default:
      g_set_error (error, MG_TEXT_SOURCE_ERROR, MG_TEXT_SOURCE_ERROR_NOT_REGULAR,
                   _("“%s” is not a regular file"), display);
      return NULL;
    }

  if (g_file_info_get_size (info) > MG_TEXT_SOURCE_MAX_SIZE)
    {
      g_autofree char *size = g_format_size (g_file_info_get_size (info));
      g_autofree char *max = g_format_size (MG_TEXT_SOURCE_MAX_SIZE);

      g_set_error (error, MG_TEXT_SOURCE_ERROR, MG_TEXT_SOURCE_ERROR_TOO_LARGE,
                   _("“%s” is too large to be a speech (%s; at most %s)"),
                   display, size, max);
      return NULL;
    }

  if (!g_file_load_contents (file, cancellable, &contents, &len, NULL, &local_error))
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
        g_set_error (error, MG_TEXT_SOURCE_ERROR, MG_TEXT_SOURCE_ERROR_NOT_FOUND,
                     _("“%s” does not exist"), display);
      else if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_propagate_error (error, g_steal_pointer (&local_error));
      else if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY))
        g_set_error (error, MG_TEXT_SOURCE_ERROR, MG_TEXT_SOURCE_ERROR_NOT_REGULAR,
                     _("“%s” is a folder, not a text file"), display);
      else
        g_set_error (error, MG_TEXT_SOURCE_ERROR, MG_TEXT_SOURCE_ERROR_READ,
                     _("Could not read “%s”: %s"), display, local_error->message);
      return NULL;
    }

  self = g_object_new (MG_TYPE_TEXT_SOURCE, NULL);
  self->file = g_object_ref (file);
  self->name = g_strdup (display);
  if (!decode (self, (const guint8 *) contents, len, error))
    return NULL;

  /* Messages name the whole path; display needs only the base name, in
   * UTF-8 whatever bytes the file system holds (U+FFFD for what is not
   * text): it goes into the sidecar, HTML and XML. */
  g_free (self->name);
  {
    g_autofree char *base = g_file_get_basename (file);

    self->name = base != NULL ? g_filename_display_name (base) : g_strdup ("");
  }

  return g_steal_pointer (&self);
}

const char *
mg_text_source_get_text (MgTextSource *self)
{
  g_return_val_if_fail (MG_IS_TEXT_SOURCE (self), NULL);

  return self->text;
}

gsize
mg_text_source_get_size (MgTextSource *self)
{
  g_return_val_if_fail (MG_IS_TEXT_SOURCE (self), 0);

  return self->size;
}

MgEncoding
mg_text_source_get_encoding (MgTextSource *self)
{
  g_return_val_if_fail (MG_IS_TEXT_SOURCE (self), MG_ENCODING_UTF8);

  return self->encoding;
}

gboolean
mg_text_source_get_had_bom (MgTextSource *self)
{
  g_return_val_if_fail (MG_IS_TEXT_SOURCE (self), FALSE);

  return self->had_bom;
}

const char *
mg_text_source_get_line_ending (MgTextSource *self)
{
  g_return_val_if_fail (MG_IS_TEXT_SOURCE (self), NULL);

  return self->line_ending;
}

const char *
mg_text_source_get_name (MgTextSource *self)
{
  g_return_val_if_fail (MG_IS_TEXT_SOURCE (self), NULL);

  return self->name;
}

GFile *
mg_text_source_get_file (MgTextSource *self)
{
  g_return_val_if_fail (MG_IS_TEXT_SOURCE (self), NULL);

  return self->file;
}
