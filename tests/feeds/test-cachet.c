/* test-cachet.c: Cachet's component list (GET /api/v1/components)
 *
 * Real responses only (tests/fixtures/cachet/SOURCES); the states no real
 * response shows are made from one by changing a single status, in memory.
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "vigie-feeds.h"
#include "vigie-limits.h"
#include "vigie-test-utils.h"

#define NOW "2026-11-29T02:30:00Z"

#define YOTI "cachet/yoti-components-2020-10.json"
#define TEST_INSTANCE "cachet/test-instance-components-2016-12.json"

/* @body with its @nth (0-based) occurrence of @from replaced by @to */
static GBytes *
edit_bytes (GBytes     *body,
            const char *from,
            guint       nth,
            const char *to)
{
  gsize size;
  const char *data = g_bytes_get_data (body, &size);
  g_autofree char *text = g_strndup (data, size);
  char *found = text;
  GString *edited;

  for (guint i = 0; i <= nth; i++)
    {
      found = strstr (i == 0 ? found : found + 1, from);
      g_assert_nonnull (found);
    }

  edited = g_string_new_len (text, found - text);
  g_string_append (edited, to);
  g_string_append (edited, found + strlen (from));

  return g_string_free_to_bytes (edited);
}

static GBytes *
edit_fixture (const char *path,
              const char *from,
              guint       nth,
              const char *to)
{
  g_autoptr(GBytes) body = vigie_test_load_fixture (path);

  return edit_bytes (body, from, nth, to);
}

static VigieSnapshot *
parse_both_ways (GBytes *body)
{
  g_autoptr(VigieSnapshot) forced = vigie_test_parse ("cachet", body, NOW);
  VigieSnapshot *detected = vigie_test_parse (NULL, body, NOW);

  g_assert_cmpstr (vigie_snapshot_get_format (detected), ==, "cachet");
  g_assert_cmpstr (vigie_snapshot_get_format (forced), ==, "cachet");
  g_assert_cmpint (vigie_snapshot_get_severity (forced), ==,
                   vigie_snapshot_get_severity (detected));

  return detected;
}

static void
assert_no_incidents (VigieSnapshot *snapshot)
{
  g_assert_cmpuint (vigie_snapshot_get_incidents (snapshot)->len, ==, 0);
  g_assert_cmpuint (vigie_snapshot_get_maintenances (snapshot)->len, ==, 0);
  g_assert_cmpuint (vigie_snapshot_get_resolved (snapshot)->len, ==, 0);
}

/* Yoti's page: seven components, one of them listed twice */
static void
test_cachet_yoti (void)
{
  g_autoptr(GBytes) body = vigie_test_load_fixture (YOTI);
  g_autoptr(VigieSnapshot) snapshot = parse_both_ways (body);
  GPtrArray *components = vigie_snapshot_get_components (snapshot);
  static const char * const names[] = {
    "Yoti Website", "Yoti Age Scan", "Yoti App", "Yoti Doc Scan", "Yoti Sign", "Yoti Hub",
  };

  vigie_test_assert_severity (snapshot, VIGIE_SEVERITY_OPERATIONAL);
  g_assert_null (vigie_snapshot_get_reason (snapshot));
  g_assert_null (vigie_snapshot_get_summary (snapshot));
  g_assert_null (vigie_snapshot_get_page_name (snapshot));
  g_assert_null (vigie_snapshot_get_page_url (snapshot));
  assert_no_incidents (snapshot);

  /* "Yoti Doc Scan" (groups 1 and 2) once, in the page's order */
  g_assert_cmpuint (components->len, ==, G_N_ELEMENTS (names));
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      const VigieComponent *component = g_ptr_array_index (components, i);

      g_assert_cmpstr (component->name, ==, names[i]);
      /* group_id is a number; the list never names its groups */
      g_assert_null (component->group);
      g_assert_cmpint (component->severity, ==, VIGIE_SEVERITY_OPERATIONAL);
    }

  g_assert_true (vigie_feeds_lists_all_components ("cachet"));
  g_assert_cmpstr (vigie_feeds_get_format_label ("cachet"), ==, "Cachet");
}

