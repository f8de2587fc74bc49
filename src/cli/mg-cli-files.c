/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Marginalia"
#include "config.h"

#include <errno.h>
#include <stdio.h>

#include <glib/gi18n-lib.h>

#include <glib/gstdio.h>

#include "mg-cli-common.h"
#include "mg-file.h"
#include "mg-collection.h"

void
mg_cli_files_free (MgCliFiles *files)
{
  /* What a command read is freed when the process ends, all at once: the
   * sidecar and its store of tens of thousands of annotations, freed object
   * by object, were a tenth of an export. It stays reachable from here. */
  static GPtrArray *until_exit;

  if (files == NULL)
    return;
  if (files->sidecar != NULL)
    {
      if (until_exit == NULL)
        until_exit = g_ptr_array_new ();
      g_ptr_array_add (until_exit, g_steal_pointer (&files->sidecar));
    }
  g_clear_pointer (&files->output_lock, mg_sidecar_lock_release);
  g_clear_pointer (&files->lock, mg_sidecar_lock_release);
  g_clear_pointer (&files->previous, g_bytes_unref);
  g_clear_object (&files->document);
  g_clear_object (&files->sidecar_file);
  g_clear_object (&files->document_file);
  g_free (files->sidecar_path);
  g_free (files->document_path);
  g_free (files);
}

MgCliFiles *
mg_cli_files_open (const char *document_path,
                   const char *annotations_path,
                   gboolean    for_writing,
                   int        *out_status)
{
  g_autoptr(MgCliFiles) files = g_new0 (MgCliFiles, 1);
  g_autoptr(GError) error = NULL;

  /* Annotating the sidecar itself would start a sidecar of the sidecar. */
  if (g_str_has_suffix (document_path, MG_SIDECAR_SUFFIX))
    {
      mg_cli_message (_("%s is a sidecar file, not a speech: give the speech "
                        "(its sidecar is found beside it) or use --annotations"),
                      document_path);
      *out_status = MG_CLI_EXIT_DATA;
      return NULL;
    }

  files->document_path = g_strdup (document_path);
  files->document_file = g_file_new_for_commandline_arg (document_path);

  if (annotations_path != NULL)
    {
      files->sidecar_path = g_strdup (annotations_path);
      files->sidecar_file = g_file_new_for_commandline_arg (annotations_path);
    }
  else
    {
      files->sidecar_path = g_strconcat (document_path, MG_SIDECAR_SUFFIX, NULL);
      files->sidecar_file = mg_sidecar_default_file (files->document_file);
    }

  if (for_writing)
    {
      files->lock = mg_sidecar_lock_acquire (files->sidecar_file, &error);
      if (files->lock == NULL)
        {
          *out_status = mg_cli_fail (MG_CLI_EXIT_WRITE, error);
          return NULL;
        }
    }

  /* The speech is read under the lock: `tidy --in-place` rewrites it and
   * its sidecar together, and a change made against the text before that
   * would be saved against the wrong text. */
  files->document = mg_document_load (files->document_file, NULL, &error);
  if (files->document == NULL)
    {
      *out_status = mg_cli_fail (MG_CLI_EXIT_DATA, error);
      return NULL;
    }

  files->sidecar = mg_sidecar_new (files->sidecar_file, files->document);
  /* Read or written once, then the command ends: nothing to keep in step. */
  mg_sidecar_set_file_checksums (files->sidecar, FALSE);
  if (!mg_sidecar_load (files->sidecar, NULL, &error))
    {
      GPtrArray *problems = mg_sidecar_get_problems (files->sidecar);

      mg_cli_fail (MG_CLI_EXIT_DATA, error);
      if (problems != NULL && problems->len > 1)
        mg_cli_message (_("%u problems in all; “%s validate %s” lists them."),
                        problems->len, MG_CLI_PROGRAM, files->sidecar_path);
      *out_status = MG_CLI_EXIT_DATA;
      return NULL;
    }

  if (for_writing && mg_sidecar_get_read_only (files->sidecar))
    {
      mg_cli_message (_("%s was written by a newer version of Marginalia; "
                        "this version can read it but will not change it"),
                      files->sidecar_path);
      *out_status = MG_CLI_EXIT_DATA;
      return NULL;
    }

  files->store = mg_sidecar_get_store (files->sidecar);
  *out_status = MG_CLI_EXIT_OK;
  return g_steal_pointer (&files);
}

