/* vigie-application.c: the GtkApplication's lifetime and its wiring
 *
 * Data flows one way: the settings (vigie-settings.c) make the monitor's
 * services and feed the policy; the monitor polls the services; after each
 * poll the tracker turns the new state into events, the policy routes each
 * one (shown, held for the quiet-hours digest, or dropped: alert levels,
 * mutes, pause), the tracker's state is saved, then what is to be shown is
 * shown, and the tray is refreshed.  The window follows the monitor itself.
 *
 * The state is saved before the notifications of a poll are shown: killed
 * in between, Vigie restarts knowing what it was about to say and does not
 * say it twice.
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vigie-application"

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>

#include "vigie-application-private.h"
#include "vigie-catalog.h"
#include "vigie-check.h"
#include "vigie-demo.h"
#include "vigie-format.h"
#include "vigie-monitor.h"
#include "vigie-notifier.h"
#include "vigie-preferences.h"
#include "vigie-settings.h"
#include "vigie-text.h"
#include "vigie-tray.h"
#include "vigie-window.h"

/* Started in the background with no tray host after this long, the window
 * opens: Vigie is never out of reach. */
#define BACKGROUND_TRAY_GRACE_SECONDS 5

/* The polls start, and a window asked for at launch opens, once the tray
 * item has registered or after this long without a tray host.  The
 * registration takes a few round trips through the main loop: building a
 * window, or handling the first answers, between them made it take four
 * times as long. */
#define TRAY_WAIT_MS 300

/* The quiet-hours timer looks again at least this often (the clock may
 * jump: suspend, time zones) */
#define QUIET_RECHECK_SECONDS (60 * 60)

/* Changes that tell nothing are written this long after, so that a round
 * of polls makes one write */
#define SAVE_DELAY_SECONDS 2

G_DEFINE_FINAL_TYPE (VigieApplication, vigie_application, GTK_TYPE_APPLICATION)


static void
demo_step_cb (VigieDemo        *demo,
              VigieApplication *self)
{
  vigie_monitor_refresh_now (self->monitor);
}

/* The demo's one service: Slack, served by the replay on 127.0.0.1 */
static GPtrArray *
create_demo_services (VigieApplication *self)
{
  g_autoptr(GPtrArray) services = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;

  self->demo_server = vigie_demo_new (self->demo_speed > 0 ? self->demo_speed : 1.0, &error);
  if (self->demo_server == NULL)
    {
      g_critical ("The demo cannot start: %s", error->message);
      return g_steal_pointer (&services);
    }

  g_signal_connect_object (self->demo_server, "step", G_CALLBACK (demo_step_cb), self, 0);
  g_ptr_array_add (services, vigie_service_new ("slack",
                                                vigie_demo_get_service_name (self->demo_server),
                                                vigie_demo_get_status_page (self->demo_server),
                                                vigie_demo_get_feed_url (self->demo_server),
                                                "slack"));
  return g_steal_pointer (&services);
}

static char *
dup_pause_note (VigieApplication *self,
                GDateTime        *now)
{
  g_autoptr(GDateTime) paused_until = NULL;

  if (self->settings == NULL || !vigie_policy_is_paused (vigie_application_get_policy (self), now))
    return NULL;

  paused_until = vigie_settings_dup_paused_until (self->settings);
  if (paused_until == NULL)
    return NULL;

  return vigie_format_paused_until (paused_until, now);
}

