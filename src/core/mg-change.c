/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Marginalia"
#include "config.h"

#include <string.h>

#include "mg-change.h"
#include "mg-suggest.h"

/* Code points of context kept before a figure. */
#define CONTEXT_CHARS 6
/* Words of context kept before a figure in English. */
#define CONTEXT_WORDS 3

void
mg_change_free (MgChange *change)
{
  if (change == NULL)
    return;
  g_free (change->context);
  g_free (change->old_quote);
  g_free (change->new_quote);
  g_free (change);
}

const char *
mg_change_kind_to_string (MgChangeKind kind)
{
  switch (kind)
    {
    case MG_CHANGE_CHANGED:
      return "changed";
    case MG_CHANGE_NEW:
      return "new";
    case MG_CHANGE_KEPT:
      return "kept";
    case MG_CHANGE_DROPPED:
    default:
      return "dropped";
    }
}

typedef struct
{
  char  *quote;
  char  *context;
  char  *key;        /* context, unit */
  guint  paragraph;
  guint  start;
  guint  end;
} Figure;

static void
figure_clear (gpointer data)
{
  Figure *figure = data;

  g_free (figure->quote);
  g_free (figure->context);
  g_free (figure->key);
}

static gboolean
is_clause_break (gunichar c)
{
  return c == '\n' || c == 0x3002 || c == 0xFF0C || c == 0xFF1B || c == 0xFF1A ||
         c == 0x3001 || c == 0xFF01 || c == 0xFF1F || c == ',' || c == ';' || c == ':' ||
         c == '!' || c == '?' || c == '(' || c == ')' || c == 0xFF08 || c == 0xFF09 || c == '.';
}

static gboolean
is_number_char (gunichar c)
{
  return g_unichar_isdigit (c) || c == '.' || c == ',' || c == ' ' || c == 0x3000 ||
         g_utf8_strchr ("〇零一二三四五六七八九十百千万亿两多余", -1, c) != NULL;
}

/* The unit of a figure's quote: what follows its first digit, numbers,
 * magnitudes and spaces left out ("约1.2万人" → "人", "6.8%" → "%"). */
static char *
figure_unit (const char *quote)
{
  GString *unit = g_string_new (NULL);
  gboolean seen_digit = FALSE;

  for (const char *p = quote; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (!seen_digit)
        {
          seen_digit = g_unichar_isdigit (c) ||
                       g_utf8_strchr ("〇零一二三四五六七八九十百千两", -1, c) != NULL;
          if (!seen_digit)
            continue;
        }
      if (is_number_char (c))
        continue;
      g_string_append_unichar (unit, g_unichar_tolower (c));
    }
  return g_string_free (unit, FALSE);
}

/* The words just before [start, …) in its clause, after any other figure. */
static char *
figure_context (const gunichar *chars,
                guint           start,
                guint           floor)
{
  guint from = start;
  guint back = start;

  while (back > floor && g_unichar_isspace (chars[back - 1]))
    back--;
  if (back > floor && chars[back - 1] < 0x80)
    {
      /* English: up to CONTEXT_WORDS whole words. */
      guint words = 0;

      from = back;
      while (from > floor && !is_clause_break (chars[from - 1]) &&
             !g_unichar_isdigit (chars[from - 1]))
        {
          if (chars[from - 1] == ' ' && from < back && chars[from] != ' ' && ++words == CONTEXT_WORDS)
            break;
          from--;
        }
    }
  else
    while (from > floor && start - from < CONTEXT_CHARS && !is_clause_break (chars[from - 1]) &&
           !g_unichar_isdigit (chars[from - 1]))
      from--;
  while (from < start && g_unichar_isspace (chars[from]))
    from++;
  while (start > from && g_unichar_isspace (chars[start - 1]))
    start--;
  return g_ucs4_to_utf8 (chars + from, start - from, NULL, NULL, NULL);
}

