/* test-settings.c: every settings key's effect, through VigieSettings
 *
 * A fresh in-memory GSettings backend per test, the schema compiled in
 * the build tree (GSETTINGS_SCHEMA_DIR), a real VigieMonitor polling
 * feeds served on 127.0.0.1 (catalog feeds moved there with
 * VIGIE_TEST_FEED_BASE) and a real VigiePolicy asked to route synthetic
 * events with an injected clock.  Each key is changed while everything
 * runs: its effect must follow at once.
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#define G_SETTINGS_ENABLE_BACKEND
#include <gio/gsettingsbackend.h>
#include <glib/gstdio.h>
#include <string.h>

#include "vigie-autostart.h"
#include "vigie-monitor.h"
#include "vigie-policy.h"
#include "vigie-settings.h"
#include "vigie-test-utils.h"
#include "vigie-tracker.h"

#define TIMEOUT 20

/* In sanitizer builds: whole stacks for tests/lsan.supp (see test-window.c) */
const char *__asan_default_options (void);

const char *
__asan_default_options (void)
{
  return "fast_unwind_on_malloc=0";
}

#define SHOW VIGIE_ROUTE_SHOW
#define HOLD VIGIE_ROUTE_HOLD
#define DROP VIGIE_ROUTE_DROP

/* The catalog's Zoom and GitHub feeds, under VIGIE_TEST_FEED_BASE */
#define ZOOM_PATH "/status.zoom.us/api/v2/summary.json"
#define GITHUB_PATH "/www.githubstatus.com/api/v2/summary.json"
#define CUSTOM_PATH "/acme/summary.json"

typedef struct
{
  SoupServer *server;
  GHashTable *bodies;   /* path -> body */
  GHashTable *hits;     /* path -> count */
  GSettingsBackend *backend;
  GSettings *gsettings;
  VigieMonitor *monitor;
  VigiePolicy *policy;
  VigieSettings *settings;
  GPtrArray *removed;   /* ids reported gone, over the test */
  guint services_changed;
  guint quiet_changed;
  guint pause_changed;
  guint polled;
} Fixture;

/* ---------------------------------------------------------------------- */
/* Feeds                                                                   */

static char *
statuspage_body (const char *name,
                 const char *api_status,
                 const char *indicator)
{
  return g_strdup_printf (
    "{\"page\":{\"id\":\"p\",\"name\":\"%s\",\"url\":\"https://status.example.com\"},"
    "\"status\":{\"indicator\":\"%s\",\"description\":\"x\"},"
    "\"components\":[{\"id\":\"c1\",\"name\":\"API\",\"status\":\"%s\"},"
    "{\"id\":\"c2\",\"name\":\"Web\",\"status\":\"operational\"}],"
    "\"incidents\":[],\"scheduled_maintenances\":[]}",
    name, indicator, api_status);
}

static void
server_cb (SoupServer        *server,
           SoupServerMessage *message,
           const char        *path,
           GHashTable        *query,
           gpointer           user_data)
{
  Fixture *f = user_data;
  const char *body = g_hash_table_lookup (f->bodies, path);

  g_hash_table_insert (f->hits, g_strdup (path),
                       GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (f->hits, path))
                                         + 1));

  if (body == NULL)
    {
      soup_server_message_set_status (message, SOUP_STATUS_NOT_FOUND, NULL);
      return;
    }

  soup_server_message_set_status (message, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (message, "application/json", SOUP_MEMORY_COPY, body,
                                    strlen (body));
}

static guint
hits (Fixture    *f,
      const char *path)
{
  return GPOINTER_TO_UINT (g_hash_table_lookup (f->hits, path));
}

static void
serve (Fixture    *f,
       const char *path,
       char       *body)
{
  g_hash_table_insert (f->bodies, g_strdup (path), body);
}

/* ---------------------------------------------------------------------- */
/* Waiting                                                                 */

static gboolean
path_was_hit (gpointer       fixture,
              gconstpointer  path)
{
  Fixture *f = fixture;

  return hits (f, path) > 0;
}

/* ---------------------------------------------------------------------- */
/* Fixture                                                                 */

static void
services_changed_cb (VigieSettings *settings,
                     GStrv          removed,
                     Fixture       *f)
{
  f->services_changed++;
  for (guint i = 0; removed[i] != NULL; i++)
    g_ptr_array_add (f->removed, g_strdup (removed[i]));
}

static void
quiet_changed_cb (VigieSettings *settings,
                  Fixture       *f)
{
  f->quiet_changed++;
}

static void
pause_changed_cb (VigieSettings *settings,
                  Fixture       *f)
{
  f->pause_changed++;
}

static void
polled_cb (VigieMonitor *monitor,
           VigieService *service,
           Fixture      *f)
{
  f->polled++;
}

static GSettings *
new_gsettings (GSettingsBackend *backend)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  g_assert_nonnull (source);
  schema = g_settings_schema_source_lookup (source, APP_ID, FALSE);
  g_assert_nonnull (schema);

  return g_settings_new_full (schema, backend, NULL);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *base = NULL;

  f->bodies = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  f->hits = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  f->removed = g_ptr_array_new_with_free_func (g_free);
  f->server = vigie_test_server_new ();
  soup_server_add_handler (f->server, NULL, server_cb, f, NULL);

  base = vigie_test_server_url (f->server, "/");
  g_setenv ("VIGIE_TEST_FEED_BASE", base, TRUE);

  f->backend = g_memory_settings_backend_new ();
  f->gsettings = new_gsettings (f->backend);
  f->monitor = vigie_monitor_new ();
  f->policy = vigie_policy_new ();
  g_signal_connect (f->monitor, "service-polled", G_CALLBACK (polled_cb), f);
}

