/* test-format.c: every date, time, span and duration form, and the
 * notification texts, in en_US, fr_FR and fr_CA (with French typography)
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <locale.h>

#include "vigie-format.h"
#include "vigie-test-utils.h"

/* In the expected texts below, "~" stands for a no-break space (U+00A0),
 * which is invisible in the source. */
static char *
expand (const char *expected)
{
  g_auto(GStrv) parts = g_strsplit (expected, "~", -1);

  return g_strjoinv ("\u00a0", parts);
}

#define assert_text(take, expected)                                     \
  G_STMT_START {                                                        \
    g_autofree char *_text = (take);                                    \
    g_autofree char *_expected = expand (expected);                     \
    g_assert_cmpstr (_text, ==, _expected);                             \
  } G_STMT_END

/* Times are in Europe/Paris (UTC+1 in winter, no daylight saving in
 * January or November to worry about) */
static GDateTime *
utc (int year,
     int month,
     int day,
     int hour,
     int minute)
{
  return g_date_time_new_utc (year, month, day, hour, minute, 0);
}

/* One expected text per locale family: English (en_US), French (fr_FR
 * and fr_CA, which share po/fr.po and a 24-hour clock) */
typedef struct
{
  const char *locale;
  gboolean french;
} Locale;

static const Locale locales[] = {
  { "en_US.UTF-8", FALSE },
  { "fr_FR.UTF-8", TRUE },
  { "fr_CA.UTF-8", TRUE },
};

#define EXPECT(locale, en, fr) ((locale)->french ? (fr) : (en))

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
  /* 4 January 2021, 16:14 and 21:10 in Paris */
  event->started_at = utc (2021, 1, 4, 15, 14);
  if (kind == VIGIE_EVENT_CLOSED)
    event->ended_at = utc (2021, 1, 4, 20, 10);
  event->recovered = recovered;

  return event;
}

static void
test_durations (gconstpointer data)
{
  const Locale *l = data;

  if (!vigie_test_use_locale (l->locale))
    return;

  /* "4 h 56" alone would read as a time of day in French */
  assert_text (vigie_format_duration (296 * G_TIME_SPAN_MINUTE),
               EXPECT (l, "4 h 56 min", "4~h~56~min"));
  assert_text (vigie_format_duration (65 * G_TIME_SPAN_MINUTE),
               EXPECT (l, "1 h 05 min", "1~h~05~min"));
  assert_text (vigie_format_duration (3 * G_TIME_SPAN_HOUR + 30 * G_TIME_SPAN_SECOND),
               EXPECT (l, "3 h", "3~h"));
  assert_text (vigie_format_duration (35 * G_TIME_SPAN_MINUTE + 20 * G_TIME_SPAN_SECOND),
               EXPECT (l, "35 min", "35~min"));
  assert_text (vigie_format_duration (10 * G_TIME_SPAN_SECOND), EXPECT (l, "1 min", "1~min"));
  assert_text (vigie_format_duration (-5 * G_TIME_SPAN_SECOND), EXPECT (l, "1 min", "1~min"));
  /* over a day */
  assert_text (vigie_format_duration (51 * G_TIME_SPAN_HOUR + 59 * G_TIME_SPAN_MINUTE),
               EXPECT (l, "2 d 3 h", "2~j~3~h"));
  assert_text (vigie_format_duration (52 * G_TIME_SPAN_HOUR), EXPECT (l, "2 d 4 h", "2~j~4~h"));
  assert_text (vigie_format_duration (48 * G_TIME_SPAN_HOUR), EXPECT (l, "2 d", "2~j"));
}

