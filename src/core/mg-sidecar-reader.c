/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Marginalia"
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "mg-json-locator.h"
#include "mg-sidecar-reader-private.h"
#include "mg-time.h"

/* Reading a sidecar: every breach of sidecar-format.md becomes a problem
 * naming its member; positions are filled in at the end by one scan of
 * the raw text (json-glib keeps none). */

static void
set_str (char       **field,
         const char  *value)
{
  g_free (*field);
  *field = g_strdup (value);
}

static gboolean
is_sha256 (const char *s)
{
  if (strlen (s) != 64)
    return FALSE;
  for (const char *p = s; *p != '\0'; p++)
    if (!g_ascii_isxdigit (*p))
      return FALSE;
  return TRUE;
}

/* Normalised text holds no control characters but tab, LF and form feed. */
static gboolean
is_normalised_text (const char *s)
{
  for (const guchar *p = (const guchar *) s; *p != '\0'; p++)
    if ((*p < 0x20 && *p != '\t' && *p != '\n' && *p != '\f') || *p == 0x7F)
      return FALSE;
  return TRUE;
}

static void
read_document (MgSidecarReader *r,
               JsonNode        *node)
{
  MgSidecarContent *c = r->content;
  JsonObjectIter iter;
  const char *name;
  JsonNode *member;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      mg_sidecar_reader_problem (r, "document", _("expected an object, found %s"), mg_sidecar_value_describe (node));
      return;
    }

  json_object_iter_init_ordered (&iter, json_node_get_object (node));
  while (json_object_iter_next_ordered (&iter, &name, &member))
    {
      g_autofree char *path = g_strconcat ("document.", name, NULL);
      const char *s;

      if (g_str_equal (name, "length"))
        {
          guint length;

          if (mg_sidecar_value_offset (r, member, path, &length))
            c->doc_length = length;
          continue;
        }

      if (!g_str_equal (name, "name") && !g_str_equal (name, "sha256")
          && !g_str_equal (name, "encoding") && !g_str_equal (name, "title")
          && !g_str_equal (name, "text"))
        {
          if (c->doc_extra == NULL)
            c->doc_extra = json_object_new ();
          json_object_set_member (c->doc_extra, name, json_node_copy (member));
          continue;
        }

      if (!mg_sidecar_value_string (r, member, path, &s))
        continue;

      if (g_str_equal (name, "name"))
        set_str (&c->doc_name, s);
      else if (g_str_equal (name, "title"))
        set_str (&c->doc_title, s);
      else if (g_str_equal (name, "sha256"))
        {
          if (is_sha256 (s))
            {
              g_free (c->doc_sha256);
              c->doc_sha256 = g_ascii_strdown (s, -1);
            }
          else
            mg_sidecar_reader_problem (r, path, _("“%s” is not a SHA-256 (64 hexadecimal digits)"), s);
        }
      else if (g_str_equal (name, "encoding"))
        {
          MgEncoding encoding;

          if (mg_encoding_from_string (s, &encoding))
            set_str (&c->doc_encoding, s);
          else
            mg_sidecar_reader_problem (r, path, _("unknown encoding “%s” (expected UTF-8, UTF-16LE, UTF-16BE or GB18030)"), s);
        }
      else if (g_str_equal (name, "text"))
        {
          /* A lone surrogate (\ud800) reaches us as bytes that are not
           * UTF-8: no text can be made of them. */
          if (!g_utf8_validate (s, -1, NULL))
            mg_sidecar_reader_problem (r, path, _("the embedded text is not valid Unicode text (it holds a lone surrogate or an invalid character)"));
          else if (is_normalised_text (s))
            set_str (&c->doc_text, s);
          else
            mg_sidecar_reader_problem (r, path, _("the embedded text holds control characters or carriage returns"));
        }
    }
}

