/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "mg-annotation-store.h"
#include "mg-collection.h"
#include "mg-export.h"

G_BEGIN_DECLS

#define MG_TYPE_EXPORT_DIALOG (mg_export_dialog_get_type ())
G_DECLARE_FINAL_TYPE (MgExportDialog, mg_export_dialog, MG, EXPORT_DIALOG, AdwWindow)

/* A modal window to export a summary of @store: format, tags, starred
 * only, author, a live preview of the text formats, and "Export…", which
 * asks for a file and writes it in a worker thread (with progress and
 * Cancel). @basename is the speech's file name, for the suggested name
 * "<speech>-summary.<ext>".
 *
 * The preview shows the text formats as they are written, except that the
 * CSV preview leaves out the byte-order mark the file starts with. Very
 * long exports are previewed in part.
 *
 * "exported" (GFile *file) is emitted after a file was written; the
 * dialog then closes. Errors are shown in a message dialog and leave the
 * file as it was. */
MgExportDialog *mg_export_dialog_new               (GtkWindow          *parent,
                                                    MgAnnotationStore  *store,
                                                    const char         *basename);

/* The same for the combined summary of a study (every speech of
 * @collection, mg_collection_new_summary()): the tags and authors of all
 * its speeches, the formats that take several speeches, the file named
 * "<folder>-summary.<ext>". */
MgExportDialog *mg_export_dialog_new_for_study     (GtkWindow          *parent,
                                                    MgCollection       *collection);

void            mg_export_dialog_set_format        (MgExportDialog     *self,
                                                    MgExportFormat      format);
MgExportFormat  mg_export_dialog_get_format        (MgExportDialog     *self);
void            mg_export_dialog_set_starred_only  (MgExportDialog     *self,
                                                    gboolean            starred_only);
/* Includes or leaves out tag @tag_id (every tag is included at first). */
void            mg_export_dialog_set_tag_included  (MgExportDialog     *self,
                                                    const char         *tag_id,
                                                    gboolean            included);
/* @author: NULL for everyone. */
void            mg_export_dialog_set_author        (MgExportDialog     *self,
                                                    const char         *author);
/* The suggested file name for the current format. */
char           *mg_export_dialog_dup_suggested_name (MgExportDialog    *self);

/* The preview's text ("" for PDF); TRUE from an option change until the
 * preview shows it. */
char           *mg_export_dialog_dup_preview_text  (MgExportDialog     *self);
gboolean        mg_export_dialog_get_preview_pending (MgExportDialog   *self);
/* The widget showing the preview now: the text, the PDF's pages
 * (an MgPdfPreview) or a status page. */
GtkWidget      *mg_export_dialog_get_preview_widget (MgExportDialog    *self);

/* Writes the export to @file in a worker thread (what "Export…" does
 * after the file chooser). */
void            mg_export_dialog_export_to_file    (MgExportDialog     *self,
                                                    GFile              *file);
gboolean        mg_export_dialog_get_exporting     (MgExportDialog     *self);
/* Fraction done of the running export. */
double          mg_export_dialog_get_progress      (MgExportDialog     *self);
void            mg_export_dialog_cancel_export     (MgExportDialog     *self);

G_END_DECLS