/* The settings object over the fixture's, applied */
static void
fixture_apply (Fixture *f)
{
  f->settings = vigie_settings_new (f->gsettings, f->monitor, f->policy);
  g_signal_connect (f->settings, "services-changed", G_CALLBACK (services_changed_cb), f);
  g_signal_connect (f->settings, "quiet-hours-changed", G_CALLBACK (quiet_changed_cb), f);
  g_signal_connect (f->settings, "pause-changed", G_CALLBACK (pause_changed_cb), f);
  vigie_settings_apply (f->settings);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  if (f->settings != NULL)
    g_object_run_dispose (G_OBJECT (f->settings));
  g_clear_object (&f->settings);
  g_signal_handlers_disconnect_by_data (f->monitor, f);
  g_object_run_dispose (G_OBJECT (f->monitor));
  g_clear_object (&f->monitor);
  g_clear_object (&f->policy);
  g_clear_object (&f->gsettings);
  g_clear_object (&f->backend);
  soup_server_disconnect (f->server);
  g_clear_object (&f->server);
  g_clear_pointer (&f->bodies, g_hash_table_unref);
  g_clear_pointer (&f->hits, g_hash_table_unref);
  g_clear_pointer (&f->removed, g_ptr_array_unref);
  g_unsetenv ("VIGIE_TEST_FEED_BASE");

  vigie_test_let_idles_run ();
}

static GStrv
monitor_ids (Fixture *f)
{
  GPtrArray *services = vigie_monitor_get_services (f->monitor);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; i < services->len; i++)
    g_strv_builder_add (builder, vigie_service_get_id (g_ptr_array_index (services, i)));

  return g_strv_builder_end (builder);
}

static void
assert_watching (Fixture    *f,
                 const char *expected)
{
  g_auto(GStrv) ids = monitor_ids (f);
  g_autofree char *joined = g_strjoinv (",", ids);

  g_assert_cmpstr (joined, ==, expected);
}

static void
set_strv (GSettings  *settings,
          const char *key,
          const char *first,
          ...)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) values = NULL;
  va_list args;

  va_start (args, first);
  for (const char *value = first; value != NULL; value = va_arg (args, const char *))
    g_strv_builder_add (builder, value);
  va_end (args);

  values = g_strv_builder_end (builder);
  g_settings_set_strv (settings, key, (const char * const *) values);
}

/* ---------------------------------------------------------------------- */
/* What is watched                                                         */

/* selected-services: the catalog services polled, live; unknown ids
 * ignored; a service kept from one list to the next keeps its object */
static void
test_selected_services (Fixture       *f,
                        gconstpointer  data)
{
  VigieService *zoom;

  serve (f, ZOOM_PATH, statuspage_body ("Zoom", "operational", "none"));
  serve (f, GITHUB_PATH, statuspage_body ("GitHub", "operational", "none"));

  set_strv (f->gsettings, "selected-services", "zoom", "no-such-tool", NULL);
  fixture_apply (f);
  assert_watching (f, "zoom");
  g_assert_cmpuint (f->services_changed, ==, 1);

  vigie_monitor_set_interval (f->monitor, 3600);
  vigie_monitor_start (f->monitor);
  vigie_test_run_until (path_was_hit, f, ZOOM_PATH, TIMEOUT);
  g_assert_cmpuint (hits (f, GITHUB_PATH), ==, 0);
  zoom = vigie_monitor_lookup (f->monitor, "zoom");

  /* added: polled at once */
  set_strv (f->gsettings, "selected-services", "zoom", "github", NULL);
  vigie_test_run_until (path_was_hit, f, GITHUB_PATH, TIMEOUT);
  assert_watching (f, "zoom,github");
  g_assert_true (vigie_monitor_lookup (f->monitor, "zoom") == zoom);
  g_assert_cmpuint (f->removed->len, ==, 0);

  /* removed: reported, no longer polled */
  set_strv (f->gsettings, "selected-services", "github", NULL);
  vigie_test_let_idles_run ();
  assert_watching (f, "github");
  g_assert_cmpuint (f->removed->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (f->removed, 0), ==, "zoom");

  /* through VigieSettings, as the preferences do */
  vigie_settings_set_selected (f->settings, "zoom", TRUE);
  vigie_test_let_idles_run ();
  assert_watching (f, "github,zoom");
  g_assert_true (vigie_settings_is_selected (f->settings, "zoom"));
  vigie_settings_set_selected (f->settings, "github", FALSE);
  vigie_test_let_idles_run ();
  assert_watching (f, "zoom");
  {
    g_auto(GStrv) ids = g_settings_get_strv (f->gsettings, "selected-services");

    g_assert_cmpuint (g_strv_length (ids), ==, 1);
    g_assert_cmpstr (ids[0], ==, "zoom");
  }
}

/* custom-feeds: watched under the saved name, polled at once, forgotten
 * with their settings when removed */
static void
test_custom_feeds (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *url = vigie_test_server_url (f->server, CUSTOM_PATH);
  g_autofree char *id = vigie_settings_custom_feed_id (url);
  g_autofree char *other_id = vigie_settings_custom_feed_id ("https://status.example.org/");
  VigieService *service;

  g_assert_true (g_str_has_prefix (id, VIGIE_SETTINGS_CUSTOM_PREFIX));
  g_assert_cmpstr (id, !=, other_id);
  {
    g_autofree char *again = vigie_settings_custom_feed_id (url);

    g_assert_cmpstr (id, ==, again);
  }

  serve (f, CUSTOM_PATH, statuspage_body ("Acme", "operational", "none"));
  set_strv (f->gsettings, "selected-services", NULL);
  fixture_apply (f);
  assert_watching (f, "");
  vigie_monitor_set_interval (f->monitor, 3600);
  vigie_monitor_start (f->monitor);

  g_assert_true (vigie_settings_add_custom_feed (f->settings, "Acme Cloud", url));
  g_assert_false (vigie_settings_add_custom_feed (f->settings, "Acme again", url));
  vigie_test_run_until (path_was_hit, f, CUSTOM_PATH, TIMEOUT);
  assert_watching (f, id);
  service = vigie_monitor_lookup (f->monitor, id);
  g_assert_cmpstr (vigie_service_get_display_name (service), ==, "Acme Cloud");
  g_assert_cmpstr (vigie_service_get_feed_url (service), ==, url);

  vigie_settings_set_service_level (f->settings, id, "major");
  vigie_settings_set_components (f->settings, id, (const char * const[]) { "API", NULL });
  vigie_test_let_idles_run ();

  vigie_settings_remove_custom_feed (f->settings, id);
  vigie_test_let_idles_run ();
  assert_watching (f, "");
  g_assert_cmpuint (f->removed->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (f->removed, 0), ==, id);
  {
    g_autoptr(GVariant) filters = g_settings_get_value (f->gsettings, "component-filters");
    g_autoptr(GVariant) levels = g_settings_get_value (f->gsettings, "alert-levels");

    g_assert_cmpuint (g_variant_n_children (filters), ==, 0);
    g_assert_cmpuint (g_variant_n_children (levels), ==, 0);
  }
}

