/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The window's rough edges: the empty window, opening a sidecar, help,
 * import and export in the window, long messages, accessibility. */
#define G_LOG_DOMAIN "Marginalia"
#include "config.h"

#include <math.h>
#include <string.h>
#include <adwaita.h>
#include <glib/gstdio.h>

#include "gui-test-util.h"
#include "mg-application.h"
#include "mg-document-view.h"
#include "mg-export.h"
#include "mg-export-dialog.h"
#include "mg-window-export.h"
#include "mg-annotation-pane.h"
#include "mg-annotation-row.h"
#include "mg-study.h"
#include "mg-tag-popover.h"
#include "mg-wrap-box.h"

static MgApplication *app;
static char *browser_log;

typedef struct
{
  char     *dir;
  GFile    *speech;
  MgWindow *window;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->dir = mg_gui_test_make_dir ("marginalia-polish");
  fixture->window = mg_gui_test_open_window (app, 1000, 700);
}

static void
close_other_windows (Fixture *fixture)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  g_autoptr(GPtrArray) others = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      GtkWindow *window = g_list_model_get_item (toplevels, i);

      if (window != GTK_WINDOW (fixture->window))
        g_ptr_array_add (others, window);
      else
        g_object_unref (window);
    }
  for (guint i = 0; i < others->len; i++)
    gtk_window_destroy (g_ptr_array_index (others, i));
  mg_gui_test_iterate ();
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  close_other_windows (fixture);
  mg_gui_test_close_window (fixture->window);
  g_clear_object (&fixture->speech);
  mg_gui_test_remove_dir (fixture->dir);
  g_free (fixture->dir);
}

static void
open_fixture (Fixture    *fixture,
              const char *name)
{
  fixture->speech = mg_gui_test_copy_fixture (fixture->dir, name);
  mg_window_open_file (fixture->window, fixture->speech);
  mg_gui_test_wait_loaded (fixture->window);
  g_assert_true (mg_window_has_document (fixture->window));
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

/* Code point offset of @needle in the speech. */
static guint
offset_of (Fixture    *fixture,
           const char *needle)
{
  MgAnnotationStore *store = mg_window_get_store (fixture->window);
  const char *text = mg_document_get_text (mg_annotation_store_get_document (store));
  const char *found = strstr (text, needle);

  g_assert_nonnull (found);
  return (guint) g_utf8_pointer_to_offset (text, found);
}

static MgAnnotation *
annotate (Fixture    *fixture,
          const char *quote,
          const char *tag,
          const char *author)
{
  MgAnnotationStore *store = mg_window_get_store (fixture->window);
  guint start = offset_of (fixture, quote);
  const char *tags[] = { tag, NULL };
  g_autoptr(GError) error = NULL;
  MgAnnotation *annotation;

  annotation = mg_annotation_store_create (store, start, start + g_utf8_strlen (quote, -1),
                                           tag ? tags : NULL, NULL, FALSE, author, &error);
  g_assert_no_error (error);
  mg_gui_test_iterate ();
  return annotation;
}

/* The message dialog shown over the window, NULL when none. */
static AdwMessageDialog *
find_message_dialog (void)
{
  return (AdwMessageDialog *) mg_gui_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
}

/* Empty window: nothing to search, nothing to suggest. */

static void
test_empty_window (Fixture       *fixture,
                   gconstpointer  data)
{
  MgWindow *window = fixture->window;
  gboolean shown = mg_window_get_show_suggestions (window);

  g_assert_false (gtk_widget_get_sensitive (mg_window_get_find_button (window)));
  g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (mg_window_get_suggestions_button (window))));
  /* Ctrl+F and F7 do nothing there. */
  action (fixture, "win.find", NULL);
  g_assert_false (gtk_search_bar_get_search_mode (mg_window_get_search_bar (window)));
  action (fixture, "win.show-suggestions", NULL);
  g_assert_cmpint (mg_window_get_show_suggestions (window), ==, shown);

  open_fixture (fixture, "gui-speech-zh.txt");
  g_assert_true (gtk_widget_get_sensitive (mg_window_get_find_button (window)));
  g_assert_true (gtk_widget_get_sensitive (GTK_WIDGET (mg_window_get_suggestions_button (window))));
  g_assert_true (action (fixture, "win.find", NULL));
  g_assert_true (gtk_search_bar_get_search_mode (mg_window_get_search_bar (window)));
}

/* Opening a sidecar opens its speech. */

static void
test_open_sidecar (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GFile) sidecar = NULL;
  g_autoptr(GError) error = NULL;
  MgWindow *second;
  guint n_windows;

  open_fixture (fixture, "gui-speech-zh.txt");
  annotate (fixture, "项目为王", NULL, NULL);
  g_assert_true (mg_window_save (fixture->window, &error));
  g_assert_no_error (error);
  sidecar = mg_sidecar_default_file (fixture->speech);
  g_assert_true (g_file_query_exists (sidecar, NULL));

  /* The speech is shown already: its window comes forward, no other opens. */
  n_windows = g_list_length (gtk_application_get_windows (GTK_APPLICATION (app)));
  g_application_open (G_APPLICATION (app), &sidecar, 1, "");
  mg_gui_test_iterate ();
  g_assert_cmpuint (g_list_length (gtk_application_get_windows (GTK_APPLICATION (app))), ==, n_windows);

  /* Another window opening the sidecar shows the speech with its
   * annotations, and saves to the same sidecar. */
  second = mg_window_new (app);
  mg_gui_test_present (GTK_WINDOW (second));
  mg_window_open_file (second, sidecar);
  mg_gui_test_wait_loaded (second);
  g_assert_true (mg_window_has_document (second));
  g_assert_true (g_file_equal (mg_window_get_file (second), fixture->speech));
  g_assert_true (g_file_equal (mg_sidecar_get_file (mg_window_get_sidecar (second)), sidecar));
  g_assert_cmpuint (mg_annotation_store_get_n_annotations (mg_window_get_store (second)), ==, 1);
  g_assert_true (mg_window_get_writable (second));
  gtk_window_destroy (GTK_WINDOW (second));
  mg_gui_test_iterate ();
}

static void
test_open_sidecar_without_speech (Fixture       *fixture,
                                  gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "gone.txt.marginalia.json", NULL);
  g_autoptr(GFile) sidecar = g_file_new_for_path (path);
  g_autoptr(GFile) speech = mg_sidecar_document_file (sidecar);
  AdwMessageDialog *dialog;

  g_assert_true (g_str_has_suffix (g_file_peek_path (speech), "/gone.txt"));
  g_assert_true (g_file_set_contents (path, "{\"format\": \"marginalia-annotations\"}", -1, NULL));

  mg_window_open_file (fixture->window, sidecar);
  mg_gui_test_wait_loaded (fixture->window);
  g_assert_false (mg_window_has_document (fixture->window));
  dialog = find_message_dialog ();
  g_assert_nonnull (dialog);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "gone.txt.marginalia.json"));
  /* Nothing was written. */
  g_assert_false (g_file_query_exists (speech, NULL));
}

