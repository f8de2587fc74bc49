/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Marginalia"
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "mg-tag-set.h"

struct _MgTagSet
{
  GObject     parent_instance;

  GPtrArray  *tags;    /* of MgTag, owned, in display order */
  GHashTable *by_id;   /* id → MgTag, borrowed */
};

static void mg_tag_set_list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (MgTagSet, mg_tag_set, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      mg_tag_set_list_model_iface_init))

G_DEFINE_QUARK (mg-tag-set-error-quark, mg_tag_set_error)

enum {
  PROP_0,
  PROP_N_ITEMS,
  N_PROPS
};

enum {
  TAG_CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* GNOME palette colours for new tags, after the three defaults. Each reads
 * as a highlight on light and dark backgrounds. */
static const char * const palette[] = {
  "#9141ac", "#c64600", "#1c71d8", "#26a269", "#e5a50a", "#865e3c",
  "#c01c28", "#613583", "#63452c", "#62a0ea", "#57e389", "#f5c211",
  "#ff7800", "#dc8add", "#ed333b", "#1a5fb4",
};

static GType
mg_tag_set_get_item_type (GListModel *model)
{
  return MG_TYPE_TAG;
}

static guint
mg_tag_set_get_n_items (GListModel *model)
{
  return MG_TAG_SET (model)->tags->len;
}

static gpointer
mg_tag_set_get_item (GListModel *model,
                     guint       position)
{
  MgTagSet *self = MG_TAG_SET (model);

  if (position >= self->tags->len)
    return NULL;
  return g_object_ref (g_ptr_array_index (self->tags, position));
}

static void
mg_tag_set_list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = mg_tag_set_get_item_type;
  iface->get_n_items = mg_tag_set_get_n_items;
  iface->get_item = mg_tag_set_get_item;
}

static void
on_tag_notify (MgTag      *tag,
               GParamSpec *pspec,
               MgTagSet   *self)
{
  /* Always notified with "name": one change, one signal. */
  if (strcmp (pspec->name, "display-name") == 0)
    return;
  g_signal_emit (self, signals[TAG_CHANGED], 0, tag);
}

static void
release_tag (MgTagSet *self,
             MgTag    *tag)
{
  g_signal_handlers_disconnect_by_func (tag, on_tag_notify, self);
  g_object_unref (tag);
}

static void
mg_tag_set_dispose (GObject *object)
{
  MgTagSet *self = MG_TAG_SET (object);

  g_hash_table_remove_all (self->by_id);
  for (guint i = 0; i < self->tags->len; i++)
    release_tag (self, g_ptr_array_index (self->tags, i));
  g_ptr_array_set_size (self->tags, 0);

  G_OBJECT_CLASS (mg_tag_set_parent_class)->dispose (object);
}

static void
mg_tag_set_finalize (GObject *object)
{
  MgTagSet *self = MG_TAG_SET (object);

  g_clear_pointer (&self->by_id, g_hash_table_unref);
  g_clear_pointer (&self->tags, g_ptr_array_unref);

  G_OBJECT_CLASS (mg_tag_set_parent_class)->finalize (object);
}