static gboolean
polled_at_least (gpointer       fixture,
                 gconstpointer  data)
{
  Fixture *f = fixture;

  return f->polled >= GPOINTER_TO_UINT (data);
}

/* component-filters: the service's state follows its chosen components,
 * at once and without fetching again */
static void
test_component_filters (Fixture       *f,
                        gconstpointer  data)
{
  VigieService *zoom;
  guint polls;
  guint requests;

  serve (f, ZOOM_PATH, statuspage_body ("Zoom", "major_outage", "major"));
  set_strv (f->gsettings, "selected-services", "zoom", NULL);
  fixture_apply (f);
  vigie_monitor_set_interval (f->monitor, 3600);
  vigie_monitor_start (f->monitor);
  vigie_test_run_until (polled_at_least, f, GUINT_TO_POINTER (1), TIMEOUT);

  zoom = vigie_monitor_lookup (f->monitor, "zoom");
  g_assert_cmpint (vigie_service_get_severity (zoom), ==, VIGIE_SEVERITY_MAJOR);

  /* only Web, which is fine */
  polls = f->polled;
  requests = hits (f, ZOOM_PATH);
  vigie_settings_set_components (f->settings, "zoom", (const char * const[]) { "Web", NULL });
  vigie_test_run_until (polled_at_least, f, GUINT_TO_POINTER (polls + 1), TIMEOUT);
  g_assert_true (vigie_monitor_lookup (f->monitor, "zoom") == zoom);
  g_assert_cmpint (vigie_service_get_severity (zoom), ==, VIGIE_SEVERITY_OPERATIONAL);
  g_assert_cmpuint (hits (f, ZOOM_PATH), ==, requests);
  {
    g_auto(GStrv) components = vigie_settings_dup_components (f->settings, "zoom");

    g_assert_cmpuint (g_strv_length (components), ==, 1);
    g_assert_cmpstr (components[0], ==, "Web");
  }

  /* API again: the outage shows */
  polls = f->polled;
  vigie_settings_set_components (f->settings, "zoom",
                                 (const char * const[]) { "API", "Web", NULL });
  vigie_test_run_until (polled_at_least, f, GUINT_TO_POINTER (polls + 1), TIMEOUT);
  g_assert_cmpint (vigie_service_get_severity (zoom), ==, VIGIE_SEVERITY_MAJOR);

  /* none: the whole service */
  polls = f->polled;
  vigie_settings_set_components (f->settings, "zoom", NULL);
  vigie_test_let_idles_run ();
  g_assert_null (vigie_service_get_components (zoom));
  g_assert_cmpint (vigie_service_get_severity (zoom), ==, VIGIE_SEVERITY_MAJOR);
  {
    g_autoptr(GVariant) filters = g_settings_get_value (f->gsettings, "component-filters");

    g_assert_cmpuint (g_variant_n_children (filters), ==, 0);
  }
  g_assert_cmpuint (f->services_changed, ==, 1);
}

/* poll-interval reaches the monitor, unless --poll-interval fixed it */
static void
test_poll_interval (Fixture       *f,
                    gconstpointer  data)
{
  g_settings_set_uint (f->gsettings, "poll-interval", 300);
  fixture_apply (f);
  g_assert_cmpuint (vigie_monitor_get_interval (f->monitor), ==, 300);

  g_settings_set_uint (f->gsettings, "poll-interval", 45);
  vigie_test_let_idles_run ();
  g_assert_cmpuint (vigie_monitor_get_interval (f->monitor), ==, 45);

  vigie_settings_set_fixed_interval (f->settings, 2);
  g_assert_cmpuint (vigie_monitor_get_interval (f->monitor), ==, 2);
  g_settings_set_uint (f->gsettings, "poll-interval", 600);
  vigie_test_let_idles_run ();
  g_assert_cmpuint (vigie_monitor_get_interval (f->monitor), ==, 2);
}

/* The command line's services win for the run, and the settings stay */
static void
test_fixed_services (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GPtrArray) services = g_ptr_array_new_with_free_func (g_object_unref);

  g_ptr_array_add (services, vigie_service_new ("feed-1", NULL, NULL, "http://127.0.0.1:9/x",
                                                NULL));
  f->settings = vigie_settings_new (f->gsettings, f->monitor, f->policy);
  vigie_settings_set_fixed_services (f->settings, services);
  vigie_settings_apply (f->settings);
  g_assert_true (vigie_settings_has_fixed_services (f->settings));
  assert_watching (f, "feed-1");

  set_strv (f->gsettings, "selected-services", "zoom", "github", NULL);
  vigie_test_let_idles_run ();
  assert_watching (f, "feed-1");
}

