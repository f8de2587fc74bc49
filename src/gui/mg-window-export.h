/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "mg-export-dialog.h"
#include "mg-window.h"

G_BEGIN_DECLS

/* The window's export actions: win.export (the export dialog),
 * win.copy-quotes and win.print, enabled while a speech is shown; and
 * win.import (W3C Web Annotations), while its annotations can change.
 * What they do: */

/* Imports the W3C Web Annotations of @file into the window's annotations
 * (win.import, after its file chooser): one undoable step, reported in a
 * toast; a failure is shown in a dialog and returned in @error. */
gboolean        mg_window_import_file             (MgWindow                *self,
                                                   GFile                   *file,
                                                   GError                 **error);

/* The export dialog shown for the window, if any. */
MgExportDialog *mg_window_get_export_dialog       (MgWindow                *self);

/* The text win.copy-quotes puts on the clipboard: the selected
 * annotation's quote, or, when none is selected, every starred quote that
 * is placed on the text, in document order — one a line, each as
 * "¶12 “…”". NULL when there is nothing to copy; @n_quotes is set to the
 * number of quotes. */
char           *mg_window_dup_quotes_text         (MgWindow                *self,
                                                   guint                   *n_quotes);

/* Runs win.print's print operation with @action; @export_filename, when
 * not NULL, is the PDF file to print to (with
 * GTK_PRINT_OPERATION_ACTION_EXPORT). */
GtkPrintOperationResult mg_window_print           (MgWindow                *self,
                                                   GtkPrintOperationAction  action,
                                                   const char              *export_filename,
                                                   GError                 **error);

G_END_DECLS
