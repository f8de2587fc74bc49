/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Marginalia"
#include "config.h"

#include <glib/gi18n-lib.h>

#include "mg-cli-common.h"
#include "mg-export.h"
#include "mg-summary.h"

static int
run (const MgCliCommand *command,
     int                 argc,
     char              **argv)
{
  g_auto(MgCliArgs) args = { 0 };
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GPtrArray) stores = NULL;
  g_autoptr(GPtrArray) paths = NULL;
  g_autoptr(MgSummary) summary = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *format_name = NULL;
  g_autofree char *output = NULL;
  char **tags = NULL;
  char *author = NULL;
  gboolean starred = FALSE;
  MgSummaryFilter filter = { NULL, NULL, FALSE };
  MgExportFormat format;
  gboolean several;
  int status;
  const GOptionEntry entries[] = {
    { "format", 'f', 0, G_OPTION_ARG_FILENAME, &format_name,
      N_("md, html, csv, txt, json, w3c, pdf, qdc or qdpx"), N_("FORMAT") },
    { "tag", 't', 0, G_OPTION_ARG_FILENAME_ARRAY, &tags,
      N_("Only annotations with this tag (repeatable: any of them)"), N_("ID") },
    { "starred", 's', 0, G_OPTION_ARG_NONE, &starred,
      N_("Only starred annotations"), NULL },
    { "author", 0, 0, G_OPTION_ARG_FILENAME, &author,
      N_("Only annotations by NAME"), N_("NAME") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
      N_("Write to OUT (atomically) instead of standard output"), N_("OUT") },
    { NULL }
  };

  if (!mg_cli_args_parse (&args, command, entries, TRUE, 1, -1, argc, argv, &status))
    goto out;
  if (!mg_cli_args_text (&args, "--author", &author) ||
      !mg_cli_args_text_array (&args, "--tag", &tags))
    {
      status = MG_CLI_EXIT_USAGE;
      goto out;
    }
  if (format_name == NULL)
    {
      status = mg_cli_usage_error (command, _("--format is required"));
      goto out;
    }
  if (!mg_export_format_from_string (format_name, &format, &error))
    {
      if (g_error_matches (error, MG_EXPORT_ERROR, MG_EXPORT_ERROR_UNSUPPORTED_FORMAT))
        {
          mg_cli_message ("%s", error->message);
          status = MG_CLI_EXIT_USAGE;
        }
      else
        status = mg_cli_usage_error (command, "%s", error->message);
      goto out;
    }
  if (!mg_export_format_is_text (format) && output == NULL)
    {
      status = mg_cli_usage_error (command, _("--format %s needs an output file (-o OUT)"),
                                   format_name);
      goto out;
    }

  /* A format of one speech is refused before anything is read. */
  if (!mg_export_format_takes_several (format)
      && (args.n_args > 1 || g_file_test (args.args[0], G_FILE_TEST_IS_DIR)))
    {
      status = mg_cli_usage_error (command, _("--format %s takes one speech only"), format_name);
      goto out;
    }

  all = mg_cli_files_open_all (&args, &several, &status);
  if (all == NULL)
    goto out;
  for (guint i = 0; output != NULL && i < all->len; i++)
    if (!mg_cli_files_check_output (g_ptr_array_index (all, i), command, output, &status))
      goto out;
  for (guint i = 0; tags != NULL && tags[i] != NULL; i++)
    if (!mg_cli_check_tag_any (all, tags[i]))
      {
        status = MG_CLI_EXIT_DATA;
        goto out;
      }

  filter.tags = (const char * const *) tags;
  filter.author = author;
  filter.starred_only = starred;
  stores = g_ptr_array_new ();
  paths = g_ptr_array_new ();
  for (guint i = 0; i < all->len; i++)
    {
      MgCliFiles *files = g_ptr_array_index (all, i);

      g_ptr_array_add (stores, files->store);
      g_ptr_array_add (paths, files->document_path);
    }
  if (several)
    summary = mg_summary_new_combined ((MgAnnotationStore * const *) stores->pdata,
                                       (const char * const *) paths->pdata, stores->len,
                                       &filter, &error);
  else
    summary = mg_summary_new (g_ptr_array_index (stores, 0), &filter, &error);
  if (summary == NULL)
    {
      status = mg_cli_fail (MG_CLI_EXIT_DATA, error);
      goto out;
    }

  if (output != NULL)
    {
      g_autoptr(GFile) file = g_file_new_for_commandline_arg (output);

      if (!mg_export_to_file (summary, format, file, NULL, NULL, NULL, &error))
        {
          status = mg_cli_fail (g_error_matches (error, MG_EXPORT_ERROR, MG_EXPORT_ERROR_FAILED)
                                ? MG_CLI_EXIT_DATA : MG_CLI_EXIT_WRITE, error);
          goto out;
        }
      /* A project holds places in the text: orphans have none. */
      if (format == MG_EXPORT_FORMAT_QDPX && mg_summary_get_n_orphaned (summary) > 0)
        mg_cli_message (g_dngettext (GETTEXT_PACKAGE,
                                     "%u orphaned annotation left out: it has no place in the text",
                                     "%u orphaned annotations left out: they have no place in the text",
                                     mg_summary_get_n_orphaned (summary)),
                        mg_summary_get_n_orphaned (summary));
    }
  else
    {
      g_autoptr(GBytes) bytes = mg_export_to_bytes (summary, format, NULL, NULL, NULL, &error);
      gsize size;
      const char *data;

      if (bytes == NULL)
        {
          status = mg_cli_fail (MG_CLI_EXIT_DATA, error);
          goto out;
        }
      data = g_bytes_get_data (bytes, &size);
      mg_cli_write (data, size);
    }
  status = MG_CLI_EXIT_OK;

out:
  g_strfreev (tags);
  g_free (author);
  return status;
}

const MgCliCommand mg_cli_command_export = {
  "export",
  "DOC|FOLDER…",
  "DOC|FOLDER... --format md|html|csv|txt|json|w3c|pdf|qdc|qdpx [--tag ID]... [--starred] [--author NAME] [-o OUT]",
  N_("Export a summary of the annotations (Markdown, HTML, CSV, text, JSON, W3C, PDF, QDC, QDPX)"),
  N_("The summary groups the annotations by tag, in the tag set's order "
     "(an annotation with several tags appears under each), then untagged "
     "highlights, then orphaned annotations, each in document order, with "
     "paragraph numbers, context, notes, stars and authors. json is the "
     "summary itself (counts, groups, quotes with paragraph and context); "
     "w3c is a W3C Web Annotation AnnotationCollection that import reads "
     "back; qdc is a REFI-QDA codebook of the tag set; qdpx is a REFI-QDA "
     "project holding the speech and its annotations as coded selections "
     "(orphaned annotations are left out), for ATLAS.ti, MAXQDA, NVivo and "
     "other qualitative analysis programs. Without -o the export goes to "
     "standard output; pdf and qdpx need -o. The output file is written "
     "atomically. Several speeches (more than one DOC, or a FOLDER: its .txt "
     "files and every file a sidecar lies beside): one summary covering "
     "them all, counted per speech and in total, each tag's quotes grouped "
     "by speech in the order given; csv gains a first column document; qdpx "
     "holds every speech; w3c and qdc take one speech only."),
  run,
};
