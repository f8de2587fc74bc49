/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Marginalia"
#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "mg-export-dialog.h"
#include "mg-pdf-preview.h"

#define PREVIEW_DELAY_MS 150
/* Longer exports are previewed in part: a text view of many megabytes
 * helps nobody and takes long to lay out. */
#define PREVIEW_MAX_BYTES (256 * 1024)

/* The formats in the order the chooser lists them. */
static const MgExportFormat formats[] = {
  MG_EXPORT_FORMAT_MARKDOWN,
  MG_EXPORT_FORMAT_HTML,
  MG_EXPORT_FORMAT_CSV,
  MG_EXPORT_FORMAT_TEXT,
  MG_EXPORT_FORMAT_PDF,
  MG_EXPORT_FORMAT_W3C,
  MG_EXPORT_FORMAT_JSON,
  MG_EXPORT_FORMAT_QDC,
  MG_EXPORT_FORMAT_QDPX,
};

struct _MgExportDialog
{
  AdwWindow             parent_instance;

  GtkButton            *export_button;
  GtkWidget            *options_page;
  AdwComboRow          *format_row;
  GtkSwitch            *starred_switch;
  AdwComboRow          *author_row;
  AdwPreferencesGroup  *tags_group;
  GtkStack             *preview_stack;
  GtkTextView          *preview_view;
  AdwStatusPage        *status_page;
  MgPdfPreview         *pdf_preview;
  GtkRevealer          *progress_revealer;
  GtkProgressBar       *progress_bar;

  MgAnnotationStore    *store;       /* one speech, or */
  MgCollection         *collection;  /* a study */
  char                 *basename;
  GArray               *formats;     /* of MgExportFormat, as listed */
  GPtrArray            *tag_ids;      /* of char *, tag-set order */
  GPtrArray            *tag_checks;   /* of GtkCheckButton *, parallel */
  GPtrArray            *authors;      /* of char *, parallel to author_row after "Everyone" */

  GCancellable         *preview_cancellable;
  GCancellable         *export_cancellable;
  GtkFileChooserNative *chooser;
  guint                 preview_id;
  guint                 preview_pending : 1;
};

G_DEFINE_FINAL_TYPE (MgExportDialog, mg_export_dialog, ADW_TYPE_WINDOW)

