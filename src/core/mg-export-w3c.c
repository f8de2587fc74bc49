/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Marginalia"
#include "config.h"

#include <string.h>

#include "mg-export-w3c.h"

static char *
w3c_derived_urn (const char *seed)
{
  g_autofree char *uuid = _mg_export_derived_uuid (seed);

  return g_strconcat ("urn:uuid:", uuid, NULL);
}

/* g_uuid_string_is_valid (), unrolled: an export asks it of every
 * annotation. "xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx", hex digits of
 * either case. */
static gboolean
w3c_is_uuid (const char *id)
{
  for (guint i = 0; i < 36; i++)
    {
      if (i == 8 || i == 13 || i == 18 || i == 23)
        {
          if (id[i] != '-')
            return FALSE;
        }
      else if (!g_ascii_isxdigit (id[i]))
        return FALSE;
    }
  return id[36] == '\0';
}

static char *
w3c_annotation_iri (const char *id)
{
  g_autofree char *escaped = NULL;

  if (w3c_is_uuid (id))
    return g_strconcat ("urn:uuid:", id, NULL);
  escaped = g_uri_escape_string (id, NULL, FALSE);
  return g_strconcat ("urn:x-marginalia:", escaped, NULL);
}

static void
w3c_write_textual_body (MgJsonWriter *w,
                        const char   *purpose,
                        const char   *value)
{
  mg_json_writer_begin_object (w);
  mg_json_writer_key (w, "type");
  mg_json_writer_string (w, "TextualBody");
  mg_json_writer_key (w, "purpose");
  mg_json_writer_string (w, purpose);
  mg_json_writer_key (w, "value");
  mg_json_writer_string (w, value);
  mg_json_writer_key (w, "format");
  mg_json_writer_string (w, "text/plain");
  mg_json_writer_end_object (w);
}

static void
w3c_write_item (MgJsonWriter        *w,
                MgSummary           *summary,
                const char          *source,
                const MgSummaryItem *item)
{
  g_autofree char *iri = w3c_annotation_iri (item->id);
  const char *motivation;

  if (*item->note != '\0')
    motivation = "commenting";
  else if (item->tags[0] != NULL)
    motivation = "tagging";
  else
    motivation = "highlighting";

  mg_json_writer_begin_object (w);
  mg_json_writer_key (w, "id");
  mg_json_writer_string (w, iri);
  mg_json_writer_key (w, "type");
  mg_json_writer_string (w, "Annotation");
  mg_json_writer_key (w, "motivation");
  mg_json_writer_string (w, motivation);
  if (item->created != NULL)
    {
      mg_json_writer_key (w, "created");
      mg_json_writer_string (w, item->created);
    }
  if (item->modified != NULL)
    {
      mg_json_writer_key (w, "modified");
      mg_json_writer_string (w, item->modified);
    }
  if (*item->author != '\0')
    {
      mg_json_writer_key (w, "creator");
      mg_json_writer_begin_object (w);
      mg_json_writer_key (w, "type");
      mg_json_writer_string (w, "Person");
      mg_json_writer_key (w, "name");
      mg_json_writer_string (w, item->author);
      mg_json_writer_end_object (w);
    }
  if (item->starred)
    {
      mg_json_writer_key (w, "starred");
      mg_json_writer_boolean (w, TRUE);
    }

  if (item->tags[0] != NULL || *item->note != '\0')
    {
      mg_json_writer_key (w, "body");
      mg_json_writer_begin_array (w);
      for (guint i = 0; item->tags[i] != NULL; i++)
        w3c_write_textual_body (w, "tagging", mg_summary_get_tag_name (summary, item->tags[i]));
      if (*item->note != '\0')
        w3c_write_textual_body (w, "commenting", item->note);
      mg_json_writer_end_array (w);
    }

  mg_json_writer_key (w, "target");
  mg_json_writer_begin_object (w);
  mg_json_writer_key (w, "source");
  mg_json_writer_string (w, source);
  mg_json_writer_key (w, "selector");
  mg_json_writer_begin_array (w);
  mg_json_writer_begin_object (w);
  mg_json_writer_key (w, "type");
  mg_json_writer_string (w, "TextQuoteSelector");
  mg_json_writer_key (w, "exact");
  mg_json_writer_string (w, item->quote);
  mg_json_writer_key (w, "prefix");
  mg_json_writer_string (w, item->prefix);
  mg_json_writer_key (w, "suffix");
  mg_json_writer_string (w, item->suffix);
  mg_json_writer_end_object (w);
  if (!item->orphaned)
    {
      mg_json_writer_begin_object (w);
      mg_json_writer_key (w, "type");
      mg_json_writer_string (w, "TextPositionSelector");
      mg_json_writer_key (w, "start");
      mg_json_writer_uint (w, item->start);
      mg_json_writer_key (w, "end");
      mg_json_writer_uint (w, item->end);
      mg_json_writer_end_object (w);
    }
  mg_json_writer_end_array (w);
  mg_json_writer_end_object (w);

  mg_json_writer_end_object (w);
}

