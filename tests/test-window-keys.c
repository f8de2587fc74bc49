/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Marginalia"
#include "config.h"

#include <adwaita.h>

#include "gui-test-util.h"
#include "mg-annotation-pane.h"
#include "mg-document-view.h"
#include "mg-window.h"

/* Where the keyboard goes: back to the text after the tag popover closes,
 * Ctrl+C with it open, and F8 bringing a suggestion to the middle. */

static MgApplication *app;

typedef struct
{
  char     *dir;
  MgWindow *window;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->dir = mg_gui_test_make_dir ("marginalia-keys");
  fixture->window = mg_gui_test_open_window (app, 1000, 600);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  mg_gui_test_close_window (fixture->window);
  mg_gui_test_remove_dir (fixture->dir);
  g_free (fixture->dir);
}

static void
open_file (Fixture *fixture,
           GFile   *speech)
{
  mg_window_open_file (fixture->window, speech);
  mg_gui_test_wait_loaded (fixture->window);
  g_assert_true (mg_window_has_document (fixture->window));
}

static void
activate (Fixture    *fixture,
          const char *name,
          GVariant   *parameter)
{
  g_assert_true (gtk_widget_activate_action_variant (GTK_WIDGET (fixture->window), name, parameter));
  mg_gui_test_iterate ();
}

/* The first widget under @root with the style class @name. */
static GtkWidget *
find_with_class (GtkWidget  *root,
                 const char *name)
{
  if (gtk_widget_has_css_class (root, name))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_with_class (child, name);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* Activates @widget's shortcut for @key as the key would. */
static void
press (GtkWidget  *widget,
       const char *key)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);
  gboolean done = FALSE;

  for (guint i = 0; !done && i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;
      for (guint k = 0; !done && k < g_list_model_get_n_items (G_LIST_MODEL (controller)); k++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), k);
          g_autofree char *trigger = gtk_shortcut_trigger_to_string (gtk_shortcut_get_trigger (shortcut));

          if (strstr (trigger, key) != NULL)
            done = gtk_shortcut_action_activate (gtk_shortcut_get_action (shortcut), 0, widget, NULL);
        }
    }
  g_assert_true (done);
  mg_gui_test_iterate ();
}

static void
text_read (GObject      *clipboard,
           GAsyncResult *result,
           gpointer      user_data)
{
  char **out = user_data;
  g_autoptr(GError) error = NULL;

  *out = gdk_clipboard_read_text_finish (GDK_CLIPBOARD (clipboard), result, &error);
  g_assert_no_error (error);
}

static char *
clipboard_text (GtkWidget *widget)
{
  char *text = NULL;

  gdk_clipboard_read_text_async (gtk_widget_get_clipboard (widget), NULL, text_read, &text);
  while (text == NULL)
    g_main_context_iteration (NULL, TRUE);
  return text;
}

