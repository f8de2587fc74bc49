/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "export-fixture.h"
#include "mg-export.h"
#include "mg-export-pdf.h"
#include "mg-summary.h"

typedef struct
{
  char *dir;
  char *path;
} PdfFile;

static void
pdf_file_clear (PdfFile *pdf)
{
  g_unlink (pdf->path);
  g_rmdir (pdf->dir);
  g_free (pdf->path);
  g_free (pdf->dir);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (PdfFile, pdf_file_clear)

static void test_print_pages (void);

static void
write_pdf (MgAnnotationStore *store,
           PdfFile           *pdf)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MgSummary) summary = mg_summary_new (store, NULL, &error);
  g_autoptr(GFile) file = NULL;
  g_autofree char *head = NULL;

  g_assert_no_error (error);
  pdf->dir = g_dir_make_tmp ("mg-pdf-XXXXXX", &error);
  g_assert_no_error (error);
  pdf->path = g_build_filename (pdf->dir, "summary.pdf", NULL);
  file = g_file_new_for_path (pdf->path);
  g_assert_true (mg_export_to_file (summary, MG_EXPORT_FORMAT_PDF, file, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (pdf->path, &head, NULL, NULL));
  g_assert_true (g_str_has_prefix (head, "%PDF-"));
}

static char *
run_tool (const char *tool,
          const char *arg1,
          const char *arg2,
          const char *arg3)
{
  const char *argv[] = { tool, arg1, arg2, arg3, NULL };
  g_autoptr(GError) error = NULL;
  char *out = NULL;
  int status = 0;

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                               NULL, NULL, &out, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return out;
}

static char *
pdf_text (const char *path)
{
  const char *argv[] = { "pdftotext", "-enc", "UTF-8", path, "-", NULL };
  g_autoptr(GError) error = NULL;
  char *out = NULL;
  int status = 0;

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                               NULL, NULL, &out, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return out;
}

static guint
pdf_pages (const char *path)
{
  g_autofree char *info = run_tool ("pdfinfo", path, NULL, NULL);
  const char *pages = strstr (info, "Pages:");

  g_assert_nonnull (pages);
  return (guint) g_ascii_strtoull (pages + strlen ("Pages:") + strspn (pages + 6, " "), NULL, 10);
}

/* pdftotext may drop the thin spaces around the slash: "n / N" or "n/N"
 * on a line of its own. */
static gboolean
has_footer (const char *text,
            guint       page,
            guint       n_pages)
{
  g_autofree char *spaced = g_strdup_printf ("\n%u / %u\n", page, n_pages);
  g_autofree char *tight = g_strdup_printf ("\n%u/%u\n", page, n_pages);

  return strstr (text, spaced) != NULL || strstr (text, tight) != NULL;
}

static gboolean
have_poppler (void)
{
  g_autofree char *a = g_find_program_in_path ("pdftotext");
  g_autofree char *b = g_find_program_in_path ("pdfinfo");
  g_autofree char *c = g_find_program_in_path ("pdffonts");

  if (a == NULL || b == NULL || c == NULL)
    {
      g_test_skip ("poppler-utils (pdftotext, pdfinfo, pdffonts) are not installed");
      return FALSE;
    }
  return TRUE;
}

static void
test_cjk (void)
{
  g_autoptr(MgAnnotationStore) store = fixture_store_zh ();
  g_auto(PdfFile) pdf = { 0 };
  g_autofree char *text = NULL;
  g_autofree char *fonts = NULL;
  g_autofree char *info = NULL;
  guint pages;

  if (!have_poppler ())
    return;
  write_pdf (store, &pdf);

  text = pdf_text (pdf.path);
  g_test_message ("%s", text);
  g_assert_nonnull (strstr (text, "在全市高质量发展推进大会上的讲话"));
  g_assert_nonnull (strstr (text, "233 个国家和地区"));
  g_assert_nonnull (strstr (text, "确保各项目标任务全面完成"));
  g_assert_nonnull (strstr (text, "¶4"));
  pages = pdf_pages (pdf.path);
  g_assert_cmpuint (pages, >=, 1);
  g_assert_true (has_footer (text, 1, pages));
  g_assert_true (has_footer (text, pages, pages));

  /* Embedded subsets of the Simplified Chinese face, not the Japanese one. */
  fonts = run_tool ("pdffonts", pdf.path, NULL, NULL);
  g_test_message ("%s", fonts);
  g_assert_nonnull (strstr (fonts, "NotoSansCJKsc"));
  g_assert_null (strstr (fonts, "NotoSansCJKjp"));
  g_assert_null (strstr (fonts, " no  "));

  info = run_tool ("pdfinfo", pdf.path, NULL, NULL);
  g_assert_nonnull (strstr (info, "595.276 x 841.89 pts (A4)"));
}

