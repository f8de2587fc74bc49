/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Marginalia"
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>

#include "gui-test-util.h"
#include "mg-annotation-pane.h"
#include "mg-application.h"
#include "mg-document-view.h"
#include "mg-window-recent.h"

static MgApplication *app;

typedef struct
{
  char     *dir;
  GFile    *speech;
  GFile    *sidecar;
  MgWindow *window;
} Fixture;

static char *
read_file (GFile *file)
{
  g_autofree char *contents = NULL;

  if (!g_file_load_contents (file, NULL, &contents, NULL, NULL, NULL))
    return NULL;
  return g_steal_pointer (&contents);
}

static void
copy_fixture (Fixture    *fixture,
              const char *name)
{
  fixture->speech = mg_gui_test_copy_fixture (fixture->dir, name);
  fixture->sidecar = mg_sidecar_default_file (fixture->speech);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->dir = mg_gui_test_make_dir ("marginalia-gui");
  fixture->window = mg_gui_test_open_window (app, 0, 0);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  /* Close like a user would: runs the final save. */
  mg_gui_test_close_window (fixture->window);
  g_clear_object (&fixture->speech);
  g_clear_object (&fixture->sidecar);
  mg_gui_test_remove_dir (fixture->dir);
  g_free (fixture->dir);
}

static void
open_fixture (Fixture    *fixture,
              const char *name)
{
  copy_fixture (fixture, name);
  mg_window_open_file (fixture->window, fixture->speech);
  mg_gui_test_wait_loaded (fixture->window);
  g_assert_true (mg_window_has_document (fixture->window));
}

static MgDocumentView *
view_of (Fixture *fixture)
{
  return MG_DOCUMENT_VIEW (mg_window_get_document_view (fixture->window));
}

static GtkTextBuffer *
buffer_of (Fixture *fixture)
{
  return gtk_text_view_get_buffer (mg_document_view_get_text_view (view_of (fixture)));
}

static char *
buffer_text (Fixture *fixture)
{
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer_of (fixture), &start, &end);
  return gtk_text_buffer_get_text (buffer_of (fixture), &start, &end, FALSE);
}

/* Code point offset of @needle in the buffer. */
static guint
offset_of (Fixture    *fixture,
           const char *needle)
{
  g_autofree char *text = buffer_text (fixture);
  const char *found = strstr (text, needle);

  g_assert_nonnull (found);
  return (guint) g_utf8_pointer_to_offset (text, found);
}

static gboolean
action (Fixture    *fixture,
        const char *name,
        GVariant   *parameter)
{
  gboolean found = gtk_widget_activate_action_variant (GTK_WIDGET (fixture->window), name, parameter);

  mg_gui_test_iterate ();
  return found;
}

/* The background colour of the highest-priority annotation style at
 * @offset, or FALSE when none paints a background there (a flash or a
 * search match does not count). */
static gboolean
background_at (Fixture *fixture,
               guint    offset,
               GdkRGBA *rgba)
{
  GtkTextIter iter;
  GSList *tags;
  gboolean found = FALSE;

  gtk_text_buffer_get_iter_at_offset (buffer_of (fixture), &iter, offset);
  tags = gtk_text_iter_get_tags (&iter);
  for (GSList *l = tags; l; l = l->next)
    {
      gboolean set = FALSE;
      GdkRGBA *color = NULL;
      g_autofree char *name = NULL;

      g_object_get (l->data, "name", &name, NULL);
      if (name != NULL && (g_str_equal (name, "mg-flash") || g_str_has_prefix (name, "mg-search")))
        continue;
      g_object_get (l->data, "background-set", &set, "background-rgba", &color, NULL);
      if (set && color != NULL)
        {
          *rgba = *color;
          found = TRUE;
        }
      g_clear_pointer (&color, gdk_rgba_free);
    }
  g_slist_free (tags);
  return found;
}

static gboolean
has_named_tag (Fixture    *fixture,
               guint       offset,
               const char *name)
{
  GtkTextTagTable *table = gtk_text_buffer_get_tag_table (buffer_of (fixture));
  GtkTextTag *tag = gtk_text_tag_table_lookup (table, name);
  GtkTextIter iter;

  g_assert_nonnull (tag);
  gtk_text_buffer_get_iter_at_offset (buffer_of (fixture), &iter, offset);
  return gtk_text_iter_has_tag (&iter, tag);
}

static void
test_window_empty (void)
{
  MgWindow *window = mg_window_new (app);

  mg_gui_test_present (GTK_WINDOW (window));
  mg_gui_test_iterate ();

  g_assert_false (mg_window_has_document (window));
  g_assert_null (mg_window_get_store (window));
  g_assert_cmpstr (mg_window_get_page (window), ==, "empty");

  gtk_window_destroy (GTK_WINDOW (window));
  mg_gui_test_iterate ();
}

static void
test_window_open_sample (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autofree char *sample_path = g_build_filename (SOURCE_SAMPLES_DIR, "sample-zh.txt", NULL);
  g_autofree char *text = NULL;
  g_autofree char *expected = NULL;
  GtkTextBuffer *buffer = buffer_of (fixture);

  if (!g_file_test (sample_path, G_FILE_TEST_EXISTS))
    {
      g_test_skip ("The sample speech is not in the source tree");
      return;
    }

  g_assert_true (action (fixture, "win.open-sample", NULL));
  mg_gui_test_wait_loaded (fixture->window);
  /* The text was styled away from the view, in the view's own buffer. */
  g_assert_true (buffer_of (fixture) == buffer);

  g_assert_true (mg_window_has_document (fixture->window));
  g_assert_cmpstr (mg_window_get_page (fixture->window), ==, "document");
  /* A copy in the user's data directory, so its annotations can be saved. */
  g_assert_true (g_str_has_prefix (g_file_peek_path (mg_window_get_file (fixture->window)),
                                   g_get_user_data_dir ()));
  text = buffer_text (fixture);
  expected = g_strdup (mg_document_get_text (mg_annotation_store_get_document (mg_window_get_store (fixture->window))));
  g_assert_cmpstr (text, ==, expected);
  g_assert_true (g_utf8_strlen (text, -1) > 1000);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (fixture->window)), !=, "Marginalia");
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (mg_document_view_get_text_view (view_of (fixture))), "zh"));
}

