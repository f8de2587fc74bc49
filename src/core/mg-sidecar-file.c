/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Marginalia"
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/mman.h>
#include <sys/stat.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "mg-sidecar-private.h"
#include "mg-file.h"

/* The sidecar on disk: reading with a size limit, atomic replacing,
 * validating a file without a store. */

G_DEFINE_QUARK (mg-sidecar-error-quark, mg_sidecar_error)

void
mg_sidecar_problem_free (MgSidecarProblem *problem)
{
  if (problem == NULL)
    return;
  g_free (problem->file);
  g_free (problem->member);
  g_free (problem->message);
  g_free (problem);
}

char *
mg_sidecar_problem_to_string (const MgSidecarProblem *problem)
{
  g_return_val_if_fail (problem != NULL, NULL);

  if (problem->line == 0)
    return g_strdup_printf ("%s: %s", problem->file, problem->message);
  return g_strdup_printf ("%s:%u:%u: %s", problem->file, problem->line,
                          problem->column, problem->message);
}

GFile *
mg_sidecar_default_file (GFile *document)
{
  g_autoptr(GFile) parent = NULL;
  g_autofree char *base = NULL;
  g_autofree char *name = NULL;

  g_return_val_if_fail (G_IS_FILE (document), NULL);

  parent = g_file_get_parent (document);
  base = g_file_get_basename (document);
  if (parent == NULL || base == NULL)
    {
      g_autofree char *uri = g_file_get_uri (document);
      g_autofree char *sidecar_uri = g_strconcat (uri, MG_SIDECAR_SUFFIX, NULL);

      return g_file_new_for_uri (sidecar_uri);
    }
  name = g_strconcat (base, MG_SIDECAR_SUFFIX, NULL);
  return g_file_get_child (parent, name);
}

GFile *
mg_sidecar_document_file (GFile *sidecar_file)
{
  g_autoptr(GFile) parent = NULL;
  g_autofree char *base = NULL;
  gsize len;

  g_return_val_if_fail (G_IS_FILE (sidecar_file), NULL);

  base = g_file_get_basename (sidecar_file);
  parent = g_file_get_parent (sidecar_file);
  if (base == NULL || parent == NULL || !g_str_has_suffix (base, MG_SIDECAR_SUFFIX))
    return NULL;
  len = strlen (base) - strlen (MG_SIDECAR_SUFFIX);
  if (len == 0)
    return NULL;
  base[len] = '\0';
  return g_file_get_child (parent, base);
}

GFile *
mg_sidecar_resolve_open (GFile        *file,
                         GCancellable *cancellable)
{
  g_autoptr(GFile) speech = NULL;

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  speech = mg_sidecar_document_file (file);
  if (speech != NULL &&
      g_file_query_file_type (speech, G_FILE_QUERY_INFO_NONE, cancellable) == G_FILE_TYPE_REGULAR)
    return g_steal_pointer (&speech);
  return g_object_ref (file);
}

char *
_mg_sidecar_display_name (GFile *file)
{
  return g_file_get_parse_name (file);
}

/* Room for at least *@size bytes (set to what was made). A large file is
 * read into transparent huge pages where the system gives them on request
 * (madvise): filling fresh memory costs a page fault for every 4 KiB
 * otherwise, about as much as the copy from the page cache itself. */
#define HUGE_PAGE_SIZE (2 * 1024 * 1024)

static guint8 *
alloc_buffer (gsize *size)
{
#ifdef MADV_HUGEPAGE
  if (*size >= 4 * HUGE_PAGE_SIZE)
    {
      gsize rounded = (*size + HUGE_PAGE_SIZE - 1) & ~(gsize) (HUGE_PAGE_SIZE - 1);
      void *data = NULL;

      /* GLib allocates with the system's malloc: g_free() frees this. */
      if (posix_memalign (&data, HUGE_PAGE_SIZE, rounded) == 0)
        {
          madvise (data, rounded, MADV_HUGEPAGE);
          *size = rounded;
          return data;
        }
    }
#endif
  return g_malloc (*size);
}

