/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Marginalia"
#include "config.h"

#include <string.h>

#include "mg-collection.h"
#include "mg-sidecar.h"

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

GPtrArray *
mg_collection_list_folder (GFile        *folder,
                           GCancellable *cancellable,
                           GError      **error)
{
  g_autoptr(GFileEnumerator) enumerator = NULL;
  g_autoptr(GHashTable) files = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) sidecars = g_ptr_array_new_with_free_func (g_free);
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);

  g_return_val_if_fail (G_IS_FILE (folder), NULL);

  enumerator = g_file_enumerate_children (folder,
                                          G_FILE_ATTRIBUTE_STANDARD_NAME ","
                                          G_FILE_ATTRIBUTE_STANDARD_TYPE,
                                          G_FILE_QUERY_INFO_NONE, cancellable, error);
  if (enumerator == NULL)
    {
      g_ptr_array_unref (names);
      return NULL;
    }

  for (;;)
    {
      GFileInfo *info = NULL;
      const char *name;

      if (!g_file_enumerator_iterate (enumerator, &info, NULL, cancellable, error))
        {
          g_ptr_array_unref (names);
          return NULL;
        }
      if (info == NULL)
        break;
      /* Symbolic links are followed: a link to a speech is a speech. */
      if (g_file_info_get_file_type (info) != G_FILE_TYPE_REGULAR)
        continue;
      name = g_file_info_get_name (info);
      if (g_str_has_suffix (name, MG_SIDECAR_SUFFIX))
        g_ptr_array_add (sidecars, g_strndup (name, strlen (name) - strlen (MG_SIDECAR_SUFFIX)));
      else
        g_hash_table_add (files, g_strdup (name));
    }

  /* Every *.txt, and every other file that has a sidecar. */
  for (guint i = 0; i < sidecars->len; i++)
    {
      const char *speech = g_ptr_array_index (sidecars, i);

      if (!g_str_has_suffix (speech, ".txt") && g_hash_table_contains (files, speech))
        g_ptr_array_add (names, g_strdup (speech));
    }
  {
    GHashTableIter iter;
    gpointer key;

    g_hash_table_iter_init (&iter, files);
    while (g_hash_table_iter_next (&iter, &key, NULL))
      if (g_str_has_suffix (key, ".txt"))
        g_ptr_array_add (names, g_strdup (key));
  }
  g_ptr_array_sort (names, compare_names);
  return names;
}
