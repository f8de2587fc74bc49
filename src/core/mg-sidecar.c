/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Marginalia"
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "mg-checksum.h"
#include "mg-anchor.h"
#include "mg-json.h"
#include "mg-annotation-store-private.h"
#include "mg-sidecar-private.h"
#include "mg-file.h"

struct _MgSidecar
{
  GObject            parent_instance;

  GFile             *file;
  MgDocument        *document;       /* as given, nullable */
  MgDocument        *text_document;  /* made from document.text when none was given */
  MgAnnotationStore *store;

  MgSidecarContent  *read;           /* document and unknown members as read */
  GPtrArray         *problems;       /* MgSidecarProblem */
  MgAnchorReport     counts;
  char              *file_sum;       /* SHA-256 of the bytes last read or saved */
  GBytes            *saved_bytes;    /* the bytes written, while a save marks the store clean */
  GBytes            *read_bytes;     /* the bytes last read, until taken, saved over or merged */

  guint              exists : 1;
  guint              broken : 1;
  guint              read_only : 1;
  guint              embed_text : 1;
  guint              reanchored : 1;
  guint              no_checksums : 1;
  guint              keep_read_bytes : 1;
};

G_DEFINE_FINAL_TYPE (MgSidecar, mg_sidecar, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_FILE,
  PROP_DOCUMENT,
  PROP_STORE,
  PROP_BROKEN,
  PROP_READ_ONLY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
replace_store (MgSidecar         *self,
               MgAnnotationStore *store)
{
  g_set_object (&self->store, store);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
}

static void
set_broken (MgSidecar *self,
            gboolean   broken)
{
  if (self->broken == !!broken)
    return;
  self->broken = !!broken;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BROKEN]);
}

static void
set_read_only (MgSidecar *self,
               gboolean   read_only)
{
  if (self->read_only == !!read_only)
    return;
  self->read_only = !!read_only;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_READ_ONLY]);
}

static void
mg_sidecar_constructed (GObject *object)
{
  MgSidecar *self = MG_SIDECAR (object);

  G_OBJECT_CLASS (mg_sidecar_parent_class)->constructed (object);

  self->store = mg_annotation_store_new (self->document, NULL);
}

static void
mg_sidecar_dispose (GObject *object)
{
  MgSidecar *self = MG_SIDECAR (object);

  g_clear_object (&self->store);
  g_clear_object (&self->text_document);
  g_clear_object (&self->document);
  g_clear_object (&self->file);

  G_OBJECT_CLASS (mg_sidecar_parent_class)->dispose (object);
}

static void
mg_sidecar_finalize (GObject *object)
{
  MgSidecar *self = MG_SIDECAR (object);

  g_clear_pointer (&self->read, _mg_sidecar_content_free);
  g_clear_pointer (&self->problems, g_ptr_array_unref);
  g_clear_pointer (&self->read_bytes, g_bytes_unref);
  g_free (self->file_sum);

  G_OBJECT_CLASS (mg_sidecar_parent_class)->finalize (object);
}

