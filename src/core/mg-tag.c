/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Marginalia"
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "mg-checksum.h"
#include "mg-json.h"
#include "mg-tag-private.h"
#include "mg-tag-names.h"

/* The built-in tags' names, in the untranslated form gettext looks up. */
static const struct {
  const char *id;
  const char *name;
} builtin_names[] = {
  { MG_TAG_ID_POLICY_GOAL, N_("Policy goal") },
  { MG_TAG_ID_FIGURE,      N_("Figure") },
  { MG_TAG_ID_SLOGAN,      N_("Slogan") },
};

/* The colour a tag gets when none is given. */
#define DEFAULT_COLOR "#9141ac"

struct _MgTag
{
  GObject     parent_instance;

  char       *id;
  char       *name;
  char       *color;
  char       *description;
  GStrv       lexicon;      /* sorted, no duplicates, no empty phrase; NULL when empty */
  JsonObject *extra;
};

G_DEFINE_FINAL_TYPE (MgTag, mg_tag, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_NAME,
  PROP_COLOR,
  PROP_DESCRIPTION,
  PROP_DISPLAY_NAME,
  PROP_LEXICON,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static gboolean
replace_string (char       **field,
                const char  *value)
{
  if (value == NULL)
    value = "";
  if (g_strcmp0 (*field, value) == 0)
    return FALSE;
  g_free (*field);
  *field = g_strdup (value);
  return TRUE;
}

static void
mg_tag_finalize (GObject *object)
{
  MgTag *self = MG_TAG (object);

  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->color, g_free);
  g_clear_pointer (&self->description, g_free);
  g_clear_pointer (&self->lexicon, g_strfreev);
  g_clear_pointer (&self->extra, json_object_unref);

  G_OBJECT_CLASS (mg_tag_parent_class)->finalize (object);
}

