/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Marginalia"
#include "config.h"

#include <glib/gi18n-lib.h>

#include "mg-cli-common.h"
#include "mg-search.h"
#include "mg-util.h"

/* A decimal offset; one too large for a guint is G_MAXUINT, which is
 * beyond any text. */
static gboolean
parse_offset (const char *s,
              guint      *out_offset)
{
  guint64 value = 0;

  if (*s == '\0')
    return FALSE;
  for (const char *p = s; *p != '\0'; p++)
    if (!g_ascii_isdigit (*p))
      return FALSE;
  if (!g_ascii_string_to_unsigned (s, 10, 0, G_MAXUINT64, &value, NULL))
    value = G_MAXUINT64;
  *out_offset = (guint) MIN (value, (guint64) G_MAXUINT);
  return TRUE;
}

/* "START:END" → two offsets; FALSE when it does not have that shape. */
static gboolean
parse_range (const char *text,
             guint      *out_start,
             guint      *out_end)
{
  g_auto(GStrv) parts = g_strsplit (text, ":", -1);

  return g_strv_length (parts) == 2 &&
         parse_offset (parts[0], out_start) &&
         parse_offset (parts[1], out_end);
}

/* Where the new annotation goes; prints why when it cannot. */
static gboolean
locate (MgCliFiles *files,
        const char *quote,
        guint       occurrence,
        const char *range,
        guint      *out_start,
        guint      *out_end)
{
  guint length = mg_document_get_length (files->document);

  if (quote != NULL)
    {
      guint count;

      if (*quote == '\0')
        {
          mg_cli_message (_("the quote is empty"));
          return FALSE;
        }
      if (mg_search_find_nth (files->document, quote, occurrence, out_start, out_end))
        return TRUE;

      /* Not as written: try again ignoring white space, line breaks,
       * full-width forms and quote styles, which copying from a web page
       * or a PDF changes. */
      count = mg_search_count (files->document, quote);
      if (count == 0 &&
          mg_search_find_nth_folded (files->document, quote, occurrence, out_start, out_end))
        {
          g_autofree char *found = mg_document_dup_slice (files->document, *out_start, *out_end);

          mg_cli_message (_("“%s” is not in %s as written; annotating “%s”, "
                            "which differs only in spacing or punctuation"),
                          quote, files->document_path, found);
          return TRUE;
        }
      if (count == 0)
        count = mg_search_count_folded (files->document, quote);

      if (count == 0)
        mg_cli_message (_("“%s” is not in %s"), quote, files->document_path);
      else
        mg_cli_message (g_dngettext (GETTEXT_PACKAGE,
                                     "%s holds “%s” %u time, not %u",
                                     "%s holds “%s” %u times, not %u",
                                     count),
                        files->document_path, quote, count, occurrence);
      return FALSE;
    }

  /* The shape of the range was checked with the options. */
  parse_range (range, out_start, out_end);
  if (*out_start == *out_end)
    {
      mg_cli_message (_("the range %u:%u is empty"), *out_start, *out_end);
      return FALSE;
    }
  if (*out_start > *out_end)
    {
      mg_cli_message (_("the range %u:%u is reversed (the start comes after the end)"),
                      *out_start, *out_end);
      return FALSE;
    }
  if (*out_end > length)
    {
      mg_cli_message (g_dngettext (GETTEXT_PACKAGE,
                                   "the range %u:%u is beyond the end of %s (%u character)",
                                   "the range %u:%u is beyond the end of %s (%u characters)",
                                   length),
                      *out_start, *out_end, files->document_path, length);
      return FALSE;
    }
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
  g_autofree char *quote = NULL;
  g_autofree char *range = NULL;
  g_autofree char *note = NULL;
  g_autofree char *author = NULL;
  g_auto(GStrv) tags = NULL;
  g_autoptr(GPtrArray) tag_ids = g_ptr_array_new ();
  MgAnnotation *annotation;
  gboolean star = FALSE;
  int occurrence = G_MININT;  /* unset */
  guint start = 0, end = 0;
  int status;
  const GOptionEntry entries[] = {
    { "quote", 'q', 0, G_OPTION_ARG_FILENAME, &quote,
      N_("Annotate this text, found in the speech"), N_("TEXT") },
    { "occurrence", 'n', 0, G_OPTION_ARG_INT, &occurrence,
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

  if (!mg_cli_args_parse (&args, command, entries, TRUE, 1, 1, argc, argv, &status))
    return status;
  if (!mg_cli_args_text (&args, "--quote", &quote) ||
      !mg_cli_args_text (&args, "--note", &note) ||
      !mg_cli_args_text (&args, "--author", &author) ||
      !mg_cli_args_text_array (&args, "--tag", &tags))
    return MG_CLI_EXIT_USAGE;

  if (quote == NULL && range == NULL)
    return mg_cli_usage_error (command, _("give either --quote or --range"));
  if (quote != NULL && range != NULL)
    return mg_cli_usage_error (command, _("give --quote or --range, not both"));
  if (occurrence != G_MININT && quote == NULL)
    return mg_cli_usage_error (command, _("--occurrence goes with --quote"));
  if (occurrence == G_MININT)
    occurrence = 1;
  if (occurrence < 1)
    return mg_cli_usage_error (command, _("--occurrence counts from 1"));
  if (range != NULL && !parse_range (range, &start, &end))
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

  if (!locate (files, quote, (guint) occurrence, range, &start, &end))
    return MG_CLI_EXIT_DATA;

  annotation = mg_annotation_store_create (files->store, start, end,
                                           (const char * const *) tag_ids->pdata,
                                           note != NULL ? note : "",
                                           star,
                                           author != NULL ? author : mg_util_default_author (),
                                           &error);
  if (annotation == NULL)
    return mg_cli_fail (MG_CLI_EXIT_DATA, error);

  status = mg_cli_files_save (files);
  if (status != MG_CLI_EXIT_OK)
    return status;

  mg_cli_write (mg_annotation_get_id (annotation), -1);
  mg_cli_write ("\n", 1);
  return MG_CLI_EXIT_OK;
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
