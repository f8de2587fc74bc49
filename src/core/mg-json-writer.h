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

G_END_DECLS
