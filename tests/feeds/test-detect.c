/* test-detect.c: format detection across every format and fixture, and hostile
 * structure and text
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
      by_null = vigie_test_parse_bytes (NULL, body);
      by_auto = vigie_test_parse_bytes (VIGIE_FEED_FORMAT_AUTO, body);
      forced = vigie_test_parse_bytes (cases[i].format, body);
      g_assert_cmpstr (vigie_snapshot_get_format (by_null), ==, cases[i].format);
      g_assert_cmpstr (vigie_snapshot_get_format (by_auto), ==, cases[i].format);
      g_assert_cmpstr (vigie_snapshot_get_format (forced), ==, cases[i].format);
      g_assert_cmpint (vigie_snapshot_get_severity (by_null), ==, vigie_snapshot_get_severity (forced));
    }

  /* the terse "all clear" without a list */
  {
    g_autoptr(VigieSnapshot) terse = vigie_test_parse_text (NULL, "{\"status\":\"ok\",\"date_updated\":\"2026-11-28T06:00:12-08:00\"}");

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
    vigie_test_assert_parse_error (formats[i], page, VIGIE_FEED_ERROR_HTML, "html page instead of a feed");

  for (guint i = 0; i < G_N_ELEMENTS (others); i++)
    {
      g_autofree char *shown = g_strescape (others[i], NULL);

      g_test_message ("%s", shown);
      vigie_test_assert_text_error (NULL, others[i], VIGIE_FEED_ERROR_HTML, "html page instead of a feed");
    }
}

static void
test_detect_empty (void)
{
  g_autoptr(GBytes) empty = g_bytes_new (NULL, 0);

  vigie_test_assert_parse_error (NULL, empty, VIGIE_FEED_ERROR_EMPTY, "empty response");
  vigie_test_assert_parse_error ("slack", empty, VIGIE_FEED_ERROR_EMPTY, "empty response");
  vigie_test_assert_text_error (NULL, " \r\n\t ", VIGIE_FEED_ERROR_EMPTY, "empty response");
  vigie_test_assert_text_error ("statuspage", "\xef\xbb\xbf\n", VIGIE_FEED_ERROR_EMPTY, "empty response");
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
      vigie_test_assert_text_error (NULL, cases[i], VIGIE_FEED_ERROR_UNKNOWN_FORMAT, "unrecognised feed format");
      vigie_test_assert_text_error ("auto", cases[i], VIGIE_FEED_ERROR_UNKNOWN_FORMAT, "unrecognised feed format");
      vigie_test_assert_text_error ("slack", cases[i], VIGIE_FEED_ERROR_WRONG_FORMAT, "not a slack feed");
      vigie_test_assert_text_error ("statuspage", cases[i], VIGIE_FEED_ERROR_WRONG_FORMAT, "not a statuspage feed");
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

  vigie_test_assert_parse_error ("slack", statuspage, VIGIE_FEED_ERROR_WRONG_FORMAT, "not a slack feed");
  vigie_test_assert_parse_error ("slack", status_only, VIGIE_FEED_ERROR_WRONG_FORMAT, "not a slack feed");
  vigie_test_assert_parse_error ("statuspage", slack, VIGIE_FEED_ERROR_WRONG_FORMAT, "not a statuspage feed");
  vigie_test_assert_parse_error ("bogus", slack, VIGIE_FEED_ERROR_UNKNOWN_FORMAT, "unsupported format \"bogus\"");
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
      vigie_test_assert_text_error (NULL, cases[i], VIGIE_FEED_ERROR_NOT_JSON, "not json");
      vigie_test_assert_text_error ("slack", cases[i], VIGIE_FEED_ERROR_NOT_JSON, "not json");
    }

  /* XML is no JSON format's business */
  vigie_test_assert_text_error ("slack", "<?xml version=\"1.0\"?><rss/>", VIGIE_FEED_ERROR_NOT_JSON, "not json");
  vigie_test_assert_text_error ("statuspage", "<?xml version=\"1.0\"?><feed/>", VIGIE_FEED_ERROR_NOT_JSON, "not json");
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

  vigie_test_assert_parse_error (NULL, arrays, VIGIE_FEED_ERROR_TOO_DEEP, "json nested too deeply");
  vigie_test_assert_parse_error ("slack", arrays, VIGIE_FEED_ERROR_TOO_DEEP, "json nested too deeply");
  vigie_test_assert_parse_error ("statuspage", objects, VIGIE_FEED_ERROR_TOO_DEEP, "json nested too deeply");

  for (guint i = 0; i < 100000; i++)
    g_string_append_c (balanced, '[');
  for (guint i = 0; i < 100000; i++)
    g_string_append_c (balanced, ']');
  closed = g_string_free_to_bytes (g_steal_pointer (&balanced));
  vigie_test_assert_parse_error (NULL, closed, VIGIE_FEED_ERROR_TOO_DEEP, "json nested too deeply");

  /* deep inside a real-looking feed */
  inside = repeat_bytes ("{\"status\":\"ok\",\"active_incidents\":[],\"x\":", "[", 100000, "");
  vigie_test_assert_parse_error (NULL, inside, VIGIE_FEED_ERROR_TOO_DEEP, NULL);

  /* brackets inside a string are text */
  in_string = repeat_bytes ("{\"status\":\"ok\",\"date_updated\":\"2026-11-28T06:00:12-08:00\","
                            "\"active_incidents\":[],\"x\":\"", "[\\\"{", 50000, "\"}");
  snapshot = vigie_test_parse_bytes (NULL, in_string);
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
    deep_ok = vigie_test_parse_bytes (NULL, body);
    vigie_test_assert_severity (deep_ok, VIGIE_SEVERITY_OPERATIONAL);
  }
  too_deep = repeat_bytes ("{\"status\":\"ok\",\"active_incidents\":[],\"x\":", "[",
                           VIGIE_MAX_JSON_DEPTH, "");
  vigie_test_assert_parse_error (NULL, too_deep, VIGIE_FEED_ERROR_TOO_DEEP, NULL);
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

  vigie_test_assert_parse_error (NULL, flat, VIGIE_FEED_ERROR_TOO_COMPLEX, "json too complex");
  vigie_test_assert_parse_error ("slack", padded, VIGIE_FEED_ERROR_TOO_COMPLEX, "json too complex");

  snapshot = vigie_test_parse_bytes (NULL, within);
  vigie_test_assert_severity (snapshot, VIGIE_SEVERITY_OPERATIONAL);
}

