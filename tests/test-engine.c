/* test-engine.c: the alert engine over simulated days, restarts included
 *
 * Services are fed their polls with vigie_service_record_poll(), the clock
 * is passed in, and every notice handed over is kept, so that each test
 * counts what a user would have seen: new bubbles (a notice id never shown
 * before) and updates in place.
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "vigie-alert-engine.h"
#include "vigie-feed-cache.h"
#include "vigie-fetcher.h"
#include "vigie-limits.h"
#include "vigie-state-file.h"
#include "vigie-test-utils.h"

typedef struct
{
  VigieAlertEngine *engine;
  GPtrArray *services;      /* VigieService */
  GDateTime *start;
  gint64 seconds;           /* the simulated clock, from start */
  GPtrArray *shown;         /* VigieNotice, every one handed over */
  GHashTable *ids;          /* notice ids ever shown */
  guint bubbles;
} Fixture;

static GDateTime *
now_of (Fixture *fixture)
{
  return g_date_time_add_seconds (fixture->start, (gdouble) fixture->seconds);
}

static void
add_services (Fixture *fixture,
              guint    count)
{
  for (guint i = fixture->services->len; i < count; i++)
    {
      g_autofree char *id = i == 0 ? g_strdup ("slack") : g_strdup_printf ("tool%u", i);
      g_autofree char *name = i == 0 ? g_strdup ("Slack") : g_strdup_printf ("Tool %u", i);

      g_ptr_array_add (fixture->services,
                       vigie_service_new (id, name, "https://status.example.com/",
                                          "https://status.example.com/api/v2/summary.json",
                                          "statuspage"));
    }
  vigie_alert_engine_set_services (fixture->engine, fixture->services);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->engine = vigie_alert_engine_new ();
  fixture->services = g_ptr_array_new_with_free_func (g_object_unref);
  fixture->seconds = 0;
  fixture->bubbles = 0;
  fixture->start = g_date_time_new_utc (2021, 1, 4, 15, 0, 0);
  fixture->shown = g_ptr_array_new_with_free_func ((GDestroyNotify) vigie_notice_free);
  fixture->ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  add_services (fixture, 1);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->engine);
  g_clear_pointer (&fixture->services, g_ptr_array_unref);
  g_clear_pointer (&fixture->start, g_date_time_unref);
  g_clear_pointer (&fixture->shown, g_ptr_array_unref);
  g_clear_pointer (&fixture->ids, g_hash_table_unref);
}

static VigieService *
service_at (Fixture *fixture,
            guint    index)
{
  g_assert_cmpuint (index, <, fixture->services->len);
  return g_ptr_array_index (fixture->services, index);
}

/* Takes what is due at the current time */
static guint
collect (Fixture *fixture)
{
  g_autoptr(GDateTime) now = now_of (fixture);
  g_autoptr(GPtrArray) notices = vigie_alert_engine_take_notices (fixture->engine, now);
  guint count = notices->len;

  for (guint i = 0; i < notices->len; i++)
    {
      VigieNotice *notice = g_ptr_array_index (notices, i);

      g_assert_nonnull (notice->summary);
      g_assert_true (g_utf8_validate (notice->summary, -1, NULL));
      if (!g_hash_table_contains (fixture->ids, notice->id))
        {
          fixture->bubbles++;
          g_hash_table_add (fixture->ids, g_strdup (notice->id));
        }
      g_ptr_array_add (fixture->shown, vigie_notice_copy (notice));
    }

  return count;
}

/* Lets @seconds pass, handing over what comes due on the way */
static void
advance (Fixture *fixture,
         gint64   seconds)
{
  while (seconds > 0)
    {
      gint64 step = MIN (seconds, VIGIE_ALERT_GATHER_SECONDS);

      fixture->seconds += step;
      seconds -= step;
      collect (fixture);
    }
}

static void
poll_ok (Fixture       *fixture,
         guint          index,
         VigieSnapshot *snapshot)
{
  g_autoptr(VigieSnapshot) owned = snapshot;
  g_autoptr(GDateTime) now = now_of (fixture);

  vigie_service_record_poll (service_at (fixture, index), owned, NULL);
  vigie_alert_engine_observe (fixture->engine, service_at (fixture, index), now);
}

static void
poll_fail (Fixture *fixture,
           guint    index,
           int      code)
{
  g_autoptr(GError) error = g_error_new_literal (VIGIE_FETCH_ERROR, code, "failed");
  g_autoptr(GDateTime) now = now_of (fixture);

  vigie_service_record_poll (service_at (fixture, index), NULL, error);
  vigie_alert_engine_observe (fixture->engine, service_at (fixture, index), now);
}

static VigieSnapshot *
calm (void)
{
  return vigie_test_snapshot_new (VIGIE_SEVERITY_OPERATIONAL, NULL);
}

static VigieSnapshot *
outage (VigieSeverity  severity,
        const char    *id)
{
  return vigie_test_snapshot_new (severity,
                                  vigie_test_incident_new (id, "Messages fail to send",
                                                           "We are investigating.", severity,
                                                           NULL),
                                  NULL);
}

static const VigieNotice *
last_notice (Fixture *fixture)
{
  g_assert_cmpuint (fixture->shown->len, >, 0);
  return g_ptr_array_index (fixture->shown, fixture->shown->len - 1);
}

