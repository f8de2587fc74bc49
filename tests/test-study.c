/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Marginalia"
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/wait.h>

#include "gui-test-util.h"
#include "mg-agreement-window.h"
#include "mg-application.h"
#include "mg-document-view.h"
#include "mg-self-contained.h"
#include "mg-study.h"
#include "mg-layer-row.h"
#include "mg-members-popover.h"
#include "mg-merge-dialog.h"

/* The study-group side of the window, driven through its actions. */

static MgApplication *app;

static const char *text =
  "在全市大会上的讲话\n\n同志们：今天召开大会，推动高质量发展再上新台阶。"
  "我们坚持“项目为王”，全年新开工项目233个。\n";

static const char *slogan[] = { "slogan", NULL };
static const char *figure[] = { "figure", NULL };

typedef struct
{
  char       *dir;
  GFile      *speech;
  GFile      *sidecar;
  MgDocument *doc;
  MgWindow   *window;
  MgStudy    *study;
} Fixture;

static guint
find (const char *needle)
{
  const char *at = strstr (text, needle);

  g_assert_nonnull (at);
  return (guint) g_utf8_strlen (text, at - text);
}

static char *
path_in (Fixture    *f,
         const char *name)
{
  return g_build_filename (f->dir, name, NULL);
}

/* A member's sidecar of the speech, by @author, one annotation per quote. */
static GFile *
write_member (Fixture            *f,
              const char         *name,
              const char         *author,
              const char * const *quotes,
              const char * const *tags)
{
  g_autofree char *path = path_in (f, name);
  GFile *file = g_file_new_for_path (path);
  g_autoptr(MgSidecar) sidecar = mg_sidecar_new (file, f->doc);
  g_autoptr(GError) error = NULL;

  for (guint i = 0; quotes[i] != NULL; i++)
    {
      guint start = find (quotes[i]);

      mg_annotation_store_create (mg_sidecar_get_store (sidecar), start,
                                  start + g_utf8_strlen (quotes[i], -1),
                                  g_str_equal (tags[i], "figure") ? figure : slogan,
                                  NULL, FALSE, author, &error);
      g_assert_no_error (error);
    }
  mg_sidecar_save (sidecar, NULL, &error);
  g_assert_no_error (error);
  return file;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *speech_path = NULL;
  const char *mine[] = { "高质量发展", NULL };
  const char *mine_tags[] = { "slogan", NULL };

  f->dir = mg_gui_test_make_dir ("marginalia-study");
  speech_path = path_in (f, "speech.txt");
  g_file_set_contents (speech_path, text, -1, &error);
  g_assert_no_error (error);
  f->speech = g_file_new_for_path (speech_path);
  f->sidecar = mg_sidecar_default_file (f->speech);
  f->doc = mg_document_new_for_text (text, -1, "speech.txt");
  g_object_unref (write_member (f, "speech.txt.marginalia.json", "Me", mine, mine_tags));

  f->window = mg_window_new (app);
  f->study = mg_study_get_for_window (f->window);
  g_assert_nonnull (f->study);
  mg_gui_test_present (GTK_WINDOW (f->window));
  mg_gui_test_iterate ();
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  mg_gui_test_close_window (f->window);
  g_clear_object (&f->speech);
  g_clear_object (&f->sidecar);
  g_clear_object (&f->doc);
  dir = g_dir_open (f->dir, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = path_in (f, name);

      g_unlink (child);
    }
  g_rmdir (f->dir);
  g_free (f->dir);
}

static gboolean
loaded (gpointer data)
{
  return !mg_window_is_loading (data);
}

static void
open_file (Fixture *f,
           GFile   *file)
{
  mg_window_open_file (f->window, file);
  g_assert_true (mg_gui_test_wait_for (loaded, f->window));
  g_assert_true (mg_window_has_document (f->window));
}

