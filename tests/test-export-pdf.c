/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gstdio.h>

#include "export-fixture.h"
#include "mg-export.h"
#include "mg-export-pdf.h"
#include "mg-pdf-layout.h"
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
      /* Ink above the footer: the last page may hold one short quote. */
      for (int y = 0; y < 392; y++)
        for (int x = 0; x < 298; x++)
          dark += (data[y * stride + 4 * x] < 128);
      g_assert_cmpuint (dark, >, 20);
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

/* What poppler says on standard error while drawing every page: nothing
 * for a well-formed file. */
static char *
render_errors (const char *path)
{
  g_autofree char *dir = g_dir_make_tmp ("mg-pdf-render-XXXXXX", NULL);
  g_autofree char *prefix = g_build_filename (dir, "page", NULL);
  const char *argv[] = { "pdftoppm", "-r", "12", "-png", path, prefix, NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) listing = NULL;
  char *err = NULL;
  const char *name;
  int status;

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL,
                               NULL, NULL, NULL, &err, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  listing = g_dir_open (dir, 0, NULL);
  while (listing != NULL && (name = g_dir_read_name (listing)) != NULL)
    {
      g_autofree char *file = g_build_filename (dir, name, NULL);

      g_unlink (file);
    }
  g_rmdir (dir);
  return err;
}

static guint
count_occurrences (const char *haystack,
                   gsize       length,
                   const char *needle)
{
  guint n = 0;

  for (const char *p = haystack; (p = memmem (p, length - (gsize) (p - haystack), needle, strlen (needle))) != NULL; p++)
    n++;
  return n;
}

/* The file Marginalia writes itself: well-formed for poppler, its fonts
 * embedded as subsets with the text of their glyphs, a bookmark per
 * section, the language and title set, the same bytes every time. */
static void
test_structure (void)
{
  g_autoptr(MgAnnotationStore) store = fixture_store_zh ();
  g_autoptr(GError) error = NULL;
  g_autoptr(MgSummary) summary = mg_summary_new (store, NULL, &error);
  g_autoptr(MgPdfPages) pages = NULL;
  g_auto(PdfFile) pdf = { 0 };
  g_auto(PdfFile) again = { 0 };
  g_autofree char *errors = NULL;
  g_autofree char *fonts = NULL;
  g_autofree char *info = NULL;
  g_autofree char *bytes = NULL;
  g_autofree char *bytes_again = NULL;
  gsize length, length_again;
  guint sections;

  if (!have_poppler ())
    return;
  g_assert_no_error (error);
  pages = mg_pdf_pages_new (summary, NULL, &error);
  g_assert_no_error (error);
  g_assert_false (mg_pdf_pages_uses_pango (pages));

  write_pdf (store, &pdf);
  errors = render_errors (pdf.path);
  g_assert_cmpstr (errors, ==, "");

  fonts = run_tool ("pdffonts", pdf.path, NULL, NULL);
  g_test_message ("%s", fonts);
  /* Regular and bold, each embedded, subset, with a ToUnicode map. */
  g_assert_cmpuint (count_occurrences (fonts, strlen (fonts), "Identity-H       yes yes yes"), ==, 2);
  g_assert_nonnull (strstr (fonts, "+NotoSansCJKsc-Regular"));
  g_assert_nonnull (strstr (fonts, "+NotoSansCJKsc-Bold"));

  info = run_tool ("pdfinfo", pdf.path, NULL, NULL);
  g_assert_nonnull (strstr (info, "Title:           在全市高质量发展推进大会上的讲话"));
  g_assert_nonnull (strstr (info, "Creator:         Marginalia"));

  g_assert_true (g_file_get_contents (pdf.path, &bytes, &length, NULL));
  /* Counts, statistics, key quotes, groups. */
  sections = 2 + (mg_summary_get_starred (summary)->len > 0 ? 1 : 0) + mg_summary_get_n_groups (summary);
  g_assert_cmpuint (count_occurrences (bytes, length, "/Type /Outlines"), ==, 1);
  g_assert_cmpuint (count_occurrences (bytes, length, "/Dest ["), ==, sections);
  g_assert_cmpuint (count_occurrences (bytes, length, "/Lang <FEFF"), ==, 1);

  write_pdf (store, &again);
  g_assert_true (g_file_get_contents (again.path, &bytes_again, &length_again, NULL));
  g_assert_cmpuint (length, ==, length_again);
  g_assert_true (memcmp (bytes, bytes_again, length) == 0);
}

/* A character the main face lacks comes from another face, embedded too. */
static void
test_fallback_face (void)
{
  g_autoptr(MgAnnotationStore) store = fixture_store_en ();
  g_auto(PdfFile) pdf = { 0 };
  g_autofree char *fonts = NULL;
  g_autofree char *text = NULL;

  if (!have_poppler ())
    return;
  fixture_add (store, "5e0f2d3a-7b1c-4e8f-a2b4-0000000000f0", "6.8 percent", "slogan",
                            "Chess: \xe2\x99\x94 and a face \xf0\x9f\x98\x80", FALSE, "Ann Lee");
  write_pdf (store, &pdf);
  fonts = run_tool ("pdffonts", pdf.path, NULL, NULL);
  g_test_message ("%s", fonts);
  text = pdf_text (pdf.path);
  g_assert_nonnull (strstr (text, "Chess: \xe2\x99\x94 and a face \xf0\x9f\x98\x80"));
  /* More faces than the regular and bold one, all embedded. */
  g_assert_cmpuint (count_occurrences (fonts, strlen (fonts), " yes yes yes"), >, 2);
  g_assert_null (strstr (fonts, " no  "));
}

