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
/* The flap holding the sidebar, and the header bar's button showing it. */
AdwFlap           *mg_window_get_study_flap   (MgWindow      *self);
GtkToggleButton   *mg_window_get_sidebar_button (MgWindow    *self);
/* The export dialog of the study, if shown (an MgExportDialog). */
gpointer           mg_window_get_study_export_dialog (MgWindow *self);
/* The header bar's title and subtitle. */
AdwWindowTitle    *mg_window_get_window_title (MgWindow      *self);
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
/* Opens the speech again from its file (after another program changed
 * it; "win.reload-speech"), having saved the annotations, which are then
 * re-anchored on the new text. FALSE with @error when they could not be
 * saved: nothing is reloaded then. */
gboolean           mg_window_reload_speech    (MgWindow      *self,
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

/* Where the annotations stand on disk. */
typedef enum
{
  MG_SAVE_STATE_NONE,       /* nothing open */
  MG_SAVE_STATE_SAVED,
  MG_SAVE_STATE_UNSAVED,
  MG_SAVE_STATE_FAILED,
  MG_SAVE_STATE_READ_ONLY,  /* broken or newer sidecar: never written */
} MgSaveState;
MgSaveState        mg_window_get_save_state   (MgWindow      *self);
/* Why the last save failed; NULL unless the state is FAILED. */
const char        *mg_window_get_save_error   (MgWindow      *self);
/* FALSE when nothing is open or the sidecar must not be written (broken,
 * or of a newer format). */
gboolean           mg_window_get_writable     (MgWindow      *self);
/* Selects @annotation (nullable) in the view and the pane. */
void               mg_window_set_selected     (MgWindow      *self,
                                               MgAnnotation  *annotation);
/* What the window shows: "empty", "loading" or "document". */
const char        *mg_window_get_page         (MgWindow      *self);
/* The toast shown now, NULL when none. */
AdwToast          *mg_window_get_toast        (MgWindow      *self);
/* Tells the reader @message: in a toast, or, when it is too long for one
 * (wider than the window less the toast's margins), in a dialog, split at
 * its first colon into heading and text. */
void               mg_window_show_message_or_toast (MgWindow *self,
                                               const char    *message);
/* The widgets of the search in the text (Ctrl+F): the bar, its entry and
 * its "n of m" label. */
GtkSearchBar      *mg_window_get_search_bar   (MgWindow      *self);
GtkEditable       *mg_window_get_search_entry (MgWindow      *self);
GtkLabel          *mg_window_get_search_label (MgWindow      *self);
/* The bar that says why the sidecar is not written. */
GtkInfoBar        *mg_window_get_sidecar_bar  (MgWindow      *self);
/* The bar that says how the annotations were put back on an edited
 * speech, and its text. */
GtkInfoBar        *mg_window_get_anchor_bar   (MgWindow      *self);
GtkLabel          *mg_window_get_anchor_label (MgWindow      *self);
/* The bar that offers to reload a speech changed on disk, and its text. */
GtkInfoBar        *mg_window_get_reload_bar   (MgWindow      *self);
GtkLabel          *mg_window_get_reload_label (MgWindow      *self);
/* The empty window's page (with the recent speeches). */
AdwStatusPage     *mg_window_get_status_page  (MgWindow      *self);
/* The header bar's button that opens the search in the text. */
GtkWidget         *mg_window_get_find_button  (MgWindow      *self);
/* The header bar's toggle for suggestions. */
GtkToggleButton   *mg_window_get_suggestions_button (MgWindow *self);

G_END_DECLS
