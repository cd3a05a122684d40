/* test-google.c: Google status dashboards (Workspace and Cloud incidents.json)
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

/* Google */

static void
test_google_open_mixed (void)
{
  g_autoptr(VigieSnapshot) snapshot = vigie_test_parse_fixture ("google/open-mixed.json");
  const VigieIncident *incident;

  g_assert_cmpstr (vigie_snapshot_get_format (snapshot), ==, "google");
  vigie_test_assert_severity (snapshot, VIGIE_SEVERITY_CRITICAL);
  vigie_test_assert_counts (snapshot, 4, 3, 0, 1);
  g_assert_cmpstr (vigie_snapshot_get_summary (snapshot), ==, "Users cannot send mail or chat messages.");
  /* a product named by two incidents takes the worse */
  vigie_test_assert_trouble (snapshot, "Gmail=critical;Google Chat=critical;Google Meet=major;Google Drive=minor");

  /* "end" absent */
  incident = vigie_test_incident_at (snapshot, 0);
  g_assert_cmpstr (incident->id, ==, "vg1OutageMailChat");
  g_assert_cmpstr (incident->title, ==, "Users cannot send mail or chat messages.");
  vigie_test_assert_incident_severity (incident, VIGIE_SEVERITY_CRITICAL);
  g_assert_cmpstr (incident->latest_update, ==,
                   "Users cannot send mail or chat messages.\n"
                   "Our engineers found a faulty configuration push and are rolling it back.\n"
                   "Next update by 03:00 UTC.");
  vigie_test_assert_time (incident->started_at, "2026-11-28T23:40:00Z");
  vigie_test_assert_time (incident->updated_at, "2026-11-29T01:05:00Z");
  vigie_test_assert_incident_components (incident, "Gmail;Google Chat");
  /* the dashboard's "uri" is relative to a page the feed does not name */
  g_assert_null (incident->url);

  /* "end": null */
  incident = vigie_test_incident_at (snapshot, 1);
  g_assert_cmpstr (incident->title, ==, "Some participants wait a long time before joining a meeting");
  vigie_test_assert_incident_severity (incident, VIGIE_SEVERITY_MAJOR);
  g_assert_cmpstr (incident->latest_update, ==, "Mitigation is under way in the affected data centres.");

  /* "end" in the future */
  incident = vigie_test_incident_at (snapshot, 2);
  g_assert_cmpstr (incident->id, ==, "vg3DriveInfo");
  vigie_test_assert_incident_severity (incident, VIGIE_SEVERITY_MINOR);
  vigie_test_assert_incident_components (incident, "Google Drive;Gmail");

  /* ended five hours ago: resolved, at the end Google gives */
  incident = vigie_test_resolved_at (snapshot, 0);
  g_assert_cmpstr (incident->id, ==, "vg4CalendarFixed");
  g_assert_cmpstr (incident->status, ==, "resolved");
  vigie_test_assert_time (incident->updated_at, "2026-11-28T20:00:00Z");

  /* an hour later the information notice is still there, the calendar
   * incident stays resolved; a day later only the notice is gone */
  g_clear_object (&snapshot);
  snapshot = vigie_test_parse_fixture_at ("google/open-mixed.json", "2026-11-29T05:30:00Z");
  vigie_test_assert_counts (snapshot, 3, 2, 0, 2);
  vigie_test_assert_severity (snapshot, VIGIE_SEVERITY_CRITICAL);
  g_assert_cmpstr (vigie_test_resolved_at (snapshot, 0)->id, ==, "vg3DriveInfo");
  vigie_test_assert_time (vigie_test_resolved_at (snapshot, 0)->updated_at, "2026-11-29T05:00:00Z");
}

