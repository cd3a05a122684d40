/* test-policy.c: what is shown, held or dropped: alert levels, recovery
 * notices, maintenances, pause, mutes and quiet hours with their digest,
 * with an injected clock in a pinned time zone
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "vigie-format.h"
#include "vigie-policy.h"
#include "vigie-snapshot-private.h"
#include "vigie-test-utils.h"
#include "vigie-tracker.h"

#define NBSP "\u00a0"
/* the status page's own words in a French notification */
#define QUOTED(words) "Selon la page d’état" NBSP ": «" NBSP words NBSP "»"

#define SHOW VIGIE_ROUTE_SHOW
#define HOLD VIGIE_ROUTE_HOLD
#define DROP VIGIE_ROUTE_DROP

#define MINOR VIGIE_SEVERITY_MINOR
#define MAJOR VIGIE_SEVERITY_MAJOR
#define CRITICAL VIGIE_SEVERITY_CRITICAL
#define OPERATIONAL VIGIE_SEVERITY_OPERATIONAL

/* Monday 23 November 2026, Paris time (UTC+1) */
static GDateTime *
monday (int hour,
        int minute)
{
  return g_date_time_new_local (2026, 11, 23, hour, minute, 0);
}

static GDateTime *
local (int month,
       int day,
       int hour,
       int minute)
{
  return g_date_time_new_local (2026, month, day, hour, minute, 0);
}

static VigieEvent *
event_new (VigieEventKind  kind,
           const char     *service_id,
           const char     *slot,
           VigieSeverity   severity,
           GDateTime      *started_at)
{
  VigieEvent *event = g_new0 (VigieEvent, 1);

  event->kind = kind;
  event->service_id = g_strdup (service_id);
  event->service_name = g_strdup (g_str_equal (service_id, "slack") ? "Slack" : "Zoom");
  event->slot = g_strdup (slot);
  event->severity = severity;
  event->previous_severity = severity;
  event->incident_severity = severity;
  event->title = g_strdup ("Trouble connecting");
  event->started_at = started_at != NULL ? g_date_time_ref (started_at) : NULL;

  return event;
}

/* Routes an OPENED (or UPDATED) event of @severity at @now; the incident
 * started at @started_at, or at @now */
static VigieRoute
route_open (VigiePolicy    *policy,
            VigieEventKind  kind,
            const char     *service_id,
            const char     *slot,
            VigieSeverity   severity,
            GDateTime      *started_at,
            GDateTime      *now)
{
  g_autoptr(VigieEvent) event = event_new (kind, service_id, slot, severity,
                                           started_at != NULL ? started_at : now);

  return vigie_policy_route (policy, event, now);
}

static VigieRoute
opened (VigiePolicy   *policy,
        const char    *service_id,
        const char    *slot,
        VigieSeverity  severity,
        GDateTime     *now)
{
  return route_open (policy, VIGIE_EVENT_OPENED, service_id, slot, severity, NULL, now);
}

static VigieRoute
updated (VigiePolicy   *policy,
         const char    *service_id,
         const char    *slot,
         VigieSeverity  severity,
         GDateTime     *started_at,
         GDateTime     *now)
{
  return route_open (policy, VIGIE_EVENT_UPDATED, service_id, slot, severity, started_at, now);
}

/* Routes the end of a slot that was at @was, at @now */
static VigieRoute
closed (VigiePolicy   *policy,
        const char    *service_id,
        const char    *slot,
        VigieSeverity  was,
        gboolean       recovered,
        GDateTime     *started_at,
        GDateTime     *now)
{
  g_autoptr(VigieEvent) event = event_new (VIGIE_EVENT_CLOSED, service_id, slot,
                                           recovered ? OPERATIONAL : was, started_at);

  event->previous_severity = was;
  event->incident_severity = was;
  event->ended_at = g_date_time_ref (now);
  event->recovered = recovered;

  return vigie_policy_route (policy, event, now);
}

static const VigieDigestItem *
item_at (VigieDigest *digest,
         guint        index)
{
  g_assert_nonnull (digest);
  g_assert_cmpuint (index, <, digest->items->len);
  return g_ptr_array_index (digest->items, index);
}

static void
assert_time (GDateTime *time,
             GDateTime *expected)
{
  g_assert_nonnull (time);
  g_assert_true (g_date_time_equal (time, expected));
}

/* Alert levels */

static void
test_level_all (void)
{
  g_autoptr(VigiePolicy) policy = vigie_policy_new ();
  g_autoptr(GDateTime) now = monday (10, 0);

  g_assert_cmpint (vigie_policy_get_level (policy, "slack"), ==, VIGIE_ALERT_LEVEL_ALL);
  g_assert_cmpint (opened (policy, "slack", "1", MINOR, now), ==, SHOW);
  g_assert_cmpint (opened (policy, "slack", "2", MAJOR, now), ==, SHOW);
  g_assert_cmpint (opened (policy, "slack", "3", CRITICAL, now), ==, SHOW);
  g_assert_cmpint (closed (policy, "slack", "1", MINOR, FALSE, now, now), ==, SHOW);
  g_assert_cmpint (closed (policy, "slack", "2", MAJOR, FALSE, now, now), ==, SHOW);
  g_assert_cmpint (closed (policy, "slack", "3", CRITICAL, TRUE, now, now), ==, SHOW);
}

static void
test_level_major (void)
{
  g_autoptr(VigiePolicy) policy = vigie_policy_new ();
  g_autoptr(GDateTime) now = monday (10, 0);

  vigie_policy_set_default_level (policy, VIGIE_ALERT_LEVEL_MAJOR);

  g_assert_cmpint (opened (policy, "slack", "1", MINOR, now), ==, DROP);
  g_assert_cmpint (opened (policy, "slack", "2", MAJOR, now), ==, SHOW);
  g_assert_cmpint (opened (policy, "slack", "3", CRITICAL, now), ==, SHOW);

  /* the user never heard of the minor one: nor of its end */
  g_assert_cmpint (closed (policy, "slack", "1", MINOR, FALSE, now, now), ==, DROP);
  g_assert_cmpint (closed (policy, "slack", "2", MAJOR, FALSE, now, now), ==, SHOW);
  g_assert_cmpint (closed (policy, "slack", "3", CRITICAL, TRUE, now, now), ==, SHOW);
}

static void
test_level_critical (void)
{
  g_autoptr(VigiePolicy) policy = vigie_policy_new ();
  g_autoptr(GDateTime) now = monday (10, 0);

  vigie_policy_set_default_level (policy, VIGIE_ALERT_LEVEL_CRITICAL);

  g_assert_cmpint (opened (policy, "slack", "1", MINOR, now), ==, DROP);
  g_assert_cmpint (opened (policy, "slack", "2", MAJOR, now), ==, DROP);
  g_assert_cmpint (opened (policy, "slack", "3", CRITICAL, now), ==, SHOW);
  g_assert_cmpint (closed (policy, "slack", "2", MAJOR, FALSE, now, now), ==, DROP);
  g_assert_cmpint (closed (policy, "slack", "3", CRITICAL, TRUE, now, now), ==, SHOW);
}

static void
test_level_muted (void)
{
  g_autoptr(VigiePolicy) policy = vigie_policy_new ();
  g_autoptr(GDateTime) now = monday (10, 0);

  g_assert_cmpint (opened (policy, "slack", "1", MAJOR, now), ==, SHOW);

  /* muted even what the user was told about */
  vigie_policy_set_service_level (policy, "slack", VIGIE_ALERT_LEVEL_MUTED);
  g_assert_cmpint (updated (policy, "slack", "1", CRITICAL, now, now), ==, DROP);
  g_assert_cmpint (opened (policy, "slack", "2", CRITICAL, now), ==, DROP);
  g_assert_cmpint (closed (policy, "slack", "1", CRITICAL, TRUE, now, now), ==, DROP);

  /* only that service */
  g_assert_cmpint (opened (policy, "zoom", "1", MINOR, now), ==, SHOW);
}

/* Under "major only", a minor incident that grows major is told then, and
 * once told, its way back down and its end are told too. */