static void
mg_tag_get_property (GObject    *object,
                     guint       prop_id,
                     GValue     *value,
                     GParamSpec *pspec)
{
  MgTag *self = MG_TAG (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_COLOR:
      g_value_set_string (value, self->color);
      break;
    case PROP_DESCRIPTION:
      g_value_set_string (value, self->description);
      break;
    case PROP_DISPLAY_NAME:
      g_value_set_string (value, mg_tag_get_display_name (self));
      break;
    case PROP_LEXICON:
      g_value_set_boxed (value, self->lexicon);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mg_tag_set_property (GObject      *object,
                     guint         prop_id,
                     const GValue *value,
                     GParamSpec   *pspec)
{
  MgTag *self = MG_TAG (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_free (self->id);
      self->id = g_value_dup_string (value);
      if (self->id == NULL)
        self->id = g_strdup ("");
      break;
    case PROP_NAME:
      mg_tag_set_name (self, g_value_get_string (value));
      break;
    case PROP_COLOR:
      mg_tag_set_color (self, g_value_get_string (value));
      break;
    case PROP_DESCRIPTION:
      mg_tag_set_description (self, g_value_get_string (value));
      break;
    case PROP_LEXICON:
      mg_tag_set_lexicon (self, g_value_get_boxed (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mg_tag_class_init (MgTagClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = mg_tag_finalize;
  object_class->get_property = mg_tag_get_property;
  object_class->set_property = mg_tag_set_property;

  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                         G_PARAM_STATIC_STRINGS);
  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, "",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY |
                         G_PARAM_STATIC_STRINGS);
  properties[PROP_COLOR] =
    g_param_spec_string ("color", NULL, NULL, DEFAULT_COLOR,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY |
                         G_PARAM_STATIC_STRINGS);
  properties[PROP_DESCRIPTION] =
    g_param_spec_string ("description", NULL, NULL, "",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY |
                         G_PARAM_STATIC_STRINGS);
  /* The name as shown: see mg_tag_get_display_name(). */
  properties[PROP_DISPLAY_NAME] =
    g_param_spec_string ("display-name", NULL, NULL, "",
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY |
                         G_PARAM_STATIC_STRINGS);

  properties[PROP_LEXICON] =
    g_param_spec_boxed ("lexicon", NULL, NULL, G_TYPE_STRV,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY |
                        G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
mg_tag_init (MgTag *self)
{
  self->id = g_strdup ("");
  self->name = g_strdup ("");
  self->color = g_strdup (DEFAULT_COLOR);
  self->description = g_strdup ("");
}

/* @color NULL gives a default colour; @name and @description NULL give "".
 * Nothing is validated here: MgTagSet refuses invalid ids and colours. */
MgTag *
mg_tag_new (const char *id,
            const char *name,
            const char *color,
            const char *description)
{
  g_return_val_if_fail (id != NULL, NULL);

  return g_object_new (MG_TYPE_TAG,
                       "id", id,
                       "name", name,
                       "color", color != NULL ? color : DEFAULT_COLOR,
                       "description", description,
                       NULL);
}

MgTag *
mg_tag_copy (MgTag *self)
{
  MgTag *copy;

  g_return_val_if_fail (MG_IS_TAG (self), NULL);

  copy = mg_tag_new (self->id, self->name, self->color, self->description);
  copy->lexicon = g_strdupv (self->lexicon);
  copy->extra = mg_json_object_deep_copy (self->extra);
  return copy;
}

void
mg_tag_assign (MgTag *self,
               MgTag *from)
{
  g_return_if_fail (MG_IS_TAG (self));
  g_return_if_fail (MG_IS_TAG (from));

  g_object_freeze_notify (G_OBJECT (self));
  mg_tag_set_name (self, from->name);
  mg_tag_set_color (self, from->color);
  mg_tag_set_description (self, from->description);
  mg_tag_set_lexicon (self, (const char * const *) from->lexicon);
  g_object_thaw_notify (G_OBJECT (self));
}

const char *
mg_tag_get_id (MgTag *self)
{
  g_return_val_if_fail (MG_IS_TAG (self), NULL);
  return self->id;
}

const char *
mg_tag_get_name (MgTag *self)
{
  g_return_val_if_fail (MG_IS_TAG (self), NULL);
  return self->name;
}

void
mg_tag_set_name (MgTag      *self,
                 const char *name)
{
  g_return_if_fail (MG_IS_TAG (self));

  if (replace_string (&self->name, name))
    {
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NAME]);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DISPLAY_NAME]);
    }
}

const char *
mg_tag_builtin_name (const char *id)
{
  for (guint i = 0; id != NULL && i < G_N_ELEMENTS (builtin_names); i++)
    if (strcmp (builtin_names[i].id, id) == 0)
      return builtin_names[i].name;
  return NULL;
}

gboolean
mg_tag_is_builtin_name (const char *id,
                        const char *name)
{
  const char *builtin = mg_tag_builtin_name (id);

  for (guint i = 0; builtin != NULL && name != NULL &&
                    i < G_N_ELEMENTS (mg_tag_builtin_translations); i++)
    if (strcmp (mg_tag_builtin_translations[i][0], builtin) == 0 &&
        strcmp (mg_tag_builtin_translations[i][1], name) == 0)
      return TRUE;
  return FALSE;
}

/* docs/sidecar-format.md, "Built-in tags": the built-in name of the
 * reader's language while the name is still a built-in one in any language
 * shipped (the table is generated from po/ at build time). */
const char *
mg_tag_get_display_name (MgTag *self)
{
  g_return_val_if_fail (MG_IS_TAG (self), NULL);

  if (mg_tag_is_builtin_name (self->id, self->name))
    return _(mg_tag_builtin_name (self->id));
  return self->name;
}

const char *
mg_tag_get_color (MgTag *self)
{
  g_return_val_if_fail (MG_IS_TAG (self), NULL);
  return self->color;
}

void
mg_tag_set_color (MgTag      *self,
                  const char *color)
{
  g_return_if_fail (MG_IS_TAG (self));

  if (color == NULL)
    color = DEFAULT_COLOR;
  if (replace_string (&self->color, color))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COLOR]);
}

const char *
mg_tag_get_description (MgTag *self)
{
  g_return_val_if_fail (MG_IS_TAG (self), NULL);
  return self->description;
}

void
mg_tag_set_description (MgTag      *self,
                        const char *description)
{
  g_return_if_fail (MG_IS_TAG (self));

  if (replace_string (&self->description, description))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DESCRIPTION]);
}

