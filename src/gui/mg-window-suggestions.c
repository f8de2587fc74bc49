/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Marginalia"
#include "config.h"

#include <glib/gi18n.h>

#include "mg-suggest.h"
#include "mg-window-private.h"

/* Suggested annotations in the window: computed once per document in a
 * thread (with the slogan tag's lexicon), filtered on the main thread
 * against the annotations and against the suggestions the reader
 * dismissed, which the sidecar keeps (whenever either changes), and drawn
 * by the document view. */

static void
update_tooltip (MgWindow *self)
{
  g_autofree char *tooltip = NULL;

  if (!self->show_suggestions)
    tooltip = g_strdup (_("Show Suggestions (F7)"));
  else if (self->document == NULL)
    tooltip = g_strdup (_("Hide Suggestions (F7)"));
  else if (self->suggestions == NULL)
    tooltip = g_strdup (_("Finding suggestions…"));
  else
    {
      guint n = g_list_model_get_n_items (G_LIST_MODEL (self->suggestions));

      /* Translators: the tooltip of the suggestions button. */
      tooltip = g_strdup_printf (ngettext ("Hide Suggestions (F7)\n%u suggestion in the speech",
                                           "Hide Suggestions (F7)\n%u suggestions in the speech", n),
                                 n);
    }
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->suggestions_button), tooltip);
}

static void
show_count (MgWindow *self)
{
  g_autofree char *title = NULL;
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->suggestions));

  self->suggestions_toast = FALSE;
  if (n == 0)
    title = g_strdup (_("No suggestions in this speech"));
  else if (!_mg_window_is_writable (self))
    title = g_strdup_printf (ngettext ("%u suggestion", "%u suggestions", n), n);
  else
    title = g_strdup_printf (ngettext ("%u suggestion: click an underlined passage to accept it",
                                       "%u suggestions: click an underlined passage to accept one",
                                       n), n);
  _mg_window_toast (self, title, FALSE);
}

static void
refilter (MgWindow *self)
{
  g_autoptr(GListStore) fresh = NULL;

  g_clear_handle_id (&self->suggest_refilter_id, g_source_remove);
  if (!self->show_suggestions || self->suggestions_all == NULL || self->store == NULL)
    return;

  fresh = mg_suggest_filter_existing (G_LIST_MODEL (self->suggestions_all), self->store);
  if (g_list_model_get_n_items (mg_annotation_store_get_dismissed (self->store)) > 0)
    {
      GListStore *kept = mg_suggest_filter_dismissed (G_LIST_MODEL (fresh), self->store);

      g_set_object (&fresh, kept);
      g_object_unref (kept);
    }
  g_set_object (&self->suggestions, fresh);
  mg_document_view_set_suggestions (self->document_view, G_LIST_MODEL (self->suggestions));
  _mg_window_notify (self, MG_WINDOW_PROP_SUGGESTIONS);

  update_tooltip (self);
  if (self->suggestions_toast)
    show_count (self);
}

static gboolean
refilter_idle (gpointer data)
{
  MgWindow *self = data;

  self->suggest_refilter_id = 0;
  refilter (self);
  return G_SOURCE_REMOVE;
}

void
_mg_window_suggestions_store_changed (MgWindow *self)
{
  /* After the view has restyled the annotations (G_PRIORITY_HIGH_IDLE) and
   * before the next frame is drawn, so that the frame shows both. */
  if (self->show_suggestions && self->suggestions_all != NULL && self->suggest_refilter_id == 0)
    self->suggest_refilter_id = g_idle_add_full (G_PRIORITY_HIGH_IDLE + 10, refilter_idle, self, NULL);
}

/* What the worker reads: the speech and the lexicon, both its own. */
typedef struct
{
  MgDocument *document;
  GStrv       lexicon;
} SuggestJob;

static void
suggest_job_free (gpointer data)
{
  SuggestJob *job = data;

  g_object_unref (job->document);
  g_strfreev (job->lexicon);
  g_free (job);
}

static void
suggest_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  SuggestJob *job = task_data;

  if (g_task_return_error_if_cancelled (task))
    return;
  g_task_return_pointer (task,
                         mg_suggest_document_full (job->document, MG_SUGGEST_ALL,
                                                   (const char * const *) job->lexicon),
                         g_object_unref);
}