static void
test_window_tag_selection (Fixture       *fixture,
                           gconstpointer  data)
{
  MgAnnotationStore *store;
  MgAnnotation *annotation;
  MgTag *tag;
  GdkRGBA rgba, expected;
  g_autofree char *saved = NULL;
  guint start, end;

  open_fixture (fixture, "gui-speech-zh.txt");
  store = mg_window_get_store (fixture->window);
  g_assert_cmpuint (mg_annotation_store_get_n_annotations (store), ==, 0);
  g_assert_false (g_file_query_exists (fixture->sidecar, NULL));

  start = offset_of (fixture, "项目为王");
  end = start + 4;
  mg_document_view_select_range (view_of (fixture), start, end);
  mg_gui_test_iterate ();

  /* Key 1: the first tag. */
  g_assert_true (action (fixture, "win.tag-selection", g_variant_new_int32 (0)));
  g_assert_cmpuint (mg_annotation_store_get_n_annotations (store), ==, 1);
  annotation = mg_annotation_store_get_annotation (store, 0);
  tag = mg_tag_set_get_tag (mg_annotation_store_get_tag_set (store), 0);
  g_assert_cmpuint (mg_annotation_get_start (annotation), ==, start);
  g_assert_cmpuint (mg_annotation_get_end (annotation), ==, end);
  g_assert_cmpstr (mg_annotation_get_quote (annotation), ==, "项目为王");
  g_assert_true (mg_annotation_has_tag (annotation, mg_tag_get_id (tag)));
  g_assert_true (mg_window_get_selected (fixture->window) == annotation);

  /* Drawn in the tag's colour on exactly that range. */
  mg_document_view_refresh (view_of (fixture));
  g_assert_true (gdk_rgba_parse (&expected, mg_tag_get_color (tag)));
  g_assert_true (background_at (fixture, start, &rgba));
  g_assert_cmpfloat_with_epsilon (rgba.red, expected.red, 0.01);
  g_assert_cmpfloat_with_epsilon (rgba.green, expected.green, 0.01);
  g_assert_cmpfloat_with_epsilon (rgba.blue, expected.blue, 0.01);
  g_assert_true (background_at (fixture, end - 1, &rgba));
  g_assert_false (background_at (fixture, end, &rgba));
  g_assert_false (background_at (fixture, start - 1, &rgba));

  /* Listed in the pane, selected there; a filter on another tag hides it. */
  {
    MgAnnotationPane *pane = MG_ANNOTATION_PANE (mg_window_get_pane (fixture->window));
    MgTag *other = mg_tag_set_get_tag (mg_annotation_store_get_tag_set (store), 1);
    GListModel *rows = mg_annotation_pane_get_model (pane);

    g_assert_cmpuint (g_list_model_get_n_items (rows), ==, 1);
    g_assert_true (mg_annotation_pane_get_selected (pane) == annotation);
    mg_annotation_pane_set_tag_filter (pane, mg_tag_get_id (other), TRUE);
    mg_gui_test_iterate ();
    g_assert_cmpuint (g_list_model_get_n_items (rows), ==, 0);
    mg_annotation_pane_set_tag_filter (pane, mg_tag_get_id (tag), TRUE);
    mg_gui_test_iterate ();
    g_assert_cmpuint (g_list_model_get_n_items (rows), ==, 1);
    mg_annotation_pane_clear_filters (pane);
    mg_gui_test_iterate ();

    /* Activating a row selects the annotation for the window too. */
    mg_window_set_selected (fixture->window, NULL);
    g_signal_emit_by_name (pane, "annotation-activated", annotation);
    mg_gui_test_iterate ();
    g_assert_true (mg_window_get_selected (fixture->window) == annotation);
  }

  /* Saved on disk. */
  g_assert_true (mg_window_save (fixture->window, NULL));
  saved = read_file (fixture->sidecar);
  g_assert_nonnull (saved);
  g_assert_nonnull (strstr (saved, mg_annotation_get_id (annotation)));
  g_assert_nonnull (strstr (saved, mg_tag_get_id (tag)));
  g_assert_nonnull (strstr (saved, "项目为王"));
  g_assert_false (mg_annotation_store_get_dirty (store));

  /* Undo removes it from the store and from the view; redo brings it back. */
  g_assert_true (action (fixture, "win.undo", NULL));
  g_assert_cmpuint (mg_annotation_store_get_n_annotations (store), ==, 0);
  mg_document_view_refresh (view_of (fixture));
  g_assert_false (background_at (fixture, start, &rgba));
  g_assert_true (action (fixture, "win.redo", NULL));
  g_assert_cmpuint (mg_annotation_store_get_n_annotations (store), ==, 1);
  mg_document_view_refresh (view_of (fixture));
  g_assert_true (background_at (fixture, start, &rgba));
}

