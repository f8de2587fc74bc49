/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Marginalia"
#include "config.h"

#include <glib/gi18n-lib.h>

#include "mg-cli-common.h"

static int
run (const MgCliCommand *command,
     int                 argc,
     char              **argv)
{
  g_auto(MgCliArgs) args = { 0 };
  g_autoptr(MgCliFiles) files = NULL;
  g_autoptr(GPtrArray) doomed = g_ptr_array_new ();
  gboolean missing = FALSE;
  int status;

  if (!mg_cli_args_parse (&args, command, NULL, TRUE, 2, -1, argc, argv, &status))
    return status;

  files = mg_cli_files_open (args.args[0], args.annotations, TRUE, &status);
  if (files == NULL)
    return status;

  /* Every id is looked up before anything is removed, so that one unknown
   * id leaves the sidecar as it was. */
  for (guint i = 1; i < args.n_args; i++)
    {
      MgAnnotation *annotation = mg_annotation_store_lookup (files->store, args.args[i]);

      if (annotation == NULL)
        {
          mg_cli_message (_("no annotation “%s” in %s"), args.args[i], files->sidecar_path);
          missing = TRUE;
        }
      else if (!g_ptr_array_find (doomed, annotation, NULL))
        g_ptr_array_add (doomed, annotation);
    }
  if (missing)
    return MG_CLI_EXIT_DATA;

  mg_annotation_store_begin_group (files->store, _("Remove annotations"));
  for (guint i = 0; i < doomed->len; i++)
    mg_annotation_store_remove (files->store, g_ptr_array_index (doomed, i));
  mg_annotation_store_end_group (files->store);

  return mg_cli_files_save (files);
}

const MgCliCommand mg_cli_command_remove = {
  "remove",
  "DOC ID…",
  "DOC ID…",
  N_("Remove annotations by id"),
  N_("An id that is not in the sidecar removes nothing and exits with status 2."),
  run,
};