static void
read_tags (MgSidecarReader *r,
           JsonNode        *node)
{
  JsonArray *array;
  guint n;

  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      mg_sidecar_reader_problem (r, "tags", _("expected an array, found %s"), mg_sidecar_value_describe (node));
      return;
    }

  r->content->tags = mg_tag_set_new ();
  array = json_node_get_array (node);
  n = json_array_get_length (array);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *path = g_strdup_printf ("tags[%u]", i);
      JsonNode *elem = json_array_get_element (array, i);
      g_autoptr(JsonObject) extra = NULL;
      g_auto(GStrv) lexicon = NULL;
      const char *id = NULL, *name = NULL, *color = NULL, *description = "";
      gboolean ok = TRUE;
      JsonObjectIter iter;
      const char *key;
      JsonNode *member;

      if (!JSON_NODE_HOLDS_OBJECT (elem))
        {
          mg_sidecar_reader_problem (r, path, _("expected an object, found %s"), mg_sidecar_value_describe (elem));
          continue;
        }

      json_object_iter_init_ordered (&iter, json_node_get_object (elem));
      while (json_object_iter_next_ordered (&iter, &key, &member))
        {
          g_autofree char *mpath = g_strdup_printf ("%s.%s", path, key);

          if (g_str_equal (key, "id"))
            {
              if (!mg_sidecar_value_string (r, member, mpath, &id))
                ok = FALSE;
              else if (!mg_tag_id_is_valid (id))
                {
                  mg_sidecar_reader_problem (r, mpath, _("“%s” is not a valid tag id (lowercase letters, digits and “-”, at most 64)"), id);
                  g_hash_table_add (r->tag_ids, g_strdup (id));
                  ok = FALSE;
                }
              else if (g_hash_table_contains (r->tag_ids, id))
                {
                  mg_sidecar_reader_problem (r, mpath, _("the tag id “%s” is used twice"), id);
                  ok = FALSE;
                }
              else
                g_hash_table_add (r->tag_ids, g_strdup (id));
            }
          else if (g_str_equal (key, "name"))
            ok &= mg_sidecar_value_string (r, member, mpath, &name);
          else if (g_str_equal (key, "color"))
            {
              if (!mg_sidecar_value_string (r, member, mpath, &color))
                ok = FALSE;
              else if (!mg_tag_color_is_valid (color))
                {
                  mg_sidecar_reader_problem (r, mpath, _("“%s” is not a colour of the form #rrggbb"), color);
                  ok = FALSE;
                }
            }
          else if (g_str_equal (key, "description"))
            ok &= mg_sidecar_value_string (r, member, mpath, &description);
          else if (g_str_equal (key, "lexicon"))
            {
              g_clear_pointer (&lexicon, g_strfreev);
              if (!mg_sidecar_value_strv (r, member, mpath, &lexicon))
                ok = FALSE;
              else
                for (guint k = 0; lexicon[k] != NULL; k++)
                  if (lexicon[k][0] == '\0')
                    {
                      g_autofree char *lpath = g_strdup_printf ("%s[%u]", mpath, k);

                      mg_sidecar_reader_problem (r, lpath, _("an empty phrase"));
                      ok = FALSE;
                    }
            }
          else
            {
              if (extra == NULL)
                extra = json_object_new ();
              json_object_set_member (extra, key, json_node_copy (member));
            }
        }

      if (id == NULL && ok)
        {
          mg_sidecar_reader_problem (r, path, _("the tag has no “id”"));
          ok = FALSE;
        }
      if (name == NULL && ok)
        {
          mg_sidecar_reader_problem (r, path, _("the tag has no “name”"));
          ok = FALSE;
        }
      if (color == NULL && ok)
        {
          mg_sidecar_reader_problem (r, path, _("the tag has no “color”"));
          ok = FALSE;
        }

      if (ok)
        {
          g_autoptr(MgTag) tag = mg_tag_new (id, name, color, description);
          g_autoptr(GError) error = NULL;

          if (extra != NULL)
            mg_tag_set_extra (tag, extra);
          mg_tag_set_lexicon (tag, (const char * const *) lexicon);
          if (!mg_tag_set_insert (r->content->tags, -1, tag, &error))
            mg_sidecar_reader_problem (r, path, "%s", error->message);
        }
    }
}

/* The members "start", "end" and "quote" an annotation and a dismissed
 * suggestion both need (@missing: the message for each one absent), and
 * start not after end (@has_range: both were read). */
