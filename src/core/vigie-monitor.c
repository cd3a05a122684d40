/* vigie-monitor.c: schedules the polls of every service
 *
 * Each service has its own timer.  The delay to the next poll is the
 * user's interval with some jitter (so that thousands of Vigies do not hit
 * a status page in the same second), never shorter than what the vendor
 * asks for, and never before a Retry-After or Cache-Control max-age says.
 * Without network, polling pauses and the monitor says it is offline;
 * when the network returns, every service is polled at once.
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vigie-monitor"

#include "config.h"

#include "vigie-limits.h"
#include "vigie-monitor.h"
#include "vigie-text.h"

#define JITTER_FRACTION 0.1

struct _VigieMonitor
{
  GObject parent_instance;

  GPtrArray *services;
  GHashTable *timers;        /* VigieService* -> source id */
  GHashTable *repoll;        /* VigieService*: asked for while its poll ran */
  GQueue waiting;            /* VigieService*: due, waiting for a free poll */
  guint n_polling;
  VigieFetcher *fetcher;
  GNetworkMonitor *network;
  GCancellable *cancellable;
  guint interval;
  gboolean offline;
  gboolean started;
};

G_DEFINE_FINAL_TYPE (VigieMonitor, vigie_monitor, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_INTERVAL,
  PROP_OFFLINE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  SERVICE_POLLED,
  SERVICES_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void schedule (VigieMonitor *self,
                      VigieService *service,
                      guint         delay_seconds);

static gboolean
all_feeds_are_local (VigieMonitor *self)
{
  for (guint i = 0; i < self->services->len; i++)
    if (!vigie_link_is_loopback (vigie_service_get_feed_url (g_ptr_array_index (self->services, i))))
      return FALSE;

  return TRUE;
}

static void
cancel_timers (VigieMonitor *self)
{
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, self->timers);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    g_source_remove (GPOINTER_TO_UINT (value));
  g_hash_table_remove_all (self->timers);
}

static void poll_waiting (VigieMonitor *self);

static void
poll_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(VigieMonitor) self = user_data;
  VigieService *service = VIGIE_SERVICE (object);
  g_autoptr(GError) error = NULL;

  vigie_service_poll_finish (service, result, &error);
  self->n_polling--;
  poll_waiting (self);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED)
      || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_PENDING))
    return;

  /* the service may have been removed while it was polled */
  if (!g_ptr_array_find (self->services, service, NULL))
    return;

  g_signal_emit (self, signals[SERVICE_POLLED], 0, service);

  if (self->offline)
    return;

  /* a refresh asked for during this poll may concern newer data */
  if (g_hash_table_remove (self->repoll, service))
    schedule (self, service, 0);
  else
    schedule (self, service, vigie_monitor_compute_delay (self, service));
}

static void
poll_service (VigieMonitor *self,
              VigieService *service)
{
  /* Many services fall due together (at start, when the network is back,
   * on "Refresh Now"): a few polls at a time keep the requests, buffers and
   * parses in memory at once few. */
  if (self->n_polling >= VIGIE_MAX_CONCURRENT_POLLS)
    {
      if (g_queue_find (&self->waiting, service) == NULL)
        g_queue_push_tail (&self->waiting, service);
      return;
    }

  self->n_polling++;
  vigie_service_poll_async (service, self->fetcher, self->cancellable, poll_cb,
                            g_object_ref (self));
}

static void
poll_waiting (VigieMonitor *self)
{
  while (self->n_polling < VIGIE_MAX_CONCURRENT_POLLS && !self->offline
         && !g_cancellable_is_cancelled (self->cancellable)
         && !g_queue_is_empty (&self->waiting))
    {
      VigieService *service = g_queue_pop_head (&self->waiting);

      if (vigie_service_is_polling (service))
        g_hash_table_add (self->repoll, service);
      else
        poll_service (self, service);
    }
}

typedef struct
{
  VigieMonitor *monitor;
  VigieService *service;
} TimerData;

