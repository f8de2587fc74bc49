/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Marginalia"
#include "config.h"

#include "mg-export-json.h"

static const char *
json_group_kind (MgSummaryGroupKind kind)
{
  switch (kind)
    {
    case MG_SUMMARY_GROUP_TAG: return "tag";
    case MG_SUMMARY_GROUP_UNTAGGED: return "untagged";
    case MG_SUMMARY_GROUP_ORPHANED: return "orphaned";
    default: g_assert_not_reached ();
    }
}

static void
json_write_string_array (MgJsonWriter       *w,
                         const char * const *values)
{
  mg_json_writer_begin_array (w);
  for (guint i = 0; values != NULL && values[i] != NULL; i++)
    mg_json_writer_string (w, values[i]);
  mg_json_writer_end_array (w);
}

static void
json_write_item (MgJsonWriter        *w,
                 MgSummary           *summary,
                 const MgSummaryItem *item)
{
  mg_json_writer_begin_object (w);
  if (mg_summary_is_combined (summary))
    {
      mg_json_writer_key (w, "document");
      mg_json_writer_string (w, mg_summary_get_speech (summary, item->speech)->path);
    }
  mg_json_writer_key (w, "id");
  mg_json_writer_string (w, item->id);
  mg_json_writer_key (w, "start");
  mg_json_writer_uint (w, item->start);
  mg_json_writer_key (w, "end");
  mg_json_writer_uint (w, item->end);
  mg_json_writer_key (w, "paragraph");
  if (item->paragraph > 0)
    mg_json_writer_uint (w, item->paragraph);
  else
    mg_json_writer_null (w);
  if (item->sentence > 0)
    {
      mg_json_writer_key (w, "sentence");
      mg_json_writer_uint (w, item->sentence);
    }
  mg_json_writer_key (w, "quote");
  mg_json_writer_string (w, item->quote);
  mg_json_writer_key (w, "context");
  mg_json_writer_string (w, item->context);
  mg_json_writer_key (w, "note");
  mg_json_writer_string (w, item->note);
  mg_json_writer_key (w, "starred");
  mg_json_writer_boolean (w, item->starred);
  mg_json_writer_key (w, "author");
  mg_json_writer_string (w, item->author);
  mg_json_writer_key (w, "tags");
  json_write_string_array (w, (const char * const *) item->tags);
  mg_json_writer_end_object (w);
}

/* A combined summary's speeches, in order: what the counts' "speeches"
 * arrays and the items' "document" refer to. */
static void
json_write_speeches (MgJsonWriter *w,
                     MgSummary    *summary)
{
  mg_json_writer_key (w, "speeches");
  mg_json_writer_begin_array (w);
  for (guint s = 0; s < mg_summary_get_n_speeches (summary); s++)
    {
      const MgSummarySpeech *speech = mg_summary_get_speech (summary, s);

      mg_json_writer_begin_object (w);
      mg_json_writer_key (w, "document");
      mg_json_writer_string (w, speech->path);
      mg_json_writer_key (w, "title");
      mg_json_writer_string (w, speech->title);
      mg_json_writer_key (w, "source");
      mg_json_writer_string (w, speech->source);
      mg_json_writer_key (w, "sha256");
      mg_json_writer_string (w, speech->sha256);
      mg_json_writer_key (w, "language");
      mg_json_writer_string (w, speech->language);
      mg_json_writer_key (w, "total");
      mg_json_writer_uint (w, speech->n_items);
      mg_json_writer_key (w, "untagged");
      mg_json_writer_uint (w, speech->n_untagged);
      mg_json_writer_key (w, "orphaned");
      mg_json_writer_uint (w, speech->n_orphaned);
      mg_json_writer_end_object (w);
    }
  mg_json_writer_end_array (w);
}

