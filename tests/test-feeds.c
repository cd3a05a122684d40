/* test-feeds.c: feed parsing, format detection and hostile input
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

/* Helpers */

/* The moment every test judges maintenance windows by, unless it says. */
static GDateTime *
default_now (void)
{
  return vigie_test_time_at ("2026-11-29T02:30:00Z");
}

static void
assert_time (GDateTime  *when,
             const char *expected)
{
  g_autoptr(GDateTime) wanted = vigie_test_time_at (expected);

  g_assert_nonnull (when);
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
         || c == 0x200e || c == 0x200f || c == 0xfeff || c == 0x061c;
}

/* Every string of a snapshot is shown to users: valid UTF-8, no control or
 * bidi characters, bounded. */
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

  /* the limit, plus the ellipsis that marks a cut */
  if (g_utf8_strlen (text, -1) > (glong) max_chars + 1)
    g_error ("%s is longer than %" G_GSIZE_FORMAT " characters", what, max_chars);
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
  GPtrArray *incidents = vigie_snapshot_get_incidents (snapshot);
  GPtrArray *maintenances = vigie_snapshot_get_maintenances (snapshot);
  GPtrArray *resolved = vigie_snapshot_get_resolved (snapshot);
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

  g_assert_cmpuint (incidents->len, <=, VIGIE_MAX_INCIDENTS);
  for (guint i = 0; i < incidents->len; i++)
    assert_clean_incident (g_ptr_array_index (incidents, i));

  g_assert_cmpuint (maintenances->len, <=, VIGIE_MAX_INCIDENTS);
  for (guint i = 0; i < maintenances->len; i++)
    {
      const VigieIncident *maintenance = g_ptr_array_index (maintenances, i);

      assert_clean_incident (maintenance);
      g_assert_cmpint (maintenance->severity, ==, VIGIE_SEVERITY_MAINTENANCE);
    }

  g_assert_cmpuint (resolved->len, <=, VIGIE_MAX_INCIDENTS);
  for (guint i = 0; i < resolved->len; i++)
    assert_clean_incident (g_ptr_array_index (resolved, i));
}

static VigieSnapshot *
parse_bytes_at (const char *format,
                GBytes     *body,
                GDateTime  *now)
{
  g_autoptr(GError) error = NULL;
  VigieSnapshot *snapshot = vigie_feeds_parse (format, body, now, &error);

  g_assert_no_error (error);
  g_assert_nonnull (snapshot);
  assert_clean_snapshot (snapshot);

  return snapshot;
}

static VigieSnapshot *
parse_bytes (const char *format,
             GBytes     *body)
{
  g_autoptr(GDateTime) now = default_now ();

  return parse_bytes_at (format, body, now);
}

/* A project fixture, format detected */
static VigieSnapshot *
parse_fixture_at (const char *path,
                  GDateTime  *now)
{
  g_autoptr(GBytes) body = vigie_test_load_fixture (path);

  return parse_bytes_at (NULL, body, now);
}

static VigieSnapshot *
parse_fixture (const char *path)
{
  g_autoptr(GDateTime) now = default_now ();

  return parse_fixture_at (path, now);
}

static VigieSnapshot *
parse_json (const char *format,
            const char *json)
{
  g_autoptr(GBytes) body = g_bytes_new (json, strlen (json));

  return parse_bytes (format, body);
}

static void
assert_parse_error (const char *format,
                    GBytes     *body,
                    int         code,
                    const char *message)
{
  g_autoptr(GDateTime) now = default_now ();
  g_autoptr(GError) error = NULL;
  g_autoptr(VigieSnapshot) snapshot = vigie_feeds_parse (format, body, now, &error);

  g_assert_null (snapshot);
  g_assert_error (error, VIGIE_FEED_ERROR, code);
  if (message != NULL)
    g_assert_cmpstr (error->message, ==, message);
}

static void
assert_json_error (const char *format,
                   const char *json,
                   int         code,
                   const char *message)
{
  g_autoptr(GBytes) body = g_bytes_new (json, strlen (json));

  assert_parse_error (format, body, code, message);
}

static const VigieIncident *
incident_at (VigieSnapshot *snapshot,
             guint          index)
{
  GPtrArray *incidents = vigie_snapshot_get_incidents (snapshot);

  g_assert_cmpuint (index, <, incidents->len);
  return g_ptr_array_index (incidents, index);
}

static const VigieIncident *
maintenance_at (VigieSnapshot *snapshot,
                guint          index)
{
  GPtrArray *maintenances = vigie_snapshot_get_maintenances (snapshot);

  g_assert_cmpuint (index, <, maintenances->len);
  return g_ptr_array_index (maintenances, index);
}

static guint
n_incidents (VigieSnapshot *snapshot)
{
  return vigie_snapshot_get_incidents (snapshot)->len;
}

static guint
n_maintenances (VigieSnapshot *snapshot)
{
  return vigie_snapshot_get_maintenances (snapshot)->len;
}

static guint
n_components (VigieSnapshot *snapshot)
{
  return vigie_snapshot_get_components (snapshot)->len;
}

/* Statuspage */

static const char statuspage_page[] =
  "\"page\": {\"id\": \"t3ss3l4t3pg1\", \"name\": \"Tesselate\", "
  "\"url\": \"https://status.tesselate.example\"}";

static void
test_statuspage_indicator_none (void)
{
  g_autoptr(VigieSnapshot) snapshot = parse_fixture ("statuspage/summary-none.json");

  g_assert_cmpstr (vigie_snapshot_get_format (snapshot), ==, "statuspage");
  vigie_test_assert_severity (snapshot, VIGIE_SEVERITY_OPERATIONAL);
  g_assert_null (vigie_snapshot_get_reason (snapshot));
  g_assert_cmpstr (vigie_snapshot_get_summary (snapshot), ==, "All Systems Operational");
  g_assert_cmpstr (vigie_snapshot_get_page_name (snapshot), ==, "Tesselate");
  g_assert_cmpstr (vigie_snapshot_get_page_url (snapshot), ==, "https://status.tesselate.example");
  g_assert_cmpuint (n_components (snapshot), ==, 2);
  vigie_test_assert_component (snapshot, "Web app", NULL, VIGIE_SEVERITY_OPERATIONAL);
  vigie_test_assert_component (snapshot, "Public API", NULL, VIGIE_SEVERITY_OPERATIONAL);
  g_assert_cmpuint (n_incidents (snapshot), ==, 0);
  g_assert_cmpuint (n_maintenances (snapshot), ==, 0);
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
      snapshot = parse_json (NULL, json);
      vigie_test_assert_severity (snapshot, cases[i].severity);
      g_assert_cmpstr (vigie_snapshot_get_summary (snapshot), ==, "Described");
    }
}

static void
test_statuspage_indicator_major (void)
{
  g_autoptr(VigieSnapshot) snapshot = parse_fixture ("statuspage/summary-major.json");
  const VigieIncident *incident;

  vigie_test_assert_severity (snapshot, VIGIE_SEVERITY_MAJOR);
  g_assert_cmpstr (vigie_snapshot_get_summary (snapshot), ==, "Partial System Outage");
  /* the trailing slash of the page's url goes */
  g_assert_cmpstr (vigie_snapshot_get_page_url (snapshot), ==, "https://status.tesselate.example");
  g_assert_cmpuint (n_components (snapshot), ==, 3);
  vigie_test_assert_component (snapshot, "Web app", NULL, VIGIE_SEVERITY_MAJOR);
  vigie_test_assert_component (snapshot, "Public API", NULL, VIGIE_SEVERITY_MINOR);
  vigie_test_assert_component (snapshot, "Webhooks", NULL, VIGIE_SEVERITY_OPERATIONAL);

  g_assert_cmpuint (n_incidents (snapshot), ==, 1);
  incident = incident_at (snapshot, 0);
  g_assert_cmpstr (incident->id, ==, "inc0major0001");
  g_assert_cmpstr (incident->title, ==, "Documents fail to load for some users");
  g_assert_cmpstr (incident->status, ==, "identified");
  vigie_test_assert_incident_severity (incident, VIGIE_SEVERITY_MAJOR);
  g_assert_cmpstr (incident->url, ==, "https://stspg.io/t3ss3l4");
  assert_time (incident->started_at, "2026-11-28T13:58:40.014Z");
  assert_time (incident->updated_at, "2026-11-28T14:32:09.498Z");
  g_assert_cmpstr (incident->latest_update, ==, "We found a faulty cache node and are replacing it.");
  vigie_test_assert_incident_components (incident, "Web app;Public API");
  g_assert_true (vigie_snapshot_find_incident (snapshot, "inc0major0001") == incident);
  g_assert_null (vigie_snapshot_find_incident (snapshot, "nope"));
  g_assert_cmpint (vigie_snapshot_get_worst_incident_severity (snapshot), ==, VIGIE_SEVERITY_MAJOR);
}