/* For each muted service, the note under its line in the tray */
static GHashTable *
dup_mute_labels (VigieApplication *self,
                 GDateTime        *now)
{
  GHashTable *labels = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  GPtrArray *services = vigie_monitor_get_services (self->monitor);

  for (guint i = 0; i < services->len; i++)
    {
      VigieService *service = g_ptr_array_index (services, i);
      const char *name = vigie_service_get_display_name (service);
      GDateTime *until = NULL;
      char *label = NULL;

      switch (vigie_policy_get_mute (vigie_application_get_policy (self),
                                     vigie_service_get_id (service), now, &until))
        {
        case VIGIE_MUTE_UNTIL:
          label = vigie_format_muted_until (name, until, now);
          break;
        case VIGIE_MUTE_UNTIL_RESOLVED:
          /* Translators: tray menu note under a muted service; %s is a
           * service name, muted until its current trouble ends */
          label = g_strdup_printf (_("%s (muted until resolved)"), name);
          break;
        case VIGIE_MUTE_NONE:
        default:
          break;
        }

      if (label != NULL)
        g_hash_table_insert (labels, g_strdup (vigie_service_get_id (service)), label);
    }

  return labels;
}

static gboolean mute_ended_cb (gpointer user_data);

/* Wakes the tray when the next mute for a time ends */
static void
arm_mute_timer (VigieApplication *self,
                GDateTime        *now)
{
  GPtrArray *services = vigie_monitor_get_services (self->monitor);
  GTimeSpan soonest = -1;

  g_clear_handle_id (&self->mute_timeout_id, g_source_remove);

  for (guint i = 0; i < services->len; i++)
    {
      GDateTime *until = NULL;

      if (vigie_policy_get_mute (vigie_application_get_policy (self),
                                 vigie_service_get_id (g_ptr_array_index (services, i)), now,
                                 &until) == VIGIE_MUTE_UNTIL)
        {
          GTimeSpan span = g_date_time_difference (until, now);

          if (soonest < 0 || span < soonest)
            soonest = span;
        }
    }

  if (soonest >= 0)
    self->mute_timeout_id = g_timeout_add_seconds ((guint) (soonest / G_TIME_SPAN_SECOND) + 1,
                                                   mute_ended_cb, self);
}

void
vigie_application_update_tray (VigieApplication *self)
{
  g_autoptr(GDateTime) now = NULL;
  g_autofree char *pause_note = NULL;
  g_autoptr(GHashTable) mute_labels = NULL;

  /* the window shows the same pause and mutes */
  vigie_application_update_window (self);

  if (self->tray == NULL)
    return;

  now = g_date_time_new_now_utc ();
  vigie_tray_set_unreachable (self->tray, vigie_alert_engine_get_reach (self->engine)
                                            == VIGIE_REACH_UNREACHABLE);
  pause_note = dup_pause_note (self, now);
  mute_labels = dup_mute_labels (self, now);
  vigie_tray_update (self->tray, self->monitor, pause_note, mute_labels);
  arm_mute_timer (self, now);
}

static gboolean
mute_ended_cb (gpointer user_data)
{
  VigieApplication *self = user_data;

  self->mute_timeout_id = 0;
  vigie_application_update_tray (self);

  return G_SOURCE_REMOVE;
}

/* News is shown once the state that says it was told is on disk: killed
 * in between, Vigie restarts knowing what it was about to say and does
 * not say it twice. */
typedef struct
{
  VigieApplication *self;
  GPtrArray *notices;
} ShowData;

static void
show_data_free (ShowData *data)
{
  g_object_unref (data->self);
  g_ptr_array_unref (data->notices);
  g_free (data);
}

static void
show_notices (VigieApplication *self,
              GPtrArray        *notices)
{
  for (guint i = 0; i < notices->len; i++)
    vigie_notifier_show (self->notifier, g_ptr_array_index (notices, i));
}

static void
saved_then_show_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  ShowData *data = user_data;

  /* a failed write was logged: the news is shown all the same */
  vigie_state_file_save_finish (VIGIE_STATE_FILE (source), result, NULL);
  if (data->self->notifier != NULL)
    show_notices (data->self, data->notices);
  show_data_free (data);
}

static void
saved_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  vigie_state_file_save_finish (VIGIE_STATE_FILE (source), result, NULL);
}

/* Saves the state if it changed; the state file compares the bytes, so
 * that a poll that changed nothing writes nothing. */
