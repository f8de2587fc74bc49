/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Marginalia"
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <pango/pango.h>

#include "mg-pdf-shaper.h"

#define MAX_FONTS 32

/* Flags of a glyph in the line breaker, next to MG_PDF_GLYPH_CLUSTER_START. */
enum
{
  GLYPH_BREAK = 1 << 1,   /* a line may break before it */
  GLYPH_SPACE = 1 << 2,   /* left out at the end of a line */
  GLYPH_HARD  = 1 << 3,   /* a line break of the text, not drawn */
};

/* How a character is turned into glyphs; where lines may break is Pango's
 * answer (pango_get_log_attrs()), the same the Pango layout follows. */
typedef enum
{
  CLASS_WORD,      /* letters, digits, Western punctuation: shaped together */
  CLASS_SPACE,     /* left out at the end of a line */
  CLASS_ZWSP,      /* no glyph */
  CLASS_NEWLINE,
  CLASS_IGNORE,    /* controls and invisible format characters */
  CLASS_SINGLE,    /* Chinese characters and punctuation: one glyph each */
  CLASS_COMPLEX,
} CharClass;

struct _MgPdfShaper
{
  GPtrArray  *fonts;     /* of MgPdfFont; 0 regular, 1 bold, then fallbacks */
  char       *language;
  GHashTable *missing;   /* (c << 1 | bold) of characters no face has */
  GArray     *widths;    /* double, scratch */
  guint8     *classes;   /* CharClass + 1 of each BMP character, 0 when not known yet */
  PangoLanguage *pango_language;
  GArray     *attrs;     /* PangoLogAttr, scratch */
};

G_DEFINE_QUARK (mg-pdf-shaper-error-quark, mg_pdf_shaper_error)

static gboolean
script_is_simple (GUnicodeScript script)
{
  switch (script)
    {
    case G_UNICODE_SCRIPT_COMMON:
    case G_UNICODE_SCRIPT_INHERITED:
    case G_UNICODE_SCRIPT_UNKNOWN:
    case G_UNICODE_SCRIPT_LATIN:
    case G_UNICODE_SCRIPT_GREEK:
    case G_UNICODE_SCRIPT_CYRILLIC:
    case G_UNICODE_SCRIPT_ARMENIAN:
    case G_UNICODE_SCRIPT_GEORGIAN:
    case G_UNICODE_SCRIPT_HAN:
    case G_UNICODE_SCRIPT_HIRAGANA:
    case G_UNICODE_SCRIPT_KATAKANA:
    case G_UNICODE_SCRIPT_BOPOMOFO:
    case G_UNICODE_SCRIPT_HANGUL:
    case G_UNICODE_SCRIPT_YI:
      return TRUE;
    default:
      return FALSE;
    }
}

static CharClass
classify (gunichar c)
{
  if (c < 0x80)
    {
      if (c == ' ' || c == '\t')
        return CLASS_SPACE;
      if (c == '\n' || c == '\r')
        return CLASS_NEWLINE;
      if (c < 0x20 || c == 0x7f)
        return CLASS_IGNORE;
      return CLASS_WORD;
    }
  switch (c)
    {
    case 0x3000:
    case 0x201c: case 0x2018: case 0x00ab:
    case 0x201d: case 0x2019: case 0x00bb:
      return CLASS_SINGLE;
    /* Bidirectional marks and overrides: right-to-left text. */
    case 0x200f: case 0x061c: case 0x202b: case 0x202e: case 0x2067:
      return CLASS_COMPLEX;
    default:
      break;
    }

  switch (g_unichar_break_type (c))
    {
    case G_UNICODE_BREAK_SPACE:
      return CLASS_SPACE;
    case G_UNICODE_BREAK_ZERO_WIDTH_SPACE:
      return CLASS_ZWSP;
    case G_UNICODE_BREAK_MANDATORY:
    case G_UNICODE_BREAK_CARRIAGE_RETURN:
    case G_UNICODE_BREAK_LINE_FEED:
    case G_UNICODE_BREAK_NEXT_LINE:
      return CLASS_NEWLINE;
    case G_UNICODE_BREAK_COMBINING_MARK:
    case G_UNICODE_BREAK_ZERO_WIDTH_JOINER:
    case G_UNICODE_BREAK_HANGUL_L_JAMO:
    case G_UNICODE_BREAK_HANGUL_V_JAMO:
    case G_UNICODE_BREAK_HANGUL_T_JAMO:
    case G_UNICODE_BREAK_COMPLEX_CONTEXT:
    case G_UNICODE_BREAK_REGIONAL_INDICATOR:
    case G_UNICODE_BREAK_EMOJI_MODIFIER:
      return CLASS_COMPLEX;
    case G_UNICODE_BREAK_IDEOGRAPHIC:
    case G_UNICODE_BREAK_CONDITIONAL_JAPANESE_STARTER:
    case G_UNICODE_BREAK_HANGUL_LV_SYLLABLE:
    case G_UNICODE_BREAK_HANGUL_LVT_SYLLABLE:
    case G_UNICODE_BREAK_CLOSE_PUNCTUATION:
    case G_UNICODE_BREAK_CLOSE_PARANTHESIS:
    case G_UNICODE_BREAK_NON_STARTER:
    case G_UNICODE_BREAK_EXCLAMATION:
    case G_UNICODE_BREAK_INSEPARABLE:
    case G_UNICODE_BREAK_INFIX_SEPARATOR:
    case G_UNICODE_BREAK_OPEN_PUNCTUATION:
    case G_UNICODE_BREAK_BEFORE_AND_AFTER:
      return CLASS_SINGLE;
    default:
      break;
    }
  switch (g_unichar_type (c))
    {
    case G_UNICODE_CONTROL:
    case G_UNICODE_FORMAT:
      return CLASS_IGNORE;
    case G_UNICODE_NON_SPACING_MARK:
    case G_UNICODE_SPACING_MARK:
    case G_UNICODE_ENCLOSING_MARK:
      return CLASS_COMPLEX;
    default:
      break;
    }
  return script_is_simple (g_unichar_get_script (c)) ? CLASS_WORD : CLASS_COMPLEX;
}