static void
test_statuspage_indicator_critical (void)
{
  g_autoptr(VigieSnapshot) snapshot = parse_fixture ("statuspage/summary-critical.json");
  const VigieIncident *incident;

  vigie_test_assert_severity (snapshot, VIGIE_SEVERITY_CRITICAL);
  vigie_test_assert_component (snapshot, "Web app", NULL, VIGIE_SEVERITY_CRITICAL);
  vigie_test_assert_component (snapshot, "Public API", NULL, VIGIE_SEVERITY_CRITICAL);
  g_assert_cmpuint (n_incidents (snapshot), ==, 1);
  incident = incident_at (snapshot, 0);
  g_assert_cmpstr (incident->title, ==, "Tesselate is unavailable");
  g_assert_cmpstr (incident->status, ==, "investigating");
  vigie_test_assert_incident_severity (incident, VIGIE_SEVERITY_CRITICAL);
  g_assert_cmpstr (incident->latest_update, ==, "All regions are affected. We are investigating.");
  /* no updated_at of its own on the update: the incident's */
  assert_time (incident->updated_at, "2026-11-28T15:01:00Z");
}

static void
test_statuspage_indicator_maintenance (void)
{
  g_autoptr(VigieSnapshot) snapshot = parse_fixture ("statuspage/summary-maintenance.json");
  const VigieIncident *maintenance;

  vigie_test_assert_severity (snapshot, VIGIE_SEVERITY_MAINTENANCE);
  g_assert_cmpstr (vigie_snapshot_get_summary (snapshot), ==, "Service Under Maintenance");
  vigie_test_assert_component (snapshot, "Web app", NULL, VIGIE_SEVERITY_OPERATIONAL);
  vigie_test_assert_component (snapshot, "Search", NULL, VIGIE_SEVERITY_MAINTENANCE);
  g_assert_cmpuint (n_incidents (snapshot), ==, 0);
  g_assert_cmpuint (n_maintenances (snapshot), ==, 1);

  maintenance = maintenance_at (snapshot, 0);
  g_assert_cmpstr (maintenance->id, ==, "mnt0search001");
  g_assert_cmpstr (maintenance->title, ==, "Search index migration");
  g_assert_cmpstr (maintenance->status, ==, "in_progress");
  vigie_test_assert_incident_severity (maintenance, VIGIE_SEVERITY_MAINTENANCE);
  assert_time (maintenance->scheduled_for, "2026-11-29T02:00:00Z");
  assert_time (maintenance->scheduled_until, "2026-11-29T04:00:00Z");
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
      snapshot = parse_json (NULL, json);
      g_assert_cmpuint (n_components (snapshot), ==, 2);
      vigie_test_assert_component (snapshot, "Healthy", NULL, VIGIE_SEVERITY_OPERATIONAL);
      vigie_test_assert_component (snapshot, "Tested", NULL, cases[i].severity);
      vigie_test_assert_severity (snapshot, cases[i].severity);
    }
}

static void
test_statuspage_groups (void)
{
  g_autoptr(VigieSnapshot) snapshot = parse_fixture ("statuspage/components-groups.json");

  /* group rows only summarise their members: they are not components */
  g_assert_cmpuint (n_components (snapshot), ==, 6);
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
  g_assert_cmpuint (n_incidents (snapshot), ==, 0);
}

static void
test_statuspage_unknown_indicator (void)
{
  g_autoptr(VigieSnapshot) snapshot = parse_fixture ("statuspage/unknown-indicator.json");

  vigie_test_assert_severity (snapshot, VIGIE_SEVERITY_UNKNOWN);
  g_assert_cmpstr (vigie_snapshot_get_reason (snapshot), ==, "unknown indicator \"degraded\"");
  /* the components are still there to see */
  g_assert_cmpuint (n_components (snapshot), ==, 2);
}

static void
test_statuspage_unknown_indicator_outage (void)
{
  g_autoptr(VigieSnapshot) snapshot = parse_fixture ("statuspage/unknown-indicator-outage.json");

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
      snapshot = parse_json (NULL, json);
      g_assert_cmpstr (vigie_snapshot_get_format (snapshot), ==, "statuspage");
      vigie_test_assert_severity (snapshot, cases[i].severity);
      g_assert_cmpuint (n_incidents (snapshot), ==, cases[i].n_incidents);
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
      assert_json_error (NULL, cases[i], VIGIE_FEED_ERROR_UNKNOWN_FORMAT, "unrecognised feed format");
      assert_json_error ("statuspage", cases[i], VIGIE_FEED_ERROR_WRONG_FORMAT, "not a statuspage feed");
    }
}

static void
test_statuspage_impact_above_indicator (void)
{
  g_autoptr(VigieSnapshot) snapshot = parse_fixture ("statuspage/impact-above-indicator.json");
  const VigieIncident *incident;

  /* the page's verdict makes the state; the incident's impact is detail */
  vigie_test_assert_severity (snapshot, VIGIE_SEVERITY_MINOR);
  g_assert_cmpuint (n_incidents (snapshot), ==, 1);
  incident = incident_at (snapshot, 0);
  vigie_test_assert_incident_severity (incident, VIGIE_SEVERITY_MAJOR);
  g_assert_cmpstr (incident->status, ==, "monitoring");
  g_assert_cmpint (vigie_snapshot_get_worst_incident_severity (snapshot), ==, VIGIE_SEVERITY_MAJOR);
  vigie_test_assert_incident_components (incident, "Public API");
}

/* Updates are listed in no promised order: the newest by time is shown. */
static void
test_statuspage_newest_update (void)
{
  g_autoptr(VigieSnapshot) snapshot = parse_fixture ("statuspage/impact-above-indicator.json");
  g_autoptr(VigieSnapshot) inline_snapshot = NULL;
  const VigieIncident *incident = incident_at (snapshot, 0);
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
  inline_snapshot = parse_json (NULL, json);
  g_assert_cmpstr (incident_at (inline_snapshot, 0)->latest_update, ==, "newest");
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
  g_autoptr(VigieSnapshot) snapshot = parse_json (NULL, json);

  vigie_test_assert_severity (snapshot, VIGIE_SEVERITY_MINOR);
  g_assert_cmpuint (n_incidents (snapshot), ==, 3);
  g_assert_cmpstr (incident_at (snapshot, 0)->title, ==, "String");
  g_assert_cmpstr (incident_at (snapshot, 2)->title, ==, "Array");
}

/* incident.io serves the summary without "incidents" and
 * "scheduled_maintenances", with ULIDs and fewer component fields. */
static void
test_statuspage_incidentio (void)
{
  g_autoptr(VigieSnapshot) snapshot = parse_fixture ("statuspage/incidentio-summary.json");

  g_assert_cmpstr (vigie_snapshot_get_format (snapshot), ==, "statuspage");
  vigie_test_assert_severity (snapshot, VIGIE_SEVERITY_OPERATIONAL);
  g_assert_cmpstr (vigie_snapshot_get_page_name (snapshot), ==, "Ferrule");
  g_assert_cmpstr (vigie_snapshot_get_page_url (snapshot), ==, "https://status.ferrule.example");
  g_assert_cmpuint (n_components (snapshot), ==, 3);
  vigie_test_assert_component (snapshot, "Ingestion API", NULL, VIGIE_SEVERITY_OPERATIONAL);
  g_assert_cmpuint (n_incidents (snapshot), ==, 0);
  g_assert_cmpuint (n_maintenances (snapshot), ==, 0);
}

