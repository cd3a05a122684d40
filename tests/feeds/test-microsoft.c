/* test-microsoft.c: Microsoft's status.cloud.microsoft posts and the Office portal index
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

/* Microsoft */

static void
test_microsoft_consumer_ok (void)
{
  g_autoptr(VigieSnapshot) snapshot = vigie_test_parse_fixture ("microsoft/consumer-ok.json");
  const VigieIncident *restored;

  g_assert_cmpstr (vigie_snapshot_get_format (snapshot), ==, "microsoft");
  vigie_test_assert_severity (snapshot, VIGIE_SEVERITY_OPERATIONAL);
  vigie_test_assert_counts (snapshot, 4, 0, 0, 1);
  vigie_test_assert_trouble (snapshot, "");
  vigie_test_assert_component (snapshot, "Microsoft Teams Free", NULL, VIGIE_SEVERITY_OPERATIONAL);
  g_assert_cmpstr (vigie_snapshot_get_page_url (snapshot), ==, "https://status.cloud.microsoft");

  /* "ServiceRestored": the incident of that service ended with this post */
  restored = vigie_test_resolved_at (snapshot, 0);
  g_assert_cmpstr (restored->id, ==, "TeamsFree");
  g_assert_cmpstr (restored->status, ==, "service_restored");
  g_assert_cmpstr (restored->latest_update, ==,
                   "We’ve rolled back the change that stopped some people from signing in.");
  vigie_test_assert_time (restored->updated_at, "2026-11-29T01:40:00Z");
}

static void
test_microsoft_consumer_trouble (void)
{
  g_autoptr(VigieSnapshot) snapshot = vigie_test_parse_fixture ("microsoft/consumer-trouble.json");
  const VigieIncident *incident;

  vigie_test_assert_severity (snapshot, VIGIE_SEVERITY_MAJOR);
  vigie_test_assert_counts (snapshot, 4, 3, 0, 0);
  vigie_test_assert_trouble (snapshot, "Outlook.com=minor;OneDrive=major;Microsoft Whiteboard=minor");
  g_assert_cmpstr (vigie_snapshot_get_summary (snapshot), ==, "OneDrive is unavailable");

  incident = vigie_test_incident_at (snapshot, 0);
  /* the service follows the incident from one poll to the next */
  g_assert_cmpstr (incident->id, ==, "OutlookConsumer");
  g_assert_cmpstr (incident->title, ==, "Some users can't open attachments in Outlook.com");
  g_assert_cmpstr (incident->status, ==, "service_degradation");
  vigie_test_assert_incident_severity (incident, VIGIE_SEVERITY_MINOR);
  g_assert_cmpstr (incident->latest_update, ==,
                   "We're reviewing service telemetry to find why attachments fail to open.\nSee details.");
  g_assert_null (incident->url);
  vigie_test_assert_time (incident->updated_at, "2026-11-29T01:50:00Z");
  vigie_test_assert_incident_components (incident, "Outlook.com");

  incident = vigie_test_incident_at (snapshot, 1);
  g_assert_cmpstr (incident->status, ==, "service_interruption");
  vigie_test_assert_incident_severity (incident, VIGIE_SEVERITY_MAJOR);

  /* the display form of the word, and no title: the service names it */
  incident = vigie_test_incident_at (snapshot, 2);
  g_assert_cmpstr (incident->title, ==, "Microsoft Whiteboard");
  vigie_test_assert_incident_severity (incident, VIGIE_SEVERITY_MINOR);
}