/* F1: the user guide in the browser. */

static gboolean
browser_called (gpointer data)
{
  return g_file_test (browser_log, G_FILE_TEST_EXISTS);
}

static void
test_help (Fixture       *fixture,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) help = mg_application_dup_help_file (&error);
  g_auto(GStrv) accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app), "app.help");
  g_autofree char *contents = NULL;
  g_autofree char *opened = NULL;
  g_autofree char *uri = NULL;
  gint64 deadline;

  g_assert_no_error (error);
  g_assert_nonnull (accels);
  g_assert_cmpstr (accels[0], ==, "F1");
  g_assert_true (g_file_load_contents (help, NULL, &contents, NULL, NULL, NULL));
  g_assert_nonnull (strstr (contents, "<title>Marginalia Help</title>"));
  /* Every link of the page's contents leads to a section of it. */
  for (const char *at = strstr (contents, "href=\"#"); at != NULL; at = strstr (at + 1, "href=\"#"))
    {
      g_autofree char *id = g_strndup (at + 7, strcspn (at + 7, "\""));
      g_autofree char *target = g_strdup_printf ("id=\"%s\"", id);

      g_assert_nonnull (strstr (contents, target));
    }

  /* F1 hands the page to the default browser (here a script that notes
   * what it was given). */
  g_unlink (browser_log);
  g_assert_true (g_action_group_has_action (G_ACTION_GROUP (app), "help"));
  g_action_group_activate_action (G_ACTION_GROUP (app), "help", NULL);
  deadline = mg_gui_test_deadline ();
  while (!browser_called (NULL) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, FALSE), g_usleep (10000);
  g_assert_true (g_file_get_contents (browser_log, &opened, NULL, NULL));
  g_strstrip (opened);
  /* %u of a local file is given as its path. */
  uri = g_file_get_uri (help);
  if (!g_str_equal (opened, uri))
    g_assert_cmpstr (opened, ==, g_file_peek_path (help));
}

/* Import and export in the window. */

static GFile *
write_w3c_export (Fixture *fixture)
{
  MgAnnotationStore *store = mg_window_get_store (fixture->window);
  g_autoptr(MgSummary) summary = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (fixture->dir, "exported.jsonld", NULL);

  summary = mg_summary_new (store, NULL, &error);
  g_assert_no_error (error);
  bytes = mg_export_to_bytes (summary, MG_EXPORT_FORMAT_W3C, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_file_set_contents (path, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), NULL));
  return g_file_new_for_path (path);
}

static GtkNativeDialog *
import_chooser (Fixture *fixture)
{
  return g_object_get_data (G_OBJECT (fixture->window), "mg-import-chooser");
}

/* The file chooser is GTK's: its answer is what mg_window_import_file is
 * given. The action opens it; cancelling it changes nothing. */
static void
import_through_window (Fixture *fixture,
                       GFile   *file)
{
  GtkNativeDialog *chooser;

  g_assert_true (action (fixture, "win.import", NULL));
  chooser = import_chooser (fixture);
  g_assert_nonnull (chooser);
  g_assert_true (gtk_native_dialog_get_visible (chooser));
  g_signal_emit_by_name (chooser, "response", GTK_RESPONSE_CANCEL);
  mg_gui_test_iterate ();
  g_assert_null (import_chooser (fixture));
  mg_window_import_file (fixture->window, file, NULL);
  mg_gui_test_iterate ();
}

static gboolean
chooser_has_file (gpointer data)
{
  GtkFileChooser *dialog = GTK_FILE_CHOOSER (mg_gui_test_find_toplevel (GTK_TYPE_FILE_CHOOSER_DIALOG));
  g_autoptr(GFile) chosen = dialog != NULL ? gtk_file_chooser_get_file (dialog) : NULL;

  return chosen != NULL && g_file_equal (chosen, data);
}

static gboolean
chooser_closed (gpointer data)
{
  return import_chooser (data) == NULL;
}

/* "Import Annotations…" as a reader uses it: the chooser (GTK's own
 * dialog here, no portal under Xvfb) opens on the speech's folder, the
 * file is chosen in it and its Import button pressed. */
static void
import_by_choosing (Fixture *fixture,
                    GFile   *file)
{
  GtkWindow *dialog;
  GtkWidget *button;
  g_autoptr(GError) error = NULL;

  g_assert_true (action (fixture, "win.import", NULL));
  g_assert_nonnull (import_chooser (fixture));
  dialog = mg_gui_test_find_toplevel (GTK_TYPE_FILE_CHOOSER_DIALOG);
  g_assert_nonnull (dialog);
  mg_gui_test_wait_on_monitor (dialog);
  g_assert_true (gtk_window_get_modal (dialog));
  g_assert_true (gtk_window_get_transient_for (dialog) == GTK_WINDOW (fixture->window));
  {
    g_autoptr(GFile) folder = gtk_file_chooser_get_current_folder (GTK_FILE_CHOOSER (dialog));
    g_autoptr(GFile) expected = g_file_new_for_path (fixture->dir);

    g_assert_nonnull (folder);
    g_assert_true (g_file_equal (folder, expected));
  }

  g_assert_true (gtk_file_chooser_set_file (GTK_FILE_CHOOSER (dialog), file, &error));
  g_assert_no_error (error);
  g_assert_true (mg_gui_test_wait_for (chooser_has_file, file));
  button = gtk_dialog_get_widget_for_response (GTK_DIALOG (dialog), GTK_RESPONSE_ACCEPT);
  g_assert_nonnull (button);
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (button)), ==, "_Import");
  g_assert_true (gtk_widget_is_sensitive (button));
  g_assert_true (gtk_widget_activate (button));
  g_assert_true (mg_gui_test_wait_for (chooser_closed, fixture));
  dialog = mg_gui_test_find_toplevel (GTK_TYPE_FILE_CHOOSER_DIALOG);
  g_assert_true (dialog == NULL || !gtk_widget_get_visible (GTK_WIDGET (dialog)));
}

