/* vigie-snapshot.c: the parsed state of one feed at one moment
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vigie-snapshot"

#include "config.h"

#include "vigie-limits.h"
#include "vigie-snapshot.h"
#include "vigie-text.h"

struct _VigieSnapshot
{
  GObject parent_instance;

  char *format;
  VigieSeverity severity;
  char *summary;
  char *reason;
  char *page_url;
  char *page_name;
  GPtrArray *components;
  GPtrArray *incidents;
  GPtrArray *maintenances;
  GPtrArray *resolved;
};

G_DEFINE_FINAL_TYPE (VigieSnapshot, vigie_snapshot, G_TYPE_OBJECT)

VigieComponent *
vigie_component_new (const char    *name,
                     const char    *group,
                     VigieSeverity  severity)
{
  VigieComponent *component = g_new0 (VigieComponent, 1);

  component->name = g_strdup (name);
  component->group = g_strdup (group);
  vigie_text_flatten (component->name);
  vigie_text_flatten (component->group);
  component->severity = severity;

  return component;
}

void
vigie_component_free (VigieComponent *component)
{
  if (component == NULL)
    return;

  g_free (component->name);
  g_free (component->group);
  g_free (component);
}

VigieIncident *
vigie_incident_new (void)
{
  VigieIncident *incident = g_new0 (VigieIncident, 1);

  incident->severity = VIGIE_SEVERITY_UNKNOWN;
  incident->components = g_ptr_array_new_with_free_func (g_free);

  return incident;
}

void
vigie_incident_free (VigieIncident *incident)
{
  if (incident == NULL)
    return;

  g_free (incident->id);
  g_free (incident->title);
  g_free (incident->status);
  g_free (incident->url);
  g_free (incident->latest_update);
  g_clear_pointer (&incident->started_at, g_date_time_unref);
  g_clear_pointer (&incident->updated_at, g_date_time_unref);
  g_clear_pointer (&incident->scheduled_for, g_date_time_unref);
  g_clear_pointer (&incident->scheduled_until, g_date_time_unref);
  g_clear_pointer (&incident->components, g_ptr_array_unref);
  g_free (incident);
}

/* Titles, ids and statuses are one line wherever they are shown. */
static void
flatten_incident (VigieIncident *incident)
{
  vigie_text_flatten (incident->id);
  vigie_text_flatten (incident->title);
  vigie_text_flatten (incident->status);
  for (guint i = 0; incident->components != NULL && i < incident->components->len; i++)
    vigie_text_flatten (g_ptr_array_index (incident->components, i));
}

static void
vigie_snapshot_finalize (GObject *object)
{
  VigieSnapshot *self = (VigieSnapshot *) object;

  g_clear_pointer (&self->format, g_free);
  g_clear_pointer (&self->summary, g_free);
  g_clear_pointer (&self->reason, g_free);
  g_clear_pointer (&self->page_url, g_free);
  g_clear_pointer (&self->page_name, g_free);
  g_clear_pointer (&self->components, g_ptr_array_unref);
  g_clear_pointer (&self->incidents, g_ptr_array_unref);
  g_clear_pointer (&self->maintenances, g_ptr_array_unref);
  g_clear_pointer (&self->resolved, g_ptr_array_unref);

  G_OBJECT_CLASS (vigie_snapshot_parent_class)->finalize (object);
}

static void
vigie_snapshot_class_init (VigieSnapshotClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = vigie_snapshot_finalize;
}

static void
vigie_snapshot_init (VigieSnapshot *self)
{
  self->severity = VIGIE_SEVERITY_UNKNOWN;
  self->components = g_ptr_array_new_with_free_func ((GDestroyNotify) vigie_component_free);
  self->incidents = g_ptr_array_new_with_free_func ((GDestroyNotify) vigie_incident_free);
  self->maintenances = g_ptr_array_new_with_free_func ((GDestroyNotify) vigie_incident_free);
  self->resolved = g_ptr_array_new_with_free_func ((GDestroyNotify) vigie_incident_free);
}

VigieSnapshot *
vigie_snapshot_new (const char *format)
{
  VigieSnapshot *self = g_object_new (VIGIE_TYPE_SNAPSHOT, NULL);

  self->format = g_strdup (format);

  return self;
}

