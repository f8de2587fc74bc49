/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Marginalia"
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "mg-json-fast.h"
#include "mg-json-locator.h"
#include "mg-json.h"
#include "mg-sidecar-reader-private.h"

/* Turning a sidecar's bytes into a JSON tree, and the problems of the JSON
 * itself: not JSON at all, or JSON that json-glib reads without a word
 * but differently from what was written. */

void
mg_sidecar_reader_fatal (MgSidecarReader *r,
                         int              code,
                         const char      *member,
                         guint            line,
                         guint            column,
                         const char      *message)
                         {
                         MgSidecarProblem *p = mg_sidecar_content_add_problem (r->content, MG_SIDECAR_PROBLEM_ERROR,
                         code, r->file_name, member, message);

  p->line = line;
  p->column = column;
}

/* The byte offset just after the object or array that @data (valid JSON
 * for json-glib) starts with, or @length when it starts with something
 * else. json-glib reads an object or array followed by another one as if
 * the second were not there. */
static gsize
first_value_end (const char *data,
                 gsize       length)
{
  gsize depth = 0;
  gboolean in_string = FALSE;
  gsize i = 0;

  while (i < length && g_ascii_isspace (data[i]))
    i++;
  if (i == length || (data[i] != '{' && data[i] != '['))
    return length;

  for (; i < length; i++)
    {
      char c = data[i];

      if (in_string)
        {
          if (c == '\\')
            i++;
          else if (c == '"')
            in_string = FALSE;
        }
      else if (c == '"')
        in_string = TRUE;
      else if (c == '{' || c == '[')
        depth++;
      else if ((c == '}' || c == ']') && --depth == 0)
        return i + 1;
    }
  return length;
}

