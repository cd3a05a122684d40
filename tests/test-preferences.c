/* test-preferences.c: the preferences window on a real X server (Xvfb)
 *
 * The window is built over a real VigieSettings (an in-memory GSettings
 * backend, the schema compiled in the build tree), a real VigieMonitor and
 * feeds served on 127.0.0.1, then driven widget by widget as a user
 * would: a custom feed typed and added is checked, saved under its page's
 * name and polled; a bad address shows why in words and saves nothing;
 * the catalog search filters its rows; a catalog switch, a component check
 * and the per-service level write their keys; Ctrl+F reaches the search;
 * quiet hours read "20 h 00" in French.
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#define G_SETTINGS_ENABLE_BACKEND
#include <gio/gsettingsbackend.h>
#include <glib/gi18n.h>
#include <gtk/gtk.h>
#include <locale.h>
#include <string.h>

#include "vigie-monitor.h"
#include "vigie-policy.h"
#include "vigie-preferences.h"
#include "vigie-settings.h"
#include "vigie-test-gtk-utils.h"
#include "vigie-test-utils.h"

#define TIMEOUT 20
#define NBSP "\xc2\xa0"

#define ACME_PATH "/acme/api/v2/summary.json"
#define PAGE_PATH "/not-a-feed/index.html"
#define MISSING_PATH "/gone.json"
#define ZOOM_PATH "/status.zoom.us/api/v2/summary.json"

/* In sanitizer builds: whole stacks for tests/lsan.supp (see test-window.c) */
const char *__asan_default_options (void);

const char *
__asan_default_options (void)
{
  return "fast_unwind_on_malloc=0";
}

typedef struct
{
  SoupServer *server;
  GHashTable *hits;      /* path -> count */
  GSettingsBackend *backend;
  GSettings *gsettings;
  VigieMonitor *monitor;
  VigiePolicy *policy;
  VigieSettings *settings;
  VigiePreferences *window;
} Fixture;

static const char acme_body[] =
  "{\"page\":{\"id\":\"acme\",\"name\":\"Acme Status\",\"url\":\"https://status.acme.example\"},"
  "\"status\":{\"indicator\":\"none\",\"description\":\"All Systems Operational\"},"
  "\"components\":[{\"id\":\"c1\",\"name\":\"API\",\"status\":\"operational\"},"
  "{\"id\":\"c2\",\"name\":\"Dashboard\",\"status\":\"operational\"}],"
  "\"incidents\":[],\"scheduled_maintenances\":[]}";

static const char zoom_body[] =
  "{\"page\":{\"id\":\"zoom\",\"name\":\"Zoom\",\"url\":\"https://status.zoom.us\"},"
  "\"status\":{\"indicator\":\"none\",\"description\":\"All Systems Operational\"},"
  "\"components\":[{\"id\":\"c1\",\"name\":\"Meetings\",\"status\":\"operational\"},"
  "{\"id\":\"c2\",\"name\":\"Zoom Phone\",\"status\":\"operational\"}],"
  "\"incidents\":[],\"scheduled_maintenances\":[]}";

static const char page_body[] =
  "<!DOCTYPE html><html><head><title>Our status</title></head>"
  "<body><p>All good.</p></body></html>";

static void
server_cb (SoupServer        *server,
           SoupServerMessage *message,
           const char        *path,
           GHashTable        *query,
           gpointer           user_data)
{
  Fixture *f = user_data;
  const char *body = NULL;
  const char *type = "application/json";

  g_hash_table_insert (f->hits, g_strdup (path),
                       GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (f->hits, path))
                                         + 1));

  if (g_str_equal (path, ACME_PATH))
    body = acme_body;
  else if (g_str_equal (path, ZOOM_PATH))
    body = zoom_body;
  else if (g_str_equal (path, PAGE_PATH))
    {
      body = page_body;
      type = "text/html";
    }

  if (body == NULL)
    {
      soup_server_message_set_status (message, SOUP_STATUS_NOT_FOUND, NULL);
      return;
    }

  soup_server_message_set_status (message, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (message, type, SOUP_MEMORY_STATIC, body, strlen (body));
}

static guint
hits (Fixture    *f,
      const char *path)
{
  return GPOINTER_TO_UINT (g_hash_table_lookup (f->hits, path));
}

/* ---------------------------------------------------------------------- */
/* Waiting and finding                                                      */

static GtkWidget *
find_child (gpointer    root,
            const char *id)
{
  GtkWidget *found = vigie_test_lookup_child (root, id);

  if (found == NULL)
    g_error ("no widget “%s”", id);

  return found;
}

