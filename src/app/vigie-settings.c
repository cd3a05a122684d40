/* vigie-settings.c: the GSettings keys, applied live to the monitor and the policy
 *
 * The one place that reads Vigie's settings (io.github.vigie.Vigie) and
 * applies them, at start and whenever they change:
 *
 *  - selected-services, custom-feeds and component-filters make the
 *    monitor's services.  A service whose configuration did not change
 *    keeps its object, and so its state and its schedule; one that is new
 *    is polled at once; one narrowed to other components is re-read at
 *    once, without a fetch; one that is gone is reported in
 *    VigieSettings::services-changed, for the application to forget.
 *    The command line (--feed, --service, --demo) may fix the services for
 *    a run instead (vigie_settings_set_fixed_services()): the settings are
 *    then neither used nor written for them.
 *  - poll-interval becomes the monitor's interval (unless --poll-interval
 *    fixed it), from each service's next poll on.
 *  - The notification keys are fed to the VigiePolicy's setters: alert
 *    levels, recovery and maintenance notices, quiet hours (then
 *    VigieSettings::quiet-hours-changed, to re-arm the quiet-hours timer),
 *    paused-until (then VigieSettings::pause-changed).
 *  - start-at-login asks vigie-autostart.c, when the application said so.
 *
 * Without the schema (an uninstalled build run without
 * GSETTINGS_SCHEMA_DIR) Vigie runs on the schema's defaults: the
 * catalog's default services, and a pause kept in memory.
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vigie-settings"

#include "config.h"

#include "vigie-autostart.h"
#include "vigie-catalog.h"
#include "vigie-settings.h"

/* Every key this code reads: an older schema without one of them is as
 * good as none */
static const char * const keys[] = {
  "selected-services", "custom-feeds", "component-filters", "default-alert-level",
  "alert-levels", "recovery-notices", "maintenance-notices", "poll-interval",
  "quiet-hours-enabled", "quiet-hours-days", "quiet-hours-start", "quiet-hours-end",
  "quiet-hours-allow-critical", "paused-until", "start-at-login",
};

/* Hex digits of the address's hash in a custom feed's id */
#define CUSTOM_ID_DIGITS 12

struct _VigieSettings
{
  GObject parent_instance;

  GSettings *settings;        /* NULL: no schema, the defaults */
  VigieMonitor *monitor;
  VigiePolicy *policy;

  GPtrArray *fixed_services;  /* from the command line, or NULL */
  guint fixed_interval;       /* from the command line, or 0 */
  gboolean manage_autostart;
  gboolean applied;

  GDateTime *paused_until;    /* only without GSettings */

  GCancellable *cancellable;  /* autostart requests */
  gboolean autostart_pending;
  gboolean autostart_again;   /* the key changed during a request */
};

G_DEFINE_FINAL_TYPE (VigieSettings, vigie_settings, G_TYPE_OBJECT)

enum {
  SERVICES_CHANGED,
  QUIET_HOURS_CHANGED,
  PAUSE_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
vigie_settings_dispose (GObject *object)
{
  VigieSettings *self = (VigieSettings *) object;

  g_cancellable_cancel (self->cancellable);
  if (self->settings != NULL)
    g_signal_handlers_disconnect_by_data (self->settings, self);
  g_clear_object (&self->settings);
  g_clear_object (&self->monitor);
  g_clear_object (&self->policy);
  g_clear_pointer (&self->fixed_services, g_ptr_array_unref);

  G_OBJECT_CLASS (vigie_settings_parent_class)->dispose (object);
}

static void
vigie_settings_finalize (GObject *object)
{
  VigieSettings *self = (VigieSettings *) object;

  g_clear_pointer (&self->paused_until, g_date_time_unref);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (vigie_settings_parent_class)->finalize (object);
}

static void
vigie_settings_class_init (VigieSettingsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = vigie_settings_dispose;
  object_class->finalize = vigie_settings_finalize;

  /**
   * VigieSettings::services-changed:
   * @removed: (array zero-terminated=1): the ids of the services no longer
   *   watched
   *
   * The monitor's services changed; those in @removed are to be forgotten.
   */
  signals[SERVICES_CHANGED] = g_signal_new ("services-changed", G_TYPE_FROM_CLASS (klass),
                                            G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                            G_TYPE_NONE, 1, G_TYPE_STRV);

  /**
   * VigieSettings::quiet-hours-changed:
   *
   * A quiet-hours setting changed: vigie_policy_get_next_quiet_change()
   * has another answer, and what was held may be due now.
   */
  signals[QUIET_HOURS_CHANGED] = g_signal_new ("quiet-hours-changed", G_TYPE_FROM_CLASS (klass),
                                               G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                               G_TYPE_NONE, 0);

  /**
   * VigieSettings::pause-changed:
   *
   * Notifications were paused, or resumed.
   */
  signals[PAUSE_CHANGED] = g_signal_new ("pause-changed", G_TYPE_FROM_CLASS (klass),
                                         G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                         G_TYPE_NONE, 0);
}

static void
vigie_settings_init (VigieSettings *self)
{
  self->cancellable = g_cancellable_new ();
}

/**
 * vigie_settings_new_gsettings:
 *
 * Returns: (transfer full) (nullable): Vigie's settings, or %NULL when its
 *   schema is not installed (or too old to have every key)
 */
GSettings *
vigie_settings_new_gsettings (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APP_ID, TRUE);