enum {
  SIGNAL_EXPORTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void schedule_preview (MgExportDialog *self);

MgExportFormat
mg_export_dialog_get_format (MgExportDialog *self)
{
  guint selected;

  g_return_val_if_fail (MG_IS_EXPORT_DIALOG (self), MG_EXPORT_FORMAT_MARKDOWN);

  selected = adw_combo_row_get_selected (self->format_row);
  if (selected >= self->formats->len)
    return formats[0];
  return g_array_index (self->formats, MgExportFormat, selected);
}

void
mg_export_dialog_set_format (MgExportDialog *self,
                             MgExportFormat  format)
{
  g_return_if_fail (MG_IS_EXPORT_DIALOG (self));

  for (guint i = 0; i < self->formats->len; i++)
    if (g_array_index (self->formats, MgExportFormat, i) == format)
      adw_combo_row_set_selected (self->format_row, i);
}

void
mg_export_dialog_set_starred_only (MgExportDialog *self,
                                   gboolean        starred_only)
{
  g_return_if_fail (MG_IS_EXPORT_DIALOG (self));

  gtk_switch_set_active (self->starred_switch, starred_only);
}

void
mg_export_dialog_set_tag_included (MgExportDialog *self,
                                   const char     *tag_id,
                                   gboolean        included)
{
  g_return_if_fail (MG_IS_EXPORT_DIALOG (self));

  for (guint i = 0; i < self->tag_ids->len; i++)
    if (g_strcmp0 (g_ptr_array_index (self->tag_ids, i), tag_id) == 0)
      gtk_check_button_set_active (g_ptr_array_index (self->tag_checks, i), included);
}

void
mg_export_dialog_set_author (MgExportDialog *self,
                             const char     *author)
{
  g_return_if_fail (MG_IS_EXPORT_DIALOG (self));

  if (author == NULL)
    {
      adw_combo_row_set_selected (self->author_row, 0);
      return;
    }
  for (guint i = 0; i < self->authors->len; i++)
    if (g_strcmp0 (g_ptr_array_index (self->authors, i), author) == 0)
      adw_combo_row_set_selected (self->author_row, i + 1);
}

char *
mg_export_dialog_dup_suggested_name (MgExportDialog *self)
{
  g_autofree char *stem = NULL;
  const char *dot;

  g_return_val_if_fail (MG_IS_EXPORT_DIALOG (self), NULL);

  /* A study is named after its folder, whose name has no extension. */
  dot = self->basename && self->collection == NULL ? strrchr (self->basename, '.') : NULL;
  if (self->basename == NULL || *self->basename == '\0')
    stem = g_strdup (_("annotations"));
  else if (dot != NULL && dot != self->basename)
    stem = g_strndup (self->basename, dot - self->basename);
  else
    stem = g_strdup (self->basename);

  return g_strdup_printf ("%s-summary.%s", stem,
                          mg_export_format_get_extension (mg_export_dialog_get_format (self)));
}

/* The summary for the options shown; NULL when no tag is chosen. */
static MgSummary *
build_summary (MgExportDialog  *self,
               GError         **error)
{
  g_autoptr(GPtrArray) tags = g_ptr_array_new ();
  MgSummaryFilter filter = { 0 };
  guint author = adw_combo_row_get_selected (self->author_row);

  for (guint i = 0; i < self->tag_ids->len; i++)
    if (gtk_check_button_get_active (g_ptr_array_index (self->tag_checks, i)))
      g_ptr_array_add (tags, g_ptr_array_index (self->tag_ids, i));

  if (self->tag_ids->len > 0 && tags->len == 0)
    return NULL;

  /* Every tag chosen: no tag filter, so that untagged highlights stay. */
  g_ptr_array_add (tags, NULL);
  if (tags->len - 1 < self->tag_ids->len)
    filter.tags = (const char * const *) tags->pdata;
  if (author != GTK_INVALID_LIST_POSITION && author > 0 && author - 1 < self->authors->len)
    filter.author = g_ptr_array_index (self->authors, author - 1);
  filter.starred_only = gtk_switch_get_active (self->starred_switch);

  if (self->collection != NULL)
    return mg_collection_new_summary (self->collection, &filter, error);
  return mg_summary_new (self->store, &filter, error);
}

static void
show_status (MgExportDialog *self,
             const char     *title,
             const char     *description)
{
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->preview_view), "", 0);
  adw_status_page_set_title (self->status_page, title);
  adw_status_page_set_description (self->status_page, description);
  gtk_stack_set_visible_child_name (self->preview_stack, "status");
}

