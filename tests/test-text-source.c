/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Marginalia"
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "corpus-dir.h"
#include "mg-document.h"
#include "mg-text-source.h"

/* What tests/data/speech-utf8.txt decodes to. */
#define SPEECH_SHA256 "0f7e621b7808f34fe3eda1152ad4d03b391efc108930586ed1f8bd6ee644046a"
#define EMPTY_SHA256  "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"

static GFile *
fixture (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", name, NULL);

  return g_file_new_for_path (path);
}

static MgTextSource *
load_fixture (const char  *name,
              GError     **error)
{
  g_autoptr(GFile) file = fixture (name);

  return mg_text_source_new_for_file (file, NULL, error);
}

static char *
read_reference_text (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "speech-utf8.txt", NULL);
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  return contents;
}

static void
test_encoding_names (void)
{
  const struct { MgEncoding e; const char *name; } cases[] = {
    { MG_ENCODING_UTF8, "UTF-8" },
    { MG_ENCODING_UTF16LE, "UTF-16LE" },
    { MG_ENCODING_UTF16BE, "UTF-16BE" },
    { MG_ENCODING_GB18030, "GB18030" },
  };
  MgEncoding e;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_assert_cmpstr (mg_encoding_to_string (cases[i].e), ==, cases[i].name);
      e = (MgEncoding) 99;
      g_assert_true (mg_encoding_from_string (cases[i].name, &e));
      g_assert_cmpint (e, ==, cases[i].e);
    }
  g_assert_false (mg_encoding_from_string ("utf-8", &e));
  g_assert_false (mg_encoding_from_string ("latin1", &e));
  g_assert_false (mg_encoding_from_string ("", NULL));
}

typedef struct
{
  const char *file;
  MgEncoding  encoding;
  gboolean    had_bom;
  const char *line_ending;
} SameSpeech;

static const SameSpeech same_speech[] = {
  { "speech-utf8.txt", MG_ENCODING_UTF8, FALSE, "LF" },
  { "speech-utf8-bom.txt", MG_ENCODING_UTF8, TRUE, "LF" },
  { "speech-crlf.txt", MG_ENCODING_UTF8, FALSE, "CRLF" },
  { "speech-cr.txt", MG_ENCODING_UTF8, FALSE, "CR" },
  { "speech-utf16le-bom.txt", MG_ENCODING_UTF16LE, TRUE, "LF" },
  { "speech-utf16be-bom.txt", MG_ENCODING_UTF16BE, TRUE, "LF" },
  { "speech-utf16le-nobom.txt", MG_ENCODING_UTF16LE, FALSE, "LF" },
  { "speech-gb18030.txt", MG_ENCODING_GB18030, FALSE, "LF" },
  { "speech-gb18030-bom.txt", MG_ENCODING_GB18030, TRUE, "LF" },
  { "speech-gb18030-crlf.txt", MG_ENCODING_GB18030, FALSE, "CRLF" },
};

/* Every encoding and line ending of the same speech gives the same text
 * and the same hash. */
static void
test_same_speech (void)
{
  g_autofree char *reference = read_reference_text ();

  for (guint i = 0; i < G_N_ELEMENTS (same_speech); i++)
    {
      const SameSpeech *c = &same_speech[i];
      g_autoptr(GError) error = NULL;
      g_autoptr(MgTextSource) source = NULL;
      g_autoptr(MgDocument) doc = NULL;

      g_test_message ("%s", c->file);
      source = load_fixture (c->file, &error);
      g_assert_no_error (error);
      g_assert_nonnull (source);

      g_assert_cmpstr (mg_text_source_get_text (source), ==, reference);
      g_assert_cmpuint (mg_text_source_get_size (source), ==, strlen (reference));
      g_assert_cmpint (mg_text_source_get_encoding (source), ==, c->encoding);
      g_assert_cmpint (mg_text_source_get_had_bom (source), ==, c->had_bom);
      g_assert_cmpstr (mg_text_source_get_line_ending (source), ==, c->line_ending);
      g_assert_cmpstr (mg_text_source_get_name (source), ==, c->file);
      g_assert_nonnull (mg_text_source_get_file (source));

      doc = mg_document_new_from_source (source);
      g_assert_cmpstr (mg_document_get_sha256 (doc), ==, SPEECH_SHA256);
      g_assert_cmpuint (mg_document_get_length (doc), ==, g_utf8_strlen (reference, -1));
      g_assert_cmpint (mg_document_get_encoding (doc), ==, c->encoding);
      g_assert_cmpstr (mg_document_get_name (doc), ==, c->file);
    }
}

