/* test-statuspage.c: Atlassian Statuspage (summary, status, components and incidents
 * documents), and incident.io pages that serve the same API
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "vigie-feeds.h"
#include "vigie-limits.h"
#include "vigie-text.h"
#include "vigie-test-utils.h"

/* Statuspage */

static const char statuspage_page[] =
  "\"page\": {\"id\": \"t3ss3l4t3pg1\", \"name\": \"Tesselate\", "
  "\"url\": \"https://status.tesselate.example\"}";

static void
test_statuspage_indicator_none (void)
{
  g_autoptr(VigieSnapshot) snapshot = vigie_test_parse_fixture ("statuspage/summary-none.json");

  g_assert_cmpstr (vigie_snapshot_get_format (snapshot), ==, "statuspage");
  vigie_test_assert_severity (snapshot, VIGIE_SEVERITY_OPERATIONAL);
  g_assert_null (vigie_snapshot_get_reason (snapshot));
  g_assert_cmpstr (vigie_snapshot_get_summary (snapshot), ==, "All Systems Operational");
  g_assert_cmpstr (vigie_snapshot_get_page_name (snapshot), ==, "Tesselate");
  g_assert_cmpstr (vigie_snapshot_get_page_url (snapshot), ==, "https://status.tesselate.example");
  g_assert_cmpuint (vigie_test_n_components (snapshot), ==, 2);
  vigie_test_assert_component (snapshot, "Web app", NULL, VIGIE_SEVERITY_OPERATIONAL);
  vigie_test_assert_component (snapshot, "Public API", NULL, VIGIE_SEVERITY_OPERATIONAL);
  g_assert_cmpuint (vigie_test_n_incidents (snapshot), ==, 0);
  g_assert_cmpuint (vigie_test_n_maintenances (snapshot), ==, 0);
}

