/* vigie-feed-slack.c: Slack Status API v2.0.0, "current" endpoint
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vigie-feed-slack"

#include "config.h"

#include "vigie-feed-format-private.h"
#include "vigie-json.h"
#include "vigie-limits.h"
#include "vigie-text.h"

/* Slack has no page-wide level.  An outage spread over this many of its
 * features is the whole product down (4 January 2021: every listed service
 * was upgraded to "outage"), which is what "critical" means here. */
#define SLACK_CRITICAL_SERVICE_COUNT 5

/* The features Slack's documentation lists today; the feed names only the
 * affected ones, so this gives every component a known baseline. */
static const char * const slack_services[] = {
  "Login/SSO", "Messaging", "Notifications", "Search", "Workspace/Org Administration",
  "Canvases", "Connectivity", "Files", "Huddles", "Apps/Integrations/APIs", "Workflows",
};

static gboolean
slack_detect (JsonNode *root)
{
  JsonObject *object;
  const char *status;

  if (!JSON_NODE_HOLDS_OBJECT (root))
    return FALSE;

  object = json_node_get_object (root);
  if (vigie_json_get_array (object, "active_incidents") != NULL)
    return TRUE;

  /* the terse "all clear" answer carries no list on some versions */
  status = vigie_json_get_string (object, "status");
  return status != NULL && vigie_json_get_string (object, "date_updated") != NULL
         && json_object_get_member (object, "page") == NULL;
}

static VigieSeverity
severity_of_type (const char *type,
                  guint       n_services)
{
  if (g_strcmp0 (type, "incident") == 0 || g_strcmp0 (type, "notice") == 0)
    return VIGIE_SEVERITY_MINOR;

  if (g_strcmp0 (type, "outage") == 0)
    return n_services >= SLACK_CRITICAL_SERVICE_COUNT ? VIGIE_SEVERITY_CRITICAL
                                                      : VIGIE_SEVERITY_MAJOR;

  return VIGIE_SEVERITY_UNKNOWN;
}

static gboolean
status_is_closed (const char *status)
{
  return g_strcmp0 (status, "resolved") == 0 || g_strcmp0 (status, "completed") == 0
         || g_strcmp0 (status, "cancelled") == 0 || g_strcmp0 (status, "ok") == 0;
}

static VigieIncident *
read_item (JsonObject *object,
           GDateTime  *now,
           gboolean   *out_is_maintenance)
{
  g_autoptr(VigieIncident) incident = vigie_incident_new ();
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  JsonArray *services = vigie_json_get_array (object, "services");
  JsonObject *note;
  const char *status = vigie_json_get_string (object, "status");

  incident->id = vigie_json_dup_id (object, "id");
  if (incident->id != NULL)
    {
      char *clean = vigie_text_clean (incident->id, VIGIE_MAX_NAME_CHARS);

      g_free (incident->id);
      incident->id = clean;
    }
  incident->title = vigie_text_from_html (vigie_json_get_string (object, "title"),
                                          VIGIE_MAX_TITLE_CHARS);
  if (incident->title == NULL)
    incident->title = g_strdup ("Incident");
  incident->status = vigie_text_clean (status, VIGIE_MAX_NAME_CHARS);
  incident->url = vigie_link_sanitize (vigie_json_get_string (object, "url"));
  incident->started_at = vigie_json_get_time (object, "date_created");
  incident->updated_at = vigie_json_get_time (object, "date_updated");

  /* a set, not a search of the list, for each name: a hostile list of
   * many names would make that quadratic */
  for (guint i = 0; services != NULL && i < json_array_get_length (services)
                    && incident->components->len < VIGIE_MAX_COMPONENTS; i++)
    {
      char *name = vigie_text_clean (vigie_json_array_get_string (services, i),
                                     VIGIE_MAX_NAME_CHARS);

      if (name != NULL && !g_hash_table_contains (seen, name))
        {
          g_hash_table_add (seen, name);
          g_ptr_array_add (incident->components, name);
        }
      else
        {
          g_free (name);
        }
    }

  /* notes are newest first in every capture; pick by time to be safe */
  note = vigie_json_array_find_newest (vigie_json_get_array (object, "notes"),
                                       "date_created", NULL);
  if (note != NULL)
    incident->latest_update = vigie_text_from_html (vigie_json_get_string (note, "body"),
                                                    VIGIE_MAX_UPDATE_CHARS);

  *out_is_maintenance = g_strcmp0 (status, "scheduled") == 0;
  if (*out_is_maintenance)
    {
      /* date_created is when the maintenance begins */
      incident->scheduled_for = incident->started_at ? g_date_time_ref (incident->started_at)
                                                     : NULL;
      incident->severity = VIGIE_SEVERITY_MAINTENANCE;
    }
  else if (g_strcmp0 (status, "active") == 0)
    {
      incident->severity = severity_of_type (vigie_json_get_string (object, "type"),
                                             incident->components->len);
    }
  else
    {
      incident->severity = VIGIE_SEVERITY_UNKNOWN;
    }

  return g_steal_pointer (&incident);
}

