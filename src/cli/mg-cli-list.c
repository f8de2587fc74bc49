/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Marginalia"
#include "config.h"

#include <glib/gi18n-lib.h>

#include "mg-cli-common.h"
#include "mg-json-writer.h"
#include "mg-search.h"

static const char * const columns[] = {
  "document", "id", "start", "end", "paragraph", "state", "tags", "starred", "author", "quote", "note",
};

typedef struct
{
  char     **tags;
  char      *author;
  gboolean   starred;
  char      *text;
  char      *folded_text;  /* @text for mg_search_annotation_matches() */
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
  if (filter->folded_text != NULL
      && !mg_search_annotation_matches (annotation, filter->folded_text))
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

/* @document: the speech's path in a listing of several, else NULL. */
static void
write_tsv_row (const char   *document,
               MgAnnotation *annotation)
{
  g_autofree char *start = g_strdup_printf ("%u", mg_annotation_get_start (annotation));
  g_autofree char *end = g_strdup_printf ("%u", mg_annotation_get_end (annotation));
  g_autofree char *paragraph = NULL;
  g_autofree char *tags = g_strjoinv (",", (char **) mg_annotation_get_tags (annotation));
  const char *all_fields[G_N_ELEMENTS (columns)];
  const char **fields = all_fields + 1;

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
  all_fields[0] = document;
  if (document != NULL)
    mg_cli_tsv_write_row (all_fields, G_N_ELEMENTS (all_fields));
  else
    mg_cli_tsv_write_row (fields, G_N_ELEMENTS (all_fields) - 1);
}

/* One object of the JSON array, written straight out in the sidecar's
 * style: with tens of thousands of annotations a JsonNode tree would cost
 * more than the listing itself. */
static void
append_json_object (GString      *out,
                    const char   *document,
                    MgAnnotation *annotation)
{
  const char * const *tags = mg_annotation_get_tags (annotation);
  guint paragraph = mg_annotation_get_paragraph (annotation);

  g_string_append (out, "  {\n    ");
  if (document != NULL)
    {
      mg_json_append_key (out, "document");
      mg_json_append_string (out, document);
      g_string_append (out, ",\n    ");
    }
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
  g_autoptr(GPtrArray) all = NULL;
  g_autofree char *format = NULL;
  Filter filter = { NULL, NULL, FALSE, NULL, NULL };
  gboolean several;
  gboolean json;
  int status;
  const GOptionEntry entries[] = {
    { "tag", 't', 0, G_OPTION_ARG_FILENAME_ARRAY, &filter.tags,
      N_("Only annotations with this tag (repeatable: any of them)"), N_("ID") },
    { "author", 0, 0, G_OPTION_ARG_FILENAME, &filter.author,
      N_("Only annotations by NAME"), N_("NAME") },
    { "starred", 's', 0, G_OPTION_ARG_NONE, &filter.starred,
      N_("Only starred annotations"), NULL },
    { "text", 0, 0, G_OPTION_ARG_FILENAME, &filter.text,
      N_("Only annotations whose quote or note contains TEXT (case and width folded)"), N_("TEXT") },
    { "format", 'f', 0, G_OPTION_ARG_FILENAME, &format,
      N_("Output format: tsv (default) or json"), N_("tsv|json") },
    { NULL }
  };

  if (!mg_cli_args_parse (&args, command, entries, TRUE, 1, -1, argc, argv, &status))
    goto out;
  if (!mg_cli_args_text (&args, "--author", &filter.author) ||
      !mg_cli_args_text (&args, "--text", &filter.text) ||
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
  if (filter.text != NULL)
    filter.folded_text = mg_search_fold_text (filter.text);

  all = mg_cli_files_open_all (&args, &several, &status);
  if (all == NULL)
    goto out;

  for (guint i = 0; filter.tags != NULL && filter.tags[i] != NULL; i++)
    if (!mg_cli_check_tag_any (all, filter.tags[i]))
      {
        status = MG_CLI_EXIT_DATA;
        goto out;
      }

  if (json)
    {
      g_autoptr(GString) out = g_string_new ("[");
      guint written = 0;

      for (guint f = 0; f < all->len; f++)
        {
          MgCliFiles *files = g_ptr_array_index (all, f);
          const char *document = several ? files->document_path : NULL;
          guint n = mg_annotation_store_get_n_annotations (files->store);

          for (guint i = 0; i < n; i++)
            {
              MgAnnotation *annotation = mg_annotation_store_get_annotation (files->store, i);

              if (!filter_match (&filter, annotation))
                continue;
              g_string_append (out, written > 0 ? ",\n" : "\n");
              append_json_object (out, document, annotation);
              written++;
              /* Keep the buffer small on big listings. */
              if (out->len > 65536)
                {
                  mg_cli_write (out->str, out->len);
                  g_string_truncate (out, 0);
                }
            }
        }
      g_string_append (out, written > 0 ? "\n]\n" : "]\n");
      mg_cli_write (out->str, out->len);
    }
  else
    {
      if (several)
        mg_cli_tsv_write_row (columns, G_N_ELEMENTS (columns));
      else
        mg_cli_tsv_write_row (columns + 1, G_N_ELEMENTS (columns) - 1);
      for (guint f = 0; f < all->len; f++)
        {
          MgCliFiles *files = g_ptr_array_index (all, f);
          const char *document = several ? files->document_path : NULL;
          guint n = mg_annotation_store_get_n_annotations (files->store);

          for (guint i = 0; i < n; i++)
            {
              MgAnnotation *annotation = mg_annotation_store_get_annotation (files->store, i);

              if (filter_match (&filter, annotation))
                write_tsv_row (document, annotation);
            }
        }
    }
  status = MG_CLI_EXIT_OK;

out:
  g_strfreev (filter.tags);
  g_free (filter.author);
  g_free (filter.text);
  g_free (filter.folded_text);
  return status;
}

const MgCliCommand mg_cli_command_list = {
  "list",
  "DOC|FOLDER…",
  "DOC|FOLDER... [--tag ID] [--author NAME] [--starred] [--text TEXT] [--format tsv|json]",
  N_("List the annotations of speeches as TSV or JSON"),
  N_("TSV columns, after a header line: id, start, end, paragraph, state, "
     "tags (comma-joined), starred (true/false), author, quote, note. "
     "Backslash, tab and newline inside fields are written as \\\\, \\t and "
     "\\n; the paragraph is empty for orphaned annotations. JSON: an array "
     "of objects with the same members, tags as an array. Offsets are "
     "characters of the normalised text; a sidecar written for another "
     "version of the text shows the re-anchored positions, and is not "
     "changed. Several speeches (more than one DOC, or a FOLDER: its .txt "
     "files and every file a sidecar lies beside, by name): each row starts "
     "with a document column, each object has a document member — the path "
     "as given, or the folder joined with the file name."),
  run,
};
