/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Marginalia"
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>

#include "export-fixture.h"
#include "gui-test-util.h"
#include "mg-application.h"
#include "mg-export-dialog.h"
#include "mg-pdf-preview.h"
#include "mg-export-pdf.h"
#include "mg-window-export.h"

static MgApplication *app;

typedef struct
{
  char     *dir;
  MgWindow *window;
} Fixture;

/* The files in @path whose names hold @part (all of them for ""). */
static guint
count_files (const char *path,
             const char *part)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;
  guint n = 0;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    if (strstr (name, part) != NULL)
      n++;
  return n;
}

/* A window showing tests/data/export/speech-zh.txt with the export
 * fixture's annotations. */
static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GFile) speech = NULL;
  MgAnnotationStore *store;

  fixture->dir = mg_gui_test_make_dir ("marginalia-export");
  speech = mg_gui_test_copy_fixture (fixture->dir, "export/speech-zh.txt");

  fixture->window = mg_window_new (app);
  mg_gui_test_present (GTK_WINDOW (fixture->window));
  mg_window_open_file (fixture->window, speech);
  mg_gui_test_wait_loaded (fixture->window);
  g_assert_true (mg_window_has_document (fixture->window));

  store = mg_window_get_store (fixture->window);
  fixture_add (store, "0b6a1c1e-1a51-4c55-9d0e-000000000001", "1850 亿元", "figure",
               "比上年多 120 亿元", FALSE, "李伟");
  fixture_add (store, "0b6a1c1e-1a51-4c55-9d0e-000000000002", "233 个国家和地区", "figure",
               "", TRUE, "李伟");
  fixture_add (store, "0b6a1c1e-1a51-4c55-9d0e-000000000003", "项目为王", "slogan",
               "", TRUE, "Wang Fang");
  fixture_add (store, "0b6a1c1e-1a51-4c55-9d0e-000000000006", "确保各项目标任务全面完成",
               "policy-goal", "", TRUE, "李伟");
  mg_gui_test_iterate ();
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  MgExportDialog *dialog = mg_window_get_export_dialog (fixture->window);

  if (dialog != NULL)
    gtk_window_destroy (GTK_WINDOW (dialog));
  mg_gui_test_close_window (fixture->window);
  mg_gui_test_remove_dir (fixture->dir);
  g_free (fixture->dir);
}

static char *
wait_preview (MgExportDialog *dialog)
{
  while (mg_export_dialog_get_preview_pending (dialog))
    g_main_context_iteration (NULL, TRUE);
  return mg_export_dialog_dup_preview_text (dialog);
}

static MgExportDialog *
open_dialog (Fixture *fixture)
{
  MgExportDialog *dialog;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.export", NULL));
  mg_gui_test_iterate ();
  dialog = mg_window_get_export_dialog (fixture->window);
  g_assert_nonnull (dialog);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (dialog)));
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (dialog)) == GTK_WINDOW (fixture->window));
  return dialog;
}

/* Whether the first page of @preview, rendered, has text on it. */
static gboolean
page_has_ink (GtkWidget *preview)
{
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  cairo_surface_t *image = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 300, 420);
  cairo_t *cr = cairo_create (image);
  GtkWidget *area = preview;
  const guint8 *data;
  guint dark = 0;
  int stride;

  /* Down to the first page's drawing area. */
  while (area != NULL && !GTK_IS_DRAWING_AREA (area))
    {
      GtkWidget *child = gtk_widget_get_first_child (area);

      while (child != NULL && gtk_widget_get_first_child (child) == NULL && !GTK_IS_DRAWING_AREA (child))
        child = gtk_widget_get_next_sibling (child);
      area = child;
    }
  g_assert_nonnull (area);
  /* Laid out and drawn at least once. */
  for (int i = 0; i < 50 && gtk_widget_get_width (area) == 0; i++)
    {
      mg_gui_test_iterate ();
      g_usleep (10000);
    }
  g_test_message ("first page drawn at %d×%d", gtk_widget_get_width (area), gtk_widget_get_height (area));
  g_assert_cmpint (gtk_widget_get_width (area), >, 100);

  paintable = gtk_widget_paintable_new (area);
  gdk_paintable_snapshot (paintable, snapshot, 300, 420);
  node = gtk_snapshot_to_node (snapshot);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  if (node != NULL)
    gsk_render_node_draw (node, cr);
  cairo_destroy (cr);
  cairo_surface_flush (image);
  data = cairo_image_surface_get_data (image);
  stride = cairo_image_surface_get_stride (image);
  for (int y = 0; y < 420; y++)
    for (int x = 0; x < 300; x++)
      dark += data[y * stride + 4 * x] < 128;
  cairo_surface_destroy (image);
  return dark > 100;
}

