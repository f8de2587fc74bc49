/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Writes a zip archive (PKWARE APPNOTE 6.3) into memory: entries stored or
 * deflated, without Zip64, so each entry and the whole archive must stay
 * under 4 GiB and there may be at most 65,535 entries. Nothing in the
 * archive depends on the clock: every entry carries the time given to
 * mg_zip_writer_new(), and no extra fields are written, so the same
 * entries give the same bytes. */

typedef enum
{
  MG_ZIP_METHOD_STORE,    /* as it is */
  MG_ZIP_METHOD_DEFLATE,  /* deflated, or stored when that is not smaller */
} MgZipMethod;

#define MG_TYPE_ZIP_WRITER (mg_zip_writer_get_type ())
G_DECLARE_FINAL_TYPE (MgZipWriter, mg_zip_writer, MG, ZIP_WRITER, GObject)

/* Appends the archive to @out (which must outlive the writer). @mtime:
 * the modification time of every entry, its own fields as they are (a zip
 * has no time zone; pass UTC for reproducible archives), clamped to
 * 1980–2107; NULL means 1980-01-01 00:00. */
MgZipWriter *mg_zip_writer_new    (GString      *out,
                                   GDateTime    *mtime);
/* Adds the file @name (a relative path with "/" between folders) holding
 * @size bytes of @data. Fails (G_IO_ERROR_INVALID_ARGUMENT) for an empty,
 * absolute or repeated name, and (G_IO_ERROR_NO_SPACE) past the limits
 * above. */
gboolean     mg_zip_writer_add    (MgZipWriter  *self,
                                   const char   *name,
                                   const void   *data,
                                   gsize         size,
                                   MgZipMethod   method,
                                   GError      **error);
/* Writes the central directory; nothing can be added afterwards. */
gboolean     mg_zip_writer_finish (MgZipWriter  *self,
                                   GError      **error);

G_END_DECLS
