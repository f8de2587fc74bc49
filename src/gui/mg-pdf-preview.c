/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Marginalia"

#include "config.h"

#include <glib/gi18n.h>

#include "mg-export-pdf.h"
#include "mg-pdf-preview.h"

struct _MgPdfPreview
{
  GtkWidget     parent_instance;

  GtkWidget    *scroller;
  GtkWidget    *box;
  GtkWidget    *count_label;
  GCancellable *cancellable;
  MgPdfPages   *pages;
  guint         n_shown;
  guint         pending : 1;
};

G_DEFINE_FINAL_TYPE (MgPdfPreview, mg_pdf_preview, GTK_TYPE_WIDGET)

/* The width of a page on screen: about half its size on paper. */
#define PAGE_PIXELS 420

enum {
  READY,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Pages are drawn at this many times their size on screen and scaled
 * down: cairo puts glyphs on whole pixels, which at the size of a preview
 * would space the letters unevenly. */
#define OVERSAMPLE 3

static void
draw_page (GtkDrawingArea *area,
           cairo_t        *cr,
           int             width,
           int             height,
           gpointer        user_data)
{
  MgPdfPreview *self = MG_PDF_PREVIEW (gtk_widget_get_ancestor (GTK_WIDGET (area), MG_TYPE_PDF_PREVIEW));
  guint page = GPOINTER_TO_UINT (user_data);
  int scale = gtk_widget_get_scale_factor (GTK_WIDGET (area)) * OVERSAMPLE;
  cairo_surface_t *image = g_object_get_data (G_OBJECT (area), "mg-page-image");
  double page_width, page_height;

  if (self == NULL || self->pages == NULL || page >= mg_pdf_pages_get_n_pages (self->pages))
    return;
  if (image == NULL || cairo_image_surface_get_width (image) != width * scale
      || cairo_image_surface_get_height (image) != height * scale)
    {
      cairo_t *page_cr;

      image = cairo_image_surface_create (CAIRO_FORMAT_RGB24, width * scale, height * scale);
      page_cr = cairo_create (image);
      /* Paper is white in dark mode too. */
      cairo_set_source_rgb (page_cr, 1, 1, 1);
      cairo_paint (page_cr);
      mg_pdf_pages_get_size (&page_width, &page_height);
      cairo_scale (page_cr, (double) width * scale / page_width, (double) height * scale / page_height);
      mg_pdf_pages_draw (self->pages, page_cr, page);
      cairo_destroy (page_cr);
      g_object_set_data_full (G_OBJECT (area), "mg-page-image", image, (GDestroyNotify) cairo_surface_destroy);
    }
  cairo_scale (cr, 1.0 / scale, 1.0 / scale);
  cairo_set_source_surface (cr, image, 0, 0);
  cairo_pattern_set_filter (cairo_get_source (cr), CAIRO_FILTER_GOOD);
  cairo_paint (cr);
}

static void
clear_pages (MgPdfPreview *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (self->box)) != NULL)
    gtk_box_remove (GTK_BOX (self->box), child);
  g_clear_pointer (&self->pages, mg_pdf_pages_free);
  self->n_shown = 0;
  gtk_label_set_label (GTK_LABEL (self->count_label), "");
}

static void
show_pages (MgPdfPreview *self)
{
  guint n = mg_pdf_pages_get_n_pages (self->pages);
  double page_width, page_height;
  g_autofree char *count = NULL;

  mg_pdf_pages_get_size (&page_width, &page_height);
  self->n_shown = MIN (n, MG_PDF_PREVIEW_MAX_PAGES);
  for (guint i = 0; i < self->n_shown; i++)
    {
      GtkWidget *area = gtk_drawing_area_new ();
      g_autofree char *label = g_strdup_printf (_("Page %u"), i + 1);

      gtk_drawing_area_set_content_width (GTK_DRAWING_AREA (area), PAGE_PIXELS);
      gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (area), (int) (PAGE_PIXELS * page_height / page_width));
      gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (area), draw_page, GUINT_TO_POINTER (i), NULL);
      gtk_widget_add_css_class (area, "pdf-page");
      gtk_widget_set_halign (area, GTK_ALIGN_CENTER);
      gtk_accessible_update_property (GTK_ACCESSIBLE (area), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
      gtk_box_append (GTK_BOX (self->box), area);
    }
  if (n > self->n_shown)
    count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "The first %u of %u page", "The first %u of %u pages", n),
                             self->n_shown, n);
  else
    count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u page", "%u pages", n), n);
  gtk_label_set_label (GTK_LABEL (self->count_label), count);
}