static void
preview_ready (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(MgExportDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = mg_export_to_bytes_finish (result, &error);
  GtkTextBuffer *buffer;
  const char *data;
  gsize size;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self->preview_pending = FALSE;
  g_clear_object (&self->preview_cancellable);

  if (bytes == NULL)
    {
      show_status (self, _("No Preview"), error->message);
      return;
    }

  data = g_bytes_get_data (bytes, &size);
  /* The CSV file starts with a byte-order mark for spreadsheet programs;
   * the preview does not show it. */
  if (size >= 3 && memcmp (data, "\xef\xbb\xbf", 3) == 0)
    {
      data += 3;
      size -= 3;
    }

  buffer = gtk_text_view_get_buffer (self->preview_view);
  if (size > PREVIEW_MAX_BYTES)
    {
      const char *end = g_utf8_find_prev_char (data, data + PREVIEW_MAX_BYTES);
      g_autofree char *text = g_strndup (data, end - data);
      g_autofree char *shown = g_strconcat (text, "\n\n", _("… (the preview shows the beginning; the file will hold everything)"), NULL);

      gtk_text_buffer_set_text (buffer, shown, -1);
    }
  else
    gtk_text_buffer_set_text (buffer, data, size);

  gtk_stack_set_visible_child_name (self->preview_stack, "text");
}

/* What a REFI-QDA project will hold: the placed annotations as coded
 * passages of the speech; orphans have no place in it. */
static char *
describe_project (MgSummary *summary)
{
  guint n_orphaned = mg_summary_get_n_orphaned (summary);
  guint n_placed = mg_summary_get_n_items (summary) - n_orphaned;
  guint n_speeches = mg_summary_get_n_speeches (summary);
  g_autofree char *placed = NULL;
  g_autofree char *orphaned = NULL;

  if (mg_summary_is_combined (summary))
    {
      g_autofree char *speeches = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u speech", "%u speeches",
                                                                n_speeches), n_speeches);

      /* Translators: "3 speeches with 120 coded passages, …". */
      placed = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                             "%s with %u coded passage, for ATLAS.ti, MAXQDA, NVivo and other qualitative analysis programs.",
                                             "%s with %u coded passages, for ATLAS.ti, MAXQDA, NVivo and other qualitative analysis programs.",
                                             n_placed),
                                speeches, n_placed);
    }
  else
    placed = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "The speech with %u coded passage, for ATLAS.ti, MAXQDA, NVivo and other qualitative analysis programs.",
                                         "The speech with %u coded passages, for ATLAS.ti, MAXQDA, NVivo and other qualitative analysis programs.",
                                         n_placed),
                            n_placed);
  if (n_orphaned == 0)
    return g_steal_pointer (&placed);
  orphaned = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "%u orphaned annotation is left out: it has no place in the text.",
                                           "%u orphaned annotations are left out: they have no place in the text.",
                                           n_orphaned),
                              n_orphaned);
  return g_strconcat (placed, "\n", orphaned, NULL);
}

static void
pdf_preview_ready (MgExportDialog *self)
{
  if (gtk_stack_get_visible_child (self->preview_stack) == GTK_WIDGET (self->pdf_preview)
      && self->preview_id == 0)
    self->preview_pending = FALSE;
}

static gboolean
update_preview (gpointer user_data)
{
  MgExportDialog *self = user_data;
  g_autoptr(MgSummary) summary = NULL;
  g_autoptr(GError) error = NULL;
  MgExportFormat format = mg_export_dialog_get_format (self);

  self->preview_id = 0;
  g_cancellable_cancel (self->preview_cancellable);
  g_clear_object (&self->preview_cancellable);

  summary = build_summary (self, &error);
  gtk_widget_set_sensitive (GTK_WIDGET (self->export_button),
                            summary != NULL && self->export_cancellable == NULL);
  if (summary == NULL)
    {
      self->preview_pending = FALSE;
      if (error != NULL)
        show_status (self, _("No Preview"), error->message);
      else
        show_status (self, _("No Tag Chosen"), _("Choose at least one tag to export."));
      return G_SOURCE_REMOVE;
    }

  if (format == MG_EXPORT_FORMAT_PDF)
    {
      /* The pages themselves; pending until the preview is ready. */
      mg_pdf_preview_set_summary (self->pdf_preview, summary);
      gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->preview_view), "", 0);
      gtk_stack_set_visible_child_name (self->preview_stack, "pages");
      return G_SOURCE_REMOVE;
    }
  mg_pdf_preview_set_summary (self->pdf_preview, NULL);

  if (!mg_export_format_is_text (format))
    {
      g_autofree char *description = NULL;

      self->preview_pending = FALSE;
      /* The REFI-QDA project: a zip archive, described. */
      description = describe_project (summary);
      show_status (self, mg_export_format_get_label (format), description);
      return G_SOURCE_REMOVE;
    }

  self->preview_cancellable = g_cancellable_new ();
  mg_export_to_bytes_async (summary, format, NULL, NULL, NULL,
                            self->preview_cancellable, preview_ready, g_object_ref (self));
  return G_SOURCE_REMOVE;
}

