/* vigie-alert-engine.c: what to tell the user, over time, across services
 * and across restarts
 *
 * The engine owns the whole decision of what the user hears.  It is fed
 * each service after each poll, and the clock; it hands back notices (new,
 * or updating one in place) and says whether status pages can be reached
 * at all.  It does no I/O and reads no clock, so that days of polls,
 * restarts included, are tested in the unit suite.  Its parts:
 *
 *  - the tracker (vigie-tracker.c) turns each poll into events, one
 *    notification "slot" per incident;
 *  - the policy (vigie-policy.c) routes each event: shown, held for the
 *    quiet-hours digest, or dropped (alert levels, mutes, pause);
 *  - the engine itself shapes what is shown over time and across services:
 *
 *    Flapping.  A service back in trouble less than
 *    VIGIE_ALERT_FLAP_WINDOW_SECONDS after its recovery was told is
 *    unstable: the notification that told the recovery is updated in place
 *    to say so, further flips update it only when they are worse than what
 *    was told, and its recovery is told once it has held for
 *    VIGIE_ALERT_STABLE_SECONDS.
 *
 *    Storms.  A service whose trouble begins within
 *    VIGIE_ALERT_STORM_WINDOW_SECONDS of another's joins it in one notice
 *    ("Slack, Zoom and 8 other tools: major outage"), updated in place as
 *    services join or recover, and ended once all of them are back.
 *
 *    Them or me.  When every status page that was tried fails at the
 *    network level, the verdict is that this computer cannot reach them:
 *    the services keep their last known state instead of turning unknown
 *    (vigie_service_set_holds_last_known()), so nothing is told, and
 *    vigie_alert_engine_get_reach() says so for the tray and the window.
 *    One page failing while another answers stays that page's problem.
 *
 *    Gathering.  News waits VIGIE_ALERT_GATHER_SECONDS before it is handed
 *    over, so that a round of polls makes one notice per notification.
 *
 * Everything the user said or was told (the tracker's slots, the policy's
 * mutes, told incidents and digest) is saved in one document:
 * vigie_alert_engine_save() returns the same bytes as long as nothing
 * changed, so the caller writes only when they differ.
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vigie-alert-engine"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "vigie-alert-engine.h"
#include "vigie-format.h"
#include "vigie-json.h"
#include "vigie-limits.h"
#include "vigie-text.h"
#include "vigie-tracker.h"

#define STATE_VERSION 2
#define MUTE_SECONDS (60 * 60)

/* Lines of a storm's notice before "and N more" */
#define STORM_LINES 6

#define DIGEST_NOTICE "digest"

typedef struct
{
  char *id;
  char *name;
  VigieService *service;        /* NULL once no longer watched */
  VigieSeverity severity;       /* the latest known state (never unknown) */
  GHashTable *slot_notices;     /* tracker slot -> notice id; NULL until one is told */

  /* flapping */
  GDateTime *recovered_at;      /* when its latest recovery was told */
  char *recovered_notice;       /* and in which notice */
  gboolean unstable;
  GDateTime *unstable_since;
  char *flap_notice;
  VigieSeverity told_unstable;  /* the worst told since it became unstable */
  VigieNotice *pending_recovery;
  GDateTime *recovery_due;

  /* storms */
  GDateTime *opened_at;         /* when its latest new notice was raised */
  char *opened_notice;
  gboolean in_storm;

  /* reach */
  gboolean polled;              /* polled at least once in this run */
  GDateTime *failing_since;

  /* the feed's validators, as saved (given back before its first poll) */
  char *feed_url;
  char *etag;
  char *last_modified;
} Watch;

typedef struct
{
  char *notice_id;
  GPtrArray *members;           /* Watch ids, in the order they joined */
  GDateTime *last_join;
  GDateTime *started_at;
  gboolean changed;
} Storm;

struct _VigieAlertEngine
{
  GObject parent_instance;

  VigieTracker *tracker;
  VigiePolicy *policy;
  GHashTable *watches;          /* id -> Watch */

  GPtrArray *queue;             /* VigieNotice, waiting for the gather */
  GDateTime *queue_due;
  Storm *storm;
  guint n_notices;

  GDateTime *last_answer;       /* the latest poll, of any service, that answered */
  VigieReach reach;

  /* VIGIE_ALERT_*_SECONDS, unless changed (the demo, tests) */
  guint gather_seconds;
  guint flap_seconds;
  guint stable_seconds;
  guint storm_seconds;
};

G_DEFINE_FINAL_TYPE (VigieAlertEngine, vigie_alert_engine, G_TYPE_OBJECT)

static void
replace_time (GDateTime **time,
              GDateTime  *value)
{
  if (value != NULL)
    g_date_time_ref (value);
  g_clear_pointer (time, g_date_time_unref);
  *time = value;
}

static void
replace_string (char       **string,
                const char  *value)
{
  char *copy = g_strdup (value);

  g_free (*string);
  *string = copy;
}

static gboolean
is_within (GDateTime *earlier,
           GDateTime *now,
           guint      seconds)
{
  return earlier != NULL
         && g_date_time_difference (now, earlier) < (GTimeSpan) seconds * G_TIME_SPAN_SECOND;
}