static void
mg_sidecar_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  MgSidecar *self = MG_SIDECAR (object);

  switch (prop_id)
    {
    case PROP_FILE:
      g_value_set_object (value, self->file);
      break;
    case PROP_DOCUMENT:
      g_value_set_object (value, mg_sidecar_get_document (self));
      break;
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_BROKEN:
      g_value_set_boolean (value, self->broken);
      break;
    case PROP_READ_ONLY:
      g_value_set_boolean (value, self->read_only);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mg_sidecar_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  MgSidecar *self = MG_SIDECAR (object);

  switch (prop_id)
    {
    case PROP_FILE:
      self->file = g_value_dup_object (value);
      break;
    case PROP_DOCUMENT:
      self->document = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mg_sidecar_class_init (MgSidecarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = mg_sidecar_constructed;
  object_class->dispose = mg_sidecar_dispose;
  object_class->finalize = mg_sidecar_finalize;
  object_class->get_property = mg_sidecar_get_property;
  object_class->set_property = mg_sidecar_set_property;

  properties[PROP_FILE] =
    g_param_spec_object ("file", NULL, NULL, G_TYPE_FILE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DOCUMENT] =
    g_param_spec_object ("document", NULL, NULL, MG_TYPE_DOCUMENT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /* Replaced by each successful load and by start_afresh. */
  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, MG_TYPE_ANNOTATION_STORE,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_BROKEN] =
    g_param_spec_boolean ("broken", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_READ_ONLY] =
    g_param_spec_boolean ("read-only", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
mg_sidecar_init (MgSidecar *self)
{
  self->read = _mg_sidecar_content_new ();
  self->problems = g_ptr_array_new_with_free_func ((GDestroyNotify) mg_sidecar_problem_free);
}

MgSidecar *
mg_sidecar_new (GFile      *file,
                MgDocument *document)
{
  g_return_val_if_fail (G_IS_FILE (file), NULL);
  g_return_val_if_fail (document == NULL || MG_IS_DOCUMENT (document), NULL);

  return g_object_new (MG_TYPE_SIDECAR, "file", file, "document", document, NULL);
}

GFile *
mg_sidecar_get_file (MgSidecar *self)
{
  g_return_val_if_fail (MG_IS_SIDECAR (self), NULL);
  return self->file;
}

MgAnnotationStore *
mg_sidecar_get_store (MgSidecar *self)
{
  g_return_val_if_fail (MG_IS_SIDECAR (self), NULL);
  return self->store;
}

MgDocument *
mg_sidecar_get_document (MgSidecar *self)
{
  g_return_val_if_fail (MG_IS_SIDECAR (self), NULL);
  return self->document != NULL ? self->document : self->text_document;
}

/* The error of a failed load: the first problem, and how many follow. */
static void
set_load_error (MgSidecar  *self,
                int         code,
                GError    **error)
{
  MgSidecarProblem *first = NULL;
  guint n_errors = 0;
  g_autofree char *text = NULL;

  for (guint i = 0; i < self->problems->len; i++)
    {
      MgSidecarProblem *p = g_ptr_array_index (self->problems, i);

      if (p->kind != MG_SIDECAR_PROBLEM_ERROR)
        continue;
      if (first == NULL)
        first = p;
      n_errors++;
    }

  g_assert (first != NULL);
  text = mg_sidecar_problem_to_string (first);
  if (n_errors > 1)
    g_set_error (error, MG_SIDECAR_ERROR, code,
                 g_dngettext (GETTEXT_PACKAGE, "%s (and %u more problem)",
                              "%s (and %u more problems)", n_errors - 1),
                 text, n_errors - 1);
  else
    g_set_error_literal (error, MG_SIDECAR_ERROR, code, text);
}

/* A failure before parsing (unreadable, too large): one problem. */
static gboolean
fail_load (MgSidecar  *self,
           int         code,
           const char *message,
           GError    **error)
{
  g_autoptr(MgSidecarContent) content = _mg_sidecar_content_new ();
  g_autofree char *name = _mg_sidecar_display_name (self->file);

  _mg_sidecar_content_add_problem (content, MG_SIDECAR_PROBLEM_ERROR, code, name, NULL, message);
  g_clear_pointer (&self->problems, g_ptr_array_unref);
  self->problems = g_steal_pointer (&content->problems);
  self->exists = TRUE;
  set_broken (self, TRUE);
  set_load_error (self, code, error);
  return FALSE;
}

/* Puts what was read into effect, in the thread that owns the sidecar. */
static gboolean
apply_loaded (MgSidecar       *self,
              MgSidecarLoaded *loaded,
              GError         **error)
{
  g_autoptr(MgAnnotationStore) store = NULL;
  g_autoptr(MgTagSet) tags = NULL;
  MgSidecarContent *content = loaded->content;
  MgDocument *document;

  g_ptr_array_set_size (self->problems, 0);
  g_free (self->file_sum);
  self->file_sum = g_strdup (loaded->sum);
  g_clear_pointer (&self->read_bytes, g_bytes_unref);

  if (loaded->missing)
    {
      self->exists = FALSE;
      set_broken (self, FALSE);
      return TRUE;
    }
  if (content == NULL)
    return fail_load (self, loaded->read_code, loaded->read_message, error);

  g_clear_pointer (&self->problems, g_ptr_array_unref);
  self->problems = g_steal_pointer (&content->problems);
  content->problems = g_ptr_array_new_with_free_func ((GDestroyNotify) mg_sidecar_problem_free);

  if (content->code >= 0)
    {
      self->exists = TRUE;
      set_broken (self, TRUE);
      set_load_error (self, content->code, error);
      return FALSE;
    }

  /* A newer version loads (read-only); its notice is not a problem here. */
  g_ptr_array_set_size (self->problems, 0);

  g_set_object (&self->text_document, loaded->text_document);
  document = self->document != NULL ? self->document : self->text_document;
  self->embed_text = content->doc_text != NULL;
  self->counts = loaded->counts;
  self->reanchored = loaded->reanchored;

  tags = content->tags != NULL ? g_object_ref (content->tags) : mg_tag_set_new_default ();
  store = mg_annotation_store_new (document, tags);
  mg_annotation_store_load (store, content->annotations);
  mg_annotation_store_load_dismissed (store, content->dismissed);

  /* Keep what a save writes back: document members and unknown members. */
  g_ptr_array_set_size (content->annotations, 0);
  g_ptr_array_set_size (content->dismissed, 0);
  g_clear_object (&content->tags);
  g_clear_pointer (&self->read, _mg_sidecar_content_free);
  self->read = g_steal_pointer (&loaded->content);

  self->exists = TRUE;
  set_broken (self, FALSE);
  set_read_only (self, self->read->newer);
  /* For MgSidecarSync to take, before the new store is announced. */
  if (self->keep_read_bytes)
    self->read_bytes = g_steal_pointer (&loaded->bytes);
  replace_store (self, store);
  return TRUE;
}

gboolean
mg_sidecar_load (MgSidecar     *self,
                 GCancellable  *cancellable,
                 GError       **error)
{
  g_autoptr(MgSidecarLoaded) loaded = NULL;

  g_return_val_if_fail (MG_IS_SIDECAR (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  loaded = _mg_sidecar_loaded_from_file (self->file, self->document, !self->no_checksums, cancellable);
  return apply_loaded (self, loaded, error);
}

gboolean
mg_sidecar_load_bytes (MgSidecar  *self,
                       GBytes     *bytes,
                       GError    **error)
{
  g_autoptr(MgSidecarLoaded) loaded = NULL;

  g_return_val_if_fail (MG_IS_SIDECAR (self), FALSE);
  g_return_val_if_fail (bytes != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  loaded = _mg_sidecar_loaded_from_bytes (self->file, self->document, bytes, !self->no_checksums);
  return apply_loaded (self, loaded, error);
}

static void
load_in_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  MgSidecar *self = source_object;

  /* file and document are set at construction and never change. */
  g_task_return_pointer (task,
                         _mg_sidecar_loaded_from_file (self->file, self->document,
                                                       !self->no_checksums, cancellable),
                         (GDestroyNotify) _mg_sidecar_loaded_free);
}

void
mg_sidecar_load_async (MgSidecar           *self,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (MG_IS_SIDECAR (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, mg_sidecar_load_async);
  g_task_run_in_thread (task, load_in_thread);
}

gboolean
mg_sidecar_load_finish (MgSidecar     *self,
                        GAsyncResult  *result,
                        GError       **error)
{
  g_autoptr(MgSidecarLoaded) loaded = NULL;

  g_return_val_if_fail (MG_IS_SIDECAR (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  loaded = g_task_propagate_pointer (G_TASK (result), error);
  if (loaded == NULL)
    return FALSE;
  return apply_loaded (self, loaded, error);
}

GPtrArray *
mg_sidecar_get_problems (MgSidecar *self)
{
  g_return_val_if_fail (MG_IS_SIDECAR (self), NULL);
  return self->problems;
}

gboolean
mg_sidecar_get_exists (MgSidecar *self)
{
  g_return_val_if_fail (MG_IS_SIDECAR (self), FALSE);
  return self->exists;
}

gboolean
mg_sidecar_get_broken (MgSidecar *self)
{
  g_return_val_if_fail (MG_IS_SIDECAR (self), FALSE);
  return self->broken;
}

gboolean
mg_sidecar_get_read_only (MgSidecar *self)
{
  g_return_val_if_fail (MG_IS_SIDECAR (self), FALSE);
  return self->read_only;
}

const char *
mg_sidecar_get_embedded_text (MgSidecar *self)
{
  g_return_val_if_fail (MG_IS_SIDECAR (self), NULL);
  return self->read->doc_text;
}

const char *
mg_sidecar_get_document_name (MgSidecar *self)
{
  g_return_val_if_fail (MG_IS_SIDECAR (self), NULL);
  return self->read->doc_name;
}

const char *
mg_sidecar_get_document_sha256 (MgSidecar *self)
{
  g_return_val_if_fail (MG_IS_SIDECAR (self), NULL);
  return self->read->doc_sha256;
}

gint64
mg_sidecar_get_document_length (MgSidecar *self)
{
  g_return_val_if_fail (MG_IS_SIDECAR (self), -1);
  return self->read->doc_length;
}

void
mg_sidecar_get_anchor_counts (MgSidecar *self,
                              guint     *exact,
                              guint     *moved,
                              guint     *fuzzy,
                              guint     *orphaned)
{
  g_return_if_fail (MG_IS_SIDECAR (self));

  if (exact != NULL)
    *exact = self->counts.exact;
  if (moved != NULL)
    *moved = self->counts.moved;
  if (fuzzy != NULL)
    *fuzzy = self->counts.fuzzy;
  if (orphaned != NULL)
    *orphaned = self->counts.orphaned;
}

gboolean
mg_sidecar_get_document_outdated (MgSidecar *self)
{
  MgDocument *document;
  MgSidecarContent *read;

  g_return_val_if_fail (MG_IS_SIDECAR (self), FALSE);

  /* Without the speech itself (only its embedded text), the members read
   * are all there is to know. */
  document = self->document;
  read = self->read;
  if (document == NULL || read == NULL || !self->exists || self->broken)
    return FALSE;

  return g_strcmp0 (read->doc_name, mg_document_get_name (document)) != 0
    || g_strcmp0 (read->doc_sha256, mg_document_get_sha256 (document)) != 0
    || read->doc_length != (gint64) mg_document_get_length (document)
    || g_strcmp0 (read->doc_encoding,
                  mg_encoding_to_string (mg_document_get_encoding (document))) != 0
    || g_strcmp0 (read->doc_title, mg_document_get_title (document)) != 0;
}

gboolean
mg_sidecar_get_reanchored (MgSidecar *self)
{
  g_return_val_if_fail (MG_IS_SIDECAR (self), FALSE);
  return self->reanchored;
}

void
mg_sidecar_set_file_checksums (MgSidecar *self,
                               gboolean   enabled)
{
  g_return_if_fail (MG_IS_SIDECAR (self));
  self->no_checksums = !enabled;
}

void
mg_sidecar_set_keep_read_bytes (MgSidecar *self,
                                gboolean   keep)
{
  g_return_if_fail (MG_IS_SIDECAR (self));
  self->keep_read_bytes = !!keep;
}

void
mg_sidecar_set_embed_text (MgSidecar *self,
                           gboolean   embed)
{
  g_return_if_fail (MG_IS_SIDECAR (self));
  self->embed_text = !!embed;
}

/* The store's document is the current one: the window may have moved the
 * annotations onto a changed text (mg_annotation_store_set_document). */
static MgDocument *
current_document (MgSidecar *self)
{
  MgDocument *document = mg_annotation_store_get_document (self->store);

  return document != NULL ? document : mg_sidecar_get_document (self);
}

/* What mg_sidecar_serialize() writes: copied (@copy) to be written in
 * another thread, else borrowed to be written at once. */
static MgSidecarSnapshot *
snapshot (MgSidecar *self,
          gboolean   copy)
{
  MgDocument *document = current_document (self);

  return _mg_sidecar_snapshot_new (self->read, document,
                                   document != NULL && document == self->text_document,
                                   self->embed_text,
                                   mg_annotation_store_get_tag_set (self->store),
                                   G_LIST_MODEL (self->store),
                                   mg_annotation_store_get_dismissed (self->store),
                                   copy);
}

GBytes *
mg_sidecar_serialize (MgSidecar *self)
{
  g_autoptr(MgSidecarSnapshot) borrowed = NULL;

  g_return_val_if_fail (MG_IS_SIDECAR (self), NULL);

  borrowed = snapshot (self, FALSE);
  return _mg_sidecar_snapshot_write (borrowed);
}

void
_mg_sidecar_adopt_unknown_members (MgSidecar *self,
                                   MgSidecar *from)
{
  g_return_if_fail (MG_IS_SIDECAR (self));
  g_return_if_fail (MG_IS_SIDECAR (from));

  g_clear_pointer (&self->read->extra, json_object_unref);
  self->read->extra = mg_json_object_deep_copy (from->read->extra);
  g_clear_pointer (&self->read->doc_extra, json_object_unref);
  self->read->doc_extra = mg_json_object_deep_copy (from->read->doc_extra);
}

static gboolean
check_writable (MgSidecar  *self,
                GError    **error)
{
  g_autofree char *name = _mg_sidecar_display_name (self->file);

  if (self->broken)
    {
      g_set_error (error, MG_SIDECAR_ERROR, MG_SIDECAR_ERROR_BROKEN,
                   _("“%s” could not be read, so it is not overwritten; start afresh to set it aside first"),
                   name);
      return FALSE;
    }
  if (self->read_only)
    {
      g_set_error (error, MG_SIDECAR_ERROR, MG_SIDECAR_ERROR_NEWER_VERSION,
                   _("“%s” was written by a newer version of Marginalia (format version %d); it is opened read-only"),
                   name, (int) MIN (self->read->version, G_MAXINT));
      return FALSE;
    }
  return TRUE;
}

/* After the bytes of the store are on disk: the file now holds what was
 * serialised. The store is marked clean only when nothing changed since
 * (@n_changes is the store's count when it was serialised). */
static void
saved (MgSidecar *self,
       GBytes    *bytes,
       guint64    n_changes,
       char      *file_sum)
{
  MgDocument *document = current_document (self);

  g_free (self->file_sum);
  self->file_sum = file_sum;
  g_clear_pointer (&self->read_bytes, g_bytes_unref);
  if (self->embed_text && document != NULL
      && g_strcmp0 (self->read->doc_text, mg_document_get_text (document)) != 0)
    {
      g_free (self->read->doc_text);
      self->read->doc_text = g_strdup (mg_document_get_text (document));
    }
  if (self->document != NULL && self->read != NULL)
    {
      /* What was written is now what the file holds. */
      MgSidecarContent *read = self->read;

      g_free (read->doc_name);
      read->doc_name = g_strdup (mg_document_get_name (self->document));
      g_free (read->doc_sha256);
      read->doc_sha256 = g_strdup (mg_document_get_sha256 (self->document));
      g_free (read->doc_encoding);
      read->doc_encoding = g_strdup (mg_encoding_to_string (mg_document_get_encoding (self->document)));
      g_free (read->doc_title);
      read->doc_title = g_strdup (mg_document_get_title (self->document));
      read->doc_length = mg_document_get_length (self->document);
    }
  self->exists = TRUE;
  self->reanchored = FALSE;
  /* Those who follow the store's dirty flag may take the bytes written
   * (_mg_sidecar_get_saved_bytes) rather than serialise the store again. */
  self->saved_bytes = g_bytes_ref (bytes);
  if (_mg_annotation_store_get_n_changes (self->store) == n_changes)
    mg_annotation_store_mark_clean (self->store);
  g_clear_pointer (&self->saved_bytes, g_bytes_unref);
}

gboolean
mg_sidecar_save (MgSidecar     *self,
                 GCancellable  *cancellable,
                 GError       **error)
{
  g_autoptr(GBytes) bytes = NULL;

  g_return_val_if_fail (MG_IS_SIDECAR (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!check_writable (self, error))
    return FALSE;
  bytes = mg_sidecar_serialize (self);
  if (!_mg_sidecar_write_file (self->file, bytes, cancellable, error))
    return FALSE;
  saved (self, bytes, _mg_annotation_store_get_n_changes (self->store),
         self->no_checksums ? NULL : mg_sha256_hex_bytes (bytes));
  return TRUE;
}

typedef struct
{
  GFile             *file;
  MgSidecarSnapshot *snapshot;   /* written in the thread */
  GBytes            *bytes;      /* made of it in the thread */
  guint64            n_changes;
  char              *sum;        /* of @bytes, made in the thread */
} SaveData;

static void
save_data_free (SaveData *data)
{
  g_clear_object (&data->file);
  g_clear_pointer (&data->snapshot, _mg_sidecar_snapshot_free);
  g_clear_pointer (&data->bytes, g_bytes_unref);
  g_free (data->sum);
  g_free (data);
}

/* Tests hold asynchronous saves in their thread, before they serialise,
 * to change the store meanwhile (_mg_sidecar_hold_async_saves). */
static GMutex hold_mutex;
static GCond hold_cond;
static gboolean hold_saves;

void
_mg_sidecar_hold_async_saves (gboolean hold)
{
  g_mutex_lock (&hold_mutex);
  hold_saves = hold;
  g_cond_broadcast (&hold_cond);
  g_mutex_unlock (&hold_mutex);
}

static void
save_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  SaveData *data = task_data;
  GError *error = NULL;

  g_mutex_lock (&hold_mutex);
  while (hold_saves)
    g_cond_wait (&hold_cond, &hold_mutex);
  g_mutex_unlock (&hold_mutex);

  data->bytes = _mg_sidecar_snapshot_write (data->snapshot);
  g_clear_pointer (&data->snapshot, _mg_sidecar_snapshot_free);
  data->sum = mg_sha256_hex_bytes (data->bytes);
  if (_mg_sidecar_write_file (data->file, data->bytes, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

void
mg_sidecar_save_async (MgSidecar           *self,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  GError *error = NULL;
  SaveData *data;

  g_return_if_fail (MG_IS_SIDECAR (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, mg_sidecar_save_async);
  if (!check_writable (self, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  /* The store is only read here, in the caller's thread, and copied (far
   * cheaper than serialising it): the thread serialises the copy, which
   * shares nothing with the store, so the store may change meanwhile. */
  data = g_new0 (SaveData, 1);
  data->file = g_object_ref (self->file);
  data->snapshot = snapshot (self, TRUE);
  data->n_changes = _mg_annotation_store_get_n_changes (self->store);
  g_task_set_task_data (task, data, (GDestroyNotify) save_data_free);
  g_task_run_in_thread (task, save_thread);
}

gboolean
mg_sidecar_save_finish (MgSidecar     *self,
                        GAsyncResult  *result,
                        GError       **error)
{
  SaveData *data;

  g_return_val_if_fail (MG_IS_SIDECAR (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  if (!g_task_propagate_boolean (G_TASK (result), error))
    return FALSE;
  data = g_task_get_task_data (G_TASK (result));
  saved (self, data->bytes, data->n_changes, g_steal_pointer (&data->sum));
  return TRUE;
}

GBytes *
_mg_sidecar_get_saved_bytes (MgSidecar *self)
{
  g_return_val_if_fail (MG_IS_SIDECAR (self), NULL);

  return self->saved_bytes;
}

GBytes *
_mg_sidecar_take_read_bytes (MgSidecar *self)
{
  g_return_val_if_fail (MG_IS_SIDECAR (self), NULL);

  return g_steal_pointer (&self->read_bytes);
}

const char *
_mg_sidecar_get_file_checksum (MgSidecar *self)
{
  g_return_val_if_fail (MG_IS_SIDECAR (self), NULL);

  return self->file_sum;
}

void
_mg_sidecar_set_file_checksum (MgSidecar  *self,
                               const char *sum)
{
  g_return_if_fail (MG_IS_SIDECAR (self));

  g_free (self->file_sum);
  self->file_sum = g_strdup (sum);
  g_clear_pointer (&self->read_bytes, g_bytes_unref);
}

gboolean
mg_sidecar_put_back (MgSidecar  *self,
                     GBytes     *previous,
                     GError    **error)
{
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (MG_IS_SIDECAR (self), FALSE);

  if (previous != NULL)
    return _mg_sidecar_write_file (self->file, previous, NULL, error);
  if (!g_file_delete (self->file, NULL, &local_error) &&
      !g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  return TRUE;
}

gboolean
mg_sidecar_save_as (MgSidecar     *self,
                    GFile         *file,
                    GCancellable  *cancellable,
                    GError       **error)
{
  g_autoptr(GBytes) bytes = NULL;

  g_return_val_if_fail (MG_IS_SIDECAR (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (self->read_only || (self->broken && g_file_equal (file, self->file)))
    return check_writable (self, error);

  bytes = mg_sidecar_serialize (self);
  {
    /* A pipe or a device (/dev/stdout) is written to as it is. */
    g_autoptr(GFileInfo) info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_TYPE,
                                                   G_FILE_QUERY_INFO_NONE, cancellable, NULL);

    if (info != NULL && g_file_info_get_file_type (info) != G_FILE_TYPE_REGULAR &&
        g_file_info_get_file_type (info) != G_FILE_TYPE_DIRECTORY &&
        g_bytes_get_size (bytes) <= MG_SIDECAR_MAX_SIZE)
      {
        g_autoptr(GError) local_error = NULL;
        g_autofree char *name = _mg_sidecar_display_name (file);

        if (mg_file_write_output (file, bytes, cancellable, &local_error))
          return TRUE;
        g_set_error (error, MG_SIDECAR_ERROR, MG_SIDECAR_ERROR_WRITE,
                     _("Cannot save “%s”: %s"), name, local_error->message);
        return FALSE;
      }
  }
  return _mg_sidecar_write_file (file, bytes, cancellable, error);
}

gboolean
mg_sidecar_start_afresh (MgSidecar  *self,
                         GFile     **out_moved_to,
                         GError    **error)
{
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(GFile) moved_to = NULL;
  g_autoptr(MgAnnotationStore) store = NULL;
  g_autofree char *stamp = NULL;
  g_autofree char *uri = NULL;
  g_autofree char *name = NULL;

  g_return_val_if_fail (MG_IS_SIDECAR (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (out_moved_to != NULL)
    *out_moved_to = NULL;

  name = _mg_sidecar_display_name (self->file);
  if (!self->broken)
    {
      g_set_error (error, MG_SIDECAR_ERROR, MG_SIDECAR_ERROR_WRITE,
                   _("“%s” is not broken; there is nothing to set aside"), name);
      return FALSE;
    }

  now = g_date_time_new_now_local ();
  stamp = g_date_time_format (now, "%Y%m%dT%H%M%S");
  uri = g_file_get_uri (self->file);

  /* Never replace an earlier copy set aside in the same second. */
  for (guint attempt = 1; attempt <= 100; attempt++)
    {
      g_autoptr(GError) local_error = NULL;
      g_autofree char *dest_uri = attempt == 1
        ? g_strdup_printf ("%s.broken-%s", uri, stamp)
        : g_strdup_printf ("%s.broken-%s-%u", uri, stamp, attempt);
      g_autoptr(GFile) dest = g_file_new_for_uri (dest_uri);

      if (g_file_move (self->file, dest, G_FILE_COPY_NOFOLLOW_SYMLINKS,
                       NULL, NULL, NULL, &local_error))
        {
          moved_to = g_steal_pointer (&dest);
          break;
        }
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
        break;  /* already gone: nothing to set aside */
      if (!g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_EXISTS))
        {
          g_set_error (error, MG_SIDECAR_ERROR, MG_SIDECAR_ERROR_WRITE,
                       _("Cannot set “%s” aside: %s"), name, local_error->message);
          return FALSE;
        }
    }

  if (moved_to == NULL && g_file_query_exists (self->file, NULL))
    {
      g_set_error (error, MG_SIDECAR_ERROR, MG_SIDECAR_ERROR_WRITE,
                   _("Cannot set “%s” aside: too many earlier copies"), name);
      return FALSE;
    }

  g_clear_pointer (&self->read, _mg_sidecar_content_free);
  self->read = _mg_sidecar_content_new ();
  g_ptr_array_set_size (self->problems, 0);
  memset (&self->counts, 0, sizeof self->counts);
  g_clear_pointer (&self->file_sum, g_free);
  g_clear_pointer (&self->read_bytes, g_bytes_unref);
  self->exists = FALSE;
  self->reanchored = FALSE;
  self->embed_text = FALSE;
  set_read_only (self, FALSE);
  set_broken (self, FALSE);

  store = mg_annotation_store_new (mg_sidecar_get_document (self), NULL);
  replace_store (self, store);

  if (out_moved_to != NULL)
    *out_moved_to = g_steal_pointer (&moved_to);
  return TRUE;
}