static gboolean
check_quoted_range (MgSidecarReader *r,
                    JsonObject      *object,
                    const char      *path,
                    const char      *missing[3],
                    gboolean         has_range,
                    guint            start,
                    guint            end)
{
  static const char * const names[] = { "start", "end", "quote" };
  gboolean ok = TRUE;

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (!json_object_has_member (object, names[i]))
      {
        mg_sidecar_reader_problem (r, path, "%s", missing[i]);
        ok = FALSE;
      }
  if (has_range && start > end)
    {
      g_autofree char *spath = g_strdup_printf ("%s.start", path);

      mg_sidecar_reader_problem (r, spath, _("start (%u) is after end (%u)"), start, end);
      ok = FALSE;
    }
  return ok;
}

/* Reads one annotation object; NULL when it breaks a rule. */
static MgAnnotation *
read_annotation (MgSidecarReader *r,
                 JsonObject      *object,
                 const char      *path)
{
  g_autoptr(JsonObject) extra = NULL;
  g_auto(GStrv) tags = NULL;
  g_auto(GStrv) contributors = NULL;
  g_autoptr(GString) mpath_buf = NULL;
  gsize base;
  const char *id = NULL, *quote = NULL, *prefix = "", *suffix = "";
  const char *note = "", *author = "", *created = NULL, *modified = NULL;
  gboolean starred = FALSE, orphaned = FALSE;
  gboolean has_start = FALSE, has_end = FALSE;
  guint start = 0, end = 0;
  gboolean ok = TRUE;
  MgAnnotation *annotation;
  JsonObjectIter iter;
  const char *key;
  JsonNode *member;

  /* One buffer for the member paths: annotations come by the ten thousand. */
  mpath_buf = g_string_new (path);
  base = mpath_buf->len;

  json_object_iter_init_ordered (&iter, object);
  while (json_object_iter_next_ordered (&iter, &key, &member))
    {
      const char *mpath;

      g_string_truncate (mpath_buf, base);
      g_string_append_c (mpath_buf, '.');
      g_string_append (mpath_buf, key);
      mpath = mpath_buf->str;

      if (g_str_equal (key, "id"))
        {
          if (!mg_sidecar_value_string (r, member, mpath, &id))
            ok = FALSE;
          else if (*id == '\0')
            {
              mg_sidecar_reader_problem (r, mpath, _("the id is empty"));
              ok = FALSE;
            }
          else if (g_hash_table_contains (r->annotation_ids, id))
            {
              mg_sidecar_reader_problem (r, mpath, _("the id “%s” is also used by %s"), id,
                                         (const char *) g_hash_table_lookup (r->annotation_ids, id));
              ok = FALSE;
            }
          else
            g_hash_table_insert (r->annotation_ids, g_strdup (id), g_strdup (path));
        }
      else if (g_str_equal (key, "start"))
        ok &= (has_start = mg_sidecar_value_offset (r, member, mpath, &start));
      else if (g_str_equal (key, "end"))
        ok &= (has_end = mg_sidecar_value_offset (r, member, mpath, &end));
      else if (g_str_equal (key, "quote"))
        ok &= mg_sidecar_value_string (r, member, mpath, &quote);
      else if (g_str_equal (key, "prefix"))
        ok &= mg_sidecar_value_string (r, member, mpath, &prefix);
      else if (g_str_equal (key, "suffix"))
        ok &= mg_sidecar_value_string (r, member, mpath, &suffix);
      else if (g_str_equal (key, "note"))
        ok &= mg_sidecar_value_string (r, member, mpath, &note);
      else if (g_str_equal (key, "author"))
        ok &= mg_sidecar_value_string (r, member, mpath, &author);
      else if (g_str_equal (key, "starred"))
        ok &= mg_sidecar_value_boolean (r, member, mpath, &starred);
      else if (g_str_equal (key, "orphaned"))
        ok &= mg_sidecar_value_boolean (r, member, mpath, &orphaned);
      else if (g_str_equal (key, "created") || g_str_equal (key, "modified"))
        {
          const char *time;

          if (!mg_sidecar_value_string (r, member, mpath, &time))
            ok = FALSE;
          else if (!mg_time_is_rfc3339 (time))
            {
              mg_sidecar_reader_problem (r, mpath, _("“%s” is not an RFC 3339 time such as 2026-11-28T09:12:44Z"), time);
              ok = FALSE;
            }
          else if (key[0] == 'c')
            created = time;
          else
            modified = time;
        }
      else if (g_str_equal (key, "tags"))
        {
          g_clear_pointer (&tags, g_strfreev);
          if (!mg_sidecar_value_strv (r, member, mpath, &tags))
            ok = FALSE;
          else
            for (guint i = 0; tags[i] != NULL; i++)
              if (!g_hash_table_contains (r->tag_ids, tags[i]))
                {
                  g_autofree char *tpath = g_strdup_printf ("%s[%u]", mpath, i);

                  mg_sidecar_reader_problem (r, tpath, _("unknown tag “%s” (not in “tags”)"), tags[i]);
                  ok = FALSE;
                }
        }
      else if (g_str_equal (key, "contributors"))
        {
          g_clear_pointer (&contributors, g_strfreev);
          ok &= mg_sidecar_value_strv (r, member, mpath, &contributors);
        }
      else
        {
          if (extra == NULL)
            extra = json_object_new ();
          json_object_set_member (extra, key, json_node_copy (member));
        }
    }

  if (id == NULL && !json_object_has_member (object, "id"))
    {
      mg_sidecar_reader_problem (r, path, _("the annotation has no “id”"));
      ok = FALSE;
    }
  {
    const char *missing[] = { _("the annotation has no “start”"), _("the annotation has no “end”"),
                              _("the annotation has no “quote”") };

    ok &= check_quoted_range (r, object, path, missing, has_start && has_end, start, end);
  }

  if (!ok)
    return NULL;

  /* sidecar-format.md: contributors are "never the author". Harmless, so
   * not a reason to refuse the file: the name is dropped (a save writes
   * the list without it) and validate mentions it. */
  for (guint i = 0; contributors != NULL && contributors[i] != NULL; i++)
    if (*author != '\0' && g_str_equal (contributors[i], author))
      {
        g_autofree char *cpath = g_strdup_printf ("%s.contributors[%u]", path, i);
        g_autofree char *message =
          g_strdup_printf (_("%s: “%s” is the annotation’s author, so not one of its contributors; "
                             "the name is dropped from “contributors”"),
                           cpath, author);

        mg_sidecar_content_add_problem (r->content, MG_SIDECAR_PROBLEM_WARNING, -1,
                                        r->file_name, cpath, message);
      }

  annotation = mg_annotation_new (id, start, end);
  mg_annotation_set_quote (annotation, quote);
  mg_annotation_set_prefix (annotation, prefix);
  mg_annotation_set_suffix (annotation, suffix);
  if (tags != NULL)
    mg_annotation_set_tags (annotation, (const char * const *) tags);
  mg_annotation_set_note (annotation, note);
  mg_annotation_set_starred (annotation, starred);
  mg_annotation_set_author (annotation, author);
  if (contributors != NULL)
    mg_annotation_set_contributors (annotation, (const char * const *) contributors);
  mg_annotation_set_created (annotation, created);
  mg_annotation_set_modified (annotation, modified);
  mg_annotation_set_anchor_state (annotation, orphaned ? MG_ANCHOR_STATE_ORPHANED
                                                       : MG_ANCHOR_STATE_EXACT);
  mg_annotation_set_anchor_score (annotation, orphaned ? 0.0 : 1.0);
  if (extra != NULL)
    mg_annotation_set_extra (annotation, extra);
  return annotation;
}