/* Parses the JSON; NULL (with a fatal problem) when it is not JSON. */
JsonNode *
mg_sidecar_reader_parse_json (MgSidecarReader *r,
                              const char      *data,
                              gsize            length)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) error = NULL;
  JsonNode *root;
  const char *end = NULL;
  gsize deep_at = 0;
  guint line, column;
  gboolean blank = TRUE;

  for (gsize i = 0; i < length && blank; i++)
    blank = g_ascii_isspace (data[i]);
  if (blank)
    {
      mg_sidecar_reader_fatal (r, MG_SIDECAR_ERROR_PARSE, NULL, 1, 1, _("the file is empty"));
      return NULL;
    }

  /* Plain JSON is read directly; anything unusual, and every error, goes
   * through json-glib, which gives the same tree and says where it fails. */
  root = mg_json_fast_parse (data, length);
  if (root != NULL)
    return root;

  /* json-glib's parser recurses: refuse what would exhaust the stack (the
   * direct reader stops at the same depth on its own). */
  if (mg_json_nesting_depth (data, length, MG_JSON_MAX_DEPTH, &deep_at) > MG_JSON_MAX_DEPTH)
    {
      g_autofree char *message =
        g_strdup_printf (_("not a Marginalia file: arrays and objects nested more than %u deep"),
                         MG_JSON_MAX_DEPTH);

      mg_json_position_of_byte (data, length, deep_at, &line, &column);
      mg_sidecar_reader_fatal (r, MG_SIDECAR_ERROR_PARSE, NULL, line, column, message);
      return NULL;
    }

  /* json-glib cuts a string at \u0000 and turns half a surrogate pair into
   * U+FFFD (eating the next character): what was written could not be
   * written back; and a lone surrogate before a closing quote makes it lose
   * the end of the string. The direct reader above refuses both, so only
   * this path needs the check. */
  {
    g_autoptr(GArray) bad = mg_json_find_unkeepable_escapes (data, length);

    for (guint i = 0; i < bad->len; i++)
      {
        MgJsonBadEscape *e = &g_array_index (bad, MgJsonBadEscape, i);
        g_autofree char *message = NULL;

        if (e->nul)
          message = g_strdup (_("a string holds \\u0000, the NUL character, which a sidecar cannot hold: remove it"));
        else
          message = g_strdup_printf (_("a string holds %.6s, half of a UTF-16 surrogate pair without its other half, "
                                       "which is no character: remove it or complete the pair"),
                                     data + e->offset);
        mg_json_position_of_byte (data, length, e->offset, &line, &column);
        mg_sidecar_reader_fatal (r, MG_SIDECAR_ERROR_INVALID, NULL, line, column, message);
      }
    if (bad->len > 0)
      return NULL;
  }

  parser = json_parser_new ();
  if (!json_parser_load_from_data (parser, data, (gssize) length, &error))
    {
      /* json-glib says where, except for bytes that are not UTF-8. */
      if (!g_utf8_validate_len (data, length, &end))
        {
          mg_json_position_of_byte (data, length, (gsize) (end - data), &line, &column);
          mg_sidecar_reader_fatal (r, MG_SIDECAR_ERROR_PARSE, NULL, line, column,
                                   _("not JSON: the file is not UTF-8 text (or holds a NUL byte)"));
          return NULL;
        }

      g_autofree char *detail = mg_json_parse_error_split (data, length, error->message,
                                                           &line, &column);
      g_autofree char *message = g_strdup_printf (_("not JSON: %s"), detail);
      guint end_line, end_column;

      /* A file cut short confuses json-glib into blaming the last token
       * it read; say what happened instead, where the text stops. */
      mg_json_position_of_byte (data, length, length, &end_line, &end_column);
      if (mg_json_ends_open (data, length) && line + 1 >= end_line)
        {
          mg_sidecar_reader_fatal (r, MG_SIDECAR_ERROR_PARSE, NULL, end_line, end_column,
                                   _("not JSON: the file ends before its last string, object or array is closed (was it cut short?)"));
          return NULL;
        }

      mg_sidecar_reader_fatal (r, MG_SIDECAR_ERROR_PARSE, NULL, line, column, message);
      return NULL;
    }

  if (json_parser_get_root (parser) == NULL)
    {
      mg_sidecar_reader_fatal (r, MG_SIDECAR_ERROR_PARSE, NULL, 1, 1, _("the file is empty"));
      return NULL;
    }

  /* Only white space may follow the value: a second one would be lost on
   * the next save. */
  for (gsize i = first_value_end (data, length); i < length; i++)
    if (!g_ascii_isspace (data[i]))
      {
        mg_json_position_of_byte (data, length, i, &line, &column);
        mg_sidecar_reader_fatal (r, MG_SIDECAR_ERROR_PARSE, NULL, line, column,
                                 _("not JSON: more data follows the end of the object (two files joined?)"));
        return NULL;
      }

  /* json-glib keeps the last of two members of the same name, silently
   * (which one the writer meant cannot be known), and wraps integers too
   * large for 64 bits around. The direct reader above refuses both, so
   * only this path needs the check. */
  r->issues = mg_json_find_issues (data, length);
  for (guint i = 0; i < r->issues->len; i++)
    {
      MgJsonIssue *issue = g_ptr_array_index (r->issues, i);
      g_autofree char *message = NULL;

      if (issue->kind != MG_JSON_ISSUE_DUPLICATE_MEMBER)
        {
          if (r->numbers == NULL)
            r->numbers = g_hash_table_new (g_str_hash, g_str_equal);
          g_hash_table_insert (r->numbers, issue->path, issue);
          continue;
        }
      message = g_strdup_printf (_("%s: the member “%s” appears twice in the same object "
                                   "(first at line %u, column %u): which value is meant cannot be told"),
                                 issue->path, issue->text, issue->first_line, issue->first_column);
      mg_sidecar_reader_fatal (r, MG_SIDECAR_ERROR_INVALID, issue->path, issue->line, issue->column, message);
    }

  return json_parser_steal_root (parser);
}

/* Integers beyond 64 bits that were not read as offsets or version (an
 * unknown member's, say): json-glib has wrapped them around, so they
 * would be written back as other numbers. */
void
mg_sidecar_reader_report_huge_numbers (MgSidecarReader *r)
{
  if (r->issues == NULL)
    return;
  for (guint i = 0; i < r->issues->len; i++)
    {
      MgJsonIssue *issue = g_ptr_array_index (r->issues, i);
      g_autofree char *message = NULL;

      if (issue->kind != MG_JSON_ISSUE_HUGE_INTEGER
          || g_hash_table_lookup (r->numbers, issue->path) != issue)
        continue;
      message = g_strdup_printf (_("%s: the number %s is too large to be kept exactly"),
                                 issue->path, issue->text);
      mg_sidecar_reader_fatal (r, MG_SIDECAR_ERROR_INVALID, issue->path, issue->line, issue->column,
                               message);
    }
}
