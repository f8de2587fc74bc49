/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Marginalia"
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "mg-json-reader.h"
#include "mg-json-scan-private.h"

void
mg_json_reader_init (MgJsonReader *r,
                     const char   *data,
                     gsize         length)
{
  memset (r, 0, sizeof *r);
  r->data = data;
  r->p = data;
  r->end = data + length;
  r->line_start = data;
  r->line = 1;
  /* No string unescapes longer than it is written (quotes included), so
   * the text's length is room for all of them. The block is allocated at
   * once; its pages are only touched as strings fill them. */
  r->strings = g_malloc (length + 1);
  r->out = r->strings;
}

void
mg_json_reader_clear (MgJsonReader *r)
{
  g_clear_pointer (&r->strings, g_free);
  g_clear_pointer (&r->message, g_free);
  g_clear_pointer (&r->bad_escapes, g_array_unref);
}

/* --- Errors ---------------------------------------------------------------- */

static gboolean
failed (MgJsonReader *r)
{
  return r->error != MG_JSON_ERROR_NONE;
}

/* Records the first error, at byte @at; FALSE. Bytes that are not UTF-8
 * anywhere in the text make any error of form that one: the rest is
 * noise. */
static gboolean
fail_at (MgJsonReader *r,
         MgJsonError   error,
         const char   *at,
         char         *message)
{
  const char *bad = NULL;

  if (failed (r))
    {
      g_free (message);
      return FALSE;
    }
  if ((error == MG_JSON_ERROR_SYNTAX || error == MG_JSON_ERROR_CUT_SHORT
       || error == MG_JSON_ERROR_TRAILING || error == MG_JSON_ERROR_NOT_UTF8)
      && !g_utf8_validate_len (r->data, r->end - r->data, &bad))
    {
      error = MG_JSON_ERROR_NOT_UTF8;
      at = bad;
      g_clear_pointer (&message, g_free);
    }
  r->error = error;
  r->message = message;
  r->error_offset = at - r->data;
  /* Nothing more is read. */
  r->p = r->end;
  return FALSE;
}

static gboolean
fail_cut_short (MgJsonReader *r)
{
  return fail_at (r, MG_JSON_ERROR_CUT_SHORT, r->end, NULL);
}

/* The last byte of what was read before @at: where a reader of the text
 * would say reading stopped making sense. */
static const char *
before (MgJsonReader *r,
        const char   *at)
{
  const char *q = at;

  while (q > r->data && (q[-1] == ' ' || q[-1] == '\n' || q[-1] == '\r' || q[-1] == '\t'))
    q--;
  return q > r->data ? q - 1 : r->data;
}

/* "“x”" for the character at @at, for messages. */
static char *
describe_char (const char *at,
               const char *end)
{
  gunichar c = g_utf8_get_char_validated (at, end - at);

  if (c == (gunichar) -1 || c == (gunichar) -2 || c < 0x20 || c == 0x7F)
    return g_strdup_printf ("U+%04X", c < 0x80 ? c : (guchar) *at);
  return g_strdup_printf ("“%.*s”", (int) (g_utf8_next_char (at) - at), at);
}

static gboolean
is_word_char (char c)
{
  return g_ascii_isalnum (c) || c == '_' || c == '$';
}

/* Something that cannot start a value where one is expected. */
static gboolean
fail_unexpected (MgJsonReader *r,
                 const char   *at,
                 const char   *expected)
{
  if (g_ascii_isalpha (*at) || *at == '_' || *at == '$')
    {
      const char *w = at;

      while (w < r->end && is_word_char (*w))
        w++;
      if (w == r->end)
        return fail_cut_short (r);
      return fail_at (r, MG_JSON_ERROR_SYNTAX, w - 1,
                      g_strdup_printf (_("unexpected word “%.*s”, expected %s"),
                                       (int) MIN (w - at, 40), at, expected));
    }
  if (g_ascii_isdigit (*at) || *at == '-')
    {
      const char *w = at + 1;

      while (w < r->end && (is_word_char (*w) || *w == '.' || *w == '-' || *w == '+'))
        w++;
      return fail_at (r, MG_JSON_ERROR_SYNTAX, before (r, at),
                      g_strdup_printf (_("unexpected number “%.*s”, expected %s"),
                                       (int) MIN (w - at, 40), at, expected));
    }
  {
    g_autofree char *what = describe_char (at, r->end);

    return fail_at (r, MG_JSON_ERROR_SYNTAX, before (r, at),
                    g_strdup_printf (_("unexpected character %s, expected %s"), what, expected));
  }
}

