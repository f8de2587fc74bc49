/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Marginalia"
#include "config.h"

#include <adwaita.h>

#include "gui-test-util.h"
#include "mg-annotation-pane.h"
#include "mg-application.h"
#include "mg-document-view.h"
#include "mg-suggest.h"

static MgApplication *app;

typedef struct
{
  char      *dir;
  GFile     *speech;
  MgWindow  *window;
  GSettings *settings;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->dir = mg_gui_test_make_dir ("marginalia-gui-suggest");
  fixture->settings = g_settings_new (APPLICATION_ID);
  g_settings_reset (fixture->settings, "show-suggestions");
  /* On the screen of Xvfb whatever size the last window was closed at, so
   * that a popover in the speech has a monitor to show on. */
  g_settings_set_int (fixture->settings, "window-width", 1000);
  g_settings_set_int (fixture->settings, "window-height", 700);
  g_settings_set_boolean (fixture->settings, "window-maximized", FALSE);
  fixture->window = mg_window_new (app);
  mg_gui_test_present (GTK_WINDOW (fixture->window));
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  mg_gui_test_close_window (fixture->window);
  g_settings_reset (fixture->settings, "show-suggestions");
  g_clear_object (&fixture->settings);
  g_clear_object (&fixture->speech);
  mg_gui_test_remove_dir (fixture->dir);
  g_free (fixture->dir);
}

