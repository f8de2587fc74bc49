/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Marginalia"
#include "config.h"

#include <glib/gi18n.h>

#include "mg-search.h"
#include "mg-study-sidebar.h"

struct _MgStudySidebar
{
  GtkWidget           parent_instance;

  GtkWidget          *box;
  GtkLabel           *title_label;
  GtkLabel           *counts_label;
  GtkSearchEntry     *search_entry;
  GtkToggleButton    *starred_button;
  GtkStack           *stack;
  GtkListView        *speech_list;
  GtkSingleSelection *speech_selection;
  GtkListView        *result_list;
  GListStore         *results;
  GtkWidget          *tools;

  MgCollection       *collection;
  MgCollectionSpeech *speech;
  guint               refresh_id;
  char               *shown_text;    /* the search the results are of */
  guint               shown_starred : 1;
  guint               stale : 1;     /* annotations changed since */
  guint               selecting : 1;
};

enum {
  PROP_0,
  PROP_COLLECTION,
  PROP_SPEECH,
  N_PROPS
};

enum {
  SPEECH_ACTIVATED,
  HIT_ACTIVATED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (MgStudySidebar, mg_study_sidebar, GTK_TYPE_WIDGET)

static gboolean
search_active (MgStudySidebar *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  g_autoptr(MgSearchQuery) query = mg_search_query_new (text);

  return gtk_toggle_button_get_active (self->starred_button) || !mg_search_query_is_empty (query);
}

static void
update_counts (MgStudySidebar *self)
{
  g_autofree char *speeches = NULL;
  g_autofree char *counts = NULL;
  guint n_speeches, n_annotations;

  if (self->collection == NULL)
    {
      gtk_label_set_text (self->title_label, "");
      gtk_label_set_text (self->counts_label, "");
      return;
    }
  n_speeches = mg_collection_get_n_speeches (self->collection);
  n_annotations = mg_collection_get_n_annotations (self->collection);
  speeches = g_strdup_printf (ngettext ("%u speech", "%u speeches", n_speeches), n_speeches);
  /* Translators: "3 speeches · 120 annotations". */
  counts = g_strdup_printf (ngettext ("%s · %u annotation", "%s · %u annotations", n_annotations),
                            speeches, n_annotations);
  gtk_label_set_text (self->title_label, mg_collection_get_title (self->collection));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->title_label),
                               g_file_peek_path (mg_collection_get_folder (self->collection)));
  gtk_label_set_text (self->counts_label, counts);
}

/* Runs the search again (the study's annotations or the search changed). */
static void
refresh_results (MgStudySidebar *self)
{
  g_autoptr(GPtrArray) hits = NULL;
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  gboolean starred = gtk_toggle_button_get_active (self->starred_button);

  g_clear_handle_id (&self->refresh_id, g_source_remove);
  if (self->collection == NULL || !search_active (self))
    {
      g_clear_pointer (&self->shown_text, g_free);
      g_list_store_remove_all (self->results);
      gtk_stack_set_visible_child_name (self->stack, "speeches");
      return;
    }
  /* The entry reports a change a moment after it was set: the results
   * shown are already those. */
  if (!self->stale && self->shown_text != NULL && g_str_equal (self->shown_text, text) &&
      self->shown_starred == starred)
    return;
  g_free (self->shown_text);
  self->shown_text = g_strdup (text);
  self->shown_starred = starred;
  self->stale = FALSE;

  hits = mg_collection_search (self->collection, text, starred);
  g_list_store_splice (self->results, 0, g_list_model_get_n_items (G_LIST_MODEL (self->results)),
                       hits->pdata, hits->len);
  gtk_stack_set_visible_child_name (self->stack, hits->len > 0 ? "results" : "no-results");
}

static gboolean
refresh_timeout (gpointer data)
{
  MgStudySidebar *self = data;

  self->refresh_id = 0;
  refresh_results (self);
  return G_SOURCE_REMOVE;
}

static void
speech_changed_cb (MgStudySidebar *self)
{
  update_counts (self);
  self->stale = TRUE;
  /* Edits come one by one while typing a note: one search after them. */
  if (search_active (self) && self->refresh_id == 0)
    self->refresh_id = g_timeout_add (200, refresh_timeout, self);
}

static void
search_changed_cb (MgStudySidebar *self)
{
  refresh_results (self);
}

static void
stop_search_cb (MgStudySidebar *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
}