/* --- Tokens ---------------------------------------------------------------- */

static inline void
skip_space (MgJsonReader *r)
{
  const char *p = r->p;

  while (p < r->end)
    {
      char c = *p;

      if (c == ' ' || c == '\t' || c == '\r')
        p++;
      else if (c == '\n')
        {
          r->line++;
          r->line_start = ++p;
        }
      else
        break;
    }
  r->p = p;
}

static void
set_pos (MgJsonReader *r,
         MgJsonPos    *pos)
{
  if (pos == NULL)
    return;
  pos->offset = r->p - r->data;
  pos->line_start = r->line_start - r->data;
  pos->line = r->line;
}

MgJsonKind
mg_json_reader_peek (MgJsonReader *r,
                     MgJsonPos    *pos)
{
  skip_space (r);
  set_pos (r, pos);
  if (failed (r))
    return MG_JSON_NONE;
  if (r->p >= r->end)
    {
      /* Only the first value can be missing at depth 0: a blank text. */
      if (r->depth == 0)
        fail_at (r, MG_JSON_ERROR_EMPTY, r->data, NULL);
      else
        fail_cut_short (r);
      return MG_JSON_NONE;
    }

  switch (*r->p)
    {
    case '{':
      return MG_JSON_OBJECT;
    case '[':
      return MG_JSON_ARRAY;
    case '"':
      return MG_JSON_STRING;
    case 't':
    case 'f':
      return MG_JSON_BOOLEAN;
    case 'n':
      return MG_JSON_NULL;
    case '-':
    case '0': case '1': case '2': case '3': case '4':
    case '5': case '6': case '7': case '8': case '9':
      return MG_JSON_NUMBER;
    default:
      fail_unexpected (r, r->p, _("a value"));
      return MG_JSON_NONE;
    }
}

gboolean
mg_json_reader_enter (MgJsonReader *r)
{
  if (failed (r))
    return FALSE;
  g_return_val_if_fail (r->p < r->end && (*r->p == '{' || *r->p == '['), FALSE);
  if (r->depth >= MG_JSON_MAX_DEPTH)
    return fail_at (r, MG_JSON_ERROR_TOO_DEEP, r->p, NULL);
  r->depth++;
  r->p++;
  return TRUE;
}

static gunichar
bad_escape (MgJsonReader *r,
            const guchar *at,
            gboolean      nul)
{
  MgJsonBadEscape e = { (const char *) at - r->data, nul };

  if (r->bad_escapes == NULL)
    r->bad_escapes = g_array_new (FALSE, FALSE, sizeof (MgJsonBadEscape));
  g_array_append_val (r->bad_escapes, e);
  return 0xFFFD;
}

/* Reads the string at r->p (on its opening quote) into the block of
 * strings. Only strings can hold bytes beyond ASCII, so only those that
 * do are validated. */