/* A restart: the state saved, a new engine loading it, the same services */
static void
restart (Fixture *fixture)
{
  g_autoptr(GBytes) state = vigie_alert_engine_save (fixture->engine);
  g_autoptr(GDateTime) now = now_of (fixture);
  g_autoptr(GError) error = NULL;
  GPtrArray *services = g_ptr_array_new_with_free_func (g_object_unref);
  VigieAlertLevel level = vigie_policy_get_level (vigie_alert_engine_get_policy (fixture->engine),
                                                  "slack");

  g_clear_object (&fixture->engine);
  fixture->engine = vigie_alert_engine_new ();
  vigie_policy_set_default_level (vigie_alert_engine_get_policy (fixture->engine), level);
  g_assert_true (vigie_alert_engine_load (fixture->engine, state, now, &error));
  g_assert_no_error (error);

  /* new processes make new services: nothing is kept in memory */
  for (guint i = 0; i < fixture->services->len; i++)
    {
      VigieService *old = service_at (fixture, i);

      g_ptr_array_add (services, vigie_service_new (vigie_service_get_id (old),
                                                    vigie_service_get_name (old),
                                                    vigie_service_get_status_page (old),
                                                    vigie_service_get_feed_url (old),
                                                    vigie_service_get_format (old)));
    }
  g_ptr_array_unref (fixture->services);
  fixture->services = services;
  vigie_alert_engine_set_services (fixture->engine, fixture->services);
  /* notifications do not survive a restart either */
  g_hash_table_remove_all (fixture->ids);
}

static void
test_first_start_is_silent (Fixture       *fixture,
                            gconstpointer  data)
{
  poll_ok (fixture, 0, outage (VIGIE_SEVERITY_MAJOR, "1"));
  advance (fixture, 60);
  g_assert_cmpuint (fixture->shown->len, ==, 0);

  poll_ok (fixture, 0, outage (VIGIE_SEVERITY_MAJOR, "1"));
  advance (fixture, 60);
  g_assert_cmpuint (fixture->shown->len, ==, 0);

  /* news gathers a few seconds before it is handed over */
  poll_ok (fixture, 0, calm ());
  g_assert_cmpuint (collect (fixture), ==, 0);
  advance (fixture, VIGIE_ALERT_GATHER_SECONDS);
  g_assert_cmpuint (fixture->shown->len, ==, 1);
  g_assert_true (last_notice (fixture)->final);
}

/* Restarts before, during and after an outage, at each alert level */
static void
test_restarts (Fixture       *fixture,
               gconstpointer  data)
{
  const VigieAlertLevel levels[] = {
    VIGIE_ALERT_LEVEL_ALL, VIGIE_ALERT_LEVEL_MAJOR, VIGIE_ALERT_LEVEL_CRITICAL,
  };

  for (guint l = 0; l < G_N_ELEMENTS (levels); l++)
    {
      gboolean told = levels[l] != VIGIE_ALERT_LEVEL_CRITICAL;

      g_test_message ("alert level %s", vigie_alert_level_to_string (levels[l]));
      fixture_tear_down (fixture, data);
      fixture_set_up (fixture, data);
      vigie_policy_set_default_level (vigie_alert_engine_get_policy (fixture->engine), levels[l]);

      /* before: calm, then a stop; the outage begins while stopped */
      poll_ok (fixture, 0, calm ());
      advance (fixture, 120);
      restart (fixture);
      fixture->seconds += 3600;
      poll_ok (fixture, 0, outage (VIGIE_SEVERITY_MAJOR, "1"));
      advance (fixture, 10);
      g_assert_cmpuint (fixture->shown->len, ==, told ? 1 : 0);
      g_assert_cmpuint (fixture->bubbles, ==, told ? 1 : 0);

      /* during: the same outage is not told again */
      restart (fixture);
      poll_ok (fixture, 0, outage (VIGIE_SEVERITY_MAJOR, "1"));
      advance (fixture, 10);
      g_assert_cmpuint (fixture->shown->len, ==, told ? 1 : 0);

      /* a downgrade after a restart is still told, whatever the level */
      restart (fixture);
      poll_ok (fixture, 0, outage (VIGIE_SEVERITY_MINOR, "1"));
      advance (fixture, 10);
      g_assert_cmpuint (fixture->shown->len, ==, told ? 2 : 0);

      /* after: it ended while stopped; its recovery is told */
      restart (fixture);
      fixture->seconds += 3600;
      poll_ok (fixture, 0, calm ());
      advance (fixture, 10);
      g_assert_cmpuint (fixture->shown->len, ==, told ? 3 : 0);
      if (told)
        {
          g_assert_true (last_notice (fixture)->final);
          /* measured from before the restarts */
          g_test_message ("recovery: %s", last_notice (fixture)->summary);
          g_assert_nonnull (strstr (last_notice (fixture)->summary, "after 1 h"));
        }
    }
}

/* Under "major and critical only", an incident told at major keeps its
 * updates and its recovery across a restart, although it went down to minor */
static void
test_restart_keeps_what_was_told (Fixture       *fixture,
                                  gconstpointer  data)
{
  vigie_policy_set_default_level (vigie_alert_engine_get_policy (fixture->engine),
                                  VIGIE_ALERT_LEVEL_MAJOR);
  poll_ok (fixture, 0, calm ());
  advance (fixture, 60);
  poll_ok (fixture, 0, outage (VIGIE_SEVERITY_MINOR, "7"));
  advance (fixture, 60);
  g_assert_cmpuint (fixture->shown->len, ==, 0);
  poll_ok (fixture, 0, outage (VIGIE_SEVERITY_MAJOR, "7"));
  advance (fixture, 60);
  g_assert_cmpuint (fixture->shown->len, ==, 1);

  restart (fixture);
  poll_ok (fixture, 0, outage (VIGIE_SEVERITY_MINOR, "7"));
  advance (fixture, 60);
  g_assert_cmpuint (fixture->shown->len, ==, 2);
  g_assert_false (last_notice (fixture)->final);

  restart (fixture);
  poll_ok (fixture, 0, calm ());
  advance (fixture, 60);
  g_assert_cmpuint (fixture->shown->len, ==, 3);
  g_assert_true (last_notice (fixture)->final);
}