static void
test_import (Fixture       *fixture,
             gconstpointer  data)
{
  MgAnnotationStore *store;
  g_autoptr(GFile) exported = NULL;
  g_autofree char *bad_path = NULL;
  g_autoptr(GFile) bad = NULL;
  AdwMessageDialog *dialog;

  g_assert_false (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.import", NULL) &&
                  import_chooser (fixture) != NULL);
  open_fixture (fixture, "gui-speech-zh.txt");
  store = mg_window_get_store (fixture->window);
  annotate (fixture, "项目为王", "slogan", "Li Wei");
  annotate (fixture, "百分之六点五", "figure", "Wang Fang");
  exported = write_w3c_export (fixture);
  while (mg_annotation_store_get_n_annotations (store) > 0)
    mg_annotation_store_remove (store, mg_annotation_store_get_annotation (store, 0));

  /* The export menu's "Import Annotations…", the file chosen in it. */
  import_by_choosing (fixture, exported);
  g_assert_cmpuint (mg_annotation_store_get_n_annotations (store), ==, 2);
  g_assert_cmpstr (mg_annotation_get_author (mg_annotation_store_get_annotation (store, 0)), ==, "Wang Fang");
  g_assert_nonnull (mg_window_get_toast (fixture->window));
  g_assert_cmpstr (adw_toast_get_title (mg_window_get_toast (fixture->window)), ==, "Imported 2 annotations");
  /* One step to undo. */
  g_assert_true (action (fixture, "win.undo", NULL));
  g_assert_cmpuint (mg_annotation_store_get_n_annotations (store), ==, 0);
  g_assert_true (action (fixture, "win.redo", NULL));
  g_assert_cmpuint (mg_annotation_store_get_n_annotations (store), ==, 2);

  /* Again: nothing new. */
  import_through_window (fixture, exported);
  g_assert_cmpuint (mg_annotation_store_get_n_annotations (store), ==, 2);
  g_assert_nonnull (strstr (adw_toast_get_title (mg_window_get_toast (fixture->window)), "Nothing imported"));

  /* A file that is no W3C: a dialog with the whole reason; nothing changes. */
  bad_path = g_build_filename (fixture->dir, "bad.json", NULL);
  g_assert_true (g_file_set_contents (bad_path, "{\"hello\": 1}", -1, NULL));
  bad = g_file_new_for_path (bad_path);
  import_through_window (fixture, bad);
  dialog = find_message_dialog ();
  g_assert_nonnull (dialog);
  g_assert_nonnull (strstr (adw_message_dialog_get_heading (dialog), "bad.json"));
  g_assert_cmpuint (mg_annotation_store_get_n_annotations (store), ==, 2);
}

static void
collect_labels (GtkWidget *root,
                GPtrArray *labels)
{
  if (GTK_IS_LABEL (root))
    g_ptr_array_add (labels, root);
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_labels (child, labels);
}

static void
test_export_formats (Fixture       *fixture,
                     gconstpointer  data)
{
  static const MgExportFormat all[] = {
    MG_EXPORT_FORMAT_MARKDOWN, MG_EXPORT_FORMAT_HTML, MG_EXPORT_FORMAT_CSV,
    MG_EXPORT_FORMAT_TEXT, MG_EXPORT_FORMAT_PDF, MG_EXPORT_FORMAT_W3C,
    MG_EXPORT_FORMAT_JSON, MG_EXPORT_FORMAT_QDC, MG_EXPORT_FORMAT_QDPX,
  };
  MgExportDialog *dialog;
  GtkWidget *row;
  g_autofree char *path = g_build_filename (fixture->dir, "codebook.qdc", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *written = NULL;

  open_fixture (fixture, "gui-speech-zh.txt");
  annotate (fixture, "项目为王", "slogan", NULL);
  g_assert_true (action (fixture, "win.export", NULL));
  dialog = mg_window_get_export_dialog (fixture->window);
  g_assert_nonnull (dialog);
  row = mg_gui_test_find_widget (GTK_WIDGET (dialog), ADW_TYPE_COMBO_ROW, "_Format");
  g_assert_nonnull (row);

  /* Every format is offered, and its name is shown whole. */
  for (guint i = 0; i < G_N_ELEMENTS (all); i++)
    {
      const char *label = mg_export_format_get_label (all[i]);
      g_autoptr(GPtrArray) labels = g_ptr_array_new ();
      gboolean shown = FALSE;

      mg_export_dialog_set_format (dialog, all[i]);
      mg_gui_test_iterate ();
      g_assert_cmpint (mg_export_dialog_get_format (dialog), ==, all[i]);
      /* Laid out at its size. */
      while (gtk_widget_get_width (row) == 0)
        g_main_context_iteration (NULL, TRUE);
      gtk_widget_measure (GTK_WIDGET (dialog), GTK_ORIENTATION_HORIZONTAL, -1, NULL, NULL, NULL, NULL);
      g_main_context_iteration (NULL, FALSE);
      collect_labels (row, labels);
      for (guint l = 0; l < labels->len; l++)
        {
          GtkLabel *widget = g_ptr_array_index (labels, l);

          if (!gtk_widget_get_mapped (GTK_WIDGET (widget)) ||
              g_strcmp0 (gtk_label_get_text (widget), label) != 0)
            continue;
          shown = TRUE;
          g_assert_false (pango_layout_is_ellipsized (gtk_label_get_layout (widget)));
        }
      g_assert_true (shown);
    }

  /* The codebook is written from the window. */
  /* (The dialog closes once the file is written.) */
  g_object_ref (dialog);
  mg_export_dialog_set_format (dialog, MG_EXPORT_FORMAT_QDC);
  mg_export_dialog_export_to_file (dialog, file);
  while (mg_export_dialog_get_exporting (dialog))
    g_main_context_iteration (NULL, TRUE);
  g_object_unref (dialog);
  mg_gui_test_iterate ();
  g_assert_true (g_file_get_contents (path, &written, NULL, NULL));
  g_assert_nonnull (strstr (written, "urn:QDA-XML:codebook:1.0"));
}

/* A message too long for a toast goes to a dialog, whole. */
static void
test_long_message (Fixture       *fixture,
                   gconstpointer  data)
{
  const char *longer = "Could not merge changes made elsewhere: not a Marginalia annotations file: "
                       "it has no “format” member, and the rest of this sentence is long enough "
                       "to run past any toast";
  AdwMessageDialog *dialog;

  open_fixture (fixture, "gui-speech-zh.txt");
  while (gtk_widget_get_width (GTK_WIDGET (fixture->window)) == 0)
    g_main_context_iteration (NULL, TRUE);

  mg_window_show_message_or_toast (fixture->window, "Highlighted");
  g_assert_nonnull (mg_window_get_toast (fixture->window));
  g_assert_null (find_message_dialog ());

  mg_window_show_message_or_toast (fixture->window, longer);
  dialog = find_message_dialog ();
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Could not merge changes made elsewhere");
  g_assert_true (g_str_has_prefix (adw_message_dialog_get_body (dialog), "not a Marginalia annotations file"));
  g_assert_true (g_str_has_suffix (adw_message_dialog_get_body (dialog), "past any toast"));
  /* The toast on screen did not take it. */
  g_assert_cmpstr (adw_toast_get_title (mg_window_get_toast (fixture->window)), ==, "Highlighted");
}

/* Accessibility: every control of the window has a name a screen reader
 * can say: its label property, a labelling widget, or its own text. */

static gboolean
is_control (GtkWidget *widget)
{
  return GTK_IS_BUTTON (widget) || GTK_IS_MENU_BUTTON (widget) || GTK_IS_CHECK_BUTTON (widget) ||
         GTK_IS_SWITCH (widget) || GTK_IS_DROP_DOWN (widget) || GTK_IS_SEARCH_ENTRY (widget) ||
         GTK_IS_ENTRY (widget) || GTK_IS_TEXT_VIEW (widget) || GTK_IS_SCALE (widget) ||
         GTK_IS_SPIN_BUTTON (widget) || GTK_IS_LIST_VIEW (widget) || GTK_IS_LIST_BOX (widget);
}

static gboolean
has_text_label (GtkWidget *widget)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_get_visible (widget) &&
      *gtk_label_get_text (GTK_LABEL (widget)) != '\0')
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (has_text_label (child))
      return TRUE;
  return FALSE;
}