static void
test_window_highlight_overlap_delete (Fixture       *fixture,
                                      gconstpointer  data)
{
  MgAnnotationStore *store;
  MgAnnotation *first;
  guint start;

  open_fixture (fixture, "gui-speech-zh.txt");
  store = mg_window_get_store (fixture->window);
  start = offset_of (fixture, "三年大变样");

  /* Nothing selected: tagging does nothing. */
  mg_document_view_clear_selection (view_of (fixture));
  action (fixture, "win.highlight", NULL);
  g_assert_cmpuint (mg_annotation_store_get_n_annotations (store), ==, 0);

  mg_document_view_select_range (view_of (fixture), start, start + 5);
  g_assert_true (action (fixture, "win.highlight", NULL));
  g_assert_cmpuint (mg_annotation_store_get_n_annotations (store), ==, 1);
  first = mg_annotation_store_get_annotation (store, 0);
  g_assert_cmpuint (g_strv_length ((char **) mg_annotation_get_tags (first)), ==, 0);
  mg_document_view_refresh (view_of (fixture));
  g_assert_true (has_named_tag (fixture, start, "mg-highlight"));
  g_assert_false (has_named_tag (fixture, start, "mg-overlap"));

  /* A second annotation over part of the first: the shared part is marked. */
  mg_document_view_select_range (view_of (fixture), start + 2, start + 8);
  g_assert_true (action (fixture, "win.tag-selection", g_variant_new_int32 (1)));
  g_assert_cmpuint (mg_annotation_store_get_n_annotations (store), ==, 2);
  mg_document_view_refresh (view_of (fixture));
  g_assert_false (has_named_tag (fixture, start + 1, "mg-overlap"));
  g_assert_true (has_named_tag (fixture, start + 2, "mg-overlap"));
  g_assert_true (has_named_tag (fixture, start + 4, "mg-overlap"));
  g_assert_false (has_named_tag (fixture, start + 5, "mg-overlap"));

  /* Delete removes the selected (the last made) annotation. */
  g_assert_true (action (fixture, "win.delete-annotation", NULL));
  g_assert_cmpuint (mg_annotation_store_get_n_annotations (store), ==, 1);
  g_assert_true (mg_annotation_store_get_annotation (store, 0) == first);
  g_assert_null (mg_window_get_selected (fixture->window));
  mg_document_view_refresh (view_of (fixture));
  g_assert_false (has_named_tag (fixture, start + 2, "mg-overlap"));

  g_assert_true (action (fixture, "win.undo", NULL));
  g_assert_cmpuint (mg_annotation_store_get_n_annotations (store), ==, 2);
}

