/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Marginalia"
#include "config.h"

#include "mg-json.h"

static JsonNode *deep_copy_node (JsonNode *node);

static JsonArray *
deep_copy_array (JsonArray *array)
{
  guint n = json_array_get_length (array);
  JsonArray *copy = json_array_sized_new (n);

  for (guint i = 0; i < n; i++)
    json_array_add_element (copy, deep_copy_node (json_array_get_element (array, i)));
  return copy;
}

static JsonNode *
deep_copy_node (JsonNode *node)
{
  JsonNode *copy;

  switch (json_node_get_node_type (node))
    {
    case JSON_NODE_OBJECT:
      copy = json_node_new (JSON_NODE_OBJECT);
      json_node_take_object (copy, mg_json_object_deep_copy (json_node_get_object (node)));
      return copy;

    case JSON_NODE_ARRAY:
      copy = json_node_new (JSON_NODE_ARRAY);
      json_node_take_array (copy, deep_copy_array (json_node_get_array (node)));
      return copy;

    case JSON_NODE_VALUE:
    case JSON_NODE_NULL:
    default:
      /* Values hold no shared containers; a plain copy is already deep. */
      return json_node_copy (node);
    }
}

JsonObject *
mg_json_object_deep_copy (JsonObject *object)
{
  JsonObject *copy;
  GList *members;

  if (object == NULL)
    return NULL;

  copy = json_object_new ();
  /* json_object_get_members() keeps insertion order, which must survive. */
  members = json_object_get_members (object);
  for (GList *l = members; l != NULL; l = l->next)
    {
      const char *name = l->data;
      json_object_set_member (copy, name,
                              deep_copy_node (json_object_get_member (object, name)));
    }
  g_list_free (members);
  return copy;
}

gboolean
mg_json_object_equal0 (JsonObject *a,
                       JsonObject *b)
{
  guint na = a != NULL ? json_object_get_size (a) : 0;
  guint nb = b != NULL ? json_object_get_size (b) : 0;

  if (na == 0 && nb == 0)
    return TRUE;
  if (na != nb)
    return FALSE;
  return json_object_equal (a, b);
}

static int
read_hex4 (const char *p)
{
  int value = 0;

  for (int i = 0; i < 4; i++)
    {
      int digit = g_ascii_xdigit_value (p[i]);

      if (digit < 0)
        return -1;
      value = value * 16 + digit;
    }
  return value;
}

gboolean
mg_json_read_escape (const char *p,
                     const char *end,
                     gunichar   *ch,
                     guint      *length)
{
  int high, low;

  if (end - p < 2 || p[0] != '\\')
    return FALSE;
  *length = 2;
  switch (p[1])
    {
    case '"': *ch = '"'; return TRUE;
    case '\\': *ch = '\\'; return TRUE;
    case '/': *ch = '/'; return TRUE;
    case 'b': *ch = '\b'; return TRUE;
    case 'f': *ch = '\f'; return TRUE;
    case 'n': *ch = '\n'; return TRUE;
    case 'r': *ch = '\r'; return TRUE;
    case 't': *ch = '\t'; return TRUE;
    case 'u':
      break;
    default:
      return FALSE;
    }

  if (end - p < 6 || (high = read_hex4 (p + 2)) < 0 || (high >= 0xDC00 && high <= 0xDFFF))
    return FALSE;
  *ch = (gunichar) high;
  *length = 6;
  if (high >= 0xD800 && high <= 0xDBFF)
    {
      if (end - p < 12 || p[6] != '\\' || p[7] != 'u'
          || (low = read_hex4 (p + 8)) < 0xDC00 || low > 0xDFFF)
        return FALSE;
      *ch = 0x10000 + (((gunichar) high - 0xD800) << 10) + ((gunichar) low - 0xDC00);
      *length = 12;
    }
  return *ch != 0;
}

GArray *
mg_json_find_unkeepable_escapes (const char *data,
                                 gsize       length)
{
  GArray *found = g_array_new (FALSE, FALSE, sizeof (MgJsonBadEscape));
  const char *end = data + length;
  gboolean in_string = FALSE;

  for (const char *p = data; p < end; p++)
    {
      MgJsonBadEscape bad;
      int high, low;

      if (!in_string)
        {
          in_string = *p == '"';
          continue;
        }
      if (*p == '"')
        {
          in_string = FALSE;
          continue;
        }
      if (*p != '\\' || p + 1 >= end)
        continue;
      if (p[1] != 'u' || end - p < 6 || (high = read_hex4 (p + 2)) < 0)
        {
          p++;   /* any other escape: its second character is no quote */
          continue;
        }

      bad.offset = p - data;
      bad.value = (gunichar) high;
      if (high == 0)
        bad.nul = TRUE;
      else if (high >= 0xDC00 && high <= 0xDFFF)
        bad.nul = FALSE;
      else if (high >= 0xD800 && high <= 0xDBFF
               && !(end - p >= 12 && p[6] == '\\' && p[7] == 'u'
                    && (low = read_hex4 (p + 8)) >= 0xDC00 && low <= 0xDFFF))
        bad.nul = FALSE;
      else
        {
          /* A good escape; a pair is read as one. */
          p += (high >= 0xD800 && high <= 0xDBFF) ? 11 : 5;
          continue;
        }
      g_array_append_val (found, bad);
      p += 5;
    }
  return found;
}
