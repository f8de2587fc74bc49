/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Marginalia"
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "mg-sidecar-reader-private.h"
#include "mg-time.h"

/* Reading a sidecar: one pass over the text that turns each member into
 * what it stands for as it comes (annotations, tags), every breach of
 * sidecar-format.md becoming a problem that names its member and says
 * where it is. Only unknown members become JSON trees, to be written back
 * as they were. */

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

/* --- Members of an object ---------------------------------------------------- */

/* The names of an object read so far, to find one used twice: those the
 * reader knows by their index (at most 32), the others by name. */
typedef struct
{
  guint32    seen;
  MgJsonPos  at[32];
  GArray    *others;  /* of Other */
} Members;

typedef struct
{
  const char *name;
  MgJsonPos   pos;
} Other;

static void
members_clear (Members *m)
{
  g_clear_pointer (&m->others, g_array_unref);
}

/* Notes member @name (known as @index, or -1) at @pos; TRUE, with the
 * problem reported, when the object already had it. */
static gboolean
members_repeated (MgSidecarReader *r,
                  Members         *m,
                  int              index,
                  const char      *name,
                  const MgJsonPos *pos,
                  const char      *path)
{
  if (index >= 0)
    {
      if (m->seen & (1u << index))
        {
          _mg_sidecar_reader_json_issue (r, path, name, pos, &m->at[index]);
          return TRUE;
        }
      m->seen |= 1u << index;
      m->at[index] = *pos;
      return FALSE;
    }

  if (m->others == NULL)
    m->others = g_array_new (FALSE, FALSE, sizeof (Other));
  for (guint i = 0; i < m->others->len; i++)
    {
      Other *o = &g_array_index (m->others, Other, i);

      if (strcmp (o->name, name) == 0)
        {
          _mg_sidecar_reader_json_issue (r, path, name, pos, &o->pos);
          return TRUE;
        }
    }
  {
    Other o = { name, *pos };

    g_array_append_val (m->others, o);
  }
  return FALSE;
}

static gboolean
members_has (Members *m,
             int      index)
{
  return (m->seen & (1u << index)) != 0;
}

/* @base "." @name in r->member_path. */
static const char *
member_path (MgSidecarReader *r,
             const char      *base,
             const char      *name)
{
  gsize base_len = strlen (base), name_len = strlen (name);
  gsize dot = base_len > 0;
  char *out;

  /* Made for every member read: one copy, no appending piece by piece. */
  g_string_set_size (r->member_path, base_len + dot + name_len);
  out = r->member_path->str;
  memcpy (out, base, base_len);
  out[base_len] = '.';
  memcpy (out + base_len + dot, name, name_len);
  return r->member_path->str;
}

/* Adds the unknown member @name, read as it is, to *@extra. */
static gboolean
read_extra (MgSidecarReader  *r,
            JsonObject      **extra,
            const char       *name,
            const char       *path)
{
  JsonNode *node = _mg_sidecar_reader_node (r, path);

  if (node == NULL)
    return FALSE;
  if (*extra == NULL)
    *extra = json_object_new ();
  json_object_set_member (*extra, name, node);
  return TRUE;
}

/* --- "document" ------------------------------------------------------------------ */

enum { DOC_NAME, DOC_SHA256, DOC_ENCODING, DOC_TITLE, DOC_TEXT, DOC_LENGTH };

