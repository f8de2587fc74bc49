/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Marginalia"
#include "config.h"

#include <string.h>

#include <adwaita.h>
#include <glib/gi18n.h>

#include "mg-document-view-private.h"
#include "mg-tag-style.h"
#include "mg-tidy.h"



G_DEFINE_FINAL_TYPE (MgDocumentView, mg_document_view, GTK_TYPE_WIDGET)

enum {
  ANNOTATION_ACTIVATED,
  SELECTION_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

enum {
  PROP_0,
  PROP_ANNOTATABLE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void announce_cursor (MgDocumentView *self);

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
  GtkTextTagTable *table = gtk_text_buffer_get_tag_table (self->buffer);
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

static void
ensure_color_tag (MgDocumentView *self,
                  MgTag          *tag)
{
  GtkTextTag *text_tag = g_hash_table_lookup (self->color_tags, mg_tag_get_id (tag));
  GtkTextTag *stripe = g_hash_table_lookup (self->stripe_tags, mg_tag_get_id (tag));
  GdkRGBA rgba;

  if (text_tag == NULL)
    {
      GtkTextBuffer *buffer = self->buffer;

      g_autofree char *wash_name = g_strconcat ("mg-tag-", mg_tag_get_id (tag), NULL);
      g_autofree char *stripe_name = g_strconcat ("mg-tag-stripe-", mg_tag_get_id (tag), NULL);

      /* Named (mg-document-view.h); a tag's id never changes, and its
       * text tags stay for the view's life. */
      text_tag = gtk_text_buffer_create_tag (buffer, wash_name, NULL);
      g_hash_table_insert (self->color_tags, g_strdup (mg_tag_get_id (tag)), text_tag);
      stripe = gtk_text_buffer_create_tag (buffer, stripe_name,
                                           "underline", PANGO_UNDERLINE_DOUBLE,
                                           NULL);
      g_hash_table_insert (self->stripe_tags, g_strdup (mg_tag_get_id (tag)), stripe);
      raise_fixed_styles (self);
    }
  set_tag_background (text_tag, mg_tag_get_color (tag), mg_tag_style_highlight_alpha (is_dark ()));
  mg_tag_style_parse (mg_tag_get_color (tag), 1.0, &rgba);
  g_object_set (stripe, "underline-rgba", &rgba, NULL);
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

typedef MgViewSpan Span;

/* @range is to be drawn again because an annotation came there
 * (@added: the styles there can only grow) or changed or went. */
static void
mark_dirty (MgDocumentView *self,
            guint64         range,
            gboolean        added)
{
  Span span = { range >> 32, range & 0xffffffff };

  if (span.start >= span.end)
    return;
  g_array_append_val (self->dirty, span);
  if (!added)
    self->dirty_shrinks = TRUE;
}

static void
add_dirty (MgDocumentView *self,
           guint64         range)
{
  mark_dirty (self, range, FALSE);
}

static int
compare_span (gconstpointer a,
              gconstpointer b)
{
  const Span *x = a, *y = b;

  return x->start < y->start ? -1 : x->start > y->start;
}

/* Sorts @spans by start and joins those that overlap or touch. */
static void
coalesce (GArray *spans)
{
  guint kept = 0;

  if (spans->len < 2)
    return;
  g_array_sort (spans, compare_span);
  for (guint i = 1; i < spans->len; i++)
    {
      Span *last = &g_array_index (spans, Span, kept);
      Span *next = &g_array_index (spans, Span, i);

      if (next->start <= last->end)
        last->end = MAX (last->end, next->end);
      else
        g_array_index (spans, Span, ++kept) = *next;
    }
  g_array_set_size (spans, kept + 1);
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

/* Compares the annotations at positions [@from, @from + @n) of the store
 * with their ranges drawn, taken out of @before (annotation → guint64 *
 * range): records each one's range in @drawn, adds it to @items, and marks
 * dirty what came, moved or, left in @before, went. */
static void
diff_drawn (MgDocumentView *self,
            GHashTable     *before,
            GHashTable     *drawn,
            guint           from,
            guint           n,
            GPtrArray      *items)
{
  GHashTableIter iter;
  gpointer value;

  for (guint i = from; i < from + n; i++)
    {
      MgAnnotation *annotation = mg_annotation_store_get_annotation (self->store, i);
      guint64 *range = NULL;
      guint64 now = range_of (annotation);

      if (g_hash_table_steal_extended (before, annotation, NULL, (gpointer *) &range))
        {
          if (*range != now)
            {
              add_dirty (self, *range);
              add_dirty (self, now);
            }
        }
      else
        {
          range = g_new (guint64, 1);
          mark_dirty (self, now, TRUE);
        }
      *range = now;
      g_ptr_array_add (items, annotation);
      g_hash_table_insert (drawn, annotation, range);
    }
  g_hash_table_iter_init (&iter, before);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    add_dirty (self, *(guint64 *) value);
}

/* After a change of many annotations: what changed is found by comparing
 * the store with what is drawn, once, rather than by following every
 * insertion and removal. */
static void
reconcile_mirror (MgDocumentView *self)
{
  GHashTable *drawn = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL, g_free);
  guint n = self->store ? mg_annotation_store_get_n_annotations (self->store) : 0;

  g_ptr_array_set_size (self->mirror, 0);
  diff_drawn (self, self->drawn, drawn, 0, n, self->mirror);
  g_hash_table_unref (self->drawn);
  self->drawn = drawn;
}

/* The ranges one style is applied to, gathered before any is applied. */
typedef struct
{
  GtkTextTag *tag;
  GArray     *spans;
} Style;

static void
style_add (GHashTable *styles,
           GtkTextTag *tag,
           guint       start,
           guint       end)
{
  Style *style = g_hash_table_lookup (styles, tag);
  Span span = { start, end };

  if (style == NULL)
    {
      style = g_new0 (Style, 1);
      style->tag = tag;
      style->spans = g_array_new (FALSE, FALSE, sizeof (Span));
      g_hash_table_insert (styles, tag, style);
    }
  g_array_append_val (style->spans, span);
}

static void
style_free (Style *style)
{
  g_array_unref (style->spans);
  g_free (style);
}

/* One pass over sorted, joined ranges, with one iterator moving forward
 * through the text. */
static void
apply_spans (GtkTextBuffer *buffer,
             GtkTextTag    *tag,
             GArray        *spans)
{
  GtkTextIter at;
  guint offset = 0;

  gtk_text_buffer_get_start_iter (buffer, &at);
  for (guint i = 0; i < spans->len; i++)
    {
      Span *span = &g_array_index (spans, Span, i);
      GtkTextIter end;

      gtk_text_iter_forward_chars (&at, span->start - offset);
      end = at;
      gtk_text_iter_forward_chars (&end, span->end - span->start);
      gtk_text_buffer_apply_tag (buffer, tag, &at, &end);
      at = end;
      offset = span->end;
    }
}

static void
style_apply (GtkTextBuffer *buffer,
             Style         *style)
{
  coalesce (style->spans);
  apply_spans (buffer, style->tag, style->spans);
}

/* TRUE when @tag covers nothing outside @spans (sorted, disjoint), with
 * the start of the first passage it covers and the end of the last in
 * @first and @last (equal when it covers nothing). The passages are
 * followed from the start of the text up to the first one outside. */
static gboolean
only_within (GtkTextBuffer *buffer,
             GtkTextTag    *tag,
             GArray        *spans,
             guint         *first,
             guint         *last)
{
  GtkTextIter at;
  guint i = 0;

  *first = *last = 0;
  gtk_text_buffer_get_start_iter (buffer, &at);
  while (gtk_text_iter_has_tag (&at, tag) || gtk_text_iter_forward_to_tag_toggle (&at, tag))
    {
      guint start = (guint) gtk_text_iter_get_offset (&at), end;

      /* Off at its end, or the end of the text. */
      gtk_text_iter_forward_to_tag_toggle (&at, tag);
      end = (guint) gtk_text_iter_get_offset (&at);
      while (i < spans->len && g_array_index (spans, Span, i).end < end)
        i++;
      if (i == spans->len || g_array_index (spans, Span, i).start > start)
        return FALSE;
      if (*first == *last)
        *first = start;
      *last = end;
      if (gtk_text_iter_is_end (&at))
        break;
    }
  return TRUE;
}

/* Takes @tag off the spans of @spans (sorted, disjoint) where it is. Each
 * removal costs GTK a signal, a walk of its tree and a redisplay, so:
 *  - when the tag covers nothing outside the spans (all the figures
 *    accepted at once and then undone), it is taken off in one call, from
 *    the first passage it covers to the last;
 *  - otherwise span by span, where the tag is: when it is on at a span's
 *    start, the span is taken off at once; when not, its next toggle says
 *    whether it comes on inside the span, and the spans before that toggle
 *    cost nothing. */
static void
remove_spans (GtkTextBuffer *buffer,
              GtkTextTag    *tag,
              GArray        *spans)
{
  GtkTextIter at;
  guint toggle = 0;      /* the tag is off up to here */
  guint first, last;

  if (spans->len == 0)
    return;
  if (only_within (buffer, tag, spans, &first, &last))
    {
      GtkTextIter end;

      if (first == last)
        return;
      gtk_text_buffer_get_iter_at_offset (buffer, &at, first);
      gtk_text_buffer_get_iter_at_offset (buffer, &end, last);
      gtk_text_buffer_remove_tag (buffer, tag, &at, &end);
      return;
    }
  for (guint i = 0; i < spans->len; i++)
    {
      Span *span = &g_array_index (spans, Span, i);
      GtkTextIter end;

      if (span->start < toggle && toggle >= span->end)
        continue;
      gtk_text_buffer_get_iter_at_offset (buffer, &at, span->start);
      if (span->start >= toggle && !gtk_text_iter_has_tag (&at, tag))
        {
          /* Off here: where does it come on? */
          end = at;
          toggle = gtk_text_iter_forward_to_tag_toggle (&end, tag)
                   ? (guint) gtk_text_iter_get_offset (&end) : G_MAXUINT;
          if (toggle >= span->end)
            continue;
        }
      gtk_text_buffer_get_iter_at_offset (buffer, &end, span->end);
      gtk_text_buffer_remove_tag (buffer, tag, &at, &end);
      /* Off up to the end now; looked at again from there. */
      toggle = span->end;
    }
}

void
_mg_document_view_restyle (GtkTextBuffer *buffer,
                           GtkTextTag    *tag,
                           GArray        *spans,
                           gboolean       on)
{
  coalesce (spans);
  if (on)
    apply_spans (buffer, tag, spans);
  else
    remove_spans (buffer, tag, spans);
}

static void
remove_styles (MgDocumentView *self,
               GArray         *spans)
{
  GtkTextBuffer *buffer = self->buffer;
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, self->color_tags);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    remove_spans (buffer, value, spans);
  g_hash_table_iter_init (&iter, self->stripe_tags);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    remove_spans (buffer, value, spans);
  remove_spans (buffer, self->highlight_tag, spans);
  remove_spans (buffer, self->starred_tag, spans);
  remove_spans (buffer, self->overlap_tag, spans);
}

/* Re-applies the annotation styles on @dirty (sorted, disjoint spans of
 * code points): the styles are removed there and put back from every
 * annotation that touches it. An annotation shows its first tag as its
 * background and each further tag as a stripe under the text in that tag's
 * colour; a passage covered by two annotations is marked. */
static void
redraw (MgDocumentView *self,
        GArray         *dirty)
{
  GtkTextBuffer *buffer = self->buffer;
  g_autoptr(GHashTable) styles = NULL;
  GHashTableIter iter;
  gpointer value;
  guint n, max_end = 0, next = 0;

  if (dirty->len == 0)
    return;
  /* Where annotations only came, every style there stays. */
  if (self->dirty_shrinks)
    remove_styles (self, dirty);

  if (self->store == NULL)
    return;

  /* The store is sorted by start: a range covered twice is one that starts
   * before the furthest end seen so far; an annotation touches the dirty
   * spans when it ends after the start of the first span that ends after
   * its own start. */
  styles = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL, (GDestroyNotify) style_free);
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
      if (s >= e)
        continue;
      while (next < dirty->len && g_array_index (dirty, Span, next).end <= s)
        next++;
      if (next == dirty->len && s >= max_end)
        break;