  if (schema == NULL)
    {
      g_debug ("the schema %s is not installed", APP_ID);
      return NULL;
    }

  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      if (!g_settings_schema_has_key (schema, keys[i]))
        {
          g_debug ("the installed schema %s has no key %s", APP_ID, keys[i]);
          return NULL;
        }
    }

  return g_settings_new_full (schema, NULL, NULL);
}

/**
 * vigie_settings_new:
 * @settings: (nullable): Vigie's settings (vigie_settings_new_gsettings()),
 *   or %NULL to run on the defaults
 * @monitor: whose services and interval the settings make
 * @policy: which the notification settings are fed to
 *
 * Nothing is applied until vigie_settings_apply().
 */
VigieSettings *
vigie_settings_new (GSettings    *settings,
                    VigieMonitor *monitor,
                    VigiePolicy  *policy)
{
  VigieSettings *self;

  g_return_val_if_fail (settings == NULL || G_IS_SETTINGS (settings), NULL);
  g_return_val_if_fail (VIGIE_IS_MONITOR (monitor), NULL);
  g_return_val_if_fail (VIGIE_IS_POLICY (policy), NULL);

  self = g_object_new (VIGIE_TYPE_SETTINGS, NULL);
  self->settings = settings != NULL ? g_object_ref (settings) : NULL;
  self->monitor = g_object_ref (monitor);
  self->policy = g_object_ref (policy);

  return self;
}

/**
 * vigie_settings_set_fixed_services:
 * @services: (element-type VigieService): the services of this run
 *
 * The command line chose the services: the settings' choice is not used,
 * and not changed, for this run.  Call before vigie_settings_apply().
 */
void
vigie_settings_set_fixed_services (VigieSettings *self,
                                   GPtrArray     *services)
{
  g_return_if_fail (VIGIE_IS_SETTINGS (self));
  g_return_if_fail (services != NULL);
  g_return_if_fail (!self->applied);

  g_clear_pointer (&self->fixed_services, g_ptr_array_unref);
  self->fixed_services = g_ptr_array_ref (services);
}

/**
 * vigie_settings_set_fixed_interval:
 * @seconds: the interval of this run (--poll-interval)
 */
void
vigie_settings_set_fixed_interval (VigieSettings *self,
                                   guint          seconds)
{
  g_return_if_fail (VIGIE_IS_SETTINGS (self));
  g_return_if_fail (seconds >= 1);

  self->fixed_interval = seconds;
  vigie_monitor_set_interval (self->monitor, seconds);
}

/**
 * vigie_settings_set_manage_autostart:
 *
 * Whether start-at-login is carried out (by the application; not by
 * `vigie --check` or a test that only looks).
 */
void
vigie_settings_set_manage_autostart (VigieSettings *self,
                                     gboolean       manage)
{
  g_return_if_fail (VIGIE_IS_SETTINGS (self));
  g_return_if_fail (!self->applied);

  self->manage_autostart = !!manage;
}

GSettings *
vigie_settings_get_gsettings (VigieSettings *self)
{
  g_return_val_if_fail (VIGIE_IS_SETTINGS (self), NULL);

  return self->settings;
}

VigieMonitor *
vigie_settings_get_monitor (VigieSettings *self)
{
  g_return_val_if_fail (VIGIE_IS_SETTINGS (self), NULL);

  return self->monitor;
}