static void
open_fixture (Fixture    *fixture,
              const char *name)
{
  g_autofree char *fixture_name = g_build_filename ("suggest", name, NULL);

  g_clear_object (&fixture->speech);
  fixture->speech = mg_gui_test_copy_fixture (fixture->dir, fixture_name);
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

static gboolean
action (Fixture    *fixture,
        const char *name,
        GVariant   *parameter)
{
  gboolean found;

  /* A popover is placed on the window's monitor: Xvfb, loaded, may not
   * have told where the window is since it last moved or grew. */
  if (g_str_has_suffix (name, "-popover"))
    mg_gui_test_wait_on_monitor (GTK_WINDOW (fixture->window));
  found = gtk_widget_activate_action_variant (GTK_WIDGET (fixture->window), name, parameter);

  mg_gui_test_iterate ();
  return found;
}

static GVariant *
target (const char *kind,
        guint       start,
        guint       end)
{
  return g_variant_new ("(suu)", kind, start, end);
}

/* The suggestion of @kind on exactly [start, end) in @model, or NULL. */
static MgSuggestion *
find_suggestion (GListModel       *model,
                 MgSuggestionKind  kind,
                 guint             start,
                 guint             end)
{
  g_autoptr(GPtrArray) found = mg_suggest_find_range (model, start, end);

  for (guint i = 0; i < found->len; i++)
    if (mg_suggestion_get_kind (g_ptr_array_index (found, i)) == kind)
      return g_ptr_array_index (found, i);
  return NULL;
}

/* Waits for the worker thread to hand over the suggestions. */
static GListModel *
wait_suggestions (Fixture *fixture)
{
  gint64 deadline = mg_gui_test_deadline ();

  while (mg_window_get_suggestions (fixture->window) == NULL && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  mg_gui_test_iterate ();
  g_assert_nonnull (mg_window_get_suggestions (fixture->window));
  return mg_window_get_suggestions (fixture->window);
}

static GtkTextTag *
suggestion_tag (Fixture    *fixture,
                const char *kind)
{
  g_autofree char *name = g_strconcat ("mg-suggestion-", kind, NULL);
  GtkTextTag *tag = gtk_text_tag_table_lookup (gtk_text_buffer_get_tag_table (buffer_of (fixture)), name);

  g_assert_nonnull (tag);
  return tag;
}

static gboolean
has_suggestion (Fixture    *fixture,
                const char *kind,
                guint       offset)
{
  GtkTextIter iter;

  gtk_text_buffer_get_iter_at_offset (buffer_of (fixture), &iter, offset);
  return gtk_text_iter_has_tag (&iter, suggestion_tag (fixture, kind));
}

/* The number of separate ranges carrying @tag. */
static guint
count_tag_ranges (Fixture    *fixture,
                  GtkTextTag *tag)
{
  GtkTextIter iter;
  guint n = 0;

  gtk_text_buffer_get_start_iter (buffer_of (fixture), &iter);
  if (gtk_text_iter_starts_tag (&iter, tag))
    n++;
  while (gtk_text_iter_forward_to_tag_toggle (&iter, tag))
    if (gtk_text_iter_starts_tag (&iter, tag))
      n++;
  return n;
}

/* The number of separate ranges carrying the suggestion style of @kind. */
static guint
count_ranges (Fixture    *fixture,
              const char *kind)
{
  return count_tag_ranges (fixture, suggestion_tag (fixture, kind));
}

/* The same for the background of annotations tagged @tag_id. */
static guint
count_annotation_ranges (Fixture    *fixture,
                         const char *tag_id)
{
  g_autofree char *name = g_strconcat ("mg-tag-", tag_id, NULL);
  GtkTextTag *tag = gtk_text_tag_table_lookup (gtk_text_buffer_get_tag_table (buffer_of (fixture)), name);

  g_assert_nonnull (tag);
  return count_tag_ranges (fixture, tag);
}

static MgAnnotationPane *
pane_of (Fixture *fixture)
{
  return MG_ANNOTATION_PANE (mg_window_get_pane (fixture->window));
}

static void
count_emission (guint *count)
{
  (*count)++;
}

/* Code point offset of @needle in the buffer. */
static guint
offset_of (Fixture    *fixture,
           const char *needle)
{
  GtkTextIter start, end;
  g_autofree char *text = NULL;
  const char *found;

  gtk_text_buffer_get_bounds (buffer_of (fixture), &start, &end);
  text = gtk_text_buffer_get_text (buffer_of (fixture), &start, &end, FALSE);
  found = strstr (text, needle);
  g_assert_nonnull (found);
  return (guint) g_utf8_pointer_to_offset (text, found);
}

static gboolean
button_active (Fixture *fixture)
{
  return gtk_toggle_button_get_active (mg_window_get_suggestions_button (fixture->window));
}

static void
test_suggestions_toggle (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(GListStore) expected = NULL;
  const char *tooltip;
  g_autofree char *count = NULL;
  GListModel *shown;
  GdkRGBA *line = NULL;
  GdkRGBA color;
  MgTag *figure;
  int underline = PANGO_UNDERLINE_NONE;
  guint start;

  open_fixture (fixture, "report-zh.txt");
  g_assert_false (button_active (fixture));
  g_assert_false (mg_window_get_show_suggestions (fixture->window));
  g_assert_null (mg_window_get_suggestions (fixture->window));
  g_assert_cmpuint (count_ranges (fixture, "figure"), ==, 0);

  /* On: the button follows the action, the setting remembers it, and once
   * the worker is done every suggestion of the speech is drawn. */
  g_assert_true (action (fixture, "win.show-suggestions", NULL));
  g_assert_true (mg_window_get_show_suggestions (fixture->window));
  g_assert_true (button_active (fixture));
  g_assert_true (g_settings_get_boolean (fixture->settings, "show-suggestions"));
  shown = wait_suggestions (fixture);
  expected = mg_suggest_document (mg_annotation_store_get_document (mg_window_get_store (fixture->window)),
                                  MG_SUGGEST_ALL);
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, g_list_model_get_n_items (G_LIST_MODEL (expected)));
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, 31);
  g_assert_cmpuint (count_ranges (fixture, "figure"), ==,
                    mg_suggest_count_kind (G_LIST_MODEL (expected), MG_SUGGESTION_FIGURE));
  g_assert_cmpuint (count_ranges (fixture, "slogan"), ==,
                    mg_suggest_count_kind (G_LIST_MODEL (expected), MG_SUGGESTION_SLOGAN));
  g_assert_cmpuint (count_ranges (fixture, "policy-goal"), ==,
                    mg_suggest_count_kind (G_LIST_MODEL (expected), MG_SUGGESTION_POLICY_GOAL));

  /* 6.8% (58–62) is a figure, 最多跑一次 (185–190) a slogan, exactly there. */
  start = offset_of (fixture, "6.8%");
  g_assert_cmpuint (start, ==, 58);
  g_assert_false (has_suggestion (fixture, "figure", start - 1));
  g_assert_true (has_suggestion (fixture, "figure", start));
  g_assert_true (has_suggestion (fixture, "figure", start + 3));
  g_assert_false (has_suggestion (fixture, "figure", start + 4));
  g_assert_false (has_suggestion (fixture, "slogan", start));
  g_assert_cmpuint (offset_of (fixture, "最多跑一次"), ==, 185);
  g_assert_true (has_suggestion (fixture, "slogan", 185));
  g_assert_true (has_suggestion (fixture, "slogan", 189));
  g_assert_false (has_suggestion (fixture, "slogan", 190));
  g_assert_true (has_suggestion (fixture, "policy-goal", 291));
  g_assert_false (has_suggestion (fixture, "policy-goal", 276));

  /* Drawn as an underline in the kind's tag colour. */
  figure = mg_tag_set_lookup (mg_annotation_store_get_tag_set (mg_window_get_store (fixture->window)), "figure");
  g_assert_true (gdk_rgba_parse (&color, mg_tag_get_color (figure)));
  g_object_get (suggestion_tag (fixture, "figure"), "underline", &underline, "underline-rgba", &line, NULL);
  g_assert_cmpint (underline, !=, PANGO_UNDERLINE_NONE);
  g_assert_nonnull (line);
  g_assert_cmpfloat_with_epsilon (line->red, color.red, 0.01);
  g_assert_cmpfloat_with_epsilon (line->green, color.green, 0.01);
  g_assert_cmpfloat_with_epsilon (line->blue, color.blue, 0.01);
  gdk_rgba_free (line);

  /* Hovering a suggested passage names it. */
  {
    GtkTextView *text_view = mg_document_view_get_text_view (view_of (fixture));
    g_autofree char *markup = NULL;
    g_autofree char *outside = NULL;
    GdkRectangle rect;
    GtkTextIter iter;
    int x, y;

    gtk_text_buffer_get_iter_at_offset (buffer_of (fixture), &iter, 59);
    gtk_text_view_get_iter_location (text_view, &iter, &rect);
    gtk_text_view_buffer_to_window_coords (text_view, GTK_TEXT_WINDOW_WIDGET,
                                           rect.x + rect.width / 2, rect.y + rect.height / 2, &x, &y);
    markup = mg_document_view_dup_suggestions_tooltip (view_of (fixture), x, y);
    g_assert_nonnull (markup);
    g_assert_nonnull (strstr (markup, mg_tag_get_name (figure)));
    g_assert_nonnull (strstr (markup, mg_suggestion_reason_label ("percentage")));
    gtk_text_buffer_get_iter_at_offset (buffer_of (fixture), &iter, 0);
    gtk_text_view_get_iter_location (text_view, &iter, &rect);
    gtk_text_view_buffer_to_window_coords (text_view, GTK_TEXT_WINDOW_WIDGET,
                                           rect.x + rect.width / 2, rect.y + rect.height / 2, &x, &y);
    outside = mg_document_view_dup_suggestions_tooltip (view_of (fixture), x, y);
    g_assert_null (outside);
  }

  /* The count is in the button's tooltip. */
  tooltip = gtk_widget_get_tooltip_text (GTK_WIDGET (mg_window_get_suggestions_button (fixture->window)));
  count = g_strdup_printf ("%u", g_list_model_get_n_items (shown));
  g_assert_nonnull (strstr (tooltip, count));

  /* Off: every suggestion style goes, and the setting follows. */
  g_assert_true (action (fixture, "win.show-suggestions", NULL));
  g_assert_false (mg_window_get_show_suggestions (fixture->window));
  g_assert_false (button_active (fixture));
  g_assert_false (g_settings_get_boolean (fixture->settings, "show-suggestions"));
  g_assert_null (mg_window_get_suggestions (fixture->window));
  g_assert_cmpuint (count_ranges (fixture, "figure"), ==, 0);
  g_assert_cmpuint (count_ranges (fixture, "slogan"), ==, 0);
  g_assert_cmpuint (count_ranges (fixture, "policy-goal"), ==, 0);

  /* And back on from the remembered setting. */
  g_settings_set_boolean (fixture->settings, "show-suggestions", TRUE);
  wait_suggestions (fixture);
  g_assert_true (button_active (fixture));
  g_assert_true (has_suggestion (fixture, "figure", 58));
}

