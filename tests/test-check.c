/* test-check.c: the real `vigie --check` against feeds on 127.0.0.1
 *
 * The binary ($VIGIE_BINARY) runs as a subprocess while this test's main
 * loop serves the feeds from a SoupServer.  Checked: the JSON document of
 * DESIGN.md (and nothing else on stdout), the monitoring-plugin exit codes,
 * hostile feed text, a feed that never answers, and the translated table.
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <json-glib/json-glib.h>
#include <locale.h>
#include <string.h>

#include "vigie-test-utils.h"

/* The fetcher's own total deadline is 30 s (its socket timeout 15 s): a
 * check with a hanging feed must end well before this. */
#define RUN_TIMEOUT_SECONDS 45

#define PAGE "\"page\": {\"id\": \"p\", \"name\": \"Tool %s\", \"url\": \"https://status.example.com\"}"

typedef struct
{
  SoupServer *server;
  GPtrArray *paused;
  char *home;
  guint hang_requests;
  GStrv extra_env;   /* NAME=VALUE for the next run */
} Fixture;

/* Feeds, by path */
static const struct
{
  const char *path;
  const char *indicator;
} indicator_feeds[] = {
  { "/operational", "none" },
  { "/maintenance", "maintenance" },
  { "/minor", "minor" },
  { "/major", "major" },
  { "/critical", "critical" },
};

/* Feed text full of what must not reach a terminal or a JSON consumer:
 * C0 and C1 controls as JSON escapes (raw 0x07 would not be JSON at all),
 * an escape sequence, bidi overrides, a NUL, and raw bytes that are not
 * UTF-8 (\xff, \xfe, a cut sequence \xc3 followed by ASCII). */
static const char hostile_feed[] =
  "{\"page\": {\"id\": \"p\", \"name\": \"Bad\\u0001Name\\u0007 \xff" "end\\nsecond line\","
  "            \"url\": \"https://status.example.com/\"},"
  " \"status\": {\"indicator\": \"major\","
  "              \"description\": \"Down\\u0007\\u001b[31m red \xc3" "( \\u0085 \\u202e evil\\n\\nmore\"},"
  " \"components\": [{\"id\": \"c1\", \"name\": \"API\\u0002 \xfe" "x\", \"status\": \"partial_outage\"}],"
  " \"incidents\": [{\"id\": \"inc\\u00011\", \"name\": \"Outage\\u0007 \xff" "title\\r\\nnext\\u0000tail\","
  "                  \"status\": \"investigating\\u0008\", \"impact\": \"major\","
  "                  \"shortlink\": \"https://stspg.io/ab\\u0001c\","
  "                  \"created_at\": \"2026-11-28T10:00:00Z\","
  "                  \"updated_at\": \"2026-11-28T11:05:00+01:00\","
  "                  \"incident_updates\": [{\"body\": \"first\\u0000second \\u0003 \xfe" "third\","
  "                                          \"created_at\": \"2026-11-28T10:05:00Z\"}]}]}";

static void
server_cb (SoupServer        *server,
           SoupServerMessage *msg,
           const char        *path,
           GHashTable        *query,
           gpointer           user_data)
{
  Fixture *f = user_data;

  for (guint i = 0; i < G_N_ELEMENTS (indicator_feeds); i++)
    {
      if (g_str_equal (path, indicator_feeds[i].path))
        {
          g_autofree char *body = g_strdup_printf ("{" PAGE ", \"status\": {\"indicator\": \"%s\","
                                                   " \"description\": \"Status %s\"}}",
                                                   indicator_feeds[i].path + 1,
                                                   indicator_feeds[i].indicator,
                                                   indicator_feeds[i].path + 1);

          soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
          soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_COPY, body,
                                            strlen (body));
          return;
        }
    }

  if (g_str_equal (path, "/incident"))
    {
      static const char body[] =
        "{" "\"page\": {\"id\": \"p\", \"name\": \"Tool incident\", \"url\": \"https://status.example.com\"},"
        " \"status\": {\"indicator\": \"major\", \"description\": \"Partial System Outage\"},"
        " \"components\": [{\"id\": \"c1\", \"name\": \"Messaging\", \"status\": \"partial_outage\"},"
        "                  {\"id\": \"c2\", \"name\": \"Calls\", \"status\": \"operational\"}],"
        " \"incidents\": [{\"id\": \"abc123\", \"name\": \"Messages fail to send\","
        "                  \"status\": \"investigating\", \"impact\": \"major\","
        "                  \"shortlink\": \"https://stspg.io/abc\","
        "                  \"created_at\": \"2026-11-28T10:00:00Z\","
        "                  \"updated_at\": \"2026-11-28T11:05:00+01:00\","
        "                  \"incident_updates\": [{\"body\": \"We are investigating.\","
        "                                          \"created_at\": \"2026-11-28T10:05:00Z\"}]}]}";

      soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
      soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_STATIC, body,
                                        strlen (body));
    }
  else if (g_str_equal (path, "/accents"))
    {
      static const char body[] =
        "{\"page\": {\"id\": \"p\", \"name\": \"Zürich Café ✓\"},"
        " \"status\": {\"indicator\": \"none\", \"description\": \"Tout va bien — ça marche\"}}";

      soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
      soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_STATIC, body,
                                        strlen (body));
    }
  else if (g_str_equal (path, "/hostile"))
    {
      soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
      soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_STATIC,
                                        hostile_feed, strlen (hostile_feed));
    }
  else if (g_str_equal (path, "/unavailable"))
    {
      soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                    "Retry-After", "120");
      soup_server_message_set_status (msg, SOUP_STATUS_SERVICE_UNAVAILABLE, NULL);
      soup_server_message_set_response (msg, "text/plain", SOUP_MEMORY_STATIC, "busy", 4);
    }
  else if (g_str_equal (path, "/hang"))
    {
      f->hang_requests++;
      soup_server_message_pause (msg);
      g_ptr_array_add (f->paused, g_object_ref (msg));
    }
  else
    {
      soup_server_message_set_status (msg, SOUP_STATUS_NOT_FOUND, NULL);
    }
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;

  f->paused = g_ptr_array_new_with_free_func (g_object_unref);
  f->server = vigie_test_server_new ();
  soup_server_add_handler (f->server, NULL, server_cb, f, NULL);
  f->home = g_dir_make_tmp ("vigie-check-XXXXXX", &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  user_data)
{
  const char *rm_argv[] = { "rm", "-rf", f->home, NULL };

  soup_server_disconnect (f->server);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_clear_object (&f->server);
  g_clear_pointer (&f->paused, g_ptr_array_unref);

  /* the binary is not expected to write anything; remove what it might */
  g_assert_true (g_spawn_sync (NULL, (char **) rm_argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                               NULL, NULL, NULL, NULL));
  g_clear_pointer (&f->home, g_free);
  g_clear_pointer (&f->extra_env, g_strfreev);
}

