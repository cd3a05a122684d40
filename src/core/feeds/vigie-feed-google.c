/* vigie-feed-google.c: Google status dashboards (Workspace and Cloud)
 *
 * Reads incidents.json, which both dashboards serve with one schema: a JSON
 * array holding the incident history, newest first.  An incident is open
 * while its "end" is absent (Google leaves the key out), null, or still in
 * the future.  The parser does not filter products: every open incident's
 * affected products become components, and the component filter of a
 * service picks the ones a user cares about.
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vigie-feed-google"

#include "config.h"

#include <string.h>

#include "vigie-feed-format-private.h"
#include "vigie-json.h"
#include "vigie-limits.h"
#include "vigie-text.h"

/* Incidents that ended this recently still go to the resolved list, so that
 * an outage is measured to the time Google gives for its end. */
#define GOOGLE_RESOLVED_WINDOW G_TIME_SPAN_DAY

/* An incident that begins later than this after "now" has not started
 * yet as of "now" (a replay of the history); anything closer is clock
 * skew between Google and this machine, and counts. */
#define GOOGLE_CLOCK_SKEW G_TIME_SPAN_HOUR

/* How many leading elements detection looks at */
#define GOOGLE_DETECT_ELEMENTS 3

/* "status_impact" is what the dashboard shows; "severity" is its twin (the
 * full Cloud capture pairs them one to one: SERVICE_INFORMATION/low,
 * SERVICE_DISRUPTION/medium, SERVICE_OUTAGE/high). */
static const VigieValueMap impact_map[] = {
  { "SERVICE_INFORMATION", VIGIE_SEVERITY_MINOR },
  { "SERVICE_DISRUPTION", VIGIE_SEVERITY_MAJOR },
  { "SERVICE_OUTAGE", VIGIE_SEVERITY_CRITICAL },
};

static const VigieValueMap severity_map[] = {
  { "low", VIGIE_SEVERITY_MINOR },
  { "medium", VIGIE_SEVERITY_MAJOR },
  { "high", VIGIE_SEVERITY_CRITICAL },
};

static gboolean
looks_like_incident (JsonObject *object)
{
  return vigie_json_get_string (object, "begin") != NULL
         && (json_object_has_member (object, "external_desc")
             || json_object_has_member (object, "updates")
             || json_object_has_member (object, "status_impact")
             || json_object_has_member (object, "affected_products"));
}

/* An element counts as an incident when it carries any of the members
 * every incident has; others (null, numbers, empty objects) are noise. */
static gboolean
is_incident (JsonObject *object)
{
  return object != NULL
         && (json_object_has_member (object, "id")
             || json_object_has_member (object, "begin")
             || json_object_has_member (object, "external_desc")
             || json_object_has_member (object, "status_impact"));
}

static gboolean
google_detect (JsonNode *root)
{
  JsonArray *array;
  guint n;

  if (!JSON_NODE_HOLDS_ARRAY (root))
    return FALSE;

  array = json_node_get_array (root);
  n = MIN (json_array_get_length (array), GOOGLE_DETECT_ELEMENTS);
  for (guint i = 0; i < n; i++)
    {
      JsonObject *object = vigie_json_array_get_object (array, i);

      if (object != NULL && looks_like_incident (object))
        return TRUE;
    }

  return FALSE;
}

/* The text is Markdown-ish ("**Title**\n…\n**Description**\n…"): only the
 * bold markers are dropped, the rest reads well as plain text. */
static char *
strip_markdown (const char *text)
{
  g_autoptr(GString) out = NULL;

  if (text == NULL)
    return NULL;

  out = g_string_sized_new (strlen (text));
  for (const char *p = text; *p != '\0'; p++)
    {
      if (p[0] == '*' && p[1] == '*')
        {
          p++;
          continue;
        }
      g_string_append_c (out, *p);
    }

  return g_string_free (g_steal_pointer (&out), FALSE);
}

static gboolean
is_heading (const char *line,
            gsize       len)
{
  static const char * const headings[] = { "**Title**", "**Description**" };
  g_autofree char *copy = g_strndup (line, len);
  char *trimmed = g_strstrip (copy);

  for (guint i = 0; i < G_N_ELEMENTS (headings); i++)
    if (g_ascii_strcasecmp (trimmed, headings[i]) == 0)
      return TRUE;

  return FALSE;
}

/* An update's text without the "**Title**" and "**Description**" heading
 * lines Workspace puts in it, which read as noise in a notification */
