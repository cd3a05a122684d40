/* vigie-application-window.c: what the application tells its window
 *
 * The window reads the monitor by itself; what only the application knows
 * it is told here, each time the tray is: a pause, quiet hours, the mutes,
 * and that the demo is a replay (then that the replay is over).  Also the
 * About dialog, opening links so that a failure shows in the window, and
 * the windows' icon.
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vigie-application"

#include "config.h"

#include <glib/gi18n.h>
#include <libnotify/notify.h>

#include "vigie-application-private.h"
#include "vigie-format.h"
#include "vigie-window.h"

/* Mute notes for the window's rows, by service id */
static GHashTable *
dup_mute_notes (VigieApplication *self,
                GDateTime        *now)
{
  GHashTable *notes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  GPtrArray *services = vigie_monitor_get_services (self->monitor);

  for (guint i = 0; i < services->len; i++)
    {
      const char *id = vigie_service_get_id (g_ptr_array_index (services, i));
      GDateTime *until = NULL;
      char *note = NULL;

      switch (vigie_policy_get_mute (vigie_application_get_policy (self), id, now, &until))
        {
        case VIGIE_MUTE_UNTIL:
          note = vigie_format_mute_note (until, now);
          break;
        case VIGIE_MUTE_UNTIL_RESOLVED:
          /* Translators: a muted service, in the window: until its current
           * trouble ends */
          note = g_strdup (_("Muted until resolved"));
          break;
        case VIGIE_MUTE_NONE:
        default:
          break;
        }

      if (note != NULL)
        g_hash_table_insert (notes, g_strdup (id), note);
    }

  return notes;
}

/**
 * vigie_application_dup_replay_title:
 *
 * Returns: (transfer full): how the demo names itself everywhere: window,
 *   tray, notifications
 */
char *
vigie_application_dup_replay_title (void)
{
  /* Translators: the demo's window title, tray line and notifications'
   * application name */
  return g_strdup (_("Vigie — Replay of 4 January 2021"));
}

/* The demo says it is one in the tray and in its notifications too */
static void
label_replay (VigieApplication *self)
{
  g_autofree char *app_name = NULL;
  const char *tray_line;
  gboolean over;

  if (self->demo_server == NULL)
    return;

  over = vigie_demo_is_over (self->demo_server);
  if (over)
    /* Translators: the first line of the tray's menu (and the start of its
     * title) once the demo has played */
    tray_line = _("The replay is over");
  else
    /* Translators: the first line of the tray's menu (and the start of its
     * title) in the demo */
    tray_line = _("Replay of 4 January 2021");

  if (self->tray != NULL)
    vigie_tray_set_replay (self->tray, tray_line);

  /* the name notification servers show above each bubble */
  app_name = vigie_application_dup_replay_title ();
  if (notify_is_initted ())
    notify_set_app_name (app_name);
}

/**
 * vigie_application_update_window:
 *
 * Tells the window (if open) what only the application knows, and labels
 * the demo in the tray and notifications; called with every tray update.
 */
void
vigie_application_update_window (VigieApplication *self)
{
  VigieWindow *window;
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(GHashTable) notes = NULL;
  g_autofree char *paused = NULL;
  g_autofree char *quiet = NULL;

  label_replay (self);

  if (self->window == NULL || self->monitor == NULL)
    return;

  window = VIGIE_WINDOW (self->window);
  now = g_date_time_new_now_utc ();

  if (self->demo_server != NULL)
    {
      g_autofree char *title = vigie_application_dup_replay_title ();

      vigie_window_set_title (window, title);
      if (vigie_demo_is_over (self->demo_server))
        {
          vigie_window_set_banner (window, VIGIE_WINDOW_BANNER_REPLAY,
                                   _("The replay of 4 January 2021 is over: Slack is back to "
                                     "normal."));
          /* Translators: button of the window's banner at the end of the demo */
          vigie_window_set_banner_button (window, VIGIE_WINDOW_BANNER_REPLAY, _("Quit Replay"),
                                          "app.quit");
        }
      else
        {
          vigie_window_set_banner (window, VIGIE_WINDOW_BANNER_REPLAY,
                                   _("This is a replay of Slack’s outage of 4 January 2021, "
                                     "played faster. Your settings are not used, and nothing "
                                     "is saved."));
        }
    }

  if (self->settings != NULL && vigie_policy_is_paused (vigie_application_get_policy (self), now))
    {
      g_autoptr(GDateTime) until = vigie_settings_dup_paused_until (self->settings);

      if (until != NULL)
        paused = vigie_format_paused_until (until, now);
    }
  vigie_window_set_banner (window, VIGIE_WINDOW_BANNER_PAUSED, paused);
  if (paused != NULL)
    /* Translators: button of the window's banner while notifications are
     * paused */
    vigie_window_set_banner_button (window, VIGIE_WINDOW_BANNER_PAUSED, _("Resume"),
                                    "app.pause::resume");

  if (vigie_policy_is_quiet (vigie_application_get_policy (self), now))
    {
      g_autoptr(GDateTime) until = vigie_policy_get_next_quiet_change (
        vigie_application_get_policy (self), now);

      if (until != NULL)
        quiet = vigie_format_quiet_until (until, now);
    }
  vigie_window_set_banner (window, VIGIE_WINDOW_BANNER_QUIET_HOURS, quiet);

  vigie_window_set_banner (window, VIGIE_WINDOW_BANNER_NETWORK,
                           vigie_alert_engine_get_reach (self->engine) == VIGIE_REACH_UNREACHABLE
                           /* Translators: window banner when no status page
                            * answers although the computer says it is online */
                           ? _("Status pages cannot be reached from this computer. Check its "
                               "connection (a captive portal, a VPN, the name server); until "
                               "then each service shows its last known state.")
                           : NULL);

  notes = dup_mute_notes (self, now);
  vigie_window_set_mute_notes (window, notes);
}