/* No schema: the catalog's defaults, and a pause kept for the run */
static void
test_no_schema (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) later = g_date_time_add_hours (now, 1);
  g_autoptr(GDateTime) paused_until = NULL;
  g_auto(GStrv) ids = vigie_settings_dup_service_ids (NULL);

  f->settings = vigie_settings_new (NULL, f->monitor, f->policy);
  g_signal_connect (f->settings, "pause-changed", G_CALLBACK (pause_changed_cb), f);
  vigie_settings_apply (f->settings);
  assert_watching (f, "slack,zoom,google-workspace,microsoft-365");
  g_assert_cmpuint (g_strv_length (ids), ==, 4);

  vigie_settings_set_paused_until (f->settings, later);
  g_assert_cmpuint (f->pause_changed, ==, 1);
  g_assert_true (vigie_policy_is_paused (f->policy, now));
  paused_until = vigie_settings_dup_paused_until (f->settings);
  g_assert_true (g_date_time_equal (paused_until, later));
  vigie_settings_set_paused_until (f->settings, NULL);
  g_assert_false (vigie_policy_is_paused (f->policy, now));
  g_assert_false (vigie_settings_add_custom_feed (f->settings, "x", "https://example.com/"));
}

/* ---------------------------------------------------------------------- */
/* When to notify: the policy follows, checked with synthetic events       */

static GDateTime *
paris (int month,
       int day,
       int hour,
       int minute)
{
  return g_date_time_new_local (2026, month, day, hour, minute, 0);
}

static VigieEvent *
event_new (VigieEventKind  kind,
           const char     *service_id,
           const char     *slot,
           VigieSeverity   severity,
           GDateTime      *started_at)
{
  VigieEvent *event = g_new0 (VigieEvent, 1);

  event->kind = kind;
  event->service_id = g_strdup (service_id);
  event->service_name = g_strdup (service_id);
  event->slot = g_strdup (slot);
  event->severity = severity;
  event->previous_severity = severity;
  event->incident_severity = severity;
  event->title = g_strdup ("Trouble");
  event->started_at = started_at != NULL ? g_date_time_ref (started_at) : NULL;
  if (kind == VIGIE_EVENT_MAINTENANCE_SCHEDULED || kind == VIGIE_EVENT_MAINTENANCE_STARTED)
    event->incident_severity = VIGIE_SEVERITY_MAINTENANCE;

  return event;
}

static VigieRoute
route (Fixture        *f,
       VigieEventKind  kind,
       const char     *service_id,
       const char     *slot,
       VigieSeverity   severity,
       GDateTime      *now)
{
  g_autoptr(VigieEvent) event = event_new (kind, service_id, slot, severity, now);

  return vigie_policy_route (f->policy, event, now);
}

static VigieRoute
route_closed (Fixture       *f,
              const char    *service_id,
              const char    *slot,
              VigieSeverity  was,
              GDateTime     *started_at,
              GDateTime     *now)
{
  g_autoptr(VigieEvent) event = event_new (VIGIE_EVENT_CLOSED, service_id, slot,
                                           VIGIE_SEVERITY_OPERATIONAL, started_at);

  event->previous_severity = was;
  event->incident_severity = was;
  event->ended_at = g_date_time_ref (now);
  event->recovered = TRUE;

  return vigie_policy_route (f->policy, event, now);
}

/* default-alert-level and alert-levels, "muted" included */
static void
test_alert_levels (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GDateTime) now = paris (11, 23, 10, 0);

  fixture_apply (f);
  g_assert_cmpint (vigie_policy_get_level (f->policy, "slack"), ==, VIGIE_ALERT_LEVEL_ALL);
  g_assert_cmpint (route (f, VIGIE_EVENT_OPENED, "slack", "a", VIGIE_SEVERITY_MINOR, now), ==,
                   SHOW);

  g_settings_set_string (f->gsettings, "default-alert-level", "major");
  vigie_test_let_idles_run ();
  g_assert_cmpint (vigie_policy_get_level (f->policy, "zoom"), ==, VIGIE_ALERT_LEVEL_MAJOR);
  g_assert_cmpint (route (f, VIGIE_EVENT_OPENED, "zoom", "b", VIGIE_SEVERITY_MINOR, now), ==,
                   DROP);
  g_assert_cmpint (route (f, VIGIE_EVENT_OPENED, "zoom", "c", VIGIE_SEVERITY_MAJOR, now), ==,
                   SHOW);

  /* one service of its own; an unknown word is the default */
  vigie_settings_set_service_level (f->settings, "github", "minor");
  g_settings_set_value (f->gsettings, "alert-levels",
                        g_variant_new_parsed ("{'github': 'minor', 'jira': 'sometimes'}"));
  vigie_test_let_idles_run ();
  g_assert_cmpint (vigie_policy_get_level (f->policy, "github"), ==, VIGIE_ALERT_LEVEL_ALL);
  g_assert_cmpint (vigie_policy_get_level (f->policy, "jira"), ==, VIGIE_ALERT_LEVEL_MAJOR);
  g_assert_cmpint (route (f, VIGIE_EVENT_OPENED, "github", "d", VIGIE_SEVERITY_MINOR, now), ==,
                   SHOW);

  /* muted: nothing, maintenances included */
  vigie_settings_set_service_level (f->settings, "github", "muted");
  vigie_test_let_idles_run ();
  {
    g_autofree char *level = vigie_settings_dup_service_level (f->settings, "github");

    g_assert_cmpstr (level, ==, "muted");
  }
  g_assert_cmpint (vigie_policy_get_level (f->policy, "github"), ==, VIGIE_ALERT_LEVEL_MUTED);
  g_assert_cmpint (route (f, VIGIE_EVENT_OPENED, "github", "e", VIGIE_SEVERITY_CRITICAL, now), ==,
                   DROP);
  g_assert_cmpint (route (f, VIGIE_EVENT_MAINTENANCE_STARTED, "github", "maintenance:m",
                          VIGIE_SEVERITY_MAINTENANCE, now), ==, DROP);

  /* the default muted too: the schema's enum knows the word */
  g_settings_set_string (f->gsettings, "default-alert-level", "muted");
  vigie_test_let_idles_run ();
  g_assert_cmpint (vigie_policy_get_level (f->policy, "zoom"), ==, VIGIE_ALERT_LEVEL_MUTED);

  /* back to the default */
  vigie_settings_set_service_level (f->settings, "github", NULL);
  g_settings_set_string (f->gsettings, "default-alert-level", "critical");
  vigie_test_let_idles_run ();
  g_assert_null (vigie_settings_dup_service_level (f->settings, "github"));
  g_assert_cmpint (vigie_policy_get_level (f->policy, "github"), ==, VIGIE_ALERT_LEVEL_CRITICAL);

  /* "maintenance", the schema's lowest word, means every trouble */
  g_settings_set_string (f->gsettings, "default-alert-level", "maintenance");
  vigie_test_let_idles_run ();
  g_assert_cmpint (vigie_policy_get_level (f->policy, "zoom"), ==, VIGIE_ALERT_LEVEL_ALL);
}

