/* test-slack.c: Slack's status API (api/v2.0.0/current)
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

/* Slack */

static void
test_slack_ok (void)
{
  g_autoptr(VigieSnapshot) snapshot = vigie_test_parse_fixture ("slack/ok.json");

  g_assert_cmpstr (vigie_snapshot_get_format (snapshot), ==, "slack");
  vigie_test_assert_severity (snapshot, VIGIE_SEVERITY_OPERATIONAL);
  g_assert_null (vigie_snapshot_get_reason (snapshot));
  g_assert_cmpstr (vigie_snapshot_get_page_name (snapshot), ==, "Slack");
  g_assert_cmpuint (vigie_test_n_incidents (snapshot), ==, 0);
  g_assert_cmpuint (vigie_test_n_maintenances (snapshot), ==, 0);
}

static void
test_slack_incident (void)
{
  g_autoptr(VigieSnapshot) snapshot = vigie_test_parse_fixture ("slack/incident.json");
  const VigieIncident *incident;

  vigie_test_assert_severity (snapshot, VIGIE_SEVERITY_MINOR);
  g_assert_cmpuint (vigie_test_n_incidents (snapshot), ==, 1);
  incident = vigie_test_incident_at (snapshot, 0);
  /* Slack serves integer ids */
  g_assert_cmpstr (incident->id, ==, "2231");
  g_assert_cmpstr (incident->title, ==, "Messages are slow to send for some users");
  g_assert_cmpstr (incident->status, ==, "active");
  vigie_test_assert_incident_severity (incident, VIGIE_SEVERITY_MINOR);
  /* "https:\/\/slack-status.com\/…" */
  g_assert_cmpstr (incident->url, ==, "https://slack-status.com/2026-11/4b1f0c9e2a7d8e33");
  vigie_test_assert_time (incident->started_at, "2026-11-27T17:05:11Z");
  vigie_test_assert_time (incident->updated_at, "2026-11-27T17:48:02Z");
  vigie_test_assert_incident_components (incident, "Messaging;Notifications");
  g_assert_cmpstr (vigie_snapshot_get_summary (snapshot), ==, "Messages are slow to send for some users");
  g_assert_nonnull (vigie_snapshot_find_incident (snapshot, "2231"));
}

/* Note bodies may be HTML; the newest note (by time, not position) shows */
static void
test_slack_notes_html (void)
{
  g_autoptr(VigieSnapshot) snapshot = vigie_test_parse_fixture ("slack/incident.json");

  g_assert_cmpstr (vigie_test_incident_at (snapshot, 0)->latest_update, ==,
                   "We’ve found the cause & are rolling out a fix.\n\n"
                   "Notifications may arrive late for a while.");
}

static void
test_slack_notice (void)
{
  g_autoptr(VigieSnapshot) snapshot = vigie_test_parse_fixture ("slack/notice.json");
  const VigieIncident *incident;

  vigie_test_assert_severity (snapshot, VIGIE_SEVERITY_MINOR);
  incident = vigie_test_incident_at (snapshot, 0);
  /* the documented string ids */
  g_assert_cmpstr (incident->id, ==, "2240");
  vigie_test_assert_incident_severity (incident, VIGIE_SEVERITY_MINOR);
  g_assert_cmpstr (incident->latest_update, ==,
                   "Updating the desktop app to the latest version resolves this.\n"
                   "We'll keep this notice open for a few days.");
  vigie_test_assert_component (snapshot, "Huddles", NULL, VIGIE_SEVERITY_MINOR);
}

static void
test_slack_outage (void)
{
  g_autoptr(VigieSnapshot) snapshot = vigie_test_parse_fixture ("slack/outage.json");
  g_autofree char *trouble = NULL;

  vigie_test_assert_severity (snapshot, VIGIE_SEVERITY_MAJOR);
  vigie_test_assert_incident_severity (vigie_test_incident_at (snapshot, 0), VIGIE_SEVERITY_MAJOR);
  trouble = vigie_test_describe_trouble (snapshot);
  g_assert_cmpstr (trouble, ==, "Messaging=major;Connectivity=major");
}

