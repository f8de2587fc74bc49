/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "mg-annotation-store.h"
#include "mg-change.h"

G_BEGIN_DECLS

/* The comparison of two speeches as `marginalia-cli compare` and the
 * window's Compare show it: what changed between their texts
 * (mg_change_compare_documents()) and the counts per tag of each one's
 * annotations; and its report as Markdown, HTML or JSON. */

typedef struct _MgComparison MgComparison;

/* @old_label/@new_label name the speeches (their paths as given);
 * @old_sidecar/@new_sidecar their sidecars (for JSON). The stores must
 * have their documents. */
MgComparison *mg_comparison_new            (MgAnnotationStore *old_store,
                                            const char        *old_label,
                                            const char        *old_sidecar,
                                            MgAnnotationStore *new_store,
                                            const char        *new_label,
                                            const char        *new_sidecar);
void          mg_comparison_free           (MgComparison      *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (MgComparison, mg_comparison_free)

/* A speech and its annotations opened for comparing, as `compare` opens
 * them (read only, no lock taken): the store of its sidecar, empty when it
 * has none. An unreadable speech or sidecar is an error. */
MgAnnotationStore *mg_comparison_open_speech (GFile         *document,
                                              GCancellable  *cancellable,
                                              GError       **error);

/* MgChange *, as mg_change_compare_documents() orders them (transfer none). */
GPtrArray    *mg_comparison_get_changes    (MgComparison      *self);
/* The tags of both (the old one's order, then the new one's additions),
 * with each speech's count of annotations carrying it. */
guint         mg_comparison_get_n_tags     (MgComparison      *self);
const char   *mg_comparison_get_tag        (MgComparison      *self,
                                            guint              i,
                                            guint             *out_old_count,
                                            guint             *out_new_count);

typedef enum
{
  MG_COMPARISON_MARKDOWN,
  MG_COMPARISON_HTML,
  MG_COMPARISON_JSON,
} MgComparisonFormat;

typedef enum
{
  MG_COMPARISON_WRITE_DEFAULT = 0,
  /* The slogans and formulas kept as well: a section "Kept" after
   * "Dropped" (JSON: "slogans": {…, "kept"}). The window's export;
   * `compare` writes without it, as cli.md fixes. */
  MG_COMPARISON_WRITE_KEPT    = 1 << 0,
} MgComparisonWriteFlags;

/* The report, ending with one newline; user text escaped with the
 * exporters' escapers. JSON: {"old": {"document", "sidecar", "by_tag"},
 * "new": {…}, "slogans": {"new", "dropped"}, "figures": {"changed", "new",
 * "dropped"}} (see cli.md). What `marginalia-cli compare` writes. */
char         *mg_comparison_write          (MgComparison      *self,
                                            MgComparisonFormat format);
/* The same with @flags. */
char         *mg_comparison_write_full     (MgComparison          *self,
                                            MgComparisonFormat     format,
                                            MgComparisonWriteFlags flags);

G_END_DECLS
