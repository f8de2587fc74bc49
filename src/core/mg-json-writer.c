/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Marginalia"
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "mg-json-scan-private.h"
#include "mg-json-writer.h"

/* @s (@len bytes) escaped; TRUE when a byte of it is beyond ASCII. */
static gboolean
append_escaped (GString    *out,
                const char *s,
                gsize       len)
{
  const guchar *p = (const guchar *) s;
  const guchar *end = p + len;
  guint64 high = 0;

  for (;;)
    {
      const guchar *run = p;

      /* Copy the plain run before the next character to escape in one go. */
      p += _mg_json_scan_plain (p, end, &high);
      _mg_json_out_append (out, (const char *) run, p - run);
      if (p == end)
        break;
      switch (*p)
        {
        case '"':  _mg_json_out_append (out, "\\\"", 2); break;
        case '\\': _mg_json_out_append (out, "\\\\", 2); break;
        case '\n': _mg_json_out_append (out, "\\n", 2); break;
        case '\t': _mg_json_out_append (out, "\\t", 2); break;
        case '\r': _mg_json_out_append (out, "\\r", 2); break;
        case '\b': _mg_json_out_append (out, "\\b", 2); break;
        case '\f': _mg_json_out_append (out, "\\f", 2); break;
        default:
          g_string_append_printf (out, "\\u%04x", *p);
          break;
        }
      p++;
    }
  return (high & MG_JSON_SCAN_HIGHS) != 0;
}

void
mg_json_append_uint (GString *out,
                     guint64  value)
{
  char buf[24];
  int i = sizeof buf;

  do
    {
      buf[--i] = (char) ('0' + value % 10);
      value /= 10;
    }
  while (value > 0);
  _mg_json_out_append (out, buf + i, sizeof buf - i);
}

void
mg_json_append_string (GString    *out,
                       const char *s)
{
  g_string_append_c (out, '"');
  if (s != NULL)
    {
      gsize mark = out->len;
      gsize len = strlen (s);

      /* Escaped as it is; only text beyond ASCII is validated, and
       * written again made valid when it is not. */
      if (append_escaped (out, s, len) && !g_utf8_validate_len (s, len, NULL))
        {
          g_autofree char *valid = g_utf8_make_valid (s, len);

          g_string_truncate (out, mark);
          append_escaped (out, valid, strlen (valid));
        }
    }
  g_string_append_c (out, '"');
}

void
mg_json_append_double (GString *out,
                       double   value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  if (!isfinite (value))
    {
      /* JSON has no infinities; json-glib never yields them from a file. */
      g_string_append (out, "0.0");
      return;
    }

  for (int precision = 1; precision <= 17; precision++)
    {
      char fmt[8];

      g_snprintf (fmt, sizeof fmt, "%%.%dg", precision);
      g_ascii_formatd (buf, sizeof buf, fmt, value);
      if (g_ascii_strtod (buf, NULL) == value)
        break;
    }

  /* %g switches to an exponent as soon as the digits run out (1e+03):
   * keep plain notation for ordinary magnitudes. */
  if (strchr (buf, 'e') != NULL && value != 0.0)
    {
      int exponent = (int) floor (log10 (fabs (value)));

      if (exponent >= 0 && exponent < 17)
        {
          char fmt[8];

          g_snprintf (fmt, sizeof fmt, "%%.%dg", exponent + 1);
          g_ascii_formatd (buf, sizeof buf, fmt, value);
        }
    }

  g_string_append (out, buf);
  if (strpbrk (buf, ".eE") == NULL)
    g_string_append (out, ".0");
}

void
mg_json_append_key (GString    *out,
                    const char *key)
{
  mg_json_append_string (out, key);
  g_string_append_len (out, ": ", 2);
}

void
mg_json_append_indent (GString *out,
                       guint    indent)
{
  static const char spaces[] = "                                ";

  while (indent > 0)
    {
      guint n = MIN (indent, sizeof spaces - 1);

      _mg_json_out_append (out, spaces, n);
      indent -= n;
    }
}

static void
append_value (GString  *out,
              JsonNode *node)
{
  GType type = json_node_get_value_type (node);

  if (type == G_TYPE_INT64)
    g_string_append_printf (out, "%" G_GINT64_FORMAT, json_node_get_int (node));
  else if (type == G_TYPE_DOUBLE)
    mg_json_append_double (out, json_node_get_double (node));
  else if (type == G_TYPE_BOOLEAN)
    g_string_append (out, json_node_get_boolean (node) ? "true" : "false");
  else if (type == G_TYPE_STRING)
    mg_json_append_string (out, json_node_get_string (node));
  else
    g_string_append (out, "null");
}

static gboolean
array_is_flat (JsonArray *array)
{
  guint n = json_array_get_length (array);

  for (guint i = 0; i < n; i++)
    {
      JsonNodeType t = JSON_NODE_TYPE (json_array_get_element (array, i));

      if (t == JSON_NODE_OBJECT || t == JSON_NODE_ARRAY)
        return FALSE;
    }
  return TRUE;
}

