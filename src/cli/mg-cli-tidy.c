/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Marginalia"
#include "config.h"

#include <glib/gi18n-lib.h>

#include "mg-cli-common.h"
#include "mg-tidy.h"

static void
write_tsv (GPtrArray *changes)
{
  const char *header[] = { "kind", "start", "end", "before", "after" };

  mg_cli_tsv_write_row (header, G_N_ELEMENTS (header));
  for (guint i = 0; i < changes->len; i++)
    {
      MgTidyChange *c = g_ptr_array_index (changes, i);
      g_autofree char *start = g_strdup_printf ("%u", c->start);
      g_autofree char *end = g_strdup_printf ("%u", c->end);
      const char *fields[] = {
        mg_tidy_kind_to_string (c->kind), start, end, c->before, c->after,
      };

      mg_cli_tsv_write_row (fields, G_N_ELEMENTS (fields));
    }
}

static void
write_json (GPtrArray *changes)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  guint counts[MG_TIDY_N_KINDS];

  mg_tidy_count (changes, counts);
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "changes");
  json_builder_begin_array (builder);
  for (guint i = 0; i < changes->len; i++)
    {
      MgTidyChange *c = g_ptr_array_index (changes, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "kind");
      json_builder_add_string_value (builder, mg_tidy_kind_to_string (c->kind));
      json_builder_set_member_name (builder, "start");
      json_builder_add_int_value (builder, c->start);
      json_builder_set_member_name (builder, "end");
      json_builder_add_int_value (builder, c->end);
      json_builder_set_member_name (builder, "before");
      json_builder_add_string_value (builder, c->before);
      json_builder_set_member_name (builder, "after");
      json_builder_add_string_value (builder, c->after);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "counts");
  json_builder_begin_object (builder);
  for (guint k = 0; k < MG_TIDY_N_KINDS; k++)
    {
      json_builder_set_member_name (builder, mg_tidy_kind_to_string (k));
      json_builder_add_int_value (builder, counts[k]);
    }
  json_builder_end_object (builder);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  mg_cli_json_write (root);
}

static void
report_changes (const MgTidyReport *report,
                gboolean            with_annotations)
{
  for (guint k = 0; k < MG_TIDY_N_KINDS; k++)
    /* Translators: a kind of tidy change and how many were made. */
    mg_cli_message (_("%s: %u"), mg_tidy_kind_to_string (k), report->counts[k]);
  if (with_annotations)
    mg_cli_message (_("Annotations: %u exact, %u moved, %u fuzzy, %u orphaned"),
                    report->exact, report->moved, report->fuzzy, report->orphaned);
}

static int
run (const MgCliCommand *command,
     int                 argc,
     char              **argv)
{
  g_auto(MgCliArgs) args = { 0 };
  g_autoptr(MgCliFiles) files = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) changes = NULL;
  g_auto(GStrv) keep = NULL;
  g_autofree char *output = NULL;
  gboolean in_place = FALSE, json = FALSE;
  guint kinds = MG_TIDY_ALL;
  MgTidyReport report;
  int status;
  const GOptionEntry entries[] = {
    { "in-place", 0, 0, G_OPTION_ARG_NONE, &in_place,
      N_("Rewrite DOC (its old bytes kept as DOC~) and carry its annotations"), NULL },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
      N_("Write the tidied text to OUT (UTF-8, LF), with its annotations"), N_("OUT") },
    { "keep", 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &keep,
      N_("Leave this kind alone: spaces, line-breaks, blank-lines or leftovers (repeatable)"),
      N_("KIND") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Write JSON"), NULL },
    { NULL }
  };

  if (!mg_cli_args_parse (&args, command, entries, TRUE, 1, 1, argc, argv, &status))
    return status;
  if (in_place && output != NULL)
    return mg_cli_usage_error (command, _("--in-place and -o cannot be used together"));
  for (guint i = 0; keep != NULL && keep[i] != NULL; i++)
    {
      MgTidyKind kind;

      if (!mg_tidy_kind_from_string (keep[i], &kind))
        return mg_cli_usage_error (command, _("Unknown kind “%s” (spaces, line-breaks, blank-lines, leftovers)"),
                                   keep[i]);
      kinds &= ~(1u << kind);
    }

  files = mg_cli_files_open (args.args[0], args.annotations, in_place || output != NULL, &status);
  if (files == NULL)
    return status;

  changes = mg_tidy_compute (mg_document_get_text (files->document),
                             mg_document_get_size (files->document), kinds);

  if (in_place)
    {
      g_autoptr(MgDocument) tidied = NULL;
      g_autoptr(MgSidecar) sidecar = NULL;

      if (changes->len == 0)
        {
          mg_cli_message (_("Nothing to tidy: “%s” is left as it was"), files->document_path);
          return MG_CLI_EXIT_OK;
        }
      if (mg_sidecar_get_broken (files->sidecar))
        {
          mg_cli_message (_("The annotations in “%s” cannot be read: the speech is left as it was"),
                          files->sidecar_path);
          return MG_CLI_EXIT_DATA;
        }
      tidied = mg_tidy_rewrite (files->document, files->sidecar, changes, &sidecar, &report, &error);
      if (tidied == NULL)
        return mg_cli_fail (MG_CLI_EXIT_WRITE, error);
      report_changes (&report, report.annotations > 0);
    }
  else if (output != NULL)
    {
      g_autoptr(GFile) out = g_file_new_for_commandline_arg (output);
      g_autoptr(GFile) out_sidecar = mg_sidecar_default_file (out);

      if (!mg_cli_files_check_output (files, command, output, &status) ||
          !mg_cli_files_lock_output (files, out_sidecar, &status))
        return status;
      if (!mg_tidy_write_copy (files->document, files->sidecar, changes, out, &report, &error))
        return mg_cli_fail (MG_CLI_EXIT_WRITE, error);
      report_changes (&report, report.annotations > 0);
    }

  if (json)
    write_json (changes);
  else if (!in_place && output == NULL)
    write_tsv (changes);
  return MG_CLI_EXIT_OK;
}

const MgCliCommand mg_cli_command_tidy = {
  "tidy",
  "DOC",
  "DOC [--in-place | -o OUT] [--keep KIND]... [--json]",
  N_("Repair a speech copied from a web page or a PDF"),
  N_("Finds four kinds of artifacts: spaces (white space next to Chinese "
     "characters, runs of spaces, white space at line ends), line-breaks (lines "
     "that stop inside a sentence), blank-lines (runs of blank lines) and "
     "leftovers (links, related articles, share buttons, editor, copyright and "
     "licence notices after the speech's last sentence). Without --in-place or -o "
     "the changes are listed: TSV (kind, start, end, before, after; offsets in "
     "DOC's text) or, with --json, {\"changes\": […], \"counts\": {KIND: N}}. "
     "--in-place rewrites DOC in its own encoding and line ends, keeping the "
     "previous bytes as DOC~, and carries the annotations to the new text. "
     "-o OUT writes the tidied text as UTF-8 with LF line ends, and OUT's "
     "sidecar with the annotations carried over."),
  run,
};