static void
suggest_done (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  MgWindow *self = MG_WINDOW (source);
  GTask *task = G_TASK (result);
  g_autoptr(GError) error = NULL;
  g_autoptr(GListStore) all = g_task_propagate_pointer (task, &error);

  /* Cancelled: the document or the toggle changed since. */
  if (all == NULL || ((SuggestJob *) g_task_get_task_data (task))->document != self->document)
    return;

  g_clear_object (&self->suggest_cancellable);
  g_debug ("Found %u suggestions in %.3f s",
           g_list_model_get_n_items (G_LIST_MODEL (all)),
           (g_get_monotonic_time () - self->suggest_started) / (double) G_USEC_PER_SEC);
  self->suggestions_all = g_steal_pointer (&all);
  refilter (self);
}

static void
cancel (MgWindow *self)
{
  if (self->suggest_cancellable != NULL)
    g_cancellable_cancel (self->suggest_cancellable);
  g_clear_object (&self->suggest_cancellable);
  g_clear_handle_id (&self->suggest_refilter_id, g_source_remove);
}

/* Starts finding the document's suggestions unless they are known or
 * being found; shows them when known. */
static void
update (MgWindow *self)
{
  g_autoptr(GTask) task = NULL;
  SuggestJob *job;

  update_tooltip (self);
  if (!self->show_suggestions || self->document == NULL || self->loading)
    return;
  if (self->suggestions_all != NULL)
    {
      refilter (self);
      return;
    }
  if (self->suggest_cancellable != NULL)
    return;

  self->suggest_cancellable = g_cancellable_new ();
  self->suggest_started = g_get_monotonic_time ();
  task = g_task_new (self, self->suggest_cancellable, suggest_done, NULL);
  g_task_set_source_tag (task, update);
  job = g_new0 (SuggestJob, 1);
  job->document = g_object_ref (self->document);
  job->lexicon = self->store != NULL ? mg_suggest_dup_lexicon (self->store) : NULL;
  g_task_set_task_data (task, job, suggest_job_free);
  g_task_run_in_thread (task, suggest_thread);
}

/* Hides the suggestions; those found stay known for the document. */
static void
hide (MgWindow *self)
{
  gboolean shown = self->suggestions != NULL;

  cancel (self);
  g_clear_object (&self->suggestions);
  mg_document_view_set_suggestions (self->document_view, NULL);
  if (shown)
    _mg_window_notify (self, MG_WINDOW_PROP_SUGGESTIONS);
  update_tooltip (self);
}

void
_mg_window_suggestions_document_changed (MgWindow *self)
{
  hide (self);
  g_clear_object (&self->suggestions_all);
  self->suggestions_toast = FALSE;
  update (self);
}

void
_mg_window_set_show_suggestions (MgWindow *self,
                                 gboolean  show)
{
  show = !!show;
  if (self->show_suggestions == (guint) show)
    return;

  self->show_suggestions = show;
  /* The count is told when the reader turns them on, not at every start. */
  self->suggestions_toast = show && self->document != NULL;
  if (show)
    update (self);
  else
    hide (self);
  _mg_window_notify (self, MG_WINDOW_PROP_SHOW_SUGGESTIONS);
}

gboolean
mg_window_get_show_suggestions (MgWindow *self)
{
  g_return_val_if_fail (MG_IS_WINDOW (self), FALSE);

  return self->show_suggestions;
}

GListModel *
mg_window_get_suggestions (MgWindow *self)
{
  g_return_val_if_fail (MG_IS_WINDOW (self), NULL);

  return self->suggestions ? G_LIST_MODEL (self->suggestions) : NULL;
}

/* The suggestion shown that a "(suu)" target names, or NULL. */
static MgSuggestion *
lookup (MgWindow *self,
        GVariant *target)
{
  g_autoptr(GPtrArray) found = NULL;
  const char *tag_id;
  guint start, end;

  if (self->suggestions == NULL)
    return NULL;
  g_variant_get (target, "(&suu)", &tag_id, &start, &end);
  found = mg_suggest_find_at (G_LIST_MODEL (self->suggestions), start);
  for (guint i = 0; i < found->len; i++)
    {
      MgSuggestion *suggestion = g_ptr_array_index (found, i);

      if (mg_suggestion_get_start (suggestion) == start && mg_suggestion_get_end (suggestion) == end &&
          g_strcmp0 (mg_suggestion_get_tag (suggestion), tag_id) == 0)
        return g_object_ref (suggestion);
    }
  return NULL;
}

static const char *
tag_name (MgWindow   *self,
          const char *tag_id)
{
  MgTag *tag = mg_tag_set_lookup (mg_annotation_store_get_tag_set (self->store), tag_id);

  return tag != NULL ? mg_tag_get_display_name (tag) : tag_id;
}