static void
test_suggestions_accept (Fixture       *fixture,
                         gconstpointer  data)
{
  MgAnnotationStore *store;
  MgAnnotation *annotation;
  GListModel *shown;
  guint n_shown, n_figures;

  open_fixture (fixture, "report-zh.txt");
  store = mg_window_get_store (fixture->window);
  g_assert_true (action (fixture, "win.show-suggestions", NULL));
  shown = wait_suggestions (fixture);
  n_shown = g_list_model_get_n_items (shown);
  g_assert_cmpuint (mg_annotation_store_get_n_annotations (store), ==, 0);

  /* Accepting 6.8% tags it as a figure and takes its suggestion away. */
  g_assert_true (action (fixture, "win.accept-suggestion", target ("figure", 58, 62)));
  g_assert_cmpuint (mg_annotation_store_get_n_annotations (store), ==, 1);
  annotation = mg_annotation_store_get_annotation (store, 0);
  g_assert_cmpuint (mg_annotation_get_start (annotation), ==, 58);
  g_assert_cmpuint (mg_annotation_get_end (annotation), ==, 62);
  g_assert_cmpstr (mg_annotation_get_quote (annotation), ==, "6.8%");
  g_assert_true (mg_annotation_has_tag (annotation, "figure"));
  g_assert_cmpuint (g_strv_length ((char **) mg_annotation_get_tags (annotation)), ==, 1);
  g_assert_true (mg_window_get_selected (fixture->window) == annotation);
  shown = mg_window_get_suggestions (fixture->window);
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, n_shown - 1);
  g_assert_false (has_suggestion (fixture, "figure", 58));
  g_assert_true (has_suggestion (fixture, "figure", 73));

  /* An unknown target changes nothing. */
  g_assert_true (action (fixture, "win.accept-suggestion", target ("figure", 58, 61)));
  g_assert_cmpuint (mg_annotation_store_get_n_annotations (store), ==, 1);

  /* One undo step takes the annotation back, and the suggestion returns. */
  g_assert_true (action (fixture, "win.undo", NULL));
  g_assert_cmpuint (mg_annotation_store_get_n_annotations (store), ==, 0);
  g_assert_false (mg_annotation_store_can_undo (store));
  shown = mg_window_get_suggestions (fixture->window);
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, n_shown);
  g_assert_true (has_suggestion (fixture, "figure", 58));

  /* Accept all figures: one annotation each, added as one change (one
   * items-changed) and undone in one step that takes them all. */
  n_figures = mg_suggest_count_kind (shown, MG_SUGGESTION_FIGURE);
  g_assert_cmpuint (n_figures, >, 1);
  {
    g_autoptr(GListModel) before = g_object_ref (shown);
    guint emissions = 0;
    gulong id = g_signal_connect_swapped (store, "items-changed", G_CALLBACK (count_emission), &emissions);

    g_assert_true (action (fixture, "win.accept-all-suggestions", g_variant_new_string ("figure")));
    g_assert_cmpuint (emissions, ==, 1);
    g_assert_cmpuint (mg_annotation_store_get_n_annotations (store), ==, n_figures);
    g_assert_cmpuint (mg_annotation_store_count_tag (store, "figure"), ==, n_figures);
    for (guint i = 0; i < n_figures; i++)
      {
        MgAnnotation *added = mg_annotation_store_get_annotation (store, i);

        g_assert_cmpuint (g_strv_length ((char **) mg_annotation_get_tags (added)), ==, 1);
        g_assert_nonnull (find_suggestion (before, MG_SUGGESTION_FIGURE, mg_annotation_get_start (added), mg_annotation_get_end (added)));
      }
    /* The pane lists them all, the view draws them all. */
    g_assert_cmpuint (g_list_model_get_n_items (mg_annotation_pane_get_model (pane_of (fixture))), ==, n_figures);
    g_assert_cmpuint (count_annotation_ranges (fixture, "figure"), ==, n_figures);
    g_assert_cmpstr (mg_annotation_store_get_undo_label (store), ==, "Accept suggestions");
    shown = mg_window_get_suggestions (fixture->window);
    g_assert_cmpuint (mg_suggest_count_kind (shown, MG_SUGGESTION_FIGURE), ==, 0);
    g_assert_cmpuint (g_list_model_get_n_items (shown), ==, n_shown - n_figures);
    g_assert_cmpuint (count_ranges (fixture, "figure"), ==, 0);
    g_assert_true (has_suggestion (fixture, "slogan", 185));

    emissions = 0;
    g_assert_true (action (fixture, "win.undo", NULL));
    g_assert_cmpuint (emissions, ==, 1);
    g_assert_cmpuint (mg_annotation_store_get_n_annotations (store), ==, 0);
    g_assert_false (mg_annotation_store_can_undo (store));
    g_assert_cmpuint (g_list_model_get_n_items (mg_annotation_pane_get_model (pane_of (fixture))), ==, 0);
    g_assert_cmpuint (count_annotation_ranges (fixture, "figure"), ==, 0);
    g_assert_cmpuint (count_ranges (fixture, "figure"), ==, n_figures);
    g_signal_handler_disconnect (store, id);
  }

  /* Dismissing hides one suggestion without annotating it, recorded in
   * the store (so in the sidecar) as one undo step. */
  g_assert_true (action (fixture, "win.dismiss-suggestion", target ("slogan", 185, 190)));
  g_assert_cmpuint (mg_annotation_store_get_n_annotations (store), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (mg_annotation_store_get_dismissed (store)), ==, 1);
  g_assert_nonnull (mg_annotation_store_lookup_dismissed (store, MG_SUGGESTION_SLOGAN, 185, 190));
  g_assert_false (has_suggestion (fixture, "slogan", 185));
  g_assert_true (has_suggestion (fixture, "slogan", 169));
  shown = mg_window_get_suggestions (fixture->window);
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, n_shown - 1);
  g_assert_true (action (fixture, "win.undo", NULL));
  mg_gui_test_iterate ();
  g_assert_cmpuint (g_list_model_get_n_items (mg_annotation_store_get_dismissed (store)), ==, 0);
  g_assert_true (has_suggestion (fixture, "slogan", 185));
  g_assert_cmpuint (g_list_model_get_n_items (mg_window_get_suggestions (fixture->window)), ==, n_shown);
  g_assert_true (action (fixture, "win.redo", NULL));
  mg_gui_test_iterate ();
  g_assert_false (has_suggestion (fixture, "slogan", 185));
}