static void
test_preview (Fixture       *fixture,
              gconstpointer  data)
{
  MgExportDialog *dialog = open_dialog (fixture);
  g_autofree char *markdown = NULL;
  g_autofree char *csv = NULL;
  g_autofree char *starred = NULL;
  g_autofree char *figures = NULL;
  g_autofree char *html = NULL;
  g_autofree char *pdf = NULL;
  g_autofree char *qdpx = NULL;
  g_autofree char *name = NULL;
  GtkWidget *preview;

  /* Markdown first: the heading, paragraph numbers, the quotes. */
  g_assert_cmpint (mg_export_dialog_get_format (dialog), ==, MG_EXPORT_FORMAT_MARKDOWN);
  markdown = wait_preview (dialog);
  g_assert_true (g_str_has_prefix (markdown, "# "));
  g_assert_nonnull (strstr (markdown, "¶"));
  g_assert_nonnull (strstr (markdown, "1850 亿元"));
  name = mg_export_dialog_dup_suggested_name (dialog);
  g_assert_cmpstr (name, ==, "speech-zh-summary.md");

  /* CSV: the header row, without the file's byte-order mark. */
  mg_export_dialog_set_format (dialog, MG_EXPORT_FORMAT_CSV);
  csv = wait_preview (dialog);
  g_assert_true (g_str_has_prefix (csv, "id,start,end,paragraph,tags,starred,author,quote,note,context\r\n"));
  g_assert_nonnull (strstr (csv, "1850 亿元"));
  g_clear_pointer (&name, g_free);
  name = mg_export_dialog_dup_suggested_name (dialog);
  g_assert_cmpstr (name, ==, "speech-zh-summary.csv");

  /* Starred only: the unstarred figure goes. */
  mg_export_dialog_set_starred_only (dialog, TRUE);
  starred = wait_preview (dialog);
  g_assert_cmpstr (starred, !=, csv);
  g_assert_null (strstr (starred, "1850 亿元"));
  g_assert_nonnull (strstr (starred, "233 个国家和地区"));
  g_assert_nonnull (strstr (starred, "项目为王"));

  /* Figures only, by 李伟. */
  mg_export_dialog_set_starred_only (dialog, FALSE);
  mg_export_dialog_set_tag_included (dialog, MG_TAG_ID_SLOGAN, FALSE);
  mg_export_dialog_set_tag_included (dialog, MG_TAG_ID_POLICY_GOAL, FALSE);
  mg_export_dialog_set_author (dialog, "李伟");
  figures = wait_preview (dialog);
  g_assert_nonnull (strstr (figures, "1850 亿元"));
  g_assert_null (strstr (figures, "项目为王"));
  g_assert_null (strstr (figures, "确保各项目标任务全面完成"));

  /* HTML is shown as its source. */
  mg_export_dialog_set_format (dialog, MG_EXPORT_FORMAT_HTML);
  html = wait_preview (dialog);
  g_assert_true (g_str_has_prefix (html, "<!DOCTYPE html>"));

  /* PDF shows its pages, drawn as they will be printed. */
  mg_export_dialog_set_format (dialog, MG_EXPORT_FORMAT_PDF);
  pdf = wait_preview (dialog);
  g_assert_cmpstr (pdf, ==, "");
  preview = mg_export_dialog_get_preview_widget (dialog);
  g_assert_true (MG_IS_PDF_PREVIEW (preview));
  g_assert_false (mg_pdf_preview_get_pending (MG_PDF_PREVIEW (preview)));
  g_assert_cmpuint (mg_pdf_preview_get_n_pages (MG_PDF_PREVIEW (preview)), >=, 1);
  g_assert_cmpuint (mg_pdf_preview_get_n_shown (MG_PDF_PREVIEW (preview)), ==,
                    MIN (mg_pdf_preview_get_n_pages (MG_PDF_PREVIEW (preview)), MG_PDF_PREVIEW_MAX_PAGES));
  g_assert_true (page_has_ink (preview));

  /* The REFI-QDA project, a zip archive, is described instead. */
  mg_export_dialog_set_format (dialog, MG_EXPORT_FORMAT_QDPX);
  g_assert_cmpint (mg_export_dialog_get_format (dialog), ==, MG_EXPORT_FORMAT_QDPX);
  qdpx = wait_preview (dialog);
  g_assert_cmpstr (qdpx, ==, "");
  g_assert_true (ADW_IS_STATUS_PAGE (mg_export_dialog_get_preview_widget (dialog)));
  g_assert_cmpuint (mg_pdf_preview_get_n_shown (MG_PDF_PREVIEW (preview)), ==, 0);
  g_clear_pointer (&name, g_free);
  name = mg_export_dialog_dup_suggested_name (dialog);
  g_assert_cmpstr (name, ==, "speech-zh-summary.qdpx");
}