static gboolean
maintenance_has_begun (const VigieIncident *maintenance,
                       GDateTime           *now)
{
  /* date_created is when it begins; without one, take it as begun */
  return maintenance->scheduled_for == NULL
         || g_date_time_compare (maintenance->scheduled_for, now) <= 0;
}

static void
mark_components (VigieSnapshot       *snapshot,
                 const VigieIncident *incident,
                 VigieSeverity        severity)
{
  GPtrArray *components = vigie_snapshot_get_components (snapshot);

  for (guint j = 0; j < incident->components->len; j++)
    {
      const char *name = g_ptr_array_index (incident->components, j);
      VigieComponent *component = vigie_feed_find_component (components, name);

      if (component == NULL)
        {
          component = vigie_component_new (name, NULL, VIGIE_SEVERITY_OPERATIONAL);
          if (!vigie_snapshot_add_component (snapshot, component))
            continue;
        }

      /* a component can be both operational and in trouble only
       * through "unknown": keep the worse */
      component->severity = vigie_severity_worst (component->severity, severity);
    }
}

/* Components: Slack's documented features, operational unless an open
 * incident or a maintenance under way names them, plus any other feature
 * these name. */
static void
add_components (VigieSnapshot *snapshot,
                GDateTime     *now)
{
  GPtrArray *incidents = vigie_snapshot_get_incidents (snapshot);
  GPtrArray *maintenances = vigie_snapshot_get_maintenances (snapshot);

  for (guint i = 0; i < G_N_ELEMENTS (slack_services); i++)
    vigie_snapshot_add_component (snapshot, vigie_component_new (slack_services[i], NULL,
                                                                 VIGIE_SEVERITY_OPERATIONAL));

  for (guint i = 0; i < incidents->len; i++)
    {
      const VigieIncident *incident = g_ptr_array_index (incidents, i);

      mark_components (snapshot, incident, incident->severity);
    }

  for (guint i = 0; i < maintenances->len; i++)
    {
      const VigieIncident *maintenance = g_ptr_array_index (maintenances, i);

      if (maintenance_has_begun (maintenance, now))
        mark_components (snapshot, maintenance, VIGIE_SEVERITY_MAINTENANCE);
    }
}

/* What the items said, for the verdict on the top-level status */
typedef struct
{
  VigieSeverity severity;              /* the worst open incident's */
  const VigieIncident *worst_incident; /* the worst one the snapshot kept */
  gboolean maintenance_running;
  guint n_open;
  guint n_explained;                   /* resolved, or maintenances still to come */
} Items;

/* Reads "active_incidents", which holds incidents, maintenances and
 * resolved items alike */
