/* vigie-application.c: the GtkApplication, its command line and lifetime
 *
 * Data flows one way: the monitor polls the services; after each poll the
 * tracker turns the new state into events, the notifier shows them (unless
 * notifications are paused or the service is muted), the tracker's state is
 * saved, and the tray is refreshed.  The window follows the monitor itself.
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vigie-application"

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <string.h>

#include "vigie-application.h"
#include "vigie-catalog.h"
#include "vigie-check.h"
#include "vigie-demo.h"
#include "vigie-format.h"
#include "vigie-monitor.h"
#include "vigie-notifier.h"
#include "vigie-text.h"
#include "vigie-tracker.h"
#include "vigie-tray.h"
#include "vigie-window.h"

#define MUTE_SECONDS (60 * 60)
#define MORNING_HOUR 8

struct _VigieApplication
{
  GtkApplication parent_instance;

  /* from the command line */
  GStrv feeds;
  GStrv service_ids;
  GStrv components;   /* SERVICE:COMPONENT */
  guint poll_interval;
  gboolean demo;
  double demo_speed;

  VigieDemo *demo_server;

  VigieMonitor *monitor;
  VigieTracker *tracker;
  VigieNotifier *notifier;
  VigieTray *tray;
  GtkWidget *window;
  char *state_path;

  GDateTime *paused_until;
  GHashTable *muted_until;   /* service id -> GDateTime */
  guint pause_timeout_id;
};

G_DEFINE_FINAL_TYPE (VigieApplication, vigie_application, GTK_TYPE_APPLICATION)

/* Whether @id names a service create_services() builds for these options */
static gboolean
is_watched (const char *id,
            GStrv       feeds,
            GStrv       service_ids)
{
  guint64 n;

  if ((feeds == NULL || feeds[0] == NULL) && (service_ids == NULL || service_ids[0] == NULL))
    {
      const VigieCatalogEntry *entry = vigie_catalog_lookup (vigie_catalog_get_default (), id);

      return entry != NULL && entry->is_default;
    }

  if (service_ids != NULL && g_strv_contains ((const char * const *) service_ids, id))
    return TRUE;

  return feeds != NULL && feeds[0] != NULL && g_str_has_prefix (id, "feed-")
         && g_ascii_string_to_unsigned (id + 5, 10, 1, g_strv_length (feeds), &n, NULL);
}

/* The --component choices for the service @id, or NULL */
static GStrv
dup_components_of (GStrv       components,
                   const char *id)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) names = NULL;
  gsize id_length = strlen (id);

  for (guint i = 0; components != NULL && components[i] != NULL; i++)
    if (g_str_has_prefix (components[i], id) && components[i][id_length] == ':')
      g_strv_builder_add (builder, components[i] + id_length + 1);

  names = g_strv_builder_end (builder);
  return names[0] != NULL ? g_steal_pointer (&names) : NULL;
}

/* Builds the services to watch: the catalog entries of --service and the
 * --feed URLs when either is given, else the catalog's defaults; each
 * narrowed to its --component choices. */
static GPtrArray *
create_services (GStrv feeds,
                 GStrv service_ids,
                 GStrv components)
{
  g_autoptr(GPtrArray) services = g_ptr_array_new_with_free_func (g_object_unref);
  VigieCatalog *catalog = vigie_catalog_get_default ();
  g_auto(GStrv) default_ids = NULL;

  for (guint i = 0; service_ids != NULL && service_ids[i] != NULL; i++)
    {
      const VigieCatalogEntry *entry = vigie_catalog_lookup (catalog, service_ids[i]);
      gboolean repeated = FALSE;

      /* the same service twice is watched once */
      for (guint j = 0; j < i && !repeated; j++)
        repeated = g_str_equal (service_ids[i], service_ids[j]);

      if (entry != NULL && !repeated)
        g_ptr_array_add (services, vigie_catalog_entry_create_service (entry));
    }

  for (guint i = 0; feeds != NULL && feeds[i] != NULL; i++)
    {
      g_autofree char *id = g_strdup_printf ("feed-%u", i + 1);

      g_ptr_array_add (services, vigie_service_new (id, NULL, NULL, feeds[i], NULL));
    }

  if (services->len == 0)
    {
      default_ids = vigie_catalog_dup_default_ids (catalog);
      for (guint i = 0; default_ids[i] != NULL; i++)
        g_ptr_array_add (services,
                         vigie_catalog_entry_create_service (vigie_catalog_lookup (catalog,
                                                                                   default_ids[i])));
    }

  for (guint i = 0; i < services->len; i++)
    {
      VigieService *service = g_ptr_array_index (services, i);
      g_auto(GStrv) names = dup_components_of (components, vigie_service_get_id (service));

      if (names != NULL)
        vigie_service_set_components (service, (const char * const *) names);
    }

  return g_steal_pointer (&services);
}

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