static gboolean
has_name (GtkWidget *widget)
{
  GtkAccessible *accessible = GTK_ACCESSIBLE (widget);

  return gtk_test_accessible_has_property (accessible, GTK_ACCESSIBLE_PROPERTY_LABEL) ||
         gtk_test_accessible_has_relation (accessible, GTK_ACCESSIBLE_RELATION_LABELLED_BY) ||
         ((GTK_IS_BUTTON (widget) || GTK_IS_CHECK_BUTTON (widget) || GTK_IS_MENU_BUTTON (widget)) &&
          has_text_label (widget));
}

static void
walk_controls (GtkWidget *widget,
               gboolean   inside_named,
               GString   *unnamed,
               guint     *n_checked)
{
  gboolean named = inside_named;

  if (!gtk_widget_get_mapped (widget))
    return;
  /* GtkText inside an entry is the entry's. */
  if (is_control (widget) && !inside_named)
    {
      (*n_checked)++;
      named = has_name (widget);
      if (!named)
        g_string_append_printf (unnamed, " %s(%s)", G_OBJECT_TYPE_NAME (widget),
                                gtk_widget_get_tooltip_text (widget) ? gtk_widget_get_tooltip_text (widget) : "");
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    walk_controls (child, named && is_control (widget) ? TRUE : inside_named, unnamed, n_checked);
}

static void
test_accessible_names (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GString) unnamed = g_string_new (NULL);
  guint n_checked = 0;

  /* The empty window. */
  walk_controls (GTK_WIDGET (fixture->window), FALSE, unnamed, &n_checked);
  g_assert_cmpstr (unnamed->str, ==, "");
  g_assert_cmpuint (n_checked, >=, 6);

  /* A speech with annotations by two members: the pane with its chips,
   * filters and rows. */
  open_fixture (fixture, "gui-speech-zh.txt");
  annotate (fixture, "项目为王", "slogan", "Li Wei");
  annotate (fixture, "百分之六点五", "figure", "Wang Fang");
  mg_gui_test_iterate ();
  n_checked = 0;
  walk_controls (GTK_WIDGET (fixture->window), FALSE, unnamed, &n_checked);
  g_assert_cmpstr (unnamed->str, ==, "");
  g_assert_cmpuint (n_checked, >=, 15);
  g_assert_true (gtk_test_accessible_has_role (GTK_ACCESSIBLE (mg_document_view_get_text_view (MG_DOCUMENT_VIEW (mg_window_get_document_view (fixture->window)))),
                                               GTK_ACCESSIBLE_ROLE_TEXT_BOX));
}

/* The annotations at the cursor are the text view's description. */
static void
test_cursor_description (Fixture       *fixture,
                         gconstpointer  data)
{
  MgDocumentView *view;
  GtkTextView *text_view;
  GtkTextBuffer *buffer;
  GtkTextIter iter;
  MgAnnotation *annotation;
  char *problem;

  open_fixture (fixture, "gui-speech-zh.txt");
  view = MG_DOCUMENT_VIEW (mg_window_get_document_view (fixture->window));
  text_view = mg_document_view_get_text_view (view);
  buffer = gtk_text_view_get_buffer (text_view);
  annotation = annotate (fixture, "项目为王", "slogan", "Li Wei");

  /* Outside any annotation: no description. */
  gtk_text_buffer_get_start_iter (buffer, &iter);
  gtk_text_buffer_place_cursor (buffer, &iter);
  mg_gui_test_iterate ();
  g_assert_cmpstr (mg_document_view_get_cursor_description (view), ==, "");
  g_assert_false (gtk_test_accessible_has_property (GTK_ACCESSIBLE (text_view), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION));

  /* Into it with the keyboard's caret. */
  gtk_text_buffer_get_iter_at_offset (buffer, &iter, offset_of (fixture, "为王"));
  gtk_text_buffer_place_cursor (buffer, &iter);
  mg_gui_test_iterate ();
  g_assert_cmpstr (mg_document_view_get_cursor_description (view), ==, "Slogan, by Li Wei");
  problem = gtk_test_accessible_check_property (GTK_ACCESSIBLE (text_view),
                                                GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, "Slogan, by Li Wei");
  g_assert_null (problem);

  /* A change to the annotation under the cursor is told too. */
  mg_annotation_store_set_note (mg_window_get_store (fixture->window), annotation, "看重点");
  mg_annotation_store_set_starred (mg_window_get_store (fixture->window), annotation, TRUE);
  mg_gui_test_iterate ();
  mg_document_view_refresh (view);
  g_assert_cmpstr (mg_document_view_get_cursor_description (view), ==, "Slogan, starred, by Li Wei: 看重点");

  /* An overlapping highlight: innermost first. */
  annotate (fixture, "坚持“ 项目为王 ”", NULL, "Wang Fang");
  mg_document_view_refresh (view);
  g_assert_cmpstr (mg_document_view_get_cursor_description (view), ==,
                   "Slogan, starred, by Li Wei: 看重点; Highlight, by Wang Fang");
}