static void
watch_free (Watch *watch)
{
  g_free (watch->id);
  g_free (watch->name);
  g_clear_object (&watch->service);
  g_clear_pointer (&watch->slot_notices, g_hash_table_unref);
  g_clear_pointer (&watch->recovered_at, g_date_time_unref);
  g_free (watch->recovered_notice);
  g_clear_pointer (&watch->unstable_since, g_date_time_unref);
  g_free (watch->flap_notice);
  g_clear_pointer (&watch->pending_recovery, vigie_notice_free);
  g_clear_pointer (&watch->recovery_due, g_date_time_unref);
  g_clear_pointer (&watch->opened_at, g_date_time_unref);
  g_free (watch->opened_notice);
  g_clear_pointer (&watch->failing_since, g_date_time_unref);
  g_free (watch->feed_url);
  g_free (watch->etag);
  g_free (watch->last_modified);
  g_free (watch);
}

static void
storm_free (Storm *storm)
{
  g_free (storm->notice_id);
  g_clear_pointer (&storm->members, g_ptr_array_unref);
  g_clear_pointer (&storm->last_join, g_date_time_unref);
  g_clear_pointer (&storm->started_at, g_date_time_unref);
  g_free (storm);
}

static void
vigie_alert_engine_finalize (GObject *object)
{
  VigieAlertEngine *self = (VigieAlertEngine *) object;

  g_clear_object (&self->tracker);
  g_clear_object (&self->policy);
  g_clear_pointer (&self->watches, g_hash_table_unref);
  g_clear_pointer (&self->queue, g_ptr_array_unref);
  g_clear_pointer (&self->queue_due, g_date_time_unref);
  g_clear_pointer (&self->storm, storm_free);
  g_clear_pointer (&self->last_answer, g_date_time_unref);

  G_OBJECT_CLASS (vigie_alert_engine_parent_class)->finalize (object);
}

static void
vigie_alert_engine_class_init (VigieAlertEngineClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = vigie_alert_engine_finalize;
}

static void
vigie_alert_engine_init (VigieAlertEngine *self)
{
  self->tracker = vigie_tracker_new ();
  self->policy = vigie_policy_new ();
  self->watches = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                         (GDestroyNotify) watch_free);
  self->queue = g_ptr_array_new_with_free_func ((GDestroyNotify) vigie_notice_free);
  self->gather_seconds = VIGIE_ALERT_GATHER_SECONDS;
  self->flap_seconds = VIGIE_ALERT_FLAP_WINDOW_SECONDS;
  self->stable_seconds = VIGIE_ALERT_STABLE_SECONDS;
  self->storm_seconds = VIGIE_ALERT_STORM_WINDOW_SECONDS;
}

VigieAlertEngine *
vigie_alert_engine_new (void)
{
  return g_object_new (VIGIE_TYPE_ALERT_ENGINE, NULL);
}

/**
 * vigie_alert_engine_set_timing:
 * @gather: seconds news waits to be told with what follows it
 * @flap: seconds after a recovery within which new trouble is a flap
 * @stable: seconds an unstable service must hold before its recovery
 * @storm: seconds within which troubles of several services are one notice
 *
 * For a replay that plays hours in minutes (0 turns each off), and tests.
 */
void
vigie_alert_engine_set_timing (VigieAlertEngine *self,
                               guint             gather,
                               guint             flap,
                               guint             stable,
                               guint             storm)
{
  g_return_if_fail (VIGIE_IS_ALERT_ENGINE (self));

  self->gather_seconds = gather;
  self->flap_seconds = flap;
  self->stable_seconds = stable;
  self->storm_seconds = storm;
}

/**
 * vigie_alert_engine_get_policy:
 *
 * Returns: (transfer none): the policy, whose settings (levels, quiet
 *   hours, pause…) the application sets from GSettings
 */
VigiePolicy *
vigie_alert_engine_get_policy (VigieAlertEngine *self)
{
  g_return_val_if_fail (VIGIE_IS_ALERT_ENGINE (self), NULL);

  return self->policy;
}

static Watch *
lookup_watch (VigieAlertEngine *self,
              const char       *id)
{
  Watch *watch = g_hash_table_lookup (self->watches, id);

  if (watch == NULL)
    {
      watch = g_new0 (Watch, 1);
      watch->id = g_strdup (id);
      watch->name = g_strdup (id);
      watch->severity = VIGIE_SEVERITY_OPERATIONAL;
      watch->told_unstable = VIGIE_SEVERITY_OPERATIONAL;
      g_hash_table_insert (self->watches, watch->id, watch);
    }

  return watch;
}

/* The queue */

static void
queue_notice (VigieAlertEngine *self,
              VigieNotice      *notice,
              GDateTime        *now)
{
  /* only the latest word on a notification matters */
  for (guint i = 0; i < self->queue->len; i++)
    {
      VigieNotice *queued = g_ptr_array_index (self->queue, i);

      if (g_str_equal (queued->id, notice->id))
        {
          g_ptr_array_remove_index (self->queue, i);
          break;
        }
    }

  g_ptr_array_add (self->queue, notice);

  if (self->queue_due == NULL)
    self->queue_due = g_date_time_add_seconds (now, self->gather_seconds);
}

static char *
new_notice_id (VigieAlertEngine *self,
               const char       *service_id)
{
  return g_strdup_printf ("%s/%u", service_id, ++self->n_notices);
}