static const char *
read_string (MgJsonReader *r,
             gsize        *length)
{
  const guchar *p = (const guchar *) r->p + 1;
  const guchar *end = (const guchar *) r->end;
  char *start = r->out;
  char *out = r->out;
  guint64 high = 0;

  if (failed (r))
    return NULL;

  for (;;)
    {
      const guchar *run = p;
      guchar c;
      gunichar ch;

      p += _mg_json_scan_plain (p, end, &high);
      memcpy (out, run, p - run);
      out += p - run;
      if (p >= end)
        return fail_cut_short (r), NULL;
      c = *p;
      if (c == '"')
        {
          p++;
          break;
        }
      if (c < 0x20)
        return fail_at (r, MG_JSON_ERROR_SYNTAX, (const char *) p,
                        g_strdup (_("a control character in a string (write it as an escape such as \\n)"))), NULL;

      /* An escape. */
      if (p + 1 >= end)
        return fail_cut_short (r), NULL;
      switch (p[1])
        {
        case '"': ch = '"'; break;
        case '\\': ch = '\\'; break;
        case '/': ch = '/'; break;
        case 'b': ch = '\b'; break;
        case 'f': ch = '\f'; break;
        case 'n': ch = '\n'; break;
        case 'r': ch = '\r'; break;
        case 't': ch = '\t'; break;
        case 'u':
          {
            const guchar *e = p;
            guint value = 0;

            for (guint i = 0; i < 4; i++)
              {
                int d;

                if (p + 2 + i >= end)
                  return fail_cut_short (r), NULL;
                d = g_ascii_xdigit_value (p[2 + i]);
                if (d < 0)
                  return fail_at (r, MG_JSON_ERROR_SYNTAX, (const char *) e,
                                  g_strdup (_("“\\u” must be followed by four hexadecimal digits"))), NULL;
                value = value * 16 + d;
              }
            ch = value;
            if (value == 0)
              ch = bad_escape (r, e, TRUE);
            else if (value >= 0xDC00 && value <= 0xDFFF)
              ch = bad_escape (r, e, FALSE);
            else if (value >= 0xD800 && value <= 0xDBFF)
              {
                guint low = 0;
                gboolean paired = end - p >= 12 && p[6] == '\\' && p[7] == 'u';

                for (guint i = 0; paired && i < 4; i++)
                  {
                    int d = g_ascii_xdigit_value (p[8 + i]);

                    paired = d >= 0;
                    low = low * 16 + MAX (d, 0);
                  }
                if (paired && low >= 0xDC00 && low <= 0xDFFF)
                  {
                    ch = 0x10000 + ((value - 0xD800) << 10) + (low - 0xDC00);
                    p += 6;
                  }
                else
                  ch = bad_escape (r, e, FALSE);
              }
            p += 4;
          }
          break;
        default:
          {
            g_autofree char *what = describe_char ((const char *) p + 1, (const char *) end);

            return fail_at (r, MG_JSON_ERROR_SYNTAX, (const char *) p,
                            g_strdup_printf (_("“\\” followed by %s is no escape JSON knows"), what)), NULL;
          }
        }
      p += 2;
      out += g_unichar_to_utf8 (ch, out);
    }

  *out = '\0';
  if ((high & MG_JSON_SCAN_HIGHS) != 0 && !g_utf8_validate_len (start, out - start, NULL))
    return fail_at (r, MG_JSON_ERROR_NOT_UTF8, (const char *) p, NULL), NULL;
  r->out = out + 1;
  r->p = (const char *) p;
  if (length != NULL)
    *length = out - start;
  return start;
}

const char *
mg_json_reader_string (MgJsonReader *r,
                       gsize        *length)
{
  if (failed (r))
    return NULL;
  g_return_val_if_fail (r->p < r->end && *r->p == '"', NULL);
  return read_string (r, length);
}

/* Steps over the separator before the next item of the object or array
 * being read, which @close ends: 1 when an item follows, 0 at the end of
 * the container (consumed), -1 on an error. */
static int
next_item (MgJsonReader *r,
           guint         count,
           char          close)
{
  skip_space (r);
  if (failed (r))
    return -1;
  if (r->p >= r->end)
    {
      fail_cut_short (r);
      return -1;
    }
  if (*r->p == close)
    {
      r->p++;
      r->depth--;
      return 0;
    }
  if (count == 0)
    return 1;
  if (*r->p != ',')
    {
      fail_unexpected (r, r->p, close == '}' ? _("“,” or “}”") : _("“,” or “]”"));
      return -1;
    }
  r->p++;
  skip_space (r);
  if (r->p >= r->end)
    {
      fail_cut_short (r);
      return -1;
    }
  if (*r->p == close)
    {
      fail_at (r, MG_JSON_ERROR_SYNTAX, before (r, r->p),
               g_strdup (close == '}'
                         ? _("a comma before “}”: another member was expected")
                         : _("a comma before “]”: another value was expected")));
      return -1;
    }
  return 1;
}

/* Reads the next member's name and its colon; FALSE at the end of the
 * object (or on an error). */
gboolean
mg_json_reader_next_member (MgJsonReader *r,
                            guint        *count,
                            const char  **name,
                            MgJsonPos    *name_pos)
{
  if (next_item (r, *count, '}') <= 0)
    return FALSE;
  if (*r->p != '"')
    return fail_unexpected (r, r->p, _("a member name in double quotes"));
  set_pos (r, name_pos);
  *name = read_string (r, NULL);
  if (*name == NULL)
    return FALSE;
  skip_space (r);
  if (r->p >= r->end)
    return fail_cut_short (r);
  if (*r->p != ':')
    return fail_unexpected (r, r->p, _("“:” after the member name"));
  r->p++;
  (*count)++;
  return TRUE;
}

