/* test-window.c: the main window on a real X server (Xvfb)
 *
 * A real VigieMonitor polls feeds served on 127.0.0.1, and the window is
 * read back widget by widget: one row per service with its name, state in
 * words and icon, incident titles as plain text, the stale and unknown
 * notes, links that may and may not be opened, the empty state, and the
 * French time format.  With VIGIE_SCREENSHOT_DIR set, the window is also
 * saved there as window-screenshot.png.
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <gtk/gtk.h>
#include <locale.h>
#include <string.h>

#include "vigie-format.h"
#include "vigie-monitor.h"
#include "vigie-service-row.h"
#include "vigie-test-gtk-utils.h"
#include "vigie-test-utils.h"
#include "vigie-window.h"

#define POLL_TIMEOUT 20

/* In sanitizer builds: leak reports need whole stacks to be matched
 * against tests/lsan.supp, and GLib, Pango and fontconfig are built
 * without frame pointers, which the fast unwinder relies on.  Options in
 * ASAN_OPTIONS still take precedence. */
const char *__asan_default_options (void);

const char *
__asan_default_options (void)
{
  return "fast_unwind_on_malloc=0";
}

/* ---------------------------------------------------------------------- */
/* Feeds                                                                   */

typedef struct
{
  SoupServer *server;
  VigieMonitor *monitor;
  GHashTable *bodies;      /* path -> body; a path without a body answers 503 */
  guint polled;
  guint expected;
  gboolean done;
} Fixture;

static char *
iso_minutes_ago (int minutes)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) then = g_date_time_add_minutes (now, -minutes);

  return g_date_time_format_iso8601 (then);
}

static char *
slack_outage_body (void)
{
  g_autofree char *started = iso_minutes_ago (47);
  g_autofree char *updated = iso_minutes_ago (12);

  return g_strdup_printf (
    "{\"status\":\"active\",\"date_created\":\"%s\",\"date_updated\":\"%s\","
    "\"active_incidents\":[{\"id\":2235,\"date_created\":\"%s\",\"date_updated\":\"%s\","
    "\"title\":\"Users cannot connect to Slack\",\"type\":\"outage\",\"status\":\"active\","
    "\"url\":\"https://slack-status.com/2026-11/c0ffee\","
    "\"services\":[\"Connectivity\",\"Messaging\"],"
    "\"notes\":[{\"date_created\":\"%s\",\"body\":\"Customers may have trouble connecting "
    "or sending messages. We have found the cause and are rolling out a fix.\"}]}]}",
    started, updated, started, updated, updated);
}

static char *
statuspage_ok_body (const char *name,
                    const char *url)
{
  return g_strdup_printf (
    "{\"page\":{\"id\":\"pg1\",\"name\":\"%s\",\"url\":\"%s\"},"
    "\"components\":[{\"id\":\"c1\",\"name\":\"API\",\"status\":\"operational\"},"
    "{\"id\":\"c2\",\"name\":\"Web\",\"status\":\"operational\"}],"
    "\"incidents\":[],\"scheduled_maintenances\":[],"
    "\"status\":{\"indicator\":\"none\",\"description\":\"All Systems Operational\"}}",
    name, url);
}

/* @title goes into a JSON string as is: no quote or backslash in it */
static char *
statuspage_minor_body (const char *title)
{
  g_autofree char *started = iso_minutes_ago (25);
  g_autofree char *updated = iso_minutes_ago (9);

  return g_strdup_printf (
    "{\"page\":{\"id\":\"pg2\",\"name\":\"Zoom\",\"url\":\"https://status.zoom.us\"},"
    "\"components\":[{\"id\":\"c1\",\"name\":\"Meetings\",\"status\":\"degraded_performance\"}],"
    "\"incidents\":[{\"id\":\"inc1\",\"name\":\"%s\",\"status\":\"investigating\","
    "\"impact\":\"minor\",\"shortlink\":\"https://stspg.io/z00m\","
    "\"created_at\":\"%s\",\"started_at\":\"%s\",\"updated_at\":\"%s\","
    "\"incident_updates\":[{\"id\":\"u1\",\"status\":\"investigating\","
    "\"body\":\"We are investigating reports of meetings dropping for some users in Europe.\","
    "\"created_at\":\"%s\",\"display_at\":\"%s\"}],"
    "\"components\":[{\"id\":\"c1\",\"name\":\"Meetings\",\"status\":\"degraded_performance\"}]}],"
    "\"scheduled_maintenances\":[],"
    "\"status\":{\"indicator\":\"minor\",\"description\":\"Minor Service Outage\"}}",
    title, started, started, updated, updated, updated);
}

