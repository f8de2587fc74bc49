/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Marginalia"
#include "config.h"

#include <glib/gi18n.h>

#include "mg-compare-window.h"
#include "mg-file.h"
#include "mg-sidecar.h"

/* The width of a place's button, so that the two columns align. */
#define PLACE_WIDTH 110

typedef struct
{
  GFile             *file;
  MgAnnotationStore *store;
} Speech;

struct _MgCompareWindow
{
  AdwWindow             parent_instance;

  AdwToastOverlay      *toast_overlay;
  GtkMenuButton        *export_button;
  GtkDropDown          *old_dropdown;
  GtkDropDown          *new_dropdown;
  GtkStringList        *speeches;
  GtkStack             *stack;
  GtkSpinner           *spinner;
  AdwPreferencesGroup  *tags_group;
  AdwPreferencesGroup  *slogans_group;
  AdwPreferencesGroup  *kept_group;
  AdwPreferencesGroup  *figures_group;

  GArray               *choices;    /* of Speech */
  GPtrArray            *rows;       /* of (group, row) pairs shown */
  MgComparison         *comparison;
  guint                 shown[2];   /* the pair compared */
  GCancellable         *cancellable;
  GtkFileChooserNative *chooser;
  guint                 loading;
};

G_DEFINE_FINAL_TYPE (MgCompareWindow, mg_compare_window, ADW_TYPE_WINDOW)

enum
{
  SHOW_PASSAGE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
speech_clear (gpointer data)
{
  Speech *speech = data;

  g_clear_object (&speech->file);
  g_clear_object (&speech->store);
}

static void
toast (MgCompareWindow *self,
       const char      *text)
{
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (text));
}

static void
clear_rows (MgCompareWindow *self)
{
  for (guint i = 0; i + 1 < self->rows->len; i += 2)
    adw_preferences_group_remove (g_ptr_array_index (self->rows, i), g_ptr_array_index (self->rows, i + 1));
  g_ptr_array_set_size (self->rows, 0);
}

static void
add_row (MgCompareWindow     *self,
         AdwPreferencesGroup *group,
         GtkWidget           *row)
{
  adw_preferences_group_add (group, row);
  g_ptr_array_add (self->rows, group);
  g_ptr_array_add (self->rows, row);
}

/* A button going to [start, end) of speech @side (0 earlier, 1 later). */
static GtkWidget *
place_button (MgCompareWindow *self,
              guint            side,
              guint            paragraph,
              guint            start,
              guint            end)
{
  g_autofree char *label = g_strdup_printf (side == 0 ? _("Earlier ¶%u") : _("Later ¶%u"), paragraph);
  GtkWidget *button = gtk_button_new_with_label (label);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_size_request (button, PLACE_WIDTH, -1);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, side == 0 ? _("Show it in the earlier speech")
                                                 : _("Show it in the later speech"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "compare.show");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "(uuu)", side, start, end);
  return button;
}

static GtkWidget *
absent_place (void)
{
  GtkWidget *label = gtk_label_new ("—");

  gtk_widget_set_size_request (label, PLACE_WIDTH, -1);
  gtk_widget_add_css_class (label, "dim-label");
  return label;
}

static GtkWidget *
change_row (MgCompareWindow *self,
            const MgChange  *change)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *title = NULL;
  GString *subtitle = g_string_new (NULL);

  switch (change->change)
    {
    case MG_CHANGE_CHANGED:
      title = g_strdup_printf ("%s → %s", change->old_quote, change->new_quote);
      g_string_append (subtitle, _("Changed"));
      break;
    case MG_CHANGE_NEW:
      title = g_strdup (change->new_quote);
      g_string_append (subtitle, _("New"));
      break;
    case MG_CHANGE_KEPT:
      title = g_strdup (change->new_quote);
      g_string_append (subtitle, _("Kept"));
      break;
    case MG_CHANGE_DROPPED:
    default:
      title = g_strdup (change->old_quote);
      g_string_append (subtitle, _("Dropped"));
      break;
    }
  if (*change->context != '\0')
    g_string_append_printf (subtitle, " · %s", change->context);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle->str);
  g_string_free (subtitle, TRUE);
  /* Two columns, the earlier speech's and the later's, a dash where the
   * quote is not in that speech. */
  adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                             change->old_quote != NULL
                             ? place_button (self, 0, change->old_paragraph, change->old_start, change->old_end)
                             : absent_place ());
  adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                             change->new_quote != NULL
                             ? place_button (self, 1, change->new_paragraph, change->new_start, change->new_end)
                             : absent_place ());
  return row;
}