/* Several members over one passage: a bar in the gutter beside it. */
static void
test_member_overlaps (Fixture       *fixture,
                      gconstpointer  data)
{
  MgDocumentView *view;
  GArray *overlaps;
  GtkWidget *gutter;
  MgAnnotation *other;
  guint start = 0;

  open_fixture (fixture, "gui-speech-zh.txt");
  view = MG_DOCUMENT_VIEW (mg_window_get_document_view (fixture->window));
  gutter = mg_document_view_get_members_gutter (view);
  /* One member twice over a passage: an overlap, not of two members. */
  annotate (fixture, "三年大变样", "slogan", "Li Wei");
  annotate (fixture, "实现“ 三年大变样 ”的目标", "policy-goal", "Li Wei");
  mg_document_view_refresh (view);
  overlaps = mg_document_view_get_member_overlaps (view);
  g_assert_cmpuint (overlaps->len, ==, 0);
  g_assert_false (gtk_widget_get_visible (gutter));
  g_assert_cmpint (gtk_text_view_get_left_margin (mg_document_view_get_text_view (view)), ==, 32);

  /* Two members: marked, only where both are. */
  annotate (fixture, "项目为王", "slogan", "Li Wei");
  other = annotate (fixture, "坚持“ 项目为王 ”，新开工", NULL, "Wang Fang");
  mg_document_view_refresh (view);
  g_assert_cmpuint (overlaps->len, ==, 1);
  start = offset_of (fixture, "项目为王");
  g_assert_cmpuint (g_array_index (overlaps, guint, 0), ==, start);
  g_assert_cmpuint (g_array_index (overlaps, guint, 1), ==, start + 4);
  g_assert_true (gtk_widget_get_visible (gutter));
  /* The gutter takes its width from the margin: the text does not move. */
  g_assert_cmpint (gtk_text_view_get_left_margin (mg_document_view_get_text_view (view)), ==, 24);
  while (gtk_widget_get_width (gutter) == 0)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpint (gtk_widget_get_width (gutter), ==, 8);

  /* Gone with the second member's annotation. */
  mg_annotation_store_remove (mg_window_get_store (fixture->window), other);
  mg_document_view_refresh (view);
  g_assert_cmpuint (overlaps->len, ==, 0);
  g_assert_false (gtk_widget_get_visible (gutter));

  /* Nested and chained: A [0, 10), B [2, 5), A [6, 8), C [7, 12), from
   * the start of the second paragraph: B in A, then C over both A's. */
  start = offset_of (fixture, "今天召开");
  {
    static const struct { guint start, end; const char *author; } spans[] = {
      { 0, 10, "A" }, { 2, 5, "B" }, { 6, 8, "A" }, { 7, 12, "C" },
    };
    MgAnnotationStore *store = mg_window_get_store (fixture->window);

    for (guint i = 0; i < G_N_ELEMENTS (spans); i++)
      g_assert_nonnull (mg_annotation_store_create (store, start + spans[i].start, start + spans[i].end,
                                                    NULL, NULL, FALSE, spans[i].author, NULL));
  }
  mg_document_view_refresh (view);
  g_assert_cmpuint (overlaps->len, ==, 2);
  g_assert_cmpuint (g_array_index (overlaps, guint, 0), ==, start + 2);
  g_assert_cmpuint (g_array_index (overlaps, guint, 1), ==, start + 5);
  g_assert_cmpuint (g_array_index (overlaps, guint, 2), ==, start + 7);
  g_assert_cmpuint (g_array_index (overlaps, guint, 3), ==, start + 10);
}

/* The pane's rows, each with its annotation. */
static void
collect_rows (GtkWidget *root,
              GPtrArray *rows)
{
  if (MG_IS_ANNOTATION_ROW (root) && gtk_widget_get_mapped (root))
    g_ptr_array_add (rows, root);
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_rows (child, rows);
}

static MgAnnotationRow *
row_of (Fixture      *fixture,
        MgAnnotation *annotation)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();

  /* An annotation is in one list only: placed, or orphaned. */
  collect_rows (mg_window_get_pane (fixture->window), rows);
  for (guint i = 0; i < rows->len; i++)
    if (mg_annotation_row_get_annotation (g_ptr_array_index (rows, i)) == annotation)
      return g_ptr_array_index (rows, i);
  return NULL;
}

static void
test_group_headings (Fixture       *fixture,
                     gconstpointer  data)
{
  MgAnnotationPane *pane;
  MgAnnotation *figure, *slogan_1, *slogan_2, *plain;

  open_fixture (fixture, "gui-speech-zh.txt");
  pane = MG_ANNOTATION_PANE (mg_window_get_pane (fixture->window));
  plain = annotate (fixture, "全市作风建设", NULL, NULL);
  slogan_1 = annotate (fixture, "项目为王", "slogan", NULL);
  figure = annotate (fixture, "新开工重大项目", "figure", NULL);
  slogan_2 = annotate (fixture, "三年大变样", "slogan", NULL);
  mg_gui_test_iterate ();

  /* By position: no headings. */
  g_assert_null (mg_annotation_row_get_heading (row_of (fixture, figure)));
  g_assert_null (mg_annotation_row_get_heading (row_of (fixture, slogan_1)));

  /* By tag: the first row of each group names it. */
  mg_annotation_pane_set_sort_by (pane, "tag");
  mg_gui_test_iterate ();
  g_assert_cmpstr (mg_annotation_row_get_heading (row_of (fixture, figure)), ==, "Figure");
  g_assert_cmpstr (mg_annotation_row_get_heading (row_of (fixture, slogan_1)), ==, "Slogan");
  g_assert_null (mg_annotation_row_get_heading (row_of (fixture, slogan_2)));
  g_assert_cmpstr (mg_annotation_row_get_heading (row_of (fixture, plain)), ==, "Highlights");

  /* The first slogan retagged: the second one starts its group now, and
   * the retagged one, earlier in the speech, the figures. */
  mg_annotation_store_set_tags (mg_window_get_store (fixture->window), slogan_1,
                                (const char *[]) { "figure", NULL }, NULL);
  mg_gui_test_iterate ();
  g_assert_cmpstr (mg_annotation_row_get_heading (row_of (fixture, slogan_2)), ==, "Slogan");
  g_assert_cmpstr (mg_annotation_row_get_heading (row_of (fixture, slogan_1)), ==, "Figure");
  g_assert_null (mg_annotation_row_get_heading (row_of (fixture, figure)));

  mg_annotation_pane_set_sort_by (pane, "position");
  mg_gui_test_iterate ();
  g_assert_null (mg_annotation_row_get_heading (row_of (fixture, slogan_2)));
  g_assert_null (mg_annotation_row_get_heading (row_of (fixture, figure)));
}

static GtkGestureClick *
row_click (MgAnnotationRow *row)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (row));

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_GESTURE_CLICK (controller))
        return GTK_GESTURE_CLICK (controller);
    }
  return NULL;
}

/* Clicking the selected row again goes back to its passage. */
static gboolean
scrolled_down (gpointer data)
{
  return gtk_adjustment_get_value (data) > 100;
}

