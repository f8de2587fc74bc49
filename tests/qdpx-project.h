/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* Reads a REFI-QDA project.qde (QDA-XML) back with GMarkup, for the
 * tests: the codes, users and the text selections with their codings. */

#include <string.h>

#include <gio/gio.h>

typedef struct
{
  char *guid;
  char *name;
  char *color;        /* nullable */
  char *description;  /* nullable */
} QdeCode;

typedef struct
{
  char      *guid;
  guint      start;
  guint      end;
  char      *user;          /* creatingUser, nullable */
  char      *created;       /* nullable */
  char      *description;   /* nullable */
  GPtrArray *codings;       /* of char *: the codes' guids */
} QdeSelection;

typedef struct
{
  char       *xmlns;
  char       *name;
  char       *origin;
  char       *created;
  char       *source_guid;
  char       *source_name;
  char       *plain_text_path;
  GHashTable *users;        /* guid → name */
  GPtrArray  *user_guids;   /* in order */
  GPtrArray  *codes;        /* of QdeCode * */
  GPtrArray  *selections;   /* of QdeSelection * */
  guint       n_codings;
  guint       n_sources;
  GString    *text;         /* character data of the open Description */
} QdeProject;

static inline void
qde_code_free (QdeCode *code)
{
  g_free (code->guid);
  g_free (code->name);
  g_free (code->color);
  g_free (code->description);
  g_free (code);
}

static inline void
qde_selection_free (QdeSelection *selection)
{
  g_free (selection->guid);
  g_free (selection->user);
  g_free (selection->created);
  g_free (selection->description);
  g_ptr_array_unref (selection->codings);
  g_free (selection);
}

static inline void
qde_project_free (QdeProject *project)
{
  g_free (project->xmlns);
  g_free (project->name);
  g_free (project->origin);
  g_free (project->created);
  g_free (project->source_guid);
  g_free (project->source_name);
  g_free (project->plain_text_path);
  g_hash_table_unref (project->users);
  g_ptr_array_unref (project->user_guids);
  g_ptr_array_unref (project->codes);
  g_ptr_array_unref (project->selections);
  g_string_free (project->text, TRUE);
  g_free (project);
}
G_DEFINE_AUTOPTR_CLEANUP_FUNC (QdeProject, qde_project_free)

static inline const char *
qde_attribute (const char **names,
               const char **values,
               const char  *name)
{
  for (guint i = 0; names[i] != NULL; i++)
    if (g_str_equal (names[i], name))
      return values[i];
  return NULL;
}

static inline const char *
qde_parent (GMarkupParseContext *context)
{
  const GSList *stack = g_markup_parse_context_get_element_stack (context);

  return stack != NULL && stack->next != NULL ? stack->next->data : NULL;
}

static inline guint
qde_uint (const char *value)
{
  guint64 n = 0;

  g_assert_nonnull (value);
  g_assert_true (g_ascii_string_to_unsigned (value, 10, 0, G_MAXUINT, &n, NULL));
  return (guint) n;
}

static inline void
qde_check_guid (const char *guid)
{
  g_assert_nonnull (guid);
  g_assert_true (g_uuid_string_is_valid (guid));
}

static inline void
qde_start_element (GMarkupParseContext  *context,
                   const char           *element,
                   const char          **names,
                   const char          **values,
                   gpointer              user_data,
                   GError              **error)
{
  QdeProject *project = user_data;
  const char *parent = qde_parent (context);

  if (g_str_equal (element, "Project"))
    {
      project->xmlns = g_strdup (qde_attribute (names, values, "xmlns"));
      project->name = g_strdup (qde_attribute (names, values, "name"));
      project->origin = g_strdup (qde_attribute (names, values, "origin"));
      project->created = g_strdup (qde_attribute (names, values, "creationDateTime"));
    }
  else if (g_str_equal (element, "User"))
    {
      const char *guid = qde_attribute (names, values, "guid");

      qde_check_guid (guid);
      g_assert_false (g_hash_table_contains (project->users, guid));
      g_hash_table_insert (project->users, g_strdup (guid),
                           g_strdup (qde_attribute (names, values, "name")));
      g_ptr_array_add (project->user_guids, g_strdup (guid));
    }
  else if (g_str_equal (element, "Code"))
    {
      QdeCode *code = g_new0 (QdeCode, 1);

      g_assert_cmpstr (parent, ==, "Codes");
      code->guid = g_strdup (qde_attribute (names, values, "guid"));
      code->name = g_strdup (qde_attribute (names, values, "name"));
      code->color = g_strdup (qde_attribute (names, values, "color"));
      qde_check_guid (code->guid);
      g_assert_nonnull (code->name);
      g_assert_cmpstr (qde_attribute (names, values, "isCodable"), ==, "true");
      g_ptr_array_add (project->codes, code);
    }
  else if (g_str_equal (element, "TextSource"))
    {
      project->n_sources++;
      project->source_guid = g_strdup (qde_attribute (names, values, "guid"));
      project->source_name = g_strdup (qde_attribute (names, values, "name"));
      project->plain_text_path = g_strdup (qde_attribute (names, values, "plainTextPath"));
      qde_check_guid (project->source_guid);
    }
  else if (g_str_equal (element, "PlainTextSelection"))
    {
      QdeSelection *selection = g_new0 (QdeSelection, 1);

      g_assert_cmpstr (parent, ==, "TextSource");
      selection->guid = g_strdup (qde_attribute (names, values, "guid"));
      qde_check_guid (selection->guid);
      selection->start = qde_uint (qde_attribute (names, values, "startPosition"));
      selection->end = qde_uint (qde_attribute (names, values, "endPosition"));
      selection->user = g_strdup (qde_attribute (names, values, "creatingUser"));
      selection->created = g_strdup (qde_attribute (names, values, "creationDateTime"));
      selection->codings = g_ptr_array_new_with_free_func (g_free);
      g_ptr_array_add (project->selections, selection);
    }
  else if (g_str_equal (element, "Coding"))
    {
      g_assert_cmpstr (parent, ==, "PlainTextSelection");
      qde_check_guid (qde_attribute (names, values, "guid"));
      project->n_codings++;
    }
  else if (g_str_equal (element, "CodeRef"))
    {
      QdeSelection *selection = g_ptr_array_index (project->selections, project->selections->len - 1);
      const char *target = qde_attribute (names, values, "targetGUID");

      g_assert_cmpstr (parent, ==, "Coding");
      qde_check_guid (target);
      g_ptr_array_add (selection->codings, g_strdup (target));
    }
  else if (g_str_equal (element, "Description"))
    g_string_truncate (project->text, 0);
}

