/* vigie-fetcher.c: polite, bounded HTTP GET of status feeds
 *
 * One SoupSession per fetcher, and a fetcher per user of the network: the
 * monitor's polls, the preferences' check of a custom feed's address and
 * `--check` each have theirs, so that cancelling one (closing the
 * preferences) aborts nothing of the others.  Every fetch is bounded in
 * time (socket and total deadlines), in size (the decoded body is read in
 * chunks and dropped past a cap) and in redirects (few, and never from
 * https: down to plain http: on another host).
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vigie-fetcher"

#include "config.h"

#include <libsoup/soup.h>
#include <string.h>

#include "vigie-fetcher.h"
#include "vigie-limits.h"
#include "vigie-text.h"

/* Reads ask for what is left of a known length (and then one byte, to
 * see the end), else READ_CHUNK_BYTES: each read allocates what it asks
 * for, and 64 KiB asked for a 2 KB feed, every poll, leaves holes in the
 * heap that long-lived data then pins. */
#define READ_CHUNK_BYTES  (16 * 1024)
#define DRAIN_CHUNK_BYTES (4 * 1024)
#define MAX_HEADER_BYTES  256
#define MAX_RETRY_AFTER   (24 * 60 * 60)
#define MAX_MAX_AGE       (60 * 60)

/* An unwanted body (a 304's, an error page's, a redirect's) is read to its
 * end, up to this much, so that libsoup can reuse the connection: closing
 * a response before its end makes it drop the connection, and a feed left
 * unchanged would then cost a new TCP (and TLS) handshake at every poll.
 * Past this size, dropping the connection is cheaper than reading on. */
#define MAX_DRAIN_BYTES   (64 * 1024)

struct _VigieFetcher
{
  GObject parent_instance;

  SoupSession *session;
  guint total_timeout;
};

G_DEFINE_FINAL_TYPE (VigieFetcher, vigie_fetcher, G_TYPE_OBJECT)

G_DEFINE_QUARK (vigie-fetch-error-quark, vigie_fetch_error)

typedef struct
{
  char *url;
  char *etag;
  char *last_modified;
  gsize max_bytes;
  guint redirects;

  SoupMessage *message;
  GInputStream *stream;
  GByteArray *buffer;
  VigieResponse *response;

  /* Content-Length of the body being read, or -1; and whether the bytes
   * on the wire are compressed (then the count to check is the raw one) */
  goffset expected_length;
  gboolean content_encoded;

  /* while an unwanted body is drained: how much was read, and where to
   * go next (NULL: return the response) */
  gsize drained;
  char *next_url;

  /* Our own cancellable, cancelled by the caller's or by the deadline */
  GCancellable *operation;
  GCancellable *caller;
  gulong caller_handler;
  guint deadline_id;
  gboolean timed_out;
} FetchData;

static void
fetch_data_free (FetchData *data)
{
  if (data->caller_handler != 0)
    g_cancellable_disconnect (data->caller, data->caller_handler);
  g_clear_object (&data->caller);
  g_clear_handle_id (&data->deadline_id, g_source_remove);
  g_clear_object (&data->operation);
  g_clear_object (&data->message);
  g_clear_object (&data->stream);
  g_clear_object (&data->response);
  g_clear_pointer (&data->buffer, g_byte_array_unref);
  g_free (data->url);
  g_free (data->next_url);
  g_free (data->etag);
  g_free (data->last_modified);
  g_free (data);
}

static void
vigie_fetcher_dispose (GObject *object)
{
  VigieFetcher *self = (VigieFetcher *) object;

  if (self->session != NULL)
    soup_session_abort (self->session);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (vigie_fetcher_parent_class)->dispose (object);
}

static void
vigie_fetcher_class_init (VigieFetcherClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = vigie_fetcher_dispose;
}

