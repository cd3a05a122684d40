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

#include "vigie-format.h"

/**
 * vigie_format_time:
 * @time: the moment to show, in any time zone
 * @now: (nullable): the current time; a moment on another day shows its date
 *
 * Returns: (transfer full): the moment in the local time zone, as people
 *   write it in the user's language
 */
char *
vigie_format_time (GDateTime *time,
                   GDateTime *now)
{
  g_autoptr(GDateTime) local = NULL;
  g_autoptr(GDateTime) local_now = NULL;

  g_return_val_if_fail (time != NULL, NULL);

  local = g_date_time_to_local (time);
  local_now = now != NULL ? g_date_time_to_local (now) : g_date_time_new_now_local ();

  if (g_date_time_get_year (local) == g_date_time_get_year (local_now)
      && g_date_time_get_day_of_year (local) == g_date_time_get_day_of_year (local_now))
    /* Translators: a time of day, strftime format; French: "%H h %M" with
     * no-break spaces around the h */
    return g_date_time_format (local, _("%H:%M"));

  if (g_date_time_get_year (local) == g_date_time_get_year (local_now))
    /* Translators: a day and time this year, strftime format; French:
     * "%-d %B, %H h %M" with no-break spaces */
    return g_date_time_format (local, _("%B %-d, %H:%M"));

  /* Translators: a full date and time, strftime format; French:
   * "%-d %B %Y, %H h %M" with no-break spaces */
  return g_date_time_format (local, _("%B %-d, %Y, %H:%M"));
}

/**
 * vigie_format_duration:
 *
 * Returns: (transfer full): a short duration such as "4 h 56 min" (English)
 *   or "4 h 56" (French), rounded to the minute
 */
char *
vigie_format_duration (GTimeSpan span)
{
  gint64 minutes = MAX (span, 0) / G_TIME_SPAN_MINUTE;
  gint64 days = minutes / (24 * 60);
  gint64 hours = (minutes / 60) % 24;

  minutes %= 60;

  if (days > 0)
    /* Translators: a duration in days and hours, e.g. "2 d 4 h" */
    return g_strdup_printf (_("%u d %u h"), (guint) days, (guint) hours);

  if (hours > 0)
    /* Translators: a duration in hours and minutes, e.g. "4 h 56 min";
     * French: "%u h %02u" with no-break spaces */
    return g_strdup_printf (_("%u h %02u min"), (guint) hours, (guint) minutes);

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

/**
 * vigie_format_event_body:
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

  if (event->title != NULL)
    g_string_append (body, event->title);

  if (event->kind == VIGIE_EVENT_MAINTENANCE_SCHEDULED
      || event->kind == VIGIE_EVENT_MAINTENANCE_STARTED)
    {
      g_autofree char *from = event->started_at != NULL
                                ? vigie_format_time (event->started_at, now) : NULL;
      g_autofree char *to = event->ended_at != NULL
                              ? vigie_format_time (event->ended_at, now) : NULL;

      if (event->detail != NULL)
        {
          if (body->len > 0)
            g_string_append_c (body, '\n');
          g_string_append (body, event->detail);
        }

      if (from == NULL && to == NULL)
        return g_string_free (g_steal_pointer (&body), FALSE);

      if (body->len > 0)
        g_string_append_c (body, '\n');

      if (event->kind == VIGIE_EVENT_MAINTENANCE_STARTED && to != NULL)
        /* Translators: when a maintenance in progress is planned to end, a
         * local time such as "16:00"; French: "Jusqu’à %s" */
        g_string_append_printf (body, _("Until %s"), to);
      else if (event->kind == VIGIE_EVENT_MAINTENANCE_STARTED || to == NULL)
        /* Translators: when a maintenance starts or started, a local time
         * such as "16:00", maybe with a date; French: "À partir de %s" */
        g_string_append_printf (body, _("Starting at %s"), from);
      else
        g_string_append_printf (body, _("From %s to %s"), from, to);

      return g_string_free (g_steal_pointer (&body), FALSE);
    }

  if (event->kind == VIGIE_EVENT_CLOSED)
    {
      if (event->started_at != NULL && event->ended_at != NULL)
        {
          g_autofree char *from = vigie_format_time (event->started_at, event->ended_at);
          g_autofree char *to = vigie_format_time (event->ended_at, event->ended_at);

          if (body->len > 0)
            g_string_append_c (body, '\n');
          /* Translators: how long an incident lasted, in local times, e.g.
           * "From 16:14 to 21:10"; French: "De %s à %s" */
          g_string_append_printf (body, _("From %s to %s"), from, to);
        }

      return g_string_free (g_steal_pointer (&body), FALSE);
    }

  if (event->detail != NULL)
    {
      if (body->len > 0)
        g_string_append_c (body, '\n');
      g_string_append (body, event->detail);
    }

  if (event->started_at != NULL)
    {
      g_autofree char *since = vigie_format_time (event->started_at, now);

      if (body->len > 0)
        g_string_append_c (body, '\n');
      /* Translators: when the trouble began, a local time such as "16:14";
       * French: "Depuis %s" */
      g_string_append_printf (body, _("Since %s"), since);
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

static char *
format_digest_item (const VigieDigestItem *item,
                    GDateTime             *now)
{
  g_autofree char *from = vigie_format_time (item->started_at != NULL ? item->started_at : now,
                                             now);
  g_autofree char *to = item->ended_at != NULL ? vigie_format_time (item->ended_at, now) : NULL;

  if (item->maintenance)
    {
      if (to != NULL)
        /* Translators: a line of the quiet-hours digest; %1$s is a service
         * name, %2$s and %3$s local times. French: "%1$s, maintenance de
         * %2$s à %3$s" */
        return g_strdup_printf (_("%1$s, maintenance from %2$s to %3$s"), item->service_name,
                                from, to);

      /* Translators: a line of the quiet-hours digest; %1$s is a service
       * name, %2$s a local time. French: "%1$s, maintenance à partir de %2$s" */
      return g_strdup_printf (_("%1$s, maintenance from %2$s"), item->service_name, from);
    }

  if (to != NULL)
    /* Translators: a line of the quiet-hours digest, for an incident that
     * is over; %1$s is a service name, %2$s its worst state such as "major
     * outage", %3$s and %4$s local times. French: "%1$s, %2$s de %3$s à %4$s" */
    return g_strdup_printf (_("%1$s, %2$s from %3$s to %4$s"), item->service_name,
                            vigie_severity_get_phrase (item->severity), from, to);

  /* Translators: a line of the quiet-hours digest, for an incident still
   * going on; %1$s is a service name, %2$s its worst state such as "major
   * outage", %3$s a local time. French: "%1$s, %2$s depuis %3$s" */
  return g_strdup_printf (_("%1$s, %2$s since %3$s"), item->service_name,
                          vigie_severity_get_phrase (item->severity), from);
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
