/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Marginalia"

#include "config.h"

#include <glib/gi18n.h>

#include "mg-annotation-row.h"
#include "mg-tag-chip.h"

/* Enough for two ellipsised lines in the widest pane; laying out a whole
 * long quote for every recycled row would only cost time. */
#define QUOTE_DISPLAY_CHARS 240
#define NOTE_DISPLAY_CHARS  400

struct _MgAnnotationRow
{
  GtkWidget     parent_instance;

  MgAnnotation *annotation;
  MgTagSet     *tag_set;

  GtkWidget    *box;
  GtkWidget    *paragraph_label;
  GtkWidget    *quote_label;
  GtkWidget    *star_button;
  GtkWidget    *tags_box;
  GtkWidget    *author_label;
  GtkWidget    *fuzzy_label;
  GtkWidget    *edit_button;
  GtkWidget    *note_label;
  GtkWidget    *orphan_box;
  GtkWidget    *reattach_button;
  GtkWidget    *delete_button;
  GtkWidget    *edit_popover;
  GtkWidget    *tag_checks_box;
  GtkWidget    *note_view;
  GtkWidget    *popover_delete_button;

  guint         read_only : 1;
  guint         editing : 1;
};

G_DEFINE_FINAL_TYPE (MgAnnotationRow, mg_annotation_row, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_ANNOTATION,
  PROP_TAG_SET,
  PROP_READ_ONLY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* A single line of at most @max_chars characters: line breaks and tabs
 * become spaces. */
static char *
dup_display_text (const char *text,
                  guint       max_chars)
{
  GString *out = g_string_new (NULL);
  const char *p;
  guint n = 0;

  for (p = text; p != NULL && *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (n == max_chars)
        {
          g_string_append (out, "…");
          break;
        }
      if (c == '\n' || c == '\r' || c == '\t')
        c = ' ';
      g_string_append_unichar (out, c);
      n++;
    }

  return g_string_free (out, FALSE);
}

static void
mg_annotation_row_update_quote (MgAnnotationRow *self)
{
  g_autofree char *text = NULL;

  text = dup_display_text (mg_annotation_get_quote (self->annotation),
                           QUOTE_DISPLAY_CHARS);
  gtk_label_set_label (GTK_LABEL (self->quote_label), text);
}

static void
mg_annotation_row_update_note (MgAnnotationRow *self)
{
  const char *note = mg_annotation_get_note (self->annotation);
  g_autofree char *text = NULL;

  if (note[0] == '\0')
    {
      gtk_widget_set_visible (self->note_label, FALSE);
      return;
    }

  text = dup_display_text (note, NOTE_DISPLAY_CHARS);
  gtk_label_set_label (GTK_LABEL (self->note_label), text);
  gtk_widget_set_visible (self->note_label, TRUE);
}

static void
mg_annotation_row_update_star (MgAnnotationRow *self)
{
  gboolean starred = mg_annotation_get_starred (self->annotation);
  const char *label = starred ? _("Remove star") : _("Star");

  gtk_button_set_icon_name (GTK_BUTTON (self->star_button),
                            starred ? "starred-symbolic" : "non-starred-symbolic");
  gtk_widget_set_tooltip_text (self->star_button, label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->star_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);
  if (starred)
    gtk_widget_add_css_class (self->star_button, "starred");
  else
    gtk_widget_remove_css_class (self->star_button, "starred");
}

static void
mg_annotation_row_update_author (MgAnnotationRow *self)
{
  const char *author = mg_annotation_get_author (self->annotation);
  const char * const *contributors = mg_annotation_get_contributors (self->annotation);
  guint n = g_strv_length ((char **) contributors);
  g_autofree char *text = NULL;
  g_autofree char *tooltip = NULL;

  if (n == 0)
    {
      gtk_label_set_label (GTK_LABEL (self->author_label), author);
      gtk_widget_set_tooltip_text (self->author_label, NULL);
      return;
    }

  /* TRANSLATORS: an author and how many other people contributed */
  text = g_strdup_printf (_("%s +%u"), author, n);
  gtk_label_set_label (GTK_LABEL (self->author_label), text);
  {
    g_autofree char *names = g_strjoinv (", ", (char **) contributors);

    tooltip = g_strdup_printf (_("Also annotated by %s"), names);
  }
  gtk_widget_set_tooltip_text (self->author_label, tooltip);
}

static void
mg_annotation_row_update_anchor (MgAnnotationRow *self)
{
  MgAnchorState state = mg_annotation_get_anchor_state (self->annotation);
  gboolean orphaned = state == MG_ANCHOR_STATE_ORPHANED;
  guint paragraph = mg_annotation_get_paragraph (self->annotation);

  if (!orphaned && paragraph > 0)
    {
      g_autofree char *text = g_strdup_printf ("¶%u", paragraph);
      g_autofree char *accessible = g_strdup_printf (_("Paragraph %u"), paragraph);

      gtk_label_set_label (GTK_LABEL (self->paragraph_label), text);
      gtk_widget_set_tooltip_text (self->paragraph_label, accessible);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->paragraph_label),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, accessible,
                                      -1);
      gtk_widget_set_visible (self->paragraph_label, TRUE);
    }
  else
    {
      gtk_widget_set_visible (self->paragraph_label, FALSE);
    }

  gtk_widget_set_visible (self->orphan_box, orphaned);
  gtk_widget_set_visible (self->fuzzy_label, state == MG_ANCHOR_STATE_FUZZY);
}