static GtkTextBuffer *
buffer_of (Fixture *f)
{
  MgDocumentView *view = MG_DOCUMENT_VIEW (mg_window_get_document_view (f->window));

  return gtk_text_view_get_buffer (mg_document_view_get_text_view (view));
}

static gboolean
tag_at (Fixture    *f,
        GtkTextTag *tag,
        guint       offset)
{
  GtkTextIter iter;

  gtk_text_buffer_get_iter_at_offset (buffer_of (f), &iter, (int) offset);
  return gtk_text_iter_has_tag (&iter, tag);
}

static MgLayer *
layer_at (Fixture *f,
          guint    position)
{
  g_autoptr(MgLayer) layer = g_list_model_get_item (mg_study_get_layers (f->study), position);

  return layer;   /* the list keeps it */
}

static void
add_two_layers (Fixture *f)
{
  const char *alice[] = { "高质量发展", "项目为王", NULL };
  const char *alice_tags[] = { "slogan", "slogan", NULL };
  const char *bob[] = { "高质量发展", "233", NULL };
  const char *bob_tags[] = { "slogan", "figure", NULL };
  g_autoptr(GFile) a = write_member (f, "speech.txt.alice.marginalia.json", "Alice", alice, alice_tags);
  g_autoptr(GFile) b = write_member (f, "speech.txt.bob.marginalia.json", "Bob", bob, bob_tags);
  g_autoptr(GError) error = NULL;

  open_file (f, f->speech);
  g_assert_true (mg_study_add_layer (f->study, a, &error));
  g_assert_no_error (error);
  g_assert_true (mg_study_add_layer (f->study, b, &error));
  g_assert_no_error (error);
  /* The same file twice is one layer. */
  g_assert_true (mg_study_add_layer (f->study, a, &error));
  g_assert_cmpuint (g_list_model_get_n_items (mg_study_get_layers (f->study)), ==, 2);
  mg_gui_test_iterate ();
}

static void
test_layers (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *other_path = path_in (f, "other.marginalia.json");
  g_autoptr(GFile) other = g_file_new_for_path (other_path);
  g_autoptr(MgDocument) other_doc =
    mg_document_new_for_text ("The harbour opens in spring; the bridge carries the tram across.\n",
                              -1, "other.txt");
  g_autoptr(MgSidecar) other_sidecar = mg_sidecar_new (other, other_doc);
  GtkTextTag *alice_tag, *bob_tag;
  MgLayer *alice;

  add_two_layers (f);
  alice = layer_at (f, 0);
  g_assert_cmpstr (mg_layer_get_author (alice), ==, "Alice");
  g_assert_cmpstr (mg_layer_get_author (layer_at (f, 1)), ==, "Bob");
  alice_tag = mg_study_get_layer_tag (f->study, alice);
  bob_tag = mg_study_get_layer_tag (f->study, layer_at (f, 1));
  g_assert_true (alice_tag != bob_tag);

  g_assert_true (tag_at (f, alice_tag, find ("项目为王")));
  g_assert_true (tag_at (f, alice_tag, find ("高质量发展")));
  g_assert_false (tag_at (f, alice_tag, find ("233")));
  g_assert_true (tag_at (f, bob_tag, find ("233")));
  g_assert_false (tag_at (f, bob_tag, find ("项目为王")));
  g_assert_false (tag_at (f, bob_tag, 0));

  /* Hiding a layer takes its marks away, showing it brings them back. */
  mg_layer_set_visible (alice, FALSE);
  mg_gui_test_iterate ();
  g_assert_false (tag_at (f, alice_tag, find ("项目为王")));
  g_assert_true (tag_at (f, bob_tag, find ("233")));
  mg_layer_set_visible (alice, TRUE);
  mg_gui_test_iterate ();
  g_assert_true (tag_at (f, alice_tag, find ("项目为王")));

  /* A file for another document is refused. */
  mg_annotation_store_create (mg_sidecar_get_store (other_sidecar), 4, 11, NULL, NULL, FALSE,
                              "Eve", &error);
  g_assert_no_error (error);
  mg_sidecar_save (other_sidecar, NULL, &error);
  g_assert_no_error (error);
  g_assert_false (mg_study_add_layer (f->study, other, &error));
  g_assert_error (error, MG_LAYER_ERROR, MG_LAYER_ERROR_DIFFERENT_DOCUMENT);
  g_assert_cmpuint (g_list_model_get_n_items (mg_study_get_layers (f->study)), ==, 2);
}

