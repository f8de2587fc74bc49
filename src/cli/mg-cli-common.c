/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Marginalia"
#include "config.h"

#include <stdio.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "mg-cli-common.h"
#include "mg-json-writer.h"

/* Output */

void
mg_cli_write (const char *utf8,
              gssize      length)
{
  if (length < 0)
    length = strlen (utf8);
  fwrite (utf8, 1, length, stdout);
}

static gboolean
locale_takes_utf8 (void)
{
  const char *charset = NULL;

  if (g_get_charset (&charset))
    return TRUE;
  /* The C locale: terminals show UTF-8 bytes better than the "?" a
   * conversion to ASCII would leave. */
  return g_ascii_strcasecmp (charset, "ANSI_X3.4-1968") == 0 ||
         g_ascii_strcasecmp (charset, "ASCII") == 0 ||
         g_ascii_strcasecmp (charset, "US-ASCII") == 0;
}

static void
write_human (FILE       *stream,
             const char *utf8)
{
  g_autofree char *converted = NULL;

  if (!locale_takes_utf8 ())
    {
      const char *charset = NULL;

      g_get_charset (&charset);
      converted = g_convert_with_fallback (utf8, -1, charset, "UTF-8", "?",
                                           NULL, NULL, NULL);
    }
  fputs (converted != NULL ? converted : utf8, stream);
}

void
mg_cli_print (const char *format,
              ...)
{
  g_autofree char *text = NULL;
  va_list args;

  va_start (args, format);
  text = g_strdup_vprintf (format, args);
  va_end (args);
  write_human (stdout, text);
}

char *
mg_cli_shorten (const char *text)
{
  const char *p = text;

  /* Keep MG_CLI_SHORT_TEXT - 1 characters and the ellipsis. */
  for (guint n = 0; *p != '\0'; n++, p = g_utf8_next_char (p))
    if (n == MG_CLI_SHORT_TEXT - 1)
      break;
  if (*p == '\0' || *g_utf8_next_char (p) == '\0')
    return g_strdup (text);
  return g_strdup_printf ("%.*s…", (int) (p - text), text);
}

static void
message_valist (const char *command,
                const char *format,
                va_list     args)
{
  g_autofree char *text = g_strdup_vprintf (format, args);
  g_autofree char *line = NULL;

  if (command != NULL)
    line = g_strdup_printf ("%s %s: %s\n", MG_CLI_PROGRAM, command, text);
  else
    line = g_strdup_printf ("%s: %s\n", MG_CLI_PROGRAM, text);
  fflush (stdout);
  write_human (stderr, line);
}

void
mg_cli_message (const char *format,
                 ...)
{
  va_list args;

  va_start (args, format);
  message_valist (NULL, format, args);
  va_end (args);
}

int
mg_cli_fail (int           status,
             const GError *error)
{
  mg_cli_message ("%s", error->message);
  return status;
}

int
mg_cli_usage_error (const MgCliCommand *command,
                    const char         *format,
                    ...)
{
  g_autofree char *usage = NULL;
  g_autofree char *hint = NULL;
  va_list args;

  va_start (args, format);
  message_valist (command != NULL ? command->name : NULL, format, args);
  va_end (args);

  if (command != NULL)
    {
      usage = g_strdup_printf (_("Usage: %s %s %s\n"),
                               MG_CLI_PROGRAM, command->name, command->synopsis);
      hint = g_strdup_printf (_("Run “%s %s --help” for more information.\n"),
                              MG_CLI_PROGRAM, command->name);
    }
  else
    {
      usage = g_strdup_printf (_("Usage: %s COMMAND [ARGUMENT…]\n"),
                               MG_CLI_PROGRAM);
      hint = g_strdup_printf (_("Run “%s --help” for the list of commands.\n"),
                              MG_CLI_PROGRAM);
    }
  write_human (stderr, usage);
  write_human (stderr, hint);
  return MG_CLI_EXIT_USAGE;
}

/* Options */