static char *
statuspage_maintenance_body (void)
{
  g_autofree char *started = iso_minutes_ago (20);
  g_autofree char *until = iso_minutes_ago (-70);

  return g_strdup_printf (
    "{\"page\":{\"id\":\"pg3\",\"name\":\"Atlassian\",\"url\":\"https://status.atlassian.com\"},"
    "\"components\":[{\"id\":\"c1\",\"name\":\"Jira\",\"status\":\"under_maintenance\"}],"
    "\"incidents\":[],"
    "\"scheduled_maintenances\":[{\"id\":\"m1\",\"name\":\"Database upgrade\","
    "\"status\":\"in_progress\",\"impact\":\"maintenance\","
    "\"created_at\":\"%s\",\"updated_at\":\"%s\",\"started_at\":\"%s\","
    "\"scheduled_for\":\"%s\",\"scheduled_until\":\"%s\",\"incident_updates\":[],"
    "\"components\":[{\"id\":\"c1\",\"name\":\"Jira\",\"status\":\"under_maintenance\"}]}],"
    "\"status\":{\"indicator\":\"maintenance\",\"description\":\"Service Under Maintenance\"}}",
    started, started, started, started, until);
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

  if (body == NULL)
    {
      soup_server_message_set_status (message, SOUP_STATUS_SERVICE_UNAVAILABLE, NULL);
      return;
    }

  soup_server_message_set_status (message, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (message, "application/json", SOUP_MEMORY_COPY, body,
                                    strlen (body));
}

static void
polled_cb (VigieMonitor *monitor,
           VigieService *service,
           Fixture      *f)
{
  f->polled++;
  if (f->polled >= f->expected)
    f->done = TRUE;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->bodies = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  f->server = vigie_test_server_new ();
  soup_server_add_handler (f->server, NULL, server_cb, f, NULL);
  f->monitor = vigie_monitor_new ();
  vigie_monitor_set_interval (f->monitor, 3600);
  g_signal_connect (f->monitor, "service-polled", G_CALLBACK (polled_cb), f);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_signal_handlers_disconnect_by_data (f->monitor, f);
  g_clear_object (&f->monitor);
  soup_server_disconnect (f->server);
  g_clear_object (&f->server);
  g_clear_pointer (&f->bodies, g_hash_table_unref);
  vigie_test_set_network_available (TRUE);

  /* let pending idles (cancelled polls, destroyed widgets) run */
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static VigieService *
add_service (GPtrArray  *services,
             Fixture    *f,
             const char *id,
             const char *name,
             const char *status_page,
             const char *format,
             char       *body)
{
  g_autofree char *path = g_strconcat ("/", id, NULL);
  g_autofree char *url = vigie_test_server_url (f->server, path);
  VigieService *service = vigie_service_new (id, name, status_page, url, format);

  if (body != NULL)
    g_hash_table_insert (f->bodies, g_steal_pointer (&path), body);
  g_ptr_array_add (services, service);

  return service;
}

/* Starts the monitor and runs until every service was polled once */
static void
start_and_wait (Fixture *f)
{
  f->polled = 0;
  f->done = FALSE;
  f->expected = vigie_monitor_get_services (f->monitor)->len;
  vigie_monitor_start (f->monitor);
  vigie_test_wait_for (&f->done, POLL_TIMEOUT);
}

/* ---------------------------------------------------------------------- */
/* Reading the window                                                      */

/* The template child with this id, inside @root */
static GtkWidget *
find_child (GtkWidget  *root,
            const char *id)
{
  GtkWidget *found = vigie_test_lookup_child (root, id);

  g_assert_nonnull (found);

  return found;
}

static void
collect_labels_cb (GtkWidget *widget,
                   gpointer   user_data)
{
  GPtrArray *labels = user_data;

  if (GTK_IS_LABEL (widget))
    g_ptr_array_add (labels, widget);
  else if (GTK_IS_CONTAINER (widget))
    gtk_container_forall (GTK_CONTAINER (widget), collect_labels_cb, labels);
}

/* The label showing exactly @text inside @root, or NULL */
static GtkLabel *
find_label (GtkWidget  *root,
            const char *text)
{
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();

  gtk_container_forall (GTK_CONTAINER (root), collect_labels_cb, labels);
  for (guint i = 0; i < labels->len; i++)
    if (g_strcmp0 (gtk_label_get_text (g_ptr_array_index (labels, i)), text) == 0)
      return g_ptr_array_index (labels, i);

  return NULL;
}

static GList *
get_rows (VigieWindow *window)
{
  GtkWidget *list = find_child (GTK_WIDGET (window), "service_list");

  g_assert_true (GTK_IS_LIST_BOX (list));
  return gtk_container_get_children (GTK_CONTAINER (list));
}

static VigieServiceRow *
row_for (VigieWindow  *window,
         VigieService *service)
{
  g_autoptr(GList) rows = get_rows (window);

  for (GList *l = rows; l != NULL; l = l->next)
    if (vigie_service_row_get_service (l->data) == service)
      return l->data;

  g_assert_not_reached ();
}

static const char *
label_text (GtkWidget  *root,
            const char *id)
{
  GtkWidget *label = find_child (root, id);

  g_assert_true (GTK_IS_LABEL (label));
  /* feed text is plain text, never markup */
  g_assert_false (gtk_label_get_use_markup (GTK_LABEL (label)));

  return gtk_label_get_text (GTK_LABEL (label));
}

typedef enum
{
  ROW_NAME,
  ROW_STATE,
  ROW_CHECKED,
} RowPart;

/* A part of a row's one label: the name on the first line, then the state
 * and when it was checked, "Major outage · Checked at 10:30" */
static const char *
row_text (GtkWidget *row,
          RowPart    part)
{
  const char *text = label_text (row, "summary_label");
  const char *newline = strchr (text, '\n');
  const char *separator;
  char *found;

  g_assert_nonnull (newline);
  g_assert_cmpstr (text, ==, vigie_service_row_get_summary (VIGIE_SERVICE_ROW (row)));
  separator = g_strrstr (newline, " · ");
  g_assert_nonnull (separator);

  switch (part)
    {
    case ROW_NAME:
      found = g_strndup (text, (gsize) (newline - text));
      break;
    case ROW_STATE:
      found = g_strndup (newline + 1, (gsize) (separator - newline - 1));
      break;
    case ROW_CHECKED:
    default:
      found = g_strdup (separator + strlen (" · "));
      break;
    }

  g_test_queue_free (found);
  return found;
}

/* the state icon the row draws */
static const char *
icon_name (GtkWidget *row)
{
  return vigie_service_row_get_icon_name (VIGIE_SERVICE_ROW (row));
}

static void
assert_row (VigieWindow  *window,
            VigieService *service,
            const char   *name,
            const char   *state)
{
  GtkWidget *row = GTK_WIDGET (row_for (window, service));
  VigieSeverity severity;
  g_autofree char *expected_icon = NULL;

  g_assert_true (vigie_severity_from_string (state, &severity));
  expected_icon = g_strdup_printf ("io.github.vigie.Vigie-%s-symbolic", state);

  g_assert_cmpstr (row_text (row, ROW_NAME), ==, name);
  g_assert_cmpstr (row_text (row, ROW_STATE), ==, vigie_severity_get_label (severity));
  g_assert_cmpstr (icon_name (row), ==, expected_icon);
  /* the icon is installed where GTK looks for it */
  g_assert_true (gtk_icon_theme_has_icon (gtk_icon_theme_get_default (), expected_icon));
}

static gboolean
widget_shown (GtkWidget *widget)
{
  return widget != NULL && gtk_widget_is_visible (widget) && gtk_widget_get_mapped (widget);
}

static void
set_flag_cb (GtkWidget *widget,
             cairo_t   *cr,
             gpointer   user_data)
{
  *(gboolean *) user_data = TRUE;
}

static gboolean
timeout_flag_cb (gpointer user_data)
{
  *(gboolean *) user_data = TRUE;
  return G_SOURCE_REMOVE;
}

static void
run_for (guint milliseconds)
{
  gboolean done = FALSE;

  g_timeout_add (milliseconds, timeout_flag_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

/* Shows the window and runs until it was drawn on the X server */
static void
show_and_wait (VigieWindow *window)
{
  gboolean drawn = FALSE;
  gulong id = g_signal_connect_after (window, "draw", G_CALLBACK (set_flag_cb), &drawn);

  gtk_window_present (GTK_WINDOW (window));
  vigie_test_wait_for (&drawn, 10);
  g_signal_handler_disconnect (window, id);

  /* a second frame: sizes settled after the first one */
  gtk_widget_queue_draw (GTK_WIDGET (window));
  run_for (300);
  gdk_display_sync (gtk_widget_get_display (GTK_WIDGET (window)));
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (window)));
}

static void
save_screenshot (VigieWindow *window,
                 const char  *file_name)
{
  const char *dir = g_getenv ("VIGIE_SCREENSHOT_DIR");
  GdkWindow *gdk_window = gtk_widget_get_window (GTK_WIDGET (window));
  g_autoptr(GdkPixbuf) pixbuf = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  if (dir == NULL || *dir == '\0')
    return;

  g_assert_true (g_mkdir_with_parents (dir, 0755) == 0);
  path = g_build_filename (dir, file_name, NULL);
  pixbuf = gdk_pixbuf_get_from_window (gdk_window, 0, 0, gdk_window_get_width (gdk_window),
                                       gdk_window_get_height (gdk_window));
  g_assert_nonnull (pixbuf);
  gdk_pixbuf_save (pixbuf, path, "png", &error, NULL);
  g_assert_no_error (error);
  g_test_message ("screenshot saved to %s", path);
}

/* ---------------------------------------------------------------------- */
/* Tests                                                                   */

static void
test_services (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GPtrArray) services = g_ptr_array_new_with_free_func (g_object_unref);
  VigieService *slack, *github, *zoom;
  VigieWindow *window;
  g_autoptr(GList) rows = NULL;
  GtkWidget *row;
  GtkWidget *button;
  GtkLabel *title;
  GAction *refresh;
  g_autofree char *tooltip = NULL;

  slack = add_service (services, f, "slack", "Slack", "https://slack-status.com/", "slack",
                       slack_outage_body ());
  github = add_service (services, f, "github", "GitHub", "https://www.githubstatus.com/",
                        "statuspage",
                        statuspage_ok_body ("GitHub", "https://www.githubstatus.com"));
  zoom = add_service (services, f, "zoom", NULL, "https://status.zoom.us/", "statuspage",
                      statuspage_minor_body ("Some meetings drop after a few minutes"));
  vigie_monitor_set_services (f->monitor, services);
  start_and_wait (f);

  window = vigie_window_new (NULL, f->monitor);
  show_and_wait (window);

  /* one row per service, worst first */
  rows = get_rows (window);
  g_assert_cmpuint (g_list_length (rows), ==, 3);
  g_assert_true (vigie_service_row_get_service (rows->data) == slack);
  g_assert_true (vigie_service_row_get_service (rows->next->data) == zoom);
  g_assert_true (vigie_service_row_get_service (rows->next->next->data) == github);
  /* no separator widgets: the list's CSS draws the lines */
  for (GList *l = rows; l != NULL; l = l->next)
    g_assert_null (gtk_list_box_row_get_header (l->data));

  assert_row (window, slack, "Slack", "major");
  assert_row (window, github, "GitHub", "operational");
  /* no configured name: the page's own */
  assert_row (window, zoom, "Zoom", "minor");

  /* the incidents of services in trouble, as plain text, shown */
  row = GTK_WIDGET (row_for (window, slack));
  title = find_label (row, "Users cannot connect to Slack");
  g_assert_nonnull (title);
  g_assert_false (gtk_label_get_use_markup (title));
  g_assert_true (widget_shown (GTK_WIDGET (title)));
  g_assert_true (widget_shown (GTK_WIDGET (find_label (row, "Customers may have trouble "
                                                        "connecting or sending messages. We "
                                                        "have found the cause and are rolling "
                                                        "out a fix."))));
  row = GTK_WIDGET (row_for (window, zoom));
  g_assert_true (widget_shown (GTK_WIDGET (find_label (row, "Some meetings drop after a few "
                                                       "minutes"))));

  /* a healthy service shows no details, no stale note: it does not even
   * have the widgets */
  row = GTK_WIDGET (row_for (window, github));
  g_assert_null (vigie_test_lookup_child (row, "details_box"));
  g_assert_null (vigie_test_lookup_child (row, "stale_label"));

  /* every row says when it was checked, opens its status page, and has
   * a menu (no link button; the menu button comes with the pointer or the
   * keyboard focus: see below) */
  for (GList *l = rows; l != NULL; l = l->next)
    {
      VigieService *service = vigie_service_row_get_service (l->data);
      g_autofree char *when = vigie_format_time (vigie_service_get_last_checked (service), NULL);
      const char *checked = row_text (l->data, ROW_CHECKED);

      g_assert_true (g_str_has_suffix (checked, when));
      g_assert_cmpstr (checked, !=, when);
      g_assert_null (vigie_test_lookup_child (l->data, "link_button"));
      g_assert_cmpstr (vigie_service_row_get_link (l->data), ==,
                       vigie_service_get_status_page (service));
      g_assert_true (gtk_list_box_row_get_activatable (l->data));
    }

  /* online: no banner; the header tells the overall state */
  g_assert_false (widget_shown (find_child (GTK_WIDGET (window), "offline_bar")));
  g_assert_cmpstr (gtk_header_bar_get_title (GTK_HEADER_BAR (find_child (GTK_WIDGET (window),
                                                                         "header_bar"))),
                   ==, "Vigie");
  g_assert_cmpstr (gtk_header_bar_get_subtitle (GTK_HEADER_BAR (find_child (GTK_WIDGET (window),
                                                                            "header_bar"))),
                   ==, "2 services have problems");

  /* the refresh button: an action, a tooltip and a name for screen readers */
  button = find_child (GTK_WIDGET (window), "refresh_button");
  g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (button)), ==, "win.refresh");
  tooltip = gtk_widget_get_tooltip_text (button);
  g_assert_nonnull (tooltip);
  g_assert_cmpstr (atk_object_get_name (gtk_widget_get_accessible (button)), !=, "");
  refresh = g_action_map_lookup_action (G_ACTION_MAP (window), "refresh");
  g_assert_true (g_action_get_enabled (refresh));

  save_screenshot (window, "window-screenshot.png");

  /* the pointer over a row gives it its menu button: rows have none
   * until then */
  {
    GtkWidget *list = find_child (GTK_WIDGET (window), "service_list");
    GtkWidget *last_row = g_list_last (rows)->data;
    GdkSeat *seat = gdk_display_get_default_seat (gtk_widget_get_display (list));
    GtkAllocation allocation;
    GdkEvent *motion = gdk_event_new (GDK_MOTION_NOTIFY);

    g_assert_null (vigie_test_lookup_child (last_row, "menu_button"));
    gtk_widget_get_allocation (last_row, &allocation);
    motion->motion.window = g_object_ref (gtk_widget_get_window (list));
    motion->motion.x = allocation.x + 20;
    motion->motion.y = allocation.y + allocation.height / 2;
    gdk_event_set_device (motion, gdk_seat_get_pointer (seat));
    gtk_widget_event (list, motion);
    gdk_event_free (motion);
    run_for (100);
    g_assert_true (widget_shown (find_child (last_row, "menu_button")));
  }

  /* the keyboard reaches the refresh button, the rows and their menus */
  {
    GtkWidget *first_row = rows->data;
    gboolean reached_button = FALSE, reached_row = FALSE, reached_link = FALSE;

    /* there is no window manager to give the window the keyboard */
    gdk_window_focus (gtk_widget_get_window (GTK_WIDGET (window)), GDK_CURRENT_TIME);
    run_for (200);
    g_assert_true (gtk_window_has_toplevel_focus (GTK_WINDOW (window)));

    for (guint i = 0; i < 12; i++)
      {
        GtkWidget *focus;

        g_signal_emit_by_name (window, "move-focus", GTK_DIR_TAB_FORWARD);
        focus = gtk_window_get_focus (GTK_WINDOW (window));
        reached_button |= focus == button;
        reached_row |= focus == first_row;
        /* the row's menu button, added when the row takes the focus */
        reached_link |= focus != NULL
                        && focus == vigie_test_lookup_child (first_row, "menu_button");
      }
    g_assert_true (reached_button);
    g_assert_true (reached_row);
    g_assert_true (reached_link);
  }

  /* refreshing polls every service again */
  f->polled = 0;
  f->done = FALSE;
  f->expected = 3;
  g_action_activate (refresh, NULL);
  vigie_test_wait_for (&f->done, POLL_TIMEOUT);
  assert_row (window, slack, "Slack", "major");

  gtk_widget_destroy (GTK_WIDGET (window));
}

