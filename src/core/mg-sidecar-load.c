/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Marginalia"
#include "config.h"

#include <string.h>

#include "mg-anchor-index.h"
#include "mg-anchor.h"
#include "mg-checksum.h"
#include "mg-dismissal.h"
#include "mg-sidecar-private.h"

/* Everything a load does before the store is filled: reading, parsing,
 * making a document of the embedded text, re-anchoring. It touches no
 * shared state, so it may run in a worker thread. */

void
_mg_sidecar_loaded_free (MgSidecarLoaded *loaded)
{
  if (loaded == NULL)
    return;
  g_free (loaded->read_message);
  g_free (loaded->sum);
  g_clear_pointer (&loaded->bytes, g_bytes_unref);
  g_clear_pointer (&loaded->content, _mg_sidecar_content_free);
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

/* Where the text at old offset @old_start probably is now: shifted as
 * the nearest annotation before it moved (@moves: pairs of old and new
 * starts, sorted by the old). */
static gint64
shifted (GArray *moves,
         guint   old_start)
{
  guint lo = 0, hi = moves->len;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (g_array_index (moves, guint, 2 * mid) <= old_start)
        lo = mid + 1;
      else
        hi = mid;
    }
  if (lo == 0)
    return old_start;
  return (gint64) old_start + (gint64) g_array_index (moves, guint, 2 * (lo - 1) + 1)
         - (gint64) g_array_index (moves, guint, 2 * (lo - 1));
}

/* The exact occurrence of @quote nearest to @hint, for a quote too short
 * to be placed by its text alone (dismissals keep no context). */
static gboolean
nearest_exact (MgAnchorIndex *index,
               const char    *quote,
               gint64         hint,
               guint         *out_start,
               guint         *out_end)
{
  g_autoptr(MgFolded) folded = mg_folded_new (quote, -1, FALSE);
  g_autoptr(GArray) hits = NULL;
  gboolean found = FALSE;
  guint64 best = G_MAXUINT64;

  if (folded->n == 0)
    return FALSE;
  hits = mg_anchor_index_find_exact (index, folded->chars, folded->n, 0);
  for (guint i = 0; i < hits->len; i++)
    {
      guint fs = g_array_index (hits, guint, i);
      guint start, end;
      guint64 distance;

      mg_folded_to_original (index->folded, fs, fs + folded->n, &start, &end);
      if (!mg_anchor_index_range_equals (index, start, end, quote))
        continue;
      distance = start > hint ? (guint64) (start - hint) : (guint64) (hint - start);
      if (distance < best)
        {
          best = distance;
          *out_start = start;
          *out_end = end;
          found = TRUE;
        }
    }
  return found;
}

/* Places the dismissed suggestions again when the text changed (or their
 * quote no longer sits at their offsets), the way annotations are placed,
 * with the moves of the annotations as a guide to where they went (@moves,
 * see shifted()); a short quote that the matcher will not place on its
 * own goes to its nearest exact occurrence. Drops those that cannot be
 * placed, which were only hints. TRUE when anything changed. */
static gboolean
anchor_dismissed (GPtrArray  *dismissed,
                  MgDocument *document,
                  gboolean    text_changed,
                  GArray     *moves)
{
  g_autoptr(MgAnchorIndex) index = NULL;
  g_autoptr(GPtrArray) kept = g_ptr_array_new_with_free_func (g_object_unref);
  gboolean changed = FALSE;

  for (guint i = 0; i < dismissed->len; i++)
    {
      MgDismissal *d = g_ptr_array_index (dismissed, i);
      const char *quote = mg_dismissal_get_quote (d);
      g_autofree char *now = NULL;
      MgAnchorResult result;
      gint64 hint;

      if (!text_changed
          && _mg_sidecar_quote_matches (document, mg_dismissal_get_start (d),
                                        mg_dismissal_get_end (d), quote))
        {
          g_ptr_array_add (kept, g_object_ref (d));
          continue;
        }

      if (index == NULL)
        index = mg_anchor_index_new (document);
      hint = shifted (moves, mg_dismissal_get_start (d));
      mg_anchor_locate_full (index, quote, NULL, NULL, mg_dismissal_get_start (d),
                             mg_dismissal_get_end (d), hint, &result, NULL);
      if (result.state == MG_ANCHOR_STATE_ORPHANED
          && nearest_exact (index, quote, hint, &result.start, &result.end))
        result.state = MG_ANCHOR_STATE_MOVED;
      if (result.state == MG_ANCHOR_STATE_ORPHANED || result.start >= result.end)
        {
          changed = TRUE;
          continue;
        }
      now = mg_document_dup_slice (document, result.start, result.end);
      if (result.start != mg_dismissal_get_start (d) || result.end != mg_dismissal_get_end (d)
          || g_strcmp0 (now, quote) != 0)
        changed = TRUE;
      g_ptr_array_add (kept, mg_dismissal_new_moved (d, result.start, result.end, now));
    }

  g_ptr_array_set_size (dismissed, 0);
  g_ptr_array_extend_and_steal (dismissed, g_steal_pointer (&kept));
  return changed;
}

