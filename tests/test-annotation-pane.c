/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Marginalia"
#include "config.h"

#include <adwaita.h>

#include "gui-test-util.h"
#include "mg-annotation-editor.h"
#include "mg-annotation-pane.h"
#include "mg-annotation-row.h"
#include "mg-annotation-store.h"
#include "mg-document.h"

static const char speech[] =
  "同志们：今天我们召开全市作风建设暨自贸试验区工作推进大会。\n"
  "\n"
  "义乌人做生意的秘诀是“出六进四”，你赚大头、我赚小头。\n"
  "\n"
  "义乌与233个国家和地区有贸易往来，全年进出口总额达到5005亿元。\n"
  "\n"
  "We aim to double exports by 2030 and keep the market open.\n";

typedef struct
{
  MgDocument        *document;
  MgAnnotationStore *store;
  GtkWidget         *window;
  MgAnnotationPane  *pane;
  MgAnnotation      *slogan;      /* “出六进四”, Li Wei, starred */
  MgAnnotation      *figure;      /* 233个国家和地区, Zhang San */
  MgAnnotation      *money;       /* 5005亿元, Li Wei + Zhang San */
  MgAnnotation      *goal;        /* double exports, Wang Wu */
  MgAnnotation      *plain;       /* 同志们, no tags */
  MgAnnotation      *orphan;
} Fixture;

static void
iterate (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static gboolean
wake_up_cb (gpointer user_data)
{
  return G_SOURCE_CONTINUE;
}

/* Runs the main loop until @list_view has rows on screen (a few frames
 * under Xvfb), giving up only on a hang. */
static void
wait_for_rows (GtkWidget *list_view)
{
  gint64 end = mg_gui_test_deadline ();
  guint wake_id = g_timeout_add (10, wake_up_cb, NULL);

  while (g_get_monotonic_time () < end &&
         (gtk_widget_get_first_child (list_view) == NULL ||
          gtk_widget_get_height (list_view) == 0))
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (wake_id);
  iterate ();
}

/* Code point offset of @needle in the speech. */
static guint
offset_of (const char *needle)
{
  const char *p = strstr (speech, needle);

  g_assert_nonnull (p);
  return (guint) g_utf8_strlen (speech, p - speech);
}

static MgAnnotation *
annotate (Fixture            *fixture,
          const char         *needle,
          const char * const *tags,
          const char         *note,
          gboolean            starred,
          const char         *author)
{
  g_autoptr(GError) error = NULL;
  guint start = offset_of (needle);
  MgAnnotation *annotation;

  annotation = mg_annotation_store_create (fixture->store, start,
                                           start + g_utf8_strlen (needle, -1),
                                           tags, note, starred, author, &error);
  g_assert_no_error (error);
  g_assert_nonnull (annotation);

  return annotation;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  static const char * const slogan[] = { "slogan", NULL };
  static const char * const figure[] = { "figure", NULL };
  static const char * const goal[] = { "policy-goal", "figure", NULL };
  static const char * const contributors[] = { "Zhang San", NULL };
  g_autoptr(MgAnnotation) orphan = NULL;
  g_autoptr(GError) error = NULL;

  fixture->document = mg_document_new_for_text (speech, -1, "speech.txt");
  fixture->store = mg_annotation_store_new (fixture->document, NULL);

  fixture->plain = annotate (fixture, "同志们", NULL, NULL, FALSE, "Li Wei");
  fixture->slogan = annotate (fixture, "“出六进四”", slogan, "The trade motto", TRUE, "Li Wei");
  fixture->figure = annotate (fixture, "233个国家和地区", figure, NULL, FALSE, "Zhang San");
  fixture->money = annotate (fixture, "5005亿元", figure, "Annual total", TRUE, "Li Wei");
  fixture->goal = annotate (fixture, "double exports by 2030", goal, NULL, FALSE, "Wang Wu");

  /* Contributors come with merges; set them the way a sidecar would. */
  mg_annotation_set_contributors (fixture->money, contributors);

  orphan = mg_annotation_new (NULL, 3, 9);
  mg_annotation_set_quote (orphan, "一段被删除的话");
  mg_annotation_set_tags (orphan, slogan);
  mg_annotation_set_author (orphan, "Li Wei");
  mg_annotation_set_anchor_state (orphan, MG_ANCHOR_STATE_ORPHANED);
  g_assert_true (mg_annotation_store_add (fixture->store, orphan, &error));
  g_assert_no_error (error);
  fixture->orphan = orphan;
  mg_annotation_store_mark_clean (fixture->store);

  fixture->pane = MG_ANNOTATION_PANE (mg_annotation_pane_new ());
  mg_annotation_pane_set_store (fixture->pane, fixture->store);
  fixture->window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 420, 700);
  gtk_window_set_child (GTK_WINDOW (fixture->window), GTK_WIDGET (fixture->pane));
  mg_gui_test_present (GTK_WINDOW (fixture->window));
  iterate ();
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  iterate ();
  g_assert_finalize_object (fixture->store);
  g_assert_finalize_object (fixture->document);
}