static void
test_popover_focus (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GFile) speech = mg_gui_test_copy_fixture (fixture->dir, "gui-speech-zh.txt");
  MgDocumentView *view;
  GtkTextView *text_view;
  GtkWidget *popover;
  GtkWidget *entry;
  MgAnnotationStore *store;
  g_autofree char *copied = NULL;
  const char *text;
  guint start, end;

  open_file (fixture, speech);
  view = MG_DOCUMENT_VIEW (mg_window_get_document_view (fixture->window));
  text_view = mg_document_view_get_text_view (view);
  popover = GTK_WIDGET (mg_document_view_get_tag_popover (view));
  store = mg_window_get_store (fixture->window);
  text = mg_document_get_text (mg_annotation_store_get_document (store));
  start = g_utf8_pointer_to_offset (text, strstr (text, "项目为王"));
  mg_document_view_select_range (view, start, start + 4);
  gtk_widget_grab_focus (GTK_WIDGET (text_view));
  mg_gui_test_iterate ();

  /* Open, focus in the note, then closed as Escape closes it. */
  activate (fixture, "win.show-tag-popover", NULL);
  g_assert_true (gtk_widget_get_visible (popover));
  entry = mg_gui_test_find_widget (popover, GTK_TYPE_TEXT, NULL);
  g_assert_nonnull (entry);
  gtk_widget_grab_focus (entry);
  g_assert_true (gtk_widget_has_focus (entry));

  /* Ctrl+C in the popover copies the passage, not the empty note. */
  press (popover, "<Control>c");
  copied = clipboard_text (GTK_WIDGET (text_view));
  g_assert_cmpstr (copied, ==, "项目为王");

  gtk_popover_popdown (GTK_POPOVER (popover));
  mg_gui_test_iterate ();
  g_assert_false (gtk_widget_get_visible (popover));
  /* The text has the keys again, with the selection kept: 1 tags it. */
  g_assert_true (gtk_widget_has_focus (GTK_WIDGET (text_view)));
  g_assert_true (mg_document_view_get_selection (view, &start, &end));
  g_assert_cmpuint (end - start, ==, 4);
  activate (fixture, "win.tag-selection", g_variant_new_int32 (0));
  g_assert_cmpuint (mg_annotation_store_get_n_annotations (store), ==, 1);
  /* Tagging from the popover gives the keys back as well. */
  start = g_utf8_pointer_to_offset (text, strstr (text, "三年大变样"));
  mg_document_view_select_range (view, start, start + 5);
  activate (fixture, "win.show-tag-popover", NULL);
  gtk_widget_grab_focus (mg_gui_test_find_widget (popover, GTK_TYPE_TEXT, NULL));
  g_signal_emit_by_name (popover, "apply", 1, "", FALSE);
  gtk_popover_popdown (GTK_POPOVER (popover));
  mg_gui_test_iterate ();
  g_assert_true (gtk_widget_has_focus (GTK_WIDGET (text_view)));
}

typedef struct
{
  GtkTextView *text_view;
  GtkTextIter  iter;
} Centred;

/* Whether the iterator's line is in the middle of the view. */
static gboolean
is_centred (gpointer data)
{
  Centred *centred = data;
  GdkRectangle visible, location;

  gtk_text_view_get_iter_location (centred->text_view, &centred->iter, &location);
  gtk_text_view_get_visible_rect (centred->text_view, &visible);
  return location.y >= visible.y + visible.height * 3 / 10 &&
         location.y + location.height <= visible.y + visible.height * 7 / 10;
}

static void
test_next_suggestion_centred (Fixture       *fixture,
                              gconstpointer  data)
{
  Centred centred;
  g_autofree char *path = g_build_filename (fixture->dir, "long-zh.txt", NULL);
  g_autoptr(GFile) speech = g_file_new_for_path (path);
  g_autoptr(GString) text = g_string_new ("长篇讲话\n\n");
  g_autoptr(GError) error = NULL;
  MgDocumentView *view;
  GtkTextView *text_view;
  GdkRectangle visible, location;
  guint start, end;

  /* A figure far below the first screen. */
  for (guint i = 0; i < 120; i++)
    g_string_append (text, "会场里坐满了人，大家安静地听着。\n\n");
  g_string_append (text, "去年全市地区生产总值达到 1850 亿元。\n\n");
  for (guint i = 0; i < 120; i++)
    g_string_append (text, "会场里坐满了人，大家安静地听着。\n\n");
  g_file_set_contents (path, text->str, -1, &error);
  g_assert_no_error (error);

  open_file (fixture, speech);
  view = MG_DOCUMENT_VIEW (mg_window_get_document_view (fixture->window));
  text_view = mg_document_view_get_text_view (view);
  activate (fixture, "win.show-suggestions", NULL);
  /* From the start of the figure's paragraph (the filler's repeats are
   * suggestions too). */
  start = g_utf8_pointer_to_offset (text->str, strstr (text->str, "去年"));
  mg_document_view_select_range (view, start, start);
  while (!gtk_widget_is_sensitive (GTK_WIDGET (text_view)) ||
         !gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.next-suggestion", NULL) ||
         !mg_document_view_get_selection (view, &start, &end))
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (start, ==, g_utf8_pointer_to_offset (text->str, strstr (text->str, "1850")));

  /* The view scrolls there in steps, a frame each: until it stops. */
  gtk_text_buffer_get_iter_at_offset (gtk_text_view_get_buffer (text_view), &centred.iter, start);
  centred.text_view = text_view;
  mg_gui_test_wait_scrolled (GTK_WIDGET (text_view), is_centred, &centred);
  gtk_text_view_get_iter_location (text_view, &centred.iter, &location);
  gtk_text_view_get_visible_rect (text_view, &visible);
  g_assert_cmpint (visible.y, >, 0);
  /* The middle of the view, not its bottom edge. */
  g_assert_cmpint (location.y, >=, visible.y + visible.height * 3 / 10);
  g_assert_cmpint (location.y + location.height, <=, visible.y + visible.height * 7 / 10);
}

