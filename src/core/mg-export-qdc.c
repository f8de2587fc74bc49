/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Marginalia"
#include "config.h"

#include "mg-export-qdc.h"
#include "mg-export-private.h"

gboolean
mg_export_qdc_write (MgSummary    *summary,
                     GString      *out,
                     MgExportJob  *job,
                     GError      **error)
{
  GPtrArray *tags = mg_summary_get_tag_counts (summary);

  _mg_export_job_begin (job, tags->len);

  g_string_append (out,
                   "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
                   "<CodeBook xmlns=\"urn:QDA-XML:codebook:1.0\" origin=\"Marginalia\">\n"
                   "  <Codes>\n");
  for (guint i = 0; i < tags->len; i++)
    {
      const MgSummaryCount *tag = g_ptr_array_index (tags, i);
      g_autofree char *seed = g_strconcat ("tag:", tag->key, NULL);
      g_autofree char *guid = _mg_export_derived_uuid (seed);

      g_string_append_printf (out, "    <Code guid=\"%s\" name=\"", guid);
      _mg_export_append_xml (out, tag->name);
      g_string_append (out, "\" isCodable=\"true\"");
      if (tag->color != NULL)
        {
          g_string_append (out, " color=\"");
          _mg_export_append_xml (out, tag->color);
          g_string_append (out, "\"");
        }
      if (tag->description != NULL && *tag->description != '\0')
        {
          g_string_append (out, ">\n      <Description>");
          _mg_export_append_xml (out, tag->description);
          g_string_append (out, "</Description>\n    </Code>\n");
        }
      else
        g_string_append (out, "/>\n");
      if (!_mg_export_job_step (job, error))
        return FALSE;
    }
  g_string_append (out, "  </Codes>\n</CodeBook>\n");

  _mg_export_job_finish (job);
  return TRUE;
}
