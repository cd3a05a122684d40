/* vigie-policy.c: which events are shown, held for later, or dropped
 *
 * The tracker says what changed; the policy says what the user wants to
 * hear of it, from their settings, mutes and pause.  It reads no clock and
 * no settings: the caller passes "now" and sets every value (the
 * application binds its GSettings keys to the setters).
 *
 * vigie_policy_route() applies these rules, in this order:
 *
 *  1. Alert level.  A service's level filters what starts a notification,
 *     by the state the notification announces (the event's severity).  A
 *     slot the user was told about stays told: its updates and its end are
 *     delivered even when the level would not start it now (minor -> major
 *     -> minor under "major only" ends with "back to normal"), and a slot
 *     that was filtered out appears as soon as it reaches the level.  The
 *     end of a slot the user never heard of is not told.  "Muted" drops
 *     everything.
 *  2. Mute and pause drop.  A mute until resolved ends with the service's
 *     recovery, whose notice gets through once.
 *  3. Recovery notices off: a closing is dropped, unless it belongs to an
 *     incident held for the digest (the digest then says when it ended).
 *  4. Quiet hours hold, for the digest; a critical outage breaks through
 *     when the user asked for it (once per slot).  News of an incident the
 *     user was told about is held only if it ends it or makes it worse
 *     than they know: the digest has nothing else to say of it.
 *
 * Maintenance notices follow their own setting, for every service whose
 * level is not "muted", and are dropped during a pause or a mute.
 *
 * Quiet hours are local wall-clock times: a window starts on each chosen
 * day at its start time, and ends at its end time the same day, or the
 * next day when the end is not later than the start (22:00 -> 07:00 on a
 * Friday ends on Saturday at 07:00; 00:00 -> 00:00 lasts a whole day).
 * Instants are computed with g_date_time_new_local(), so a window over a
 * daylight-saving change is as long as the clocks say, not a fixed number
 * of hours.
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vigie-policy"

#include "config.h"

#include <string.h>

#include "vigie-json.h"
#include "vigie-limits.h"
#include "vigie-policy.h"
#include "vigie-text.h"

/* Held items are a few per incident; this only bounds a pathological night */
#define MAX_HELD 256

#define MINUTES_PER_DAY (24 * 60)

/* Days before and after today whose windows can matter: one before for a
 * window that began yesterday, eight after to find next week's. */
#define WINDOW_DAYS_BEFORE 1
#define WINDOW_DAYS_AFTER 8

typedef struct
{
  GDateTime *until;          /* NULL: until resolved */
  GDateTime *resolved_at;    /* the poll whose recovery ended it */
} Mute;

/* What the policy knows of a slot that is still open */
typedef struct
{
  gboolean told;
  VigieSeverity told_worst;  /* the worst state the user was told of */
  VigieSeverity worst;       /* the worst state it reached */
} SlotRecord;

typedef struct
{
  GDateTime *start;
  GDateTime *end;
} Window;

struct _VigiePolicy
{
  GObject parent_instance;

  VigieAlertLevel default_level;
  GHashTable *levels;        /* service id -> VigieAlertLevel */
  gboolean notify_recoveries;
  VigieMaintenanceNotices maintenance_notices;

  gboolean quiet_enabled;
  guint quiet_days;
  guint quiet_start;
  guint quiet_end;
  gboolean critical_breaks_through;

  GDateTime *paused_until;
  GHashTable *mutes;         /* service id -> Mute */
  GHashTable *slots;         /* "service\x1fslot" -> SlotRecord */
  GPtrArray *held;           /* VigieDigestItem, in order of arrival */
};

G_DEFINE_FINAL_TYPE (VigiePolicy, vigie_policy, G_TYPE_OBJECT)

static void
digest_item_free (VigieDigestItem *item)
{
  if (item == NULL)
    return;

  g_free (item->service_id);
  g_free (item->service_name);
  g_free (item->slot);
  g_free (item->title);
  g_clear_pointer (&item->started_at, g_date_time_unref);
  g_clear_pointer (&item->ended_at, g_date_time_unref);
  g_free (item);
}

void
vigie_digest_free (VigieDigest *digest)
{
  if (digest == NULL)
    return;

  g_clear_pointer (&digest->items, g_ptr_array_unref);
  g_free (digest);
}

static void
mute_free (Mute *mute)
{
  g_clear_pointer (&mute->until, g_date_time_unref);
  g_clear_pointer (&mute->resolved_at, g_date_time_unref);
  g_free (mute);
}

static void
window_clear (Window *window)
{
  g_clear_pointer (&window->start, g_date_time_unref);
  g_clear_pointer (&window->end, g_date_time_unref);
}

/**
 * vigie_alert_level_from_string:
 * @name: a value of the "default-alert-level" or "alert-levels" settings
 *
 * Reads the settings' words: "maintenance" and "minor" mean every trouble
 * (maintenances have their own setting), "major", "critical", and "muted".
 *
 * Returns: %TRUE if @name is known
 */
gboolean
vigie_alert_level_from_string (const char      *name,
                               VigieAlertLevel *out_level)
{
  g_return_val_if_fail (out_level != NULL, FALSE);

  if (g_strcmp0 (name, "minor") == 0 || g_strcmp0 (name, "maintenance") == 0
      || g_strcmp0 (name, "all") == 0)
    *out_level = VIGIE_ALERT_LEVEL_ALL;
  else if (g_strcmp0 (name, "major") == 0)
    *out_level = VIGIE_ALERT_LEVEL_MAJOR;
  else if (g_strcmp0 (name, "critical") == 0)
    *out_level = VIGIE_ALERT_LEVEL_CRITICAL;
  else if (g_strcmp0 (name, "muted") == 0)
    *out_level = VIGIE_ALERT_LEVEL_MUTED;
  else
    return FALSE;

  return TRUE;
}

