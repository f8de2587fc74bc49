/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Marginalia"

#include "config.h"

#include <glib/gi18n.h>

#include "mg-annotation-editor.h"

struct _MgAnnotationEditor
{
  GtkPopover    parent_instance;

  MgAnnotation *annotation;
  MgTagSet     *tag_set;

  GtkWidget    *tag_checks_box;
  GtkWidget    *note_view;

  guint         editing : 1;
};

G_DEFINE_FINAL_TYPE (MgAnnotationEditor, mg_annotation_editor, GTK_TYPE_POPOVER)

/* The actions live on the pane, above the widget the popover points at. */
static void
activate_pane_action (MgAnnotationEditor *self,
                      const char         *name,
                      const char         *format,
                      ...)
{
  GtkWidget *parent = gtk_widget_get_parent (GTK_WIDGET (self));
  GVariant *args;
  va_list ap;

  va_start (ap, format);
  args = g_variant_new_va (format, NULL, &ap);
  va_end (ap);

  gtk_widget_activate_action_variant (parent != NULL ? parent : GTK_WIDGET (self), name, args);
}

static void tag_check_toggled_cb (GtkCheckButton     *check,
                                  MgAnnotationEditor *self);

static void
update_tag_checks (MgAnnotationEditor *self)
{
  GtkWidget *child;

  for (child = gtk_widget_get_first_child (self->tag_checks_box);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      const char *tag_id = g_object_get_data (G_OBJECT (child), "mg-tag-id");
      gboolean active = self->annotation != NULL &&
                        mg_annotation_has_tag (self->annotation, tag_id);

      g_signal_handlers_block_by_func (child, tag_check_toggled_cb, self);
      gtk_check_button_set_active (GTK_CHECK_BUTTON (child), active);
      g_signal_handlers_unblock_by_func (child, tag_check_toggled_cb, self);
    }
}

static void
tag_check_toggled_cb (GtkCheckButton     *check,
                      MgAnnotationEditor *self)
{
  const char *tag_id = g_object_get_data (G_OBJECT (check), "mg-tag-id");

  if (self->annotation == NULL ||
      gtk_check_button_get_active (check) == mg_annotation_has_tag (self->annotation, tag_id))
    return;

  activate_pane_action (self, "pane.toggle-tag", "(ss)",
                        mg_annotation_get_id (self->annotation), tag_id);

  /* The store may have refused: show what it holds. */
  update_tag_checks (self);
}

static void
annotation_tags_cb (MgAnnotationEditor *self)
{
  update_tag_checks (self);
}

static void
show_cb (MgAnnotationEditor *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->note_view));
  guint n_tags = self->tag_set != NULL ? mg_tag_set_get_n_tags (self->tag_set) : 0;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (self->tag_checks_box)) != NULL)
    gtk_box_remove (GTK_BOX (self->tag_checks_box), child);

  for (guint i = 0; i < n_tags; i++)
    {
      MgTag *tag = mg_tag_set_get_tag (self->tag_set, i);
      GtkWidget *check = gtk_check_button_new_with_label (mg_tag_get_display_name (tag));

      g_object_set_data_full (G_OBJECT (check), "mg-tag-id",
                              g_strdup (mg_tag_get_id (tag)), g_free);
      g_signal_connect (check, "toggled", G_CALLBACK (tag_check_toggled_cb), self);
      gtk_box_append (GTK_BOX (self->tag_checks_box), check);
    }
  update_tag_checks (self);

  gtk_text_buffer_set_text (buffer,
                            self->annotation != NULL ? mg_annotation_get_note (self->annotation) : "",
                            -1);
  self->editing = self->annotation != NULL;
  gtk_widget_grab_focus (self->note_view);
}

static void
closed_cb (MgAnnotationEditor *self)
{
  mg_annotation_editor_commit_note (self);
}

static void
done_clicked_cb (MgAnnotationEditor *self)
{
  gtk_popover_popdown (GTK_POPOVER (self));
}

static void
delete_clicked_cb (MgAnnotationEditor *self)
{
  g_autoptr(MgAnnotation) annotation = NULL;

  if (self->annotation == NULL)
    return;

  /* The note being typed goes with the annotation. */
  annotation = g_object_ref (self->annotation);
  self->editing = FALSE;
  activate_pane_action (self, "pane.delete", "s", mg_annotation_get_id (annotation));
  gtk_popover_popdown (GTK_POPOVER (self));
}

