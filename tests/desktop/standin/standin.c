/* standin.c — a tiny stand-in for Vigie, to prove tests/desktop/vigie_desktop.py.
 *
 * Not part of the build: selftest.py compiles it by hand with
 *   cc standin.c $(pkg-config --cflags --libs gtk+-3.0 ayatana-appindicator3-0.1
 *                  libnotify libsoup-3.0 json-glib-1.0)
 *
 * usage: standin FEED_URL PAGE_URL
 *
 * Every second it GETs FEED_URL, a JSON object such as
 *   { "severity": "major", "title": "Slack is down", "url": "http://…/incident" }
 * and shows io.github.vigie.Vigie-<severity>-symbolic in the tray.  The first
 * successful poll is a silent baseline; each later change of severity sends, or
 * updates in place, one notification whose "default" action opens the feed's
 * "url" (PAGE_URL when absent).  The menu's "Open status page" opens PAGE_URL.
 */

#include <glib-unix.h>
#include <gtk/gtk.h>
#include <json-glib/json-glib.h>
#include <libayatana-appindicator/app-indicator.h>
#include <libnotify/notify.h>
#include <libsoup/soup.h>

#define APP_ID "io.github.vigie.Vigie"

typedef struct
{
  AppIndicator       *indicator;
  GtkWidget          *state_item;
  NotifyNotification *notification;
  SoupSession        *soup;
  SoupMessage        *message;     /* in flight, or NULL */
  char               *feed_url;
  char               *page_url;
  char               *severity;    /* NULL until the first answer */
  char               *action_url;  /* what the notification opens */
} StandIn;

static const char *const known_severities[] = {
  "operational", "maintenance", "minor", "major", "critical", "unknown", NULL
};

static void
open_url (const char *url)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GdkAppLaunchContext) context =
    gdk_display_get_app_launch_context (gdk_display_get_default ());

  g_printerr ("standin: opening %s\n", url);
  if (!g_app_info_launch_default_for_uri (url, G_APP_LAUNCH_CONTEXT (context), &error))
    g_printerr ("standin: cannot open %s: %s\n", url, error->message);
}

static void
on_open_page (GtkMenuItem *item, gpointer user_data)
{
  StandIn *self = user_data;

  open_url (self->page_url);
}

static void
on_notification_action (NotifyNotification *notification,
                        char               *action,
                        gpointer            user_data)
{
  StandIn *self = user_data;

  g_printerr ("standin: notification action %s\n", action);
  open_url (self->action_url);
}

static void
on_quit (GtkMenuItem *item, gpointer user_data)
{
  gtk_main_quit ();
}

static gboolean
on_sigterm (gpointer user_data)
{
  gtk_main_quit ();
  return G_SOURCE_REMOVE;
}

static void
on_connection_changed (AppIndicator *indicator, gboolean connected, gpointer user_data)
{
  g_printerr ("standin: tray host %s\n", connected ? "connected" : "gone");
}

static void
notify_change (StandIn *self, const char *old, const char *severity, const char *title)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *summary = g_strdup_printf ("Status changed: %s", severity);
  g_autofree char *body = g_strdup_printf ("%s (was %s)", title ? title : "Stand-in feed", old);
  g_autofree char *icon = g_strdup_printf (APP_ID "-%s-symbolic", severity);

  if (self->notification == NULL)
    {
      /* one notification, created once: later shows carry its id as
       * replaces_id, so the server updates it in place */
      self->notification = notify_notification_new (summary, body, icon);
      notify_notification_add_action (self->notification, "default", "Open",
                                      on_notification_action, self, NULL);
    }
  else
    notify_notification_update (self->notification, summary, body, icon);

  if (!notify_notification_show (self->notification, &error))
    g_printerr ("standin: cannot notify: %s\n", error->message);
}

static void
apply_state (StandIn *self, const char *severity, const char *title, const char *url)
{
  g_autofree char *icon = NULL;
  g_autofree char *label = NULL;

  if (g_strcmp0 (severity, self->severity) == 0)
    return;

  g_printerr ("standin: %s -> %s\n", self->severity ? self->severity : "(none)", severity);
  icon = g_strdup_printf (APP_ID "-%s-symbolic", severity);
  app_indicator_set_icon_full (self->indicator, icon, severity);
  label = g_strdup_printf ("State: %s", severity);
  gtk_menu_item_set_label (GTK_MENU_ITEM (self->state_item), label);

  if (self->severity != NULL)   /* the first answer is a silent baseline */
    {
      /* the notification opens the page of the state it announces */
      g_free (self->action_url);
      self->action_url = g_strdup (url ? url : self->page_url);
      notify_change (self, self->severity, severity, title);
    }

  g_free (self->severity);
  self->severity = g_strdup (severity);
}