static char *
clean_markdown (const char *text,
                gsize       max_chars)
{
  g_autoptr(GString) kept = NULL;
  g_autofree char *plain = NULL;
  const char *line = text;

  if (text == NULL)
    return NULL;

  kept = g_string_sized_new (MIN (strlen (text), max_chars * 4));
  while (*line != '\0' && kept->len < max_chars * 4)
    {
      const char *end = strchr (line, '\n');
      gsize len = end != NULL ? (gsize) (end - line) : strlen (line);

      if (!is_heading (line, len))
        {
          g_string_append_len (kept, line, len);
          g_string_append_c (kept, '\n');
        }

      if (end == NULL)
        break;
      line = end + 1;
    }

  plain = strip_markdown (kept->str);
  return vigie_text_clean (plain, max_chars);
}

/* The first line that says something: Cloud descriptions are one line
 * ("[Google BigQuery] Lower throughput…"), Workspace ones start with a
 * "**Title**" header line. */
static char *
title_from_description (const char *text)
{
  g_autofree char *plain = strip_markdown (text);
  const char *line;

  if (plain == NULL)
    return NULL;

  line = plain;
  for (guint n_lines = 0; *line != '\0' && n_lines < 16; n_lines++)
    {
      const char *end = strchr (line, '\n');
      g_autofree char *copy = end != NULL ? g_strndup (line, end - line) : g_strdup (line);
      char *trimmed = g_strstrip (copy);

      if (*trimmed != '\0' && g_ascii_strcasecmp (trimmed, "Title") != 0
          && g_ascii_strcasecmp (trimmed, "Title:") != 0)
        {
          char *title = vigie_text_clean (trimmed, VIGIE_MAX_TITLE_CHARS);

          if (title != NULL)
            return title;
        }

      if (end == NULL)
        break;
      line = end + 1;
    }

  return NULL;
}

/* most_recent_update, or else the newest of "updates" */
static JsonObject *
latest_update (JsonObject *incident)
{
  JsonObject *update = vigie_json_get_object (incident, "most_recent_update");

  if (update != NULL)
    return update;

  return vigie_json_array_find_newest (vigie_json_get_array (incident, "updates"), "when", NULL);
}

/* Sets *out_reason (when the severity is unknown) to why. */
static VigieSeverity
incident_severity (JsonObject  *object,
                   char       **out_reason)
{
  const char *impact = vigie_json_get_string (object, "status_impact");
  const char *severity_name = vigie_json_get_string (object, "severity");
  VigieSeverity severity = VIGIE_SEVERITY_UNKNOWN;
  g_autofree char *shown = NULL;

  if (vigie_value_map_lookup (impact_map, G_N_ELEMENTS (impact_map), impact, &severity))
    return severity;

  /* an impact Google adds later: its twin may still be one we know */
  if (vigie_value_map_lookup (severity_map, G_N_ELEMENTS (severity_map), severity_name, &severity))
    return severity;

  if (impact != NULL)
    {
      shown = vigie_feed_shown_value (impact);
      *out_reason = g_strdup_printf ("unknown status_impact \"%s\"", shown);
    }
  else if (severity_name != NULL)
    {
      shown = vigie_feed_shown_value (severity_name);
      *out_reason = g_strdup_printf ("unknown severity \"%s\"", shown);
    }
  else
    {
      *out_reason = g_strdup ("incident without impact");
    }

  return VIGIE_SEVERITY_UNKNOWN;
}

static VigieIncident *
read_incident (JsonObject *object)
{
  g_autoptr(VigieIncident) incident = vigie_incident_new ();
  g_autofree char *id = vigie_json_dup_id (object, "id");
  JsonObject *update = latest_update (object);
  JsonArray *products = vigie_json_get_array (object, "affected_products");

  incident->id = vigie_text_clean (id, VIGIE_MAX_NAME_CHARS);
  incident->title = title_from_description (vigie_json_get_string (object, "external_desc"));
  if (incident->title == NULL && update != NULL)
    incident->title = title_from_description (vigie_json_get_string (update, "text"));
  if (incident->title == NULL)
    incident->title = g_strdup ("Incident");

  incident->started_at = vigie_json_get_time (object, "begin");
  if (incident->started_at == NULL)
    incident->started_at = vigie_json_get_time (object, "created");
  incident->updated_at = vigie_json_get_time (object, "modified");
  if (incident->updated_at == NULL && update != NULL)
    incident->updated_at = vigie_json_get_time (update, "when");

  if (update != NULL)
    incident->latest_update = clean_markdown (vigie_json_get_string (update, "text"),
                                              VIGIE_MAX_UPDATE_CHARS);

  for (guint i = 0; products != NULL && i < json_array_get_length (products); i++)
    {
      JsonObject *product = vigie_json_array_get_object (products, i);

      vigie_feed_add_affected_component (incident, vigie_json_get_string (product, "title"));
    }
  /* the product named by the incident itself, when no list is given */
  if (incident->components->len == 0)
    vigie_feed_add_affected_component (incident, vigie_json_get_string (object, "service_name"));

  /* "uri" is relative ("incidents/<id>") to a dashboard the feed does not
   * name (Workspace and Cloud differ): no link; the service's status page
   * stands in for it. */
  return g_steal_pointer (&incident);
}

