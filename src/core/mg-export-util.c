/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Marginalia"
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "mg-export-util.h"

void
mg_export_job_begin (MgExportJob *job,
                     guint        total)
{
  job->total = total;
  job->done = 0;
  job->next_report = 0;
  if (job->progress != NULL)
    job->progress (0.0, job->progress_data);
}

gboolean
mg_export_job_step (MgExportJob  *job,
                    GError      **error)
{
  job->done++;
  if (job->done < job->next_report)
    return TRUE;

  /* About a hundred reports and cancellation checks per export. */
  job->next_report = job->done + MAX (1, job->total / 100);
  if (g_cancellable_set_error_if_cancelled (job->cancellable, error))
    return FALSE;
  if (job->progress != NULL && job->total > 0)
    job->progress (MIN (1.0, (double) job->done / job->total), job->progress_data);
  return TRUE;
}

void
mg_export_job_finish (MgExportJob *job)
{
  if (job->progress != NULL)
    job->progress (1.0, job->progress_data);
}

void
mg_export_append_html (GString    *out,
                       const char *text)
{
  const char *p;
  const char *run = text;

  if (text == NULL)
    return;
  for (p = text; *p != '\0'; p++)
    {
      const char *entity;

      switch (*p)
        {
        case '&': entity = "&amp;"; break;
        case '<': entity = "&lt;"; break;
        case '>': entity = "&gt;"; break;
        case '"': entity = "&quot;"; break;
        case '\'': entity = "&#39;"; break;
        default: continue;
        }
      g_string_append_len (out, run, p - run);
      g_string_append (out, entity);
      run = p + 1;
    }
  g_string_append_len (out, run, p - run);
}

void
mg_export_append_json_string (GString    *out,
                              const char *text)
{
  const char *p;
  const char *run;

  g_string_append_c (out, '"');
  if (text == NULL)
    text = "";
  run = text;
  for (p = text; *p != '\0'; p++)
    {
      guchar c = (guchar) *p;

      if (c >= 0x20 && c != '"' && c != '\\')
        continue;
      g_string_append_len (out, run, p - run);
      switch (c)
        {
        case '"': g_string_append (out, "\\\""); break;
        case '\\': g_string_append (out, "\\\\"); break;
        case '\n': g_string_append (out, "\\n"); break;
        case '\r': g_string_append (out, "\\r"); break;
        case '\t': g_string_append (out, "\\t"); break;
        case '\b': g_string_append (out, "\\b"); break;
        case '\f': g_string_append (out, "\\f"); break;
        default: g_string_append_printf (out, "\\u%04x", c); break;
        }
      run = p + 1;
    }
  g_string_append_len (out, run, p - run);
  g_string_append_c (out, '"');
}

void
mg_export_append_indent (GString *out,
                         guint    n)
{
  for (guint i = 0; i < n; i++)
    g_string_append_c (out, ' ');
}

void
mg_export_append_paragraph (GString *out,
                            guint    paragraph)
{
  if (paragraph > 0)
    g_string_append_printf (out, "¶%u", paragraph);
}

const char *
mg_export_author_label (const char *author)
{
  return author != NULL && *author != '\0' ? author : _("Unknown author");
}

void
mg_json_writer_init (MgJsonWriter *w,
                     GString      *out)
{
  memset (w, 0, sizeof *w);
  w->out = out;
}

static void
json_writer_value_prefix (MgJsonWriter *w)
{
  if (w->after_key)
    {
      w->after_key = FALSE;
      return;
    }
  if (w->depth == 0)
    return;
  if (w->has_members[w->depth])
    g_string_append_c (w->out, ',');
  g_string_append_c (w->out, '\n');
  mg_export_append_indent (w->out, w->depth * 2);
  w->has_members[w->depth] = TRUE;
}

static void
json_writer_open (MgJsonWriter *w,
                  char          c)
{
  json_writer_value_prefix (w);
  g_string_append_c (w->out, c);
  g_assert (w->depth + 1 < MG_JSON_WRITER_MAX_DEPTH);
  w->depth++;
  w->has_members[w->depth] = FALSE;
}