/* A flip every poll for two hours: one bubble, a few updates in place */
static void
test_flapping (Fixture       *fixture,
               gconstpointer  data)
{
  guint unstable = 0;

  poll_ok (fixture, 0, calm ());
  advance (fixture, 60);

  for (guint i = 0; i < 120; i++)
    {
      if (i % 2 == 0)
        poll_ok (fixture, 0, outage (VIGIE_SEVERITY_MAJOR, "flap"));
      else
        poll_ok (fixture, 0, calm ());
      advance (fixture, 60);
    }

  /* outage, recovery, "unstable": then nothing while it goes on */
  g_assert_cmpuint (fixture->bubbles, ==, 1);
  g_assert_cmpuint (fixture->shown->len, <=, 4);
  g_assert_true (vigie_alert_engine_is_unstable (fixture->engine, "slack"));
  for (guint i = 0; i < fixture->shown->len; i++)
    if (strstr (((VigieNotice *) g_ptr_array_index (fixture->shown, i))->summary, "unstable"))
      unstable++;
  g_assert_cmpuint (unstable, ==, 1);

  /* worse than told: told at once, in place */
  poll_ok (fixture, 0, outage (VIGIE_SEVERITY_CRITICAL, "flap"));
  advance (fixture, 10);
  g_assert_cmpuint (fixture->bubbles, ==, 1);
  g_assert_cmpint (last_notice (fixture)->severity, ==, VIGIE_SEVERITY_CRITICAL);

  /* the recovery is told once it has held */
  poll_ok (fixture, 0, calm ());
  advance (fixture, VIGIE_ALERT_STABLE_SECONDS / 2);
  g_assert_false (last_notice (fixture)->final);
  advance (fixture, VIGIE_ALERT_STABLE_SECONDS);
  g_assert_true (last_notice (fixture)->final);
  g_assert_cmpuint (fixture->bubbles, ==, 1);
  g_assert_false (vigie_alert_engine_is_unstable (fixture->engine, "slack"));

  /* long after, a new outage is a new notification */
  advance (fixture, VIGIE_ALERT_FLAP_WINDOW_SECONDS + 60);
  poll_ok (fixture, 0, outage (VIGIE_SEVERITY_MAJOR, "later"));
  advance (fixture, 10);
  g_assert_cmpuint (fixture->bubbles, ==, 2);
}

/* With recovery notices off, a flapping service is still one bubble */
static void
test_flapping_without_recoveries (Fixture       *fixture,
                                  gconstpointer  data)
{
  vigie_policy_set_notify_recoveries (vigie_alert_engine_get_policy (fixture->engine), FALSE);
  poll_ok (fixture, 0, calm ());
  advance (fixture, 60);

  for (guint i = 0; i < 40; i++)
    {
      poll_ok (fixture, 0, i % 2 == 0 ? outage (VIGIE_SEVERITY_MAJOR, "flap") : calm ());
      advance (fixture, 60);
    }

  g_assert_cmpuint (fixture->bubbles, ==, 1);
  g_assert_cmpuint (fixture->shown->len, <=, 2);
}

static void
storm (Fixture *fixture,
       guint    count)
{
  guint last_shown;

  add_services (fixture, count);
  for (guint i = 0; i < count; i++)
    poll_ok (fixture, i, calm ());
  advance (fixture, 60);

  for (guint i = 0; i < count; i++)
    poll_ok (fixture, i, outage (VIGIE_SEVERITY_MAJOR, "storm"));
  advance (fixture, 10);

  g_assert_cmpuint (fixture->bubbles, ==, 1);
  g_assert_cmpuint (fixture->shown->len, <=, 2);
  g_assert_true (last_notice (fixture)->group);
  if (count > 3)
    {
      g_autofree char *expected = g_strdup_printf ("and %u other tools: major outage", count - 2);

      g_assert_nonnull (strstr (last_notice (fixture)->summary, expected));
    }

  /* half recover: one update in place */
  last_shown = fixture->shown->len;
  for (guint i = 0; i < count / 2; i++)
    poll_ok (fixture, i, calm ());
  advance (fixture, 10);
  g_assert_cmpuint (fixture->shown->len, ==, last_shown + 1);
  g_assert_nonnull (strstr (last_notice (fixture)->body, "Back to normal"));
  g_assert_false (last_notice (fixture)->final);

  /* all back: the storm ends in the same notification */
  for (guint i = count / 2; i < count; i++)
    poll_ok (fixture, i, calm ());
  advance (fixture, 10);
  g_assert_true (last_notice (fixture)->final);
  g_assert_cmpuint (fixture->bubbles, ==, 1);
  g_assert_cmpuint (fixture->shown->len, ==, last_shown + 2);
}

static void
test_storm_10 (Fixture       *fixture,
               gconstpointer  data)
{
  storm (fixture, 10);
}

static void
test_storm_300 (Fixture       *fixture,
                gconstpointer  data)
{
  storm (fixture, 300);
}