static void
test_paginates (void)
{
  g_autoptr(MgDocument) document = fixture_load_document ("speech-zh.txt");
  g_autoptr(MgAnnotationStore) store = mg_annotation_store_new (document, NULL);
  g_auto(PdfFile) pdf = { 0 };
  g_autofree char *text = NULL;
  guint length = mg_document_get_length (document);
  guint pages;

  if (!have_poppler ())
    return;

  for (guint i = 0; i < 600; i++)
    {
      g_autoptr(MgAnnotation) annotation = NULL;
      g_autoptr(GError) error = NULL;
      const char *tags[] = { i % 3 == 0 ? "figure" : i % 3 == 1 ? "slogan" : "policy-goal", NULL };
      guint start = (i * 7) % (length - 40);
      g_autofree char *id = g_strdup_printf ("00000000-0000-4000-8000-%012u", i);

      annotation = mg_annotation_new (id, start, start + 10 + i % 30);
      mg_annotation_set_tags (annotation, tags);
      mg_annotation_set_author (annotation, i % 2 ? "李伟" : "Wang Fang");
      mg_annotation_set_note (annotation, i % 5 == 0 ? "一条较长的批注，用来检查分页时批注跟在引文后面。" : "");
      mg_annotation_set_starred (annotation, i % 50 == 0);
      mg_annotation_set_created (annotation, FIXTURE_TIME);
      mg_annotation_set_modified (annotation, FIXTURE_TIME);
      g_assert_true (mg_annotation_store_add (store, annotation, &error));
      g_assert_no_error (error);
    }

  write_pdf (store, &pdf);
  pages = pdf_pages (pdf.path);
  g_test_message ("%u pages", pages);
  g_assert_cmpuint (pages, >, 10);

  text = pdf_text (pdf.path);
  g_assert_true (has_footer (text, 1, pages));
  g_assert_true (has_footer (text, pages / 2, pages));
  g_assert_true (has_footer (text, pages, pages));
  /* One form feed per page: no page is empty of text. */
  {
    guint n_ff = 0;

    for (const char *p = text; *p != '\0'; p++)
      n_ff += *p == '\f';
    g_assert_cmpuint (n_ff, ==, pages);
  }
}

/* The layout for printing: as many pages as the PDF, each with ink on it. */
static void
test_print_pages (void)
{
  g_autoptr(MgAnnotationStore) store = fixture_store_zh ();
  g_autoptr(GError) error = NULL;
  g_autoptr(MgSummary) summary = mg_summary_new (store, NULL, &error);
  g_autoptr(MgPdfPages) pages = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_auto(PdfFile) pdf = { 0 };
  double width, height;
  guint n;

  g_assert_no_error (error);
  pages = mg_pdf_pages_new (summary, NULL, &error);
  g_assert_no_error (error);
  n = mg_pdf_pages_get_n_pages (pages);
  g_assert_cmpuint (n, >=, 1);
  mg_pdf_pages_get_size (&width, &height);
  g_assert_cmpfloat_with_epsilon (width, 595.2756, 0.01);
  g_assert_cmpfloat_with_epsilon (height, 841.8898, 0.01);

  for (guint i = 0; i < n; i++)
    {
      cairo_surface_t *image = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 298, 421);
      cairo_t *cr = cairo_create (image);
      const guint8 *data;
      int stride;
      guint dark = 0;

      cairo_set_source_rgb (cr, 1, 1, 1);
      cairo_paint (cr);
      cairo_scale (cr, 0.5, 0.5);
      mg_pdf_pages_draw (pages, cr, i);
      cairo_destroy (cr);
      cairo_surface_flush (image);
      data = cairo_image_surface_get_data (image);
      stride = cairo_image_surface_get_stride (image);
      for (int y = 0; y < 421; y++)
        for (int x = 0; x < 298; x++)
          dark += (data[y * stride + 4 * x] < 128);
      g_assert_cmpuint (dark, >, 100);
      cairo_surface_destroy (image);
    }

  if (have_poppler ())
    {
      write_pdf (store, &pdf);
      g_assert_cmpuint (pdf_pages (pdf.path), ==, n);
    }

  g_cancellable_cancel (cancellable);
  g_assert_null (mg_pdf_pages_new (summary, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/export-pdf/cjk", test_cjk);
  g_test_add_func ("/export-pdf/paginates", test_paginates);
  g_test_add_func ("/export-pdf/print-pages", test_print_pages);

  return g_test_run ();
}
