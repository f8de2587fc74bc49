/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Marginalia"
#include "config.h"

#include <glib/gi18n.h>

#include "mg-suggest.h"
#include "mg-suggestion-popover.h"
#include "mg-tag-style.h"

/* Longest quote shown, in characters, before it is cut with an ellipsis. */
#define QUOTE_CHARS 80

struct _MgSuggestionPopover
{
  GtkPopover  parent_instance;

  /* Template widgets */
  GtkBox     *content_box;
};

G_DEFINE_FINAL_TYPE (MgSuggestionPopover, mg_suggestion_popover, GTK_TYPE_POPOVER)

static void
button_clicked (GtkButton           *button,
                MgSuggestionPopover *self)
{
  gtk_popover_popdown (GTK_POPOVER (self));
}

static GtkWidget *
add_button (MgSuggestionPopover *self,
            GtkBox              *box,
            const char          *label,
            gboolean             mnemonic,
            const char          *action,
            GVariant            *target)
{
  GtkWidget *button = mnemonic ? gtk_button_new_with_mnemonic (label) : gtk_button_new_with_label (label);

  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (button), target);
  g_signal_connect (button, "clicked", G_CALLBACK (button_clicked), self);
  gtk_box_append (box, button);
  return button;
}

static char *
quote_text (MgSuggestion *suggestion)
{
  const char *quote = mg_suggestion_get_quote (suggestion);
  g_autofree char *shown = NULL;

  if (g_utf8_strlen (quote, -1) <= QUOTE_CHARS)
    shown = g_strdup (quote);
  else
    {
      g_autofree char *start = g_utf8_substring (quote, 0, QUOTE_CHARS - 1);

      shown = g_strconcat (start, "…", NULL);
    }
  /* Translators: a quoted passage of the speech. */
  return g_strdup_printf (_("“%s”"), shown);
}

/* One suggestion: its kind and reason, the passage, and what can be done. */
static GtkWidget *
make_group (MgSuggestionPopover *self,
            MgSuggestion        *suggestion,
            GListModel          *all,
            MgTagSet            *tags,
            gboolean             first)
{
  const char *tag_id = mg_suggestion_get_tag (suggestion);
  MgTag *tag = tags != NULL ? mg_tag_set_lookup (tags, tag_id) : NULL;
  const char *name = tag != NULL ? mg_tag_get_display_name (tag) : tag_id;
  g_autofree char *css_class = mg_tag_style_css_class (tag_id);
  g_autofree char *quote = quote_text (suggestion);
  g_autofree char *accept = NULL;
  g_autoptr(GVariant) target = NULL;
  GtkWidget *group, *header, *dot, *title, *reason, *passage, *buttons, *accept_button;
  guint n_kind;

  group = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_widget_add_css_class (group, "suggestion");

  header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  dot = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  gtk_widget_set_valign (dot, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (dot, "suggestion-dot");
  gtk_widget_add_css_class (dot, css_class);
  gtk_widget_add_css_class (dot, "strong");
  gtk_box_append (GTK_BOX (header), dot);
  title = gtk_label_new (name);
  gtk_widget_add_css_class (title, "heading");
  gtk_box_append (GTK_BOX (header), title);
  reason = gtk_label_new (mg_suggestion_get_label (suggestion));
  gtk_label_set_xalign (GTK_LABEL (reason), 0);
  gtk_widget_set_hexpand (reason, TRUE);
  gtk_widget_add_css_class (reason, "dim-label");
  gtk_box_append (GTK_BOX (header), reason);
  gtk_box_append (GTK_BOX (group), header);

  passage = gtk_label_new (quote);
  gtk_label_set_xalign (GTK_LABEL (passage), 0);
  gtk_label_set_wrap (GTK_LABEL (passage), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (passage), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_max_width_chars (GTK_LABEL (passage), 36);
  gtk_widget_add_css_class (passage, "suggestion-quote");
  gtk_box_append (GTK_BOX (group), passage);

  target = g_variant_ref_sink (g_variant_new ("(suu)", tag_id,
                                              mg_suggestion_get_start (suggestion),
                                              mg_suggestion_get_end (suggestion)));
  buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  accept = g_strdup_printf (first ? _("_Accept as “%s”") : _("Accept as “%s”"), name);
  accept_button = add_button (self, GTK_BOX (buttons), accept, first,
                              "win.accept-suggestion", target);
  gtk_widget_add_css_class (accept_button, "suggested-action");
  add_button (self, GTK_BOX (buttons), first ? _("_Dismiss") : _("Dismiss"), first,
              "win.dismiss-suggestion", target);
  gtk_box_append (GTK_BOX (group), buttons);

  n_kind = all != NULL ? mg_suggest_count_kind (all, mg_suggestion_get_kind (suggestion)) : 0;
  if (n_kind > 1)
    {
      g_autofree char *label = g_strdup_printf (ngettext ("Accept All %u as “%s”",
                                                          "Accept All %u as “%s”", n_kind),
                                                n_kind, name);
      GtkWidget *all_button = add_button (self, GTK_BOX (group), label, FALSE,
                                          "win.accept-all-suggestions",
                                          g_variant_new_string (tag_id));

      gtk_widget_set_halign (all_button, GTK_ALIGN_START);
      gtk_widget_add_css_class (all_button, "flat");
      gtk_widget_add_css_class (all_button, "accept-all");
    }

  if (first)
    gtk_popover_set_default_widget (GTK_POPOVER (self), accept_button);
  return group;
}

static void
mg_suggestion_popover_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), MG_TYPE_SUGGESTION_POPOVER);

  G_OBJECT_CLASS (mg_suggestion_popover_parent_class)->dispose (object);
}

static void
mg_suggestion_popover_class_init (MgSuggestionPopoverClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mg_suggestion_popover_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/org/marginalia/Marginalia/mg-suggestion-popover.ui");
  gtk_widget_class_bind_template_child (widget_class, MgSuggestionPopover, content_box);
}

static void
mg_suggestion_popover_init (MgSuggestionPopover *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
mg_suggestion_popover_new (void)
{
  return g_object_new (MG_TYPE_SUGGESTION_POPOVER, NULL);
}

void
mg_suggestion_popover_set_suggestions (MgSuggestionPopover *self,
                                       GPtrArray           *suggestions,
                                       GListModel          *all,
                                       MgTagSet            *tags)
{
  GtkWidget *child;

  g_return_if_fail (MG_IS_SUGGESTION_POPOVER (self));
  g_return_if_fail (suggestions != NULL);
  g_return_if_fail (all == NULL || G_IS_LIST_MODEL (all));
  g_return_if_fail (tags == NULL || MG_IS_TAG_SET (tags));

  gtk_popover_set_default_widget (GTK_POPOVER (self), NULL);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->content_box))) != NULL)
    gtk_box_remove (self->content_box, child);

  if (tags != NULL)
    mg_tag_style_track (tags);
  for (guint i = 0; i < suggestions->len; i++)
    {
      if (i > 0)
        gtk_box_append (self->content_box, gtk_separator_new (GTK_ORIENTATION_HORIZONTAL));
      gtk_box_append (self->content_box,
                      make_group (self, g_ptr_array_index (suggestions, i), all, tags, i == 0));
    }
}
