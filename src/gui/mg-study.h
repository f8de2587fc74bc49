/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "mg-layer.h"
#include "mg-merge.h"
#include "mg-window.h"

G_BEGIN_DECLS

#define MG_TYPE_STUDY (mg_study_get_type ())
G_DECLARE_FINAL_TYPE (MgStudy, mg_study, MG, STUDY, GObject)

/* The study-group side of a window: other members' annotations as
 * read-only layers over the speech, the heat view, merging them into one's
 * own annotations, agreement, sharing a self-contained file, and merging
 * changes other programs make to the open sidecar.
 *
 * Actions (group "study" on the window):
 *   add-layer          file chooser for members' files
 *   heat               (stateful boolean) colour the text by how many members
 *                      highlighted each passage
 *   merge              dialog: merge members' annotations into one's own
 *   merge-layers (ss)  merge the visible layers' annotations: author ("" all),
 *                      tag ("" all), as one undoable step
 *   agreement          the agreement dialog
 *   share              save a self-contained copy (document.text embedded)
 *   save-speech        save the embedded speech of a shared file beside it */

/* Creates the study part of @window (kept by the window). */
MgStudy    *mg_study_attach          (MgWindow     *window);
MgStudy    *mg_study_get_for_window  (MgWindow     *window);

/* TRUE for a file that holds annotations rather than a speech. */
gboolean    mg_study_is_annotations_file (GFile    *file);

/* Adds @file as a layer; FALSE with @error (shown by the caller) when it
 * cannot be read or is for another document. */
gboolean    mg_study_add_layer       (MgStudy      *self,
                                      GFile        *file,
                                      GError      **error);
/* Adds each file, reporting problems in the window. */
void        mg_study_add_layer_files (MgStudy      *self,
                                      GSList       *files);
GListModel *mg_study_get_layers      (MgStudy      *self);
void        mg_study_remove_layer    (MgStudy      *self,
                                      MgLayer      *layer);
/* The colour of @layer's marker, "#rrggbb". */
const char *mg_study_get_layer_color (MgStudy      *self,
                                      MgLayer      *layer);
/* The header bar's button that opens the members popover. */
GtkWidget  *mg_study_get_menu_button (MgStudy      *self);
/* The heat view's legend (shown while the heat view is on), NULL before
 * the window has a place for it. */
GtkWidget  *mg_study_get_heat_legend (MgStudy      *self);
/* TRUE while the layers remembered for the speech just opened load. */
gboolean    mg_study_is_restoring    (MgStudy      *self);
/* The "study" action group. */
GActionGroup *mg_study_get_actions   (MgStudy      *self);
/* The GtkTextTag a layer is drawn with. */
GtkTextTag *mg_study_get_layer_tag   (MgStudy      *self,
                                      MgLayer      *layer);
/* The colours of members' layers, apart from the tags' palette
 * (mg_tag_set_get_palette) so that a member never looks like a tag. */
const char * const *mg_study_get_layer_palette (guint *n_colors);

/* The heat tag for @count members (1–4, 4 meaning four or more). */
GtkTextTag *mg_study_get_heat_tag    (MgStudy      *self,
                                      guint         count);

/* Merges the annotations of the visible layers into the window's store,
 * only @author's (nullable: all) and only those carrying @tag_id
 * (nullable: all): one undoable step. */
gboolean    mg_study_merge           (MgStudy      *self,
                                      const char   *author,
                                      const char   *tag_id,
                                      MgMergeReport *report,
                                      GError      **error);

/* Merges only @annotations (MgAnnotation * from the visible layers'
 * stores), one by one as the user chose them: one undoable step. */
gboolean    mg_study_merge_chosen    (MgStudy      *self,
                                      GPtrArray    *annotations,
                                      MgMergeReport *report,
                                      GError      **error);

/* Merges what another program wrote to the open sidecar now (the file
 * monitor does this by itself). */
void        mg_study_check_disk      (MgStudy      *self);

/* Saves the open sidecar, merging first what another program wrote to it
 * (mg_sidecar_sync_save), under the sidecar's lock. */
gboolean    mg_study_save            (MgStudy      *self,
                                      GError      **error);
/* The same, the file written in a worker thread (the window's autosave);
 * @source of the callback goes to mg_study_save_finish. */
void        mg_study_save_async      (MgStudy             *self,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data);
gboolean    mg_study_save_finish     (GObject             *source,
                                      GAsyncResult        *result,
                                      GError             **error);

G_END_DECLS