void
mg_json_append_node (GString  *out,
                     JsonNode *node,
                     guint     indent,
                     gboolean  multiline)
{
  if (node == NULL)
    {
      g_string_append (out, "null");
      return;
    }

  switch (JSON_NODE_TYPE (node))
    {
    case JSON_NODE_NULL:
      g_string_append (out, "null");
      break;

    case JSON_NODE_VALUE:
      append_value (out, node);
      break;

    case JSON_NODE_ARRAY:
      {
        JsonArray *array = json_node_get_array (node);
        guint n = json_array_get_length (array);

        if (n == 0)
          {
            g_string_append (out, "[]");
            break;
          }
        if (!multiline || array_is_flat (array))
          {
            g_string_append_c (out, '[');
            for (guint i = 0; i < n; i++)
              {
                if (i > 0)
                  g_string_append (out, ", ");
                mg_json_append_node (out, json_array_get_element (array, i), indent, FALSE);
              }
            g_string_append_c (out, ']');
            break;
          }
        g_string_append (out, "[\n");
        for (guint i = 0; i < n; i++)
          {
            mg_json_append_indent (out, indent + 2);
            mg_json_append_node (out, json_array_get_element (array, i), indent + 2, TRUE);
            g_string_append (out, i + 1 < n ? ",\n" : "\n");
          }
        mg_json_append_indent (out, indent);
        g_string_append_c (out, ']');
      }
      break;

    case JSON_NODE_OBJECT:
      {
        JsonObject *object = json_node_get_object (node);
        JsonObjectIter iter;
        const char *name;
        JsonNode *member;
        gboolean first = TRUE;

        if (json_object_get_size (object) == 0)
          {
            g_string_append (out, "{}");
            break;
          }
        g_string_append (out, multiline ? "{\n" : "{ ");
        json_object_iter_init_ordered (&iter, object);
        while (json_object_iter_next_ordered (&iter, &name, &member))
          {
            if (!first)
              g_string_append (out, multiline ? ",\n" : ", ");
            first = FALSE;
            if (multiline)
              mg_json_append_indent (out, indent + 2);
            mg_json_append_key (out, name);
            mg_json_append_node (out, member, indent + 2, multiline);
          }
        if (multiline)
          {
            g_string_append_c (out, '\n');
            mg_json_append_indent (out, indent);
            g_string_append_c (out, '}');
          }
        else
          g_string_append (out, " }");
      }
      break;

    default:
      g_string_append (out, "null");
      break;
    }
}

void
mg_json_writer_init (MgJsonWriter *w,
                     GString      *out)
{
  memset (w, 0, sizeof *w);
  w->out = out;
}

static void
json_writer_value_prefix (MgJsonWriter *w)
{
  if (w->after_key)
    {
      w->after_key = FALSE;
      return;
    }
  if (w->depth == 0)
    return;
  if (w->has_members[w->depth])
    g_string_append_c (w->out, ',');
  g_string_append_c (w->out, '\n');
  mg_json_append_indent (w->out, w->depth * 2);
  w->has_members[w->depth] = TRUE;
}

static void
json_writer_open (MgJsonWriter *w,
                  char          c)
{
  json_writer_value_prefix (w);
  g_string_append_c (w->out, c);
  g_assert (w->depth + 1 < MG_JSON_WRITER_MAX_DEPTH);
  w->depth++;
  w->has_members[w->depth] = FALSE;
}

static void
json_writer_close (MgJsonWriter *w,
                   char          c)
{
  g_assert (w->depth > 0);
  if (w->has_members[w->depth])
    {
      g_string_append_c (w->out, '\n');
      mg_json_append_indent (w->out, (w->depth - 1) * 2);
    }
  w->depth--;
  g_string_append_c (w->out, c);
}

void
mg_json_writer_begin_object (MgJsonWriter *w)
{
  json_writer_open (w, '{');
}

void
mg_json_writer_end_object (MgJsonWriter *w)
{
  json_writer_close (w, '}');
}

void
mg_json_writer_begin_array (MgJsonWriter *w)
{
  json_writer_open (w, '[');
}

void
mg_json_writer_end_array (MgJsonWriter *w)
{
  json_writer_close (w, ']');
}

void
mg_json_writer_key (MgJsonWriter *w,
                    const char   *key)
{
  json_writer_value_prefix (w);
  mg_json_append_string (w->out, key);
  _mg_json_out_append (w->out, ": ", 2);
  w->after_key = TRUE;
}

void
mg_json_writer_string (MgJsonWriter *w,
                       const char   *value)
{
  json_writer_value_prefix (w);
  mg_json_append_string (w->out, value);
}

void
mg_json_writer_uint (MgJsonWriter *w,
                     guint64       value)
{
  json_writer_value_prefix (w);
  mg_json_append_uint (w->out, value);
}

void
mg_json_writer_boolean (MgJsonWriter *w,
                        gboolean      value)
{
  json_writer_value_prefix (w);
  g_string_append (w->out, value ? "true" : "false");
}

void
mg_json_writer_null (MgJsonWriter *w)
{
  json_writer_value_prefix (w);
  g_string_append (w->out, "null");
}

void
mg_json_writer_finish (MgJsonWriter *w)
{
  g_string_append_c (w->out, '\n');
}
