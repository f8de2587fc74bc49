/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Marginalia"
#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <libdeflate.h>

#include "mg-pdf-file.h"

/* Where objects are written: the file, or the pages a worker thread
 * writes on its own. */
typedef struct
{
  GString            *out;
  GArray             *objects;    /* of ObjectOffset */
  struct libdeflate_compressor *compressor;
  GByteArray         *packed;
  GString            *content;
} PdfOut;

typedef struct
{
  guint number;
  gsize offset;
} ObjectOffset;

typedef struct
{
  MgPdfLayout        *layout;
  MgPdfShaper        *shaper;
  PdfOut              file;
  GString            *out;        /* file.out */
  guint               n_pages;
  guint               first_page; /* object number of page 0; its content follows it */
  guint              *font_objects; /* per shaper font: its Type0 object, 0 when unused */
  gint16            **widths;     /* per shaper font: width per gid, -1 unknown */
  guint               next_object;
} PdfFile;

/* The advance of @gid in the PDF's font, thousandths of an em. */
static inline int
pdf_font_width (PdfFile   *pdf,
                guint      font,
                MgPdfFont *face,
                guint      gid)
{
  gint16 width = pdf->widths[font][gid];

  return width >= 0 ? width : mg_pdf_font_get_width (face, gid);
}

#define PAGES_PER_STEP 16

static const char hex_digits[] = "0123456789ABCDEF";

/* Appends @value with at most two decimals. */
static void
pdf_append_number (GString *out,
                   double   value)
{
  gint64 hundredths = (gint64) llround (value * 100.0);
  char digits[24];
  int n = 0;
  gint64 whole;
  int fraction;

  if (hundredths < 0)
    {
      g_string_append_c (out, '-');
      hundredths = -hundredths;
    }
  whole = hundredths / 100;
  fraction = (int) (hundredths % 100);
  do
    {
      digits[n++] = (char) ('0' + whole % 10);
      whole /= 10;
    }
  while (whole > 0);
  while (n > 0)
    g_string_append_c (out, digits[--n]);
  if (fraction != 0)
    {
      g_string_append_c (out, '.');
      g_string_append_c (out, (char) ('0' + fraction / 10));
      if (fraction % 10 != 0)
        g_string_append_c (out, (char) ('0' + fraction % 10));
    }
}

static void
pdf_append_hex4 (GString *out,
                 guint    code)
{
  char hex[4] = {
    hex_digits[(code >> 12) & 15], hex_digits[(code >> 8) & 15],
    hex_digits[(code >> 4) & 15], hex_digits[code & 15],
  };

  g_string_append_len (out, hex, 4);
}

/* A text string: UTF-16BE with a byte order mark, in hex. */
static void
append_text_string (GString    *out,
                    const char *text)
{
  g_autofree gunichar2 *utf16 = g_utf8_to_utf16 (text, -1, NULL, NULL, NULL);

  g_string_append (out, "<FEFF");
  for (guint i = 0; utf16 != NULL && utf16[i] != 0; i++)
    pdf_append_hex4 (out, utf16[i]);
  g_string_append_c (out, '>');
}

static void
pdf_out_init (PdfOut  *o,
              GString *out)
{
  o->out = out;
  o->objects = g_array_new (FALSE, FALSE, sizeof (ObjectOffset));
  /* Speed over size: the content streams are most of the file, and
   * libdeflate's fastest level packs them about as well as zlib's
   * default in a fraction of the time. */
  o->compressor = libdeflate_alloc_compressor (1);
  o->packed = g_byte_array_new ();
  o->content = g_string_new (NULL);
}

static void
pdf_out_clear (PdfOut *o)
{
  g_clear_pointer (&o->objects, g_array_unref);
  g_clear_pointer (&o->compressor, libdeflate_free_compressor);
  g_clear_pointer (&o->packed, g_byte_array_unref);
  if (o->content != NULL)
    g_string_free (o->content, TRUE);
  o->content = NULL;
}

static void
pdf_begin_object (PdfOut *o,
                  guint   number)
{
  ObjectOffset object = { number, o->out->len };

  g_array_append_val (o->objects, object);
  g_string_append_printf (o->out, "%u 0 obj\n", number);
}

static guint
pdf_new_object (PdfFile *pdf)
{
  return pdf->next_object++;
}

