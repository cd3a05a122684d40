/* vigie-feed-instatus.c: Instatus pages, summary.json
 *
 * {page: {name, url, status}, activeIncidents: [{name, started, status,
 * impact, url}], activeMaintenances: [{name, start, status, duration, url}]}
 * and, on some pages, components: [{name, status}].  Times are JavaScript
 * Date.toString() strings ("Sat Jun 11 2022 18:55:50 GMT+0000 (Coordinated
 * Universal Time)"), not ISO 8601.
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vigie-feed-instatus"

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "vigie-feed-format-private.h"
#include "vigie-json.h"
#include "vigie-limits.h"
#include "vigie-text.h"

/* Component statuses, also used for an incident's impact, compared without
 * ASCII case.  MINOROUTAGE is an outage of little reach: minor, like
 * degraded performance. */
static const VigieValueMap component_map[] = {
  { "OPERATIONAL", VIGIE_SEVERITY_OPERATIONAL },
  { "UNDERMAINTENANCE", VIGIE_SEVERITY_MAINTENANCE },
  { "DEGRADEDPERFORMANCE", VIGIE_SEVERITY_MINOR },
  { "MINOROUTAGE", VIGIE_SEVERITY_MINOR },
  { "PARTIALOUTAGE", VIGIE_SEVERITY_MAJOR },
  { "MAJOROUTAGE", VIGIE_SEVERITY_CRITICAL },
};

static gboolean
instatus_detect (JsonNode *root)
{
  JsonObject *object;
  JsonObject *page;

  if (!JSON_NODE_HOLDS_OBJECT (root))
    return FALSE;

  object = json_node_get_object (root);
  if (vigie_json_get_array (object, "activeIncidents") != NULL
      || vigie_json_get_array (object, "activeMaintenances") != NULL)
    return TRUE;

  /* a Statuspage "page" has no status of its own */
  page = vigie_json_get_object (object, "page");
  return page != NULL && vigie_json_get_string (page, "status") != NULL;
}

static int
month_from_name (const char *name)
{
  static const char * const months[] = {
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
  };

  for (guint i = 0; i < G_N_ELEMENTS (months); i++)
    if (g_ascii_strcasecmp (months[i], name) == 0)
      return i + 1;

  return 0;
}

static gboolean
parse_number (const char *text,
              guint       min_digits,
              guint       max_digits,
              int         min,
              int         max,
              int        *out_value)
{
  gsize len = strlen (text);
  guint64 value;

  if (len < min_digits || len > max_digits)
    return FALSE;
  for (gsize i = 0; i < len; i++)
    if (!g_ascii_isdigit (text[i]))
      return FALSE;

  value = g_ascii_strtoull (text, NULL, 10);
  if (value < (guint64) min || value > (guint64) max)
    return FALSE;

  *out_value = (int) value;
  return TRUE;
}

/* "GMT+0200", "GMT-0530", "GMT", "UTC+01:00": seconds east of UTC */
static gboolean
parse_offset (const char *text,
              gint32     *out_seconds)
{
  int hours;
  int minutes;
  int sign;
  char digits[5];
  gsize n = 0;

  if (g_ascii_strncasecmp (text, "GMT", 3) != 0 && g_ascii_strncasecmp (text, "UTC", 3) != 0)
    return FALSE;
  text += 3;

  if (*text == '\0')
    {
      *out_seconds = 0;
      return TRUE;
    }

  if (*text != '+' && *text != '-')
    return FALSE;
  sign = *text == '-' ? -1 : 1;
  text++;

  for (; *text != '\0'; text++)
    {
      if (*text == ':')
        continue;
      if (!g_ascii_isdigit (*text) || n >= 4)
        return FALSE;
      digits[n++] = *text;
    }
  if (n != 4)
    return FALSE;

  hours = (digits[0] - '0') * 10 + (digits[1] - '0');
  minutes = (digits[2] - '0') * 10 + (digits[3] - '0');
  if (hours > 14 || minutes > 59)
    return FALSE;

  *out_seconds = sign * (hours * 3600 + minutes * 60);
  return TRUE;
}

/* JavaScript's Date.toString(): "Sat Jun 11 2022 18:55:50 GMT+0000
 * (Coordinated Universal Time)"; the weekday and the zone name in
 * parentheses are optional and never trusted. */