static void
test_statuspage_maintenance_in_progress (void)
{
  g_autoptr(VigieSnapshot) snapshot = parse_fixture ("statuspage/maintenance-in-progress.json");
  const VigieIncident *maintenance;

  /* the page did not flip its indicator, the maintenance is running */
  vigie_test_assert_severity (snapshot, VIGIE_SEVERITY_MAINTENANCE);
  g_assert_cmpuint (n_incidents (snapshot), ==, 0);
  /* the completed one is history */
  g_assert_cmpuint (n_maintenances (snapshot), ==, 1);
  maintenance = maintenance_at (snapshot, 0);
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
      snapshot = parse_fixture_at ("statuspage/maintenance-window.json", now);
      vigie_test_assert_severity (snapshot, cases[i].severity);
      /* announced or running, it is listed */
      g_assert_cmpuint (n_maintenances (snapshot), ==, 1);
      maintenance = maintenance_at (snapshot, 0);
      g_assert_cmpstr (maintenance->status, ==, "scheduled");
      assert_time (maintenance->scheduled_for, "2026-12-01T01:00:00Z");
      assert_time (maintenance->scheduled_until, "2026-12-01T03:00:00Z");
      g_assert_cmpstr (maintenance->latest_update, ==,
                       "Attachments will be read-only for up to two hours.");
    }
}

/* incidents.json lists history: resolved and post-mortem ones are skipped */
static void
test_statuspage_incidents_resolved (void)
{
  g_autoptr(VigieSnapshot) snapshot = parse_fixture ("statuspage/incidents-history.json");
  const VigieIncident *incident;

  g_assert_cmpuint (n_incidents (snapshot), ==, 1);
  incident = incident_at (snapshot, 0);
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
  g_autoptr(VigieSnapshot) snapshot = parse_fixture ("statuspage/links.json");

  g_assert_cmpuint (n_incidents (snapshot), ==, 4);
  /* an old http short link is upgraded */
  g_assert_cmpstr (incident_at (snapshot, 0)->url, ==, "https://stspg.io/t3old01");
  /* a script or file link is dropped, the page's own link is used */
  g_assert_cmpstr (incident_at (snapshot, 1)->url, ==,
                   "https://status.tesselate.example/incidents/inc0link00002");
  g_assert_cmpstr (incident_at (snapshot, 2)->url, ==,
                   "https://status.tesselate.example/incidents/inc0link00003");
  g_assert_cmpstr (incident_at (snapshot, 3)->url, ==,
                   "https://status.tesselate.example/incidents/inc0link00004");
}

static void
test_statuspage_links_no_page (void)
{
  static const char json[] =
    "{\"page\": {\"name\": \"X\", \"url\": \"javascript:alert(1)\"}, \"status\": {\"indicator\": \"minor\"},"
    " \"incidents\": [{\"id\": \"a/../b?c#d e\", \"name\": \"Odd id\", \"status\": \"investigating\","
    " \"impact\": \"minor\", \"shortlink\": \"data:text/html,x\"}]}";
  g_autoptr(VigieSnapshot) snapshot = parse_json (NULL, json);

  g_assert_null (vigie_snapshot_get_page_url (snapshot));
  g_assert_null (incident_at (snapshot, 0)->url);
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
  snapshot = parse_bytes (NULL, body);
  vigie_test_assert_severity (snapshot, VIGIE_SEVERITY_MAJOR);
  g_assert_cmpuint (n_components (snapshot), ==, VIGIE_MAX_COMPONENTS);
  g_assert_cmpuint (n_incidents (snapshot), ==, VIGIE_MAX_INCIDENTS);
  g_assert_cmpuint (n_maintenances (snapshot), ==, VIGIE_MAX_INCIDENTS);
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
  snapshot = parse_bytes (NULL, body);
  g_assert_cmpfloat (g_timer_elapsed (timer, NULL), <, vigie_test_time_limit (20.0));

  /* every row counts for the state, even those past the kept limit */
  vigie_test_assert_severity (snapshot, VIGIE_SEVERITY_MAJOR);
  g_assert_cmpuint (n_components (snapshot), ==, VIGIE_MAX_COMPONENTS);
  vigie_test_assert_component (snapshot, "C0", "Everything", VIGIE_SEVERITY_OPERATIONAL);
}

/* Slack */

static void
test_slack_ok (void)
{
  g_autoptr(VigieSnapshot) snapshot = parse_fixture ("slack/ok.json");

  g_assert_cmpstr (vigie_snapshot_get_format (snapshot), ==, "slack");
  vigie_test_assert_severity (snapshot, VIGIE_SEVERITY_OPERATIONAL);
  g_assert_null (vigie_snapshot_get_reason (snapshot));
  g_assert_cmpstr (vigie_snapshot_get_page_name (snapshot), ==, "Slack");
  g_assert_cmpuint (n_incidents (snapshot), ==, 0);
  g_assert_cmpuint (n_maintenances (snapshot), ==, 0);
}

static void
test_slack_incident (void)
{
  g_autoptr(VigieSnapshot) snapshot = parse_fixture ("slack/incident.json");
  const VigieIncident *incident;

  vigie_test_assert_severity (snapshot, VIGIE_SEVERITY_MINOR);
  g_assert_cmpuint (n_incidents (snapshot), ==, 1);
  incident = incident_at (snapshot, 0);
  /* Slack serves integer ids */
  g_assert_cmpstr (incident->id, ==, "2231");
  g_assert_cmpstr (incident->title, ==, "Messages are slow to send for some users");
  g_assert_cmpstr (incident->status, ==, "active");
  vigie_test_assert_incident_severity (incident, VIGIE_SEVERITY_MINOR);
  /* "https:\/\/slack-status.com\/…" */
  g_assert_cmpstr (incident->url, ==, "https://slack-status.com/2026-11/4b1f0c9e2a7d8e33");
  assert_time (incident->started_at, "2026-11-27T17:05:11Z");
  assert_time (incident->updated_at, "2026-11-27T17:48:02Z");
  vigie_test_assert_incident_components (incident, "Messaging;Notifications");
  g_assert_cmpstr (vigie_snapshot_get_summary (snapshot), ==, "Messages are slow to send for some users");
  g_assert_nonnull (vigie_snapshot_find_incident (snapshot, "2231"));
}

/* Note bodies may be HTML; the newest note (by time, not position) shows */
static void
test_slack_notes_html (void)
{
  g_autoptr(VigieSnapshot) snapshot = parse_fixture ("slack/incident.json");

  g_assert_cmpstr (incident_at (snapshot, 0)->latest_update, ==,
                   "We’ve found the cause & are rolling out a fix.\n\n"
                   "Notifications may arrive late for a while.");
}

static void
test_slack_notice (void)
{
  g_autoptr(VigieSnapshot) snapshot = parse_fixture ("slack/notice.json");
  const VigieIncident *incident;

  vigie_test_assert_severity (snapshot, VIGIE_SEVERITY_MINOR);
  incident = incident_at (snapshot, 0);
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
  g_autoptr(VigieSnapshot) snapshot = parse_fixture ("slack/outage.json");
  g_autofree char *trouble = NULL;

  vigie_test_assert_severity (snapshot, VIGIE_SEVERITY_MAJOR);
  vigie_test_assert_incident_severity (incident_at (snapshot, 0), VIGIE_SEVERITY_MAJOR);
  trouble = vigie_test_describe_trouble (snapshot);
  g_assert_cmpstr (trouble, ==, "Messaging=major;Connectivity=major");
}

/* An outage over most of Slack's features is the whole product down */
static void
test_slack_outage_critical (void)
{
  g_autoptr(VigieSnapshot) snapshot = parse_fixture ("slack/outage-wide.json");
  g_autofree char *trouble = NULL;
  const VigieIncident *incident;

  vigie_test_assert_severity (snapshot, VIGIE_SEVERITY_CRITICAL);
  g_assert_cmpuint (n_incidents (snapshot), ==, 2);
  incident = incident_at (snapshot, 0);
  vigie_test_assert_incident_severity (incident, VIGIE_SEVERITY_CRITICAL);
  /* a service named twice counts once */
  vigie_test_assert_incident_components (incident,
                                         "Login/SSO;Messaging;Connectivity;Files;Notifications;Search");
  g_assert_cmpstr (incident->latest_update, ==,
                   "We have upgraded this to an outage. All hands are on deck.");
  vigie_test_assert_incident_severity (incident_at (snapshot, 1), VIGIE_SEVERITY_MINOR);
  g_assert_null (incident_at (snapshot, 1)->latest_update);
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
      snapshot = parse_json ("slack", json);
      vigie_test_assert_severity (snapshot, cases[i].severity);
    }
}

