/* main.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "carta-application.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(CartaApplication) app = NULL;
  /* Run from the build tree, translations are found where they were built. */
  const char *localedir = g_getenv ("CARTA_LOCALEDIR");

  bindtextdomain (GETTEXT_PACKAGE, localedir && *localedir ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  app = carta_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}