      if (next < dirty->len && g_array_index (dirty, Span, next).start < e)
        {
          tag_ids = mg_annotation_get_tags (annotation);
          for (guint t = 0; tag_ids[t] != NULL; t++)
            {
              GtkTextTag *text_tag = g_hash_table_lookup (any ? self->stripe_tags : self->color_tags, tag_ids[t]);

              if (text_tag != NULL)
                {
                  style_add (styles, text_tag, s, e);
                  any = TRUE;
                }
            }
          if (!any)
            style_add (styles, self->highlight_tag, s, e);
          if (mg_annotation_get_starred (annotation))
            style_add (styles, self->starred_tag, s, e);
          if (s < max_end)
            style_add (styles, self->overlap_tag, s, MIN (e, max_end));
        }
      max_end = MAX (max_end, e);
    }

  g_hash_table_iter_init (&iter, styles);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    style_apply (buffer, value);
}

/* Passages two members annotated --------------------------------------- */

#define GUTTER_WIDTH 8
#define TEXT_LEFT_MARGIN 32

typedef struct
{
  guint       end;
  const char *author;
} Reach;

/* Every passage covered by annotations of two different authors. The
 * store is sorted by start, so the annotations before one that reach past
 * its start overlap it from its start on: with another author's, up to the
 * furthest end among them. Keeping the furthest end seen and the furthest
 * of any other author makes it one pass, O(n). */
