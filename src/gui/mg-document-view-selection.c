/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Marginalia"
#include "config.h"

#include "mg-document-view-private.h"

/* The selection, bringing an annotation into view with a brief flash, and
 * the font. */

#define FLASH_MS 900

gboolean
mg_document_view_get_selection (MgDocumentView *self,
                                guint          *start,
                                guint          *end)
{
  GtkTextIter s, e;

  g_return_val_if_fail (MG_IS_DOCUMENT_VIEW (self), FALSE);

  if (!gtk_text_buffer_get_selection_bounds (gtk_text_view_get_buffer (self->text_view), &s, &e))
    return FALSE;
  if (start)
    *start = gtk_text_iter_get_offset (&s);
  if (end)
    *end = gtk_text_iter_get_offset (&e);
  return TRUE;
}

void
mg_document_view_select_range (MgDocumentView *self,
                               guint           start,
                               guint           end)
{
  GtkTextBuffer *buffer;
  GtkTextIter s, e;

  g_return_if_fail (MG_IS_DOCUMENT_VIEW (self));

  buffer = gtk_text_view_get_buffer (self->text_view);
  gtk_text_buffer_get_iter_at_offset (buffer, &s, start);
  gtk_text_buffer_get_iter_at_offset (buffer, &e, end);
  gtk_text_buffer_select_range (buffer, &s, &e);
}

void
mg_document_view_clear_selection (MgDocumentView *self)
{
  GtkTextBuffer *buffer;
  GtkTextIter iter;

  g_return_if_fail (MG_IS_DOCUMENT_VIEW (self));

  buffer = gtk_text_view_get_buffer (self->text_view);
  gtk_text_buffer_get_iter_at_mark (buffer, &iter, gtk_text_buffer_get_selection_bound (buffer));
  gtk_text_buffer_place_cursor (buffer, &iter);
}

void
_mg_document_view_point_at (MgDocumentView *self,
                            GdkRectangle   *rect)
{
  GdkRectangle visible;
  graphene_point_t in, out;

  gtk_text_view_get_visible_rect (self->text_view, &visible);
  if (rect->y + rect->height <= visible.y || rect->y >= visible.y + visible.height)
    {
      /* Scrolled away from it, or a scroll to it still under way: in the
       * middle of the view at once (which ends that scroll), where a
       * popover has room below or above it. */
      GtkAdjustment *vadjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (self->text_view));

      gtk_adjustment_set_value (vadjustment,
                                gtk_adjustment_get_value (vadjustment) +
                                (rect->y + rect->height / 2) - (visible.y + visible.height / 2));
      gtk_text_view_get_visible_rect (self->text_view, &visible);
    }
  /* Never outside the text shown (a popover pointing off the screen has
   * no monitor to go on). */
  rect->width = MAX (MIN (rect->width, visible.width), 1);
  rect->height = MAX (MIN (rect->height, visible.height), 1);
  rect->x = CLAMP (rect->x, visible.x, MAX (visible.x, visible.x + visible.width - rect->width));
  rect->y = CLAMP (rect->y, visible.y, MAX (visible.y, visible.y + visible.height - rect->height));

  gtk_text_view_buffer_to_window_coords (self->text_view, GTK_TEXT_WINDOW_WIDGET,
                                         rect->x, rect->y, &rect->x, &rect->y);
  in = GRAPHENE_POINT_INIT (rect->x, rect->y);
  if (gtk_widget_compute_point (GTK_WIDGET (self->text_view), GTK_WIDGET (self), &in, &out))
    {
      rect->x = (int) out.x;
      rect->y = (int) out.y;
    }
}

gboolean
mg_document_view_popup_tags (MgDocumentView *self)
{
  GtkTextIter s, e;
  GdkRectangle rect;

  g_return_val_if_fail (MG_IS_DOCUMENT_VIEW (self), FALSE);

  if (!gtk_text_buffer_get_selection_bounds (gtk_text_view_get_buffer (self->text_view), &s, &e))
    return FALSE;

  /* Point at the end of the selection, where the pointer usually is. */
  gtk_text_view_get_iter_location (self->text_view, &e, &rect);
  rect.width = 1;
  _mg_document_view_point_at (self, &rect);
  gtk_popover_set_pointing_to (GTK_POPOVER (self->popover), &rect);
  gtk_popover_popup (GTK_POPOVER (self->popover));
  return TRUE;
}

