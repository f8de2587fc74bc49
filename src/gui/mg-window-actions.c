/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Marginalia"
#include "config.h"

#include <math.h>
#include <glib/gi18n.h>

#include "mg-tag-manager.h"
#include "mg-window-export.h"
#include "mg-window-compare.h"
#include "mg-window-statistics.h"
#include "mg-window-tidy.h"
#include "mg-window-private.h"

#define ZOOM_STEP 1.1
#define ZOOM_MIN  0.5
#define ZOOM_MAX  3.0

gboolean
_mg_window_is_writable (MgWindow *self)
{
  return self->sidecar != NULL &&
         !mg_sidecar_get_broken (self->sidecar) &&
         !mg_sidecar_get_read_only (self->sidecar);
}

const char *
_mg_window_author_name (MgWindow *self)
{
  g_autofree char *name = g_settings_get_string (self->settings, "author-name");

  g_strstrip (name);
  if (*name == '\0')
    return NULL;
  /* Kept on the window so that the pointer stays valid for the caller. */
  g_object_set_data_full (G_OBJECT (self), "mg-author", g_steal_pointer (&name), g_free);
  return g_object_get_data (G_OBJECT (self), "mg-author");
}

void
_mg_window_apply_to_selection (MgWindow   *self,
                               int         tag_position,
                               const char *note,
                               gboolean    starred)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *toast = NULL;
  const char *tags[2] = { NULL, NULL };
  MgAnnotation *annotation;
  guint start, end;

  if (!_mg_window_is_writable (self) ||
      !mg_document_view_get_selection (self->document_view, &start, &end))
    return;

  if (tag_position >= 0)
    {
      MgTagSet *tag_set = mg_annotation_store_get_tag_set (self->store);
      MgTag *tag;

      if ((guint) tag_position >= mg_tag_set_get_n_tags (tag_set))
        return;
      tag = mg_tag_set_get_tag (tag_set, tag_position);
      tags[0] = mg_tag_get_id (tag);
      toast = g_strdup_printf (_("Tagged as “%s”"), mg_tag_get_display_name (tag));
    }
  else
    toast = g_strdup (_("Highlighted"));

  annotation = mg_annotation_store_create (self->store, start, end,
                                           tags[0] ? tags : NULL,
                                           note, starred, _mg_window_author_name (self), &error);
  if (annotation == NULL)
    {
      _mg_window_toast (self, error->message, FALSE);
      return;
    }

  mg_document_view_clear_selection (self->document_view);
  _mg_window_set_selected (self, annotation);
  _mg_window_toast (self, toast, TRUE);
}

static void
popover_apply (MgWindow   *self,
               int         tag_position,
               const char *note,
               gboolean    starred)
{
  _mg_window_apply_to_selection (self, tag_position, note, starred);
}

static void
chooser_response (GtkNativeDialog *dialog,
                  int              response,
                  MgWindow        *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));

      if (mg_window_has_document (self))
        mg_application_open_file (MG_APPLICATION (gtk_window_get_application (GTK_WINDOW (self))), file);
      else
        mg_window_open_file (self, file);
    }
  g_clear_object (&self->chooser);
}

static void
open_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  MgWindow *self = MG_WINDOW (widget);
  g_autoptr(GtkFileFilter) text_filter = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) all_filter = gtk_file_filter_new ();

  if (self->chooser != NULL)
    return;

  gtk_file_filter_set_name (text_filter, _("Plain Text"));
  gtk_file_filter_add_mime_type (text_filter, "text/plain");
  gtk_file_filter_add_suffix (text_filter, "txt");
  gtk_file_filter_set_name (all_filter, _("All Files"));
  gtk_file_filter_add_pattern (all_filter, "*");

  self->chooser = gtk_file_chooser_native_new (_("Open a Speech"), GTK_WINDOW (self),
                                               GTK_FILE_CHOOSER_ACTION_OPEN,
                                               _("_Open"), _("_Cancel"));
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), text_filter);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), all_filter);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  g_signal_connect (self->chooser, "response", G_CALLBACK (chooser_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
open_sample_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  MgWindow *self = MG_WINDOW (widget);
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) sample = mg_application_dup_sample_file (&error);

  if (sample == NULL)
    {
      _mg_window_toast (self, error->message, FALSE);
      return;
    }
  if (mg_window_has_document (self))
    mg_application_open_file (MG_APPLICATION (gtk_window_get_application (GTK_WINDOW (self))), sample);
  else
    mg_window_open_file (self, sample);
}

