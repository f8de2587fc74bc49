/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* A copy of @object that shares nothing with it (nullable in, nullable out). */
JsonObject *mg_json_object_deep_copy (JsonObject *object);

/* Reads the escape at @p (its backslash) in a JSON string ending before
 * @end: the character it stands for in *@ch and the bytes it takes in
 * *@length (2, 6, or 12 for a surrogate pair). FALSE for an escape JSON
 * does not have, a lone surrogate, or \u0000 (which json-glib reads its own
 * way). */
gboolean    mg_json_read_escape      (const char *p,
                                      const char *end,
                                      gunichar   *ch,
                                      guint      *length);
/* An escape in a string that stands for no character Marginalia can keep:
 * \u0000 (C strings end at a NUL) or half of a surrogate pair. */
typedef struct
{
  gsize    offset;   /* of its backslash */
  gunichar value;    /* the code unit written */
  gboolean nul;      /* \u0000; else a lone surrogate */
} MgJsonBadEscape;

/* Every such escape in the strings of @data (JSON, or nearly), in order. */
GArray     *mg_json_find_unkeepable_escapes (const char *data,
                                             gsize       length);
/* Equality of two nullable objects; NULL and an empty object are equal. */
gboolean    mg_json_object_equal0    (JsonObject *a,
                                      JsonObject *b);

G_END_DECLS