/* Two services a minute apart still make one notice */
static void
test_storm_spread (Fixture       *fixture,
                   gconstpointer  data)
{
  add_services (fixture, 3);
  for (guint i = 0; i < 3; i++)
    poll_ok (fixture, i, calm ());
  advance (fixture, 60);

  poll_ok (fixture, 0, outage (VIGIE_SEVERITY_MAJOR, "a"));
  advance (fixture, 60);
  g_assert_cmpuint (fixture->bubbles, ==, 1);
  g_assert_false (last_notice (fixture)->group);

  poll_ok (fixture, 1, outage (VIGIE_SEVERITY_MINOR, "b"));
  advance (fixture, 60);
  g_assert_cmpuint (fixture->bubbles, ==, 1);
  g_assert_true (last_notice (fixture)->group);
  g_assert_cmpstr (last_notice (fixture)->summary, ==, "Slack and Tool 1: major outage");

  /* far apart: on its own */
  advance (fixture, VIGIE_ALERT_STORM_WINDOW_SECONDS + 60);
  poll_ok (fixture, 2, outage (VIGIE_SEVERITY_MAJOR, "c"));
  advance (fixture, 10);
  g_assert_cmpuint (fixture->bubbles, ==, 2);
  g_assert_false (last_notice (fixture)->group);
}

/* Muted services are not named, and a storm of muted services ends in silence */
static void
test_storm_muted (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GDateTime) now = NULL;
  guint shown;

  add_services (fixture, 3);
  for (guint i = 0; i < 3; i++)
    poll_ok (fixture, i, calm ());
  advance (fixture, 60);
  poll_ok (fixture, 0, outage (VIGIE_SEVERITY_MAJOR, "a"));
  poll_ok (fixture, 1, outage (VIGIE_SEVERITY_MAJOR, "b"));
  advance (fixture, 10);
  g_assert_cmpuint (fixture->bubbles, ==, 1);

  now = now_of (fixture);
  vigie_alert_engine_mute (fixture->engine, "slack", "hour", now);
  vigie_alert_engine_mute (fixture->engine, "tool1", "hour", now);
  shown = fixture->shown->len;
  poll_ok (fixture, 0, calm ());
  poll_ok (fixture, 1, calm ());
  advance (fixture, 10);
  g_assert_cmpuint (fixture->shown->len, ==, shown);

  /* a new trouble soon after joins the storm's notice, which names no
   * muted service */
  poll_ok (fixture, 2, outage (VIGIE_SEVERITY_MINOR, "c"));
  advance (fixture, 10);
  g_assert_cmpuint (fixture->bubbles, ==, 1);
  g_assert_cmpstr (last_notice (fixture)->summary, ==, "Tool 2: minor incident");
}

/* Every page fails at the network level: nothing turns unknown, nothing
 * is told, and the verdict says it is this computer's side */
static void
test_them_or_me (Fixture       *fixture,
                 gconstpointer  data)
{
  add_services (fixture, 4);
  for (guint i = 0; i < 4; i++)
    poll_ok (fixture, i, i == 2 ? outage (VIGIE_SEVERITY_MINOR, "x") : calm ());
  advance (fixture, 60);
  g_assert_cmpint (vigie_alert_engine_get_reach (fixture->engine), ==, VIGIE_REACH_OK);

  for (guint round = 0; round < 6; round++)
    {
      for (guint i = 0; i < 4; i++)
        poll_fail (fixture, i, round % 2 ? VIGIE_FETCH_ERROR_HOST_NOT_FOUND
                                         : VIGIE_FETCH_ERROR_TIMEOUT);
      advance (fixture, 60);
    }

  g_assert_cmpint (vigie_alert_engine_get_reach (fixture->engine), ==, VIGIE_REACH_UNREACHABLE);
  for (guint i = 0; i < 4; i++)
    g_assert_cmpint (vigie_service_get_severity (service_at (fixture, i)), !=,
                     VIGIE_SEVERITY_UNKNOWN);
  g_assert_cmpint (vigie_service_get_severity (service_at (fixture, 2)), ==,
                   VIGIE_SEVERITY_MINOR);
  g_assert_cmpuint (fixture->shown->len, ==, 0);

  /* pages answer again, nothing changed meanwhile: nothing told */
  for (guint i = 0; i < 4; i++)
    poll_ok (fixture, i, i == 2 ? outage (VIGIE_SEVERITY_MINOR, "x") : calm ());
  advance (fixture, 60);
  g_assert_cmpint (vigie_alert_engine_get_reach (fixture->engine), ==, VIGIE_REACH_OK);
  g_assert_cmpuint (fixture->shown->len, ==, 0);

  /* one page failing while others answer: that page's problem */
  for (guint round = 0; round < VIGIE_SERVICE_FAILURES_BEFORE_UNKNOWN; round++)
    {
      poll_fail (fixture, 3, VIGIE_FETCH_ERROR_CONNECTION);
      for (guint i = 0; i < 3; i++)
        poll_ok (fixture, i, i == 2 ? outage (VIGIE_SEVERITY_MINOR, "x") : calm ());
      advance (fixture, 60);
    }
  g_assert_cmpint (vigie_alert_engine_get_reach (fixture->engine), ==, VIGIE_REACH_OK);
  g_assert_cmpint (vigie_service_get_severity (service_at (fixture, 3)), ==,
                   VIGIE_SEVERITY_UNKNOWN);
  g_assert_cmpuint (fixture->shown->len, ==, 0);

  /* an HTTP error is the page's answer, not the network's */
  for (guint i = 0; i < 4; i++)
    poll_fail (fixture, i, i == 0 ? VIGIE_FETCH_ERROR_HTTP : VIGIE_FETCH_ERROR_TIMEOUT);
  g_assert_cmpint (vigie_alert_engine_get_reach (fixture->engine), ==, VIGIE_REACH_OK);
}