static void
undo_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       data)
{
  MgWindow *self = data;
  gboolean redo = g_str_equal (g_action_get_name (G_ACTION (action)), "redo");
  g_autofree char *label = NULL;
  const char *step;

  if (!_mg_window_is_writable (self))
    return;
  step = redo ? mg_annotation_store_get_redo_label (self->store)
              : mg_annotation_store_get_undo_label (self->store);
  if (step != NULL)
    label = g_strdup_printf (redo ? _("Redone: %s") : _("Undone: %s"), step);
  if (redo ? mg_annotation_store_redo (self->store) : mg_annotation_store_undo (self->store))
    _mg_window_toast (self, label ? label : (redo ? _("Redone") : _("Undone")), FALSE);
}

static void
tag_selection_action (GSimpleAction *action,
                      GVariant      *parameter,
                      gpointer       data)
{
  _mg_window_apply_to_selection (data, g_variant_get_int32 (parameter), NULL, FALSE);
}

static void
highlight_action (GSimpleAction *action,
                  GVariant      *parameter,
                  gpointer       data)
{
  _mg_window_apply_to_selection (data, -1, NULL, FALSE);
}

static void
show_tag_popover_action (GSimpleAction *action,
                         GVariant      *parameter,
                         gpointer       data)
{
  MgWindow *self = data;

  mg_document_view_popup_tags (self->document_view);
}

static void
delete_annotation_action (GSimpleAction *action,
                          GVariant      *parameter,
                          gpointer       data)
{
  MgWindow *self = data;
  g_autoptr(MgAnnotation) annotation = NULL;

  if (self->selected == NULL || !_mg_window_is_writable (self))
    return;
  annotation = g_object_ref (self->selected);
  _mg_window_set_selected (self, NULL);
  if (mg_annotation_store_remove (self->store, annotation))
    _mg_window_toast (self, _("Annotation removed"), TRUE);
}

static void
update_search_label (MgWindow *self,
                     guint     index)
{
  guint n = mg_document_view_get_n_matches (self->document_view);
  g_autofree char *text = NULL;

  if (*gtk_editable_get_text (GTK_EDITABLE (self->search_entry)) == '\0')
    text = g_strdup ("");
  else if (n == 0)
    text = g_strdup (_("No matches"));
  else if (index > 0)
    /* Translators: position of the current match, e.g. "3 of 12". */
    text = g_strdup_printf (_("%u of %u"), index, n);
  else
    text = g_strdup_printf (ngettext ("%u match", "%u matches", n), n);
  gtk_label_set_text (self->search_label, text);
}

static void
search_changed (MgWindow *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  guint n = mg_document_view_set_search_text (self->document_view, text);
  guint index = 0;

  if (n > 0)
    {
      /* Start from the top of the current view rather than the old match. */
      mg_document_view_clear_selection (self->document_view);
      index = mg_document_view_search_next (self->document_view, FALSE);
    }
  update_search_label (self, index);
}

static void
search_move (MgWindow *self,
             gboolean  backward)
{
  update_search_label (self, mg_document_view_search_next (self->document_view, backward));
}

static void
search_next (MgWindow *self)
{
  search_move (self, FALSE);
}

static void
search_previous (MgWindow *self)
{
  search_move (self, TRUE);
}

