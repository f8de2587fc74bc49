/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* Reads zip archives back in the tests, independently of
 * src/core/mg-zip-writer.c: its own CRC-32, GIO's raw inflate, and every
 * header checked against the central directory. A second opinion comes
 * from Python's zipfile module (python3 is needed to build anyway: meson
 * runs on it). */

#include <string.h>

#include <gio/gio.h>

typedef struct
{
  char    *name;
  GBytes  *data;      /* uncompressed */
  guint16  method;    /* 0 stored, 8 deflated */
  guint16  flags;
  guint16  dos_time;
  guint16  dos_date;
  guint32  crc;
  guint32  external_attributes;
} ZipReadEntry;

static inline void
zip_read_entry_free (ZipReadEntry *entry)
{
  g_free (entry->name);
  g_bytes_unref (entry->data);
  g_free (entry);
}

static inline guint32
zip_test_crc32 (const guint8 *data,
                gsize         size)
{
  static guint32 table[256];
  static gsize initialized = 0;
  guint32 crc = 0xffffffffu;

  if (g_once_init_enter (&initialized))
    {
      for (guint32 n = 0; n < 256; n++)
        {
          guint32 c = n;

          for (int k = 0; k < 8; k++)
            c = (c & 1) ? 0xedb88320u ^ (c >> 1) : c >> 1;
          table[n] = c;
        }
      g_once_init_leave (&initialized, 1);
    }
  for (gsize i = 0; i < size; i++)
    crc = table[(crc ^ data[i]) & 0xff] ^ (crc >> 8);
  return crc ^ 0xffffffffu;
}

static inline guint16
zip_get16 (const guint8 *p)
{
  return (guint16) (p[0] | (p[1] << 8));
}

static inline guint32
zip_get32 (const guint8 *p)
{
  return (guint32) p[0] | ((guint32) p[1] << 8) | ((guint32) p[2] << 16) | ((guint32) p[3] << 24);
}

static inline GBytes *
zip_test_inflate (const guint8 *data,
                  gsize         size,
                  gsize         expected)
{
  g_autoptr(GZlibDecompressor) decompressor = g_zlib_decompressor_new (G_ZLIB_COMPRESSOR_FORMAT_RAW);
  g_autoptr(GInputStream) raw = g_memory_input_stream_new_from_data (data, size, NULL);
  g_autoptr(GInputStream) stream = g_converter_input_stream_new (raw, G_CONVERTER (decompressor));
  g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();
  g_autoptr(GError) error = NULL;

  g_output_stream_splice (out, stream, G_OUTPUT_STREAM_SPLICE_CLOSE_TARGET, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_memory_output_stream_get_data_size (G_MEMORY_OUTPUT_STREAM (out)), ==, expected);
  return g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (out));
}

/* Every entry of @archive, in the central directory's order; fails the
 * test when the archive is not consistent or a CRC does not match. */
