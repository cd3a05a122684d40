/* vigie-feed-microsoft.c: Microsoft's public consumer status
 *
 * Three shapes, one vendor, one format:
 *
 *  - status.cloud.microsoft/api/posts/m365Consumer: an array of rows, one
 *    per consumer service (Outlook.com, OneDrive, Teams Free, …), each with
 *    ServiceDisplayName, Status, Title, Message (HTML) and times;
 *  - status.cloud.microsoft/api/posts/mac (also ppac, azure): one such row
 *    as an object, without ServiceDisplayName;
 *  - portal.office.com/api/servicestatus/index, the older consumer
 *    endpoint: {Services: [{Name, IsUp, Messages}], IsAllUp, …}.
 *
 * The older endpoint is read here rather than as a format of its own: it
 * is the same vendor's answer to the same question, a user who configured
 * it keeps working when it is swapped for the new one, and it was reported
 * decommissioned (a hard 404 since August 2026), so a separate format name
 * would be one more public name to keep for a dead endpoint.
 *
 * None of these routes is documented; they are the status page's own
 * backing API.  Health is only ever read from an explicit healthy token: a
 * missing or unrecognised Status is unknown, and a JSON document of another
 * shape (such as the 404 body {"Message": "No HTTP resource was found…"})
 * is not this format at all.
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vigie-feed-microsoft"

#include "config.h"

#include <string.h>

#include "vigie-feed-format-private.h"
#include "vigie-json.h"
#include "vigie-limits.h"
#include "vigie-text.h"

#define MICROSOFT_STATUS_PAGE "https://status.cloud.microsoft"
#define MICROSOFT_PORTAL_PAGE "https://portal.office.com/servicestatus"

/* How many leading rows detection looks at */
#define MICROSOFT_DETECT_ROWS 3

typedef struct
{
  const char *value;          /* folded: see vigie_value_fold() */
  VigieSeverity severity;
  const char *status;         /* the lifecycle word shown with an incident */
  const char *title;          /* for a post without a title or a service */
} StatusMap;

/* The Status enum declared by the status page's own script: Available,
 * ServiceDegradation, Operational, Unknown, ServiceRestored.
 * ServiceInterruption is Microsoft's usual word for a service users cannot
 * reach (Graph service health uses it), not seen on this feed yet; it is
 * the worse of the two trouble words, so major.  "Unknown" is Microsoft
 * saying it does not know: unknown here too.  Values are compared without
 * case or spaces, so the display form "Service degradation" reads too. */
static const StatusMap status_map[] = {
  { "available", VIGIE_SEVERITY_OPERATIONAL, "available", "Available" },
  { "operational", VIGIE_SEVERITY_OPERATIONAL, "operational", "Operational" },
  { "servicerestored", VIGIE_SEVERITY_OPERATIONAL, "service_restored", "Service restored" },
  { "servicedegradation", VIGIE_SEVERITY_MINOR, "service_degradation", "Service degradation" },
  { "serviceinterruption", VIGIE_SEVERITY_MAJOR, "service_interruption", "Service interruption" },
};

static const StatusMap *
lookup_status (const char *value)
{
  g_autofree char *key = vigie_value_fold (value);

  for (guint i = 0; key != NULL && i < G_N_ELEMENTS (status_map); i++)
    if (g_str_equal (status_map[i].value, key))
      return &status_map[i];

  return NULL;
}

/* A post row: a Status and the times every post carries */
static gboolean
is_post (JsonObject *object)
{
  return object != NULL
         && json_object_has_member (object, "Status")
         && (json_object_has_member (object, "ServiceDisplayName")
             || json_object_has_member (object, "InternalDateTime")
             || json_object_has_member (object, "AuthoredDateTime")
             || json_object_has_member (object, "LastUpdatedTime"));
}

static gboolean
is_portal (JsonObject *object)
{
  return vigie_json_get_array (object, "Services") != NULL
         && (json_object_has_member (object, "IsAllUp")
             || json_object_has_member (object, "LastRefreshed"));
}

