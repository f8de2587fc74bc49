/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Marginalia"
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "mg-file.h"

/* Reading and writing whole files safely: size limits, atomic
 * replacement, symbolic links kept, pipes and devices written as streams. */

GBytes *
mg_file_load (GFile         *file,
              guint64        max_size,
              GCancellable  *cancellable,
              GError       **error)
{
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GFileInputStream) stream = NULL;
  g_autoptr(GByteArray) buffer = NULL;
  guint64 size;

  g_return_val_if_fail (G_IS_FILE (file), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  info = g_file_query_info (file,
                            G_FILE_ATTRIBUTE_STANDARD_TYPE "," G_FILE_ATTRIBUTE_STANDARD_SIZE,
                            G_FILE_QUERY_INFO_NONE, cancellable, error);
  if (info == NULL)
    return NULL;
  switch (g_file_info_get_file_type (info))
    {
    case G_FILE_TYPE_REGULAR:
      break;
    case G_FILE_TYPE_DIRECTORY:
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY,
                           _("it is a folder, not a file"));
      return NULL;
    default:
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE,
                           _("it is not a regular file"));
      return NULL;
    }
  size = (guint64) g_file_info_get_size (info);
  if (size > max_size)
    {
      g_autofree char *limit = g_format_size (max_size);

      g_set_error (error, G_IO_ERROR, G_IO_ERROR_MESSAGE_TOO_LARGE,
                   _("the file is too large (at most %s)"), limit);
      return NULL;
    }

  stream = g_file_read (file, cancellable, error);
  if (stream == NULL)
    return NULL;
  buffer = g_byte_array_sized_new ((guint) MIN (size + 1, G_MAXUINT));
  for (;;)
    {
      guint8 chunk[65536];
      gsize n_read = 0;

      if (!g_input_stream_read_all (G_INPUT_STREAM (stream), chunk, sizeof chunk,
                                    &n_read, cancellable, error))
        return NULL;
      if (n_read == 0)
        break;
      if (buffer->len + n_read > max_size)
        {
          g_autofree char *limit = g_format_size (max_size);

          g_set_error (error, G_IO_ERROR, G_IO_ERROR_MESSAGE_TOO_LARGE,
                       _("the file is too large (at most %s)"), limit);
          return NULL;
        }
      g_byte_array_append (buffer, chunk, (guint) n_read);
    }
  return g_byte_array_free_to_bytes (g_steal_pointer (&buffer));
}

/* Writing files */

/* The temporary file a save writes before renaming it over @path:
 * ".NAME.saving-XXXXXX" in the same folder, a name nothing else uses. */
char *
mg_file_temporary_template (const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *base = g_path_get_basename (path);
  g_autofree char *name = g_strconcat (".", base, ".saving-XXXXXX", NULL);

  return g_build_filename (dir, name, NULL);
}

static gboolean
write_all (int            fd,
           const guint8  *data,
           gsize          length)
{
  while (length > 0)
    {
      gssize n = write (fd, data, MIN (length, (gsize) G_MAXSSIZE));

      if (n < 0)
        {
          if (errno == EINTR)
            continue;
          return FALSE;
        }
      data += n;
      length -= (gsize) n;
    }
  return TRUE;
}