/* recovery-notices and maintenance-notices */
static void
test_notices (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GDateTime) start = paris (11, 23, 10, 0);
  g_autoptr(GDateTime) end = paris (11, 23, 11, 0);

  fixture_apply (f);

  /* recoveries on: told */
  g_assert_cmpint (route (f, VIGIE_EVENT_OPENED, "slack", "a", VIGIE_SEVERITY_MAJOR, start), ==,
                   SHOW);
  g_assert_cmpint (route_closed (f, "slack", "a", VIGIE_SEVERITY_MAJOR, start, end), ==, SHOW);

  /* off: not */
  g_settings_set_boolean (f->gsettings, "recovery-notices", FALSE);
  vigie_test_let_idles_run ();
  g_assert_cmpint (route (f, VIGIE_EVENT_OPENED, "slack", "b", VIGIE_SEVERITY_MAJOR, start), ==,
                   SHOW);
  g_assert_cmpint (route_closed (f, "slack", "b", VIGIE_SEVERITY_MAJOR, start, end), ==, DROP);

  /* maintenances: in progress by default, not announced */
  g_assert_cmpint (route (f, VIGIE_EVENT_MAINTENANCE_SCHEDULED, "zoom", "maintenance:1",
                          VIGIE_SEVERITY_MAINTENANCE, start), ==, DROP);
  g_assert_cmpint (route (f, VIGIE_EVENT_MAINTENANCE_STARTED, "zoom", "maintenance:1",
                          VIGIE_SEVERITY_MAINTENANCE, start), ==, SHOW);

  g_settings_set_string (f->gsettings, "maintenance-notices", "scheduled");
  vigie_test_let_idles_run ();
  g_assert_cmpint (route (f, VIGIE_EVENT_MAINTENANCE_SCHEDULED, "zoom", "maintenance:2",
                          VIGIE_SEVERITY_MAINTENANCE, start), ==, SHOW);

  g_settings_set_string (f->gsettings, "maintenance-notices", "never");
  vigie_test_let_idles_run ();
  g_assert_cmpint (route (f, VIGIE_EVENT_MAINTENANCE_STARTED, "zoom", "maintenance:3",
                          VIGIE_SEVERITY_MAINTENANCE, start), ==, DROP);
}

/* Quiet hours: 22:00 to 7:00 on weekdays.  An incident that starts at
 * 23:00 on Friday and ends at 1:30 on Saturday is held, and told once,
 * resolved, when they end. */
static void
test_quiet_hours (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GDateTime) friday_evening = paris (11, 27, 21, 0);
  g_autoptr(GDateTime) friday_night = paris (11, 27, 23, 0);
  g_autoptr(GDateTime) saturday_early = paris (11, 28, 1, 30);
  g_autoptr(GDateTime) saturday_morning = paris (11, 28, 7, 0);
  g_autoptr(GDateTime) next = NULL;
  g_autoptr(GDateTime) expected = NULL;
  g_autoptr(VigieDigest) digest = NULL;
  const VigieDigestItem *item;

  fixture_apply (f);
  g_assert_false (vigie_policy_is_quiet (f->policy, friday_night));

  g_settings_delay (f->gsettings);
  g_settings_set_uint (f->gsettings, "quiet-hours-start", 22 * 60);
  g_settings_set_uint (f->gsettings, "quiet-hours-end", 7 * 60);
  g_settings_set_flags (f->gsettings, "quiet-hours-days",
                        VIGIE_WEEKDAY_MONDAY | VIGIE_WEEKDAY_TUESDAY | VIGIE_WEEKDAY_WEDNESDAY
                        | VIGIE_WEEKDAY_THURSDAY | VIGIE_WEEKDAY_FRIDAY);
  g_settings_set_boolean (f->gsettings, "quiet-hours-allow-critical", FALSE);
  g_settings_set_boolean (f->gsettings, "quiet-hours-enabled", TRUE);
  g_settings_apply (f->gsettings);
  vigie_test_let_idles_run ();

  /* every change says so, for the timer to be armed again */
  g_assert_cmpuint (f->quiet_changed, >=, 1);

  /* across midnight: Friday's window ends on Saturday morning */
  g_assert_false (vigie_policy_is_quiet (f->policy, friday_evening));
  g_assert_true (vigie_policy_is_quiet (f->policy, friday_night));
  g_assert_true (vigie_policy_is_quiet (f->policy, saturday_early));
  g_assert_false (vigie_policy_is_quiet (f->policy, saturday_morning));
  next = vigie_policy_get_next_quiet_change (f->policy, friday_night);
  g_assert_true (g_date_time_equal (next, saturday_morning));
  g_clear_pointer (&next, g_date_time_unref);

  /* no window begins on Saturday: the next is Monday's */
  next = vigie_policy_get_next_quiet_change (f->policy, saturday_morning);
  expected = paris (11, 30, 22, 0);
  g_assert_true (g_date_time_equal (next, expected));

  /* started and ended in between: held, then one resolved line */
  g_assert_cmpint (route (f, VIGIE_EVENT_OPENED, "slack", "a", VIGIE_SEVERITY_CRITICAL,
                          friday_night), ==, HOLD);
  g_assert_cmpint (route_closed (f, "slack", "a", VIGIE_SEVERITY_CRITICAL, friday_night,
                                 saturday_early), ==, HOLD);
  g_assert_null (vigie_policy_take_digest (f->policy, saturday_early));

  digest = vigie_policy_take_digest (f->policy, saturday_morning);
  g_assert_nonnull (digest);
  g_assert_cmpuint (digest->items->len, ==, 1);
  item = g_ptr_array_index (digest->items, 0);
  g_assert_cmpstr (item->service_id, ==, "slack");
  g_assert_cmpint (item->severity, ==, VIGIE_SEVERITY_CRITICAL);
  g_assert_true (g_date_time_equal (item->started_at, friday_night));
  g_assert_true (g_date_time_equal (item->ended_at, saturday_early));
  g_assert_null (vigie_policy_take_digest (f->policy, saturday_morning));

  /* critical breaks through once asked to */
  g_settings_set_boolean (f->gsettings, "quiet-hours-allow-critical", TRUE);
  vigie_test_let_idles_run ();
  g_assert_cmpint (route (f, VIGIE_EVENT_OPENED, "zoom", "b", VIGIE_SEVERITY_CRITICAL,
                          friday_night), ==, SHOW);
  g_assert_cmpint (route (f, VIGIE_EVENT_OPENED, "jira", "c", VIGIE_SEVERITY_MINOR,
                          friday_night), ==, HOLD);

  /* turned off live: nothing is quiet, and what was held is due */
  f->quiet_changed = 0;
  g_settings_set_boolean (f->gsettings, "quiet-hours-enabled", FALSE);
  vigie_test_let_idles_run ();
  g_assert_cmpuint (f->quiet_changed, ==, 1);
  g_assert_false (vigie_policy_is_quiet (f->policy, friday_night));
  g_clear_pointer (&digest, vigie_digest_free);
  digest = vigie_policy_take_digest (f->policy, friday_night);
  g_assert_nonnull (digest);
  g_assert_cmpuint (digest->items->len, ==, 1);
  g_assert_cmpstr (((VigieDigestItem *) g_ptr_array_index (digest->items, 0))->service_id, ==,
                   "jira");
}

