/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Marginalia"
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <sys/resource.h>
#include <unistd.h>

#include "gui-test-util.h"
#include "mg-document-view.h"
#include "mg-window-compare.h"
#include "mg-window-statistics.h"

/* Compare Speeches driven through the window: win.compare offers the open
 * speech, another is opened from the comparison window, the rows show
 * what `marginalia-cli compare` reports and the slogans kept, the report
 * exported is the command's with the slogans kept, and each place goes to
 * its speech. */

static MgApplication *app;

static const char old_speech[] =
  "去年全市地区生产总值增长6.5%，城镇新增就业1.1万人。坚持“项目为王”。\n\n"
  "今年的主要目标：城镇新增就业1.2万人以上。\n\n"
  "坚持“绿水青山就是金山银山”。\n";
static const char new_speech[] =
  "去年全市地区生产总值增长5.8%，城镇新增就业1.1万人。坚持“亩均论英雄”。\n\n"
  "今年的主要目标：城镇新增就业1.3万人以上，居民收入增长6%。\n\n"
  "我们坚持“绿水青山就是金山银山”。\n";
static const char kept_slogan[] = "绿水青山就是金山银山";

typedef struct
{
  char     *dir;
  GFile    *old_file;
  GFile    *new_file;
  MgWindow *window;
} Fixture;

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

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->dir = mg_gui_test_make_dir ("marginalia-gui");
  fixture->old_file = write_speech (fixture->dir, "old.txt", old_speech);
  fixture->new_file = write_speech (fixture->dir, "new.txt", new_speech);
  fixture->window = mg_gui_test_open_window (app, 0, 0);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  /* A copy: destroying a window takes it out of the application's own
   * list, which must not be walked while it changes. */
  g_autoptr(GList) windows = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (app)));

  for (GList *l = windows; l != NULL; l = l->next)
    if (l->data != fixture->window)
      gtk_window_destroy (l->data);
  mg_gui_test_close_window (fixture->window);
  g_clear_object (&fixture->old_file);
  g_clear_object (&fixture->new_file);
  mg_gui_test_remove_dir (fixture->dir);
  g_free (fixture->dir);
}

static gboolean
action (GtkWidget  *widget,
        const char *name,
        GVariant   *parameter)
{
  gboolean found = gtk_widget_activate_action_variant (widget, name, parameter);

  mg_gui_test_iterate ();
  return found;
}

static MgCompareWindow *
open_comparison (Fixture *fixture)
{
  MgCompareWindow *compare;

  mg_window_open_file (fixture->window, fixture->new_file);
  mg_gui_test_wait_loaded (fixture->window);
  g_assert_true (mg_window_has_document (fixture->window));

  /* A figure tagged in the later speech: its count shows. */
  {
    MgAnnotationStore *store = mg_window_get_store (fixture->window);
    const char *tags[] = { "figure", NULL };
    g_autoptr(GError) error = NULL;

    g_assert_nonnull (mg_annotation_store_create (store, 12, 16, tags, NULL, FALSE, "Li", &error));
    g_assert_no_error (error);
  }

  g_assert_true (action (GTK_WIDGET (fixture->window), "win.compare", NULL));
  compare = mg_window_get_compare_window (fixture->window);
  g_assert_nonnull (compare);
  /* One speech only: nothing compared yet. */
  g_assert_null (mg_compare_window_get_comparison (compare));

  mg_compare_window_open_speech (compare, fixture->old_file);
  while (mg_compare_window_is_loading (compare))
    g_main_context_iteration (NULL, TRUE);
  mg_gui_test_iterate ();
  g_assert_nonnull (mg_compare_window_get_comparison (compare));
  return compare;
}

/* Whether a label under @root reads @text. */
static gboolean
has_label (GtkWidget  *root,
           const char *text)
{
  if (GTK_IS_LABEL (root) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (root)), text) == 0)
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (has_label (child, text))
      return TRUE;
  return FALSE;
}

static char *
run_cli_compare (Fixture    *fixture,
                 const char *format)
{
  const char *cli = g_getenv ("MG_CLI");
  const char *argv[] = { cli, "compare", g_file_peek_path (fixture->old_file),
                         g_file_peek_path (fixture->new_file), "--format", format, NULL };
  g_autoptr(GError) error = NULL;
  char *out = NULL;
  int status = 0;

  g_assert_nonnull (cli);
  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return out;
}