static void
test_level_told_then_tell_the_end (void)
{
  g_autoptr(VigiePolicy) policy = vigie_policy_new ();
  g_autoptr(GDateTime) start = monday (10, 0);
  g_autoptr(GDateTime) later = monday (10, 20);
  g_autoptr(GDateTime) calmer = monday (11, 0);
  g_autoptr(GDateTime) end = monday (12, 0);

  vigie_policy_set_default_level (policy, VIGIE_ALERT_LEVEL_MAJOR);

  g_assert_cmpint (opened (policy, "slack", "1", MINOR, start), ==, DROP);
  g_assert_cmpint (updated (policy, "slack", "1", MINOR, start, later), ==, DROP);
  g_assert_cmpint (updated (policy, "slack", "1", MAJOR, start, later), ==, SHOW);
  g_assert_cmpint (updated (policy, "slack", "1", MINOR, start, calmer), ==, SHOW);
  g_assert_cmpint (closed (policy, "slack", "1", MINOR, TRUE, start, end), ==, SHOW);

  /* the slot is over: a new minor one with the same key starts afresh */
  g_assert_cmpint (opened (policy, "slack", "1", MINOR, end), ==, DROP);

  /* raising the level does not hide the end of what was told */
  g_assert_cmpint (opened (policy, "zoom", "7", MAJOR, start), ==, SHOW);
  vigie_policy_set_default_level (policy, VIGIE_ALERT_LEVEL_CRITICAL);
  g_assert_cmpint (updated (policy, "zoom", "7", MAJOR, start, later), ==, SHOW);
  g_assert_cmpint (closed (policy, "zoom", "7", MAJOR, TRUE, start, end), ==, SHOW);
}

static void
test_level_per_service (void)
{
  g_autoptr(VigiePolicy) policy = vigie_policy_new ();
  g_autoptr(GDateTime) now = monday (10, 0);
  VigieAlertLevel level;

  vigie_policy_set_default_level (policy, VIGIE_ALERT_LEVEL_MAJOR);
  vigie_policy_set_service_level (policy, "slack", VIGIE_ALERT_LEVEL_ALL);

  g_assert_cmpint (opened (policy, "slack", "1", MINOR, now), ==, SHOW);
  g_assert_cmpint (opened (policy, "zoom", "1", MINOR, now), ==, DROP);

  vigie_policy_unset_service_level (policy, "slack");
  g_assert_cmpint (vigie_policy_get_level (policy, "slack"), ==, VIGIE_ALERT_LEVEL_MAJOR);
  vigie_policy_set_service_level (policy, "zoom", VIGIE_ALERT_LEVEL_ALL);
  vigie_policy_clear_service_levels (policy);
  g_assert_cmpint (vigie_policy_get_level (policy, "zoom"), ==, VIGIE_ALERT_LEVEL_MAJOR);

  /* the settings' words */
  g_assert_true (vigie_alert_level_from_string ("minor", &level));
  g_assert_cmpint (level, ==, VIGIE_ALERT_LEVEL_ALL);
  g_assert_true (vigie_alert_level_from_string ("maintenance", &level));
  g_assert_cmpint (level, ==, VIGIE_ALERT_LEVEL_ALL);
  g_assert_true (vigie_alert_level_from_string ("major", &level));
  g_assert_cmpint (level, ==, VIGIE_ALERT_LEVEL_MAJOR);
  g_assert_true (vigie_alert_level_from_string ("critical", &level));
  g_assert_cmpint (level, ==, VIGIE_ALERT_LEVEL_CRITICAL);
  g_assert_true (vigie_alert_level_from_string ("muted", &level));
  g_assert_cmpint (level, ==, VIGIE_ALERT_LEVEL_MUTED);
  g_assert_false (vigie_alert_level_from_string ("loud", &level));
  g_assert_false (vigie_alert_level_from_string (NULL, &level));
  for (level = VIGIE_ALERT_LEVEL_ALL; level <= VIGIE_ALERT_LEVEL_MUTED; level++)
    {
      VigieAlertLevel read;

      g_assert_true (vigie_alert_level_from_string (vigie_alert_level_to_string (level), &read));
      g_assert_cmpint (read, ==, level);
    }
}

/* The service's own trouble turned out to be an incident: what the user was
 * told of it carries over. */
static void
test_level_replaced_slot (void)
{
  g_autoptr(VigiePolicy) policy = vigie_policy_new ();
  g_autoptr(GDateTime) start = monday (10, 0);
  g_autoptr(GDateTime) later = monday (10, 10);
  g_autoptr(GDateTime) end = monday (11, 0);
  g_autoptr(VigieEvent) incident = event_new (VIGIE_EVENT_OPENED, "slack", "42", MINOR, start);

  vigie_policy_set_default_level (policy, VIGIE_ALERT_LEVEL_MAJOR);
  g_assert_cmpint (opened (policy, "slack", VIGIE_TRACKER_SERVICE_SLOT, MAJOR, start), ==, SHOW);

  incident->replaces_slot = g_strdup (VIGIE_TRACKER_SERVICE_SLOT);
  g_assert_cmpint (vigie_policy_route (policy, incident, later), ==, SHOW);
  g_assert_cmpint (closed (policy, "slack", "42", MINOR, TRUE, start, end), ==, SHOW);
}

/* After a restart the policy has seen nothing: the end of an incident that
 * began before is told if its level would have told it. */
static void
test_level_after_restart (void)
{
  g_autoptr(VigiePolicy) policy = vigie_policy_new ();
  g_autoptr(GDateTime) start = monday (8, 0);
  g_autoptr(GDateTime) now = monday (10, 0);

  vigie_policy_set_default_level (policy, VIGIE_ALERT_LEVEL_MAJOR);
  g_assert_cmpint (closed (policy, "slack", "1", MAJOR, TRUE, start, now), ==, SHOW);
  g_assert_cmpint (closed (policy, "zoom", "1", MINOR, TRUE, start, now), ==, DROP);
}

/* Recovery notices */

static void
test_recoveries_off (void)
{
  g_autoptr(VigiePolicy) policy = vigie_policy_new ();
  g_autoptr(GDateTime) start = monday (10, 0);
  g_autoptr(GDateTime) end = monday (11, 0);

  vigie_policy_set_notify_recoveries (policy, FALSE);

  g_assert_cmpint (opened (policy, "slack", "1", MAJOR, start), ==, SHOW);
  g_assert_cmpint (opened (policy, "slack", "2", MINOR, start), ==, SHOW);
  g_assert_cmpint (closed (policy, "slack", "1", MAJOR, FALSE, start, end), ==, DROP);
  g_assert_cmpint (closed (policy, "slack", "2", MINOR, TRUE, start, end), ==, DROP);

  vigie_policy_set_notify_recoveries (policy, TRUE);
  g_assert_cmpint (opened (policy, "slack", "3", MAJOR, start), ==, SHOW);
  g_assert_cmpint (closed (policy, "slack", "3", MAJOR, TRUE, start, end), ==, SHOW);
}

/* Pause and mutes */

static void
test_pause_until (void)
{
  g_autoptr(VigiePolicy) policy = vigie_policy_new ();
  g_autoptr(GDateTime) nine = monday (9, 0);
  g_autoptr(GDateTime) half_past_nine = monday (9, 30);
  g_autoptr(GDateTime) ten = monday (10, 0);
  g_autoptr(GDateTime) eleven = monday (11, 0);

  vigie_policy_set_paused_until (policy, ten);
  g_assert_true (vigie_policy_is_paused (policy, nine));
  g_assert_false (vigie_policy_is_paused (policy, ten));

  g_assert_cmpint (opened (policy, "slack", "1", CRITICAL, nine), ==, DROP);
  g_assert_cmpint (opened (policy, "zoom", "1", MINOR, half_past_nine), ==, DROP);
  /* nothing is kept for later either */
  g_assert_false (vigie_policy_has_held (policy));

  /* over: news of an incident opened during the pause is told */
  g_assert_cmpint (updated (policy, "slack", "1", MAJOR, nine, ten), ==, SHOW);
  g_assert_cmpint (closed (policy, "slack", "1", MAJOR, TRUE, nine, eleven), ==, SHOW);
  /* but not the end of one the user never heard of */
  g_assert_cmpint (closed (policy, "zoom", "1", MINOR, TRUE, half_past_nine, eleven), ==, DROP);

  /* resumed by hand */
  vigie_policy_set_paused_until (policy, eleven);
  g_assert_cmpint (opened (policy, "slack", "2", MAJOR, ten), ==, DROP);
  vigie_policy_set_paused_until (policy, NULL);
  g_assert_false (vigie_policy_is_paused (policy, ten));
  g_assert_cmpint (opened (policy, "slack", "3", MAJOR, ten), ==, SHOW);
}

