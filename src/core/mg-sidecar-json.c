/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Marginalia"
#include "config.h"

#include <glib/gi18n-lib.h>

#include "mg-sidecar-reader-private.h"

/* The problems of a sidecar's JSON itself: not JSON at all, or JSON that
 * says something a sidecar cannot keep (a member named twice, a number
 * too large, a string holding what no text can). */

/* Nothing read before an error of the JSON counts. */
static void
forget (MgSidecarReader *r)
{
  g_ptr_array_set_size (r->content->problems, 0);
  g_array_set_size (r->marks, 0);
  g_ptr_array_set_size (r->content->annotations, 0);
  g_ptr_array_set_size (r->content->dismissed, 0);
  r->content->code = -1;
  r->rank = MG_SIDECAR_RANK_JSON;
}

void
_mg_sidecar_reader_json_failed (MgSidecarReader *r)
{
  MgJsonReader *json = &r->json;
  g_autofree char *message = NULL;
  int code = MG_SIDECAR_ERROR_PARSE;
  MgSidecarProblem *p;
  guint line, column;

  switch (json->error)
    {
    case MG_JSON_ERROR_EMPTY:
      message = g_strdup (_("the file is empty"));
      break;
    case MG_JSON_ERROR_CUT_SHORT:
      message = g_strdup (_("not JSON: the file ends before its last string, object or array is closed (was it cut short?)"));
      break;
    case MG_JSON_ERROR_NOT_UTF8:
      message = g_strdup (_("not JSON: the file is not UTF-8 text (or holds a NUL byte)"));
      break;
    case MG_JSON_ERROR_TRAILING:
      message = g_strdup (_("not JSON: more data follows the end of the object (two files joined?)"));
      break;
    case MG_JSON_ERROR_TOO_DEEP:
      message = g_strdup_printf (_("not a Marginalia file: arrays and objects nested more than %u deep"),
                                 MG_JSON_MAX_DEPTH);
      break;
    case MG_JSON_ERROR_SYNTAX:
    case MG_JSON_ERROR_NONE:
    default:
      message = g_strdup_printf (_("not JSON: %s"), json->message);
      break;
    }

  forget (r);
  p = mg_sidecar_reader_add (r, MG_SIDECAR_PROBLEM_ERROR, code, NULL, &r->root, message);
  mg_json_reader_error_position (json, &line, &column);
  p->line = line;
  p->column = column;
}

gboolean
_mg_sidecar_reader_bad_escapes (MgSidecarReader *r)
{
  MgJsonReader *json = &r->json;
  GArray *bad = json->bad_escapes;

  /* json-glib cuts a string at \u0000 and turns half a surrogate pair
   * into U+FFFD: what was written could not be written back. Too deep a
   * nesting is said first. */
  if (bad == NULL || json->error == MG_JSON_ERROR_TOO_DEEP)
    return FALSE;

  forget (r);
  for (guint i = 0; i < bad->len; i++)
    {
      MgJsonBadEscape *e = &g_array_index (bad, MgJsonBadEscape, i);
      g_autofree char *message = NULL;
      MgSidecarProblem *p;

      if (e->nul)
        message = g_strdup (_("a string holds \\u0000, the NUL character, which a sidecar cannot hold: remove it"));
      else
        message = g_strdup_printf (_("a string holds %.6s, half of a UTF-16 surrogate pair without its other half, "
                                     "which is no character: remove it or complete the pair"),
                                   json->data + e->offset);
      p = mg_sidecar_reader_add (r, MG_SIDECAR_PROBLEM_ERROR, MG_SIDECAR_ERROR_INVALID, NULL, &r->root, message);
      json->error_offset = e->offset;
      mg_json_reader_error_position (json, &p->line, &p->column);
    }
  return TRUE;
}

void
_mg_sidecar_reader_json_issue (gpointer         user_data,
                               const char      *path,
                               const char      *text,
                               const MgJsonPos *pos,
                               const MgJsonPos *first)
{
  MgSidecarReader *r = user_data;
  MgSidecarRank rank = r->rank;
  g_autofree char *message = NULL;

  if (first != NULL)
    {
      guint line, column;

      /* json-glib keeps the last of two members of the same name,
       * silently: which one the writer meant cannot be known. */
      mg_json_reader_locate (&r->json, first, &line, &column);
      message = g_strdup_printf (_("%s: the member “%s” appears twice in the same object "
                                   "(first at line %u, column %u): which value is meant cannot be told"),
                                 path, text, line, column);
      r->rank = MG_SIDECAR_RANK_JSON;
    }
  else
    {
      /* A whole number beyond 64 bits would be written back as another. */
      message = g_strdup_printf (_("%s: the number %s is too large to be kept exactly"), path, text);
      r->rank = MG_SIDECAR_RANK_NUMBERS;
    }
  mg_sidecar_reader_add (r, MG_SIDECAR_PROBLEM_ERROR, MG_SIDECAR_ERROR_INVALID, path, pos, message);
  r->rank = rank;
}

JsonNode *
_mg_sidecar_reader_node (MgSidecarReader *r,
                         const char      *path)
{
  g_string_assign (r->path, path);
  return mg_json_reader_node (&r->json, r->path, _mg_sidecar_reader_json_issue, r);
}
