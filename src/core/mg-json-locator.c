/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Marginalia"
#include "config.h"

#include <string.h>

#include "mg-json-locator.h"

typedef struct
{
  guint line;
  guint column;
  guint found : 1;
} Position;

struct _MgJsonLocator
{
  const char *data;
  gsize       length;
  GHashTable *positions;  /* path → Position */
  guint       pending : 1;
};

typedef struct
{
  const char *data;
  gsize       length;
  gsize       pos;
  guint       line;
  guint       column;
} Cursor;

typedef struct
{
  gboolean    is_array;
  guint       index;
  gsize       path_len;
  GHashTable *names;     /* member name → Position, when looking for duplicates */
} Frame;

guint
mg_json_nesting_depth (const char *data,
                       gsize       length,
                       guint       limit,
                       gsize      *out_offset)
{
  guint depth = 0;
  guint deepest = 0;
  gboolean in_string = FALSE;

  for (gsize i = 0; i < length; i++)
    {
      char c = data[i];

      if (in_string)
        {
          if (c == '\\')
            i++;
          else if (c == '"')
            in_string = FALSE;
          continue;
        }

      switch (c)
        {
        case '"':
          in_string = TRUE;
          break;
        case '[':
        case '{':
          depth++;
          if (depth > limit)
            {
              if (out_offset != NULL)
                *out_offset = i;
              return limit + 1;
            }
          deepest = MAX (deepest, depth);
          break;
        case ']':
        case '}':
          if (depth > 0)
            depth--;
          break;
        default:
          break;
        }
    }

  if (out_offset != NULL)
    *out_offset = 0;
  return deepest;
}

gboolean
mg_json_ends_open (const char *data,
                   gsize       length)
{
  gsize depth = 0;
  gboolean in_string = FALSE;

  for (gsize i = 0; i < length; i++)
    {
      char c = data[i];

      if (in_string)
        {
          if (c == '\\')
            i++;
          else if (c == '"')
            in_string = FALSE;
        }
      else if (c == '"')
        in_string = TRUE;
      else if (c == '[' || c == '{')
        depth++;
      else if ((c == ']' || c == '}') && depth > 0)
        depth--;
    }

  return in_string || depth > 0;
}

void
mg_json_position_of_byte (const char *data,
                          gsize       length,
                          gsize       offset,
                          guint      *out_line,
                          guint      *out_column)
{
  guint line = 1;
  guint column = 1;

  offset = MIN (offset, length);
  for (gsize i = 0; i < offset; i++)
    {
      guchar b = (guchar) data[i];

      if (b == '\n')
        {
          line++;
          column = 1;
        }
      else if ((b & 0xC0) != 0x80)
        column++;
    }

  *out_line = line;
  *out_column = column;
}

static gboolean
read_number (const char **p,
             guint       *out)
{
  guint64 v = 0;
  const char *s = *p;

  if (!g_ascii_isdigit (*s))
    return FALSE;
  while (g_ascii_isdigit (*s))
    {
      v = v * 10 + (guint64) (*s - '0');
      if (v > G_MAXUINT)
        return FALSE;
      s++;
    }
  *out = (guint) v;
  *p = s;
  return TRUE;
}

char *
mg_json_parse_error_split (const char *data,
                           gsize       length,
                           const char *message,
                           guint      *out_line,
                           guint      *out_column)
{
  *out_line = 0;
  *out_column = 0;

  for (const char *p = message; p != NULL && *p != '\0'; p++)
    {
      const char *s = p + 1;
      guint line, byte_column;

      if (*p != ':')
        continue;
      if (!read_number (&s, &line) || *s != ':')
        continue;
      s++;
      if (!read_number (&s, &byte_column) || s[0] != ':' || s[1] != ' ')
        continue;

      /* Convert the byte column json-glib counts into characters. */
      {
        gsize i = 0;
        guint l = 1;
        gsize line_end;
        gsize limit;
        guint column = 1;

        while (i < length && l < line)
          {
            if (data[i] == '\n')
              l++;
            i++;
          }
        line_end = i;
        while (line_end < length && data[line_end] != '\n')
          line_end++;
        limit = MIN (line_end, i + (byte_column > 0 ? byte_column - 1 : 0));
        for (; i < limit; i++)
          if ((((guchar) data[i]) & 0xC0) != 0x80)
            column++;

        *out_line = MAX (line, 1);
        *out_column = column;
      }
      return g_strdup (s + 2);
    }

  return g_strdup (message != NULL ? message : "");
}

