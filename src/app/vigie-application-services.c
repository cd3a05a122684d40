/* vigie-application-services.c: which services a run watches
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vigie-application"

#include "config.h"

#include <string.h>

#include "vigie-application-private.h"
#include "vigie-catalog.h"

gboolean
vigie_application_has_fixed_services (GStrv feeds,
                    GStrv service_ids)
{
  return (feeds != NULL && feeds[0] != NULL) || (service_ids != NULL && service_ids[0] != NULL);
}

/* Whether @id names a service create_services() builds for these options */
gboolean
vigie_application_is_watched (const char *id,
            GStrv       feeds,
            GStrv       service_ids,
            GSettings  *settings)
{
  guint64 n;

  if (!vigie_application_has_fixed_services (feeds, service_ids))
    {
      g_auto(GStrv) configured = vigie_settings_dup_service_ids (settings);

      return g_strv_contains ((const char * const *) configured, id);
    }

  if (service_ids != NULL && g_strv_contains ((const char * const *) service_ids, id))
    return TRUE;

  return feeds != NULL && feeds[0] != NULL && g_str_has_prefix (id, "feed-")
         && g_ascii_string_to_unsigned (id + 5, 10, 1, g_strv_length (feeds), &n, NULL);
}

/* The --component choices for the service @id, or NULL */
static GStrv
dup_components_of (GStrv       components,
                   const char *id)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) names = NULL;
  gsize id_length = strlen (id);

  for (guint i = 0; components != NULL && components[i] != NULL; i++)
    if (g_str_has_prefix (components[i], id) && components[i][id_length] == ':')
      g_strv_builder_add (builder, components[i] + id_length + 1);

  names = g_strv_builder_end (builder);
  return names[0] != NULL ? g_steal_pointer (&names) : NULL;
}

/* Builds the services to watch: the catalog entries of --service and the
 * --feed URLs when either is given, else the configured ones (the
 * settings, or without them the catalog's defaults); each narrowed to its
 * --component choices. */
GPtrArray *
vigie_application_create_services (GStrv      feeds,
                 GStrv      service_ids,
                 GStrv      components,
                 GSettings *settings)
{
  g_autoptr(GPtrArray) services = g_ptr_array_new_with_free_func (g_object_unref);
  /* read only for --service: --feed alone does without it */
  g_autoptr(VigieCatalog) catalog = service_ids != NULL && service_ids[0] != NULL
                                      ? vigie_catalog_dup_default () : NULL;

  for (guint i = 0; service_ids != NULL && service_ids[i] != NULL; i++)
    {
      const VigieCatalogEntry *entry = vigie_catalog_lookup (catalog, service_ids[i]);
      gboolean repeated = FALSE;

      /* the same service twice is watched once */
      for (guint j = 0; j < i && !repeated; j++)
        repeated = g_str_equal (service_ids[i], service_ids[j]);

      if (entry != NULL && !repeated)
        g_ptr_array_add (services, vigie_catalog_entry_create_service (entry));
    }

  for (guint i = 0; feeds != NULL && feeds[i] != NULL; i++)
    {
      g_autofree char *id = g_strdup_printf ("feed-%u", i + 1);

      g_ptr_array_add (services, vigie_service_new (id, NULL, NULL, feeds[i], NULL));
    }

  if (!vigie_application_has_fixed_services (feeds, service_ids))
    {
      g_autoptr(GPtrArray) configured = vigie_settings_create_services (settings);

      g_ptr_array_extend_and_steal (services, g_steal_pointer (&configured));
    }

  for (guint i = 0; i < services->len; i++)
    {
      VigieService *service = g_ptr_array_index (services, i);
      g_auto(GStrv) names = dup_components_of (components, vigie_service_get_id (service));

      if (names != NULL)
        vigie_service_set_components (service, (const char * const *) names);
    }

  return g_steal_pointer (&services);
}