/* The first bar of @color (a tag's bar comes before the members'). */
static const MgPdfOp *
first_bar (MgPdfLayout *layout,
           const char  *color)
{
  double r, g, b;
  guint n_ops;
  const MgPdfOp *ops = mg_pdf_layout_get_ops (layout, 0, &n_ops);

  mg_pdf_parse_color (color, &r, &g, &b);
  for (guint i = 0; i < n_ops; i++)
    if (ops[i].kind == MG_PDF_OP_RECT && ops[i].height == 7.0f
        && fabs (ops[i].r - r) < 1e-3 && fabs (ops[i].g - g) < 1e-3 && fabs (ops[i].b - b) < 1e-3)
      return &ops[i];
  return NULL;
}

/* The statistics figure: a section after the counts, bars in the tags'
 * colours as long as their counts, in both layouts. */
static void
test_statistics (void)
{
  g_autoptr(MgAnnotationStore) store = fixture_store_zh ();
  g_autoptr(GError) error = NULL;
  g_autoptr(MgSummary) summary = mg_summary_new (store, NULL, &error);
  g_autoptr(MgPdfLayout) layout = NULL;
  g_auto(PdfFile) pdf = { 0 };
  MgExportJob job = { 0 };
  const MgPdfOp *figure, *policy, *slogan;

  g_assert_no_error (error);
  layout = mg_pdf_layout_new (summary, &job, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (mg_pdf_layout_get_bookmark (layout, 1)->title, ==, "Statistics");

  /* Figure 3, policy goal 2, slogan 2: one left edge, lengths 3 : 2. */
  figure = first_bar (layout, "#2ec27e");
  policy = first_bar (layout, "#3584e4");
  slogan = first_bar (layout, "#e66100");
  g_assert_nonnull (figure);
  g_assert_nonnull (policy);
  g_assert_nonnull (slogan);
  g_assert_cmpfloat_with_epsilon (figure->x, policy->x, 0.01);
  g_assert_cmpfloat_with_epsilon (policy->width / figure->width, 2.0 / 3.0, 0.001);
  g_assert_cmpfloat_with_epsilon (slogan->width, policy->width, 0.01);
  g_assert_true (policy->y < figure->y && figure->y < slogan->y);
  /* Within the page. */
  g_assert_cmpfloat (figure->x + figure->width, <=, MG_PDF_PAGE_WIDTH - MG_PDF_MARGIN + 0.01);

  if (!have_poppler ())
    return;
  write_pdf (store, &pdf);
  {
    g_autofree char *text = pdf_text (pdf.path);
    const char *statistics = strstr (text, "Statistics");

    g_assert_nonnull (statistics);
    g_assert_nonnull (strstr (statistics, "Annotations per tag"));
    g_assert_nonnull (strstr (statistics, "Annotations per member and tag"));
    g_assert_nonnull (strstr (statistics, "Where in the speech"));
    g_assert_nonnull (strstr (statistics, "Wang Fang"));
  }
}

/* Text in a script that needs shaping takes the Pango layout. */
static void
test_pango_layout (void)
{
  g_autoptr(MgAnnotationStore) store = fixture_store_en ();
  g_autoptr(GError) error = NULL;
  g_autoptr(MgSummary) summary = NULL;
  g_autoptr(MgPdfPages) pages = NULL;
  g_auto(PdfFile) pdf = { 0 };
  g_autofree char *text = NULL;
  g_autofree char *errors = NULL;

  if (!have_poppler ())
    return;
  fixture_add (store, "5e0f2d3a-7b1c-4e8f-a2b4-0000000000f1", "6.8 percent", "figure",
                            "Arabic: \xd9\x85\xd8\xb1\xd8\xad\xd8\xa8\xd8\xa7 end", FALSE, "Ann Lee");
  summary = mg_summary_new (store, NULL, &error);
  g_assert_no_error (error);
  pages = mg_pdf_pages_new (summary, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (mg_pdf_pages_uses_pango (pages));

  write_pdf (store, &pdf);
  g_assert_cmpuint (pdf_pages (pdf.path), ==, mg_pdf_pages_get_n_pages (pages));
  text = pdf_text (pdf.path);
  g_assert_nonnull (strstr (text, "41 billion dollars"));
  g_assert_nonnull (strstr (text, "Arabic:"));
  /* The statistics figure's labels. */
  g_assert_nonnull (strstr (text, "Annotations per member and tag"));
  g_assert_nonnull (strstr (text, "Untagged highlights"));
  errors = render_errors (pdf.path);
  g_assert_cmpstr (errors, ==, "");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/export-pdf/cjk", test_cjk);
  g_test_add_func ("/export-pdf/paginates", test_paginates);
  g_test_add_func ("/export-pdf/print-pages", test_print_pages);
  g_test_add_func ("/export-pdf/statistics", test_statistics);
  g_test_add_func ("/export-pdf/structure", test_structure);
  g_test_add_func ("/export-pdf/fallback-face", test_fallback_face);
  g_test_add_func ("/export-pdf/pango-layout", test_pango_layout);

  return g_test_run ();
}