static void
test_live_updates (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GPtrArray) services = g_ptr_array_new_with_free_func (g_object_unref);
  VigieService *flaky, *broken;
  VigieWindow *window;
  GtkWidget *row;
  GtkWidget *stale;
  g_autofree char *problem = NULL;
  g_autofree char *expected = NULL;

  flaky = add_service (services, f, "flaky", "Flaky", "https://status.flaky.example/",
                       "statuspage",
                       statuspage_ok_body ("Flaky", "https://status.flaky.example"));
  /* no body: always 503 */
  broken = add_service (services, f, "broken", "Broken", "https://status.broken.example/",
                        "statuspage", NULL);
  vigie_monitor_set_services (f->monitor, services);

  /* the window is there before the first poll, and follows the monitor */
  window = vigie_window_new (NULL, f->monitor);
  assert_row (window, flaky, "Flaky", "unknown");
  g_assert_cmpstr (row_text (GTK_WIDGET (row_for (window, flaky)), ROW_CHECKED), ==,
                   "Not checked yet");

  start_and_wait (f);
  show_and_wait (window);
  assert_row (window, flaky, "Flaky", "operational");
  assert_row (window, broken, "Broken", "unknown");

  /* unknown says why */
  problem = vigie_service_dup_problem_label (broken);
  g_assert_nonnull (problem);
  row = GTK_WIDGET (row_for (window, broken));
  g_assert_true (widget_shown (find_child (row, "details_box")));
  expected = g_strdup_printf ("Cannot read the status: %s", problem);
  g_assert_true (widget_shown (GTK_WIDGET (find_label (row, expected))));

  /* one failed poll: the last known state, marked stale */
  g_hash_table_remove (f->bodies, "/flaky");
  f->polled = 0;
  f->done = FALSE;
  f->expected = 2;
  g_action_group_activate_action (G_ACTION_GROUP (window), "refresh", NULL);
  vigie_test_wait_for (&f->done, POLL_TIMEOUT);

  g_assert_true (vigie_service_is_stale (flaky));
  assert_row (window, flaky, "Flaky", "operational");
  stale = find_child (GTK_WIDGET (row_for (window, flaky)), "stale_label");
  run_for (100);
  g_assert_true (widget_shown (stale));
  g_assert_true (g_str_has_prefix (gtk_label_get_text (GTK_LABEL (stale)),
                                   "The last check failed"));
  g_assert_false (gtk_label_get_use_markup (GTK_LABEL (stale)));
  save_screenshot (window, "window-stale-screenshot.png");

  /* offline, the banner says it for every row: no note under each */
  vigie_service_row_update (row_for (window, flaky), TRUE);
  g_assert_false (widget_shown (stale));
  vigie_service_row_update (row_for (window, flaky), FALSE);
  g_assert_true (widget_shown (stale));

  gtk_widget_destroy (GTK_WIDGET (window));
}

