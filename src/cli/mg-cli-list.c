/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Marginalia"
#include "config.h"

#include <glib/gi18n-lib.h>

#include "mg-cli-common.h"
#include "mg-json-writer.h"

static const char * const columns[] = {
  "id", "start", "end", "paragraph", "state", "tags", "starred", "author", "quote", "note",
};

typedef struct
{
  char     **tags;
  char      *author;
  gboolean   starred;
} Filter;

static gboolean
filter_match (const Filter *filter,
              MgAnnotation *annotation)
{
  if (filter->starred && !mg_annotation_get_starred (annotation))
    return FALSE;
  if (filter->author != NULL &&
      g_strcmp0 (mg_annotation_get_author (annotation), filter->author) != 0)
    return FALSE;
  if (filter->tags != NULL)
    {
      for (guint i = 0; filter->tags[i] != NULL; i++)
        if (mg_annotation_has_tag (annotation, filter->tags[i]))
          return TRUE;
      return FALSE;
    }
  return TRUE;
}

static void
write_tsv_row (MgAnnotation *annotation)
{
  g_autofree char *start = g_strdup_printf ("%u", mg_annotation_get_start (annotation));
  g_autofree char *end = g_strdup_printf ("%u", mg_annotation_get_end (annotation));
  g_autofree char *paragraph = NULL;
  g_autofree char *tags = g_strjoinv (",", (char **) mg_annotation_get_tags (annotation));
  const char *fields[G_N_ELEMENTS (columns)];

  if (!mg_annotation_is_orphaned (annotation) && mg_annotation_get_paragraph (annotation) > 0)
    paragraph = g_strdup_printf ("%u", mg_annotation_get_paragraph (annotation));

  fields[0] = mg_annotation_get_id (annotation);
  fields[1] = start;
  fields[2] = end;
  fields[3] = paragraph != NULL ? paragraph : "";
  fields[4] = mg_anchor_state_to_string (mg_annotation_get_anchor_state (annotation));
  fields[5] = tags;
  fields[6] = mg_annotation_get_starred (annotation) ? "true" : "false";
  fields[7] = mg_annotation_get_author (annotation);
  fields[8] = mg_annotation_get_quote (annotation);
  fields[9] = mg_annotation_get_note (annotation);
  mg_cli_tsv_write_row (fields, G_N_ELEMENTS (fields));
}

/* One object of the JSON array, written straight out in the sidecar's
 * style: with tens of thousands of annotations a JsonNode tree would cost
 * more than the listing itself. */
static void
append_json_object (GString      *out,
                    MgAnnotation *annotation)
{
  const char * const *tags = mg_annotation_get_tags (annotation);
  guint paragraph = mg_annotation_get_paragraph (annotation);

  g_string_append (out, "  {\n    ");
  mg_json_append_key (out, "id");
  mg_json_append_string (out, mg_annotation_get_id (annotation));
  g_string_append (out, ",\n    ");
  mg_json_append_key (out, "start");
  g_string_append_printf (out, "%u", mg_annotation_get_start (annotation));
  g_string_append (out, ",\n    ");
  mg_json_append_key (out, "end");
  g_string_append_printf (out, "%u", mg_annotation_get_end (annotation));
  g_string_append (out, ",\n    ");
  mg_json_append_key (out, "paragraph");
  if (!mg_annotation_is_orphaned (annotation) && paragraph > 0)
    g_string_append_printf (out, "%u", paragraph);
  else
    g_string_append (out, "null");
  if (!mg_annotation_is_orphaned (annotation) && mg_annotation_get_sentence (annotation) > 0)
    {
      g_string_append (out, ",\n    ");
      mg_json_append_key (out, "sentence");
      g_string_append_printf (out, "%u", mg_annotation_get_sentence (annotation));
    }
  g_string_append (out, ",\n    ");
  mg_json_append_key (out, "state");
  mg_json_append_string (out, mg_anchor_state_to_string (mg_annotation_get_anchor_state (annotation)));
  g_string_append (out, ",\n    ");
  mg_json_append_key (out, "tags");
  g_string_append_c (out, '[');
  for (guint i = 0; tags[i] != NULL; i++)
    {
      if (i > 0)
        g_string_append (out, ", ");
      mg_json_append_string (out, tags[i]);
    }
  g_string_append (out, "],\n    ");
  mg_json_append_key (out, "starred");
  g_string_append (out, mg_annotation_get_starred (annotation) ? "true" : "false");
  g_string_append (out, ",\n    ");
  mg_json_append_key (out, "author");
  mg_json_append_string (out, mg_annotation_get_author (annotation));
  g_string_append (out, ",\n    ");
  mg_json_append_key (out, "quote");
  mg_json_append_string (out, mg_annotation_get_quote (annotation));
  g_string_append (out, ",\n    ");
  mg_json_append_key (out, "note");
  mg_json_append_string (out, mg_annotation_get_note (annotation));
  g_string_append (out, "\n  }");
}

