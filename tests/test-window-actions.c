/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Marginalia"
#include "config.h"

#include <adwaita.h>

#include "gui-test-util.h"
#include "mg-document-view.h"

/* The window's actions follow its state by themselves: each one's
 * "enabled" is bound to the window's properties ("document-ready",
 * "editable", "can-undo", "can-redo", "zoom", "selected") and to the
 * text's selection, with nothing calling an update. Read through the
 * window's action group, as menus and shortcuts see them. */

static MgApplication *app;

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
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("marginalia-gui-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->window = mg_window_new (app);
  mg_gui_test_present (GTK_WINDOW (fixture->window));
  mg_gui_test_iterate ();
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  gtk_window_close (GTK_WINDOW (fixture->window));
  mg_gui_test_iterate ();
  g_clear_object (&fixture->speech);
  mg_gui_test_remove_dir (fixture->dir);
  g_free (fixture->dir);
}

static void
open_speech (Fixture *fixture)
{
  fixture->speech = mg_gui_test_copy_fixture (fixture->dir, "gui-speech-zh.txt");
  mg_window_open_file (fixture->window, fixture->speech);
  mg_gui_test_wait_loaded (fixture->window);
  g_assert_true (mg_window_has_document (fixture->window));
}

static gboolean
enabled (Fixture    *fixture,
         const char *name)
{
  GActionGroup *group = G_ACTION_GROUP (fixture->window);

  g_assert_true (g_action_group_has_action (group, name));
  return g_action_group_get_action_enabled (group, name);
}

static void
activate (Fixture    *fixture,
          const char *name,
          GVariant   *parameter)
{
  g_action_group_activate_action (G_ACTION_GROUP (fixture->window), name, parameter);
  mg_gui_test_iterate ();
}

static MgDocumentView *
view_of (Fixture *fixture)
{
  return MG_DOCUMENT_VIEW (mg_window_get_document_view (fixture->window));
}

/* The empty window offers nothing that needs a speech; opening one
 * enables them, while another is loading they wait. */
static void
test_document (Fixture       *fixture,
               gconstpointer  data)
{
  const char *needs_speech[] = { "find", "find-next", "find-previous", "zoom-in", "zoom-out",
                                 "zoom-reset", "manage-tags" };

  for (guint i = 0; i < G_N_ELEMENTS (needs_speech); i++)
    g_assert_false (enabled (fixture, needs_speech[i]));
  g_assert_false (enabled (fixture, "undo"));

  open_speech (fixture);
  for (guint i = 0; i < G_N_ELEMENTS (needs_speech); i++)
    g_assert_true (enabled (fixture, needs_speech[i]));

  /* Loading another: nothing acts on the speech going away. */
  mg_window_open_file (fixture->window, fixture->speech);
  g_assert_true (mg_window_is_loading (fixture->window));
  for (guint i = 0; i < G_N_ELEMENTS (needs_speech); i++)
    g_assert_false (enabled (fixture, needs_speech[i]));
  mg_gui_test_wait_loaded (fixture->window);
  for (guint i = 0; i < G_N_ELEMENTS (needs_speech); i++)
    g_assert_true (enabled (fixture, needs_speech[i]));
}

/* Zooming in stops at the largest size and zooming out at the smallest. */
static void
test_zoom (Fixture       *fixture,
           gconstpointer  data)
{
  double zoom = 0;
  guint steps = 0;

  open_speech (fixture);
  activate (fixture, "zoom-reset", NULL);
  while (enabled (fixture, "zoom-in") && steps++ < 50)
    activate (fixture, "zoom-in", NULL);
  g_assert_false (enabled (fixture, "zoom-in"));
  g_object_get (fixture->window, "zoom", &zoom, NULL);
  g_assert_cmpfloat (zoom, >, 2.9);
  g_assert_true (enabled (fixture, "zoom-out"));

  activate (fixture, "zoom-out", NULL);
  g_assert_true (enabled (fixture, "zoom-in"));

  steps = 0;
  while (enabled (fixture, "zoom-out") && steps++ < 50)
    activate (fixture, "zoom-out", NULL);
  g_assert_false (enabled (fixture, "zoom-out"));
  g_object_get (fixture->window, "zoom", &zoom, NULL);
  g_assert_cmpfloat (zoom, <, 0.6);

  activate (fixture, "zoom-reset", NULL);
  g_assert_true (enabled (fixture, "zoom-in"));
  g_assert_true (enabled (fixture, "zoom-out"));
}

/* Text selected: it can be tagged; an annotation selected: it can be
 * deleted; an edit: it can be undone, then redone. */