static GDateTime *
parse_js_date (const char *text)
{
  g_auto(GStrv) tokens = NULL;
  g_auto(GStrv) clock = NULL;
  g_autoptr(GTimeZone) zone = NULL;
  guint n_tokens;
  guint i = 0;
  int month;
  int day;
  int year;
  int hour;
  int minute;
  int second;
  gint32 offset = 0;

  if (text == NULL || strlen (text) > 120)
    return NULL;

  tokens = g_strsplit (text, " ", 8);
  n_tokens = g_strv_length (tokens);

  if (n_tokens > 0 && strlen (tokens[0]) == 3 && month_from_name (tokens[0]) == 0)
    i++;   /* the weekday */

  if (n_tokens < i + 4)
    return NULL;

  month = month_from_name (tokens[i]);
  if (month == 0
      || !parse_number (tokens[i + 1], 1, 2, 1, 31, &day)
      || !parse_number (tokens[i + 2], 4, 4, 1970, 9999, &year))
    return NULL;

  clock = g_strsplit (tokens[i + 3], ":", 4);
  if (g_strv_length (clock) != 3
      || !parse_number (clock[0], 1, 2, 0, 23, &hour)
      || !parse_number (clock[1], 2, 2, 0, 59, &minute)
      || !parse_number (clock[2], 2, 2, 0, 60, &second))
    return NULL;

  if (n_tokens > i + 4 && tokens[i + 4][0] != '(' && !parse_offset (tokens[i + 4], &offset))
    return NULL;

  zone = g_time_zone_new_offset (offset);
  /* g_date_time_new() checks the day against the month */
  return g_date_time_new (zone, year, month, day, hour, minute, MIN (second, 59));
}

static GDateTime *
get_time (JsonObject *object,
          const char *member)
{
  GDateTime *when = parse_js_date (vigie_json_get_string (object, member));

  if (when == NULL)
    when = vigie_json_get_time (object, member);

  return when;
}

static char *
dup_lower (const char *text)
{
  g_autofree char *clean = vigie_text_clean (text, VIGIE_MAX_NAME_CHARS);

  return clean != NULL ? g_ascii_strdown (clean, -1) : NULL;
}

static void
read_common (VigieIncident *incident,
             JsonObject    *object)
{
  g_autofree char *id = vigie_json_dup_id (object, "id");
  const char *link = vigie_json_get_string (object, "url");

  incident->url = vigie_link_sanitize (link);
  /* summary.json gives no id: the incident's own page names it */
  incident->id = vigie_text_clean (id != NULL ? id : incident->url, VIGIE_MAX_NAME_CHARS);
  incident->title = vigie_text_from_html (vigie_json_get_string (object, "name"),
                                          VIGIE_MAX_TITLE_CHARS);
}

static void
read_affected (VigieIncident *incident,
               JsonObject    *object)
{
  JsonArray *components = vigie_json_get_array (object, "components");

  for (guint i = 0; components != NULL && i < json_array_get_length (components); i++)
    {
      const char *raw = vigie_json_array_get_string (components, i);
      char *name;

      if (raw == NULL)
        raw = vigie_json_get_string (vigie_json_array_get_object (components, i), "name");
      name = vigie_text_clean (raw, VIGIE_MAX_NAME_CHARS);

      if (name != NULL && incident->components->len < VIGIE_MAX_COMPONENTS)
        g_ptr_array_add (incident->components, name);
      else
        g_free (name);
    }
}

/* Returns the worst component state, operational when there are none. */
static VigieSeverity
read_components (VigieSnapshot  *snapshot,
                 JsonArray      *components,
                 char          **out_reason)
{
  VigieSeverity worst = VIGIE_SEVERITY_OPERATIONAL;

  for (guint i = 0; i < json_array_get_length (components); i++)
    {
      JsonObject *component = vigie_json_array_get_object (components, i);
      g_autofree char *name = NULL;
      const char *status;
      VigieSeverity severity = VIGIE_SEVERITY_UNKNOWN;

      if (component == NULL)
        continue;

      name = vigie_text_clean (vigie_json_get_string (component, "name"), VIGIE_MAX_NAME_CHARS);
      if (name == NULL)
        continue;

      status = vigie_json_get_string (component, "status");
      if (!vigie_value_map_lookup_full (component_map, G_N_ELEMENTS (component_map), status,
                                        VIGIE_VALUE_MATCH_CASELESS, &severity)
          && *out_reason == NULL)
        {
          g_autofree char *shown = vigie_feed_shown_value (status);

          *out_reason = status != NULL
                          ? g_strdup_printf ("unknown component status \"%s\"", shown)
                          : g_strdup ("component without status");
        }

      worst = vigie_severity_worst (worst, severity);
      vigie_snapshot_add_component (snapshot, vigie_component_new (name, NULL, severity));
    }

  return worst;
}