static void
test_plain_text (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GPtrArray) services = g_ptr_array_new_with_free_func (g_object_unref);
  const char *title = "<b>Login</b> &amp; <i>SSO</i> fail";
  VigieService *service;
  VigieWindow *window;
  const VigieIncident *incident;
  GtkLabel *label;

  service = add_service (services, f, "zoom", "Zoom", "https://status.zoom.us/", "statuspage",
                         statuspage_minor_body (title));
  vigie_monitor_set_services (f->monitor, services);
  start_and_wait (f);

  incident = g_ptr_array_index (vigie_snapshot_get_incidents (vigie_service_get_snapshot (service)),
                                0);
  g_assert_nonnull (strchr (incident->title, '<'));

  window = vigie_window_new (NULL, f->monitor);
  label = find_label (GTK_WIDGET (row_for (window, service)), incident->title);
  g_assert_nonnull (label);
  g_assert_false (gtk_label_get_use_markup (label));
  /* what is drawn is the text itself, tags and all */
  g_assert_cmpstr (pango_layout_get_text (gtk_label_get_layout (label)), ==, incident->title);

  gtk_widget_destroy (GTK_WIDGET (window));
}

static void
test_maintenance (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GPtrArray) services = g_ptr_array_new_with_free_func (g_object_unref);
  VigieService *service;
  VigieWindow *window;
  GtkWidget *row;

  service = add_service (services, f, "atlassian", "Atlassian", "https://status.atlassian.com/",
                         "statuspage", statuspage_maintenance_body ());
  vigie_monitor_set_services (f->monitor, services);
  start_and_wait (f);

  window = vigie_window_new (NULL, f->monitor);
  show_and_wait (window);
  assert_row (window, service, "Atlassian", "maintenance");
  row = GTK_WIDGET (row_for (window, service));
  g_assert_true (widget_shown (GTK_WIDGET (find_label (row, "Database upgrade"))));
  g_assert_cmpstr (gtk_header_bar_get_subtitle (GTK_HEADER_BAR (find_child (GTK_WIDGET (window),
                                                                            "header_bar"))),
                   ==, "1 service under maintenance");

  gtk_widget_destroy (GTK_WIDGET (window));
}

static void
test_links (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GPtrArray) services = g_ptr_array_new_with_free_func (g_object_unref);
  static const struct {
    const char *page;
    gboolean opened;
  } cases[] = {
    { "https://status.example.com/", TRUE },
    { "http://127.0.0.1:8080/status", TRUE },
    { "http://status.example.com/", FALSE },
    { "javascript:alert(1)", FALSE },
    { "file:///etc/passwd", FALSE },
    { NULL, FALSE },
  };
  VigieWindow *window;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *id = g_strdup_printf ("s%u", i);

      add_service (services, f, id, id, cases[i].page, "statuspage", NULL);
    }
  vigie_monitor_set_services (f->monitor, services);

  /* not started: rows exist before any poll */
  window = vigie_window_new (NULL, f->monitor);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      VigieServiceRow *row = row_for (window, g_ptr_array_index (services, i));

      g_assert_cmpstr (vigie_service_row_get_link (row), ==,
                       cases[i].opened ? cases[i].page : NULL);
      g_assert_true (gtk_list_box_row_get_activatable (GTK_LIST_BOX_ROW (row)) == cases[i].opened);
      if (!cases[i].opened)
        g_assert_false (vigie_window_open_row (window, row));
    }

  gtk_widget_destroy (GTK_WIDGET (window));
}

static void
test_empty (Fixture       *f,
            gconstpointer  data)
{
  VigieWindow *window = vigie_window_new (NULL, f->monitor);
  GtkWidget *stack = find_child (GTK_WIDGET (window), "stack");
  g_autoptr(GList) rows = get_rows (window);

  g_assert_null (rows);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (stack)), ==, "empty");
  g_assert_false (g_action_group_get_action_enabled (G_ACTION_GROUP (window), "refresh"));
  g_assert_cmpstr (gtk_header_bar_get_subtitle (GTK_HEADER_BAR (find_child (GTK_WIDGET (window),
                                                                            "header_bar"))),
                   ==, "No services");

  show_and_wait (window);
  g_assert_true (widget_shown (find_child (GTK_WIDGET (window), "empty_page")));
  save_screenshot (window, "window-empty-screenshot.png");

  gtk_widget_destroy (GTK_WIDGET (window));
}

/* Keyboard Shortcuts: built when first asked for, not with the window */
static void
test_help_overlay (Fixture       *f,
                   gconstpointer  data)
{
  VigieWindow *window = vigie_window_new (NULL, f->monitor);
  GtkShortcutsWindow *overlay;

  show_and_wait (window);
  g_assert_null (gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (window)));

  g_action_group_activate_action (G_ACTION_GROUP (window), "show-help-overlay", NULL);
  overlay = gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (window));
  g_assert_nonnull (overlay);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (overlay)));
  gtk_widget_hide (GTK_WIDGET (overlay));

  /* asked again: the same one */
  g_action_group_activate_action (G_ACTION_GROUP (window), "show-help-overlay", NULL);
  g_assert_true (gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (window))
                 == overlay);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (overlay)));

  gtk_widget_destroy (GTK_WIDGET (window));
}

static void
test_offline (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GPtrArray) services = g_ptr_array_new_with_free_func (g_object_unref);
  VigieService *remote;
  VigieWindow *window;
  GtkWidget *bar;
  GtkWidget *row;

  /* a feed on the internet, which is never fetched: the network is off */
  remote = vigie_service_new ("remote", "Remote", "https://status.vigie.invalid/",
                              "https://status.vigie.invalid/api/v2/summary.json", "statuspage");
  g_ptr_array_add (services, remote);
  vigie_monitor_set_services (f->monitor, services);

  window = vigie_window_new (NULL, f->monitor);
  show_and_wait (window);
  bar = find_child (GTK_WIDGET (window), "offline_bar");
  g_assert_false (widget_shown (bar));
  g_assert_cmpstr (icon_name (GTK_WIDGET (row_for (window, remote))), ==,
                   "io.github.vigie.Vigie-unknown-symbolic");

  /* the window follows the monitor going offline */
  vigie_test_set_network_available (FALSE);
  g_assert_true (vigie_monitor_is_offline (f->monitor));
  vigie_monitor_start (f->monitor);
  run_for (300);

  g_assert_true (widget_shown (bar));
  g_assert_true (widget_shown (GTK_WIDGET (find_label (bar, "No network: checks are paused. "
                                                       "Vigie checks every service again as "
                                                       "soon as the network is back."))));
  row = GTK_WIDGET (row_for (window, remote));
  g_assert_cmpstr (icon_name (row), ==, "io.github.vigie.Vigie-offline-symbolic");
  g_assert_true (gtk_icon_theme_has_icon (gtk_icon_theme_get_default (),
                                          "io.github.vigie.Vigie-offline-symbolic"));
  g_assert_false (g_action_group_get_action_enabled (G_ACTION_GROUP (window), "refresh"));
  g_assert_cmpstr (gtk_header_bar_get_subtitle (GTK_HEADER_BAR (find_child (GTK_WIDGET (window),
                                                                            "header_bar"))),
                   ==, "Offline");
  save_screenshot (window, "window-offline-screenshot.png");

  gtk_widget_destroy (GTK_WIDGET (window));
}