static guint
n_shown (Fixture *fixture)
{
  return g_list_model_get_n_items (mg_annotation_pane_get_model (fixture->pane));
}

static MgAnnotation *
shown (Fixture *fixture,
       guint    position)
{
  g_autoptr(MgAnnotation) annotation = NULL;

  annotation = g_list_model_get_item (mg_annotation_pane_get_model (fixture->pane), position);
  return annotation;
}

static gboolean
is_shown (Fixture      *fixture,
          MgAnnotation *annotation)
{
  for (guint i = 0; i < n_shown (fixture); i++)
    if (shown (fixture, i) == annotation)
      return TRUE;

  return FALSE;
}

/* The first widget of @type with the CSS class @css_class. */
static GtkWidget *
find_widget (GtkWidget  *widget,
             GType       type,
             const char *css_class)
{
  GtkWidget *child;

  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type) &&
      gtk_widget_has_css_class (widget, css_class))
    return widget;

  for (child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget (child, type, css_class);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static GtkWidget *
find_row (GtkWidget    *widget,
          MgAnnotation *annotation)
{
  GtkWidget *child;

  if (MG_IS_ANNOTATION_ROW (widget) &&
      mg_annotation_row_get_annotation (MG_ANNOTATION_ROW (widget)) == annotation)
    return widget;

  for (child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_row (child, annotation);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static gboolean
has_label (GtkWidget  *widget,
           const char *text)
{
  GtkWidget *child;

  if (GTK_IS_LABEL (widget) && gtk_widget_get_visible (widget) &&
      g_strcmp0 (gtk_label_get_label (GTK_LABEL (widget)), text) == 0)
    return TRUE;

  for (child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (has_label (child, text))
      return TRUE;

  return FALSE;
}

static void
test_pane_rows (Fixture       *fixture,
                gconstpointer  data)
{
  GtkWidget *list_view;

  g_assert_true (mg_annotation_pane_get_store (fixture->pane) == fixture->store);
  /* Five placed annotations in position order; the orphan has its section. */
  g_assert_cmpuint (n_shown (fixture), ==, 5);
  g_assert_true (shown (fixture, 0) == fixture->plain);
  g_assert_true (shown (fixture, 1) == fixture->slogan);
  g_assert_true (shown (fixture, 4) == fixture->goal);
  g_assert_false (is_shown (fixture, fixture->orphan));
  g_assert_cmpuint (g_list_model_get_n_items (mg_annotation_pane_get_orphans (fixture->pane)), ==, 1);

  /* The list really shows rows, with the quote, the note and the paragraph. */
  list_view = find_widget (GTK_WIDGET (fixture->pane), GTK_TYPE_LIST_VIEW, "mg-annotation-list");
  g_assert_nonnull (list_view);
  wait_for_rows (list_view);
  g_assert_nonnull (find_row (list_view, fixture->slogan));
  g_assert_true (has_label (find_row (list_view, fixture->slogan), "“出六进四”"));
  g_assert_true (has_label (find_row (list_view, fixture->slogan), "The trade motto"));
  g_assert_true (has_label (find_row (list_view, fixture->slogan), "¶2"));
  g_assert_true (has_label (find_row (list_view, fixture->money), "Li Wei +1"));

  /* Clearing the store empties the pane. */
  mg_annotation_pane_set_store (fixture->pane, NULL);
  g_assert_cmpuint (n_shown (fixture), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (mg_annotation_pane_get_orphans (fixture->pane)), ==, 0);
  mg_annotation_pane_set_store (fixture->pane, fixture->store);
  g_assert_cmpuint (n_shown (fixture), ==, 5);
}

static const char *
visible_page (Fixture *fixture)
{
  GtkWidget *stack = find_widget (GTK_WIDGET (fixture->pane), GTK_TYPE_STACK, "mg-pane-stack");

  g_assert_nonnull (stack);
  return gtk_stack_get_visible_child_name (GTK_STACK (stack));
}

static void
test_pane_empty_states (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(MgAnnotationStore) empty = mg_annotation_store_new (fixture->document, NULL);

  g_assert_cmpstr (visible_page (fixture), ==, "list");

  mg_annotation_pane_set_search_text (fixture->pane, "nothing like this");
  g_assert_cmpstr (visible_page (fixture), ==, "no-matches");
  gtk_widget_activate_action (GTK_WIDGET (fixture->pane), "pane.clear-filters", NULL);
  g_assert_cmpstr (visible_page (fixture), ==, "list");

  mg_annotation_pane_set_store (fixture->pane, empty);
  g_assert_cmpstr (visible_page (fixture), ==, "empty");
  mg_annotation_pane_set_store (fixture->pane, NULL);
  g_assert_cmpstr (visible_page (fixture), ==, "empty");
}

static void
test_pane_tag_set_changes (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(MgTag) tag = mg_tag_new ("date", "Date", "#c061cb", NULL);
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (mg_annotation_pane_get_tag_count (fixture->pane, "date"), ==, -1);
  g_assert_true (mg_annotation_store_add_tag (fixture->store, tag, &error));
  g_assert_no_error (error);
  iterate ();
  g_assert_cmpint (mg_annotation_pane_get_tag_count (fixture->pane, "date"), ==, 0);

  gtk_widget_activate_action (GTK_WIDGET (fixture->pane), "pane.toggle-tag", "(ss)",
                              mg_annotation_get_id (fixture->goal), "date");
  iterate ();
  g_assert_cmpint (mg_annotation_pane_get_tag_count (fixture->pane, "date"), ==, 1);

  /* Filtering by a tag that is then deleted stops filtering. */
  mg_annotation_pane_set_tag_filter (fixture->pane, "date", TRUE);
  g_assert_cmpuint (n_shown (fixture), ==, 1);
  g_assert_true (mg_annotation_store_delete_tag (fixture->store, "date", &error));
  g_assert_no_error (error);
  iterate ();
  g_assert_cmpint (mg_annotation_pane_get_tag_count (fixture->pane, "date"), ==, -1);
  g_assert_false (mg_annotation_pane_get_tag_filter (fixture->pane, "date"));
  g_assert_cmpuint (n_shown (fixture), ==, 5);
}

static void
test_pane_tag_filter (Fixture       *fixture,
                      gconstpointer  data)
{
  static const char * const figure[] = { "figure", NULL };

  g_assert_cmpint (mg_annotation_pane_get_tag_count (fixture->pane, "figure"), ==,
                   (int) mg_annotation_store_count_tag (fixture->store, "figure"));
  g_assert_cmpint (mg_annotation_pane_get_tag_count (fixture->pane, "figure"), ==, 3);
  g_assert_cmpint (mg_annotation_pane_get_tag_count (fixture->pane, "policy-goal"), ==, 1);
  g_assert_cmpint (mg_annotation_pane_get_tag_count (fixture->pane, "no-such-tag"), ==, -1);

  mg_annotation_pane_set_tag_filter (fixture->pane, "figure", TRUE);
  g_assert_true (mg_annotation_pane_get_tag_filter (fixture->pane, "figure"));
  g_assert_cmpuint (n_shown (fixture), ==, 3);
  g_assert_true (is_shown (fixture, fixture->figure));
  g_assert_true (is_shown (fixture, fixture->money));
  g_assert_true (is_shown (fixture, fixture->goal));

  /* Tags combine with "or". */
  mg_annotation_pane_set_tag_filter (fixture->pane, "slogan", TRUE);
  g_assert_cmpuint (n_shown (fixture), ==, 4);
  g_assert_true (is_shown (fixture, fixture->slogan));

  /* Counts follow the store at once; a new figure appears in the list. */
  annotate (fixture, "进出口总额", figure, NULL, FALSE, "Li Wei");
  iterate ();
  g_assert_cmpint (mg_annotation_pane_get_tag_count (fixture->pane, "figure"), ==, 4);
  g_assert_cmpuint (n_shown (fixture), ==, 5);

  /* Taking a tag away through the pane drops the row from the filtered list. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->pane), "pane.toggle-tag", "(ss)",
                                             mg_annotation_get_id (fixture->figure), "figure"));
  iterate ();
  g_assert_false (mg_annotation_has_tag (fixture->figure, "figure"));
  g_assert_false (is_shown (fixture, fixture->figure));
  g_assert_cmpint (mg_annotation_pane_get_tag_count (fixture->pane, "figure"), ==, 3);

  mg_annotation_pane_set_tag_filter (fixture->pane, "figure", FALSE);
  mg_annotation_pane_set_tag_filter (fixture->pane, "slogan", FALSE);
  g_assert_cmpuint (n_shown (fixture), ==, 6);
}

static void
test_pane_search (Fixture       *fixture,
                  gconstpointer  data)
{
  mg_annotation_pane_set_search_text (fixture->pane, "出六");
  g_assert_cmpuint (n_shown (fixture), ==, 1);
  g_assert_true (shown (fixture, 0) == fixture->slogan);

  /* Notes too, without regard to case or full-width forms. */
  mg_annotation_pane_set_search_text (fixture->pane, "MOTTO");
  g_assert_cmpuint (n_shown (fixture), ==, 1);
  g_assert_true (shown (fixture, 0) == fixture->slogan);
  mg_annotation_pane_set_search_text (fixture->pane, "ＥＸＰＯＲＴＳ");
  g_assert_cmpuint (n_shown (fixture), ==, 1);
  g_assert_true (shown (fixture, 0) == fixture->goal);

  mg_annotation_pane_set_search_text (fixture->pane, "nothing like this");
  g_assert_cmpuint (n_shown (fixture), ==, 0);

  /* A note written through the pane is found at once. */
  mg_annotation_pane_set_search_text (fixture->pane, "countries");
  g_assert_cmpuint (n_shown (fixture), ==, 0);
  gtk_widget_activate_action (GTK_WIDGET (fixture->pane), "pane.set-note", "(ss)",
                              mg_annotation_get_id (fixture->figure), "233 countries");
  iterate ();
  g_assert_cmpuint (n_shown (fixture), ==, 1);
  g_assert_true (shown (fixture, 0) == fixture->figure);

  /* Search and tags combine with "and". */
  mg_annotation_pane_set_search_text (fixture->pane, "亿");
  mg_annotation_pane_set_tag_filter (fixture->pane, "figure", TRUE);
  g_assert_cmpuint (n_shown (fixture), ==, 1);
  mg_annotation_pane_set_tag_filter (fixture->pane, "figure", FALSE);
  mg_annotation_pane_set_tag_filter (fixture->pane, "slogan", TRUE);
  g_assert_cmpuint (n_shown (fixture), ==, 0);

  gtk_widget_activate_action (GTK_WIDGET (fixture->pane), "pane.clear-filters", NULL);
  g_assert_null (mg_annotation_pane_get_search_text (fixture->pane));
  g_assert_false (mg_annotation_pane_get_tag_filter (fixture->pane, "slogan"));
  g_assert_cmpuint (n_shown (fixture), ==, 5);
}

static void
test_pane_starred (Fixture       *fixture,
                   gconstpointer  data)
{
  gtk_widget_activate_action (GTK_WIDGET (fixture->pane), "pane.starred-only", NULL);
  g_assert_true (mg_annotation_pane_get_starred_only (fixture->pane));
  g_assert_cmpuint (n_shown (fixture), ==, 2);
  g_assert_true (is_shown (fixture, fixture->slogan));
  g_assert_true (is_shown (fixture, fixture->money));

  /* Starring through the pane is one undoable step and shows at once. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->pane), "pane.toggle-starred", "s",
                                             mg_annotation_get_id (fixture->goal)));
  iterate ();
  g_assert_true (mg_annotation_get_starred (fixture->goal));
  g_assert_cmpuint (n_shown (fixture), ==, 3);
  g_assert_true (mg_annotation_store_undo (fixture->store));
  iterate ();
  g_assert_false (mg_annotation_get_starred (fixture->goal));
  g_assert_cmpuint (n_shown (fixture), ==, 2);

  gtk_widget_activate_action (GTK_WIDGET (fixture->pane), "pane.starred-only", NULL);
  g_assert_false (mg_annotation_pane_get_starred_only (fixture->pane));
  g_assert_cmpuint (n_shown (fixture), ==, 5);
}

static void
test_pane_author (Fixture       *fixture,
                  gconstpointer  data)
{
  g_auto(GStrv) authors = mg_annotation_pane_dup_authors (fixture->pane);
  const char * const expected[] = { "Li Wei", "Wang Wu", "Zhang San", NULL };

  g_assert_cmpstrv (authors, expected);

  mg_annotation_pane_set_author (fixture->pane, "Zhang San");
  g_assert_cmpstr (mg_annotation_pane_get_author (fixture->pane), ==, "Zhang San");
  /* Their own annotation and the one they contributed to. */
  g_assert_cmpuint (n_shown (fixture), ==, 2);
  g_assert_true (is_shown (fixture, fixture->figure));
  g_assert_true (is_shown (fixture, fixture->money));

  mg_annotation_pane_set_author (fixture->pane, "Wang Wu");
  g_assert_cmpuint (n_shown (fixture), ==, 1);
  g_assert_true (shown (fixture, 0) == fixture->goal);

  /* When the member's last annotation goes, so does the filter. */
  gtk_widget_activate_action (GTK_WIDGET (fixture->pane), "pane.delete", "s",
                              mg_annotation_get_id (fixture->goal));
  iterate ();
  g_assert_null (mg_annotation_pane_get_author (fixture->pane));
  g_assert_cmpuint (n_shown (fixture), ==, 4);

  mg_annotation_pane_set_author (fixture->pane, NULL);
  g_assert_cmpuint (n_shown (fixture), ==, 4);
}

static void
test_pane_sort (Fixture       *fixture,
                gconstpointer  data)
{
  g_assert_cmpstr (mg_annotation_pane_get_sort_by (fixture->pane), ==, "position");

  gtk_widget_activate_action (GTK_WIDGET (fixture->pane), "pane.sort-by", "s", "tag");
  g_assert_cmpstr (mg_annotation_pane_get_sort_by (fixture->pane), ==, "tag");
  /* The tag set's order (policy goal, figure, slogan), then position;
   * plain highlights last. */
  g_assert_cmpuint (n_shown (fixture), ==, 5);
  g_assert_true (shown (fixture, 0) == fixture->goal);
  g_assert_true (shown (fixture, 1) == fixture->figure);
  g_assert_true (shown (fixture, 2) == fixture->money);
  g_assert_true (shown (fixture, 3) == fixture->slogan);
  g_assert_true (shown (fixture, 4) == fixture->plain);

  /* A tag change moves the row. */
  gtk_widget_activate_action (GTK_WIDGET (fixture->pane), "pane.toggle-tag", "(ss)",
                              mg_annotation_get_id (fixture->plain), "policy-goal");
  iterate ();
  g_assert_true (shown (fixture, 0) == fixture->plain);

  gtk_widget_activate_action (GTK_WIDGET (fixture->pane), "pane.sort-by", "s", "position");
  g_assert_true (shown (fixture, 0) == fixture->plain);
  g_assert_true (shown (fixture, 4) == fixture->goal);
}

static void
reattach_cb (MgAnnotationPane  *pane,
             MgAnnotation      *annotation,
             MgAnnotation     **out)
{
  *out = annotation;
}

static void
test_pane_orphans (Fixture       *fixture,
                   gconstpointer  data)
{
  GListModel *orphans = mg_annotation_pane_get_orphans (fixture->pane);
  MgAnnotation *requested = NULL;
  g_autoptr(GError) error = NULL;
  guint start = offset_of ("你赚大头");

  g_assert_cmpuint (g_list_model_get_n_items (orphans), ==, 1);

  g_signal_connect (fixture->pane, "reattach-requested", G_CALLBACK (reattach_cb), &requested);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->pane), "pane.reattach", "s",
                                             mg_annotation_get_id (fixture->orphan)));
  g_assert_true (requested == fixture->orphan);

  /* What the window does with the request: the orphan joins the list. */
  g_assert_true (mg_annotation_store_set_range (fixture->store, fixture->orphan,
                                                start, start + 4, &error));
  g_assert_no_error (error);
  iterate ();
  g_assert_cmpuint (g_list_model_get_n_items (orphans), ==, 0);
  g_assert_cmpuint (n_shown (fixture), ==, 6);
  g_assert_true (is_shown (fixture, fixture->orphan));

  /* Undo makes it an orphan again; deleting it is undoable too. */
  g_assert_true (mg_annotation_store_undo (fixture->store));
  iterate ();
  g_assert_cmpuint (g_list_model_get_n_items (orphans), ==, 1);
  g_assert_cmpuint (n_shown (fixture), ==, 5);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->pane), "pane.delete", "s",
                                             mg_annotation_get_id (fixture->orphan)));
  iterate ();
  g_assert_cmpuint (g_list_model_get_n_items (orphans), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fixture->store)), ==, 5);
  g_assert_true (mg_annotation_store_undo (fixture->store));
  iterate ();
  g_assert_cmpuint (g_list_model_get_n_items (orphans), ==, 1);
}