/* The pane: Delete on the selected row removes its annotation; search
 * finds the author's name. */
static void
test_pane_keys (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GFile) speech = mg_gui_test_copy_fixture (fixture->dir, "gui-speech-zh.txt");
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
  MgDocumentView *view;
  MgAnnotationPane *pane;
  MgAnnotationStore *store;
  MgAnnotation *first;
  GtkWidget *list;
  const char *text;
  guint start;

  g_settings_set_string (settings, "author-name", "Wang Fang");
  open_file (fixture, speech);
  view = MG_DOCUMENT_VIEW (mg_window_get_document_view (fixture->window));
  pane = MG_ANNOTATION_PANE (mg_window_get_pane (fixture->window));
  store = mg_window_get_store (fixture->window);
  text = mg_document_get_text (mg_annotation_store_get_document (store));
  start = g_utf8_pointer_to_offset (text, strstr (text, "项目为王"));
  mg_document_view_select_range (view, start, start + 4);
  activate (fixture, "win.tag-selection", g_variant_new_int32 (0));
  first = mg_annotation_store_get_annotation (store, 0);
  start = g_utf8_pointer_to_offset (text, strstr (text, "三年大变样"));
  mg_document_view_select_range (view, start, start + 5);
  activate (fixture, "win.highlight", NULL);
  g_assert_cmpuint (mg_annotation_store_get_n_annotations (store), ==, 2);

  mg_annotation_pane_set_search_text (pane, "项目");
  mg_gui_test_iterate ();
  g_assert_cmpuint (g_list_model_get_n_items (mg_annotation_pane_get_model (pane)), ==, 1);
  mg_annotation_pane_set_search_text (pane, "wang fang");
  mg_gui_test_iterate ();
  g_assert_cmpuint (g_list_model_get_n_items (mg_annotation_pane_get_model (pane)), ==, 2);
  mg_annotation_pane_set_search_text (pane, "li wei");
  mg_gui_test_iterate ();
  g_assert_cmpuint (g_list_model_get_n_items (mg_annotation_pane_get_model (pane)), ==, 0);
  mg_annotation_pane_set_search_text (pane, NULL);
  mg_gui_test_iterate ();

  /* Chosen in the pane, then Delete there. */
  g_signal_emit_by_name (pane, "annotation-activated", first);
  mg_annotation_pane_select (pane, first);
  mg_gui_test_iterate ();
  g_assert_true (mg_window_get_selected (fixture->window) == first);
  list = find_with_class (GTK_WIDGET (pane), "mg-annotation-list");
  g_assert_nonnull (list);
  press (list, "Delete");
  g_assert_cmpuint (mg_annotation_store_get_n_annotations (store), ==, 1);
  g_assert_cmpint (mg_annotation_store_index_of (store, first), <, 0);
  g_settings_reset (settings, "author-name");
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *data_home = NULL;
  int ret;

  app = mg_gui_test_init (&argc, &argv, &data_home);
  g_test_add ("/window-keys/tag-popover", Fixture, NULL, fixture_set_up,
              test_popover_focus, fixture_tear_down);
  g_test_add ("/window-keys/next-suggestion-centred", Fixture, NULL, fixture_set_up,
              test_next_suggestion_centred, fixture_tear_down);
  g_test_add ("/window-keys/pane", Fixture, NULL, fixture_set_up,
              test_pane_keys, fixture_tear_down);
  ret = g_test_run ();
  mg_gui_test_finish (g_steal_pointer (&app), data_home);
  return ret;
}