static void
test_window_autosave (Fixture       *fixture,
                      gconstpointer  data)
{
  MgAnnotationStore *store;
  g_autofree char *saved = NULL;
  gint64 deadline;
  guint start;

  open_fixture (fixture, "gui-speech-zh.txt");
  store = mg_window_get_store (fixture->window);
  start = offset_of (fixture, "五万个");
  mg_document_view_select_range (view_of (fixture), start, start + 3);
  g_assert_true (action (fixture, "win.tag-selection", g_variant_new_int32 (1)));
  /* Unsaved until the delay has passed (a slow run may already be past it). */
  if (mg_annotation_store_get_dirty (store))
    g_assert_cmpint (mg_window_get_save_state (fixture->window), ==, MG_SAVE_STATE_UNSAVED);

  /* Written about a second later without anything else happening. */
  deadline = mg_gui_test_deadline ();
  while (mg_annotation_store_get_dirty (store) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (mg_annotation_store_get_dirty (store));
  g_assert_cmpint (mg_window_get_save_state (fixture->window), ==, MG_SAVE_STATE_SAVED);
  saved = read_file (fixture->sidecar);
  g_assert_nonnull (saved);
  g_assert_nonnull (strstr (saved, "五万个"));
}

static void
wait_not_saving (Fixture *fixture)
{
  gint64 deadline = mg_gui_test_deadline ();

  while (mg_window_is_saving (fixture->window) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (mg_window_is_saving (fixture->window));
}

/* The autosave writes in a thread: the window goes on taking changes
 * meanwhile, those wait for the next save, and a failure is shown. */
static void
test_window_autosave_async (Fixture       *fixture,
                            gconstpointer  data)
{
  MgAnnotationStore *store;
  g_autofree char *saved = NULL;
  g_autofree char *path = NULL;
  gint64 deadline;
  guint first, second;

  open_fixture (fixture, "gui-speech-zh.txt");
  store = mg_window_get_store (fixture->window);
  first = offset_of (fixture, "五万个");
  second = offset_of (fixture, "项目为王");
  mg_document_view_select_range (view_of (fixture), first, first + 3);
  /* Not action (): on a loaded machine, running the loop until idle may
   * start and finish the save before it is looked for. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.tag-selection", "i", 1));

  /* The save starts after the delay and hands the writing to a thread. */
  deadline = mg_gui_test_deadline ();
  while (!mg_window_is_saving (fixture->window) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (mg_window_is_saving (fixture->window));

  /* Meanwhile the window takes another change. */
  mg_document_view_select_range (view_of (fixture), second, second + 4);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.tag-selection", "i", 0));
  g_assert_cmpuint (mg_annotation_store_get_n_annotations (store), ==, 2);

  /* The first save lands with the first change only; the second waits. */
  wait_not_saving (fixture);
  saved = read_file (fixture->sidecar);
  g_assert_nonnull (saved);
  g_assert_nonnull (strstr (saved, "五万个"));
  g_assert_null (strstr (saved, "项目为王"));
  g_assert_true (mg_annotation_store_get_dirty (store));
  g_assert_cmpint (mg_window_get_save_state (fixture->window), ==, MG_SAVE_STATE_UNSAVED);

  deadline = mg_gui_test_deadline ();
  while ((mg_annotation_store_get_dirty (store) || mg_window_is_saving (fixture->window)) &&
         g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (mg_annotation_store_get_dirty (store));
  g_assert_cmpint (mg_window_get_save_state (fixture->window), ==, MG_SAVE_STATE_SAVED);
  g_clear_pointer (&saved, g_free);
  saved = read_file (fixture->sidecar);
  g_assert_nonnull (strstr (saved, "项目为王"));

  /* A save that fails (a folder where the file should be) is shown, and
   * the store stays unsaved. */
  path = g_file_get_path (fixture->sidecar);
  g_assert_cmpint (g_remove (path), ==, 0);
  g_assert_cmpint (g_mkdir (path, 0755), ==, 0);
  /* The failure's toast is a new one, not the toast of the tagging above
   * given a new title: that one's five seconds started long ago, and on a
   * loaded machine they may end as the failure lands. So that toast is
   * dismissed first, and the change made shows none of its own. */
  if (mg_window_get_toast (fixture->window) != NULL)
    adw_toast_dismiss (mg_window_get_toast (fixture->window));
  deadline = mg_gui_test_deadline ();
  while (mg_window_get_toast (fixture->window) != NULL && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_null (mg_window_get_toast (fixture->window));
  g_assert_true (mg_annotation_store_undo (store));
  deadline = mg_gui_test_deadline ();
  while (mg_window_get_save_state (fixture->window) != MG_SAVE_STATE_FAILED && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  /* Looked for as the failure lands: a loaded machine may let the toast's
   * five seconds pass before the save below is over. */
  g_assert_nonnull (mg_window_get_toast (fixture->window));
  g_assert_nonnull (strstr (adw_toast_get_title (mg_window_get_toast (fixture->window)),
                            "Could not save the annotations"));
  wait_not_saving (fixture);
  g_assert_cmpint (mg_window_get_save_state (fixture->window), ==, MG_SAVE_STATE_FAILED);
  g_assert_nonnull (mg_window_get_save_error (fixture->window));
  g_assert_true (mg_annotation_store_get_dirty (store));
  g_assert_false (mg_window_save (fixture->window, NULL));
  g_assert_cmpint (g_rmdir (path), ==, 0);
}

/* Closing right after a change, even while an autosave is writing, still
 * writes everything before the window goes. */
static void
test_window_close_saves (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autofree char *saved = NULL;
  gint64 deadline;
  guint first, second;

  open_fixture (fixture, "gui-speech-zh.txt");
  first = offset_of (fixture, "五万个");
  second = offset_of (fixture, "项目为王");
  mg_document_view_select_range (view_of (fixture), first, first + 3);
  /* The loop not run until idle, as above. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.tag-selection", "i", 1));
  deadline = mg_gui_test_deadline ();
  while (!mg_window_is_saving (fixture->window) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (mg_window_is_saving (fixture->window));
  mg_document_view_select_range (view_of (fixture), second, second + 4);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.tag-selection", "i", 0));

  g_object_ref (fixture->window);
  gtk_window_close (GTK_WINDOW (fixture->window));
  g_assert_false (mg_window_is_saving (fixture->window));
  saved = read_file (fixture->sidecar);
  g_assert_nonnull (saved);
  g_assert_nonnull (strstr (saved, "五万个"));
  g_assert_nonnull (strstr (saved, "项目为王"));
  mg_gui_test_iterate ();
  g_clear_object (&fixture->window);
  fixture->window = mg_window_new (app);
}

static void
mark_painted (gboolean *painted)
{
  *painted = TRUE;
}

/* The colour most pixels of the character at @offset have on screen: its
 * background (glyph strokes are the minority). */
static guint32
screen_color_at (Fixture *fixture,
                 guint    offset)
{
  GtkTextView *text_view = mg_document_view_get_text_view (view_of (fixture));
  GtkWidget *widget = GTK_WIDGET (fixture->window);
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GHashTable) counts = g_hash_table_new (NULL, NULL);
  g_autofree guint32 *pixels = NULL;
  graphene_point_t in, out;
  GdkRectangle rect;
  GtkTextIter iter;
  int width = gtk_widget_get_width (widget), height = gtk_widget_get_height (widget);
  guint32 best = 0;
  guint best_count = 0;

  mg_document_view_refresh (view_of (fixture));
  mg_gui_test_iterate ();
  gtk_text_buffer_get_iter_at_offset (buffer_of (fixture), &iter, offset);
  gtk_text_view_scroll_to_iter (text_view, &iter, 0.0, FALSE, 0, 0);
  mg_gui_test_iterate ();
  gtk_text_view_get_iter_location (text_view, &iter, &rect);
  gtk_text_view_buffer_to_window_coords (text_view, GTK_TEXT_WINDOW_WIDGET, rect.x, rect.y, &rect.x, &rect.y);
  in = GRAPHENE_POINT_INIT (rect.x, rect.y);
  g_assert_true (gtk_widget_compute_point (GTK_WIDGET (text_view), widget, &in, &out));

  /* The paintable shows what the last frame drew: nothing while a new
   * layout is pending, so draw frames until it has one. */
  for (int attempt = 0; node == NULL && attempt < 50; attempt++)
    {
      GdkFrameClock *clock = gtk_widget_get_frame_clock (widget);
      g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
      gboolean painted = FALSE;
      gint64 deadline = mg_gui_test_deadline ();
      gulong id = g_signal_connect_swapped (clock, "after-paint", G_CALLBACK (mark_painted), &painted);

      gtk_widget_queue_draw (widget);
      while (!painted && g_get_monotonic_time () < deadline)
        g_main_context_iteration (NULL, TRUE);
      g_signal_handler_disconnect (clock, id);
      gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), width, height);
      node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
    }
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (widget)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  pixels = g_new (guint32, (gsize) width * height);
  gdk_texture_download (texture, (guchar *) pixels, (gsize) width * 4);
  for (int y = (int) out.y; y < (int) out.y + rect.height && y < height; y++)
    for (int x = (int) out.x; x < (int) out.x + rect.width && x < width; x++)
      {
        guint32 pixel = pixels[(gsize) y * width + x];
        guint count = GPOINTER_TO_UINT (g_hash_table_lookup (counts, GUINT_TO_POINTER (pixel))) + 1;

        g_hash_table_insert (counts, GUINT_TO_POINTER (pixel), GUINT_TO_POINTER (count));
        if (count > best_count)
          {
            best = pixel;
            best_count = count;
          }
      }
  g_assert_cmpuint (best_count, >, 0);
  return best;
}

/* Sum of the differences of the three channels, 0–765. */
static guint
color_distance (guint32 a,
                guint32 b)
{
  guint d = 0;

  for (int shift = 0; shift < 24; shift += 8)
    d += (guint) ABS ((int) ((a >> shift) & 0xff) - (int) ((b >> shift) & 0xff));
  return d;
}

/* The selection never looks like a highlight, in light and dark styles;
 * an annotation with two tags shows both. */
static void
test_window_selection_and_tags_look (Fixture       *fixture,
                                     gconstpointer  data)
{
  AdwStyleManager *style = adw_style_manager_get_default ();
  MgAnnotationStore *store;
  guint goal, selected, both;

  open_fixture (fixture, "gui-speech-zh.txt");
  store = mg_window_get_store (fixture->window);
  goal = offset_of (fixture, "五万个");
  selected = offset_of (fixture, "项目为王");
  both = offset_of (fixture, "三年大变样");

  /* A policy goal (the first tag, blue), and an annotation that is a
   * figure and a policy goal. */
  mg_document_view_select_range (view_of (fixture), goal, goal + 3);
  g_assert_true (action (fixture, "win.tag-selection", g_variant_new_int32 (0)));
  g_assert_true (mg_annotation_has_tag (mg_window_get_selected (fixture->window), "policy-goal"));
  mg_document_view_select_range (view_of (fixture), both, both + 5);
  g_assert_true (action (fixture, "win.tag-selection", g_variant_new_int32 (1)));
  g_assert_true (mg_annotation_store_toggle_tag (store, mg_window_get_selected (fixture->window), "policy-goal", NULL));
  mg_gui_test_iterate ();
  g_assert_true (has_named_tag (fixture, both, "mg-highlight") == FALSE);
  {
    MgDocumentView *view = view_of (fixture);
    GtkTextTag *stripe = NULL, *figure = NULL;
    GtkTextTagTable *table = gtk_text_buffer_get_tag_table (buffer_of (fixture));
    GtkTextIter iter;
    GSList *tags;
    gboolean underline_blue = FALSE, background_green = FALSE;

    mg_document_view_refresh (view);
    gtk_text_buffer_get_iter_at_offset (buffer_of (fixture), &iter, both + 2);
    tags = gtk_text_iter_get_tags (&iter);
    for (GSList *l = tags; l; l = l->next)
      {
        PangoUnderline underline = PANGO_UNDERLINE_NONE;
        GdkRGBA *line = NULL, *back = NULL;
        gboolean back_set = FALSE;

        g_object_get (l->data, "underline", &underline, "underline-rgba", &line,
                      "background-set", &back_set, "background-rgba", &back, NULL);
        /* Policy goal #3584e4 as a stripe; figure #2ec27e as the wash. */
        if (underline == PANGO_UNDERLINE_DOUBLE && line != NULL &&
            ABS (line->blue - 0xe4 / 255.0) < 0.01 && ABS (line->red - 0x35 / 255.0) < 0.01)
          {
            underline_blue = TRUE;
            stripe = l->data;
          }
        if (back_set && back != NULL && ABS (back->green - 0xc2 / 255.0) < 0.01)
          {
            background_green = TRUE;
            figure = l->data;
          }
        g_clear_pointer (&line, gdk_rgba_free);
        g_clear_pointer (&back, gdk_rgba_free);
      }
    g_slist_free (tags);
    g_assert_true (underline_blue);
    g_assert_true (background_green);
    g_assert_true (gtk_text_tag_table_lookup (table, "mg-highlight") != stripe);
    g_assert_true (figure != stripe);
  }

  for (int dark = 0; dark < 2; dark++)
    {
      guint32 plain, highlight, selection, two_tags;

      adw_style_manager_set_color_scheme (style, dark ? ADW_COLOR_SCHEME_FORCE_DARK : ADW_COLOR_SCHEME_FORCE_LIGHT);
      mg_gui_test_iterate ();
      mg_document_view_select_range (view_of (fixture), selected, selected + 4);
      plain = screen_color_at (fixture, goal - 3);
      highlight = screen_color_at (fixture, goal + 1);
      selection = screen_color_at (fixture, selected + 1);
      two_tags = screen_color_at (fixture, both + 1);
      g_test_message ("%s: plain %06x, policy goal %06x, selection %06x, figure + goal %06x",
                      dark ? "dark" : "light", plain & 0xffffff, highlight & 0xffffff,
                      selection & 0xffffff, two_tags & 0xffffff);
      g_assert_cmpuint (color_distance (highlight, plain), >, 20);
      /* Far apart, not the 7 levels of 184,212,246 against 191,216,247. */
      g_assert_cmpuint (color_distance (selection, highlight), >, 120);
      g_assert_cmpuint (color_distance (selection, plain), >, 120);
      g_assert_cmpuint (color_distance (two_tags, highlight), >, 40);
    }
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_DEFAULT);
  mg_document_view_clear_selection (view_of (fixture));
}

static void
test_window_search (Fixture       *fixture,
                    gconstpointer  data)
{
  MgDocumentView *view;
  guint first, second, start, end;

  open_fixture (fixture, "gui-speech-zh.txt");
  view = view_of (fixture);
  first = offset_of (fixture, "增长");

  g_assert_true (action (fixture, "win.find", NULL));
  g_assert_true (gtk_search_bar_get_search_mode (mg_window_get_search_bar (fixture->window)));
  gtk_editable_set_text (mg_window_get_search_entry (fixture->window), "增长");
  /* The entry waits a moment before searching. */
  while (mg_document_view_get_n_matches (view) == 0)
    g_main_context_iteration (NULL, TRUE);
  mg_gui_test_iterate ();
  g_assert_cmpuint (mg_document_view_get_n_matches (view), ==, 2);
  g_assert_true (has_named_tag (fixture, first, "mg-search-match"));

  /* The first match is selected; next moves on, previous comes back. */
  g_assert_true (mg_document_view_get_selection (view, &start, &end));
  g_assert_cmpuint (start, ==, first);
  g_assert_cmpuint (end, ==, first + 2);
  g_assert_true (action (fixture, "win.find-next", NULL));
  g_assert_true (mg_document_view_get_selection (view, &second, &end));
  g_assert_cmpuint (second, >, first);
  g_assert_true (has_named_tag (fixture, second, "mg-search-current"));
  g_assert_true (action (fixture, "win.find-previous", NULL));
  g_assert_true (mg_document_view_get_selection (view, &start, NULL));
  g_assert_cmpuint (start, ==, first);
  g_assert_cmpstr (gtk_label_get_text (mg_window_get_search_label (fixture->window)), ==, "1 of 2");

  /* Closing the bar clears the matches. */
  gtk_search_bar_set_search_mode (mg_window_get_search_bar (fixture->window), FALSE);
  mg_gui_test_iterate ();
  g_assert_cmpuint (mg_document_view_get_n_matches (view), ==, 0);
  g_assert_false (has_named_tag (fixture, first, "mg-search-match"));
}

static void
test_window_broken_sidecar (Fixture       *fixture,
                            gconstpointer  data)
{
  static const char broken[] = "{ \"format\": \"marginalia-annotations\", \"version\": 1, \"annotations\": [ { \"id\": ";
  g_autoptr(GError) error = NULL;
  g_autofree char *after = NULL;
  g_autoptr(GDir) dir = NULL;
  const char *name;
  gboolean kept_aside = FALSE;
  MgAnnotationStore *store;
  guint start;

  copy_fixture (fixture, "gui-speech-zh.txt");
  g_file_replace_contents (fixture->sidecar, broken, strlen (broken), NULL, FALSE,
                           G_FILE_CREATE_NONE, NULL, NULL, &error);
  g_assert_no_error (error);

  mg_window_open_file (fixture->window, fixture->speech);
  mg_gui_test_wait_loaded (fixture->window);

  /* The speech opens; the annotations are read-only and the problem shown. */
  g_assert_true (mg_window_has_document (fixture->window));
  g_assert_true (mg_sidecar_get_broken (mg_window_get_sidecar (fixture->window)));
  g_assert_true (gtk_info_bar_get_revealed (mg_window_get_sidecar_bar (fixture->window)));
  g_assert_cmpint (mg_window_get_save_state (fixture->window), ==, MG_SAVE_STATE_READ_ONLY);

  start = offset_of (fixture, "项目为王");
  mg_document_view_select_range (view_of (fixture), start, start + 4);
  action (fixture, "win.tag-selection", g_variant_new_int32 (0));
  action (fixture, "win.highlight", NULL);
  g_assert_cmpuint (mg_annotation_store_get_n_annotations (mg_window_get_store (fixture->window)), ==, 0);
  g_assert_true (mg_window_save (fixture->window, NULL));
  after = read_file (fixture->sidecar);
  g_assert_cmpstr (after, ==, broken);

  /* Starting afresh keeps the broken file aside and makes tagging work. */
  g_assert_true (action (fixture, "win.start-afresh", NULL));
  g_assert_false (gtk_info_bar_get_revealed (mg_window_get_sidecar_bar (fixture->window)));
  dir = g_dir_open (fixture->dir, 0, NULL);
  while ((name = g_dir_read_name (dir)) != NULL)
    if (strstr (name, ".broken-") != NULL)
      {
        g_autofree char *path = g_build_filename (fixture->dir, name, NULL);
        g_autoptr(GFile) file = g_file_new_for_path (path);
        g_autofree char *contents = read_file (file);

        g_assert_cmpstr (contents, ==, broken);
        kept_aside = TRUE;
      }
  g_assert_true (kept_aside);

  store = mg_window_get_store (fixture->window);
  mg_document_view_select_range (view_of (fixture), start, start + 4);
  g_assert_true (action (fixture, "win.tag-selection", g_variant_new_int32 (0)));
  g_assert_cmpuint (mg_annotation_store_get_n_annotations (store), ==, 1);
  g_assert_true (mg_window_save (fixture->window, NULL));
  g_free (after);
  after = read_file (fixture->sidecar);
  g_assert_nonnull (strstr (after, "项目为王"));
}

/* A speech opened once is offered again by the next empty window. */
static void
test_window_recent (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autofree char *uri = NULL;
  MgWindow *second;
  GtkWidget *list = NULL;
  GtkWidget *child;
  GtkListBoxRow *first;
  GVariant *target = NULL;
  gint64 deadline;

  /* Earlier tests opened speeches in the same second, which would tie
   * with ours: start from an empty list (the data directory is the
   * test's own). */
  gtk_recent_manager_purge_items (gtk_recent_manager_get_default (), NULL);
  open_fixture (fixture, "gui-speech-gb18030.txt");
  uri = g_file_get_uri (fixture->speech);

  second = mg_window_new (app);
  mg_gui_test_present (GTK_WINDOW (second));

  /* Look for ours among what the list offers; the recent list is written
   * and read back in the background, and the window follows it. */
  deadline = mg_gui_test_deadline ();
  do
    {
      mg_gui_test_iterate ();
      list = NULL;
      first = NULL;
      for (child = gtk_widget_get_first_child (adw_status_page_get_child (mg_window_get_status_page (second)));
           child != NULL; child = gtk_widget_get_next_sibling (child))
        if (g_strcmp0 (gtk_widget_get_name (child), "recent-speeches") == 0)
          list = child;
      for (int i = 0; list != NULL && (first = gtk_list_box_get_row_at_index (GTK_LIST_BOX (list), i)) != NULL; i++)
        {
          target = gtk_actionable_get_action_target_value (GTK_ACTIONABLE (first));
          if (g_strcmp0 (g_variant_get_string (target, NULL), uri) == 0)
            break;
        }
      if (first == NULL)
        g_usleep (20000);
    }
  while (first == NULL && g_get_monotonic_time () < deadline);
  g_assert_nonnull (list);
  g_assert_nonnull (first);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (first)), ==,
                   "gui-speech-gb18030.txt");
  g_assert_null (gtk_list_box_get_row_at_index (GTK_LIST_BOX (list), MG_WINDOW_N_RECENT));

  /* Activating the row opens the speech (the action it names). */
  gtk_widget_activate_action_variant (GTK_WIDGET (second), "win.open-recent", target);
  mg_gui_test_wait_loaded (second);
  g_assert_true (mg_window_has_document (second));
  gtk_window_destroy (GTK_WINDOW (second));
  mg_gui_test_iterate ();
}

static void
test_window_gb18030 (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autofree char *expected_path = g_test_build_filename (G_TEST_DIST, "data", "gui-speech-gb18030.utf8", NULL);
  g_autofree char *expected = NULL;
  g_autofree char *text = NULL;

  g_assert_true (g_file_get_contents (expected_path, &expected, NULL, NULL));
  open_fixture (fixture, "gui-speech-gb18030.txt");
  text = buffer_text (fixture);
  g_assert_cmpstr (text, ==, expected);
  g_assert_nonnull (strstr (text, "绿水青山就是金山银山"));
}

static void
test_window_unreadable (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "missing.txt", NULL);
  g_autoptr(GFile) missing = g_file_new_for_path (path);
  GtkWindow *dialog = NULL;
  GListModel *toplevels = gtk_window_get_toplevels ();

  mg_window_open_file (fixture->window, missing);
  mg_gui_test_wait_loaded (fixture->window);

  g_assert_false (mg_window_has_document (fixture->window));
  g_assert_cmpstr (mg_window_get_page (fixture->window), ==, "empty");
  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      GtkWindow *window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window) &&
          gtk_window_get_transient_for (window) == GTK_WINDOW (fixture->window))
        dialog = window;
      g_object_unref (window);
    }
  g_assert_nonnull (dialog);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog)), "missing.txt"));
  gtk_window_destroy (dialog);

  /* Still usable: a good file opens in the same window. */
  open_fixture (fixture, "gui-speech-zh.txt");
  g_assert_cmpstr (mg_window_get_page (fixture->window), ==, "document");
}

