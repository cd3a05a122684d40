/* vigie-test-utils.c: shared helpers for Vigie's tests
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <string.h>

#include "vigie-feeds.h"
#include "vigie-limits.h"
#include "vigie-snapshot-private.h"
#include "vigie-test-utils.h"
#include "vigie-text.h"

GBytes *
vigie_test_load_fixture (const char *relative_path)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures", relative_path, NULL);
  g_autoptr(GError) error = NULL;
  char *contents = NULL;
  gsize length = 0;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);

  return g_bytes_new_take (contents, length);
}

const char *
vigie_test_get_shared_fixtures (void)
{
  const char *dir = g_getenv ("VIGIE_SHARED_FIXTURES");

  if (dir == NULL || !g_file_test (dir, G_FILE_TEST_IS_DIR))
    {
      g_autofree char *message = g_strdup_printf (
        "SKIPPED LOUDLY: captured real feeds not found at '%s' "
        "(set VIGIE_SHARED_FIXTURES or -Dshared_fixtures)", dir ? dir : "(unset)");

      g_printerr ("%s\n", message);
      g_test_skip (message);
      return NULL;
    }

  return dir;
}

GBytes *
vigie_test_load_shared_fixture (const char *relative_path)
{
  const char *dir = vigie_test_get_shared_fixtures ();
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  char *contents = NULL;
  gsize length = 0;

  if (dir == NULL)
    return NULL;

  path = g_build_filename (dir, relative_path, NULL);
  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);

  return g_bytes_new_take (contents, length);
}

gboolean
vigie_test_use_locale (const char *locale)
{
  if (setlocale (LC_ALL, locale) == NULL)
    {
      g_autofree char *message = g_strdup_printf (
        "SKIPPED LOUDLY: locale %s is not generated on this machine; "
        "translated output cannot be tested (see .ci/run)", locale);

      g_printerr ("%s\n", message);
      g_test_skip (message);
      return FALSE;
    }

  return TRUE;
}

SoupServer *
vigie_test_server_new (void)
{
  g_autoptr(SoupServer) server = soup_server_new (NULL, NULL);
  g_autoptr(GError) error = NULL;

  soup_server_listen_local (server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);

  return g_steal_pointer (&server);
}

char *
vigie_test_server_url (SoupServer *server,
                       const char *path)
{
  GSList *uris = soup_server_get_uris (server);
  g_autofree char *base = NULL;
  char *url;

  g_assert_nonnull (uris);
  base = g_uri_to_string (uris->data);
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);

  if (g_str_has_suffix (base, "/") && path[0] == '/')
    path++;
  url = g_strconcat (base, path, NULL);

  return url;
}

static gboolean
timeout_cb (gpointer user_data)
{
  gboolean *timed_out = user_data;

  *timed_out = TRUE;
  return G_SOURCE_REMOVE;
}

void
vigie_test_wait_for (gboolean *flag,
                     guint     timeout_seconds)
{
  gboolean timed_out = FALSE;
  guint id = g_timeout_add_seconds (timeout_seconds, timeout_cb, &timed_out);

  while (!*flag && !timed_out)
    g_main_context_iteration (NULL, TRUE);

  if (!timed_out)
    g_source_remove (id);

  g_assert_false (timed_out);
}

void
vigie_test_run_until (VigieTestCondition  condition,
                      gpointer            fixture,
                      gconstpointer       data,
                      guint               timeout_seconds)
{
  gboolean timed_out = FALSE;
  guint id = g_timeout_add_seconds (timeout_seconds, timeout_cb, &timed_out);

  while (!condition (fixture, data) && !timed_out)
    g_main_context_iteration (NULL, TRUE);

  if (!timed_out)
    g_source_remove (id);
  g_assert_false (timed_out);
}

void
vigie_test_let_idles_run (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

gboolean
vigie_test_locale_exists (const char *locale)
{
  g_autofree char *previous = g_strdup (setlocale (LC_ALL, NULL));
  gboolean exists = setlocale (LC_ALL, locale) != NULL;

  setlocale (LC_ALL, previous);
  if (!exists)
    {
      g_autofree char *message = g_strdup_printf (
        "SKIPPED LOUDLY: locale %s is not generated on this machine; "
        "translated output cannot be tested (see .ci/run)", locale);

      g_printerr ("%s\n", message);
      g_test_skip (message);
    }

  return exists;
}

void
vigie_test_loopback_only (void)
{
  static const char * const proxy_variables[] = {
    "http_proxy", "https_proxy", "all_proxy", "no_proxy",
    "HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "NO_PROXY",
  };

  for (guint i = 0; i < G_N_ELEMENTS (proxy_variables); i++)
    g_unsetenv (proxy_variables[i]);

  g_setenv ("GIO_USE_PROXY_RESOLVER", "dummy", TRUE);
}

double
vigie_test_time_limit (double seconds)
{
  const char *factor = g_getenv ("VIGIE_TEST_TIME_FACTOR");
  double scale = factor != NULL ? g_ascii_strtod (factor, NULL) : 1.0;

  return seconds * (scale >= 1.0 ? scale : 1.0);
}

/* The real `vigie` binary as a subprocess */