static gboolean
deflate_data (PdfOut        *pdf,
              const guint8  *data,
              gsize          length,
              GError       **error)
{
  gsize bound;
  gsize packed;

  if (pdf->compressor == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE, _("Out of memory"));
      return FALSE;
    }
  bound = libdeflate_zlib_compress_bound (pdf->compressor, length);
  g_byte_array_set_size (pdf->packed, (guint) bound);
  packed = libdeflate_zlib_compress (pdf->compressor, data, length, pdf->packed->data, bound);
  if (packed == 0)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("Could not compress the PDF"));
      return FALSE;
    }
  g_byte_array_set_size (pdf->packed, (guint) packed);
  return TRUE;
}

/* A stream object from @data, compressed; @extra goes into its dictionary. */
static gboolean
pdf_write_stream (PdfOut        *pdf,
                  guint          number,
                  const guint8  *data,
                  gsize          length,
                  const char    *extra,
                  GError       **error)
{
  if (!deflate_data (pdf, data, length, error))
    return FALSE;
  pdf_begin_object (pdf, number);
  g_string_append_printf (pdf->out, "<< /Length %u /Filter /FlateDecode%s >>\nstream\n",
                          pdf->packed->len, extra != NULL ? extra : "");
  g_string_append_len (pdf->out, (const char *) pdf->packed->data, pdf->packed->len);
  g_string_append (pdf->out, "\nendstream\nendobj\n");
  return TRUE;
}

static inline char *
put_integer (char *p,
             long  value)
{
  char digits[24];
  int n = 0;
  unsigned long magnitude = value < 0 ? 0UL - (unsigned long) value : (unsigned long) value;

  if (value < 0)
    *p++ = '-';
  do
    {
      digits[n++] = (char) ('0' + magnitude % 10);
      magnitude /= 10;
    }
  while (magnitude > 0);
  while (n > 0)
    *p++ = digits[--n];
  return p;
}

/* Appends the two bytes of @code to a literal string, escaped. */
static inline char *
put_code (char  *p,
          guint  code)
{
  char bytes[2] = { (char) (code >> 8), (char) (code & 0xff) };

  for (guint i = 0; i < 2; i++)
    {
      switch (bytes[i])
        {
        case '(': case ')': case '\\':
          *p++ = '\\';
          *p++ = bytes[i];
          break;
        case '\r':
          *p++ = '\\';
          *p++ = 'r';
          break;
        default:
          *p++ = bytes[i];
          break;
        }
    }
  return p;
}

/* One run of glyphs: its position, then the codes in a literal string,
 * with a kerning adjustment wherever a glyph's advance differs from its
 * width in the font. */
/* Moves the text position from @at (as the PDF reader will have it,
 * rounded as written) to @x, @y with a Td. */
static void
append_move (GString *c,
             double   at[2],
             double   x,
             double   y)
{
  double dx = round ((x - at[0]) * 100.0) / 100.0;
  double dy = round ((y - at[1]) * 100.0) / 100.0;

  pdf_append_number (c, dx);
  g_string_append_c (c, ' ');
  pdf_append_number (c, dy);
  g_string_append (c, " Td\n");
  at[0] += dx;
  at[1] += dy;
}

static void
append_text_op (PdfFile       *pdf,
                PdfOut        *o,
                const MgPdfOp *op,
                double         at[2])
{
  const MgPdfGlyph *glyphs = mg_pdf_layout_get_glyphs (pdf->layout) + op->first;
  MgPdfFont *face = mg_pdf_shaper_get_font (pdf->shaper, op->font);
  double to_thousandths = 1000.0 / mg_pdf_font_get_units_per_em (face);
  GString *c = o->content;
  double drift = 0.0;    /* where the PDF puts the next glyph, less where it belongs */
  gboolean in_string = FALSE;
  gsize used;
  char *p;

  append_move (c, at, op->x, MG_PDF_PAGE_HEIGHT - op->y);
  g_string_append_c (c, '[');

  /* At most 4 bytes a glyph, and 16 for an adjustment before it. */
  used = c->len;
  g_string_set_size (c, used + (gsize) op->n_glyphs * 24 + 8);
  p = c->str + used;
  for (guint k = 0; k < op->n_glyphs; k++)
    {
      const MgPdfGlyph *glyph = &glyphs[k];

      if (fabs (drift) >= 0.5)
        {
          long adjust = lround (drift);

          if (in_string)
            *p++ = ')';
          p = put_integer (p, adjust);
          drift -= (double) adjust;
          in_string = FALSE;
        }
      if (!in_string)
        *p++ = '(';
      in_string = TRUE;
      p = put_code (p, mg_pdf_font_get_code (face, glyph->gid));
      drift += pdf_font_width (pdf, op->font, face, glyph->gid) - glyph->advance * to_thousandths;
    }
  if (in_string)
    *p++ = ')';
  g_string_truncate (c, (gsize) (p - c->str));
  g_string_append (c, "]TJ\n");
}