/**
 * vigie_settings_has_fixed_services:
 *
 * Returns: whether the command line chose the services of this run
 */
gboolean
vigie_settings_has_fixed_services (VigieSettings *self)
{
  g_return_val_if_fail (VIGIE_IS_SETTINGS (self), FALSE);

  return self->fixed_services != NULL;
}

/* Building services */

/**
 * vigie_settings_custom_feed_id:
 * @url: a custom feed's address
 *
 * Returns: (transfer full): the service id of the custom feed at @url:
 *   stable across runs and edits of the other feeds
 */
char *
vigie_settings_custom_feed_id (const char *url)
{
  g_autofree char *digest = NULL;

  g_return_val_if_fail (url != NULL, NULL);

  digest = g_compute_checksum_for_string (G_CHECKSUM_SHA256, url, -1);
  digest[CUSTOM_ID_DIGITS] = '\0';

  return g_strconcat (VIGIE_SETTINGS_CUSTOM_PREFIX, digest, NULL);
}

static gboolean
contains_service (GPtrArray  *services,
                  const char *id)
{
  for (guint i = 0; i < services->len; i++)
    if (g_str_equal (vigie_service_get_id (g_ptr_array_index (services, i)), id))
      return TRUE;

  return FALSE;
}

/**
 * vigie_settings_create_services:
 * @settings: (nullable): Vigie's settings, or %NULL for the defaults
 *
 * The catalog services of selected-services (unknown ids ignored), then
 * the custom feeds, each narrowed to its component-filters.
 *
 * Returns: (transfer full) (element-type VigieService): new services
 */
GPtrArray *
vigie_settings_create_services (GSettings *settings)
{
  g_autoptr(GPtrArray) services = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(VigieCatalog) catalog = vigie_catalog_dup_default ();
  g_auto(GStrv) ids = NULL;
  g_autoptr(GVariant) custom = NULL;
  g_autoptr(GVariant) filters = NULL;
  GVariantIter iter;
  const char *name;
  const char *url;

  g_return_val_if_fail (settings == NULL || G_IS_SETTINGS (settings), NULL);

  ids = settings != NULL ? g_settings_get_strv (settings, "selected-services")
                         : vigie_catalog_dup_default_ids (catalog);

  for (guint i = 0; ids[i] != NULL; i++)
    {
      const VigieCatalogEntry *entry = vigie_catalog_lookup (catalog, ids[i]);

      if (entry != NULL && !contains_service (services, entry->id))
        g_ptr_array_add (services, vigie_catalog_entry_create_service (entry));
    }

  if (settings == NULL)
    return g_steal_pointer (&services);

  custom = g_settings_get_value (settings, "custom-feeds");
  g_variant_iter_init (&iter, custom);
  while (g_variant_iter_next (&iter, "(&s&s)", &name, &url))
    {
      g_autofree char *id = NULL;

      if (*url == '\0')
        continue;

      id = vigie_settings_custom_feed_id (url);
      if (!contains_service (services, id))
        g_ptr_array_add (services, vigie_service_new (id, *name != '\0' ? name : NULL, NULL,
                                                      url, NULL));
    }

  filters = g_settings_get_value (settings, "component-filters");
  for (guint i = 0; i < services->len; i++)
    {
      VigieService *service = g_ptr_array_index (services, i);
      g_autofree const char **components = NULL;

      if (g_variant_lookup (filters, vigie_service_get_id (service), "^a&s", &components))
        vigie_service_set_components (service, components);
    }

  return g_steal_pointer (&services);
}

/**
 * vigie_settings_dup_service_ids:
 * @settings: (nullable): Vigie's settings, or %NULL for the defaults
 *
 * Returns: (transfer full): the ids of the services the settings watch
 */
GStrv
vigie_settings_dup_service_ids (GSettings *settings)
{
  g_autoptr(GPtrArray) services = vigie_settings_create_services (settings);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; i < services->len; i++)
    g_strv_builder_add (builder, vigie_service_get_id (g_ptr_array_index (services, i)));

  return g_strv_builder_end (builder);
}

static gboolean
same_strv (const char * const *a,
           const char * const *b)
{
  if (a == NULL || b == NULL)
    return (a == NULL || a[0] == NULL) && (b == NULL || b[0] == NULL);

  return g_strv_equal (a, b);
}

