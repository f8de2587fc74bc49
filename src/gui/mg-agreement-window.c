/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Marginalia"
#include "config.h"

#include <glib/gi18n.h>

#include "mg-agreement.h"
#include "mg-agreement-window.h"

struct _MgAgreementWindow
{
  AdwWindow             parent_instance;

  AdwPreferencesGroup  *results;
  GtkLabel             *formulas;
};

G_DEFINE_FINAL_TYPE (MgAgreementWindow, mg_agreement_window, ADW_TYPE_WINDOW)

static const char *formulas =
  N_("Units are the characters of the speech. A character is in a tag for a "
     "member when one of their annotations with that tag covers it.\n\n"
     "Overlap = characters in the tag for every member ÷ characters in it for "
     "any member.\n\n"
     "Two members, Cohen’s kappa: κ = (pₒ − pₑ) ÷ (1 − pₑ), where pₒ is the "
     "share of characters both treat alike and pₑ = a·b + (1 − a)(1 − b) for "
     "the shares a and b each put in the tag.\n\n"
     "Three or more, Fleiss’ kappa: κ = (P̄ − P̄ₑ) ÷ (1 − P̄ₑ), with P̄ the mean "
     "agreement per character and P̄ₑ = p² + (1 − p)² for the overall share p.\n\n"
     "1 is perfect agreement, 0 what chance gives, below 0 less than chance. "
     "See docs/agreement.md.");

static void
mg_agreement_window_class_init (MgAgreementWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/marginalia/Marginalia/mg-agreement-window.ui");
  gtk_widget_class_bind_template_child (widget_class, MgAgreementWindow, results);
  gtk_widget_class_bind_template_child (widget_class, MgAgreementWindow, formulas);

  /* A window that only shows: closed as a dialog is. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK, "window.close", NULL);
}

static void
mg_agreement_window_init (MgAgreementWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_label_set_text (self->formulas, _(formulas));
}

static GtkWidget *
result_row (MgAgreementResult *r,
            MgTagSet          *tags)
{
  MgTag *tag = tags != NULL ? mg_tag_set_lookup (tags, r->tag_id) : NULL;
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *subtitle = NULL;
  g_autofree char *kappa = g_strdup_printf ("κ = %.2f", r->kappa);
  const char *method = r->method == MG_AGREEMENT_COHEN ? _("Cohen’s kappa") : _("Fleiss’ kappa");
  GtkWidget *label;

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), tag != NULL ? mg_tag_get_name (tag) : r->tag_id);
  if (r->overlap < 0)
    subtitle = g_strdup_printf ("%s · %s", method, _("unused"));
  else
    subtitle = g_strdup_printf (_("%s · %.0f%% overlap"), method, 100.0 * r->overlap);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  label = gtk_label_new (kappa);
  gtk_widget_add_css_class (label, "numeric");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
  return row;
}

GtkWidget *
mg_agreement_window_new (GtkWindow  *parent,
                         const char *members,
                         GPtrArray  *results,
                         MgTagSet   *tags)
{
  MgAgreementWindow *self = g_object_new (MG_TYPE_AGREEMENT_WINDOW,
                                          "transient-for", parent,
                                          NULL);

  if (results == NULL)
    {
      adw_preferences_group_set_title (self->results, _("Not enough members"));
      adw_preferences_group_set_description (self->results,
                                             _("Agreement needs the annotations of at least two "
                                               "members: show more members’ annotations."));
      return GTK_WIDGET (self);
    }

  adw_preferences_group_set_title (self->results, _("Agreement per Tag"));
  adw_preferences_group_set_description (self->results, members);
  for (guint i = 0; i < results->len; i++)
    adw_preferences_group_add (self->results, result_row (g_ptr_array_index (results, i), tags));
  if (results->len == 0)
    adw_preferences_group_set_description (self->results, _("No member used a tag."));
  return GTK_WIDGET (self);
}