/* The reference hash is that of the file's own bytes: LF and UTF-8 is what
 * normalising produces, so the file must come through untouched. */
static void
test_reference_hash (void)
{
  g_autofree char *reference = read_reference_text ();
  g_autofree char *sha = g_compute_checksum_for_string (G_CHECKSUM_SHA256, reference, -1);

  g_assert_cmpstr (sha, ==, SPEECH_SHA256);
}

static void
test_nothing_else_changed (void)
{
  /* Trailing spaces, tabs, form feeds, U+3000, U+200B, a BOM not at the
   * start, decomposed accents: all kept as they are. */
  const char input[] = "\xef\xbb\xbf  a \t\f\xe3\x80\x80\xe2\x80\x8b"
                       "b\xef\xbb\xbf" "e\xcc\x81 \r\r\n\n";
  const char expected[] = "  a \t\f\xe3\x80\x80\xe2\x80\x8b"
                          "b\xef\xbb\xbf" "e\xcc\x81 \n\n\n";
  g_autoptr(GBytes) bytes = g_bytes_new_static (input, sizeof input - 1);
  g_autoptr(GError) error = NULL;
  g_autoptr(MgTextSource) source = NULL;

  source = mg_text_source_new_for_bytes (bytes, "kept.txt", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (mg_text_source_get_text (source), ==, expected);
  g_assert_cmpuint (mg_text_source_get_size (source), ==, sizeof expected - 1);
  g_assert_true (mg_text_source_get_had_bom (source));
  g_assert_cmpstr (mg_text_source_get_line_ending (source), ==, "mixed");
  g_assert_cmpstr (mg_text_source_get_name (source), ==, "kept.txt");
  g_assert_null (mg_text_source_get_file (source));
}

static void
test_line_endings (void)
{
  const struct { const char *in; const char *out; const char *kind; } cases[] = {
    { "a\nb\n", "a\nb\n", "LF" },
    { "a\r\nb\r\n", "a\nb\n", "CRLF" },
    { "a\rb\r", "a\nb\n", "CR" },
    { "a\r\n\rb", "a\n\nb", "mixed" },
    { "a\n\r\nb", "a\n\nb", "mixed" },
    { "\r", "\n", "CR" },
    { "\r\n", "\n", "CRLF" },
    { "\r\r\n", "\n\n", "mixed" },
    { "no line end", "no line end", "none" },
    { "一\r\n二\r三\n", "一\n二\n三\n", "mixed" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GBytes) bytes = g_bytes_new_static (cases[i].in, strlen (cases[i].in));
      g_autoptr(GError) error = NULL;
      g_autoptr(MgTextSource) source = NULL;

      source = mg_text_source_new_for_bytes (bytes, "t", &error);
      g_assert_no_error (error);
      g_assert_cmpstr (mg_text_source_get_text (source), ==, cases[i].out);
      g_assert_cmpstr (mg_text_source_get_line_ending (source), ==, cases[i].kind);
    }

  /* The same through a file. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(MgTextSource) source = load_fixture ("line-ends-mixed.txt", &error);

    g_assert_no_error (error);
    g_assert_cmpstr (mg_text_source_get_text (source), ==, "one\ntwo\nthree\nfour");
    g_assert_cmpstr (mg_text_source_get_line_ending (source), ==, "mixed");
  }
}

static void
test_empty (void)
{
  const struct { const char *file; MgEncoding encoding; gboolean bom; } cases[] = {
    { "empty.txt", MG_ENCODING_UTF8, FALSE },
    { "bom-only.txt", MG_ENCODING_UTF8, TRUE },
    { "utf16-bom-only.txt", MG_ENCODING_UTF16LE, TRUE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(MgTextSource) source = load_fixture (cases[i].file, &error);
      g_autoptr(MgDocument) doc = NULL;

      g_assert_no_error (error);
      g_assert_nonnull (source);
      g_assert_cmpstr (mg_text_source_get_text (source), ==, "");
      g_assert_cmpuint (mg_text_source_get_size (source), ==, 0);
      g_assert_cmpint (mg_text_source_get_encoding (source), ==, cases[i].encoding);
      g_assert_cmpint (mg_text_source_get_had_bom (source), ==, cases[i].bom);
      g_assert_cmpstr (mg_text_source_get_line_ending (source), ==, "none");

      doc = mg_document_new_from_source (source);
      g_assert_cmpuint (mg_document_get_length (doc), ==, 0);
      g_assert_cmpstr (mg_document_get_sha256 (doc), ==, EMPTY_SHA256);
      g_assert_cmpuint (mg_document_get_n_paragraphs (doc), ==, 0);
      /* No first line: the title guess is the file name without its
       * extension (sidecar-format.md). */
      {
        g_autofree char *stem = g_strndup (cases[i].file, strrchr (cases[i].file, '.') - cases[i].file);

        g_assert_cmpstr (mg_document_get_title (doc), ==, stem);
      }
    }

  /* Empty bytes, including a NULL data pointer. */
  {
    g_autoptr(GBytes) bytes = g_bytes_new (NULL, 0);
    g_autoptr(GError) error = NULL;
    g_autoptr(MgTextSource) source = mg_text_source_new_for_bytes (bytes, NULL, &error);

    g_assert_no_error (error);
    g_assert_cmpstr (mg_text_source_get_text (source), ==, "");
    g_assert_cmpstr (mg_text_source_get_name (source), ==, "");
  }
}