static void
test_hostile_invalid_utf8 (void)
{
  g_autoptr(VigieSnapshot) snapshot = vigie_test_parse_fixture ("hostile/invalid-utf8.json");
  const VigieIncident *incident;

  /* one bad byte does not lose the whole feed; assert_clean_snapshot()
   * checked that every string is valid UTF-8 */
  vigie_test_assert_severity (snapshot, VIGIE_SEVERITY_MINOR);
  incident = vigie_test_incident_at (snapshot, 0);
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
  g_autoptr(VigieSnapshot) snapshot = vigie_test_parse_fixture ("hostile/control-chars.json");
  const VigieIncident *incident = vigie_test_incident_at (snapshot, 0);

  g_assert_cmpstr (incident->id, ==, "2261");
  /* json-glib ends a string at an escaped NUL */
  g_assert_cmpstr (incident->title, ==, "Trouble with files[31m");
  g_assert_cmpstr (incident->latest_update, ==, "line one\n\nline two");
  /* an isolate inside a name goes; a name that was only a mark goes too */
  vigie_test_assert_incident_components (incident, "Files");
  vigie_test_assert_component (snapshot, "Files", NULL, VIGIE_SEVERITY_MINOR);
}

static void
test_hostile_nul_bytes (void)
{
  g_autoptr(GBytes) body = vigie_test_load_fixture ("hostile/nul-bytes.json");
  g_autoptr(GBytes) leading = g_bytes_new_static ("\0{}", 3);
  static const char trailing_json[] = "{\"status\":\"ok\",\"active_incidents\":[]}\0";
  g_autoptr(GBytes) trailing = g_bytes_new_static (trailing_json, sizeof trailing_json - 1);

  vigie_test_assert_parse_error (NULL, body, VIGIE_FEED_ERROR_NOT_JSON, "not json");
  vigie_test_assert_parse_error ("slack", body, VIGIE_FEED_ERROR_NOT_JSON, "not json");
  vigie_test_assert_parse_error (NULL, leading, VIGIE_FEED_ERROR_NOT_JSON, "not json");
  vigie_test_assert_parse_error (NULL, trailing, VIGIE_FEED_ERROR_NOT_JSON, "not json");
}