static void
test_slack_scheduled (void)
{
  g_autoptr(GDateTime) during = vigie_test_time_at ("2026-12-02T06:30:00Z");
  g_autoptr(GDateTime) before = vigie_test_time_at ("2026-12-01T12:00:00Z");
  g_autoptr(VigieSnapshot) snapshot = parse_fixture_at ("slack/scheduled.json", during);
  g_autoptr(VigieSnapshot) early = NULL;
  const VigieIncident *maintenance;

  vigie_test_assert_severity (snapshot, VIGIE_SEVERITY_MAINTENANCE);
  g_assert_cmpuint (n_incidents (snapshot), ==, 0);
  g_assert_cmpuint (n_maintenances (snapshot), ==, 1);
  maintenance = maintenance_at (snapshot, 0);
  g_assert_cmpstr (maintenance->id, ==, "2250");
  g_assert_cmpstr (maintenance->title, ==, "Scheduled maintenance of workspace administration");
  g_assert_cmpstr (maintenance->status, ==, "scheduled");
  assert_time (maintenance->scheduled_for, "2026-12-02T06:00:00Z");
  vigie_test_assert_component (snapshot, "Workspace/Org Administration", NULL,
                               VIGIE_SEVERITY_MAINTENANCE);
  vigie_test_assert_component (snapshot, "Messaging", NULL, VIGIE_SEVERITY_OPERATIONAL);

  /* announced, not begun: nothing is wrong yet */
  early = parse_fixture_at ("slack/scheduled.json", before);
  vigie_test_assert_severity (early, VIGIE_SEVERITY_OPERATIONAL);
  g_assert_cmpuint (n_maintenances (early), ==, 1);
  vigie_test_assert_component (early, "Workspace/Org Administration", NULL,
                               VIGIE_SEVERITY_OPERATIONAL);
}

static void
test_slack_closed_items (void)
{
  g_autoptr(VigieSnapshot) snapshot = parse_fixture ("slack/closed-items.json");
  g_autofree char *trouble = NULL;

  vigie_test_assert_severity (snapshot, VIGIE_SEVERITY_OPERATIONAL);
  g_assert_cmpuint (n_incidents (snapshot), ==, 0);
  g_assert_cmpuint (n_maintenances (snapshot), ==, 0);
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
  g_autoptr(VigieSnapshot) snapshot = parse_json (NULL, json);

  vigie_test_assert_severity (snapshot, VIGIE_SEVERITY_OPERATIONAL);
  g_assert_cmpuint (n_incidents (snapshot), ==, 0);
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
      snapshot = parse_json (NULL, json);
      g_assert_cmpstr (incident_at (snapshot, 0)->id, ==, cases[i].expected);
    }
}

static void
test_slack_unknown_status (void)
{
  g_autoptr(VigieSnapshot) snapshot = parse_fixture ("slack/unknown-status.json");
  g_autoptr(VigieSnapshot) missing = NULL;

  vigie_test_assert_severity (snapshot, VIGIE_SEVERITY_UNKNOWN);
  g_assert_cmpstr (vigie_snapshot_get_reason (snapshot), ==, "unknown status \"broken\"");

  missing = parse_json ("slack", "{\"active_incidents\": []}");
  vigie_test_assert_severity (missing, VIGIE_SEVERITY_UNKNOWN);
  g_assert_cmpstr (vigie_snapshot_get_reason (missing), ==, "no status in feed");
}

static void
test_slack_unknown_type (void)
{
  g_autoptr(VigieSnapshot) snapshot = parse_fixture ("slack/unknown-type.json");

  vigie_test_assert_severity (snapshot, VIGIE_SEVERITY_UNKNOWN);
  g_assert_nonnull (vigie_snapshot_get_reason (snapshot));
  g_assert_cmpuint (n_incidents (snapshot), ==, 1);
  vigie_test_assert_incident_severity (incident_at (snapshot, 0), VIGIE_SEVERITY_UNKNOWN);
  vigie_test_assert_component (snapshot, "Canvases", NULL, VIGIE_SEVERITY_UNKNOWN);
}

static void
test_slack_active_empty (void)
{
  g_autoptr(VigieSnapshot) snapshot = parse_fixture ("slack/active-empty.json");

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
  g_autoptr(VigieSnapshot) ok = parse_fixture ("slack/ok.json");
  g_autoptr(VigieSnapshot) incident = parse_fixture ("slack/incident.json");
  g_autofree char *trouble = NULL;

  g_assert_cmpuint (n_components (ok), ==, G_N_ELEMENTS (documented));
  for (guint i = 0; i < G_N_ELEMENTS (documented); i++)
    {
      const VigieComponent *component = g_ptr_array_index (vigie_snapshot_get_components (ok), i);

      g_assert_cmpstr (component->name, ==, documented[i]);
      g_assert_null (component->group);
      g_assert_cmpint (component->severity, ==, VIGIE_SEVERITY_OPERATIONAL);
    }

  g_assert_cmpuint (n_components (incident), ==, G_N_ELEMENTS (documented));
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
      snapshot = parse_json ("slack", cases[i].json);
      vigie_test_assert_severity (snapshot, cases[i].severity);
      g_assert_cmpuint (n_incidents (snapshot), ==, cases[i].n_incidents);
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
  snapshot = parse_bytes (NULL, body);
  vigie_test_assert_severity (snapshot, VIGIE_SEVERITY_MAJOR);
  g_assert_cmpuint (n_incidents (snapshot), ==, VIGIE_MAX_INCIDENTS);
  /* the worst items were past the limit: the summary names a kept one */
  g_assert_cmpstr (vigie_snapshot_get_summary (snapshot), ==, "Item 0");
  messaging = vigie_test_find_component (snapshot, "Messaging");
  g_assert_true (messaging != NULL && vigie_severity_is_trouble (messaging->severity));
}

/* Detection */

static void
test_detect_formats (void)
{
  static const struct { const char *path; const char *format; } cases[] = {
    { "statuspage/summary-none.json", "statuspage" },
    { "statuspage/components-groups.json", "statuspage" },
    { "statuspage/incidents-history.json", "statuspage" },
    { "statuspage/incidentio-summary.json", "statuspage" },
    { "slack/ok.json", "slack" },
    { "slack/incident.json", "slack" },
    { "slack/active-empty.json", "slack" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GBytes) body = vigie_test_load_fixture (cases[i].path);
      g_autoptr(VigieSnapshot) by_null = NULL;
      g_autoptr(VigieSnapshot) by_auto = NULL;
      g_autoptr(VigieSnapshot) forced = NULL;

      g_test_message ("%s", cases[i].path);
      by_null = parse_bytes (NULL, body);
      by_auto = parse_bytes (VIGIE_FEED_FORMAT_AUTO, body);
      forced = parse_bytes (cases[i].format, body);
      g_assert_cmpstr (vigie_snapshot_get_format (by_null), ==, cases[i].format);
      g_assert_cmpstr (vigie_snapshot_get_format (by_auto), ==, cases[i].format);
      g_assert_cmpstr (vigie_snapshot_get_format (forced), ==, cases[i].format);
      g_assert_cmpint (vigie_snapshot_get_severity (by_null), ==, vigie_snapshot_get_severity (forced));
    }

  /* the terse "all clear" without a list */
  {
    g_autoptr(VigieSnapshot) terse = parse_json (NULL, "{\"status\":\"ok\",\"date_updated\":\"2026-11-28T06:00:12-08:00\"}");

    g_assert_cmpstr (vigie_snapshot_get_format (terse), ==, "slack");
    vigie_test_assert_severity (terse, VIGIE_SEVERITY_OPERATIONAL);
  }
}

