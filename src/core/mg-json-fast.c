/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Marginalia"
#include "config.h"

#include <string.h>

#include "mg-json-fast.h"
#include "mg-json.h"

#define FAST_MAX_DEPTH 256
#define FAST_MAX_DIGITS 18

typedef struct
{
  const char *p;
  const char *end;
  guint       depth;
  GString    *buf;     /* the last string read, unescaped */
} Fast;

static JsonNode *fast_value (Fast *f);

static void
fast_skip_space (Fast *f)
{
  while (f->p < f->end && (*f->p == ' ' || *f->p == '\n' || *f->p == '\r' || *f->p == '\t'))
    f->p++;
}

/* Reads the string at f->p (on its opening quote) into f->buf. */
static gboolean
fast_string (Fast *f)
{
  const char *start;

  g_string_truncate (f->buf, 0);
  start = ++f->p;
  while (f->p < f->end)
    {
      guchar c = (guchar) *f->p;

      if (c == '"')
        {
          g_string_append_len (f->buf, start, f->p - start);
          f->p++;
          return g_utf8_validate_len (f->buf->str, f->buf->len, NULL);
        }
      if (c < 0x20)
        return FALSE;
      if (c != '\\')
        {
          f->p++;
          continue;
        }

      g_string_append_len (f->buf, start, f->p - start);
      {
        gunichar ch;
        guint length;

        if (!mg_json_read_escape (f->p, f->end, &ch, &length))
          return FALSE;
        g_string_append_unichar (f->buf, ch);
        f->p += length;
      }
      start = f->p;
    }
  return FALSE;
}

static JsonNode *
fast_number (Fast *f)
{
  gboolean negative = FALSE;
  gint64 value = 0;
  guint digits = 0;
  JsonNode *node;

  if (*f->p == '-')
    {
      negative = TRUE;
      f->p++;
    }
  if (f->p >= f->end || !g_ascii_isdigit (*f->p))
    return NULL;
  if (*f->p == '0' && f->p + 1 < f->end && g_ascii_isdigit (f->p[1]))
    return NULL;
  while (f->p < f->end && g_ascii_isdigit (*f->p))
    {
      if (++digits > FAST_MAX_DIGITS)
        return NULL;
      value = value * 10 + (*f->p - '0');
      f->p++;
    }
  /* Fractions and exponents are left to json-glib's own conversion. */
  if (f->p < f->end && (*f->p == '.' || *f->p == 'e' || *f->p == 'E'))
    return NULL;

  node = json_node_alloc ();
  json_node_init_int (node, negative ? -value : value);
  return node;
}

static gboolean
fast_word (Fast       *f,
           const char *word)
{
  gsize len = strlen (word);

  if ((gsize) (f->end - f->p) < len || memcmp (f->p, word, len) != 0)
    return FALSE;
  f->p += len;
  return TRUE;
}

static JsonNode *
fast_object (Fast *f)
{
  JsonObject *object = json_object_new ();
  JsonNode *node;

  f->p++;
  fast_skip_space (f);
  if (f->p < f->end && *f->p == '}')
    {
      f->p++;
      goto done;
    }
  for (;;)
    {
      JsonNode *member;

      if (f->p >= f->end || *f->p != '"' || !fast_string (f))
        goto fail;
      /* json-glib keeps one of two equal names: leave that case to it. */
      if (json_object_has_member (object, f->buf->str))
        goto fail;
      fast_skip_space (f);
      if (f->p >= f->end || *f->p != ':')
        goto fail;
      f->p++;
      {
        /* The value may be a string too, which reuses f->buf. */
        g_autofree char *name = g_strndup (f->buf->str, f->buf->len);

        member = fast_value (f);
        if (member == NULL)
          goto fail;
        json_object_set_member (object, name, member);
      }
      fast_skip_space (f);
      if (f->p < f->end && *f->p == ',')
        {
          f->p++;
          fast_skip_space (f);
          continue;
        }
      if (f->p < f->end && *f->p == '}')
        {
          f->p++;
          break;
        }
      goto fail;
    }

done:
  node = json_node_alloc ();
  json_node_init_object (node, object);
  json_object_unref (object);
  return node;

fail:
  json_object_unref (object);
  return NULL;
}

static JsonNode *
fast_array (Fast *f)
{
  JsonArray *array = json_array_new ();
  JsonNode *node;

  f->p++;
  fast_skip_space (f);
  if (f->p < f->end && *f->p == ']')
    {
      f->p++;
      goto done;
    }
  for (;;)
    {
      JsonNode *element = fast_value (f);

      if (element == NULL)
        goto fail;
      json_array_add_element (array, element);
      fast_skip_space (f);
      if (f->p < f->end && *f->p == ',')
        {
          f->p++;
          continue;
        }
      if (f->p < f->end && *f->p == ']')
        {
          f->p++;
          break;
        }
      goto fail;
    }

done:
  node = json_node_alloc ();
  json_node_init_array (node, array);
  json_array_unref (array);
  return node;

fail:
  json_array_unref (array);
  return NULL;
}

static JsonNode *
fast_value (Fast *f)
{
  JsonNode *node = NULL;

  fast_skip_space (f);
  if (f->p >= f->end)
    return NULL;

  switch (*f->p)
    {
    case '{':
    case '[':
      if (++f->depth > FAST_MAX_DEPTH)
        return NULL;
      node = *f->p == '{' ? fast_object (f) : fast_array (f);
      f->depth--;
      return node;
    case '"':
      if (!fast_string (f))
        return NULL;
      node = json_node_alloc ();
      json_node_init_string (node, f->buf->str);
      return node;
    case 't':
    case 'f':
      {
        gboolean value = *f->p == 't';

        if (!fast_word (f, value ? "true" : "false"))
          return NULL;
        node = json_node_alloc ();
        json_node_init_boolean (node, value);
        return node;
      }
    case 'n':
      if (!fast_word (f, "null"))
        return NULL;
      node = json_node_alloc ();
      json_node_init_null (node);
      return node;
    default:
      if (*f->p == '-' || g_ascii_isdigit (*f->p))
        return fast_number (f);
      return NULL;
    }
}

JsonNode *
mg_json_fast_parse (const char *data,
                    gsize       length)
{
  Fast f = { data, data + length, 0, NULL };
  JsonNode *root;

  g_return_val_if_fail (data != NULL || length == 0, NULL);

  fast_skip_space (&f);
  if (f.p >= f.end || (*f.p != '{' && *f.p != '['))
    return NULL;

  f.buf = g_string_sized_new (256);
  root = fast_value (&f);
  g_string_free (f.buf, TRUE);
  if (root == NULL)
    return NULL;

  fast_skip_space (&f);
  if (f.p != f.end)
    {
      json_node_unref (root);
      return NULL;
    }
  return root;
}