/* The same feed under the same name: the old object, with its state, can
 * stay.  (The same id is the same catalog entry, or the same custom
 * address; only a custom feed's name can differ.) */
static gboolean
same_configuration (VigieService *old,
                    VigieService *wanted)
{
  return g_strcmp0 (vigie_service_get_name (old), vigie_service_get_name (wanted)) == 0
         && g_strcmp0 (vigie_service_get_configured_feed_url (old),
                       vigie_service_get_configured_feed_url (wanted)) == 0;
}

static void
update_services (VigieSettings *self)
{
  GPtrArray *current = vigie_monitor_get_services (self->monitor);
  g_autoptr(GPtrArray) wanted = NULL;
  g_autoptr(GPtrArray) services = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) narrowed = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GStrvBuilder) removed_builder = g_strv_builder_new ();
  g_auto(GStrv) removed = NULL;
  gboolean changed;

  if (self->fixed_services != NULL)
    return;

  wanted = vigie_settings_create_services (self->settings);

  for (guint i = 0; i < wanted->len; i++)
    {
      VigieService *service = g_ptr_array_index (wanted, i);
      VigieService *old = vigie_monitor_lookup (self->monitor, vigie_service_get_id (service));

      if (old != NULL && same_configuration (old, service))
        {
          if (!same_strv (vigie_service_get_components (old),
                          vigie_service_get_components (service)))
            {
              vigie_service_set_components (old, vigie_service_get_components (service));
              g_ptr_array_add (narrowed, g_object_ref (old));
            }
          g_ptr_array_add (services, g_object_ref (old));
        }
      else
        {
          g_ptr_array_add (services, g_object_ref (service));
        }
    }

  changed = services->len != current->len;
  for (guint i = 0; i < services->len && !changed; i++)
    changed = g_ptr_array_index (services, i) != g_ptr_array_index (current, i);

  for (guint i = 0; i < current->len; i++)
    {
      VigieService *service = g_ptr_array_index (current, i);

      if (!contains_service (services, vigie_service_get_id (service)))
        g_strv_builder_add (removed_builder, vigie_service_get_id (service));
    }
  removed = g_strv_builder_end (removed_builder);

  if (changed)
    {
      g_debug ("watching %u services (%u gone)", services->len, g_strv_length (removed));
      vigie_monitor_set_services (self->monitor, services);
    }

  for (guint i = 0; i < narrowed->len; i++)
    vigie_monitor_notify_changed (self->monitor, g_ptr_array_index (narrowed, i));

  if (changed)
    g_signal_emit (self, signals[SERVICES_CHANGED], 0, removed);
}

/* Notification settings */

static VigieAlertLevel
read_level (const char      *name,
            VigieAlertLevel  fallback)
{
  VigieAlertLevel level;

  return vigie_alert_level_from_string (name, &level) ? level : fallback;
}

static void
update_levels (VigieSettings *self)
{
  g_autofree char *default_name = NULL;
  g_autoptr(GVariant) levels = NULL;
  GVariantIter iter;
  const char *id;
  const char *name;

  if (self->settings == NULL)
    return;

  default_name = g_settings_get_string (self->settings, "default-alert-level");
  vigie_policy_set_default_level (self->policy, read_level (default_name,
                                                            VIGIE_ALERT_LEVEL_ALL));

  vigie_policy_clear_service_levels (self->policy);
  levels = g_settings_get_value (self->settings, "alert-levels");
  g_variant_iter_init (&iter, levels);
  while (g_variant_iter_next (&iter, "{&s&s}", &id, &name))
    {
      VigieAlertLevel level;

      /* an unknown value is the default */
      if (vigie_alert_level_from_string (name, &level))
        vigie_policy_set_service_level (self->policy, id, level);
    }
}

static void
update_notices (VigieSettings *self)
{
  g_autofree char *maintenance = NULL;
  VigieMaintenanceNotices notices;

  if (self->settings == NULL)
    return;

  vigie_policy_set_notify_recoveries (self->policy,
                                      g_settings_get_boolean (self->settings, "recovery-notices"));

  maintenance = g_settings_get_string (self->settings, "maintenance-notices");
  if (!vigie_maintenance_notices_from_string (maintenance, &notices))
    notices = VIGIE_MAINTENANCE_NOTICES_IN_PROGRESS;
  vigie_policy_set_maintenance_notices (self->policy, notices);
}