/* A dismissed suggestion stays dismissed when the speech is opened again. */
static void
test_suggestions_dismiss_kept (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autofree char *path = NULL;
  g_autofree char *sidecar = NULL;
  g_autofree char *contents = NULL;
  MgWindow *second;
  GListModel *shown;
  guint n_shown;
  gint64 deadline;

  open_fixture (fixture, "report-zh.txt");
  g_assert_true (action (fixture, "win.show-suggestions", NULL));
  n_shown = g_list_model_get_n_items (wait_suggestions (fixture));
  g_assert_true (action (fixture, "win.dismiss-suggestion", target ("figure", 58, 62)));
  g_assert_false (has_suggestion (fixture, "figure", 58));
  g_assert_true (mg_window_save (fixture->window, NULL));

  path = g_file_get_path (fixture->speech);
  sidecar = g_strconcat (path, ".marginalia.json", NULL);
  g_assert_true (g_file_get_contents (sidecar, &contents, NULL, NULL));
  g_assert_nonnull (strstr (contents, "\"dismissed\""));

  /* Another window on the same speech: not offered again. */
  second = mg_window_new (app);
  mg_gui_test_present (GTK_WINDOW (second));
  mg_window_open_file (second, fixture->speech);
  mg_gui_test_wait_loaded (second);
  deadline = mg_gui_test_deadline ();
  while (mg_window_get_suggestions (second) == NULL && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  mg_gui_test_iterate ();
  shown = mg_window_get_suggestions (second);
  g_assert_nonnull (shown);
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, n_shown - 1);
  g_assert_null (find_suggestion (shown, MG_SUGGESTION_FIGURE, 58, 62));
  g_assert_nonnull (find_suggestion (shown, MG_SUGGESTION_FIGURE, 73, 80));
  g_assert_cmpuint (g_list_model_get_n_items (mg_annotation_store_get_dismissed (mg_window_get_store (second))), ==, 1);
  gtk_window_destroy (GTK_WINDOW (second));
  mg_gui_test_iterate ();
}