/* ---------------------------------------------------------------------- */
/* Fixture                                                                  */

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;
  g_autofree char *base = NULL;

  f->hits = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  f->server = vigie_test_server_new ();
  soup_server_add_handler (f->server, NULL, server_cb, f, NULL);
  base = vigie_test_server_url (f->server, "/");
  g_setenv ("VIGIE_TEST_FEED_BASE", base, TRUE);

  g_assert_nonnull (source);
  schema = g_settings_schema_source_lookup (source, APP_ID, FALSE);
  g_assert_nonnull (schema);
  f->backend = g_memory_settings_backend_new ();
  f->gsettings = g_settings_new_full (schema, f->backend, NULL);
  g_settings_set_strv (f->gsettings, "selected-services", (const char * const[]) { "zoom", NULL });

  f->monitor = vigie_monitor_new ();
  vigie_monitor_set_interval (f->monitor, 3600);
  f->policy = vigie_policy_new ();
  f->settings = vigie_settings_new (f->gsettings, f->monitor, f->policy);
  vigie_settings_apply (f->settings);
  vigie_monitor_start (f->monitor);

  f->window = vigie_preferences_new (NULL, f->settings);
  gtk_widget_show (GTK_WIDGET (f->window));
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  gtk_widget_destroy (GTK_WIDGET (f->window));
  g_object_run_dispose (G_OBJECT (f->settings));
  g_clear_object (&f->settings);
  g_object_run_dispose (G_OBJECT (f->monitor));
  g_clear_object (&f->monitor);
  g_clear_object (&f->policy);
  g_clear_object (&f->gsettings);
  g_clear_object (&f->backend);
  soup_server_disconnect (f->server);
  g_clear_object (&f->server);
  g_clear_pointer (&f->hits, g_hash_table_unref);
  g_unsetenv ("VIGIE_TEST_FEED_BASE");

  vigie_test_let_idles_run ();
}

/* ---------------------------------------------------------------------- */
/* Custom feeds                                                             */

static gsize
n_custom_feeds (Fixture *f)
{
  g_autoptr(GVariant) feeds = g_settings_get_value (f->gsettings, "custom-feeds");

  return g_variant_n_children (feeds);
}

static gboolean
check_is_over (gpointer       fixture,
               gconstpointer  data)
{
  Fixture *f = fixture;
  GtkWidget *spinner = find_child (f->window, "feed_spinner");
  GtkWidget *button = find_child (f->window, "add_button");
  GtkWidget *entry = find_child (f->window, "feed_entry");

  return !gtk_widget_get_visible (spinner)
         && (gtk_widget_get_sensitive (button)
             || *gtk_entry_get_text (GTK_ENTRY (entry)) == '\0');
}

/* Types @address and clicks Add; returns at the end of the check, if
 * one began (the return value) */
static gboolean
add_address (Fixture    *f,
             const char *address)
{
  GtkEntry *entry = GTK_ENTRY (find_child (f->window, "feed_entry"));
  GtkWidget *button = find_child (f->window, "add_button");
  gboolean checking;

  gtk_entry_set_text (entry, address);
  g_assert_true (gtk_widget_get_sensitive (button));
  gtk_button_clicked (GTK_BUTTON (button));

  /* while it is checked: a spinner, and no second Add */
  checking = gtk_widget_get_visible (find_child (f->window, "feed_spinner"));
  if (checking)
    g_assert_false (gtk_widget_get_sensitive (button));

  vigie_test_run_until (check_is_over, f, NULL, TIMEOUT);
  return checking;
}

static const char *
feed_message (Fixture *f)
{
  return gtk_label_get_text (GTK_LABEL (find_child (f->window, "feed_message")));
}

static gboolean
message_is_error (Fixture *f)
{
  return gtk_style_context_has_class (gtk_widget_get_style_context (find_child (f->window,
                                                                                "feed_message")),
                                      "error");
}