typedef struct
{
  VigieApplication *self;
  char *uri;
} OpenData;

static void
open_data_free (OpenData *data)
{
  g_object_unref (data->self);
  g_free (data->uri);
  g_free (data);
}

static void
link_opened_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  OpenData *data = user_data;
  g_autoptr(GError) error = NULL;

  if (!g_app_info_launch_default_for_uri_finish (result, &error))
    {
      g_warning ("Could not open %s: %s", data->uri, error->message);

      /* with no browser nothing would happen: the window says so, opened
       * if it must be */
      if (data->self->window == NULL)
        g_application_activate (G_APPLICATION (data->self));
      if (data->self->window != NULL)
        vigie_window_show_link_error (VIGIE_WINDOW (data->self->window), data->uri);
    }

  open_data_free (data);
}

/**
 * vigie_application_open_link:
 * @uri: an https: link (or http: on this computer), already checked
 *
 * Opens @uri in the web browser; a failure is told in the window.
 */
void
vigie_application_open_link (VigieApplication *self,
                             const char       *uri)
{
  OpenData *data = g_new0 (OpenData, 1);
  g_autoptr(GAppLaunchContext) context = NULL;

  data->self = g_object_ref (self);
  data->uri = g_strdup (uri);

  if (self->window != NULL)
    context = G_APP_LAUNCH_CONTEXT (gdk_display_get_app_launch_context (
      gtk_widget_get_display (self->window)));

  g_app_info_launch_default_for_uri_async (uri, context, NULL, link_opened_cb, data);
}

/**
 * vigie_application_show_about:
 */
void
vigie_application_show_about (VigieApplication *self)
{
  static const char * const authors[] = { "The Vigie developers", NULL };
  GtkWindow *parent = self->window != NULL ? GTK_WINDOW (self->window) : NULL;

  gtk_show_about_dialog (parent,
                         "program-name", _("Vigie"),
                         "logo-icon-name", APP_ID,
                         "version", PACKAGE_VERSION,
                         "comments", _("Be told when the online tools you work with break, "
                                       "and when they are back."),
                         "website", "https://github.com/vigie/vigie",
                         "copyright", "© 2026 The Vigie developers",
                         "license-type", GTK_LICENSE_GPL_3_0,
                         "authors", authors,
                         /* Translators: your names, one per line, as they
                          * should appear in the About dialog */
                         "translator-credits", _("translator-credits"),
                         NULL);
}

/**
 * vigie_application_ensure_window_icon:
 *
 * Gives every window the application's icon at a few sizes, before the
 * first one is built.  A window given an icon name loads it at every size
 * the theme has, up to 256 px: 550 KiB of pixbufs kept while it lives, for
 * an icon that X11 task switchers alone read (elsewhere the desktop file
 * names the icon).
 */
void
vigie_application_ensure_window_icon (void)
{
  static const int sizes[] = { 16, 32, 48, 64 };
  static gboolean done;
  GtkIconTheme *theme;
  GList *icons = NULL;

  if (done)
    return;
  done = TRUE;

  theme = gtk_icon_theme_get_default ();
  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      GdkPixbuf *icon = gtk_icon_theme_load_icon (theme, APP_ID, sizes[i], 0, NULL);

      if (icon != NULL)
        icons = g_list_append (icons, icon);
    }

  if (icons != NULL)
    gtk_window_set_default_icon_list (icons);
  else
    gtk_window_set_default_icon_name (APP_ID);
  g_list_free_full (icons, g_object_unref);
}
