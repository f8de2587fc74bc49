/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Marginalia"
#include "config.h"

#include <glib/gi18n-lib.h>

#include "mg-cli-common.h"

static void
write_list (MgCliFiles *files,
            gboolean    json)
{
  MgTagSet *tags = mg_annotation_store_get_tag_set (files->store);
  guint n = mg_tag_set_get_n_tags (tags);

  if (json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;

      json_builder_begin_array (builder);
      for (guint i = 0; i < n; i++)
        {
          MgTag *tag = mg_tag_set_get_tag (tags, i);

          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "id");
          json_builder_add_string_value (builder, mg_tag_get_id (tag));
          json_builder_set_member_name (builder, "name");
          json_builder_add_string_value (builder, mg_tag_get_display_name (tag));
          json_builder_set_member_name (builder, "color");
          json_builder_add_string_value (builder, mg_tag_get_color (tag));
          json_builder_set_member_name (builder, "count");
          json_builder_add_int_value (builder,
                                      mg_annotation_store_count_tag (files->store,
                                                                     mg_tag_get_id (tag)));
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      root = json_builder_get_root (builder);
      mg_cli_json_write (root);
      return;
    }

  {
    const char *header[] = { "id", "name", "color", "count" };

    mg_cli_tsv_write_row (header, G_N_ELEMENTS (header));
  }
  for (guint i = 0; i < n; i++)
    {
      MgTag *tag = mg_tag_set_get_tag (tags, i);
      g_autofree char *count =
        g_strdup_printf ("%u", mg_annotation_store_count_tag (files->store, mg_tag_get_id (tag)));
      const char *fields[] = {
        mg_tag_get_id (tag), mg_tag_get_display_name (tag), mg_tag_get_color (tag), count,
      };

      mg_cli_tsv_write_row (fields, G_N_ELEMENTS (fields));
    }
}

static gboolean
apply_changes (MgCliFiles *files,
               const char *add_id,
               const char *add_name,
               const char *add_color,
               const char *rename_id,
               const char *rename_name,
               const char *rename_color,
               char      **delete_ids,
               GError    **error)
{
  MgTagSet *tags = mg_annotation_store_get_tag_set (files->store);

  if (add_id != NULL)
    {
      g_autoptr(MgTag) tag = NULL;

      /* The tag set checks the id and the color. */
      tag = mg_tag_new (add_id,
                        add_name != NULL ? add_name : add_id,
                        add_color != NULL ? add_color : mg_tag_set_suggest_color (tags),
                        "");
      if (!mg_annotation_store_add_tag (files->store, tag, error))
        return FALSE;
    }

  if (rename_id != NULL)
    {
      if (rename_name != NULL &&
          g_strcmp0 (rename_name, mg_tag_get_name (mg_tag_set_lookup (tags, rename_id))) != 0 &&
          !mg_annotation_store_rename_tag (files->store, rename_id, rename_name, error))
        return FALSE;
      if (rename_color != NULL &&
          g_ascii_strcasecmp (rename_color, mg_tag_get_color (mg_tag_set_lookup (tags, rename_id))) != 0 &&
          !mg_annotation_store_set_tag_color (files->store, rename_id, rename_color, error))
        return FALSE;
    }

  for (guint i = 0; delete_ids != NULL && delete_ids[i] != NULL; i++)
    if (mg_tag_set_lookup (tags, delete_ids[i]) != NULL &&
        !mg_annotation_store_delete_tag (files->store, delete_ids[i], error))
      return FALSE;

  return TRUE;
}