static void
test_custom_feed_added (Fixture       *f,
                        gconstpointer  data)
{
  g_autofree char *url = vigie_test_server_url (f->server, ACME_PATH);
  g_autofree char *id = vigie_settings_custom_feed_id (url);
  g_autofree char *row_name = g_strconcat ("custom-", id, NULL);
  g_autoptr(GVariant) feeds = NULL;
  const char *name;
  const char *saved_url;
  guint before;

  g_assert_false (gtk_widget_get_visible (find_child (f->window, "custom_frame")));

  g_assert_true (add_address (f, url));
  g_assert_false (message_is_error (f));
  g_assert_nonnull (strstr (feed_message (f), "Acme Status"));

  /* saved under the page's own name */
  g_assert_cmpuint (n_custom_feeds (f), ==, 1);
  feeds = g_settings_get_value (f->gsettings, "custom-feeds");
  g_variant_get_child (feeds, 0, "(&s&s)", &name, &saved_url);
  g_assert_cmpstr (name, ==, "Acme Status");
  g_assert_cmpstr (saved_url, ==, url);
  g_assert_cmpstr (gtk_entry_get_text (GTK_ENTRY (find_child (f->window, "feed_entry"))), ==, "");

  /* listed, and polled by the monitor (the check was one request, the
   * monitor's first poll another) */
  g_assert_true (gtk_widget_get_visible (find_child (f->window, "custom_frame")));
  g_assert_nonnull (vigie_test_lookup_child (f->window, row_name));
  g_assert_nonnull (vigie_monitor_lookup (f->monitor, id));
  before = hits (f, ACME_PATH);
  {
    VigieService *service = vigie_monitor_lookup (f->monitor, id);

    while (vigie_service_get_last_checked (service) == NULL)
      g_main_context_iteration (NULL, TRUE);
    g_assert_cmpuint (hits (f, ACME_PATH), >=, 2);
    g_assert_cmpuint (hits (f, ACME_PATH), >=, before);
    g_assert_cmpstr (vigie_service_get_display_name (service), ==, "Acme Status");
    g_assert_cmpint (vigie_service_get_severity (service), ==, VIGIE_SEVERITY_OPERATIONAL);
  }

  /* the same address again: refused at once, nothing more saved */
  g_assert_false (add_address (f, url));
  g_assert_true (message_is_error (f));
  g_assert_cmpuint (n_custom_feeds (f), ==, 1);

  /* removed from its row */
  {
    GtkWidget *row = find_child (f->window, row_name);
    GtkWidget *box = gtk_bin_get_child (GTK_BIN (row));
    g_autoptr(GList) children = gtk_container_get_children (GTK_CONTAINER (box));
    GtkWidget *remove = g_list_last (children)->data;

    g_assert_true (GTK_IS_BUTTON (remove));
    gtk_button_clicked (GTK_BUTTON (remove));
    vigie_test_let_idles_run ();
    g_assert_cmpuint (n_custom_feeds (f), ==, 0);
    g_assert_null (vigie_monitor_lookup (f->monitor, id));
    g_assert_null (vigie_test_lookup_child (f->window, row_name));
  }
}

/* "127.0.0.1:port/…" without a scheme means https: which this loopback
 * server does not speak; the message says so and nothing is saved */
static void
assert_refused (Fixture    *f,
                const char *address,
                const char *reason)
{
  guint services = vigie_monitor_get_services (f->monitor)->len;

  g_assert_true (add_address (f, address));
  g_assert_true (message_is_error (f));
  if (strstr (feed_message (f), reason) == NULL)
    g_error ("for %s, “%s” does not say “%s”", address, feed_message (f), reason);
  g_assert_cmpuint (n_custom_feeds (f), ==, 0);
  g_assert_cmpuint (vigie_monitor_get_services (f->monitor)->len, ==, services);

  /* the address stays, to be corrected */
  g_assert_cmpstr (gtk_entry_get_text (GTK_ENTRY (find_child (f->window, "feed_entry"))), ==,
                   address);
}

static void
test_custom_feed_refused (Fixture       *f,
                          gconstpointer  data)
{
  g_autofree char *page = vigie_test_server_url (f->server, PAGE_PATH);
  g_autofree char *missing = vigie_test_server_url (f->server, MISSING_PATH);

  /* a web page with no feed behind it (the known feed paths of its
   * origin all answer 404) */
  assert_refused (f, page, "the server sent a web page instead of a feed");
  g_assert_cmpuint (hits (f, PAGE_PATH), >=, 1);

  assert_refused (f, missing, "no feed at this address (http 404)");
  assert_refused (f, "http://example.com/status.json",
                  "the feed address is not secure (https is required)");
  assert_refused (f, "https://", "the feed address is not valid");

  /* nothing was ever added */
  g_assert_false (gtk_widget_get_visible (find_child (f->window, "custom_frame")));
}

/* ---------------------------------------------------------------------- */
/* The catalog                                                              */

static gboolean
row_shown (Fixture    *f,
           const char *id)
{
  g_autofree char *name = g_strconcat ("catalog-", id, NULL);
  GtkWidget *row = find_child (f->window, name);

  return gtk_widget_get_child_visible (row);
}