static GtkWidget *
tag_row (MgCompareWindow *self,
         const char      *name,
         guint            old_count,
         guint            new_count)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *counts = g_strdup_printf ("%u → %u", old_count, new_count);
  GtkWidget *label = gtk_label_new (counts);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  gtk_widget_add_css_class (label, "numeric");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
  return row;
}

static void
empty_row (MgCompareWindow     *self,
           AdwPreferencesGroup *group,
           const char          *text)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), text);
  gtk_widget_add_css_class (row, "dim-label");
  add_row (self, group, row);
}

static void
show_comparison (MgCompareWindow *self)
{
  Speech *old_speech = &g_array_index (self->choices, Speech, self->shown[0]);
  Speech *new_speech = &g_array_index (self->choices, Speech, self->shown[1]);
  MgTagSet *old_tags = mg_annotation_store_get_tag_set (old_speech->store);
  MgTagSet *new_tags = mg_annotation_store_get_tag_set (new_speech->store);
  GPtrArray *changes = mg_comparison_get_changes (self->comparison);
  guint n_slogans = 0, n_kept = 0, n_figures = 0;

  clear_rows (self);
  for (guint i = 0; i < mg_comparison_get_n_tags (self->comparison); i++)
    {
      guint old_count, new_count;
      const char *id = mg_comparison_get_tag (self->comparison, i, &old_count, &new_count);
      MgTag *tag = mg_tag_set_lookup (old_tags, id);

      if (tag == NULL)
        tag = mg_tag_set_lookup (new_tags, id);
      add_row (self, self->tags_group,
               tag_row (self, tag != NULL ? mg_tag_get_display_name (tag) : id, old_count, new_count));
    }
  for (guint i = 0; i < changes->len; i++)
    {
      const MgChange *change = g_ptr_array_index (changes, i);
      AdwPreferencesGroup *group;

      if (change->kind != MG_SUGGESTION_SLOGAN)
        {
          group = self->figures_group;
          n_figures++;
        }
      else if (change->change == MG_CHANGE_KEPT)
        {
          group = self->kept_group;
          n_kept++;
        }
      else
        {
          group = self->slogans_group;
          n_slogans++;
        }
      add_row (self, group, change_row (self, change));
    }
  if (n_slogans == 0)
    empty_row (self, self->slogans_group, _("No slogan or formula is new or dropped"));
  if (n_kept == 0)
    empty_row (self, self->kept_group, _("No slogan or formula is in both speeches"));
  if (n_figures == 0)
    empty_row (self, self->figures_group, _("No figure changed"));
  gtk_stack_set_visible_child_name (self->stack, "report");
}

static char *
speech_label (GFile *file)
{
  return g_file_peek_path (file) != NULL ? g_strdup (g_file_peek_path (file)) : g_file_get_uri (file);
}

/* Compares the pair the drop-downs show. The suggestion engine runs on
 * both texts here: a few tens of milliseconds for a long speech (see
 * bench/RESULTS.md), and the stores may only be read on this thread. */