static gboolean
has_one_layer (gpointer data)
{
  Fixture *f = data;

  return g_list_model_get_n_items (mg_study_get_layers (f->study)) == 1;
}

static void
test_add_files (Fixture       *f,
                gconstpointer  data)
{
  const char *alice[] = { "项目为王", NULL };
  const char *alice_tags[] = { "slogan", NULL };
  g_autoptr(GFile) a = write_member (f, "speech.txt.alice.marginalia.json", "Alice", alice, alice_tags);
  g_autofree char *missing_path = path_in (f, "nobody.marginalia.json");
  g_autoptr(GFile) missing = g_file_new_for_path (missing_path);
  GSList *files = NULL;

  open_file (f, f->speech);
  files = g_slist_append (files, a);
  files = g_slist_append (files, missing);
  files = g_slist_append (files, f->sidecar);
  mg_study_add_layer_files (f->study, files);
  g_slist_free (files);

  /* Loaded in a thread: the good one arrives, the others are reported. */
  g_assert_true (mg_gui_test_wait_for (has_one_layer, f));
  g_assert_cmpstr (mg_layer_get_author (layer_at (f, 0)), ==, "Alice");
  mg_gui_test_iterate ();
  g_assert_true (tag_at (f, mg_study_get_layer_tag (f->study, layer_at (f, 0)), find ("项目为王")));

  /* In one message, too long for a toast. */
  {
    AdwMessageDialog *dialog = (AdwMessageDialog *) mg_gui_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG);

    g_assert_nonnull (dialog);
    g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==,
                     "Added the annotations of Alice. Could not add 2 files");
    g_assert_cmpstr (adw_message_dialog_get_body (dialog), ==,
                     "“nobody.marginalia.json” does not exist; "
                     "“speech.txt.marginalia.json”: These are your own annotations, already shown");
    gtk_window_destroy (GTK_WINDOW (dialog));
    mg_gui_test_iterate ();
  }
}

static void
test_heat (Fixture       *f,
           gconstpointer  data)
{
  GActionGroup *group;

  add_two_layers (f);
  group = mg_study_get_actions (f->study);
  g_assert_nonnull (group);
  g_assert_true (g_action_group_get_action_enabled (group, "heat"));

  gtk_widget_activate_action (GTK_WIDGET (f->window), "study.heat", NULL);
  mg_gui_test_iterate ();
  /* Mine, Alice's and Bob's; Alice's alone; Bob's alone; nobody's. */
  g_assert_true (tag_at (f, mg_study_get_heat_tag (f->study, 3), find ("高质量发展")));
  g_assert_true (tag_at (f, mg_study_get_heat_tag (f->study, 1), find ("项目为王")));
  g_assert_true (tag_at (f, mg_study_get_heat_tag (f->study, 1), find ("233")));
  for (guint c = 1; c <= 4; c++)
    g_assert_false (tag_at (f, mg_study_get_heat_tag (f->study, c), 0));

  /* Hidden members do not count. */
  mg_layer_set_visible (layer_at (f, 1), FALSE);
  mg_gui_test_iterate ();
  g_assert_true (tag_at (f, mg_study_get_heat_tag (f->study, 2), find ("高质量发展")));
  g_assert_false (tag_at (f, mg_study_get_heat_tag (f->study, 1), find ("233")));

  gtk_widget_activate_action (GTK_WIDGET (f->window), "study.heat", NULL);
  mg_gui_test_iterate ();
  g_assert_false (tag_at (f, mg_study_get_heat_tag (f->study, 2), find ("高质量发展")));
}