static gboolean
write_page (PdfFile  *pdf,
            PdfOut   *o,
            guint     page,
            GError  **error)
{
  guint n_ops;
  const MgPdfOp *ops = mg_pdf_layout_get_ops (pdf->layout, page, &n_ops);
  GString *c = o->content;
  guint font = G_MAXUINT;
  double size = -1.0;
  double gray = -1.0;
  double color[3] = { -1.0, -1.0, -1.0 };
  double at[2] = { 0.0, 0.0 };
  guint number = pdf->first_page + 2 * page;

  g_string_truncate (c, 0);
  for (guint i = 0; i < n_ops; i++)
    if (ops[i].kind == MG_PDF_OP_RECT)
      {
        if (ops[i].r != color[0] || ops[i].g != color[1] || ops[i].b != color[2])
          {
            color[0] = ops[i].r;
            color[1] = ops[i].g;
            color[2] = ops[i].b;
            pdf_append_number (c, ops[i].r);
            g_string_append_c (c, ' ');
            pdf_append_number (c, ops[i].g);
            g_string_append_c (c, ' ');
            pdf_append_number (c, ops[i].b);
            g_string_append (c, " rg\n");
          }
        pdf_append_number (c, ops[i].x);
        g_string_append_c (c, ' ');
        pdf_append_number (c, MG_PDF_PAGE_HEIGHT - ops[i].y - ops[i].height);
        g_string_append_c (c, ' ');
        pdf_append_number (c, ops[i].width);
        g_string_append_c (c, ' ');
        pdf_append_number (c, ops[i].height);
        g_string_append (c, " re f\n");
      }
  g_string_append (c, "BT\n");
  for (guint i = 0; i < n_ops; i++)
    {
      const MgPdfOp *op = &ops[i];

      if (op->kind != MG_PDF_OP_TEXT || op->n_glyphs == 0)
        continue;
      if (op->font != font || op->size != size)
        {
          font = op->font;
          size = op->size;
          g_string_append_printf (c, "/F%u ", font);
          pdf_append_number (c, size);
          g_string_append (c, " Tf\n");
        }
      if (op->r != gray)
        {
          gray = op->r;
          pdf_append_number (c, gray);
          g_string_append (c, " g\n");
        }
      append_text_op (pdf, o, op, at);
    }
  g_string_append (c, "ET\n");

  pdf_begin_object (o, number);
  g_string_append_printf (o->out,
                          "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %s %s] /Resources 4 0 R /Contents %u 0 R >>\nendobj\n",
                          "595.2756", "841.8898", number + 1);
  return pdf_write_stream (o, number + 1, (const guint8 *) c->str, c->len, NULL, error);
}

static guint
write_bookmarks (PdfFile *pdf)
{
  guint n = mg_pdf_layout_get_n_bookmarks (pdf->layout);
  guint root;
  guint first;

  if (n == 0)
    return 0;
  root = pdf_new_object (pdf);
  first = pdf->next_object;
  pdf->next_object += n;
  pdf_begin_object (&pdf->file, root);
  g_string_append_printf (pdf->out, "<< /Type /Outlines /First %u 0 R /Last %u 0 R /Count %u >>\nendobj\n",
                          first, first + n - 1, n);
  for (guint i = 0; i < n; i++)
    {
      const MgPdfBookmark *bookmark = mg_pdf_layout_get_bookmark (pdf->layout, i);

      pdf_begin_object (&pdf->file, first + i);
      g_string_append (pdf->out, "<< /Title ");
      append_text_string (pdf->out, bookmark->title);
      g_string_append_printf (pdf->out, " /Parent %u 0 R", root);
      if (i > 0)
        g_string_append_printf (pdf->out, " /Prev %u 0 R", first + i - 1);
      if (i + 1 < n)
        g_string_append_printf (pdf->out, " /Next %u 0 R", first + i + 1);
      g_string_append_printf (pdf->out, " /Dest [%u 0 R /XYZ 0 ", pdf->first_page + 2 * bookmark->page);
      pdf_append_number (pdf->out, MG_PDF_PAGE_HEIGHT - bookmark->y + 4.0);
      g_string_append (pdf->out, " null] >>\nendobj\n");
    }
  return root;
}