static void
test_microsoft_statuses (void)
{
  static const struct { const char *status; VigieSeverity expected; const char *reason; } cases[] = {
    { "\"Available\"", VIGIE_SEVERITY_OPERATIONAL, NULL },
    { "\"Operational\"", VIGIE_SEVERITY_OPERATIONAL, NULL },
    { "\"ServiceRestored\"", VIGIE_SEVERITY_OPERATIONAL, NULL },
    { "\"Service restored\"", VIGIE_SEVERITY_OPERATIONAL, NULL },
    { "\"ServiceDegradation\"", VIGIE_SEVERITY_MINOR, NULL },
    { "\"servicedegradation\"", VIGIE_SEVERITY_MINOR, NULL },
    { "\"ServiceInterruption\"", VIGIE_SEVERITY_MAJOR, NULL },
    { "\"Unknown\"", VIGIE_SEVERITY_UNKNOWN, "unknown status \"Unknown\"" },
    { "\"Maintenance\"", VIGIE_SEVERITY_UNKNOWN, "unknown status \"Maintenance\"" },
    { "\"\"", VIGIE_SEVERITY_UNKNOWN, "unknown status \"\"" },
    { "null", VIGIE_SEVERITY_UNKNOWN, "service without status" },
    { "2", VIGIE_SEVERITY_UNKNOWN, "service without status" },
    { "[\"Available\"]", VIGIE_SEVERITY_UNKNOWN, "service without status" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *rows = g_strdup_printf (
        "[{\"Id\":\"r%u\",\"InternalDateTime\":\"2026-11-29T02:20:00+00:00\",\"Title\":\"\","
        "\"ServiceDisplayName\":\"Outlook.com\",\"Status\":%s}]", i, cases[i].status);
      g_autofree char *post = g_strdup_printf (
        "{\"Id\":\"p%u\",\"AuthoredDateTime\":\"2026-11-29T02:00:00+00:00\",\"Title\":\"\","
        "\"Message\":\"<div>x</div>\",\"Status\":%s}", i, cases[i].status);
      g_autoptr(VigieSnapshot) from_rows = NULL;
      g_autoptr(VigieSnapshot) from_post = NULL;

      g_test_message ("%s", cases[i].status);
      from_rows = vigie_test_parse_text (NULL, rows);
      from_post = vigie_test_parse_text (NULL, post);
      g_assert_cmpstr (vigie_snapshot_get_format (from_rows), ==, "microsoft");
      g_assert_cmpstr (vigie_snapshot_get_format (from_post), ==, "microsoft");
      vigie_test_assert_severity (from_rows, cases[i].expected);
      vigie_test_assert_severity (from_post, cases[i].expected);
      vigie_test_assert_component (from_rows, "Outlook.com", NULL, cases[i].expected);
      g_assert_cmpstr (vigie_snapshot_get_reason (from_rows), ==, cases[i].reason);
      g_assert_cmpstr (vigie_snapshot_get_reason (from_post), ==, cases[i].reason);
      g_assert_cmpuint (vigie_snapshot_get_incidents (from_rows)->len, ==,
                        vigie_severity_is_trouble (cases[i].expected) ? 1 : 0);
    }
}

static void
test_microsoft_unknown (void)
{
  g_autoptr(VigieSnapshot) snapshot = vigie_test_parse_fixture ("microsoft/consumer-unknown.json");

  vigie_test_assert_severity (snapshot, VIGIE_SEVERITY_UNKNOWN);
  g_assert_cmpstr (vigie_snapshot_get_reason (snapshot), ==, "unknown status \"Unknown\"");
  vigie_test_assert_counts (snapshot, 2, 0, 0, 0);
  vigie_test_assert_trouble (snapshot, "Phone Link=unknown");
}

static void
test_microsoft_admin_post (void)
{
  g_autoptr(VigieSnapshot) ok = vigie_test_parse_fixture ("microsoft/mac-ok.json");
  g_autoptr(VigieSnapshot) degraded = vigie_test_parse_fixture ("microsoft/mac-degraded.json");
  const VigieIncident *incident;

  vigie_test_assert_severity (ok, VIGIE_SEVERITY_OPERATIONAL);
  vigie_test_assert_counts (ok, 0, 0, 0, 0);

  vigie_test_assert_severity (degraded, VIGIE_SEVERITY_MINOR);
  vigie_test_assert_counts (degraded, 0, 1, 0, 0);
  incident = vigie_test_incident_at (degraded, 0);
  g_assert_cmpstr (incident->title, ==, "Service degradation");
  g_assert_cmpstr (incident->id, ==, "d4a3f5e7-0002-4d88-8a41-9c4e4e000002");
  g_assert_cmpstr (incident->latest_update, ==, "Admins may see errors when they open Service health.");
}

static void
test_microsoft_portal (void)
{
  g_autoptr(VigieSnapshot) snapshot = vigie_test_parse_fixture ("microsoft/portal-down.json");
  const VigieIncident *incident;

  vigie_test_assert_severity (snapshot, VIGIE_SEVERITY_MAJOR);
  vigie_test_assert_counts (snapshot, 3, 1, 0, 0);
  vigie_test_assert_trouble (snapshot, "Outlook.com=major;Skype=unknown");
  g_assert_cmpstr (vigie_snapshot_get_summary (snapshot), ==, "We're having problems");
  g_assert_cmpstr (vigie_snapshot_get_page_url (snapshot), ==, "https://portal.office.com/servicestatus");
  incident = vigie_test_incident_at (snapshot, 0);
  g_assert_cmpstr (incident->id, ==, "OutlookConsumer");
  g_assert_cmpstr (incident->title, ==, "Outlook.com");
  g_assert_true (g_str_has_prefix (incident->latest_update, "Mail is not delivered for some users."));
  g_assert_true (g_str_has_suffix (incident->latest_update, "We will update this page in 30 minutes."));

  {
    static const struct { const char *json; VigieSeverity expected; } cases[] = {
      { "{\"Services\":[{\"Name\":\"OneDrive\",\"IsUp\":true}],\"IsAllUp\":true}", VIGIE_SEVERITY_OPERATIONAL },
      { "{\"Services\":[],\"IsAllUp\":true}", VIGIE_SEVERITY_OPERATIONAL },
      /* not all up, without saying what is down */
      { "{\"Services\":[{\"Name\":\"OneDrive\",\"IsUp\":true}],\"IsAllUp\":false}", VIGIE_SEVERITY_MAJOR },
      { "{\"Services\":[],\"IsAllUp\":\"yes\"}", VIGIE_SEVERITY_UNKNOWN },
      { "{\"Services\":[null,4,\"x\"],\"LastRefreshed\":\"now\"}", VIGIE_SEVERITY_UNKNOWN },
      { "{\"Services\":[{\"Name\":\"OneDrive\",\"IsUp\":null}],\"IsAllUp\":true}", VIGIE_SEVERITY_UNKNOWN },
    };

    for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
      {
        g_autoptr(VigieSnapshot) portal = NULL;

        g_test_message ("%s", cases[i].json);
        portal = vigie_test_parse_text (NULL, cases[i].json);
        g_assert_cmpstr (vigie_snapshot_get_format (portal), ==, "microsoft");
        vigie_test_assert_severity (portal, cases[i].expected);
      }
  }
}

static void
test_microsoft_wrong_shapes (void)
{
  g_autoptr(GBytes) not_found = vigie_test_load_fixture ("microsoft/error-404.json");
  g_autoptr(GBytes) html = vigie_test_load_fixture ("hostile/html-page.html");
  static const char * const wrong[] = {
    "[]", "[null]", "[{\"status\":\"Available\",\"InternalDateTime\":\"x\"}]",
    "{\"Status\":\"Available\"}", "{\"Services\":\"all\",\"IsAllUp\":true}",
    "{\"error\":{\"code\":\"BadRequest\",\"message\":\"Unknown post\"}}",
  };

  /* the 404 body of the retired endpoint, the SPA shell served with 200 */
  vigie_test_assert_parse_error (NULL, not_found, VIGIE_FEED_ERROR_UNKNOWN_FORMAT, "unrecognised feed format");
  vigie_test_assert_parse_error ("microsoft", not_found, VIGIE_FEED_ERROR_WRONG_FORMAT, "not a microsoft feed");
  vigie_test_assert_parse_error ("microsoft", html, VIGIE_FEED_ERROR_HTML, "html page instead of a feed");
  vigie_test_assert_text_error ("microsoft", "<!DOCTYPE html><html><body><div id=\"root\"></div></body></html>",
                                VIGIE_FEED_ERROR_HTML, "html page instead of a feed");

  for (guint i = 0; i < G_N_ELEMENTS (wrong); i++)
    {
      g_test_message ("%s", wrong[i]);
      vigie_test_assert_text_error ("microsoft", wrong[i], VIGIE_FEED_ERROR_WRONG_FORMAT, "not a microsoft feed");
    }

  /* rows of the wrong types: never a crash, never "all clear" */
  {
    g_autoptr(VigieSnapshot) snapshot = vigie_test_parse_text (
                                                               NULL, "[{\"ServiceDisplayName\":[\"x\"],\"Status\":{\"v\":1},\"AuthoredDateTime\":5,"
            "\"Title\":7,\"Message\":null},3,null,{\"foo\":1}]");

    vigie_test_assert_severity (snapshot, VIGIE_SEVERITY_UNKNOWN);
    vigie_test_assert_counts (snapshot, 0, 0, 0, 0);
  }
  {
    g_autoptr(VigieSnapshot) snapshot = vigie_test_parse_text (
                                                               NULL, "[{\"ServiceDisplayName\":\"Outlook.com\",\"Status\":\"Available\",\"InternalDateTime\":\"x\"},"
            "{\"foo\":1}]");

    /* a row that says nothing is not a healthy service */
    vigie_test_assert_severity (snapshot, VIGIE_SEVERITY_UNKNOWN);
    g_assert_cmpstr (vigie_snapshot_get_reason (snapshot), ==, "unreadable service row");
  }
  {
    g_autoptr(VigieSnapshot) snapshot = vigie_test_parse_text (
                                                               NULL, "[{\"ServiceDisplayName\":\"OneDrive\",\"Status\":\"ServiceInterruption\","
            "\"InternalDateTime\":\"x\",\"Title\":{\"a\":1},\"Message\":[1]},{\"foo\":1}]");

    vigie_test_assert_severity (snapshot, VIGIE_SEVERITY_MAJOR);
    g_assert_cmpstr (vigie_test_incident_at (snapshot, 0)->title, ==, "OneDrive");
    g_assert_null (vigie_test_incident_at (snapshot, 0)->latest_update);
  }
}

static void
test_microsoft_real (void)
{
  g_autoptr(GBytes) body = vigie_test_load_shared_fixture ("microsoft/portal-office-servicestatus-index-2026-07-11.json");
  g_autoptr(VigieSnapshot) snapshot = NULL;

  if (body == NULL)
    return;

  snapshot = vigie_test_parse (NULL, body, "2026-07-11T15:45:00Z");
  g_assert_cmpstr (vigie_snapshot_get_format (snapshot), ==, "microsoft");
  vigie_test_assert_severity (snapshot, VIGIE_SEVERITY_OPERATIONAL);
  vigie_test_assert_counts (snapshot, 4, 0, 0, 0);
  vigie_test_assert_component (snapshot, "Microsoft 365 (Consumer)", NULL,
                               VIGIE_SEVERITY_OPERATIONAL);
  vigie_test_assert_component (snapshot, "Outlook.com", NULL, VIGIE_SEVERITY_OPERATIONAL);
  vigie_test_assert_component (snapshot, "OneDrive", NULL, VIGIE_SEVERITY_OPERATIONAL);
  vigie_test_assert_component (snapshot, "Microsoft Copilot", NULL, VIGIE_SEVERITY_OPERATIONAL);
  g_assert_cmpstr (vigie_snapshot_get_summary (snapshot), ==, "We're all good!");
}

int
main (int   argc,
      char *argv[])
{
  /* Parsing touches no user directory; not isolating them also keeps
   * GLib's per-test XDG allocations (leaked on purpose, and not always
   * matched by tests/lsan.supp with fast unwinding) out of the leak check. */
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/feeds/microsoft/consumer-ok", test_microsoft_consumer_ok);
  g_test_add_func ("/feeds/microsoft/consumer-trouble", test_microsoft_consumer_trouble);
  g_test_add_func ("/feeds/microsoft/statuses", test_microsoft_statuses);
  g_test_add_func ("/feeds/microsoft/unknown", test_microsoft_unknown);
  g_test_add_func ("/feeds/microsoft/admin-post", test_microsoft_admin_post);
  g_test_add_func ("/feeds/microsoft/portal", test_microsoft_portal);
  g_test_add_func ("/feeds/microsoft/wrong-shapes", test_microsoft_wrong_shapes);
  g_test_add_func ("/feeds/microsoft/real", test_microsoft_real);

  return g_test_run ();
}
