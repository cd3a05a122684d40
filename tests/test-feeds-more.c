/* test-feeds-more.c: the Google, Microsoft, Instatus, Status.io, Webex and
 * Statuspage history (Atom / RSS) feed formats
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
#define NOW "2026-11-29T02:30:00Z"

static const char * const new_formats[] = {
  "google", "microsoft", "instatus", "statusio", "webex", "atom",
};

/* Helpers */

static void
assert_time (GDateTime  *when,
             const char *expected)
{
  g_autoptr(GDateTime) wanted = vigie_test_time_at (expected);

  if (when == NULL)
    g_error ("no time, expected %s", expected);
  if (!g_date_time_equal (when, wanted))
    {
      g_autofree char *shown = g_date_time_format_iso8601 (when);

      g_error ("time %s, expected %s", shown, expected);
    }
}

static gboolean
char_is_forbidden (gunichar c)
{
  if (c == '\n')
    return FALSE;
  return c < 0x20 || (c >= 0x7f && c < 0xa0)
         || (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069)
         || c == 0x200e || c == 0x200f || c == 0xfeff;
}

static void
assert_clean_text (const char *what,
                   const char *text,
                   gsize       max_chars)
{
  if (text == NULL)
    return;

  if (!g_utf8_validate (text, -1, NULL))
    g_error ("%s is not valid UTF-8", what);

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    if (char_is_forbidden (g_utf8_get_char (p)))
      g_error ("%s holds U+%04X: \"%s\"", what, g_utf8_get_char (p), text);

  if (*text == '\0')
    g_error ("%s is empty rather than NULL", what);

  if (g_utf8_strlen (text, -1) > (glong) max_chars + 1)
    g_error ("%s is longer than %" G_GSIZE_FORMAT " characters", what, max_chars);

  /* no markup survives into plain text */
  if (strstr (text, "<strong>") != NULL || strstr (text, "<p>") != NULL
      || strstr (text, "<div>") != NULL || strstr (text, "**") != NULL)
    g_error ("%s still holds markup: \"%s\"", what, text);
}

static void
assert_clean_url (const char *what,
                  const char *url)
{
  if (url == NULL)
    return;

  assert_clean_text (what, url, VIGIE_MAX_URL_BYTES);
  if (!vigie_link_is_fetchable (url))
    g_error ("%s is not a link Vigie may open: %s", what, url);
}

static void
assert_clean_incident (const VigieIncident *incident)
{
  g_assert_nonnull (incident);
  g_assert_nonnull (incident->title);
  g_assert_cmpuint (incident->severity, <, VIGIE_SEVERITY_N_LEVELS);
  assert_clean_text ("incident id", incident->id, VIGIE_MAX_NAME_CHARS);
  assert_clean_text ("incident title", incident->title, VIGIE_MAX_TITLE_CHARS);
  assert_clean_text ("incident status", incident->status, VIGIE_MAX_NAME_CHARS);
  assert_clean_text ("incident update", incident->latest_update, VIGIE_MAX_UPDATE_CHARS);
  assert_clean_url ("incident url", incident->url);
  g_assert_nonnull (incident->components);
  g_assert_cmpuint (incident->components->len, <=, VIGIE_MAX_COMPONENTS);
  for (guint i = 0; i < incident->components->len; i++)
    assert_clean_text ("incident component", g_ptr_array_index (incident->components, i),
                       VIGIE_MAX_NAME_CHARS);
}

static void
assert_clean_snapshot (VigieSnapshot *snapshot)
{
  GPtrArray *components = vigie_snapshot_get_components (snapshot);
  GPtrArray *lists[] = {
    vigie_snapshot_get_incidents (snapshot),
    vigie_snapshot_get_maintenances (snapshot),
    vigie_snapshot_get_resolved (snapshot),
  };
  VigieSeverity severity = vigie_snapshot_get_severity (snapshot);

  g_assert_cmpuint (severity, <, VIGIE_SEVERITY_N_LEVELS);
  g_assert_true (vigie_feeds_is_known_format (vigie_snapshot_get_format (snapshot)));

  /* a reason exactly when the state is unknown */
  if (severity == VIGIE_SEVERITY_UNKNOWN)
    g_assert_nonnull (vigie_snapshot_get_reason (snapshot));
  else
    g_assert_null (vigie_snapshot_get_reason (snapshot));

  assert_clean_text ("summary", vigie_snapshot_get_summary (snapshot), VIGIE_MAX_TITLE_CHARS);
  assert_clean_text ("reason", vigie_snapshot_get_reason (snapshot), VIGIE_MAX_TITLE_CHARS);
  assert_clean_text ("page name", vigie_snapshot_get_page_name (snapshot), VIGIE_MAX_NAME_CHARS);
  assert_clean_url ("page url", vigie_snapshot_get_page_url (snapshot));

  g_assert_cmpuint (components->len, <=, VIGIE_MAX_COMPONENTS);
  for (guint i = 0; i < components->len; i++)
    {
      const VigieComponent *component = g_ptr_array_index (components, i);

      g_assert_nonnull (component->name);
      g_assert_cmpuint (component->severity, <, VIGIE_SEVERITY_N_LEVELS);
      assert_clean_text ("component name", component->name, VIGIE_MAX_NAME_CHARS);
      assert_clean_text ("component group", component->group, VIGIE_MAX_NAME_CHARS);
    }

  for (guint k = 0; k < G_N_ELEMENTS (lists); k++)
    {
      g_assert_cmpuint (lists[k]->len, <=, VIGIE_MAX_INCIDENTS);
      for (guint i = 0; i < lists[k]->len; i++)
        assert_clean_incident (g_ptr_array_index (lists[k], i));
    }

  for (guint i = 0; i < lists[1]->len; i++)
    {
      const VigieIncident *maintenance = g_ptr_array_index (lists[1], i);

      g_assert_cmpint (maintenance->severity, ==, VIGIE_SEVERITY_MAINTENANCE);
    }
}

static VigieSnapshot *
parse_bytes_at (const char *format,
                GBytes     *body,
                const char *now_text)
{
  g_autoptr(GDateTime) now = vigie_test_time_at (now_text);
  g_autoptr(GError) error = NULL;
  VigieSnapshot *snapshot = vigie_feeds_parse (format, body, now, &error);

  g_assert_no_error (error);
  g_assert_nonnull (snapshot);
  assert_clean_snapshot (snapshot);

  return snapshot;
}

/* A project fixture, format detected, and the same bytes named by the
 * format that was detected */
static VigieSnapshot *
parse_fixture_at (const char *path,
                  const char *now_text)
{
  g_autoptr(GBytes) body = vigie_test_load_fixture (path);
  g_autoptr(VigieSnapshot) forced = NULL;
  VigieSnapshot *snapshot;

  g_test_message ("%s at %s", path, now_text);
  snapshot = parse_bytes_at (NULL, body, now_text);
  forced = parse_bytes_at (vigie_snapshot_get_format (snapshot), body, now_text);
  g_assert_cmpint (vigie_snapshot_get_severity (forced), ==, vigie_snapshot_get_severity (snapshot));

  return snapshot;
}

static VigieSnapshot *
parse_fixture (const char *path)
{
  return parse_fixture_at (path, NOW);
}

static VigieSnapshot *
parse_text_at (const char *format,
               const char *text,
               const char *now_text)
{
  g_autoptr(GBytes) body = g_bytes_new (text, strlen (text));

  return parse_bytes_at (format, body, now_text);
}

static VigieSnapshot *
parse_text (const char *format,
            const char *text)
{
  return parse_text_at (format, text, NOW);
}

static GError *
parse_error_at (const char *format,
                GBytes     *body,
                const char *now_text)
{
  g_autoptr(GDateTime) now = vigie_test_time_at (now_text);
  GError *error = NULL;
  g_autoptr(VigieSnapshot) snapshot = vigie_feeds_parse (format, body, now, &error);

  if (snapshot != NULL)
    g_error ("parsed as %s (%s) instead of failing", vigie_snapshot_get_format (snapshot),
             vigie_severity_to_string (vigie_snapshot_get_severity (snapshot)));
  g_assert_nonnull (error);
  g_assert_true (error->domain == VIGIE_FEED_ERROR);

  return error;
}

static void
assert_parse_error (const char *format,
                    GBytes     *body,
                    int         code,
                    const char *message)
{
  g_autoptr(GError) error = parse_error_at (format, body, NOW);

  g_assert_error (error, VIGIE_FEED_ERROR, code);
  if (message != NULL)
    g_assert_cmpstr (error->message, ==, message);
}

static void
assert_text_error (const char *format,
                   const char *text,
                   int         code,
                   const char *message)
{
  g_autoptr(GBytes) body = g_bytes_new (text, strlen (text));

  assert_parse_error (format, body, code, message);
}

static void
assert_trouble (VigieSnapshot *snapshot,
                const char    *expected)
{
  g_autofree char *trouble = vigie_test_describe_trouble (snapshot);

  g_assert_cmpstr (trouble, ==, expected);
}

static const VigieIncident *
item_at (GPtrArray *items,
         guint      index)
{
  g_assert_cmpuint (index, <, items->len);
  return g_ptr_array_index (items, index);
}

static const VigieIncident *
incident_at (VigieSnapshot *snapshot,
             guint          index)
{
  return item_at (vigie_snapshot_get_incidents (snapshot), index);
}

static const VigieIncident *
maintenance_at (VigieSnapshot *snapshot,
                guint          index)
{
  return item_at (vigie_snapshot_get_maintenances (snapshot), index);
}

static const VigieIncident *
resolved_at (VigieSnapshot *snapshot,
             guint          index)
{
  return item_at (vigie_snapshot_get_resolved (snapshot), index);
}

static void
assert_counts (VigieSnapshot *snapshot,
               guint          n_components,
               guint          n_incidents,
               guint          n_maintenances,
               guint          n_resolved)
{
  g_assert_cmpuint (vigie_snapshot_get_components (snapshot)->len, ==, n_components);
  g_assert_cmpuint (vigie_snapshot_get_incidents (snapshot)->len, ==, n_incidents);
  g_assert_cmpuint (vigie_snapshot_get_maintenances (snapshot)->len, ==, n_maintenances);
  g_assert_cmpuint (vigie_snapshot_get_resolved (snapshot)->len, ==, n_resolved);
}

/* Every other new format must refuse @body: an error, never a snapshot */
static void
assert_other_formats_refuse (GBytes     *body,
                             const char *own_format,
                             const char *now_text)
{
  for (guint i = 0; i < G_N_ELEMENTS (new_formats); i++)
    {
      g_autoptr(GError) error = NULL;

      if (g_strcmp0 (new_formats[i], own_format) == 0)
        continue;

      g_test_message ("  forced as %s", new_formats[i]);
      error = parse_error_at (new_formats[i], body, now_text);
    }
}

/* Google */

