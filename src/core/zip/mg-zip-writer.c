/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Marginalia"
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <libdeflate.h>

#include "mg-zip-writer.h"

#define ZIP_LOCAL_SIGNATURE    0x04034b50u
#define ZIP_CENTRAL_SIGNATURE  0x02014b50u
#define ZIP_END_SIGNATURE      0x06054b50u
#define ZIP_LOCAL_HEADER_SIZE  30
#define ZIP_MAX_ENTRIES        0xffffu
#define ZIP_MAX_SIZE           G_GUINT64_CONSTANT (0xffffffff)

/* General purpose flag 11: the name is UTF-8. */
#define ZIP_FLAG_UTF8          0x0800u

/* Version 2.0 (deflate), made on Unix, so that the entries' permissions
 * (rw-r--r--) are kept by unzip. */
#define ZIP_VERSION_MADE_BY    ((3u << 8) | 20u)
#define ZIP_UNIX_MODE          0100644u

enum
{
  ZIP_STORED = 0,
  ZIP_DEFLATED = 8,
};

typedef struct
{
  char    *name;
  guint32  crc;
  guint32  compressed_size;
  guint32  size;
  guint32  offset;
  guint16  method;
  guint16  flags;
} ZipEntry;

struct _MgZipWriter
{
  GObject     parent_instance;

  GString    *out;
  gsize       start;     /* where the archive begins in out */
  GArray     *entries;   /* of ZipEntry */
  GHashTable *names;     /* borrowed from entries */
  guint16     dos_time;
  guint16     dos_date;
  gboolean    finished;
};

G_DEFINE_FINAL_TYPE (MgZipWriter, mg_zip_writer, G_TYPE_OBJECT)

static void
zip_entry_clear (ZipEntry *entry)
{
  g_free (entry->name);
}

static void
mg_zip_writer_finalize (GObject *object)
{
  MgZipWriter *self = MG_ZIP_WRITER (object);

  g_clear_pointer (&self->names, g_hash_table_unref);
  g_clear_pointer (&self->entries, g_array_unref);

  G_OBJECT_CLASS (mg_zip_writer_parent_class)->finalize (object);
}

static void
mg_zip_writer_class_init (MgZipWriterClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = mg_zip_writer_finalize;
}

static void
mg_zip_writer_init (MgZipWriter *self)
{
  self->entries = g_array_new (FALSE, TRUE, sizeof (ZipEntry));
  g_array_set_clear_func (self->entries, (GDestroyNotify) zip_entry_clear);
  self->names = g_hash_table_new (g_str_hash, g_str_equal);
}

/* MS-DOS date and time, two-second resolution, years 1980–2107. */
static void
zip_dos_time (GDateTime *mtime,
              guint16   *out_time,
              guint16   *out_date)
{
  int year, month, day, hour, minute, second;

  if (mtime == NULL)
    {
      *out_time = 0;
      *out_date = (1 << 5) | 1;
      return;
    }

  g_date_time_get_ymd (mtime, &year, &month, &day);
  hour = g_date_time_get_hour (mtime);
  minute = g_date_time_get_minute (mtime);
  second = g_date_time_get_second (mtime);
  if (year < 1980)
    {
      year = 1980;
      month = day = 1;
      hour = minute = second = 0;
    }
  else if (year > 2107)
    {
      year = 2107;
      month = 12;
      day = 31;
      hour = 23;
      minute = 59;
      second = 58;
    }
  *out_time = (guint16) ((hour << 11) | (minute << 5) | (second / 2));
  *out_date = (guint16) (((year - 1980) << 9) | (month << 5) | day);
}

MgZipWriter *
mg_zip_writer_new (GString   *out,
                   GDateTime *mtime)
{
  MgZipWriter *self;

  g_return_val_if_fail (out != NULL, NULL);

  self = g_object_new (MG_TYPE_ZIP_WRITER, NULL);
  self->out = out;
  self->start = out->len;
  zip_dos_time (mtime, &self->dos_time, &self->dos_date);
  return self;
}