static GArray *
collect_figures (MgDocument *document,
                 GListModel *suggestions)
{
  GArray *figures = g_array_new (FALSE, FALSE, sizeof (Figure));
  g_autofree gunichar *chars = g_utf8_to_ucs4_fast (mg_document_get_text (document),
                                                    (glong) mg_document_get_size (document), NULL);
  guint n = g_list_model_get_n_items (suggestions);
  guint floor = 0;

  g_array_set_clear_func (figures, figure_clear);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(MgSuggestion) s = g_list_model_get_item (suggestions, i);
      g_autofree char *unit = NULL;
      Figure figure;

      if (mg_suggestion_get_kind (s) != MG_SUGGESTION_FIGURE)
        continue;
      figure.quote = g_strdup (mg_suggestion_get_quote (s));
      figure.context = figure_context (chars, mg_suggestion_get_start (s), floor);
      unit = figure_unit (figure.quote);
      /* Without words before it, a figure can only be matched as it is. */
      figure.key = g_strconcat (figure.context, "\x1f",
                                *figure.context != '\0' ? unit : figure.quote, NULL);
      figure.paragraph = mg_suggestion_get_paragraph (s);
      figure.start = mg_suggestion_get_start (s);
      figure.end = mg_suggestion_get_end (s);
      floor = mg_suggestion_get_end (s);
      g_array_append_val (figures, figure);
    }
  return figures;
}

/* A quote and where it is in one of the speeches. */
typedef struct
{
  const char *quote;
  guint       paragraph;
  guint       start;
  guint       end;
} Place;

static MgChange *
change_new (MgChangeKind      change,
            MgSuggestionKind  kind,
            const char       *context,
            const Place      *old_place,
            const Place      *new_place)
{
  MgChange *c = g_new0 (MgChange, 1);

  c->change = change;
  c->kind = kind;
  c->context = g_strdup (context != NULL ? context : "");
  if (old_place != NULL)
    {
      c->old_quote = g_strdup (old_place->quote);
      c->old_paragraph = old_place->paragraph;
      c->old_start = old_place->start;
      c->old_end = old_place->end;
    }
  if (new_place != NULL)
    {
      c->new_quote = g_strdup (new_place->quote);
      c->new_paragraph = new_place->paragraph;
      c->new_start = new_place->start;
      c->new_end = new_place->end;
    }
  return c;
}

static Place
figure_place (const Figure *figure)
{
  Place place = { figure->quote, figure->paragraph, figure->start, figure->end };

  return place;
}

/* The slogans of a speech's suggestions, the first occurrence of each
 * text, in text order; the quotes belong to the suggestions. */
typedef struct
{
  GArray     *places;    /* Place */
  GHashTable *by_quote;  /* quote → index + 1 */
} Slogans;

static void
slogans_init (Slogans    *slogans,
              GListModel *suggestions)
{
  guint n = g_list_model_get_n_items (suggestions);

  slogans->places = g_array_new (FALSE, FALSE, sizeof (Place));
  slogans->by_quote = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(MgSuggestion) s = g_list_model_get_item (suggestions, i);
      Place place = { mg_suggestion_get_quote (s), mg_suggestion_get_paragraph (s),
                      mg_suggestion_get_start (s), mg_suggestion_get_end (s) };

      if (mg_suggestion_get_kind (s) != MG_SUGGESTION_SLOGAN ||
          g_hash_table_contains (slogans->by_quote, place.quote))
        continue;
      g_array_append_val (slogans->places, place);
      g_hash_table_insert (slogans->by_quote, (gpointer) place.quote,
                           GUINT_TO_POINTER (slogans->places->len));
    }
}

static void
slogans_clear (Slogans *slogans)
{
  g_clear_pointer (&slogans->places, g_array_unref);
  g_clear_pointer (&slogans->by_quote, g_hash_table_unref);
}

/* Where @quote is in @document: the place of its slogan when the engine
 * found it there, else where the text first has it; FALSE when absent. */
