/* vigie-feed-statusio.c: Status.io public status API
 *
 * GET https://api.status.io/1.0/status/<page id>:
 * {result: {status_overall: {updated, status, status_code},
 *           status: [{id, name, updated, status, status_code, containers}],
 *           incidents: [...], maintenance: {active: [...], upcoming: [...]}}}
 *
 * Only the all-clear example of the documentation was seen; the incident
 * and maintenance members (_id, name, datetime_open, messages[{details,
 * datetime}], components_affected[{name}], datetime_planned_start/end) come
 * from third-party clients and are read as optional.
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vigie-feed-statusio"

#include "config.h"

#include <string.h>

#include "vigie-feed-format-private.h"
#include "vigie-json.h"
#include "vigie-limits.h"
#include "vigie-text.h"

/* Status codes: 100 Operational and 200 Planned Maintenance are
 * documented; 300 Degraded Performance, 400 Partial Service Disruption,
 * 500 Service Disruption and 600 Security Event are the usual Status.io
 * words.  A security event is treated like a full disruption. */
static gboolean
severity_of_code (gint64         code,
                  VigieSeverity *out_severity)
{
  switch (code)
    {
    case 100:
      *out_severity = VIGIE_SEVERITY_OPERATIONAL;
      return TRUE;
    case 200:
      *out_severity = VIGIE_SEVERITY_MAINTENANCE;
      return TRUE;
    case 300:
      *out_severity = VIGIE_SEVERITY_MINOR;
      return TRUE;
    case 400:
      *out_severity = VIGIE_SEVERITY_MAJOR;
      return TRUE;
    case 500:
    case 600:
      *out_severity = VIGIE_SEVERITY_CRITICAL;
      return TRUE;
    default:
      return FALSE;
    }
}

/* An integer member, also when written as "300" or 300.0 */
static gboolean
get_code (JsonObject *object,
          const char *member,
          gint64     *out_code)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, member) : NULL;
  GType type;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return FALSE;

  type = json_node_get_value_type (node);
  if (type == G_TYPE_INT64)
    {
      *out_code = json_node_get_int (node);
      return TRUE;
    }

  if (type == G_TYPE_DOUBLE)
    {
      double value = json_node_get_double (node);

      if (value < 0 || value > 100000 || value != (double) (gint64) value)
        return FALSE;
      *out_code = (gint64) value;
      return TRUE;
    }

  if (type == G_TYPE_STRING)
    {
      const char *text = json_node_get_string (node);
      gsize len = strlen (text);

      if (len == 0 || len > 6)
        return FALSE;
      for (gsize i = 0; i < len; i++)
        if (!g_ascii_isdigit (text[i]))
          return FALSE;
      *out_code = (gint64) g_ascii_strtoull (text, NULL, 10);
      return TRUE;
    }

  return FALSE;
}

/* Sets *out_reason, if still unset, when the code is missing or unknown. */
static VigieSeverity
severity_of_member (JsonObject  *object,
                    const char  *member,
                    const char  *what,
                    char       **out_reason)
{
  VigieSeverity severity;
  gint64 code;

  if (get_code (object, member, &code))
    {
      if (severity_of_code (code, &severity))
        return severity;
      if (*out_reason == NULL)
        *out_reason = g_strdup_printf ("unknown %s status code %" G_GINT64_FORMAT, what, code);
      return VIGIE_SEVERITY_UNKNOWN;
    }

  if (*out_reason == NULL)
    *out_reason = g_strdup_printf ("%s without status code", what);
  return VIGIE_SEVERITY_UNKNOWN;
}

static gboolean
statusio_detect (JsonNode *root)
{
  JsonObject *result;

  if (!JSON_NODE_HOLDS_OBJECT (root))
    return FALSE;

  result = vigie_json_get_object (json_node_get_object (root), "result");
  return result != NULL
         && (vigie_json_get_object (result, "status_overall") != NULL
             || (vigie_json_get_array (result, "status") != NULL
                 && json_object_has_member (result, "incidents")));
}

static void
add_names (VigieIncident *incident,
           JsonArray     *items)
{
  for (guint i = 0; items != NULL && i < json_array_get_length (items); i++)
    {
      const char *raw = vigie_json_array_get_string (items, i);

      if (raw == NULL)
        raw = vigie_json_get_string (vigie_json_array_get_object (items, i), "name");
      vigie_feed_add_affected_component (incident, raw);
    }
}

