/* test-tracker.c: the notification rules, with synthetic snapshots and an
 * injected clock
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "vigie-snapshot-private.h"
#include "vigie-test-utils.h"
#include "vigie-tracker.h"

#define SERVICE "slack"

typedef struct
{
  VigieTracker *tracker;
  GDateTime *start;
  int minutes;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->tracker = vigie_tracker_new ();
  fixture->start = g_date_time_new_utc (2021, 1, 4, 15, 0, 0);
  fixture->minutes = 0;
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->tracker);
  g_clear_pointer (&fixture->start, g_date_time_unref);
}

static GDateTime *
at (Fixture *fixture,
    int      minutes)
{
  return g_date_time_add_minutes (fixture->start, minutes);
}

#define incident vigie_test_incident_new
#define snapshot vigie_test_snapshot_new

/* Observes @snap (taking it) at minute @minutes and returns the events */
static GPtrArray *
observe (Fixture       *fixture,
         int            minutes,
         VigieSeverity  severity,
         VigieSnapshot *snap)
{
  g_autoptr(GDateTime) now = at (fixture, minutes);
  g_autoptr(VigieSnapshot) owned = snap;

  return vigie_tracker_observe (fixture->tracker, SERVICE, "Slack", "https://status.example.com/",
                                severity, owned, now);
}

static GPtrArray *
observe_snapshot (Fixture       *fixture,
                  int            minutes,
                  VigieSnapshot *snap)
{
  return observe (fixture, minutes, vigie_snapshot_get_severity (snap), snap);
}

static const VigieEvent *
event_at (GPtrArray *events,
          guint      index)
{
  g_assert_cmpuint (index, <, events->len);
  return g_ptr_array_index (events, index);
}

static void
test_first_poll_is_silent (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(GPtrArray) first = NULL;
  g_autoptr(GPtrArray) second = NULL;

  first = observe_snapshot (fixture, 0,
                            snapshot (VIGIE_SEVERITY_MAJOR,
                                      incident ("1", "Trouble connecting", "Investigating",
                                                VIGIE_SEVERITY_MAJOR, fixture->start),
                                      NULL));
  g_assert_cmpuint (first->len, ==, 0);

  second = observe_snapshot (fixture, 2,
                             snapshot (VIGIE_SEVERITY_MAJOR,
                                       incident ("1", "Trouble connecting", "Investigating",
                                                 VIGIE_SEVERITY_MAJOR, fixture->start),
                                       NULL));
  g_assert_cmpuint (second->len, ==, 0);
  g_assert_cmpuint (vigie_tracker_get_n_open (fixture->tracker, SERVICE), ==, 1);
}

