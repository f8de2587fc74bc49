/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "mg-annotation-pane.h"
#include "mg-annotation-store.h"
#include "mg-collection.h"
#include "mg-document.h"
#include "mg-document-view.h"
#include "mg-sidecar.h"
#include "mg-study-sidebar.h"
#include "mg-window.h"

G_BEGIN_DECLS

struct _MgWindow
{
  AdwApplicationWindow  parent_instance;

  /* Template widgets */
  AdwWindowTitle       *window_title;
  AdwToastOverlay      *toast_overlay;
  GtkStack             *stack;
  GtkMenuButton        *primary_menu_button;
  GtkToggleButton      *suggestions_button;
  GtkWidget            *find_button;
  GtkInfoBar           *anchor_bar;
  GtkLabel             *anchor_label;
  GtkInfoBar           *reload_bar;
  GtkLabel             *reload_label;
  GtkInfoBar           *sidecar_bar;
  GtkLabel             *sidecar_label;
  GtkWidget            *start_afresh_button;
  GtkSearchBar         *search_bar;
  GtkSearchEntry       *search_entry;
  GtkLabel             *search_label;
  GtkPaned             *paned;
  MgDocumentView       *document_view;
  AdwBin               *pane_bin;
  AdwStatusPage        *status_page;
  MgAnnotationPane     *pane;
  AdwFlap              *study_flap;
  MgStudySidebar       *study_sidebar;
  GtkWidget            *sidebar_button;

  GSettings            *settings;

  /* The open speech and its annotations. */
  GFile                *file;
  MgDocument           *document;
  MgSidecar            *sidecar;
  MgAnnotationStore    *store;
  GSignalGroup         *store_signals;  /* on @store, whichever it is */
  MgAnnotation         *selected;

  /* The study (a folder of speeches) the speech belongs to, if any, and
   * the speech of it shown. */
  MgCollection         *collection;
  MgCollectionSpeech   *speech;

  GCancellable         *cancellable;
  GtkFileChooserNative *chooser;
  AdwToast             *toast;     /* the one shown, not owned */
  char                 *save_error;
  guint                 save_id;
  /* An autosave is writing in a thread (mg_sidecar_save_async). */
  gboolean              saving;
  guint                 review_position;
  MgSaveState           save_state;
  double                zoom;

  /* Suggestions: those of the document (computed in a thread), those
   * dismissed, and those shown (neither annotated nor dismissed). */
  GCancellable         *suggest_cancellable;
  GListStore           *suggestions_all;
  GListStore           *suggestions;
  guint                 suggest_refilter_id;

  /* The speech's file, watched for another program changing it; what
   * the last look at it found (the new text's SHA-256 when changed). */
  GFileMonitor         *speech_monitor;
  guint                 speech_check_id;
  MgDocumentFileState   speech_state;
  char                 *speech_sha256;
  gint64                suggest_started;

  /* The state the window's properties show (_mg_window_sync_state). */
  guint                 has_study : 1;
  guint                 document_ready : 1;
  guint                 editable : 1;
  guint                 can_undo : 1;
  guint                 can_redo : 1;

  guint                 loading : 1;
  guint                 closing : 1;
  guint                 show_suggestions : 1;
  guint                 suggestions_toast : 1;
  guint                 speech_dismissed : 1;  /* the reload bar closed on speech_state */
};

/* mg-window-actions.c */
void     _mg_window_class_init_actions (GtkWidgetClass *widget_class);
void     _mg_window_init_actions      (MgWindow       *self);
/* The actions whose state follows the window's are GSimpleActions of its
 * own group ("win."), added by the file of their concern, their
 * "enabled" bound to the window's properties: one of them (@property), or
 * a boolean GtkExpression evaluated with the window as this. */
void     _mg_window_add_actions       (MgWindow           *self,
                                       const GActionEntry *entries,
                                       guint               n_entries);
void     _mg_window_bind_enabled      (MgWindow       *self,
                                       const char     *name,
                                       const char     *property);
void     _mg_window_bind_enabled_to   (MgWindow       *self,
                                       const char     *name,
                                       GtkExpression  *expression);
/* The window's property @name as an expression. */
GtkExpression *_mg_window_property    (const char     *name);
/* @callback (the window, the values of the expressions from @first, @data)
 * as a boolean expression; the list ends with NULL. */
GtkExpression *_mg_window_closure     (GCallback       callback,
                                       gpointer        data,
                                       GtkExpression  *first,
                                       ...) G_GNUC_NULL_TERMINATED;