static void
vigie_fetcher_init (VigieFetcher *self)
{
  /* A trailing space makes libsoup append its own name and version. */
  self->session = soup_session_new_with_options ("user-agent",
                                                 "Vigie/" PACKAGE_VERSION " (+" PACKAGE_URL ") ",
                                                 "timeout", VIGIE_IO_TIMEOUT_SECONDS,
                                                 "idle-timeout", 60,
                                                 "max-conns-per-host", 2,
                                                 NULL);
  self->total_timeout = VIGIE_TOTAL_TIMEOUT_SECONDS;
}

VigieFetcher *
vigie_fetcher_new (void)
{
  return g_object_new (VIGIE_TYPE_FETCHER, NULL);
}

/**
 * vigie_fetcher_set_timeouts:
 * @io_seconds: the longest wait for the socket (connect, any read)
 * @total_seconds: the longest a whole fetch, redirects included, may take
 */
void
vigie_fetcher_set_timeouts (VigieFetcher *self,
                            guint         io_seconds,
                            guint         total_seconds)
{
  g_return_if_fail (VIGIE_IS_FETCHER (self));
  g_return_if_fail (io_seconds > 0 && total_seconds > 0);

  soup_session_set_timeout (self->session, io_seconds);
  self->total_timeout = total_seconds;
}

const char *
vigie_fetcher_get_user_agent (VigieFetcher *self)
{
  g_return_val_if_fail (VIGIE_IS_FETCHER (self), NULL);

  return soup_session_get_user_agent (self->session);
}

/* Header values are echoed back to the server or parsed; keep only short,
 * printable ones. */
static char *
dup_header (SoupMessageHeaders *headers,
            const char         *name)
{
  const char *value = soup_message_headers_get_one (headers, name);

  if (value == NULL || strlen (value) > MAX_HEADER_BYTES)
    return NULL;

  for (const char *p = value; *p != '\0'; p++)
    if ((guchar) *p < 0x20 || (guchar) *p >= 0x7f)
      return NULL;

  return g_strdup (value);
}

static gint64
parse_retry_after (SoupMessageHeaders *headers)
{
  g_autofree char *value = dup_header (headers, "Retry-After");
  g_autoptr(GDateTime) when = NULL;
  g_autoptr(GDateTime) now = NULL;
  guint64 seconds;

  if (value == NULL)
    return -1;

  g_strstrip (value);
  if (g_ascii_string_to_unsigned (value, 10, 0, G_MAXUINT32, &seconds, NULL))
    return MIN ((gint64) seconds, MAX_RETRY_AFTER);

  when = soup_date_time_new_from_http_string (value);
  if (when == NULL)
    return -1;

  now = g_date_time_new_now_utc ();
  return CLAMP (g_date_time_difference (when, now) / G_TIME_SPAN_SECOND, 0, MAX_RETRY_AFTER);
}

static gint64
parse_max_age (SoupMessageHeaders *headers)
{
  const char *value = soup_message_headers_get_list (headers, "Cache-Control");
  g_autoptr(GHashTable) params = NULL;
  const char *max_age;
  guint64 seconds;

  if (value == NULL)
    return -1;

  params = soup_header_parse_param_list (value);
  if (g_hash_table_contains (params, "no-store") || g_hash_table_contains (params, "no-cache"))
    return 0;

  max_age = g_hash_table_lookup (params, "max-age");
  if (max_age == NULL || !g_ascii_string_to_unsigned (max_age, 10, 0, G_MAXUINT32, &seconds, NULL))
    return -1;

  return MIN ((gint64) seconds, MAX_MAX_AGE);
}