/* Checks, code point by code point, that the view shows what the store
 * holds: each annotation's first known tag as a background, its further
 * tags as stripes, the plain highlight when it has none, the star. */
static void
assert_view_matches_store (Fixture *fixture)
{
  MgDocumentView *view = view_of (fixture);
  MgAnnotationStore *store = mg_window_get_store (fixture->window);
  MgTagSet *tags = mg_annotation_store_get_tag_set (store);
  GtkTextBuffer *buffer = buffer_of (fixture);
  GtkTextTagTable *table = gtk_text_buffer_get_tag_table (buffer);
  GtkTextTag *highlight = gtk_text_tag_table_lookup (table, "mg-highlight");
  GtkTextTag *starred_tag = gtk_text_tag_table_lookup (table, "mg-starred");
  guint length = (guint) gtk_text_buffer_get_char_count (buffer);
  guint n_tags = mg_tag_set_get_n_tags (tags);
  g_autofree guint8 *background = g_new0 (guint8, (gsize) length * n_tags);
  g_autofree guint8 *stripe = g_new0 (guint8, (gsize) length * n_tags);
  g_autofree guint8 *plain = g_new0 (guint8, length);
  g_autofree guint8 *starred = g_new0 (guint8, length);
  GtkTextIter iter;

  mg_document_view_refresh (view);
  g_assert_nonnull (highlight);
  g_assert_nonnull (starred_tag);
  for (guint i = 0; i < mg_annotation_store_get_n_annotations (store); i++)
    {
      MgAnnotation *a = mg_annotation_store_get_annotation (store, i);
      const char * const *ids = mg_annotation_get_tags (a);
      int first = -1;

      if (mg_annotation_is_orphaned (a))
        continue;
      for (guint t = 0; ids[t] != NULL; t++)
        for (guint k = 0; k < n_tags; k++)
          if (g_str_equal (mg_tag_get_id (mg_tag_set_get_tag (tags, k)), ids[t]))
            {
              for (guint o = mg_annotation_get_start (a); o < mg_annotation_get_end (a); o++)
                (first < 0 ? background : stripe)[(gsize) o * n_tags + k] = 1;
              if (first < 0)
                first = (int) k;
            }
      for (guint o = mg_annotation_get_start (a); o < mg_annotation_get_end (a); o++)
        {
          if (first < 0)
            plain[o] = 1;
          if (mg_annotation_get_starred (a))
            starred[o] = 1;
        }
    }

  gtk_text_buffer_get_start_iter (buffer, &iter);
  for (guint o = 0; o < length; o++, gtk_text_iter_forward_char (&iter))
    {
      for (guint k = 0; k < n_tags; k++)
        {
          const char *id = mg_tag_get_id (mg_tag_set_get_tag (tags, k));
          g_autofree char *wash_name = g_strconcat ("mg-tag-", id, NULL);
          g_autofree char *stripe_name = g_strconcat ("mg-tag-stripe-", id, NULL);
          GtkTextTag *wash = gtk_text_tag_table_lookup (table, wash_name);
          GtkTextTag *underline = gtk_text_tag_table_lookup (table, stripe_name);

          g_assert_nonnull (wash);
          g_assert_nonnull (underline);
          if (gtk_text_iter_has_tag (&iter, wash) != background[(gsize) o * n_tags + k])
            g_error ("offset %u: the background of “%s” is %s", o, id, background[(gsize) o * n_tags + k] ? "missing" : "left over");
          if (gtk_text_iter_has_tag (&iter, underline) != stripe[(gsize) o * n_tags + k])
            g_error ("offset %u: the stripe of “%s” is %s", o, id, stripe[(gsize) o * n_tags + k] ? "missing" : "left over");
        }
      g_assert_cmpint (gtk_text_iter_has_tag (&iter, highlight), ==, plain[o]);
      g_assert_cmpint (gtk_text_iter_has_tag (&iter, starred_tag), ==, starred[o]);
    }
}

typedef struct
{
  GtkTextTag *tag;
  guint       n;
} RemovalCount;

static void
count_removal (GtkTextBuffer     *buffer,
               GtkTextTag        *tag,
               const GtkTextIter *start,
               const GtkTextIter *end,
               gpointer           data)
{
  RemovalCount *counter = data;

  if (tag == counter->tag)
    counter->n++;
}

/* Accepting all of a kind is a change of many annotations: the view waits
 * for its end and restyles once, and what it shows matches the store after
 * the change, its undo and its redo. Taking off the colour of all the
 * figures when that is undone (no other annotation has it) is one removal
 * from the text buffer, not one for each figure. */
