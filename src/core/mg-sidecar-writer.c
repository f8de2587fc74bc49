/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Marginalia"
#include "config.h"

#include <string.h>

#include "mg-json.h"
#include "mg-json-writer.h"
#include "mg-sidecar-private.h"

/* The deterministic writer: fixed member order, two-space indent, one tag
 * a line, one annotation member a line, annotations sorted by (start, end,
 * id), unknown members after ours in the order read, trailing newline. */

static const char * const top_keys[] = {
  "format", "version", "document", "tags", "annotations", "dismissed", NULL
};
static const char * const document_keys[] = {
  "name", "sha256", "length", "encoding", "title", "text", NULL
};
static const char * const tag_keys[] = {
  "id", "name", "color", "description", "lexicon", NULL
};
static const char * const dismissed_keys[] = {
  "kind", "start", "end", "quote", NULL
};
static const char * const annotation_keys[] = {
  "id", "start", "end", "quote", "prefix", "suffix", "tags", "note", "starred",
  "author", "contributors", "created", "modified", "orphaned", NULL
};

/* Starts a member of a multi-line object: separator, indent, key. */
static void
begin_member (GString    *out,
              gboolean   *first,
              guint       indent,
              const char *key)
{
  if (!*first)
    g_string_append (out, ",\n");
  *first = FALSE;
  mg_json_append_indent (out, indent);
  mg_json_append_key (out, key);
}

static void
string_member (GString    *out,
               gboolean   *first,
               guint       indent,
               const char *key,
               const char *value)
{
  begin_member (out, first, indent, key);
  mg_json_append_string (out, value);
}

/* Unknown members of @extra, skipping any that would repeat one of ours. */
static void
extra_members (GString            *out,
               gboolean           *first,
               guint               indent,
               JsonObject         *extra,
               const char * const *known,
               gboolean            multiline)
{
  JsonObjectIter iter;
  const char *name;
  JsonNode *node;

  if (extra == NULL)
    return;

  json_object_iter_init_ordered (&iter, extra);
  while (json_object_iter_next_ordered (&iter, &name, &node))
    {
      if (g_strv_contains (known, name))
        continue;
      if (multiline)
        begin_member (out, first, indent, name);
      else
        {
          if (!*first)
            g_string_append (out, ", ");
          *first = FALSE;
          mg_json_append_key (out, name);
        }
      mg_json_append_node (out, node, indent, multiline);
    }
}

static void
string_array (GString            *out,
              const char * const *strv)
{
  g_string_append_c (out, '[');
  for (guint i = 0; strv != NULL && strv[i] != NULL; i++)
    {
      if (i > 0)
        g_string_append (out, ", ");
      mg_json_append_string (out, strv[i]);
    }
  g_string_append_c (out, ']');
}

static void
write_document (GString          *out,
                MgSidecarContent *read,
                MgDocument       *document,
                gboolean          from_text,
                gboolean          embed_text)
{
  const char *name = read != NULL ? read->doc_name : NULL;
  const char *sha256 = read != NULL ? read->doc_sha256 : NULL;
  const char *encoding = read != NULL ? read->doc_encoding : NULL;
  const char *title = read != NULL ? read->doc_title : NULL;
  const char *text = NULL;
  gint64 length = read != NULL ? read->doc_length : -1;
  gboolean first = TRUE;

  if (document != NULL)
    {
      /* A document made from the embedded text knows no file name or
       * encoding of its own: those read are kept. */
      if (!from_text || name == NULL)
        name = mg_document_get_name (document);
      if (!from_text || encoding == NULL)
        encoding = mg_encoding_to_string (mg_document_get_encoding (document));
      if (!from_text || title == NULL)
        title = mg_document_get_title (document);
      sha256 = mg_document_get_sha256 (document);
      length = mg_document_get_length (document);
    }
  if (embed_text)
    text = document != NULL ? mg_document_get_text (document)
                            : (read != NULL ? read->doc_text : NULL);

  g_string_append (out, "{\n");
  if (name != NULL)
    string_member (out, &first, 4, "name", name);
  if (sha256 != NULL)
    string_member (out, &first, 4, "sha256", sha256);
  if (length >= 0)
    {
      begin_member (out, &first, 4, "length");
      g_string_append_printf (out, "%" G_GINT64_FORMAT, length);
    }
  if (encoding != NULL)
    string_member (out, &first, 4, "encoding", encoding);
  if (title != NULL)
    string_member (out, &first, 4, "title", title);
  if (text != NULL)
    string_member (out, &first, 4, "text", text);
  extra_members (out, &first, 4, read != NULL ? read->doc_extra : NULL,
                 document_keys, TRUE);

  if (first)
    {
      /* Nothing known about the document. */
      g_string_truncate (out, out->len - 1);
      g_string_append_c (out, '}');
      return;
    }
  g_string_append (out, "\n  }");
}

