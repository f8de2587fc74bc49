/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Marginalia"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "mg-annotation-pane-private.h"
#include "mg-annotation-row.h"
#include "mg-tag-chip.h"
#include "mg-wrap-box.h"


G_DEFINE_FINAL_TYPE (MgAnnotationPane, mg_annotation_pane, GTK_TYPE_WIDGET)

enum {
  ANNOTATION_ACTIVATED,
  REATTACH_REQUESTED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

void
_mg_annotation_pane_notify_prop (MgAnnotationPane *self,
                                 guint             prop_id)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);
}

/* State shown around the list ----------------------------------------- */

void
_mg_annotation_pane_update_state (MgAnnotationPane *self)
{
  guint n_shown = g_list_model_get_n_items (G_LIST_MODEL (self->sort_model));
  guint n_orphans = g_list_model_get_n_items (G_LIST_MODEL (self->orphan_model));
  guint n_total = self->store != NULL ? g_list_model_get_n_items (G_LIST_MODEL (self->store)) : 0;
  guint n_placed = n_total - MIN (n_total, n_orphans);
  g_autofree char *count = NULL;
  g_autofree char *orphans = NULL;

  if (n_shown > 0)
    gtk_stack_set_visible_child_name (GTK_STACK (self->stack), "list");
  else if (n_placed == 0)
    gtk_stack_set_visible_child_name (GTK_STACK (self->stack), "empty");
  else
    gtk_stack_set_visible_child_name (GTK_STACK (self->stack), "no-matches");

  if (n_placed == 0)
    count = g_strdup ("");
  else if (_mg_annotation_pane_filters_active (self))
    /* TRANSLATORS: annotations shown out of all placed ones */
    count = g_strdup_printf (_("%u of %u"), n_shown, n_placed);
  else
    count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u annotation", "%u annotations", n_placed),
                             n_placed);
  gtk_label_set_label (GTK_LABEL (self->count_label), count);

  orphans = g_strdup_printf (_("Could not be placed (%u)"), n_orphans);
  gtk_label_set_label (GTK_LABEL (self->orphan_label), orphans);
  gtk_widget_set_visible (self->orphan_section, n_orphans > 0);
}

/* Sorted by tag, the first row of each group carries the group's name
 * (GTK 4.8's list view has no section headers). */
static void
update_heading (MgAnnotationPane *self,
                GtkListItem      *item)
{
  GtkWidget *row = gtk_list_item_get_child (item);
  MgAnnotation *annotation = gtk_list_item_get_item (item);
  guint position = gtk_list_item_get_position (item);
  const char *heading = NULL;

  if (row == NULL || annotation == NULL)
    return;
  if (g_strcmp0 (self->sort_by, MG_ANNOTATION_PANE_SORT_TAG) == 0 && position != GTK_INVALID_LIST_POSITION)
    {
      g_autoptr(MgAnnotation) previous = position > 0
        ? g_list_model_get_item (G_LIST_MODEL (self->sort_model), position - 1) : NULL;

      if (previous == NULL ||
          _mg_annotation_pane_group_of (self, previous) != _mg_annotation_pane_group_of (self, annotation))
        heading = _mg_annotation_pane_group_name (self, annotation);
    }
  mg_annotation_row_set_heading (MG_ANNOTATION_ROW (row), heading);
}

static void
position_changed_cb (GtkListItem      *item,
                     GParamSpec       *pspec,
                     MgAnnotationPane *self)
{
  update_heading (self, item);
}

void
_mg_annotation_pane_update_headings (MgAnnotationPane *self)
{
  GHashTableIter iter;
  gpointer item;

  g_hash_table_iter_init (&iter, self->list_items);
  while (g_hash_table_iter_next (&iter, &item, NULL))
    update_heading (self, item);
}

static void
model_items_changed_cb (MgAnnotationPane *self)
{
  _mg_annotation_pane_update_state (self);
  _mg_annotation_pane_update_headings (self);
}

