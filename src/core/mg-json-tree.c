/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Marginalia"
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "mg-json-locator.h"
#include "mg-json-tree.h"
#include "mg-json.h"

#define TREE_MAX_DEPTH  256
#define TREE_MAX_DIGITS 18
#define TREE_BLOCK      4096

struct _MgJsonTree
{
  GPtrArray       *blocks;    /* of MgJsonTreeValue[TREE_BLOCK] */
  guint            used;      /* values used in the last block */
  char            *strings;   /* the unescaped strings, NUL-terminated */
  JsonNode        *source;    /* json-glib's tree, when it read the file */
  MgJsonTreeValue *root;
};

typedef struct
{
  MgJsonTree *tree;
  const char *p;
  const char *end;
  char       *out;            /* where the next string goes in tree->strings */
  guint       depth;
} Reader;

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
  g_clear_pointer (&tree->source, json_node_unref);
  g_free (tree);
}

static void
skip_space (Reader *r)
{
  while (r->p < r->end && (*r->p == ' ' || *r->p == '\n' || *r->p == '\r' || *r->p == '\t'))
    r->p++;
}

/* Reads the string at r->p (on its opening quote) into the string
 * buffer; NULL when it is not strict JSON (or not UTF-8). The buffer is as
 * long as the input, which no unescaped string can outgrow. Only strings
 * can hold bytes beyond ASCII, so only those that do are validated. */
static const char *
read_string (Reader *r)
{
  char *start = r->out;
  const char *run = ++r->p;
  guchar seen = 0;

  for (;;)
    {
      const char *stop = run;
      guchar c = 0;

      while (stop < r->end && (c = (guchar) *stop) != '"' && c != '\\' && c >= 0x20)
        {
          seen |= c;
          stop++;
        }
      if (stop >= r->end || c < 0x20)
        return NULL;
      memcpy (r->out, run, stop - run);
      r->out += stop - run;
      r->p = stop;
      if (c == '"')
        {
          if ((seen & 0x80) && !g_utf8_validate_len (start, r->out - start, NULL))
            return NULL;
          *r->out++ = '\0';
          r->p++;
          return start;
        }

      {
        gunichar ch;
        guint length;

        /* json-glib's own reading of \u0000 is left to it. */
        if (!mg_json_read_escape (r->p, r->end, &ch, &length))
          return NULL;
        r->out += g_unichar_to_utf8 (ch, r->out);
        r->p += length;
      }
      run = r->p;
    }
}

static MgJsonTreeValue *
read_number (Reader *r)
{
  const char *start = r->p;
  gboolean negative = FALSE;
  gboolean integer = TRUE;
  gint64 value = 0;
  guint digits = 0;
  MgJsonTreeValue *number;

  if (*r->p == '-')
    {
      negative = TRUE;
      r->p++;
    }
  if (r->p >= r->end || !g_ascii_isdigit (*r->p))
    return NULL;
  if (*r->p == '0' && r->p + 1 < r->end && g_ascii_isdigit (r->p[1]))
    return NULL;
  while (r->p < r->end && g_ascii_isdigit (*r->p))
    {
      if (++digits <= TREE_MAX_DIGITS)
        value = value * 10 + (*r->p - '0');
      r->p++;
    }
  if (r->p < r->end && *r->p == '.')
    {
      integer = FALSE;
      r->p++;
      if (r->p >= r->end || !g_ascii_isdigit (*r->p))
        return NULL;
      while (r->p < r->end && g_ascii_isdigit (*r->p))
        r->p++;
    }
  if (r->p < r->end && (*r->p == 'e' || *r->p == 'E'))
    {
      integer = FALSE;
      r->p++;
      if (r->p < r->end && (*r->p == '+' || *r->p == '-'))
        r->p++;
      if (r->p >= r->end || !g_ascii_isdigit (*r->p))
        return NULL;
      while (r->p < r->end && g_ascii_isdigit (*r->p))
        r->p++;
    }

  if (integer && digits <= TREE_MAX_DIGITS)
    {
      number = tree_alloc (r->tree, MG_JSON_TREE_INT);
      number->v.integer = negative ? -value : value;
    }
  else
    {
      /* The literal is followed by a delimiter, never by digits. */
      g_autofree char *text = g_strndup (start, r->p - start);

      number = tree_alloc (r->tree, MG_JSON_TREE_DOUBLE);
      number->v.number = g_ascii_strtod (text, NULL);
    }
  return number;
}

static gboolean
read_word (Reader     *r,
           const char *word,
           gsize       len)
{
  if ((gsize) (r->end - r->p) < len || memcmp (r->p, word, len) != 0)
    return FALSE;
  r->p += len;
  return TRUE;
}

static MgJsonTreeValue *read_value (Reader *r);

/* An array or object at r->p; NULL when not strict JSON. */
static MgJsonTreeValue *
read_container (Reader *r)
{
  gboolean object = *r->p == '{';
  char close = object ? '}' : ']';
  MgJsonTreeValue *container = tree_alloc (r->tree, object ? MG_JSON_TREE_OBJECT : MG_JSON_TREE_ARRAY);
  MgJsonTreeValue *last = NULL;

  r->p++;
  skip_space (r);
  if (r->p < r->end && *r->p == close)
    {
      r->p++;
      return container;
    }
  for (;;)
    {
      const char *key = NULL;
      MgJsonTreeValue *item;

      if (object)
        {
          if (r->p >= r->end || *r->p != '"' || (key = read_string (r)) == NULL)
            return NULL;
          skip_space (r);
          if (r->p >= r->end || *r->p != ':')
            return NULL;
          r->p++;
        }
      item = read_value (r);
      if (item == NULL)
        return NULL;
      item->key = key;
      tree_append (container, &last, item);

      skip_space (r);
      if (r->p < r->end && *r->p == ',')
        {
          r->p++;
          skip_space (r);
          continue;
        }
      if (r->p < r->end && *r->p == close)
        {
          r->p++;
          return container;
        }
      return NULL;
    }
}

