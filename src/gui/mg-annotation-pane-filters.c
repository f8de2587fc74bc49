/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Marginalia"

#include "config.h"

#include <glib/gi18n.h>

#include "mg-annotation-pane-private.h"
#include "mg-tag-chip.h"
#include "mg-wrap-box.h"

/* Matching ------------------------------------------------------------- */

/* Full-width forms fold to their ASCII twins (NFKC), then case. */
static char *
fold_for_search (const char *text)
{
  g_autofree char *normalized = g_utf8_normalize (text, -1, G_NORMALIZE_ALL);

  return g_utf8_casefold (normalized != NULL ? normalized : text, -1);
}

/* The quote and the note folded for search, kept on the annotation with
 * the texts they were made from, so that they are folded again only after
 * a change. */
typedef struct
{
  char *quote;
  char *note;
  char *author;
  char *folded;
} FoldedText;

static void
folded_text_free (gpointer data)
{
  FoldedText *cache = data;

  g_free (cache->quote);
  g_free (cache->note);
  g_free (cache->author);
  g_free (cache->folded);
  g_free (cache);
}

static const char *
get_folded_text (MgAnnotation *annotation)
{
  static GQuark quark;
  const char *quote = mg_annotation_get_quote (annotation);
  const char *note = mg_annotation_get_note (annotation);
  const char *author = mg_annotation_get_author (annotation);
  FoldedText *cache;
  g_autofree char *joined = NULL;

  if (quark == 0)
    quark = g_quark_from_static_string ("mg-annotation-pane-folded-text");

  cache = g_object_get_qdata (G_OBJECT (annotation), quark);
  if (cache != NULL && g_strcmp0 (cache->quote, quote) == 0 && g_strcmp0 (cache->note, note) == 0 &&
      g_strcmp0 (cache->author, author) == 0)
    return cache->folded;

  /* A line break keeps a match from spanning the quote, the note and the
   * author's name. */
  joined = g_strconcat (quote != NULL ? quote : "", "\n", note != NULL ? note : "", "\n",
                        author != NULL ? author : "", NULL);
  cache = g_new0 (FoldedText, 1);
  cache->quote = g_strdup (quote);
  cache->note = g_strdup (note);
  cache->author = g_strdup (author);
  cache->folded = fold_for_search (joined);
  g_object_set_qdata_full (G_OBJECT (annotation), quark, cache, folded_text_free);

  return cache->folded;
}

gboolean
_mg_annotation_pane_placed_match (gpointer item,
                                  gpointer user_data)
{
  return !mg_annotation_is_orphaned (MG_ANNOTATION (item));
}

gboolean
_mg_annotation_pane_orphan_match (gpointer item,
                                  gpointer user_data)
{
  return mg_annotation_is_orphaned (MG_ANNOTATION (item));
}

static gboolean
tag_match (gpointer item,
           gpointer user_data)
{
  MgAnnotationPane *self = user_data;
  const char * const *tags = mg_annotation_get_tags (MG_ANNOTATION (item));

  for (guint i = 0; tags[i] != NULL; i++)
    if (g_hash_table_contains (self->active_tags, tags[i]))
      return TRUE;

  return FALSE;
}

static gboolean
starred_match (gpointer item,
               gpointer user_data)
{
  return mg_annotation_get_starred (MG_ANNOTATION (item));
}

static gboolean
author_match (gpointer item,
              gpointer user_data)
{
  MgAnnotationPane *self = user_data;
  MgAnnotation *annotation = MG_ANNOTATION (item);
  const char * const *contributors;

  if (g_strcmp0 (mg_annotation_get_author (annotation), self->author) == 0)
    return TRUE;

  contributors = mg_annotation_get_contributors (annotation);
  return g_strv_contains (contributors, self->author);
}

static gboolean
search_match (gpointer item,
              gpointer user_data)
{
  MgAnnotationPane *self = user_data;
  MgAnnotation *annotation = MG_ANNOTATION (item);

  return strstr (get_folded_text (annotation), self->search_key) != NULL;
}

