/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Marginalia"
#include "config.h"

#include <glib/gi18n-lib.h>

#include "mg-cli-common.h"

static gboolean
strv_has (char       **strv,
          const char  *s)
{
  return strv != NULL && g_strv_contains ((const char * const *) strv, s);
}

static int
run (const MgCliCommand *command,
     int                 argc,
     char              **argv)
{
  g_auto(MgCliArgs) args = { 0 };
  g_autoptr(MgCliFiles) files = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) add_tags = NULL;
  g_auto(GStrv) remove_tags = NULL;
  g_autofree char *note = NULL;
  g_autoptr(GPtrArray) new_tags = g_ptr_array_new ();
  const char * const *old_tags;
  MgAnnotation *annotation;
  gboolean star = FALSE;
  gboolean unstar = FALSE;
  int status;
  const GOptionEntry entries[] = {
    { "add", 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &add_tags,
      N_("Add this tag to the annotation (repeatable)"), N_("TAG") },
    { "remove", 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &remove_tags,
      N_("Take this tag off the annotation (repeatable)"), N_("TAG") },
    { "note", 0, 0, G_OPTION_ARG_FILENAME, &note,
      N_("Replace the annotation's note (\"\" clears it)"), N_("TEXT") },
    { "star", 's', 0, G_OPTION_ARG_NONE, &star,
      N_("Star the annotation"), NULL },
    { "unstar", 'u', 0, G_OPTION_ARG_NONE, &unstar,
      N_("Unstar the annotation"), NULL },
    { NULL }
  };

  if (!mg_cli_args_parse (&args, command, entries, TRUE, 2, 2, argc, argv, &status))
    return status;
  if (!mg_cli_args_text (&args, "--note", &note) ||
      !mg_cli_args_text_array (&args, "--add", &add_tags) ||
      !mg_cli_args_text_array (&args, "--remove", &remove_tags))
    return MG_CLI_EXIT_USAGE;

  if (add_tags == NULL && remove_tags == NULL && note == NULL && !star && !unstar)
    return mg_cli_usage_error (command, _("nothing to change: give --add, --remove, "
                                          "--note, --star or --unstar"));
  if (star && unstar)
    return mg_cli_usage_error (command, _("give --star or --unstar, not both"));
  for (guint i = 0; add_tags != NULL && add_tags[i] != NULL; i++)
    if (strv_has (remove_tags, add_tags[i]))
      return mg_cli_usage_error (command, _("the tag “%s” is both added and removed"),
                                 add_tags[i]);

  files = mg_cli_files_open (args.args[0], args.annotations, TRUE, &status);
  if (files == NULL)
    return status;

  annotation = mg_annotation_store_lookup (files->store, args.args[1]);
  if (annotation == NULL)
    {
      mg_cli_message (_("no annotation “%s” in %s"), args.args[1], files->sidecar_path);
      return MG_CLI_EXIT_DATA;
    }
  for (guint i = 0; add_tags != NULL && add_tags[i] != NULL; i++)
    if (!mg_cli_check_tag (files, add_tags[i]))
      return MG_CLI_EXIT_DATA;
  for (guint i = 0; remove_tags != NULL && remove_tags[i] != NULL; i++)
    if (!mg_cli_check_tag (files, remove_tags[i]))
      return MG_CLI_EXIT_DATA;

  /* The new tag list: the old one in its order, less the removed, plus the
   * added ones at the end. Adding a tag already there, or removing one
   * that is not, changes nothing. */
  old_tags = mg_annotation_get_tags (annotation);
  for (guint i = 0; old_tags[i] != NULL; i++)
    if (!strv_has (remove_tags, old_tags[i]))
      g_ptr_array_add (new_tags, (gpointer) old_tags[i]);
  for (guint i = 0; add_tags != NULL && add_tags[i] != NULL; i++)
    if (!g_ptr_array_find_with_equal_func (new_tags, add_tags[i], g_str_equal, NULL))
      g_ptr_array_add (new_tags, add_tags[i]);
  g_ptr_array_add (new_tags, NULL);

  mg_annotation_store_begin_group (files->store, _("Change annotation"));
  if (!g_strv_equal (old_tags, (const char * const *) new_tags->pdata) &&
      !mg_annotation_store_set_tags (files->store, annotation,
                                     (const char * const *) new_tags->pdata, &error))
    {
      mg_annotation_store_end_group (files->store);
      return mg_cli_fail (MG_CLI_EXIT_DATA, error);
    }
  if (note != NULL && g_strcmp0 (note, mg_annotation_get_note (annotation)) != 0)
    mg_annotation_store_set_note (files->store, annotation, note);
  if ((star || unstar) && mg_annotation_get_starred (annotation) != star)
    mg_annotation_store_set_starred (files->store, annotation, star);
  mg_annotation_store_end_group (files->store);

  return mg_cli_files_save (files);
}

const MgCliCommand mg_cli_command_tag = {
  "tag",
  "DOC ID",
  "DOC ID [--add TAG]… [--remove TAG]… [--note TEXT] [--star | --unstar]",
  N_("Change the tags, note or star of an annotation"),
  N_("Adding a tag the annotation already has, or removing one it does not "
     "have, is not an error; an unknown annotation id or tag id is (status 2)."),
  run,
};