static void
test_times (gconstpointer data)
{
  const Locale *l = data;
  g_autoptr(GDateTime) afternoon = utc (2021, 1, 4, 15, 14);
  g_autoptr(GDateTime) morning = utc (2021, 1, 4, 8, 5);
  g_autoptr(GDateTime) midnight = utc (2021, 1, 4, 23, 4);
  g_autoptr(GDateTime) same_day = utc (2021, 1, 4, 17, 0);
  g_autoptr(GDateTime) in_march = utc (2021, 3, 1, 9, 0);
  g_autoptr(GDateTime) next_year = utc (2022, 3, 1, 9, 0);
  g_autoptr(GDateTime) first = utc (2021, 3, 1, 10, 0);
  g_autoptr(GDateTime) later_in_march = utc (2021, 3, 5, 10, 0);

  if (!vigie_test_use_locale (l->locale))
    return;

  /* English follows the locale's clock: 12 hours in en_US */
  assert_text (vigie_format_clock (afternoon), EXPECT (l, "4:14 PM", "16~h~14"));
  assert_text (vigie_format_clock (morning), EXPECT (l, "9:05 AM", "9~h~05"));
  assert_text (vigie_format_clock (midnight), EXPECT (l, "12:04 AM", "0~h~04"));

  assert_text (vigie_format_date (afternoon, FALSE), EXPECT (l, "January 4", "4~janvier"));
  assert_text (vigie_format_date (afternoon, TRUE), EXPECT (l, "January 4, 2021", "4~janvier 2021"));
  assert_text (vigie_format_date (first, FALSE), EXPECT (l, "March 1", "1er~mars"));
  assert_text (vigie_format_date (first, TRUE), EXPECT (l, "March 1, 2021", "1er~mars 2021"));

  /* on its own: the date only when it is not today, the year only when
   * it is not this year */
  assert_text (vigie_format_time (afternoon, same_day), EXPECT (l, "4:14 PM", "16~h~14"));
  assert_text (vigie_format_time (afternoon, in_march),
               EXPECT (l, "January 4, 4:14 PM", "4~janvier, 16~h~14"));
  assert_text (vigie_format_time (afternoon, next_year),
               EXPECT (l, "January 4, 2021, 4:14 PM", "4~janvier 2021, 16~h~14"));
  assert_text (vigie_format_time (first, later_in_march),
               EXPECT (l, "March 1, 11:00 AM", "1er~mars, 11~h~00"));
}

static void
test_sentences (gconstpointer data)
{
  const Locale *l = data;
  g_autoptr(GDateTime) afternoon = utc (2021, 1, 4, 15, 14);
  g_autoptr(GDateTime) same_day = utc (2021, 1, 4, 17, 0);
  g_autoptr(GDateTime) next_day = utc (2021, 1, 5, 9, 0);
  g_autoptr(GDateTime) next_year = utc (2022, 3, 1, 9, 0);
  g_autoptr(GDateTime) end_of_maintenance = utc (2021, 11, 21, 15, 0);
  g_autoptr(GDateTime) day_before = utc (2021, 11, 20, 12, 0);
  g_autoptr(GDateTime) same_day_as_end = utc (2021, 11, 21, 12, 0);

  if (!vigie_test_use_locale (l->locale))
    return;

  /* the preposition belongs to the translation: "le", "au", "du" */
  assert_text (vigie_format_since (afternoon, same_day),
               EXPECT (l, "Since 4:14 PM", "Depuis 16~h~14"));
  assert_text (vigie_format_since (afternoon, next_day),
               EXPECT (l, "Since January 4, 4:14 PM", "Depuis le 4~janvier à 16~h~14"));
  assert_text (vigie_format_since (afternoon, next_year),
               EXPECT (l, "Since January 4, 2021, 4:14 PM",
                       "Depuis le 4~janvier 2021 à 16~h~14"));

  assert_text (vigie_format_until (end_of_maintenance, same_day_as_end),
               EXPECT (l, "Until 4:00 PM", "Jusqu’à 16~h~00"));
  assert_text (vigie_format_until (end_of_maintenance, day_before),
               EXPECT (l, "Until November 21, 4:00 PM", "Jusqu’au 21~novembre à 16~h~00"));

  assert_text (vigie_format_starting (end_of_maintenance, same_day_as_end),
               EXPECT (l, "Starting at 4:00 PM", "À partir de 16~h~00"));
  assert_text (vigie_format_starting (end_of_maintenance, day_before),
               EXPECT (l, "Starting on November 21, 4:00 PM",
                       "À partir du 21~novembre à 16~h~00"));
}

