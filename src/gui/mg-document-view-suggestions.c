/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Marginalia"
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "mg-document-view-private.h"
#include "mg-suggest.h"
#include "mg-tag-style.h"

/* Suggestions drawn under the text: a faint wash and an underline in the
 * colour of the kind's tag, beneath every annotation style, so that a
 * passage already annotated keeps its own look. */

static void
update_style (MgDocumentView   *self,
              MgSuggestionKind  kind)
{
  gboolean dark = adw_style_manager_get_dark (adw_style_manager_get_default ());
  MgTag *tag = self->tags != NULL ? mg_tag_set_lookup (self->tags, mg_suggestion_kind_to_string (kind)) : NULL;
  const char *color = tag != NULL ? mg_tag_get_color (tag) : NULL;
  GdkRGBA background, line;

  mg_tag_style_parse (color, dark ? 0.12 : 0.08, &background);
  mg_tag_style_parse (color, dark ? 0.9 : 1.0, &line);
  g_object_set (self->suggestion_tags[kind],
                "background-rgba", &background,
                "underline", PANGO_UNDERLINE_ERROR,
                "underline-rgba", &line,
                NULL);
}

void
_mg_document_view_update_suggestion_styles (MgDocumentView *self)
{
  for (guint k = 0; k < MG_SUGGESTION_N_KINDS; k++)
    update_style (self, k);
}

void
_mg_document_view_init_suggestions (MgDocumentView *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->text_view);

  for (guint k = 0; k < MG_SUGGESTION_N_KINDS; k++)
    {
      g_autofree char *name = g_strconcat ("mg-suggestion-", mg_suggestion_kind_to_string (k), NULL);

      self->suggestion_tags[k] = gtk_text_buffer_create_tag (buffer, name, NULL);
      /* Below everything else. */
      gtk_text_tag_set_priority (self->suggestion_tags[k], 0);
    }
  _mg_document_view_update_suggestion_styles (self);

  self->suggestion_popover = MG_SUGGESTION_POPOVER (mg_suggestion_popover_new ());
  gtk_widget_set_parent (GTK_WIDGET (self->suggestion_popover), GTK_WIDGET (self));
}

void
_mg_document_view_reset_suggestions (MgDocumentView *self)
{
  g_clear_object (&self->suggestions);
  if (self->suggestion_popover != NULL)
    gtk_popover_popdown (GTK_POPOVER (self->suggestion_popover));
}

void
_mg_document_view_dispose_suggestions (MgDocumentView *self)
{
  g_clear_object (&self->suggestions);
  if (self->suggestion_popover != NULL)
    {
      gtk_widget_unparent (GTK_WIDGET (self->suggestion_popover));
      self->suggestion_popover = NULL;
    }
}

static void
add_span (GArray       *spans,
          MgSuggestion *suggestion)
{
  MgViewSpan span = { mg_suggestion_get_start (suggestion), mg_suggestion_get_end (suggestion) };

  g_array_append_val (spans, span);
}