static gboolean
find_slogan (const Slogans *slogans,
             MgDocument    *document,
             const char    *quote,
             Place         *place)
{
  guint index = GPOINTER_TO_UINT (g_hash_table_lookup (slogans->by_quote, quote));
  const char *text = mg_document_get_text (document);
  const char *hit;

  if (index > 0)
    {
      *place = g_array_index (slogans->places, Place, index - 1);
      return TRUE;
    }
  hit = strstr (text, quote);
  if (hit == NULL)
    return FALSE;
  place->quote = quote;
  place->start = mg_document_byte_to_offset (document, (gsize) (hit - text));
  place->end = place->start + (guint) g_utf8_strlen (quote, -1);
  place->paragraph = mg_document_get_paragraph_at (document, place->start);
  return TRUE;
}

/* Slogans of @from absent from @to's text: new (@from is the new
 * speech's) or dropped. */
static void
compare_slogans (const Slogans *from,
                 MgDocument    *to,
                 MgChangeKind   change,
                 GPtrArray     *changes)
{
  const char *text = mg_document_get_text (to);

  for (guint i = 0; i < from->places->len; i++)
    {
      const Place *place = &g_array_index (from->places, Place, i);

      if (strstr (text, place->quote) != NULL)
        continue;
      g_ptr_array_add (changes, change_new (change, MG_SUGGESTION_SLOGAN, NULL,
                                            change == MG_CHANGE_NEW ? NULL : place,
                                            change == MG_CHANGE_NEW ? place : NULL));
    }
}

static int
compare_new_start (gconstpointer a,
                   gconstpointer b)
{
  const MgChange *x = *(const MgChange * const *) a;
  const MgChange *y = *(const MgChange * const *) b;

  return (x->new_start > y->new_start) - (x->new_start < y->new_start);
}

/* Slogans found in either speech and present in the other's text. */
static void
keep_slogans (const Slogans *old_slogans,
              MgDocument    *old_document,
              const Slogans *new_slogans,
              MgDocument    *new_document,
              GPtrArray     *changes)
{
  g_autoptr(GPtrArray) kept = g_ptr_array_new ();

  for (guint i = 0; i < new_slogans->places->len; i++)
    {
      const Place *new_place = &g_array_index (new_slogans->places, Place, i);
      Place old_place;

      if (find_slogan (old_slogans, old_document, new_place->quote, &old_place))
        g_ptr_array_add (kept, change_new (MG_CHANGE_KEPT, MG_SUGGESTION_SLOGAN, NULL,
                                           &old_place, new_place));
    }
  /* Found only in the old speech, but in the new one's text too. */
  for (guint i = 0; i < old_slogans->places->len; i++)
    {
      const Place *old_place = &g_array_index (old_slogans->places, Place, i);
      Place new_place;

      if (!g_hash_table_contains (new_slogans->by_quote, old_place->quote) &&
          find_slogan (new_slogans, new_document, old_place->quote, &new_place))
        g_ptr_array_add (kept, change_new (MG_CHANGE_KEPT, MG_SUGGESTION_SLOGAN, NULL,
                                           old_place, &new_place));
    }
  g_ptr_array_sort (kept, compare_new_start);
  g_ptr_array_extend_and_steal (changes, g_steal_pointer (&kept));
}

/* Figures with one key, in text order, by index into the array. */
static GHashTable *
index_figures (GArray *figures)
{
  GHashTable *index = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                             (GDestroyNotify) g_array_unref);

  for (guint i = 0; i < figures->len; i++)
    {
      Figure *figure = &g_array_index (figures, Figure, i);
      GArray *list = g_hash_table_lookup (index, figure->key);

      if (list == NULL)
        {
          list = g_array_new (FALSE, FALSE, sizeof (guint));
          g_hash_table_insert (index, figure->key, list);
        }
      g_array_append_val (list, i);
    }
  return index;
}

