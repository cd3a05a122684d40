/* vigie-feed-webex.c: Webex status, the dashServices JSON
 *
 * https://service-status.webex.com/customer/dashServices/<id>:
 * {serviceName, components: [{componentId, componentName, isGroup, status,
 * components: [...]}], unResolvedIncidents: [{incidentId, incidentName,
 * incidentType, status, impact, startTime, endTime, messages: [...],
 * majorComponents, degradedComponents, maintenanceComponents}], incidents}.
 *
 * The only capture shows every component "operational" and three
 * unresolved entries that are all scheduled maintenance ("impact":
 * "maintenance", "incidentType": "MAINTENANCE", "status": "scheduled").
 * Mapping, kept conservative since no outage was ever captured:
 *
 *  - maintenance (impact or type says so) is never trouble: it is listed
 *    as a maintenance, and turns the service to "maintenance" only while
 *    its window is open (or its status says it is in progress); Webex keeps
 *    routine maintenance in unResolvedIncidents, and treating it as an
 *    incident would leave the service permanently in trouble;
 *  - any other unresolved entry is an incident.  Its severity comes from
 *    the impact word when it is one of the usual ones (degraded → minor,
 *    partial outage → major, major outage → critical), else from the
 *    components it lists as major (major) or degraded (minor); an entry
 *    that says neither is unknown, never "all clear";
 *  - component statuses: "operational" is the only value seen; the usual
 *    Statuspage-like words are read the way the statuspage format reads
 *    them, anything else is unknown.
 *
 * There is no page-wide verdict: the service is the worst of its
 * components and open incidents.
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vigie-feed-webex"

#include "config.h"

#include "vigie-feed-format-private.h"
#include "vigie-json.h"
#include "vigie-limits.h"
#include "vigie-text.h"

/* Groups nest components; deeper trees are not walked */
#define WEBEX_MAX_DEPTH 4

/* Values are folded (vigie_value_fold()): lower case, without "_", "-" or
 * spaces, so that "Degraded Performance" and "degraded_performance" read
 * the same. */
static const VigieValueMap component_map[] = {
  { "operational", VIGIE_SEVERITY_OPERATIONAL },
  { "undermaintenance", VIGIE_SEVERITY_MAINTENANCE },
  { "maintenance", VIGIE_SEVERITY_MAINTENANCE },
  { "degradedperformance", VIGIE_SEVERITY_MINOR },
  { "degraded", VIGIE_SEVERITY_MINOR },
  { "partialoutage", VIGIE_SEVERITY_MAJOR },
  { "majoroutage", VIGIE_SEVERITY_CRITICAL },
};

static const VigieValueMap impact_map[] = {
  { "maintenance", VIGIE_SEVERITY_MAINTENANCE },
  { "degradedperformance", VIGIE_SEVERITY_MINOR },
  { "degraded", VIGIE_SEVERITY_MINOR },
  { "minor", VIGIE_SEVERITY_MINOR },
  { "partialoutage", VIGIE_SEVERITY_MAJOR },
  { "major", VIGIE_SEVERITY_MAJOR },
  { "majoroutage", VIGIE_SEVERITY_CRITICAL },
  { "critical", VIGIE_SEVERITY_CRITICAL },
};

static gboolean
webex_detect (JsonNode *root)
{
  JsonObject *object;

  if (!JSON_NODE_HOLDS_OBJECT (root))
    return FALSE;

  object = json_node_get_object (root);
  if (vigie_json_get_array (object, "unResolvedIncidents") != NULL)
    return TRUE;

  return vigie_json_get_string (object, "serviceName") != NULL
         && json_object_has_member (object, "unResolvedIncidents");
}

static gboolean
is_deleted (JsonObject *object)
{
  return vigie_json_get_boolean (object, "deleted", FALSE);
}

/* Walks the component tree: members of a group become components in that
 * group; a group with no members stands for itself.  Fills @names
 * (componentId -> name) for incidents to name what they affect. */
