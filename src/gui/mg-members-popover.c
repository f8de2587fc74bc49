/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Marginalia"
#include "config.h"

#include "mg-layer-row.h"
#include "mg-members-popover.h"

struct _MgMembersPopover
{
  GtkPopover  parent_instance;

  GtkListBox *list;
  GtkBox     *legend_box;

  MgStudy    *study;   /* not owned: the study outlives its popover */
};

G_DEFINE_FINAL_TYPE (MgMembersPopover, mg_members_popover, GTK_TYPE_POPOVER)

static void
row_remove (MgLayerRow       *row,
            MgMembersPopover *self)
{
  mg_study_remove_layer (self->study, mg_layer_row_get_layer (row));
}

static GtkWidget *
create_row (gpointer item,
            gpointer data)
{
  MgMembersPopover *self = data;
  GtkWidget *row = mg_layer_row_new (item, mg_study_get_layer_color (self->study, item));

  g_signal_connect_object (row, "remove", G_CALLBACK (row_remove), self, 0);
  return row;
}

static void
mg_members_popover_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), MG_TYPE_MEMBERS_POPOVER);

  G_OBJECT_CLASS (mg_members_popover_parent_class)->dispose (object);
}

static void
mg_members_popover_class_init (MgMembersPopoverClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mg_members_popover_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/marginalia/Marginalia/mg-members-popover.ui");
  gtk_widget_class_bind_template_child (widget_class, MgMembersPopover, list);
  gtk_widget_class_bind_template_child (widget_class, MgMembersPopover, legend_box);
}

static void
mg_members_popover_init (MgMembersPopover *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
mg_members_popover_new (MgStudy *study)
{
  MgMembersPopover *self;

  g_return_val_if_fail (MG_IS_STUDY (study), NULL);

  self = g_object_new (MG_TYPE_MEMBERS_POPOVER, NULL);
  self->study = study;
  gtk_list_box_bind_model (self->list, mg_study_get_layers (study), create_row, self, NULL);
  return GTK_WIDGET (self);
}

GtkWidget *
mg_members_popover_get_list (MgMembersPopover *self)
{
  g_return_val_if_fail (MG_IS_MEMBERS_POPOVER (self), NULL);
  return GTK_WIDGET (self->list);
}

GtkWidget *
mg_members_popover_get_legend_box (MgMembersPopover *self)
{
  g_return_val_if_fail (MG_IS_MEMBERS_POPOVER (self), NULL);

  return GTK_WIDGET (self->legend_box);
}
