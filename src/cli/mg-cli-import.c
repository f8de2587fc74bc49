/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Marginalia"
#include "config.h"

#include <glib/gi18n-lib.h>

#include "mg-cli-common.h"
#include "mg-import-w3c.h"

static int
run (const MgCliCommand *command,
     int                 argc,
     char              **argv)
{
  g_auto(MgCliArgs) args = { 0 };
  g_autoptr(MgCliFiles) files = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  MgImportReport report;
  int status;

  if (!mg_cli_args_parse (&args, command, NULL, TRUE, 2, 2, argc, argv, &status))
    return status;

  files = mg_cli_files_open (args.args[0], args.annotations, TRUE, &status);
  if (files == NULL)
    return status;

  file = g_file_new_for_commandline_arg (args.args[1]);
  if (!mg_import_w3c_file (files->store, file, NULL, &report, &error))
    return mg_cli_fail (MG_CLI_EXIT_DATA, error);

  status = mg_cli_files_save (files);
  if (status != MG_CLI_EXIT_OK)
    return status;

  mg_cli_print (_("Added:    %u\n"), report.added);
  mg_cli_print (_("Fuzzy:    %u\n"), report.fuzzy);
  mg_cli_print (_("Orphaned: %u\n"), report.orphaned);
  mg_cli_print (_("Skipped:  %u\n"), report.skipped);
  mg_cli_print (_("New tags: %u\n"), report.tags_created);
  return mg_cli_files_finish (files, NULL);
}

const MgCliCommand mg_cli_command_import = {
  "import",
  "DOC FILE",
  "DOC FILE",
  N_("Import W3C Web Annotations into the speech's sidecar"),
  N_("FILE holds one annotation, an array of them, an AnnotationPage or an "
     "AnnotationCollection. Each annotation is placed by its "
     "TextQuoteSelector (a TextPositionSelector that agrees breaks ties); "
     "one that cannot be placed is kept as orphaned. One with only a "
     "TextPositionSelector is placed when its target's source names this "
     "speech (its file name, or urn:sha256: of its text); other targets are "
     "skipped. Tagging bodies become tags (created when missing), the "
     "commenting body the note, the creator the author. Prints how many were "
     "added (of them, placed approximately), orphaned and skipped, and how "
     "many tags were created."),
  run,
};