/* Runs `vigie ARGS... --feed=URL...` with @locale (or "C.UTF-8"), serving
 * the feeds meanwhile; returns the exit status and stdout, and shows
 * stderr in the test log. */
static int
run_vigie (Fixture      *f,
           const char   *locale,
           const char  **args,
           const char * const *paths,
           GBytes      **out,
           double       *elapsed)
{
  const char *binary = g_getenv ("VIGIE_BINARY");
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GBytes) err = NULL;
  gint64 start;
  const char *err_text;
  gsize err_size;

  g_assert_nonnull (binary);
  g_ptr_array_add (argv, g_strdup (binary));
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, g_strdup (args[i]));
  for (guint i = 0; paths != NULL && paths[i] != NULL; i++)
    {
      g_autofree char *url = vigie_test_server_url (f->server, paths[i]);

      g_ptr_array_add (argv, g_strconcat ("--feed=", url, NULL));
    }
  g_ptr_array_add (argv, NULL);

  launcher = vigie_test_vigie_launcher_new (locale, f->home);
  for (guint i = 0; f->extra_env != NULL && f->extra_env[i] != NULL; i++)
    {
      g_auto(GStrv) pair = g_strsplit (f->extra_env[i], "=", 2);

      g_subprocess_launcher_setenv (launcher, pair[0], pair[1], TRUE);
    }

  start = g_get_monotonic_time ();
  process = vigie_test_communicate (launcher, (const char * const *) argv->pdata,
                                    RUN_TIMEOUT_SECONDS, out, &err);

  if (elapsed != NULL)
    *elapsed = (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;

  err_text = g_bytes_get_data (err, &err_size);
  if (err_size > 0)
    g_test_message ("stderr of vigie:\n%.*s", (int) MIN (err_size, 4000), err_text);

  /* a sanitizer report or a crash is never an exit code to interpret */
  g_assert_true (g_subprocess_get_if_exited (process));

  return g_subprocess_get_exit_status (process);
}

/* ---------------------------------------------------------------------- */
/* The JSON document                                                       */

static const char * const severities[] = {
  "operational", "maintenance", "minor", "major", "critical", "unknown",
};

static gboolean
is_severity (const char *text)
{
  return text != NULL && g_strv_contains (severities, text);
}

static void
assert_utc_time (const char *text)
{
  g_autoptr(GRegex) pattern = g_regex_new ("^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?Z$",
                                           0, 0, NULL);
  g_autoptr(GDateTime) parsed = NULL;

  g_assert_nonnull (text);
  if (!g_regex_match (pattern, text, 0, NULL))
    g_error ("not an RFC 3339 UTC time: %s", text);
  parsed = g_date_time_new_from_iso8601 (text, NULL);
  g_assert_nonnull (parsed);
}

static const char *
member_string (JsonObject *object,
               const char *member,
               gboolean    nullable)
{
  JsonNode *node;

  if (!json_object_has_member (object, member))
    g_error ("member \"%s\" missing", member);
  node = json_object_get_member (object, member);
  if (JSON_NODE_HOLDS_NULL (node))
    {
      if (!nullable)
        g_error ("member \"%s\" is null", member);
      return NULL;
    }
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    g_error ("member \"%s\" is not a string", member);

  return json_node_get_string (node);
}