static void
find_member_overlaps (MgDocumentView *self)
{
  Reach first = { 0, NULL }, second = { 0, NULL };
  guint n = self->store ? mg_annotation_store_get_n_annotations (self->store) : 0;

  g_array_set_size (self->member_overlaps, 0);
  for (guint i = 0; i < n; i++)
    {
      MgAnnotation *annotation = mg_annotation_store_get_annotation (self->store, i);
      Reach now;
      guint s, other_end;

      if (mg_annotation_is_orphaned (annotation))
        continue;
      s = mg_annotation_get_start (annotation);
      now.end = mg_annotation_get_end (annotation);
      now.author = mg_annotation_get_author (annotation);
      if (s >= now.end)
        continue;

      other_end = g_strcmp0 (first.author, now.author) != 0 ? first.end : second.end;
      if (other_end > s)
        {
          Span span = { s, MIN (now.end, other_end) };

          g_array_append_val (self->member_overlaps, span);
        }

      /* first: the furthest end; second: the furthest of another author. */
      if (g_strcmp0 (now.author, first.author) == 0)
        first.end = MAX (first.end, now.end);
      else if (now.end > first.end)
        {
          second = first;
          first = now;
        }
      else if (now.end > second.end)
        second = now;
    }
  coalesce (self->member_overlaps);

  gtk_widget_set_visible (self->members_gutter, self->member_overlaps->len > 0);
  gtk_text_view_set_left_margin (self->text_view,
                                 self->member_overlaps->len > 0 ? TEXT_LEFT_MARGIN - GUTTER_WIDTH
                                                                : TEXT_LEFT_MARGIN);
  gtk_widget_queue_draw (self->members_gutter);
}