static void
test_google_open_mixed (void)
{
  g_autoptr(VigieSnapshot) snapshot = parse_fixture ("google/open-mixed.json");
  const VigieIncident *incident;

  g_assert_cmpstr (vigie_snapshot_get_format (snapshot), ==, "google");
  vigie_test_assert_severity (snapshot, VIGIE_SEVERITY_CRITICAL);
  assert_counts (snapshot, 4, 3, 0, 1);
  g_assert_cmpstr (vigie_snapshot_get_summary (snapshot), ==, "Users cannot send mail or chat messages.");
  /* a product named by two incidents takes the worse */
  assert_trouble (snapshot, "Gmail=critical;Google Chat=critical;Google Meet=major;Google Drive=minor");

  /* "end" absent */
  incident = incident_at (snapshot, 0);
  g_assert_cmpstr (incident->id, ==, "vg1OutageMailChat");
  g_assert_cmpstr (incident->title, ==, "Users cannot send mail or chat messages.");
  vigie_test_assert_incident_severity (incident, VIGIE_SEVERITY_CRITICAL);
  g_assert_cmpstr (incident->latest_update, ==,
                   "Users cannot send mail or chat messages.\n"
                   "Our engineers found a faulty configuration push and are rolling it back.\n"
                   "Next update by 03:00 UTC.");
  assert_time (incident->started_at, "2026-11-28T23:40:00Z");
  assert_time (incident->updated_at, "2026-11-29T01:05:00Z");
  vigie_test_assert_incident_components (incident, "Gmail;Google Chat");
  /* the dashboard's "uri" is relative to a page the feed does not name */
  g_assert_null (incident->url);

  /* "end": null */
  incident = incident_at (snapshot, 1);
  g_assert_cmpstr (incident->title, ==, "Some participants wait a long time before joining a meeting");
  vigie_test_assert_incident_severity (incident, VIGIE_SEVERITY_MAJOR);
  g_assert_cmpstr (incident->latest_update, ==, "Mitigation is under way in the affected data centres.");

  /* "end" in the future */
  incident = incident_at (snapshot, 2);
  g_assert_cmpstr (incident->id, ==, "vg3DriveInfo");
  vigie_test_assert_incident_severity (incident, VIGIE_SEVERITY_MINOR);
  vigie_test_assert_incident_components (incident, "Google Drive;Gmail");

  /* ended five hours ago: resolved, at the end Google gives */
  incident = resolved_at (snapshot, 0);
  g_assert_cmpstr (incident->id, ==, "vg4CalendarFixed");
  g_assert_cmpstr (incident->status, ==, "resolved");
  assert_time (incident->updated_at, "2026-11-28T20:00:00Z");

  /* an hour later the information notice is still there, the calendar
   * incident stays resolved; a day later only the notice is gone */
  g_clear_object (&snapshot);
  snapshot = parse_fixture_at ("google/open-mixed.json", "2026-11-29T05:30:00Z");
  assert_counts (snapshot, 3, 2, 0, 2);
  vigie_test_assert_severity (snapshot, VIGIE_SEVERITY_CRITICAL);
  g_assert_cmpstr (resolved_at (snapshot, 0)->id, ==, "vg3DriveInfo");
  assert_time (resolved_at (snapshot, 0)->updated_at, "2026-11-29T05:00:00Z");
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
      snapshot = parse_text (NULL, json);
      g_assert_cmpstr (vigie_snapshot_get_format (snapshot), ==, "google");
      vigie_test_assert_severity (snapshot, cases[i].expected);
      vigie_test_assert_incident_severity (incident_at (snapshot, 0), cases[i].expected);
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
      snapshot = parse_text (NULL, json);
      /* no product list and no service name: no component */
      assert_counts (snapshot, 0, cases[i].n_open, 0, cases[i].n_resolved);
      vigie_test_assert_severity (snapshot, cases[i].n_open > 0 ? VIGIE_SEVERITY_MAJOR
                                                                : VIGIE_SEVERITY_OPERATIONAL);
    }

  /* an incident that begins well after "now" has not started (a replay
   * of the history); a few minutes ahead is clock skew and counts */
  {
    g_autoptr(VigieSnapshot) later = parse_text (
      NULL, "[{\"id\":\"f1\",\"begin\":\"2026-11-29T05:00:00+00:00\",\"external_desc\":\"Later\","
            "\"status_impact\":\"SERVICE_OUTAGE\"}]");
    g_autoptr(VigieSnapshot) skew = parse_text (
      NULL, "[{\"id\":\"f2\",\"begin\":\"2026-11-29T02:35:00+00:00\",\"external_desc\":\"Skew\","
            "\"status_impact\":\"SERVICE_OUTAGE\"}]");

    vigie_test_assert_severity (later, VIGIE_SEVERITY_OPERATIONAL);
    vigie_test_assert_severity (skew, VIGIE_SEVERITY_CRITICAL);
  }

  /* no product list: the incident's own service stands for it */
  {
    g_autoptr(VigieSnapshot) snapshot = parse_text (
      NULL, "[{\"id\":\"p1\",\"begin\":\"2026-11-29T01:00:00+00:00\",\"external_desc\":\"x\","
            "\"service_name\":\"Google Meet\",\"status_impact\":\"SERVICE_OUTAGE\"}]");

    vigie_test_assert_component (snapshot, "Google Meet", NULL, VIGIE_SEVERITY_CRITICAL);
  }
}

static void
test_google_healthy (void)
{
  g_autoptr(VigieSnapshot) snapshot = parse_fixture ("google/healthy.json");

  vigie_test_assert_severity (snapshot, VIGIE_SEVERITY_OPERATIONAL);
  assert_counts (snapshot, 0, 0, 0, 0);
  g_assert_null (vigie_snapshot_get_summary (snapshot));
}

static void
test_google_unknown (void)
{
  g_autoptr(VigieSnapshot) snapshot = parse_fixture ("google/unknown-impact.json");

  vigie_test_assert_severity (snapshot, VIGIE_SEVERITY_UNKNOWN);
  g_assert_cmpstr (vigie_snapshot_get_reason (snapshot), ==, "unknown status_impact \"SERVICE_ANOMALY\"");
  assert_counts (snapshot, 1, 1, 0, 0);
  vigie_test_assert_component (snapshot, "Google Keep", NULL, VIGIE_SEVERITY_UNKNOWN);
  g_assert_cmpstr (incident_at (snapshot, 0)->title, ==, "Keep notes may not sync between devices");
}

static void
test_google_wrong_types (void)
{
  g_autoptr(VigieSnapshot) snapshot = parse_fixture ("google/wrong-types.json");
  const VigieIncident *incident;

  /* nothing crashes, nothing reads as "all clear": the element whose end
   * is a number stays open, without a readable impact */
  vigie_test_assert_severity (snapshot, VIGIE_SEVERITY_MAJOR);
  assert_counts (snapshot, 1, 2, 0, 0);
  incident = incident_at (snapshot, 0);
  g_assert_cmpstr (incident->id, ==, "4242");
  g_assert_cmpstr (incident->title, ==, "Incident");
  vigie_test_assert_incident_severity (incident, VIGIE_SEVERITY_UNKNOWN);
  g_assert_null (incident->started_at);
  g_assert_null (incident->latest_update);
  incident = incident_at (snapshot, 1);
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
      assert_text_error ("google", wrong[i], VIGIE_FEED_ERROR_WRONG_FORMAT, "not a google feed");
      assert_text_error (NULL, wrong[i], VIGIE_FEED_ERROR_UNKNOWN_FORMAT, "unrecognised feed format");
    }

  assert_parse_error ("google", html, VIGIE_FEED_ERROR_HTML, "html page instead of a feed");
  assert_text_error ("google", "<?xml version=\"1.0\"?><rss/>", VIGIE_FEED_ERROR_NOT_JSON, "not json");
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
  snapshot = parse_bytes_at (NULL, body, "2022-07-04T00:00:00Z");
  g_assert_cmpstr (vigie_snapshot_get_format (snapshot), ==, "google");
  vigie_test_assert_severity (snapshot, VIGIE_SEVERITY_OPERATIONAL);
  assert_counts (snapshot, 0, 0, 0, 0);
  g_clear_object (&snapshot);

  /* during the BigQuery notice of 1 July 2022 */
  snapshot = parse_bytes_at (NULL, body, "2022-07-01T19:00:00Z");
  vigie_test_assert_severity (snapshot, VIGIE_SEVERITY_MINOR);
  assert_counts (snapshot, 1, 1, 0, 1);
  assert_trouble (snapshot, "Google BigQuery=minor");
  incident = incident_at (snapshot, 0);
  g_assert_cmpstr (incident->id, ==, "TaA75H7XA1DQyM2ReK2f");
  g_assert_cmpstr (incident->title, ==, "[Google BigQuery] Lower throughput from the Read API");
  assert_time (incident->started_at, "2022-07-01T13:37:44Z");
  incident = resolved_at (snapshot, 0);
  g_assert_cmpstr (incident->id, ==, "mDY7jN545et9XUV541MZ");
  assert_time (incident->updated_at, "2022-07-01T02:15:28Z");
  g_clear_object (&snapshot);

  /* during the two outages of 16 June 2022 */
  snapshot = parse_bytes_at (NULL, body, "2022-06-16T09:00:00Z");
  forced = parse_bytes_at ("google", body, "2022-06-16T09:00:00Z");
  vigie_test_assert_severity (snapshot, VIGIE_SEVERITY_CRITICAL);
  vigie_test_assert_severity (forced, VIGIE_SEVERITY_CRITICAL);
  assert_counts (snapshot, 6, 2, 0, 0);
  g_assert_cmpstr (incident_at (snapshot, 0)->title, ==, "Google Cloud Networking packet loss issue");
  vigie_test_assert_incident_components (incident_at (snapshot, 0),
                                         "Hybrid Connectivity;Virtual Private Cloud (VPC);Google Cloud Networking;Cloud NAT");
  g_assert_cmpstr (incident_at (snapshot, 1)->title, ==,
                   "Global: Some Google Cloud Console Customers are unable to create/edit GCE instances");
  vigie_test_assert_incident_severity (incident_at (snapshot, 1), VIGIE_SEVERITY_CRITICAL);
  assert_trouble (snapshot, "Hybrid Connectivity=critical;Virtual Private Cloud (VPC)=critical;"
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

  snapshot = parse_bytes_at (NULL, body, "2026-07-11T00:00:00Z");
  g_assert_cmpstr (vigie_snapshot_get_format (snapshot), ==, "google");
  vigie_test_assert_severity (snapshot, VIGIE_SEVERITY_OPERATIONAL);
  assert_counts (snapshot, 0, 0, 0, 0);
  g_clear_object (&snapshot);

  /* the morning after the Support incident ended */
  snapshot = parse_bytes_at (NULL, body, "2026-07-01T10:00:00Z");
  vigie_test_assert_severity (snapshot, VIGIE_SEVERITY_OPERATIONAL);
  assert_counts (snapshot, 0, 0, 0, 1);
  incident = resolved_at (snapshot, 0);
  g_assert_cmpstr (incident->id, ==, "AWyE1SfEzpe8Qed49Rog");
  g_assert_cmpstr (incident->title, ==, "Inbound emails from customers to Google Support are experiencing issues.");
  assert_time (incident->updated_at, "2026-07-01T03:45:00Z");
  /* the "**Title**" and "**Description**" headings are gone */
  g_assert_true (g_str_has_prefix (incident->latest_update,
                                   "[Resolved] Inbound emails from customers to Google Support were experiencing issues.\n"
                                   "The issue with inbound emails"));
  g_clear_object (&snapshot);

  /* while it was open: the trimmed capture keeps no impact, so no level
   * can be read, and none is made up */
  snapshot = parse_bytes_at (NULL, body, "2026-06-30T12:00:00Z");
  vigie_test_assert_severity (snapshot, VIGIE_SEVERITY_UNKNOWN);
  g_assert_cmpstr (vigie_snapshot_get_reason (snapshot), ==, "incident without impact");
  assert_counts (snapshot, 0, 1, 0, 0);
  g_assert_cmpstr (incident_at (snapshot, 0)->title, ==,
                   "Inbound emails from customers to Google Support are experiencing issues.");
}

/* Microsoft */

static void
test_microsoft_consumer_ok (void)
{
  g_autoptr(VigieSnapshot) snapshot = parse_fixture ("microsoft/consumer-ok.json");
  const VigieIncident *restored;

  g_assert_cmpstr (vigie_snapshot_get_format (snapshot), ==, "microsoft");
  vigie_test_assert_severity (snapshot, VIGIE_SEVERITY_OPERATIONAL);
  assert_counts (snapshot, 4, 0, 0, 1);
  assert_trouble (snapshot, "");
  vigie_test_assert_component (snapshot, "Microsoft Teams Free", NULL, VIGIE_SEVERITY_OPERATIONAL);
  g_assert_cmpstr (vigie_snapshot_get_page_url (snapshot), ==, "https://status.cloud.microsoft");

  /* "ServiceRestored": the incident of that service ended with this post */
  restored = resolved_at (snapshot, 0);
  g_assert_cmpstr (restored->id, ==, "TeamsFree");
  g_assert_cmpstr (restored->status, ==, "service_restored");
  g_assert_cmpstr (restored->latest_update, ==,
                   "We’ve rolled back the change that stopped some people from signing in.");
  assert_time (restored->updated_at, "2026-11-29T01:40:00Z");
}

static void
test_microsoft_consumer_trouble (void)
{
  g_autoptr(VigieSnapshot) snapshot = parse_fixture ("microsoft/consumer-trouble.json");
  const VigieIncident *incident;

  vigie_test_assert_severity (snapshot, VIGIE_SEVERITY_MAJOR);
  assert_counts (snapshot, 4, 3, 0, 0);
  assert_trouble (snapshot, "Outlook.com=minor;OneDrive=major;Microsoft Whiteboard=minor");
  g_assert_cmpstr (vigie_snapshot_get_summary (snapshot), ==, "OneDrive is unavailable");

  incident = incident_at (snapshot, 0);
  /* the service follows the incident from one poll to the next */
  g_assert_cmpstr (incident->id, ==, "OutlookConsumer");
  g_assert_cmpstr (incident->title, ==, "Some users can't open attachments in Outlook.com");
  g_assert_cmpstr (incident->status, ==, "service_degradation");
  vigie_test_assert_incident_severity (incident, VIGIE_SEVERITY_MINOR);
  g_assert_cmpstr (incident->latest_update, ==,
                   "We're reviewing service telemetry to find why attachments fail to open.\nSee details.");
  g_assert_null (incident->url);
  assert_time (incident->updated_at, "2026-11-29T01:50:00Z");
  vigie_test_assert_incident_components (incident, "Outlook.com");

  incident = incident_at (snapshot, 1);
  g_assert_cmpstr (incident->status, ==, "service_interruption");
  vigie_test_assert_incident_severity (incident, VIGIE_SEVERITY_MAJOR);

  /* the display form of the word, and no title: the service names it */
  incident = incident_at (snapshot, 2);
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
      from_rows = parse_text (NULL, rows);
      from_post = parse_text (NULL, post);
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
  g_autoptr(VigieSnapshot) snapshot = parse_fixture ("microsoft/consumer-unknown.json");

  vigie_test_assert_severity (snapshot, VIGIE_SEVERITY_UNKNOWN);
  g_assert_cmpstr (vigie_snapshot_get_reason (snapshot), ==, "unknown status \"Unknown\"");
  assert_counts (snapshot, 2, 0, 0, 0);
  assert_trouble (snapshot, "Phone Link=unknown");
}