static void
test_google_severities (void)
{
  static const struct { const char *impact; const char *severity; VigieSeverity expected; const char *reason; } cases[] = {
    { "\"SERVICE_INFORMATION\"", "null", VIGIE_SEVERITY_MINOR, NULL },
    { "\"SERVICE_DISRUPTION\"", "null", VIGIE_SEVERITY_MAJOR, NULL },
    { "\"SERVICE_OUTAGE\"", "null", VIGIE_SEVERITY_CRITICAL, NULL },
    { "\"SERVICE_OUTAGE\"", "\"low\"", VIGIE_SEVERITY_CRITICAL, NULL },
    { "null", "\"low\"", VIGIE_SEVERITY_MINOR, NULL },
    { "null", "\"medium\"", VIGIE_SEVERITY_MAJOR, NULL },
    { "null", "\"high\"", VIGIE_SEVERITY_CRITICAL, NULL },
    { "\"SERVICE_NEW\"", "\"high\"", VIGIE_SEVERITY_CRITICAL, NULL },
    { "\"SERVICE_NEW\"", "\"odd\"", VIGIE_SEVERITY_UNKNOWN, "unknown status_impact \"SERVICE_NEW\"" },
    { "\"service_outage\"", "null", VIGIE_SEVERITY_UNKNOWN, "unknown status_impact \"service_outage\"" },
    { "null", "\"odd\"", VIGIE_SEVERITY_UNKNOWN, "unknown severity \"odd\"" },
    { "null", "null", VIGIE_SEVERITY_UNKNOWN, "incident without impact" },
    { "7", "[]", VIGIE_SEVERITY_UNKNOWN, "incident without impact" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *json = g_strdup_printf (
        "[{\"id\":\"s%u\",\"begin\":\"2026-11-29T01:00:00+00:00\",\"external_desc\":\"Case %u\","
        "\"status_impact\":%s,\"severity\":%s,\"affected_products\":[{\"title\":\"Gmail\"}]}]",
        i, i, cases[i].impact, cases[i].severity);
      g_autoptr(VigieSnapshot) snapshot = NULL;

      g_test_message ("%s", json);
      snapshot = vigie_test_parse_text (NULL, json);
      g_assert_cmpstr (vigie_snapshot_get_format (snapshot), ==, "google");
      vigie_test_assert_severity (snapshot, cases[i].expected);
      vigie_test_assert_incident_severity (vigie_test_incident_at (snapshot, 0), cases[i].expected);
      vigie_test_assert_component (snapshot, "Gmail", NULL, cases[i].expected);
      g_assert_cmpstr (vigie_snapshot_get_reason (snapshot), ==, cases[i].reason);
    }
}

static void
test_google_open_rules (void)
{
  static const struct { const char *members; guint n_open; guint n_resolved; } cases[] = {
    { "", 1, 0 },                                              /* no "end" */
    { ",\"end\":null", 1, 0 },
    { ",\"end\":\"2026-11-29T02:31:00+00:00\"", 1, 0 },        /* a minute from now */
    { ",\"end\":\"2026-11-29T02:30:00+00:00\"", 0, 1 },        /* ends now */
    { ",\"end\":\"2026-11-28T02:31:00+00:00\"", 0, 1 },        /* 23 h 59 ago */
    { ",\"end\":\"2026-11-28T02:29:00+00:00\"", 0, 0 },        /* older than a day */
    /* an end that cannot be read closes nothing */
    { ",\"end\":\"soon\"", 1, 0 },
    { ",\"end\":1764383400", 1, 0 },
    { ",\"end\":{}", 1, 0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *json = g_strdup_printf (
        "[{\"id\":\"r%u\",\"begin\":\"2026-11-28T01:00:00+00:00\",\"external_desc\":\"Rule %u\","
        "\"status_impact\":\"SERVICE_DISRUPTION\"%s}]", i, i, cases[i].members);
      g_autoptr(VigieSnapshot) snapshot = NULL;

      g_test_message ("%s", json);
      snapshot = vigie_test_parse_text (NULL, json);
      /* no product list and no service name: no component */
      vigie_test_assert_counts (snapshot, 0, cases[i].n_open, 0, cases[i].n_resolved);
      vigie_test_assert_severity (snapshot, cases[i].n_open > 0 ? VIGIE_SEVERITY_MAJOR
                                                                : VIGIE_SEVERITY_OPERATIONAL);
    }

  /* an incident that begins well after "now" has not started (a replay
   * of the history); a few minutes ahead is clock skew and counts */
  {
    g_autoptr(VigieSnapshot) later = vigie_test_parse_text (
                                                            NULL, "[{\"id\":\"f1\",\"begin\":\"2026-11-29T05:00:00+00:00\",\"external_desc\":\"Later\","
            "\"status_impact\":\"SERVICE_OUTAGE\"}]");
    g_autoptr(VigieSnapshot) skew = vigie_test_parse_text (
                                                           NULL, "[{\"id\":\"f2\",\"begin\":\"2026-11-29T02:35:00+00:00\",\"external_desc\":\"Skew\","
            "\"status_impact\":\"SERVICE_OUTAGE\"}]");

    vigie_test_assert_severity (later, VIGIE_SEVERITY_OPERATIONAL);
    vigie_test_assert_severity (skew, VIGIE_SEVERITY_CRITICAL);
  }

  /* no product list: the incident's own service stands for it */
  {
    g_autoptr(VigieSnapshot) snapshot = vigie_test_parse_text (
                                                               NULL, "[{\"id\":\"p1\",\"begin\":\"2026-11-29T01:00:00+00:00\",\"external_desc\":\"x\","
            "\"service_name\":\"Google Meet\",\"status_impact\":\"SERVICE_OUTAGE\"}]");

    vigie_test_assert_component (snapshot, "Google Meet", NULL, VIGIE_SEVERITY_CRITICAL);
  }
}

static void
test_google_healthy (void)
{
  g_autoptr(VigieSnapshot) snapshot = vigie_test_parse_fixture ("google/healthy.json");

  vigie_test_assert_severity (snapshot, VIGIE_SEVERITY_OPERATIONAL);
  vigie_test_assert_counts (snapshot, 0, 0, 0, 0);
  g_assert_null (vigie_snapshot_get_summary (snapshot));
}

static void
test_google_unknown (void)
{
  g_autoptr(VigieSnapshot) snapshot = vigie_test_parse_fixture ("google/unknown-impact.json");

  vigie_test_assert_severity (snapshot, VIGIE_SEVERITY_UNKNOWN);
  g_assert_cmpstr (vigie_snapshot_get_reason (snapshot), ==, "unknown status_impact \"SERVICE_ANOMALY\"");
  vigie_test_assert_counts (snapshot, 1, 1, 0, 0);
  vigie_test_assert_component (snapshot, "Google Keep", NULL, VIGIE_SEVERITY_UNKNOWN);
  g_assert_cmpstr (vigie_test_incident_at (snapshot, 0)->title, ==, "Keep notes may not sync between devices");
}

static void
test_google_wrong_types (void)
{
  g_autoptr(VigieSnapshot) snapshot = vigie_test_parse_fixture ("google/wrong-types.json");
  const VigieIncident *incident;

  /* nothing crashes, nothing reads as "all clear": the element whose end
   * is a number stays open, without a readable impact */
  vigie_test_assert_severity (snapshot, VIGIE_SEVERITY_MAJOR);
  vigie_test_assert_counts (snapshot, 1, 2, 0, 0);
  incident = vigie_test_incident_at (snapshot, 0);
  g_assert_cmpstr (incident->id, ==, "4242");
  g_assert_cmpstr (incident->title, ==, "Incident");
  vigie_test_assert_incident_severity (incident, VIGIE_SEVERITY_UNKNOWN);
  g_assert_null (incident->started_at);
  g_assert_null (incident->latest_update);
  incident = vigie_test_incident_at (snapshot, 1);
  vigie_test_assert_incident_components (incident, "Google Sites");
  vigie_test_assert_component (snapshot, "Google Sites", NULL, VIGIE_SEVERITY_MAJOR);
}

static void
test_google_not_google (void)
{
  g_autoptr(GBytes) html = vigie_test_load_fixture ("hostile/html-page.html");
  static const char * const wrong[] = {
    "[]", "[1,2,3]", "[{}]", "[{\"id\":\"x\"}]", "[{\"begin\":5,\"external_desc\":\"x\"}]",
    "{\"error\":{\"code\":503,\"message\":\"Backend unavailable\",\"status\":\"UNAVAILABLE\"}}",
  };

  for (guint i = 0; i < G_N_ELEMENTS (wrong); i++)
    {
      g_test_message ("%s", wrong[i]);
      vigie_test_assert_text_error ("google", wrong[i], VIGIE_FEED_ERROR_WRONG_FORMAT, "not a google feed");
      vigie_test_assert_text_error (NULL, wrong[i], VIGIE_FEED_ERROR_UNKNOWN_FORMAT, "unrecognised feed format");
    }

  vigie_test_assert_parse_error ("google", html, VIGIE_FEED_ERROR_HTML, "html page instead of a feed");
  vigie_test_assert_text_error ("google", "<?xml version=\"1.0\"?><rss/>", VIGIE_FEED_ERROR_NOT_JSON, "not json");
}

static void
test_google_real_cloud (void)
{
  g_autoptr(GBytes) body = vigie_test_load_shared_fixture ("google-dashboard/gcp-incidents-2022-07-03-full.json");
  g_autoptr(VigieSnapshot) snapshot = NULL;
  g_autoptr(VigieSnapshot) forced = NULL;
  const VigieIncident *incident;

  if (body == NULL)
    return;

  /* the day it was captured: 157 incidents, all closed */
  snapshot = vigie_test_parse (NULL, body, "2022-07-04T00:00:00Z");
  g_assert_cmpstr (vigie_snapshot_get_format (snapshot), ==, "google");
  vigie_test_assert_severity (snapshot, VIGIE_SEVERITY_OPERATIONAL);
  vigie_test_assert_counts (snapshot, 0, 0, 0, 0);
  g_clear_object (&snapshot);

  /* during the BigQuery notice of 1 July 2022 */
  snapshot = vigie_test_parse (NULL, body, "2022-07-01T19:00:00Z");
  vigie_test_assert_severity (snapshot, VIGIE_SEVERITY_MINOR);
  vigie_test_assert_counts (snapshot, 1, 1, 0, 1);
  vigie_test_assert_trouble (snapshot, "Google BigQuery=minor");
  incident = vigie_test_incident_at (snapshot, 0);
  g_assert_cmpstr (incident->id, ==, "TaA75H7XA1DQyM2ReK2f");
  g_assert_cmpstr (incident->title, ==, "[Google BigQuery] Lower throughput from the Read API");
  vigie_test_assert_time (incident->started_at, "2022-07-01T13:37:44Z");
  incident = vigie_test_resolved_at (snapshot, 0);
  g_assert_cmpstr (incident->id, ==, "mDY7jN545et9XUV541MZ");
  vigie_test_assert_time (incident->updated_at, "2022-07-01T02:15:28Z");
  g_clear_object (&snapshot);

  /* during the two outages of 16 June 2022 */
  snapshot = vigie_test_parse (NULL, body, "2022-06-16T09:00:00Z");
  forced = vigie_test_parse ("google", body, "2022-06-16T09:00:00Z");
  vigie_test_assert_severity (snapshot, VIGIE_SEVERITY_CRITICAL);
  vigie_test_assert_severity (forced, VIGIE_SEVERITY_CRITICAL);
  vigie_test_assert_counts (snapshot, 6, 2, 0, 0);
  g_assert_cmpstr (vigie_test_incident_at (snapshot, 0)->title, ==, "Google Cloud Networking packet loss issue");
  vigie_test_assert_incident_components (vigie_test_incident_at (snapshot, 0),
                                         "Hybrid Connectivity;Virtual Private Cloud (VPC);Google Cloud Networking;Cloud NAT");
  g_assert_cmpstr (vigie_test_incident_at (snapshot, 1)->title, ==,
                   "Global: Some Google Cloud Console Customers are unable to create/edit GCE instances");
  vigie_test_assert_incident_severity (vigie_test_incident_at (snapshot, 1), VIGIE_SEVERITY_CRITICAL);
  vigie_test_assert_trouble (snapshot, "Hybrid Connectivity=critical;Virtual Private Cloud (VPC)=critical;"
                             "Google Cloud Networking=critical;Cloud NAT=critical;"
                             "Google Compute Engine=critical;Google Cloud Console=critical");
  g_assert_cmpstr (vigie_snapshot_get_summary (snapshot), ==, "Google Cloud Networking packet loss issue");
}

static void
test_google_real_workspace (void)
{
  g_autoptr(GBytes) body = vigie_test_load_shared_fixture ("google-dashboard/workspace-incidents-2026-07-trimmed.json");
  g_autoptr(VigieSnapshot) snapshot = NULL;
  const VigieIncident *incident;

  if (body == NULL)
    return;

  snapshot = vigie_test_parse (NULL, body, "2026-07-11T00:00:00Z");
  g_assert_cmpstr (vigie_snapshot_get_format (snapshot), ==, "google");
  vigie_test_assert_severity (snapshot, VIGIE_SEVERITY_OPERATIONAL);
  vigie_test_assert_counts (snapshot, 0, 0, 0, 0);
  g_clear_object (&snapshot);

  /* the morning after the Support incident ended */
  snapshot = vigie_test_parse (NULL, body, "2026-07-01T10:00:00Z");
  vigie_test_assert_severity (snapshot, VIGIE_SEVERITY_OPERATIONAL);
  vigie_test_assert_counts (snapshot, 0, 0, 0, 1);
  incident = vigie_test_resolved_at (snapshot, 0);
  g_assert_cmpstr (incident->id, ==, "AWyE1SfEzpe8Qed49Rog");
  g_assert_cmpstr (incident->title, ==, "Inbound emails from customers to Google Support are experiencing issues.");
  vigie_test_assert_time (incident->updated_at, "2026-07-01T03:45:00Z");
  /* the "**Title**" and "**Description**" headings are gone */
  g_assert_true (g_str_has_prefix (incident->latest_update,
                                   "[Resolved] Inbound emails from customers to Google Support were experiencing issues.\n"
                                   "The issue with inbound emails"));
  g_clear_object (&snapshot);

  /* while it was open: the trimmed capture keeps no impact, so no level
   * can be read, and none is made up */
  snapshot = vigie_test_parse (NULL, body, "2026-06-30T12:00:00Z");
  vigie_test_assert_severity (snapshot, VIGIE_SEVERITY_UNKNOWN);
  g_assert_cmpstr (vigie_snapshot_get_reason (snapshot), ==, "incident without impact");
  vigie_test_assert_counts (snapshot, 0, 1, 0, 0);
  g_assert_cmpstr (vigie_test_incident_at (snapshot, 0)->title, ==,
                   "Inbound emails from customers to Google Support are experiencing issues.");
}

int
main (int   argc,
      char *argv[])
{
  /* Parsing touches no user directory; not isolating them also keeps
   * GLib's per-test XDG allocations (leaked on purpose, and not always
   * matched by tests/lsan.supp with fast unwinding) out of the leak check. */
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/feeds/google/open-mixed", test_google_open_mixed);
  g_test_add_func ("/feeds/google/severities", test_google_severities);
  g_test_add_func ("/feeds/google/open-rules", test_google_open_rules);
  g_test_add_func ("/feeds/google/healthy", test_google_healthy);
  g_test_add_func ("/feeds/google/unknown", test_google_unknown);
  g_test_add_func ("/feeds/google/wrong-types", test_google_wrong_types);
  g_test_add_func ("/feeds/google/not-google", test_google_not_google);
  g_test_add_func ("/feeds/google/real-cloud", test_google_real_cloud);
  g_test_add_func ("/feeds/google/real-workspace", test_google_real_workspace);

  return g_test_run ();
}