/* An outage over most of Slack's features is the whole product down */
static void
test_slack_outage_critical (void)
{
  g_autoptr(VigieSnapshot) snapshot = vigie_test_parse_fixture ("slack/outage-wide.json");
  g_autofree char *trouble = NULL;
  const VigieIncident *incident;

  vigie_test_assert_severity (snapshot, VIGIE_SEVERITY_CRITICAL);
  g_assert_cmpuint (vigie_test_n_incidents (snapshot), ==, 2);
  incident = vigie_test_incident_at (snapshot, 0);
  vigie_test_assert_incident_severity (incident, VIGIE_SEVERITY_CRITICAL);
  /* a service named twice counts once */
  vigie_test_assert_incident_components (incident,
                                         "Login/SSO;Messaging;Connectivity;Files;Notifications;Search");
  g_assert_cmpstr (incident->latest_update, ==,
                   "We have upgraded this to an outage. All hands are on deck.");
  vigie_test_assert_incident_severity (vigie_test_incident_at (snapshot, 1), VIGIE_SEVERITY_MINOR);
  g_assert_null (vigie_test_incident_at (snapshot, 1)->latest_update);
  g_assert_cmpstr (vigie_snapshot_get_summary (snapshot), ==, "Slack is down for many customers");

  /* documented features first, then the others incidents name */
  trouble = vigie_test_describe_trouble (snapshot);
  g_assert_cmpstr (trouble, ==,
                   "Login/SSO=critical;Messaging=critical;Notifications=critical;Search=critical;"
                   "Connectivity=critical;Files=critical;Apps/Integrations/APIs=minor;Calendars=minor");
}