/**
 * vigie_alert_level_to_string:
 *
 * Returns: the settings' word for @level
 */
const char *
vigie_alert_level_to_string (VigieAlertLevel level)
{
  switch (level)
    {
    case VIGIE_ALERT_LEVEL_MAJOR:
      return "major";
    case VIGIE_ALERT_LEVEL_CRITICAL:
      return "critical";
    case VIGIE_ALERT_LEVEL_MUTED:
      return "muted";
    case VIGIE_ALERT_LEVEL_ALL:
    default:
      return "minor";
    }
}

/**
 * vigie_maintenance_notices_from_string:
 * @name: a value of the "maintenance-notices" setting
 *
 * Returns: %TRUE if @name is "never", "in-progress" or "scheduled"
 */
gboolean
vigie_maintenance_notices_from_string (const char              *name,
                                       VigieMaintenanceNotices *out_notices)
{
  g_return_val_if_fail (out_notices != NULL, FALSE);

  if (g_strcmp0 (name, "never") == 0)
    *out_notices = VIGIE_MAINTENANCE_NOTICES_NEVER;
  else if (g_strcmp0 (name, "in-progress") == 0)
    *out_notices = VIGIE_MAINTENANCE_NOTICES_IN_PROGRESS;
  else if (g_strcmp0 (name, "scheduled") == 0)
    *out_notices = VIGIE_MAINTENANCE_NOTICES_SCHEDULED;
  else
    return FALSE;

  return TRUE;
}

static void
vigie_policy_finalize (GObject *object)
{
  VigiePolicy *self = (VigiePolicy *) object;

  g_clear_pointer (&self->levels, g_hash_table_unref);
  g_clear_pointer (&self->paused_until, g_date_time_unref);
  g_clear_pointer (&self->mutes, g_hash_table_unref);
  g_clear_pointer (&self->slots, g_hash_table_unref);
  g_clear_pointer (&self->held, g_ptr_array_unref);

  G_OBJECT_CLASS (vigie_policy_parent_class)->finalize (object);
}

static void
vigie_policy_class_init (VigiePolicyClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = vigie_policy_finalize;
}

static void
vigie_policy_init (VigiePolicy *self)
{
  /* the schema's defaults */
  self->default_level = VIGIE_ALERT_LEVEL_ALL;
  self->notify_recoveries = TRUE;
  self->maintenance_notices = VIGIE_MAINTENANCE_NOTICES_IN_PROGRESS;
  self->quiet_enabled = FALSE;
  self->quiet_days = VIGIE_WEEKDAYS_ALL;
  self->quiet_start = 20 * 60;
  self->quiet_end = 8 * 60;
  self->critical_breaks_through = TRUE;

  self->levels = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->mutes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                       (GDestroyNotify) mute_free);
  self->slots = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->held = g_ptr_array_new_with_free_func ((GDestroyNotify) digest_item_free);
}

/**
 * vigie_policy_new:
 *
 * Returns: (transfer full): a policy with the schema's default settings:
 *   every trouble, recoveries and maintenances in progress notified, no
 *   quiet hours, no pause
 */
VigiePolicy *
vigie_policy_new (void)
{
  return g_object_new (VIGIE_TYPE_POLICY, NULL);
}

/* Settings */

void
vigie_policy_set_default_level (VigiePolicy     *self,
                                VigieAlertLevel  level)
{
  g_return_if_fail (VIGIE_IS_POLICY (self));
  g_return_if_fail (level <= VIGIE_ALERT_LEVEL_MUTED);

  self->default_level = level;
}

/**
 * vigie_policy_set_service_level:
 *
 * Gives a service a level of its own, instead of the default one.
 */
void
vigie_policy_set_service_level (VigiePolicy     *self,
                                const char      *service_id,
                                VigieAlertLevel  level)
{
  g_return_if_fail (VIGIE_IS_POLICY (self));
  g_return_if_fail (service_id != NULL);
  g_return_if_fail (level <= VIGIE_ALERT_LEVEL_MUTED);

  g_hash_table_insert (self->levels, g_strdup (service_id), GINT_TO_POINTER (level));
}

void
vigie_policy_unset_service_level (VigiePolicy *self,
                                  const char  *service_id)
{
  g_return_if_fail (VIGIE_IS_POLICY (self));
  g_return_if_fail (service_id != NULL);

  g_hash_table_remove (self->levels, service_id);
}

/**
 * vigie_policy_clear_service_levels:
 *
 * Every service follows the default level again; to be called before
 * setting the levels of the "alert-levels" setting afresh.
 */
void
vigie_policy_clear_service_levels (VigiePolicy *self)
{
  g_return_if_fail (VIGIE_IS_POLICY (self));

  g_hash_table_remove_all (self->levels);
}

/**
 * vigie_policy_get_level:
 *
 * Returns: the level that applies to the service: its own, else the default
 */
VigieAlertLevel
vigie_policy_get_level (VigiePolicy *self,
                        const char  *service_id)
{
  gpointer level;

  g_return_val_if_fail (VIGIE_IS_POLICY (self), VIGIE_ALERT_LEVEL_ALL);
  g_return_val_if_fail (service_id != NULL, self->default_level);

  if (g_hash_table_lookup_extended (self->levels, service_id, NULL, &level))
    return GPOINTER_TO_INT (level);

  return self->default_level;
}

void
vigie_policy_set_notify_recoveries (VigiePolicy *self,
                                    gboolean     notify)
{
  g_return_if_fail (VIGIE_IS_POLICY (self));

  self->notify_recoveries = !!notify;
}