static void
schedule_preview (MgExportDialog *self)
{
  self->preview_pending = TRUE;
  g_clear_handle_id (&self->preview_id, g_source_remove);
  self->preview_id = g_timeout_add (PREVIEW_DELAY_MS, update_preview, self);
}

static void
options_changed (MgExportDialog *self)
{
  if (self->store != NULL || self->collection != NULL)
    schedule_preview (self);
}

char *
mg_export_dialog_dup_preview_text (MgExportDialog *self)
{
  GtkTextBuffer *buffer;
  GtkTextIter start, end;

  g_return_val_if_fail (MG_IS_EXPORT_DIALOG (self), NULL);

  buffer = gtk_text_view_get_buffer (self->preview_view);
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

GtkWidget *
mg_export_dialog_get_preview_widget (MgExportDialog *self)
{
  g_return_val_if_fail (MG_IS_EXPORT_DIALOG (self), NULL);
  return gtk_stack_get_visible_child (self->preview_stack);
}

gboolean
mg_export_dialog_get_preview_pending (MgExportDialog *self)
{
  g_return_val_if_fail (MG_IS_EXPORT_DIALOG (self), FALSE);

  return self->preview_pending;
}

gboolean
mg_export_dialog_get_exporting (MgExportDialog *self)
{
  g_return_val_if_fail (MG_IS_EXPORT_DIALOG (self), FALSE);

  return self->export_cancellable != NULL;
}

double
mg_export_dialog_get_progress (MgExportDialog *self)
{
  g_return_val_if_fail (MG_IS_EXPORT_DIALOG (self), 0.0);

  return gtk_progress_bar_get_fraction (self->progress_bar);
}

void
mg_export_dialog_cancel_export (MgExportDialog *self)
{
  g_return_if_fail (MG_IS_EXPORT_DIALOG (self));

  g_cancellable_cancel (self->export_cancellable);
}

static void
set_exporting (MgExportDialog *self,
               gboolean        exporting)
{
  gtk_progress_bar_set_fraction (self->progress_bar, 0.0);
  gtk_revealer_set_reveal_child (self->progress_revealer, exporting);
  gtk_widget_set_sensitive (GTK_WIDGET (self->export_button), !exporting);
  gtk_widget_set_sensitive (self->options_page, !exporting);
}

static void
export_progress (double   fraction,
                 gpointer user_data)
{
  MgExportDialog *self = user_data;

  gtk_progress_bar_set_fraction (self->progress_bar, CLAMP (fraction, 0.0, 1.0));
}

static void
show_error (MgExportDialog *self,
            const char     *heading,
            const char     *body)
{
  AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), heading, body));

  adw_message_dialog_add_response (dialog, "close", _("_Close"));
  adw_message_dialog_set_default_response (dialog, "close");
  adw_message_dialog_set_close_response (dialog, "close");
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
export_done (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(MgExportDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  GFile *file = g_object_get_data (G_OBJECT (self), "mg-export-file");
  g_autoptr(GFile) target = file ? g_object_ref (file) : NULL;
  gboolean done = mg_export_to_file_finish (result, &error);

  g_object_set_data (G_OBJECT (self), "mg-export-file", NULL);

  g_clear_object (&self->export_cancellable);
  set_exporting (self, FALSE);
  options_changed (self);

  if (done)
    {
      g_signal_emit (self, signals[SIGNAL_EXPORTED], 0, target);
      gtk_window_close (GTK_WINDOW (self));
    }
  else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_autofree char *name = target ? g_file_get_parse_name (target) : g_strdup ("");
      g_autofree char *heading = g_strdup_printf (_("Could Not Export to “%s”"), name);

      show_error (self, heading, error->message);
    }
}

