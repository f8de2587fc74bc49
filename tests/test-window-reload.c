/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Marginalia"
#include "config.h"

#include <string.h>
#include <glib/gstdio.h>

#include "gui-test-util.h"
#include "mg-document-view.h"
#include "mg-sidecar.h"
#include "mg-window-tidy.h"

/* A speech that another program changes while it is open: the reload bar,
 * then the annotations carried to the new text, those not yet saved
 * included; nothing offered for a file touched or written with the same
 * text, nor for the window's own tidying; Dismiss keeps what is shown; a
 * speech removed or renamed is said so and nothing is lost. */

static MgApplication *app;

static gboolean
reload_offered (gpointer window)
{
  return gtk_info_bar_get_revealed (mg_window_get_reload_bar (window));
}

static gboolean
reload_hidden (gpointer window)
{
  return !reload_offered (window);
}

static const char *
bar_text (MgWindow *window)
{
  return gtk_label_get_text (mg_window_get_reload_label (window));
}

/* The bar's Reload button: sensitive when reloading is offered. */
static GtkWidget *
find_reload_button (GtkWidget *root)
{
  if (GTK_IS_BUTTON (root) &&
      g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (root)), "win.reload-speech") == 0)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_reload_button (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
can_reload (MgWindow *window)
{
  GtkWidget *button = find_reload_button (GTK_WIDGET (mg_window_get_reload_bar (window)));

  g_assert_nonnull (button);
  return gtk_widget_is_sensitive (button);
}

/* Runs the main loop for @ms milliseconds: long enough for a file event
 * and the check that follows it (300 ms) to have come, if one comes. */
static void
settle (guint ms)
{
  gint64 until = g_get_monotonic_time () + ms * G_TIME_SPAN_MILLISECOND;

  while (g_get_monotonic_time () < until)
    g_main_context_iteration (NULL, FALSE), g_usleep (10000);
}

static const char *
shown_text (MgWindow *window)
{
  return mg_document_get_text (mg_sidecar_get_document (mg_window_get_sidecar (window)));
}

static MgAnnotation *
annotate (MgWindow   *window,
          const char *quote,
          const char *note)
{
  MgAnnotationStore *store = mg_window_get_store (window);
  guint start = mg_gui_test_offset_of (shown_text (window), quote);
  g_autoptr(GError) error = NULL;
  MgAnnotation *annotation;

  annotation = mg_annotation_store_create (store, start, start + g_utf8_strlen (quote, -1),
                                           NULL, note, FALSE, "tester", &error);
  g_assert_no_error (error);
  g_assert_nonnull (annotation);
  return annotation;
}

static MgWindow *
open_speech (GFile *speech)
{
  MgWindow *window = mg_window_new (app);

  mg_gui_test_present (GTK_WINDOW (window));
  mg_window_open_file (window, speech);
  mg_gui_test_wait_loaded (window);
  g_assert_true (mg_window_has_document (window));
  g_assert_false (reload_offered (window));
  return window;
}

static void
close_window (MgWindow   *window,
              const char *dir)
{
  mg_gui_test_close_window (window);
  mg_gui_test_remove_dir (dir);
}

/* The speech with a paragraph before it and a word changed after every
 * quote used here. */
static char *
edit_speech (GFile      *speech,
             const char *added)
{
  g_autofree char *text = NULL;
  g_autoptr(GString) s = g_string_new (added);

  g_assert_true (g_file_get_contents (g_file_peek_path (speech), &text, NULL, NULL));
  g_string_append (s, text);
  g_assert_cmpuint (g_string_replace (s, "A line with a tab", "A line with one tab", 1), ==, 1);
  return g_string_free (g_steal_pointer (&s), FALSE);
}

static void
write_text (GFile      *speech,
            const char *text)
{
  g_autoptr(GError) error = NULL;

  g_file_set_contents (g_file_peek_path (speech), text, -1, &error);
  g_assert_no_error (error);
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
  g_autofree char *original = NULL;
  g_autofree char *edited = NULL;
  MgAnnotationStore *store;
  MgWindow *window;
  guint shift = g_utf8_strlen (added, -1);

  g_assert_no_error (error);
  speech = mg_gui_test_copy_fixture (dir, "cli/speech.txt");
  window = open_speech (speech);
  g_assert_false (can_reload (window));
  original = g_strdup (shown_text (window));

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

  /* Touched, then written again with the same bytes: nothing to offer. */
  g_assert_true (g_file_set_attribute_uint64 (speech, G_FILE_ATTRIBUTE_TIME_MODIFIED,
                                             g_get_real_time () / G_USEC_PER_SEC + 60,
                                             G_FILE_QUERY_INFO_NONE, NULL, &error));
  g_assert_no_error (error);
  write_text (speech, original);
  settle (1500);
  g_assert_false (reload_offered (window));

  /* Another program edits the speech: offered, naming it. */
  edited = edit_speech (speech, added);
  write_text (speech, edited);
  g_assert_true (mg_gui_test_wait_for (reload_offered, window));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (mg_window_get_reload_label (window))));
  g_assert_nonnull (strstr (bar_text (window), "speech.txt"));
  g_assert_nonnull (strstr (bar_text (window), "changed by another program"));
  g_assert_true (can_reload (window));
  /* Nothing changes before it is asked for. */
  g_assert_cmpstr (shown_text (window), ==, original);

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
  g_assert_cmpstr (shown_text (window), ==, edited);
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
  g_assert_cmpstr (mg_annotation_get_note (mg_annotation_store_lookup (store, g_ptr_array_index (ids, 3))),
                   ==, "made meanwhile");
  /* Reported as opening an edited speech reports it; no offer left. */
  g_assert_true (gtk_info_bar_get_revealed (mg_window_get_anchor_bar (window)));
  g_assert_nonnull (strstr (gtk_label_get_text (mg_window_get_anchor_label (window)), "4 moved"));
  g_assert_false (reload_offered (window));
  g_assert_false (can_reload (window));

  /* Written back with the same text: nothing to offer. */
  write_text (speech, edited);
  settle (1500);
  g_assert_false (reload_offered (window));
  g_assert_true (mg_sidecar_get_reanchored (mg_window_get_sidecar (window)));

  close_window (window, dir);
}

