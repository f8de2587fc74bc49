/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Marginalia"
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "mg-collection.h"
#include "mg-search.h"
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

/* MgCollectionSpeech ------------------------------------------------- */

struct _MgCollectionSpeech
{
  GObject            parent_instance;

  GFile             *file;
  char              *name;
  MgDocument        *document;
  MgSidecar         *sidecar;
  MgAnnotationStore *store;      /* watched */
  GError            *load_error;
  char              *tags_used;
  guint              n_annotations;
};

enum {
  SPEECH_PROP_0,
  SPEECH_PROP_FILE,
  SPEECH_PROP_NAME,
  SPEECH_PROP_TITLE,
  SPEECH_PROP_SIDECAR,
  SPEECH_PROP_STORE,
  SPEECH_PROP_N_ANNOTATIONS,
  SPEECH_PROP_TAGS_USED,
  SPEECH_PROP_READ_ONLY,
  SPEECH_N_PROPS
};

static GParamSpec *speech_properties[SPEECH_N_PROPS];
static guint speech_changed_signal;

G_DEFINE_FINAL_TYPE (MgCollectionSpeech, mg_collection_speech, G_TYPE_OBJECT)

static char *
tags_used (MgAnnotationStore *store)
{
  MgTagSet *tags = mg_annotation_store_get_tag_set (store);
  guint n_tags = mg_tag_set_get_n_tags (tags);
  guint n = mg_annotation_store_get_n_annotations (store);
  g_autofree gboolean *used = g_new0 (gboolean, MAX (n_tags, 1));
  GString *joined = g_string_new (NULL);

  /* One pass over the annotations, whatever the number of tags. */
  for (guint i = 0; i < n; i++)
    {
      const char * const *ids = mg_annotation_get_tags (mg_annotation_store_get_annotation (store, i));

      for (guint k = 0; ids[k] != NULL; k++)
        {
          int index = mg_tag_set_index_of (tags, ids[k]);

          if (index >= 0)
            used[index] = TRUE;
        }
    }
  for (guint t = 0; t < n_tags; t++)
    if (used[t])
      {
        if (joined->len > 0)
          g_string_append (joined, ", ");
        g_string_append (joined, mg_tag_get_display_name (mg_tag_set_get_tag (tags, t)));
      }
  return g_string_free (joined, FALSE);
}

static void
speech_update (MgCollectionSpeech *self)
{
  guint n = mg_annotation_store_get_n_annotations (self->store);
  g_autofree char *tags = tags_used (self->store);

  if (n != self->n_annotations)
    {
      self->n_annotations = n;
      g_object_notify_by_pspec (G_OBJECT (self), speech_properties[SPEECH_PROP_N_ANNOTATIONS]);
    }
  if (g_strcmp0 (tags, self->tags_used) != 0)
    {
      g_free (self->tags_used);
      self->tags_used = g_steal_pointer (&tags);
      g_object_notify_by_pspec (G_OBJECT (self), speech_properties[SPEECH_PROP_TAGS_USED]);
    }
}

static void
speech_changed (MgCollectionSpeech *self)
{
  speech_update (self);
  g_signal_emit (self, speech_changed_signal, 0);
}

static void
speech_store_changed (MgCollectionSpeech *self)
{
  /* A change of thousands comes in one "changed" once it is over. */
  gboolean in_bulk = FALSE;

  g_object_get (self->store, "in-bulk", &in_bulk, NULL);
  if (!in_bulk)
    speech_changed (self);
}

static void
speech_watch_store (MgCollectionSpeech *self)
{
  MgAnnotationStore *store = mg_sidecar_get_store (self->sidecar);

  if (store == self->store)
    return;
  if (self->store != NULL)
    {
      g_signal_handlers_disconnect_by_data (mg_annotation_store_get_tag_set (self->store), self);
      g_signal_handlers_disconnect_by_data (self->store, self);
    }
  g_set_object (&self->store, store);
  g_signal_connect_swapped (store, "changed", G_CALLBACK (speech_store_changed), self);
  g_signal_connect_swapped (store, "notify::in-bulk", G_CALLBACK (speech_store_changed), self);
  /* The tags' names change through the tag set, without "changed". */
  g_signal_connect_swapped (mg_annotation_store_get_tag_set (store), "items-changed",
                            G_CALLBACK (speech_changed), self);
  g_signal_connect_swapped (mg_annotation_store_get_tag_set (store), "tag-changed",
                            G_CALLBACK (speech_changed), self);
  g_object_notify_by_pspec (G_OBJECT (self), speech_properties[SPEECH_PROP_STORE]);
  speech_changed (self);
}

