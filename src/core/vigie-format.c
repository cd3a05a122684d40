/* vigie-format.c: times, durations and notification texts, translated
 *
 * French typography is in the catalogue, not here: every format below is
 * a translatable string, so "10:30" becomes "10 h 30" and "Slack:" becomes
 * "Slack :" (with a no-break space) in po/fr.po.
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vigie-format"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <langinfo.h>
#include <string.h>

#include "vigie-format.h"

/* The local day of @time, and whether it is @now's */
static gboolean
same_local_day (GDateTime *a,
                GDateTime *b)
{
  g_autoptr(GDateTime) local_a = g_date_time_to_local (a);
  g_autoptr(GDateTime) local_b = g_date_time_to_local (b);

  return g_date_time_get_year (local_a) == g_date_time_get_year (local_b)
         && g_date_time_get_day_of_year (local_a) == g_date_time_get_day_of_year (local_b);
}

static gboolean
same_local_year (GDateTime *a,
                 GDateTime *b)
{
  g_autoptr(GDateTime) local_a = g_date_time_to_local (a);
  g_autoptr(GDateTime) local_b = g_date_time_to_local (b);

  return g_date_time_get_year (local_a) == g_date_time_get_year (local_b);
}

/* Whether the locale's own time format is a 12-hour one (en_US: "%r",
 * that is "04:14:00 PM"); French and British locales use 24 hours. */
static gboolean
locale_uses_12_hours (void)
{
  const char *format = nl_langinfo (T_FMT);

  return format != NULL
         && (strstr (format, "%r") != NULL || strstr (format, "%I") != NULL
             || strstr (format, "%l") != NULL || strstr (format, "%p") != NULL);
}

/**
 * vigie_format_clock:
 * @time: a moment, in any time zone
 *
 * Returns: (transfer full): its local time of day alone: "16:14" or
 *   "4:14 PM" as the English locale has it, "16 h 14" in French
 */
char *
vigie_format_clock (GDateTime *time)
{
  g_autoptr(GDateTime) local = NULL;
  /* Translators: a time of day, strftime format. French: "%H h %M" with
   * no-break spaces around the h.  Leave it as it is to follow the
   * locale's clock (12 hours with AM/PM where the locale has them). */
  const char *format = _("%H:%M");

  g_return_val_if_fail (time != NULL, NULL);

  local = g_date_time_to_local (time);

  /* untranslated: the locale's clock decides between 16:14 and 4:14 PM */
  if (strcmp (format, "%H:%M") == 0 && locale_uses_12_hours ())
    format = "%-l:%M %p";

  return g_date_time_format (local, format);
}

/**
 * vigie_format_date:
 * @time: a moment, in any time zone
 * @with_year: whether to show the year
 *
 * Returns: (transfer full): its local date: "January 4" or "January 4,
 *   2021"; in French "4 janvier", "4 janvier 2021", "1er janvier"
 */
char *
vigie_format_date (GDateTime *time,
                   gboolean   with_year)
{
  g_autoptr(GDateTime) local = NULL;

  g_return_val_if_fail (time != NULL, NULL);

  local = g_date_time_to_local (time);

  /* French writes the first of a month as an ordinal: "1er janvier" */
  if (g_date_time_get_day_of_month (local) == 1)
    {
      if (with_year)
        /* Translators: the first day of a month, with the year, strftime
         * format; French: "1er %B %Y" */
        return g_date_time_format (local, C_("first of the month", "%B %-d, %Y"));
      /* Translators: the first day of a month, strftime format; French:
       * "1er %B" */
      return g_date_time_format (local, C_("first of the month", "%B %-d"));
    }

  if (with_year)
    /* Translators: a date with its year, strftime format; French:
     * "%-d %B %Y" */
    return g_date_time_format (local, _("%B %-d, %Y"));

  /* Translators: a date this year, strftime format; French: "%-d %B" */
  return g_date_time_format (local, _("%B %-d"));
}

/* The date of @time, or NULL when it is @now's day; with the year when it
 * is not @now's */
