/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Marginalia"
#include "config.h"

#include <string.h>

#include <cairo-ft.h>
#include <fontconfig/fontconfig.h>
#include <ft2build.h>
#include FT_FREETYPE_H
#include FT_CID_H
#include <glib/gi18n-lib.h>
#include <hb-ot.h>
#include <hb-subset.h>
#include <hb.h>

#include "mg-pdf-font.h"

#define BMP_BLOCKS 256

G_DEFINE_AUTOPTR_CLEANUP_FUNC (hb_blob_t, hb_blob_destroy)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (hb_face_t, hb_face_destroy)

struct _MgPdfFont
{
  char              *path;
  guint              index;
  char              *name;
  gboolean           bold;
  MgPdfFontFormat    format;
  hb_blob_t         *blob;
  hb_face_t         *face;
  hb_font_t         *font;
  hb_language_t      language;
  guint              upem;
  guint              n_glyphs;
  int                ascender;
  int                descender;
  int                cap_height;
  int                bbox[4];

  /* Characters of the Basic Multilingual Plane, filled 256 at a time. */
  guint16           *bmp_gid;
  gint32            *bmp_advance;
  guint8             bmp_filled[BMP_BLOCKS];
  GHashTable        *astral;       /* gunichar → MgPdfGlyph * */

  GHashTable        *words;        /* text → GArray of MgPdfGlyph */
  GString           *key;
  hb_buffer_t       *buffer;

  guint8            *used;         /* per gid */
  gunichar          *gid_char;     /* per gid: the one character it stands for */
  GHashTable        *gid_text;     /* gid → text, when it stands for several */

  guint16           *cids;         /* CID-keyed CFF: gid → CID */
  hb_subset_plan_t  *plan;
  cairo_font_face_t *cairo_face;
};

/* For a CID-keyed CFF face: the CID of each glyph, from the charset (as
 * FreeType reads it). In a PDF the codes of such a face are CIDs, which
 * the viewer maps to glyphs through the same charset. A name-keyed face
 * leaves font->cids NULL: its codes are the subset's glyph indices. */
static gboolean
pdf_font_read_cids (MgPdfFont *font)
{
  FT_Library library;
  FT_Face face;
  FT_Bool cid_keyed = FALSE;
  unsigned int length = 0;
  const char *data = hb_blob_get_data (font->blob, &length);
  gboolean ok = FALSE;

  if (FT_Init_FreeType (&library) != 0)
    return FALSE;
  if (FT_New_Memory_Face (library, (const FT_Byte *) data, (FT_Long) length,
                          (FT_Long) font->index, &face) == 0)
    {
      ok = FT_Get_CID_Is_Internally_CID_Keyed (face, &cid_keyed) == 0 || !cid_keyed;
      if (ok && cid_keyed)
        {
          font->cids = g_new0 (guint16, font->n_glyphs);
          for (guint gid = 1; ok && gid < font->n_glyphs; gid++)
            {
              FT_UInt cid = 0;

              ok = FT_Get_CID_From_Glyph_Index (face, gid, &cid) == 0 && cid <= G_MAXUINT16;
              font->cids[gid] = (guint16) cid;
            }
          if (!ok)
            g_clear_pointer (&font->cids, g_free);
        }
      FT_Done_Face (face);
    }
  FT_Done_FreeType (library);
  return ok;
}

static char *
pdf_font_read_name (hb_face_t *face)
{
  char buffer[128];
  unsigned int size = sizeof buffer;
  GString *name = g_string_new (NULL);

  if (hb_ot_name_get_utf8 (face, HB_OT_NAME_ID_POSTSCRIPT_NAME, HB_LANGUAGE_INVALID, &size, buffer) > 0)
    for (const char *p = buffer; *p != '\0'; p++)
      if (g_ascii_isalnum (*p) || *p == '-')
        g_string_append_c (name, *p);
  if (name->len == 0)
    g_string_append (name, "Font");
  return g_string_free (name, FALSE);
}