static void
search (Fixture    *f,
        const char *text)
{
  gtk_entry_set_text (GTK_ENTRY (find_child (f->window, "search_entry")), text);
  /* GtkSearchEntry says "search-changed" after a short delay */
  g_signal_emit_by_name (find_child (f->window, "search_entry"), "search-changed");
  vigie_test_let_idles_run ();
}

static void
test_catalog_search (Fixture       *f,
                     gconstpointer  data)
{
  GtkStack *catalog_stack = GTK_STACK (find_child (f->window, "catalog_stack"));
  GtkListBoxRow *zoom_row;

  /* everything, grouped: the first row of a category has its heading */
  g_assert_true (row_shown (f, "slack"));
  g_assert_true (row_shown (f, "zoom"));
  zoom_row = GTK_LIST_BOX_ROW (find_child (f->window, "catalog-zoom"));
  g_assert_true (GTK_IS_LABEL (gtk_list_box_row_get_header (zoom_row)));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (gtk_list_box_row_get_header (zoom_row))), ==,
                   "Video meetings");

  /* by name */
  search (f, "zoo");
  g_assert_true (row_shown (f, "zoom"));
  g_assert_false (row_shown (f, "slack"));
  g_assert_false (row_shown (f, "github"));

  /* by keyword, in French too, accents or not */
  search (f, "visio");
  g_assert_true (row_shown (f, "zoom"));
  g_assert_false (row_shown (f, "slack"));
  search (f, "depot");
  g_assert_true (row_shown (f, "github"));
  g_assert_false (row_shown (f, "zoom"));

  /* by category */
  search (f, "chat");
  g_assert_true (row_shown (f, "slack"));
  g_assert_false (row_shown (f, "zoom"));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (catalog_stack), ==, "list");

  /* nothing */
  search (f, "no such tool at all");
  g_assert_cmpstr (gtk_stack_get_visible_child_name (catalog_stack), ==, "empty");

  search (f, "");
  g_assert_true (row_shown (f, "slack"));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (catalog_stack), ==, "list");
}

static gboolean
is_selected (Fixture    *f,
             const char *id)
{
  g_auto(GStrv) ids = g_settings_get_strv (f->gsettings, "selected-services");

  return g_strv_contains ((const char * const *) ids, id);
}

static GtkSwitch *
row_switch (Fixture    *f,
            const char *id)
{
  g_autofree char *name = g_strconcat ("catalog-", id, NULL);
  GtkWidget *box = gtk_bin_get_child (GTK_BIN (find_child (f->window, name)));
  g_autoptr(GList) children = gtk_container_get_children (GTK_CONTAINER (box));

  return GTK_SWITCH (g_list_last (children)->data);
}

static void
test_catalog_toggle (Fixture       *f,
                     gconstpointer  data)
{
  GtkWidget *github = find_child (f->window, "catalog-github");

  g_assert_true (gtk_switch_get_active (row_switch (f, "zoom")));
  g_assert_false (gtk_switch_get_active (row_switch (f, "github")));
  g_assert_false (is_selected (f, "github"));

  /* activating the row (Enter, Space, a click) flips its switch */
  g_signal_emit_by_name (find_child (f->window, "catalog_list"), "row-activated", github);
  g_assert_true (is_selected (f, "github"));
  g_assert_true (gtk_switch_get_active (row_switch (f, "github")));
  vigie_test_let_idles_run ();
  g_assert_nonnull (vigie_monitor_lookup (f->monitor, "github"));

  gtk_switch_set_active (row_switch (f, "zoom"), FALSE);
  g_assert_false (is_selected (f, "zoom"));
  vigie_test_let_idles_run ();
  g_assert_null (vigie_monitor_lookup (f->monitor, "zoom"));

  /* the settings changed elsewhere: the switches follow */
  g_settings_set_strv (f->gsettings, "selected-services",
                       (const char * const[]) { "slack", NULL });
  vigie_test_let_idles_run ();
  g_assert_true (gtk_switch_get_active (row_switch (f, "slack")));
  g_assert_false (gtk_switch_get_active (row_switch (f, "github")));
}

/* ---------------------------------------------------------------------- */
/* Each service, notifications, keyboard                                    */

static gboolean
zoom_polled (gpointer       fixture,
             gconstpointer  data)
{
  Fixture *f = fixture;
  VigieService *zoom = vigie_monitor_lookup (f->monitor, "zoom");

  return zoom != NULL && vigie_service_get_full_snapshot (zoom) != NULL
         && vigie_test_lookup_child (f->window, "component-Zoom Phone") != NULL;
}