static void
exported_cb (MgExportDialog *dialog,
             GFile          *file,
             GFile         **out)
{
  g_set_object (out, file);
}

static void
test_export_file (Fixture       *fixture,
                  gconstpointer  data)
{
  MgExportDialog *dialog = open_dialog (fixture);
  g_autofree char *path = g_build_filename (fixture->dir, "out.csv", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFile) exported = NULL;
  g_autofree char *contents = NULL;
  gsize length;

  mg_export_dialog_set_format (dialog, MG_EXPORT_FORMAT_CSV);
  g_free (wait_preview (dialog));
  g_signal_connect (dialog, "exported", G_CALLBACK (exported_cb), &exported);
  mg_export_dialog_export_to_file (dialog, file);
  g_assert_true (mg_export_dialog_get_exporting (dialog));
  while (exported == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (g_file_equal (exported, file));

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  g_assert_true (g_str_has_prefix (contents, "\xef\xbb\xbfid,start,end"));
  g_assert_nonnull (strstr (contents, "项目为王"));
  /* The export and no temporary file of it (GIO's or ours) beside it;
   * the window's own autosave may be writing the sidecar meanwhile, with
   * its lock and temporary files (as under the sanitizers). */
  mg_gui_test_iterate ();
  g_assert_cmpuint (count_files (fixture->dir, "out."), ==, 1);
  g_assert_cmpuint (count_files (fixture->dir, ".goutputstream"), ==, 0);

  /* The REFI-QDA project is written the same way: a zip archive. */
  {
    g_autofree char *qdpx_path = g_build_filename (fixture->dir, "out.qdpx", NULL);
    g_autoptr(GFile) qdpx = g_file_new_for_path (qdpx_path);
    g_autofree char *archive = NULL;

    /* The dialog closed after the first export: open it again. */
    g_clear_object (&exported);
    dialog = open_dialog (fixture);
    g_signal_connect (dialog, "exported", G_CALLBACK (exported_cb), &exported);
    mg_export_dialog_set_format (dialog, MG_EXPORT_FORMAT_QDPX);
    g_free (wait_preview (dialog));
    mg_export_dialog_export_to_file (dialog, qdpx);
    while (exported == NULL)
      g_main_context_iteration (NULL, TRUE);
    g_assert_true (g_file_equal (exported, qdpx));
    g_assert_true (g_file_get_contents (qdpx_path, &archive, &length, NULL));
    g_assert_cmpuint (length, >, 22);
    g_assert_cmpmem (archive, 4, "PK\x03\x04", 4);
    g_assert_cmpmem (archive + length - 22, 4, "PK\x05\x06", 4);
  }
}

static void
test_cancel_large (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(MgDocument) document = NULL;
  g_autoptr(MgAnnotationStore) store = NULL;
  g_autofree char *dir = g_build_filename (fixture->dir, "large", NULL);
  g_autofree char *path = g_build_filename (dir, "large-summary.pdf", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFile) exported = NULL;
  g_autoptr(GArray) starts = NULL;
  MgExportDialog *dialog;
  const guint n = 20000;
  guint offset = 0;

  g_assert_cmpint (g_mkdir (dir, 0700), ==, 0);
  starts = g_array_sized_new (FALSE, FALSE, sizeof (guint), n);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *paragraph = g_strdup_printf ("第%u段：今年要实现三年大变样的目标，新增就业岗位五万个。\n\n", i + 1);
      /* "五万个" in paragraph i, in code points. */
      guint start = offset + g_utf8_pointer_to_offset (paragraph, strstr (paragraph, "五万个"));

      g_array_append_val (starts, start);
      offset += g_utf8_strlen (paragraph, -1);
      g_string_append (text, paragraph);
    }
  document = mg_document_new_for_text (text->str, text->len, "large.txt");
  store = mg_annotation_store_new (document, NULL);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *id = g_strdup_printf ("00000000-0000-4000-8000-%012u", i);
      g_autoptr(MgAnnotation) annotation = NULL;
      g_autoptr(GError) error = NULL;
      const char *tags[] = { MG_TAG_ID_FIGURE, NULL };
      guint start = g_array_index (starts, guint, i);

      annotation = mg_annotation_new (id, start, start + 3);
      mg_annotation_set_tags (annotation, tags);
      g_assert_true (mg_annotation_store_add (store, annotation, &error));
      g_assert_no_error (error);
    }

  dialog = mg_export_dialog_new (GTK_WINDOW (fixture->window), store, "large.txt");
  mg_gui_test_present (GTK_WINDOW (dialog));
  mg_export_dialog_set_format (dialog, MG_EXPORT_FORMAT_PDF);
  g_signal_connect (dialog, "exported", G_CALLBACK (exported_cb), &exported);
  mg_export_dialog_export_to_file (dialog, file);
  g_assert_true (mg_export_dialog_get_exporting (dialog));

  /* Cancel once it is under way, as a user would. */
  while (mg_export_dialog_get_exporting (dialog) &&
         mg_export_dialog_get_progress (dialog) <= 0.0)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (mg_export_dialog_get_exporting (dialog));
  g_test_message ("cancelled at %.0f %%", 100 * mg_export_dialog_get_progress (dialog));
  mg_export_dialog_cancel_export (dialog);
  while (mg_export_dialog_get_exporting (dialog))
    g_main_context_iteration (NULL, TRUE);

  g_assert_null (exported);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (count_files (dir, ""), ==, 0);
  gtk_window_destroy (GTK_WINDOW (dialog));
  mg_gui_test_iterate ();
  g_rmdir (dir);
}