static void
test_compare_rows (Fixture       *fixture,
                   gconstpointer  data)
{
  MgCompareWindow *compare = open_comparison (fixture);
  MgComparison *comparison = mg_compare_window_get_comparison (compare);
  GPtrArray *changes = mg_comparison_get_changes (comparison);
  GtkWidget *row;
  gboolean changed_figure = FALSE;

  /* Slogans new and dropped, a figure changed, one new. */
  g_assert_cmpuint (changes->len, >=, 4);
  for (guint i = 0; i < changes->len; i++)
    {
      const MgChange *change = g_ptr_array_index (changes, i);
      g_autofree char *title = NULL;

      if (change->change == MG_CHANGE_CHANGED)
        title = g_strdup_printf ("%s → %s", change->old_quote, change->new_quote);
      else
        title = g_strdup (change->new_quote != NULL ? change->new_quote : change->old_quote);
      row = mg_gui_test_find_widget (GTK_WIDGET (compare), ADW_TYPE_ACTION_ROW, title);
      g_assert_nonnull (row);
      g_assert_true (gtk_widget_is_visible (row));
      changed_figure |= change->change == MG_CHANGE_CHANGED && g_str_equal (change->old_quote, "6.5%");
    }
  g_assert_true (changed_figure);
  g_assert_nonnull (mg_gui_test_find_widget (GTK_WIDGET (compare), ADW_TYPE_ACTION_ROW, "项目为王"));
  g_assert_nonnull (mg_gui_test_find_widget (GTK_WIDGET (compare), ADW_TYPE_ACTION_ROW, "亩均论英雄"));

  /* Counts per tag: none in the earlier, one figure in the later. */
  row = mg_gui_test_find_widget (GTK_WIDGET (compare), ADW_TYPE_ACTION_ROW, "Figure");
  g_assert_nonnull (row);
  g_assert_true (has_label (row, "0 → 1"));
  {
    guint old_count = 9, new_count = 9;

    for (guint i = 0; i < mg_comparison_get_n_tags (comparison); i++)
      if (g_str_equal (mg_comparison_get_tag (comparison, i, &old_count, &new_count), "figure"))
        break;
    g_assert_cmpuint (old_count, ==, 0);
    g_assert_cmpuint (new_count, ==, 1);
  }

  /* The same speeches swapped: the new slogan is dropped. */
  mg_compare_window_set_pair (compare, 0, 1);
  mg_gui_test_iterate ();
  changes = mg_comparison_get_changes (mg_compare_window_get_comparison (compare));
  for (guint i = 0; i < changes->len; i++)
    {
      const MgChange *change = g_ptr_array_index (changes, i);

      if (change->kind == MG_SUGGESTION_SLOGAN && g_strcmp0 (change->old_quote, "亩均论英雄") == 0)
        g_assert_cmpint (change->change, ==, MG_CHANGE_DROPPED);
    }
  /* One speech against itself: nothing to show. */
  mg_compare_window_set_pair (compare, 0, 0);
  g_assert_null (mg_compare_window_get_comparison (compare));
  {
    g_autofree char *path = g_build_filename (fixture->dir, "none.md", NULL);
    g_autoptr(GFile) file = g_file_new_for_path (path);
    g_autoptr(GError) error = NULL;

    g_assert_false (mg_compare_window_export (compare, file, MG_COMPARISON_MARKDOWN, &error));
    g_assert_nonnull (error);
    g_assert_false (g_file_query_exists (file, NULL));
  }
}

/* The report exported is the command line's, in both formats, with one
 * section more: the slogans kept. It is written as `export -o` writes: a
 * symbolic link stays a link to the file replaced, whose mode is kept. */