const char *
vigie_snapshot_get_format (VigieSnapshot *self)
{
  g_return_val_if_fail (VIGIE_IS_SNAPSHOT (self), NULL);

  return self->format;
}

VigieSeverity
vigie_snapshot_get_severity (VigieSnapshot *self)
{
  g_return_val_if_fail (VIGIE_IS_SNAPSHOT (self), VIGIE_SEVERITY_UNKNOWN);

  return self->severity;
}

/**
 * vigie_snapshot_get_summary:
 *
 * Returns: (nullable): the feed's own one-line description of the state
 */
const char *
vigie_snapshot_get_summary (VigieSnapshot *self)
{
  g_return_val_if_fail (VIGIE_IS_SNAPSHOT (self), NULL);

  return self->summary;
}

/**
 * vigie_snapshot_get_reason:
 *
 * Returns: (nullable): when the severity is unknown, a short English reason
 *   such as `unknown indicator "broken"`
 */
const char *
vigie_snapshot_get_reason (VigieSnapshot *self)
{
  g_return_val_if_fail (VIGIE_IS_SNAPSHOT (self), NULL);

  return self->reason;
}

const char *
vigie_snapshot_get_page_url (VigieSnapshot *self)
{
  g_return_val_if_fail (VIGIE_IS_SNAPSHOT (self), NULL);

  return self->page_url;
}

/**
 * vigie_snapshot_get_page_name:
 *
 * Returns: (nullable): the name the page gives itself, when it does
 */
const char *
vigie_snapshot_get_page_name (VigieSnapshot *self)
{
  g_return_val_if_fail (VIGIE_IS_SNAPSHOT (self), NULL);

  return self->page_name;
}

/**
 * vigie_snapshot_get_components:
 *
 * Returns: (transfer none) (element-type VigieComponent): the components
 */
GPtrArray *
vigie_snapshot_get_components (VigieSnapshot *self)
{
  g_return_val_if_fail (VIGIE_IS_SNAPSHOT (self), NULL);

  return self->components;
}

/**
 * vigie_snapshot_get_incidents:
 *
 * Returns: (transfer none) (element-type VigieIncident): the unresolved incidents
 */
GPtrArray *
vigie_snapshot_get_incidents (VigieSnapshot *self)
{
  g_return_val_if_fail (VIGIE_IS_SNAPSHOT (self), NULL);

  return self->incidents;
}

/**
 * vigie_snapshot_get_maintenances:
 *
 * Returns: (transfer none) (element-type VigieIncident): maintenances in
 *   progress or announced
 */
GPtrArray *
vigie_snapshot_get_maintenances (VigieSnapshot *self)
{
  g_return_val_if_fail (VIGIE_IS_SNAPSHOT (self), NULL);

  return self->maintenances;
}

/**
 * vigie_snapshot_get_resolved:
 *
 * Feeds that still list recently resolved incidents tell when they ended;
 * that time, not the time Vigie noticed, measures an outage.
 *
 * Returns: (transfer none) (element-type VigieIncident): incidents the feed
 *   lists as resolved
 */
GPtrArray *
vigie_snapshot_get_resolved (VigieSnapshot *self)
{
  g_return_val_if_fail (VIGIE_IS_SNAPSHOT (self), NULL);

  return self->resolved;
}

const VigieIncident *
vigie_snapshot_find_incident (VigieSnapshot *self,
                              const char    *id)
{
  g_return_val_if_fail (VIGIE_IS_SNAPSHOT (self), NULL);

  if (id == NULL)
    return NULL;

  for (guint i = 0; i < self->incidents->len; i++)
    {
      const VigieIncident *incident = g_ptr_array_index (self->incidents, i);

      if (g_strcmp0 (incident->id, id) == 0)
        return incident;
    }

  return NULL;
}

/**
 * vigie_snapshot_get_worst_incident_severity:
 *
 * Returns: the worst severity among unresolved incidents, operational if none
 */
