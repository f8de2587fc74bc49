/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Marginalia"
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "mg-anchor.h"
#include "mg-json-fast.h"
#include "mg-import-w3c.h"
#include "mg-search.h"
#include "mg-util.h"

G_DEFINE_QUARK (mg-import-error-quark, mg_import_error)

/* Imported files are read whole; larger ones are refused. */
#define IMPORT_MAX_SIZE (256 * 1024 * 1024)

typedef struct
{
  MgAnnotationStore *store;
  MgDocument        *document;
  MgTagSet          *tag_set;
  MgAnchorIndex     *index;
  MgImportReport     report;
} ImportContext;

/* What the target of one annotation says about the text. */
typedef struct
{
  const char *source;
  const char *exact;
  const char *prefix;
  const char *suffix;
  gint64      start;    /* -1 when no TextPositionSelector */
  gint64      end;
} ImportTarget;

static const char *
json_object_get_string (JsonObject *object,
                        const char *member)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node)
      || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

static gboolean
json_object_get_uint (JsonObject *object,
                      const char *member,
                      gint64     *out)
{
  JsonNode *node = json_object_get_member (object, member);
  gint64 value;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return FALSE;
  if (json_node_get_value_type (node) == G_TYPE_INT64)
    value = json_node_get_int (node);
  else if (json_node_get_value_type (node) == G_TYPE_DOUBLE)
    value = (gint64) json_node_get_double (node);
  else
    return FALSE;
  if (value < 0 || value > G_MAXUINT)
    return FALSE;
  *out = value;
  return TRUE;
}

static gboolean
type_name_is (const char *type,
              const char *wanted)
{
  if (type == NULL)
    return FALSE;
  if (g_str_has_prefix (type, "oa:"))
    type += 3;
  return g_str_equal (type, wanted);
}

/* "type" is a string or an array of strings. */
static gboolean
json_object_has_type (JsonObject *object,
                      const char *wanted)
{
  JsonNode *node = json_object_get_member (object, "type");

  if (node == NULL)
    node = json_object_get_member (object, "@type");
  if (node == NULL)
    return FALSE;
  if (JSON_NODE_HOLDS_VALUE (node))
    return type_name_is (json_node_get_string (node), wanted);
  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *element = json_array_get_element (array, i);

          if (JSON_NODE_HOLDS_VALUE (element)
              && type_name_is (json_node_get_string (element), wanted))
            return TRUE;
        }
    }
  return FALSE;
}

/* Calls @func on @node, or on each element when it is an array. */
static void
json_node_foreach_object (JsonNode *node,
                          void    (*func) (JsonObject *object, gpointer data),
                          gpointer  data)
{
  if (node == NULL)
    return;
  if (JSON_NODE_HOLDS_OBJECT (node))
    func (json_node_get_object (node), data);
  else if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        json_node_foreach_object (json_array_get_element (array, i), func, data);
    }
}

/* Selectors: a TextQuoteSelector anywhere (refinedBy included); a
 * TextPositionSelector only at the top level, since a refined one counts
 * from the start of what its parent selected, not of the text. */
static void
import_selector (JsonObject   *selector,
                 ImportTarget *target,
                 gboolean      top_level)
{
  JsonNode *refined;

  if (json_object_has_type (selector, "TextQuoteSelector") && target->exact == NULL)
    {
      const char *exact = json_object_get_string (selector, "exact");

      if (exact != NULL && *exact != '\0')
        {
          target->exact = exact;
          target->prefix = json_object_get_string (selector, "prefix");
          target->suffix = json_object_get_string (selector, "suffix");
        }
    }
  else if (json_object_has_type (selector, "TextPositionSelector") && top_level
           && target->start < 0)
    {
      gint64 start, end;

      if (json_object_get_uint (selector, "start", &start)
          && json_object_get_uint (selector, "end", &end)
          && start < end)
        {
          target->start = start;
          target->end = end;
        }
    }

  refined = json_object_get_member (selector, "refinedBy");
  if (refined != NULL)
    {
      if (JSON_NODE_HOLDS_OBJECT (refined))
        import_selector (json_node_get_object (refined), target, FALSE);
      else if (JSON_NODE_HOLDS_ARRAY (refined))
        {
          JsonArray *array = json_node_get_array (refined);

          for (guint i = 0; i < json_array_get_length (array); i++)
            {
              JsonNode *element = json_array_get_element (array, i);

              if (JSON_NODE_HOLDS_OBJECT (element))
                import_selector (json_node_get_object (element), target, FALSE);
            }
        }
    }
}