static void
test_hostile_bom (void)
{
  g_autoptr(VigieSnapshot) utf8 = vigie_test_parse_fixture ("hostile/utf8-bom.json");
  g_autoptr(VigieSnapshot) utf16le = vigie_test_parse_fixture ("hostile/utf16le-bom.json");
  g_autoptr(VigieSnapshot) utf16be = vigie_test_parse_fixture ("hostile/utf16be-bom.json");
  g_autoptr(GBytes) odd = g_bytes_new_static ("\xff\xfe{\0}", 5);
  g_autoptr(GBytes) lone = g_bytes_new_static ("\xff\xfe", 2);

  g_assert_cmpstr (vigie_snapshot_get_format (utf8), ==, "statuspage");
  vigie_test_assert_severity (utf8, VIGIE_SEVERITY_MINOR);
  g_assert_cmpstr (vigie_snapshot_get_format (utf16le), ==, "slack");
  vigie_test_assert_severity (utf16le, VIGIE_SEVERITY_OPERATIONAL);
  g_assert_cmpstr (vigie_snapshot_get_format (utf16be), ==, "slack");
  vigie_test_assert_severity (utf16be, VIGIE_SEVERITY_OPERATIONAL);

  vigie_test_assert_parse_error (NULL, odd, VIGIE_FEED_ERROR_NOT_JSON, "not json");
  vigie_test_assert_parse_error (NULL, lone, VIGIE_FEED_ERROR_EMPTY, "empty response");
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
  g_autoptr(VigieSnapshot) slack = vigie_test_parse_text (NULL, slack_json);
  g_autoptr(VigieSnapshot) statuspage = vigie_test_parse_text (NULL, statuspage_json);
  const VigieIncident *incident = vigie_test_incident_at (slack, 0);

  /* assert_clean_snapshot() checked every bound; spot-check the cuts */
  g_assert_cmpuint (g_utf8_strlen (incident->title, -1), ==, VIGIE_MAX_TITLE_CHARS + 1);
  g_assert_true (g_str_has_suffix (incident->title, "…"));
  g_assert_cmpuint (g_utf8_strlen (incident->latest_update, -1), ==, VIGIE_MAX_UPDATE_CHARS + 1);
  g_assert_true (g_str_has_suffix (incident->id, "…"));
  g_assert_null (incident->url);

  vigie_test_assert_severity (statuspage, VIGIE_SEVERITY_UNKNOWN);
  g_assert_cmpuint (strlen (vigie_snapshot_get_reason (statuspage)), <, 100);
  g_assert_cmpuint (g_utf8_strlen (vigie_test_incident_at (statuspage, 0)->title, -1), ==, VIGIE_MAX_TITLE_CHARS + 1);
  g_assert_cmpstr (vigie_test_incident_at (statuspage, 0)->url, ==,
                   "https://status.tesselate.example/incidents/x");
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
              vigie_test_assert_parse_error (NULL, body, VIGIE_FEED_ERROR_UNKNOWN_FORMAT, "unrecognised feed format");
            }
          else
            {
              g_autoptr(VigieSnapshot) snapshot = vigie_test_parse (NULL, body, NOW);

              g_assert_cmpstr (vigie_snapshot_get_format (snapshot), ==, format);
            }

          /* no new format takes another format's document */
          vigie_test_assert_other_formats_refuse (body, format, NOW);
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
    "cachet",
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
          g_autofree char *path = NULL;
          g_autoptr(GBytes) body = NULL;
          gboolean claimed;

          /* provenance, not a feed */
          if (g_str_equal (name, "SOURCES"))
            continue;

          path = g_build_filename (folders[i], name, NULL);
          body = vigie_test_load_fixture (path);
          claimed = !g_strv_contains (nobody, path);

          g_test_message ("%s", path);
          if (claimed)
            {
              g_autoptr(VigieSnapshot) snapshot = vigie_test_parse (NULL, body, NOW);

              g_assert_cmpstr (vigie_snapshot_get_format (snapshot), ==, folders[i]);
            }
          else
            {
              vigie_test_assert_parse_error (NULL, body, VIGIE_FEED_ERROR_UNKNOWN_FORMAT, "unrecognised feed format");
            }

          /* the blog is Atom all the same: named as such, it is read
           * (and tested in /feeds/atom/not-atom) */
          vigie_test_assert_other_formats_refuse (body, claimed || g_str_equal (path, "atom/blog.xml")
                                                  ? folders[i] : NULL, NOW);
          seen++;
        }
    }

  g_assert_cmpuint (seen, >=, 40);
}