static void
author_selected_cb (MgAnnotationPane *self)
{
  guint selected = gtk_drop_down_get_selected (GTK_DROP_DOWN (self->author_dropdown));

  if (self->updating_authors)
    return;

  if (selected == 0 || selected == GTK_INVALID_LIST_POSITION)
    mg_annotation_pane_set_author (self, NULL);
  else
    mg_annotation_pane_set_author (self,
                                   gtk_string_list_get_string (self->author_list, selected));
}

/* Store changes -------------------------------------------------------- */

static gboolean
refresh_idle_cb (gpointer user_data)
{
  MgAnnotationPane *self = user_data;

  self->refresh_id = 0;
  _mg_annotation_pane_refresh (self);

  return G_SOURCE_REMOVE;
}

static void
mg_annotation_pane_queue_refresh (MgAnnotationPane *self)
{
  /* A merge or an undo of a group sends many changes at once: refilter
   * once, before the next frame. */
  if (self->refresh_id == 0)
    self->refresh_id = g_idle_add_full (G_PRIORITY_HIGH_IDLE + 10,
                                        refresh_idle_cb, self, NULL);
}

/* Re-evaluates what depends on annotation fields the filter models cannot
 * see change: the filters, the tag order, the counts and the members. */
void
_mg_annotation_pane_refresh (MgAnnotationPane *self)
{
  GtkCustomFilter *filters[] = {
    self->placed_filter, self->tag_filter, self->starred_filter,
    self->author_filter, self->search_filter,
  };

  g_clear_handle_id (&self->refresh_id, g_source_remove);

  for (guint i = 0; i < G_N_ELEMENTS (filters); i++)
    if (gtk_filter_get_strictness (GTK_FILTER (filters[i])) == GTK_FILTER_MATCH_SOME)
      gtk_filter_changed (GTK_FILTER (filters[i]), GTK_FILTER_CHANGE_DIFFERENT);
  gtk_filter_changed (GTK_FILTER (self->orphan_filter), GTK_FILTER_CHANGE_DIFFERENT);

  if (g_strcmp0 (self->sort_by, MG_ANNOTATION_PANE_SORT_TAG) == 0)
    gtk_sorter_changed (GTK_SORTER (self->tag_sorter), GTK_SORTER_CHANGE_DIFFERENT);

  _mg_annotation_pane_update_tag_counts (self);
  _mg_annotation_pane_update_authors (self);
  _mg_annotation_pane_update_state (self);
  _mg_annotation_pane_update_headings (self);
}

static void
store_changed_cb (MgAnnotationPane *self)
{
  mg_annotation_pane_queue_refresh (self);
}

static void
tag_set_items_changed_cb (MgAnnotationPane *self)
{
  _mg_annotation_pane_rebuild_tag_filters (self);
  if (g_strcmp0 (self->sort_by, MG_ANNOTATION_PANE_SORT_TAG) == 0)
    gtk_sorter_changed (GTK_SORTER (self->tag_sorter), GTK_SORTER_CHANGE_DIFFERENT);
}

/* Actions -------------------------------------------------------------- */

static MgAnnotation *
lookup_target (MgAnnotationPane *self,
               const char       *id)
{
  if (self->store == NULL || self->read_only)
    return NULL;

  return mg_annotation_store_lookup (self->store, id);
}

static void
set_note_action (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       data)
{
  MgAnnotationPane *self = data;
  const char *id;
  const char *note;
  MgAnnotation *annotation;

  g_variant_get (parameter, "(&s&s)", &id, &note);
  if ((annotation = lookup_target (self, id)) != NULL &&
      g_strcmp0 (mg_annotation_get_note (annotation), note) != 0)
    mg_annotation_store_set_note (self->store, annotation, note);
}

