/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Marginalia"
#include "config.h"

#include <adwaita.h>

#include "gui-test-util.h"
#include "mg-export-dialog.h"
#include "mg-study-sidebar.h"
#include "mg-window.h"
#include "mg-window-recent.h"
#include "study-fixture.h"

/* A study in the window: a folder of speeches (tests/data/study with the
 * sidecars of study-fixture.h) opened, switched through, searched and
 * exported through the window's actions and the sidebar's widgets. */

static MgApplication *app;

typedef struct
{
  char     *tmp;
  char     *dir;
  GFile    *folder;
  MgWindow *window;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->tmp = mg_gui_test_make_dir ("marginalia-gui-study");
  f->dir = study_fixture_make (f->tmp);
  f->folder = g_file_new_for_path (f->dir);
  f->window = mg_gui_test_open_window (app, 0, 0);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  mg_gui_test_close_window (f->window);
  g_clear_object (&f->folder);
  study_fixture_remove (f->tmp);
  g_free (f->dir);
  g_free (f->tmp);
}

static MgStudySidebar *
sidebar_of (Fixture *f)
{
  return MG_STUDY_SIDEBAR (mg_window_get_study_sidebar (f->window));
}

static void
open_study (Fixture *f)
{
  mg_window_open_folder (f->window, f->folder);
  mg_gui_test_wait_loaded (f->window);
  g_assert_nonnull (mg_window_get_collection (f->window));
}

static char *
shown_name (Fixture *f)
{
  return g_file_get_basename (mg_window_get_file (f->window));
}

/* The speech list's selection model, as the sidebar shows it. */
static GtkSingleSelection *
speech_selection (Fixture *f)
{
  GtkListView *list = GTK_LIST_VIEW (mg_study_sidebar_get_speech_list (sidebar_of (f)));

  return GTK_SINGLE_SELECTION (gtk_list_view_get_model (list));
}

static void
test_open_folder (Fixture       *f,
                  gconstpointer  data)
{
  MgCollection *collection;
  GtkSingleSelection *selection;
  g_autofree char *name = NULL;
  g_autofree char *sidecar = g_build_filename (f->dir, "2024-report.txt.marginalia.json", NULL);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  g_assert_true (g_file_get_contents (sidecar, &before, NULL, NULL));
  /* Menu entry and its key. */
  g_assert_true (gtk_widget_is_visible (GTK_WIDGET (f->window)));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (sidebar_of (f))));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (mg_window_get_sidebar_button (f->window))));

  open_study (f);
  collection = mg_window_get_collection (f->window);
  g_assert_cmpuint (mg_collection_get_n_speeches (collection), ==, 3);
  name = shown_name (f);
  g_assert_cmpstr (name, ==, "2024-report.txt");
  g_assert_true (mg_window_get_speech (f->window) == mg_collection_get_speech (collection, 0));
  g_assert_true (mg_window_get_store (f->window) ==
                 mg_collection_speech_get_store (mg_collection_get_speech (collection, 0)));

  /* The sidebar: shown, listing the three speeches, the first selected. */
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (sidebar_of (f))));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (mg_window_get_sidebar_button (f->window))));
  g_assert_true (adw_flap_get_reveal_flap (mg_window_get_study_flap (f->window)));
  selection = speech_selection (f);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (selection)), ==, 3);
  g_assert_cmpuint (gtk_single_selection_get_selected (selection), ==, 0);
  g_assert_true (gtk_widget_get_visible (mg_study_sidebar_get_tools (sidebar_of (f))));
  g_assert_cmpstr (adw_window_title_get_subtitle (mg_window_get_window_title (f->window)), ==,
                   "study/2024-report.txt — Saved");

  /* Actions of the study are on; F9 hides and shows the sidebar. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.toggle-study-sidebar", NULL));
  g_assert_false (adw_flap_get_reveal_flap (mg_window_get_study_flap (f->window)));
  g_assert_false (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (GTK_WIDGET (mg_window_get_sidebar_button (f->window)))));
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.search-study", NULL);
  mg_gui_test_iterate ();
  g_assert_true (adw_flap_get_reveal_flap (mg_window_get_study_flap (f->window)));

  /* Opening read nothing into the files. */
  g_assert_true (g_file_get_contents (sidecar, &after, NULL, NULL));
  g_assert_cmpstr (before, ==, after);
}

/* A folder given to the application (`marginalia DIR`) or dropped on a
 * window (which opens it with mg_window_open_file) opens as a study. */