static gboolean
is_muted (VigieApplication *self,
          const char       *service_id,
          GDateTime        *now)
{
  GDateTime *until;

  if (self->paused_until != NULL && g_date_time_compare (now, self->paused_until) < 0)
    return TRUE;

  until = g_hash_table_lookup (self->muted_until, service_id);
  return until != NULL && g_date_time_compare (now, until) < 0;
}

static char *
dup_pause_note (VigieApplication *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *until = NULL;

  if (self->paused_until == NULL || g_date_time_compare (now, self->paused_until) >= 0)
    return NULL;

  until = vigie_format_time (self->paused_until, now);
  /* Translators: tray menu note; %s is a time such as "9:00" */
  return g_strdup_printf (_("Notifications paused until %s"), until);
}

static void
update_tray (VigieApplication *self)
{
  g_autofree char *pause_note = NULL;

  if (self->tray == NULL)
    return;

  pause_note = dup_pause_note (self);
  vigie_tray_update (self->tray, self->monitor, pause_note);
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

static void
load_state (VigieApplication *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize length;

  if (self->state_path == NULL)
    return;

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

static void
service_polled_cb (VigieMonitor     *monitor,
                   VigieService     *service,
                   VigieApplication *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GPtrArray) events = NULL;

  events = vigie_tracker_observe (self->tracker, vigie_service_get_id (service),
                                  vigie_service_get_display_name (service),
                                  vigie_service_get_status_page (service),
                                  vigie_service_get_severity (service),
                                  vigie_service_get_snapshot (service), now);

  for (guint i = 0; i < events->len; i++)
    {
      const VigieEvent *event = g_ptr_array_index (events, i);

      if (is_muted (self, event->service_id, now))
        {
          g_debug ("%s: not shown, notifications paused or muted", event->service_id);
          continue;
        }

      vigie_notifier_show (self->notifier, event, now);
    }

  save_state (self);
  update_tray (self);

  /* the first poll saw the calm before the outage: now play it */
  if (self->demo_server != NULL)
    vigie_demo_start (self->demo_server);
}

static void
offline_changed_cb (VigieMonitor     *monitor,
                    GParamSpec       *pspec,
                    VigieApplication *self)
{
  update_tray (self);
}

static void
mute_requested_cb (VigieNotifier    *notifier,
                   const char       *service_id,
                   VigieApplication *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  g_hash_table_insert (self->muted_until, g_strdup (service_id),
                       g_date_time_add_seconds (now, MUTE_SECONDS));
}

static void
launch_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!g_app_info_launch_default_for_uri_finish (result, &error))
    g_warning ("Could not open the page: %s", error->message);
}

static void
open_uri (const char *uri)
{
  /* only https:, or http: on this machine, is ever opened */
  if (uri != NULL && vigie_link_is_fetchable (uri))
    g_app_info_launch_default_for_uri_async (uri, NULL, NULL, launch_cb, NULL);
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
  VigieService *service = vigie_monitor_lookup (self->monitor, g_variant_get_string (parameter, NULL));
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

  open_uri (uri != NULL ? uri : vigie_service_get_status_page (service));
}

static void
refresh_activated (GSimpleAction *action,
                   GVariant      *parameter,
                   gpointer       user_data)
{
  VigieApplication *self = user_data;

  vigie_monitor_refresh_now (self->monitor);
}

static gboolean
pause_ended_cb (gpointer user_data)
{
  VigieApplication *self = user_data;

  self->pause_timeout_id = 0;
  g_clear_pointer (&self->paused_until, g_date_time_unref);
  update_tray (self);

  return G_SOURCE_REMOVE;
}

/* The next MORNING_HOUR o'clock that is at least a few hours away: paused at
 * 23:00 or at 2:00, "tomorrow morning" is the coming 8:00. */
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

  g_clear_handle_id (&self->pause_timeout_id, g_source_remove);
  g_clear_pointer (&self->paused_until, g_date_time_unref);

  if (g_str_equal (how, "hour"))
    self->paused_until = g_date_time_add_hours (now, 1);
  else if (g_str_equal (how, "morning"))
    self->paused_until = next_morning (now);

  if (self->paused_until != NULL)
    {
      GTimeSpan span = g_date_time_difference (self->paused_until, now);

      self->pause_timeout_id = g_timeout_add_seconds ((guint) (span / G_TIME_SPAN_SECOND) + 1,
                                                      pause_ended_cb, self);
    }

  update_tray (self);
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
  { .name = "quit", .activate = quit_activated },
};