static VigieNotice *
notice_for_event (const VigieEvent *event,
                  const char       *id,
                  GDateTime        *now)
{
  g_autofree char *summary = vigie_format_event_summary (event);
  g_autofree char *body = vigie_format_event_body (event, now);
  VigieNotice *notice = vigie_notice_new (id, summary, body);

  if (event->url != NULL && vigie_link_is_fetchable (event->url))
    notice->url = g_strdup (event->url);
  notice->service_id = g_strdup (event->service_id);
  notice->severity = event->kind == VIGIE_EVENT_CLOSED ? event->severity
                     : vigie_severity_worst (event->severity, event->incident_severity);
  notice->final = event->kind == VIGIE_EVENT_CLOSED;

  return notice;
}

/* Flapping */

static VigieNotice *
unstable_notice (Watch            *watch,
                 const VigieEvent *event,
                 GDateTime        *now)
{
  g_autofree char *summary = NULL;
  g_autofree char *since = vigie_format_since (watch->unstable_since, now);
  g_autoptr(GString) body = g_string_new (NULL);
  VigieNotice *notice;

  /* Translators: notification title; %1$s is a service name, %2$s its state
   * such as "major outage".  The service keeps going down and up again. */
  summary = g_strdup_printf (_("%1$s is unstable: %2$s"), event->service_name,
                             vigie_severity_get_phrase (event->severity));
  if (event->title != NULL)
    g_string_append_printf (body, "%s\n", event->title);
  g_string_append (body, since);

  notice = vigie_notice_new (watch->flap_notice, summary, body->str);
  notice->service_id = g_strdup (event->service_id);
  notice->url = event->url != NULL && vigie_link_is_fetchable (event->url) ? g_strdup (event->url)
                                                                          : NULL;
  notice->severity = event->severity;
  return notice;
}

static VigieNotice *
stable_again_notice (Watch            *watch,
                     const VigieEvent *event,
                     GDateTime        *now)
{
  g_autofree char *summary = NULL;
  g_autofree char *body = NULL;
  g_autofree char *span = vigie_format_span (watch->unstable_since, now, now);
  VigieNotice *notice;

  /* Translators: notification title, after a service went down and up
   * several times; %s is a service name */
  summary = g_strdup_printf (_("%s is back to normal"), event->service_name);
  /* Translators: notification body, above when it happened ("From 16:14
   * to 17:02"): the service went down and up again several times */
  body = g_strdup_printf ("%s\n%s", _("After going back and forth several times"), span);

  notice = vigie_notice_new (watch->flap_notice, summary, body);
  notice->service_id = g_strdup (event->service_id);
  notice->severity = VIGIE_SEVERITY_OPERATIONAL;
  notice->final = TRUE;
  return notice;
}

static void
cancel_recovery (Watch *watch)
{
  g_clear_pointer (&watch->pending_recovery, vigie_notice_free);
  g_clear_pointer (&watch->recovery_due, g_date_time_unref);
}

/* Storms */

static gboolean
watch_in_trouble (Watch *watch)
{
  return vigie_severity_is_trouble (watch->severity);
}

/* Muted since it was told: not to be named again */
static gboolean
is_silenced (VigieAlertEngine *self,
             Watch            *watch,
             GDateTime        *now)
{
  return vigie_policy_get_mute (self->policy, watch->id, now, NULL) != VIGIE_MUTE_NONE
         || vigie_policy_get_level (self->policy, watch->id) == VIGIE_ALERT_LEVEL_MUTED;
}

/* Whether @watch's new trouble joins others' in one notice */
static gboolean
join_storm (VigieAlertEngine *self,
            Watch            *watch,
            GDateTime        *now)
{
  GHashTableIter iter;
  Watch *other;

  if (self->storm == NULL)
    {
      Watch *first = NULL;

      g_hash_table_iter_init (&iter, self->watches);
      while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &other))
        if (other != watch && other->opened_notice != NULL && !other->unstable
            && watch_in_trouble (other) && !is_silenced (self, other, now)
            && is_within (other->opened_at, now, self->storm_seconds)
            && (first == NULL || g_date_time_compare (other->opened_at, first->opened_at) < 0))
          first = other;

      if (first == NULL)
        return FALSE;

      /* the first one's notification becomes the storm's */
      self->storm = g_new0 (Storm, 1);
      self->storm->notice_id = g_strdup (first->opened_notice);
      self->storm->members = g_ptr_array_new_with_free_func (g_free);
      self->storm->started_at = g_date_time_ref (first->opened_at);
      g_ptr_array_add (self->storm->members, g_strdup (first->id));
      first->in_storm = TRUE;
    }
  else if (!is_within (self->storm->last_join, now, self->storm_seconds))
    {
      return FALSE;
    }

  g_ptr_array_add (self->storm->members, g_strdup (watch->id));
  replace_time (&self->storm->last_join, now);
  self->storm->changed = TRUE;
  watch->in_storm = TRUE;
  return TRUE;
}