static void
toggle_starred_action (GSimpleAction *action,
                       GVariant      *parameter,
                       gpointer       data)
{
  MgAnnotationPane *self = data;
  MgAnnotation *annotation;

  if ((annotation = lookup_target (self, g_variant_get_string (parameter, NULL))) != NULL)
    mg_annotation_store_set_starred (self->store, annotation,
                                     !mg_annotation_get_starred (annotation));
}

static void
toggle_tag_action (GSimpleAction *action,
                   GVariant      *parameter,
                   gpointer       data)
{
  MgAnnotationPane *self = data;
  g_autoptr(GError) error = NULL;
  const char *id;
  const char *tag_id;
  MgAnnotation *annotation;

  g_variant_get (parameter, "(&s&s)", &id, &tag_id);
  if ((annotation = lookup_target (self, id)) != NULL &&
      !mg_annotation_store_toggle_tag (self->store, annotation, tag_id, &error))
    /* Only a tag deleted while its check button was shown gets here; the
     * editor then shows the tags the store holds. */
    g_debug ("Could not change the tags of annotation %s: %s", id, error->message);
}

static void
delete_action (GSimpleAction *action,
               GVariant      *parameter,
               gpointer       data)
{
  MgAnnotationPane *self = data;
  MgAnnotation *annotation;

  if ((annotation = lookup_target (self, g_variant_get_string (parameter, NULL))) != NULL)
    mg_annotation_store_remove (self->store, annotation);
}

static void
reattach_action (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       data)
{
  MgAnnotationPane *self = data;
  MgAnnotation *annotation;

  if ((annotation = lookup_target (self, g_variant_get_string (parameter, NULL))) != NULL)
    g_signal_emit (self, signals[REATTACH_REQUESTED], 0, annotation);
}

static void
clear_filters_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  mg_annotation_pane_clear_filters (MG_ANNOTATION_PANE (widget));
}

static void
focus_search_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  mg_annotation_pane_focus_search (MG_ANNOTATION_PANE (widget));
}

/* The actions that change an annotation, in the pane's own group
 * ("pane."), beside the class's: enabled while there are annotations and
 * they may change. */
static const GActionEntry edit_actions[] = {
  { "set-note", set_note_action, "(ss)", NULL, NULL, { 0 } },
  { "toggle-starred", toggle_starred_action, "s", NULL, NULL, { 0 } },
  { "toggle-tag", toggle_tag_action, "(ss)", NULL, NULL, { 0 } },
  { "delete", delete_action, "s", NULL, NULL, { 0 } },
  { "reattach", reattach_action, "s", NULL, NULL, { 0 } },
};

static gboolean
can_edit (gpointer           this,
          MgAnnotationStore *store,
          gboolean           read_only,
          gpointer           data)
{
  return store != NULL && !read_only;
}

static void
add_edit_actions (MgAnnotationPane *self)
{
  g_autoptr(GSimpleActionGroup) group = g_simple_action_group_new ();

  g_action_map_add_action_entries (G_ACTION_MAP (group), edit_actions, G_N_ELEMENTS (edit_actions), self);
  for (guint i = 0; i < G_N_ELEMENTS (edit_actions); i++)
    {
      GtkExpression *params[] = {
        gtk_property_expression_new (MG_TYPE_ANNOTATION_PANE, NULL, "store"),
        gtk_property_expression_new (MG_TYPE_ANNOTATION_PANE, NULL, "read-only"),
      };

      gtk_expression_bind (gtk_cclosure_expression_new (G_TYPE_BOOLEAN, NULL, G_N_ELEMENTS (params), params,
                                                        G_CALLBACK (can_edit), NULL, NULL),
                           g_action_map_lookup_action (G_ACTION_MAP (group), edit_actions[i].name),
                           "enabled", self);
    }
  gtk_widget_insert_action_group (GTK_WIDGET (self), "pane", G_ACTION_GROUP (group));
}

/* Widgets -------------------------------------------------------------- */

