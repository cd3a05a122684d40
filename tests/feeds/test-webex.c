/* test-webex.c: Webex service status (dashServices)
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

/* The moment every test judges open windows by, unless it says otherwise */
#define NOW VIGIE_TEST_NOW

/* Webex */

static void
test_webex_healthy (void)
{
  g_autoptr(VigieSnapshot) snapshot = vigie_test_parse_fixture ("webex/healthy.json");

  g_assert_cmpstr (vigie_snapshot_get_format (snapshot), ==, "webex");
  vigie_test_assert_severity (snapshot, VIGIE_SEVERITY_OPERATIONAL);
  /* group rows stand for their members; deleted ones are gone */
  vigie_test_assert_counts (snapshot, 4, 0, 0, 0);
  vigie_test_assert_component (snapshot, "Join a meeting", "Webex Meetings",
                               VIGIE_SEVERITY_OPERATIONAL);
  vigie_test_assert_component (snapshot, "Send messages", "Webex Messaging",
                               VIGIE_SEVERITY_OPERATIONAL);
  vigie_test_assert_component (snapshot, "Developer portal", NULL, VIGIE_SEVERITY_OPERATIONAL);
  g_assert_null (vigie_test_find_component (snapshot, "Retired feature"));
  g_assert_cmpstr (vigie_snapshot_get_page_name (snapshot), ==, "Webex");
}

static void
test_webex_maintenance (void)
{
  g_autoptr(VigieSnapshot) snapshot = vigie_test_parse_fixture ("webex/maintenance.json");
  g_autoptr(VigieSnapshot) before = NULL;
  const VigieIncident *maintenance;

  /* the window of the first is open; the third's is over */
  vigie_test_assert_severity (snapshot, VIGIE_SEVERITY_MAINTENANCE);
  vigie_test_assert_counts (snapshot, 1, 0, 2, 0);
  maintenance = vigie_test_maintenance_at (snapshot, 0);
  g_assert_cmpstr (maintenance->status, ==, "in_progress");
  vigie_test_assert_time (maintenance->scheduled_for, "2026-11-29T02:00:00Z");
  vigie_test_assert_time (maintenance->scheduled_until, "2026-11-29T04:00:00Z");
  vigie_test_assert_incident_components (maintenance, "Join a meeting");
  g_assert_cmpstr (maintenance->latest_update, ==, "Planned work on the meeting platform.\n\n-- Affected regions --\nEurope");
  maintenance = vigie_test_maintenance_at (snapshot, 1);
  g_assert_cmpstr (maintenance->status, ==, "scheduled");
  vigie_test_assert_incident_components (maintenance, "");

  /* an hour earlier, only announced: never trouble */
  before = vigie_test_parse_fixture_at ("webex/maintenance.json", "2026-11-29T01:30:00Z");
  vigie_test_assert_severity (before, VIGIE_SEVERITY_OPERATIONAL);
  g_assert_cmpuint (vigie_snapshot_get_maintenances (before)->len, ==, 2);
}

static void
test_webex_incident (void)
{
  g_autoptr(VigieSnapshot) snapshot = vigie_test_parse_fixture ("webex/incident.json");
  const VigieIncident *incident;

  vigie_test_assert_severity (snapshot, VIGIE_SEVERITY_MAJOR);
  vigie_test_assert_counts (snapshot, 3, 2, 0, 1);
  vigie_test_assert_trouble (snapshot, "Join a meeting=major;Recordings=minor");
  g_assert_cmpstr (vigie_snapshot_get_summary (snapshot), ==, "Users fail to join meetings in Europe");

  /* no impact word: the components it lists as major tell */
  incident = vigie_test_incident_at (snapshot, 0);
  g_assert_cmpstr (incident->id, ==, "inc00000000000000000000000000001");
  g_assert_cmpstr (incident->status, ==, "investigating");
  vigie_test_assert_incident_severity (incident, VIGIE_SEVERITY_MAJOR);
  vigie_test_assert_incident_components (incident, "Join a meeting");
  g_assert_cmpstr (incident->latest_update, ==, "A faulty media node was found and is being drained.");
  vigie_test_assert_time (incident->started_at, "2026-11-29T01:35:00Z");
  vigie_test_assert_time (incident->updated_at, "2026-11-29T02:15:00Z");

  incident = vigie_test_incident_at (snapshot, 1);
  vigie_test_assert_incident_severity (incident, VIGIE_SEVERITY_MINOR);
  vigie_test_assert_incident_components (incident, "Recordings");

  incident = vigie_test_resolved_at (snapshot, 0);
  g_assert_cmpstr (incident->title, ==, "Chat delays");
  vigie_test_assert_time (incident->updated_at, "2026-11-29T01:20:00Z");
}