static void
update (MgCompareWindow *self)
{
  guint old_index = gtk_drop_down_get_selected (self->old_dropdown);
  guint new_index = gtk_drop_down_get_selected (self->new_dropdown);
  Speech *old_speech, *new_speech;
  g_autofree char *old_label = NULL;
  g_autofree char *new_label = NULL;
  g_autoptr(GFile) old_sidecar = NULL;
  g_autoptr(GFile) new_sidecar = NULL;

  if (old_index >= self->choices->len || new_index >= self->choices->len || old_index == new_index)
    {
      g_clear_pointer (&self->comparison, mg_comparison_free);
      clear_rows (self);
      gtk_stack_set_visible_child_name (self->stack, self->loading > 0 ? "busy" : "choose");
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "compare.export", FALSE);
      return;
    }
  old_speech = &g_array_index (self->choices, Speech, old_index);
  new_speech = &g_array_index (self->choices, Speech, new_index);
  old_label = speech_label (old_speech->file);
  new_label = speech_label (new_speech->file);
  old_sidecar = mg_sidecar_default_file (old_speech->file);
  new_sidecar = mg_sidecar_default_file (new_speech->file);
  g_clear_pointer (&self->comparison, mg_comparison_free);
  self->comparison = mg_comparison_new (old_speech->store, old_label, g_file_peek_path (old_sidecar),
                                        new_speech->store, new_label, g_file_peek_path (new_sidecar));
  self->shown[0] = old_index;
  self->shown[1] = new_index;
  show_comparison (self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "compare.export", TRUE);
}

guint
mg_compare_window_add_speech (MgCompareWindow   *self,
                              GFile             *file,
                              MgAnnotationStore *store)
{
  Speech speech = { g_object_ref (file), g_object_ref (store) };
  g_autofree char *name = g_file_get_basename (file);

  g_return_val_if_fail (MG_IS_COMPARE_WINDOW (self), 0);
  g_return_val_if_fail (mg_annotation_store_get_document (store) != NULL, 0);

  for (guint i = 0; i < self->choices->len; i++)
    if (g_file_equal (g_array_index (self->choices, Speech, i).file, file))
      {
        speech_clear (&speech);
        return i;
      }
  g_array_append_val (self->choices, speech);
  /* File names: speeches compared are often two years of one title. */
  gtk_string_list_append (self->speeches, name);
  return self->choices->len - 1;
}

void
mg_compare_window_set_pair (MgCompareWindow *self,
                            guint            old_index,
                            guint            new_index)
{
  g_return_if_fail (MG_IS_COMPARE_WINDOW (self));

  /* One comparison, not one per drop-down. */
  g_signal_handlers_block_by_func (self->old_dropdown, update, self);
  g_signal_handlers_block_by_func (self->new_dropdown, update, self);
  gtk_drop_down_set_selected (self->old_dropdown, old_index);
  gtk_drop_down_set_selected (self->new_dropdown, new_index);
  g_signal_handlers_unblock_by_func (self->old_dropdown, update, self);
  g_signal_handlers_unblock_by_func (self->new_dropdown, update, self);
  update (self);
}

MgComparison *
mg_compare_window_get_comparison (MgCompareWindow *self)
{
  g_return_val_if_fail (MG_IS_COMPARE_WINDOW (self), NULL);
  return self->comparison;
}

gboolean
mg_compare_window_is_loading (MgCompareWindow *self)
{
  g_return_val_if_fail (MG_IS_COMPARE_WINDOW (self), FALSE);
  return self->loading > 0;
}

/* ---- Opening another speech ---- */

static void
open_thread (GTask        *task,
             gpointer      source,
             gpointer      task_data,
             GCancellable *cancellable)
{
  GError *error = NULL;
  MgAnnotationStore *store = mg_comparison_open_speech (task_data, cancellable, &error);

  if (store == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, store, g_object_unref);
}