static void
test_mute_for_an_hour (void)
{
  g_autoptr(VigiePolicy) policy = vigie_policy_new ();
  g_autoptr(GDateTime) ten = monday (10, 0);
  g_autoptr(GDateTime) in_an_hour = g_date_time_add_hours (ten, 1);
  g_autoptr(GDateTime) half_past_ten = monday (10, 30);
  g_autoptr(GDateTime) eleven = monday (11, 0);
  GDateTime *until = NULL;

  g_assert_cmpint (opened (policy, "slack", "1", MAJOR, ten), ==, SHOW);
  vigie_policy_mute_for (policy, "slack", in_an_hour);

  g_assert_cmpint (vigie_policy_get_mute (policy, "slack", half_past_ten, &until), ==,
                   VIGIE_MUTE_UNTIL);
  assert_time (until, eleven);
  g_assert_cmpint (vigie_policy_get_mute (policy, "zoom", half_past_ten, &until), ==,
                   VIGIE_MUTE_NONE);
  g_assert_null (until);

  g_assert_cmpint (updated (policy, "slack", "1", CRITICAL, ten, half_past_ten), ==, DROP);
  g_assert_cmpint (opened (policy, "slack", "2", MAJOR, half_past_ten), ==, DROP);
  g_assert_cmpint (opened (policy, "zoom", "1", MAJOR, half_past_ten), ==, SHOW);
  g_assert_false (vigie_policy_has_held (policy));

  /* expired */
  g_assert_cmpint (vigie_policy_get_mute (policy, "slack", eleven, NULL), ==, VIGIE_MUTE_NONE);
  g_assert_cmpint (updated (policy, "slack", "1", MAJOR, ten, eleven), ==, SHOW);
  g_assert_cmpint (closed (policy, "slack", "1", MAJOR, FALSE, ten, eleven), ==, SHOW);

  /* unmuted by hand */
  vigie_policy_mute_for (policy, "zoom", in_an_hour);
  g_assert_cmpint (updated (policy, "zoom", "1", MINOR, ten, half_past_ten), ==, DROP);
  vigie_policy_unmute (policy, "zoom");
  g_assert_cmpint (updated (policy, "zoom", "1", MAJOR, ten, half_past_ten), ==, SHOW);
}

static void
test_mute_until_resolved (void)
{
  g_autoptr(VigiePolicy) policy = vigie_policy_new ();
  g_autoptr(GDateTime) t0 = monday (10, 0);
  g_autoptr(GDateTime) t1 = monday (10, 30);
  g_autoptr(GDateTime) t2 = monday (11, 0);
  g_autoptr(GDateTime) t3 = monday (12, 0);
  g_autoptr(GDateTime) t4 = monday (15, 0);
  g_autoptr(GDateTime) next_week = g_date_time_add_weeks (t0, 1);

  g_assert_cmpint (opened (policy, "slack", "1", MAJOR, t0), ==, SHOW);
  g_assert_cmpint (opened (policy, "slack", "2", MINOR, t0), ==, SHOW);
  vigie_policy_mute_until_resolved (policy, "slack");
  g_assert_cmpint (vigie_policy_get_mute (policy, "slack", next_week, NULL), ==,
                   VIGIE_MUTE_UNTIL_RESOLVED);

  /* silence while it lasts, a second incident included */
  g_assert_cmpint (updated (policy, "slack", "1", CRITICAL, t0, t1), ==, DROP);
  g_assert_cmpint (opened (policy, "slack", "3", MAJOR, t1), ==, DROP);
  g_assert_cmpint (closed (policy, "slack", "2", MINOR, FALSE, t0, t2), ==, DROP);
  g_assert_cmpint (opened (policy, "zoom", "1", MAJOR, t1), ==, SHOW);

  /* the service is back: exactly one recovery notice, though two
   * incidents end in that poll */
  g_assert_cmpint (closed (policy, "slack", "1", CRITICAL, TRUE, t0, t3), ==, SHOW);
  g_assert_cmpint (closed (policy, "slack", "3", MAJOR, TRUE, t1, t3), ==, DROP);
  g_assert_cmpint (vigie_policy_get_mute (policy, "slack", t3, NULL), ==, VIGIE_MUTE_NONE);

  /* and unmuted */
  g_assert_cmpint (opened (policy, "slack", "4", MINOR, t4), ==, SHOW);
  g_assert_cmpint (closed (policy, "slack", "4", MINOR, TRUE, t4, t4), ==, SHOW);

  /* a recovery also ends the mute when recovery notices are off */
  vigie_policy_set_notify_recoveries (policy, FALSE);
  g_assert_cmpint (opened (policy, "slack", "5", MAJOR, t4), ==, SHOW);
  vigie_policy_mute_until_resolved (policy, "slack");
  g_assert_cmpint (closed (policy, "slack", "5", MAJOR, TRUE, t4, t4), ==, DROP);
  g_assert_cmpint (vigie_policy_get_mute (policy, "slack", t4, NULL), ==, VIGIE_MUTE_NONE);
  g_assert_cmpint (opened (policy, "slack", "6", MAJOR, next_week), ==, SHOW);
}

/* Quiet hours */

/* Quiet 09:00 -> 13:00 on Mondays: a morning of outages, told at 13:00 */
static VigieDigest *
quiet_morning_digest (VigiePolicy *policy)
{
  g_autoptr(GDateTime) t0914 = monday (9, 14);
  g_autoptr(GDateTime) t1014 = monday (10, 14);
  g_autoptr(GDateTime) t1040 = monday (10, 40);
  g_autoptr(GDateTime) t1105 = monday (11, 5);
  g_autoptr(GDateTime) t1210 = monday (12, 10);
  g_autoptr(GDateTime) t1230 = monday (12, 30);
  g_autoptr(GDateTime) t1300 = monday (13, 0);
  g_autoptr(GDateTime) next = NULL;

  vigie_policy_set_quiet_hours_enabled (policy, TRUE);
  vigie_policy_set_quiet_days (policy, VIGIE_WEEKDAY_MONDAY);
  vigie_policy_set_quiet_hours (policy, 9 * 60, 13 * 60);

  /* opened, grown worse and resolved in between: one line */
  g_assert_cmpint (opened (policy, "slack", "1", MINOR, t1014), ==, HOLD);
  g_assert_cmpint (updated (policy, "slack", "1", MAJOR, t1014, t1040), ==, HOLD);
  g_assert_cmpint (updated (policy, "slack", "1", MINOR, t1014, t1105), ==, HOLD);
  /* still open at the end */
  g_assert_cmpint (opened (policy, "zoom", "9", MINOR, t1105), ==, HOLD);
  /* a second incident of the first service, listed with it */
  g_assert_cmpint (opened (policy, "slack", "2", MINOR, t0914), ==, HOLD);
  g_assert_cmpint (closed (policy, "slack", "2", MINOR, FALSE, t0914, t1040), ==, HOLD);
  g_assert_cmpint (closed (policy, "slack", "1", MINOR, TRUE, t1014, t1210), ==, HOLD);

  g_assert_true (vigie_policy_has_held (policy));
  g_assert_null (vigie_policy_take_digest (policy, t1230));
  next = vigie_policy_get_next_quiet_change (policy, t1230);
  assert_time (next, t1300);

  return vigie_policy_take_digest (policy, t1300);
}

static void
test_quiet_digest (void)
{
  g_autoptr(VigiePolicy) policy = vigie_policy_new ();
  g_autoptr(VigieDigest) digest = quiet_morning_digest (policy);
  g_autoptr(GDateTime) t0914 = monday (9, 14);
  g_autoptr(GDateTime) t1014 = monday (10, 14);
  g_autoptr(GDateTime) t1040 = monday (10, 40);
  g_autoptr(GDateTime) t1105 = monday (11, 5);
  g_autoptr(GDateTime) t1210 = monday (12, 10);
  g_autoptr(GDateTime) t1400 = monday (14, 0);
  const VigieDigestItem *item;

  g_assert_nonnull (digest);
  g_assert_cmpuint (digest->items->len, ==, 3);

  item = item_at (digest, 0);
  g_assert_cmpstr (item->service_id, ==, "slack");
  g_assert_cmpstr (item->service_name, ==, "Slack");
  g_assert_cmpstr (item->slot, ==, "1");
  g_assert_cmpint (item->severity, ==, MAJOR);
  g_assert_false (item->maintenance);
  assert_time (item->started_at, t1014);
  assert_time (item->ended_at, t1210);

  item = item_at (digest, 1);
  g_assert_cmpstr (item->slot, ==, "2");
  g_assert_cmpint (item->severity, ==, MINOR);
  assert_time (item->started_at, t0914);
  assert_time (item->ended_at, t1040);

  item = item_at (digest, 2);
  g_assert_cmpstr (item->service_id, ==, "zoom");
  g_assert_cmpint (item->severity, ==, MINOR);
  assert_time (item->started_at, t1105);
  g_assert_null (item->ended_at);

  /* taken once */
  g_assert_false (vigie_policy_has_held (policy));
  g_assert_null (vigie_policy_take_digest (policy, t1400));

  /* the digest told of the open one: its end is told */
  g_assert_cmpint (closed (policy, "zoom", "9", MINOR, TRUE, t1105, t1400), ==, SHOW);
}

