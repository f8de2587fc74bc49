/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Marginalia"
#include "config.h"

#include <string.h>
#include <adwaita.h>

#include "gui-test-util.h"
#include "mg-document-view.h"
#include "mg-study.h"
#include "mg-suggestion.h"
#include "study-fixture.h"

/* The window's actions follow its state by themselves: each one's
 * "enabled" is bound to the window's properties ("document-ready",
 * "editable", "can-undo", "can-redo", "zoom", "selected", "loading",
 * "has-study", "sidecar", "suggestions") and to the text's selection and
 * caret, with nothing calling an update. Read through the window's action
 * group, as menus and shortcuts see them. */

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
  fixture->dir = mg_gui_test_make_dir ("marginalia-gui");
  fixture->window = mg_gui_test_open_window (app, 0, 0);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);

  mg_gui_test_close_window (fixture->window);
  g_settings_reset (settings, "show-suggestions");
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

/* Each action of @names in @group is enabled, or each disabled. */
static void
check_enabled_in (GActionGroup       *group,
                  const char * const *names,
                  guint               n_names,
                  gboolean            expected)
{
  for (guint i = 0; i < n_names; i++)
    {
      g_test_message ("%s", names[i]);
      g_assert_true (g_action_group_has_action (group, names[i]));
      g_assert_cmpint (g_action_group_get_action_enabled (group, names[i]), ==, expected);
    }
}

#define check_enabled(group, names, expected) \
  check_enabled_in ((group), (names), G_N_ELEMENTS (names), (expected))
#define WINDOW_ACTIONS(fixture) G_ACTION_GROUP ((fixture)->window)

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
                                 "zoom-reset", "manage-tags", "export", "copy-quotes", "print",
                                 "import", "statistics", "compare", "tidy", "show-suggestions" };
  const char *needs_study[] = { "toggle-study-sidebar", "export-study", "search-study" };

  check_enabled (WINDOW_ACTIONS (fixture), needs_speech, FALSE);
  g_assert_false (enabled (fixture, "undo"));
  g_assert_false (enabled (fixture, "start-afresh"));
  g_assert_false (enabled (fixture, "review-changes"));
  g_assert_false (enabled (fixture, "tidy-undo"));

  open_speech (fixture);
  check_enabled (WINDOW_ACTIONS (fixture), needs_speech, TRUE);
  /* Its sidecar is fine and it was not edited; no study is open. */
  g_assert_false (enabled (fixture, "start-afresh"));
  g_assert_false (enabled (fixture, "review-changes"));
  g_assert_false (enabled (fixture, "tidy-undo"));
  check_enabled (WINDOW_ACTIONS (fixture), needs_study, FALSE);

  /* Loading another: nothing acts on the speech going away. */
  mg_window_open_file (fixture->window, fixture->speech);
  g_assert_true (mg_window_is_loading (fixture->window));
  check_enabled (WINDOW_ACTIONS (fixture), needs_speech, FALSE);
  mg_gui_test_wait_loaded (fixture->window);
  check_enabled (WINDOW_ACTIONS (fixture), needs_speech, TRUE);
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
  check_enabled (WINDOW_ACTIONS (fixture), on_text, FALSE);
  g_assert_false (enabled (fixture, "delete-annotation"));
  g_assert_false (enabled (fixture, "undo"));
  g_assert_false (enabled (fixture, "redo"));

  mg_document_view_select_range (view_of (fixture), 2, 6);
  check_enabled (WINDOW_ACTIONS (fixture), on_text, TRUE);
  mg_document_view_clear_selection (view_of (fixture));
  check_enabled (WINDOW_ACTIONS (fixture), on_text, FALSE);

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

/* A sidecar that cannot be read: the speech can be read, exported,
 * searched, but nothing may change its annotations until it is started
 * afresh; one of a newer format is never written, so it cannot be started
 * afresh either. */
