/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Marginalia"
#include "config.h"

#include <glib/gi18n-lib.h>

#include "mg-cli-common.h"
#include "mg-export-compare.h"

static int
run (const MgCliCommand *command,
     int                 argc,
     char              **argv)
{
  g_auto(MgCliArgs) args = { 0 };
  g_autoptr(MgCliFiles) old_files = NULL;
  g_autoptr(MgCliFiles) new_files = NULL;
  g_autoptr(MgComparison) comparison = NULL;
  g_autofree char *format = NULL;
  g_autofree char *report = NULL;
  gboolean json = FALSE;
  int status;
  const GOptionEntry entries[] = {
    { "json", 'j', 0, G_OPTION_ARG_NONE, &json,
      N_("Write the comparison as JSON"), NULL },
    { "format", 'f', 0, G_OPTION_ARG_FILENAME, &format,
      N_("Report format: md (default) or html"), N_("md|html") },
    { NULL }
  };

  if (!mg_cli_args_parse (&args, command, entries, FALSE, 2, 2, argc, argv, &status))
    return status;
  if (format != NULL && g_strcmp0 (format, "md") != 0 && g_strcmp0 (format, "html") != 0)
    return mg_cli_usage_error (command, _("unknown format “%s” (use md or html)"), format);
  if (format != NULL && json)
    return mg_cli_usage_error (command, _("give --json or --format, not both"));

  old_files = mg_cli_files_open (args.args[0], NULL, FALSE, &status);
  if (old_files == NULL)
    return status;
  new_files = mg_cli_files_open (args.args[1], NULL, FALSE, &status);
  if (new_files == NULL)
    return status;

  comparison = mg_comparison_new (old_files->store, old_files->document_path, old_files->sidecar_path,
                                  new_files->store, new_files->document_path, new_files->sidecar_path);
  report = mg_comparison_write (comparison, json ? MG_COMPARISON_JSON
                                : g_strcmp0 (format, "html") == 0 ? MG_COMPARISON_HTML
                                : MG_COMPARISON_MARKDOWN);
  mg_cli_write (report, -1);
  return MG_CLI_EXIT_OK;
}

const MgCliCommand mg_cli_command_compare = {
  "compare",
  "OLD_DOC NEW_DOC",
  "OLD_DOC NEW_DOC [--json] [--format md|html]",
  N_("Compare the slogans and figures of two speeches"),
  N_("Lists the slogans and formulas new in NEW_DOC or dropped from OLD_DOC, "
     "and the figures new, dropped or changed — a figure is changed when the "
     "words before it and its unit are the same and the number differs — "
     "with the counts per tag of each speech's annotations (0 when it has "
     "none). As Markdown (default) or HTML; with --json: {\"old\": {\"document\", "
     "\"sidecar\", \"by_tag\"}, \"new\": {…}, \"slogans\": {\"new\": […], "
     "\"dropped\": […]}, \"figures\": {\"changed\": […], \"new\": […], "
     "\"dropped\": […]}}, each entry with context, old, old_paragraph, new, "
     "new_paragraph as they apply."),
  run,
};
