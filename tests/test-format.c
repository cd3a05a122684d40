/* test-format.c: times, durations and notification texts in English and
 * French (with French typography)
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <locale.h>

#include "vigie-format.h"
#include "vigie-test-utils.h"

#define NBSP "\u00a0"

static VigieEvent *
make_event (VigieEventKind kind,
            gboolean       recovered)
{
  VigieEvent *event = g_new0 (VigieEvent, 1);

  event->kind = kind;
  event->service_id = g_strdup ("slack");
  event->service_name = g_strdup ("Slack");
  event->slot = g_strdup ("546");
  event->severity = VIGIE_SEVERITY_MAJOR;
  event->title = g_strdup ("Customers may have trouble loading channels");
  event->detail = g_strdup ("We're continuing to investigate connection issues.");
  /* 4 January 2021, 07:14 and 12:10 in Pacific time */
  event->started_at = g_date_time_new_utc (2021, 1, 4, 15, 14, 0);
  if (kind == VIGIE_EVENT_CLOSED)
    event->ended_at = g_date_time_new_utc (2021, 1, 4, 20, 10, 0);
  event->recovered = recovered;

  return event;
}

static void
test_english (void)
{
  g_autoptr(VigieEvent) opened = make_event (VIGIE_EVENT_OPENED, FALSE);
  g_autoptr(VigieEvent) recovered = make_event (VIGIE_EVENT_CLOSED, TRUE);
  g_autoptr(VigieEvent) resolved = make_event (VIGIE_EVENT_CLOSED, FALSE);
  g_autoptr(GDateTime) same_day = g_date_time_new_utc (2021, 1, 4, 16, 30, 0);
  g_autoptr(GDateTime) next_year = g_date_time_new_utc (2022, 3, 1, 9, 0, 0);
  char *text;

  if (!vigie_test_use_locale ("en_US.UTF-8"))
    return;

  text = vigie_format_duration (296 * G_TIME_SPAN_MINUTE);
  g_assert_cmpstr (text, ==, "4 h 56 min");
  g_free (text);
  text = vigie_format_duration (35 * G_TIME_SPAN_MINUTE + 20 * G_TIME_SPAN_SECOND);
  g_assert_cmpstr (text, ==, "35 min");
  g_free (text);
  text = vigie_format_duration (10 * G_TIME_SPAN_SECOND);
  g_assert_cmpstr (text, ==, "1 min");
  g_free (text);
  text = vigie_format_duration (52 * G_TIME_SPAN_HOUR);
  g_assert_cmpstr (text, ==, "2 d 4 h");
  g_free (text);

  text = vigie_format_time (opened->started_at, same_day);
  g_assert_cmpstr (text, ==, "16:14");
  g_free (text);
  text = vigie_format_time (opened->started_at, next_year);
  g_assert_cmpstr (text, ==, "January 4, 2021, 16:14");
  g_free (text);

  text = vigie_format_event_summary (opened);
  g_assert_cmpstr (text, ==, "Slack: major outage");
  g_free (text);
  text = vigie_format_event_body (opened, same_day);
  g_assert_cmpstr (text, ==, "Customers may have trouble loading channels\n"
                             "We're continuing to investigate connection issues.\n"
                             "Since 16:14");
  g_free (text);

  text = vigie_format_event_summary (recovered);
  g_assert_cmpstr (text, ==, "Slack is back to normal after 4 h 56 min");
  g_free (text);
  text = vigie_format_event_body (recovered, same_day);
  g_assert_cmpstr (text, ==, "Customers may have trouble loading channels\nFrom 16:14 to 21:10");
  g_free (text);

  text = vigie_format_event_summary (resolved);
  g_assert_cmpstr (text, ==, "Slack: incident resolved after 4 h 56 min");
  g_free (text);
}

static void
test_french (void)
{
  g_autoptr(VigieEvent) opened = make_event (VIGIE_EVENT_OPENED, FALSE);
  g_autoptr(VigieEvent) recovered = make_event (VIGIE_EVENT_CLOSED, TRUE);
  g_autoptr(VigieEvent) resolved = make_event (VIGIE_EVENT_CLOSED, FALSE);
  g_autoptr(GDateTime) same_day = g_date_time_new_utc (2021, 1, 4, 16, 30, 0);
  g_autoptr(GDateTime) next_year = g_date_time_new_utc (2022, 3, 1, 9, 0, 0);
  char *text;

  if (!vigie_test_use_locale ("fr_FR.UTF-8"))
    return;

  text = vigie_format_duration (296 * G_TIME_SPAN_MINUTE);
  g_assert_cmpstr (text, ==, "4" NBSP "h" NBSP "56");
  g_free (text);
  text = vigie_format_duration (35 * G_TIME_SPAN_MINUTE);
  g_assert_cmpstr (text, ==, "35" NBSP "min");
  g_free (text);
  text = vigie_format_duration (52 * G_TIME_SPAN_HOUR);
  g_assert_cmpstr (text, ==, "2" NBSP "j" NBSP "4" NBSP "h");
  g_free (text);

  text = vigie_format_time (opened->started_at, same_day);
  g_assert_cmpstr (text, ==, "16" NBSP "h" NBSP "14");
  g_free (text);
  text = vigie_format_time (opened->started_at, next_year);
  g_assert_cmpstr (text, ==, "4" NBSP "janvier 2021, 16" NBSP "h" NBSP "14");
  g_free (text);

  text = vigie_format_event_summary (opened);
  g_assert_cmpstr (text, ==, "Slack" NBSP ": panne majeure");
  g_free (text);
  text = vigie_format_event_body (opened, same_day);
  /* the feed's words stay as they are; only Vigie's are translated */
  g_assert_cmpstr (text, ==, "Customers may have trouble loading channels\n"
                             "We're continuing to investigate connection issues.\n"
                             "Depuis 16" NBSP "h" NBSP "14");
  g_free (text);

  text = vigie_format_event_summary (recovered);
  g_assert_cmpstr (text, ==, "Slack est rétabli après 4" NBSP "h" NBSP "56");
  g_free (text);
  text = vigie_format_event_body (recovered, same_day);
  g_assert_cmpstr (text, ==, "Customers may have trouble loading channels\n"
                             "De 16" NBSP "h" NBSP "14 à 21" NBSP "h" NBSP "10");
  g_free (text);

  text = vigie_format_event_summary (resolved);
  g_assert_cmpstr (text, ==, "Slack" NBSP ": incident résolu après 4" NBSP "h" NBSP "56");
  g_free (text);
}

int
main (int   argc,
      char *argv[])
{
  /* Times are shown in the user's zone: pin one, with no daylight saving
   * in January to worry about. */
  g_setenv ("TZ", "Europe/Paris", TRUE);

  g_test_init (&argc, &argv, NULL);
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("VIGIE_LOCALEDIR"));
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");

  g_test_add_func ("/format/english", test_english);
  g_test_add_func ("/format/french", test_french);

  return g_test_run ();
}