static gboolean
timer_cb (gpointer user_data)
{
  TimerData *data = user_data;

  g_hash_table_remove (data->monitor->timers, data->service);

  if (vigie_service_is_polling (data->service))
    g_hash_table_add (data->monitor->repoll, data->service);
  else
    poll_service (data->monitor, data->service);

  return G_SOURCE_REMOVE;
}

static void
schedule (VigieMonitor *self,
          VigieService *service,
          guint         delay_seconds)
{
  TimerData *data;
  gpointer existing;
  guint id;

  if (g_hash_table_lookup_extended (self->timers, service, NULL, &existing))
    g_source_remove (GPOINTER_TO_UINT (existing));

  data = g_new0 (TimerData, 1);
  data->monitor = self;
  data->service = service;

  /* Whole seconds: GLib fires all such timers of the process together,
   * so that polls of many services wake the CPU once, not once each. */
  if (delay_seconds == 0)
    id = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, timer_cb, data, g_free);
  else
    id = g_timeout_add_seconds_full (G_PRIORITY_DEFAULT, delay_seconds, timer_cb, data, g_free);
  g_hash_table_insert (self->timers, service, GUINT_TO_POINTER (id));
}

/**
 * vigie_monitor_compute_delay:
 *
 * Returns: seconds until @service's next poll
 */
guint
vigie_monitor_compute_delay (VigieMonitor *self,
                             VigieService *service)
{
  gboolean local = vigie_link_is_loopback (vigie_service_get_feed_url (service));
  double delay = self->interval;
  gint64 not_before;

  if (!local)
    {
      delay = MAX (delay, VIGIE_MIN_REMOTE_POLL_INTERVAL);
      delay = MAX (delay, vigie_service_get_min_interval (service));
      delay *= 1.0 + g_random_double_range (-JITTER_FRACTION, JITTER_FRACTION);
      delay = MAX (delay, vigie_service_get_min_interval (service));
    }

  not_before = vigie_service_get_not_before (service);
  if (not_before > 0)
    {
      double wait = (double) (not_before - g_get_monotonic_time ()) / G_USEC_PER_SEC;

      delay = MAX (delay, wait);
    }

  return (guint) MAX (delay, 1.0);
}

static void
set_offline (VigieMonitor *self,
             gboolean      offline)
{
  if (self->offline == offline)
    return;

  self->offline = offline;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OFFLINE]);

  if (!self->started)
    return;

  if (offline)
    {
      g_debug ("network lost: polling paused");
      cancel_timers (self);
      g_queue_clear (&self->waiting);
    }
  else
    {
      g_debug ("network back: polling every service now");
      vigie_monitor_refresh_now (self);
    }
}

static void
update_network (VigieMonitor *self)
{
  gboolean available = g_network_monitor_get_network_available (self->network);

  /* loopback feeds (tests, the demo) need no network */
  set_offline (self, !available && !all_feeds_are_local (self));
}

static void
network_changed_cb (GNetworkMonitor *network,
                    gboolean         available,
                    gpointer         user_data)
{
  update_network (VIGIE_MONITOR (user_data));
}

static void
vigie_monitor_dispose (GObject *object)
{
  VigieMonitor *self = (VigieMonitor *) object;

  g_cancellable_cancel (self->cancellable);
  if (self->timers != NULL)
    cancel_timers (self);
  g_queue_clear (&self->waiting);
  if (self->network != NULL)
    g_signal_handlers_disconnect_by_data (self->network, self);
  g_clear_object (&self->network);

  G_OBJECT_CLASS (vigie_monitor_parent_class)->dispose (object);
}

static void
vigie_monitor_finalize (GObject *object)
{
  VigieMonitor *self = (VigieMonitor *) object;

  g_clear_pointer (&self->timers, g_hash_table_unref);
  g_clear_pointer (&self->repoll, g_hash_table_unref);
  g_clear_pointer (&self->services, g_ptr_array_unref);
  g_clear_object (&self->fetcher);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (vigie_monitor_parent_class)->finalize (object);
}