static void
read_annotations (MgSidecarReader *r,
                  JsonNode        *node)
{
  JsonArray *array;
  guint n;

  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      mg_sidecar_reader_problem (r, "annotations", _("expected an array, found %s"), mg_sidecar_value_describe (node));
      return;
    }

  array = json_node_get_array (node);
  n = json_array_get_length (array);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *path = g_strdup_printf ("annotations[%u]", i);
      JsonNode *elem = json_array_get_element (array, i);
      MgAnnotation *annotation;

      if (!JSON_NODE_HOLDS_OBJECT (elem))
        {
          mg_sidecar_reader_problem (r, path, _("expected an object, found %s"), mg_sidecar_value_describe (elem));
          continue;
        }
      annotation = read_annotation (r, json_node_get_object (elem), path);
      if (annotation != NULL)
        g_ptr_array_add (r->content->annotations, annotation);
    }
}

/* Reads one entry of "dismissed"; NULL when it breaks a rule. */
static MgDismissal *
read_dismissal (MgSidecarReader *r,
                JsonObject      *object,
                const char      *path)
{
  g_autoptr(JsonObject) extra = NULL;
  const char *kind_id = NULL, *quote = NULL;
  MgSuggestionKind kind = MG_SUGGESTION_FIGURE;
  gboolean has_kind = FALSE, has_start = FALSE, has_end = FALSE;
  guint start = 0, end = 0;
  gboolean ok = TRUE;
  MgDismissal *dismissal;
  JsonObjectIter iter;
  const char *key;
  JsonNode *member;

  json_object_iter_init_ordered (&iter, object);
  while (json_object_iter_next_ordered (&iter, &key, &member))
    {
      g_autofree char *mpath = g_strdup_printf ("%s.%s", path, key);

      if (g_str_equal (key, "kind"))
        {
          if (!mg_sidecar_value_string (r, member, mpath, &kind_id))
            ok = FALSE;
          else if (!mg_suggestion_kind_from_string (kind_id, &kind))
            {
              mg_sidecar_reader_problem (r, mpath, _("unknown kind “%s” (expected figure, slogan or policy-goal)"), kind_id);
              ok = FALSE;
            }
          else
            has_kind = TRUE;
        }
      else if (g_str_equal (key, "start"))
        ok &= (has_start = mg_sidecar_value_offset (r, member, mpath, &start));
      else if (g_str_equal (key, "end"))
        ok &= (has_end = mg_sidecar_value_offset (r, member, mpath, &end));
      else if (g_str_equal (key, "quote"))
        ok &= mg_sidecar_value_string (r, member, mpath, &quote);
      else
        {
          if (extra == NULL)
            extra = json_object_new ();
          json_object_set_member (extra, key, json_node_copy (member));
        }
    }

  if (!json_object_has_member (object, "kind"))
    {
      mg_sidecar_reader_problem (r, path, _("the dismissed suggestion has no “kind”"));
      ok = FALSE;
    }
  {
    const char *missing[] = { _("the dismissed suggestion has no “start”"),
                              _("the dismissed suggestion has no “end”"),
                              _("the dismissed suggestion has no “quote”") };

    ok &= check_quoted_range (r, object, path, missing, has_start && has_end, start, end);
  }
  if (!ok || !has_kind)
    return NULL;

  dismissal = mg_dismissal_new (kind, start, end, quote);
  if (extra != NULL)
    mg_dismissal_set_extra (dismissal, extra);
  return dismissal;
}

