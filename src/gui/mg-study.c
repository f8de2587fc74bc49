/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Marginalia"
#include "config.h"

#include <glib/gi18n.h>

#include "mg-heat.h"
#include "mg-self-contained.h"
#include "mg-sidecar-lock.h"
#include "mg-study-private.h"

G_DEFINE_FINAL_TYPE (MgStudy, mg_study, G_TYPE_OBJECT)

/* Members' markers: a colour and an underline each. The colours are none
 * of the tags' (teal, raspberry, olive, slate, mustard, grey: at least 55
 * apart in RGB from every colour of the tag palette and the built-in
 * tags), so that a member's layer never reads as a tag. */
static const char * const layer_palette[MG_STUDY_N_STYLES] = {
  "#00838f", "#b0006a", "#4e7a00", "#2f4f6f", "#8c8c00", "#7a7a7a",
};
static const PangoUnderline layer_underlines[MG_STUDY_N_STYLES] = {
  PANGO_UNDERLINE_ERROR, PANGO_UNDERLINE_DOUBLE, PANGO_UNDERLINE_ERROR,
  PANGO_UNDERLINE_DOUBLE, PANGO_UNDERLINE_ERROR, PANGO_UNDERLINE_DOUBLE,
};

/* Heat: one, two, three, four or more members; the text's background and
 * the legend's swatches. */
static const struct
{
  const char *color;
  double      alpha;
} heat_colors[MG_STUDY_N_HEAT] = {
  { "#f6d32d", 0.30 },
  { "#ffa348", 0.45 },
  { "#ed333b", 0.45 },
  { "#c01c28", 0.65 },
};

/* The speeches whose layers are remembered (GSettings "study-layers"). */
#define MAX_REMEMBERED 100

#define CHECK_DELAY_MS 300


gboolean
mg_study_is_annotations_file (GFile *file)
{
  g_autofree char *name = NULL;

  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  name = g_file_get_basename (file);
  return name != NULL && g_str_has_suffix (name, MG_SIDECAR_SUFFIX);
}

static GtkTextBuffer *
view_buffer (MgStudy *self)
{
  MgDocumentView *view = MG_DOCUMENT_VIEW (mg_window_get_document_view (self->window));

  return gtk_text_view_get_buffer (mg_document_view_get_text_view (view));
}

/* One tag per marker style and per heat level, made once per buffer. */
static void
ensure_tags (MgStudy *self)
{
  GtkTextBuffer *buffer = view_buffer (self);

  if (buffer == self->buffer)
    return;
  self->buffer = buffer;

  for (guint i = 0; i < MG_STUDY_N_STYLES; i++)
    {
      g_autofree char *name = g_strdup_printf ("mg-study-layer-%u", i);
      GdkRGBA rgba;

      gdk_rgba_parse (&rgba, layer_palette[i]);
      self->layer_tags[i] = gtk_text_buffer_create_tag (buffer, name,
                                                        "underline", layer_underlines[i],
                                                        "underline-rgba", &rgba,
                                                        NULL);
    }
  for (guint i = 0; i < MG_STUDY_N_HEAT; i++)
    {
      g_autofree char *name = g_strdup_printf ("mg-study-heat-%u", i + 1);
      GdkRGBA rgba;

      gdk_rgba_parse (&rgba, heat_colors[i].color);
      rgba.alpha = heat_colors[i].alpha;
      self->heat_tags[i] = gtk_text_buffer_create_tag (buffer, name,
                                                       "background-rgba", &rgba,
                                                       NULL);
    }
}

static guint
style_of (MgStudy *self,
          MgLayer *layer)
{
  return GPOINTER_TO_UINT (g_hash_table_lookup (self->styles, layer)) - 1;
}

const char *
mg_study_get_layer_color (MgStudy *self,
                          MgLayer *layer)
{
  return layer_palette[style_of (self, layer) % MG_STUDY_N_STYLES];
}

const char * const *
mg_study_get_layer_palette (guint *n_colors)
{
  if (n_colors != NULL)
    *n_colors = G_N_ELEMENTS (layer_palette);
  return layer_palette;
}