static guint
text_width (const char *text,
            gsize       length)
{
  guint width = 0;

  for (const char *p = text; p < text + length; p = g_utf8_next_char (p))
    width += g_unichar_iswide (g_utf8_get_char (p)) ? 2 : 1;
  return width;
}

/* Breaks @text into lines of at most @width columns: at spaces, and
 * before a wide (CJK) character that is not punctuation, so Chinese
 * wraps too. */
static char *
wrap_text (const char *text,
           guint       width)
{
  GString *out = g_string_new (NULL);
  g_autoptr(GString) line = g_string_new (NULL);
  gssize break_at = -1;    /* in line, or -1 */
  gboolean break_space = FALSE;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      gboolean wide = g_unichar_iswide (c);

      if (c == ' ')
        {
          break_at = line->len;
          break_space = TRUE;
        }
      else if (wide && !g_unichar_ispunct (c) && line->len > 0)
        {
          break_at = line->len;
          break_space = FALSE;
        }
      g_string_append_unichar (line, c);

      if (break_at > 0 && text_width (line->str, line->len) > width)
        {
          gsize rest = break_at + (break_space ? 1 : 0);
          gsize end = break_at;

          while (end > 0 && line->str[end - 1] == ' ')
            end--;
          g_string_append_len (out, line->str, end);
          g_string_append_c (out, '\n');
          g_string_erase (line, 0, rest);
          break_at = -1;
        }
    }
  g_string_append (out, line->str);
  return g_string_free (out, FALSE);
}

gboolean
mg_cli_args_parse (MgCliArgs          *args,
                   const MgCliCommand *command,
                   const GOptionEntry *entries,
                   gboolean            with_annotations,
                   guint               min_args,
                   int                 max_args,
                   int                 argc,
                   char              **argv,
                   int                *out_status)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char **parse_argv = NULL;
  int parse_argc = argc;
  gboolean help = FALSE;
  const GOptionEntry common_entries[] = {
    { "annotations", 'a', 0, G_OPTION_ARG_FILENAME, &args->annotations,
      N_("Read and write the annotations in FILE instead of DOC.marginalia.json"),
      N_("FILE") },
    { "help", 'h', 0, G_OPTION_ARG_NONE, &help,
      N_("Show this help"), NULL },
    { NULL }
  };

  memset (args, 0, sizeof *args);
  args->command = command;

  context = g_option_context_new (command->arguments);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_set_help_enabled (context, FALSE);
  g_option_context_set_summary (context, _(command->summary));
  if (command->description != NULL)
    {
      g_autofree char *description = wrap_text (_(command->description), 78);

      g_option_context_set_description (context, description);
    }
  if (entries != NULL)
    g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_add_main_entries (context,
                                     with_annotations ? common_entries : common_entries + 1,
                                     GETTEXT_PACKAGE);

  /* g_option_context_parse() takes the options out of the vector it is
   * given (without freeing the strings): give it a shallow copy. */
  parse_argv = g_new0 (char *, argc + 1);
  memcpy (parse_argv, argv, argc * sizeof (char *));
  if (!g_option_context_parse (context, &parse_argc, &parse_argv, &error))
    {
      *out_status = mg_cli_usage_error (command, "%s", error->message);
      return FALSE;
    }

  if (help)
    {
      g_autofree char *text = g_option_context_get_help (context, TRUE, NULL);

      mg_cli_print ("%s", text);
      *out_status = MG_CLI_EXIT_OK;
      return FALSE;
    }

  /* parse_argv[0] is the command's name. */
  args->n_args = parse_argc > 1 ? parse_argc - 1 : 0;
  args->args = g_new0 (char *, args->n_args + 1);
  for (guint i = 0; i < args->n_args; i++)
    args->args[i] = g_strdup (parse_argv[i + 1]);

  if (args->n_args < min_args)
    {
      *out_status = mg_cli_usage_error (command, _("missing arguments (expected: %s)"),
                                        command->arguments);
      return FALSE;
    }
  if (max_args >= 0 && args->n_args > (guint) max_args)
    {
      *out_status = mg_cli_usage_error (command, _("unexpected argument “%s”"),
                                        args->args[max_args]);
      return FALSE;
    }

  return TRUE;
}