static void
accept_action (GSimpleAction *action,
               GVariant      *parameter,
               gpointer       data)
{
  MgWindow *self = data;
  g_autoptr(MgSuggestion) suggestion = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *toast = NULL;
  MgAnnotation *annotation;

  if (!_mg_window_is_writable (self) || (suggestion = lookup (self, parameter)) == NULL)
    return;

  annotation = mg_suggestion_accept (suggestion, self->store, _mg_window_author_name (self), &error);
  if (annotation == NULL)
    {
      _mg_window_toast (self, error->message, FALSE);
      return;
    }
  _mg_window_set_selected (self, annotation);
  toast = g_strdup_printf (_("Tagged as “%s”"), tag_name (self, mg_suggestion_get_tag (suggestion)));
  _mg_window_toast (self, toast, TRUE);
}

static void
accept_all_action (GSimpleAction *action,
                   GVariant      *parameter,
                   gpointer       data)
{
  MgWindow *self = data;
  const char *tag_id = g_variant_get_string (parameter, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *toast = NULL;
  MgSuggestionKind kind;
  guint n;

  if (!_mg_window_is_writable (self) || self->suggestions == NULL ||
      !mg_suggestion_kind_from_string (tag_id, &kind))
    return;

  n = mg_suggestion_accept_all (G_LIST_MODEL (self->suggestions), kind, self->store,
                                _mg_window_author_name (self), &error);
  if (error != NULL)
    {
      _mg_window_toast (self, error->message, FALSE);
      return;
    }
  if (n == 0)
    return;
  toast = g_strdup_printf (ngettext ("Tagged %u passage as “%s”", "Tagged %u passages as “%s”", n),
                           n, tag_name (self, tag_id));
  _mg_window_toast (self, toast, TRUE);
}

static void
dismiss_action (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       data)
{
  MgWindow *self = data;
  g_autoptr(MgSuggestion) suggestion = NULL;
  g_autoptr(GError) error = NULL;

  if (!_mg_window_is_writable (self) || (suggestion = lookup (self, parameter)) == NULL)
    return;
  /* Kept in the sidecar, an undoable change: the store's change refilters. */
  if (!mg_annotation_store_dismiss_suggestion (self->store, suggestion, &error))
    {
      _mg_window_toast (self, error->message, FALSE);
      return;
    }
  refilter (self);
  _mg_window_toast (self, _("Suggestion dismissed"), TRUE);
}

static void
next_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       data)
{
  MgWindow *self = data;
  gboolean backward = g_str_equal (g_action_get_name (G_ACTION (action)), "previous-suggestion");
  g_autoptr(MgSuggestion) suggestion = NULL;
  guint n;

  if (self->suggestions == NULL || (n = g_list_model_get_n_items (G_LIST_MODEL (self->suggestions))) == 0)
    return;
  suggestion = mg_suggest_find_next (G_LIST_MODEL (self->suggestions),
                                     mg_document_view_get_cursor (self->document_view), backward);
  /* Round past either end. */
  if (suggestion == NULL)
    suggestion = g_list_model_get_item (G_LIST_MODEL (self->suggestions), backward ? n - 1 : 0);
  mg_document_view_reveal_range (self->document_view,
                                 mg_suggestion_get_start (suggestion), mg_suggestion_get_end (suggestion));
  gtk_widget_grab_focus (GTK_WIDGET (mg_document_view_get_text_view (self->document_view)));
}

static void
popover_action (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       data)
{
  MgWindow *self = data;

  mg_document_view_popup_suggestions (self->document_view,
                                      mg_document_view_get_cursor (self->document_view));
}

/* Suggestions shown, and the annotations may change: they can be taken
 * or dismissed. */
static gboolean
offered (gpointer    this,
         gboolean    editable,
         GListModel *suggestions,
         gpointer    data)
{
  return editable && suggestions != NULL;
}

/* … and one of them is under the caret. */
static gboolean
offered_at_cursor (MgWindow   *self,
                   gboolean    editable,
                   GListModel *suggestions,
                   int         cursor,
                   gpointer    data)
{
  g_autoptr(GPtrArray) found = NULL;

  if (!offered (self, editable, suggestions, data))
    return FALSE;
  found = mg_document_view_get_suggestions_at (self->document_view, (guint) MAX (cursor, 0));
  return found->len > 0;
}

/* Suggestions shown to go to. */
static gboolean
any_shown (gpointer    this,
           GListModel *suggestions,
           gpointer    data)
{
  return suggestions != NULL && g_list_model_get_n_items (suggestions) > 0;
}