static void
search_stopped (MgWindow *self)
{
  gtk_search_bar_set_search_mode (self->search_bar, FALSE);
}

static void
search_mode_changed (MgWindow *self)
{
  if (!gtk_search_bar_get_search_mode (self->search_bar))
    {
      mg_document_view_set_search_text (self->document_view, "");
      gtk_label_set_text (self->search_label, "");
      gtk_widget_grab_focus (GTK_WIDGET (mg_document_view_get_text_view (self->document_view)));
    }
}

static void
find_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       data)
{
  MgWindow *self = data;
  const char *action_name = g_action_get_name (G_ACTION (action));

  if (g_str_equal (action_name, "find"))
    {
      gtk_search_bar_set_search_mode (self->search_bar, TRUE);
      gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
      gtk_editable_select_region (GTK_EDITABLE (self->search_entry), 0, -1);
    }
  else
    search_move (self, g_str_equal (action_name, "find-previous"));
}

static void
zoom_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       data)
{
  MgWindow *self = data;
  const char *action_name = g_action_get_name (G_ACTION (action));

  if (g_str_equal (action_name, "zoom-in"))
    self->zoom = MIN (ZOOM_MAX, self->zoom * ZOOM_STEP);
  else if (g_str_equal (action_name, "zoom-out"))
    self->zoom = MAX (ZOOM_MIN, self->zoom / ZOOM_STEP);
  else
    self->zoom = 1.0;
  /* Snap back to 1.0 after in-out round trips. */
  if (fabs (self->zoom - 1.0) < 0.01)
    self->zoom = 1.0;
  g_settings_set_double (self->settings, "zoom", self->zoom);
  _mg_window_apply_font (self);
  _mg_window_notify (self, MG_WINDOW_PROP_ZOOM);
}

static void
start_afresh_action (GSimpleAction *action,
                     GVariant      *parameter,
                     gpointer       data)
{
  MgWindow *self = data;
  g_autoptr(GFile) moved_to = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *message = NULL;

  if (self->sidecar == NULL || !mg_sidecar_get_broken (self->sidecar))
    return;

  if (!mg_sidecar_start_afresh (self->sidecar, &moved_to, &error))
    {
      message = g_strdup_printf (_("Could not start new annotations: %s"), error->message);
      _mg_window_toast (self, message, FALSE);
      return;
    }

  /* The sidecar may have replaced its store. */
  if (self->store != mg_sidecar_get_store (self->sidecar))
    {
      g_set_object (&self->store, mg_sidecar_get_store (self->sidecar));
      g_signal_group_set_target (self->store_signals, self->store);
      _mg_window_notify (self, MG_WINDOW_PROP_STORE);
    }
  mg_document_view_set_store (self->document_view, NULL);
  mg_document_view_set_store (self->document_view, self->store);
  _mg_window_sidecar_state_changed (self);

  gtk_info_bar_set_revealed (self->sidecar_bar, FALSE);
  name = moved_to ? g_file_get_basename (moved_to) : NULL;
  message = name ? g_strdup_printf (_("The unreadable annotations were kept as “%s”"), name)
                 : g_strdup (_("Started new annotations"));
  _mg_window_toast (self, message, FALSE);
}

static void
review_changes_action (GSimpleAction *action,
                       GVariant      *parameter,
                       gpointer       data)
{
  MgWindow *self = data;
  guint n = mg_annotation_store_get_n_annotations (self->store);

  /* Visits, one by one, the annotations that were not found where they
   * were; orphans are listed in the pane. */
  for (guint k = 0; k < n; k++)
    {
      guint i = (self->review_position + k) % n;
      MgAnnotation *annotation = mg_annotation_store_get_annotation (self->store, i);
      MgAnchorState state = mg_annotation_get_anchor_state (annotation);

      if (state == MG_ANCHOR_STATE_MOVED || state == MG_ANCHOR_STATE_FUZZY)
        {
          self->review_position = i + 1;
          _mg_window_set_selected (self, annotation);
          mg_document_view_reveal_annotation (self->document_view, annotation);
          return;
        }
    }
  _mg_window_toast (self, _("Every annotation that could be placed is where it was"), FALSE);
}