static void
test_sidecar_state (Fixture       *fixture,
                    gconstpointer  data)
{
  static const char broken[] = "{ \"format\": \"marginalia-annotations\", \"annotations\": [";
  const char *need_writing[] = { "import", "tidy", "manage-tags" };
  const char *need_reading[] = { "export", "copy-quotes", "print", "statistics", "compare", "find" };
  g_autoptr(GFile) sidecar = NULL;
  g_autoptr(GFile) newer = NULL;
  g_autoptr(GFile) newer_speech = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *newer_path = NULL;

  fixture->speech = mg_gui_test_copy_fixture (fixture->dir, "gui-speech-zh.txt");
  sidecar = mg_sidecar_default_file (fixture->speech);
  g_file_replace_contents (sidecar, broken, strlen (broken), NULL, FALSE, G_FILE_CREATE_NONE, NULL, NULL,
                           &error);
  g_assert_no_error (error);
  mg_window_open_file (fixture->window, fixture->speech);
  mg_gui_test_wait_loaded (fixture->window);
  g_assert_true (mg_sidecar_get_broken (mg_window_get_sidecar (fixture->window)));

  g_assert_true (enabled (fixture, "start-afresh"));
  check_enabled (WINDOW_ACTIONS (fixture), need_writing, FALSE);
  check_enabled (WINDOW_ACTIONS (fixture), need_reading, TRUE);

  activate (fixture, "start-afresh", NULL);
  g_assert_false (mg_sidecar_get_broken (mg_window_get_sidecar (fixture->window)));
  g_assert_false (enabled (fixture, "start-afresh"));
  check_enabled (WINDOW_ACTIONS (fixture), need_writing, TRUE);

  /* Another speech, whose sidecar is of a newer format. */
  newer_speech = mg_gui_test_copy_fixture (fixture->dir, "sidecar/speech.txt");
  newer_path = g_test_build_filename (G_TEST_DIST, "data", "sidecar", "newer.marginalia.json", NULL);
  newer = g_file_new_for_path (newer_path);
  g_clear_object (&sidecar);
  sidecar = mg_sidecar_default_file (newer_speech);
  g_file_copy (newer, sidecar, G_FILE_COPY_OVERWRITE, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  mg_window_open_file (fixture->window, newer_speech);
  mg_gui_test_wait_loaded (fixture->window);
  g_assert_true (mg_sidecar_get_read_only (mg_window_get_sidecar (fixture->window)));
  g_assert_false (enabled (fixture, "start-afresh"));
  check_enabled (WINDOW_ACTIONS (fixture), need_writing, FALSE);
  check_enabled (WINDOW_ACTIONS (fixture), need_reading, TRUE);

  /* And back to a speech whose annotations may change. */
  mg_window_open_file (fixture->window, fixture->speech);
  mg_gui_test_wait_loaded (fixture->window);
  check_enabled (WINDOW_ACTIONS (fixture), need_writing, TRUE);
}

/* A speech edited since it was annotated: its changes can be reviewed;
 * the same speech opened again as it is now (its sidecar saved on the new
 * text) has none. */
static void
test_review (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *changed = NULL;

  open_speech (fixture);
  mg_document_view_select_range (view_of (fixture), 2, 6);
  activate (fixture, "tag-selection", g_variant_new_int32 (0));
  g_assert_true (mg_window_save (fixture->window, NULL));
  g_assert_false (enabled (fixture, "review-changes"));

  g_assert_true (g_file_load_contents (fixture->speech, NULL, &text, NULL, NULL, &error));
  changed = g_strconcat ("新增的开头一段。\n\n", text, NULL);
  g_file_replace_contents (fixture->speech, changed, strlen (changed), NULL, FALSE,
                           G_FILE_CREATE_NONE, NULL, NULL, &error);
  g_assert_no_error (error);
  mg_window_open_file (fixture->window, fixture->speech);
  g_assert_false (enabled (fixture, "review-changes"));
  mg_gui_test_wait_loaded (fixture->window);
  g_assert_true (mg_sidecar_get_reanchored (mg_window_get_sidecar (fixture->window)));
  g_assert_true (enabled (fixture, "review-changes"));
}

/* The study's actions while one is open, loading and after it is left. */
static void
test_study (Fixture       *fixture,
            gconstpointer  data)
{
  const char *needs_study[] = { "toggle-study-sidebar", "export-study", "search-study" };
  g_autofree char *dir = study_fixture_make (fixture->dir);
  g_autoptr(GFile) folder = g_file_new_for_path (dir);

  check_enabled (WINDOW_ACTIONS (fixture), needs_study, FALSE);

  mg_window_open_folder (fixture->window, folder);
  /* Reading it: the sidebar is not there yet, nor anything to export. */
  g_assert_true (mg_window_is_loading (fixture->window));
  check_enabled (WINDOW_ACTIONS (fixture), needs_study, FALSE);
  mg_gui_test_wait_loaded (fixture->window);
  g_assert_nonnull (mg_window_get_collection (fixture->window));
  check_enabled (WINDOW_ACTIONS (fixture), needs_study, TRUE);

  /* A speech from outside the study leaves it. */
  open_speech (fixture);
  g_assert_null (mg_window_get_collection (fixture->window));
  check_enabled (WINDOW_ACTIONS (fixture), needs_study, FALSE);
}

/* An offset of @view with no suggestion, and one with one. */
static void
find_offsets (MgDocumentView *view,
              GListModel     *suggestions,
              guint          *out_none,
              guint          *out_some)
{
  g_autoptr(MgSuggestion) first = g_list_model_get_item (suggestions, 0);
  guint none = 0;

  *out_some = mg_suggestion_get_start (first);
  for (;; none++)
    {
      g_autoptr(GPtrArray) found = mg_document_view_get_suggestions_at (view, none);

      if (found->len == 0)
        break;
    }
  *out_none = none;
}

/* Suggestions turned on: once they are found they can be taken,
 * dismissed and gone through; the popover only where the caret is on
 * one; turned off, none of it. The action's state is the window's
 * "show-suggestions". */
static void
test_suggestions (Fixture       *fixture,
                  gconstpointer  data)
{
  const char *on_offered[] = { "accept-suggestion", "accept-all-suggestions", "dismiss-suggestion",
                               "next-suggestion", "previous-suggestion" };
  g_autoptr(GVariant) state = NULL;
  GListModel *suggestions;
  gint64 deadline = mg_gui_test_deadline ();
  guint none, some;

  open_speech (fixture);
  check_enabled (WINDOW_ACTIONS (fixture), on_offered, FALSE);
  g_assert_false (enabled (fixture, "show-suggestion-popover"));

  activate (fixture, "show-suggestions", NULL);
  g_assert_true (mg_window_get_show_suggestions (fixture->window));
  state = g_action_group_get_action_state (G_ACTION_GROUP (fixture->window), "show-suggestions");
  g_assert_true (g_variant_get_boolean (state));
  while (mg_window_get_suggestions (fixture->window) == NULL && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  suggestions = mg_window_get_suggestions (fixture->window);
  g_assert_nonnull (suggestions);
  g_assert_cmpuint (g_list_model_get_n_items (suggestions), >, 0);
  check_enabled (WINDOW_ACTIONS (fixture), on_offered, TRUE);

  find_offsets (view_of (fixture), suggestions, &none, &some);
  mg_document_view_select_range (view_of (fixture), some, some);
  g_assert_true (enabled (fixture, "show-suggestion-popover"));
  mg_document_view_select_range (view_of (fixture), none, none);
  g_assert_false (enabled (fixture, "show-suggestion-popover"));
  mg_document_view_select_range (view_of (fixture), some, some);
  g_assert_true (enabled (fixture, "show-suggestion-popover"));

  /* Turned off through the property: the action's state follows. */
  g_object_set (fixture->window, "show-suggestions", FALSE, NULL);
  g_clear_pointer (&state, g_variant_unref);
  state = g_action_group_get_action_state (G_ACTION_GROUP (fixture->window), "show-suggestions");
  g_assert_false (g_variant_get_boolean (state));
  g_assert_null (mg_window_get_suggestions (fixture->window));
  check_enabled (WINDOW_ACTIONS (fixture), on_offered, FALSE);
  g_assert_false (enabled (fixture, "show-suggestion-popover"));
}

/* The members' actions (the "study" group): a speech shown for adding a
 * layer, the heat view and sharing; a layer too for agreement, and
 * annotations that may change for merging. */
static void
test_members (Fixture       *fixture,
              gconstpointer  data)
{
  const char *on_speech[] = { "add-layer", "heat", "share" };
  const char *on_layers[] = { "merge", "merge-layers", "agreement" };
  const char *quote_tags[] = { "slogan", NULL };
  MgStudy *study = mg_study_get_for_window (fixture->window);
  GActionGroup *group = mg_study_get_actions (study);
  g_autoptr(GFile) member = NULL;
  g_autoptr(MgSidecar) sidecar = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(MgLayer) layer = NULL;
  g_autofree char *path = NULL;

  check_enabled (group, on_speech, FALSE);
  g_assert_false (gtk_widget_get_visible (mg_study_get_menu_button (study)));

  open_speech (fixture);
  check_enabled (group, on_speech, TRUE);
  check_enabled (group, on_layers, FALSE);
  g_assert_true (gtk_widget_get_visible (mg_study_get_menu_button (study)));
  /* A speech read from its file: there is no speech to save. */
  g_assert_false (g_action_group_get_action_enabled (group, "save-speech"));

  /* A member's annotations of the same speech. */
  path = g_build_filename (fixture->dir, "gui-speech-zh.txt.alice.marginalia.json", NULL);
  member = g_file_new_for_path (path);
  sidecar = mg_sidecar_new (member, mg_sidecar_get_document (mg_window_get_sidecar (fixture->window)));
  g_assert_nonnull (mg_annotation_store_create (mg_sidecar_get_store (sidecar), 2, 6, quote_tags, NULL, FALSE,
                                                "Alice", &error));
  g_assert_no_error (error);
  g_assert_true (mg_sidecar_save (sidecar, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (mg_study_add_layer (study, member, &error));
  g_assert_no_error (error);
  check_enabled (group, on_layers, TRUE);

  layer = g_list_model_get_item (mg_study_get_layers (study), 0);
  mg_study_remove_layer (study, layer);
  check_enabled (group, on_layers, FALSE);
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
  ADD ("sidecar-state", test_sidecar_state);
  ADD ("review", test_review);
  ADD ("study", test_study);
  ADD ("suggestions", test_suggestions);
  ADD ("members", test_members);
  ADD ("members-menu", test_members_menu);
#undef ADD

  ret = g_test_run ();
  mg_gui_test_finish (g_steal_pointer (&app), data_home);
  return ret;
}