static void
open_done (GObject      *source,
           GAsyncResult *result,
           gpointer      data)
{
  MgCompareWindow *self = MG_COMPARE_WINDOW (source);
  GFile *file = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  g_autoptr(MgAnnotationStore) store = g_task_propagate_pointer (G_TASK (result), &error);
  guint index;

  self->loading--;
  gtk_spinner_set_spinning (self->spinner, self->loading > 0);
  if (store == NULL)
    {
      g_autofree char *name = g_file_get_basename (file);
      g_autofree char *message = g_strdup_printf (_("Could not open “%s”: %s"), name, error->message);

      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        toast (self, message);
      update (self);
      return;
    }
  index = mg_compare_window_add_speech (self, file, store);
  /* The one opened is the earlier; the later stays (or is the first). */
  mg_compare_window_set_pair (self, index,
                              gtk_drop_down_get_selected (self->new_dropdown) != index
                              ? gtk_drop_down_get_selected (self->new_dropdown) : 0);
}

void
mg_compare_window_open_speech (MgCompareWindow *self,
                               GFile           *file)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (MG_IS_COMPARE_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  task = g_task_new (self, self->cancellable, open_done, NULL);
  g_task_set_task_data (task, g_object_ref (file), g_object_unref);
  self->loading++;
  gtk_spinner_set_spinning (self->spinner, TRUE);
  if (self->comparison == NULL)
    gtk_stack_set_visible_child_name (self->stack, "busy");
  g_task_run_in_thread (task, open_thread);
}

static void
open_response (GtkNativeDialog *dialog,
               int              response,
               MgCompareWindow *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));

      mg_compare_window_open_speech (self, file);
    }
  g_clear_object (&self->chooser);
}