static int
document_index (const char *name)
{
  static const char * const names[] = { "name", "sha256", "encoding", "title", "text", "length" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (strcmp (name, names[i]) == 0)
      return i;
  return -1;
}

static void
read_document (MgSidecarReader *r)
{
  MgSidecarContent *c = r->content;
  Members m = { 0 };
  guint count = 0;
  const char *name;
  MgJsonPos name_at;

  if (!_mg_sidecar_value_object (r, "document"))
    return;

  while (mg_json_reader_next_member (&r->json, &count, &name, &name_at))
    {
      int index = document_index (name);
      g_autofree char *path = g_strconcat ("document.", name, NULL);
      const char *s;

      members_repeated (r, &m, index, name, &name_at, path);
      if (index == DOC_LENGTH)
        {
          guint length;

          if (_mg_sidecar_value_offset (r, path, &length))
            c->doc_length = length;
          continue;
        }
      if (index < 0)
        {
          if (!read_extra (r, &c->doc_extra, name, path))
            break;
          continue;
        }

      if (!_mg_sidecar_value_string (r, path, &s))
        continue;

      switch (index)
        {
        case DOC_NAME:
          set_str (&c->doc_name, s);
          break;
        case DOC_TITLE:
          set_str (&c->doc_title, s);
          break;
        case DOC_SHA256:
          r->doc_sha256_at = r->at;
          if (is_sha256 (s))
            {
              g_free (c->doc_sha256);
              c->doc_sha256 = g_ascii_strdown (s, -1);
            }
          else
            _mg_sidecar_reader_problem (r, path, _("“%s” is not a SHA-256 (64 hexadecimal digits)"), s);
          break;
        case DOC_ENCODING:
          {
            MgEncoding encoding;

            if (mg_encoding_from_string (s, &encoding))
              set_str (&c->doc_encoding, s);
            else
              _mg_sidecar_reader_problem (r, path, _("unknown encoding “%s” (expected UTF-8, UTF-16LE, UTF-16BE or GB18030)"), s);
          }
          break;
        case DOC_TEXT:
        default:
          /* Strings are UTF-8 with no lone surrogate: the reader checked. */
          if (is_normalised_text (s))
            set_str (&c->doc_text, s);
          else
            _mg_sidecar_reader_problem (r, path, _("the embedded text holds control characters or carriage returns"));
          break;
        }
    }
  members_clear (&m);
}

/* --- "tags" ---------------------------------------------------------------------- */

enum { TAG_ID, TAG_NAME, TAG_COLOR, TAG_DESCRIPTION, TAG_LEXICON };

static int
tag_index (const char *name)
{
  static const char * const names[] = { "id", "name", "color", "description", "lexicon" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (strcmp (name, names[i]) == 0)
      return i;
  return -1;
}

static void
read_tag (MgSidecarReader *r,
          const char      *path)
{
  g_autoptr(JsonObject) extra = NULL;
  g_autofree const char **lexicon = NULL;
  const char *id = NULL, *name = NULL, *color = NULL, *description = "";
  MgJsonPos at = r->at;
  gboolean ok = TRUE;
  Members m = { 0 };
  guint count = 0;
  const char *key;
  MgJsonPos key_at;

  while (mg_json_reader_next_member (&r->json, &count, &key, &key_at))
    {
      g_autofree char *mpath = g_strdup_printf ("%s.%s", path, key);
      int index = tag_index (key);

      members_repeated (r, &m, index, key, &key_at, mpath);
      switch (index)
        {
        case TAG_ID:
          if (!_mg_sidecar_value_string (r, mpath, &id))
            ok = FALSE;
          else if (!mg_tag_id_is_valid (id))
            {
              _mg_sidecar_reader_problem (r, mpath, _("“%s” is not a valid tag id (lowercase letters, digits and “-”, at most 64)"), id);
              g_hash_table_add (r->tag_ids, g_strdup (id));
              ok = FALSE;
            }
          else if (g_hash_table_contains (r->tag_ids, id))
            {
              _mg_sidecar_reader_problem (r, mpath, _("the tag id “%s” is used twice"), id);
              ok = FALSE;
            }
          else
            g_hash_table_add (r->tag_ids, g_strdup (id));
          break;
        case TAG_NAME:
          ok &= _mg_sidecar_value_string (r, mpath, &name);
          break;
        case TAG_COLOR:
          if (!_mg_sidecar_value_string (r, mpath, &color))
            ok = FALSE;
          else if (!mg_tag_color_is_valid (color))
            {
              _mg_sidecar_reader_problem (r, mpath, _("“%s” is not a colour of the form #rrggbb"), color);
              ok = FALSE;
            }
          break;
        case TAG_DESCRIPTION:
          ok &= _mg_sidecar_value_string (r, mpath, &description);
          break;
        case TAG_LEXICON:
          g_clear_pointer (&lexicon, g_free);
          if (!_mg_sidecar_value_strv (r, mpath, &lexicon))
            ok = FALSE;
          else
            for (guint k = 0; lexicon[k] != NULL; k++)
              if (lexicon[k][0] == '\0')
                {
                  g_autofree char *lpath = g_strdup_printf ("%s[%u]", mpath, k);

                  r->at = g_array_index (r->element_at, MgJsonPos, k);
                  _mg_sidecar_reader_problem (r, lpath, _("an empty phrase"));
                  ok = FALSE;
                }
          break;
        default:
          if (!read_extra (r, &extra, key, mpath))
            ok = FALSE;
          break;
        }
    }
  members_clear (&m);
  if (r->json.error != MG_JSON_ERROR_NONE)
    return;

  r->at = at;
  if (id == NULL && ok)
    {
      _mg_sidecar_reader_problem (r, path, _("the tag has no “id”"));
      ok = FALSE;
    }
  if (name == NULL && ok)
    {
      _mg_sidecar_reader_problem (r, path, _("the tag has no “name”"));
      ok = FALSE;
    }
  if (color == NULL && ok)
    {
      _mg_sidecar_reader_problem (r, path, _("the tag has no “color”"));
      ok = FALSE;
    }

  if (ok)
    {
      g_autoptr(MgTag) tag = mg_tag_new (id, name, color, description);
      g_autoptr(GError) error = NULL;

      if (extra != NULL)
        _mg_tag_set_extra (tag, extra);
      mg_tag_set_lexicon (tag, lexicon);
      if (!mg_tag_set_insert (r->content->tags, -1, tag, &error))
        _mg_sidecar_reader_problem (r, path, "%s", error->message);
    }
}

static void
read_tags (MgSidecarReader *r)
{
  guint count = 0;

  if (!_mg_sidecar_value_array (r, "tags"))
    return;

  r->content->tags = mg_tag_set_new ();
  while (mg_json_reader_next_element (&r->json, &count))
    {
      g_autofree char *path = g_strdup_printf ("tags[%u]", count - 1);

      if (_mg_sidecar_value_object (r, path))
        read_tag (r, path);
    }
}

/* --- "annotations" and "dismissed" ----------------------------------------------- */

/* The members "start", "end" and "quote" an annotation and a dismissed
 * suggestion both need (@missing: the message for each one absent), and
 * start not after end (@has_range: both were read). */
static gboolean
check_quoted_range (MgSidecarReader *r,
                    const gboolean   has[3],
                    const char      *path,
                    const char      *missing[3],
                    gboolean         has_range,
                    guint            start,
                    guint            end,
                    const MgJsonPos *start_at)
{
  gboolean ok = TRUE;

  for (guint i = 0; i < 3; i++)
    if (!has[i])
      {
        _mg_sidecar_reader_problem (r, path, "%s", missing[i]);
        ok = FALSE;
      }
  if (has_range && start > end)
    {
      g_autofree char *spath = g_strdup_printf ("%s.start", path);
      MgJsonPos at = r->at;

      r->at = *start_at;
      _mg_sidecar_reader_problem (r, spath, _("start (%u) is after end (%u)"), start, end);
      r->at = at;
      ok = FALSE;
    }
  return ok;
}

enum
{
  A_ID, A_START, A_END, A_QUOTE, A_PREFIX, A_SUFFIX, A_NOTE, A_AUTHOR,
  A_STARRED, A_ORPHANED, A_CREATED, A_MODIFIED, A_TAGS, A_CONTRIBUTORS,
};

static int
annotation_index (const char *name)
{
  switch (name[0])
    {
    case 'i':
      return strcmp (name, "id") == 0 ? A_ID : -1;
    case 's':
      if (strcmp (name, "start") == 0)
        return A_START;
      if (strcmp (name, "suffix") == 0)
        return A_SUFFIX;
      return strcmp (name, "starred") == 0 ? A_STARRED : -1;
    case 'e':
      return strcmp (name, "end") == 0 ? A_END : -1;
    case 'q':
      return strcmp (name, "quote") == 0 ? A_QUOTE : -1;
    case 'p':
      return strcmp (name, "prefix") == 0 ? A_PREFIX : -1;
    case 'n':
      return strcmp (name, "note") == 0 ? A_NOTE : -1;
    case 'a':
      return strcmp (name, "author") == 0 ? A_AUTHOR : -1;
    case 'o':
      return strcmp (name, "orphaned") == 0 ? A_ORPHANED : -1;
    case 'c':
      if (strcmp (name, "created") == 0)
        return A_CREATED;
      return strcmp (name, "contributors") == 0 ? A_CONTRIBUTORS : -1;
    case 'm':
      return strcmp (name, "modified") == 0 ? A_MODIFIED : -1;
    case 't':
      return strcmp (name, "tags") == 0 ? A_TAGS : -1;
    default:
      return -1;
    }
}

static MgAnnotation *read_annotation_checked (MgSidecarReader     *r,
                                              const char          *path,
                                              MgAnnotationFields  *f,
                                              Members             *m,
                                              gboolean             ok,
                                              gboolean             has_range,
                                              const MgJsonPos     *start_at,
                                              const char         **tags,
                                              const char         **contributors,
                                              JsonObject          *extra);

/* Reads one annotation object (entered); NULL when it breaks a rule. */
static MgAnnotation *
read_annotation (MgSidecarReader *r,
                 const char      *path)
{
  g_autoptr(JsonObject) extra = NULL;
  g_autofree const char **tags = NULL;
  g_autofree const char **contributors = NULL;
  MgAnnotationFields f = { NULL, 0, 0, NULL, "", "", NULL, "", "", NULL, NULL, NULL, FALSE, FALSE, NULL };
  gboolean has_start = FALSE, has_end = FALSE;
  gboolean ok = TRUE;
  const char *new_id = NULL;
  MgAnnotation *annotation;
  MgJsonPos at = r->at, start_at = r->at;
  Members m;
  guint count = 0;
  const char *key;
  MgJsonPos key_at;

  m.seen = 0;
  m.others = NULL;
  while (mg_json_reader_next_member (&r->json, &count, &key, &key_at))
    {
      int index = annotation_index (key);
      const char *mpath = member_path (r, path, key);

      members_repeated (r, &m, index, key, &key_at, mpath);

      switch (index)
        {
        case A_ID:
          if (!_mg_sidecar_value_string (r, mpath, &f.id))
            ok = FALSE;
          else if (*f.id == '\0')
            {
              _mg_sidecar_reader_problem (r, mpath, _("the id is empty"));
              ok = FALSE;
            }
          else
            {
              gpointer first = g_hash_table_lookup (r->annotation_ids, f.id);

              if (first != NULL)
                {
                  g_autofree char *first_path =
                    g_strdup_printf ("annotations[%u]", GPOINTER_TO_UINT (first) - 1);

                  _mg_sidecar_reader_problem (r, mpath, _("the id “%s” is also used by %s"), f.id, first_path);
                  ok = FALSE;
                }
              else
                new_id = f.id;
            }
          break;
        case A_START:
          ok &= (has_start = _mg_sidecar_value_offset (r, mpath, &f.start));
          start_at = r->at;
          break;
        case A_END:
          ok &= (has_end = _mg_sidecar_value_offset (r, mpath, &f.end));
          break;
        case A_QUOTE:
          ok &= _mg_sidecar_value_string (r, mpath, &f.quote);
          break;
        case A_PREFIX:
          ok &= _mg_sidecar_value_string (r, mpath, &f.prefix);
          break;
        case A_SUFFIX:
          ok &= _mg_sidecar_value_string (r, mpath, &f.suffix);
          break;
        case A_NOTE:
          ok &= _mg_sidecar_value_string (r, mpath, &f.note);
          break;
        case A_AUTHOR:
          ok &= _mg_sidecar_value_string (r, mpath, &f.author);
          break;
        case A_STARRED:
          ok &= _mg_sidecar_value_boolean (r, mpath, &f.starred);
          break;
        case A_ORPHANED:
          ok &= _mg_sidecar_value_boolean (r, mpath, &f.orphaned);
          break;
        case A_CREATED:
        case A_MODIFIED:
          {
            const char *time;

            if (!_mg_sidecar_value_string (r, mpath, &time))
              ok = FALSE;
            else if (!mg_time_is_rfc3339 (time))
              {
                _mg_sidecar_reader_problem (r, mpath, _("“%s” is not an RFC 3339 time such as 2026-11-28T09:12:44Z"), time);
                ok = FALSE;
              }
            else if (index == A_CREATED)
              f.created = time;
            else
              f.modified = time;
          }
          break;
        case A_TAGS:
          g_clear_pointer (&tags, g_free);
          if (!_mg_sidecar_value_strv (r, mpath, &tags))
            ok = FALSE;
          else
            for (guint i = 0; tags[i] != NULL; i++)
              if (!g_hash_table_contains (r->tag_ids, tags[i]))
                {
                  g_autofree char *tpath = g_strdup_printf ("%s[%u]", mpath, i);

                  r->at = g_array_index (r->element_at, MgJsonPos, i);
                  _mg_sidecar_reader_problem (r, tpath, _("unknown tag “%s” (not in “tags”)"), tags[i]);
                  ok = FALSE;
                }
          break;
        case A_CONTRIBUTORS:
          g_clear_pointer (&contributors, g_free);
          ok &= _mg_sidecar_value_strv (r, mpath, &contributors);
          break;
        default:
          if (!read_extra (r, &extra, key, mpath))
            ok = FALSE;
          break;
        }
    }
  members_clear (&m);
  if (r->json.error != MG_JSON_ERROR_NONE)
    return NULL;

  r->at = at;
  annotation = read_annotation_checked (r, path, &f, &m, ok, has_start && has_end, &start_at,
                                        tags, contributors, extra);
  /* The strings read go once the annotation is made: its id is kept by
   * it, or (when it was refused) copied. */
  if (new_id != NULL && !g_hash_table_contains (r->annotation_ids, new_id))
    {
      if (annotation != NULL)
        new_id = mg_annotation_get_id (annotation);
      else
        {
          new_id = g_strdup (new_id);
          g_ptr_array_add (r->kept_ids, (gpointer) new_id);
        }
      g_hash_table_insert (r->annotation_ids, (gpointer) new_id,
                           GUINT_TO_POINTER (r->annotation_at->len + 1));
    }
  return annotation;
}

/* The rest of read_annotation: what the annotation as a whole needs. */
static MgAnnotation *
read_annotation_checked (MgSidecarReader     *r,
                         const char          *path,
                         MgAnnotationFields  *f,
                         Members             *m,
                         gboolean             ok,
                         gboolean             has_range,
                         const MgJsonPos     *start_at,
                         const char         **tags,
                         const char         **contributors,
                         JsonObject          *extra)
{
  if (!members_has (m, A_ID))
    {
      _mg_sidecar_reader_problem (r, path, _("the annotation has no “id”"));
      ok = FALSE;
    }
  {
    const char *missing[] = { _("the annotation has no “start”"), _("the annotation has no “end”"),
                              _("the annotation has no “quote”") };
    gboolean has[3] = { members_has (m, A_START), members_has (m, A_END), members_has (m, A_QUOTE) };

    ok &= check_quoted_range (r, has, path, missing, has_range, f->start, f->end, start_at);
  }

  if (!ok)
    return NULL;

  /* sidecar-format.md: contributors are "never the author". Harmless, so
   * not a reason to refuse the file: the name is dropped (a save writes
   * the list without it) and validate mentions it. */
  for (guint i = 0; contributors != NULL && contributors[i] != NULL; i++)
    if (*f->author != '\0' && g_str_equal (contributors[i], f->author))
      {
        g_autofree char *cpath = g_strdup_printf ("%s.contributors[%u]", path, i);
        g_autofree char *message =
          g_strdup_printf (_("%s: “%s” is the annotation’s author, so not one of its contributors; "
                             "the name is dropped from “contributors”"),
                           cpath, f->author);

        mg_sidecar_reader_add (r, MG_SIDECAR_PROBLEM_WARNING, -1, cpath,
                               &g_array_index (r->element_at, MgJsonPos, i), message);
      }

  f->tags = tags;
  f->contributors = contributors;
  f->extra = extra;
  return _mg_annotation_new_from_fields (f);
}

static void
read_annotations (MgSidecarReader *r)
{
  char path[48];
  guint count = 0;

  if (!_mg_sidecar_value_array (r, "annotations"))
    return;

  while (mg_json_reader_next_element (&r->json, &count))
    {
      MgAnnotation *annotation;
      MgJsonPos at;
      char *mark;

      g_snprintf (path, sizeof path, "annotations[%u]", count - 1);
      if (!_mg_sidecar_value_object (r, path))
        {
          g_array_append_val (r->annotation_at, r->at);
          continue;
        }
      at = r->at;
      mark = r->json.out;
      annotation = read_annotation (r, path);
      g_array_append_val (r->annotation_at, at);
      if (r->json.error == MG_JSON_ERROR_NONE)
        r->json.out = mark;
      if (annotation != NULL)
        g_ptr_array_add (r->content->annotations, annotation);
    }
}

enum { D_KIND, D_START, D_END, D_QUOTE };

static int
dismissal_index (const char *name)
{
  static const char * const names[] = { "kind", "start", "end", "quote" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (strcmp (name, names[i]) == 0)
      return i;
  return -1;
}

/* Reads one entry of "dismissed" (entered); NULL when it breaks a rule. */
static MgDismissal *
read_dismissal (MgSidecarReader *r,
                const char      *path)
{
  g_autoptr(JsonObject) extra = NULL;
  const char *kind_id = NULL, *quote = NULL;
  MgSuggestionKind kind = MG_SUGGESTION_FIGURE;
  gboolean has_kind = FALSE, has_start = FALSE, has_end = FALSE;
  guint start = 0, end = 0;
  gboolean ok = TRUE;
  MgJsonPos at = r->at, start_at = r->at;
  MgDismissal *dismissal;
  Members m = { 0 };
  guint count = 0;
  const char *key;
  MgJsonPos key_at;

  while (mg_json_reader_next_member (&r->json, &count, &key, &key_at))
    {
      g_autofree char *mpath = g_strdup_printf ("%s.%s", path, key);
      int index = dismissal_index (key);

      members_repeated (r, &m, index, key, &key_at, mpath);
      switch (index)
        {
        case D_KIND:
          if (!_mg_sidecar_value_string (r, mpath, &kind_id))
            ok = FALSE;
          else if (!mg_suggestion_kind_from_string (kind_id, &kind))
            {
              _mg_sidecar_reader_problem (r, mpath, _("unknown kind “%s” (expected figure, slogan or policy-goal)"), kind_id);
              ok = FALSE;
            }
          else
            has_kind = TRUE;
          break;
        case D_START:
          ok &= (has_start = _mg_sidecar_value_offset (r, mpath, &start));
          start_at = r->at;
          break;
        case D_END:
          ok &= (has_end = _mg_sidecar_value_offset (r, mpath, &end));
          break;
        case D_QUOTE:
          ok &= _mg_sidecar_value_string (r, mpath, &quote);
          break;
        default:
          if (!read_extra (r, &extra, key, mpath))
            ok = FALSE;
          break;
        }
    }
  members_clear (&m);
  if (r->json.error != MG_JSON_ERROR_NONE)
    return NULL;

  r->at = at;
  if (!members_has (&m, D_KIND))
    {
      _mg_sidecar_reader_problem (r, path, _("the dismissed suggestion has no “kind”"));
      ok = FALSE;
    }
  {
    const char *missing[] = { _("the dismissed suggestion has no “start”"),
                              _("the dismissed suggestion has no “end”"),
                              _("the dismissed suggestion has no “quote”") };
    gboolean has[3] = { members_has (&m, D_START), members_has (&m, D_END), members_has (&m, D_QUOTE) };

    ok &= check_quoted_range (r, has, path, missing, has_start && has_end, start, end, &start_at);
  }
  if (!ok || !has_kind)
    return NULL;

  dismissal = mg_dismissal_new (kind, start, end, quote);
  if (extra != NULL)
    _mg_dismissal_set_extra (dismissal, extra);
  return dismissal;
}

static void
read_dismissed (MgSidecarReader *r)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  guint count = 0;

  if (!_mg_sidecar_value_array (r, "dismissed"))
    return;

  while (mg_json_reader_next_element (&r->json, &count))
    {
      g_autofree char *path = g_strdup_printf ("dismissed[%u]", count - 1);
      MgJsonPos at;
      MgDismissal *dismissal;
      char *key;

      if (!_mg_sidecar_value_object (r, path))
        continue;
      at = r->at;
      dismissal = read_dismissal (r, path);
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

          mg_sidecar_reader_add (r, MG_SIDECAR_PROBLEM_WARNING, -1, path, &at, message);
          g_free (key);
          g_object_unref (dismissal);
          continue;
        }
      g_hash_table_insert (seen, key, g_strdup (path));
      g_ptr_array_add (r->content->dismissed, dismissal);
    }
}

/* --- The whole file ------------------------------------------------------------------ */

static void
check_against (MgSidecarReader *r,
               MgDocument      *document)
{
  MgSidecarContent *c = r->content;

  r->rank = MG_SIDECAR_RANK_DOCUMENT_CHECK;
  if (c->doc_sha256 != NULL
      && g_strcmp0 (c->doc_sha256, mg_document_get_sha256 (document)) != 0)
    {
      g_autofree char *message =
        g_strdup_printf (_("document.sha256: the text has changed since these annotations were written; they need re-anchoring"));

      mg_sidecar_reader_add (r, MG_SIDECAR_PROBLEM_REANCHOR, -1, "document.sha256",
                             &r->doc_sha256_at, message);
    }

  for (guint i = 0; i < c->annotations->len; i++)
    {
      MgAnnotation *a = g_ptr_array_index (c->annotations, i);
      guint index = GPOINTER_TO_UINT (g_hash_table_lookup (r->annotation_ids, mg_annotation_get_id (a)));
      g_autofree char *path = NULL;
      g_autofree char *message = NULL;

      if (mg_annotation_is_orphaned (a)
          || _mg_sidecar_quote_matches (document, mg_annotation_get_start (a),
                                        mg_annotation_get_end (a),
                                        mg_annotation_get_quote (a)))
        continue;

      path = g_strdup_printf ("annotations[%u]", index - 1);
      if (mg_annotation_get_end (a) > mg_document_get_length (document))
        message = g_strdup_printf (_("%s: the offsets %u–%u lie beyond the text (%u characters); it needs re-anchoring"),
                                   path, mg_annotation_get_start (a), mg_annotation_get_end (a),
                                   mg_document_get_length (document));
      else
        message = g_strdup_printf (_("%s: the quote no longer matches the text at %u–%u; it needs re-anchoring"),
                                   path, mg_annotation_get_start (a), mg_annotation_get_end (a));
      mg_sidecar_reader_add (r, MG_SIDECAR_PROBLEM_REANCHOR, -1, path,
                             &g_array_index (r->annotation_at, MgJsonPos, index - 1), message);
    }
}

/* The parts of a sidecar, in the order they are read and reported. */
enum { PART_DOCUMENT, PART_TAGS, PART_ANNOTATIONS, PART_DISMISSED, N_PARTS };

static void
read_part (MgSidecarReader *r,
           guint            part)
{
  switch (part)
    {
    case PART_DOCUMENT:
      r->rank = MG_SIDECAR_RANK_DOCUMENT;
      read_document (r);
      break;
    case PART_TAGS:
      r->rank = MG_SIDECAR_RANK_TAGS;
      read_tags (r);
      break;
    case PART_ANNOTATIONS:
      r->rank = MG_SIDECAR_RANK_ANNOTATIONS;
      read_annotations (r);
      break;
    case PART_DISMISSED:
    default:
      r->rank = MG_SIDECAR_RANK_DISMISSED;
      read_dismissed (r);
      break;
    }
}

enum { ROOT_FORMAT = N_PARTS, ROOT_VERSION };

static int
root_index (const char *name)
{
  static const char * const names[] = { "document", "tags", "annotations", "dismissed", "format", "version" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (strcmp (name, names[i]) == 0)
      return i;
  return -1;
}

static void
read_version (MgSidecarReader    *r,
              gboolean            has_version,
              const MgJsonNumber *version)
{
  MgSidecarContent *c = r->content;

  r->rank = MG_SIDECAR_RANK_HEAD;
  if (!has_version)
    {
      r->at = r->root;
      _mg_sidecar_reader_problem (r, NULL, _("the file has no “version”"));
    }
  else if (version != NULL && version->kind == MG_JSON_NUMBER_HUGE && version->text[0] != '-')
    {
      /* A whole number beyond 64 bits is still a version newer than this
       * one; anything else is no version. */
      g_autofree char *text = g_strndup (version->text, version->length);
      g_autofree char *message =
        g_strdup_printf (_("version: %s is newer than this Marginalia knows (%d): the file can be read but will not be written"),
                         text, MG_SIDECAR_VERSION);

      c->version = G_MAXINT64;
      c->newer = TRUE;
      mg_sidecar_reader_add (r, MG_SIDECAR_PROBLEM_NEWER_VERSION, -1, "version", NULL, message);
    }
  else if (version == NULL || version->kind != MG_JSON_NUMBER_INT || version->integer < 1)
    _mg_sidecar_reader_problem (r, "version", _("expected a version number (1 or more)"));
  else
    {
      c->version = version->integer;
      if (c->version > MG_SIDECAR_VERSION)
        {
          g_autofree char *message =
            g_strdup_printf (_("version: %d is newer than this Marginalia knows (%d): the file can be read but will not be written"),
                             (int) MIN (c->version, G_MAXINT), MG_SIDECAR_VERSION);

          c->newer = TRUE;
          mg_sidecar_reader_add (r, MG_SIDECAR_PROBLEM_NEWER_VERSION, -1, "version", NULL, message);
        }
    }
}

/* Reads the root object (entered). The parts are read as they come once
 * "format" has been seen (and the annotations once the tags have been):
 * in the files Marginalia writes, that is everything in one pass. A part
 * that comes too early is passed over and read again at the end. */
static void
read_root (MgSidecarReader *r)
{
  MgSidecarContent *c = r->content;
  gboolean seen[N_PARTS] = { FALSE, };
  gboolean done[N_PARTS] = { FALSE, };
  MgJsonPos deferred[N_PARTS];
  gboolean format_seen = FALSE, format_ok = FALSE, has_version = FALSE;
  MgJsonPos format_at = r->root, version_at = r->root;
  MgJsonNumber version;
  gboolean version_is_number = FALSE;
  Members m = { 0 };
  guint count = 0;
  const char *name;
  MgJsonPos name_at;

  while (mg_json_reader_next_member (&r->json, &count, &name, &name_at))
    {
      int index = root_index (name);
      gboolean repeated;
      MgJsonKind kind;

      r->rank = MG_SIDECAR_RANK_HEAD;
      repeated = members_repeated (r, &m, index, name, &name_at, name);
      switch (index)
        {
        case ROOT_FORMAT:
          format_seen = TRUE;
          kind = mg_json_reader_peek (&r->json, &format_at);
          if (kind == MG_JSON_STRING)
            {
              const char *s = mg_json_reader_string (&r->json, NULL);

              format_ok = s != NULL && strcmp (s, MG_SIDECAR_FORMAT) == 0;
            }
          else
            {
              format_ok = FALSE;
              mg_json_reader_skip (&r->json);
            }
          break;
        case ROOT_VERSION:
          has_version = TRUE;
          kind = mg_json_reader_peek (&r->json, &version_at);
          version_is_number = kind == MG_JSON_NUMBER;
          if (version_is_number)
            mg_json_reader_number (&r->json, &version);
          else
            mg_json_reader_skip (&r->json);
          break;
        case PART_DOCUMENT:
        case PART_TAGS:
        case PART_ANNOTATIONS:
        case PART_DISMISSED:
          if (repeated)
            mg_json_reader_skip (&r->json);
          else if (format_ok && (index != PART_ANNOTATIONS || done[PART_TAGS]))
            {
              read_part (r, index);
              done[index] = TRUE;
            }
          else
            {
              mg_json_reader_peek (&r->json, &deferred[index]);
              mg_json_reader_skip (&r->json);
            }
          seen[index] = TRUE;
          break;
        default:
          r->rank = MG_SIDECAR_RANK_HEAD;
          read_extra (r, &c->extra, name, name);
          break;
        }
    }
  members_clear (&m);
  if (!mg_json_reader_finish (&r->json))
    return;

  r->rank = MG_SIDECAR_RANK_HEAD;
  if (!format_seen)
    {
      mg_sidecar_reader_add (r, MG_SIDECAR_PROBLEM_ERROR, MG_SIDECAR_ERROR_NOT_MARGINALIA, NULL, &r->root,
                             _("not a Marginalia annotations file: it has no “format” member"));
      return;
    }
  if (!format_ok)
    {
      mg_sidecar_reader_add (r, MG_SIDECAR_PROBLEM_ERROR, MG_SIDECAR_ERROR_NOT_MARGINALIA, "format", &format_at,
                             _("not a Marginalia annotations file: “format” is not “marginalia-annotations”"));
      return;
    }

  r->at = version_at;
  read_version (r, has_version, version_is_number ? &version : NULL);

  /* "document", "tags" and "annotations" are part of every file
   * Marginalia writes (sidecar-format.md marks only a few members
   * optional, none of these): a file without one was cut down or edited
   * by hand, and reading it as empty could hide annotations that are
   * there under another name. A newer version may do without them. */
  for (guint part = 0; part < N_PARTS; part++)
    {
      if (seen[part] && !done[part])
        {
          mg_json_reader_rewind (&r->json, &deferred[part], 1);
          read_part (r, part);
        }
      if (seen[part])
        continue;
      r->at = r->root;
      switch (part)
        {
        case PART_DOCUMENT:
          r->rank = MG_SIDECAR_RANK_DOCUMENT;
          if (!c->newer)
            _mg_sidecar_reader_problem (r, NULL, _("the file has no “document” (the speech it annotates)"));
          break;
        case PART_TAGS:
          r->rank = MG_SIDECAR_RANK_TAGS;
          if (!c->newer)
            _mg_sidecar_reader_problem (r, NULL, _("the file has no “tags” (write \"tags\": [] for none)"));
          /* Go on with the defaults, to check the annotations' tags. */
          c->tags = mg_tag_set_new_default ();
          for (guint i = 0; i < mg_tag_set_get_n_tags (c->tags); i++)
            g_hash_table_add (r->tag_ids, g_strdup (mg_tag_get_id (mg_tag_set_get_tag (c->tags, i))));
          break;
        case PART_ANNOTATIONS:
          r->rank = MG_SIDECAR_RANK_ANNOTATIONS;
          if (!c->newer)
            _mg_sidecar_reader_problem (r, NULL, _("the file has no “annotations” (write \"annotations\": [] for none)"));
          break;
        default:
          break;
        }
    }
}

typedef struct
{
  MgSidecarProblemMark *mark;
  MgSidecarProblem     *problem;
  guint                 index;
} Sorted;

static int
compare_sorted (gconstpointer a,
                gconstpointer b)
{
  const Sorted *x = a, *y = b;

  if (x->mark->rank != y->mark->rank)
    return x->mark->rank < y->mark->rank ? -1 : 1;
  return x->index < y->index ? -1 : x->index > y->index;
}

/* Places each problem, and lists them by rank (in the order they were
 * found within one). */
static void
finish_problems (MgSidecarReader *r)
{
  GPtrArray *problems = r->content->problems;
  g_autofree Sorted *sorted = g_new (Sorted, problems->len);

  g_assert (problems->len == r->marks->len);
  for (guint i = 0; i < problems->len; i++)
    {
      MgSidecarProblem *p = g_ptr_array_index (problems, i);

      sorted[i].mark = &g_array_index (r->marks, MgSidecarProblemMark, i);
      sorted[i].problem = p;
      sorted[i].index = i;
      if (p->line == 0)
        mg_json_reader_locate (&r->json, &sorted[i].mark->pos, &p->line, &p->column);
    }
  /* qsort () must not be given the NULL that g_new () makes of no problem. */
  if (problems->len > 1)
    qsort (sorted, problems->len, sizeof (Sorted), compare_sorted);
  r->content->code = -1;
  for (guint i = 0; i < problems->len; i++)
    {
      problems->pdata[i] = sorted[i].problem;
      if (sorted[i].mark->code >= 0 && r->content->code < 0)
        r->content->code = sorted[i].mark->code;
    }
}

MgSidecarContent *
_mg_sidecar_content_parse (const char *data,
                           gsize       length,
                           const char *file_name,
                           MgDocument *check_document)
{
  g_autoptr(MgSidecarContent) content = _mg_sidecar_content_new ();
  MgSidecarReader r = { 0, };
  MgJsonKind kind;

  /* A UTF-8 byte order mark some editors add is not JSON, but harmless. */
  if (length >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    {
      data += 3;
      length -= 3;
    }

  r.content = content;
  r.file_name = file_name;
  mg_json_reader_init (&r.json, data, length);
  r.marks = g_array_new (FALSE, FALSE, sizeof (MgSidecarProblemMark));
  r.tag_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  r.annotation_ids = g_hash_table_new (g_str_hash, g_str_equal);
  r.kept_ids = g_ptr_array_new_with_free_func (g_free);
  r.annotation_at = g_array_new (FALSE, FALSE, sizeof (MgJsonPos));
  r.element_at = g_array_new (FALSE, FALSE, sizeof (MgJsonPos));
  r.path = g_string_new (NULL);
  r.member_path = g_string_new (NULL);

  kind = mg_json_reader_peek (&r.json, &r.root);
  r.at = r.root;
  if (kind == MG_JSON_OBJECT)
    {
      mg_json_reader_enter (&r.json);
      read_root (&r);
    }
  else if (kind != MG_JSON_NONE && mg_json_reader_skip (&r.json) && mg_json_reader_finish (&r.json))
    {
      g_autofree char *message =
        g_strdup_printf (_("not a Marginalia annotations file: it holds %s, not an object"),
                         mg_json_kind_describe (kind, FALSE));

      mg_sidecar_reader_add (&r, MG_SIDECAR_PROBLEM_ERROR, MG_SIDECAR_ERROR_NOT_MARGINALIA, NULL, &r.root, message);
    }

  if (!_mg_sidecar_reader_bad_escapes (&r))
    {
      if (r.json.error != MG_JSON_ERROR_NONE)
        _mg_sidecar_reader_json_failed (&r);
      else if (content->code < 0 && check_document != NULL)
        check_against (&r, check_document);
    }
  finish_problems (&r);

  mg_json_reader_clear (&r.json);
  g_array_unref (r.marks);
  g_hash_table_unref (r.tag_ids);
  g_hash_table_unref (r.annotation_ids);
  g_ptr_array_unref (r.kept_ids);
  g_array_unref (r.annotation_at);
  g_array_unref (r.element_at);
  g_string_free (r.path, TRUE);
  g_string_free (r.member_path, TRUE);
  return g_steal_pointer (&content);
}
