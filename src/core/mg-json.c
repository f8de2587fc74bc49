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
      /* json_node_copy() shares the value, by a reference count that is
       * not atomic: a copy handed to another thread (a save's snapshot)
       * must hold a value of its own. */
      copy = json_node_alloc ();
      switch (json_node_get_value_type (node))
        {
        case G_TYPE_INT64:
          return json_node_init_int (copy, json_node_get_int (node));
        case G_TYPE_DOUBLE:
          return json_node_init_double (copy, json_node_get_double (node));
        case G_TYPE_BOOLEAN:
          return json_node_init_boolean (copy, json_node_get_boolean (node));
        case G_TYPE_STRING:
          return json_node_init_string (copy, json_node_get_string (node));
        default:
          json_node_free (copy);
          return json_node_copy (node);
        }

    case JSON_NODE_NULL:
    default:
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
