/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Marginalia"
#include "config.h"

#include <glib/gi18n.h>

#include "mg-document.h"
#include "mg-export-pdf.h"
#include "mg-import-w3c.h"
#include "mg-window-export.h"
#include "mg-window-private.h"

#define DIALOG_KEY   "mg-export-dialog"
#define EXPORTED_KEY "mg-exported-file"
#define IMPORT_CHOOSER_KEY "mg-import-chooser"

MgExportDialog *
mg_window_get_export_dialog (MgWindow *self)
{
  g_return_val_if_fail (MG_IS_WINDOW (self), NULL);

  return g_object_get_data (G_OBJECT (self), DIALOG_KEY);
}

static char *
speech_basename (MgWindow *self)
{
  return self->file ? g_file_get_basename (self->file) : NULL;
}

static void
dialog_exported (MgWindow *self,
                 GFile    *file)
{
  g_autofree char *name = g_file_get_basename (file);
  g_autofree char *title = g_strdup_printf (_("Exported to “%s”"), name);

  g_object_set_data_full (G_OBJECT (self), EXPORTED_KEY, g_object_ref (file), g_object_unref);
  _mg_window_toast (self, title, FALSE);
  adw_toast_set_button_label (self->toast, _("_Open"));
  adw_toast_set_action_name (self->toast, "win.open-export");
}

static void
dialog_destroyed (MgWindow *self)
{
  g_object_set_data (G_OBJECT (self), DIALOG_KEY, NULL);
}

static void
export_action (GSimpleAction *action,
               GVariant      *parameter,
               gpointer       data)
{
  MgWindow *self = data;
  MgExportDialog *dialog = mg_window_get_export_dialog (self);
  g_autofree char *basename = NULL;

  if (dialog == NULL)
    {
      basename = speech_basename (self);
      dialog = mg_export_dialog_new (GTK_WINDOW (self), self->store, basename);
      g_object_set_data (G_OBJECT (self), DIALOG_KEY, dialog);
      g_signal_connect_object (dialog, "exported", G_CALLBACK (dialog_exported), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (dialog, "destroy", G_CALLBACK (dialog_destroyed), self, G_CONNECT_SWAPPED);
    }
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
open_export_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  MgWindow *self = MG_WINDOW (widget);
  GFile *file = g_object_get_data (G_OBJECT (self), EXPORTED_KEY);
  g_autofree char *uri = NULL;

  if (file == NULL)
    return;
  uri = g_file_get_uri (file);
  gtk_show_uri (GTK_WINDOW (self), uri, GDK_CURRENT_TIME);
}

static void
append_quote (GString             *text,
              const MgSummaryItem *item)
{
  g_autofree char *quote = g_strdup (item->quote);

  /* One quote a line, whatever line breaks the passage spans. */
  g_strdelimit (quote, "\r\n", ' ');
  if (text->len > 0)
    g_string_append_c (text, '\n');
  if (item->paragraph > 0)
    {
      g_autofree char *location = mg_location_format (item->paragraph, item->sentence);

      g_string_append_printf (text, "%s ", location);
    }
  g_string_append_printf (text, "“%s”", quote);
}

char *
mg_window_dup_quotes_text (MgWindow *self,
                           guint    *n_quotes)
{
  g_autoptr(MgSummary) summary = NULL;
  g_autoptr(GString) text = g_string_new (NULL);
  guint n = 0;

  g_return_val_if_fail (MG_IS_WINDOW (self), NULL);

  if (n_quotes != NULL)
    *n_quotes = 0;
  if (self->store == NULL)
    return NULL;
  summary = mg_summary_new (self->store, NULL, NULL);
  if (summary == NULL)
    return NULL;

  if (self->selected != NULL)
    {
      const char *id = mg_annotation_get_id (self->selected);

      for (guint i = 0; i < mg_summary_get_n_items (summary); i++)
        {
          const MgSummaryItem *item = mg_summary_get_item (summary, i);

          if (g_strcmp0 (item->id, id) == 0)
            {
              append_quote (text, item);
              n++;
              break;
            }
        }
    }
  else
    {
      GPtrArray *starred = mg_summary_get_starred (summary);

      for (guint i = 0; i < starred->len; i++)
        append_quote (text, g_ptr_array_index (starred, i));
      n = starred->len;
    }

  if (n_quotes != NULL)
    *n_quotes = n;
  return n > 0 ? g_string_free (g_steal_pointer (&text), FALSE) : NULL;
}

static void
copy_quotes_action (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       data)
{
  MgWindow *self = data;
  g_autofree char *text = NULL;
  g_autofree char *title = NULL;
  guint n = 0;

  text = mg_window_dup_quotes_text (self, &n);
  if (text == NULL)
    {
      _mg_window_toast (self, _("Nothing to copy: select an annotation or star some quotes"), FALSE);
      return;
    }
  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (self)), text);
  title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Copied %u quote", "Copied %u quotes", n), n);
  _mg_window_toast (self, title, FALSE);
}

