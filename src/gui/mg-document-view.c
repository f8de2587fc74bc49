/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Marginalia"
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "mg-document-view-private.h"
#include "mg-tag-style.h"



G_DEFINE_FINAL_TYPE (MgDocumentView, mg_document_view, GTK_TYPE_WIDGET)

enum {
  ANNOTATION_ACTIVATED,
  SELECTION_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static gboolean
is_dark (void)
{
  return adw_style_manager_get_dark (adw_style_manager_get_default ());
}

static void
set_tag_background (GtkTextTag *tag,
                    const char *color,
                    double      alpha)
{
  GdkRGBA rgba;

  mg_tag_style_parse (color, alpha, &rgba);
  g_object_set (tag, "background-rgba", &rgba, NULL);
}

/* The fixed styles sit above every tag colour whatever order the colour
 * tags were created in. */
static void
raise_fixed_styles (MgDocumentView *self)
{
  GtkTextTagTable *table = gtk_text_buffer_get_tag_table (gtk_text_view_get_buffer (self->text_view));
  GtkTextTag *order[] = { self->highlight_tag, self->overlap_tag, self->starred_tag,
                          self->match_tag, self->current_match_tag, self->flash_tag };
  int top = gtk_text_tag_table_get_size (table) - 1;

  for (guint i = 0; i < G_N_ELEMENTS (order); i++)
    gtk_text_tag_set_priority (order[i], top - (int) G_N_ELEMENTS (order) + 1 + (int) i);
}

static void
update_fixed_colors (MgDocumentView *self)
{
  gboolean dark = is_dark ();
  GdkRGBA rgba;

  set_tag_background (self->highlight_tag, dark ? "#f5c211" : "#f6d32d", dark ? 0.38 : 0.45);
  gdk_rgba_parse (&rgba, dark ? "#f8e45c" : "#c64600");
  g_object_set (self->starred_tag, "underline-rgba", &rgba, NULL);
  /* No overline-rgba: GTK 4.8 frees that attribute twice when laying out. */
  set_tag_background (self->match_tag, dark ? "#9a9996" : "#c0bfbc", dark ? 0.55 : 0.6);
  set_tag_background (self->current_match_tag, "#ff7800", dark ? 0.75 : 0.6);
  set_tag_background (self->flash_tag, dark ? "#78aeed" : "#3584e4", dark ? 0.6 : 0.45);
}

static GtkTextTag *
ensure_color_tag (MgDocumentView *self,
                  MgTag          *tag)
{
  GtkTextTag *text_tag = g_hash_table_lookup (self->color_tags, mg_tag_get_id (tag));

  if (text_tag == NULL)
    {
      GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->text_view);

      text_tag = gtk_text_buffer_create_tag (buffer, NULL, NULL);
      g_hash_table_insert (self->color_tags, g_strdup (mg_tag_get_id (tag)), text_tag);
      raise_fixed_styles (self);
    }
  set_tag_background (text_tag, mg_tag_get_color (tag), mg_tag_style_highlight_alpha (is_dark ()));
  return text_tag;
}

static void
update_color_tags (MgDocumentView *self)
{
  _mg_document_view_update_suggestion_styles (self);
  if (self->tags == NULL)
    return;
  for (guint i = 0; i < mg_tag_set_get_n_tags (self->tags); i++)
    ensure_color_tag (self, mg_tag_set_get_tag (self->tags, i));
}

static void
apply_range (GtkTextBuffer *buffer,
             GtkTextTag    *tag,
             guint          start,
             guint          end)
{
  GtkTextIter s, e;

  gtk_text_buffer_get_iter_at_offset (buffer, &s, start);
  gtk_text_buffer_get_iter_at_offset (buffer, &e, end);
  gtk_text_buffer_apply_tag (buffer, tag, &s, &e);
}