static MgCollectionSpeech *
speech_new (GFile      *file,
            MgDocument *document,
            MgSidecar  *sidecar,
            GError     *load_error)
{
  MgCollectionSpeech *self = g_object_new (MG_TYPE_COLLECTION_SPEECH, NULL);

  self->file = g_object_ref (file);
  self->name = g_file_get_basename (file);
  self->document = g_object_ref (document);
  self->sidecar = g_object_ref (sidecar);
  self->load_error = load_error;
  self->tags_used = g_strdup ("");
  g_signal_connect_swapped (sidecar, "notify::store", G_CALLBACK (speech_watch_store), self);
  speech_watch_store (self);
  return self;
}

static void
mg_collection_speech_dispose (GObject *object)
{
  MgCollectionSpeech *self = MG_COLLECTION_SPEECH (object);

  if (self->store != NULL)
    {
      g_signal_handlers_disconnect_by_data (mg_annotation_store_get_tag_set (self->store), self);
      g_signal_handlers_disconnect_by_data (self->store, self);
    }
  if (self->sidecar != NULL)
    g_signal_handlers_disconnect_by_data (self->sidecar, self);
  g_clear_object (&self->store);
  g_clear_object (&self->sidecar);
  g_clear_object (&self->document);
  g_clear_object (&self->file);

  G_OBJECT_CLASS (mg_collection_speech_parent_class)->dispose (object);
}

static void
mg_collection_speech_finalize (GObject *object)
{
  MgCollectionSpeech *self = MG_COLLECTION_SPEECH (object);

  g_free (self->name);
  g_free (self->tags_used);
  g_clear_error (&self->load_error);

  G_OBJECT_CLASS (mg_collection_speech_parent_class)->finalize (object);
}