static void
read_dismissed (MgSidecarReader *r,
                JsonNode        *node)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  JsonArray *array;
  guint n;

  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      mg_sidecar_reader_problem (r, "dismissed", _("expected an array, found %s"), mg_sidecar_value_describe (node));
      return;
    }

  array = json_node_get_array (node);
  n = json_array_get_length (array);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *path = g_strdup_printf ("dismissed[%u]", i);
      JsonNode *elem = json_array_get_element (array, i);
      MgDismissal *dismissal;
      char *key;

      if (!JSON_NODE_HOLDS_OBJECT (elem))
        {
          mg_sidecar_reader_problem (r, path, _("expected an object, found %s"), mg_sidecar_value_describe (elem));
          continue;
        }
      dismissal = read_dismissal (r, json_node_get_object (elem), path);
      if (dismissal == NULL)
        continue;

      /* The same suggestion twice says nothing more: keep the first. */
      key = g_strdup_printf ("%d:%u:%u", mg_dismissal_get_kind (dismissal),
                             mg_dismissal_get_start (dismissal), mg_dismissal_get_end (dismissal));
      if (g_hash_table_contains (seen, key))
        {
          g_autofree char *message =
            g_strdup_printf (_("%s: the same suggestion is dismissed by %s; the second is dropped"),
                             path, (const char *) g_hash_table_lookup (seen, key));

          mg_sidecar_content_add_problem (r->content, MG_SIDECAR_PROBLEM_WARNING, -1,
                                          r->file_name, path, message);
          g_free (key);
          g_object_unref (dismissal);
          continue;
        }
      g_hash_table_insert (seen, key, g_strdup (path));
      g_ptr_array_add (r->content->dismissed, dismissal);
    }
}

