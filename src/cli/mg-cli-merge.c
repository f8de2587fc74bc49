/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Marginalia"
#include "config.h"

#include <glib/gi18n-lib.h>

#include "mg-cli-common.h"
#include "mg-layer.h"
#include "mg-merge.h"

/* Every FILE is read (and re-anchored on DOC) before anything is merged,
 * and OUT is written once, atomically: a failure leaves every file as it
 * was. */

static int
run (const MgCliCommand *command,
     int                 argc,
     char              **argv)
{
  g_auto(MgCliArgs) args = { 0 };
  g_autoptr(MgCliFiles) files = NULL;
  g_autoptr(GPtrArray) layers = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GFile) out_file = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree MgMergeReport *per_layer = NULL;
  MgMergeReport total = { 0, 0, 0 };
  int status;
  const GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &out,
      N_("Write the merged annotations to OUT instead of DOC’s sidecar"), N_("OUT") },
    { NULL }
  };

  if (!mg_cli_args_parse (&args, command, entries, TRUE, 2, -1, argc, argv, &status))
    return status;

  files = mg_cli_files_open (args.args[0], args.annotations, out == NULL, &status);
  if (files == NULL)
    return status;
  if (out != NULL && !mg_cli_files_check_output (files, command, out, &status))
    return status;

  for (guint i = 1; i < args.n_args; i++)
    {
      g_autoptr(GFile) file = g_file_new_for_commandline_arg (args.args[i]);
      MgLayer *layer = mg_layer_load (file, files->document, NULL, &error);

      if (layer == NULL)
        return mg_cli_fail (MG_CLI_EXIT_DATA, error);
      g_ptr_array_add (layers, layer);
    }

  per_layer = g_new0 (MgMergeReport, layers->len);
  if (!mg_merge_layers (files->store, layers, NULL, NULL, NULL, per_layer, &total, &error))
    {
      mg_cli_message ("%s", error->message);
      return MG_CLI_EXIT_DATA;
    }
  for (guint i = 0; i < layers->len; i++)
    {
      MgLayer *layer = g_ptr_array_index (layers, i);

      mg_merge_dismissed (files->store, mg_annotation_store_get_dismissed (mg_layer_get_store (layer)));
      mg_cli_message (_("%s (%s): %u added, %u merged, %u skipped"),
                      args.args[i + 1], mg_layer_get_author (layer),
                      per_layer[i].added, per_layer[i].merged, per_layer[i].skipped);
    }

  if (out != NULL)
    {
      out_file = g_file_new_for_commandline_arg (out);
      if (!mg_sidecar_save_as (files->sidecar, out_file, NULL, &error))
        return mg_cli_fail (mg_cli_save_status (error), error);
    }
  else if (mg_annotation_store_get_dirty (files->store) ||
           mg_sidecar_get_reanchored (files->sidecar) ||
           !mg_sidecar_get_exists (files->sidecar))
    {
      if (!mg_sidecar_save (files->sidecar, NULL, &error))
        return mg_cli_fail (mg_cli_save_status (error), error);
    }

  mg_cli_message (_("In all: %u added, %u merged, %u skipped; written to %s"),
                  total.added, total.merged, total.skipped,
                  out != NULL ? out : files->sidecar_path);
  return MG_CLI_EXIT_OK;
}

const MgCliCommand mg_cli_command_merge = {
  "merge",
  "DOC FILE…",
  "DOC FILE... [-o OUT]",
  N_("Merge members’ annotation files into one"),
  N_("Combines DOC’s own annotations (when its sidecar exists) with those of "
     "each FILE, another member’s annotations of the same speech, and writes "
     "them to OUT (by default DOC’s sidecar). A FILE made on an earlier "
     "version of the speech is re-anchored on it first; one made for a "
     "different document is refused. Identical annotations (same range and "
     "tags, or overlapping with the same quote and tags) fold into one, the "
     "other authors listed as contributors; differing notes are joined, each "
     "on its own line after its author’s name. Reports on stderr how many "
     "annotations were added, merged and skipped (already there)."),
  run,
};
