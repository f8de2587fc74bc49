/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Marginalia"
#include "config.h"

#include <glib/gi18n-lib.h>

#include "mg-cli-common.h"
#include "mg-suggest.h"
#include "mg-annotation.h"

static const char * const columns[] = {
  "kind", "start", "end", "paragraph", "quote", "reason",
};

static void
write_tsv_row (MgSuggestion *suggestion)
{
  g_autofree char *start = g_strdup_printf ("%u", mg_suggestion_get_start (suggestion));
  g_autofree char *end = g_strdup_printf ("%u", mg_suggestion_get_end (suggestion));
  g_autofree char *paragraph = g_strdup_printf ("%u", mg_suggestion_get_paragraph (suggestion));
  const char *fields[G_N_ELEMENTS (columns)];

  fields[0] = mg_suggestion_get_tag (suggestion);
  fields[1] = start;
  fields[2] = end;
  fields[3] = paragraph;
  fields[4] = mg_suggestion_get_quote (suggestion);
  fields[5] = mg_suggestion_get_reason (suggestion);
  mg_cli_tsv_write_row (fields, G_N_ELEMENTS (fields));
}

static void
write_json (GListModel *suggestions)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  guint n = g_list_model_get_n_items (suggestions);

  json_builder_begin_array (builder);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(MgSuggestion) s = g_list_model_get_item (suggestions, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "kind");
      json_builder_add_string_value (builder, mg_suggestion_get_tag (s));
      json_builder_set_member_name (builder, "start");
      json_builder_add_int_value (builder, mg_suggestion_get_start (s));
      json_builder_set_member_name (builder, "end");
      json_builder_add_int_value (builder, mg_suggestion_get_end (s));
      json_builder_set_member_name (builder, "paragraph");
      json_builder_add_int_value (builder, mg_suggestion_get_paragraph (s));
      json_builder_set_member_name (builder, "quote");
      json_builder_add_string_value (builder, mg_suggestion_get_quote (s));
      json_builder_set_member_name (builder, "reason");
      json_builder_add_string_value (builder, mg_suggestion_get_reason (s));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  root = json_builder_get_root (builder);
  mg_cli_json_write (root);
}

/* Adds the suggestions not yet annotated with their tag; saves. */
static int
apply (MgCliFiles     *files,
       GListModel     *suggestions,
       MgSuggestKinds  kinds)
{
  g_autoptr(GListStore) fresh = NULL;
  const char *author = mg_annotation_default_author ();
  guint n, n_all;
  int status;

  /* Every tag is checked before anything changes. */
  for (guint k = 0; k < MG_SUGGESTION_N_KINDS; k++)
    if ((kinds & (1 << k)) && !mg_cli_check_tag (files, mg_suggestion_kind_to_string (k)))
      return MG_CLI_EXIT_DATA;

  fresh = mg_suggest_filter_existing (suggestions, files->store);
  n = g_list_model_get_n_items (G_LIST_MODEL (fresh));
  n_all = g_list_model_get_n_items (suggestions);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(MgSuggestion) s = g_list_model_get_item (G_LIST_MODEL (fresh), i);
      g_autoptr(GError) error = NULL;

      if (mg_suggestion_accept (s, files->store, author, &error) == NULL)
        return mg_cli_fail (MG_CLI_EXIT_DATA, error);
    }

  status = mg_cli_files_save (files);
  if (status != MG_CLI_EXIT_OK)
    return status;

  mg_cli_print (g_dngettext (GETTEXT_PACKAGE,
                             "Added %u annotation",
                             "Added %u annotations", n), n);
  mg_cli_print (g_dngettext (GETTEXT_PACKAGE,
                             " (%u suggestion already annotated).\n",
                             " (%u suggestions already annotated).\n", n_all - n), n_all - n);
  return mg_cli_files_finish (files, NULL);
}

/* Records as dismissed the suggestions of @suggestions on each of
 * @ranges ("START:END", their shape checked already); saves. A range no
 * suggestion has changes nothing and fails. */
static int
dismiss (MgCliFiles         *files,
         GListModel         *suggestions,
         const char * const *ranges)
{
  g_autoptr(GPtrArray) chosen = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;
  guint n_new = 0;
  int status;

  for (guint i = 0; ranges[i] != NULL; i++)
    {
      g_autofree char *start = NULL;
      g_autofree char *end = NULL;
      g_autoptr(GPtrArray) found = NULL;
      g_autofree char *max = g_strdup_printf ("%u", G_MAXUINT);

      mg_cli_parse_range (ranges[i], &start, &end);
      if (mg_cli_compare_numbers (end, max) <= 0)
        found = mg_suggest_find_range (suggestions, (guint) g_ascii_strtoull (start, NULL, 10),
                                       (guint) g_ascii_strtoull (end, NULL, 10));
      if (found == NULL || found->len == 0)
        {
          mg_cli_message (_("no suggestion lies on %s:%s"), start, end);
          return MG_CLI_EXIT_DATA;
        }
      for (guint k = 0; k < found->len; k++)
        g_ptr_array_add (chosen, g_object_ref (g_ptr_array_index (found, k)));
    }

  mg_annotation_store_begin_group (files->store, _("Dismiss suggestions"));
  for (guint i = 0; i < chosen->len; i++)
    {
      MgSuggestion *suggestion = g_ptr_array_index (chosen, i);

      n_new += !mg_annotation_store_is_dismissed (files->store, suggestion);
      if (!mg_annotation_store_dismiss_suggestion (files->store, suggestion, &error))
        {
          mg_annotation_store_end_group (files->store);
          return mg_cli_fail (MG_CLI_EXIT_DATA, error);
        }
    }
  mg_annotation_store_end_group (files->store);

  status = mg_cli_files_save (files);
  if (status != MG_CLI_EXIT_OK)
    return status;
  mg_cli_print (g_dngettext (GETTEXT_PACKAGE,
                             "Dismissed %u suggestion.\n",
                             "Dismissed %u suggestions.\n", n_new), n_new);
  return MG_CLI_EXIT_OK;
}

