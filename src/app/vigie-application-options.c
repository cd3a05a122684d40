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
#include "vigie-text.h"

/* Longest --poll-interval: a day (a poll a day is already no watch) */
#define MAX_POLL_INTERVAL_SECONDS (24 * 60 * 60)

static const GOptionEntry option_entries[] = {
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
  /* strings, not numbers: GOption's own errors would exit with 1, which
   * reads as a minor incident; Vigie says what is wrong and exits 64 */
  { "poll-interval", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("Seconds between two checks of a service"), N_("SECONDS") },
  { "demo", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Replay Slack’s outage of 4 January 2021, served from this computer"), NULL },
  { "demo-speed", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("Play the demo this many times faster than its two minutes"), N_("FACTOR") },
  { "background", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Start in the background, with only the tray icon (as at login)"), NULL },
  { "version", 0, 0, G_OPTION_ARG_NONE, NULL, N_("Print the version and exit"), NULL },
  { NULL }
};

/* Options that GApplication, GTK and GDK add to Vigie's: accepted as they
 * are, GApplication and GTK parse them */
static const GOptionEntry platform_entries[] = {
  { "gapplication-service", 0, 0, G_OPTION_ARG_NONE, NULL, NULL, NULL },
  { "display", 0, 0, G_OPTION_ARG_STRING, NULL, NULL, NULL },
  { "class", 0, 0, G_OPTION_ARG_STRING, NULL, NULL, NULL },
  { "name", 0, 0, G_OPTION_ARG_STRING, NULL, NULL, NULL },
  { "gtk-module", 0, 0, G_OPTION_ARG_STRING, NULL, NULL, NULL },
  { "g-fatal-warnings", 0, 0, G_OPTION_ARG_NONE, NULL, NULL, NULL },
  { "gdk-debug", 0, 0, G_OPTION_ARG_STRING, NULL, NULL, NULL },
  { "gdk-no-debug", 0, 0, G_OPTION_ARG_STRING, NULL, NULL, NULL },
  { "gtk-debug", 0, 0, G_OPTION_ARG_STRING, NULL, NULL, NULL },
  { "gtk-no-debug", 0, 0, G_OPTION_ARG_STRING, NULL, NULL, NULL },
  { NULL }
};

/* Vigie's own option, or GApplication's, GTK's, GDK's, named @name */
static const GOptionEntry *
lookup_entry (const char *name)
{
  const GOptionEntry *lists[] = { option_entries, platform_entries };

  for (guint l = 0; l < G_N_ELEMENTS (lists); l++)
    for (guint i = 0; lists[l][i].long_name != NULL; i++)
      if (g_str_equal (name, lists[l][i].long_name))
        return &lists[l][i];

  return NULL;
}

static gboolean
accept_option_cb (const char  *option_name,
                  const char  *value,
                  gpointer     data,
                  GError     **error)
{
  return TRUE;
}

static gboolean
is_help_option (const char *argument)
{
  return g_str_equal (argument, "-h") || g_str_equal (argument, "-?")
         || g_str_equal (argument, "--help") || g_str_has_prefix (argument, "--help-");
}

/* The first argument that looks like an option and is not one of ours */
static const char *
find_unknown_option (char **arguments)
{
  for (guint i = 1; arguments[i] != NULL; i++)
    {
      const char *argument = arguments[i];
      g_autofree char *name = NULL;
      const GOptionEntry *entry;

      if (g_str_equal (argument, "--"))
        return NULL;
      if (!g_str_has_prefix (argument, "--"))
        {
          if (argument[0] == '-' && argument[1] != '\0')
            return argument;
          continue;
        }

      name = g_strndup (argument + 2, strcspn (argument + 2, "="));
      entry = lookup_entry (name);
      if (entry == NULL)
        return argument;

      /* "--feed URL": the value is the next argument */
      if (strchr (argument, '=') == NULL && entry->arg != G_OPTION_ARG_NONE
          && arguments[i + 1] != NULL)
        i++;
    }

  return NULL;
}

static void
print_usage_error (const char *message)
{
  g_printerr ("%s\n", message);
}

/**
 * vigie_application_check_arguments:
 * @arguments: the command line, as main() got it
 *
 * GApplication's own parsing exits with 1 on an unknown option, and
 * ignores extra arguments: both are usage errors here, told in one
 * translated line (exit status %VIGIE_EXIT_USAGE).  The values themselves
 * are checked in vigie_application_parse_options().
 *
 * Returns: %FALSE after printing a usage error
 */
gboolean
vigie_application_check_arguments (VigieApplication  *self,
                                   char             **arguments)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GArray) entries = g_array_new (TRUE, TRUE, sizeof (GOptionEntry));
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) rest = NULL;

  if (arguments == NULL || arguments[0] == NULL)
    return TRUE;

  /* --help is GApplication's, and goes no further */
  for (guint i = 1; arguments[i] != NULL && !g_str_equal (arguments[i], "--"); i++)
    if (is_help_option (arguments[i]))
      return TRUE;

  /* the same options, each accepting any value: only the shape of the
   * command line is checked here */
  for (guint l = 0; l < 2; l++)
    {
      const GOptionEntry *list = l == 0 ? option_entries : platform_entries;

      for (guint i = 0; list[i].long_name != NULL; i++)
        {
          GOptionEntry entry = list[i];

          if (entry.arg == G_OPTION_ARG_NONE)
            entry.flags |= G_OPTION_FLAG_NO_ARG;
          entry.arg = G_OPTION_ARG_CALLBACK;
          entry.arg_data = (gpointer) accept_option_cb;
          g_array_append_val (entries, entry);
        }
    }

  context = g_option_context_new (NULL);
  g_option_context_set_help_enabled (context, FALSE);
  g_option_context_add_main_entries (context, (GOptionEntry *) (void *) entries->data, NULL);

  rest = g_strdupv (arguments);
  if (!g_option_context_parse_strv (context, &rest, &error))
    {
      const char *unknown = find_unknown_option (arguments);
      g_autofree char *message = NULL;

      if (g_error_matches (error, G_OPTION_ERROR, G_OPTION_ERROR_UNKNOWN_OPTION) && unknown != NULL)
        /* Translators: %s is an option Vigie does not have, as typed */
        message = g_strdup_printf (_("Unknown option “%s” (vigie --help lists the options)"),
                                   unknown);
      else
        /* GLib's message, in the user's language when GLib is translated:
         * "Missing argument for --feed" */
        message = g_strdup (error->message);

      print_usage_error (message);
      return FALSE;
    }

  for (guint i = 1; rest[i] != NULL; i++)
    {
      g_autofree char *message = NULL;

      if (g_str_equal (rest[i], "--"))
        continue;

      /* Translators: %s is an argument given to vigie that is not an option */
      message = g_strdup_printf (_("Unexpected argument “%s”: Vigie takes only options "
                                   "(vigie --help lists them)"),
                                 rest[i]);
      print_usage_error (message);
      return FALSE;
    }

  return TRUE;
}