static inline CharClass
shaper_classify (MgPdfShaper *shaper,
                 gunichar     c)
{
  if (c < 0x80)
    return classify (c);
  if (c < 0x10000)
    {
      if (G_UNLIKELY (shaper->classes[c] == 0))
        shaper->classes[c] = (guint8) (classify (c) + 1);
      return (CharClass) (shaper->classes[c] - 1);
    }
  return classify (c);
}

MgPdfShaper *
mg_pdf_shaper_new (const char  *family,
                   const char  *language,
                   GError     **error)
{
  g_autoptr(MgPdfShaper) shaper = g_new0 (MgPdfShaper, 1);
  g_autoptr(GError) local_error = NULL;

  shaper->fonts = g_ptr_array_new_with_free_func ((GDestroyNotify) mg_pdf_font_free);
  shaper->language = g_strdup (language);
  shaper->missing = g_hash_table_new (NULL, NULL);
  shaper->widths = g_array_new (FALSE, FALSE, sizeof (double));
  shaper->classes = g_new0 (guint8, 0x10000);
  shaper->pango_language = pango_language_from_string (language);
  shaper->attrs = g_array_new (FALSE, FALSE, sizeof (PangoLogAttr));
  for (guint bold = 0; bold < 2; bold++)
    {
      MgPdfFont *font = mg_pdf_font_new_for_family (family, bold, language, &local_error);

      if (font == NULL)
        {
          g_set_error (error, MG_PDF_SHAPER_ERROR, MG_PDF_SHAPER_ERROR_NO_FONT, "%s", local_error->message);
          return NULL;
        }
      g_ptr_array_add (shaper->fonts, font);
    }
  return g_steal_pointer (&shaper);
}

void
mg_pdf_shaper_free (MgPdfShaper *shaper)
{
  if (shaper == NULL)
    return;
  g_clear_pointer (&shaper->fonts, g_ptr_array_unref);
  g_clear_pointer (&shaper->missing, g_hash_table_unref);
  g_clear_pointer (&shaper->widths, g_array_unref);
  g_clear_pointer (&shaper->attrs, g_array_unref);
  g_free (shaper->language);
  g_free (shaper->classes);
  g_free (shaper);
}

guint
mg_pdf_shaper_get_n_fonts (MgPdfShaper *shaper)
{
  return shaper->fonts->len;
}

MgPdfFont *
mg_pdf_shaper_get_font (MgPdfShaper *shaper,
                        guint        index)
{
  g_return_val_if_fail (index < shaper->fonts->len, NULL);
  return g_ptr_array_index (shaper->fonts, index);
}

void
mg_pdf_shaper_get_extents (MgPdfShaper *shaper,
                           gboolean     bold,
                           double       size,
                           double      *ascent,
                           double      *descent)
{
  MgPdfFont *font = g_ptr_array_index (shaper->fonts, bold ? 1 : 0);
  double scale = size / mg_pdf_font_get_units_per_em (font);
  int ascender, descender;

  mg_pdf_font_get_metrics (font, &ascender, &descender, NULL, NULL);
  *ascent = ascender * scale;
  *descent = -descender * scale;
}

/* The glyph for @c: from the main face, else from a face that has it;
 * FALSE when no installed face has it (Pango then shows it as a box with
 * its code). */