typedef struct
{
  const char *file;
  int         code;
  const char *words;   /* must appear in the message, besides the name */
} Refused;

static const Refused refused[] = {
  { "image.png", MG_TEXT_SOURCE_ERROR_BINARY, "PNG" },
  { "image.jpg", MG_TEXT_SOURCE_ERROR_BINARY, "JPEG" },
  { "document.pdf", MG_TEXT_SOURCE_ERROR_BINARY, "PDF" },
  { "archive.zip", MG_TEXT_SOURCE_ERROR_BINARY, "ZIP" },
  { "program.elf", MG_TEXT_SOURCE_ERROR_BINARY, "ELF" },
  { "noise.bin", MG_TEXT_SOURCE_ERROR_BINARY, "not a text file" },
  { "nul-byte.txt", MG_TEXT_SOURCE_ERROR_BINARY, "not a text file" },
  { "control-char.txt", MG_TEXT_SOURCE_ERROR_BINARY, "U+0001" },
  { "escape-sequence.txt", MG_TEXT_SOURCE_ERROR_BINARY, "U+001B" },
  { "c1-control.txt", MG_TEXT_SOURCE_ERROR_BINARY, "U+0085" },
  { "noise-high.bin", MG_TEXT_SOURCE_ERROR_ENCODING, "encoding" },
  { "latin1.txt", MG_TEXT_SOURCE_ERROR_ENCODING, "encoding" },
  { "utf8-bom-invalid.txt", MG_TEXT_SOURCE_ERROR_ENCODING, "UTF-8" },
  { "utf16le-odd-length.txt", MG_TEXT_SOURCE_ERROR_ENCODING, "UTF-16" },
  { "utf16le-lone-high-surrogate.txt", MG_TEXT_SOURCE_ERROR_ENCODING, "surrogate" },
  { "utf16be-lone-low-surrogate.txt", MG_TEXT_SOURCE_ERROR_ENCODING, "surrogate" },
};