void
vigie_policy_set_maintenance_notices (VigiePolicy             *self,
                                      VigieMaintenanceNotices  notices)
{
  g_return_if_fail (VIGIE_IS_POLICY (self));
  g_return_if_fail (notices <= VIGIE_MAINTENANCE_NOTICES_SCHEDULED);

  self->maintenance_notices = notices;
}

/**
 * vigie_policy_set_quiet_hours_enabled:
 *
 * Turning quiet hours off does not lose what was held: the next
 * vigie_policy_take_digest() returns it.
 */
void
vigie_policy_set_quiet_hours_enabled (VigiePolicy *self,
                                      gboolean     enabled)
{
  g_return_if_fail (VIGIE_IS_POLICY (self));

  self->quiet_enabled = !!enabled;
}

/**
 * vigie_policy_set_quiet_days:
 * @days: #VigieWeekdays bits: the days on which quiet hours begin
 */
void
vigie_policy_set_quiet_days (VigiePolicy *self,
                             guint        days)
{
  g_return_if_fail (VIGIE_IS_POLICY (self));

  self->quiet_days = days & VIGIE_WEEKDAYS_ALL;
}

/**
 * vigie_policy_set_quiet_hours:
 * @start_minute: when quiet hours begin, in minutes after midnight, local
 *   time (0 to 1439)
 * @end_minute: when they end; not later than @start_minute means the next
 *   day (equal: a whole day)
 */
void
vigie_policy_set_quiet_hours (VigiePolicy *self,
                              guint        start_minute,
                              guint        end_minute)
{
  g_return_if_fail (VIGIE_IS_POLICY (self));
  g_return_if_fail (start_minute < MINUTES_PER_DAY);
  g_return_if_fail (end_minute < MINUTES_PER_DAY);

  self->quiet_start = start_minute;
  self->quiet_end = end_minute;
}

void
vigie_policy_set_critical_breaks_through (VigiePolicy *self,
                                          gboolean     breaks_through)
{
  g_return_if_fail (VIGIE_IS_POLICY (self));

  self->critical_breaks_through = !!breaks_through;
}

/**
 * vigie_policy_set_paused_until:
 * @until: (nullable): when notifications resume; %NULL: not paused
 *
 * Nothing is shown or held until then (the tray still shows the state).
 */
void
vigie_policy_set_paused_until (VigiePolicy *self,
                               GDateTime   *until)
{
  g_return_if_fail (VIGIE_IS_POLICY (self));

  g_clear_pointer (&self->paused_until, g_date_time_unref);
  if (until != NULL)
    self->paused_until = g_date_time_ref (until);
}

gboolean
vigie_policy_is_paused (VigiePolicy *self,
                        GDateTime   *now)
{
  g_return_val_if_fail (VIGIE_IS_POLICY (self), FALSE);
  g_return_val_if_fail (now != NULL, FALSE);

  return self->paused_until != NULL && g_date_time_compare (now, self->paused_until) < 0;
}

/* Quiet hours */

static GDateTime *
local_at_minute (const GDate *date,
                 guint        minute)
{
  return g_date_time_new_local (g_date_get_year (date), g_date_get_month (date),
                                g_date_get_day (date), (int) (minute / 60), (int) (minute % 60),
                                0);
}

static guint
weekday_bit (const GDate *date)
{
  /* G_DATE_MONDAY is 1, G_DATE_SUNDAY 7 */
  return 1u << (g_date_get_weekday (date) - 1);
}

/* The quiet windows that begin from the day before @now's to eight days
 * after, merged where one ends when the next begins.  Returns (element-type
 * Window). */
static GArray *
quiet_windows (VigiePolicy *self,
               GDateTime   *now)
{
  g_autoptr(GArray) windows = g_array_new (FALSE, TRUE, sizeof (Window));
  g_autoptr(GDateTime) local = g_date_time_to_local (now);
  GDate date;

  g_array_set_clear_func (windows, (GDestroyNotify) window_clear);

  if (!self->quiet_enabled || self->quiet_days == 0)
    return g_steal_pointer (&windows);

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, (GDateDay) g_date_time_get_day_of_month (local),
                  (GDateMonth) g_date_time_get_month (local),
                  (GDateYear) g_date_time_get_year (local));
  g_date_subtract_days (&date, WINDOW_DAYS_BEFORE);

  for (guint i = 0; i <= WINDOW_DAYS_BEFORE + WINDOW_DAYS_AFTER; i++, g_date_add_days (&date, 1))
    {
      GDate end_date = date;
      Window window;

      if ((self->quiet_days & weekday_bit (&date)) == 0)
        continue;

      if (self->quiet_end <= self->quiet_start)
        g_date_add_days (&end_date, 1);

      window.start = local_at_minute (&date, self->quiet_start);
      window.end = local_at_minute (&end_date, self->quiet_end);

      if (window.start == NULL || window.end == NULL
          || g_date_time_compare (window.start, window.end) >= 0)
        {
          window_clear (&window);
          continue;
        }

      if (windows->len > 0)
        {
          Window *last = &g_array_index (windows, Window, windows->len - 1);

          if (g_date_time_compare (window.start, last->end) <= 0)
            {
              g_date_time_unref (last->end);
              last->end = g_steal_pointer (&window.end);
              window_clear (&window);
              continue;
            }
        }

      g_array_append_val (windows, window);
    }

  return g_steal_pointer (&windows);
}

/* Quiet all day, every day: nothing ever changes */
static gboolean
always_quiet (VigiePolicy *self)
{
  return self->quiet_enabled && self->quiet_days == VIGIE_WEEKDAYS_ALL
         && self->quiet_start == self->quiet_end;
}

/**
 * vigie_policy_is_quiet:
 *
 * Returns: whether @now is within quiet hours
 */