static void
test_incident_lifecycle (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GDateTime) started = at (fixture, 14);
  const VigieEvent *event;

  events = observe_snapshot (fixture, 0, snapshot (VIGIE_SEVERITY_OPERATIONAL, NULL));
  g_assert_cmpuint (events->len, ==, 0);
  g_clear_pointer (&events, g_ptr_array_unref);

  /* opened */
  events = observe_snapshot (fixture, 16,
                             snapshot (VIGIE_SEVERITY_MINOR,
                                       incident ("546", "Trouble loading channels", "Investigating",
                                                 VIGIE_SEVERITY_MINOR, started),
                                       NULL));
  g_assert_cmpuint (events->len, ==, 1);
  event = event_at (events, 0);
  g_assert_cmpint (event->kind, ==, VIGIE_EVENT_OPENED);
  g_assert_cmpstr (event->service_id, ==, SERVICE);
  g_assert_cmpstr (event->service_name, ==, "Slack");
  g_assert_cmpstr (event->slot, ==, "546");
  g_assert_null (event->replaces_slot);
  g_assert_cmpint (event->severity, ==, VIGIE_SEVERITY_MINOR);
  g_assert_cmpint (event->previous_severity, ==, VIGIE_SEVERITY_OPERATIONAL);
  g_assert_cmpstr (event->title, ==, "Trouble loading channels");
  g_assert_cmpstr (event->detail, ==, "Investigating");
  g_assert_cmpstr (event->url, ==, "https://status.example.com/incidents/546");
  g_assert_true (g_date_time_equal (event->started_at, started));
  g_clear_pointer (&events, g_ptr_array_unref);

  /* the same again: nothing */
  events = observe_snapshot (fixture, 18,
                             snapshot (VIGIE_SEVERITY_MINOR,
                                       incident ("546", "Trouble loading channels", "Investigating",
                                                 VIGIE_SEVERITY_MINOR, started),
                                       NULL));
  g_assert_cmpuint (events->len, ==, 0);
  g_clear_pointer (&events, g_ptr_array_unref);

  /* upgraded to an outage: the same slot, updated */
  events = observe_snapshot (fixture, 80,
                             snapshot (VIGIE_SEVERITY_MAJOR,
                                       incident ("546", "Trouble loading channels",
                                                 "Upgraded to an outage", VIGIE_SEVERITY_MAJOR,
                                                 started),
                                       NULL));
  g_assert_cmpuint (events->len, ==, 1);
  event = event_at (events, 0);
  g_assert_cmpint (event->kind, ==, VIGIE_EVENT_UPDATED);
  g_assert_cmpstr (event->slot, ==, "546");
  g_assert_cmpint (event->severity, ==, VIGIE_SEVERITY_MAJOR);
  g_assert_cmpint (event->previous_severity, ==, VIGIE_SEVERITY_MINOR);
  g_assert_cmpstr (event->detail, ==, "Upgraded to an outage");
  g_clear_pointer (&events, g_ptr_array_unref);

  /* a new note only: updated in place */
  events = observe_snapshot (fixture, 110,
                             snapshot (VIGIE_SEVERITY_MAJOR,
                                       incident ("546", "Trouble loading channels",
                                                 "Some customers may see improvement",
                                                 VIGIE_SEVERITY_MAJOR, started),
                                       NULL));
  g_assert_cmpuint (events->len, ==, 1);
  g_assert_cmpint (event_at (events, 0)->kind, ==, VIGIE_EVENT_UPDATED);
  g_assert_cmpint (event_at (events, 0)->previous_severity, ==, VIGIE_SEVERITY_MAJOR);
  g_clear_pointer (&events, g_ptr_array_unref);

  /* resolved: closed, recovered, measured from the incident's start */
  events = observe_snapshot (fixture, 310, snapshot (VIGIE_SEVERITY_OPERATIONAL, NULL));
  g_assert_cmpuint (events->len, ==, 1);
  event = event_at (events, 0);
  g_assert_cmpint (event->kind, ==, VIGIE_EVENT_CLOSED);
  g_assert_cmpstr (event->slot, ==, "546");
  g_assert_true (event->recovered);
  g_assert_cmpint (g_date_time_difference (event->ended_at, event->started_at) / G_TIME_SPAN_MINUTE,
                   ==, 310 - 14);
  g_assert_cmpuint (vigie_tracker_get_n_open (fixture->tracker, SERVICE), ==, 0);
}