static void
test_refused_files (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(MgTextSource) source = NULL;
      g_autoptr(MgDocument) doc = NULL;
      g_autoptr(GFile) file = fixture (refused[i].file);

      source = load_fixture (refused[i].file, &error);
      g_test_message ("%s: %s", refused[i].file, error ? error->message : "(loaded)");
      g_assert_null (source);
      g_assert_error (error, MG_TEXT_SOURCE_ERROR, refused[i].code);
      g_assert_nonnull (strstr (error->message, refused[i].file));
      g_assert_nonnull (strstr (error->message, refused[i].words));
      g_clear_error (&error);

      /* mg_document_load() says the same. */
      doc = mg_document_load (file, NULL, &error);
      g_assert_null (doc);
      g_assert_error (error, MG_TEXT_SOURCE_ERROR, refused[i].code);
    }
}

static void
test_refused_bytes (void)
{
  const struct { const char *data; gsize len; int code; } cases[] = {
    { "a\0b", 3, MG_TEXT_SOURCE_ERROR_BINARY },
    { "\xef\xbb\xbf" "a\0b", 6, MG_TEXT_SOURCE_ERROR_BINARY },
    { "\xff\xfe" "a\0\0\0", 6, MG_TEXT_SOURCE_ERROR_BINARY },         /* U+0000 in UTF-16 */
    { "\xff\xfe" "\x07\0", 4, MG_TEXT_SOURCE_ERROR_BINARY },          /* BEL in UTF-16 */
    { "\xfe\xff" "\0\x85", 4, MG_TEXT_SOURCE_ERROR_BINARY },          /* NEL, a C1 control */
    { "text\x7f", 5, MG_TEXT_SOURCE_ERROR_BINARY },
    { "v\x0btab", 5, MG_TEXT_SOURCE_ERROR_BINARY },
    { "\xd6\xd0\x01\xce\xc4", 5, MG_TEXT_SOURCE_ERROR_BINARY },       /* GB18030 around a control */
    { "\xd6\xd0\xce", 3, MG_TEXT_SOURCE_ERROR_ENCODING },             /* cut GB18030 */
    { "\xff\xfe\x3d\xd8", 4, MG_TEXT_SOURCE_ERROR_ENCODING },         /* lone surrogate at the end */
    { "\xfe\xff\xd8\x3d\x00\x41", 6, MG_TEXT_SOURCE_ERROR_ENCODING }, /* high then not low */
    { "\xff\xfe" "abc", 5, MG_TEXT_SOURCE_ERROR_ENCODING },
    { "\x80", 1, MG_TEXT_SOURCE_ERROR_ENCODING },
    /* NULs on one side only, but what it decodes to is not text. */
    { "\x01\0\x02\0\x03\0\x04\0", 8, MG_TEXT_SOURCE_ERROR_BINARY },
    { "A\0B\0C\0D\0\x01\xe0\x02\xe1\x03\xe2\x04\xe3", 16, MG_TEXT_SOURCE_ERROR_BINARY },
    /* Private-use and rare code points only: GB18030 decodes it, but it is not text. */
    { "\xaa\xa1\xaa\xa2\xaa\xa3\xfe\xfe\xfe\xfd\xfe\xfc", 12, MG_TEXT_SOURCE_ERROR_ENCODING },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GBytes) bytes = g_bytes_new_static (cases[i].data, cases[i].len);
      g_autoptr(GError) error = NULL;
      g_autoptr(MgTextSource) source = NULL;

      source = mg_text_source_new_for_bytes (bytes, "memory.txt", &error);
      g_test_message ("case %u: %s", i, error ? error->message : "(decoded)");
      g_assert_null (source);
      g_assert_error (error, MG_TEXT_SOURCE_ERROR, cases[i].code);
      g_assert_nonnull (strstr (error->message, "memory.txt"));
    }
}