int
mg_cli_files_save (MgCliFiles *files)
{
  return mg_cli_files_save_full (files, FALSE);
}

int
mg_cli_files_save_full (MgCliFiles *files,
                        gboolean    force)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) previous = NULL;

  if (!force && !mg_annotation_store_get_dirty (files->store))
    return MG_CLI_EXIT_OK;

  previous = g_file_load_bytes (files->sidecar_file, NULL, NULL, NULL);
  if (!mg_sidecar_save (files->sidecar, NULL, &error))
    return mg_cli_fail (mg_cli_save_status (error), error);
  if (!files->saved)
    {
      files->saved = TRUE;
      files->previous = g_steal_pointer (&previous);
    }
  return MG_CLI_EXIT_OK;
}

int
mg_cli_files_finish (MgCliFiles *files,
                     const char *undone)
{
  g_autoptr(GError) error = NULL;
  const char *reason;

  if (fflush (stdout) == 0 && !ferror (stdout))
    return MG_CLI_EXIT_OK;
  reason = g_strerror (errno);
  clearerr (stdout);

  if (!files->saved)
    mg_cli_message (_("could not write to standard output: %s"), reason);
  else if (mg_sidecar_put_back (files->sidecar, files->previous, &error))
    {
      g_autofree char *as_it_was = g_strdup_printf (_("%s is as it was"), files->sidecar_path);

      mg_cli_message (_("could not write to standard output (%s); %s"), reason,
                      undone != NULL ? undone : as_it_was);
    }
  else
    mg_cli_message (_("could not write to standard output (%s); the change is saved in %s "
                      "all the same (it could not be taken back: %s)"),
                    reason, files->sidecar_path, error->message);
  return MG_CLI_EXIT_WRITE;
}

int
mg_cli_save_status (const GError *error)
{
  /* A sidecar we must not overwrite, or one that would grow past what can
   * be read back, is a matter of its data; anything else is the write
   * itself failing. */
  if (g_error_matches (error, MG_SIDECAR_ERROR, MG_SIDECAR_ERROR_BROKEN) ||
      g_error_matches (error, MG_SIDECAR_ERROR, MG_SIDECAR_ERROR_NEWER_VERSION) ||
      g_error_matches (error, MG_SIDECAR_ERROR, MG_SIDECAR_ERROR_TOO_LARGE))
    return MG_CLI_EXIT_DATA;
  return MG_CLI_EXIT_WRITE;
}

gboolean
mg_cli_check_tag (MgCliFiles *files,
                  const char *tag_id)
{
  MgTagSet *tags = mg_annotation_store_get_tag_set (files->store);
  g_autoptr(GString) known = NULL;

  if (mg_tag_set_lookup (tags, tag_id) != NULL)
    return TRUE;

  known = g_string_new (NULL);
  for (guint i = 0; i < mg_tag_set_get_n_tags (tags); i++)
    {
      if (i > 0)
        g_string_append (known, ", ");
      g_string_append (known, mg_tag_get_id (mg_tag_set_get_tag (tags, i)));
    }
  mg_cli_message (_("unknown tag “%s” in %s (known tags: %s)"),
                  tag_id, files->sidecar_path, known->str);
  return FALSE;
}

/* The same file: the same path once links are followed, or the same
 * inode (a hard link). */
static gboolean
same_file (GFile *a,
           GFile *b)
{
  g_autoptr(GFile) ra = mg_file_resolve_symlinks (a, NULL);
  g_autoptr(GFile) rb = mg_file_resolve_symlinks (b, NULL);
  g_autofree char *pa = g_file_get_path (ra);
  g_autofree char *pb = g_file_get_path (rb);
  GStatBuf sa, sb;

  if (g_file_equal (ra, rb))
    return TRUE;
  return pa != NULL && pb != NULL && g_stat (pa, &sa) == 0 && g_stat (pb, &sb) == 0 &&
         sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}

