/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Marginalia"
#include "config.h"

#include <glib/gi18n.h>

#include "mg-statistics-window.h"

/* Recomputed this long after the last change, not on every keystroke of
 * a note. */
#define REFRESH_DELAY_MS 250

struct _MgStatisticsWindow
{
  AdwWindow          parent_instance;

  AdwWindowTitle    *window_title;
  GtkStack          *stack;
  GtkLabel          *summary_label;
  MgStatisticsChart *tags_chart;
  MgStatisticsChart *members_chart;
  MgStatisticsChart *strip_chart;

  GtkToggleButton   *study_button;

  GPtrArray         *stores;      /* of MgAnnotationStore *, owned */
  GStrv              paths;
  guint              current;     /* the store shown alone */
  MgStatistics      *statistics;
  guint              refresh_id;
  gboolean           whole_study;
};

G_DEFINE_FINAL_TYPE (MgStatisticsWindow, mg_statistics_window, ADW_TYPE_WINDOW)

enum
{
  PROP_0,
  PROP_STATISTICS,
  PROP_WHOLE_STUDY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum
{
  MARK_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
refresh (MgStatisticsWindow *self)
{
  g_autoptr(MgStatistics) statistics = NULL;
  g_autofree char *annotations = NULL;
  g_autofree char *members = NULL;
  g_autofree char *summary = NULL;
  guint n_items, n_members, n_speeches;

  g_clear_handle_id (&self->refresh_id, g_source_remove);
  if (self->stores->len == 0)
    return;
  if (self->whole_study && self->stores->len > 1)
    statistics = mg_statistics_new_for_stores ((MgAnnotationStore * const *) self->stores->pdata,
                                               (const char * const *) self->paths, self->stores->len);
  else
    statistics = mg_statistics_new_for_stores ((MgAnnotationStore * const *) &self->stores->pdata[self->current],
                                               NULL, 1);
  g_set_object (&self->statistics, statistics);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATISTICS]);

  n_items = mg_statistics_get_n_items (statistics);
  n_members = mg_statistics_get_n_members (statistics);
  n_speeches = mg_statistics_get_n_speeches (statistics);
  if (n_speeches == 1)
    adw_window_title_set_subtitle (self->window_title, mg_statistics_get_speech (statistics, 0)->title);
  else
    {
      g_autofree char *subtitle = g_strdup_printf (ngettext ("%u speech", "%u speeches", n_speeches), n_speeches);

      adw_window_title_set_subtitle (self->window_title, subtitle);
    }
  annotations = g_strdup_printf (ngettext ("%u annotation", "%u annotations", n_items), n_items);
  members = g_strdup_printf (ngettext ("%u member", "%u members", n_members), n_members);
  /* Translators: "12 annotations by 3 members". */
  summary = g_strdup_printf (C_("statistics", "%s by %s"), annotations, members);
  gtk_label_set_text (self->summary_label, summary);
  gtk_stack_set_visible_child_name (self->stack, n_items > 0 ? "charts" : "empty");
}

static gboolean
refresh_timeout (gpointer data)
{
  MgStatisticsWindow *self = data;

  self->refresh_id = 0;
  refresh (self);
  return G_SOURCE_REMOVE;
}

static void
store_changed (MgStatisticsWindow *self)
{
  if (self->refresh_id == 0)
    self->refresh_id = g_timeout_add (REFRESH_DELAY_MS, refresh_timeout, self);
}

static void
disconnect_stores (MgStatisticsWindow *self)
{
  for (guint i = 0; i < self->stores->len; i++)
    g_signal_handlers_disconnect_by_data (g_ptr_array_index (self->stores, i), self);
  g_ptr_array_set_size (self->stores, 0);
}

void
mg_statistics_window_set_stores (MgStatisticsWindow        *self,
                                 MgAnnotationStore * const *stores,
                                 const char * const        *paths,
                                 guint                      n_stores,
                                 guint                      current)
{
  g_return_if_fail (MG_IS_STATISTICS_WINDOW (self));
  g_return_if_fail (stores != NULL || n_stores == 0);
  g_return_if_fail (current < MAX (n_stores, 1));

  disconnect_stores (self);
  g_clear_pointer (&self->paths, g_strfreev);
  for (guint i = 0; i < n_stores; i++)
    {
      g_ptr_array_add (self->stores, g_object_ref (stores[i]));
      g_signal_connect_swapped (stores[i], "changed", G_CALLBACK (store_changed), self);
    }
  if (paths != NULL)
    {
      self->paths = g_new0 (char *, n_stores + 1);
      for (guint i = 0; i < n_stores; i++)
        self->paths[i] = g_strdup (paths[i]);
    }
  self->current = current;
  gtk_widget_set_visible (GTK_WIDGET (self->study_button), n_stores > 1);
  refresh (self);
}

