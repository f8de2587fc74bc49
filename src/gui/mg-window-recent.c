/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Marginalia"
#include "config.h"

#include <glib/gi18n.h>

#include "mg-window-private.h"
#include "mg-window-recent.h"

static void
open_recent_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  g_autoptr(GFile) file = g_file_new_for_uri (g_variant_get_string (parameter, NULL));

  mg_window_open_file (MG_WINDOW (widget), file);
}

void
_mg_window_class_init_recent (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.open-recent", "s", open_recent_action);
}

static int
newest_first (gconstpointer a,
              gconstpointer b)
{
  GtkRecentInfo *ia = *(GtkRecentInfo * const *) a;
  GtkRecentInfo *ib = *(GtkRecentInfo * const *) b;

  return g_date_time_compare (gtk_recent_info_get_modified (ib),
                              gtk_recent_info_get_modified (ia));
}

/* The speeches and studies (folders) this program put in the recent list
 * that still exist, newest first (transfer full). */
static GPtrArray *
recent_speeches (void)
{
  GtkRecentManager *manager = gtk_recent_manager_get_default ();
  GPtrArray *found = g_ptr_array_new_with_free_func ((GDestroyNotify) gtk_recent_info_unref);
  GList *items = gtk_recent_manager_get_items (manager);
  const char *app_name = g_get_application_name ();

  for (GList *l = items; l != NULL; l = l->next)
    {
      GtkRecentInfo *info = l->data;

      if (app_name != NULL && gtk_recent_info_has_application (info, app_name) &&
          gtk_recent_info_is_local (info) && gtk_recent_info_exists (info))
        g_ptr_array_add (found, gtk_recent_info_ref (info));
    }
  g_list_free_full (items, (GDestroyNotify) gtk_recent_info_unref);
  g_ptr_array_sort (found, newest_first);
  if (found->len > MG_WINDOW_N_RECENT)
    g_ptr_array_set_size (found, MG_WINDOW_N_RECENT);
  return found;
}

static GtkWidget *
recent_row (GtkRecentInfo *info)
{
  const char *uri = gtk_recent_info_get_uri (info);
  g_autoptr(GFile) file = g_file_new_for_uri (uri);
  g_autoptr(GFile) parent = g_file_get_parent (file);
  g_autofree char *folder = parent != NULL ? g_file_get_parse_name (parent) : g_strdup ("");
  GtkWidget *row = adw_action_row_new ();

  gboolean study = g_strcmp0 (gtk_recent_info_get_mime_type (info), "inode/directory") == 0;

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), gtk_recent_info_get_display_name (info));
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  if (study)
    {
      /* Translators: the subtitle of a study (a folder of speeches) in
       * the recent list: "Study in /home/li/reports". */
      g_autofree char *subtitle = g_strdup_printf (_("Study in %s"), folder);
      GtkWidget *icon = gtk_image_new_from_icon_name ("folder-symbolic");

      gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Study"), -1);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
    }
  else
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), folder);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (row), "win.open-recent");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (row), "s", uri);
  return row;
}

/* Replaces the "Recent Speeches" heading and list of @page with the
 * speeches in the recent list now. */
static void
recent_refresh (AdwStatusPage *page)
{
  g_autoptr(GPtrArray) recent = recent_speeches ();
  GtkWidget *box = adw_status_page_get_child (page);
  GtkWidget *heading, *list, *child, *next;

  if (!GTK_IS_BOX (box))
    return;
  for (child = gtk_widget_get_first_child (box); child != NULL; child = next)
    {
      next = gtk_widget_get_next_sibling (child);
      if (g_strcmp0 (gtk_widget_get_name (child), "recent-speeches") == 0
          || g_strcmp0 (gtk_widget_get_name (child), "recent-heading") == 0)
        gtk_box_remove (GTK_BOX (box), child);
    }
  if (recent->len == 0)
    return;

  heading = gtk_label_new (_("Recent Speeches and Studies"));
  gtk_widget_set_name (heading, "recent-heading");
  gtk_widget_add_css_class (heading, "heading");
  gtk_widget_set_halign (heading, GTK_ALIGN_START);
  gtk_widget_set_margin_top (heading, 18);

  list = gtk_list_box_new ();
  gtk_widget_set_name (list, "recent-speeches");
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_widget_set_size_request (list, 360, -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (list),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Recent Speeches and Studies"), -1);
  for (guint i = 0; i < recent->len; i++)
    gtk_list_box_append (GTK_LIST_BOX (list), recent_row (g_ptr_array_index (recent, i)));

  gtk_box_append (GTK_BOX (box), heading);
  gtk_box_append (GTK_BOX (box), list);
}

void
mg_window_recent_attach (MgWindow      *self,
                         AdwStatusPage *page)
{
  /* Kept up to date: a speech opened in another window shows up here. */
  g_signal_connect_object (gtk_recent_manager_get_default (), "changed",
                           G_CALLBACK (recent_refresh), page, G_CONNECT_SWAPPED);
  recent_refresh (page);
}