static void
update_quiet_hours (VigieSettings *self)
{
  guint start;
  guint end;

  if (self->settings == NULL)
    return;

  start = g_settings_get_uint (self->settings, "quiet-hours-start");
  end = g_settings_get_uint (self->settings, "quiet-hours-end");

  vigie_policy_set_quiet_hours_enabled (self->policy,
                                        g_settings_get_boolean (self->settings,
                                                                "quiet-hours-enabled"));
  vigie_policy_set_quiet_days (self->policy,
                               g_settings_get_flags (self->settings, "quiet-hours-days"));
  /* the schema's ranges keep them within a day */
  vigie_policy_set_quiet_hours (self->policy, MIN (start, 1439), MIN (end, 1439));
  vigie_policy_set_critical_breaks_through (self->policy,
                                            g_settings_get_boolean (self->settings,
                                                                    "quiet-hours-allow-critical"));
}

static void
update_pause (VigieSettings *self)
{
  g_autoptr(GDateTime) until = vigie_settings_dup_paused_until (self);

  vigie_policy_set_paused_until (self->policy, until);
}

static void
update_interval (VigieSettings *self)
{
  if (self->settings == NULL || self->fixed_interval > 0)
    return;

  vigie_monitor_set_interval (self->monitor,
                              MAX (g_settings_get_uint (self->settings, "poll-interval"), 1));
}

/* Start at login */

static void autostart_sync (VigieSettings *self);

static void
autostart_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(VigieSettings) self = user_data;
  g_autoptr(GError) error = NULL;
  gboolean enabled = FALSE;
  gboolean wanted;

  self->autostart_pending = FALSE;

  if (!vigie_autostart_request_finish (result, &enabled, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Could not change start at login: %s", error->message);
      return;
    }

  if (self->settings == NULL || g_cancellable_is_cancelled (self->cancellable))
    return;

  if (self->autostart_again)
    {
      autostart_sync (self);
      return;
    }

  /* the portal, or the user through it, may say no: the switch follows */
  wanted = g_settings_get_boolean (self->settings, "start-at-login");
  if (enabled != wanted)
    {
      g_debug ("start at login: asked %d, got %d", wanted, enabled);
      g_signal_handlers_block_matched (self->settings, G_SIGNAL_MATCH_DATA, 0, 0, NULL, NULL,
                                       self);
      g_settings_set_boolean (self->settings, "start-at-login", enabled);
      g_signal_handlers_unblock_matched (self->settings, G_SIGNAL_MATCH_DATA, 0, 0, NULL, NULL,
                                         self);
    }
}

static void
autostart_sync (VigieSettings *self)
{
  gboolean wanted;

  if (self->settings == NULL || !self->manage_autostart)
    return;

  /* one request at a time; the last word wins */
  if (self->autostart_pending)
    {
      self->autostart_again = TRUE;
      return;
    }

  wanted = g_settings_get_boolean (self->settings, "start-at-login");
  self->autostart_pending = TRUE;
  self->autostart_again = FALSE;
  vigie_autostart_request_async (wanted, NULL, self->cancellable, autostart_cb,
                                 g_object_ref (self));
}

/* At start: the file matches the setting (cheap, no prompt), and inside
 * Flatpak a "yes" is asked again, which is also what lets the portal know
 * that Vigie runs in the background on purpose. */
static void
autostart_reconcile (VigieSettings *self)
{
  gboolean wanted;

  if (self->settings == NULL || !self->manage_autostart)
    return;

  wanted = g_settings_get_boolean (self->settings, "start-at-login");
  if (vigie_autostart_uses_portal () ? wanted : wanted != vigie_autostart_file_exists ())
    autostart_sync (self);
}

static void
changed_cb (GSettings     *settings,
            const char    *key,
            VigieSettings *self)
{
  g_debug ("%s changed", key);

  if (g_str_equal (key, "selected-services") || g_str_equal (key, "custom-feeds")
      || g_str_equal (key, "component-filters"))
    {
      update_services (self);
    }
  else if (g_str_equal (key, "default-alert-level") || g_str_equal (key, "alert-levels"))
    {
      update_levels (self);
    }
  else if (g_str_equal (key, "recovery-notices") || g_str_equal (key, "maintenance-notices"))
    {
      update_notices (self);
    }
  else if (g_str_has_prefix (key, "quiet-hours-"))
    {
      update_quiet_hours (self);
      g_signal_emit (self, signals[QUIET_HOURS_CHANGED], 0);
    }
  else if (g_str_equal (key, "paused-until"))
    {
      update_pause (self);
      g_signal_emit (self, signals[PAUSE_CHANGED], 0);
    }
  else if (g_str_equal (key, "poll-interval"))
    {
      update_interval (self);
    }
  else if (g_str_equal (key, "start-at-login"))
    {
      autostart_sync (self);
    }
}

