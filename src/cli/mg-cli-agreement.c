/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Marginalia"
#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "mg-agreement.h"
#include "mg-cli-common.h"
#include "mg-layer.h"

/* Six decimals: the same bytes on every run, far finer than anyone reads. */
static double
rounded (double value)
{
  return round (value * 1e6) / 1e6;
}

static const char *
method_name (MgAgreementMethod method)
{
  return method == MG_AGREEMENT_COHEN ? "cohen" : "fleiss";
}

static void
write_json (GPtrArray *layers,
            GPtrArray *results)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "authors");
  json_builder_begin_array (builder);
  for (guint i = 0; i < layers->len; i++)
    json_builder_add_string_value (builder, mg_layer_get_author (g_ptr_array_index (layers, i)));
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "tags");
  json_builder_begin_object (builder);
  for (guint i = 0; i < results->len; i++)
    {
      MgAgreementResult *r = g_ptr_array_index (results, i);

      json_builder_set_member_name (builder, r->tag_id);
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "method");
      json_builder_add_string_value (builder, method_name (r->method));
      json_builder_set_member_name (builder, "kappa");
      json_builder_add_double_value (builder, rounded (r->kappa));
      json_builder_set_member_name (builder, "overlap");
      if (r->overlap < 0)
        json_builder_add_null_value (builder);
      else
        json_builder_add_double_value (builder, rounded (r->overlap));
      json_builder_end_object (builder);
    }
  json_builder_end_object (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  mg_cli_json_write (root);
}

static void
write_text (GPtrArray *layers,
            GPtrArray *results)
{
  g_autoptr(GString) names = g_string_new (NULL);
  int width = 3;

  for (guint i = 0; i < layers->len; i++)
    {
      if (i > 0)
        g_string_append (names, ", ");
      g_string_append (names, mg_layer_get_author (g_ptr_array_index (layers, i)));
    }
  mg_cli_print (_("Members: %s\n"), names->str);
  if (results->len == 0)
    {
      mg_cli_print ("%s\n", _("No member used any tag."));
      return;
    }

  for (guint i = 0; i < results->len; i++)
    width = MAX (width, (int) strlen (((MgAgreementResult *) g_ptr_array_index (results, i))->tag_id));

  for (guint i = 0; i < results->len; i++)
    {
      MgAgreementResult *r = g_ptr_array_index (results, i);
      g_autofree char *overlap = r->overlap < 0
        ? g_strdup (_("unused"))
        : g_strdup_printf (_("%.1f%% overlap"), 100.0 * r->overlap);

      mg_cli_print (_("%-*s  %s kappa %.3f  %s\n"), width, r->tag_id,
                    r->method == MG_AGREEMENT_COHEN ? _("Cohen’s") : _("Fleiss’"),
                    r->kappa, overlap);
    }
}

static int
run (const MgCliCommand *command,
     int                 argc,
     char              **argv)
{
  g_auto(MgCliArgs) args = { 0 };
  g_autoptr(GPtrArray) layers = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(GPtrArray) stores = NULL;
  g_autoptr(MgDocument) document = NULL;
  g_autoptr(GFile) document_file = NULL;
  g_autoptr(GError) error = NULL;
  gboolean json = FALSE;
  int status;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Write JSON"), NULL },
    { NULL }
  };

  if (!mg_cli_args_parse (&args, command, entries, FALSE, 1, -1, argc, argv, &status))
    return status;
  if (args.n_args < 3)
    return mg_cli_usage_error (command, _("agreement needs the files of at least two members"));

  document_file = g_file_new_for_commandline_arg (args.args[0]);
  document = mg_document_load (document_file, NULL, &error);
  if (document == NULL)
    return mg_cli_fail (MG_CLI_EXIT_DATA, error);

  for (guint i = 1; i < args.n_args; i++)
    {
      g_autoptr(GFile) file = g_file_new_for_commandline_arg (args.args[i]);
      MgLayer *layer = mg_layer_load (file, document, NULL, &error);

      if (layer == NULL)
        return mg_cli_fail (MG_CLI_EXIT_DATA, error);
      g_ptr_array_add (layers, layer);
    }

  stores = g_ptr_array_new ();
  for (guint m = 0; m < layers->len; m++)
    g_ptr_array_add (stores, mg_layer_get_store (g_ptr_array_index (layers, m)));
  results = mg_agreement_compute_stores ((MgAnnotationStore * const *) stores->pdata, stores->len,
                                         mg_document_get_length (document));
  if (json)
    write_json (layers, results);
  else
    write_text (layers, results);
  return MG_CLI_EXIT_OK;
}

const MgCliCommand mg_cli_command_agreement = {
  "agreement",
  "DOC FILE FILE…",
  "DOC FILE... [--json]",
  N_("Measure how far members agree on each tag"),
  N_("Each FILE holds one member’s annotations of DOC (re-anchored on it when "
     "made on an earlier version) and is named after the author of most of "
     "them. For every tag any member used: Cohen’s kappa for two members, "
     "Fleiss’ kappa for more, computed over the code points of the text (a "
     "unit is in the tag for a member when one of their annotations with that "
     "tag covers it), and the overlap: the units in the tag for every member "
     "among those in it for any member. With --json: {\"authors\": [...], "
     "\"tags\": {TAG: {\"method\", \"kappa\", \"overlap\"}}}; overlap is null "
     "when no unit is in the tag."),
  run,
};