char *
mg_tag_id_from_name (const char *value)
{
  g_autofree char *ascii = NULL;
  GString *slug = g_string_new (NULL);
  gboolean lost = FALSE;

  g_return_val_if_fail (value != NULL, NULL);

  ascii = g_str_to_ascii (value, "C");
  for (const char *p = ascii; *p != '\0'; p++)
    {
      if (g_ascii_isalnum (*p))
        g_string_append_c (slug, g_ascii_tolower (*p));
      else
        {
          if (*p == '?' && strchr (value, '?') == NULL)
            lost = TRUE;
          if (slug->len > 0 && slug->str[slug->len - 1] != '-')
            g_string_append_c (slug, '-');
        }
    }
  if (slug->len > 64)
    g_string_truncate (slug, 64);
  while (slug->len > 0 && slug->str[slug->len - 1] == '-')
    g_string_truncate (slug, slug->len - 1);

  if (lost || slug->len == 0)
    {
      g_autofree char *hash = mg_sha256_hex (value, strlen (value));

      g_string_free (slug, TRUE);
      return g_strdup_printf ("tag-%.8s", hash);
    }
  return g_string_free (slug, FALSE);
}

static int
compare_phrases (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

GStrv
mg_tag_lexicon_normalize (const char * const *phrases)
{
  g_autoptr(GPtrArray) sorted = g_ptr_array_new ();
  GStrvBuilder *builder;
  GStrv lexicon;

  for (guint i = 0; phrases != NULL && phrases[i] != NULL; i++)
    if (phrases[i][0] != '\0')
      g_ptr_array_add (sorted, (gpointer) phrases[i]);
  if (sorted->len == 0)
    return NULL;
  g_ptr_array_sort (sorted, compare_phrases);

  builder = g_strv_builder_new ();
  for (guint i = 0; i < sorted->len; i++)
    if (i == 0 || strcmp (g_ptr_array_index (sorted, i - 1), g_ptr_array_index (sorted, i)) != 0)
      g_strv_builder_add (builder, g_ptr_array_index (sorted, i));
  lexicon = g_strv_builder_end (builder);
  g_strv_builder_unref (builder);
  return lexicon;
}

const char * const *
mg_tag_get_lexicon (MgTag *self)
{
  static const char * const empty[] = { NULL };

  g_return_val_if_fail (MG_IS_TAG (self), NULL);
  return self->lexicon != NULL ? (const char * const *) self->lexicon : empty;
}

void
mg_tag_set_lexicon (MgTag              *self,
                    const char * const *phrases)
{
  g_auto(GStrv) lexicon = NULL;

  g_return_if_fail (MG_IS_TAG (self));

  lexicon = mg_tag_lexicon_normalize (phrases);
  if (lexicon == NULL && self->lexicon == NULL)
    return;
  if (lexicon != NULL && self->lexicon != NULL
      && g_strv_equal ((const char * const *) lexicon, (const char * const *) self->lexicon))
    return;
  g_strfreev (self->lexicon);
  self->lexicon = g_steal_pointer (&lexicon);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LEXICON]);
}

gboolean
mg_tag_has_lexicon (MgTag *self)
{
  g_return_val_if_fail (MG_IS_TAG (self), FALSE);
  return self->lexicon != NULL;
}

gboolean
mg_tag_is_default (MgTag *self)
{
  g_return_val_if_fail (MG_IS_TAG (self), FALSE);

  return mg_tag_builtin_name (self->id) != NULL;
}

JsonObject *
_mg_tag_get_extra (MgTag *self)
{
  g_return_val_if_fail (MG_IS_TAG (self), NULL);
  return self->extra;
}

/* Takes a reference on @extra. */
void
_mg_tag_set_extra (MgTag      *self,
                   JsonObject *extra)
{
  g_return_if_fail (MG_IS_TAG (self));

  if (extra == self->extra)
    return;
  if (extra != NULL)
    json_object_ref (extra);
  g_clear_pointer (&self->extra, json_object_unref);
  self->extra = extra;
}

gboolean
mg_tag_id_is_valid (const char *id)
{
  gsize len;

  if (id == NULL)
    return FALSE;
  len = strlen (id);
  if (len < 1 || len > 64)
    return FALSE;
  for (gsize i = 0; i < len; i++)
    {
      char c = id[i];
      gboolean ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                    (c == '-' && i > 0);
      if (!ok)
        return FALSE;
    }
  return TRUE;
}

gboolean
mg_tag_color_is_valid (const char *color)
{
  if (color == NULL || color[0] != '#' || strlen (color) != 7)
    return FALSE;
  for (guint i = 1; i < 7; i++)
    if (!g_ascii_isxdigit (color[i]))
      return FALSE;
  return TRUE;
}