/* Whether @name is among @entry's declared components, without regard
 * to case, as the component filter itself compares them */
static gboolean
is_declared_component (const VigieCatalogEntry *entry,
                       const char              *name)
{
  g_autofree char *normalized = g_utf8_normalize (name, -1, G_NORMALIZE_DEFAULT);
  g_autofree char *key = normalized != NULL ? g_utf8_casefold (normalized, -1) : NULL;

  for (guint i = 0; entry->components[i] != NULL; i++)
    {
      g_autofree char *declared = g_utf8_normalize (entry->components[i], -1,
                                                    G_NORMALIZE_DEFAULT);
      g_autofree char *declared_key = declared != NULL ? g_utf8_casefold (declared, -1) : NULL;

      if (key != NULL && g_strcmp0 (key, declared_key) == 0)
        return TRUE;
    }

  return FALSE;
}

/* Checks a --component choice; returns a usage error, or NULL */
static char *
check_component (VigieApplication *self,
                 const char       *choice,
                 GSettings        *settings)
{
  const char *colon = strchr (choice, ':');
  g_autofree char *id = colon != NULL ? g_strndup (choice, colon - choice) : NULL;
  g_autoptr(VigieCatalog) catalog = NULL;
  const VigieCatalogEntry *entry;

  if (id == NULL || colon[1] == '\0'
      || !vigie_application_is_watched (id, self->feeds, self->service_ids, settings))
    /* Translators: %s is what was given to --component; keep
     * SERVICE:COMPONENT as in the --component option's help */
    return g_strdup_printf (_("--component takes SERVICE:COMPONENT, for a service being watched "
                              "(not “%s”)"),
                            choice);

  /* The catalog lists the components of some services: a name outside
   * the list is a typo, said now.  Other services' components (a --feed)
   * are known only once the feed is read: a name the feed does not have
   * then makes the service unknown, "components missing". */
  catalog = vigie_catalog_dup_default ();
  entry = vigie_catalog_lookup (catalog, id);
  if (entry != NULL && entry->components != NULL && entry->components[0] != NULL
      && !is_declared_component (entry, colon + 1))
    {
      g_autofree char *names = g_strjoinv (", ", entry->components);

      /* Translators: %1$s is a service name, %2$s a component name as
       * given, %3$s the service's components, separated by commas */
      return g_strdup_printf (_("%1$s has no component “%2$s” (its components: %3$s)"),
                              entry->name, colon + 1, names);
    }

  return NULL;
}