static GError *
translate_error (FetchData    *data,
                 const GError *error,
                 gboolean      reading_body)
{
  if (data->timed_out || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT))
    return g_error_new_literal (VIGIE_FETCH_ERROR, VIGIE_FETCH_ERROR_TIMEOUT, "timeout");

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return g_error_copy (error);

  if (reading_body)
    return g_error_new_literal (VIGIE_FETCH_ERROR, VIGIE_FETCH_ERROR_TRUNCATED,
                                "truncated response");

  if (error->domain == G_RESOLVER_ERROR)
    return g_error_new_literal (VIGIE_FETCH_ERROR, VIGIE_FETCH_ERROR_HOST_NOT_FOUND,
                                "host not found");

  if (error->domain == G_TLS_ERROR)
    return g_error_new_literal (VIGIE_FETCH_ERROR, VIGIE_FETCH_ERROR_TLS, "tls error");

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED))
    return g_error_new_literal (VIGIE_FETCH_ERROR, VIGIE_FETCH_ERROR_CONNECTION,
                                "connection refused");

  return g_error_new_literal (VIGIE_FETCH_ERROR, VIGIE_FETCH_ERROR_CONNECTION,
                              "connection failed");
}

static void
fail_task (GTask  *task,
           GError *error)
{
  FetchData *data = g_task_get_task_data (task);

  /* Closing drops the connection instead of draining an unwanted body. */
  if (data->stream != NULL)
    g_input_stream_close (data->stream, NULL, NULL);

  g_task_return_error (task, error);
}

static void start_request (GTask *task);

/* libsoup reads a body that ends before its Content-Length as complete
 * when the server also said "Connection: close" (its leniency for servers
 * that send wrong lengths), so the length is checked here. */
static gboolean
body_is_truncated (FetchData *data)
{
  SoupMessageMetrics *metrics;

  if (data->expected_length < 0)
    return FALSE;

  if (!data->content_encoded)
    return (goffset) data->buffer->len < data->expected_length;

  /* the decoded size says nothing: count the bytes that came in */
  metrics = soup_message_get_metrics (data->message);
  return metrics != NULL
         && soup_message_metrics_get_response_body_bytes_received (metrics)
            < (guint64) data->expected_length;
}

static gsize
next_read_size (FetchData *data)
{
  if (data->expected_length >= 0 && !data->content_encoded
      && (goffset) data->buffer->len < data->expected_length)
    return (gsize) MIN (data->expected_length - (goffset) data->buffer->len, READ_CHUNK_BYTES);

  if (data->expected_length >= 0 && !data->content_encoded)
    return 1;   /* the end, or one byte too many */

  return READ_CHUNK_BYTES;
}

static void
read_chunk_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  FetchData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) chunk = NULL;
  gsize size;

  chunk = g_input_stream_read_bytes_finish (G_INPUT_STREAM (object), result, &error);
  if (chunk == NULL)
    {
      fail_task (task, translate_error (data, error, TRUE));
      return;
    }

  size = g_bytes_get_size (chunk);
  if (size == 0 && body_is_truncated (data))
    {
      fail_task (task, g_error_new_literal (VIGIE_FETCH_ERROR, VIGIE_FETCH_ERROR_TRUNCATED,
                                            "truncated response"));
      return;
    }

  if (size == 0)
    {
      g_autoptr(GBytes) body = g_byte_array_free_to_bytes (g_steal_pointer (&data->buffer));

      g_input_stream_close (data->stream, NULL, NULL);
      vigie_response_set_body (data->response, body);
      g_task_return_pointer (task, g_steal_pointer (&data->response), g_object_unref);
      return;
    }

  if (data->buffer->len + size > data->max_bytes)
    {
      fail_task (task, g_error_new_literal (VIGIE_FETCH_ERROR, VIGIE_FETCH_ERROR_TOO_LARGE,
                                            "response too large"));
      return;
    }

  g_byte_array_append (data->buffer, g_bytes_get_data (chunk, NULL), size);
  g_input_stream_read_bytes_async (data->stream, next_read_size (data), G_PRIORITY_DEFAULT,
                                   data->operation, read_chunk_cb, g_steal_pointer (&task));
}

/* The unwanted body is read (or given up on): go on with the redirect, or
 * return the response. */