static void
test_spans (gconstpointer data)
{
  const Locale *l = data;
  g_autoptr(GDateTime) start = utc (2021, 1, 4, 15, 14);
  g_autoptr(GDateTime) end = utc (2021, 1, 4, 20, 10);
  g_autoptr(GDateTime) evening = utc (2021, 1, 4, 19, 20);
  g_autoptr(GDateTime) small_hours = utc (2021, 1, 5, 2, 16);
  g_autoptr(GDateTime) new_year_eve = utc (2020, 12, 31, 21, 0);
  g_autoptr(GDateTime) new_year = utc (2021, 1, 1, 1, 30);
  g_autoptr(GDateTime) later = utc (2021, 1, 6, 9, 0);

  if (!vigie_test_use_locale (l->locale))
    return;

  /* today */
  assert_text (vigie_format_span (start, end, end),
               EXPECT (l, "From 4:14 PM to 9:10 PM", "De 16~h~14 à 21~h~10"));
  /* another day: said once */
  assert_text (vigie_format_span (start, end, later),
               EXPECT (l, "January 4, from 4:14 PM to 9:10 PM",
                       "Le 4~janvier, de 16~h~14 à 21~h~10"));
  /* across midnight: the end keeps its date, even seen from the next day */
  assert_text (vigie_format_span (evening, small_hours, small_hours),
               EXPECT (l, "From January 4, 8:20 PM to January 5, 3:16 AM",
                       "Du 4~janvier, 20~h~20, au 5~janvier, 3~h~16"));
  /* across years: both years */
  assert_text (vigie_format_span (new_year_eve, new_year, new_year),
               EXPECT (l, "From December 31, 2020, 10:00 PM to January 1, 2021, 2:30 AM",
                       "Du 31~décembre 2020, 22~h~00, au 1er~janvier 2021, 2~h~30"));
}

static void
test_notifications (gconstpointer data)
{
  const Locale *l = data;
  g_autoptr(VigieEvent) opened = make_event (VIGIE_EVENT_OPENED, FALSE);
  g_autoptr(VigieEvent) recovered = make_event (VIGIE_EVENT_CLOSED, TRUE);
  g_autoptr(VigieEvent) resolved = make_event (VIGIE_EVENT_CLOSED, FALSE);
  g_autoptr(VigieEvent) maintenance = make_event (VIGIE_EVENT_MAINTENANCE_STARTED, FALSE);
  g_autoptr(VigieEvent) untitled = make_event (VIGIE_EVENT_OPENED, FALSE);
  g_autoptr(GDateTime) same_day = utc (2021, 1, 4, 15, 30);
  g_autoptr(GDateTime) next_day = utc (2021, 1, 5, 9, 0);

  if (!vigie_test_use_locale (l->locale))
    return;

  assert_text (vigie_format_event_summary (opened),
               EXPECT (l, "Slack: major outage", "Slack~: panne majeure"));
  /* the vendor's words stay as they are; in French, introduced and quoted */
  assert_text (vigie_format_event_body (opened, same_day),
               EXPECT (l,
                       "Customers may have trouble loading channels\n"
                       "We're continuing to investigate connection issues.\n"
                       "Since 4:14 PM",
                       "Selon la page d’état~: «~Customers may have trouble loading channels~»\n"
                       "«~We're continuing to investigate connection issues.~»\n"
                       "Depuis 16~h~14"));
  assert_text (vigie_format_event_body (opened, next_day),
               EXPECT (l,
                       "Customers may have trouble loading channels\n"
                       "We're continuing to investigate connection issues.\n"
                       "Since January 4, 4:14 PM",
                       "Selon la page d’état~: «~Customers may have trouble loading channels~»\n"
                       "«~We're continuing to investigate connection issues.~»\n"
                       "Depuis le 4~janvier à 16~h~14"));

  g_clear_pointer (&untitled->title, g_free);
  assert_text (vigie_format_event_body (untitled, same_day),
               EXPECT (l,
                       "We're continuing to investigate connection issues.\n"
                       "Since 4:14 PM",
                       "Selon la page d’état~: «~We're continuing to investigate connection "
                       "issues.~»\n"
                       "Depuis 16~h~14"));

  assert_text (vigie_format_event_summary (recovered),
               EXPECT (l, "Slack is back to normal after 4 h 56 min",
                       "Slack est rétabli après 4~h~56~min"));
  assert_text (vigie_format_event_body (recovered, recovered->ended_at),
               EXPECT (l,
                       "Customers may have trouble loading channels\n"
                       "From 4:14 PM to 9:10 PM",
                       "Selon la page d’état~: «~Customers may have trouble loading channels~»\n"
                       "De 16~h~14 à 21~h~10"));
  assert_text (vigie_format_event_summary (resolved),
               EXPECT (l, "Slack: incident resolved after 4 h 56 min",
                       "Slack~: incident résolu après 4~h~56~min"));

  /* a maintenance in progress ends tomorrow */
  maintenance->ended_at = utc (2021, 1, 5, 5, 0);
  g_clear_pointer (&maintenance->detail, g_free);
  assert_text (vigie_format_event_summary (maintenance),
               EXPECT (l, "Slack: maintenance in progress", "Slack~: maintenance en cours"));
  assert_text (vigie_format_event_body (maintenance, same_day),
               EXPECT (l,
                       "Customers may have trouble loading channels\n"
                       "Until January 5, 6:00 AM",
                       "Selon la page d’état~: «~Customers may have trouble loading channels~»\n"
                       "Jusqu’au 5~janvier à 6~h~00"));
}