static void
test_selection_and_undo (Fixture       *fixture,
                         gconstpointer  data)
{
  const char *on_text[] = { "tag-selection", "highlight", "show-tag-popover" };
  MgAnnotation *annotation;

  open_speech (fixture);
  for (guint i = 0; i < G_N_ELEMENTS (on_text); i++)
    g_assert_false (enabled (fixture, on_text[i]));
  g_assert_false (enabled (fixture, "delete-annotation"));
  g_assert_false (enabled (fixture, "undo"));
  g_assert_false (enabled (fixture, "redo"));

  mg_document_view_select_range (view_of (fixture), 2, 6);
  for (guint i = 0; i < G_N_ELEMENTS (on_text); i++)
    g_assert_true (enabled (fixture, on_text[i]));
  mg_document_view_clear_selection (view_of (fixture));
  for (guint i = 0; i < G_N_ELEMENTS (on_text); i++)
    g_assert_false (enabled (fixture, on_text[i]));

  mg_document_view_select_range (view_of (fixture), 2, 6);
  activate (fixture, "tag-selection", g_variant_new_int32 (0));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (mg_window_get_store (fixture->window))), ==, 1);
  annotation = mg_annotation_store_get_annotation (mg_window_get_store (fixture->window), 0);
  /* Tagging selects the new annotation and leaves no text selected. */
  g_assert_true (mg_window_get_selected (fixture->window) == annotation);
  g_assert_true (enabled (fixture, "delete-annotation"));
  g_assert_false (enabled (fixture, "highlight"));
  g_assert_true (enabled (fixture, "undo"));
  g_assert_false (enabled (fixture, "redo"));

  mg_window_set_selected (fixture->window, NULL);
  g_assert_false (enabled (fixture, "delete-annotation"));
  mg_window_set_selected (fixture->window, annotation);
  g_assert_true (enabled (fixture, "delete-annotation"));

  activate (fixture, "undo", NULL);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (mg_window_get_store (fixture->window))), ==, 0);
  g_assert_false (enabled (fixture, "undo"));
  g_assert_true (enabled (fixture, "redo"));
  /* The annotation undone is no longer selected. */
  g_assert_null (mg_window_get_selected (fixture->window));
  g_assert_false (enabled (fixture, "delete-annotation"));

  activate (fixture, "redo", NULL);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (mg_window_get_store (fixture->window))), ==, 1);
  g_assert_true (enabled (fixture, "undo"));
  g_assert_false (enabled (fixture, "redo"));
}

/* Whether @model or a section of it has an item of @action. */
static gboolean
menu_has_action (GMenuModel *model,
                 const char *action)
{
  for (int i = 0; i < g_menu_model_get_n_items (model); i++)
    {
      g_autofree char *name = NULL;
      g_autoptr(GMenuModel) section = g_menu_model_get_item_link (model, i, G_MENU_LINK_SECTION);

      if (g_menu_model_get_item_attribute (model, i, G_MENU_ATTRIBUTE_ACTION, "s", &name) &&
          g_str_equal (name, action))
        return TRUE;
      if (section != NULL && menu_has_action (section, action))
        return TRUE;
    }
  return FALSE;
}

/* The menu of the header bar's menu button that opens files. */
static GMenuModel *
primary_menu (GtkWidget *root)
{
  if (GTK_IS_MENU_BUTTON (root))
    {
      GMenuModel *model = gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (root));

      if (model != NULL && menu_has_action (model, "win.open"))
        return model;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GMenuModel *found = primary_menu (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The primary menu offers the members' actions (its section in the
 * window's .ui), and they act on the study of the speech shown. */
static void
test_members_menu (Fixture       *fixture,
                   gconstpointer  data)
{
  const char *actions[] = { "study.add-layer", "study.merge", "study.agreement", "study.share",
                            "study.save-speech" };
  GMenuModel *menu;
  guint n_sections;

  open_speech (fixture);
  menu = primary_menu (GTK_WIDGET (fixture->window));
  g_assert_nonnull (menu);
  n_sections = (guint) g_menu_model_get_n_items (menu);
  g_assert_true (menu_has_action (menu, "win.open"));
  for (guint i = 0; i < G_N_ELEMENTS (actions); i++)
    g_assert_true (menu_has_action (menu, actions[i]));
  /* Once each, not once more for every speech opened. */
  mg_window_open_file (fixture->window, fixture->speech);
  mg_gui_test_wait_loaded (fixture->window);
  g_assert_cmpint (g_menu_model_get_n_items (menu), ==, n_sections);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *data_home = NULL;
  int ret;

  app = mg_gui_test_init (&argc, &argv, &data_home);

#define ADD(path, func) \
  g_test_add ("/window-actions/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("document", test_document);
  ADD ("zoom", test_zoom);
  ADD ("selection-and-undo", test_selection_and_undo);
  ADD ("members-menu", test_members_menu);
#undef ADD

  ret = g_test_run ();
  mg_gui_test_finish (g_steal_pointer (&app), data_home);
  return ret;
}