static void
test_service_details (Fixture       *f,
                      gconstpointer  data)
{
  GtkComboBox *services = GTK_COMBO_BOX (find_child (f->window, "service_combo"));
  GtkComboBox *level = GTK_COMBO_BOX (find_child (f->window, "service_level_combo"));
  GtkWidget *row;
  g_autoptr(GVariant) levels = NULL;
  g_auto(GStrv) components = NULL;
  const char *value = NULL;

  gtk_stack_set_visible_child_name (GTK_STACK (find_child (f->window, "stack")), "details");
  g_assert_cmpstr (gtk_combo_box_get_active_id (services), ==, "zoom");
  g_assert_cmpstr (gtk_combo_box_get_active_id (level), ==, "default");

  /* the live list of components, once polled */
  vigie_test_run_until (zoom_polled, f, NULL, TIMEOUT);
  row = find_child (f->window, "component-Zoom Phone");
  g_assert_false (gtk_toggle_button_get_active (
                    GTK_TOGGLE_BUTTON (gtk_bin_get_child (GTK_BIN (row)))));
  g_signal_emit_by_name (find_child (f->window, "components_list"), "row-activated", row);
  components = vigie_settings_dup_components (f->settings, "zoom");
  g_assert_cmpuint (g_strv_length (components), ==, 1);
  g_assert_cmpstr (components[0], ==, "Zoom Phone");
  g_assert_nonnull (vigie_test_lookup_child (f->window, "component-Meetings"));

  /* its own level */
  gtk_combo_box_set_active_id (level, "muted");
  levels = g_settings_get_value (f->gsettings, "alert-levels");
  g_assert_true (g_variant_lookup (levels, "zoom", "&s", &value));
  g_assert_cmpstr (value, ==, "muted");
  vigie_test_let_idles_run ();
  g_assert_cmpint (vigie_policy_get_level (f->policy, "zoom"), ==, VIGIE_ALERT_LEVEL_MUTED);
  gtk_combo_box_set_active_id (level, "default");
  g_assert_null (vigie_settings_dup_service_level (f->settings, "zoom"));
}

static void
test_notifications_page (Fixture       *f,
                         gconstpointer  data)
{
  GtkComboBox *level = GTK_COMBO_BOX (find_child (f->window, "default_level_combo"));
  GtkToggleButton *quiet = GTK_TOGGLE_BUTTON (find_child (f->window, "quiet_check"));
  GtkSpinButton *start = GTK_SPIN_BUTTON (find_child (f->window, "quiet_start_spin"));
  GtkToggleButton *sunday = GTK_TOGGLE_BUTTON (find_child (f->window, "day_sunday"));
  g_autofree char *level_value = NULL;

  g_assert_cmpstr (gtk_combo_box_get_active_id (level), ==, "minor");
  gtk_combo_box_set_active_id (level, "major");
  level_value = g_settings_get_string (f->gsettings, "default-alert-level");
  g_assert_cmpstr (level_value, ==, "major");

  /* quiet hours: off, their details insensitive */
  g_assert_false (gtk_toggle_button_get_active (quiet));
  g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (start)));
  gtk_toggle_button_set_active (quiet, TRUE);
  g_assert_true (g_settings_get_boolean (f->gsettings, "quiet-hours-enabled"));
  g_assert_true (gtk_widget_get_sensitive (GTK_WIDGET (start)));

  /* times as the language writes them, read back from what is typed */
  g_assert_cmpstr (gtk_entry_get_text (GTK_ENTRY (start)), ==, "20:00");
  gtk_entry_set_text (GTK_ENTRY (start), "21 h 30");
  gtk_spin_button_update (start);
  g_assert_cmpuint (g_settings_get_uint (f->gsettings, "quiet-hours-start"), ==, 21 * 60 + 30);
  g_assert_cmpstr (gtk_entry_get_text (GTK_ENTRY (start)), ==, "21:30");
  gtk_entry_set_text (GTK_ENTRY (start), "645");
  gtk_spin_button_update (start);
  g_assert_cmpuint (g_settings_get_uint (f->gsettings, "quiet-hours-start"), ==, 6 * 60 + 45);
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (find_child (f->window, "quiet_end_note"))), ==,
                   "");

  /* days */
  gtk_toggle_button_set_active (sunday, FALSE);
  g_assert_cmpuint (g_settings_get_flags (f->gsettings, "quiet-hours-days"), ==,
                    VIGIE_WEEKDAYS_ALL & ~VIGIE_WEEKDAY_SUNDAY);
  vigie_test_let_idles_run ();
  g_assert_false (gtk_toggle_button_get_active (sunday));

  /* and the policy follows */
  vigie_test_let_idles_run ();
  {
    g_autoptr(GDateTime) sunday_night = g_date_time_new_local (2026, 11, 29, 23, 0, 0);
    g_autoptr(GDateTime) monday_night = g_date_time_new_local (2026, 11, 30, 23, 0, 0);

    g_settings_set_uint (f->gsettings, "quiet-hours-start", 22 * 60);
    vigie_test_let_idles_run ();
    g_assert_false (vigie_policy_is_quiet (f->policy, sunday_night));
    g_assert_true (vigie_policy_is_quiet (f->policy, monday_night));
    g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (find_child (f->window, "quiet_end_note"))),
                     ==, "the next day");
  }

  /* start at login, recoveries */
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (find_child (f->window, "recovery_check")),
                                FALSE);
  g_assert_false (g_settings_get_boolean (f->gsettings, "recovery-notices"));
  g_settings_set_boolean (f->gsettings, "start-at-login", TRUE);
  vigie_test_let_idles_run ();
  g_assert_true (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (find_child (f->window,
                                                                              "autostart_check"))));
}

