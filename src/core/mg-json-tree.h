/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* A read-only JSON tree for reading large files once: values are laid
 * out in a few large blocks and strings in one buffer, so that building
 * it costs a fraction of a JsonNode tree (no hash table per object, no
 * allocation per value), and freeing it is a handful of frees. Objects
 * keep their members in order and are searched linearly (when a name is
 * used twice, the last one counts, as with json-glib). */

typedef enum
{
  MG_JSON_TREE_NULL,
  MG_JSON_TREE_BOOLEAN,
  MG_JSON_TREE_INT,
  MG_JSON_TREE_DOUBLE,
  MG_JSON_TREE_STRING,
  MG_JSON_TREE_ARRAY,
  MG_JSON_TREE_OBJECT,
} MgJsonTreeKind;

typedef struct _MgJsonTreeValue MgJsonTreeValue;

struct _MgJsonTreeValue
{
  MgJsonTreeKind   kind;
  guint            length;   /* elements or members */
  const char      *key;      /* the member's name, inside an object */
  MgJsonTreeValue *next;     /* the next element or member */
  union
  {
    gboolean         boolean;
    gint64           integer;
    double           number;
    const char      *string;
    MgJsonTreeValue *first;  /* arrays and objects */
  } v;
};

typedef struct _MgJsonTree MgJsonTree;

/* Strict JSON (RFC 8259, UTF-8, nested at most 256 deep), read by
 * MgJsonReader. Whole numbers that fit 64 bits are MG_JSON_TREE_INT, other
 * numbers MG_JSON_TREE_DOUBLE; \u0000 and half a surrogate pair are read
 * as U+FFFD. NULL with @error (JSON_PARSER_ERROR, "LINE:COLUMN: what is
 * wrong") when it is not JSON. */
MgJsonTree            *mg_json_tree_parse       (const char            *data,
                                                 gsize                  length,
                                                 GError               **error);
void                   mg_json_tree_free        (MgJsonTree            *tree);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (MgJsonTree, mg_json_tree_free)

const MgJsonTreeValue *mg_json_tree_get_root    (MgJsonTree            *tree);

/* The member @name of @object (the last of that name); NULL when @object
 * is NULL, not an object, or has no such member. */
const MgJsonTreeValue *mg_json_tree_get_member  (const MgJsonTreeValue *object,
                                                 const char            *name);
/* The string @value holds, or NULL when it is NULL or no string. */
const char            *mg_json_tree_get_string  (const MgJsonTreeValue *value);
/* mg_json_tree_get_string of a member. */
const char            *mg_json_tree_get_string_member (const MgJsonTreeValue *object,
                                                       const char            *name);

static inline gboolean
mg_json_tree_is (const MgJsonTreeValue *value,
                 MgJsonTreeKind         kind)
{
  return value != NULL && value->kind == kind;
}

/* The first element or member of an array or object; NULL otherwise. */
static inline const MgJsonTreeValue *
mg_json_tree_first (const MgJsonTreeValue *value)
{
  return value != NULL && (value->kind == MG_JSON_TREE_ARRAY || value->kind == MG_JSON_TREE_OBJECT)
         ? value->v.first : NULL;
}

G_END_DECLS