/* A bar beside the lines of each such passage. */
static void
draw_members_gutter (GtkDrawingArea *area,
                     cairo_t        *cr,
                     int             width,
                     int             height,
                     gpointer        data)
{
  MgDocumentView *self = data;
  GtkTextBuffer *buffer = self->buffer;
  GdkRGBA rgba;
  GdkRectangle visible;

  gtk_text_view_get_visible_rect (self->text_view, &visible);
  gdk_rgba_parse (&rgba, is_dark () ? "#c061cb" : "#813d9c");
  gdk_cairo_set_source_rgba (cr, &rgba);
  for (guint i = 0; i < self->member_overlaps->len; i++)
    {
      Span *span = &g_array_index (self->member_overlaps, Span, i);
      GtkTextIter start, end;
      GdkRectangle first, last;
      int top, bottom;

      gtk_text_buffer_get_iter_at_offset (buffer, &start, span->start);
      gtk_text_buffer_get_iter_at_offset (buffer, &end, span->end);
      gtk_text_iter_backward_char (&end);
      gtk_text_view_get_iter_location (self->text_view, &start, &first);
      gtk_text_view_get_iter_location (self->text_view, &end, &last);
      if (last.y + last.height < visible.y)
        continue;
      if (first.y > visible.y + visible.height)
        break;
      gtk_text_view_buffer_to_window_coords (self->text_view, GTK_TEXT_WINDOW_LEFT,
                                             0, first.y, NULL, &top);
      gtk_text_view_buffer_to_window_coords (self->text_view, GTK_TEXT_WINDOW_LEFT,
                                             0, last.y + last.height, NULL, &bottom);
      cairo_rectangle (cr, width - 5, top, 3, MAX (bottom - top, 2));
    }
  cairo_fill (cr);
}