static void
search_changed_cb (MgAnnotationPane *self)
{
  if (self->syncing_search)
    return;

  mg_annotation_pane_set_search_text (self,
                                      gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
}

static void
stop_search_cb (MgAnnotationPane *self)
{
  mg_annotation_pane_set_search_text (self, NULL);
  _mg_annotation_pane_sync_search_entry (self);
}

static void
emit_activated (MgAnnotationPane *self,
                MgAnnotation     *annotation)
{
  if (annotation != NULL)
    g_signal_emit (self, signals[ANNOTATION_ACTIVATED], 0, annotation);
}

static void
selection_changed_cb (MgAnnotationPane *self)
{
  gpointer selected = gtk_single_selection_get_selected_item (self->selection);

  /* The selection model also reports the same item at a new position
   * when the filters change around it: that is no new choice. */
  if (selected == self->last_selected)
    return;

  self->last_selected = selected;
  if (!self->selecting)
    emit_activated (self, selected);
}

static void
list_activate_cb (MgAnnotationPane *self,
                  guint             position)
{
  g_autoptr(MgAnnotation) annotation = g_list_model_get_item (G_LIST_MODEL (self->sort_model),
                                                              position);

  emit_activated (self, annotation);
}

/* A click on the row that is selected already: no selection change, so
 * the passage is revealed again (after the speech was scrolled away). The
 * press is seen before the list view's own gesture selects the row. */
static void
row_pressed_cb (GtkGestureClick *gesture,
                int              n_press,
                double           x,
                double           y,
                GtkListItem     *item)
{
  g_object_set_data (G_OBJECT (gesture), "mg-was-selected",
                     GINT_TO_POINTER (n_press == 1 && gtk_list_item_get_selected (item)));
}

static void
row_released_cb (GtkGestureClick *gesture,
                 int              n_press,
                 double           x,
                 double           y,
                 GtkListItem     *item)
{
  GtkWidget *row = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (gesture));
  MgAnnotationPane *self = MG_ANNOTATION_PANE (gtk_widget_get_ancestor (row, MG_TYPE_ANNOTATION_PANE));

  if (self != NULL && g_object_get_data (G_OBJECT (gesture), "mg-was-selected") &&
      gtk_list_item_get_selected (item) && gtk_list_item_get_item (item) != NULL)
    emit_activated (self, gtk_list_item_get_item (item));
  g_object_set_data (G_OBJECT (gesture), "mg-was-selected", NULL);
}

static void
factory_setup_cb (GtkSignalListItemFactory *factory,
                  GtkListItem              *item,
                  MgAnnotationPane         *self)
{
  GtkWidget *row = mg_annotation_row_new ();
  GtkGesture *click = gtk_gesture_click_new ();

  g_object_bind_property (self, "read-only", row, "read-only", G_BINDING_SYNC_CREATE);
  if (g_object_get_data (G_OBJECT (factory), "mg-main-list") != NULL)
    {
      g_hash_table_add (self->list_items, item);
      g_signal_connect_object (item, "notify::position", G_CALLBACK (position_changed_cb), self, 0);
    }
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_PRIMARY);
  g_signal_connect (click, "pressed", G_CALLBACK (row_pressed_cb), item);
  g_signal_connect (click, "released", G_CALLBACK (row_released_cb), item);
  gtk_widget_add_controller (row, GTK_EVENT_CONTROLLER (click));
  gtk_list_item_set_child (item, row);
}

static void
factory_bind_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *item,
                 MgAnnotationPane         *self)
{
  MgAnnotationRow *row = MG_ANNOTATION_ROW (gtk_list_item_get_child (item));

  mg_annotation_row_set_tag_set (row, self->tag_set);
  mg_annotation_row_set_annotation (row, gtk_list_item_get_item (item));
  if (g_hash_table_contains (self->list_items, item))
    update_heading (self, item);
}

static void
factory_teardown_cb (GtkSignalListItemFactory *factory,
                     GtkListItem              *item,
                     MgAnnotationPane         *self)
{
  g_hash_table_remove (self->list_items, item);
}