static guint64
range_of (MgAnnotation *annotation)
{
  guint start, end;

  if (mg_annotation_is_orphaned (annotation))
    return 0;
  start = mg_annotation_get_start (annotation);
  end = mg_annotation_get_end (annotation);
  if (start >= end)
    return 0;
  return ((guint64) start << 32) | end;
}

static void
add_dirty (MgDocumentView *self,
           guint64         range)
{
  guint start = range >> 32;
  guint end = range & 0xffffffff;

  if (start >= end)
    return;
  if (self->dirty_start >= self->dirty_end)
    {
      self->dirty_start = start;
      self->dirty_end = end;
    }
  else
    {
      self->dirty_start = MIN (self->dirty_start, start);
      self->dirty_end = MAX (self->dirty_end, end);
    }
}

static void
rebuild_mirror (MgDocumentView *self)
{
  g_ptr_array_set_size (self->mirror, 0);
  g_hash_table_remove_all (self->drawn);
  if (self->store == NULL)
    return;
  for (guint i = 0; i < mg_annotation_store_get_n_annotations (self->store); i++)
    {
      MgAnnotation *annotation = mg_annotation_store_get_annotation (self->store, i);
      guint64 *range = g_new (guint64, 1);

      *range = range_of (annotation);
      g_ptr_array_add (self->mirror, annotation);
      g_hash_table_insert (self->drawn, annotation, range);
    }
}

/* Re-applies the annotation styles on [start, end) (the whole text when
 * @all): the styles are removed there and put back from every annotation
 * that touches it. */
static void
redraw (MgDocumentView *self,
        gboolean        all,
        guint           start,
        guint           end)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->text_view);
  GtkTextIter from, to;
  GHashTableIter iter;
  gpointer value;
  guint n, max_end = 0;

  if (all)
    {
      start = 0;
      end = G_MAXUINT;
      gtk_text_buffer_get_bounds (buffer, &from, &to);
    }
  else
    {
      gtk_text_buffer_get_iter_at_offset (buffer, &from, start);
      gtk_text_buffer_get_iter_at_offset (buffer, &to, end);
    }

  g_hash_table_iter_init (&iter, self->color_tags);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    gtk_text_buffer_remove_tag (buffer, value, &from, &to);
  gtk_text_buffer_remove_tag (buffer, self->highlight_tag, &from, &to);
  gtk_text_buffer_remove_tag (buffer, self->starred_tag, &from, &to);
  gtk_text_buffer_remove_tag (buffer, self->overlap_tag, &from, &to);

  if (self->store == NULL)
    return;

  /* The store is sorted by start: a range covered twice is one that starts
   * before the furthest end seen so far. */
  n = mg_annotation_store_get_n_annotations (self->store);
  for (guint i = 0; i < n; i++)
    {
      MgAnnotation *annotation = mg_annotation_store_get_annotation (self->store, i);
      const char * const *tag_ids;
      guint s, e;
      gboolean any = FALSE;

      if (mg_annotation_is_orphaned (annotation))
        continue;
      s = mg_annotation_get_start (annotation);
      e = mg_annotation_get_end (annotation);
      if (s >= end)
        break;
      if (s >= e)
        continue;

      if (e > start)
        {
          GtkTextIter si, ei;

          /* One pair of iterators per annotation, shared by its styles. */
          gtk_text_buffer_get_iter_at_offset (buffer, &si, s);
          ei = si;
          gtk_text_iter_forward_chars (&ei, e - s);
          tag_ids = mg_annotation_get_tags (annotation);
          for (guint t = 0; tag_ids[t] != NULL; t++)
            {
              GtkTextTag *text_tag = g_hash_table_lookup (self->color_tags, tag_ids[t]);

              if (text_tag != NULL)
                {
                  gtk_text_buffer_apply_tag (buffer, text_tag, &si, &ei);
                  any = TRUE;
                }
            }
          if (!any)
            gtk_text_buffer_apply_tag (buffer, self->highlight_tag, &si, &ei);
          if (mg_annotation_get_starred (annotation))
            gtk_text_buffer_apply_tag (buffer, self->starred_tag, &si, &ei);
        }
      if (s < max_end && MIN (e, max_end) > start)
        apply_range (buffer, self->overlap_tag, s, MIN (e, max_end));
      max_end = MAX (max_end, e);
    }
}

