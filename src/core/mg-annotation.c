/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Marginalia"
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "mg-annotation-private.h"
#include "mg-json.h"

struct _MgAnnotation
{
  GObject        parent_instance;

  char          *id;
  guint          start;
  guint          end;
  char          *quote;
  char          *prefix;
  char          *suffix;
  GStrv          tags;
  char          *note;
  char          *author;
  GStrv          contributors;
  char          *created;
  char          *modified;
  double         anchor_score;
  guint          paragraph;
  guint          sentence;
  MgAnchorState  anchor_state;
  JsonObject    *extra;
  /* The strings of _mg_annotation_new_from_fields(), in one allocation;
   * the fields above may point into it (see borrowed()). */
  char          *block;
  gsize          block_size;

  guint          starred : 1;
};

/* The value of every unset string field and empty list: shared, never
 * written to, never freed. */
static char empty_string[1];
static char *empty_strv[1];

G_DEFINE_FINAL_TYPE (MgAnnotation, mg_annotation, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_START,
  PROP_END,
  PROP_QUOTE,
  PROP_PREFIX,
  PROP_SUFFIX,
  PROP_TAGS,
  PROP_NOTE,
  PROP_STARRED,
  PROP_AUTHOR,
  PROP_CONTRIBUTORS,
  PROP_CREATED,
  PROP_MODIFIED,
  PROP_ANCHOR_STATE,
  PROP_ANCHOR_SCORE,
  PROP_PARAGRAPH,
  PROP_SENTENCE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

const char *
mg_annotation_default_author (void)
{
  const char *name = g_get_real_name ();

  if (name == NULL || *name == '\0' || g_strcmp0 (name, "Unknown") == 0)
    name = g_get_user_name ();
  return name;
}

/* A new random annotation id (UUID v4, lowercase). */
static char *
new_id (void)
{
  return g_uuid_string_random ();
}

const char *
mg_anchor_state_to_string (MgAnchorState state)
{
  switch (state)
    {
    case MG_ANCHOR_STATE_EXACT:
      return "exact";
    case MG_ANCHOR_STATE_MOVED:
      return "moved";
    case MG_ANCHOR_STATE_FUZZY:
      return "fuzzy";
    case MG_ANCHOR_STATE_ORPHANED:
      return "orphaned";
    default:
      g_return_val_if_reached ("exact");
    }
}

/* TRUE when @p is not the annotation's own allocation: a shared empty
 * value, or a part of its block of strings. */
static inline gboolean
borrowed (MgAnnotation  *self,
          gconstpointer  p)
{
  guintptr at = (guintptr) p, block = (guintptr) self->block;

  return p == empty_string || p == (gconstpointer) empty_strv
         || (self->block != NULL && at >= block && at < block + self->block_size);
}

static void
free_string (MgAnnotation *self,
             char         *s)
{
  if (!borrowed (self, s))
    g_free (s);
}

/* A list of its own holds strings of its own. */
static void
free_strv (MgAnnotation *self,
           GStrv         v)
{
  if (!borrowed (self, v))
    g_strfreev (v);
}

/* Strings that are never NULL: NULL becomes "". */
static gboolean
replace_string (MgAnnotation  *self,
                char         **field,
                const char    *value)
{
  if (value == NULL)
    value = "";
  if (g_strcmp0 (*field, value) == 0)
    return FALSE;
  free_string (self, *field);
  *field = *value != '\0' ? g_strdup (value) : empty_string;
  return TRUE;
}

/* Nullable strings: "" becomes NULL (unset). */
static gboolean
replace_nullable (MgAnnotation  *self,
                  char         **field,
                  const char    *value)
{
  if (value != NULL && *value == '\0')
    value = NULL;
  if (g_strcmp0 (*field, value) == 0)
    return FALSE;
  free_string (self, *field);
  *field = g_strdup (value);
  return TRUE;
}

int
_mg_compare_strings (gconstpointer a,
                     gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* Tags keep the order given, without duplicates or empty ids: appended
 * to @out (not copied). */
static void
unique_tags (const char * const *tags,
             GPtrArray          *out)
{
  guint first = out->len;

  for (guint i = 0; tags != NULL && tags[i] != NULL; i++)
    {
      gboolean seen = tags[i][0] == '\0';

      for (guint j = first; !seen && j < out->len; j++)
        seen = strcmp (g_ptr_array_index (out, j), tags[i]) == 0;
      if (!seen)
        g_ptr_array_add (out, (gpointer) tags[i]);
    }
}

/* Contributors: sorted, unique, never empty names, never @author:
 * appended to @out (not copied). */
static void
unique_contributors (const char * const *names,
                     const char         *author,
                     GPtrArray          *out)
{
  g_autoptr(GPtrArray) sorted = NULL;

  if (names == NULL || names[0] == NULL)
    return;
  sorted = g_ptr_array_new ();
  for (guint i = 0; names != NULL && names[i] != NULL; i++)
    if (names[i][0] != '\0' && g_strcmp0 (names[i], author) != 0)
      g_ptr_array_add (sorted, (gpointer) names[i]);
  g_ptr_array_sort (sorted, _mg_compare_strings);
  for (guint i = 0; i < sorted->len; i++)
    if (i == 0 || strcmp (g_ptr_array_index (sorted, i - 1), g_ptr_array_index (sorted, i)) != 0)
      g_ptr_array_add (out, g_ptr_array_index (sorted, i));
}

/* A list of its own of the strings in @list. */
static GStrv
dup_list (GPtrArray *list)
{
  GStrv v = g_new (char *, list->len + 1);

  for (guint i = 0; i < list->len; i++)
    v[i] = g_strdup (g_ptr_array_index (list, i));
  v[list->len] = NULL;
  return v;
}

static GStrv
normalize_tags (const char * const *tags)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new ();

  unique_tags (tags, list);
  return dup_list (list);
}

static GStrv
normalize_contributors (const char * const *names,
                        const char         *author)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new ();

  unique_contributors (names, author, list);
  return dup_list (list);
}