static void
init_members_gutter (MgDocumentView *self)
{
  GtkAdjustment *vadjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (self->text_view));

  self->member_overlaps = g_array_new (FALSE, FALSE, sizeof (Span));
  self->members_gutter = gtk_drawing_area_new ();
  gtk_widget_set_size_request (self->members_gutter, GUTTER_WIDTH, -1);
  gtk_widget_set_visible (self->members_gutter, FALSE);
  gtk_widget_set_tooltip_text (self->members_gutter, _("Annotated by several members"));
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (self->members_gutter), draw_members_gutter, self, NULL);
  gtk_text_view_set_gutter (self->text_view, GTK_TEXT_WINDOW_LEFT, self->members_gutter);
  if (vadjustment != NULL)
    g_signal_connect_object (vadjustment, "value-changed", G_CALLBACK (gtk_widget_queue_draw),
                             self->members_gutter, G_CONNECT_SWAPPED);
}

GArray *
mg_document_view_get_member_overlaps (MgDocumentView *self)
{
  g_return_val_if_fail (MG_IS_DOCUMENT_VIEW (self), NULL);
  return self->member_overlaps;
}

GtkWidget *
mg_document_view_get_members_gutter (MgDocumentView *self)
{
  g_return_val_if_fail (MG_IS_DOCUMENT_VIEW (self), NULL);
  return self->members_gutter;
}

void
mg_document_view_refresh (MgDocumentView *self)
{
  g_return_if_fail (MG_IS_DOCUMENT_VIEW (self));

  g_clear_handle_id (&self->refresh_id, g_source_remove);

  update_color_tags (self);
  if (self->dirty_all)
    {
      Span all = { 0, G_MAXUINT };

      rebuild_mirror (self);
      g_array_set_size (self->dirty, 0);
      g_array_append_val (self->dirty, all);
      self->dirty_shrinks = TRUE;
    }
  else if (self->bulk_pending)
    reconcile_mirror (self);
  coalesce (self->dirty);
  redraw (self, self->dirty);

  self->dirty_all = FALSE;
  self->dirty_shrinks = FALSE;
  self->bulk_pending = FALSE;
  g_array_set_size (self->dirty, 0);
  /* The annotations under the cursor may have changed. */
  announce_cursor (self);
  find_member_overlaps (self);
}

static gboolean
refresh_idle (gpointer data)
{
  MgDocumentView *self = data;

  self->refresh_id = 0;
  mg_document_view_refresh (self);
  return G_SOURCE_REMOVE;
}

static gboolean
store_in_bulk (MgDocumentView *self)
{
  gboolean in_bulk = FALSE;

  if (self->store != NULL)
    g_object_get (self->store, "in-bulk", &in_bulk, NULL);
  return in_bulk;
}

static void
queue_refresh (MgDocumentView *self)
{
  /* During a change of many annotations, wait for its end. */
  if (self->refresh_id == 0 && !self->bulk_pending)
    self->refresh_id = g_idle_add_full (G_PRIORITY_HIGH_IDLE, refresh_idle, self, NULL);
}

