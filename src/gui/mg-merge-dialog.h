/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define MG_TYPE_MERGE_DIALOG (mg_merge_dialog_get_type ())
G_DECLARE_FINAL_TYPE (MgMergeDialog, mg_merge_dialog, MG, MERGE_DIALOG, AdwMessageDialog)

/* Asks which annotations of the visible members' layers (@layers, a
 * GListModel of MgLayer) to merge: a member, a tag, then each annotation
 * they let through, ticked. Its "merge" response leaves the choice in
 * mg_merge_dialog_dup_ticked(). */
MgMergeDialog *mg_merge_dialog_new            (GtkWindow     *parent,
                                               GListModel    *layers);

/* The annotations offered (MgAnnotation), in the order shown. */
GListModel    *mg_merge_dialog_get_candidates (MgMergeDialog *self);
gboolean       mg_merge_dialog_get_ticked     (MgMergeDialog *self,
                                               guint          position);
void           mg_merge_dialog_set_ticked     (MgMergeDialog *self,
                                               guint          position,
                                               gboolean       ticked);
/* The candidates left ticked (MgAnnotation, referenced). */
GPtrArray     *mg_merge_dialog_dup_ticked     (MgMergeDialog *self);

G_END_DECLS
