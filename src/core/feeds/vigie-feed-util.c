/* vigie-feed-util.c: small helpers the feed parsers share
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vigie-feeds"

#include "config.h"

#include <string.h>

#include "vigie-feed-format-private.h"
#include "vigie-limits.h"
#include "vigie-text.h"

/**
 * vigie_value_fold:
 * @value: (nullable): a word of a feed
 *
 * Folds a status word so that its spellings meet: "Service degradation",
 * "service_degradation" and "ServiceDegradation" all become
 * "servicedegradation".
 *
 * Returns: (transfer full) (nullable): @value in lower case without blanks,
 *   "_" or "-", or %NULL when @value is %NULL or longer than any status word
 *   (64 bytes)
 */
char *
vigie_value_fold (const char *value)
{
  GString *key;

  if (value == NULL || strlen (value) > 64)
    return NULL;

  key = g_string_new (NULL);
  for (const char *p = value; *p != '\0'; p++)
    if (!g_ascii_isspace (*p) && *p != '_' && *p != '-')
      g_string_append_c (key, g_ascii_tolower (*p));

  return g_string_free (key, FALSE);
}

/**
 * vigie_value_map_lookup_full:
 * @map: a format's table
 * @n_entries: its length
 * @value: (nullable): the word the feed gives
 * @match: how @value is compared with the table's words
 * @out_severity: (out): the severity, set only when @value is found
 *
 * Returns: %TRUE if @value is in @map
 */
gboolean
vigie_value_map_lookup_full (const VigieValueMap *map,
                             gsize                n_entries,
                             const char          *value,
                             VigieValueMatch      match,
                             VigieSeverity       *out_severity)
{
  g_autofree char *folded = NULL;

  if (match == VIGIE_VALUE_MATCH_FOLDED)
    value = folded = vigie_value_fold (value);

  if (value == NULL)
    return FALSE;

  for (gsize i = 0; i < n_entries; i++)
    {
      gboolean equal = match == VIGIE_VALUE_MATCH_CASELESS
                         ? g_ascii_strcasecmp (map[i].value, value) == 0
                         : g_str_equal (map[i].value, value);

      if (equal)
        {
          *out_severity = map[i].severity;
          return TRUE;
        }
    }

  return FALSE;
}

/**
 * vigie_value_map_lookup:
 *
 * vigie_value_map_lookup_full() for words compared byte for byte.
 *
 * Returns: %TRUE if @value is in @map
 */
gboolean
vigie_value_map_lookup (const VigieValueMap *map,
                        gsize                n_entries,
                        const char          *value,
                        VigieSeverity       *out_severity)
{
  return vigie_value_map_lookup_full (map, n_entries, value, VIGIE_VALUE_MATCH_EXACT,
                                      out_severity);
}

/**
 * vigie_value_map_get:
 *
 * Returns: the severity @value stands for in @map (compared byte for
 *   byte), unknown when it is absent
 */
VigieSeverity
vigie_value_map_get (const VigieValueMap *map,
                     gsize                n_entries,
                     const char          *value)
{
  VigieSeverity severity = VIGIE_SEVERITY_UNKNOWN;

  vigie_value_map_lookup (map, n_entries, value, &severity);
  return severity;
}

/**
 * vigie_feed_shown_value:
 * @value: (nullable): a word of a feed that Vigie could not read
 *
 * Returns: (transfer full): @value cleaned and cut short to quote in a
 *   reason, "" when nothing is left of it
 */
char *
vigie_feed_shown_value (const char *value)
{
  g_autofree char *shown = vigie_text_clean (value, 40);

  return g_strdup (shown != NULL ? shown : "");
}

/**
 * vigie_feed_find_component:
 * @components: (element-type VigieComponent): a snapshot's components
 *
 * Returns: (transfer none) (nullable): the component called @name
 */
VigieComponent *
vigie_feed_find_component (GPtrArray  *components,
                           const char *name)
{
  for (guint i = 0; i < components->len; i++)
    {
      VigieComponent *component = g_ptr_array_index (components, i);

      if (g_str_equal (component->name, name))
        return component;
    }

  return NULL;
}

/**
 * vigie_feed_add_affected_component:
 * @raw_name: (nullable): a component name as the feed gives it
 *
 * Adds @raw_name, cleaned, to the components @incident affects, unless it
 * is empty, already there, or the list is full.
 */
void
vigie_feed_add_affected_component (VigieIncident *incident,
                                   const char    *raw_name)
{
  char *name = vigie_text_clean (raw_name, VIGIE_MAX_NAME_CHARS);

  if (name != NULL && incident->components->len < VIGIE_MAX_COMPONENTS
      && !g_ptr_array_find_with_equal_func (incident->components, name, g_str_equal, NULL))
    g_ptr_array_add (incident->components, name);
  else
    g_free (name);
}

/**
 * vigie_feed_finish_snapshot:
 * @snapshot: the snapshot a parser is building
 * @severity: the state the parser read
 * @maintenance_running: whether a maintenance window is open now
 * @reason: (nullable): the parser's own words for an unknown state
 * @fallback_reason: the words when @severity is unknown and @reason is %NULL
 * @summary: (nullable): the snapshot's summary
 *
 * The rules every format ends with, in one place so that they cannot drift
 * apart: an all-clear during an open maintenance window is maintenance,
 * and an unknown state always says why (never without a reason, which the
 * window and `--check` show).
 */
void
vigie_feed_finish_snapshot (VigieSnapshot *snapshot,
                            VigieSeverity  severity,
                            gboolean       maintenance_running,
                            const char    *reason,
                            const char    *fallback_reason,
                            const char    *summary)
{
  g_assert (fallback_reason != NULL);

  if (severity == VIGIE_SEVERITY_OPERATIONAL && maintenance_running)
    severity = VIGIE_SEVERITY_MAINTENANCE;

  vigie_snapshot_set_severity (snapshot, severity);
  if (severity == VIGIE_SEVERITY_UNKNOWN)
    vigie_snapshot_set_reason (snapshot, reason != NULL ? reason : fallback_reason);
  if (summary != NULL)
    vigie_snapshot_set_summary (snapshot, summary);
}