void
_mg_study_add_heat_legend (MgStudy *self,
                          GtkBox  *box)
{
  g_autoptr(GtkBuilder) builder = gtk_builder_new_from_resource ("/org/marginalia/Marginalia/mg-heat-legend.ui");
  GtkWidget *legend = GTK_WIDGET (gtk_builder_get_object (builder, "legend"));

  for (guint i = 0; i < MG_STUDY_N_HEAT; i++)
    {
      g_autofree char *id = g_strdup_printf ("swatch_%u", i + 1);
      GtkLabel *swatch = GTK_LABEL (gtk_builder_get_object (builder, id));
      g_autofree char *markup = NULL;

      /* " 1 ", " 2 ", " 3 ", " 4+ " on the shade of the text. */
      markup = g_markup_printf_escaped ("<span bgcolor=\"%s\" bgalpha=\"%d%%\"> %u%s </span>",
                                        heat_colors[i].color, (int) (heat_colors[i].alpha * 100 + 0.5),
                                        i + 1, i + 1 == MG_STUDY_N_HEAT ? "+" : "");
      gtk_label_set_markup (swatch, markup);
    }
  gtk_widget_set_visible (legend, self->heat);
  /* The builder's reference goes with it: the box keeps the legend. */
  gtk_box_append (box, legend);
  self->heat_legend = legend;
}

/* Remembered layers ---------------------------------------------------- */

static char *
speech_key (MgStudy *self)
{
  GFile *file = mg_window_get_file (self->window);

  return file != NULL ? g_file_get_uri (file) : NULL;
}

void
_mg_study_remember_layers (MgStudy *self)
{
  GSettings *settings = self->window->settings;
  g_autofree char *key = speech_key (self);
  g_autoptr(GVariant) old = NULL;
  g_autoptr(GPtrArray) uris = g_ptr_array_new_with_free_func (g_free);
  GVariantBuilder list;
  GVariantIter iter;
  const char *uri;
  GVariant *files;
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->layers));
  guint kept = 0;

  /* While remembered layers come back, they are not forgotten yet; the
   * list is written once they are all in. */
  if (self->forgetting || self->restoring > 0 || key == NULL || settings == NULL)
    return;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(MgLayer) layer = g_list_model_get_item (G_LIST_MODEL (self->layers), i);

      g_ptr_array_add (uris, g_file_get_uri (mg_layer_get_file (layer)));
    }
  g_ptr_array_add (uris, NULL);

  /* This speech first, then the others as they were. */
  g_variant_builder_init (&list, G_VARIANT_TYPE ("a(sas)"));
  if (n > 0)
    {
      g_variant_builder_add (&list, "(s^as)", key, (char **) uris->pdata);
      kept++;
    }
  old = g_settings_get_value (settings, "study-layers");
  g_variant_iter_init (&iter, old);
  while (g_variant_iter_next (&iter, "(&s@as)", &uri, &files))
    {
      if (!g_str_equal (uri, key) && kept < MAX_REMEMBERED)
        {
          g_variant_builder_add (&list, "(s@as)", uri, files);
          kept++;
        }
      g_variant_unref (files);
    }
  g_settings_set_value (settings, "study-layers", g_variant_builder_end (&list));
}

static void
layers_changed (MgStudy *self)
{
  _mg_study_remember_layers (self);
}

/* Shows again the layers remembered for the speech just opened. Those
 * that cannot be added any more (the file gone or unreadable) are said
 * once, in the one message of the batch, and forgotten. */
static void
restore_layers (MgStudy *self)
{
  g_autofree char *key = speech_key (self);
  g_autoptr(GVariant) all = NULL;
  GVariantIter iter;
  const char *uri;
  const char **files;

  if (key == NULL || self->window->settings == NULL)
    return;
  all = g_settings_get_value (self->window->settings, "study-layers");
  g_variant_iter_init (&iter, all);
  while (g_variant_iter_next (&iter, "(&s^a&s)", &uri, &files))
    {
      if (g_str_equal (uri, key))
        {
          GSList *list = NULL;

          for (guint i = 0; files[i] != NULL; i++)
            list = g_slist_append (list, g_file_new_for_uri (files[i]));
          if (list != NULL)
            _mg_study_add_files (self, list, TRUE);
          g_slist_free_full (list, g_object_unref);
          g_free (files);
          break;
        }
      g_free (files);
    }
}

