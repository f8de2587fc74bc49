/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Marginalia"
#include "config.h"

#include <glib/gi18n.h>

#include "mg-tidy-dialog.h"

struct _MgTidyDialog
{
  AdwWindow    parent_instance;

  GtkLabel    *summary_label;
  AdwActionRow *spaces_row;
  AdwActionRow *line_breaks_row;
  AdwActionRow *blank_lines_row;
  AdwActionRow *leftovers_row;
  GtkSwitch   *spaces_switch;
  GtkSwitch   *line_breaks_switch;
  GtkSwitch   *blank_lines_switch;
  GtkSwitch   *leftovers_switch;
  GtkTextView *preview;
  GtkWidget   *apply_button;

  MgDocument  *document;
  guint        counts[MG_TIDY_N_KINDS];
  guint        n_marked;
};

G_DEFINE_FINAL_TYPE (MgTidyDialog, mg_tidy_dialog, ADW_TYPE_WINDOW)

enum { APPLY, N_SIGNALS };
static guint signals[N_SIGNALS];

static GtkSwitch *
kind_switch (MgTidyDialog *self,
             MgTidyKind    kind)
{
  GtkSwitch *switches[MG_TIDY_N_KINDS] = {
    self->spaces_switch, self->line_breaks_switch, self->blank_lines_switch, self->leftovers_switch,
  };

  return switches[kind];
}

guint
mg_tidy_dialog_get_kinds (MgTidyDialog *self)
{
  guint kinds = 0;

  g_return_val_if_fail (MG_IS_TIDY_DIALOG (self), 0);

  for (guint k = 0; k < MG_TIDY_N_KINDS; k++)
    if (gtk_switch_get_active (kind_switch (self, k)))
      kinds |= 1u << k;
  return kinds;
}

/* The tidied text of the kinds switched on, each change marked: what was
 * put in, or the place something was taken out. */
static void
update_preview (MgTidyDialog *self)
{
  const char *text = mg_document_get_text (self->document);
  g_autoptr(GPtrArray) changes = mg_tidy_compute (text, -1, mg_tidy_dialog_get_kinds (self));
  g_autofree char *tidied = mg_tidy_apply_text (text, changes);
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->preview);
  gint64 delta = 0;

  gtk_text_buffer_set_text (buffer, tidied, -1);
  self->n_marked = 0;
  for (guint i = 0; i < changes->len; i++)
    {
      MgTidyChange *c = g_ptr_array_index (changes, i);
      guint after = g_utf8_strlen (c->after, -1);
      guint at = (guint) (c->start + delta);
      GtkTextIter s, e;

      gtk_text_buffer_get_iter_at_offset (buffer, &s, at);
      if (after > 0 && !g_str_equal (c->after, "\n"))
        {
          gtk_text_buffer_get_iter_at_offset (buffer, &e, at + after);
          gtk_text_buffer_apply_tag_by_name (buffer, "inserted", &s, &e);
        }
      else
        {
          /* Taken out: the place is marked on the character before it. */
          if (!gtk_text_iter_is_start (&s))
            gtk_text_iter_backward_char (&s);
          e = s;
          gtk_text_iter_forward_char (&e);
          gtk_text_buffer_apply_tag_by_name (buffer, "removed", &s, &e);
        }
      self->n_marked++;
      delta += (gint64) after - (gint64) (c->end - c->start);
    }
  gtk_widget_set_sensitive (self->apply_button, changes->len > 0);
}

static void
kind_toggled (MgTidyDialog *self)
{
  update_preview (self);
}

static void
cancel_clicked (MgTidyDialog *self)
{
  gtk_window_close (GTK_WINDOW (self));
}

static void
apply_clicked (MgTidyDialog *self)
{
  guint kinds = mg_tidy_dialog_get_kinds (self);

  g_object_ref (self);
  gtk_window_close (GTK_WINDOW (self));
  g_signal_emit (self, signals[APPLY], 0, kinds);
  g_object_unref (self);
}

void
mg_tidy_dialog_apply (MgTidyDialog *self)
{
  g_return_if_fail (MG_IS_TIDY_DIALOG (self));

  apply_clicked (self);
}

static void
mg_tidy_dialog_dispose (GObject *object)
{
  MgTidyDialog *self = MG_TIDY_DIALOG (object);

  g_clear_object (&self->document);
  gtk_widget_dispose_template (GTK_WIDGET (self), MG_TYPE_TIDY_DIALOG);

  G_OBJECT_CLASS (mg_tidy_dialog_parent_class)->dispose (object);
}