static JsonArray *
member_array (JsonObject *object,
              const char *member)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    g_error ("member \"%s\" is not an array", member);

  return json_node_get_array (node);
}

/* Every member is one DESIGN.md names, or one of the few documented
 * additions (a component's group, an incident's latest update, the list of
 * maintenances and their schedule). */
static void
assert_members (JsonObject         *object,
                const char * const *required,
                const char * const *optional)
{
  g_autoptr(GList) members = json_object_get_members (object);

  for (guint i = 0; required[i] != NULL; i++)
    if (!json_object_has_member (object, required[i]))
      g_error ("member \"%s\" missing", required[i]);

  for (GList *l = members; l != NULL; l = l->next)
    if (!g_strv_contains (required, l->data)
        && (optional == NULL || !g_strv_contains (optional, l->data)))
      g_error ("unexpected member \"%s\"", (const char *) l->data);
}

static void
assert_incident (JsonObject *incident,
                 gboolean    is_maintenance)
{
  static const char * const required[] = {
    "id", "title", "status", "severity", "url", "started_at", "updated_at", NULL
  };
  static const char * const optional[] = { "latest_update", NULL };
  static const char * const optional_maintenance[] = {
    "latest_update", "scheduled_for", "scheduled_until", NULL
  };
  const char *times[] = { "started_at", "updated_at", "scheduled_for", "scheduled_until" };

  assert_members (incident, required, is_maintenance ? optional_maintenance : optional);
  member_string (incident, "id", TRUE);
  member_string (incident, "title", FALSE);
  member_string (incident, "status", TRUE);
  g_assert_true (is_severity (member_string (incident, "severity", FALSE)));
  if (member_string (incident, "url", TRUE) != NULL)
    g_assert_true (g_str_has_prefix (member_string (incident, "url", TRUE), "https://"));
  for (guint i = 0; i < G_N_ELEMENTS (times); i++)
    if (json_object_has_member (incident, times[i]) && member_string (incident, times[i], TRUE))
      assert_utc_time (member_string (incident, times[i], TRUE));
  if (json_object_has_member (incident, "latest_update"))
    member_string (incident, "latest_update", TRUE);
}

static void
assert_service (JsonObject *service)
{
  static const char * const required[] = {
    "id", "name", "status_page", "feed", "format", "severity", "summary", "error",
    "components", "incidents", NULL
  };
  static const char * const optional[] = { "maintenances", NULL };
  static const char * const component_members[] = { "name", "severity", NULL };
  static const char * const component_optional[] = { "group", NULL };
  const char *severity;
  JsonArray *array;

  assert_members (service, required, optional);
  member_string (service, "id", FALSE);
  member_string (service, "name", FALSE);
  member_string (service, "status_page", TRUE);
  g_assert_true (g_str_has_prefix (member_string (service, "feed", FALSE), "http://127.0.0.1:"));
  member_string (service, "format", TRUE);
  member_string (service, "summary", TRUE);
  severity = member_string (service, "severity", FALSE);
  g_assert_true (is_severity (severity));

  /* a short English reason exactly when the state is unknown */
  if (g_str_equal (severity, "unknown"))
    g_assert_nonnull (member_string (service, "error", TRUE));
  else
    g_assert_null (member_string (service, "error", TRUE));

  array = member_array (service, "components");
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *component = json_array_get_object_element (array, i);

      g_assert_nonnull (component);
      assert_members (component, component_members, component_optional);
      member_string (component, "name", FALSE);
      g_assert_true (is_severity (member_string (component, "severity", FALSE)));
    }

  array = member_array (service, "incidents");
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      g_assert_nonnull (json_array_get_object_element (array, i));
      assert_incident (json_array_get_object_element (array, i), FALSE);
    }

  if (json_object_has_member (service, "maintenances"))
    {
      array = member_array (service, "maintenances");
      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          g_assert_nonnull (json_array_get_object_element (array, i));
          assert_incident (json_array_get_object_element (array, i), TRUE);
        }
    }
}

/* Every string in the document is valid UTF-8 without control characters
 * (line feeds are allowed only in an incident's multi-line latest update). */
static void
assert_clean_strings (JsonNode   *node,
                      const char *member)
{
  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObject *object = json_node_get_object (node);
      g_autoptr(GList) members = json_object_get_members (object);

      for (GList *l = members; l != NULL; l = l->next)
        assert_clean_strings (json_object_get_member (object, l->data), l->data);
    }
  else if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        assert_clean_strings (json_array_get_element (array, i), NULL);
    }
  else if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    {
      const char *text = json_node_get_string (node);

      g_assert_true (g_utf8_validate (text, -1, NULL));
      for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
        {
          gunichar c = g_utf8_get_char (p);

          if (c == '\n' && g_strcmp0 (member, "latest_update") == 0)
            continue;
          if (c < 0x20 || (c >= 0x7f && c < 0xa0) || c == 0xfeff
              || (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069))
            g_error ("control character U+%04X in \"%s\"", c, text);
        }
    }
}