static int
first_tag_index (MgAnnotationPane *self,
                 MgAnnotation     *annotation)
{
  const char * const *tags = mg_annotation_get_tags (annotation);
  int best = G_MAXINT;

  for (guint i = 0; tags[i] != NULL; i++)
    {
      int index = self->tag_set != NULL ? mg_tag_set_index_of (self->tag_set, tags[i]) : -1;

      /* Tags the set does not know come after the known ones. */
      if (index < 0)
        index = G_MAXINT - 1;
      best = MIN (best, index);
    }

  return best;
}

int
_mg_annotation_pane_group_of (MgAnnotationPane *self,
                             MgAnnotation     *annotation)
{
  return first_tag_index (self, annotation);
}

const char *
_mg_annotation_pane_group_name (MgAnnotationPane *self,
                               MgAnnotation     *annotation)
{
  int index = first_tag_index (self, annotation);

  if (index == G_MAXINT)
    return _("Highlights");
  if (index == G_MAXINT - 1)
    return _("Other Tags");
  return mg_tag_get_display_name (mg_tag_set_get_tag (self->tag_set, index));
}

int
_mg_annotation_pane_tag_sort_func (gconstpointer a,
                                  gconstpointer b,
                                  gpointer      user_data)
{
  MgAnnotationPane *self = user_data;
  int ka = first_tag_index (self, MG_ANNOTATION ((gpointer) a));
  int kb = first_tag_index (self, MG_ANNOTATION ((gpointer) b));
  int order;

  if (ka != kb)
    return ka < kb ? GTK_ORDERING_SMALLER : GTK_ORDERING_LARGER;

  order = mg_annotation_compare (MG_ANNOTATION ((gpointer) a), MG_ANNOTATION ((gpointer) b));
  return order < 0 ? GTK_ORDERING_SMALLER : order > 0 ? GTK_ORDERING_LARGER : GTK_ORDERING_EQUAL;
}

static void
set_filter_func (MgAnnotationPane    *self,
                 GtkCustomFilter     *filter,
                 gboolean             active,
                 GtkCustomFilterFunc  func)
{
  /* A filter without a function matches everything, and the filter model
   * then skips it altogether. */
  gtk_custom_filter_set_filter_func (filter, active ? func : NULL, active ? self : NULL, NULL);
}

gboolean
_mg_annotation_pane_filters_active (MgAnnotationPane *self)
{
  return g_hash_table_size (self->active_tags) > 0 ||
         self->starred_only ||
         self->author != NULL ||
         self->search_key != NULL;
}

/* Tag chips and members --------------------------------------------- */

static void
tag_toggle_toggled_cb (GtkToggleButton  *button,
                       MgAnnotationPane *self)
{
  const char *tag_id = g_object_get_data (G_OBJECT (button), "mg-tag-id");

  mg_annotation_pane_set_tag_filter (self, tag_id, gtk_toggle_button_get_active (button));
}

static GtkWidget *
find_tag_toggle (MgAnnotationPane *self,
                 const char       *tag_id)
{
  GtkWidget *child;

  for (child = gtk_widget_get_first_child (self->tag_filter_box);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *button = child;

      if (g_strcmp0 (g_object_get_data (G_OBJECT (button), "mg-tag-id"), tag_id) == 0)
        return button;
    }

  return NULL;
}

void
_mg_annotation_pane_update_tag_counts (MgAnnotationPane *self)
{
  GtkWidget *child;

  for (child = gtk_widget_get_first_child (self->tag_filter_box);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *button = child;
      GtkWidget *chip = gtk_button_get_child (GTK_BUTTON (button));
      const char *tag_id = g_object_get_data (G_OBJECT (button), "mg-tag-id");
      MgTag *tag = mg_tag_chip_get_tag (MG_TAG_CHIP (chip));
      /* As listed: the annotations that could not be placed are apart. */
      guint count = self->store != NULL ? mg_annotation_store_count_tag_placed (self->store, tag_id) : 0;
      g_autofree char *label = NULL;

      mg_tag_chip_set_count (MG_TAG_CHIP (chip), count);
      /* TRANSLATORS: a tag filter button: tag name and number of annotations */
      label = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s, %u annotation", "%s, %u annotations", count),
                               mg_tag_get_display_name (tag), count);
      gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                      -1);
    }
}

