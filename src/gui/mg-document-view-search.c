/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Marginalia"
#include "config.h"

#include "mg-document-view-private.h"

/* Find in the document: every match is kept as a pair of code point
 * offsets; the first ones are painted with one tag, the current one with
 * another. */

/* Beyond this many matches, find counts but does not paint them all. */
#define MAX_PAINTED_MATCHES 5000

static void
clear_matches (MgDocumentView *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->text_view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  gtk_text_buffer_remove_tag (buffer, self->match_tag, &start, &end);
  gtk_text_buffer_remove_tag (buffer, self->current_match_tag, &start, &end);
  g_array_set_size (self->matches, 0);
}

guint
mg_document_view_set_search_text (MgDocumentView *self,
                                  const char     *text)
{
  GtkTextBuffer *buffer;
  GtkTextIter iter, match_start, match_end;

  g_return_val_if_fail (MG_IS_DOCUMENT_VIEW (self), 0);

  if (text == NULL)
    text = "";
  if (g_strcmp0 (text, self->search_text) == 0)
    return self->matches->len / 2;

  clear_matches (self);
  g_free (self->search_text);
  self->search_text = g_strdup (text);
  if (*text == '\0')
    return 0;

  buffer = gtk_text_view_get_buffer (self->text_view);
  gtk_text_buffer_get_start_iter (buffer, &iter);
  while (gtk_text_iter_forward_search (&iter, text,
                                       GTK_TEXT_SEARCH_CASE_INSENSITIVE | GTK_TEXT_SEARCH_TEXT_ONLY,
                                       &match_start, &match_end, NULL))
    {
      guint pair[2] = { gtk_text_iter_get_offset (&match_start), gtk_text_iter_get_offset (&match_end) };

      if (pair[0] == pair[1])
        break;
      g_array_append_vals (self->matches, pair, 2);
      if (self->matches->len / 2 <= MAX_PAINTED_MATCHES)
        gtk_text_buffer_apply_tag (buffer, self->match_tag, &match_start, &match_end);
      iter = match_end;
    }
  return self->matches->len / 2;
}

guint
mg_document_view_get_n_matches (MgDocumentView *self)
{
  g_return_val_if_fail (MG_IS_DOCUMENT_VIEW (self), 0);

  return self->matches->len / 2;
}

guint
mg_document_view_search_next (MgDocumentView *self,
                              gboolean        backward)
{
  GtkTextBuffer *buffer;
  GtkTextIter s, e;
  guint n, lo, hi, cursor, index;
  const guint *m;

  g_return_val_if_fail (MG_IS_DOCUMENT_VIEW (self), 0);

  n = self->matches->len / 2;
  if (n == 0)
    return 0;
  m = (const guint *) self->matches->data;

  buffer = gtk_text_view_get_buffer (self->text_view);
  gtk_text_buffer_get_selection_bounds (buffer, &s, &e);
  cursor = backward ? gtk_text_iter_get_offset (&s) : gtk_text_iter_get_offset (&e);
  if (!gtk_text_buffer_get_has_selection (buffer) && !backward)
    cursor = gtk_text_iter_get_offset (&s);

  /* First match starting at or after the cursor. */
  lo = 0;
  hi = n;
  while (lo < hi)
    {
      guint mid = (lo + hi) / 2;

      if (m[2 * mid] < cursor)
        lo = mid + 1;
      else
        hi = mid;
    }
  if (backward)
    index = lo == 0 ? n - 1 : lo - 1;
  else
    index = lo == n ? 0 : lo;

  gtk_text_buffer_get_bounds (buffer, &s, &e);
  gtk_text_buffer_remove_tag (buffer, self->current_match_tag, &s, &e);
  gtk_text_buffer_get_iter_at_offset (buffer, &s, m[2 * index]);
  gtk_text_buffer_get_iter_at_offset (buffer, &e, m[2 * index + 1]);
  gtk_text_buffer_apply_tag (buffer, self->current_match_tag, &s, &e);
  gtk_text_buffer_select_range (buffer, &s, &e);
  gtk_text_view_scroll_to_mark (self->text_view, gtk_text_buffer_get_insert (buffer),
                                0.1, TRUE, 0.0, 0.4);
  return index + 1;
}