static inline void
qde_end_element (GMarkupParseContext  *context,
                 const char           *element,
                 gpointer              user_data,
                 GError              **error)
{
  QdeProject *project = user_data;
  const char *parent = qde_parent (context);

  if (!g_str_equal (element, "Description"))
    return;
  if (g_strcmp0 (parent, "PlainTextSelection") == 0)
    {
      QdeSelection *selection = g_ptr_array_index (project->selections, project->selections->len - 1);

      selection->description = g_strdup (project->text->str);
    }
  else if (g_strcmp0 (parent, "Code") == 0)
    {
      QdeCode *code = g_ptr_array_index (project->codes, project->codes->len - 1);

      code->description = g_strdup (project->text->str);
    }
}

static inline void
qde_text (GMarkupParseContext  *context,
          const char           *text,
          gsize                 length,
          gpointer              user_data,
          GError              **error)
{
  QdeProject *project = user_data;

  if (g_strcmp0 (g_markup_parse_context_get_element (context), "Description") == 0)
    g_string_append_len (project->text, text, length);
}

/* Parses @xml (fails the test when it is not well-formed) and checks that
 * every coding and creating user refers to a code or user of the file. */
static inline QdeProject *
qde_parse (GBytes *xml)
{
  GMarkupParser parser = { qde_start_element, qde_end_element, qde_text, NULL, NULL };
  QdeProject *project = g_new0 (QdeProject, 1);
  GMarkupParseContext *context;
  g_autoptr(GHashTable) code_guids = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GError) error = NULL;

  project->users = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  project->user_guids = g_ptr_array_new_with_free_func (g_free);
  project->codes = g_ptr_array_new_with_free_func ((GDestroyNotify) qde_code_free);
  project->selections = g_ptr_array_new_with_free_func ((GDestroyNotify) qde_selection_free);
  project->text = g_string_new (NULL);

  context = g_markup_parse_context_new (&parser, G_MARKUP_TREAT_CDATA_AS_TEXT, project, NULL);
  g_assert_true (g_markup_parse_context_parse (context, g_bytes_get_data (xml, NULL),
                                               g_bytes_get_size (xml), &error));
  g_assert_no_error (error);
  g_assert_true (g_markup_parse_context_end_parse (context, &error));
  g_assert_no_error (error);
  g_markup_parse_context_free (context);

  for (guint i = 0; i < project->codes->len; i++)
    {
      QdeCode *code = g_ptr_array_index (project->codes, i);

      g_assert_false (g_hash_table_contains (code_guids, code->guid));
      g_hash_table_add (code_guids, code->guid);
    }
  for (guint i = 0; i < project->selections->len; i++)
    {
      QdeSelection *selection = g_ptr_array_index (project->selections, i);

      g_assert_cmpuint (selection->start, <, selection->end);
      if (selection->user != NULL)
        g_assert_true (g_hash_table_contains (project->users, selection->user));
      for (guint c = 0; c < selection->codings->len; c++)
        g_assert_true (g_hash_table_contains (code_guids, g_ptr_array_index (selection->codings, c)));
    }
  return project;
}

static inline const QdeCode *
qde_find_code (QdeProject *project,
               const char *name)
{
  for (guint i = 0; i < project->codes->len; i++)
    {
      const QdeCode *code = g_ptr_array_index (project->codes, i);

      if (g_str_equal (code->name, name))
        return code;
    }
  return NULL;
}

/* The user guid of @name, NULL when the project has no such user. */
static inline const char *
qde_find_user (QdeProject *project,
               const char *name)
{
  for (guint i = 0; i < project->user_guids->len; i++)
    {
      const char *guid = g_ptr_array_index (project->user_guids, i);

      if (g_str_equal (g_hash_table_lookup (project->users, guid), name))
        return guid;
    }
  return NULL;
}