void
mg_file_remove_stale_temporaries (const char *path)
{
  g_autofree char *dir_path = g_path_get_dirname (path);
  g_autofree char *template = mg_file_temporary_template (path);
  g_autofree char *tmpl_base = g_path_get_basename (template);
  g_autofree char *prefix = g_strndup (tmpl_base, strlen (tmpl_base) - 6);
  g_autoptr(GDir) dir = g_dir_open (dir_path, 0, NULL);
  const char *entry;

  if (dir == NULL)
    return;
  while ((entry = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *stale = NULL;

      if (!g_str_has_prefix (entry, prefix) || strlen (entry) != strlen (prefix) + 6)
        continue;
      stale = g_build_filename (dir_path, entry, NULL);
      if (g_file_test (stale, G_FILE_TEST_IS_REGULAR) && !g_file_test (stale, G_FILE_TEST_IS_SYMLINK))
        g_unlink (stale);
    }
}

static void
set_errno_error (GError **error,
                 int      saved)
{
  g_set_error_literal (error, G_FILE_ERROR, g_file_error_from_errno (saved), g_strerror (saved));
}

/* The temporary file of a replacement of @path, its name in *@tmp; -1 on
 * failure. @mode -1: a new file's (0666 less the umask); else set. */
static int
temporary_open (const char  *path,
                int          mode,
                char       **tmp,
                GError     **error)
{
  int fd, saved;

  *tmp = mg_file_temporary_template (path);
  fd = g_mkstemp_full (*tmp, O_RDWR | O_CLOEXEC, 0666);
  if (fd < 0)
    {
      set_errno_error (error, errno);
      g_clear_pointer (tmp, g_free);
      return -1;
    }
  if (mode >= 0 && fchmod (fd, (mode_t) mode) != 0)
    {
      saved = errno;
      close (fd);
      g_unlink (*tmp);
      g_clear_pointer (tmp, g_free);
      set_errno_error (error, saved);
      return -1;
    }
  return fd;
}

/* Ends a replacement: fsync, rename over @path, fsync of the folder; on
 * failure the temporary file is removed. Closes @fd. */
static gboolean
temporary_commit (int          fd,
                  const char  *tmp,
                  const char  *path,
                  GError     **error)
{
  g_autofree char *dir = g_path_get_dirname (path);
  int saved, dir_fd;

  if (fsync (fd) != 0)
    {
      saved = errno;
      close (fd);
      g_unlink (tmp);
      set_errno_error (error, saved);
      return FALSE;
    }
  if (close (fd) != 0 || g_rename (tmp, path) != 0)
    {
      saved = errno;
      g_unlink (tmp);
      set_errno_error (error, saved);
      return FALSE;
    }
  dir_fd = g_open (dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC, 0);
  if (dir_fd >= 0)
    {
      fsync (dir_fd);
      close (dir_fd);
    }
  return TRUE;
}

/* Temporary file, fsync, rename, fsync of the folder. @mode -1: a new
 * file's (0666 less the umask); else kept. */
gboolean
mg_file_replace (const char     *path,
                 gconstpointer   data,
                 gsize           length,
                 int             mode,
                 GError        **error)
{
  g_autofree char *tmp = NULL;
  int fd = temporary_open (path, mode, &tmp, error);

  if (fd < 0)
    return FALSE;
  if (!write_all (fd, data, length))
    {
      int saved = errno;

      close (fd);
      g_unlink (tmp);
      set_errno_error (error, saved);
      return FALSE;
    }
  return temporary_commit (fd, tmp, path, error);
}

/* Where the bytes really go: the target of a symbolic link, so that the
 * link stays a link and the replacement stays atomic. */
GFile *
mg_file_resolve_symlinks (GFile        *file,
                          GCancellable *cancellable)
{
  g_autoptr(GFile) target = g_object_ref (file);

  for (int hops = 0; hops < 16; hops++)
    {
      g_autoptr(GFileInfo) info =
        g_file_query_info (target,
                           G_FILE_ATTRIBUTE_STANDARD_IS_SYMLINK ","
                           G_FILE_ATTRIBUTE_STANDARD_SYMLINK_TARGET,
                           G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, cancellable, NULL);
      g_autoptr(GFile) parent = NULL;
      const char *link;

      if (info == NULL || !g_file_info_get_is_symlink (info))
        break;
      link = g_file_info_get_symlink_target (info);
      parent = g_file_get_parent (target);
      if (link == NULL || parent == NULL)
        break;
      {
        GFile *next = g_file_resolve_relative_path (parent, link);

        g_object_unref (target);
        target = next;
      }
    }

  return g_steal_pointer (&target);
}

/* An output file written in pieces (mg-file.h). */
struct _MgFileOutput
{
  int         fd;        /* -1 when written through GIO */
  char       *tmp;       /* the temporary file of a replacement, else NULL */
  char       *path;      /* what @tmp replaces */
  GFile      *target;    /* written through GIO (no local path) */
  GByteArray *buffer;    /* … from these bytes */
};

static void
output_free (MgFileOutput *self)
{
  g_free (self->tmp);
  g_free (self->path);
  g_clear_object (&self->target);
  g_clear_pointer (&self->buffer, g_byte_array_unref);
  g_free (self);
}

MgFileOutput *
mg_file_output_open (GFile         *file,
                     GCancellable  *cancellable,
                     GError       **error)
{
  g_autoptr(GFile) target = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GFileInfo) info = NULL;
  MgFileOutput *self;
  int mode = -1;

  g_return_val_if_fail (G_IS_FILE (file), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  /* What the name leads to, through any links (/dev/stdout is a link to
   * a link to a pipe). */
  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_TYPE "," G_FILE_ATTRIBUTE_UNIX_MODE,
                            G_FILE_QUERY_INFO_NONE, cancellable, NULL);
  if (info != NULL && g_file_info_get_file_type (info) == G_FILE_TYPE_DIRECTORY)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY, _("it is a folder"));
      return NULL;
    }
  path = g_file_get_path (file);
  if (info != NULL && path != NULL && g_file_info_get_file_type (info) != G_FILE_TYPE_REGULAR)
    {
      /* A pipe, a terminal, /dev/stdout: written to as it is. */
      int fd = g_open (path, O_WRONLY | O_CLOEXEC | O_NOCTTY, 0);

      if (fd < 0)
        {
          set_errno_error (error, errno);
          return NULL;
        }
      self = g_new0 (MgFileOutput, 1);
      self->fd = fd;
      return self;
    }

  target = mg_file_resolve_symlinks (file, cancellable);
  g_clear_pointer (&path, g_free);
  path = g_file_get_path (target);
  self = g_new0 (MgFileOutput, 1);
  self->fd = -1;
  if (path == NULL)
    {
      self->target = g_steal_pointer (&target);
      self->buffer = g_byte_array_new ();
      return self;
    }
  if (info != NULL && g_file_info_has_attribute (info, G_FILE_ATTRIBUTE_UNIX_MODE))
    mode = g_file_info_get_attribute_uint32 (info, G_FILE_ATTRIBUTE_UNIX_MODE) & 07777;
  self->fd = temporary_open (path, mode, &self->tmp, error);
  if (self->fd < 0)
    {
      output_free (self);
      return NULL;
    }
  self->path = g_steal_pointer (&path);
  return self;
}