void
_mg_annotation_pane_rebuild_tag_filters (MgAnnotationPane *self)
{
  guint n_tags = self->tag_set != NULL ? mg_tag_set_get_n_tags (self->tag_set) : 0;
  g_autoptr(GHashTable) present = g_hash_table_new (g_str_hash, g_str_equal);
  GHashTableIter iter;
  gpointer key;
  gboolean dropped = FALSE;

  mg_wrap_box_remove_all (MG_WRAP_BOX (self->tag_filter_box));

  for (guint i = 0; i < n_tags; i++)
    {
      MgTag *tag = mg_tag_set_get_tag (self->tag_set, i);
      const char *tag_id = mg_tag_get_id (tag);
      GtkWidget *button = gtk_toggle_button_new ();
      g_autofree char *tooltip = NULL;

      g_hash_table_add (present, (gpointer) tag_id);
      g_object_set_data_full (G_OBJECT (button), "mg-tag-id", g_strdup (tag_id), g_free);
      gtk_button_set_child (GTK_BUTTON (button), mg_tag_chip_new (tag));
      gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (button),
                                    g_hash_table_contains (self->active_tags, tag_id));
      tooltip = g_strdup_printf (_("Show the annotations tagged “%s”"), mg_tag_get_display_name (tag));
      gtk_widget_set_tooltip_text (button, tooltip);
      gtk_widget_add_css_class (button, "flat");
      gtk_widget_add_css_class (button, "mg-tag-filter");
      g_signal_connect (button, "toggled", G_CALLBACK (tag_toggle_toggled_cb), self);
      mg_wrap_box_append (MG_WRAP_BOX (self->tag_filter_box), button);
    }

  /* A tag that went away no longer filters. */
  g_hash_table_iter_init (&iter, self->active_tags);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (!g_hash_table_contains (present, key))
      {
        g_hash_table_iter_remove (&iter);
        dropped = TRUE;
      }
  if (dropped)
    set_filter_func (self, self->tag_filter,
                     g_hash_table_size (self->active_tags) > 0, tag_match);

  gtk_widget_set_visible (self->tag_filter_box, n_tags > 0);
  _mg_annotation_pane_update_tag_counts (self);
}

void
_mg_annotation_pane_update_authors (MgAnnotationPane *self)
{
  g_auto(GStrv) names = self->store != NULL ? mg_annotation_store_dup_authors (self->store, TRUE)
                                            : g_new0 (char *, 1);
  guint selected = 0;

  if (self->authors != NULL && g_strv_equal ((const char * const *) self->authors, (const char * const *) names))
    return;

  g_strfreev (self->authors);
  self->authors = g_steal_pointer (&names);

  self->updating_authors = TRUE;
  gtk_string_list_splice (self->author_list, 1,
                          g_list_model_get_n_items (G_LIST_MODEL (self->author_list)) - 1,
                          (const char * const *) self->authors);
  for (guint i = 0; self->author != NULL && self->authors[i] != NULL; i++)
    if (g_str_equal (self->authors[i], self->author))
      selected = i + 1;
  gtk_drop_down_set_selected (GTK_DROP_DOWN (self->author_dropdown), selected);
  self->updating_authors = FALSE;

  /* The chosen member left: show everyone again. */
  if (self->author != NULL && selected == 0)
    mg_annotation_pane_set_author (self, NULL);

  gtk_widget_set_visible (self->author_dropdown,
                          g_strv_length (self->authors) > 1 || self->author != NULL);
}

/* Public filter API --------------------------------------------------- */

