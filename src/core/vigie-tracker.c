/* vigie-tracker.c: what deserves a notification, as pure rules
 *
 * The tracker compares what a service says now with what the user was
 * last told, and returns events; it does no I/O and reads no clock (the
 * caller passes "now").  Its rules are DESIGN.md's product rules 1 to 3:
 *
 *  - One notification "slot" per incident, updated in place while it
 *    evolves and closed when it ends; when a service is in trouble without
 *    any incident, the service itself has a slot.
 *  - The saved state is the baseline after a restart (see
 *    vigie_tracker_save()): an outage already told is not told again, one
 *    that began while Vigie was not running is told on the first poll, and
 *    one that ended meanwhile gets its recovery notice, which still knows
 *    when the trouble began.  Only a first start ever (nothing was loaded)
 *    makes the first observation of a service a silent baseline.
 *  - "unknown" is never compared: a failed or unreadable feed changes
 *    nothing, so ok -> unknown -> ok is silent while ok -> unknown -> major
 *    is notified as ok -> major.
 *  - Maintenances are reported when they are announced and when they
 *    start, once each; what was told of them is saved too (a service with
 *    no saved maintenances adopts the current ones silently).
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vigie-tracker"

#include "config.h"

#include "vigie-json.h"
#include "vigie-limits.h"
#include "vigie-text.h"
#include "vigie-tracker.h"

#define STATE_VERSION 1

/* A service no longer observed is forgotten after this many days */
#define RETENTION_DAYS 30

typedef struct
{
  char *key;
  char *title;
  char *status;
  char *detail;
  char *url;
  VigieSeverity incident_severity;
  GDateTime *started_at;
} Slot;

/* What the user was told about a maintenance */
typedef enum
{
  STAGE_NONE,
  STAGE_SCHEDULED,
  STAGE_STARTED,
} Stage;

typedef struct
{
  VigieSeverity severity;
  GDateTime *trouble_since;
  GPtrArray *slots;
  GHashTable *maintenances;  /* key -> Stage; NULL while there are none */
  gboolean maintenances_known;  /* FALSE: adopt the feed's silently */
  gboolean restored;         /* loaded from a saved state */
  gboolean seen_this_run;
  GDate seen_on;             /* the last day it was observed, for retention */
} Track;

struct _VigieTracker
{
  GObject parent_instance;

  GHashTable *tracks;
  gboolean restored;         /* a saved state was loaded: not a first start */
};

G_DEFINE_FINAL_TYPE (VigieTracker, vigie_tracker, G_TYPE_OBJECT)

void
vigie_event_free (VigieEvent *event)
{
  if (event == NULL)
    return;

  g_free (event->service_id);
  g_free (event->service_name);
  g_free (event->slot);
  g_free (event->replaces_slot);
  g_free (event->title);
  g_free (event->status);
  g_free (event->detail);
  g_free (event->url);
  g_clear_pointer (&event->started_at, g_date_time_unref);
  g_clear_pointer (&event->ended_at, g_date_time_unref);
  g_free (event);
}

static void
slot_free (Slot *slot)
{
  g_free (slot->key);
  g_free (slot->title);
  g_free (slot->status);
  g_free (slot->detail);
  g_free (slot->url);
  g_clear_pointer (&slot->started_at, g_date_time_unref);
  g_free (slot);
}

static GHashTable *
new_maintenances (void)
{
  return g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

static Track *
track_new (void)
{
  Track *track = g_new0 (Track, 1);

  track->severity = VIGIE_SEVERITY_OPERATIONAL;
  track->slots = g_ptr_array_new_with_free_func ((GDestroyNotify) slot_free);

  return track;
}

static void
track_free (Track *track)
{
  g_clear_pointer (&track->trouble_since, g_date_time_unref);
  g_clear_pointer (&track->slots, g_ptr_array_unref);
  g_clear_pointer (&track->maintenances, g_hash_table_unref);
  g_free (track);
}

static void
vigie_tracker_finalize (GObject *object)
{
  VigieTracker *self = (VigieTracker *) object;

  g_clear_pointer (&self->tracks, g_hash_table_unref);

  G_OBJECT_CLASS (vigie_tracker_parent_class)->finalize (object);
}

static void
vigie_tracker_class_init (VigieTrackerClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = vigie_tracker_finalize;
}

static void
vigie_tracker_init (VigieTracker *self)
{
  self->tracks = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                        (GDestroyNotify) track_free);
}