GSubprocessLauncher *
vigie_test_vigie_launcher_new (const char *locale,
                               const char *home)
{
  GSubprocessLauncher *launcher;

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE
                                        | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_launcher_setenv (launcher, "LC_ALL", locale != NULL ? locale : "C.UTF-8", TRUE);
  g_subprocess_launcher_unsetenv (launcher, "LANGUAGE");
  g_subprocess_launcher_unsetenv (launcher, "LANG");
  g_subprocess_launcher_setenv (launcher, "HOME", home, TRUE);
  g_subprocess_launcher_setenv (launcher, "XDG_CONFIG_HOME", home, TRUE);
  g_subprocess_launcher_setenv (launcher, "XDG_CACHE_HOME", home, TRUE);
  g_subprocess_launcher_setenv (launcher, "XDG_DATA_HOME", home, TRUE);
  g_subprocess_launcher_setenv (launcher, "XDG_STATE_HOME", home, TRUE);
  g_subprocess_launcher_setenv (launcher, "GSETTINGS_BACKEND", "memory", TRUE);
  /* --check needs no display and no session bus */
  g_subprocess_launcher_unsetenv (launcher, "DISPLAY");
  g_subprocess_launcher_unsetenv (launcher, "WAYLAND_DISPLAY");
  g_subprocess_launcher_setenv (launcher, "DBUS_SESSION_BUS_ADDRESS",
                                "unix:path=/nonexistent/vigie-test-bus", TRUE);

  return launcher;
}

typedef struct
{
  gboolean done;
  GBytes *out;
  GBytes *err;
  GError *error;
} RunResult;

static void
communicate_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  RunResult *run = user_data;

  g_subprocess_communicate_finish (G_SUBPROCESS (object), result, &run->out, &run->err,
                                   &run->error);
  run->done = TRUE;
}

GSubprocess *
vigie_test_communicate (GSubprocessLauncher  *launcher,
                        const char * const   *argv,
                        guint                 timeout_seconds,
                        GBytes              **out,
                        GBytes              **err)
{
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  RunResult run = { 0 };

  process = g_subprocess_launcher_spawnv (launcher, argv, &error);
  g_assert_no_error (error);

  g_subprocess_communicate_async (process, NULL, NULL, communicate_cb, &run);
  vigie_test_wait_for (&run.done, timeout_seconds);
  g_assert_no_error (run.error);
  g_subprocess_wait (process, NULL, &error);
  g_assert_no_error (error);

  *out = run.out;
  *err = run.err;
  return g_steal_pointer (&process);
}

/* Snapshots */

GDateTime *
vigie_test_time_at (const char *iso8601)
{
  GDateTime *when = g_date_time_new_from_iso8601 (iso8601, NULL);

  g_assert_nonnull (when);
  return when;
}

void
vigie_test_assert_severity (VigieSnapshot *snapshot,
                            VigieSeverity  expected)
{
  g_assert_cmpstr (vigie_severity_to_string (vigie_snapshot_get_severity (snapshot)), ==,
                   vigie_severity_to_string (expected));
}