static VigieSeverity
read_components (VigieSnapshot  *snapshot,
                 JsonArray      *components,
                 const char     *group,
                 guint           depth,
                 GHashTable     *names,
                 char          **out_reason)
{
  VigieSeverity worst = VIGIE_SEVERITY_OPERATIONAL;

  for (guint i = 0; components != NULL && i < json_array_get_length (components); i++)
    {
      JsonObject *component = vigie_json_array_get_object (components, i);
      JsonArray *members;
      g_autofree char *name = NULL;
      g_autofree char *id = NULL;
      const char *status;
      VigieSeverity severity = VIGIE_SEVERITY_UNKNOWN;

      if (component == NULL || is_deleted (component))
        continue;

      name = vigie_text_clean (vigie_json_get_string (component, "componentName"),
                               VIGIE_MAX_NAME_CHARS);
      if (name == NULL)
        continue;

      id = vigie_json_dup_id (component, "componentId");
      if (id != NULL && g_hash_table_size (names) < VIGIE_MAX_COMPONENTS * 2)
        g_hash_table_insert (names, g_steal_pointer (&id), g_strdup (name));

      members = vigie_json_get_array (component, "components");
      if (members != NULL && json_array_get_length (members) > 0 && depth < WEBEX_MAX_DEPTH)
        {
          /* a group's own status only sums up its members */
          worst = vigie_severity_worst (worst, read_components (snapshot, members, name, depth + 1,
                                                                names, out_reason));
          continue;
        }

      status = vigie_json_get_string (component, "status");
      if (!vigie_value_map_lookup_full (component_map, G_N_ELEMENTS (component_map), status,
                                        VIGIE_VALUE_MATCH_FOLDED, &severity)
          && *out_reason == NULL)
        {
          g_autofree char *shown = vigie_feed_shown_value (status);

          *out_reason = status != NULL
                          ? g_strdup_printf ("unknown component status \"%s\"", shown)
                          : g_strdup ("component without status");
        }

      worst = vigie_severity_worst (worst, severity);
      vigie_snapshot_add_component (snapshot, vigie_component_new (name, group, severity));
    }

  return worst;
}

static gboolean
has_entries (JsonObject *object,
             const char *member)
{
  JsonArray *array = vigie_json_get_array (object, member);

  return array != NULL && json_array_get_length (array) > 0;
}

static void
add_affected (VigieIncident *incident,
              JsonObject    *object,
              const char    *member,
              GHashTable    *names)
{
  JsonArray *ids = vigie_json_get_array (object, member);

  for (guint i = 0; ids != NULL && i < json_array_get_length (ids); i++)
    {
      const char *id = vigie_json_array_get_string (ids, i);
      const char *name = id != NULL ? g_hash_table_lookup (names, id) : NULL;

      if (name != NULL && incident->components->len < VIGIE_MAX_COMPONENTS
          && !g_ptr_array_find_with_equal_func (incident->components, name, g_str_equal, NULL))
        g_ptr_array_add (incident->components, g_strdup (name));
    }
}

static VigieIncident *
read_entry (JsonObject *object,
            GHashTable *names)
{
  g_autoptr(VigieIncident) incident = vigie_incident_new ();
  g_autofree char *id = vigie_json_dup_id (object, "incidentId");
  g_autofree char *status = vigie_text_clean (vigie_json_get_string (object, "status"),
                                              VIGIE_MAX_NAME_CHARS);
  JsonArray *messages = vigie_json_get_array (object, "messages");
  /* messages are newest first in the capture; pick by time anyway, among
   * the ones not deleted */
  JsonObject *message = vigie_json_array_find_newest_full (messages, "createTime", NULL,
                                                           is_deleted);

  incident->id = vigie_text_clean (id, VIGIE_MAX_NAME_CHARS);
  incident->title = vigie_text_from_html (vigie_json_get_string (object, "incidentName"),
                                          VIGIE_MAX_TITLE_CHARS);
  if (incident->title == NULL)
    incident->title = g_strdup ("Incident");
  incident->status = status != NULL ? g_ascii_strdown (status, -1) : NULL;
  incident->started_at = vigie_json_get_time (object, "startTime");
  if (incident->started_at == NULL)
    incident->started_at = vigie_json_get_time (object, "createTime");
  incident->updated_at = vigie_json_get_time (object, "lastModifiedTime");
  if (message != NULL)
    incident->latest_update = vigie_text_from_html (vigie_json_get_string (message, "message"),
                                                    VIGIE_MAX_UPDATE_CHARS);

  add_affected (incident, object, "majorComponents", names);
  add_affected (incident, object, "degradedComponents", names);
  add_affected (incident, object, "maintenanceComponents", names);
  add_affected (incident, object, "allAffectedComponentSet", names);

  return g_steal_pointer (&incident);
}