static JsonObject *
newest_message (JsonObject *object)
{
  return vigie_json_array_find_newest (vigie_json_get_array (object, "messages"), "datetime", NULL);
}

static VigieIncident *
read_event (JsonObject *object,
            const char *fallback_title)
{
  g_autoptr(VigieIncident) incident = vigie_incident_new ();
  g_autofree char *id = vigie_json_dup_id (object, "_id");
  JsonObject *message = newest_message (object);
  const char *status = vigie_json_get_string (object, "status");

  if (id == NULL)
    id = vigie_json_dup_id (object, "id");
  incident->id = vigie_text_clean (id, VIGIE_MAX_NAME_CHARS);
  incident->title = vigie_text_from_html (vigie_json_get_string (object, "name"),
                                          VIGIE_MAX_TITLE_CHARS);
  if (incident->title == NULL)
    incident->title = g_strdup (fallback_title);
  if (status != NULL)
    {
      g_autofree char *clean = vigie_text_clean (status, VIGIE_MAX_NAME_CHARS);

      incident->status = clean != NULL ? g_ascii_strdown (clean, -1) : NULL;
    }
  incident->url = vigie_link_sanitize (vigie_json_get_string (object, "url"));
  incident->started_at = vigie_json_get_time (object, "datetime_open");
  if (message != NULL)
    {
      incident->latest_update = vigie_text_from_html (vigie_json_get_string (message, "details"),
                                                      VIGIE_MAX_UPDATE_CHARS);
      incident->updated_at = vigie_json_get_time (message, "datetime");
    }
  if (incident->updated_at == NULL && incident->started_at != NULL)
    incident->updated_at = g_date_time_ref (incident->started_at);

  add_names (incident, vigie_json_get_array (object, "components_affected"));
  add_names (incident, vigie_json_get_array (object, "containers_affected"));

  return g_steal_pointer (&incident);
}

static void
read_maintenances (VigieSnapshot *snapshot,
                   JsonArray     *items,
                   gboolean       active)
{
  for (guint i = 0; items != NULL && i < json_array_get_length (items); i++)
    {
      JsonObject *object = vigie_json_array_get_object (items, i);
      VigieIncident *maintenance;

      if (object == NULL)
        continue;

      maintenance = read_event (object, "Scheduled maintenance");
      maintenance->severity = VIGIE_SEVERITY_MAINTENANCE;
      /* the list it sits in is its state, in the words of Vigie's other
       * formats */
      g_free (maintenance->status);
      maintenance->status = g_strdup (active ? "in_progress" : "scheduled");
      maintenance->scheduled_for = vigie_json_get_time (object, "datetime_planned_start");
      maintenance->scheduled_until = vigie_json_get_time (object, "datetime_planned_end");
      vigie_snapshot_add_maintenance (snapshot, maintenance);
    }
}

/* Reads the "status" list, one row per component.
 *
 * Returns: the worst component state, operational when there are none */
static VigieSeverity
read_components (VigieSnapshot *snapshot,
                 JsonArray     *components)
{
  VigieSeverity worst_component = VIGIE_SEVERITY_OPERATIONAL;

  for (guint i = 0; components != NULL && i < json_array_get_length (components); i++)
    {
      JsonObject *component = vigie_json_array_get_object (components, i);
      g_autofree char *name = NULL;
      g_autofree char *component_reason = NULL;
      VigieSeverity component_severity;

      if (component == NULL)
        continue;

      name = vigie_text_clean (vigie_json_get_string (component, "name"), VIGIE_MAX_NAME_CHARS);
      if (name == NULL)
        continue;

      /* its containers (regions, sites) are summed up in its own code */
      component_severity = severity_of_member (component, "status_code", "component", &component_reason);
      worst_component = vigie_severity_worst (worst_component, component_severity);
      vigie_snapshot_add_component (snapshot, vigie_component_new (name, NULL, component_severity));
    }

  return worst_component;
}

/* Reads the "incidents" list: every incident in it is open.
 *
 * Returns: (nullable): the worst incident the snapshot kept, which gives
 *   the summary when the page has none */
