/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Marginalia"
#include "config.h"

#include <errno.h>
#include <locale.h>
#include <stdio.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "mg-cli-common.h"

static const MgCliCommand * const commands[] = {
#define MG_CLI_COMMAND(name) &mg_cli_command_##name,
#include "mg-cli-commands.def"
#undef MG_CLI_COMMAND
};

static const MgCliCommand *
find_command (const char *name)
{
  for (gsize i = 0; i < G_N_ELEMENTS (commands); i++)
    if (g_strcmp0 (commands[i]->name, name) == 0)
      return commands[i];
  return NULL;
}

static void
print_help (void)
{
  gsize width = 0;

  mg_cli_print (_("Usage: %s COMMAND [ARGUMENT…]\n"), MG_CLI_PROGRAM);
  mg_cli_print ("\n%s\n\n", _("Annotate speeches: the command-line twin of Marginalia."));
  mg_cli_print ("%s\n", _("Commands:"));
  for (gsize i = 0; i < G_N_ELEMENTS (commands); i++)
    width = MAX (width, strlen (commands[i]->name));
  for (gsize i = 0; i < G_N_ELEMENTS (commands); i++)
    mg_cli_print ("  %-*s  %s\n", (int) width, commands[i]->name,
                  _(commands[i]->summary));
  mg_cli_print ("\n%s\n", _("Options:"));
  mg_cli_print ("  %-*s  %s\n", 12, "-h, --help", _("Show this help"));
  mg_cli_print ("  %-*s  %s\n", 12, "--version", _("Show the version"));
  mg_cli_print ("\n");
  mg_cli_print (_("Run “%s COMMAND --help” for the options of a command.\n"),
                MG_CLI_PROGRAM);
  mg_cli_print ("%s\n",
                _("Exit status: 0 success, 1 wrong usage, 2 bad input data, "
                  "3 failure to write."));
}

/* "marginalia-cli add" in the usage line of the command's --help. */
static void
set_command_prgname (const MgCliCommand *command)
{
  g_autofree char *prgname = g_strdup_printf ("%s %s", MG_CLI_PROGRAM, command->name);

  g_set_prgname (prgname);
}

static int
finish (int status)
{
  /* Output that could not be written (a full disk, a closed pipe) is a
   * failure to write, whatever the command thought. */
  if (fflush (stdout) != 0 || ferror (stdout))
    {
      mg_cli_message (_("could not write the output: %s"), g_strerror (errno));
      return MG_CLI_EXIT_WRITE;
    }
  return status;
}

int
main (int    argc,
      char **argv)
{
  const MgCliCommand *command;

  setlocale (LC_ALL, "");
  /* MARGINALIA_LOCALEDIR lets a build that is not installed find its
   * translations (build-aux/run.sh points it at the build's po/). */
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("MARGINALIA_LOCALEDIR") != NULL
                                    ? g_getenv ("MARGINALIA_LOCALEDIR") : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  if (argc < 2)
    return mg_cli_usage_error (NULL, _("no command given"));

  if (strcmp (argv[1], "--help") == 0 || strcmp (argv[1], "-h") == 0)
    {
      print_help ();
      return finish (MG_CLI_EXIT_OK);
    }
  if (strcmp (argv[1], "--version") == 0)
    {
      mg_cli_print ("%s %s\n", MG_CLI_PROGRAM, PACKAGE_VERSION);
      return finish (MG_CLI_EXIT_OK);
    }
  if (argv[1][0] == '-')
    return mg_cli_usage_error (NULL, _("unknown option “%s”"), argv[1]);

  /* "help COMMAND" is "COMMAND --help". */
  if (strcmp (argv[1], "help") == 0)
    {
      char *help_argv[] = { NULL, (char *) "--help", NULL };

      if (argc < 3)
        {
          print_help ();
          return finish (MG_CLI_EXIT_OK);
        }
      command = find_command (argv[2]);
      if (command == NULL)
        return mg_cli_usage_error (NULL, _("unknown command “%s”"), argv[2]);
      help_argv[0] = argv[2];
      set_command_prgname (command);
      return finish (command->run (command, 2, help_argv));
    }

  command = find_command (argv[1]);
  if (command == NULL)
    return mg_cli_usage_error (NULL, _("unknown command “%s”"), argv[1]);

  set_command_prgname (command);
  mg_cli_memory_prepare (argc - 1, argv + 1);
  return finish (command->run (command, argc - 1, argv + 1));
}