static void
test_pane_edit_note (Fixture       *fixture,
                     gconstpointer  data)
{
  GtkWidget *button;
  GtkWidget *row;

  g_assert_false (mg_annotation_store_get_dirty (fixture->store));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->pane), "pane.set-note", "(ss)",
                                             mg_annotation_get_id (fixture->figure),
                                             "Trade with 233 places"));
  iterate ();
  g_assert_cmpstr (mg_annotation_get_note (fixture->figure), ==, "Trade with 233 places");
  g_assert_true (mg_annotation_store_get_dirty (fixture->store));
  g_assert_true (mg_annotation_store_can_undo (fixture->store));

  /* The row shows the new note. */
  wait_for_rows (find_widget (GTK_WIDGET (fixture->pane), GTK_TYPE_LIST_VIEW, "mg-annotation-list"));
  row = find_row (GTK_WIDGET (fixture->pane), fixture->figure);
  g_assert_nonnull (row);
  g_assert_true (has_label (row, "Trade with 233 places"));

  g_assert_true (mg_annotation_store_undo (fixture->store));
  iterate ();
  g_assert_cmpstr (mg_annotation_get_note (fixture->figure), ==, "");
  g_assert_false (has_label (row, "Trade with 233 places"));

  /* Read-only: the pane changes nothing, and a button of its editing
   * actions says so (their "enabled" follows "read-only" by itself). */
  button = gtk_button_new ();
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "pane.toggle-starred");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", mg_annotation_get_id (fixture->figure));
  gtk_widget_set_parent (button, GTK_WIDGET (fixture->pane));
  iterate ();
  g_assert_true (gtk_widget_get_sensitive (button));
  mg_annotation_pane_set_read_only (fixture->pane, TRUE);
  g_assert_true (mg_annotation_pane_get_read_only (fixture->pane));
  iterate ();
  g_assert_false (gtk_widget_get_sensitive (button));
  gtk_widget_activate_action (GTK_WIDGET (fixture->pane), "pane.set-note", "(ss)",
                              mg_annotation_get_id (fixture->figure), "Ignored");
  gtk_widget_activate_action (GTK_WIDGET (fixture->pane), "pane.toggle-starred", "s",
                              mg_annotation_get_id (fixture->figure));
  gtk_widget_activate_action (GTK_WIDGET (fixture->pane), "pane.delete", "s",
                              mg_annotation_get_id (fixture->figure));
  iterate ();
  g_assert_cmpstr (mg_annotation_get_note (fixture->figure), ==, "");
  g_assert_false (mg_annotation_get_starred (fixture->figure));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fixture->store)), ==, 6);
  mg_annotation_pane_set_read_only (fixture->pane, FALSE);
  iterate ();
  g_assert_true (gtk_widget_get_sensitive (button));
  gtk_widget_unparent (button);
}