static void
save_state (VigieApplication *self,
            GPtrArray        *then_show)
{
  g_autoptr(GBytes) state = NULL;

  g_clear_handle_id (&self->save_timeout_id, g_source_remove);

  /* the demo replays history: nothing of it is kept */
  if (self->state_file == NULL)
    {
      if (then_show != NULL)
        show_notices (self, then_show);
      return;
    }

  state = vigie_alert_engine_save (self->engine);
  if (then_show != NULL)
    {
      ShowData *data = g_new0 (ShowData, 1);

      data->self = g_object_ref (self);
      data->notices = g_ptr_array_ref (then_show);
      vigie_state_file_save_async (self->state_file, state, NULL, saved_then_show_cb, data);
    }
  else
    {
      vigie_state_file_save_async (self->state_file, state, NULL, saved_cb, NULL);
    }
}

static gboolean
save_timeout_cb (gpointer user_data)
{
  VigieApplication *self = user_data;

  self->save_timeout_id = 0;
  save_state (self, NULL);
  return G_SOURCE_REMOVE;
}

/* A round of polls ends in one write */
static void
save_state_soon (VigieApplication *self)
{
  if (self->state_file != NULL && self->save_timeout_id == 0)
    self->save_timeout_id = g_timeout_add_seconds (SAVE_DELAY_SECONDS, save_timeout_cb, self);
}

/* The replay plays hours in minutes: flaps and storms are not measured in
 * its time, and each of its steps is told at once.  Tests may set their
 * own timing (VIGIE_TEST_ALERT_TIMING=gather,flap,stable,storm seconds). */
static void
configure_timing (VigieApplication *self)
{
  const char *timing = g_getenv ("VIGIE_TEST_ALERT_TIMING");
  g_auto(GStrv) parts = timing != NULL ? g_strsplit (timing, ",", 4) : NULL;
  guint64 values[4];

  if (self->demo)
    {
      vigie_alert_engine_set_timing (self->engine, 0, 0, 0, 0);
      return;
    }

  if (parts == NULL || g_strv_length (parts) != 4)
    return;

  for (guint i = 0; i < 4; i++)
    if (!g_ascii_string_to_unsigned (parts[i], 10, 0, 24 * 60 * 60, &values[i], NULL))
      return;

  vigie_alert_engine_set_timing (self->engine, (guint) values[0], (guint) values[1],
                                 (guint) values[2], (guint) values[3]);
}

static void
load_state (VigieApplication *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  if (self->state_file == NULL)
    return;

  bytes = vigie_state_file_load (self->state_file, &error);
  if (bytes == NULL && error == NULL)
    return;  /* a first start ever */

  if (bytes == NULL || !vigie_alert_engine_load (self->engine, bytes, now, &error))
    {
      vigie_state_file_set_aside (self->state_file, error->message);
      /* what was told is lost, but this is no first start: news is told */
      g_clear_pointer (&bytes, g_bytes_unref);
      bytes = g_bytes_new_static ("{\"services\":{}}", 15);
      vigie_alert_engine_load (self->engine, bytes, now, NULL);
    }
}

static gboolean engine_wakeup_cb (gpointer user_data);

/* Hands what the engine has to say to the notifier, saves, and sets the
 * next wake-up */
static void
process_engine (VigieApplication *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GPtrArray) notices = vigie_alert_engine_take_notices (self->engine, now);
  g_autoptr(GDateTime) next = vigie_alert_engine_get_next_wakeup (self->engine, now);

  if (notices->len > 0)
    save_state (self, notices);
  else
    save_state_soon (self);

  g_clear_handle_id (&self->engine_timeout_id, g_source_remove);
  if (next != NULL)
    {
      GTimeSpan span = MAX (g_date_time_difference (next, now), 0);

      /* to the millisecond: the gather is a few seconds only */
      self->engine_timeout_id = g_timeout_add ((guint) (span / 1000) + 1, engine_wakeup_cb, self);
    }
}