static char *
join_names (GPtrArray *names)
{
  guint n = names->len;

  if (n == 1)
    return g_strdup (g_ptr_array_index (names, 0));

  if (n == 2)
    /* Translators: two service names, as in "Slack and Zoom" */
    return g_strdup_printf (_("%1$s and %2$s"), (char *) g_ptr_array_index (names, 0),
                            (char *) g_ptr_array_index (names, 1));

  if (n == 3)
    /* Translators: three service names, as in "Slack, Zoom and Teams" */
    return g_strdup_printf (_("%1$s, %2$s and %3$s"), (char *) g_ptr_array_index (names, 0),
                            (char *) g_ptr_array_index (names, 1),
                            (char *) g_ptr_array_index (names, 2));

  /* Translators: two service names and how many more, as in "Slack, Zoom
   * and 8 other tools" */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%1$s, %2$s and %3$u other tool",
                                       "%1$s, %2$s and %3$u other tools", n - 2),
                          (char *) g_ptr_array_index (names, 0),
                          (char *) g_ptr_array_index (names, 1), n - 2);
}

static int
compare_by_severity (gconstpointer a,
                     gconstpointer b)
{
  const Watch *first = *(const Watch * const *) a;
  const Watch *second = *(const Watch * const *) b;

  return vigie_severity_compare (second->severity, first->severity);
}

static VigieNotice *
storm_notice (VigieAlertEngine *self,
              GDateTime        *now)
{
  Storm *storm = self->storm;
  g_autoptr(GPtrArray) troubled = g_ptr_array_new ();
  g_autoptr(GPtrArray) recovered = g_ptr_array_new ();
  g_autoptr(GPtrArray) everyone = g_ptr_array_new ();
  g_autoptr(GString) body = g_string_new (NULL);
  g_autofree char *names = NULL;
  g_autofree char *summary = NULL;
  VigieSeverity worst = VIGIE_SEVERITY_OPERATIONAL;
  guint lines = 0;
  VigieNotice *notice;

  for (guint i = 0; i < storm->members->len; i++)
    {
      Watch *watch = g_hash_table_lookup (self->watches, g_ptr_array_index (storm->members, i));

      if (watch == NULL || is_silenced (self, watch, now))
        continue;

      g_ptr_array_add (everyone, watch->name);
      if (watch_in_trouble (watch))
        {
          g_ptr_array_add (troubled, watch);
          worst = vigie_severity_worst (worst, watch->severity);
        }
      else
        {
          g_ptr_array_add (recovered, watch->name);
        }
    }

  /* the worst first, then in the order they joined (the sort is stable) */
  g_ptr_array_sort (troubled, compare_by_severity);
  for (guint i = 0; i < troubled->len; i++)
    {
      Watch *watch = g_ptr_array_index (troubled, i);

      if (lines++ < STORM_LINES)
        /* Translators: one line of a notification about several
         * services; %1$s is a service name, %2$s its state. French:
         * "%1$s : %2$s" with a no-break space before the colon */
        g_string_append_printf (body, _("%1$s: %2$s\n"), watch->name,
                                vigie_severity_get_phrase (watch->severity));
      g_ptr_array_index (troubled, i) = watch->name;
    }

  /* everyone was muted since: nothing left to say */
  if (everyone->len == 0)
    return NULL;

  if (lines > STORM_LINES)
    g_string_append_printf (body,
                            /* Translators: after a list of services in trouble */
                            g_dngettext (GETTEXT_PACKAGE, "and %u more\n", "and %u more\n",
                                         lines - STORM_LINES),
                            lines - STORM_LINES);

  if (troubled->len == 0)
    {
      g_autofree char *span = vigie_format_span (storm->started_at, now, now);

      names = join_names (everyone);
      /* Translators: notification title; %s is a list of services such as
       * "Slack, Zoom and 8 other tools". French: "De retour à la
       * normale : %s" with a no-break space before the colon */
      summary = g_strdup_printf (_("Back to normal: %s"), names);
      g_string_truncate (body, 0);
      g_string_append (body, span);
    }
  else
    {
      names = join_names (troubled);
      /* Translators: notification title; %1$s is a list of services such
       * as "Slack, Zoom and 8 other tools", %2$s the worst state among
       * them such as "major outage". French: "%1$s : %2$s" with a no-break
       * space before the colon */
      summary = g_strdup_printf (_("%1$s: %2$s"), names, vigie_severity_get_phrase (worst));

      if (recovered->len > 0)
        {
          g_autofree char *back = join_names (recovered);

          /* Translators: the end of a notification about several services;
           * %s is a list of services */
          g_string_append_printf (body, _("Back to normal: %s"), back);
        }
    }

  while (body->len > 0 && body->str[body->len - 1] == '\n')
    g_string_truncate (body, body->len - 1);

  notice = vigie_notice_new (storm->notice_id, summary, body->str);
  notice->severity = troubled->len > 0 ? worst : VIGIE_SEVERITY_OPERATIONAL;
  notice->final = troubled->len == 0;
  notice->group = TRUE;
  return notice;
}

/* Tells the storm's news, and ends it once everyone is back */
static void
flush_storm (VigieAlertEngine *self,
             GDateTime        *now)
{
  VigieNotice *notice;

  if (self->storm == NULL || !self->storm->changed)
    return;

  self->storm->changed = FALSE;
  notice = storm_notice (self, now);
  if (notice != NULL)
    queue_notice (self, notice, now);

  if (notice == NULL || notice->final)
    {
      for (guint i = 0; i < self->storm->members->len; i++)
        {
          Watch *watch = g_hash_table_lookup (self->watches,
                                              g_ptr_array_index (self->storm->members, i));

          if (watch == NULL)
            continue;
          watch->in_storm = FALSE;
          g_clear_pointer (&watch->slot_notices, g_hash_table_unref);
          replace_time (&watch->recovered_at, now);
          replace_string (&watch->recovered_notice, self->storm->notice_id);
        }
      g_clear_pointer (&self->storm, storm_free);
    }
}