MgPdfFont *
mg_pdf_font_new_for_file (const char  *path,
                          guint        index,
                          GError     **error)
{
  g_autoptr(MgPdfFont) font = g_new0 (MgPdfFont, 1);
  g_autoptr(hb_blob_t) glyf = NULL;
  g_autoptr(hb_blob_t) cff = NULL;
  g_autoptr(hb_blob_t) head = NULL;
  hb_font_extents_t extents;
  hb_position_t cap_height;
  unsigned int head_length = 0;
  const guint8 *head_data;

  g_return_val_if_fail (path != NULL, NULL);

  font->path = g_strdup (path);
  font->index = index;
  font->blob = hb_blob_create_from_file_or_fail (path);
  if (font->blob == NULL || index >= hb_face_count (font->blob))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   _("Could not read the font “%s”"), path);
      return NULL;
    }
  font->face = hb_face_create (font->blob, index);
  glyf = hb_face_reference_table (font->face, HB_TAG ('g', 'l', 'y', 'f'));
  cff = hb_face_reference_table (font->face, HB_TAG ('C', 'F', 'F', ' '));
  font->n_glyphs = hb_face_get_glyph_count (font->face);
  font->upem = hb_face_get_upem (font->face);
  if (hb_blob_get_length (glyf) > 0)
    font->format = MG_PDF_FONT_TRUETYPE;
  else if (hb_blob_get_length (cff) > 0)
    font->format = MG_PDF_FONT_CFF;
  else
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   _("The font “%s” has no outlines that can be embedded"), path);
      return NULL;
    }
  if (font->n_glyphs == 0 || font->n_glyphs > 65535 || font->upem == 0
      || (font->format == MG_PDF_FONT_CFF && !pdf_font_read_cids (font)))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   _("The font “%s” cannot be embedded"), path);
      return NULL;
    }

  font->font = hb_font_create (font->face);
  font->name = pdf_font_read_name (font->face);
  hb_font_get_h_extents (font->font, &extents);
  font->ascender = extents.ascender;
  font->descender = extents.descender;
  if (!hb_ot_metrics_get_position (font->font, HB_OT_METRICS_TAG_CAP_HEIGHT, &cap_height) || cap_height <= 0)
    cap_height = (hb_position_t) (font->upem * 7 / 10);
  font->cap_height = cap_height;
  head = hb_face_reference_table (font->face, HB_TAG ('h', 'e', 'a', 'd'));
  head_data = (const guint8 *) hb_blob_get_data (head, &head_length);
  if (head_data != NULL && head_length >= 44)
    for (guint i = 0; i < 4; i++)
      font->bbox[i] = (gint16) ((head_data[36 + 2 * i] << 8) | head_data[37 + 2 * i]);

  font->bmp_gid = g_new (guint16, 65536);
  font->bmp_advance = g_new (gint32, 65536);
  font->astral = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  font->words = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_array_unref);
  font->key = g_string_new (NULL);
  font->buffer = hb_buffer_create ();
  font->used = g_new0 (guint8, font->n_glyphs);
  font->gid_char = g_new0 (gunichar, font->n_glyphs);
  font->gid_text = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  font->language = hb_language_get_default ();
  return g_steal_pointer (&font);
}

/* Asks fontconfig for @pattern's best match and loads it. */
static MgPdfFont *
pdf_font_new_matching (FcPattern  *pattern,
                       gboolean    bold,
                       gunichar    needed,
                       GError    **error)
{
  FcResult result;
  FcFontSet *set;
  MgPdfFont *font = NULL;

  FcConfigSubstitute (NULL, pattern, FcMatchPattern);
  FcDefaultSubstitute (pattern);
  set = FcFontSort (NULL, pattern, FcFalse, NULL, &result);
  for (int i = 0; set != NULL && font == NULL && i < set->nfont; i++)
    {
      FcPattern *found = FcFontRenderPrepare (NULL, pattern, set->fonts[i]);
      FcChar8 *file = NULL;
      FcCharSet *charset = NULL;
      int index = 0;

      if (found == NULL)
        continue;
      if (FcPatternGetString (found, FC_FILE, 0, &file) == FcResultMatch
          && (needed == 0 || (FcPatternGetCharSet (found, FC_CHARSET, 0, &charset) == FcResultMatch
                              && FcCharSetHasChar (charset, needed))))
        {
          FcPatternGetInteger (found, FC_INDEX, 0, &index);
          font = mg_pdf_font_new_for_file ((const char *) file, (guint) index, NULL);
          if (font != NULL && needed != 0)
            {
              MgPdfGlyph glyph;

              if (!mg_pdf_font_get_glyph (font, needed, &glyph))
                g_clear_pointer (&font, mg_pdf_font_free);
            }
        }
      FcPatternDestroy (found);
      /* For a family, only its best match counts: when that face cannot be
       * embedded, the text takes the Pango layout, which would draw it. */
      if (needed == 0)
        break;
    }
  if (set != NULL)
    FcFontSetDestroy (set);
  if (font != NULL)
    font->bold = bold;
  else
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, _("No font could be found for the PDF"));
  return font;
}