static void
test_dismiss (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("marginalia-gui-reload-XXXXXX", &error);
  g_autoptr(GFile) speech = NULL;
  g_autofree char *original = NULL;
  g_autofree char *edited = NULL;
  g_autofree char *again = NULL;
  g_autofree char *id = NULL;
  MgAnnotationStore *store;
  MgAnnotation *a;
  guint start;

  g_assert_no_error (error);
  speech = mg_gui_test_copy_fixture (dir, "cli/speech.txt");
  MgWindow *window = open_speech (speech);
  original = g_strdup (shown_text (window));
  a = annotate (window, "良性互动", "kept");
  id = g_strdup (mg_annotation_get_id (a));
  start = mg_annotation_get_start (a);

  edited = edit_speech (speech, "另一段开头。\n\n");
  write_text (speech, edited);
  g_assert_true (mg_gui_test_wait_for (reload_offered, window));

  /* Dismissed: the text shown and the annotations stay as they were. */
  gtk_info_bar_response (mg_window_get_reload_bar (window), GTK_RESPONSE_CLOSE);
  mg_gui_test_iterate ();
  g_assert_false (reload_offered (window));
  g_assert_false (can_reload (window));
  g_assert_cmpstr (shown_text (window), ==, original);
  store = mg_window_get_store (window);
  g_assert_cmpuint (mg_annotation_store_get_n_annotations (store), ==, 1);
  a = mg_annotation_store_lookup (store, id);
  g_assert_nonnull (a);
  g_assert_cmpuint (mg_annotation_get_start (a), ==, start);
  g_assert_cmpstr (mg_annotation_get_note (a), ==, "kept");

  /* The same change noticed again is not offered again ... */
  write_text (speech, edited);
  settle (1500);
  g_assert_false (reload_offered (window));
  /* ... a further one is. */
  again = g_strconcat (edited, "又补充一句。\n", NULL);
  write_text (speech, again);
  g_assert_true (mg_gui_test_wait_for (reload_offered, window));
  g_assert_true (can_reload (window));

  /* Saved on the text shown; opened later, the annotation moves. */
  g_assert_true (mg_window_save (window, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (shown_text (window), ==, original);

  close_window (window, dir);
}

static void
check_kept (MgWindow    *window,
            const char  *original,
            GFile       *sidecar,
            const char  *id)
{
  g_autoptr(MgSidecar) saved = mg_sidecar_new (sidecar, NULL);
  g_autoptr(GError) error = NULL;

  g_assert_cmpstr (shown_text (window), ==, original);
  g_assert_nonnull (mg_annotation_store_lookup (mg_window_get_store (window), id));
  /* Saving still works, and what it saved holds the annotation. */
  g_assert_true (mg_window_save (window, &error));
  g_assert_no_error (error);
  g_assert_true (mg_sidecar_load (saved, NULL, &error));
  g_assert_no_error (error);
  g_assert_nonnull (mg_annotation_store_lookup (mg_sidecar_get_store (saved), id));
}

static void
test_gone (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("marginalia-gui-reload-XXXXXX", &error);
  g_autofree char *renamed = NULL;
  g_autofree char *original = NULL;
  g_autofree char *first_id = NULL;
  g_autofree char *second_id = NULL;
  g_autoptr(GFile) speech = NULL;
  g_autoptr(GFile) sidecar = NULL;
  MgWindow *window;

  g_assert_no_error (error);
  speech = mg_gui_test_copy_fixture (dir, "cli/speech.txt");
  sidecar = mg_sidecar_default_file (speech);
  renamed = g_build_filename (dir, "renamed.txt", NULL);
  window = open_speech (speech);
  original = g_strdup (shown_text (window));
  first_id = g_strdup (mg_annotation_get_id (annotate (window, "项目为王", NULL)));

  /* Renamed: said so, nothing to reload, nothing lost. */
  g_assert_cmpint (g_rename (g_file_peek_path (speech), renamed), ==, 0);
  g_assert_true (mg_gui_test_wait_for (reload_offered, window));
  g_assert_nonnull (strstr (bar_text (window), "speech.txt"));
  g_assert_nonnull (strstr (bar_text (window), "deleted or renamed"));
  g_assert_false (can_reload (window));
  check_kept (window, original, sidecar, first_id);

  /* Back where it was, with the same text: nothing to say any more. */
  g_assert_cmpint (g_rename (renamed, g_file_peek_path (speech)), ==, 0);
  g_assert_true (mg_gui_test_wait_for (reload_hidden, window));

  /* Deleted: the same. */
  second_id = g_strdup (mg_annotation_get_id (annotate (window, "良性互动", NULL)));
  g_assert_cmpint (g_unlink (g_file_peek_path (speech)), ==, 0);
  g_assert_true (mg_gui_test_wait_for (reload_offered, window));
  g_assert_nonnull (strstr (bar_text (window), "deleted or renamed"));
  g_assert_false (can_reload (window));
  check_kept (window, original, sidecar, first_id);
  check_kept (window, original, sidecar, second_id);

  close_window (window, dir);
}

/* Tidying rewrites the speech from the window itself, and Undo writes the
 * old bytes back: the window shows what it wrote, so neither offers a
 * reload. */
static void
test_own_tidy (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("marginalia-gui-reload-XXXXXX", &error);
  g_autofree char *before = NULL;
  g_autoptr(GFile) speech = NULL;
  MgWindow *window;

  g_assert_no_error (error);
  speech = mg_gui_test_copy_fixture (dir, "tidy/messy/zh-harbour.txt");
  window = open_speech (speech);
  before = g_strdup (shown_text (window));

  g_assert_true (mg_window_tidy_apply (window, MG_TIDY_ALL, &error));
  g_assert_no_error (error);
  mg_gui_test_wait_loaded (window);
  g_assert_cmpstr (shown_text (window), !=, before);
  settle (1500);
  g_assert_false (reload_offered (window));

  g_assert_true (mg_window_tidy_undo (window, &error));
  g_assert_no_error (error);
  mg_gui_test_wait_loaded (window);
  g_assert_cmpstr (shown_text (window), ==, before);
  settle (1500);
  g_assert_false (reload_offered (window));

  close_window (window, dir);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *data_home = NULL;
  int ret;

  app = mg_gui_test_init (&argc, &argv, &data_home);
  g_test_add_func ("/window-reload/changed-on-disk", test_changed_on_disk);
  g_test_add_func ("/window-reload/dismiss", test_dismiss);
  g_test_add_func ("/window-reload/gone", test_gone);
  g_test_add_func ("/window-reload/own-tidy", test_own_tidy);
  ret = g_test_run ();
  mg_gui_test_finish (g_steal_pointer (&app), data_home);
  return ret;
}