static void
vigie_monitor_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  VigieMonitor *self = VIGIE_MONITOR (object);

  switch (prop_id)
    {
    case PROP_INTERVAL:
      g_value_set_uint (value, self->interval);
      break;
    case PROP_OFFLINE:
      g_value_set_boolean (value, self->offline);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
vigie_monitor_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  VigieMonitor *self = VIGIE_MONITOR (object);

  switch (prop_id)
    {
    case PROP_INTERVAL:
      vigie_monitor_set_interval (self, g_value_get_uint (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
vigie_monitor_class_init (VigieMonitorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = vigie_monitor_dispose;
  object_class->finalize = vigie_monitor_finalize;
  object_class->get_property = vigie_monitor_get_property;
  object_class->set_property = vigie_monitor_set_property;

  properties[PROP_INTERVAL] =
    g_param_spec_uint ("interval", NULL, NULL, 1, 24 * 60 * 60, VIGIE_DEFAULT_POLL_INTERVAL,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_OFFLINE] =
    g_param_spec_boolean ("offline", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * VigieMonitor::service-polled:
   * @service: the service whose poll ended
   *
   * Emitted after every finished poll, successful or not, and when a
   * service's state changed without one (vigie_monitor_notify_changed()):
   * either way, listeners read the service's state afresh.
   */
  signals[SERVICE_POLLED] = g_signal_new ("service-polled", G_TYPE_FROM_CLASS (klass),
                                          G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                          G_TYPE_NONE, 1, VIGIE_TYPE_SERVICE);

  /**
   * VigieMonitor::services-changed:
   *
   * Emitted when vigie_monitor_set_services() changed the watched services.
   */
  signals[SERVICES_CHANGED] = g_signal_new ("services-changed", G_TYPE_FROM_CLASS (klass),
                                            G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                            G_TYPE_NONE, 0);
}

static void
vigie_monitor_init (VigieMonitor *self)
{
  self->services = g_ptr_array_new_with_free_func (g_object_unref);
  self->timers = g_hash_table_new (NULL, NULL);
  self->repoll = g_hash_table_new (NULL, NULL);
  g_queue_init (&self->waiting);
  self->fetcher = vigie_fetcher_new ();
  self->cancellable = g_cancellable_new ();
  self->interval = VIGIE_DEFAULT_POLL_INTERVAL;
  self->network = g_object_ref (g_network_monitor_get_default ());
  g_signal_connect_object (self->network, "network-changed", G_CALLBACK (network_changed_cb),
                           self, 0);
}

VigieMonitor *
vigie_monitor_new (void)
{
  return g_object_new (VIGIE_TYPE_MONITOR, NULL);
}

/**
 * vigie_monitor_set_services:
 * @services: (element-type VigieService): what to watch
 *
 * Replaces the watched services.  Services already watched (the same
 * objects) keep their state and schedule; new ones are polled at once.
 */
void
vigie_monitor_set_services (VigieMonitor *self,
                            GPtrArray    *services)
{
  g_autoptr(GPtrArray) old = NULL;

  g_return_if_fail (VIGIE_IS_MONITOR (self));
  g_return_if_fail (services != NULL);

  old = g_steal_pointer (&self->services);
  self->services = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < services->len; i++)
    g_ptr_array_add (self->services, g_object_ref (g_ptr_array_index (services, i)));

  for (guint i = 0; i < old->len; i++)
    {
      VigieService *service = g_ptr_array_index (old, i);
      gpointer id;

      if (g_ptr_array_find (self->services, service, NULL))
        continue;

      g_hash_table_remove (self->repoll, service);
      g_queue_remove (&self->waiting, service);
      if (g_hash_table_lookup_extended (self->timers, service, NULL, &id))
        {
          g_source_remove (GPOINTER_TO_UINT (id));
          g_hash_table_remove (self->timers, service);
        }
    }

  if (self->started)
    {
      update_network (self);
      for (guint i = 0; i < self->services->len && !self->offline; i++)
        {
          VigieService *service = g_ptr_array_index (self->services, i);

          if (!g_ptr_array_find (old, service, NULL))
            schedule (self, service, 0);
        }
    }

  g_signal_emit (self, signals[SERVICES_CHANGED], 0);
}

/**
 * vigie_monitor_get_services:
 *
 * Returns: (transfer none) (element-type VigieService): the watched services
 */
GPtrArray *
vigie_monitor_get_services (VigieMonitor *self)
{
  g_return_val_if_fail (VIGIE_IS_MONITOR (self), NULL);

  return self->services;
}

/**
 * vigie_monitor_lookup:
 *
 * Returns: (transfer none) (nullable): the watched service with this id
 */
VigieService *
vigie_monitor_lookup (VigieMonitor *self,
                      const char   *service_id)
{
  g_return_val_if_fail (VIGIE_IS_MONITOR (self), NULL);

  for (guint i = 0; service_id != NULL && i < self->services->len; i++)
    {
      VigieService *service = g_ptr_array_index (self->services, i);

      if (g_str_equal (vigie_service_get_id (service), service_id))
        return service;
    }

  return NULL;
}

void
vigie_monitor_set_interval (VigieMonitor *self,
                            guint         seconds)
{
  g_return_if_fail (VIGIE_IS_MONITOR (self));
  g_return_if_fail (seconds >= 1);

  if (self->interval == seconds)
    return;

  self->interval = seconds;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_INTERVAL]);
}

guint
vigie_monitor_get_interval (VigieMonitor *self)
{
  g_return_val_if_fail (VIGIE_IS_MONITOR (self), 0);

  return self->interval;
}

gboolean
vigie_monitor_is_offline (VigieMonitor *self)
{
  g_return_val_if_fail (VIGIE_IS_MONITOR (self), FALSE);

  return self->offline;
}

/**
 * vigie_monitor_start:
 *
 * Polls every service now, then on schedule.
 */
void
vigie_monitor_start (VigieMonitor *self)
{
  g_return_if_fail (VIGIE_IS_MONITOR (self));

  if (self->started)
    return;

  self->started = TRUE;
  update_network (self);
  if (!self->offline)
    vigie_monitor_refresh_now (self);
}

/**
 * vigie_monitor_refresh_now:
 *
 * Polls every service at once, unless the server asked to wait.
 */
void
vigie_monitor_refresh_now (VigieMonitor *self)
{
  g_return_if_fail (VIGIE_IS_MONITOR (self));

  if (self->offline)
    return;

  for (guint i = 0; i < self->services->len; i++)
    {
      VigieService *service = g_ptr_array_index (self->services, i);
      gint64 not_before = vigie_service_get_not_before (service);
      gint64 wait = (not_before - g_get_monotonic_time ()) / G_USEC_PER_SEC;

      schedule (self, service, not_before > 0 && wait > 0 ? (guint) wait + 1 : 0);
    }
}

/**
 * vigie_monitor_notify_changed:
 * @service: a watched service whose state changed outside a poll (its
 *   components were narrowed, for instance)
 *
 * Tells the listeners of #VigieMonitor::service-polled to read @service's
 * state again, as after a poll, without fetching anything.
 */
void
vigie_monitor_notify_changed (VigieMonitor *self,
                              VigieService *service)
{
  g_return_if_fail (VIGIE_IS_MONITOR (self));
  g_return_if_fail (VIGIE_IS_SERVICE (service));

  if (!g_ptr_array_find (self->services, service, NULL))
    return;

  g_signal_emit (self, signals[SERVICE_POLLED], 0, service);
}

/**
 * vigie_monitor_get_worst:
 *
 * Returns: the worst state across services; unknown when there are none
 */
VigieSeverity
vigie_monitor_get_worst (VigieMonitor *self)
{
  VigieSeverity worst = VIGIE_SEVERITY_OPERATIONAL;

  g_return_val_if_fail (VIGIE_IS_MONITOR (self), VIGIE_SEVERITY_UNKNOWN);

  if (self->services->len == 0)
    return VIGIE_SEVERITY_UNKNOWN;

  for (guint i = 0; i < self->services->len; i++)
    worst = vigie_severity_worst (worst,
                                  vigie_service_get_severity (g_ptr_array_index (self->services, i)));

  return worst;
}