static GtkWidget *
find_by_type (GtkWidget *widget,
              GType      type)
{
  GtkWidget *child;

  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;

  for (child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_by_type (child, type);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static GtkWidget *
find_button_with_icon (GtkWidget  *widget,
                       const char *icon_name)
{
  GtkWidget *child;

  if (GTK_IS_BUTTON (widget) &&
      g_strcmp0 (gtk_button_get_icon_name (GTK_BUTTON (widget)), icon_name) == 0)
    return widget;

  for (child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_button_with_icon (child, icon_name);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static GtkWidget *
find_check (GtkWidget  *widget,
            const char *label)
{
  GtkWidget *child;

  if (GTK_IS_CHECK_BUTTON (widget) &&
      g_strcmp0 (gtk_check_button_get_label (GTK_CHECK_BUTTON (widget)), label) == 0)
    return widget;

  for (child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_check (child, label);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* The row's own editor: a tag check applies at once, the note when the
 * popover closes; each is one undoable step. */
static void
test_pane_editor (Fixture       *fixture,
                  gconstpointer  data)
{
  GtkWidget *row;
  GtkWidget *edit_button;
  GtkWidget *editor;
  GtkWidget *check;
  GtkTextBuffer *buffer;

  wait_for_rows (find_widget (GTK_WIDGET (fixture->pane), GTK_TYPE_LIST_VIEW, "mg-annotation-list"));
  row = find_row (GTK_WIDGET (fixture->pane), fixture->figure);
  g_assert_nonnull (row);
  edit_button = find_button_with_icon (row, "document-edit-symbolic");
  g_assert_nonnull (edit_button);

  g_signal_emit_by_name (edit_button, "clicked");
  iterate ();
  editor = find_by_type (row, MG_TYPE_ANNOTATION_EDITOR);
  g_assert_nonnull (editor);
  g_assert_true (gtk_widget_get_visible (editor));
  g_assert_true (mg_annotation_editor_get_annotation (MG_ANNOTATION_EDITOR (editor)) == fixture->figure);

  /* The checks show the tags; ticking one tags the annotation at once. */
  g_assert_true (gtk_check_button_get_active (GTK_CHECK_BUTTON (find_check (editor, "Figure"))));
  check = find_check (editor, "Slogan");
  g_assert_nonnull (check);
  g_assert_false (gtk_check_button_get_active (GTK_CHECK_BUTTON (check)));
  gtk_check_button_set_active (GTK_CHECK_BUTTON (check), TRUE);
  g_assert_true (mg_annotation_has_tag (fixture->figure, "slogan"));

  /* The note is written when the editor closes. */
  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (find_by_type (editor, GTK_TYPE_TEXT_VIEW)));
  gtk_text_buffer_set_text (buffer, "  Trading partners  \n", -1);
  g_assert_cmpstr (mg_annotation_get_note (fixture->figure), ==, "");
  gtk_popover_popdown (GTK_POPOVER (editor));
  iterate ();
  g_assert_cmpstr (mg_annotation_get_note (fixture->figure), ==, "Trading partners");
  g_assert_true (has_label (row, "Trading partners"));

  g_assert_true (mg_annotation_store_undo (fixture->store));
  g_assert_cmpstr (mg_annotation_get_note (fixture->figure), ==, "");
  g_assert_true (mg_annotation_has_tag (fixture->figure, "slogan"));
  g_assert_true (mg_annotation_store_undo (fixture->store));
  g_assert_false (mg_annotation_has_tag (fixture->figure, "slogan"));
  iterate ();

  /* Closing without a change records nothing. */
  g_signal_emit_by_name (edit_button, "clicked");
  iterate ();
  g_assert_true (gtk_widget_get_visible (editor));
  gtk_popover_popdown (GTK_POPOVER (editor));
  iterate ();
  g_assert_true (mg_annotation_store_can_redo (fixture->store));
}

static void
activated_cb (MgAnnotationPane *pane,
              MgAnnotation     *annotation,
              GPtrArray        *log)
{
  g_ptr_array_add (log, annotation);
}

static void
test_pane_selection (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GPtrArray) log = g_ptr_array_new ();
  GtkWidget *list_view;
  GtkSelectionModel *selection;

  g_signal_connect (fixture->pane, "annotation-activated", G_CALLBACK (activated_cb), log);

  /* Selecting from the program emits nothing. */
  mg_annotation_pane_select (fixture->pane, fixture->money);
  g_assert_true (mg_annotation_pane_get_selected (fixture->pane) == fixture->money);
  g_assert_cmpuint (log->len, ==, 0);

  /* The user selecting a row does. */
  list_view = find_widget (GTK_WIDGET (fixture->pane), GTK_TYPE_LIST_VIEW, "mg-annotation-list");
  selection = gtk_list_view_get_model (GTK_LIST_VIEW (list_view));
  gtk_selection_model_select_item (selection, 1, TRUE);
  g_assert_cmpuint (log->len, ==, 1);
  g_assert_true (g_ptr_array_index (log, 0) == fixture->slogan);
  g_assert_true (mg_annotation_pane_get_selected (fixture->pane) == fixture->slogan);

  /* Enter on a row (the list's activate-item action) emits it as well. */
  g_assert_true (gtk_widget_grab_focus (list_view));
  g_assert_true (gtk_widget_activate_action (list_view, "list.activate-item", "u", 3));
  g_assert_cmpuint (log->len, ==, 2);
  g_assert_true (g_ptr_array_index (log, 1) == fixture->money);

  /* So does moving the selection the way the arrow keys and clicks do. */
  g_assert_true (gtk_widget_activate_action (list_view, "list.select-item", "(ubb)", 4, FALSE, FALSE));
  g_assert_cmpuint (log->len, ==, 3);
  g_assert_true (g_ptr_array_index (log, 2) == fixture->goal);
  g_ptr_array_set_size (log, 2);

  /* A row hidden by the filters: they are cleared to show it. */
  mg_annotation_pane_set_tag_filter (fixture->pane, "slogan", TRUE);
  g_assert_false (is_shown (fixture, fixture->goal));
  mg_annotation_pane_select (fixture->pane, fixture->goal);
  g_assert_false (mg_annotation_pane_get_tag_filter (fixture->pane, "slogan"));
  g_assert_true (mg_annotation_pane_get_selected (fixture->pane) == fixture->goal);
  g_assert_cmpuint (log->len, ==, 2);

  mg_annotation_pane_select (fixture->pane, NULL);
  g_assert_null (mg_annotation_pane_get_selected (fixture->pane));
  g_assert_cmpuint (log->len, ==, 2);
}

static void
count_cb (GListModel *model,
          guint       position,
          guint       removed,
          guint       added,
          guint      *count)
{
  (*count)++;
}

/* A change of hundreds of annotations reaches the list once, not once
 * per annotation; small ones still one by one; the selection stays. */
static void
test_pane_bulk (Fixture       *fixture,
                gconstpointer  data)
{
  static const char * const figure[] = { "figure", NULL };
  GListModel *model = mg_annotation_pane_get_model (fixture->pane);
  guint length = mg_document_get_length (fixture->document);
  guint before = n_shown (fixture);
  guint emissions = 0;

  mg_annotation_pane_select (fixture->pane, fixture->money);
  g_signal_connect (model, "items-changed", G_CALLBACK (count_cb), &emissions);

  mg_annotation_store_begin_group (fixture->store, "Many");
  for (guint i = 0; i < 300; i++)
    {
      g_autoptr(GError) error = NULL;
      guint start = (i * 7) % (length - 4);
      g_autofree char *note = g_strdup_printf ("bulk %u", i);

      g_assert_nonnull (mg_annotation_store_create (fixture->store, start, start + 1 + i % 3, figure,
                                                    note, FALSE, "Bulk", &error));
      g_assert_no_error (error);
    }
  mg_annotation_store_end_group (fixture->store);
  iterate ();
  g_test_message ("300 additions: %u list changes", emissions);
  g_assert_cmpuint (emissions, <, 40);
  g_assert_cmpuint (n_shown (fixture), ==, before + 300);
  g_assert_true (mg_annotation_pane_get_selected (fixture->pane) == fixture->money);

  /* Undone in one step, the same way. */
  emissions = 0;
  g_assert_true (mg_annotation_store_undo (fixture->store));
  iterate ();
  g_assert_cmpuint (emissions, <, 40);
  g_assert_cmpuint (n_shown (fixture), ==, before);
  g_assert_true (mg_annotation_pane_get_selected (fixture->pane) == fixture->money);

  /* A few changes in a group are followed one by one. */
  emissions = 0;
  mg_annotation_store_begin_group (fixture->store, "Few");
  for (guint i = 0; i < 5; i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_nonnull (mg_annotation_store_create (fixture->store, i, i + 2, figure, NULL, FALSE,
                                                    "Bulk", &error));
      g_assert_no_error (error);
    }
  mg_annotation_store_end_group (fixture->store);
  iterate ();
  g_assert_cmpuint (emissions, ==, 5);
  g_assert_cmpuint (n_shown (fixture), ==, before + 5);
  g_signal_handlers_disconnect_by_func (model, count_cb, &emissions);
}

#define ADD_PANE_TEST(path, func) \
  g_test_add ((path), Fixture, NULL, fixture_set_up, (func), fixture_tear_down)

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  ADD_PANE_TEST ("/annotation-pane/rows", test_pane_rows);
  ADD_PANE_TEST ("/annotation-pane/empty-states", test_pane_empty_states);
  ADD_PANE_TEST ("/annotation-pane/tag-filter", test_pane_tag_filter);
  ADD_PANE_TEST ("/annotation-pane/tag-set-changes", test_pane_tag_set_changes);
  ADD_PANE_TEST ("/annotation-pane/search", test_pane_search);
  ADD_PANE_TEST ("/annotation-pane/starred", test_pane_starred);
  ADD_PANE_TEST ("/annotation-pane/author", test_pane_author);
  ADD_PANE_TEST ("/annotation-pane/sort", test_pane_sort);
  ADD_PANE_TEST ("/annotation-pane/orphans", test_pane_orphans);
  ADD_PANE_TEST ("/annotation-pane/edit-note", test_pane_edit_note);
  ADD_PANE_TEST ("/annotation-pane/editor", test_pane_editor);
  ADD_PANE_TEST ("/annotation-pane/selection", test_pane_selection);
  ADD_PANE_TEST ("/annotation-pane/bulk", test_pane_bulk);

  return g_test_run ();
}