static void
test_window_zoom (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);

  open_fixture (fixture, "gui-speech-zh.txt");
  g_assert_true (action (fixture, "win.zoom-reset", NULL));
  g_assert_cmpfloat (g_settings_get_double (settings, "zoom"), ==, 1.0);
  g_assert_true (action (fixture, "win.zoom-in", NULL));
  g_assert_cmpfloat (g_settings_get_double (settings, "zoom"), >, 1.0);
  g_assert_true (action (fixture, "win.zoom-out", NULL));
  g_assert_true (action (fixture, "win.zoom-out", NULL));
  g_assert_cmpfloat (g_settings_get_double (settings, "zoom"), <, 1.0);
  g_assert_true (action (fixture, "win.zoom-reset", NULL));
  g_assert_cmpfloat (g_settings_get_double (settings, "zoom"), ==, 1.0);
}

static void
test_window_shortcuts (Fixture       *fixture,
                       gconstpointer  data)
{
  GtkWindow *dialog;

  /* The shortcuts window loads (every accelerator in it parses). */
  g_assert_true (action (fixture, "win.show-help-overlay", NULL));
  dialog = mg_gui_test_find_toplevel (GTK_TYPE_SHORTCUTS_WINDOW);
  g_assert_nonnull (dialog);
  gtk_window_destroy (dialog);
  mg_gui_test_iterate ();
}

