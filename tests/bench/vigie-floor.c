/* vigie-floor.c: the floor Vigie's costs are measured against
 *
 * A GTK 3 process with one tray icon (libayatana-appindicator, with a
 * one-item menu) and libnotify initialised, doing nothing: what any tray
 * application pays before it does anything.  tests/bench/bench-desktop.py
 * runs it beside Vigie on the same headless desktop and compares memory
 * and the time from exec to the tray item's registration.
 *
 * Two variants measure what no Vigie can avoid: --window shows the least
 * a window costs; vigie-floor-soup, built from this file with
 * FLOOR_WITH_SOUP (the floor itself must not load libsoup), takes
 * --fetch=URL and reads URL once with libsoup: the libraries it loads, its
 * session and a connection.
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <string.h>

#include <gtk/gtk.h>
#include <libayatana-appindicator/app-indicator.h>
#include <libnotify/notify.h>
#ifdef FLOOR_WITH_SOUP
#include <libsoup/soup.h>
#endif

#define FLOOR_ID "io.github.vigie.VigieFloor"

/* --window: the least a window costs, one header bar and one label */
static void
show_window (void)
{
  GtkWidget *window = gtk_window_new (GTK_WINDOW_TOPLEVEL);
  GtkWidget *header = gtk_header_bar_new ();
  GtkWidget *label = gtk_label_new ("Service 1 — Operational");

  gtk_header_bar_set_title (GTK_HEADER_BAR (header), "Vigie floor");
  gtk_header_bar_set_show_close_button (GTK_HEADER_BAR (header), TRUE);
  gtk_window_set_titlebar (GTK_WINDOW (window), header);
  gtk_container_add (GTK_CONTAINER (window), label);
  gtk_window_set_default_size (GTK_WINDOW (window), 560, 640);
  gtk_widget_show_all (window);
}

#ifdef FLOOR_WITH_SOUP
/* --fetch=URL: libsoup's part, a session and one read kept open */
static void
fetched_cb (GObject      *session,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;

  body = soup_session_send_and_read_finish (SOUP_SESSION (session), result, &error);
  if (body == NULL)
    g_warning ("could not read the feed: %s", error->message);
}

static void
fetch (const char *url)
{
  static SoupSession *session;
  g_autoptr(SoupMessage) message = soup_message_new ("GET", url);

  if (message == NULL)
    g_error ("not a URL: %s", url);
  session = soup_session_new ();
  soup_session_send_and_read_async (session, message, G_PRIORITY_DEFAULT, NULL, fetched_cb,
                                    NULL);
}
#endif

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GDBusConnection) bus = NULL;
  g_autoptr(GError) error = NULL;
  AppIndicator *indicator;
  GtkWidget *menu;
  GtkWidget *quit;

  gtk_init (&argc, &argv);
  notify_init (FLOOR_ID);

  /* The bus first, as a GtkApplication has it before its tray exists:
   * libayatana-appindicator 0.5.92 races its own bus connection. */
  bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, &error);
  if (bus == NULL)
    g_error ("no session bus: %s", error->message);

  /* what Vigie does too (app_indicator_new() warns in newer releases) */
  indicator = g_object_new (APP_INDICATOR_TYPE,
                            "id", FLOOR_ID,
                            "category", "ApplicationStatus",
                            "icon-name", "dialog-information-symbolic",
                            NULL);
  menu = gtk_menu_new ();
  quit = gtk_menu_item_new_with_label ("Quit");
  g_signal_connect (quit, "activate", G_CALLBACK (gtk_main_quit), NULL);
  gtk_widget_show (quit);
  gtk_menu_shell_append (GTK_MENU_SHELL (menu), quit);
  app_indicator_set_menu (indicator, GTK_MENU (menu));
  app_indicator_set_status (indicator, APP_INDICATOR_STATUS_ACTIVE);

  for (int i = 1; i < argc; i++)
    {
      if (g_str_equal (argv[i], "--window"))
        show_window ();
#ifdef FLOOR_WITH_SOUP
      else if (g_str_has_prefix (argv[i], "--fetch="))
        fetch (argv[i] + strlen ("--fetch="));
#endif
    }

  gtk_main ();

  g_object_unref (indicator);
  notify_uninit ();
  return 0;
}