MgPdfFont *
mg_pdf_font_new_for_family (const char  *family,
                            gboolean     bold,
                            const char  *language,
                            GError     **error)
{
  g_auto(GStrv) families = g_strsplit (family, ",", -1);
  FcPattern *pattern = FcPatternCreate ();
  MgPdfFont *font;

  for (guint i = 0; families[i] != NULL; i++)
    {
      g_autofree char *name = g_strstrip (g_strdup (families[i]));

      if (*name != '\0')
        FcPatternAddString (pattern, FC_FAMILY, (const FcChar8 *) name);
    }
  FcPatternAddInteger (pattern, FC_WEIGHT, bold ? FC_WEIGHT_BOLD : FC_WEIGHT_REGULAR);
  FcPatternAddInteger (pattern, FC_SLANT, FC_SLANT_ROMAN);
  FcPatternAddBool (pattern, FC_OUTLINE, FcTrue);
  if (language != NULL)
    FcPatternAddString (pattern, FC_LANG, (const FcChar8 *) language);
  font = pdf_font_new_matching (pattern, bold, 0, error);
  FcPatternDestroy (pattern);
  if (font != NULL && language != NULL)
    font->language = hb_language_from_string (language, -1);
  return font;
}

MgPdfFont *
mg_pdf_font_new_covering (gunichar    c,
                          gboolean    bold,
                          const char *language)
{
  FcPattern *pattern = FcPatternCreate ();
  FcCharSet *charset = FcCharSetCreate ();
  MgPdfFont *font;

  FcCharSetAddChar (charset, c);
  FcPatternAddCharSet (pattern, FC_CHARSET, charset);
  FcPatternAddString (pattern, FC_FAMILY, (const FcChar8 *) "sans-serif");
  FcPatternAddInteger (pattern, FC_WEIGHT, bold ? FC_WEIGHT_BOLD : FC_WEIGHT_REGULAR);
  FcPatternAddBool (pattern, FC_OUTLINE, FcTrue);
  if (language != NULL)
    FcPatternAddString (pattern, FC_LANG, (const FcChar8 *) language);
  font = pdf_font_new_matching (pattern, bold, c, NULL);
  FcCharSetDestroy (charset);
  FcPatternDestroy (pattern);
  if (font != NULL && language != NULL)
    font->language = hb_language_from_string (language, -1);
  return font;
}

void
mg_pdf_font_free (MgPdfFont *font)
{
  if (font == NULL)
    return;
  g_clear_pointer (&font->plan, hb_subset_plan_destroy);
  g_clear_pointer (&font->cairo_face, cairo_font_face_destroy);
  g_clear_pointer (&font->buffer, hb_buffer_destroy);
  g_clear_pointer (&font->font, hb_font_destroy);
  g_clear_pointer (&font->face, hb_face_destroy);
  g_clear_pointer (&font->blob, hb_blob_destroy);
  g_clear_pointer (&font->astral, g_hash_table_unref);
  g_clear_pointer (&font->words, g_hash_table_unref);
  g_clear_pointer (&font->gid_text, g_hash_table_unref);
  if (font->key != NULL)
    g_string_free (font->key, TRUE);
  g_free (font->bmp_gid);
  g_free (font->bmp_advance);
  g_free (font->used);
  g_free (font->gid_char);
  g_free (font->cids);
  g_free (font->name);
  g_free (font->path);
  g_free (font);
}

const char *
mg_pdf_font_get_path (MgPdfFont *font)
{
  return font->path;
}

guint
mg_pdf_font_get_index (MgPdfFont *font)
{
  return font->index;
}

const char *
mg_pdf_font_get_name (MgPdfFont *font)
{
  return font->name;
}

gboolean
mg_pdf_font_is_bold (MgPdfFont *font)
{
  return font->bold;
}

MgPdfFontFormat
mg_pdf_font_get_format (MgPdfFont *font)
{
  return font->format;
}

guint
mg_pdf_font_get_units_per_em (MgPdfFont *font)
{
  return font->upem;
}

void
mg_pdf_font_get_metrics (MgPdfFont *font,
                         int       *ascender,
                         int       *descender,
                         int       *cap_height,
                         int        bbox[4])
{
  if (ascender != NULL)
    *ascender = font->ascender;
  if (descender != NULL)
    *descender = font->descender;
  if (cap_height != NULL)
    *cap_height = font->cap_height;
  if (bbox != NULL)
    memcpy (bbox, font->bbox, sizeof font->bbox);
}