static void
test_digest (gconstpointer data)
{
  const Locale *l = data;
  g_autoptr(GDateTime) now = utc (2021, 1, 5, 7, 0);
  VigieDigestItem over = {
    .service_id = (char *) "slack", .service_name = (char *) "Slack",
    .severity = VIGIE_SEVERITY_MAJOR,
    .started_at = utc (2021, 1, 4, 21, 14), .ended_at = utc (2021, 1, 4, 22, 50),
  };
  VigieDigestItem overnight = {
    .service_id = (char *) "github", .service_name = (char *) "GitHub",
    .severity = VIGIE_SEVERITY_MINOR,
    .started_at = utc (2021, 1, 4, 21, 0), .ended_at = utc (2021, 1, 5, 1, 30),
  };
  VigieDigestItem ongoing = {
    .service_id = (char *) "zoom", .service_name = (char *) "Zoom",
    .severity = VIGIE_SEVERITY_MINOR, .started_at = utc (2021, 1, 5, 5, 40),
  };
  VigieDigestItem maintenance = {
    .service_id = (char *) "jira", .service_name = (char *) "Jira",
    .severity = VIGIE_SEVERITY_MAINTENANCE, .maintenance = TRUE,
    .started_at = utc (2021, 1, 5, 6, 0),
  };
  g_autoptr(GPtrArray) items = g_ptr_array_new ();
  VigieDigest digest = { items };

  if (vigie_test_use_locale (l->locale))
    {
      g_ptr_array_add (items, &over);
      g_ptr_array_add (items, &overnight);
      g_ptr_array_add (items, &ongoing);
      g_ptr_array_add (items, &maintenance);

      assert_text (vigie_format_digest_summary (&digest),
                   EXPECT (l, "While you were away:", "Pendant votre absence~:"));
      assert_text (vigie_format_digest_body (&digest, now),
                   EXPECT (l,
                           "Slack, major outage on January 4, from 10:14 PM to 11:50 PM\n"
                           "GitHub, minor incident from January 4, 10:00 PM to January 5, "
                           "2:30 AM\n"
                           "Zoom, minor incident since 6:40 AM\n"
                           "Jira, maintenance from 7:00 AM",
                           "Slack, panne majeure le 4~janvier, de 22~h~14 à 23~h~50\n"
                           "GitHub, incident mineur du 4~janvier, 22~h~00, au 5~janvier, "
                           "2~h~30\n"
                           "Zoom, incident mineur depuis 6~h~40\n"
                           "Jira, maintenance à partir de 7~h~00"));
    }

  for (guint i = 0; i < 2; i++)
    {
      VigieDigestItem *item = i == 0 ? &over : &overnight;

      g_date_time_unref (item->started_at);
      g_date_time_unref (item->ended_at);
    }
  g_date_time_unref (ongoing.started_at);
  g_date_time_unref (maintenance.started_at);
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("TZ", "Europe/Paris", TRUE);

  g_test_init (&argc, &argv, NULL);
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("VIGIE_LOCALEDIR"));
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");

  for (guint i = 0; i < G_N_ELEMENTS (locales); i++)
    {
      const char *tests[] = { "durations", "times", "sentences", "spans", "notifications",
                              "digest" };
      GTestDataFunc funcs[] = { test_durations, test_times, test_sentences, test_spans,
                                test_notifications, test_digest };

      for (guint j = 0; j < G_N_ELEMENTS (tests); j++)
        {
          g_autofree char *path = g_strdup_printf ("/format/%s/%.5s", tests[j],
                                                   locales[i].locale);

          g_test_add_data_func (path, &locales[i], funcs[j]);
        }
    }

  return g_test_run ();
}