void
vigie_test_assert_incident_severity (const VigieIncident *incident,
                                     VigieSeverity        expected)
{
  g_assert_cmpstr (vigie_severity_to_string (incident->severity), ==,
                   vigie_severity_to_string (expected));
}

const VigieComponent *
vigie_test_find_component (VigieSnapshot *snapshot,
                           const char    *name)
{
  GPtrArray *components = vigie_snapshot_get_components (snapshot);

  for (guint i = 0; i < components->len; i++)
    {
      const VigieComponent *component = g_ptr_array_index (components, i);

      if (g_strcmp0 (component->name, name) == 0)
        return component;
    }

  return NULL;
}

void
vigie_test_assert_component (VigieSnapshot *snapshot,
                             const char    *name,
                             const char    *group,
                             VigieSeverity  severity)
{
  const VigieComponent *component = vigie_test_find_component (snapshot, name);

  if (component == NULL)
    g_error ("no component \"%s\"", name);
  g_assert_cmpstr (component->group, ==, group);
  g_assert_cmpstr (vigie_severity_to_string (component->severity), ==,
                   vigie_severity_to_string (severity));
}

char *
vigie_test_describe_trouble (VigieSnapshot *snapshot)
{
  GPtrArray *components = vigie_snapshot_get_components (snapshot);
  g_autoptr(GString) out = g_string_new (NULL);

  for (guint i = 0; i < components->len; i++)
    {
      const VigieComponent *component = g_ptr_array_index (components, i);

      if (component->severity == VIGIE_SEVERITY_OPERATIONAL)
        continue;
      if (out->len > 0)
        g_string_append_c (out, ';');
      g_string_append_printf (out, "%s=%s", component->name,
                              vigie_severity_to_string (component->severity));
    }

  return g_string_free (g_steal_pointer (&out), FALSE);
}

void
vigie_test_assert_incident_components (const VigieIncident *incident,
                                       const char          *expected)
{
  g_auto(GStrv) names = g_strsplit (expected, ";", -1);

  if (*expected == '\0')
    {
      g_assert_cmpuint (incident->components->len, ==, 0);
      return;
    }

  g_assert_cmpuint (incident->components->len, ==, g_strv_length (names));
  for (guint i = 0; names[i] != NULL; i++)
    g_assert_cmpstr (g_ptr_array_index (incident->components, i), ==, names[i]);
}

/* A network monitor the tests switch off */

#define TEST_TYPE_NETWORK_MONITOR (test_network_monitor_get_type ())
G_DECLARE_FINAL_TYPE (TestNetworkMonitor, test_network_monitor, TEST, NETWORK_MONITOR, GObject)

struct _TestNetworkMonitor
{
  GObject parent_instance;
  gboolean available;
};

enum {
  NM_PROP_0,
  NM_PROP_AVAILABLE,
  NM_PROP_METERED,
  NM_PROP_CONNECTIVITY,
};

static gboolean
test_network_monitor_initable_init (GInitable     *initable,
                                    GCancellable  *cancellable,
                                    GError       **error)
{
  return TRUE;
}

static void
test_network_monitor_initable_iface_init (GInitableIface *iface)
{
  iface->init = test_network_monitor_initable_init;
}

static gboolean
test_network_monitor_can_reach (GNetworkMonitor     *monitor,
                                GSocketConnectable  *connectable,
                                GCancellable        *cancellable,
                                GError             **error)
{
  if (TEST_NETWORK_MONITOR (monitor)->available)
    return TRUE;

  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NETWORK_UNREACHABLE, "test: offline");
  return FALSE;
}

static void
test_network_monitor_iface_init (GNetworkMonitorInterface *iface)
{
  iface->can_reach = test_network_monitor_can_reach;
}

G_DEFINE_FINAL_TYPE_WITH_CODE (TestNetworkMonitor, test_network_monitor, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_INITABLE,
                                                      test_network_monitor_initable_iface_init)
                               G_IMPLEMENT_INTERFACE (G_TYPE_NETWORK_MONITOR,
                                                      test_network_monitor_iface_init))