gboolean
mg_statistics_window_get_whole_study (MgStatisticsWindow *self)
{
  g_return_val_if_fail (MG_IS_STATISTICS_WINDOW (self), FALSE);
  return self->whole_study;
}

void
mg_statistics_window_set_whole_study (MgStatisticsWindow *self,
                                      gboolean            whole_study)
{
  g_return_if_fail (MG_IS_STATISTICS_WINDOW (self));

  whole_study = whole_study != FALSE;
  if (self->whole_study == whole_study)
    return;
  self->whole_study = whole_study;
  refresh (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_WHOLE_STUDY]);
}

MgStatistics *
mg_statistics_window_get_statistics (MgStatisticsWindow *self)
{
  g_return_val_if_fail (MG_IS_STATISTICS_WINDOW (self), NULL);
  return self->statistics;
}

MgStatisticsChart *
mg_statistics_window_get_chart (MgStatisticsWindow    *self,
                                MgStatisticsChartKind  kind)
{
  g_return_val_if_fail (MG_IS_STATISTICS_WINDOW (self), NULL);

  switch (kind)
    {
    case MG_STATISTICS_CHART_TAGS:
      return self->tags_chart;
    case MG_STATISTICS_CHART_MEMBERS:
      return self->members_chart;
    case MG_STATISTICS_CHART_STRIP:
    default:
      return self->strip_chart;
    }
}

static void
mark_activated (MgStatisticsWindow *self,
                guint               speech,
                const char         *annotation_id)
{
  /* The statistics' speech, as an index of the stores given. */
  if (!(self->whole_study && self->stores->len > 1))
    speech = self->current;
  g_signal_emit (self, signals[MARK_ACTIVATED], 0, speech, annotation_id);
}

static void
mg_statistics_window_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  MgStatisticsWindow *self = MG_STATISTICS_WINDOW (object);

  switch (prop_id)
    {
    case PROP_STATISTICS:
      g_value_set_object (value, self->statistics);
      break;
    case PROP_WHOLE_STUDY:
      g_value_set_boolean (value, self->whole_study);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mg_statistics_window_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  MgStatisticsWindow *self = MG_STATISTICS_WINDOW (object);

  switch (prop_id)
    {
    case PROP_WHOLE_STUDY:
      mg_statistics_window_set_whole_study (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mg_statistics_window_dispose (GObject *object)
{
  MgStatisticsWindow *self = MG_STATISTICS_WINDOW (object);

  g_clear_handle_id (&self->refresh_id, g_source_remove);
  if (self->stores != NULL)
    disconnect_stores (self);
  gtk_widget_dispose_template (GTK_WIDGET (self), MG_TYPE_STATISTICS_WINDOW);
  g_clear_object (&self->statistics);

  G_OBJECT_CLASS (mg_statistics_window_parent_class)->dispose (object);
}

static void
mg_statistics_window_finalize (GObject *object)
{
  MgStatisticsWindow *self = MG_STATISTICS_WINDOW (object);

  g_clear_pointer (&self->stores, g_ptr_array_unref);
  g_strfreev (self->paths);

  G_OBJECT_CLASS (mg_statistics_window_parent_class)->finalize (object);
}

static void
mg_statistics_window_class_init (MgStatisticsWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = mg_statistics_window_get_property;
  object_class->set_property = mg_statistics_window_set_property;
  object_class->dispose = mg_statistics_window_dispose;
  object_class->finalize = mg_statistics_window_finalize;

  properties[PROP_STATISTICS] =
    g_param_spec_object ("statistics", NULL, NULL, MG_TYPE_STATISTICS,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_WHOLE_STUDY] =
    g_param_spec_boolean ("whole-study", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[MARK_ACTIVATED] =
    g_signal_new ("mark-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_UINT, G_TYPE_STRING);

  g_type_ensure (MG_TYPE_STATISTICS_CHART);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/marginalia/Marginalia/mg-statistics-window.ui");
  gtk_widget_class_bind_template_child (widget_class, MgStatisticsWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, MgStatisticsWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, MgStatisticsWindow, summary_label);
  gtk_widget_class_bind_template_child (widget_class, MgStatisticsWindow, tags_chart);
  gtk_widget_class_bind_template_child (widget_class, MgStatisticsWindow, members_chart);
  gtk_widget_class_bind_template_child (widget_class, MgStatisticsWindow, strip_chart);
  gtk_widget_class_bind_template_child (widget_class, MgStatisticsWindow, study_button);
  gtk_widget_class_bind_template_callback (widget_class, mark_activated);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK, "window.close", NULL);
}

static void
mg_statistics_window_init (MgStatisticsWindow *self)
{
  self->stores = g_ptr_array_new_with_free_func (g_object_unref);
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
mg_statistics_window_new (GtkWindow *parent)
{
  return g_object_new (MG_TYPE_STATISTICS_WINDOW, "transient-for", parent, NULL);
}