static gboolean
engine_wakeup_cb (gpointer user_data)
{
  VigieApplication *self = user_data;

  self->engine_timeout_id = 0;
  process_engine (self);
  vigie_application_update_tray (self);
  return G_SOURCE_REMOVE;
}

static gboolean quiet_change_cb (gpointer user_data);

/* Wakes up when quiet hours begin or end (at the latest in an hour) */
static void
arm_quiet_timer (VigieApplication *self)
{
  VigiePolicy *policy = vigie_application_get_policy (self);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) next = vigie_policy_get_next_quiet_change (policy, now);
  guint seconds = QUIET_RECHECK_SECONDS;

  g_clear_handle_id (&self->quiet_timeout_id, g_source_remove);

  /* nothing will ever change, and nothing waits */
  if (next == NULL && !vigie_policy_has_held (policy))
    return;

  if (next != NULL)
    seconds = (guint) CLAMP (g_date_time_difference (next, now) / G_TIME_SPAN_SECOND + 1, 1,
                             QUIET_RECHECK_SECONDS);

  self->quiet_timeout_id = g_timeout_add_seconds (seconds, quiet_change_cb, self);
}

static gboolean
quiet_change_cb (gpointer user_data)
{
  VigieApplication *self = user_data;

  self->quiet_timeout_id = 0;
  /* the digest, if quiet hours are over */
  process_engine (self);
  arm_quiet_timer (self);
  vigie_application_update_window (self);

  return G_SOURCE_REMOVE;
}

static void
quiet_hours_changed_cb (VigieSettings    *settings,
                        VigieApplication *self)
{
  /* quiet hours turned off, or moved away from now: the digest is due */
  process_engine (self);
  arm_quiet_timer (self);
  vigie_application_update_window (self);
}

static void
service_polled_cb (VigieMonitor     *monitor,
                   VigieService     *service,
                   VigieApplication *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  vigie_alert_engine_observe (self->engine, service, now);
  process_engine (self);

  if (vigie_policy_has_held (vigie_application_get_policy (self))
      && self->quiet_timeout_id == 0)
    arm_quiet_timer (self);

  vigie_application_update_tray (self);

  /* the first poll saw the calm before the outage: now play it */
  if (self->demo_server != NULL)
    vigie_demo_start (self->demo_server);
}

static void
offline_changed_cb (VigieMonitor     *monitor,
                    GParamSpec       *pspec,
                    VigieApplication *self)
{
  vigie_application_update_tray (self);
}

static void
mute_requested_cb (VigieNotifier    *notifier,
                   const char       *service_id,
                   gboolean          until_resolved,
                   VigieApplication *self)
{
  vigie_application_mute (self, service_id, until_resolved ? "resolved" : "hour");
}

static void
show_window_requested_cb (VigieNotifier    *notifier,
                          VigieApplication *self)
{
  g_application_activate (G_APPLICATION (self));
}

/**
 * vigie_application_state_changed:
 *
 * Something the user said (a mute) changed the state: saved at once.
 */
void
vigie_application_state_changed (VigieApplication *self)
{
  save_state (self, NULL);
}

/* The engine follows the watched services, which keep their feeds' copies */
static void
attach_services (VigieApplication *self)
{
  GPtrArray *services = vigie_monitor_get_services (self->monitor);

  for (guint i = 0; i < services->len && self->feed_cache != NULL; i++)
    vigie_service_set_feed_cache (g_ptr_array_index (services, i), self->feed_cache);

  vigie_alert_engine_set_services (self->engine, services);
}

static void
services_changed_cb (VigieSettings    *settings,
                     GStrv             removed,
                     VigieApplication *self)
{
  attach_services (self);

  for (guint i = 0; removed != NULL && removed[i] != NULL; i++)
    vigie_notifier_forget_service (self->notifier, removed[i]);

  vigie_application_update_tray (self);
}