static void
json_write_counts (MgJsonWriter *w,
                   MgSummary    *summary)
{
  GPtrArray *tags = mg_summary_get_tag_counts (summary);
  GPtrArray *authors = mg_summary_get_author_counts (summary);

  mg_json_writer_key (w, "counts");
  mg_json_writer_begin_object (w);
  mg_json_writer_key (w, "tags");
  mg_json_writer_begin_array (w);
  for (guint i = 0; i < tags->len; i++)
    {
      const MgSummaryCount *count = g_ptr_array_index (tags, i);

      mg_json_writer_begin_object (w);
      mg_json_writer_key (w, "id");
      mg_json_writer_string (w, count->key);
      mg_json_writer_key (w, "name");
      mg_json_writer_string (w, count->name);
      mg_json_writer_key (w, "color");
      mg_json_writer_string (w, count->color);
      mg_json_writer_key (w, "count");
      mg_json_writer_uint (w, count->count);
      if (mg_summary_is_combined (summary))
        {
          mg_json_writer_key (w, "speeches");
          mg_json_writer_begin_array (w);
          for (guint s = 0; s < mg_summary_get_n_speeches (summary); s++)
            mg_json_writer_uint (w, count->speech_counts[s]);
          mg_json_writer_end_array (w);
        }
      mg_json_writer_end_object (w);
    }
  mg_json_writer_end_array (w);
  mg_json_writer_key (w, "authors");
  mg_json_writer_begin_array (w);
  for (guint i = 0; i < authors->len; i++)
    {
      const MgSummaryCount *count = g_ptr_array_index (authors, i);

      mg_json_writer_begin_object (w);
      mg_json_writer_key (w, "name");
      mg_json_writer_string (w, count->name);
      mg_json_writer_key (w, "count");
      mg_json_writer_uint (w, count->count);
      mg_json_writer_end_object (w);
    }
  mg_json_writer_end_array (w);
  mg_json_writer_key (w, "starred");
  mg_json_writer_uint (w, mg_summary_get_starred (summary)->len);
  mg_json_writer_key (w, "untagged");
  mg_json_writer_uint (w, mg_summary_get_n_untagged (summary));
  mg_json_writer_key (w, "orphaned");
  mg_json_writer_uint (w, mg_summary_get_n_orphaned (summary));
  mg_json_writer_end_object (w);
}

gboolean
mg_export_json_write (MgSummary    *summary,
                      GString      *out,
                      MgExportJob  *job,
                      GError      **error)
{
  MgJsonWriter w;
  guint n_groups = mg_summary_get_n_groups (summary);
  const char * const *filter_tags = mg_summary_get_filter_tags (summary);
  const char *filter_author = mg_summary_get_filter_author (summary);
  guint total = 0;

  for (guint g = 0; g < n_groups; g++)
    total += mg_summary_get_group (summary, g)->items->len;
  _mg_export_job_begin (job, total);

  mg_json_writer_init (&w, out);
  mg_json_writer_begin_object (&w);
  mg_json_writer_key (&w, "title");
  mg_json_writer_string (&w, mg_summary_get_title (summary));
  mg_json_writer_key (&w, "source");
  mg_json_writer_string (&w, mg_summary_get_source (summary));
  mg_json_writer_key (&w, "sha256");
  mg_json_writer_string (&w, mg_summary_get_sha256 (summary));
  mg_json_writer_key (&w, "language");
  mg_json_writer_string (&w, mg_summary_get_language (summary));
  mg_json_writer_key (&w, "exported");
  mg_json_writer_string (&w, mg_summary_get_date (summary));

  mg_json_writer_key (&w, "filter");
  mg_json_writer_begin_object (&w);
  mg_json_writer_key (&w, "tags");
  if (filter_tags != NULL)
    json_write_string_array (&w, filter_tags);
  else
    mg_json_writer_null (&w);
  mg_json_writer_key (&w, "author");
  if (filter_author != NULL)
    mg_json_writer_string (&w, filter_author);
  else
    mg_json_writer_null (&w);
  mg_json_writer_key (&w, "starred");
  mg_json_writer_boolean (&w, mg_summary_get_filter_starred (summary));
  mg_json_writer_end_object (&w);

  mg_json_writer_key (&w, "total");
  mg_json_writer_uint (&w, mg_summary_get_n_items (summary));
  if (mg_summary_is_combined (summary))
    json_write_speeches (&w, summary);
  json_write_counts (&w, summary);

  mg_json_writer_key (&w, "groups");
  mg_json_writer_begin_array (&w);
  for (guint g = 0; g < n_groups; g++)
    {
      const MgSummaryGroup *group = mg_summary_get_group (summary, g);

      mg_json_writer_begin_object (&w);
      mg_json_writer_key (&w, "kind");
      mg_json_writer_string (&w, json_group_kind (group->kind));
      mg_json_writer_key (&w, "tag");
      if (group->tag_id != NULL)
        mg_json_writer_string (&w, group->tag_id);
      else
        mg_json_writer_null (&w);
      mg_json_writer_key (&w, "name");
      mg_json_writer_string (&w, group->name);
      mg_json_writer_key (&w, "color");
      mg_json_writer_string (&w, group->color);
      mg_json_writer_key (&w, "count");
      mg_json_writer_uint (&w, group->items->len);
      mg_json_writer_key (&w, "items");
      mg_json_writer_begin_array (&w);
      for (guint i = 0; i < group->items->len; i++)
        {
          json_write_item (&w, summary, g_ptr_array_index (group->items, i));
          if (!_mg_export_job_step (job, error))
            return FALSE;
        }
      mg_json_writer_end_array (&w);
      mg_json_writer_end_object (&w);
    }
  mg_json_writer_end_array (&w);
  mg_json_writer_end_object (&w);
  mg_json_writer_finish (&w);

  _mg_export_job_finish (job);
  return TRUE;
}