static void
test_compare_export (Fixture       *fixture,
                     gconstpointer  data)
{
  MgCompareWindow *compare = open_comparison (fixture);
  const char *formats[] = { "md", "html" };

  for (guint f = 0; f < G_N_ELEMENTS (formats); f++)
    {
      g_autofree char *name = g_strconcat ("report.", formats[f], NULL);
      g_autofree char *path = g_build_filename (fixture->dir, name, NULL);
      g_autoptr(GFile) file = g_file_new_for_path (path);
      g_autoptr(GError) error = NULL;
      g_autofree char *written = NULL;
      g_autofree char *expected = NULL;
      g_autofree char *kept = g_build_filename (fixture->dir, "kept.html", NULL);
      GStatBuf st;

      if (f == 1)
        {
          /* An old report behind a link, readable by its owner alone. */
          g_file_set_contents (kept, "old report", -1, &error);
          g_assert_no_error (error);
          g_assert_cmpint (g_chmod (kept, 0600), ==, 0);
          g_assert_cmpint (symlink ("kept.html", path), ==, 0);
          /* A full disk (a file size limit here): the export fails and
           * the old report is whole. */
          {
            struct rlimit saved, limit = { 16, 16 };
            g_autofree char *old = NULL;
            gboolean exported;

            g_assert_true (mg_window_save (fixture->window, &error));
            g_assert_no_error (error);
            signal (SIGXFSZ, SIG_IGN);
            g_assert_cmpint (getrlimit (RLIMIT_FSIZE, &saved), ==, 0);
            limit.rlim_max = saved.rlim_max;
            g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &limit), ==, 0);
            exported = mg_compare_window_export (compare, file, MG_COMPARISON_HTML, &error);
            g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &saved), ==, 0);
            g_assert_false (exported);
            g_assert_nonnull (error);
            g_clear_error (&error);
            g_assert_true (g_file_get_contents (kept, &old, NULL, NULL));
            g_assert_cmpstr (old, ==, "old report");
          }
        }
      /* Its counts need the annotation on disk, as the command reads it. */
      g_assert_true (mg_window_save (fixture->window, &error));
      g_assert_no_error (error);
      g_assert_true (mg_compare_window_export (compare, file,
                                               f == 0 ? MG_COMPARISON_MARKDOWN : MG_COMPARISON_HTML,
                                               &error));
      g_assert_no_error (error);
      g_assert_true (g_file_get_contents (path, &written, NULL, NULL));
      expected = run_cli_compare (fixture, formats[f]);
      g_assert_null (strstr (expected, kept_slogan));
      {
        const char *section = f == 0 ? "### Kept (1)\n\n" : "<h3>Kept (1)</h3>\n";
        const char *end = f == 0 ? "## Figures\n" : "<h2>Figures</h2>\n";
        const char *from = strstr (written, section);
        const char *to = from != NULL ? strstr (from, end) : NULL;
        g_autoptr(GString) without = g_string_new (written);

        g_assert_nonnull (to);
        g_assert_nonnull (g_strstr_len (from, to - from, kept_slogan));
        g_string_erase (without, from - written, to - from);
        g_assert_cmpstr (without->str, ==, expected);
      }
      g_assert_nonnull (strstr (written, "6.5%"));
      if (f == 1)
        {
          g_assert_true (g_file_test (path, G_FILE_TEST_IS_SYMLINK));
          g_assert_cmpint (g_stat (kept, &st), ==, 0);
          g_assert_cmpint (st.st_mode & 0777, ==, 0600);
        }
    }
}

/* A place in the open speech is selected there; one in the other speech
 * opens it in a window of its own at that place. */
static void
test_compare_places (Fixture       *fixture,
                     gconstpointer  data)
{
  MgCompareWindow *compare = open_comparison (fixture);
  GPtrArray *changes = mg_comparison_get_changes (mg_compare_window_get_comparison (compare));
  const MgChange *figure = NULL;
  MgDocumentView *view = MG_DOCUMENT_VIEW (mg_window_get_document_view (fixture->window));
  MgWindow *other = NULL;
  guint start, end;

  for (guint i = 0; i < changes->len; i++)
    {
      const MgChange *change = g_ptr_array_index (changes, i);

      if (change->change == MG_CHANGE_CHANGED)
        figure = change;
    }
  g_assert_nonnull (figure);
  g_assert_cmpuint (figure->new_end, >, figure->new_start);

  /* The later speech is the open one. */
  g_assert_true (action (GTK_WIDGET (compare), "compare.show",
                         g_variant_new ("(uuu)", 1, figure->new_start, figure->new_end)));
  g_assert_true (mg_document_view_get_selection (view, &start, &end));
  g_assert_cmpuint (start, ==, figure->new_start);
  g_assert_cmpuint (end, ==, figure->new_end);

  /* The earlier one opens beside it. */
  g_assert_true (action (GTK_WIDGET (compare), "compare.show",
                         g_variant_new ("(uuu)", 0, figure->old_start, figure->old_end)));
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (app)); l != NULL; l = l->next)
    if (MG_IS_WINDOW (l->data) && l->data != fixture->window)
      other = l->data;
  g_assert_nonnull (other);
  mg_gui_test_wait_loaded (other);
  mg_gui_test_iterate ();
  g_assert_true (g_file_equal (mg_window_get_file (other), fixture->old_file));
  g_assert_true (mg_document_view_get_selection (MG_DOCUMENT_VIEW (mg_window_get_document_view (other)),
                                                 &start, &end));
  g_assert_cmpuint (start, ==, figure->old_start);
  g_assert_cmpuint (end, ==, figure->old_end);
  {
    const char *text = mg_document_get_text (mg_annotation_store_get_document (mg_window_get_store (other)));
    g_autofree char *quote = g_utf8_substring (text, start, end);

    g_assert_cmpstr (quote, ==, figure->old_quote);
  }
}