static void
queue_full_refresh (MgDocumentView *self)
{
  self->dirty_all = TRUE;
  queue_refresh (self);
}

/* Replaces @removed items of @array at @position with those of @items. */
static void
splice (GPtrArray *array,
        guint      position,
        guint      removed,
        GPtrArray *items)
{
  guint tail = array->len - position - removed;
  guint len = array->len - removed + items->len;

  if (items->len > removed)
    g_ptr_array_set_size (array, len);
  /* Neither is given the NULL of an empty array. */
  if (tail > 0)
    memmove (array->pdata + position + items->len, array->pdata + position + removed,
             tail * sizeof (gpointer));
  if (items->len > 0)
    memcpy (array->pdata + position, items->pdata, items->len * sizeof (gpointer));
  if (items->len < removed)
    g_ptr_array_set_size (array, len);
}

static void
store_items_changed (GListModel     *model,
                     guint           position,
                     guint           removed,
                     guint           added,
                     MgDocumentView *self)
{
  if (self->dirty_all || self->bulk_pending)
    {
      queue_refresh (self);
      return;
    }
  if (store_in_bulk (self))
    {
      /* The mirror is compared with the store once at the end. */
      g_clear_handle_id (&self->refresh_id, g_source_remove);
      self->bulk_pending = TRUE;
      return;
    }
  if (position + removed > self->mirror->len)
    {
      queue_full_refresh (self);
      return;
    }

  /* One change may report many positions, most of them annotations that
   * stayed where they were (a change of many at once, or one moved far):
   * only those that came, went or moved are redrawn. */
  {
    g_autoptr(GHashTable) gone = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL, g_free);
    g_autoptr(GPtrArray) items = g_ptr_array_sized_new (added);

    for (guint i = 0; i < removed; i++)
      {
        MgAnnotation *annotation = g_ptr_array_index (self->mirror, position + i);
        guint64 *range = NULL;

        if (g_hash_table_steal_extended (self->drawn, annotation, NULL, (gpointer *) &range))
          g_hash_table_insert (gone, annotation, range);
      }
    diff_drawn (self, gone, self->drawn, position, added, items);
    splice (self->mirror, position, removed, items);
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
  /* In a change of many the mirror keeps the drawn range until the end. */
  if (!self->bulk_pending)
    *range = range_of (annotation);
  add_dirty (self, range_of (annotation));
  queue_refresh (self);
}

