/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Marginalia"
#include "config.h"

#include <string.h>

#include "gui-test-util.h"
#include "mg-tidy-dialog.h"
#include "mg-window-tidy.h"

/* "Tidy Speech…" in the window: the dialog's counts, toggles and preview,
 * Apply (the speech rewritten, FILE~ kept, the annotation carried), and
 * Undo (both files back byte for byte). */

static MgApplication *app;

static GBytes *
read_bytes (GFile *file)
{
  char *contents = NULL;
  gsize len = 0;

  if (!g_file_load_contents (file, NULL, &contents, &len, NULL, NULL))
    return NULL;
  return g_bytes_new_take (contents, len);
}

static MgTidyDialog *
find_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) w = g_list_model_get_item (toplevels, i);

      if (MG_IS_TIDY_DIALOG (w) && gtk_widget_get_visible (GTK_WIDGET (w)))
        return MG_TIDY_DIALOG (w);
    }
  return NULL;
}

static char *
clean_text (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "tidy", "clean", "zh-harbour.txt", NULL);
  char *contents = NULL;

  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  return contents;
}

static void
test_tidy_dialog (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("marginalia-gui-tidy-XXXXXX", &error);
  g_autoptr(GFile) speech = NULL;
  g_autoptr(GFile) sidecar_file = NULL;
  g_autoptr(GFile) backup = NULL;
  g_autoptr(GBytes) original = NULL;
  g_autoptr(GBytes) original_sidecar = NULL;
  g_autofree char *clean = clean_text ();
  g_autofree char *preview = NULL;
  g_autofree char *backup_path = NULL;
  MgWindow *window;
  MgTidyDialog *dialog;
  MgAnnotationStore *store;
  MgDocument *document;
  MgAnnotation *annotation;
  const char *text, *hit;
  guint start;

  g_assert_no_error (error);
  window = mg_window_new (app);
  mg_gui_test_present (GTK_WINDOW (window));
  speech = mg_gui_test_copy_fixture (dir, "tidy/messy/zh-harbour.txt");
  sidecar_file = mg_sidecar_default_file (speech);
  backup_path = g_strconcat (g_file_peek_path (speech), "~", NULL);
  backup = g_file_new_for_path (backup_path);
  original = read_bytes (speech);
  mg_window_open_file (window, speech);
  mg_gui_test_wait_loaded (window);

  /* An annotation on a passage the mess left alone. */
  store = mg_window_get_store (window);
  document = mg_sidecar_get_document (mg_window_get_sidecar (window));
  text = mg_document_get_text (document);
  hit = strstr (text, "港口物流发展大会");
  g_assert_nonnull (hit);
  start = g_utf8_pointer_to_offset (text, hit);
  annotation = mg_annotation_store_create (store, start, start + 8, NULL, "门户", TRUE, "tester", &error);
  g_assert_no_error (error);
  g_assert_nonnull (annotation);
  g_assert_true (mg_window_save (window, &error));
  g_assert_no_error (error);
  original_sidecar = read_bytes (sidecar_file);
  g_assert_nonnull (original_sidecar);

  /* The dialog: every kind found, the preview the clean text. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.tidy", NULL));
  mg_gui_test_iterate ();
  dialog = find_dialog ();
  g_assert_nonnull (dialog);
  for (guint k = 0; k < MG_TIDY_N_KINDS; k++)
    g_assert_cmpuint (mg_tidy_dialog_get_count (dialog, k), >, 0);
  g_assert_cmpuint (mg_tidy_dialog_get_kinds (dialog), ==, MG_TIDY_ALL);
  preview = mg_tidy_dialog_dup_preview (dialog);
  g_assert_cmpstr (preview, ==, clean);
  g_assert_cmpuint (mg_tidy_dialog_get_n_marked (dialog), >, 20);

  /* Leaving the leftovers alone keeps them in the preview. */
  mg_tidy_dialog_set_kind (dialog, MG_TIDY_LEFTOVERS, FALSE);
  g_clear_pointer (&preview, g_free);
  preview = mg_tidy_dialog_dup_preview (dialog);
  g_assert_nonnull (strstr (preview, "来源：某某日报"));
  mg_tidy_dialog_set_kind (dialog, MG_TIDY_LEFTOVERS, TRUE);
  g_clear_pointer (&preview, g_free);
  preview = mg_tidy_dialog_dup_preview (dialog);
  g_assert_null (strstr (preview, "来源：某某日报"));

  /* Apply: the file rewritten, the old bytes kept, the annotation carried. */
  mg_tidy_dialog_apply (dialog);
  mg_gui_test_wait_loaded (window);
  mg_gui_test_iterate ();
  g_assert_null (find_dialog ());
  document = mg_sidecar_get_document (mg_window_get_sidecar (window));
  g_assert_cmpstr (mg_document_get_text (document), ==, clean);
  {
    g_autoptr(GBytes) kept = read_bytes (backup);

    g_assert_nonnull (kept);
    g_assert_true (g_bytes_equal (kept, original));
  }
  store = mg_window_get_store (window);
  g_assert_cmpuint (mg_annotation_store_get_n_annotations (store), ==, 1);
  annotation = mg_annotation_store_get_annotation (store, 0);
  g_assert_cmpstr (mg_annotation_get_quote (annotation), ==, "港口物流发展大会");
  g_assert_cmpstr (mg_annotation_get_note (annotation), ==, "门户");
  g_assert_false (mg_annotation_is_orphaned (annotation));

  /* Undo: both files as they were, the speech shown as it was. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.tidy-undo", NULL));
  mg_gui_test_wait_loaded (window);
  mg_gui_test_iterate ();
  {
    g_autoptr(GBytes) back = read_bytes (speech);
    g_autoptr(GBytes) back_sidecar = read_bytes (sidecar_file);

    g_assert_true (g_bytes_equal (back, original));
    g_assert_true (g_bytes_equal (back_sidecar, original_sidecar));
  }
  document = mg_sidecar_get_document (mg_window_get_sidecar (window));
  g_assert_nonnull (strstr (mg_document_get_text (document), "来源：某某日报"));
  store = mg_window_get_store (window);
  g_assert_cmpuint (mg_annotation_store_get_n_annotations (store), ==, 1);

  mg_gui_test_close_window (window);
  mg_gui_test_remove_dir (dir);
}

/* A clean speech: the dialog says so and Apply does nothing. */
static void
test_tidy_clean (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("marginalia-gui-tidy-XXXXXX", &error);
  g_autoptr(GFile) speech = mg_gui_test_copy_fixture (dir, "tidy/clean/zh-water.txt");
  g_autoptr(GBytes) original = read_bytes (speech);
  MgWindow *window = mg_window_new (app);
  MgTidyDialog *dialog;

  mg_gui_test_present (GTK_WINDOW (window));
  mg_window_open_file (window, speech);
  mg_gui_test_wait_loaded (window);
  dialog = mg_window_show_tidy (window);
  g_assert_nonnull (dialog);
  for (guint k = 0; k < MG_TIDY_N_KINDS; k++)
    g_assert_cmpuint (mg_tidy_dialog_get_count (dialog, k), ==, 0);
  g_assert_cmpuint (mg_tidy_dialog_get_n_marked (dialog), ==, 0);
  g_assert_true (mg_window_tidy_apply (window, MG_TIDY_ALL, &error));
  g_assert_no_error (error);
  {
    g_autoptr(GBytes) now = read_bytes (speech);

    g_assert_true (g_bytes_equal (now, original));
  }
  gtk_window_destroy (GTK_WINDOW (dialog));
  mg_gui_test_close_window (window);
  mg_gui_test_remove_dir (dir);
}

static gboolean
label_shown (GtkWidget  *root,
             const char *text)
{
  if (GTK_IS_LABEL (root) && gtk_widget_get_mapped (root) &&
      g_strcmp0 (gtk_label_get_label (GTK_LABEL (root)), text) == 0)
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (label_shown (child, text))
      return TRUE;
  return FALSE;
}

static gboolean
offer_shown (gpointer data)
{
  return label_shown (data, "This speech looks copied from a web page or a PDF");
}

/* A messy speech is offered tidying once it is shown (the check runs in a
 * thread); a window closed before the check ends is left alone. */
static void
test_tidy_offered (void)
{
  g_autofree char *dir = mg_gui_test_make_dir ("marginalia-gui-tidy");
  g_autoptr(GFile) speech = mg_gui_test_copy_fixture (dir, "tidy/messy/zh-harbour.txt");
  MgWindow *window = mg_gui_test_open_window (app, -1, -1);
  MgWindow *closed;

  mg_window_open_file (window, speech);
  mg_gui_test_wait_loaded (window);
  g_assert_nonnull (mg_window_get_sidecar (window));
  g_assert_true (mg_gui_test_wait_for (offer_shown, window));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.tidy", NULL));
  mg_gui_test_iterate ();
  g_assert_nonnull (find_dialog ());
  gtk_window_destroy (GTK_WINDOW (find_dialog ()));
  mg_gui_test_close_window (window);

  closed = mg_gui_test_open_window (app, -1, -1);
  mg_window_open_file (closed, speech);
  mg_gui_test_wait_loaded (closed);
  mg_gui_test_close_window (closed);
  mg_gui_test_iterate ();
  g_usleep (G_USEC_PER_SEC / 5);
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
  g_test_add_func ("/window-tidy/dialog-apply-undo", test_tidy_dialog);
  g_test_add_func ("/window-tidy/clean", test_tidy_clean);
  g_test_add_func ("/window-tidy/offered", test_tidy_offered);
  ret = g_test_run ();
  mg_gui_test_finish (g_steal_pointer (&app), data_home);
  return ret;
}
