/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Marginalia"
#include "config.h"

#include <glib/gi18n-lib.h>

#include "mg-cli-common.h"

/* The problem as validate prints it, naming the file as the user gave it.
 * Every line has the SIDECAR:LINE:COLUMN: shape of cli.md: a problem of
 * the whole file (too large, unreadable) is placed at its start. */
static void
write_problem (const MgSidecarProblem *problem,
               const char             *path)
{
  MgSidecarProblem named = *problem;
  g_autofree char *line = NULL;

  named.file = (char *) path;
  if (named.line == 0)
    {
      named.line = 1;
      named.column = 1;
    }
  line = mg_sidecar_problem_to_string (&named);
  mg_cli_write (line, -1);
  mg_cli_write ("\n", 1);
}

static int
run (const MgCliCommand *command,
     int                 argc,
     char              **argv)
{
  g_auto(MgCliArgs) args = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFile) document_file = NULL;
  g_autoptr(MgDocument) document = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autofree char *document_path = NULL;
  gboolean newer = FALSE;
  gboolean valid = TRUE;
  int status;
  const GOptionEntry entries[] = {
    { "document", 'd', 0, G_OPTION_ARG_FILENAME, &document_path,
      N_("Also check each quote against the text of DOC"), N_("DOC") },
    { NULL }
  };

  if (!mg_cli_args_parse (&args, command, entries, FALSE, 1, 1, argc, argv, &status))
    return status;

  file = g_file_new_for_commandline_arg (args.args[0]);
  if (g_file_query_file_type (file, G_FILE_QUERY_INFO_NONE, NULL) != G_FILE_TYPE_REGULAR)
    {
      if (g_file_query_exists (file, NULL))
        mg_cli_message (_("%s is not a regular file"), args.args[0]);
      else
        mg_cli_message (_("%s does not exist"), args.args[0]);
      return MG_CLI_EXIT_DATA;
    }

  if (document_path != NULL)
    {
      document_file = g_file_new_for_commandline_arg (document_path);
      document = mg_document_load (document_file, NULL, &error);
      if (document == NULL)
        return mg_cli_fail (MG_CLI_EXIT_DATA, error);
    }

  /* Quotes that no longer match the text need re-anchoring, and what the
   * reader sets right by itself is a warning: listed, but they do not make
   * the file invalid. A newer version does: this version cannot vouch for
   * members it does not know. */
  problems = mg_sidecar_validate_file (file, document, &newer);
  for (guint i = 0; i < problems->len; i++)
    {
      MgSidecarProblem *problem = g_ptr_array_index (problems, i);

      write_problem (problem, args.args[0]);
      if (problem->kind == MG_SIDECAR_PROBLEM_ERROR
          || problem->kind == MG_SIDECAR_PROBLEM_NEWER_VERSION)
        valid = FALSE;
    }
  if (newer)
    valid = FALSE;

  return valid ? MG_CLI_EXIT_OK : MG_CLI_EXIT_DATA;
}

const MgCliCommand mg_cli_command_validate = {
  "validate",
  "SIDECAR",
  "SIDECAR [--document DOC]",
  N_("Check a sidecar file and list every problem"),
  N_("Each problem is a line on stdout: SIDECAR:LINE:COLUMN: message "
     "(1-based, column in characters). Exits with 0 when the file is valid, "
     "2 when it is not or was written by a newer version. With --document, "
     "quotes that no longer match the text at their offsets are listed as "
     "needing re-anchoring; they do not make the file invalid, nor do "
     "warnings about what loading sets right by itself."),
  run,
};
