/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Marginalia"
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "mg-anchor.h"
#include "mg-import-w3c.h"
#include "mg-search.h"
#include "mg-file.h"
#include "mg-json-tree.h"

G_DEFINE_QUARK (mg-import-error-quark, mg_import_error)

/* Imported files are read whole; larger ones are refused. */
#define get_member mg_json_tree_get_member
#define get_string mg_json_tree_get_string_member

/* What the target of one annotation says about the text. */
typedef struct
{
  const char *source;
  const char *exact;
  const char *prefix;
  const char *suffix;
  gint64      start;    /* -1 when no TextPositionSelector */
  gint64      end;
} MgImportTarget;

typedef void (*MgImportObjectFunc) (const MgJsonTreeValue *object,
                                    gpointer               data);

/* Reading W3C Web Annotation JSON: types, and what a target selects. */

static gboolean
get_uint (const MgJsonTreeValue *object,
          const char            *member,
          gint64                *out)
{
  const MgJsonTreeValue *node = get_member (object, member);
  gint64 value;

  if (mg_json_tree_is (node, MG_JSON_TREE_INT))
    value = node->v.integer;
  else if (mg_json_tree_is (node, MG_JSON_TREE_DOUBLE))
    value = (gint64) node->v.number;
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
has_type (const MgJsonTreeValue *object,
          const char            *wanted)
{
  const MgJsonTreeValue *node = get_member (object, "type");

  if (node == NULL)
    node = get_member (object, "@type");
  if (node == NULL)
    return FALSE;
  if (mg_json_tree_is (node, MG_JSON_TREE_ARRAY))
    {
      for (const MgJsonTreeValue *e = node->v.first; e != NULL; e = e->next)
        if (type_name_is (mg_json_tree_get_string (e), wanted))
          return TRUE;
      return FALSE;
    }
  return type_name_is (mg_json_tree_get_string (node), wanted);
}

/* Calls @func on @node, or on each element when it is an array. */
static void
foreach_object (const MgJsonTreeValue *node,
                MgImportObjectFunc     func,
                gpointer               data)
{
  if (node == NULL)
    return;
  if (node->kind == MG_JSON_TREE_OBJECT)
    func (node, data);
  else if (node->kind == MG_JSON_TREE_ARRAY)
    for (const MgJsonTreeValue *e = node->v.first; e != NULL; e = e->next)
      foreach_object (e, func, data);
}

/* Selectors: a TextQuoteSelector anywhere (refinedBy included); a
 * TextPositionSelector only at the top level, since a refined one counts
 * from the start of what its parent selected, not of the text. */
static void
import_selector (const MgJsonTreeValue *selector,
                 MgImportTarget        *target,
                 gboolean               top_level)
{
  const MgJsonTreeValue *refined;

  if (has_type (selector, "TextQuoteSelector") && target->exact == NULL)
    {
      const char *exact = get_string (selector, "exact");

      if (exact != NULL && *exact != '\0')
        {
          target->exact = exact;
          target->prefix = get_string (selector, "prefix");
          target->suffix = get_string (selector, "suffix");
        }
    }
  else if (has_type (selector, "TextPositionSelector") && top_level
           && target->start < 0)
    {
      gint64 start, end;

      if (get_uint (selector, "start", &start)
          && get_uint (selector, "end", &end)
          && start < end)
        {
          target->start = start;
          target->end = end;
        }
    }

  refined = get_member (selector, "refinedBy");
  if (mg_json_tree_is (refined, MG_JSON_TREE_OBJECT))
    import_selector (refined, target, FALSE);
  else if (mg_json_tree_is (refined, MG_JSON_TREE_ARRAY))
    for (const MgJsonTreeValue *e = refined->v.first; e != NULL; e = e->next)
      if (e->kind == MG_JSON_TREE_OBJECT)
        import_selector (e, target, FALSE);
}

static void
import_selector_top (const MgJsonTreeValue *selector,
                     gpointer               data)
{
  import_selector (selector, data, TRUE);
}

/* The first target (of possibly several) that selects text. */
static gboolean
read_target (const MgJsonTreeValue *annotation,
             MgImportTarget        *out)
{
  const MgJsonTreeValue *node = get_member (annotation, "target");
  const MgJsonTreeValue *single = NULL;

  if (mg_json_tree_is (node, MG_JSON_TREE_OBJECT))
    single = node;
  else if (!mg_json_tree_is (node, MG_JSON_TREE_ARRAY))
    return FALSE;

  for (const MgJsonTreeValue *target = single != NULL ? single : node->v.first;
       target != NULL; target = single != NULL ? NULL : target->next)
    {
      MgImportTarget t = { NULL, NULL, NULL, NULL, -1, -1 };

      if (target->kind != MG_JSON_TREE_OBJECT)
        continue;
      t.source = get_string (target, "source");
      foreach_object (get_member (target, "selector"), import_selector_top, &t);
      if (t.exact != NULL || t.start >= 0)
        {
          *out = t;
          return TRUE;
        }
    }
  return FALSE;
}

#define IMPORT_MAX_SIZE (256 * 1024 * 1024)

typedef struct
{
  MgAnnotationStore *store;
  MgDocument        *document;
  MgTagSet          *tag_set;
  MgAnchorIndex     *index;     /* made when first needed */
  GHashTable        *tag_ids;   /* tag body value → id (tag-set owned) */
  MgImportReport     report;
} ImportContext;

static MgAnchorIndex *
context_index (ImportContext *ctx)
{
  if (ctx->index == NULL)
    ctx->index = mg_anchor_index_new (ctx->document);
  return ctx->index;
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

/* import_tag() without the memory of earlier answers. */
static const char *
import_tag_find (ImportContext *ctx,
                 const char    *stripped)
{
  g_autofree char *folded = NULL;
  g_autofree char *slug = NULL;
  g_autoptr(MgTag) tag = NULL;
  g_autoptr(GError) error = NULL;
  MgTag *found;
  guint n;

  found = mg_tag_set_lookup (ctx->tag_set, stripped);
  if (found != NULL)
    return mg_tag_get_id (found);

  folded = g_utf8_casefold (stripped, -1);
  n = mg_tag_set_get_n_tags (ctx->tag_set);
  for (guint i = 0; i < n; i++)
    {
      MgTag *candidate = mg_tag_set_get_tag (ctx->tag_set, i);
      g_autofree char *name = g_utf8_casefold (mg_tag_get_name (candidate), -1);

      /* A built-in tag exported in another language comes back to it. */
      if (g_str_equal (name, folded) ||
          mg_tag_is_builtin_name (mg_tag_get_id (candidate), stripped))
        return mg_tag_get_id (candidate);
    }

  slug = mg_tag_id_from_name (stripped);
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
  /* A new tag may answer differently for a name seen before. */
  g_hash_table_remove_all (ctx->tag_ids);
  found = mg_tag_set_lookup (ctx->tag_set, slug);
  return found != NULL ? mg_tag_get_id (found) : NULL;
}

/* The id of the tag called @value, created when missing. NULL when it
 * cannot be made. */
static const char *
import_tag (ImportContext *ctx,
            const char    *value)
{
  g_autofree char *stripped = g_strstrip (g_strdup (value));
  const char *id;

  if (*stripped == '\0')
    return NULL;
  /* The same few tags recur on thousands of annotations. */
  id = g_hash_table_lookup (ctx->tag_ids, value);
  if (id != NULL)
    return id;
  id = import_tag_find (ctx, stripped);
  if (id != NULL)
    g_hash_table_insert (ctx->tag_ids, g_strdup (value), (gpointer) id);
  return id;
}

typedef struct
{
  ImportContext *ctx;
  gboolean       tagging_motivation;
  GPtrArray     *tags;   /* of const char * (tag-set owned) */
  GString       *note;
} ImportBodies;

static void
import_body (const MgJsonTreeValue *body,
             gpointer               data)
{
  ImportBodies *bodies = data;
  const char *value = get_string (body, "value");
  const char *purpose = get_string (body, "purpose");

  if (value == NULL)
    value = get_string (body, "chars");
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
import_creator (const MgJsonTreeValue *annotation)
{
  const MgJsonTreeValue *node = get_member (annotation, "creator");

  if (mg_json_tree_is (node, MG_JSON_TREE_ARRAY) && node->v.first != NULL)
    node = node->v.first;
  if (node == NULL)
    return NULL;
  if (node->kind == MG_JSON_TREE_STRING)
    return node->v.string;
  if (node->kind == MG_JSON_TREE_OBJECT)
    {
      const char *name = get_string (node, "name");

      if (name == NULL)
        name = get_string (node, "nickname");
      return name;
    }
  return NULL;
}

/* TRUE when @s is already what import_time() makes of it:
 * YYYY-MM-DDTHH:MM:SSZ, a real date and time. */
static gboolean
is_plain_utc (const char *s)
{
  static const char shape[] = "dddd-dd-ddTdd:dd:ddZ";
  int year, month, day;

  for (guint i = 0; i < sizeof shape - 1; i++)
    if (shape[i] == 'd' ? !g_ascii_isdigit (s[i]) : s[i] != shape[i])
      return FALSE;
  if (s[sizeof shape - 1] != '\0')
    return FALSE;
  year = atoi (s);
  month = atoi (s + 5);
  day = atoi (s + 8);
  return year >= 1 && g_date_valid_dmy (day, month, year)
         && atoi (s + 11) < 24 && atoi (s + 14) < 60 && atoi (s + 17) < 60;
}

/* RFC 3339 in UTC, or NULL when @value is no date-time. */
static char *
import_time (const MgJsonTreeValue *annotation,
             const char            *member)
{
  const char *value = get_string (annotation, member);
  g_autoptr(GDateTime) date = NULL;
  g_autoptr(GDateTime) utc = NULL;

  if (value == NULL)
    return NULL;
  /* Most files (ours among them) write times this way: no need to parse
   * and format them again. */
  if (is_plain_utc (value))
    return g_strdup (value);
  date = g_date_time_new_from_iso8601 (value, NULL);
  if (date == NULL)
    return NULL;
  utc = g_date_time_to_utc (date);
  if (utc == NULL)
    return NULL;
  /* Four digits of year whatever the year (%Y writes 316 for 0316, which
   * RFC 3339 and the sidecar reader refuse). */
  return g_strdup_printf ("%04d-%02d-%02dT%02d:%02d:%02dZ",
                          g_date_time_get_year (utc), g_date_time_get_month (utc),
                          g_date_time_get_day_of_month (utc), g_date_time_get_hour (utc),
                          g_date_time_get_minute (utc), g_date_time_get_second (utc));
}

/* TRUE when the text at [start, end) is exactly @s. */
static gboolean
text_range_equals (MgDocument *document,
                   gint64      start,
                   gint64      end,
                   const char *s)
{
  gsize from, len;

  if (start < 0 || start > end || end > mg_document_get_length (document))
    return FALSE;
  len = strlen (s);
  from = mg_document_offset_to_byte (document, (guint) start);
  return from + len <= mg_document_get_size (document)
         && memcmp (mg_document_get_text (document) + from, s, len) == 0
         && g_utf8_strlen (s, (gssize) len) == end - start;
}

static gboolean
import_position_agrees (ImportContext        *ctx,
                        const MgImportTarget *target)
{
  return text_range_equals (ctx->document, target->start, target->end, target->exact);
}

/* What mg_anchor_locate() first checks, without its index: the quote is
 * where the position says, and so is the context on at least one side. */
static gboolean
import_context_agrees (ImportContext        *ctx,
                       const MgImportTarget *target)
{
  guint length = mg_document_get_length (ctx->document);
  glong pl = target->prefix != NULL ? g_utf8_strlen (target->prefix, -1) : 0;
  glong sl = target->suffix != NULL ? g_utf8_strlen (target->suffix, -1) : 0;

  return (pl > 0 && target->start >= pl
          && text_range_equals (ctx->document, target->start - pl, target->start, target->prefix))
         || (pl == 0 && target->start == 0)
         || (sl > 0 && target->end + sl <= length
             && text_range_equals (ctx->document, target->end, target->end + sl, target->suffix))
         || (sl == 0 && target->end == length);
}

static void
import_annotation (const MgJsonTreeValue *object,
                   gpointer               data)
{
  ImportContext *ctx = data;
  MgImportTarget target;
  ImportBodies bodies;
  g_autoptr(MgAnnotation) annotation = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *created = NULL;
  g_autofree char *modified = NULL;
  const char *id = get_string (object, "id");
  const char *creator;
  const char *body_value;
  const char *motivation;
  const MgJsonTreeValue *starred;
  gboolean orphan = FALSE;
  gboolean fuzzy = FALSE;

  if (!read_target (object, &target))
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
          if (((target.prefix != NULL && *target.prefix != '\0')
               || (target.suffix != NULL && *target.suffix != '\0'))
              && !import_context_agrees (ctx, &target))
            mg_anchor_locate (context_index (ctx), target.exact, target.prefix, target.suffix,
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
        mg_anchor_locate (context_index (ctx), target.exact, target.prefix, target.suffix,
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

  motivation = get_string (object, "motivation");
  bodies.ctx = ctx;
  bodies.tagging_motivation = g_strcmp0 (motivation, "tagging") == 0;
  bodies.tags = g_ptr_array_new ();
  bodies.note = g_string_new (NULL);
  body_value = get_string (object, "bodyValue");
  if (body_value != NULL && *body_value != '\0')
    g_string_append (bodies.note, body_value);
  foreach_object (get_member (object, "body"), import_body, &bodies);
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
  starred = get_member (object, "starred");
  if (mg_json_tree_is (starred, MG_JSON_TREE_BOOLEAN))
    mg_annotation_set_starred (annotation, starred->v.boolean);

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

static void import_node (ImportContext         *ctx,
                         const MgJsonTreeValue *node,
                         guint                  depth);

static void
import_page (ImportContext         *ctx,
             const MgJsonTreeValue *page,
             guint                  depth)
{
  /* Embedded pages only: "next" as an IRI points to something not here. */
  for (guint hops = 0; page != NULL && hops < 10000; hops++)
    {
      const MgJsonTreeValue *next;

      import_node (ctx, get_member (page, "items"), depth + 1);
      next = get_member (page, "next");
      page = mg_json_tree_is (next, MG_JSON_TREE_OBJECT) ? next : NULL;
    }
}

static void
import_node (ImportContext         *ctx,
             const MgJsonTreeValue *node,
             guint                  depth)
{
  /* Nesting deeper than any real file is not followed. */
  if (node == NULL || depth > 16)
    return;

  if (node->kind == MG_JSON_TREE_ARRAY)
    {
      for (const MgJsonTreeValue *e = node->v.first; e != NULL; e = e->next)
        import_node (ctx, e, depth + 1);
      return;
    }
  if (node->kind != MG_JSON_TREE_OBJECT)
    return;

  if (has_type (node, "AnnotationCollection"))
    {
      const MgJsonTreeValue *first = get_member (node, "first");

      if (mg_json_tree_is (first, MG_JSON_TREE_OBJECT))
        import_page (ctx, first, depth);
      import_node (ctx, get_member (node, "items"), depth + 1);
    }
  else if (has_type (node, "AnnotationPage"))
    {
      import_page (ctx, node, depth);
    }
  else if (has_type (node, "Annotation")
           || (get_member (node, "target") != NULL && depth > 0))
    {
      import_annotation (node, ctx);
    }
}

gboolean
mg_import_w3c_bytes (MgAnnotationStore  *store,
                     GBytes             *bytes,
                     const char         *name,
                     MgImportReport     *report,
                     GError            **error)
{
  g_autoptr(MgJsonTree) tree = NULL;
  g_autoptr(GError) local_error = NULL;
  const MgJsonTreeValue *root;
  ImportContext ctx = { 0 };
  gboolean plausible = FALSE;
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
  /* Plain JSON is read directly into a compact tree; anything else, and
   * every error, goes through json-glib. */
  tree = mg_json_tree_parse (data, size, &local_error);
  if (tree == NULL)
    {
      g_set_error (error, MG_IMPORT_ERROR, MG_IMPORT_ERROR_PARSE,
                   _("“%s” is not a JSON file: %s"), name, local_error->message);
      return FALSE;
    }

  /* First a dry look: refuse a file that holds no annotation at all
   * before anything is added. */
  root = mg_json_tree_get_root (tree);
  if (mg_json_tree_is (root, MG_JSON_TREE_ARRAY))
    plausible = TRUE;
  else if (mg_json_tree_is (root, MG_JSON_TREE_OBJECT))
    plausible = has_type (root, "AnnotationCollection")
                || has_type (root, "AnnotationPage")
                || has_type (root, "Annotation")
                || get_member (root, "target") != NULL;
  if (!plausible)
    {
      g_set_error (error, MG_IMPORT_ERROR, MG_IMPORT_ERROR_NOT_W3C,
                   _("“%s” holds no W3C Web Annotation (expected an Annotation, "
                     "an AnnotationPage, an AnnotationCollection or an array of annotations)"),
                   name);
      return FALSE;
    }

  ctx.tag_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  mg_annotation_store_begin_group (store, _("Import annotations"));
  import_node (&ctx, root, 0);
  mg_annotation_store_end_group (store);
  g_clear_pointer (&ctx.index, mg_anchor_index_free);
  g_hash_table_unref (ctx.tag_ids);

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
  bytes = mg_file_load (file, IMPORT_MAX_SIZE, cancellable, &local_error);
  if (bytes == NULL)
    {
      g_set_error (error, MG_IMPORT_ERROR, MG_IMPORT_ERROR_READ,
                   _("Cannot read “%s”: %s"), name, local_error->message);
      return FALSE;
    }
  return mg_import_w3c_bytes (store, bytes, name, report, error);
}
