/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* The JSON style of the sidecar, which json-glib's generator does not
 * produce (it writes "key" : value): "key": value, two-space indent, raw
 * UTF-8, and only \" \\ \n \t \r \b \f and \u00XX for other control
 * characters escaped. The same value always gives the same bytes. */

/* @s as a quoted JSON string. Invalid UTF-8 is replaced by U+FFFD. */
void mg_json_append_string (GString    *out,
                            const char *s);
/* The shortest text that reads back as @value, always with a decimal
 * point or an exponent so that it stays a floating point number. */
void mg_json_append_double (GString    *out,
                            double      value);
/* @value in decimal. */
void mg_json_append_uint   (GString    *out,
                            guint64     value);
/* "key": (with a trailing space). */
void mg_json_append_key    (GString    *out,
                            const char *key);
void mg_json_append_indent (GString    *out,
                            guint       indent);

/* @node in the sidecar style. Multi-line: objects one member a line at
 * @indent + 2, arrays inline when they hold only scalars, else one element
 * a line. Inline (@multiline FALSE): { "a": 1, "b": [1, 2] }. */
void mg_json_append_node   (GString    *out,
                            JsonNode   *node,
                            guint       indent,
                            gboolean    multiline);

/* A streaming writer in the same style for documents written member by
 * member (the JSON and W3C exports): two-space indentation, members in the
 * order they are written; deterministic and fast on tens of thousands of
 * items, with no tree built. */
#define MG_JSON_WRITER_MAX_DEPTH 32

typedef struct
{
  GString  *out;
  guint     depth;
  gboolean  after_key;
  gboolean  has_members[MG_JSON_WRITER_MAX_DEPTH];
} MgJsonWriter;

void     mg_json_writer_init         (MgJsonWriter *w,
                                      GString      *out);
void     mg_json_writer_begin_object (MgJsonWriter *w);
void     mg_json_writer_end_object   (MgJsonWriter *w);
void     mg_json_writer_begin_array  (MgJsonWriter *w);
void     mg_json_writer_end_array    (MgJsonWriter *w);
void     mg_json_writer_key          (MgJsonWriter *w,
                                      const char   *key);
void     mg_json_writer_string       (MgJsonWriter *w,
                                      const char   *value);
void     mg_json_writer_uint         (MgJsonWriter *w,
                                      guint64       value);
void     mg_json_writer_boolean      (MgJsonWriter *w,
                                      gboolean      value);
void     mg_json_writer_null         (MgJsonWriter *w);
/* Ends the document with a newline. */
void     mg_json_writer_finish       (MgJsonWriter *w);

G_END_DECLS