gboolean
mg_json_reader_next_element (MgJsonReader *r,
                             guint        *count)
{
  if (next_item (r, *count, ']') <= 0)
    return FALSE;
  (*count)++;
  return TRUE;
}

gboolean
mg_json_reader_number (MgJsonReader *r,
                       MgJsonNumber *number)
{
  const char *s = r->p, *p = r->p, *end = r->end;
  gboolean negative = FALSE, whole = TRUE, overflow = FALSE;
  guint64 value = 0;

  if (failed (r))
    return FALSE;
  if (*p == '-')
    {
      negative = TRUE;
      p++;
    }
  if (p >= end)
    return fail_cut_short (r);
  if (!g_ascii_isdigit (*p))
    return fail_at (r, MG_JSON_ERROR_SYNTAX, s, g_strdup (_("“-” must be followed by a digit")));
  if (*p == '0')
    {
      p++;
      if (p < end && g_ascii_isdigit (*p))
        return fail_at (r, MG_JSON_ERROR_SYNTAX, s, g_strdup (_("a number cannot start with 0")));
    }
  else
    while (p < end && g_ascii_isdigit (*p))
      {
        guint d = *p++ - '0';

        if (value > (G_MAXUINT64 - d) / 10)
          overflow = TRUE;
        else
          value = value * 10 + d;
      }
  if (p < end && *p == '.')
    {
      whole = FALSE;
      p++;
      if (p >= end)
        return fail_cut_short (r);
      if (!g_ascii_isdigit (*p))
        return fail_at (r, MG_JSON_ERROR_SYNTAX, s, g_strdup (_("“.” in a number must be followed by a digit")));
      while (p < end && g_ascii_isdigit (*p))
        p++;
    }
  if (p < end && (*p == 'e' || *p == 'E'))
    {
      whole = FALSE;
      p++;
      if (p < end && (*p == '+' || *p == '-'))
        p++;
      if (p >= end)
        return fail_cut_short (r);
      if (!g_ascii_isdigit (*p))
        return fail_at (r, MG_JSON_ERROR_SYNTAX, s, g_strdup (_("an exponent must have digits")));
      while (p < end && g_ascii_isdigit (*p))
        p++;
    }
  if (p < end && is_word_char (*p))
    return fail_unexpected (r, s, _("a value"));

  number->text = s;
  number->length = p - s;
  number->integer = 0;
  number->fraction = 0;
  if (whole && !overflow && value <= (guint64) G_MAXINT64 + negative)
    {
      number->kind = MG_JSON_NUMBER_INT;
      number->integer = negative ? (gint64) (0 - value) : (gint64) value;
      number->fraction = (double) number->integer;
    }
  else
    {
      char buffer[64];
      g_autofree char *copy = NULL;
      const char *text = buffer;

      if (number->length < sizeof buffer)
        {
          memcpy (buffer, s, number->length);
          buffer[number->length] = '\0';
        }
      else
        text = copy = g_strndup (s, number->length);
      number->kind = whole ? MG_JSON_NUMBER_HUGE : MG_JSON_NUMBER_FRACTION;
      number->fraction = g_ascii_strtod (text, NULL);
    }
  r->p = p;
  return TRUE;
}

static gboolean
read_word (MgJsonReader *r,
           const char   *word,
           gsize         length)
{
  if ((gsize) (r->end - r->p) >= length && memcmp (r->p, word, length) == 0
      && (r->p + length == r->end || !is_word_char (r->p[length])))
    {
      r->p += length;
      return TRUE;
    }
  return fail_unexpected (r, r->p, _("a value"));
}

gboolean
mg_json_reader_boolean (MgJsonReader *r,
                        gboolean     *value)
{
  if (failed (r))
    return FALSE;
  *value = *r->p == 't';
  return *value ? read_word (r, "true", 4) : read_word (r, "false", 5);
}

gboolean
mg_json_reader_null (MgJsonReader *r)
{
  if (failed (r))
    return FALSE;
  return read_word (r, "null", 4);
}

