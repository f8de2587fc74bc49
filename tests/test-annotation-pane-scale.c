/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Marginalia"
#include "config.h"

#include <adwaita.h>

#include "gui-test-util.h"
#include "mg-annotation-pane.h"
#include "mg-annotation-store.h"
#include "mg-document.h"

static void
iterate (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static guint
n_items (MgAnnotationPane *pane)
{
  return g_list_model_get_n_items (mg_annotation_pane_get_model (pane));
}

/* Logs how long the list took to change (the filter and sort models and the
 * row widgets) and how long until the next frame was drawn. The figures are
 * for reading in the log; bench/ measures speed. */
static void
finish_step (GTimer     *timer,
             const char *what)
{
  double changed = g_timer_elapsed (timer, NULL);
  double drawn;

  iterate ();
  drawn = g_timer_elapsed (timer, NULL);
  g_test_message ("%s: %.0f ms, %.0f ms with the next frame", what, changed * 1000, drawn * 1000);
}

/* 20,000 annotations on about 1 MB of text: filtering must stay
 * interactive. */
static void
test_pane_large (void)
{
  static const char * const tag_sets[][3] = {
    { "policy-goal", NULL },
    { "figure", NULL },
    { "slogan", "figure", NULL },
    { NULL },
  };
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(MgDocument) document = NULL;
  g_autoptr(MgAnnotationStore) store = NULL;
  g_autoptr(GPtrArray) annotations = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GTimer) timer = g_timer_new ();
  MgAnnotationPane *pane;
  GtkWidget *window;
  guint expected_figures = 0;

  for (guint i = 0; i < 20000; i++)
    g_string_append_printf (text, "第%u段：义乌与233个国家和地区有贸易往来，坚持“出六进四”。\n\n", i + 1);
  document = mg_document_new_for_text (text->str, text->len, "large.txt");
  store = mg_annotation_store_new (document, NULL);

  for (guint i = 0; i < 20000; i++)
    {
      guint start;
      guint para_start, para_end;
      MgAnnotation *annotation;
      g_autofree char *note = g_strdup_printf ("note %u", i);

      g_assert_true (mg_document_get_paragraph_range (document, i + 1, &para_start, &para_end));
      start = para_start + 3;
      annotation = mg_annotation_new (NULL, start, start + 10);
      mg_annotation_fill_context (annotation, document);
      mg_annotation_set_tags (annotation, tag_sets[i % 4]);
      mg_annotation_set_note (annotation, note);
      mg_annotation_set_starred (annotation, i % 7 == 0);
      mg_annotation_set_author (annotation, i % 2 == 0 ? "Li Wei" : "Zhang San");
      if (i % 4 == 1 || i % 4 == 2)
        expected_figures++;
      g_ptr_array_add (annotations, annotation);
    }
  mg_annotation_store_load (store, annotations);
  g_test_message ("text: %" G_GSIZE_FORMAT " bytes, %u annotations",
                  mg_document_get_size (document),
                  g_list_model_get_n_items (G_LIST_MODEL (store)));

  pane = MG_ANNOTATION_PANE (mg_annotation_pane_new ());
  window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (window), 420, 700);
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (pane));
  mg_gui_test_present (GTK_WINDOW (window));

  g_timer_start (timer);
  mg_annotation_pane_set_store (pane, store);
  finish_step (timer, "show 20,000 annotations");
  g_assert_cmpuint (n_items (pane), ==, 20000);

  g_timer_start (timer);
  mg_annotation_pane_set_tag_filter (pane, "figure", TRUE);
  finish_step (timer, "filter by tag");
  g_assert_cmpuint (n_items (pane), ==, expected_figures);

  g_timer_start (timer);
  mg_annotation_pane_set_tag_filter (pane, "figure", FALSE);
  finish_step (timer, "clear the tag filter");
  g_assert_cmpuint (n_items (pane), ==, 20000);

  g_timer_start (timer);
  mg_annotation_pane_set_search_text (pane, "note 1999");
  finish_step (timer, "search the notes (ASCII)");
  /* note 1999, 19990..19999 */
  g_assert_cmpuint (n_items (pane), ==, 11);

  g_timer_start (timer);
  mg_annotation_pane_set_search_text (pane, "义乌与");
  finish_step (timer, "search the quotes (Chinese)");
  g_assert_cmpuint (n_items (pane), ==, 20000);

  g_timer_start (timer);
  mg_annotation_pane_set_search_text (pane, "no such words");
  finish_step (timer, "search without a match");
  g_assert_cmpuint (n_items (pane), ==, 0);
  mg_annotation_pane_set_search_text (pane, NULL);
  iterate ();

  g_timer_start (timer);
  mg_annotation_pane_set_sort_by (pane, "tag");
  finish_step (timer, "sort by tag");
  g_assert_cmpuint (n_items (pane), ==, 20000);

  g_timer_start (timer);
  mg_annotation_store_set_note (store, mg_annotation_store_get_annotation (store, 100), "edited");
  finish_step (timer, "edit one note");

  gtk_window_destroy (GTK_WINDOW (window));
  iterate ();
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/annotation-pane/large", test_pane_large);

  return g_test_run ();
}