static void
import_selector_top (JsonObject *selector,
                     gpointer    data)
{
  import_selector (selector, data, TRUE);
}

/* The first target (of possibly several) that selects text. */
static gboolean
import_read_target (JsonObject   *annotation,
                    ImportTarget *out)
{
  JsonNode *node = json_object_get_member (annotation, "target");
  g_autoptr(GList) candidates = NULL;

  if (node == NULL)
    return FALSE;
  if (JSON_NODE_HOLDS_OBJECT (node))
    candidates = g_list_append (candidates, json_node_get_object (node));
  else if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *element = json_array_get_element (array, i);

          if (JSON_NODE_HOLDS_OBJECT (element))
            candidates = g_list_append (candidates, json_node_get_object (element));
        }
    }

  for (GList *l = candidates; l != NULL; l = l->next)
    {
      JsonObject *target = l->data;
      ImportTarget t = { NULL, NULL, NULL, NULL, -1, -1 };

      t.source = json_object_get_string (target, "source");
      json_node_foreach_object (json_object_get_member (target, "selector"),
                                import_selector_top, &t);
      if (t.exact != NULL || t.start >= 0)
        {
          *out = t;
          return TRUE;
        }
    }
  return FALSE;
}

/* TRUE when @source names the document: urn:sha256: of its text, or a
 * path/URL whose last segment is its file name. */
static gboolean
import_source_is_document (ImportContext *ctx,
                           const char    *source)
{
  const char *name = mg_document_get_name (ctx->document);
  const char *sha256 = mg_document_get_sha256 (ctx->document);
  const char *last;
  g_autofree char *unescaped = NULL;
  g_autofree char *base = NULL;

  if (source == NULL || *source == '\0')
    return FALSE;
  if (g_str_has_prefix (source, "urn:sha256:"))
    return sha256 != NULL && g_ascii_strcasecmp (source + strlen ("urn:sha256:"), sha256) == 0;
  if (name == NULL || *name == '\0')
    return FALSE;

  base = g_strndup (source, strcspn (source, "?#"));
  last = strrchr (base, '/');
  last = last != NULL ? last + 1 : base;
  unescaped = g_uri_unescape_string (last, NULL);
  return g_strcmp0 (unescaped != NULL ? unescaped : last, name) == 0;
}

char *
mg_import_w3c_slugify (const char *value)
{
  g_autofree char *ascii = NULL;
  GString *slug = g_string_new (NULL);
  gboolean lost = FALSE;

  g_return_val_if_fail (value != NULL, NULL);

  ascii = g_str_to_ascii (value, "C");
  for (const char *p = ascii; *p != '\0'; p++)
    {
      if (g_ascii_isalnum (*p))
        g_string_append_c (slug, g_ascii_tolower (*p));
      else
        {
          if (*p == '?' && strchr (value, '?') == NULL)
            lost = TRUE;
          if (slug->len > 0 && slug->str[slug->len - 1] != '-')
            g_string_append_c (slug, '-');
        }
    }
  if (slug->len > 64)
    g_string_truncate (slug, 64);
  while (slug->len > 0 && slug->str[slug->len - 1] == '-')
    g_string_truncate (slug, slug->len - 1);

  if (lost || slug->len == 0)
    {
      g_autofree char *hash = g_compute_checksum_for_string (G_CHECKSUM_SHA256, value, -1);

      g_string_free (slug, TRUE);
      return g_strdup_printf ("tag-%.8s", hash);
    }
  return g_string_free (slug, FALSE);
}

/* The id of the tag called @value, created when missing. NULL when it
 * cannot be made. */
