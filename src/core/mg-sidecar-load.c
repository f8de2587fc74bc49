/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Marginalia"
#include "config.h"

#include <string.h>

#include "mg-anchor.h"
#include "mg-sidecar-private.h"

/* Everything a load does before the store is filled: reading, parsing,
 * making a document of the embedded text, re-anchoring. It touches no
 * shared state, so it may run in a worker thread. */

void
mg_sidecar_loaded_free (MgSidecarLoaded *loaded)
{
  if (loaded == NULL)
    return;
  g_free (loaded->read_message);
  g_clear_pointer (&loaded->content, mg_sidecar_content_free);
  g_clear_object (&loaded->text_document);
  g_free (loaded);
}

/* What re-anchoring changed that a save would write. */
static gboolean
anchoring_changed (MgAnnotation *before,
                   MgAnnotation *after)
{
  return mg_annotation_get_start (before) != mg_annotation_get_start (after)
    || mg_annotation_get_end (before) != mg_annotation_get_end (after)
    || mg_annotation_is_orphaned (before) != mg_annotation_is_orphaned (after)
    || g_strcmp0 (mg_annotation_get_quote (before), mg_annotation_get_quote (after)) != 0
    || g_strcmp0 (mg_annotation_get_prefix (before), mg_annotation_get_prefix (after)) != 0
    || g_strcmp0 (mg_annotation_get_suffix (before), mg_annotation_get_suffix (after)) != 0;
}

/* Re-anchors what no longer sits at its offsets (everything when the text
 * changed), counting every annotation by its state. */
static void
anchor (MgSidecarLoaded *loaded,
        MgDocument      *document)
{
  GPtrArray *annotations = loaded->content->annotations;
  const char *read_sha256 = loaded->content->doc_sha256;
  g_autoptr(GPtrArray) to_place = g_ptr_array_new ();
  g_autoptr(GPtrArray) before = g_ptr_array_new_with_free_func (g_object_unref);
  gboolean text_changed = read_sha256 != NULL
    && g_strcmp0 (read_sha256, mg_document_get_sha256 (document)) != 0;
  MgAnchorReport report = { 0, 0, 0, 0 };

  loaded->reanchored = text_changed;

  for (guint i = 0; i < annotations->len; i++)
    {
      MgAnnotation *a = g_ptr_array_index (annotations, i);

      if (text_changed || mg_annotation_is_orphaned (a)
          || !mg_sidecar_quote_matches (document, mg_annotation_get_start (a),
                                        mg_annotation_get_end (a),
                                        mg_annotation_get_quote (a)))
        {
          g_ptr_array_add (to_place, a);
          g_ptr_array_add (before, mg_annotation_copy (a));
        }
      else
        loaded->counts.exact++;
    }

  if (to_place->len == 0)
    return;

  mg_anchor_annotations (to_place, document, &report);
  loaded->counts.exact += report.exact;
  loaded->counts.moved += report.moved;
  loaded->counts.fuzzy += report.fuzzy;
  loaded->counts.orphaned += report.orphaned;

  for (guint i = 0; i < to_place->len && !loaded->reanchored; i++)
    if (anchoring_changed (g_ptr_array_index (before, i), g_ptr_array_index (to_place, i)))
      loaded->reanchored = TRUE;
}

MgSidecarLoaded *
mg_sidecar_loaded_from_bytes (GFile      *file,
                              MgDocument *document,
                              GBytes     *bytes)
{
  MgSidecarLoaded *loaded = g_new0 (MgSidecarLoaded, 1);
  g_autofree char *name = mg_sidecar_display_name (file);
  MgSidecarContent *content;
  gconstpointer data;
  gsize length;

  loaded->read_code = -1;
  data = g_bytes_get_data (bytes, &length);
  content = loaded->content = mg_sidecar_content_parse (data != NULL ? data : "", length, name, NULL);
  if (content->code >= 0)
    return loaded;

  if (document == NULL && content->doc_text != NULL)
    {
      loaded->text_document = mg_document_new_for_text (content->doc_text, -1, content->doc_name);
      document = loaded->text_document;
    }

  if (document != NULL)
    anchor (loaded, document);
  else
    for (guint i = 0; i < content->annotations->len; i++)
      {
        if (mg_annotation_is_orphaned (g_ptr_array_index (content->annotations, i)))
          loaded->counts.orphaned++;
        else
          loaded->counts.exact++;
      }

  return loaded;
}

MgSidecarLoaded *
mg_sidecar_loaded_from_file (GFile        *file,
                             MgDocument   *document,
                             GCancellable *cancellable)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *message = NULL;
  gboolean missing = FALSE;
  int code = MG_SIDECAR_ERROR_READ;
  MgSidecarLoaded *loaded;

  bytes = mg_sidecar_read_file (file, cancellable, &missing, &code, &message);
  if (bytes != NULL)
    return mg_sidecar_loaded_from_bytes (file, document, bytes);

  loaded = g_new0 (MgSidecarLoaded, 1);
  loaded->missing = missing;
  loaded->read_code = missing ? -1 : code;
  loaded->read_message = g_steal_pointer (&message);
  return loaded;
}
