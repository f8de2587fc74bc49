/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Marginalia"
#include "config.h"

#include <locale.h>
#include <glib/gi18n.h>

#include "mg-application.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(MgApplication) app = NULL;

  setlocale (LC_ALL, "");
  /* MARGINALIA_LOCALEDIR lets a build that is not installed find its
   * translations (build-aux/run.sh points it at the build's po/). */
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("MARGINALIA_LOCALEDIR") != NULL
                                    ? g_getenv ("MARGINALIA_LOCALEDIR") : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  g_set_application_name (_("Marginalia"));

  app = mg_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}