void
mg_annotation_pane_set_tag_filter (MgAnnotationPane *self,
                                   const char       *tag_id,
                                   gboolean          active)
{
  GtkWidget *button;

  g_return_if_fail (MG_IS_ANNOTATION_PANE (self));
  g_return_if_fail (tag_id != NULL);

  if (active == g_hash_table_contains (self->active_tags, tag_id))
    return;

  if (active)
    g_hash_table_add (self->active_tags, g_strdup (tag_id));
  else
    g_hash_table_remove (self->active_tags, tag_id);

  if ((button = find_tag_toggle (self, tag_id)) != NULL)
    {
      g_signal_handlers_block_by_func (button, tag_toggle_toggled_cb, self);
      gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (button), active);
      g_signal_handlers_unblock_by_func (button, tag_toggle_toggled_cb, self);
    }

  if (g_hash_table_size (self->active_tags) > 0)
    {
      /* Re-setting the function tells the model to refilter. */
      set_filter_func (self, self->tag_filter, TRUE, tag_match);
    }
  else
    set_filter_func (self, self->tag_filter, FALSE, tag_match);

  _mg_annotation_pane_update_state (self);
}

gboolean
mg_annotation_pane_get_tag_filter (MgAnnotationPane *self,
                                   const char       *tag_id)
{
  g_return_val_if_fail (MG_IS_ANNOTATION_PANE (self), FALSE);
  g_return_val_if_fail (tag_id != NULL, FALSE);

  return g_hash_table_contains (self->active_tags, tag_id);
}

const char *
mg_annotation_pane_get_search_text (MgAnnotationPane *self)
{
  g_return_val_if_fail (MG_IS_ANNOTATION_PANE (self), NULL);

  return self->search_text;
}

/* Shows the search text in the entry, whose own change signals are then
 * ignored: they would replace the text while it is being copied. */
void
_mg_annotation_pane_sync_search_entry (MgAnnotationPane *self)
{
  g_autofree char *text = g_strdup (self->search_text != NULL ? self->search_text : "");

  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (self->search_entry)), text) == 0)
    return;

  self->syncing_search = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), text);
  self->syncing_search = FALSE;
}

void
mg_annotation_pane_set_search_text (MgAnnotationPane *self,
                                    const char       *text)
{
  g_autofree char *stripped = NULL;

  g_return_if_fail (MG_IS_ANNOTATION_PANE (self));

  stripped = g_strstrip (g_strdup (text != NULL ? text : ""));
  if (stripped[0] == '\0')
    g_clear_pointer (&stripped, g_free);

  if (g_strcmp0 (self->search_text, stripped) == 0)
    return;

  g_free (self->search_text);
  self->search_text = g_steal_pointer (&stripped);
  g_clear_pointer (&self->search_key, g_free);
  if (self->search_text != NULL)
    {
      self->search_key = fold_for_search (self->search_text);
      g_strdelimit (self->search_key, "\r\n", ' ');
    }

  /* Leave the entry alone while someone types in it. */
  if (!gtk_widget_has_focus (gtk_widget_get_first_child (self->search_entry)))
    _mg_annotation_pane_sync_search_entry (self);

  set_filter_func (self, self->search_filter, self->search_key != NULL, search_match);
  _mg_annotation_pane_update_state (self);
  _mg_annotation_pane_notify_prop (self, PROP_SEARCH_TEXT);
}

gboolean
mg_annotation_pane_get_starred_only (MgAnnotationPane *self)
{
  g_return_val_if_fail (MG_IS_ANNOTATION_PANE (self), FALSE);

  return self->starred_only;
}

void
mg_annotation_pane_set_starred_only (MgAnnotationPane *self,
                                     gboolean          starred_only)
{
  g_return_if_fail (MG_IS_ANNOTATION_PANE (self));

  starred_only = !!starred_only;
  if (self->starred_only == starred_only)
    return;

  self->starred_only = starred_only;
  set_filter_func (self, self->starred_filter, starred_only, starred_match);
  _mg_annotation_pane_update_state (self);
  _mg_annotation_pane_notify_prop (self, PROP_STARRED_ONLY);
}