static void
mg_tag_set_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  MgTagSet *self = MG_TAG_SET (object);

  switch (prop_id)
    {
    case PROP_N_ITEMS:
      g_value_set_uint (value, self->tags->len);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mg_tag_set_class_init (MgTagSetClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = mg_tag_set_dispose;
  object_class->finalize = mg_tag_set_finalize;
  object_class->get_property = mg_tag_set_get_property;

  properties[PROP_N_ITEMS] =
    g_param_spec_uint ("n-items", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY |
                       G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[TAG_CHANGED] =
    g_signal_new ("tag-changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, MG_TYPE_TAG);
}

static void
mg_tag_set_init (MgTagSet *self)
{
  self->tags = g_ptr_array_new ();
  self->by_id = g_hash_table_new (g_str_hash, g_str_equal);
}

MgTagSet *
mg_tag_set_new (void)
{
  return g_object_new (MG_TYPE_TAG_SET, NULL);
}

MgTagSet *
mg_tag_set_new_default (void)
{
  static const struct {
    const char *id;
    const char *color;
  } defaults[] = {
    { MG_TAG_ID_POLICY_GOAL, "#3584e4" },
    { MG_TAG_ID_FIGURE,      "#2ec27e" },
    { MG_TAG_ID_SLOGAN,      "#e66100" },
  };
  MgTagSet *self = mg_tag_set_new ();

  for (guint i = 0; i < G_N_ELEMENTS (defaults); i++)
    {
      g_autoptr(MgTag) tag = mg_tag_new (defaults[i].id,
                                         _(mg_tag_builtin_name (defaults[i].id)),
                                         defaults[i].color, "");
      gboolean ok = mg_tag_set_insert (self, -1, tag, NULL);

      g_assert (ok);
    }
  return self;
}

guint
mg_tag_set_get_n_tags (MgTagSet *self)
{
  g_return_val_if_fail (MG_IS_TAG_SET (self), 0);
  return self->tags->len;
}

MgTag *
mg_tag_set_get_tag (MgTagSet *self,
                    guint     position)
{
  g_return_val_if_fail (MG_IS_TAG_SET (self), NULL);
  g_return_val_if_fail (position < self->tags->len, NULL);

  return g_ptr_array_index (self->tags, position);
}

MgTag *
mg_tag_set_lookup (MgTagSet   *self,
                   const char *id)
{
  g_return_val_if_fail (MG_IS_TAG_SET (self), NULL);

  if (id == NULL)
    return NULL;
  return g_hash_table_lookup (self->by_id, id);
}

int
mg_tag_set_index_of (MgTagSet   *self,
                     const char *id)
{
  MgTag *tag;
  guint index;

  g_return_val_if_fail (MG_IS_TAG_SET (self), -1);

  tag = mg_tag_set_lookup (self, id);
  if (tag == NULL || !g_ptr_array_find (self->tags, tag, &index))
    return -1;
  return (int) index;
}

gboolean
mg_tag_set_insert (MgTagSet  *self,
                   int        position,
                   MgTag     *tag,
                   GError   **error)
{
  const char *id;

  g_return_val_if_fail (MG_IS_TAG_SET (self), FALSE);
  g_return_val_if_fail (MG_IS_TAG (tag), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  id = mg_tag_get_id (tag);
  if (!mg_tag_id_is_valid (id))
    {
      g_set_error (error, MG_TAG_SET_ERROR, MG_TAG_SET_ERROR_INVALID_ID,
                   _("“%s” is not a valid tag id: use 1 to 64 lowercase "
                     "letters, digits and hyphens, not starting with a hyphen"),
                   id);
      return FALSE;
    }
  if (!mg_tag_color_is_valid (mg_tag_get_color (tag)))
    {
      g_set_error (error, MG_TAG_SET_ERROR, MG_TAG_SET_ERROR_INVALID_COLOR,
                   _("“%s” is not a valid color for tag “%s”: use #rrggbb"),
                   mg_tag_get_color (tag), id);
      return FALSE;
    }
  if (g_hash_table_contains (self->by_id, id))
    {
      g_set_error (error, MG_TAG_SET_ERROR, MG_TAG_SET_ERROR_DUPLICATE,
                   _("There is already a tag with the id “%s”"), id);
      return FALSE;
    }

  if (position < 0 || (guint) position > self->tags->len)
    position = self->tags->len;

  g_ptr_array_insert (self->tags, position, g_object_ref (tag));
  g_hash_table_insert (self->by_id, (gpointer) id, tag);
  g_signal_connect (tag, "notify", G_CALLBACK (on_tag_notify), self);

  g_list_model_items_changed (G_LIST_MODEL (self), position, 0, 1);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
  return TRUE;
}

gboolean
mg_tag_set_remove (MgTagSet   *self,
                   const char *id)
{
  MgTag *tag;
  guint index;

  g_return_val_if_fail (MG_IS_TAG_SET (self), FALSE);

  tag = mg_tag_set_lookup (self, id);
  if (tag == NULL || !g_ptr_array_find (self->tags, tag, &index))
    return FALSE;

  g_hash_table_remove (self->by_id, mg_tag_get_id (tag));
  g_ptr_array_remove_index (self->tags, index);
  g_list_model_items_changed (G_LIST_MODEL (self), index, 1, 0);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
  release_tag (self, tag);
  return TRUE;
}

gboolean
mg_tag_set_move (MgTagSet   *self,
                 const char *id,
                 guint       position)
{
  MgTag *tag;
  guint index;

  g_return_val_if_fail (MG_IS_TAG_SET (self), FALSE);

  tag = mg_tag_set_lookup (self, id);
  if (tag == NULL || !g_ptr_array_find (self->tags, tag, &index))
    return FALSE;
  position = MIN (position, self->tags->len - 1);
  if (position == index)
    return TRUE;

  g_ptr_array_steal_index (self->tags, index);
  g_ptr_array_insert (self->tags, position, tag);
  g_list_model_items_changed (G_LIST_MODEL (self), MIN (index, position),
                              ABS ((int) index - (int) position) + 1,
                              ABS ((int) index - (int) position) + 1);
  return TRUE;
}

char *
mg_tag_set_make_id (MgTagSet   *self,
                    const char *name)
{
  g_autofree char *base = NULL;
  char *id;

  g_return_val_if_fail (MG_IS_TAG_SET (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  base = mg_tag_id_from_name (name);
  id = g_strdup (base);
  for (guint n = 2; g_hash_table_contains (self->by_id, id); n++)
    {
      g_autofree char *suffix = g_strdup_printf ("-%u", n);

      g_free (id);
      /* Still a valid id: the base shortened to leave room for the suffix. */
      id = g_strdup_printf ("%.*s%s", (int) MIN (strlen (base), 64 - strlen (suffix)),
                            base, suffix);
    }
  return id;
}

static gboolean
color_in_use (MgTagSet   *self,
              const char *color)
{
  for (guint i = 0; i < self->tags->len; i++)
    if (g_ascii_strcasecmp (mg_tag_get_color (g_ptr_array_index (self->tags, i)), color) == 0)
      return TRUE;
  return FALSE;
}

const char * const *
mg_tag_set_get_palette (guint *n_colors)
{
  if (n_colors != NULL)
    *n_colors = G_N_ELEMENTS (palette);
  return palette;
}

const char *
mg_tag_set_suggest_color (MgTagSet *self)
{
  g_return_val_if_fail (MG_IS_TAG_SET (self), NULL);

  for (guint i = 0; i < G_N_ELEMENTS (palette); i++)
    if (!color_in_use (self, palette[i]))
      return palette[i];
  /* Every colour taken: cycle, so neighbours in the list still differ. */
  return palette[self->tags->len % G_N_ELEMENTS (palette)];
}