static const char *
import_tag (ImportContext *ctx,
            const char    *value)
{
  g_autofree char *stripped = g_strstrip (g_strdup (value));
  g_autofree char *folded = NULL;
  g_autofree char *slug = NULL;
  g_autoptr(MgTag) tag = NULL;
  g_autoptr(GError) error = NULL;
  MgTag *found;
  guint n;

  if (*stripped == '\0')
    return NULL;
  found = mg_tag_set_lookup (ctx->tag_set, stripped);
  if (found != NULL)
    return mg_tag_get_id (found);

  folded = g_utf8_casefold (stripped, -1);
  n = mg_tag_set_get_n_tags (ctx->tag_set);
  for (guint i = 0; i < n; i++)
    {
      MgTag *candidate = mg_tag_set_get_tag (ctx->tag_set, i);
      g_autofree char *name = g_utf8_casefold (mg_tag_get_name (candidate), -1);

      if (g_str_equal (name, folded))
        return mg_tag_get_id (candidate);
    }

  slug = mg_import_w3c_slugify (stripped);
  found = mg_tag_set_lookup (ctx->tag_set, slug);
  if (found != NULL)
    return mg_tag_get_id (found);

  tag = mg_tag_new (slug, stripped, mg_tag_set_suggest_color (ctx->tag_set), "");
  if (!mg_annotation_store_add_tag (ctx->store, tag, &error))
    {
      g_debug ("Import: cannot add tag “%s”: %s", slug, error->message);
      return NULL;
    }
  ctx->report.tags_created++;
  found = mg_tag_set_lookup (ctx->tag_set, slug);
  return found != NULL ? mg_tag_get_id (found) : NULL;
}

typedef struct
{
  ImportContext *ctx;
  gboolean       tagging_motivation;
  GPtrArray     *tags;   /* of const char * (tag-set owned) */
  GString       *note;
} ImportBodies;

static void
import_body (JsonObject *body,
             gpointer    data)
{
  ImportBodies *bodies = data;
  const char *value = json_object_get_string (body, "value");
  const char *purpose = json_object_get_string (body, "purpose");

  if (value == NULL)
    value = json_object_get_string (body, "chars");
  if (value == NULL || *value == '\0')
    return;

  if (g_strcmp0 (purpose, "tagging") == 0
      || (purpose == NULL && bodies->tagging_motivation))
    {
      const char *id = import_tag (bodies->ctx, value);

      if (id != NULL && !g_ptr_array_find_with_equal_func (bodies->tags, id, g_str_equal, NULL))
        g_ptr_array_add (bodies->tags, (gpointer) id);
      return;
    }

  if (bodies->note->len > 0)
    g_string_append (bodies->note, "\n\n");
  g_string_append (bodies->note, value);
}

static const char *
import_creator (JsonObject *annotation)
{
  JsonNode *node = json_object_get_member (annotation, "creator");

  if (node != NULL && JSON_NODE_HOLDS_ARRAY (node) && json_array_get_length (json_node_get_array (node)) > 0)
    node = json_array_get_element (json_node_get_array (node), 0);
  if (node == NULL)
    return NULL;
  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    return json_node_get_string (node);
  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObject *object = json_node_get_object (node);
      const char *name = json_object_get_string (object, "name");

      if (name == NULL)
        name = json_object_get_string (object, "nickname");
      return name;
    }
  return NULL;
}

/* RFC 3339 in UTC, or NULL when @value is no date-time. */
static char *
import_time (JsonObject *annotation,
             const char *member)
{
  const char *value = json_object_get_string (annotation, member);
  g_autoptr(GDateTime) date = NULL;
  g_autoptr(GDateTime) utc = NULL;

  if (value == NULL)
    return NULL;
  date = g_date_time_new_from_iso8601 (value, NULL);
  if (date == NULL)
    return NULL;
  utc = g_date_time_to_utc (date);
  return g_date_time_format (utc, "%Y-%m-%dT%H:%M:%SZ");
}