/**
 * vigie_settings_apply:
 *
 * Applies every setting, then follows their changes.
 */
void
vigie_settings_apply (VigieSettings *self)
{
  g_return_if_fail (VIGIE_IS_SETTINGS (self));
  g_return_if_fail (!self->applied);

  self->applied = TRUE;

  if (self->fixed_services != NULL)
    vigie_monitor_set_services (self->monitor, self->fixed_services);
  else
    update_services (self);

  update_interval (self);
  update_levels (self);
  update_notices (self);
  update_quiet_hours (self);
  update_pause (self);

  if (self->settings != NULL)
    g_signal_connect_object (self->settings, "changed", G_CALLBACK (changed_cb), self, 0);

  autostart_reconcile (self);
}

/* Writing */

/**
 * vigie_settings_is_selected:
 *
 * Returns: whether the catalog service @service_id is in selected-services
 */
gboolean
vigie_settings_is_selected (VigieSettings *self,
                            const char    *service_id)
{
  g_auto(GStrv) ids = NULL;

  g_return_val_if_fail (VIGIE_IS_SETTINGS (self), FALSE);
  g_return_val_if_fail (service_id != NULL, FALSE);

  if (self->settings == NULL)
    return FALSE;

  ids = g_settings_get_strv (self->settings, "selected-services");
  return g_strv_contains ((const char * const *) ids, service_id);
}

/**
 * vigie_settings_set_selected:
 *
 * Adds the catalog service @service_id to selected-services (at the end),
 * or takes it out.
 */
void
vigie_settings_set_selected (VigieSettings *self,
                             const char    *service_id,
                             gboolean       selected)
{
  g_auto(GStrv) ids = NULL;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) new_ids = NULL;
  gboolean found = FALSE;

  g_return_if_fail (VIGIE_IS_SETTINGS (self));
  g_return_if_fail (service_id != NULL);

  if (self->settings == NULL)
    return;

  ids = g_settings_get_strv (self->settings, "selected-services");
  for (guint i = 0; ids[i] != NULL; i++)
    {
      if (g_str_equal (ids[i], service_id))
        {
          found = TRUE;
          if (!selected)
            continue;
        }
      g_strv_builder_add (builder, ids[i]);
    }

  if (found == !!selected)
    return;

  if (selected)
    g_strv_builder_add (builder, service_id);

  new_ids = g_strv_builder_end (builder);
  g_settings_set_strv (self->settings, "selected-services", (const char * const *) new_ids);
}

/**
 * vigie_settings_add_custom_feed:
 * @name: the name to show (the page's own name)
 * @url: the feed's address, checked to work
 *
 * Returns: %FALSE if that address is already among the custom feeds (or
 *   there is nowhere to save it)
 */
gboolean
vigie_settings_add_custom_feed (VigieSettings *self,
                                const char    *name,
                                const char    *url)
{
  g_autoptr(GVariant) feeds = NULL;
  GVariantBuilder builder;
  GVariantIter iter;
  const char *old_name;
  const char *old_url;

  g_return_val_if_fail (VIGIE_IS_SETTINGS (self), FALSE);
  g_return_val_if_fail (name != NULL, FALSE);
  g_return_val_if_fail (url != NULL, FALSE);

  if (self->settings == NULL)
    return FALSE;

  feeds = g_settings_get_value (self->settings, "custom-feeds");
  g_variant_builder_init (&builder, G_VARIANT_TYPE ("a(ss)"));
  g_variant_iter_init (&iter, feeds);
  while (g_variant_iter_next (&iter, "(&s&s)", &old_name, &old_url))
    {
      if (g_str_equal (old_url, url))
        {
          g_variant_builder_clear (&builder);
          return FALSE;
        }
      g_variant_builder_add (&builder, "(ss)", old_name, old_url);
    }

  g_variant_builder_add (&builder, "(ss)", name, url);
  return g_settings_set_value (self->settings, "custom-feeds", g_variant_builder_end (&builder));
}