static void
manage_tags_action (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       data)
{
  MgWindow *self = data;
  GtkWidget *manager = mg_tag_manager_new (self->store);

  gtk_window_set_transient_for (GTK_WINDOW (manager), GTK_WINDOW (self));
  gtk_window_present (GTK_WINDOW (manager));
}

static void
anchor_bar_response (MgWindow *self,
                     int       response)
{
  if (response == GTK_RESPONSE_CLOSE)
    gtk_info_bar_set_revealed (self->anchor_bar, FALSE);
}

void
_mg_window_class_init_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.open", NULL, open_action);
  gtk_widget_class_install_action (widget_class, "win.open-sample", NULL, open_sample_action);
}

/* The actions whose state is bound to the window's properties (and the
 * text's selection), in the window's own action group ("win."). */
static const GActionEntry bound_actions[] = {
  { "undo", undo_action, NULL, NULL, NULL, { 0 } },
  { "redo", undo_action, NULL, NULL, NULL, { 0 } },
  { "tag-selection", tag_selection_action, "i", NULL, NULL, { 0 } },
  { "highlight", highlight_action, NULL, NULL, NULL, { 0 } },
  { "show-tag-popover", show_tag_popover_action, NULL, NULL, NULL, { 0 } },
  { "delete-annotation", delete_annotation_action, NULL, NULL, NULL, { 0 } },
  { "manage-tags", manage_tags_action, NULL, NULL, NULL, { 0 } },
  { "find", find_action, NULL, NULL, NULL, { 0 } },
  { "find-next", find_action, NULL, NULL, NULL, { 0 } },
  { "find-previous", find_action, NULL, NULL, NULL, { 0 } },
  { "zoom-in", zoom_action, NULL, NULL, NULL, { 0 } },
  { "zoom-out", zoom_action, NULL, NULL, NULL, { 0 } },
  { "zoom-reset", zoom_action, NULL, NULL, NULL, { 0 } },
  { "start-afresh", start_afresh_action, NULL, NULL, NULL, { 0 } },
  { "review-changes", review_changes_action, NULL, NULL, NULL, { 0 } },
};

static gboolean
all_of (gpointer this,
        gboolean a,
        gboolean b,
        gpointer data)
{
  return a && b;
}

static gboolean
editable_with (gpointer      this,
               gboolean      editable,
               MgAnnotation *selected,
               gpointer      data)
{
  return editable && selected != NULL;
}

/* Whether zooming in ("zoom-in") or out can go a step further. */
static gboolean
can_zoom (gpointer    this,
          gboolean    ready,
          double      zoom,
          const char *direction)
{
  return ready && (g_str_equal (direction, "in") ? zoom < ZOOM_MAX : zoom > ZOOM_MIN);
}

/* The sidecar could not be read: it may be started afresh. */
static gboolean
sidecar_broken (gpointer   this,
                gboolean   ready,
                gboolean   editable,
                MgSidecar *sidecar)
{
  return ready && sidecar != NULL && mg_sidecar_get_broken (sidecar);
}

/* The annotations were put back on an edited speech: review them. */
static gboolean
sidecar_reanchored (gpointer   this,
                    gboolean   ready,
                    gboolean   editable,
                    MgSidecar *sidecar)
{
  return ready && sidecar != NULL && mg_sidecar_get_reanchored (sidecar);
}

GtkExpression *
_mg_window_property (const char *name)
{
  return gtk_property_expression_new (MG_TYPE_WINDOW, NULL, name);
}