static void
factory_unbind_cb (GtkSignalListItemFactory *factory,
                   GtkListItem              *item,
                   MgAnnotationPane         *self)
{
  mg_annotation_row_set_annotation (MG_ANNOTATION_ROW (gtk_list_item_get_child (item)), NULL);
}

static GtkListItemFactory *
create_factory (MgAnnotationPane *self)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  g_signal_connect (factory, "setup", G_CALLBACK (factory_setup_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (factory_bind_cb), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (factory_unbind_cb), self);
  g_signal_connect (factory, "teardown", G_CALLBACK (factory_teardown_cb), self);

  return factory;
}

/* GObject -------------------------------------------------------------- */

static void
mg_annotation_pane_dispose (GObject *object)
{
  MgAnnotationPane *self = MG_ANNOTATION_PANE (object);

  mg_annotation_pane_set_store (self, NULL);
  g_clear_handle_id (&self->refresh_id, g_source_remove);

  gtk_widget_dispose_template (GTK_WIDGET (self), MG_TYPE_ANNOTATION_PANE);

  _mg_annotation_pane_reset_bulk (self);
  g_clear_object (&self->selection);
  g_clear_object (&self->sort_model);
  g_clear_object (&self->filter_model);
  g_clear_object (&self->orphan_model);
  g_clear_object (&self->every_filter);
  g_clear_object (&self->placed_filter);
  g_clear_object (&self->tag_filter);
  g_clear_object (&self->starred_filter);
  g_clear_object (&self->author_filter);
  g_clear_object (&self->search_filter);
  g_clear_object (&self->orphan_filter);
  g_clear_object (&self->tag_sorter);
  g_clear_object (&self->author_list);

  G_OBJECT_CLASS (mg_annotation_pane_parent_class)->dispose (object);
}

static void
mg_annotation_pane_finalize (GObject *object)
{
  MgAnnotationPane *self = MG_ANNOTATION_PANE (object);

  g_clear_pointer (&self->active_tags, g_hash_table_unref);
  g_clear_pointer (&self->list_items, g_hash_table_unref);
  g_clear_pointer (&self->search_text, g_free);
  g_clear_pointer (&self->search_key, g_free);
  g_clear_pointer (&self->author, g_free);
  g_clear_pointer (&self->sort_by, g_free);
  g_clear_pointer (&self->authors, g_strfreev);

  G_OBJECT_CLASS (mg_annotation_pane_parent_class)->finalize (object);
}

