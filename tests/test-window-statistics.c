/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Marginalia"
#include "config.h"

#include <adwaita.h>

#include "gui-test-util.h"
#include "mg-document-view.h"
#include "mg-window-statistics.h"
#include "widget-texture.h"

/* The Statistics view driven through the window: win.statistics opens it
 * on the speech's annotations, it follows their changes, a click on the
 * strip selects an annotation in the window, and it draws in the light
 * and the dark style. */

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
  fixture->dir = mg_gui_test_make_dir ("marginalia-gui");
  fixture->window = mg_gui_test_open_window (app, 0, 0);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_DEFAULT);
  mg_gui_test_close_window (fixture->window);
  mg_gui_test_remove_dir (fixture->dir);
  g_free (fixture->dir);
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

static guint
offset_of (Fixture    *fixture,
           const char *needle)
{
  MgDocument *document = mg_annotation_store_get_document (mg_window_get_store (fixture->window));
  const char *text = mg_document_get_text (document);
  const char *found = strstr (text, needle);

  g_assert_nonnull (found);
  return (guint) g_utf8_pointer_to_offset (text, found);
}

/* Tags @needle with the tag at @position (keys 1–9) through the window. */
static MgAnnotation *
tag (Fixture    *fixture,
     const char *needle,
     int         position)
{
  guint start = offset_of (fixture, needle);

  mg_document_view_select_range (MG_DOCUMENT_VIEW (mg_window_get_document_view (fixture->window)),
                                 start, start + g_utf8_strlen (needle, -1));
  mg_gui_test_iterate ();
  g_assert_true (action (fixture, "win.tag-selection", g_variant_new_int32 (position)));
  return mg_window_get_selected (fixture->window);
}

static void
open_speech (Fixture *fixture)
{
  g_autoptr(GFile) speech = mg_gui_test_copy_fixture (fixture->dir, "gui-speech-zh.txt");

  mg_window_open_file (fixture->window, speech);
  mg_gui_test_wait_loaded (fixture->window);
  g_assert_true (mg_window_has_document (fixture->window));
}

typedef struct
{
  MgStatisticsWindow *statistics;
  guint               n_items;
} Counted;

/* Whether the window shows statistics of n_items annotations. */
static gboolean
counts (gpointer data)
{
  Counted *counted = data;
  MgStatistics *stats = mg_statistics_window_get_statistics (counted->statistics);

  return stats != NULL && mg_statistics_get_n_items (stats) == counted->n_items;
}

static MgStatisticsWindow *
open_statistics (Fixture *fixture)
{
  MgStatisticsWindow *statistics;

  g_assert_true (action (fixture, "win.statistics", NULL));
  statistics = mg_window_get_statistics_window (fixture->window);
  g_assert_nonnull (statistics);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (statistics)));
  /* Laid out, so that the charts have their sizes. */
  mg_gui_test_wait_frames (GTK_WIDGET (statistics), 2);
  return statistics;
}