static const VigieIncident *
read_incidents (VigieSnapshot *snapshot,
                JsonArray     *incidents)
{
  const VigieIncident *worst_incident = NULL;

  for (guint i = 0; incidents != NULL && i < json_array_get_length (incidents); i++)
    {
      JsonObject *object = vigie_json_array_get_object (incidents, i);
      VigieIncident *incident;
      g_autofree char *unused = NULL;
      JsonObject *message;

      if (object == NULL)
        continue;

      incident = read_event (object, "Incident");
      /* its own code when it has one, else the one its newest message
       * gives ("status", the same codes, in third-party clients) */
      incident->severity = severity_of_member (object, "status_code", "incident", &unused);
      message = newest_message (object);
      if (incident->severity == VIGIE_SEVERITY_UNKNOWN && message != NULL)
        incident->severity = severity_of_member (message, "status", "message", &unused);
      /* an open incident is at least worth a look */
      if (incident->severity == VIGIE_SEVERITY_OPERATIONAL)
        incident->severity = VIGIE_SEVERITY_MINOR;

      if (!vigie_snapshot_add_incident (snapshot, incident))
        continue;
      if (worst_incident == NULL
          || vigie_severity_compare (incident->severity, worst_incident->severity) > 0)
        worst_incident = incident;
    }

  return worst_incident;
}

static VigieSnapshot *
statusio_parse (JsonNode   *root,
                GDateTime  *now,
                GError    **error)
{
  g_autoptr(VigieSnapshot) snapshot = NULL;
  g_autofree char *reason = NULL;
  g_autofree char *summary = NULL;
  JsonObject *result;
  JsonObject *overall;
  JsonObject *maintenance;
  JsonArray *components;
  JsonArray *active = NULL;
  const VigieIncident *worst_incident;
  VigieSeverity severity;
  VigieSeverity worst_component;

  if (!statusio_detect (root))
    {
      g_set_error_literal (error, VIGIE_FEED_ERROR, VIGIE_FEED_ERROR_WRONG_FORMAT,
                           "not a status.io feed");
      return NULL;
    }

  result = vigie_json_get_object (json_node_get_object (root), "result");
  snapshot = vigie_snapshot_new (vigie_feed_format_statusio.id);

  components = vigie_json_get_array (result, "status");
  worst_component = read_components (snapshot, components);
  worst_incident = read_incidents (snapshot, vigie_json_get_array (result, "incidents"));

  maintenance = vigie_json_get_object (result, "maintenance");
  if (maintenance != NULL)
    {
      active = vigie_json_get_array (maintenance, "active");
      read_maintenances (snapshot, active, TRUE);
      read_maintenances (snapshot, vigie_json_get_array (maintenance, "upcoming"), FALSE);
    }

  overall = vigie_json_get_object (result, "status_overall");
  if (overall != NULL)
    {
      /* the page's own verdict; incidents are detail, as on Statuspage */
      severity = severity_of_member (overall, "status_code", "overall", &reason);
      if (severity == VIGIE_SEVERITY_UNKNOWN)
        severity = vigie_severity_worst (severity, worst_component);
    }
  else if (components != NULL && json_array_get_length (components) > 0)
    {
      severity = worst_component;
      if (severity == VIGIE_SEVERITY_UNKNOWN)
        reason = g_strdup ("unknown component status code");
    }
  else
    {
      severity = VIGIE_SEVERITY_UNKNOWN;
      reason = g_strdup ("no status in feed");
    }

  summary = vigie_text_clean (vigie_json_get_string (overall, "status"), VIGIE_MAX_TITLE_CHARS);
  if (summary == NULL && worst_incident != NULL)
    summary = g_strdup (worst_incident->title);
  /* the "active" list is the maintenance under way */
  vigie_feed_finish_snapshot (snapshot, severity,
                              active != NULL && json_array_get_length (active) > 0, reason,
                              "unknown status code", summary);

  return g_steal_pointer (&snapshot);
}

const VigieFeedFormat vigie_feed_format_statusio = {
  .id = "statusio",
  .label = "Status.io",
  .min_interval = 0,
  /* "status" lists every component of the page */
  .components_complete = TRUE,
  .detect_json = statusio_detect,
  .parse_json = statusio_parse,
};