static gboolean
shaper_glyph (MgPdfShaper *shaper,
              gunichar     c,
              gboolean     bold,
              MgPdfGlyph  *glyph)
{
  guint main = bold ? 1 : 0;
  gpointer key = GUINT_TO_POINTER (c << 1 | (bold ? 1 : 0));
  MgPdfFont *font;

  if (mg_pdf_font_get_glyph (g_ptr_array_index (shaper->fonts, main), c, glyph))
    {
      glyph->flags |= main << 8;
      return TRUE;
    }
  if (!g_hash_table_contains (shaper->missing, key))
    {
      for (guint i = 2; i < shaper->fonts->len; i++)
        {
          font = g_ptr_array_index (shaper->fonts, i);
          if (mg_pdf_font_is_bold (font) == bold && mg_pdf_font_get_glyph (font, c, glyph))
            {
              glyph->flags |= i << 8;
              return TRUE;
            }
        }
      font = shaper->fonts->len < MAX_FONTS ? mg_pdf_font_new_covering (c, bold, shaper->language) : NULL;
      if (font != NULL && mg_pdf_font_get_glyph (font, c, glyph))
        {
          g_ptr_array_add (shaper->fonts, font);
          glyph->flags |= (shaper->fonts->len - 1) << 8;
          return TRUE;
        }
      g_clear_pointer (&font, mg_pdf_font_free);
      g_hash_table_add (shaper->missing, key);
    }
  return FALSE;
}

/* Where a line may break in @text: Pango's log attributes, one per
 * character and one for the end. */
static const PangoLogAttr *
shaper_log_attrs (MgPdfShaper *shaper,
                  const char  *text)
{
  gsize length = strlen (text);
  glong n_chars = g_utf8_strlen (text, (gssize) length);

  g_array_set_size (shaper->attrs, (guint) n_chars + 1);
  /* Pango's default rules: what pango_get_log_attrs() gives for the
   * scripts this layout takes (only scripts it refuses are tailored), at
   * a third of its cost. */
  pango_default_break (text, (int) length, NULL,
                       (PangoLogAttr *) (void *) shaper->attrs->data, (int) n_chars + 1);
  return (const PangoLogAttr *) (void *) shaper->attrs->data;
}

/* Turns @text into glyphs, with their break flags from @attrs (see
 * shaper_log_attrs()); without them, with none, each run of letters and
 * digits shaped whole. */
static gboolean
shaper_glyphs (MgPdfShaper        *shaper,
               const char         *text,
               gboolean            bold,
               const PangoLogAttr *attrs,
               GArray             *glyphs,
               GError            **error)
{
  guint main = bold ? 1 : 0;
  MgPdfFont *main_font = g_ptr_array_index (shaper->fonts, main);
  gunichar c = 0;
  const char *p = text;
  guint at = 0;            /* index of the character at @p */

  while (*p != '\0')
    {
      const char *next;
      CharClass cls;
      guint first = glyphs->len;
      gboolean may_break = attrs != NULL && attrs[at].is_line_break;
      MgPdfGlyph glyph;

      c = g_utf8_get_char (p);
      next = g_utf8_next_char (p);
      cls = shaper_classify (shaper, c);

      switch (cls)
        {
        case CLASS_COMPLEX:
          g_set_error (error, MG_PDF_SHAPER_ERROR, MG_PDF_SHAPER_ERROR_UNSUPPORTED,
                       "U+%04X needs a text layout engine", c);
          return FALSE;
        case CLASS_IGNORE:
        case CLASS_ZWSP:
          p = next;
          at++;
          continue;
        case CLASS_NEWLINE:
          if (c == '\r' && *next == '\n')
            {
              next++;
              at++;
            }
          glyph = (MgPdfGlyph) { 0, GLYPH_HARD | main << 8, 0 };
          g_array_append_val (glyphs, glyph);
          p = next;
          at++;
          continue;
        case CLASS_WORD:
          {
            /* A run of letters, digits and their punctuation up to the next
             * place a line may break, shaped as one. */
            const char *end = next;

            at++;
            while (*end != '\0' && (attrs == NULL || !attrs[at].is_line_break)
                   && shaper_classify (shaper, g_utf8_get_char (end)) == CLASS_WORD)
              {
                end = g_utf8_next_char (end);
                at++;
              }
            if (end == next)
              {
                /* One character: nothing to shape. */
                if (!shaper_glyph (shaper, c, bold, &glyph))
                  goto no_face;
                g_array_append_val (glyphs, glyph);
              }
            else if (mg_pdf_font_shape (main_font, p, (gsize) (end - p), glyphs))
              {
                for (guint i = first; i < glyphs->len; i++)
                  g_array_index (glyphs, MgPdfGlyph, i).flags |= main << 8;
              }
            else
              {
                for (const char *q = p; q < end; q = g_utf8_next_char (q))
                  {
                    c = g_utf8_get_char (q);
                    if (!shaper_glyph (shaper, c, bold, &glyph))
                      goto no_face;
                    g_array_append_val (glyphs, glyph);
                  }
              }
            if (glyphs->len > first && may_break)
              g_array_index (glyphs, MgPdfGlyph, first).flags |= GLYPH_BREAK;
            p = end;
            continue;
          }
        default:
          if (!shaper_glyph (shaper, c == '\t' ? ' ' : c, bold, &glyph))
            goto no_face;
          if (cls == CLASS_SPACE)
            glyph.flags |= GLYPH_SPACE;
          if (may_break)
            glyph.flags |= GLYPH_BREAK;
          g_array_append_val (glyphs, glyph);
          p = next;
          at++;
          continue;
        }
    }
  return TRUE;

no_face:
  g_set_error (error, MG_PDF_SHAPER_ERROR, MG_PDF_SHAPER_ERROR_UNSUPPORTED,
               "no installed face has U+%04X", c);
  return FALSE;
}

