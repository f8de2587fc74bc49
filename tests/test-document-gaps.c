/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Marginalia"
#include "config.h"

#include <string.h>

#include "gui-test-util.h"
#include "mg-document-view.h"

/* Reading a speech as it was found: runs of blank lines shown as one gap
 * with every offset kept. */

static MgApplication *app;

static GFile *
write_speech (const char *dir,
              const char *name,
              const char *text)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, text, -1, &error);
  g_assert_no_error (error);
  return g_file_new_for_path (path);
}

/* Runs the main loop until @done, giving up only on a hang. */
static gboolean
wait_for (gboolean (*done) (MgWindow *),
          MgWindow *window)
{
  gint64 until = mg_gui_test_deadline ();

  while (!done (window) && g_get_monotonic_time () < until)
    g_main_context_iteration (NULL, FALSE), g_usleep (10000);
  return done (window);
}

static gboolean
layout_ready (MgWindow *window)
{
  GtkTextView *view = mg_document_view_get_text_view (MG_DOCUMENT_VIEW (mg_window_get_document_view (window)));

  return gtk_widget_get_mapped (GTK_WIDGET (view)) && gtk_widget_get_height (GTK_WIDGET (view)) > 0;
}

static int
line_y (GtkTextView *view,
        guint        offset)
{
  GtkTextIter iter;
  int y, height;

  gtk_text_buffer_get_iter_at_offset (gtk_text_view_get_buffer (view), &iter, offset);
  gtk_text_view_get_line_yrange (view, &iter, &y, &height);
  return y;
}

static void
test_blank_runs (void)
{
  static const char text[] =
    "第一段。\n"
    "\n"
    "第二段。\n"
    "\n\n\n\n\n\n\n\n\n\n"
    "第三段。\n"
    "\n   \n\t\n"
    "第四段。\n";
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("marginalia-gui-gaps-XXXXXX", &error);
  g_autoptr(GFile) speech = write_speech (dir, "gaps.txt", text);
  MgWindow *window = mg_window_new (app);
  GtkTextView *view;
  GtkTextBuffer *buffer;
  GtkTextTag *gap;
  GtkTextIter start, end;
  g_autofree char *shown = NULL;
  guint second, third, fourth;
  int step;

  g_assert_no_error (error);
  mg_gui_test_present (GTK_WINDOW (window));
  mg_window_open_file (window, speech);
  mg_gui_test_wait_loaded (window);
  g_assert_true (wait_for (layout_ready, window));
  view = mg_document_view_get_text_view (MG_DOCUMENT_VIEW (mg_window_get_document_view (window)));
  buffer = gtk_text_view_get_buffer (view);

  /* The text is the speech's, unchanged: offsets are the document's. */
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  shown = gtk_text_buffer_get_text (buffer, &start, &end, TRUE);
  g_assert_cmpstr (shown, ==, text);

  /* Hidden: the blank lines beyond the first of each run, nothing else. */
  gap = gtk_text_tag_table_lookup (gtk_text_buffer_get_tag_table (buffer), "mg-gap");
  g_assert_nonnull (gap);
  second = mg_gui_test_offset_of (text, "第二段");
  third = g_utf8_strlen (text, strstr (text, "第三段") - text);
  fourth = g_utf8_strlen (text, strstr (text, "第四段") - text);
  for (guint i = 0; i < (guint) g_utf8_strlen (text, -1); i++)
    {
      GtkTextIter at;
      gboolean hidden;
      gboolean expected = (i >= second + 6 && i < third) || (i >= third + 6 && i < fourth);

      gtk_text_buffer_get_iter_at_offset (buffer, &at, i);
      hidden = gtk_text_iter_has_tag (&at, gap);
      if (hidden != expected)
        g_error ("offset %u: hidden %d, expected %d", i, hidden, expected);
    }

  /* Laid out, the run of ten blank lines is one gap, as between the first
   * two paragraphs. */
  while (g_main_context_iteration (NULL, FALSE))
    ;
  step = line_y (view, second) - line_y (view, 0);
  g_assert_cmpint (step, >, 0);
  g_assert_cmpint (line_y (view, third) - line_y (view, second), ==, step);
  g_assert_cmpint (line_y (view, fourth) - line_y (view, third), ==, step);

  mg_gui_test_close_window (window);
  mg_gui_test_remove_dir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *data_home = NULL;
  int ret;

  app = mg_gui_test_init (&argc, &argv, &data_home);
  g_test_add_func ("/document-gaps/blank-runs", test_blank_runs);
  ret = g_test_run ();
  mg_gui_test_finish (g_steal_pointer (&app), data_home);
  return ret;
}