/* The shortcut of @widget's class that @trigger ("Escape", "<Control>w")
 * starts, activated; FALSE when there is none. */
static gboolean
activate_class_shortcut (GtkWidget  *widget,
                         const char *trigger)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);
  gboolean found = FALSE;

  for (guint c = 0; c < g_list_model_get_n_items (controllers) && !found; c++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, c);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;
      for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (controller)) && !found; i++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), i);
          g_autofree char *written = gtk_shortcut_trigger_to_string (gtk_shortcut_get_trigger (shortcut));

          if (g_str_equal (written, trigger))
            found = gtk_shortcut_action_activate (gtk_shortcut_get_action (shortcut), 0, widget, NULL);
        }
    }
  return found;
}

/* Escape and Ctrl+W close the Agreement window, which shows the
 * agreement per tag. */
static void
test_agreement_window (Fixture       *f,
                       gconstpointer  data)
{
  const char *triggers[] = { "Escape", "<Control>w" };

  add_two_layers (f);
  for (guint k = 0; k < G_N_ELEMENTS (triggers); k++)
    {
      GListModel *toplevels = gtk_window_get_toplevels ();   /* transfer none */
      guint n = g_list_model_get_n_items (toplevels);
      GtkWidget *agreement = NULL;

      gtk_widget_activate_action (GTK_WIDGET (f->window), "study.agreement", NULL);
      mg_gui_test_iterate ();
      for (guint w = 0; w < g_list_model_get_n_items (toplevels); w++)
        {
          g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, w);

          if (MG_IS_AGREEMENT_WINDOW (window))
            agreement = GTK_WIDGET (window);
        }
      g_assert_nonnull (agreement);
      g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (agreement)) == GTK_WINDOW (f->window));
      g_assert_true (activate_class_shortcut (agreement, triggers[k]));
      mg_gui_test_iterate ();
      g_assert_cmpuint (g_list_model_get_n_items (toplevels), ==, n);
    }
}

/* The dialogs open (and close) without a warning. */
static void
test_dialogs (Fixture       *f,
              gconstpointer  data)
{
  const char *names[] = { "study.merge", "study.agreement" };

  add_two_layers (f);
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      GListModel *before = gtk_window_get_toplevels ();   /* transfer none */
      guint n = g_list_model_get_n_items (before);
      GtkWindow *dialog = NULL;

      gtk_widget_activate_action (GTK_WIDGET (f->window), names[i], NULL);
      mg_gui_test_iterate ();
      g_assert_cmpuint (g_list_model_get_n_items (before), ==, n + 1);
      for (guint w = 0; w < g_list_model_get_n_items (before); w++)
        {
          g_autoptr(GtkWindow) window = g_list_model_get_item (before, w);

          if (gtk_window_get_transient_for (window) == GTK_WINDOW (f->window))
            dialog = window;
        }
      g_assert_nonnull (dialog);
      gtk_window_destroy (dialog);
      mg_gui_test_iterate ();
    }
}

static MgAnnotation *
find_quote (MgAnnotationStore *store,
            const char        *quote)
{
  for (guint i = 0; i < mg_annotation_store_get_n_annotations (store); i++)
    {
      MgAnnotation *a = mg_annotation_store_get_annotation (store, i);

      if (g_strcmp0 (mg_annotation_get_quote (a), quote) == 0)
        return a;
    }
  return NULL;
}