static void
test_resolved_time_from_feed (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GDateTime) started = at (fixture, 14);
  g_autoptr(GDateTime) ended = at (fixture, 310);
  VigieSnapshot *resolved_snapshot;
  VigieIncident *resolved;

  g_clear_pointer (&events, g_ptr_array_unref);
  events = observe_snapshot (fixture, 0, snapshot (VIGIE_SEVERITY_OPERATIONAL, NULL));
  g_clear_pointer (&events, g_ptr_array_unref);
  events = observe_snapshot (fixture, 16,
                             snapshot (VIGIE_SEVERITY_MAJOR,
                                       incident ("9", "Outage", NULL, VIGIE_SEVERITY_MAJOR, started),
                                       NULL));
  g_clear_pointer (&events, g_ptr_array_unref);

  /* seen an hour late, but the feed says when it ended */
  resolved_snapshot = snapshot (VIGIE_SEVERITY_OPERATIONAL, NULL);
  resolved = incident ("9", "Outage", "Resolved", VIGIE_SEVERITY_OPERATIONAL, started);
  resolved->updated_at = g_date_time_ref (ended);
  vigie_snapshot_add_resolved (resolved_snapshot, resolved);
  events = observe_snapshot (fixture, 370, resolved_snapshot);

  g_assert_cmpuint (events->len, ==, 1);
  g_assert_cmpint (event_at (events, 0)->kind, ==, VIGIE_EVENT_CLOSED);
  g_assert_true (g_date_time_equal (event_at (events, 0)->ended_at, ended));
  g_assert_cmpint (g_date_time_difference (event_at (events, 0)->ended_at,
                                           event_at (events, 0)->started_at) / G_TIME_SPAN_MINUTE,
                   ==, 296);
}

static void
test_unknown_is_silent (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(GPtrArray) events = NULL;

  events = observe_snapshot (fixture, 0, snapshot (VIGIE_SEVERITY_OPERATIONAL, NULL));
  g_clear_pointer (&events, g_ptr_array_unref);

  /* entering unknown: nothing (the service keeps its last snapshot) */
  events = observe (fixture, 2, VIGIE_SEVERITY_UNKNOWN, snapshot (VIGIE_SEVERITY_OPERATIONAL, NULL));
  g_assert_cmpuint (events->len, ==, 0);
  g_clear_pointer (&events, g_ptr_array_unref);

  /* no snapshot at all: nothing */
  events = vigie_tracker_observe (fixture->tracker, SERVICE, "Slack", NULL, VIGIE_SEVERITY_UNKNOWN,
                                  NULL, fixture->start);
  g_assert_cmpuint (events->len, ==, 0);
  g_clear_pointer (&events, g_ptr_array_unref);

  /* leaving unknown to the same state: nothing */
  events = observe_snapshot (fixture, 4, snapshot (VIGIE_SEVERITY_OPERATIONAL, NULL));
  g_assert_cmpuint (events->len, ==, 0);
  g_clear_pointer (&events, g_ptr_array_unref);

  /* a feed that itself says "unknown": nothing */
  events = observe_snapshot (fixture, 6, snapshot (VIGIE_SEVERITY_UNKNOWN, NULL));
  g_assert_cmpuint (events->len, ==, 0);
}

static void
test_change_behind_unknown (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(GPtrArray) events = NULL;

  events = observe_snapshot (fixture, 0, snapshot (VIGIE_SEVERITY_OPERATIONAL, NULL));
  g_clear_pointer (&events, g_ptr_array_unref);
  events = observe (fixture, 2, VIGIE_SEVERITY_UNKNOWN, snapshot (VIGIE_SEVERITY_OPERATIONAL, NULL));
  g_assert_cmpuint (events->len, ==, 0);
  g_clear_pointer (&events, g_ptr_array_unref);

  /* ok -> unknown -> major: the outage is news */
  events = observe_snapshot (fixture, 4,
                             snapshot (VIGIE_SEVERITY_MAJOR,
                                       incident ("7", "Outage", "Investigating", VIGIE_SEVERITY_MAJOR,
                                                 NULL),
                                       NULL));
  g_assert_cmpuint (events->len, ==, 1);
  g_assert_cmpint (event_at (events, 0)->kind, ==, VIGIE_EVENT_OPENED);
  g_assert_cmpint (event_at (events, 0)->previous_severity, ==, VIGIE_SEVERITY_OPERATIONAL);
  g_clear_pointer (&events, g_ptr_array_unref);

  /* major -> unknown -> ok: the recovery is news too */
  events = observe (fixture, 6, VIGIE_SEVERITY_UNKNOWN,
                    snapshot (VIGIE_SEVERITY_MAJOR,
                              incident ("7", "Outage", "Investigating", VIGIE_SEVERITY_MAJOR, NULL),
                              NULL));
  g_assert_cmpuint (events->len, ==, 0);
  g_clear_pointer (&events, g_ptr_array_unref);
  events = observe_snapshot (fixture, 8, snapshot (VIGIE_SEVERITY_OPERATIONAL, NULL));
  g_assert_cmpuint (events->len, ==, 1);
  g_assert_cmpint (event_at (events, 0)->kind, ==, VIGIE_EVENT_CLOSED);
  g_assert_true (event_at (events, 0)->recovered);
}

