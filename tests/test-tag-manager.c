/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Marginalia"
#include "config.h"

#include <adwaita.h>

#include "gui-test-util.h"
#include "mg-document-view.h"
#include "mg-tag-manager.h"
#include "mg-window.h"

/* The tag manager, driven through the window's and its own actions: every
 * change reaches the store as one undoable step and the rows follow. */

static MgApplication *app;

static void
activate (GtkWidget  *widget,
          const char *name,
          GVariant   *parameter)
{
  g_assert_true (gtk_widget_activate_action_variant (widget, name, parameter));
  mg_gui_test_iterate ();
}

static void
select_text (MgWindow   *window,
             const char *needle)
{
  MgDocumentView *view = MG_DOCUMENT_VIEW (mg_window_get_document_view (window));
  MgDocument *document = mg_annotation_store_get_document (mg_window_get_store (window));
  const char *text = mg_document_get_text (document);
  const char *found = strstr (text, needle);
  guint start;

  g_assert_nonnull (found);
  start = g_utf8_pointer_to_offset (text, found);
  mg_document_view_select_range (view, start, start + g_utf8_strlen (needle, -1));
  mg_gui_test_iterate ();
}

/* The title of each row of the manager's list, in order. */
static char *
row_titles (MgTagManager *manager)
{
  GtkWidget *first = mg_gui_test_find_widget (GTK_WIDGET (manager), ADW_TYPE_EXPANDER_ROW, NULL);
  GString *titles = g_string_new (NULL);

  g_assert_nonnull (first);
  for (GtkWidget *row = gtk_widget_get_first_child (gtk_widget_get_parent (first)); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    if (ADW_IS_EXPANDER_ROW (row))
      g_string_append_printf (titles, "%s%s", titles->len > 0 ? "|" : "",
                              adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)));
  return g_string_free (titles, FALSE);
}

static GtkWidget *
row_of (MgTagManager *manager,
        const char   *title)
{
  GtkWidget *row = mg_gui_test_find_widget (GTK_WIDGET (manager), ADW_TYPE_EXPANDER_ROW, title);

  g_assert_nonnull (row);
  return row;
}

static void
apply_entry (GtkWidget  *root,
             const char *title,
             const char *text)
{
  GtkWidget *entry = mg_gui_test_find_widget (root, ADW_TYPE_ENTRY_ROW, title);

  g_assert_nonnull (entry);
  gtk_editable_set_text (GTK_EDITABLE (entry), text);
  g_signal_emit_by_name (entry, "apply");
  mg_gui_test_iterate ();
}