static gboolean
is_maintenance (JsonObject *object)
{
  const char *type = vigie_json_get_string (object, "incidentType");
  VigieSeverity impact;

  return (type != NULL && g_ascii_strcasecmp (type, "MAINTENANCE") == 0)
         || (vigie_value_map_lookup_full (impact_map, G_N_ELEMENTS (impact_map),
                                          vigie_json_get_string (object, "impact"),
                                          VIGIE_VALUE_MATCH_FOLDED, &impact)
             && impact == VIGIE_SEVERITY_MAINTENANCE);
}

static gboolean
status_is_closed (const char *status)
{
  return g_strcmp0 (status, "resolved") == 0 || g_strcmp0 (status, "completed") == 0
         || g_strcmp0 (status, "closed") == 0 || g_strcmp0 (status, "cancelled") == 0
         || g_strcmp0 (status, "canceled") == 0;
}

static gboolean
status_is_running (const char *status)
{
  return g_strcmp0 (status, "in_progress") == 0 || g_strcmp0 (status, "inprogress") == 0
         || g_strcmp0 (status, "in progress") == 0 || g_strcmp0 (status, "started") == 0
         || g_strcmp0 (status, "verifying") == 0;
}

/* Sets *out_reason when the entry says nothing Vigie can read */
static VigieSeverity
entry_severity (JsonObject  *object,
                char       **out_reason)
{
  const char *impact = vigie_json_get_string (object, "impact");
  VigieSeverity severity;

  if (vigie_value_map_lookup_full (impact_map, G_N_ELEMENTS (impact_map), impact,
                                   VIGIE_VALUE_MATCH_FOLDED, &severity)
      && severity != VIGIE_SEVERITY_MAINTENANCE)
    return severity;

  if (has_entries (object, "majorComponents"))
    return VIGIE_SEVERITY_MAJOR;
  if (has_entries (object, "degradedComponents"))
    return VIGIE_SEVERITY_MINOR;

  if (impact != NULL)
    {
      g_autofree char *shown = vigie_feed_shown_value (impact);

      *out_reason = g_strdup_printf ("unknown incident impact \"%s\"", shown);
    }
  else
    {
      *out_reason = g_strdup ("incident without impact");
    }

  return VIGIE_SEVERITY_UNKNOWN;
}

/* A closed entry: resolved at its "closeTime" when it has one */
static void
take_resolved (VigieSnapshot *snapshot,
               JsonObject    *entry,
               VigieIncident *incident)
{
  g_autoptr(GDateTime) closed = vigie_json_get_time (entry, "closeTime");

  if (closed != NULL)
    {
      g_clear_pointer (&incident->updated_at, g_date_time_unref);
      incident->updated_at = g_steal_pointer (&closed);
    }
  incident->severity = VIGIE_SEVERITY_OPERATIONAL;
  vigie_snapshot_add_resolved (snapshot, incident);
}

/* A maintenance entry, dropped when its window is over.
 *
 * Returns: %TRUE when it is under way at @now */
static gboolean
take_maintenance (VigieSnapshot *snapshot,
                  JsonObject    *entry,
                  VigieIncident *incident,
                  GDateTime     *now)
{
  gboolean running = status_is_running (incident->status);

  incident->severity = VIGIE_SEVERITY_MAINTENANCE;
  incident->scheduled_for = vigie_json_get_time (entry, "startTime");
  incident->scheduled_until = vigie_json_get_time (entry, "endTime");

  /* a window that is over, whatever its status still says */
  if (!running && incident->scheduled_until != NULL
      && g_date_time_compare (incident->scheduled_until, now) <= 0)
    {
      vigie_incident_free (incident);
      return FALSE;
    }

  if (running
      || (incident->scheduled_for != NULL
          && g_date_time_compare (incident->scheduled_for, now) <= 0))
    {
      /* the words Vigie's other formats use for a running window */
      g_free (incident->status);
      incident->status = g_strdup ("in_progress");
      running = TRUE;
    }

  vigie_snapshot_add_maintenance (snapshot, incident);
  return running;
}