GBytes *
_mg_sidecar_read_file (GFile         *file,
                       GCancellable  *cancellable,
                       gboolean      *out_missing,
                       int           *out_code,
                       char         **out_message)
{
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GFileInputStream) stream = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *name = _mg_sidecar_display_name (file);
  g_autofree guint8 *data = NULL;
  gsize capacity, len = 0;
  guint64 size;

  *out_missing = FALSE;
  info = g_file_query_info (file,
                            G_FILE_ATTRIBUTE_STANDARD_TYPE "," G_FILE_ATTRIBUTE_STANDARD_SIZE,
                            G_FILE_QUERY_INFO_NONE, cancellable, &local_error);
  if (info == NULL)
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
        {
          *out_missing = TRUE;
          return NULL;
        }
      *out_code = MG_SIDECAR_ERROR_READ;
      *out_message = g_strdup_printf (_("cannot read the annotations: %s"), local_error->message);
      return NULL;
    }

  if (g_file_info_get_file_type (info) != G_FILE_TYPE_REGULAR)
    {
      *out_code = MG_SIDECAR_ERROR_READ;
      *out_message = g_strdup (g_file_info_get_file_type (info) == G_FILE_TYPE_DIRECTORY
                               ? _("this is a folder, not an annotations file")
                               : _("this is not a regular file"));
      return NULL;
    }

  size = (guint64) g_file_info_get_size (info);
  if (size > MG_SIDECAR_MAX_SIZE)
    {
      *out_code = MG_SIDECAR_ERROR_TOO_LARGE;
      *out_message = g_strdup_printf (_("the file is too large (%u MiB; annotations files are refused above %d MiB)"),
                                      (guint) MIN (size / (1024 * 1024), G_MAXUINT),
                                      MG_SIDECAR_MAX_SIZE / (1024 * 1024));
      return NULL;
    }

  stream = g_file_read (file, cancellable, &local_error);
  if (stream == NULL)
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
        {
          *out_missing = TRUE;
          return NULL;
        }
      *out_code = MG_SIDECAR_ERROR_READ;
      *out_message = g_strdup_printf (_("cannot read the annotations: %s"), local_error->message);
      return NULL;
    }

  /* Read straight into the buffer, sized to the file (it may have grown
   * or shrunk since it was measured). */
  capacity = (gsize) size + 1;
  data = alloc_buffer (&capacity);
  for (;;)
    {
      gsize room, n_read = 0;

      if (len == capacity)
        {
          capacity += 65536;
          data = g_realloc (data, capacity);
        }
      room = capacity - len;
      if (!g_input_stream_read_all (G_INPUT_STREAM (stream), data + len, room,
                                    &n_read, cancellable, &local_error))
        {
          *out_code = MG_SIDECAR_ERROR_READ;
          *out_message = g_strdup_printf (_("cannot read the annotations: %s"), local_error->message);
          return NULL;
        }
      len += n_read;
      if (n_read == 0)
        break;
      if (len > MG_SIDECAR_MAX_SIZE)
        {
          /* The file grew since it was measured. */
          *out_code = MG_SIDECAR_ERROR_TOO_LARGE;
          *out_message = g_strdup_printf (_("the file is too large (annotations files are refused above %d MiB)"),
                                          MG_SIDECAR_MAX_SIZE / (1024 * 1024));
          return NULL;
        }
      if (n_read < room)
        break;
    }

  return g_bytes_new_take (g_steal_pointer (&data), len);
}