gboolean
mg_file_output_write (MgFileOutput  *self,
                      gconstpointer  data,
                      gsize          length,
                      GError       **error)
{
  g_return_val_if_fail (self != NULL, FALSE);

  if (self->buffer != NULL)
    {
      g_byte_array_append (self->buffer, data, (guint) length);
      return TRUE;
    }
  if (!write_all (self->fd, data, length))
    {
      set_errno_error (error, errno);
      return FALSE;
    }
  return TRUE;
}

gboolean
mg_file_output_close (MgFileOutput  *self,
                      GCancellable  *cancellable,
                      GError       **error)
{
  gboolean ok;

  g_return_val_if_fail (self != NULL, FALSE);

  if (self->buffer != NULL)
    ok = g_file_replace_contents (self->target,
                                  self->buffer->len > 0 ? (const char *) self->buffer->data : "",
                                  self->buffer->len, NULL, FALSE,
                                  G_FILE_CREATE_REPLACE_DESTINATION, NULL,
                                  cancellable, error);
  else if (self->tmp != NULL)
    ok = temporary_commit (self->fd, self->tmp, self->path, error);
  else if (close (self->fd) != 0)
    {
      set_errno_error (error, errno);
      ok = FALSE;
    }
  else
    ok = TRUE;
  output_free (self);
  return ok;
}

void
mg_file_output_abort (MgFileOutput *self)
{
  if (self == NULL)
    return;
  if (self->fd >= 0)
    close (self->fd);
  if (self->tmp != NULL)
    g_unlink (self->tmp);
  output_free (self);
}

gboolean
mg_file_write_output (GFile         *file,
                      GBytes        *bytes,
                      GCancellable  *cancellable,
                      GError       **error)
{
  MgFileOutput *output;
  gsize length;
  gconstpointer data = g_bytes_get_data (bytes, &length);

  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  output = mg_file_output_open (file, cancellable, error);
  if (output == NULL)
    return FALSE;
  if (!mg_file_output_write (output, data, length, error))
    {
      mg_file_output_abort (output);
      return FALSE;
    }
  return mg_file_output_close (output, cancellable, error);
}

gboolean
mg_file_replace_with_backup (GFile         *file,
                             gconstpointer  data,
                             gsize          length,
                             GError       **error)
{
  g_autoptr(GFile) target = NULL;
  g_autofree char *path = NULL;
  g_autofree char *backup = NULL;
  g_autofree char *old = NULL;
  gsize old_length = 0;
  GStatBuf st;
  int mode;

  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  target = mg_file_resolve_symlinks (file, NULL);
  path = g_file_get_path (target);
  if (path == NULL)
    return g_file_replace_contents (target, length > 0 ? data : "", length, NULL, TRUE,
                                    G_FILE_CREATE_NONE, NULL, NULL, error);
  if (g_stat (path, &st) != 0)
    {
      int saved = errno;

      g_set_error_literal (error, G_FILE_ERROR, g_file_error_from_errno (saved), g_strerror (saved));
      return FALSE;
    }
  mode = (int) (st.st_mode & 07777);
  /* GIO's own backup on replace renames a half-written file over the old
   * one when the disk is full: both written here, each atomically. */
  if (!g_file_get_contents (path, &old, &old_length, error))
    return FALSE;
  backup = g_strconcat (path, "~", NULL);
  mg_file_remove_stale_temporaries (backup);
  mg_file_remove_stale_temporaries (path);
  if (!mg_file_replace (backup, old, old_length, mode, error))
    return FALSE;
  return mg_file_replace (path, data, length, mode, error);
}