/* Quiet hours from 22:00 to 07:00 that begin on Fridays only */
static void
test_quiet_across_midnight (void)
{
  g_autoptr(VigiePolicy) policy = vigie_policy_new ();
  g_autoptr(GDateTime) thursday_late = local (11, 26, 23, 0);
  g_autoptr(GDateTime) friday_noon = local (11, 27, 12, 0);
  g_autoptr(GDateTime) friday_2159 = local (11, 27, 21, 59);
  g_autoptr(GDateTime) friday_2200 = local (11, 27, 22, 0);
  g_autoptr(GDateTime) friday_2310 = local (11, 27, 23, 10);
  g_autoptr(GDateTime) saturday_0120 = local (11, 28, 1, 20);
  g_autoptr(GDateTime) saturday_0540 = local (11, 28, 5, 40);
  g_autoptr(GDateTime) saturday_0659 = local (11, 28, 6, 59);
  g_autoptr(GDateTime) saturday_0700 = local (11, 28, 7, 0);
  g_autoptr(GDateTime) saturday_2300 = local (11, 28, 23, 0);
  g_autoptr(GDateTime) next_friday_2200 = local (12, 4, 22, 0);
  g_autoptr(VigieDigest) digest = NULL;
  GDateTime *next;

  vigie_policy_set_quiet_hours_enabled (policy, TRUE);
  vigie_policy_set_quiet_days (policy, VIGIE_WEEKDAY_FRIDAY);
  vigie_policy_set_quiet_hours (policy, 22 * 60, 7 * 60);

  g_assert_false (vigie_policy_is_quiet (policy, thursday_late));
  g_assert_false (vigie_policy_is_quiet (policy, friday_2159));
  g_assert_true (vigie_policy_is_quiet (policy, friday_2200));
  g_assert_true (vigie_policy_is_quiet (policy, saturday_0659));
  g_assert_false (vigie_policy_is_quiet (policy, saturday_0700));
  /* Saturday is not a day quiet hours begin on */
  g_assert_false (vigie_policy_is_quiet (policy, saturday_2300));

  next = vigie_policy_get_next_quiet_change (policy, friday_noon);
  assert_time (next, friday_2200);
  g_date_time_unref (next);
  next = vigie_policy_get_next_quiet_change (policy, friday_2310);
  assert_time (next, saturday_0700);
  g_date_time_unref (next);
  next = vigie_policy_get_next_quiet_change (policy, saturday_0700);
  assert_time (next, next_friday_2200);
  g_date_time_unref (next);

  /* before midnight, resolved after it; and one still going on */
  g_assert_cmpint (opened (policy, "slack", "1", MAJOR, friday_2310), ==, HOLD);
  g_assert_cmpint (closed (policy, "slack", "1", MAJOR, TRUE, friday_2310, saturday_0120), ==,
                   HOLD);
  g_assert_cmpint (opened (policy, "zoom", "1", MINOR, saturday_0540), ==, HOLD);
  g_assert_null (vigie_policy_take_digest (policy, saturday_0659));

  digest = vigie_policy_take_digest (policy, saturday_0700);
  g_assert_cmpuint (digest->items->len, ==, 2);
  assert_time (item_at (digest, 0)->started_at, friday_2310);
  assert_time (item_at (digest, 0)->ended_at, saturday_0120);
  assert_time (item_at (digest, 1)->started_at, saturday_0540);
  g_assert_null (item_at (digest, 1)->ended_at);

  /* the untranslated words with a 24-hour clock (en_US has 12 hours:
   * tests/test-format.c) */
  if (vigie_test_use_locale ("C.UTF-8"))
    {
      g_autofree char *body = vigie_format_digest_body (digest, saturday_0700);

      g_assert_cmpstr (body, ==,
                       "Slack, major outage from November 27, 23:10 to November 28, 01:20\n"
                       "Zoom, minor incident since 05:40");
    }
}

/* Paris changes its clocks on the nights of 28-29 March (02:00 -> 03:00)
 * and 24-25 October 2026 (03:00 -> 02:00): quiet hours keep to the wall
 * clock. */
static void
test_quiet_daylight_saving (void)
{
  g_autoptr(VigiePolicy) policy = vigie_policy_new ();
  g_autoptr(GDateTime) spring_evening = local (3, 28, 23, 0);
  g_autoptr(GDateTime) spring_start = g_date_time_new_utc (2026, 3, 28, 21, 0, 0);
  g_autoptr(GDateTime) spring_end = g_date_time_new_utc (2026, 3, 29, 5, 0, 0);
  g_autoptr(GDateTime) spring_0659 = local (3, 29, 6, 59);
  g_autoptr(GDateTime) spring_0700 = local (3, 29, 7, 0);
  g_autoptr(GDateTime) autumn_evening = local (10, 24, 23, 0);
  g_autoptr(GDateTime) autumn_start = g_date_time_new_utc (2026, 10, 24, 20, 0, 0);
  g_autoptr(GDateTime) autumn_end = g_date_time_new_utc (2026, 10, 25, 6, 0, 0);
  g_autoptr(GDateTime) autumn_0630 = local (10, 25, 6, 30);
  g_autoptr(GDateTime) autumn_0130 = local (10, 25, 1, 30);
  g_autoptr(GDateTime) autumn_0500 = local (10, 25, 5, 0);
  g_autoptr(GDateTime) spring_noon = local (3, 28, 12, 0);
  g_autoptr(VigieDigest) digest = NULL;
  GDateTime *next;

  vigie_policy_set_quiet_hours_enabled (policy, TRUE);
  vigie_policy_set_quiet_days (policy, VIGIE_WEEKDAYS_ALL);
  vigie_policy_set_quiet_hours (policy, 22 * 60, 7 * 60);

  /* a short night: 8 hours from 22:00 CET to 07:00 CEST */
  next = vigie_policy_get_next_quiet_change (policy, spring_noon);
  assert_time (next, spring_start);
  g_date_time_unref (next);
  next = vigie_policy_get_next_quiet_change (policy, spring_evening);
  assert_time (next, spring_end);
  g_assert_cmpint (g_date_time_difference (next, spring_start), ==, 8 * G_TIME_SPAN_HOUR);
  g_date_time_unref (next);
  g_assert_true (vigie_policy_is_quiet (policy, spring_0659));
  g_assert_false (vigie_policy_is_quiet (policy, spring_0700));

  /* a long one: 10 hours from 22:00 CEST to 07:00 CET */
  next = vigie_policy_get_next_quiet_change (policy, autumn_evening);
  assert_time (next, autumn_end);
  g_assert_cmpint (g_date_time_difference (next, autumn_start), ==, 10 * G_TIME_SPAN_HOUR);
  g_date_time_unref (next);
  g_assert_true (vigie_policy_is_quiet (policy, autumn_0630));

  /* held over the change of time, told in local times */
  g_assert_cmpint (opened (policy, "slack", "1", MAJOR, autumn_0130), ==, HOLD);
  g_assert_cmpint (closed (policy, "slack", "1", MAJOR, TRUE, autumn_0130, autumn_0500), ==,
                   HOLD);
  digest = vigie_policy_take_digest (policy, autumn_end);
  g_assert_nonnull (digest);

  if (vigie_test_use_locale ("C.UTF-8"))
    {
      g_autofree char *body = vigie_format_digest_body (digest, autumn_end);

      g_assert_cmpstr (body, ==, "Slack, major outage from 01:30 to 05:00");
    }
}