/* Reads "unResolvedIncidents", which despite its name also holds closed
 * entries and maintenances.  Every open incident counts for the returned
 * state, kept or not; *out_worst is the worst one the snapshot kept, and
 * *inout_reason gets the first unreadable entry's reason unless it has one.
 *
 * Returns: the worst open incident's state, operational when none is */
static VigieSeverity
read_entries (VigieSnapshot        *snapshot,
              JsonArray            *entries,
              GHashTable           *names,
              GDateTime            *now,
              char                **inout_reason,
              const VigieIncident **out_worst,
              gboolean             *out_maintenance_running)
{
  VigieSeverity severity = VIGIE_SEVERITY_OPERATIONAL;

  for (guint i = 0; entries != NULL && i < json_array_get_length (entries); i++)
    {
      JsonObject *entry = vigie_json_array_get_object (entries, i);
      g_autofree char *entry_reason = NULL;
      VigieIncident *incident;

      if (entry == NULL || is_deleted (entry))
        continue;

      incident = read_entry (entry, names);

      if (status_is_closed (incident->status))
        {
          take_resolved (snapshot, entry, incident);
          continue;
        }

      if (is_maintenance (entry))
        {
          if (take_maintenance (snapshot, entry, incident, now))
            *out_maintenance_running = TRUE;
          continue;
        }

      incident->severity = entry_severity (entry, &entry_reason);
      if (entry_reason != NULL && *inout_reason == NULL)
        *inout_reason = g_steal_pointer (&entry_reason);

      severity = vigie_severity_worst (severity, incident->severity);
      if (!vigie_snapshot_add_incident (snapshot, incident))
        continue;
      if (*out_worst == NULL || vigie_severity_compare (incident->severity, (*out_worst)->severity) > 0)
        *out_worst = incident;
    }

  return severity;
}

static VigieSnapshot *
webex_parse (JsonNode   *root,
             GDateTime  *now,
             GError    **error)
{
  g_autoptr(VigieSnapshot) snapshot = NULL;
  g_autoptr(GHashTable) names = NULL;
  g_autofree char *reason = NULL;
  g_autofree char *page_name = NULL;
  JsonObject *object;
  JsonArray *components;
  JsonArray *entries;
  const VigieIncident *worst_incident = NULL;
  VigieSeverity severity = VIGIE_SEVERITY_OPERATIONAL;
  gboolean maintenance_running = FALSE;

  if (!webex_detect (root))
    {
      g_set_error_literal (error, VIGIE_FEED_ERROR, VIGIE_FEED_ERROR_WRONG_FORMAT,
                           "not a webex feed");
      return NULL;
    }

  object = json_node_get_object (root);
  snapshot = vigie_snapshot_new (vigie_feed_format_webex.id);
  names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  page_name = vigie_text_clean (vigie_json_get_string (object, "serviceName"), VIGIE_MAX_NAME_CHARS);
  vigie_snapshot_set_page_name (snapshot, page_name);

  components = vigie_json_get_array (object, "components");
  if (components != NULL)
    severity = read_components (snapshot, components, NULL, 0, names, &reason);

  entries = vigie_json_get_array (object, "unResolvedIncidents");
  if (entries == NULL)
    {
      /* without the list, no all-clear can be read */
      severity = vigie_severity_worst (severity, VIGIE_SEVERITY_UNKNOWN);
      g_clear_pointer (&reason, g_free);
      reason = g_strdup ("no incident list in feed");
    }

  severity = vigie_severity_worst (severity,
                                   read_entries (snapshot, entries, names, now, &reason,
                                                 &worst_incident, &maintenance_running));

  vigie_feed_finish_snapshot (snapshot, severity, maintenance_running, reason, "unknown status",
                              worst_incident != NULL ? worst_incident->title : NULL);

  return g_steal_pointer (&snapshot);
}

const VigieFeedFormat vigie_feed_format_webex = {
  .id = "webex",
  .label = "Webex",
  .min_interval = 0,
  /* "components" lists every component of the page */
  .components_complete = TRUE,
  .detect_json = webex_detect,
  .parse_json = webex_parse,
};