void
mg_document_view_refresh (MgDocumentView *self)
{
  g_return_if_fail (MG_IS_DOCUMENT_VIEW (self));

  g_clear_handle_id (&self->refresh_id, g_source_remove);

  update_color_tags (self);
  if (self->dirty_all)
    {
      rebuild_mirror (self);
      redraw (self, TRUE, 0, 0);
    }
  else if (self->dirty_start < self->dirty_end)
    redraw (self, FALSE, self->dirty_start, self->dirty_end);

  self->dirty_all = FALSE;
  self->dirty_start = self->dirty_end = 0;
}

static gboolean
refresh_idle (gpointer data)
{
  MgDocumentView *self = data;

  self->refresh_id = 0;
  mg_document_view_refresh (self);
  return G_SOURCE_REMOVE;
}

static void
queue_refresh (MgDocumentView *self)
{
  if (self->refresh_id == 0)
    self->refresh_id = g_idle_add_full (G_PRIORITY_HIGH_IDLE, refresh_idle, self, NULL);
}

static void
queue_full_refresh (MgDocumentView *self)
{
  self->dirty_all = TRUE;
  queue_refresh (self);
}

static void
store_items_changed (GListModel     *model,
                     guint           position,
                     guint           removed,
                     guint           added,
                     MgDocumentView *self)
{
  if (self->dirty_all)
    {
      queue_refresh (self);
      return;
    }
  if (position + removed > self->mirror->len)
    {
      queue_full_refresh (self);
      return;
    }

  for (guint i = 0; i < removed; i++)
    {
      MgAnnotation *annotation = g_ptr_array_index (self->mirror, position + i);
      guint64 *range = g_hash_table_lookup (self->drawn, annotation);

      if (range != NULL)
        add_dirty (self, *range);
      g_hash_table_remove (self->drawn, annotation);
    }
  g_ptr_array_remove_range (self->mirror, position, removed);

  for (guint i = 0; i < added; i++)
    {
      MgAnnotation *annotation = mg_annotation_store_get_annotation (self->store, position + i);
      guint64 *range = g_new (guint64, 1);

      *range = range_of (annotation);
      add_dirty (self, *range);
      g_ptr_array_insert (self->mirror, position + i, annotation);
      g_hash_table_insert (self->drawn, annotation, range);
    }
  queue_refresh (self);
}

static void
store_annotation_changed (MgAnnotationStore *store,
                          MgAnnotation      *annotation,
                          MgDocumentView    *self)
{
  guint64 *range = g_hash_table_lookup (self->drawn, annotation);

  if (range == NULL)
    {
      add_dirty (self, range_of (annotation));
      queue_refresh (self);
      return;
    }
  add_dirty (self, *range);
  *range = range_of (annotation);
  add_dirty (self, *range);
  queue_refresh (self);
}

static void
dark_changed (MgDocumentView *self)
{
  update_fixed_colors (self);
  update_color_tags (self);
}

/* Annotations under the pointer, innermost first. */
static GPtrArray *
annotations_at (MgDocumentView *self,
                double          x,
                double          y)
{
  GtkTextIter iter;
  int bx, by;

  if (self->store == NULL)
    return NULL;
  gtk_text_view_window_to_buffer_coords (self->text_view, GTK_TEXT_WINDOW_WIDGET,
                                         (int) x, (int) y, &bx, &by);
  if (!gtk_text_view_get_iter_at_location (self->text_view, &iter, bx, by))
    return NULL;
  return mg_annotation_store_get_at (self->store, gtk_text_iter_get_offset (&iter));
}