static gboolean
microsoft_detect (JsonNode *root)
{
  if (JSON_NODE_HOLDS_ARRAY (root))
    {
      JsonArray *rows = json_node_get_array (root);
      guint n = MIN (json_array_get_length (rows), MICROSOFT_DETECT_ROWS);

      for (guint i = 0; i < n; i++)
        if (is_post (vigie_json_array_get_object (rows, i)))
          return TRUE;

      return FALSE;
    }

  if (JSON_NODE_HOLDS_OBJECT (root))
    {
      JsonObject *object = json_node_get_object (root);

      return is_post (object) || is_portal (object);
    }

  return FALSE;
}

/* Reads one post row.  Returns its severity; *out_incident is set for a
 * row in trouble or restored, *out_reason for a row that cannot be read. */
static VigieSeverity
read_post (JsonObject     *row,
           VigieSnapshot  *snapshot,
           VigieIncident **out_incident,
           char          **out_reason)
{
  g_autoptr(VigieIncident) incident = NULL;
  g_autofree char *name = NULL;
  g_autofree char *workload = NULL;
  const char *status = vigie_json_get_string (row, "Status");
  const StatusMap *known = lookup_status (status);
  VigieSeverity severity;

  name = vigie_text_clean (vigie_json_get_string (row, "ServiceDisplayName"), VIGIE_MAX_NAME_CHARS);
  workload = vigie_text_clean (vigie_json_get_string (row, "ServiceWorkloadName"), VIGIE_MAX_NAME_CHARS);

  if (known != NULL)
    {
      severity = known->severity;
    }
  else
    {
      g_autofree char *shown = vigie_feed_shown_value (status);

      severity = VIGIE_SEVERITY_UNKNOWN;
      if (status == NULL)
        *out_reason = g_strdup ("service without status");
      else
        *out_reason = g_strdup_printf ("unknown status \"%s\"", shown);
    }

  if (name != NULL)
    vigie_snapshot_add_component (snapshot, vigie_component_new (name, NULL, severity));

  if (known == NULL || (severity == VIGIE_SEVERITY_OPERATIONAL
                        && !g_str_equal (known->value, "servicerestored")))
    return severity;

  incident = vigie_incident_new ();
  /* One row per service, rewritten as things evolve: the service, not the
   * post id (which may change with each post), follows it from one poll to
   * the next and matches it once restored. */
  if (workload != NULL)
    incident->id = g_strdup (workload);
  else if (name != NULL)
    incident->id = g_strdup (name);
  else
    {
      g_autofree char *id = vigie_json_dup_id (row, "Id");

      incident->id = vigie_text_clean (id, VIGIE_MAX_NAME_CHARS);
    }

  incident->title = vigie_text_from_html (vigie_json_get_string (row, "Title"),
                                          VIGIE_MAX_TITLE_CHARS);
  if (incident->title == NULL)
    incident->title = g_strdup (name != NULL ? name : known->title);
  incident->status = g_strdup (known->status);
  incident->severity = severity;
  incident->latest_update = vigie_text_from_html (vigie_json_get_string (row, "Message"),
                                                  VIGIE_MAX_UPDATE_CHARS);
  /* LastUpdatedTime is the server's clock at each request, and
   * InternalDateTime the backend's refresh stamp (every ten minutes): only
   * AuthoredDateTime says when Microsoft wrote this post. */
  incident->updated_at = vigie_json_get_time (row, "AuthoredDateTime");
  if (name != NULL)
    g_ptr_array_add (incident->components, g_strdup (name));

  *out_incident = g_steal_pointer (&incident);
  return severity;
}

static void
take_post_result (VigieSnapshot       *snapshot,
                  VigieSeverity        row_severity,
                  VigieIncident       *incident,
                  VigieSeverity       *severity,
                  const VigieIncident **worst_incident)
{
  *severity = vigie_severity_worst (*severity, row_severity);

  if (incident == NULL)
    return;

  if (row_severity == VIGIE_SEVERITY_OPERATIONAL)
    {
      /* ServiceRestored: the incident this row was about has ended, at
       * the time of this post */
      vigie_snapshot_add_resolved (snapshot, incident);
      return;
    }

  if (!vigie_snapshot_add_incident (snapshot, incident))
    return;

  if (*worst_incident == NULL
      || vigie_severity_compare (incident->severity, (*worst_incident)->severity) > 0)
    *worst_incident = incident;
}