/* Parses stdout as one JSON document of the DESIGN.md schema, with nothing
 * before or after it. */
static JsonNode *
parse_check_json (GBytes *out)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  static const char * const top_members[] = { "checked_at", "services", NULL };
  g_autoptr(GDateTime) checked_at = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  JsonObject *root;
  JsonArray *services;
  gsize size;
  const char *data = g_bytes_get_data (out, &size);

  g_assert_cmpuint (size, >, 2);
  g_test_message ("stdout:\n%.*s", (int) MIN (size, 6000), data);

  /* the raw bytes: UTF-8, and no control character but line feeds */
  g_assert_true (g_utf8_validate_len (data, size, NULL));
  for (gsize i = 0; i < size; i++)
    if ((guchar) data[i] < 0x20 && data[i] != '\n')
      g_error ("raw control byte 0x%02x on stdout at %" G_GSIZE_FORMAT, (guchar) data[i], i);
  g_assert_cmpint (data[0], ==, '{');
  g_assert_cmpint (data[size - 2], ==, '}');
  g_assert_cmpint (data[size - 1], ==, '\n');

  json_parser_load_from_data (parser, data, size, &error);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)));
  root = json_node_get_object (json_parser_get_root (parser));

  assert_members (root, top_members, NULL);
  assert_utc_time (member_string (root, "checked_at", FALSE));
  checked_at = g_date_time_new_from_iso8601 (member_string (root, "checked_at", FALSE), NULL);
  g_assert_cmpint (ABS (g_date_time_difference (now, checked_at)), <, 5 * 60 * G_TIME_SPAN_SECOND);

  services = member_array (root, "services");
  for (guint i = 0; i < json_array_get_length (services); i++)
    {
      g_assert_nonnull (json_array_get_object_element (services, i));
      assert_service (json_array_get_object_element (services, i));
    }

  assert_clean_strings (json_parser_get_root (parser), NULL);

  return json_node_copy (json_parser_get_root (parser));
}

static JsonObject *
service_at (JsonNode *root,
            guint     index)
{
  JsonArray *services = json_object_get_array_member (json_node_get_object (root), "services");

  g_assert_cmpuint (index, <, json_array_get_length (services));
  return json_array_get_object_element (services, index);
}

static guint
count_services (JsonNode *root)
{
  return json_array_get_length (json_object_get_array_member (json_node_get_object (root),
                                                              "services"));
}

/* ---------------------------------------------------------------------- */

static void
test_json_schema (Fixture       *f,
                  gconstpointer  user_data)
{
  const char *args[] = { "--check", "--json", NULL };
  const char *paths[] = { "/incident", "/operational", "/unavailable", NULL };
  g_autoptr(GBytes) out = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *first_url = vigie_test_server_url (f->server, "/incident");
  JsonObject *service;
  JsonObject *incident;
  JsonObject *component;
  int status;

  status = run_vigie (f, NULL, args, paths, &out, NULL);
  root = parse_check_json (out);
  g_assert_cmpint (status, ==, 2);
  g_assert_cmpuint (count_services (root), ==, 3);

  /* in the order given, with the values of the feed */
  service = service_at (root, 0);
  g_assert_cmpstr (json_object_get_string_member (service, "id"), ==, "feed-1");
  g_assert_cmpstr (json_object_get_string_member (service, "name"), ==, "Tool incident");
  g_assert_cmpstr (json_object_get_string_member (service, "status_page"), ==,
                   "https://status.example.com");
  g_assert_cmpstr (json_object_get_string_member (service, "feed"), ==, first_url);
  g_assert_cmpstr (json_object_get_string_member (service, "format"), ==, "statuspage");
  g_assert_cmpstr (json_object_get_string_member (service, "severity"), ==, "major");
  g_assert_cmpstr (json_object_get_string_member (service, "summary"), ==,
                   "Partial System Outage");
  g_assert_true (json_object_get_null_member (service, "error"));

  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (service, "components")),
                    ==, 2);
  component = json_array_get_object_element (json_object_get_array_member (service, "components"),
                                             0);
  g_assert_cmpstr (json_object_get_string_member (component, "name"), ==, "Messaging");
  g_assert_cmpstr (json_object_get_string_member (component, "severity"), !=, "operational");

  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (service, "incidents")),
                    ==, 1);
  incident = json_array_get_object_element (json_object_get_array_member (service, "incidents"), 0);
  g_assert_cmpstr (json_object_get_string_member (incident, "id"), ==, "abc123");
  g_assert_cmpstr (json_object_get_string_member (incident, "title"), ==,
                   "Messages fail to send");
  g_assert_cmpstr (json_object_get_string_member (incident, "status"), ==, "investigating");
  g_assert_cmpstr (json_object_get_string_member (incident, "severity"), ==, "major");
  g_assert_cmpstr (json_object_get_string_member (incident, "url"), ==, "https://stspg.io/abc");
  g_assert_cmpstr (json_object_get_string_member (incident, "started_at"), ==,
                   "2026-11-28T10:00:00Z");
  /* converted to UTC */
  g_assert_cmpstr (json_object_get_string_member (incident, "updated_at"), ==,
                   "2026-11-28T10:05:00Z");

  service = service_at (root, 1);
  g_assert_cmpstr (json_object_get_string_member (service, "id"), ==, "feed-2");
  g_assert_cmpstr (json_object_get_string_member (service, "severity"), ==, "operational");
  g_assert_true (json_object_get_null_member (service, "error"));

  service = service_at (root, 2);
  g_assert_cmpstr (json_object_get_string_member (service, "id"), ==, "feed-3");
  g_assert_cmpstr (json_object_get_string_member (service, "severity"), ==, "unknown");
  g_assert_cmpstr (json_object_get_string_member (service, "error"), ==, "http 503");
  g_assert_cmpstr (json_object_get_string_member (service, "name"), ==, "127.0.0.1");
  g_assert_true (json_object_get_null_member (service, "format"));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (service, "components")),
                    ==, 0);
}

