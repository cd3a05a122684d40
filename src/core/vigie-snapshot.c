/* vigie-snapshot.c: the parsed state of one feed at one moment
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vigie-snapshot"

#include "config.h"

#include <string.h>

#include "vigie-limits.h"
#include "vigie-snapshot-private.h"
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
  /* one block for the struct and its strings: a page lists dozens of
   * components, a catalog's services hundreds in all */
  gsize name_size = name != NULL ? strlen (name) + 1 : 0;
  gsize group_size = group != NULL ? strlen (group) + 1 : 0;
  VigieComponent *component = g_malloc0 (sizeof (VigieComponent) + name_size + group_size);
  char *strings = (char *) (component + 1);

  if (name != NULL)
    component->name = memcpy (strings, name, name_size);
  if (group != NULL)
    component->group = memcpy (strings + name_size, group, group_size);
  vigie_text_flatten (component->name);
  vigie_text_flatten (component->group);
  component->severity = severity;

  return component;
}

/**
 * vigie_component_copy:
 *
 * Returns: (transfer full): a copy of @component
 */
VigieComponent *
vigie_component_copy (const VigieComponent *component)
{
  g_return_val_if_fail (component != NULL, NULL);

  return vigie_component_new (component->name, component->group, component->severity);
}

void
vigie_component_free (VigieComponent *component)
{
  if (component == NULL)
    return;

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

static GDateTime *
ref_or_null (GDateTime *time)
{
  return time != NULL ? g_date_time_ref (time) : NULL;
}

/**
 * vigie_incident_copy:
 *
 * Returns: (transfer full): a deep copy of @incident
 */
VigieIncident *
vigie_incident_copy (const VigieIncident *incident)
{
  VigieIncident *copy;

  g_return_val_if_fail (incident != NULL, NULL);

  copy = vigie_incident_new ();
  copy->id = g_strdup (incident->id);
  copy->title = g_strdup (incident->title);
  copy->status = g_strdup (incident->status);
  copy->severity = incident->severity;
  copy->url = g_strdup (incident->url);
  copy->started_at = ref_or_null (incident->started_at);
  copy->updated_at = ref_or_null (incident->updated_at);
  copy->latest_update = g_strdup (incident->latest_update);
  copy->scheduled_for = ref_or_null (incident->scheduled_for);
  copy->scheduled_until = ref_or_null (incident->scheduled_until);
  for (guint i = 0; incident->components != NULL && i < incident->components->len; i++)
    g_ptr_array_add (copy->components, g_strdup (g_ptr_array_index (incident->components, i)));

  return copy;
}

/**
 * vigie_incident_is_running:
 * @maintenance: a maintenance window
 * @now: the time to judge by
 *
 * Feeds spell a running window "in_progress" or "verifying"; a window whose
 * start has passed (and whose end, if known, has not) is running too,
 * whatever its status still says.
 *
 * Returns: whether the maintenance's work is going on at @now
 */
gboolean
vigie_incident_is_running (const VigieIncident *maintenance,
                           GDateTime           *now)
{
  g_return_val_if_fail (maintenance != NULL, FALSE);
  g_return_val_if_fail (now != NULL, FALSE);

  if (g_strcmp0 (maintenance->status, "in_progress") == 0
      || g_strcmp0 (maintenance->status, "verifying") == 0)
    return TRUE;

  return maintenance->scheduled_for != NULL
         && g_date_time_compare (maintenance->scheduled_for, now) <= 0
         && (maintenance->scheduled_until == NULL
             || g_date_time_compare (now, maintenance->scheduled_until) < 0);
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

/* ---------------------------------------------------------------------- */
/* Component filters                                                        */

/* Names are compared without case and whatever their Unicode form, so
 * that "gmail" picks "Gmail". */
static char *
name_key (const char *name)
{
  g_autofree char *normalized = NULL;

  if (name == NULL)
    return NULL;

  normalized = g_utf8_normalize (name, -1, G_NORMALIZE_DEFAULT);
  return normalized != NULL ? g_utf8_casefold (normalized, -1) : NULL;
}

static gboolean
set_contains_name (GHashTable *set,
                   const char *name)
{
  g_autofree char *key = name_key (name);

  return key != NULL && g_hash_table_contains (set, key);
}

/* An incident is about no component in particular (page-wide), or about
 * one of the chosen ones */
static gboolean
incident_is_kept (const VigieIncident *incident,
                  GHashTable          *selected)
{
  if (incident->components == NULL || incident->components->len == 0)
    return TRUE;

  for (guint i = 0; i < incident->components->len; i++)
    if (set_contains_name (selected, g_ptr_array_index (incident->components, i)))
      return TRUE;

  return FALSE;
}

/* The words of every format for a window that has begun and not ended */
static gboolean
maintenance_is_under_way (const VigieIncident *maintenance,
                          GDateTime           *now)
{
  if (g_strcmp0 (maintenance->status, "in_progress") == 0
      || g_strcmp0 (maintenance->status, "verifying") == 0)
    return TRUE;

  if (g_strcmp0 (maintenance->status, "completed") == 0
      || g_strcmp0 (maintenance->status, "cancelled") == 0
      || g_strcmp0 (maintenance->status, "resolved") == 0)
    return FALSE;

  return maintenance->scheduled_for != NULL
         && g_date_time_compare (maintenance->scheduled_for, now) <= 0
         && (maintenance->scheduled_until == NULL
             || g_date_time_compare (now, maintenance->scheduled_until) < 0);
}

static void
copy_kept (GPtrArray  *from,
           GHashTable *selected,
           gboolean  (*add) (VigieSnapshot *, VigieIncident *),
           VigieSnapshot *to)
{
  for (guint i = 0; i < from->len; i++)
    {
      const VigieIncident *incident = g_ptr_array_index (from, i);

      if (incident_is_kept (incident, selected))
        add (to, vigie_incident_copy (incident));
    }
}

/**
 * vigie_snapshot_filter:
 * @components: (nullable) (array zero-terminated=1): the names of the
 *   components a user chose; %NULL or empty for all of them
 * @components_complete: whether the format of @self lists every component
 *   of its page (vigie_feeds_lists_all_components())
 * @now: (nullable): the time to judge maintenance windows by; %NULL for now
 *
 * Derives the view of @self narrowed to some components; @self itself does
 * not change.  A chosen name picks the components of that name and the
 * members of a group of that name, without regard to case.
 *
 * The view keeps those components, and the incidents, maintenances and
 * resolved incidents that name no component (page-wide) or name a chosen
 * one; an incident that names only other components is left out.  Its
 * severity is the worst of the kept components and incidents (maintenance
 * while a kept window is under way), but never worse than the page's own:
 * narrowing a service can hide trouble, it never invents more than the
 * page reports.
 *
 * A chosen name the snapshot does not hold means two different things.
 * When the format lists every component, the name is not on this page:
 * if none of the chosen names is, the view is unknown with the reason
 * %VIGIE_SNAPSHOT_REASON_COMPONENTS_MISSING, so that a misspelt or renamed
 * component never reads as healthy.  When the format names components
 * only while they are in trouble, an absent one is operational, and the
 * view lists it so; but only if the page itself could be read: an unknown
 * page stays unknown, whatever the chosen names.
 *
 * Returns: (transfer full): the narrowed view, or @self (with a new
 *   reference) when no component is chosen
 */
VigieSnapshot *
vigie_snapshot_filter (VigieSnapshot      *self,
                       const char * const *components,
                       gboolean            components_complete,
                       GDateTime          *now)
{
  g_autoptr(VigieSnapshot) view = NULL;
  g_autoptr(GHashTable) chosen = NULL;     /* key -> the name as chosen */
  g_autoptr(GHashTable) found = NULL;      /* keys of chosen names seen */
  g_autoptr(GHashTable) selected = NULL;   /* keys of the kept components */
  g_autoptr(GDateTime) current_time = NULL;
  const VigieIncident *worst_incident = NULL;
  VigieSeverity page = self->severity;
  VigieSeverity severity = VIGIE_SEVERITY_OPERATIONAL;
  gboolean page_is_readable;

  g_return_val_if_fail (VIGIE_IS_SNAPSHOT (self), NULL);

  chosen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; components != NULL && components[i] != NULL; i++)
    {
      char *key = name_key (components[i]);

      if (key != NULL && *key != '\0')
        g_hash_table_replace (chosen, key, (gpointer) components[i]);
      else
        g_free (key);
    }

  if (g_hash_table_size (chosen) == 0)
    return g_object_ref (self);

  if (now == NULL)
    now = current_time = g_date_time_new_now_utc ();

  view = vigie_snapshot_new (self->format);
  vigie_snapshot_set_page_url (view, self->page_url);
  vigie_snapshot_set_page_name (view, self->page_name);

  found = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  selected = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < self->components->len; i++)
    {
      const VigieComponent *component = g_ptr_array_index (self->components, i);
      g_autofree char *key = name_key (component->name);
      g_autofree char *group_key = name_key (component->group);
      gboolean by_name = key != NULL && g_hash_table_contains (chosen, key);
      gboolean by_group = group_key != NULL && g_hash_table_contains (chosen, group_key);

      if (!by_name && !by_group)
        continue;

      if (by_name)
        g_hash_table_add (found, g_strdup (key));
      if (by_group)
        g_hash_table_add (found, g_strdup (group_key));
      if (key != NULL)
        g_hash_table_add (selected, g_steal_pointer (&key));

      severity = vigie_severity_worst (severity, component->severity);
      vigie_snapshot_add_component (view, vigie_component_copy (component));
    }

  /* incidents name components as the feed does, or as the user chose them */
  {
    GHashTableIter iter;
    gpointer key;

    g_hash_table_iter_init (&iter, chosen);
    while (g_hash_table_iter_next (&iter, &key, NULL))
      g_hash_table_add (selected, g_strdup (key));
  }

  copy_kept (self->incidents, selected, vigie_snapshot_add_incident, view);
  copy_kept (self->maintenances, selected, vigie_snapshot_add_maintenance, view);
  copy_kept (self->resolved, selected, vigie_snapshot_add_resolved, view);

  page_is_readable = page != VIGIE_SEVERITY_UNKNOWN;

  /* Components that only show up in trouble: the chosen ones not in this
   * snapshot are not in trouble, if the page could be read at all. */
  if (!components_complete)
    {
      GHashTableIter iter;
      gpointer key;
      gpointer name;

      g_hash_table_iter_init (&iter, chosen);
      while (g_hash_table_iter_next (&iter, &key, &name))
        if (!g_hash_table_contains (found, key))
          vigie_snapshot_add_component (view, vigie_component_new (name, NULL,
                                                                   page_is_readable
                                                                     ? VIGIE_SEVERITY_OPERATIONAL
                                                                     : VIGIE_SEVERITY_UNKNOWN));
    }

  if (!components_complete && !page_is_readable)
    {
      vigie_snapshot_set_severity (view, VIGIE_SEVERITY_UNKNOWN);
      vigie_snapshot_set_reason (view, self->reason != NULL ? self->reason : "unknown state");
      return g_steal_pointer (&view);
    }

  if (components_complete && g_hash_table_size (found) == 0)
    {
      vigie_snapshot_set_severity (view, VIGIE_SEVERITY_UNKNOWN);
      vigie_snapshot_set_reason (view, VIGIE_SNAPSHOT_REASON_COMPONENTS_MISSING);
      return g_steal_pointer (&view);
    }

  for (guint i = 0; i < view->incidents->len; i++)
    {
      const VigieIncident *incident = g_ptr_array_index (view->incidents, i);

      severity = vigie_severity_worst (severity, incident->severity);
      if (worst_incident == NULL
          || vigie_severity_compare (incident->severity, worst_incident->severity) > 0)
        worst_incident = incident;
    }

  if (severity == VIGIE_SEVERITY_OPERATIONAL)
    for (guint i = 0; i < view->maintenances->len; i++)
      if (maintenance_is_under_way (g_ptr_array_index (view->maintenances, i), now))
        severity = VIGIE_SEVERITY_MAINTENANCE;

  if (page_is_readable && severity != VIGIE_SEVERITY_UNKNOWN
      && vigie_severity_compare (severity, page) > 0)
    severity = page;

  vigie_snapshot_set_severity (view, severity);
  if (severity == VIGIE_SEVERITY_UNKNOWN)
    vigie_snapshot_set_reason (view, self->reason != NULL ? self->reason
                                                          : "unknown component status");

  /* the page's own words describe the whole page: only when the view
   * agrees with it */
  if (worst_incident != NULL)
    vigie_snapshot_set_summary (view, worst_incident->title);
  else if (severity == page)
    vigie_snapshot_set_summary (view, self->summary);

  return g_steal_pointer (&view);
}
