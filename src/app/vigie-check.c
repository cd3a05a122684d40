/* vigie-check.c: `vigie --check`, one poll of every service, then exit
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vigie-check"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <stdio.h>

#include "vigie-catalog.h"
#include "vigie-check.h"
#include "vigie-fetcher.h"
#include "vigie-service.h"
#include "vigie-text.h"

#define DETAIL_MAX_CHARS 70

typedef struct
{
  guint pending;
} CheckRun;

static void
poll_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  CheckRun *run = user_data;

  /* the service keeps the outcome; the error only matters there */
  vigie_service_poll_finish (VIGIE_SERVICE (object), result, NULL);
  run->pending--;
}

static VigieCheckStatus
status_for (GPtrArray *services)
{
  VigieSeverity worst = VIGIE_SEVERITY_OPERATIONAL;

  for (guint i = 0; i < services->len; i++)
    worst = vigie_severity_worst (worst, vigie_service_get_severity (g_ptr_array_index (services, i)));

  switch (worst)
    {
    case VIGIE_SEVERITY_CRITICAL:
    case VIGIE_SEVERITY_MAJOR:
      return VIGIE_CHECK_CRITICAL;
    case VIGIE_SEVERITY_MINOR:
      return VIGIE_CHECK_WARNING;
    case VIGIE_SEVERITY_UNKNOWN:
      return VIGIE_CHECK_UNKNOWN;
    case VIGIE_SEVERITY_OPERATIONAL:
    case VIGIE_SEVERITY_MAINTENANCE:
    default:
      return VIGIE_CHECK_OK;
    }
}

static void
add_time (JsonBuilder *builder,
          const char  *member,
          GDateTime   *time)
{
  json_builder_set_member_name (builder, member);
  if (time == NULL)
    {
      json_builder_add_null_value (builder);
    }
  else
    {
      g_autoptr(GDateTime) utc = g_date_time_to_utc (time);
      g_autofree char *text = g_date_time_format (utc, "%Y-%m-%dT%H:%M:%SZ");

      json_builder_add_string_value (builder, text);
    }
}

