/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Marginalia"
#include "config.h"

#include <glib/gi18n.h>

#include "mg-layer-row.h"

struct _MgLayerRow
{
  AdwActionRow  parent_instance;

  GtkLabel     *swatch;
  GtkSwitch    *visible_switch;

  MgLayer      *layer;
};

G_DEFINE_FINAL_TYPE (MgLayerRow, mg_layer_row, ADW_TYPE_ACTION_ROW)

enum {
  REMOVE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
remove_clicked (MgLayerRow *self)
{
  g_signal_emit (self, signals[REMOVE], 0);
}

static void
mg_layer_row_dispose (GObject *object)
{
  MgLayerRow *self = MG_LAYER_ROW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), MG_TYPE_LAYER_ROW);
  g_clear_object (&self->layer);

  G_OBJECT_CLASS (mg_layer_row_parent_class)->dispose (object);
}

static void
mg_layer_row_class_init (MgLayerRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mg_layer_row_dispose;

  /* The remove button was clicked. */
  signals[REMOVE] = g_signal_new ("remove", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/marginalia/Marginalia/mg-layer-row.ui");
  gtk_widget_class_bind_template_child (widget_class, MgLayerRow, swatch);
  gtk_widget_class_bind_template_child (widget_class, MgLayerRow, visible_switch);
  gtk_widget_class_bind_template_callback (widget_class, remove_clicked);
}

static void
mg_layer_row_init (MgLayerRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
mg_layer_row_new (MgLayer    *layer,
                  const char *color)
{
  MgLayerRow *self;
  g_autofree char *markup = NULL;
  g_autofree char *file_name = NULL;
  g_autofree char *subtitle = NULL;

  g_return_val_if_fail (MG_IS_LAYER (layer), NULL);

  self = g_object_new (MG_TYPE_LAYER_ROW, NULL);
  self->layer = g_object_ref (layer);

  markup = g_markup_printf_escaped ("<span foreground=\"%s\" size=\"x-large\">●</span>", color);
  gtk_label_set_markup (self->swatch, markup);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self), mg_layer_get_author (layer));
  file_name = g_file_get_basename (mg_layer_get_file (layer));
  subtitle = mg_layer_get_reanchored (layer)
    ? g_strdup_printf (_("%s · re-anchored on this speech"), file_name)
    : g_strdup (file_name);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self), subtitle);
  g_object_bind_property (layer, "visible", self->visible_switch, "active",
                          G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
  return GTK_WIDGET (self);
}

MgLayer *
mg_layer_row_get_layer (MgLayerRow *self)
{
  g_return_val_if_fail (MG_IS_LAYER_ROW (self), NULL);
  return self->layer;
}
