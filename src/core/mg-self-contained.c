/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Marginalia"
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "mg-checksum.h"
#include "mg-self-contained.h"
#include "mg-file.h"

G_DEFINE_QUARK (mg-shared-error-quark, mg_self_contained_error)

static char *
display_name (GFile *file)
{
  return g_file_get_parse_name (file);
}

MgSidecar *
mg_self_contained_open (GFile        *file,
                GCancellable *cancellable,
                GError      **error)
{
  g_autoptr(MgSidecar) sidecar = NULL;
  g_autofree char *name = NULL;
  g_autofree char *sum = NULL;
  const char *text;
  const char *expected;

  g_return_val_if_fail (G_IS_FILE (file), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  name = display_name (file);
  sidecar = mg_sidecar_new (file, NULL);
  if (!mg_sidecar_load (sidecar, cancellable, error))
    return NULL;

  text = mg_sidecar_get_embedded_text (sidecar);
  if (!mg_sidecar_get_exists (sidecar) || text == NULL)
    {
      g_set_error (error, MG_SELF_CONTAINED_ERROR, MG_SELF_CONTAINED_ERROR_NO_TEXT,
                   _("“%s” does not contain the text of its speech; open the speech itself"),
                   name);
      return NULL;
    }

  expected = mg_sidecar_get_document_sha256 (sidecar);
  sum = mg_sha256_hex (text, strlen (text));
  if (expected != NULL && g_ascii_strcasecmp (expected, sum) != 0)
    {
      g_set_error (error, MG_SELF_CONTAINED_ERROR, MG_SELF_CONTAINED_ERROR_MISMATCH,
                   _("The speech embedded in “%s” does not match its checksum "
                     "(document.sha256): the file was changed or damaged"),
                   name);
      return NULL;
    }

  return g_steal_pointer (&sidecar);
}

GFile *
mg_self_contained_default_speech_file (MgSidecar *sidecar)
{
  GFile *file;
  g_autoptr(GFile) parent = NULL;
  g_autofree char *base = NULL;
  const char *doc_name;

  g_return_val_if_fail (MG_IS_SIDECAR (sidecar), NULL);

  file = mg_sidecar_get_file (sidecar);
  parent = g_file_get_parent (file);
  doc_name = mg_sidecar_get_document_name (sidecar);

  /* Only a plain name: the file says where it came from, not where to write. */
  if (doc_name != NULL && *doc_name != '\0' && strchr (doc_name, '/') == NULL &&
      strchr (doc_name, '\\') == NULL && strcmp (doc_name, ".") != 0 &&
      strcmp (doc_name, "..") != 0)
    base = g_strdup (doc_name);
  else
    {
      base = g_file_get_basename (file);
      if (g_str_has_suffix (base, MG_SIDECAR_SUFFIX) && strlen (base) > strlen (MG_SIDECAR_SUFFIX))
        base[strlen (base) - strlen (MG_SIDECAR_SUFFIX)] = '\0';
      else
        {
          char *with_ext = g_strconcat (base, ".txt", NULL);

          g_free (base);
          base = with_ext;
        }
    }

  if (parent == NULL)
    return g_file_new_for_path (base);
  return g_file_get_child (parent, base);
}

gboolean
mg_self_contained_save_speech (MgSidecar    *sidecar,
                       GFile        *file,
                       GCancellable *cancellable,
                       GError      **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GBytes) existing = NULL;
  g_autoptr(GBytes) written = NULL;
  g_autofree char *name = NULL;
  MgDocument *document;
  const char *text;
  gsize size;

  g_return_val_if_fail (MG_IS_SIDECAR (sidecar), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  document = mg_sidecar_get_document (sidecar);
  g_return_val_if_fail (document != NULL, FALSE);
  text = mg_document_get_text (document);
  size = mg_document_get_size (document);
  name = display_name (file);

  /* Whatever is there is compared with the text, read no further than
   * the text's length could match. */
  existing = mg_file_load (file, size, cancellable, &local_error);
  if (existing == NULL && g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_MESSAGE_TOO_LARGE))
    {
      g_set_error (error, MG_SELF_CONTAINED_ERROR, MG_SELF_CONTAINED_ERROR_EXISTS,
                   _("“%s” already exists and holds another text; it was left as it was"),
                   name);
      return FALSE;
    }
  if (existing != NULL)
    {
      gsize length = 0;
      const char *data = g_bytes_get_data (existing, &length);

      if (length == size && (size == 0 || memcmp (data, text, size) == 0))
        return TRUE;
      g_set_error (error, MG_SELF_CONTAINED_ERROR, MG_SELF_CONTAINED_ERROR_EXISTS,
                   _("“%s” already exists and holds another text; it was left as it was"),
                   name);
      return FALSE;
    }
  if (!g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
    {
      g_set_error (error, G_IO_ERROR, local_error->code,
                   _("Cannot save the speech as “%s”: %s"), name, local_error->message);
      return FALSE;
    }
  g_clear_error (&local_error);

  /* Written beside and renamed: a full disk leaves no half a speech. */
  written = g_bytes_new_static (text, size);
  if (!mg_file_write_output (file, written, cancellable, &local_error))
    {
      g_set_error (error, local_error->domain, local_error->code,
                   _("Cannot save the speech as “%s”: %s"), name, local_error->message);
      return FALSE;
    }
  return TRUE;
}

gboolean
mg_self_contained_save_as (MgSidecar    *sidecar,
                   GFile        *file,
                   GCancellable *cancellable,
                   GError      **error)
{
  gboolean embedded;
  gboolean ok;

  g_return_val_if_fail (MG_IS_SIDECAR (sidecar), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  /* Whether the sidecar embeds its text on its own saves is a property of
   * its file: keep it. */
  embedded = mg_sidecar_get_embedded_text (sidecar) != NULL;
  mg_sidecar_set_embed_text (sidecar, TRUE);
  ok = mg_sidecar_save_as (sidecar, file, cancellable, error);
  mg_sidecar_set_embed_text (sidecar, embedded);
  return ok;
}
