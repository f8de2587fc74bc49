/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Marginalia"
#include "config.h"

#include <glib/gi18n.h>

#include "mg-tag-popover.h"
#include "mg-tag-style.h"
#include "mg-wrap-box.h"

struct _MgTagPopover
{
  GtkPopover       parent_instance;

  /* Template widgets */
  MgWrapBox       *tag_box;
  GtkEntry        *note_entry;
  GtkToggleButton *star_button;
  GtkButton       *highlight_button;

  MgTagSet        *tags;
};

G_DEFINE_FINAL_TYPE (MgTagPopover, mg_tag_popover, GTK_TYPE_POPOVER)

enum {
  APPLY,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
apply (MgTagPopover *self,
       int           position)
{
  g_autofree char *note = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->note_entry))));
  gboolean starred = gtk_toggle_button_get_active (self->star_button);

  gtk_popover_popdown (GTK_POPOVER (self));
  g_signal_emit (self, signals[APPLY], 0, position, note, starred);
  mg_tag_popover_reset (self);
}

static void
tag_button_clicked (GtkButton    *button,
                    MgTagPopover *self)
{
  apply (self, GPOINTER_TO_INT (g_object_get_data (G_OBJECT (button), "position")));
}

static void
rebuild (MgTagPopover *self)
{

  mg_wrap_box_remove_all (self->tag_box);

  if (self->tags == NULL)
    return;

  for (guint i = 0; i < mg_tag_set_get_n_tags (self->tags); i++)
    {
      MgTag *tag = mg_tag_set_get_tag (self->tags, i);
      g_autofree char *css_class = mg_tag_style_css_class (mg_tag_get_id (tag));
      g_autofree char *label = NULL;
      g_autofree char *tooltip = NULL;
      GtkWidget *button;

      if (i < 9)
        label = g_strdup_printf ("%u  %s", i + 1, mg_tag_get_display_name (tag));
      else
        label = g_strdup (mg_tag_get_display_name (tag));
      button = gtk_button_new_with_label (label);
      if (i < 9)
        tooltip = g_strdup_printf (_("Tag as “%s” (%u)"), mg_tag_get_display_name (tag), i + 1);
      else
        tooltip = g_strdup_printf (_("Tag as “%s”"), mg_tag_get_display_name (tag));
      gtk_widget_set_tooltip_text (button, tooltip);
      gtk_widget_add_css_class (button, "tag-button");
      gtk_widget_add_css_class (button, css_class);
      g_object_set_data (G_OBJECT (button), "position", GUINT_TO_POINTER (i));
      g_signal_connect (button, "clicked", G_CALLBACK (tag_button_clicked), self);
      mg_wrap_box_append (self->tag_box, button);
    }
}

static void
highlight_clicked (MgTagPopover *self)
{
  apply (self, -1);
}

static void
note_activated (MgTagPopover *self)
{
  apply (self, -1);
}

static void
star_toggled (MgTagPopover *self)
{
  gtk_button_set_icon_name (GTK_BUTTON (self->star_button),
                            gtk_toggle_button_get_active (self->star_button)
                              ? "starred-symbolic" : "non-starred-symbolic");
}

static gboolean
digit_pressed (GtkWidget *widget,
               GVariant  *args,
               gpointer   user_data)
{
  MgTagPopover *self = MG_TAG_POPOVER (widget);
  int n = g_variant_get_int32 (args);

  if (self->tags == NULL || n >= (int) mg_tag_set_get_n_tags (self->tags))
    return FALSE;
  apply (self, n);
  return TRUE;
}

static gboolean
highlight_pressed (GtkWidget *widget,
                   GVariant  *args,
                   gpointer   user_data)
{
  apply (MG_TAG_POPOVER (widget), -1);
  return TRUE;
}

static void
mg_tag_popover_dispose (GObject *object)
{
  MgTagPopover *self = MG_TAG_POPOVER (object);

  if (self->tags != NULL)
    g_signal_handlers_disconnect_by_data (self->tags, self);
  g_clear_object (&self->tags);

  gtk_widget_dispose_template (GTK_WIDGET (self), MG_TYPE_TAG_POPOVER);

  G_OBJECT_CLASS (mg_tag_popover_parent_class)->dispose (object);
}

static void
mg_tag_popover_class_init (MgTagPopoverClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mg_tag_popover_dispose;

  signals[APPLY] = g_signal_new ("apply",
                                 G_TYPE_FROM_CLASS (klass),
                                 G_SIGNAL_RUN_LAST,
                                 0, NULL, NULL, NULL,
                                 G_TYPE_NONE, 3,
                                 G_TYPE_INT, G_TYPE_STRING, G_TYPE_BOOLEAN);

  g_type_ensure (MG_TYPE_WRAP_BOX);
  gtk_widget_class_set_template_from_resource (widget_class, "/org/marginalia/Marginalia/mg-tag-popover.ui");
  gtk_widget_class_bind_template_child (widget_class, MgTagPopover, tag_box);
  gtk_widget_class_bind_template_child (widget_class, MgTagPopover, note_entry);
  gtk_widget_class_bind_template_child (widget_class, MgTagPopover, star_button);
  gtk_widget_class_bind_template_child (widget_class, MgTagPopover, highlight_button);

  /* Digits choose a tag while the focus is on a button; in the note entry
   * they are typed. */
  for (int i = 0; i < 9; i++)
    {
      gtk_widget_class_add_binding (widget_class, GDK_KEY_1 + i, 0, digit_pressed, "i", i);
      gtk_widget_class_add_binding (widget_class, GDK_KEY_KP_1 + i, 0, digit_pressed, "i", i);
    }
  gtk_widget_class_add_binding (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK, highlight_pressed, NULL);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_KP_Enter, GDK_CONTROL_MASK, highlight_pressed, NULL);
}

static void
mg_tag_popover_init (MgTagPopover *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  g_signal_connect_swapped (self->highlight_button, "clicked", G_CALLBACK (highlight_clicked), self);
  g_signal_connect_swapped (self->note_entry, "activate", G_CALLBACK (note_activated), self);
  g_signal_connect_swapped (self->star_button, "toggled", G_CALLBACK (star_toggled), self);
}

GtkWidget *
mg_tag_popover_new (void)
{
  return g_object_new (MG_TYPE_TAG_POPOVER, NULL);
}

void
mg_tag_popover_set_tag_set (MgTagPopover *self,
                            MgTagSet     *tags)
{
  g_return_if_fail (MG_IS_TAG_POPOVER (self));
  g_return_if_fail (tags == NULL || MG_IS_TAG_SET (tags));

  if (self->tags == tags)
    return;
  if (self->tags != NULL)
    g_signal_handlers_disconnect_by_data (self->tags, self);
  g_set_object (&self->tags, tags);
  if (tags != NULL)
    {
      mg_tag_style_track (tags);
      g_signal_connect_swapped (tags, "items-changed", G_CALLBACK (rebuild), self);
      g_signal_connect_swapped (tags, "tag-changed", G_CALLBACK (rebuild), self);
    }
  rebuild (self);
}

void
mg_tag_popover_reset (MgTagPopover *self)
{
  g_return_if_fail (MG_IS_TAG_POPOVER (self));

  gtk_editable_set_text (GTK_EDITABLE (self->note_entry), "");
  gtk_toggle_button_set_active (self->star_button, FALSE);
}