static void
test_window_preferences (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
  GtkWindow *dialog;

  /* Preferences edit the settings the window uses. */
  mg_window_show_preferences (fixture->window);
  mg_gui_test_iterate ();
  dialog = mg_gui_test_find_toplevel (ADW_TYPE_PREFERENCES_WINDOW);
  g_assert_nonnull (dialog);
  g_assert_true (gtk_window_get_transient_for (dialog) == GTK_WINDOW (fixture->window));
  g_settings_set_string (settings, "author-name", "Li Wei");
  gtk_window_destroy (dialog);
  mg_gui_test_iterate ();

  open_fixture (fixture, "gui-speech-zh.txt");
  mg_document_view_select_range (view_of (fixture), 3, 6);
  g_assert_true (action (fixture, "win.highlight", NULL));
  g_assert_cmpstr (mg_annotation_get_author (mg_window_get_selected (fixture->window)), ==, "Li Wei");
  g_settings_reset (settings, "author-name");
}

static void
test_window_reanchored (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *changed = NULL;
  MgWindow *second;
  MgAnnotation *annotation;
  guint start;

  open_fixture (fixture, "gui-speech-zh.txt");
  start = offset_of (fixture, "项目为王");
  mg_document_view_select_range (view_of (fixture), start, start + 4);
  g_assert_true (action (fixture, "win.tag-selection", g_variant_new_int32 (2)));
  g_assert_true (mg_window_save (fixture->window, NULL));

  /* Someone edits the speech: a new first paragraph. */
  text = read_file (fixture->speech);
  changed = g_strconcat ("新增的开头一段。\n\n", text, NULL);
  g_file_replace_contents (fixture->speech, changed, strlen (changed), NULL, FALSE,
                           G_FILE_CREATE_NONE, NULL, NULL, &error);
  g_assert_no_error (error);

  second = mg_window_new (app);
  mg_gui_test_present (GTK_WINDOW (second));
  mg_window_open_file (second, fixture->speech);
  mg_gui_test_wait_loaded (second);

  g_assert_true (mg_sidecar_get_reanchored (mg_window_get_sidecar (second)));
  g_assert_true (gtk_info_bar_get_revealed (mg_window_get_anchor_bar (second)));
  g_assert_nonnull (strstr (gtk_label_get_text (mg_window_get_anchor_label (second)), "1 moved"));
  annotation = mg_annotation_store_get_annotation (mg_window_get_store (second), 0);
  g_assert_cmpstr (mg_annotation_get_quote (annotation), ==, "项目为王");
  g_assert_cmpuint (mg_annotation_get_start (annotation), ==, start + 10);
  /* Styled where it now is, in the buffer the view shows. */
  {
    GtkTextView *text_view = mg_document_view_get_text_view (MG_DOCUMENT_VIEW (mg_window_get_document_view (second)));
    GtkTextBuffer *buffer = gtk_text_view_get_buffer (text_view);
    GtkTextIter at;
    GSList *styles;

    gtk_text_buffer_get_iter_at_offset (buffer, &at, start + 10);
    styles = gtk_text_iter_get_tags (&at);
    g_assert_nonnull (styles);
    g_slist_free (styles);
    gtk_text_buffer_get_iter_at_offset (buffer, &at, 0);
    styles = gtk_text_iter_get_tags (&at);
    g_assert_null (styles);
  }

  /* Review goes to it. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (second), "win.review-changes", NULL));
  g_assert_true (mg_window_get_selected (second) == annotation);

  gtk_window_destroy (GTK_WINDOW (second));
  mg_gui_test_iterate ();
}

static void
test_application_open (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autofree char *second_path = g_build_filename (fixture->dir, "second.txt", NULL);
  g_autoptr(GFile) second = g_file_new_for_path (second_path);
  g_autoptr(GError) error = NULL;
  GFile *files[2];
  GList *windows;
  guint n_with_file = 0;

  copy_fixture (fixture, "gui-speech-zh.txt");
  g_file_set_contents (second_path, "Second speech.\n", -1, &error);
  g_assert_no_error (error);
  files[0] = fixture->speech;
  files[1] = second;

  /* As from the command line: one window per file, the empty one first. */
  g_application_open (G_APPLICATION (app), files, 2, "");
  windows = gtk_application_get_windows (GTK_APPLICATION (app));
  for (GList *l = windows; l; l = l->next)
    if (MG_IS_WINDOW (l->data))
      mg_gui_test_wait_loaded (l->data);
  g_assert_true (g_file_equal (mg_window_get_file (fixture->window), fixture->speech));

  windows = gtk_application_get_windows (GTK_APPLICATION (app));
  for (GList *l = windows; l; l = l->next)
    {
      GFile *file = MG_IS_WINDOW (l->data) ? mg_window_get_file (l->data) : NULL;

      if (file != NULL && (g_file_equal (file, fixture->speech) || g_file_equal (file, second)))
        n_with_file++;
    }
  g_assert_cmpuint (n_with_file, ==, 2);

  /* Opening a file that is shown presents its window instead. */
  g_application_open (G_APPLICATION (app), files, 1, "");
  g_assert_cmpuint (g_list_length (gtk_application_get_windows (GTK_APPLICATION (app))), ==,
                    g_list_length (windows));

  windows = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (app)));
  for (GList *l = windows; l; l = l->next)
    if (l->data != fixture->window)
      gtk_window_destroy (l->data);
  g_list_free (windows);
  mg_gui_test_iterate ();
}

