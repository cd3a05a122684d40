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
#include "vigie-policy.h"
#include "vigie-preferences.h"
#include "vigie-settings.h"
#include "vigie-text.h"
#include "vigie-tracker.h"
#include "vigie-tray.h"
#include "vigie-window.h"

/* Started in the background with no tray host after this long, the window
 * opens: Vigie is never out of reach. */
#define BACKGROUND_TRAY_GRACE_SECONDS 5

/* The quiet-hours timer looks again at least this often (the clock may
 * jump: suspend, time zones) */
#define QUIET_RECHECK_SECONDS (60 * 60)

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
  g_ptr_array_add (services, vigie_service_new ("slack", vigie_demo_get_service_name (self->demo_server),
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

  if (self->settings == NULL || !vigie_policy_is_paused (self->policy, now))
    return NULL;

  paused_until = vigie_settings_dup_paused_until (self->settings);
  if (paused_until == NULL)
    return NULL;

  return vigie_format_paused_until (paused_until, now);
}

/* For each muted service, its line in the tray's "Mute a Service" */
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

      switch (vigie_policy_get_mute (self->policy, vigie_service_get_id (service), now, &until))
        {
        case VIGIE_MUTE_UNTIL:
          label = vigie_format_muted_until (name, until, now);
          break;
        case VIGIE_MUTE_UNTIL_RESOLVED:
          /* Translators: tray menu line under "Mute a Service"; %s is a
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

      if (vigie_policy_get_mute (self->policy,
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

static void
save_state (VigieApplication *self)
{
  g_autoptr(GBytes) state = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  gsize size;
  const char *data;

  /* the demo replays history: nothing of it is kept */
  if (self->state_path == NULL || self->tracker == NULL || !vigie_tracker_is_dirty (self->tracker))
    return;

  state = vigie_tracker_save (self->tracker);
  data = g_bytes_get_data (state, &size);
  dir = g_path_get_dirname (self->state_path);

  /* Written to a temporary file, synced, then renamed over the old one:
   * a crash at any moment leaves either the old state or the new one. */
  if (g_mkdir_with_parents (dir, 0700) != 0
      || !g_file_set_contents_full (self->state_path, data, size,
                                    G_FILE_SET_CONTENTS_CONSISTENT
                                      | G_FILE_SET_CONTENTS_DURABLE,
                                    0600, &error))
    g_warning ("Could not save %s: %s", self->state_path,
               error != NULL ? error->message : g_strerror (errno));
}

/* g_file_set_contents_full() writes "state.json.XXXXXX" first: a kill at
 * that moment leaves one behind, which nothing will ever read. */
static void
remove_leftovers (const char *state_path)
{
  g_autofree char *dir_path = g_path_get_dirname (state_path);
  g_autofree char *base = g_path_get_basename (state_path);
  g_autofree char *prefix = g_strconcat (base, ".", NULL);
  g_autoptr(GDir) dir = g_dir_open (dir_path, 0, NULL);
  const char *name;

  if (dir == NULL)
    return;

  /* the temporary name is the file's, a dot and six characters */
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      if (g_str_has_prefix (name, prefix) && strlen (name) == strlen (prefix) + 6)
        {
          g_autofree char *path = g_build_filename (dir_path, name, NULL);

          g_debug ("removing %s, left by an interrupted save", path);
          g_remove (path);
        }
    }
}

