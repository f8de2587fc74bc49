/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Marginalia"
#include "config.h"

#include <string.h>

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
write_annotation (GString      *out,
                  MgAnnotation *a)
{
  const char * const *contributors = mg_annotation_get_contributors (a);
  gboolean first = TRUE;

  g_string_append (out, "{\n");
  string_member (out, &first, 6, "id", mg_annotation_get_id (a));
  begin_member (out, &first, 6, "start");
  mg_json_append_uint (out, mg_annotation_get_start (a));
  begin_member (out, &first, 6, "end");
  mg_json_append_uint (out, mg_annotation_get_end (a));
  string_member (out, &first, 6, "quote", mg_annotation_get_quote (a));
  string_member (out, &first, 6, "prefix", mg_annotation_get_prefix (a));
  string_member (out, &first, 6, "suffix", mg_annotation_get_suffix (a));
  begin_member (out, &first, 6, "tags");
  string_array (out, mg_annotation_get_tags (a));
  string_member (out, &first, 6, "note", mg_annotation_get_note (a));
  begin_member (out, &first, 6, "starred");
  g_string_append (out, mg_annotation_get_starred (a) ? "true" : "false");
  string_member (out, &first, 6, "author", mg_annotation_get_author (a));
  if (contributors != NULL && contributors[0] != NULL)
    {
      begin_member (out, &first, 6, "contributors");
      string_array (out, contributors);
    }
  if (mg_annotation_get_created (a) != NULL)
    string_member (out, &first, 6, "created", mg_annotation_get_created (a));
  if (mg_annotation_get_modified (a) != NULL)
    string_member (out, &first, 6, "modified", mg_annotation_get_modified (a));
  if (mg_annotation_is_orphaned (a))
    {
      begin_member (out, &first, 6, "orphaned");
      g_string_append (out, "true");
    }
  extra_members (out, &first, 6, _mg_annotation_get_extra (a), annotation_keys, TRUE);
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

static int
compare_annotations (gconstpointer a,
                     gconstpointer b)
{
  return mg_annotation_compare (*(MgAnnotation **) a, *(MgAnnotation **) b);
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
  g_autoptr(GPtrArray) sorted = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) dismissals = g_ptr_array_new_with_free_func (g_object_unref);
  guint n_dismissed = dismissed != NULL ? g_list_model_get_n_items (dismissed) : 0;
  GString *out;
  guint n_tags = tags != NULL ? mg_tag_set_get_n_tags (tags) : 0;
  guint n = annotations != NULL ? g_list_model_get_n_items (annotations) : 0;
  gboolean first = FALSE;
  gsize estimate = 4096;

  for (guint i = 0; i < n; i++)
    {
      MgAnnotation *a = g_list_model_get_item (annotations, i);

      /* Room for the whole file at once: growing a buffer of tens of
       * megabytes step by step copies it again and again. */
      estimate += 320 + strlen (mg_annotation_get_quote (a)) + strlen (mg_annotation_get_prefix (a))
                  + strlen (mg_annotation_get_suffix (a)) + strlen (mg_annotation_get_note (a));
      g_ptr_array_add (sorted, a);
    }
  out = g_string_sized_new (estimate);
  g_ptr_array_sort (sorted, compare_annotations);
  for (guint i = 0; i < n_dismissed; i++)
    g_ptr_array_add (dismissals, g_list_model_get_item (dismissed, i));
  g_ptr_array_sort (dismissals, compare_dismissals);

  g_string_append (out, "{\n  \"format\": \"" MG_SIDECAR_FORMAT "\",\n");
  g_string_append_printf (out, "  \"version\": %d,\n", MG_SIDECAR_VERSION);
  g_string_append (out, "  \"document\": ");
  write_document (out, read, document, document_from_text, embed_text);

  g_string_append (out, ",\n  \"tags\": ");
  if (n_tags == 0)
    g_string_append (out, "[]");
  else
    {
      g_string_append (out, "[\n");
      for (guint i = 0; i < n_tags; i++)
        {
          g_string_append (out, "    ");
          write_tag (out, mg_tag_set_get_tag (tags, i));
          g_string_append (out, i + 1 < n_tags ? ",\n" : "\n");
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
