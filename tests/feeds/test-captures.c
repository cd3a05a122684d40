/* test-captures.c: the real captures of Slack and Statuspage feeds kept in
 * ../shared/fixtures/feeds, read exactly
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

  snapshot = vigie_test_parse_bytes (NULL, body);
  g_assert_cmpstr (vigie_snapshot_get_format (snapshot), ==, expected->format);
  vigie_test_assert_severity (snapshot, expected->severity);
  g_assert_cmpuint (vigie_test_n_incidents (snapshot), ==, expected->n_incidents);
  g_assert_cmpuint (vigie_test_n_maintenances (snapshot), ==, expected->n_maintenances);
  g_assert_cmpuint (vigie_test_n_components (snapshot), ==, expected->n_components);
  trouble = vigie_test_describe_trouble (snapshot);
  g_assert_cmpstr (trouble, ==, expected->trouble);
  g_assert_cmpstr (vigie_snapshot_get_summary (snapshot), ==, expected->summary);

  if (expected->n_incidents > 0)
    {
      const VigieIncident *first = vigie_test_incident_at (snapshot, 0);

      g_assert_cmpstr (first->title, ==, expected->first_title);
      g_assert_cmpstr (first->status, ==, expected->first_status);
      vigie_test_assert_incident_severity (first, expected->first_severity);
      g_assert_cmpstr (first->url, ==, expected->first_url);
    }

  /* the same bytes, named by their format, and by the wrong one */
  forced = vigie_test_parse_bytes (expected->format, body);
  g_assert_cmpint (vigie_snapshot_get_severity (forced), ==, expected->severity);
  vigie_test_assert_parse_error (other, body, VIGIE_FEED_ERROR_WRONG_FORMAT, wrong);
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

  snapshot = vigie_test_parse_bytes (NULL, claude);
  incident = vigie_test_incident_at (snapshot, 0);
  g_assert_cmpstr (vigie_snapshot_get_page_name (snapshot), ==, "Claude");
  g_assert_cmpstr (vigie_snapshot_get_page_url (snapshot), ==, "https://status.claude.com");
  g_assert_cmpstr (incident->id, ==, "978mjkgw6mh7");
  g_assert_true (g_str_has_prefix (incident->latest_update, "We've mitigated the errors loading usage data"));
  vigie_test_assert_time (incident->started_at, "2026-10-07T13:25:04.155Z");
  vigie_test_assert_time (incident->updated_at, "2026-10-07T21:45:27.699Z");
  vigie_test_assert_incident_components (incident, "Claude Console (platform.claude.com)");
  g_clear_object (&snapshot);

  github = vigie_test_load_shared_fixture ("statuspage-v2/github-summary-2020-04-02-major.json");
  snapshot = vigie_test_parse_bytes (NULL, github);
  incident = vigie_test_incident_at (snapshot, 0);
  g_assert_cmpstr (incident->latest_update, ==, "We are investigating reports of service unavailability.");
  vigie_test_assert_incident_components (incident,
                                         "Visit www.githubstatus.com for more information");
  g_clear_object (&snapshot);

  cloudflare = vigie_test_load_shared_fixture ("statuspage-v2/cloudflare-summary-2026-06-16-minor-trimmed.json");
  snapshot = vigie_test_parse_bytes (NULL, cloudflare);
  incident = vigie_test_incident_at (snapshot, 0);
  g_assert_null (incident->id);
  g_assert_cmpstr (incident->latest_update, ==, "We are continuing to investigate this issue.");
  vigie_test_assert_time (incident->started_at, "2026-06-16T14:02:19.230Z");
  g_clear_object (&snapshot);

  slack = vigie_test_load_shared_fixture ("slack-v2/slack-current-active-2023-09-26-notes-redacted.json");
  snapshot = vigie_test_parse_bytes (NULL, slack);
  incident = vigie_test_incident_at (snapshot, 0);
  g_assert_cmpstr (incident->id, ==, "1269");
  g_assert_cmpstr (incident->latest_update, ==, "sample note 2");
  vigie_test_assert_time (incident->started_at, "2023-09-26T18:34:10Z");
  g_clear_object (&snapshot);

  doc = vigie_test_load_shared_fixture ("docs-examples/slack-current-active-official-doc-repaired.json");
  snapshot = vigie_test_parse_bytes (NULL, doc);
  incident = vigie_test_incident_at (snapshot, 0);
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
          g_autoptr(GDateTime) now = vigie_test_time_at (VIGIE_TEST_NOW);
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
  /* Parsing touches no user directory; not isolating them also keeps
   * GLib's per-test XDG allocations (leaked on purpose, and not always
   * matched by tests/lsan.supp with fast unwinding) out of the leak check. */
  g_test_init (&argc, &argv, NULL);

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