static void
test_french (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GPtrArray) services = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *old_locale = g_strdup (setlocale (LC_ALL, NULL));
  VigieService *slack;
  VigieWindow *window;
  GtkWidget *row;
  g_autofree char *when = NULL;

  if (!vigie_test_use_locale ("fr_FR.UTF-8"))
    return;

  slack = add_service (services, f, "slack", "Slack", "https://slack-status.com/", "slack",
                       slack_outage_body ());
  vigie_monitor_set_services (f->monitor, services);
  start_and_wait (f);

  window = vigie_window_new (NULL, f->monitor);
  row = GTK_WIDGET (row_for (window, slack));
  g_assert_cmpstr (row_text (row, ROW_STATE), ==, "Panne majeure");

  /* "10 h 30", with no-break spaces around the h */
  when = vigie_format_time (vigie_service_get_last_checked (slack), NULL);
  g_assert_nonnull (strstr (when, "\xc2\xa0h\xc2\xa0"));
  g_assert_true (g_str_has_suffix (row_text (row, ROW_CHECKED), when));

  gtk_widget_destroy (GTK_WIDGET (window));
  setlocale (LC_ALL, old_locale);
}

/* The menu items of @menu (sections flattened), as "label|action|target" */
static GPtrArray *
menu_items (GMenuModel *menu)
{
  GPtrArray *items = g_ptr_array_new_with_free_func (g_free);

  for (int i = 0; i < g_menu_model_get_n_items (menu); i++)
    {
      g_autoptr(GMenuModel) section = g_menu_model_get_item_link (menu, i, G_MENU_LINK_SECTION);
      g_autofree char *label = NULL;
      g_autofree char *action = NULL;
      g_autoptr(GVariant) target = NULL;
      g_autofree char *target_text = NULL;

      if (section != NULL)
        {
          g_autoptr(GPtrArray) inner = menu_items (section);

          for (guint j = 0; j < inner->len; j++)
            g_ptr_array_add (items, g_strdup (g_ptr_array_index (inner, j)));
          continue;
        }

      g_menu_model_get_item_attribute (menu, i, G_MENU_ATTRIBUTE_LABEL, "s", &label);
      g_menu_model_get_item_attribute (menu, i, G_MENU_ATTRIBUTE_ACTION, "s", &action);
      target = g_menu_model_get_item_attribute_value (menu, i, G_MENU_ATTRIBUTE_TARGET, NULL);
      target_text = target != NULL ? g_variant_print (target, FALSE) : g_strdup ("");
      g_ptr_array_add (items, g_strdup_printf ("%s|%s|%s", label, action, target_text));
    }

  return items;
}

static void
assert_menu (VigieServiceRow    *row,
             const char * const *expected)
{
  g_autoptr(GMenuModel) menu = vigie_service_row_create_menu (row);
  g_autoptr(GPtrArray) items = menu_items (menu);

  g_ptr_array_add (items, NULL);
  g_assert_cmpstrv ((const char * const *) items->pdata, expected);
}

static void
test_row_menu_and_mutes (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GPtrArray) services = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GHashTable) notes = g_hash_table_new (g_str_hash, g_str_equal);
  const char * const slack_menu[] = {
    "Open Status Page|app.open-service|'slack'",
    "Mute for 1 Hour|app.mute|('slack', 'hour')",
    "Mute Until Resolved|app.mute|('slack', 'resolved')",
    NULL
  };
  /* nothing to resolve: only for an hour */
  const char * const github_menu[] = {
    "Open Status Page|app.open-service|'github'",
    "Mute for 1 Hour|app.mute|('github', 'hour')",
    NULL
  };
  const char * const muted_menu[] = {
    "Open Status Page|app.open-service|'slack'",
    "Unmute|app.mute|('slack', 'off')",
    NULL
  };
  VigieService *slack, *github;
  VigieWindow *window;
  GtkWidget *row;
  GtkWidget *popover;

  slack = add_service (services, f, "slack", "Slack", "https://slack-status.com/", "slack",
                       slack_outage_body ());
  github = add_service (services, f, "github", "GitHub", "https://www.githubstatus.com/",
                        "statuspage",
                        statuspage_ok_body ("GitHub", "https://www.githubstatus.com"));
  vigie_monitor_set_services (f->monitor, services);
  start_and_wait (f);

  window = vigie_window_new (NULL, f->monitor);
  show_and_wait (window);

  /* the tray's actions, with the same names as on a notification */
  assert_menu (row_for (window, slack), slack_menu);
  assert_menu (row_for (window, github), github_menu);

  /* the application says which services are muted: the row shows it,
   * its menu offers to unmute, and screen readers hear it */
  g_hash_table_insert (notes, (gpointer) "slack", (gpointer) "Muted until 10:30");
  vigie_window_set_mute_notes (window, notes);
  row = GTK_WIDGET (row_for (window, slack));
  g_assert_cmpstr (row_text (row, ROW_STATE), ==, "Major outage · Muted until 10:30");
  g_assert_cmpstr (atk_object_get_name (gtk_widget_get_accessible (row)), ==,
                   "Slack, Major outage · Muted until 10:30");
  assert_menu (row_for (window, slack), muted_menu);
  assert_row (window, github, "GitHub", "operational");

  /* the menu opens from its button, and from the keyboard (Shift+F10) */
  popover = vigie_service_row_popup_menu (VIGIE_SERVICE_ROW (row));
  run_for (200);
  g_assert_true (widget_shown (popover));
  gtk_popover_popdown (GTK_POPOVER (popover));
  run_for (300);

  g_hash_table_remove_all (notes);
  vigie_window_set_mute_notes (window, notes);
  g_assert_cmpstr (row_text (row, ROW_STATE), ==, "Major outage");
  assert_menu (row_for (window, slack), slack_menu);

  gtk_widget_destroy (GTK_WIDGET (window));
}