static void
mg_collection_speech_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  MgCollectionSpeech *self = MG_COLLECTION_SPEECH (object);

  switch (prop_id)
    {
    case SPEECH_PROP_FILE:
      g_value_set_object (value, self->file);
      break;
    case SPEECH_PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case SPEECH_PROP_TITLE:
      g_value_set_string (value, mg_collection_speech_get_title (self));
      break;
    case SPEECH_PROP_SIDECAR:
      g_value_set_object (value, self->sidecar);
      break;
    case SPEECH_PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case SPEECH_PROP_N_ANNOTATIONS:
      g_value_set_uint (value, self->n_annotations);
      break;
    case SPEECH_PROP_TAGS_USED:
      g_value_set_string (value, self->tags_used);
      break;
    case SPEECH_PROP_READ_ONLY:
      g_value_set_boolean (value, mg_collection_speech_get_read_only (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mg_collection_speech_class_init (MgCollectionSpeechClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = mg_collection_speech_dispose;
  object_class->finalize = mg_collection_speech_finalize;
  object_class->get_property = mg_collection_speech_get_property;

  speech_properties[SPEECH_PROP_FILE] =
    g_param_spec_object ("file", NULL, NULL, G_TYPE_FILE, flags);
  speech_properties[SPEECH_PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, "", flags);
  speech_properties[SPEECH_PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, "", flags);
  speech_properties[SPEECH_PROP_SIDECAR] =
    g_param_spec_object ("sidecar", NULL, NULL, MG_TYPE_SIDECAR, flags);
  speech_properties[SPEECH_PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, MG_TYPE_ANNOTATION_STORE, flags);
  speech_properties[SPEECH_PROP_N_ANNOTATIONS] =
    g_param_spec_uint ("n-annotations", NULL, NULL, 0, G_MAXUINT, 0, flags);
  speech_properties[SPEECH_PROP_TAGS_USED] =
    g_param_spec_string ("tags-used", NULL, NULL, "", flags);
  speech_properties[SPEECH_PROP_READ_ONLY] =
    g_param_spec_boolean ("read-only", NULL, NULL, FALSE, flags);
  g_object_class_install_properties (object_class, SPEECH_N_PROPS, speech_properties);

  speech_changed_signal = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                        0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
mg_collection_speech_init (MgCollectionSpeech *self)
{
}

GFile *
mg_collection_speech_get_file (MgCollectionSpeech *self)
{
  g_return_val_if_fail (MG_IS_COLLECTION_SPEECH (self), NULL);
  return self->file;
}

const char *
mg_collection_speech_get_name (MgCollectionSpeech *self)
{
  g_return_val_if_fail (MG_IS_COLLECTION_SPEECH (self), NULL);
  return self->name;
}

const char *
mg_collection_speech_get_title (MgCollectionSpeech *self)
{
  const char *title;

  g_return_val_if_fail (MG_IS_COLLECTION_SPEECH (self), NULL);
  title = mg_document_get_title (self->document);
  return title != NULL && *title != '\0' ? title : self->name;
}

MgDocument *
mg_collection_speech_get_document (MgCollectionSpeech *self)
{
  g_return_val_if_fail (MG_IS_COLLECTION_SPEECH (self), NULL);
  return self->document;
}

MgSidecar *
mg_collection_speech_get_sidecar (MgCollectionSpeech *self)
{
  g_return_val_if_fail (MG_IS_COLLECTION_SPEECH (self), NULL);
  return self->sidecar;
}

MgAnnotationStore *
mg_collection_speech_get_store (MgCollectionSpeech *self)
{
  g_return_val_if_fail (MG_IS_COLLECTION_SPEECH (self), NULL);
  return self->store;
}

guint
mg_collection_speech_get_n_annotations (MgCollectionSpeech *self)
{
  g_return_val_if_fail (MG_IS_COLLECTION_SPEECH (self), 0);
  return self->n_annotations;
}

const char *
mg_collection_speech_get_tags_used (MgCollectionSpeech *self)
{
  g_return_val_if_fail (MG_IS_COLLECTION_SPEECH (self), NULL);
  return self->tags_used;
}

gboolean
mg_collection_speech_get_read_only (MgCollectionSpeech *self)
{
  g_return_val_if_fail (MG_IS_COLLECTION_SPEECH (self), FALSE);
  return mg_sidecar_get_broken (self->sidecar) || mg_sidecar_get_read_only (self->sidecar);
}

const GError *
mg_collection_speech_get_load_error (MgCollectionSpeech *self)
{
  g_return_val_if_fail (MG_IS_COLLECTION_SPEECH (self), NULL);
  return self->load_error;
}

/* MgCollection ------------------------------------------------------- */

struct _MgCollection
{
  GObject    parent_instance;

  GFile     *folder;
  char      *title;
  GPtrArray *speeches;   /* of MgCollectionSpeech * */
  GPtrArray *problems;   /* of char * */
};

static void mg_collection_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (MgCollection, mg_collection, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, mg_collection_list_model_init))

static GType
mg_collection_get_item_type (GListModel *model)
{
  return MG_TYPE_COLLECTION_SPEECH;
}

static guint
mg_collection_get_n_items (GListModel *model)
{
  return MG_COLLECTION (model)->speeches->len;
}

static gpointer
mg_collection_get_item (GListModel *model,
                        guint       position)
{
  MgCollection *self = MG_COLLECTION (model);

  if (position >= self->speeches->len)
    return NULL;
  return g_object_ref (g_ptr_array_index (self->speeches, position));
}

static void
mg_collection_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = mg_collection_get_item_type;
  iface->get_n_items = mg_collection_get_n_items;
  iface->get_item = mg_collection_get_item;
}

static void
mg_collection_dispose (GObject *object)
{
  MgCollection *self = MG_COLLECTION (object);

  g_clear_pointer (&self->speeches, g_ptr_array_unref);
  g_clear_object (&self->folder);

  G_OBJECT_CLASS (mg_collection_parent_class)->dispose (object);
}

static void
mg_collection_finalize (GObject *object)
{
  MgCollection *self = MG_COLLECTION (object);

  g_free (self->title);
  g_clear_pointer (&self->problems, g_ptr_array_unref);

  G_OBJECT_CLASS (mg_collection_parent_class)->finalize (object);
}

static void
mg_collection_class_init (MgCollectionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = mg_collection_dispose;
  object_class->finalize = mg_collection_finalize;
}

static void
mg_collection_init (MgCollection *self)
{
  self->speeches = g_ptr_array_new_with_free_func (g_object_unref);
  self->problems = g_ptr_array_new_with_free_func (g_free);
}

MgCollection *
mg_collection_open (GFile         *folder,
                    GCancellable  *cancellable,
                    GError       **error)
{
  g_autoptr(MgCollection) self = NULL;
  g_autoptr(GPtrArray) names = NULL;
  g_autofree char *display = NULL;

  g_return_val_if_fail (G_IS_FILE (folder), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  names = mg_collection_list_folder (folder, cancellable, error);
  if (names == NULL)
    return NULL;
  display = g_file_get_parse_name (folder);
  if (names->len == 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   _("%s holds no speech (no .txt file, no file with a sidecar)"), display);
      return NULL;
    }

  self = g_object_new (MG_TYPE_COLLECTION, NULL);
  self->folder = g_object_ref (folder);
  self->title = g_file_get_basename (folder);
  if (self->title == NULL || g_str_equal (self->title, "/"))
    {
      g_free (self->title);
      self->title = g_strdup (display);
    }

  for (guint i = 0; i < names->len; i++)
    {
      const char *name = g_ptr_array_index (names, i);
      g_autoptr(GFile) file = g_file_get_child (folder, name);
      g_autoptr(GFile) sidecar_file = mg_sidecar_default_file (file);
      g_autoptr(MgDocument) document = NULL;
      g_autoptr(MgSidecar) sidecar = NULL;
      g_autoptr(GError) local_error = NULL;
      GError *load_error = NULL;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return NULL;
      document = mg_document_load (file, cancellable, &local_error);
      if (document == NULL)
        {
          if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
            {
              g_propagate_error (error, g_steal_pointer (&local_error));
              return NULL;
            }
          /* Translators: a file of a folder left out: "name: why". */
          g_ptr_array_add (self->problems, g_strdup_printf (_("%s: %s"), name, local_error->message));
          continue;
        }
      sidecar = mg_sidecar_new (sidecar_file, document);
      mg_sidecar_load (sidecar, cancellable, &load_error);
      g_ptr_array_add (self->speeches, speech_new (file, document, sidecar, load_error));
    }

  if (self->speeches->len == 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("None of the speeches in %s could be read (%s)"), display,
                   (const char *) g_ptr_array_index (self->problems, 0));
      return NULL;
    }
  return g_steal_pointer (&self);
}

static void
open_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  GError *error = NULL;
  MgCollection *self = mg_collection_open (task_data, cancellable, &error);

  if (self == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, self, g_object_unref);
}