static void
test_suggestions_bulk_restyle (Fixture       *fixture,
                               gconstpointer  data)
{
  MgAnnotationStore *store;
  GListModel *shown;
  guint n_figures, n_slogans;

  open_fixture (fixture, "report-zh.txt");
  store = mg_window_get_store (fixture->window);
  g_assert_true (action (fixture, "win.show-suggestions", NULL));
  wait_suggestions (fixture);

  /* One annotation by hand first, starred, with two tags. */
  mg_document_view_select_range (view_of (fixture), 3, 9);
  g_assert_true (action (fixture, "win.tag-selection", g_variant_new_int32 (0)));
  g_assert_true (mg_annotation_store_toggle_tag (store, mg_annotation_store_get_annotation (store, 0), "figure", NULL));
  mg_annotation_store_set_starred (store, mg_annotation_store_get_annotation (store, 0), TRUE);
  g_assert_cmpuint (g_strv_length ((char **) mg_annotation_get_tags (mg_annotation_store_get_annotation (store, 0))), ==, 2);
  mg_gui_test_iterate ();
  shown = mg_window_get_suggestions (fixture->window);
  n_figures = mg_suggest_count_kind (shown, MG_SUGGESTION_FIGURE);
  n_slogans = mg_suggest_count_kind (shown, MG_SUGGESTION_SLOGAN);
  g_assert_cmpuint (n_figures, >, 10);
  g_assert_cmpuint (n_slogans, >, 3);
  assert_view_matches_store (fixture);

  g_assert_true (action (fixture, "win.accept-all-suggestions", g_variant_new_string ("figure")));
  g_assert_cmpuint (mg_annotation_store_get_n_annotations (store), ==, n_figures + 1);
  assert_view_matches_store (fixture);
  g_assert_true (action (fixture, "win.accept-all-suggestions", g_variant_new_string ("slogan")));
  g_assert_cmpuint (mg_annotation_store_get_n_annotations (store), ==, n_figures + n_slogans + 1);
  assert_view_matches_store (fixture);

  g_assert_true (action (fixture, "win.undo", NULL));
  g_assert_cmpuint (mg_annotation_store_get_n_annotations (store), ==, n_figures + 1);
  assert_view_matches_store (fixture);
  {
    RemovalCount counter = { gtk_text_tag_table_lookup (gtk_text_buffer_get_tag_table (buffer_of (fixture)), "mg-tag-figure"), 0 };
    gulong id = g_signal_connect (buffer_of (fixture), "remove-tag", G_CALLBACK (count_removal), &counter);

    g_assert_nonnull (counter.tag);
    g_assert_true (action (fixture, "win.undo", NULL));
    g_assert_cmpuint (mg_annotation_store_get_n_annotations (store), ==, 1);
    mg_document_view_refresh (view_of (fixture));
    g_signal_handler_disconnect (buffer_of (fixture), id);
    g_assert_cmpuint (counter.n, ==, 1);
  }
  assert_view_matches_store (fixture);
  g_assert_true (action (fixture, "win.redo", NULL));
  g_assert_cmpuint (mg_annotation_store_get_n_annotations (store), ==, n_figures + 1);
  assert_view_matches_store (fixture);

  /* Deleting a tag changes thousands of annotations in one step. */
  g_assert_true (mg_annotation_store_delete_tag (store, "figure", NULL));
  mg_gui_test_iterate ();
  assert_view_matches_store (fixture);
  g_assert_true (action (fixture, "win.undo", NULL));
  assert_view_matches_store (fixture);
}

/* The first button under @widget whose action is @action_name. */
static GtkWidget *
find_button (GtkWidget  *widget,
             const char *action_name)
{
  if (GTK_IS_BUTTON (widget) &&
      g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), action_name) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_button (child, action_name);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
test_suggestions_popover (Fixture       *fixture,
                          gconstpointer  data)
{
  MgDocumentView *view;
  GtkPopover *popover;
  MgAnnotationStore *store;
  GtkWidget *accept;

  open_fixture (fixture, "report-zh.txt");
  view = view_of (fixture);
  popover = mg_document_view_get_suggestion_popover (view);
  store = mg_window_get_store (fixture->window);
  g_assert_true (action (fixture, "win.show-suggestions", NULL));
  wait_suggestions (fixture);

  /* The caret outside any suggestion: the key offers nothing. */
  mg_document_view_select_range (view, 0, 0);
  mg_gui_test_iterate ();
  action (fixture, "win.show-suggestion-popover", NULL);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (popover)));

  /* Inside 最多跑一次: the popover offers it, and its button accepts it. */
  mg_document_view_select_range (view, 187, 187);
  mg_gui_test_iterate ();
  g_assert_true (action (fixture, "win.show-suggestion-popover", NULL));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (popover)));
  accept = find_button (GTK_WIDGET (popover), "win.accept-suggestion");
  g_assert_nonnull (accept);
  g_assert_true (g_variant_equal (gtk_actionable_get_action_target_value (GTK_ACTIONABLE (accept)),
                                  target ("slogan", 185, 190)));
  g_assert_nonnull (find_button (GTK_WIDGET (popover), "win.dismiss-suggestion"));
  /* Two slogans are shown: accepting all of them is offered. */
  g_assert_nonnull (find_button (GTK_WIDGET (popover), "win.accept-all-suggestions"));
  g_signal_emit_by_name (accept, "clicked");
  mg_gui_test_iterate ();
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (popover)));
  g_assert_cmpuint (mg_annotation_store_get_n_annotations (store), ==, 1);
  g_assert_true (mg_annotation_has_tag (mg_annotation_store_get_annotation (store, 0), "slogan"));
  g_assert_cmpuint (mg_annotation_get_start (mg_annotation_store_get_annotation (store, 0)), ==, 185);

  /* Accepted: nothing is offered there any more. */
  action (fixture, "win.show-suggestion-popover", NULL);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (popover)));

  /* Turning suggestions off takes the popover down. */
  mg_document_view_select_range (view, 58, 58);
  mg_gui_test_iterate ();
  g_assert_true (action (fixture, "win.show-suggestion-popover", NULL));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (popover)));
  g_assert_true (action (fixture, "win.show-suggestions", NULL));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (popover)));
}