static int
run (const MgCliCommand *command,
     int                 argc,
     char              **argv)
{
  g_auto(MgCliArgs) args = { 0 };
  g_autoptr(MgCliFiles) files = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *add_id = NULL;
  g_autofree char *name = NULL;
  g_autofree char *color = NULL;
  g_autofree char *rename_id = NULL;
  g_autofree char *rename_name = NULL;
  g_autofree char *format = NULL;
  g_auto(GStrv) delete_ids = NULL;
  gboolean changing;
  int status;
  const GOptionEntry entries[] = {
    { "add", 0, 0, G_OPTION_ARG_FILENAME, &add_id,
      N_("Define a new tag with this id"), N_("ID") },
    { "name", 0, 0, G_OPTION_ARG_FILENAME, &name,
      N_("The new tag's display name (default: its id)"), N_("NAME") },
    { "color", 0, 0, G_OPTION_ARG_FILENAME, &color,
      N_("The new (or renamed) tag's color, #rrggbb"), N_("COLOR") },
    { "rename", 0, 0, G_OPTION_ARG_FILENAME, &rename_id,
      N_("Give the tag ID the display name NAME (the argument after DOC)"), N_("ID") },
    { "delete", 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &delete_ids,
      N_("Delete the tag ID and take it off every annotation (repeatable)"), N_("ID") },
    { "format", 'f', 0, G_OPTION_ARG_FILENAME, &format,
      N_("Output format of the list: tsv (default) or json"), N_("tsv|json") },
    { NULL }
  };

  if (!mg_cli_args_parse (&args, command, entries, TRUE, 1, 2, argc, argv, &status))
    return status;
  if (!mg_cli_args_text (&args, "--name", &name) ||
      !mg_cli_args_text (&args, "--add", &add_id) ||
      !mg_cli_args_text (&args, "--color", &color) ||
      !mg_cli_args_text (&args, "--rename", &rename_id) ||
      !mg_cli_args_text_array (&args, "--delete", &delete_ids))
    return MG_CLI_EXIT_USAGE;

  if (args.n_args == 2)
    {
      if (rename_id == NULL)
        return mg_cli_usage_error (command, _("unexpected argument “%s”"), args.args[1]);
      rename_name = g_strdup (args.args[1]);
      if (!mg_cli_args_text (&args, "NAME", &rename_name))
        return MG_CLI_EXIT_USAGE;
    }
  if (rename_id != NULL && add_id == NULL && name != NULL)
    {
      if (rename_name != NULL)
        return mg_cli_usage_error (command, _("give the new name once"));
      rename_name = g_steal_pointer (&name);
    }
  if (rename_id != NULL && rename_name == NULL && (color == NULL || add_id != NULL))
    return mg_cli_usage_error (command, _("--rename needs the new name: --rename ID NAME"));
  if ((rename_name != NULL && *rename_name == '\0') ||
      (add_id != NULL && name != NULL && *name == '\0'))
    return mg_cli_usage_error (command, _("the new name is empty"));
  /* The sidecar writes colours as #rrggbb: lowercase, whatever was typed. */
  if (color != NULL && mg_tag_color_is_valid (color))
    {
      char *lower = g_ascii_strdown (color, -1);

      g_free (color);
      color = lower;
    }
  if (add_id == NULL && rename_id == NULL && (name != NULL || color != NULL))
    return mg_cli_usage_error (command, _("--name and --color go with --add or --rename"));
  if (format != NULL && g_strcmp0 (format, "tsv") != 0 && g_strcmp0 (format, "json") != 0)
    return mg_cli_usage_error (command, _("unknown format “%s” (use tsv or json)"), format);

  changing = add_id != NULL || rename_id != NULL || delete_ids != NULL;
  if (changing && format != NULL)
    return mg_cli_usage_error (command, _("--format is for listing the tags"));

  files = mg_cli_files_open (args.args[0], args.annotations, changing, &status);
  if (files == NULL)
    return status;

  if (!changing)
    {
      write_list (files, g_strcmp0 (format, "json") == 0);
      return MG_CLI_EXIT_OK;
    }

  if (rename_id != NULL && !mg_cli_check_tag (files, rename_id))
    return MG_CLI_EXIT_DATA;
  for (guint i = 0; delete_ids != NULL && delete_ids[i] != NULL; i++)
    if (!mg_cli_check_tag (files, delete_ids[i]))
      return MG_CLI_EXIT_DATA;

  mg_annotation_store_begin_group (files->store, _("Change tags"));
  if (!apply_changes (files,
                      add_id, name, add_id != NULL ? color : NULL,
                      rename_id, rename_name, add_id == NULL ? color : NULL,
                      delete_ids, &error))
    {
      mg_annotation_store_end_group (files->store);
      mg_cli_message ("%s: %s", files->sidecar_path, error->message);
      return MG_CLI_EXIT_DATA;
    }
  mg_annotation_store_end_group (files->store);

  return mg_cli_files_save (files);
}

const MgCliCommand mg_cli_command_tags = {
  "tags",
  "DOC [NAME]",
  "DOC [--add ID [--name NAME] [--color '#rrggbb']] [--rename ID NAME] "
  "[--delete ID]… [--format tsv|json]",
  N_("List the tags, or define, rename and delete them"),
  N_("Without changes, lists the tags (id, name, color, count) as TSV with a "
     "header line, or as JSON. An invalid or duplicate id, an invalid color "
     "or an unknown tag changes nothing and exits with status 2."),
  run,
};