void
mg_collection_open_async (GFile               *folder,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (G_IS_FILE (folder));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, mg_collection_open_async);
  g_task_set_task_data (task, g_object_ref (folder), g_object_unref);
  g_task_run_in_thread (task, open_thread);
}

MgCollection *
mg_collection_open_finish (GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

GFile *
mg_collection_get_folder (MgCollection *self)
{
  g_return_val_if_fail (MG_IS_COLLECTION (self), NULL);
  return self->folder;
}

const char *
mg_collection_get_title (MgCollection *self)
{
  g_return_val_if_fail (MG_IS_COLLECTION (self), NULL);
  return self->title;
}

GPtrArray *
mg_collection_get_problems (MgCollection *self)
{
  g_return_val_if_fail (MG_IS_COLLECTION (self), NULL);
  return self->problems;
}

guint
mg_collection_get_n_speeches (MgCollection *self)
{
  g_return_val_if_fail (MG_IS_COLLECTION (self), 0);
  return self->speeches->len;
}

MgCollectionSpeech *
mg_collection_get_speech (MgCollection *self,
                          guint         position)
{
  g_return_val_if_fail (MG_IS_COLLECTION (self), NULL);
  g_return_val_if_fail (position < self->speeches->len, NULL);
  return g_ptr_array_index (self->speeches, position);
}

MgCollectionSpeech *
mg_collection_lookup (MgCollection *self,
                      GFile        *file)
{
  g_return_val_if_fail (MG_IS_COLLECTION (self), NULL);
  g_return_val_if_fail (G_IS_FILE (file), NULL);

  for (guint i = 0; i < self->speeches->len; i++)
    {
      MgCollectionSpeech *speech = g_ptr_array_index (self->speeches, i);

      if (g_file_equal (speech->file, file))
        return speech;
    }
  return NULL;
}

guint
mg_collection_get_n_annotations (MgCollection *self)
{
  guint n = 0;

  g_return_val_if_fail (MG_IS_COLLECTION (self), 0);
  for (guint i = 0; i < self->speeches->len; i++)
    n += MG_COLLECTION_SPEECH (g_ptr_array_index (self->speeches, i))->n_annotations;
  return n;
}

MgSummary *
mg_collection_new_summary (MgCollection          *self,
                           const MgSummaryFilter *filter,
                           GError               **error)
{
  g_autoptr(GPtrArray) stores = NULL;
  g_autoptr(GPtrArray) paths = NULL;
  g_autofree char *folder_name = NULL;

  g_return_val_if_fail (MG_IS_COLLECTION (self), NULL);

  folder_name = g_file_get_basename (self->folder);
  stores = g_ptr_array_new ();
  paths = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < self->speeches->len; i++)
    {
      MgCollectionSpeech *speech = g_ptr_array_index (self->speeches, i);

      g_ptr_array_add (stores, speech->store);
      g_ptr_array_add (paths, g_build_filename (folder_name, speech->name, NULL));
    }
  return mg_summary_new_combined ((MgAnnotationStore * const *) stores->pdata,
                                  (const char * const *) paths->pdata, stores->len,
                                  filter, error);
}

