/* main.c: Vigie's entry point
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "vigie-application.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(VigieApplication) app = NULL;
  const char *localedir = g_getenv ("VIGIE_LOCALEDIR");

  /* Logs go to stderr: stdout is for `vigie --check` results alone, where
   * GLib would send debug and info messages (this must happen before any
   * thread starts) */
  g_log_writer_default_set_use_stderr (TRUE);

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir != NULL ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  g_set_application_name (_("Vigie"));

  app = vigie_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}