static gboolean
pause_ended_cb (gpointer user_data)
{
  VigieApplication *self = user_data;

  self->pause_timeout_id = 0;
  vigie_application_update_tray (self);

  return G_SOURCE_REMOVE;
}

/* The tray's note goes when the pause ends */
static void
arm_pause_timer (VigieApplication *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) until = vigie_settings_dup_paused_until (self->settings);

  g_clear_handle_id (&self->pause_timeout_id, g_source_remove);

  if (until != NULL && g_date_time_compare (now, until) < 0)
    {
      GTimeSpan span = g_date_time_difference (until, now);

      self->pause_timeout_id = g_timeout_add_seconds ((guint) (span / G_TIME_SPAN_SECOND) + 1,
                                                      pause_ended_cb, self);
    }
}

static void
pause_changed_cb (VigieSettings    *settings,
                  VigieApplication *self)
{
  arm_pause_timer (self);
  vigie_application_update_tray (self);
}

/* The next MORNING_HOUR o'clock that is at least a few hours away: paused at
 * 23:00 or at 2:00, "tomorrow morning" is the coming 8:00. */
static gboolean
tray_check_cb (gpointer user_data)
{
  VigieApplication *self = user_data;

  self->tray_check_id = 0;

  /* No panel took the icon (or none yet): the window is the way in.
   * (libayatana's XEmbed fallback, if a panel shows it, cannot be told
   * apart: then the window opens too, which loses nothing.) */
  if (self->window == NULL && self->tray != NULL && !vigie_tray_is_connected (self->tray))
    {
      g_message ("No tray host after %u s: opening the window", BACKGROUND_TRAY_GRACE_SECONDS);
      g_application_activate (G_APPLICATION (self));
    }

  return G_SOURCE_REMOVE;
}

static void
present_window (VigieApplication *self)
{
  if (self->window == NULL)
    {
      vigie_application_ensure_window_icon ();
      self->window = GTK_WIDGET (vigie_window_new (GTK_APPLICATION (self), self->monitor));
      g_object_add_weak_pointer (G_OBJECT (self->window), (gpointer *) &self->window);
      vigie_application_update_window (self);
    }

  gtk_window_present (GTK_WINDOW (self->window));
}

/* The tray item has registered, or will not soon: the polls start, and a
 * window asked for meanwhile opens. */
static void
tray_ready (VigieApplication *self)
{
  g_clear_handle_id (&self->tray_wait_id, g_source_remove);
  g_clear_signal_handler (&self->tray_connected_id, self->tray);
  self->tray_ready = TRUE;

  if (vigie_tray_is_connected (self->tray))
    g_debug ("polls start: the tray item has registered");
  else
    g_debug ("polls start: no tray item after %u ms", TRAY_WAIT_MS);
  vigie_monitor_start (self->monitor);
  if (self->window_wanted)
    {
      self->window_wanted = FALSE;
      present_window (self);
    }
}

static gboolean
tray_wait_cb (gpointer user_data)
{
  VigieApplication *self = user_data;

  self->tray_wait_id = 0;
  tray_ready (self);

  return G_SOURCE_REMOVE;
}

static void
tray_connected_cb (VigieTray        *tray,
                   GParamSpec       *pspec,
                   VigieApplication *self)
{
  if (vigie_tray_is_connected (tray))
    tray_ready (self);
}

