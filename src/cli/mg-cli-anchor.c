/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Marginalia"
#include "config.h"

#include <glib/gi18n-lib.h>

#include "mg-cli-common.h"

/* The sidecar was re-anchored in memory when it was opened (see
 * mg_cli_files_open); this command reports the outcome and writes it. */

typedef struct
{
  guint exact;
  guint moved;
  guint fuzzy;
  guint orphaned;
} Counts;

static void
count (MgAnnotationStore *store,
       Counts            *counts)
{
  guint n = mg_annotation_store_get_n_annotations (store);

  for (guint i = 0; i < n; i++)
    switch (mg_annotation_get_anchor_state (mg_annotation_store_get_annotation (store, i)))
      {
      case MG_ANCHOR_STATE_EXACT:
        counts->exact++;
        break;
      case MG_ANCHOR_STATE_MOVED:
        counts->moved++;
        break;
      case MG_ANCHOR_STATE_FUZZY:
        counts->fuzzy++;
        break;
      case MG_ANCHOR_STATE_ORPHANED:
      default:
        counts->orphaned++;
        break;
      }
}

static void
write_json (MgAnnotationStore *store,
            const Counts      *counts)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  guint n = mg_annotation_store_get_n_annotations (store);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "exact");
  json_builder_add_int_value (builder, counts->exact);
  json_builder_set_member_name (builder, "moved");
  json_builder_add_int_value (builder, counts->moved);
  json_builder_set_member_name (builder, "fuzzy");
  json_builder_add_int_value (builder, counts->fuzzy);
  json_builder_set_member_name (builder, "orphaned");
  json_builder_add_int_value (builder, counts->orphaned);
  json_builder_set_member_name (builder, "annotations");
  json_builder_begin_array (builder);
  for (guint i = 0; i < n; i++)
    {
      MgAnnotation *a = mg_annotation_store_get_annotation (store, i);
      MgAnchorState state = mg_annotation_get_anchor_state (a);
      double score = mg_annotation_get_anchor_score (a);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "id");
      json_builder_add_string_value (builder, mg_annotation_get_id (a));
      json_builder_set_member_name (builder, "state");
      json_builder_add_string_value (builder, mg_anchor_state_to_string (state));
      json_builder_set_member_name (builder, "start");
      json_builder_add_int_value (builder, mg_annotation_get_start (a));
      json_builder_set_member_name (builder, "end");
      json_builder_add_int_value (builder, mg_annotation_get_end (a));
      json_builder_set_member_name (builder, "score");
      /* Three decimals: enough to compare, and the same bytes on every run. */
      json_builder_add_double_value (builder, state == MG_ANCHOR_STATE_ORPHANED ? 0.0 :
                                     (double) (gint64) (score * 1000.0 + 0.5) / 1000.0);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  mg_cli_json_write (root);
}

static int
run (const MgCliCommand *command,
     int                 argc,
     char              **argv)
{
  g_auto(MgCliArgs) args = { 0 };
  g_autoptr(MgCliFiles) files = NULL;
  g_autoptr(GError) error = NULL;
  gboolean json = FALSE;
  Counts counts = { 0, 0, 0, 0 };
  int status;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Write JSON"), NULL },
    { NULL }
  };

  if (!mg_cli_args_parse (&args, command, entries, TRUE, 1, 1, argc, argv, &status))
    return status;

  files = mg_cli_files_open (args.args[0], args.annotations, TRUE, &status);
  if (files == NULL)
    return status;

  count (files->store, &counts);

  /* Written only when re-anchoring changed something (positions, quotes,
   * states, or the text's sha256), or the speech's file did (its name, or
   * its encoding or line ends, which the "document" member records):
   * otherwise the file stays byte for byte. */
  if (mg_sidecar_get_exists (files->sidecar)
      && (mg_sidecar_get_reanchored (files->sidecar)
          || mg_sidecar_get_document_outdated (files->sidecar))
      && (status = mg_cli_files_save_full (files, TRUE)) != MG_CLI_EXIT_OK)
    return status;

  if (json)
    write_json (files->store, &counts);
  else
    {
      mg_cli_print (_("Exact:    %u\n"), counts.exact);
      mg_cli_print (_("Moved:    %u\n"), counts.moved);
      mg_cli_print (_("Fuzzy:    %u\n"), counts.fuzzy);
      mg_cli_print (_("Orphaned: %u\n"), counts.orphaned);
    }
  return mg_cli_files_finish (files, NULL);
}

const MgCliCommand mg_cli_command_anchor = {
  "anchor",
  "DOC",
  "DOC [--json]",
  N_("Put the annotations back on a changed speech"),
  N_("Finds every annotation on the current text of the speech (where it was, "
     "the same quote elsewhere, or an approximate match with its context), saves "
     "the new positions in the sidecar, and reports how many kept their place "
     "(exact), moved, were found approximately (fuzzy) or could not be placed "
     "(orphaned). Orphans keep all their data. With --json: an object with the "
     "members exact, moved, fuzzy, orphaned and annotations (id, state, start, "
     "end and score of each)."),
  run,
};