static void
test_open_folder_as_file (Fixture       *f,
                          gconstpointer  data)
{
  GFile *files[1] = { f->folder };
  MgWindow *window;

  g_application_open (G_APPLICATION (app), files, 1, "");
  /* The empty window of the fixture takes it. */
  mg_gui_test_wait_loaded (f->window);
  g_assert_nonnull (mg_window_get_collection (f->window));
  g_assert_cmpuint (mg_collection_get_n_speeches (mg_window_get_collection (f->window)), ==, 3);

  /* Again: the window showing it comes forward, no second one. */
  g_application_open (G_APPLICATION (app), files, 1, "");
  mg_gui_test_iterate ();
  g_assert_cmpuint (g_list_length (gtk_application_get_windows (GTK_APPLICATION (app))), ==, 1);

  /* Dropped on a window: mg_window_open_file with the folder. */
  window = mg_window_new (app);
  mg_gui_test_present (GTK_WINDOW (window));
  mg_window_open_file (window, f->folder);
  mg_gui_test_wait_loaded (window);
  g_assert_nonnull (mg_window_get_collection (window));
  gtk_window_destroy (GTK_WINDOW (window));
  mg_gui_test_iterate ();
}

static void
test_switch (Fixture       *f,
             gconstpointer  data)
{
  MgCollection *collection;
  MgCollectionSpeech *y2025;
  MgAnnotationStore *store;
  GtkSingleSelection *selection;
  g_autofree char *name = NULL;
  g_autofree char *sidecar = g_build_filename (f->dir, "2025-report.txt.marginalia.json", NULL);
  g_autofree char *saved = NULL;
  g_autoptr(GError) error = NULL;
  const char *tags[] = { "policy-goal", NULL };

  open_study (f);
  collection = mg_window_get_collection (f->window);
  y2025 = mg_collection_get_speech (collection, 1);
  selection = speech_selection (f);

  /* Choosing a speech in the sidebar shows it. */
  gtk_single_selection_set_selected (selection, 1);
  mg_gui_test_iterate ();
  name = shown_name (f);
  g_assert_cmpstr (name, ==, "2025-report.txt");
  g_assert_true (mg_window_get_speech (f->window) == y2025);
  store = mg_window_get_store (f->window);
  g_assert_true (store == mg_collection_speech_get_store (y2025));
  g_assert_cmpuint (mg_annotation_store_get_n_annotations (store), ==, 2);

  /* An annotation made there, then another speech: it was saved on the
   * way, and the row's count follows. */
  g_assert_nonnull (mg_annotation_store_create (store, 0, 4, tags, "checked", FALSE, "Li Wei", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (mg_collection_speech_get_n_annotations (y2025), ==, 3);
  gtk_single_selection_set_selected (selection, 2);
  mg_gui_test_iterate ();
  g_free (name);
  name = shown_name (f);
  g_assert_cmpstr (name, ==, "keynote.md");
  g_assert_true (g_file_get_contents (sidecar, &saved, NULL, NULL));
  g_assert_nonnull (strstr (saved, "\"checked\""));

  /* Back: the annotation and its undo are there. */
  gtk_single_selection_set_selected (selection, 1);
  mg_gui_test_iterate ();
  g_assert_true (mg_window_get_store (f->window) == store);
  g_assert_cmpuint (mg_annotation_store_get_n_annotations (store), ==, 3);
  g_assert_true (mg_annotation_store_can_undo (store));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.undo", NULL));
  mg_gui_test_iterate ();
  g_assert_cmpuint (mg_annotation_store_get_n_annotations (store), ==, 2);
  g_assert_cmpuint (mg_collection_speech_get_n_annotations (y2025), ==, 2);

  /* Unselecting (a click on the selected row) keeps the speech. */
  gtk_single_selection_set_selected (selection, GTK_INVALID_LIST_POSITION);
  mg_gui_test_iterate ();
  g_assert_cmpuint (gtk_single_selection_get_selected (selection), ==, 1);
  g_assert_true (mg_window_get_speech (f->window) == y2025);

  /* Opening one of the study's files shows it from the study. */
  mg_window_open_file (f->window, mg_collection_speech_get_file (mg_collection_get_speech (collection, 0)));
  mg_gui_test_wait_loaded (f->window);
  g_assert_true (mg_window_get_collection (f->window) == collection);
  g_assert_cmpuint (gtk_single_selection_get_selected (selection), ==, 0);
}

static void
test_leave_study (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *other = g_build_filename (f->tmp, "other.txt", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (other);
  g_autoptr(GError) error = NULL;

  open_study (f);
  g_file_set_contents (other, "Another speech\n\nIts only paragraph.\n", -1, &error);
  g_assert_no_error (error);
  mg_window_open_file (f->window, file);
  mg_gui_test_wait_loaded (f->window);
  g_assert_null (mg_window_get_collection (f->window));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (sidebar_of (f))));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (mg_window_get_sidebar_button (f->window))));
  /* Its actions are off. */
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.export-study", NULL);
  mg_gui_test_iterate ();
  g_assert_null (mg_window_get_study_export_dialog (f->window));
}