void
mg_export_dialog_export_to_file (MgExportDialog *self,
                                 GFile          *file)
{
  g_autoptr(MgSummary) summary = NULL;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (MG_IS_EXPORT_DIALOG (self));
  g_return_if_fail (G_IS_FILE (file));

  if (self->export_cancellable != NULL)
    return;

  summary = build_summary (self, &error);
  if (summary == NULL)
    {
      show_error (self, _("Nothing to Export"),
                  error ? error->message : _("Choose at least one tag to export."));
      return;
    }

  self->export_cancellable = g_cancellable_new ();
  set_exporting (self, TRUE);
  /* The finished callback needs the file to name it: carried on the
   * dialog until the result arrives. */
  g_object_set_data_full (G_OBJECT (self), "mg-export-file", g_object_ref (file), g_object_unref);
  mg_export_to_file_async (summary, mg_export_dialog_get_format (self), file,
                           export_progress, g_object_ref (self), g_object_unref,
                           self->export_cancellable, export_done, g_object_ref (self));
}

static void
chooser_response (MgExportDialog  *self,
                  int              response,
                  GtkNativeDialog *chooser)
{
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  gtk_native_dialog_destroy (chooser);
  g_clear_object (&self->chooser);

  if (file != NULL)
    mg_export_dialog_export_to_file (self, file);
}

static void
export_clicked (MgExportDialog *self)
{
  MgExportFormat format = mg_export_dialog_get_format (self);
  g_autofree char *name = mg_export_dialog_dup_suggested_name (self);
  g_autofree char *pattern = g_strdup_printf ("*.%s", mg_export_format_get_extension (format));
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();

  if (self->chooser != NULL)
    return;

  self->chooser = gtk_file_chooser_native_new (_("Export Summary"), GTK_WINDOW (self),
                                               GTK_FILE_CHOOSER_ACTION_SAVE,
                                               _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  gtk_file_filter_set_name (filter, mg_export_format_get_label (format));
  gtk_file_filter_add_mime_type (filter, mg_export_format_get_mime_type (format));
  gtk_file_filter_add_pattern (filter, pattern);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);
  gtk_file_filter_set_name (all, _("All files"));
  gtk_file_filter_add_pattern (all, "*");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), all);
  gtk_file_chooser_set_filter (GTK_FILE_CHOOSER (self->chooser), filter);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), name);
  g_signal_connect_swapped (self->chooser, "response", G_CALLBACK (chooser_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
cancel_clicked (MgExportDialog *self)
{
  mg_export_dialog_cancel_export (self);
}

static void
close_clicked (MgExportDialog *self)
{
  mg_export_dialog_cancel_export (self);
  gtk_window_close (GTK_WINDOW (self));
}

static GtkWidget *
color_swatch (const char *color)
{
  GtkWidget *label = gtk_label_new (NULL);
  g_autofree char *markup = NULL;

  /* Colours are validated "#rrggbb" by the tag set. */
  markup = g_markup_printf_escaped ("<span foreground=\"%s\" size=\"x-large\">●</span>", color);
  gtk_label_set_markup (GTK_LABEL (label), markup);
  gtk_widget_set_valign (label, GTK_ALIGN_CENTER);
  return label;
}

static void
add_tag_row (MgExportDialog *self,
             const char     *id,
             const char     *name,
             const char     *color)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *check = gtk_check_button_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (check), TRUE);
  gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), color_swatch (color));
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
  g_signal_connect_swapped (check, "notify::active", G_CALLBACK (options_changed), self);
  adw_preferences_group_add (self->tags_group, row);

  g_ptr_array_add (self->tag_ids, g_strdup (id));
  g_ptr_array_add (self->tag_checks, check);
}

