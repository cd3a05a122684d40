/* vigie-demo.c: a replay of a real outage, served on 127.0.0.1
 *
 * The timeline (data/demo/, JSON, in a GResource) lists each incident's
 * changes at the times the status page showed them.  A virtual clock runs
 * from the timeline's beginning to its end in about two minutes (times
 * --demo-speed); at each change the payload Slack's "current" endpoint
 * would have served is rebuilt and served by an in-process HTTP server, and
 * the "step" signal asks the application to poll it at once.  Everything
 * else, fetch, parse, track and notify, is Vigie's normal path.
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vigie-demo"

#include "config.h"

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>
#include <string.h>

#include "vigie-core-resources.h"
#include "vigie-demo.h"
#include "vigie-json.h"

#define TIMELINE_RESOURCE APP_PATH "/demo/slack-2021-01-04.json"
#define FEED_PATH "/api/v2.0.0/current"

/* A resolved incident stays in the payload this long, so that its end time
 * is read from the feed (Slack lists recently resolved items). */
#define RESOLVED_SHOWN_MINUTES 30

struct _VigieDemo
{
  GObject parent_instance;

  JsonNode *timeline;
  GDateTime *begin;
  GDateTime *end;
  double demo_seconds_per_second;

  SoupServer *server;
  char *feed_url;
  char *payload;

  GArray *step_times;       /* GTimeSpan offsets from begin, sorted */
  gint64 started_at;        /* monotonic µs, 0 until started */
  guint step_timer;
  guint next_step;
};

G_DEFINE_FINAL_TYPE (VigieDemo, vigie_demo, G_TYPE_OBJECT)

enum {
  STEP,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static JsonObject *
timeline_object (VigieDemo *self)
{
  return json_node_get_object (self->timeline);
}

static JsonArray *
timeline_incidents (VigieDemo *self)
{
  return vigie_json_get_array (timeline_object (self), "incidents");
}

static void
vigie_demo_dispose (GObject *object)
{
  VigieDemo *self = (VigieDemo *) object;

  g_clear_handle_id (&self->step_timer, g_source_remove);
  if (self->server != NULL)
    soup_server_disconnect (self->server);
  g_clear_object (&self->server);

  G_OBJECT_CLASS (vigie_demo_parent_class)->dispose (object);
}

static void
vigie_demo_finalize (GObject *object)
{
  VigieDemo *self = (VigieDemo *) object;

  g_clear_pointer (&self->timeline, json_node_unref);
  g_clear_pointer (&self->begin, g_date_time_unref);
  g_clear_pointer (&self->end, g_date_time_unref);
  g_clear_pointer (&self->feed_url, g_free);
  g_clear_pointer (&self->payload, g_free);
  g_clear_pointer (&self->step_times, g_array_unref);

  G_OBJECT_CLASS (vigie_demo_parent_class)->finalize (object);
}

static void
vigie_demo_class_init (VigieDemoClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = vigie_demo_dispose;
  object_class->finalize = vigie_demo_finalize;

  /**
   * VigieDemo::step:
   *
   * The served payload changed: poll it now.
   */
  signals[STEP] = g_signal_new ("step", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
vigie_demo_init (VigieDemo *self)
{
  self->step_times = g_array_new (FALSE, FALSE, sizeof (GTimeSpan));
}

static void
add_string_member (JsonBuilder *builder,
                   const char  *name,
                   const char  *value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_string_value (builder, value);
}

static void
add_time_member (JsonBuilder *builder,
                 const char  *name,
                 GDateTime   *time)
{
  g_autofree char *text = g_date_time_format (time, "%Y-%m-%dT%H:%M:%S%:z");

  add_string_member (builder, name, text);
}

typedef struct
{
  const char *type;
  const char *status;
  JsonArray *services;
  GPtrArray *notes;          /* JsonObject* changes with a note, oldest first */
  GDateTime *created;
  GDateTime *updated;
} IncidentState;

/* Applies an incident's changes up to @at. Returns FALSE if it has not
 * begun yet. */
static gboolean
incident_state_at (JsonObject    *incident,
                   GDateTime     *at,
                   IncidentState *state)
{
  JsonArray *changes = vigie_json_get_array (incident, "changes");

  for (guint i = 0; changes != NULL && i < json_array_get_length (changes); i++)
    {
      JsonObject *change = vigie_json_array_get_object (changes, i);
      g_autoptr(GDateTime) when = vigie_json_get_time (change, "at");

      if (when == NULL || g_date_time_compare (when, at) > 0)
        break;

      if (state->created == NULL)
        state->created = g_date_time_ref (when);
      g_clear_pointer (&state->updated, g_date_time_unref);
      state->updated = g_date_time_ref (when);

      if (vigie_json_get_string (change, "type") != NULL)
        state->type = vigie_json_get_string (change, "type");
      if (vigie_json_get_string (change, "status") != NULL)
        state->status = vigie_json_get_string (change, "status");
      if (vigie_json_get_array (change, "services") != NULL)
        state->services = vigie_json_get_array (change, "services");
      if (vigie_json_get_string (change, "note") != NULL)
        g_ptr_array_add (state->notes, change);
    }

  return state->created != NULL;
}

/**
 * vigie_demo_dup_payload_at:
 *
 * Returns: (transfer full): the Slack `current` document of the moment @at
 */
char *
vigie_demo_dup_payload_at (VigieDemo *self,
                           GDateTime *at)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GDateTime) updated = g_date_time_ref (self->begin);
  JsonArray *incidents = timeline_incidents (self);
  gboolean any_active = FALSE;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "active_incidents");
  json_builder_begin_array (builder);