static void
open_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  MgCompareWindow *self = MG_COMPARE_WINDOW (widget);
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  if (self->chooser != NULL)
    return;
  gtk_file_filter_set_name (filter, _("Plain Text"));
  gtk_file_filter_add_mime_type (filter, "text/plain");
  gtk_file_filter_add_suffix (filter, "txt");
  self->chooser = gtk_file_chooser_native_new (_("Open a Speech to Compare"), GTK_WINDOW (self),
                                               GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"), _("_Cancel"));
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  g_signal_connect (self->chooser, "response", G_CALLBACK (open_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

/* ---- Export ---- */

gboolean
mg_compare_window_export (MgCompareWindow    *self,
                          GFile              *file,
                          MgComparisonFormat  format,
                          GError            **error)
{
  char *report;
  g_autoptr(GBytes) bytes = NULL;

  g_return_val_if_fail (MG_IS_COMPARE_WINDOW (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  if (self->comparison == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("Choose two speeches first"));
      return FALSE;
    }
  /* The command's report with the slogans and formulas kept, as shown
   * here (docs/study-groups.md). */
  report = mg_comparison_write_full (self->comparison, format, MG_COMPARISON_WRITE_KEPT);
  /* Written as every export is: replaced atomically (a full disk leaves
   * the old report whole), through a link, keeping its mode. */
  bytes = g_bytes_new_take (report, strlen (report));
  return mg_file_write_output (file, bytes, NULL, error);
}

static void
export_response (GtkNativeDialog *dialog,
                 int              response,
                 MgCompareWindow *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      MgComparisonFormat format = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (dialog), "format"));
      g_autoptr(GError) error = NULL;
      g_autofree char *name = g_file_get_basename (file);
      g_autofree char *message = NULL;

      if (mg_compare_window_export (self, file, format, &error))
        message = g_strdup_printf (_("Exported to “%s”"), name);
      else
        message = g_strdup_printf (_("Could not export: %s"), error->message);
      toast (self, message);
    }
  g_clear_object (&self->chooser);
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  MgCompareWindow *self = MG_COMPARE_WINDOW (widget);
  gboolean html = g_str_equal (g_variant_get_string (parameter, NULL), "html");

  if (self->chooser != NULL || self->comparison == NULL)
    return;
  self->chooser = gtk_file_chooser_native_new (_("Export the Comparison"), GTK_WINDOW (self),
                                               GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser),
                                     html ? "comparison.html" : "comparison.md");
  g_object_set_data (G_OBJECT (self->chooser), "format",
                     GUINT_TO_POINTER (html ? MG_COMPARISON_HTML : MG_COMPARISON_MARKDOWN));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  g_signal_connect (self->chooser, "response", G_CALLBACK (export_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
show_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  MgCompareWindow *self = MG_COMPARE_WINDOW (widget);
  guint side, start, end;
  Speech *speech;

  g_variant_get (parameter, "(uuu)", &side, &start, &end);
  if (self->comparison == NULL || side > 1)
    return;
  speech = &g_array_index (self->choices, Speech, self->shown[side]);
  g_signal_emit (self, signals[SHOW_PASSAGE], 0, speech->file, speech->store, start, end);
}

static void
mg_compare_window_dispose (GObject *object)
{
  MgCompareWindow *self = MG_COMPARE_WINDOW (object);

  g_cancellable_cancel (self->cancellable);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  g_clear_pointer (&self->comparison, mg_comparison_free);
  if (self->rows != NULL)
    g_ptr_array_set_size (self->rows, 0);
  gtk_widget_dispose_template (GTK_WIDGET (self), MG_TYPE_COMPARE_WINDOW);

  G_OBJECT_CLASS (mg_compare_window_parent_class)->dispose (object);
}

static void
mg_compare_window_finalize (GObject *object)
{
  MgCompareWindow *self = MG_COMPARE_WINDOW (object);

  g_clear_pointer (&self->choices, g_array_unref);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (mg_compare_window_parent_class)->finalize (object);
}

static void
mg_compare_window_class_init (MgCompareWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mg_compare_window_dispose;
  object_class->finalize = mg_compare_window_finalize;

  signals[SHOW_PASSAGE] =
    g_signal_new ("show-passage", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 4, G_TYPE_FILE, MG_TYPE_ANNOTATION_STORE, G_TYPE_UINT, G_TYPE_UINT);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/marginalia/Marginalia/mg-compare-window.ui");
  gtk_widget_class_bind_template_child (widget_class, MgCompareWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, MgCompareWindow, export_button);
  gtk_widget_class_bind_template_child (widget_class, MgCompareWindow, old_dropdown);
  gtk_widget_class_bind_template_child (widget_class, MgCompareWindow, new_dropdown);
  gtk_widget_class_bind_template_child (widget_class, MgCompareWindow, speeches);
  gtk_widget_class_bind_template_child (widget_class, MgCompareWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, MgCompareWindow, spinner);
  gtk_widget_class_bind_template_child (widget_class, MgCompareWindow, tags_group);
  gtk_widget_class_bind_template_child (widget_class, MgCompareWindow, slogans_group);
  gtk_widget_class_bind_template_child (widget_class, MgCompareWindow, kept_group);
  gtk_widget_class_bind_template_child (widget_class, MgCompareWindow, figures_group);

  gtk_widget_class_install_action (widget_class, "compare.open", NULL, open_action);
  gtk_widget_class_install_action (widget_class, "compare.export", "s", export_action);
  gtk_widget_class_install_action (widget_class, "compare.show", "(uuu)", show_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK, "window.close", NULL);
}

static void
mg_compare_window_init (MgCompareWindow *self)
{
  self->choices = g_array_new (FALSE, FALSE, sizeof (Speech));
  g_array_set_clear_func (self->choices, speech_clear);
  self->rows = g_ptr_array_new ();
  self->cancellable = g_cancellable_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_connect_swapped (self->old_dropdown, "notify::selected", G_CALLBACK (update), self);
  g_signal_connect_swapped (self->new_dropdown, "notify::selected", G_CALLBACK (update), self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "compare.export", FALSE);
}

GtkWidget *
mg_compare_window_new (GtkWindow *parent)
{
  return g_object_new (MG_TYPE_COMPARE_WINDOW, "transient-for", parent, NULL);
}
