/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "mg-sidecar-sync.h"
#include "mg-study.h"
#include "mg-window-private.h"

G_BEGIN_DECLS

#define MG_STUDY_N_STYLES 6
#define MG_STUDY_N_HEAT   4

struct _MgStudy
{
  GObject               parent_instance;

  MgWindow             *window;        /* not owned: the window owns us */
  GSimpleActionGroup   *actions;
  GListStore           *layers;        /* MgLayer */
  GHashTable           *styles;        /* MgLayer → style index + 1 */
  GtkTextTag           *layer_tags[MG_STUDY_N_STYLES];
  GtkTextTag           *heat_tags[MG_STUDY_N_HEAT];
  GtkTextBuffer        *buffer;        /* the tags' buffer */
  guint                 next_style;
  guint                 restoring;     /* batches of remembered layers loading */

  MgAnnotationStore    *store;         /* the window's, watched */
  MgSidecar            *sidecar;
  MgSidecarSync        *sync;
  GFileMonitor         *monitor;
  guint                 check_id;
  guint                 redraw_id;

  GCancellable         *cancellable;   /* layers loading for this document */
  GtkFileChooserNative *chooser;
  GtkWidget            *menu_button;
  GtkWidget            *heat_legend;

  guint                 heat : 1;
  guint                 offered_speech : 1;
  /* The layers are being dropped with the document: not forgotten. */
  guint                 forgetting : 1;
};

/* mg-study.c */
void     _mg_study_queue_redraw     (MgStudy    *self);
void     _mg_study_toast            (MgStudy    *self,
                                     const char *title,
                                     const char *button_label,
                                     const char *action_name,
                                     gboolean    undo);
/* "Merged: N added, …" or why the merge failed. */
void     _mg_study_toast_merge      (MgStudy             *self,
                                     const MgMergeReport *report,
                                     const GError        *error);
MgDocument *_mg_study_check_addable (MgStudy    *self,
                                     GFile      *file,
                                     gboolean   *out_present,
                                     GError    **error);
void     _mg_study_insert_layer     (MgStudy    *self,
                                     MgLayer    *layer);
/* Remembers the layers shown for the speech (GSettings "study-layers"). */
void     _mg_study_remember_layers  (MgStudy    *self);

/* mg-study-dialogs.c */
void     _mg_study_build_menu       (MgStudy    *self);
void     _mg_study_show_add_layer   (MgStudy    *self);
/* Loads @files as layers in threads, reported in one message; @restore
 * when they are the remembered layers of the speech just opened. */
void     _mg_study_add_files        (MgStudy    *self,
                                     GSList     *files,
                                     gboolean    restore);
GtkWidget *_mg_study_show_merge     (MgStudy    *self);
void     _mg_study_show_agreement   (MgStudy    *self);
void     _mg_study_show_share       (MgStudy    *self);
/* mg-study.c: appends the heat view's legend (ui/mg-heat-legend.ui) to
 * @box, shown while the heat view is on. */
void     _mg_study_add_heat_legend  (MgStudy    *self,
                                     GtkBox     *box);

G_END_DECLS