static void
test_webex_impacts (void)
{
  static const struct { const char *impact; const char *members; VigieSeverity expected; } cases[] = {
    { "\"degraded\"", "", VIGIE_SEVERITY_MINOR },
    { "\"degraded_performance\"", "", VIGIE_SEVERITY_MINOR },
    { "\"Minor\"", "", VIGIE_SEVERITY_MINOR },
    { "\"partial_outage\"", "", VIGIE_SEVERITY_MAJOR },
    { "\"major\"", "", VIGIE_SEVERITY_MAJOR },
    { "\"major_outage\"", "", VIGIE_SEVERITY_CRITICAL },
    { "\"critical\"", "", VIGIE_SEVERITY_CRITICAL },
    { "null", ",\"degradedComponents\":[\"c1\"]", VIGIE_SEVERITY_MINOR },
    { "\"sev1\"", ",\"majorComponents\":[\"c1\"]", VIGIE_SEVERITY_MAJOR },
    { "\"sev1\"", "", VIGIE_SEVERITY_UNKNOWN },
    { "null", ",\"majorComponents\":\"c1\"", VIGIE_SEVERITY_UNKNOWN },
    { "7", "", VIGIE_SEVERITY_UNKNOWN },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *json = g_strdup_printf (
        "{\"serviceName\":\"Webex\",\"components\":[{\"componentId\":\"c1\",\"componentName\":\"Audio\","
        "\"status\":\"operational\"}],\"unResolvedIncidents\":[{\"incidentId\":\"i%u\","
        "\"incidentName\":\"Case %u\",\"incidentType\":\"INCIDENT\",\"status\":\"investigating\","
        "\"impact\":%s%s}]}", i, i, cases[i].impact, cases[i].members);
      g_autoptr(VigieSnapshot) snapshot = NULL;

      g_test_message ("%s", json);
      snapshot = vigie_test_parse_text (NULL, json);
      g_assert_cmpstr (vigie_snapshot_get_format (snapshot), ==, "webex");
      vigie_test_assert_severity (snapshot, cases[i].expected);
      vigie_test_assert_incident_severity (vigie_test_incident_at (snapshot, 0), cases[i].expected);
    }

  /* maintenance said by the impact alone, or by the type alone */
  {
    g_autoptr(VigieSnapshot) by_impact = vigie_test_parse_text (
                                                                NULL, "{\"unResolvedIncidents\":[{\"incidentName\":\"M\",\"status\":\"in_progress\",\"impact\":\"Maintenance\"}]}");
    g_autoptr(VigieSnapshot) by_type = vigie_test_parse_text (
                                                              NULL, "{\"unResolvedIncidents\":[{\"incidentName\":\"M\",\"status\":\"scheduled\",\"incidentType\":\"MAINTENANCE\","
            "\"startTime\":\"2026-12-01T00:00:00Z\"}]}");

    vigie_test_assert_severity (by_impact, VIGIE_SEVERITY_MAINTENANCE);
    vigie_test_assert_counts (by_impact, 0, 0, 1, 0);
    vigie_test_assert_severity (by_type, VIGIE_SEVERITY_OPERATIONAL);
    vigie_test_assert_counts (by_type, 0, 0, 1, 0);
  }
}