/* A real change hidden behind the network verdict is told once pages answer */
static void
test_them_or_me_then_change (Fixture       *fixture,
                             gconstpointer  data)
{
  add_services (fixture, 2);
  poll_ok (fixture, 0, calm ());
  poll_ok (fixture, 1, calm ());
  advance (fixture, 60);
  for (guint round = 0; round < 5; round++)
    {
      poll_fail (fixture, 0, VIGIE_FETCH_ERROR_TLS);
      poll_fail (fixture, 1, VIGIE_FETCH_ERROR_TLS);
      advance (fixture, 60);
    }
  g_assert_cmpint (vigie_alert_engine_get_reach (fixture->engine), ==, VIGIE_REACH_UNREACHABLE);

  poll_ok (fixture, 0, outage (VIGIE_SEVERITY_MAJOR, "real"));
  advance (fixture, 10);
  g_assert_cmpint (vigie_alert_engine_get_reach (fixture->engine), ==, VIGIE_REACH_OK);
  g_assert_cmpuint (fixture->shown->len, ==, 1);
}

static void
test_mute_survives_restart (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(GDateTime) now = NULL;

  poll_ok (fixture, 0, calm ());
  advance (fixture, 60);
  now = now_of (fixture);
  vigie_alert_engine_mute (fixture->engine, "slack", "hour", now);

  restart (fixture);
  poll_ok (fixture, 0, outage (VIGIE_SEVERITY_MAJOR, "muted"));
  advance (fixture, 60);
  g_assert_cmpuint (fixture->shown->len, ==, 0);

  /* the hour is over: news is told again */
  advance (fixture, 3600);
  poll_ok (fixture, 0, outage (VIGIE_SEVERITY_CRITICAL, "muted"));
  advance (fixture, 10);
  g_assert_cmpuint (fixture->shown->len, ==, 1);
}

static void
test_mute_until_resolved_survives_restart (Fixture       *fixture,
                                           gconstpointer  data)
{
  g_autoptr(GDateTime) now = NULL;

  poll_ok (fixture, 0, calm ());
  advance (fixture, 60);
  poll_ok (fixture, 0, outage (VIGIE_SEVERITY_MAJOR, "1"));
  advance (fixture, 60);
  g_assert_cmpuint (fixture->shown->len, ==, 1);
  now = now_of (fixture);
  vigie_alert_engine_mute (fixture->engine, "slack", "resolved", now);

  restart (fixture);
  poll_ok (fixture, 0, outage (VIGIE_SEVERITY_CRITICAL, "1"));
  advance (fixture, 60);
  g_assert_cmpuint (fixture->shown->len, ==, 1);

  /* its recovery gets through, once */
  poll_ok (fixture, 0, calm ());
  advance (fixture, 60);
  g_assert_cmpuint (fixture->shown->len, ==, 2);
  g_assert_true (last_notice (fixture)->final);
}

static void
test_digest_survives_restart (Fixture       *fixture,
                              gconstpointer  data)
{
  VigiePolicy *policy = vigie_alert_engine_get_policy (fixture->engine);

  /* 15:00 UTC: quiet hours that cover the whole day, in local time */
  vigie_policy_set_quiet_hours (policy, 0, 0);
  vigie_policy_set_quiet_days (policy, VIGIE_WEEKDAYS_ALL);
  vigie_policy_set_quiet_hours_enabled (policy, TRUE);

  poll_ok (fixture, 0, calm ());
  advance (fixture, 60);
  poll_ok (fixture, 0, outage (VIGIE_SEVERITY_MAJOR, "night"));
  advance (fixture, 60);
  g_assert_cmpuint (fixture->shown->len, ==, 0);
  g_assert_true (vigie_policy_has_held (policy));

  restart (fixture);
  policy = vigie_alert_engine_get_policy (fixture->engine);
  g_assert_true (vigie_policy_has_held (policy));

  /* quiet hours over: the digest comes out, at once */
  vigie_policy_set_quiet_hours_enabled (policy, FALSE);
  g_assert_cmpuint (collect (fixture), ==, 1);
  g_assert_true (last_notice (fixture)->group);
  g_test_message ("digest: %s / %s", last_notice (fixture)->summary, last_notice (fixture)->body);
  g_assert_nonnull (strstr (last_notice (fixture)->body, "Slack, major outage"));
}

/* A poll that changes nothing changes no saved byte */
static void
test_unchanged_polls_save_nothing (Fixture       *fixture,
                                   gconstpointer  data)
{
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;

  add_services (fixture, 3);
  for (guint i = 0; i < 3; i++)
    poll_ok (fixture, i, i == 1 ? outage (VIGIE_SEVERITY_MINOR, "long") : calm ());
  advance (fixture, 60);
  before = vigie_alert_engine_save (fixture->engine);

  for (guint round = 0; round < 30; round++)
    {
      for (guint i = 0; i < 3; i++)
        poll_ok (fixture, i, i == 1 ? outage (VIGIE_SEVERITY_MINOR, "long") : calm ());
      advance (fixture, 60);
    }
  after = vigie_alert_engine_save (fixture->engine);
  g_assert_true (g_bytes_equal (before, after));
}

