/* test-instatus.c: Instatus pages (summary.json)
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

/* Instatus */

static void
test_instatus_up (void)
{
  g_autoptr(VigieSnapshot) snapshot = vigie_test_parse_fixture ("instatus/up.json");

  g_assert_cmpstr (vigie_snapshot_get_format (snapshot), ==, "instatus");
  vigie_test_assert_severity (snapshot, VIGIE_SEVERITY_OPERATIONAL);
  vigie_test_assert_counts (snapshot, 2, 0, 0, 0);
  g_assert_cmpstr (vigie_snapshot_get_page_name (snapshot), ==, "Taskboard");
  g_assert_cmpstr (vigie_snapshot_get_page_url (snapshot), ==, "https://status.taskboard.example");
}

static void
test_instatus_issues (void)
{
  g_autoptr(VigieSnapshot) snapshot = vigie_test_parse_fixture ("instatus/issues.json");
  const VigieIncident *incident;

  /* "HASISSUES": the worst of what the incidents and components say */
  vigie_test_assert_severity (snapshot, VIGIE_SEVERITY_CRITICAL);
  vigie_test_assert_counts (snapshot, 6, 2, 1, 0);
  vigie_test_assert_trouble (snapshot, "Search=maintenance;Reminders=minor;Attachments=minor;Sync=major;"
                             "Calendar feeds=critical");
  g_assert_cmpstr (vigie_snapshot_get_summary (snapshot), ==, "Tasks do not sync between devices");

  incident = vigie_test_incident_at (snapshot, 0);
  g_assert_cmpstr (incident->id, ==, "clx9incident01");
  g_assert_cmpstr (incident->status, ==, "identified");
  vigie_test_assert_incident_severity (incident, VIGIE_SEVERITY_MAJOR);
  /* "Sun Nov 29 2026 03:05:00 GMT+0100 (…)" */
  vigie_test_assert_time (incident->started_at, "2026-11-29T02:05:00Z");
  g_assert_cmpstr (incident->url, ==, "https://status.taskboard.example/incident/clx9incident01");

  incident = vigie_test_incident_at (snapshot, 1);
  /* no id in summary.json: the incident's page stands for it */
  g_assert_cmpstr (incident->id, ==, "https://status.taskboard.example/incident/clx9incident02");
  g_assert_cmpstr (incident->status, ==, "monitoring");
  vigie_test_assert_incident_severity (incident, VIGIE_SEVERITY_MINOR);

  incident = vigie_test_maintenance_at (snapshot, 0);
  g_assert_cmpstr (incident->title, ==, "Database upgrade");
  g_assert_cmpstr (incident->status, ==, "scheduled");
  vigie_test_assert_time (incident->scheduled_for, "2026-11-29T06:00:00Z");
  vigie_test_assert_time (incident->scheduled_until, "2026-11-29T07:30:00Z");
}