static void
test_flapping_fetch_errors (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(GDateTime) started = at (fixture, 1);

  g_ptr_array_unref (observe_snapshot (fixture, 0, snapshot (VIGIE_SEVERITY_OPERATIONAL, NULL)));
  g_ptr_array_unref (observe_snapshot (fixture, 2,
                                       snapshot (VIGIE_SEVERITY_MAJOR,
                                                 incident ("3", "Outage", "Investigating",
                                                           VIGIE_SEVERITY_MAJOR, started),
                                                 NULL)));

  /* failures and successes alternate: a stale copy, then unknown, then
   * the same state again; never a false recovery or a repeated alarm */
  for (int i = 0; i < 10; i++)
    {
      g_autoptr(GPtrArray) events = NULL;
      VigieSeverity severity = i % 3 == 2 ? VIGIE_SEVERITY_UNKNOWN : VIGIE_SEVERITY_MAJOR;

      events = observe (fixture, 4 + 2 * i, severity,
                        snapshot (VIGIE_SEVERITY_MAJOR,
                                  incident ("3", "Outage", "Investigating", VIGIE_SEVERITY_MAJOR,
                                            started),
                                  NULL));
      g_assert_cmpuint (events->len, ==, 0);
    }

  g_assert_cmpuint (vigie_tracker_get_n_open (fixture->tracker, SERVICE), ==, 1);
}

static void
test_restart_during_outage (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GDateTime) started = at (fixture, 14);
  g_autoptr(GBytes) state = NULL;
  g_autoptr(VigieTracker) restarted = vigie_tracker_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) later = at (fixture, 310);
  g_autoptr(GDateTime) meanwhile = at (fixture, 200);
  g_autoptr(VigieSnapshot) outage = NULL;
  g_autoptr(VigieSnapshot) over = NULL;

  g_ptr_array_unref (observe_snapshot (fixture, 0, snapshot (VIGIE_SEVERITY_OPERATIONAL, NULL)));
  events = observe_snapshot (fixture, 16,
                             snapshot (VIGIE_SEVERITY_MAJOR,
                                       incident ("546", "Outage", "Investigating",
                                                 VIGIE_SEVERITY_MAJOR, started),
                                       NULL));
  g_assert_cmpuint (events->len, ==, 1);
  g_clear_pointer (&events, g_ptr_array_unref);

  state = vigie_tracker_save (fixture->tracker);
  g_assert_true (vigie_tracker_load (restarted, state, &error));
  g_assert_no_error (error);

  /* after the restart, the same outage is not told again */
  outage = snapshot (VIGIE_SEVERITY_MAJOR,
                     incident ("546", "Outage", "Investigating", VIGIE_SEVERITY_MAJOR, started),
                     NULL);
  events = vigie_tracker_observe (restarted, SERVICE, "Slack", NULL, VIGIE_SEVERITY_MAJOR, outage,
                                  meanwhile);
  g_assert_cmpuint (events->len, ==, 0);
  g_clear_pointer (&events, g_ptr_array_unref);

  /* and its end is measured from before the restart */
  over = snapshot (VIGIE_SEVERITY_OPERATIONAL, NULL);
  events = vigie_tracker_observe (restarted, SERVICE, "Slack", NULL, VIGIE_SEVERITY_OPERATIONAL, over,
                                  later);
  g_assert_cmpuint (events->len, ==, 1);
  g_assert_cmpint (event_at (events, 0)->kind, ==, VIGIE_EVENT_CLOSED);
  g_assert_true (event_at (events, 0)->recovered);
  g_assert_true (g_date_time_equal (event_at (events, 0)->started_at, started));
}

