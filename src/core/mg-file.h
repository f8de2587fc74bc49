/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Reads @file whole, checking first that it is a regular file (not a
 * folder, a FIFO or a device, which could block or never end) of at most
 * @max_size bytes, and stopping there should it have grown since. Errors:
 * G_IO_ERROR_NOT_FOUND, G_IO_ERROR_IS_DIRECTORY,
 * G_IO_ERROR_NOT_REGULAR_FILE, G_IO_ERROR_MESSAGE_TOO_LARGE (the size
 * limit), or what reading gives; the message does not name the file. */
GBytes     *mg_file_load             (GFile        *file,
                                      guint64       max_size,
                                      GCancellable *cancellable,
                                      GError      **error);

/* The temporary file written before it is renamed over @path:
 * ".NAME.saving-XXXXXX" beside it (a template for g_mkstemp). */
char       *mg_file_temporary_template (const char *path);
/* Removes the temporary files of mg_file_replace() of @path that a killed
 * save left (regular files named by the template; not links). Only for a
 * caller that holds what keeps other writers of @path away. */
void        mg_file_remove_stale_temporaries (const char *path);
/* Replaces @path atomically: temporary file, fsync, rename, fsync of the
 * folder; on failure the temporary file is removed and @path is as it
 * was. @mode -1: a new file's (0666 less the umask); else set. */
gboolean    mg_file_replace          (const char   *path,
                                      gconstpointer data,
                                      gsize         length,
                                      int           mode,
                                      GError      **error);
/* Where the bytes of @file really go: the target of a symbolic link (so
 * that the link stays a link), else @file. */
GFile      *mg_file_resolve_symlinks (GFile        *file,
                                      GCancellable *cancellable);
/* Writes an output file: through a symbolic link to its target; into a
 * pipe, a terminal or a device (/dev/stdout) as a stream; a regular file
 * replaced atomically, keeping its mode. A folder is refused. */
gboolean    mg_file_write_output     (GFile        *file,
                                      GBytes       *bytes,
                                      GCancellable *cancellable,
                                      GError      **error);
/* The same, written in pieces as they are made: open, write any number
 * of times, then close (which replaces a regular file atomically, as
 * above) or abort (which leaves the file as it was). A non-local file is
 * gathered and written at the close. */
typedef struct _MgFileOutput MgFileOutput;
MgFileOutput *mg_file_output_open    (GFile         *file,
                                      GCancellable  *cancellable,
                                      GError       **error);
gboolean    mg_file_output_write     (MgFileOutput  *output,
                                      gconstpointer  data,
                                      gsize          length,
                                      GError       **error);
/* Frees @output, also on failure. */
gboolean    mg_file_output_close     (MgFileOutput  *output,
                                      GCancellable  *cancellable,
                                      GError       **error);
/* Frees @output; nullable. */
void        mg_file_output_abort     (MgFileOutput  *output);
/* Replaces the regular file @file (through symbolic links) with @length
 * bytes of @data atomically, its previous bytes kept as "NAME~" beside it
 * with the same mode. When either cannot be written in full (a full
 * disk), @file is as it was. Removes what killed saves of either left:
 * the caller keeps other writers away. */
gboolean    mg_file_replace_with_backup (GFile        *file,
                                         gconstpointer data,
                                         gsize         length,
                                         GError      **error);

G_END_DECLS