/* MgCollectionHit ---------------------------------------------------- */

struct _MgCollectionHit
{
  GObject             parent_instance;

  MgCollectionSpeech *speech;
  MgAnnotation       *annotation;
  guint               n_in_speech;
  gboolean            first;
};

enum {
  HIT_PROP_0,
  HIT_PROP_SPEECH,
  HIT_PROP_ANNOTATION,
  HIT_PROP_FIRST,
  HIT_PROP_N_IN_SPEECH,
  HIT_PROP_DETAILS,
  HIT_N_PROPS
};

G_DEFINE_FINAL_TYPE (MgCollectionHit, mg_collection_hit, G_TYPE_OBJECT)

static void
mg_collection_hit_dispose (GObject *object)
{
  MgCollectionHit *self = MG_COLLECTION_HIT (object);

  g_clear_object (&self->speech);
  g_clear_object (&self->annotation);

  G_OBJECT_CLASS (mg_collection_hit_parent_class)->dispose (object);
}

static void
mg_collection_hit_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  MgCollectionHit *self = MG_COLLECTION_HIT (object);

  switch (prop_id)
    {
    case HIT_PROP_SPEECH:
      g_value_set_object (value, self->speech);
      break;
    case HIT_PROP_ANNOTATION:
      g_value_set_object (value, self->annotation);
      break;
    case HIT_PROP_FIRST:
      g_value_set_boolean (value, self->first);
      break;
    case HIT_PROP_N_IN_SPEECH:
      g_value_set_uint (value, self->n_in_speech);
      break;
    case HIT_PROP_DETAILS:
      g_value_take_string (value, mg_collection_hit_dup_details (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mg_collection_hit_class_init (MgCollectionHitClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;
  GParamSpec *properties[HIT_N_PROPS] = { NULL, };

  object_class->dispose = mg_collection_hit_dispose;
  object_class->get_property = mg_collection_hit_get_property;

  properties[HIT_PROP_SPEECH] =
    g_param_spec_object ("speech", NULL, NULL, MG_TYPE_COLLECTION_SPEECH, flags);
  properties[HIT_PROP_ANNOTATION] =
    g_param_spec_object ("annotation", NULL, NULL, MG_TYPE_ANNOTATION, flags);
  properties[HIT_PROP_FIRST] =
    g_param_spec_boolean ("first", NULL, NULL, FALSE, flags);
  properties[HIT_PROP_N_IN_SPEECH] =
    g_param_spec_uint ("n-in-speech", NULL, NULL, 0, G_MAXUINT, 0, flags);
  properties[HIT_PROP_DETAILS] =
    g_param_spec_string ("details", NULL, NULL, "", flags);
  g_object_class_install_properties (object_class, HIT_N_PROPS, properties);
}

static void
mg_collection_hit_init (MgCollectionHit *self)
{
}

MgCollectionSpeech *
mg_collection_hit_get_speech (MgCollectionHit *self)
{
  g_return_val_if_fail (MG_IS_COLLECTION_HIT (self), NULL);
  return self->speech;
}

MgAnnotation *
mg_collection_hit_get_annotation (MgCollectionHit *self)
{
  g_return_val_if_fail (MG_IS_COLLECTION_HIT (self), NULL);
  return self->annotation;
}

gboolean
mg_collection_hit_get_first (MgCollectionHit *self)
{
  g_return_val_if_fail (MG_IS_COLLECTION_HIT (self), FALSE);
  return self->first;
}

guint
mg_collection_hit_get_n_in_speech (MgCollectionHit *self)
{
  g_return_val_if_fail (MG_IS_COLLECTION_HIT (self), 0);
  return self->n_in_speech;
}

GPtrArray *
mg_collection_search (MgCollection *self,
                      const char   *text,
                      gboolean      starred_only)
{
  GPtrArray *hits = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(MgSearchQuery) query = NULL;

  g_return_val_if_fail (MG_IS_COLLECTION (self), hits);

  query = mg_search_query_new (text);
  if (mg_search_query_is_empty (query) && !starred_only)
    return hits;

  for (guint i = 0; i < self->speeches->len; i++)
    {
      MgCollectionSpeech *speech = g_ptr_array_index (self->speeches, i);
      MgTagSet *tags = mg_annotation_store_get_tag_set (speech->store);
      guint n = mg_annotation_store_get_n_annotations (speech->store);
      guint first = hits->len;

      for (guint k = 0; k < n; k++)
        {
          MgAnnotation *annotation = mg_annotation_store_get_annotation (speech->store, k);
          MgCollectionHit *hit;

          if (starred_only && !mg_annotation_get_starred (annotation))
            continue;
          if (!mg_search_query_matches (query, annotation, tags))
            continue;
          hit = g_object_new (MG_TYPE_COLLECTION_HIT, NULL);
          hit->speech = g_object_ref (speech);
          hit->annotation = g_object_ref (annotation);
          hit->first = hits->len == first;
          g_ptr_array_add (hits, hit);
        }
      for (guint k = first; k < hits->len; k++)
        MG_COLLECTION_HIT (g_ptr_array_index (hits, k))->n_in_speech = hits->len - first;
    }
  return hits;
}

char *
mg_collection_hit_dup_details (MgCollectionHit *self)
{
  MgAnnotation *annotation;
  MgTagSet *tags;
  const char * const *ids;
  const char *author;
  const char *note;
  g_autofree char *location = NULL;
  GString *details;

  g_return_val_if_fail (MG_IS_COLLECTION_HIT (self), NULL);

  annotation = self->annotation;
  tags = mg_annotation_store_get_tag_set (self->speech->store);
  details = g_string_new (NULL);
  location = mg_location_format (mg_annotation_get_paragraph (annotation),
                                 mg_annotation_get_sentence (annotation));
  g_string_append (details, mg_annotation_is_orphaned (annotation) ? _("orphaned") : location);
  ids = mg_annotation_get_tags (annotation);
  for (guint i = 0; ids[i] != NULL; i++)
    {
      MgTag *tag = mg_tag_set_lookup (tags, ids[i]);

      g_string_append (details, i == 0 ? " · " : ", ");
      g_string_append (details, tag != NULL ? mg_tag_get_display_name (tag) : ids[i]);
    }
  author = mg_annotation_get_author (annotation);
  if (*author != '\0')
    g_string_append_printf (details, " · %s", author);
  if (mg_annotation_get_starred (annotation))
    g_string_append (details, " · ★");
  note = mg_annotation_get_note (annotation);
  if (*note != '\0')
    g_string_append_printf (details, " — %s", note);
  return g_string_free (details, FALSE);
}