static void
check_against (MgSidecarReader *r,
               MgDocument      *document)
{
  MgSidecarContent *c = r->content;

  if (c->doc_sha256 != NULL
      && g_strcmp0 (c->doc_sha256, mg_document_get_sha256 (document)) != 0)
    {
      g_autofree char *message =
        g_strdup_printf (_("document.sha256: the text has changed since these annotations were written; they need re-anchoring"));

      mg_sidecar_content_add_problem (c, MG_SIDECAR_PROBLEM_REANCHOR, -1, r->file_name,
                                      "document.sha256", message);
    }

  for (guint i = 0; i < c->annotations->len; i++)
    {
      MgAnnotation *a = g_ptr_array_index (c->annotations, i);
      const char *path = g_hash_table_lookup (r->annotation_ids, mg_annotation_get_id (a));
      g_autofree char *message = NULL;

      if (mg_annotation_is_orphaned (a)
          || mg_sidecar_quote_matches (document, mg_annotation_get_start (a),
                                       mg_annotation_get_end (a),
                                       mg_annotation_get_quote (a)))
        continue;

      if (mg_annotation_get_end (a) > mg_document_get_length (document))
        message = g_strdup_printf (_("%s: the offsets %u–%u lie beyond the text (%u characters); it needs re-anchoring"),
                                   path, mg_annotation_get_start (a), mg_annotation_get_end (a),
                                   mg_document_get_length (document));
      else
        message = g_strdup_printf (_("%s: the quote no longer matches the text at %u–%u; it needs re-anchoring"),
                                   path, mg_annotation_get_start (a), mg_annotation_get_end (a));
      mg_sidecar_content_add_problem (c, MG_SIDECAR_PROBLEM_REANCHOR, -1, r->file_name,
                                      path, message);
    }
}

static void
read_root (MgSidecarReader *r,
           JsonObject      *root)
{
  MgSidecarContent *c = r->content;
  JsonNode *format = json_object_get_member (root, "format");
  JsonNode *version = json_object_get_member (root, "version");
  JsonNode *node;
  JsonObjectIter iter;
  const char *name;
  JsonNode *member;

  if (format == NULL)
    {
      mg_sidecar_reader_fatal (r, MG_SIDECAR_ERROR_NOT_MARGINALIA, NULL, 0, 0,
                               _("not a Marginalia annotations file: it has no “format” member"));
      return;
    }
  if (!mg_sidecar_value_is (format, G_TYPE_STRING)
      || g_strcmp0 (json_node_get_string (format), MG_SIDECAR_FORMAT) != 0)
    {
      mg_sidecar_reader_fatal (r, MG_SIDECAR_ERROR_NOT_MARGINALIA, "format", 0, 0,
                               _("not a Marginalia annotations file: “format” is not “marginalia-annotations”"));
      return;
    }

  if (version == NULL)
    mg_sidecar_reader_problem (r, NULL, _("the file has no “version”"));
  else if (r->numbers != NULL && g_hash_table_contains (r->numbers, "version"))
    {
      MgJsonIssue *issue = g_hash_table_lookup (r->numbers, "version");

      /* A whole number beyond 64 bits is still a version newer than this
       * one; anything else is no version. */
      if (issue->kind == MG_JSON_ISSUE_HUGE_INTEGER && issue->text[0] != '-')
        {
          g_autofree char *message =
            g_strdup_printf (_("version: %s is newer than this Marginalia knows (%d): the file can be read but will not be written"),
                             issue->text, MG_SIDECAR_VERSION);

          c->version = G_MAXINT64;
          c->newer = TRUE;
          mg_sidecar_content_add_problem (c, MG_SIDECAR_PROBLEM_NEWER_VERSION, -1,
                                          r->file_name, "version", message);
        }
      else
        mg_sidecar_reader_problem (r, "version", _("expected a version number (1 or more)"));
      g_hash_table_remove (r->numbers, "version");
    }
  else if (!mg_sidecar_value_is (version, G_TYPE_INT64) || json_node_get_int (version) < 1)
    mg_sidecar_reader_problem (r, "version", _("expected a version number (1 or more)"));
  else
    {
      c->version = json_node_get_int (version);
      if (c->version > MG_SIDECAR_VERSION)
        {
          g_autofree char *message =
            g_strdup_printf (_("version: %d is newer than this Marginalia knows (%d): the file can be read but will not be written"),
                             (int) MIN (c->version, G_MAXINT), MG_SIDECAR_VERSION);

          c->newer = TRUE;
          mg_sidecar_content_add_problem (c, MG_SIDECAR_PROBLEM_NEWER_VERSION, -1,
                                          r->file_name, "version", message);
        }
    }

  /* "document", "tags" and "annotations" are part of every file
   * Marginalia writes (sidecar-format.md marks only a few members
   * optional, none of these): a file without one was cut down or edited
   * by hand, and reading it as empty could hide annotations that are
   * there under another name. A newer version may do without them. */
  if ((node = json_object_get_member (root, "document")) != NULL)
    read_document (r, node);
  else if (!c->newer)
    mg_sidecar_reader_problem (r, NULL, _("the file has no “document” (the speech it annotates)"));
  if ((node = json_object_get_member (root, "tags")) != NULL)
    read_tags (r, node);
  else
    {
      if (!c->newer)
        mg_sidecar_reader_problem (r, NULL, _("the file has no “tags” (write \"tags\": [] for none)"));
      /* Go on with the defaults, to check the annotations' tags. */
      c->tags = mg_tag_set_new_default ();
      for (guint i = 0; i < mg_tag_set_get_n_tags (c->tags); i++)
        g_hash_table_add (r->tag_ids, g_strdup (mg_tag_get_id (mg_tag_set_get_tag (c->tags, i))));
    }
  if ((node = json_object_get_member (root, "annotations")) != NULL)
    read_annotations (r, node);
  else if (!c->newer)
    mg_sidecar_reader_problem (r, NULL, _("the file has no “annotations” (write \"annotations\": [] for none)"));
  if ((node = json_object_get_member (root, "dismissed")) != NULL)
    read_dismissed (r, node);

  json_object_iter_init_ordered (&iter, root);
  while (json_object_iter_next_ordered (&iter, &name, &member))
    {
      if (g_str_equal (name, "format") || g_str_equal (name, "version")
          || g_str_equal (name, "document") || g_str_equal (name, "tags")
          || g_str_equal (name, "annotations") || g_str_equal (name, "dismissed"))
        continue;
      if (c->extra == NULL)
        c->extra = json_object_new ();
      json_object_set_member (c->extra, name, json_node_copy (member));
    }
}

