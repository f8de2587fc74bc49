/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Marginalia"
#include "config.h"

/* Renders the main window with a speech and a few annotations to a PNG, for
 * the screenshots in data/screenshots/:
 *
 *   mg-screenshot [--dark] [--suggestions[=AT]] [--tags] SPEECH OUT.png [QUOTE=TAG[+TAG…][*]]… [QUOTE]
 *
 * A last QUOTE without "=" is left selected, and the tag popover is then
 * rendered to OUT-popover.png. --suggestions shows the suggestions; with
 * AT (a passage of the speech), the window is rendered again to
 * OUT-suggestion.png with the suggestion popover open there. --tags renders
 * the tag manager, opened from the window, to OUT-tags.png; --open=ACTION:NAME
 * activates the window's ACTION ("win.statistics") and renders the window
 * it opens to OUT-NAME.png; --compare=EARLIER renders Compare Speeches with
 * EARLIER against SPEECH to OUT-compare.png.
 *
 * SPEECH may be a folder, opened as a study; --study-search=TEXT then
 * types TEXT in the study's search.
 *
 * TAG is the tag's position from 1 (0: a plain highlight), followed by
 * "+N" for each further tag; a trailing "*" stars the annotation. Runs under any display, Xvfb included. Give it a
 * copy of the speech: the annotations are saved beside it, as in the
 * program. */

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <adwaita.h>
#include <glib/gi18n.h>

#include "gui-test-util.h"
#include "mg-application.h"
#include "mg-document-view.h"
#include "mg-window-compare.h"
#include "screenshot-annotate.h"
#include "widget-texture.h"
#include "mg-study-sidebar.h"

static void
iterate (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

/* @window with @popover drawn where it pops up over it (without the
 * popover's arrow, which lies outside its paintable). */
static int
save_with_popover (GtkWidget  *window,
                   GtkWidget  *popover,
                   const char *path)
{
  g_autoptr(GdkPaintable) window_paintable = gtk_widget_paintable_new (window);
  g_autoptr(GdkPaintable) popover_paintable = gtk_widget_paintable_new (popover);
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (popover));
  int width = gtk_widget_get_width (window);
  int height = gtk_widget_get_height (window);
  double wx, wy, px, py;

  /* Popup position: relative to the window's surface, whose origin is off
   * the window's by its shadow; the popover sits in its own surface the
   * same way. */
  gtk_native_get_surface_transform (GTK_NATIVE (window), &wx, &wy);
  gtk_native_get_surface_transform (GTK_NATIVE (popover), &px, &py);
  gdk_paintable_snapshot (window_paintable, GDK_SNAPSHOT (snapshot), width, height);
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (gdk_popup_get_position_x (GDK_POPUP (surface)) + px - wx,
                                                          gdk_popup_get_position_y (GDK_POPUP (surface)) + py - wy));
  gdk_paintable_snapshot (popover_paintable, GDK_SNAPSHOT (snapshot),
                          gtk_widget_get_width (popover), gtk_widget_get_height (popover));
  gtk_snapshot_restore (snapshot);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  if (node == NULL)
    {
      fprintf (stderr, "Nothing drawn\n");
      return 1;
    }
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (window)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  return gdk_texture_save_to_png (texture, path) ? 0 : 1;
}

static void
wait_ms (guint ms)
{
  gint64 end = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < end)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (2000);
    }
}

/* @widget (a toplevel) rendered to @path. */
static int
save_widget (GtkWidget  *widget,
             const char *path)
{
  g_autoptr(GdkTexture) texture = widget_texture (widget);

  if (texture == NULL)
    return 1;
  return gdk_texture_save_to_png (texture, path) ? 0 : 1;
}

/* Activates @action on @window and renders the window it opens to
 * @path. */
