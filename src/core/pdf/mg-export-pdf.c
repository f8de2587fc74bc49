/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Marginalia"
#include "config.h"

#include <string.h>

#include <cairo-pdf.h>
#include <glib/gi18n-lib.h>

#include "mg-export-pdf.h"
#include "mg-pdf-file.h"
#include "mg-pdf-pango.h"

/* Which layout a PDF takes: our own when it knows the text's scripts and
 * finds its fonts, Pango otherwise. */
static MgPdfLayout *
pdf_try_layout (MgSummary    *summary,
                MgExportJob  *job,
                GError      **error)
{
  g_autoptr(GError) local_error = NULL;
  MgPdfLayout *layout = mg_pdf_layout_new (summary, job, &local_error);

  if (layout != NULL)
    return layout;
  if (!g_error_matches (local_error, MG_PDF_SHAPER_ERROR, MG_PDF_SHAPER_ERROR_UNSUPPORTED)
      && !g_error_matches (local_error, MG_PDF_SHAPER_ERROR, MG_PDF_SHAPER_ERROR_NO_FONT))
    g_propagate_error (error, g_steal_pointer (&local_error));
  else
    g_debug ("PDF laid out with Pango: %s", local_error->message);
  return NULL;
}

static cairo_status_t
pdf_write_to_string (void                *closure,
                     const unsigned char *data,
                     unsigned int         length)
{
  g_string_append_len (closure, (const char *) data, length);
  return CAIRO_STATUS_SUCCESS;
}

/* "2026-11-28T09:12:44Z" → "2026-11-28T09:12:44" as cairo wants it. */
static char *
pdf_metadata_date (const char *rfc3339)
{
  g_autoptr(GDateTime) date = g_date_time_new_from_iso8601 (rfc3339, NULL);

  if (date == NULL)
    return NULL;
  return g_date_time_format (date, "%Y-%m-%dT%H:%M:%S");
}

/* The Pango layout drawn onto cairo's PDF surface. */
static gboolean
pdf_write_pango (MgSummary    *summary,
                 GString      *out,
                 MgExportJob  *job,
                 GError      **error)
{
  g_autoptr(MgPdfPango) pango = mg_pdf_pango_new (summary, job, error);
  g_autofree char *date = NULL;
  cairo_surface_t *surface;
  cairo_status_t status;
  cairo_t *cr;
  gboolean ok = TRUE;

  if (pango == NULL)
    return FALSE;

  surface = cairo_pdf_surface_create_for_stream (pdf_write_to_string, out, MG_PDF_PAGE_WIDTH, MG_PDF_PAGE_HEIGHT);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, mg_summary_get_title (summary));
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Marginalia");
  date = pdf_metadata_date (mg_summary_get_date (summary));
  if (date != NULL)
    {
      cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATE_DATE, date);
      cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_MOD_DATE, date);
    }
  cr = cairo_create (surface);
  for (guint i = 0; ok && i < mg_pdf_pango_get_n_pages (pango); i++)
    {
      mg_pdf_pango_draw_page (pango, cr, i);
      cairo_show_page (cr);
      /* Free each page once it is out. */
      mg_pdf_pango_release_page (pango, i);
      if ((i + 1) % 8 == 0 && !_mg_export_job_step (job, error))
        ok = FALSE;
    }
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);

  if (ok && status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, MG_EXPORT_ERROR, MG_EXPORT_ERROR_FAILED,
                   _("Could not lay out the PDF: %s"), cairo_status_to_string (status));
      ok = FALSE;
    }
  return ok;
}

struct _MgPdfPages
{
  MgPdfLayout *layout;
  MgPdfPango  *pango;
};

MgPdfPages *
mg_pdf_pages_new (MgSummary     *summary,
                  GCancellable  *cancellable,
                  GError       **error)
{
  g_autoptr(GError) local_error = NULL;
  MgPdfPages *pages;
  MgExportJob job = { 0 };

  g_return_val_if_fail (MG_IS_SUMMARY (summary), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  pages = g_new0 (MgPdfPages, 1);
  job.cancellable = cancellable;
  _mg_export_job_begin (&job, mg_pdf_content_count_steps (summary));
  pages->layout = pdf_try_layout (summary, &job, &local_error);
  if (pages->layout == NULL && local_error == NULL)
    {
      _mg_export_job_begin (&job, mg_pdf_content_count_steps (summary));
      pages->pango = mg_pdf_pango_new (summary, &job, &local_error);
    }
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      mg_pdf_pages_free (pages);
      return NULL;
    }
  return pages;
}

guint
mg_pdf_pages_get_n_pages (MgPdfPages *pages)
{
  g_return_val_if_fail (pages != NULL, 0);
  return pages->layout != NULL ? mg_pdf_layout_get_n_pages (pages->layout)
                               : mg_pdf_pango_get_n_pages (pages->pango);
}

void
mg_pdf_pages_get_size (double *width,
                       double *height)
{
  if (width != NULL)
    *width = MG_PDF_PAGE_WIDTH;
  if (height != NULL)
    *height = MG_PDF_PAGE_HEIGHT;
}

void
mg_pdf_pages_draw (MgPdfPages *pages,
                   cairo_t    *cr,
                   guint       page)
{
  g_return_if_fail (pages != NULL);
  g_return_if_fail (cr != NULL);
  g_return_if_fail (page < mg_pdf_pages_get_n_pages (pages));

  if (pages->layout != NULL)
    mg_pdf_layout_draw_page (pages->layout, cr, page);
  else
    mg_pdf_pango_draw_page (pages->pango, cr, page);
}

gboolean
mg_pdf_pages_uses_pango (MgPdfPages *pages)
{
  g_return_val_if_fail (pages != NULL, FALSE);
  return pages->pango != NULL;
}

void
mg_pdf_pages_free (MgPdfPages *pages)
{
  if (pages == NULL)
    return;
  g_clear_pointer (&pages->layout, mg_pdf_layout_free);
  g_clear_pointer (&pages->pango, mg_pdf_pango_free);
  g_free (pages);
}

gboolean
mg_export_pdf_write (MgSummary    *summary,
                     GString      *out,
                     MgExportJob  *job,
                     GError      **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(MgPdfLayout) layout = NULL;
  guint steps = mg_pdf_content_count_steps (summary);
  gboolean ok;

  /* Layout steps, then (fewer) page steps. */
  _mg_export_job_begin (job, steps + steps / 8 + 1);
  layout = pdf_try_layout (summary, job, &local_error);
  if (layout != NULL)
    {
      MgPdfFileInfo info = { mg_summary_get_title (summary),
                             g_str_equal (mg_summary_get_language (summary), "zh") ? "zh-CN" : "en",
                             mg_summary_get_date (summary) };

      ok = mg_pdf_file_write (layout, &info, out, job, error);
    }
  else if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  else
    {
      _mg_export_job_begin (job, steps + steps / 8 + 1);
      ok = pdf_write_pango (summary, out, job, error);
    }
  if (ok)
    _mg_export_job_finish (job);
  return ok;
}