/* Notes that @gid is handed out for @text (@length bytes). */
static void
pdf_font_use (MgPdfFont  *font,
              guint       gid,
              const char *text,
              gsize       length)
{
  const char *next;

  if (gid >= font->n_glyphs || font->used[gid])
    return;
  font->used[gid] = 1;
  if (length == 0)
    return;
  next = g_utf8_next_char (text);
  if ((gsize) (next - text) == length)
    font->gid_char[gid] = g_utf8_get_char (text);
  else
    g_hash_table_insert (font->gid_text, GUINT_TO_POINTER (gid), g_strndup (text, length));
}

static void
pdf_font_fill_block (MgPdfFont *font,
                     guint      block)
{
  hb_codepoint_t chars[256];
  hb_codepoint_t gids[256];
  hb_position_t advances[256];
  guint done = 0;

  for (guint i = 0; i < 256; i++)
    chars[i] = block * 256 + i;
  while (done < 256)
    {
      done += hb_font_get_nominal_glyphs (font->font, 256 - done, chars + done, sizeof (hb_codepoint_t),
                                          gids + done, sizeof (hb_codepoint_t));
      if (done < 256)
        gids[done++] = 0;
    }
  hb_font_get_glyph_h_advances (font->font, 256, gids, sizeof (hb_codepoint_t),
                                advances, sizeof (hb_position_t));
  for (guint i = 0; i < 256; i++)
    {
      font->bmp_gid[block * 256 + i] = (guint16) gids[i];
      font->bmp_advance[block * 256 + i] = advances[i];
    }
  font->bmp_filled[block] = 1;
}

gboolean
mg_pdf_font_get_glyph (MgPdfFont  *font,
                       gunichar    c,
                       MgPdfGlyph *glyph)
{
  char text[8];
  gsize length;

  if (c < 65536)
    {
      if (G_UNLIKELY (!font->bmp_filled[c >> 8]))
        pdf_font_fill_block (font, c >> 8);
      glyph->gid = font->bmp_gid[c];
      glyph->advance = font->bmp_advance[c];
    }
  else
    {
      MgPdfGlyph *known = g_hash_table_lookup (font->astral, GUINT_TO_POINTER (c));

      if (known == NULL)
        {
          hb_codepoint_t gid = 0;

          known = g_new0 (MgPdfGlyph, 1);
          if (hb_font_get_nominal_glyph (font->font, c, &gid))
            {
              known->gid = (guint16) gid;
              known->advance = hb_font_get_glyph_h_advance (font->font, gid);
            }
          g_hash_table_insert (font->astral, GUINT_TO_POINTER (c), known);
        }
      *glyph = *known;
    }
  glyph->flags = MG_PDF_GLYPH_CLUSTER_START;
  if (glyph->gid == 0)
    return FALSE;
  if (!font->used[glyph->gid])
    {
      length = g_unichar_to_utf8 (c, text);
      pdf_font_use (font, glyph->gid, text, length);
    }
  return TRUE;
}