/* "2026-11-28T09:12:44Z" → "D:20261128091244Z". */
static char *
pdf_date (const char *rfc3339)
{
  g_autoptr(GDateTime) date = rfc3339 != NULL ? g_date_time_new_from_iso8601 (rfc3339, NULL) : NULL;
  g_autoptr(GDateTime) utc = date != NULL ? g_date_time_to_utc (date) : NULL;

  return utc != NULL ? g_date_time_format (utc, "D:%Y%m%d%H%M%SZ") : NULL;
}

static void
write_trailer (PdfFile             *pdf,
               const MgPdfFileInfo *info,
               guint                outlines)
{
  g_autofree char *date = pdf_date (info->date);
  g_autofree char *id = NULL;
  g_autofree gsize *offsets = NULL;
  gsize xref;

  pdf_begin_object (&pdf->file, 1);
  g_string_append (pdf->out, "<< /Type /Catalog /Pages 2 0 R /ViewerPreferences << /DisplayDocTitle true >>");
  if (outlines != 0)
    g_string_append_printf (pdf->out, " /Outlines %u 0 R", outlines);
  if (info->language != NULL)
    {
      g_string_append (pdf->out, " /Lang ");
      append_text_string (pdf->out, info->language);
    }
  g_string_append (pdf->out, " >>\nendobj\n");

  pdf_begin_object (&pdf->file, 2);
  g_string_append_printf (pdf->out, "<< /Type /Pages /Count %u /Kids [", pdf->n_pages);
  for (guint i = 0; i < pdf->n_pages; i++)
    g_string_append_printf (pdf->out, "%s%u 0 R", i % 16 == 0 ? "\n" : " ", pdf->first_page + 2 * i);
  g_string_append (pdf->out, "] >>\nendobj\n");

  pdf_begin_object (&pdf->file, 3);
  g_string_append (pdf->out, "<< /Title ");
  append_text_string (pdf->out, info->title != NULL ? info->title : "");
  g_string_append (pdf->out, " /Creator (Marginalia) /Producer (Marginalia)");
  if (date != NULL)
    g_string_append_printf (pdf->out, " /CreationDate (%s) /ModDate (%s)", date, date);
  g_string_append (pdf->out, " >>\nendobj\n");

  pdf_begin_object (&pdf->file, 4);
  g_string_append (pdf->out, "<< /ProcSet [/PDF /Text] /Font <<");
  for (guint i = 0; i < mg_pdf_shaper_get_n_fonts (pdf->shaper); i++)
    if (pdf->font_objects[i] != 0)
      g_string_append_printf (pdf->out, " /F%u %u 0 R", i, pdf->font_objects[i]);
  g_string_append (pdf->out, " >> >>\nendobj\n");

  id = g_compute_checksum_for_data (G_CHECKSUM_MD5, (const guchar *) pdf->out->str, pdf->out->len);
  xref = pdf->out->len;
  offsets = g_new0 (gsize, pdf->next_object);
  for (guint i = 0; i < pdf->file.objects->len; i++)
    {
      const ObjectOffset *object = &g_array_index (pdf->file.objects, ObjectOffset, i);

      offsets[object->number] = object->offset;
    }
  g_string_append_printf (pdf->out, "xref\n0 %u\n0000000000 65535 f \n", pdf->next_object);
  for (guint i = 1; i < pdf->next_object; i++)
    g_string_append_printf (pdf->out, "%010" G_GSIZE_FORMAT " 00000 n \n", offsets[i]);
  g_string_append_printf (pdf->out,
                          "trailer\n<< /Size %u /Root 1 0 R /Info 3 0 R /ID [<%s> <%s>] >>\n"
                          "startxref\n%" G_GSIZE_FORMAT "\n%%%%EOF\n",
                          pdf->next_object, id, id, xref);
}