gboolean
vigie_policy_is_quiet (VigiePolicy *self,
                       GDateTime   *now)
{
  g_autoptr(GArray) windows = NULL;

  g_return_val_if_fail (VIGIE_IS_POLICY (self), FALSE);
  g_return_val_if_fail (now != NULL, FALSE);

  if (always_quiet (self))
    return TRUE;

  windows = quiet_windows (self, now);
  for (guint i = 0; i < windows->len; i++)
    {
      const Window *window = &g_array_index (windows, Window, i);

      if (g_date_time_compare (window->start, now) <= 0
          && g_date_time_compare (now, window->end) < 0)
        return TRUE;
    }

  return FALSE;
}

/**
 * vigie_policy_get_next_quiet_change:
 * @now: the current time
 *
 * When to look again: at that instant quiet hours begin or end, and once
 * they end vigie_policy_take_digest() has something to say (if anything
 * was held).  Call again after any quiet-hours setting changes.
 *
 * Returns: (transfer full) (nullable): the next instant after @now at which
 *   vigie_policy_is_quiet() changes, or %NULL if it never does
 */
GDateTime *
vigie_policy_get_next_quiet_change (VigiePolicy *self,
                                    GDateTime   *now)
{
  g_autoptr(GArray) windows = NULL;

  g_return_val_if_fail (VIGIE_IS_POLICY (self), NULL);
  g_return_val_if_fail (now != NULL, NULL);

  if (always_quiet (self))
    return NULL;

  windows = quiet_windows (self, now);
  for (guint i = 0; i < windows->len; i++)
    {
      const Window *window = &g_array_index (windows, Window, i);

      if (g_date_time_compare (now, window->start) < 0)
        return g_date_time_ref (window->start);
      if (g_date_time_compare (now, window->end) < 0)
        return g_date_time_ref (window->end);
    }

  return NULL;
}

/* Mutes */

/**
 * vigie_policy_mute_for:
 * @until: when the mute ends, such as an hour from now
 *
 * Nothing of the service is shown or held until then.
 */
void
vigie_policy_mute_for (VigiePolicy *self,
                       const char  *service_id,
                       GDateTime   *until)
{
  Mute *mute;

  g_return_if_fail (VIGIE_IS_POLICY (self));
  g_return_if_fail (service_id != NULL);
  g_return_if_fail (until != NULL);

  mute = g_new0 (Mute, 1);
  mute->until = g_date_time_ref (until);
  g_hash_table_insert (self->mutes, g_strdup (service_id), mute);
}

/**
 * vigie_policy_mute_until_resolved:
 *
 * Nothing of the service is shown or held until its current trouble ends;
 * then its recovery notice is shown (once, and only if recovery notices
 * are on) and the mute is over.  Meant for a service in trouble: on a
 * healthy one it lasts until the end of its next trouble.
 */
void
vigie_policy_mute_until_resolved (VigiePolicy *self,
                                  const char  *service_id)
{
  g_return_if_fail (VIGIE_IS_POLICY (self));
  g_return_if_fail (service_id != NULL);

  g_hash_table_insert (self->mutes, g_strdup (service_id), g_new0 (Mute, 1));
}

void
vigie_policy_unmute (VigiePolicy *self,
                     const char  *service_id)
{
  g_return_if_fail (VIGIE_IS_POLICY (self));
  g_return_if_fail (service_id != NULL);

  g_hash_table_remove (self->mutes, service_id);
}

/* The service's mute in force at @now, forgetting one that is over */
static Mute *
lookup_mute (VigiePolicy *self,
             const char  *service_id,
             GDateTime   *now)
{
  Mute *mute = g_hash_table_lookup (self->mutes, service_id);

  if (mute == NULL)
    return NULL;

  if (mute->until != NULL && g_date_time_compare (now, mute->until) >= 0)
    {
      g_hash_table_remove (self->mutes, service_id);
      return NULL;
    }

  return mute;
}

/**
 * vigie_policy_get_mute:
 * @out_until: (out) (optional) (transfer none): for %VIGIE_MUTE_UNTIL, when
 *   it ends
 *
 * Returns: how the service is muted at @now
 */
VigieMute
vigie_policy_get_mute (VigiePolicy  *self,
                       const char   *service_id,
                       GDateTime    *now,
                       GDateTime   **out_until)
{
  Mute *mute;

  g_return_val_if_fail (VIGIE_IS_POLICY (self), VIGIE_MUTE_NONE);
  g_return_val_if_fail (service_id != NULL, VIGIE_MUTE_NONE);
  g_return_val_if_fail (now != NULL, VIGIE_MUTE_NONE);

  if (out_until != NULL)
    *out_until = NULL;

  mute = lookup_mute (self, service_id, now);
  if (mute == NULL || mute->resolved_at != NULL)
    return VIGIE_MUTE_NONE;

  if (mute->until == NULL)
    return VIGIE_MUTE_UNTIL_RESOLVED;

  if (out_until != NULL)
    *out_until = mute->until;
  return VIGIE_MUTE_UNTIL;
}

/* Decisions */

static char *
slot_key (const char *service_id,
          const char *slot)
{
  return g_strconcat (service_id, "\x1f", slot != NULL ? slot : "", NULL);
}

static gboolean
level_passes (VigieAlertLevel level,
              VigieSeverity   severity)
{
  switch (level)
    {
    case VIGIE_ALERT_LEVEL_ALL:
      return vigie_severity_is_trouble (severity);
    case VIGIE_ALERT_LEVEL_MAJOR:
      return severity == VIGIE_SEVERITY_MAJOR || severity == VIGIE_SEVERITY_CRITICAL;
    case VIGIE_ALERT_LEVEL_CRITICAL:
      return severity == VIGIE_SEVERITY_CRITICAL;
    case VIGIE_ALERT_LEVEL_MUTED:
    default:
      return FALSE;
    }
}