VigieTracker *
vigie_tracker_new (void)
{
  return g_object_new (VIGIE_TYPE_TRACKER, NULL);
}

static GDateTime *
ref_or_null (GDateTime *time)
{
  return time != NULL ? g_date_time_ref (time) : NULL;
}

static Slot *
find_slot (Track      *track,
           const char *key,
           guint      *out_index)
{
  for (guint i = 0; i < track->slots->len; i++)
    {
      Slot *slot = g_ptr_array_index (track->slots, i);

      if (g_str_equal (slot->key, key))
        {
          if (out_index != NULL)
            *out_index = i;
          return slot;
        }
    }

  return NULL;
}

static gboolean
has_incident_slots (Track *track)
{
  for (guint i = 0; i < track->slots->len; i++)
    {
      Slot *slot = g_ptr_array_index (track->slots, i);

      if (!g_str_equal (slot->key, VIGIE_TRACKER_SERVICE_SLOT))
        return TRUE;
    }

  return FALSE;
}

static const VigieIncident *
find_incident (GPtrArray  *incidents,
               const char *id)
{
  for (guint i = 0; i < incidents->len; i++)
    {
      const VigieIncident *incident = g_ptr_array_index (incidents, i);

      if (g_strcmp0 (incident->id, id) == 0)
        return incident;
    }

  return NULL;
}

/* Incidents without an id cannot be followed from one poll to the next;
 * their title stands in for it. */
static const char *
incident_key (const VigieIncident *incident)
{
  return incident->id != NULL ? incident->id : incident->title;
}

static const VigieIncident *
find_incident_by_key (GPtrArray  *incidents,
                      const char *key)
{
  for (guint i = 0; i < incidents->len; i++)
    {
      const VigieIncident *incident = g_ptr_array_index (incidents, i);

      if (g_strcmp0 (incident_key (incident), key) == 0)
        return incident;
    }

  return NULL;
}

static gboolean
slot_differs (const Slot          *slot,
              const VigieIncident *incident)
{
  return g_strcmp0 (slot->title, incident->title) != 0
         || g_strcmp0 (slot->status, incident->status) != 0
         || g_strcmp0 (slot->detail, incident->latest_update) != 0
         || slot->incident_severity != incident->severity;
}

static void
slot_take_incident (Slot                *slot,
                    const VigieIncident *incident,
                    const char          *fallback_url)
{
  g_free (slot->title);
  slot->title = g_strdup (incident->title);
  g_free (slot->status);
  slot->status = g_strdup (incident->status);
  g_free (slot->detail);
  slot->detail = g_strdup (incident->latest_update);
  g_free (slot->url);
  slot->url = g_strdup (incident->url != NULL ? incident->url : fallback_url);
  slot->incident_severity = incident->severity;
}

static Slot *
slot_new_for_incident (const VigieIncident *incident,
                       const char          *fallback_url,
                       GDateTime           *now)
{
  Slot *slot = g_new0 (Slot, 1);

  slot->key = g_strdup (incident_key (incident));
  slot->started_at = ref_or_null (incident->started_at != NULL ? incident->started_at : now);
  slot_take_incident (slot, incident, fallback_url);

  return slot;
}

static Slot *
slot_new_for_service (VigieSnapshot *snapshot,
                      const char    *status_page,
                      GDateTime     *started_at)
{
  Slot *slot = g_new0 (Slot, 1);

  slot->key = g_strdup (VIGIE_TRACKER_SERVICE_SLOT);
  slot->detail = g_strdup (vigie_snapshot_get_summary (snapshot));
  slot->url = g_strdup (status_page != NULL ? status_page : vigie_snapshot_get_page_url (snapshot));
  slot->incident_severity = vigie_snapshot_get_severity (snapshot);
  slot->started_at = ref_or_null (started_at);

  return slot;
}