/* paused-until: in seconds since the epoch, 0 for none; written by the
 * tray through VigieSettings */
static void
test_paused_until (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GDateTime) now = paris (11, 23, 10, 0);
  g_autoptr(GDateTime) until = paris (11, 23, 11, 0);
  g_autoptr(GDateTime) after = paris (11, 23, 11, 1);
  g_autoptr(GDateTime) read = NULL;

  g_settings_set_int64 (f->gsettings, "paused-until", g_date_time_to_unix (until));
  fixture_apply (f);
  g_assert_true (vigie_policy_is_paused (f->policy, now));
  g_assert_cmpint (route (f, VIGIE_EVENT_OPENED, "slack", "a", VIGIE_SEVERITY_CRITICAL, now), ==,
                   DROP);
  g_assert_false (vigie_policy_is_paused (f->policy, after));
  g_assert_cmpint (route (f, VIGIE_EVENT_OPENED, "slack", "b", VIGIE_SEVERITY_MAJOR, after), ==,
                   SHOW);

  g_settings_set_int64 (f->gsettings, "paused-until", 0);
  vigie_test_let_idles_run ();
  g_assert_cmpuint (f->pause_changed, ==, 1);
  g_assert_false (vigie_policy_is_paused (f->policy, now));
  g_assert_null (vigie_settings_dup_paused_until (f->settings));

  vigie_settings_set_paused_until (f->settings, until);
  vigie_test_let_idles_run ();
  g_assert_cmpuint (f->pause_changed, ==, 2);
  g_assert_cmpint (g_settings_get_int64 (f->gsettings, "paused-until"), ==,
                   g_date_time_to_unix (until));
  read = vigie_settings_dup_paused_until (f->settings);
  g_assert_true (g_date_time_equal (read, until));
  g_assert_true (vigie_policy_is_paused (f->policy, now));

  vigie_settings_set_paused_until (f->settings, NULL);
  vigie_test_let_idles_run ();
  g_assert_cmpint (g_settings_get_int64 (f->gsettings, "paused-until"), ==, 0);
  g_assert_false (vigie_policy_is_paused (f->policy, now));
}

/* ---------------------------------------------------------------------- */
/* start-at-login                                                          */

static gboolean
file_exists (gpointer       fixture,
             gconstpointer  path)
{
  return g_file_test (path, G_FILE_TEST_EXISTS);
}

static gboolean
file_gone (gpointer       fixture,
           gconstpointer  path)
{
  return !g_file_test (path, G_FILE_TEST_EXISTS);
}

/* Outside Flatpak: an XDG autostart entry starting `vigie --background` */
static void
test_start_at_login_file (Fixture       *f,
                          gconstpointer  data)
{
  g_autofree char *path = vigie_autostart_get_desktop_path ();
  g_autofree char *contents = NULL;
  g_autoptr(GKeyFile) entry = g_key_file_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *exec = NULL;
  g_autofree char *type = NULL;

  g_setenv ("VIGIE_TEST_AUTOSTART", "file", TRUE);
  g_remove (path);
  g_assert_false (vigie_autostart_uses_portal ());
  g_assert_true (g_str_has_prefix (path, g_get_user_config_dir ()));
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));

  f->settings = vigie_settings_new (f->gsettings, f->monitor, f->policy);
  vigie_settings_set_manage_autostart (f->settings, TRUE);
  vigie_settings_apply (f->settings);

  g_settings_set_boolean (f->gsettings, "start-at-login", TRUE);
  vigie_test_run_until (file_exists, f, path, TIMEOUT);

  g_key_file_load_from_file (entry, path, G_KEY_FILE_NONE, &error);
  g_assert_no_error (error);
  exec = g_key_file_get_string (entry, G_KEY_FILE_DESKTOP_GROUP, G_KEY_FILE_DESKTOP_KEY_EXEC,
                                &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_suffix (exec, " --background"));
  g_assert_true (g_key_file_get_boolean (entry, G_KEY_FILE_DESKTOP_GROUP,
                                         "X-GNOME-Autostart-enabled", NULL));
  type = g_key_file_get_string (entry, G_KEY_FILE_DESKTOP_GROUP, G_KEY_FILE_DESKTOP_KEY_TYPE,
                                NULL);
  g_assert_cmpstr (type, ==, "Application");

  g_settings_set_boolean (f->gsettings, "start-at-login", FALSE);
  vigie_test_run_until (file_gone, f, path, TIMEOUT);

  /* at start, the file follows the setting */
  g_object_run_dispose (G_OBJECT (f->settings));
  g_clear_object (&f->settings);
  g_settings_set_boolean (f->gsettings, "start-at-login", TRUE);
  f->settings = vigie_settings_new (f->gsettings, f->monitor, f->policy);
  vigie_settings_set_manage_autostart (f->settings, TRUE);
  vigie_settings_apply (f->settings);
  vigie_test_run_until (file_exists, f, path, TIMEOUT);

  g_remove (path);
  g_unsetenv ("VIGIE_TEST_AUTOSTART");
}