static int
run (const MgCliCommand *command,
     int                 argc,
     char              **argv)
{
  g_auto(MgCliArgs) args = { 0 };
  g_autoptr(MgCliFiles) files = NULL;
  g_autofree char *format = NULL;
  Filter filter = { NULL, NULL, FALSE };
  gboolean json;
  guint n;
  int status;
  const GOptionEntry entries[] = {
    { "tag", 't', 0, G_OPTION_ARG_FILENAME_ARRAY, &filter.tags,
      N_("Only annotations with this tag (repeatable: any of them)"), N_("ID") },
    { "author", 0, 0, G_OPTION_ARG_FILENAME, &filter.author,
      N_("Only annotations by NAME"), N_("NAME") },
    { "starred", 's', 0, G_OPTION_ARG_NONE, &filter.starred,
      N_("Only starred annotations"), NULL },
    { "format", 'f', 0, G_OPTION_ARG_FILENAME, &format,
      N_("Output format: tsv (default) or json"), N_("tsv|json") },
    { NULL }
  };

  if (!mg_cli_args_parse (&args, command, entries, TRUE, 1, 1, argc, argv, &status))
    goto out;
  if (!mg_cli_args_text (&args, "--author", &filter.author) ||
      !mg_cli_args_text_array (&args, "--tag", &filter.tags))
    {
      status = MG_CLI_EXIT_USAGE;
      goto out;
    }
  if (format != NULL && g_strcmp0 (format, "tsv") != 0 && g_strcmp0 (format, "json") != 0)
    {
      status = mg_cli_usage_error (command, _("unknown format “%s” (use tsv or json)"), format);
      goto out;
    }
  json = g_strcmp0 (format, "json") == 0;

  files = mg_cli_files_open (args.args[0], args.annotations, FALSE, &status);
  if (files == NULL)
    goto out;

  for (guint i = 0; filter.tags != NULL && filter.tags[i] != NULL; i++)
    if (!mg_cli_check_tag (files, filter.tags[i]))
      {
        status = MG_CLI_EXIT_DATA;
        goto out;
      }

  n = mg_annotation_store_get_n_annotations (files->store);
  if (json)
    {
      g_autoptr(GString) out = g_string_new ("[");
      guint written = 0;

      for (guint i = 0; i < n; i++)
        {
          MgAnnotation *annotation = mg_annotation_store_get_annotation (files->store, i);

          if (!filter_match (&filter, annotation))
            continue;
          g_string_append (out, written > 0 ? ",\n" : "\n");
          append_json_object (out, annotation);
          written++;
          /* Keep the buffer small on big listings. */
          if (out->len > 65536)
            {
              mg_cli_write (out->str, out->len);
              g_string_truncate (out, 0);
            }
        }
      g_string_append (out, written > 0 ? "\n]\n" : "]\n");
      mg_cli_write (out->str, out->len);
    }
  else
    {
      mg_cli_tsv_write_row (columns, G_N_ELEMENTS (columns));
      for (guint i = 0; i < n; i++)
        {
          MgAnnotation *annotation = mg_annotation_store_get_annotation (files->store, i);

          if (filter_match (&filter, annotation))
            write_tsv_row (annotation);
        }
    }
  status = MG_CLI_EXIT_OK;

out:
  g_strfreev (filter.tags);
  g_free (filter.author);
  return status;
}

const MgCliCommand mg_cli_command_list = {
  "list",
  "DOC",
  "DOC [--tag ID] [--author NAME] [--starred] [--format tsv|json]",
  N_("List the annotations of a speech as TSV or JSON"),
  N_("TSV columns, after a header line: id, start, end, paragraph, state, "
     "tags (comma-joined), starred (true/false), author, quote, note. "
     "Backslash, tab and newline inside fields are written as \\\\, \\t and "
     "\\n; the paragraph is empty for orphaned annotations. JSON: an array "
     "of objects with the same members, tags as an array. Offsets are "
     "characters of the normalised text; a sidecar written for another "
     "version of the text shows the re-anchored positions, and is not "
     "changed."),
  run,
};