/* Components: the affected products of the open incidents, each at the
 * worst severity of the incidents that name it. */
static void
add_components (VigieSnapshot *snapshot)
{
  GPtrArray *components = vigie_snapshot_get_components (snapshot);
  GPtrArray *incidents = vigie_snapshot_get_incidents (snapshot);

  for (guint i = 0; i < incidents->len; i++)
    {
      const VigieIncident *incident = g_ptr_array_index (incidents, i);

      for (guint j = 0; j < incident->components->len; j++)
        {
          const char *name = g_ptr_array_index (incident->components, j);
          VigieComponent *component = vigie_feed_find_component (components, name);

          if (component == NULL)
            {
              component = vigie_component_new (name, NULL, incident->severity);
              if (!vigie_snapshot_add_component (snapshot, component))
                return;
              continue;
            }

          component->severity = vigie_severity_worst (component->severity, incident->severity);
        }
    }
}

/* Whether the incident is still open at @now; *out_end gets its end time
 * when it has a readable one. */
static gboolean
incident_is_open (JsonObject  *object,
                  GDateTime   *now,
                  GDateTime  **out_end)
{
  JsonNode *end_node = json_object_get_member (object, "end");
  GDateTime *end;

  *out_end = NULL;
  if (end_node == NULL || JSON_NODE_HOLDS_NULL (end_node))
    return TRUE;

  /* An "end" that cannot be read cannot close anything: when in doubt the
   * incident stays open rather than reading as "all clear". */
  end = vigie_json_get_time (object, "end");
  if (end == NULL)
    return TRUE;

  *out_end = end;
  return g_date_time_compare (end, now) > 0;
}

static VigieSnapshot *
google_parse (JsonNode   *root,
              GDateTime  *now,
              GError    **error)
{
  g_autoptr(VigieSnapshot) snapshot = NULL;
  g_autofree char *reason = NULL;
  const VigieIncident *worst_incident = NULL;
  VigieSeverity severity = VIGIE_SEVERITY_OPERATIONAL;
  JsonArray *array;

  if (!google_detect (root))
    {
      g_set_error_literal (error, VIGIE_FEED_ERROR, VIGIE_FEED_ERROR_WRONG_FORMAT,
                           "not a google feed");
      return NULL;
    }

  array = json_node_get_array (root);
  snapshot = vigie_snapshot_new (vigie_feed_format_google.id);

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *object = vigie_json_array_get_object (array, i);
      g_autoptr(GDateTime) end = NULL;
      VigieIncident *incident;

      if (!is_incident (object))
        continue;

      {
        g_autoptr(GDateTime) begin = vigie_json_get_time (object, "begin");

        if (begin != NULL && g_date_time_difference (begin, now) > GOOGLE_CLOCK_SKEW)
          continue;
      }

      if (!incident_is_open (object, now, &end))
        {
          /* history: only what ended within the window is kept, with the
           * end Google gives as the time it was resolved */
          if (g_date_time_compare (end, now) <= 0
              && g_date_time_difference (now, end) <= GOOGLE_RESOLVED_WINDOW)
            {
              char *unused_reason = NULL;

              incident = read_incident (object);
              incident->severity = incident_severity (object, &unused_reason);
              g_free (unused_reason);
              incident->status = g_strdup ("resolved");
              g_clear_pointer (&incident->updated_at, g_date_time_unref);
              incident->updated_at = g_steal_pointer (&end);
              vigie_snapshot_add_resolved (snapshot, incident);
            }
          continue;
        }

      incident = read_incident (object);
      {
        g_autofree char *incident_reason = NULL;

        incident->severity = incident_severity (object, &incident_reason);
        if (incident_reason != NULL && reason == NULL)
          reason = g_steal_pointer (&incident_reason);
      }

      if (!vigie_snapshot_add_incident (snapshot, incident))
        continue;

      severity = vigie_severity_worst (severity, incident->severity);
      if (worst_incident == NULL
          || vigie_severity_compare (incident->severity, worst_incident->severity) > 0)
        worst_incident = incident;
    }

  add_components (snapshot);
  vigie_feed_finish_snapshot (snapshot, severity, FALSE, reason, "unknown incident impact",
                              worst_incident != NULL ? worst_incident->title : NULL);

  return g_steal_pointer (&snapshot);
}

const VigieFeedFormat vigie_feed_format_google = {
  .id = "google",
  .label = "Google status dashboard",
  /* the whole incident history, 1.3 MB and growing: poll it gently */
  .min_interval = 300,
  /* products appear only as the affected products of open incidents */
  .components_complete = FALSE,
  .detect_json = google_detect,
  .parse_json = google_parse,
};