/* The indicator alone makes the page's state; each value once. */
static void
test_statuspage_indicators (void)
{
  static const struct { const char *indicator; VigieSeverity severity; } cases[] = {
    { "none", VIGIE_SEVERITY_OPERATIONAL },
    { "minor", VIGIE_SEVERITY_MINOR },
    { "major", VIGIE_SEVERITY_MAJOR },
    { "critical", VIGIE_SEVERITY_CRITICAL },
    { "maintenance", VIGIE_SEVERITY_MAINTENANCE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *json = g_strdup_printf (
        "{%s, \"status\": {\"indicator\": \"%s\", \"description\": \"Described\"}}",
        statuspage_page, cases[i].indicator);
      g_autoptr(VigieSnapshot) snapshot = NULL;

      g_test_message ("indicator %s", cases[i].indicator);
      snapshot = vigie_test_parse_text (NULL, json);
      vigie_test_assert_severity (snapshot, cases[i].severity);
      g_assert_cmpstr (vigie_snapshot_get_summary (snapshot), ==, "Described");
    }
}

static void
test_statuspage_indicator_major (void)
{
  g_autoptr(VigieSnapshot) snapshot = vigie_test_parse_fixture ("statuspage/summary-major.json");
  const VigieIncident *incident;

  vigie_test_assert_severity (snapshot, VIGIE_SEVERITY_MAJOR);
  g_assert_cmpstr (vigie_snapshot_get_summary (snapshot), ==, "Partial System Outage");
  /* the trailing slash of the page's url goes */
  g_assert_cmpstr (vigie_snapshot_get_page_url (snapshot), ==, "https://status.tesselate.example");
  g_assert_cmpuint (vigie_test_n_components (snapshot), ==, 3);
  vigie_test_assert_component (snapshot, "Web app", NULL, VIGIE_SEVERITY_MAJOR);
  vigie_test_assert_component (snapshot, "Public API", NULL, VIGIE_SEVERITY_MINOR);
  vigie_test_assert_component (snapshot, "Webhooks", NULL, VIGIE_SEVERITY_OPERATIONAL);

  g_assert_cmpuint (vigie_test_n_incidents (snapshot), ==, 1);
  incident = vigie_test_incident_at (snapshot, 0);
  g_assert_cmpstr (incident->id, ==, "inc0major0001");
  g_assert_cmpstr (incident->title, ==, "Documents fail to load for some users");
  g_assert_cmpstr (incident->status, ==, "identified");
  vigie_test_assert_incident_severity (incident, VIGIE_SEVERITY_MAJOR);
  g_assert_cmpstr (incident->url, ==, "https://stspg.io/t3ss3l4");
  vigie_test_assert_time (incident->started_at, "2026-11-28T13:58:40.014Z");
  vigie_test_assert_time (incident->updated_at, "2026-11-28T14:32:09.498Z");
  g_assert_cmpstr (incident->latest_update, ==, "We found a faulty cache node and are replacing it.");
  vigie_test_assert_incident_components (incident, "Web app;Public API");
  g_assert_true (vigie_snapshot_find_incident (snapshot, "inc0major0001") == incident);
  g_assert_null (vigie_snapshot_find_incident (snapshot, "nope"));
  g_assert_cmpint (vigie_snapshot_get_worst_incident_severity (snapshot), ==, VIGIE_SEVERITY_MAJOR);
}

static void
test_statuspage_indicator_critical (void)
{
  g_autoptr(VigieSnapshot) snapshot = vigie_test_parse_fixture ("statuspage/summary-critical.json");
  const VigieIncident *incident;

  vigie_test_assert_severity (snapshot, VIGIE_SEVERITY_CRITICAL);
  vigie_test_assert_component (snapshot, "Web app", NULL, VIGIE_SEVERITY_CRITICAL);
  vigie_test_assert_component (snapshot, "Public API", NULL, VIGIE_SEVERITY_CRITICAL);
  g_assert_cmpuint (vigie_test_n_incidents (snapshot), ==, 1);
  incident = vigie_test_incident_at (snapshot, 0);
  g_assert_cmpstr (incident->title, ==, "Tesselate is unavailable");
  g_assert_cmpstr (incident->status, ==, "investigating");
  vigie_test_assert_incident_severity (incident, VIGIE_SEVERITY_CRITICAL);
  g_assert_cmpstr (incident->latest_update, ==, "All regions are affected. We are investigating.");
  /* no updated_at of its own on the update: the incident's */
  vigie_test_assert_time (incident->updated_at, "2026-11-28T15:01:00Z");
}

static void
test_statuspage_indicator_maintenance (void)
{
  g_autoptr(VigieSnapshot) snapshot = vigie_test_parse_fixture ("statuspage/summary-maintenance.json");
  const VigieIncident *maintenance;

  vigie_test_assert_severity (snapshot, VIGIE_SEVERITY_MAINTENANCE);
  g_assert_cmpstr (vigie_snapshot_get_summary (snapshot), ==, "Service Under Maintenance");
  vigie_test_assert_component (snapshot, "Web app", NULL, VIGIE_SEVERITY_OPERATIONAL);
  vigie_test_assert_component (snapshot, "Search", NULL, VIGIE_SEVERITY_MAINTENANCE);
  g_assert_cmpuint (vigie_test_n_incidents (snapshot), ==, 0);
  g_assert_cmpuint (vigie_test_n_maintenances (snapshot), ==, 1);

  maintenance = vigie_test_maintenance_at (snapshot, 0);
  g_assert_cmpstr (maintenance->id, ==, "mnt0search001");
  g_assert_cmpstr (maintenance->title, ==, "Search index migration");
  g_assert_cmpstr (maintenance->status, ==, "in_progress");
  vigie_test_assert_incident_severity (maintenance, VIGIE_SEVERITY_MAINTENANCE);
  vigie_test_assert_time (maintenance->scheduled_for, "2026-11-29T02:00:00Z");
  vigie_test_assert_time (maintenance->scheduled_until, "2026-11-29T04:00:00Z");
  g_assert_cmpstr (maintenance->latest_update, ==, "Scheduled maintenance is currently in progress.");
  vigie_test_assert_incident_components (maintenance, "Search");
}

/* components.json: without an indicator the worst component decides */
static void
test_statuspage_component_statuses (void)
{
  static const struct { const char *status; VigieSeverity severity; } cases[] = {
    { "operational", VIGIE_SEVERITY_OPERATIONAL },
    { "under_maintenance", VIGIE_SEVERITY_MAINTENANCE },
    { "degraded_performance", VIGIE_SEVERITY_MINOR },
    { "partial_outage", VIGIE_SEVERITY_MAJOR },
    { "major_outage", VIGIE_SEVERITY_CRITICAL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *json = g_strdup_printf (
        "{%s, \"components\": [{\"id\": \"a\", \"name\": \"Healthy\", \"status\": \"operational\"},"
        " {\"id\": \"b\", \"name\": \"Tested\", \"status\": \"%s\"}]}",
        statuspage_page, cases[i].status);
      g_autoptr(VigieSnapshot) snapshot = NULL;

      g_test_message ("component status %s", cases[i].status);
      snapshot = vigie_test_parse_text (NULL, json);
      g_assert_cmpuint (vigie_test_n_components (snapshot), ==, 2);
      vigie_test_assert_component (snapshot, "Healthy", NULL, VIGIE_SEVERITY_OPERATIONAL);
      vigie_test_assert_component (snapshot, "Tested", NULL, cases[i].severity);
      vigie_test_assert_severity (snapshot, cases[i].severity);
    }
}

static void
test_statuspage_groups (void)
{
  g_autoptr(VigieSnapshot) snapshot = vigie_test_parse_fixture ("statuspage/components-groups.json");

  /* group rows only summarise their members: they are not components */
  g_assert_cmpuint (vigie_test_n_components (snapshot), ==, 6);
  g_assert_null (vigie_test_find_component (snapshot, "Europe"));
  g_assert_null (vigie_test_find_component (snapshot, "Americas"));
  vigie_test_assert_component (snapshot, "Paris", "Europe", VIGIE_SEVERITY_OPERATIONAL);
  vigie_test_assert_component (snapshot, "Frankfurt", "Europe", VIGIE_SEVERITY_MAINTENANCE);
  /* the group row comes after its members */
  vigie_test_assert_component (snapshot, "Virginia", "Americas", VIGIE_SEVERITY_MINOR);
  vigie_test_assert_component (snapshot, "Oregon", "Americas", VIGIE_SEVERITY_MAJOR);
  vigie_test_assert_component (snapshot, "São Paulo", "Americas", VIGIE_SEVERITY_CRITICAL);
  vigie_test_assert_component (snapshot, "Billing", NULL, VIGIE_SEVERITY_OPERATIONAL);
  /* components.json has no indicator: the worst component */
  vigie_test_assert_severity (snapshot, VIGIE_SEVERITY_CRITICAL);
  g_assert_cmpuint (vigie_test_n_incidents (snapshot), ==, 0);
}

static void
test_statuspage_unknown_indicator (void)
{
  g_autoptr(VigieSnapshot) snapshot = vigie_test_parse_fixture ("statuspage/unknown-indicator.json");

  vigie_test_assert_severity (snapshot, VIGIE_SEVERITY_UNKNOWN);
  g_assert_cmpstr (vigie_snapshot_get_reason (snapshot), ==, "unknown indicator \"degraded\"");
  /* the components are still there to see */
  g_assert_cmpuint (vigie_test_n_components (snapshot), ==, 2);
}

static void
test_statuspage_unknown_indicator_outage (void)
{
  g_autoptr(VigieSnapshot) snapshot = vigie_test_parse_fixture ("statuspage/unknown-indicator-outage.json");

  /* an unknown verdict, but a component tells a real outage */
  vigie_test_assert_severity (snapshot, VIGIE_SEVERITY_CRITICAL);
  vigie_test_assert_component (snapshot, "Public API", NULL, VIGIE_SEVERITY_CRITICAL);
}

/* Missing and wrongly typed members: never a crash, never "all clear"
 * unless the page's own indicator says so. */
static void
test_statuspage_wrong_types (void)
{
  static const struct { const char *body; VigieSeverity severity; guint n_incidents; } cases[] = {
    /* the page-wide status, malformed */
    { "\"status\": \"none\", \"components\": [{\"name\": \"API\", \"status\": \"operational\"}]",
      VIGIE_SEVERITY_UNKNOWN, 0 },
    { "\"status\": {\"indicator\": 0}, \"components\": [{\"name\": \"API\", \"status\": \"operational\"}]",
      VIGIE_SEVERITY_UNKNOWN, 0 },
    { "\"status\": {\"indicator\": null}, \"components\": [{\"name\": \"API\", \"status\": \"operational\"}]",
      VIGIE_SEVERITY_UNKNOWN, 0 },
    { "\"status\": {\"indicator\": [\"none\"]}, \"components\": []",
      VIGIE_SEVERITY_UNKNOWN, 0 },
    { "\"status\": {\"description\": \"All Systems Operational\"}, \"components\": []",
      VIGIE_SEVERITY_UNKNOWN, 0 },
    { "\"status\": [], \"components\": [{\"name\": \"API\", \"status\": \"partial_outage\"}]",
      VIGIE_SEVERITY_MAJOR, 0 },
    { "\"status\": {\"indicator\": \"\"}, \"components\": []",
      VIGIE_SEVERITY_UNKNOWN, 0 },
    /* the indicator is fine; the rest is junk */
    { "\"status\": {\"indicator\": \"major\", \"description\": 5}, \"components\": {\"id\": \"x\"}",
      VIGIE_SEVERITY_MAJOR, 0 },
    { "\"status\": {\"indicator\": \"minor\"}, \"incidents\": null, \"scheduled_maintenances\": \"none\"",
      VIGIE_SEVERITY_MINOR, 0 },
    { "\"status\": {\"indicator\": \"minor\"}, \"incidents\": {\"id\": \"x\"}",
      VIGIE_SEVERITY_MINOR, 0 },
    { "\"status\": {\"indicator\": \"minor\"}, \"incidents\": [null, 1, \"x\", [], true]",
      VIGIE_SEVERITY_MINOR, 0 },
    { "\"status\": {\"indicator\": \"minor\"}, \"incidents\": [{\"id\": 12, \"name\": 5, "
      "\"status\": [\"x\"], \"impact\": {}, \"shortlink\": 7, \"incident_updates\": \"none\", "
      "\"components\": \"all\", \"started_at\": 12, \"updated_at\": \"yesterday\", "
      "\"reminder_intervals\": \"[]\"}]",
      VIGIE_SEVERITY_MINOR, 1 },
    { "\"status\": {\"indicator\": \"major\"}, \"incidents\": [{\"name\": \"X\", \"impact\": \"major\", "
      "\"incident_updates\": [null, 3, {\"body\": 7}, {\"body\": \"ok\", \"created_at\": 5}], "
      "\"components\": [null, 1, {\"name\": 2}, {\"name\": \"Web\"}]}]",
      VIGIE_SEVERITY_MAJOR, 1 },
    { "\"status\": {\"indicator\": \"none\"}, \"scheduled_maintenances\": [null, {\"name\": 1, "
      "\"status\": \"in_progress\", \"scheduled_for\": [], \"scheduled_until\": {}}]",
      VIGIE_SEVERITY_MAINTENANCE, 0 },
    /* components without an indicator, malformed */
    { "\"components\": [{\"name\": 42, \"status\": \"major_outage\"}]",
      VIGIE_SEVERITY_CRITICAL, 0 },
    { "\"components\": [{\"status\": \"partial_outage\"}, {\"name\": \"API\", \"status\": \"operational\"}]",
      VIGIE_SEVERITY_MAJOR, 0 },
    { "\"components\": [1, \"x\", null, []]",
      VIGIE_SEVERITY_UNKNOWN, 0 },
    { "\"components\": [{\"name\": \"API\", \"status\": 3}]",
      VIGIE_SEVERITY_UNKNOWN, 0 },
    { "\"components\": [{\"name\": \"API\"}]",
      VIGIE_SEVERITY_UNKNOWN, 0 },
    { "\"components\": [{\"name\": \"API\", \"status\": \"operational\", \"group\": true}]",
      VIGIE_SEVERITY_UNKNOWN, 0 },
    { "\"components\": [{\"name\": \"API\", \"status\": \"operational\", \"group_id\": 5, \"group\": \"no\"}]",
      VIGIE_SEVERITY_OPERATIONAL, 0 },
    { "\"components\": [], \"incidents\": null",
      VIGIE_SEVERITY_UNKNOWN, 0 },
    /* incidents.json, malformed */
    { "\"incidents\": [null, 1, \"x\"]",
      VIGIE_SEVERITY_UNKNOWN, 0 },
    { "\"incidents\": [{\"name\": \"Broken\", \"status\": \"investigating\", \"impact\": 3}]",
      VIGIE_SEVERITY_UNKNOWN, 1 },
    { "\"incidents\": [{\"name\": \"Broken\", \"status\": \"investigating\", \"impact\": \"severe\"}]",
      VIGIE_SEVERITY_UNKNOWN, 1 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *json = g_strdup_printf ("{%s, %s}", statuspage_page, cases[i].body);
      g_autoptr(VigieSnapshot) snapshot = NULL;

      g_test_message ("%s", json);
      snapshot = vigie_test_parse_text (NULL, json);
      g_assert_cmpstr (vigie_snapshot_get_format (snapshot), ==, "statuspage");
      vigie_test_assert_severity (snapshot, cases[i].severity);
      g_assert_cmpuint (vigie_test_n_incidents (snapshot), ==, cases[i].n_incidents);
    }
}

/* Garbage that does not even look like a Statuspage document */
static void
test_statuspage_wrong_types_undetected (void)
{
  static const char * const cases[] = {
    "{\"status\": \"none\", \"components\": [{\"name\": \"API\", \"status\": \"operational\"}]}",
    "{\"page\": \"Tesselate\", \"components\": []}",
    "{\"page\": {}, \"components\": {}, \"incidents\": {}}",
    "{\"status\": {\"indicator\": 5}}",
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_test_message ("%s", cases[i]);
      vigie_test_assert_text_error (NULL, cases[i], VIGIE_FEED_ERROR_UNKNOWN_FORMAT, "unrecognised feed format");
      vigie_test_assert_text_error ("statuspage", cases[i], VIGIE_FEED_ERROR_WRONG_FORMAT, "not a statuspage feed");
    }
}

static void
test_statuspage_impact_above_indicator (void)
{
  g_autoptr(VigieSnapshot) snapshot = vigie_test_parse_fixture ("statuspage/impact-above-indicator.json");
  const VigieIncident *incident;

  /* the page's verdict makes the state; the incident's impact is detail */
  vigie_test_assert_severity (snapshot, VIGIE_SEVERITY_MINOR);
  g_assert_cmpuint (vigie_test_n_incidents (snapshot), ==, 1);
  incident = vigie_test_incident_at (snapshot, 0);
  vigie_test_assert_incident_severity (incident, VIGIE_SEVERITY_MAJOR);
  g_assert_cmpstr (incident->status, ==, "monitoring");
  g_assert_cmpint (vigie_snapshot_get_worst_incident_severity (snapshot), ==, VIGIE_SEVERITY_MAJOR);
  vigie_test_assert_incident_components (incident, "Public API");
}

/* Updates are listed in no promised order: the newest by time is shown. */
static void
test_statuspage_newest_update (void)
{
  g_autoptr(VigieSnapshot) snapshot = vigie_test_parse_fixture ("statuspage/impact-above-indicator.json");
  g_autoptr(VigieSnapshot) inline_snapshot = NULL;
  const VigieIncident *incident = vigie_test_incident_at (snapshot, 0);
  g_autofree char *json = NULL;

  g_assert_cmpstr (incident->latest_update, ==, "A fix is live.\n\nWe are monitoring the results.");

  /* display_at first, created_at otherwise; an update without a time loses */
  json = g_strdup_printf (
    "{%s, \"status\": {\"indicator\": \"minor\"}, \"incidents\": [{\"id\": \"i1\", \"name\": \"N\", "
    "\"status\": \"identified\", \"impact\": \"minor\", \"incident_updates\": ["
    "{\"body\": \"no time\"},"
    "{\"body\": \"older\", \"created_at\": \"2026-11-28T10:00:00Z\"},"
    "{\"body\": \"newest\", \"created_at\": \"2026-11-28T09:00:00Z\", \"display_at\": \"2026-11-28T12:00:00Z\"},"
    "{\"body\": \"middle\", \"created_at\": \"2026-11-28T11:00:00+00:00\"},"
    "{\"body\": \"no time either\", \"created_at\": \"soon\"}]}]}",
    statuspage_page);
  inline_snapshot = vigie_test_parse_text (NULL, json);
  g_assert_cmpstr (vigie_test_incident_at (inline_snapshot, 0)->latest_update, ==, "newest");
}

static void
test_statuspage_reminder_intervals (void)
{
  g_autofree char *json = g_strdup_printf (
    "{%s, \"status\": {\"indicator\": \"minor\"}, \"incidents\": ["
    "{\"id\": \"i1\", \"name\": \"String\", \"status\": \"investigating\", \"impact\": \"minor\", \"reminder_intervals\": \"[]\"},"
    "{\"id\": \"i2\", \"name\": \"Null\", \"status\": \"investigating\", \"impact\": \"minor\", \"reminder_intervals\": null},"
    "{\"id\": \"i3\", \"name\": \"Array\", \"status\": \"investigating\", \"impact\": \"minor\", \"reminder_intervals\": [3, 6]}]}",
    statuspage_page);
  g_autoptr(VigieSnapshot) snapshot = vigie_test_parse_text (NULL, json);

  vigie_test_assert_severity (snapshot, VIGIE_SEVERITY_MINOR);
  g_assert_cmpuint (vigie_test_n_incidents (snapshot), ==, 3);
  g_assert_cmpstr (vigie_test_incident_at (snapshot, 0)->title, ==, "String");
  g_assert_cmpstr (vigie_test_incident_at (snapshot, 2)->title, ==, "Array");
}

/* incident.io serves the summary without "incidents" and
 * "scheduled_maintenances", with ULIDs and fewer component fields. */
static void
test_statuspage_incidentio (void)
{
  g_autoptr(VigieSnapshot) snapshot = vigie_test_parse_fixture ("statuspage/incidentio-summary.json");

  g_assert_cmpstr (vigie_snapshot_get_format (snapshot), ==, "statuspage");
  vigie_test_assert_severity (snapshot, VIGIE_SEVERITY_OPERATIONAL);
  g_assert_cmpstr (vigie_snapshot_get_page_name (snapshot), ==, "Ferrule");
  g_assert_cmpstr (vigie_snapshot_get_page_url (snapshot), ==, "https://status.ferrule.example");
  g_assert_cmpuint (vigie_test_n_components (snapshot), ==, 3);
  vigie_test_assert_component (snapshot, "Ingestion API", NULL, VIGIE_SEVERITY_OPERATIONAL);
  g_assert_cmpuint (vigie_test_n_incidents (snapshot), ==, 0);
  g_assert_cmpuint (vigie_test_n_maintenances (snapshot), ==, 0);
}

static void
test_statuspage_maintenance_in_progress (void)
{
  g_autoptr(VigieSnapshot) snapshot = vigie_test_parse_fixture ("statuspage/maintenance-in-progress.json");
  const VigieIncident *maintenance;

  /* the page did not flip its indicator, the maintenance is running */
  vigie_test_assert_severity (snapshot, VIGIE_SEVERITY_MAINTENANCE);
  g_assert_cmpuint (vigie_test_n_incidents (snapshot), ==, 0);
  /* the completed one is history */
  g_assert_cmpuint (vigie_test_n_maintenances (snapshot), ==, 1);
  maintenance = vigie_test_maintenance_at (snapshot, 0);
  g_assert_cmpstr (maintenance->title, ==, "Database upgrade");
  g_assert_cmpstr (maintenance->url, ==, "https://stspg.io/t3mnt02");
  g_assert_cmpstr (maintenance->status, ==, "in_progress");
  vigie_test_assert_component (snapshot, "Web app", NULL, VIGIE_SEVERITY_OPERATIONAL);
}

/* A maintenance still marked "scheduled" whose window has opened */
static void
test_statuspage_maintenance_window (void)
{
  static const struct { const char *now; VigieSeverity severity; } cases[] = {
    { "2026-11-30T20:00:00Z", VIGIE_SEVERITY_OPERATIONAL },
    { "2026-12-01T00:59:59Z", VIGIE_SEVERITY_OPERATIONAL },
    { "2026-12-01T01:00:00Z", VIGIE_SEVERITY_MAINTENANCE },
    { "2026-12-01T02:00:00Z", VIGIE_SEVERITY_MAINTENANCE },
    /* the same instant as 02:30 UTC */
    { "2026-12-01T03:30:00+01:00", VIGIE_SEVERITY_MAINTENANCE },
    { "2026-12-01T03:00:00Z", VIGIE_SEVERITY_OPERATIONAL },
    { "2026-12-02T00:00:00Z", VIGIE_SEVERITY_OPERATIONAL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GDateTime) now = vigie_test_time_at (cases[i].now);
      g_autoptr(VigieSnapshot) snapshot = NULL;
      const VigieIncident *maintenance;

      g_test_message ("now %s", cases[i].now);
      snapshot = vigie_test_parse_fixture_at_time ("statuspage/maintenance-window.json", now);
      vigie_test_assert_severity (snapshot, cases[i].severity);
      /* announced or running, it is listed */
      g_assert_cmpuint (vigie_test_n_maintenances (snapshot), ==, 1);
      maintenance = vigie_test_maintenance_at (snapshot, 0);
      g_assert_cmpstr (maintenance->status, ==, "scheduled");
      vigie_test_assert_time (maintenance->scheduled_for, "2026-12-01T01:00:00Z");
      vigie_test_assert_time (maintenance->scheduled_until, "2026-12-01T03:00:00Z");
      g_assert_cmpstr (maintenance->latest_update, ==,
                       "Attachments will be read-only for up to two hours.");
    }
}

/* incidents.json lists history: resolved and post-mortem ones are skipped */
static void
test_statuspage_incidents_resolved (void)
{
  g_autoptr(VigieSnapshot) snapshot = vigie_test_parse_fixture ("statuspage/incidents-history.json");
  const VigieIncident *incident;

  g_assert_cmpuint (vigie_test_n_incidents (snapshot), ==, 1);
  incident = vigie_test_incident_at (snapshot, 0);
  g_assert_cmpstr (incident->id, ==, "inc0login0003");
  g_assert_cmpstr (incident->title, ==, "Slow sign-in with SSO");
  vigie_test_assert_incident_severity (incident, VIGIE_SEVERITY_MINOR);
  g_assert_null (vigie_snapshot_find_incident (snapshot, "inc0sync00002"));
  g_assert_null (vigie_snapshot_find_incident (snapshot, "inc0mail00001"));
  /* no indicator, no components: the open incidents decide */
  vigie_test_assert_severity (snapshot, VIGIE_SEVERITY_MINOR);
}

static void
test_statuspage_links (void)
{
  g_autoptr(VigieSnapshot) snapshot = vigie_test_parse_fixture ("statuspage/links.json");

  g_assert_cmpuint (vigie_test_n_incidents (snapshot), ==, 4);
  /* an old http short link is upgraded */
  g_assert_cmpstr (vigie_test_incident_at (snapshot, 0)->url, ==, "https://stspg.io/t3old01");
  /* a script or file link is dropped, the page's own link is used */
  g_assert_cmpstr (vigie_test_incident_at (snapshot, 1)->url, ==,
                   "https://status.tesselate.example/incidents/inc0link00002");
  g_assert_cmpstr (vigie_test_incident_at (snapshot, 2)->url, ==,
                   "https://status.tesselate.example/incidents/inc0link00003");
  g_assert_cmpstr (vigie_test_incident_at (snapshot, 3)->url, ==,
                   "https://status.tesselate.example/incidents/inc0link00004");
}

static void
test_statuspage_links_no_page (void)
{
  static const char json[] =
    "{\"page\": {\"name\": \"X\", \"url\": \"javascript:alert(1)\"}, \"status\": {\"indicator\": \"minor\"},"
    " \"incidents\": [{\"id\": \"a/../b?c#d e\", \"name\": \"Odd id\", \"status\": \"investigating\","
    " \"impact\": \"minor\", \"shortlink\": \"data:text/html,x\"}]}";
  g_autoptr(VigieSnapshot) snapshot = vigie_test_parse_text (NULL, json);

  g_assert_null (vigie_snapshot_get_page_url (snapshot));
  g_assert_null (vigie_test_incident_at (snapshot, 0)->url);
}

static void
test_statuspage_too_many (void)
{
  g_autoptr(GString) json = g_string_new ("{\"page\": {\"url\": \"https://status.tesselate.example\"},"
                                          " \"status\": {\"indicator\": \"major\"}, \"components\": [");
  g_autoptr(GBytes) body = NULL;
  g_autoptr(VigieSnapshot) snapshot = NULL;

  for (guint i = 0; i < 2 * VIGIE_MAX_COMPONENTS; i++)
    g_string_append_printf (json, "%s{\"id\": \"c%u\", \"name\": \"Component %u\", \"status\": \"operational\"}",
                            i > 0 ? "," : "", i, i);
  g_string_append (json, "], \"incidents\": [");
  for (guint i = 0; i < 3 * VIGIE_MAX_INCIDENTS; i++)
    g_string_append_printf (json, "%s{\"id\": \"i%u\", \"name\": \"Incident %u\", \"status\": \"identified\", \"impact\": \"minor\"}",
                            i > 0 ? "," : "", i, i);
  g_string_append (json, "], \"scheduled_maintenances\": [");
  for (guint i = 0; i < 3 * VIGIE_MAX_INCIDENTS; i++)
    g_string_append_printf (json, "%s{\"id\": \"m%u\", \"name\": \"Maintenance %u\", \"status\": \"scheduled\"}",
                            i > 0 ? "," : "", i, i);
  g_string_append (json, "]}");

  body = g_string_free_to_bytes (g_steal_pointer (&json));
  snapshot = vigie_test_parse_bytes (NULL, body);
  vigie_test_assert_severity (snapshot, VIGIE_SEVERITY_MAJOR);
  g_assert_cmpuint (vigie_test_n_components (snapshot), ==, VIGIE_MAX_COMPONENTS);
  g_assert_cmpuint (vigie_test_n_incidents (snapshot), ==, VIGIE_MAX_INCIDENTS);
  g_assert_cmpuint (vigie_test_n_maintenances (snapshot), ==, VIGIE_MAX_INCIDENTS);
}

/* Finding each member's group must not be quadratic in the list's length. */
static void
test_statuspage_many_grouped_components (void)
{
  const guint n = 40000;
  g_autoptr(GString) json = g_string_new ("{\"page\": {\"url\": \"https://status.tesselate.example\"},"
                                          " \"components\": [");
  g_autoptr(GBytes) body = NULL;
  g_autoptr(VigieSnapshot) snapshot = NULL;
  g_autoptr(GTimer) timer = NULL;

  for (guint i = 0; i < n; i++)
    g_string_append_printf (json, "{\"id\":\"c%u\",\"name\":\"C%u\",\"status\":\"operational\",\"group_id\":\"g\"},",
                            i, i);
  g_string_append (json, "{\"id\":\"g\",\"name\":\"Everything\",\"group\":true,\"status\":\"major_outage\"},"
                         "{\"id\":\"last\",\"name\":\"Last\",\"status\":\"partial_outage\"}]}");

  body = g_string_free_to_bytes (g_steal_pointer (&json));
  timer = g_timer_new ();
  snapshot = vigie_test_parse_bytes (NULL, body);
  g_assert_cmpfloat (g_timer_elapsed (timer, NULL), <, vigie_test_time_limit (20.0));

  /* every row counts for the state, even those past the kept limit */
  vigie_test_assert_severity (snapshot, VIGIE_SEVERITY_MAJOR);
  g_assert_cmpuint (vigie_test_n_components (snapshot), ==, VIGIE_MAX_COMPONENTS);
  vigie_test_assert_component (snapshot, "C0", "Everything", VIGIE_SEVERITY_OPERATIONAL);
}

static void
test_hostile_bidi_statuspage (void)
{
  g_autofree char *json = g_strdup_printf (
    "{%s, \"status\": {\"indicator\": \"minor\", \"description\": \"\\u202eegatuo\\u202c\"},"
    " \"components\": [{\"id\": \"g\", \"name\": \"\\u2067Grp\\u2069\", \"group\": true},"
    " {\"id\": \"c\", \"name\": \"\\u200fAPI\\u0000x\", \"group_id\": \"g\", \"status\": \"operational\"}],"
    " \"incidents\": [{\"id\": \"\\u202e\", \"name\": \"\\u001b]8;;https://evil.example\\u0007Click\","
    " \"status\": \"investigating\", \"impact\": \"minor\","
    " \"incident_updates\": [{\"body\": \"a\\u0085b\\u2028c\"}]}]}",
    statuspage_page);
  g_autoptr(VigieSnapshot) snapshot = vigie_test_parse_text (NULL, json);
  const VigieIncident *incident = vigie_test_incident_at (snapshot, 0);

  g_assert_cmpstr (vigie_snapshot_get_summary (snapshot), ==, "egatuo");
  vigie_test_assert_component (snapshot, "API", "Grp", VIGIE_SEVERITY_OPERATIONAL);
  g_assert_null (incident->id);
  g_assert_cmpstr (incident->title, ==, "]8;;https://evil.exampleClick");
}

/* A real incident.io page, through its Statuspage-compatible API, with
 * two incidents open (tests/fixtures/statuspage/SOURCES): unlike the
 * capture in ../shared, this one has an "incidents" list, and one of its
 * incidents declares no impact */
static void
test_statuspage_real_incidentio_open (void)
{
  g_autoptr(VigieSnapshot) snapshot =
    vigie_test_parse_fixture_at ("statuspage/openai-incidentio-2026-09-29-real.json",
                                 "2026-09-29T18:30:00Z");
  const VigieIncident *incident;
  g_autofree char *trouble = vigie_test_describe_trouble (snapshot);

  g_test_message ("%s", trouble);
  g_assert_cmpstr (vigie_snapshot_get_format (snapshot), ==, "statuspage");
  vigie_test_assert_severity (snapshot, VIGIE_SEVERITY_MINOR);
  g_assert_null (vigie_snapshot_get_reason (snapshot));
  g_assert_cmpstr (vigie_snapshot_get_summary (snapshot), ==, "Partial System Degradation");
  g_assert_cmpstr (vigie_snapshot_get_page_name (snapshot), ==, "OpenAI");
  g_assert_cmpstr (vigie_snapshot_get_page_url (snapshot), ==, "https://status.openai.com");
  vigie_test_assert_counts (snapshot, 25, 2, 0, 0);
  /* 22 of 25 components degraded, none grouped */
  vigie_test_assert_component (snapshot, "Realtime", NULL, VIGIE_SEVERITY_MINOR);
  vigie_test_assert_component (snapshot, "Ads API", NULL, VIGIE_SEVERITY_OPERATIONAL);
  vigie_test_assert_component (snapshot, "Login", NULL, VIGIE_SEVERITY_MINOR);
  vigie_test_assert_component (snapshot, "dots", NULL, VIGIE_SEVERITY_OPERATIONAL);
  g_assert_true (g_str_has_prefix (trouble, "Realtime=minor;Compliance API=minor;Search=minor;"));
  g_assert_true (g_str_has_suffix (trouble, ";Login=minor;Agents=minor"));

  incident = vigie_test_incident_at (snapshot, 0);
  g_assert_cmpstr (incident->id, ==, "01M3Q4RK1SM4EMK445GGPG7C0N");
  g_assert_cmpstr (incident->title, ==,
                   "Elevated errors across ChatGPT, Codex, and the API including the Agents API");
  g_assert_cmpstr (incident->status, ==, "investigating");
  vigie_test_assert_incident_severity (incident, VIGIE_SEVERITY_MINOR);
  /* no shortlink in this API: the page's own incident address */
  g_assert_cmpstr (incident->url, ==,
                   "https://status.openai.com/incidents/01M3Q4RK1SM4EMK445GGPG7C0N");
  vigie_test_assert_time (incident->started_at, "2026-09-29T17:52:52Z");
  vigie_test_assert_time (incident->updated_at, "2026-09-29T18:24:17Z");
  g_assert_true (g_str_has_prefix (incident->latest_update,
                                   "We\u2019re investigating elevated errors affecting ChatGPT, Codex, "
                                   "and the API including the Agents API."));

  incident = vigie_test_incident_at (snapshot, 1);
  g_assert_cmpstr (incident->title, ==, "Support chat unavailable");
  g_assert_cmpstr (incident->status, ==, "investigating");
  /* impact "none" on an open incident: still worth a look */
  vigie_test_assert_incident_severity (incident, VIGIE_SEVERITY_MINOR);
  vigie_test_assert_time (incident->started_at, "2026-09-29T17:49:05Z");
  vigie_test_assert_time (incident->updated_at, "2026-09-29T17:55:17Z");
}

int
main (int   argc,
      char *argv[])
{
  /* Parsing touches no user directory; not isolating them also keeps
   * GLib's per-test XDG allocations (leaked on purpose, and not always
   * matched by tests/lsan.supp with fast unwinding) out of the leak check. */
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/feeds/statuspage/indicator-none", test_statuspage_indicator_none);
  g_test_add_func ("/feeds/statuspage/indicators", test_statuspage_indicators);
  g_test_add_func ("/feeds/statuspage/indicator-major", test_statuspage_indicator_major);
  g_test_add_func ("/feeds/statuspage/indicator-critical", test_statuspage_indicator_critical);
  g_test_add_func ("/feeds/statuspage/indicator-maintenance", test_statuspage_indicator_maintenance);
  g_test_add_func ("/feeds/statuspage/component-statuses", test_statuspage_component_statuses);
  g_test_add_func ("/feeds/statuspage/groups", test_statuspage_groups);
  g_test_add_func ("/feeds/statuspage/unknown-indicator", test_statuspage_unknown_indicator);
  g_test_add_func ("/feeds/statuspage/unknown-indicator-outage", test_statuspage_unknown_indicator_outage);
  g_test_add_func ("/feeds/statuspage/wrong-types", test_statuspage_wrong_types);
  g_test_add_func ("/feeds/statuspage/wrong-types-undetected", test_statuspage_wrong_types_undetected);
  g_test_add_func ("/feeds/statuspage/impact-above-indicator", test_statuspage_impact_above_indicator);
  g_test_add_func ("/feeds/statuspage/newest-update", test_statuspage_newest_update);
  g_test_add_func ("/feeds/statuspage/reminder-intervals", test_statuspage_reminder_intervals);
  g_test_add_func ("/feeds/statuspage/incidentio", test_statuspage_incidentio);
  g_test_add_func ("/feeds/statuspage/maintenance-in-progress", test_statuspage_maintenance_in_progress);
  g_test_add_func ("/feeds/statuspage/maintenance-window", test_statuspage_maintenance_window);
  g_test_add_func ("/feeds/statuspage/incidents-resolved", test_statuspage_incidents_resolved);
  g_test_add_func ("/feeds/statuspage/links", test_statuspage_links);
  g_test_add_func ("/feeds/statuspage/links-no-page", test_statuspage_links_no_page);
  g_test_add_func ("/feeds/statuspage/too-many", test_statuspage_too_many);
  g_test_add_func ("/feeds/statuspage/many-grouped-components", test_statuspage_many_grouped_components);
  g_test_add_func ("/feeds/hostile/bidi-statuspage", test_hostile_bidi_statuspage);

  g_test_add_func ("/feeds/statuspage/real-incidentio-open", test_statuspage_real_incidentio_open);

  return g_test_run ();
}