static VigieDigestItem *
find_held (VigiePolicy *self,
           const char  *service_id,
           const char  *slot,
           guint       *out_index)
{
  for (guint i = 0; i < self->held->len; i++)
    {
      VigieDigestItem *item = g_ptr_array_index (self->held, i);

      if (g_str_equal (item->service_id, service_id) && g_strcmp0 (item->slot, slot) == 0)
        {
          if (out_index != NULL)
            *out_index = i;
          return item;
        }
    }

  return NULL;
}

static void
remove_held (VigiePolicy *self,
             const char  *service_id,
             const char  *slot)
{
  guint index;

  if (find_held (self, service_id, slot, &index) != NULL)
    g_ptr_array_remove_index (self->held, index);
}

static void
replace_time (GDateTime **time,
              GDateTime  *value)
{
  g_clear_pointer (time, g_date_time_unref);
  if (value != NULL)
    *time = g_date_time_ref (value);
}

/* Merges @event into the digest; @severity is the worst the slot reached */
static VigieRoute
hold (VigiePolicy      *self,
      const VigieEvent *event,
      VigieSeverity     severity,
      GDateTime        *now)
{
  VigieDigestItem *item = find_held (self, event->service_id, event->slot, NULL);
  gboolean maintenance = event->kind == VIGIE_EVENT_MAINTENANCE_SCHEDULED
                         || event->kind == VIGIE_EVENT_MAINTENANCE_STARTED;

  if (item == NULL)
    {
      if (self->held->len >= MAX_HELD)
        {
          g_debug ("%s: too much held already, dropped", event->service_id);
          return VIGIE_ROUTE_DROP;
        }

      item = g_new0 (VigieDigestItem, 1);
      item->service_id = g_strdup (event->service_id);
      item->slot = g_strdup (event->slot);
      item->severity = severity;
      item->maintenance = maintenance;
      item->started_at = g_date_time_ref (event->started_at != NULL ? event->started_at : now);
      g_ptr_array_add (self->held, item);
    }

  g_free (item->service_name);
  item->service_name = g_strdup (event->service_name != NULL ? event->service_name
                                                             : event->service_id);
  if (event->title != NULL)
    {
      g_free (item->title);
      item->title = g_strdup (event->title);
    }
  item->severity = maintenance ? VIGIE_SEVERITY_MAINTENANCE
                               : vigie_severity_worst (item->severity, severity);
  if (event->started_at != NULL)
    replace_time (&item->started_at, event->started_at);

  if (maintenance)
    replace_time (&item->ended_at, event->ended_at);
  else if (event->kind == VIGIE_EVENT_CLOSED)
    replace_time (&item->ended_at, event->ended_at != NULL ? event->ended_at : now);

  return VIGIE_ROUTE_HOLD;
}

static VigieRoute
route_maintenance (VigiePolicy      *self,
                   const VigieEvent *event,
                   GDateTime        *now)
{
  if (vigie_policy_get_level (self, event->service_id) == VIGIE_ALERT_LEVEL_MUTED
      || self->maintenance_notices == VIGIE_MAINTENANCE_NOTICES_NEVER
      || (event->kind == VIGIE_EVENT_MAINTENANCE_SCHEDULED
          && self->maintenance_notices != VIGIE_MAINTENANCE_NOTICES_SCHEDULED))
    return VIGIE_ROUTE_DROP;

  if (lookup_mute (self, event->service_id, now) != NULL || vigie_policy_is_paused (self, now))
    return VIGIE_ROUTE_DROP;

  if (vigie_policy_is_quiet (self, now))
    return hold (self, event, VIGIE_SEVERITY_MAINTENANCE, now);

  remove_held (self, event->service_id, event->slot);
  return VIGIE_ROUTE_SHOW;
}

/* An incident that replaces the service's own slot takes over what the
 * user was told of it, and its place in the digest. */
static void
take_over_slot (VigiePolicy      *self,
                const VigieEvent *event)
{
  g_autofree char *old_key = slot_key (event->service_id, event->replaces_slot);
  g_autofree char *stolen_key = NULL;
  SlotRecord *record = NULL;
  VigieDigestItem *item;

  if (g_hash_table_steal_extended (self->slots, old_key, (gpointer *) &stolen_key,
                                   (gpointer *) &record))
    g_hash_table_insert (self->slots, slot_key (event->service_id, event->slot), record);

  item = find_held (self, event->service_id, event->replaces_slot, NULL);
  if (item != NULL && find_held (self, event->service_id, event->slot, NULL) == NULL)
    {
      g_free (item->slot);
      item->slot = g_strdup (event->slot);
    }
}

/* Whether the end of a slot concerns the user at all */
static gboolean
closing_is_relevant (VigieAlertLevel    level,
                     const SlotRecord  *record,
                     gboolean           held,
                     gboolean           ends_mute,
                     const VigieEvent  *event)
{
  if (level == VIGIE_ALERT_LEVEL_MUTED)
    return FALSE;

  if (held || (record != NULL && record->told))
    return TRUE;

  /* Seen in this run but never told (filtered, paused, muted): the user
   * never heard of it, except for the recovery a mute until resolved
   * promised. */
  if (record != NULL)
    return ends_mute && level_passes (level, record->worst);

  /* Opened before this run: told then if its level allowed it. */
  return level_passes (level, vigie_severity_worst (event->previous_severity,
                                                    event->incident_severity));
}

/**
 * vigie_policy_route:
 * @event: an event from vigie_tracker_observe()
 * @now: the current time; every event of one poll gets the same
 *
 * Decides what becomes of an event, and remembers it: call it once per
 * event, in the tracker's order, and show the event if the answer is
 * %VIGIE_ROUTE_SHOW.  A held event is kept inside the policy until
 * vigie_policy_take_digest().
 *
 * Returns: what to do with @event
 */