/* Enter in the search entry opens the first result. */
static void
search_activate_cb (MgStudySidebar *self)
{
  g_autoptr(MgCollectionHit) hit = NULL;

  refresh_results (self);
  hit = g_list_model_get_item (G_LIST_MODEL (self->results), 0);
  if (hit != NULL)
    g_signal_emit (self, signals[HIT_ACTIVATED], 0, hit);
}

static void
result_activate_cb (MgStudySidebar *self,
                    guint           position)
{
  g_autoptr(MgCollectionHit) hit = g_list_model_get_item (G_LIST_MODEL (self->results), position);

  if (hit != NULL)
    g_signal_emit (self, signals[HIT_ACTIVATED], 0, hit);
}

static void
speech_selection_changed_cb (MgStudySidebar *self)
{
  MgCollectionSpeech *speech = gtk_single_selection_get_selected_item (self->speech_selection);

  if (self->selecting)
    return;
  if (speech == NULL)
    {
      /* A click on the shown speech unselects it: keep it shown and selected. */
      mg_study_sidebar_set_speech (self, self->speech);
      return;
    }
  if (speech != self->speech)
    g_signal_emit (self, signals[SPEECH_ACTIVATED], 0, speech);
}

GtkWidget *
mg_study_sidebar_new (void)
{
  return g_object_new (MG_TYPE_STUDY_SIDEBAR, NULL);
}

MgCollection *
mg_study_sidebar_get_collection (MgStudySidebar *self)
{
  g_return_val_if_fail (MG_IS_STUDY_SIDEBAR (self), NULL);
  return self->collection;
}

void
mg_study_sidebar_set_collection (MgStudySidebar *self,
                                 MgCollection   *collection)
{
  g_return_if_fail (MG_IS_STUDY_SIDEBAR (self));
  g_return_if_fail (collection == NULL || MG_IS_COLLECTION (collection));

  if (self->collection == collection)
    return;
  if (self->collection != NULL)
    for (guint i = 0; i < mg_collection_get_n_speeches (self->collection); i++)
      g_signal_handlers_disconnect_by_data (mg_collection_get_speech (self->collection, i), self);
  g_set_object (&self->collection, collection);
  g_clear_object (&self->speech);
  if (collection != NULL)
    for (guint i = 0; i < mg_collection_get_n_speeches (collection); i++)
      g_signal_connect_object (mg_collection_get_speech (collection, i), "changed",
                               G_CALLBACK (speech_changed_cb), self, G_CONNECT_SWAPPED);

  self->selecting = TRUE;
  gtk_single_selection_set_model (self->speech_selection, G_LIST_MODEL (collection));
  gtk_single_selection_set_selected (self->speech_selection, GTK_INVALID_LIST_POSITION);
  self->selecting = FALSE;
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  gtk_toggle_button_set_active (self->starred_button, FALSE);
  update_counts (self);
  self->stale = TRUE;
  refresh_results (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COLLECTION]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SPEECH]);
}

MgCollectionSpeech *
mg_study_sidebar_get_speech (MgStudySidebar *self)
{
  g_return_val_if_fail (MG_IS_STUDY_SIDEBAR (self), NULL);
  return self->speech;
}

void
mg_study_sidebar_set_speech (MgStudySidebar     *self,
                             MgCollectionSpeech *speech)
{
  guint position = GTK_INVALID_LIST_POSITION;

  g_return_if_fail (MG_IS_STUDY_SIDEBAR (self));

  if (speech != NULL && self->collection != NULL)
    for (guint i = 0; i < mg_collection_get_n_speeches (self->collection); i++)
      if (mg_collection_get_speech (self->collection, i) == speech)
        position = i;
  if (position == GTK_INVALID_LIST_POSITION)
    speech = NULL;

  self->selecting = TRUE;
  gtk_single_selection_set_selected (self->speech_selection, position);
  self->selecting = FALSE;
  if (g_set_object (&self->speech, speech))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SPEECH]);
}

void
mg_study_sidebar_set_search (MgStudySidebar *self,
                             const char     *text,
                             gboolean        starred_only)
{
  g_return_if_fail (MG_IS_STUDY_SIDEBAR (self));

  gtk_toggle_button_set_active (self->starred_button, starred_only);
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), text != NULL ? text : "");
  /* At once, not after the entry's typing delay. */
  refresh_results (self);
}

GListModel *
mg_study_sidebar_get_results (MgStudySidebar *self)
{
  g_return_val_if_fail (MG_IS_STUDY_SIDEBAR (self), NULL);
  return G_LIST_MODEL (self->results);
}

GtkWidget *
mg_study_sidebar_get_search_entry (MgStudySidebar *self)
{
  g_return_val_if_fail (MG_IS_STUDY_SIDEBAR (self), NULL);
  return GTK_WIDGET (self->search_entry);
}

