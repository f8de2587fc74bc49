/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "mg-annotation.h"
#include "mg-annotation-store.h"
#include "mg-document.h"
#include "mg-sidecar.h"
#include "mg-summary.h"

G_BEGIN_DECLS

/* A folder of speeches, as the command line and the window open it (see
 * "Several speeches" in docs/cli.md): its *.txt files and every file a
 * sidecar (NAME.marginalia.json) lies beside. Not recursive; folders,
 * sidecars and files that are not regular files are left out. */

/* The speeches' file names (not paths), sorted by name (byte order, so the
 * order is the same in every locale). An empty folder gives an empty
 * array; an unreadable one an error. */
GPtrArray *mg_collection_list_folder (GFile        *folder,
                                      GCancellable *cancellable,
                                      GError      **error);

/* One speech of a study: its text, its sidecar (loaded) and what a list
 * of the study shows of it. Properties (read-only, notified when the
 * annotations change): file, name (file name), title (title guess, else
 * the file name), sidecar, store (the sidecar's store now),
 * n-annotations, tags-used (display names of the tags its annotations
 * carry, in tag-set order, joined by ", "; "" when none), read-only (the
 * sidecar could not be read or is of a newer version: never written).
 * "changed" is emitted after its annotations or tags changed (once after
 * a change in bulk) or its store was replaced. */
#define MG_TYPE_COLLECTION_SPEECH (mg_collection_speech_get_type ())
G_DECLARE_FINAL_TYPE (MgCollectionSpeech, mg_collection_speech, MG, COLLECTION_SPEECH, GObject)

GFile             *mg_collection_speech_get_file          (MgCollectionSpeech *self);
const char        *mg_collection_speech_get_name          (MgCollectionSpeech *self);
const char        *mg_collection_speech_get_title         (MgCollectionSpeech *self);
MgDocument        *mg_collection_speech_get_document      (MgCollectionSpeech *self);
MgSidecar         *mg_collection_speech_get_sidecar       (MgCollectionSpeech *self);
MgAnnotationStore *mg_collection_speech_get_store         (MgCollectionSpeech *self);
guint              mg_collection_speech_get_n_annotations (MgCollectionSpeech *self);
const char        *mg_collection_speech_get_tags_used     (MgCollectionSpeech *self);
gboolean           mg_collection_speech_get_read_only     (MgCollectionSpeech *self);
/* Why the sidecar could not be read (NULL when it could). */
const GError      *mg_collection_speech_get_load_error    (MgCollectionSpeech *self);

/* A study: the speeches of a folder, each loaded with its sidecar; a
 * GListModel of MgCollectionSpeech in the order of
 * mg_collection_list_folder(). */
#define MG_TYPE_COLLECTION (mg_collection_get_type ())
G_DECLARE_FINAL_TYPE (MgCollection, mg_collection, MG, COLLECTION, GObject)

/* Lists @folder and loads every speech and its sidecar. A file that cannot
 * be read as a speech is left out and named in mg_collection_get_problems();
 * a sidecar that cannot be read leaves its speech read-only (as the window
 * shows one speech). An error when the folder cannot be listed, holds no
 * speech, or none of its speeches could be read. */
MgCollection       *mg_collection_open            (GFile               *folder,
                                                   GCancellable        *cancellable,
                                                   GError             **error);
/* The same in a worker thread. */
void                mg_collection_open_async      (GFile               *folder,
                                                   GCancellable        *cancellable,
                                                   GAsyncReadyCallback  callback,
                                                   gpointer             user_data);
MgCollection       *mg_collection_open_finish     (GAsyncResult        *result,
                                                   GError             **error);

GFile              *mg_collection_get_folder      (MgCollection        *self);
/* The folder's display name. */
const char         *mg_collection_get_title       (MgCollection        *self);
/* "NAME: why" for each file left out (transfer none). */
GPtrArray          *mg_collection_get_problems    (MgCollection        *self);
guint               mg_collection_get_n_speeches  (MgCollection        *self);
MgCollectionSpeech *mg_collection_get_speech      (MgCollection        *self,
                                                   guint                position); /* transfer none */
/* The speech of @file (compared with g_file_equal), or NULL. */
MgCollectionSpeech *mg_collection_lookup          (MgCollection        *self,
                                                   GFile               *file);
/* The study's annotations in total. */
guint               mg_collection_get_n_annotations (MgCollection      *self);

/* The combined summary of every speech (mg_summary_new_combined()), each
 * speech's path given as FOLDER/NAME, FOLDER being the folder's name: what
 * `marginalia-cli export FOLDER` run beside the folder names it. */
MgSummary          *mg_collection_new_summary     (MgCollection          *self,
                                                   const MgSummaryFilter *filter,
                                                   GError               **error);

/* Study-wide search. One hit: an annotation of a speech. Properties
 * (read-only): speech, annotation, first (the first hit of its speech:
 * where a list shows the speech's heading), n-in-speech (the hits of its
 * speech), details (mg_collection_hit_dup_details()). */
#define MG_TYPE_COLLECTION_HIT (mg_collection_hit_get_type ())
G_DECLARE_FINAL_TYPE (MgCollectionHit, mg_collection_hit, MG, COLLECTION_HIT, GObject)

MgCollectionSpeech *mg_collection_hit_get_speech      (MgCollectionHit *self);
MgAnnotation       *mg_collection_hit_get_annotation  (MgCollectionHit *self);
gboolean            mg_collection_hit_get_first       (MgCollectionHit *self);
guint               mg_collection_hit_get_n_in_speech (MgCollectionHit *self);
/* One line on the annotation, as a list of results shows it under the
 * quote: "¶12 · Figure, Slogan · Li Wei · ★ — its note" (each part only
 * when there is one; "orphaned" for an annotation not placed). */
char               *mg_collection_hit_dup_details     (MgCollectionHit *self);

/* The annotations of every speech that match @text (see
 * mg_search_annotation_matches_query(): each word found in the quote, the
 * note, the author or a contributor, or a tag's name) and, with
 * @starred_only, are starred: MgCollectionHit, grouped by speech in the
 * study's order, each speech's in document order. Nothing when @text is
 * empty and @starred_only is FALSE. (transfer full) */
GPtrArray          *mg_collection_search          (MgCollection        *self,
                                                   const char          *text,
                                                   gboolean             starred_only);

G_END_DECLS