static void
test_webex_components (void)
{
  static const struct { const char *status; VigieSeverity expected; } cases[] = {
    { "operational", VIGIE_SEVERITY_OPERATIONAL },
    { "under_maintenance", VIGIE_SEVERITY_MAINTENANCE },
    { "degraded_performance", VIGIE_SEVERITY_MINOR },
    { "partial_outage", VIGIE_SEVERITY_MAJOR },
    { "major_outage", VIGIE_SEVERITY_CRITICAL },
    { "brownout", VIGIE_SEVERITY_UNKNOWN },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *json = g_strdup_printf (
        "{\"serviceName\":\"Webex\",\"components\":[{\"componentName\":\"Audio\",\"status\":\"%s\"}],"
        "\"unResolvedIncidents\":[]}", cases[i].status);
      g_autoptr(VigieSnapshot) snapshot = NULL;

      g_test_message ("%s", json);
      snapshot = vigie_test_parse_text (NULL, json);
      vigie_test_assert_severity (snapshot, cases[i].expected);
      vigie_test_assert_component (snapshot, "Audio", NULL, cases[i].expected);
    }
}

static void
test_webex_unknown (void)
{
  g_autoptr(VigieSnapshot) snapshot = vigie_test_parse_fixture ("webex/unknown.json");

  vigie_test_assert_severity (snapshot, VIGIE_SEVERITY_UNKNOWN);
  g_assert_cmpstr (vigie_snapshot_get_reason (snapshot), ==, "unknown incident impact \"sev3\"");
  vigie_test_assert_counts (snapshot, 1, 1, 0, 0);
}

static void
test_webex_wrong_types (void)
{
  g_autoptr(VigieSnapshot) no_list = vigie_test_parse_text (
                                                            NULL, "{\"serviceName\":\"Webex\",\"components\":[{\"componentName\":\"Audio\",\"status\":\"operational\"}],"
          "\"unResolvedIncidents\":\"none\"}");
  g_autoptr(VigieSnapshot) odd = vigie_test_parse_text (
                                                        NULL, "{\"serviceName\":5,\"components\":[null,7,{\"componentName\":[],\"status\":\"operational\"},"
          "{\"componentName\":\"Audio\",\"status\":3,\"components\":\"x\"}],"
          "\"unResolvedIncidents\":[null,1,{\"incidentName\":{},\"messages\":[1,{\"message\":5}],"
          "\"impact\":\"degraded\",\"startTime\":7,\"majorComponents\":[null,3]}]}");

  /* without the list of incidents no all-clear can be read */
  vigie_test_assert_severity (no_list, VIGIE_SEVERITY_UNKNOWN);
  g_assert_cmpstr (vigie_snapshot_get_reason (no_list), ==, "no incident list in feed");

  vigie_test_assert_severity (odd, VIGIE_SEVERITY_MINOR);
  vigie_test_assert_counts (odd, 1, 1, 0, 0);
  vigie_test_assert_component (odd, "Audio", NULL, VIGIE_SEVERITY_UNKNOWN);
  g_assert_cmpstr (vigie_test_incident_at (odd, 0)->title, ==, "Incident");
  g_assert_null (vigie_test_incident_at (odd, 0)->started_at);
}

static void
test_webex_not_webex (void)
{
  g_autoptr(GBytes) html = vigie_test_load_fixture ("hostile/html-page.html");
  static const char * const wrong[] = {
    "{\"serviceName\":\"Webex\"}", "{\"serviceName\":\"Webex\",\"components\":[]}",
    "{\"timestamp\":\"2026-11-29T02:00:00Z\",\"status\":500,\"error\":\"Internal Server Error\","
    "\"path\":\"/customer/dashServices/891\"}",
  };

  for (guint i = 0; i < G_N_ELEMENTS (wrong); i++)
    {
      g_test_message ("%s", wrong[i]);
      vigie_test_assert_text_error (NULL, wrong[i], VIGIE_FEED_ERROR_UNKNOWN_FORMAT, "unrecognised feed format");
      vigie_test_assert_text_error ("webex", wrong[i], VIGIE_FEED_ERROR_WRONG_FORMAT, "not a webex feed");
    }
  vigie_test_assert_parse_error ("webex", html, VIGIE_FEED_ERROR_HTML, NULL);
}

