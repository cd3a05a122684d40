/* vigie-discover.c: finding the feed behind a status page's address
 *
 * People know the address of a status page (https://status.example.com/),
 * not the address of its feed.  When that address answers with a web page,
 * the paths where status-page hosts publish their feed are tried, one
 * after the other, and the first answer that reads as a feed wins:
 *
 *   api/v2/summary.json   Atlassian Statuspage, and incident.io pages
 *                         (their Statuspage-compatible API)
 *   summary.json          Instatus
 *   history.atom          Statuspage incident history (pages whose JSON
 *                         API is switched off)
 *   api/v2.0.0/current    Slack's own status API
 *   api/v1/components     Cachet, self-hosted
 *
 * They are tried under the path of the address given first, since a page
 * can live below its host's root (https://example.com/status/ publishes
 * https://example.com/status/api/v2/summary.json), then at the root.
 *
 * Not tried: Better Stack's /index.json and incident.io's own
 * /proxy/<host>, which Vigie has no parser for (no real response of
 * either was found to test one against).  Better Stack pages answer every
 * path with their HTML page, which reads as no feed at all.
 *
 * Each probe is an ordinary fetch, bounded in time, size and redirects by
 * the fetcher.  A probe that fails at the transport level (timeout, no
 * connection) ends the search: the other paths are on the same server.
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vigie-discover"

#include "config.h"

#include <string.h>

#include "feeds/vigie-feeds.h"
#include "vigie-discover-private.h"

/* As tried at the root; under another path they keep their order */
static const char * const feed_paths[] = {
  "/api/v2/summary.json",
  "/summary.json",
  "/history.atom",
  "/api/v2.0.0/current",
  "/api/v1/components",
  NULL
};

typedef struct
{
  VigieFetcher *fetcher;
  char *page_url;
  char *scheme;
  char *host;
  int port;
  GStrv bases;        /* the folders to probe under, each ending in "/" */
  gsize max_bytes;
  guint next_base;
  guint next;
} DiscoverData;

typedef struct
{
  char *feed_url;
  VigieSnapshot *snapshot;
  VigieResponse *response;
} DiscoverResult;

static void
discover_data_free (DiscoverData *data)
{
  g_clear_object (&data->fetcher);
  g_free (data->page_url);
  g_free (data->scheme);
  g_free (data->host);
  g_strfreev (data->bases);
  g_free (data);
}

static void
discover_result_free (DiscoverResult *result)
{
  g_free (result->feed_url);
  g_clear_object (&result->snapshot);
  g_clear_object (&result->response);
  g_free (result);
}

/**
 * vigie_discover_list_paths:
 *
 * Returns: (transfer none): the paths tried, in order
 */
const char * const *
vigie_discover_list_paths (void)
{
  return feed_paths;
}

/* The folders to look under: the address's own path as a folder
 * ("/acme" and "/acme/" both give "/acme/"), then the root */
static GStrv
list_bases (const char *page_path)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autofree char *folder = NULL;

  if (page_path != NULL && *page_path == '/' && strcmp (page_path, "/") != 0)
    {
      folder = g_str_has_suffix (page_path, "/") ? g_strdup (page_path)
                                                  : g_strconcat (page_path, "/", NULL);
      g_strv_builder_add (builder, folder);
    }
  g_strv_builder_add (builder, "/");

  return g_strv_builder_end (builder);
}

static void probe_next (GTask *task);

static void
probe_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  DiscoverData *data = g_task_get_task_data (task);
  g_autoptr(VigieResponse) response = NULL;
  g_autoptr(VigieSnapshot) snapshot = NULL;
  g_autoptr(GError) error = NULL;
  DiscoverResult *found;

  response = vigie_fetcher_fetch_finish (VIGIE_FETCHER (object), result, &error);
  if (response == NULL)
    {
      /* the same server will not do better on another path */
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (!vigie_response_is_success (response))
    {
      g_debug ("%s: %s: http %u", data->page_url, vigie_response_get_final_url (response),
               vigie_response_get_status (response));
      probe_next (g_steal_pointer (&task));
      return;
    }

  snapshot = vigie_feeds_parse (VIGIE_FEED_FORMAT_AUTO, vigie_response_get_body (response), NULL,
                                &error);
  if (snapshot == NULL)
    {
      g_debug ("%s: %s: %s", data->page_url, vigie_response_get_final_url (response),
               error->message);
      probe_next (g_steal_pointer (&task));
      return;
    }

  found = g_new0 (DiscoverResult, 1);
  found->feed_url = g_strdup (vigie_response_get_final_url (response));
  found->snapshot = g_steal_pointer (&snapshot);
  found->response = g_steal_pointer (&response);
  g_task_return_pointer (task, found, (GDestroyNotify) discover_result_free);
}

