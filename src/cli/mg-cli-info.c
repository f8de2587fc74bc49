/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Marginalia"
#include "config.h"

#include <glib/gi18n-lib.h>

#include "mg-cli-common.h"

static const MgAnchorState states[] = {
  MG_ANCHOR_STATE_EXACT,
  MG_ANCHOR_STATE_MOVED,
  MG_ANCHOR_STATE_FUZZY,
  MG_ANCHOR_STATE_ORPHANED,
};

static void
count_states (MgAnnotationStore *store,
              guint              counts[G_N_ELEMENTS (states)])
{
  guint n = mg_annotation_store_get_n_annotations (store);

  for (guint i = 0; i < G_N_ELEMENTS (states); i++)
    counts[i] = 0;
  for (guint i = 0; i < n; i++)
    {
      MgAnnotation *annotation = mg_annotation_store_get_annotation (store, i);
      MgAnchorState state = mg_annotation_get_anchor_state (annotation);

      for (guint j = 0; j < G_N_ELEMENTS (states); j++)
        if (states[j] == state)
          counts[j]++;
    }
}

static void
write_json (MgCliFiles *files)
{
  MgDocument *document = files->document;
  MgAnnotationStore *store = files->store;
  MgTagSet *tags = mg_annotation_store_get_tag_set (store);
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  guint counts[G_N_ELEMENTS (states)];

  count_states (store, counts);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "encoding");
  json_builder_add_string_value (builder,
                                 mg_encoding_to_string (mg_document_get_encoding (document)));
  json_builder_set_member_name (builder, "length");
  json_builder_add_int_value (builder, mg_document_get_length (document));
  json_builder_set_member_name (builder, "paragraphs");
  json_builder_add_int_value (builder, mg_document_get_n_paragraphs (document));
  json_builder_set_member_name (builder, "sha256");
  json_builder_add_string_value (builder, mg_document_get_sha256 (document));
  json_builder_set_member_name (builder, "title");
  json_builder_add_string_value (builder, mg_document_get_title (document));
  json_builder_set_member_name (builder, "sidecar");
  json_builder_add_string_value (builder, files->sidecar_path);
  json_builder_set_member_name (builder, "annotations");
  json_builder_add_int_value (builder, mg_annotation_store_get_n_annotations (store));

  json_builder_set_member_name (builder, "by_tag");
  json_builder_begin_object (builder);
  for (guint i = 0; i < mg_tag_set_get_n_tags (tags); i++)
    {
      const char *id = mg_tag_get_id (mg_tag_set_get_tag (tags, i));

      json_builder_set_member_name (builder, id);
      json_builder_add_int_value (builder, mg_annotation_store_count_tag (store, id));
    }
  json_builder_end_object (builder);

  json_builder_set_member_name (builder, "by_state");
  json_builder_begin_object (builder);
  for (guint i = 0; i < G_N_ELEMENTS (states); i++)
    {
      json_builder_set_member_name (builder, mg_anchor_state_to_string (states[i]));
      json_builder_add_int_value (builder, counts[i]);
    }
  json_builder_end_object (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  mg_cli_json_write (root);
}

static void
write_text (MgCliFiles *files)
{
  MgDocument *document = files->document;
  MgAnnotationStore *store = files->store;
  MgTagSet *tags = mg_annotation_store_get_tag_set (store);
  guint n_annotations = mg_annotation_store_get_n_annotations (store);
  guint counts[G_N_ELEMENTS (states)];

  count_states (store, counts);

  mg_cli_print (_("Document:    %s\n"), files->document_path);
  mg_cli_print (_("Encoding:    %s\n"),
                mg_encoding_to_string (mg_document_get_encoding (document)));
  mg_cli_print (g_dngettext (GETTEXT_PACKAGE,
                             "Length:      %u character\n",
                             "Length:      %u characters\n",
                             mg_document_get_length (document)),
                mg_document_get_length (document));
  mg_cli_print (_("Paragraphs:  %u\n"), mg_document_get_n_paragraphs (document));
  mg_cli_print (_("SHA-256:     %s\n"), mg_document_get_sha256 (document));
  mg_cli_print (_("Title:       %s\n"), mg_document_get_title (document));
  if (mg_sidecar_get_exists (files->sidecar))
    mg_cli_print (_("Sidecar:     %s\n"), files->sidecar_path);
  else
    mg_cli_print (_("Sidecar:     %s (not created yet)\n"), files->sidecar_path);
  mg_cli_print (_("Annotations: %u\n"), n_annotations);

  mg_cli_print ("%s\n", _("By tag:"));
  for (guint i = 0; i < mg_tag_set_get_n_tags (tags); i++)
    {
      MgTag *tag = mg_tag_set_get_tag (tags, i);

      mg_cli_print ("  %s (%s): %u\n", mg_tag_get_display_name (tag), mg_tag_get_id (tag),
                    mg_annotation_store_count_tag (store, mg_tag_get_id (tag)));
    }

  mg_cli_print ("%s\n", _("By anchor state:"));
  for (guint i = 0; i < G_N_ELEMENTS (states); i++)
    mg_cli_print ("  %s: %u\n", mg_anchor_state_to_string (states[i]), counts[i]);

  if (mg_sidecar_get_reanchored (files->sidecar))
    mg_cli_print (_("The sidecar was written for another version of the text: the "
                    "positions are re-anchored here, the file is unchanged "
                    "(“%s anchor %s” saves them).\n"),
                  MG_CLI_PROGRAM, files->document_path);
}

static int
run (const MgCliCommand *command,
     int                 argc,
     char              **argv)
{
  g_auto(MgCliArgs) args = { 0 };
  g_autoptr(MgCliFiles) files = NULL;
  gboolean json = FALSE;
  int status;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Write JSON"), NULL },
    { NULL }
  };

  if (!mg_cli_args_parse (&args, command, entries, TRUE, 1, 1, argc, argv, &status))
    return status;

  files = mg_cli_files_open (args.args[0], args.annotations, FALSE, &status);
  if (files == NULL)
    return status;

  if (json)
    write_json (files);
  else
    write_text (files);
  return MG_CLI_EXIT_OK;
}

const MgCliCommand mg_cli_command_info = {
  "info",
  "DOC",
  "DOC [--json]",
  N_("Describe a speech and count its annotations"),
  N_("Prints the encoding, length (characters), paragraphs, SHA-256 and title "
     "of the speech, the sidecar's path, and the annotations counted by tag "
     "and by anchor state. With --json: an object with the members encoding, "
     "length, paragraphs, sha256, title, sidecar, annotations, by_tag and "
     "by_state."),
  run,
};