VigieRoute
vigie_policy_route (VigiePolicy      *self,
                   const VigieEvent *event,
                   GDateTime        *now)
{
  g_autofree char *key = NULL;
  VigieAlertLevel level;
  SlotRecord *record;
  VigieDigestItem *held;
  Mute *mute;
  gboolean closing;
  gboolean ends_mute = FALSE;
  gboolean relevant;
  VigieSeverity worst;
  VigieRoute route;

  g_return_val_if_fail (VIGIE_IS_POLICY (self), VIGIE_ROUTE_DROP);
  g_return_val_if_fail (event != NULL, VIGIE_ROUTE_DROP);
  g_return_val_if_fail (event->service_id != NULL, VIGIE_ROUTE_DROP);
  g_return_val_if_fail (now != NULL, VIGIE_ROUTE_DROP);

  if (event->kind == VIGIE_EVENT_MAINTENANCE_SCHEDULED
      || event->kind == VIGIE_EVENT_MAINTENANCE_STARTED)
    return route_maintenance (self, event, now);

  if (event->kind == VIGIE_EVENT_OPENED && event->replaces_slot != NULL)
    take_over_slot (self, event);

  key = slot_key (event->service_id, event->slot);
  level = vigie_policy_get_level (self, event->service_id);
  closing = event->kind == VIGIE_EVENT_CLOSED;
  held = find_held (self, event->service_id, event->slot, NULL);

  record = g_hash_table_lookup (self->slots, key);
  if (record == NULL && !closing)
    {
      record = g_new0 (SlotRecord, 1);
      record->worst = event->severity;
      g_hash_table_insert (self->slots, g_strdup (key), record);
    }
  if (record != NULL && !closing)
    record->worst = vigie_severity_worst (record->worst, event->severity);

  worst = record != NULL ? record->worst
                         : vigie_severity_worst (event->previous_severity, event->incident_severity);

  /* A mute until resolved ends with the recovery, whatever becomes of its
   * notice; the other closings of that same poll are part of it. */
  mute = lookup_mute (self, event->service_id, now);
  if (mute != NULL && mute->until == NULL)
    {
      if (mute->resolved_at != NULL)
        {
          if (!(closing && g_date_time_equal (mute->resolved_at, now)))
            {
              g_hash_table_remove (self->mutes, event->service_id);
              mute = NULL;
            }
        }
      else if (closing && event->recovered)
        {
          mute->resolved_at = g_date_time_ref (now);
          ends_mute = TRUE;
        }
    }

  /* 1. the alert level */
  if (closing)
    relevant = closing_is_relevant (level, record, held != NULL, ends_mute, event);
  else
    relevant = level != VIGIE_ALERT_LEVEL_MUTED
               && (record->told || held != NULL || level_passes (level, event->severity));

  /* 2. pause and mutes, 3. recovery notices, 4. quiet hours */
  if (!relevant)
    route = VIGIE_ROUTE_DROP;
  else if (vigie_policy_is_paused (self, now) || (mute != NULL && !ends_mute))
    route = VIGIE_ROUTE_DROP;
  else if (closing && !self->notify_recoveries)
    route = held != NULL ? hold (self, event, worst, now) : VIGIE_ROUTE_DROP;
  else if (!vigie_policy_is_quiet (self, now))
    route = VIGIE_ROUTE_SHOW;
  else if (!closing && self->critical_breaks_through
           && event->severity == VIGIE_SEVERITY_CRITICAL
           && !(record->told && record->told_worst == VIGIE_SEVERITY_CRITICAL))
    route = VIGIE_ROUTE_SHOW;
  else if (!closing && record->told && held == NULL
           && vigie_severity_compare (event->severity, record->told_worst) <= 0)
    /* news of an incident the user knows, no worse than they know it: the
     * digest would have nothing to add */
    route = VIGIE_ROUTE_DROP;
  else
    route = hold (self, event, worst, now);

  if (route == VIGIE_ROUTE_SHOW)
    {
      /* the notification now says it all: the digest will not repeat it */
      remove_held (self, event->service_id, event->slot);
      if (!closing)
        {
          record->told_worst = record->told ? vigie_severity_worst (record->told_worst,
                                                                    event->severity)
                                            : event->severity;
          record->told = TRUE;
        }
    }

  if (closing)
    g_hash_table_remove (self->slots, key);

  return route;
}

/**
 * vigie_policy_has_held:
 *
 * Returns: whether something waits for the digest
 */
gboolean
vigie_policy_has_held (VigiePolicy *self)
{
  g_return_val_if_fail (VIGIE_IS_POLICY (self), FALSE);

  return self->held->len > 0;
}

/**
 * vigie_policy_take_digest:
 * @now: the current time
 *
 * Once quiet hours are over, hands over what was held, merged per
 * incident, and forgets it; incidents still open count as told, so that
 * their end is notified.  Call it when vigie_policy_get_next_quiet_change()
 * comes, and before routing the events of each poll.
 *
 * Returns: (transfer full) (nullable): the digest, or %NULL when nothing
 *   was held or quiet hours go on
 */