static VigieEvent *
event_new (VigieEventKind  kind,
           const char     *service_id,
           const char     *service_name,
           const Slot     *slot,
           VigieSeverity   severity,
           VigieSeverity   previous_severity)
{
  VigieEvent *event = g_new0 (VigieEvent, 1);

  event->kind = kind;
  event->service_id = g_strdup (service_id);
  event->service_name = g_strdup (service_name);
  event->slot = g_strdup (slot->key);
  event->severity = severity;
  event->previous_severity = previous_severity;
  event->incident_severity = slot->incident_severity;
  event->title = g_strdup (slot->title);
  event->status = g_strdup (slot->status);
  event->detail = g_strdup (slot->detail);
  event->url = g_strdup (slot->url);
  event->started_at = ref_or_null (slot->started_at);

  return event;
}

static VigieEvent *
maintenance_event_new (VigieEventKind       kind,
                       const char          *service_id,
                       const char          *service_name,
                       const char          *status_page,
                       const VigieIncident *maintenance,
                       VigieSeverity        severity,
                       VigieSeverity        previous_severity,
                       GDateTime           *now)
{
  VigieEvent *event = g_new0 (VigieEvent, 1);
  GDateTime *start;

  if (kind == VIGIE_EVENT_MAINTENANCE_STARTED)
    start = maintenance->started_at != NULL ? maintenance->started_at
            : maintenance->scheduled_for != NULL ? maintenance->scheduled_for : now;
  else
    start = maintenance->scheduled_for != NULL ? maintenance->scheduled_for
                                               : maintenance->started_at;

  event->kind = kind;
  event->service_id = g_strdup (service_id);
  event->service_name = g_strdup (service_name);
  event->slot = g_strconcat (VIGIE_TRACKER_MAINTENANCE_SLOT_PREFIX, incident_key (maintenance),
                             NULL);
  event->severity = severity;
  event->previous_severity = previous_severity;
  event->incident_severity = VIGIE_SEVERITY_MAINTENANCE;
  event->title = g_strdup (maintenance->title);
  event->status = g_strdup (maintenance->status);
  event->detail = g_strdup (maintenance->latest_update);
  event->url = g_strdup (maintenance->url != NULL ? maintenance->url : status_page);
  event->started_at = ref_or_null (start);
  event->ended_at = ref_or_null (maintenance->scheduled_until);

  return event;
}

/* Brings the maintenances the user knows of in line with the feed, and
 * adds to @events (if not %NULL) what is new: announced, or started. */
static void
observe_maintenances (Track         *track,
                      GPtrArray     *events,
                      const char    *service_id,
                      const char    *service_name,
                      const char    *status_page,
                      VigieSeverity  severity,
                      VigieSeverity  previous,
                      VigieSnapshot *snapshot,
                      GDateTime     *now)
{
  GPtrArray *maintenances = vigie_snapshot_get_maintenances (snapshot);
  g_autoptr(GHashTable) current = NULL;

  for (guint i = 0; i < maintenances->len && i < VIGIE_MAX_INCIDENTS; i++)
    {
      const VigieIncident *maintenance = g_ptr_array_index (maintenances, i);
      const char *key = incident_key (maintenance);
      Stage known;
      Stage stage;

      if (key == NULL || (current != NULL && g_hash_table_contains (current, key)))
        continue;

      known = track->maintenances != NULL
                ? GPOINTER_TO_INT (g_hash_table_lookup (track->maintenances, key))
                : STAGE_NONE;
      stage = vigie_incident_is_running (maintenance, now) ? STAGE_STARTED : STAGE_SCHEDULED;

      /* once started, a flip back to "scheduled" tells nothing new */
      if (known == STAGE_STARTED)
        stage = STAGE_STARTED;

      if (events != NULL && stage != known)
        g_ptr_array_add (events,
                         maintenance_event_new (stage == STAGE_STARTED
                                                  ? VIGIE_EVENT_MAINTENANCE_STARTED
                                                  : VIGIE_EVENT_MAINTENANCE_SCHEDULED,
                                                service_id, service_name, status_page,
                                                maintenance, severity, previous, now));

      if (current == NULL)
        current = new_maintenances ();
      g_hash_table_insert (current, g_strdup (key), GINT_TO_POINTER (stage));
    }

  g_clear_pointer (&track->maintenances, g_hash_table_unref);
  track->maintenances = g_steal_pointer (&current);
}

