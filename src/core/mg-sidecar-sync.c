/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Marginalia"
#include "config.h"

#include <glib/gi18n-lib.h>

#include "mg-sidecar-private.h"
#include "mg-sidecar-sync.h"

struct _MgSidecarSync
{
  GObject            parent_instance;

  MgSidecar         *sidecar;
  MgAnnotationStore *store;         /* the sidecar's, watched */
  gulong             dirty_id;
  gulong             store_id;

  GBytes            *base;          /* what the file holds, as far as we know */
  char              *base_sum;      /* its sha256 */
  char              *written_sum;   /* of the bytes a save of the synced store writes */
};

G_DEFINE_FINAL_TYPE (MgSidecarSync, mg_sidecar_sync, G_TYPE_OBJECT)

static char *
checksum (GBytes *bytes)
{
  return g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, bytes);
}

static void
dirty_changed (MgAnnotationStore *store,
               GParamSpec        *pspec,
               MgSidecarSync     *self)
{
  if (!mg_annotation_store_get_dirty (store))
    mg_sidecar_sync_mark_synced (self);
}

static void
watch_store (MgSidecarSync *self)
{
  if (self->store != NULL)
    g_clear_signal_handler (&self->dirty_id, self->store);
  g_set_object (&self->store, mg_sidecar_get_store (self->sidecar));
  if (self->store != NULL)
    self->dirty_id = g_signal_connect (self->store, "notify::dirty",
                                       G_CALLBACK (dirty_changed), self);
}

static void
store_replaced (MgSidecar     *sidecar,
                GParamSpec    *pspec,
                MgSidecarSync *self)
{
  watch_store (self);
  mg_sidecar_sync_mark_synced (self);
}

static void
mg_sidecar_sync_dispose (GObject *object)
{
  MgSidecarSync *self = MG_SIDECAR_SYNC (object);

  if (self->store != NULL)
    g_clear_signal_handler (&self->dirty_id, self->store);
  if (self->sidecar != NULL)
    g_clear_signal_handler (&self->store_id, self->sidecar);
  g_clear_object (&self->store);
  g_clear_object (&self->sidecar);

  G_OBJECT_CLASS (mg_sidecar_sync_parent_class)->dispose (object);
}

static void
mg_sidecar_sync_finalize (GObject *object)
{
  MgSidecarSync *self = MG_SIDECAR_SYNC (object);

  g_clear_pointer (&self->base, g_bytes_unref);
  g_free (self->base_sum);
  g_free (self->written_sum);

  G_OBJECT_CLASS (mg_sidecar_sync_parent_class)->finalize (object);
}

static void
mg_sidecar_sync_class_init (MgSidecarSyncClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = mg_sidecar_sync_dispose;
  object_class->finalize = mg_sidecar_sync_finalize;
}

static void
mg_sidecar_sync_init (MgSidecarSync *self)
{
}

MgSidecarSync *
mg_sidecar_sync_new (MgSidecar *sidecar)
{
  MgSidecarSync *self;

  g_return_val_if_fail (MG_IS_SIDECAR (sidecar), NULL);

  self = g_object_new (MG_TYPE_SIDECAR_SYNC, NULL);
  self->sidecar = g_object_ref (sidecar);
  self->store_id = g_signal_connect (sidecar, "notify::store",
                                     G_CALLBACK (store_replaced), self);
  watch_store (self);
  mg_sidecar_sync_mark_synced (self);
  return self;
}

MgSidecar *
mg_sidecar_sync_get_sidecar (MgSidecarSync *self)
{
  g_return_val_if_fail (MG_IS_SIDECAR_SYNC (self), NULL);
  return self->sidecar;
}

void
mg_sidecar_sync_mark_synced (MgSidecarSync *self)
{
  g_return_if_fail (MG_IS_SIDECAR_SYNC (self));

  g_clear_pointer (&self->base, g_bytes_unref);
  g_clear_pointer (&self->base_sum, g_free);
  g_clear_pointer (&self->written_sum, g_free);

  /* A sidecar that failed to load holds nothing of the file. */
  if (mg_sidecar_get_broken (self->sidecar))
    return;

  self->base = mg_sidecar_serialize (self->sidecar);
  self->base_sum = checksum (self->base);
  self->written_sum = g_strdup (self->base_sum);
}

gboolean
mg_sidecar_sync_is_known (MgSidecarSync *self,
                          GBytes        *bytes)
{
  g_autofree char *sum = NULL;

  g_return_val_if_fail (MG_IS_SIDECAR_SYNC (self), FALSE);
  g_return_val_if_fail (bytes != NULL, FALSE);

  sum = checksum (bytes);
  /* The last save's bytes too: an asynchronous save lands after the store
   * may have changed again, and is not a change made elsewhere. */
  return g_strcmp0 (sum, self->base_sum) == 0 || g_strcmp0 (sum, self->written_sum) == 0 ||
         g_strcmp0 (sum, mg_sidecar_get_written_checksum (self->sidecar)) == 0;
}

static MgSidecar *
parse (MgSidecarSync *self,
       GBytes        *bytes,
       GError       **error)
{
  g_autoptr(MgSidecar) sidecar = mg_sidecar_new (mg_sidecar_get_file (self->sidecar),
                                                 mg_sidecar_get_document (self->sidecar));

  if (!mg_sidecar_load_bytes (sidecar, bytes, error))
    return NULL;
  return g_steal_pointer (&sidecar);
}