/* Latin-1 and Shift-JIS bytes are mostly valid GB18030, but what they
 * decode to is not Chinese: refused, while traditional Chinese and a
 * lone rare character written in GB18030 still decode. */
static void
test_foreign_encodings (void)
{
  const char *foreign[] = {
    "Gr\xfc\xdf" "e aus M\xfc" "nchen, sch\xf6" "ne T\xfc" "r",            /* Latin-1 */
    "Am\xe9" "rique d\xe9" "mocratie",                                          /* Latin-1 */
    "\x93\xfa\x96{\x8c\xea\x82\xcc\x95\xb6\x8f\xcd\x82\xc5\x82\xb7\x81" "B", /* Shift-JIS */
  };
  const struct { const char *data; const char *utf8; } accepted[] = {
    { "\xce\xd2\x82\x83\xd3\x91\xd5\x93\xbd\x9b\x9d\xfa\xb0" "l\xd5\xb9\xc5" "c\xc9\xe7"
      "\x95\xfe\xbd\xa8\xd4O\xb5\xc4\x86\x96\xee}", "我們討論經濟發展與社會建設的問題" },
    { "\x88\xd2", "堃" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (foreign); i++)
    {
      g_autoptr(GBytes) bytes = g_bytes_new_static (foreign[i], strlen (foreign[i]));
      g_autoptr(GError) error = NULL;
      g_autoptr(MgTextSource) source = mg_text_source_new_for_bytes (bytes, "memory.txt", &error);

      g_test_message ("refused %u: %s", i, error ? error->message : "(decoded)");
      g_assert_null (source);
      g_assert_error (error, MG_TEXT_SOURCE_ERROR, MG_TEXT_SOURCE_ERROR_ENCODING);
      g_assert_nonnull (strstr (error->message, "memory.txt"));
    }
  for (guint i = 0; i < G_N_ELEMENTS (accepted); i++)
    {
      g_autoptr(GBytes) bytes = g_bytes_new_static (accepted[i].data, strlen (accepted[i].data));
      g_autoptr(GError) error = NULL;
      g_autoptr(MgTextSource) source = mg_text_source_new_for_bytes (bytes, "memory.txt", &error);

      g_assert_no_error (error);
      g_assert_cmpint (mg_text_source_get_encoding (source), ==, MG_ENCODING_GB18030);
      g_assert_cmpstr (mg_text_source_get_text (source), ==, accepted[i].utf8);
    }
}

/* A text with one stray control character says which and where. */
static void
test_control_position (void)
{
  const struct { const char *data; gsize len; const char *where; } cases[] = {
    { "a\nb\nc\x07\n", 7, "U+0007 on line 3" },
    { "\x01", 1, "U+0001 on line 1" },
    { "一\r\n二\r三\x7f", 13, "U+007F on line 3" },
    { "\xff\xfe" "a\0\n\0\x1b\0", 8, "U+001B on line 2" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GBytes) bytes = g_bytes_new_static (cases[i].data, cases[i].len);
      g_autoptr(GError) error = NULL;
      g_autoptr(MgTextSource) source = NULL;

      source = mg_text_source_new_for_bytes (bytes, "stray.txt", &error);
      g_assert_null (source);
      g_assert_error (error, MG_TEXT_SOURCE_ERROR, MG_TEXT_SOURCE_ERROR_BINARY);
      g_test_message ("%s", error->message);
      g_assert_nonnull (strstr (error->message, "stray.txt"));
      g_assert_nonnull (strstr (error->message, cases[i].where));
    }
}

static void
test_decodes (void)
{
  const struct { const char *data; gsize len; const char *text; MgEncoding encoding; } cases[] = {
    { "\xd6\xd0\xce\xc4", 4, "中文", MG_ENCODING_GB18030 },
    /* U+1F600 in GB18030 (four bytes) and in UTF-16 (a surrogate pair). */
    { "\x94\x39\xfc\x36", 4, "\xf0\x9f\x98\x80", MG_ENCODING_GB18030 },
    { "\xff\xfe\x3d\xd8\x00\xde", 6, "\xf0\x9f\x98\x80", MG_ENCODING_UTF16LE },
    { "\xfe\xff\xd8\x3d\xde\x00", 6, "\xf0\x9f\x98\x80", MG_ENCODING_UTF16BE },
    /* Form feed and tab are text. */
    { "a\fb\tc", 5, "a\fb\tc", MG_ENCODING_UTF8 },
    /* UTF-16 without a byte order mark, both byte orders, with CJK. */
    { "\0H\0i\0 \x4e\x2d\x65\x87\0\r\0\n", 12, "Hi 中文\n", MG_ENCODING_UTF16BE },
    { "H\0i\0 \0\x2d\x4e\x87\x65\r\0\n\0", 12, "Hi 中文\n", MG_ENCODING_UTF16LE },
    /* One rare character in a Chinese text is still Chinese text. */
    { "\xd6\xd0\xce\xc4\xfe\xfe", 6, "中文\xee\x80\x80", MG_ENCODING_GB18030 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GBytes) bytes = g_bytes_new_static (cases[i].data, cases[i].len);
      g_autoptr(GError) error = NULL;
      g_autoptr(MgTextSource) source = NULL;

      source = mg_text_source_new_for_bytes (bytes, "memory.txt", &error);
      g_assert_no_error (error);
      g_assert_cmpint (mg_text_source_get_encoding (source), ==, cases[i].encoding);
      if (i == G_N_ELEMENTS (cases) - 1)
        g_assert_true (g_str_has_prefix (mg_text_source_get_text (source), "中文"));
      else
        g_assert_cmpstr (mg_text_source_get_text (source), ==, cases[i].text);
    }
}

static void
test_missing (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = fixture ("no-such-speech.txt");
  g_autoptr(MgTextSource) source = NULL;
  g_autoptr(MgDocument) doc = NULL;

  source = mg_text_source_new_for_file (file, NULL, &error);
  g_assert_null (source);
  g_assert_error (error, MG_TEXT_SOURCE_ERROR, MG_TEXT_SOURCE_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "no-such-speech.txt"));
  g_clear_error (&error);

  doc = mg_document_load (file, NULL, &error);
  g_assert_null (doc);
  g_assert_error (error, MG_TEXT_SOURCE_ERROR, MG_TEXT_SOURCE_ERROR_NOT_FOUND);
}

