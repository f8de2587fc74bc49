/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Marginalia"
#include "config.h"

#include <string.h>

#include "mg-import-w3c-private.h"

/* Reading W3C Web Annotation JSON: types, and what a target selects. */

static gboolean
get_uint (const MgJsonTreeValue *object,
          const char            *member,
          gint64                *out)
{
  const MgJsonTreeValue *node = get_member (object, member);
  gint64 value;

  if (mg_json_tree_is (node, MG_JSON_TREE_INT))
    value = node->v.integer;
  else if (mg_json_tree_is (node, MG_JSON_TREE_DOUBLE))
    value = (gint64) node->v.number;
  else
    return FALSE;
  if (value < 0 || value > G_MAXUINT)
    return FALSE;
  *out = value;
  return TRUE;
}

static gboolean
type_name_is (const char *type,
              const char *wanted)
{
  if (type == NULL)
    return FALSE;
  if (g_str_has_prefix (type, "oa:"))
    type += 3;
  return g_str_equal (type, wanted);
}

/* "type" is a string or an array of strings. */
gboolean
mg_import_w3c_has_type (const MgJsonTreeValue *object,
                        const char            *wanted)
{
  const MgJsonTreeValue *node = get_member (object, "type");

  if (node == NULL)
    node = get_member (object, "@type");
  if (node == NULL)
    return FALSE;
  if (mg_json_tree_is (node, MG_JSON_TREE_ARRAY))
    {
      for (const MgJsonTreeValue *e = node->v.first; e != NULL; e = e->next)
        if (type_name_is (mg_json_tree_get_string (e), wanted))
          return TRUE;
      return FALSE;
    }
  return type_name_is (mg_json_tree_get_string (node), wanted);
}

/* Calls @func on @node, or on each element when it is an array. */
void
mg_import_w3c_foreach_object (const MgJsonTreeValue *node,
                              MgImportObjectFunc     func,
                              gpointer               data)
{
  if (node == NULL)
    return;
  if (node->kind == MG_JSON_TREE_OBJECT)
    func (node, data);
  else if (node->kind == MG_JSON_TREE_ARRAY)
    for (const MgJsonTreeValue *e = node->v.first; e != NULL; e = e->next)
      mg_import_w3c_foreach_object (e, func, data);
}

/* Selectors: a TextQuoteSelector anywhere (refinedBy included); a
 * TextPositionSelector only at the top level, since a refined one counts
 * from the start of what its parent selected, not of the text. */
static void
import_selector (const MgJsonTreeValue *selector,
                 MgImportTarget        *target,
                 gboolean               top_level)
{
  const MgJsonTreeValue *refined;

  if (mg_import_w3c_has_type (selector, "TextQuoteSelector") && target->exact == NULL)
    {
      const char *exact = get_string (selector, "exact");

      if (exact != NULL && *exact != '\0')
        {
          target->exact = exact;
          target->prefix = get_string (selector, "prefix");
          target->suffix = get_string (selector, "suffix");
        }
    }
  else if (mg_import_w3c_has_type (selector, "TextPositionSelector") && top_level
           && target->start < 0)
    {
      gint64 start, end;

      if (get_uint (selector, "start", &start)
          && get_uint (selector, "end", &end)
          && start < end)
        {
          target->start = start;
          target->end = end;
        }
    }

  refined = get_member (selector, "refinedBy");
  if (mg_json_tree_is (refined, MG_JSON_TREE_OBJECT))
    import_selector (refined, target, FALSE);
  else if (mg_json_tree_is (refined, MG_JSON_TREE_ARRAY))
    for (const MgJsonTreeValue *e = refined->v.first; e != NULL; e = e->next)
      if (e->kind == MG_JSON_TREE_OBJECT)
        import_selector (e, target, FALSE);
}

static void
import_selector_top (const MgJsonTreeValue *selector,
                     gpointer               data)
{
  import_selector (selector, data, TRUE);
}

/* The first target (of possibly several) that selects text. */
gboolean
mg_import_w3c_read_target (const MgJsonTreeValue *annotation,
                           MgImportTarget        *out)
{
  const MgJsonTreeValue *node = get_member (annotation, "target");
  const MgJsonTreeValue *single = NULL;

  if (mg_json_tree_is (node, MG_JSON_TREE_OBJECT))
    single = node;
  else if (!mg_json_tree_is (node, MG_JSON_TREE_ARRAY))
    return FALSE;

  for (const MgJsonTreeValue *target = single != NULL ? single : node->v.first;
       target != NULL; target = single != NULL ? NULL : target->next)
    {
      MgImportTarget t = { NULL, NULL, NULL, NULL, -1, -1 };

      if (target->kind != MG_JSON_TREE_OBJECT)
        continue;
      t.source = get_string (target, "source");
      mg_import_w3c_foreach_object (get_member (target, "selector"), import_selector_top, &t);
      if (t.exact != NULL || t.start >= 0)
        {
          *out = t;
          return TRUE;
        }
    }
  return FALSE;
}
