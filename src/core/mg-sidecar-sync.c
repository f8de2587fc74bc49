/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Marginalia"
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "mg-annotation-store-private.h"
#include "mg-checksum.h"
#include "mg-sidecar-lock.h"
#include "mg-sidecar-private.h"
#include "mg-sidecar-sync.h"
#include "mg-file.h"

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

  /* What the store's clean state is written as, while its clean serial
   * stays @clean_serial: the store becoming clean again by undo or redo
   * is in that state, which need not be serialised again. */
  GBytes            *clean_bytes;
  char              *clean_sum;
  guint64            clean_serial;
};

G_DEFINE_FINAL_TYPE (MgSidecarSync, mg_sidecar_sync, G_TYPE_OBJECT)

static char *
checksum (GBytes *bytes)
{
  return mg_sha256_hex_bytes (bytes);
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
forget_clean_state (MgSidecarSync *self)
{
  g_clear_pointer (&self->clean_bytes, g_bytes_unref);
  g_clear_pointer (&self->clean_sum, g_free);
}

static void
watch_store (MgSidecarSync *self)
{
  forget_clean_state (self);
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
  forget_clean_state (self);

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

/* The file's bytes, when their checksum is the one recorded as the file
 * was read or last written; NULL otherwise. */
static GBytes *
file_as_loaded (MgSidecarSync *self)
{
  const char *sum = _mg_sidecar_get_file_checksum (self->sidecar);
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *read_sum = NULL;

  if (sum == NULL)
    return NULL;
  bytes = mg_file_load (mg_sidecar_get_file (self->sidecar), MG_SIDECAR_MAX_SIZE, NULL, NULL);
  if (bytes == NULL)
    return NULL;
  read_sum = checksum (bytes);
  if (g_strcmp0 (read_sum, sum) != 0)
    return NULL;
  return g_steal_pointer (&bytes);
}

void
mg_sidecar_sync_mark_synced (MgSidecarSync *self)
{
  guint64 clean_serial;

  g_return_if_fail (MG_IS_SIDECAR_SYNC (self));

  g_clear_pointer (&self->base, g_bytes_unref);
  g_clear_pointer (&self->base_sum, g_free);
  g_clear_pointer (&self->written_sum, g_free);

  /* A sidecar that failed to load holds nothing of the file. */
  if (mg_sidecar_get_broken (self->sidecar))
    return;

  clean_serial = _mg_annotation_store_get_clean_serial (self->store);
  /* Just saved: the bytes written and their sum are at hand. */
  if (_mg_sidecar_get_saved_bytes (self->sidecar) != NULL)
    {
      const char *sum = _mg_sidecar_get_file_checksum (self->sidecar);

      self->base = g_bytes_ref (_mg_sidecar_get_saved_bytes (self->sidecar));
      /* None when the sidecar makes no checksums (mg_sidecar_set_file_checksums). */
      self->base_sum = sum != NULL ? g_strdup (sum) : checksum (self->base);
    }
  /* Just loaded: the bytes read say what the file holds. */
  else if ((self->base = _mg_sidecar_take_read_bytes (self->sidecar)) != NULL)
    self->base_sum = g_strdup (_mg_sidecar_get_file_checksum (self->sidecar));
  /* Clean again by undo or redo (accepting thousands of suggestions
   * undone before they were saved): the state last marked clean. */
  else if (self->clean_bytes != NULL && self->clean_serial == clean_serial &&
           !mg_annotation_store_get_dirty (self->store))
    {
      self->base = g_bytes_ref (self->clean_bytes);
      self->base_sum = g_strdup (self->clean_sum);
    }
  /* Changed since it was read (annotations moved onto an edited speech)
   * and the bytes read not kept: the file, if it still holds what was
   * read. The store would not do: its unsaved changes are not on disk. */
  else if (mg_annotation_store_get_dirty (self->store) &&
           (self->base = file_as_loaded (self)) != NULL)
    self->base_sum = g_strdup (_mg_sidecar_get_file_checksum (self->sidecar));
  else
    {
      self->base = mg_sidecar_serialize (self->sidecar);
      self->base_sum = checksum (self->base);
    }
  self->written_sum = g_strdup (self->base_sum);

  forget_clean_state (self);
  if (!mg_annotation_store_get_dirty (self->store))
    {
      self->clean_bytes = g_bytes_ref (self->base);
      self->clean_sum = g_strdup (self->base_sum);
      self->clean_serial = clean_serial;
    }
}

gboolean
mg_sidecar_sync_is_known (MgSidecarSync *self,
                          GBytes        *bytes)
{
  g_autofree char *sum = NULL;

  g_return_val_if_fail (MG_IS_SIDECAR_SYNC (self), FALSE);
  g_return_val_if_fail (bytes != NULL, FALSE);

  /* The bytes of the base itself, as after each save of ours: compared
   * as they are, which is cheaper than hashing them and proves as much. */
  if (self->base != NULL && g_bytes_equal (bytes, self->base))
    return TRUE;
  sum = checksum (bytes);
  /* The bytes last read or saved too: an asynchronous save lands after
   * the store may have changed again, and a sidecar re-anchored on load
   * (its speech was edited) differs from the file it was read from; in
   * neither case did the file change elsewhere. */
  return g_strcmp0 (sum, self->base_sum) == 0 || g_strcmp0 (sum, self->written_sum) == 0 ||
         g_strcmp0 (sum, _mg_sidecar_get_file_checksum (self->sidecar)) == 0;
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

static gboolean
extra_equal (JsonObject *a,
             JsonObject *b)
{
  g_autoptr(JsonNode) na = NULL;
  g_autoptr(JsonNode) nb = NULL;

  if (a == NULL || b == NULL)
    return (a == NULL || json_object_get_size (a) == 0) &&
           (b == NULL || json_object_get_size (b) == 0);
  na = json_node_init_object (json_node_alloc (), a);
  nb = json_node_init_object (json_node_alloc (), b);
  return json_node_equal (na, nb);
}

static gboolean
tag_equal (MgTag *a,
           MgTag *b)
{
  return g_strcmp0 (mg_tag_get_id (a), mg_tag_get_id (b)) == 0 &&
         g_strcmp0 (mg_tag_get_name (a), mg_tag_get_name (b)) == 0 &&
         g_strcmp0 (mg_tag_get_color (a), mg_tag_get_color (b)) == 0 &&
         g_strcmp0 (mg_tag_get_description (a), mg_tag_get_description (b)) == 0 &&
         extra_equal (_mg_tag_get_extra (a), _mg_tag_get_extra (b));
}

/* The tag set, three ways by id against @base (nullable): a tag added
 * on disk is added here; one changed on disk only takes the disk's
 * definition; one deleted on disk and unchanged here is deleted, unless
 * an annotation still carries it. Changes made here are kept. */
static gboolean
merge_tags (MgAnnotationStore *store,
            MgTagSet          *theirs,
            MgTagSet          *base,
            guint             *n_changed,
            GError           **error)
{
  MgTagSet *ours = mg_annotation_store_get_tag_set (store);
  g_autoptr(GPtrArray) gone = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < mg_tag_set_get_n_tags (theirs); i++)
    {
      MgTag *t = mg_tag_set_get_tag (theirs, i);
      MgTag *o = mg_tag_set_lookup (ours, mg_tag_get_id (t));
      MgTag *b = base != NULL ? mg_tag_set_lookup (base, mg_tag_get_id (t)) : NULL;

      if (o == NULL)
        {
          g_autoptr(MgTag) copy = NULL;

          /* Deleted here, untouched there: stays deleted. */
          if (b != NULL && tag_equal (t, b))
            continue;
          copy = mg_tag_copy (t);
          if (!mg_annotation_store_add_tag (store, copy, error))
            return FALSE;
          (*n_changed)++;
        }
      else if (!tag_equal (o, t) && b != NULL && tag_equal (o, b))
        {
          if (!mg_annotation_store_update_tag (store, t, error))
            return FALSE;
          (*n_changed)++;
        }
    }

  if (base == NULL)
    return TRUE;
  for (guint i = 0; i < mg_tag_set_get_n_tags (ours); i++)
    {
      MgTag *o = mg_tag_set_get_tag (ours, i);
      MgTag *b = mg_tag_set_lookup (base, mg_tag_get_id (o));

      if (mg_tag_set_lookup (theirs, mg_tag_get_id (o)) == NULL && b != NULL &&
          tag_equal (o, b) && mg_annotation_store_count_tag (store, mg_tag_get_id (o)) == 0)
        g_ptr_array_add (gone, g_strdup (mg_tag_get_id (o)));
    }
  for (guint i = 0; i < gone->len; i++)
    {
      if (!mg_annotation_store_delete_tag (store, g_ptr_array_index (gone, i), error))
        return FALSE;
      (*n_changed)++;
    }
  return TRUE;
}

static gboolean
has_dismissal (MgAnnotationStore *store,
               MgDismissal       *d)
{
  return store != NULL &&
         mg_annotation_store_lookup_dismissed (store, mg_dismissal_get_kind (d),
                                               mg_dismissal_get_start (d),
                                               mg_dismissal_get_end (d)) != NULL;
}

/* "dismissed", three ways against @base (nullable): dismissed on disk is
 * dismissed here, unless we took it back; taken back on disk (and not
 * dismissed anew here) is taken back here. */
static guint
merge_dismissed (MgAnnotationStore *store,
                 MgAnnotationStore *theirs,
                 MgAnnotationStore *base)
{
  GListModel *their_list = mg_annotation_store_get_dismissed (theirs);
  GListModel *our_list = mg_annotation_store_get_dismissed (store);
  g_autoptr(GPtrArray) gone = g_ptr_array_new_with_free_func (g_object_unref);
  guint n_changed = 0;

  for (guint i = 0; i < g_list_model_get_n_items (their_list); i++)
    {
      g_autoptr(MgDismissal) d = g_list_model_get_item (their_list, i);

      if (!has_dismissal (store, d) && !has_dismissal (base, d) &&
          mg_annotation_store_dismiss (store, d, NULL))
        n_changed++;
    }
  if (base == NULL)
    return n_changed;
  for (guint i = 0; i < g_list_model_get_n_items (our_list); i++)
    {
      MgDismissal *d = g_list_model_get_item (our_list, i);

      if (has_dismissal (base, d) && !has_dismissal (theirs, d))
        g_ptr_array_add (gone, d);
      else
        g_object_unref (d);
    }
  for (guint i = 0; i < gone->len; i++)
    {
      MgDismissal *d = g_ptr_array_index (gone, i);

      if (mg_annotation_store_undismiss (store, mg_dismissal_get_kind (d),
                                         mg_dismissal_get_start (d), mg_dismissal_get_end (d)))
        n_changed++;
    }
  return n_changed;
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
  guint n, n_tags = 0;

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

  ok = merge_tags (store, mg_annotation_store_get_tag_set (their_store),
                   base_store != NULL ? mg_annotation_store_get_tag_set (base_store) : NULL,
                   &n_tags, error) &&
       mg_merge_annotations (store, rest, mg_annotation_store_get_tag_set (their_store),
                             NULL, &merged, error);
  if (ok)
    n_tags += merge_dismissed (store, their_store, base_store);
  mg_annotation_store_end_group (store);
  if (!ok)
    {
      /* Put back what the first passes changed. */
      if (counts.merged + n_tags > 0 && mg_annotation_store_can_undo (store))
        mg_annotation_store_undo (store);
      return FALSE;
    }

  /* Members this program does not know (and so never changes) are
   * whatever the file holds now; no earlier clean state writes them. */
  _mg_sidecar_adopt_unknown_members (self->sidecar, theirs);
  forget_clean_state (self);

  counts.added += merged.added;
  counts.merged += merged.merged;
  counts.skipped += merged.skipped;

  /* The file now holds @bytes: they are the base of the next merge. */
  g_clear_pointer (&self->base, g_bytes_unref);
  g_free (self->base_sum);
  self->base = g_bytes_ref (bytes);
  self->base_sum = checksum (bytes);
  _mg_sidecar_set_file_checksum (self->sidecar, self->base_sum);

  if (report != NULL)
    *report = counts;
  if (out_save_needed != NULL)
    {
      g_autoptr(GBytes) now = mg_sidecar_serialize (self->sidecar);

      *out_save_needed = !g_bytes_equal (now, bytes);
    }
  return TRUE;
}

/* TRUE when @file holds exactly @bytes: read a piece at a time and
 * compared, with no copy of the whole file made (11 MB of memory touched
 * for nothing when it is our own save, as it mostly is). */
static gboolean
file_holds (GFile        *file,
            GBytes       *bytes,
            GCancellable *cancellable)
{
  g_autoptr(GFileInputStream) stream = g_file_read (file, cancellable, NULL);
  gsize size, at = 0;
  const guint8 *data = g_bytes_get_data (bytes, &size);

  if (stream == NULL)
    return FALSE;
  for (;;)
    {
      guint8 chunk[65536];
      gsize n_read = 0;

      if (!g_input_stream_read_all (G_INPUT_STREAM (stream), chunk, sizeof chunk, &n_read,
                                    cancellable, NULL))
        return FALSE;
      if (n_read == 0)
        return at == size;
      if (n_read > size - at || memcmp (data + at, chunk, n_read) != 0)
        return FALSE;
      at += n_read;
    }
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
  /* What we know it holds (mg_sidecar_sync_is_known), found without
   * reading it whole. */
  if (self->base != NULL && file_holds (file, self->base, cancellable))
    return TRUE;
  bytes = mg_file_load (file, MG_SIDECAR_MAX_SIZE, cancellable, &local_error);
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
  g_autoptr(MgSidecarLock) lock = NULL;

  g_return_val_if_fail (MG_IS_SIDECAR_SYNC (self), FALSE);

  /* Whatever another program wrote since we last looked is merged first,
   * under the lock, so that writing cannot lose it. */
  lock = mg_sidecar_lock_acquire (mg_sidecar_get_file (self->sidecar), error);
  if (lock == NULL)
    return FALSE;
  if (!mg_sidecar_get_broken (self->sidecar) &&
      !mg_sidecar_reload_merge (self, cancellable, NULL, NULL, error))
    return FALSE;
  if (!mg_sidecar_save (self->sidecar, cancellable, error))
    return FALSE;
  /* Unless the save, marking the store clean, has already. */
  if (g_strcmp0 (self->written_sum, _mg_sidecar_get_file_checksum (self->sidecar)) != 0)
    mg_sidecar_sync_mark_synced (self);
  return TRUE;
}

static void
sync_save_done (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  /* The file is in place: the lock may go (task data). A store that did
   * not change meanwhile is marked clean by the save, and so synced. */
  if (!mg_sidecar_save_finish (MG_SIDECAR (source), result, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

void
mg_sidecar_sync_save_async (MgSidecarSync       *self,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  MgSidecarLock *lock;
  GError *error = NULL;

  g_return_if_fail (MG_IS_SIDECAR_SYNC (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, mg_sidecar_sync_save_async);

  /* As mg_sidecar_sync_save: locked, and whatever another program wrote
   * merged first; the lock is held until the file has been replaced. */
  lock = mg_sidecar_lock_acquire (mg_sidecar_get_file (self->sidecar), &error);
  if (lock == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  g_task_set_task_data (task, lock, (GDestroyNotify) mg_sidecar_lock_release);
  if (!mg_sidecar_get_broken (self->sidecar) &&
      !mg_sidecar_reload_merge (self, cancellable, NULL, NULL, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  mg_sidecar_save_async (self->sidecar, cancellable, sync_save_done, g_steal_pointer (&task));
}

gboolean
mg_sidecar_sync_save_finish (MgSidecarSync  *self,
                             GAsyncResult   *result,
                             GError        **error)
{
  g_return_val_if_fail (MG_IS_SIDECAR_SYNC (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