static void
test_microsoft_admin_post (void)
{
  g_autoptr(VigieSnapshot) ok = parse_fixture ("microsoft/mac-ok.json");
  g_autoptr(VigieSnapshot) degraded = parse_fixture ("microsoft/mac-degraded.json");
  const VigieIncident *incident;

  vigie_test_assert_severity (ok, VIGIE_SEVERITY_OPERATIONAL);
  assert_counts (ok, 0, 0, 0, 0);

  vigie_test_assert_severity (degraded, VIGIE_SEVERITY_MINOR);
  assert_counts (degraded, 0, 1, 0, 0);
  incident = incident_at (degraded, 0);
  g_assert_cmpstr (incident->title, ==, "Service degradation");
  g_assert_cmpstr (incident->id, ==, "d4a3f5e7-0002-4d88-8a41-9c4e4e000002");
  g_assert_cmpstr (incident->latest_update, ==, "Admins may see errors when they open Service health.");
}

static void
test_microsoft_portal (void)
{
  g_autoptr(VigieSnapshot) snapshot = parse_fixture ("microsoft/portal-down.json");
  const VigieIncident *incident;

  vigie_test_assert_severity (snapshot, VIGIE_SEVERITY_MAJOR);
  assert_counts (snapshot, 3, 1, 0, 0);
  assert_trouble (snapshot, "Outlook.com=major;Skype=unknown");
  g_assert_cmpstr (vigie_snapshot_get_summary (snapshot), ==, "We're having problems");
  g_assert_cmpstr (vigie_snapshot_get_page_url (snapshot), ==, "https://portal.office.com/servicestatus");
  incident = incident_at (snapshot, 0);
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
        portal = parse_text (NULL, cases[i].json);
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
  assert_parse_error (NULL, not_found, VIGIE_FEED_ERROR_UNKNOWN_FORMAT, "unrecognised feed format");
  assert_parse_error ("microsoft", not_found, VIGIE_FEED_ERROR_WRONG_FORMAT, "not a microsoft feed");
  assert_parse_error ("microsoft", html, VIGIE_FEED_ERROR_HTML, "html page instead of a feed");
  assert_text_error ("microsoft", "<!DOCTYPE html><html><body><div id=\"root\"></div></body></html>",
                     VIGIE_FEED_ERROR_HTML, "html page instead of a feed");

  for (guint i = 0; i < G_N_ELEMENTS (wrong); i++)
    {
      g_test_message ("%s", wrong[i]);
      assert_text_error ("microsoft", wrong[i], VIGIE_FEED_ERROR_WRONG_FORMAT, "not a microsoft feed");
    }

  /* rows of the wrong types: never a crash, never "all clear" */
  {
    g_autoptr(VigieSnapshot) snapshot = parse_text (
      NULL, "[{\"ServiceDisplayName\":[\"x\"],\"Status\":{\"v\":1},\"AuthoredDateTime\":5,"
            "\"Title\":7,\"Message\":null},3,null,{\"foo\":1}]");

    vigie_test_assert_severity (snapshot, VIGIE_SEVERITY_UNKNOWN);
    assert_counts (snapshot, 0, 0, 0, 0);
  }
  {
    g_autoptr(VigieSnapshot) snapshot = parse_text (
      NULL, "[{\"ServiceDisplayName\":\"Outlook.com\",\"Status\":\"Available\",\"InternalDateTime\":\"x\"},"
            "{\"foo\":1}]");

    /* a row that says nothing is not a healthy service */
    vigie_test_assert_severity (snapshot, VIGIE_SEVERITY_UNKNOWN);
    g_assert_cmpstr (vigie_snapshot_get_reason (snapshot), ==, "unreadable service row");
  }
  {
    g_autoptr(VigieSnapshot) snapshot = parse_text (
      NULL, "[{\"ServiceDisplayName\":\"OneDrive\",\"Status\":\"ServiceInterruption\","
            "\"InternalDateTime\":\"x\",\"Title\":{\"a\":1},\"Message\":[1]},{\"foo\":1}]");

    vigie_test_assert_severity (snapshot, VIGIE_SEVERITY_MAJOR);
    g_assert_cmpstr (incident_at (snapshot, 0)->title, ==, "OneDrive");
    g_assert_null (incident_at (snapshot, 0)->latest_update);
  }
}

static void
test_microsoft_real (void)
{
  g_autoptr(GBytes) body = vigie_test_load_shared_fixture ("microsoft/portal-office-servicestatus-index-2026-07-11.json");
  g_autoptr(VigieSnapshot) snapshot = NULL;

  if (body == NULL)
    return;

  snapshot = parse_bytes_at (NULL, body, "2026-07-11T15:45:00Z");
  g_assert_cmpstr (vigie_snapshot_get_format (snapshot), ==, "microsoft");
  vigie_test_assert_severity (snapshot, VIGIE_SEVERITY_OPERATIONAL);
  assert_counts (snapshot, 4, 0, 0, 0);
  vigie_test_assert_component (snapshot, "Microsoft 365 (Consumer)", NULL,
                               VIGIE_SEVERITY_OPERATIONAL);
  vigie_test_assert_component (snapshot, "Outlook.com", NULL, VIGIE_SEVERITY_OPERATIONAL);
  vigie_test_assert_component (snapshot, "OneDrive", NULL, VIGIE_SEVERITY_OPERATIONAL);
  vigie_test_assert_component (snapshot, "Microsoft Copilot", NULL, VIGIE_SEVERITY_OPERATIONAL);
  g_assert_cmpstr (vigie_snapshot_get_summary (snapshot), ==, "We're all good!");
}

/* Instatus */

static void
test_instatus_up (void)
{
  g_autoptr(VigieSnapshot) snapshot = parse_fixture ("instatus/up.json");

  g_assert_cmpstr (vigie_snapshot_get_format (snapshot), ==, "instatus");
  vigie_test_assert_severity (snapshot, VIGIE_SEVERITY_OPERATIONAL);
  assert_counts (snapshot, 2, 0, 0, 0);
  g_assert_cmpstr (vigie_snapshot_get_page_name (snapshot), ==, "Taskboard");
  g_assert_cmpstr (vigie_snapshot_get_page_url (snapshot), ==, "https://status.taskboard.example");
}

static void
test_instatus_issues (void)
{
  g_autoptr(VigieSnapshot) snapshot = parse_fixture ("instatus/issues.json");
  const VigieIncident *incident;

  /* "HASISSUES": the worst of what the incidents and components say */
  vigie_test_assert_severity (snapshot, VIGIE_SEVERITY_CRITICAL);
  assert_counts (snapshot, 6, 2, 1, 0);
  assert_trouble (snapshot, "Search=maintenance;Reminders=minor;Attachments=minor;Sync=major;"
                            "Calendar feeds=critical");
  g_assert_cmpstr (vigie_snapshot_get_summary (snapshot), ==, "Tasks do not sync between devices");

  incident = incident_at (snapshot, 0);
  g_assert_cmpstr (incident->id, ==, "clx9incident01");
  g_assert_cmpstr (incident->status, ==, "identified");
  vigie_test_assert_incident_severity (incident, VIGIE_SEVERITY_MAJOR);
  /* "Sun Nov 29 2026 03:05:00 GMT+0100 (…)" */
  assert_time (incident->started_at, "2026-11-29T02:05:00Z");
  g_assert_cmpstr (incident->url, ==, "https://status.taskboard.example/incident/clx9incident01");

  incident = incident_at (snapshot, 1);
  /* no id in summary.json: the incident's page stands for it */
  g_assert_cmpstr (incident->id, ==, "https://status.taskboard.example/incident/clx9incident02");
  g_assert_cmpstr (incident->status, ==, "monitoring");
  vigie_test_assert_incident_severity (incident, VIGIE_SEVERITY_MINOR);

  incident = maintenance_at (snapshot, 0);
  g_assert_cmpstr (incident->title, ==, "Database upgrade");
  g_assert_cmpstr (incident->status, ==, "scheduled");
  assert_time (incident->scheduled_for, "2026-11-29T06:00:00Z");
  assert_time (incident->scheduled_until, "2026-11-29T07:30:00Z");
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
      snapshot = parse_text (NULL, json);
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
      snapshot = parse_text (NULL, json);
      vigie_test_assert_component (snapshot, "Sync", NULL, cases[i].expected);
      /* the page says there are issues: at least minor */
      vigie_test_assert_severity (snapshot,
                                  vigie_severity_worst (VIGIE_SEVERITY_MINOR, cases[i].expected));
    }
}