static gboolean
import_position_agrees (ImportContext      *ctx,
                        const ImportTarget *target)
{
  g_autofree char *slice = NULL;

  if (target->start < 0 || target->end > mg_document_get_length (ctx->document))
    return FALSE;
  slice = mg_document_dup_slice (ctx->document, target->start, target->end);
  return g_strcmp0 (slice, target->exact) == 0;
}

static void
import_annotation (JsonObject *object,
                   gpointer    data)
{
  ImportContext *ctx = data;
  ImportTarget target;
  ImportBodies bodies;
  g_autoptr(MgAnnotation) annotation = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *created = NULL;
  g_autofree char *modified = NULL;
  const char *id = json_object_get_string (object, "id");
  const char *creator;
  const char *body_value;
  const char *motivation;
  JsonNode *starred;
  gboolean orphan = FALSE;
  gboolean fuzzy = FALSE;

  if (!import_read_target (object, &target))
    {
      ctx->report.skipped++;
      return;
    }

  if (id != NULL && g_str_has_prefix (id, "urn:uuid:") && g_uuid_string_is_valid (id + 9))
    {
      id += 9;
      if (mg_annotation_store_lookup (ctx->store, id) != NULL)
        {
          ctx->report.skipped++;
          return;
        }
    }
  else
    id = NULL;

  if (target.exact != NULL)
    {
      MgAnchorResult result;
      gboolean agrees = import_position_agrees (ctx, &target);

      guint first_start, first_end;

      if (agrees)
        {
          result.state = MG_ANCHOR_STATE_EXACT;
          result.start = target.start;
          result.end = target.end;
          result.score = 1.0;
          if ((target.prefix != NULL && *target.prefix != '\0')
              || (target.suffix != NULL && *target.suffix != '\0'))
            mg_anchor_locate (ctx->index, target.exact, target.prefix, target.suffix,
                              target.start, target.end, &result);
        }
      else if ((target.prefix == NULL || *target.prefix == '\0')
               && (target.suffix == NULL || *target.suffix == '\0')
               && mg_search_find_nth (ctx->document, target.exact, 1, &first_start, &first_end))
        {
          /* Without context, the selector means the first occurrence. */
          result.state = MG_ANCHOR_STATE_EXACT;
          result.start = first_start;
          result.end = first_end;
          result.score = 1.0;
        }
      else
        mg_anchor_locate (ctx->index, target.exact, target.prefix, target.suffix,
                          0, 0, &result);
      if (result.state == MG_ANCHOR_STATE_ORPHANED)
        {
          orphan = TRUE;
          annotation = mg_annotation_new (id, target.start >= 0 ? (guint) target.start : 0,
                                          target.start >= 0 ? (guint) target.end : 0);
          mg_annotation_set_quote (annotation, target.exact);
          mg_annotation_set_prefix (annotation, target.prefix != NULL ? target.prefix : "");
          mg_annotation_set_suffix (annotation, target.suffix != NULL ? target.suffix : "");
          mg_annotation_set_anchor_state (annotation, MG_ANCHOR_STATE_ORPHANED);
          mg_annotation_set_anchor_score (annotation, 0.0);
        }
      else
        {
          fuzzy = result.state == MG_ANCHOR_STATE_FUZZY;
          annotation = mg_annotation_new (id, result.start, result.end);
          mg_annotation_set_anchor_state (annotation, fuzzy ? MG_ANCHOR_STATE_FUZZY
                                                            : MG_ANCHOR_STATE_EXACT);
          mg_annotation_set_anchor_score (annotation, fuzzy ? result.score : 1.0);
        }
    }
  else if (import_source_is_document (ctx, target.source)
           && target.end <= mg_document_get_length (ctx->document))
    {
      annotation = mg_annotation_new (id, target.start, target.end);
    }
  else
    {
      ctx->report.skipped++;
      return;
    }

  motivation = json_object_get_string (object, "motivation");
  bodies.ctx = ctx;
  bodies.tagging_motivation = g_strcmp0 (motivation, "tagging") == 0;
  bodies.tags = g_ptr_array_new ();
  bodies.note = g_string_new (NULL);
  body_value = json_object_get_string (object, "bodyValue");
  if (body_value != NULL && *body_value != '\0')
    g_string_append (bodies.note, body_value);
  json_node_foreach_object (json_object_get_member (object, "body"), import_body, &bodies);
  g_ptr_array_add (bodies.tags, NULL);
  mg_annotation_set_tags (annotation, (const char * const *) bodies.tags->pdata);
  mg_annotation_set_note (annotation, bodies.note->str);
  g_ptr_array_unref (bodies.tags);
  g_string_free (bodies.note, TRUE);

  creator = import_creator (object);
  if (creator != NULL)
    mg_annotation_set_author (annotation, creator);
  created = import_time (object, "created");
  modified = import_time (object, "modified");
  if (created != NULL)
    mg_annotation_set_created (annotation, created);
  if (modified != NULL)
    mg_annotation_set_modified (annotation, modified);
  else if (created != NULL)
    mg_annotation_set_modified (annotation, created);
  starred = json_object_get_member (object, "starred");
  if (starred != NULL && JSON_NODE_HOLDS_VALUE (starred)
      && json_node_get_value_type (starred) == G_TYPE_BOOLEAN)
    mg_annotation_set_starred (annotation, json_node_get_boolean (starred));

  if (!mg_annotation_store_add (ctx->store, annotation, &error))
    {
      g_debug ("Import: annotation skipped: %s", error->message);
      ctx->report.skipped++;
      return;
    }
  if (orphan)
    ctx->report.orphaned++;
  else
    {
      ctx->report.added++;
      if (fuzzy)
        ctx->report.fuzzy++;
    }
}

