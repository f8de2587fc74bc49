/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "mg-json-tree.h"

G_BEGIN_DECLS

/* Shared by the parts of the W3C import. */

#define get_member mg_json_tree_get_member
#define get_string mg_json_tree_get_string_member

/* What the target of one annotation says about the text. */
typedef struct
{
  const char *source;
  const char *exact;
  const char *prefix;
  const char *suffix;
  gint64      start;    /* -1 when no TextPositionSelector */
  gint64      end;
} MgImportTarget;

typedef void (*MgImportObjectFunc) (const MgJsonTreeValue *object,
                                    gpointer               data);

/* TRUE when "type" (or "@type"), a string or an array of strings, names
 * @wanted (with or without "oa:"). */
gboolean mg_import_w3c_has_type       (const MgJsonTreeValue *object,
                                       const char            *wanted);
/* Calls @func on @node, or on each object in it when it is an array. */
void     mg_import_w3c_foreach_object (const MgJsonTreeValue *node,
                                       MgImportObjectFunc     func,
                                       gpointer               data);
/* The first target (of possibly several) that selects text: a
 * TextQuoteSelector anywhere (refinedBy included), a TextPositionSelector
 * at the top level only. FALSE when none does. */
gboolean mg_import_w3c_read_target    (const MgJsonTreeValue *annotation,
                                       MgImportTarget        *out);

G_END_DECLS
