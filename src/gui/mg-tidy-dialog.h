/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "mg-document.h"
#include "mg-tidy.h"

G_BEGIN_DECLS

#define MG_TYPE_TIDY_DIALOG (mg_tidy_dialog_get_type ())
G_DECLARE_FINAL_TYPE (MgTidyDialog, mg_tidy_dialog, MG, TIDY_DIALOG, AdwWindow)

/* A modal window listing what tidy would change in @document (mg_tidy):
 * each kind with its count and a switch, a preview of the tidied text with
 * the changes marked, and Apply. "apply" (guint kinds: the mask of the
 * kinds switched on) is emitted on Apply; the dialog then closes. The
 * window does the applying. */
MgTidyDialog *mg_tidy_dialog_new         (GtkWindow    *parent,
                                          MgDocument   *document);
void          mg_tidy_dialog_set_kind    (MgTidyDialog *self,
                                          MgTidyKind    kind,
                                          gboolean      enabled);
guint         mg_tidy_dialog_get_kinds   (MgTidyDialog *self);
/* How many changes of @kind tidy finds (whether switched on or not). */
guint         mg_tidy_dialog_get_count   (MgTidyDialog *self,
                                          MgTidyKind    kind);
/* The previewed text, and how many changes are marked in it. */
char         *mg_tidy_dialog_dup_preview (MgTidyDialog *self);
guint         mg_tidy_dialog_get_n_marked (MgTidyDialog *self);
/* Presses Apply (as a click would). */
void          mg_tidy_dialog_apply       (MgTidyDialog *self);

G_END_DECLS
