/* vigie-feeds.c: every supported feed format, and detection
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vigie-feeds"

#include "config.h"

#include <string.h>

#include "vigie-feed-format-private.h"
#include "vigie-feeds.h"
#include "vigie-json.h"

/* Detection tries formats in this order: the most specific shapes first.
 * Statuspage comes last among JSON formats: it claims any object with a
 * "page" next to "components", which an Instatus summary can also have. */
static const VigieFeedFormat * const formats[] = {
  &vigie_feed_format_slack,
  &vigie_feed_format_google,
  &vigie_feed_format_microsoft,
  &vigie_feed_format_statusio,
  &vigie_feed_format_webex,
  &vigie_feed_format_cachet,
  &vigie_feed_format_instatus,
  &vigie_feed_format_statuspage,
  &vigie_feed_format_atom,
};

static const VigieFeedFormat *
find_format (const char *id)
{
  if (id == NULL)
    return NULL;

  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    if (g_str_equal (formats[i]->id, id))
      return formats[i];

  return NULL;
}

gboolean
vigie_feeds_is_known_format (const char *format)
{
  return find_format (format) != NULL;
}

/**
 * vigie_feeds_list_formats:
 *
 * Returns: (transfer none): the ids of every supported format
 */
const char * const *
vigie_feeds_list_formats (void)
{
  static const char *ids[G_N_ELEMENTS (formats) + 1];

  if (ids[0] == NULL)
    for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
      ids[i] = formats[i]->id;

  return ids;
}

const char *
vigie_feeds_get_format_label (const char *format)
{
  const VigieFeedFormat *found = find_format (format);

  return found != NULL ? found->label : NULL;
}

/**
 * vigie_feeds_get_min_interval:
 *
 * Returns: the shortest poll interval, in seconds, the vendor of @format
 *   asks for, or 0
 */
guint
vigie_feeds_get_min_interval (const char *format)
{
  const VigieFeedFormat *found = find_format (format);

  return found != NULL ? found->min_interval : 0;
}

/**
 * vigie_feeds_lists_all_components:
 * @format: (nullable): a format id
 *
 * Whether a document of @format names every component of its page, or
 * only the ones an incident is about (see #VigieFeedFormat).  An unknown
 * format is taken to list them all: a component it does not name then
 * reads as missing rather than as healthy.
 *
 * Returns: %TRUE when a component absent from a snapshot of @format does
 *   not exist on that page
 */
gboolean
vigie_feeds_lists_all_components (const char *format)
{
  const VigieFeedFormat *found = find_format (format);

  return found != NULL ? found->components_complete : TRUE;
}

static gboolean
looks_like_xml (GBytes *body)
{
  gsize size;
  const char *data = g_bytes_get_data (body, &size);
  gsize i = 0;

  if (size >= 3 && memcmp (data, "\xef\xbb\xbf", 3) == 0)
    i = 3;
  while (i < size && g_ascii_isspace (data[i]))
    i++;

  return i < size && data[i] == '<';
}

static VigieSnapshot *
parse_with (const VigieFeedFormat *format,
            JsonNode              *root,
            GBytes                *body,
            GDateTime             *now,
            GError               **error)
{
  VigieSnapshot *snapshot;

  if (root != NULL)
    snapshot = format->parse_json (root, now, error);
  else
    snapshot = format->parse_xml (body, now, error);

  if (snapshot != NULL)
    vigie_snapshot_set_format (snapshot, format->id);

  return snapshot;
}

/**
 * vigie_feeds_parse:
 * @format: (nullable): a format id, or %NULL / "auto" to detect it
 * @body: the response body
 * @now: (nullable): the time to judge maintenance windows by; %NULL for now
 * @error: the reason, in the #VIGIE_FEED_ERROR domain
 *
 * Turns a response into a snapshot.  Size and structure are bounded before
 * any parser runs; a wrong, broken or hostile document is an error, never
 * a healthy snapshot.
 *
 * Returns: (transfer full): the snapshot, or %NULL with @error set
 */