static int
vigie_application_handle_local_options (GApplication *application,
                                        GVariantDict *options)
{
  VigieApplication *self = VIGIE_APPLICATION (application);
  gboolean check = FALSE;
  gboolean json = FALSE;
  gboolean list_services = FALSE;
  int interval = 0;

  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("%s %s\n", "vigie", PACKAGE_VERSION);
      return 0;
    }

  if (g_variant_dict_lookup (options, "list-services", "b", &list_services) && list_services)
    return vigie_check_list_services ();

  g_variant_dict_lookup (options, "check", "b", &check);
  g_variant_dict_lookup (options, "json", "b", &json);
  g_variant_dict_lookup (options, "feed", "^as", &self->feeds);

  g_variant_dict_lookup (options, "service", "^as", &self->service_ids);
  for (guint i = 0; self->service_ids != NULL && self->service_ids[i] != NULL; i++)
    {
      if (vigie_catalog_lookup (vigie_catalog_get_default (), self->service_ids[i]) == NULL)
        {
          /* Translators: %s is what was given to --service */
          g_printerr (_("Unknown service “%s” (vigie --list-services lists them)"),
                      self->service_ids[i]);
          g_printerr ("\n");
          return 2;
        }
    }

  g_variant_dict_lookup (options, "component", "^as", &self->components);
  for (guint i = 0; self->components != NULL && self->components[i] != NULL; i++)
    {
      const char *choice = self->components[i];
      const char *colon = strchr (choice, ':');
      g_autofree char *id = colon != NULL ? g_strndup (choice, colon - choice) : NULL;

      if (id == NULL || colon[1] == '\0' || !is_watched (id, self->feeds, self->service_ids))
        {
          /* Translators: %s is what was given to --component; keep
           * SERVICE:COMPONENT as in the --component option's help */
          g_printerr (_("--component takes SERVICE:COMPONENT, for a service being watched "
                        "(not “%s”)"),
                      choice);
          g_printerr ("\n");
          return 2;
        }
    }

  if (g_variant_dict_lookup (options, "poll-interval", "i", &interval))
    {
      if (interval < 1)
        {
          g_printerr ("%s\n", _("--poll-interval takes a number of seconds, 1 or more"));
          return 2;
        }
      self->poll_interval = (guint) interval;
    }

  if (g_variant_dict_lookup (options, "demo-speed", "d", &self->demo_speed)
      && !(self->demo_speed >= 0.01 && self->demo_speed <= 10000))
    {
      g_printerr ("%s\n", _("--demo-speed takes a factor between 0.01 and 10000"));
      return 2;
    }
  g_variant_dict_lookup (options, "demo", "b", &self->demo);

  if (json && !check)
    {
      g_printerr ("%s\n", _("--json goes with --check"));
      return 2;
    }

  if (check)
    {
      g_autoptr(GPtrArray) services = create_services (self->feeds, self->service_ids,
                                                       self->components);

      return vigie_check_run (services, json);
    }

  return G_APPLICATION_CLASS (vigie_application_parent_class)->handle_local_options (application,
                                                                                     options);
}

static void
vigie_application_startup (GApplication *application)
{
  VigieApplication *self = VIGIE_APPLICATION (application);
  g_autoptr(GPtrArray) services = NULL;

  G_APPLICATION_CLASS (vigie_application_parent_class)->startup (application);

  /* Vigie watches in the background: closing the window does not quit. */
  g_application_hold (application);

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions, G_N_ELEMENTS (app_actions),
                                   self);
  {
    const char *quit_accels[] = { "<Control>q", NULL };
    const char *refresh_accels[] = { "<Control>r", "F5", NULL };

    gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.quit", quit_accels);
    gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.refresh", refresh_accels);
  }

  if (!self->demo)
    self->state_path = g_build_filename (g_get_user_state_dir (), "vigie", "state.json", NULL);
  self->tracker = vigie_tracker_new ();
  load_state (self);

  self->notifier = vigie_notifier_new ();
  g_signal_connect_object (self->notifier, "mute-requested", G_CALLBACK (mute_requested_cb), self,
                           0);

  self->monitor = vigie_monitor_new ();
  if (self->poll_interval > 0)
    vigie_monitor_set_interval (self->monitor, self->poll_interval);
  if (self->demo)
    services = create_demo_services (self);
  else
    services = create_services (self->feeds, self->service_ids, self->components);
  vigie_monitor_set_services (self->monitor, services);
  g_signal_connect_object (self->monitor, "service-polled", G_CALLBACK (service_polled_cb), self,
                           0);
  g_signal_connect_object (self->monitor, "notify::offline", G_CALLBACK (offline_changed_cb), self,
                           0);

  self->tray = vigie_tray_new (application);
  update_tray (self);

  vigie_monitor_start (self->monitor);
}