static int
compare_length (gconstpointer a,
                gconstpointer b)
{
  MgAnnotation *x = *(MgAnnotation **) a;
  MgAnnotation *y = *(MgAnnotation **) b;
  guint lx = mg_annotation_get_end (x) - mg_annotation_get_start (x);
  guint ly = mg_annotation_get_end (y) - mg_annotation_get_start (y);

  return lx < ly ? -1 : lx > ly;
}

static gboolean
query_tooltip (GtkWidget      *widget,
               int             x,
               int             y,
               gboolean        keyboard,
               GtkTooltip     *tooltip,
               MgDocumentView *self)
{
  g_autoptr(GPtrArray) found = NULL;
  GString *markup;

  if (keyboard)
    return FALSE;
  found = annotations_at (self, x, y);
  if (found == NULL || found->len == 0)
    {
      g_autofree char *suggested = _mg_document_view_suggestions_tooltip (self, x, y);

      if (suggested == NULL)
        return FALSE;
      gtk_tooltip_set_markup (tooltip, suggested);
      return TRUE;
    }

  g_ptr_array_sort (found, compare_length);
  markup = g_string_new (NULL);
  for (guint i = 0; i < found->len && i < 5; i++)
    {
      MgAnnotation *annotation = g_ptr_array_index (found, i);
      const char * const *tag_ids = mg_annotation_get_tags (annotation);
      const char *note = mg_annotation_get_note (annotation);
      const char *author = mg_annotation_get_author (annotation);
      g_autoptr(GString) names = g_string_new (NULL);

      for (guint t = 0; tag_ids[t] != NULL; t++)
        {
          MgTag *tag = self->tags ? mg_tag_set_lookup (self->tags, tag_ids[t]) : NULL;

          if (names->len > 0)
            g_string_append (names, ", ");
          g_string_append (names, tag ? mg_tag_get_display_name (tag) : tag_ids[t]);
        }
      if (names->len == 0)
        g_string_append (names, _("Highlight"));

      if (i > 0)
        g_string_append (markup, "\n\n");
      {
        g_autofree char *escaped = g_markup_escape_text (names->str, -1);
        g_string_append_printf (markup, "<b>%s%s</b>",
                                mg_annotation_get_starred (annotation) ? "★ " : "",
                                escaped);
      }
      if (author[0] != '\0')
        {
          g_autofree char *escaped = g_markup_escape_text (author, -1);
          g_string_append_printf (markup, " <span alpha=\"60%%\">· %s</span>", escaped);
        }
      if (note[0] != '\0')
        {
          g_autofree char *escaped = g_markup_escape_text (note, -1);
          g_string_append_printf (markup, "\n%s", escaped);
        }
    }
  if (found->len > 5)
    {
      g_string_append (markup, "\n\n");
      g_string_append_printf (markup,
                              ngettext ("and %u more annotation", "and %u more annotations", found->len - 5),
                              found->len - 5);
    }

  gtk_tooltip_set_markup (tooltip, markup->str);
  g_string_free (markup, TRUE);
  return TRUE;
}

static gboolean
handle_release (gpointer data)
{
  MgDocumentView *self = data;
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->text_view);
  double x = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (self), "release-x"));
  double y = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (self), "release-y"));

  self->release_id = 0;

  if (gtk_text_buffer_get_has_selection (buffer))
    {
      if (self->annotatable)
        mg_document_view_popup_tags (self);
    }
  else
    {
      g_autoptr(GPtrArray) found = annotations_at (self, x, y);
      GtkTextIter iter;
      int bx, by;

      if (found != NULL && found->len > 0)
        {
          g_ptr_array_sort (found, compare_length);
          g_signal_emit (self, signals[ANNOTATION_ACTIVATED], 0, g_ptr_array_index (found, 0));
        }
      /* A suggested passage offers itself. */
      gtk_text_view_window_to_buffer_coords (self->text_view, GTK_TEXT_WINDOW_WIDGET,
                                             (int) x, (int) y, &bx, &by);
      if (self->annotatable && self->suggestions != NULL &&
          gtk_text_view_get_iter_at_location (self->text_view, &iter, bx, by))
        mg_document_view_popup_suggestions (self, gtk_text_iter_get_offset (&iter));
    }
  return G_SOURCE_REMOVE;
}