GtkTextTag *
mg_study_get_layer_tag (MgStudy *self,
                        MgLayer *layer)
{
  g_return_val_if_fail (MG_IS_STUDY (self), NULL);
  g_return_val_if_fail (MG_IS_LAYER (layer), NULL);

  ensure_tags (self);
  return self->layer_tags[style_of (self, layer) % MG_STUDY_N_STYLES];
}

GtkTextTag *
mg_study_get_heat_tag (MgStudy *self,
                       guint    count)
{
  g_return_val_if_fail (MG_IS_STUDY (self), NULL);
  g_return_val_if_fail (count >= 1, NULL);

  ensure_tags (self);
  return self->heat_tags[MIN (count, MG_STUDY_N_HEAT) - 1];
}

static void
apply_range (GtkTextBuffer *buffer,
             GtkTextTag    *tag,
             guint          start,
             guint          end)
{
  GtkTextIter s, e;

  gtk_text_buffer_get_iter_at_offset (buffer, &s, (int) start);
  gtk_text_buffer_get_iter_at_offset (buffer, &e, (int) end);
  gtk_text_buffer_apply_tag (buffer, tag, &s, &e);
}

static void
redraw (MgStudy *self)
{
  GtkTextBuffer *buffer;
  GtkTextIter start, end;
  guint n_layers;

  if (mg_window_get_document_view (self->window) == NULL)
    return;
  ensure_tags (self);
  buffer = self->buffer;
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  for (guint i = 0; i < MG_STUDY_N_STYLES; i++)
    gtk_text_buffer_remove_tag (buffer, self->layer_tags[i], &start, &end);
  for (guint i = 0; i < MG_STUDY_N_HEAT; i++)
    gtk_text_buffer_remove_tag (buffer, self->heat_tags[i], &start, &end);

  n_layers = g_list_model_get_n_items (G_LIST_MODEL (self->layers));
  for (guint l = 0; l < n_layers; l++)
    {
      g_autoptr(MgLayer) layer = g_list_model_get_item (G_LIST_MODEL (self->layers), l);
      MgAnnotationStore *store = mg_layer_get_store (layer);
      GtkTextTag *tag = mg_study_get_layer_tag (self, layer);
      guint n;

      if (!mg_layer_get_visible (layer))
        continue;
      n = mg_annotation_store_get_n_annotations (store);
      for (guint i = 0; i < n; i++)
        {
          MgAnnotation *a = mg_annotation_store_get_annotation (store, i);

          if (!mg_annotation_is_orphaned (a))
            apply_range (buffer, tag, mg_annotation_get_start (a), mg_annotation_get_end (a));
        }
    }

  if (self->heat)
    {
      g_autoptr(GPtrArray) stores = g_ptr_array_new ();
      g_autoptr(GArray) segments = NULL;
      MgAnnotationStore *own = mg_window_get_store (self->window);

      if (own != NULL)
        g_ptr_array_add (stores, own);
      for (guint l = 0; l < n_layers; l++)
        {
          g_autoptr(MgLayer) layer = g_list_model_get_item (G_LIST_MODEL (self->layers), l);

          if (mg_layer_get_visible (layer))
            g_ptr_array_add (stores, mg_layer_get_store (layer));
        }
      segments = mg_heat_compute (stores, NULL);
      for (guint i = 0; i < segments->len; i++)
        {
          MgHeatSegment *s = &g_array_index (segments, MgHeatSegment, i);

          apply_range (buffer, mg_study_get_heat_tag (self, s->count), s->start, s->end);
        }
    }
}

static gboolean
redraw_idle (gpointer data)
{
  MgStudy *self = data;

  self->redraw_id = 0;
  redraw (self);
  return G_SOURCE_REMOVE;
}

void
_mg_study_queue_redraw (MgStudy *self)
{
  if (self->redraw_id == 0)
    self->redraw_id = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE + 10, redraw_idle, self, NULL);
}

void
_mg_study_toast (MgStudy    *self,
                 const char *title,
                 const char *button_label,
                 const char *action_name,
                 gboolean    undo)
{
  AdwToast *toast;

  if (undo || button_label == NULL)
    {
      _mg_window_toast (self->window, title, undo);
      return;
    }
  toast = adw_toast_new (title);
  adw_toast_set_timeout (toast, 10);
  adw_toast_set_button_label (toast, button_label);
  adw_toast_set_action_name (toast, action_name);
  adw_toast_overlay_add_toast (self->window->toast_overlay, toast);
}