static void
leave_storm (VigieAlertEngine *self,
             Watch            *watch)
{
  if (self->storm == NULL || !watch->in_storm)
    return;

  for (guint i = 0; i < self->storm->members->len; i++)
    if (g_str_equal (g_ptr_array_index (self->storm->members, i), watch->id))
      {
        g_ptr_array_remove_index (self->storm->members, i);
        break;
      }

  watch->in_storm = FALSE;
  self->storm->changed = TRUE;
}

/* Presenting one event the policy said to show */

/* Made when first needed: most services never have anything to tell */
static GHashTable *
slot_notices_of (Watch *watch)
{
  if (watch->slot_notices == NULL)
    watch->slot_notices = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  return watch->slot_notices;
}

static char *
take_slot_notice (Watch      *watch,
                  const char *slot)
{
  g_autofree char *key = NULL;
  char *id = NULL;

  if (slot == NULL)
    return NULL;

  if (watch->slot_notices != NULL)
    g_hash_table_steal_extended (watch->slot_notices, slot, (gpointer *) &key, (gpointer *) &id);
  return id;
}

static void
present_opened (VigieAlertEngine *self,
                Watch            *watch,
                const VigieEvent *event,
                GDateTime        *now)
{
  g_autofree char *id = take_slot_notice (watch, event->replaces_slot);

  /* back in trouble soon after its recovery: unstable, told in place */
  if (id == NULL && watch->recovered_notice != NULL
      && (watch->unstable || is_within (watch->recovered_at, now, self->flap_seconds)))
    {
      if (!watch->unstable)
        {
          watch->unstable = TRUE;
          replace_time (&watch->unstable_since, watch->recovered_at);
          replace_string (&watch->flap_notice, watch->recovered_notice);
          watch->told_unstable = VIGIE_SEVERITY_OPERATIONAL;
        }
      cancel_recovery (watch);
      g_hash_table_replace (slot_notices_of (watch), g_strdup (event->slot),
                            g_strdup (watch->flap_notice));

      if (vigie_severity_compare (event->severity, watch->told_unstable) > 0)
        {
          queue_notice (self, unstable_notice (watch, event, now), now);
          watch->told_unstable = event->severity;
        }
      return;
    }

  if (id == NULL)
    {
      id = new_notice_id (self, watch->id);

      if (join_storm (self, watch, now))
        return;

      replace_time (&watch->opened_at, now);
      replace_string (&watch->opened_notice, id);
    }

  g_hash_table_replace (slot_notices_of (watch), g_strdup (event->slot), g_strdup (id));
  queue_notice (self, notice_for_event (event, id, now), now);
}

static void
present_updated (VigieAlertEngine *self,
                 Watch            *watch,
                 const VigieEvent *event,
                 GDateTime        *now)
{
  const char *id;

  if (watch->unstable)
    {
      if (vigie_severity_compare (event->severity, watch->told_unstable) > 0)
        {
          queue_notice (self, unstable_notice (watch, event, now), now);
          watch->told_unstable = event->severity;
        }
      return;
    }

  id = watch->slot_notices != NULL ? g_hash_table_lookup (watch->slot_notices, event->slot)
                                   : NULL;
  if (id == NULL)
    {
      /* told before a restart: the notification is gone, a new one says it */
      g_autofree char *new_id = new_notice_id (self, watch->id);

      g_hash_table_replace (slot_notices_of (watch), g_strdup (event->slot), g_strdup (new_id));
      id = g_hash_table_lookup (watch->slot_notices, event->slot);
    }

  queue_notice (self, notice_for_event (event, id, now), now);
}

static void
present_closed (VigieAlertEngine *self,
                Watch            *watch,
                const VigieEvent *event,
                GDateTime        *now)
{
  g_autofree char *id = take_slot_notice (watch, event->slot);

  if (watch->unstable)
    {
      /* told once it has held */
      if (event->recovered)
        {
          cancel_recovery (watch);
          watch->pending_recovery = stable_again_notice (watch, event, now);
          watch->recovery_due = g_date_time_add_seconds (now, self->stable_seconds);
        }
      return;
    }

  if (id == NULL)
    id = new_notice_id (self, watch->id);

  if (event->recovered)
    {
      replace_time (&watch->recovered_at, now);
      replace_string (&watch->recovered_notice, id);
    }

  queue_notice (self, notice_for_event (event, id, now), now);
}

static void
present (VigieAlertEngine *self,
         Watch            *watch,
         const VigieEvent *event,
         GDateTime        *now)
{
  if (event->kind == VIGIE_EVENT_MAINTENANCE_SCHEDULED
      || event->kind == VIGIE_EVENT_MAINTENANCE_STARTED)
    {
      g_autofree char *id = g_strconcat (watch->id, "/", event->slot, NULL);

      queue_notice (self, notice_for_event (event, id, now), now);
      return;
    }

  /* a storm's member: its news is the storm's */
  if (watch->in_storm && self->storm != NULL)
    {
      if (event->kind != VIGIE_EVENT_UPDATED || event->severity != event->previous_severity)
        self->storm->changed = TRUE;
      return;
    }

  switch (event->kind)
    {
    case VIGIE_EVENT_OPENED:
      present_opened (self, watch, event, now);
      break;
    case VIGIE_EVENT_UPDATED:
      present_updated (self, watch, event, now);
      break;
    case VIGIE_EVENT_CLOSED:
      present_closed (self, watch, event, now);
      break;
    case VIGIE_EVENT_MAINTENANCE_SCHEDULED:
    case VIGIE_EVENT_MAINTENANCE_STARTED:
    default:
      break;
    }
}