/* The first look at a service in this run: bring the slots in line with
 * the feed without telling anyone. */
static void
baseline (Track         *track,
          VigieSeverity  severity,
          VigieSnapshot *snapshot,
          const char    *status_page,
          GDateTime     *now)
{
  GPtrArray *incidents = vigie_snapshot_get_incidents (snapshot);
  gboolean in_trouble = vigie_severity_is_trouble (severity);

  for (guint i = track->slots->len; i > 0; i--)
    {
      Slot *slot = g_ptr_array_index (track->slots, i - 1);
      const VigieIncident *incident = find_incident_by_key (incidents, slot->key);

      if (g_str_equal (slot->key, VIGIE_TRACKER_SERVICE_SLOT))
        continue;

      if (incident == NULL)
        g_ptr_array_remove_index (track->slots, i - 1);
      else
        slot_take_incident (slot, incident, status_page);
    }

  for (guint i = 0; i < incidents->len && track->slots->len < VIGIE_MAX_INCIDENTS; i++)
    {
      const VigieIncident *incident = g_ptr_array_index (incidents, i);

      if (incident_key (incident) != NULL && find_slot (track, incident_key (incident), NULL) == NULL)
        g_ptr_array_add (track->slots, slot_new_for_incident (incident, status_page, now));
    }

  if (!in_trouble)
    g_clear_pointer (&track->trouble_since, g_date_time_unref);
  else if (track->trouble_since == NULL)
    track->trouble_since = g_date_time_ref (now);

  {
    guint index;
    Slot *service_slot = find_slot (track, VIGIE_TRACKER_SERVICE_SLOT, &index);

    if (service_slot != NULL && (!in_trouble || has_incident_slots (track)))
      g_ptr_array_remove_index (track->slots, index);
    else if (service_slot == NULL && in_trouble && !has_incident_slots (track))
      g_ptr_array_add (track->slots, slot_new_for_service (snapshot, status_page,
                                                           track->trouble_since));
  }

  track->severity = severity;
}

static void
mark_seen (Track     *track,
           GDateTime *now)
{
  g_date_set_dmy (&track->seen_on, g_date_time_get_day_of_month (now),
                  g_date_time_get_month (now), g_date_time_get_year (now));
}

/**
 * vigie_tracker_observe:
 * @service_id: the service
 * @service_name: its display name, copied into events
 * @status_page: (nullable): link for events that have no incident link
 * @severity: the service's state now (as vigie_service_get_severity())
 * @snapshot: (nullable): its last snapshot
 * @now: the time of this observation
 *
 * Returns: (transfer full) (element-type VigieEvent): what to tell the
 *   user, closings first, then updates, then openings, then maintenances;
 *   often empty
 */