/* Pages written by a second thread into a buffer of their own, appended
 * to the file afterwards. */
typedef struct
{
  PdfFile      *pdf;
  PdfOut        out;
  guint         from;
  guint         to;
  GCancellable *cancellable;
  GError       *error;
  gint          stop;      /* atomic: the other half failed */
} PageBatch;

static gpointer
write_batch (gpointer data)
{
  PageBatch *batch = data;

  for (guint p = batch->from; p < batch->to && !g_atomic_int_get (&batch->stop); p++)
    {
      if (g_cancellable_set_error_if_cancelled (batch->cancellable, &batch->error)
          || !write_page (batch->pdf, &batch->out, p, &batch->error))
        break;
    }
  return NULL;
}

static gboolean
write_pages (PdfFile      *pdf,
             MgExportJob  *job,
             GError      **error)
{
  PageBatch batch = { 0 };
  GThread *thread = NULL;
  guint split = pdf->n_pages;
  gboolean ok = TRUE;

  /* The second half of a long PDF goes to a second thread. */
  if (pdf->n_pages >= 16 && g_get_num_processors () > 1)
    {
      split = pdf->n_pages / 2;
      batch.pdf = pdf;
      batch.from = split;
      batch.to = pdf->n_pages;
      batch.cancellable = job != NULL ? job->cancellable : NULL;
      pdf_out_init (&batch.out, g_string_new (NULL));
      thread = g_thread_try_new ("mg-pdf-pages", write_batch, &batch, NULL);
      if (thread == NULL)
        {
          pdf_out_clear (&batch.out);
          g_string_free (batch.out.out, TRUE);
          split = pdf->n_pages;
        }
    }

  for (guint p = 0; ok && p < split; p++)
    {
      ok = write_page (pdf, &pdf->file, p, error);
      if (ok && (p + 1) % PAGES_PER_STEP == 0)
        ok = _mg_export_job_step (job, error);
    }

  if (thread != NULL)
    {
      /* A failure here stops the other half too. */
      if (!ok)
        g_atomic_int_set (&batch.stop, 1);
      g_thread_join (thread);
      if (ok && batch.error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&batch.error));
          ok = FALSE;
        }
      if (ok)
        {
          gsize base = pdf->out->len;

          g_string_append_len (pdf->out, batch.out.out->str, (gssize) batch.out.out->len);
          for (guint i = 0; i < batch.out.objects->len; i++)
            {
              ObjectOffset object = g_array_index (batch.out.objects, ObjectOffset, i);

              object.offset += base;
              g_array_append_val (pdf->file.objects, object);
            }
          for (guint p = split; ok && p < pdf->n_pages; p++)
            if ((p + 1) % PAGES_PER_STEP == 0)
              ok = _mg_export_job_step (job, error);
        }
      g_clear_error (&batch.error);
      pdf_out_clear (&batch.out);
      g_string_free (batch.out.out, TRUE);
    }
  return ok;
}

/* The embedded faces. */

static void
prefill_width (guint       code,
               guint       gid,
               const char *text,
               gpointer    data)
{
  gpointer *closure = data;
  gint16 *widths = closure[0];

  widths[gid] = (gint16) CLAMP (mg_pdf_font_get_width (closure[1], gid), 0, G_MAXINT16);
}

/* The widths of the glyphs of @font in use, looked up before the pages are
 * written (by more than one thread). */
static void
pdf_prefill_widths (PdfFile *pdf,
                    guint    font)
{
  MgPdfFont *face = mg_pdf_shaper_get_font (pdf->shaper, font);
  gpointer closure[2] = { NULL, face };

  pdf->widths[font] = g_new (gint16, 65536);
  memset (pdf->widths[font], 0xff, 65536 * sizeof (gint16));
  closure[0] = pdf->widths[font];
  mg_pdf_font_foreach_glyph (face, prefill_width, closure);
  pdf->widths[font][0] = (gint16) CLAMP (mg_pdf_font_get_width (face, 0), 0, G_MAXINT16);
}

typedef struct
{
  GString *widths;
  GString *cmap;
  guint    n_mappings;
  guint    run_code;   /* the code the open run of /W widths started at */
  guint    last_code;
  gboolean open;
  PdfFile *pdf;
  guint    font;
  MgPdfFont *face;
  GString *mappings;
} FontGlyphs;