static void
mg_tidy_dialog_class_init (MgTidyDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mg_tidy_dialog_dispose;

  signals[APPLY] = g_signal_new ("apply", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                 0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_UINT);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/marginalia/Marginalia/mg-tidy-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, MgTidyDialog, summary_label);
  gtk_widget_class_bind_template_child (widget_class, MgTidyDialog, spaces_row);
  gtk_widget_class_bind_template_child (widget_class, MgTidyDialog, line_breaks_row);
  gtk_widget_class_bind_template_child (widget_class, MgTidyDialog, blank_lines_row);
  gtk_widget_class_bind_template_child (widget_class, MgTidyDialog, leftovers_row);
  gtk_widget_class_bind_template_child (widget_class, MgTidyDialog, spaces_switch);
  gtk_widget_class_bind_template_child (widget_class, MgTidyDialog, line_breaks_switch);
  gtk_widget_class_bind_template_child (widget_class, MgTidyDialog, blank_lines_switch);
  gtk_widget_class_bind_template_child (widget_class, MgTidyDialog, leftovers_switch);
  gtk_widget_class_bind_template_child (widget_class, MgTidyDialog, preview);
  gtk_widget_class_bind_template_child (widget_class, MgTidyDialog, apply_button);
  gtk_widget_class_bind_template_callback (widget_class, kind_toggled);
  gtk_widget_class_bind_template_callback (widget_class, cancel_clicked);
  gtk_widget_class_bind_template_callback (widget_class, apply_clicked);
}

static void
mg_tidy_dialog_init (MgTidyDialog *self)
{
  GtkTextBuffer *buffer;

  gtk_widget_init_template (GTK_WIDGET (self));
  buffer = gtk_text_view_get_buffer (self->preview);
  gtk_text_buffer_create_tag (buffer, "inserted",
                              "background", "rgba(46,194,126,0.35)", NULL);
  gtk_text_buffer_create_tag (buffer, "removed",
                              "underline", PANGO_UNDERLINE_DOUBLE,
                              "underline-rgba", &(GdkRGBA) { 0.88, 0.11, 0.14, 1.0 },
                              "background", "rgba(224,27,36,0.18)", NULL);
}

MgTidyDialog *
mg_tidy_dialog_new (GtkWindow  *parent,
                    MgDocument *document)
{
  MgTidyDialog *self;
  g_autoptr(GPtrArray) all = NULL;
  AdwActionRow *rows[MG_TIDY_N_KINDS];
  guint total = 0;
  g_autofree char *summary = NULL;

  g_return_val_if_fail (MG_IS_DOCUMENT (document), NULL);

  self = g_object_new (MG_TYPE_TIDY_DIALOG, "transient-for", parent, NULL);
  self->document = g_object_ref (document);
  rows[MG_TIDY_SPACES] = self->spaces_row;
  rows[MG_TIDY_LINE_BREAKS] = self->line_breaks_row;
  rows[MG_TIDY_BLANK_LINES] = self->blank_lines_row;
  rows[MG_TIDY_LEFTOVERS] = self->leftovers_row;

  all = mg_tidy_compute (mg_document_get_text (document), -1, MG_TIDY_ALL);
  mg_tidy_count (all, self->counts);
  for (guint k = 0; k < MG_TIDY_N_KINDS; k++)
    {
      g_autofree char *subtitle =
        g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u change", "%u changes", self->counts[k]),
                         self->counts[k]);

      adw_action_row_set_subtitle (rows[k], subtitle);
      total += self->counts[k];
    }
  summary = total == 0
    ? g_strdup (_("This speech looks clean: there is nothing to tidy."))
    : g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                    "%u change would repair what a web page or a PDF copy left in “%s”.",
                                    "%u changes would repair what a web page or a PDF copy left in “%s”.",
                                    total),
                       total, mg_document_get_name (document));
  gtk_label_set_text (self->summary_label, summary);
  update_preview (self);
  return self;
}

void
mg_tidy_dialog_set_kind (MgTidyDialog *self,
                         MgTidyKind    kind,
                         gboolean      enabled)
{
  g_return_if_fail (MG_IS_TIDY_DIALOG (self));
  g_return_if_fail (kind < MG_TIDY_N_KINDS);

  gtk_switch_set_active (kind_switch (self, kind), enabled);
}

guint
mg_tidy_dialog_get_count (MgTidyDialog *self,
                          MgTidyKind    kind)
{
  g_return_val_if_fail (MG_IS_TIDY_DIALOG (self), 0);
  g_return_val_if_fail (kind < MG_TIDY_N_KINDS, 0);

  return self->counts[kind];
}

char *
mg_tidy_dialog_dup_preview (MgTidyDialog *self)
{
  GtkTextBuffer *buffer;
  GtkTextIter s, e;

  g_return_val_if_fail (MG_IS_TIDY_DIALOG (self), NULL);

  buffer = gtk_text_view_get_buffer (self->preview);
  gtk_text_buffer_get_bounds (buffer, &s, &e);
  return gtk_text_buffer_get_text (buffer, &s, &e, FALSE);
}

guint
mg_tidy_dialog_get_n_marked (MgTidyDialog *self)
{
  g_return_val_if_fail (MG_IS_TIDY_DIALOG (self), 0);

  return self->n_marked;
}