static void
put16 (GString *out,
       guint16  value)
{
  g_string_append_c (out, (char) (value & 0xff));
  g_string_append_c (out, (char) (value >> 8));
}

static void
put32 (GString *out,
       guint32  value)
{
  put16 (out, (guint16) (value & 0xffff));
  put16 (out, (guint16) (value >> 16));
}

static void
patch32 (GString *out,
         gsize    at,
         guint32  value)
{
  out->str[at] = (char) (value & 0xff);
  out->str[at + 1] = (char) ((value >> 8) & 0xff);
  out->str[at + 2] = (char) ((value >> 16) & 0xff);
  out->str[at + 3] = (char) (value >> 24);
}

static gboolean
zip_name_is_valid (const char *name)
{
  if (*name == '\0' || *name == '/' || strchr (name, '\\') != NULL)
    return FALSE;
  if (!g_utf8_validate (name, -1, NULL))
    return FALSE;
  /* No "." or ".." segment: an archive must not point outside itself. */
  for (const char *p = name; p != NULL; p = strchr (p, '/'))
    {
      if (*p == '/')
        p++;
      if (g_str_has_prefix (p, "./") || g_str_has_prefix (p, "../") ||
          g_str_equal (p, ".") || g_str_equal (p, ".."))
        return FALSE;
    }
  return TRUE;
}

static gboolean
zip_is_ascii (const char *name)
{
  for (const char *p = name; *p != '\0'; p++)
    if ((guchar) *p >= 0x80)
      return FALSE;
  return TRUE;
}

/* Deflates @data (raw deflate, no zlib header) onto the end of @out.
 * Returns FALSE, leaving @out as it was, when the result would not be
 * smaller than @size or compressing fails. */
static gboolean
zip_deflate (GString    *out,
             const void *data,
             gsize       size)
{
  struct libdeflate_compressor *compressor;
  gsize before = out->len;
  gsize bound;
  gsize packed;

  /* The fastest level: what is archived here (XML, plain text) is
   * repetitive enough that the slower ones gain little (see
   * bench/RESULTS.md). */
  compressor = libdeflate_alloc_compressor (1);
  if (compressor == NULL)
    return FALSE;
  bound = libdeflate_deflate_compress_bound (compressor, size);
  g_string_set_size (out, before + bound);
  packed = libdeflate_deflate_compress (compressor, data, size, out->str + before, bound);
  libdeflate_free_compressor (compressor);
  if (packed == 0 || packed >= size)
    {
      g_string_truncate (out, before);
      return FALSE;
    }
  g_string_truncate (out, before + packed);
  return TRUE;
}