GPtrArray *
vigie_tracker_observe (VigieTracker  *self,
                       const char    *service_id,
                       const char    *service_name,
                       const char    *status_page,
                       VigieSeverity  severity,
                       VigieSnapshot *snapshot,
                       GDateTime     *now)
{
  g_autoptr(GPtrArray) events = g_ptr_array_new_with_free_func ((GDestroyNotify) vigie_event_free);
  GPtrArray *incidents;
  GPtrArray *resolved;
  Track *track;
  VigieSeverity previous;
  gboolean in_trouble;
  gboolean severity_changed;
  gboolean closed_any = FALSE;

  g_return_val_if_fail (VIGIE_IS_TRACKER (self), NULL);
  g_return_val_if_fail (service_id != NULL, NULL);
  g_return_val_if_fail (now != NULL, NULL);

  /* Rule 2: unknown says nothing, in either direction. */
  if (severity == VIGIE_SEVERITY_UNKNOWN || snapshot == NULL)
    return g_steal_pointer (&events);

  track = g_hash_table_lookup (self->tracks, service_id);
  if (track == NULL)
    {
      track = track_new ();
      g_hash_table_insert (self->tracks, g_strdup (service_id), track);
    }

  mark_seen (track, now);

  if (!track->seen_this_run)
    {
      track->seen_this_run = TRUE;

      /* a first start ever: the tray shows the state, nothing is told */
      if (!track->restored && !self->restored)
        {
          baseline (track, severity, snapshot, status_page, now);
          observe_maintenances (track, NULL, service_id, service_name, status_page, severity,
                                severity, snapshot, now);
          track->maintenances_known = TRUE;
          return g_steal_pointer (&events);
        }
    }

  if (!track->maintenances_known)
    {
      observe_maintenances (track, NULL, service_id, service_name, status_page, severity,
                            severity, snapshot, now);
      track->maintenances_known = TRUE;
    }

  incidents = vigie_snapshot_get_incidents (snapshot);
  resolved = vigie_snapshot_get_resolved (snapshot);
  previous = track->severity;
  in_trouble = vigie_severity_is_trouble (severity);
  severity_changed = severity != previous;

  /* Incidents that left the feed: closed. */
  for (guint i = track->slots->len; i > 0; i--)
    {
      Slot *slot = g_ptr_array_index (track->slots, i - 1);
      const VigieIncident *gone;
      VigieEvent *event;

      if (g_str_equal (slot->key, VIGIE_TRACKER_SERVICE_SLOT)
          || find_incident_by_key (incidents, slot->key) != NULL)
        continue;

      event = event_new (VIGIE_EVENT_CLOSED, service_id, service_name, slot, severity, previous);
      gone = find_incident (resolved, slot->key);
      event->ended_at = g_date_time_ref (gone != NULL && gone->updated_at != NULL
                                           ? gone->updated_at : now);
      event->recovered = !in_trouble && incidents->len == 0;
      g_ptr_array_add (events, event);
      g_ptr_array_remove_index (track->slots, i - 1);
      closed_any = TRUE;
    }

  /* Incidents that evolved, or whose service changed state: updated. */
  for (guint i = 0; i < track->slots->len; i++)
    {
      Slot *slot = g_ptr_array_index (track->slots, i);
      const VigieIncident *incident;

      if (g_str_equal (slot->key, VIGIE_TRACKER_SERVICE_SLOT))
        continue;

      incident = find_incident_by_key (incidents, slot->key);
      if (incident == NULL || (!slot_differs (slot, incident) && !severity_changed))
        continue;

      slot_take_incident (slot, incident, status_page);
      g_ptr_array_add (events, event_new (VIGIE_EVENT_UPDATED, service_id, service_name, slot,
                                          severity, previous));
    }

  /* New incidents: opened. */
  for (guint i = 0; i < incidents->len; i++)
    {
      const VigieIncident *incident = g_ptr_array_index (incidents, i);
      guint service_index;
      Slot *service_slot;
      Slot *slot;
      VigieEvent *event;

      if (incident_key (incident) == NULL || find_slot (track, incident_key (incident), NULL) != NULL
          || track->slots->len >= VIGIE_MAX_INCIDENTS)
        continue;

      slot = slot_new_for_incident (incident, status_page, now);
      event = event_new (VIGIE_EVENT_OPENED, service_id, service_name, slot, severity, previous);

      /* The service's own trouble now has a name: its notification is
       * taken over instead of a second one appearing. */
      service_slot = find_slot (track, VIGIE_TRACKER_SERVICE_SLOT, &service_index);
      if (service_slot != NULL)
        {
          event->replaces_slot = g_strdup (VIGIE_TRACKER_SERVICE_SLOT);
          g_ptr_array_remove_index (track->slots, service_index);
        }

      g_ptr_array_add (track->slots, slot);
      g_ptr_array_add (events, event);
    }

  /* The service's own slot, for trouble no incident explains. */
  {
    guint service_index;
    Slot *service_slot = find_slot (track, VIGIE_TRACKER_SERVICE_SLOT, &service_index);

    if (in_trouble && track->trouble_since == NULL)
      track->trouble_since = g_date_time_ref (now);

    if (in_trouble && !has_incident_slots (track))
      {
        if (service_slot == NULL)
          {
            service_slot = slot_new_for_service (snapshot, status_page, track->trouble_since);
            g_ptr_array_add (track->slots, service_slot);
            /* Just told that an incident ended: the recovery notice will
             * come when the service is back, not a new alarm now. */
            if (!closed_any)
              g_ptr_array_add (events, event_new (VIGIE_EVENT_OPENED, service_id, service_name,
                                                  service_slot, severity, previous));
          }
        else if (severity_changed)
          {
            g_free (service_slot->detail);
            service_slot->detail = g_strdup (vigie_snapshot_get_summary (snapshot));
            service_slot->incident_severity = severity;
            g_ptr_array_add (events, event_new (VIGIE_EVENT_UPDATED, service_id, service_name,
                                                service_slot, severity, previous));
          }
      }
    else if (!in_trouble && service_slot != NULL)
      {
        VigieEvent *event = event_new (VIGIE_EVENT_CLOSED, service_id, service_name, service_slot,
                                       severity, previous);

        event->ended_at = g_date_time_ref (now);
        event->recovered = TRUE;
        g_ptr_array_add (events, event);
        g_ptr_array_remove_index (track->slots, service_index);
      }
  }

  if (!in_trouble)
    g_clear_pointer (&track->trouble_since, g_date_time_unref);

  observe_maintenances (track, events, service_id, service_name, status_page, severity, previous,
                        snapshot, now);

  track->severity = severity;
  return g_steal_pointer (&events);
}

