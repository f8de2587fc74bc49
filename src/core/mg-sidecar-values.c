/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Marginalia"
#include "config.h"

#include <glib/gi18n-lib.h>

#include "mg-json-locator.h"
#include "mg-sidecar-reader-private.h"

/* The content of a sidecar as read, and the typed reading of its values. */

MgSidecarContent *
mg_sidecar_content_new (void)
{
  MgSidecarContent *content = g_new0 (MgSidecarContent, 1);

  content->problems = g_ptr_array_new_with_free_func ((GDestroyNotify) mg_sidecar_problem_free);
  content->code = -1;
  content->doc_length = -1;
  content->annotations = g_ptr_array_new_with_free_func (g_object_unref);
  content->dismissed = g_ptr_array_new_with_free_func (g_object_unref);
  return content;
}

void
mg_sidecar_content_free (MgSidecarContent *content)
{
  if (content == NULL)
    return;
  g_clear_pointer (&content->problems, g_ptr_array_unref);
  g_free (content->doc_name);
  g_free (content->doc_sha256);
  g_free (content->doc_encoding);
  g_free (content->doc_title);
  g_free (content->doc_text);
  g_clear_pointer (&content->extra, json_object_unref);
  g_clear_pointer (&content->doc_extra, json_object_unref);
  g_clear_object (&content->tags);
  g_clear_pointer (&content->annotations, g_ptr_array_unref);
  g_clear_pointer (&content->dismissed, g_ptr_array_unref);
  g_free (content);
}

MgSidecarProblem *
mg_sidecar_content_add_problem (MgSidecarContent     *content,
                                MgSidecarProblemKind  kind,
                                int                   code,
                                const char           *file_name,
                                const char           *member,
                                const char           *message)
{
  MgSidecarProblem *problem = g_new0 (MgSidecarProblem, 1);

  problem->file = g_strdup (file_name);
  problem->member = g_strdup (member);
  problem->message = g_strdup (message);
  problem->kind = kind;
  g_ptr_array_add (content->problems, problem);
  if (code >= 0 && content->code < 0)
    content->code = code;
  return problem;
}

/* An invalid member: the message is prefixed with its path. */
void
mg_sidecar_reader_problem (MgSidecarReader *r,
                           const char      *member,
                           const char      *format,
                           ...)
{
  g_autofree char *text = NULL;
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  text = g_strdup_vprintf (format, args);
  va_end (args);

  if (member != NULL && *member != '\0')
    message = g_strdup_printf ("%s: %s", member, text);
  else
    message = g_steal_pointer (&text);
  mg_sidecar_content_add_problem (r->content, MG_SIDECAR_PROBLEM_ERROR,
                                  MG_SIDECAR_ERROR_INVALID, r->file_name,
                                  member, message);
}

const char *
mg_sidecar_value_describe (JsonNode *node)
{
  GType type;

  switch (JSON_NODE_TYPE (node))
    {
    case JSON_NODE_OBJECT:
      return _("an object");
    case JSON_NODE_ARRAY:
      return _("an array");
    case JSON_NODE_NULL:
      return _("null");
    case JSON_NODE_VALUE:
    default:
      break;
    }

  type = json_node_get_value_type (node);
  if (type == G_TYPE_STRING)
    return _("a string");
  if (type == G_TYPE_BOOLEAN)
    return _("true or false");
  if (type == G_TYPE_DOUBLE)
    return _("a fractional number");
  return _("a number");
}

gboolean
mg_sidecar_value_is (JsonNode *node,
                     GType     type)
{
  return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == type;
}

gboolean
mg_sidecar_value_string (MgSidecarReader  *r,
                         JsonNode         *node,
                         const char       *path,
                         const char      **out)
{
  if (!mg_sidecar_value_is (node, G_TYPE_STRING))
    {
      mg_sidecar_reader_problem (r, path, _("expected a string, found %s"), mg_sidecar_value_describe (node));
      return FALSE;
    }
  *out = json_node_get_string (node);
  return TRUE;
}

gboolean
mg_sidecar_value_boolean (MgSidecarReader *r,
                          JsonNode        *node,
                          const char      *path,
                          gboolean        *out)
{
  if (!mg_sidecar_value_is (node, G_TYPE_BOOLEAN))
    {
      mg_sidecar_reader_problem (r, path, _("expected true or false, found %s"), mg_sidecar_value_describe (node));
      return FALSE;
    }
  *out = json_node_get_boolean (node);
  return TRUE;
}

gboolean
mg_sidecar_value_offset (MgSidecarReader *r,
                         JsonNode        *node,
                         const char      *path,
                         guint           *out)
{
  MgJsonIssue *issue = r->numbers != NULL ? g_hash_table_lookup (r->numbers, path) : NULL;
  gint64 v;

  /* 1e30, 2.5 or a number of twenty digits: json-glib makes a fraction of
   * the first two and wraps the last around, so say what was written. */
  if (issue != NULL || mg_sidecar_value_is (node, G_TYPE_DOUBLE))
    {
      char number[G_ASCII_DTOSTR_BUF_SIZE];
      const char *text = issue != NULL ? issue->text
        : g_ascii_dtostr (number, sizeof number, json_node_get_double (node));

      mg_sidecar_reader_problem (r, path, _("%s is not a whole number in range: offsets are whole numbers from 0 to %d"),
                                 text, G_MAXINT);
      if (issue != NULL)
        g_hash_table_remove (r->numbers, path);
      return FALSE;
    }
  if (!mg_sidecar_value_is (node, G_TYPE_INT64))
    {
      mg_sidecar_reader_problem (r, path, _("expected a whole number, found %s"), mg_sidecar_value_describe (node));
      return FALSE;
    }
  v = json_node_get_int (node);
  if (v < 0 || v > G_MAXINT)
    {
      g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, v);

      if (v < 0)
        mg_sidecar_reader_problem (r, path, _("%s is negative; offsets count from 0"), number);
      else
        mg_sidecar_reader_problem (r, path, _("%s is not a whole number in range: offsets are whole numbers from 0 to %d"),
                                   number, G_MAXINT);
      return FALSE;
    }
  *out = (guint) v;
  return TRUE;
}

/* An array of strings, as a NULL-terminated vector. */
gboolean
mg_sidecar_value_strv (MgSidecarReader *r,
                       JsonNode        *node,
                       const char      *path,
                       GStrv           *out)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  JsonArray *array;
  gboolean ok = TRUE;
  guint n;

  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      mg_sidecar_reader_problem (r, path, _("expected an array of strings, found %s"), mg_sidecar_value_describe (node));
      return FALSE;
    }
  array = json_node_get_array (node);
  n = json_array_get_length (array);
  for (guint i = 0; i < n; i++)
    {
      JsonNode *elem = json_array_get_element (array, i);
      const char *s;

      if (mg_sidecar_value_is (elem, G_TYPE_STRING))
        g_strv_builder_add (builder, json_node_get_string (elem));
      else
        {
          g_autofree char *elem_path = g_strdup_printf ("%s[%u]", path, i);

          mg_sidecar_value_string (r, elem, elem_path, &s);
          ok = FALSE;
        }
    }
  *out = g_strv_builder_end (builder);
  return ok;
}

gboolean
mg_sidecar_quote_matches (MgDocument *document,
                          guint       start,
                          guint       end,
                          const char *quote)
{
  g_autofree char *slice = NULL;

  if (start > end || end > mg_document_get_length (document))
    return FALSE;
  slice = mg_document_dup_slice (document, start, end);
  return g_strcmp0 (slice, quote) == 0;
}