static void
text_read (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  char **out = user_data;
  g_autoptr(GError) error = NULL;

  *out = gdk_clipboard_read_text_finish (GDK_CLIPBOARD (source), result, &error);
  g_assert_no_error (error);
}

static char *
read_clipboard (Fixture *fixture)
{
  GdkClipboard *clipboard = gtk_widget_get_clipboard (GTK_WIDGET (fixture->window));
  char *text = NULL;

  gdk_clipboard_read_text_async (clipboard, NULL, text_read, &text);
  while (text == NULL)
    g_main_context_iteration (NULL, TRUE);
  return text;
}

static void
test_copy_quotes (Fixture       *fixture,
                  gconstpointer  data)
{
  MgAnnotationStore *store = mg_window_get_store (fixture->window);
  g_autofree char *starred = NULL;
  g_autofree char *selected = NULL;
  g_auto(GStrv) lines = NULL;

  /* Nothing selected: every starred quote, in document order. */
  mg_window_set_selected (fixture->window, NULL);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.copy-quotes", NULL));
  starred = read_clipboard (fixture);
  lines = g_strsplit (starred, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 3);
  g_assert_true (g_str_has_prefix (lines[0], "¶"));
  g_assert_true (g_str_has_suffix (lines[0], " “233 个国家和地区”"));
  g_assert_nonnull (strstr (starred, "“项目为王”"));
  g_assert_nonnull (strstr (starred, "“确保各项目标任务全面完成”"));
  g_assert_null (strstr (starred, "1850 亿元"));

  /* The selected annotation's quote alone, starred or not. */
  mg_window_set_selected (fixture->window, mg_annotation_store_lookup (store, "0b6a1c1e-1a51-4c55-9d0e-000000000001"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.copy-quotes", NULL));
  selected = read_clipboard (fixture);
  g_assert_true (g_str_has_prefix (selected, "¶4 “1850 亿元”"));
  g_assert_null (strchr (selected, '\n'));
}

static char *
run_output (const char * const *argv)
{
  g_autoptr(GError) error = NULL;
  char *out = NULL;
  int status = 0;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                NULL, NULL, &out, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return out;
}

static void
test_print (Fixture       *fixture,
            gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "printed.pdf", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *info = NULL;
  g_autofree char *text = NULL;
  g_autoptr(MgSummary) summary = NULL;
  g_autoptr(MgPdfPages) pages = NULL;
  char *pages_line;
  g_autofree char *footer = NULL;
  GtkPrintOperationResult result;
  guint n_pages;
  g_autofree char *pdftotext = g_find_program_in_path ("pdftotext");

  if (pdftotext == NULL)
    {
      g_test_skip ("pdftotext (poppler-utils) is not installed");
      return;
    }

  result = mg_window_print (fixture->window, GTK_PRINT_OPERATION_ACTION_EXPORT, path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (result, ==, GTK_PRINT_OPERATION_RESULT_APPLY);

  /* As many pages as the PDF export has, A4. */
  summary = mg_summary_new (mg_window_get_store (fixture->window), NULL, &error);
  g_assert_no_error (error);
  pages = mg_pdf_pages_new (summary, NULL, &error);
  g_assert_no_error (error);
  n_pages = mg_pdf_pages_get_n_pages (pages);
  g_assert_cmpuint (n_pages, >=, 1);
  info = run_output ((const char *[]) { "pdfinfo", path, NULL });
  pages_line = strstr (info, "Pages:");
  g_assert_nonnull (pages_line);
  g_assert_cmpuint (g_ascii_strtoull (g_strchug (pages_line + strlen ("Pages:")), NULL, 10), ==, n_pages);
  g_assert_nonnull (strstr (info, "595"));
  text = run_output ((const char *[]) { "pdftotext", "-enc", "UTF-8", path, "-", NULL });
  g_assert_nonnull (strstr (text, "项目为王"));
  g_assert_nonnull (strstr (text, "1850 亿元"));
  /* The "1 / N" footer; pdftotext drops the spaces around the slash. */
  footer = g_strdup_printf ("1/%u", n_pages);
  g_assert_nonnull (strstr (text, footer));
}

static void
test_disabled_without_speech (void)
{
  MgWindow *window = mg_window_new (app);

  mg_gui_test_present (GTK_WINDOW (window));
  mg_gui_test_iterate ();
  gtk_widget_activate_action (GTK_WIDGET (window), "win.export", NULL);
  mg_gui_test_iterate ();
  g_assert_null (mg_window_get_export_dialog (window));
  g_assert_null (mg_window_dup_quotes_text (window, NULL));
  gtk_window_destroy (GTK_WINDOW (window));
  mg_gui_test_iterate ();
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *data_home = NULL;
  int ret;

  app = mg_gui_test_init (&argc, &argv, &data_home);

  g_test_add_func ("/export-dialog/disabled", test_disabled_without_speech);
  g_test_add ("/export-dialog/preview", Fixture, NULL, fixture_set_up, test_preview, fixture_tear_down);
  g_test_add ("/export-dialog/export", Fixture, NULL, fixture_set_up, test_export_file, fixture_tear_down);
  g_test_add ("/export-dialog/cancel", Fixture, NULL, fixture_set_up, test_cancel_large, fixture_tear_down);
  g_test_add ("/export-dialog/copy-quotes", Fixture, NULL, fixture_set_up, test_copy_quotes, fixture_tear_down);
  g_test_add ("/export-dialog/print", Fixture, NULL, fixture_set_up, test_print, fixture_tear_down);

  ret = g_test_run ();
  mg_gui_test_finish (g_steal_pointer (&app), data_home);
  return ret;
}