static void
add_tag_rows (MgExportDialog *self)
{
  if (self->collection != NULL)
    {
      /* The study's tags: those of the combined summary, in its order. */
      g_autoptr(MgSummary) all = mg_collection_new_summary (self->collection, NULL, NULL);
      GPtrArray *counts = all != NULL ? mg_summary_get_tag_counts (all) : NULL;

      for (guint i = 0; counts != NULL && i < counts->len; i++)
        {
          MgSummaryCount *count = g_ptr_array_index (counts, i);

          add_tag_row (self, count->key, count->name, count->color);
        }
    }
  else
    {
      MgTagSet *tag_set = mg_annotation_store_get_tag_set (self->store);

      for (guint i = 0; i < mg_tag_set_get_n_tags (tag_set); i++)
        {
          MgTag *tag = mg_tag_set_get_tag (tag_set, i);

          add_tag_row (self, mg_tag_get_id (tag), mg_tag_get_display_name (tag), mg_tag_get_color (tag));
        }
    }
  gtk_widget_set_visible (GTK_WIDGET (self->tags_group), self->tag_ids->len > 0);
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_utf8_collate (*(const char * const *) a, *(const char * const *) b);
}

static void
fill_authors (MgExportDialog *self)
{
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  guint n_stores = self->collection != NULL ? mg_collection_get_n_speeches (self->collection) : 1;

  /* Every speech's authors once, sorted as each store sorts its own. */
  for (guint s = 0; s < n_stores; s++)
    {
      MgAnnotationStore *store = self->collection != NULL
                                 ? mg_collection_speech_get_store (mg_collection_get_speech (self->collection, s))
                                 : self->store;
      g_auto(GStrv) authors = mg_annotation_store_dup_authors (store, FALSE);

      for (guint i = 0; authors[i] != NULL; i++)
        if (!g_hash_table_contains (seen, authors[i]))
          {
            char *author = g_strdup (authors[i]);

            g_hash_table_add (seen, author);
            g_ptr_array_add (self->authors, author);
          }
    }
  if (n_stores > 1)
    g_ptr_array_sort (self->authors, compare_names);

  gtk_string_list_append (names, _("Everyone"));
  for (guint i = 0; i < self->authors->len; i++)
    gtk_string_list_append (names, g_ptr_array_index (self->authors, i));
  adw_combo_row_set_model (self->author_row, G_LIST_MODEL (names));
  gtk_widget_set_visible (GTK_WIDGET (self->author_row), self->authors->len > 0);
}

static gboolean
close_request (GtkWindow *window)
{
  MgExportDialog *self = MG_EXPORT_DIALOG (window);

  g_cancellable_cancel (self->export_cancellable);
  g_cancellable_cancel (self->preview_cancellable);
  g_clear_handle_id (&self->preview_id, g_source_remove);
  return GTK_WINDOW_CLASS (mg_export_dialog_parent_class)->close_request (window);
}

static void
mg_export_dialog_dispose (GObject *object)
{
  MgExportDialog *self = MG_EXPORT_DIALOG (object);

  g_clear_handle_id (&self->preview_id, g_source_remove);
  g_cancellable_cancel (self->preview_cancellable);
  g_cancellable_cancel (self->export_cancellable);
  g_clear_object (&self->preview_cancellable);
  g_clear_object (&self->export_cancellable);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  g_clear_object (&self->store);
  g_clear_object (&self->collection);

  G_OBJECT_CLASS (mg_export_dialog_parent_class)->dispose (object);
}

static void
mg_export_dialog_finalize (GObject *object)
{
  MgExportDialog *self = MG_EXPORT_DIALOG (object);

  g_free (self->basename);
  g_ptr_array_unref (self->tag_ids);
  g_ptr_array_unref (self->tag_checks);
  g_ptr_array_unref (self->authors);
  g_array_unref (self->formats);

  G_OBJECT_CLASS (mg_export_dialog_parent_class)->finalize (object);
}

