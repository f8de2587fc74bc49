/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Marginalia"
#include "config.h"

#include <glib/gi18n-lib.h>

#include "mg-cli-common.h"
#include "mg-merge3.h"

static int
run (const MgCliCommand *command,
     int                 argc,
     char              **argv)
{
  g_auto(MgCliArgs) args = { 0 };
  g_autoptr(GFile) base = NULL;
  g_autoptr(GFile) ours = NULL;
  g_autoptr(GFile) theirs = NULL;
  g_autoptr(MgSidecarLock) lock = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  if (!mg_cli_args_parse (&args, command, NULL, FALSE, 3, 3, argc, argv, &status))
    return status;

  base = g_file_new_for_commandline_arg (args.args[0]);
  ours = g_file_new_for_commandline_arg (args.args[1]);
  theirs = g_file_new_for_commandline_arg (args.args[2]);
  /* OURS is read and written over: locked as every command that changes a
   * sidecar locks it. */
  lock = mg_sidecar_lock_acquire (ours, &error);
  if (lock == NULL)
    return mg_cli_fail (MG_CLI_EXIT_WRITE, error);
  if (!mg_merge3_files (base, ours, theirs, &error))
    return mg_cli_fail (g_error_matches (error, MG_SIDECAR_ERROR, MG_SIDECAR_ERROR_WRITE)
                        ? MG_CLI_EXIT_WRITE : MG_CLI_EXIT_DATA, error);
  return MG_CLI_EXIT_OK;
}

const MgCliCommand mg_cli_command_merge3 = {
  "merge3",
  "BASE OURS THEIRS",
  "BASE OURS THEIRS",
  N_("Merge two sides of a sidecar three ways, over OURS (git's merge driver)"),
  N_("A three-way merge of one speech's sidecars, written over OURS. "
     "Annotations, tags and dismissed suggestions merge by id: added on "
     "either side, kept; deleted on one side and unchanged on the other, "
     "deleted; deleted on one side and changed on the other, kept with the "
     "change; changed on one side, that change; changed on both, each member "
     "from the side that changed it, tags both changed united, a note both "
     "changed keeping both texts, each line prefixed with its author. The "
     "document is taken from the side where the speech changed. BASE may be "
     "empty (no common ancestor). Exit 2, with OURS untouched, when an input "
     "is not a valid sidecar. For git: .gitattributes "
     "`*.marginalia.json merge=marginalia` and "
     "git config merge.marginalia.driver \"marginalia-cli merge3 %O %A %B\"."),
  run,
};