static void
test_quiet_critical_breaks_through (void)
{
  g_autoptr(VigiePolicy) policy = vigie_policy_new ();
  g_autoptr(GDateTime) t0930 = monday (9, 30);
  g_autoptr(GDateTime) t1000 = monday (10, 0);
  g_autoptr(GDateTime) t1030 = monday (10, 30);
  g_autoptr(GDateTime) t1100 = monday (11, 0);
  g_autoptr(GDateTime) t1200 = monday (12, 0);
  g_autoptr(GDateTime) t1300 = monday (13, 0);
  g_autoptr(GDateTime) t1400 = monday (14, 0);
  g_autoptr(VigieDigest) digest = NULL;
  g_autofree char *body = NULL;

  vigie_policy_set_quiet_hours_enabled (policy, TRUE);
  vigie_policy_set_quiet_hours (policy, 9 * 60, 13 * 60);
  g_assert_true (vigie_policy_is_quiet (policy, t1000));

  /* held while minor; wakes the user when it turns critical, once; it is
   * not repeated in the digest */
  g_assert_cmpint (opened (policy, "slack", "1", MINOR, t0930), ==, HOLD);
  g_assert_cmpint (updated (policy, "slack", "1", CRITICAL, t0930, t1000), ==, SHOW);
  g_assert_cmpint (updated (policy, "slack", "1", CRITICAL, t0930, t1030), ==, DROP);
  g_assert_cmpint (updated (policy, "slack", "1", MAJOR, t0930, t1100), ==, DROP);
  g_assert_cmpint (updated (policy, "slack", "1", CRITICAL, t0930, t1200), ==, DROP);
  g_assert_null (vigie_policy_take_digest (policy, t1300));

  /* ...except to say how it ended, when it ended while quiet */
  g_assert_cmpint (opened (policy, "zoom", "1", CRITICAL, t1000), ==, SHOW);
  g_assert_cmpint (closed (policy, "zoom", "1", CRITICAL, TRUE, t1000, t1200), ==, HOLD);

  /* and not at all when the user does not want it */
  vigie_policy_set_critical_breaks_through (policy, FALSE);
  g_assert_cmpint (opened (policy, "zoom", "2", CRITICAL, t1100), ==, HOLD);

  digest = vigie_policy_take_digest (policy, t1300);
  g_assert_cmpuint (digest->items->len, ==, 2);
  if (vigie_test_use_locale ("C.UTF-8"))
    {
      body = vigie_format_digest_body (digest, t1300);
      g_assert_cmpstr (body, ==,
                       "Zoom, critical outage from 10:00 to 12:00\n"
                       "Zoom, critical outage since 11:00");
    }

  /* the user was told about Slack's: its end comes as usual */
  g_assert_cmpint (closed (policy, "slack", "1", CRITICAL, TRUE, t0930, t1400), ==, SHOW);
}

static void
test_quiet_recoveries_off (void)
{
  g_autoptr(VigiePolicy) policy = vigie_policy_new ();
  g_autoptr(GDateTime) t0800 = monday (8, 0);
  g_autoptr(GDateTime) t1000 = monday (10, 0);
  g_autoptr(GDateTime) t1100 = monday (11, 0);
  g_autoptr(GDateTime) t1300 = monday (13, 0);
  g_autoptr(VigieDigest) digest = NULL;

  vigie_policy_set_notify_recoveries (policy, FALSE);
  vigie_policy_set_quiet_hours_enabled (policy, TRUE);
  vigie_policy_set_quiet_hours (policy, 9 * 60, 13 * 60);

  /* told before quiet hours; its end would be a recovery notice: dropped */
  g_assert_cmpint (opened (policy, "zoom", "1", MAJOR, t0800), ==, SHOW);
  g_assert_cmpint (closed (policy, "zoom", "1", MAJOR, TRUE, t0800, t1000), ==, DROP);

  /* held: the digest still says when it ended */
  g_assert_cmpint (opened (policy, "slack", "1", MAJOR, t1000), ==, HOLD);
  g_assert_cmpint (closed (policy, "slack", "1", MAJOR, TRUE, t1000, t1100), ==, HOLD);

  digest = vigie_policy_take_digest (policy, t1300);
  g_assert_cmpuint (digest->items->len, ==, 1);
  g_assert_cmpstr (item_at (digest, 0)->service_id, ==, "slack");
  assert_time (item_at (digest, 0)->ended_at, t1100);
}

/* An incident the user was told of before quiet hours: only its news that
 * says more than they know is held. */
static void
test_quiet_known_incident (void)
{
  g_autoptr(VigiePolicy) policy = vigie_policy_new ();
  g_autoptr(GDateTime) t0800 = monday (8, 0);
  g_autoptr(GDateTime) t1000 = monday (10, 0);
  g_autoptr(GDateTime) t1030 = monday (10, 30);
  g_autoptr(GDateTime) t1100 = monday (11, 0);
  g_autoptr(GDateTime) t1300 = monday (13, 0);
  g_autoptr(VigieDigest) digest = NULL;

  vigie_policy_set_quiet_hours_enabled (policy, TRUE);
  vigie_policy_set_quiet_hours (policy, 9 * 60, 13 * 60);
  vigie_policy_set_critical_breaks_through (policy, FALSE);

  g_assert_cmpint (opened (policy, "slack", "1", MAJOR, t0800), ==, SHOW);
  g_assert_cmpint (opened (policy, "zoom", "1", MAJOR, t0800), ==, SHOW);

  /* no worse than known: nothing to hold */
  g_assert_cmpint (updated (policy, "slack", "1", MINOR, t0800, t1000), ==, DROP);
  g_assert_cmpint (updated (policy, "zoom", "1", MAJOR, t0800, t1000), ==, DROP);
  /* worse, and over: held */
  g_assert_cmpint (updated (policy, "slack", "1", CRITICAL, t0800, t1030), ==, HOLD);
  g_assert_cmpint (updated (policy, "slack", "1", MINOR, t0800, t1030), ==, HOLD);
  g_assert_cmpint (closed (policy, "slack", "1", MINOR, TRUE, t0800, t1100), ==, HOLD);

  digest = vigie_policy_take_digest (policy, t1300);
  g_assert_cmpuint (digest->items->len, ==, 1);
  g_assert_cmpstr (item_at (digest, 0)->service_id, ==, "slack");
  g_assert_cmpint (item_at (digest, 0)->severity, ==, CRITICAL);
  assert_time (item_at (digest, 0)->started_at, t0800);
  assert_time (item_at (digest, 0)->ended_at, t1100);

  /* Zoom's is still told as usual */
  g_assert_cmpint (closed (policy, "zoom", "1", MAJOR, TRUE, t0800, t1300), ==, SHOW);
}

static void
test_quiet_other_rules_first (void)
{
  g_autoptr(VigiePolicy) policy = vigie_policy_new ();
  g_autoptr(GDateTime) t1000 = monday (10, 0);
  g_autoptr(GDateTime) t1100 = monday (11, 0);
  g_autoptr(GDateTime) t1300 = monday (13, 0);

  vigie_policy_set_quiet_hours_enabled (policy, TRUE);
  vigie_policy_set_quiet_hours (policy, 9 * 60, 13 * 60);
  vigie_policy_set_default_level (policy, VIGIE_ALERT_LEVEL_MAJOR);

  /* filtered, muted and paused events are not held */
  g_assert_cmpint (opened (policy, "slack", "1", MINOR, t1000), ==, DROP);
  vigie_policy_mute_for (policy, "zoom", t1300);
  g_assert_cmpint (opened (policy, "zoom", "1", MAJOR, t1000), ==, DROP);
  vigie_policy_set_paused_until (policy, t1100);
  g_assert_cmpint (opened (policy, "slack", "2", MAJOR, t1000), ==, DROP);
  g_assert_false (vigie_policy_has_held (policy));

  /* a service muted before the digest is left out of it */
  g_assert_cmpint (opened (policy, "slack", "3", MAJOR, t1100), ==, HOLD);
  vigie_policy_set_service_level (policy, "slack", VIGIE_ALERT_LEVEL_MUTED);
  g_assert_null (vigie_policy_take_digest (policy, t1300));
}