gboolean
mg_pdf_font_shape (MgPdfFont  *font,
                   const char *text,
                   gsize       length,
                   GArray     *glyphs)
{
  GArray *shaped;
  hb_glyph_info_t *info;
  hb_glyph_position_t *positions;
  unsigned int n;

  g_string_truncate (font->key, 0);
  g_string_append_len (font->key, text, length);
  shaped = g_hash_table_lookup (font->words, font->key->str);
  if (shaped != NULL)
    {
      if (shaped->len == 0)
        return FALSE;
      g_array_append_vals (glyphs, shaped->data, shaped->len);
      return TRUE;
    }

  hb_buffer_clear_contents (font->buffer);
  hb_buffer_add_utf8 (font->buffer, text, (int) length, 0, (int) length);
  hb_buffer_set_direction (font->buffer, HB_DIRECTION_LTR);
  hb_buffer_set_language (font->buffer, font->language);
  hb_buffer_guess_segment_properties (font->buffer);
  hb_shape (font->font, font->buffer, NULL, 0);
  info = hb_buffer_get_glyph_infos (font->buffer, &n);
  positions = hb_buffer_get_glyph_positions (font->buffer, NULL);

  shaped = g_array_sized_new (FALSE, FALSE, sizeof (MgPdfGlyph), n);
  for (unsigned int i = 0; i < n; i++)
    {
      MgPdfGlyph glyph = { 0 };

      /* A missing glyph, one placed off the pen position, or a character
       * drawn as several glyphs (a base and a mark the face lacks in one
       * piece): the characters are then taken one by one, each from a
       * face that has it whole. */
      if (info[i].codepoint == 0 || info[i].codepoint > 65535
          || positions[i].x_offset != 0 || positions[i].y_offset != 0
          || positions[i].x_advance < 0 || positions[i].x_advance > G_MAXUINT16
          || (i > 0 && info[i].cluster == info[i - 1].cluster))
        {
          g_array_set_size (shaped, 0);
          break;
        }
      glyph.gid = (guint16) info[i].codepoint;
      glyph.advance = positions[i].x_advance;
      if (i == 0 || info[i].cluster != info[i - 1].cluster)
        {
          guint end = (guint) length;

          for (unsigned int k = i + 1; k < n; k++)
            if (info[k].cluster != info[i].cluster)
              {
                end = info[k].cluster;
                break;
              }
          glyph.flags = MG_PDF_GLYPH_CLUSTER_START;
          if (end > info[i].cluster)
            pdf_font_use (font, glyph.gid, text + info[i].cluster, end - info[i].cluster);
          else
            pdf_font_use (font, glyph.gid, NULL, 0);
        }
      else
        pdf_font_use (font, glyph.gid, NULL, 0);
      g_array_append_val (shaped, glyph);
    }
  g_hash_table_insert (font->words, g_strndup (text, length), shaped);
  if (shaped->len == 0)
    return FALSE;
  g_array_append_vals (glyphs, shaped->data, shaped->len);
  return TRUE;
}

int
mg_pdf_font_get_width (MgPdfFont *font,
                       guint      gid)
{
  hb_position_t advance = hb_font_get_glyph_h_advance (font->font, gid);

  return (int) ((gint64) advance * 1000 / (gint64) font->upem);
}

gboolean
mg_pdf_font_plan_subset (MgPdfFont  *font,
                         GError    **error)
{
  static const hb_tag_t dropped[] = {
    HB_TAG ('G', 'S', 'U', 'B'), HB_TAG ('G', 'P', 'O', 'S'), HB_TAG ('G', 'D', 'E', 'F'),
    HB_TAG ('B', 'A', 'S', 'E'), HB_TAG ('J', 'S', 'T', 'F'), HB_TAG ('M', 'A', 'T', 'H'),
    HB_TAG ('V', 'O', 'R', 'G'), HB_TAG ('v', 'h', 'e', 'a'), HB_TAG ('v', 'm', 't', 'x'),
    HB_TAG ('k', 'e', 'r', 'n'), HB_TAG ('n', 'a', 'm', 'e'), HB_TAG ('D', 'S', 'I', 'G'),
    HB_TAG ('C', 'O', 'L', 'R'), HB_TAG ('C', 'P', 'A', 'L'), HB_TAG ('m', 'o', 'r', 'x'),
  };
  hb_subset_input_t *input;
  hb_set_t *set;

  g_clear_pointer (&font->plan, hb_subset_plan_destroy);
  input = hb_subset_input_create_or_fail ();
  if (input == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE, _("Out of memory"));
      return FALSE;
    }
  hb_set_clear (hb_subset_input_unicode_set (input));
  set = hb_subset_input_glyph_set (input);
  hb_set_add (set, 0);
  for (guint gid = 1; gid < font->n_glyphs; gid++)
    if (font->used[gid])
      hb_set_add (set, gid);
  set = hb_subset_input_set (input, HB_SUBSET_SETS_DROP_TABLE_TAG);
  for (guint i = 0; i < G_N_ELEMENTS (dropped); i++)
    hb_set_add (set, dropped[i]);
  hb_subset_input_set_flags (input, HB_SUBSET_FLAGS_NO_HINTING);
  font->plan = hb_subset_plan_create_or_fail (font->face, input);
  hb_subset_input_destroy (input);
  if (font->plan == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   _("Could not take the glyphs out of the font “%s”"), font->path);
      return FALSE;
    }
  return TRUE;
}

guint
mg_pdf_font_get_code (MgPdfFont *font,
                      guint      gid)
{
  const hb_map_t *map;
  hb_codepoint_t code;

  if (font->cids != NULL)
    return gid < font->n_glyphs ? font->cids[gid] : 0;
  g_return_val_if_fail (font->plan != NULL, 0);
  map = hb_subset_plan_old_to_new_glyph_mapping (font->plan);
  code = hb_map_get (map, gid);
  return code == HB_MAP_VALUE_INVALID ? 0 : code;
}

