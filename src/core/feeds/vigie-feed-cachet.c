/* vigie-feed-cachet.c: self-hosted Cachet pages, GET /api/v1/components
 *
 * {meta: {pagination: {total, count, per_page, current_page, total_pages,
 * links}}, data: [{id, name, description, link, status, order, group_id,
 * enabled, created_at, updated_at, deleted_at, status_name, tags}]}
 *
 * Read from real responses (tests/fixtures/cachet/SOURCES): "status" is an
 * integer on one page and a string of digits on another; "status_name" is
 * the page's own English label.  Component statuses are documented
 * (https://docs.cachethq.io/component-statuses.html): 1 Operational,
 * 2 Performance Issues, 3 Partial Outage, 4 Major Outage.
 *
 * Only the component list is read.  Cachet's /api/v1/incidents is
 * documented (0 Scheduled, 1 Investigating, 2 Identified, 3 Watching,
 * 4 Fixed) but no real response of it was found to test against, and the
 * 3.x API (status as {human, value}) was seen only in documentation: both
 * are left out rather than guessed.
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vigie-feed-cachet"

#include "config.h"

#include <string.h>

#include "vigie-feed-format-private.h"
#include "vigie-json.h"
#include "vigie-limits.h"
#include "vigie-text.h"

/* Performance issues slow a component without stopping it: minor; a
 * partial outage stops it for some: major; a major outage for everyone:
 * critical, as Statuspage's major_outage. */
static const VigieValueMap status_map[] = {
  { "1", VIGIE_SEVERITY_OPERATIONAL },
  { "2", VIGIE_SEVERITY_MINOR },
  { "3", VIGIE_SEVERITY_MAJOR },
  { "4", VIGIE_SEVERITY_CRITICAL },
};

/* The component list is the only document with a "pagination" inside
 * "meta" next to a "data" array of objects named and given a status:
 * Better Stack's "data" is an object, Statuspage and the others have no
 * "meta". */
static gboolean
cachet_detect (JsonNode *root)
{
  JsonObject *object;
  JsonArray *data;
  JsonObject *first;

  if (!JSON_NODE_HOLDS_OBJECT (root))
    return FALSE;

  object = json_node_get_object (root);
  if (vigie_json_get_object (vigie_json_get_object (object, "meta"), "pagination") == NULL)
    return FALSE;

  data = vigie_json_get_array (object, "data");
  if (data == NULL)
    return FALSE;

  /* a page without components is still a Cachet page, read as unknown */
  if (json_array_get_length (data) == 0)
    return TRUE;

  first = vigie_json_array_get_object (data, 0);
  return first != NULL && json_object_has_member (first, "name")
         && json_object_has_member (first, "status")
         && (json_object_has_member (first, "status_name")
             || json_object_has_member (first, "group_id"));
}

/* The status as the digits the table knows, from an integer or a string;
 * NULL when it is neither (or out of any sane range). */
static char *
dup_status (JsonObject *component)
{
  JsonNode *node = json_object_get_member (component, "status");
  const char *text;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return NULL;

  if (json_node_get_value_type (node) == G_TYPE_INT64)
    {
      gint64 value = json_node_get_int (node);

      return value >= 0 && value < 1000 ? g_strdup_printf ("%" G_GINT64_FORMAT, value) : NULL;
    }

  if (json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;

  text = json_node_get_string (node);
  if (*text == '\0' || strlen (text) > 3)
    return NULL;
  for (const char *p = text; *p != '\0'; p++)
    if (!g_ascii_isdigit (*p))
      return NULL;

  return g_strdup (text);
}

static VigieSnapshot *
cachet_parse (JsonNode   *root,
              GDateTime  *now,
              GError    **error)
{
  g_autoptr(VigieSnapshot) snapshot = NULL;
  g_autofree char *reason = NULL;
  g_autofree char *worst_name = NULL;
  JsonArray *data;
  VigieSeverity severity = VIGIE_SEVERITY_OPERATIONAL;
  guint n_read = 0;

  if (!cachet_detect (root))
    {
      g_set_error_literal (error, VIGIE_FEED_ERROR, VIGIE_FEED_ERROR_WRONG_FORMAT,
                           "not a cachet feed");
      return NULL;
    }

  snapshot = vigie_snapshot_new (vigie_feed_format_cachet.id);
  data = vigie_json_get_array (json_node_get_object (root), "data");

  for (guint i = 0; i < json_array_get_length (data); i++)
    {
      JsonObject *component = vigie_json_array_get_object (data, i);
      g_autofree char *name = NULL;
      g_autofree char *status = NULL;
      VigieSeverity component_severity = VIGIE_SEVERITY_UNKNOWN;

      if (component == NULL)
        continue;

      /* a disabled component is hidden from the page's visitors */
      if (!vigie_json_get_boolean (component, "enabled", TRUE))
        continue;

      name = vigie_text_clean (vigie_json_get_string (component, "name"), VIGIE_MAX_NAME_CHARS);
      if (name == NULL)
        continue;

      status = dup_status (component);
      if (!vigie_value_map_lookup (status_map, G_N_ELEMENTS (status_map), status,
                                   &component_severity)
          && reason == NULL)
        {
          JsonNode *raw = json_object_get_member (component, "status");
          g_autofree char *shown = vigie_feed_shown_value (status);

          /* 0 is "unknown" in Cachet's own code; anything else is new */
          reason = raw == NULL || JSON_NODE_HOLDS_NULL (raw)
                     ? g_strdup ("component without status")
                     : status != NULL ? g_strdup_printf ("unknown component status \"%s\"", shown)
                                      : g_strdup ("unreadable component status");
        }

      n_read++;
      /* the first component in the worst state names the trouble */
      if (vigie_severity_compare (component_severity, severity) > 0)
        {
          g_free (worst_name);
          worst_name = g_strdup (name);
        }
      severity = vigie_severity_worst (severity, component_severity);

      /* Cachet pages can list a component twice under two groups (seen:
       * "Yoti Doc Scan" in group 1 and group 2); the snapshot keeps one
       * name once, in its worst state */
      {
        VigieComponent *known = vigie_feed_find_component (vigie_snapshot_get_components (snapshot),
                                                           name);

        if (known != NULL)
          known->severity = vigie_severity_worst (known->severity, component_severity);
        else
          vigie_snapshot_add_component (snapshot, vigie_component_new (name, NULL,
                                                                       component_severity));
      }
    }

  if (n_read == 0)
    {
      severity = VIGIE_SEVERITY_UNKNOWN;
      g_clear_pointer (&reason, g_free);
      reason = g_strdup ("no readable component");
    }

  /* no incident to quote: the component in trouble is the summary */
  vigie_feed_finish_snapshot (snapshot, severity, FALSE, reason, "unknown component status",
                              vigie_severity_is_trouble (severity) ? worst_name : NULL);

  return g_steal_pointer (&snapshot);
}

const VigieFeedFormat vigie_feed_format_cachet = {
  .id = "cachet",
  .label = "Cachet",
  .min_interval = 0,
  /* the component list holds every enabled component of the page */
  .components_complete = TRUE,
  .detect_json = cachet_detect,
  .parse_json = cachet_parse,
};
