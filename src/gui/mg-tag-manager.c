/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Marginalia"
#include "config.h"

#include <glib/gi18n.h>

#include "mg-tag-manager.h"
#include "mg-tag-style.h"

/* One tag: its colour, name and description, with buttons to move and
 * delete it. */

#define MG_TYPE_TAG_ROW (mg_tag_row_get_type ())
G_DECLARE_FINAL_TYPE (MgTagRow, mg_tag_row, MG, TAG_ROW, AdwExpanderRow)

struct _MgTagRow
{
  AdwExpanderRow     parent_instance;

  MgAnnotationStore *store;
  MgTag             *tag;
  GBindingGroup     *bindings;

  /* Template widgets */
  GtkMenuButton     *color_button;
  GtkWidget         *swatch;
  GtkColorChooser   *color_chooser;
  GtkWidget         *up_button;
  GtkWidget         *down_button;
  GtkWidget         *delete_button;
  AdwEntryRow       *name_row;
  AdwEntryRow       *description_row;
};

G_DEFINE_FINAL_TYPE (MgTagRow, mg_tag_row, ADW_TYPE_EXPANDER_ROW)

struct _MgTagManager
{
  AdwPreferencesWindow  parent_instance;

  MgAnnotationStore    *store;

  /* Template widgets */
  GtkListBox           *tag_list;
  AdwEntryRow          *new_tag_row;
};

G_DEFINE_FINAL_TYPE (MgTagManager, mg_tag_manager, ADW_TYPE_PREFERENCES_WINDOW)

enum {
  PROP_0,
  PROP_STORE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
report_error (GtkWidget *widget,
              GError    *error)
{
  GtkRoot *root = gtk_widget_get_root (widget);

  if (ADW_IS_PREFERENCES_WINDOW (root))
    adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (root), adw_toast_new (error->message));
}

/* MgTagRow ------------------------------------------------------------- */

static void
mg_tag_row_update_count (MgTagRow *self)
{
  guint count = mg_annotation_store_count_tag (self->store, mg_tag_get_id (self->tag));
  g_autofree char *subtitle = NULL;
  const char *description = mg_tag_get_description (self->tag);

  subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u annotation", "%u annotations", count),
                              count);
  if (*description != '\0')
    {
      char *with = g_strdup_printf ("%s · %s", subtitle, description);

      g_free (subtitle);
      subtitle = with;
    }
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (self), subtitle);
}

static void
mg_tag_row_update_position (MgTagRow *self,
                            guint     position,
                            guint     n_tags)
{
  gtk_widget_set_sensitive (self->up_button, position > 0);
  gtk_widget_set_sensitive (self->down_button, position + 1 < n_tags);
}

static void
color_activated_cb (MgTagRow        *self,
                    const GdkRGBA   *rgba,
                    GtkColorChooser *chooser)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *color = g_strdup_printf ("#%02x%02x%02x",
                                            (int) (rgba->red * 255 + 0.5),
                                            (int) (rgba->green * 255 + 0.5),
                                            (int) (rgba->blue * 255 + 0.5));

  gtk_menu_button_popdown (self->color_button);
  if (!mg_annotation_store_set_tag_color (self->store, mg_tag_get_id (self->tag), color, &error))
    report_error (GTK_WIDGET (self), error);
}

static void
name_apply_cb (MgTagRow    *self,
               AdwEntryRow *row)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));

  /* The name shown unchanged (a built-in name in the reader's language):
   * nothing to rename. */
  if (*name == '\0' || g_strcmp0 (name, mg_tag_get_display_name (self->tag)) == 0)
    {
      gtk_editable_set_text (GTK_EDITABLE (row), mg_tag_get_display_name (self->tag));
      return;
    }
  if (!mg_annotation_store_rename_tag (self->store, mg_tag_get_id (self->tag), name, &error))
    report_error (GTK_WIDGET (self), error);
}

static void
description_apply_cb (MgTagRow    *self,
                      AdwEntryRow *row)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));

  if (!mg_annotation_store_set_tag_description (self->store, mg_tag_get_id (self->tag), text, &error))
    report_error (GTK_WIDGET (self), error);
}

static gboolean
color_to_rgba (GBinding     *binding,
               const GValue *from,
               GValue       *to,
               gpointer      user_data)
{
  GdkRGBA rgba;

  if (!mg_tag_style_parse (g_value_get_string (from), 1.0, &rgba))
    return FALSE;
  g_value_set_boxed (to, &rgba);
  return TRUE;
}

static void
mg_tag_row_dispose (GObject *object)
{
  MgTagRow *self = MG_TAG_ROW (object);

  g_clear_object (&self->bindings);
  g_clear_object (&self->tag);
  g_clear_object (&self->store);
  gtk_widget_dispose_template (GTK_WIDGET (self), MG_TYPE_TAG_ROW);

  G_OBJECT_CLASS (mg_tag_row_parent_class)->dispose (object);
}

