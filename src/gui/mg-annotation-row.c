/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Marginalia"

#include "config.h"

#include <glib/gi18n.h>

#include "mg-annotation-editor.h"
#include "mg-annotation-row.h"
#include "mg-document.h"
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
  GtkWidget    *heading_label;
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
  GtkWidget    *editor;        /* these two are created on first use */

  guint         read_only : 1;
  guint         shows_starred : 1;
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

  if (self->shows_starred == starred)
    return;
  self->shows_starred = starred;

  gtk_button_set_icon_name (GTK_BUTTON (self->star_button),
                            starred ? "starred-symbolic" : "non-starred-symbolic");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->star_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  starred ? _("Remove star") : _("Star"),
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

  if (n == 0)
    {
      gtk_label_set_label (GTK_LABEL (self->author_label), author);
      return;
    }

  /* TRANSLATORS: an author and how many other people contributed */
  text = g_strdup_printf (_("%s +%u"), author, n);
  gtk_label_set_label (GTK_LABEL (self->author_label), text);
}

/* Tooltips are given on demand: setting them on every recycled row would
 * ask the display server for the pointer each time. */
static gboolean
query_tooltip_cb (GtkWidget       *widget,
                  int              x,
                  int              y,
                  gboolean         keyboard,
                  GtkTooltip      *tooltip,
                  MgAnnotationRow *self)
{
  g_autofree char *text = NULL;

  if (self->annotation == NULL)
    return FALSE;

  if (widget == self->star_button)
    text = g_strdup (mg_annotation_get_starred (self->annotation) ? _("Remove star") : _("Star"));
  else if (widget == self->edit_button)
    text = g_strdup (_("Edit tags and note"));
  else if (widget == self->fuzzy_label)
    text = g_strdup (_("The speech changed and this passage was found approximately"));
  else if (widget == self->reattach_button)
    text = g_strdup (_("Place this annotation on the text selected in the speech"));
  else if (widget == self->delete_button)
    text = g_strdup (_("Delete this annotation"));
  else if (widget == self->author_label)
    {
      const char * const *contributors = mg_annotation_get_contributors (self->annotation);
      g_autofree char *names = NULL;

      if (contributors[0] == NULL)
        return FALSE;
      names = g_strjoinv (", ", (char **) contributors);
      text = g_strdup_printf (_("Also annotated by %s"), names);
    }

  if (text == NULL)
    return FALSE;

  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

static void mg_annotation_row_build_orphan_box (MgAnnotationRow *self);

static void
mg_annotation_row_update_anchor (MgAnnotationRow *self)
{
  MgAnchorState state = mg_annotation_get_anchor_state (self->annotation);
  gboolean orphaned = state == MG_ANCHOR_STATE_ORPHANED;
  guint paragraph = mg_annotation_get_paragraph (self->annotation);

  if (!orphaned && paragraph > 0)
    {
      guint sentence = mg_annotation_get_sentence (self->annotation);
      g_autofree char *text = mg_location_format (paragraph, sentence);
      g_autofree char *accessible = sentence > 0
        /* Translators: where a quote stands in a very long paragraph. */
        ? g_strdup_printf (_("Paragraph %u, sentence %u"), paragraph, sentence)
        : g_strdup_printf (_("Paragraph %u"), paragraph);

      gtk_label_set_label (GTK_LABEL (self->paragraph_label), text);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->paragraph_label),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, accessible,
                                      -1);
      gtk_widget_set_visible (self->paragraph_label, TRUE);
    }
  else
    {
      gtk_widget_set_visible (self->paragraph_label, FALSE);
    }

  if (orphaned && self->orphan_box == NULL)
    mg_annotation_row_build_orphan_box (self);
  if (self->orphan_box != NULL)
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

