/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Marginalia"
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <unistd.h>
#include <sys/file.h>
#include <sys/stat.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "mg-sidecar-lock.h"
#include "mg-sidecar-private.h"
#include "mg-file.h"

struct _MgSidecarLock
{
  char *path;   /* NULL when nothing is locked */
  int   fd;
};

static guint
timeout_ms (void)
{
  const char *value = g_getenv ("MARGINALIA_LOCK_TIMEOUT");
  char *end = NULL;
  double seconds;

  if (value == NULL || *value == '\0')
    return MG_SIDECAR_LOCK_TIMEOUT_MS;
  seconds = g_ascii_strtod (value, &end);
  if (end == value || *end != '\0' || !(seconds >= 0) || seconds > 3600)
    return MG_SIDECAR_LOCK_TIMEOUT_MS;
  return (guint) (seconds * 1000);
}

char *
_mg_sidecar_lock_path (GFile *sidecar)
{
  g_autoptr(GFile) target = mg_file_resolve_symlinks (sidecar, NULL);
  g_autofree char *path = g_file_get_path (target);
  g_autofree char *dir = NULL;
  g_autofree char *base = NULL;
  g_autofree char *name = NULL;

  if (path == NULL)
    return NULL;
  dir = g_path_get_dirname (path);
  base = g_path_get_basename (path);
  name = g_strconcat (".", base, ".lock", NULL);
  return g_build_filename (dir, name, NULL);
}

/* The lock file may have been removed (and made again) by its previous
 * holder between our open() and flock(): then we hold a lock on a file
 * nobody else will look at. */
static gboolean
still_the_lock_file (int         fd,
                     const char *path)
{
  struct stat held, now;

  if (fstat (fd, &held) != 0 || g_lstat (path, &now) != 0)
    return FALSE;
  return held.st_dev == now.st_dev && held.st_ino == now.st_ino;
}

MgSidecarLock *
mg_sidecar_lock_acquire (GFile   *sidecar,
                         GError **error)
{
  g_autofree char *path = NULL;
  MgSidecarLock *lock;
  gint64 deadline;

  g_return_val_if_fail (G_IS_FILE (sidecar), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  lock = g_new0 (MgSidecarLock, 1);
  lock->fd = -1;
  path = _mg_sidecar_lock_path (sidecar);
  if (path == NULL)
    return lock;

  deadline = g_get_monotonic_time () + (gint64) timeout_ms () * 1000;
  for (;;)
    {
      int fd = g_open (path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0666);
      int saved;

      if (fd < 0)
        {
          saved = errno;
          if (saved == EINTR)
            continue;
          /* Nowhere to put a lock file: nothing can be written there
           * either, and the save says so itself. */
          if (saved == EACCES || saved == EPERM || saved == EROFS ||
              saved == ENOENT || saved == ENOTDIR)
            return lock;
          {
            g_autofree char *name = _mg_sidecar_display_name (sidecar);

            g_set_error (error, MG_SIDECAR_ERROR, MG_SIDECAR_ERROR_LOCKED,
                         _("Cannot lock “%s” for changing: %s"), name, g_strerror (saved));
          }
          g_free (lock);
          return NULL;
        }

      for (;;)
        {
          if (flock (fd, LOCK_EX | LOCK_NB) == 0)
            break;
          saved = errno;
          if (saved == EINTR)
            continue;
          if ((saved != EWOULDBLOCK && saved != EAGAIN) || g_get_monotonic_time () >= deadline)
            {
              g_autofree char *name = _mg_sidecar_display_name (sidecar);

              close (fd);
              if (saved == EWOULDBLOCK || saved == EAGAIN)
                g_set_error (error, MG_SIDECAR_ERROR, MG_SIDECAR_ERROR_LOCKED,
                             _("“%s” is being changed by another program (it holds “%s”); "
                               "nothing was changed, try again"),
                             name, path);
              else if (saved == ENOLCK || saved == EOPNOTSUPP)
                {
                  /* A file system without locks: go on unlocked. */
                  g_free (lock);
                  lock = g_new0 (MgSidecarLock, 1);
                  lock->fd = -1;
                  return lock;
                }
              else
                g_set_error (error, MG_SIDECAR_ERROR, MG_SIDECAR_ERROR_LOCKED,
                             _("Cannot lock “%s” for changing: %s"), name, g_strerror (saved));
              g_free (lock);
              return NULL;
            }
          g_usleep (10 * 1000);
        }

      if (still_the_lock_file (fd, path))
        {
          lock->fd = fd;
          lock->path = g_steal_pointer (&path);
          return lock;
        }
      close (fd);
    }
}

void
mg_sidecar_lock_release (MgSidecarLock *lock)
{
  if (lock == NULL)
    return;
  if (lock->fd >= 0)
    {
      /* Removed while still held: whoever waits on it then finds it gone
       * and makes a new one. */
      g_unlink (lock->path);
      close (lock->fd);
    }
  g_free (lock->path);
  g_free (lock);
}