static void
mg_tag_row_class_init (MgTagRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mg_tag_row_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/org/marginalia/Marginalia/mg-tag-row.ui");
  gtk_widget_class_bind_template_child (widget_class, MgTagRow, color_button);
  gtk_widget_class_bind_template_child (widget_class, MgTagRow, swatch);
  gtk_widget_class_bind_template_child (widget_class, MgTagRow, color_chooser);
  gtk_widget_class_bind_template_child (widget_class, MgTagRow, up_button);
  gtk_widget_class_bind_template_child (widget_class, MgTagRow, down_button);
  gtk_widget_class_bind_template_child (widget_class, MgTagRow, delete_button);
  gtk_widget_class_bind_template_child (widget_class, MgTagRow, name_row);
  gtk_widget_class_bind_template_child (widget_class, MgTagRow, description_row);
  gtk_widget_class_bind_template_callback (widget_class, color_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, name_apply_cb);
  gtk_widget_class_bind_template_callback (widget_class, description_apply_cb);
}

static void
mg_tag_row_init (MgTagRow *self)
{
  guint n_colors;
  const char * const *palette = mg_tag_set_get_palette (&n_colors);
  g_autofree GdkRGBA *colors = g_new0 (GdkRGBA, n_colors);

  gtk_widget_init_template (GTK_WIDGET (self));

  for (guint i = 0; i < n_colors; i++)
    mg_tag_style_parse (palette[i], 1.0, &colors[i]);
  /* Replaces GTK's own palette with the one tags take their colours from. */
  gtk_color_chooser_add_palette (self->color_chooser, GTK_ORIENTATION_HORIZONTAL,
                                 8, n_colors, colors);

  /* The row follows its tag: a rename, recolour or description made here,
   * undone, or read from another program's change. */
  self->bindings = g_binding_group_new ();
  g_binding_group_bind (self->bindings, "display-name", self, "title", G_BINDING_SYNC_CREATE);
  g_binding_group_bind (self->bindings, "display-name", self->name_row, "text", G_BINDING_SYNC_CREATE);
  g_binding_group_bind (self->bindings, "description", self->description_row, "text", G_BINDING_SYNC_CREATE);
  g_binding_group_bind_full (self->bindings, "color", self->color_chooser, "rgba",
                             G_BINDING_SYNC_CREATE, color_to_rgba, NULL, NULL, NULL);
}

static GtkWidget *
mg_tag_row_new (MgAnnotationStore *store,
                MgTag             *tag)
{
  MgTagRow *self = g_object_new (MG_TYPE_TAG_ROW, NULL);
  GVariant *target = g_variant_new_string (mg_tag_get_id (tag));
  g_autofree char *css_class = mg_tag_style_css_class (mg_tag_get_id (tag));
  g_autofree char *tooltip = NULL;

  self->store = g_object_ref (store);
  self->tag = g_object_ref (tag);
  g_binding_group_set_source (self->bindings, tag);

  g_variant_ref_sink (target);
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (self->up_button), target);
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (self->down_button), target);
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (self->delete_button), target);
  g_variant_unref (target);
  gtk_widget_add_css_class (self->swatch, css_class);

  mg_tag_row_update_count (self);
  return GTK_WIDGET (self);
}

/* MgTagManager --------------------------------------------------------- */

static void
mg_tag_manager_update_rows (MgTagManager *self)
{
  guint n = mg_tag_set_get_n_tags (mg_annotation_store_get_tag_set (self->store));

  for (guint i = 0; i < n; i++)
    {
      GtkListBoxRow *row = gtk_list_box_get_row_at_index (self->tag_list, i);

      if (MG_IS_TAG_ROW (row))
        {
          mg_tag_row_update_count (MG_TAG_ROW (row));
          mg_tag_row_update_position (MG_TAG_ROW (row), i, n);
        }
    }
}

static GtkWidget *
create_row (gpointer item,
            gpointer user_data)
{
  MgTagManager *self = user_data;

  return mg_tag_row_new (self->store, item);
}

static void
tags_items_changed (MgTagManager *self)
{
  /* After the list box made its rows for the change. */
  mg_tag_manager_update_rows (self);
}

static void
new_tag_apply_cb (MgTagManager *self,
                  AdwEntryRow  *row)
{
  MgTagSet *tags = mg_annotation_store_get_tag_set (self->store);
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
  g_autofree char *id = NULL;
  g_autoptr(MgTag) tag = NULL;
  g_autoptr(GError) error = NULL;

  if (*name == '\0')
    return;
  id = mg_tag_set_make_id (tags, name);
  tag = mg_tag_new (id, name, mg_tag_set_suggest_color (tags), "");
  if (!mg_annotation_store_add_tag (self->store, tag, &error))
    {
      report_error (GTK_WIDGET (self), error);
      return;
    }
  gtk_editable_set_text (GTK_EDITABLE (row), "");
}