/* Reads "activeIncidents".  Every open incident counts for the returned
 * state, kept or not; *out_worst is the worst one the snapshot kept (the
 * others are freed), which gives the summary.
 *
 * Returns: the worst open incident's state, operational when none is */
static VigieSeverity
read_incidents (VigieSnapshot        *snapshot,
                JsonArray            *incidents,
                const VigieIncident **out_worst)
{
  VigieSeverity worst_severity = VIGIE_SEVERITY_OPERATIONAL;

  for (guint i = 0; incidents != NULL && i < json_array_get_length (incidents); i++)
    {
      JsonObject *item = vigie_json_array_get_object (incidents, i);
      g_autoptr(VigieIncident) incident = NULL;
      VigieIncident *added;
      const char *impact;

      if (item == NULL)
        continue;

      incident = vigie_incident_new ();
      read_common (incident, item);
      if (incident->title == NULL)
        incident->title = g_strdup ("Incident");
      incident->status = dup_lower (vigie_json_get_string (item, "status"));
      incident->started_at = get_time (item, "started");
      incident->updated_at = get_time (item, "updated");
      if (incident->updated_at == NULL && incident->started_at != NULL)
        incident->updated_at = g_date_time_ref (incident->started_at);
      read_affected (incident, item);

      /* an incident's impact is worded like a component status; an open
       * incident with "OPERATIONAL" impact is still worth a look */
      impact = vigie_json_get_string (item, "impact");
      if (!vigie_value_map_lookup_full (component_map, G_N_ELEMENTS (component_map), impact,
                                        VIGIE_VALUE_MATCH_CASELESS, &incident->severity))
        incident->severity = VIGIE_SEVERITY_UNKNOWN;
      else if (incident->severity == VIGIE_SEVERITY_OPERATIONAL)
        incident->severity = VIGIE_SEVERITY_MINOR;

      if (g_strcmp0 (incident->status, "resolved") == 0)
        {
          vigie_snapshot_add_resolved (snapshot, g_steal_pointer (&incident));
          continue;
        }

      worst_severity = vigie_severity_worst (worst_severity, incident->severity);
      added = g_steal_pointer (&incident);
      if (!vigie_snapshot_add_incident (snapshot, added))
        continue;
      if (*out_worst == NULL || vigie_severity_compare (added->severity, (*out_worst)->severity) > 0)
        *out_worst = added;
    }

  return worst_severity;
}

/* Reads "activeMaintenances", in the status words of Vigie's other formats.
 *
 * Returns: %TRUE when one of them is under way at @now */
static gboolean
read_maintenances (VigieSnapshot *snapshot,
                   JsonArray     *maintenances,
                   GDateTime     *now)
{
  gboolean maintenance_running = FALSE;

  for (guint i = 0; maintenances != NULL && i < json_array_get_length (maintenances); i++)
    {
      JsonObject *item = vigie_json_array_get_object (maintenances, i);
      g_autoptr(VigieIncident) maintenance = NULL;
      const char *status;
      const char *duration;
      int minutes;

      if (item == NULL)
        continue;

      status = vigie_json_get_string (item, "status");
      if (g_strcmp0 (status, "COMPLETED") == 0)
        continue;

      maintenance = vigie_incident_new ();
      read_common (maintenance, item);
      if (maintenance->title == NULL)
        maintenance->title = g_strdup ("Scheduled maintenance");
      maintenance->severity = VIGIE_SEVERITY_MAINTENANCE;
      maintenance->scheduled_for = get_time (item, "start");
      maintenance->started_at = maintenance->scheduled_for != NULL
                                  ? g_date_time_ref (maintenance->scheduled_for) : NULL;
      read_affected (maintenance, item);

      /* "duration" is in minutes, as a string on the documented page */
      duration = vigie_json_get_string (item, "duration");
      if (maintenance->scheduled_for != NULL && duration != NULL
          && parse_number (duration, 1, 6, 0, 525600, &minutes))
        maintenance->scheduled_until = g_date_time_add_minutes (maintenance->scheduled_for, minutes);

      /* the words Vigie's other formats use, so the window shows right */
      if (g_strcmp0 (status, "INPROGRESS") == 0)
        {
          maintenance->status = g_strdup ("in_progress");
          maintenance_running = TRUE;
        }
      else
        {
          maintenance->status = g_strcmp0 (status, "NOTSTARTEDYET") == 0
                                  ? g_strdup ("scheduled") : dup_lower (status);
          /* not flipped yet, but its window is open */
          if (maintenance->scheduled_for != NULL && maintenance->scheduled_until != NULL
              && g_date_time_compare (maintenance->scheduled_for, now) <= 0
              && g_date_time_compare (now, maintenance->scheduled_until) < 0)
            maintenance_running = TRUE;
        }

      vigie_snapshot_add_maintenance (snapshot, g_steal_pointer (&maintenance));
    }

  return maintenance_running;
}

