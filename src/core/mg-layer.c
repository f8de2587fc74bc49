/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Marginalia"
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "mg-anchor.h"
#include "mg-layer.h"
#include "mg-file.h"
#include "mg-merge.h"

/* How many annotations of a large file are re-anchored first, spread
 * evenly over it, to refuse a file made on another text before
 * re-anchoring all of them. */
#define SAMPLE_SIZE 200

struct _MgLayer
{
  GObject    parent_instance;

  GFile     *file;
  MgSidecar *sidecar;
  char      *author;

  guint      reanchored : 1;
  guint      visible : 1;
};

G_DEFINE_FINAL_TYPE (MgLayer, mg_layer, G_TYPE_OBJECT)

G_DEFINE_QUARK (mg-layer-error-quark, mg_layer_error)

enum {
  PROP_0,
  PROP_FILE,
  PROP_AUTHOR,
  PROP_STORE,
  PROP_VISIBLE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
mg_layer_finalize (GObject *object)
{
  MgLayer *self = MG_LAYER (object);

  g_clear_object (&self->file);
  g_clear_object (&self->sidecar);
  g_free (self->author);

  G_OBJECT_CLASS (mg_layer_parent_class)->finalize (object);
}

static void
mg_layer_get_property (GObject    *object,
                       guint       prop_id,
                       GValue     *value,
                       GParamSpec *pspec)
{
  MgLayer *self = MG_LAYER (object);

  switch (prop_id)
    {
    case PROP_FILE:
      g_value_set_object (value, self->file);
      break;
    case PROP_AUTHOR:
      g_value_set_string (value, self->author);
      break;
    case PROP_STORE:
      g_value_set_object (value, mg_layer_get_store (self));
      break;
    case PROP_VISIBLE:
      g_value_set_boolean (value, self->visible);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mg_layer_set_property (GObject      *object,
                       guint         prop_id,
                       const GValue *value,
                       GParamSpec   *pspec)
{
  MgLayer *self = MG_LAYER (object);

  switch (prop_id)
    {
    case PROP_VISIBLE:
      mg_layer_set_visible (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mg_layer_class_init (MgLayerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = mg_layer_finalize;
  object_class->get_property = mg_layer_get_property;
  object_class->set_property = mg_layer_set_property;

  properties[PROP_FILE] =
    g_param_spec_object ("file", NULL, NULL, G_TYPE_FILE,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_AUTHOR] =
    g_param_spec_string ("author", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, MG_TYPE_ANNOTATION_STORE,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_VISIBLE] =
    g_param_spec_boolean ("visible", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
mg_layer_init (MgLayer *self)
{
  self->visible = TRUE;
}

static char *
file_display_name (GFile *file)
{
  g_autofree char *base = g_file_get_basename (file);

  if (base == NULL)
    return g_file_get_uri (file);
  return g_filename_display_name (base);
}

gboolean
mg_layer_check_document (MgSidecar  *sidecar,
                         MgDocument *document,
                         GError    **error)
{
  const char *sha256;
  gint64 length;
  guint here, exact = 0, moved = 0, fuzzy = 0, orphaned = 0, total;
  g_autofree char *name = NULL;
  const char *their_name;

  g_return_val_if_fail (MG_IS_SIDECAR (sidecar), FALSE);
  g_return_val_if_fail (MG_IS_DOCUMENT (document), FALSE);

  sha256 = mg_sidecar_get_document_sha256 (sidecar);
  if (sha256 != NULL && g_ascii_strcasecmp (sha256, mg_document_get_sha256 (document)) == 0)
    return TRUE;

  name = file_display_name (mg_sidecar_get_file (sidecar));
  their_name = mg_sidecar_get_document_name (sidecar);
  if (their_name == NULL || *their_name == '\0')
    their_name = _("unnamed");

  length = mg_sidecar_get_document_length (sidecar);
  here = mg_document_get_length (document);
  if (sha256 != NULL && length >= 0 &&
      2 * (guint64) MIN ((guint64) length, here) < MAX ((guint64) length, here))
    {
      g_set_error (error, MG_LAYER_ERROR, MG_LAYER_ERROR_DIFFERENT_DOCUMENT,
                   _("“%s” annotates a different document (“%s”, %lld "
                     "characters; this speech has %u)"),
                   name, their_name, (long long) length, here);
      return FALSE;
    }

  mg_sidecar_get_anchor_counts (sidecar, &exact, &moved, &fuzzy, &orphaned);
  total = exact + moved + fuzzy + orphaned;
  if (total > 0 && 2 * (exact + moved + fuzzy) < total)
    {
      g_set_error (error, MG_LAYER_ERROR, MG_LAYER_ERROR_DIFFERENT_DOCUMENT,
                   _("“%s” annotates a different document (“%s”): only %u of its "
                     "%u annotations could be placed on this speech"),
                   name, their_name, exact + moved + fuzzy, total);
      return FALSE;
    }

  return TRUE;
}

static char *
author_from_file (GFile *file)
{
  g_autofree char *name = file_display_name (file);

  if (g_str_has_suffix (name, MG_SIDECAR_SUFFIX) && strlen (name) > strlen (MG_SIDECAR_SUFFIX))
    name[strlen (name) - strlen (MG_SIDECAR_SUFFIX)] = '\0';
  return g_steal_pointer (&name);
}

/* The document.sha256 of a file Marginalia wrote, from its first lines
 * (the document member comes first there); NULL when not found. */
static char *
head_sha256 (GBytes *bytes)
{
  g_autoptr(GRegex) regex = g_regex_new ("\"sha256\"\\s*:\\s*\"([0-9a-fA-F]{64})\"",
                                         G_REGEX_RAW, 0, NULL);
  g_autoptr(GMatchInfo) match = NULL;
  gsize length = 0;
  const char *data = g_bytes_get_data (bytes, &length);

  if (data == NULL || !g_regex_match_full (regex, data, MIN (length, 4096), 0, 0, &match, NULL))
    return NULL;
  return g_match_info_fetch (match, 1);
}

/* Re-anchors copies of SAMPLE_SIZE annotations of a larger file, spread
 * evenly over it, on @document, and refuses the file when fewer than one
 * in three of them can be placed. A text that differs from the one the
 * file was made on in most of its sentences while sharing its words,
 * figures and slogans gets past the quotes test, and re-anchoring every
 * annotation on it takes long, the search for a quote that is not there
 * being the slowest case. A file on an edited version of its speech, of
 * which at least half the annotations can be placed, passes this test
 * (one in three is far below what a sample of 200 of such a file gives)
 * and goes on to be re-anchored whole, where the rule of one in two
 * decides. */
static gboolean
check_sample (GFile      *file,
              MgSidecar  *bare,
              MgDocument *document,
              GError    **error)
{
  MgAnnotationStore *store = mg_sidecar_get_store (bare);
  guint n = mg_annotation_store_get_n_annotations (store);
  g_autoptr(GPtrArray) sample = NULL;
  MgAnchorReport report = { 0, 0, 0, 0 };
  guint placed;

  if (n <= SAMPLE_SIZE)
    return TRUE;

  sample = g_ptr_array_new_full (SAMPLE_SIZE, g_object_unref);
  for (guint i = 0; i < SAMPLE_SIZE; i++)
    {
      guint at = (guint) (((guint64) i * n + n / 2) / SAMPLE_SIZE);

      g_ptr_array_add (sample, mg_annotation_copy (mg_annotation_store_get_annotation (store, at)));
    }
  mg_anchor_annotations (sample, document, &report);
  placed = report.exact + report.moved + report.fuzzy;
  if (3 * placed < sample->len)
    {
      g_autofree char *name = file_display_name (file);
      const char *their_name = mg_sidecar_get_document_name (bare);

      g_set_error (error, MG_LAYER_ERROR, MG_LAYER_ERROR_DIFFERENT_DOCUMENT,
                   _("“%s” annotates a different document (“%s”): only %u of %u of its "
                     "annotations sampled could be placed on this speech"),
                   name, their_name != NULL && *their_name != '\0' ? their_name : _("unnamed"),
                   placed, sample->len);
      return FALSE;
    }
  return TRUE;
}

/* A quick look before re-anchoring, which can take long on a text that
 * has nothing in common with the file: refuses a file of at least 20
 * annotations when fewer than one in three of a sample of its quotes,
 * each with the four characters before it, occurs in the speech as it is. */
static gboolean
check_quick (GFile      *file,
             GBytes     *bytes,
             MgDocument *document,
             GError    **error)
{
  g_autoptr(MgSidecar) bare = mg_sidecar_new (file, NULL);
  MgAnnotationStore *store;
  const char *text = mg_document_get_text (document);
  gint64 length;
  guint here = mg_document_get_length (document);
  guint n, step, sampled = 0, found = 0;

  if (!mg_sidecar_load_bytes (bare, bytes, error))
    return FALSE;

  length = mg_sidecar_get_document_length (bare);
  if (length >= 0 && 2 * (guint64) MIN ((guint64) length, here) < MAX ((guint64) length, here))
    return mg_layer_check_document (bare, document, error);

  store = mg_sidecar_get_store (bare);
  n = mg_annotation_store_get_n_annotations (store);
  if (n < 20)
    return TRUE;
  step = MAX (1, n / 200);
  for (guint i = 0; i < n; i += step)
    {
      MgAnnotation *a = mg_annotation_store_get_annotation (store, i);
      const char *quote = mg_annotation_get_quote (a);
      const char *prefix = mg_annotation_get_prefix (a);
      g_autofree char *probe = NULL;
      glong prefix_length;

      if (quote == NULL || *quote == '\0')
        continue;
      /* The quote with a little of what comes before it: common words
       * alone occur in any speech. */
      prefix = prefix != NULL ? prefix : "";
      prefix_length = g_utf8_strlen (prefix, -1);
      probe = g_strconcat (g_utf8_offset_to_pointer (prefix, MAX (0, prefix_length - 4)),
                           quote, NULL);
      sampled++;
      if (strstr (text, probe) != NULL)
        found++;
    }
  if (sampled >= 20 && 3 * found < sampled)
    {
      g_autofree char *name = file_display_name (file);
      const char *their_name = mg_sidecar_get_document_name (bare);

      g_set_error (error, MG_LAYER_ERROR, MG_LAYER_ERROR_DIFFERENT_DOCUMENT,
                   _("“%s” annotates a different document (“%s”): only %u of %u of its "
                     "quotes sampled occur in this speech"),
                   name, their_name != NULL && *their_name != '\0' ? their_name : _("unnamed"),
                   found, sampled);
      return FALSE;
    }
  return check_sample (file, bare, document, error);
}

MgLayer *
mg_layer_load (GFile        *file,
               MgDocument   *document,
               GCancellable *cancellable,
               GError      **error)
{
  g_autoptr(MgSidecar) sidecar = NULL;
  g_autoptr(GPtrArray) annotations = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *sha256 = NULL;
  MgAnnotationStore *store;
  MgLayer *self;
  guint n;

  g_return_val_if_fail (G_IS_FILE (file), NULL);
  g_return_val_if_fail (MG_IS_DOCUMENT (document), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  bytes = mg_file_load (file, MG_SIDECAR_MAX_SIZE, cancellable, &local_error);
  if (bytes == NULL)
    {
      g_autofree char *name = file_display_name (file);

      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_MESSAGE_TOO_LARGE))
        g_set_error (error, MG_SIDECAR_ERROR, MG_SIDECAR_ERROR_TOO_LARGE,
                     _("“%s” is too large (annotations files are refused above %d MiB)"),
                     name, MG_SIDECAR_MAX_SIZE / (1024 * 1024));
      else if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
        g_set_error (error, MG_SIDECAR_ERROR, MG_SIDECAR_ERROR_READ,
                     _("“%s” does not exist"), name);
      else
        g_set_error (error, MG_SIDECAR_ERROR, MG_SIDECAR_ERROR_READ,
                     _("Cannot read “%s”: %s"), name, local_error->message);
      return NULL;
    }
  if (g_bytes_get_size (bytes) > MG_SIDECAR_MAX_SIZE)
    {
      g_autofree char *name = file_display_name (file);

      g_set_error (error, MG_SIDECAR_ERROR, MG_SIDECAR_ERROR_TOO_LARGE,
                   _("“%s” is too large (annotations files are refused above %d MiB)"),
                   name, MG_SIDECAR_MAX_SIZE / (1024 * 1024));
      return NULL;
    }

  sha256 = head_sha256 (bytes);
  if ((sha256 == NULL || g_ascii_strcasecmp (sha256, mg_document_get_sha256 (document)) != 0) &&
      !check_quick (file, bytes, document, error))
    return NULL;

  sidecar = mg_sidecar_new (file, document);
  /* A layer is read, never kept in step with its file: no checksum of
   * the file (11 MB for 20,000 annotations) is needed. */
  mg_sidecar_set_file_checksums (sidecar, FALSE);
  if (!mg_sidecar_load_bytes (sidecar, bytes, error))
    return NULL;
  if (!mg_layer_check_document (sidecar, document, error))
    return NULL;

  self = g_object_new (MG_TYPE_LAYER, NULL);
  self->file = g_object_ref (file);
  self->sidecar = g_steal_pointer (&sidecar);
  self->reanchored = mg_sidecar_get_reanchored (self->sidecar);

  store = mg_sidecar_get_store (self->sidecar);
  n = mg_annotation_store_get_n_annotations (store);
  annotations = g_ptr_array_sized_new (n);
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (annotations, mg_annotation_store_get_annotation (store, i));
  self->author = mg_merge_main_author (annotations);
  if (self->author == NULL || *self->author == '\0')
    {
      g_free (self->author);
      self->author = author_from_file (file);
    }

  return self;
}

GFile *
mg_layer_get_file (MgLayer *self)
{
  g_return_val_if_fail (MG_IS_LAYER (self), NULL);
  return self->file;
}

MgSidecar *
mg_layer_get_sidecar (MgLayer *self)
{
  g_return_val_if_fail (MG_IS_LAYER (self), NULL);
  return self->sidecar;
}

MgAnnotationStore *
mg_layer_get_store (MgLayer *self)
{
  g_return_val_if_fail (MG_IS_LAYER (self), NULL);
  return self->sidecar != NULL ? mg_sidecar_get_store (self->sidecar) : NULL;
}

const char *
mg_layer_get_author (MgLayer *self)
{
  g_return_val_if_fail (MG_IS_LAYER (self), NULL);
  return self->author;
}

gboolean
mg_layer_get_reanchored (MgLayer *self)
{
  g_return_val_if_fail (MG_IS_LAYER (self), FALSE);
  return self->reanchored;
}

gboolean
mg_layer_get_visible (MgLayer *self)
{
  g_return_val_if_fail (MG_IS_LAYER (self), FALSE);
  return self->visible;
}

void
mg_layer_set_visible (MgLayer  *self,
                      gboolean  visible)
{
  g_return_if_fail (MG_IS_LAYER (self));

  if (self->visible == !!visible)
    return;
  self->visible = !!visible;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VISIBLE]);
}