static void
test_detect_registry (void)
{
  const char * const *formats = vigie_feeds_list_formats ();

  g_assert_true (g_strv_contains (formats, "slack"));
  g_assert_true (g_strv_contains (formats, "statuspage"));
  g_assert_true (vigie_feeds_is_known_format ("slack"));
  g_assert_false (vigie_feeds_is_known_format ("auto"));
  g_assert_false (vigie_feeds_is_known_format (NULL));
  g_assert_cmpstr (vigie_feeds_get_format_label ("slack"), ==, "Slack");
  g_assert_cmpuint (vigie_feeds_get_min_interval ("slack"), ==, 60);
  g_assert_cmpuint (vigie_feeds_get_min_interval ("nope"), ==, 0);
}

static void
test_detect_html (void)
{
  g_autoptr(GBytes) page = vigie_test_load_fixture ("hostile/html-page.html");
  static const char * const formats[] = { NULL, "auto", "slack", "statuspage" };
  static const char * const others[] = {
    "<html><body>Service unavailable</body></html>",
    "\xef\xbb\xbf  <!doctype html><title>x</title>",
    "<HEAD><TITLE>Captive portal</TITLE></HEAD>",
    "<!-- maintenance -->",
    "\r\n\t<body>",
  };

  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    assert_parse_error (formats[i], page, VIGIE_FEED_ERROR_HTML, "html page instead of a feed");

  for (guint i = 0; i < G_N_ELEMENTS (others); i++)
    {
      g_autofree char *shown = g_strescape (others[i], NULL);

      g_test_message ("%s", shown);
      assert_json_error (NULL, others[i], VIGIE_FEED_ERROR_HTML, "html page instead of a feed");
    }
}

static void
test_detect_empty (void)
{
  g_autoptr(GBytes) empty = g_bytes_new (NULL, 0);

  assert_parse_error (NULL, empty, VIGIE_FEED_ERROR_EMPTY, "empty response");
  assert_parse_error ("slack", empty, VIGIE_FEED_ERROR_EMPTY, "empty response");
  assert_json_error (NULL, " \r\n\t ", VIGIE_FEED_ERROR_EMPTY, "empty response");
  assert_json_error ("statuspage", "\xef\xbb\xbf\n", VIGIE_FEED_ERROR_EMPTY, "empty response");
}

static void
test_detect_not_feeds (void)
{
  static const char * const cases[] = {
    "null", "[]", "42", "\"str\"", "{}", "true", "[{\"status\":\"ok\"}]", "{\"status\":\"ok\"}",
    "{\"data\":[]}",
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_test_message ("%s", cases[i]);
      assert_json_error (NULL, cases[i], VIGIE_FEED_ERROR_UNKNOWN_FORMAT, "unrecognised feed format");
      assert_json_error ("auto", cases[i], VIGIE_FEED_ERROR_UNKNOWN_FORMAT, "unrecognised feed format");
      assert_json_error ("slack", cases[i], VIGIE_FEED_ERROR_WRONG_FORMAT, "not a slack feed");
      assert_json_error ("statuspage", cases[i], VIGIE_FEED_ERROR_WRONG_FORMAT, "not a statuspage feed");
    }
}

static void
test_detect_wrong_format (void)
{
  g_autoptr(GBytes) statuspage = vigie_test_load_fixture ("statuspage/summary-major.json");
  static const char status_only_json[] =
    "{\"page\":{\"name\":\"X\"},\"status\":{\"indicator\":\"none\"}}";
  g_autoptr(GBytes) status_only = g_bytes_new_static (status_only_json, sizeof status_only_json - 1);
  g_autoptr(GBytes) slack = vigie_test_load_fixture ("slack/outage.json");

  assert_parse_error ("slack", statuspage, VIGIE_FEED_ERROR_WRONG_FORMAT, "not a slack feed");
  assert_parse_error ("slack", status_only, VIGIE_FEED_ERROR_WRONG_FORMAT, "not a slack feed");
  assert_parse_error ("statuspage", slack, VIGIE_FEED_ERROR_WRONG_FORMAT, "not a statuspage feed");
  assert_parse_error ("bogus", slack, VIGIE_FEED_ERROR_UNKNOWN_FORMAT, "unsupported format \"bogus\"");
}

static void
test_detect_not_json (void)
{
  static const char * const cases[] = {
    "{\"status\":", "status=ok", "{\"a\":1}}", "[1,]", "\x80\x81",
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *shown = g_strescape (cases[i], NULL);

      g_test_message ("%s", shown);
      assert_json_error (NULL, cases[i], VIGIE_FEED_ERROR_NOT_JSON, "not json");
      assert_json_error ("slack", cases[i], VIGIE_FEED_ERROR_NOT_JSON, "not json");
    }

  /* XML is no JSON format's business */
  assert_json_error ("slack", "<?xml version=\"1.0\"?><rss/>", VIGIE_FEED_ERROR_NOT_JSON, "not json");
  assert_json_error ("statuspage", "<?xml version=\"1.0\"?><feed/>", VIGIE_FEED_ERROR_NOT_JSON, "not json");
}

/* Hostile structure */

static GBytes *
repeat_bytes (const char *prefix,
              const char *unit,
              guint       count,
              const char *suffix)
{
  g_autoptr(GString) out = g_string_new (prefix);

  for (guint i = 0; i < count; i++)
    g_string_append (out, unit);
  g_string_append (out, suffix);

  return g_string_free_to_bytes (g_steal_pointer (&out));
}

static void
test_hostile_deep_nesting (void)
{
  g_autoptr(GBytes) arrays = repeat_bytes ("", "[", 100000, "");
  g_autoptr(GBytes) closed = NULL;
  g_autoptr(GBytes) objects = repeat_bytes ("", "{\"a\":", 100000, "");
  g_autoptr(GBytes) inside = NULL;
  g_autoptr(GBytes) in_string = NULL;
  g_autoptr(GBytes) deepest = NULL;
  g_autoptr(GBytes) too_deep = NULL;
  g_autoptr(VigieSnapshot) snapshot = NULL;
  g_autoptr(VigieSnapshot) deep_ok = NULL;
  g_autoptr(GString) balanced = g_string_new (NULL);

  assert_parse_error (NULL, arrays, VIGIE_FEED_ERROR_TOO_DEEP, "json nested too deeply");
  assert_parse_error ("slack", arrays, VIGIE_FEED_ERROR_TOO_DEEP, "json nested too deeply");
  assert_parse_error ("statuspage", objects, VIGIE_FEED_ERROR_TOO_DEEP, "json nested too deeply");

  for (guint i = 0; i < 100000; i++)
    g_string_append_c (balanced, '[');
  for (guint i = 0; i < 100000; i++)
    g_string_append_c (balanced, ']');
  closed = g_string_free_to_bytes (g_steal_pointer (&balanced));
  assert_parse_error (NULL, closed, VIGIE_FEED_ERROR_TOO_DEEP, "json nested too deeply");

  /* deep inside a real-looking feed */
  inside = repeat_bytes ("{\"status\":\"ok\",\"active_incidents\":[],\"x\":", "[", 100000, "");
  assert_parse_error (NULL, inside, VIGIE_FEED_ERROR_TOO_DEEP, NULL);

  /* brackets inside a string are text */
  in_string = repeat_bytes ("{\"status\":\"ok\",\"date_updated\":\"2026-11-28T06:00:12-08:00\","
                            "\"active_incidents\":[],\"x\":\"", "[\\\"{", 50000, "\"}");
  snapshot = parse_bytes (NULL, in_string);
  vigie_test_assert_severity (snapshot, VIGIE_SEVERITY_OPERATIONAL);

  /* the limit itself: 64 levels pass, 65 do not */
  deepest = repeat_bytes ("{\"status\":\"ok\",\"active_incidents\":[],\"x\":", "[",
                          VIGIE_MAX_JSON_DEPTH - 1, "");
  {
    g_autoptr(GString) text = g_string_new_len (g_bytes_get_data (deepest, NULL), g_bytes_get_size (deepest));
    g_autoptr(GBytes) body = NULL;

    for (guint i = 0; i < VIGIE_MAX_JSON_DEPTH - 1; i++)
      g_string_append_c (text, ']');
    g_string_append_c (text, '}');
    body = g_string_free_to_bytes (g_steal_pointer (&text));
    deep_ok = parse_bytes (NULL, body);
    vigie_test_assert_severity (deep_ok, VIGIE_SEVERITY_OPERATIONAL);
  }
  too_deep = repeat_bytes ("{\"status\":\"ok\",\"active_incidents\":[],\"x\":", "[",
                           VIGIE_MAX_JSON_DEPTH, "");
  assert_parse_error (NULL, too_deep, VIGIE_FEED_ERROR_TOO_DEEP, NULL);
}

