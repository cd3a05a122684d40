/* vigie-policy.h: which events are shown, held for later, or dropped
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>
#include <json-glib/json-glib.h>

#include "vigie-severity.h"
#include "vigie-tracker.h"

G_BEGIN_DECLS

/**
 * VigieAlertLevel:
 * @VIGIE_ALERT_LEVEL_ALL: every trouble, minor included
 * @VIGIE_ALERT_LEVEL_MAJOR: major and critical outages only
 * @VIGIE_ALERT_LEVEL_CRITICAL: critical outages only
 * @VIGIE_ALERT_LEVEL_MUTED: nothing at all, maintenances included
 *
 * What a service's notifications are about.  A level filters what starts a
 * notification; once the user was told about an incident, its updates and
 * its end are told too (unless the service is muted).
 */
typedef enum
{
  VIGIE_ALERT_LEVEL_ALL,
  VIGIE_ALERT_LEVEL_MAJOR,
  VIGIE_ALERT_LEVEL_CRITICAL,
  VIGIE_ALERT_LEVEL_MUTED,
} VigieAlertLevel;

/**
 * VigieMaintenanceNotices:
 * @VIGIE_MAINTENANCE_NOTICES_NEVER: no maintenance is notified
 * @VIGIE_MAINTENANCE_NOTICES_IN_PROGRESS: when a maintenance starts
 * @VIGIE_MAINTENANCE_NOTICES_SCHEDULED: also when one is announced
 *
 * The values of the "maintenance-notices" setting, in its order.
 */
typedef enum
{
  VIGIE_MAINTENANCE_NOTICES_NEVER,
  VIGIE_MAINTENANCE_NOTICES_IN_PROGRESS,
  VIGIE_MAINTENANCE_NOTICES_SCHEDULED,
} VigieMaintenanceNotices;

/**
 * VigieWeekdays:
 *
 * Days as bits, with the values of the schema's
 * io.github.vigie.Vigie.Weekdays flags (so g_settings_get_flags() can be
 * passed as is).
 */
typedef enum
{
  VIGIE_WEEKDAY_MONDAY = 1 << 0,
  VIGIE_WEEKDAY_TUESDAY = 1 << 1,
  VIGIE_WEEKDAY_WEDNESDAY = 1 << 2,
  VIGIE_WEEKDAY_THURSDAY = 1 << 3,
  VIGIE_WEEKDAY_FRIDAY = 1 << 4,
  VIGIE_WEEKDAY_SATURDAY = 1 << 5,
  VIGIE_WEEKDAY_SUNDAY = 1 << 6,
} VigieWeekdays;

#define VIGIE_WEEKDAYS_ALL 0x7f

/**
 * VigieRoute:
 * @VIGIE_ROUTE_SHOW: show it now (vigie_notifier_show())
 * @VIGIE_ROUTE_HOLD: quiet hours: kept for the digest
 * @VIGIE_ROUTE_DROP: not for the user
 */
typedef enum
{
  VIGIE_ROUTE_SHOW,
  VIGIE_ROUTE_HOLD,
  VIGIE_ROUTE_DROP,
} VigieRoute;

/**
 * VigieMute:
 * @VIGIE_MUTE_NONE: not muted
 * @VIGIE_MUTE_UNTIL: muted until a given time
 * @VIGIE_MUTE_UNTIL_RESOLVED: muted until the service's current trouble
 *   ends; its recovery notice is still shown
 */
typedef enum
{
  VIGIE_MUTE_NONE,
  VIGIE_MUTE_UNTIL,
  VIGIE_MUTE_UNTIL_RESOLVED,
} VigieMute;

/**
 * VigieDigestItem:
 * @service_id: the service
 * @service_name: its display name
 * @slot: the incident slot (as in #VigieEvent)
 * @title: (nullable): the incident's or maintenance's title
 * @severity: the worst state reached; %VIGIE_SEVERITY_MAINTENANCE for a
 *   maintenance
 * @started_at: (nullable): when it began (for a maintenance: its start)
 * @ended_at: (nullable): when it ended, %NULL if it is still going on (for
 *   a maintenance: its planned end)
 * @maintenance: whether this is a maintenance rather than a trouble
 *
 * One line of a digest: one incident, with all that happened to it while
 * the user was away merged together.
 */