static inline GPtrArray *
zip_read (GBytes *archive)
{
  gsize size;
  const guint8 *data = g_bytes_get_data (archive, &size);
  GPtrArray *entries = g_ptr_array_new_with_free_func ((GDestroyNotify) zip_read_entry_free);
  const guint8 *end;
  guint n_entries;
  guint32 directory_size, directory_offset;
  gsize p;

  /* The end record, without comment, closes the archive. */
  g_assert_cmpuint (size, >=, 22);
  end = data + size - 22;
  g_assert_cmphex (zip_get32 (end), ==, 0x06054b50);
  g_assert_cmpuint (zip_get16 (end + 4), ==, 0);
  g_assert_cmpuint (zip_get16 (end + 6), ==, 0);
  n_entries = zip_get16 (end + 8);
  g_assert_cmpuint (zip_get16 (end + 10), ==, n_entries);
  directory_size = zip_get32 (end + 12);
  directory_offset = zip_get32 (end + 16);
  g_assert_cmpuint (zip_get16 (end + 20), ==, 0);
  g_assert_cmpuint ((gsize) directory_offset + directory_size, ==, size - 22);

  p = directory_offset;
  for (guint i = 0; i < n_entries; i++)
    {
      ZipReadEntry *entry = g_new0 (ZipReadEntry, 1);
      const guint8 *c = data + p;
      const guint8 *l;
      guint32 compressed, uncompressed, offset;
      guint16 name_length;
      const guint8 *payload;

      g_assert_cmpuint (p + 46, <=, size - 22);
      g_assert_cmphex (zip_get32 (c), ==, 0x02014b50);
      entry->flags = zip_get16 (c + 8);
      entry->method = zip_get16 (c + 10);
      entry->dos_time = zip_get16 (c + 12);
      entry->dos_date = zip_get16 (c + 14);
      entry->crc = zip_get32 (c + 16);
      compressed = zip_get32 (c + 20);
      uncompressed = zip_get32 (c + 24);
      name_length = zip_get16 (c + 28);
      g_assert_cmpuint (zip_get16 (c + 30), ==, 0);    /* extra */
      g_assert_cmpuint (zip_get16 (c + 32), ==, 0);    /* comment */
      entry->external_attributes = zip_get32 (c + 38);
      offset = zip_get32 (c + 42);
      entry->name = g_strndup ((const char *) c + 46, name_length);
      g_assert_cmpuint (strlen (entry->name), ==, name_length);
      p += 46 + name_length;

      /* No data descriptor: the local header says the same. */
      g_assert_false (entry->flags & 0x0008);
      l = data + offset;
      g_assert_cmpuint ((gsize) offset + 30 + name_length, <=, directory_offset);
      g_assert_cmphex (zip_get32 (l), ==, 0x04034b50);
      g_assert_cmpuint (zip_get16 (l + 6), ==, entry->flags);
      g_assert_cmpuint (zip_get16 (l + 8), ==, entry->method);
      g_assert_cmpuint (zip_get16 (l + 10), ==, entry->dos_time);
      g_assert_cmpuint (zip_get16 (l + 12), ==, entry->dos_date);
      g_assert_cmphex (zip_get32 (l + 14), ==, entry->crc);
      g_assert_cmpuint (zip_get32 (l + 18), ==, compressed);
      g_assert_cmpuint (zip_get32 (l + 22), ==, uncompressed);
      g_assert_cmpuint (zip_get16 (l + 26), ==, name_length);
      g_assert_cmpmem (l + 30, name_length, entry->name, name_length);
      payload = l + 30 + name_length + zip_get16 (l + 28);
      g_assert_cmpuint ((gsize) (payload - data) + compressed, <=, directory_offset);

      if (entry->method == 0)
        {
          g_assert_cmpuint (compressed, ==, uncompressed);
          entry->data = g_bytes_new (payload, compressed);
        }
      else
        {
          g_assert_cmpuint (entry->method, ==, 8);
          entry->data = zip_test_inflate (payload, compressed, uncompressed);
        }
      g_assert_cmphex (zip_test_crc32 (g_bytes_get_data (entry->data, NULL),
                                       g_bytes_get_size (entry->data)), ==, entry->crc);
      g_ptr_array_add (entries, entry);
    }
  g_assert_cmpuint (p, ==, size - 22);
  return entries;
}

static inline GBytes *
zip_find (GPtrArray  *entries,
          const char *name)
{
  for (guint i = 0; i < entries->len; i++)
    {
      ZipReadEntry *entry = g_ptr_array_index (entries, i);

      if (g_str_equal (entry->name, name))
        return entry->data;
    }
  return NULL;
}

/* Python's zipfile reads @path, checks every CRC (testzip) and lists the
 * names: they must be @names, in order. */
static inline void
zip_check_with_python (const char         *path,
                       const char * const *names)
{
  static const char script[] =
    "import sys, zipfile\n"
    "with zipfile.ZipFile(sys.argv[1]) as z:\n"
    "    bad = z.testzip()\n"
    "    if bad is not None:\n"
    "        sys.exit('bad CRC: ' + bad)\n"
    "    sys.stdout.write('\\n'.join(i.filename for i in z.infolist()))\n";
  g_autofree char *python = g_find_program_in_path ("python3");
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *expected = NULL;
  g_autoptr(GError) error = NULL;
  const char *argv[] = { python, "-c", script, path, NULL };
  int status = -1;

  /* Not a skip: python3 is part of the build (meson runs on it). */
  if (python == NULL)
    g_error ("python3 is needed to check the zip archives");
  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                &out, &err, &status, &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_test_message ("python3: %s", err);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  expected = g_strjoinv ("\n", (char **) names);
  g_assert_cmpstr (out, ==, expected);
}