/* Them or me */

static void
update_reach (VigieAlertEngine *self,
              Watch            *watch,
              GDateTime        *now)
{
  GHashTableIter iter;
  Watch *other;
  gboolean all_network = TRUE;
  gboolean any_failing = FALSE;

  watch->polled = TRUE;
  if (vigie_service_get_failures (watch->service) == 0)
    {
      g_clear_pointer (&watch->failing_since, g_date_time_unref);
      replace_time (&self->last_answer, now);
    }
  else if (watch->failing_since == NULL)
    {
      watch->failing_since = g_date_time_ref (now);
    }

  g_hash_table_iter_init (&iter, self->watches);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &other))
    {
      gboolean network;

      if (other->service == NULL || !other->polled)
        continue;

      network = vigie_service_failed_at_network_level (other->service);
      if (vigie_service_get_failures (other->service) == 0 || !network)
        all_network = FALSE;
      else
        any_failing = TRUE;

      /* no page answered since this one began failing: nobody's fault yet */
      vigie_service_set_holds_last_known (other->service,
                                          network && other->failing_since != NULL
                                            && (self->last_answer == NULL
                                                || g_date_time_compare (self->last_answer,
                                                                        other->failing_since) < 0));
    }

  self->reach = all_network && any_failing ? VIGIE_REACH_UNREACHABLE : VIGIE_REACH_OK;
}

/**
 * vigie_alert_engine_get_reach:
 *
 * Returns: whether status pages can be reached from this computer
 */
VigieReach
vigie_alert_engine_get_reach (VigieAlertEngine *self)
{
  g_return_val_if_fail (VIGIE_IS_ALERT_ENGINE (self), VIGIE_REACH_OK);

  return self->reach;
}

/**
 * vigie_alert_engine_is_unstable:
 *
 * Returns: whether the service goes back and forth (see above)
 */
gboolean
vigie_alert_engine_is_unstable (VigieAlertEngine *self,
                                const char       *service_id)
{
  Watch *watch;

  g_return_val_if_fail (VIGIE_IS_ALERT_ENGINE (self), FALSE);

  watch = g_hash_table_lookup (self->watches, service_id);
  return watch != NULL && watch->unstable;
}

/* What it is fed */

/**
 * vigie_alert_engine_set_services:
 * @services: (element-type VigieService): the services watched now
 *
 * Services no longer watched leave storms and verdicts at once; what was
 * told of them is kept in the saved state for a month, in case they come
 * back.
 */
void
vigie_alert_engine_set_services (VigieAlertEngine *self,
                                 GPtrArray        *services)
{
  GHashTableIter iter;
  Watch *watch;

  g_return_if_fail (VIGIE_IS_ALERT_ENGINE (self));

  g_hash_table_iter_init (&iter, self->watches);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &watch))
    {
      g_clear_object (&watch->service);
      watch->polled = FALSE;
    }

  for (guint i = 0; services != NULL && i < services->len; i++)
    {
      VigieService *service = g_ptr_array_index (services, i);

      watch = lookup_watch (self, vigie_service_get_id (service));
      g_set_object (&watch->service, service);
      replace_string (&watch->name, vigie_service_get_display_name (service));
      watch->polled = vigie_service_get_last_checked (service) != NULL;

      /* the first poll after a start asks "changed since?" */
      if (!watch->polled && vigie_service_get_snapshot (service) == NULL
          && g_strcmp0 (watch->feed_url, vigie_service_get_feed_url (service)) == 0)
        vigie_service_set_validators (service, watch->etag, watch->last_modified);
    }

  g_hash_table_iter_init (&iter, self->watches);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &watch))
    if (watch->service == NULL)
      {
        leave_storm (self, watch);
        cancel_recovery (watch);
        g_clear_pointer (&watch->slot_notices, g_hash_table_unref);
      }
}

/**
 * vigie_alert_engine_observe:
 * @service: a service that was just polled
 * @now: the time of the poll
 *
 * Takes in what the poll found.  What is to be told comes out of
 * vigie_alert_engine_take_notices().
 */