static void
test_webex_real (void)
{
  g_autoptr(GBytes) body = vigie_test_load_shared_fixture ("webex/webex-dashServices-891-2026-07.json");
  g_autoptr(VigieSnapshot) snapshot = NULL;
  const VigieIncident *maintenance;

  if (body == NULL)
    return;

  /* when captured: three maintenances announced, nothing running */
  snapshot = vigie_test_parse (NULL, body, "2026-07-11T00:00:00Z");
  g_assert_cmpstr (vigie_snapshot_get_format (snapshot), ==, "webex");
  vigie_test_assert_severity (snapshot, VIGIE_SEVERITY_OPERATIONAL);
  vigie_test_assert_counts (snapshot, 18, 0, 3, 0);
  vigie_test_assert_trouble (snapshot, "");
  vigie_test_assert_component (snapshot, "Start/join meetings", "Webex Meetings",
                               VIGIE_SEVERITY_OPERATIONAL);
  vigie_test_assert_component (snapshot, "Send and read messages", "Webex App",
                               VIGIE_SEVERITY_OPERATIONAL);
  maintenance = vigie_test_maintenance_at (snapshot, 0);
  g_assert_cmpstr (maintenance->title, ==, "Webex Calling Service Maintenance: July 21, 2026");
  g_assert_cmpstr (maintenance->status, ==, "scheduled");
  vigie_test_assert_time (maintenance->scheduled_for, "2026-07-21T22:00:00Z");
  vigie_test_assert_time (maintenance->scheduled_until, "2026-07-22T04:00:00Z");
  g_assert_true (g_str_has_prefix (maintenance->latest_update,
                                   "Webex Engineering has planned a maintenance window"));
  g_assert_null (strstr (maintenance->latest_update, "<strong>"));
  g_assert_cmpstr (vigie_test_maintenance_at (snapshot, 2)->title, ==, "Webex Calling Service Maintenance: July 17, 2026");
  g_clear_object (&snapshot);

  /* inside the window of 17 July */
  snapshot = vigie_test_parse (NULL, body, "2026-07-17T04:00:00Z");
  vigie_test_assert_severity (snapshot, VIGIE_SEVERITY_MAINTENANCE);
  vigie_test_assert_counts (snapshot, 18, 0, 3, 0);
  g_assert_cmpstr (vigie_test_maintenance_at (snapshot, 2)->status, ==, "in_progress");
  g_clear_object (&snapshot);

  /* months later every window is over */
  snapshot = vigie_test_parse (NULL, body, NOW);
  vigie_test_assert_severity (snapshot, VIGIE_SEVERITY_OPERATIONAL);
  vigie_test_assert_counts (snapshot, 18, 0, 0, 0);
}

int
main (int   argc,
      char *argv[])
{
  /* Parsing touches no user directory; not isolating them also keeps
   * GLib's per-test XDG allocations (leaked on purpose, and not always
   * matched by tests/lsan.supp with fast unwinding) out of the leak check. */
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/feeds/webex/healthy", test_webex_healthy);
  g_test_add_func ("/feeds/webex/maintenance", test_webex_maintenance);
  g_test_add_func ("/feeds/webex/incident", test_webex_incident);
  g_test_add_func ("/feeds/webex/impacts", test_webex_impacts);
  g_test_add_func ("/feeds/webex/components", test_webex_components);
  g_test_add_func ("/feeds/webex/unknown", test_webex_unknown);
  g_test_add_func ("/feeds/webex/wrong-types", test_webex_wrong_types);
  g_test_add_func ("/feeds/webex/not-webex", test_webex_not_webex);
  g_test_add_func ("/feeds/webex/real", test_webex_real);

  return g_test_run ();
}