VigieSeverity
vigie_snapshot_get_worst_incident_severity (VigieSnapshot *self)
{
  VigieSeverity worst = VIGIE_SEVERITY_OPERATIONAL;

  g_return_val_if_fail (VIGIE_IS_SNAPSHOT (self), VIGIE_SEVERITY_UNKNOWN);

  for (guint i = 0; i < self->incidents->len; i++)
    {
      const VigieIncident *incident = g_ptr_array_index (self->incidents, i);

      worst = vigie_severity_worst (worst, incident->severity);
    }

  return worst;
}

void
vigie_snapshot_set_format (VigieSnapshot *self,
                           const char    *format)
{
  g_return_if_fail (VIGIE_IS_SNAPSHOT (self));

  g_free (self->format);
  self->format = g_strdup (format);
}

void
vigie_snapshot_set_severity (VigieSnapshot *self,
                             VigieSeverity  severity)
{
  g_return_if_fail (VIGIE_IS_SNAPSHOT (self));
  g_return_if_fail ((guint) severity < VIGIE_SEVERITY_N_LEVELS);

  self->severity = severity;
}

void
vigie_snapshot_set_summary (VigieSnapshot *self,
                            const char    *summary)
{
  g_return_if_fail (VIGIE_IS_SNAPSHOT (self));

  g_free (self->summary);
  self->summary = g_strdup (summary);
  vigie_text_flatten (self->summary);
}

void
vigie_snapshot_set_reason (VigieSnapshot *self,
                           const char    *reason)
{
  g_return_if_fail (VIGIE_IS_SNAPSHOT (self));

  g_free (self->reason);
  self->reason = g_strdup (reason);
}

void
vigie_snapshot_set_page_url (VigieSnapshot *self,
                             const char    *url)
{
  g_return_if_fail (VIGIE_IS_SNAPSHOT (self));

  g_free (self->page_url);
  self->page_url = g_strdup (url);
}

void
vigie_snapshot_set_page_name (VigieSnapshot *self,
                              const char    *name)
{
  g_return_if_fail (VIGIE_IS_SNAPSHOT (self));

  g_free (self->page_name);
  self->page_name = g_strdup (name);
  vigie_text_flatten (self->page_name);
}

/* The adders take ownership; past the limits a feed is truncated rather than
 * allowed to grow without bound.  They return %FALSE when the item was dropped. */
gboolean
vigie_snapshot_add_component (VigieSnapshot  *self,
                              VigieComponent *component)
{
  g_return_val_if_fail (VIGIE_IS_SNAPSHOT (self), FALSE);
  g_return_val_if_fail (component != NULL, FALSE);

  if (self->components->len >= VIGIE_MAX_COMPONENTS)
    {
      vigie_component_free (component);
      return FALSE;
    }

  g_ptr_array_add (self->components, component);
  return TRUE;
}

gboolean
vigie_snapshot_add_incident (VigieSnapshot *self,
                             VigieIncident *incident)
{
  g_return_val_if_fail (VIGIE_IS_SNAPSHOT (self), FALSE);
  g_return_val_if_fail (incident != NULL, FALSE);

  if (self->incidents->len >= VIGIE_MAX_INCIDENTS)
    {
      vigie_incident_free (incident);
      return FALSE;
    }

  flatten_incident (incident);
  g_ptr_array_add (self->incidents, incident);
  return TRUE;
}

gboolean
vigie_snapshot_add_maintenance (VigieSnapshot *self,
                                VigieIncident *maintenance)
{
  g_return_val_if_fail (VIGIE_IS_SNAPSHOT (self), FALSE);
  g_return_val_if_fail (maintenance != NULL, FALSE);

  if (self->maintenances->len >= VIGIE_MAX_INCIDENTS)
    {
      vigie_incident_free (maintenance);
      return FALSE;
    }

  flatten_incident (maintenance);
  g_ptr_array_add (self->maintenances, maintenance);
  return TRUE;
}

gboolean
vigie_snapshot_add_resolved (VigieSnapshot *self,
                             VigieIncident *incident)
{
  g_return_val_if_fail (VIGIE_IS_SNAPSHOT (self), FALSE);
  g_return_val_if_fail (incident != NULL, FALSE);

  if (self->resolved->len >= VIGIE_MAX_INCIDENTS)
    {
      vigie_incident_free (incident);
      return FALSE;
    }

  flatten_incident (incident);
  g_ptr_array_add (self->resolved, incident);
  return TRUE;
}
