/* vigie-application.c: the GtkApplication, its command line and lifetime
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vigie-application"

#include "config.h"

#include <glib/gi18n.h>

#include "vigie-application.h"
#include "vigie-catalog.h"
#include "vigie-check.h"

struct _VigieApplication
{
  GtkApplication parent_instance;
};

G_DEFINE_FINAL_TYPE (VigieApplication, vigie_application, GTK_TYPE_APPLICATION)

/* Builds the services to watch: the --feed URLs when given, else the
 * catalog's defaults. */
static GPtrArray *
create_services (GStrv feeds)
{
  g_autoptr(GPtrArray) services = g_ptr_array_new_with_free_func (g_object_unref);

  if (feeds != NULL && feeds[0] != NULL)
    {
      for (guint i = 0; feeds[i] != NULL; i++)
        {
          g_autofree char *id = g_strdup_printf ("feed-%u", i + 1);

          g_ptr_array_add (services, vigie_service_new (id, NULL, NULL, feeds[i], NULL));
        }
    }
  else
    {
      VigieCatalog *catalog = vigie_catalog_get_default ();
      g_auto(GStrv) ids = vigie_catalog_dup_default_ids (catalog);

      for (guint i = 0; ids[i] != NULL; i++)
        g_ptr_array_add (services,
                         vigie_catalog_entry_create_service (vigie_catalog_lookup (catalog, ids[i])));
    }

  return g_steal_pointer (&services);
}

static int
vigie_application_handle_local_options (GApplication *application,
                                        GVariantDict *options)
{
  g_auto(GStrv) feeds = NULL;
  gboolean check = FALSE;
  gboolean json = FALSE;

  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("%s %s\n", "vigie", PACKAGE_VERSION);
      return 0;
    }

  g_variant_dict_lookup (options, "check", "b", &check);
  g_variant_dict_lookup (options, "json", "b", &json);
  g_variant_dict_lookup (options, "feed", "^as", &feeds);

  if (json && !check)
    {
      g_printerr ("%s\n", _("--json goes with --check"));
      return 2;
    }

  if (check)
    {
      g_autoptr(GPtrArray) services = create_services (feeds);

      return vigie_check_run (services, json);
    }

  return G_APPLICATION_CLASS (vigie_application_parent_class)->handle_local_options (application,
                                                                                     options);
}

static void
vigie_application_activate (GApplication *application)
{
  /* The window and the tray come with the desktop front end. */
}

static void
vigie_application_class_init (VigieApplicationClass *klass)
{
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  app_class->handle_local_options = vigie_application_handle_local_options;
  app_class->activate = vigie_application_activate;
}

static void
vigie_application_init (VigieApplication *self)
{
  const GOptionEntry entries[] = {
    { "check", 0, 0, G_OPTION_ARG_NONE, NULL,
      N_("Check every service once, print the result and exit"), NULL },
    { "json", 0, 0, G_OPTION_ARG_NONE, NULL,
      N_("With --check, print JSON instead of a table"), NULL },
    { "feed", 0, 0, G_OPTION_ARG_STRING_ARRAY, NULL,
      N_("Watch this feed instead of the configured services (repeatable)"), N_("URL") },
    { "poll-interval", 0, 0, G_OPTION_ARG_INT, NULL,
      N_("Seconds between two checks of a service"), N_("SECONDS") },
    { "version", 0, 0, G_OPTION_ARG_NONE, NULL, N_("Print the version and exit"), NULL },
    { NULL }
  };

  g_application_add_main_option_entries (G_APPLICATION (self), entries);
  g_application_set_option_context_parameter_string (G_APPLICATION (self), NULL);
  g_application_set_option_context_summary (G_APPLICATION (self),
                                            _("Watch the status of the online tools you work "
                                              "with, and be told when they break."));
}

VigieApplication *
vigie_application_new (void)
{
  return g_object_new (VIGIE_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_DEFAULT_FLAGS,
                       NULL);
}