static void
test_directory (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(MgTextSource) source = NULL;

  source = mg_text_source_new_for_file (file, NULL, &error);
  g_assert_null (source);
  g_assert_error (error, MG_TEXT_SOURCE_ERROR, MG_TEXT_SOURCE_ERROR_NOT_REGULAR);
  g_assert_nonnull (strstr (error->message, path));
}

static void
test_fifo (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("mg-text-XXXXXX", &error);
  g_autofree char *path = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(MgTextSource) source = NULL;

  g_assert_no_error (error);
  path = g_build_filename (dir, "pipe.txt", NULL);
  if (mkfifo (path, 0600) != 0)
    {
      g_test_message ("mkfifo: %s", g_strerror (errno));
      g_test_skip ("cannot make a FIFO in the temporary folder");
      g_rmdir (dir);
      return;
    }

  file = g_file_new_for_path (path);
  source = mg_text_source_new_for_file (file, NULL, &error);
  g_assert_null (source);
  g_assert_error (error, MG_TEXT_SOURCE_ERROR, MG_TEXT_SOURCE_ERROR_NOT_REGULAR);
  g_assert_nonnull (strstr (error->message, "pipe.txt"));

  g_unlink (path);
  g_rmdir (dir);
}

static void
test_unreadable (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("mg-text-XXXXXX", &error);
  g_autofree char *path = NULL;
  g_autofree char *below = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFile) below_file = NULL;
  g_autoptr(MgTextSource) source = NULL;

  g_assert_no_error (error);
  path = g_build_filename (dir, "locked.txt", NULL);
  g_file_set_contents (path, "secret\n", -1, &error);
  g_assert_no_error (error);
  file = g_file_new_for_path (path);

  /* A path through a regular file fails for every user, root included. */
  below = g_build_filename (path, "speech.txt", NULL);
  below_file = g_file_new_for_path (below);
  source = mg_text_source_new_for_file (below_file, NULL, &error);
  g_assert_null (source);
  g_assert_nonnull (error);
  g_assert_true (error->domain == MG_TEXT_SOURCE_ERROR);
  g_assert_true (error->code == MG_TEXT_SOURCE_ERROR_READ ||
                 error->code == MG_TEXT_SOURCE_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "speech.txt"));
  g_clear_error (&error);

  g_assert_cmpint (g_chmod (path, 0), ==, 0);
  source = mg_text_source_new_for_file (file, NULL, &error);
  if (source != NULL)
    {
      /* Permissions do not stop the superuser; the path test above
       * still covered a read error. */
      g_assert_no_error (error);
      g_test_message ("running with privileges: a mode 000 file is readable");
      g_clear_object (&source);
    }
  else
    {
      g_assert_error (error, MG_TEXT_SOURCE_ERROR, MG_TEXT_SOURCE_ERROR_READ);
      g_assert_nonnull (strstr (error->message, "locked.txt"));
    }

  g_chmod (path, 0600);
  g_unlink (path);
  g_rmdir (dir);
}