gboolean
mg_json_reader_skip (MgJsonReader *r)
{
  MgJsonNumber number;
  gboolean boolean;
  guint count = 0;
  const char *name;
  char *out;

  switch (mg_json_reader_peek (r, NULL))
    {
    case MG_JSON_OBJECT:
      if (!mg_json_reader_enter (r))
        return FALSE;
      /* The names are kept no more than the values. */
      out = r->out;
      while (mg_json_reader_next_member (r, &count, &name, NULL))
        {
          r->out = out;
          if (!mg_json_reader_skip (r))
            return FALSE;
        }
      r->out = out;
      return !failed (r);
    case MG_JSON_ARRAY:
      if (!mg_json_reader_enter (r))
        return FALSE;
      while (mg_json_reader_next_element (r, &count))
        if (!mg_json_reader_skip (r))
          return FALSE;
      return !failed (r);
    case MG_JSON_STRING:
      out = r->out;
      if (read_string (r, NULL) == NULL)
        return FALSE;
      r->out = out;
      return TRUE;
    case MG_JSON_NUMBER:
      return mg_json_reader_number (r, &number);
    case MG_JSON_BOOLEAN:
      return mg_json_reader_boolean (r, &boolean);
    case MG_JSON_NULL:
      return mg_json_reader_null (r);
    case MG_JSON_NONE:
    default:
      return FALSE;
    }
}

typedef struct
{
  const char *name;
  MgJsonPos   pos;
} NamePos;

JsonNode *
mg_json_reader_node (MgJsonReader    *r,
                     GString         *path,
                     MgJsonNodeIssue  issue,
                     gpointer         user_data)
{
  gsize base = path->len;
  MgJsonNumber number;
  gboolean boolean;
  guint count = 0;
  JsonNode *node;
  MgJsonPos pos;

  switch (mg_json_reader_peek (r, &pos))
    {
    case MG_JSON_OBJECT:
      {
        g_autoptr(JsonObject) object = json_object_new ();
        g_autoptr(GArray) names = g_array_new (FALSE, FALSE, sizeof (NamePos));
        NamePos np;

        if (!mg_json_reader_enter (r))
          return NULL;
        while (mg_json_reader_next_member (r, &count, &np.name, &np.pos))
          {
            JsonNode *member;

            if (base > 0)
              g_string_append_c (path, '.');
            g_string_append (path, np.name);
            if (json_object_has_member (object, np.name))
              for (guint i = 0; i < names->len; i++)
                if (strcmp (g_array_index (names, NamePos, i).name, np.name) == 0)
                  {
                    issue (user_data, path->str, np.name, &np.pos, &g_array_index (names, NamePos, i).pos);
                    break;
                  }
            g_array_append_val (names, np);
            member = mg_json_reader_node (r, path, issue, user_data);
            g_string_truncate (path, base);
            if (member == NULL)
              return NULL;
            json_object_set_member (object, np.name, member);
          }
        if (failed (r))
          return NULL;
        node = json_node_alloc ();
        json_node_init_object (node, object);
        return node;
      }
    case MG_JSON_ARRAY:
      {
        g_autoptr(JsonArray) array = json_array_new ();

        if (!mg_json_reader_enter (r))
          return NULL;
        while (mg_json_reader_next_element (r, &count))
          {
            JsonNode *element;

            g_string_append_printf (path, "[%u]", count - 1);
            element = mg_json_reader_node (r, path, issue, user_data);
            g_string_truncate (path, base);
            if (element == NULL)
              return NULL;
            json_array_add_element (array, element);
          }
        if (failed (r))
          return NULL;
        node = json_node_alloc ();
        json_node_init_array (node, array);
        return node;
      }
    case MG_JSON_STRING:
      {
        const char *s = read_string (r, NULL);

        if (s == NULL)
          return NULL;
        node = json_node_alloc ();
        json_node_init_string (node, s);
        return node;
      }
    case MG_JSON_NUMBER:
      if (!mg_json_reader_number (r, &number))
        return NULL;
      node = json_node_alloc ();
      if (number.kind == MG_JSON_NUMBER_INT)
        json_node_init_int (node, number.integer);
      else
        {
          if (number.kind == MG_JSON_NUMBER_HUGE)
            {
              g_autofree char *text = g_strndup (number.text, number.length);

              issue (user_data, path->str, text, &pos, NULL);
            }
          json_node_init_double (node, number.fraction);
        }
      return node;
    case MG_JSON_BOOLEAN:
      if (!mg_json_reader_boolean (r, &boolean))
        return NULL;
      node = json_node_alloc ();
      json_node_init_boolean (node, boolean);
      return node;
    case MG_JSON_NULL:
      if (!mg_json_reader_null (r))
        return NULL;
      node = json_node_alloc ();
      json_node_init_null (node);
      return node;
    case MG_JSON_NONE:
    default:
      return NULL;
    }
}