gboolean
_mg_sidecar_write_file (GFile         *file,
                        GBytes        *bytes,
                        GCancellable  *cancellable,
                        GError       **error)
{
  g_autoptr(GFile) target = mg_file_resolve_symlinks (file, cancellable);
  g_autoptr(GFile) parent = g_file_get_parent (target);
  g_autoptr(GError) local_error = NULL;
  g_autofree char *name = _mg_sidecar_display_name (file);
  g_autofree char *path = NULL;
  gconstpointer data;
  gsize length;

  /* What could not be read back is not written: the same limit on both
   * sides. */
  if (g_bytes_get_size (bytes) > MG_SIDECAR_MAX_SIZE)
    {
      g_set_error (error, MG_SIDECAR_ERROR, MG_SIDECAR_ERROR_TOO_LARGE,
                   _("Cannot save “%s”: the annotations would take %u MiB, and annotations "
                     "files are refused above %d MiB; nothing was changed"),
                   name, (guint) MIN (g_bytes_get_size (bytes) / (1024 * 1024) + 1, G_MAXUINT),
                   MG_SIDECAR_MAX_SIZE / (1024 * 1024));
      return FALSE;
    }

  /* GIO writes in place, not atomically, when it cannot create its
   * temporary file beside the target: refuse instead. */
  if (parent != NULL)
    {
      g_autoptr(GFileInfo) info =
        g_file_query_info (parent,
                           G_FILE_ATTRIBUTE_STANDARD_TYPE "," G_FILE_ATTRIBUTE_ACCESS_CAN_WRITE,
                           G_FILE_QUERY_INFO_NONE, cancellable, &local_error);

      if (info == NULL)
        {
          g_set_error (error, MG_SIDECAR_ERROR, MG_SIDECAR_ERROR_WRITE,
                       _("Cannot save “%s”: %s"), name, local_error->message);
          return FALSE;
        }
      if (g_file_info_get_file_type (info) != G_FILE_TYPE_DIRECTORY)
        {
          g_set_error (error, MG_SIDECAR_ERROR, MG_SIDECAR_ERROR_WRITE,
                       _("Cannot save “%s”: its parent is not a folder"), name);
          return FALSE;
        }
      if (g_file_info_has_attribute (info, G_FILE_ATTRIBUTE_ACCESS_CAN_WRITE)
          && !g_file_info_get_attribute_boolean (info, G_FILE_ATTRIBUTE_ACCESS_CAN_WRITE))
        {
          g_set_error (error, MG_SIDECAR_ERROR, MG_SIDECAR_ERROR_WRITE,
                       _("Cannot save “%s”: its folder is not writable"), name);
          return FALSE;
        }
    }

  data = g_bytes_get_data (bytes, &length);
  path = g_file_get_path (target);
  if (path != NULL)
    {
      /* g_file_replace_contents() closes its stream when a write fails
       * (a full disk, a size limit), and closing renames the half-written
       * temporary file over the old one: written here instead, the old
       * file is left as it was. */
      g_autoptr(GFileInfo) info =
        g_file_query_info (target,
                           G_FILE_ATTRIBUTE_UNIX_MODE "," G_FILE_ATTRIBUTE_ACCESS_CAN_WRITE,
                           G_FILE_QUERY_INFO_NONE, cancellable, NULL);
      int mode = -1;

      if (info != NULL)
        {
          if (g_file_info_has_attribute (info, G_FILE_ATTRIBUTE_ACCESS_CAN_WRITE)
              && !g_file_info_get_attribute_boolean (info, G_FILE_ATTRIBUTE_ACCESS_CAN_WRITE))
            {
              g_set_error (error, MG_SIDECAR_ERROR, MG_SIDECAR_ERROR_WRITE,
                           _("Cannot save “%s”: %s"), name, g_strerror (EACCES));
              return FALSE;
            }
          if (g_file_info_has_attribute (info, G_FILE_ATTRIBUTE_UNIX_MODE))
            mode = g_file_info_get_attribute_uint32 (info, G_FILE_ATTRIBUTE_UNIX_MODE) & 07777;
        }
      /* Saves hold the sidecar's lock: any temporary file of ours
       * found now is what a killed save left. */
      mg_file_remove_stale_temporaries (path);
      if (!mg_file_replace (path, data, length, mode, &local_error))
        {
          g_set_error (error, MG_SIDECAR_ERROR, MG_SIDECAR_ERROR_WRITE,
                       _("Cannot save “%s”: %s"), name, local_error->message);
          return FALSE;
        }
      return TRUE;
    }

  if (!g_file_replace_contents (target, data, length, NULL, FALSE,
                                G_FILE_CREATE_NONE, NULL, cancellable, &local_error))
    {
      g_set_error (error, MG_SIDECAR_ERROR, MG_SIDECAR_ERROR_WRITE,
                   _("Cannot save “%s”: %s"), name, local_error->message);
      return FALSE;
    }

  return TRUE;
}

GPtrArray *
mg_sidecar_validate_file (GFile      *file,
                          MgDocument *document,
                          gboolean   *out_newer)
{
  g_autoptr(MgSidecarContent) content = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *message = NULL;
  g_autofree char *name = NULL;
  gboolean missing = FALSE;
  int code = MG_SIDECAR_ERROR_READ;
  gconstpointer data;
  gsize length;

  g_return_val_if_fail (G_IS_FILE (file), NULL);
  g_return_val_if_fail (document == NULL || MG_IS_DOCUMENT (document), NULL);

  if (out_newer != NULL)
    *out_newer = FALSE;

  name = _mg_sidecar_display_name (file);
  bytes = _mg_sidecar_read_file (file, NULL, &missing, &code, &message);
  if (bytes == NULL)
    {
      content = _mg_sidecar_content_new ();
      if (missing)
        message = g_strdup (_("no such file"));
      _mg_sidecar_content_add_problem (content, MG_SIDECAR_PROBLEM_ERROR, code, name, NULL, message);
      return g_steal_pointer (&content->problems);
    }

  data = g_bytes_get_data (bytes, &length);
  content = _mg_sidecar_content_parse (data != NULL ? data : "", length, name, document);
  if (out_newer != NULL)
    *out_newer = content->newer;
  return g_steal_pointer (&content->problems);
}