static gboolean
scrollable (gpointer data)
{
  GtkAdjustment *vadjustment = data;

  return gtk_adjustment_get_page_size (vadjustment) > 0 &&
         gtk_adjustment_get_upper (vadjustment) > gtk_adjustment_get_page_size (vadjustment);
}

/* The key offers the suggestion at the caret when the view has been
 * scrolled away from it (or is still scrolling to it): the passage is
 * brought into view and the popover points at it there, never off the
 * text shown (off the screen GTK has no monitor to place it on). */
static void
test_suggestions_popover_out_of_view (Fixture       *fixture,
                                      gconstpointer  data)
{
  MgDocumentView *view;
  GtkTextView *text_view;
  GtkAdjustment *vadjustment;
  GtkPopover *popover;
  GtkTextIter iter;
  GdkRectangle visible, location, pointing;
  graphene_rect_t bounds;

  open_fixture (fixture, "report-zh.txt");
  view = view_of (fixture);
  text_view = mg_document_view_get_text_view (view);
  vadjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (text_view));
  popover = mg_document_view_get_suggestion_popover (view);
  g_assert_true (action (fixture, "win.show-suggestions", NULL));
  wait_suggestions (fixture);
  {
    g_autoptr(GPtrArray) found = mg_document_view_get_suggestions_at (view, 385);

    g_assert_cmpuint (found->len, >, 0);
  }

  /* Laid out, in a view shorter than the text. */
  g_assert_true (mg_gui_test_wait_for (scrollable, vadjustment));

  /* The caret in the last suggestion (381–391), the view at the top,
   * where that line is not shown. */
  mg_document_view_select_range (view, 385, 385);
  mg_gui_test_iterate ();
  gtk_adjustment_set_value (vadjustment, gtk_adjustment_get_lower (vadjustment));
  mg_gui_test_iterate ();
  gtk_text_buffer_get_iter_at_offset (gtk_text_view_get_buffer (text_view), &iter, 381);
  gtk_text_view_get_iter_location (text_view, &iter, &location);
  gtk_text_view_get_visible_rect (text_view, &visible);
  g_assert_cmpint (visible.height, >, 0);
  g_assert_cmpint (location.y, >=, visible.y + visible.height);

  g_assert_true (action (fixture, "win.show-suggestion-popover", NULL));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (popover)));
  /* Scrolled to it, and pointed at inside the view. */
  gtk_text_view_get_visible_rect (text_view, &visible);
  g_assert_cmpint (location.y, >=, visible.y);
  g_assert_cmpint (location.y + location.height, <=, visible.y + visible.height);
  g_assert_true (gtk_popover_get_pointing_to (popover, &pointing));
  g_assert_true (gtk_widget_compute_bounds (GTK_WIDGET (text_view), GTK_WIDGET (view), &bounds));
  g_assert_cmpint (pointing.y, >=, (int) bounds.origin.y);
  g_assert_cmpint (pointing.y + pointing.height, <=, (int) (bounds.origin.y + bounds.size.height) + 1);
  gtk_popover_popdown (popover);
  mg_gui_test_iterate ();

  /* The tag popover of a selection scrolled away from likewise. */
  mg_document_view_select_range (view, 381, 391);
  gtk_adjustment_set_value (vadjustment, gtk_adjustment_get_lower (vadjustment));
  mg_gui_test_iterate ();
  g_assert_true (mg_document_view_popup_tags (view));
  gtk_text_view_get_visible_rect (text_view, &visible);
  g_assert_cmpint (location.y, >=, visible.y);
  g_assert_cmpint (location.y + location.height, <=, visible.y + visible.height);
  gtk_popover_popdown (GTK_POPOVER (mg_document_view_get_tag_popover (view)));
  /* Xvfb's pointer rests on the text, which scrolled and was uncovered
   * under it: GTK 4.8 asks for a tooltip there after a while and, should
   * the window be closed meanwhile, looks for the pointer on a surface
   * that is gone (a critical). That while passes before the teardown. */
  mg_gui_test_wait_frames (GTK_WIDGET (text_view), 60);
}

static void
test_suggestions_navigate (Fixture       *fixture,
                           gconstpointer  data)
{
  MgDocumentView *view;
  guint start = 0, end = 0;

  open_fixture (fixture, "report-zh.txt");
  view = view_of (fixture);
  g_assert_true (action (fixture, "win.show-suggestions", NULL));
  wait_suggestions (fixture);

  /* Next from the top: 2024年 (2–7) selected, then 2024年 (33–38). */
  mg_document_view_select_range (view, 0, 0);
  g_assert_true (action (fixture, "win.next-suggestion", NULL));
  g_assert_true (mg_document_view_get_selection (view, &start, &end));
  g_assert_cmpuint (start, ==, 2);
  g_assert_cmpuint (end, ==, 7);
  g_assert_cmpuint (mg_document_view_get_cursor (view), ==, 2);
  g_assert_true (action (fixture, "win.next-suggestion", NULL));
  g_assert_true (mg_document_view_get_selection (view, &start, &end));
  g_assert_cmpuint (start, ==, 33);
  g_assert_cmpuint (end, ==, 38);

  /* Back, and round past the start to the last (381–391). */
  g_assert_true (action (fixture, "win.previous-suggestion", NULL));
  g_assert_true (mg_document_view_get_selection (view, &start, &end));
  g_assert_cmpuint (start, ==, 2);
  g_assert_true (action (fixture, "win.previous-suggestion", NULL));
  g_assert_true (mg_document_view_get_selection (view, &start, &end));
  g_assert_cmpuint (start, ==, 381);
  g_assert_cmpuint (end, ==, 391);

  /* Round past the end back to the first. */
  g_assert_true (action (fixture, "win.next-suggestion", NULL));
  g_assert_true (mg_document_view_get_selection (view, &start, &end));
  g_assert_cmpuint (start, ==, 2);

  /* The key there offers that suggestion. */
  g_assert_true (action (fixture, "win.show-suggestion-popover", NULL));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (mg_document_view_get_suggestion_popover (view))));
  gtk_popover_popdown (mg_document_view_get_suggestion_popover (view));
  mg_gui_test_iterate ();
}