static void
write_tag (GString *out,
           MgTag   *tag)
{
  gboolean first = FALSE;

  g_string_append (out, "{ ");
  mg_json_append_key (out, "id");
  mg_json_append_string (out, mg_tag_get_id (tag));
  g_string_append (out, ", ");
  mg_json_append_key (out, "name");
  mg_json_append_string (out, mg_tag_get_name (tag));
  g_string_append (out, ", ");
  mg_json_append_key (out, "color");
  mg_json_append_string (out, mg_tag_get_color (tag));
  g_string_append (out, ", ");
  mg_json_append_key (out, "description");
  mg_json_append_string (out, mg_tag_get_description (tag));
  if (mg_tag_has_lexicon (tag))
    {
      g_string_append (out, ", ");
      mg_json_append_key (out, "lexicon");
      string_array (out, mg_tag_get_lexicon (tag));
    }
  extra_members (out, &first, 0, _mg_tag_get_extra (tag), tag_keys, FALSE);
  g_string_append (out, " }");
}

static void
write_annotation (GString                  *out,
                  const MgAnnotationFields *a)
{
  gboolean first = TRUE;

  g_string_append (out, "{\n");
  string_member (out, &first, 6, "id", a->id);
  begin_member (out, &first, 6, "start");
  mg_json_append_uint (out, a->start);
  begin_member (out, &first, 6, "end");
  mg_json_append_uint (out, a->end);
  string_member (out, &first, 6, "quote", a->quote);
  string_member (out, &first, 6, "prefix", a->prefix);
  string_member (out, &first, 6, "suffix", a->suffix);
  begin_member (out, &first, 6, "tags");
  string_array (out, a->tags);
  string_member (out, &first, 6, "note", a->note);
  begin_member (out, &first, 6, "starred");
  g_string_append (out, a->starred ? "true" : "false");
  string_member (out, &first, 6, "author", a->author);
  if (a->contributors != NULL && a->contributors[0] != NULL)
    {
      begin_member (out, &first, 6, "contributors");
      string_array (out, a->contributors);
    }
  if (a->created != NULL)
    string_member (out, &first, 6, "created", a->created);
  if (a->modified != NULL)
    string_member (out, &first, 6, "modified", a->modified);
  if (a->orphaned)
    {
      begin_member (out, &first, 6, "orphaned");
      g_string_append (out, "true");
    }
  extra_members (out, &first, 6, a->extra, annotation_keys, TRUE);
  g_string_append (out, "\n    }");
}

static void
write_dismissal (GString     *out,
                 MgDismissal *d)
{
  gboolean first = FALSE;

  g_string_append (out, "{ ");
  mg_json_append_key (out, "kind");
  mg_json_append_string (out, mg_suggestion_kind_to_string (mg_dismissal_get_kind (d)));
  g_string_append (out, ", ");
  mg_json_append_key (out, "start");
  mg_json_append_uint (out, mg_dismissal_get_start (d));
  g_string_append (out, ", ");
  mg_json_append_key (out, "end");
  mg_json_append_uint (out, mg_dismissal_get_end (d));
  g_string_append (out, ", ");
  mg_json_append_key (out, "quote");
  mg_json_append_string (out, mg_dismissal_get_quote (d));
  extra_members (out, &first, 0, _mg_dismissal_get_extra (d), dismissed_keys, FALSE);
  g_string_append (out, " }");
}

static int
compare_dismissals (gconstpointer a,
                    gconstpointer b)
{
  return mg_dismissal_compare (*(MgDismissal **) a, *(MgDismissal **) b);
}

/* As mg_annotation_compare(): start, end, then id. */
static int
compare_annotations (gconstpointer a,
                     gconstpointer b)
{
  const MgAnnotationFields *fa = *(const MgAnnotationFields **) a;
  const MgAnnotationFields *fb = *(const MgAnnotationFields **) b;

  if (fa->start != fb->start)
    return fa->start < fb->start ? -1 : 1;
  if (fa->end != fb->end)
    return fa->end < fb->end ? -1 : 1;
  return strcmp (fa->id, fb->id);
}

/* What _mg_sidecar_write() writes, gathered: borrowed from the live
 * objects (to write at once), or copied from them (a snapshot, to write
 * in another thread while they change). */
