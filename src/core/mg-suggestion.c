/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Marginalia"
#include "config.h"

#include <glib/gi18n-lib.h>

#include "mg-suggestion.h"

struct _MgSuggestion
{
  GObject           parent_instance;

  MgSuggestionKind  kind;
  guint             start;
  guint             end;
  guint             paragraph;
  char             *quote;
  char             *reason;
};

G_DEFINE_FINAL_TYPE (MgSuggestion, mg_suggestion, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_KIND,
  PROP_START,
  PROP_END,
  PROP_PARAGRAPH,
  PROP_QUOTE,
  PROP_REASON,
  PROP_LABEL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char * const kind_ids[MG_SUGGESTION_N_KINDS] = {
  "figure", "slogan", "policy-goal",
};

GType
mg_suggestion_kind_get_type (void)
{
  static gsize type_id = 0;

  if (g_once_init_enter (&type_id))
    {
      static const GEnumValue values[] = {
        { MG_SUGGESTION_FIGURE, "MG_SUGGESTION_FIGURE", "figure" },
        { MG_SUGGESTION_SLOGAN, "MG_SUGGESTION_SLOGAN", "slogan" },
        { MG_SUGGESTION_POLICY_GOAL, "MG_SUGGESTION_POLICY_GOAL", "policy-goal" },
        { 0, NULL, NULL },
      };
      GType type = g_enum_register_static (g_intern_static_string ("MgSuggestionKind"), values);

      g_once_init_leave (&type_id, type);
    }
  return type_id;
}

const char *
mg_suggestion_kind_to_string (MgSuggestionKind kind)
{
  g_return_val_if_fail ((guint) kind < MG_SUGGESTION_N_KINDS, NULL);

  return kind_ids[kind];
}

gboolean
mg_suggestion_kind_from_string (const char       *string,
                                MgSuggestionKind *kind)
{
  for (guint i = 0; i < MG_SUGGESTION_N_KINDS; i++)
    if (g_strcmp0 (string, kind_ids[i]) == 0)
      {
        if (kind != NULL)
          *kind = (MgSuggestionKind) i;
        return TRUE;
      }
  return FALSE;
}

const char *
mg_suggestion_reason_label (const char *reason)
{
  /* The keys the scanners use, with their translations. */
  static const struct { const char *key; const char *label; } labels[] = {
    { "percentage", N_("percentage") },
    { "money", N_("money") },
    { "date", N_("date") },
    { "quantity", N_("quantity") },
    { "number", N_("number") },
    { "quoted phrase", N_("quoted phrase") },
    { "target year", N_("target year") },
    { "commitment", N_("commitment") },
    { "target sentence", N_("target sentence") },
    { "directive", N_("directive") },
    { "paired formula", N_("paired formula") },
    { "numbered formula", N_("numbered formula") },
    { "known formula", N_("known formula") },
    { "lexicon", N_("group lexicon") },
    { "refrain", N_("refrain") },
    { "fraction", N_("fraction") },
  };

  g_return_val_if_fail (reason != NULL, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    if (strcmp (labels[i].key, reason) == 0)
      return _(labels[i].label);
  return reason;
}

static void
mg_suggestion_finalize (GObject *object)
{
  MgSuggestion *self = MG_SUGGESTION (object);

  g_free (self->quote);
  g_free (self->reason);

  G_OBJECT_CLASS (mg_suggestion_parent_class)->finalize (object);
}

static void
mg_suggestion_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  MgSuggestion *self = MG_SUGGESTION (object);

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
    case PROP_PARAGRAPH:
      g_value_set_uint (value, self->paragraph);
      break;
    case PROP_QUOTE:
      g_value_set_string (value, self->quote);
      break;
    case PROP_REASON:
      g_value_set_string (value, self->reason);
      break;
    case PROP_LABEL:
      g_value_set_string (value, mg_suggestion_get_label (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mg_suggestion_class_init (MgSuggestionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = mg_suggestion_finalize;
  object_class->get_property = mg_suggestion_get_property;

  properties[PROP_KIND] =
    g_param_spec_enum ("kind", NULL, NULL, MG_TYPE_SUGGESTION_KIND, MG_SUGGESTION_FIGURE, flags);
  properties[PROP_START] = g_param_spec_uint ("start", NULL, NULL, 0, G_MAXUINT, 0, flags);
  properties[PROP_END] = g_param_spec_uint ("end", NULL, NULL, 0, G_MAXUINT, 0, flags);
  properties[PROP_PARAGRAPH] = g_param_spec_uint ("paragraph", NULL, NULL, 0, G_MAXUINT, 0, flags);
  properties[PROP_QUOTE] = g_param_spec_string ("quote", NULL, NULL, "", flags);
  properties[PROP_REASON] = g_param_spec_string ("reason", NULL, NULL, "", flags);
  properties[PROP_LABEL] = g_param_spec_string ("label", NULL, NULL, "", flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
mg_suggestion_init (MgSuggestion *self)
{
}

MgSuggestion *
mg_suggestion_new (MgSuggestionKind  kind,
                   guint             start,
                   guint             end,
                   guint             paragraph,
                   const char       *quote,
                   const char       *reason)
{
  MgSuggestion *self;

  g_return_val_if_fail ((guint) kind < MG_SUGGESTION_N_KINDS, NULL);
  g_return_val_if_fail (start <= end, NULL);

  self = g_object_new (MG_TYPE_SUGGESTION, NULL);
  self->kind = kind;
  self->start = start;
  self->end = end;
  self->paragraph = paragraph;
  self->quote = g_strdup (quote != NULL ? quote : "");
  self->reason = g_strdup (reason != NULL ? reason : "");
  return self;
}

MgSuggestionKind
mg_suggestion_get_kind (MgSuggestion *self)
{
  g_return_val_if_fail (MG_IS_SUGGESTION (self), MG_SUGGESTION_FIGURE);
  return self->kind;
}

const char *
mg_suggestion_get_tag (MgSuggestion *self)
{
  g_return_val_if_fail (MG_IS_SUGGESTION (self), NULL);
  return kind_ids[self->kind];
}

guint
mg_suggestion_get_start (MgSuggestion *self)
{
  g_return_val_if_fail (MG_IS_SUGGESTION (self), 0);
  return self->start;
}

guint
mg_suggestion_get_end (MgSuggestion *self)
{
  g_return_val_if_fail (MG_IS_SUGGESTION (self), 0);
  return self->end;
}

guint
mg_suggestion_get_paragraph (MgSuggestion *self)
{
  g_return_val_if_fail (MG_IS_SUGGESTION (self), 0);
  return self->paragraph;
}

const char *
mg_suggestion_get_quote (MgSuggestion *self)
{
  g_return_val_if_fail (MG_IS_SUGGESTION (self), NULL);
  return self->quote;
}

const char *
mg_suggestion_get_reason (MgSuggestion *self)
{
  g_return_val_if_fail (MG_IS_SUGGESTION (self), NULL);
  return self->reason;
}

const char *
mg_suggestion_get_label (MgSuggestion *self)
{
  g_return_val_if_fail (MG_IS_SUGGESTION (self), NULL);
  return mg_suggestion_reason_label (self->reason);
}

int
mg_suggestion_compare (MgSuggestion *a,
                       MgSuggestion *b)
{
  if (a->start != b->start)
    return a->start < b->start ? -1 : 1;
  if (a->kind != b->kind)
    return a->kind < b->kind ? -1 : 1;
  if (a->end != b->end)
    return a->end < b->end ? -1 : 1;
  return 0;
}
