/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <cairo.h>
#include <gio/gio.h>

G_BEGIN_DECLS

/* One OpenType or TrueType face for the PDF export: glyphs and advances
 * looked up once per character and kept, short runs of letters shaped
 * with HarfBuzz and kept by their text, the text each glyph stands for
 * (for copying text out of the PDF), and the subset of the face holding
 * just the glyphs handed out, for embedding. Not thread-safe: one export
 * uses its fonts from one thread at a time. */
typedef struct _MgPdfFont MgPdfFont;

typedef enum
{
  MG_PDF_GLYPH_CLUSTER_START = 1 << 0,  /* a line may break before it */
} MgPdfGlyphFlags;

typedef struct
{
  guint16 gid;
  guint16 flags;
  gint32  advance;    /* font units */
} MgPdfGlyph;

typedef enum
{
  MG_PDF_FONT_TRUETYPE,  /* glyf outlines: embedded whole as FontFile2 */
  MG_PDF_FONT_CFF,       /* CFF outlines: the CFF table as FontFile3 */
} MgPdfFontFormat;

/* The face @index of the font file at @path; NULL with @error set when it
 * cannot be read or holds neither glyf nor CFF outlines (bitmap and colour
 * fonts). */
MgPdfFont  *mg_pdf_font_new_for_file    (const char      *path,
                                         guint            index,
                                         GError         **error);

/* The face fontconfig picks for @family (a comma-separated list, the first
 * that exists wins), bold or regular, for texts in @language ("zh-cn",
 * "en", …). */
MgPdfFont  *mg_pdf_font_new_for_family  (const char      *family,
                                         gboolean         bold,
                                         const char      *language,
                                         GError         **error);

/* A face that has a glyph for @c, bold or regular, or NULL. */
MgPdfFont  *mg_pdf_font_new_covering    (gunichar         c,
                                         gboolean         bold,
                                         const char      *language);

void        mg_pdf_font_free            (MgPdfFont       *font);

const char *mg_pdf_font_get_path        (MgPdfFont       *font);
guint       mg_pdf_font_get_index       (MgPdfFont       *font);
/* The PostScript name ("NotoSansCJKsc-Regular"), letters and digits only. */
const char *mg_pdf_font_get_name        (MgPdfFont       *font);
gboolean    mg_pdf_font_is_bold         (MgPdfFont       *font);
MgPdfFontFormat mg_pdf_font_get_format  (MgPdfFont       *font);
guint       mg_pdf_font_get_units_per_em (MgPdfFont      *font);
/* Ascender (positive), descender (negative), cap height, and the font's
 * bounding box (x0, y0, x1, y1), in font units. */
void        mg_pdf_font_get_metrics     (MgPdfFont       *font,
                                         int             *ascender,
                                         int             *descender,
                                         int             *cap_height,
                                         int              bbox[4]);

/* The glyph of @c, FALSE when the face has none. */
gboolean    mg_pdf_font_get_glyph       (MgPdfFont       *font,
                                         gunichar         c,
                                         MgPdfGlyph      *glyph);

/* Shapes @text (@length bytes of UTF-8, one script, left to right) and
 * appends its glyphs to @glyphs (of MgPdfGlyph); the first glyph of each
 * cluster carries MG_PDF_GLYPH_CLUSTER_START. FALSE, appending nothing,
 * when a character of @text has no glyph in the face or the face puts a
 * glyph off the pen position (a mark on a base it lacks in one piece). */
gboolean    mg_pdf_font_shape           (MgPdfFont       *font,
                                         const char      *text,
                                         gsize            length,
                                         GArray          *glyphs);

/* The advance of @gid without kerning, in thousandths of an em. */
int         mg_pdf_font_get_width       (MgPdfFont       *font,
                                         guint            gid);

/* Plans the subset of every glyph handed out so far. After that, the code
 * of each of those glyphs in the PDF (Identity-H) is
 * mg_pdf_font_get_code(), and mg_pdf_font_write_subset() makes the font
 * program. */
gboolean    mg_pdf_font_plan_subset     (MgPdfFont       *font,
                                         GError         **error);
guint       mg_pdf_font_get_code        (MgPdfFont       *font,
                                         guint            gid);
GBytes     *mg_pdf_font_write_subset    (MgPdfFont       *font,
                                         GError         **error);
/* Calls @func for each glyph handed out, in code order, with its code, its
 * gid and the text it stands for (UTF-8, may be "" for a glyph that is
 * the second of its cluster). */
void        mg_pdf_font_foreach_glyph   (MgPdfFont       *font,
                                         void           (*func) (guint       code,
                                                                 guint       gid,
                                                                 const char *text,
                                                                 gpointer    data),
                                         gpointer         data);

/* The text @gid stands for (see mg_pdf_font_foreach_glyph()), in
 * @scratch or in @font. */
const char *mg_pdf_font_get_glyph_text  (MgPdfFont       *font,
                                         guint            gid,
                                         char             scratch[8]);

/* The face for drawing with cairo (printing), owned by @font. */
cairo_font_face_t *mg_pdf_font_get_cairo_face (MgPdfFont *font);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MgPdfFont, mg_pdf_font_free)

G_END_DECLS