GtkExpression *
_mg_window_closure (GCallback      callback,
                    gpointer       data,
                    GtkExpression *first,
                    ...)
{
  g_autoptr(GPtrArray) params = g_ptr_array_new ();
  va_list args;

  va_start (args, first);
  for (GtkExpression *param = first; param != NULL; param = va_arg (args, GtkExpression *))
    g_ptr_array_add (params, param);
  va_end (args);
  return gtk_cclosure_expression_new (G_TYPE_BOOLEAN, NULL, params->len,
                                      (GtkExpression **) params->pdata, callback, data, NULL);
}

void
_mg_window_add_actions (MgWindow           *self,
                        const GActionEntry *entries,
                        guint               n_entries)
{
  g_action_map_add_action_entries (G_ACTION_MAP (self), entries, n_entries, self);
}

void
_mg_window_bind_enabled_to (MgWindow      *self,
                            const char    *name,
                            GtkExpression *expression)
{
  gtk_expression_bind (expression, g_action_map_lookup_action (G_ACTION_MAP (self), name),
                       "enabled", self);
}

void
_mg_window_bind_enabled (MgWindow   *self,
                         const char *name,
                         const char *property)
{
  g_object_bind_property (self, property, g_action_map_lookup_action (G_ACTION_MAP (self), name),
                          "enabled", G_BINDING_SYNC_CREATE);
}

/* Each action's state follows what it needs: a speech shown, annotations
 * that may change, something to undo, the zoom, the selected annotation,
 * text selected, the state of the sidecar. */
static void
bind_actions (MgWindow *self)
{
  GtkTextView *text_view = mg_document_view_get_text_view (self->document_view);
  const char *on_selection[] = { "tag-selection", "highlight", "show-tag-popover" };
  const char *on_document[] = { "find", "find-next", "find-previous", "zoom-reset" };
  const char *zooms[][2] = { { "zoom-in", "in" }, { "zoom-out", "out" } };

  _mg_window_add_actions (self, bound_actions, G_N_ELEMENTS (bound_actions));

  _mg_window_bind_enabled (self, "undo", "can-undo");
  _mg_window_bind_enabled (self, "redo", "can-redo");
  _mg_window_bind_enabled (self, "manage-tags", "editable");
  for (guint i = 0; i < G_N_ELEMENTS (on_document); i++)
    _mg_window_bind_enabled (self, on_document[i], "document-ready");
  for (guint i = 0; i < G_N_ELEMENTS (on_selection); i++)
    {
      GtkExpression *buffer = gtk_property_expression_new (GTK_TYPE_TEXT_VIEW,
                                                           gtk_object_expression_new (G_OBJECT (text_view)),
                                                           "buffer");

      _mg_window_bind_enabled_to (self, on_selection[i],
                                  _mg_window_closure (G_CALLBACK (all_of), NULL, _mg_window_property ("editable"),
                                                      gtk_property_expression_new (GTK_TYPE_TEXT_BUFFER, buffer,
                                                                                   "has-selection"),
                                                      NULL));
    }
  _mg_window_bind_enabled_to (self, "delete-annotation",
                              _mg_window_closure (G_CALLBACK (editable_with), NULL,
                                                  _mg_window_property ("editable"),
                                                  _mg_window_property ("selected"), NULL));
  for (guint i = 0; i < G_N_ELEMENTS (zooms); i++)
    _mg_window_bind_enabled_to (self, zooms[i][0],
                                _mg_window_closure (G_CALLBACK (can_zoom), (gpointer) zooms[i][1],
                                                    _mg_window_property ("document-ready"),
                                                    _mg_window_property ("zoom"), NULL));
  _mg_window_bind_enabled_to (self, "start-afresh",
                              _mg_window_closure (G_CALLBACK (sidecar_broken), NULL,
                                                  _mg_window_property ("document-ready"),
                                                  _mg_window_property ("editable"),
                                                  _mg_window_property ("sidecar"), NULL));
  _mg_window_bind_enabled_to (self, "review-changes",
                              _mg_window_closure (G_CALLBACK (sidecar_reanchored), NULL,
                                                  _mg_window_property ("document-ready"),
                                                  _mg_window_property ("editable"),
                                                  _mg_window_property ("sidecar"), NULL));
  /* The document view offers to annotate only what may be annotated. */
  g_object_bind_property (self, "editable", self->document_view, "annotatable", G_BINDING_SYNC_CREATE);
}