void
vigie_alert_engine_observe (VigieAlertEngine *self,
                            VigieService     *service,
                            GDateTime        *now)
{
  g_autoptr(GPtrArray) events = NULL;
  VigieSeverity severity;
  Watch *watch;

  g_return_if_fail (VIGIE_IS_ALERT_ENGINE (self));
  g_return_if_fail (VIGIE_IS_SERVICE (service));
  g_return_if_fail (now != NULL);

  watch = lookup_watch (self, vigie_service_get_id (service));
  g_set_object (&watch->service, service);
  replace_string (&watch->name, vigie_service_get_display_name (service));

  update_reach (self, watch, now);

  severity = vigie_service_get_severity (service);
  if (severity != VIGIE_SEVERITY_UNKNOWN)
    {
      watch->severity = severity;
      /* news held back until a recovery holds: it did not */
      if (vigie_severity_is_trouble (severity))
        cancel_recovery (watch);
    }

  events = vigie_tracker_observe (self->tracker, watch->id, watch->name,
                                  vigie_service_get_status_page (service), severity,
                                  vigie_service_get_snapshot (service), now);

  for (guint i = 0; i < events->len; i++)
    {
      const VigieEvent *event = g_ptr_array_index (events, i);
      VigieRoute route = vigie_policy_route (self->policy, event, now);

      if (route == VIGIE_ROUTE_SHOW)
        {
          present (self, watch, event, now);
          continue;
        }

      g_debug ("%s: %s", event->service_id,
               route == VIGIE_ROUTE_HOLD ? "held for the digest" : "not shown");

      /* a recovery left untold (recovery notices off) still counts for
       * flapping: trouble soon after updates the notification told */
      if (event->kind == VIGIE_EVENT_CLOSED && event->recovered && !watch->unstable
          && !watch->in_storm)
        {
          g_autofree char *id = take_slot_notice (watch, event->slot);

          if (id != NULL)
            {
              replace_time (&watch->recovered_at, now);
              replace_string (&watch->recovered_notice, id);
            }
        }
    }
}

/**
 * vigie_alert_engine_mute:
 * @how: "hour" (for an hour from @now), "resolved" (until the current
 *   trouble ends) or anything else to unmute, as the app.mute action
 */
void
vigie_alert_engine_mute (VigieAlertEngine *self,
                         const char       *service_id,
                         const char       *how,
                         GDateTime        *now)
{
  g_return_if_fail (VIGIE_IS_ALERT_ENGINE (self));
  g_return_if_fail (service_id != NULL && how != NULL && now != NULL);

  if (g_str_equal (how, "hour"))
    {
      g_autoptr(GDateTime) until = g_date_time_add_seconds (now, MUTE_SECONDS);

      vigie_policy_mute_for (self->policy, service_id, until);
    }
  else if (g_str_equal (how, "resolved"))
    {
      vigie_policy_mute_until_resolved (self->policy, service_id);
    }
  else
    {
      vigie_policy_unmute (self->policy, service_id);
    }
}

/* What it says */

/**
 * vigie_alert_engine_take_notices:
 * @now: the current time
 *
 * Hands over what is due: the quiet-hours digest once they are over, news
 * gathered for VIGIE_ALERT_GATHER_SECONDS, recoveries of unstable services
 * that held.  Call it after each observation and when
 * vigie_alert_engine_get_next_wakeup() comes.
 *
 * Returns: (transfer full) (element-type VigieNotice): the notices to show
 *   now, in order; often empty
 */
GPtrArray *
vigie_alert_engine_take_notices (VigieAlertEngine *self,
                                 GDateTime        *now)
{
  g_autoptr(GPtrArray) due = NULL;
  GHashTableIter iter;
  Watch *watch;

  g_return_val_if_fail (VIGIE_IS_ALERT_ENGINE (self), NULL);
  g_return_val_if_fail (now != NULL, NULL);

  /* what quiet hours held comes first, and at once */
  if (vigie_policy_has_held (self->policy))
    {
      g_autoptr(VigieDigest) digest = vigie_policy_take_digest (self->policy, now);

      if (digest != NULL)
        {
          g_autofree char *summary = vigie_format_digest_summary (digest);
          g_autofree char *body = vigie_format_digest_body (digest, now);
          VigieNotice *notice = vigie_notice_new (DIGEST_NOTICE, summary, body);

          notice->severity = VIGIE_SEVERITY_MINOR;
          notice->group = TRUE;
          queue_notice (self, notice, now);
          replace_time (&self->queue_due, now);
        }
    }

  /* recoveries that held (not told while pages cannot be reached) */
  g_hash_table_iter_init (&iter, self->watches);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &watch))
    {
      if (watch->pending_recovery == NULL || g_date_time_compare (now, watch->recovery_due) < 0
          || self->reach == VIGIE_REACH_UNREACHABLE)
        continue;

      queue_notice (self, g_steal_pointer (&watch->pending_recovery), now);
      g_clear_pointer (&watch->recovery_due, g_date_time_unref);
      watch->unstable = FALSE;
      replace_time (&watch->recovered_at, now);
      replace_string (&watch->recovered_notice, watch->flap_notice);
      g_clear_pointer (&watch->slot_notices, g_hash_table_unref);
    }

  flush_storm (self, now);

  if (self->queue_due == NULL || g_date_time_compare (now, self->queue_due) < 0)
    return g_ptr_array_new_with_free_func ((GDestroyNotify) vigie_notice_free);

  due = g_steal_pointer (&self->queue);
  self->queue = g_ptr_array_new_with_free_func ((GDestroyNotify) vigie_notice_free);
  g_clear_pointer (&self->queue_due, g_date_time_unref);
  return g_steal_pointer (&due);
}

/**
 * vigie_alert_engine_get_next_wakeup:
 *
 * Returns: (transfer full) (nullable): when vigie_alert_engine_take_notices()
 *   will have something new to hand over, if nothing else happens
 */