static void
test_suggestions_read_only (Fixture       *fixture,
                            gconstpointer  data)
{
  static const char broken[] = "{ \"format\": \"marginalia-annotations\", \"annotations\": [";
  g_autofree char *source = g_test_build_filename (G_TEST_DIST, "data", "suggest", "report-zh.txt", NULL);
  g_autofree char *path = g_build_filename (fixture->dir, "report-zh.txt", NULL);
  g_autofree char *sidecar_path = g_strconcat (path, ".marginalia.json", NULL);
  g_autofree char *after = NULL;
  g_autoptr(GFile) from = g_file_new_for_path (source);
  g_autoptr(GError) error = NULL;
  MgDocumentView *view;

  /* Annotations that cannot be read are shown read-only. */
  fixture->speech = g_file_new_for_path (path);
  g_file_copy (from, fixture->speech, G_FILE_COPY_NONE, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_file_set_contents (sidecar_path, broken, -1, &error);
  g_assert_no_error (error);
  mg_window_open_file (fixture->window, fixture->speech);
  mg_gui_test_wait_loaded (fixture->window);
  g_assert_true (mg_sidecar_get_broken (mg_window_get_sidecar (fixture->window)));
  view = view_of (fixture);

  /* The suggestions are shown, but none can be accepted or offered (the
   * tag is there: only the file being read-only stops them). */
  g_assert_nonnull (mg_tag_set_lookup (mg_annotation_store_get_tag_set (mg_window_get_store (fixture->window)),
                                       "figure"));
  g_assert_true (action (fixture, "win.show-suggestions", NULL));
  wait_suggestions (fixture);
  g_assert_true (has_suggestion (fixture, "figure", 58));
  action (fixture, "win.accept-suggestion", target ("figure", 58, 62));
  action (fixture, "win.accept-all-suggestions", g_variant_new_string ("figure"));
  g_assert_cmpuint (mg_annotation_store_get_n_annotations (mg_window_get_store (fixture->window)), ==, 0);
  mg_document_view_select_range (view, 59, 59);
  mg_gui_test_iterate ();
  action (fixture, "win.show-suggestion-popover", NULL);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (mg_document_view_get_suggestion_popover (view))));

  /* And the unreadable file is left as it was. */
  g_file_get_contents (sidecar_path, &after, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (after, ==, broken);
}

static void
test_suggestions_other_document (Fixture       *fixture,
                                 gconstpointer  data)
{
  guint start;

  /* On from an earlier session (F7 does nothing in the empty window):
   * the first speech gets them. */
  g_settings_set_boolean (fixture->settings, "show-suggestions", TRUE);
  open_fixture (fixture, "report-zh.txt");
  wait_suggestions (fixture);
  g_assert_true (has_suggestion (fixture, "figure", 58));

  /* Another speech in the same window: found again for it. */
  g_assert_true (action (fixture, "win.dismiss-suggestion", target ("figure", 58, 62)));
  open_fixture (fixture, "speech-en.txt");
  wait_suggestions (fixture);
  start = offset_of (fixture, "$48.2 million");
  g_assert_true (has_suggestion (fixture, "figure", start));
  g_assert_false (has_suggestion (fixture, "figure", start - 1));
  g_assert_cmpuint (g_list_model_get_n_items (mg_window_get_suggestions (fixture->window)), ==,
                    count_ranges (fixture, "figure") + count_ranges (fixture, "slogan") +
                    count_ranges (fixture, "policy-goal"));
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *data_home = NULL;
  int ret;

  app = mg_gui_test_init (&argc, &argv, &data_home);

#define ADD(path, func) \
  g_test_add ("/window-suggestions/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("toggle", test_suggestions_toggle);
  ADD ("accept", test_suggestions_accept);
  ADD ("bulk-restyle", test_suggestions_bulk_restyle);
  ADD ("popover", test_suggestions_popover);
  ADD ("popover-out-of-view", test_suggestions_popover_out_of_view);
  ADD ("navigate", test_suggestions_navigate);
  ADD ("read-only", test_suggestions_read_only);
  ADD ("other-document", test_suggestions_other_document);
  ADD ("dismiss-kept", test_suggestions_dismiss_kept);
#undef ADD

  ret = g_test_run ();
  mg_gui_test_finish (g_steal_pointer (&app), data_home);
  return ret;
}