static void
add_shortcut (GtkShortcutController *controller,
              const char            *trigger,
              const char            *action,
              GVariant              *args)
{
  GtkShortcut *shortcut = gtk_shortcut_new (gtk_shortcut_trigger_parse_string (trigger),
                                            gtk_named_action_new (action));

  if (args != NULL)
    gtk_shortcut_set_arguments (shortcut, args);
  gtk_shortcut_controller_add_shortcut (controller, shortcut);
}

void
_mg_window_init_actions (MgWindow *self)
{
  GtkTextView *text_view = mg_document_view_get_text_view (self->document_view);
  GtkEventController *controller;
  GtkEventController *entry_keys;

  /* Keys that act on the selected text: on the document only, so that they
   * type normally everywhere else. */
  controller = gtk_shortcut_controller_new ();
  for (int i = 1; i <= 9; i++)
    {
      char trigger[16];

      g_snprintf (trigger, sizeof trigger, "%d", i);
      add_shortcut (GTK_SHORTCUT_CONTROLLER (controller), trigger, "win.tag-selection", g_variant_new_int32 (i - 1));
      g_snprintf (trigger, sizeof trigger, "KP_%d", i);
      add_shortcut (GTK_SHORTCUT_CONTROLLER (controller), trigger, "win.tag-selection", g_variant_new_int32 (i - 1));
    }
  add_shortcut (GTK_SHORTCUT_CONTROLLER (controller), "<Control>Return", "win.highlight", NULL);
  add_shortcut (GTK_SHORTCUT_CONTROLLER (controller), "<Control>KP_Enter", "win.highlight", NULL);
  add_shortcut (GTK_SHORTCUT_CONTROLLER (controller), "t", "win.show-tag-popover", NULL);
  add_shortcut (GTK_SHORTCUT_CONTROLLER (controller), "Delete", "win.delete-annotation", NULL);
  add_shortcut (GTK_SHORTCUT_CONTROLLER (controller), "KP_Delete", "win.delete-annotation", NULL);
  gtk_widget_add_controller (GTK_WIDGET (text_view), controller);

  entry_keys = gtk_shortcut_controller_new ();
  add_shortcut (GTK_SHORTCUT_CONTROLLER (entry_keys), "<Shift>Return", "win.find-previous", NULL);
  add_shortcut (GTK_SHORTCUT_CONTROLLER (entry_keys), "<Shift>KP_Enter", "win.find-previous", NULL);
  gtk_widget_add_controller (GTK_WIDGET (self->search_entry), entry_keys);

  g_signal_connect_swapped (self->search_entry, "search-changed", G_CALLBACK (search_changed), self);
  g_signal_connect_swapped (self->search_entry, "activate", G_CALLBACK (search_next), self);
  g_signal_connect_swapped (self->search_entry, "next-match", G_CALLBACK (search_next), self);
  g_signal_connect_swapped (self->search_entry, "previous-match", G_CALLBACK (search_previous), self);
  g_signal_connect_swapped (self->search_entry, "stop-search", G_CALLBACK (search_stopped), self);
  g_signal_connect_swapped (self->search_bar, "notify::search-mode-enabled", G_CALLBACK (search_mode_changed), self);
  g_signal_connect_swapped (self->anchor_bar, "response", G_CALLBACK (anchor_bar_response), self);

  g_signal_connect_swapped (mg_document_view_get_tag_popover (self->document_view), "apply",
                            G_CALLBACK (popover_apply), self);
  bind_actions (self);
}