/* Inside Flatpak: the Background portal, here a stand-in on a private bus */

typedef struct
{
  GDBusConnection *connection;
  guint requests;
  gboolean answer;            /* what the "user" allows */
  gboolean last_autostart;
  char *last_reason;
  GStrv last_commandline;
} Portal;

static const char portal_xml[] =
  "<node>"
  "  <interface name='org.freedesktop.portal.Background'>"
  "    <method name='RequestBackground'>"
  "      <arg type='s' name='parent_window' direction='in'/>"
  "      <arg type='a{sv}' name='options' direction='in'/>"
  "      <arg type='o' name='handle' direction='out'/>"
  "    </method>"
  "  </interface>"
  "</node>";

typedef struct
{
  Portal *portal;
  char *destination;
  char *path;
} Answer;

static gboolean
answer_cb (gpointer user_data)
{
  Answer *answer = user_data;
  GVariantBuilder results;

  g_variant_builder_init (&results, G_VARIANT_TYPE_VARDICT);
  g_variant_builder_add (&results, "{sv}", "background", g_variant_new_boolean (TRUE));
  g_variant_builder_add (&results, "{sv}", "autostart",
                         g_variant_new_boolean (answer->portal->last_autostart
                                                && answer->portal->answer));
  g_dbus_connection_emit_signal (answer->portal->connection, answer->destination, answer->path,
                                 "org.freedesktop.portal.Request", "Response",
                                 g_variant_new ("(ua{sv})", 0, &results), NULL);
  g_free (answer->destination);
  g_free (answer->path);
  g_free (answer);

  return G_SOURCE_REMOVE;
}

static void
portal_method_cb (GDBusConnection       *connection,
                  const char            *sender,
                  const char            *object_path,
                  const char            *interface_name,
                  const char            *method_name,
                  GVariant              *parameters,
                  GDBusMethodInvocation *invocation,
                  gpointer               user_data)
{
  Portal *portal = user_data;
  g_autoptr(GVariant) options = NULL;
  g_autofree char *unique = g_strdup (sender + 1);
  const char *token = NULL;
  Answer *answer;

  g_variant_get (parameters, "(&s@a{sv})", NULL, &options);
  portal->requests++;
  g_variant_lookup (options, "autostart", "b", &portal->last_autostart);
  g_clear_pointer (&portal->last_reason, g_free);
  g_variant_lookup (options, "reason", "s", &portal->last_reason);
  g_clear_pointer (&portal->last_commandline, g_strfreev);
  g_variant_lookup (options, "commandline", "^as", &portal->last_commandline);
  g_assert_true (g_variant_lookup (options, "handle_token", "&s", &token));

  g_strdelimit (unique, ".", '_');
  answer = g_new0 (Answer, 1);
  answer->portal = portal;
  answer->destination = g_strdup (sender);
  answer->path = g_strdup_printf ("/org/freedesktop/portal/desktop/request/%s/%s", unique, token);
  g_dbus_method_invocation_return_value (invocation, g_variant_new ("(o)", answer->path));

  /* the answer comes later, as from a dialog */
  g_timeout_add (50, answer_cb, answer);
}

static gboolean
portal_asked (gpointer       fixture,
              gconstpointer  data)
{
  const Portal *portal = data;

  return portal->requests >= 1;
}

static gboolean
setting_is_false (gpointer       fixture,
                  gconstpointer  data)
{
  Fixture *f = fixture;

  return !g_settings_get_boolean (f->gsettings, "start-at-login");
}