/* Keys go back to the text when the tag popover closes (Escape, or a tag
 * applied), so that the selection it kept answers Shift+arrows, Ctrl+C and
 * 1–9 — unless the popover closed because another widget took the focus. */
static void
tag_popover_closed (MgDocumentView *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

  if (focus == NULL || !gtk_widget_get_mapped (focus) ||
      gtk_widget_is_ancestor (focus, GTK_WIDGET (self->popover)))
    gtk_widget_grab_focus (GTK_WIDGET (self->text_view));
}

/* Ctrl+C with the tag popover open copies the selected passage, unless
 * text is selected in the popover's note. */
static gboolean
tag_popover_copy (GtkWidget *widget,
                  GVariant  *args,
                  gpointer   user_data)
{
  MgDocumentView *self = user_data;
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

  if (GTK_IS_EDITABLE (focus) &&
      gtk_editable_get_selection_bounds (GTK_EDITABLE (focus), NULL, NULL))
    return FALSE;
  g_signal_emit_by_name (self->text_view, "copy-clipboard");
  return TRUE;
}

void
_mg_document_view_init_selection (MgDocumentView *self)
{
  GtkEventController *controller = gtk_shortcut_controller_new ();

  g_signal_connect_swapped (self->popover, "closed", G_CALLBACK (tag_popover_closed), self);
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller),
                                        gtk_shortcut_new (gtk_shortcut_trigger_parse_string ("<Control>c"),
                                                          gtk_callback_action_new (tag_popover_copy, self, NULL)));
  gtk_widget_add_controller (GTK_WIDGET (self->popover), controller);
}

static gboolean
flash_done (gpointer data)
{
  MgDocumentView *self = data;
  GtkTextBuffer *buffer;
  GtkTextIter start, end;

  self->flash_id = 0;
  /* Disposed meanwhile (a window closing reveals nothing). */
  if (self->text_view == NULL)
    return G_SOURCE_REMOVE;
  buffer = gtk_text_view_get_buffer (self->text_view);
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  gtk_text_buffer_remove_tag (buffer, self->flash_tag, &start, &end);
  return G_SOURCE_REMOVE;
}

void
mg_document_view_reveal_annotation (MgDocumentView *self,
                                    MgAnnotation   *annotation)
{
  GtkTextBuffer *buffer;
  GtkTextIter start, end;
  GtkTextMark *mark;

  g_return_if_fail (MG_IS_DOCUMENT_VIEW (self));
  g_return_if_fail (MG_IS_ANNOTATION (annotation));

  if (mg_annotation_is_orphaned (annotation) || self->text_view == NULL)
    return;

  buffer = gtk_text_view_get_buffer (self->text_view);
  /* The earlier flash's timeout goes first: flash_done() forgets its id. */
  g_clear_handle_id (&self->flash_id, g_source_remove);
  flash_done (self);

  gtk_text_buffer_get_iter_at_offset (buffer, &start, mg_annotation_get_start (annotation));
  gtk_text_buffer_get_iter_at_offset (buffer, &end, mg_annotation_get_end (annotation));
  gtk_text_buffer_apply_tag (buffer, self->flash_tag, &start, &end);
  self->flash_id = g_timeout_add (FLASH_MS, flash_done, self);

  mark = gtk_text_buffer_get_mark (buffer, "mg-reveal");
  if (mark == NULL)
    mark = gtk_text_buffer_create_mark (buffer, "mg-reveal", &start, TRUE);
  else
    gtk_text_buffer_move_mark (buffer, mark, &start);
  gtk_text_view_scroll_to_mark (self->text_view, mark, 0.1, TRUE, 0.0, 0.3);
}

void
mg_document_view_set_font (MgDocumentView *self,
                           int             font_size,
                           double          zoom)
{
  char size[G_ASCII_DTOSTR_BUF_SIZE];
  g_autofree char *css = NULL;

  g_return_if_fail (MG_IS_DOCUMENT_VIEW (self));

  g_ascii_formatd (size, sizeof size, "%.1f", CLAMP (font_size, 6, 72) * CLAMP (zoom, 0.25, 4.0));
  css = g_strdup_printf ("textview.document { font-size: %spt; }", size);
  gtk_css_provider_load_from_data (self->font_provider, css, -1);
}