static void
test_instatus_maintenance (void)
{
  g_autoptr(VigieSnapshot) snapshot = parse_fixture ("instatus/maintenance.json");
  const VigieIncident *maintenance;

  vigie_test_assert_severity (snapshot, VIGIE_SEVERITY_MAINTENANCE);
  /* the completed one is gone */
  assert_counts (snapshot, 0, 0, 1, 0);
  maintenance = maintenance_at (snapshot, 0);
  g_assert_cmpstr (maintenance->title, ==, "Storage migration");
  g_assert_cmpstr (maintenance->status, ==, "in_progress");
  /* an ISO 8601 start reads too */
  assert_time (maintenance->scheduled_for, "2026-11-29T01:00:00Z");
  assert_time (maintenance->scheduled_until, "2026-11-29T04:00:00Z");

  /* an announced window that has opened while the page says UP */
  {
    g_autoptr(VigieSnapshot) open = parse_text (
      NULL, "{\"page\":{\"name\":\"T\",\"status\":\"UP\"},\"activeIncidents\":[],"
            "\"activeMaintenances\":[{\"name\":\"Upgrade\",\"start\":\"Sun Nov 29 2026 02:00:00 GMT+0000 (UTC)\","
            "\"status\":\"NOTSTARTEDYET\",\"duration\":\"60\"}]}");
    g_autoptr(VigieSnapshot) later = parse_text (
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
      snapshot = parse_text (NULL, json);
      incident = incident_at (snapshot, 0);
      if (cases[i].expected == NULL)
        g_assert_null (incident->started_at);
      else
        assert_time (incident->started_at, cases[i].expected);
    }

  /* not a string at all */
  {
    g_autoptr(VigieSnapshot) snapshot = parse_text (
      NULL, "{\"page\":{\"status\":\"HASISSUES\"},\"activeIncidents\":[{\"name\":\"x\",\"started\":1720173600000}]}");

    g_assert_null (incident_at (snapshot, 0)->started_at);
  }
}

static void
test_instatus_wrong_types (void)
{
  g_autoptr(VigieSnapshot) snapshot = parse_text (
    NULL, "{\"page\":{\"status\":7,\"name\":[],\"url\":\"javascript:alert(1)\"},"
          "\"activeIncidents\":\"none\",\"activeMaintenances\":[1,null,{\"name\":5,\"start\":false,"
          "\"duration\":\"-3\",\"status\":9}],\"components\":{\"a\":1}}");
  g_autoptr(VigieSnapshot) items = NULL;

  vigie_test_assert_severity (snapshot, VIGIE_SEVERITY_UNKNOWN);
  g_assert_cmpstr (vigie_snapshot_get_reason (snapshot), ==, "no status in feed");
  g_assert_null (vigie_snapshot_get_page_url (snapshot));
  g_assert_null (vigie_snapshot_get_page_name (snapshot));
  assert_counts (snapshot, 0, 0, 1, 0);
  g_assert_cmpstr (maintenance_at (snapshot, 0)->title, ==, "Scheduled maintenance");
  g_assert_null (maintenance_at (snapshot, 0)->scheduled_for);

  items = parse_text (
    NULL, "{\"page\":{\"status\":\"HASISSUES\"},\"activeIncidents\":[null,{\"name\":{},\"impact\":3,"
          "\"status\":[],\"url\":\"file:///etc/passwd\",\"components\":[5,{\"name\":\"Sync\"}]}],"
          "\"components\":[{\"name\":\"Sync\"},{\"status\":\"OPERATIONAL\"},7]}");
  vigie_test_assert_severity (items, VIGIE_SEVERITY_MINOR);
  assert_counts (items, 1, 1, 0, 0);
  vigie_test_assert_component (items, "Sync", NULL, VIGIE_SEVERITY_UNKNOWN);
  g_assert_cmpstr (incident_at (items, 0)->title, ==, "Incident");
  g_assert_null (incident_at (items, 0)->url);
  vigie_test_assert_incident_components (incident_at (items, 0), "Sync");
}

static void
test_instatus_not_instatus (void)
{
  g_autoptr(GBytes) html = vigie_test_load_fixture ("hostile/html-page.html");
  g_autoptr(GBytes) statuspage = vigie_test_load_fixture ("statuspage/summary-major.json");

  assert_text_error (NULL, "{\"page\":{\"name\":\"X\"}}", VIGIE_FEED_ERROR_UNKNOWN_FORMAT, NULL);
  assert_text_error ("instatus", "{\"page\":{\"name\":\"X\"}}", VIGIE_FEED_ERROR_WRONG_FORMAT,
                     "not an instatus feed");
  assert_text_error ("instatus", "{\"error\":\"Page not found\"}", VIGIE_FEED_ERROR_WRONG_FORMAT,
                     "not an instatus feed");
  assert_parse_error ("instatus", statuspage, VIGIE_FEED_ERROR_WRONG_FORMAT, "not an instatus feed");
  assert_parse_error ("instatus", html, VIGIE_FEED_ERROR_HTML, NULL);

  /* an Instatus summary with components is not taken for Statuspage */
  {
    g_autoptr(VigieSnapshot) snapshot = parse_text (
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

  snapshot = parse_bytes_at (NULL, body, "2022-06-11T19:00:00Z");
  g_assert_cmpstr (vigie_snapshot_get_format (snapshot), ==, "instatus");
  vigie_test_assert_severity (snapshot, VIGIE_SEVERITY_CRITICAL);
  assert_counts (snapshot, 0, 1, 1, 0);
  g_assert_cmpstr (vigie_snapshot_get_page_name (snapshot), ==, "Instatus");
  g_assert_cmpstr (vigie_snapshot_get_summary (snapshot), ==, "We're facing an issue with our API");

  incident = incident_at (snapshot, 0);
  g_assert_cmpstr (incident->title, ==, "We're facing an issue with our API");
  g_assert_cmpstr (incident->status, ==, "investigating");
  vigie_test_assert_incident_severity (incident, VIGIE_SEVERITY_CRITICAL);
  assert_time (incident->started_at, "2022-06-11T18:55:50Z");

  incident = maintenance_at (snapshot, 0);
  g_assert_cmpstr (incident->title, ==, "Database maintenance");
  g_assert_cmpstr (incident->status, ==, "scheduled");
  assert_time (incident->scheduled_for, "2022-06-11T18:55:54Z");
  assert_time (incident->scheduled_until, "2022-06-11T19:55:54Z");
}

/* Status.io */

static void
test_statusio_operational (void)
{
  g_autoptr(VigieSnapshot) snapshot = parse_fixture ("statusio/operational.json");

  g_assert_cmpstr (vigie_snapshot_get_format (snapshot), ==, "statusio");
  vigie_test_assert_severity (snapshot, VIGIE_SEVERITY_OPERATIONAL);
  assert_counts (snapshot, 2, 0, 0, 0);
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
      snapshot = parse_text (NULL, json);
      g_assert_cmpstr (vigie_snapshot_get_format (snapshot), ==, "statusio");
      vigie_test_assert_severity (snapshot, cases[i].expected);
      vigie_test_assert_component (snapshot, "Website", NULL, cases[i].expected);
      g_assert_cmpstr (vigie_snapshot_get_reason (snapshot), ==, cases[i].reason);
    }

  /* an unknown overall code while a component tells a real problem */
  {
    g_autoptr(VigieSnapshot) snapshot = parse_text (
      NULL, "{\"result\":{\"status_overall\":{\"status_code\":700},"
            "\"status\":[{\"name\":\"Website\",\"status_code\":300}],\"incidents\":[]}}");

    vigie_test_assert_severity (snapshot, VIGIE_SEVERITY_MINOR);
  }
  /* no overall verdict: the components give it */
  {
    g_autoptr(VigieSnapshot) snapshot = parse_text (
      NULL, "{\"result\":{\"status\":[{\"name\":\"Website\",\"status_code\":500}],\"incidents\":[]}}");

    vigie_test_assert_severity (snapshot, VIGIE_SEVERITY_CRITICAL);
  }
}

static void
test_statusio_incident (void)
{
  g_autoptr(VigieSnapshot) snapshot = parse_fixture ("statusio/incident.json");
  const VigieIncident *incident;

  vigie_test_assert_severity (snapshot, VIGIE_SEVERITY_MAJOR);
  assert_counts (snapshot, 3, 1, 1, 0);
  assert_trouble (snapshot, "CI runners=major;Package registry=minor");
  g_assert_cmpstr (vigie_snapshot_get_summary (snapshot), ==, "Partial Service Disruption");

  incident = incident_at (snapshot, 0);
  g_assert_cmpstr (incident->id, ==, "656e0f0a1b2c3d4e5f607182");
  g_assert_cmpstr (incident->title, ==, "Jobs stuck in the queue");
  /* from the code of its newest message */
  vigie_test_assert_incident_severity (incident, VIGIE_SEVERITY_MAJOR);
  g_assert_cmpstr (incident->latest_update, ==, "Runners in US East are being replaced.");
  assert_time (incident->started_at, "2026-11-29T01:48:00Z");
  assert_time (incident->updated_at, "2026-11-29T02:10:00Z");
  vigie_test_assert_incident_components (incident, "CI runners;US East");

  /* announced, not running */
  incident = maintenance_at (snapshot, 0);
  g_assert_cmpstr (incident->status, ==, "scheduled");
  assert_time (incident->scheduled_for, "2026-12-01T22:00:00Z");
  assert_time (incident->scheduled_until, "2026-12-02T01:00:00Z");
}

static void
test_statusio_maintenance (void)
{
  g_autoptr(VigieSnapshot) snapshot = parse_fixture ("statusio/maintenance.json");

  vigie_test_assert_severity (snapshot, VIGIE_SEVERITY_MAINTENANCE);
  assert_counts (snapshot, 1, 0, 1, 0);
  g_assert_cmpstr (maintenance_at (snapshot, 0)->status, ==, "in_progress");
  g_assert_cmpstr (maintenance_at (snapshot, 0)->latest_update, ==, "The failover test has started.");

  /* an active maintenance while the overall code still says operational */
  {
    g_autoptr(VigieSnapshot) active = parse_text (
      NULL, "{\"result\":{\"status_overall\":{\"status_code\":100},\"status\":[],\"incidents\":[],"
            "\"maintenance\":{\"active\":[{\"name\":\"Upgrade\"}],\"upcoming\":[]}}}");

    vigie_test_assert_severity (active, VIGIE_SEVERITY_MAINTENANCE);
  }
}

static void
test_statusio_wrong_types (void)
{
  g_autoptr(VigieSnapshot) snapshot = parse_text (
    NULL, "{\"result\":{\"status_overall\":{\"status\":5,\"status_code\":\"x\"},"
          "\"status\":[null,3,{\"name\":7,\"status_code\":100},{\"name\":\"Website\"}],"
          "\"incidents\":[null,{\"name\":[],\"messages\":\"none\",\"components_affected\":{}}],"
          "\"maintenance\":{\"active\":{},\"upcoming\":[7]}}}");
  g_autoptr(VigieSnapshot) no_status = NULL;

  vigie_test_assert_severity (snapshot, VIGIE_SEVERITY_UNKNOWN);
  g_assert_cmpstr (vigie_snapshot_get_reason (snapshot), ==, "overall without status code");
  assert_counts (snapshot, 1, 1, 0, 0);
  vigie_test_assert_component (snapshot, "Website", NULL, VIGIE_SEVERITY_UNKNOWN);
  g_assert_cmpstr (incident_at (snapshot, 0)->title, ==, "Incident");
  vigie_test_assert_incident_severity (incident_at (snapshot, 0), VIGIE_SEVERITY_UNKNOWN);

  /* a list of components and no verdict at all */
  no_status = parse_text ("statusio", "{\"result\":{\"status\":[],\"incidents\":[]}}");
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
      assert_text_error (NULL, wrong[i], VIGIE_FEED_ERROR_UNKNOWN_FORMAT, "unrecognised feed format");
      assert_text_error ("statusio", wrong[i], VIGIE_FEED_ERROR_WRONG_FORMAT, "not a status.io feed");
    }
  assert_parse_error ("statusio", html, VIGIE_FEED_ERROR_HTML, NULL);
}

static void
test_statusio_real (void)
{
  g_autoptr(GBytes) body = vigie_test_load_shared_fixture ("docs-examples/statusio-status-official-doc.json");
  g_autoptr(VigieSnapshot) snapshot = NULL;

  if (body == NULL)
    return;

  snapshot = parse_bytes_at (NULL, body, "2016-01-29T23:00:00Z");
  g_assert_cmpstr (vigie_snapshot_get_format (snapshot), ==, "statusio");
  vigie_test_assert_severity (snapshot, VIGIE_SEVERITY_OPERATIONAL);
  assert_counts (snapshot, 1, 0, 0, 0);
  vigie_test_assert_component (snapshot, "Website", NULL, VIGIE_SEVERITY_OPERATIONAL);
  g_assert_cmpstr (vigie_snapshot_get_summary (snapshot), ==, "Operational");
}

/* Webex */

static void
test_webex_healthy (void)
{
  g_autoptr(VigieSnapshot) snapshot = parse_fixture ("webex/healthy.json");

  g_assert_cmpstr (vigie_snapshot_get_format (snapshot), ==, "webex");
  vigie_test_assert_severity (snapshot, VIGIE_SEVERITY_OPERATIONAL);
  /* group rows stand for their members; deleted ones are gone */
  assert_counts (snapshot, 4, 0, 0, 0);
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
  g_autoptr(VigieSnapshot) snapshot = parse_fixture ("webex/maintenance.json");
  g_autoptr(VigieSnapshot) before = NULL;
  const VigieIncident *maintenance;

  /* the window of the first is open; the third's is over */
  vigie_test_assert_severity (snapshot, VIGIE_SEVERITY_MAINTENANCE);
  assert_counts (snapshot, 1, 0, 2, 0);
  maintenance = maintenance_at (snapshot, 0);
  g_assert_cmpstr (maintenance->status, ==, "in_progress");
  assert_time (maintenance->scheduled_for, "2026-11-29T02:00:00Z");
  assert_time (maintenance->scheduled_until, "2026-11-29T04:00:00Z");
  vigie_test_assert_incident_components (maintenance, "Join a meeting");
  g_assert_cmpstr (maintenance->latest_update, ==, "Planned work on the meeting platform.\n\n-- Affected regions --\nEurope");
  maintenance = maintenance_at (snapshot, 1);
  g_assert_cmpstr (maintenance->status, ==, "scheduled");
  vigie_test_assert_incident_components (maintenance, "");

  /* an hour earlier, only announced: never trouble */
  before = parse_fixture_at ("webex/maintenance.json", "2026-11-29T01:30:00Z");
  vigie_test_assert_severity (before, VIGIE_SEVERITY_OPERATIONAL);
  g_assert_cmpuint (vigie_snapshot_get_maintenances (before)->len, ==, 2);
}

static void
test_webex_incident (void)
{
  g_autoptr(VigieSnapshot) snapshot = parse_fixture ("webex/incident.json");
  const VigieIncident *incident;

  vigie_test_assert_severity (snapshot, VIGIE_SEVERITY_MAJOR);
  assert_counts (snapshot, 3, 2, 0, 1);
  assert_trouble (snapshot, "Join a meeting=major;Recordings=minor");
  g_assert_cmpstr (vigie_snapshot_get_summary (snapshot), ==, "Users fail to join meetings in Europe");

  /* no impact word: the components it lists as major tell */
  incident = incident_at (snapshot, 0);
  g_assert_cmpstr (incident->id, ==, "inc00000000000000000000000000001");
  g_assert_cmpstr (incident->status, ==, "investigating");
  vigie_test_assert_incident_severity (incident, VIGIE_SEVERITY_MAJOR);
  vigie_test_assert_incident_components (incident, "Join a meeting");
  g_assert_cmpstr (incident->latest_update, ==, "A faulty media node was found and is being drained.");
  assert_time (incident->started_at, "2026-11-29T01:35:00Z");
  assert_time (incident->updated_at, "2026-11-29T02:15:00Z");

  incident = incident_at (snapshot, 1);
  vigie_test_assert_incident_severity (incident, VIGIE_SEVERITY_MINOR);
  vigie_test_assert_incident_components (incident, "Recordings");

  incident = resolved_at (snapshot, 0);
  g_assert_cmpstr (incident->title, ==, "Chat delays");
  assert_time (incident->updated_at, "2026-11-29T01:20:00Z");
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
      snapshot = parse_text (NULL, json);
      g_assert_cmpstr (vigie_snapshot_get_format (snapshot), ==, "webex");
      vigie_test_assert_severity (snapshot, cases[i].expected);
      vigie_test_assert_incident_severity (incident_at (snapshot, 0), cases[i].expected);
    }

  /* maintenance said by the impact alone, or by the type alone */
  {
    g_autoptr(VigieSnapshot) by_impact = parse_text (
      NULL, "{\"unResolvedIncidents\":[{\"incidentName\":\"M\",\"status\":\"in_progress\",\"impact\":\"Maintenance\"}]}");
    g_autoptr(VigieSnapshot) by_type = parse_text (
      NULL, "{\"unResolvedIncidents\":[{\"incidentName\":\"M\",\"status\":\"scheduled\",\"incidentType\":\"MAINTENANCE\","
            "\"startTime\":\"2026-12-01T00:00:00Z\"}]}");

    vigie_test_assert_severity (by_impact, VIGIE_SEVERITY_MAINTENANCE);
    assert_counts (by_impact, 0, 0, 1, 0);
    vigie_test_assert_severity (by_type, VIGIE_SEVERITY_OPERATIONAL);
    assert_counts (by_type, 0, 0, 1, 0);
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
      snapshot = parse_text (NULL, json);
      vigie_test_assert_severity (snapshot, cases[i].expected);
      vigie_test_assert_component (snapshot, "Audio", NULL, cases[i].expected);
    }
}