static gboolean
search_has_focus (gpointer       fixture,
                  gconstpointer  data)
{
  Fixture *f = fixture;

  return gtk_widget_is_focus (find_child (f->window, "search_entry"));
}

static void
test_keyboard (Fixture       *f,
               gconstpointer  data)
{
  GtkStack *stack = GTK_STACK (find_child (f->window, "stack"));
  GdkEvent *event;
  GdkWindow *window;

  gtk_stack_set_visible_child_name (stack, "notifications");
  vigie_test_let_idles_run ();

  /* Ctrl+F: back to the services, in the search */
  window = gtk_widget_get_window (GTK_WIDGET (f->window));
  g_assert_nonnull (window);
  event = gdk_event_new (GDK_KEY_PRESS);
  event->key.window = g_object_ref (window);
  event->key.keyval = GDK_KEY_f;
  event->key.state = GDK_CONTROL_MASK;
  event->key.time = GDK_CURRENT_TIME;
  gdk_event_set_device (event, gdk_seat_get_keyboard (gdk_display_get_default_seat (
                                 gdk_window_get_display (window))));
  gtk_widget_event (GTK_WIDGET (f->window), event);
  gdk_event_free (event);
  vigie_test_run_until (search_has_focus, f, NULL, TIMEOUT);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "services");

  /* every label with a mnemonic points at a control */
  {
    const char *labels[] = { "catalog_label", "custom_label", "service_label",
                             "service_level_label", "default_level_label", "recovery_label",
                             "maintenance_label", "days_label", "quiet_start_label",
                             "quiet_end_label", "poll_label" };

    for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
      {
        GtkLabel *label = GTK_LABEL (find_child (f->window, labels[i]));

        g_assert_true (gtk_label_get_use_underline (label));
        g_assert_cmpuint (gtk_label_get_mnemonic_keyval (label), !=, GDK_KEY_VoidSymbol);
        g_assert_nonnull (gtk_label_get_mnemonic_widget (label));
      }
  }
}

/* ---------------------------------------------------------------------- */
/* Lockdown                                                                 */

/* A keyfile backend with a "locks" file: GLib's own way to lock keys
 * without dconf.  The type is GIO's, reached by name: only
 * g_keyfile_settings_backend_new() is public, and it takes no
 * defaults-dir. */
static GSettingsBackend *
locked_backend_new (const char *dir,
                    const char *locks)
{
  g_autofree char *file = g_build_filename (dir, "keyfile", NULL);
  g_autofree char *locks_path = g_build_filename (dir, "locks", NULL);
  g_autoptr(GError) error = NULL;
  GType type;

  g_object_unref (g_keyfile_settings_backend_new (file, "/", NULL));
  type = g_type_from_name ("GKeyfileSettingsBackend");
  g_assert_true (type != G_TYPE_INVALID);

  g_file_set_contents (locks_path, locks, -1, &error);
  g_assert_no_error (error);

  return g_object_new (type, "filename", file, "root-path", "/", "defaults-dir", dir, NULL);
}