static int
compare_moves (gconstpointer a,
               gconstpointer b)
{
  guint x = *(const guint *) a, y = *(const guint *) b;

  return x < y ? -1 : x > y;
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
          || !_mg_sidecar_quote_matches (document, mg_annotation_get_start (a),
                                         mg_annotation_get_end (a),
                                         mg_annotation_get_quote (a)))
        {
          g_ptr_array_add (to_place, a);
          g_ptr_array_add (before, mg_annotation_copy (a));
        }
      else
        loaded->counts.exact++;
    }

  if (to_place->len > 0)
    mg_anchor_annotations (to_place, document, &report);
  loaded->counts.exact += report.exact;
  loaded->counts.moved += report.moved;
  loaded->counts.fuzzy += report.fuzzy;
  loaded->counts.orphaned += report.orphaned;

  for (guint i = 0; i < to_place->len && !loaded->reanchored; i++)
    if (anchoring_changed (g_ptr_array_index (before, i), g_ptr_array_index (to_place, i)))
      loaded->reanchored = TRUE;

  if (loaded->content->dismissed->len > 0)
    {
      g_autoptr(GArray) moves = g_array_new (FALSE, FALSE, 2 * sizeof (guint));

      for (guint i = 0; i < to_place->len; i++)
        {
          MgAnnotation *a = g_ptr_array_index (to_place, i);
          guint pair[2] = { mg_annotation_get_start (g_ptr_array_index (before, i)),
                            mg_annotation_get_start (a) };

          if (!mg_annotation_is_orphaned (a))
            g_array_append_vals (moves, pair, 1);
        }
      g_array_sort (moves, compare_moves);
      if (anchor_dismissed (loaded->content->dismissed, document, text_changed, moves))
        loaded->reanchored = TRUE;
    }
}

MgSidecarLoaded *
_mg_sidecar_loaded_from_bytes (GFile      *file,
                               MgDocument *document,
                               GBytes     *bytes,
                               gboolean    checksum)
{
  MgSidecarLoaded *loaded = g_new0 (MgSidecarLoaded, 1);
  g_autofree char *name = _mg_sidecar_display_name (file);
  MgSidecarContent *content;
  gconstpointer data;
  gsize length;

  loaded->read_code = -1;
  loaded->sum = checksum ? mg_sha256_hex_bytes (bytes) : NULL;
  loaded->bytes = checksum ? g_bytes_ref (bytes) : NULL;
  data = g_bytes_get_data (bytes, &length);
  content = loaded->content = _mg_sidecar_content_parse (data != NULL ? data : "", length, name, NULL);
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
_mg_sidecar_loaded_from_file (GFile        *file,
                              MgDocument   *document,
                              gboolean      checksum,
                              GCancellable *cancellable)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *message = NULL;
  gboolean missing = FALSE;
  int code = MG_SIDECAR_ERROR_READ;
  MgSidecarLoaded *loaded;

  bytes = _mg_sidecar_read_file (file, cancellable, &missing, &code, &message);
  if (bytes != NULL)
    return _mg_sidecar_loaded_from_bytes (file, document, bytes, checksum);

  loaded = g_new0 (MgSidecarLoaded, 1);
  loaded->missing = missing;
  loaded->read_code = missing ? -1 : code;
  loaded->read_message = g_steal_pointer (&message);
  return loaded;
}
