/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Marginalia"
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "mg-cli-common.h"
#include "mg-search.h"
#include "mg-annotation.h"

/* Where the new annotation goes; prints why when it cannot. @occurrence
 * is a result of parse_number() (a count from 1). */
static gboolean
locate (MgCliFiles *files,
        const char *quote,
        const char *occurrence,
        const char *range,
        guint      *out_start,
        guint      *out_end)
{
  guint length = mg_document_get_length (files->document);
  g_autofree char *length_text = g_strdup_printf ("%u", length);

  if (quote != NULL)
    {
      g_autofree char *shown = mg_cli_shorten (quote);
      guint64 nth = 0;
      guint count;

      if (*quote == '\0')
        {
          mg_cli_message (_("the quote given with --quote is empty: give the text to annotate, "
                            "as it appears in %s"), files->document_path);
          return FALSE;
        }
      /* No text holds a quote more often than it has characters. */
      if (mg_cli_compare_numbers (occurrence, length_text) <= 0)
        nth = g_ascii_strtoull (occurrence, NULL, 10);
      if (nth > 0 &&
          mg_search_find_nth (files->document, quote, (guint) nth, out_start, out_end))
        return TRUE;

      /* Not as written: try again ignoring white space, line breaks,
       * full-width forms and quote styles, which copying from a web page
       * or a PDF changes. */
      count = mg_search_count (files->document, quote);
      if (count == 0 && nth > 0 &&
          mg_search_find_nth_folded (files->document, quote, (guint) nth, out_start, out_end))
        {
          g_autofree char *found = mg_document_dup_slice (files->document, *out_start, *out_end);
          g_autofree char *found_shown = mg_cli_shorten (found);

          mg_cli_message (_("“%s” is not in %s as written; annotating “%s”, "
                            "which differs only in spacing or punctuation"),
                          shown, files->document_path, found_shown);
          return TRUE;
        }
      if (count == 0)
        count = mg_search_count_folded (files->document, quote);

      if (count == 0)
        mg_cli_message (_("“%s” is not in %s"), shown, files->document_path);
      else if (nth > 0)
        mg_cli_message (g_dngettext (GETTEXT_PACKAGE,
                                     "%s holds “%s” %u time, not %u",
                                     "%s holds “%s” %u times, not %u",
                                     count),
                        files->document_path, shown, count, (guint) nth);
      else
        mg_cli_message (g_dngettext (GETTEXT_PACKAGE,
                                     "%s holds “%s” %u time, not %s",
                                     "%s holds “%s” %u times, not %s",
                                     count),
                        files->document_path, shown, count, occurrence);
      return FALSE;
    }
  else
    {
      g_autofree char *start = NULL;
      g_autofree char *end = NULL;

      /* The shape of the range was checked with the options; the numbers
       * are compared as given, however large. */
      mg_cli_parse_range (range, &start, &end);
      if (mg_cli_compare_numbers (start, end) == 0)
        {
          mg_cli_message (_("the range %s:%s is empty"), start, end);
          return FALSE;
        }
      if (mg_cli_compare_numbers (start, end) > 0)
        {
          mg_cli_message (_("the range %s:%s is reversed (the start comes after the end)"),
                          start, end);
          return FALSE;
        }
      if (mg_cli_compare_numbers (end, length_text) > 0)
        {
          mg_cli_message (g_dngettext (GETTEXT_PACKAGE,
                                       "the range %s:%s is beyond the end of %s (%u character)",
                                       "the range %s:%s is beyond the end of %s (%u characters)",
                                       length),
                          start, end, files->document_path, length);
          return FALSE;
        }
      *out_start = (guint) g_ascii_strtoull (start, NULL, 10);
      *out_end = (guint) g_ascii_strtoull (end, NULL, 10);
      return TRUE;
    }
}