struct _MgSidecarSnapshot
{
  gboolean          copied;
  MgSidecarContent *read;         /* nullable; a copy when @copied */
  MgDocument       *document;     /* nullable, referenced */
  gboolean          document_from_text;
  gboolean          embed_text;
  GPtrArray        *tags;         /* MgTag, copies when @copied */
  GPtrArray        *annotations;  /* MgAnnotationFields, copies when @copied */
  GArray           *views;        /* borrowed: the MgAnnotationFields @annotations points to */
  GPtrArray        *refs;         /* borrowed: the MgAnnotation @views are of */
  GPtrArray        *dismissed;    /* MgDismissal, copies when @copied */
};

void
_mg_sidecar_snapshot_free (MgSidecarSnapshot *snapshot)
{
  if (snapshot == NULL)
    return;
  if (snapshot->copied)
    {
      g_clear_pointer (&snapshot->read, _mg_sidecar_content_free);
      g_ptr_array_set_free_func (snapshot->annotations, (GDestroyNotify) _mg_annotation_fields_free);
    }
  g_clear_pointer (&snapshot->views, g_array_unref);
  g_clear_pointer (&snapshot->refs, g_ptr_array_unref);
  g_clear_pointer (&snapshot->annotations, g_ptr_array_unref);
  g_clear_pointer (&snapshot->tags, g_ptr_array_unref);
  g_clear_pointer (&snapshot->dismissed, g_ptr_array_unref);
  g_clear_object (&snapshot->document);
  g_free (snapshot);
}

/* What of @read a save writes (the "document" members and the unknown
 * ones), copied. */
static MgSidecarContent *
copy_read (MgSidecarContent *read,
           gboolean          with_text)
{
  MgSidecarContent *copy;

  if (read == NULL)
    return NULL;
  copy = _mg_sidecar_content_new ();
  copy->doc_name = g_strdup (read->doc_name);
  copy->doc_sha256 = g_strdup (read->doc_sha256);
  copy->doc_encoding = g_strdup (read->doc_encoding);
  copy->doc_title = g_strdup (read->doc_title);
  copy->doc_text = with_text ? g_strdup (read->doc_text) : NULL;
  copy->doc_length = read->doc_length;
  copy->extra = mg_json_object_deep_copy (read->extra);
  copy->doc_extra = mg_json_object_deep_copy (read->doc_extra);
  return copy;
}

static MgDismissal *
copy_dismissal (MgDismissal *d)
{
  MgDismissal *copy = mg_dismissal_new (mg_dismissal_get_kind (d), mg_dismissal_get_start (d),
                                        mg_dismissal_get_end (d), mg_dismissal_get_quote (d));
  g_autoptr(JsonObject) extra = mg_json_object_deep_copy (_mg_dismissal_get_extra (d));

  _mg_dismissal_set_extra (copy, extra);
  return copy;
}

static MgSidecarSnapshot *
gather (MgSidecarContent *read,
        MgDocument       *document,
        gboolean          document_from_text,
        gboolean          embed_text,
        MgTagSet         *tags,
        GListModel       *annotations,
        GListModel       *dismissed,
        gboolean          copy)
{
  guint n = annotations != NULL ? g_list_model_get_n_items (annotations) : 0;
  guint n_dismissed = dismissed != NULL ? g_list_model_get_n_items (dismissed) : 0;
  guint n_tags = tags != NULL ? mg_tag_set_get_n_tags (tags) : 0;
  MgSidecarSnapshot *snapshot = g_new0 (MgSidecarSnapshot, 1);

  snapshot->copied = copy;
  /* The document is never changed; the embedded text as read is only
   * written without one. */
  snapshot->read = copy ? copy_read (read, embed_text && document == NULL) : read;
  snapshot->document = document != NULL ? g_object_ref (document) : NULL;
  snapshot->document_from_text = document_from_text;
  snapshot->embed_text = embed_text;
  snapshot->tags = g_ptr_array_new_full (n_tags, g_object_unref);
  snapshot->annotations = g_ptr_array_sized_new (n);
  snapshot->dismissed = g_ptr_array_new_full (n_dismissed, g_object_unref);
  if (!copy)
    {
      snapshot->views = g_array_sized_new (FALSE, FALSE, sizeof (MgAnnotationFields), n);
      g_array_set_size (snapshot->views, n);
      snapshot->refs = g_ptr_array_new_full (n, g_object_unref);
    }

  for (guint i = 0; i < n_tags; i++)
    {
      MgTag *tag = mg_tag_set_get_tag (tags, i);

      g_ptr_array_add (snapshot->tags, copy ? mg_tag_copy (tag) : g_object_ref (tag));
    }
  for (guint i = 0; i < n; i++)
    {
      MgAnnotation *a = g_list_model_get_item (annotations, i);

      if (copy)
        {
          g_ptr_array_add (snapshot->annotations, _mg_annotation_dup_fields (a));
          g_object_unref (a);
        }
      else
        {
          MgAnnotationFields *view = &g_array_index (snapshot->views, MgAnnotationFields, i);

          _mg_annotation_get_fields (a, view);
          g_ptr_array_add (snapshot->annotations, view);
          g_ptr_array_add (snapshot->refs, a);
        }
    }
  for (guint i = 0; i < n_dismissed; i++)
    {
      g_autoptr(MgDismissal) d = g_list_model_get_item (dismissed, i);

      g_ptr_array_add (snapshot->dismissed, copy ? copy_dismissal (d) : g_object_ref (d));
    }
  return snapshot;
}