static void
test_search (Fixture       *f,
             gconstpointer  data)
{
  MgStudySidebar *sidebar;
  GListModel *results;
  GtkStack *stack;
  MgCollectionHit *hit;
  MgAnnotation *annotation;
  g_autofree char *name = NULL;

  open_study (f);
  sidebar = sidebar_of (f);
  results = mg_study_sidebar_get_results (sidebar);
  stack = GTK_STACK (gtk_widget_get_ancestor (gtk_widget_get_parent (mg_study_sidebar_get_result_list (sidebar)),
                                              GTK_TYPE_STACK));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "speeches");

  /* Typed into the entry: found as one types, after the entry's delay. */
  gtk_editable_set_text (GTK_EDITABLE (mg_study_sidebar_get_search_entry (sidebar)), "slogan");
  for (int i = 0; i < 200 && g_list_model_get_n_items (results) == 0; i++)
    {
      mg_gui_test_iterate ();
      g_usleep (5000);
    }
  g_assert_cmpuint (g_list_model_get_n_items (results), ==, 3);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "results");

  /* A word from another speech's note: found there, and opening it shows
   * that speech with the annotation selected. */
  mg_study_sidebar_set_search (sidebar, "slowed", FALSE);
  g_assert_cmpuint (g_list_model_get_n_items (results), ==, 1);
  hit = g_list_model_get_item (results, 0);
  annotation = mg_collection_hit_get_annotation (hit);
  g_assert_true (mg_collection_hit_get_first (hit));
  g_object_unref (hit);
  g_assert_true (gtk_widget_activate_action (mg_study_sidebar_get_result_list (sidebar),
                                             "list.activate-item", "u", 0));
  mg_gui_test_iterate ();
  name = shown_name (f);
  g_assert_cmpstr (name, ==, "keynote.md");
  g_assert_true (mg_window_get_selected (f->window) == annotation);
  g_assert_cmpuint (gtk_single_selection_get_selected (speech_selection (f)), ==, 2);

  /* Starred only; nothing found; the speeches again when cleared. */
  mg_study_sidebar_set_search (sidebar, "", TRUE);
  g_assert_cmpuint (g_list_model_get_n_items (results), ==, 2);
  mg_study_sidebar_set_search (sidebar, "nowhere at all", FALSE);
  g_assert_cmpuint (g_list_model_get_n_items (results), ==, 0);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "no-results");

  /* An edit shows in the results (after a short delay). */
  mg_study_sidebar_set_search (sidebar, "revised", FALSE);
  mg_annotation_store_set_note (mg_window_get_store (f->window), annotation, "revised later");
  for (int i = 0; i < 200 && g_list_model_get_n_items (results) == 0; i++)
    {
      mg_gui_test_iterate ();
      g_usleep (5000);
    }
  g_assert_cmpuint (g_list_model_get_n_items (results), ==, 1);

  mg_study_sidebar_set_search (sidebar, "", FALSE);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "speeches");
}

static void
exported (MgExportDialog *dialog,
          GFile          *file,
          gboolean       *done)
{
  *done = TRUE;
}

