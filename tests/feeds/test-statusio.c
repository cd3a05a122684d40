/* test-statusio.c: Status.io public status API
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

/* Status.io */

static void
test_statusio_operational (void)
{
  g_autoptr(VigieSnapshot) snapshot = vigie_test_parse_fixture ("statusio/operational.json");

  g_assert_cmpstr (vigie_snapshot_get_format (snapshot), ==, "statusio");
  vigie_test_assert_severity (snapshot, VIGIE_SEVERITY_OPERATIONAL);
  vigie_test_assert_counts (snapshot, 2, 0, 0, 0);
  g_assert_cmpstr (vigie_snapshot_get_summary (snapshot), ==, "Operational");
}

static void
test_statusio_codes (void)
{
  static const struct { const char *code; VigieSeverity expected; const char *reason; } cases[] = {
    { "100", VIGIE_SEVERITY_OPERATIONAL, NULL },
    { "200", VIGIE_SEVERITY_MAINTENANCE, NULL },
    { "300", VIGIE_SEVERITY_MINOR, NULL },
    { "400", VIGIE_SEVERITY_MAJOR, NULL },
    { "500", VIGIE_SEVERITY_CRITICAL, NULL },
    { "600", VIGIE_SEVERITY_CRITICAL, NULL },
    { "\"300\"", VIGIE_SEVERITY_MINOR, NULL },
    { "400.0", VIGIE_SEVERITY_MAJOR, NULL },
    { "0", VIGIE_SEVERITY_UNKNOWN, "unknown overall status code 0" },
    { "700", VIGIE_SEVERITY_UNKNOWN, "unknown overall status code 700" },
    { "-100", VIGIE_SEVERITY_UNKNOWN, "unknown overall status code -100" },
    { "250.5", VIGIE_SEVERITY_UNKNOWN, "overall without status code" },
    { "\"abc\"", VIGIE_SEVERITY_UNKNOWN, "overall without status code" },
    { "null", VIGIE_SEVERITY_UNKNOWN, "overall without status code" },
    { "[100]", VIGIE_SEVERITY_UNKNOWN, "overall without status code" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *json = g_strdup_printf (
        "{\"result\":{\"status_overall\":{\"status\":\"Whatever\",\"status_code\":%s},"
        "\"status\":[{\"name\":\"Website\",\"status_code\":%s}],\"incidents\":[],"
        "\"maintenance\":{\"active\":[],\"upcoming\":[]}}}", cases[i].code, cases[i].code);
      g_autoptr(VigieSnapshot) snapshot = NULL;

      g_test_message ("%s", json);
      snapshot = vigie_test_parse_text (NULL, json);
      g_assert_cmpstr (vigie_snapshot_get_format (snapshot), ==, "statusio");
      vigie_test_assert_severity (snapshot, cases[i].expected);
      vigie_test_assert_component (snapshot, "Website", NULL, cases[i].expected);
      g_assert_cmpstr (vigie_snapshot_get_reason (snapshot), ==, cases[i].reason);
    }

  /* an unknown overall code while a component tells a real problem */
  {
    g_autoptr(VigieSnapshot) snapshot = vigie_test_parse_text (
                                                               NULL, "{\"result\":{\"status_overall\":{\"status_code\":700},"
            "\"status\":[{\"name\":\"Website\",\"status_code\":300}],\"incidents\":[]}}");

    vigie_test_assert_severity (snapshot, VIGIE_SEVERITY_MINOR);
  }
  /* no overall verdict: the components give it */
  {
    g_autoptr(VigieSnapshot) snapshot = vigie_test_parse_text (
                                                               NULL, "{\"result\":{\"status\":[{\"name\":\"Website\",\"status_code\":500}],\"incidents\":[]}}");

    vigie_test_assert_severity (snapshot, VIGIE_SEVERITY_CRITICAL);
  }
}

static void
test_statusio_incident (void)
{
  g_autoptr(VigieSnapshot) snapshot = vigie_test_parse_fixture ("statusio/incident.json");
  const VigieIncident *incident;

  vigie_test_assert_severity (snapshot, VIGIE_SEVERITY_MAJOR);
  vigie_test_assert_counts (snapshot, 3, 1, 1, 0);
  vigie_test_assert_trouble (snapshot, "CI runners=major;Package registry=minor");
  g_assert_cmpstr (vigie_snapshot_get_summary (snapshot), ==, "Partial Service Disruption");

  incident = vigie_test_incident_at (snapshot, 0);
  g_assert_cmpstr (incident->id, ==, "656e0f0a1b2c3d4e5f607182");
  g_assert_cmpstr (incident->title, ==, "Jobs stuck in the queue");
  /* from the code of its newest message */
  vigie_test_assert_incident_severity (incident, VIGIE_SEVERITY_MAJOR);
  g_assert_cmpstr (incident->latest_update, ==, "Runners in US East are being replaced.");
  vigie_test_assert_time (incident->started_at, "2026-11-29T01:48:00Z");
  vigie_test_assert_time (incident->updated_at, "2026-11-29T02:10:00Z");
  vigie_test_assert_incident_components (incident, "CI runners;US East");

  /* announced, not running */
  incident = vigie_test_maintenance_at (snapshot, 0);
  g_assert_cmpstr (incident->status, ==, "scheduled");
  vigie_test_assert_time (incident->scheduled_for, "2026-12-01T22:00:00Z");
  vigie_test_assert_time (incident->scheduled_until, "2026-12-02T01:00:00Z");
}

static void
test_statusio_maintenance (void)
{
  g_autoptr(VigieSnapshot) snapshot = vigie_test_parse_fixture ("statusio/maintenance.json");

  vigie_test_assert_severity (snapshot, VIGIE_SEVERITY_MAINTENANCE);
  vigie_test_assert_counts (snapshot, 1, 0, 1, 0);
  g_assert_cmpstr (vigie_test_maintenance_at (snapshot, 0)->status, ==, "in_progress");
  g_assert_cmpstr (vigie_test_maintenance_at (snapshot, 0)->latest_update, ==, "The failover test has started.");

  /* an active maintenance while the overall code still says operational */
  {
    g_autoptr(VigieSnapshot) active = vigie_test_parse_text (
                                                             NULL, "{\"result\":{\"status_overall\":{\"status_code\":100},\"status\":[],\"incidents\":[],"
            "\"maintenance\":{\"active\":[{\"name\":\"Upgrade\"}],\"upcoming\":[]}}}");

    vigie_test_assert_severity (active, VIGIE_SEVERITY_MAINTENANCE);
  }
}

static void
test_statusio_wrong_types (void)
{
  g_autoptr(VigieSnapshot) snapshot = vigie_test_parse_text (
                                                             NULL, "{\"result\":{\"status_overall\":{\"status\":5,\"status_code\":\"x\"},"
          "\"status\":[null,3,{\"name\":7,\"status_code\":100},{\"name\":\"Website\"}],"
          "\"incidents\":[null,{\"name\":[],\"messages\":\"none\",\"components_affected\":{}}],"
          "\"maintenance\":{\"active\":{},\"upcoming\":[7]}}}");
  g_autoptr(VigieSnapshot) no_status = NULL;

  vigie_test_assert_severity (snapshot, VIGIE_SEVERITY_UNKNOWN);
  g_assert_cmpstr (vigie_snapshot_get_reason (snapshot), ==, "overall without status code");
  vigie_test_assert_counts (snapshot, 1, 1, 0, 0);
  vigie_test_assert_component (snapshot, "Website", NULL, VIGIE_SEVERITY_UNKNOWN);
  g_assert_cmpstr (vigie_test_incident_at (snapshot, 0)->title, ==, "Incident");
  vigie_test_assert_incident_severity (vigie_test_incident_at (snapshot, 0), VIGIE_SEVERITY_UNKNOWN);

  /* a list of components and no verdict at all */
  no_status = vigie_test_parse_text ("statusio", "{\"result\":{\"status\":[],\"incidents\":[]}}");
  vigie_test_assert_severity (no_status, VIGIE_SEVERITY_UNKNOWN);
  g_assert_cmpstr (vigie_snapshot_get_reason (no_status), ==, "no status in feed");
}

static void
test_statusio_not_statusio (void)
{
  g_autoptr(GBytes) html = vigie_test_load_fixture ("hostile/html-page.html");
  static const char * const wrong[] = {
    "{\"result\":[]}", "{\"result\":{}}", "{\"result\":{\"status\":[]}}",
    "{\"status\":{\"error\":\"yes\",\"code\":404,\"message\":\"Page not found\"}}",
  };

  for (guint i = 0; i < G_N_ELEMENTS (wrong); i++)
    {
      g_test_message ("%s", wrong[i]);
      vigie_test_assert_text_error (NULL, wrong[i], VIGIE_FEED_ERROR_UNKNOWN_FORMAT, "unrecognised feed format");
      vigie_test_assert_text_error ("statusio", wrong[i], VIGIE_FEED_ERROR_WRONG_FORMAT, "not a status.io feed");
    }
  vigie_test_assert_parse_error ("statusio", html, VIGIE_FEED_ERROR_HTML, NULL);
}

static void
test_statusio_real (void)
{
  g_autoptr(GBytes) body = vigie_test_load_shared_fixture ("docs-examples/statusio-status-official-doc.json");
  g_autoptr(VigieSnapshot) snapshot = NULL;

  if (body == NULL)
    return;

  snapshot = vigie_test_parse (NULL, body, "2016-01-29T23:00:00Z");
  g_assert_cmpstr (vigie_snapshot_get_format (snapshot), ==, "statusio");
  vigie_test_assert_severity (snapshot, VIGIE_SEVERITY_OPERATIONAL);
  vigie_test_assert_counts (snapshot, 1, 0, 0, 0);
  vigie_test_assert_component (snapshot, "Website", NULL, VIGIE_SEVERITY_OPERATIONAL);
  g_assert_cmpstr (vigie_snapshot_get_summary (snapshot), ==, "Operational");
}

int
main (int   argc,
      char *argv[])
{
  /* Parsing touches no user directory; not isolating them also keeps
   * GLib's per-test XDG allocations (leaked on purpose, and not always
   * matched by tests/lsan.supp with fast unwinding) out of the leak check. */
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/feeds/statusio/operational", test_statusio_operational);
  g_test_add_func ("/feeds/statusio/codes", test_statusio_codes);
  g_test_add_func ("/feeds/statusio/incident", test_statusio_incident);
  g_test_add_func ("/feeds/statusio/maintenance", test_statusio_maintenance);
  g_test_add_func ("/feeds/statusio/wrong-types", test_statusio_wrong_types);
  g_test_add_func ("/feeds/statusio/not-statusio", test_statusio_not_statusio);
  g_test_add_func ("/feeds/statusio/real", test_statusio_real);

  return g_test_run ();
}
