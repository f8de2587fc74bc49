/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Marginalia"
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "mg-export-qdpx.h"
#include "mg-time.h"
#include "mg-zip-writer.h"

#define QDPX_STARRED_COLOR "#f5c211"

/* What the project refers to by guid: users by author name, codes by tag
 * id (NULL for the starred code). */
typedef struct
{
  GString    *xml;
  GHashTable *users;       /* author → guid */
  GHashTable *codes;       /* tag id → guid, the codes of the codebook */
  char       *starred;     /* guid of the starred code; NULL when unused */
} QdpxWriter;

static void
qdpx_writer_clear (QdpxWriter *w)
{
  g_clear_pointer (&w->users, g_hash_table_unref);
  g_clear_pointer (&w->codes, g_hash_table_unref);
  g_clear_pointer (&w->starred, g_free);
}

static void
append_attribute (GString    *out,
                  const char *name,
                  const char *value)
{
  g_string_append_c (out, ' ');
  g_string_append (out, name);
  g_string_append (out, "=\"");
  _mg_export_append_xml (out, value);
  g_string_append_c (out, '"');
}

static char *
qdpx_guid (const char *kind,
           const char *key)
{
  g_autofree char *seed = g_strconcat (kind, ":", key, NULL);

  return _mg_export_derived_uuid (seed);
}

/* The users: one per author of an exported annotation, most annotations
 * first (the summary's order); annotations without author have no user. */
static void
write_users (QdpxWriter *w,
             MgSummary  *summary)
{
  GPtrArray *authors = mg_summary_get_author_counts (summary);
  g_autoptr(GHashTable) placed = g_hash_table_new (g_str_hash, g_str_equal);
  guint n_items = mg_summary_get_n_items (summary);

  for (guint i = 0; i < n_items; i++)
    {
      const MgSummaryItem *item = mg_summary_get_item (summary, i);

      if (!item->orphaned && *item->author != '\0')
        g_hash_table_add (placed, item->author);
    }
  if (g_hash_table_size (placed) == 0)
    return;

  g_string_append (w->xml, "  <Users>\n");
  for (guint i = 0; i < authors->len; i++)
    {
      const MgSummaryCount *author = g_ptr_array_index (authors, i);
      char *guid;

      if (!g_hash_table_contains (placed, author->key))
        continue;
      guid = qdpx_guid ("user", author->key);
      g_hash_table_insert (w->users, g_strdup (author->key), guid);
      g_string_append (w->xml, "    <User");
      append_attribute (w->xml, "guid", guid);
      append_attribute (w->xml, "name", author->key);
      g_string_append (w->xml, "/>\n");
    }
  g_string_append (w->xml, "  </Users>\n");
}

/* "#rrggbb" or "#rgb", the only colours the schema allows. */
static gboolean
is_rgb (const char *color)
{
  gsize n;

  if (color == NULL || color[0] != '#')
    return FALSE;
  for (n = 1; g_ascii_isxdigit (color[n]); n++)
    ;
  return color[n] == '\0' && (n == 7 || n == 4);
}

static void
write_code (QdpxWriter *w,
            const char *guid,
            const char *name,
            const char *color,
            const char *description)
{
  g_string_append (w->xml, "      <Code");
  append_attribute (w->xml, "guid", guid);
  append_attribute (w->xml, "name", name);
  g_string_append (w->xml, " isCodable=\"true\"");
  if (is_rgb (color))
    append_attribute (w->xml, "color", color);
  if (description != NULL && *description != '\0')
    {
      g_string_append (w->xml, ">\n        <Description>");
      _mg_export_append_xml (w->xml, description);
      g_string_append (w->xml, "</Description>\n      </Code>\n");
    }
  else
    g_string_append (w->xml, "/>\n");
}

/* The codes: the tags as in the codebook export (same guids, the filter's
 * tags only when it names some), then "Starred" when a starred annotation
 * is exported. */