static int
run (const MgCliCommand *command,
     int                 argc,
     char              **argv)
{
  g_auto(MgCliArgs) args = { 0 };
  g_autoptr(MgCliFiles) files = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *quote = NULL;
  g_autofree char *range = NULL;
  g_autofree char *note = NULL;
  g_autofree char *undone = NULL;
  g_autofree char *author = NULL;
  g_auto(GStrv) tags = NULL;
  g_autoptr(GPtrArray) tag_ids = g_ptr_array_new ();
  MgAnnotation *annotation;
  gboolean star = FALSE;
  g_autofree char *occurrence_arg = NULL;
  g_autofree char *occurrence = NULL;
  guint start = 0, end = 0;
  int status;
  const GOptionEntry entries[] = {
    { "quote", 'q', 0, G_OPTION_ARG_FILENAME, &quote,
      N_("Annotate this text, found in the speech"), N_("TEXT") },
    { "occurrence", 'n', 0, G_OPTION_ARG_FILENAME, &occurrence_arg,
      N_("Take the Nth occurrence of the quote (from 1; default 1)"), N_("N") },
    { "range", 'r', 0, G_OPTION_ARG_FILENAME, &range,
      N_("Annotate the characters from START (inclusive) to END (exclusive)"),
      N_("START:END") },
    { "tag", 't', 0, G_OPTION_ARG_FILENAME_ARRAY, &tags,
      N_("Give the annotation this tag (repeatable)"), N_("ID") },
    { "note", 0, 0, G_OPTION_ARG_FILENAME, &note,
      N_("Attach a note"), N_("TEXT") },
    { "star", 's', 0, G_OPTION_ARG_NONE, &star,
      N_("Star the annotation"), NULL },
    { "author", 0, 0, G_OPTION_ARG_FILENAME, &author,
      N_("Record NAME as the author (default: your name)"), N_("NAME") },
    { NULL }
  };

  /* A second argument is taken to say what went wrong with it. */
  if (!mg_cli_args_parse (&args, command, entries, TRUE, 1, 2, argc, argv, &status))
    return status;
  if (args.n_args == 2)
    {
      /* "add DOC TEXT": the passage was meant, without --quote. */
      if (args.args[1][0] == '\0')
        return mg_cli_usage_error (command,
                                   _("an empty argument follows %s: give the passage to annotate "
                                     "with --quote TEXT (not empty) or --range START:END"),
                                   args.args[0]);
      if (quote == NULL && range == NULL)
        {
          g_autofree char *shown = mg_cli_shorten (args.args[1]);

          return mg_cli_usage_error (command,
                                     _("unexpected argument “%s”: to annotate that text, "
                                       "write --quote before it"), shown);
        }
      return mg_cli_usage_error (command, _("unexpected argument “%s”"), args.args[1]);
    }
  if (!mg_cli_args_text (&args, "--quote", &quote) ||
      !mg_cli_args_text (&args, "--note", &note) ||
      !mg_cli_args_text (&args, "--author", &author) ||
      !mg_cli_args_text_array (&args, "--tag", &tags))
    return MG_CLI_EXIT_USAGE;

  if (quote == NULL && range == NULL)
    return mg_cli_usage_error (command, _("give either --quote or --range"));
  if (quote != NULL && range != NULL)
    return mg_cli_usage_error (command, _("give --quote or --range, not both"));
  if (occurrence_arg != NULL && quote == NULL)
    return mg_cli_usage_error (command, _("--occurrence goes with --quote"));
  occurrence = mg_cli_parse_number (occurrence_arg != NULL ? occurrence_arg : "1");
  if (occurrence == NULL && occurrence_arg[0] != '-')
    return mg_cli_usage_error (command, _("“%s” is not a number"), occurrence_arg);
  if (occurrence == NULL || strcmp (occurrence, "0") == 0)
    return mg_cli_usage_error (command, _("--occurrence counts from 1"));
  if (range != NULL && !mg_cli_parse_range (range, NULL, NULL))
    return mg_cli_usage_error (command, _("“%s” is not a range: write START:END, e.g. 10:24"),
                               range);
  if (author != NULL && *author == '\0')
    return mg_cli_usage_error (command, _("the author's name is empty"));

  files = mg_cli_files_open (args.args[0], args.annotations, TRUE, &status);
  if (files == NULL)
    return status;

  for (guint i = 0; tags != NULL && tags[i] != NULL; i++)
    {
      if (!mg_cli_check_tag (files, tags[i]))
        return MG_CLI_EXIT_DATA;
      if (!g_ptr_array_find_with_equal_func (tag_ids, tags[i], g_str_equal, NULL))
        g_ptr_array_add (tag_ids, tags[i]);
    }
  g_ptr_array_add (tag_ids, NULL);

  if (!locate (files, quote, occurrence, range, &start, &end))
    return MG_CLI_EXIT_DATA;

  annotation = mg_annotation_store_create (files->store, start, end,
                                           (const char * const *) tag_ids->pdata,
                                           note != NULL ? note : "",
                                           star,
                                           author != NULL ? author : mg_annotation_default_author (),
                                           &error);
  if (annotation == NULL)
    return mg_cli_fail (MG_CLI_EXIT_DATA, error);

  /* Should stdout fail once the sidecar is saved (a full disk), nobody
   * received the id: the sidecar is put back as it was. */
  status = mg_cli_files_save (files);
  if (status != MG_CLI_EXIT_OK)
    return status;

  mg_cli_write (mg_annotation_get_id (annotation), -1);
  mg_cli_write ("\n", 1);
  undone = g_strdup_printf (_("nothing was added to %s"), files->sidecar_path);
  return mg_cli_files_finish (files, undone);
}

const MgCliCommand mg_cli_command_add = {
  "add",
  "DOC",
  "DOC (--quote TEXT [--occurrence N] | --range START:END) "
  "[--tag ID]… [--note TEXT] [--star] [--author NAME]",
  N_("Annotate a passage and print the new annotation's id"),
  N_("The passage is the Nth occurrence of a quote, or a range of character "
     "offsets of the normalised text. A quote that is not in the text, an "
     "occurrence past the last, a range that is empty, reversed or beyond "
     "the text, or an unknown tag changes nothing and exits with status 2."),
  run,
};