/* The button of @row that reads @label. */
static GtkWidget *
find_button (GtkWidget  *root,
             const char *label)
{
  if (GTK_IS_BUTTON (root) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (root)), label) == 0)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_button (child, label);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* A slogan of both speeches has a row of its own, under "Slogans and
 * Formulas Kept", whose buttons show it in either speech. */
static void
test_compare_kept (Fixture       *fixture,
                   gconstpointer  data)
{
  MgCompareWindow *compare = open_comparison (fixture);
  GPtrArray *changes = mg_comparison_get_changes (mg_compare_window_get_comparison (compare));
  MgDocumentView *view = MG_DOCUMENT_VIEW (mg_window_get_document_view (fixture->window));
  const MgChange *kept = NULL;
  GtkWidget *row, *group, *button;
  MgWindow *other = NULL;
  guint start, end;

  for (guint i = 0; i < changes->len; i++)
    {
      const MgChange *change = g_ptr_array_index (changes, i);

      if (change->change == MG_CHANGE_KEPT)
        {
          g_assert_null (kept);
          kept = change;
        }
    }
  g_assert_nonnull (kept);
  g_assert_cmpstr (kept->new_quote, ==, kept_slogan);
  g_assert_cmpuint (kept->old_paragraph, ==, 3);
  g_assert_cmpuint (kept->new_paragraph, ==, 3);

  row = mg_gui_test_find_widget (GTK_WIDGET (compare), ADW_TYPE_ACTION_ROW, kept_slogan);
  g_assert_nonnull (row);
  g_assert_true (gtk_widget_is_visible (row));
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==, "Kept");
  group = gtk_widget_get_ancestor (row, ADW_TYPE_PREFERENCES_GROUP);
  g_assert_cmpstr (adw_preferences_group_get_title (ADW_PREFERENCES_GROUP (group)), ==,
                   "Slogans and Formulas Kept");
  g_assert_null (mg_gui_test_find_widget (group, ADW_TYPE_ACTION_ROW,
                                          "No slogan or formula is in both speeches"));

  /* The later speech is the open one: its place is selected there. */
  button = find_button (row, "Later ¶3");
  g_assert_nonnull (button);
  g_signal_emit_by_name (button, "clicked");
  mg_gui_test_iterate ();
  g_assert_true (mg_document_view_get_selection (view, &start, &end));
  g_assert_cmpuint (start, ==, kept->new_start);
  g_assert_cmpuint (end, ==, kept->new_end);

  /* The earlier one opens beside it, at its place. */
  button = find_button (row, "Earlier ¶3");
  g_assert_nonnull (button);
  g_signal_emit_by_name (button, "clicked");
  mg_gui_test_iterate ();
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (app)); l != NULL; l = l->next)
    if (MG_IS_WINDOW (l->data) && l->data != fixture->window)
      other = l->data;
  g_assert_nonnull (other);
  mg_gui_test_wait_loaded (other);
  mg_gui_test_iterate ();
  g_assert_true (g_file_equal (mg_window_get_file (other), fixture->old_file));
  g_assert_true (mg_document_view_get_selection (MG_DOCUMENT_VIEW (mg_window_get_document_view (other)),
                                                 &start, &end));
  {
    const char *text = mg_document_get_text (mg_annotation_store_get_document (mg_window_get_store (other)));
    g_autofree char *quote = g_utf8_substring (text, start, end);

    g_assert_cmpstr (quote, ==, kept_slogan);
  }
  g_assert_cmpuint (start, ==, kept->old_start);
  g_assert_cmpuint (end, ==, kept->old_end);
}