void
mg_study_sidebar_focus_search (MgStudySidebar *self)
{
  g_return_if_fail (MG_IS_STUDY_SIDEBAR (self));
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

GtkWidget *
mg_study_sidebar_get_tools (MgStudySidebar *self)
{
  g_return_val_if_fail (MG_IS_STUDY_SIDEBAR (self), NULL);
  return self->tools;
}

GtkWidget *
mg_study_sidebar_get_speech_list (MgStudySidebar *self)
{
  g_return_val_if_fail (MG_IS_STUDY_SIDEBAR (self), NULL);
  return GTK_WIDGET (self->speech_list);
}

GtkWidget *
mg_study_sidebar_get_result_list (MgStudySidebar *self)
{
  g_return_val_if_fail (MG_IS_STUDY_SIDEBAR (self), NULL);
  return GTK_WIDGET (self->result_list);
}

static void
mg_study_sidebar_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  MgStudySidebar *self = MG_STUDY_SIDEBAR (object);

  switch (prop_id)
    {
    case PROP_COLLECTION:
      g_value_set_object (value, self->collection);
      break;
    case PROP_SPEECH:
      g_value_set_object (value, self->speech);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mg_study_sidebar_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  MgStudySidebar *self = MG_STUDY_SIDEBAR (object);

  switch (prop_id)
    {
    case PROP_COLLECTION:
      mg_study_sidebar_set_collection (self, g_value_get_object (value));
      break;
    case PROP_SPEECH:
      mg_study_sidebar_set_speech (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mg_study_sidebar_dispose (GObject *object)
{
  MgStudySidebar *self = MG_STUDY_SIDEBAR (object);

  g_clear_handle_id (&self->refresh_id, g_source_remove);
  g_clear_pointer (&self->shown_text, g_free);
  if (self->collection != NULL)
    mg_study_sidebar_set_collection (self, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), MG_TYPE_STUDY_SIDEBAR);

  G_OBJECT_CLASS (mg_study_sidebar_parent_class)->dispose (object);
}

static void
mg_study_sidebar_class_init (MgStudySidebarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mg_study_sidebar_dispose;
  object_class->get_property = mg_study_sidebar_get_property;
  object_class->set_property = mg_study_sidebar_set_property;

  properties[PROP_COLLECTION] =
    g_param_spec_object ("collection", NULL, NULL, MG_TYPE_COLLECTION,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SPEECH] =
    g_param_spec_object ("speech", NULL, NULL, MG_TYPE_COLLECTION_SPEECH,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[SPEECH_ACTIVATED] =
    g_signal_new ("speech-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, MG_TYPE_COLLECTION_SPEECH);
  signals[HIT_ACTIVATED] =
    g_signal_new ("hit-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, MG_TYPE_COLLECTION_HIT);

  /* Named in the templates of the sidebar and of its rows. */
  g_type_ensure (MG_TYPE_COLLECTION);
  g_type_ensure (MG_TYPE_COLLECTION_SPEECH);
  g_type_ensure (MG_TYPE_COLLECTION_HIT);
  g_type_ensure (MG_TYPE_ANNOTATION);
  g_type_ensure (MG_TYPE_ANNOTATION_STORE);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "mg-study-sidebar");
  gtk_widget_class_set_template_from_resource (widget_class, "/org/marginalia/Marginalia/mg-study-sidebar.ui");
  gtk_widget_class_bind_template_child (widget_class, MgStudySidebar, box);
  gtk_widget_class_bind_template_child (widget_class, MgStudySidebar, title_label);
  gtk_widget_class_bind_template_child (widget_class, MgStudySidebar, counts_label);
  gtk_widget_class_bind_template_child (widget_class, MgStudySidebar, search_entry);
  gtk_widget_class_bind_template_child (widget_class, MgStudySidebar, starred_button);
  gtk_widget_class_bind_template_child (widget_class, MgStudySidebar, stack);
  gtk_widget_class_bind_template_child (widget_class, MgStudySidebar, speech_list);
  gtk_widget_class_bind_template_child (widget_class, MgStudySidebar, speech_selection);
  gtk_widget_class_bind_template_child (widget_class, MgStudySidebar, result_list);
  gtk_widget_class_bind_template_child (widget_class, MgStudySidebar, results);
  gtk_widget_class_bind_template_child (widget_class, MgStudySidebar, tools);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, stop_search_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, result_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, speech_selection_changed_cb);
}

static void
mg_study_sidebar_init (MgStudySidebar *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