typedef struct
{
  const char *paths[4];
  int status;
} ExitCase;

static const ExitCase exit_cases[] = {
  { { "/operational", "/maintenance", NULL }, 0 },
  { { "/operational", "/minor", NULL }, 1 },
  { { "/minor", "/major", NULL }, 2 },
  { { "/operational", "/critical", NULL }, 2 },
  /* a major outage outranks what could not be read, a minor one too */
  { { "/unavailable", "/major", NULL }, 2 },
  { { "/unavailable", "/minor", NULL }, 1 },
  { { "/operational", "/unavailable", NULL }, 3 },
  { { "/no-such-feed", NULL }, 3 },
};

static void
test_exit_code (Fixture       *f,
                gconstpointer  user_data)
{
  const ExitCase *exit_case = user_data;
  const char *json_args[] = { "--check", "--json", NULL };
  const char *table_args[] = { "--check", NULL };
  g_autoptr(GBytes) out = NULL;
  g_autoptr(GBytes) table = NULL;
  g_autoptr(JsonNode) root = NULL;

  g_assert_cmpint (run_vigie (f, NULL, json_args, exit_case->paths, &out, NULL), ==,
                   exit_case->status);
  root = parse_check_json (out);
  g_assert_cmpuint (count_services (root), ==, g_strv_length ((char **) exit_case->paths));

  /* the table ends the same way */
  g_assert_cmpint (run_vigie (f, NULL, table_args, exit_case->paths, &table, NULL), ==,
                   exit_case->status);
}

static void
test_hostile_text (Fixture       *f,
                   gconstpointer  user_data)
{
  const char *args[] = { "--check", "--json", NULL };
  const char *paths[] = { "/hostile", NULL };
  const char *table_args[] = { "--check", NULL };
  g_autoptr(GBytes) out = NULL;
  g_autoptr(GBytes) table = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *table_text = NULL;
  g_auto(GStrv) lines = NULL;
  JsonObject *service;
  const char *text;
  gsize size;

  /* still read as a major outage: bad text is cleaned, not fatal */
  g_assert_cmpint (run_vigie (f, NULL, args, paths, &out, NULL), ==, 2);
  root = parse_check_json (out);
  service = service_at (root, 0);
  g_assert_cmpstr (json_object_get_string_member (service, "severity"), ==, "major");
  g_assert_true (g_str_has_prefix (json_object_get_string_member (service, "name"), "BadName"));
  g_assert_nonnull (strstr (json_object_get_string_member (service, "name"), "end second line"));
  g_assert_nonnull (strstr (json_object_get_string_member (service, "summary"), "Down"));
  g_assert_true (g_str_has_suffix (json_object_get_string_member (service, "summary"),
                                  " evil more"));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (service, "incidents")),
                    ==, 1);

  /* the table too: valid UTF-8, no escape sequence reaches the terminal,
   * and a name over two lines still makes one row */
  g_assert_cmpint (run_vigie (f, NULL, table_args, paths, &table, NULL), ==, 2);
  text = g_bytes_get_data (table, &size);
  g_test_message ("table:\n%.*s", (int) size, text);
  g_assert_true (g_utf8_validate_len (text, size, NULL));
  for (gsize i = 0; i < size; i++)
    g_assert_true ((guchar) text[i] >= 0x20 || text[i] == '\n');
  table_text = g_strndup (text, size);
  lines = g_strsplit (table_text, "\n", -1);
  /* the heading, one row, and the empty string after the last line feed */
  g_assert_cmpuint (g_strv_length (lines), ==, 3);
  g_assert_true (g_str_has_prefix (lines[1], "BadName"));
  g_assert_nonnull (strstr (lines[1], "end second line"));
  g_assert_nonnull (strstr (lines[1], "Major outage"));
}