static gboolean
boolean_to_state (GBinding     *binding,
                  const GValue *from,
                  GValue       *to,
                  gpointer      data)
{
  g_value_set_variant (to, g_variant_new_boolean (g_value_get_boolean (from)));
  return TRUE;
}

static gboolean
state_to_boolean (GBinding     *binding,
                  const GValue *from,
                  GValue       *to,
                  gpointer      data)
{
  GVariant *state = g_value_get_variant (from);

  if (state == NULL || !g_variant_is_of_type (state, G_VARIANT_TYPE_BOOLEAN))
    return FALSE;
  g_value_set_boolean (to, g_variant_get_boolean (state));
  return TRUE;
}

static const GActionEntry actions[] = {
  /* Toggled by activating it; its state is "show-suggestions". */
  { "show-suggestions", NULL, NULL, "false", NULL, { 0 } },
  { "accept-suggestion", accept_action, "(suu)", NULL, NULL, { 0 } },
  { "accept-all-suggestions", accept_all_action, "s", NULL, NULL, { 0 } },
  { "dismiss-suggestion", dismiss_action, "(suu)", NULL, NULL, { 0 } },
  { "show-suggestion-popover", popover_action, NULL, NULL, NULL, { 0 } },
  { "next-suggestion", next_action, NULL, NULL, NULL, { 0 } },
  { "previous-suggestion", next_action, NULL, NULL, NULL, { 0 } },
};

static void
bind_actions (MgWindow *self)
{
  GtkTextView *text_view = mg_document_view_get_text_view (self->document_view);
  const char *on_offered[] = { "accept-suggestion", "accept-all-suggestions", "dismiss-suggestion" };
  const char *on_shown[] = { "next-suggestion", "previous-suggestion" };
  GtkExpression *buffer;

  _mg_window_add_actions (self, actions, G_N_ELEMENTS (actions));
  g_object_bind_property_full (self, "show-suggestions",
                               g_action_map_lookup_action (G_ACTION_MAP (self), "show-suggestions"), "state",
                               G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE,
                               boolean_to_state, state_to_boolean, NULL, NULL);
  /* F7 and its button: nothing to suggest in the empty window. */
  _mg_window_bind_enabled (self, "show-suggestions", "document-ready");
  for (guint i = 0; i < G_N_ELEMENTS (on_offered); i++)
    _mg_window_bind_enabled_to (self, on_offered[i],
                                _mg_window_closure (G_CALLBACK (offered), NULL,
                                                    _mg_window_property ("editable"),
                                                    _mg_window_property ("suggestions"), NULL));
  for (guint i = 0; i < G_N_ELEMENTS (on_shown); i++)
    _mg_window_bind_enabled_to (self, on_shown[i],
                                _mg_window_closure (G_CALLBACK (any_shown), NULL,
                                                    _mg_window_property ("suggestions"), NULL));
  buffer = gtk_property_expression_new (GTK_TYPE_TEXT_VIEW, gtk_object_expression_new (G_OBJECT (text_view)),
                                        "buffer");
  _mg_window_bind_enabled_to (self, "show-suggestion-popover",
                              _mg_window_closure (G_CALLBACK (offered_at_cursor), NULL,
                                                  _mg_window_property ("editable"),
                                                  _mg_window_property ("suggestions"),
                                                  gtk_property_expression_new (GTK_TYPE_TEXT_BUFFER, buffer,
                                                                               "cursor-position"),
                                                  NULL));
}

void
_mg_window_init_suggestions (MgWindow *self)
{
  GtkEventController *controller;
  GtkTextView *text_view = mg_document_view_get_text_view (self->document_view);
  static const char * const triggers[] = { "Return", "KP_Enter" };

  /* Keys on the document that open the suggestion under the caret. */
  controller = gtk_shortcut_controller_new ();
  for (guint i = 0; i < G_N_ELEMENTS (triggers); i++)
    gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller),
                                          gtk_shortcut_new (gtk_shortcut_trigger_parse_string (triggers[i]),
                                                            gtk_named_action_new ("win.show-suggestion-popover")));
  gtk_widget_add_controller (GTK_WIDGET (text_view), controller);

  bind_actions (self);
  g_settings_bind (self->settings, "show-suggestions", self, "show-suggestions", G_SETTINGS_BIND_DEFAULT);
  update_tooltip (self);
}

void
_mg_window_dispose_suggestions (MgWindow *self)
{
  /* Another window may still change the setting. */
  g_settings_unbind (self, "show-suggestions");
  cancel (self);
  g_clear_object (&self->suggestions);
  g_clear_object (&self->suggestions_all);
}