static void
test_banners (Fixture       *f,
              gconstpointer  data)
{
  VigieWindow *window = vigie_window_new (NULL, f->monitor);
  GtkWidget *box = find_child (GTK_WIDGET (window), "banner_box");
  g_autoptr(GList) bars = NULL;
  GtkWidget *button;

  show_and_wait (window);
  for (guint i = 0; i < VIGIE_WINDOW_N_BANNERS; i++)
    g_assert_null (vigie_window_get_banner (window, i));

  /* set in any order, shown in a fixed one */
  vigie_window_set_banner (window, VIGIE_WINDOW_BANNER_QUIET_HOURS, "Quiet hours until 8:00");
  vigie_window_set_banner (window, VIGIE_WINDOW_BANNER_PAUSED, "Notifications paused until 9:00");
  vigie_window_set_banner_button (window, VIGIE_WINDOW_BANNER_PAUSED, "Resume",
                                  "app.pause::resume");
  vigie_window_set_banner (window, VIGIE_WINDOW_BANNER_REPLAY, "This is a replay");
  run_for (200);

  bars = gtk_container_get_children (GTK_CONTAINER (box));
  g_assert_cmpuint (g_list_length (bars), ==, 3);
  g_assert_nonnull (find_label (bars->data, "This is a replay"));
  g_assert_nonnull (find_label (bars->next->data, "Notifications paused until 9:00"));
  g_assert_nonnull (find_label (bars->next->next->data, "Quiet hours until 8:00"));
  for (GList *l = bars; l != NULL; l = l->next)
    g_assert_true (widget_shown (l->data));
  g_assert_cmpstr (vigie_window_get_banner (window, VIGIE_WINDOW_BANNER_PAUSED), ==,
                   "Notifications paused until 9:00");

  /* the button activates an application action: the tray's path */
  {
    g_autoptr(GList) children = NULL;

    button = NULL;
    children = gtk_container_get_children (
      GTK_CONTAINER (gtk_info_bar_get_action_area (GTK_INFO_BAR (bars->next->data))));
    for (GList *l = children; l != NULL; l = l->next)
      if (GTK_IS_BUTTON (l->data))
        button = l->data;
    g_assert_nonnull (button);
    g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (button)), ==, "Resume");
    g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (button)), ==, "app.pause");
  }

  /* a state that ends hides its banner */
  vigie_window_set_banner (window, VIGIE_WINDOW_BANNER_PAUSED, NULL);
  g_assert_null (vigie_window_get_banner (window, VIGIE_WINDOW_BANNER_PAUSED));
  g_assert_false (gtk_widget_get_visible (bars->next->data));

  /* a link that cannot be opened is said in the window */
  vigie_window_show_link_error (window, "https://status.example.com/");
  g_assert_cmpstr (vigie_window_get_banner (window, VIGIE_WINDOW_BANNER_LINK), ==,
                   "Could not open https://status.example.com/. Is a web browser installed?");
  save_screenshot (window, "window-banners-screenshot.png");

  gtk_widget_destroy (GTK_WIDGET (window));
}

static void
test_sorting_and_counts (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GPtrArray) services = g_ptr_array_new_with_free_func (g_object_unref);
  VigieService *acme, *broken, *zoom, *beta;
  VigieWindow *window;
  g_autoptr(GList) rows = NULL;
  g_autoptr(GList) rows_after = NULL;
  GtkWidget *first_detail;
  GtkWidget *zoom_row;

  acme = add_service (services, f, "acme", "Acme", "https://status.acme.example/", "statuspage",
                      statuspage_ok_body ("Acme", "https://status.acme.example"));
  broken = add_service (services, f, "broken", "Broken", "https://status.broken.example/",
                        "statuspage", NULL);
  beta = add_service (services, f, "beta", "Beta", "https://status.beta.example/", "statuspage",
                      statuspage_ok_body ("Beta", "https://status.beta.example"));
  zoom = add_service (services, f, "zoom", "Zoom", "https://status.zoom.us/", "statuspage",
                      statuspage_minor_body ("Some meetings drop"));
  vigie_monitor_set_services (f->monitor, services);
  start_and_wait (f);

  window = vigie_window_new (NULL, f->monitor);
  show_and_wait (window);

  /* worst first, unknown before operational, then by name */
  rows = get_rows (window);
  g_assert_true (vigie_service_row_get_service (g_list_nth_data (rows, 0)) == zoom);
  g_assert_true (vigie_service_row_get_service (g_list_nth_data (rows, 1)) == broken);
  g_assert_true (vigie_service_row_get_service (g_list_nth_data (rows, 2)) == acme);
  g_assert_true (vigie_service_row_get_service (g_list_nth_data (rows, 3)) == beta);

  /* the services that cannot be checked count too */
  g_assert_cmpstr (gtk_header_bar_get_subtitle (GTK_HEADER_BAR (find_child (GTK_WIDGET (window),
                                                                            "header_bar"))),
                   ==, "1 service has problems, 1 cannot be checked");

  /* a poll that changes nothing keeps the details' widgets */
  zoom_row = GTK_WIDGET (row_for (window, zoom));
  first_detail = find_label (zoom_row, "Some meetings drop") != NULL
                   ? GTK_WIDGET (find_label (zoom_row, "Some meetings drop")) : NULL;
  g_assert_nonnull (first_detail);

  /* Beta breaks: it moves up, before Zoom's minor incident */
  g_hash_table_insert (f->bodies, g_strdup ("/beta"), slack_outage_body ());
  g_hash_table_insert (f->bodies, g_strdup ("/beta"),
                       g_strdup_printf ("{\"page\":{\"id\":\"pgb\",\"name\":\"Beta\"},"
                                        "\"status\":{\"indicator\":\"critical\","
                                        "\"description\":\"Major System Outage\"}}"));
  f->polled = 0;
  f->done = FALSE;
  f->expected = 4;
  g_action_group_activate_action (G_ACTION_GROUP (window), "refresh", NULL);
  vigie_test_wait_for (&f->done, POLL_TIMEOUT);
  run_for (100);

  rows_after = get_rows (window);
  g_assert_true (vigie_service_row_get_service (g_list_nth_data (rows_after, 0)) == beta);
  g_assert_true (vigie_service_row_get_service (g_list_nth_data (rows_after, 1)) == zoom);
  g_assert_true (find_label (zoom_row, "Some meetings drop") == GTK_LABEL (first_detail));
  g_assert_cmpstr (gtk_header_bar_get_subtitle (GTK_HEADER_BAR (find_child (GTK_WIDGET (window),
                                                                            "header_bar"))),
                   ==, "2 services have problems, 1 cannot be checked");

  gtk_widget_destroy (GTK_WIDGET (window));
}

static void
test_narrow (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GPtrArray) services = g_ptr_array_new_with_free_func (g_object_unref);
  VigieService *service;
  VigieWindow *window;
  GtkWidget *row;
  GtkWidget *summary;
  PangoLayout *layout;

  service = add_service (services, f, "gws", "Google Workspace", "https://www.google.com/appsstatus/",
                         "statuspage",
                         statuspage_ok_body ("Google Workspace", "https://www.google.com"));
  vigie_monitor_set_services (f->monitor, services);
  start_and_wait (f);

  window = vigie_window_new (NULL, f->monitor);
  gtk_window_set_default_size (GTK_WINDOW (window), 300, 400);
  show_and_wait (window);
  g_assert_cmpint (gtk_widget_get_allocated_width (GTK_WIDGET (window)), <=, 320);

  /* the time gives way first (it wraps): the name keeps its whole first
   * line, nothing is cut */
  row = GTK_WIDGET (row_for (window, service));
  summary = find_child (row, "summary_label");
  layout = gtk_label_get_layout (GTK_LABEL (summary));
  save_screenshot (window, "window-narrow-screenshot.png");
  g_test_message ("summary %d px, %d lines", gtk_widget_get_allocated_width (summary),
                  pango_layout_get_line_count (layout));
  g_assert_false (pango_layout_is_ellipsized (layout));
  g_assert_cmpint (pango_layout_get_line_readonly (layout, 0)->length, ==,
                   (int) strlen (row_text (row, ROW_NAME)));

  /* Ctrl+W closes the window */
  g_assert_true (g_action_group_has_action (G_ACTION_GROUP (window), "close"));

  gtk_widget_destroy (GTK_WIDGET (window));
}

/* ---------------------------------------------------------------------- */
/* Icons without librsvg                                                   */

/* The sizes the window draws our icons at: the state icon in each row
 * (ICON_SIZE in src/app/vigie-service-row.c), the offline banner's GtkImage
 * (GTK_ICON_SIZE_BUTTON), the empty state's picture (pixel-size in
 * vigie-window.ui) and About's logo (GtkAboutDialog's 128). */
#define ROW_ICON_SIZE 24
#define BANNER_ICON_SIZE 16
#define EMPTY_ICON_SIZE 96
#define ABOUT_ICON_SIZE 128

