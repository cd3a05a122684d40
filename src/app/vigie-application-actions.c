/* vigie-application-actions.c: the app.* actions (tray, window, D-Bus)
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vigie-application"

#include "config.h"

#include <glib/gi18n.h>

#include "vigie-application-private.h"
#include "vigie-preferences.h"
#include "vigie-text.h"

#define MORNING_HOUR 8

void
vigie_application_mute (VigieApplication *self,
                        const char       *service_id,
                        const char       *how)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  vigie_alert_engine_mute (self->engine, service_id, how, now);
  g_debug ("%s: mute %s", service_id, how);

  /* a mute is something the user said: kept at once */
  vigie_application_state_changed (self);
  vigie_application_update_tray (self);
}

static void
show_window_activated (GSimpleAction *action,
                       GVariant      *parameter,
                       gpointer       user_data)
{
  g_application_activate (G_APPLICATION (user_data));
}

static void
open_service_activated (GSimpleAction *action,
                        GVariant      *parameter,
                        gpointer       user_data)
{
  VigieApplication *self = user_data;
  VigieService *service = vigie_monitor_lookup (self->monitor,
                                                g_variant_get_string (parameter, NULL));
  VigieSnapshot *snapshot;
  const char *uri = NULL;

  if (service == NULL)
    return;

  /* the incident being lived, else the status page */
  snapshot = vigie_service_get_snapshot (service);
  if (snapshot != NULL && vigie_service_get_severity (service) != VIGIE_SEVERITY_UNKNOWN)
    {
      GPtrArray *incidents = vigie_snapshot_get_incidents (snapshot);

      for (guint i = 0; i < incidents->len && uri == NULL; i++)
        {
          const VigieIncident *incident = g_ptr_array_index (incidents, i);

          if (vigie_link_is_fetchable (incident->url))
            uri = incident->url;
        }
    }

  if (uri == NULL && vigie_link_is_fetchable (vigie_service_get_status_page (service)))
    uri = vigie_service_get_status_page (service);
  if (uri == NULL)
    return;

  /* a failure (no browser) is told in the window */
  vigie_application_open_link (self, uri);
}

static void
refresh_activated (GSimpleAction *action,
                   GVariant      *parameter,
                   gpointer       user_data)
{
  VigieApplication *self = user_data;

  vigie_monitor_refresh_now (self->monitor);
}

static GDateTime *
next_morning (GDateTime *now_local)
{
  g_autoptr(GDateTime) today = g_date_time_new_local (g_date_time_get_year (now_local),
                                                      g_date_time_get_month (now_local),
                                                      g_date_time_get_day_of_month (now_local),
                                                      MORNING_HOUR, 0, 0);

  if (g_date_time_get_hour (now_local) < MORNING_HOUR - 3)
    return g_steal_pointer (&today);

  return g_date_time_add_days (today, 1);
}

static void
pause_activated (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  VigieApplication *self = user_data;
  const char *how = g_variant_get_string (parameter, NULL);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) until = NULL;

  if (g_str_equal (how, "hour"))
    until = g_date_time_add_hours (now, 1);
  else if (g_str_equal (how, "morning"))
    until = next_morning (now);

  /* into paused-until: a restart keeps the pause (pause-changed follows) */
  vigie_settings_set_paused_until (self->settings, until);
}

static void
mute_activated (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  VigieApplication *self = user_data;
  const char *service_id;
  const char *how;

  g_variant_get (parameter, "(&s&s)", &service_id, &how);
  vigie_application_mute (self, service_id, how);
}

static void
preferences_activated (GSimpleAction *action,
                       GVariant      *parameter,
                       gpointer       user_data)
{
  VigieApplication *self = user_data;

  if (self->preferences == NULL)
    {
      vigie_application_ensure_window_icon ();
      self->preferences = GTK_WIDGET (vigie_preferences_new (GTK_APPLICATION (self),
                                                             self->settings));
      g_object_add_weak_pointer (G_OBJECT (self->preferences), (gpointer *) &self->preferences);
    }

  if (self->window != NULL && gtk_widget_get_visible (self->window))
    gtk_window_set_transient_for (GTK_WINDOW (self->preferences), GTK_WINDOW (self->window));

  gtk_window_present (GTK_WINDOW (self->preferences));
}

static void
about_activated (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  vigie_application_show_about (VIGIE_APPLICATION (user_data));
}

static void
quit_activated (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  g_application_quit (G_APPLICATION (user_data));
}

static const GActionEntry app_actions[] = {
  { .name = "show-window", .activate = show_window_activated },
  { .name = "open-service", .activate = open_service_activated, .parameter_type = "s" },
  { .name = "refresh", .activate = refresh_activated },
  { .name = "pause", .activate = pause_activated, .parameter_type = "s" },
  { .name = "mute", .activate = mute_activated, .parameter_type = "(ss)" },
  { .name = "preferences", .activate = preferences_activated },
  { .name = "about", .activate = about_activated },
  { .name = "quit", .activate = quit_activated },
};

void
vigie_application_add_actions (VigieApplication *self)
{
  const char *quit_accels[] = { "<Control>q", NULL };
  const char *refresh_accels[] = { "<Control>r", "F5", NULL };
  const char *preferences_accels[] = { "<Control>comma", NULL };

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions, G_N_ELEMENTS (app_actions),
                                   self);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.refresh", refresh_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.preferences",
                                         preferences_accels);
}
