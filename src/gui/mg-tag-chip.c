/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Marginalia"

#include "config.h"

#include "mg-tag-chip.h"

#define DOT_SIZE   8.0
#define DOT_INSET  6.0

struct _MgTagChip
{
  GtkWidget  parent_instance;

  MgTag     *tag;
  GtkWidget *name_label;
  GtkWidget *count_label;
  GdkRGBA    color;
  int        count;
};

G_DEFINE_FINAL_TYPE (MgTagChip, mg_tag_chip, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_TAG,
  PROP_COUNT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
mg_tag_chip_update_color (MgTagChip *self)
{
  const char *color = self->tag != NULL ? mg_tag_get_color (self->tag) : NULL;

  if (color == NULL || !gdk_rgba_parse (&self->color, color))
    gdk_rgba_parse (&self->color, "#9a9996");
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
mg_tag_chip_update_name (MgTagChip *self)
{
  const char *name = self->tag != NULL ? mg_tag_get_display_name (self->tag) : "";

  gtk_label_set_label (GTK_LABEL (self->name_label), name);
}

static void
mg_tag_chip_update_count (MgTagChip *self)
{
  g_autofree char *text = NULL;

  if (self->count < 0)
    {
      gtk_widget_set_visible (self->count_label, FALSE);
      return;
    }

  text = g_strdup_printf ("%d", self->count);
  gtk_label_set_label (GTK_LABEL (self->count_label), text);
  gtk_widget_set_visible (self->count_label, TRUE);
}

static void
tag_notify_cb (MgTagChip  *self,
               GParamSpec *pspec,
               MgTag      *tag)
{
  if (g_strcmp0 (pspec->name, "color") == 0)
    mg_tag_chip_update_color (self);
  else if (g_strcmp0 (pspec->name, "display-name") == 0)
    mg_tag_chip_update_name (self);
}

static void
mg_tag_chip_snapshot (GtkWidget   *widget,
                      GtkSnapshot *snapshot)
{
  MgTagChip *self = MG_TAG_CHIP (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  GskRoundedRect pill;
  GskRoundedRect dot;
  GdkRGBA background = self->color;
  float dot_y = (height - DOT_SIZE) / 2.0f;

  background.alpha = 0.28f;
  gsk_rounded_rect_init_from_rect (&pill,
                                   &GRAPHENE_RECT_INIT (0, 0, width, height),
                                   height / 2.0f);
  gtk_snapshot_push_rounded_clip (snapshot, &pill);
  gtk_snapshot_append_color (snapshot, &background,
                             &GRAPHENE_RECT_INIT (0, 0, width, height));
  gtk_snapshot_pop (snapshot);

  gsk_rounded_rect_init_from_rect (&dot,
                                   &GRAPHENE_RECT_INIT (DOT_INSET, dot_y,
                                                        DOT_SIZE, DOT_SIZE),
                                   DOT_SIZE / 2.0f);
  gtk_snapshot_push_rounded_clip (snapshot, &dot);
  gtk_snapshot_append_color (snapshot, &self->color,
                             &GRAPHENE_RECT_INIT (DOT_INSET, dot_y,
                                                  DOT_SIZE, DOT_SIZE));
  gtk_snapshot_pop (snapshot);

  gtk_widget_snapshot_child (widget, self->name_label, snapshot);
  gtk_widget_snapshot_child (widget, self->count_label, snapshot);
}

static void
mg_tag_chip_dispose (GObject *object)
{
  MgTagChip *self = MG_TAG_CHIP (object);

  mg_tag_chip_set_tag (self, NULL);
  g_clear_pointer (&self->name_label, gtk_widget_unparent);
  g_clear_pointer (&self->count_label, gtk_widget_unparent);

  G_OBJECT_CLASS (mg_tag_chip_parent_class)->dispose (object);
}

static void
mg_tag_chip_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  MgTagChip *self = MG_TAG_CHIP (object);

  switch (prop_id)
    {
    case PROP_TAG:
      g_value_set_object (value, self->tag);
      break;
    case PROP_COUNT:
      g_value_set_int (value, self->count);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mg_tag_chip_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  MgTagChip *self = MG_TAG_CHIP (object);

  switch (prop_id)
    {
    case PROP_TAG:
      mg_tag_chip_set_tag (self, g_value_get_object (value));
      break;
    case PROP_COUNT:
      mg_tag_chip_set_count (self, g_value_get_int (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mg_tag_chip_class_init (MgTagChipClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mg_tag_chip_dispose;
  object_class->get_property = mg_tag_chip_get_property;
  object_class->set_property = mg_tag_chip_set_property;

  widget_class->snapshot = mg_tag_chip_snapshot;

  properties[PROP_TAG] =
    g_param_spec_object ("tag", NULL, NULL,
                         MG_TYPE_TAG,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_COUNT] =
    g_param_spec_int ("count", NULL, NULL,
                      -1, G_MAXINT, -1,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "mg-tag-chip");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
mg_tag_chip_init (MgTagChip *self)
{
  GtkLayoutManager *layout;

  self->count = -1;
  gdk_rgba_parse (&self->color, "#9a9996");

  layout = gtk_widget_get_layout_manager (GTK_WIDGET (self));
  gtk_box_layout_set_spacing (GTK_BOX_LAYOUT (layout), 4);

  self->name_label = g_object_new (GTK_TYPE_LABEL,
                                   "xalign", 0.0f,
                                   "ellipsize", PANGO_ELLIPSIZE_END,
                                   "max-width-chars", 18,
                                   /* Never narrower than its "…": GTK 4.8
                                    * would measure a one-letter name so. */
                                   "width-chars", 2,
                                   "margin-start", (int) (DOT_INSET + DOT_SIZE + 4),
                                   "margin-end", 8,
                                   "margin-top", 1,
                                   "margin-bottom", 1,
                                   NULL);
  gtk_widget_set_parent (self->name_label, GTK_WIDGET (self));

  self->count_label = g_object_new (GTK_TYPE_LABEL,
                                    "visible", FALSE,
                                    "margin-end", 8,
                                    NULL);
  gtk_widget_add_css_class (self->count_label, "numeric");
  gtk_widget_add_css_class (self->count_label, "dim-label");
  gtk_widget_set_parent (self->count_label, GTK_WIDGET (self));

  gtk_widget_add_css_class (GTK_WIDGET (self), "caption");
}

GtkWidget *
mg_tag_chip_new (MgTag *tag)
{
  g_return_val_if_fail (tag == NULL || MG_IS_TAG (tag), NULL);

  return g_object_new (MG_TYPE_TAG_CHIP, "tag", tag, NULL);
}

MgTag *
mg_tag_chip_get_tag (MgTagChip *self)
{
  g_return_val_if_fail (MG_IS_TAG_CHIP (self), NULL);

  return self->tag;
}

void
mg_tag_chip_set_tag (MgTagChip *self,
                     MgTag     *tag)
{
  g_return_if_fail (MG_IS_TAG_CHIP (self));
  g_return_if_fail (tag == NULL || MG_IS_TAG (tag));

  if (self->tag == tag)
    return;

  if (self->tag != NULL)
    g_signal_handlers_disconnect_by_func (self->tag, tag_notify_cb, self);
  g_set_object (&self->tag, tag);
  if (self->tag != NULL)
    g_signal_connect_object (self->tag, "notify",
                             G_CALLBACK (tag_notify_cb), self,
                             G_CONNECT_SWAPPED);

  /* Called from dispose too, when the labels may already be gone. */
  if (self->name_label != NULL)
    {
      mg_tag_chip_update_name (self);
      mg_tag_chip_update_color (self);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TAG]);
    }
}

int
mg_tag_chip_get_count (MgTagChip *self)
{
  g_return_val_if_fail (MG_IS_TAG_CHIP (self), -1);

  return self->count;
}

void
mg_tag_chip_set_count (MgTagChip *self,
                       int        count)
{
  g_return_if_fail (MG_IS_TAG_CHIP (self));

  count = MAX (count, -1);
  if (self->count == count)
    return;

  self->count = count;
  mg_tag_chip_update_count (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COUNT]);
}