static void
compare_figures (GArray    *old_figures,
                 GArray    *new_figures,
                 GPtrArray *changed,
                 GPtrArray *added,
                 GPtrArray *dropped)
{
  g_autoptr(GHashTable) old_index = index_figures (old_figures);
  g_autoptr(GHashTable) new_index = index_figures (new_figures);
  g_autofree guint8 *old_used = g_new0 (guint8, old_figures->len + 1);

  /* Walk the new speech in order, pairing each figure with the next
   * unused one of the old speech under the same key. */
  for (guint i = 0; i < new_figures->len; i++)
    {
      Figure *figure = &g_array_index (new_figures, Figure, i);
      GArray *olds = g_hash_table_lookup (old_index, figure->key);
      GArray *news = g_hash_table_lookup (new_index, figure->key);
      guint rank = 0;

      /* The rank of this figure among the new ones with its key. */
      while (g_array_index (news, guint, rank) != i)
        rank++;
      if (olds != NULL && rank < olds->len)
        {
          guint o = g_array_index (olds, guint, rank);
          Figure *old = &g_array_index (old_figures, Figure, o);

          old_used[o] = TRUE;
          if (strcmp (old->quote, figure->quote) != 0)
            {
              Place old_place = figure_place (old);
              Place new_place = figure_place (figure);

              g_ptr_array_add (changed, change_new (MG_CHANGE_CHANGED, MG_SUGGESTION_FIGURE,
                                                    figure->context, &old_place, &new_place));
            }
        }
      else
        {
          Place new_place = figure_place (figure);

          g_ptr_array_add (added, change_new (MG_CHANGE_NEW, MG_SUGGESTION_FIGURE, figure->context,
                                              NULL, &new_place));
        }
    }
  for (guint o = 0; o < old_figures->len; o++)
    if (!old_used[o])
      {
        Figure *old = &g_array_index (old_figures, Figure, o);
        Place old_place = figure_place (old);

        g_ptr_array_add (dropped, change_new (MG_CHANGE_DROPPED, MG_SUGGESTION_FIGURE, old->context,
                                              &old_place, NULL));
      }
}

GPtrArray *
mg_change_compare_documents (MgDocument *old_document,
                             MgDocument *new_document)
{
  g_autoptr(GListStore) old_suggestions = NULL;
  g_autoptr(GListStore) new_suggestions = NULL;
  g_autoptr(GArray) old_figures = NULL;
  g_autoptr(GArray) new_figures = NULL;
  g_autoptr(GPtrArray) changed = g_ptr_array_new ();
  g_autoptr(GPtrArray) added = g_ptr_array_new ();
  g_autoptr(GPtrArray) dropped = g_ptr_array_new ();
  Slogans old_slogans, new_slogans;
  GPtrArray *changes;

  g_return_val_if_fail (MG_IS_DOCUMENT (old_document), NULL);
  g_return_val_if_fail (MG_IS_DOCUMENT (new_document), NULL);

  changes = g_ptr_array_new_with_free_func ((GDestroyNotify) mg_change_free);
  old_suggestions = mg_suggest_document (old_document, MG_SUGGEST_FIGURES | MG_SUGGEST_SLOGANS);
  new_suggestions = mg_suggest_document (new_document, MG_SUGGEST_FIGURES | MG_SUGGEST_SLOGANS);

  slogans_init (&old_slogans, G_LIST_MODEL (old_suggestions));
  slogans_init (&new_slogans, G_LIST_MODEL (new_suggestions));
  compare_slogans (&new_slogans, old_document, MG_CHANGE_NEW, changes);
  compare_slogans (&old_slogans, new_document, MG_CHANGE_DROPPED, changes);
  keep_slogans (&old_slogans, old_document, &new_slogans, new_document, changes);
  slogans_clear (&old_slogans);
  slogans_clear (&new_slogans);

  old_figures = collect_figures (old_document, G_LIST_MODEL (old_suggestions));
  new_figures = collect_figures (new_document, G_LIST_MODEL (new_suggestions));
  compare_figures (old_figures, new_figures, changed, added, dropped);
  g_ptr_array_extend_and_steal (changes, g_steal_pointer (&changed));
  g_ptr_array_extend_and_steal (changes, g_steal_pointer (&added));
  g_ptr_array_extend_and_steal (changes, g_steal_pointer (&dropped));
  return changes;
}