static void
test_merge (Fixture       *f,
            gconstpointer  data)
{
  MgAnnotationStore *store;
  MgAnnotation *mine;
  const char * const *names;

  add_two_layers (f);
  store = mg_window_get_store (f->window);
  g_assert_cmpuint (mg_annotation_store_get_n_annotations (store), ==, 1);

  gtk_widget_activate_action (GTK_WIDGET (f->window), "study.merge-layers", "(ss)", "", "");
  mg_gui_test_iterate ();
  g_assert_cmpuint (mg_annotation_store_get_n_annotations (store), ==, 3);
  mine = find_quote (store, "高质量发展");
  g_assert_cmpstr (mg_annotation_get_author (mine), ==, "Me");
  names = mg_annotation_get_contributors (mine);
  g_assert_cmpstr (names[0], ==, "Alice");
  g_assert_cmpstr (names[1], ==, "Bob");
  g_assert_null (names[2]);
  g_assert_cmpstr (mg_annotation_get_author (find_quote (store, "项目为王")), ==, "Alice");
  g_assert_cmpstr (mg_annotation_get_author (find_quote (store, "233")), ==, "Bob");

  /* One step to undo. */
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.undo", NULL);
  mg_gui_test_iterate ();
  g_assert_cmpuint (mg_annotation_store_get_n_annotations (store), ==, 1);
  g_assert_null (mg_annotation_get_contributors (find_quote (store, "高质量发展"))[0]);

  /* By tag, then by author. */
  gtk_widget_activate_action (GTK_WIDGET (f->window), "study.merge-layers", "(ss)", "", "figure");
  mg_gui_test_iterate ();
  g_assert_cmpuint (mg_annotation_store_get_n_annotations (store), ==, 2);
  g_assert_nonnull (find_quote (store, "233"));
  gtk_widget_activate_action (GTK_WIDGET (f->window), "study.merge-layers", "(ss)", "Alice", "");
  mg_gui_test_iterate ();
  g_assert_cmpuint (mg_annotation_store_get_n_annotations (store), ==, 3);
  g_assert_nonnull (find_quote (store, "项目为王"));
  names = mg_annotation_get_contributors (find_quote (store, "高质量发展"));
  g_assert_cmpstr (names[0], ==, "Alice");
  g_assert_null (names[1]);
}

/* One by one: untick all but one annotation in the merge dialog. */
static void
test_merge_one_by_one (Fixture       *f,
                       gconstpointer  data)
{
  GListModel *toplevels = gtk_window_get_toplevels ();   /* transfer none */
  MgAnnotationStore *store;
  GtkWindow *dialog = NULL;
  GListModel *candidates;
  guint ticked = 0;

  add_two_layers (f);
  store = mg_window_get_store (f->window);
  g_assert_cmpuint (mg_annotation_store_get_n_annotations (store), ==, 1);

  gtk_widget_activate_action (GTK_WIDGET (f->window), "study.merge", NULL);
  mg_gui_test_iterate ();
  for (guint w = 0; w < g_list_model_get_n_items (toplevels); w++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, w);

      if (gtk_window_get_transient_for (window) == GTK_WINDOW (f->window))
        dialog = window;
    }
  g_assert_true (MG_IS_MERGE_DIALOG (dialog));
  candidates = mg_merge_dialog_get_candidates (MG_MERGE_DIALOG (dialog));
  /* Alice's two and Bob's two, all ticked. */
  g_assert_cmpuint (g_list_model_get_n_items (candidates), ==, 4);
  for (guint i = 0; i < g_list_model_get_n_items (candidates); i++)
    {
      g_autoptr(MgAnnotation) candidate = g_list_model_get_item (candidates, i);
      gboolean keep = strstr (mg_annotation_get_quote (candidate), "233") != NULL;

      g_assert_true (mg_merge_dialog_get_ticked (MG_MERGE_DIALOG (dialog), i));
      mg_merge_dialog_set_ticked (MG_MERGE_DIALOG (dialog), i, keep);
      g_assert_true (mg_merge_dialog_get_ticked (MG_MERGE_DIALOG (dialog), i) == keep);
      ticked += keep;
    }
  g_assert_cmpuint (ticked, ==, 1);

  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "merge");
  mg_gui_test_iterate ();
  g_assert_cmpuint (mg_annotation_store_get_n_annotations (store), ==, 2);
  g_assert_nonnull (find_quote (store, "233"));
  g_assert_null (find_quote (store, "项目为王"));
  g_assert_cmpstr (mg_annotation_store_get_undo_label (store), ==, "Merge members’ annotations");

  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.undo", NULL);
  mg_gui_test_iterate ();
  g_assert_cmpuint (mg_annotation_store_get_n_annotations (store), ==, 1);
}