static void
test_hanging_feed (Fixture       *f,
                   gconstpointer  user_data)
{
  const char *args[] = { "--check", "--json", NULL };
  const char *paths[] = { "/operational", "/hang", NULL };
  g_autoptr(GBytes) out = NULL;
  g_autoptr(JsonNode) root = NULL;
  double elapsed = 0;
  int status;

  /* the other feed is checked, the hanging one ends as unknown */
  status = run_vigie (f, NULL, args, paths, &out, &elapsed);
  g_test_message ("vigie --check with a hanging feed ended after %.1f s", elapsed);
  g_assert_cmpint (status, ==, 3);
  g_assert_cmpfloat (elapsed, <, 30 + 5);
  g_assert_cmpuint (f->hang_requests, >=, 1);

  root = parse_check_json (out);
  g_assert_cmpstr (json_object_get_string_member (service_at (root, 0), "severity"), ==,
                   "operational");
  g_assert_cmpstr (json_object_get_string_member (service_at (root, 1), "severity"), ==,
                   "unknown");
  g_assert_cmpstr (json_object_get_string_member (service_at (root, 1), "error"), ==, "timeout");
}

/* The column of the second field, in characters, on each line */
static void
assert_aligned (char **lines,
                guint  n_lines)
{
  glong column = -1;

  for (guint i = 0; i < n_lines; i++)
    {
      const char *line = lines[i];
      const char *gap = strstr (line, "  ");
      const char *second;

      g_assert_nonnull (gap);
      second = gap;
      while (*second == ' ')
        second++;
      if (column < 0)
        column = g_utf8_pointer_to_offset (line, second);
      else
        g_assert_cmpint (g_utf8_pointer_to_offset (line, second), ==, column);
    }
}

static void
test_table (Fixture       *f,
            gconstpointer  user_data)
{
  const char *locale = user_data;
  gboolean french = g_str_has_prefix (locale, "fr");
  const char *args[] = { "--check", NULL };
  const char *paths[] = { "/major", "/operational", "/unavailable", NULL };
  g_autoptr(GBytes) out = NULL;
  g_auto(GStrv) lines = NULL;
  g_autofree char *text = NULL;
  gsize size;
  const char *data;

  if (!vigie_test_locale_exists (locale))
    return;

  g_assert_cmpint (run_vigie (f, locale, args, paths, &out, NULL), ==, 2);
  data = g_bytes_get_data (out, &size);
  g_assert_true (g_utf8_validate_len (data, size, NULL));
  text = g_strndup (data, size);
  g_test_message ("%s table:\n%s", locale, text);

  g_assert_true (g_str_has_suffix (text, "\n"));
  lines = g_strsplit (text, "\n", -1);
  /* a heading and one line per service, nothing else */
  g_assert_cmpuint (g_strv_length (lines), ==, 5);
  g_assert_cmpstr (lines[4], ==, "");

  g_assert_true (g_str_has_prefix (lines[0], "Service "));
  g_assert_nonnull (strstr (lines[0], french ? "État" : "State"));
  g_assert_nonnull (strstr (lines[0], french ? "Détails" : "Details"));
  g_assert_true (g_str_has_prefix (lines[1], "Tool major "));
  g_assert_nonnull (strstr (lines[1], french ? "Panne majeure" : "Major outage"));
  g_assert_true (g_str_has_prefix (lines[2], "Tool operational "));
  g_assert_nonnull (strstr (lines[2], french ? "Opérationnel" : "Operational"));
  g_assert_true (g_str_has_prefix (lines[3], "127.0.0.1 "));
  g_assert_nonnull (strstr (lines[3], french ? "Inconnu" : "Unknown"));
  g_assert_nonnull (strstr (lines[3], "503"));

  /* accented labels do not shift the columns */
  assert_aligned (lines, 4);
}

static void
test_json_not_translated (Fixture       *f,
                          gconstpointer  user_data)
{
  const char *args[] = { "--check", "--json", NULL };
  const char *paths[] = { "/major", "/unavailable", NULL };
  g_autoptr(GBytes) out = NULL;
  g_autoptr(JsonNode) root = NULL;

  if (!vigie_test_locale_exists ("fr_FR.UTF-8"))
    return;

  /* JSON is for programs: the same names and reasons in any language */
  g_assert_cmpint (run_vigie (f, "fr_FR.UTF-8", args, paths, &out, NULL), ==, 2);
  root = parse_check_json (out);
  g_assert_cmpstr (json_object_get_string_member (service_at (root, 0), "severity"), ==, "major");
  g_assert_cmpstr (json_object_get_string_member (service_at (root, 1), "severity"), ==,
                   "unknown");
  g_assert_cmpstr (json_object_get_string_member (service_at (root, 1), "error"), ==, "http 503");
}