static void
vigie_application_shutdown (GApplication *application)
{
  VigieApplication *self = VIGIE_APPLICATION (application);

  save_state (self);

  if (self->window != NULL)
    gtk_widget_destroy (self->window);
  g_clear_object (&self->tray);
  g_clear_object (&self->demo_server);
  g_clear_handle_id (&self->pause_timeout_id, g_source_remove);
  if (self->monitor != NULL)
    g_object_run_dispose (G_OBJECT (self->monitor));

  G_APPLICATION_CLASS (vigie_application_parent_class)->shutdown (application);
}

static void
vigie_application_activate (GApplication *application)
{
  VigieApplication *self = VIGIE_APPLICATION (application);

  if (self->window == NULL)
    {
      self->window = GTK_WIDGET (vigie_window_new (GTK_APPLICATION (self), self->monitor));
      g_object_add_weak_pointer (G_OBJECT (self->window), (gpointer *) &self->window);
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
  g_clear_object (&self->notifier);
  g_clear_object (&self->tray);
  g_clear_object (&self->demo_server);
  g_clear_pointer (&self->state_path, g_free);
  g_clear_pointer (&self->paused_until, g_date_time_unref);
  g_clear_pointer (&self->muted_until, g_hash_table_unref);

  G_OBJECT_CLASS (vigie_application_parent_class)->finalize (object);
}

static void
vigie_application_class_init (VigieApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->finalize = vigie_application_finalize;
  app_class->handle_local_options = vigie_application_handle_local_options;
  app_class->startup = vigie_application_startup;
  app_class->shutdown = vigie_application_shutdown;
  app_class->activate = vigie_application_activate;
}

static void
vigie_application_init (VigieApplication *self)
{
  const GOptionEntry entries[] = {
    { "check", 0, 0, G_OPTION_ARG_NONE, NULL,
      N_("Check every service once, print the result and exit"), NULL },
    { "json", 0, 0, G_OPTION_ARG_NONE, NULL,
      N_("With --check, print JSON instead of a table"), NULL },
    { "feed", 0, 0, G_OPTION_ARG_STRING_ARRAY, NULL,
      N_("Watch this feed instead of the configured services (repeatable)"), N_("URL") },
    { "service", 0, 0, G_OPTION_ARG_STRING_ARRAY, NULL,
      N_("Watch this service of the catalog instead of the configured ones (repeatable)"),
      N_("SERVICE") },
    { "component", 0, 0, G_OPTION_ARG_STRING_ARRAY, NULL,
      N_("Watch only this component of a service (repeatable)"), N_("SERVICE:COMPONENT") },
    { "list-services", 0, 0, G_OPTION_ARG_NONE, NULL,
      N_("List the services of the catalog and exit"), NULL },
    { "poll-interval", 0, 0, G_OPTION_ARG_INT, NULL,
      N_("Seconds between two checks of a service"), N_("SECONDS") },
    { "demo", 0, 0, G_OPTION_ARG_NONE, NULL,
      N_("Replay Slack’s outage of 4 January 2021, served from this computer"), NULL },
    { "demo-speed", 0, 0, G_OPTION_ARG_DOUBLE, NULL,
      N_("Play the demo this many times faster than its two minutes"), N_("FACTOR") },
    { "version", 0, 0, G_OPTION_ARG_NONE, NULL, N_("Print the version and exit"), NULL },
    { NULL }
  };

  self->muted_until = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                             (GDestroyNotify) g_date_time_unref);

  g_application_add_main_option_entries (G_APPLICATION (self), entries);
  g_application_set_option_context_summary (G_APPLICATION (self),
                                            _("Watch the status of the online tools you work "
                                              "with, and be told when they break."));
}

VigieApplication *
vigie_application_new (void)
{
  return g_object_new (VIGIE_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_DEFAULT_FLAGS,
                       NULL);
}
