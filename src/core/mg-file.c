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

/* Temporary file, fsync, rename, fsync of the folder. @mode -1: a new
 * file's (0666 less the umask); else kept. */
gboolean
mg_file_replace (const char     *path,
                 gconstpointer   data,
                 gsize           length,
                 int             mode,
                 GError        **error)
{
  g_autofree char *tmp = mg_file_temporary_template (path);
  g_autofree char *dir = g_path_get_dirname (path);
  int fd, saved, dir_fd;

  fd = g_mkstemp_full (tmp, O_RDWR | O_CLOEXEC, 0666);
  if (fd < 0)
    {
      saved = errno;
      g_set_error_literal (error, G_FILE_ERROR, g_file_error_from_errno (saved), g_strerror (saved));
      return FALSE;
    }
  if ((mode >= 0 && fchmod (fd, (mode_t) mode) != 0) ||
      !write_all (fd, data, length) ||
      fsync (fd) != 0)
    {
      saved = errno;
      close (fd);
      g_unlink (tmp);
      g_set_error_literal (error, G_FILE_ERROR, g_file_error_from_errno (saved), g_strerror (saved));
      return FALSE;
    }
  if (close (fd) != 0 || g_rename (tmp, path) != 0)
    {
      saved = errno;
      g_unlink (tmp);
      g_set_error_literal (error, G_FILE_ERROR, g_file_error_from_errno (saved), g_strerror (saved));
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

gboolean
mg_file_write_output (GFile         *file,
                      GBytes        *bytes,
                      GCancellable  *cancellable,
                      GError       **error)
{
  g_autoptr(GFile) target = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GFileInfo) info = NULL;
  gsize length;
  gconstpointer data = g_bytes_get_data (bytes, &length);
  int mode = -1;

  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  /* What the name leads to, through any links (/dev/stdout is a link to
   * a link to a pipe). */
  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_TYPE "," G_FILE_ATTRIBUTE_UNIX_MODE,
                            G_FILE_QUERY_INFO_NONE, cancellable, NULL);
  if (info != NULL && g_file_info_get_file_type (info) == G_FILE_TYPE_DIRECTORY)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY, _("it is a folder"));
      return FALSE;
    }
  path = g_file_get_path (file);
  if (info != NULL && path != NULL && g_file_info_get_file_type (info) != G_FILE_TYPE_REGULAR)
    {
      /* A pipe, a terminal, /dev/stdout: written to as it is. */
      int fd = g_open (path, O_WRONLY | O_CLOEXEC | O_NOCTTY, 0);
      int saved;

      if (fd < 0 || !write_all (fd, data, length))
        {
          saved = errno;
          if (fd >= 0)
            close (fd);
          g_set_error_literal (error, G_FILE_ERROR, g_file_error_from_errno (saved), g_strerror (saved));
          return FALSE;
        }
      if (close (fd) != 0)
        {
          saved = errno;
          g_set_error_literal (error, G_FILE_ERROR, g_file_error_from_errno (saved), g_strerror (saved));
          return FALSE;
        }
      return TRUE;
    }

  target = mg_file_resolve_symlinks (file, cancellable);
  g_clear_pointer (&path, g_free);
  path = g_file_get_path (target);
  if (path == NULL)
    return g_file_replace_contents (target, data, length, NULL, FALSE,
                                    G_FILE_CREATE_REPLACE_DESTINATION, NULL,
                                    cancellable, error);
  if (info != NULL && g_file_info_has_attribute (info, G_FILE_ATTRIBUTE_UNIX_MODE))
    mode = g_file_info_get_attribute_uint32 (info, G_FILE_ATTRIBUTE_UNIX_MODE) & 07777;
  return mg_file_replace (path, data, length, mode, error);
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