static void
test_reselect_scrolls (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "long.txt", NULL);
  g_autoptr(GString) text = g_string_new ("A long speech\n\n");
  MgAnnotationPane *pane;
  GtkAdjustment *vadjustment;
  MgAnnotation *far;
  MgAnnotationRow *row;
  GtkGestureClick *click;
  GtkWidget *text_view;

  for (guint i = 0; i < 300; i++)
    g_string_append_printf (text, "Paragraph %u of the speech, with words enough to fill a line or two.\n\n", i);
  g_string_append (text, "The last word goes here.\n");
  g_assert_true (g_file_set_contents (path, text->str, -1, NULL));
  fixture->speech = g_file_new_for_path (path);
  mg_window_open_file (fixture->window, fixture->speech);
  mg_gui_test_wait_loaded (fixture->window);
  pane = MG_ANNOTATION_PANE (mg_window_get_pane (fixture->window));
  text_view = GTK_WIDGET (mg_document_view_get_text_view (MG_DOCUMENT_VIEW (mg_window_get_document_view (fixture->window))));
  vadjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (text_view));

  far = annotate (fixture, "The last word", NULL, NULL);
  mg_annotation_pane_select (pane, far);
  g_signal_emit_by_name (pane, "annotation-activated", far);
  mg_gui_test_wait_scrolled (text_view, scrolled_down, vadjustment);
  g_assert_cmpfloat (gtk_adjustment_get_value (vadjustment), >, 100);

  /* Scrolled away by hand, then the selected row clicked again. */
  gtk_adjustment_set_value (vadjustment, 0);
  mg_gui_test_iterate ();
  g_assert_true (mg_annotation_pane_get_selected (pane) == far);
  row = row_of (fixture, far);
  g_assert_nonnull (row);
  click = row_click (row);
  g_assert_nonnull (click);
  g_signal_emit_by_name (click, "pressed", 1, 10.0, 10.0);
  g_signal_emit_by_name (click, "released", 1, 10.0, 10.0);
  mg_gui_test_wait_scrolled (text_view, scrolled_down, vadjustment);
  g_assert_cmpfloat (gtk_adjustment_get_value (vadjustment), >, 100);
}

/* Nine tags: the chips wrap like words, several a line (a line ends only
 * where the next chip does not fit), and the selection popover stays
 * narrow. Returns the number of lines. */
static guint
count_lines (GtkWidget *box,
             double    *out_width)
{
  double right = 0, line_end = 0, top = -1;
  int width = gtk_widget_get_width (box);
  guint lines = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (box); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      graphene_rect_t bounds;

      g_assert_true (gtk_widget_compute_bounds (child, box, &bounds));
      if (lines == 0 || bounds.origin.y > top + 1)
        {
          /* A new line: the chip would not have fitted on the last one. */
          if (lines > 0)
            g_assert_cmpfloat (line_end + 4 + bounds.size.width, >, width);
          lines++;
          top = bounds.origin.y;
        }
      else
        g_assert_cmpfloat (ABS (bounds.origin.y - top), <, 1);
      line_end = bounds.origin.x + bounds.size.width;
      right = MAX (right, line_end);
    }
  if (out_width != NULL)
    *out_width = right;
  return lines;
}

static void
test_many_tags (Fixture       *fixture,
                gconstpointer  data)
{
  static const char *names[] = { "Reform measure", "Risk", "Party building", "Livelihood",
                                 "Innovation", "Opening up" };
  MgAnnotationStore *store;
  GtkWidget *filter_box;
  MgTagPopover *popover;
  MgDocumentView *view;
  double width;
  guint start;

  open_fixture (fixture, "gui-speech-zh.txt");
  store = mg_window_get_store (fixture->window);
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *id = g_strdup_printf ("tag-%u", i);
      g_autoptr(MgTag) tag = mg_tag_new (id, names[i], "#62a0ea", "");

      g_assert_true (mg_annotation_store_add_tag (store, tag, NULL));
    }
  g_assert_cmpuint (mg_tag_set_get_n_tags (mg_annotation_store_get_tag_set (store)), ==, 9);
  annotate (fixture, "项目为王", "slogan", NULL);
  /* The pane's tag filter: its first wrap box. */
  filter_box = mg_gui_test_find_widget (mg_window_get_pane (fixture->window), MG_TYPE_WRAP_BOX, NULL);
  g_assert_nonnull (filter_box);
  while (gtk_widget_get_width (filter_box) == 0)
    g_main_context_iteration (NULL, TRUE);
  mg_gui_test_iterate ();
  /* Under 300 pixels wide: two chips a line at least. */
  g_assert_cmpuint (count_lines (filter_box, NULL), <=, 5);
  g_assert_cmpuint (count_lines (filter_box, NULL), >=, 2);

  view = MG_DOCUMENT_VIEW (mg_window_get_document_view (fixture->window));
  start = offset_of (fixture, "三年大变样");
  mg_document_view_select_range (view, start, start + 5);
  g_assert_true (action (fixture, "win.show-tag-popover", NULL));
  popover = mg_document_view_get_tag_popover (view);
  while (!gtk_widget_get_mapped (GTK_WIDGET (popover)) || gtk_widget_get_width (GTK_WIDGET (popover)) == 0)
    g_main_context_iteration (NULL, TRUE);
  mg_gui_test_iterate ();
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (popover)), <=, 520);
  {
    GtkWidget *tag_box = mg_gui_test_find_widget (GTK_WIDGET (popover), MG_TYPE_WRAP_BOX, NULL);
    guint lines = count_lines (tag_box, &width);

    g_assert_cmpuint (lines, >=, 2);
    g_assert_cmpuint (lines, <=, 4);
    g_assert_cmpfloat (width, <=, 460);
  }
  gtk_popover_popdown (GTK_POPOVER (popover));
  mg_gui_test_iterate ();
}

/* Members' layers: their own palette, a legend for the heat view, and
 * remembered for the speech. */

static double
color_distance (const char *a,
                const char *b)
{
  GdkRGBA x, y;

  g_assert_true (gdk_rgba_parse (&x, a));
  g_assert_true (gdk_rgba_parse (&y, b));
  return 255 * sqrt ((x.red - y.red) * (x.red - y.red) + (x.green - y.green) * (x.green - y.green) +
                     (x.blue - y.blue) * (x.blue - y.blue));
}

static GFile *
write_member (Fixture    *fixture,
              const char *name,
              const char *author,
              const char *quote)
{
  MgAnnotationStore *own = mg_window_get_store (fixture->window);
  g_autofree char *path = g_build_filename (fixture->dir, name, NULL);
  GFile *file = g_file_new_for_path (path);
  g_autoptr(MgSidecar) sidecar = mg_sidecar_new (file, mg_annotation_store_get_document (own));
  g_autoptr(GError) error = NULL;
  guint start = offset_of (fixture, quote);

  mg_annotation_store_create (mg_sidecar_get_store (sidecar), start, start + g_utf8_strlen (quote, -1),
                              NULL, NULL, FALSE, author, &error);
  g_assert_no_error (error);
  mg_sidecar_save (sidecar, NULL, &error);
  g_assert_no_error (error);
  return file;
}

