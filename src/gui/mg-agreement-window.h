/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "mg-tag-set.h"

G_BEGIN_DECLS

#define MG_TYPE_AGREEMENT_WINDOW (mg_agreement_window_get_type ())
G_DECLARE_FINAL_TYPE (MgAgreementWindow, mg_agreement_window, MG, AGREEMENT_WINDOW, AdwWindow)

/* The agreement per tag of the members named in @members (comma-joined),
 * one row per MgAgreementResult of @results, tags named from @tags
 * (nullable); @results NULL: not enough members to compare. Escape and
 * Ctrl+W close it. */
GtkWidget *mg_agreement_window_new (GtkWindow  *parent,
                                    const char *members,
                                    GPtrArray  *results,
                                    MgTagSet   *tags);

G_END_DECLS