static void
vigie_application_startup (GApplication *application)
{
  VigieApplication *self = VIGIE_APPLICATION (application);
  g_autoptr(GPtrArray) services = NULL;
  g_autoptr(GSettings) settings = NULL;

  G_APPLICATION_CLASS (vigie_application_parent_class)->startup (application);

  /* Vigie watches in the background: closing the window does not quit. */
  g_application_hold (application);

  vigie_application_add_actions (self);

  self->engine = vigie_alert_engine_new ();
  configure_timing (self);
  if (!self->demo)
    {
      g_autofree char *path = g_build_filename (g_get_user_state_dir (), STATE_DIR_NAME,
                                                "state.json", NULL);

      self->state_file = vigie_state_file_new (path);
    }
  load_state (self);

  self->notifier = vigie_notifier_new ();
  g_signal_connect_object (self->notifier, "mute-requested", G_CALLBACK (mute_requested_cb), self,
                           0);
  g_signal_connect_object (self->notifier, "show-window-requested",
                           G_CALLBACK (show_window_requested_cb), self, 0);

  self->monitor = vigie_monitor_new ();

  /* The demo plays on the defaults, whatever the settings say (quiet
   * hours would hide it). */
  if (!self->demo)
    {
      settings = vigie_settings_new_gsettings ();
      if (settings == NULL)
        g_message ("The settings schema %s is not installed: running on the defaults, and "
                   "nothing set is kept", APP_ID);
    }
  self->settings = vigie_settings_new (settings, self->monitor,
                                       vigie_application_get_policy (self));
  vigie_settings_set_manage_autostart (self->settings, settings != NULL);
  if (self->poll_interval > 0)
    vigie_settings_set_fixed_interval (self->settings, self->poll_interval);

  /* --demo, --feed, --service, --component: this run's services, not the
   * settings' (which stay as they are) */
  if (self->demo)
    services = create_demo_services (self);
  else if (vigie_application_has_fixed_services (self->feeds, self->service_ids)
           || (self->components != NULL && self->components[0] != NULL))
    services = vigie_application_create_services (self->feeds, self->service_ids,
                                                  self->components, settings);
  if (services != NULL)
    vigie_settings_set_fixed_services (self->settings, services);

  g_signal_connect_object (self->settings, "services-changed", G_CALLBACK (services_changed_cb),
                           self, 0);
  g_signal_connect_object (self->settings, "quiet-hours-changed",
                           G_CALLBACK (quiet_hours_changed_cb), self, 0);
  g_signal_connect_object (self->settings, "pause-changed", G_CALLBACK (pause_changed_cb), self,
                           0);
  vigie_settings_apply (self->settings);
  if (!self->demo)
    {
      g_autofree char *feeds = g_build_filename (g_get_user_cache_dir (), STATE_DIR_NAME, "feeds",
                                                 NULL);

      self->feed_cache = vigie_feed_cache_new (feeds);
    }
  attach_services (self);

  g_signal_connect_object (self->monitor, "service-polled", G_CALLBACK (service_polled_cb), self,
                           0);
  g_signal_connect_object (self->monitor, "notify::offline", G_CALLBACK (offline_changed_cb), self,
                           0);

  /* Without the settings, the preferences have nothing to show or keep */
  g_simple_action_set_enabled (G_SIMPLE_ACTION (g_action_map_lookup_action (G_ACTION_MAP (self),
                                                                            "preferences")),
                               settings != NULL);

  self->tray = vigie_tray_new (application);
  arm_pause_timer (self);
  arm_quiet_timer (self);
  vigie_application_update_tray (self);

  if (vigie_tray_is_connected (self->tray))
    tray_ready (self);
  else
    {
      self->tray_wait_id = g_timeout_add (TRAY_WAIT_MS, tray_wait_cb, self);
      self->tray_connected_id = g_signal_connect (self->tray, "notify::connected",
                                                  G_CALLBACK (tray_connected_cb), self);
    }
}