static void
test_hostile_flat_array (void)
{
  g_autoptr(GBytes) flat = repeat_bytes ("[", "0,", VIGIE_MAX_JSON_VALUES + 10, "0]");
  g_autoptr(GBytes) padded = repeat_bytes ("{\"status\":\"ok\",\"active_incidents\":[],\"padding\":[",
                                           "{},", VIGIE_MAX_JSON_VALUES, "{}]}");
  g_autoptr(GBytes) within = repeat_bytes ("{\"status\":\"ok\",\"active_incidents\":[],\"padding\":[",
                                           "0,", 100000, "0]}");
  g_autoptr(VigieSnapshot) snapshot = NULL;

  assert_parse_error (NULL, flat, VIGIE_FEED_ERROR_TOO_COMPLEX, "json too complex");
  assert_parse_error ("slack", padded, VIGIE_FEED_ERROR_TOO_COMPLEX, "json too complex");

  snapshot = parse_bytes (NULL, within);
  vigie_test_assert_severity (snapshot, VIGIE_SEVERITY_OPERATIONAL);
}

static void
test_hostile_invalid_utf8 (void)
{
  g_autoptr(VigieSnapshot) snapshot = parse_fixture ("hostile/invalid-utf8.json");
  const VigieIncident *incident;

  /* one bad byte does not lose the whole feed; assert_clean_snapshot()
   * checked that every string is valid UTF-8 */
  vigie_test_assert_severity (snapshot, VIGIE_SEVERITY_MINOR);
  incident = incident_at (snapshot, 0);
  g_assert_true (g_str_has_prefix (incident->title, "Bad \xef\xbf\xbd"));
  g_assert_nonnull (strstr (incident->title, " bytes "));
  g_assert_nonnull (incident->latest_update);
  g_assert_nonnull (strstr (incident->latest_update, "note"));
  g_assert_cmpuint (incident->components->len, ==, 1);
  g_assert_true (g_str_has_prefix (g_ptr_array_index (incident->components, 0), "Mess"));
}

static void
test_hostile_control_chars (void)
{
  g_autoptr(VigieSnapshot) snapshot = parse_fixture ("hostile/control-chars.json");
  const VigieIncident *incident = incident_at (snapshot, 0);

  g_assert_cmpstr (incident->id, ==, "2261");
  /* json-glib ends a string at an escaped NUL */
  g_assert_cmpstr (incident->title, ==, "Trouble with files[31m");
  g_assert_cmpstr (incident->latest_update, ==, "line one\n\nline two");
  /* an isolate inside a name goes; a name that was only a mark goes too */
  vigie_test_assert_incident_components (incident, "Files");
  vigie_test_assert_component (snapshot, "Files", NULL, VIGIE_SEVERITY_MINOR);
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
  g_autoptr(VigieSnapshot) snapshot = parse_json (NULL, json);
  const VigieIncident *incident = incident_at (snapshot, 0);

  g_assert_cmpstr (vigie_snapshot_get_summary (snapshot), ==, "egatuo");
  vigie_test_assert_component (snapshot, "API", "Grp", VIGIE_SEVERITY_OPERATIONAL);
  g_assert_null (incident->id);
  g_assert_cmpstr (incident->title, ==, "]8;;https://evil.exampleClick");
}

static void
test_hostile_nul_bytes (void)
{
  g_autoptr(GBytes) body = vigie_test_load_fixture ("hostile/nul-bytes.json");
  g_autoptr(GBytes) leading = g_bytes_new_static ("\0{}", 3);
  static const char trailing_json[] = "{\"status\":\"ok\",\"active_incidents\":[]}\0";
  g_autoptr(GBytes) trailing = g_bytes_new_static (trailing_json, sizeof trailing_json - 1);

  assert_parse_error (NULL, body, VIGIE_FEED_ERROR_NOT_JSON, "not json");
  assert_parse_error ("slack", body, VIGIE_FEED_ERROR_NOT_JSON, "not json");
  assert_parse_error (NULL, leading, VIGIE_FEED_ERROR_NOT_JSON, "not json");
  assert_parse_error (NULL, trailing, VIGIE_FEED_ERROR_NOT_JSON, "not json");
}

static void
test_hostile_bom (void)
{
  g_autoptr(VigieSnapshot) utf8 = parse_fixture ("hostile/utf8-bom.json");
  g_autoptr(VigieSnapshot) utf16le = parse_fixture ("hostile/utf16le-bom.json");
  g_autoptr(VigieSnapshot) utf16be = parse_fixture ("hostile/utf16be-bom.json");
  g_autoptr(GBytes) odd = g_bytes_new_static ("\xff\xfe{\0}", 5);
  g_autoptr(GBytes) lone = g_bytes_new_static ("\xff\xfe", 2);

  g_assert_cmpstr (vigie_snapshot_get_format (utf8), ==, "statuspage");
  vigie_test_assert_severity (utf8, VIGIE_SEVERITY_MINOR);
  g_assert_cmpstr (vigie_snapshot_get_format (utf16le), ==, "slack");
  vigie_test_assert_severity (utf16le, VIGIE_SEVERITY_OPERATIONAL);
  g_assert_cmpstr (vigie_snapshot_get_format (utf16be), ==, "slack");
  vigie_test_assert_severity (utf16be, VIGIE_SEVERITY_OPERATIONAL);

  assert_parse_error (NULL, odd, VIGIE_FEED_ERROR_NOT_JSON, "not json");
  assert_parse_error (NULL, lone, VIGIE_FEED_ERROR_EMPTY, "empty response");
}

static void
test_hostile_long_strings (void)
{
  g_autofree char *title = g_strnfill (100000, 'T');
  g_autofree char *note = g_strnfill (100000, 'n');
  g_autofree char *service = g_strnfill (5000, 's');
  g_autofree char *path = g_strnfill (3000, 'p');
  g_autofree char *slack_json = g_strdup_printf (
    "{\"status\":\"active\",\"date_updated\":\"2026-11-28T10:00:00-08:00\",\"active_incidents\":"
    "[{\"id\":\"%s\",\"title\":\"%s\",\"type\":\"incident\",\"status\":\"active\","
    "\"url\":\"https://slack-status.com/%s\",\"services\":[\"%s\"],"
    "\"notes\":[{\"date_created\":\"2026-11-28T10:00:00-08:00\",\"body\":\"%s\"}]}]}",
    title, title, path, service, note);
  g_autofree char *statuspage_json = g_strdup_printf (
    "{\"page\": {\"name\": \"%s\", \"url\": \"https://status.tesselate.example\"},"
    " \"status\": {\"indicator\": \"%s\", \"description\": \"%s\"},"
    " \"incidents\": [{\"id\": \"x\", \"name\": \"%s\", \"status\": \"investigating\","
    " \"shortlink\": \"https://stspg.io/%s\"}]}",
    title, title, title, title, path);
  g_autoptr(VigieSnapshot) slack = parse_json (NULL, slack_json);
  g_autoptr(VigieSnapshot) statuspage = parse_json (NULL, statuspage_json);
  const VigieIncident *incident = incident_at (slack, 0);

  /* assert_clean_snapshot() checked every bound; spot-check the cuts */
  g_assert_cmpuint (g_utf8_strlen (incident->title, -1), ==, VIGIE_MAX_TITLE_CHARS + 1);
  g_assert_true (g_str_has_suffix (incident->title, "…"));
  g_assert_cmpuint (g_utf8_strlen (incident->latest_update, -1), ==, VIGIE_MAX_UPDATE_CHARS + 1);
  g_assert_true (g_str_has_suffix (incident->id, "…"));
  g_assert_null (incident->url);

  vigie_test_assert_severity (statuspage, VIGIE_SEVERITY_UNKNOWN);
  g_assert_cmpuint (strlen (vigie_snapshot_get_reason (statuspage)), <, 100);
  g_assert_cmpuint (g_utf8_strlen (incident_at (statuspage, 0)->title, -1), ==, VIGIE_MAX_TITLE_CHARS + 1);
  g_assert_cmpstr (incident_at (statuspage, 0)->url, ==,
                   "https://status.tesselate.example/incidents/x");
}