/* One sentence for screen readers: where, what, how it is tagged, by whom. */
static void
mg_annotation_row_update_accessible (MgAnnotationRow *self)
{
  MgAnnotation *annotation = self->annotation;
  const char * const *tags;
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *quote = NULL;
  guint paragraph;

  if (annotation == NULL)
    return;

  paragraph = mg_annotation_get_paragraph (annotation);
  if (mg_annotation_is_orphaned (annotation))
    g_string_append_printf (text, "%s. ", _("Could not be placed"));
  else if (paragraph > 0)
    {
      g_string_append_printf (text, _("Paragraph %u"), paragraph);
      g_string_append (text, ". ");
    }

  quote = dup_display_text (mg_annotation_get_quote (annotation), QUOTE_DISPLAY_CHARS);
  g_string_append_printf (text, "%s. ", quote);

  tags = mg_annotation_get_tags (annotation);
  for (guint i = 0; tags[i] != NULL; i++)
    {
      MgTag *tag = self->tag_set != NULL ? mg_tag_set_lookup (self->tag_set, tags[i]) : NULL;

      g_string_append_printf (text, "%s. ", tag != NULL ? mg_tag_get_display_name (tag) : tags[i]);
    }
  if (mg_annotation_get_starred (annotation))
    g_string_append_printf (text, "%s. ", _("Starred"));
  g_string_append_printf (text, _("By %s"), mg_annotation_get_author (annotation));

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, text->str,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, mg_annotation_get_note (annotation),
                                  -1);
}

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
  else if (g_str_equal (name, "anchor-state") || g_str_equal (name, "paragraph") ||
           g_str_equal (name, "sentence"))
    mg_annotation_row_update_anchor (self);
  else if (g_str_equal (name, "tags"))
    mg_annotation_row_update_tags (self);
  else
    return;

  mg_annotation_row_update_accessible (self);
}

static void
edit_clicked_cb (MgAnnotationRow *self)
{
  graphene_rect_t bounds;

  if (self->annotation == NULL || self->read_only)
    return;

  /* Most rows are never edited: build the editor on first use. */
  if (self->editor == NULL)
    {
      self->editor = mg_annotation_editor_new ();
      gtk_widget_set_parent (self->editor, GTK_WIDGET (self));
    }
  mg_annotation_editor_set_annotation (MG_ANNOTATION_EDITOR (self->editor),
                                       self->annotation, self->tag_set);

  if (gtk_widget_compute_bounds (self->edit_button, GTK_WIDGET (self), &bounds))
    gtk_popover_set_pointing_to (GTK_POPOVER (self->editor),
                                 &(GdkRectangle) {
                                   bounds.origin.x, bounds.origin.y,
                                   bounds.size.width, bounds.size.height,
                                 });
  gtk_popover_popup (GTK_POPOVER (self->editor));
}

/* Plain click handlers rather than actionable buttons: binding a row
 * must not register observers with the action muxer every time. */
static void
activate_for_annotation (MgAnnotationRow *self,
                         const char      *action)
{
  if (self->annotation != NULL && !self->read_only)
    gtk_widget_activate_action (GTK_WIDGET (self), action, "s",
                                mg_annotation_get_id (self->annotation));
}

static void
star_clicked_cb (MgAnnotationRow *self)
{
  activate_for_annotation (self, "pane.toggle-starred");
}

static void
reattach_clicked_cb (MgAnnotationRow *self)
{
  activate_for_annotation (self, "pane.reattach");
}

static void
delete_clicked_cb (MgAnnotationRow *self)
{
  activate_for_annotation (self, "pane.delete");
}

static GtkWidget *
new_orphan_button (MgAnnotationRow *self,
                   const char      *label,
                   GCallback        callback)
{
  GtkWidget *button = gtk_button_new_with_label (label);

  gtk_widget_add_css_class (button, "pill");
  gtk_widget_add_css_class (button, "mg-small-button");
  gtk_widget_set_has_tooltip (button, TRUE);
  g_signal_connect (button, "query-tooltip", G_CALLBACK (query_tooltip_cb), self);
  g_signal_connect_swapped (button, "clicked", callback, self);

  return button;
}

/* Only orphans need these buttons. */
static void
mg_annotation_row_build_orphan_box (MgAnnotationRow *self)
{
  self->orphan_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_widget_set_halign (self->orphan_box, GTK_ALIGN_END);
  gtk_widget_set_sensitive (self->orphan_box, !self->read_only);

  self->reattach_button = new_orphan_button (self, _("Re-attach to selection"),
                                             G_CALLBACK (reattach_clicked_cb));
  gtk_box_append (GTK_BOX (self->orphan_box), self->reattach_button);

  self->delete_button = new_orphan_button (self, _("Delete"),
                                           G_CALLBACK (delete_clicked_cb));
  gtk_widget_add_css_class (self->delete_button, "destructive-action");
  gtk_box_append (GTK_BOX (self->orphan_box), self->delete_button);

  gtk_box_append (GTK_BOX (self->box), self->orphan_box);
}

static void
mg_annotation_row_update_all (MgAnnotationRow *self)
{
  if (self->annotation == NULL)
    {
      mg_annotation_row_update_tags (self);
      return;
    }

  mg_annotation_row_update_quote (self);
  mg_annotation_row_update_note (self);
  mg_annotation_row_update_star (self);
  mg_annotation_row_update_author (self);
  mg_annotation_row_update_anchor (self);
  mg_annotation_row_update_tags (self);
  mg_annotation_row_update_accessible (self);
}