static gboolean
load_text (const char  *text,
           gsize        length,
           GError     **error)
{
  g_autoptr(VigieAlertEngine) engine = vigie_alert_engine_new ();
  g_autoptr(GBytes) bytes = g_bytes_new (text, length);
  g_autoptr(GDateTime) now = g_date_time_new_utc (2021, 1, 4, 15, 0, 0);

  return vigie_alert_engine_load (engine, bytes, now, error);
}

static void
test_damaged_state (Fixture       *fixture,
                    gconstpointer  data)
{
  const char *refused[] = {
    "", "{", "[]", "{\"services\": 3}", "\xff\xfe\x00", "null",
    "{\"version\": 2, \"services\": {\"slack\": {\"slots\": [",
  };
  g_autoptr(GString) deep = g_string_new ("{\"services\":{},\"x\":");
  g_autofree char *huge = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_false (load_text (refused[i], strlen (refused[i]), &error));
      g_assert_nonnull (error);
    }

  for (guint i = 0; i < 100000; i++)
    g_string_append_c (deep, '[');
  g_assert_false (load_text (deep->str, deep->len, NULL));

  huge = g_malloc (VIGIE_MAX_STATE_BYTES + 2);
  memset (huge, ' ', VIGIE_MAX_STATE_BYTES + 1);
  huge[VIGIE_MAX_STATE_BYTES + 1] = '\0';
  g_assert_false (load_text (huge, VIGIE_MAX_STATE_BYTES + 1, NULL));
}

/* Hostile text in the file is cleaned as feed text is */
static void
test_hostile_state (Fixture       *fixture,
                    gconstpointer  data)
{
  const char *text =
    "{\"version\": 2, \"services\": {\"slack\": {\"severity\": \"major\", \"slots\": ["
    "{\"key\": \"1\", \"title\": \"Evil \\u202etxt.exe\\u0007\", \"severity\": \"major\","
    " \"url\": \"javascript:alert(1)\", \"started_at\": \"2021-01-04T14:00:00Z\"}]},"
    " \"bad\\u202eid\": {\"slots\": []}, \"x\": 5},"
    " \"mutes\": {\"slack\": {\"until\": 12}, \"\": {\"until\": \"resolved\"}},"
    " \"told\": [{\"service\": \"slack\", \"slot\": \"1\", \"told\": true,"
    " \"told_worst\": \"weird\"}, 7, null],"
    " \"digest\": [{\"service\": \"slack\", \"slot\": \"9\", \"title\": \"\\u202eabc\"}]}";
  g_autoptr(GBytes) bytes = g_bytes_new_static (text, strlen (text));
  g_autoptr(GDateTime) now = now_of (fixture);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) saved = NULL;
  const char *data_saved;
  gsize size;

  g_assert_true (vigie_alert_engine_load (fixture->engine, bytes, now, &error));
  g_assert_no_error (error);

  /* the outage it knows ends: the notice carries no trace of the hostile text */
  poll_ok (fixture, 0, calm ());
  advance (fixture, 10);
  g_assert_cmpuint (fixture->shown->len, ==, 1);
  g_assert_null (strstr (last_notice (fixture)->summary, "\u202e"));
  g_assert_null (strstr (last_notice (fixture)->body, "\u202e"));
  g_assert_null (strstr (last_notice (fixture)->body, "\a"));
  g_assert_null (last_notice (fixture)->url);

  saved = vigie_alert_engine_save (fixture->engine);
  data_saved = g_bytes_get_data (saved, &size);
  g_assert_null (g_strstr_len (data_saved, size, "bad"));
  g_assert_null (g_strstr_len (data_saved, size, "javascript"));
}

/* The state file of Vigie 0.1 (the tracker's alone) loads as a baseline */
static void
test_older_version (Fixture       *fixture,
                    gconstpointer  data)
{
  const char *text =
    "{\"version\": 1, \"services\": {\"slack\": {\"severity\": \"major\","
    " \"trouble_since\": \"2021-01-04T14:00:00Z\", \"slots\": [{\"key\": \"546\","
    " \"title\": \"Outage\", \"status\": \"active\", \"severity\": \"major\","
    " \"started_at\": \"2021-01-04T14:00:00Z\"}]}}}";
  g_autoptr(GBytes) bytes = g_bytes_new_static (text, strlen (text));
  g_autoptr(GDateTime) now = now_of (fixture);

  g_assert_true (vigie_alert_engine_load (fixture->engine, bytes, now, NULL));

  poll_ok (fixture, 0, vigie_test_snapshot_new (VIGIE_SEVERITY_MAJOR,
                                                vigie_test_incident_new ("546", "Outage", NULL,
                                                                         VIGIE_SEVERITY_MAJOR,
                                                                         NULL),
                                                NULL));
  advance (fixture, 10);
  g_assert_cmpuint (fixture->shown->len, ==, 0);

  poll_ok (fixture, 0, calm ());
  advance (fixture, 10);
  g_assert_cmpuint (fixture->shown->len, ==, 1);
  g_assert_true (last_notice (fixture)->final);
}

/* Each feed's validators are saved, and given back before the first poll
 * after a restart, only to the same address */