/* Returns an exit status, or -1 to go on starting the application */
int
vigie_application_parse_options (VigieApplication *self,
                                 GVariantDict     *options)
{
  GApplication *application = G_APPLICATION (self);
  gboolean check = FALSE;
  gboolean json = FALSE;
  gboolean list_services = FALSE;
  g_autofree char *interval = NULL;
  g_autofree char *speed = NULL;
  g_autoptr(GSettings) settings = NULL;
  gboolean changes_watch;

  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("%s %s\n", "vigie", PACKAGE_VERSION);
      return 0;
    }

  if (g_variant_dict_lookup (options, "list-services", "b", &list_services) && list_services)
    return vigie_check_list_services ();

  g_variant_dict_lookup (options, "check", "b", &check);
  g_variant_dict_lookup (options, "json", "b", &json);

  if (json && !check)
    {
      print_usage_error (_("--json goes with --check"));
      return VIGIE_EXIT_USAGE;
    }

  /* the configured services: those of the settings (NULL: the defaults) */
  settings = vigie_settings_new_gsettings ();

  g_variant_dict_lookup (options, "feed", "^as", &self->feeds);
  for (guint i = 0; self->feeds != NULL && self->feeds[i] != NULL; i++)
    {
      if (!vigie_link_is_fetchable (self->feeds[i]))
        {
          /* Translators: %s is what was given to --feed */
          g_autofree char *message = g_strdup_printf (
            _("--feed takes an https: address (http: only on this computer), not “%s”"),
            self->feeds[i]);

          print_usage_error (message);
          return VIGIE_EXIT_USAGE;
        }
    }

  g_variant_dict_lookup (options, "service", "^as", &self->service_ids);
  for (guint i = 0; self->service_ids != NULL && self->service_ids[i] != NULL; i++)
    {
      g_autoptr(VigieCatalog) catalog = vigie_catalog_dup_default ();

      if (vigie_catalog_lookup (catalog, self->service_ids[i]) == NULL)
        {
          /* Translators: %s is what was given to --service */
          g_autofree char *message = g_strdup_printf (
            _("Unknown service “%s” (vigie --list-services lists them)"), self->service_ids[i]);

          print_usage_error (message);
          return VIGIE_EXIT_USAGE;
        }
    }

  g_variant_dict_lookup (options, "component", "^as", &self->components);
  for (guint i = 0; self->components != NULL && self->components[i] != NULL; i++)
    {
      g_autofree char *message = check_component (self, self->components[i], settings);

      if (message != NULL)
        {
          print_usage_error (message);
          return VIGIE_EXIT_USAGE;
        }
    }

  if (g_variant_dict_lookup (options, "poll-interval", "s", &interval))
    {
      guint64 seconds = 0;

      if (!g_ascii_string_to_unsigned (interval, 10, 1, MAX_POLL_INTERVAL_SECONDS, &seconds,
                                       NULL))
        {
          /* Translators: %1$u is the longest interval allowed, %2$s what
           * was given to --poll-interval */
          g_autofree char *message = g_strdup_printf (
            _("--poll-interval takes a number of seconds from 1 to %1$u, not “%2$s”"),
            (guint) MAX_POLL_INTERVAL_SECONDS, interval);

          print_usage_error (message);
          return VIGIE_EXIT_USAGE;
        }
      self->poll_interval = (guint) seconds;
    }

  if (g_variant_dict_lookup (options, "demo-speed", "s", &speed))
    {
      char *end = NULL;

      self->demo_speed = g_strtod (speed, &end);
      if (end == speed || *end != '\0' || !(self->demo_speed >= 0.01 && self->demo_speed <= 10000))
        {
          /* Translators: %s is what was given to --demo-speed */
          g_autofree char *message = g_strdup_printf (
            _("--demo-speed takes a factor between 0.01 and 10000, not “%s”"), speed);

          print_usage_error (message);
          return VIGIE_EXIT_USAGE;
        }
    }
  g_variant_dict_lookup (options, "demo", "b", &self->demo);

  if (check)
    {
      g_autoptr(GPtrArray) services = vigie_application_create_services (self->feeds,
                                                                         self->service_ids,
                                                                         self->components,
                                                                         settings);

      return vigie_check_run (services, json);
    }

  /* The demo always plays, beside a running Vigie too: its own instance,
   * which owns no bus name (and saves nothing, see startup) */
  if (self->demo)
    {
      g_application_set_flags (application,
                               g_application_get_flags (application) | G_APPLICATION_NON_UNIQUE);
      return -1;
    }

  g_variant_dict_lookup (options, "background", "b", &self->background);

  /* Started with the session: the tray icon only.  Registered here to
   * know whether Vigie already runs; then there is nothing to do.  Asked
   * to watch other services while Vigie runs: say that this cannot be
   * done from here, rather than open the window and ignore them. */
  changes_watch = vigie_application_has_fixed_services (self->feeds, self->service_ids)
                  || self->components != NULL || self->poll_interval > 0;
  if (self->background || changes_watch)
    {
      g_autoptr(GError) error = NULL;

      if (!g_application_register (application, NULL, &error))
        {
          g_printerr ("%s\n", error->message);
          return 1;
        }

      if (g_application_get_is_remote (application) && changes_watch)
        {
          print_usage_error (_("Vigie is already running: quit it first to watch other "
                               "services or change the interval (or use --check)"));
          return VIGIE_EXIT_USAGE;
        }

      if (g_application_get_is_remote (application))
        return 0;
    }

  return -1;
}

void
vigie_application_add_options (VigieApplication *self)
{
  g_application_add_main_option_entries (G_APPLICATION (self), option_entries);
  g_application_set_option_context_summary (G_APPLICATION (self),
                                            _("Watch the status of the online tools you work "
                                              "with, and be told when they break."));
  g_application_set_option_context_description (
    G_APPLICATION (self),
    _("A --component name is checked against the catalog when it lists the service’s "
      "components; for other services, a name the feed does not have makes the service "
      "unknown (“components missing”)."));
}