static void
test_quiet_days_and_switches (void)
{
  g_autoptr(VigiePolicy) policy = vigie_policy_new ();
  g_autoptr(GDateTime) monday_night = monday (23, 0);
  g_autoptr(GDateTime) sunday_night = local (11, 29, 23, 0);
  g_autoptr(GDateTime) monday_noon = monday (12, 0);
  g_autoptr(GDateTime) tuesday_0000 = local (11, 24, 0, 0);
  g_autoptr(GDateTime) saturday_0000 = local (11, 28, 0, 0);
  g_autoptr(GDateTime) monday_0000 = local (11, 30, 0, 0);
  g_autoptr(VigieDigest) digest = NULL;
  GDateTime *next;

  /* off by default, and off means never quiet */
  vigie_policy_set_quiet_days (policy, VIGIE_WEEKDAYS_ALL);
  g_assert_false (vigie_policy_is_quiet (policy, monday_night));
  g_assert_null (vigie_policy_get_next_quiet_change (policy, monday_night));

  /* the schema's default hours, 20:00 -> 08:00, weekdays only */
  vigie_policy_set_quiet_hours_enabled (policy, TRUE);
  vigie_policy_set_quiet_days (policy, VIGIE_WEEKDAY_MONDAY | VIGIE_WEEKDAY_TUESDAY
                                         | VIGIE_WEEKDAY_WEDNESDAY | VIGIE_WEEKDAY_THURSDAY
                                         | VIGIE_WEEKDAY_FRIDAY);
  g_assert_true (vigie_policy_is_quiet (policy, monday_night));
  g_assert_false (vigie_policy_is_quiet (policy, sunday_night));
  g_assert_false (vigie_policy_is_quiet (policy, monday_noon));

  /* no day: never */
  vigie_policy_set_quiet_days (policy, 0);
  g_assert_false (vigie_policy_is_quiet (policy, monday_night));
  g_assert_null (vigie_policy_get_next_quiet_change (policy, monday_night));

  /* start = end: whole days, and back-to-back days make one stretch */
  vigie_policy_set_quiet_days (policy, VIGIE_WEEKDAY_SATURDAY | VIGIE_WEEKDAY_SUNDAY);
  vigie_policy_set_quiet_hours (policy, 0, 0);
  g_assert_true (vigie_policy_is_quiet (policy, sunday_night));
  g_assert_false (vigie_policy_is_quiet (policy, tuesday_0000));
  next = vigie_policy_get_next_quiet_change (policy, monday_noon);
  assert_time (next, saturday_0000);
  g_date_time_unref (next);
  next = vigie_policy_get_next_quiet_change (policy, saturday_0000);
  assert_time (next, monday_0000);
  g_date_time_unref (next);

  /* every day, all day: always quiet, no change to wait for */
  vigie_policy_set_quiet_days (policy, VIGIE_WEEKDAYS_ALL);
  g_assert_true (vigie_policy_is_quiet (policy, monday_noon));
  g_assert_null (vigie_policy_get_next_quiet_change (policy, monday_noon));

  /* switching quiet hours off hands over what was held */
  g_assert_cmpint (opened (policy, "slack", "1", MAJOR, monday_noon), ==, HOLD);
  g_assert_null (vigie_policy_take_digest (policy, monday_noon));
  vigie_policy_set_quiet_hours_enabled (policy, FALSE);
  digest = vigie_policy_take_digest (policy, monday_noon);
  g_assert_nonnull (digest);
  g_assert_cmpuint (digest->items->len, ==, 1);

  /* a service that is forgotten leaves nothing behind */
  vigie_policy_set_quiet_hours_enabled (policy, TRUE);
  g_assert_cmpint (opened (policy, "zoom", "1", MAJOR, monday_noon), ==, HOLD);
  vigie_policy_mute_for (policy, "zoom", monday_night);
  vigie_policy_forget_service (policy, "zoom");
  g_assert_false (vigie_policy_has_held (policy));
  g_assert_cmpint (vigie_policy_get_mute (policy, "zoom", monday_noon, NULL), ==,
                   VIGIE_MUTE_NONE);
}

/* An event arriving after quiet hours end but before the digest is taken
 * is shown, and the digest does not repeat it. */
static void
test_quiet_live_news_wins (void)
{
  g_autoptr(VigiePolicy) policy = vigie_policy_new ();
  g_autoptr(GDateTime) t1000 = monday (10, 0);
  g_autoptr(GDateTime) t1301 = monday (13, 1);

  vigie_policy_set_quiet_hours_enabled (policy, TRUE);
  vigie_policy_set_quiet_hours (policy, 9 * 60, 13 * 60);

  g_assert_cmpint (opened (policy, "slack", "1", MAJOR, t1000), ==, HOLD);
  g_assert_cmpint (closed (policy, "slack", "1", MAJOR, TRUE, t1000, t1301), ==, SHOW);
  g_assert_null (vigie_policy_take_digest (policy, t1301));
}

/* Maintenances, from the tracker to the policy */

static VigieSnapshot *
maintenance_snapshot (const char *status,
                      GDateTime  *from,
                      GDateTime  *until)
{
  VigieSnapshot *snapshot = vigie_snapshot_new ("test");
  VigieIncident *maintenance = vigie_incident_new ();

  vigie_snapshot_set_severity (snapshot, g_str_equal (status, "in_progress")
                                           ? VIGIE_SEVERITY_MAINTENANCE : OPERATIONAL);
  maintenance->id = g_strdup ("m1");
  maintenance->title = g_strdup ("Database upgrade");
  maintenance->status = g_strdup (status);
  maintenance->severity = VIGIE_SEVERITY_MAINTENANCE;
  maintenance->scheduled_for = g_date_time_ref (from);
  maintenance->scheduled_until = g_date_time_ref (until);
  vigie_snapshot_add_maintenance (snapshot, maintenance);

  return snapshot;
}

static VigieSnapshot *
calm_snapshot (void)
{
  VigieSnapshot *snapshot = vigie_snapshot_new ("test");

  vigie_snapshot_set_severity (snapshot, OPERATIONAL);
  return snapshot;
}

static GPtrArray *
observe (VigieTracker  *tracker,
         VigieSnapshot *snapshot,
         GDateTime     *now)
{
  g_autoptr(VigieSnapshot) owned = snapshot;

  return vigie_tracker_observe (tracker, "slack", "Slack", "https://status.example.com/",
                                vigie_snapshot_get_severity (owned), owned, now);
}

/* The tracker's events for: calm, then a maintenance announced for 02:00 ->
 * 04:00 on Tuesday, then started; in @announced and @started */
static void
maintenance_events (VigieEvent **announced,
                    VigieEvent **started)
{
  g_autoptr(VigieTracker) tracker = vigie_tracker_new ();
  g_autoptr(GDateTime) from = local (11, 24, 2, 0);
  g_autoptr(GDateTime) until = local (11, 24, 4, 0);
  g_autoptr(GDateTime) t1000 = monday (10, 0);
  g_autoptr(GDateTime) t1010 = monday (10, 10);
  g_autoptr(GDateTime) t0200 = local (11, 24, 2, 0);
  g_autoptr(GPtrArray) events = NULL;

  events = observe (tracker, calm_snapshot (), t1000);
  g_assert_cmpuint (events->len, ==, 0);
  g_clear_pointer (&events, g_ptr_array_unref);

  events = observe (tracker, maintenance_snapshot ("scheduled", from, until), t1010);
  g_assert_cmpuint (events->len, ==, 1);
  *announced = g_ptr_array_steal_index (events, 0);
  g_clear_pointer (&events, g_ptr_array_unref);

  /* told once */
  events = observe (tracker, maintenance_snapshot ("scheduled", from, until), t1010);
  g_assert_cmpuint (events->len, ==, 0);
  g_clear_pointer (&events, g_ptr_array_unref);

  events = observe (tracker, maintenance_snapshot ("in_progress", from, until), t0200);
  g_assert_cmpuint (events->len, ==, 1);
  *started = g_ptr_array_steal_index (events, 0);
  g_clear_pointer (&events, g_ptr_array_unref);

  events = observe (tracker, maintenance_snapshot ("in_progress", from, until), t0200);
  g_assert_cmpuint (events->len, ==, 0);
}