/* Drops @service_id from a dictionary key (component-filters, alert-levels) */
static void
remove_from_dict (VigieSettings *self,
                  const char    *key,
                  const char    *service_id)
{
  g_autoptr(GVariant) dict = g_settings_get_value (self->settings, key);
  g_autoptr(GVariant) value = g_variant_lookup_value (dict, service_id, NULL);
  GVariantBuilder builder;
  GVariantIter iter;
  const char *id;
  GVariant *child;

  if (value == NULL)
    return;

  g_variant_builder_init (&builder, g_variant_get_type (dict));
  g_variant_iter_init (&iter, dict);
  while (g_variant_iter_next (&iter, "{&s@*}", &id, &child))
    {
      if (!g_str_equal (id, service_id))
        g_variant_builder_add (&builder, "{s@*}", id, child);
      g_variant_unref (child);
    }

  g_settings_set_value (self->settings, key, g_variant_builder_end (&builder));
}

/**
 * vigie_settings_remove_custom_feed:
 * @service_id: a custom feed's service id (vigie_settings_custom_feed_id())
 *
 * Stops watching the custom feed, and forgets its settings.
 */
void
vigie_settings_remove_custom_feed (VigieSettings *self,
                                   const char    *service_id)
{
  g_autoptr(GVariant) feeds = NULL;
  GVariantBuilder builder;
  GVariantIter iter;
  const char *name;
  const char *url;
  gboolean found = FALSE;

  g_return_if_fail (VIGIE_IS_SETTINGS (self));
  g_return_if_fail (service_id != NULL);

  if (self->settings == NULL)
    return;

  feeds = g_settings_get_value (self->settings, "custom-feeds");
  g_variant_builder_init (&builder, G_VARIANT_TYPE ("a(ss)"));
  g_variant_iter_init (&iter, feeds);
  while (g_variant_iter_next (&iter, "(&s&s)", &name, &url))
    {
      g_autofree char *id = vigie_settings_custom_feed_id (url);

      if (g_str_equal (id, service_id))
        found = TRUE;
      else
        g_variant_builder_add (&builder, "(ss)", name, url);
    }

  if (!found)
    {
      g_variant_builder_clear (&builder);
      return;
    }

  /* one change for the three keys */
  g_settings_delay (self->settings);
  g_settings_set_value (self->settings, "custom-feeds", g_variant_builder_end (&builder));
  remove_from_dict (self, "component-filters", service_id);
  remove_from_dict (self, "alert-levels", service_id);
  g_settings_apply (self->settings);
}

/**
 * vigie_settings_dup_components:
 *
 * Returns: (transfer full): the components @service_id is narrowed to;
 *   empty for all of them
 */
GStrv
vigie_settings_dup_components (VigieSettings *self,
                               const char    *service_id)
{
  g_autoptr(GVariant) filters = NULL;
  GStrv components = NULL;

  g_return_val_if_fail (VIGIE_IS_SETTINGS (self), NULL);
  g_return_val_if_fail (service_id != NULL, NULL);

  if (self->settings != NULL)
    {
      filters = g_settings_get_value (self->settings, "component-filters");
      if (g_variant_lookup (filters, service_id, "^as", &components))
        return components;
    }

  return g_new0 (char *, 1);
}

/**
 * vigie_settings_set_components:
 * @components: (nullable) (array zero-terminated=1): the names; %NULL or
 *   empty for the whole service
 */
void
vigie_settings_set_components (VigieSettings      *self,
                               const char         *service_id,
                               const char * const *components)
{
  g_autoptr(GVariant) filters = NULL;
  GVariantBuilder builder;
  GVariantIter iter;
  const char *id;
  GVariant *names;

  g_return_if_fail (VIGIE_IS_SETTINGS (self));
  g_return_if_fail (service_id != NULL);

  if (self->settings == NULL)
    return;

  filters = g_settings_get_value (self->settings, "component-filters");
  g_variant_builder_init (&builder, G_VARIANT_TYPE ("a{sas}"));
  g_variant_iter_init (&iter, filters);
  while (g_variant_iter_next (&iter, "{&s@as}", &id, &names))
    {
      if (!g_str_equal (id, service_id))
        g_variant_builder_add (&builder, "{s@as}", id, names);
      g_variant_unref (names);
    }

  if (components != NULL && components[0] != NULL)
    g_variant_builder_add (&builder, "{s^as}", service_id, components);

  g_settings_set_value (self->settings, "component-filters", g_variant_builder_end (&builder));
}