static void
mg_export_dialog_class_init (MgExportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = mg_export_dialog_dispose;

  g_type_ensure (MG_TYPE_PDF_PREVIEW);
  object_class->finalize = mg_export_dialog_finalize;
  window_class->close_request = close_request;

  signals[SIGNAL_EXPORTED] =
    g_signal_new ("exported", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_FILE);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/marginalia/Marginalia/mg-export-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, MgExportDialog, export_button);
  gtk_widget_class_bind_template_child (widget_class, MgExportDialog, options_page);
  gtk_widget_class_bind_template_child (widget_class, MgExportDialog, format_row);
  gtk_widget_class_bind_template_child (widget_class, MgExportDialog, starred_switch);
  gtk_widget_class_bind_template_child (widget_class, MgExportDialog, author_row);
  gtk_widget_class_bind_template_child (widget_class, MgExportDialog, tags_group);
  gtk_widget_class_bind_template_child (widget_class, MgExportDialog, preview_stack);
  gtk_widget_class_bind_template_child (widget_class, MgExportDialog, preview_view);
  gtk_widget_class_bind_template_child (widget_class, MgExportDialog, status_page);
  gtk_widget_class_bind_template_child (widget_class, MgExportDialog, pdf_preview);
  gtk_widget_class_bind_template_callback (widget_class, pdf_preview_ready);
  gtk_widget_class_bind_template_child (widget_class, MgExportDialog, progress_revealer);
  gtk_widget_class_bind_template_child (widget_class, MgExportDialog, progress_bar);
  gtk_widget_class_bind_template_callback (widget_class, options_changed);
  gtk_widget_class_bind_template_callback (widget_class, export_clicked);
  gtk_widget_class_bind_template_callback (widget_class, cancel_clicked);
  gtk_widget_class_bind_template_callback (widget_class, close_clicked);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
mg_export_dialog_init (MgExportDialog *self)
{
  self->tag_ids = g_ptr_array_new_with_free_func (g_free);
  self->tag_checks = g_ptr_array_new ();
  self->authors = g_ptr_array_new_with_free_func (g_free);
  self->formats = g_array_new (FALSE, FALSE, sizeof (MgExportFormat));

  gtk_widget_init_template (GTK_WIDGET (self));
}

/* The formats offered: every one for a speech, those that take several
 * speeches for a study. */
static void
fill_formats (MgExportDialog *self)
{
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    if (self->collection == NULL || mg_export_format_takes_several (formats[i]))
      {
        g_array_append_val (self->formats, formats[i]);
        gtk_string_list_append (labels, mg_export_format_get_label (formats[i]));
      }
  adw_combo_row_set_model (self->format_row, G_LIST_MODEL (labels));
}

MgExportDialog *
mg_export_dialog_new (GtkWindow         *parent,
                      MgAnnotationStore *store,
                      const char        *basename)
{
  MgExportDialog *self;

  g_return_val_if_fail (MG_IS_ANNOTATION_STORE (store), NULL);

  self = g_object_new (MG_TYPE_EXPORT_DIALOG,
                       "transient-for", parent,
                       "destroy-with-parent", TRUE,
                       NULL);
  self->store = g_object_ref (store);
  self->basename = g_strdup (basename);
  fill_formats (self);
  add_tag_rows (self);
  fill_authors (self);
  schedule_preview (self);
  return self;
}

MgExportDialog *
mg_export_dialog_new_for_study (GtkWindow    *parent,
                                MgCollection *collection)
{
  MgExportDialog *self;
  g_autofree char *title = NULL;

  g_return_val_if_fail (MG_IS_COLLECTION (collection), NULL);

  self = g_object_new (MG_TYPE_EXPORT_DIALOG,
                       "transient-for", parent,
                       "destroy-with-parent", TRUE,
                       NULL);
  self->collection = g_object_ref (collection);
  self->basename = g_strdup (mg_collection_get_title (collection));
  /* Translators: the export dialog's title for a study: its folder's name. */
  title = g_strdup_printf (_("Export Summary of “%s”"), mg_collection_get_title (collection));
  gtk_window_set_title (GTK_WINDOW (self), title);
  fill_formats (self);
  add_tag_rows (self);
  fill_authors (self);
  schedule_preview (self);
  return self;
}