gboolean
mg_cli_files_check_output (MgCliFiles         *files,
                           const MgCliCommand *command,
                           const char         *output,
                           int                *out_status)
{
  g_autoptr(GFile) file = g_file_new_for_commandline_arg (output);

  if (same_file (file, files->document_file))
    {
      *out_status = mg_cli_usage_error (command, _("-o %s would overwrite the speech itself"), output);
      return FALSE;
    }
  if (same_file (file, files->sidecar_file))
    {
      *out_status = mg_cli_usage_error (command, _("-o %s would overwrite the speech’s annotations (%s)"),
                                        output, files->sidecar_path);
      return FALSE;
    }
  return TRUE;
}

gboolean
mg_cli_files_lock_output (MgCliFiles *files,
                          GFile      *sidecar,
                          int        *out_status)
{
  g_autoptr(GError) error = NULL;

  /* flock() locks per open file: a second lock on the same file would
   * wait for this very process. */
  if (same_file (sidecar, files->sidecar_file))
    return TRUE;
  files->output_lock = mg_sidecar_lock_acquire (sidecar, &error);
  if (files->output_lock == NULL)
    {
      *out_status = mg_cli_fail (MG_CLI_EXIT_WRITE, error);
      return FALSE;
    }
  return TRUE;
}

/* The speech paths @args names: each DOC as given, each FOLDER's speeches
 * joined with it. */
static GPtrArray *
speech_paths (MgCliArgs *args,
              gboolean  *out_several,
              int       *out_status)
{
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);

  *out_several = args->n_args > 1;
  for (guint i = 0; i < args->n_args; i++)
    {
      const char *arg = args->args[i];
      g_autoptr(GFile) folder = NULL;
      g_autoptr(GPtrArray) names = NULL;
      g_autoptr(GError) error = NULL;

      if (!g_file_test (arg, G_FILE_TEST_IS_DIR))
        {
          g_ptr_array_add (paths, g_strdup (arg));
          continue;
        }
      *out_several = TRUE;
      folder = g_file_new_for_commandline_arg (arg);
      names = mg_collection_list_folder (folder, NULL, &error);
      if (names == NULL)
        {
          *out_status = mg_cli_fail (MG_CLI_EXIT_DATA, error);
          return NULL;
        }
      if (names->len == 0)
        {
          mg_cli_message (_("%s holds no speech (no .txt file, no file with a sidecar)"), arg);
          *out_status = MG_CLI_EXIT_DATA;
          return NULL;
        }
      for (guint n = 0; n < names->len; n++)
        g_ptr_array_add (paths, g_build_filename (arg, g_ptr_array_index (names, n), NULL));
    }
  return g_steal_pointer (&paths);
}

GPtrArray *
mg_cli_files_open_all (MgCliArgs *args,
                       gboolean  *out_several,
                       int       *out_status)
{
  g_autoptr(GPtrArray) paths = speech_paths (args, out_several, out_status);
  g_autoptr(GPtrArray) all = NULL;

  if (paths == NULL)
    return NULL;
  if (*out_several && args->annotations != NULL)
    {
      *out_status = mg_cli_usage_error (args->command,
                                        _("--annotations names the sidecar of one speech only"));
      return NULL;
    }

  all = g_ptr_array_new_with_free_func ((GDestroyNotify) mg_cli_files_free);
  for (guint i = 0; i < paths->len; i++)
    {
      MgCliFiles *files = mg_cli_files_open (g_ptr_array_index (paths, i), args->annotations,
                                             FALSE, out_status);

      if (files == NULL)
        return NULL;
      g_ptr_array_add (all, files);
    }
  return g_steal_pointer (&all);
}

gboolean
mg_cli_check_tag_any (GPtrArray  *all,
                      const char *tag_id)
{
  for (guint i = 0; i < all->len; i++)
    {
      MgCliFiles *files = g_ptr_array_index (all, i);

      if (mg_tag_set_lookup (mg_annotation_store_get_tag_set (files->store), tag_id) != NULL)
        return TRUE;
    }
  if (all->len == 1)
    return mg_cli_check_tag (g_ptr_array_index (all, 0), tag_id);
  mg_cli_message (_("unknown tag “%s”: none of the %u speeches has it"), tag_id, all->len);
  return FALSE;
}