/**
 * vigie_settings_dup_service_level:
 *
 * Returns: (transfer full) (nullable): @service_id's own alert level, as
 *   the settings write it ("minor", "major", "critical", "muted"), or
 *   %NULL when it follows the default one
 */
char *
vigie_settings_dup_service_level (VigieSettings *self,
                                  const char    *service_id)
{
  g_autoptr(GVariant) levels = NULL;
  const char *name;
  VigieAlertLevel level;

  g_return_val_if_fail (VIGIE_IS_SETTINGS (self), NULL);
  g_return_val_if_fail (service_id != NULL, NULL);

  if (self->settings == NULL)
    return NULL;

  levels = g_settings_get_value (self->settings, "alert-levels");
  if (!g_variant_lookup (levels, service_id, "&s", &name)
      || !vigie_alert_level_from_string (name, &level))
    return NULL;

  return g_strdup (vigie_alert_level_to_string (level));
}

/**
 * vigie_settings_set_service_level:
 * @level: (nullable): "minor", "major", "critical" or "muted", or %NULL to
 *   follow the default level
 */
void
vigie_settings_set_service_level (VigieSettings *self,
                                  const char    *service_id,
                                  const char    *level)
{
  g_autoptr(GVariant) levels = NULL;
  GVariantBuilder builder;
  GVariantIter iter;
  const char *id;
  const char *name;
  VigieAlertLevel parsed;

  g_return_if_fail (VIGIE_IS_SETTINGS (self));
  g_return_if_fail (service_id != NULL);

  if (level != NULL && !vigie_alert_level_from_string (level, &parsed))
    {
      g_critical ("%s: unknown alert level “%s”", G_STRFUNC, level);
      return;
    }

  if (self->settings == NULL)
    return;

  levels = g_settings_get_value (self->settings, "alert-levels");
  g_variant_builder_init (&builder, G_VARIANT_TYPE ("a{ss}"));
  g_variant_iter_init (&iter, levels);
  while (g_variant_iter_next (&iter, "{&s&s}", &id, &name))
    if (!g_str_equal (id, service_id))
      g_variant_builder_add (&builder, "{ss}", id, name);

  if (level != NULL)
    g_variant_builder_add (&builder, "{ss}", service_id, level);

  g_settings_set_value (self->settings, "alert-levels", g_variant_builder_end (&builder));
}

/**
 * vigie_settings_dup_paused_until:
 *
 * Returns: (transfer full) (nullable): when notifications resume, if they
 *   are paused (or were: the time may be past)
 */
GDateTime *
vigie_settings_dup_paused_until (VigieSettings *self)
{
  gint64 seconds;

  g_return_val_if_fail (VIGIE_IS_SETTINGS (self), NULL);

  if (self->settings == NULL)
    return self->paused_until != NULL ? g_date_time_ref (self->paused_until) : NULL;

  seconds = g_settings_get_int64 (self->settings, "paused-until");
  return seconds > 0 ? g_date_time_new_from_unix_utc (seconds) : NULL;
}

/**
 * vigie_settings_set_paused_until:
 * @until: (nullable): when notifications resume; %NULL to resume now
 *
 * Saved in paused-until, so that a restart keeps the pause; without
 * GSettings, kept for this run.
 */
void
vigie_settings_set_paused_until (VigieSettings *self,
                                 GDateTime     *until)
{
  g_return_if_fail (VIGIE_IS_SETTINGS (self));

  if (self->settings != NULL)
    {
      /* rounded up: never resumes before the time said */
      gint64 seconds = 0;

      if (until != NULL)
        seconds = g_date_time_to_unix (until) + (g_date_time_get_microsecond (until) > 0);
      g_settings_set_int64 (self->settings, "paused-until", MAX (seconds, 0));
      return;
    }

  g_clear_pointer (&self->paused_until, g_date_time_unref);
  if (until != NULL)
    self->paused_until = g_date_time_ref (until);
  update_pause (self);
  g_signal_emit (self, signals[PAUSE_CHANGED], 0);
}