gboolean
mg_export_w3c_write (MgSummary    *summary,
                     GString      *out,
                     MgExportJob  *job,
                     GError      **error)
{
  MgJsonWriter w;
  const char *sha256 = mg_summary_get_sha256 (summary);
  g_autofree char *source = NULL;
  g_autofree char *seed = NULL;
  g_autofree char *collection_id = NULL;
  g_autofree char *page_seed = NULL;
  g_autofree char *page_id = NULL;
  guint n = mg_summary_get_n_items (summary);

  if (*sha256 != '\0')
    source = g_strconcat ("urn:sha256:", sha256, NULL);
  else
    source = g_strdup (mg_summary_get_source (summary));

  seed = g_strconcat (source, "\n", mg_summary_get_date (summary), NULL);
  collection_id = w3c_derived_urn (seed);
  page_seed = g_strconcat (seed, "\npage1", NULL);
  page_id = w3c_derived_urn (page_seed);

  _mg_export_job_begin (job, n);

  mg_json_writer_init (&w, out);
  mg_json_writer_begin_object (&w);
  mg_json_writer_key (&w, "@context");
  mg_json_writer_begin_array (&w);
  mg_json_writer_string (&w, MG_W3C_CONTEXT);
  mg_json_writer_begin_object (&w);
  mg_json_writer_key (&w, "starred");
  mg_json_writer_string (&w, MG_W3C_STARRED_IRI);
  mg_json_writer_end_object (&w);
  mg_json_writer_end_array (&w);
  mg_json_writer_key (&w, "id");
  mg_json_writer_string (&w, collection_id);
  mg_json_writer_key (&w, "type");
  mg_json_writer_string (&w, "AnnotationCollection");
  mg_json_writer_key (&w, "label");
  mg_json_writer_string (&w, mg_summary_get_title (summary));
  mg_json_writer_key (&w, "generated");
  mg_json_writer_string (&w, mg_summary_get_date (summary));
  mg_json_writer_key (&w, "total");
  mg_json_writer_uint (&w, n);
  mg_json_writer_key (&w, "first");
  mg_json_writer_begin_object (&w);
  mg_json_writer_key (&w, "id");
  mg_json_writer_string (&w, page_id);
  mg_json_writer_key (&w, "type");
  mg_json_writer_string (&w, "AnnotationPage");
  mg_json_writer_key (&w, "startIndex");
  mg_json_writer_uint (&w, 0);
  mg_json_writer_key (&w, "items");
  mg_json_writer_begin_array (&w);
  for (guint i = 0; i < n; i++)
    {
      w3c_write_item (&w, summary, source, mg_summary_get_item (summary, i));
      if (!_mg_export_job_step (job, error))
        return FALSE;
    }
  mg_json_writer_end_array (&w);
  mg_json_writer_end_object (&w);
  mg_json_writer_end_object (&w);
  mg_json_writer_finish (&w);

  _mg_export_job_finish (job);
  return TRUE;
}