static void
mg_annotation_pane_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  MgAnnotationPane *self = MG_ANNOTATION_PANE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_READ_ONLY:
      g_value_set_boolean (value, self->read_only);
      break;
    case PROP_SEARCH_TEXT:
      g_value_set_string (value, self->search_text);
      break;
    case PROP_STARRED_ONLY:
      g_value_set_boolean (value, self->starred_only);
      break;
    case PROP_AUTHOR:
      g_value_set_string (value, self->author);
      break;
    case PROP_SORT_BY:
      g_value_set_string (value, self->sort_by);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mg_annotation_pane_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  MgAnnotationPane *self = MG_ANNOTATION_PANE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      mg_annotation_pane_set_store (self, g_value_get_object (value));
      break;
    case PROP_READ_ONLY:
      mg_annotation_pane_set_read_only (self, g_value_get_boolean (value));
      break;
    case PROP_SEARCH_TEXT:
      mg_annotation_pane_set_search_text (self, g_value_get_string (value));
      break;
    case PROP_STARRED_ONLY:
      mg_annotation_pane_set_starred_only (self, g_value_get_boolean (value));
      break;
    case PROP_AUTHOR:
      mg_annotation_pane_set_author (self, g_value_get_string (value));
      break;
    case PROP_SORT_BY:
      mg_annotation_pane_set_sort_by (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mg_annotation_pane_class_init (MgAnnotationPaneClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mg_annotation_pane_dispose;
  object_class->finalize = mg_annotation_pane_finalize;
  object_class->get_property = mg_annotation_pane_get_property;
  object_class->set_property = mg_annotation_pane_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         MG_TYPE_ANNOTATION_STORE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_READ_ONLY] =
    g_param_spec_boolean ("read-only", NULL, NULL,
                          FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SEARCH_TEXT] =
    g_param_spec_string ("search-text", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_STARRED_ONLY] =
    g_param_spec_boolean ("starred-only", NULL, NULL,
                          FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_AUTHOR] =
    g_param_spec_string ("author", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SORT_BY] =
    g_param_spec_string ("sort-by", NULL, NULL,
                         MG_ANNOTATION_PANE_SORT_POSITION,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[ANNOTATION_ACTIVATED] =
    g_signal_new ("annotation-activated",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, MG_TYPE_ANNOTATION);
  signals[REATTACH_REQUESTED] =
    g_signal_new ("reattach-requested",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, MG_TYPE_ANNOTATION);

  gtk_widget_class_install_action (widget_class, "pane.clear-filters", NULL, clear_filters_action);
  gtk_widget_class_install_action (widget_class, "pane.focus-search", NULL, focus_search_action);
  gtk_widget_class_install_property_action (widget_class, "pane.starred-only", "starred-only");
  gtk_widget_class_install_property_action (widget_class, "pane.sort-by", "sort-by");

  g_type_ensure (ADW_TYPE_STATUS_PAGE);
  g_type_ensure (MG_TYPE_WRAP_BOX);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/marginalia/Marginalia/mg-annotation-pane.ui");
  gtk_widget_class_bind_template_child (widget_class, MgAnnotationPane, box);
  gtk_widget_class_bind_template_child (widget_class, MgAnnotationPane, search_entry);
  gtk_widget_class_bind_template_child (widget_class, MgAnnotationPane, tag_filter_box);
  gtk_widget_class_bind_template_child (widget_class, MgAnnotationPane, starred_button);
  gtk_widget_class_bind_template_child (widget_class, MgAnnotationPane, author_dropdown);
  gtk_widget_class_bind_template_child (widget_class, MgAnnotationPane, count_label);
  gtk_widget_class_bind_template_child (widget_class, MgAnnotationPane, stack);
  gtk_widget_class_bind_template_child (widget_class, MgAnnotationPane, list_view);
  gtk_widget_class_bind_template_child (widget_class, MgAnnotationPane, orphan_section);
  gtk_widget_class_bind_template_child (widget_class, MgAnnotationPane, orphan_expander);
  gtk_widget_class_bind_template_child (widget_class, MgAnnotationPane, orphan_label);
  gtk_widget_class_bind_template_child (widget_class, MgAnnotationPane, orphan_view);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, stop_search_cb);
  gtk_widget_class_bind_template_callback (widget_class, author_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, list_activate_cb);

  gtk_widget_class_set_css_name (widget_class, "mg-annotation-pane");
}