void
mg_document_view_set_suggestions (MgDocumentView *self,
                                  GListModel     *suggestions)
{
  GtkTextBuffer *buffer;
  GArray *gone[MG_SUGGESTION_N_KINDS], *came[MG_SUGGESTION_N_KINDS], *shown[MG_SUGGESTION_N_KINDS];
  guint n_old, n_new, i = 0, j = 0;

  g_return_if_fail (MG_IS_DOCUMENT_VIEW (self));
  g_return_if_fail (suggestions == NULL || G_IS_LIST_MODEL (suggestions));

  if (self->suggestions == suggestions)
    return;

  /* Both models are sorted: one walk finds, for each kind, what went,
   * what came and what is shown. Suggestions of one kind never overlap,
   * so taking one's style off leaves the others of its kind alone. */
  buffer = gtk_text_view_get_buffer (self->text_view);
  n_old = self->suggestions != NULL ? g_list_model_get_n_items (self->suggestions) : 0;
  n_new = suggestions != NULL ? g_list_model_get_n_items (suggestions) : 0;
  for (guint k = 0; k < MG_SUGGESTION_N_KINDS; k++)
    {
      gone[k] = g_array_new (FALSE, FALSE, sizeof (MgViewSpan));
      came[k] = g_array_new (FALSE, FALSE, sizeof (MgViewSpan));
      shown[k] = g_array_new (FALSE, FALSE, sizeof (MgViewSpan));
    }
  while (i < n_old || j < n_new)
    {
      g_autoptr(MgSuggestion) old = i < n_old ? g_list_model_get_item (self->suggestions, i) : NULL;
      g_autoptr(MgSuggestion) new = j < n_new ? g_list_model_get_item (suggestions, j) : NULL;
      int order = old == NULL ? 1 : new == NULL ? -1 : mg_suggestion_compare (old, new);

      if (order < 0)
        {
          add_span (gone[mg_suggestion_get_kind (old)], old);
          i++;
          continue;
        }
      if (order > 0)
        add_span (came[mg_suggestion_get_kind (new)], new);
      else
        i++;
      add_span (shown[mg_suggestion_get_kind (new)], new);
      j++;
    }

  /* One pass per kind and direction; when more go than stay, the style
   * is swept off the whole text and put back on those shown. */
  for (guint k = 0; k < MG_SUGGESTION_N_KINDS; k++)
    {
      if (gone[k]->len > shown[k]->len)
        {
          GtkTextIter start, end;

          gtk_text_buffer_get_bounds (buffer, &start, &end);
          gtk_text_buffer_remove_tag (buffer, self->suggestion_tags[k], &start, &end);
          _mg_document_view_restyle (buffer, self->suggestion_tags[k], shown[k], TRUE);
        }
      else
        {
          _mg_document_view_restyle (buffer, self->suggestion_tags[k], gone[k], FALSE);
          _mg_document_view_restyle (buffer, self->suggestion_tags[k], came[k], TRUE);
        }
      g_array_unref (gone[k]);
      g_array_unref (came[k]);
      g_array_unref (shown[k]);
    }

  g_set_object (&self->suggestions, suggestions);
  if (suggestions == NULL || n_new == 0)
    gtk_popover_popdown (GTK_POPOVER (self->suggestion_popover));
}

GListModel *
mg_document_view_get_suggestions (MgDocumentView *self)
{
  g_return_val_if_fail (MG_IS_DOCUMENT_VIEW (self), NULL);

  return self->suggestions;
}

GPtrArray *
mg_document_view_get_suggestions_at (MgDocumentView *self,
                                     guint           offset)
{
  g_return_val_if_fail (MG_IS_DOCUMENT_VIEW (self), NULL);

  if (self->suggestions == NULL)
    return g_ptr_array_new_with_free_func (g_object_unref);
  return mg_suggest_find_at (self->suggestions, offset);
}

char *
mg_document_view_dup_suggestions_tooltip (MgDocumentView *self,
                                          int             x,
                                          int             y)
{
  g_autoptr(GPtrArray) found = NULL;
  GtkTextIter iter;
  GString *markup;
  int bx, by;

  g_return_val_if_fail (MG_IS_DOCUMENT_VIEW (self), NULL);

  if (self->suggestions == NULL)
    return NULL;
  gtk_text_view_window_to_buffer_coords (self->text_view, GTK_TEXT_WINDOW_WIDGET, x, y, &bx, &by);
  if (!gtk_text_view_get_iter_at_location (self->text_view, &iter, bx, by))
    return NULL;
  found = mg_suggest_find_at (self->suggestions, gtk_text_iter_get_offset (&iter));
  if (found->len == 0)
    return NULL;

  markup = g_string_new (NULL);
  for (guint i = 0; i < found->len; i++)
    {
      MgSuggestion *suggestion = g_ptr_array_index (found, i);
      const char *tag_id = mg_suggestion_get_tag (suggestion);
      MgTag *tag = self->tags != NULL ? mg_tag_set_lookup (self->tags, tag_id) : NULL;
      g_autofree char *title = g_strdup_printf (_("Suggested: %s"), tag != NULL ? mg_tag_get_display_name (tag) : tag_id);
      g_autofree char *title_escaped = g_markup_escape_text (title, -1);
      g_autofree char *reason = g_markup_escape_text (mg_suggestion_get_label (suggestion), -1);

      if (i > 0)
        g_string_append_c (markup, '\n');
      g_string_append_printf (markup, "<b>%s</b> <span alpha=\"60%%\">· %s</span>", title_escaped, reason);
    }
  if (self->annotatable)
    {
      g_autofree char *hint = g_markup_escape_text (_("Click to accept or dismiss"), -1);

      g_string_append_printf (markup, "\n%s", hint);
    }
  return g_string_free (markup, FALSE);
}