MgJsonLocator *
mg_json_locator_new (const char *data,
                     gsize       length)
{
  MgJsonLocator *self = g_new0 (MgJsonLocator, 1);

  self->data = data;
  self->length = length;
  self->positions = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  return self;
}

void
mg_json_locator_free (MgJsonLocator *self)
{
  if (self == NULL)
    return;
  g_hash_table_unref (self->positions);
  g_free (self);
}

/* "a.b[2]" → "a.b"; "a.b" → "a"; "a" → "". */
static gsize
parent_length (const char *path,
               gsize       len)
{
  if (len == 0)
    return 0;
  if (path[len - 1] == ']')
    {
      while (len > 0 && path[len - 1] != '[')
        len--;
      return len > 0 ? len - 1 : 0;
    }
  while (len > 0 && path[len - 1] != '.' && path[len - 1] != ']')
    len--;
  if (len > 0 && path[len - 1] == '.')
    return len - 1;
  return len;
}

void
mg_json_locator_request (MgJsonLocator *self,
                         const char    *path)
{
  gsize len;

  g_return_if_fail (self != NULL);
  g_return_if_fail (path != NULL);

  len = strlen (path);
  for (;;)
    {
      char *p = g_strndup (path, len);

      if (g_hash_table_contains (self->positions, p))
        {
          g_free (p);
        }
      else
        {
          g_hash_table_insert (self->positions, p, g_new0 (Position, 1));
          self->pending = TRUE;
        }
      if (len == 0)
        break;
      len = parent_length (path, len);
    }
}

static inline char
peek (Cursor *c)
{
  return c->pos < c->length ? c->data[c->pos] : '\0';
}

static inline void
advance (Cursor *c)
{
  guchar b;

  if (c->pos >= c->length)
    return;
  b = (guchar) c->data[c->pos++];
  if (b == '\n')
    {
      c->line++;
      c->column = 1;
    }
  else if ((b & 0xC0) != 0x80)
    c->column++;
}

