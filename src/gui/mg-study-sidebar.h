/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "mg-collection.h"

G_BEGIN_DECLS

#define MG_TYPE_STUDY_SIDEBAR (mg_study_sidebar_get_type ())
G_DECLARE_FINAL_TYPE (MgStudySidebar, mg_study_sidebar, MG, STUDY_SIDEBAR, GtkWidget)

/* The sidebar of a study (a folder of speeches, MgCollection): the
 * study's name and counts, its speeches (title, annotation count, tags
 * used), and the study-wide search — as one types, the annotations of
 * every speech that match (mg_collection_search()), grouped by speech.
 * Below, a bar of buttons acting on the whole study
 * (mg_study_sidebar_get_tools()).
 *
 * Properties: collection (nullable), speech (the one shown, selected in
 * the list; nullable). Signals: "speech-activated" (MgCollectionSpeech *)
 * when a speech is chosen, "hit-activated" (MgCollectionHit *) when a
 * search result is. */

GtkWidget          *mg_study_sidebar_new             (void);
MgCollection       *mg_study_sidebar_get_collection  (MgStudySidebar     *self);
void                mg_study_sidebar_set_collection  (MgStudySidebar     *self,
                                                      MgCollection       *collection);
MgCollectionSpeech *mg_study_sidebar_get_speech      (MgStudySidebar     *self);
void                mg_study_sidebar_set_speech      (MgStudySidebar     *self,
                                                      MgCollectionSpeech *speech);

/* The search: its text and "starred only"; the results shown now
 * (MgCollectionHit), updated as the search or the annotations change. */
void                mg_study_sidebar_set_search      (MgStudySidebar     *self,
                                                      const char         *text,
                                                      gboolean            starred_only);
GListModel         *mg_study_sidebar_get_results     (MgStudySidebar     *self);
GtkWidget          *mg_study_sidebar_get_search_entry (MgStudySidebar    *self);
/* Puts the keyboard focus in the search entry. */
void                mg_study_sidebar_focus_search    (MgStudySidebar     *self);

/* The bar at the bottom (a GtkBox): buttons acting on the whole study go
 * there ("Export Summary…" is the first). */
GtkWidget          *mg_study_sidebar_get_tools       (MgStudySidebar     *self);

/* The list views, for tests: speeches and results. */
GtkWidget          *mg_study_sidebar_get_speech_list (MgStudySidebar     *self);
GtkWidget          *mg_study_sidebar_get_result_list (MgStudySidebar     *self);

G_END_DECLS