/* The text view claims its own clicks, so a plain gesture would never see
 * the release; watch the raw events instead, and act once the view has
 * updated the selection. */
static gboolean
legacy_event (GtkEventControllerLegacy *controller,
              GdkEvent                 *event,
              MgDocumentView           *self)
{
  double x, y;

  if (gdk_event_get_event_type (event) != GDK_BUTTON_RELEASE ||
      gdk_button_event_get_button (event) != GDK_BUTTON_PRIMARY)
    return GDK_EVENT_PROPAGATE;

  if (gdk_event_get_position (event, &x, &y))
    {
      graphene_point_t in = GRAPHENE_POINT_INIT (x, y), out;
      GtkNative *native = gtk_widget_get_native (GTK_WIDGET (self->text_view));
      double nx, ny;

      gtk_native_get_surface_transform (native, &nx, &ny);
      in.x -= nx;
      in.y -= ny;
      if (gtk_widget_compute_point (GTK_WIDGET (native), GTK_WIDGET (self->text_view), &in, &out))
        {
          g_object_set_data (G_OBJECT (self), "release-x", GINT_TO_POINTER ((int) out.x));
          g_object_set_data (G_OBJECT (self), "release-y", GINT_TO_POINTER ((int) out.y));
        }
    }
  if (self->release_id == 0)
    self->release_id = g_idle_add (handle_release, self);
  return GDK_EVENT_PROPAGATE;
}

static void
mark_set (GtkTextBuffer  *buffer,
          GtkTextIter    *location,
          GtkTextMark    *mark,
          MgDocumentView *self)
{
  if (mark == gtk_text_buffer_get_insert (buffer) ||
      mark == gtk_text_buffer_get_selection_bound (buffer))
    g_signal_emit (self, signals[SELECTION_CHANGED], 0);
}

static void
mg_document_view_measure (GtkWidget      *widget,
                          GtkOrientation  orientation,
                          int             for_size,
                          int            *minimum,
                          int            *natural,
                          int            *minimum_baseline,
                          int            *natural_baseline)
{
  MgDocumentView *self = MG_DOCUMENT_VIEW (widget);

  gtk_widget_measure (GTK_WIDGET (self->scroller), orientation, for_size,
                      minimum, natural, minimum_baseline, natural_baseline);
}

static void
mg_document_view_size_allocate (GtkWidget *widget,
                                int        width,
                                int        height,
                                int        baseline)
{
  MgDocumentView *self = MG_DOCUMENT_VIEW (widget);

  gtk_widget_allocate (GTK_WIDGET (self->scroller), width, height, baseline, NULL);
  gtk_popover_present (GTK_POPOVER (self->popover));
  gtk_popover_present (GTK_POPOVER (self->suggestion_popover));
}

static void
mg_document_view_dispose (GObject *object)
{
  MgDocumentView *self = MG_DOCUMENT_VIEW (object);

  g_clear_handle_id (&self->refresh_id, g_source_remove);
  g_clear_handle_id (&self->flash_id, g_source_remove);
  g_clear_handle_id (&self->release_id, g_source_remove);
  g_signal_handlers_disconnect_by_data (adw_style_manager_get_default (), self);
  mg_document_view_set_store (self, NULL);
  _mg_document_view_dispose_suggestions (self);
  if (self->popover != NULL)
    {
      gtk_widget_unparent (GTK_WIDGET (self->popover));
      self->popover = NULL;
    }
  g_clear_object (&self->font_provider);

  gtk_widget_dispose_template (GTK_WIDGET (self), MG_TYPE_DOCUMENT_VIEW);

  G_OBJECT_CLASS (mg_document_view_parent_class)->dispose (object);
}