static void
test_statistics_counts (Fixture       *fixture,
                        gconstpointer  data)
{
  MgStatisticsWindow *statistics;
  MgStatisticsChart *tags_chart, *members_chart, *strip_chart;
  MgStatistics *stats;
  MgAnnotation *slogan;
  MgTagSet *tag_set;
  const char *figure_id;
  const char *slogan_id;

  /* Nothing open: nothing to count. */
  action (fixture, "win.statistics", NULL);
  g_assert_null (mg_window_get_statistics_window (fixture->window));
  open_speech (fixture);
  tag_set = mg_annotation_store_get_tag_set (mg_window_get_store (fixture->window));
  figure_id = mg_tag_get_id (mg_tag_set_get_tag (tag_set, 1));
  slogan_id = mg_tag_get_id (mg_tag_set_get_tag (tag_set, 2));

  tag (fixture, "百分之六点五", 1);
  tag (fixture, "一百二十个", 1);
  slogan = tag (fixture, "项目为王", 2);
  g_assert_nonnull (slogan);

  statistics = open_statistics (fixture);
  stats = mg_statistics_window_get_statistics (statistics);
  g_assert_nonnull (stats);
  g_assert_cmpuint (mg_statistics_get_n_items (stats), ==, 3);
  g_assert_cmpuint (mg_statistics_get_row (stats, mg_statistics_find_tag_row (stats, figure_id))->count, ==, 2);
  g_assert_cmpuint (mg_statistics_get_row (stats, mg_statistics_find_tag_row (stats, slogan_id))->count, ==, 1);
  g_assert_cmpuint (mg_statistics_get_n_members (stats), ==, 1);
  g_assert_cmpuint (mg_statistics_get_member (stats, 0)->count, ==, 3);

  /* Every chart shows these statistics. */
  tags_chart = mg_statistics_window_get_chart (statistics, MG_STATISTICS_CHART_TAGS);
  members_chart = mg_statistics_window_get_chart (statistics, MG_STATISTICS_CHART_MEMBERS);
  strip_chart = mg_statistics_window_get_chart (statistics, MG_STATISTICS_CHART_STRIP);
  g_assert_true (mg_statistics_chart_get_statistics (tags_chart) == stats);
  g_assert_true (mg_statistics_chart_get_statistics (members_chart) == stats);
  g_assert_true (mg_statistics_chart_get_statistics (strip_chart) == stats);
  /* A bar per tag (three built in), per member, a strip per tag used. */
  g_assert_cmpuint (mg_statistics_chart_get_n_bars (tags_chart), ==, 3);
  g_assert_cmpuint (mg_statistics_chart_get_n_bars (members_chart), ==, 1);
  g_assert_cmpuint (mg_statistics_chart_get_n_bars (strip_chart), ==, 2);
  g_assert_cmpint (gtk_widget_get_height (GTK_WIDGET (tags_chart)), >, 0);

  /* A new annotation shows after a moment; deleting it takes it away. */
  tag (fixture, "三年大变样", 2);
  g_assert_true (mg_gui_test_wait_for (counts, &(Counted) { statistics, 4 }));
  stats = mg_statistics_window_get_statistics (statistics);
  g_assert_cmpuint (mg_statistics_get_n_items (stats), ==, 4);
  g_assert_cmpuint (mg_statistics_get_row (stats, mg_statistics_find_tag_row (stats, slogan_id))->count, ==, 2);
  g_assert_true (mg_statistics_chart_get_statistics (tags_chart) == stats);
  g_assert_true (action (fixture, "win.undo", NULL));
  g_assert_true (mg_gui_test_wait_for (counts, &(Counted) { statistics, 3 }));
  stats = mg_statistics_window_get_statistics (statistics);
  g_assert_cmpuint (mg_statistics_get_n_items (stats), ==, 3);

  /* Escape closes it. */
  gtk_widget_activate_action (GTK_WIDGET (statistics), "window.close", NULL);
  mg_gui_test_iterate ();
  g_assert_null (mg_window_get_statistics_window (fixture->window));
}

/* A click on the strip where an annotation is selects it in the window. */
static void
test_statistics_jump (Fixture       *fixture,
                      gconstpointer  data)
{
  MgStatisticsWindow *statistics;
  MgStatisticsChart *strip;
  MgStatistics *stats;
  MgAnnotation *slogan;
  const MgStatisticsMark *mark;
  graphene_rect_t area;
  guint speech = 99;
  double x;

  open_speech (fixture);
  tag (fixture, "百分之六点五", 1);
  slogan = tag (fixture, "三年大变样", 2);
  tag (fixture, "五万个", 1);
  statistics = open_statistics (fixture);
  stats = mg_statistics_window_get_statistics (statistics);
  strip = mg_statistics_window_get_chart (statistics, MG_STATISTICS_CHART_STRIP);

  /* Strips in row order: figure, then slogan. */
  g_assert_cmpuint (mg_statistics_chart_get_n_bars (strip), ==, 2);
  g_assert_false (mg_statistics_chart_get_bar_area (strip, 2, &area));
  g_assert_true (mg_statistics_chart_get_bar_area (strip, 1, &area));
  g_assert_cmpfloat (area.size.width, >, 50);
  x = area.origin.x + area.size.width * (mg_annotation_get_start (slogan) + 1)
                      / mg_statistics_get_speech (stats, 0)->length;
  mark = mg_statistics_chart_mark_at (strip, x, area.origin.y + area.size.height / 2, &speech);
  g_assert_nonnull (mark);
  g_assert_cmpuint (speech, ==, 0);
  g_assert_cmpstr (mark->annotation_id, ==, mg_annotation_get_id (slogan));
  /* Far from any slogan: nothing. */
  g_assert_null (mg_statistics_chart_mark_at (strip, area.origin.x + 1, area.origin.y + 2, NULL));
  /* The labels are not the strip. */
  g_assert_null (mg_statistics_chart_mark_at (strip, 1, area.origin.y + 2, NULL));

  g_assert_false (mg_window_get_selected (fixture->window) == slogan);
  g_signal_emit_by_name (strip, "mark-activated", speech, mark->annotation_id);
  mg_gui_test_iterate ();
  g_assert_true (mg_window_get_selected (fixture->window) == slogan);
}