static void
drain_done (GTask *task)
{
  FetchData *data = g_task_get_task_data (task);

  /* after the end of the body, closing keeps the connection */
  g_input_stream_close (data->stream, NULL, NULL);
  g_clear_object (&data->stream);

  if (data->next_url == NULL)
    {
      g_task_return_pointer (task, g_steal_pointer (&data->response), g_object_unref);
      g_object_unref (task);
      return;
    }

  g_clear_object (&data->message);
  g_free (data->url);
  data->url = g_steal_pointer (&data->next_url);
  start_request (task);
}

static void
drain_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  GTask *task = user_data;
  FetchData *data = g_task_get_task_data (task);
  g_autoptr(GBytes) chunk = NULL;
  g_autoptr(GError) error = NULL;
  gsize size;

  /* A failure here (the deadline, a broken connection) loses nothing but
   * the connection: the response is already known. */
  chunk = g_input_stream_read_bytes_finish (G_INPUT_STREAM (object), result, &error);
  size = chunk != NULL ? g_bytes_get_size (chunk) : 0;
  data->drained += size;
  if (size > 0 && data->drained <= MAX_DRAIN_BYTES)
    {
      g_input_stream_read_bytes_async (data->stream, DRAIN_CHUNK_BYTES, G_PRIORITY_DEFAULT,
                                       data->operation, drain_cb, task);
      return;
    }

  drain_done (task);
}

/* Takes @task */
static void
drain_body (GTask *task)
{
  FetchData *data = g_task_get_task_data (task);

  data->drained = 0;
  g_input_stream_read_bytes_async (data->stream, DRAIN_CHUNK_BYTES, G_PRIORITY_DEFAULT,
                                   data->operation, drain_cb, task);
}

/* A hop may lead to https:, or from plain http: on this machine to plain
 * http: on this machine; never from https: or from another host down to
 * plain http:, not even to this machine, where other services listen. */
static gboolean
redirect_is_allowed (const char *from,
                     GUri       *to,
                     const char *to_url)
{
  if (to_url == NULL || !vigie_link_is_fetchable (to_url))
    return FALSE;

  if (g_ascii_strcasecmp (g_uri_get_scheme (to), "https") == 0)
    return TRUE;

  return g_ascii_strncasecmp (from, "http:", 5) == 0 && vigie_link_is_loopback (from);
}

/* Returns %TRUE when the redirect was handled: followed, or refused with an
 * error returned on @task. */
static gboolean
follow_redirect (GTask *task)
{
  FetchData *data = g_task_get_task_data (task);
  SoupMessageHeaders *headers = soup_message_get_response_headers (data->message);
  const char *location = soup_message_headers_get_one (headers, "Location");
  g_autoptr(GUri) next = NULL;
  g_autofree char *next_url = NULL;

  if (location == NULL || strlen (location) > VIGIE_MAX_URL_BYTES)
    return FALSE;

  if (++data->redirects > VIGIE_MAX_REDIRECTS)
    {
      fail_task (task, g_error_new_literal (VIGIE_FETCH_ERROR, VIGIE_FETCH_ERROR_TOO_MANY_REDIRECTS,
                                            "too many redirects"));
      return TRUE;
    }

  next = g_uri_parse_relative (soup_message_get_uri (data->message), location,
                               SOUP_HTTP_URI_FLAGS, NULL);
  next_url = next != NULL ? g_uri_to_string (next) : NULL;
  if (!redirect_is_allowed (data->url, next, next_url))
    {
      fail_task (task, g_error_new_literal (VIGIE_FETCH_ERROR, VIGIE_FETCH_ERROR_INSECURE_REDIRECT,
                                            "redirect to insecure url"));
      return TRUE;
    }

  g_free (data->next_url);
  data->next_url = g_steal_pointer (&next_url);

  /* validators belong to the first URL only */
  g_clear_pointer (&data->etag, g_free);
  g_clear_pointer (&data->last_modified, g_free);

  drain_body (g_object_ref (task));
  return TRUE;
}