static void
test_instatus_page_statuses (void)
{
  static const struct { const char *page; const char *impact; VigieSeverity expected; const char *reason; } cases[] = {
    { "\"UP\"", NULL, VIGIE_SEVERITY_OPERATIONAL, NULL },
    /* the page's verdict; an incident's declared impact is detail */
    { "\"UP\"", "MAJOROUTAGE", VIGIE_SEVERITY_OPERATIONAL, NULL },
    { "\"UNDERMAINTENANCE\"", NULL, VIGIE_SEVERITY_MAINTENANCE, NULL },
    { "\"HASISSUES\"", NULL, VIGIE_SEVERITY_MINOR, NULL },
    { "\"HASISSUES\"", "OPERATIONAL", VIGIE_SEVERITY_MINOR, NULL },
    { "\"HASISSUES\"", "UNDERMAINTENANCE", VIGIE_SEVERITY_MINOR, NULL },
    { "\"HASISSUES\"", "DEGRADEDPERFORMANCE", VIGIE_SEVERITY_MINOR, NULL },
    { "\"HASISSUES\"", "MINOROUTAGE", VIGIE_SEVERITY_MINOR, NULL },
    { "\"HASISSUES\"", "PARTIALOUTAGE", VIGIE_SEVERITY_MAJOR, NULL },
    { "\"HASISSUES\"", "MAJOROUTAGE", VIGIE_SEVERITY_CRITICAL, NULL },
    { "\"HASISSUES\"", "APOCALYPSE", VIGIE_SEVERITY_MINOR, NULL },
    { "\"DEGRADED\"", NULL, VIGIE_SEVERITY_UNKNOWN, "unknown page status \"DEGRADED\"" },
    { "\"DEGRADED\"", "MAJOROUTAGE", VIGIE_SEVERITY_CRITICAL, NULL },
    { "\"up\"", NULL, VIGIE_SEVERITY_UNKNOWN, "unknown page status \"up\"" },
    { "null", NULL, VIGIE_SEVERITY_UNKNOWN, "no status in feed" },
    { "true", NULL, VIGIE_SEVERITY_UNKNOWN, "no status in feed" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *incident = cases[i].impact == NULL ? g_strdup ("")
        : g_strdup_printf ("{\"name\":\"Case %u\",\"started\":\"Sun Nov 29 2026 01:00:00 GMT+0000 (UTC)\","
                           "\"status\":\"INVESTIGATING\",\"impact\":\"%s\","
                           "\"url\":\"https://status.taskboard.example/incident/c%u\"}",
                           i, cases[i].impact, i);
      g_autofree char *json = g_strdup_printf (
        "{\"page\":{\"name\":\"Taskboard\",\"url\":\"https://status.taskboard.example\",\"status\":%s},"
        "\"activeIncidents\":[%s],\"activeMaintenances\":[]}", cases[i].page, incident);
      g_autoptr(VigieSnapshot) snapshot = NULL;

      g_test_message ("%s", json);
      snapshot = vigie_test_parse_text (NULL, json);
      g_assert_cmpstr (vigie_snapshot_get_format (snapshot), ==, "instatus");
      vigie_test_assert_severity (snapshot, cases[i].expected);
      g_assert_cmpstr (vigie_snapshot_get_reason (snapshot), ==, cases[i].reason);
    }
}

static void
test_instatus_components (void)
{
  static const struct { const char *status; VigieSeverity expected; } cases[] = {
    { "OPERATIONAL", VIGIE_SEVERITY_OPERATIONAL },
    { "UNDERMAINTENANCE", VIGIE_SEVERITY_MAINTENANCE },
    { "DEGRADEDPERFORMANCE", VIGIE_SEVERITY_MINOR },
    { "MINOROUTAGE", VIGIE_SEVERITY_MINOR },
    { "PARTIALOUTAGE", VIGIE_SEVERITY_MAJOR },
    { "MAJOROUTAGE", VIGIE_SEVERITY_CRITICAL },
    { "BROKEN", VIGIE_SEVERITY_UNKNOWN },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *json = g_strdup_printf (
        "{\"page\":{\"name\":\"Taskboard\",\"status\":\"HASISSUES\"},\"activeIncidents\":[],"
        "\"activeMaintenances\":[],\"components\":[{\"name\":\"Sync\",\"status\":\"%s\"}]}",
        cases[i].status);
      g_autoptr(VigieSnapshot) snapshot = NULL;

      g_test_message ("%s", json);
      snapshot = vigie_test_parse_text (NULL, json);
      vigie_test_assert_component (snapshot, "Sync", NULL, cases[i].expected);
      /* the page says there are issues: at least minor */
      vigie_test_assert_severity (snapshot,
                                  vigie_severity_worst (VIGIE_SEVERITY_MINOR, cases[i].expected));
    }
}

static void
test_instatus_maintenance (void)
{
  g_autoptr(VigieSnapshot) snapshot = vigie_test_parse_fixture ("instatus/maintenance.json");
  const VigieIncident *maintenance;

  vigie_test_assert_severity (snapshot, VIGIE_SEVERITY_MAINTENANCE);
  /* the completed one is gone */
  vigie_test_assert_counts (snapshot, 0, 0, 1, 0);
  maintenance = vigie_test_maintenance_at (snapshot, 0);
  g_assert_cmpstr (maintenance->title, ==, "Storage migration");
  g_assert_cmpstr (maintenance->status, ==, "in_progress");
  /* an ISO 8601 start reads too */
  vigie_test_assert_time (maintenance->scheduled_for, "2026-11-29T01:00:00Z");
  vigie_test_assert_time (maintenance->scheduled_until, "2026-11-29T04:00:00Z");

  /* an announced window that has opened while the page says UP */
  {
    g_autoptr(VigieSnapshot) open = vigie_test_parse_text (
                                                           NULL, "{\"page\":{\"name\":\"T\",\"status\":\"UP\"},\"activeIncidents\":[],"
            "\"activeMaintenances\":[{\"name\":\"Upgrade\",\"start\":\"Sun Nov 29 2026 02:00:00 GMT+0000 (UTC)\","
            "\"status\":\"NOTSTARTEDYET\",\"duration\":\"60\"}]}");
    g_autoptr(VigieSnapshot) later = vigie_test_parse_text (
                                                            NULL, "{\"page\":{\"name\":\"T\",\"status\":\"UP\"},\"activeIncidents\":[],"
            "\"activeMaintenances\":[{\"name\":\"Upgrade\",\"start\":\"Sun Nov 29 2026 04:00:00 GMT+0000 (UTC)\","
            "\"status\":\"NOTSTARTEDYET\",\"duration\":\"60\"}]}");

    vigie_test_assert_severity (open, VIGIE_SEVERITY_MAINTENANCE);
    vigie_test_assert_severity (later, VIGIE_SEVERITY_OPERATIONAL);
    g_assert_cmpuint (vigie_snapshot_get_maintenances (later)->len, ==, 1);
  }
}

static void
test_instatus_dates (void)
{
  static const struct { const char *started; const char *expected; } cases[] = {
    { "Fri Jul 05 2024 10:00:00 GMT+0000 (Coordinated Universal Time)", "2024-07-05T10:00:00Z" },
    { "Sat Nov 28 2026 23:15:00 GMT+0100 (heure normale d’Europe centrale)", "2026-11-28T22:15:00Z" },
    { "Sat Nov 28 2026 17:45:00 GMT-0530", "2026-11-28T23:15:00Z" },
    { "Nov 28 2026 09:00:00 GMT+0000", "2026-11-28T09:00:00Z" },
    { "Sat Nov 28 2026 09:00:00", "2026-11-28T09:00:00Z" },
    { "2026-11-28T22:00:00.000Z", "2026-11-28T22:00:00Z" },
    { "2026-11-28T23:00:00+01:00", "2026-11-28T22:00:00Z" },
    { "yesterday", NULL },
    { "Sat Feb 30 2026 09:00:00 GMT+0000", NULL },
    { "Sat Nov 28 2026 25:00:00 GMT+0000", NULL },
    { "Sat Nov 28 2026 09:00:00 GMT+9999", NULL },
    { "Sat Nov 28 26 09:00:00 GMT+0000", NULL },
    { "Sat Nov 28 2026", NULL },
    { "", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *json = g_strdup_printf (
        "{\"page\":{\"status\":\"HASISSUES\"},\"activeIncidents\":[{\"name\":\"x\",\"started\":\"%s\","
        "\"status\":\"INVESTIGATING\",\"impact\":\"MINOROUTAGE\"}]}", cases[i].started);
      g_autoptr(VigieSnapshot) snapshot = NULL;
      const VigieIncident *incident;

      g_test_message ("%s", cases[i].started);
      snapshot = vigie_test_parse_text (NULL, json);
      incident = vigie_test_incident_at (snapshot, 0);
      if (cases[i].expected == NULL)
        g_assert_null (incident->started_at);
      else
        vigie_test_assert_time (incident->started_at, cases[i].expected);
    }

  /* not a string at all */
  {
    g_autoptr(VigieSnapshot) snapshot = vigie_test_parse_text (
                                                               NULL, "{\"page\":{\"status\":\"HASISSUES\"},\"activeIncidents\":[{\"name\":\"x\",\"started\":1720173600000}]}");

    g_assert_null (vigie_test_incident_at (snapshot, 0)->started_at);
  }
}

static void
test_instatus_wrong_types (void)
{
  g_autoptr(VigieSnapshot) snapshot = vigie_test_parse_text (
                                                             NULL, "{\"page\":{\"status\":7,\"name\":[],\"url\":\"javascript:alert(1)\"},"
          "\"activeIncidents\":\"none\",\"activeMaintenances\":[1,null,{\"name\":5,\"start\":false,"
          "\"duration\":\"-3\",\"status\":9}],\"components\":{\"a\":1}}");
  g_autoptr(VigieSnapshot) items = NULL;

  vigie_test_assert_severity (snapshot, VIGIE_SEVERITY_UNKNOWN);
  g_assert_cmpstr (vigie_snapshot_get_reason (snapshot), ==, "no status in feed");
  g_assert_null (vigie_snapshot_get_page_url (snapshot));
  g_assert_null (vigie_snapshot_get_page_name (snapshot));
  vigie_test_assert_counts (snapshot, 0, 0, 1, 0);
  g_assert_cmpstr (vigie_test_maintenance_at (snapshot, 0)->title, ==, "Scheduled maintenance");
  g_assert_null (vigie_test_maintenance_at (snapshot, 0)->scheduled_for);

  items = vigie_test_parse_text (
                                 NULL, "{\"page\":{\"status\":\"HASISSUES\"},\"activeIncidents\":[null,{\"name\":{},\"impact\":3,"
          "\"status\":[],\"url\":\"file:///etc/passwd\",\"components\":[5,{\"name\":\"Sync\"}]}],"
          "\"components\":[{\"name\":\"Sync\"},{\"status\":\"OPERATIONAL\"},7]}");
  vigie_test_assert_severity (items, VIGIE_SEVERITY_MINOR);
  vigie_test_assert_counts (items, 1, 1, 0, 0);
  vigie_test_assert_component (items, "Sync", NULL, VIGIE_SEVERITY_UNKNOWN);
  g_assert_cmpstr (vigie_test_incident_at (items, 0)->title, ==, "Incident");
  g_assert_null (vigie_test_incident_at (items, 0)->url);
  vigie_test_assert_incident_components (vigie_test_incident_at (items, 0), "Sync");
}

static void
test_instatus_not_instatus (void)
{
  g_autoptr(GBytes) html = vigie_test_load_fixture ("hostile/html-page.html");
  g_autoptr(GBytes) statuspage = vigie_test_load_fixture ("statuspage/summary-major.json");

  vigie_test_assert_text_error (NULL, "{\"page\":{\"name\":\"X\"}}", VIGIE_FEED_ERROR_UNKNOWN_FORMAT, NULL);
  vigie_test_assert_text_error ("instatus", "{\"page\":{\"name\":\"X\"}}", VIGIE_FEED_ERROR_WRONG_FORMAT,
                                "not an instatus feed");
  vigie_test_assert_text_error ("instatus", "{\"error\":\"Page not found\"}", VIGIE_FEED_ERROR_WRONG_FORMAT,
                                "not an instatus feed");
  vigie_test_assert_parse_error ("instatus", statuspage, VIGIE_FEED_ERROR_WRONG_FORMAT, "not an instatus feed");
  vigie_test_assert_parse_error ("instatus", html, VIGIE_FEED_ERROR_HTML, NULL);

  /* an Instatus summary with components is not taken for Statuspage */
  {
    g_autoptr(VigieSnapshot) snapshot = vigie_test_parse_text (
                                                               NULL, "{\"page\":{\"name\":\"T\",\"url\":\"https://t.example\",\"status\":\"UP\"},"
            "\"components\":[{\"name\":\"Sync\",\"status\":\"OPERATIONAL\"}]}");

    g_assert_cmpstr (vigie_snapshot_get_format (snapshot), ==, "instatus");
  }
}

static void
test_instatus_real (void)
{
  g_autoptr(GBytes) body = vigie_test_load_shared_fixture ("docs-examples/instatus-summary-official-doc.json");
  g_autoptr(VigieSnapshot) snapshot = NULL;
  const VigieIncident *incident;

  if (body == NULL)
    return;

  snapshot = vigie_test_parse (NULL, body, "2022-06-11T19:00:00Z");
  g_assert_cmpstr (vigie_snapshot_get_format (snapshot), ==, "instatus");
  vigie_test_assert_severity (snapshot, VIGIE_SEVERITY_CRITICAL);
  vigie_test_assert_counts (snapshot, 0, 1, 1, 0);
  g_assert_cmpstr (vigie_snapshot_get_page_name (snapshot), ==, "Instatus");
  g_assert_cmpstr (vigie_snapshot_get_summary (snapshot), ==, "We're facing an issue with our API");

  incident = vigie_test_incident_at (snapshot, 0);
  g_assert_cmpstr (incident->title, ==, "We're facing an issue with our API");
  g_assert_cmpstr (incident->status, ==, "investigating");
  vigie_test_assert_incident_severity (incident, VIGIE_SEVERITY_CRITICAL);
  vigie_test_assert_time (incident->started_at, "2022-06-11T18:55:50Z");

  incident = vigie_test_maintenance_at (snapshot, 0);
  g_assert_cmpstr (incident->title, ==, "Database maintenance");
  g_assert_cmpstr (incident->status, ==, "scheduled");
  vigie_test_assert_time (incident->scheduled_for, "2022-06-11T18:55:54Z");
  vigie_test_assert_time (incident->scheduled_until, "2022-06-11T19:55:54Z");
}

int
main (int   argc,
      char *argv[])
{
  /* Parsing touches no user directory; not isolating them also keeps
   * GLib's per-test XDG allocations (leaked on purpose, and not always
   * matched by tests/lsan.supp with fast unwinding) out of the leak check. */
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/feeds/instatus/up", test_instatus_up);
  g_test_add_func ("/feeds/instatus/issues", test_instatus_issues);
  g_test_add_func ("/feeds/instatus/page-statuses", test_instatus_page_statuses);
  g_test_add_func ("/feeds/instatus/components", test_instatus_components);
  g_test_add_func ("/feeds/instatus/maintenance", test_instatus_maintenance);
  g_test_add_func ("/feeds/instatus/dates", test_instatus_dates);
  g_test_add_func ("/feeds/instatus/wrong-types", test_instatus_wrong_types);
  g_test_add_func ("/feeds/instatus/not-instatus", test_instatus_not_instatus);
  g_test_add_func ("/feeds/instatus/real", test_instatus_real);

  return g_test_run ();
}