GBytes *
mg_pdf_font_write_subset (MgPdfFont  *font,
                          GError    **error)
{
  g_autoptr(hb_face_t) subset = NULL;
  g_autoptr(hb_blob_t) blob = NULL;
  unsigned int length = 0;
  const char *data;

  g_return_val_if_fail (font->plan != NULL, NULL);

  subset = hb_subset_plan_execute_or_fail (font->plan);
  if (subset != NULL)
    blob = font->format == MG_PDF_FONT_CFF
           ? hb_face_reference_table (subset, HB_TAG ('C', 'F', 'F', ' '))
           : hb_face_reference_blob (subset);
  data = blob != NULL ? hb_blob_get_data (blob, &length) : NULL;
  if (data == NULL || length == 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   _("Could not take the glyphs out of the font “%s”"), font->path);
      return NULL;
    }
  return g_bytes_new (data, length);
}

const char *
mg_pdf_font_get_glyph_text (MgPdfFont *font,
                            guint      gid,
                            char       scratch[8])
{
  const char *multi;

  scratch[0] = '\0';
  if (gid >= font->n_glyphs)
    return scratch;
  if (font->gid_char[gid] != 0)
    {
      scratch[g_unichar_to_utf8 (font->gid_char[gid], scratch)] = '\0';
      return scratch;
    }
  multi = g_hash_table_lookup (font->gid_text, GUINT_TO_POINTER (gid));
  return multi != NULL ? multi : scratch;
}

typedef struct
{
  guint code;
  guint gid;
} CodeGid;

static int
compare_codes (gconstpointer a,
               gconstpointer b)
{
  const CodeGid *x = a;
  const CodeGid *y = b;

  return (x->code > y->code) - (x->code < y->code);
}

void
mg_pdf_font_foreach_glyph (MgPdfFont *font,
                           void     (*func) (guint       code,
                                             guint       gid,
                                             const char *text,
                                             gpointer    data),
                           gpointer   data)
{
  g_autoptr(GArray) glyphs = g_array_new (FALSE, FALSE, sizeof (CodeGid));

  for (guint gid = 1; gid < font->n_glyphs; gid++)
    if (font->used[gid])
      {
        CodeGid entry = { mg_pdf_font_get_code (font, gid), gid };

        g_array_append_val (glyphs, entry);
      }
  g_array_sort (glyphs, compare_codes);
  for (guint i = 0; i < glyphs->len; i++)
    {
      const CodeGid *entry = &g_array_index (glyphs, CodeGid, i);
      char scratch[8];

      func (entry->code, entry->gid, mg_pdf_font_get_glyph_text (font, entry->gid, scratch), data);
    }
}

typedef struct
{
  FT_Library library;
  FT_Face    face;
  hb_blob_t *blob;
} FtHolder;

static void
ft_holder_free (gpointer data)
{
  FtHolder *holder = data;

  FT_Done_Face (holder->face);
  FT_Done_FreeType (holder->library);
  hb_blob_destroy (holder->blob);
  g_free (holder);
}

cairo_font_face_t *
mg_pdf_font_get_cairo_face (MgPdfFont *font)
{
  static const cairo_user_data_key_t key;
  FtHolder *holder;
  unsigned int length = 0;
  const char *data;

  if (font->cairo_face != NULL)
    return font->cairo_face;

  holder = g_new0 (FtHolder, 1);
  holder->blob = hb_blob_reference (font->blob);
  data = hb_blob_get_data (holder->blob, &length);
  if (FT_Init_FreeType (&holder->library) != 0)
    {
      hb_blob_destroy (holder->blob);
      g_free (holder);
      return NULL;
    }
  if (FT_New_Memory_Face (holder->library, (const FT_Byte *) data, (FT_Long) length,
                          (FT_Long) font->index, &holder->face) != 0)
    {
      FT_Done_FreeType (holder->library);
      hb_blob_destroy (holder->blob);
      g_free (holder);
      return NULL;
    }
  font->cairo_face = cairo_ft_font_face_create_for_ft_face (holder->face, 0);
  if (cairo_font_face_set_user_data (font->cairo_face, &key, holder, ft_holder_free) != CAIRO_STATUS_SUCCESS)
    {
      ft_holder_free (holder);
      g_clear_pointer (&font->cairo_face, cairo_font_face_destroy);
    }
  return font->cairo_face;
}