/* The rectangle of [start, end) on its first line, in the view's
 * coordinates, brought into view. */
static void
range_rectangle (MgDocumentView *self,
                 guint           start,
                 guint           end,
                 GdkRectangle   *rect)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->text_view);
  GtkTextIter s, e;
  GdkRectangle rs, re;

  gtk_text_buffer_get_iter_at_offset (buffer, &s, start);
  gtk_text_buffer_get_iter_at_offset (buffer, &e, end);
  gtk_text_view_get_iter_location (self->text_view, &s, &rs);
  gtk_text_view_get_iter_location (self->text_view, &e, &re);
  *rect = rs;
  if (re.y == rs.y && re.x > rs.x)
    rect->width = re.x - rs.x;
  else
    rect->width = MAX (rs.width, 1);
  _mg_document_view_point_at (self, rect);
}

gboolean
mg_document_view_popup_suggestions (MgDocumentView *self,
                                    guint           offset)
{
  g_autoptr(GPtrArray) found = NULL;
  MgSuggestion *first;
  GdkRectangle rect;

  g_return_val_if_fail (MG_IS_DOCUMENT_VIEW (self), FALSE);

  found = mg_document_view_get_suggestions_at (self, offset);
  if (found->len == 0)
    return FALSE;

  first = g_ptr_array_index (found, 0);
  mg_suggestion_popover_set_suggestions (self->suggestion_popover, found, self->suggestions, self->tags);
  range_rectangle (self, mg_suggestion_get_start (first), mg_suggestion_get_end (first), &rect);
  gtk_popover_set_pointing_to (GTK_POPOVER (self->suggestion_popover), &rect);
  gtk_popover_popup (GTK_POPOVER (self->suggestion_popover));
  return TRUE;
}

GtkPopover *
mg_document_view_get_suggestion_popover (MgDocumentView *self)
{
  g_return_val_if_fail (MG_IS_DOCUMENT_VIEW (self), NULL);

  return GTK_POPOVER (self->suggestion_popover);
}

void
mg_document_view_reveal_range (MgDocumentView *self,
                               guint           start,
                               guint           end)
{
  GtkTextBuffer *buffer;

  g_return_if_fail (MG_IS_DOCUMENT_VIEW (self));

  buffer = gtk_text_view_get_buffer (self->text_view);
  mg_document_view_select_range (self, start, end);
  /* In the middle of the view, so that its popover has room below or
   * above it. */
  gtk_text_view_scroll_to_mark (self->text_view, gtk_text_buffer_get_insert (buffer), 0.0, TRUE, 0.0, 0.5);
}

guint
mg_document_view_get_cursor (MgDocumentView *self)
{
  GtkTextBuffer *buffer;
  GtkTextIter iter;

  g_return_val_if_fail (MG_IS_DOCUMENT_VIEW (self), 0);

  buffer = gtk_text_view_get_buffer (self->text_view);
  gtk_text_buffer_get_iter_at_mark (buffer, &iter, gtk_text_buffer_get_insert (buffer));
  return gtk_text_iter_get_offset (&iter);
}