static void
test_json_utf8_in_any_locale (Fixture       *f,
                              gconstpointer  user_data)
{
  const char *locale = user_data;
  const char *args[] = { "--check", "--json", NULL };
  const char *paths[] = { "/accents", NULL };
  g_autoptr(GBytes) out = NULL;
  g_autoptr(JsonNode) root = NULL;

  /* cron jobs and monitoring agents often run under LANG=C: JSON is UTF-8
   * all the same, never converted to the locale's charset */
  g_assert_cmpint (run_vigie (f, locale, args, paths, &out, NULL), ==, 0);
  root = parse_check_json (out);
  g_assert_cmpstr (json_object_get_string_member (service_at (root, 0), "name"), ==,
                   "Zürich Café ✓");
  g_assert_cmpstr (json_object_get_string_member (service_at (root, 0), "summary"), ==,
                   "Tout va bien — ça marche");
}

static void
test_json_debug_logs (Fixture       *f,
                      gconstpointer  user_data)
{
  const char *args[] = { "--check", "--json", NULL };
  const char *paths[] = { "/operational", "/unavailable", NULL };
  g_autoptr(GBytes) out = NULL;
  g_autoptr(JsonNode) root = NULL;

  /* logs may go to stderr, never into the JSON on stdout */
  f->extra_env = g_strsplit ("G_MESSAGES_DEBUG=all", " ", -1);
  g_assert_cmpint (run_vigie (f, NULL, args, paths, &out, NULL), ==, 3);
  root = parse_check_json (out);
  g_assert_cmpuint (count_services (root), ==, 2);
}

static void
test_json_needs_check (Fixture       *f,
                       gconstpointer  user_data)
{
  const char *args[] = { "--json", NULL };
  g_autoptr(GBytes) out = NULL;

  /* --json alone is a usage error, not an attempt to start the app */
  g_assert_cmpint (run_vigie (f, NULL, args, NULL, &out, NULL), ==, 64);
  g_assert_cmpuint (g_bytes_get_size (out), ==, 0);
}

/* ---------------------------------------------------------------------- */
/* Usage errors: one translated line on stderr, exit 64, nothing else      */

typedef struct
{
  const char *name;
  const char *args[4];
  const char *english;   /* the whole line, without its newline */
  const char *french;    /* a part of the French line */
} UsageCase;

static const UsageCase usage_cases[] = {
  { "unknown-option", { "--bogus", NULL },
    "Unknown option “--bogus” (vigie --help lists the options)", "Option inconnue" },
  { "unknown-short-option", { "-x", NULL },
    "Unknown option “-x” (vigie --help lists the options)", "Option inconnue" },
  { "unknown-option-with-check", { "--check", "--bogus=1", NULL },
    "Unknown option “--bogus=1” (vigie --help lists the options)", "Option inconnue" },
  { "extra-argument", { "extra", NULL },
    "Unexpected argument “extra”: Vigie takes only options (vigie --help lists them)",
    "Argument inattendu" },
  { "extra-argument-with-check", { "--check", "slack", NULL },
    "Unexpected argument “slack”: Vigie takes only options (vigie --help lists them)",
    "Argument inattendu" },
  { "missing-value", { "--check", "--feed", NULL }, NULL, "--feed" },
  { "poll-interval-not-a-number", { "--poll-interval=abc", NULL },
    "--poll-interval takes a number of seconds from 1 to 86400, not “abc”",
    "--poll-interval attend un nombre de secondes" },
  { "poll-interval-zero", { "--poll-interval=0", NULL },
    "--poll-interval takes a number of seconds from 1 to 86400, not “0”",
    "--poll-interval attend un nombre de secondes" },
  { "poll-interval-negative", { "--poll-interval=-5", NULL },
    "--poll-interval takes a number of seconds from 1 to 86400, not “-5”",
    "--poll-interval attend un nombre de secondes" },
  { "poll-interval-too-long", { "--poll-interval=86401", NULL },
    "--poll-interval takes a number of seconds from 1 to 86400, not “86401”",
    "--poll-interval attend un nombre de secondes" },
  { "demo-speed", { "--demo", "--demo-speed=fast", NULL },
    "--demo-speed takes a factor between 0.01 and 10000, not “fast”",
    "--demo-speed attend un facteur" },
  { "unknown-service", { "--check", "--service=nonexistent", NULL },
    "Unknown service “nonexistent” (vigie --list-services lists them)", "Service inconnu" },
  { "json-without-check", { "--json", NULL }, "--json goes with --check",
    "--json s’utilise avec --check" },
  { "feed-not-https", { "--check", "--feed=ftp://status.example.com/", NULL },
    "--feed takes an https: address (http: only on this computer), not "
    "“ftp://status.example.com/”",
    "--feed attend une adresse https:" },
  { "feed-http-elsewhere", { "--check", "--feed=http://status.example.com/", NULL },
    "--feed takes an https: address (http: only on this computer), not "
    "“http://status.example.com/”",
    "--feed attend une adresse https:" },
  { "feed-not-a-url", { "--check", "--feed=not-a-url", NULL },
    "--feed takes an https: address (http: only on this computer), not “not-a-url”",
    "--feed attend une adresse https:" },
  { "component-of-unwatched-service", { "--check", "--service=zoom", "--component=slack:Huddles",
                                        NULL },
    "--component takes SERVICE:COMPONENT, for a service being watched (not “slack:Huddles”)",
    "--component" },
  { "component-without-name", { "--check", "--service=slack", "--component=slack", NULL },
    "--component takes SERVICE:COMPONENT, for a service being watched (not “slack”)",
    "--component" },
  { "unknown-component", { "--check", "--service=slack", "--component=slack:Nonexistent", NULL },
    "Slack has no component “Nonexistent” (its components: Login/SSO, Messaging, "
    "Notifications, Search, Workspace/Org Administration, Canvases, Connectivity, Files, "
    "Huddles, Apps/Integrations/APIs, Workflows)",
    "Slack n’a pas de composant" },
};

