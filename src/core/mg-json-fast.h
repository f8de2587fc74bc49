/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* Parses @data (@length bytes) when it is plain, strict JSON whose tree
 * json-glib would build the same way: an object or an array with nothing
 * after it but white space, UTF-8 strings (escapes included, no NUL, no
 * lone surrogate), integers of at most 18 digits, no duplicate member
 * names, nested at most 256 deep. Anything else (fractions, exponents,
 * errors of any kind) gives NULL: the caller then parses with JsonParser,
 * which also says what is wrong and where. The tree is built directly,
 * without JsonParser's scanner, which makes large files several times
 * faster to read. */
JsonNode *mg_json_fast_parse (const char *data,
                              gsize       length);

G_END_DECLS
