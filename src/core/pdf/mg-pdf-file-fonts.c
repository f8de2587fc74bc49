/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Marginalia"
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "mg-pdf-file-private.h"

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
void
mg_pdf_file_prefill_widths (PdfFile *pdf,
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
  int width = mg_pdf_file_font_width (fg->pdf, fg->font, fg->face, gid);

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
          mg_pdf_file_append_hex4 (fg->mappings, code);
          g_string_append (fg->mappings, "> <");
          for (guint i = 0; utf16[i] != 0; i++)
            mg_pdf_file_append_hex4 (fg->mappings, utf16[i]);
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

gboolean
mg_pdf_file_write_font (PdfFile  *pdf,
            guint     font,
            GError  **error)
{
  MgPdfFont *face = mg_pdf_shaper_get_font (pdf->shaper, font);
  gboolean cff = mg_pdf_font_get_format (face) == MG_PDF_FONT_CFF;
  guint type0 = pdf->font_objects[font];
  guint cid = mg_pdf_file_new_object (pdf), descriptor = mg_pdf_file_new_object (pdf), file = mg_pdf_file_new_object (pdf), to_unicode = mg_pdf_file_new_object (pdf);
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

  mg_pdf_file_begin_object (&pdf->file, type0);
  g_string_append_printf (pdf->out,
                          "<< /Type /Font /Subtype /Type0 /BaseFont /%s%s /Encoding /Identity-H "
                          "/DescendantFonts [%u 0 R] /ToUnicode %u 0 R >>\nendobj\n",
                          tag, mg_pdf_font_get_name (face), cid, to_unicode);
  mg_pdf_file_begin_object (&pdf->file, cid);
  g_string_append_printf (pdf->out,
                          "<< /Type /Font /Subtype /%s /BaseFont /%s%s "
                          "/CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> "
                          "/FontDescriptor %u 0 R /DW 1000 /W [%s ]%s >>\nendobj\n",
                          cff ? "CIDFontType0" : "CIDFontType2", tag, mg_pdf_font_get_name (face),
                          descriptor, fg.widths->str, cff ? "" : " /CIDToGIDMap /Identity");
  mg_pdf_file_begin_object (&pdf->file, descriptor);
  g_string_append_printf (pdf->out,
                          "<< /Type /FontDescriptor /FontName /%s%s /Flags 4 /FontBBox [%d %d %d %d] "
                          "/ItalicAngle 0 /Ascent %d /Descent %d /CapHeight %d /StemV %d /%s %u 0 R >>\nendobj\n",
                          tag, mg_pdf_font_get_name (face),
                          (int) (bbox[0] * scale), (int) (bbox[1] * scale), (int) (bbox[2] * scale), (int) (bbox[3] * scale),
                          (int) (ascender * scale), (int) (descender * scale), (int) (cap_height * scale),
                          mg_pdf_font_is_bold (face) ? 140 : 80, cff ? "FontFile3" : "FontFile2", file);
  extra = cff ? g_strdup (" /Subtype /CIDFontType0C")
              : g_strdup_printf (" /Length1 %" G_GSIZE_FORMAT, g_bytes_get_size (program));
  ok = mg_pdf_file_write_stream (&pdf->file, file, g_bytes_get_data (program, NULL), g_bytes_get_size (program), extra, error)
       && mg_pdf_file_write_stream (&pdf->file, to_unicode, (const guint8 *) fg.cmap->str, fg.cmap->len, NULL, error);
  g_string_free (fg.widths, TRUE);
  g_string_free (fg.cmap, TRUE);
  g_string_free (fg.mappings, TRUE);
  return ok;
}