static gboolean
has_document (MgStudy *self)
{
  return mg_window_get_store (self->window) != NULL && !mg_window_is_loading (self->window);
}

static gboolean
is_shared_open (MgStudy *self)
{
  MgSidecar *sidecar = mg_window_get_sidecar (self->window);
  MgDocument *document;

  if (!has_document (self) || sidecar == NULL)
    return FALSE;
  document = mg_sidecar_get_document (sidecar);
  return document != NULL && mg_document_get_file (document) == NULL &&
         mg_sidecar_get_embedded_text (sidecar) != NULL;
}

/* What the members' actions need besides a speech shown (adding,
 * the heat view, sharing): members' layers (agreement), and annotations
 * that may change too (merging); a shared file opened without its speech
 * (saving the speech). Bound, with the window as this. */
static gboolean
with_layers (gpointer this,
             gboolean state,
             guint    n_layers,
             gpointer data)
{
  return state && n_layers > 0;
}

static gboolean
shared_open (gpointer   this,
             gboolean   ready,
             MgSidecar *sidecar,
             MgStudy   *self)
{
  return ready && is_shared_open (self);
}

static void
bind_actions (MgStudy *self)
{
  const char *on_speech[] = { "add-layer", "heat", "share" };
  const struct { const char *name; const char *property; } on_layers[] = {
    { "merge", "editable" },
    { "merge-layers", "editable" },
    { "agreement", "document-ready" },
  };
  GActionMap *map = G_ACTION_MAP (self->actions);

  for (guint i = 0; i < G_N_ELEMENTS (on_speech); i++)
    g_object_bind_property (self->window, "document-ready", g_action_map_lookup_action (map, on_speech[i]),
                            "enabled", G_BINDING_SYNC_CREATE);
  for (guint i = 0; i < G_N_ELEMENTS (on_layers); i++)
    gtk_expression_bind (_mg_window_closure (G_CALLBACK (with_layers), NULL,
                                             _mg_window_property (on_layers[i].property),
                                             gtk_property_expression_new (G_TYPE_LIST_STORE,
                                                                          gtk_object_expression_new (G_OBJECT (self->layers)),
                                                                          "n-items"),
                                             NULL),
                         g_action_map_lookup_action (map, on_layers[i].name), "enabled", self->window);
  gtk_expression_bind (_mg_window_closure (G_CALLBACK (shared_open), self,
                                           _mg_window_property ("document-ready"),
                                           _mg_window_property ("sidecar"), NULL),
                       g_action_map_lookup_action (map, "save-speech"), "enabled", self->window);
  if (self->menu_button != NULL)
    g_object_bind_property (self->window, "document-ready", self->menu_button, "visible",
                            G_BINDING_SYNC_CREATE);
}

/* Layers */

static void
layer_visible_changed (MgStudy *self)
{
  _mg_study_queue_redraw (self);
}

/* The speech's document when @file may be added; NULL with @error, or
 * with *@out_present set when it is shown already. */
MgDocument *
_mg_study_check_addable (MgStudy   *self,
                         GFile     *file,
                         gboolean  *out_present,
                         GError   **error)
{
  MgSidecar *own = mg_window_get_sidecar (self->window);
  guint n;

  *out_present = FALSE;
  if (!has_document (self) || own == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                           _("Open a speech before adding members’ annotations"));
      return NULL;
    }

  n = g_list_model_get_n_items (G_LIST_MODEL (self->layers));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(MgLayer) other = g_list_model_get_item (G_LIST_MODEL (self->layers), i);

      if (g_file_equal (mg_layer_get_file (other), file))
        {
          *out_present = TRUE;
          return NULL;
        }
    }
  if (g_file_equal (mg_sidecar_get_file (own), file))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_EXISTS,
                           _("These are your own annotations, already shown"));
      return NULL;
    }
  return mg_sidecar_get_document (own);
}

void
_mg_study_insert_layer (MgStudy *self,
                        MgLayer *layer)
{
  g_hash_table_insert (self->styles, layer, GUINT_TO_POINTER (self->next_style++ + 1));
  g_signal_connect_object (layer, "notify::visible", G_CALLBACK (layer_visible_changed),
                           self, G_CONNECT_SWAPPED);
  g_list_store_append (self->layers, layer);
  _mg_study_queue_redraw (self);
}