  for (guint i = 0; i < json_array_get_length (incidents); i++)
    {
      JsonObject *incident = vigie_json_array_get_object (incidents, i);
      g_autoptr(GPtrArray) notes = g_ptr_array_new ();
      IncidentState state = { .notes = notes };

      if (!incident_state_at (incident, at, &state))
        continue;

      if (g_strcmp0 (state.status, "resolved") == 0
          && g_date_time_difference (at, state.updated) > RESOLVED_SHOWN_MINUTES * G_TIME_SPAN_MINUTE)
        {
          g_clear_pointer (&state.created, g_date_time_unref);
          g_clear_pointer (&state.updated, g_date_time_unref);
          continue;
        }

      any_active |= g_strcmp0 (state.status, "active") == 0;
      if (g_date_time_compare (state.updated, updated) > 0)
        {
          g_date_time_unref (updated);
          updated = g_date_time_ref (state.updated);
        }

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "id");
      json_builder_add_int_value (builder,
                                  json_object_get_int_member_with_default (incident, "id", 0));
      add_time_member (builder, "date_created", state.created);
      add_time_member (builder, "date_updated", state.updated);
      add_string_member (builder, "title", vigie_json_get_string (incident, "title"));
      add_string_member (builder, "type", state.type != NULL ? state.type : "incident");
      add_string_member (builder, "status", state.status != NULL ? state.status : "active");
      add_string_member (builder, "url", vigie_json_get_string (incident, "url"));
      json_builder_set_member_name (builder, "services");
      json_builder_begin_array (builder);
      for (guint j = 0; state.services != NULL && j < json_array_get_length (state.services); j++)
        json_builder_add_string_value (builder, vigie_json_array_get_string (state.services, j));
      json_builder_end_array (builder);
      json_builder_set_member_name (builder, "notes");
      json_builder_begin_array (builder);
      for (guint j = notes->len; j > 0; j--)
        {
          JsonObject *change = g_ptr_array_index (notes, j - 1);
          g_autoptr(GDateTime) when = vigie_json_get_time (change, "at");

          json_builder_begin_object (builder);
          add_time_member (builder, "date_created", when);
          add_string_member (builder, "body", vigie_json_get_string (change, "note"));
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      json_builder_end_object (builder);

      g_clear_pointer (&state.created, g_date_time_unref);
      g_clear_pointer (&state.updated, g_date_time_unref);
    }

  json_builder_end_array (builder);
  add_string_member (builder, "status", any_active ? "active" : "ok");
  add_time_member (builder, "date_created", self->begin);
  add_time_member (builder, "date_updated", updated);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  return json_generator_to_data (generator, NULL);
}