static gboolean
commit_shortcut_cb (GtkWidget *widget,
                    GVariant  *args,
                    gpointer   user_data)
{
  gtk_popover_popdown (GTK_POPOVER (user_data));
  return TRUE;
}

static void
mg_annotation_editor_dispose (GObject *object)
{
  MgAnnotationEditor *self = MG_ANNOTATION_EDITOR (object);

  if (self->annotation != NULL)
    g_signal_handlers_disconnect_by_func (self->annotation, annotation_tags_cb, self);
  g_clear_object (&self->annotation);
  g_clear_object (&self->tag_set);

  gtk_widget_dispose_template (GTK_WIDGET (self), MG_TYPE_ANNOTATION_EDITOR);

  G_OBJECT_CLASS (mg_annotation_editor_parent_class)->dispose (object);
}

static void
mg_annotation_editor_class_init (MgAnnotationEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mg_annotation_editor_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/marginalia/Marginalia/mg-annotation-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, MgAnnotationEditor, tag_checks_box);
  gtk_widget_class_bind_template_child (widget_class, MgAnnotationEditor, note_view);
  gtk_widget_class_bind_template_callback (widget_class, show_cb);
  gtk_widget_class_bind_template_callback (widget_class, closed_cb);
  gtk_widget_class_bind_template_callback (widget_class, done_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, delete_clicked_cb);
}

static void
mg_annotation_editor_init (MgAnnotationEditor *self)
{
  GtkEventController *controller;
  GtkShortcut *shortcut;

  gtk_widget_init_template (GTK_WIDGET (self));

  controller = gtk_shortcut_controller_new ();
  shortcut = gtk_shortcut_new (gtk_shortcut_trigger_parse_string ("<Control>Return|<Control>KP_Enter"),
                               gtk_callback_action_new (commit_shortcut_cb, self, NULL));
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller), shortcut);
  gtk_widget_add_controller (self->note_view, controller);
}

GtkWidget *
mg_annotation_editor_new (void)
{
  return g_object_new (MG_TYPE_ANNOTATION_EDITOR, NULL);
}

MgAnnotation *
mg_annotation_editor_get_annotation (MgAnnotationEditor *self)
{
  g_return_val_if_fail (MG_IS_ANNOTATION_EDITOR (self), NULL);

  return self->annotation;
}

void
mg_annotation_editor_set_annotation (MgAnnotationEditor *self,
                                     MgAnnotation       *annotation,
                                     MgTagSet           *tag_set)
{
  g_return_if_fail (MG_IS_ANNOTATION_EDITOR (self));
  g_return_if_fail (annotation == NULL || MG_IS_ANNOTATION (annotation));
  g_return_if_fail (tag_set == NULL || MG_IS_TAG_SET (tag_set));

  g_set_object (&self->tag_set, tag_set);
  if (self->annotation == annotation)
    return;

  if (self->annotation != NULL)
    {
      mg_annotation_editor_commit_note (self);
      gtk_popover_popdown (GTK_POPOVER (self));
      g_signal_handlers_disconnect_by_func (self->annotation, annotation_tags_cb, self);
    }

  g_set_object (&self->annotation, annotation);

  if (self->annotation != NULL)
    g_signal_connect_object (self->annotation, "notify::tags",
                             G_CALLBACK (annotation_tags_cb), self,
                             G_CONNECT_SWAPPED);
}

void
mg_annotation_editor_commit_note (MgAnnotationEditor *self)
{
  GtkTextBuffer *buffer;
  GtkTextIter start, end;
  g_autofree char *text = NULL;

  g_return_if_fail (MG_IS_ANNOTATION_EDITOR (self));

  /* The buffer holds this annotation's note only while the popover is up. */
  if (!self->editing)
    return;
  self->editing = FALSE;

  if (self->annotation == NULL)
    return;

  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->note_view));
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  g_strstrip (text);

  if (g_strcmp0 (text, mg_annotation_get_note (self->annotation)) != 0)
    activate_pane_action (self, "pane.set-note", "(ss)",
                          mg_annotation_get_id (self->annotation), text);
}
