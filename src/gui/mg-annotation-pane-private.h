/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "mg-annotation-pane.h"

G_BEGIN_DECLS

struct _MgAnnotationPane
{
  GtkWidget           parent_instance;

  MgAnnotationStore  *store;
  MgTagSet           *tag_set;

  /* store → filter (placed, tags, starred, author, text) → sort → selection */
  GtkFilterListModel *filter_model;
  GtkSortListModel   *sort_model;
  GtkSingleSelection *selection;
  GtkEveryFilter     *every_filter;
  GtkCustomFilter    *placed_filter;
  GtkCustomFilter    *tag_filter;
  GtkCustomFilter    *starred_filter;
  GtkCustomFilter    *author_filter;
  GtkCustomFilter    *search_filter;
  GtkCustomSorter    *tag_sorter;
  /* store → filter (orphaned) */
  GtkFilterListModel *orphan_model;
  GtkCustomFilter    *orphan_filter;

  GHashTable         *active_tags;   /* tag id → itself */
  char               *search_text;
  char               *search_key;    /* normalised and case-folded */
  char               *author;
  char               *sort_by;
  GStrv               authors;
  guint               refresh_id;
  gpointer            last_selected;  /* only compared, never dereferenced */
  GHashTable         *list_items;     /* the main list's GtkListItems */

  GtkWidget          *box;
  GtkWidget          *search_entry;
  GtkWidget          *tag_filter_box;
  GtkWidget          *starred_button;
  GtkWidget          *author_dropdown;
  GtkWidget          *count_label;
  GtkWidget          *stack;
  GtkWidget          *list_view;
  GtkWidget          *orphan_section;
  GtkWidget          *orphan_expander;
  GtkWidget          *orphan_label;
  GtkWidget          *orphan_view;
  GtkStringList      *author_list;

  /* A change of many annotations at once: see _mg_annotation_pane_watch_bulk(). */
  MgAnnotation       *bulk_selected;
  guint               bulk_changes;
  guint               detached : 1;

  guint               read_only : 1;
  guint               starred_only : 1;
  guint               selecting : 1;
  guint               updating_authors : 1;
  guint               syncing_search : 1;
};

enum
{
  PROP_0,
  PROP_STORE,
  PROP_READ_ONLY,
  PROP_SEARCH_TEXT,
  PROP_STARRED_ONLY,
  PROP_AUTHOR,
  PROP_SORT_BY,
  N_PROPS
};

void     _mg_annotation_pane_notify_prop         (MgAnnotationPane *self,
                                                  guint             prop_id);
void     _mg_annotation_pane_update_state         (MgAnnotationPane *self);
void     _mg_annotation_pane_refresh              (MgAnnotationPane *self);
void     _mg_annotation_pane_update_headings      (MgAnnotationPane *self);

/* mg-annotation-pane-filters.c */
gboolean _mg_annotation_pane_placed_match        (gpointer          item,
                                                  gpointer          user_data);
gboolean _mg_annotation_pane_orphan_match        (gpointer          item,
                                                  gpointer          user_data);
int      _mg_annotation_pane_tag_sort_func       (gconstpointer     a,
                                                  gconstpointer     b,
                                                  gpointer          user_data);
gboolean _mg_annotation_pane_filters_active       (MgAnnotationPane *self);
/* Sorted by tag: the group of @annotation (its first tag in the tag set's
 * order) and the group's name. */
int      _mg_annotation_pane_group_of             (MgAnnotationPane *self,
                                                  MgAnnotation     *annotation);
const char *_mg_annotation_pane_group_name        (MgAnnotationPane *self,
                                                  MgAnnotation     *annotation);
void     _mg_annotation_pane_rebuild_tag_filters  (MgAnnotationPane *self);
void     _mg_annotation_pane_update_tag_counts    (MgAnnotationPane *self);
void     _mg_annotation_pane_update_authors       (MgAnnotationPane *self);
void     _mg_annotation_pane_reset_store_filters  (MgAnnotationPane *self);
void     _mg_annotation_pane_sync_search_entry    (MgAnnotationPane *self);
/* Follows the store's "in-bulk": during a change of many annotations the
 * lists let go of the store, and take it back once when it is over. */
void     _mg_annotation_pane_watch_bulk          (MgAnnotationPane *self);
void     _mg_annotation_pane_reset_bulk          (MgAnnotationPane *self);

G_END_DECLS