/**
 * vigie_tracker_get_n_open:
 *
 * Returns: how many notification slots are open for the service
 */
guint
vigie_tracker_get_n_open (VigieTracker *self,
                          const char   *service_id)
{
  Track *track;

  g_return_val_if_fail (VIGIE_IS_TRACKER (self), 0);

  track = g_hash_table_lookup (self->tracks, service_id);
  return track != NULL ? track->slots->len : 0;
}

static const char *
stage_to_string (Stage stage)
{
  return stage == STAGE_STARTED ? "started" : "scheduled";
}

/**
 * vigie_tracker_save_to:
 * @builder: a builder inside an object, where the tracker adds its members
 *
 * Adds the tracker's state to a larger document (the alert engine's).
 */
void
vigie_tracker_save_to (VigieTracker *self,
                       JsonBuilder  *builder)
{
  g_autoptr(GList) ids = NULL;

  g_return_if_fail (VIGIE_IS_TRACKER (self));

  json_builder_set_member_name (builder, "services");
  json_builder_begin_object (builder);

  ids = g_list_sort (g_hash_table_get_keys (self->tracks), (GCompareFunc) g_strcmp0);
  for (GList *l = ids; l != NULL; l = l->next)
    {
      Track *track = g_hash_table_lookup (self->tracks, l->data);
      g_autoptr(GList) keys = NULL;

      json_builder_set_member_name (builder, l->data);
      json_builder_begin_object (builder);
      vigie_json_add_string (builder, "severity", vigie_severity_to_string (track->severity));
      vigie_json_add_time (builder, "trouble_since", track->trouble_since);
      if (g_date_valid (&track->seen_on))
        {
          char day[16];

          g_date_strftime (day, sizeof day, "%Y-%m-%d", &track->seen_on);
          vigie_json_add_string (builder, "seen_on", day);
        }
      json_builder_set_member_name (builder, "slots");
      json_builder_begin_array (builder);
      for (guint i = 0; i < track->slots->len; i++)
        {
          Slot *slot = g_ptr_array_index (track->slots, i);

          json_builder_begin_object (builder);
          vigie_json_add_string (builder, "key", slot->key);
          vigie_json_add_string (builder, "title", slot->title);
          vigie_json_add_string (builder, "status", slot->status);
          vigie_json_add_string (builder, "detail", slot->detail);
          vigie_json_add_string (builder, "url", slot->url);
          vigie_json_add_string (builder, "severity",
                             vigie_severity_to_string (slot->incident_severity));
          vigie_json_add_time (builder, "started_at", slot->started_at);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);

      if (track->maintenances_known)
        {
          json_builder_set_member_name (builder, "maintenances");
          json_builder_begin_object (builder);
          keys = track->maintenances != NULL
                   ? g_list_sort (g_hash_table_get_keys (track->maintenances),
                                  (GCompareFunc) g_strcmp0)
                   : NULL;
          for (GList *k = keys; k != NULL; k = k->next)
            vigie_json_add_string (builder, k->data,
                               stage_to_string (GPOINTER_TO_INT (
                                 g_hash_table_lookup (track->maintenances, k->data))));
          json_builder_end_object (builder);
        }
      json_builder_end_object (builder);
    }

  json_builder_end_object (builder);
}