static void
move_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  MgTagManager *self = MG_TAG_MANAGER (widget);
  const char *id = g_variant_get_string (parameter, NULL);
  int position = mg_tag_set_index_of (mg_annotation_store_get_tag_set (self->store), id);
  g_autoptr(GError) error = NULL;

  if (position < 0)
    return;
  if (g_str_equal (action_name, "tags.move-up"))
    {
      if (position == 0)
        return;
      position--;
    }
  else
    position++;
  if (!mg_annotation_store_move_tag (self->store, id, position, &error))
    report_error (widget, error);
}

static void
undo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  mg_annotation_store_undo (MG_TAG_MANAGER (widget)->store);
}

static void
delete_response (AdwMessageDialog *dialog,
                 const char       *response,
                 MgTagManager     *self)
{
  const char *id = g_object_get_data (G_OBJECT (dialog), "mg-tag-id");
  g_autoptr(GError) error = NULL;
  AdwToast *toast;

  if (!g_str_equal (response, "delete"))
    return;
  if (!mg_annotation_store_delete_tag (self->store, id, &error))
    {
      report_error (GTK_WIDGET (self), error);
      return;
    }
  toast = adw_toast_new (_("Tag deleted"));
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_action_name (toast, "tags.undo");
  adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), toast);
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  MgTagManager *self = MG_TAG_MANAGER (widget);
  const char *id = g_variant_get_string (parameter, NULL);
  MgTag *tag = mg_tag_set_lookup (mg_annotation_store_get_tag_set (self->store), id);
  g_autofree char *heading = NULL;
  g_autofree char *body = NULL;
  GtkWidget *dialog;
  guint count;

  if (tag == NULL)
    return;
  count = mg_annotation_store_count_tag (self->store, id);
  heading = g_strdup_printf (_("Delete “%s”?"), mg_tag_get_display_name (tag));
  if (count == 0)
    body = g_strdup (_("No annotation has this tag."));
  else
    body = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "The tag is taken off %u annotation, which keeps its other tags.",
                                         "The tag is taken off %u annotations, which keep their other tags.",
                                         count),
                            count);
  dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "delete", _("_Delete"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "delete",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "mg-tag-id", g_strdup (id), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (delete_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
mg_tag_manager_constructed (GObject *object)
{
  MgTagManager *self = MG_TAG_MANAGER (object);
  MgTagSet *tags = mg_annotation_store_get_tag_set (self->store);

  G_OBJECT_CLASS (mg_tag_manager_parent_class)->constructed (object);

  mg_tag_style_track (tags);
  gtk_list_box_bind_model (self->tag_list, G_LIST_MODEL (tags), create_row, self, NULL);
  g_signal_connect_object (tags, "items-changed", G_CALLBACK (tags_items_changed), self,
                           G_CONNECT_SWAPPED | G_CONNECT_AFTER);
  g_signal_connect_object (tags, "tag-changed", G_CALLBACK (mg_tag_manager_update_rows), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->store, "changed", G_CALLBACK (mg_tag_manager_update_rows), self,
                           G_CONNECT_SWAPPED);
  mg_tag_manager_update_rows (self);
}

static void
mg_tag_manager_dispose (GObject *object)
{
  MgTagManager *self = MG_TAG_MANAGER (object);

  if (self->tag_list != NULL)
    gtk_list_box_bind_model (self->tag_list, NULL, NULL, NULL, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), MG_TYPE_TAG_MANAGER);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (mg_tag_manager_parent_class)->dispose (object);
}

static void
mg_tag_manager_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  MgTagManager *self = MG_TAG_MANAGER (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mg_tag_manager_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  MgTagManager *self = MG_TAG_MANAGER (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mg_tag_manager_class_init (MgTagManagerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = mg_tag_manager_constructed;
  object_class->dispose = mg_tag_manager_dispose;
  object_class->get_property = mg_tag_manager_get_property;
  object_class->set_property = mg_tag_manager_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, MG_TYPE_ANNOTATION_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/marginalia/Marginalia/mg-tag-manager.ui");
  gtk_widget_class_bind_template_child (widget_class, MgTagManager, tag_list);
  gtk_widget_class_bind_template_child (widget_class, MgTagManager, new_tag_row);
  gtk_widget_class_bind_template_callback (widget_class, new_tag_apply_cb);

  gtk_widget_class_install_action (widget_class, "tags.move-up", "s", move_action);
  gtk_widget_class_install_action (widget_class, "tags.move-down", "s", move_action);
  gtk_widget_class_install_action (widget_class, "tags.delete", "s", delete_action);
  gtk_widget_class_install_action (widget_class, "tags.undo", NULL, undo_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
mg_tag_manager_init (MgTagManager *self)
{
  g_type_ensure (MG_TYPE_TAG_ROW);
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
mg_tag_manager_new (MgAnnotationStore *store)
{
  g_return_val_if_fail (MG_IS_ANNOTATION_STORE (store), NULL);

  return g_object_new (MG_TYPE_TAG_MANAGER, "store", store, NULL);
}

MgAnnotationStore *
mg_tag_manager_get_store (MgTagManager *self)
{
  g_return_val_if_fail (MG_IS_TAG_MANAGER (self), NULL);
  return self->store;
}