static void
mg_annotation_row_update_tags (MgAnnotationRow *self)
{
  const char * const *tags;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (self->tags_box)) != NULL)
    gtk_box_remove (GTK_BOX (self->tags_box), child);

  if (self->annotation == NULL)
    return;

  tags = mg_annotation_get_tags (self->annotation);
  for (guint i = 0; tags[i] != NULL; i++)
    {
      MgTag *tag = self->tag_set != NULL ? mg_tag_set_lookup (self->tag_set, tags[i]) : NULL;
      g_autoptr(MgTag) unknown = NULL;

      if (tag == NULL)
        tag = unknown = mg_tag_new (tags[i], tags[i], NULL, NULL);
      gtk_box_append (GTK_BOX (self->tags_box), mg_tag_chip_new (tag));
    }
  gtk_widget_set_visible (self->tags_box, tags[0] != NULL);
}

static void
mg_annotation_row_update_tag_checks (MgAnnotationRow *self);

static void
annotation_notify_cb (MgAnnotationRow *self,
                      GParamSpec      *pspec,
                      MgAnnotation    *annotation)
{
  const char *name = pspec->name;

  if (g_str_equal (name, "quote"))
    mg_annotation_row_update_quote (self);
  else if (g_str_equal (name, "note"))
    mg_annotation_row_update_note (self);
  else if (g_str_equal (name, "starred"))
    mg_annotation_row_update_star (self);
  else if (g_str_equal (name, "author") || g_str_equal (name, "contributors"))
    mg_annotation_row_update_author (self);
  else if (g_str_equal (name, "anchor-state") || g_str_equal (name, "paragraph"))
    mg_annotation_row_update_anchor (self);
  else if (g_str_equal (name, "tags"))
    {
      mg_annotation_row_update_tags (self);
      mg_annotation_row_update_tag_checks (self);
    }
}

static void
tag_check_toggled_cb (GtkCheckButton  *check,
                      MgAnnotationRow *self)
{
  const char *tag_id = g_object_get_data (G_OBJECT (check), "mg-tag-id");
  gboolean active = gtk_check_button_get_active (check);

  if (self->annotation == NULL ||
      active == mg_annotation_has_tag (self->annotation, tag_id))
    return;

  gtk_widget_activate_action (GTK_WIDGET (self), "pane.toggle-tag", "(ss)",
                              mg_annotation_get_id (self->annotation), tag_id);

  /* The store may refuse; show what it holds now. */
  if (self->annotation != NULL)
    mg_annotation_row_update_tag_checks (self);
}

static void
mg_annotation_row_update_tag_checks (MgAnnotationRow *self)
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
edit_popover_show_cb (MgAnnotationRow *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->note_view));
  GtkWidget *child;
  guint n_tags;

  while ((child = gtk_widget_get_first_child (self->tag_checks_box)) != NULL)
    gtk_box_remove (GTK_BOX (self->tag_checks_box), child);

  n_tags = self->tag_set != NULL ? mg_tag_set_get_n_tags (self->tag_set) : 0;
  for (guint i = 0; i < n_tags; i++)
    {
      MgTag *tag = mg_tag_set_get_tag (self->tag_set, i);
      GtkWidget *check = gtk_check_button_new_with_label (mg_tag_get_name (tag));

      g_object_set_data_full (G_OBJECT (check), "mg-tag-id",
                              g_strdup (mg_tag_get_id (tag)), g_free);
      g_signal_connect (check, "toggled", G_CALLBACK (tag_check_toggled_cb), self);
      gtk_box_append (GTK_BOX (self->tag_checks_box), check);
    }
  mg_annotation_row_update_tag_checks (self);

  gtk_text_buffer_set_text (buffer,
                            self->annotation != NULL ? mg_annotation_get_note (self->annotation) : "",
                            -1);
  self->editing = self->annotation != NULL;
  gtk_widget_grab_focus (self->note_view);
}