static void
test_read_error (void)
{
  /* Regular, but reading it fails: the kernel refuses reads of unmapped
   * memory at offset 0 with EIO. */
  g_autoptr(GFile) file = g_file_new_for_path ("/proc/self/mem");
  g_autoptr(GError) error = NULL;
  g_autoptr(MgTextSource) source = NULL;

  if (!g_file_test ("/proc/self/mem", G_FILE_TEST_EXISTS))
    {
      g_test_skip ("no /proc/self/mem on this system");
      return;
    }

  source = mg_text_source_new_for_file (file, NULL, &error);
  g_assert_null (source);
  g_assert_error (error, MG_TEXT_SOURCE_ERROR, MG_TEXT_SOURCE_ERROR_READ);
  g_assert_nonnull (strstr (error->message, "/proc/self/mem"));
}

static void
test_too_large (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("mg-text-XXXXXX", &error);
  g_autofree char *path = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(MgTextSource) source = NULL;
  int fd;

  g_assert_no_error (error);
  path = g_build_filename (dir, "huge.txt", NULL);
  fd = g_open (path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
  g_assert_cmpint (fd, >=, 0);
  /* Sparse: takes no room on disk. */
  g_assert_cmpint (ftruncate (fd, (off_t) MG_TEXT_SOURCE_MAX_SIZE + 1), ==, 0);
  close (fd);

  file = g_file_new_for_path (path);
  source = mg_text_source_new_for_file (file, NULL, &error);
  g_assert_null (source);
  g_assert_error (error, MG_TEXT_SOURCE_ERROR, MG_TEXT_SOURCE_ERROR_TOO_LARGE);
  g_assert_nonnull (strstr (error->message, "huge.txt"));

  g_unlink (path);
  g_rmdir (dir);
}

static void
test_cancelled (void)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GFile) file = fixture ("speech-utf8.txt");
  g_autoptr(GError) error = NULL;
  g_autoptr(MgTextSource) source = NULL;

  g_cancellable_cancel (cancellable);
  source = mg_text_source_new_for_file (file, cancellable, &error);
  g_assert_null (source);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