static char *
dup_date_unless_today (GDateTime *time,
                       GDateTime *now)
{
  if (same_local_day (time, now))
    return NULL;

  return vigie_format_date (time, !same_local_year (time, now));
}

static GDateTime *
dup_now (GDateTime *now)
{
  return now != NULL ? g_date_time_ref (now) : g_date_time_new_now_utc ();
}

/* A moment in a sentence: its time of day, and its date unless it is
 * today's (@now, or the current time) */
typedef struct
{
  char *clock;
  char *date;
} Moment;

static void
moment_init (Moment    *moment,
             GDateTime *time,
             GDateTime *now)
{
  g_autoptr(GDateTime) reference = dup_now (now);

  moment->clock = vigie_format_clock (time);
  moment->date = dup_date_unless_today (time, reference);
}

static void
moment_clear (Moment *moment)
{
  g_clear_pointer (&moment->clock, g_free);
  g_clear_pointer (&moment->date, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Moment, moment_clear)

/**
 * vigie_format_time:
 * @time: the moment to show, in any time zone
 * @now: (nullable): the current time; a moment on another day shows its date
 *
 * For a time on its own (a label, a table cell).  In a sentence, use
 * vigie_format_since() and its siblings: the words around a date differ
 * from those around a time ("à 16 h 14", "le 4 janvier à 16 h 14").
 *
 * Returns: (transfer full): the moment in the local time zone, as people
 *   write it in the user's language
 */
char *
vigie_format_time (GDateTime *time,
                   GDateTime *now)
{
  g_auto(Moment) at = { NULL, NULL };

  g_return_val_if_fail (time != NULL, NULL);

  moment_init (&at, time, now);
  if (at.date == NULL)
    return g_steal_pointer (&at.clock);

  /* Translators: a date, then a time of day, e.g. "January 4, 16:14";
   * French: "%1$s, %2$s" */
  return g_strdup_printf (C_("date and time", "%1$s, %2$s"), at.date, at.clock);
}

/**
 * vigie_format_since:
 * @now: (nullable): the current time
 *
 * Returns: (transfer full): a sentence's start such as "Since 16:14" or
 *   "Since January 4, 2021, 16:14" ("Depuis le 4 janvier 2021 à 16 h 14")
 */
char *
vigie_format_since (GDateTime *time,
                    GDateTime *now)
{
  g_auto(Moment) at = { NULL, NULL };

  g_return_val_if_fail (time != NULL, NULL);

  moment_init (&at, time, now);
  if (at.date == NULL)
    /* Translators: when the trouble began, a local time such as "16:14";
     * French: "Depuis %s" */
    return g_strdup_printf (_("Since %s"), at.clock);

  /* Translators: when the trouble began; %1$s is a date such as "January
   * 4" (French: "4 janvier"), %2$s a time of day; French: "Depuis le %1$s
   * à %2$s" */
  return g_strdup_printf (_("Since %1$s, %2$s"), at.date, at.clock);
}

/**
 * vigie_format_until:
 * @now: (nullable): the current time
 *
 * Returns: (transfer full): "Until 16:00", "Until November 21, 16:00"
 *   ("Jusqu’à 16 h 00", "Jusqu’au 21 novembre à 16 h 00")
 */
char *
vigie_format_until (GDateTime *time,
                    GDateTime *now)
{
  g_auto(Moment) at = { NULL, NULL };

  g_return_val_if_fail (time != NULL, NULL);

  moment_init (&at, time, now);
  if (at.date == NULL)
    /* Translators: when something (a maintenance, a pause) ends, a local
     * time such as "16:00"; French: "Jusqu’à %s" */
    return g_strdup_printf (_("Until %s"), at.clock);

  /* Translators: when something (a maintenance, a pause) ends; %1$s is a
   * date such as "November 21", %2$s a time of day; French: "Jusqu’au
   * %1$s à %2$s" */
  return g_strdup_printf (_("Until %1$s, %2$s"), at.date, at.clock);
}

/**
 * vigie_format_starting:
 * @now: (nullable): the current time
 *
 * Returns: (transfer full): "Starting at 16:00", "Starting on November
 *   21, 16:00" ("À partir de 16 h 00", "À partir du 21 novembre à 16 h 00")
 */
char *
vigie_format_starting (GDateTime *time,
                       GDateTime *now)
{
  g_auto(Moment) at = { NULL, NULL };

  g_return_val_if_fail (time != NULL, NULL);

  moment_init (&at, time, now);
  if (at.date == NULL)
    /* Translators: when a maintenance starts or started, a local time
     * such as "16:00"; French: "À partir de %s" */
    return g_strdup_printf (_("Starting at %s"), at.clock);

  /* Translators: when a maintenance starts; %1$s is a date such as
   * "November 21", %2$s a time of day; French: "À partir du %1$s à %2$s" */
  return g_strdup_printf (_("Starting on %1$s, %2$s"), at.date, at.clock);
}

/**
 * vigie_format_paused_until:
 * @until: when the pause ends
 * @now: (nullable): the current time
 *
 * Returns: (transfer full): "Notifications paused until 9:00 AM", with
 *   the date when the pause ends on another day (the tray's note, the
 *   window's banner)
 */
char *
vigie_format_paused_until (GDateTime *until,
                           GDateTime *now)
{
  g_auto(Moment) at = { NULL, NULL };

  g_return_val_if_fail (until != NULL, NULL);

  moment_init (&at, until, now);
  if (at.date == NULL)
    /* Translators: notifications are paused; %s is a time such as "9:00";
     * French: "Notifications en pause jusqu’à %s" */
    return g_strdup_printf (_("Notifications paused until %s"), at.clock);

  /* Translators: notifications are paused; %1$s is a date such as "January
   * 5", %2$s a time of day; French: "Notifications en pause jusqu’au %1$s
   * à %2$s" */
  return g_strdup_printf (_("Notifications paused until %1$s, %2$s"), at.date, at.clock);
}

/**
 * vigie_format_muted_until:
 * @name: a service's name
 * @until: when its mute ends
 * @now: (nullable): the current time
 *
 * Returns: (transfer full): "Slack (muted until 10:30 AM)", with the date
 *   when the mute ends on another day
 */
char *
vigie_format_muted_until (const char *name,
                          GDateTime  *until,
                          GDateTime  *now)
{
  g_auto(Moment) at = { NULL, NULL };

  g_return_val_if_fail (name != NULL, NULL);
  g_return_val_if_fail (until != NULL, NULL);

  moment_init (&at, until, now);
  if (at.date == NULL)
    /* Translators: a muted service; %1$s is a service name, %2$s a time
     * such as "10:30"; French: "%1$s (en sourdine jusqu’à %2$s)" */
    return g_strdup_printf (_("%1$s (muted until %2$s)"), name, at.clock);

  /* Translators: a muted service; %1$s is a service name, %2$s a date
   * such as "January 5", %3$s a time of day; French: "%1$s (en sourdine
   * jusqu’au %2$s à %3$s)" */
  return g_strdup_printf (_("%1$s (muted until %2$s, %3$s)"), name, at.date, at.clock);
}

/**
 * vigie_format_mute_note:
 * @until: when a service's mute ends
 * @now: (nullable): the current time
 *
 * Returns: (transfer full): "Muted until 10:30 AM", with the date when the
 *   mute ends on another day (the window's rows)
 */
char *
vigie_format_mute_note (GDateTime *until,
                        GDateTime *now)
{
  g_auto(Moment) at = { NULL, NULL };

  g_return_val_if_fail (until != NULL, NULL);

  moment_init (&at, until, now);
  if (at.date == NULL)
    /* Translators: a muted service, in the window; %s is a time such as
     * "10:30"; French: "En sourdine jusqu’à %s" */
    return g_strdup_printf (_("Muted until %s"), at.clock);

  /* Translators: a muted service, in the window; %1$s is a date such as
   * "January 5", %2$s a time of day; French: "En sourdine jusqu’au %1$s à
   * %2$s" */
  return g_strdup_printf (_("Muted until %1$s, %2$s"), at.date, at.clock);
}

/**
 * vigie_format_quiet_until:
 * @until: when quiet hours end
 * @now: (nullable): the current time
 *
 * Returns: (transfer full): the window's banner during quiet hours
 */
char *
vigie_format_quiet_until (GDateTime *until,
                          GDateTime *now)
{
  g_auto(Moment) at = { NULL, NULL };

  g_return_val_if_fail (until != NULL, NULL);

  moment_init (&at, until, now);
  if (at.date == NULL)
    /* Translators: the window's banner during quiet hours; %s is a time
     * such as "8:00"; French: "Heures calmes jusqu’à %s : les notifications
     * attendent, puis arrivent en un seul résumé" */
    return g_strdup_printf (_("Quiet hours until %s: notifications wait, then come as one "
                              "summary"),
                            at.clock);

  /* Translators: as above; %1$s is a date such as "January 5", %2$s a time
   * of day; French: "Heures calmes jusqu’au %1$s à %2$s : …" */
  return g_strdup_printf (_("Quiet hours until %1$s, %2$s: notifications wait, then come as "
                            "one summary"),
                          at.date, at.clock);
}

/* "From 16:14 to 21:10", at the start of a sentence or (@inside) within
 * one; a span that crosses midnight keeps both dates. */
static char *
format_span (GDateTime *from,
             GDateTime *to,
             GDateTime *now,
             gboolean   inside)
{
  g_autofree char *from_clock = vigie_format_clock (from);
  g_autofree char *to_clock = vigie_format_clock (to);
  gboolean with_year = !same_local_year (from, to) || !same_local_year (from, now);

  if (same_local_day (from, to))
    {
      g_autofree char *date = NULL;

      if (same_local_day (from, now))
        {
          if (inside)
            /* Translators: a span of time within a sentence ("Slack,
             * major outage from 10:14 to 12:10"), two local times;
             * French: "de %s à %s" */
            return g_strdup_printf (C_("within a sentence", "from %s to %s"), from_clock,
                                    to_clock);
          /* Translators: how long an incident lasted, two local times,
           * e.g. "From 16:14 to 21:10"; French: "De %s à %s" */
          return g_strdup_printf (_("From %s to %s"), from_clock, to_clock);
        }

      date = vigie_format_date (from, with_year);
      if (inside)
        /* Translators: a span of time on another day, within a sentence;
         * %1$s is a date such as "January 4", %2$s and %3$s times of day;
         * French: "le %1$s, de %2$s à %3$s" */
        return g_strdup_printf (C_("within a sentence", "on %1$s, from %2$s to %3$s"), date,
                                from_clock, to_clock);
      /* Translators: a span of time on another day; %1$s is a date such as
       * "January 4", %2$s and %3$s times of day; French: "Le %1$s, de %2$s
       * à %3$s" */
      return g_strdup_printf (_("%1$s, from %2$s to %3$s"), date, from_clock, to_clock);
    }

  {
    g_autofree char *from_date = vigie_format_date (from, with_year);
    g_autofree char *to_date = vigie_format_date (to, with_year);

    if (inside)
      /* Translators: a span of time across days, within a sentence; %1$s
       * and %3$s are dates such as "January 4", %2$s and %4$s times of
       * day; French: "du %1$s, %2$s, au %3$s, %4$s" */
      return g_strdup_printf (C_("within a sentence", "from %1$s, %2$s to %3$s, %4$s"), from_date,
                              from_clock, to_date, to_clock);
    /* Translators: a span of time across days; %1$s and %3$s are dates
     * such as "January 4", %2$s and %4$s times of day, e.g. "From January
     * 4, 20:20 to January 5, 03:16"; French: "Du %1$s, %2$s, au %3$s,
     * %4$s" */
    return g_strdup_printf (_("From %1$s, %2$s to %3$s, %4$s"), from_date, from_clock, to_date,
                            to_clock);
  }
}

/**
 * vigie_format_span:
 * @from: the start
 * @to: the end, not before @from
 * @now: (nullable): the current time: days other than its own show their
 *   date, and years other than its own their year
 *
 * Returns: (transfer full): a sentence's start such as "From 16:14 to
 *   21:10" or "From January 4, 20:20 to January 5, 03:16" ("Du 4 janvier,
 *   20 h 20, au 5 janvier, 3 h 16")
 */
char *
vigie_format_span (GDateTime *from,
                   GDateTime *to,
                   GDateTime *now)
{
  g_autoptr(GDateTime) reference = NULL;

  g_return_val_if_fail (from != NULL, NULL);
  g_return_val_if_fail (to != NULL, NULL);

  reference = dup_now (now);
  return format_span (from, to, reference, FALSE);
}

/**
 * vigie_format_duration:
 *
 * Returns: (transfer full): a short duration rounded down to the minute,
 *   such as "4 h 56 min" or "2 d 3 h" (French "4 h 56 min", "2 j 3 h")
 */
char *
vigie_format_duration (GTimeSpan span)
{
  gint64 minutes = MAX (span, 0) / G_TIME_SPAN_MINUTE;
  gint64 days = minutes / (24 * 60);
  gint64 hours = (minutes / 60) % 24;

  minutes %= 60;

  if (days > 0 && hours > 0)
    /* Translators: a duration in days and hours, e.g. "2 d 4 h"; French:
     * "%u j %u h" with no-break spaces */
    return g_strdup_printf (_("%u d %u h"), (guint) days, (guint) hours);

  if (days > 0)
    /* Translators: a duration in whole days, e.g. "2 d"; French: "%u j"
     * with a no-break space */
    return g_strdup_printf (C_("duration", "%u d"), (guint) days);

  if (hours > 0 && minutes > 0)
    /* Translators: a duration in hours and minutes, e.g. "4 h 56 min";
     * French: "%u h %02u min" with no-break spaces (the "min" keeps it
     * from reading as a time of day) */
    return g_strdup_printf (_("%u h %02u min"), (guint) hours, (guint) minutes);

  if (hours > 0)
    /* Translators: a duration in whole hours, e.g. "4 h", with a no-break
     * space */
    return g_strdup_printf (C_("duration", "%u h"), (guint) hours);

  /* Translators: a duration in minutes, e.g. "35 min", with a no-break space */
  return g_strdup_printf (_("%u min"), (guint) MAX (minutes, 1));
}

/**
 * vigie_format_event_summary:
 *
 * Returns: (transfer full): the notification's first line, such as
 *   "Slack: major outage" or "Slack is back to normal after 4 h 56 min"
 */
char *
vigie_format_event_summary (const VigieEvent *event)
{
  g_return_val_if_fail (event != NULL, NULL);

  if (event->kind == VIGIE_EVENT_MAINTENANCE_SCHEDULED)
    /* Translators: notification title; %s is a service name. French:
     * "%s : maintenance prévue" with a no-break space before the colon */
    return g_strdup_printf (_("%s: maintenance planned"), event->service_name);

  if (event->kind == VIGIE_EVENT_MAINTENANCE_STARTED)
    /* Translators: notification title; %s is a service name. French:
     * "%s : maintenance en cours" with a no-break space before the colon */
    return g_strdup_printf (_("%s: maintenance in progress"), event->service_name);

  if (event->kind == VIGIE_EVENT_CLOSED)
    {
      g_autofree char *duration = NULL;

      if (event->started_at != NULL && event->ended_at != NULL)
        duration = vigie_format_duration (g_date_time_difference (event->ended_at,
                                                                  event->started_at));

      if (event->recovered)
        {
          if (duration != NULL)
            /* Translators: notification title; %1$s is a service name, %2$s a
             * duration. French: "%1$s est rétabli après %2$s" */
            return g_strdup_printf (_("%1$s is back to normal after %2$s"), event->service_name,
                                    duration);
          /* Translators: notification title; %s is a service name */
          return g_strdup_printf (_("%s is back to normal"), event->service_name);
        }

      if (duration != NULL)
        /* Translators: notification title; %1$s is a service name, %2$s a
         * duration. French: "%1$s : incident résolu après %2$s" with a
         * no-break space before the colon */
        return g_strdup_printf (_("%1$s: incident resolved after %2$s"), event->service_name,
                                duration);
      /* Translators: notification title; %s is a service name */
      return g_strdup_printf (_("%s: incident resolved"), event->service_name);
    }

  /* Translators: notification title; %1$s is a service name, %2$s its state
   * such as "major outage". French: "%1$s : %2$s" with a no-break space
   * before the colon */
  return g_strdup_printf (_("%1$s: %2$s"), event->service_name,
                          vigie_severity_get_phrase (event->severity));
}

/* The status page's own words (an incident's title, the vendor's latest
 * update), which stay in the vendor's language: the translation may
 * introduce and quote them, so that a French reader knows whose English
 * this is (« … »). */
static void
append_vendor_text (GString    *body,
                    const char *text)
{
  gboolean first = TRUE;

  if (text == NULL || *text == '\0')
    return;

  /* only the first piece is introduced; the body starts with the vendor's
   * words when there are any */
  first = body->len == 0;
  if (body->len > 0)
    g_string_append_c (body, '\n');

  if (first)
    /* Translators: the first line of a notification's body: the status
     * page's own words (an incident's title), left in the vendor's
     * language.  French: "Selon la page d’état : « %s »" with no-break
     * spaces before the colon and inside the quotes */
    g_string_append_printf (body, C_("status page's own words, introduced", "%s"), text);
  else
    /* Translators: more of the status page's own words (its latest
     * update), after the first line; French: "« %s »" with no-break
     * spaces inside the quotes */
    g_string_append_printf (body, C_("status page's own words, continued", "%s"), text);
}

static void
append_line (GString    *body,
             const char *line)
{
  if (body->len > 0)
    g_string_append_c (body, '\n');
  g_string_append (body, line);
}

/**
 * vigie_format_event_body:
 * @now: (nullable): the current time: moments on another day show their
 *   date
 *
 * The body is plain text: feed text is never markup (the notifier escapes
 * it for servers that read markup).
 *
 * Returns: (transfer full): the notification's body
 */
char *
vigie_format_event_body (const VigieEvent *event,
                         GDateTime        *now)
{
  g_autoptr(GString) body = g_string_new (NULL);

  g_return_val_if_fail (event != NULL, NULL);

  append_vendor_text (body, event->title);

  if (event->kind == VIGIE_EVENT_MAINTENANCE_SCHEDULED
      || event->kind == VIGIE_EVENT_MAINTENANCE_STARTED)
    {
      g_autofree char *when = NULL;

      append_vendor_text (body, event->detail);

      if (event->kind == VIGIE_EVENT_MAINTENANCE_STARTED && event->ended_at != NULL)
        when = vigie_format_until (event->ended_at, now);
      else if (event->started_at != NULL
               && (event->kind == VIGIE_EVENT_MAINTENANCE_STARTED || event->ended_at == NULL))
        when = vigie_format_starting (event->started_at, now);
      else if (event->started_at != NULL)
        when = vigie_format_span (event->started_at, event->ended_at, now);
      else if (event->ended_at != NULL)
        when = vigie_format_until (event->ended_at, now);

      if (when != NULL)
        append_line (body, when);

      return g_string_free (g_steal_pointer (&body), FALSE);
    }

  if (event->kind == VIGIE_EVENT_CLOSED)
    {
      if (event->started_at != NULL && event->ended_at != NULL)
        {
          /* seen from its end: an incident of one day shows its times
           * alone, even when told later (a replay, a digest) */
          g_autofree char *span = vigie_format_span (event->started_at, event->ended_at,
                                                     event->ended_at);

          append_line (body, span);
        }

      return g_string_free (g_steal_pointer (&body), FALSE);
    }

  append_vendor_text (body, event->detail);

  if (event->started_at != NULL)
    {
      g_autofree char *since = vigie_format_since (event->started_at, now);

      append_line (body, since);
    }

  return g_string_free (g_steal_pointer (&body), FALSE);
}

/**
 * vigie_format_digest_summary:
 *
 * Returns: (transfer full): the digest notification's first line, which
 *   introduces its list: "While you were away:"
 */
char *
vigie_format_digest_summary (const VigieDigest *digest)
{
  g_return_val_if_fail (digest != NULL, NULL);

  /* Translators: title of the notification that lists what happened during
   * quiet hours, one line per incident below it; French: "Pendant votre
   * absence :" with a no-break space before the colon */
  return g_strdup (_("While you were away:"));
}

/* "since 10:14", "since January 4, 10:14" within a sentence */
static char *
format_since_inside (GDateTime *time,
                     GDateTime *now)
{
  g_autofree char *clock = vigie_format_clock (time);
  g_autofree char *date = dup_date_unless_today (time, now);

  if (date == NULL)
    /* Translators: within a sentence ("Zoom, minor incident since 06:40"),
     * a local time; French: "depuis %s" */
    return g_strdup_printf (C_("within a sentence", "since %s"), clock);

  /* Translators: within a sentence, a date such as "January 4" and a time
   * of day; French: "depuis le %1$s à %2$s" */
  return g_strdup_printf (C_("within a sentence", "since %1$s, %2$s"), date, clock);
}

/* "from 10:14" (and on), within a sentence */
static char *
format_starting_inside (GDateTime *time,
                        GDateTime *now)
{
  g_autofree char *clock = vigie_format_clock (time);
  g_autofree char *date = dup_date_unless_today (time, now);

  if (date == NULL)
    /* Translators: within a sentence ("Zoom, maintenance from 06:40"), a
     * local time; French: "à partir de %s" */
    return g_strdup_printf (C_("within a sentence", "from %s"), clock);

  /* Translators: within a sentence, a date such as "January 4" and a time
   * of day; French: "à partir du %1$s à %2$s" */
  return g_strdup_printf (C_("within a sentence", "from %1$s, %2$s"), date, clock);
}

static char *
format_digest_item (const VigieDigestItem *item,
                    GDateTime             *now)
{
  GDateTime *from = item->started_at != NULL ? item->started_at : now;
  g_autofree char *when = item->ended_at != NULL ? format_span (from, item->ended_at, now, TRUE)
                          : item->maintenance    ? format_starting_inside (from, now)
                                                 : format_since_inside (from, now);

  if (item->maintenance)
    /* Translators: a line of the quiet-hours digest; %1$s is a service
     * name, %2$s when, such as "from 10:14 to 12:10" or "from 10:14".
     * French: "%1$s, maintenance %2$s" */
    return g_strdup_printf (_("%1$s, maintenance %2$s"), item->service_name, when);

  /* Translators: a line of the quiet-hours digest; %1$s is a service name,
   * %2$s its worst state such as "major outage", %3$s when, such as "from
   * 10:14 to 12:10" or "since 06:40".  French: "%1$s, %2$s %3$s" */
  return g_strdup_printf (_("%1$s, %2$s %3$s"), item->service_name,
                          vigie_severity_get_phrase (item->severity), when);
}

/**
 * vigie_format_digest_body:
 * @now: the current time: moments on another day show their date
 *
 * One line per incident, such as "Slack, major outage from 10:14 to
 * 12:10" or "Zoom, minor incident since 06:40".  Plain text, like
 * vigie_format_event_body().
 *
 * Returns: (transfer full): the digest notification's body
 */
char *
vigie_format_digest_body (const VigieDigest *digest,
                          GDateTime         *now)
{
  g_autoptr(GString) body = g_string_new (NULL);

  g_return_val_if_fail (digest != NULL, NULL);
  g_return_val_if_fail (now != NULL, NULL);

  for (guint i = 0; i < digest->items->len; i++)
    {
      g_autofree char *line = format_digest_item (g_ptr_array_index (digest->items, i), now);

      if (body->len > 0)
        g_string_append_c (body, '\n');
      g_string_append (body, line);
    }

  return g_string_free (g_steal_pointer (&body), FALSE);
}