VigieSnapshot *
vigie_feeds_parse (const char  *format,
                   GBytes      *body,
                   GDateTime   *now,
                   GError     **error)
{
  g_autoptr(GDateTime) current_time = NULL;
  g_autoptr(JsonNode) root = NULL;
  const VigieFeedFormat *chosen = NULL;
  gboolean detect;

  g_return_val_if_fail (body != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (now == NULL)
    now = current_time = g_date_time_new_now_utc ();

  detect = format == NULL || g_str_equal (format, VIGIE_FEED_FORMAT_AUTO);
  if (!detect)
    {
      chosen = find_format (format);
      if (chosen == NULL)
        {
          g_set_error (error, VIGIE_FEED_ERROR, VIGIE_FEED_ERROR_UNKNOWN_FORMAT,
                       "unsupported format \"%s\"", format);
          return NULL;
        }
    }

  if (g_bytes_get_size (body) == 0)
    {
      g_set_error_literal (error, VIGIE_FEED_ERROR, VIGIE_FEED_ERROR_EMPTY, "empty response");
      return NULL;
    }

  /* XML formats first: a feed can start with a comment, as a page can,
   * and only a format's own detection tells them apart */
  if (detect && looks_like_xml (body))
    for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
      if (formats[i]->detect_xml != NULL && formats[i]->detect_xml (body))
        return parse_with (formats[i], NULL, body, now, error);

  if (vigie_json_looks_like_html (body))
    {
      g_set_error_literal (error, VIGIE_FEED_ERROR, VIGIE_FEED_ERROR_HTML,
                           "html page instead of a feed");
      return NULL;
    }

  /* XML formats read the bytes themselves */
  if (chosen != NULL && chosen->parse_xml != NULL)
    return parse_with (chosen, NULL, body, now, error);

  if (detect && looks_like_xml (body))
    {
      g_set_error_literal (error, VIGIE_FEED_ERROR, VIGIE_FEED_ERROR_UNKNOWN_FORMAT,
                           "unrecognised feed format");
      return NULL;
    }

  root = vigie_json_load_bounded (body, error);
  if (root == NULL)
    return NULL;

  if (chosen != NULL)
    return parse_with (chosen, root, NULL, now, error);

  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    if (formats[i]->detect_json != NULL && formats[i]->detect_json (root))
      return parse_with (formats[i], root, NULL, now, error);

  g_set_error_literal (error, VIGIE_FEED_ERROR, VIGIE_FEED_ERROR_UNKNOWN_FORMAT,
                       "unrecognised feed format");
  return NULL;
}

/* Bodies larger than this are parsed in a worker thread: Google's history
 * (over a megabyte) takes about 100 ms, too long to stall a window. */
#define THREADED_PARSE_BYTES (256 * 1024)

typedef struct
{
  char *format;
  GBytes *body;
} ParseData;

static void
parse_data_free (ParseData *data)
{
  g_free (data->format);
  g_bytes_unref (data->body);
  g_free (data);
}

static void
parse_in_thread (GTask        *task,
                 gpointer      source_object,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  ParseData *data = task_data;
  GError *error = NULL;
  VigieSnapshot *snapshot;

  /* parsers share no state: each call has its own tree and snapshot */
  snapshot = vigie_feeds_parse (data->format, data->body, NULL, &error);
  if (snapshot == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, snapshot, g_object_unref);
}

/**
 * vigie_feeds_parse_async:
 *
 * vigie_feeds_parse() without blocking the caller's main loop on large
 * bodies, judged at the current time.
 */
void
vigie_feeds_parse_async (const char          *format,
                         GBytes              *body,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  ParseData *data;

  g_return_if_fail (body != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, vigie_feeds_parse_async);

  data = g_new0 (ParseData, 1);
  data->format = g_strdup (format);
  data->body = g_bytes_ref (body);
  g_task_set_task_data (task, data, (GDestroyNotify) parse_data_free);

  if (g_bytes_get_size (body) > THREADED_PARSE_BYTES)
    g_task_run_in_thread (task, parse_in_thread);
  else
    parse_in_thread (task, NULL, data, cancellable);
}

/**
 * vigie_feeds_parse_finish:
 *
 * Returns: (transfer full): the snapshot, or %NULL with @error set
 */
VigieSnapshot *
vigie_feeds_parse_finish (GAsyncResult  *result,
                          GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