static void
test_webex_unknown (void)
{
  g_autoptr(VigieSnapshot) snapshot = parse_fixture ("webex/unknown.json");

  vigie_test_assert_severity (snapshot, VIGIE_SEVERITY_UNKNOWN);
  g_assert_cmpstr (vigie_snapshot_get_reason (snapshot), ==, "unknown incident impact \"sev3\"");
  assert_counts (snapshot, 1, 1, 0, 0);
}

static void
test_webex_wrong_types (void)
{
  g_autoptr(VigieSnapshot) no_list = parse_text (
    NULL, "{\"serviceName\":\"Webex\",\"components\":[{\"componentName\":\"Audio\",\"status\":\"operational\"}],"
          "\"unResolvedIncidents\":\"none\"}");
  g_autoptr(VigieSnapshot) odd = parse_text (
    NULL, "{\"serviceName\":5,\"components\":[null,7,{\"componentName\":[],\"status\":\"operational\"},"
          "{\"componentName\":\"Audio\",\"status\":3,\"components\":\"x\"}],"
          "\"unResolvedIncidents\":[null,1,{\"incidentName\":{},\"messages\":[1,{\"message\":5}],"
          "\"impact\":\"degraded\",\"startTime\":7,\"majorComponents\":[null,3]}]}");

  /* without the list of incidents no all-clear can be read */
  vigie_test_assert_severity (no_list, VIGIE_SEVERITY_UNKNOWN);
  g_assert_cmpstr (vigie_snapshot_get_reason (no_list), ==, "no incident list in feed");

  vigie_test_assert_severity (odd, VIGIE_SEVERITY_MINOR);
  assert_counts (odd, 1, 1, 0, 0);
  vigie_test_assert_component (odd, "Audio", NULL, VIGIE_SEVERITY_UNKNOWN);
  g_assert_cmpstr (incident_at (odd, 0)->title, ==, "Incident");
  g_assert_null (incident_at (odd, 0)->started_at);
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
      assert_text_error (NULL, wrong[i], VIGIE_FEED_ERROR_UNKNOWN_FORMAT, "unrecognised feed format");
      assert_text_error ("webex", wrong[i], VIGIE_FEED_ERROR_WRONG_FORMAT, "not a webex feed");
    }
  assert_parse_error ("webex", html, VIGIE_FEED_ERROR_HTML, NULL);
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
  snapshot = parse_bytes_at (NULL, body, "2026-07-11T00:00:00Z");
  g_assert_cmpstr (vigie_snapshot_get_format (snapshot), ==, "webex");
  vigie_test_assert_severity (snapshot, VIGIE_SEVERITY_OPERATIONAL);
  assert_counts (snapshot, 18, 0, 3, 0);
  assert_trouble (snapshot, "");
  vigie_test_assert_component (snapshot, "Start/join meetings", "Webex Meetings",
                               VIGIE_SEVERITY_OPERATIONAL);
  vigie_test_assert_component (snapshot, "Send and read messages", "Webex App",
                               VIGIE_SEVERITY_OPERATIONAL);
  maintenance = maintenance_at (snapshot, 0);
  g_assert_cmpstr (maintenance->title, ==, "Webex Calling Service Maintenance: July 21, 2026");
  g_assert_cmpstr (maintenance->status, ==, "scheduled");
  assert_time (maintenance->scheduled_for, "2026-07-21T22:00:00Z");
  assert_time (maintenance->scheduled_until, "2026-07-22T04:00:00Z");
  g_assert_true (g_str_has_prefix (maintenance->latest_update,
                                   "Webex Engineering has planned a maintenance window"));
  g_assert_null (strstr (maintenance->latest_update, "<strong>"));
  g_assert_cmpstr (maintenance_at (snapshot, 2)->title, ==, "Webex Calling Service Maintenance: July 17, 2026");
  g_clear_object (&snapshot);

  /* inside the window of 17 July */
  snapshot = parse_bytes_at (NULL, body, "2026-07-17T04:00:00Z");
  vigie_test_assert_severity (snapshot, VIGIE_SEVERITY_MAINTENANCE);
  assert_counts (snapshot, 18, 0, 3, 0);
  g_assert_cmpstr (maintenance_at (snapshot, 2)->status, ==, "in_progress");
  g_clear_object (&snapshot);

  /* months later every window is over */
  snapshot = parse_bytes_at (NULL, body, NOW);
  vigie_test_assert_severity (snapshot, VIGIE_SEVERITY_OPERATIONAL);
  assert_counts (snapshot, 18, 0, 0, 0);
}

/* Atom and RSS */

static void
test_atom_open_incident (void)
{
  g_autoptr(VigieSnapshot) snapshot = parse_fixture ("atom/open-incident.xml");
  const VigieIncident *incident;

  g_assert_cmpstr (vigie_snapshot_get_format (snapshot), ==, "atom");
  /* an open incident in a feed that tells no impact: minor */
  vigie_test_assert_severity (snapshot, VIGIE_SEVERITY_MINOR);
  assert_counts (snapshot, 0, 1, 1, 1);
  g_assert_cmpstr (vigie_snapshot_get_page_name (snapshot), ==, "Lumen Docs");
  g_assert_cmpstr (vigie_snapshot_get_page_url (snapshot), ==, "https://status.lumendocs.example");
  g_assert_cmpstr (vigie_snapshot_get_summary (snapshot), ==, "Editor fails to save documents");

  incident = incident_at (snapshot, 0);
  g_assert_cmpstr (incident->id, ==, "tag:status.lumendocs.example,2005:Incident/9001");
  g_assert_cmpstr (incident->title, ==, "Editor fails to save documents");
  /* "Update" says nothing of the stage: the newest label that does */
  g_assert_cmpstr (incident->status, ==, "identified");
  vigie_test_assert_incident_severity (incident, VIGIE_SEVERITY_MINOR);
  g_assert_cmpstr (incident->url, ==, "https://status.lumendocs.example/incidents/q1w2e3r4t5y6");
  g_assert_cmpstr (incident->latest_update, ==, "We are deploying a fix; saving works again for most people.");
  assert_time (incident->started_at, "2026-11-29T01:20:00Z");
  assert_time (incident->updated_at, "2026-11-29T02:10:00Z");

  incident = maintenance_at (snapshot, 0);
  g_assert_cmpstr (incident->title, ==, "Nightly backup maintenance");
  g_assert_cmpstr (incident->status, ==, "in_progress");
  assert_time (incident->started_at, "2026-11-29T01:00:00Z");

  incident = resolved_at (snapshot, 0);
  g_assert_cmpstr (incident->title, ==, "Slow search results");
  g_assert_cmpstr (incident->status, ==, "resolved");
  assert_time (incident->updated_at, "2026-11-28T21:40:00Z");

  /* without the open incident, the running maintenance is the state */
  {
    g_autoptr(GBytes) body = vigie_test_load_fixture ("atom/open-incident.xml");
    gsize size;
    const char *data = g_bytes_get_data (body, &size);
    g_autofree char *text = g_strndup (data, size);
    g_autofree char *edited = NULL;
    char *start = strstr (text, "  <entry>");
    char *end = strstr (text, "  </entry>\n");
    g_autoptr(VigieSnapshot) maintenance_only = NULL;

    g_assert_nonnull (start);
    g_assert_nonnull (end);
    *start = '\0';
    edited = g_strconcat (text, end + strlen ("  </entry>\n"), NULL);
    maintenance_only = parse_text (NULL, edited);
    vigie_test_assert_severity (maintenance_only, VIGIE_SEVERITY_MAINTENANCE);
    assert_counts (maintenance_only, 0, 0, 1, 1);
  }
}

/* A history.atom that opens with a comment (a generator's banner, after
 * the XML declaration or without one: XML allows nothing before the
 * declaration) is a feed, not the HTML page a comment
 * usually starts; a comment followed by HTML is still a page. */
static void
test_atom_leading_comment (void)
{
  g_autoptr(GBytes) body = vigie_test_load_fixture ("atom/open-incident.xml");
  gsize size;
  const char *data = g_bytes_get_data (body, &size);
  g_autofree char *text = g_strndup (data, size);
  const char *after_declaration = strchr (text, '\n') + 1;
  static const char * const formats[] = { NULL, "auto", "atom" };

  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    {
      g_autofree char *before = g_strconcat ("<!-- generated by the status page -->\n",
                                             after_declaration, NULL);
      g_autofree char *between = g_strdup_printf ("<?xml version=\"1.0\"?>\n<!-- a -->\n  <!-- b -->%s",
                                                  after_declaration);
      g_autofree char *bare = g_strconcat ("\xef\xbb\xbf<!--x-->", after_declaration, NULL);
      const char *variants[] = { before, between, bare };

      for (guint j = 0; j < G_N_ELEMENTS (variants); j++)
        {
          g_autoptr(VigieSnapshot) snapshot = parse_text (formats[i], variants[j]);

          g_assert_cmpstr (vigie_snapshot_get_format (snapshot), ==, "atom");
          vigie_test_assert_severity (snapshot, VIGIE_SEVERITY_MINOR);
          g_assert_cmpstr (vigie_snapshot_get_summary (snapshot), ==,
                           "Editor fails to save documents");
        }
    }

  assert_text_error (NULL, "<!-- cached -->\n<!DOCTYPE html><html><body>Down</body></html>",
                     VIGIE_FEED_ERROR_HTML, "html page instead of a feed");
  assert_text_error (NULL, "<!-- a --><!-- b -->\n<html lang=\"en\">", VIGIE_FEED_ERROR_HTML,
                     "html page instead of a feed");
  assert_text_error (NULL, "<!-- never closed <feed>", VIGIE_FEED_ERROR_HTML,
                     "html page instead of a feed");
  assert_text_error ("atom", "<!-- x -->\n<html><body/></html>", VIGIE_FEED_ERROR_HTML,
                     "html page instead of a feed");
}

static void
test_atom_healthy (void)
{
  g_autoptr(VigieSnapshot) snapshot = parse_fixture ("atom/healthy.xml");
  g_autoptr(VigieSnapshot) stale = parse_fixture ("atom/stale-open.xml");
  g_autoptr(VigieSnapshot) recent = NULL;

  /* Postmortem and Completed close */
  vigie_test_assert_severity (snapshot, VIGIE_SEVERITY_OPERATIONAL);
  assert_counts (snapshot, 0, 0, 0, 0);
  g_assert_null (vigie_snapshot_get_summary (snapshot));

  /* never closed, but not touched for ten days: history */
  vigie_test_assert_severity (stale, VIGIE_SEVERITY_OPERATIONAL);
  assert_counts (stale, 0, 0, 0, 0);

  /* the same feed six days after its last update: open */
  recent = parse_fixture_at ("atom/stale-open.xml", "2026-11-25T08:00:00Z");
  vigie_test_assert_severity (recent, VIGIE_SEVERITY_MINOR);
  g_assert_cmpstr (incident_at (recent, 0)->status, ==, "monitoring");
}

static void
test_atom_maintenance (void)
{
  g_autoptr(VigieSnapshot) snapshot = parse_fixture ("atom/maintenance.xml");
  const VigieIncident *maintenance;

  vigie_test_assert_severity (snapshot, VIGIE_SEVERITY_MAINTENANCE);
  assert_counts (snapshot, 0, 0, 2, 0);

  /* "Update" to an announcement: still only announced */
  maintenance = maintenance_at (snapshot, 0);
  g_assert_cmpstr (maintenance->title, ==, "Planned network upgrade");
  g_assert_cmpstr (maintenance->status, ==, "scheduled");
  g_assert_null (maintenance->scheduled_for);

  maintenance = maintenance_at (snapshot, 1);
  g_assert_cmpstr (maintenance->status, ==, "verifying");
  assert_time (maintenance->started_at, "2026-11-29T00:00:00Z");
}