static void
write_codebook (QdpxWriter *w,
                MgSummary  *summary)
{
  GPtrArray *tags = mg_summary_get_tag_counts (summary);
  guint n_items = mg_summary_get_n_items (summary);
  gboolean any_starred = FALSE;

  for (guint i = 0; i < n_items && !any_starred; i++)
    {
      const MgSummaryItem *item = mg_summary_get_item (summary, i);

      any_starred = item->starred && !item->orphaned;
    }
  if (tags->len == 0 && !any_starred)
    return;

  g_string_append (w->xml, "  <CodeBook>\n    <Codes>\n");
  for (guint i = 0; i < tags->len; i++)
    {
      const MgSummaryCount *tag = g_ptr_array_index (tags, i);
      char *guid = qdpx_guid ("tag", tag->key);

      g_hash_table_insert (w->codes, g_strdup (tag->key), guid);
      write_code (w, guid, tag->name, tag->color, tag->description);
    }
  if (any_starred)
    {
      w->starred = _mg_export_derived_uuid ("starred");
      write_code (w, w->starred, _("Starred"), QDPX_STARRED_COLOR,
                  _("Annotations starred in Marginalia"));
    }
  g_string_append (w->xml, "    </Codes>\n  </CodeBook>\n");
}

static void
write_audit (GString    *xml,
             const char *user,
             const char *created,
             const char *modified)
{
  if (user != NULL)
    append_attribute (xml, "creatingUser", user);
  if (created != NULL && mg_time_is_rfc3339 (created))
    append_attribute (xml, "creationDateTime", created);
  /* Who changed it last is not recorded, so no modifyingUser. */
  if (modified != NULL && mg_time_is_rfc3339 (modified))
    append_attribute (xml, "modifiedDateTime", modified);
}

static void
write_coding (QdpxWriter          *w,
              const MgSummaryItem *item,
              const char          *code_key,
              const char          *code_guid,
              const char          *user)
{
  g_autofree char *seed = g_strconcat (item->id, "/", code_key, NULL);
  g_autofree char *guid = qdpx_guid ("coding", seed);

  g_string_append (w->xml, "        <Coding");
  append_attribute (w->xml, "guid", guid);
  write_audit (w->xml, user, item->created, NULL);
  g_string_append (w->xml, ">\n          <CodeRef");
  append_attribute (w->xml, "targetGUID", code_guid);
  g_string_append (w->xml, "/>\n        </Coding>\n");
}

static void
write_selection (QdpxWriter          *w,
                 MgSummary           *summary,
                 const MgSummaryItem *item)
{
  /* Ids are unique within a sidecar; a project of several speeches
   * makes them unique in the project by the speech's number. */
  g_autofree char *seed = mg_summary_is_combined (summary)
                          ? g_strdup_printf ("%u/%s", item->speech, item->id)
                          : g_strdup (item->id);
  g_autofree char *guid = qdpx_guid ("annotation", seed);
  const char *user = *item->author != '\0' ? g_hash_table_lookup (w->users, item->author) : NULL;
  gboolean has_children = *item->note != '\0' || item->starred;

  for (guint t = 0; item->tags[t] != NULL && !has_children; t++)
    has_children = g_hash_table_contains (w->codes, item->tags[t]);

  g_string_append (w->xml, "      <PlainTextSelection");
  append_attribute (w->xml, "guid", guid);
  g_string_append_printf (w->xml, " startPosition=\"%u\" endPosition=\"%u\"", item->start, item->end);
  write_audit (w->xml, user, item->created, item->modified);
  if (!has_children)
    {
      g_string_append (w->xml, "/>\n");
      return;
    }
  g_string_append (w->xml, ">\n");

  if (*item->note != '\0')
    {
      g_string_append (w->xml, "        <Description>");
      _mg_export_append_xml (w->xml, item->note);
      g_string_append (w->xml, "</Description>\n");
    }
  for (guint t = 0; item->tags[t] != NULL; t++)
    {
      const char *code = g_hash_table_lookup (w->codes, item->tags[t]);

      /* A tag left out of the codebook (by the filter) is not coded. */
      if (code != NULL)
        write_coding (w, item, item->tags[t], code, user);
    }
  if (item->starred && w->starred != NULL)
    write_coding (w, item, "starred", w->starred, user);
  g_string_append (w->xml, "      </PlainTextSelection>\n");
}

/* The source's guid: from the text's sha256, and in a project of several
 * speeches from its number too (the same text may be given twice). */