static void
test_tag_manager (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("marginalia-tags-XXXXXX", &error);
  g_autoptr(GFile) speech = mg_gui_test_copy_fixture (dir, "gui-speech-zh.txt");
  MgWindow *window = mg_window_new (app);
  MgAnnotationStore *store;
  MgTagSet *tags;
  MgTagManager *manager;
  MgAnnotation *annotation;
  AdwMessageDialog *dialog;
  GtkColorChooser *chooser;
  GdkRGBA purple;
  g_autofree char *titles = NULL;
  g_autofree char *body = NULL;

  g_assert_no_error (error);
  mg_gui_test_present (GTK_WINDOW (window));
  mg_gui_test_iterate ();
  /* No document: nothing to manage. */
  g_assert_false (gtk_widget_activate_action_variant (GTK_WIDGET (window), "win.manage-tags", NULL) &&
                  mg_gui_test_find_toplevel (MG_TYPE_TAG_MANAGER) != NULL);

  mg_window_open_file (window, speech);
  mg_gui_test_wait_loaded (window);
  store = mg_window_get_store (window);
  tags = mg_annotation_store_get_tag_set (store);
  /* A file made in a Chinese window: the built-in names read in English. */
  g_assert_true (mg_annotation_store_rename_tag (store, "figure", "数据", NULL));

  select_text (window, "项目为王");
  activate (GTK_WIDGET (window), "win.tag-selection", g_variant_new_int32 (0));
  annotation = mg_annotation_store_get_annotation (store, 0);
  g_assert_true (mg_annotation_has_tag (annotation, "policy-goal"));

  activate (GTK_WIDGET (window), "win.manage-tags", NULL);
  manager = MG_TAG_MANAGER (mg_gui_test_find_toplevel (MG_TYPE_TAG_MANAGER));
  g_assert_nonnull (manager);
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (manager)) == GTK_WINDOW (window));
  g_assert_true (mg_tag_manager_get_store (manager) == store);
  titles = row_titles (manager);
  g_assert_cmpstr (titles, ==, "Policy goal|Figure|Slogan");
  g_assert_cmpstr (adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (row_of (manager, "Policy goal"))),
                   ==, "1 annotation");

  /* Add: an id made from the name, a palette colour no tag has. */
  apply_entry (GTK_WIDGET (manager), "Name of the New Tag", "Local Saying");
  g_assert_cmpuint (mg_tag_set_get_n_tags (tags), ==, 4);
  g_assert_nonnull (mg_tag_set_lookup (tags, "local-saying"));
  g_clear_pointer (&titles, g_free);
  titles = row_titles (manager);
  g_assert_cmpstr (titles, ==, "Policy goal|Figure|Slogan|Local Saying");

  /* Rename and describe from the row; the row follows the tag. */
  apply_entry (row_of (manager, "Slogan"), "Name", "Watchwords");
  g_assert_cmpstr (mg_tag_get_name (mg_tag_set_lookup (tags, "slogan")), ==, "Watchwords");
  g_assert_cmpstr (mg_annotation_store_get_undo_label (store), ==, "Rename tag");
  apply_entry (row_of (manager, "Watchwords"), "Description", "Short phrases repeated");
  g_assert_cmpstr (mg_tag_get_description (mg_tag_set_lookup (tags, "slogan")), ==,
                   "Short phrases repeated");
  g_assert_cmpstr (adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (row_of (manager, "Watchwords"))),
                   ==, "0 annotations · Short phrases repeated");
  /* The name shown kept as it is: the Chinese name stays in the file. */
  apply_entry (row_of (manager, "Figure"), "Name", "Figure");
  g_assert_cmpstr (mg_tag_get_name (mg_tag_set_lookup (tags, "figure")), ==, "数据");
  /* Undo in the window reaches the manager's rows. */
  activate (GTK_WIDGET (window), "win.undo", NULL);
  activate (GTK_WIDGET (window), "win.undo", NULL);
  g_clear_pointer (&titles, g_free);
  titles = row_titles (manager);
  g_assert_cmpstr (titles, ==, "Policy goal|Figure|Slogan|Local Saying");
  activate (GTK_WIDGET (window), "win.redo", NULL);
  activate (GTK_WIDGET (window), "win.redo", NULL);

  /* Recolour from the palette. */
  chooser = GTK_COLOR_CHOOSER (mg_gui_test_find_widget (row_of (manager, "Figure"),
                                                        GTK_TYPE_COLOR_CHOOSER_WIDGET, NULL));
  g_assert_true (gdk_rgba_parse (&purple, "#9141ac"));
  g_signal_emit_by_name (chooser, "color-activated", &purple);
  mg_gui_test_iterate ();
  g_assert_cmpstr (mg_tag_get_color (mg_tag_set_lookup (tags, "figure")), ==, "#9141ac");
  g_assert_cmpstr (mg_annotation_store_get_undo_label (store), ==, "Change tag color");

  /* Reorder: key 1 then tags with the tag moved to the top. */
  activate (GTK_WIDGET (manager), "tags.move-down", g_variant_new_string ("policy-goal"));
  activate (GTK_WIDGET (manager), "tags.move-up", g_variant_new_string ("local-saying"));
  activate (GTK_WIDGET (manager), "tags.move-up", g_variant_new_string ("local-saying"));
  activate (GTK_WIDGET (manager), "tags.move-up", g_variant_new_string ("local-saying"));
  g_clear_pointer (&titles, g_free);
  titles = row_titles (manager);
  g_assert_cmpstr (titles, ==, "Local Saying|Figure|Policy goal|Watchwords");
  select_text (window, "三年大变样");
  activate (GTK_WIDGET (window), "win.tag-selection", g_variant_new_int32 (0));
  g_assert_true (mg_annotation_has_tag (mg_window_get_selected (window), "local-saying"));

  /* Delete: asks first, naming how many annotations lose the tag. */
  activate (GTK_WIDGET (manager), "tags.delete", g_variant_new_string ("policy-goal"));
  dialog = ADW_MESSAGE_DIALOG (mg_gui_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Delete “Policy goal”?");
  body = g_strdup (adw_message_dialog_get_body (dialog));
  g_assert_nonnull (strstr (body, "1 annotation,"));
  adw_message_dialog_response (dialog, "cancel");
  mg_gui_test_iterate ();
  g_assert_nonnull (mg_tag_set_lookup (tags, "policy-goal"));

  activate (GTK_WIDGET (manager), "tags.delete", g_variant_new_string ("policy-goal"));
  dialog = ADW_MESSAGE_DIALOG (mg_gui_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  adw_message_dialog_response (dialog, "delete");
  mg_gui_test_iterate ();
  g_assert_null (mg_tag_set_lookup (tags, "policy-goal"));
  g_assert_false (mg_annotation_has_tag (annotation, "policy-goal"));
  g_clear_pointer (&titles, g_free);
  titles = row_titles (manager);
  g_assert_cmpstr (titles, ==, "Local Saying|Figure|Watchwords");

  /* The toast's Undo brings tag and annotation back, in its place. */
  activate (GTK_WIDGET (manager), "tags.undo", NULL);
  g_assert_cmpint (mg_tag_set_index_of (tags, "policy-goal"), ==, 2);
  g_assert_true (mg_annotation_has_tag (annotation, "policy-goal"));

  /* Saved with the new order, names and colours. */
  g_assert_true (mg_window_save (window, NULL));
  {
    g_autoptr(GFile) sidecar = mg_sidecar_default_file (speech);
    g_autofree char *saved = NULL;
    const char *first, *second;

    g_assert_true (g_file_load_contents (sidecar, NULL, &saved, NULL, NULL, NULL));
    first = strstr (saved, "\"local-saying\"");
    second = strstr (saved, "\"figure\"");
    g_assert_nonnull (first);
    g_assert_nonnull (second);
    g_assert_true (first < second);
    g_assert_nonnull (strstr (saved, "Watchwords"));
    g_assert_nonnull (strstr (saved, "#9141ac"));
  }

  gtk_window_close (GTK_WINDOW (manager));
  mg_gui_test_close_window (window);
  mg_gui_test_remove_dir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *data_home = NULL;
  int ret;

  app = mg_gui_test_init (&argc, &argv, &data_home);
  g_test_add_func ("/tag-manager/edit", test_tag_manager);
  ret = g_test_run ();
  mg_gui_test_finish (g_steal_pointer (&app), data_home);
  return ret;
}