static gboolean
has_layers (MgStudy *study,
            guint    n)
{
  return g_list_model_get_n_items (mg_study_get_layers (study)) == n;
}

static void
test_layers (Fixture       *fixture,
             gconstpointer  data)
{
  guint n_layer_colors, n_tag_colors;
  const char * const *layer_colors = mg_study_get_layer_palette (&n_layer_colors);
  const char * const *tag_colors = mg_tag_set_get_palette (&n_tag_colors);
  MgStudy *study;
  g_autoptr(GFile) alice = NULL;
  g_autoptr(GFile) bob = NULL;
  MgWindow *again;
  GtkWidget *legend = NULL;
  gint64 deadline;

  /* No layer colour is near a tag's. */
  for (guint i = 0; i < n_layer_colors; i++)
    {
      g_autoptr(MgTagSet) defaults = mg_tag_set_new_default ();

      for (guint t = 0; t < n_tag_colors; t++)
        g_assert_cmpfloat (color_distance (layer_colors[i], tag_colors[t]), >=, 45);
      for (guint t = 0; t < mg_tag_set_get_n_tags (defaults); t++)
        g_assert_cmpfloat (color_distance (layer_colors[i], mg_tag_get_color (mg_tag_set_get_tag (defaults, t))), >=, 45);
      for (guint j = 0; j < i; j++)
        g_assert_cmpfloat (color_distance (layer_colors[i], layer_colors[j]), >=, 45);
    }

  open_fixture (fixture, "gui-speech-zh.txt");
  study = mg_study_get_for_window (fixture->window);
  alice = write_member (fixture, "gui-speech-zh.txt.alice.marginalia.json", "Alice", "项目为王");
  bob = write_member (fixture, "gui-speech-zh.txt.bob.marginalia.json", "Bob", "三年大变样");
  g_assert_true (mg_study_add_layer (study, alice, NULL));
  g_assert_true (mg_study_add_layer (study, bob, NULL));
  {
    g_autoptr(MgLayer) first = g_list_model_get_item (mg_study_get_layers (study), 0);

    g_assert_cmpstr (mg_study_get_layer_color (study, first), ==, layer_colors[0]);
  }

  /* The legend follows the heat view. */
  legend = mg_study_get_heat_legend (study);
  g_assert_nonnull (legend);
  g_assert_false (gtk_widget_get_visible (legend));
  g_action_group_change_action_state (mg_study_get_actions (study), "heat", g_variant_new_boolean (TRUE));
  g_assert_true (gtk_widget_get_visible (legend));
  {
    g_autoptr(GPtrArray) labels = g_ptr_array_new ();
    g_autoptr(GString) shown = g_string_new (NULL);

    collect_labels (legend, labels);
    for (guint i = 0; i < labels->len; i++)
      g_string_append_printf (shown, "[%s]", gtk_label_get_text (g_ptr_array_index (labels, i)));
    g_assert_cmpstr (shown->str, ==, "[Highlighted by][ 1 ][ 2 ][ 3 ][ 4+ ][members]");
  }
  g_action_group_change_action_state (mg_study_get_actions (study), "heat", g_variant_new_boolean (FALSE));
  g_assert_false (gtk_widget_get_visible (legend));

  /* One removed; the speech reopened in another window shows the other. */
  g_list_store_remove (G_LIST_STORE (mg_study_get_layers (study)), 0);
  mg_gui_test_close_window (fixture->window);
  fixture->window = mg_window_new (app);
  mg_gui_test_present (GTK_WINDOW (fixture->window));
  mg_window_open_file (fixture->window, fixture->speech);
  mg_gui_test_wait_loaded (fixture->window);
  study = mg_study_get_for_window (fixture->window);
  deadline = mg_gui_test_deadline ();
  while (!has_layers (study, 1) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (has_layers (study, 1));
  {
    g_autoptr(MgLayer) layer = g_list_model_get_item (mg_study_get_layers (study), 0);

    g_assert_true (g_file_equal (mg_layer_get_file (layer), bob));
  }

  /* A file gone since is not shown. */
  g_assert_true (g_file_delete (bob, NULL, NULL));
  again = mg_window_new (app);
  mg_gui_test_present (GTK_WINDOW (again));
  mg_window_open_file (again, fixture->speech);
  mg_gui_test_wait_loaded (again);
  while (mg_study_is_restoring (mg_study_get_for_window (again)))
    g_main_context_iteration (NULL, TRUE);
  mg_gui_test_iterate ();
  g_assert_true (has_layers (mg_study_get_for_window (again), 0));
  gtk_window_destroy (GTK_WINDOW (again));
  mg_gui_test_iterate ();
}

/* The speech's remembered layers, the files' URIs, in order; NULL when
 * none are remembered. */
static char *
remembered_layers (Fixture *fixture)
{
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
  g_autoptr(GVariant) all = g_settings_get_value (settings, "study-layers");
  g_autofree char *key = g_file_get_uri (fixture->speech);
  GVariantIter iter;
  const char *uri;
  const char **files;
  char *found = NULL;

  g_variant_iter_init (&iter, all);
  while (g_variant_iter_next (&iter, "(&s^a&s)", &uri, &files))
    {
      if (g_str_equal (uri, key))
        {
          g_assert_null (found);
          found = g_strjoinv (" ", (char **) files);
        }
      g_free (files);
    }
  return found;
}

static char *
uris_of (GFile *first,
         ...)
{
  g_autoptr(GString) uris = g_string_new (NULL);
  va_list args;

  va_start (args, first);
  for (GFile *file = first; file != NULL; file = va_arg (args, GFile *))
    {
      g_autofree char *uri = g_file_get_uri (file);

      g_string_append_printf (uris, "%s%s", uris->len > 0 ? " " : "", uri);
    }
  va_end (args);
  return g_string_free (g_steal_pointer (&uris), FALSE);
}

/* Closes the window and opens the speech again in a new one, until its
 * remembered layers are all in; the window's message then, if any: the
 * toast's title, or a dialog's heading and body. */
static char *
reopen (Fixture *fixture)
{
  MgStudy *study;
  AdwMessageDialog *dialog;

  close_other_windows (fixture);
  mg_gui_test_close_window (fixture->window);
  fixture->window = mg_window_new (app);
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 1000, 700);
  mg_gui_test_present (GTK_WINDOW (fixture->window));
  mg_window_open_file (fixture->window, fixture->speech);
  mg_gui_test_wait_loaded (fixture->window);
  study = mg_study_get_for_window (fixture->window);
  while (mg_study_is_restoring (study))
    g_main_context_iteration (NULL, TRUE);
  mg_gui_test_iterate ();

  dialog = find_message_dialog ();
  if (dialog != NULL)
    {
      /* Never both. */
      g_assert_null (mg_window_get_toast (fixture->window));
      return g_strdup_printf ("%s: %s", adw_message_dialog_get_heading (dialog),
                              adw_message_dialog_get_body (dialog));
    }
  if (mg_window_get_toast (fixture->window) != NULL)
    return g_strdup (adw_toast_get_title (mg_window_get_toast (fixture->window)));
  return NULL;
}