gboolean
mg_sidecar_sync_merge_bytes (MgSidecarSync *self,
                             GBytes        *bytes,
                             MgMergeReport *report,
                             gboolean      *out_save_needed,
                             GError       **error)
{
  g_autoptr(MgSidecar) theirs = NULL;
  g_autoptr(MgSidecar) base = NULL;
  g_autoptr(GPtrArray) rest = g_ptr_array_new ();
  MgMergeReport counts = { 0, 0, 0 };
  MgMergeReport merged = { 0, 0, 0 };
  MgAnnotationStore *their_store, *base_store = NULL;
  MgAnnotationStore *store;
  gboolean ok;
  guint n;

  g_return_val_if_fail (MG_IS_SIDECAR_SYNC (self), FALSE);
  g_return_val_if_fail (bytes != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (report != NULL)
    *report = counts;
  if (out_save_needed != NULL)
    *out_save_needed = FALSE;

  if (mg_sidecar_sync_is_known (self, bytes))
    return TRUE;

  theirs = parse (self, bytes, error);
  if (theirs == NULL)
    return FALSE;
  if (self->base != NULL)
    {
      base = parse (self, self->base, NULL);
      if (base != NULL)
        base_store = mg_sidecar_get_store (base);
    }

  store = mg_sidecar_get_store (self->sidecar);
  their_store = mg_sidecar_get_store (theirs);
  n = mg_annotation_store_get_n_annotations (their_store);

  mg_annotation_store_begin_group (store, _("Merge changes made elsewhere"));
  for (guint i = 0; i < n; i++)
    {
      MgAnnotation *incoming = mg_annotation_store_get_annotation (their_store, i);
      const char *id = mg_annotation_get_id (incoming);
      MgAnnotation *was = base_store != NULL ? mg_annotation_store_lookup (base_store, id) : NULL;
      MgAnnotation *ours = mg_annotation_store_lookup (store, id);

      /* Untouched on disk: ours wins, even when we deleted it. */
      if (was != NULL && mg_annotation_equal (incoming, was))
        {
          counts.skipped++;
          continue;
        }
      /* Changed on disk only: take theirs, if its tags are known here;
       * otherwise the merge below adds the tags and keeps both. */
      if (was != NULL && ours != NULL && mg_annotation_equal (ours, was))
        {
          const char * const *tags = mg_annotation_get_tags (incoming);
          MgTagSet *tag_set = mg_annotation_store_get_tag_set (store);
          gboolean known = TRUE;

          for (guint t = 0; tags[t] != NULL; t++)
            known = known && mg_tag_set_lookup (tag_set, tags[t]) != NULL;
          if (known)
            {
              mg_annotation_store_update (store, ours, incoming);
              counts.merged++;
              continue;
            }
        }
      g_ptr_array_add (rest, incoming);
    }

  ok = mg_merge_annotations (store, rest, mg_annotation_store_get_tag_set (their_store),
                             NULL, &merged, error);
  mg_annotation_store_end_group (store);
  if (!ok)
    {
      /* Put back what the first pass changed. */
      if (counts.merged > 0 && mg_annotation_store_can_undo (store))
        mg_annotation_store_undo (store);
      return FALSE;
    }

  counts.added += merged.added;
  counts.merged += merged.merged;
  counts.skipped += merged.skipped;

  /* The file now holds @bytes: they are the base of the next merge. */
  g_clear_pointer (&self->base, g_bytes_unref);
  g_free (self->base_sum);
  self->base = g_bytes_ref (bytes);
  self->base_sum = checksum (bytes);

  if (report != NULL)
    *report = counts;
  if (out_save_needed != NULL)
    {
      g_autoptr(GBytes) now = mg_sidecar_serialize (self->sidecar);

      *out_save_needed = !g_bytes_equal (now, bytes);
    }
  return TRUE;
}

gboolean
mg_sidecar_reload_merge (MgSidecarSync *self,
                         GCancellable  *cancellable,
                         MgMergeReport *report,
                         gboolean      *out_save_needed,
                         GError       **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  GFile *file;

  g_return_val_if_fail (MG_IS_SIDECAR_SYNC (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (report != NULL)
    *report = (MgMergeReport) { 0, 0, 0 };
  if (out_save_needed != NULL)
    *out_save_needed = FALSE;

  file = mg_sidecar_get_file (self->sidecar);
  bytes = g_file_load_bytes (file, cancellable, NULL, &local_error);
  if (bytes == NULL)
    {
      g_autofree char *name = NULL;

      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
        return TRUE;
      name = g_file_get_parse_name (file);
      g_set_error (error, MG_SIDECAR_ERROR, MG_SIDECAR_ERROR_READ,
                   _("Cannot read “%s”: %s"), name, local_error->message);
      return FALSE;
    }

  return mg_sidecar_sync_merge_bytes (self, bytes, report, out_save_needed, error);
}

gboolean
mg_sidecar_sync_save (MgSidecarSync *self,
                      GCancellable  *cancellable,
                      GError       **error)
{
  g_return_val_if_fail (MG_IS_SIDECAR_SYNC (self), FALSE);

  if (!mg_sidecar_save (self->sidecar, cancellable, error))
    return FALSE;
  mg_sidecar_sync_mark_synced (self);
  return TRUE;
}
