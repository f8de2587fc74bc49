/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "mg-annotation-store.h"

G_BEGIN_DECLS

/* What goes into a summary. Every member may be left zero/NULL. */
typedef struct
{
  /* Only annotations carrying at least one of these tag ids, and only their
   * groups (untagged highlights are left out). NULL or empty: every tag. */
  const char * const *tags;
  /* Only annotations by this author (exact match). NULL: everyone. */
  const char         *author;
  /* Only starred annotations. */
  gboolean            starred_only;
} MgSummaryFilter;

/* One annotation as the summary shows it: a snapshot, so that an exporter
 * may read it from another thread while the store changes. */
typedef struct
{
  char      *id;
  guint      start;
  guint      end;
  guint      paragraph;   /* 1-based; 0 for orphans */
  guint      sentence;    /* in a very long paragraph (1-based), else 0 */
  char      *quote;
  char      *prefix;
  char      *suffix;
  char      *context;     /* the sentence it stands in; "" for orphans */
  char      *note;        /* never NULL */
  char      *author;      /* never NULL, may be "" */
  char     **tags;        /* ids in tag-set order, never NULL */
  char      *created;     /* nullable */
  char      *modified;    /* nullable */
  guint      speech;      /* index of its speech (see mg_summary_get_speech()) */
  guint      starred  : 1;
  guint      orphaned : 1;
} MgSummaryItem;

typedef enum
{
  MG_SUMMARY_GROUP_TAG,
  MG_SUMMARY_GROUP_UNTAGGED,
  MG_SUMMARY_GROUP_ORPHANED,
} MgSummaryGroupKind;

typedef struct
{
  MgSummaryGroupKind  kind;
  char               *tag_id;  /* NULL unless kind is MG_SUMMARY_GROUP_TAG */
  char               *name;    /* the tag's name, or a translated heading */
  char               *color;   /* "#rrggbb" */
  GPtrArray          *items;   /* of MgSummaryItem *, in document order */
} MgSummaryGroup;

/* A count per tag or per author. */
typedef struct
{
  char  *key;     /* tag id, or author name */
  char  *name;    /* tag name, or author name ("" when unknown) */
  char  *color;   /* tags only; NULL for authors */
  guint  count;
  char  *description;  /* tags only ("" when none); NULL for authors */
  guint *speech_counts; /* tags only: the count in each speech, in order */
} MgSummaryCount;

/* One speech of the summary. A summary of one speech has one; a combined
 * summary one per speech, in the order given. */
typedef struct
{
  char       *path;        /* as given (the `document` column); "" when unknown */
  char       *title;       /* title guess, else file name */
  char       *source;      /* file name ("" when unknown) */
  char       *sha256;      /* "" when unknown */
  char       *language;    /* "zh" or "en" */
  MgDocument *document;    /* nullable; immutable */
  guint       n_items;     /* included annotations */
  guint       n_untagged;
  guint       n_orphaned;
} MgSummarySpeech;

#define MG_TYPE_SUMMARY (mg_summary_get_type ())
G_DECLARE_FINAL_TYPE (MgSummary, mg_summary, MG, SUMMARY, GObject)

/* The summary every exporter works from, taken from @store at the time of
 * the call (later changes to the store do not show in it).
 *
 * Groups: one per tag of the tag set, in the tag set's order, holding the
 * placed annotations that carry the tag (an annotation with several tags
 * appears in each of their groups); then "Untagged highlights"; then
 * "Orphaned annotations" — every annotation that could not be placed on the
 * text, whatever its tags, since it has no paragraph and no context. Empty
 * groups are left out. Within a group: document order.
 *
 * A tag id in @filter that the tag set does not know is an error
 * (MG_TAG_SET_ERROR_UNKNOWN). */
MgSummary            *mg_summary_new               (MgAnnotationStore     *store,
                                                    const MgSummaryFilter *filter,
                                                    GError               **error);