GDateTime *
vigie_alert_engine_get_next_wakeup (VigieAlertEngine *self,
                                    GDateTime        *now)
{
  GDateTime *next = NULL;
  GHashTableIter iter;
  Watch *watch;

  g_return_val_if_fail (VIGIE_IS_ALERT_ENGINE (self), NULL);

  if (self->queue_due != NULL)
    next = g_date_time_ref (self->queue_due);

  g_hash_table_iter_init (&iter, self->watches);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &watch))
    if (watch->recovery_due != NULL
        && (next == NULL || g_date_time_compare (watch->recovery_due, next) < 0))
      replace_time (&next, watch->recovery_due);

  return next;
}

/* Saved state */

/* Each feed's validators, so that the first poll after a start is
 * conditional (see vigie-feed-cache.c) */
static void
save_validators (VigieAlertEngine *self,
                 JsonBuilder      *builder)
{
  g_autoptr(GList) ids = g_list_sort (g_hash_table_get_keys (self->watches),
                                      (GCompareFunc) g_strcmp0);

  json_builder_set_member_name (builder, "feeds");
  json_builder_begin_object (builder);
  for (GList *l = ids; l != NULL; l = l->next)
    {
      Watch *watch = g_hash_table_lookup (self->watches, l->data);

      /* a watched service's validators are what it holds now */
      if (watch->service != NULL && vigie_service_get_last_checked (watch->service) != NULL)
        {
          const char *etag;
          const char *last_modified;

          vigie_service_get_validators (watch->service, &etag, &last_modified);
          replace_string (&watch->feed_url, vigie_service_get_feed_url (watch->service));
          replace_string (&watch->etag, etag);
          replace_string (&watch->last_modified, last_modified);
        }

      if (watch->feed_url == NULL || (watch->etag == NULL && watch->last_modified == NULL))
        continue;

      json_builder_set_member_name (builder, watch->id);
      json_builder_begin_object (builder);
      vigie_json_add_string (builder, "url", watch->feed_url);
      vigie_json_add_string (builder, "etag", watch->etag);
      vigie_json_add_string (builder, "last_modified", watch->last_modified);
      json_builder_end_object (builder);
    }
  json_builder_end_object (builder);
}

static void
load_validators (VigieAlertEngine *self,
                 JsonObject       *feeds)
{
  JsonObjectIter iter;
  const char *id;
  JsonNode *node;
  guint count = 0;

  json_object_iter_init (&iter, feeds);
  while (json_object_iter_next (&iter, &id, &node) && count++ < VIGIE_MAX_SERVICES)
    {
      JsonObject *object = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
      g_autofree char *clean_id = vigie_text_clean (id, VIGIE_MAX_NAME_CHARS);
      const char *url = object != NULL ? vigie_json_get_string (object, "url") : NULL;
      Watch *watch;

      /* only what could have been written: an id as it was, a fetchable link */
      if (g_strcmp0 (clean_id, id) != 0 || url == NULL || !vigie_link_is_fetchable (url))
        continue;

      watch = lookup_watch (self, id);
      replace_string (&watch->feed_url, url);
      replace_string (&watch->etag, vigie_json_get_string (object, "etag"));
      replace_string (&watch->last_modified, vigie_json_get_string (object, "last_modified"));
    }
}

/**
 * vigie_alert_engine_save:
 *
 * Returns: (transfer full): the saved state, as a JSON document: the same
 *   bytes as long as nothing the user said or was told changed
 */
GBytes *
vigie_alert_engine_save (VigieAlertEngine *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  g_return_val_if_fail (VIGIE_IS_ALERT_ENGINE (self), NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "version");
  json_builder_add_int_value (builder, STATE_VERSION);
  vigie_tracker_save_to (self->tracker, builder);
  vigie_policy_save_to (self->policy, builder);
  save_validators (self, builder);
  json_builder_end_object (builder);

  return vigie_json_builder_to_bytes (builder);
}

/**
 * vigie_alert_engine_load:
 * @state: a document written by vigie_alert_engine_save() (or by the
 *   tracker of Vigie 0.1)
 * @now: the current time: mutes over and services gone for a month are
 *   forgotten
 *
 * Makes the saved state the baseline: after it, a service's first poll is
 * compared with what was told before, not taken silently.  The document is
 * read within bounds and its text is cleaned as feed text.
 *
 * Returns: %TRUE if it was a Vigie state; else nothing is loaded (the
 *   caller sets the file aside) and @error says why
 */
gboolean
vigie_alert_engine_load (VigieAlertEngine  *self,
                         GBytes            *state,
                         GDateTime         *now,
                         GError           **error)
{
  g_autoptr(JsonNode) root = NULL;
  JsonObject *object;
  JsonObject *services;

  g_return_val_if_fail (VIGIE_IS_ALERT_ENGINE (self), FALSE);
  g_return_val_if_fail (state != NULL, FALSE);

  if (g_bytes_get_size (state) > VIGIE_MAX_STATE_BYTES)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "state file too large");
      return FALSE;
    }

  root = vigie_json_load_bounded (state, error);
  if (root == NULL)
    return FALSE;

  object = JSON_NODE_HOLDS_OBJECT (root) ? json_node_get_object (root) : NULL;
  services = object != NULL ? vigie_json_get_object (object, "services") : NULL;
  if (services == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "not a Vigie state file");
      return FALSE;
    }

  vigie_tracker_load_from (self->tracker, services, now);
  vigie_policy_load_from (self->policy, object, now);
  if (vigie_json_get_object (object, "feeds") != NULL)
    load_validators (self, vigie_json_get_object (object, "feeds"));
  return TRUE;
}
