/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Marginalia"
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "mg-sidecar-reader-private.h"

/* The content of a sidecar as read, and the typed reading of its values. */

MgSidecarContent *
_mg_sidecar_content_new (void)
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
_mg_sidecar_content_free (MgSidecarContent *content)
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
_mg_sidecar_content_add_problem (MgSidecarContent     *content,
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

MgSidecarProblem *
mg_sidecar_reader_add (MgSidecarReader      *r,
                       MgSidecarProblemKind  kind,
                       int                   code,
                       const char           *member,
                       const MgJsonPos      *pos,
                       const char           *message)
{
  MgSidecarProblem *p = _mg_sidecar_content_add_problem (r->content, kind, code, r->file_name,
                                                         member, message);
  MgSidecarProblemMark mark = { r->rank, code, pos != NULL ? *pos : r->at };

  g_array_append_val (r->marks, mark);
  return p;
}

/* An invalid member: the message is prefixed with its path. */
void
_mg_sidecar_reader_problem (MgSidecarReader *r,
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
  mg_sidecar_reader_add (r, MG_SIDECAR_PROBLEM_ERROR, MG_SIDECAR_ERROR_INVALID, member, NULL, message);
}

typedef enum
{
  EXPECTED_STRING,
  EXPECTED_BOOLEAN,
  EXPECTED_NUMBER,
  EXPECTED_STRINGS,
  EXPECTED_OBJECT,
  EXPECTED_ARRAY,
} Expected;

/* A value of another @kind than @expected: reported, and read past. */
static gboolean
wrong_kind (MgSidecarReader *r,
            MgJsonKind       kind,
            const char      *path,
            Expected         expected)
{
  const char *found;

  gboolean fraction = FALSE;
  MgJsonPos at = r->at;

  if (kind == MG_JSON_NONE)
    return FALSE;
  if (kind == MG_JSON_NUMBER)
    {
      MgJsonNumber number;

      if (!mg_json_reader_number (&r->json, &number))
        return FALSE;
      fraction = number.kind == MG_JSON_NUMBER_FRACTION;
    }
  else if (!mg_json_reader_skip (&r->json))
    return FALSE;
  r->at = at;
  found = mg_json_kind_describe (kind, fraction);
  switch (expected)
    {
    case EXPECTED_STRING:
      _mg_sidecar_reader_problem (r, path, _("expected a string, found %s"), found);
      break;
    case EXPECTED_BOOLEAN:
      _mg_sidecar_reader_problem (r, path, _("expected true or false, found %s"), found);
      break;
    case EXPECTED_NUMBER:
      _mg_sidecar_reader_problem (r, path, _("expected a whole number, found %s"), found);
      break;
    case EXPECTED_OBJECT:
      _mg_sidecar_reader_problem (r, path, _("expected an object, found %s"), found);
      break;
    case EXPECTED_ARRAY:
      _mg_sidecar_reader_problem (r, path, _("expected an array, found %s"), found);
      break;
    case EXPECTED_STRINGS:
    default:
      _mg_sidecar_reader_problem (r, path, _("expected an array of strings, found %s"), found);
      break;
    }
  return FALSE;
}

gboolean
_mg_sidecar_value_object (MgSidecarReader *r,
                          const char      *path)
{
  MgJsonKind kind = mg_json_reader_peek (&r->json, &r->at);

  if (kind == MG_JSON_OBJECT)
    return mg_json_reader_enter (&r->json);
  return wrong_kind (r, kind, path, EXPECTED_OBJECT);
}

gboolean
_mg_sidecar_value_array (MgSidecarReader *r,
                         const char      *path)
{
  MgJsonKind kind = mg_json_reader_peek (&r->json, &r->at);

  if (kind == MG_JSON_ARRAY)
    return mg_json_reader_enter (&r->json);
  return wrong_kind (r, kind, path, EXPECTED_ARRAY);
}

gboolean
_mg_sidecar_value_string (MgSidecarReader  *r,
                          const char       *path,
                          const char      **out)
{
  MgJsonKind kind = mg_json_reader_peek (&r->json, &r->at);

  if (kind == MG_JSON_STRING)
    return (*out = mg_json_reader_string (&r->json, NULL)) != NULL;
  return wrong_kind (r, kind, path, EXPECTED_STRING);
}

gboolean
_mg_sidecar_value_boolean (MgSidecarReader *r,
                           const char      *path,
                           gboolean        *out)
{
  MgJsonKind kind = mg_json_reader_peek (&r->json, &r->at);

  if (kind == MG_JSON_BOOLEAN)
    return mg_json_reader_boolean (&r->json, out);
  return wrong_kind (r, kind, path, EXPECTED_BOOLEAN);
}

gboolean
_mg_sidecar_value_offset (MgSidecarReader *r,
                          const char      *path,
                          guint           *out)
{
  MgJsonKind kind = mg_json_reader_peek (&r->json, &r->at);
  MgJsonNumber number;

  if (kind != MG_JSON_NUMBER)
    return wrong_kind (r, kind, path, EXPECTED_NUMBER);
  if (!mg_json_reader_number (&r->json, &number))
    return FALSE;

  /* 1e30, 2.5 or a number of twenty digits: say what was written. */
  if (number.kind != MG_JSON_NUMBER_INT || number.integer > G_MAXINT)
    {
      g_autofree char *text = g_strndup (number.text, number.length);

      _mg_sidecar_reader_problem (r, path, _("%s is not a whole number in range: offsets are whole numbers from 0 to %d"),
                                  text, G_MAXINT);
      return FALSE;
    }
  if (number.integer < 0)
    {
      g_autofree char *text = g_strdup_printf ("%" G_GINT64_FORMAT, number.integer);

      _mg_sidecar_reader_problem (r, path, _("%s is negative; offsets count from 0"), text);
      return FALSE;
    }
  *out = (guint) number.integer;
  return TRUE;
}

gboolean
_mg_sidecar_value_strv (MgSidecarReader   *r,
                        const char        *path,
                        const char      ***out)
{
  MgJsonKind kind = mg_json_reader_peek (&r->json, &r->at);
  MgJsonPos at = r->at;
  GPtrArray *strings;
  gboolean ok = TRUE;
  guint count = 0;

  *out = NULL;
  g_array_set_size (r->element_at, 0);
  if (kind != MG_JSON_ARRAY)
    return wrong_kind (r, kind, path, EXPECTED_STRINGS);
  if (!mg_json_reader_enter (&r->json))
    return FALSE;

  strings = g_ptr_array_new ();
  while (mg_json_reader_next_element (&r->json, &count))
    {
      MgJsonKind k = mg_json_reader_peek (&r->json, &r->at);

      if (k == MG_JSON_STRING)
        {
          const char *s = mg_json_reader_string (&r->json, NULL);

          if (s == NULL)
            break;
          g_ptr_array_add (strings, (gpointer) s);
          g_array_append_val (r->element_at, r->at);
        }
      else
        {
          g_autofree char *elem_path = g_strdup_printf ("%s[%u]", path, count - 1);

          wrong_kind (r, k, elem_path, EXPECTED_STRING);
          ok = FALSE;
        }
    }
  r->at = at;
  g_ptr_array_add (strings, NULL);
  *out = (const char **) g_ptr_array_free (strings, FALSE);
  return ok && r->json.error == MG_JSON_ERROR_NONE;
}

gboolean
_mg_sidecar_quote_matches (MgDocument *document,
                           guint       start,
                           guint       end,
                           const char *quote)
{
  gsize from, to;

  if (start > end || end > mg_document_get_length (document) || quote == NULL)
    return FALSE;
  /* Compared in place: loads check every annotation. */
  from = mg_document_offset_to_byte (document, start);
  to = mg_document_offset_to_byte (document, end);
  return strlen (quote) == to - from
         && memcmp (mg_document_get_text (document) + from, quote, to - from) == 0;
}
