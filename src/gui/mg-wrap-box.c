/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "mg-wrap-box.h"

struct _MgWrapBox
{
  GtkWidget parent_instance;

  int       spacing;
  int       line_spacing;
  int       natural_line_length;
  guint     n_lines;
};

G_DEFINE_FINAL_TYPE (MgWrapBox, mg_wrap_box, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_SPACING,
  PROP_LINE_SPACING,
  PROP_NATURAL_LINE_LENGTH,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Lays the children out in @width: each at its natural width (no wider
 * than @width), a new line when it would pass the end. With @allocate,
 * allocates them; returns the height. */
static int
layout (MgWrapBox *self,
        int        width,
        gboolean   allocate)
{
  GtkWidget *line_start = NULL;
  int x = 0, y = 0, line_height = 0;
  guint n_lines = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      int min_width, nat_width, child_width, child_height;

      if (!gtk_widget_should_layout (child))
        continue;
      gtk_widget_measure (child, GTK_ORIENTATION_HORIZONTAL, -1, &min_width, &nat_width, NULL, NULL);
      child_width = MAX (min_width, MIN (nat_width, width));
      gtk_widget_measure (child, GTK_ORIENTATION_VERTICAL, child_width, NULL, &child_height, NULL, NULL);

      if (line_start != NULL && x + child_width > width)
        {
          y += line_height + self->line_spacing;
          x = 0;
          line_height = 0;
          line_start = NULL;
        }
      if (line_start == NULL)
        {
          line_start = child;
          n_lines++;
        }
      if (allocate)
        gtk_widget_size_allocate (child,
                                  &(GtkAllocation) { x, y, child_width, child_height },
                                  -1);
      x += child_width + self->spacing;
      line_height = MAX (line_height, child_height);
    }
  if (allocate)
    self->n_lines = n_lines;
  return n_lines > 0 ? y + line_height : 0;
}

static void
mg_wrap_box_measure (GtkWidget      *widget,
                     GtkOrientation  orientation,
                     int             for_size,
                     int            *minimum,
                     int            *natural,
                     int            *minimum_baseline,
                     int            *natural_baseline)
{
  MgWrapBox *self = MG_WRAP_BOX (widget);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      int min = 0, nat = 0;
      gboolean first = TRUE;

      for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
           child = gtk_widget_get_next_sibling (child))
        {
          int child_min, child_nat;

          if (!gtk_widget_should_layout (child))
            continue;
          gtk_widget_measure (child, GTK_ORIENTATION_HORIZONTAL, -1, &child_min, &child_nat, NULL, NULL);
          min = MAX (min, child_min);
          nat += child_nat + (first ? 0 : self->spacing);
          first = FALSE;
        }
      if (self->natural_line_length >= 0)
        nat = MIN (nat, self->natural_line_length);
      *minimum = min;
      *natural = MAX (min, nat);
    }
  else
    {
      int width = for_size, unused;

      if (width < 0)
        mg_wrap_box_measure (widget, GTK_ORIENTATION_HORIZONTAL, -1, &unused, &width, NULL, NULL);
      *minimum = *natural = layout (self, width, FALSE);
    }
}

static void
mg_wrap_box_size_allocate (GtkWidget *widget,
                           int        width,
                           int        height,
                           int        baseline)
{
  layout (MG_WRAP_BOX (widget), width, TRUE);
}

static GtkSizeRequestMode
mg_wrap_box_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
mg_wrap_box_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  MgWrapBox *self = MG_WRAP_BOX (object);

  switch (prop_id)
    {
    case PROP_SPACING:
      g_value_set_int (value, self->spacing);
      break;
    case PROP_LINE_SPACING:
      g_value_set_int (value, self->line_spacing);
      break;
    case PROP_NATURAL_LINE_LENGTH:
      g_value_set_int (value, self->natural_line_length);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mg_wrap_box_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  MgWrapBox *self = MG_WRAP_BOX (object);
  int *field;

  switch (prop_id)
    {
    case PROP_SPACING:
      field = &self->spacing;
      break;
    case PROP_LINE_SPACING:
      field = &self->line_spacing;
      break;
    case PROP_NATURAL_LINE_LENGTH:
      field = &self->natural_line_length;
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
      return;
    }
  if (*field == g_value_get_int (value))
    return;
  *field = g_value_get_int (value);
  gtk_widget_queue_resize (GTK_WIDGET (self));
  g_object_notify_by_pspec (object, pspec);
}

static void
mg_wrap_box_dispose (GObject *object)
{
  mg_wrap_box_remove_all (MG_WRAP_BOX (object));

  G_OBJECT_CLASS (mg_wrap_box_parent_class)->dispose (object);
}

static void
mg_wrap_box_class_init (MgWrapBoxClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mg_wrap_box_dispose;
  object_class->get_property = mg_wrap_box_get_property;
  object_class->set_property = mg_wrap_box_set_property;
  widget_class->measure = mg_wrap_box_measure;
  widget_class->size_allocate = mg_wrap_box_size_allocate;
  widget_class->get_request_mode = mg_wrap_box_get_request_mode;

  properties[PROP_SPACING] =
    g_param_spec_int ("spacing", NULL, NULL, 0, G_MAXINT16, 0,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LINE_SPACING] =
    g_param_spec_int ("line-spacing", NULL, NULL, 0, G_MAXINT16, 0,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_NATURAL_LINE_LENGTH] =
    g_param_spec_int ("natural-line-length", NULL, NULL, -1, G_MAXINT16, -1,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "mg-wrap-box");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
mg_wrap_box_init (MgWrapBox *self)
{
  self->natural_line_length = -1;
}

GtkWidget *
mg_wrap_box_new (void)
{
  return g_object_new (MG_TYPE_WRAP_BOX, NULL);
}

void
mg_wrap_box_append (MgWrapBox *self,
                    GtkWidget *child)
{
  g_return_if_fail (MG_IS_WRAP_BOX (self));
  g_return_if_fail (GTK_IS_WIDGET (child) && gtk_widget_get_parent (child) == NULL);

  gtk_widget_set_parent (child, GTK_WIDGET (self));
}

void
mg_wrap_box_remove (MgWrapBox *self,
                    GtkWidget *child)
{
  g_return_if_fail (MG_IS_WRAP_BOX (self));
  g_return_if_fail (gtk_widget_get_parent (child) == GTK_WIDGET (self));

  gtk_widget_unparent (child);
}

void
mg_wrap_box_remove_all (MgWrapBox *self)
{
  GtkWidget *child;

  g_return_if_fail (MG_IS_WRAP_BOX (self));

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
}

guint
mg_wrap_box_get_n_lines (MgWrapBox *self)
{
  g_return_val_if_fail (MG_IS_WRAP_BOX (self), 0);

  return self->n_lines;
}