static void
send_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  FetchData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  SoupMessageHeaders *headers;
  guint status;
  goffset length;
  g_autofree char *etag = NULL;
  g_autofree char *last_modified = NULL;
  g_autofree char *content_type = NULL;

  data->stream = soup_session_send_finish (SOUP_SESSION (object), result, &error);
  if (data->stream == NULL)
    {
      fail_task (task, translate_error (data, error, FALSE));
      return;
    }

  status = soup_message_get_status (data->message);
  headers = soup_message_get_response_headers (data->message);

  if (SOUP_STATUS_IS_REDIRECTION (status) && status != SOUP_STATUS_NOT_MODIFIED
      && follow_redirect (task))
    return;

  etag = dup_header (headers, "ETag");
  last_modified = dup_header (headers, "Last-Modified");
  content_type = dup_header (headers, "Content-Type");

  data->response = vigie_response_new (status, data->url);
  vigie_response_set_headers (data->response, content_type, etag, last_modified,
                              parse_retry_after (headers), parse_max_age (headers));

  if (!SOUP_STATUS_IS_SUCCESSFUL (status))
    {
      /* the body of a 304 or of an error page is of no use, but reading
       * it keeps the connection */
      drain_body (g_steal_pointer (&task));
      return;
    }

  length = soup_message_headers_get_content_length (headers);
  data->content_encoded = soup_message_headers_get_one (headers, "Content-Encoding") != NULL;
  data->expected_length = soup_message_headers_get_encoding (headers) == SOUP_ENCODING_CONTENT_LENGTH
                            ? length : -1;
  if (data->expected_length >= 0 && !data->content_encoded
      && length > (goffset) data->max_bytes)
    {
      fail_task (task, g_error_new_literal (VIGIE_FETCH_ERROR, VIGIE_FETCH_ERROR_TOO_LARGE,
                                            "response too large"));
      return;
    }

  data->buffer = g_byte_array_sized_new (data->expected_length > 0 && !data->content_encoded
                                         && data->expected_length <= (goffset) data->max_bytes
                                           ? (guint) data->expected_length : READ_CHUNK_BYTES);
  g_input_stream_read_bytes_async (data->stream, next_read_size (data), G_PRIORITY_DEFAULT,
                                   data->operation, read_chunk_cb, g_steal_pointer (&task));
}

/* A 304 has no body, whatever its headers say; but libsoup 3 (3.2 at
 * least) reads a response without Content-Length or Transfer-Encoding as
 * ending with the connection, and so drops the connection after a 304 that
 * omits Content-Length, as nginx and most CDNs send them.  Saying there is
 * no body lets libsoup keep the connection. */
static void
got_headers_cb (SoupMessage *message,
                gpointer     user_data)
{
  SoupMessageHeaders *headers = soup_message_get_response_headers (message);
  guint status = soup_message_get_status (message);

  if ((status == SOUP_STATUS_NOT_MODIFIED || status == SOUP_STATUS_NO_CONTENT)
      && soup_message_headers_get_encoding (headers) == SOUP_ENCODING_EOF)
    soup_message_headers_set_encoding (headers, SOUP_ENCODING_NONE);
}

static void
start_request (GTask *task)
{
  VigieFetcher *self = g_task_get_source_object (task);
  FetchData *data = g_task_get_task_data (task);
  SoupMessageHeaders *request_headers;

  data->message = soup_message_new (SOUP_METHOD_GET, data->url);
  if (data->message == NULL)
    {
      g_task_return_new_error (task, VIGIE_FETCH_ERROR, VIGIE_FETCH_ERROR_INVALID_URL,
                               "invalid url");
      g_object_unref (task);
      return;
    }

  /* Redirects are followed here, so that each hop is checked; metrics
   * count the raw body bytes of compressed responses. */
  soup_message_add_flags (data->message, SOUP_MESSAGE_NO_REDIRECT | SOUP_MESSAGE_COLLECT_METRICS);
  g_signal_connect (data->message, "got-headers", G_CALLBACK (got_headers_cb), NULL);

  request_headers = soup_message_get_request_headers (data->message);
  soup_message_headers_replace (request_headers, "Accept",
                                "application/json, application/atom+xml;q=0.9, "
                                "application/rss+xml;q=0.9, text/xml;q=0.8, */*;q=0.1");
  if (data->etag != NULL)
    soup_message_headers_replace (request_headers, "If-None-Match", data->etag);
  if (data->last_modified != NULL)
    soup_message_headers_replace (request_headers, "If-Modified-Since", data->last_modified);

  soup_session_send_async (self->session, data->message, G_PRIORITY_DEFAULT, data->operation,
                           send_cb, task);
}