static void
run_portal_test (Fixture *f)
{
  static const GDBusInterfaceVTable vtable = { portal_method_cb, NULL, NULL, { 0 } };
  g_autoptr(GTestDBus) bus = g_test_dbus_new (G_TEST_DBUS_NONE);
  g_autoptr(GDBusNodeInfo) info = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = vigie_autostart_get_desktop_path ();
  Portal portal = { NULL, 0, TRUE, FALSE, NULL, NULL };
  guint registration;
  guint owner;
  gboolean owned = FALSE;

  g_test_dbus_up (bus);

  portal.connection = g_dbus_connection_new_for_address_sync (
    g_test_dbus_get_bus_address (bus),
    G_DBUS_CONNECTION_FLAGS_AUTHENTICATION_CLIENT
      | G_DBUS_CONNECTION_FLAGS_MESSAGE_BUS_CONNECTION,
    NULL, NULL, &error);
  g_assert_no_error (error);
  info = g_dbus_node_info_new_for_xml (portal_xml, &error);
  g_assert_no_error (error);
  registration = g_dbus_connection_register_object (portal.connection,
                                                    "/org/freedesktop/portal/desktop",
                                                    info->interfaces[0], &vtable, &portal, NULL,
                                                    &error);
  g_assert_no_error (error);
  owner = g_bus_own_name_on_connection (portal.connection, "org.freedesktop.portal.Desktop",
                                        G_BUS_NAME_OWNER_FLAGS_NONE, NULL, NULL, NULL, NULL);
  {
    /* wait until the name is ours */
    g_autoptr(GDBusConnection) check = g_dbus_connection_new_for_address_sync (
      g_test_dbus_get_bus_address (bus),
      G_DBUS_CONNECTION_FLAGS_AUTHENTICATION_CLIENT
        | G_DBUS_CONNECTION_FLAGS_MESSAGE_BUS_CONNECTION,
      NULL, NULL, &error);

    g_assert_no_error (error);
    for (guint i = 0; i < 200 && !owned; i++)
      {
        g_autoptr(GVariant) reply = NULL;

        vigie_test_let_idles_run ();
        reply = g_dbus_connection_call_sync (check, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                             "org.freedesktop.DBus", "NameHasOwner",
                                             g_variant_new ("(s)",
                                                            "org.freedesktop.portal.Desktop"),
                                             G_VARIANT_TYPE ("(b)"), G_DBUS_CALL_FLAGS_NONE, -1,
                                             NULL, NULL);
        if (reply != NULL)
          g_variant_get (reply, "(b)", &owned);
        if (!owned)
          g_usleep (10000);
      }
    g_assert_true (owned);
    g_dbus_connection_close_sync (check, NULL, NULL);
  }

  g_setenv ("VIGIE_TEST_AUTOSTART", "portal", TRUE);
  g_assert_true (vigie_autostart_uses_portal ());

  f->settings = vigie_settings_new (f->gsettings, f->monitor, f->policy);
  vigie_settings_set_manage_autostart (f->settings, TRUE);
  vigie_settings_apply (f->settings);
  vigie_test_let_idles_run ();
  g_assert_cmpuint (portal.requests, ==, 0);

  /* asked for, and granted: the portal writes the entry, not Vigie */
  g_settings_set_boolean (f->gsettings, "start-at-login", TRUE);
  vigie_test_run_until (portal_asked, f, &portal, TIMEOUT);
  g_assert_true (portal.last_autostart);
  g_assert_nonnull (portal.last_reason);
  g_assert_nonnull (portal.last_commandline);
  g_assert_cmpstr (portal.last_commandline[0], ==, "vigie");
  g_assert_cmpstr (portal.last_commandline[1], ==, "--background");
  g_assert_null (portal.last_commandline[2]);
  /* the answer comes, and the setting stays */
  for (gint64 end = g_get_monotonic_time () + G_USEC_PER_SEC / 2; g_get_monotonic_time () < end;)
    g_main_context_iteration (NULL, FALSE);
  g_assert_true (g_settings_get_boolean (f->gsettings, "start-at-login"));
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));

  /* turned off */
  portal.requests = 0;
  g_settings_set_boolean (f->gsettings, "start-at-login", FALSE);
  vigie_test_run_until (portal_asked, f, &portal, TIMEOUT);
  g_assert_false (portal.last_autostart);

  /* the user says no: the setting follows */
  portal.requests = 0;
  portal.answer = FALSE;
  g_settings_set_boolean (f->gsettings, "start-at-login", TRUE);
  vigie_test_run_until (portal_asked, f, &portal, TIMEOUT);
  g_assert_true (portal.last_autostart);
  vigie_test_run_until (setting_is_false, f, NULL, TIMEOUT);

  g_object_run_dispose (G_OBJECT (f->settings));
  g_clear_object (&f->settings);
  vigie_test_let_idles_run ();

  g_bus_unown_name (owner);
  g_dbus_connection_unregister_object (portal.connection, registration);
  g_dbus_connection_close_sync (portal.connection, NULL, NULL);
  g_clear_object (&portal.connection);
  g_free (portal.last_reason);
  g_strfreev (portal.last_commandline);
  g_test_dbus_down (bus);
}

static void
test_start_at_login_portal (Fixture       *f,
                            gconstpointer  data)
{
  /* the last test: the private bus becomes this process' session bus */
  run_portal_test (f);
}

static void
skip_all (void)
{
  g_test_skip ("GSETTINGS_SCHEMA_DIR is not set: the compiled schema cannot be found");
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *config = NULL;
  g_autofree char *autostart_dir = NULL;
  g_autofree char *autostart_file = NULL;
  int status;

  vigie_test_loopback_only ();
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  g_setenv ("TZ", "Europe/Paris", TRUE);

  /* Only start at login writes a file, under XDG_CONFIG_HOME: a private
   * one.  (Not G_TEST_OPTION_ISOLATE_DIRS: with several tests GLib leaks
   * the previous test's directory names on purpose, which leak checkers
   * cannot tell from ours; see test-service.c.) */
  config = g_dir_make_tmp ("vigie-test-settings-XXXXXX", NULL);
  g_assert_nonnull (config);
  g_setenv ("XDG_CONFIG_HOME", config, TRUE);
  autostart_dir = g_build_filename (config, "autostart", NULL);
  autostart_file = g_build_filename (autostart_dir, APP_ID ".desktop", NULL);

  g_test_init (&argc, &argv, NULL);

  if (g_getenv ("GSETTINGS_SCHEMA_DIR") == NULL)
    {
      g_printerr ("SKIPPED LOUDLY: GSETTINGS_SCHEMA_DIR is not set (run through meson test)\n");
      g_test_add_func ("/settings/skipped", skip_all);
      return g_test_run ();
    }

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/settings/services/selected", test_selected_services);
  ADD ("/settings/services/custom-feeds", test_custom_feeds);
  ADD ("/settings/services/component-filters", test_component_filters);
  ADD ("/settings/services/fixed-by-command-line", test_fixed_services);
  ADD ("/settings/services/no-schema", test_no_schema);
  ADD ("/settings/poll-interval", test_poll_interval);
  ADD ("/settings/policy/alert-levels", test_alert_levels);
  ADD ("/settings/policy/notices", test_notices);
  ADD ("/settings/policy/quiet-hours", test_quiet_hours);
  ADD ("/settings/policy/paused-until", test_paused_until);
  ADD ("/settings/start-at-login/file", test_start_at_login_file);
  ADD ("/settings/start-at-login/portal", test_start_at_login_portal);
#undef ADD

  status = g_test_run ();

  g_remove (autostart_file);
  g_rmdir (autostart_dir);
  g_rmdir (config);

  return status;
}