MgSidecarSnapshot *
_mg_sidecar_snapshot_new (MgSidecarContent *read,
                          MgDocument       *document,
                          gboolean          document_from_text,
                          gboolean          embed_text,
                          MgTagSet         *tags,
                          GListModel       *annotations,
                          GListModel       *dismissed,
                          gboolean          copy)
{
  return gather (read, document, document_from_text, embed_text, tags, annotations, dismissed, copy);
}

GBytes *
_mg_sidecar_snapshot_write (MgSidecarSnapshot *snapshot)
{
  GPtrArray *sorted = snapshot->annotations;
  GPtrArray *dismissals = snapshot->dismissed;
  GPtrArray *tags = snapshot->tags;
  MgSidecarContent *read = snapshot->read;
  GString *out;
  gboolean first = FALSE;
  gsize estimate = 4096;

  for (guint i = 0; i < sorted->len; i++)
    {
      const MgAnnotationFields *a = g_ptr_array_index (sorted, i);

      /* Room for the whole file at once: growing a buffer of tens of
       * megabytes step by step copies it again and again. */
      estimate += 320 + strlen (a->quote) + strlen (a->prefix) + strlen (a->suffix)
                  + strlen (a->note);
    }
  out = g_string_sized_new (estimate);
  g_ptr_array_sort (sorted, compare_annotations);
  g_ptr_array_sort (dismissals, compare_dismissals);

  g_string_append (out, "{\n  \"format\": \"" MG_SIDECAR_FORMAT "\",\n");
  g_string_append_printf (out, "  \"version\": %d,\n", MG_SIDECAR_VERSION);
  g_string_append (out, "  \"document\": ");
  write_document (out, read, snapshot->document, snapshot->document_from_text,
                  snapshot->embed_text);

  g_string_append (out, ",\n  \"tags\": ");
  if (tags->len == 0)
    g_string_append (out, "[]");
  else
    {
      g_string_append (out, "[\n");
      for (guint i = 0; i < tags->len; i++)
        {
          g_string_append (out, "    ");
          write_tag (out, g_ptr_array_index (tags, i));
          g_string_append (out, i + 1 < tags->len ? ",\n" : "\n");
        }
      g_string_append (out, "  ]");
    }

  g_string_append (out, ",\n  \"annotations\": ");
  if (sorted->len == 0)
    g_string_append (out, "[]");
  else
    {
      g_string_append (out, "[\n");
      for (guint i = 0; i < sorted->len; i++)
        {
          g_string_append (out, "    ");
          write_annotation (out, g_ptr_array_index (sorted, i));
          g_string_append (out, i + 1 < sorted->len ? ",\n" : "\n");
        }
      g_string_append (out, "  ]");
    }

  if (dismissals->len > 0)
    {
      g_string_append (out, ",\n  \"dismissed\": [\n");
      for (guint i = 0; i < dismissals->len; i++)
        {
          g_string_append (out, "    ");
          write_dismissal (out, g_ptr_array_index (dismissals, i));
          g_string_append (out, i + 1 < dismissals->len ? ",\n" : "\n");
        }
      g_string_append (out, "  ]");
    }

  extra_members (out, &first, 2, read != NULL ? read->extra : NULL, top_keys, TRUE);
  g_string_append (out, "\n}\n");

  return g_string_free_to_bytes (out);
}

GBytes *
_mg_sidecar_write (MgSidecarContent *read,
                   MgDocument       *document,
                   gboolean          document_from_text,
                   gboolean          embed_text,
                   MgTagSet         *tags,
                   GListModel       *annotations,
                   GListModel       *dismissed)
{
  /* The same writer as a snapshot's, on views of the objects themselves:
   * nothing is copied. */
  g_autoptr(MgSidecarSnapshot) borrowed = _mg_sidecar_snapshot_new (read, document, document_from_text,
                                                                    embed_text, tags, annotations,
                                                                    dismissed, FALSE);

  return _mg_sidecar_snapshot_write (borrowed);
}