static MgJsonTreeValue *
read_value (Reader *r)
{
  MgJsonTreeValue *value;

  skip_space (r);
  if (r->p >= r->end)
    return NULL;

  switch (*r->p)
    {
    case '{':
    case '[':
      if (++r->depth > TREE_MAX_DEPTH)
        return NULL;
      value = read_container (r);
      r->depth--;
      return value;
    case '"':
      {
        const char *s = read_string (r);

        if (s == NULL)
          return NULL;
        value = tree_alloc (r->tree, MG_JSON_TREE_STRING);
        value->v.string = s;
        return value;
      }
    case 't':
    case 'f':
      {
        gboolean yes = *r->p == 't';

        if (!(yes ? read_word (r, "true", 4) : read_word (r, "false", 5)))
          return NULL;
        value = tree_alloc (r->tree, MG_JSON_TREE_BOOLEAN);
        value->v.boolean = yes;
        return value;
      }
    case 'n':
      if (!read_word (r, "null", 4))
        return NULL;
      return tree_alloc (r->tree, MG_JSON_TREE_NULL);
    default:
      if (*r->p == '-' || g_ascii_isdigit (*r->p))
        return read_number (r);
      return NULL;
    }
}

static MgJsonTree *
parse_strict (const char *data,
              gsize       length)
{
  g_autoptr(MgJsonTree) tree = NULL;
  Reader r;

  tree = tree_new ();
  tree->strings = g_malloc (length + 1);
  r.tree = tree;
  r.p = data;
  r.end = data + length;
  r.out = tree->strings;
  r.depth = 0;

  skip_space (&r);
  if (r.p >= r.end || (*r.p != '{' && *r.p != '['))
    return NULL;
  tree->root = read_value (&r);
  if (tree->root == NULL)
    return NULL;
  skip_space (&r);
  if (r.p != r.end)
    return NULL;
  return g_steal_pointer (&tree);
}

/* A copy of json-glib's tree; strings stay in it. */
static MgJsonTreeValue *
copy_node (MgJsonTree *tree,
           JsonNode   *node)
{
  MgJsonTreeValue *value;
  MgJsonTreeValue *last = NULL;

  switch (JSON_NODE_TYPE (node))
    {
    case JSON_NODE_OBJECT:
      {
        JsonObjectIter iter;
        const char *name;
        JsonNode *member;

        value = tree_alloc (tree, MG_JSON_TREE_OBJECT);
        json_object_iter_init_ordered (&iter, json_node_get_object (node));
        while (json_object_iter_next_ordered (&iter, &name, &member))
          {
            MgJsonTreeValue *item = copy_node (tree, member);

            item->key = name;
            tree_append (value, &last, item);
          }
        return value;
      }
    case JSON_NODE_ARRAY:
      {
        JsonArray *array = json_node_get_array (node);
        guint n = json_array_get_length (array);

        value = tree_alloc (tree, MG_JSON_TREE_ARRAY);
        for (guint i = 0; i < n; i++)
          {
            tree_append (value, &last, copy_node (tree, json_array_get_element (array, i)));
          }
        return value;
      }
    case JSON_NODE_NULL:
      return tree_alloc (tree, MG_JSON_TREE_NULL);
    case JSON_NODE_VALUE:
    default:
      break;
    }

  switch (json_node_get_value_type (node))
    {
    case G_TYPE_STRING:
      value = tree_alloc (tree, MG_JSON_TREE_STRING);
      value->v.string = json_node_get_string (node);
      break;
    case G_TYPE_BOOLEAN:
      value = tree_alloc (tree, MG_JSON_TREE_BOOLEAN);
      value->v.boolean = json_node_get_boolean (node);
      break;
    case G_TYPE_DOUBLE:
      value = tree_alloc (tree, MG_JSON_TREE_DOUBLE);
      value->v.number = json_node_get_double (node);
      break;
    default:
      value = tree_alloc (tree, MG_JSON_TREE_INT);
      value->v.integer = json_node_get_int (node);
      break;
    }
  return value;
}

MgJsonTree *
mg_json_tree_parse (const char  *data,
                    gsize        length,
                    GError     **error)
{
  g_autoptr(JsonParser) parser = NULL;
  MgJsonTree *tree;
  gsize deep_at;

  g_return_val_if_fail (data != NULL || length == 0, NULL);

  if (data == NULL)
    data = "";
  tree = parse_strict (data, length);
  if (tree != NULL)
    return tree;

  /* json-glib's parser recurses: refuse what would exhaust the stack. */
  if (mg_json_nesting_depth (data, length, MG_JSON_MAX_DEPTH, &deep_at) > MG_JSON_MAX_DEPTH)
    {
      guint line, column;

      mg_json_position_of_byte (data, length, deep_at, &line, &column);
      g_set_error (error, JSON_PARSER_ERROR, JSON_PARSER_ERROR_PARSE,
                   _("%u:%u: arrays and objects nested more than %u deep"),
                   line, column, MG_JSON_MAX_DEPTH);
      return NULL;
    }

  /* Mutable: sealing every object would hash it. */
  parser = json_parser_new ();
  if (!json_parser_load_from_data (parser, data, (gssize) length, error))
    return NULL;

  tree = tree_new ();
  tree->source = json_parser_steal_root (parser);
  if (tree->source != NULL)
    tree->root = copy_node (tree, tree->source);
  return tree;
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