/* Printing: the PDF export's layout, page by page. */

static void
begin_print (GtkPrintOperation *operation,
             GtkPrintContext   *context,
             MgWindow          *self)
{
  g_autoptr(MgSummary) summary = NULL;
  g_autoptr(GError) error = NULL;
  MgPdfPages *pages = NULL;

  summary = mg_summary_new (self->store, NULL, &error);
  if (summary != NULL)
    pages = mg_pdf_pages_new (summary, NULL, &error);
  if (pages == NULL)
    {
      g_autofree char *message = g_strdup_printf (_("Could not lay out the pages: %s"), error->message);

      _mg_window_toast (self, message, FALSE);
      gtk_print_operation_cancel (operation);
      return;
    }
  g_object_set_data_full (G_OBJECT (operation), "mg-pages", pages, (GDestroyNotify) mg_pdf_pages_free);
  gtk_print_operation_set_n_pages (operation, mg_pdf_pages_get_n_pages (pages));
}

static void
draw_page (GtkPrintOperation *operation,
           GtkPrintContext   *context,
           int                page,
           MgWindow          *self)
{
  MgPdfPages *pages = g_object_get_data (G_OBJECT (operation), "mg-pages");
  cairo_t *cr = gtk_print_context_get_cairo_context (context);
  double width, height, scale;

  if (pages == NULL)
    return;

  /* The layout is A4 in points; other paper gets it scaled to fit. */
  mg_pdf_pages_get_size (&width, &height);
  scale = MIN (gtk_print_context_get_width (context) / width,
               gtk_print_context_get_height (context) / height);
  cairo_save (cr);
  cairo_scale (cr, scale, scale);
  mg_pdf_pages_draw (pages, cr, page);
  cairo_restore (cr);
}

GtkPrintOperationResult
mg_window_print (MgWindow                *self,
                 GtkPrintOperationAction  action,
                 const char              *export_filename,
                 GError                 **error)
{
  g_autoptr(GtkPrintOperation) operation = gtk_print_operation_new ();
  g_autoptr(GtkPageSetup) setup = gtk_page_setup_new ();
  g_autoptr(GtkPaperSize) a4 = gtk_paper_size_new (GTK_PAPER_NAME_A4);
  g_autofree char *basename = speech_basename (self);

  g_return_val_if_fail (MG_IS_WINDOW (self), GTK_PRINT_OPERATION_RESULT_ERROR);

  gtk_page_setup_set_paper_size_and_default_margins (setup, a4);
  gtk_print_operation_set_default_page_setup (operation, setup);
  gtk_print_operation_set_use_full_page (operation, TRUE);
  gtk_print_operation_set_unit (operation, GTK_UNIT_POINTS);
  gtk_print_operation_set_embed_page_setup (operation, TRUE);
  if (basename != NULL)
    gtk_print_operation_set_job_name (operation, basename);
  if (export_filename != NULL)
    gtk_print_operation_set_export_filename (operation, export_filename);
  g_signal_connect (operation, "begin-print", G_CALLBACK (begin_print), self);
  g_signal_connect (operation, "draw-page", G_CALLBACK (draw_page), self);

  return gtk_print_operation_run (operation, action, GTK_WINDOW (self), error);
}

static void
print_action (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       data)
{
  MgWindow *self = data;
  g_autoptr(GError) error = NULL;

  if (mg_window_print (self, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG, NULL, &error) ==
      GTK_PRINT_OPERATION_RESULT_ERROR)
    {
      g_autofree char *message = g_strdup_printf (_("Could not print: %s"), error->message);

      _mg_window_toast (self, message, FALSE);
    }
}