gboolean
mg_study_add_layer (MgStudy  *self,
                    GFile    *file,
                    GError  **error)
{
  g_autoptr(MgLayer) layer = NULL;
  gboolean present = FALSE;
  MgDocument *document;

  g_return_val_if_fail (MG_IS_STUDY (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  document = _mg_study_check_addable (self, file, &present, error);
  if (document == NULL)
    return present;

  layer = mg_layer_load (file, document, NULL, error);
  if (layer == NULL)
    return FALSE;
  _mg_study_insert_layer (self, layer);
  return TRUE;
}

GListModel *
mg_study_get_layers (MgStudy *self)
{
  g_return_val_if_fail (MG_IS_STUDY (self), NULL);
  return G_LIST_MODEL (self->layers);
}

GActionGroup *
mg_study_get_actions (MgStudy *self)
{
  g_return_val_if_fail (MG_IS_STUDY (self), NULL);
  return G_ACTION_GROUP (self->actions);
}

static void
merge_layers_action (GSimpleAction *action,
                     GVariant      *parameter,
                     gpointer       data)
{
  MgStudy *self = data;
  g_autoptr(GError) error = NULL;
  MgMergeReport report = { 0, 0, 0 };
  const char *author, *tag_id;

  g_variant_get (parameter, "(&s&s)", &author, &tag_id);
  mg_study_merge (self, author, tag_id, &report, &error);
  _mg_study_toast_merge (self, &report, error);
}

/* Changes made elsewhere */

void
mg_study_check_disk (MgStudy *self)
{
  g_autoptr(GError) error = NULL;
  MgMergeReport report;
  gboolean save_needed = FALSE;
  MgAnnotationStore *store;

  g_return_if_fail (MG_IS_STUDY (self));

  g_clear_handle_id (&self->check_id, g_source_remove);
  if (self->sync == NULL || !has_document (self) || !_mg_window_is_writable (self->window))
    return;

  store = mg_window_get_store (self->window);
  if (!mg_sidecar_reload_merge (self->sync, NULL, &report, &save_needed, &error))
    {
      g_autofree char *title = g_strdup_printf (_("Could not merge changes made elsewhere: %s"),
                                                error->message);

      _mg_study_toast (self, title, NULL, NULL, FALSE);
      return;
    }

  if (report.added + report.merged > 0)
    {
      g_autofree char *title = g_strdup_printf (_("The annotations were changed elsewhere; "
                                                  "merged: %u added, %u updated"),
                                                report.added, report.merged);

      _mg_study_toast (self, title, NULL, NULL, TRUE);
    }
  if (save_needed)
    {
      if (mg_annotation_store_get_dirty (store))
        mg_window_save (self->window, NULL);
      else if (!mg_sidecar_sync_save (self->sync, NULL, &error))
        {
          g_autofree char *title = g_strdup_printf (_("Could not save the annotations: %s"),
                                                    error->message);

          _mg_study_toast (self, title, NULL, NULL, FALSE);
        }
    }
}

gboolean
mg_study_save (MgStudy  *self,
               GError  **error)
{
  MgSidecar *sidecar;
  g_autoptr(MgSidecarLock) lock = NULL;

  g_return_val_if_fail (MG_IS_STUDY (self), FALSE);

  if (self->sync != NULL)
    return mg_sidecar_sync_save (self->sync, NULL, error);
  sidecar = mg_window_get_sidecar (self->window);
  lock = mg_sidecar_lock_acquire (mg_sidecar_get_file (sidecar), error);
  return lock != NULL && mg_sidecar_save (sidecar, NULL, error);
}

/* mg_study_save with the file written in a worker thread. */
void
mg_study_save_async (MgStudy             *self,
                     GAsyncReadyCallback  callback,
                     gpointer             user_data)
{
  g_return_if_fail (MG_IS_STUDY (self));

  if (self->sync != NULL)
    mg_sidecar_sync_save_async (self->sync, NULL, callback, user_data);
  else
    mg_sidecar_save_async (mg_window_get_sidecar (self->window), NULL, callback, user_data);
}

gboolean
mg_study_save_finish (GObject       *source,
                      GAsyncResult  *result,
                      GError       **error)
{
  if (MG_IS_SIDECAR_SYNC (source))
    return mg_sidecar_sync_save_finish (MG_SIDECAR_SYNC (source), result, error);
  return mg_sidecar_save_finish (MG_SIDECAR (source), result, error);
}

static gboolean
check_timeout (gpointer data)
{
  MgStudy *self = data;

  self->check_id = 0;
  mg_study_check_disk (self);
  return G_SOURCE_REMOVE;
}

static void
monitor_changed (GFileMonitor      *monitor,
                 GFile             *file,
                 GFile             *other,
                 GFileMonitorEvent  event,
                 MgStudy           *self)
{
  switch (event)
    {
    case G_FILE_MONITOR_EVENT_CHANGES_DONE_HINT:
    case G_FILE_MONITOR_EVENT_CREATED:
    case G_FILE_MONITOR_EVENT_RENAMED:
    case G_FILE_MONITOR_EVENT_MOVED_IN:
    case G_FILE_MONITOR_EVENT_CHANGED:
      g_clear_handle_id (&self->check_id, g_source_remove);
      self->check_id = g_timeout_add (CHECK_DELAY_MS, check_timeout, self);
      break;
    case G_FILE_MONITOR_EVENT_DELETED:
    case G_FILE_MONITOR_EVENT_ATTRIBUTE_CHANGED:
    case G_FILE_MONITOR_EVENT_PRE_UNMOUNT:
    case G_FILE_MONITOR_EVENT_UNMOUNTED:
    case G_FILE_MONITOR_EVENT_MOVED:
    case G_FILE_MONITOR_EVENT_MOVED_OUT:
    default:
      break;
    }
}

/* The open document */

static void
forget_document (MgStudy *self)
{
  g_clear_handle_id (&self->check_id, g_source_remove);
  if (self->monitor != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->monitor, self);
      g_file_monitor_cancel (self->monitor);
    }
  g_clear_object (&self->monitor);
  g_clear_object (&self->sync);
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  if (self->sidecar != NULL)
    g_signal_handlers_disconnect_by_data (self->sidecar, self);
  g_clear_object (&self->store);
  g_clear_object (&self->sidecar);
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->forgetting = TRUE;
  g_list_store_remove_all (self->layers);
  self->forgetting = FALSE;
  g_hash_table_remove_all (self->styles);
  self->next_style = 0;
  self->offered_speech = FALSE;
}

static void
store_changed (MgStudy *self)
{
  if (self->heat)
    _mg_study_queue_redraw (self);
}

static void
watch_store (MgStudy *self)
{
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  g_clear_object (&self->store);
  if (self->sidecar != NULL)
    self->store = g_object_ref (mg_sidecar_get_store (self->sidecar));
  if (self->store != NULL)
    g_signal_connect_object (self->store, "changed", G_CALLBACK (store_changed),
                             self, G_CONNECT_SWAPPED);
  _mg_study_queue_redraw (self);
}

static void
window_loaded (MgStudy *self)
{
  MgSidecar *sidecar = mg_window_get_sidecar (self->window);

  if (sidecar == self->sidecar)
    return;

  forget_document (self);
  if (sidecar == NULL)
    return;

  self->sidecar = g_object_ref (sidecar);
  g_signal_connect_object (sidecar, "notify::store", G_CALLBACK (watch_store),
                           self, G_CONNECT_SWAPPED);
  watch_store (self);

  if (!mg_sidecar_get_broken (sidecar) && !mg_sidecar_get_read_only (sidecar))
    {
      self->sync = mg_sidecar_sync_new (sidecar);
      self->monitor = g_file_monitor_file (mg_sidecar_get_file (sidecar),
                                           G_FILE_MONITOR_WATCH_MOVES, NULL, NULL);
      if (self->monitor != NULL)
        g_signal_connect (self->monitor, "changed", G_CALLBACK (monitor_changed), self);
    }

  restore_layers (self);

  if (is_shared_open (self) && !self->offered_speech)
    {
      self->offered_speech = TRUE;
      _mg_study_toast (self, _("The speech is not here: its text comes from the shared file"),
                       _("_Save Speech"), "study.save-speech", FALSE);
    }
}

static void
save_speech_action (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       data)
{
  MgStudy *self = data;
  MgSidecar *sidecar = mg_window_get_sidecar (self->window);
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *title = NULL;

  if (!is_shared_open (self))
    return;
  file = mg_self_contained_default_speech_file (sidecar);
  name = g_file_get_basename (file);
  if (mg_self_contained_save_speech (sidecar, file, NULL, &error))
    title = g_strdup_printf (_("The speech was saved as “%s”"), name);
  else
    title = g_strdup_printf (_("Could not save the speech: %s"), error->message);
  _mg_study_toast (self, title, NULL, NULL, FALSE);
}

static void
heat_action (GSimpleAction *action,
             GVariant      *state,
             gpointer       data)
{
  MgStudy *self = data;

  g_simple_action_set_state (action, state);
  self->heat = g_variant_get_boolean (state);
  if (self->heat_legend != NULL)
    gtk_widget_set_visible (self->heat_legend, self->heat);
  _mg_study_queue_redraw (self);
}

static void
simple_action (GSimpleAction *action,
               GVariant      *parameter,
               gpointer       data)
{
  MgStudy *self = data;
  const char *name = g_action_get_name (G_ACTION (action));

  /* A dialog opened from the members popover takes the first click, not
   * the popover still open over it. */
  if (self->menu_button != NULL)
    gtk_menu_button_popdown (GTK_MENU_BUTTON (self->menu_button));
  if (g_str_equal (name, "add-layer"))
    _mg_study_show_add_layer (self);
  else if (g_str_equal (name, "merge"))
    _mg_study_show_merge (self);
  else if (g_str_equal (name, "agreement"))
    _mg_study_show_agreement (self);
  else if (g_str_equal (name, "share"))
    _mg_study_show_share (self);
}

static void
window_destroyed (MgStudy *self)
{
  g_clear_handle_id (&self->redraw_id, g_source_remove);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  forget_document (self);
}

static void
mg_study_dispose (GObject *object)
{
  MgStudy *self = MG_STUDY (object);

  window_destroyed (self);
  g_clear_object (&self->actions);

  G_OBJECT_CLASS (mg_study_parent_class)->dispose (object);
}

static void
mg_study_finalize (GObject *object)
{
  MgStudy *self = MG_STUDY (object);

  g_clear_object (&self->layers);
  g_clear_pointer (&self->styles, g_hash_table_unref);

  G_OBJECT_CLASS (mg_study_parent_class)->finalize (object);
}

static void
mg_study_class_init (MgStudyClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = mg_study_dispose;
  object_class->finalize = mg_study_finalize;
}

static void
mg_study_init (MgStudy *self)
{
  self->layers = g_list_store_new (MG_TYPE_LAYER);
  g_signal_connect_swapped (self->layers, "items-changed", G_CALLBACK (layers_changed), self);
  self->styles = g_hash_table_new (NULL, NULL);
}

MgStudy *
mg_study_attach (MgWindow *window)
{
  MgStudy *self;
  const GActionEntry entries[] = {
    { "add-layer", simple_action, NULL, NULL, NULL },
    { "heat", NULL, NULL, "false", heat_action },
    { "merge", simple_action, NULL, NULL, NULL },
    { "merge-layers", merge_layers_action, "(ss)", NULL, NULL },
    { "agreement", simple_action, NULL, NULL, NULL },
    { "share", simple_action, NULL, NULL, NULL },
    { "save-speech", save_speech_action, NULL, NULL, NULL },
  };

  g_return_val_if_fail (MG_IS_WINDOW (window), NULL);

  self = g_object_new (MG_TYPE_STUDY, NULL);
  self->window = window;
  g_object_set_data_full (G_OBJECT (window), "mg-study", self, g_object_unref);

  self->actions = g_simple_action_group_new ();
  g_action_map_add_action_entries (G_ACTION_MAP (self->actions), entries,
                                   G_N_ELEMENTS (entries), self);
  gtk_widget_insert_action_group (GTK_WIDGET (window), "study", G_ACTION_GROUP (self->actions));

  g_signal_connect_object (window, "loaded", G_CALLBACK (window_loaded), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (window, "destroy", G_CALLBACK (window_destroyed), self, G_CONNECT_SWAPPED);

  _mg_study_build_menu (self);
  bind_actions (self);
  return self;
}

void
mg_study_remove_layer (MgStudy *self,
                       MgLayer *layer)
{
  guint position;

  g_return_if_fail (MG_IS_STUDY (self));
  g_return_if_fail (MG_IS_LAYER (layer));

  if (g_list_store_find (self->layers, layer, &position))
    {
      g_list_store_remove (self->layers, position);
      _mg_study_queue_redraw (self);
    }
}

/* Merging the visible layers into one's own annotations: an operation on
 * the layers above, through core's mg_merge_layers(). */

typedef struct
{
  const char *author;
  const char *tag_id;
} AuthorTag;

static gboolean
by_author_and_tag (MgAnnotation *a,
                   gpointer      data)
{
  AuthorTag *want = data;

  if (want->author != NULL && g_strcmp0 (mg_annotation_get_author (a), want->author) != 0)
    return FALSE;
  if (want->tag_id != NULL && !mg_annotation_has_tag (a, want->tag_id))
    return FALSE;
  return TRUE;
}

static gboolean
in_set (MgAnnotation *a,
        gpointer      data)
{
  return g_hash_table_contains (data, a);
}

/* Merges the annotations of the visible layers that @filter accepts, as
 * one undoable step. */
static gboolean
merge_where (MgStudy           *self,
             MgMergeFilterFunc  filter,
             gpointer           filter_data,
             MgMergeReport     *report,
             GError           **error)
{
  MgAnnotationStore *store = mg_window_get_store (self->window);
  g_autoptr(GPtrArray) layers = g_ptr_array_new_with_free_func (g_object_unref);
  guint n_layers = g_list_model_get_n_items (G_LIST_MODEL (self->layers));
  gboolean ok;

  if (store == NULL || !_mg_window_is_writable (self->window))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_READ_ONLY,
                           _("Your annotations cannot be changed"));
      return FALSE;
    }

  for (guint l = 0; l < n_layers; l++)
    g_ptr_array_add (layers, g_list_model_get_item (G_LIST_MODEL (self->layers), l));
  ok = mg_merge_layers (store, layers, filter, filter_data, NULL, NULL, report, error);
  return ok;
}

