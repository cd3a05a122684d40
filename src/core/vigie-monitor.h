/* vigie-monitor.h: schedules the polls of every service
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "vigie-service.h"

G_BEGIN_DECLS

#define VIGIE_DEFAULT_POLL_INTERVAL 120
/* The shortest interval for a feed on the internet; loopback feeds (tests,
 * the demo) may be polled every second. */
#define VIGIE_MIN_REMOTE_POLL_INTERVAL 30

#define VIGIE_TYPE_MONITOR (vigie_monitor_get_type ())
G_DECLARE_FINAL_TYPE (VigieMonitor, vigie_monitor, VIGIE, MONITOR, GObject)

VigieMonitor *vigie_monitor_new          (void);
void          vigie_monitor_set_services (VigieMonitor *self,
                                          GPtrArray    *services);
GPtrArray    *vigie_monitor_get_services (VigieMonitor *self);
VigieService *vigie_monitor_lookup       (VigieMonitor *self,
                                          const char   *service_id);
void          vigie_monitor_set_interval (VigieMonitor *self,
                                          guint         seconds);
guint         vigie_monitor_get_interval (VigieMonitor *self);
gboolean      vigie_monitor_is_offline   (VigieMonitor *self);
void          vigie_monitor_start        (VigieMonitor *self);
void          vigie_monitor_refresh_now  (VigieMonitor *self);
void          vigie_monitor_notify_changed (VigieMonitor *self,
                                            VigieService *service);
VigieSeverity vigie_monitor_get_worst    (VigieMonitor *self);
guint         vigie_monitor_compute_delay (VigieMonitor *self,
                                           VigieService *service);

G_END_DECLS