/* The chart rendered: the pixel at the middle of @bar's filled start,
 * and whether any pixel of the label column is light. */
static void
render_chart (MgStatisticsChart *chart,
              guint              bar,
              guint8             rgb[3],
              gboolean          *light_label,
              gboolean          *dark_label)
{
  GtkWidget *widget = GTK_WIDGET (chart);
  g_autoptr(GdkTexture) texture = NULL;
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  g_autofree guchar *pixels = NULL;
  graphene_rect_t area;
  gsize stride = 4 * (gsize) width;
  int px, py;

  g_assert_true (mg_statistics_chart_get_bar_area (chart, bar, &area));
  texture = widget_texture (widget);
  g_assert_nonnull (texture);
  pixels = g_malloc (stride * height);
  gdk_texture_download (texture, pixels, stride);

  /* Memory order B, G, R, A (CAIRO_FORMAT_ARGB32 on little endian). */
  px = (int) (area.origin.x + 4);
  py = (int) (area.origin.y + area.size.height / 2);
  rgb[0] = pixels[py * stride + 4 * px + 2];
  rgb[1] = pixels[py * stride + 4 * px + 1];
  rgb[2] = pixels[py * stride + 4 * px + 0];

  *light_label = *dark_label = FALSE;
  for (int y = (int) area.origin.y - 4; y < area.origin.y + area.size.height + 4; y++)
    for (int x = 0; x < area.origin.x - 4; x++)
      {
        const guchar *p = pixels + y * stride + 4 * x;

        if (p[3] < 200)
          continue;
        if (p[0] > 200 && p[1] > 200 && p[2] > 200)
          *light_label = TRUE;
        if (p[0] < 80 && p[1] < 80 && p[2] < 80)
          *dark_label = TRUE;
      }
}

/* Bars in the tag's colour in both styles; labels in the style's text
 * colour: dark on light, light on dark. */
static void
test_statistics_dark (Fixture       *fixture,
                      gconstpointer  data)
{
  AdwStyleManager *style = adw_style_manager_get_default ();
  MgStatisticsWindow *statistics;
  MgStatisticsChart *chart;
  MgTag *policy;
  GdkRGBA expected;
  guint8 rgb[3];
  gboolean light_label, dark_label;

  open_speech (fixture);
  tag (fixture, "新开工重大项目", 0);
  policy = mg_tag_set_get_tag (mg_annotation_store_get_tag_set (mg_window_get_store (fixture->window)), 0);
  g_assert_true (gdk_rgba_parse (&expected, mg_tag_get_color (policy)));
  statistics = open_statistics (fixture);
  chart = mg_statistics_window_get_chart (statistics, MG_STATISTICS_CHART_TAGS);

  for (int dark = 0; dark <= 1; dark++)
    {
      adw_style_manager_set_color_scheme (style, dark ? ADW_COLOR_SCHEME_FORCE_DARK
                                                      : ADW_COLOR_SCHEME_FORCE_LIGHT);
      mg_gui_test_wait_frames (GTK_WIDGET (chart), 2);
      g_assert_true (adw_style_manager_get_dark (style) == dark);
      render_chart (chart, 0, rgb, &light_label, &dark_label);
      g_assert_cmpint (ABS (rgb[0] - (int) (expected.red * 255)), <=, 2);
      g_assert_cmpint (ABS (rgb[1] - (int) (expected.green * 255)), <=, 2);
      g_assert_cmpint (ABS (rgb[2] - (int) (expected.blue * 255)), <=, 2);
      g_assert_true (dark ? light_label : dark_label);
      g_assert_false (dark ? dark_label : light_label);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *data_home = NULL;
  int ret;

  app = mg_gui_test_init (&argc, &argv, &data_home);

#define ADD(path, func) \
  g_test_add ("/window-statistics/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("counts", test_statistics_counts);
  ADD ("jump", test_statistics_jump);
  ADD ("dark", test_statistics_dark);
#undef ADD

  ret = g_test_run ();
  mg_gui_test_finish (g_steal_pointer (&app), data_home);
  return ret;
}