static void
test_validators_saved (Fixture       *fixture,
                       gconstpointer  data)
{
  const char *etag = NULL;
  const char *last_modified = NULL;
  g_autoptr(GBytes) state = NULL;
  gsize size;
  const char *text;

  poll_ok (fixture, 0, calm ());
  vigie_service_set_validators (service_at (fixture, 0), "\"v7\"", "Tue, 01 Dec 2026 10:00:00 GMT");
  state = vigie_alert_engine_save (fixture->engine);
  text = g_bytes_get_data (state, &size);
  g_assert_nonnull (g_strstr_len (text, size, "\\\"v7\\\""));

  restart (fixture);
  vigie_service_get_validators (service_at (fixture, 0), &etag, &last_modified);
  g_assert_cmpstr (etag, ==, "\"v7\"");
  g_assert_cmpstr (last_modified, ==, "Tue, 01 Dec 2026 10:00:00 GMT");

  /* saved again before any poll: still there */
  g_clear_pointer (&state, g_bytes_unref);
  state = vigie_alert_engine_save (fixture->engine);
  text = g_bytes_get_data (state, &size);
  g_assert_nonnull (g_strstr_len (text, size, "Tue, 01 Dec 2026"));
}

/* Services gone for a month are forgotten; the others kept */
static void
test_retention (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GBytes) state = NULL;
  g_autoptr(VigieAlertEngine) later = vigie_alert_engine_new ();
  g_autoptr(GDateTime) month = NULL;
  g_autoptr(GBytes) saved = NULL;
  gsize size;
  const char *text;

  poll_ok (fixture, 0, outage (VIGIE_SEVERITY_MAJOR, "old"));
  advance (fixture, 10);
  state = vigie_alert_engine_save (fixture->engine);
  text = g_bytes_get_data (state, &size);
  g_assert_nonnull (g_strstr_len (text, size, "\"slack\""));

  month = g_date_time_add_days (fixture->start, 40);
  g_assert_true (vigie_alert_engine_load (later, state, month, NULL));
  saved = vigie_alert_engine_save (later);
  text = g_bytes_get_data (saved, &size);
  g_assert_null (g_strstr_len (text, size, "\"slack\""));
}

/* The state file */

typedef struct
{
  gboolean done;
  gboolean saved;
} SaveWait;

static void
saved_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  SaveWait *wait = user_data;

  wait->saved = vigie_state_file_save_finish (VIGIE_STATE_FILE (source), result, NULL);
  wait->done = TRUE;
}

static gboolean
save_and_wait (VigieStateFile *file,
               const char     *text)
{
  g_autoptr(GBytes) bytes = g_bytes_new (text, strlen (text));
  SaveWait wait = { FALSE, FALSE };

  vigie_state_file_save_async (file, bytes, NULL, saved_cb, &wait);
  vigie_test_wait_for (&wait.done, 10);
  return wait.saved;
}