static void
flush_mappings (FontGlyphs *fg)
{
  if (fg->n_mappings == 0)
    return;
  g_string_append_printf (fg->cmap, "%u beginbfchar\n%sendbfchar\n", fg->n_mappings, fg->mappings->str);
  g_string_truncate (fg->mappings, 0);
  fg->n_mappings = 0;
}

static void
collect_glyph (guint       code,
               guint       gid,
               const char *text,
               gpointer    data)
{
  FontGlyphs *fg = data;
  int width = pdf_font_width (fg->pdf, fg->font, fg->face, gid);

  if (fg->open && code == fg->last_code + 1)
    g_string_append_printf (fg->widths, " %d", width);
  else
    {
      if (fg->open)
        g_string_append (fg->widths, "]");
      g_string_append_printf (fg->widths, " %u [%d", code, width);
      fg->open = TRUE;
      fg->run_code = code;
    }
  fg->last_code = code;

  if (*text != '\0')
    {
      g_autofree gunichar2 *utf16 = g_utf8_to_utf16 (text, -1, NULL, NULL, NULL);

      if (utf16 != NULL)
        {
          g_string_append_c (fg->mappings, '<');
          pdf_append_hex4 (fg->mappings, code);
          g_string_append (fg->mappings, "> <");
          for (guint i = 0; utf16[i] != 0; i++)
            pdf_append_hex4 (fg->mappings, utf16[i]);
          g_string_append (fg->mappings, ">\n");
          if (++fg->n_mappings == 100)
            flush_mappings (fg);
        }
    }
}

/* Six capital letters naming the subset, the same for the same glyphs. */
static void
subset_tag (GBytes *program,
            char    tag[8])
{
  g_autofree char *sum = g_compute_checksum_for_bytes (G_CHECKSUM_SHA1, program);

  for (guint i = 0; i < 6; i++)
    tag[i] = (char) ('A' + (g_ascii_xdigit_value (sum[2 * i]) * 16 + g_ascii_xdigit_value (sum[2 * i + 1])) % 26);
  tag[6] = '+';
  tag[7] = '\0';
}

static gboolean
pdf_write_font (PdfFile  *pdf,
                guint     font,
                GError  **error)
{
  MgPdfFont *face = mg_pdf_shaper_get_font (pdf->shaper, font);
  gboolean cff = mg_pdf_font_get_format (face) == MG_PDF_FONT_CFF;
  guint type0 = pdf->font_objects[font];
  guint cid = pdf_new_object (pdf), descriptor = pdf_new_object (pdf), file = pdf_new_object (pdf), to_unicode = pdf_new_object (pdf);
  double scale = 1000.0 / mg_pdf_font_get_units_per_em (face);
  g_autoptr(GBytes) program = mg_pdf_font_write_subset (face, error);
  FontGlyphs fg = { g_string_new (NULL), g_string_new (NULL), 0, 0, 0, FALSE, pdf, font, face, g_string_new (NULL) };
  g_autofree char *extra = NULL;
  char tag[8];
  int ascender, descender, cap_height, bbox[4];
  gboolean ok;

  if (program == NULL)
    return FALSE;
  subset_tag (program, tag);
  mg_pdf_font_get_metrics (face, &ascender, &descender, &cap_height, bbox);
  g_string_append (fg.cmap,
                   "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
                   "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
                   "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
                   "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n");
  mg_pdf_font_foreach_glyph (face, collect_glyph, &fg);
  if (fg.open)
    g_string_append (fg.widths, "]");
  flush_mappings (&fg);
  g_string_append (fg.cmap, "endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n");

  pdf_begin_object (&pdf->file, type0);
  g_string_append_printf (pdf->out,
                          "<< /Type /Font /Subtype /Type0 /BaseFont /%s%s /Encoding /Identity-H "
                          "/DescendantFonts [%u 0 R] /ToUnicode %u 0 R >>\nendobj\n",
                          tag, mg_pdf_font_get_name (face), cid, to_unicode);
  pdf_begin_object (&pdf->file, cid);
  g_string_append_printf (pdf->out,
                          "<< /Type /Font /Subtype /%s /BaseFont /%s%s "
                          "/CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> "
                          "/FontDescriptor %u 0 R /DW 1000 /W [%s ]%s >>\nendobj\n",
                          cff ? "CIDFontType0" : "CIDFontType2", tag, mg_pdf_font_get_name (face),
                          descriptor, fg.widths->str, cff ? "" : " /CIDToGIDMap /Identity");
  pdf_begin_object (&pdf->file, descriptor);
  g_string_append_printf (pdf->out,
                          "<< /Type /FontDescriptor /FontName /%s%s /Flags 4 /FontBBox [%d %d %d %d] "
                          "/ItalicAngle 0 /Ascent %d /Descent %d /CapHeight %d /StemV %d /%s %u 0 R >>\nendobj\n",
                          tag, mg_pdf_font_get_name (face),
                          (int) (bbox[0] * scale), (int) (bbox[1] * scale), (int) (bbox[2] * scale), (int) (bbox[3] * scale),
                          (int) (ascender * scale), (int) (descender * scale), (int) (cap_height * scale),
                          mg_pdf_font_is_bold (face) ? 140 : 80, cff ? "FontFile3" : "FontFile2", file);
  extra = cff ? g_strdup (" /Subtype /CIDFontType0C")
              : g_strdup_printf (" /Length1 %" G_GSIZE_FORMAT, g_bytes_get_size (program));
  ok = pdf_write_stream (&pdf->file, file, g_bytes_get_data (program, NULL), g_bytes_get_size (program), extra, error)
       && pdf_write_stream (&pdf->file, to_unicode, (const guint8 *) fg.cmap->str, fg.cmap->len, NULL, error);
  g_string_free (fg.widths, TRUE);
  g_string_free (fg.cmap, TRUE);
  g_string_free (fg.mappings, TRUE);
  return ok;
}