static void
add_string_or_null (JsonBuilder *builder,
                    const char  *member,
                    const char  *value)
{
  json_builder_set_member_name (builder, member);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

static void
add_incidents (JsonBuilder *builder,
               const char  *member,
               GPtrArray   *incidents,
               gboolean     with_schedule)
{
  json_builder_set_member_name (builder, member);
  json_builder_begin_array (builder);
  for (guint i = 0; incidents != NULL && i < incidents->len; i++)
    {
      const VigieIncident *incident = g_ptr_array_index (incidents, i);

      json_builder_begin_object (builder);
      add_string_or_null (builder, "id", incident->id);
      add_string_or_null (builder, "title", incident->title);
      add_string_or_null (builder, "status", incident->status);
      add_string_or_null (builder, "severity", vigie_severity_to_string (incident->severity));
      add_string_or_null (builder, "url", incident->url);
      add_time (builder, "started_at", incident->started_at);
      add_time (builder, "updated_at", incident->updated_at);
      add_string_or_null (builder, "latest_update", incident->latest_update);
      if (with_schedule)
        {
          add_time (builder, "scheduled_for", incident->scheduled_for);
          add_time (builder, "scheduled_until", incident->scheduled_until);
        }
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

static void
add_service (JsonBuilder  *builder,
             VigieService *service)
{
  VigieSnapshot *snapshot = vigie_service_get_snapshot (service);
  VigieSeverity severity = vigie_service_get_severity (service);
  const char *format = vigie_service_get_format (service);
  GPtrArray *components = snapshot != NULL ? vigie_snapshot_get_components (snapshot) : NULL;

  json_builder_begin_object (builder);
  add_string_or_null (builder, "id", vigie_service_get_id (service));
  add_string_or_null (builder, "name", vigie_service_get_display_name (service));
  add_string_or_null (builder, "status_page", vigie_service_get_status_page (service));
  add_string_or_null (builder, "feed", vigie_service_get_feed_url (service));
  add_string_or_null (builder, "format", g_strcmp0 (format, "auto") != 0 ? format : NULL);
  add_string_or_null (builder, "severity", vigie_severity_to_string (severity));
  add_string_or_null (builder, "summary", snapshot != NULL ? vigie_snapshot_get_summary (snapshot)
                                                            : NULL);
  add_string_or_null (builder, "error", vigie_service_get_problem (service));

  json_builder_set_member_name (builder, "components");
  json_builder_begin_array (builder);
  for (guint i = 0; components != NULL && i < components->len; i++)
    {
      const VigieComponent *component = g_ptr_array_index (components, i);

      json_builder_begin_object (builder);
      add_string_or_null (builder, "name", component->name);
      if (component->group != NULL)
        add_string_or_null (builder, "group", component->group);
      add_string_or_null (builder, "severity", vigie_severity_to_string (component->severity));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  add_incidents (builder, "incidents",
                 snapshot != NULL ? vigie_snapshot_get_incidents (snapshot) : NULL, FALSE);
  add_incidents (builder, "maintenances",
                 snapshot != NULL ? vigie_snapshot_get_maintenances (snapshot) : NULL, TRUE);
  json_builder_end_object (builder);
}

static void
print_json (GPtrArray *services)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *text = NULL;
  gsize length = 0;

  json_builder_begin_object (builder);
  add_time (builder, "checked_at", now);
  json_builder_set_member_name (builder, "services");
  json_builder_begin_array (builder);
  for (guint i = 0; i < services->len; i++)
    add_service (builder, g_ptr_array_index (services, i));
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  text = json_generator_to_data (generator, &length);

  /* JSON is UTF-8 whatever the locale: g_print() would convert it to the
   * locale's charset, and under LANG=C (cron, monitoring agents) turn every
   * non-ASCII character into "?". */
  fwrite (text, 1, length, stdout);
  fputc ('\n', stdout);
  fflush (stdout);
}

/* Pads to a width counted in characters, not bytes, so that accented
 * labels line up. */
static void
append_padded (GString    *line,
               const char *text,
               guint       width)
{
  glong length = g_utf8_strlen (text, -1);

  g_string_append (line, text);
  for (glong i = length; i < (glong) width + 2; i++)
    g_string_append_c (line, ' ');
}

static char *
one_line (const char *text)
{
  g_autofree char *flat = g_strdup (text);
  g_autofree char *start = NULL;
  glong length;

  vigie_text_flatten (flat);
  length = g_utf8_strlen (flat, -1);
  if (length <= DETAIL_MAX_CHARS)
    return g_steal_pointer (&flat);

  start = g_utf8_substring (flat, 0, DETAIL_MAX_CHARS - 1);
  return g_strconcat (start, "…", NULL);
}

static char *
detail_for (VigieService *service)
{
  VigieSnapshot *snapshot = vigie_service_get_snapshot (service);
  g_autofree char *problem = vigie_service_dup_problem_label (service);
  GPtrArray *incidents;

  if (problem != NULL)
    return one_line (problem);

  incidents = vigie_snapshot_get_incidents (snapshot);
  if (incidents->len > 0)
    {
      const VigieIncident *incident = g_ptr_array_index (incidents, 0);

      return one_line (incident->title);
    }

  if (vigie_snapshot_get_summary (snapshot) != NULL)
    return one_line (vigie_snapshot_get_summary (snapshot));

  return g_strdup ("");
}

static void
print_table (GPtrArray *services)
{
  /* Translators: column heading of `vigie --check` */
  const char *service_heading = _("Service");
  /* Translators: column heading of `vigie --check` */
  const char *state_heading = _("State");
  /* Translators: column heading of `vigie --check` */
  const char *detail_heading = _("Details");
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) details = g_ptr_array_new_with_free_func (g_free);
  guint name_width = g_utf8_strlen (service_heading, -1);
  guint state_width = g_utf8_strlen (state_heading, -1);
  g_autoptr(GString) line = g_string_new (NULL);

  for (guint i = 0; i < services->len; i++)
    {
      VigieService *service = g_ptr_array_index (services, i);
      const char *label = vigie_severity_get_label (vigie_service_get_severity (service));
      char *name = one_line (vigie_service_get_display_name (service));

      name_width = MAX (name_width, g_utf8_strlen (name, -1));
      g_ptr_array_add (names, name);
      state_width = MAX (state_width, g_utf8_strlen (label, -1));
      g_ptr_array_add (details, detail_for (service));
    }

  append_padded (line, service_heading, name_width);
  append_padded (line, state_heading, state_width);
  g_string_append (line, detail_heading);
  g_print ("%s\n", line->str);

  for (guint i = 0; i < services->len; i++)
    {
      VigieService *service = g_ptr_array_index (services, i);

      g_string_truncate (line, 0);
      append_padded (line, g_ptr_array_index (names, i), name_width);
      append_padded (line, vigie_severity_get_label (vigie_service_get_severity (service)),
                     state_width);
      g_string_append (line, g_ptr_array_index (details, i));
      g_print ("%s\n", g_strchomp (line->str));
    }
}

/**
 * vigie_check_run:
 * @services: (element-type VigieService): what to check
 * @as_json: print the JSON document of DESIGN.md instead of a table
 *
 * Polls every service once, all at the same time, and prints the result.
 * Every fetch is bounded in time, so this always ends.
 *
 * Returns: the monitoring-plugin exit status
 */
VigieCheckStatus
vigie_check_run (GPtrArray *services,
                 gboolean   as_json)
{
  g_autoptr(VigieFetcher) fetcher = vigie_fetcher_new ();
  CheckRun run = { 0 };

  g_return_val_if_fail (services != NULL, VIGIE_CHECK_UNKNOWN);

  for (guint i = 0; i < services->len; i++)
    {
      run.pending++;
      vigie_service_poll_async (g_ptr_array_index (services, i), fetcher, NULL, poll_cb, &run);
    }

  while (run.pending > 0)
    g_main_context_iteration (NULL, TRUE);

  if (as_json)
    print_json (services);
  else
    print_table (services);

  return status_for (services);
}

/**
 * vigie_check_list_services:
 *
 * Prints the catalog as a table: id, name and category of every service
 * Vigie knows, in the catalog's order, with translated headings and
 * categories.
 *
 * Returns: the exit status, 0
 */
int
vigie_check_list_services (void)
{
  g_autoptr(VigieCatalog) catalog = vigie_catalog_dup_default ();
  guint n_entries = vigie_catalog_get_n_entries (catalog);
  /* Translators: column heading of `vigie --list-services`: the identifier
   * to give to --service */
  const char *id_heading = _("ID");
  /* Translators: column heading of `vigie --list-services` */
  const char *name_heading = _("Name");
  /* Translators: column heading of `vigie --list-services` */
  const char *category_heading = _("Category");
  guint id_width = g_utf8_strlen (id_heading, -1);
  guint name_width = g_utf8_strlen (name_heading, -1);
  g_autoptr(GString) line = g_string_new (NULL);

  for (guint i = 0; i < n_entries; i++)
    {
      const VigieCatalogEntry *entry = vigie_catalog_get_entry (catalog, i);

      id_width = MAX (id_width, g_utf8_strlen (entry->id, -1));
      name_width = MAX (name_width, g_utf8_strlen (entry->name, -1));
    }

  append_padded (line, id_heading, id_width);
  append_padded (line, name_heading, name_width);
  g_string_append (line, category_heading);
  g_print ("%s\n", line->str);

  for (guint i = 0; i < n_entries; i++)
    {
      const VigieCatalogEntry *entry = vigie_catalog_get_entry (catalog, i);
      const char *category = vigie_catalog_get_category_label (entry->category);

      g_string_truncate (line, 0);
      append_padded (line, entry->id, id_width);
      append_padded (line, entry->name, name_width);
      g_string_append (line, category != NULL ? category : entry->category);
      g_print ("%s\n", line->str);
    }

  return 0;
}