static void
test_export (Fixture       *f,
             gconstpointer  data)
{
  MgExportDialog *dialog;
  g_autofree char *out = g_build_filename (f->tmp, "study-summary.md", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (out);
  g_autofree char *contents = NULL;
  g_autofree char *suggested = NULL;
  g_autofree char *preview = NULL;
  gboolean done = FALSE;

  open_study (f);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.export-study", NULL));
  mg_gui_test_iterate ();
  dialog = mg_window_get_study_export_dialog (f->window);
  g_assert_nonnull (dialog);

  /* One speech's formats are not offered. */
  mg_export_dialog_set_format (dialog, MG_EXPORT_FORMAT_W3C);
  g_assert_cmpint (mg_export_dialog_get_format (dialog), !=, MG_EXPORT_FORMAT_W3C);
  mg_export_dialog_set_format (dialog, MG_EXPORT_FORMAT_MARKDOWN);
  g_assert_cmpint (mg_export_dialog_get_format (dialog), ==, MG_EXPORT_FORMAT_MARKDOWN);
  suggested = mg_export_dialog_dup_suggested_name (dialog);
  g_assert_cmpstr (suggested, ==, "study-summary.md");

  /* The preview is the combined summary. */
  while (mg_export_dialog_get_preview_pending (dialog))
    g_main_context_iteration (NULL, TRUE);
  preview = mg_export_dialog_dup_preview_text (dialog);
  g_assert_nonnull (strstr (preview, "2025年政府工作报告"));

  g_signal_connect (dialog, "exported", G_CALLBACK (exported), &done);
  mg_export_dialog_export_to_file (dialog, file);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
  mg_gui_test_iterate ();

  g_assert_true (g_file_get_contents (out, &contents, NULL, NULL));
  g_assert_nonnull (strstr (contents, "2024年政府工作报告"));
  g_assert_nonnull (strstr (contents, "2025年政府工作报告"));
  g_assert_nonnull (strstr (contents, "Opening Address to the Regional Development Forum"));
  g_assert_nonnull (strstr (contents, "新质生产力"));
  g_assert_nonnull (strstr (contents, "Projects First"));
  g_assert_null (strstr (contents, "Reading notes"));
}

/* Every format the study's dialog offers writes a file holding every
 * speech. */
static void
test_export_formats (Fixture       *f,
                     gconstpointer  data)
{
  static const MgExportFormat offered[] = {
    MG_EXPORT_FORMAT_MARKDOWN, MG_EXPORT_FORMAT_HTML, MG_EXPORT_FORMAT_CSV, MG_EXPORT_FORMAT_TEXT,
    MG_EXPORT_FORMAT_PDF, MG_EXPORT_FORMAT_JSON, MG_EXPORT_FORMAT_QDPX,
  };
  MgExportDialog *dialog;

  open_study (f);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.export-study", NULL));
  mg_gui_test_iterate ();
  dialog = mg_window_get_study_export_dialog (f->window);
  g_assert_nonnull (dialog);
  for (gsize i = 0; i < G_N_ELEMENTS (offered); i++)
    {
      g_autofree char *name = NULL;
      g_autofree char *out = NULL;
      g_autoptr(GFile) file = NULL;
      g_autofree char *contents = NULL;
      gsize length = 0;

      mg_export_dialog_set_format (dialog, offered[i]);
      g_assert_cmpint (mg_export_dialog_get_format (dialog), ==, offered[i]);
      name = mg_export_dialog_dup_suggested_name (dialog);
      g_assert_true (g_str_has_prefix (name, "study-summary."));
      out = g_build_filename (f->tmp, name, NULL);
      file = g_file_new_for_path (out);
      /* The dialog closes once the file is written: held until then. */
      g_object_ref (dialog);
      mg_export_dialog_export_to_file (dialog, file);
      while (mg_export_dialog_get_exporting (dialog))
        g_main_context_iteration (NULL, TRUE);
      g_object_unref (dialog);
      g_assert_true (g_file_get_contents (out, &contents, &length, NULL));
      g_assert_cmpuint (length, >, 100);
      if (offered[i] == MG_EXPORT_FORMAT_CSV)
        {
          /* A first column names each quote's speech. */
          g_assert_nonnull (strstr (contents, "document"));
          g_assert_nonnull (strstr (contents, "study/keynote.md"));
          g_assert_nonnull (strstr (contents, "study/2025-report.txt"));
        }
      if (offered[i] == MG_EXPORT_FORMAT_JSON || offered[i] == MG_EXPORT_FORMAT_HTML)
        {
          g_assert_nonnull (strstr (contents, "Projects First"));
          g_assert_nonnull (strstr (contents, "新质生产力"));
          g_assert_nonnull (strstr (contents, "5.2%"));
        }
      /* The dialog closes after an export: opened again for the next. */
      mg_gui_test_iterate ();
      if (mg_window_get_study_export_dialog (f->window) == NULL)
        {
          g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.export-study", NULL));
          mg_gui_test_iterate ();
          dialog = mg_window_get_study_export_dialog (f->window);
          g_assert_nonnull (dialog);
        }
    }
}

static void
test_recent (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *uri = g_file_get_uri (f->folder);
  MgWindow *second;
  GtkWidget *list = NULL;
  GtkListBoxRow *row = NULL;
  GVariant *target = NULL;
  gint64 deadline;

  gtk_recent_manager_purge_items (gtk_recent_manager_get_default (), NULL);
  open_study (f);
  /* The study's speeches are not listed one by one: the folder is. */
  gtk_single_selection_set_selected (speech_selection (f), 1);
  mg_gui_test_iterate ();

  second = mg_window_new (app);
  mg_gui_test_present (GTK_WINDOW (second));
  deadline = mg_gui_test_deadline ();
  do
    {
      mg_gui_test_iterate ();
      list = NULL;
      row = NULL;
      for (GtkWidget *child = gtk_widget_get_first_child (adw_status_page_get_child (mg_window_get_status_page (second)));
           child != NULL; child = gtk_widget_get_next_sibling (child))
        if (g_strcmp0 (gtk_widget_get_name (child), "recent-speeches") == 0)
          list = child;
      for (int i = 0; list != NULL && (row = gtk_list_box_get_row_at_index (GTK_LIST_BOX (list), i)) != NULL; i++)
        {
          target = gtk_actionable_get_action_target_value (GTK_ACTIONABLE (row));
          if (g_strcmp0 (g_variant_get_string (target, NULL), uri) == 0)
            break;
        }
      if (row == NULL)
        g_usleep (20000);
    }
  while (row == NULL && g_get_monotonic_time () < deadline);
  g_assert_nonnull (row);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==, "study");
  g_assert_true (g_str_has_prefix (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), "Study in "));
  /* Only the folder: no row for its speeches. */
  for (int i = 0; (row = gtk_list_box_get_row_at_index (GTK_LIST_BOX (list), i)) != NULL; i++)
    g_assert_null (strstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), "report"));

  /* The row's action opens the study. */
  gtk_widget_activate_action_variant (GTK_WIDGET (second), "win.open-recent", target);
  mg_gui_test_wait_loaded (second);
  g_assert_nonnull (mg_window_get_collection (second));
  gtk_window_destroy (GTK_WINDOW (second));
  mg_gui_test_iterate ();
}