/* A test instance's answer: the status as a string of digits */
static void
test_cachet_string_status (void)
{
  g_autoptr(GBytes) body = vigie_test_load_fixture (TEST_INSTANCE);
  g_autoptr(VigieSnapshot) snapshot = parse_both_ways (body);
  g_autoptr(GBytes) outage = edit_fixture (TEST_INSTANCE, "\"status\":\"1\"", 0, "\"status\":\"4\"");
  g_autoptr(VigieSnapshot) down = parse_both_ways (outage);

  vigie_test_assert_severity (snapshot, VIGIE_SEVERITY_OPERATIONAL);
  g_assert_cmpuint (vigie_snapshot_get_components (snapshot)->len, ==, 1);
  vigie_test_assert_component (snapshot, "Test Component", NULL, VIGIE_SEVERITY_OPERATIONAL);
  assert_no_incidents (snapshot);

  vigie_test_assert_severity (down, VIGIE_SEVERITY_CRITICAL);
  vigie_test_assert_component (down, "Test Component", NULL, VIGIE_SEVERITY_CRITICAL);
  g_assert_cmpstr (vigie_snapshot_get_summary (down), ==, "Test Component");
}

/* Each documented status, set on Yoti's second component ("Yoti Age Scan") */
static void
test_cachet_statuses (void)
{
  static const struct
  {
    const char *status;
    VigieSeverity severity;
  } cases[] = {
    { "1", VIGIE_SEVERITY_OPERATIONAL },
    { "2", VIGIE_SEVERITY_MINOR },
    { "3", VIGIE_SEVERITY_MAJOR },
    { "4", VIGIE_SEVERITY_CRITICAL },
    { "\"2\"", VIGIE_SEVERITY_MINOR },
    { "\"4\"", VIGIE_SEVERITY_CRITICAL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *to = g_strdup_printf ("\"status\":%s", cases[i].status);
      g_autoptr(GBytes) body = edit_fixture (YOTI, "\"status\":1", 1, to);
      g_autoptr(VigieSnapshot) snapshot = parse_both_ways (body);
      g_autofree char *trouble = vigie_test_describe_trouble (snapshot);

      g_test_message ("status %s: %s", cases[i].status, trouble);
      vigie_test_assert_severity (snapshot, cases[i].severity);
      vigie_test_assert_component (snapshot, "Yoti Age Scan", NULL, cases[i].severity);
      vigie_test_assert_component (snapshot, "Yoti Website", NULL, VIGIE_SEVERITY_OPERATIONAL);
      g_assert_null (vigie_snapshot_get_reason (snapshot));
      if (cases[i].severity == VIGIE_SEVERITY_OPERATIONAL)
        g_assert_null (vigie_snapshot_get_summary (snapshot));
      else
        g_assert_cmpstr (vigie_snapshot_get_summary (snapshot), ==, "Yoti Age Scan");
    }

  /* of a component listed twice, the worse state counts */
  {
    g_autoptr(GBytes) body = edit_fixture (YOTI, "\"status\":1", 3, "\"status\":3");
    g_autoptr(VigieSnapshot) snapshot = parse_both_ways (body);

    vigie_test_assert_severity (snapshot, VIGIE_SEVERITY_MAJOR);
    vigie_test_assert_component (snapshot, "Yoti Doc Scan", NULL, VIGIE_SEVERITY_MAJOR);
    g_assert_cmpuint (vigie_snapshot_get_components (snapshot)->len, ==, 6);
  }

  /* a disabled component is not on the page; only a boolean disables */
  {
    g_autoptr(GBytes) status = edit_fixture (YOTI, "\"status\":1", 0, "\"status\":4");
    g_autoptr(GBytes) zero = edit_bytes (status, "\"enabled\":true", 0, "\"enabled\":0");
    g_autoptr(GBytes) disabled = edit_bytes (status, "\"enabled\":true", 0, "\"enabled\":false");
    g_autoptr(VigieSnapshot) shown = parse_both_ways (zero);
    g_autoptr(VigieSnapshot) hidden = parse_both_ways (disabled);

    vigie_test_assert_severity (shown, VIGIE_SEVERITY_CRITICAL);
    vigie_test_assert_severity (hidden, VIGIE_SEVERITY_OPERATIONAL);
    g_assert_null (vigie_test_find_component (hidden, "Yoti Website"));
    g_assert_cmpuint (vigie_snapshot_get_components (hidden)->len, ==, 5);
  }
}

/* A status Vigie does not know is unknown with a reason, never operational;
 * a real outage elsewhere on the page still shows */
static void
test_cachet_unknown (void)
{
  static const struct
  {
    const char *status;
    const char *reason;
  } cases[] = {
    { "0", "unknown component status \"0\"" },
    { "5", "unknown component status \"5\"" },
    { "\"\"", "unreadable component status" },
    { "\"1 \"", "unreadable component status" },
    { "\"01\"", "unknown component status \"01\"" },
    { "-1", "unreadable component status" },
    { "1.0", "unreadable component status" },
    { "true", "unreadable component status" },
    { "{\"human\":\"Operational\",\"value\":1}", "unreadable component status" },
    { "\"Operational\"", "unreadable component status" },
    { "null", "component without status" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *to = g_strdup_printf ("\"status\":%s", cases[i].status);
      g_autoptr(GBytes) body = edit_fixture (YOTI, "\"status\":1", 1, to);
      g_autoptr(VigieSnapshot) snapshot = parse_both_ways (body);
      g_autoptr(GBytes) with_outage = NULL;
      g_autoptr(VigieSnapshot) outage = NULL;
      gsize size;
      const char *data = g_bytes_get_data (body, &size);
      g_autofree char *text = g_strndup (data, size);
      char *first = strstr (text, "\"status\":1");

      g_test_message ("status %s", cases[i].status);
      vigie_test_assert_severity (snapshot, VIGIE_SEVERITY_UNKNOWN);
      vigie_test_assert_component (snapshot, "Yoti Age Scan", NULL, VIGIE_SEVERITY_UNKNOWN);
      g_assert_cmpstr (vigie_snapshot_get_reason (snapshot), ==, cases[i].reason);

      g_assert_nonnull (first);
      first[strlen ("\"status\":")] = '3';
      with_outage = g_bytes_new (text, strlen (text));
      outage = parse_both_ways (with_outage);
      vigie_test_assert_severity (outage, VIGIE_SEVERITY_MAJOR);
      g_assert_cmpstr (vigie_snapshot_get_summary (outage), ==, "Yoti Website");
    }

  /* an empty page is no news, good or bad */
  {
    const char *empty = "{\"meta\":{\"pagination\":{\"total\":0,\"count\":0}},\"data\":[]}";
    g_autoptr(GBytes) body = g_bytes_new_static (empty, strlen (empty));
    g_autoptr(VigieSnapshot) snapshot = parse_both_ways (body);

    vigie_test_assert_severity (snapshot, VIGIE_SEVERITY_UNKNOWN);
    g_assert_cmpstr (vigie_snapshot_get_reason (snapshot), ==, "no readable component");
  }
}

/* Wrong shapes, huge lists, long and dirty names: bounded and clean */
static void
test_cachet_hostile (void)
{
  /* detected by its first element, then nothing readable */
  static const char * const unreadable[] = {
    "{\"meta\":{\"pagination\":{}},\"data\":[{\"name\":\"\",\"status\":1,\"group_id\":0},"
    "1,\"x\",null,[],{\"status\":2},{\"name\":7,\"status\":1},{\"name\":\"\\u0007 \",\"status\":4}]}",
    "{\"meta\":{\"pagination\":{}},\"data\":[{\"name\":null,\"status\":4,\"status_name\":\"x\"}]}",
  };
  /* not a component list at all */
  static const char * const wrong[] = {
    "{\"meta\":{\"pagination\":{}},\"data\":[1,{\"name\":\"a\",\"status\":1,\"group_id\":0}]}",
    "{\"meta\":{\"pagination\":{}},\"data\":[{\"name\":\"a\",\"status\":1}]}",
    "{\"meta\":{\"pagination\":[]},\"data\":[{\"name\":\"a\",\"status\":1,\"group_id\":0}]}",
    "{\"meta\":{},\"data\":[{\"name\":\"a\",\"status\":1,\"group_id\":0}]}",
    "{\"meta\":{\"pagination\":{}},\"data\":{\"name\":\"a\",\"status\":1,\"group_id\":0}}",
    "[{\"meta\":{\"pagination\":{}},\"data\":[]}]",
  };
  g_autoptr(GString) big = g_string_new ("{\"meta\":{\"pagination\":{\"total\":1}},\"data\":[");
  g_autoptr(GBytes) big_body = NULL;
  g_autoptr(VigieSnapshot) big_snapshot = NULL;
  g_autoptr(GString) dirty = g_string_new (NULL);
  g_autoptr(GBytes) dirty_body = NULL;
  g_autoptr(VigieSnapshot) dirty_snapshot = NULL;
  const VigieComponent *component;

  for (guint i = 0; i < G_N_ELEMENTS (unreadable); i++)
    {
      g_autoptr(GBytes) body = g_bytes_new_static (unreadable[i], strlen (unreadable[i]));
      g_autoptr(VigieSnapshot) snapshot = parse_both_ways (body);

      vigie_test_assert_severity (snapshot, VIGIE_SEVERITY_UNKNOWN);
      g_assert_cmpstr (vigie_snapshot_get_reason (snapshot), ==, "no readable component");
      g_assert_cmpuint (vigie_snapshot_get_components (snapshot)->len, ==, 0);
    }

  for (guint i = 0; i < G_N_ELEMENTS (wrong); i++)
    {
      g_autoptr(GBytes) body = g_bytes_new_static (wrong[i], strlen (wrong[i]));
      g_autoptr(GError) error = vigie_test_parse_error ("cachet", body, NOW);
      g_autoptr(GDateTime) now = vigie_test_time_at (NOW);
      g_autoptr(GError) detect_error = NULL;
      g_autoptr(VigieSnapshot) detected = vigie_feeds_parse (NULL, body, now, &detect_error);

      g_assert_error (error, VIGIE_FEED_ERROR, VIGIE_FEED_ERROR_WRONG_FORMAT);
      g_assert_cmpstr (error->message, ==, "not a cachet feed");
      g_assert_null (detected);
    }

  /* far more components than a snapshot keeps; the last one is down */
  for (guint i = 0; i < VIGIE_MAX_COMPONENTS * 3; i++)
    g_string_append_printf (big, "%s{\"name\":\"c%u\",\"status\":%d,\"group_id\":0}",
                            i == 0 ? "" : ",", i, i == VIGIE_MAX_COMPONENTS * 3 - 1 ? 4 : 1);
  g_string_append (big, "]}");
  big_body = g_bytes_new (big->str, big->len);
  big_snapshot = parse_both_ways (big_body);
  g_assert_cmpuint (vigie_snapshot_get_components (big_snapshot)->len, <=, VIGIE_MAX_COMPONENTS);
  /* what was not kept still counts */
  vigie_test_assert_severity (big_snapshot, VIGIE_SEVERITY_CRITICAL);

  /* a long name with controls, bidirectional marks and markup */
  g_string_append (dirty, "{\"meta\":{\"pagination\":{}},\"data\":[{\"name\":\"\\u202eevil\\u0007 <b>x</b> ");
  for (guint i = 0; i < 5000; i++)
    g_string_append_c (dirty, 'a');
  g_string_append (dirty, "\",\"status\":2,\"status_name\":\"Performance Issues\"}]}");
  dirty_body = g_bytes_new (dirty->str, dirty->len);
  dirty_snapshot = parse_both_ways (dirty_body);
  vigie_test_assert_severity (dirty_snapshot, VIGIE_SEVERITY_MINOR);
  component = g_ptr_array_index (vigie_snapshot_get_components (dirty_snapshot), 0);
  g_assert_true (g_utf8_validate (component->name, -1, NULL));
  g_assert_cmpuint (g_utf8_strlen (component->name, -1), <=, VIGIE_MAX_NAME_CHARS + 1);
  g_assert_null (strchr (component->name, '\a'));
  g_assert_null (strstr (component->name, "\xe2\x80\xae"));
  g_assert_true (g_str_has_prefix (vigie_snapshot_get_summary (dirty_snapshot), "evil"));

  /* nested too deep, or not JSON at all: errors, never a state */
  {
    g_autoptr(GString) deep = g_string_new ("{\"meta\":{\"pagination\":{}},\"data\":[");
    g_autoptr(GBytes) body = NULL;
    g_autoptr(GError) error = NULL;

    for (guint i = 0; i < 1000; i++)
      g_string_append_c (deep, '[');
    body = g_bytes_new (deep->str, deep->len);
    error = vigie_test_parse_error ("cachet", body, NOW);
    g_assert_error (error, VIGIE_FEED_ERROR, VIGIE_FEED_ERROR_TOO_DEEP);
  }
}

static void
assert_not_cachet (const char *label,
                   GBytes     *body,
                   gpointer    user_data)
{
  guint *n_seen = user_data;
  g_autoptr(GDateTime) now = vigie_test_time_at (NOW);
  g_autoptr(GError) error = NULL;
  g_autoptr(VigieSnapshot) detected = vigie_feeds_parse (NULL, body, now, &error);
  g_autoptr(VigieSnapshot) forced = NULL;

  g_test_message ("%s: %s", label,
                  detected != NULL ? vigie_snapshot_get_format (detected) : error->message);
  if (detected != NULL)
    g_assert_cmpstr (vigie_snapshot_get_format (detected), !=, "cachet");
  g_clear_error (&error);

  /* named as Cachet by mistake: an error, never a state */
  forced = vigie_feeds_parse ("cachet", body, now, &error);
  g_assert_null (forced);
  g_assert_nonnull (error);
  g_assert_true (error->domain == VIGIE_FEED_ERROR);
  (*n_seen)++;
}

/* No other format's fixture, project or captured, reads as Cachet */
static void
test_cachet_not_others (void)
{
  static const char * const skip[] = { "cachet", NULL };
  guint n_seen = 0;

  vigie_test_foreach_fixture (skip, assert_not_cachet, &n_seen);
  g_test_message ("%u fixtures of other formats", n_seen);
  g_assert_cmpuint (n_seen, >=, 60);
}

/* and a Cachet list never reads as another format, detected or named */
static void
test_cachet_not_read_as_others (void)
{
  static const char * const paths[] = { YOTI, TEST_INSTANCE };
  const char * const *formats = vigie_feeds_list_formats ();

  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    for (guint j = 0; formats[j] != NULL; j++)
      {
        g_autoptr(GBytes) body = vigie_test_load_fixture (paths[i]);
        g_autoptr(GDateTime) now = vigie_test_time_at (NOW);
        g_autoptr(GError) error = NULL;
        g_autoptr(VigieSnapshot) snapshot = NULL;

        if (g_str_equal (formats[j], "cachet"))
          continue;

        snapshot = vigie_feeds_parse (formats[j], body, now, &error);
        g_test_message ("%s as %s: %s", paths[i], formats[j],
                        snapshot != NULL ? vigie_severity_to_string (
                                             vigie_snapshot_get_severity (snapshot))
                                         : error->message);
        /* refused, or at worst unknown: never a state read from it */
        if (snapshot != NULL)
          vigie_test_assert_severity (snapshot, VIGIE_SEVERITY_UNKNOWN);
      }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/feeds/cachet/yoti", test_cachet_yoti);
  g_test_add_func ("/feeds/cachet/string-status", test_cachet_string_status);
  g_test_add_func ("/feeds/cachet/statuses", test_cachet_statuses);
  g_test_add_func ("/feeds/cachet/unknown", test_cachet_unknown);
  g_test_add_func ("/feeds/cachet/hostile", test_cachet_hostile);
  g_test_add_func ("/feeds/cachet/not-others", test_cachet_not_others);
  g_test_add_func ("/feeds/cachet/not-read-as-others", test_cachet_not_read_as_others);

  return g_test_run ();
}