static const char * const state_names[] = {
  "operational", "maintenance", "minor", "major", "critical", "unknown", "offline",
};

/* The file GTK takes for @name at @size px and @scale, as a caller with
 * @flags asks for it */
static char *
icon_file (const char         *name,
           int                 size,
           int                 scale,
           GtkIconLookupFlags  flags)
{
  g_autoptr(GtkIconInfo) info = NULL;

  info = gtk_icon_theme_lookup_icon_for_scale (gtk_icon_theme_get_default (), name, size, scale,
                                               flags);
  g_assert_nonnull (info);
  g_assert_nonnull (gtk_icon_info_get_filename (info));
  g_test_message ("%s at %d px, scale %d: %s", name, size, scale,
                  gtk_icon_info_get_filename (info));

  return g_strdup (gtk_icon_info_get_filename (info));
}

/* Where the window, its rows, its banner and About look our icons up, GTK
 * takes one of the PNGs of icons/hicolor/NxN/apps (build-aux/render-icons),
 * never an SVG: a PNG needs no librsvg. */
static void
test_icons_png (Fixture       *f,
                gconstpointer  data)
{
  const int app_sizes[] = { 16, 32, 48, EMPTY_ICON_SIZE, ABOUT_ICON_SIZE };
  const int state_sizes[] = { ROW_ICON_SIZE, BANNER_ICON_SIZE };
  g_autofree int *sizes = NULL;
  GdkRGBA red = { 1.0, 0.0, 0.0, 1.0 };

  /* the application icon, as GtkImage and GtkAboutDialog ask for it, at
   * scale 1 and 2 */
  for (guint i = 0; i < G_N_ELEMENTS (app_sizes); i++)
    for (int scale = 1; scale <= 2; scale++)
      {
        int pixels = app_sizes[i] * scale;
        g_autofree char *file = NULL;
        g_autofree char *expected = NULL;

        file = icon_file (APP_ID, app_sizes[i], scale, 0);
        expected = g_strdup_printf ("/%dx%d/apps/" APP_ID ".png", pixels, pixels);
        g_assert_true (g_str_has_suffix (file, expected));
      }

  /* the window's icon: GtkWindow loads the icon at every size the theme
   * has it, and a scalable one at 48 px (icon_list_from_theme ()) */
  sizes = gtk_icon_theme_get_icon_sizes (gtk_icon_theme_get_default (), APP_ID);
  for (guint i = 0; sizes[i] != 0; i++)
    {
      g_autofree char *file = icon_file (APP_ID, sizes[i] == -1 ? 48 : sizes[i], 1, 0);

      g_assert_true (g_str_has_suffix (file, ".png"));
    }

  /* the state icons, as the rows (and the banner's GtkImage) ask for them;
   * GTK's encoded symbolic PNG, which it recolours as it does an SVG */
  for (guint i = 0; i < G_N_ELEMENTS (state_names); i++)
    for (guint j = 0; j < G_N_ELEMENTS (state_sizes); j++)
      for (int scale = 1; scale <= 2; scale++)
        {
          g_autofree char *name = g_strdup_printf (APP_ID "-%s-symbolic", state_names[i]);
          g_autofree char *file = icon_file (name, state_sizes[j], scale,
                                             GTK_ICON_LOOKUP_FORCE_SIZE);
          g_autofree char *expected = NULL;
          g_autoptr(GtkIconInfo) info = NULL;
          g_autoptr(GdkPixbuf) pixbuf = NULL;
          g_autoptr(GError) error = NULL;
          gboolean was_symbolic = FALSE;
          int pixels = state_sizes[j] * scale;
          guint opaque = 0;

          expected = g_strdup_printf ("/%dx%d/apps/%s.symbolic.png", pixels, pixels, name);
          g_assert_true (g_str_has_suffix (file, expected));

          info = gtk_icon_theme_lookup_icon_for_scale (gtk_icon_theme_get_default (), name,
                                                       state_sizes[j], scale,
                                                       GTK_ICON_LOOKUP_FORCE_SIZE);
          g_assert_true (gtk_icon_info_is_symbolic (info));
          pixbuf = gtk_icon_info_load_symbolic (info, &red, NULL, NULL, NULL, &was_symbolic,
                                                &error);
          g_assert_no_error (error);
          g_assert_true (was_symbolic);
          g_assert_cmpint (gdk_pixbuf_get_width (pixbuf), ==, pixels);
          g_assert_cmpint (gdk_pixbuf_get_height (pixbuf), ==, pixels);
          /* the shape, in the colour asked for */
          g_assert_cmpint (gdk_pixbuf_get_n_channels (pixbuf), ==, 4);
          for (int y = 0; y < pixels; y++)
            for (int x = 0; x < pixels; x++)
              {
                const guchar *pixel = gdk_pixbuf_read_pixels (pixbuf)
                                      + y * gdk_pixbuf_get_rowstride (pixbuf) + x * 4;

                if (pixel[3] < 128)
                  continue;
                opaque++;
                g_assert_cmpuint (pixel[0], >=, 240);
                g_assert_cmpuint (pixel[1], <=, 15);
                g_assert_cmpuint (pixel[2], <=, 15);
              }
          g_assert_cmpuint (opaque, >=, (guint) (pixels * pixels / 8));
        }
}

/* The lines of /proc/self/maps that contain @name (a shared library
 * mapped into this process), or NULL */
static char *
mapped (const char *name)
{
  g_autofree char *maps = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GString) found = g_string_new (NULL);
  g_autoptr(GError) error = NULL;

  g_file_get_contents ("/proc/self/maps", &maps, NULL, &error);
  g_assert_no_error (error);
  lines = g_strsplit (maps, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    if (strstr (lines[i], name) != NULL)
      g_string_append_printf (found, "\n%s", lines[i]);

  return found->len > 0 ? g_strdup (found->str) : NULL;
}

static void
show_about_and_wait (void)
{
  GtkWidget *about = gtk_about_dialog_new ();
  gboolean drawn = FALSE;

  gtk_about_dialog_set_logo_icon_name (GTK_ABOUT_DIALOG (about), APP_ID);
  g_signal_connect_after (about, "draw", G_CALLBACK (set_flag_cb), &drawn);
  gtk_window_present (GTK_WINDOW (about));
  vigie_test_wait_for (&drawn, 10);
  run_for (200);
  gtk_widget_destroy (about);
}

/* The window with rows in several states, offline with its banner, the
 * empty window and About, all drawn: librsvg was never loaded for our
 * icons.  In a process of its own, then a control: an SVG does load
 * librsvg, so the check can see it.
 *
 * The header bar's spinner, shown while polls are pending, draws our own
 * PNG (vigie-window.css): Adwaita's process-working-symbolic is an SVG. */