static void
edit_popover_closed_cb (MgAnnotationRow *self)
{
  mg_annotation_row_commit_note (self);
}

static void
done_clicked_cb (MgAnnotationRow *self)
{
  gtk_popover_popdown (GTK_POPOVER (self->edit_popover));
}

static gboolean
note_view_commit_cb (GtkWidget *widget,
                     GVariant  *args,
                     gpointer   user_data)
{
  MgAnnotationRow *self = MG_ANNOTATION_ROW (user_data);

  gtk_popover_popdown (GTK_POPOVER (self->edit_popover));
  return TRUE;
}

void
mg_annotation_row_commit_note (MgAnnotationRow *self)
{
  GtkTextBuffer *buffer;
  GtkTextIter start, end;
  g_autofree char *text = NULL;

  g_return_if_fail (MG_IS_ANNOTATION_ROW (self));

  /* The buffer holds this annotation's note only while the editor is up. */
  if (!self->editing)
    return;
  self->editing = FALSE;

  if (self->annotation == NULL || self->read_only)
    return;

  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->note_view));
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  g_strstrip (text);

  if (g_strcmp0 (text, mg_annotation_get_note (self->annotation)) != 0)
    gtk_widget_activate_action (GTK_WIDGET (self), "pane.set-note", "(ss)",
                                mg_annotation_get_id (self->annotation), text);
}

static void
mg_annotation_row_update_all (MgAnnotationRow *self)
{
  GVariant *target;

  if (self->annotation == NULL)
    {
      mg_annotation_row_update_tags (self);
      return;
    }

  target = g_variant_new_string (mg_annotation_get_id (self->annotation));
  g_variant_ref_sink (target);
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (self->star_button), target);
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (self->reattach_button), target);
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (self->delete_button), target);
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (self->popover_delete_button), target);
  g_variant_unref (target);

  mg_annotation_row_update_quote (self);
  mg_annotation_row_update_note (self);
  mg_annotation_row_update_star (self);
  mg_annotation_row_update_author (self);
  mg_annotation_row_update_anchor (self);
  mg_annotation_row_update_tags (self);
}

static void
mg_annotation_row_dispose (GObject *object)
{
  MgAnnotationRow *self = MG_ANNOTATION_ROW (object);

  if (self->annotation != NULL)
    g_signal_handlers_disconnect_by_func (self->annotation, annotation_notify_cb, self);
  g_clear_object (&self->annotation);
  g_clear_object (&self->tag_set);

  gtk_widget_dispose_template (GTK_WIDGET (self), MG_TYPE_ANNOTATION_ROW);

  G_OBJECT_CLASS (mg_annotation_row_parent_class)->dispose (object);
}