static VigieSnapshot *
parse_posts (JsonNode  *root,
             GError   **error)
{
  g_autoptr(VigieSnapshot) snapshot = vigie_snapshot_new (vigie_feed_format_microsoft.id);
  g_autofree char *reason = NULL;
  const VigieIncident *worst_incident = NULL;
  VigieSeverity severity = VIGIE_SEVERITY_OPERATIONAL;
  guint n_rows = 0;

  vigie_snapshot_set_page_url (snapshot, MICROSOFT_STATUS_PAGE);

  if (JSON_NODE_HOLDS_ARRAY (root))
    {
      JsonArray *rows = json_node_get_array (root);

      for (guint i = 0; i < json_array_get_length (rows); i++)
        {
          JsonObject *row = vigie_json_array_get_object (rows, i);
          VigieIncident *incident = NULL;
          g_autofree char *row_reason = NULL;
          VigieSeverity row_severity;

          if (!is_post (row))
            {
              /* a row of another shape says nothing about its service */
              severity = vigie_severity_worst (severity, VIGIE_SEVERITY_UNKNOWN);
              if (reason == NULL)
                reason = g_strdup ("unreadable service row");
              continue;
            }

          n_rows++;
          row_severity = read_post (row, snapshot, &incident, &row_reason);
          if (row_reason != NULL && reason == NULL)
            reason = g_steal_pointer (&row_reason);
          take_post_result (snapshot, row_severity, incident, &severity, &worst_incident);
        }
    }
  else
    {
      VigieIncident *incident = NULL;
      VigieSeverity row_severity;

      n_rows = 1;
      row_severity = read_post (json_node_get_object (root), snapshot, &incident, &reason);
      take_post_result (snapshot, row_severity, incident, &severity, &worst_incident);
    }

  if (n_rows == 0)
    {
      g_set_error_literal (error, VIGIE_FEED_ERROR, VIGIE_FEED_ERROR_WRONG_FORMAT,
                           "not a microsoft feed");
      return NULL;
    }

  vigie_feed_finish_snapshot (snapshot, severity, FALSE, reason, "unknown status",
                              worst_incident != NULL ? worst_incident->title : NULL);

  return g_steal_pointer (&snapshot);
}

/* Messages: never seen filled; read strings, or the text members of
 * objects, and nothing else. */
static char *
portal_messages (JsonObject *service)
{
  static const char * const text_members[] = { "Message", "Title", "Text", "Description" };
  JsonArray *messages = vigie_json_get_array (service, "Messages");
  g_autoptr(GString) out = g_string_new (NULL);

  for (guint i = 0; messages != NULL && i < json_array_get_length (messages) && i < 10; i++)
    {
      const char *text = vigie_json_array_get_string (messages, i);
      JsonObject *message = vigie_json_array_get_object (messages, i);

      for (guint j = 0; text == NULL && message != NULL && j < G_N_ELEMENTS (text_members); j++)
        text = vigie_json_get_string (message, text_members[j]);

      if (text == NULL)
        continue;
      if (out->len > 0)
        g_string_append (out, "<br>");
      g_string_append_len (out, text, MIN (strlen (text), VIGIE_MAX_UPDATE_CHARS * 4));
    }

  return vigie_text_from_html (out->str, VIGIE_MAX_UPDATE_CHARS);
}