static void
serve_cb (SoupServer        *server,
          SoupServerMessage *message,
          const char        *path,
          GHashTable        *query,
          gpointer           user_data)
{
  VigieDemo *self = user_data;

  if (g_strcmp0 (path, FEED_PATH) != 0)
    {
      soup_server_message_set_status (message, SOUP_STATUS_NOT_FOUND, NULL);
      return;
    }

  soup_server_message_set_status (message, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (message, "application/json", SOUP_MEMORY_COPY, self->payload,
                                    strlen (self->payload));
}

static GDateTime *
demo_time_at (VigieDemo *self,
              GTimeSpan  offset)
{
  return g_date_time_add (self->begin, offset);
}

static void schedule_next_step (VigieDemo *self);

static gboolean
step_cb (gpointer user_data)
{
  VigieDemo *self = user_data;
  g_autoptr(GDateTime) at = demo_time_at (self, g_array_index (self->step_times, GTimeSpan,
                                                               self->next_step));

  self->step_timer = 0;
  self->next_step++;

  g_free (self->payload);
  self->payload = vigie_demo_dup_payload_at (self, at);
  {
    g_autofree char *shown = g_date_time_format_iso8601 (at);

    g_debug ("demo time %s", shown);
  }

  g_signal_emit (self, signals[STEP], 0);
  schedule_next_step (self);

  return G_SOURCE_REMOVE;
}

static void
schedule_next_step (VigieDemo *self)
{
  GTimeSpan offset;
  gint64 due;
  gint64 wait_ms;

  if (self->next_step >= self->step_times->len)
    return;

  offset = g_array_index (self->step_times, GTimeSpan, self->next_step);
  due = self->started_at + (gint64) (offset / self->demo_seconds_per_second);
  wait_ms = MAX (0, (due - g_get_monotonic_time ()) / 1000);

  self->step_timer = g_timeout_add ((guint) wait_ms, step_cb, self);
}

static int
compare_spans (gconstpointer a,
               gconstpointer b)
{
  GTimeSpan left = *(const GTimeSpan *) a;
  GTimeSpan right = *(const GTimeSpan *) b;

  return left < right ? -1 : left > right;
}

static void
collect_step_times (VigieDemo *self)
{
  JsonArray *incidents = timeline_incidents (self);

  for (guint i = 0; i < json_array_get_length (incidents); i++)
    {
      JsonArray *changes = vigie_json_get_array (vigie_json_array_get_object (incidents, i),
                                                 "changes");

      for (guint j = 0; changes != NULL && j < json_array_get_length (changes); j++)
        {
          g_autoptr(GDateTime) when = vigie_json_get_time (vigie_json_array_get_object (changes, j),
                                                           "at");
          GTimeSpan offset;

          if (when == NULL)
            continue;

          offset = g_date_time_difference (when, self->begin);
          g_array_append_val (self->step_times, offset);

          /* the moment a resolved item leaves the feed is a step too */
          offset += RESOLVED_SHOWN_MINUTES * G_TIME_SPAN_MINUTE + G_TIME_SPAN_MINUTE;
          if (g_strcmp0 (vigie_json_get_string (vigie_json_array_get_object (changes, j), "status"),
                         "resolved") == 0)
            g_array_append_val (self->step_times, offset);
        }
    }

  g_array_sort (self->step_times, compare_spans);
}

/**
 * vigie_demo_new:
 * @speed: how many times faster than the default two minutes to play
 *
 * Loads the timeline and starts serving its first moment on 127.0.0.1.
 *
 * Returns: (transfer full): the demo, or %NULL with @error set
 */
VigieDemo *
vigie_demo_new (double   speed,
                GError **error)
{
  g_autoptr(VigieDemo) self = g_object_new (VIGIE_TYPE_DEMO, NULL);
  g_autoptr(GBytes) bytes = NULL;
  GSList *uris;
  g_autofree char *base = NULL;

  g_return_val_if_fail (speed > 0, NULL);

  bytes = g_resource_lookup_data (vigie_core_get_resource (), TIMELINE_RESOURCE,
                                  G_RESOURCE_LOOKUP_FLAGS_NONE, error);
  if (bytes == NULL)
    return NULL;

  self->timeline = vigie_json_load_bounded (bytes, error);
  if (self->timeline == NULL)
    return NULL;

  self->begin = vigie_json_get_time (timeline_object (self), "begin");
  self->end = vigie_json_get_time (timeline_object (self), "end");
  if (self->begin == NULL || self->end == NULL || timeline_incidents (self) == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "broken demo timeline");
      return NULL;
    }

  self->demo_seconds_per_second = (double) g_date_time_difference (self->end, self->begin)
                                  / G_TIME_SPAN_SECOND / VIGIE_DEMO_DEFAULT_SECONDS * speed;
  collect_step_times (self);
  self->payload = vigie_demo_dup_payload_at (self, self->begin);

  self->server = soup_server_new (NULL, NULL);
  soup_server_add_handler (self->server, NULL, serve_cb, self, NULL);
  if (!soup_server_listen_local (self->server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, error))
    return NULL;

  uris = soup_server_get_uris (self->server);
  base = g_uri_to_string_partial (uris->data, G_URI_HIDE_PASSWORD);
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
  if (g_str_has_suffix (base, "/"))
    base[strlen (base) - 1] = '\0';
  self->feed_url = g_strconcat (base, FEED_PATH, NULL);

  return g_steal_pointer (&self);
}

const char *
vigie_demo_get_feed_url (VigieDemo *self)
{
  g_return_val_if_fail (VIGIE_IS_DEMO (self), NULL);

  return self->feed_url;
}

const char *
vigie_demo_get_service_name (VigieDemo *self)
{
  g_return_val_if_fail (VIGIE_IS_DEMO (self), NULL);

  return vigie_json_get_string (timeline_object (self), "service");
}

const char *
vigie_demo_get_status_page (VigieDemo *self)
{
  g_return_val_if_fail (VIGIE_IS_DEMO (self), NULL);

  return vigie_json_get_string (timeline_object (self), "status_page");
}

/**
 * vigie_demo_start:
 *
 * Starts the clock.  Call it once the first poll has seen the calm before
 * the outage, so that the outage is news.
 */
void
vigie_demo_start (VigieDemo *self)
{
  g_return_if_fail (VIGIE_IS_DEMO (self));

  if (self->started_at != 0)
    return;

  self->started_at = g_get_monotonic_time ();
  schedule_next_step (self);
}

gboolean
vigie_demo_is_started (VigieDemo *self)
{
  g_return_val_if_fail (VIGIE_IS_DEMO (self), FALSE);

  return self->started_at != 0;
}

/**
 * vigie_demo_is_over:
 *
 * Returns: whether the replay played its last change (the day is over)
 */
gboolean
vigie_demo_is_over (VigieDemo *self)
{
  g_return_val_if_fail (VIGIE_IS_DEMO (self), FALSE);

  return vigie_demo_is_started (self) && self->next_step >= self->step_times->len;
}
