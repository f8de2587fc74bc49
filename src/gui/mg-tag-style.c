/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Marginalia"
#include "config.h"

#include <adwaita.h>

#include "mg-tag-style.h"

/* Every tag id seen, with its colour: the style sheet covers all of them,
 * so that windows showing different sidecars share one provider. */
static GHashTable     *colors;
static GtkCssProvider *provider;

double
mg_tag_style_highlight_alpha (gboolean dark)
{
  return dark ? 0.42 : 0.32;
}

gboolean
mg_tag_style_parse (const char *color,
                    double      alpha,
                    GdkRGBA    *rgba)
{
  if (color == NULL || !gdk_rgba_parse (rgba, color))
    {
      *rgba = (GdkRGBA) { 0.6, 0.6, 0.6, alpha };
      return FALSE;
    }
  rgba->alpha = alpha;
  return TRUE;
}

char *
mg_tag_style_css_class (const char *tag_id)
{
  return g_strconcat ("mg-tag-", tag_id, NULL);
}

static void
update_provider (void)
{
  GString *css = g_string_new (NULL);
  GHashTableIter iter;
  gpointer key, value;
  GdkDisplay *display = gdk_display_get_default ();

  if (display == NULL)
    {
      g_string_free (css, TRUE);
      return;
    }

  g_hash_table_iter_init (&iter, colors);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      GdkRGBA rgba;

      /* Ids and colours were validated by the tag set; re-check the colour
       * anyway since it goes into a style sheet. */
      if (!mg_tag_style_parse (value, 1.0, &rgba))
        continue;
      g_string_append_printf (css,
                              ".mg-tag-%s { background-color: alpha(%s, 0.32); }\n"
                              ".mg-tag-%s.strong { background-color: alpha(%s, 0.55); }\n",
                              (const char *) key, (const char *) value,
                              (const char *) key, (const char *) value);
    }

  if (provider == NULL)
    {
      provider = gtk_css_provider_new ();
      gtk_style_context_add_provider_for_display (display, GTK_STYLE_PROVIDER (provider),
                                                  GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
    }
  gtk_css_provider_load_from_data (provider, css->str, css->len);
  g_string_free (css, TRUE);
}

static void
collect (MgTagSet *tags)
{
  gboolean changed = FALSE;

  for (guint i = 0; i < mg_tag_set_get_n_tags (tags); i++)
    {
      MgTag *tag = mg_tag_set_get_tag (tags, i);
      const char *id = mg_tag_get_id (tag);
      const char *color = mg_tag_get_color (tag);

      if (!mg_tag_id_is_valid (id) || !mg_tag_color_is_valid (color))
        continue;
      if (g_strcmp0 (g_hash_table_lookup (colors, id), color) != 0)
        {
          g_hash_table_insert (colors, g_strdup (id), g_strdup (color));
          changed = TRUE;
        }
    }
  if (changed)
    update_provider ();
}

void
mg_tag_style_track (MgTagSet *tags)
{
  g_return_if_fail (MG_IS_TAG_SET (tags));

  if (colors == NULL)
    colors = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  if (g_object_get_data (G_OBJECT (tags), "mg-tag-style-tracked") == NULL)
    {
      g_object_set_data (G_OBJECT (tags), "mg-tag-style-tracked", GINT_TO_POINTER (1));
      g_signal_connect (tags, "items-changed", G_CALLBACK (collect), NULL);
      g_signal_connect (tags, "tag-changed", G_CALLBACK (collect), NULL);
    }
  collect (tags);
}