const char *
mg_annotation_pane_get_author (MgAnnotationPane *self)
{
  g_return_val_if_fail (MG_IS_ANNOTATION_PANE (self), NULL);

  return self->author;
}

void
mg_annotation_pane_set_author (MgAnnotationPane *self,
                               const char       *author)
{
  guint selected = 0;

  g_return_if_fail (MG_IS_ANNOTATION_PANE (self));

  if (author != NULL && author[0] == '\0')
    author = NULL;
  if (g_strcmp0 (self->author, author) == 0)
    return;

  g_free (self->author);
  self->author = g_strdup (author);

  for (guint i = 0; self->author != NULL && self->authors != NULL && self->authors[i] != NULL; i++)
    if (g_str_equal (self->authors[i], self->author))
      selected = i + 1;
  self->updating_authors = TRUE;
  gtk_drop_down_set_selected (GTK_DROP_DOWN (self->author_dropdown), selected);
  self->updating_authors = FALSE;

  set_filter_func (self, self->author_filter, self->author != NULL, author_match);
  _mg_annotation_pane_update_state (self);
  _mg_annotation_pane_notify_prop (self, PROP_AUTHOR);
}

const char *
mg_annotation_pane_get_sort_by (MgAnnotationPane *self)
{
  g_return_val_if_fail (MG_IS_ANNOTATION_PANE (self), NULL);

  return self->sort_by;
}

void
mg_annotation_pane_set_sort_by (MgAnnotationPane *self,
                                const char       *sort_by)
{
  gboolean by_tag;

  g_return_if_fail (MG_IS_ANNOTATION_PANE (self));

  if (sort_by == NULL)
    sort_by = MG_ANNOTATION_PANE_SORT_POSITION;
  g_return_if_fail (g_str_equal (sort_by, MG_ANNOTATION_PANE_SORT_POSITION) ||
                    g_str_equal (sort_by, MG_ANNOTATION_PANE_SORT_TAG));

  if (g_strcmp0 (self->sort_by, sort_by) == 0)
    return;

  g_free (self->sort_by);
  self->sort_by = g_strdup (sort_by);

  /* The store is already in position order: no sorter at all then. */
  by_tag = g_str_equal (sort_by, MG_ANNOTATION_PANE_SORT_TAG);
  gtk_sort_list_model_set_sorter (self->sort_model,
                                  by_tag ? GTK_SORTER (self->tag_sorter) : NULL);
  /* An order that did not change moves no row: the headings still do. */
  _mg_annotation_pane_update_headings (self);
  _mg_annotation_pane_notify_prop (self, PROP_SORT_BY);
}

void
mg_annotation_pane_clear_filters (MgAnnotationPane *self)
{
  g_auto(GStrv) tags = NULL;

  g_return_if_fail (MG_IS_ANNOTATION_PANE (self));

  tags = (GStrv) g_hash_table_get_keys_as_array (self->active_tags, NULL);
  for (guint i = 0; tags[i] != NULL; i++)
    tags[i] = g_strdup (tags[i]);
  for (guint i = 0; tags[i] != NULL; i++)
    mg_annotation_pane_set_tag_filter (self, tags[i], FALSE);
  mg_annotation_pane_set_starred_only (self, FALSE);
  mg_annotation_pane_set_author (self, NULL);
  mg_annotation_pane_set_search_text (self, NULL);
  _mg_annotation_pane_sync_search_entry (self);
}

GListModel *
mg_annotation_pane_get_model (MgAnnotationPane *self)
{
  g_return_val_if_fail (MG_IS_ANNOTATION_PANE (self), NULL);

  return G_LIST_MODEL (self->sort_model);
}

GListModel *
mg_annotation_pane_get_orphans (MgAnnotationPane *self)
{
  g_return_val_if_fail (MG_IS_ANNOTATION_PANE (self), NULL);

  return G_LIST_MODEL (self->orphan_model);
}