static void
test_narrow (Fixture       *f,
             gconstpointer  data)
{
  AdwFlap *flap = mg_window_get_study_flap (f->window);
  g_autofree char *name = NULL;

  gtk_window_set_default_size (GTK_WINDOW (f->window), 420, 600);
  open_study (f);
  for (int i = 0; i < 100 && !adw_flap_get_folded (flap); i++)
    {
      mg_gui_test_iterate ();
      g_usleep (10000);
    }
  /* The sidebar folds over the speech; choosing one puts it away. */
  g_assert_true (adw_flap_get_folded (flap));
  adw_flap_set_reveal_flap (flap, TRUE);
  gtk_single_selection_set_selected (speech_selection (f), 2);
  mg_gui_test_iterate ();
  name = shown_name (f);
  g_assert_cmpstr (name, ==, "keynote.md");
  g_assert_false (adw_flap_get_reveal_flap (flap));
}

static void
test_bad_folder (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *empty = g_build_filename (f->tmp, "empty", NULL);
  g_autoptr(GFile) folder = g_file_new_for_path (empty);
  GtkWindow *dialog;

  g_assert_cmpint (g_mkdir (empty, 0700), ==, 0);
  mg_window_open_folder (f->window, folder);
  mg_gui_test_wait_loaded (f->window);
  g_assert_null (mg_window_get_collection (f->window));
  g_assert_false (mg_window_has_document (f->window));
  dialog = mg_gui_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (dialog);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog)), "holds no speech"));
  gtk_window_destroy (dialog);
  mg_gui_test_iterate ();
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *data_home = NULL;
  int status;

  app = mg_gui_test_init (&argc, &argv, &data_home);

#define ADD(name, func) \
  g_test_add ("/window-study/" name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("open-folder", test_open_folder);
  ADD ("open-folder-as-file", test_open_folder_as_file);
  ADD ("switch", test_switch);
  ADD ("leave", test_leave_study);
  ADD ("search", test_search);
  ADD ("export", test_export);
  ADD ("export-formats", test_export_formats);
  ADD ("recent", test_recent);
  ADD ("narrow", test_narrow);
  ADD ("bad-folder", test_bad_folder);
#undef ADD

  status = g_test_run ();
  mg_gui_test_finish (app, data_home);
  return status;
}
