/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef enum
{
  MG_ENCODING_UTF8,
  MG_ENCODING_UTF16LE,
  MG_ENCODING_UTF16BE,
  MG_ENCODING_GB18030,
} MgEncoding;

/* "UTF-8", "UTF-16LE", "UTF-16BE", "GB18030" — the sidecar's spelling. */
const char *mg_encoding_to_string   (MgEncoding  encoding);
gboolean    mg_encoding_from_string (const char *name,
                                     MgEncoding *out_encoding);

#define MG_TEXT_SOURCE_ERROR (mg_text_source_error_quark ())
GQuark mg_text_source_error_quark (void);

typedef enum
{
  MG_TEXT_SOURCE_ERROR_NOT_FOUND,     /* no such file */
  MG_TEXT_SOURCE_ERROR_NOT_REGULAR,   /* a directory, a device… */
  MG_TEXT_SOURCE_ERROR_READ,          /* permission denied, I/O error */
  MG_TEXT_SOURCE_ERROR_BINARY,        /* NUL or control characters: an image, a program… */
  MG_TEXT_SOURCE_ERROR_ENCODING,      /* not text in any supported encoding */
  MG_TEXT_SOURCE_ERROR_TOO_LARGE,     /* larger than MG_TEXT_SOURCE_MAX_SIZE */
} MgTextSourceError;

/* Speeches are kilobytes to a few megabytes; anything past this is refused. */
#define MG_TEXT_SOURCE_MAX_SIZE (256 * 1024 * 1024)

#define MG_TYPE_TEXT_SOURCE (mg_text_source_get_type ())
G_DECLARE_FINAL_TYPE (MgTextSource, mg_text_source, MG, TEXT_SOURCE, GObject)

/* Reads @file and decodes it: UTF-8 (BOM or not), UTF-16 LE/BE with BOM,
 * GB18030 for text that is not valid UTF-8; drops a leading BOM; turns CRLF
 * and lone CR into LF. Nothing else is changed. Messages name the file. */
MgTextSource *mg_text_source_new_for_file  (GFile         *file,
                                            GCancellable  *cancellable,
                                            GError       **error);
/* The same for bytes already in memory; @name is used in messages. */
MgTextSource *mg_text_source_new_for_bytes (GBytes        *bytes,
                                            const char    *name,
                                            GError       **error);

/* Bytes about to be written to @file (tidy): decoded as the file would be,
 * the source bound to @file. */
MgTextSource *mg_text_source_new_for_file_bytes (GFile      *file,
                                                 GBytes     *bytes,
                                                 GError    **error);
/* The normalised UTF-8 text (NUL-terminated) and its length in bytes. */
const char   *mg_text_source_get_text      (MgTextSource  *self);
gsize         mg_text_source_get_size      (MgTextSource  *self);
MgEncoding    mg_text_source_get_encoding  (MgTextSource  *self);
gboolean      mg_text_source_get_had_bom   (MgTextSource  *self);
/* "LF", "CRLF", "CR", "mixed" or "none" — what the file used before normalising. */
const char   *mg_text_source_get_line_ending (MgTextSource *self);
/* The file's base name, for display. */
const char   *mg_text_source_get_name      (MgTextSource  *self);
/* Nullable: NULL for sources made from bytes. */
GFile        *mg_text_source_get_file      (MgTextSource  *self);

G_END_DECLS
