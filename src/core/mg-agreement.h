/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "mg-annotation-store.h"

G_BEGIN_DECLS

/* Agreement between members on where a tag applies, character by character
 * (units: the code points of the text). See docs/agreement.md.
 *
 * A unit is "in" a tag for a member when one of the member's annotations
 * carrying that tag covers it. For two members the statistic is Cohen's
 * kappa, for more Fleiss' kappa; overlap is the share of units in the tag
 * for every member among the units in it for any member. */

typedef enum
{
  MG_AGREEMENT_COHEN,
  MG_AGREEMENT_FLEISS,
} MgAgreementMethod;

typedef struct
{
  char              *tag_id;
  MgAgreementMethod  method;
  double             kappa;
  /* units in the tag for every member / for any member; negative (shown
   * as null) when nobody used the tag */
  double             overlap;
  guint              units_any;   /* units in the tag for at least one member */
  guint              units_all;   /* units in the tag for every member */
} MgAgreementResult;

void   mg_agreement_result_free (MgAgreementResult *result);

typedef struct _MgAgreement MgAgreement;

/* @length: the text's length in code points; @n_members ≥ 2. */
MgAgreement *mg_agreement_new       (guint        length,
                                     guint        n_members);
void         mg_agreement_free      (MgAgreement *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (MgAgreement, mg_agreement_free)

/* Records that @member marked [start, end) with @tag_id. Ranges are
 * clamped to the text; overlapping ranges of one member count once. */
void         mg_agreement_add_range (MgAgreement *self,
                                     guint        member,
                                     const char  *tag_id,
                                     guint        start,
                                     guint        end);
/* One result per tag that any member used, sorted by tag id. */
GPtrArray   *mg_agreement_compute   (MgAgreement *self);

/* The agreement of the members whose annotations are @stores (at least
 * two, on one text of @length code points): every tag of every annotation
 * counts, an orphan's covering nothing (its tag still counts as used).
 * One result per tag used, sorted by tag id (as mg_agreement_compute()).
 * What `marginalia-cli agreement` and the window's Agreement show. */
GPtrArray   *mg_agreement_compute_stores (MgAnnotationStore * const *stores,
                                          guint                      n_stores,
                                          guint                      length);

/* The statistics themselves, for tests and for other units. @in_counts[i]
 * is how many of @n_members put unit i in the category. */
double       mg_agreement_fleiss_kappa (const guint *in_counts,
                                        gsize        n_units,
                                        guint        n_members);
/* Two members: @both, @only_a, @only_b, @neither count units. */
double       mg_agreement_cohen_kappa  (guint64      both,
                                        guint64      only_a,
                                        guint64      only_b,
                                        guint64      neither);

G_END_DECLS