static void
test_icons_without_librsvg (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(GPtrArray) services = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(VigieMonitor) empty_monitor = NULL;
  VigieWindow *window;
  VigieWindow *empty;
  g_autofree char *rsvg = NULL;
  g_autofree char *svg = NULL;
  g_autoptr(GdkPixbuf) pixbuf = NULL;
  g_autoptr(GError) error = NULL;
  gboolean svg_loader = FALSE;
  GSList *formats;
  g_autoptr(GList) rows = NULL;
  GtkWidget *spinner;
  GtkWidget *row;

  if (!g_test_subprocess ())
    {
      g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
      g_test_trap_assert_passed ();
      return;
    }

  rsvg = mapped ("librsvg");
  g_assert_cmpstr (rsvg, ==, NULL);

  add_service (services, f, "slack", "Slack", "https://slack-status.com/", "slack",
               slack_outage_body ());
  add_service (services, f, "github", "GitHub", "https://www.githubstatus.com/", "statuspage",
               statuspage_ok_body ("GitHub", "https://www.githubstatus.com"));
  add_service (services, f, "zoom", "Zoom", "https://status.zoom.us/", "statuspage",
               statuspage_minor_body ("Some meetings drop"));
  add_service (services, f, "jira", "Jira", "https://jira-software.status.atlassian.com/",
               "statuspage", statuspage_maintenance_body ());
  /* a feed on the internet, never fetched (tests/vigie-test-utils.c): state
   * unknown, and the monitor can be offline */
  g_ptr_array_add (services,
                   vigie_service_new ("remote", "Remote", "https://status.vigie.invalid/",
                                      "https://status.vigie.invalid/api/v2/summary.json",
                                      "statuspage"));
  vigie_monitor_set_services (f->monitor, services);
  start_and_wait (f);

  window = vigie_window_new (NULL, f->monitor);
  show_and_wait (window);
  g_assert_false (widget_shown (find_child (GTK_WIDGET (window), "spinner")));
  rows = get_rows (window);
  row = rows->data;
  g_assert_cmpstr (icon_name (row), ==, "io.github.vigie.Vigie-major-symbolic");

  /* offline: the banner, and every row's offline icon */
  vigie_test_set_network_available (FALSE);
  g_assert_true (vigie_monitor_is_offline (f->monitor));
  run_for (300);
  g_assert_true (widget_shown (find_child (GTK_WIDGET (window), "offline_bar")));
  g_assert_cmpstr (icon_name (row), ==, "io.github.vigie.Vigie-offline-symbolic");
  gtk_widget_queue_draw (GTK_WIDGET (window));
  run_for (300);

  /* busy: the spinner turns */
  spinner = find_child (GTK_WIDGET (window), "spinner");
  gtk_widget_show (spinner);
  gtk_spinner_start (GTK_SPINNER (spinner));
  run_for (300);
  g_assert_true (gtk_widget_get_mapped (spinner));

  empty_monitor = vigie_monitor_new ();
  empty = vigie_window_new (NULL, empty_monitor);
  show_and_wait (empty);
  g_assert_true (widget_shown (find_child (GTK_WIDGET (empty), "empty_page")));

  show_about_and_wait ();

  rsvg = mapped ("librsvg");
  g_assert_cmpstr (rsvg, ==, NULL);

  gtk_widget_destroy (GTK_WIDGET (empty));
  gtk_widget_destroy (GTK_WIDGET (window));

  /* the control: gdk-pixbuf's SVG loader is librsvg, seen in the maps */
  formats = gdk_pixbuf_get_formats ();
  for (GSList *l = formats; l != NULL; l = l->next)
    {
      g_autofree char *name = gdk_pixbuf_format_get_name (l->data);

      if (g_strcmp0 (name, "svg") == 0)
        svg_loader = TRUE;
    }
  g_slist_free (formats);
  if (!svg_loader)
    {
      g_test_message ("no SVG loader for gdk-pixbuf (librsvg2-common): no control");
      return;
    }
  svg = g_test_build_filename (G_TEST_DIST, "..", "icons", "hicolor", "scalable", "apps",
                               APP_ID ".svg", NULL);
  pixbuf = gdk_pixbuf_new_from_file_at_size (svg, 48, 48, &error);
  g_assert_no_error (error);
  rsvg = mapped ("librsvg");
  g_test_message ("after loading %s:%s", svg, rsvg);
  g_assert_nonnull (rsvg);
}

#define NO_DISPLAY_MESSAGE "SKIPPED LOUDLY: no X display (run under xvfb-run -a, or set " \
                           "DISPLAY); the window was not tested"

/* A service removed from the watched ones leaves the window at once */
static void
test_services_change (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GPtrArray) services = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) fewer = g_ptr_array_new ();
  g_autoptr(GList) before = NULL;
  g_autoptr(GList) after = NULL;
  VigieService *kept;
  VigieWindow *window;

  kept = add_service (services, f, "zoom", "Zoom", "https://status.zoom.us/", "statuspage",
                      statuspage_minor_body ("Login fails"));
  add_service (services, f, "acme", "Acme", "https://status.acme.example/", "statuspage",
               statuspage_minor_body ("Slow API"));
  vigie_monitor_set_services (f->monitor, services);
  start_and_wait (f);

  window = vigie_window_new (NULL, f->monitor);
  before = get_rows (window);
  g_assert_cmpuint (g_list_length (before), ==, 2);

  g_ptr_array_add (fewer, kept);
  vigie_monitor_set_services (f->monitor, fewer);
  after = get_rows (window);
  g_assert_cmpuint (g_list_length (after), ==, 1);
  g_assert_true (vigie_service_row_get_service (after->data) == kept);

  gtk_widget_destroy (GTK_WIDGET (window));
}

static void
test_no_display (void)
{
  g_printerr ("%s\n", NO_DISPLAY_MESSAGE);
  g_test_skip (NO_DISPLAY_MESSAGE);
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
  const char *first_data_dirs = g_getenv ("VIGIE_TEST_SYSTEM_DATA_DIRS");
  const char * const *data_dirs = NULL;
  g_autoptr(GPtrArray) mime_dirs = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *joined_data_dirs = NULL;
  g_autofree char *icons = NULL;

  /* A case run again in a subprocess (g_test_trap_subprocess ()) inherits
   * the isolated XDG dirs of the case that started it: it takes the system
   * data dirs the first process started with, for the MIME database and the
   * icon themes below. */
  if (first_data_dirs != NULL)
    g_setenv ("XDG_DATA_DIRS", first_data_dirs, TRUE);
  joined_data_dirs = g_strjoinv (":", (char **) g_get_system_data_dirs ());
  g_setenv ("VIGIE_TEST_SYSTEM_DATA_DIRS", joined_data_dirs, TRUE);

  vigie_test_loopback_only ();

  /* the network monitor every VigieMonitor uses: ours */
  vigie_test_install_network_monitor ();

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

  /* GLib decides once per process whether g_dgettext() translates at all,
   * and says no under a locale such as C.UTF-8 that has no catalogue:
   * decide it in the "C" locale, so that /window/french can switch to
   * French later (gtk_init() then sets the environment's locale). */
  setlocale (LC_ALL, "C");
  (void) g_dgettext (GETTEXT_PACKAGE, "Vigie");

  if (!gtk_init_check (&argc, &argv))
    {
      g_test_add_func ("/window/no-display", test_no_display);
      return g_test_run ();
    }

  /* the same look wherever the test runs */
  g_object_set (gtk_settings_get_default (),
                "gtk-theme-name", "Adwaita",
                "gtk-icon-theme-name", "Adwaita",
                "gtk-application-prefer-dark-theme", FALSE,
                NULL);

  /* the icons of the source tree, laid out like an installed theme; the
   * default theme is created now, with the system's data dirs */
  icons = g_test_build_filename (G_TEST_DIST, "..", "icons", NULL);
  gtk_icon_theme_append_search_path (gtk_icon_theme_get_default (), icons);

  add ("/window/services", test_services);
  add ("/window/live-updates", test_live_updates);
  add ("/window/plain-text", test_plain_text);
  add ("/window/maintenance", test_maintenance);
  add ("/window/links", test_links);
  add ("/window/empty", test_empty);
  add ("/window/help-overlay", test_help_overlay);
  add ("/window/offline", test_offline);
  add ("/window/french", test_french);
  add ("/window/services-change", test_services_change);
  add ("/window/row-menu-and-mutes", test_row_menu_and_mutes);
  add ("/window/banners", test_banners);
  add ("/window/sorting-and-counts", test_sorting_and_counts);
  add ("/window/narrow", test_narrow);
  add ("/window/icons/png", test_icons_png);
  add ("/window/icons/without-librsvg", test_icons_without_librsvg);

  return g_test_run ();
}