static void
test_restart_after_recovery_is_told (Fixture       *fixture,
                                       gconstpointer  data)
{
  g_autoptr(GBytes) state = NULL;
  g_autoptr(VigieTracker) restarted = vigie_tracker_new ();
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(VigieSnapshot) calm = snapshot (VIGIE_SEVERITY_OPERATIONAL, NULL);
  g_autoptr(GDateTime) later = at (fixture, 500);

  g_ptr_array_unref (observe_snapshot (fixture, 0, snapshot (VIGIE_SEVERITY_OPERATIONAL, NULL)));
  g_ptr_array_unref (observe_snapshot (fixture, 2,
                                       snapshot (VIGIE_SEVERITY_MAJOR,
                                                 incident ("1", "Outage", NULL, VIGIE_SEVERITY_MAJOR,
                                                           NULL),
                                                 NULL)));
  state = vigie_tracker_save (fixture->tracker);
  g_assert_true (vigie_tracker_load (restarted, state, NULL));

  /* the outage ended while Vigie was not running: the saved state is the
   * baseline, so its recovery is told on the first poll */
  events = vigie_tracker_observe (restarted, SERVICE, "Slack", NULL, VIGIE_SEVERITY_OPERATIONAL,
                                  calm, later);
  g_assert_cmpuint (events->len, ==, 1);
  g_assert_cmpint (event_at (events, 0)->kind, ==, VIGIE_EVENT_CLOSED);
  g_assert_true (event_at (events, 0)->recovered);
  g_assert_cmpuint (vigie_tracker_get_n_open (restarted, SERVICE), ==, 0);
}

static void
test_service_slot (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GPtrArray) events = NULL;
  const VigieEvent *event;

  g_ptr_array_unref (observe_snapshot (fixture, 0, snapshot (VIGIE_SEVERITY_OPERATIONAL, NULL)));

  /* trouble with no incident: the service's own slot */
  events = observe_snapshot (fixture, 2, snapshot (VIGIE_SEVERITY_MINOR, NULL));
  g_assert_cmpuint (events->len, ==, 1);
  event = event_at (events, 0);
  g_assert_cmpint (event->kind, ==, VIGIE_EVENT_OPENED);
  g_assert_cmpstr (event->slot, ==, VIGIE_TRACKER_SERVICE_SLOT);
  g_assert_null (event->title);
  g_assert_cmpstr (event->detail, ==, "Summary of the page");
  g_assert_cmpstr (event->url, ==, "https://status.example.com/");
  g_clear_pointer (&events, g_ptr_array_unref);

  /* worse: updated */
  events = observe_snapshot (fixture, 4, snapshot (VIGIE_SEVERITY_MAJOR, NULL));
  g_assert_cmpuint (events->len, ==, 1);
  g_assert_cmpint (event_at (events, 0)->kind, ==, VIGIE_EVENT_UPDATED);
  g_assert_cmpstr (event_at (events, 0)->slot, ==, VIGIE_TRACKER_SERVICE_SLOT);
  g_clear_pointer (&events, g_ptr_array_unref);

  /* an incident explains it: it takes the notification over */
  events = observe_snapshot (fixture, 6,
                             snapshot (VIGIE_SEVERITY_MAJOR,
                                       incident ("12", "Database trouble", "Identified",
                                                 VIGIE_SEVERITY_MAJOR, NULL),
                                       NULL));
  g_assert_cmpuint (events->len, ==, 1);
  event = event_at (events, 0);
  g_assert_cmpint (event->kind, ==, VIGIE_EVENT_OPENED);
  g_assert_cmpstr (event->slot, ==, "12");
  g_assert_cmpstr (event->replaces_slot, ==, VIGIE_TRACKER_SERVICE_SLOT);
  g_assert_cmpuint (vigie_tracker_get_n_open (fixture->tracker, SERVICE), ==, 1);
  g_clear_pointer (&events, g_ptr_array_unref);

  events = observe_snapshot (fixture, 60, snapshot (VIGIE_SEVERITY_OPERATIONAL, NULL));
  g_assert_cmpuint (events->len, ==, 1);
  g_assert_cmpint (event_at (events, 0)->kind, ==, VIGIE_EVENT_CLOSED);
  g_assert_true (event_at (events, 0)->recovered);
}

