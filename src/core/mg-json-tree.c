/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Marginalia"
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "mg-json-reader.h"
#include "mg-json-tree.h"

#define TREE_BLOCK 4096

struct _MgJsonTree
{
  GPtrArray       *blocks;    /* of MgJsonTreeValue[TREE_BLOCK] */
  guint            used;      /* values used in the last block */
  char            *strings;   /* the unescaped strings, NUL-terminated */
  MgJsonTreeValue *root;
};

static MgJsonTreeValue *
tree_alloc (MgJsonTree     *tree,
            MgJsonTreeKind  kind)
{
  MgJsonTreeValue *value;

  if (tree->blocks->len == 0 || tree->used == TREE_BLOCK)
    {
      g_ptr_array_add (tree->blocks, g_new (MgJsonTreeValue, TREE_BLOCK));
      tree->used = 0;
    }
  value = (MgJsonTreeValue *) g_ptr_array_index (tree->blocks, tree->blocks->len - 1) + tree->used++;
  value->kind = kind;
  value->length = 0;
  value->key = NULL;
  value->next = NULL;
  value->v.first = NULL;
  return value;
}

/* Appends @item to the members or elements of @container, @last being
 * the one appended before (NULL at first); @item becomes it. */
static void
tree_append (MgJsonTreeValue  *container,
             MgJsonTreeValue **last,
             MgJsonTreeValue  *item)
{
  if (*last == NULL)
    container->v.first = item;
  else
    (*last)->next = item;
  *last = item;
  container->length++;
}

static MgJsonTree *
tree_new (void)
{
  MgJsonTree *tree = g_new0 (MgJsonTree, 1);

  tree->blocks = g_ptr_array_new_with_free_func (g_free);
  return tree;
}

void
mg_json_tree_free (MgJsonTree *tree)
{
  if (tree == NULL)
    return;
  g_ptr_array_unref (tree->blocks);
  g_free (tree->strings);
  g_free (tree);
}

static MgJsonTreeValue *
read_value (MgJsonTree   *tree,
            MgJsonReader *r)
{
  MgJsonTreeValue *value = NULL, *last = NULL;
  MgJsonNumber number;
  guint count = 0;
  const char *key;

  switch (mg_json_reader_peek (r, NULL))
    {
    case MG_JSON_OBJECT:
      value = tree_alloc (tree, MG_JSON_TREE_OBJECT);
      mg_json_reader_enter (r);
      while (mg_json_reader_next_member (r, &count, &key, NULL))
        {
          MgJsonTreeValue *item = read_value (tree, r);

          if (item == NULL)
            return NULL;
          item->key = key;
          tree_append (value, &last, item);
        }
      break;
    case MG_JSON_ARRAY:
      value = tree_alloc (tree, MG_JSON_TREE_ARRAY);
      mg_json_reader_enter (r);
      while (mg_json_reader_next_element (r, &count))
        {
          MgJsonTreeValue *item = read_value (tree, r);

          if (item == NULL)
            return NULL;
          tree_append (value, &last, item);
        }
      break;
    case MG_JSON_STRING:
      value = tree_alloc (tree, MG_JSON_TREE_STRING);
      value->v.string = mg_json_reader_string (r, NULL);
      break;
    case MG_JSON_NUMBER:
      if (!mg_json_reader_number (r, &number))
        return NULL;
      if (number.kind == MG_JSON_NUMBER_INT)
        {
          value = tree_alloc (tree, MG_JSON_TREE_INT);
          value->v.integer = number.integer;
        }
      else
        {
          value = tree_alloc (tree, MG_JSON_TREE_DOUBLE);
          value->v.number = number.fraction;
        }
      break;
    case MG_JSON_BOOLEAN:
      value = tree_alloc (tree, MG_JSON_TREE_BOOLEAN);
      mg_json_reader_boolean (r, &value->v.boolean);
      break;
    case MG_JSON_NULL:
      value = tree_alloc (tree, MG_JSON_TREE_NULL);
      mg_json_reader_null (r);
      break;
    case MG_JSON_NONE:
    default:
      return NULL;
    }
  return r->error == MG_JSON_ERROR_NONE ? value : NULL;
}

MgJsonTree *
mg_json_tree_parse (const char  *data,
                    gsize        length,
                    GError     **error)
{
  g_autoptr(MgJsonTree) tree = NULL;
  MgJsonReader r;

  g_return_val_if_fail (data != NULL || length == 0, NULL);

  mg_json_reader_init (&r, data != NULL ? data : "", length);
  tree = tree_new ();
  tree->root = read_value (tree, &r);
  if (tree->root == NULL || !mg_json_reader_finish (&r))
    {
      g_autofree char *message = mg_json_reader_describe_error (&r);
      guint line, column;

      mg_json_reader_error_position (&r, &line, &column);
      g_set_error (error, JSON_PARSER_ERROR, JSON_PARSER_ERROR_PARSE, "%u:%u: %s", line, column, message);
      mg_json_reader_clear (&r);
      return NULL;
    }
  /* The strings stay where the reader put them. */
  tree->strings = g_steal_pointer (&r.strings);
  mg_json_reader_clear (&r);
  return g_steal_pointer (&tree);
}

const MgJsonTreeValue *
mg_json_tree_get_root (MgJsonTree *tree)
{
  g_return_val_if_fail (tree != NULL, NULL);
  return tree->root;
}

const MgJsonTreeValue *
mg_json_tree_get_member (const MgJsonTreeValue *object,
                         const char            *name)
{
  const MgJsonTreeValue *found = NULL;

  if (object == NULL || object->kind != MG_JSON_TREE_OBJECT)
    return NULL;
  for (const MgJsonTreeValue *m = object->v.first; m != NULL; m = m->next)
    if (m->key[0] == name[0] && strcmp (m->key, name) == 0)
      found = m;
  return found;
}

const char *
mg_json_tree_get_string (const MgJsonTreeValue *value)
{
  return value != NULL && value->kind == MG_JSON_TREE_STRING ? value->v.string : NULL;
}

const char *
mg_json_tree_get_string_member (const MgJsonTreeValue *object,
                                const char            *name)
{
  return mg_json_tree_get_string (mg_json_tree_get_member (object, name));
}