gboolean
mg_zip_writer_add (MgZipWriter  *self,
                   const char   *name,
                   const void   *data,
                   gsize         size,
                   MgZipMethod   method,
                   GError      **error)
{
  ZipEntry entry = { 0 };
  gsize header;
  gsize name_length;

  g_return_val_if_fail (MG_IS_ZIP_WRITER (self), FALSE);
  g_return_val_if_fail (!self->finished, FALSE);
  g_return_val_if_fail (name != NULL, FALSE);
  g_return_val_if_fail (data != NULL || size == 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!zip_name_is_valid (name))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("“%s” is not a valid name for a file in a zip archive"), name);
      return FALSE;
    }
  if (g_hash_table_contains (self->names, name))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("The zip archive already holds a file named “%s”"), name);
      return FALSE;
    }
  name_length = strlen (name);
  if (self->entries->len >= ZIP_MAX_ENTRIES || name_length > 0xffff ||
      (guint64) size > ZIP_MAX_SIZE ||
      (guint64) (self->out->len - self->start) > ZIP_MAX_SIZE)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE,
                   _("“%s” does not fit in a zip archive (at most 4 GiB and 65,535 files)"),
                   name);
      return FALSE;
    }

  entry.name = g_strdup (name);
  entry.flags = zip_is_ascii (name) ? 0 : ZIP_FLAG_UTF8;
  entry.offset = (guint32) (self->out->len - self->start);
  entry.size = (guint32) size;
  entry.crc = libdeflate_crc32 (0, data, size);

  /* The local header, with the method and compressed size filled in once
   * the data is written. */
  header = self->out->len;
  put32 (self->out, ZIP_LOCAL_SIGNATURE);
  put16 (self->out, 20);                 /* version needed: 2.0 */
  put16 (self->out, entry.flags);
  put16 (self->out, 0);                  /* method, patched below */
  put16 (self->out, self->dos_time);
  put16 (self->out, self->dos_date);
  put32 (self->out, entry.crc);
  put32 (self->out, 0);                  /* compressed size, patched below */
  put32 (self->out, entry.size);
  put16 (self->out, (guint16) name_length);
  put16 (self->out, 0);                  /* no extra field */
  g_string_append_len (self->out, name, name_length);

  if (method == MG_ZIP_METHOD_DEFLATE && size > 0 && zip_deflate (self->out, data, size))
    entry.method = ZIP_DEFLATED;
  else
    {
      entry.method = ZIP_STORED;
      g_string_append_len (self->out, data, size);
    }
  entry.compressed_size = (guint32) (self->out->len - header - ZIP_LOCAL_HEADER_SIZE - name_length);
  self->out->str[header + 8] = (char) entry.method;
  patch32 (self->out, header + 18, entry.compressed_size);

  g_array_append_val (self->entries, entry);
  g_hash_table_add (self->names, g_array_index (self->entries, ZipEntry, self->entries->len - 1).name);
  return TRUE;
}

gboolean
mg_zip_writer_finish (MgZipWriter  *self,
                      GError      **error)
{
  gsize directory;
  guint64 directory_offset;
  guint64 directory_size;

  g_return_val_if_fail (MG_IS_ZIP_WRITER (self), FALSE);
  g_return_val_if_fail (!self->finished, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  directory = self->out->len;
  directory_offset = directory - self->start;
  for (guint i = 0; i < self->entries->len; i++)
    {
      const ZipEntry *entry = &g_array_index (self->entries, ZipEntry, i);
      gsize name_length = strlen (entry->name);

      put32 (self->out, ZIP_CENTRAL_SIGNATURE);
      put16 (self->out, ZIP_VERSION_MADE_BY);
      put16 (self->out, 20);
      put16 (self->out, entry->flags);
      put16 (self->out, entry->method);
      put16 (self->out, self->dos_time);
      put16 (self->out, self->dos_date);
      put32 (self->out, entry->crc);
      put32 (self->out, entry->compressed_size);
      put32 (self->out, entry->size);
      put16 (self->out, (guint16) name_length);
      put16 (self->out, 0);              /* extra field */
      put16 (self->out, 0);              /* comment */
      put16 (self->out, 0);              /* disk */
      put16 (self->out, 0);              /* internal attributes */
      put32 (self->out, ZIP_UNIX_MODE << 16);
      put32 (self->out, entry->offset);
      g_string_append_len (self->out, entry->name, name_length);
    }
  directory_size = self->out->len - directory;

  if (directory_offset > ZIP_MAX_SIZE || directory_size > ZIP_MAX_SIZE)
    {
      g_string_truncate (self->out, directory);
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE,
                           _("The zip archive would be larger than 4 GiB"));
      return FALSE;
    }

  put32 (self->out, ZIP_END_SIGNATURE);
  put16 (self->out, 0);                  /* this disk */
  put16 (self->out, 0);                  /* disk of the directory */
  put16 (self->out, (guint16) self->entries->len);
  put16 (self->out, (guint16) self->entries->len);
  put32 (self->out, (guint32) directory_size);
  put32 (self->out, (guint32) directory_offset);
  put16 (self->out, 0);                  /* comment */
  self->finished = TRUE;
  return TRUE;
}