static void
test_shared_without_speech (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *shared_path = path_in (f, "speech.txt.me.marginalia.json");
  g_autoptr(GFile) shared = g_file_new_for_path (shared_path);
  g_autoptr(MgSidecar) source = mg_sidecar_new (f->sidecar, f->doc);
  g_autoptr(MgSidecar) reread = NULL;
  g_autofree char *speech_path = g_file_get_path (f->speech);
  g_autofree char *written = NULL;
  GtkTextIter start, end;
  g_autofree char *shown = NULL;
  MgAnnotationStore *store;

  mg_sidecar_load (source, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (mg_self_contained_save_as (source, shared, NULL, &error));
  /* The speech is missing. */
  g_assert_cmpint (g_unlink (speech_path), ==, 0);

  open_file (f, shared);
  gtk_text_buffer_get_bounds (buffer_of (f), &start, &end);
  shown = gtk_text_buffer_get_text (buffer_of (f), &start, &end, FALSE);
  g_assert_cmpstr (shown, ==, text);
  store = mg_window_get_store (f->window);
  g_assert_cmpuint (mg_annotation_store_get_n_annotations (store), ==, 1);
  g_assert_true (mg_window_get_writable (f->window));
  g_assert_true (g_action_group_get_action_enabled (mg_study_get_actions (f->study),
                                                    "save-speech"));

  /* Annotations stay editable, and the file keeps its text. */
  mg_annotation_store_create (store, find ("233"), find ("233") + 3, figure, NULL, FALSE, "Me", &error);
  g_assert_no_error (error);
  g_assert_true (mg_window_save (f->window, &error));
  g_assert_no_error (error);
  reread = mg_self_contained_open (shared, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (mg_annotation_store_get_n_annotations (mg_sidecar_get_store (reread)), ==, 2);

  /* The offer: the speech saved beside the file. */
  gtk_widget_activate_action (GTK_WIDGET (f->window), "study.save-speech", NULL);
  mg_gui_test_iterate ();
  g_file_get_contents (speech_path, &written, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (written, ==, text);
}

typedef struct
{
  Fixture    *f;
  const char *quote;
} QuoteCheck;

static gboolean
store_has (gpointer data)
{
  QuoteCheck *check = data;

  return find_quote (mg_window_get_store (check->f->window), check->quote) != NULL;
}

static gboolean
disk_has (gpointer data)
{
  QuoteCheck *check = data;
  g_autoptr(MgSidecar) sidecar = mg_sidecar_new (check->f->sidecar, check->f->doc);

  if (!mg_sidecar_load (sidecar, NULL, NULL))
    return FALSE;
  return find_quote (mg_sidecar_get_store (sidecar), check->quote) != NULL;
}

static void
test_external_change (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MgSidecar) elsewhere = mg_sidecar_new (f->sidecar, f->doc);
  MgAnnotationStore *store;
  QuoteCheck theirs = { f, "233" };
  QuoteCheck ours = { f, "项目为王" };

  open_file (f, f->speech);
  store = mg_window_get_store (f->window);

  /* Ours, not saved yet; meanwhile another program writes the file. */
  mg_annotation_store_create (store, find ("项目为王"), find ("项目为王") + 4, slogan, NULL,
                              FALSE, "Me", &error);
  g_assert_no_error (error);
  mg_sidecar_load (elsewhere, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (mg_annotation_store_get_n_annotations (mg_sidecar_get_store (elsewhere)), ==, 1);
  mg_annotation_store_create (mg_sidecar_get_store (elsewhere), find ("233"), find ("233") + 3,
                              figure, NULL, FALSE, "Other", &error);
  g_assert_no_error (error);
  mg_sidecar_save (elsewhere, NULL, &error);
  g_assert_no_error (error);

  g_assert_true (mg_gui_test_wait_for (store_has, &theirs));
  g_assert_true (store_has (&ours));
  g_assert_cmpuint (mg_annotation_store_get_n_annotations (store), ==, 3);

  /* The file ends up with both sides. */
  g_assert_true (mg_gui_test_wait_for (disk_has, &ours));
  g_assert_true (disk_has (&theirs));
  g_assert_cmpuint (mg_annotation_store_get_n_annotations (store), ==, 3);
}

/* Runs marginalia-cli in the fixture's folder; its exit status. */
static int
run_cli (Fixture            *f,
         const char * const *args)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  int status = -1;

  g_assert_nonnull (g_getenv ("MG_CLI"));
  g_ptr_array_add (argv, (gpointer) g_getenv ("MG_CLI"));
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);
  g_spawn_sync (f->dir, (char **) argv->pdata, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL,
                NULL, &err, &status, &error);
  g_assert_no_error (error);
  if (err != NULL && *err != '\0')
    g_test_message ("%s", err);
  g_assert_true (WIFEXITED (status));
  return WEXITSTATUS (status);
}

static gboolean
disk_has_tag (gpointer data)
{
  QuoteCheck *check = data;
  g_autoptr(MgSidecar) sidecar = mg_sidecar_new (check->f->sidecar, check->f->doc);

  if (!mg_sidecar_load (sidecar, NULL, NULL))
    return FALSE;
  return mg_tag_set_lookup (mg_annotation_store_get_tag_set (mg_sidecar_get_store (sidecar)),
                            check->quote) != NULL;
}

/* Another program adds a tag while the window is open and has unsaved
 * changes: the window's next save keeps it (and its own annotation), and
 * the tag can be used at once. */
static void
test_external_tag (Fixture       *f,
                   gconstpointer  data)
{
  const char *add_tag[] = { "tags", "speech.txt", "--add", "quote", "--name", "Quote",
                            "--color", "#9141ac", NULL };
  const char *use_tag[] = { "add", "speech.txt", "--quote", "233", "--tag", "quote", NULL };
  g_autoptr(GError) error = NULL;
  MgAnnotationStore *store;
  QuoteCheck ours = { f, "项目为王" };
  QuoteCheck tag = { f, "quote" };
  QuoteCheck used = { f, "233" };

  open_file (f, f->speech);
  store = mg_window_get_store (f->window);

  mg_annotation_store_create (store, find ("项目为王"), find ("项目为王") + 4, slogan, NULL,
                              FALSE, "Me", &error);
  g_assert_no_error (error);
  g_assert_cmpint (run_cli (f, add_tag), ==, 0);

  /* The window saves right away, before it has noticed the change. */
  g_assert_true (mg_window_save (f->window, &error));
  g_assert_no_error (error);
  g_assert_true (disk_has (&ours));
  g_assert_true (disk_has_tag (&tag));
  g_assert_nonnull (mg_tag_set_lookup (mg_annotation_store_get_tag_set (store), "quote"));

  /* And after the file monitor has had its turn, still there. */
  mg_study_check_disk (f->study);
  mg_gui_test_iterate ();
  g_assert_true (disk_has_tag (&tag));
  g_assert_cmpint (run_cli (f, use_tag), ==, 0);
  g_assert_true (mg_gui_test_wait_for (store_has, &used));
  g_assert_true (disk_has (&ours));
  g_assert_true (disk_has_tag (&tag));
}

/* The members popover lists each layer as a row that can hide it and
 * remove it; and it closes before the Merge dialog opens from it, so
 * that the dialog takes the first click (#14, 10). */
static void
test_members_popover (Fixture       *f,
                      gconstpointer  data)
{
  GtkMenuButton *button;
  GtkPopover *popover;
  GtkListBox *list;
  GtkListBoxRow *row;
  g_autoptr(MgLayer) first = NULL;
  g_autoptr(MgLayer) left = NULL;
  GtkSwitch *visible;
  GListModel *toplevels = gtk_window_get_toplevels ();   /* transfer none */
  GtkWindow *dialog = NULL;

  add_two_layers (f);
  button = GTK_MENU_BUTTON (mg_study_get_menu_button (f->study));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (button)));
  popover = gtk_menu_button_get_popover (button);
  g_assert_true (MG_IS_MEMBERS_POPOVER (popover));
  gtk_menu_button_popup (button);
  mg_gui_test_iterate ();
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (popover)));

  list = GTK_LIST_BOX (mg_members_popover_get_list (MG_MEMBERS_POPOVER (popover)));
  row = gtk_list_box_get_row_at_index (list, 0);
  g_assert_true (MG_IS_LAYER_ROW (row));
  g_assert_nonnull (gtk_list_box_get_row_at_index (list, 1));
  g_assert_null (gtk_list_box_get_row_at_index (list, 2));
  first = g_object_ref (mg_layer_row_get_layer (MG_LAYER_ROW (row)));
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==,
                   mg_layer_get_author (first));

  /* The row's switch is the layer's visibility. */
  visible = GTK_SWITCH (adw_action_row_get_activatable_widget (ADW_ACTION_ROW (row)));
  g_assert_true (GTK_IS_SWITCH (visible));
  g_assert_true (mg_layer_get_visible (first));
  g_assert_true (gtk_switch_get_active (visible));
  gtk_switch_set_active (visible, FALSE);
  g_assert_false (mg_layer_get_visible (first));
  mg_layer_set_visible (first, TRUE);
  g_assert_true (gtk_switch_get_active (visible));

  /* Merge from the popover: the popover is gone, the dialog is there. */
  gtk_widget_activate_action (GTK_WIDGET (popover), "study.merge", NULL);
  mg_gui_test_iterate ();
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (popover)));
  for (guint w = 0; w < g_list_model_get_n_items (toplevels); w++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, w);

      if (gtk_window_get_transient_for (window) == GTK_WINDOW (f->window))
        dialog = window;
    }
  g_assert_true (MG_IS_MERGE_DIALOG (dialog));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (dialog)));
  gtk_window_destroy (dialog);
  mg_gui_test_iterate ();

  /* Removing a row removes its layer. */
  g_signal_emit_by_name (row, "remove");
  mg_gui_test_iterate ();
  g_assert_cmpuint (g_list_model_get_n_items (mg_study_get_layers (f->study)), ==, 1);
  left = g_list_model_get_item (mg_study_get_layers (f->study), 0);
  g_assert_true (left != first);
  g_assert_null (gtk_list_box_get_row_at_index (list, 1));
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *data_home = NULL;
  int ret;

  app = mg_gui_test_init (&argc, &argv, &data_home);

#define ADD(path, func) \
  g_test_add ("/study/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("layers", test_layers);
  ADD ("add-files", test_add_files);
  ADD ("heat", test_heat);
  ADD ("merge", test_merge);
  ADD ("merge-one-by-one", test_merge_one_by_one);
  ADD ("dialogs", test_dialogs);
  ADD ("members-popover", test_members_popover);
  ADD ("agreement-window", test_agreement_window);
  ADD ("shared-without-speech", test_shared_without_speech);
  ADD ("external-change", test_external_change);
  ADD ("external-tag", test_external_tag);
#undef ADD

  ret = g_test_run ();
  mg_gui_test_finish (g_steal_pointer (&app), data_home);
  return ret;
}
