/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "mg-annotation-store.h"
#include "mg-collection.h"
#include "mg-application.h"
#include "mg-sidecar.h"

G_BEGIN_DECLS

#define MG_TYPE_WINDOW (mg_window_get_type ())
G_DECLARE_FINAL_TYPE (MgWindow, mg_window, MG, WINDOW, AdwApplicationWindow)

MgWindow          *mg_window_new              (MgApplication *application);
/* Opens @file in this window (after saving what it shows). Loading runs in
 * a thread; errors are shown in the window. "loaded" is emitted at the
 * end, successful or not. */
void               mg_window_open_file        (MgWindow      *self,
                                               GFile         *file);
/* Opens @folder as a study (MgCollection): the sidebar lists its
 * speeches and the first is shown (or @folder's speech shown already).
 * Loading runs in a thread; "loaded" is emitted at the end. Opening a file
 * with mg_window_open_file() that is not one of the study's leaves it. */
void               mg_window_open_folder      (MgWindow      *self,
                                               GFile         *folder);
/* The study shown (nullable) and the speech of it shown (nullable). */
MgCollection      *mg_window_get_collection   (MgWindow      *self);
MgCollectionSpeech *mg_window_get_speech      (MgWindow      *self);
/* Shows @speech of the study (after saving the one shown): nothing is
 * read again, its annotations and their undo history are as they were. */
void               mg_window_show_speech      (MgWindow      *self,
                                               MgCollectionSpeech *speech);
/* Shows @annotation's speech and selects and reveals it. */
void               mg_window_show_hit         (MgWindow      *self,
                                               MgCollectionHit *hit);
GtkWidget         *mg_window_get_study_sidebar (MgWindow     *self);
gboolean           mg_window_is_loading       (MgWindow      *self);
gboolean           mg_window_has_document     (MgWindow      *self);
GFile             *mg_window_get_file         (MgWindow      *self);
MgSidecar         *mg_window_get_sidecar      (MgWindow      *self);
MgAnnotationStore *mg_window_get_store        (MgWindow      *self);
GtkWidget         *mg_window_get_document_view (MgWindow     *self);
GtkWidget         *mg_window_get_pane         (MgWindow      *self);
/* The annotation the next "delete" applies to (nullable). */
MgAnnotation      *mg_window_get_selected     (MgWindow      *self);
/* Saves the annotations now if they changed; FALSE with @error when the
 * save failed (the window then shows it). */
gboolean           mg_window_save             (MgWindow      *self,
                                               GError       **error);
/* TRUE while an autosave writes the sidecar in a thread. */
gboolean           mg_window_is_saving        (MgWindow      *self);
void               mg_window_show_preferences (MgWindow      *self);
/* Whether suggested annotations are shown (the "show-suggestions"
 * property, the stateful action "win.show-suggestions"). */
gboolean           mg_window_get_show_suggestions (MgWindow  *self);
/* The suggestions shown: not annotated with their tag, not dismissed;
 * NULL while they are off or being computed. */
GListModel        *mg_window_get_suggestions  (MgWindow      *self);

G_END_DECLS
