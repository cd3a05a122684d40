/* vigie-application-options.c: the command line
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vigie-application"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "vigie-application-private.h"
#include "vigie-catalog.h"
#include "vigie-check.h"

/* Returns an exit status, or -1 to go on starting the application */
int
vigie_application_parse_options (VigieApplication *self,
                                 GVariantDict     *options)
{
  GApplication *application = G_APPLICATION (self);
  gboolean check = FALSE;
  gboolean json = FALSE;
  gboolean list_services = FALSE;
  int interval = 0;
  g_autoptr(GSettings) settings = NULL;

  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("%s %s\n", "vigie", PACKAGE_VERSION);
      return 0;
    }

  if (g_variant_dict_lookup (options, "list-services", "b", &list_services) && list_services)
    return vigie_check_list_services ();

  g_variant_dict_lookup (options, "check", "b", &check);
  g_variant_dict_lookup (options, "json", "b", &json);

  /* the configured services: those of the settings (NULL: the defaults) */
  settings = vigie_settings_new_gsettings ();

  g_variant_dict_lookup (options, "feed", "^as", &self->feeds);

  g_variant_dict_lookup (options, "service", "^as", &self->service_ids);
  for (guint i = 0; self->service_ids != NULL && self->service_ids[i] != NULL; i++)
    {
      if (vigie_catalog_lookup (vigie_catalog_get_default (), self->service_ids[i]) == NULL)
        {
          /* Translators: %s is what was given to --service */
          g_printerr (_("Unknown service “%s” (vigie --list-services lists them)"),
                      self->service_ids[i]);
          g_printerr ("\n");
          return 2;
        }
    }

  g_variant_dict_lookup (options, "component", "^as", &self->components);
  for (guint i = 0; self->components != NULL && self->components[i] != NULL; i++)
    {
      const char *choice = self->components[i];
      const char *colon = strchr (choice, ':');
      g_autofree char *id = colon != NULL ? g_strndup (choice, colon - choice) : NULL;

      if (id == NULL || colon[1] == '\0'
          || !vigie_application_is_watched (id, self->feeds, self->service_ids, settings))
        {
          /* Translators: %s is what was given to --component; keep
           * SERVICE:COMPONENT as in the --component option's help */
          g_printerr (_("--component takes SERVICE:COMPONENT, for a service being watched "
                        "(not “%s”)"),
                      choice);
          g_printerr ("\n");
          return 2;
        }
    }

  if (g_variant_dict_lookup (options, "poll-interval", "i", &interval))
    {
      if (interval < 1)
        {
          g_printerr ("%s\n", _("--poll-interval takes a number of seconds, 1 or more"));
          return 2;
        }
      self->poll_interval = (guint) interval;
    }

  if (g_variant_dict_lookup (options, "demo-speed", "d", &self->demo_speed)
      && !(self->demo_speed >= 0.01 && self->demo_speed <= 10000))
    {
      g_printerr ("%s\n", _("--demo-speed takes a factor between 0.01 and 10000"));
      return 2;
    }
  g_variant_dict_lookup (options, "demo", "b", &self->demo);

  if (json && !check)
    {
      g_printerr ("%s\n", _("--json goes with --check"));
      return 2;
    }

  if (check)
    {
      g_autoptr(GPtrArray) services = vigie_application_create_services (self->feeds, self->service_ids,
                                                       self->components, settings);

      return vigie_check_run (services, json);
    }

  /* Started with the session: the tray icon only.  Registered here to
   * know whether Vigie already runs; then there is nothing to do. */
  g_variant_dict_lookup (options, "background", "b", &self->background);
  if (self->background)
    {
      g_autoptr(GError) error = NULL;

      if (!g_application_register (application, NULL, &error))
        {
          g_printerr ("%s\n", error->message);
          return 1;
        }

      if (g_application_get_is_remote (application))
        return 0;
    }

  return -1;
}

void
vigie_application_add_options (VigieApplication *self)
{
  const GOptionEntry entries[] = {
    { "check", 0, 0, G_OPTION_ARG_NONE, NULL,
      N_("Check every service once, print the result and exit"), NULL },
    { "json", 0, 0, G_OPTION_ARG_NONE, NULL,
      N_("With --check, print JSON instead of a table"), NULL },
    { "feed", 0, 0, G_OPTION_ARG_STRING_ARRAY, NULL,
      N_("Watch this feed instead of the configured services (repeatable)"), N_("URL") },
    { "service", 0, 0, G_OPTION_ARG_STRING_ARRAY, NULL,
      N_("Watch this service of the catalog instead of the configured ones (repeatable)"),
      N_("SERVICE") },
    { "component", 0, 0, G_OPTION_ARG_STRING_ARRAY, NULL,
      N_("Watch only this component of a service (repeatable)"), N_("SERVICE:COMPONENT") },
    { "list-services", 0, 0, G_OPTION_ARG_NONE, NULL,
      N_("List the services of the catalog and exit"), NULL },
    { "poll-interval", 0, 0, G_OPTION_ARG_INT, NULL,
      N_("Seconds between two checks of a service"), N_("SECONDS") },
    { "demo", 0, 0, G_OPTION_ARG_NONE, NULL,
      N_("Replay Slack’s outage of 4 January 2021, served from this computer"), NULL },
    { "demo-speed", 0, 0, G_OPTION_ARG_DOUBLE, NULL,
      N_("Play the demo this many times faster than its two minutes"), N_("FACTOR") },
    { "background", 0, 0, G_OPTION_ARG_NONE, NULL,
      N_("Start in the background, with only the tray icon (as at login)"), NULL },
    { "version", 0, 0, G_OPTION_ARG_NONE, NULL, N_("Print the version and exit"), NULL },
    { NULL }
  };

  g_application_add_main_option_entries (G_APPLICATION (self), entries);
  g_application_set_option_context_summary (G_APPLICATION (self),
                                            _("Watch the status of the online tools you work "
                                              "with, and be told when they break."));
}