gboolean
mg_study_merge (MgStudy       *self,
                const char    *author,
                const char    *tag_id,
                MgMergeReport *report,
                GError       **error)
{
  AuthorTag want = { author, tag_id };

  g_return_val_if_fail (MG_IS_STUDY (self), FALSE);

  if (want.author != NULL && *want.author == '\0')
    want.author = NULL;
  if (want.tag_id != NULL && *want.tag_id == '\0')
    want.tag_id = NULL;
  return merge_where (self, by_author_and_tag, &want, report, error);
}

gboolean
mg_study_merge_chosen (MgStudy       *self,
                       GPtrArray     *annotations,
                       MgMergeReport *report,
                       GError       **error)
{
  g_autoptr(GHashTable) chosen = g_hash_table_new (NULL, NULL);

  g_return_val_if_fail (MG_IS_STUDY (self), FALSE);
  g_return_val_if_fail (annotations != NULL, FALSE);

  for (guint i = 0; i < annotations->len; i++)
    g_hash_table_add (chosen, g_ptr_array_index (annotations, i));
  return merge_where (self, in_set, chosen, report, error);
}

void
_mg_study_toast_merge (MgStudy             *self,
                       const MgMergeReport *report,
                       const GError        *error)
{
  g_autofree char *title = NULL;

  if (error != NULL)
    {
      title = g_strdup_printf (_("Could not merge: %s"), error->message);
      _mg_study_toast (self, title, NULL, NULL, FALSE);
      return;
    }
  title = g_strdup_printf (_("Merged: %u added, %u merged, %u already there"),
                           report->added, report->merged, report->skipped);
  _mg_study_toast (self, title, NULL, NULL, report->added + report->merged > 0);
}

GtkWidget *
mg_study_get_menu_button (MgStudy *self)
{
  g_return_val_if_fail (MG_IS_STUDY (self), NULL);
  return self->menu_button;
}

GtkWidget *
mg_study_get_heat_legend (MgStudy *self)
{
  g_return_val_if_fail (MG_IS_STUDY (self), NULL);
  return self->heat_legend;
}

gboolean
mg_study_is_restoring (MgStudy *self)
{
  g_return_val_if_fail (MG_IS_STUDY (self), FALSE);
  return self->restoring > 0;
}

MgStudy *
mg_study_get_for_window (MgWindow *window)
{
  g_return_val_if_fail (MG_IS_WINDOW (window), NULL);
  return g_object_get_data (G_OBJECT (window), "mg-study");
}