static VigieSnapshot *
parse_portal (JsonObject *object)
{
  g_autoptr(VigieSnapshot) snapshot = vigie_snapshot_new (vigie_feed_format_microsoft.id);
  g_autofree char *summary = NULL;
  g_autofree char *reason = NULL;
  JsonArray *services = vigie_json_get_array (object, "Services");
  JsonNode *all_up = json_object_get_member (object, "IsAllUp");
  const VigieIncident *worst_incident = NULL;
  VigieSeverity severity = VIGIE_SEVERITY_OPERATIONAL;
  guint n_services = 0;

  vigie_snapshot_set_page_url (snapshot, MICROSOFT_PORTAL_PAGE);

  for (guint i = 0; i < json_array_get_length (services); i++)
    {
      JsonObject *service = vigie_json_array_get_object (services, i);
      JsonNode *is_up;
      g_autofree char *name = NULL;
      VigieSeverity service_severity;
      VigieIncident *incident;

      if (service == NULL)
        continue;

      n_services++;
      name = vigie_text_clean (vigie_json_get_string (service, "Name"), VIGIE_MAX_NAME_CHARS);
      is_up = json_object_get_member (service, "IsUp");
      if (is_up == NULL || !JSON_NODE_HOLDS_VALUE (is_up)
          || json_node_get_value_type (is_up) != G_TYPE_BOOLEAN)
        {
          service_severity = VIGIE_SEVERITY_UNKNOWN;
          if (reason == NULL)
            reason = g_strdup ("service without IsUp");
        }
      else if (json_node_get_boolean (is_up))
        {
          service_severity = VIGIE_SEVERITY_OPERATIONAL;
        }
      else
        {
          /* "not up" is all this endpoint says: a service that is down
           * for its users, which is a major problem on Vigie's scale */
          service_severity = VIGIE_SEVERITY_MAJOR;
        }

      severity = vigie_severity_worst (severity, service_severity);
      if (name != NULL)
        vigie_snapshot_add_component (snapshot, vigie_component_new (name, NULL, service_severity));

      if (service_severity != VIGIE_SEVERITY_MAJOR)
        continue;

      incident = vigie_incident_new ();
      incident->id = vigie_text_clean (vigie_json_get_string (service, "Id"), VIGIE_MAX_NAME_CHARS);
      if (incident->id == NULL && name != NULL)
        incident->id = g_strdup (name);
      incident->title = g_strdup (name != NULL ? name : "Microsoft service");
      incident->severity = service_severity;
      incident->latest_update = portal_messages (service);
      if (name != NULL)
        g_ptr_array_add (incident->components, g_strdup (name));
      if (vigie_snapshot_add_incident (snapshot, incident) && worst_incident == NULL)
        worst_incident = incident;
    }

  /* IsAllUp false with every listed service up: something the list does
   * not show is down */
  if (all_up != NULL && JSON_NODE_HOLDS_VALUE (all_up)
      && json_node_get_value_type (all_up) == G_TYPE_BOOLEAN && !json_node_get_boolean (all_up))
    severity = vigie_severity_worst (severity, VIGIE_SEVERITY_MAJOR);

  /* an empty list affirms nothing, unless the page says all is up */
  if (n_services == 0
      && !(all_up != NULL && JSON_NODE_HOLDS_VALUE (all_up)
           && json_node_get_value_type (all_up) == G_TYPE_BOOLEAN && json_node_get_boolean (all_up)))
    {
      severity = vigie_severity_worst (severity, VIGIE_SEVERITY_UNKNOWN);
      if (reason == NULL)
        reason = g_strdup ("no services in feed");
    }

  summary = vigie_text_clean (vigie_json_get_string (object, "Title"), VIGIE_MAX_TITLE_CHARS);
  if (worst_incident != NULL && summary == NULL)
    summary = g_strdup (worst_incident->title);
  vigie_feed_finish_snapshot (snapshot, severity, FALSE, reason, "unknown status", summary);

  return g_steal_pointer (&snapshot);
}

static VigieSnapshot *
microsoft_parse (JsonNode   *root,
                 GDateTime  *now,
                 GError    **error)
{
  if (!microsoft_detect (root))
    {
      g_set_error_literal (error, VIGIE_FEED_ERROR, VIGIE_FEED_ERROR_WRONG_FORMAT,
                           "not a microsoft feed");
      return NULL;
    }

  if (JSON_NODE_HOLDS_OBJECT (root) && !is_post (json_node_get_object (root)))
    return parse_portal (json_node_get_object (root));

  return parse_posts (root, error);
}

const VigieFeedFormat vigie_feed_format_microsoft = {
  .id = "microsoft",
  .label = "Microsoft 365 status",
  /* the data behind it refreshes every ten minutes; the two-minute default
   * is polite enough */
  .min_interval = 0,
  /* one row per service, every time */
  .components_complete = TRUE,
  .detect_json = microsoft_detect,
  .parse_json = microsoft_parse,
};