static void
test_lockdown (Fixture       *f,
               gconstpointer  data)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = g_settings_schema_source_lookup (source, APP_ID, FALSE);
  g_autofree char *dir = g_dir_make_tmp ("vigie-lockdown-XXXXXX", NULL);
  g_autoptr(GSettingsBackend) backend = NULL;
  g_autoptr(GSettings) gsettings = NULL;
  g_autoptr(VigieSettings) settings = NULL;
  g_autoptr(VigieMonitor) monitor = vigie_monitor_new ();
  g_autoptr(VigiePolicy) policy = vigie_policy_new ();
  g_autofree char *tooltip = NULL;
  VigiePreferences *window;
  GtkWidget *poll;
  GtkWidget *quiet;
  GtkWidget *start;
  GtkWidget *recovery;

  g_assert_nonnull (dir);
  backend = locked_backend_new (dir, "/io/github/vigie/Vigie/poll-interval\n"
                                     "/io/github/vigie/Vigie/quiet-hours-start\n");
  gsettings = g_settings_new_full (schema, backend, NULL);
  g_assert_false (g_settings_is_writable (gsettings, "poll-interval"));
  g_assert_true (g_settings_is_writable (gsettings, "recovery-notices"));

  settings = vigie_settings_new (gsettings, monitor, policy);
  window = vigie_preferences_new (NULL, settings);
  gtk_widget_show (GTK_WIDGET (window));

  /* locked: insensitive, and saying why */
  poll = find_child (window, "poll_spin");
  g_assert_false (gtk_widget_get_sensitive (poll));
  tooltip = gtk_widget_get_tooltip_text (poll);
  g_assert_cmpstr (tooltip, ==, "This setting is locked by your administrator");

  /* not locked: as usual */
  recovery = find_child (window, "recovery_check");
  g_assert_true (gtk_widget_get_sensitive (recovery));

  /* turning quiet hours on does not unlock their locked start */
  quiet = find_child (window, "quiet_check");
  start = find_child (window, "quiet_start_spin");
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (quiet), TRUE);
  g_assert_false (gtk_widget_get_sensitive (start));
  g_assert_true (gtk_widget_get_sensitive (find_child (window, "quiet_end_spin")));
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (quiet), FALSE);
  g_assert_false (gtk_widget_get_sensitive (find_child (window, "quiet_end_spin")));

  gtk_widget_destroy (GTK_WIDGET (window));
  g_object_run_dispose (G_OBJECT (settings));
  g_object_run_dispose (G_OBJECT (monitor));
  vigie_test_let_idles_run ();

  {
    const char *rm_argv[] = { "rm", "-rf", dir, NULL };

    g_assert_true (g_spawn_sync (NULL, (char **) rm_argv, NULL, G_SPAWN_SEARCH_PATH, NULL,
                                 NULL, NULL, NULL, NULL, NULL));
  }
}

/* ---------------------------------------------------------------------- */
/* French                                                                   */

static void
test_french (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *old_locale = g_strdup (setlocale (LC_ALL, NULL));
  g_autofree char *page = vigie_test_server_url (f->server, PAGE_PATH);
  VigiePreferences *window;
  GtkSpinButton *start;
  GtkListBoxRow *zoom_row;

  if (!vigie_test_use_locale ("fr_FR.UTF-8"))
    return;

  window = vigie_preferences_new (NULL, f->settings);
  gtk_widget_destroy (GTK_WIDGET (f->window));
  f->window = window;
  gtk_widget_show (GTK_WIDGET (window));

  /* the time format of the catalogue: "20 h 00" */
  start = GTK_SPIN_BUTTON (find_child (window, "quiet_start_spin"));
  g_assert_cmpstr (gtk_entry_get_text (GTK_ENTRY (start)), ==, "20" NBSP "h" NBSP "00");
  gtk_entry_set_text (GTK_ENTRY (start), "7 h 15");
  gtk_spin_button_update (start);
  g_assert_cmpuint (g_settings_get_uint (f->gsettings, "quiet-hours-start"), ==, 7 * 60 + 15);
  g_assert_cmpstr (gtk_entry_get_text (GTK_ENTRY (start)), ==, "7" NBSP "h" NBSP "15");

  /* translated categories */
  zoom_row = GTK_LIST_BOX_ROW (find_child (window, "catalog-zoom"));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (gtk_list_box_row_get_header (zoom_row))), !=,
                   "Video meetings");

  /* a bad address says why in French */
  add_address (f, page);
  g_assert_true (message_is_error (f));
  if (strstr (feed_message (f), "le serveur a envoyé une page web au lieu d’un flux") == NULL)
    g_error ("not in French: “%s”", feed_message (f));
  g_assert_cmpuint (n_custom_feeds (f), ==, 0);

  setlocale (LC_ALL, old_locale);
}