static void
mg_annotation_pane_init (MgAnnotationPane *self)
{
  g_autoptr(GtkListItemFactory) factory = NULL;
  g_autoptr(GtkListItemFactory) orphan_factory = NULL;
  g_autoptr(GtkNoSelection) orphan_selection = NULL;

  self->active_tags = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->list_items = g_hash_table_new (NULL, NULL);
  self->sort_by = g_strdup (MG_ANNOTATION_PANE_SORT_POSITION);

  gtk_widget_init_template (GTK_WIDGET (self));

  self->placed_filter = gtk_custom_filter_new (_mg_annotation_pane_placed_match, NULL, NULL);
  self->tag_filter = gtk_custom_filter_new (NULL, NULL, NULL);
  self->starred_filter = gtk_custom_filter_new (NULL, NULL, NULL);
  self->author_filter = gtk_custom_filter_new (NULL, NULL, NULL);
  self->search_filter = gtk_custom_filter_new (NULL, NULL, NULL);
  self->every_filter = gtk_every_filter_new ();
  gtk_multi_filter_append (GTK_MULTI_FILTER (self->every_filter), g_object_ref (GTK_FILTER (self->placed_filter)));
  gtk_multi_filter_append (GTK_MULTI_FILTER (self->every_filter), g_object_ref (GTK_FILTER (self->tag_filter)));
  gtk_multi_filter_append (GTK_MULTI_FILTER (self->every_filter), g_object_ref (GTK_FILTER (self->starred_filter)));
  gtk_multi_filter_append (GTK_MULTI_FILTER (self->every_filter), g_object_ref (GTK_FILTER (self->author_filter)));
  gtk_multi_filter_append (GTK_MULTI_FILTER (self->every_filter), g_object_ref (GTK_FILTER (self->search_filter)));

  self->filter_model = gtk_filter_list_model_new (NULL, g_object_ref (GTK_FILTER (self->every_filter)));
  self->tag_sorter = gtk_custom_sorter_new (_mg_annotation_pane_tag_sort_func, self, NULL);
  self->sort_model = gtk_sort_list_model_new (g_object_ref (G_LIST_MODEL (self->filter_model)), NULL);
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->sort_model)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  g_signal_connect_swapped (self->selection, "notify::selected-item",
                            G_CALLBACK (selection_changed_cb), self);
  g_signal_connect_swapped (self->sort_model, "items-changed",
                            G_CALLBACK (model_items_changed_cb), self);

  self->orphan_filter = gtk_custom_filter_new (_mg_annotation_pane_orphan_match, NULL, NULL);
  self->orphan_model = gtk_filter_list_model_new (NULL, g_object_ref (GTK_FILTER (self->orphan_filter)));
  g_signal_connect_swapped (self->orphan_model, "items-changed",
                            G_CALLBACK (model_items_changed_cb), self);

  factory = create_factory (self);
  g_object_set_data (G_OBJECT (factory), "mg-main-list", GINT_TO_POINTER (TRUE));
  gtk_list_view_set_factory (GTK_LIST_VIEW (self->list_view), factory);
  gtk_list_view_set_model (GTK_LIST_VIEW (self->list_view), GTK_SELECTION_MODEL (self->selection));

  orphan_factory = create_factory (self);
  orphan_selection = gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->orphan_model)));
  gtk_list_view_set_factory (GTK_LIST_VIEW (self->orphan_view), orphan_factory);
  gtk_list_view_set_model (GTK_LIST_VIEW (self->orphan_view), GTK_SELECTION_MODEL (orphan_selection));

  self->author_list = gtk_string_list_new (NULL);
  gtk_string_list_append (self->author_list, _("All members"));
  gtk_drop_down_set_model (GTK_DROP_DOWN (self->author_dropdown), G_LIST_MODEL (self->author_list));

  add_edit_actions (self);
  _mg_annotation_pane_update_state (self);
}

/* Public API ----------------------------------------------------------- */

GtkWidget *
mg_annotation_pane_new (void)
{
  return g_object_new (MG_TYPE_ANNOTATION_PANE, NULL);
}

MgAnnotationStore *
mg_annotation_pane_get_store (MgAnnotationPane *self)
{
  g_return_val_if_fail (MG_IS_ANNOTATION_PANE (self), NULL);

  return self->store;
}