typedef struct
{
  char *service_id;
  char *service_name;
  char *slot;
  char *title;
  VigieSeverity severity;
  GDateTime *started_at;
  GDateTime *ended_at;
  gboolean maintenance;
} VigieDigestItem;

/**
 * VigieDigest:
 * @items: (element-type VigieDigestItem): grouped by service; services,
 *   and each service's incidents, in the order they were first held
 *
 * What happened during quiet hours, told once they end.  See
 * vigie_format_digest_summary() and vigie_format_digest_body().
 */
typedef struct
{
  GPtrArray *items;
} VigieDigest;

void vigie_digest_free (VigieDigest *digest);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (VigieDigest, vigie_digest_free)

gboolean     vigie_alert_level_from_string          (const char               *name,
                                                     VigieAlertLevel          *out_level);
const char  *vigie_alert_level_to_string            (VigieAlertLevel           level);
gboolean     vigie_maintenance_notices_from_string  (const char               *name,
                                                     VigieMaintenanceNotices  *out_notices);

#define VIGIE_TYPE_POLICY (vigie_policy_get_type ())
G_DECLARE_FINAL_TYPE (VigiePolicy, vigie_policy, VIGIE, POLICY, GObject)

VigiePolicy     *vigie_policy_new                        (void);

/* Settings */
void             vigie_policy_set_default_level          (VigiePolicy             *self,
                                                          VigieAlertLevel          level);
void             vigie_policy_set_service_level          (VigiePolicy             *self,
                                                          const char              *service_id,
                                                          VigieAlertLevel          level);
void             vigie_policy_unset_service_level        (VigiePolicy             *self,
                                                          const char              *service_id);
void             vigie_policy_clear_service_levels       (VigiePolicy             *self);
VigieAlertLevel  vigie_policy_get_level                  (VigiePolicy             *self,
                                                          const char              *service_id);
void             vigie_policy_set_notify_recoveries      (VigiePolicy             *self,
                                                          gboolean                 notify);
void             vigie_policy_set_maintenance_notices    (VigiePolicy             *self,
                                                          VigieMaintenanceNotices  notices);
void             vigie_policy_set_quiet_hours_enabled    (VigiePolicy             *self,
                                                          gboolean                 enabled);
void             vigie_policy_set_quiet_days             (VigiePolicy             *self,
                                                          guint                    days);
void             vigie_policy_set_quiet_hours            (VigiePolicy             *self,
                                                          guint                    start_minute,
                                                          guint                    end_minute);
void             vigie_policy_set_critical_breaks_through (VigiePolicy             *self,
                                                          gboolean                 breaks_through);
void             vigie_policy_set_paused_until           (VigiePolicy             *self,
                                                          GDateTime               *until);

/* Pause, mutes and quiet hours, as they stand at @now */
gboolean         vigie_policy_is_paused                  (VigiePolicy             *self,
                                                          GDateTime               *now);
gboolean         vigie_policy_is_quiet                   (VigiePolicy             *self,
                                                          GDateTime               *now);
GDateTime       *vigie_policy_get_next_quiet_change      (VigiePolicy             *self,
                                                          GDateTime               *now);
void             vigie_policy_mute_for                   (VigiePolicy             *self,
                                                          const char              *service_id,
                                                          GDateTime               *until);
void             vigie_policy_mute_until_resolved        (VigiePolicy             *self,
                                                          const char              *service_id);
void             vigie_policy_unmute                     (VigiePolicy             *self,
                                                          const char              *service_id);
VigieMute        vigie_policy_get_mute                   (VigiePolicy             *self,
                                                          const char              *service_id,
                                                          GDateTime               *now,
                                                          GDateTime              **out_until);

/* Decisions */
VigieRoute       vigie_policy_route                      (VigiePolicy             *self,
                                                          const VigieEvent        *event,
                                                          GDateTime               *now);
gboolean         vigie_policy_has_held                   (VigiePolicy             *self);
VigieDigest     *vigie_policy_take_digest                (VigiePolicy             *self,
                                                          GDateTime               *now);
void             vigie_policy_forget_service             (VigiePolicy             *self,
                                                          const char              *service_id);

/* Saved state (see vigie-alert-engine.c) */
void             vigie_policy_save_to                    (VigiePolicy             *self,
                                                          JsonBuilder             *builder);
void             vigie_policy_load_from                  (VigiePolicy             *self,
                                                          JsonObject              *state,
                                                          GDateTime               *now);

G_END_DECLS