static void import_node (ImportContext *ctx,
                         JsonNode      *node,
                         guint          depth);

static void
import_page (ImportContext *ctx,
             JsonObject    *page,
             guint          depth)
{
  /* Embedded pages only: "next" as an IRI points to something not here. */
  for (guint hops = 0; page != NULL && hops < 10000; hops++)
    {
      JsonNode *next;

      import_node (ctx, json_object_get_member (page, "items"), depth + 1);
      next = json_object_get_member (page, "next");
      page = next != NULL && JSON_NODE_HOLDS_OBJECT (next) ? json_node_get_object (next) : NULL;
    }
}

static void
import_node (ImportContext *ctx,
             JsonNode      *node,
             guint          depth)
{
  JsonObject *object;

  /* Nesting deeper than any real file is not followed. */
  if (node == NULL || depth > 16)
    return;

  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        import_node (ctx, json_array_get_element (array, i), depth + 1);
      return;
    }
  if (!JSON_NODE_HOLDS_OBJECT (node))
    return;

  object = json_node_get_object (node);
  if (json_object_has_type (object, "AnnotationCollection"))
    {
      JsonNode *first = json_object_get_member (object, "first");

      if (first != NULL && JSON_NODE_HOLDS_OBJECT (first))
        import_page (ctx, json_node_get_object (first), depth);
      if (json_object_has_member (object, "items"))
        import_node (ctx, json_object_get_member (object, "items"), depth + 1);
    }
  else if (json_object_has_type (object, "AnnotationPage"))
    {
      import_page (ctx, object, depth);
    }
  else if (json_object_has_type (object, "Annotation")
           || (json_object_has_member (object, "target") && depth > 0))
    {
      import_annotation (object, ctx);
    }
}