/* The window shows @n layers, and remembers @uris for the speech. */
static void
check_layers (Fixture    *fixture,
              guint       n,
              const char *uris)
{
  g_autofree char *remembered = remembered_layers (fixture);

  g_assert_true (has_layers (mg_study_get_for_window (fixture->window), n));
  g_assert_cmpstr (remembered, ==, uris);
}

/* Restoring several layers says so once; one that can no longer be added
 * is said once, then forgotten. */
static void
test_layers_restore (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GFile) alice = NULL;
  g_autoptr(GFile) bob = NULL;
  g_autoptr(GFile) carol = NULL;
  g_autofree char *all_three = NULL;
  g_autofree char *only_alice = NULL;
  g_autofree char *message = NULL;
  MgStudy *study;

  open_fixture (fixture, "gui-speech-zh.txt");
  study = mg_study_get_for_window (fixture->window);
  alice = write_member (fixture, "gui-speech-zh.txt.alice.marginalia.json", "Alice", "项目为王");
  bob = write_member (fixture, "gui-speech-zh.txt.bob.marginalia.json", "Bob", "三年大变样");
  carol = write_member (fixture, "gui-speech-zh.txt.carol.marginalia.json", "Carol", "项目为王");
  all_three = uris_of (alice, bob, carol, NULL);
  only_alice = uris_of (alice, NULL);
  g_assert_true (mg_study_add_layer (study, alice, NULL));
  g_assert_true (mg_study_add_layer (study, bob, NULL));
  g_assert_true (mg_study_add_layer (study, carol, NULL));
  check_layers (fixture, 3, all_three);

  /* Three layers back, in one message, in their order. */
  message = reopen (fixture);
  g_assert_cmpstr (message, ==, "Restored the annotations of 3 members");
  g_clear_pointer (&message, g_free);
  check_layers (fixture, 3, all_three);

  /* Bob's file gone, Carol's no longer annotations: one message says
   * what came back and what did not, and those two are forgotten. */
  g_assert_true (g_file_delete (bob, NULL, NULL));
  g_assert_true (g_file_replace_contents (carol, "not json", 8, NULL, FALSE,
                                          G_FILE_CREATE_NONE, NULL, NULL, NULL));
  message = reopen (fixture);
  g_assert_true (g_str_has_prefix (message, "Restored the annotations of Alice. "
                                            "Could not restore 2 files, no longer remembered: "));
  g_assert_nonnull (strstr (message, "gui-speech-zh.txt.bob.marginalia.json"));
  g_assert_nonnull (strstr (message, "gui-speech-zh.txt.carol.marginalia.json"));
  g_clear_pointer (&message, g_free);
  check_layers (fixture, 1, only_alice);

  /* Not again. */
  message = reopen (fixture);
  g_assert_cmpstr (message, ==, "Restored the annotations of Alice");
  g_clear_pointer (&message, g_free);
  check_layers (fixture, 1, only_alice);

  /* The last one gone: said once, and the speech has none remembered. */
  g_assert_true (g_file_delete (alice, NULL, NULL));
  message = reopen (fixture);
  g_assert_cmpstr (message, ==, "Could not restore “gui-speech-zh.txt.alice.marginalia.json”, "
                                "no longer remembered: “gui-speech-zh.txt.alice.marginalia.json” "
                                "does not exist");
  check_layers (fixture, 0, NULL);
  g_assert_null (reopen (fixture));
  g_assert_null (reopen (fixture));
}

/* A browser for F1: a script that writes the URI it is given. */
static void
install_browser (const char *data_home,
                 const char *config_home)
{
  g_autofree char *apps = g_build_filename (data_home, "applications", NULL);
  g_autofree char *script = g_build_filename (data_home, "browser.sh", NULL);
  g_autofree char *desktop = g_build_filename (apps, "mg-test-browser.desktop", NULL);
  g_autofree char *mimeapps = g_build_filename (config_home, "mimeapps.list", NULL);
  g_autofree char *script_text = NULL;
  g_autofree char *desktop_text = NULL;

  browser_log = g_build_filename (data_home, "browser.log", NULL);
  script_text = g_strdup_printf ("#!/bin/sh\nprintf '%%s\\n' \"$1\" > '%s.tmp' && mv '%s.tmp' '%s'\n",
                                 browser_log, browser_log, browser_log);
  desktop_text = g_strdup_printf ("[Desktop Entry]\nType=Application\nName=Test Browser\n"
                                  "Exec=%s %%u\nMimeType=text/html;\nNoDisplay=true\n", script);
  g_assert_cmpint (g_mkdir_with_parents (apps, 0700), ==, 0);
  g_assert_cmpint (g_mkdir_with_parents (config_home, 0700), ==, 0);
  g_assert_true (g_file_set_contents (script, script_text, -1, NULL));
  g_assert_cmpint (g_chmod (script, 0700), ==, 0);
  g_assert_true (g_file_set_contents (desktop, desktop_text, -1, NULL));
  g_assert_true (g_file_set_contents (mimeapps,
                                      "[Default Applications]\ntext/html=mg-test-browser.desktop\n",
                                      -1, NULL));
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *data_home = NULL;
  g_autofree char *config_home = g_dir_make_tmp ("marginalia-polish-config-XXXXXX", NULL);
  int ret;

  /* Before GIO reads them. */
  g_setenv ("XDG_CONFIG_HOME", config_home, TRUE);
  app = mg_gui_test_init (&argc, &argv, &data_home);
  install_browser (data_home, config_home);

#define ADD(path, func) \
  g_test_add ("/window-polish/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("empty-window", test_empty_window);
  ADD ("open-sidecar", test_open_sidecar);
  ADD ("open-sidecar-without-speech", test_open_sidecar_without_speech);
  ADD ("help", test_help);
  ADD ("import", test_import);
  ADD ("export-formats", test_export_formats);
  ADD ("long-message", test_long_message);
  ADD ("accessible-names", test_accessible_names);
  ADD ("cursor-description", test_cursor_description);
  ADD ("member-overlaps", test_member_overlaps);
  ADD ("group-headings", test_group_headings);
  ADD ("reselect-scrolls", test_reselect_scrolls);
  ADD ("many-tags", test_many_tags);
  ADD ("layers", test_layers);
  ADD ("layers-restore", test_layers_restore);
#undef ADD

  ret = g_test_run ();
  mg_gui_test_finish (g_steal_pointer (&app), data_home);
  mg_gui_test_remove_dir (config_home);
  g_free (browser_log);
  return ret;
}