/**
 * vigie_tracker_save:
 *
 * Returns: (transfer full): the state as a JSON document, to be written
 *   atomically by the caller
 */
GBytes *
vigie_tracker_save (VigieTracker *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  g_return_val_if_fail (VIGIE_IS_TRACKER (self), NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "version");
  json_builder_add_int_value (builder, STATE_VERSION);
  vigie_tracker_save_to (self, builder);
  json_builder_end_object (builder);

  return vigie_json_builder_to_bytes (builder);
}

static VigieSeverity
severity_member (JsonObject    *object,
                 VigieSeverity  fallback)
{
  VigieSeverity severity;

  if (!vigie_severity_from_string (vigie_json_get_string (object, "severity"), &severity))
    return fallback;

  return severity;
}

/* Saved text is read back as feed text is: it may have been edited */
static char *
dup_clean_member (JsonObject *object,
                  const char *member,
                  gsize       max_chars)
{
  return vigie_text_clean (vigie_json_get_string (object, member), max_chars);
}

static Slot *
slot_from_object (JsonObject *object)
{
  Slot *slot;

  if (object == NULL || vigie_json_get_string (object, "key") == NULL)
    return NULL;

  slot = g_new0 (Slot, 1);
  /* the service's own slot has an empty key, which cleaning would drop */
  slot->key = g_str_equal (vigie_json_get_string (object, "key"), VIGIE_TRACKER_SERVICE_SLOT)
                ? g_strdup (VIGIE_TRACKER_SERVICE_SLOT)
                : dup_clean_member (object, "key", VIGIE_MAX_TITLE_CHARS);
  slot->title = dup_clean_member (object, "title", VIGIE_MAX_TITLE_CHARS);
  vigie_text_flatten (slot->title);
  slot->status = dup_clean_member (object, "status", VIGIE_MAX_NAME_CHARS);
  slot->detail = dup_clean_member (object, "detail", VIGIE_MAX_UPDATE_CHARS);
  slot->url = vigie_link_sanitize (vigie_json_get_string (object, "url"));
  slot->incident_severity = severity_member (object, VIGIE_SEVERITY_UNKNOWN);
  slot->started_at = vigie_json_get_time (object, "started_at");

  return slot;
}

static Track *
track_from_object (JsonObject *object)
{
  JsonArray *slots = vigie_json_get_array (object, "slots");
  JsonObject *maintenances = vigie_json_get_object (object, "maintenances");
  const char *seen_on = vigie_json_get_string (object, "seen_on");
  Track *track = track_new ();

  track->restored = TRUE;
  track->severity = severity_member (object, VIGIE_SEVERITY_OPERATIONAL);
  if (track->severity == VIGIE_SEVERITY_UNKNOWN)
    track->severity = VIGIE_SEVERITY_OPERATIONAL;
  track->trouble_since = vigie_json_get_time (object, "trouble_since");
  if (seen_on != NULL)
    g_date_set_parse (&track->seen_on, seen_on);

  for (guint i = 0; slots != NULL && i < json_array_get_length (slots)
                    && track->slots->len < VIGIE_MAX_INCIDENTS; i++)
    {
      Slot *slot = slot_from_object (vigie_json_array_get_object (slots, i));

      if (slot != NULL && slot->key != NULL && find_slot (track, slot->key, NULL) == NULL)
        g_ptr_array_add (track->slots, slot);
      else if (slot != NULL)
        slot_free (slot);
    }

  if (maintenances != NULL)
    {
      JsonObjectIter iter;
      const char *key;
      JsonNode *node;

      track->maintenances_known = TRUE;
      track->maintenances = new_maintenances ();
      json_object_iter_init (&iter, maintenances);
      while (json_object_iter_next (&iter, &key, &node)
             && g_hash_table_size (track->maintenances) < VIGIE_MAX_INCIDENTS)
        {
          const char *stage = JSON_NODE_HOLDS_VALUE (node)
                                && json_node_get_value_type (node) == G_TYPE_STRING
                                ? json_node_get_string (node) : NULL;
          g_autofree char *clean_key = vigie_text_clean (key, VIGIE_MAX_TITLE_CHARS);

          if (clean_key != NULL && stage != NULL)
            g_hash_table_insert (track->maintenances, g_steal_pointer (&clean_key),
                                 GINT_TO_POINTER (g_str_equal (stage, "started")
                                                    ? STAGE_STARTED : STAGE_SCHEDULED));
        }
    }

  return track;
}