static gboolean
deadline_cb (gpointer user_data)
{
  FetchData *data = user_data;

  data->deadline_id = 0;
  data->timed_out = TRUE;
  g_cancellable_cancel (data->operation);

  return G_SOURCE_REMOVE;
}

static void
caller_cancelled_cb (GCancellable *cancellable,
                     gpointer      user_data)
{
  GCancellable *operation = user_data;

  g_cancellable_cancel (operation);
}

/**
 * vigie_fetcher_fetch_async:
 * @url: an https: URL, or http: on a loopback host
 * @etag: (nullable): the ETag of the copy we have, sent as If-None-Match
 * @last_modified: (nullable): its Last-Modified, sent as If-Modified-Since
 * @max_bytes: the largest body accepted, after decompression
 *
 * Fetches @url.  Any HTTP status is a successful fetch (check the
 * response); transport problems, size and time limits and refused
 * redirects are #VIGIE_FETCH_ERROR errors.
 */
void
vigie_fetcher_fetch_async (VigieFetcher        *self,
                           const char          *url,
                           const char          *etag,
                           const char          *last_modified,
                           gsize                max_bytes,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GUri) parsed = NULL;
  FetchData *data;

  g_return_if_fail (VIGIE_IS_FETCHER (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, vigie_fetcher_fetch_async);

  parsed = url != NULL ? g_uri_parse (url, SOUP_HTTP_URI_FLAGS, NULL) : NULL;
  if (parsed == NULL || g_uri_get_host (parsed) == NULL || *g_uri_get_host (parsed) == '\0'
      || (g_ascii_strcasecmp (g_uri_get_scheme (parsed), "https") != 0
          && g_ascii_strcasecmp (g_uri_get_scheme (parsed), "http") != 0))
    {
      g_task_return_new_error (task, VIGIE_FETCH_ERROR, VIGIE_FETCH_ERROR_INVALID_URL,
                               "invalid url");
      return;
    }

  if (!vigie_link_is_fetchable (url))
    {
      g_task_return_new_error (task, VIGIE_FETCH_ERROR, VIGIE_FETCH_ERROR_INSECURE_URL,
                               "insecure url");
      return;
    }

  data = g_new0 (FetchData, 1);
  data->url = g_strdup (url);
  data->etag = g_strdup (etag);
  data->last_modified = g_strdup (last_modified);
  data->max_bytes = MIN (max_bytes > 0 ? max_bytes : VIGIE_DEFAULT_MAX_BODY_BYTES,
                         VIGIE_HARD_MAX_BODY_BYTES);
  data->operation = g_cancellable_new ();
  if (cancellable != NULL)
    {
      data->caller = g_object_ref (cancellable);
      data->caller_handler = g_cancellable_connect (cancellable, G_CALLBACK (caller_cancelled_cb),
                                                    data->operation, NULL);
    }
  g_task_set_task_data (task, data, (GDestroyNotify) fetch_data_free);

  data->deadline_id = g_timeout_add_seconds (self->total_timeout, deadline_cb, data);

  start_request (g_steal_pointer (&task));
}

/**
 * vigie_fetcher_fetch_finish:
 *
 * Returns: (transfer full): the response, or %NULL with @error set
 */
VigieResponse *
vigie_fetcher_fetch_finish (VigieFetcher  *self,
                            GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (VIGIE_IS_FETCHER (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
