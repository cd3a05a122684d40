/* vigie-snapshot.h: the parsed state of one feed at one moment
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "vigie-severity.h"

G_BEGIN_DECLS

/**
 * VigieComponent:
 * @name: the component's name as the feed gives it (cleaned plain text)
 * @group: the group it belongs to, or %NULL
 * @severity: its state
 *
 * One block with its strings: vigie_component_free() frees them all.
 */
typedef struct
{
  char *name;
  char *group;
  VigieSeverity severity;
} VigieComponent;

/**
 * VigieIncident:
 *
 * An incident or a maintenance window.  Every string is cleaned plain text
 * (valid UTF-8, no control characters, bounded length); @url is either %NULL
 * or a link that is safe to open (https:, or http: on a loopback host).
 */
typedef struct
{
  char *id;
  char *title;
  char *status;             /* the feed's lifecycle word: investigating, monitoring, … */
  VigieSeverity severity;
  char *url;
  GDateTime *started_at;    /* nullable */
  GDateTime *updated_at;    /* nullable */
  char *latest_update;      /* nullable: text of the newest update */
  GDateTime *scheduled_for; /* maintenances only, nullable */
  GDateTime *scheduled_until;
  GPtrArray *components;    /* (element-type utf8): names of affected components */
} VigieIncident;

VigieComponent *vigie_component_new  (const char     *name,
                                      const char     *group,
                                      VigieSeverity   severity);
VigieComponent *vigie_component_copy (const VigieComponent *component);
void            vigie_component_free (VigieComponent *component);

VigieIncident  *vigie_incident_new   (void);
gboolean        vigie_incident_is_running (const VigieIncident *maintenance,
                                           GDateTime           *now);
VigieIncident  *vigie_incident_copy  (const VigieIncident *incident);
void            vigie_incident_free  (VigieIncident  *incident);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (VigieComponent, vigie_component_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (VigieIncident, vigie_incident_free)

#define VIGIE_TYPE_SNAPSHOT (vigie_snapshot_get_type ())
G_DECLARE_FINAL_TYPE (VigieSnapshot, vigie_snapshot, VIGIE, SNAPSHOT, GObject)

const char    *vigie_snapshot_get_format        (VigieSnapshot  *self);
VigieSeverity  vigie_snapshot_get_severity      (VigieSnapshot  *self);
const char    *vigie_snapshot_get_summary       (VigieSnapshot  *self);
const char    *vigie_snapshot_get_reason        (VigieSnapshot  *self);
const char    *vigie_snapshot_get_page_url      (VigieSnapshot  *self);
const char    *vigie_snapshot_get_page_name     (VigieSnapshot  *self);
GPtrArray     *vigie_snapshot_get_components    (VigieSnapshot  *self);
GPtrArray     *vigie_snapshot_get_incidents     (VigieSnapshot  *self);
GPtrArray     *vigie_snapshot_get_maintenances  (VigieSnapshot  *self);
GPtrArray     *vigie_snapshot_get_resolved      (VigieSnapshot  *self);
const VigieIncident *vigie_snapshot_find_incident (VigieSnapshot *self,
                                                   const char    *id);
VigieSeverity  vigie_snapshot_get_worst_incident_severity (VigieSnapshot *self);

/* The reason of a filtered snapshot none of whose chosen components is
 * on its page (for formats that list every component). */
#define VIGIE_SNAPSHOT_REASON_COMPONENTS_MISSING "chosen components not in feed"

VigieSnapshot *vigie_snapshot_filter            (VigieSnapshot      *self,
                                                 const char * const *components,
                                                 gboolean            components_complete,
                                                 GDateTime          *now);

G_END_DECLS