static void
test_maintenance (void)
{
  g_autoptr(VigiePolicy) policy = vigie_policy_new ();
  g_autoptr(VigieEvent) announced = NULL;
  g_autoptr(VigieEvent) started = NULL;
  g_autoptr(GDateTime) from = local (11, 24, 2, 0);
  g_autoptr(GDateTime) until = local (11, 24, 4, 0);
  g_autoptr(GDateTime) t1010 = monday (10, 10);
  g_autoptr(GDateTime) t0200 = local (11, 24, 2, 0);
  g_autoptr(GDateTime) t0300 = local (11, 24, 3, 0);
  g_autoptr(GDateTime) t0500 = local (11, 24, 5, 0);
  VigieMaintenanceNotices notices;

  maintenance_events (&announced, &started);
  g_assert_cmpint (announced->kind, ==, VIGIE_EVENT_MAINTENANCE_SCHEDULED);
  g_assert_cmpstr (announced->slot, ==, VIGIE_TRACKER_MAINTENANCE_SLOT_PREFIX "m1");
  g_assert_cmpstr (announced->title, ==, "Database upgrade");
  g_assert_cmpint (announced->incident_severity, ==, VIGIE_SEVERITY_MAINTENANCE);
  assert_time (announced->started_at, from);
  assert_time (announced->ended_at, until);
  g_assert_cmpint (started->kind, ==, VIGIE_EVENT_MAINTENANCE_STARTED);
  g_assert_cmpstr (started->slot, ==, announced->slot);

  /* the default: when it starts */
  g_assert_cmpint (vigie_policy_route (policy, announced, t1010), ==, DROP);
  g_assert_cmpint (vigie_policy_route (policy, started, t0200), ==, SHOW);

  vigie_policy_set_maintenance_notices (policy, VIGIE_MAINTENANCE_NOTICES_SCHEDULED);
  g_assert_cmpint (vigie_policy_route (policy, announced, t1010), ==, SHOW);
  g_assert_cmpint (vigie_policy_route (policy, started, t0200), ==, SHOW);

  vigie_policy_set_maintenance_notices (policy, VIGIE_MAINTENANCE_NOTICES_NEVER);
  g_assert_cmpint (vigie_policy_route (policy, announced, t1010), ==, DROP);
  g_assert_cmpint (vigie_policy_route (policy, started, t0200), ==, DROP);

  /* the level does not filter them, except "muted"; mutes and pause do */
  vigie_policy_set_maintenance_notices (policy, VIGIE_MAINTENANCE_NOTICES_IN_PROGRESS);
  vigie_policy_set_default_level (policy, VIGIE_ALERT_LEVEL_CRITICAL);
  g_assert_cmpint (vigie_policy_route (policy, started, t0200), ==, SHOW);
  vigie_policy_set_service_level (policy, "slack", VIGIE_ALERT_LEVEL_MUTED);
  g_assert_cmpint (vigie_policy_route (policy, started, t0200), ==, DROP);
  vigie_policy_clear_service_levels (policy);
  vigie_policy_mute_for (policy, "slack", t0300);
  g_assert_cmpint (vigie_policy_route (policy, started, t0200), ==, DROP);
  vigie_policy_unmute (policy, "slack");
  vigie_policy_set_paused_until (policy, t0300);
  g_assert_cmpint (vigie_policy_route (policy, started, t0200), ==, DROP);
  vigie_policy_set_paused_until (policy, NULL);

  /* held at night; in the digest while it is not over */
  vigie_policy_set_maintenance_notices (policy, VIGIE_MAINTENANCE_NOTICES_SCHEDULED);
  vigie_policy_set_quiet_hours_enabled (policy, TRUE);
  vigie_policy_set_quiet_hours (policy, 1 * 60, 3 * 60);
  g_assert_cmpint (vigie_policy_route (policy, started, t0200), ==, HOLD);
  {
    g_autoptr(VigieDigest) digest = vigie_policy_take_digest (policy, t0300);

    g_assert_cmpuint (digest->items->len, ==, 1);
    g_assert_true (item_at (digest, 0)->maintenance);
    g_assert_cmpint (item_at (digest, 0)->severity, ==, VIGIE_SEVERITY_MAINTENANCE);
    assert_time (item_at (digest, 0)->started_at, from);
    assert_time (item_at (digest, 0)->ended_at, until);
  }
  /* ...and not once it is over */
  vigie_policy_set_quiet_hours (policy, 1 * 60, 5 * 60);
  g_assert_cmpint (vigie_policy_route (policy, started, t0200), ==, HOLD);
  g_assert_null (vigie_policy_take_digest (policy, t0500));

  /* the settings' words */
  g_assert_true (vigie_maintenance_notices_from_string ("never", &notices));
  g_assert_cmpint (notices, ==, VIGIE_MAINTENANCE_NOTICES_NEVER);
  g_assert_true (vigie_maintenance_notices_from_string ("in-progress", &notices));
  g_assert_cmpint (notices, ==, VIGIE_MAINTENANCE_NOTICES_IN_PROGRESS);
  g_assert_true (vigie_maintenance_notices_from_string ("scheduled", &notices));
  g_assert_cmpint (notices, ==, VIGIE_MAINTENANCE_NOTICES_SCHEDULED);
  g_assert_false (vigie_maintenance_notices_from_string ("sometimes", &notices));
}

/* A maintenance in progress at the first look is adopted silently; one
 * whose window opened without an "in progress" word has started. */
static void
test_maintenance_baseline (void)
{
  g_autoptr(VigieTracker) tracker = vigie_tracker_new ();
  g_autoptr(GDateTime) from = local (11, 24, 2, 0);
  g_autoptr(GDateTime) until = local (11, 24, 4, 0);
  g_autoptr(GDateTime) t0100 = local (11, 24, 1, 0);
  g_autoptr(GDateTime) t0201 = local (11, 24, 2, 1);
  g_autoptr(GPtrArray) events = NULL;

  events = observe (tracker, maintenance_snapshot ("scheduled", from, until), t0100);
  g_assert_cmpuint (events->len, ==, 0);
  g_clear_pointer (&events, g_ptr_array_unref);

  events = observe (tracker, maintenance_snapshot ("scheduled", from, until), t0201);
  g_assert_cmpuint (events->len, ==, 1);
  g_assert_cmpint (((VigieEvent *) g_ptr_array_index (events, 0))->kind, ==,
                   VIGIE_EVENT_MAINTENANCE_STARTED);
  g_clear_pointer (&events, g_ptr_array_unref);

  /* gone, then back: a new announcement */
  events = observe (tracker, calm_snapshot (), t0201);
  g_assert_cmpuint (events->len, ==, 0);
  g_clear_pointer (&events, g_ptr_array_unref);
  events = observe (tracker, maintenance_snapshot ("scheduled", until, until), t0100);
  g_assert_cmpuint (events->len, ==, 1);
  g_assert_cmpint (((VigieEvent *) g_ptr_array_index (events, 0))->kind, ==,
                   VIGIE_EVENT_MAINTENANCE_SCHEDULED);
}

/* Texts */

static void
test_texts_english (void)
{
  g_autoptr(VigiePolicy) policy = vigie_policy_new ();
  g_autoptr(VigieDigest) digest = quiet_morning_digest (policy);
  g_autoptr(VigieEvent) announced = NULL;
  g_autoptr(VigieEvent) started = NULL;
  g_autoptr(GDateTime) t1300 = monday (13, 0);
  g_autoptr(GDateTime) t0200 = local (11, 24, 2, 0);
  char *text;

  /* the untranslated words with a 24-hour clock (en_US has 12 hours:
   * tests/test-format.c) */
  if (!vigie_test_use_locale ("C.UTF-8"))
    return;

  text = vigie_format_digest_summary (digest);
  g_assert_cmpstr (text, ==, "While you were away:");
  g_free (text);
  text = vigie_format_digest_body (digest, t1300);
  g_assert_cmpstr (text, ==,
                   "Slack, major outage from 10:14 to 12:10\n"
                   "Slack, minor incident from 09:14 to 10:40\n"
                   "Zoom, minor incident since 11:05");
  g_free (text);

  maintenance_events (&announced, &started);
  text = vigie_format_event_summary (announced);
  g_assert_cmpstr (text, ==, "Slack: maintenance planned");
  g_free (text);
  text = vigie_format_event_body (announced, t1300);
  /* one day: its date said once */
  g_assert_cmpstr (text, ==, "Database upgrade\nNovember 24, from 02:00 to 04:00");
  g_free (text);
  text = vigie_format_event_summary (started);
  g_assert_cmpstr (text, ==, "Slack: maintenance in progress");
  g_free (text);
  text = vigie_format_event_body (started, t0200);
  g_assert_cmpstr (text, ==, "Database upgrade\nUntil 04:00");
  g_free (text);

  g_clear_pointer (&started->ended_at, g_date_time_unref);
  text = vigie_format_event_body (started, t0200);
  g_assert_cmpstr (text, ==, "Database upgrade\nStarting at 02:00");
  g_free (text);

  /* a maintenance line of the digest */
  {
    VigieDigestItem *item = g_new0 (VigieDigestItem, 1);

    item->service_id = g_strdup ("zoom");
    item->service_name = g_strdup ("Zoom");
    item->maintenance = TRUE;
    item->severity = VIGIE_SEVERITY_MAINTENANCE;
    item->started_at = g_date_time_ref (t0200);
    g_ptr_array_set_size (digest->items, 0);
    g_ptr_array_add (digest->items, item);
    text = vigie_format_digest_body (digest, t0200);
    g_assert_cmpstr (text, ==, "Zoom, maintenance from 02:00");
    g_free (text);
    item->ended_at = g_date_time_add_hours (t0200, 2);
    text = vigie_format_digest_body (digest, t0200);
    g_assert_cmpstr (text, ==, "Zoom, maintenance from 02:00 to 04:00");
    g_free (text);
  }
}