static void
shaper_emit (GArray       *lines,
             const GArray *glyphs,
             const double *widths,
             guint         base,
             guint         start,
             guint         end)
{
  MgPdfLine line = { base + start, 0, 0.0 };

  while (end > start && (g_array_index (glyphs, MgPdfGlyph, base + end - 1).flags & (GLYPH_SPACE | GLYPH_HARD)))
    end--;
  line.n_glyphs = end - start;
  for (guint i = start; i < end; i++)
    line.width += widths[i];
  g_array_append_val (lines, line);
}

gboolean
mg_pdf_shaper_break (MgPdfShaper  *shaper,
                     const char   *text,
                     gboolean      bold,
                     double        size,
                     double        width,
                     GArray       *glyphs,
                     GArray       *lines,
                     GError      **error)
{
  double scales[MAX_FONTS];
  guint base = glyphs->len;
  const MgPdfGlyph *g;
  double *w;
  guint n;
  guint start = 0;
  double x = 0.0;
  guint last_break = 0;

  g_return_val_if_fail (text != NULL, FALSE);

  /* Most texts (quotes, tags, notes) take one line: where lines may break
   * is only asked of Pango for those that do not. */
  for (guint pass = 0; pass < 2; pass++)
    {
      gboolean one_line = TRUE;
      double total = 0.0;

      if (!shaper_glyphs (shaper, text, bold, pass == 0 ? NULL : shaper_log_attrs (shaper, text),
                          glyphs, error))
        {
          g_array_set_size (glyphs, base);
          return FALSE;
        }
      for (guint i = 0; i < shaper->fonts->len; i++)
        scales[i] = size / mg_pdf_font_get_units_per_em (g_ptr_array_index (shaper->fonts, i));

      n = glyphs->len - base;
      g_array_set_size (shaper->widths, n);
      w = (double *) (void *) shaper->widths->data;
      g = &g_array_index (glyphs, MgPdfGlyph, base);
      for (guint i = 0; i < n; i++)
        {
          w[i] = g[i].advance * scales[MG_PDF_GLYPH_FONT (&g[i])];
          total += w[i];
          one_line &= !(g[i].flags & GLYPH_HARD);
        }
      if (pass == 0 && one_line && total <= width)
        {
          shaper_emit (lines, glyphs, w, base, 0, n);
          return TRUE;
        }
      if (pass == 0)
        g_array_set_size (glyphs, base);
    }

  for (guint i = 0; i < n; i++)
    {
      if (g[i].flags & GLYPH_HARD)
        {
          shaper_emit (lines, glyphs, w, base, start, i);
          start = i + 1;
          x = 0.0;
          last_break = start;
          continue;
        }
      if ((g[i].flags & GLYPH_BREAK) && i > start)
        last_break = i;
      while (x + w[i] > width && !(g[i].flags & GLYPH_SPACE) && i > start)
        {
          guint cut = last_break;

          if (cut <= start)
            {
              /* No break in the line: cut the word before this glyph's
               * cluster, or before the cluster itself when it is alone. */
              cut = i;
              while (cut > start + 1 && !(g[cut].flags & MG_PDF_GLYPH_CLUSTER_START))
                cut--;
            }
          shaper_emit (lines, glyphs, w, base, start, cut);
          start = cut;
          while (start < i && (g[start].flags & GLYPH_SPACE))
            start++;
          x = 0.0;
          last_break = start;
          for (guint k = start; k < i; k++)
            {
              x += w[k];
              if ((g[k].flags & GLYPH_BREAK) && k > start)
                last_break = k;
            }
          if ((g[i].flags & GLYPH_BREAK) && i > start)
            last_break = i;
        }
      x += w[i];
    }
  shaper_emit (lines, glyphs, w, base, start, n);
  return TRUE;
}