static void
test_network_monitor_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  TestNetworkMonitor *self = TEST_NETWORK_MONITOR (object);

  switch (prop_id)
    {
    case NM_PROP_AVAILABLE:
      g_value_set_boolean (value, self->available);
      break;
    case NM_PROP_METERED:
      g_value_set_boolean (value, FALSE);
      break;
    case NM_PROP_CONNECTIVITY:
      g_value_set_enum (value, self->available ? G_NETWORK_CONNECTIVITY_FULL
                                               : G_NETWORK_CONNECTIVITY_LOCAL);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
test_network_monitor_class_init (TestNetworkMonitorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = test_network_monitor_get_property;
  g_object_class_override_property (object_class, NM_PROP_AVAILABLE, "network-available");
  g_object_class_override_property (object_class, NM_PROP_METERED, "network-metered");
  g_object_class_override_property (object_class, NM_PROP_CONNECTIVITY, "connectivity");
}

static void
test_network_monitor_init (TestNetworkMonitor *self)
{
  self->available = TRUE;
}

void
vigie_test_set_network_available (gboolean available)
{
  GNetworkMonitor *monitor = g_network_monitor_get_default ();
  TestNetworkMonitor *self;

  g_assert_true (TEST_IS_NETWORK_MONITOR (monitor));
  self = TEST_NETWORK_MONITOR (monitor);
  if (self->available == available)
    return;

  self->available = available;
  g_object_notify (G_OBJECT (monitor), "network-available");
  g_object_notify (G_OBJECT (monitor), "connectivity");
  g_signal_emit_by_name (monitor, "network-changed", available);
}

/* Makes GIO's default network monitor ours; call before anything asks for it */
void
vigie_test_install_network_monitor (void)
{
  g_io_extension_point_register (G_NETWORK_MONITOR_EXTENSION_POINT_NAME);
  g_io_extension_point_implement (G_NETWORK_MONITOR_EXTENSION_POINT_NAME,
                                  TEST_TYPE_NETWORK_MONITOR, "vigie-test", G_MAXINT);
}

VigieIncident *
vigie_test_incident_new (const char    *id,
                         const char    *title,
                         const char    *update,
                         VigieSeverity  severity,
                         GDateTime     *started_at)
{
  VigieIncident *incident = vigie_incident_new ();

  incident->id = g_strdup (id);
  incident->title = g_strdup (title);
  incident->status = g_strdup ("active");
  incident->latest_update = g_strdup (update);
  incident->severity = severity;
  incident->url = g_strdup_printf ("https://status.example.com/incidents/%s", id);
  incident->started_at = started_at != NULL ? g_date_time_ref (started_at) : NULL;

  return incident;
}

VigieSnapshot *
vigie_test_snapshot_new (VigieSeverity severity,
                         ...)
{
  VigieSnapshot *snapshot = vigie_snapshot_new ("test");
  VigieIncident *item;
  va_list args;

  vigie_snapshot_set_severity (snapshot, severity);
  vigie_snapshot_set_summary (snapshot, "Summary of the page");
  va_start (args, severity);
  while ((item = va_arg (args, VigieIncident *)) != NULL)
    vigie_snapshot_add_incident (snapshot, item);
  va_end (args);

  return snapshot;
}
GError *
vigie_test_parse_error (const char *format,
                        GBytes     *body,
                        const char *now_text)
{
  g_autoptr(GDateTime) now = vigie_test_time_at (now_text);
  g_autoptr(VigieSnapshot) snapshot = NULL;
  GError *error = NULL;

  snapshot = vigie_feeds_parse (format, body, now, &error);
  if (snapshot != NULL)
    g_error ("parsed as %s (%s) instead of failing", vigie_snapshot_get_format (snapshot),
             vigie_severity_to_string (vigie_snapshot_get_severity (snapshot)));
  g_assert_nonnull (error);
  g_assert_true (error->domain == VIGIE_FEED_ERROR);

  return error;
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static guint
foreach_fixture_in (const char          *root,
                    const char          *prefix,
                    const char * const  *skip_folders,
                    VigieTestFixtureFunc func,
                    gpointer             user_data)
{
  g_autoptr(GDir) dir = g_dir_open (root, 0, NULL);
  g_autoptr(GPtrArray) folders = g_ptr_array_new_with_free_func (g_free);
  const char *name;
  guint seen = 0;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    g_ptr_array_add (folders, g_strdup (name));
  /* the same order on every machine */
  g_ptr_array_sort (folders, compare_names);

  for (guint i = 0; i < folders->len; i++)
    {
      const char *folder = g_ptr_array_index (folders, i);
      g_autofree char *folder_path = g_build_filename (root, folder, NULL);
      g_autoptr(GDir) files = NULL;
      const char *file;

      if (!g_file_test (folder_path, G_FILE_TEST_IS_DIR)
          || (skip_folders != NULL && g_strv_contains (skip_folders, folder)))
        continue;

      files = g_dir_open (folder_path, 0, NULL);
      while ((file = g_dir_read_name (files)) != NULL)
        {
          g_autofree char *path = g_build_filename (folder_path, file, NULL);
          g_autofree char *label = g_strdup_printf ("%s%s/%s", prefix, folder, file);
          g_autoptr(GBytes) body = NULL;
          char *contents = NULL;
          gsize length = 0;

          /* provenance notes sit beside the data */
          if (g_str_has_prefix (file, "SOURCES") || g_str_has_suffix (file, ".md"))
            continue;

          g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
          body = g_bytes_new_take (contents, length);
          func (label, body, user_data);
          seen++;
        }
    }

  return seen;
}

guint
vigie_test_foreach_fixture (const char * const  *skip_folders,
                            VigieTestFixtureFunc func,
                            gpointer             user_data)
{
  g_autofree char *project = g_test_build_filename (G_TEST_DIST, "fixtures", NULL);
  const char *shared = g_getenv ("VIGIE_SHARED_FIXTURES");
  guint seen;

  seen = foreach_fixture_in (project, "", skip_folders, func, user_data);
  if (shared != NULL && g_file_test (shared, G_FILE_TEST_IS_DIR))
    seen += foreach_fixture_in (shared, "shared:", skip_folders, func, user_data);

  return seen;
}

/* Feed parsing */

void
vigie_test_assert_time (GDateTime  *when,
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
         || c == 0x200e || c == 0x200f || c == 0xfeff || c == 0x061c;
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

void
vigie_test_assert_clean_snapshot (VigieSnapshot *snapshot)
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

VigieSnapshot *
vigie_test_parse_at_time (const char *format,
                          GBytes     *body,
                          GDateTime  *now)
{
  g_autoptr(GError) error = NULL;
  VigieSnapshot *snapshot = vigie_feeds_parse (format, body, now, &error);

  g_assert_no_error (error);
  g_assert_nonnull (snapshot);
  vigie_test_assert_clean_snapshot (snapshot);

  return snapshot;
}

VigieSnapshot *
vigie_test_parse (const char *format,
                  GBytes     *body,
                  const char *now_text)
{
  g_autoptr(GDateTime) now = vigie_test_time_at (now_text);

  return vigie_test_parse_at_time (format, body, now);
}

VigieSnapshot *
vigie_test_parse_bytes (const char *format,
                        GBytes     *body)
{
  return vigie_test_parse (format, body, VIGIE_TEST_NOW);
}

VigieSnapshot *
vigie_test_parse_fixture_at_time (const char *path,
                                  GDateTime  *now)
{
  g_autoptr(GBytes) body = vigie_test_load_fixture (path);
  g_autoptr(VigieSnapshot) forced = NULL;
  g_autofree char *shown = g_date_time_format_iso8601 (now);
  VigieSnapshot *snapshot;

  g_test_message ("%s at %s", path, shown);
  snapshot = vigie_test_parse_at_time (NULL, body, now);
  forced = vigie_test_parse_at_time (vigie_snapshot_get_format (snapshot), body, now);
  g_assert_cmpint (vigie_snapshot_get_severity (forced), ==, vigie_snapshot_get_severity (snapshot));

  return snapshot;
}

VigieSnapshot *
vigie_test_parse_fixture_at (const char *path,
                             const char *now_text)
{
  g_autoptr(GDateTime) now = vigie_test_time_at (now_text);

  return vigie_test_parse_fixture_at_time (path, now);
}

VigieSnapshot *
vigie_test_parse_fixture (const char *path)
{
  return vigie_test_parse_fixture_at (path, VIGIE_TEST_NOW);
}

VigieSnapshot *
vigie_test_parse_text_at (const char *format,
                          const char *text,
                          const char *now_text)
{
  g_autoptr(GBytes) body = g_bytes_new (text, strlen (text));

  return vigie_test_parse (format, body, now_text);
}

VigieSnapshot *
vigie_test_parse_text (const char *format,
                       const char *text)
{
  return vigie_test_parse_text_at (format, text, VIGIE_TEST_NOW);
}

void
vigie_test_assert_parse_error (const char *format,
                               GBytes     *body,
                               int         code,
                               const char *message)
{
  g_autoptr(GError) error = vigie_test_parse_error (format, body, VIGIE_TEST_NOW);

  g_assert_error (error, VIGIE_FEED_ERROR, code);
  if (message != NULL)
    g_assert_cmpstr (error->message, ==, message);
}

void
vigie_test_assert_text_error (const char *format,
                              const char *text,
                              int         code,
                              const char *message)
{
  g_autoptr(GBytes) body = g_bytes_new (text, strlen (text));

  vigie_test_assert_parse_error (format, body, code, message);
}

/* The formats added after Statuspage and Slack, which all refuse each
 * other's documents */
const char * const vigie_test_other_formats[] = {
  "google", "microsoft", "instatus", "statusio", "webex", "atom", NULL
};

void
vigie_test_assert_other_formats_refuse (GBytes     *body,
                                        const char *own_format,
                                        const char *now_text)
{
  for (guint i = 0; vigie_test_other_formats[i] != NULL; i++)
    {
      g_autoptr(GError) error = NULL;

      if (g_strcmp0 (vigie_test_other_formats[i], own_format) == 0)
        continue;

      g_test_message ("  forced as %s", vigie_test_other_formats[i]);
      error = vigie_test_parse_error (vigie_test_other_formats[i], body, now_text);
    }
}

void
vigie_test_assert_trouble (VigieSnapshot *snapshot,
                           const char    *expected)
{
  g_autofree char *trouble = vigie_test_describe_trouble (snapshot);

  g_assert_cmpstr (trouble, ==, expected);
}

const VigieIncident *
vigie_test_item_at (GPtrArray *items,
                    guint      index)
{
  g_assert_cmpuint (index, <, items->len);
  return g_ptr_array_index (items, index);
}

const VigieIncident *
vigie_test_incident_at (VigieSnapshot *snapshot,
                        guint          index)
{
  return vigie_test_item_at (vigie_snapshot_get_incidents (snapshot), index);
}

const VigieIncident *
vigie_test_maintenance_at (VigieSnapshot *snapshot,
                           guint          index)
{
  return vigie_test_item_at (vigie_snapshot_get_maintenances (snapshot), index);
}

const VigieIncident *
vigie_test_resolved_at (VigieSnapshot *snapshot,
                        guint          index)
{
  return vigie_test_item_at (vigie_snapshot_get_resolved (snapshot), index);
}

guint
vigie_test_n_incidents (VigieSnapshot *snapshot)
{
  return vigie_snapshot_get_incidents (snapshot)->len;
}

guint
vigie_test_n_maintenances (VigieSnapshot *snapshot)
{
  return vigie_snapshot_get_maintenances (snapshot)->len;
}

guint
vigie_test_n_components (VigieSnapshot *snapshot)
{
  return vigie_snapshot_get_components (snapshot)->len;
}

void
vigie_test_assert_counts (VigieSnapshot *snapshot,
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