static void
mg_document_view_finalize (GObject *object)
{
  MgDocumentView *self = MG_DOCUMENT_VIEW (object);

  g_clear_pointer (&self->color_tags, g_hash_table_unref);
  g_clear_pointer (&self->matches, g_array_unref);
  g_clear_pointer (&self->mirror, g_ptr_array_unref);
  g_clear_pointer (&self->drawn, g_hash_table_unref);
  g_clear_pointer (&self->search_text, g_free);

  G_OBJECT_CLASS (mg_document_view_parent_class)->finalize (object);
}

static void
mg_document_view_class_init (MgDocumentViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mg_document_view_dispose;
  object_class->finalize = mg_document_view_finalize;
  widget_class->measure = mg_document_view_measure;
  widget_class->size_allocate = mg_document_view_size_allocate;

  signals[ANNOTATION_ACTIVATED] = g_signal_new ("annotation-activated",
                                                G_TYPE_FROM_CLASS (klass),
                                                G_SIGNAL_RUN_LAST,
                                                0, NULL, NULL, NULL,
                                                G_TYPE_NONE, 1, MG_TYPE_ANNOTATION);
  signals[SELECTION_CHANGED] = g_signal_new ("selection-changed",
                                             G_TYPE_FROM_CLASS (klass),
                                             G_SIGNAL_RUN_LAST,
                                             0, NULL, NULL, NULL,
                                             G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/marginalia/Marginalia/mg-document-view.ui");
  gtk_widget_class_bind_template_child (widget_class, MgDocumentView, scroller);
  gtk_widget_class_bind_template_child (widget_class, MgDocumentView, text_view);
  gtk_widget_class_set_css_name (widget_class, "documentview");
}

static void
mg_document_view_init (MgDocumentView *self)
{
  GtkTextBuffer *buffer;
  GtkEventController *legacy;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->color_tags = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->matches = g_array_new (FALSE, FALSE, sizeof (guint));
  self->mirror = g_ptr_array_new ();
  self->drawn = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL, g_free);
  self->annotatable = TRUE;

  buffer = gtk_text_view_get_buffer (self->text_view);
  self->highlight_tag = gtk_text_buffer_create_tag (buffer, "mg-highlight", NULL);
  self->overlap_tag = gtk_text_buffer_create_tag (buffer, "mg-overlap",
                                                  "overline", PANGO_OVERLINE_SINGLE,
                                                  NULL);
  self->starred_tag = gtk_text_buffer_create_tag (buffer, "mg-starred",
                                                  "underline", PANGO_UNDERLINE_SINGLE,
                                                  NULL);
  self->match_tag = gtk_text_buffer_create_tag (buffer, "mg-search-match", NULL);
  self->current_match_tag = gtk_text_buffer_create_tag (buffer, "mg-search-current", NULL);
  self->flash_tag = gtk_text_buffer_create_tag (buffer, "mg-flash", NULL);
  update_fixed_colors (self);
  _mg_document_view_init_suggestions (self);
  g_signal_connect (buffer, "mark-set", G_CALLBACK (mark_set), self);

  self->popover = MG_TAG_POPOVER (mg_tag_popover_new ());
  gtk_widget_set_parent (GTK_WIDGET (self->popover), GTK_WIDGET (self));
  _mg_document_view_init_selection (self);

  g_signal_connect (self->text_view, "query-tooltip", G_CALLBACK (query_tooltip), self);
  legacy = gtk_event_controller_legacy_new ();
  gtk_event_controller_set_propagation_phase (legacy, GTK_PHASE_CAPTURE);
  g_signal_connect (legacy, "event", G_CALLBACK (legacy_event), self);
  gtk_widget_add_controller (GTK_WIDGET (self->text_view), legacy);

  self->font_provider = gtk_css_provider_new ();
  gtk_style_context_add_provider (gtk_widget_get_style_context (GTK_WIDGET (self->text_view)),
                                  GTK_STYLE_PROVIDER (self->font_provider),
                                  GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);

  g_signal_connect_swapped (adw_style_manager_get_default (), "notify::dark",
                            G_CALLBACK (dark_changed), self);
}