static void
load_state (VigieApplication *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize length;

  if (self->state_path == NULL)
    return;

  remove_leftovers (self->state_path);

  if (!g_file_get_contents (self->state_path, &contents, &length, &error))
    {
      if (!g_error_matches (error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        g_warning ("Could not read %s: %s", self->state_path, error->message);
      return;
    }

  {
    g_autoptr(GBytes) bytes = g_bytes_new_take (g_steal_pointer (&contents), length);

    if (!vigie_tracker_load (self->tracker, bytes, &error))
      g_warning ("Ignoring damaged %s: %s", self->state_path, error->message);
  }
}

/* Quiet hours are over (or off): what they held comes out as one digest */
static void
show_digest (VigieApplication *self,
             GDateTime        *now)
{
  g_autoptr(VigieDigest) digest = vigie_policy_take_digest (self->policy, now);

  if (digest != NULL)
    vigie_notifier_show_digest (self->notifier, digest, now);
}

static gboolean quiet_change_cb (gpointer user_data);

/* Wakes up when quiet hours begin or end (at the latest in an hour) */
static void
arm_quiet_timer (VigieApplication *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) next = vigie_policy_get_next_quiet_change (self->policy, now);
  guint seconds = QUIET_RECHECK_SECONDS;

  g_clear_handle_id (&self->quiet_timeout_id, g_source_remove);

  /* nothing will ever change, and nothing waits */
  if (next == NULL && !vigie_policy_has_held (self->policy))
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
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  self->quiet_timeout_id = 0;
  show_digest (self, now);
  arm_quiet_timer (self);
  vigie_application_update_window (self);

  return G_SOURCE_REMOVE;
}

static void
quiet_hours_changed_cb (VigieSettings    *settings,
                        VigieApplication *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  /* quiet hours turned off, or moved away from now: the digest is due */
  show_digest (self, now);
  arm_quiet_timer (self);
  vigie_application_update_window (self);
}

static void
service_polled_cb (VigieMonitor     *monitor,
                   VigieService     *service,
                   VigieApplication *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GPtrArray) shown = g_ptr_array_new ();

  /* what quiet hours held first, so that news comes after it */
  show_digest (self, now);

  events = vigie_tracker_observe (self->tracker, vigie_service_get_id (service),
                                  vigie_service_get_display_name (service),
                                  vigie_service_get_status_page (service),
                                  vigie_service_get_severity (service),
                                  vigie_service_get_snapshot (service), now);

  for (guint i = 0; i < events->len; i++)
    {
      const VigieEvent *event = g_ptr_array_index (events, i);
      VigieRoute route = vigie_policy_route (self->policy, event, now);

      if (route == VIGIE_ROUTE_SHOW)
        g_ptr_array_add (shown, (gpointer) event);
      else
        g_debug ("%s: %s", event->service_id, route == VIGIE_ROUTE_HOLD ? "held for the digest"
                                                                         : "not shown");
    }

  /* saved first: a kill between the two repeats nothing after a restart */
  save_state (self);

  for (guint i = 0; i < shown->len; i++)
    vigie_notifier_show (self->notifier, g_ptr_array_index (shown, i), now);

  if (vigie_policy_has_held (self->policy) && self->quiet_timeout_id == 0)
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
services_changed_cb (VigieSettings    *settings,
                     GStrv             removed,
                     VigieApplication *self)
{
  for (guint i = 0; removed != NULL && removed[i] != NULL; i++)
    {
      vigie_tracker_forget (self->tracker, removed[i]);
      vigie_policy_forget_service (self->policy, removed[i]);
      vigie_notifier_forget_service (self->notifier, removed[i]);
    }

  save_state (self);
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
vigie_application_startup (GApplication *application)
{
  VigieApplication *self = VIGIE_APPLICATION (application);
  g_autoptr(GPtrArray) services = NULL;
  g_autoptr(GSettings) settings = NULL;

  G_APPLICATION_CLASS (vigie_application_parent_class)->startup (application);

  /* Vigie watches in the background: closing the window does not quit. */
  g_application_hold (application);

  vigie_application_add_actions (self);

  if (!self->demo)
    self->state_path = g_build_filename (g_get_user_state_dir (), "vigie", "state.json", NULL);
  self->tracker = vigie_tracker_new ();
  load_state (self);

  self->notifier = vigie_notifier_new ();
  g_signal_connect_object (self->notifier, "mute-requested", G_CALLBACK (mute_requested_cb), self,
                           0);

  self->monitor = vigie_monitor_new ();
  self->policy = vigie_policy_new ();

  /* The demo plays on the defaults, whatever the settings say (quiet
   * hours would hide it). */
  if (!self->demo)
    {
      settings = vigie_settings_new_gsettings ();
      if (settings == NULL)
        g_message ("The settings schema %s is not installed: running on the defaults, and "
                   "nothing set is kept", APP_ID);
    }
  self->settings = vigie_settings_new (settings, self->monitor, self->policy);
  vigie_settings_set_manage_autostart (self->settings, settings != NULL);
  if (self->poll_interval > 0)
    vigie_settings_set_fixed_interval (self->settings, self->poll_interval);

  /* --demo, --feed, --service, --component: this run's services, not the
   * settings' (which stay as they are) */
  if (self->demo)
    services = create_demo_services (self);
  else if (vigie_application_has_fixed_services (self->feeds, self->service_ids)
           || (self->components != NULL && self->components[0] != NULL))
    services = vigie_application_create_services (self->feeds, self->service_ids, self->components, settings);
  if (services != NULL)
    vigie_settings_set_fixed_services (self->settings, services);

  g_signal_connect_object (self->settings, "services-changed", G_CALLBACK (services_changed_cb),
                           self, 0);
  g_signal_connect_object (self->settings, "quiet-hours-changed",
                           G_CALLBACK (quiet_hours_changed_cb), self, 0);
  g_signal_connect_object (self->settings, "pause-changed", G_CALLBACK (pause_changed_cb), self,
                           0);
  vigie_settings_apply (self->settings);

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

  vigie_monitor_start (self->monitor);
}

static void
vigie_application_shutdown (GApplication *application)
{
  VigieApplication *self = VIGIE_APPLICATION (application);

  save_state (self);

  if (self->preferences != NULL)
    gtk_widget_destroy (self->preferences);
  if (self->window != NULL)
    gtk_widget_destroy (self->window);
  g_clear_object (&self->tray);
  g_clear_object (&self->demo_server);
  g_clear_handle_id (&self->pause_timeout_id, g_source_remove);
  g_clear_handle_id (&self->mute_timeout_id, g_source_remove);
  g_clear_handle_id (&self->quiet_timeout_id, g_source_remove);
  g_clear_handle_id (&self->tray_check_id, g_source_remove);
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

  if (self->window == NULL)
    {
      self->window = GTK_WIDGET (vigie_window_new (GTK_APPLICATION (self), self->monitor));
      g_object_add_weak_pointer (G_OBJECT (self->window), (gpointer *) &self->window);
      vigie_application_update_window (self);
    }

  gtk_window_present (GTK_WINDOW (self->window));
}

static void
vigie_application_finalize (GObject *object)
{
  VigieApplication *self = (VigieApplication *) object;

  g_clear_pointer (&self->feeds, g_strfreev);
  g_clear_pointer (&self->service_ids, g_strfreev);
  g_clear_pointer (&self->components, g_strfreev);
  g_clear_object (&self->monitor);
  g_clear_object (&self->tracker);
  g_clear_object (&self->policy);
  g_clear_object (&self->settings);
  g_clear_object (&self->notifier);
  g_clear_object (&self->tray);
  g_clear_object (&self->demo_server);
  g_clear_pointer (&self->state_path, g_free);

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