static void
test_slack_outage_count (void)
{
  static const struct { const char *services; VigieSeverity severity; } cases[] = {
    { "", VIGIE_SEVERITY_MAJOR },
    { "\"Messaging\"", VIGIE_SEVERITY_MAJOR },
    { "\"Login/SSO\",\"Messaging\",\"Files\",\"Search\"", VIGIE_SEVERITY_MAJOR },
    /* four distinct, one repeated */
    { "\"Login/SSO\",\"Messaging\",\"Files\",\"Search\",\"Messaging\"", VIGIE_SEVERITY_MAJOR },
    { "\"Login/SSO\",\"Messaging\",\"Files\",\"Search\",\"Huddles\"", VIGIE_SEVERITY_CRITICAL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *json = g_strdup_printf (
        "{\"status\":\"active\",\"date_updated\":\"2026-11-28T10:00:00-08:00\",\"active_incidents\":"
        "[{\"id\":1,\"title\":\"Down\",\"type\":\"outage\",\"status\":\"active\",\"services\":[%s]}]}",
        cases[i].services);
      g_autoptr(VigieSnapshot) snapshot = NULL;

      g_test_message ("%s", json);
      snapshot = vigie_test_parse_text ("slack", json);
      vigie_test_assert_severity (snapshot, cases[i].severity);
    }
}

static void
test_slack_scheduled (void)
{
  g_autoptr(GDateTime) during = vigie_test_time_at ("2026-12-02T06:30:00Z");
  g_autoptr(GDateTime) before = vigie_test_time_at ("2026-12-01T12:00:00Z");
  g_autoptr(VigieSnapshot) snapshot = vigie_test_parse_fixture_at_time ("slack/scheduled.json", during);
  g_autoptr(VigieSnapshot) early = NULL;
  const VigieIncident *maintenance;

  vigie_test_assert_severity (snapshot, VIGIE_SEVERITY_MAINTENANCE);
  g_assert_cmpuint (vigie_test_n_incidents (snapshot), ==, 0);
  g_assert_cmpuint (vigie_test_n_maintenances (snapshot), ==, 1);
  maintenance = vigie_test_maintenance_at (snapshot, 0);
  g_assert_cmpstr (maintenance->id, ==, "2250");
  g_assert_cmpstr (maintenance->title, ==, "Scheduled maintenance of workspace administration");
  g_assert_cmpstr (maintenance->status, ==, "scheduled");
  vigie_test_assert_time (maintenance->scheduled_for, "2026-12-02T06:00:00Z");
  vigie_test_assert_component (snapshot, "Workspace/Org Administration", NULL,
                               VIGIE_SEVERITY_MAINTENANCE);
  vigie_test_assert_component (snapshot, "Messaging", NULL, VIGIE_SEVERITY_OPERATIONAL);

  /* announced, not begun: nothing is wrong yet */
  early = vigie_test_parse_fixture_at_time ("slack/scheduled.json", before);
  vigie_test_assert_severity (early, VIGIE_SEVERITY_OPERATIONAL);
  g_assert_cmpuint (vigie_test_n_maintenances (early), ==, 1);
  vigie_test_assert_component (early, "Workspace/Org Administration", NULL,
                               VIGIE_SEVERITY_OPERATIONAL);
}

static void
test_slack_closed_items (void)
{
  g_autoptr(VigieSnapshot) snapshot = vigie_test_parse_fixture ("slack/closed-items.json");
  g_autofree char *trouble = NULL;

  vigie_test_assert_severity (snapshot, VIGIE_SEVERITY_OPERATIONAL);
  g_assert_cmpuint (vigie_test_n_incidents (snapshot), ==, 0);
  g_assert_cmpuint (vigie_test_n_maintenances (snapshot), ==, 0);
  trouble = vigie_test_describe_trouble (snapshot);
  g_assert_cmpstr (trouble, ==, "");
}

/* "active" over nothing but closed items: the reference's "only resolved /
 * completed items" case, which is all clear */
static void
test_slack_active_closed_items (void)
{
  static const char json[] =
    "{\"status\":\"active\",\"date_updated\":\"2026-11-28T10:00:00-08:00\",\"active_incidents\":"
    "[{\"id\":1,\"title\":\"Fixed\",\"type\":\"incident\",\"status\":\"resolved\",\"services\":[\"Search\"]}]}";
  g_autoptr(VigieSnapshot) snapshot = vigie_test_parse_text (NULL, json);

  vigie_test_assert_severity (snapshot, VIGIE_SEVERITY_OPERATIONAL);
  g_assert_cmpuint (vigie_test_n_incidents (snapshot), ==, 0);
}

static void
test_slack_ids (void)
{
  static const struct { const char *id; const char *expected; } cases[] = {
    { "1269", "1269" },
    { "\"546\"", "546" },
    { "\" 547 \"", "547" },
    { "12.5", "12.5" },
    { "null", NULL },
    { "[1]", NULL },
    { "\"\"", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *json = g_strdup_printf (
        "{\"status\":\"active\",\"date_updated\":\"2026-11-28T10:00:00-08:00\",\"active_incidents\":"
        "[{\"id\":%s,\"title\":\"T\",\"type\":\"incident\",\"status\":\"active\"}]}",
        cases[i].id);
      g_autoptr(VigieSnapshot) snapshot = NULL;

      g_test_message ("id %s", cases[i].id);
      snapshot = vigie_test_parse_text (NULL, json);
      g_assert_cmpstr (vigie_test_incident_at (snapshot, 0)->id, ==, cases[i].expected);
    }
}

static void
test_slack_unknown_status (void)
{
  g_autoptr(VigieSnapshot) snapshot = vigie_test_parse_fixture ("slack/unknown-status.json");
  g_autoptr(VigieSnapshot) missing = NULL;

  vigie_test_assert_severity (snapshot, VIGIE_SEVERITY_UNKNOWN);
  g_assert_cmpstr (vigie_snapshot_get_reason (snapshot), ==, "unknown status \"broken\"");

  missing = vigie_test_parse_text ("slack", "{\"active_incidents\": []}");
  vigie_test_assert_severity (missing, VIGIE_SEVERITY_UNKNOWN);
  g_assert_cmpstr (vigie_snapshot_get_reason (missing), ==, "no status in feed");
}

static void
test_slack_unknown_type (void)
{
  g_autoptr(VigieSnapshot) snapshot = vigie_test_parse_fixture ("slack/unknown-type.json");

  vigie_test_assert_severity (snapshot, VIGIE_SEVERITY_UNKNOWN);
  g_assert_nonnull (vigie_snapshot_get_reason (snapshot));
  g_assert_cmpuint (vigie_test_n_incidents (snapshot), ==, 1);
  vigie_test_assert_incident_severity (vigie_test_incident_at (snapshot, 0), VIGIE_SEVERITY_UNKNOWN);
  vigie_test_assert_component (snapshot, "Canvases", NULL, VIGIE_SEVERITY_UNKNOWN);
}

static void
test_slack_active_empty (void)
{
  g_autoptr(VigieSnapshot) snapshot = vigie_test_parse_fixture ("slack/active-empty.json");

  vigie_test_assert_severity (snapshot, VIGIE_SEVERITY_UNKNOWN);
  g_assert_cmpstr (vigie_snapshot_get_reason (snapshot), ==, "active status without incidents");
}

/* Slack's documented features are the baseline; affected ones take the
 * incident's level, and features the documentation does not list yet are
 * added. */
static void
test_slack_components (void)
{
  static const char * const documented[] = {
    "Login/SSO", "Messaging", "Notifications", "Search", "Workspace/Org Administration",
    "Canvases", "Connectivity", "Files", "Huddles", "Apps/Integrations/APIs", "Workflows",
  };
  g_autoptr(VigieSnapshot) ok = vigie_test_parse_fixture ("slack/ok.json");
  g_autoptr(VigieSnapshot) incident = vigie_test_parse_fixture ("slack/incident.json");
  g_autofree char *trouble = NULL;

  g_assert_cmpuint (vigie_test_n_components (ok), ==, G_N_ELEMENTS (documented));
  for (guint i = 0; i < G_N_ELEMENTS (documented); i++)
    {
      const VigieComponent *component = g_ptr_array_index (vigie_snapshot_get_components (ok), i);

      g_assert_cmpstr (component->name, ==, documented[i]);
      g_assert_null (component->group);
      g_assert_cmpint (component->severity, ==, VIGIE_SEVERITY_OPERATIONAL);
    }

  g_assert_cmpuint (vigie_test_n_components (incident), ==, G_N_ELEMENTS (documented));
  trouble = vigie_test_describe_trouble (incident);
  g_assert_cmpstr (trouble, ==, "Messaging=minor;Notifications=minor");
}

/* Missing and wrongly typed members in a Slack document */
static void
test_slack_wrong_types (void)
{
  static const struct { const char *json; VigieSeverity severity; guint n_incidents; } cases[] = {
    { "{\"status\":\"ok\",\"date_updated\":\"x\",\"active_incidents\":{\"id\":1}}",
      VIGIE_SEVERITY_OPERATIONAL, 0 },
    { "{\"status\":\"active\",\"date_updated\":\"x\",\"active_incidents\":{\"id\":1}}",
      VIGIE_SEVERITY_UNKNOWN, 0 },
    { "{\"status\":\"active\",\"active_incidents\":[null, 5, \"x\", []]}",
      VIGIE_SEVERITY_UNKNOWN, 0 },
    { "{\"status\":5,\"active_incidents\":[]}",
      VIGIE_SEVERITY_UNKNOWN, 0 },
    { "{\"status\":null,\"active_incidents\":[]}",
      VIGIE_SEVERITY_UNKNOWN, 0 },
    { "{\"status\":\"active\",\"active_incidents\":[{\"type\":[\"outage\"],\"status\":\"active\"}]}",
      VIGIE_SEVERITY_UNKNOWN, 1 },
    { "{\"status\":\"active\",\"active_incidents\":[{\"type\":\"outage\",\"status\":null}]}",
      VIGIE_SEVERITY_UNKNOWN, 1 },
    { "{\"status\":\"active\",\"active_incidents\":[{\"type\":\"outage\"}]}",
      VIGIE_SEVERITY_UNKNOWN, 1 },
    { "{\"status\":\"active\",\"active_incidents\":[{\"type\":\"outage\",\"status\":\"investigating\"}]}",
      VIGIE_SEVERITY_UNKNOWN, 1 },
    { "{\"status\":\"active\",\"active_incidents\":[{\"type\":\"outage\",\"status\":\"active\",\"services\":\"Messaging\"}]}",
      VIGIE_SEVERITY_MAJOR, 1 },
    /* the items show trouble: that is trusted over a top-level "ok" */
    { "{\"status\":\"ok\",\"active_incidents\":[{\"id\":{},\"title\":42,\"type\":\"outage\",\"status\":\"active\","
      "\"url\":[\"x\"],\"notes\":{},\"services\":[1,null,{},\"Files\"],\"date_created\":7,\"date_updated\":\"later\"}]}",
      VIGIE_SEVERITY_MAJOR, 1 },
    { "{\"status\":\"active\",\"active_incidents\":[{\"title\":\"T\",\"type\":\"notice\",\"status\":\"active\","
      "\"notes\":[null,1,{\"body\":2},{\"body\":\"kept\",\"date_created\":3}]}]}",
      VIGIE_SEVERITY_MINOR, 1 },
    { "{\"status\":\"active\",\"active_incidents\":[{\"title\":\"T\",\"type\":\"notice\",\"status\":\"scheduled\","
      "\"date_created\":[]}]}",
      VIGIE_SEVERITY_MAINTENANCE, 0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(VigieSnapshot) snapshot = NULL;

      g_test_message ("%s", cases[i].json);
      snapshot = vigie_test_parse_text ("slack", cases[i].json);
      vigie_test_assert_severity (snapshot, cases[i].severity);
      g_assert_cmpuint (vigie_test_n_incidents (snapshot), ==, cases[i].n_incidents);
    }
}

/* More incidents than a snapshot keeps: the state still counts them all,
 * and nothing dropped is used afterwards. */
static void
test_slack_too_many (void)
{
  g_autoptr(GString) json = g_string_new ("{\"status\":\"active\",\"date_updated\":\"2026-11-28T10:00:00-08:00\","
                                          "\"active_incidents\":[");
  g_autoptr(GBytes) body = NULL;
  g_autoptr(VigieSnapshot) snapshot = NULL;
  const VigieComponent *messaging;

  for (guint i = 0; i < 2 * VIGIE_MAX_INCIDENTS; i++)
    g_string_append_printf (json, "%s{\"id\":%u,\"title\":\"Item %u\",\"type\":\"%s\",\"status\":\"%s\","
                            "\"services\":[\"Messaging\"]}",
                            i > 0 ? "," : "", i, i,
                            i < VIGIE_MAX_INCIDENTS + 20 ? "notice" : "outage",
                            i >= VIGIE_MAX_INCIDENTS + 20 && i % 7 == 6 ? "scheduled" : "active");
  g_string_append (json, "]}");

  body = g_string_free_to_bytes (g_steal_pointer (&json));
  snapshot = vigie_test_parse_bytes (NULL, body);
  vigie_test_assert_severity (snapshot, VIGIE_SEVERITY_MAJOR);
  g_assert_cmpuint (vigie_test_n_incidents (snapshot), ==, VIGIE_MAX_INCIDENTS);
  /* the worst items were past the limit: the summary names a kept one */
  g_assert_cmpstr (vigie_snapshot_get_summary (snapshot), ==, "Item 0");
  messaging = vigie_test_find_component (snapshot, "Messaging");
  g_assert_true (messaging != NULL && vigie_severity_is_trouble (messaging->severity));
}

int
main (int   argc,
      char *argv[])
{
  /* Parsing touches no user directory; not isolating them also keeps
   * GLib's per-test XDG allocations (leaked on purpose, and not always
   * matched by tests/lsan.supp with fast unwinding) out of the leak check. */
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/feeds/slack/ok", test_slack_ok);
  g_test_add_func ("/feeds/slack/incident", test_slack_incident);
  g_test_add_func ("/feeds/slack/notes-html", test_slack_notes_html);
  g_test_add_func ("/feeds/slack/notice", test_slack_notice);
  g_test_add_func ("/feeds/slack/outage", test_slack_outage);
  g_test_add_func ("/feeds/slack/outage-critical", test_slack_outage_critical);
  g_test_add_func ("/feeds/slack/outage-count", test_slack_outage_count);
  g_test_add_func ("/feeds/slack/scheduled", test_slack_scheduled);
  g_test_add_func ("/feeds/slack/closed-items", test_slack_closed_items);
  g_test_add_func ("/feeds/slack/active-closed-items", test_slack_active_closed_items);
  g_test_add_func ("/feeds/slack/ids", test_slack_ids);
  g_test_add_func ("/feeds/slack/unknown-status", test_slack_unknown_status);
  g_test_add_func ("/feeds/slack/unknown-type", test_slack_unknown_type);
  g_test_add_func ("/feeds/slack/active-empty", test_slack_active_empty);
  g_test_add_func ("/feeds/slack/components", test_slack_components);
  g_test_add_func ("/feeds/slack/wrong-types", test_slack_wrong_types);
  g_test_add_func ("/feeds/slack/too-many", test_slack_too_many);

  return g_test_run ();
}