static void
read_items (VigieSnapshot *snapshot,
            JsonArray     *items,
            GDateTime     *now,
            Items         *out)
{
  guint n_items = items != NULL ? json_array_get_length (items) : 0;

  for (guint i = 0; i < n_items; i++)
    {
      JsonObject *item = vigie_json_array_get_object (items, i);
      VigieIncident *incident;
      gboolean is_maintenance;

      if (item == NULL)
        continue;

      incident = read_item (item, now, &is_maintenance);
      if (status_is_closed (incident->status))
        {
          /* its date_updated is when it ended */
          incident->severity = VIGIE_SEVERITY_OPERATIONAL;
          vigie_snapshot_add_resolved (snapshot, incident);
          out->n_explained++;
          continue;
        }

      if (is_maintenance)
        {
          if (maintenance_has_begun (incident, now))
            out->maintenance_running = TRUE;
          else
            out->n_explained++;
          vigie_snapshot_add_maintenance (snapshot, incident);
          continue;
        }

      /* every open incident counts for the state, kept or not; only a
       * kept one (the snapshot frees the others) may give the summary */
      out->severity = vigie_severity_worst (out->severity, incident->severity);
      out->n_open++;
      if (vigie_snapshot_add_incident (snapshot, incident)
          && (out->worst_incident == NULL
              || vigie_severity_compare (incident->severity, out->worst_incident->severity) > 0))
        out->worst_incident = incident;
    }
}

static VigieSnapshot *
slack_parse (JsonNode   *root,
             GDateTime  *now,
             GError    **error)
{
  g_autoptr(VigieSnapshot) snapshot = NULL;
  g_autofree char *reason = NULL;
  Items items = { VIGIE_SEVERITY_OPERATIONAL, NULL, FALSE, 0, 0 };
  JsonObject *object;
  const char *status;
  VigieSeverity severity;

  if (!slack_detect (root))
    {
      g_set_error_literal (error, VIGIE_FEED_ERROR, VIGIE_FEED_ERROR_WRONG_FORMAT,
                           "not a slack feed");
      return NULL;
    }

  object = json_node_get_object (root);
  status = vigie_json_get_string (object, "status");

  snapshot = vigie_snapshot_new (vigie_feed_format_slack.id);
  vigie_snapshot_set_page_url (snapshot, "https://slack-status.com");
  vigie_snapshot_set_page_name (snapshot, "Slack");

  read_items (snapshot, vigie_json_get_array (object, "active_incidents"), now, &items);
  severity = items.severity;

  if (g_strcmp0 (status, "ok") != 0 && g_strcmp0 (status, "active") != 0)
    {
      /* A top-level value Slack never documented: trust what the items say
       * when they show trouble, otherwise admit not knowing. */
      if (!vigie_severity_is_trouble (severity))
        {
          g_autofree char *shown = vigie_feed_shown_value (status);

          severity = VIGIE_SEVERITY_UNKNOWN;
          reason = status != NULL ? g_strdup_printf ("unknown status \"%s\"", shown)
                                  : g_strdup ("no status in feed");
        }
    }
  else if (g_strcmp0 (status, "active") == 0 && items.n_open == 0 && !items.maintenance_running
           && items.n_explained == 0)
    {
      /* "active" with nothing listed: something is going on that the feed
       * does not describe.  (Over only resolved items, or a maintenance
       * still to come, it is all clear.) */
      severity = VIGIE_SEVERITY_UNKNOWN;
      reason = g_strdup ("active status without incidents");
    }

  add_components (snapshot, now);
  vigie_feed_finish_snapshot (snapshot, severity, items.maintenance_running, reason,
                              "unknown incident type",
                              items.worst_incident != NULL ? items.worst_incident->title : NULL);

  return g_steal_pointer (&snapshot);
}

const VigieFeedFormat vigie_feed_format_slack = {
  .id = "slack",
  .label = "Slack",
  /* "Polling more frequently than [once a minute] isn't recommended." */
  .min_interval = 60,
  /* the documented features are always listed, but a feature the
   * documentation does not name (older ones: "Calls", "Connections") appears
   * only while an incident names it */
  .components_complete = FALSE,
  .detect_json = slack_detect,
  .parse_json = slack_parse,
};