/* Real payloads captured from the vendors (../shared/fixtures/feeds) */

typedef struct
{
  const char *path;
  const char *format;
  VigieSeverity severity;
  guint n_incidents;
  guint n_maintenances;
  guint n_components;
  const char *trouble;         /* describe_trouble() */
  const char *summary;
  const char *first_title;
  const char *first_status;
  VigieSeverity first_severity;
  const char *first_url;
} RealPayload;

static const RealPayload real_payloads[] = {
  { "statuspage-v2/claude-summary-2026-10-09-minor-degraded-monitoring.json", "statuspage",
    VIGIE_SEVERITY_MINOR, 1, 0, 6, "Claude Console (platform.claude.com)=minor",
    "Partially Degraded Service",
    "Elevated errors on platform.claude.com", "monitoring", VIGIE_SEVERITY_MAJOR,
    "https://stspg.io/sjkw7njwf0mt" },
  { "statuspage-v2/cloudflare-summary-2026-06-16-minor-trimmed.json", "statuspage",
    VIGIE_SEVERITY_MINOR, 1, 0, 0, "", "Minor Service Outage",
    "Workers AI experiencing degraded availability in some models", NULL, VIGIE_SEVERITY_UNKNOWN,
    NULL },
  { "statuspage-v2/github-components-2024-09-17-trimmed.json", "statuspage",
    VIGIE_SEVERITY_OPERATIONAL, 0, 0, 2, "", NULL, NULL, NULL, 0, NULL },
  { "statuspage-v2/github-incidents-2024-09-17-two-resolved.json", "statuspage",
    VIGIE_SEVERITY_OPERATIONAL, 0, 0, 0, "", NULL, NULL, NULL, 0, NULL },
  { "statuspage-v2/github-status-2023-09-26-none.json", "statuspage",
    VIGIE_SEVERITY_OPERATIONAL, 0, 0, 0, "", "All Systems Operational", NULL, NULL, 0, NULL },
  { "statuspage-v2/github-summary-2019-12-30-none.json", "statuspage",
    VIGIE_SEVERITY_OPERATIONAL, 0, 0, 9, "", "All Systems Operational", NULL, NULL, 0, NULL },
  { "statuspage-v2/github-summary-2020-04-02-major.json", "statuspage",
    VIGIE_SEVERITY_MAJOR, 1, 0, 9,
    "Git Operations=critical;API Requests=critical;Webhooks=critical;Issues, PRs, Projects=critical;"
    "GitHub Actions=major;GitHub Packages=critical",
    "Partial System Outage",
    "Incident on 2020-04-02 20:20 UTC", "investigating", VIGIE_SEVERITY_MAJOR,
    "https://stspg.io/n0wskg2n6bvy" },
  { "statuspage-v2/github-summary-2022-11-25-minor-indicator-major-incident.json", "statuspage",
    VIGIE_SEVERITY_MINOR, 1, 0, 11, "Packages=major", "Minor Service Outage",
    "Incident with Packages and Pages", "investigating", VIGIE_SEVERITY_MAJOR,
    "https://stspg.io/33vh8r7z43kh" },
  { "incidentio-compat/openai-v2-summary-2026-10-09-operational.json", "statuspage",
    VIGIE_SEVERITY_OPERATIONAL, 0, 0, 25, "", "All Systems Operational", NULL, NULL, 0, NULL },
  { "slack-v2/slack-current-active-2023-09-26-notes-redacted.json", "slack",
    VIGIE_SEVERITY_MINOR, 1, 0, 12, "Connections=minor", "Can't dismiss Now you've got Later",
    "Can't dismiss Now you've got Later", "active", VIGIE_SEVERITY_MINOR,
    "https://status.slack.com/2023-09/badc5543a21e1fa7" },
  { "slack-v2/slack-current-ok-2026-06-26-reindented.json", "slack",
    VIGIE_SEVERITY_OPERATIONAL, 0, 0, 11, "", NULL, NULL, NULL, 0, NULL },
  { "docs-examples/slack-current-active-official-doc-repaired.json", "slack",
    VIGIE_SEVERITY_MINOR, 1, 0, 11, "Apps/Integrations/APIs=minor",
    "Slack’s forwarding email feature is failing for some customers",
    "Slack’s forwarding email feature is failing for some customers", "active", VIGIE_SEVERITY_MINOR,
    "https://slack-status.com/2018-09/7dea1cd14cd0f657" },
  { "docs-examples/slack-current-ok-official-doc.json", "slack",
    VIGIE_SEVERITY_OPERATIONAL, 0, 0, 11, "", NULL, NULL, NULL, 0, NULL },
};

static void
test_real_payload (gconstpointer data)
{
  const RealPayload *expected = data;
  g_autoptr(GBytes) body = vigie_test_load_shared_fixture (expected->path);
  g_autoptr(VigieSnapshot) snapshot = NULL;
  g_autoptr(VigieSnapshot) forced = NULL;
  g_autofree char *trouble = NULL;
  const char *other = g_str_equal (expected->format, "slack") ? "statuspage" : "slack";
  g_autofree char *wrong = g_strdup_printf ("not a %s feed", other);

  if (body == NULL)
    return;

  snapshot = parse_bytes (NULL, body);
  g_assert_cmpstr (vigie_snapshot_get_format (snapshot), ==, expected->format);
  vigie_test_assert_severity (snapshot, expected->severity);
  g_assert_cmpuint (n_incidents (snapshot), ==, expected->n_incidents);
  g_assert_cmpuint (n_maintenances (snapshot), ==, expected->n_maintenances);
  g_assert_cmpuint (n_components (snapshot), ==, expected->n_components);
  trouble = vigie_test_describe_trouble (snapshot);
  g_assert_cmpstr (trouble, ==, expected->trouble);
  g_assert_cmpstr (vigie_snapshot_get_summary (snapshot), ==, expected->summary);

  if (expected->n_incidents > 0)
    {
      const VigieIncident *first = incident_at (snapshot, 0);

      g_assert_cmpstr (first->title, ==, expected->first_title);
      g_assert_cmpstr (first->status, ==, expected->first_status);
      vigie_test_assert_incident_severity (first, expected->first_severity);
      g_assert_cmpstr (first->url, ==, expected->first_url);
    }

  /* the same bytes, named by their format, and by the wrong one */
  forced = parse_bytes (expected->format, body);
  g_assert_cmpint (vigie_snapshot_get_severity (forced), ==, expected->severity);
  assert_parse_error (other, body, VIGIE_FEED_ERROR_WRONG_FORMAT, wrong);
}