/* A study of the two speeches: Compare offers its speeches, the one shown
 * as the later; Statistics counts the speech shown or the whole study,
 * and a mark of the other speech shows that speech. */
static void
test_study (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(GFile) folder = g_file_new_for_path (fixture->dir);
  const char *tags[] = { "slogan", NULL };
  MgCollection *collection;
  MgCollectionSpeech *earlier = NULL, *later = NULL;
  MgAnnotation *slogan;
  MgCompareWindow *compare;
  MgStatisticsWindow *statistics;
  MgStatistics *stats;
  g_autoptr(GError) error = NULL;

  mg_window_open_folder (fixture->window, folder);
  mg_gui_test_wait_loaded (fixture->window);
  collection = mg_window_get_collection (fixture->window);
  g_assert_nonnull (collection);
  g_assert_cmpuint (mg_collection_get_n_speeches (collection), ==, 2);
  /* By name: new.txt, then old.txt. */
  later = mg_collection_get_speech (collection, 0);
  earlier = mg_collection_get_speech (collection, 1);
  g_assert_true (g_file_equal (mg_collection_speech_get_file (earlier), fixture->old_file));
  mg_window_show_speech (fixture->window, later);
  mg_gui_test_iterate ();
  slogan = mg_annotation_store_create (mg_collection_speech_get_store (earlier), 32, 36, tags, NULL,
                                       FALSE, "Li", &error);
  g_assert_no_error (error);
  g_assert_nonnull (slogan);
  g_assert_nonnull (mg_annotation_store_create (mg_collection_speech_get_store (later), 12, 16, tags,
                                                NULL, FALSE, "Wang", &error));
  g_assert_no_error (error);

  g_assert_true (action (GTK_WIDGET (fixture->window), "win.compare", NULL));
  compare = mg_window_get_compare_window (fixture->window);
  g_assert_nonnull (compare);
  g_assert_nonnull (mg_compare_window_get_comparison (compare));
  g_assert_nonnull (mg_gui_test_find_widget (GTK_WIDGET (compare), ADW_TYPE_ACTION_ROW, "6.5% → 5.8%"));
  gtk_window_destroy (GTK_WINDOW (compare));
  mg_gui_test_iterate ();

  g_assert_true (action (GTK_WIDGET (fixture->window), "win.statistics", NULL));
  statistics = mg_window_get_statistics_window (fixture->window);
  g_assert_nonnull (statistics);
  stats = mg_statistics_window_get_statistics (statistics);
  g_assert_cmpuint (mg_statistics_get_n_speeches (stats), ==, 1);
  g_assert_cmpuint (mg_statistics_get_n_items (stats), ==, 1);
  g_assert_cmpuint (mg_statistics_get_n_members (stats), ==, 1);
  g_assert_cmpstr (mg_statistics_get_member (stats, 0)->author, ==, "Wang");

  mg_statistics_window_set_whole_study (statistics, TRUE);
  stats = mg_statistics_window_get_statistics (statistics);
  g_assert_cmpuint (mg_statistics_get_n_speeches (stats), ==, 2);
  g_assert_cmpuint (mg_statistics_get_n_items (stats), ==, 2);
  g_assert_cmpuint (mg_statistics_get_n_members (stats), ==, 2);
  /* Two speeches, a slogan strip each. */
  g_assert_cmpuint (mg_statistics_chart_get_n_bars (mg_statistics_window_get_chart (statistics,
                                                                                   MG_STATISTICS_CHART_STRIP)), ==, 2);

  /* The earlier speech's mark: that speech is shown, its slogan selected. */
  g_signal_emit_by_name (mg_statistics_window_get_chart (statistics, MG_STATISTICS_CHART_STRIP),
                         "mark-activated", 1, mg_annotation_get_id (slogan));
  mg_gui_test_iterate ();
  g_assert_true (mg_window_get_speech (fixture->window) == earlier);
  g_assert_true (mg_window_get_selected (fixture->window) == slogan);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *data_home = NULL;
  int ret;

  app = mg_gui_test_init (&argc, &argv, &data_home);

#define ADD(path, func) \
  g_test_add ("/window-compare/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("rows", test_compare_rows);
  ADD ("export", test_compare_export);
  ADD ("places", test_compare_places);
  ADD ("kept", test_compare_kept);
  ADD ("study", test_study);
#undef ADD

  ret = g_test_run ();
  mg_gui_test_finish (g_steal_pointer (&app), data_home);
  return ret;
}