int
mg_annotation_pane_get_tag_count (MgAnnotationPane *self,
                                  const char       *tag_id)
{
  GtkWidget *button;

  g_return_val_if_fail (MG_IS_ANNOTATION_PANE (self), -1);
  g_return_val_if_fail (tag_id != NULL, -1);

  if ((button = find_tag_toggle (self, tag_id)) == NULL)
    return -1;

  return mg_tag_chip_get_count (MG_TAG_CHIP (gtk_button_get_child (GTK_BUTTON (button))));
}

GStrv
mg_annotation_pane_dup_authors (MgAnnotationPane *self)
{
  g_return_val_if_fail (MG_IS_ANNOTATION_PANE (self), NULL);

  if (self->refresh_id != 0)
    _mg_annotation_pane_refresh (self);

  return self->authors != NULL ? g_strdupv (self->authors) : g_new0 (char *, 1);
}

/* The tags and the member chosen belong to one store. */
void
_mg_annotation_pane_reset_store_filters (MgAnnotationPane *self)
{
  g_hash_table_remove_all (self->active_tags);
  set_filter_func (self, self->tag_filter, FALSE, tag_match);
  g_clear_pointer (&self->author, g_free);
  set_filter_func (self, self->author_filter, FALSE, author_match);
  g_clear_pointer (&self->authors, g_strfreev);
}

/* Changes of many annotations ------------------------------------------ */

/* After this many changes within one group the lists let go of the store:
 * following thousands of insertions one by one (re-filtering, re-sorting,
 * making rows) takes minutes, taking the store back once takes a moment. */
#define BULK_DETACH 32

static void
bulk_items_changed_cb (MgAnnotationPane *self,
                       guint             position,
                       guint             removed,
                       guint             added,
                       GListModel       *store)
{
  gboolean in_bulk = FALSE;

  if (self->detached)
    return;
  g_object_get (store, "in-bulk", &in_bulk, NULL);
  if (!in_bulk || ++self->bulk_changes < BULK_DETACH)
    return;

  g_set_object (&self->bulk_selected, mg_annotation_pane_get_selected (self));
  self->detached = TRUE;
  self->selecting = TRUE;
  gtk_filter_list_model_set_model (self->filter_model, NULL);
  gtk_filter_list_model_set_model (self->orphan_model, NULL);
  self->selecting = FALSE;
}

static void
bulk_notify_cb (MgAnnotationPane *self,
                GParamSpec       *pspec,
                GObject          *store)
{
  g_autoptr(MgAnnotation) selected = NULL;
  gboolean in_bulk = FALSE;

  g_object_get (store, "in-bulk", &in_bulk, NULL);
  self->bulk_changes = 0;
  if (in_bulk || !self->detached)
    return;

  selected = g_steal_pointer (&self->bulk_selected);
  self->detached = FALSE;
  self->selecting = TRUE;
  gtk_filter_list_model_set_model (self->filter_model, G_LIST_MODEL (store));
  gtk_filter_list_model_set_model (self->orphan_model, G_LIST_MODEL (store));
  self->selecting = FALSE;
  if (selected != NULL && mg_annotation_store_lookup (MG_ANNOTATION_STORE (store), mg_annotation_get_id (selected)) == selected)
    mg_annotation_pane_select (self, selected);
  _mg_annotation_pane_refresh (self);
}

void
_mg_annotation_pane_watch_bulk (MgAnnotationPane *self)
{
  _mg_annotation_pane_reset_bulk (self);
  if (self->store == NULL)
    return;
  g_signal_connect_swapped (self->store, "items-changed", G_CALLBACK (bulk_items_changed_cb), self);
  g_signal_connect_swapped (self->store, "notify::in-bulk", G_CALLBACK (bulk_notify_cb), self);
}

void
_mg_annotation_pane_reset_bulk (MgAnnotationPane *self)
{
  g_clear_object (&self->bulk_selected);
  self->bulk_changes = 0;
  self->detached = FALSE;
}