static void
layout_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  g_autoptr(GError) error = NULL;
  MgPdfPages *pages = mg_pdf_pages_new (task_data, cancellable, &error);

  if (pages == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, pages, (GDestroyNotify) mg_pdf_pages_free);
}

static void
layout_done (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  MgPdfPreview *self = MG_PDF_PREVIEW (source);
  g_autoptr(GError) error = NULL;
  MgPdfPages *pages = g_task_propagate_pointer (G_TASK (result), &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_clear_object (&self->cancellable);
  self->pending = FALSE;
  clear_pages (self);
  if (pages != NULL)
    {
      self->pages = pages;
      show_pages (self);
    }
  else
    gtk_label_set_label (GTK_LABEL (self->count_label), error->message);
  g_signal_emit (self, signals[READY], 0);
}

void
mg_pdf_preview_set_summary (MgPdfPreview *self,
                            MgSummary    *summary)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (MG_IS_PDF_PREVIEW (self));
  g_return_if_fail (summary == NULL || MG_IS_SUMMARY (summary));

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (summary == NULL)
    {
      self->pending = FALSE;
      clear_pages (self);
      return;
    }

  self->pending = TRUE;
  self->cancellable = g_cancellable_new ();
  task = g_task_new (self, self->cancellable, layout_done, NULL);
  g_task_set_source_tag (task, mg_pdf_preview_set_summary);
  g_task_set_task_data (task, g_object_ref (summary), g_object_unref);
  g_task_run_in_thread (task, layout_thread);
}

gboolean
mg_pdf_preview_get_pending (MgPdfPreview *self)
{
  g_return_val_if_fail (MG_IS_PDF_PREVIEW (self), FALSE);
  return self->pending;
}

guint
mg_pdf_preview_get_n_pages (MgPdfPreview *self)
{
  g_return_val_if_fail (MG_IS_PDF_PREVIEW (self), 0);
  return self->pages != NULL ? mg_pdf_pages_get_n_pages (self->pages) : 0;
}

guint
mg_pdf_preview_get_n_shown (MgPdfPreview *self)
{
  g_return_val_if_fail (MG_IS_PDF_PREVIEW (self), 0);
  return self->n_shown;
}

static void
mg_pdf_preview_dispose (GObject *object)
{
  MgPdfPreview *self = MG_PDF_PREVIEW (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->scroller, gtk_widget_unparent);
  g_clear_pointer (&self->pages, mg_pdf_pages_free);

  G_OBJECT_CLASS (mg_pdf_preview_parent_class)->dispose (object);
}

static void
mg_pdf_preview_class_init (MgPdfPreviewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mg_pdf_preview_dispose;

  signals[READY] = g_signal_new ("ready", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                 0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "pdfpreview");
}

static void
mg_pdf_preview_init (MgPdfPreview *self)
{
  GtkWidget *content = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);

  self->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 18);
  self->count_label = gtk_label_new (NULL);
  gtk_widget_add_css_class (self->count_label, "dim-label");
  gtk_widget_add_css_class (self->count_label, "caption");
  gtk_label_set_wrap (GTK_LABEL (self->count_label), TRUE);
  gtk_widget_set_margin_top (content, 18);
  gtk_widget_set_margin_bottom (content, 18);
  gtk_widget_set_margin_start (content, 24);
  gtk_widget_set_margin_end (content, 24);
  gtk_box_append (GTK_BOX (content), self->box);
  gtk_box_append (GTK_BOX (content), self->count_label);

  self->scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (self->scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (self->scroller), content);
  gtk_widget_set_parent (self->scroller, GTK_WIDGET (self));
}

GtkWidget *
mg_pdf_preview_new (void)
{
  return g_object_new (MG_TYPE_PDF_PREVIEW, NULL);
}