static void
on_feed_read (GObject *source, GAsyncResult *result, gpointer user_data)
{
  StandIn *self = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) bytes = NULL;
  g_autoptr (JsonParser) parser = NULL;
  g_autoptr (SoupMessage) message = g_steal_pointer (&self->message);
  const char *severity = "unknown";
  const char *title = NULL;
  const char *url = NULL;
  JsonNode *root;

  bytes = soup_session_send_and_read_finish (SOUP_SESSION (source), result, &error);
  if (bytes == NULL || soup_message_get_status (message) != SOUP_STATUS_OK)
    {
      g_printerr ("standin: fetch failed: %s\n",
                  error ? error->message : soup_message_get_reason_phrase (message));
      apply_state (self, "unknown", NULL, NULL);
      return;
    }

  parser = json_parser_new ();
  if (json_parser_load_from_data (parser, g_bytes_get_data (bytes, NULL),
                                  (gssize) g_bytes_get_size (bytes), &error)
      && (root = json_parser_get_root (parser)) != NULL
      && JSON_NODE_HOLDS_OBJECT (root))
    {
      JsonObject *object = json_node_get_object (root);
      const char *value = json_object_get_string_member_with_default (object, "severity", "");

      if (g_strv_contains (known_severities, value))
        severity = value;
      title = json_object_get_string_member_with_default (object, "title", NULL);
      url = json_object_get_string_member_with_default (object, "url", NULL);
    }
  apply_state (self, severity, title, url);
}

static gboolean
poll_feed (gpointer user_data)
{
  StandIn *self = user_data;

  if (self->message != NULL)   /* previous poll still running */
    return G_SOURCE_CONTINUE;

  self->message = soup_message_new (SOUP_METHOD_GET, self->feed_url);
  soup_session_send_and_read_async (self->soup, self->message, G_PRIORITY_DEFAULT,
                                    NULL, on_feed_read, self);
  return G_SOURCE_CONTINUE;
}

static void
on_refresh (GtkMenuItem *item, gpointer user_data)
{
  poll_feed (user_data);
}

static GtkWidget *
add_item (GtkWidget *menu, const char *mnemonic_label, GCallback callback, gpointer data)
{
  GtkWidget *item = gtk_menu_item_new_with_mnemonic (mnemonic_label);

  if (callback != NULL)
    g_signal_connect (item, "activate", callback, data);
  gtk_menu_shell_append (GTK_MENU_SHELL (menu), item);
  gtk_widget_show (item);   /* unshown items are exported as visible=false */
  return item;
}

int
main (int argc, char **argv)
{
  StandIn self = { 0 };
  GtkWidget *menu;
  GtkWidget *hidden;
  GtkWidget *separator;
  g_autoptr (GDBusConnection) bus = NULL;
  g_autoptr (GError) error = NULL;

  if (argc != 3)
    {
      g_printerr ("usage: %s FEED_URL PAGE_URL\n", argv[0]);
      return 2;
    }
  gtk_init (&argc, &argv);
  g_set_prgname (APP_ID);
  notify_init ("Vigie");

  self.feed_url = argv[1];
  self.page_url = argv[2];
  self.soup = soup_session_new_with_options ("timeout", 5, NULL);

  menu = gtk_menu_new ();
  add_item (menu, "_Open status page", G_CALLBACK (on_open_page), &self);
  self.state_item = add_item (menu, "State: unknown", NULL, NULL);
  gtk_widget_set_sensitive (self.state_item, FALSE);
  hidden = gtk_menu_item_new_with_label ("Hidden item");   /* never shown */
  gtk_menu_shell_append (GTK_MENU_SHELL (menu), hidden);
  add_item (menu, "Refresh _now", G_CALLBACK (on_refresh), &self);
  separator = gtk_separator_menu_item_new ();
  gtk_menu_shell_append (GTK_MENU_SHELL (menu), separator);
  gtk_widget_show (separator);
  add_item (menu, "_Quit", G_CALLBACK (on_quit), NULL);

  /* Connect to the session bus BEFORE creating the indicator.  libayatana
   * 0.5.92 gets the bus asynchronously and, in parallel, watches the
   * watcher's name; if the name-appeared callback wins the race it calls
   * g_dbus_proxy_new() with a NULL connection (a critical, and the item never
   * registers).  With the connection already there the race is gone.
   * GtkApplication does this implicitly (g_application_register). */
  bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, &error);
  if (bus == NULL)
    g_printerr ("standin: no session bus: %s\n", error->message);

  /* never app_indicator_new(): deprecated, and warns at run time since 0.5.94 */
  self.indicator = g_object_new (APP_INDICATOR_TYPE,
                                 "id", APP_ID,
                                 "category", "ApplicationStatus",
                                 "icon-name", APP_ID "-operational-symbolic",
                                 NULL);
  g_signal_connect (self.indicator, "connection-changed",
                    G_CALLBACK (on_connection_changed), NULL);
  app_indicator_set_title (self.indicator, "Vigie stand-in");
  app_indicator_set_menu (self.indicator, GTK_MENU (menu));
  app_indicator_set_status (self.indicator, APP_INDICATOR_STATUS_ACTIVE);

  g_unix_signal_add (SIGTERM, on_sigterm, NULL);
  poll_feed (&self);
  g_timeout_add_seconds (1, poll_feed, &self);

  gtk_main ();

  g_printerr ("standin: quitting\n");
  if (self.message != NULL)
    soup_session_abort (self.soup);
  g_clear_object (&self.notification);
  g_clear_object (&self.indicator);
  g_clear_object (&self.soup);
  g_free (self.severity);
  g_free (self.action_url);
  notify_uninit ();
  return 0;
}