static void
test_state_file_writes_on_change (void)
{
  g_autofree char *dir = g_dir_make_tmp ("vigie-state-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "vigie", "state.json", NULL);
  g_autoptr(VigieStateFile) file = vigie_state_file_new (path);
  g_autoptr(VigieStateFile) again = NULL;
  g_autoptr(GBytes) read = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *leftover = g_strconcat (path, ".Ab12Cd", NULL);

  /* no file: a first start, not an error */
  g_assert_null (vigie_state_file_load (file, &error));
  g_assert_no_error (error);

  g_assert_true (save_and_wait (file, "{\"services\":{}}"));
  g_assert_cmpuint (vigie_state_file_get_n_writes (file), ==, 1);
  for (guint i = 0; i < 5; i++)
    g_assert_true (save_and_wait (file, "{\"services\":{}}"));
  g_assert_cmpuint (vigie_state_file_get_n_writes (file), ==, 1);
  g_assert_true (save_and_wait (file, "{\"services\":{\"a\":{}}}"));
  g_assert_cmpuint (vigie_state_file_get_n_writes (file), ==, 2);

  /* a kill during a write leaves a temporary file: removed at load */
  g_assert_true (g_file_set_contents (leftover, "half", -1, NULL));
  again = vigie_state_file_new (path);
  read = vigie_state_file_load (again, &error);
  g_assert_no_error (error);
  g_assert_cmpmem (g_bytes_get_data (read, NULL), g_bytes_get_size (read),
                   "{\"services\":{\"a\":{}}}", 21);
  g_assert_false (g_file_test (leftover, G_FILE_TEST_EXISTS));

  /* what was read is not written again */
  g_assert_true (save_and_wait (again, "{\"services\":{\"a\":{}}}"));
  g_assert_cmpuint (vigie_state_file_get_n_writes (again), ==, 0);
}

static void
test_state_file_set_aside (void)
{
  g_autofree char *dir = g_dir_make_tmp ("vigie-state-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "state.json", NULL);
  g_autofree char *aside = g_strconcat (path, ".damaged", NULL);
  g_autoptr(VigieStateFile) file = vigie_state_file_new (path);
  g_autoptr(VigieAlertEngine) engine = vigie_alert_engine_new ();
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *big = g_malloc0 (VIGIE_MAX_STATE_BYTES + 16);

  g_assert_true (g_file_set_contents (path, "{\"services\": [1, 2", -1, NULL));
  bytes = vigie_state_file_load (file, &error);
  g_assert_no_error (error);
  g_assert_false (vigie_alert_engine_load (engine, bytes, now, &error));
  g_assert_nonnull (error);

  g_test_expect_message ("vigie-state-file", G_LOG_LEVEL_WARNING, "*set aside*");
  vigie_state_file_set_aside (file, error->message);
  g_test_assert_expected_messages ();
  g_assert_true (g_file_test (aside, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));

  /* too large to read: an error, not a load */
  memset (big, ' ', VIGIE_MAX_STATE_BYTES + 15);
  g_assert_true (g_file_set_contents (path, big, VIGIE_MAX_STATE_BYTES + 15, NULL));
  g_clear_error (&error);
  g_clear_pointer (&bytes, g_bytes_unref);
  bytes = vigie_state_file_load (file, &error);
  g_assert_null (bytes);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
}

/* A write that fails is logged once, not at every save */
static void
test_state_file_failed_write (void)
{
  g_autofree char *dir = g_dir_make_tmp ("vigie-state-XXXXXX", NULL);
  g_autofree char *blocker = g_build_filename (dir, "not-a-dir", NULL);
  g_autofree char *path = g_build_filename (blocker, "state.json", NULL);
  g_autoptr(VigieStateFile) file = vigie_state_file_new (path);

  g_assert_true (g_file_set_contents (blocker, "", -1, NULL));

  g_test_expect_message ("vigie-state-file", G_LOG_LEVEL_WARNING, "Could not save*");
  g_assert_false (save_and_wait (file, "{\"services\":{}}"));
  g_test_assert_expected_messages ();
  /* the second failure says nothing more */
  g_assert_false (save_and_wait (file, "{\"services\":{\"b\":{}}}"));
  g_assert_cmpuint (vigie_state_file_get_n_writes (file), ==, 0);

  /* the way is clear again: the next save works, and says so */
  g_assert_cmpint (g_remove (blocker), ==, 0);
  g_test_expect_message ("vigie-state-file", G_LOG_LEVEL_MESSAGE, "*saved again*");
  g_assert_true (save_and_wait (file, "{\"services\":{\"c\":{}}}"));
  g_test_assert_expected_messages ();
  g_assert_cmpuint (vigie_state_file_get_n_writes (file), ==, 1);
}

/* The feed cache keeps one copy per service, written when it changes */
static void
test_feed_cache (void)
{
  g_autofree char *dir = g_dir_make_tmp ("vigie-feeds-XXXXXX", NULL);
  g_autoptr(VigieFeedCache) cache = vigie_feed_cache_new (dir);
  g_autoptr(VigieFeedCache) restarted = NULL;
  g_autoptr(GBytes) body = g_bytes_new_static ("{\"status\": 1}", 13);
  g_autoptr(GBytes) other = g_bytes_new_static ("{\"status\": 2}", 13);
  g_autoptr(GBytes) read = NULL;
  g_autoptr(GBytes) wrong = NULL;
  const char *url = "https://status.example.com/api/v2/summary.json";

  vigie_feed_cache_store (cache, "slack", url, body);
  vigie_feed_cache_store (cache, "slack", url, body);
  vigie_feed_cache_wait (cache);
  g_assert_cmpuint (vigie_feed_cache_get_n_writes (cache), ==, 1);

  restarted = vigie_feed_cache_new (dir);
  read = vigie_feed_cache_load (restarted, "slack", url);
  g_assert_nonnull (read);
  g_assert_true (g_bytes_equal (read, body));
  wrong = vigie_feed_cache_load (restarted, "slack", "https://status.example.com/other.json");
  g_assert_null (wrong);
  g_assert_null (vigie_feed_cache_load (restarted, "zoom", url));

  /* what was read is not written again; a change is */
  vigie_feed_cache_store (restarted, "slack", url, body);
  vigie_feed_cache_wait (restarted);
  g_assert_cmpuint (vigie_feed_cache_get_n_writes (restarted), ==, 0);
  vigie_feed_cache_store (restarted, "slack", url, other);
  vigie_feed_cache_wait (restarted);
  g_assert_cmpuint (vigie_feed_cache_get_n_writes (restarted), ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  vigie_test_use_locale ("C.UTF-8");

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/engine/first-start-is-silent", test_first_start_is_silent);
  ADD ("/engine/restarts", test_restarts);
  ADD ("/engine/restart-keeps-what-was-told", test_restart_keeps_what_was_told);
  ADD ("/engine/flapping", test_flapping);
  ADD ("/engine/flapping-without-recoveries", test_flapping_without_recoveries);
  ADD ("/engine/storm-10", test_storm_10);
  ADD ("/engine/storm-300", test_storm_300);
  ADD ("/engine/storm-spread", test_storm_spread);
  ADD ("/engine/storm-muted", test_storm_muted);
  ADD ("/engine/them-or-me", test_them_or_me);
  ADD ("/engine/them-or-me-then-change", test_them_or_me_then_change);
  ADD ("/engine/mute-survives-restart", test_mute_survives_restart);
  ADD ("/engine/mute-until-resolved-survives-restart", test_mute_until_resolved_survives_restart);
  ADD ("/engine/digest-survives-restart", test_digest_survives_restart);
  ADD ("/engine/unchanged-polls-save-nothing", test_unchanged_polls_save_nothing);
  ADD ("/engine/damaged-state", test_damaged_state);
  ADD ("/engine/hostile-state", test_hostile_state);
  ADD ("/engine/older-version", test_older_version);
  ADD ("/engine/retention", test_retention);
  ADD ("/engine/validators-saved", test_validators_saved);
  g_test_add_func ("/state-file/writes-on-change", test_state_file_writes_on_change);
  g_test_add_func ("/state-file/set-aside", test_state_file_set_aside);
  g_test_add_func ("/state-file/failed-write", test_state_file_failed_write);
  g_test_add_func ("/feed-cache/copies", test_feed_cache);

  return g_test_run ();
}