void
mg_annotation_pane_set_store (MgAnnotationPane  *self,
                              MgAnnotationStore *store)
{
  g_return_if_fail (MG_IS_ANNOTATION_PANE (self));
  g_return_if_fail (store == NULL || MG_IS_ANNOTATION_STORE (store));

  if (self->store == store)
    return;

  if (self->store != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->store, self);
      if (self->tag_set != NULL)
        g_signal_handlers_disconnect_by_data (self->tag_set, self);
    }
  g_clear_object (&self->tag_set);
  g_set_object (&self->store, store);

  if (self->store != NULL)
    {
      self->tag_set = g_object_ref (mg_annotation_store_get_tag_set (self->store));
      g_signal_connect_swapped (self->store, "changed",
                                G_CALLBACK (store_changed_cb), self);
      g_signal_connect_swapped (self->store, "annotation-changed",
                                G_CALLBACK (store_changed_cb), self);
      g_signal_connect_swapped (self->tag_set, "items-changed",
                                G_CALLBACK (tag_set_items_changed_cb), self);
    }
  _mg_annotation_pane_watch_bulk (self);

  _mg_annotation_pane_reset_store_filters (self);

  self->selecting = TRUE;
  gtk_filter_list_model_set_model (self->filter_model, G_LIST_MODEL (self->store));
  gtk_filter_list_model_set_model (self->orphan_model, G_LIST_MODEL (self->store));
  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
  self->last_selected = NULL;
  self->selecting = FALSE;

  _mg_annotation_pane_rebuild_tag_filters (self);
  _mg_annotation_pane_refresh (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_AUTHOR]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
}

static guint
find_position (GListModel   *model,
               MgAnnotation *annotation)
{
  guint n = g_list_model_get_n_items (model);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(MgAnnotation) item = g_list_model_get_item (model, i);

      if (item == annotation)
        return i;
    }

  return GTK_INVALID_LIST_POSITION;
}

void
mg_annotation_pane_select (MgAnnotationPane *self,
                           MgAnnotation     *annotation)
{
  guint position;

  g_return_if_fail (MG_IS_ANNOTATION_PANE (self));
  g_return_if_fail (annotation == NULL || MG_IS_ANNOTATION (annotation));

  if (self->refresh_id != 0)
    _mg_annotation_pane_refresh (self);

  self->selecting = TRUE;

  if (annotation == NULL || self->store == NULL ||
      mg_annotation_store_index_of (self->store, annotation) < 0)
    {
      gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
      self->selecting = FALSE;
      return;
    }

  if (mg_annotation_is_orphaned (annotation))
    {
      gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
      position = find_position (G_LIST_MODEL (self->orphan_model), annotation);
      gtk_expander_set_expanded (GTK_EXPANDER (self->orphan_expander), TRUE);
      if (position != GTK_INVALID_LIST_POSITION)
        gtk_widget_activate_action (self->orphan_view, "list.scroll-to-item", "u", position);
      self->selecting = FALSE;
      return;
    }

  position = find_position (G_LIST_MODEL (self->sort_model), annotation);
  if (position == GTK_INVALID_LIST_POSITION && _mg_annotation_pane_filters_active (self))
    {
      mg_annotation_pane_clear_filters (self);
      position = find_position (G_LIST_MODEL (self->sort_model), annotation);
    }

  if (position != GTK_INVALID_LIST_POSITION)
    {
      gtk_single_selection_set_selected (self->selection, position);
      gtk_widget_activate_action (self->list_view, "list.scroll-to-item", "u", position);
    }

  self->selecting = FALSE;
}

MgAnnotation *
mg_annotation_pane_get_selected (MgAnnotationPane *self)
{
  g_return_val_if_fail (MG_IS_ANNOTATION_PANE (self), NULL);

  return gtk_single_selection_get_selected_item (self->selection);
}

gboolean
mg_annotation_pane_get_read_only (MgAnnotationPane *self)
{
  g_return_val_if_fail (MG_IS_ANNOTATION_PANE (self), FALSE);

  return self->read_only;
}

void
mg_annotation_pane_set_read_only (MgAnnotationPane *self,
                                  gboolean          read_only)
{
  g_return_if_fail (MG_IS_ANNOTATION_PANE (self));

  read_only = !!read_only;
  if (self->read_only == read_only)
    return;

  self->read_only = read_only;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_READ_ONLY]);
}

void
mg_annotation_pane_focus_search (MgAnnotationPane *self)
{
  g_return_if_fail (MG_IS_ANNOTATION_PANE (self));

  gtk_widget_grab_focus (self->search_entry);
}