static void
json_writer_close (MgJsonWriter *w,
                   char          c)
{
  g_assert (w->depth > 0);
  if (w->has_members[w->depth])
    {
      g_string_append_c (w->out, '\n');
      mg_export_append_indent (w->out, (w->depth - 1) * 2);
    }
  w->depth--;
  g_string_append_c (w->out, c);
}

void
mg_json_writer_begin_object (MgJsonWriter *w)
{
  json_writer_open (w, '{');
}

void
mg_json_writer_end_object (MgJsonWriter *w)
{
  json_writer_close (w, '}');
}

void
mg_json_writer_begin_array (MgJsonWriter *w)
{
  json_writer_open (w, '[');
}

void
mg_json_writer_end_array (MgJsonWriter *w)
{
  json_writer_close (w, ']');
}

void
mg_json_writer_key (MgJsonWriter *w,
                    const char   *key)
{
  json_writer_value_prefix (w);
  mg_export_append_json_string (w->out, key);
  g_string_append (w->out, ": ");
  w->after_key = TRUE;
}

void
mg_json_writer_string (MgJsonWriter *w,
                       const char   *value)
{
  json_writer_value_prefix (w);
  mg_export_append_json_string (w->out, value);
}

void
mg_json_writer_uint (MgJsonWriter *w,
                     guint64       value)
{
  json_writer_value_prefix (w);
  g_string_append_printf (w->out, "%" G_GUINT64_FORMAT, value);
}

void
mg_json_writer_boolean (MgJsonWriter *w,
                        gboolean      value)
{
  json_writer_value_prefix (w);
  g_string_append (w->out, value ? "true" : "false");
}

void
mg_json_writer_null (MgJsonWriter *w)
{
  json_writer_value_prefix (w);
  g_string_append (w->out, "null");
}

void
mg_json_writer_finish (MgJsonWriter *w)
{
  g_string_append_c (w->out, '\n');
}

char *
mg_export_derived_uuid (const char *seed)
{
  static const char hex[] = "0123456789abcdef";
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA1);
  guint8 digest[20];
  gsize len = sizeof digest;
  char *uuid = g_malloc (37);
  char *p = uuid;

  g_checksum_update (checksum, (const guchar *) "marginalia:", -1);
  g_checksum_update (checksum, (const guchar *) seed, -1);
  g_checksum_get_digest (checksum, digest, &len);
  digest[6] = (digest[6] & 0x0f) | 0x50;
  digest[8] = (digest[8] & 0x3f) | 0x80;
  /* 8-4-4-4-12 hex digits; written by hand, as exports make tens of
   * thousands of these. */
  for (guint i = 0; i < 16; i++)
    {
      if (i == 4 || i == 6 || i == 8 || i == 10)
        *p++ = '-';
      *p++ = hex[digest[i] >> 4];
      *p++ = hex[digest[i] & 0x0f];
    }
  *p = '\0';
  return uuid;
}

/* @text as XML character data or an attribute value: markup characters as
 * references, line breaks and tabs as references too (an attribute would
 * otherwise turn them into spaces), characters XML 1.0 does not allow
 * (other C0 controls, U+FFFE, U+FFFF) left out. */
void
mg_export_append_xml (GString    *out,
                      const char *text)
{
  const char *run = text;
  const char *p;

  if (text == NULL)
    return;
  for (p = text; *p != '\0'; p++)
    {
      guchar c = (guchar) *p;
      const char *entity = NULL;
      gsize skip = 1;

      switch (c)
        {
        case '&': entity = "&amp;"; break;
        case '<': entity = "&lt;"; break;
        case '>': entity = "&gt;"; break;
        case '"': entity = "&quot;"; break;
        case '\t': entity = "&#9;"; break;
        case '\n': entity = "&#10;"; break;
        case '\r': entity = "&#13;"; break;
        case 0xef:
          if ((guchar) p[1] == 0xbf && ((guchar) p[2] == 0xbe || (guchar) p[2] == 0xbf))
            {
              entity = "";
              skip = 3;
            }
          break;
        default:
          if (c < 0x20)
            entity = "";
          break;
        }
      if (entity == NULL)
        continue;
      g_string_append_len (out, run, p - run);
      g_string_append (out, entity);
      p += skip - 1;
      run = p + 1;
    }
  g_string_append_len (out, run, p - run);
}