/* The file. */

gboolean
mg_pdf_file_write (MgPdfLayout          *layout,
                   const MgPdfFileInfo  *info,
                   GString              *out,
                   MgExportJob          *job,
                   GError              **error)
{
  PdfFile pdf = { 0 };
  guint n_fonts;
  guint outlines;
  gboolean ok = TRUE;

  g_return_val_if_fail (layout != NULL, FALSE);

  pdf.layout = layout;
  pdf.shaper = mg_pdf_layout_get_shaper (layout);
  pdf.out = out;
  pdf_out_init (&pdf.file, out);
  pdf.n_pages = mg_pdf_layout_get_n_pages (layout);
  pdf.first_page = 5;
  pdf.next_object = pdf.first_page + 2 * pdf.n_pages;
  n_fonts = mg_pdf_shaper_get_n_fonts (pdf.shaper);
  pdf.font_objects = g_new0 (guint, n_fonts);
  pdf.widths = g_new0 (gint16 *, n_fonts);

  /* The faces in use, and the codes of their glyphs once subset. */
  for (guint p = 0; p < pdf.n_pages; p++)
    {
      guint n_ops;
      const MgPdfOp *ops = mg_pdf_layout_get_ops (layout, p, &n_ops);

      for (guint i = 0; i < n_ops; i++)
        if (ops[i].kind == MG_PDF_OP_TEXT && pdf.font_objects[ops[i].font] == 0)
          pdf.font_objects[ops[i].font] = G_MAXUINT;
    }
  for (guint f = 0; ok && f < n_fonts; f++)
    if (pdf.font_objects[f] != 0)
      {
        pdf.font_objects[f] = pdf_new_object (&pdf);
        ok = mg_pdf_font_plan_subset (mg_pdf_shaper_get_font (pdf.shaper, f), error);
        if (ok)
          pdf_prefill_widths (&pdf, f);
      }

  if (ok)
    {
      g_string_append (out, "%PDF-1.7\n%\xe2\xe3\xcf\xd3\n");
      ok = write_pages (&pdf, job, error);
    }
  for (guint f = 0; ok && f < n_fonts; f++)
    if (pdf.font_objects[f] != 0)
      ok = pdf_write_font (&pdf, f, error);
  if (ok)
    {
      outlines = write_bookmarks (&pdf);
      write_trailer (&pdf, info, outlines);
    }

  for (guint f = 0; f < n_fonts; f++)
    g_free (pdf.widths[f]);
  g_free (pdf.widths);
  g_free (pdf.font_objects);
  pdf_out_clear (&pdf.file);
  return ok;
}