/* A combined summary of several speeches: @stores with the paths they
 * were given as (@paths may be NULL). The tag set is the union of theirs
 * (the first speech's order, then ids first seen in later ones; a tag's
 * name and colour are those of the first speech that has it). Groups are
 * as for one speech, each group's annotations ordered by speech (in the
 * order given), then document order. A filter tag that no speech knows is
 * an error. Even with one store the summary counts as combined (a folder
 * of one speech is still a study). */
MgSummary            *mg_summary_new_combined      (MgAnnotationStore * const *stores,
                                                    const char * const        *paths,
                                                    guint                      n_stores,
                                                    const MgSummaryFilter     *filter,
                                                    GError                   **error);

/* The speeches (one unless the summary is combined). */
guint                  mg_summary_get_n_speeches   (MgSummary *self);
const MgSummarySpeech *mg_summary_get_speech       (MgSummary *self,
                                                    guint      position);
/* TRUE when made by mg_summary_new_combined(): exporters then cite each
 * quote's speech and count per speech. */
gboolean               mg_summary_is_combined      (MgSummary *self);

/* The document's title guess, else its file name, else a translated
 * "Annotations"; for a combined summary "N speeches". Source, text and
 * sha256 are "" for a combined summary, its language the first speech's. */
const char           *mg_summary_get_title         (MgSummary *self);
/* The document's file name ("" when unknown). */
const char           *mg_summary_get_source        (MgSummary *self);
/* The document's normalised text, the one the offsets count code points
 * in ("" when the store has no document), and its size in bytes. */
const char           *mg_summary_get_text          (MgSummary *self,
                                                    gsize     *out_size);
/* SHA-256 of the document's text ("" when unknown). */
const char           *mg_summary_get_sha256        (MgSummary *self);
/* "zh" or "en" (see mg_document_get_language()). */
const char           *mg_summary_get_language      (MgSummary *self);
/* Date of the export, RFC 3339 (honours SOURCE_DATE_EPOCH). */
const char           *mg_summary_get_date          (MgSummary *self);

/* Every included annotation once, in document order. */
guint                 mg_summary_get_n_items       (MgSummary *self);
const MgSummaryItem  *mg_summary_get_item          (MgSummary *self,
                                                    guint      position);
/* The starred ones among them that are placed, in document order. */
GPtrArray            *mg_summary_get_starred       (MgSummary *self); /* transfer none */

guint                 mg_summary_get_n_groups      (MgSummary *self);
const MgSummaryGroup *mg_summary_get_group         (MgSummary *self,
                                                    guint      position);

/* Counts of the included annotations per tag — placed ones, as in the
 * groups; orphans are counted apart (tag-set order, tags of the filter
 * only when it names some; zero counts kept) — and per author, orphans
 * included (most first, then by name). */
GPtrArray            *mg_summary_get_tag_counts    (MgSummary *self); /* of MgSummaryCount, transfer none */
GPtrArray            *mg_summary_get_author_counts (MgSummary *self); /* of MgSummaryCount, transfer none */
guint                 mg_summary_get_n_orphaned    (MgSummary *self);
guint                 mg_summary_get_n_untagged    (MgSummary *self);

/* The display name of tag @id as it was when the summary was made (the id
 * itself when unknown). */
const char           *mg_summary_get_tag_name      (MgSummary  *self,
                                                    const char *id);
/* Its colour, or a neutral grey. */
const char           *mg_summary_get_tag_color     (MgSummary  *self,
                                                    const char *id);
/* The tag names of @item joined with @separator (a new string). */
char                 *mg_summary_dup_item_tag_names (MgSummary           *self,
                                                     const MgSummaryItem *item,
                                                     const char          *separator);

/* The filter the summary was made with: tag ids (NULL when none), author
 * (nullable), starred only. */
const char * const   *mg_summary_get_filter_tags   (MgSummary *self);
const char           *mg_summary_get_filter_author (MgSummary *self);
gboolean              mg_summary_get_filter_starred (MgSummary *self);

G_END_DECLS