void
mg_cli_args_clear (MgCliArgs *args)
{
  g_clear_pointer (&args->annotations, g_free);
  g_clear_pointer (&args->args, g_strfreev);
  args->n_args = 0;
}

static char *
arg_to_utf8 (const char *value)
{
  if (g_utf8_validate (value, -1, NULL))
    return g_strdup (value);
  return g_locale_to_utf8 (value, -1, NULL, NULL, NULL);
}

gboolean
mg_cli_args_text (MgCliArgs   *args,
                  const char  *option,
                  char       **value)
{
  char *utf8;

  if (*value == NULL)
    return TRUE;
  utf8 = arg_to_utf8 (*value);
  if (utf8 == NULL)
    {
      mg_cli_usage_error (args->command, _("the value of %s is not valid text"), option);
      return FALSE;
    }
  g_free (*value);
  *value = utf8;
  return TRUE;
}

gboolean
mg_cli_args_text_array (MgCliArgs   *args,
                        const char  *option,
                        char      ***values)
{
  if (*values == NULL)
    return TRUE;
  for (guint i = 0; (*values)[i] != NULL; i++)
    if (!mg_cli_args_text (args, option, &(*values)[i]))
      return FALSE;
  return TRUE;
}

/* TSV and JSON */

void
mg_cli_tsv_append_field (GString    *row,
                         const char *field)
{
  if (field == NULL)
    return;
  for (const char *p = field; *p != '\0'; p++)
    {
      switch (*p)
        {
        case '\\':
          g_string_append (row, "\\\\");
          break;
        case '\t':
          g_string_append (row, "\\t");
          break;
        case '\n':
          g_string_append (row, "\\n");
          break;
        case '\r':
          g_string_append (row, "\\r");
          break;
        default:
          g_string_append_c (row, *p);
          break;
        }
    }
}

void
mg_cli_tsv_write_row (const char * const *fields,
                      guint               n_fields)
{
  g_autoptr(GString) row = g_string_new (NULL);

  for (guint i = 0; i < n_fields; i++)
    {
      if (i > 0)
        g_string_append_c (row, '\t');
      mg_cli_tsv_append_field (row, fields[i]);
    }
  g_string_append_c (row, '\n');
  mg_cli_write (row->str, row->len);
}

void
mg_cli_json_write (JsonNode *node)
{
  g_autoptr(GString) out = g_string_new (NULL);

  /* The sidecar's style: "key": value, raw UTF-8. */
  mg_json_append_node (out, node, 0, TRUE);
  g_string_append_c (out, '\n');
  mg_cli_write (out->str, out->len);
}

char *
mg_cli_parse_number (const char *s)
{
  if (*s == '\0')
    return NULL;
  for (const char *p = s; *p != '\0'; p++)
    if (!g_ascii_isdigit (*p))
      return NULL;
  while (s[0] == '0' && s[1] != '\0')
    s++;
  return g_strdup (s);
}

int
mg_cli_compare_numbers (const char *a,
                 const char *b)
{
  gsize la = strlen (a);
  gsize lb = strlen (b);

  if (la != lb)
    return la < lb ? -1 : 1;
  return strcmp (a, b);
}

gboolean
mg_cli_parse_range (const char  *text,
             char       **out_start,
             char       **out_end)
{
  g_auto(GStrv) parts = g_strsplit (text, ":", -1);
  g_autofree char *start = NULL;
  g_autofree char *end = NULL;

  if (g_strv_length (parts) != 2)
    return FALSE;
  start = mg_cli_parse_number (parts[0]);
  end = mg_cli_parse_number (parts[1]);
  if (start == NULL || end == NULL)
    return FALSE;
  if (out_start != NULL)
    *out_start = g_steal_pointer (&start);
  if (out_end != NULL)
    *out_end = g_steal_pointer (&end);
  return TRUE;
}