static void
store_bulk_changed (MgDocumentView *self)
{
  if (!store_in_bulk (self) && self->bulk_pending)
    {
      self->bulk_pending = FALSE;
      reconcile_mirror (self);
      queue_refresh (self);
    }
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

/* The names of @annotation's tags, "Highlight" when it has none. */
static char *
dup_tag_names (MgDocumentView *self,
               MgAnnotation   *annotation)
{
  const char * const *tag_ids = mg_annotation_get_tags (annotation);
  GString *names = g_string_new (NULL);

  for (guint t = 0; tag_ids[t] != NULL; t++)
    {
      MgTag *tag = self->tags ? mg_tag_set_lookup (self->tags, tag_ids[t]) : NULL;

      if (names->len > 0)
        g_string_append (names, ", ");
      g_string_append (names, tag ? mg_tag_get_display_name (tag) : tag_ids[t]);
    }
  if (names->len == 0)
    g_string_append (names, _("Highlight"));
  return g_string_free (names, FALSE);
}

/* What a screen reader says of the annotations at the cursor: the text
 * view's accessible description, innermost annotation first. */
static void
announce_cursor (MgDocumentView *self)
{
  GtkTextBuffer *buffer = self->buffer;
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(GString) text = g_string_new (NULL);
  GtkTextIter cursor;

  if (self->store != NULL)
    {
      gtk_text_buffer_get_iter_at_mark (buffer, &cursor, gtk_text_buffer_get_insert (buffer));
      found = mg_annotation_store_get_at (self->store, gtk_text_iter_get_offset (&cursor));
    }
  if (found != NULL)
    g_ptr_array_sort (found, compare_length);
  for (guint i = 0; found != NULL && i < found->len; i++)
    {
      MgAnnotation *annotation = g_ptr_array_index (found, i);
      const char *author = mg_annotation_get_author (annotation);
      const char *note = mg_annotation_get_note (annotation);
      g_autofree char *part = dup_tag_names (self, annotation);

      if (mg_annotation_get_starred (annotation))
        {
          /* Translators: tag names, then that the annotation is starred. */
          g_autofree char *with = g_strdup_printf (_("%s, starred"), part);
          g_free (part);
          part = g_steal_pointer (&with);
        }
      if (author[0] != '\0')
        {
          /* Translators: what the annotation is, then its author. */
          g_autofree char *with = g_strdup_printf (_("%s, by %s"), part, author);
          g_free (part);
          part = g_steal_pointer (&with);
        }
      if (note[0] != '\0')
        {
          /* Translators: what the annotation is, then its note. */
          g_autofree char *with = g_strdup_printf (_("%s: %s"), part, note);
          g_free (part);
          part = g_steal_pointer (&with);
        }
      if (text->len > 0)
        g_string_append (text, "; ");
      g_string_append (text, part);
    }

  if (g_strcmp0 (self->announced, text->str) == 0)
    return;
  g_free (self->announced);
  self->announced = g_strdup (text->str);
  if (text->len == 0)
    gtk_accessible_reset_property (GTK_ACCESSIBLE (self->text_view), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
  else
    gtk_accessible_update_property (GTK_ACCESSIBLE (self->text_view),
                                    GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, text->str, -1);
}

const char *
mg_document_view_get_cursor_description (MgDocumentView *self)
{
  g_return_val_if_fail (MG_IS_DOCUMENT_VIEW (self), NULL);

  return self->announced ? self->announced : "";
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
      g_autofree char *suggested = mg_document_view_dup_suggestions_tooltip (self, x, y);

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
      const char *note = mg_annotation_get_note (annotation);
      const char *author = mg_annotation_get_author (annotation);
      g_autofree char *names = dup_tag_names (self, annotation);

      if (i > 0)
        g_string_append (markup, "\n\n");
      {
        g_autofree char *escaped = g_markup_escape_text (names, -1);
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
  GtkTextBuffer *buffer = self->buffer;
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
  if (mark == gtk_text_buffer_get_insert (buffer))
    announce_cursor (self);
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
  g_clear_pointer (&self->stripe_tags, g_hash_table_unref);
  g_clear_pointer (&self->dirty, g_array_unref);
  g_clear_pointer (&self->matches, g_array_unref);
  g_clear_pointer (&self->mirror, g_ptr_array_unref);
  g_clear_pointer (&self->drawn, g_hash_table_unref);
  g_clear_pointer (&self->search_text, g_free);
  g_clear_pointer (&self->announced, g_free);
  g_clear_pointer (&self->member_overlaps, g_array_unref);
  g_clear_object (&self->buffer);
  g_clear_object (&self->detached);

  G_OBJECT_CLASS (mg_document_view_parent_class)->finalize (object);
}

static void
mg_document_view_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  MgDocumentView *self = MG_DOCUMENT_VIEW (object);

  switch (prop_id)
    {
    case PROP_ANNOTATABLE:
      g_value_set_boolean (value, self->annotatable);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mg_document_view_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  MgDocumentView *self = MG_DOCUMENT_VIEW (object);

  switch (prop_id)
    {
    case PROP_ANNOTATABLE:
      mg_document_view_set_annotatable (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mg_document_view_class_init (MgDocumentViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mg_document_view_dispose;
  object_class->finalize = mg_document_view_finalize;
  object_class->get_property = mg_document_view_get_property;
  object_class->set_property = mg_document_view_set_property;
  widget_class->measure = mg_document_view_measure;

  /* Whether selecting text offers the tag popover (the window binds it
   * to whether the speech's annotations may change). */
  properties[PROP_ANNOTATABLE] =
    g_param_spec_boolean ("annotatable", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
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
  self->stripe_tags = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->dirty = g_array_new (FALSE, FALSE, sizeof (Span));
  self->matches = g_array_new (FALSE, FALSE, sizeof (guint));
  self->mirror = g_ptr_array_new ();
  self->drawn = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL, g_free);
  self->annotatable = TRUE;

  buffer = self->buffer = g_object_ref (gtk_text_view_get_buffer (self->text_view));
  self->detached = gtk_text_buffer_new (NULL);
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
  self->gap_tag = gtk_text_buffer_create_tag (buffer, "mg-gap", "invisible", TRUE, NULL);
  update_fixed_colors (self);
  _mg_document_view_init_suggestions (self);
  g_signal_connect (buffer, "mark-set", G_CALLBACK (mark_set), self);

  self->popover = MG_TAG_POPOVER (mg_tag_popover_new ());
  gtk_widget_set_parent (GTK_WIDGET (self->popover), GTK_WIDGET (self));
  _mg_document_view_init_selection (self);
  init_members_gutter (self);

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

/* A speech as found often has runs of blank lines (a page's spacing):
 * each is shown as one paragraph gap. The text is not changed — every
 * offset stays that of the document — the lines beyond the first blank one
 * are only made invisible: the ranges tidy's blank-lines kind would remove. */
static void
hide_blank_runs (MgDocumentView *self,
                 MgDocument     *document)
{
  g_autoptr(GPtrArray) runs = mg_tidy_compute (mg_document_get_text (document),
                                               mg_document_get_size (document),
                                               1u << MG_TIDY_BLANK_LINES);
  Style style = { self->gap_tag, g_array_new (FALSE, FALSE, sizeof (Span)) };

  for (guint i = 0; i < runs->len; i++)
    {
      MgTidyChange *run = g_ptr_array_index (runs, i);
      Span span = { run->start, run->end };

      g_array_append_val (style.spans, span);
    }
  style_apply (self->buffer, &style);
  g_array_unref (style.spans);
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

  buffer = self->buffer;
  _mg_document_view_reset_suggestions (self);
  g_array_set_size (self->matches, 0);
  g_clear_pointer (&self->search_text, g_free);

  document = store ? mg_annotation_store_get_document (store) : NULL;
  if (document != NULL)
    gtk_text_buffer_set_text (buffer, mg_document_get_text (document), mg_document_get_size (document));
  else
    gtk_text_buffer_set_text (buffer, "", 0);

  if (document != NULL)
    hide_blank_runs (self, document);

  if (document != NULL && g_strcmp0 (mg_document_get_language (document), "zh") == 0)
    gtk_widget_add_css_class (GTK_WIDGET (self->text_view), "zh");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->text_view), "zh");

  if (store != NULL)
    {
      self->tags = g_object_ref (mg_annotation_store_get_tag_set (store));
      g_signal_connect (store, "items-changed", G_CALLBACK (store_items_changed), self);
      g_signal_connect (store, "annotation-changed", G_CALLBACK (store_annotation_changed), self);
      g_signal_connect_swapped (store, "notify::in-bulk", G_CALLBACK (store_bulk_changed), self);
      /* Adding or removing a tag definition can change which colour an
       * annotation shows; a new colour only changes the tag's style. */
      g_signal_connect_swapped (self->tags, "items-changed", G_CALLBACK (queue_full_refresh), self);
      g_signal_connect_swapped (self->tags, "tag-changed", G_CALLBACK (update_color_tags), self);
    }
  mg_tag_popover_set_tag_set (self->popover, self->tags);
  self->bulk_pending = FALSE;
  self->dirty_all = TRUE;
  /* Every passage is styled anew: with the buffer away from the view, the
   * view lays the text out once when it comes back, not once for each. */
  gtk_text_view_set_buffer (self->text_view, self->detached);
  mg_document_view_refresh (self);
  gtk_text_view_set_buffer (self->text_view, self->buffer);
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

  annotatable = !!annotatable;
  if (!annotatable)
    {
      gtk_popover_popdown (GTK_POPOVER (self->popover));
      gtk_popover_popdown (GTK_POPOVER (self->suggestion_popover));
    }
  if (self->annotatable == (guint) annotatable)
    return;
  self->annotatable = annotatable;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ANNOTATABLE]);
}