GtkWidget *
mg_document_view_new (void)
{
  return g_object_new (MG_TYPE_DOCUMENT_VIEW, NULL);
}

void
mg_document_view_set_store (MgDocumentView    *self,
                            MgAnnotationStore *store)
{
  GtkTextBuffer *buffer;
  MgDocument *document;

  g_return_if_fail (MG_IS_DOCUMENT_VIEW (self));
  g_return_if_fail (store == NULL || MG_IS_ANNOTATION_STORE (store));

  if (self->store == store)
    return;

  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  if (self->tags != NULL)
    g_signal_handlers_disconnect_by_data (self->tags, self);
  g_clear_object (&self->tags);
  g_set_object (&self->store, store);

  if (gtk_widget_in_destruction (GTK_WIDGET (self)) || self->text_view == NULL)
    return;

  buffer = gtk_text_view_get_buffer (self->text_view);
  _mg_document_view_reset_suggestions (self);
  g_array_set_size (self->matches, 0);
  g_clear_pointer (&self->search_text, g_free);

  document = store ? mg_annotation_store_get_document (store) : NULL;
  if (document != NULL)
    gtk_text_buffer_set_text (buffer, mg_document_get_text (document), mg_document_get_size (document));
  else
    gtk_text_buffer_set_text (buffer, "", 0);

  if (document != NULL && g_strcmp0 (mg_document_get_language (document), "zh") == 0)
    gtk_widget_add_css_class (GTK_WIDGET (self->text_view), "zh");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->text_view), "zh");

  if (store != NULL)
    {
      self->tags = g_object_ref (mg_annotation_store_get_tag_set (store));
      g_signal_connect (store, "items-changed", G_CALLBACK (store_items_changed), self);
      g_signal_connect (store, "annotation-changed", G_CALLBACK (store_annotation_changed), self);
      /* Adding or removing a tag definition can change which colour an
       * annotation shows; a new colour only changes the tag's style. */
      g_signal_connect_swapped (self->tags, "items-changed", G_CALLBACK (queue_full_refresh), self);
      g_signal_connect_swapped (self->tags, "tag-changed", G_CALLBACK (update_color_tags), self);
    }
  mg_tag_popover_set_tag_set (self->popover, self->tags);
  self->dirty_all = TRUE;
  mg_document_view_refresh (self);
}

MgAnnotationStore *
mg_document_view_get_store (MgDocumentView *self)
{
  g_return_val_if_fail (MG_IS_DOCUMENT_VIEW (self), NULL);

  return self->store;
}

GtkTextView *
mg_document_view_get_text_view (MgDocumentView *self)
{
  g_return_val_if_fail (MG_IS_DOCUMENT_VIEW (self), NULL);

  return self->text_view;
}

MgTagPopover *
mg_document_view_get_tag_popover (MgDocumentView *self)
{
  g_return_val_if_fail (MG_IS_DOCUMENT_VIEW (self), NULL);

  return self->popover;
}

void
mg_document_view_set_annotatable (MgDocumentView *self,
                                  gboolean        annotatable)
{
  g_return_if_fail (MG_IS_DOCUMENT_VIEW (self));

  self->annotatable = !!annotatable;
  if (!annotatable)
    {
      gtk_popover_popdown (GTK_POPOVER (self->popover));
      gtk_popover_popdown (GTK_POPOVER (self->suggestion_popover));
    }
}