static void
vigie_application_shutdown (GApplication *application)
{
  VigieApplication *self = VIGIE_APPLICATION (application);

  /* the last word, written before exit */
  if (self->state_file != NULL && self->engine != NULL)
    {
      g_autoptr(GBytes) state = vigie_alert_engine_save (self->engine);
      g_autoptr(GError) error = NULL;

      if (!vigie_state_file_save_sync (self->state_file, state, &error))
        g_warning ("Could not save the state: %s", error->message);
    }

  if (self->preferences != NULL)
    gtk_widget_destroy (self->preferences);
  if (self->window != NULL)
    gtk_widget_destroy (self->window);
  if (self->tray != NULL)
    g_clear_signal_handler (&self->tray_connected_id, self->tray);
  g_clear_object (&self->tray);
  g_clear_object (&self->demo_server);
  g_clear_handle_id (&self->pause_timeout_id, g_source_remove);
  g_clear_handle_id (&self->mute_timeout_id, g_source_remove);
  g_clear_handle_id (&self->quiet_timeout_id, g_source_remove);
  g_clear_handle_id (&self->tray_check_id, g_source_remove);
  g_clear_handle_id (&self->engine_timeout_id, g_source_remove);
  g_clear_handle_id (&self->save_timeout_id, g_source_remove);
  g_clear_handle_id (&self->tray_wait_id, g_source_remove);
  if (self->settings != NULL)
    g_object_run_dispose (G_OBJECT (self->settings));
  if (self->monitor != NULL)
    g_object_run_dispose (G_OBJECT (self->monitor));

  G_APPLICATION_CLASS (vigie_application_parent_class)->shutdown (application);
}

static void
vigie_application_activate (GApplication *application)
{
  VigieApplication *self = VIGIE_APPLICATION (application);

  /* `vigie --background`, from the session: the tray only, unless no tray
   * shows up.  A later activation (`vigie` again) opens the window. */
  if (self->background)
    {
      self->background = FALSE;
      if (self->window == NULL && self->tray_check_id == 0)
        self->tray_check_id = g_timeout_add_seconds (BACKGROUND_TRAY_GRACE_SECONDS, tray_check_cb,
                                                     self);
      return;
    }

  /* the first window waits (a little) for the tray item to register */
  if (!self->tray_ready)
    {
      self->window_wanted = TRUE;
      return;
    }

  present_window (self);
}

static void
vigie_application_finalize (GObject *object)
{
  VigieApplication *self = (VigieApplication *) object;

  g_clear_pointer (&self->feeds, g_strfreev);
  g_clear_pointer (&self->service_ids, g_strfreev);
  g_clear_pointer (&self->components, g_strfreev);
  g_clear_object (&self->monitor);
  g_clear_object (&self->engine);
  g_clear_object (&self->state_file);
  g_clear_object (&self->feed_cache);
  g_clear_object (&self->settings);
  g_clear_object (&self->notifier);
  g_clear_object (&self->tray);
  g_clear_object (&self->demo_server);

  G_OBJECT_CLASS (vigie_application_parent_class)->finalize (object);
}

static int
vigie_application_handle_local_options (GApplication *application,
                                        GVariantDict *options)
{
  int status = vigie_application_parse_options (VIGIE_APPLICATION (application), options);

  if (status >= 0)
    return status;

  return G_APPLICATION_CLASS (vigie_application_parent_class)->handle_local_options (application,
                                                                                     options);
}

/* Usage errors GApplication would report with exit status 1 */
static gboolean
vigie_application_local_command_line (GApplication   *application,
                                      char         ***arguments,
                                      int            *exit_status)
{
  if (!vigie_application_check_arguments (VIGIE_APPLICATION (application), *arguments))
    {
      *exit_status = VIGIE_EXIT_USAGE;
      return TRUE;
    }

  return G_APPLICATION_CLASS (vigie_application_parent_class)->local_command_line (application,
                                                                                   arguments,
                                                                                   exit_status);
}

static void
vigie_application_class_init (VigieApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->finalize = vigie_application_finalize;
  app_class->local_command_line = vigie_application_local_command_line;
  app_class->handle_local_options = vigie_application_handle_local_options;
  app_class->startup = vigie_application_startup;
  app_class->shutdown = vigie_application_shutdown;
  app_class->activate = vigie_application_activate;
}

static void
vigie_application_init (VigieApplication *self)
{
  vigie_application_add_options (self);
}

VigieApplication *
vigie_application_new (void)
{
  return g_object_new (VIGIE_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_DEFAULT_FLAGS,
                       NULL);
}