VigieDigest *
vigie_policy_take_digest (VigiePolicy *self,
                          GDateTime   *now)
{
  g_autoptr(GPtrArray) held = NULL;
  g_autoptr(VigieDigest) digest = NULL;

  g_return_val_if_fail (VIGIE_IS_POLICY (self), NULL);
  g_return_val_if_fail (now != NULL, NULL);

  if (self->held->len == 0 || vigie_policy_is_quiet (self, now))
    return NULL;

  held = g_steal_pointer (&self->held);
  self->held = g_ptr_array_new_with_free_func ((GDestroyNotify) digest_item_free);

  digest = g_new0 (VigieDigest, 1);
  digest->items = g_ptr_array_new_with_free_func ((GDestroyNotify) digest_item_free);

  /* grouped by service, services and items in order of arrival */
  for (guint i = 0; i < held->len; i++)
    {
      VigieDigestItem *first = g_ptr_array_index (held, i);
      g_autofree char *service_id = NULL;

      if (first == NULL)
        continue;

      service_id = g_strdup (first->service_id);
      for (guint j = i; j < held->len; j++)
        {
          VigieDigestItem *item = g_ptr_array_index (held, j);

          if (item == NULL || !g_str_equal (item->service_id, service_id))
            continue;

          g_ptr_array_index (held, j) = NULL;

          /* muted since; or a maintenance that is over, with nothing left to do */
          if (vigie_policy_get_level (self, service_id) == VIGIE_ALERT_LEVEL_MUTED
              || (item->maintenance && item->ended_at != NULL
                  && g_date_time_compare (item->ended_at, now) <= 0))
            {
              digest_item_free (item);
              continue;
            }

          if (!item->maintenance && item->ended_at == NULL)
            {
              g_autofree char *key = slot_key (item->service_id, item->slot);
              SlotRecord *record = g_hash_table_lookup (self->slots, key);

              if (record == NULL)
                {
                  record = g_new0 (SlotRecord, 1);
                  record->worst = item->severity;
                  g_hash_table_insert (self->slots, g_steal_pointer (&key), record);
                }
              record->told_worst = record->told ? vigie_severity_worst (record->told_worst,
                                                                        item->severity)
                                                : item->severity;
              record->told = TRUE;
            }

          g_ptr_array_add (digest->items, item);
        }
    }

  if (digest->items->len == 0)
    return NULL;

  return g_steal_pointer (&digest);
}

/**
 * vigie_policy_forget_service:
 *
 * Drops all that is known of a service that is no longer watched: its
 * mute, its slots, what was held of it.  Its level stays (it is a setting).
 */
void
vigie_policy_forget_service (VigiePolicy *self,
                             const char  *service_id)
{
  GHashTableIter iter;
  gpointer key;
  g_autofree char *prefix = NULL;

  g_return_if_fail (VIGIE_IS_POLICY (self));
  g_return_if_fail (service_id != NULL);

  g_hash_table_remove (self->mutes, service_id);

  prefix = slot_key (service_id, NULL);
  g_hash_table_iter_init (&iter, self->slots);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (g_str_has_prefix (key, prefix))
      g_hash_table_iter_remove (&iter);

  for (guint i = self->held->len; i > 0; i--)
    {
      VigieDigestItem *item = g_ptr_array_index (self->held, i - 1);

      if (g_str_equal (item->service_id, service_id))
        g_ptr_array_remove_index (self->held, i - 1);
    }
}

/* Saved state */

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_strcmp0 (a, b);
}

/**
 * vigie_policy_save_to:
 * @builder: a builder inside an object, where the policy adds its members
 *
 * Saves what the user said and was told: mutes, what was told of each open
 * incident, and what waits for the digest.  Settings (levels, quiet hours,
 * pause) live in GSettings and are not part of it.
 */