static void
test_texts_french (void)
{
  g_autoptr(VigiePolicy) policy = vigie_policy_new ();
  g_autoptr(VigieDigest) digest = quiet_morning_digest (policy);
  g_autoptr(VigieEvent) announced = NULL;
  g_autoptr(VigieEvent) started = NULL;
  g_autoptr(GDateTime) t1300 = monday (13, 0);
  g_autoptr(GDateTime) t0200 = local (11, 24, 2, 0);
  char *text;

  if (!vigie_test_use_locale ("fr_FR.UTF-8"))
    return;

  text = vigie_format_digest_summary (digest);
  g_assert_cmpstr (text, ==, "Pendant votre absence" NBSP ":");
  g_free (text);
  text = vigie_format_digest_body (digest, t1300);
  g_assert_cmpstr (text, ==,
                   "Slack, panne majeure de 10" NBSP "h" NBSP "14 à 12" NBSP "h" NBSP "10\n"
                   "Slack, incident mineur de 9" NBSP "h" NBSP "14 à 10" NBSP "h" NBSP "40\n"
                   "Zoom, incident mineur depuis 11" NBSP "h" NBSP "05");
  g_free (text);

  maintenance_events (&announced, &started);
  text = vigie_format_event_summary (announced);
  g_assert_cmpstr (text, ==, "Slack" NBSP ": maintenance prévue");
  g_free (text);
  text = vigie_format_event_body (announced, t1300);
  /* the status page's words, quoted; one day, its date said once */
  g_assert_cmpstr (text, ==, QUOTED ("Database upgrade") "\n"
                             "Le 24" NBSP "novembre, de 2" NBSP "h" NBSP "00 à 4" NBSP "h" NBSP "00");
  g_free (text);
  text = vigie_format_event_summary (started);
  g_assert_cmpstr (text, ==, "Slack" NBSP ": maintenance en cours");
  g_free (text);
  text = vigie_format_event_body (started, t0200);
  g_assert_cmpstr (text, ==, QUOTED ("Database upgrade") "\nJusqu’à 4" NBSP "h" NBSP "00");
  g_free (text);
  g_clear_pointer (&started->ended_at, g_date_time_unref);
  text = vigie_format_event_body (started, t0200);
  g_assert_cmpstr (text, ==, QUOTED ("Database upgrade") "\nÀ partir de 2" NBSP "h" NBSP "00");
  g_free (text);

  {
    VigieDigestItem *item = g_new0 (VigieDigestItem, 1);

    item->service_id = g_strdup ("zoom");
    item->service_name = g_strdup ("Zoom");
    item->maintenance = TRUE;
    item->severity = VIGIE_SEVERITY_MAINTENANCE;
    item->started_at = g_date_time_ref (t0200);
    g_ptr_array_set_size (digest->items, 0);
    g_ptr_array_add (digest->items, item);
    text = vigie_format_digest_body (digest, t0200);
    g_assert_cmpstr (text, ==, "Zoom, maintenance à partir de 2" NBSP "h" NBSP "00");
    g_free (text);
    item->ended_at = g_date_time_add_hours (t0200, 2);
    text = vigie_format_digest_body (digest, t0200);
    g_assert_cmpstr (text, ==,
                     "Zoom, maintenance de 2" NBSP "h" NBSP "00 à 4" NBSP "h" NBSP "00");
    g_free (text);
  }
}

/* The example of the issue, across midnight, in French */
static void
test_texts_french_across_midnight (void)
{
  g_autoptr(VigiePolicy) policy = vigie_policy_new ();
  g_autoptr(GDateTime) friday_2310 = local (11, 27, 23, 10);
  g_autoptr(GDateTime) saturday_0120 = local (11, 28, 1, 20);
  g_autoptr(GDateTime) saturday_0700 = local (11, 28, 7, 0);
  g_autoptr(VigieDigest) digest = NULL;
  g_autofree char *body = NULL;

  if (!vigie_test_use_locale ("fr_FR.UTF-8"))
    return;

  vigie_policy_set_quiet_hours_enabled (policy, TRUE);
  vigie_policy_set_quiet_hours (policy, 22 * 60, 7 * 60);
  g_assert_cmpint (opened (policy, "slack", "1", MAJOR, friday_2310), ==, HOLD);
  g_assert_cmpint (closed (policy, "slack", "1", MAJOR, TRUE, friday_2310, saturday_0120), ==,
                   HOLD);
  digest = vigie_policy_take_digest (policy, saturday_0700);
  body = vigie_format_digest_body (digest, saturday_0700);
  g_assert_cmpstr (body, ==,
                   "Slack, panne majeure du 27" NBSP "novembre, 23" NBSP "h" NBSP "10, "
                   "au 28" NBSP "novembre, 1" NBSP "h" NBSP "20");
}

int
main (int   argc,
      char *argv[])
{
  /* Quiet hours are local times: pin a zone with daylight saving, before
   * GLib reads it. */
  g_setenv ("TZ", "Europe/Paris", TRUE);

  g_test_init (&argc, &argv, NULL);
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("VIGIE_LOCALEDIR"));
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");

  g_test_add_func ("/policy/level/all", test_level_all);
  g_test_add_func ("/policy/level/major", test_level_major);
  g_test_add_func ("/policy/level/critical", test_level_critical);
  g_test_add_func ("/policy/level/muted", test_level_muted);
  g_test_add_func ("/policy/level/told-then-tell-the-end", test_level_told_then_tell_the_end);
  g_test_add_func ("/policy/level/per-service", test_level_per_service);
  g_test_add_func ("/policy/level/replaced-slot", test_level_replaced_slot);
  g_test_add_func ("/policy/level/after-restart", test_level_after_restart);
  g_test_add_func ("/policy/recoveries-off", test_recoveries_off);
  g_test_add_func ("/policy/pause-until", test_pause_until);
  g_test_add_func ("/policy/mute/for-an-hour", test_mute_for_an_hour);
  g_test_add_func ("/policy/mute/until-resolved", test_mute_until_resolved);
  g_test_add_func ("/policy/quiet/digest", test_quiet_digest);
  g_test_add_func ("/policy/quiet/across-midnight", test_quiet_across_midnight);
  g_test_add_func ("/policy/quiet/daylight-saving", test_quiet_daylight_saving);
  g_test_add_func ("/policy/quiet/critical-breaks-through", test_quiet_critical_breaks_through);
  g_test_add_func ("/policy/quiet/recoveries-off", test_quiet_recoveries_off);
  g_test_add_func ("/policy/quiet/known-incident", test_quiet_known_incident);
  g_test_add_func ("/policy/quiet/other-rules-first", test_quiet_other_rules_first);
  g_test_add_func ("/policy/quiet/days-and-switches", test_quiet_days_and_switches);
  g_test_add_func ("/policy/quiet/live-news-wins", test_quiet_live_news_wins);
  g_test_add_func ("/policy/maintenance/notices", test_maintenance);
  g_test_add_func ("/policy/maintenance/tracker", test_maintenance_baseline);
  g_test_add_func ("/policy/texts/english", test_texts_english);
  g_test_add_func ("/policy/texts/french", test_texts_french);
  g_test_add_func ("/policy/texts/french-across-midnight", test_texts_french_across_midnight);

  return g_test_run ();
}
