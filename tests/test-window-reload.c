/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Marginalia"
#include "config.h"

#include <string.h>

#include "gui-test-util.h"
#include "mg-document-view.h"
#include "mg-sidecar.h"

/* Reading a speech as it was found: runs of blank lines shown as one gap
 * with every offset kept, and a speech that another program changes while
 * it is open (the reload bar, then the annotations carried to the new
 * text, those not yet saved included). */

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

/* Runs the main loop until @done or about 20 seconds have passed. */
static gboolean
wait_for (gboolean (*done) (MgWindow *),
          MgWindow *window)
{
  gint64 until = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

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

static guint
offset_of (const char *text,
           const char *needle)
{
  const char *hit = strstr (text, needle);

  g_assert_nonnull (hit);
  return g_utf8_pointer_to_offset (text, hit);
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
  g_autofree char *dir = g_dir_make_tmp ("marginalia-gui-reload-XXXXXX", &error);
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
  gtk_window_present (GTK_WINDOW (window));
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
  second = offset_of (text, "第二段") ;
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

  gtk_window_close (GTK_WINDOW (window));
  mg_gui_test_iterate ();
  mg_gui_test_remove_dir (dir);
}

static gboolean
reload_offered (MgWindow *window)
{
  return gtk_info_bar_get_revealed (mg_window_get_reload_bar (window));
}

static MgAnnotation *
annotate (MgWindow   *window,
          const char *quote,
          const char *note)
{
  MgAnnotationStore *store = mg_window_get_store (window);
  const char *text = mg_document_get_text (mg_sidecar_get_document (mg_window_get_sidecar (window)));
  guint start = offset_of (text, quote);
  g_autoptr(GError) error = NULL;
  MgAnnotation *annotation;

  annotation = mg_annotation_store_create (store, start, start + g_utf8_strlen (quote, -1),
                                           NULL, note, FALSE, "tester", &error);
  g_assert_no_error (error);
  g_assert_nonnull (annotation);
  return annotation;
}

static void
test_changed_on_disk (void)
{
  static const char * const quotes[] = { "项目为王", "高质量发展", "233", "良性互动" };
  static const char added[] = "会前补充的一段说明。\n\n";
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("marginalia-gui-reload-XXXXXX", &error);
  g_autoptr(GFile) speech = NULL;
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) starts = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autofree char *text = NULL;
  g_autofree char *edited = NULL;
  MgAnnotationStore *store;
  MgWindow *window;
  guint shift = g_utf8_strlen (added, -1);

  g_assert_no_error (error);
  speech = mg_gui_test_copy_fixture (dir, "cli/speech.txt");
  window = mg_window_new (app);
  gtk_window_present (GTK_WINDOW (window));
  mg_window_open_file (window, speech);
  mg_gui_test_wait_loaded (window);
  g_assert_false (reload_offered (window));

  /* Three annotations saved, a fourth made after the speech changed and
   * not saved yet when the reload is asked for. */
  for (guint i = 0; i < 3; i++)
    {
      MgAnnotation *a = annotate (window, quotes[i], quotes[i]);

      g_ptr_array_add (ids, g_strdup (mg_annotation_get_id (a)));
      g_array_append_vals (starts, &(guint) { mg_annotation_get_start (a) }, 1);
    }
  g_assert_true (mg_window_save (window, &error));
  g_assert_no_error (error);

  /* Another program edits the speech: a paragraph before, a word changed
   * after every quote. */
  g_assert_true (g_file_get_contents (g_file_peek_path (speech), &text, NULL, NULL));
  {
    g_autoptr(GString) s = g_string_new (added);

    g_string_append (s, text);
    g_assert_cmpuint (g_string_replace (s, "A line with a tab", "A line with one tab", 1), ==, 1);
    edited = g_string_free (g_steal_pointer (&s), FALSE);
  }
  g_file_set_contents (g_file_peek_path (speech), edited, -1, &error);
  g_assert_no_error (error);
  g_assert_true (wait_for (reload_offered, window));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (mg_window_get_reload_label (window))));
  g_assert_nonnull (strstr (gtk_label_get_text (mg_window_get_reload_label (window)), "speech.txt"));

  {
    MgAnnotation *a = annotate (window, quotes[3], "made meanwhile");

    g_ptr_array_add (ids, g_strdup (mg_annotation_get_id (a)));
    g_array_append_vals (starts, &(guint) { mg_annotation_get_start (a) }, 1);
  }
  g_assert_true (mg_annotation_store_get_dirty (mg_window_get_store (window)));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.reload-speech", NULL));
  mg_gui_test_wait_loaded (window);
  mg_gui_test_iterate ();

  /* The new text, every annotation on it, moved by what was added. */
  g_assert_cmpstr (mg_document_get_text (mg_sidecar_get_document (mg_window_get_sidecar (window))), ==, edited);
  store = mg_window_get_store (window);
  g_assert_cmpuint (mg_annotation_store_get_n_annotations (store), ==, ids->len);
  for (guint i = 0; i < ids->len; i++)
    {
      MgAnnotation *a = mg_annotation_store_lookup (store, g_ptr_array_index (ids, i));

      g_assert_nonnull (a);
      g_assert_cmpstr (mg_annotation_get_quote (a), ==, quotes[i]);
      g_assert_cmpuint (mg_annotation_get_start (a), ==, g_array_index (starts, guint, i) + shift);
      g_assert_cmpint (mg_annotation_get_anchor_state (a), ==, MG_ANCHOR_STATE_MOVED);
    }
  /* Reported as opening an edited speech reports it; no offer left. */
  g_assert_true (gtk_info_bar_get_revealed (mg_window_get_anchor_bar (window)));
  g_assert_false (reload_offered (window));

  /* Written back with the same text: nothing to offer. */
  g_file_set_contents (g_file_peek_path (speech), edited, -1, &error);
  g_assert_no_error (error);
  {
    gint64 until = g_get_monotonic_time () + G_USEC_PER_SEC;

    while (g_get_monotonic_time () < until)
      g_main_context_iteration (NULL, FALSE), g_usleep (10000);
  }
  g_assert_false (reload_offered (window));

  gtk_window_close (GTK_WINDOW (window));
  mg_gui_test_iterate ();
  mg_gui_test_remove_dir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *data_home = NULL;
  int ret;

  app = mg_gui_test_init (&argc, &argv, &data_home);
  g_test_add_func ("/window-reload/blank-runs", test_blank_runs);
  g_test_add_func ("/window-reload/changed-on-disk", test_changed_on_disk);
  ret = g_test_run ();
  mg_gui_test_finish (g_steal_pointer (&app), data_home);
  return ret;
}