void
vigie_policy_save_to (VigiePolicy *self,
                      JsonBuilder *builder)
{
  g_autoptr(GList) keys = NULL;

  g_return_if_fail (VIGIE_IS_POLICY (self));

  json_builder_set_member_name (builder, "mutes");
  json_builder_begin_object (builder);
  keys = g_list_sort (g_hash_table_get_keys (self->mutes), compare_strings);
  for (GList *l = keys; l != NULL; l = l->next)
    {
      Mute *mute = g_hash_table_lookup (self->mutes, l->data);

      /* a mute until resolved whose recovery came is over */
      if (mute->resolved_at != NULL)
        continue;

      json_builder_set_member_name (builder, l->data);
      json_builder_begin_object (builder);
      if (mute->until != NULL)
        vigie_json_add_time (builder, "until", mute->until);
      else
        vigie_json_add_string (builder, "until", "resolved");
      json_builder_end_object (builder);
    }
  json_builder_end_object (builder);
  g_clear_pointer (&keys, g_list_free);

  json_builder_set_member_name (builder, "told");
  json_builder_begin_array (builder);
  keys = g_list_sort (g_hash_table_get_keys (self->slots), compare_strings);
  for (GList *l = keys; l != NULL; l = l->next)
    {
      SlotRecord *record = g_hash_table_lookup (self->slots, l->data);
      const char *separator = strchr (l->data, '\x1f');
      g_autofree char *service_id = g_strndup (l->data, separator - (const char *) l->data);

      json_builder_begin_object (builder);
      vigie_json_add_string (builder, "service", service_id);
      vigie_json_add_string (builder, "slot", separator + 1);
      json_builder_set_member_name (builder, "told");
      json_builder_add_boolean_value (builder, record->told);
      vigie_json_add_string (builder, "told_worst", vigie_severity_to_string (record->told_worst));
      vigie_json_add_string (builder, "worst", vigie_severity_to_string (record->worst));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "digest");
  json_builder_begin_array (builder);
  for (guint i = 0; i < self->held->len; i++)
    {
      VigieDigestItem *item = g_ptr_array_index (self->held, i);

      json_builder_begin_object (builder);
      vigie_json_add_string (builder, "service", item->service_id);
      vigie_json_add_string (builder, "name", item->service_name);
      vigie_json_add_string (builder, "slot", item->slot);
      vigie_json_add_string (builder, "title", item->title);
      vigie_json_add_string (builder, "severity", vigie_severity_to_string (item->severity));
      vigie_json_add_time (builder, "started_at", item->started_at);
      vigie_json_add_time (builder, "ended_at", item->ended_at);
      json_builder_set_member_name (builder, "maintenance");
      json_builder_add_boolean_value (builder, item->maintenance);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

static VigieSeverity
get_severity (JsonObject    *object,
              const char    *member,
              VigieSeverity  fallback)
{
  VigieSeverity severity;

  if (!vigie_severity_from_string (vigie_json_get_string (object, member), &severity))
    return fallback;

  return severity;
}

/* Ids and slot keys are read back only as they were written: clean text */
static char *
dup_clean_id (JsonObject *object,
              const char *member)
{
  const char *text = vigie_json_get_string (object, member);
  g_autofree char *clean = vigie_text_clean (text, VIGIE_MAX_TITLE_CHARS);

  if (text == NULL || (text[0] != '\0' && g_strcmp0 (clean, text) != 0) || strchr (text, '\x1f'))
    return NULL;

  return g_strdup (text);
}

static void
load_mutes (VigiePolicy *self,
            JsonObject  *mutes,
            GDateTime   *now)
{
  JsonObjectIter iter;
  const char *id;
  JsonNode *node;

  json_object_iter_init (&iter, mutes);
  while (json_object_iter_next (&iter, &id, &node)
         && g_hash_table_size (self->mutes) < VIGIE_MAX_SERVICES)
    {
      JsonObject *object = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
      g_autofree char *clean_id = vigie_text_clean (id, VIGIE_MAX_NAME_CHARS);
      const char *until = object != NULL ? vigie_json_get_string (object, "until") : NULL;
      g_autoptr(GDateTime) until_time = NULL;

      if (until == NULL || g_strcmp0 (clean_id, id) != 0)
        continue;

      if (g_str_equal (until, "resolved"))
        {
          vigie_policy_mute_until_resolved (self, id);
          continue;
        }

      until_time = g_date_time_new_from_iso8601 (until, NULL);
      if (until_time != NULL && (now == NULL || g_date_time_compare (until_time, now) > 0))
        vigie_policy_mute_for (self, id, until_time);
    }
}

static void
load_told (VigiePolicy *self,
           JsonArray   *told)
{
  for (guint i = 0; i < json_array_get_length (told)
                    && g_hash_table_size (self->slots) < VIGIE_MAX_SERVICES * 4; i++)
    {
      JsonObject *object = vigie_json_array_get_object (told, i);
      g_autofree char *service_id = object != NULL ? dup_clean_id (object, "service") : NULL;
      g_autofree char *slot = object != NULL ? dup_clean_id (object, "slot") : NULL;
      SlotRecord *record;

      if (service_id == NULL || service_id[0] == '\0' || slot == NULL)
        continue;

      record = g_new0 (SlotRecord, 1);
      record->told = vigie_json_get_boolean (object, "told", FALSE);
      record->told_worst = get_severity (object, "told_worst", VIGIE_SEVERITY_OPERATIONAL);
      record->worst = get_severity (object, "worst", record->told_worst);
      g_hash_table_insert (self->slots, slot_key (service_id, slot), record);
    }
}

static void
load_digest (VigiePolicy *self,
             JsonArray   *digest)
{
  for (guint i = 0; i < json_array_get_length (digest) && self->held->len < MAX_HELD; i++)
    {
      JsonObject *object = vigie_json_array_get_object (digest, i);
      g_autofree char *service_id = object != NULL ? dup_clean_id (object, "service") : NULL;
      g_autofree char *slot = object != NULL ? dup_clean_id (object, "slot") : NULL;
      VigieDigestItem *item;

      if (service_id == NULL || service_id[0] == '\0' || slot == NULL)
        continue;

      item = g_new0 (VigieDigestItem, 1);
      item->service_id = g_steal_pointer (&service_id);
      item->slot = g_steal_pointer (&slot);
      item->service_name = vigie_text_clean (vigie_json_get_string (object, "name"),
                                             VIGIE_MAX_NAME_CHARS);
      vigie_text_flatten (item->service_name);
      if (item->service_name == NULL)
        item->service_name = g_strdup (item->service_id);
      item->title = vigie_text_clean (vigie_json_get_string (object, "title"),
                                      VIGIE_MAX_TITLE_CHARS);
      vigie_text_flatten (item->title);
      item->severity = get_severity (object, "severity", VIGIE_SEVERITY_UNKNOWN);
      item->started_at = vigie_json_get_time (object, "started_at");
      item->ended_at = vigie_json_get_time (object, "ended_at");
      item->maintenance = vigie_json_get_boolean (object, "maintenance", FALSE);
      if (item->started_at == NULL)
        {
          digest_item_free (item);
          continue;
        }
      g_ptr_array_add (self->held, item);
    }
}

/**
 * vigie_policy_load_from:
 * @state: the saved state's root object
 * @now: (nullable): mutes that ended before it are not restored
 *
 * Restores what vigie_policy_save_to() wrote, within bounds and with its
 * text cleaned as feed text; missing parts load as nothing.
 */
void
vigie_policy_load_from (VigiePolicy *self,
                        JsonObject  *state,
                        GDateTime   *now)
{
  JsonObject *mutes;
  JsonArray *told;
  JsonArray *digest;

  g_return_if_fail (VIGIE_IS_POLICY (self));
  g_return_if_fail (state != NULL);

  g_hash_table_remove_all (self->mutes);
  g_hash_table_remove_all (self->slots);
  g_ptr_array_set_size (self->held, 0);

  mutes = vigie_json_get_object (state, "mutes");
  told = vigie_json_get_array (state, "told");
  digest = vigie_json_get_array (state, "digest");

  if (mutes != NULL)
    load_mutes (self, mutes, now);
  if (told != NULL)
    load_told (self, told);
  if (digest != NULL)
    load_digest (self, digest);
}