/* The encoding pairs of the shared corpus, when it is around. */
static void
test_corpus_pairs (void)
{
  const char *pairs[][2] = {
    { "zh-02-gov-work-report-2025.txt", "zh-02-gov-work-report-2025.gb18030.txt" },
    { "zh-03-cpc-20th-congress-report-2022.txt", "zh-03-cpc-20th-congress-report-2022.crlf.txt" },
    { "en-03-inaugural-1961-kennedy.txt", "en-03-inaugural-1961-kennedy.utf16le-bom.txt" },
  };
  const MgEncoding second_encoding[] = {
    MG_ENCODING_GB18030, MG_ENCODING_UTF8, MG_ENCODING_UTF16LE,
  };
  g_autofree char *corpus = mg_test_find_corpus ();

  if (corpus == NULL)
    {
      g_test_skip ("the shared corpus (../shared/corpus, or MG_CORPUS_DIR) is not present");
      return;
    }

  for (guint i = 0; i < G_N_ELEMENTS (pairs); i++)
    {
      g_autofree char *p0 = g_build_filename (corpus, pairs[i][0], NULL);
      g_autofree char *p1 = g_build_filename (corpus, pairs[i][1], NULL);
      g_autoptr(GFile) f0 = g_file_new_for_path (p0);
      g_autoptr(GFile) f1 = g_file_new_for_path (p1);
      g_autoptr(GError) error = NULL;
      g_autoptr(MgDocument) d0 = NULL;
      g_autoptr(MgDocument) d1 = NULL;

      d0 = mg_document_load (f0, NULL, &error);
      g_assert_no_error (error);
      d1 = mg_document_load (f1, NULL, &error);
      g_assert_no_error (error);

      g_test_message ("%s: %s", pairs[i][0], mg_document_get_sha256 (d0));
      g_assert_cmpint (mg_document_get_encoding (d0), ==, MG_ENCODING_UTF8);
      g_assert_cmpint (mg_document_get_encoding (d1), ==, second_encoding[i]);
      g_assert_cmpstr (mg_document_get_sha256 (d0), ==, mg_document_get_sha256 (d1));
      g_assert_cmpuint (mg_document_get_length (d0), ==, mg_document_get_length (d1));
      /* The same title, unless the first line is no title (a salutation,
       * "各位代表："): then each file's name stands in. */
      if (!g_str_has_prefix (pairs[i][1], mg_document_get_title (d1)))
        g_assert_cmpstr (mg_document_get_title (d0), ==, mg_document_get_title (d1));
      g_assert_cmpuint (mg_document_get_n_paragraphs (d0), ==, mg_document_get_n_paragraphs (d1));
      g_assert_cmpuint (mg_document_get_length (d0), >, 1000);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/text-source/encoding-names", test_encoding_names);
  g_test_add_func ("/text-source/reference-hash", test_reference_hash);
  g_test_add_func ("/text-source/same-speech", test_same_speech);
  g_test_add_func ("/text-source/nothing-else-changed", test_nothing_else_changed);
  g_test_add_func ("/text-source/line-endings", test_line_endings);
  g_test_add_func ("/text-source/empty", test_empty);
  g_test_add_func ("/text-source/decodes", test_decodes);
  g_test_add_func ("/text-source/refused-files", test_refused_files);
  g_test_add_func ("/text-source/refused-bytes", test_refused_bytes);
  g_test_add_func ("/text-source/foreign-encodings", test_foreign_encodings);
  g_test_add_func ("/text-source/control-position", test_control_position);
  g_test_add_func ("/text-source/missing", test_missing);
  g_test_add_func ("/text-source/directory", test_directory);
  g_test_add_func ("/text-source/fifo", test_fifo);
  g_test_add_func ("/text-source/unreadable", test_unreadable);
  g_test_add_func ("/text-source/read-error", test_read_error);
  g_test_add_func ("/text-source/too-large", test_too_large);
  g_test_add_func ("/text-source/cancelled", test_cancelled);
  g_test_add_func ("/text-source/corpus-pairs", test_corpus_pairs);

  return g_test_run ();
}