/* The tags as a list of the annotation's own, to change in place. */
static void
own_tags (MgAnnotation *self)
{
  if (borrowed (self, self->tags))
    self->tags = g_strdupv (self->tags);
}

static void
notify (MgAnnotation *self,
        guint         prop)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
}

static void
mg_annotation_finalize (GObject *object)
{
  MgAnnotation *self = MG_ANNOTATION (object);

  g_clear_pointer (&self->id, g_free);
  free_string (self, self->quote);
  free_string (self, self->prefix);
  free_string (self, self->suffix);
  free_strv (self, self->tags);
  free_string (self, self->note);
  free_string (self, self->author);
  free_strv (self, self->contributors);
  free_string (self, self->created);
  free_string (self, self->modified);
  g_clear_pointer (&self->extra, json_object_unref);
  g_clear_pointer (&self->block, g_free);

  G_OBJECT_CLASS (mg_annotation_parent_class)->finalize (object);
}

static void
mg_annotation_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  MgAnnotation *self = MG_ANNOTATION (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;
    case PROP_START:
      g_value_set_uint (value, self->start);
      break;
    case PROP_END:
      g_value_set_uint (value, self->end);
      break;
    case PROP_QUOTE:
      g_value_set_string (value, self->quote);
      break;
    case PROP_PREFIX:
      g_value_set_string (value, self->prefix);
      break;
    case PROP_SUFFIX:
      g_value_set_string (value, self->suffix);
      break;
    case PROP_TAGS:
      g_value_set_boxed (value, self->tags);
      break;
    case PROP_NOTE:
      g_value_set_string (value, self->note);
      break;
    case PROP_STARRED:
      g_value_set_boolean (value, self->starred);
      break;
    case PROP_AUTHOR:
      g_value_set_string (value, self->author);
      break;
    case PROP_CONTRIBUTORS:
      g_value_set_boxed (value, self->contributors);
      break;
    case PROP_CREATED:
      g_value_set_string (value, self->created);
      break;
    case PROP_MODIFIED:
      g_value_set_string (value, self->modified);
      break;
    case PROP_ANCHOR_STATE:
      g_value_set_uint (value, self->anchor_state);
      break;
    case PROP_ANCHOR_SCORE:
      g_value_set_double (value, self->anchor_score);
      break;
    case PROP_PARAGRAPH:
      g_value_set_uint (value, self->paragraph);
      break;

    case PROP_SENTENCE:
      g_value_set_uint (value, self->sentence);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mg_annotation_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  MgAnnotation *self = MG_ANNOTATION (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_free (self->id);
      self->id = g_value_dup_string (value);
      if (self->id == NULL || *self->id == '\0')
        {
          g_free (self->id);
          self->id = new_id ();
        }
      break;
    case PROP_START:
      mg_annotation_set_range (self, g_value_get_uint (value),
                               MAX (self->end, g_value_get_uint (value)));
      break;
    case PROP_END:
      mg_annotation_set_range (self, MIN (self->start, g_value_get_uint (value)),
                               g_value_get_uint (value));
      break;
    case PROP_QUOTE:
      mg_annotation_set_quote (self, g_value_get_string (value));
      break;
    case PROP_PREFIX:
      mg_annotation_set_prefix (self, g_value_get_string (value));
      break;
    case PROP_SUFFIX:
      mg_annotation_set_suffix (self, g_value_get_string (value));
      break;
    case PROP_TAGS:
      mg_annotation_set_tags (self, g_value_get_boxed (value));
      break;
    case PROP_NOTE:
      mg_annotation_set_note (self, g_value_get_string (value));
      break;
    case PROP_STARRED:
      mg_annotation_set_starred (self, g_value_get_boolean (value));
      break;
    case PROP_AUTHOR:
      mg_annotation_set_author (self, g_value_get_string (value));
      break;
    case PROP_CONTRIBUTORS:
      mg_annotation_set_contributors (self, g_value_get_boxed (value));
      break;
    case PROP_CREATED:
      mg_annotation_set_created (self, g_value_get_string (value));
      break;
    case PROP_MODIFIED:
      mg_annotation_set_modified (self, g_value_get_string (value));
      break;
    case PROP_ANCHOR_STATE:
      mg_annotation_set_anchor_state (self, g_value_get_uint (value));
      break;
    case PROP_ANCHOR_SCORE:
      mg_annotation_set_anchor_score (self, g_value_get_double (value));
      break;
    case PROP_PARAGRAPH:
      mg_annotation_set_paragraph (self, g_value_get_uint (value));
      break;

    case PROP_SENTENCE:
      mg_annotation_set_sentence (self, g_value_get_uint (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mg_annotation_class_init (MgAnnotationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = mg_annotation_finalize;
  object_class->get_property = mg_annotation_get_property;
  object_class->set_property = mg_annotation_set_property;

  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_START] =
    g_param_spec_uint ("start", NULL, NULL, 0, G_MAXUINT, 0, flags);
  properties[PROP_END] =
    g_param_spec_uint ("end", NULL, NULL, 0, G_MAXUINT, 0, flags);
  properties[PROP_QUOTE] =
    g_param_spec_string ("quote", NULL, NULL, "", flags);
  properties[PROP_PREFIX] =
    g_param_spec_string ("prefix", NULL, NULL, "", flags);
  properties[PROP_SUFFIX] =
    g_param_spec_string ("suffix", NULL, NULL, "", flags);
  properties[PROP_TAGS] =
    g_param_spec_boxed ("tags", NULL, NULL, G_TYPE_STRV, flags);
  properties[PROP_NOTE] =
    g_param_spec_string ("note", NULL, NULL, "", flags);
  properties[PROP_STARRED] =
    g_param_spec_boolean ("starred", NULL, NULL, FALSE, flags);
  properties[PROP_AUTHOR] =
    g_param_spec_string ("author", NULL, NULL, "", flags);
  properties[PROP_CONTRIBUTORS] =
    g_param_spec_boxed ("contributors", NULL, NULL, G_TYPE_STRV, flags);
  properties[PROP_CREATED] =
    g_param_spec_string ("created", NULL, NULL, NULL, flags);
  properties[PROP_MODIFIED] =
    g_param_spec_string ("modified", NULL, NULL, NULL, flags);
  properties[PROP_ANCHOR_STATE] =
    g_param_spec_uint ("anchor-state", NULL, NULL,
                       MG_ANCHOR_STATE_EXACT, MG_ANCHOR_STATE_ORPHANED,
                       MG_ANCHOR_STATE_EXACT, flags);
  properties[PROP_ANCHOR_SCORE] =
    g_param_spec_double ("anchor-score", NULL, NULL, 0.0, 1.0, 1.0, flags);
  properties[PROP_PARAGRAPH] =
    g_param_spec_uint ("paragraph", NULL, NULL, 0, G_MAXUINT, 0, flags);
  properties[PROP_SENTENCE] =
    g_param_spec_uint ("sentence", NULL, NULL, 0, G_MAXUINT, 0, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
mg_annotation_init (MgAnnotation *self)
{
  self->quote = empty_string;
  self->prefix = empty_string;
  self->suffix = empty_string;
  self->tags = empty_strv;
  self->note = empty_string;
  self->author = empty_string;
  self->contributors = empty_strv;
  self->anchor_state = MG_ANCHOR_STATE_EXACT;
  self->anchor_score = 1.0;
}

MgAnnotation *
mg_annotation_new (const char *id,
                   guint       start,
                   guint       end)
{
  MgAnnotation *self;

  g_return_val_if_fail (start <= end, NULL);

  self = g_object_new (MG_TYPE_ANNOTATION, "id", id, NULL);
  self->start = start;
  self->end = end;
  return self;
}

/* The size in the block of a string field set to @value: none for an
 * empty one. */
static gsize
block_string_size (const char *value)
{
  return value != NULL && *value != '\0' ? strlen (value) + 1 : 0;
}

/* Copies @value into the block at *@at for @field, unless it is empty. */
static void
block_string (char       **field,
              const char  *value,
              char       **at)
{
  gsize size = block_string_size (value);

  if (size == 0)
    return;
  memcpy (*at, value, size);
  *field = *at;
  *at += size;
}

/* The pointers a list of @list takes in the block: none for an empty one. */
static gsize
block_list_slots (GPtrArray *list)
{
  return list->len > 0 ? list->len + 1 : 0;
}

/* @list (strings of the caller) copied into the block as the list @field:
 * its pointers at *@slots (the lists' pointers come first in the block,
 * aligned for them), its strings at *@at. */
static void
block_list (char      ***field,
            GPtrArray   *list,
            char      ***slots,
            char       **at)
{
  char **v = *slots;

  if (list->len == 0)
    return;
  *slots += block_list_slots (list);
  for (guint i = 0; i < list->len; i++)
    {
      const char *value = g_ptr_array_index (list, i);
      gsize size = strlen (value) + 1;

      memcpy (*at, value, size);
      v[i] = *at;
      *at += size;
    }
  v[list->len] = NULL;
  *field = v;
}

static gsize
block_list_size (GPtrArray *list)
{
  gsize size = block_list_slots (list) * sizeof (char *);

  for (guint i = 0; i < list->len; i++)
    size += strlen (g_ptr_array_index (list, i)) + 1;
  return size;
}

MgAnnotation *
_mg_annotation_new_from_fields (const MgAnnotationFields *f)
{
  MgAnnotation *self;
  GPtrArray *tags, *contributors;
  const char *author = f->author != NULL ? f->author : "";
  char *at;

  g_return_val_if_fail (f->start <= f->end, NULL);

  self = g_object_new (MG_TYPE_ANNOTATION, "id", f->id, NULL);
  self->start = f->start;
  self->end = f->end;

  /* Every string in one allocation: the lists' pointers first (a list's
   * strings would leave the next list's pointers unaligned), then the
   * strings. */
  tags = g_ptr_array_new ();
  contributors = g_ptr_array_new ();
  unique_tags (f->tags, tags);
  unique_contributors (f->contributors, author, contributors);
  self->block_size = block_list_size (tags) + block_list_size (contributors)
                     + block_string_size (f->quote) + block_string_size (f->prefix)
                     + block_string_size (f->suffix) + block_string_size (f->note)
                     + block_string_size (f->author) + block_string_size (f->created)
                     + block_string_size (f->modified);
  if (self->block_size > 0)
    {
      char **slots;

      self->block = g_malloc (self->block_size);
      slots = (char **) (gpointer) self->block;
      at = (char *) (slots + block_list_slots (tags) + block_list_slots (contributors));
      block_list (&self->tags, tags, &slots, &at);
      block_list (&self->contributors, contributors, &slots, &at);
      block_string (&self->quote, f->quote, &at);
      block_string (&self->prefix, f->prefix, &at);
      block_string (&self->suffix, f->suffix, &at);
      block_string (&self->note, f->note, &at);
      block_string (&self->author, f->author, &at);
      block_string (&self->created, f->created, &at);
      block_string (&self->modified, f->modified, &at);
    }
  g_ptr_array_unref (tags);
  g_ptr_array_unref (contributors);

  self->starred = f->starred != FALSE;
  if (f->orphaned)
    {
      self->anchor_state = MG_ANCHOR_STATE_ORPHANED;
      self->anchor_score = 0.0;
    }
  if (f->extra != NULL)
    self->extra = json_object_ref (f->extra);
  return self;
}

void
_mg_annotation_get_fields (MgAnnotation       *self,
                           MgAnnotationFields *fields)
{
  g_return_if_fail (MG_IS_ANNOTATION (self));

  *fields = (MgAnnotationFields) {
    .id = self->id,
    .start = self->start,
    .end = self->end,
    .quote = self->quote,
    .prefix = self->prefix,
    .suffix = self->suffix,
    .tags = (const char * const *) self->tags,
    .note = self->note,
    .author = self->author,
    .contributors = (const char * const *) self->contributors,
    .created = self->created,
    .modified = self->modified,
    .starred = self->starred,
    .orphaned = self->anchor_state == MG_ANCHOR_STATE_ORPHANED,
    .extra = self->extra,
  };
}

/* The room a copy of @value takes: its strings, and its pointers (the
 * terminating NULL included) counted in *@n_slots. */
static gsize
fields_strv_size (const char * const *value,
                  gsize              *n_slots)
{
  gsize size = 0;
  guint n;

  for (n = 0; value[n] != NULL; n++)
    size += strlen (value[n]) + 1;
  *n_slots += n + 1;
  return size;
}

static const char * const *
fields_strv (const char * const   *value,
             char               ***slots,
             char                **at)
{
  char **v = *slots;
  guint n;

  for (n = 0; value[n] != NULL; n++)
    {
      gsize size = strlen (value[n]) + 1;

      memcpy (*at, value[n], size);
      v[n] = *at;
      *at += size;
    }
  v[n] = NULL;
  *slots += n + 1;
  return (const char * const *) v;
}

static gsize
fields_string_size (const char *value)
{
  return value != NULL ? strlen (value) + 1 : 0;
}

static const char *
fields_string (const char  *value,
               char       **at)
{
  gsize size;
  char *s = *at;

  if (value == NULL)
    return NULL;
  size = strlen (value) + 1;
  memcpy (s, value, size);
  *at += size;
  return s;
}

MgAnnotationFields *
_mg_annotation_dup_fields (MgAnnotation *self)
{
  MgAnnotationFields view, *copy;
  gsize n_slots = 0, size;
  char **slots;
  char *at;

  g_return_val_if_fail (MG_IS_ANNOTATION (self), NULL);

  _mg_annotation_get_fields (self, &view);
  size = fields_strv_size (view.tags, &n_slots) + fields_strv_size (view.contributors, &n_slots)
         + fields_string_size (view.id) + fields_string_size (view.quote)
         + fields_string_size (view.prefix) + fields_string_size (view.suffix)
         + fields_string_size (view.note) + fields_string_size (view.author)
         + fields_string_size (view.created) + fields_string_size (view.modified);
  /* The structure, then the lists' pointers (aligned after it), then the
   * strings. */
  copy = g_malloc (sizeof *copy + n_slots * sizeof (char *) + size);
  slots = (char **) (gpointer) (copy + 1);
  at = (char *) (slots + n_slots);
  *copy = view;
  copy->tags = fields_strv (view.tags, &slots, &at);
  copy->contributors = fields_strv (view.contributors, &slots, &at);
  copy->id = fields_string (view.id, &at);
  copy->quote = fields_string (view.quote, &at);
  copy->prefix = fields_string (view.prefix, &at);
  copy->suffix = fields_string (view.suffix, &at);
  copy->note = fields_string (view.note, &at);
  copy->author = fields_string (view.author, &at);
  copy->created = fields_string (view.created, &at);
  copy->modified = fields_string (view.modified, &at);
  copy->extra = view.extra != NULL ? mg_json_object_deep_copy (view.extra) : NULL;
  return copy;
}

void
_mg_annotation_fields_free (MgAnnotationFields *fields)
{
  if (fields == NULL)
    return;
  g_clear_pointer (&fields->extra, json_object_unref);
  g_free (fields);
}

const char *
mg_annotation_get_id (MgAnnotation *self)
{
  g_return_val_if_fail (MG_IS_ANNOTATION (self), NULL);
  return self->id;
}

guint
mg_annotation_get_start (MgAnnotation *self)
{
  g_return_val_if_fail (MG_IS_ANNOTATION (self), 0);
  return self->start;
}

guint
mg_annotation_get_end (MgAnnotation *self)
{
  g_return_val_if_fail (MG_IS_ANNOTATION (self), 0);
  return self->end;
}

void
mg_annotation_set_range (MgAnnotation *self,
                         guint         start,
                         guint         end)
{
  gboolean start_changed, end_changed;

  g_return_if_fail (MG_IS_ANNOTATION (self));
  g_return_if_fail (start <= end);

  start_changed = self->start != start;
  end_changed = self->end != end;
  self->start = start;
  self->end = end;
  if (start_changed)
    notify (self, PROP_START);
  if (end_changed)
    notify (self, PROP_END);
}

#define STRING_ACCESSORS(field, PROP)                                   \
const char *                                                            \
mg_annotation_get_##field (MgAnnotation *self)                          \
{                                                                       \
  g_return_val_if_fail (MG_IS_ANNOTATION (self), NULL);                 \
  return self->field;                                                   \
}                                                                       \
                                                                        \
void                                                                    \
mg_annotation_set_##field (MgAnnotation *self,                          \
                           const char   *value)                         \
{                                                                       \
  g_return_if_fail (MG_IS_ANNOTATION (self));                           \
  if (replace_string (self, &self->field, value))                      \
    notify (self, PROP);                                                \
}

STRING_ACCESSORS (quote, PROP_QUOTE)
STRING_ACCESSORS (prefix, PROP_PREFIX)
STRING_ACCESSORS (suffix, PROP_SUFFIX)
STRING_ACCESSORS (note, PROP_NOTE)

#undef STRING_ACCESSORS

const char * const *
mg_annotation_get_tags (MgAnnotation *self)
{
  g_return_val_if_fail (MG_IS_ANNOTATION (self), NULL);
  return (const char * const *) self->tags;
}

void
mg_annotation_set_tags (MgAnnotation       *self,
                        const char * const *tags)
{
  GStrv normalized;

  g_return_if_fail (MG_IS_ANNOTATION (self));

  normalized = normalize_tags (tags);
  if (g_strv_equal ((const char * const *) normalized, (const char * const *) self->tags))
    {
      g_strfreev (normalized);
      return;
    }
  free_strv (self, self->tags);
  self->tags = normalized;
  notify (self, PROP_TAGS);
}

gboolean
mg_annotation_has_tag (MgAnnotation *self,
                       const char   *tag_id)
{
  g_return_val_if_fail (MG_IS_ANNOTATION (self), FALSE);

  return tag_id != NULL && g_strv_contains ((const char * const *) self->tags, tag_id);
}

gboolean
mg_annotation_add_tag (MgAnnotation *self,
                       const char   *tag_id)
{
  guint n;

  g_return_val_if_fail (MG_IS_ANNOTATION (self), FALSE);
  g_return_val_if_fail (tag_id != NULL, FALSE);

  if (*tag_id == '\0' || mg_annotation_has_tag (self, tag_id))
    return FALSE;
  own_tags (self);
  n = g_strv_length (self->tags);
  self->tags = g_renew (char *, self->tags, n + 2);
  self->tags[n] = g_strdup (tag_id);
  self->tags[n + 1] = NULL;
  notify (self, PROP_TAGS);
  return TRUE;
}

gboolean
mg_annotation_remove_tag (MgAnnotation *self,
                          const char   *tag_id)
{
  guint i, j;

  g_return_val_if_fail (MG_IS_ANNOTATION (self), FALSE);
  g_return_val_if_fail (tag_id != NULL, FALSE);

  if (!mg_annotation_has_tag (self, tag_id))
    return FALSE;
  own_tags (self);
  for (i = 0, j = 0; self->tags[i] != NULL; i++)
    {
      if (strcmp (self->tags[i], tag_id) == 0)
        g_free (self->tags[i]);
      else
        self->tags[j++] = self->tags[i];
    }
  self->tags[j] = NULL;
  notify (self, PROP_TAGS);
  return TRUE;
}

gboolean
mg_annotation_get_starred (MgAnnotation *self)
{
  g_return_val_if_fail (MG_IS_ANNOTATION (self), FALSE);
  return self->starred;
}

void
mg_annotation_set_starred (MgAnnotation *self,
                           gboolean      starred)
{
  g_return_if_fail (MG_IS_ANNOTATION (self));

  starred = !!starred;
  if (self->starred == (guint) starred)
    return;
  self->starred = starred;
  notify (self, PROP_STARRED);
}

const char *
mg_annotation_get_author (MgAnnotation *self)
{
  g_return_val_if_fail (MG_IS_ANNOTATION (self), NULL);
  return self->author;
}

void
mg_annotation_set_author (MgAnnotation *self,
                          const char   *author)
{
  g_return_if_fail (MG_IS_ANNOTATION (self));

  if (!replace_string (self, &self->author, author))
    return;
  g_object_freeze_notify (G_OBJECT (self));
  notify (self, PROP_AUTHOR);
  /* The author is never among the contributors. */
  if (g_strv_contains ((const char * const *) self->contributors, self->author))
    mg_annotation_set_contributors (self, (const char * const *) self->contributors);
  g_object_thaw_notify (G_OBJECT (self));
}

const char * const *
mg_annotation_get_contributors (MgAnnotation *self)
{
  g_return_val_if_fail (MG_IS_ANNOTATION (self), NULL);
  return (const char * const *) self->contributors;
}

void
mg_annotation_set_contributors (MgAnnotation       *self,
                                const char * const *names)
{
  GStrv normalized;

  g_return_if_fail (MG_IS_ANNOTATION (self));

  normalized = normalize_contributors (names, self->author);
  if (g_strv_equal ((const char * const *) normalized,
                    (const char * const *) self->contributors))
    {
      g_strfreev (normalized);
      return;
    }
  free_strv (self, self->contributors);
  self->contributors = normalized;
  notify (self, PROP_CONTRIBUTORS);
}

const char *
mg_annotation_get_created (MgAnnotation *self)
{
  g_return_val_if_fail (MG_IS_ANNOTATION (self), NULL);
  return self->created;
}

void
mg_annotation_set_created (MgAnnotation *self,
                           const char   *rfc3339)
{
  g_return_if_fail (MG_IS_ANNOTATION (self));

  if (replace_nullable (self, &self->created, rfc3339))
    notify (self, PROP_CREATED);
}

const char *
mg_annotation_get_modified (MgAnnotation *self)
{
  g_return_val_if_fail (MG_IS_ANNOTATION (self), NULL);
  return self->modified;
}

void
mg_annotation_set_modified (MgAnnotation *self,
                            const char   *rfc3339)
{
  g_return_if_fail (MG_IS_ANNOTATION (self));

  if (replace_nullable (self, &self->modified, rfc3339))
    notify (self, PROP_MODIFIED);
}

MgAnchorState
mg_annotation_get_anchor_state (MgAnnotation *self)
{
  g_return_val_if_fail (MG_IS_ANNOTATION (self), MG_ANCHOR_STATE_EXACT);
  return self->anchor_state;
}

void
mg_annotation_set_anchor_state (MgAnnotation  *self,
                                MgAnchorState  state)
{
  g_return_if_fail (MG_IS_ANNOTATION (self));
  g_return_if_fail (state <= MG_ANCHOR_STATE_ORPHANED);

  if (self->anchor_state == state)
    return;
  self->anchor_state = state;
  notify (self, PROP_ANCHOR_STATE);
}

double
mg_annotation_get_anchor_score (MgAnnotation *self)
{
  g_return_val_if_fail (MG_IS_ANNOTATION (self), 0.0);
  return self->anchor_score;
}

void
mg_annotation_set_anchor_score (MgAnnotation *self,
                                double        score)
{
  g_return_if_fail (MG_IS_ANNOTATION (self));

  score = CLAMP (score, 0.0, 1.0);
  if (self->anchor_score == score)
    return;
  self->anchor_score = score;
  notify (self, PROP_ANCHOR_SCORE);
}

gboolean
mg_annotation_is_orphaned (MgAnnotation *self)
{
  g_return_val_if_fail (MG_IS_ANNOTATION (self), FALSE);
  return self->anchor_state == MG_ANCHOR_STATE_ORPHANED;
}

guint
mg_annotation_get_paragraph (MgAnnotation *self)
{
  g_return_val_if_fail (MG_IS_ANNOTATION (self), 0);
  return self->paragraph;
}

void
mg_annotation_set_paragraph (MgAnnotation *self,
                             guint         paragraph)
{
  g_return_if_fail (MG_IS_ANNOTATION (self));

  if (self->paragraph == paragraph)
    return;
  self->paragraph = paragraph;
  notify (self, PROP_PARAGRAPH);
}

guint
mg_annotation_get_sentence (MgAnnotation *self)
{
  g_return_val_if_fail (MG_IS_ANNOTATION (self), 0);
  return self->sentence;
}

void
mg_annotation_set_sentence (MgAnnotation *self,
                            guint         sentence)
{
  g_return_if_fail (MG_IS_ANNOTATION (self));

  if (self->sentence == sentence)
    return;
  self->sentence = sentence;
  notify (self, PROP_SENTENCE);
}

JsonObject *
_mg_annotation_get_extra (MgAnnotation *self)
{
  g_return_val_if_fail (MG_IS_ANNOTATION (self), NULL);
  return self->extra;
}

/* Takes a reference on @extra. */
void
_mg_annotation_set_extra (MgAnnotation *self,
                          JsonObject   *extra)
{
  g_return_if_fail (MG_IS_ANNOTATION (self));

  if (extra == self->extra)
    return;
  if (extra != NULL)
    json_object_ref (extra);
  g_clear_pointer (&self->extra, json_object_unref);
  self->extra = extra;
}

/* Copying, assigning and comparing annotations. */

static gboolean
strv_equal0 (const char * const *a,
             const char * const *b)
{
  static const char * const empty[] = { NULL };

  return g_strv_equal (a != NULL ? a : empty, b != NULL ? b : empty);
}

MgAnnotation *
mg_annotation_copy (MgAnnotation *self)
{
  MgAnnotation *copy;

  g_return_val_if_fail (MG_IS_ANNOTATION (self), NULL);

  copy = mg_annotation_new (self->id, self->start, self->end);
  mg_annotation_assign (copy, self);
  return copy;
}

void
mg_annotation_assign (MgAnnotation *self,
                      MgAnnotation *from)
{
  g_return_if_fail (MG_IS_ANNOTATION (self));
  g_return_if_fail (MG_IS_ANNOTATION (from));

  if (self == from)
    return;

  g_object_freeze_notify (G_OBJECT (self));
  mg_annotation_set_range (self, from->start, from->end);
  mg_annotation_set_quote (self, from->quote);
  mg_annotation_set_prefix (self, from->prefix);
  mg_annotation_set_suffix (self, from->suffix);
  mg_annotation_set_tags (self, (const char * const *) from->tags);
  mg_annotation_set_note (self, from->note);
  mg_annotation_set_starred (self, from->starred);
  mg_annotation_set_author (self, from->author);
  mg_annotation_set_contributors (self, (const char * const *) from->contributors);
  mg_annotation_set_created (self, from->created);
  mg_annotation_set_modified (self, from->modified);
  mg_annotation_set_anchor_state (self, from->anchor_state);
  mg_annotation_set_anchor_score (self, from->anchor_score);
  mg_annotation_set_paragraph (self, from->paragraph);
  mg_annotation_set_sentence (self, from->sentence);
  if (!mg_json_object_equal0 (self->extra, from->extra))
    {
      g_clear_pointer (&self->extra, json_object_unref);
      self->extra = mg_json_object_deep_copy (from->extra);
    }
  g_object_thaw_notify (G_OBJECT (self));
}

gboolean
mg_annotation_equal (MgAnnotation *a,
                     MgAnnotation *b)
{
  g_return_val_if_fail (MG_IS_ANNOTATION (a), FALSE);
  g_return_val_if_fail (MG_IS_ANNOTATION (b), FALSE);

  if (a == b)
    return TRUE;

  return strcmp (a->id, b->id) == 0 &&
         a->start == b->start &&
         a->end == b->end &&
         strcmp (a->quote, b->quote) == 0 &&
         strcmp (a->prefix, b->prefix) == 0 &&
         strcmp (a->suffix, b->suffix) == 0 &&
         strv_equal0 ((const char * const *) a->tags, (const char * const *) b->tags) &&
         strcmp (a->note, b->note) == 0 &&
         a->starred == b->starred &&
         strcmp (a->author, b->author) == 0 &&
         strv_equal0 ((const char * const *) a->contributors,
                      (const char * const *) b->contributors) &&
         g_strcmp0 (a->created, b->created) == 0 &&
         g_strcmp0 (a->modified, b->modified) == 0 &&
         a->anchor_state == b->anchor_state &&
         a->anchor_score == b->anchor_score &&
         a->paragraph == b->paragraph &&
         a->sentence == b->sentence &&
         mg_json_object_equal0 (a->extra, b->extra);
}

int
mg_annotation_compare (MgAnnotation *a,
                       MgAnnotation *b)
{
  g_return_val_if_fail (MG_IS_ANNOTATION (a), 0);
  g_return_val_if_fail (MG_IS_ANNOTATION (b), 0);

  if (a->start != b->start)
    return a->start < b->start ? -1 : 1;
  if (a->end != b->end)
    return a->end < b->end ? -1 : 1;
  return strcmp (a->id, b->id);
}