static void
mg_annotation_row_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  MgAnnotationRow *self = MG_ANNOTATION_ROW (object);

  switch (prop_id)
    {
    case PROP_ANNOTATION:
      g_value_set_object (value, self->annotation);
      break;
    case PROP_TAG_SET:
      g_value_set_object (value, self->tag_set);
      break;
    case PROP_READ_ONLY:
      g_value_set_boolean (value, self->read_only);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mg_annotation_row_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  MgAnnotationRow *self = MG_ANNOTATION_ROW (object);

  switch (prop_id)
    {
    case PROP_ANNOTATION:
      mg_annotation_row_set_annotation (self, g_value_get_object (value));
      break;
    case PROP_TAG_SET:
      mg_annotation_row_set_tag_set (self, g_value_get_object (value));
      break;
    case PROP_READ_ONLY:
      mg_annotation_row_set_read_only (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mg_annotation_row_class_init (MgAnnotationRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mg_annotation_row_dispose;
  object_class->get_property = mg_annotation_row_get_property;
  object_class->set_property = mg_annotation_row_set_property;

  properties[PROP_ANNOTATION] =
    g_param_spec_object ("annotation", NULL, NULL,
                         MG_TYPE_ANNOTATION,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TAG_SET] =
    g_param_spec_object ("tag-set", NULL, NULL,
                         MG_TYPE_TAG_SET,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_READ_ONLY] =
    g_param_spec_boolean ("read-only", NULL, NULL,
                          FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/marginalia/Marginalia/mg-annotation-row.ui");
  gtk_widget_class_bind_template_child (widget_class, MgAnnotationRow, box);
  gtk_widget_class_bind_template_child (widget_class, MgAnnotationRow, paragraph_label);
  gtk_widget_class_bind_template_child (widget_class, MgAnnotationRow, quote_label);
  gtk_widget_class_bind_template_child (widget_class, MgAnnotationRow, star_button);
  gtk_widget_class_bind_template_child (widget_class, MgAnnotationRow, tags_box);
  gtk_widget_class_bind_template_child (widget_class, MgAnnotationRow, author_label);
  gtk_widget_class_bind_template_child (widget_class, MgAnnotationRow, fuzzy_label);
  gtk_widget_class_bind_template_child (widget_class, MgAnnotationRow, edit_button);
  gtk_widget_class_bind_template_child (widget_class, MgAnnotationRow, note_label);
  gtk_widget_class_bind_template_child (widget_class, MgAnnotationRow, orphan_box);
  gtk_widget_class_bind_template_child (widget_class, MgAnnotationRow, reattach_button);
  gtk_widget_class_bind_template_child (widget_class, MgAnnotationRow, delete_button);
  gtk_widget_class_bind_template_child (widget_class, MgAnnotationRow, edit_popover);
  gtk_widget_class_bind_template_child (widget_class, MgAnnotationRow, tag_checks_box);
  gtk_widget_class_bind_template_child (widget_class, MgAnnotationRow, note_view);
  gtk_widget_class_bind_template_child (widget_class, MgAnnotationRow, popover_delete_button);
  gtk_widget_class_bind_template_callback (widget_class, edit_popover_show_cb);
  gtk_widget_class_bind_template_callback (widget_class, edit_popover_closed_cb);
  gtk_widget_class_bind_template_callback (widget_class, done_clicked_cb);

  gtk_widget_class_set_css_name (widget_class, "mg-annotation-row");
}

static void
mg_annotation_row_init (MgAnnotationRow *self)
{
  GtkEventController *controller;
  GtkShortcut *shortcut;

  gtk_widget_init_template (GTK_WIDGET (self));

  controller = gtk_shortcut_controller_new ();
  shortcut = gtk_shortcut_new (gtk_shortcut_trigger_parse_string ("<Control>Return|<Control>KP_Enter"),
                               gtk_callback_action_new (note_view_commit_cb, self, NULL));
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller), shortcut);
  gtk_widget_add_controller (self->note_view, controller);
}

GtkWidget *
mg_annotation_row_new (void)
{
  return g_object_new (MG_TYPE_ANNOTATION_ROW, NULL);
}

MgAnnotation *
mg_annotation_row_get_annotation (MgAnnotationRow *self)
{
  g_return_val_if_fail (MG_IS_ANNOTATION_ROW (self), NULL);

  return self->annotation;
}

void
mg_annotation_row_set_annotation (MgAnnotationRow *self,
                                  MgAnnotation    *annotation)
{
  g_return_if_fail (MG_IS_ANNOTATION_ROW (self));
  g_return_if_fail (annotation == NULL || MG_IS_ANNOTATION (annotation));

  if (self->annotation == annotation)
    return;

  if (self->annotation != NULL)
    {
      mg_annotation_row_commit_note (self);
      gtk_popover_popdown (GTK_POPOVER (self->edit_popover));
      g_signal_handlers_disconnect_by_func (self->annotation, annotation_notify_cb, self);
    }

  g_set_object (&self->annotation, annotation);

  if (self->annotation != NULL)
    g_signal_connect_object (self->annotation, "notify",
                             G_CALLBACK (annotation_notify_cb), self,
                             G_CONNECT_SWAPPED);

  mg_annotation_row_update_all (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ANNOTATION]);
}

MgTagSet *
mg_annotation_row_get_tag_set (MgAnnotationRow *self)
{
  g_return_val_if_fail (MG_IS_ANNOTATION_ROW (self), NULL);

  return self->tag_set;
}

void
mg_annotation_row_set_tag_set (MgAnnotationRow *self,
                               MgTagSet        *tag_set)
{
  g_return_if_fail (MG_IS_ANNOTATION_ROW (self));
  g_return_if_fail (tag_set == NULL || MG_IS_TAG_SET (tag_set));

  if (!g_set_object (&self->tag_set, tag_set))
    return;

  mg_annotation_row_update_tags (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TAG_SET]);
}

gboolean
mg_annotation_row_get_read_only (MgAnnotationRow *self)
{
  g_return_val_if_fail (MG_IS_ANNOTATION_ROW (self), FALSE);

  return self->read_only;
}

void
mg_annotation_row_set_read_only (MgAnnotationRow *self,
                                 gboolean         read_only)
{
  g_return_if_fail (MG_IS_ANNOTATION_ROW (self));

  read_only = !!read_only;
  if (self->read_only == read_only)
    return;

  if (read_only)
    {
      mg_annotation_row_commit_note (self);
      gtk_popover_popdown (GTK_POPOVER (self->edit_popover));
    }

  self->read_only = read_only;
  gtk_widget_set_visible (self->edit_button, !read_only);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_READ_ONLY]);
}