static void
test_atom_labels (void)
{
  static const struct { const char *labels; VigieSeverity expected; const char *status; } cases[] = {
    { "Investigating", VIGIE_SEVERITY_MINOR, "investigating" },
    { "Identified|Investigating", VIGIE_SEVERITY_MINOR, "identified" },
    { "Update|Investigating", VIGIE_SEVERITY_MINOR, "investigating" },
    { "Update", VIGIE_SEVERITY_MINOR, "update" },
    { "Monitoring|Identified", VIGIE_SEVERITY_MINOR, "monitoring" },
    { "Resolved|Monitoring", VIGIE_SEVERITY_OPERATIONAL, NULL },
    { "Postmortem|Resolved", VIGIE_SEVERITY_OPERATIONAL, NULL },
    { "Scheduled", VIGIE_SEVERITY_OPERATIONAL, "scheduled" },
    { "In progress|Scheduled", VIGIE_SEVERITY_MAINTENANCE, "in_progress" },
    { "Update|In progress|Scheduled", VIGIE_SEVERITY_MAINTENANCE, "in_progress" },
    { "Verifying|In progress", VIGIE_SEVERITY_MAINTENANCE, "verifying" },
    { "Completed|In progress|Scheduled", VIGIE_SEVERITY_OPERATIONAL, NULL },
    { "investigating", VIGIE_SEVERITY_MINOR, "investigating" },
    { "Restoring|Investigating", VIGIE_SEVERITY_UNKNOWN, "restoring" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto(GStrv) labels = g_strsplit (cases[i].labels, "|", -1);
      g_autoptr(GString) content = g_string_new (NULL);
      g_autoptr(GString) escaped = NULL;
      g_autofree char *xml = NULL;
      g_autoptr(VigieSnapshot) snapshot = NULL;
      GPtrArray *open;

      for (guint j = 0; labels[j] != NULL; j++)
        g_string_append_printf (content, "<p><small>Nov <var data-var='date'>29</var>, "
                                "<var data-var='time'>0%u:00</var> UTC</small><br>"
                                "<strong>%s</strong> - Step %u.</p>",
                                2 - MIN (j, 2), labels[j], j);
      {
        g_autofree char *e = g_markup_escape_text (content->str, -1);

        escaped = g_string_new (e);
      }
      xml = g_strdup_printf (
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        "<feed xml:lang=\"en-US\" xmlns=\"http://www.w3.org/2005/Atom\">\n"
        "<id>tag:status.example.com,2005:/history</id><title>Example Status - Incident History</title>"
        "<entry><id>tag:status.example.com,2005:Incident/%u</id>"
        "<updated>2026-11-29T02:00:00Z</updated><title>Case %u</title>"
        "<content type=\"html\">%s</content></entry></feed>\n", i, i, escaped->str);

      g_test_message ("%s", cases[i].labels);
      snapshot = parse_text (NULL, xml);
      g_assert_cmpstr (vigie_snapshot_get_format (snapshot), ==, "atom");
      vigie_test_assert_severity (snapshot, cases[i].expected);
      g_assert_cmpstr (vigie_snapshot_get_page_name (snapshot), ==, "Example");

      open = vigie_snapshot_get_incidents (snapshot)->len > 0 ? vigie_snapshot_get_incidents (snapshot)
                                                               : vigie_snapshot_get_maintenances (snapshot);
      if (cases[i].status == NULL)
        g_assert_cmpuint (open->len, ==, 0);
      else
        g_assert_cmpstr (item_at (open, 0)->status, ==, cases[i].status);
    }
}

static void
test_atom_unknown (void)
{
  g_autoptr(VigieSnapshot) snapshot = parse_fixture ("atom/unknown-label.xml");

  vigie_test_assert_severity (snapshot, VIGIE_SEVERITY_UNKNOWN);
  g_assert_cmpstr (vigie_snapshot_get_reason (snapshot), ==, "unknown update label \"Partially restored\"");
  assert_counts (snapshot, 0, 2, 0, 0);
  vigie_test_assert_incident_severity (incident_at (snapshot, 0), VIGIE_SEVERITY_UNKNOWN);
  vigie_test_assert_incident_severity (incident_at (snapshot, 1), VIGIE_SEVERITY_UNKNOWN);
}

static void
test_atom_new_year (void)
{
  g_autoptr(VigieSnapshot) snapshot = parse_fixture_at ("atom/new-year.xml", "2027-01-01T01:00:00Z");
  const VigieIncident *incident;

  vigie_test_assert_severity (snapshot, VIGIE_SEVERITY_MINOR);
  incident = incident_at (snapshot, 0);
  /* "Dec 31, 23:50 UTC" in an entry updated in 2027 */
  assert_time (incident->started_at, "2026-12-31T23:50:00Z");
  assert_time (incident->updated_at, "2027-01-01T00:20:00Z");
}

static void
test_atom_rss (void)
{
  g_autoptr(VigieSnapshot) snapshot = parse_fixture ("atom/history.rss");
  const VigieIncident *incident;

  g_assert_cmpstr (vigie_snapshot_get_format (snapshot), ==, "atom");
  vigie_test_assert_severity (snapshot, VIGIE_SEVERITY_MINOR);
  assert_counts (snapshot, 0, 1, 0, 1);
  g_assert_cmpstr (vigie_snapshot_get_page_name (snapshot), ==, "Lumen Docs");
  g_assert_cmpstr (vigie_snapshot_get_page_url (snapshot), ==, "https://status.lumendocs.example");

  incident = incident_at (snapshot, 0);
  g_assert_cmpstr (incident->id, ==, "https://status.lumendocs.example/incidents/q1w2e3r4t5y6");
  g_assert_cmpstr (incident->title, ==, "Editor fails to save documents");
  g_assert_cmpstr (incident->status, ==, "identified");
  g_assert_cmpstr (incident->latest_update, ==, "A database node ran out of disk space.");
  assert_time (incident->updated_at, "2026-11-29T02:10:00Z");

  incident = resolved_at (snapshot, 0);
  g_assert_cmpstr (incident->title, ==, "Slow search results");
  assert_time (incident->updated_at, "2026-11-28T21:40:00Z");
}

static void
test_atom_not_atom (void)
{
  g_autoptr(GBytes) blog = vigie_test_load_fixture ("atom/blog.xml");
  g_autoptr(GBytes) svg = vigie_test_load_fixture ("atom/not-a-feed.xml");
  g_autoptr(GBytes) html = vigie_test_load_fixture ("hostile/html-page.html");
  g_autoptr(GBytes) json = vigie_test_load_fixture ("google/open-mixed.json");
  g_autoptr(VigieSnapshot) forced_blog = NULL;

  /* a feed that is not a status page's is not claimed */
  assert_parse_error (NULL, blog, VIGIE_FEED_ERROR_UNKNOWN_FORMAT, "unrecognised feed format");
  assert_parse_error (NULL, svg, VIGIE_FEED_ERROR_UNKNOWN_FORMAT, "unrecognised feed format");
  assert_parse_error ("atom", svg, VIGIE_FEED_ERROR_WRONG_FORMAT, "not an atom feed");
  assert_parse_error ("atom", html, VIGIE_FEED_ERROR_HTML, NULL);
  assert_parse_error ("atom", json, VIGIE_FEED_ERROR_NOT_XML, "not xml");
  assert_text_error ("atom", "<feed xmlns=\"http://www.w3.org/2005/Atom\"><entry>", VIGIE_FEED_ERROR_NOT_XML, "not xml");
  assert_text_error ("atom", "<rss version=\"2.0\"><item/></rss>", VIGIE_FEED_ERROR_WRONG_FORMAT, "not an atom feed");
  assert_text_error ("atom", "<feed xmlns=\"http://example.com/not-atom\"/>", VIGIE_FEED_ERROR_WRONG_FORMAT,
                     "not an atom feed");

  /* named as atom, a blog's recent entry has no label Vigie knows:
   * unknown, not "all clear" */
  forced_blog = parse_bytes_at ("atom", blog, NOW);
  vigie_test_assert_severity (forced_blog, VIGIE_SEVERITY_UNKNOWN);

  /* an empty Statuspage feed: nothing is open */
  {
    g_autoptr(VigieSnapshot) empty = parse_text (
      NULL, "<?xml version=\"1.0\"?><feed xmlns=\"http://www.w3.org/2005/Atom\">"
            "<id>tag:status.example.com,2005:/history</id></feed>");

    vigie_test_assert_severity (empty, VIGIE_SEVERITY_OPERATIONAL);
  }
}

static void
test_atom_wrong_types (void)
{
  /* dates that do not read, links that may not be opened, markup where
   * text is expected, CDATA, a <strong> in the text of an update */
  g_autoptr(VigieSnapshot) snapshot = parse_text (
    NULL,
    "<?xml version=\"1.0\"?><feed xmlns=\"http://www.w3.org/2005/Atom\">"
    "<id>tag:status.example.com,2005:/history</id>"
    "<link rel=\"alternate\" href=\"javascript:alert(1)\"/>"
    "<entry><id>tag:status.example.com,2005:Incident/1</id><updated>last week</updated>"
    "<link rel=\"alternate\" href=\"file:///etc/passwd\"/><title type=\"html\">&lt;b&gt;Bold&lt;/b&gt; title</title>"
    "<content type=\"html\"><![CDATA[<p><small>Nov <var data-var='date'>29</var>, <var data-var='time'>01:00</var> UTC</small>"
    "<br><strong>Investigating</strong> - We are <strong>really</strong> looking.</p>]]></content></entry>"
    "<entry><title><sub>nested</sub></title><content type=\"xhtml\"><div xmlns=\"http://www.w3.org/1999/xhtml\">"
    "<p>x</p></div></content><updated>2026-11-29T01:00:00Z</updated></entry>"
    "<entry/>"
    "</feed>");
  const VigieIncident *incident;

  vigie_test_assert_severity (snapshot, VIGIE_SEVERITY_UNKNOWN);
  g_assert_null (vigie_snapshot_get_page_url (snapshot));
  assert_counts (snapshot, 0, 3, 0, 0);

  /* undated: it may be open, but how much is not known */
  incident = incident_at (snapshot, 0);
  g_assert_cmpstr (incident->title, ==, "Bold title");
  g_assert_cmpstr (incident->status, ==, "investigating");
  g_assert_cmpstr (incident->latest_update, ==, "We are really looking.");
  g_assert_null (incident->url);
  vigie_test_assert_incident_severity (incident, VIGIE_SEVERITY_UNKNOWN);

  incident = incident_at (snapshot, 1);
  g_assert_cmpstr (incident->title, ==, "Incident");
  g_assert_null (incident->id);
}

/* Hostile XML: each must end in an error, quickly, without touching files
 * or the network */

static GBytes *
utf16_bytes (const char *text)
{
  gsize written = 0;
  g_autofree char *converted = g_convert (text, -1, "UTF-16LE", "UTF-8", NULL, &written, NULL);
  GByteArray *out = g_byte_array_new ();

  g_assert_nonnull (converted);
  g_byte_array_append (out, (const guint8 *) "\xff\xfe", 2);
  g_byte_array_append (out, (const guint8 *) converted, written);

  return g_byte_array_free_to_bytes (out);
}

static char *
billion_laughs (const char *encoding)
{
  g_autoptr(GString) xml = g_string_new (NULL);

  g_string_append_printf (xml, "<?xml version=\"1.0\" encoding=\"%s\"?>\n<!DOCTYPE feed [\n"
                          " <!ENTITY lol \"lol\">\n", encoding);
  for (guint i = 1; i <= 9; i++)
    {
      g_string_append_printf (xml, " <!ENTITY lol%u \"", i);
      for (guint j = 0; j < 10; j++)
        {
          if (i == 1)
            g_string_append (xml, "&lol;");
          else
            g_string_append_printf (xml, "&lol%u;", i - 1);
        }
      g_string_append (xml, "\">\n");
    }
  g_string_append (xml, "]>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">"
                   "<id>tag:status.example.com,2005:/history</id><title>&lol9;</title>"
                   "<entry><id>tag:status.example.com,2005:Incident/1</id>"
                   "<updated>2026-11-29T02:00:00Z</updated><title>&lol9;</title>"
                   "<content type=\"html\">&lol9;</content></entry></feed>\n");

  return g_string_free (g_steal_pointer (&xml), FALSE);
}

static void
assert_hostile_refused (GBytes *body)
{
  g_autoptr(GTimer) timer = g_timer_new ();

  for (guint i = 0; i < 3; i++)
    {
      const char *format = i == 0 ? NULL : i == 1 ? "auto" : "atom";
      g_autoptr(GError) error = NULL;

      g_test_message ("  as %s", format != NULL ? format : "(detected)");
      error = parse_error_at (format, body, NOW);
      g_test_message ("  -> %s", error->message);
    }

  /* entity expansion is refused, not computed */
  g_assert_cmpfloat (g_timer_elapsed (timer, NULL), <, vigie_test_time_limit (10.0));
}

static void
test_atom_hostile (void)
{
  g_autofree char *bomb = billion_laughs ("UTF-8");
  g_autofree char *bomb16 = billion_laughs ("UTF-16");
  g_autoptr(GBytes) bomb_bytes = g_bytes_new (bomb, strlen (bomb));
  g_autoptr(GBytes) bomb16_bytes = utf16_bytes (bomb16);
  static const char xxe[] =
    "<?xml version=\"1.0\"?>\n<!DOCTYPE feed [ <!ENTITY xxe SYSTEM \"file:///etc/passwd\"> ]>\n"
    "<feed xmlns=\"http://www.w3.org/2005/Atom\"><id>tag:status.example.com,2005:/history</id>"
    "<title>&xxe;</title><entry><id>tag:status.example.com,2005:Incident/1</id>"
    "<updated>2026-11-29T02:00:00Z</updated><title>&xxe;</title>"
    "<content type=\"html\">&lt;strong&gt;Investigating&lt;/strong&gt; &xxe;</content></entry></feed>\n";
  static const char parameter[] =
    "<?xml version=\"1.0\"?>\n<!DOCTYPE feed [ <!ENTITY % remote SYSTEM \"http://127.0.0.1:9/evil.dtd\"> %remote; ]>\n"
    "<feed xmlns=\"http://www.w3.org/2005/Atom\"><id>tag:status.example.com,2005:/history</id></feed>\n";
  static const char quadratic_head[] =
    "<?xml version=\"1.0\"?>\n<!DOCTYPE feed [ <!ENTITY a \"";
  g_autoptr(GBytes) xxe_bytes = g_bytes_new_static (xxe, sizeof xxe - 1);
  g_autoptr(GBytes) xxe16_bytes = utf16_bytes (xxe);
  g_autoptr(GBytes) parameter_bytes = g_bytes_new_static (parameter, sizeof parameter - 1);
  g_autoptr(GString) quadratic = g_string_new (quadratic_head);
  g_autoptr(GString) deep = g_string_new ("<?xml version=\"1.0\"?><feed xmlns=\"http://www.w3.org/2005/Atom\">"
                                          "<id>tag:status.example.com,2005:/history</id>");
  g_autoptr(GString) open_deep = NULL;
  g_autoptr(GBytes) quadratic_bytes = NULL;
  g_autoptr(GBytes) deep_bytes = NULL;
  g_autoptr(GBytes) open_deep_bytes = NULL;

  g_test_message ("billion laughs");
  assert_hostile_refused (bomb_bytes);
  assert_parse_error ("atom", bomb_bytes, VIGIE_FEED_ERROR_TOO_COMPLEX, "xml entities refused");

  /* the same in UTF-16, where a byte search cannot see the declarations:
   * libxml2 refuses the amplification, or the parsed tree is refused */
  g_test_message ("billion laughs, UTF-16");
  assert_hostile_refused (bomb16_bytes);

  g_test_message ("external entity");
  assert_hostile_refused (xxe_bytes);
  assert_parse_error ("atom", xxe_bytes, VIGIE_FEED_ERROR_TOO_COMPLEX, "xml entities refused");
  g_test_message ("external entity, UTF-16");
  assert_hostile_refused (xxe16_bytes);
  g_test_message ("external parameter entity");
  assert_hostile_refused (parameter_bytes);

  g_test_message ("quadratic blow-up");
  for (guint i = 0; i < 50000; i++)
    g_string_append (quadratic, "aaaaaaaaaa");
  g_string_append (quadratic, "\"> ]>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">"
                   "<id>tag:status.example.com,2005:/history</id><title>");
  for (guint i = 0; i < 20000; i++)
    g_string_append (quadratic, "&a;");
  g_string_append (quadratic, "</title></feed>\n");
  quadratic_bytes = g_string_free_to_bytes (g_steal_pointer (&quadratic));
  assert_hostile_refused (quadratic_bytes);

  g_test_message ("deep nesting");
  for (guint i = 0; i < 100000; i++)
    g_string_append (deep, "<a>");
  for (guint i = 0; i < 100000; i++)
    g_string_append (deep, "</a>");
  g_string_append (deep, "</feed>");
  deep_bytes = g_string_free_to_bytes (g_steal_pointer (&deep));
  assert_hostile_refused (deep_bytes);
  assert_parse_error ("atom", deep_bytes, VIGIE_FEED_ERROR_NOT_XML, "not xml");

  g_test_message ("deep nesting, never closed");
  open_deep = g_string_new ("<rss version=\"2.0\"><channel><link>https://status.example.com/incidents/x</link>");
  for (guint i = 0; i < 100000; i++)
    g_string_append (open_deep, "<item>");
  open_deep_bytes = g_string_free_to_bytes (g_steal_pointer (&open_deep));
  assert_hostile_refused (open_deep_bytes);

  /* a doctype that names an external DTD: never loaded, never fetched */
  {
    g_autoptr(VigieSnapshot) snapshot = parse_text (
      "atom", "<?xml version=\"1.0\"?>\n<!DOCTYPE feed SYSTEM \"file:///etc/passwd\">\n"
              "<feed xmlns=\"http://www.w3.org/2005/Atom\"><id>tag:status.example.com,2005:/history</id>"
              "<title>Example Status - Incident History</title></feed>\n");

    vigie_test_assert_severity (snapshot, VIGIE_SEVERITY_OPERATIONAL);
    g_assert_cmpstr (vigie_snapshot_get_page_name (snapshot), ==, "Example");
  }
}

/* Sizes a feed could grow to: entries past the bounds are not read, the
 * lists stay bounded, and it all stays quick */
static void
test_atom_large (void)
{
  g_autoptr(GString) xml = g_string_new ("<?xml version=\"1.0\"?><feed xmlns=\"http://www.w3.org/2005/Atom\">"
                                         "<id>tag:status.example.com,2005:/history</id>");
  g_autoptr(GString) labels = g_string_new (NULL);
  g_autoptr(GTimer) timer = g_timer_new ();
  g_autoptr(VigieSnapshot) snapshot = NULL;
  g_autoptr(VigieSnapshot) bold = NULL;
  g_autofree char *escaped = NULL;
  g_autofree char *one_entry = NULL;

  for (guint i = 0; i < 1500; i++)
    g_string_append_printf (xml, "<entry><id>tag:status.example.com,2005:Incident/%u</id>"
                            "<updated>2026-11-29T02:00:00Z</updated><title>Incident %u</title>"
                            "<content type=\"html\">&lt;p&gt;&lt;small&gt;Nov 29, 02:00 UTC&lt;/small&gt;&lt;br&gt;"
                            "&lt;strong&gt;Investigating&lt;/strong&gt; - Looking.&lt;/p&gt;</content></entry>",
                            i, i);
  g_string_append (xml, "</feed>");
  snapshot = parse_text (NULL, xml->str);
  vigie_test_assert_severity (snapshot, VIGIE_SEVERITY_MINOR);
  g_assert_cmpuint (vigie_snapshot_get_incidents (snapshot)->len, ==, VIGIE_MAX_INCIDENTS);

  /* one entry, tens of thousands of labels and no stamp */
  for (guint i = 0; i < 30000; i++)
    g_string_append (labels, "<strong>Update</strong> - x ");
  escaped = g_markup_escape_text (labels->str, -1);
  one_entry = g_strdup_printf ("<?xml version=\"1.0\"?><feed xmlns=\"http://www.w3.org/2005/Atom\">"
                               "<id>tag:status.example.com,2005:/history</id><entry>"
                               "<id>tag:status.example.com,2005:Incident/1</id>"
                               "<updated>2026-11-29T02:00:00Z</updated><title>Many</title>"
                               "<content type=\"html\">%s</content></entry></feed>", escaped);
  bold = parse_text (NULL, one_entry);
  vigie_test_assert_severity (bold, VIGIE_SEVERITY_MINOR);
  g_assert_cmpstr (incident_at (bold, 0)->status, ==, "update");

  g_assert_cmpfloat (g_timer_elapsed (timer, NULL), <, vigie_test_time_limit (20.0));
}

static void
test_atom_real (void)
{
  g_autoptr(GBytes) unresolved = vigie_test_load_shared_fixture ("statuspage-atom/github-history-2026-07-09-unresolved.xml");
  g_autoptr(GBytes) resolved = NULL;
  g_autoptr(GBytes) maintenance = NULL;
  g_autoptr(VigieSnapshot) snapshot = NULL;
  const VigieIncident *incident;

  if (unresolved == NULL)
    return;

  /* scraped 2026-07-09 07:56 UTC: "Delays starting Actions runs" open */
  snapshot = parse_bytes_at (NULL, unresolved, "2026-07-09T07:56:00Z");
  g_assert_cmpstr (vigie_snapshot_get_format (snapshot), ==, "atom");
  vigie_test_assert_severity (snapshot, VIGIE_SEVERITY_MINOR);
  assert_counts (snapshot, 0, 1, 0, 0);
  g_assert_cmpstr (vigie_snapshot_get_page_name (snapshot), ==, "GitHub");
  g_assert_cmpstr (vigie_snapshot_get_page_url (snapshot), ==, "https://www.githubstatus.com");
  g_assert_cmpstr (vigie_snapshot_get_summary (snapshot), ==, "Delays starting Actions runs");
  incident = incident_at (snapshot, 0);
  g_assert_cmpstr (incident->id, ==, "tag:www.githubstatus.com,2005:Incident/30837849");
  g_assert_cmpstr (incident->title, ==, "Delays starting Actions runs");
  g_assert_cmpstr (incident->status, ==, "investigating");
  g_assert_cmpstr (incident->url, ==, "https://www.githubstatus.com/incidents/cstx3v63mklm");
  g_assert_cmpstr (incident->latest_update, ==, "We are continuing to work on a mitigation.");
  assert_time (incident->started_at, "2026-07-09T04:34:00Z");
  assert_time (incident->updated_at, "2026-07-09T06:01:00Z");
  g_clear_object (&snapshot);

  /* the same file read eleven days later: history */
  snapshot = parse_bytes_at ("atom", unresolved, "2026-07-20T08:00:00Z");
  vigie_test_assert_severity (snapshot, VIGIE_SEVERITY_OPERATIONAL);
  assert_counts (snapshot, 0, 0, 0, 0);
  g_clear_object (&snapshot);

  /* scraped 2026-08-22 04:40 UTC: all resolved, none within a day */
  resolved = vigie_test_load_shared_fixture ("statuspage-atom/github-history-2026-08-22-resolved.xml");
  snapshot = parse_bytes_at (NULL, resolved, "2026-08-22T04:40:00Z");
  vigie_test_assert_severity (snapshot, VIGIE_SEVERITY_OPERATIONAL);
  assert_counts (snapshot, 0, 0, 0, 0);
  g_clear_object (&snapshot);

  /* the evening of 21 August: the agent-task incident just resolved */
  snapshot = parse_bytes_at (NULL, resolved, "2026-08-21T06:00:00Z");
  vigie_test_assert_severity (snapshot, VIGIE_SEVERITY_OPERATIONAL);
  g_assert_cmpuint (vigie_snapshot_get_resolved (snapshot)->len, >=, 1);
  incident = resolved_at (snapshot, 0);
  g_assert_cmpstr (incident->title, ==, "Intermittent failures creating agent tasks");
  assert_time (incident->updated_at, "2026-08-21T00:37:00Z");
  g_clear_object (&snapshot);

  /* scraped 2025-07-08 04:36 UTC: two incidents resolved the evening
   * before, the Codespaces maintenance completed long ago */
  maintenance = vigie_test_load_shared_fixture ("statuspage-atom/github-history-2025-07-08-with-maintenance.xml");
  snapshot = parse_bytes_at (NULL, maintenance, "2025-07-08T04:36:00Z");
  vigie_test_assert_severity (snapshot, VIGIE_SEVERITY_OPERATIONAL);
  assert_counts (snapshot, 0, 0, 0, 2);
  g_assert_cmpstr (resolved_at (snapshot, 0)->id, ==, "tag:www.githubstatus.com,2005:Incident/25724106");
  assert_time (resolved_at (snapshot, 0)->updated_at, "2025-07-07T22:34:00Z");
  g_assert_cmpstr (resolved_at (snapshot, 1)->title, ==, "Disruption with some GitHub services");
  g_clear_object (&snapshot);

  /* the completed maintenance, read the day it completed */
  snapshot = parse_bytes_at (NULL, maintenance, "2025-05-31T06:00:00Z");
  g_assert_cmpuint (vigie_snapshot_get_maintenances (snapshot)->len, ==, 0);
}

/* Detection across every format and every fixture */

typedef struct
{
  const char *path;
  const char *format;   /* NULL: no format may claim it */
} Expected;

/* Every captured real payload, and the format that must claim it */
static const Expected shared_payloads[] = {
  { "docs-examples/cachet-v1-components-official-doc.json", NULL },
  { "docs-examples/instatus-summary-official-doc.json", "instatus" },
  { "docs-examples/slack-current-active-official-doc-repaired.json", "slack" },
  { "docs-examples/slack-current-ok-official-doc.json", "slack" },
  { "docs-examples/statusio-status-official-doc.json", "statusio" },
  { "google-dashboard/gcp-incidents-2022-07-03-full.json", "google" },
  { "google-dashboard/workspace-incidents-2026-07-trimmed.json", "google" },
  { "incidentio-compat/openai-v2-summary-2026-10-09-operational.json", "statuspage" },
  { "microsoft/portal-office-servicestatus-index-2026-07-11.json", "microsoft" },
  { "slack-v2/slack-current-active-2023-09-26-notes-redacted.json", "slack" },
  { "slack-v2/slack-current-ok-2026-06-26-reindented.json", "slack" },
  { "statuspage-atom/github-history-2025-07-08-with-maintenance.xml", "atom" },
  { "statuspage-atom/github-history-2026-07-09-unresolved.xml", "atom" },
  { "statuspage-atom/github-history-2026-08-22-resolved.xml", "atom" },
  { "statuspage-v2/claude-summary-2026-10-09-minor-degraded-monitoring.json", "statuspage" },
  { "statuspage-v2/cloudflare-summary-2026-06-16-minor-trimmed.json", "statuspage" },
  { "statuspage-v2/github-components-2024-09-17-trimmed.json", "statuspage" },
  { "statuspage-v2/github-incidents-2024-09-17-two-resolved.json", "statuspage" },
  { "statuspage-v2/github-status-2023-09-26-none.json", "statuspage" },
  { "statuspage-v2/github-summary-2019-12-30-none.json", "statuspage" },
  { "statuspage-v2/github-summary-2020-04-02-major.json", "statuspage" },
  { "statuspage-v2/github-summary-2022-11-25-minor-indicator-major-incident.json", "statuspage" },
  { "webex/webex-dashServices-891-2026-07.json", "webex" },
};

static const char *
expected_shared_format (const char *path,
                        gboolean   *out_found)
{
  for (guint i = 0; i < G_N_ELEMENTS (shared_payloads); i++)
    if (g_str_equal (shared_payloads[i].path, path))
      {
        *out_found = TRUE;
        return shared_payloads[i].format;
      }

  *out_found = FALSE;
  return NULL;
}

static void
test_detect_shared (void)
{
  const char *root = vigie_test_get_shared_fixtures ();
  g_autoptr(GDir) dir = NULL;
  const char *folder;
  guint seen = 0;

  if (root == NULL)
    return;

  dir = g_dir_open (root, 0, NULL);
  g_assert_nonnull (dir);
  while ((folder = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *folder_path = g_build_filename (root, folder, NULL);
      g_autoptr(GDir) files = NULL;
      const char *name;

      if (!g_file_test (folder_path, G_FILE_TEST_IS_DIR))
        continue;

      files = g_dir_open (folder_path, 0, NULL);
      g_assert_nonnull (files);
      while ((name = g_dir_read_name (files)) != NULL)
        {
          g_autofree char *path = g_build_filename (folder, name, NULL);
          g_autoptr(GBytes) body = vigie_test_load_shared_fixture (path);
          gboolean found;
          const char *format = expected_shared_format (path, &found);

          if (!found)
            g_error ("no expectation for real payload %s", path);

          g_test_message ("%s", path);
          if (format == NULL)
            {
              assert_parse_error (NULL, body, VIGIE_FEED_ERROR_UNKNOWN_FORMAT, "unrecognised feed format");
            }
          else
            {
              g_autoptr(VigieSnapshot) snapshot = parse_bytes_at (NULL, body, NOW);

              g_assert_cmpstr (vigie_snapshot_get_format (snapshot), ==, format);
            }

          /* no new format takes another format's document */
          assert_other_formats_refuse (body, format, NOW);
          seen++;
        }
    }

  g_assert_cmpuint (seen, ==, G_N_ELEMENTS (shared_payloads));
}

/* The project's own fixtures: each folder is its format (these few files
 * are, on purpose, nobody's) */
static void
test_detect_project (void)
{
  static const char * const folders[] = {
    "google", "microsoft", "instatus", "statusio", "webex", "atom", "statuspage", "slack",
  };
  static const char * const nobody[] = {
    "microsoft/error-404.json", "atom/blog.xml", "atom/not-a-feed.xml",
  };
  guint seen = 0;

  for (guint i = 0; i < G_N_ELEMENTS (folders); i++)
    {
      g_autofree char *folder = g_test_build_filename (G_TEST_DIST, "fixtures", folders[i], NULL);
      g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
      const char *name;

      g_assert_nonnull (dir);
      while ((name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *path = g_build_filename (folders[i], name, NULL);
          g_autoptr(GBytes) body = vigie_test_load_fixture (path);
          gboolean claimed = !g_strv_contains (nobody, path);

          g_test_message ("%s", path);
          if (claimed)
            {
              g_autoptr(VigieSnapshot) snapshot = parse_bytes_at (NULL, body, NOW);

              g_assert_cmpstr (vigie_snapshot_get_format (snapshot), ==, folders[i]);
            }
          else
            {
              assert_parse_error (NULL, body, VIGIE_FEED_ERROR_UNKNOWN_FORMAT, "unrecognised feed format");
            }

          /* the blog is Atom all the same: named as such, it is read
           * (and tested in /feeds-more/atom/not-atom) */
          assert_other_formats_refuse (body, claimed || g_str_equal (path, "atom/blog.xml")
                                               ? folders[i] : NULL, NOW);
          seen++;
        }
    }

  g_assert_cmpuint (seen, >=, 40);
}

static void
test_detect_registry (void)
{
  const char * const *formats = vigie_feeds_list_formats ();

  for (guint i = 0; i < G_N_ELEMENTS (new_formats); i++)
    {
      g_assert_true (g_strv_contains (formats, new_formats[i]));
      g_assert_true (vigie_feeds_is_known_format (new_formats[i]));
      g_assert_nonnull (vigie_feeds_get_format_label (new_formats[i]));
    }
  g_assert_true (g_strv_contains (formats, "slack"));
  g_assert_true (g_strv_contains (formats, "statuspage"));

  /* large history feeds are polled gently */
  g_assert_cmpuint (vigie_feeds_get_min_interval ("google"), ==, 300);
  g_assert_cmpuint (vigie_feeds_get_min_interval ("atom"), ==, 300);
  g_assert_cmpuint (vigie_feeds_get_min_interval ("slack"), ==, 60);
  g_assert_false (vigie_feeds_is_known_format ("microsoft-portal"));
}

/* Empty, HTML and error bodies, for every new format */
static void
test_detect_not_feeds (void)
{
  g_autoptr(GBytes) empty = g_bytes_new (NULL, 0);
  g_autoptr(GBytes) html = vigie_test_load_fixture ("hostile/html-page.html");
  static const char * const not_feeds[] = {
    "null", "42", "\"str\"", "{}", "true", "[{\"status\":\"ok\"}]", "{\"data\":[]}",
    "{\"message\":\"Not Found\",\"documentation_url\":\"https://example.com\"}",
  };

  for (guint i = 0; i < G_N_ELEMENTS (new_formats); i++)
    {
      g_test_message ("%s", new_formats[i]);
      assert_parse_error (new_formats[i], empty, VIGIE_FEED_ERROR_EMPTY, "empty response");
      assert_parse_error (new_formats[i], html, VIGIE_FEED_ERROR_HTML, "html page instead of a feed");

      for (guint j = 0; j < G_N_ELEMENTS (not_feeds); j++)
        {
          g_autoptr(GBytes) body = g_bytes_new (not_feeds[j], strlen (not_feeds[j]));
          g_autoptr(GError) error = parse_error_at (new_formats[i], body, NOW);

          g_assert_true (error->code == VIGIE_FEED_ERROR_WRONG_FORMAT
                         || error->code == VIGIE_FEED_ERROR_NOT_XML);
        }
    }

  for (guint j = 0; j < G_N_ELEMENTS (not_feeds); j++)
    assert_text_error (NULL, not_feeds[j], VIGIE_FEED_ERROR_UNKNOWN_FORMAT, "unrecognised feed format");
}

/* Long and hostile text stays bounded and plain */
static void
test_hostile_text (void)
{
  g_autoptr(GString) long_text = g_string_new (NULL);
  g_autofree char *google = NULL;
  g_autofree char *microsoft = NULL;
  g_autoptr(VigieSnapshot) from_google = NULL;
  g_autoptr(VigieSnapshot) from_microsoft = NULL;

  for (guint i = 0; i < 20000; i++)
    g_string_append (long_text, "abc \\u202e\\u0007 ");

  google = g_strdup_printf ("[{\"id\":\"%s\",\"begin\":\"2026-11-29T01:00:00+00:00\",\"external_desc\":\"%s\","
                            "\"status_impact\":\"SERVICE_OUTAGE\",\"most_recent_update\":{\"text\":\"%s\"},"
                            "\"affected_products\":[{\"title\":\"%s\"}]}]",
                            long_text->str, long_text->str, long_text->str, long_text->str);
  from_google = parse_text (NULL, google);
  vigie_test_assert_severity (from_google, VIGIE_SEVERITY_CRITICAL);

  microsoft = g_strdup_printf ("[{\"ServiceDisplayName\":\"%s\",\"Status\":\"ServiceDegradation\","
                               "\"InternalDateTime\":\"x\",\"Title\":\"%s\",\"Message\":\"<div>%s</div>\"}]",
                               long_text->str, long_text->str, long_text->str);
  from_microsoft = parse_text (NULL, microsoft);
  vigie_test_assert_severity (from_microsoft, VIGIE_SEVERITY_MINOR);
}

int
main (int   argc,
      char *argv[])
{
  /* Parsing touches no user directory; not isolating them also keeps
   * GLib's per-test XDG allocations (leaked on purpose, and not always
   * matched by tests/lsan.supp with fast unwinding) out of the leak check. */
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/feeds-more/google/open-mixed", test_google_open_mixed);
  g_test_add_func ("/feeds-more/google/severities", test_google_severities);
  g_test_add_func ("/feeds-more/google/open-rules", test_google_open_rules);
  g_test_add_func ("/feeds-more/google/healthy", test_google_healthy);
  g_test_add_func ("/feeds-more/google/unknown", test_google_unknown);
  g_test_add_func ("/feeds-more/google/wrong-types", test_google_wrong_types);
  g_test_add_func ("/feeds-more/google/not-google", test_google_not_google);
  g_test_add_func ("/feeds-more/google/real-cloud", test_google_real_cloud);
  g_test_add_func ("/feeds-more/google/real-workspace", test_google_real_workspace);

  g_test_add_func ("/feeds-more/microsoft/consumer-ok", test_microsoft_consumer_ok);
  g_test_add_func ("/feeds-more/microsoft/consumer-trouble", test_microsoft_consumer_trouble);
  g_test_add_func ("/feeds-more/microsoft/statuses", test_microsoft_statuses);
  g_test_add_func ("/feeds-more/microsoft/unknown", test_microsoft_unknown);
  g_test_add_func ("/feeds-more/microsoft/admin-post", test_microsoft_admin_post);
  g_test_add_func ("/feeds-more/microsoft/portal", test_microsoft_portal);
  g_test_add_func ("/feeds-more/microsoft/wrong-shapes", test_microsoft_wrong_shapes);
  g_test_add_func ("/feeds-more/microsoft/real", test_microsoft_real);

  g_test_add_func ("/feeds-more/instatus/up", test_instatus_up);
  g_test_add_func ("/feeds-more/instatus/issues", test_instatus_issues);
  g_test_add_func ("/feeds-more/instatus/page-statuses", test_instatus_page_statuses);
  g_test_add_func ("/feeds-more/instatus/components", test_instatus_components);
  g_test_add_func ("/feeds-more/instatus/maintenance", test_instatus_maintenance);
  g_test_add_func ("/feeds-more/instatus/dates", test_instatus_dates);
  g_test_add_func ("/feeds-more/instatus/wrong-types", test_instatus_wrong_types);
  g_test_add_func ("/feeds-more/instatus/not-instatus", test_instatus_not_instatus);
  g_test_add_func ("/feeds-more/instatus/real", test_instatus_real);

  g_test_add_func ("/feeds-more/statusio/operational", test_statusio_operational);
  g_test_add_func ("/feeds-more/statusio/codes", test_statusio_codes);
  g_test_add_func ("/feeds-more/statusio/incident", test_statusio_incident);
  g_test_add_func ("/feeds-more/statusio/maintenance", test_statusio_maintenance);
  g_test_add_func ("/feeds-more/statusio/wrong-types", test_statusio_wrong_types);
  g_test_add_func ("/feeds-more/statusio/not-statusio", test_statusio_not_statusio);
  g_test_add_func ("/feeds-more/statusio/real", test_statusio_real);

  g_test_add_func ("/feeds-more/webex/healthy", test_webex_healthy);
  g_test_add_func ("/feeds-more/webex/maintenance", test_webex_maintenance);
  g_test_add_func ("/feeds-more/webex/incident", test_webex_incident);
  g_test_add_func ("/feeds-more/webex/impacts", test_webex_impacts);
  g_test_add_func ("/feeds-more/webex/components", test_webex_components);
  g_test_add_func ("/feeds-more/webex/unknown", test_webex_unknown);
  g_test_add_func ("/feeds-more/webex/wrong-types", test_webex_wrong_types);
  g_test_add_func ("/feeds-more/webex/not-webex", test_webex_not_webex);
  g_test_add_func ("/feeds-more/webex/real", test_webex_real);

  g_test_add_func ("/feeds-more/atom/open-incident", test_atom_open_incident);
  g_test_add_func ("/feeds-more/atom/healthy", test_atom_healthy);
  g_test_add_func ("/feeds-more/atom/leading-comment", test_atom_leading_comment);
  g_test_add_func ("/feeds-more/atom/maintenance", test_atom_maintenance);
  g_test_add_func ("/feeds-more/atom/labels", test_atom_labels);
  g_test_add_func ("/feeds-more/atom/unknown", test_atom_unknown);
  g_test_add_func ("/feeds-more/atom/new-year", test_atom_new_year);
  g_test_add_func ("/feeds-more/atom/rss", test_atom_rss);
  g_test_add_func ("/feeds-more/atom/not-atom", test_atom_not_atom);
  g_test_add_func ("/feeds-more/atom/wrong-types", test_atom_wrong_types);
  g_test_add_func ("/feeds-more/atom/hostile", test_atom_hostile);
  g_test_add_func ("/feeds-more/atom/large", test_atom_large);
  g_test_add_func ("/feeds-more/atom/real", test_atom_real);

  g_test_add_func ("/feeds-more/detect/shared", test_detect_shared);
  g_test_add_func ("/feeds-more/detect/project", test_detect_project);
  g_test_add_func ("/feeds-more/detect/registry", test_detect_registry);
  g_test_add_func ("/feeds-more/detect/not-feeds", test_detect_not_feeds);
  g_test_add_func ("/feeds-more/hostile/text", test_hostile_text);

  return g_test_run ();
}