gboolean _mg_window_is_writable       (MgWindow       *self);
void     _mg_window_apply_to_selection (MgWindow       *self,
                                        int             tag_position,
                                        const char     *note,
                                        gboolean        starred);

/* The name for new annotations, NULL for the default author. */
const char *_mg_window_author_name    (MgWindow       *self);

/* mg-window-suggestions.c */
void     _mg_window_init_suggestions        (MgWindow       *self);
void     _mg_window_dispose_suggestions     (MgWindow       *self);
void     _mg_window_set_show_suggestions    (MgWindow       *self,
                                             gboolean        show);
/* After a document was shown or closed, or its store replaced. */
void     _mg_window_suggestions_document_changed (MgWindow   *self);
/* After the annotations changed. */
void     _mg_window_suggestions_store_changed (MgWindow      *self);

/* mg-window-collection.c */
void     _mg_window_class_init_collection (GtkWidgetClass *widget_class);
void     _mg_window_init_collection    (MgWindow       *self);
/* Leaves the study (the sidebar goes); the speech stays open. */
void     _mg_window_close_collection   (MgWindow       *self);
/* mg-window-export.c, mg-window-tidy.c, mg-window-statistics.c,
 * mg-window-compare.c, mg-window-recent.c: their actions. */
void     _mg_window_class_init_export  (GtkWidgetClass *widget_class);
void     _mg_window_init_export        (MgWindow       *self);
void     _mg_window_init_tidy          (MgWindow       *self);
void     _mg_window_init_statistics    (MgWindow       *self);
void     _mg_window_init_compare       (MgWindow       *self);
void     _mg_window_class_init_recent  (GtkWidgetClass *widget_class);
/* mg-window-reload.c */
void     _mg_window_class_init_reload (GtkWidgetClass *widget_class);
/* Starts watching the open speech's file (stops watching the one before);
 * a change of its text reveals the reload bar. */
void     _mg_window_watch_speech       (MgWindow       *self);
/* Stops watching; the bar hidden and Reload disabled (the state of a
 * window with no speech). */
void     _mg_window_unwatch_speech     (MgWindow       *self);

/* mg-window.c */
typedef enum
{
  MG_WINDOW_PROP_0,
  MG_WINDOW_PROP_SHOW_SUGGESTIONS,
  MG_WINDOW_PROP_DOCUMENT_READY,
  MG_WINDOW_PROP_EDITABLE,
  MG_WINDOW_PROP_CAN_UNDO,
  MG_WINDOW_PROP_CAN_REDO,
  MG_WINDOW_PROP_ZOOM,
  MG_WINDOW_PROP_SELECTED,
  MG_WINDOW_PROP_LOADING,
  MG_WINDOW_PROP_HAS_STUDY,
  MG_WINDOW_PROP_SIDECAR,
  MG_WINDOW_PROP_STORE,
  MG_WINDOW_PROP_SUGGESTIONS,
  MG_WINDOW_N_PROPS
} MgWindowProperty;

void     _mg_window_notify             (MgWindow         *self,
                                        MgWindowProperty  property);
/* Brings "document-ready", "editable", "can-undo", "can-redo" and
 * "has-study" to what the window holds, notifying those that changed:
 * after a speech is shown or closed, a load begins or ends, a study opens
 * or closes, the sidecar's state or the store's undo changes. The actions
 * bound to them follow. */
void     _mg_window_sync_state         (MgWindow       *self);
/* Shows a loaded speech: @sidecar_error is why its sidecar could not be
 * read (nullable). Emits "loaded". */
void     _mg_window_show_loaded        (MgWindow       *self,
                                       GFile          *file,
                                       MgDocument     *document,
                                       MgSidecar      *sidecar,
                                       const GError   *sidecar_error);
/* Cancels a load in progress; a new cancellable for the next. */
GCancellable *_mg_window_begin_loading (MgWindow       *self);
void     _mg_window_end_loading        (MgWindow       *self);
/* A toast; a message too long to fit one goes to a dialog instead
 * ("Heading: details" split at the colon). */
void     _mg_window_toast             (MgWindow       *self,
                                       const char     *title,
                                       gboolean        offer_undo);
/* A dialog with @heading and @body (nullable), transient for the window. */
void     _mg_window_show_message       (MgWindow       *self,
                                       const char     *heading,
                                       const char     *body);
void     _mg_window_set_selected       (MgWindow       *self,
                                       MgAnnotation   *annotation);
void     _mg_window_apply_font        (MgWindow       *self);
void     _mg_window_store_changed     (MgWindow       *self);
/* After the sidecar became writable (new annotations started). */
void     _mg_window_sidecar_state_changed (MgWindow    *self);

G_END_DECLS