/* Details of the real payloads that the table does not hold */
static void
test_real_payload_details (void)
{
  g_autoptr(GBytes) claude = vigie_test_load_shared_fixture (
    "statuspage-v2/claude-summary-2026-10-09-minor-degraded-monitoring.json");
  g_autoptr(GBytes) github = NULL;
  g_autoptr(GBytes) cloudflare = NULL;
  g_autoptr(GBytes) slack = NULL;
  g_autoptr(GBytes) doc = NULL;
  g_autoptr(VigieSnapshot) snapshot = NULL;
  const VigieIncident *incident;

  if (claude == NULL)
    return;

  snapshot = parse_bytes (NULL, claude);
  incident = incident_at (snapshot, 0);
  g_assert_cmpstr (vigie_snapshot_get_page_name (snapshot), ==, "Claude");
  g_assert_cmpstr (vigie_snapshot_get_page_url (snapshot), ==, "https://status.claude.com");
  g_assert_cmpstr (incident->id, ==, "978mjkgw6mh7");
  g_assert_true (g_str_has_prefix (incident->latest_update, "We've mitigated the errors loading usage data"));
  assert_time (incident->started_at, "2026-10-07T13:25:04.155Z");
  assert_time (incident->updated_at, "2026-10-07T21:45:27.699Z");
  vigie_test_assert_incident_components (incident, "Claude Console (platform.claude.com)");
  g_clear_object (&snapshot);

  github = vigie_test_load_shared_fixture ("statuspage-v2/github-summary-2020-04-02-major.json");
  snapshot = parse_bytes (NULL, github);
  incident = incident_at (snapshot, 0);
  g_assert_cmpstr (incident->latest_update, ==, "We are investigating reports of service unavailability.");
  vigie_test_assert_incident_components (incident,
                                         "Visit www.githubstatus.com for more information");
  g_clear_object (&snapshot);

  cloudflare = vigie_test_load_shared_fixture ("statuspage-v2/cloudflare-summary-2026-06-16-minor-trimmed.json");
  snapshot = parse_bytes (NULL, cloudflare);
  incident = incident_at (snapshot, 0);
  g_assert_null (incident->id);
  g_assert_cmpstr (incident->latest_update, ==, "We are continuing to investigate this issue.");
  assert_time (incident->started_at, "2026-06-16T14:02:19.230Z");
  g_clear_object (&snapshot);

  slack = vigie_test_load_shared_fixture ("slack-v2/slack-current-active-2023-09-26-notes-redacted.json");
  snapshot = parse_bytes (NULL, slack);
  incident = incident_at (snapshot, 0);
  g_assert_cmpstr (incident->id, ==, "1269");
  g_assert_cmpstr (incident->latest_update, ==, "sample note 2");
  assert_time (incident->started_at, "2023-09-26T18:34:10Z");
  g_clear_object (&snapshot);

  doc = vigie_test_load_shared_fixture ("docs-examples/slack-current-active-official-doc-repaired.json");
  snapshot = parse_bytes (NULL, doc);
  incident = incident_at (snapshot, 0);
  g_assert_cmpstr (incident->id, ==, "546");
  g_assert_true (g_str_has_prefix (incident->latest_update, "Technical Summary:\nOn September 7th at 2:35pm PT"));
}

static gboolean
is_covered_real_payload (const char *path)
{
  for (guint i = 0; i < G_N_ELEMENTS (real_payloads); i++)
    if (g_str_equal (real_payloads[i].path, path))
      return TRUE;

  return FALSE;
}

/* Every captured Slack / Statuspage payload has an expectation above; a file
 * added there without one fails here. */
static void
test_real_payloads_all_covered (void)
{
  static const char * const folders[] = {
    "statuspage-v2", "incidentio-compat", "slack-v2", "docs-examples",
  };
  const char *root = vigie_test_get_shared_fixtures ();
  guint seen = 0;

  if (root == NULL)
    return;

  for (guint i = 0; i < G_N_ELEMENTS (folders); i++)
    {
      g_autofree char *folder = g_build_filename (root, folders[i], NULL);
      g_autoptr(GError) error = NULL;
      g_autoptr(GDir) dir = g_dir_open (folder, 0, &error);
      const char *name;

      g_assert_no_error (error);
      while ((name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *path = g_build_filename (folders[i], name, NULL);

          if (g_str_equal (folders[i], "docs-examples") && !g_str_has_prefix (name, "slack-"))
            continue;
          if (!is_covered_real_payload (path))
            g_error ("no expectation for real payload %s", path);
          seen++;
        }
    }

  g_assert_cmpuint (seen, ==, G_N_ELEMENTS (real_payloads));
}

/* Other vendors' formats must never pass for Slack or Statuspage: read as
 * one of those, a payload Vigie does not understand could read as "all
 * clear".  Detected as their own format or refused, both are fine here
 * (their parsers have their own tests). */
static void
test_real_other_formats (void)
{
  static const char * const folders[] = {
    "google-dashboard", "microsoft", "webex", "statuspage-atom", "docs-examples",
  };
  const char *root = vigie_test_get_shared_fixtures ();
  guint seen = 0;

  if (root == NULL)
    return;

  for (guint i = 0; i < G_N_ELEMENTS (folders); i++)
    {
      g_autofree char *folder = g_build_filename (root, folders[i], NULL);
      g_autoptr(GError) error = NULL;
      g_autoptr(GDir) dir = g_dir_open (folder, 0, &error);
      const char *name;

      g_assert_no_error (error);
      while ((name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *path = g_build_filename (folders[i], name, NULL);
          g_autoptr(GBytes) body = NULL;
          g_autoptr(GDateTime) now = default_now ();
          g_autoptr(GError) parse_error = NULL;
          g_autoptr(VigieSnapshot) snapshot = NULL;
          g_autoptr(VigieSnapshot) as_slack = NULL;
          g_autoptr(VigieSnapshot) as_statuspage = NULL;

          if (g_str_equal (folders[i], "docs-examples") && g_str_has_prefix (name, "slack-"))
            continue;

          g_test_message ("%s", path);
          body = vigie_test_load_shared_fixture (path);
          snapshot = vigie_feeds_parse (NULL, body, now, &parse_error);
          if (snapshot != NULL)
            {
              g_test_message ("  read as %s: %s", vigie_snapshot_get_format (snapshot),
                              vigie_severity_to_string (vigie_snapshot_get_severity (snapshot)));
              g_assert_cmpstr (vigie_snapshot_get_format (snapshot), !=, "slack");
              g_assert_cmpstr (vigie_snapshot_get_format (snapshot), !=, "statuspage");
            }
          else
            {
              g_test_message ("  refused: %s", parse_error->message);
              g_assert_true (parse_error->domain == VIGIE_FEED_ERROR);
            }
          g_clear_error (&parse_error);

          /* named as Slack or Statuspage by mistake: an error, never a state */
          as_slack = vigie_feeds_parse ("slack", body, now, &parse_error);
          g_assert_null (as_slack);
          g_assert_nonnull (parse_error);
          g_assert_true (parse_error->domain == VIGIE_FEED_ERROR);
          g_clear_error (&parse_error);

          as_statuspage = vigie_feeds_parse ("statuspage", body, now, &parse_error);
          g_assert_null (as_statuspage);
          g_assert_nonnull (parse_error);
          g_assert_true (parse_error->domain == VIGIE_FEED_ERROR);
          seen++;
        }
    }

  g_assert_cmpuint (seen, >=, 10);
}

int
main (int   argc,
      char *argv[])
{
  /* No G_TEST_OPTION_ISOLATE_DIRS: these tests touch no user directory,
   * and GLib 2.74 leaks the isolated paths of every test case, which
   * LeakSanitizer reports. */
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

  g_test_add_func ("/feeds/detect/formats", test_detect_formats);
  g_test_add_func ("/feeds/detect/registry", test_detect_registry);
  g_test_add_func ("/feeds/detect/html", test_detect_html);
  g_test_add_func ("/feeds/detect/empty", test_detect_empty);
  g_test_add_func ("/feeds/detect/not-feeds", test_detect_not_feeds);
  g_test_add_func ("/feeds/detect/wrong-format", test_detect_wrong_format);
  g_test_add_func ("/feeds/detect/not-json", test_detect_not_json);

  g_test_add_func ("/feeds/hostile/deep-nesting", test_hostile_deep_nesting);
  g_test_add_func ("/feeds/hostile/flat-array", test_hostile_flat_array);
  g_test_add_func ("/feeds/hostile/invalid-utf8", test_hostile_invalid_utf8);
  g_test_add_func ("/feeds/hostile/control-chars", test_hostile_control_chars);
  g_test_add_func ("/feeds/hostile/bidi-statuspage", test_hostile_bidi_statuspage);
  g_test_add_func ("/feeds/hostile/nul-bytes", test_hostile_nul_bytes);
  g_test_add_func ("/feeds/hostile/bom", test_hostile_bom);
  g_test_add_func ("/feeds/hostile/long-strings", test_hostile_long_strings);

  for (guint i = 0; i < G_N_ELEMENTS (real_payloads); i++)
    {
      g_autofree char *base = g_path_get_basename (real_payloads[i].path);
      g_autofree char *name = NULL;

      *strrchr (base, '.') = '\0';
      name = g_strdup_printf ("/feeds/real/%s", base);
      g_test_add_data_func (name, &real_payloads[i], test_real_payload);
    }
  g_test_add_func ("/feeds/real/details", test_real_payload_details);
  g_test_add_func ("/feeds/real/all-covered", test_real_payloads_all_covered);
  g_test_add_func ("/feeds/real/other-formats", test_real_other_formats);

  return g_test_run ();
}