static void
test_detect_registry_every_format (void)
{
  const char * const *formats = vigie_feeds_list_formats ();

  for (guint i = 0; i < g_strv_length ((char **) vigie_test_other_formats); i++)
    {
      g_assert_true (g_strv_contains (formats, vigie_test_other_formats[i]));
      g_assert_true (vigie_feeds_is_known_format (vigie_test_other_formats[i]));
      g_assert_nonnull (vigie_feeds_get_format_label (vigie_test_other_formats[i]));
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
test_detect_not_feeds_every_format (void)
{
  g_autoptr(GBytes) empty = g_bytes_new (NULL, 0);
  g_autoptr(GBytes) html = vigie_test_load_fixture ("hostile/html-page.html");
  static const char * const not_feeds[] = {
    "null", "42", "\"str\"", "{}", "true", "[{\"status\":\"ok\"}]", "{\"data\":[]}",
    "{\"message\":\"Not Found\",\"documentation_url\":\"https://example.com\"}",
  };

  for (guint i = 0; i < g_strv_length ((char **) vigie_test_other_formats); i++)
    {
      g_test_message ("%s", vigie_test_other_formats[i]);
      vigie_test_assert_parse_error (vigie_test_other_formats[i], empty, VIGIE_FEED_ERROR_EMPTY, "empty response");
      vigie_test_assert_parse_error (vigie_test_other_formats[i], html, VIGIE_FEED_ERROR_HTML, "html page instead of a feed");

      for (guint j = 0; j < G_N_ELEMENTS (not_feeds); j++)
        {
          g_autoptr(GBytes) body = g_bytes_new (not_feeds[j], strlen (not_feeds[j]));
          g_autoptr(GError) error = vigie_test_parse_error (vigie_test_other_formats[i], body, NOW);

          g_assert_true (error->code == VIGIE_FEED_ERROR_WRONG_FORMAT
                         || error->code == VIGIE_FEED_ERROR_NOT_XML);
        }
    }

  for (guint j = 0; j < G_N_ELEMENTS (not_feeds); j++)
    vigie_test_assert_text_error (NULL, not_feeds[j], VIGIE_FEED_ERROR_UNKNOWN_FORMAT, "unrecognised feed format");
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
  from_google = vigie_test_parse_text (NULL, google);
  vigie_test_assert_severity (from_google, VIGIE_SEVERITY_CRITICAL);

  microsoft = g_strdup_printf ("[{\"ServiceDisplayName\":\"%s\",\"Status\":\"ServiceDegradation\","
                               "\"InternalDateTime\":\"x\",\"Title\":\"%s\",\"Message\":\"<div>%s</div>\"}]",
                               long_text->str, long_text->str, long_text->str);
  from_microsoft = vigie_test_parse_text (NULL, microsoft);
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
  g_test_add_func ("/feeds/hostile/nul-bytes", test_hostile_nul_bytes);
  g_test_add_func ("/feeds/hostile/bom", test_hostile_bom);
  g_test_add_func ("/feeds/hostile/long-strings", test_hostile_long_strings);
  g_test_add_func ("/feeds/detect/shared", test_detect_shared);
  g_test_add_func ("/feeds/detect/project", test_detect_project);
  g_test_add_func ("/feeds/detect/registry-every-format", test_detect_registry_every_format);
  g_test_add_func ("/feeds/detect/not-feeds-every-format", test_detect_not_feeds_every_format);
  g_test_add_func ("/feeds/hostile/text", test_hostile_text);

  return g_test_run ();
}