gboolean
mg_window_import_file (MgWindow  *self,
                       GFile     *file,
                       GError   **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *title = NULL;
  MgImportReport report = { 0 };

  g_return_val_if_fail (MG_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  name = g_file_get_basename (file);
  if (!_mg_window_is_writable (self))
    {
      g_set_error_literal (&local_error, G_IO_ERROR, G_IO_ERROR_READ_ONLY,
                           _("These annotations cannot be changed"));
    }
  else
    mg_import_w3c_file (self->store, file, NULL, &report, &local_error);

  if (local_error != NULL)
    {
      g_autofree char *heading = g_strdup_printf (_("Could Not Import “%s”"), name);

      _mg_window_show_message (self, heading, local_error->message);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  if (report.added + report.orphaned == 0)
    {
      title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                            "Nothing imported from “%s”: its %u annotation is here already or not on this speech",
                                            "Nothing imported from “%s”: its %u annotations are here already or not on this speech",
                                            report.skipped),
                               name, report.skipped);
      _mg_window_toast (self, title, FALSE);
      return TRUE;
    }
  title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                        "Imported %u annotation",
                                        "Imported %u annotations",
                                        report.added + report.orphaned),
                           report.added + report.orphaned);
  if (report.orphaned > 0)
    {
      g_autofree char *orphaned = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                                "%u not placed",
                                                                "%u not placed",
                                                                report.orphaned),
                                                   report.orphaned);
      g_autofree char *both = g_strdup_printf ("%s (%s)", title, orphaned);

      g_free (title);
      title = g_steal_pointer (&both);
    }
  _mg_window_toast (self, title, TRUE);
  return TRUE;
}

static void
chooser_free (gpointer chooser)
{
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
}

static void
import_chooser_response (GtkNativeDialog *chooser,
                         int              response,
                         MgWindow        *self)
{
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  g_object_set_data (G_OBJECT (self), IMPORT_CHOOSER_KEY, NULL);
  if (file != NULL)
    mg_window_import_file (self, file, NULL);
}

static void
import_action (GSimpleAction *action,
               GVariant      *parameter,
               gpointer       data)
{
  MgWindow *self = data;
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();

  if (g_object_get_data (G_OBJECT (self), IMPORT_CHOOSER_KEY) != NULL)
    return;

  chooser = gtk_file_chooser_native_new (_("Import Annotations"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_OPEN,
                                         _("_Import"), _("_Cancel"));
  gtk_file_filter_set_name (filter, _("W3C Web Annotations"));
  gtk_file_filter_add_mime_type (filter, "application/ld+json");
  gtk_file_filter_add_pattern (filter, "*.jsonld");
  gtk_file_filter_add_pattern (filter, "*.json");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  gtk_file_filter_set_name (all, _("All files"));
  gtk_file_filter_add_pattern (all, "*");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), all);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  /* An export of this speech is most likely beside it. */
  if (self->file != NULL)
    {
      g_autoptr(GFile) folder = g_file_get_parent (self->file);

      if (folder != NULL)
        gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), folder, NULL);
    }
  g_object_set_data_full (G_OBJECT (self), IMPORT_CHOOSER_KEY, chooser,
                          chooser_free);
  g_signal_connect (chooser, "response", G_CALLBACK (import_chooser_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

void
_mg_window_class_init_export (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.open-export", NULL, open_export_action);
}

static const GActionEntry actions[] = {
  { "export", export_action, NULL, NULL, NULL, { 0 } },
  { "copy-quotes", copy_quotes_action, NULL, NULL, NULL, { 0 } },
  { "print", print_action, NULL, NULL, NULL, { 0 } },
  { "import", import_action, NULL, NULL, NULL, { 0 } },
};

/* Exporting, copying and printing need a speech shown; importing, that
 * its annotations may change. */
void
_mg_window_init_export (MgWindow *self)
{
  _mg_window_add_actions (self, actions, G_N_ELEMENTS (actions));
  _mg_window_bind_enabled (self, "export", "document-ready");
  _mg_window_bind_enabled (self, "copy-quotes", "document-ready");
  _mg_window_bind_enabled (self, "print", "document-ready");
  _mg_window_bind_enabled (self, "import", "editable");
}