/* en_US: quiet hours on its 12-hour clock, as everywhere in Vigie */
static void
test_english_clock (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *old_locale = g_strdup (setlocale (LC_ALL, NULL));
  VigiePreferences *window;
  GtkSpinButton *start;

  if (!vigie_test_use_locale ("en_US.UTF-8"))
    return;

  window = vigie_preferences_new (NULL, f->settings);
  gtk_widget_destroy (GTK_WIDGET (f->window));
  f->window = window;
  gtk_widget_show (GTK_WIDGET (window));

  start = GTK_SPIN_BUTTON (find_child (window, "quiet_start_spin"));
  g_assert_cmpstr (gtk_entry_get_text (GTK_ENTRY (start)), ==, "8:00 PM");

  gtk_entry_set_text (GTK_ENTRY (start), "7:15 am");
  gtk_spin_button_update (start);
  g_assert_cmpuint (g_settings_get_uint (f->gsettings, "quiet-hours-start"), ==, 7 * 60 + 15);
  g_assert_cmpstr (gtk_entry_get_text (GTK_ENTRY (start)), ==, "7:15 AM");

  gtk_entry_set_text (GTK_ENTRY (start), "9 PM");
  gtk_spin_button_update (start);
  g_assert_cmpuint (g_settings_get_uint (f->gsettings, "quiet-hours-start"), ==, 21 * 60);

  gtk_entry_set_text (GTK_ENTRY (start), "12:30 AM");
  gtk_spin_button_update (start);
  g_assert_cmpuint (g_settings_get_uint (f->gsettings, "quiet-hours-start"), ==, 30);

  /* a 24-hour time still reads as one */
  gtk_entry_set_text (GTK_ENTRY (start), "22:45");
  gtk_spin_button_update (start);
  g_assert_cmpuint (g_settings_get_uint (f->gsettings, "quiet-hours-start"), ==, 22 * 60 + 45);

  setlocale (LC_ALL, old_locale);
}

#define NO_DISPLAY_MESSAGE "SKIPPED LOUDLY: no X display (run under xvfb-run -a, or set " \
                           "DISPLAY); the preferences window was not tested"

static void
test_no_display (void)
{
  g_printerr ("%s\n", NO_DISPLAY_MESSAGE);
  g_test_skip (NO_DISPLAY_MESSAGE);
}

static void
test_no_schema (void)
{
  g_test_skip ("GSETTINGS_SCHEMA_DIR is not set: the compiled schema cannot be found");
}

static void
add (const char *path,
     void      (*func) (Fixture *, gconstpointer))
{
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down);
}

int
main (int   argc,
      char *argv[])
{
  const char *localedir = g_getenv ("VIGIE_LOCALEDIR");
  const char * const *data_dirs = NULL;
  g_autoptr(GPtrArray) mime_dirs = g_ptr_array_new_with_free_func (g_free);

  vigie_test_loopback_only ();
  vigie_test_install_network_monitor ();
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);

  /* The isolated XDG dirs hide the system's MIME database, which
   * gdk-pixbuf needs to load any icon: keep the real one. */
  data_dirs = g_get_system_data_dirs ();
  for (guint i = 0; data_dirs[i] != NULL; i++)
    g_ptr_array_add (mime_dirs, g_build_filename (data_dirs[i], "mime", NULL));
  g_ptr_array_add (mime_dirs, NULL);

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_content_type_set_mime_dirs ((const char * const *) mime_dirs->pdata);

  bindtextdomain (GETTEXT_PACKAGE, localedir != NULL ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  /* decided once per process: see test-window.c */
  setlocale (LC_ALL, "C");
  (void) g_dgettext (GETTEXT_PACKAGE, "Vigie");

  if (g_getenv ("GSETTINGS_SCHEMA_DIR") == NULL)
    {
      g_printerr ("SKIPPED LOUDLY: GSETTINGS_SCHEMA_DIR is not set (run through meson test)\n");
      g_test_add_func ("/preferences/no-schema", test_no_schema);
      return g_test_run ();
    }

  if (!gtk_init_check (&argc, &argv))
    {
      g_test_add_func ("/preferences/no-display", test_no_display);
      return g_test_run ();
    }

  g_object_set (gtk_settings_get_default (),
                "gtk-theme-name", "Adwaita",
                "gtk-icon-theme-name", "Adwaita",
                NULL);

  add ("/preferences/custom-feed/added", test_custom_feed_added);
  add ("/preferences/custom-feed/refused", test_custom_feed_refused);
  add ("/preferences/catalog/search", test_catalog_search);
  add ("/preferences/catalog/toggle", test_catalog_toggle);
  add ("/preferences/service-details", test_service_details);
  add ("/preferences/notifications", test_notifications_page);
  add ("/preferences/keyboard", test_keyboard);
  add ("/preferences/french", test_french);
  add ("/preferences/lockdown", test_lockdown);
  add ("/preferences/english-clock", test_english_clock);

  return g_test_run ();
}