gboolean
mg_json_reader_finish (MgJsonReader *r)
{
  skip_space (r);
  if (failed (r))
    return FALSE;
  if (r->p < r->end)
    return fail_at (r, MG_JSON_ERROR_TRAILING, r->p, NULL);
  return TRUE;
}

void
mg_json_reader_rewind (MgJsonReader    *r,
                       const MgJsonPos *pos,
                       guint            depth)
{
  g_return_if_fail (!failed (r));
  r->p = r->data + pos->offset;
  r->line_start = r->data + pos->line_start;
  r->line = pos->line;
  r->depth = depth;
}

static guint
count_chars (const char *p,
             const char *end)
{
  guint n = 0;

  for (; p < end; p++)
    n += ((guchar) *p & 0xC0) != 0x80;
  return n;
}

void
mg_json_reader_locate (MgJsonReader    *r,
                       const MgJsonPos *pos,
                       guint           *line,
                       guint           *column)
{
  /* A minified file is one long line: count on from the column asked
   * last when it is on the same line, before this one. */
  if (r->column == 0 || r->column_line != pos->line_start || r->column_offset > pos->offset)
    {
      r->column_line = pos->line_start;
      r->column_offset = pos->line_start;
      r->column = 1;
    }
  r->column += count_chars (r->data + r->column_offset, r->data + pos->offset);
  r->column_offset = pos->offset;
  *line = pos->line;
  *column = r->column;
}

void
mg_json_reader_error_position (MgJsonReader *r,
                               guint        *line,
                               guint        *column)
{
  const char *at = r->data + MIN (r->error_offset, (gsize) (r->end - r->data));
  const char *line_start = r->data;
  guint n = 1;

  for (const char *q = r->data; q < at; q++)
    if (*q == '\n')
      {
        n++;
        line_start = q + 1;
      }
  *line = n;
  *column = 1 + count_chars (line_start, at);
}

char *
mg_json_reader_describe_error (MgJsonReader *r)
{
  switch (r->error)
    {
    case MG_JSON_ERROR_EMPTY:
      return g_strdup (_("the file is empty"));
    case MG_JSON_ERROR_CUT_SHORT:
      return g_strdup (_("the text ends before its last string, object or array is closed (was it cut short?)"));
    case MG_JSON_ERROR_NOT_UTF8:
      return g_strdup (_("the text is not UTF-8 (or holds a NUL byte)"));
    case MG_JSON_ERROR_TRAILING:
      return g_strdup (_("more data follows the end of the value"));
    case MG_JSON_ERROR_TOO_DEEP:
      return g_strdup_printf (_("arrays and objects nested more than %u deep"), MG_JSON_MAX_DEPTH);
    case MG_JSON_ERROR_SYNTAX:
      return g_strdup (r->message);
    case MG_JSON_ERROR_NONE:
    default:
      return g_strdup ("");
    }
}

const char *
mg_json_kind_describe (MgJsonKind kind,
                       gboolean   fraction)
{
  switch (kind)
    {
    case MG_JSON_OBJECT:
      return _("an object");
    case MG_JSON_ARRAY:
      return _("an array");
    case MG_JSON_NULL:
      return _("null");
    case MG_JSON_STRING:
      return _("a string");
    case MG_JSON_BOOLEAN:
      return _("true or false");
    case MG_JSON_NUMBER:
      return fraction ? _("a fractional number") : _("a number");
    case MG_JSON_NONE:
    default:
      return _("nothing");
    }
}

const char *
mg_json_node_describe (JsonNode *node)
{
  GType type;

  switch (JSON_NODE_TYPE (node))
    {
    case JSON_NODE_OBJECT:
      return mg_json_kind_describe (MG_JSON_OBJECT, FALSE);
    case JSON_NODE_ARRAY:
      return mg_json_kind_describe (MG_JSON_ARRAY, FALSE);
    case JSON_NODE_NULL:
      return mg_json_kind_describe (MG_JSON_NULL, FALSE);
    case JSON_NODE_VALUE:
    default:
      break;
    }
  type = json_node_get_value_type (node);
  if (type == G_TYPE_STRING)
    return mg_json_kind_describe (MG_JSON_STRING, FALSE);
  if (type == G_TYPE_BOOLEAN)
    return mg_json_kind_describe (MG_JSON_BOOLEAN, FALSE);
  return mg_json_kind_describe (MG_JSON_NUMBER, type == G_TYPE_DOUBLE);
}