static int
run (const MgCliCommand *command,
     int                 argc,
     char              **argv)
{
  g_auto(MgCliArgs) args = { 0 };
  g_autoptr(MgCliFiles) files = NULL;
  g_autoptr(GListStore) suggestions = NULL;
  g_autofree char *format = NULL;
  g_auto(GStrv) kind_names = NULL;
  g_auto(GStrv) ranges = NULL;
  g_auto(GStrv) lexicon = NULL;
  g_autoptr(GListStore) shown = NULL;
  gboolean do_apply = FALSE;
  MgSuggestKinds kinds = 0;
  int status;
  const GOptionEntry entries[] = {
    { "kind", 'k', 0, G_OPTION_ARG_FILENAME_ARRAY, &kind_names,
      N_("Only suggestions of this kind: figure, slogan or policy-goal (repeatable)"),
      N_("KIND") },
    { "format", 'f', 0, G_OPTION_ARG_FILENAME, &format,
      N_("Output format: tsv (default) or json"), N_("tsv|json") },
    { "apply", 0, 0, G_OPTION_ARG_NONE, &do_apply,
      N_("Add the suggestions as annotations tagged with their kind, "
         "except those already annotated with it"), NULL },
    { "dismiss", 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &ranges,
      N_("Record the suggestion on this range as dismissed (repeatable)"),
      N_("START:END") },
    { NULL }
  };

  if (!mg_cli_args_parse (&args, command, entries, TRUE, 1, 1, argc, argv, &status))
    return status;
  for (guint i = 0; kind_names != NULL && kind_names[i] != NULL; i++)
    {
      MgSuggestionKind kind;

      if (!mg_suggestion_kind_from_string (kind_names[i], &kind))
        return mg_cli_usage_error (command,
                                   _("unknown kind “%s” (use figure, slogan or policy-goal)"),
                                   kind_names[i]);
      kinds |= 1 << kind;
    }
  if (kinds == 0)
    kinds = MG_SUGGEST_ALL;
  if (format != NULL && g_strcmp0 (format, "tsv") != 0 && g_strcmp0 (format, "json") != 0)
    return mg_cli_usage_error (command, _("unknown format “%s” (use tsv or json)"), format);
  if (do_apply && ranges != NULL)
    return mg_cli_usage_error (command, _("--apply and --dismiss cannot be used together"));
  for (guint i = 0; ranges != NULL && ranges[i] != NULL; i++)
    if (!mg_cli_parse_range (ranges[i], NULL, NULL))
      return mg_cli_usage_error (command, _("“%s” is not a range: write START:END, e.g. 10:24"), ranges[i]);

  files = mg_cli_files_open (args.args[0], args.annotations, do_apply || ranges != NULL, &status);
  if (files == NULL)
    return status;

  /* The slogan tag's lexicon joins the known formulas. */
  lexicon = mg_suggest_dup_lexicon (files->store);
  suggestions = mg_suggest_document_full (files->document, kinds, (const char * const *) lexicon);
  if (ranges != NULL)
    return dismiss (files, G_LIST_MODEL (suggestions), (const char * const *) ranges);
  /* What the reader turned down is neither listed nor applied. */
  shown = mg_suggest_filter_dismissed (G_LIST_MODEL (suggestions), files->store);
  if (do_apply)
    return apply (files, G_LIST_MODEL (shown), kinds);

  if (g_strcmp0 (format, "json") == 0)
    write_json (G_LIST_MODEL (shown));
  else
    {
      guint n = g_list_model_get_n_items (G_LIST_MODEL (shown));

      mg_cli_tsv_write_row (columns, G_N_ELEMENTS (columns));
      for (guint i = 0; i < n; i++)
        {
          g_autoptr(MgSuggestion) s = g_list_model_get_item (G_LIST_MODEL (shown), i);

          write_tsv_row (s);
        }
    }
  return MG_CLI_EXIT_OK;
}

const MgCliCommand mg_cli_command_suggest = {
  "suggest",
  "DOC",
  "DOC [--kind figure|slogan|policy-goal]... [--format tsv|json] [--apply | --dismiss START:END...]",
  N_("Suggest figures, slogans and policy goals to annotate"),
  N_("Finds figures (numbers with units, percentages, money, dates, shares), "
     "slogans (quoted coinages, numbered, known and paired formulas, refrains) "
     "and policy goals (directive and target clauses) in Chinese and English. TSV columns, after a "
     "header line: kind, start, end, paragraph, quote, reason. JSON: an array "
     "of objects with the same members. With --apply, the suggestions become "
     "annotations tagged with their kind — those already annotated with that "
     "tag are skipped — and the sidecar is saved. With --dismiss, the "
     "suggestions on each range given are recorded in the sidecar as "
     "dismissed; dismissed suggestions are neither listed nor applied, and "
     "the slogan tag's lexicon is suggested wherever it stands."),
  run,
};