static void
mg_annotation_row_measure (GtkWidget      *widget,
                           GtkOrientation  orientation,
                           int             for_size,
                           int            *minimum,
                           int            *natural,
                           int            *minimum_baseline,
                           int            *natural_baseline)
{
  MgAnnotationRow *self = MG_ANNOTATION_ROW (widget);

  gtk_widget_measure (self->box, orientation, for_size,
                      minimum, natural, minimum_baseline, natural_baseline);
}

static GtkSizeRequestMode
mg_annotation_row_get_request_mode (GtkWidget *widget)
{
  return gtk_widget_get_request_mode (MG_ANNOTATION_ROW (widget)->box);
}

/* A widget that parents a popover must present it when allocated. */
static void
mg_annotation_row_size_allocate (GtkWidget *widget,
                                 int        width,
                                 int        height,
                                 int        baseline)
{
  MgAnnotationRow *self = MG_ANNOTATION_ROW (widget);

  gtk_widget_allocate (self->box, width, height, baseline, NULL);
  if (self->editor != NULL)
    gtk_popover_present (GTK_POPOVER (self->editor));
}

static void
mg_annotation_row_dispose (GObject *object)
{
  MgAnnotationRow *self = MG_ANNOTATION_ROW (object);

  if (self->annotation != NULL)
    g_signal_handlers_disconnect_by_func (self->annotation, annotation_notify_cb, self);
  g_clear_object (&self->annotation);
  g_clear_object (&self->tag_set);
  g_clear_pointer (&self->editor, gtk_widget_unparent);

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

  widget_class->get_request_mode = mg_annotation_row_get_request_mode;
  widget_class->measure = mg_annotation_row_measure;
  widget_class->size_allocate = mg_annotation_row_size_allocate;

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
  gtk_widget_class_bind_template_child (widget_class, MgAnnotationRow, heading_label);
  gtk_widget_class_bind_template_child (widget_class, MgAnnotationRow, box);
  gtk_widget_class_bind_template_child (widget_class, MgAnnotationRow, paragraph_label);
  gtk_widget_class_bind_template_child (widget_class, MgAnnotationRow, quote_label);
  gtk_widget_class_bind_template_child (widget_class, MgAnnotationRow, star_button);
  gtk_widget_class_bind_template_child (widget_class, MgAnnotationRow, tags_box);
  gtk_widget_class_bind_template_child (widget_class, MgAnnotationRow, author_label);
  gtk_widget_class_bind_template_child (widget_class, MgAnnotationRow, fuzzy_label);
  gtk_widget_class_bind_template_child (widget_class, MgAnnotationRow, edit_button);
  gtk_widget_class_bind_template_child (widget_class, MgAnnotationRow, note_label);

  gtk_widget_class_bind_template_callback (widget_class, query_tooltip_cb);
  gtk_widget_class_bind_template_callback (widget_class, star_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, edit_clicked_cb);

  gtk_widget_class_set_css_name (widget_class, "mg-annotation-row");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
mg_annotation_row_init (MgAnnotationRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
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
      if (self->editor != NULL)
        mg_annotation_editor_set_annotation (MG_ANNOTATION_EDITOR (self->editor), NULL, NULL);
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

  if (read_only && self->editor != NULL)
    {
      mg_annotation_editor_commit_note (MG_ANNOTATION_EDITOR (self->editor));
      gtk_popover_popdown (GTK_POPOVER (self->editor));
    }

  self->read_only = read_only;
  gtk_widget_set_visible (self->edit_button, !read_only);
  gtk_widget_set_sensitive (self->star_button, !read_only);
  if (self->orphan_box != NULL)
    gtk_widget_set_sensitive (self->orphan_box, !read_only);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_READ_ONLY]);
}

void
mg_annotation_row_set_heading (MgAnnotationRow *self,
                               const char      *heading)
{
  g_return_if_fail (MG_IS_ANNOTATION_ROW (self));

  gtk_label_set_text (GTK_LABEL (self->heading_label), heading ? heading : "");
  gtk_widget_set_visible (self->heading_label, heading != NULL);
}

const char *
mg_annotation_row_get_heading (MgAnnotationRow *self)
{
  g_return_val_if_fail (MG_IS_ANNOTATION_ROW (self), NULL);

  if (!gtk_widget_get_visible (self->heading_label))
    return NULL;
  return gtk_label_get_text (GTK_LABEL (self->heading_label));
}