static int
save_opened (GtkWidget  *window,
             const char *action,
             const char *path)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  GtkWidget *opened = NULL;
  int status;

  gtk_widget_activate_action (window, action, NULL);
  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWidget) toplevel = g_list_model_get_item (toplevels, i);

      if (toplevel != window)
        opened = toplevel;
    }
  if (opened == NULL)
    return 1;
  wait_ms (1500);
  iterate ();
  status = save_widget (opened, path);
  gtk_window_destroy (GTK_WINDOW (opened));
  iterate ();
  return status;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(MgApplication) app = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GtkSnapshot) snapshot = NULL;
  MgWindow *window;
  MgDocumentView *view;
  gboolean dark = FALSE;
  gboolean selection = FALSE;
  gboolean suggestions = FALSE;
  gboolean tags = FALSE;
  const char *suggestion_at = NULL;
  const char *opens = NULL;
  const char *compare_with = NULL;
  const char *study_search = NULL;
  int first = 1;
  int width, height;

  for (; first < argc && g_str_has_prefix (argv[first], "--"); first++)
    {
      if (g_str_equal (argv[first], "--dark"))
        dark = TRUE;
      else if (g_str_equal (argv[first], "--tags"))
        tags = TRUE;
      else if (g_str_has_prefix (argv[first], "--compare="))
        compare_with = argv[first] + strlen ("--compare=");
      else if (g_str_has_prefix (argv[first], "--open="))
        opens = argv[first] + strlen ("--open=");
      else if (g_str_equal (argv[first], "--suggestions"))
        suggestions = TRUE;
      else if (g_str_has_prefix (argv[first], "--study-search="))
        study_search = argv[first] + strlen ("--study-search=");
      else if (g_str_has_prefix (argv[first], "--suggestions="))
        {
          suggestions = TRUE;
          suggestion_at = argv[first] + strlen ("--suggestions=");
        }
      else
        break;
    }
  if (argc < first + 2)
    {
      fprintf (stderr, "Usage: %s [--dark] [--suggestions[=AT]] [--tags] [--open=ACTION:NAME] [--compare=EARLIER] [--study-search=TEXT] SPEECH|FOLDER OUT.png [QUOTE=TAG[+TAG…][*]]…\n", argv[0]);
      return 2;
    }

  /* The interface in the language of the environment (LANGUAGE=zh_CN),
   * from MG_LOCALEDIR when the program is not installed. */
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("MG_LOCALEDIR") != NULL ? g_getenv ("MG_LOCALEDIR") : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  gtk_init ();
  adw_init ();
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                      dark ? ADW_COLOR_SCHEME_FORCE_DARK : ADW_COLOR_SCHEME_FORCE_LIGHT);
  app = mg_application_new ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  if (!g_application_register (G_APPLICATION (app), NULL, NULL))
    return 1;

  window = mg_window_new (app);
  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 760);
  /* On a monitor and focused, so that popovers can be placed and the
   * window is drawn as the one in front. */
  mg_gui_test_present (GTK_WINDOW (window));
  file = g_file_new_for_commandline_arg (argv[first]);
  mg_window_open_file (window, file);
  while (mg_window_is_loading (window))
    g_main_context_iteration (NULL, TRUE);
  if (!mg_window_has_document (window))
    {
      fprintf (stderr, "Could not open %s\n", argv[first]);
      return 1;
    }
  /* A folder opens as a study: its search, typed in the sidebar. */
  if (study_search != NULL)
    mg_study_sidebar_set_search (MG_STUDY_SIDEBAR (mg_window_get_study_sidebar (window)),
                                 study_search, FALSE);

  view = MG_DOCUMENT_VIEW (mg_window_get_document_view (window));
  for (int i = first + 2; i < argc; i++)
    {
      g_auto(GStrv) parts = g_strsplit (argv[i], "=", 2);
      const char *text = mg_document_get_text (mg_annotation_store_get_document (mg_window_get_store (window)));
      const char *found;
      guint start;
      int tag;

      if ((found = strstr (text, parts[0])) == NULL)
        {
          fprintf (stderr, "Not in the speech: %s\n", argv[i]);
          return 1;
        }
      start = (guint) g_utf8_pointer_to_offset (text, found);
      if (parts[1] == NULL)
        {
          selection = TRUE;
          mg_document_view_select_range (view, start, start + (guint) g_utf8_strlen (parts[0], -1));
          continue;
        }
      tag = atoi (parts[1]);
      if (!mg_screenshot_annotate (window, start, start + (guint) g_utf8_strlen (parts[0], -1), tag,
                                   strchr (parts[1], '*') != NULL, NULL))
        return 1;
      /* Further tags: "1+3". */
      for (const char *plus = strchr (parts[1], '+'); plus != NULL; plus = strchr (plus + 1, '+'))
        {
          MgAnnotationStore *store = mg_window_get_store (window);
          MgTagSet *tag_set = mg_annotation_store_get_tag_set (store);
          guint more = (guint) atoi (plus + 1);
          MgAnnotation *made = mg_window_get_selected (window);

          if (made != NULL && more >= 1 && more <= mg_tag_set_get_n_tags (tag_set))
            mg_annotation_store_toggle_tag (store, made,
                                            mg_tag_get_id (mg_tag_set_get_tag (tag_set, more - 1)), NULL);
        }
    }
  if (!selection)
    mg_document_view_clear_selection (view);
  mg_document_view_refresh (view);
  if (suggestions)
    {
      gtk_widget_activate_action (GTK_WIDGET (window), "win.show-suggestions", NULL);
      while (mg_window_get_suggestions (window) == NULL)
        g_main_context_iteration (NULL, TRUE);
      iterate ();
    }

  /* Let the toasts go, the layout settle and the fonts load; and drawn,
   * however slowly a loaded machine gets there. */
  wait_ms (6000);
  mg_gui_test_wait_frames (GTK_WIDGET (window), 3);

  width = gtk_widget_get_width (GTK_WIDGET (window));
  height = gtk_widget_get_height (GTK_WIDGET (window));
  paintable = gtk_widget_paintable_new (GTK_WIDGET (window));
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), width, height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  if (node == NULL)
    {
      fprintf (stderr, "Nothing drawn\n");
      return 1;
    }
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (window)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  if (!gdk_texture_save_to_png (texture, argv[first + 1]))
    {
      fprintf (stderr, "Could not write %s\n", argv[first + 1]);
      return 1;
    }

  if (selection && mg_document_view_popup_tags (view))
    {
      GtkWidget *popover = GTK_WIDGET (mg_document_view_get_tag_popover (view));
      g_autoptr(GdkPaintable) popover_paintable = NULL;
      g_autoptr(GskRenderNode) popover_node = NULL;
      g_autoptr(GdkTexture) popover_texture = NULL;
      g_autoptr(GtkSnapshot) popover_snapshot = gtk_snapshot_new ();
      g_autofree char *base = g_strndup (argv[first + 1], strlen (argv[first + 1]) - 4);
      g_autofree char *out = g_strconcat (base, "-popover.png", NULL);

      wait_ms (1000);
      iterate ();
      width = gtk_widget_get_width (popover);
      height = gtk_widget_get_height (popover);
      popover_paintable = gtk_widget_paintable_new (popover);
      gdk_paintable_snapshot (popover_paintable, GDK_SNAPSHOT (popover_snapshot), width, height);
      popover_node = gtk_snapshot_free_to_node (g_steal_pointer (&popover_snapshot));
      if (popover_node == NULL)
        return 1;
      popover_texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (popover)),
                                                     popover_node,
                                                     &GRAPHENE_RECT_INIT (0, 0, width, height));
      if (!gdk_texture_save_to_png (popover_texture, out))
        return 1;
      gtk_popover_popdown (GTK_POPOVER (popover));
      iterate ();
    }

  if (suggestion_at != NULL)
    {
      const char *text = mg_document_get_text (mg_annotation_store_get_document (mg_window_get_store (window)));
      const char *found = strstr (text, suggestion_at);
      g_autofree char *base = g_strndup (argv[first + 1], strlen (argv[first + 1]) - 4);
      g_autofree char *out = g_strconcat (base, "-suggestion.png", NULL);

      if (found == NULL ||
          !mg_document_view_popup_suggestions (view, (guint) g_utf8_pointer_to_offset (text, found)))
        {
          fprintf (stderr, "No suggestion at: %s\n", suggestion_at);
          return 1;
        }
      wait_ms (1000);
      iterate ();
      if (save_with_popover (GTK_WIDGET (window), GTK_WIDGET (mg_document_view_get_suggestion_popover (view)), out) != 0)
        return 1;
    }

  if (tags)
    {
      g_autofree char *base = g_strndup (argv[first + 1], strlen (argv[first + 1]) - 4);
      g_autofree char *out = g_strconcat (base, "-tags.png", NULL);

      if (save_opened (GTK_WIDGET (window), "win.manage-tags", out) != 0)
        return 1;
    }

  if (compare_with != NULL)
    {
      g_autofree char *base = g_strndup (argv[first + 1], strlen (argv[first + 1]) - 4);
      g_autofree char *out = g_strconcat (base, "-compare.png", NULL);
      g_autoptr(GFile) other = g_file_new_for_commandline_arg (compare_with);
      MgCompareWindow *compare;

      gtk_widget_activate_action (GTK_WIDGET (window), "win.compare", NULL);
      compare = mg_window_get_compare_window (window);
      if (compare == NULL)
        return 1;
      gtk_window_set_default_size (GTK_WINDOW (compare), 900, 760);
      mg_compare_window_open_speech (compare, other);
      while (mg_compare_window_is_loading (compare))
        g_main_context_iteration (NULL, TRUE);
      wait_ms (1500);
      iterate ();
      if (mg_compare_window_get_comparison (compare) == NULL || save_widget (GTK_WIDGET (compare), out) != 0)
        return 1;
      gtk_window_destroy (GTK_WINDOW (compare));
      iterate ();
    }

  if (opens != NULL)
    {
      g_auto(GStrv) parts = g_strsplit (opens, ":", 2);
      g_autofree char *base = g_strndup (argv[first + 1], strlen (argv[first + 1]) - 4);
      g_autofree char *out = g_strconcat (base, "-", parts[1] != NULL ? parts[1] : "window", ".png", NULL);

      if (save_opened (GTK_WIDGET (window), parts[0], out) != 0)
        return 1;
    }

  gtk_window_destroy (GTK_WINDOW (window));
  iterate ();
  return 0;
}