static void
locate_problems (MgSidecarContent *c,
                 const char       *data,
                 gsize             length)
{
  g_autoptr(MgJsonLocator) locator = mg_json_locator_new (data, length);

  for (guint i = 0; i < c->problems->len; i++)
    {
      MgSidecarProblem *p = g_ptr_array_index (c->problems, i);

      if (p->line == 0)
        mg_json_locator_request (locator, p->member != NULL ? p->member : "");
    }
  for (guint i = 0; i < c->problems->len; i++)
    {
      MgSidecarProblem *p = g_ptr_array_index (c->problems, i);

      if (p->line == 0)
        mg_json_locator_lookup (locator, p->member, &p->line, &p->column);
    }
}

MgSidecarContent *
mg_sidecar_content_parse (const char *data,
                          gsize       length,
                          const char *file_name,
                          MgDocument *check_document)
{
  g_autoptr(MgSidecarContent) content = mg_sidecar_content_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GHashTable) tag_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) annotation_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  MgSidecarReader r = { content, file_name, tag_ids, annotation_ids, NULL, NULL };

  /* A UTF-8 byte order mark some editors add is not JSON, but harmless. */
  if (length >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    {
      data += 3;
      length -= 3;
    }

  root = mg_sidecar_reader_parse_json (&r, data, length);
  if (root == NULL)
    {
      g_clear_pointer (&r.issues, g_ptr_array_unref);
      return g_steal_pointer (&content);
    }

  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      g_autofree char *message =
        g_strdup_printf (_("not a Marginalia annotations file: it holds %s, not an object"),
                         mg_sidecar_value_describe (root));

      mg_sidecar_reader_fatal (&r, MG_SIDECAR_ERROR_NOT_MARGINALIA, NULL, 0, 0, message);
    }
  else
    {
      read_root (&r, json_node_get_object (root));
      mg_sidecar_reader_report_huge_numbers (&r);
      if (content->code < 0 && check_document != NULL)
        check_against (&r, check_document);
    }

  locate_problems (content, data, length);
  g_clear_pointer (&r.numbers, g_hash_table_unref);
  g_clear_pointer (&r.issues, g_ptr_array_unref);
  return g_steal_pointer (&content);
}