/* The page's own status is the verdict; what the incidents and components
 * say decides only when it does not say how bad things are.  An unreadable
 * page status replaces *inout_reason. */
static VigieSeverity
page_severity (const char     *page_status,
               VigieSeverity   worst_incident,
               VigieSeverity   worst_component,
               char          **inout_reason)
{
  if (g_strcmp0 (page_status, "UP") == 0)
    {
      /* the page's verdict; an incident's declared impact is detail */
      return VIGIE_SEVERITY_OPERATIONAL;
    }
  else if (g_strcmp0 (page_status, "UNDERMAINTENANCE") == 0)
    {
      return VIGIE_SEVERITY_MAINTENANCE;
    }
  else if (g_strcmp0 (page_status, "HASISSUES") == 0)
    {
      /* the page says there is trouble without saying how much: the
       * incidents and components tell, and it is at least minor */
      return vigie_severity_worst (VIGIE_SEVERITY_MINOR,
                                   vigie_severity_worst (worst_incident, worst_component));
    }
  else
    {
      g_autofree char *shown = vigie_feed_shown_value (page_status);

      g_clear_pointer (inout_reason, g_free);
      *inout_reason = page_status != NULL
                        ? g_strdup_printf ("unknown page status \"%s\"", shown)
                        : g_strdup ("no status in feed");
      /* what the incidents and components say can still be trouble */
      return vigie_severity_worst (VIGIE_SEVERITY_UNKNOWN,
                                   vigie_severity_worst (worst_incident, worst_component));
    }
}

static VigieSnapshot *
instatus_parse (JsonNode   *root,
                GDateTime  *now,
                GError    **error)
{
  g_autoptr(VigieSnapshot) snapshot = NULL;
  g_autofree char *reason = NULL;
  g_autofree char *page_url = NULL;
  g_autofree char *page_name = NULL;
  JsonObject *object;
  JsonObject *page;
  JsonArray *components;
  const VigieIncident *worst_incident = NULL;
  VigieSeverity severity;
  VigieSeverity worst_component = VIGIE_SEVERITY_OPERATIONAL;
  VigieSeverity worst_incident_severity;
  gboolean maintenance_running;

  if (!instatus_detect (root))
    {
      g_set_error_literal (error, VIGIE_FEED_ERROR, VIGIE_FEED_ERROR_WRONG_FORMAT,
                           "not an instatus feed");
      return NULL;
    }

  object = json_node_get_object (root);
  page = vigie_json_get_object (object, "page");
  snapshot = vigie_snapshot_new (vigie_feed_format_instatus.id);

  page_url = vigie_link_sanitize (vigie_json_get_string (page, "url"));
  vigie_snapshot_set_page_url (snapshot, page_url);
  page_name = vigie_text_clean (vigie_json_get_string (page, "name"), VIGIE_MAX_NAME_CHARS);
  vigie_snapshot_set_page_name (snapshot, page_name);

  components = vigie_json_get_array (object, "components");
  if (components != NULL)
    worst_component = read_components (snapshot, components, &reason);

  worst_incident_severity = read_incidents (snapshot,
                                            vigie_json_get_array (object, "activeIncidents"),
                                            &worst_incident);
  maintenance_running = read_maintenances (snapshot,
                                           vigie_json_get_array (object, "activeMaintenances"),
                                           now);

  severity = page_severity (vigie_json_get_string (page, "status"), worst_incident_severity,
                            worst_component, &reason);

  vigie_feed_finish_snapshot (snapshot, severity, maintenance_running, reason,
                              "unknown incident impact",
                              worst_incident != NULL ? worst_incident->title : NULL);

  return g_steal_pointer (&snapshot);
}

const VigieFeedFormat vigie_feed_format_instatus = {
  .id = "instatus",
  .label = "Instatus",
  .min_interval = 0,
  /* the documented summary.json has no component list: components
   * appear only as what an incident or a maintenance affects */
  .components_complete = FALSE,
  .detect_json = instatus_detect,
  .parse_json = instatus_parse,
};