static void
test_usage_error (Fixture       *f,
                  gconstpointer  user_data)
{
  const UsageCase *usage = user_data;
  const char *binary = g_getenv ("VIGIE_BINARY");
  const char *locales[] = { "C.UTF-8", "fr_FR.UTF-8" };

  for (guint l = 0; l < G_N_ELEMENTS (locales); l++)
    {
      g_autoptr(GSubprocessLauncher) launcher = NULL;
      g_autoptr(GSubprocess) process = NULL;
      g_autoptr(GPtrArray) argv = g_ptr_array_new ();
      g_autoptr(GBytes) out = NULL;
      g_autoptr(GBytes) err = NULL;
      g_autofree char *text = NULL;
      gsize size;
      const char *data;

      if (l == 1 && !vigie_test_locale_exists (locales[l]))
        return;

      g_ptr_array_add (argv, (gpointer) binary);
      for (guint i = 0; usage->args[i] != NULL; i++)
        g_ptr_array_add (argv, (gpointer) usage->args[i]);
      g_ptr_array_add (argv, NULL);

      launcher = vigie_test_vigie_launcher_new (locales[l], f->home);
      process = vigie_test_communicate (launcher, (const char * const *) argv->pdata,
                                        RUN_TIMEOUT_SECONDS, &out, &err);
      data = g_bytes_get_data (err, &size);
      text = g_strndup (data, size);
      g_test_message ("%s: %s", locales[l], text);

      /* never a monitoring result (0 to 3), nor GApplication's 1 */
      g_assert_true (g_subprocess_get_if_exited (process));
      g_assert_cmpint (g_subprocess_get_exit_status (process), ==, 64);
      g_assert_cmpuint (g_bytes_get_size (out), ==, 0);

      /* one line */
      g_assert_true (g_str_has_suffix (text, "\n"));
      g_assert_true (strchr (text, '\n') == text + strlen (text) - 1);
      text[strlen (text) - 1] = '\0';

      if (l == 0 && usage->english != NULL)
        g_assert_cmpstr (text, ==, usage->english);
      else if (l == 1)
        g_assert_nonnull (strstr (text, usage->french));
    }
}

static void
add (const char    *path,
     gconstpointer  data,
     void         (*func) (Fixture *, gconstpointer))
{
  g_test_add (path, Fixture, data, fixture_set_up, func, fixture_tear_down);
}

int
main (int   argc,
      char *argv[])
{
  vigie_test_loopback_only ();

  /* No G_TEST_OPTION_ISOLATE_DIRS: each run of the binary gets its own
   * HOME instead, and with several tests the option makes GLib leak the
   * previous test's directory names (on purpose), which LeakSanitizer
   * cannot tell from ours. */
  g_test_init (&argc, &argv, NULL);

  add ("/check/json/schema", NULL, test_json_schema);
  add ("/check/json/not-translated", NULL, test_json_not_translated);
  add ("/check/json/utf8-in-c-locale", "C", test_json_utf8_in_any_locale);
  add ("/check/json/utf8-in-posix-locale", "POSIX", test_json_utf8_in_any_locale);
  add ("/check/json/debug-logs", NULL, test_json_debug_logs);
  add ("/check/json/needs-check", NULL, test_json_needs_check);
  add ("/check/exit/0-operational", &exit_cases[0], test_exit_code);
  add ("/check/exit/1-minor", &exit_cases[1], test_exit_code);
  add ("/check/exit/2-major", &exit_cases[2], test_exit_code);
  add ("/check/exit/2-critical", &exit_cases[3], test_exit_code);
  add ("/check/exit/2-major-and-unknown", &exit_cases[4], test_exit_code);
  add ("/check/exit/1-minor-and-unknown", &exit_cases[5], test_exit_code);
  add ("/check/exit/3-unknown", &exit_cases[6], test_exit_code);
  add ("/check/exit/3-not-found", &exit_cases[7], test_exit_code);
  add ("/check/hostile-text", NULL, test_hostile_text);
  add ("/check/hanging-feed", NULL, test_hanging_feed);
  add ("/check/table/fr", "fr_FR.UTF-8", test_table);
  add ("/check/table/en", "en_US.UTF-8", test_table);

  for (guint i = 0; i < G_N_ELEMENTS (usage_cases); i++)
    {
      g_autofree char *path = g_strconcat ("/check/usage/", usage_cases[i].name, NULL);

      add (path, &usage_cases[i], test_usage_error);
    }

  return g_test_run ();
}