static void
skip_ws (Cursor *c)
{
  for (;;)
    {
      char ch = peek (c);

      if (ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r')
        advance (c);
      else
        return;
    }
}

static guint
read_hex4 (Cursor *c)
{
  guint v = 0;

  for (int k = 0; k < 4; k++)
    {
      char ch = peek (c);

      if (!g_ascii_isxdigit (ch))
        return G_MAXUINT;
      v = v * 16 + (guint) g_ascii_xdigit_value (ch);
      advance (c);
    }
  return v;
}

/* At the opening quote: moves past the closing one, appending the
 * unescaped contents to @out when not NULL. FALSE at the end of data. */
static gboolean
scan_string (Cursor  *c,
             GString *out)
{
  advance (c);
  for (;;)
    {
      char ch = peek (c);

      if (c->pos >= c->length)
        return FALSE;
      if (ch == '"')
        {
          advance (c);
          return TRUE;
        }
      if (ch != '\\')
        {
          if (out != NULL)
            g_string_append_c (out, ch);
          advance (c);
          continue;
        }

      advance (c);
      ch = peek (c);
      if (ch == 'u')
        {
          guint u;

          advance (c);
          u = read_hex4 (c);
          if (u >= 0xD800 && u < 0xDC00 && peek (c) == '\\')
            {
              advance (c);
              if (peek (c) == 'u')
                {
                  guint low;

                  advance (c);
                  low = read_hex4 (c);
                  if (low >= 0xDC00 && low < 0xE000)
                    u = 0x10000 + ((u - 0xD800) << 10) + (low - 0xDC00);
                }
            }
          if (out != NULL && u != G_MAXUINT)
            g_string_append_unichar (out, u);
          continue;
        }

      if (out != NULL)
        {
          switch (ch)
            {
            case 'n': g_string_append_c (out, '\n'); break;
            case 't': g_string_append_c (out, '\t'); break;
            case 'r': g_string_append_c (out, '\r'); break;
            case 'b': g_string_append_c (out, '\b'); break;
            case 'f': g_string_append_c (out, '\f'); break;
            default: g_string_append_c (out, ch); break;
            }
        }
      advance (c);
    }
}

static void
record (MgJsonLocator *self,
        GString       *path,
        Cursor        *c)
{
  Position *p = g_hash_table_lookup (self->positions, path->str);

  if (p != NULL && !p->found)
    {
      p->line = c->line;
      p->column = c->column;
      p->found = TRUE;
    }
}

static void
frame_clear (gpointer data)
{
  Frame *frame = data;

  g_clear_pointer (&frame->names, g_hash_table_unref);
}

/* Notes the member @key of the innermost object, adding an
 * MgJsonIssue to @issues when the object already has one of that
 * name. @c is on the member's name. */
static void
note_member (GArray     *stack,
             GString    *path,
             GString    *key,
             Cursor     *c,
             GPtrArray  *issues)
{
  Frame *top = &g_array_index (stack, Frame, stack->len - 1);
  Position *first;

  if (top->names == NULL)
    top->names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  first = g_hash_table_lookup (top->names, key->str);
  if (first == NULL)
    {
      Position *p = g_new0 (Position, 1);

      p->line = c->line;
      p->column = c->column;
      p->found = TRUE;
      g_hash_table_insert (top->names, g_strndup (key->str, key->len), p);
    }
  else
    {
      MgJsonIssue *d = g_new0 (MgJsonIssue, 1);

      d->kind = MG_JSON_ISSUE_DUPLICATE_MEMBER;
      d->path = path->len > 0 ? g_strdup_printf ("%s.%s", path->str, key->str)
                              : g_strdup (key->str);
      d->text = g_strndup (key->str, key->len);
      d->line = c->line;
      d->column = c->column;
      d->first_line = first->line;
      d->first_column = first->column;
      g_ptr_array_add (issues, d);
    }
}

/* TRUE when the integer literal @s (@len bytes, optional minus sign and
 * digits only) lies outside gint64, which json-glib does not notice. */
static gboolean
integer_overflows (const char *s,
                   gsize       len)
{
  gboolean negative = len > 0 && s[0] == '-';
  const char *limit = negative ? "9223372036854775808" : "9223372036854775807";

  if (negative)
    {
      s++;
      len--;
    }
  while (len > 1 && s[0] == '0')
    {
      s++;
      len--;
    }
  if (len != strlen (limit))
    return len > strlen (limit);
  return memcmp (s, limit, len) > 0;
}

/* Notes the number at @at (ending at byte @end) unless it is a plain
 * integer that fits in gint64. */
static void
note_number (GString   *path,
             Cursor    *at,
             gsize      end,
             GPtrArray *issues)
{
  const char *s = at->data + at->pos;
  gsize len = end - at->pos;
  gboolean plain = len > 0;
  MgJsonIssue *issue;

  if (len == 0 || (s[0] != '-' && !g_ascii_isdigit (s[0])))
    return;
  for (gsize i = s[0] == '-' ? 1 : 0; i < len && plain; i++)
    plain = g_ascii_isdigit (s[i]);
  if (plain && !integer_overflows (s, len))
    return;

  issue = g_new0 (MgJsonIssue, 1);
  issue->kind = plain ? MG_JSON_ISSUE_HUGE_INTEGER : MG_JSON_ISSUE_FRACTION;
  issue->path = g_strdup (path->str);
  issue->text = g_strndup (s, len);
  issue->line = at->line;
  issue->column = at->column;
  g_ptr_array_add (issues, issue);
}

/* One pass over the text, iterative so that nesting cannot exhaust the
 * stack. Stops quietly at anything that is not JSON. With @issues,
 * what json-glib reads without a word (member names used twice in one
 * object, unusual numbers) is collected there instead. */
static void
scan (MgJsonLocator *self,
      GPtrArray     *issues)
{
  g_autoptr(GString) path = g_string_new ("");
  g_autoptr(GString) key = g_string_new ("");
  g_autoptr(GArray) stack = g_array_new (FALSE, FALSE, sizeof (Frame));
  Cursor c = { self->data, self->length, 0, 1, 1 };
  Frame *top;
  char ch;

  g_array_set_clear_func (stack, frame_clear);

  skip_ws (&c);

value:
  if (c.pos >= c.length)
    return;
  if (issues == NULL)
    record (self, path, &c);
  ch = peek (&c);
  if (ch == '{' || ch == '[')
    {
      Frame f = { ch == '[', 0, path->len, NULL };

      advance (&c);
      g_array_append_val (stack, f);
      skip_ws (&c);
      if (peek (&c) == (ch == '[' ? ']' : '}'))
        {
          advance (&c);
          g_array_set_size (stack, stack->len - 1);
          goto after_value;
        }
      if (ch == '[')
        {
          g_string_append (path, "[0]");
          goto value;
        }
      goto member;
    }
  else if (ch == '"')
    {
      if (!scan_string (&c, NULL))
        return;
    }
  else
    {
      Cursor at = c;

      while (c.pos < c.length)
        {
          ch = peek (&c);
          if (ch == ',' || ch == ']' || ch == '}' || ch == ' ' || ch == '\t'
              || ch == '\n' || ch == '\r')
            break;
          advance (&c);
        }
      if (issues != NULL)
        note_number (path, &at, c.pos, issues);
    }

after_value:
  skip_ws (&c);
  if (stack->len == 0)
    return;
  top = &g_array_index (stack, Frame, stack->len - 1);
  g_string_truncate (path, top->path_len);
  ch = peek (&c);
  if (ch == ',')
    {
      advance (&c);
      skip_ws (&c);
      if (top->is_array)
        {
          top->index++;
          g_string_append_printf (path, "[%u]", top->index);
          goto value;
        }
      goto member;
    }
  if ((ch == ']' && top->is_array) || (ch == '}' && !top->is_array))
    {
      advance (&c);
      g_array_set_size (stack, stack->len - 1);
      if (stack->len > 0)
        {
          top = &g_array_index (stack, Frame, stack->len - 1);
          g_string_truncate (path, top->path_len);
        }
      goto after_value;
    }
  return;

member:
  if (peek (&c) != '"')
    return;
  g_string_truncate (key, 0);
  {
    Cursor at = c;

    if (!scan_string (&c, key))
      return;
    if (issues != NULL)
      note_member (stack, path, key, &at, issues);
  }
  skip_ws (&c);
  if (peek (&c) != ':')
    return;
  advance (&c);
  skip_ws (&c);
  if (path->len > 0)
    g_string_append_c (path, '.');
  g_string_append_len (path, key->str, key->len);
  goto value;
}

gboolean
mg_json_locator_lookup (MgJsonLocator *self,
                        const char    *path,
                        guint         *out_line,
                        guint         *out_column)
{
  gsize len;

  g_return_val_if_fail (self != NULL, FALSE);

  if (path == NULL)
    path = "";
  if (!g_hash_table_contains (self->positions, path))
    mg_json_locator_request (self, path);
  if (self->pending)
    {
      self->pending = FALSE;
      scan (self, NULL);
    }

  len = strlen (path);
  for (;;)
    {
      g_autofree char *p = g_strndup (path, len);
      Position *pos = g_hash_table_lookup (self->positions, p);

      if (pos != NULL && pos->found)
        {
          *out_line = pos->line;
          *out_column = pos->column;
          return TRUE;
        }
      if (len == 0)
        break;
      len = parent_length (path, len);
    }

  *out_line = 0;
  *out_column = 0;
  return FALSE;
}

void
mg_json_issue_free (MgJsonIssue *issue)
{
  if (issue == NULL)
    return;
  g_free (issue->path);
  g_free (issue->text);
  g_free (issue);
}

GPtrArray *
mg_json_find_issues (const char *data,
                     gsize       length)
{
  MgJsonLocator locator = { data, length, NULL, FALSE };
  GPtrArray *issues = g_ptr_array_new_with_free_func ((GDestroyNotify) mg_json_issue_free);

  scan (&locator, issues);
  return issues;
}
