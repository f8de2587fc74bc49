/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Marginalia"
#include "config.h"

#include <string.h>

#include "mg-dismissal-private.h"
#include "mg-json.h"

struct _MgDismissal
{
  GObject           parent_instance;

  MgSuggestionKind  kind;
  guint             start;
  guint             end;
  char             *quote;
  JsonObject       *extra;
};

G_DEFINE_FINAL_TYPE (MgDismissal, mg_dismissal, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_KIND,
  PROP_START,
  PROP_END,
  PROP_QUOTE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
mg_dismissal_finalize (GObject *object)
{
  MgDismissal *self = MG_DISMISSAL (object);

  g_free (self->quote);
  g_clear_pointer (&self->extra, json_object_unref);

  G_OBJECT_CLASS (mg_dismissal_parent_class)->finalize (object);
}

static void
mg_dismissal_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  MgDismissal *self = MG_DISMISSAL (object);

  switch (prop_id)
    {
    case PROP_KIND:
      g_value_set_enum (value, self->kind);
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
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mg_dismissal_class_init (MgDismissalClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->finalize = mg_dismissal_finalize;
  object_class->get_property = mg_dismissal_get_property;

  properties[PROP_KIND] =
    g_param_spec_enum ("kind", NULL, NULL, MG_TYPE_SUGGESTION_KIND, MG_SUGGESTION_FIGURE, flags);
  properties[PROP_START] =
    g_param_spec_uint ("start", NULL, NULL, 0, G_MAXUINT, 0, flags);
  properties[PROP_END] =
    g_param_spec_uint ("end", NULL, NULL, 0, G_MAXUINT, 0, flags);
  properties[PROP_QUOTE] =
    g_param_spec_string ("quote", NULL, NULL, "", flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
mg_dismissal_init (MgDismissal *self)
{
}

MgDismissal *
mg_dismissal_new (MgSuggestionKind  kind,
                  guint             start,
                  guint             end,
                  const char       *quote)
{
  MgDismissal *self;

  g_return_val_if_fail ((guint) kind < MG_SUGGESTION_N_KINDS, NULL);

  self = g_object_new (MG_TYPE_DISMISSAL, NULL);
  self->kind = kind;
  self->start = start;
  self->end = MAX (start, end);
  self->quote = g_strdup (quote != NULL ? quote : "");
  return self;
}

MgDismissal *
mg_dismissal_new_moved (MgDismissal *self,
                        guint        start,
                        guint        end,
                        const char  *quote)
{
  MgDismissal *moved;

  g_return_val_if_fail (MG_IS_DISMISSAL (self), NULL);

  moved = mg_dismissal_new (self->kind, start, end, quote);
  moved->extra = mg_json_object_deep_copy (self->extra);
  return moved;
}

MgSuggestionKind
mg_dismissal_get_kind (MgDismissal *self)
{
  g_return_val_if_fail (MG_IS_DISMISSAL (self), MG_SUGGESTION_FIGURE);
  return self->kind;
}

guint
mg_dismissal_get_start (MgDismissal *self)
{
  g_return_val_if_fail (MG_IS_DISMISSAL (self), 0);
  return self->start;
}

guint
mg_dismissal_get_end (MgDismissal *self)
{
  g_return_val_if_fail (MG_IS_DISMISSAL (self), 0);
  return self->end;
}

const char *
mg_dismissal_get_quote (MgDismissal *self)
{
  g_return_val_if_fail (MG_IS_DISMISSAL (self), NULL);
  return self->quote;
}

gboolean
mg_dismissal_matches (MgDismissal  *self,
                      MgSuggestion *suggestion)
{
  g_return_val_if_fail (MG_IS_DISMISSAL (self), FALSE);
  g_return_val_if_fail (MG_IS_SUGGESTION (suggestion), FALSE);

  return self->kind == mg_suggestion_get_kind (suggestion)
    && self->start == mg_suggestion_get_start (suggestion)
    && self->end == mg_suggestion_get_end (suggestion);
}

gboolean
mg_dismissal_equal (MgDismissal *a,
                    MgDismissal *b)
{
  g_return_val_if_fail (MG_IS_DISMISSAL (a), FALSE);
  g_return_val_if_fail (MG_IS_DISMISSAL (b), FALSE);

  return a->kind == b->kind && a->start == b->start && a->end == b->end
    && strcmp (a->quote, b->quote) == 0
    && mg_json_object_equal0 (a->extra, b->extra);
}

int
mg_dismissal_compare_key (MgDismissal      *a,
                          MgSuggestionKind  kind,
                          guint             start,
                          guint             end)
{
  g_return_val_if_fail (MG_IS_DISMISSAL (a), 0);

  if (a->start != start)
    return a->start < start ? -1 : 1;
  if (a->end != end)
    return a->end < end ? -1 : 1;
  return strcmp (mg_suggestion_kind_to_string (a->kind), mg_suggestion_kind_to_string (kind));
}

int
mg_dismissal_compare (MgDismissal *a,
                      MgDismissal *b)
{
  g_return_val_if_fail (MG_IS_DISMISSAL (b), 0);
  return mg_dismissal_compare_key (a, b->kind, b->start, b->end);
}

JsonObject *
_mg_dismissal_get_extra (MgDismissal *self)
{
  g_return_val_if_fail (MG_IS_DISMISSAL (self), NULL);
  return self->extra;
}

/* Takes a reference on @extra. */
void
_mg_dismissal_set_extra (MgDismissal *self,
                         JsonObject  *extra)
{
  g_return_if_fail (MG_IS_DISMISSAL (self));

  if (extra != NULL)
    json_object_ref (extra);
  g_clear_pointer (&self->extra, json_object_unref);
  self->extra = extra;
}