gboolean
mg_import_w3c_bytes (MgAnnotationStore  *store,
                     GBytes             *bytes,
                     const char         *name,
                     MgImportReport     *report,
                     GError            **error)
{
  /* Mutable: the tree is only read, and sealing every object would hash it. */
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonNode) fast_root = NULL;
  g_autoptr(GError) local_error = NULL;
  ImportContext ctx = { 0 };
  gsize size;
  const char *data;

  g_return_val_if_fail (MG_IS_ANNOTATION_STORE (store), FALSE);
  g_return_val_if_fail (bytes != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (name == NULL)
    name = "";
  if (report != NULL)
    memset (report, 0, sizeof *report);

  ctx.store = store;
  ctx.document = mg_annotation_store_get_document (store);
  ctx.tag_set = mg_annotation_store_get_tag_set (store);
  if (ctx.document == NULL)
    {
      g_set_error (error, MG_IMPORT_ERROR, MG_IMPORT_ERROR_NO_DOCUMENT,
                   _("Cannot import “%s”: the speech’s text is not available"), name);
      return FALSE;
    }

  data = g_bytes_get_data (bytes, &size);
  if (data == NULL)
    data = "";
  if (size >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    {
      data += 3;
      size -= 3;
    }
  /* Plain JSON is read directly; anything else, and every error, goes
   * through json-glib. */
  fast_root = mg_json_fast_parse (data, size);
  if (fast_root == NULL && !json_parser_load_from_data (parser, data, size, &local_error))
    {
      g_set_error (error, MG_IMPORT_ERROR, MG_IMPORT_ERROR_PARSE,
                   _("“%s” is not a JSON file: %s"), name, local_error->message);
      return FALSE;
    }

  /* First a dry look: refuse a file that holds no annotation at all
   * before anything is added. */
  {
    JsonNode *root = fast_root != NULL ? fast_root : json_parser_get_root (parser);
    gboolean plausible = FALSE;

    if (root != NULL && JSON_NODE_HOLDS_ARRAY (root))
      plausible = TRUE;
    else if (root != NULL && JSON_NODE_HOLDS_OBJECT (root))
      {
        JsonObject *object = json_node_get_object (root);

        plausible = json_object_has_type (object, "AnnotationCollection")
                    || json_object_has_type (object, "AnnotationPage")
                    || json_object_has_type (object, "Annotation")
                    || json_object_has_member (object, "target");
      }
    if (!plausible)
      {
        g_set_error (error, MG_IMPORT_ERROR, MG_IMPORT_ERROR_NOT_W3C,
                     _("“%s” holds no W3C Web Annotation (expected an Annotation, "
                       "an AnnotationPage, an AnnotationCollection or an array of annotations)"),
                     name);
        return FALSE;
      }
  }

  ctx.index = mg_anchor_index_new (ctx.document);
  mg_annotation_store_begin_group (store, _("Import annotations"));
  import_node (&ctx, fast_root != NULL ? fast_root : json_parser_get_root (parser), 0);
  mg_annotation_store_end_group (store);
  mg_anchor_index_free (ctx.index);

  if (report != NULL)
    *report = ctx.report;
  return TRUE;
}

gboolean
mg_import_w3c_file (MgAnnotationStore  *store,
                    GFile              *file,
                    GCancellable       *cancellable,
                    MgImportReport     *report,
                    GError            **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *name = NULL;

  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  name = g_file_get_parse_name (file);
  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE "," G_FILE_ATTRIBUTE_STANDARD_TYPE,
                            G_FILE_QUERY_INFO_NONE, cancellable, &local_error);
  if (info == NULL)
    {
      g_set_error (error, MG_IMPORT_ERROR, MG_IMPORT_ERROR_READ,
                   _("Cannot read “%s”: %s"), name, local_error->message);
      return FALSE;
    }
  if (g_file_info_get_file_type (info) != G_FILE_TYPE_REGULAR)
    {
      g_set_error (error, MG_IMPORT_ERROR, MG_IMPORT_ERROR_READ,
                   _("Cannot read “%s”: not a regular file"), name);
      return FALSE;
    }
  if (g_file_info_get_size (info) > IMPORT_MAX_SIZE)
    {
      g_set_error (error, MG_IMPORT_ERROR, MG_IMPORT_ERROR_READ,
                   _("Cannot read “%s”: the file is too large"), name);
      return FALSE;
    }
  bytes = g_file_load_bytes (file, cancellable, NULL, &local_error);
  if (bytes == NULL)
    {
      g_set_error (error, MG_IMPORT_ERROR, MG_IMPORT_ERROR_READ,
                   _("Cannot read “%s”: %s"), name, local_error->message);
      return FALSE;
    }
  return mg_import_w3c_bytes (store, bytes, name, report, error);
}