static char *
source_guid (MgSummary *summary,
             guint      speech)
{
  const char *sha256 = mg_summary_get_speech (summary, speech)->sha256;
  g_autofree char *seed = mg_summary_is_combined (summary)
                          ? g_strdup_printf ("%s/%u", sha256, speech)
                          : g_strdup (sha256);

  return qdpx_guid ("source", seed);
}

static gboolean
write_project (QdpxWriter   *w,
               MgSummary    *summary,
               MgExportJob  *job,
               GError      **error)
{
  const char *date = mg_summary_get_date (summary);
  guint n_items = mg_summary_get_n_items (summary);
  guint i = 0;

  g_string_append (w->xml, "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<Project");
  append_attribute (w->xml, "xmlns", "urn:QDA-XML:project:1.0");
  append_attribute (w->xml, "name", mg_summary_get_title (summary));
  append_attribute (w->xml, "origin", "Marginalia");
  append_attribute (w->xml, "creationDateTime", date);
  g_string_append (w->xml, ">\n");

  write_users (w, summary);
  write_codebook (w, summary);

  g_string_append (w->xml, "  <Sources>\n");
  /* Items come speech by speech, each in document order. */
  for (guint s = 0; s < mg_summary_get_n_speeches (summary); s++)
    {
      const MgSummarySpeech *speech = mg_summary_get_speech (summary, s);
      g_autofree char *guid = source_guid (summary, s);
      g_autofree char *path = g_strdup_printf ("internal://%s.txt", guid);

      g_string_append (w->xml, "    <TextSource");
      append_attribute (w->xml, "guid", guid);
      append_attribute (w->xml, "name", *speech->source != '\0' ? speech->source : speech->title);
      append_attribute (w->xml, "plainTextPath", path);
      append_attribute (w->xml, "creationDateTime", date);
      g_string_append (w->xml, ">\n");
      for (; i < n_items && mg_summary_get_item (summary, i)->speech == s; i++)
        {
          const MgSummaryItem *item = mg_summary_get_item (summary, i);

          if (!item->orphaned)
            write_selection (w, summary, item);
          if (!_mg_export_job_step (job, error))
            return FALSE;
        }
      g_string_append (w->xml, "    </TextSource>\n");
    }
  g_string_append (w->xml, "  </Sources>\n</Project>\n");
  return TRUE;
}

gboolean
mg_export_qdpx_write (MgSummary    *summary,
                      GString      *out,
                      MgExportJob  *job,
                      GError      **error)
{
  QdpxWriter w = { 0 };
  g_autoptr(GDateTime) mtime = g_date_time_new_from_iso8601 (mg_summary_get_date (summary), NULL);
  g_autoptr(MgZipWriter) zip = NULL;
  g_autoptr(GString) xml = g_string_sized_new (4096 + 400 * mg_summary_get_n_items (summary));
  gboolean ok;

  /* One step per annotation, one for the archive. */
  _mg_export_job_begin (job, mg_summary_get_n_items (summary) + 1);

  w.xml = xml;
  w.users = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  w.codes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  ok = write_project (&w, summary, job, error);
  qdpx_writer_clear (&w);
  if (!ok)
    return FALSE;

  zip = mg_zip_writer_new (out, mtime);
  if (!mg_zip_writer_add (zip, "project.qde", xml->str, xml->len, MG_ZIP_METHOD_DEFLATE, error))
    return FALSE;
  for (guint s = 0; s < mg_summary_get_n_speeches (summary); s++)
    {
      MgDocument *document = mg_summary_get_speech (summary, s)->document;
      g_autofree char *guid = source_guid (summary, s);
      g_autofree char *name = g_strdup_printf ("sources/%s.txt", guid);
      const char *text = document != NULL ? mg_document_get_text (document) : "";
      gsize size = document != NULL ? mg_document_get_size (document) : 0;

      if (!mg_zip_writer_add (zip, name, text, size, MG_ZIP_METHOD_DEFLATE, error))
        return FALSE;
    }
  if (!mg_zip_writer_finish (zip, error))
    return FALSE;
  if (!_mg_export_job_step (job, error))
    return FALSE;

  _mg_export_job_finish (job);
  return TRUE;
}