static void
probe_next (GTask *task)
{
  DiscoverData *data = g_task_get_task_data (task);
  g_autofree char *url = NULL;

  if (g_task_return_error_if_cancelled (task))
    {
      g_object_unref (task);
      return;
    }

  while (url == NULL && data->bases[data->next_base] != NULL)
    {
      g_autofree char *path = NULL;

      if (feed_paths[data->next] == NULL)
        {
          data->next_base++;
          data->next = 0;
          continue;
        }

      /* the paths without their leading "/", under the base */
      path = g_strconcat (data->bases[data->next_base], feed_paths[data->next++] + 1, NULL);
      url = g_uri_join (G_URI_FLAGS_ENCODED, data->scheme, NULL, data->host, data->port, path,
                        NULL, NULL);
      /* the address given was already this one, and it gave a page */
      if (g_strcmp0 (url, data->page_url) == 0)
        g_clear_pointer (&url, g_free);
    }

  if (url == NULL)
    {
      g_task_return_new_error (task, VIGIE_FEED_ERROR, VIGIE_FEED_ERROR_HTML,
                               "html page without a feed at known paths");
      g_object_unref (task);
      return;
    }

  g_debug ("%s: trying %s", data->page_url, url);
  vigie_fetcher_fetch_async (data->fetcher, url, NULL, NULL, data->max_bytes,
                             g_task_get_cancellable (task), probe_cb, task);
}

/**
 * vigie_discover_feed_async:
 * @fetcher: the fetcher to probe with
 * @page_url: the address of a status page, which answered with HTML
 * @max_bytes: the largest body accepted from each probe
 *
 * Looks for the feed of the status page at @page_url on the known feed
 * paths of its origin (see the top of this file).
 */
void
vigie_discover_feed_async (VigieFetcher        *fetcher,
                           const char          *page_url,
                           gsize                max_bytes,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GUri) uri = NULL;
  DiscoverData *data;

  g_return_if_fail (VIGIE_IS_FETCHER (fetcher));
  g_return_if_fail (page_url != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, vigie_discover_feed_async);

  /* the path as given, %-encoding kept, to build the probes from */
  uri = g_uri_parse (page_url, G_URI_FLAGS_ENCODED, NULL);
  if (uri == NULL || g_uri_get_host (uri) == NULL || *g_uri_get_host (uri) == '\0')
    {
      g_task_return_new_error (task, VIGIE_FETCH_ERROR, VIGIE_FETCH_ERROR_INVALID_URL,
                               "invalid url");
      return;
    }

  data = g_new0 (DiscoverData, 1);
  data->fetcher = g_object_ref (fetcher);
  data->page_url = g_strdup (page_url);
  data->scheme = g_ascii_strdown (g_uri_get_scheme (uri), -1);
  data->host = g_strdup (g_uri_get_host (uri));
  data->port = g_uri_get_port (uri);
  data->bases = list_bases (g_uri_get_path (uri));
  data->max_bytes = max_bytes;
  g_task_set_task_data (task, data, (GDestroyNotify) discover_data_free);

  probe_next (g_steal_pointer (&task));
}

/**
 * vigie_discover_feed_finish:
 * @out_snapshot: (out) (optional) (transfer full): the feed, read
 * @out_response: (out) (optional) (transfer full): the response it came in
 *
 * Returns: (transfer full): the address of the feed found, or %NULL with
 *   @error set: the transport error that ended the search, or
 *   %VIGIE_FEED_ERROR_HTML when no known path held a feed
 */
char *
vigie_discover_feed_finish (GAsyncResult   *result,
                            VigieSnapshot **out_snapshot,
                            VigieResponse **out_response,
                            GError        **error)
{
  DiscoverResult *found;
  char *feed_url;

  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == vigie_discover_feed_async,
                        NULL);

  found = g_task_propagate_pointer (G_TASK (result), error);
  if (found == NULL)
    return NULL;

  if (out_snapshot != NULL)
    *out_snapshot = g_steal_pointer (&found->snapshot);
  if (out_response != NULL)
    *out_response = g_steal_pointer (&found->response);
  feed_url = g_steal_pointer (&found->feed_url);
  discover_result_free (found);

  return feed_url;
}