/* Whether a service last observed on @seen_on is too long gone to keep */
static gboolean
is_forgotten (const GDate *seen_on,
              GDateTime   *now)
{
  GDate today;

  if (now == NULL || !g_date_valid (seen_on))
    return FALSE;

  g_date_clear (&today, 1);
  g_date_set_dmy (&today, g_date_time_get_day_of_month (now), g_date_time_get_month (now),
                  g_date_time_get_year (now));
  return g_date_days_between (seen_on, &today) > RETENTION_DAYS;
}

/**
 * vigie_tracker_load_from:
 * @services: the "services" object of a saved state
 * @now: (nullable): the current time; services not observed for a month
 *   before it are forgotten
 *
 * Restores what vigie_tracker_save_to() wrote, within bounds and with its
 * text cleaned as feed text.  Afterwards the tracker is no longer at a
 * first start: services are compared with their saved state.
 */
void
vigie_tracker_load_from (VigieTracker *self,
                         JsonObject   *services,
                         GDateTime    *now)
{
  JsonObjectIter iter;
  const char *id;
  JsonNode *node;

  g_return_if_fail (VIGIE_IS_TRACKER (self));

  g_hash_table_remove_all (self->tracks);
  self->restored = TRUE;

  if (services == NULL)
    return;

  json_object_iter_init (&iter, services);
  while (json_object_iter_next (&iter, &id, &node)
         && g_hash_table_size (self->tracks) < VIGIE_MAX_SERVICES)
    {
      JsonObject *object = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
      g_autofree char *clean_id = vigie_text_clean (id, VIGIE_MAX_NAME_CHARS);
      Track *track;

      if (object == NULL || clean_id == NULL || g_strcmp0 (clean_id, id) != 0)
        continue;

      track = track_from_object (object);
      if (is_forgotten (&track->seen_on, now))
        track_free (track);
      else
        g_hash_table_insert (self->tracks, g_steal_pointer (&clean_id), track);
    }
}

/**
 * vigie_tracker_load:
 * @state: a document written by vigie_tracker_save()
 *
 * Restores slots from an earlier run.  A damaged document loads nothing
 * and returns an error; the tracker then starts afresh, which costs at
 * most a silent baseline.
 *
 * Returns: %TRUE on success
 */
gboolean
vigie_tracker_load (VigieTracker  *self,
                    GBytes        *state,
                    GError       **error)
{
  g_autoptr(JsonNode) root = NULL;
  JsonObject *services;

  g_return_val_if_fail (VIGIE_IS_TRACKER (self), FALSE);
  g_return_val_if_fail (state != NULL, FALSE);

  root = vigie_json_load_bounded (state, error);
  if (root == NULL)
    return FALSE;

  services = JSON_NODE_HOLDS_OBJECT (root)
               ? vigie_json_get_object (json_node_get_object (root), "services")
               : NULL;
  if (services == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "not a Vigie state file");
      return FALSE;
    }

  vigie_tracker_load_from (self, services, NULL);
  return TRUE;
}