static void
test_two_incidents (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GDateTime) first_start = at (fixture, 14);
  g_autoptr(GDateTime) second_start = at (fixture, 230);

  g_ptr_array_unref (observe_snapshot (fixture, 0, snapshot (VIGIE_SEVERITY_OPERATIONAL, NULL)));
  g_ptr_array_unref (observe_snapshot (fixture, 16,
                                       snapshot (VIGIE_SEVERITY_CRITICAL,
                                                 incident ("A", "Outage", NULL,
                                                           VIGIE_SEVERITY_CRITICAL, first_start),
                                                 NULL)));

  /* a second incident: its own notification */
  events = observe_snapshot (fixture, 232,
                             snapshot (VIGIE_SEVERITY_CRITICAL,
                                       incident ("A", "Outage", NULL, VIGIE_SEVERITY_CRITICAL,
                                                 first_start),
                                       incident ("B", "Calendar trouble", NULL,
                                                 VIGIE_SEVERITY_MINOR, second_start),
                                       NULL));
  g_assert_cmpuint (events->len, ==, 1);
  g_assert_cmpint (event_at (events, 0)->kind, ==, VIGIE_EVENT_OPENED);
  g_assert_cmpstr (event_at (events, 0)->slot, ==, "B");
  g_clear_pointer (&events, g_ptr_array_unref);

  /* the outage ends, the calendar trouble goes on: resolved, not recovered;
   * the remaining incident is updated since the service's state changed */
  events = observe_snapshot (fixture, 310,
                             snapshot (VIGIE_SEVERITY_MINOR,
                                       incident ("B", "Calendar trouble", NULL,
                                                 VIGIE_SEVERITY_MINOR, second_start),
                                       NULL));
  g_assert_cmpuint (events->len, ==, 2);
  g_assert_cmpint (event_at (events, 0)->kind, ==, VIGIE_EVENT_CLOSED);
  g_assert_cmpstr (event_at (events, 0)->slot, ==, "A");
  g_assert_false (event_at (events, 0)->recovered);
  g_assert_cmpint (event_at (events, 1)->kind, ==, VIGIE_EVENT_UPDATED);
  g_assert_cmpstr (event_at (events, 1)->slot, ==, "B");
  g_assert_cmpint (event_at (events, 1)->severity, ==, VIGIE_SEVERITY_MINOR);
  g_clear_pointer (&events, g_ptr_array_unref);

  events = observe_snapshot (fixture, 740, snapshot (VIGIE_SEVERITY_OPERATIONAL, NULL));
  g_assert_cmpuint (events->len, ==, 1);
  g_assert_cmpstr (event_at (events, 0)->slot, ==, "B");
  g_assert_true (event_at (events, 0)->recovered);
}