static gboolean
time_passed (gpointer data)
{
  return g_get_monotonic_time () >= *(gint64 *) data;
}

static void
wait_until (gint64 when)
{
  g_assert_true (mg_gui_test_wait_for (time_passed, &when));
}

/* A passage revealed while another still flashes flashes its full time:
 * the first flash's end neither cuts it short nor outlives the view
 * (its timeout used to stay behind and fire on a closed window). */
static void
test_window_flash (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(MgAnnotation) first = mg_annotation_new (NULL, 0, 4);
  g_autoptr(MgAnnotation) second = mg_annotation_new (NULL, 10, 14);
  GtkTextTag *flash;
  guint valid = 0;

  open_fixture (fixture, "gui-speech-zh.txt");
  flash = gtk_text_tag_table_lookup (gtk_text_buffer_get_tag_table (buffer_of (fixture)), "mg-flash");
  g_assert_nonnull (flash);

  /* The flash lasts 0.9 s. Reveal the second 0.45 s after the first and
   * look 1 s after the first: past the first flash's end, within the
   * second's. A loaded machine may stretch the waits past the second's
   * end too; such a try proves nothing and is made again. */
  for (guint attempt = 0; attempt < 5 && valid == 0; attempt++)
    {
      gint64 t1, t2, now;
      GtkTextIter iter;

      t1 = g_get_monotonic_time ();
      mg_document_view_reveal_annotation (view_of (fixture), first);
      wait_until (t1 + 450000);
      t2 = g_get_monotonic_time ();
      mg_document_view_reveal_annotation (view_of (fixture), second);
      gtk_text_buffer_get_iter_at_offset (buffer_of (fixture), &iter, 1);
      g_assert_false (gtk_text_iter_has_tag (&iter, flash));
      wait_until (t1 + 1000000);
      gtk_text_buffer_get_iter_at_offset (buffer_of (fixture), &iter, 11);
      now = g_get_monotonic_time ();
      if (now - t2 < 800000)
        {
          g_assert_true (gtk_text_iter_has_tag (&iter, flash));
          valid++;
        }
      wait_until (g_get_monotonic_time () + 1000000);
      gtk_text_buffer_get_iter_at_offset (buffer_of (fixture), &iter, 11);
      g_assert_false (gtk_text_iter_has_tag (&iter, flash));
    }
  g_assert_cmpuint (valid, ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *data_home = NULL;
  int ret;

  app = mg_gui_test_init (&argc, &argv, &data_home);

  g_test_add_func ("/window/empty", test_window_empty);
#define ADD(path, func) \
  g_test_add ("/window/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("open-sample", test_window_open_sample);
  ADD ("tag-selection", test_window_tag_selection);
  ADD ("highlight-overlap-delete", test_window_highlight_overlap_delete);
  ADD ("autosave", test_window_autosave);
  ADD ("autosave-async", test_window_autosave_async);
  ADD ("close-saves", test_window_close_saves);
  ADD ("selection-and-tags-look", test_window_selection_and_tags_look);
  ADD ("search", test_window_search);
  ADD ("broken-sidecar", test_window_broken_sidecar);
  ADD ("gb18030", test_window_gb18030);
  ADD ("recent", test_window_recent);
  ADD ("unreadable", test_window_unreadable);
  ADD ("zoom", test_window_zoom);
  ADD ("reanchored", test_window_reanchored);
  ADD ("shortcuts", test_window_shortcuts);
  ADD ("application-open", test_application_open);
  ADD ("preferences", test_window_preferences);
  ADD ("flash", test_window_flash);
#undef ADD

  ret = g_test_run ();
  mg_gui_test_finish (g_steal_pointer (&app), data_home);
  return ret;
}
