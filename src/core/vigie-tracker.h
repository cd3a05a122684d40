/* vigie-tracker.h: what deserves a notification, as pure rules
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "vigie-snapshot.h"

G_BEGIN_DECLS

/* The slot of a service's own trouble, when no incident explains it */
#define VIGIE_TRACKER_SERVICE_SLOT ""

/* Maintenance slots are the maintenance's key behind this prefix, so that
 * they never share a notification with an incident */
#define VIGIE_TRACKER_MAINTENANCE_SLOT_PREFIX "maintenance:"

typedef enum
{
  VIGIE_EVENT_OPENED,
  VIGIE_EVENT_UPDATED,
  VIGIE_EVENT_CLOSED,
  VIGIE_EVENT_MAINTENANCE_SCHEDULED,
  VIGIE_EVENT_MAINTENANCE_STARTED,
} VigieEventKind;

/**
 * VigieEvent:
 * @slot: what one notification is about: an incident id, or
 *   %VIGIE_TRACKER_SERVICE_SLOT for the service as a whole
 * @replaces_slot: (nullable): for %VIGIE_EVENT_OPENED, a slot whose
 *   notification this one takes over (the service's own trouble turned out
 *   to be an incident)
 * @severity: the service's state now
 * @title: (nullable): the incident's title
 * @detail: (nullable): its latest update
 * @url: (nullable): where to read more: the incident, else the status page
 * @started_at: (nullable): when the trouble began; for a maintenance, when
 *   it starts (or started)
 * @ended_at: (nullable): for %VIGIE_EVENT_CLOSED, when it ended; for a
 *   maintenance, when it is planned to end
 * @recovered: for %VIGIE_EVENT_CLOSED, whether the service is back to normal
 *   (else only this incident ended)
 *
 * %VIGIE_EVENT_MAINTENANCE_SCHEDULED says that a maintenance was announced,
 * %VIGIE_EVENT_MAINTENANCE_STARTED that one began (announced or not); a
 * maintenance's end is not an event.  Their @slot starts with
 * %VIGIE_TRACKER_MAINTENANCE_SLOT_PREFIX and their @incident_severity is
 * %VIGIE_SEVERITY_MAINTENANCE.  Whether they are shown is the policy's
 * business (see vigie_policy_route()).
 */
typedef struct
{
  VigieEventKind kind;
  char *service_id;
  char *service_name;
  char *slot;
  char *replaces_slot;
  VigieSeverity severity;
  VigieSeverity previous_severity;
  VigieSeverity incident_severity;
  char *title;
  char *status;
  char *detail;
  char *url;
  GDateTime *started_at;
  GDateTime *ended_at;
  gboolean recovered;
} VigieEvent;

void vigie_event_free (VigieEvent *event);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (VigieEvent, vigie_event_free)

#define VIGIE_TYPE_TRACKER (vigie_tracker_get_type ())
G_DECLARE_FINAL_TYPE (VigieTracker, vigie_tracker, VIGIE, TRACKER, GObject)

VigieTracker *vigie_tracker_new          (void);
gboolean      vigie_tracker_load         (VigieTracker  *self,
                                          GBytes        *state,
                                          GError       **error);
GBytes       *vigie_tracker_save         (VigieTracker  *self);
void          vigie_tracker_save_to      (VigieTracker  *self,
                                          JsonBuilder   *builder);
void          vigie_tracker_load_from    (VigieTracker  *self,
                                          JsonObject    *services,
                                          GDateTime     *now);
GPtrArray    *vigie_tracker_observe      (VigieTracker  *self,
                                          const char    *service_id,
                                          const char    *service_name,
                                          const char    *status_page,
                                          VigieSeverity  severity,
                                          VigieSnapshot *snapshot,
                                          GDateTime     *now);
guint         vigie_tracker_get_n_open   (VigieTracker  *self,
                                          const char    *service_id);

G_END_DECLS