static void
test_trouble_outlives_incident (Fixture       *fixture,
                                gconstpointer  data)
{
  g_autoptr(GPtrArray) events = NULL;

  g_ptr_array_unref (observe_snapshot (fixture, 0, snapshot (VIGIE_SEVERITY_OPERATIONAL, NULL)));
  g_ptr_array_unref (observe_snapshot (fixture, 10,
                                       snapshot (VIGIE_SEVERITY_MINOR,
                                                 incident ("1", "Slow search", NULL,
                                                           VIGIE_SEVERITY_MINOR, NULL),
                                                 NULL)));

  /* the incident is closed but a component is still degraded: one notice
   * for the incident, and no new alarm */
  events = observe_snapshot (fixture, 40, snapshot (VIGIE_SEVERITY_MINOR, NULL));
  g_assert_cmpuint (events->len, ==, 1);
  g_assert_cmpint (event_at (events, 0)->kind, ==, VIGIE_EVENT_CLOSED);
  g_assert_false (event_at (events, 0)->recovered);
  g_clear_pointer (&events, g_ptr_array_unref);

  /* back to normal: the recovery, measured from the start of the trouble */
  events = observe_snapshot (fixture, 70, snapshot (VIGIE_SEVERITY_OPERATIONAL, NULL));
  g_assert_cmpuint (events->len, ==, 1);
  g_assert_cmpint (event_at (events, 0)->kind, ==, VIGIE_EVENT_CLOSED);
  g_assert_cmpstr (event_at (events, 0)->slot, ==, VIGIE_TRACKER_SERVICE_SLOT);
  g_assert_true (event_at (events, 0)->recovered);
  g_assert_cmpint (g_date_time_difference (event_at (events, 0)->ended_at,
                                           event_at (events, 0)->started_at) / G_TIME_SPAN_MINUTE,
                   ==, 60);
}

static void
test_maintenance_is_quiet (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(GPtrArray) events = NULL;

  g_ptr_array_unref (observe_snapshot (fixture, 0, snapshot (VIGIE_SEVERITY_OPERATIONAL, NULL)));
  events = observe_snapshot (fixture, 2, snapshot (VIGIE_SEVERITY_MAINTENANCE, NULL));
  g_assert_cmpuint (events->len, ==, 0);
  g_clear_pointer (&events, g_ptr_array_unref);
  events = observe_snapshot (fixture, 4, snapshot (VIGIE_SEVERITY_OPERATIONAL, NULL));
  g_assert_cmpuint (events->len, ==, 0);
}

static void
test_damaged_state (Fixture       *fixture,
                    gconstpointer  data)
{
  const char *damaged[] = {
    "", "{", "[]", "{\"services\": 3}", "\xff\xfe\x00", "{\"version\":1,\"services\":{\"x\":[]}}",
  };

  for (guint i = 0; i < G_N_ELEMENTS (damaged); i++)
    {
      g_autoptr(GBytes) bytes = g_bytes_new_static (damaged[i], strlen (damaged[i]));
      g_autoptr(GError) error = NULL;
      gboolean loaded = vigie_tracker_load (fixture->tracker, bytes, &error);

      /* either refused, or loaded as nothing; never a crash */
      if (!loaded)
        g_assert_nonnull (error);
      g_assert_cmpuint (vigie_tracker_get_n_open (fixture->tracker, "x"), ==, 0);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/tracker/first-poll-is-silent", test_first_poll_is_silent);
  ADD ("/tracker/incident-lifecycle", test_incident_lifecycle);
  ADD ("/tracker/resolved-time-from-feed", test_resolved_time_from_feed);
  ADD ("/tracker/unknown-is-silent", test_unknown_is_silent);
  ADD ("/tracker/change-behind-unknown", test_change_behind_unknown);
  ADD ("/tracker/flapping-fetch-errors", test_flapping_fetch_errors);
  ADD ("/tracker/restart-during-outage", test_restart_during_outage);
  ADD ("/tracker/restart-after-recovery-is-told", test_restart_after_recovery_is_told);
  ADD ("/tracker/service-slot", test_service_slot);
  ADD ("/tracker/two-incidents", test_two_incidents);
  ADD ("/tracker/trouble-outlives-incident", test_trouble_outlives_incident);
  ADD ("/tracker/maintenance-is-quiet", test_maintenance_is_quiet);
  ADD ("/tracker/damaged-state", test_damaged_state);

  return g_test_run ();
}
