/* test-fetcher.c: VigieFetcher against servers on 127.0.0.1
 *
 * Every case asserts one exact outcome in bounded time: statuses, the
 * conditional-request and politeness headers, and each limit (size, time,
 * redirects, schemes).  Nothing here leaves the loopback interface: a
 * resolver that refuses and records every lookup is installed, so a test
 * that would reach for a real host fails instead.
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "vigie-fetcher.h"
#include "vigie-limits.h"
#include "vigie-test-utils.h"

/* Short timeouts keep the suite fast: 1 s without a byte, 2 s in all */
#define IO_TIMEOUT     1
#define TOTAL_TIMEOUT  2

/* ---------------------------------------------------------------------- */
/* A resolver that answers nothing and remembers every question            */

#define TEST_TYPE_RESOLVER (test_resolver_get_type ())
G_DECLARE_FINAL_TYPE (TestResolver, test_resolver, TEST, RESOLVER, GResolver)

struct _TestResolver
{
  GResolver parent_instance;
};

G_DEFINE_FINAL_TYPE (TestResolver, test_resolver, G_TYPE_RESOLVER)

static GPtrArray *looked_up_hosts;

static GList *
resolver_refuse (const char  *hostname,
                 GError     **error)
{
  g_ptr_array_add (looked_up_hosts, g_strdup (hostname));
  g_set_error (error, G_RESOLVER_ERROR, G_RESOLVER_ERROR_NOT_FOUND,
               "tests do not resolve names (%s)", hostname);
  return NULL;
}

static GList *
test_resolver_lookup_by_name (GResolver     *resolver,
                              const char    *hostname,
                              GCancellable  *cancellable,
                              GError       **error)
{
  return resolver_refuse (hostname, error);
}

static GList *
test_resolver_lookup_by_name_with_flags (GResolver                 *resolver,
                                         const char                *hostname,
                                         GResolverNameLookupFlags   flags,
                                         GCancellable              *cancellable,
                                         GError                   **error)
{
  return resolver_refuse (hostname, error);
}

static void
test_resolver_lookup_by_name_with_flags_async (GResolver                *resolver,
                                               const char               *hostname,
                                               GResolverNameLookupFlags  flags,
                                               GCancellable             *cancellable,
                                               GAsyncReadyCallback       callback,
                                               gpointer                  user_data)
{
  g_autoptr(GTask) task = g_task_new (resolver, cancellable, callback, user_data);
  GError *error = NULL;

  resolver_refuse (hostname, &error);
  g_task_return_error (task, error);
}

static void
test_resolver_lookup_by_name_async (GResolver           *resolver,
                                    const char          *hostname,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  test_resolver_lookup_by_name_with_flags_async (resolver, hostname,
                                                 G_RESOLVER_NAME_LOOKUP_FLAGS_DEFAULT,
                                                 cancellable, callback, user_data);
}

static GList *
test_resolver_lookup_by_name_finish (GResolver     *resolver,
                                     GAsyncResult  *result,
                                     GError       **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
test_resolver_class_init (TestResolverClass *klass)
{
  GResolverClass *resolver_class = G_RESOLVER_CLASS (klass);

  resolver_class->lookup_by_name = test_resolver_lookup_by_name;
  resolver_class->lookup_by_name_async = test_resolver_lookup_by_name_async;
  resolver_class->lookup_by_name_finish = test_resolver_lookup_by_name_finish;
  resolver_class->lookup_by_name_with_flags = test_resolver_lookup_by_name_with_flags;
  resolver_class->lookup_by_name_with_flags_async = test_resolver_lookup_by_name_with_flags_async;
  resolver_class->lookup_by_name_with_flags_finish = test_resolver_lookup_by_name_finish;
}

static void
test_resolver_init (TestResolver *self)
{
}

/* ---------------------------------------------------------------------- */
/* The fixture: a SoupServer with one handler per path, and a fetcher      */

typedef struct
{
  SoupServer *server;
  VigieFetcher *fetcher;

  /* what the server saw */
  GHashTable *hits;              /* path -> count */
  char *user_agent;
  char *if_none_match;
  char *if_modified_since;
  char *accept_encoding;
  GHashTable *connections;       /* remote ports seen: one per TCP connection */

  /* messages left paused, and streaming state */
  GPtrArray *paused;
  guint dribble_id;
  SoupServerMessage *dribbling;
  gsize streamed;
} Fixture;

static const char ok_body[] = "{\"page\": {\"name\": \"Local\"}, \"status\": {\"indicator\": \"none\"}}";

#define OK_ETAG           "\"v1-abc\""
#define OK_LAST_MODIFIED  "Tue, 01 Dec 2026 10:00:00 GMT"

static guint
count_hits (Fixture    *f,
            const char *path)
{
  return GPOINTER_TO_UINT (g_hash_table_lookup (f->hits, path));
}

static void
remember (char       **slot,
          const char  *value)
{
  g_free (*slot);
  *slot = g_strdup (value);
}

static void
respond (SoupServerMessage *msg,
         guint              status,
         const char        *content_type,
         const char        *body)
{
  soup_server_message_set_status (msg, status, NULL);
  if (body != NULL)
    soup_server_message_set_response (msg, content_type, SOUP_MEMORY_COPY, body, strlen (body));
}

static GBytes *
gzip_bytes (const void *data,
            gsize       size)
{
  g_autoptr(GZlibCompressor) compressor = g_zlib_compressor_new (G_ZLIB_COMPRESSOR_FORMAT_GZIP, 9);
  g_autoptr(GInputStream) source = g_memory_input_stream_new_from_data (data, size, NULL);
  g_autoptr(GInputStream) compressed = g_converter_input_stream_new (source,
                                                                     G_CONVERTER (compressor));
  g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();
  g_autoptr(GError) error = NULL;

  g_output_stream_splice (out, compressed,
                          G_OUTPUT_STREAM_SPLICE_CLOSE_SOURCE | G_OUTPUT_STREAM_SPLICE_CLOSE_TARGET,
                          NULL, &error);
  g_assert_no_error (error);

  return g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (out));
}

static void
set_body_bytes (SoupServerMessage *msg,
                GBytes            *bytes)
{
  SoupMessageBody *body = soup_server_message_get_response_body (msg);

  soup_message_body_append_bytes (body, bytes);
}

/* Endless chunked body: each written chunk brings the next one. */
static void
endless_wrote_chunk_cb (SoupServerMessage *msg,
                        gpointer           user_data)
{
  Fixture *f = user_data;
  static char block[16 * 1024];

  memset (block, 'x', sizeof block);
  f->streamed += sizeof block;
  soup_message_body_append (soup_server_message_get_response_body (msg), SOUP_MEMORY_COPY,
                            block, sizeof block);
}

/* Slow body: one byte every 300 ms, never finished. */
static gboolean
dribble_cb (gpointer user_data)
{
  Fixture *f = user_data;

  soup_message_body_append (soup_server_message_get_response_body (f->dribbling),
                            SOUP_MEMORY_STATIC, " ", 1);
  soup_server_message_unpause (f->dribbling);
  f->streamed++;

  return G_SOURCE_CONTINUE;
}

static void
dribbling_finished_cb (SoupServerMessage *msg,
                       gpointer           user_data)
{
  Fixture *f = user_data;

  g_clear_handle_id (&f->dribble_id, g_source_remove);
  f->dribbling = NULL;
}

static void
server_cb (SoupServer        *server,
           SoupServerMessage *msg,
           const char        *path,
           GHashTable        *query,
           gpointer           user_data)
{
  Fixture *f = user_data;
  SoupMessageHeaders *request = soup_server_message_get_request_headers (msg);
  SoupMessageHeaders *response = soup_server_message_get_response_headers (msg);

  g_hash_table_insert (f->hits, g_strdup (path),
                       GUINT_TO_POINTER (count_hits (f, path) + 1));
  g_hash_table_add (f->connections,
                    GUINT_TO_POINTER (g_inet_socket_address_get_port (
                      G_INET_SOCKET_ADDRESS (soup_server_message_get_remote_address (msg)))));
  remember (&f->user_agent, soup_message_headers_get_one (request, "User-Agent"));
  remember (&f->if_none_match, soup_message_headers_get_one (request, "If-None-Match"));
  remember (&f->if_modified_since, soup_message_headers_get_one (request, "If-Modified-Since"));
  remember (&f->accept_encoding, soup_message_headers_get_one (request, "Accept-Encoding"));

  if (g_str_equal (path, "/ok") || g_str_equal (path, "/conditional"))
    {
      const char *if_none_match = soup_message_headers_get_one (request, "If-None-Match");

      soup_message_headers_replace (response, "ETag", OK_ETAG);
      soup_message_headers_replace (response, "Last-Modified", OK_LAST_MODIFIED);
      if (g_str_equal (path, "/conditional") && g_strcmp0 (if_none_match, OK_ETAG) == 0)
        respond (msg, SOUP_STATUS_NOT_MODIFIED, NULL, NULL);
      else
        respond (msg, SOUP_STATUS_OK, "application/json", ok_body);
    }
  else if (g_str_has_prefix (path, "/status/"))
    {
      guint64 status = 0;

      g_assert_true (g_ascii_string_to_unsigned (path + strlen ("/status/"), 10, 100, 599,
                                                 &status, NULL));
      respond (msg, (guint) status, "text/html", "<html><body>error page</body></html>");
    }
  else if (g_str_has_prefix (path, "/retry-seconds/"))
    {
      soup_message_headers_replace (response, "Retry-After", "120");
      respond (msg, g_str_has_suffix (path, "/429") ? 429 : 503, "text/plain", "wait");
    }
  else if (g_str_has_prefix (path, "/retry-date/"))
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
      g_autoptr(GDateTime) later = g_date_time_add_seconds (now, 600);
      g_autofree char *date = soup_date_time_to_string (later, SOUP_DATE_HTTP);

      soup_message_headers_replace (response, "Retry-After", date);
      respond (msg, g_str_has_suffix (path, "/429") ? 429 : 503, "text/plain", "wait");
    }
  else if (g_str_equal (path, "/retry-garbage"))
    {
      soup_message_headers_replace (response, "Retry-After", "soon, maybe");
      respond (msg, 503, "text/plain", "wait");
    }
  else if (g_str_equal (path, "/max-age"))
    {
      soup_message_headers_replace (response, "Cache-Control", "public, max-age=300");
      respond (msg, SOUP_STATUS_OK, "application/json", ok_body);
    }
  else if (g_str_equal (path, "/max-age-huge"))
    {
      soup_message_headers_replace (response, "Cache-Control", "max-age=99999999");
      respond (msg, SOUP_STATUS_OK, "application/json", ok_body);
    }
  else if (g_str_equal (path, "/no-cache"))
    {
      soup_message_headers_replace (response, "Cache-Control", "no-cache");
      respond (msg, SOUP_STATUS_OK, "application/json", ok_body);
    }
  else if (g_str_has_prefix (path, "/bytes/"))
    {
      /* /bytes/N: exactly N bytes with a Content-Length */
      guint64 size = 0;
      g_autofree char *data = NULL;

      g_assert_true (g_ascii_string_to_unsigned (path + strlen ("/bytes/"), 10, 0, G_MAXUINT32,
                                                 &size, NULL));
      data = g_malloc (size);
      memset (data, 'a', size);
      soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
      soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_TAKE,
                                        g_steal_pointer (&data), size);
    }
  else if (g_str_has_prefix (path, "/chunked/"))
    {
      /* /chunked/N: N bytes in 1 KiB chunks, no Content-Length */
      SoupMessageBody *body = soup_server_message_get_response_body (msg);
      guint64 size = 0;
      char block[1024];

      g_assert_true (g_ascii_string_to_unsigned (path + strlen ("/chunked/"), 10, 0, G_MAXUINT32,
                                                 &size, NULL));
      memset (block, 'b', sizeof block);
      soup_message_headers_set_encoding (response, SOUP_ENCODING_CHUNKED);
      soup_message_headers_set_content_type (response, "application/json", NULL);
      for (guint64 sent = 0; sent < size; sent += sizeof block)
        soup_message_body_append (body, SOUP_MEMORY_COPY, block, MIN (sizeof block, size - sent));
      soup_message_body_complete (body);
      soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
    }
  else if (g_str_equal (path, "/endless"))
    {
      soup_message_headers_set_encoding (response, SOUP_ENCODING_CHUNKED);
      soup_message_headers_set_content_type (response, "application/json", NULL);
      soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
      g_signal_connect (msg, "wrote-chunk", G_CALLBACK (endless_wrote_chunk_cb), f);
      endless_wrote_chunk_cb (msg, f);
    }
  else if (g_str_equal (path, "/gzip"))
    {
      g_autoptr(GBytes) compressed = gzip_bytes (ok_body, strlen (ok_body));

      soup_message_headers_replace (response, "Content-Encoding", "gzip");
      soup_message_headers_set_content_type (response, "application/json", NULL);
      set_body_bytes (msg, compressed);
      soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
    }
  else if (g_str_equal (path, "/gzip-bomb"))
    {
      /* 16 MiB of zeros: about 16 KiB once compressed */
      gsize size = 16 * 1024 * 1024;
      g_autofree char *zeros = g_malloc0 (size);
      g_autoptr(GBytes) compressed = gzip_bytes (zeros, size);

      g_assert_cmpuint (g_bytes_get_size (compressed), <, 64 * 1024);
      soup_message_headers_replace (response, "Content-Encoding", "gzip");
      soup_message_headers_set_content_type (response, "application/json", NULL);
      set_body_bytes (msg, compressed);
      soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
    }
  else if (g_str_equal (path, "/redirect/insecure"))
    {
      soup_server_message_set_redirect (msg, SOUP_STATUS_FOUND,
                                        "http://insecure-vigie.example/feed.json");
    }
  else if (g_str_equal (path, "/redirect/loop"))
    {
      soup_server_message_set_redirect (msg, SOUP_STATUS_FOUND, "/redirect/loop");
    }
  else if (g_str_equal (path, "/redirect/relative"))
    {
      soup_server_message_set_redirect (msg, SOUP_STATUS_MOVED_PERMANENTLY, "/ok");
    }
  else if (g_str_equal (path, "/redirect/absolute"))
    {
      g_autofree char *target = vigie_test_server_url (server, "/ok");

      soup_server_message_set_redirect (msg, SOUP_STATUS_TEMPORARY_REDIRECT, target);
    }
  else if (g_str_equal (path, "/redirect/conditional"))
    {
      soup_server_message_set_redirect (msg, SOUP_STATUS_FOUND, "/ok");
    }
  else if (g_str_equal (path, "/redirect/no-location"))
    {
      respond (msg, SOUP_STATUS_FOUND, "text/plain", "nowhere");
    }
  else if (g_str_equal (path, "/hang"))
    {
      /* headers never come */
      soup_server_message_pause (msg);
      g_ptr_array_add (f->paused, g_object_ref (msg));
    }
  else if (g_str_equal (path, "/slow-body"))
    {
      /* headers at once, then a byte every 300 ms, forever: only the total
       * deadline can end this */
      soup_message_headers_set_encoding (response, SOUP_ENCODING_CHUNKED);
      soup_message_headers_set_content_type (response, "application/json", NULL);
      soup_message_body_append (soup_server_message_get_response_body (msg),
                                SOUP_MEMORY_STATIC, "[", 1);
      soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
      g_assert_null (f->dribbling);
      f->dribbling = msg;
      g_signal_connect (msg, "finished", G_CALLBACK (dribbling_finished_cb), f);
      g_signal_connect (msg, "disconnected", G_CALLBACK (dribbling_finished_cb), f);
      f->dribble_id = g_timeout_add (300, dribble_cb, f);
    }
  else
    {
      respond (msg, SOUP_STATUS_NOT_FOUND, "text/plain", "no such test path");
    }
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  user_data)
{
  f->hits = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  f->connections = g_hash_table_new (NULL, NULL);
  f->paused = g_ptr_array_new_with_free_func (g_object_unref);
  f->server = vigie_test_server_new ();
  soup_server_add_handler (f->server, NULL, server_cb, f, NULL);
  f->fetcher = vigie_fetcher_new ();
  vigie_fetcher_set_timeouts (f->fetcher, IO_TIMEOUT, TOTAL_TIMEOUT);
  g_ptr_array_set_size (looked_up_hosts, 0);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  user_data)
{
  g_clear_object (&f->fetcher);
  g_clear_handle_id (&f->dribble_id, g_source_remove);
  soup_server_disconnect (f->server);

  /* let the server finish what the closed connections left behind */
  while (g_main_context_iteration (NULL, FALSE))
    ;

  g_clear_object (&f->server);
  g_clear_pointer (&f->paused, g_ptr_array_unref);
  g_clear_pointer (&f->hits, g_hash_table_unref);
  g_clear_pointer (&f->connections, g_hash_table_unref);
  g_clear_pointer (&f->user_agent, g_free);
  g_clear_pointer (&f->if_none_match, g_free);
  g_clear_pointer (&f->if_modified_since, g_free);
  g_clear_pointer (&f->accept_encoding, g_free);

  /* no test may have asked for a real host */
  g_assert_cmpuint (looked_up_hosts->len, ==, 0);
}

/* ---------------------------------------------------------------------- */
/* Fetching synchronously, with a stopwatch                                 */

typedef struct
{
  gboolean done;
  VigieResponse *response;
  GError *error;
} FetchResult;

static void
fetch_done_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  FetchResult *out = user_data;

  g_assert_false (out->done);
  out->response = vigie_fetcher_fetch_finish (VIGIE_FETCHER (object), result, &out->error);
  out->done = TRUE;
}

/* Fetches @path on the fixture's server (or @path itself when it is a full
 * URL); returns the response or NULL with @error set, and the time taken in
 * seconds in @elapsed. */
static VigieResponse *
fetch_full (Fixture       *f,
            const char    *path,
            const char    *etag,
            const char    *last_modified,
            gsize          max_bytes,
            GCancellable  *cancellable,
            double        *elapsed,
            GError       **error)
{
  g_autofree char *url = NULL;
  FetchResult result = { 0 };
  gint64 start = g_get_monotonic_time ();

  url = strstr (path, "://") != NULL ? g_strdup (path) : vigie_test_server_url (f->server, path);
  vigie_fetcher_fetch_async (f->fetcher, url, etag, last_modified, max_bytes, cancellable,
                             fetch_done_cb, &result);
  /* far above every timeout in play: the fetch must end by itself */
  vigie_test_wait_for (&result.done, 4 * TOTAL_TIMEOUT + 5);

  if (elapsed != NULL)
    *elapsed = (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;

  g_assert_true ((result.response != NULL) != (result.error != NULL));
  if (result.error != NULL)
    g_propagate_error (error, result.error);

  return result.response;
}

static VigieResponse *
fetch (Fixture    *f,
       const char *path)
{
  g_autoptr(GError) error = NULL;
  VigieResponse *response = fetch_full (f, path, NULL, NULL, 0, NULL, NULL, &error);

  g_assert_no_error (error);
  return response;
}

static void
assert_fetch_error (Fixture    *f,
                    const char *path,
                    gsize       max_bytes,
                    GQuark      domain,
                    int         code,
                    double      max_seconds)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VigieResponse) response = NULL;
  double elapsed = 0;

  response = fetch_full (f, path, NULL, NULL, max_bytes, NULL, &elapsed, &error);
  if (response != NULL)
    g_test_message ("%s: unexpected HTTP %u with %" G_GSIZE_FORMAT " bytes", path,
                    vigie_response_get_status (response),
                    vigie_response_get_body (response) != NULL
                      ? g_bytes_get_size (vigie_response_get_body (response)) : 0);
  g_assert_error (error, domain, code);
  g_assert_null (response);
  g_test_message ("%s: \"%s\" after %.2f s", path, error->message, elapsed);
  g_assert_cmpfloat (elapsed, <, max_seconds);
}

static GBytes *
body_of (VigieResponse *response)
{
  GBytes *body = vigie_response_get_body (response);

  g_assert_nonnull (body);
  return body;
}

/* ---------------------------------------------------------------------- */
/* Statuses and headers                                                     */

static void
test_ok (Fixture       *f,
         gconstpointer  user_data)
{
  g_autoptr(VigieResponse) response = fetch (f, "/ok");
  g_autofree char *url = vigie_test_server_url (f->server, "/ok");
  gsize size;
  const char *data;

  g_assert_cmpuint (vigie_response_get_status (response), ==, 200);
  g_assert_true (vigie_response_is_success (response));
  g_assert_false (vigie_response_is_not_modified (response));
  data = g_bytes_get_data (body_of (response), &size);
  g_assert_cmpmem (data, size, ok_body, strlen (ok_body));
  g_assert_cmpstr (vigie_response_get_content_type (response), ==, "application/json");
  g_assert_cmpstr (vigie_response_get_etag (response), ==, OK_ETAG);
  g_assert_cmpstr (vigie_response_get_last_modified (response), ==, OK_LAST_MODIFIED);
  g_assert_cmpstr (vigie_response_get_final_url (response), ==, url);
  g_assert_cmpint (vigie_response_get_retry_after (response), ==, -1);
  g_assert_cmpint (vigie_response_get_max_age (response), ==, -1);

  /* not conditional without validators */
  g_assert_null (f->if_none_match);
  g_assert_null (f->if_modified_since);
  /* compressed bodies are welcome (and bounded after decoding) */
  g_assert_nonnull (f->accept_encoding);
  g_assert_nonnull (strstr (f->accept_encoding, "gzip"));
  g_assert_cmpuint (count_hits (f, "/ok"), ==, 1);
}

static void
test_user_agent (Fixture       *f,
                 gconstpointer  user_data)
{
  g_autoptr(VigieResponse) response = fetch (f, "/ok");

  g_assert_nonnull (f->user_agent);
  g_test_message ("User-Agent: %s", f->user_agent);
  g_assert_true (g_str_has_prefix (f->user_agent, "Vigie/" PACKAGE_VERSION " "));
  g_assert_nonnull (strstr (f->user_agent, PACKAGE_URL));
  g_assert_cmpstr (vigie_fetcher_get_user_agent (f->fetcher), ==, f->user_agent);
}

static void
test_not_modified (Fixture       *f,
                   gconstpointer  user_data)
{
  g_autoptr(VigieResponse) first = fetch (f, "/conditional");
  g_autoptr(VigieResponse) second = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpuint (vigie_response_get_status (first), ==, 200);
  g_assert_null (f->if_none_match);

  second = fetch_full (f, "/conditional", vigie_response_get_etag (first),
                       vigie_response_get_last_modified (first), 0, NULL, NULL, &error);
  g_assert_no_error (error);

  /* the request was conditional, with both validators */
  g_assert_cmpstr (f->if_none_match, ==, OK_ETAG);
  g_assert_cmpstr (f->if_modified_since, ==, OK_LAST_MODIFIED);

  g_assert_cmpuint (vigie_response_get_status (second), ==, 304);
  g_assert_true (vigie_response_is_not_modified (second));
  g_assert_false (vigie_response_is_success (second));
  g_assert_null (vigie_response_get_body (second));
  g_assert_cmpuint (count_hits (f, "/conditional"), ==, 2);
}

/* An unchanged feed answered 304, or an error page, must leave the
 * connection reusable: the body (empty or not) is read to its end, so
 * libsoup keeps the connection for the next poll instead of dropping it. */
static void
test_keep_alive (Fixture       *f,
                 gconstpointer  user_data)
{
  const char *path = user_data;
  g_autoptr(VigieResponse) first = fetch (f, "/conditional");
  const guint polls = 8;

  for (guint i = 0; i < polls; i++)
    {
      g_autoptr(VigieResponse) response = NULL;
      g_autoptr(GError) error = NULL;

      response = fetch_full (f, path, OK_ETAG, NULL, 0, NULL, NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (vigie_response_get_status (response), !=, 200);
    }

  g_test_message ("%u requests on %u connections", polls + 1,
                  g_hash_table_size (f->connections));
  g_assert_cmpuint (g_hash_table_size (f->connections), ==, 1);
}

/* A bare HTTP/1.1 server that answers every request with a 304 without
 * Content-Length, as nginx and most CDNs do, and counts its connections */
static gint raw_connections;

static gboolean
raw_304_run_cb (GThreadedSocketService *service,
                GSocketConnection      *connection,
                GObject                *source,
                gpointer                user_data)
{
  g_autoptr(GDataInputStream) in = NULL;
  GOutputStream *out = g_io_stream_get_output_stream (G_IO_STREAM (connection));

  g_atomic_int_inc (&raw_connections);
  in = g_data_input_stream_new (g_io_stream_get_input_stream (G_IO_STREAM (connection)));
  g_data_input_stream_set_newline_type (in, G_DATA_STREAM_NEWLINE_TYPE_CR_LF);

  for (;;)
    {
      static const char answer[] = "HTTP/1.1 304 Not Modified\r\n"
                                   "ETag: " OK_ETAG "\r\n"
                                   "\r\n";
      gboolean end_of_request = FALSE;

      while (!end_of_request)
        {
          g_autofree char *line = g_data_input_stream_read_line (in, NULL, NULL, NULL);

          if (line == NULL)
            return FALSE;
          end_of_request = *line == '\0';
        }

      if (!g_output_stream_write_all (out, answer, strlen (answer), NULL, NULL, NULL))
        return FALSE;
    }
}

static void
test_keep_alive_bare_304 (Fixture       *f,
                          gconstpointer  user_data)
{
  g_autoptr(GSocketService) service = g_threaded_socket_service_new (4);
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  const guint polls = 6;

  g_atomic_int_set (&raw_connections, 0);
  g_signal_connect (service, "run", G_CALLBACK (raw_304_run_cb), NULL);
  g_socket_listener_add_address (G_SOCKET_LISTENER (service), address, G_SOCKET_TYPE_STREAM,
                                 G_SOCKET_PROTOCOL_TCP, NULL, &bound, &error);
  g_assert_no_error (error);
  url = g_strdup_printf ("http://127.0.0.1:%u/feed.json",
                         g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound)));

  for (guint i = 0; i < polls; i++)
    {
      g_autoptr(VigieResponse) response = NULL;
      g_autoptr(GError) fetch_error = NULL;

      response = fetch_full (f, url, OK_ETAG, NULL, 0, NULL, NULL, &fetch_error);
      g_assert_no_error (fetch_error);
      g_assert_true (vigie_response_is_not_modified (response));
    }

  g_test_message ("%u requests on %d connections", polls, g_atomic_int_get (&raw_connections));
  g_assert_cmpint (g_atomic_int_get (&raw_connections), ==, 1);

  /* the client's connection goes first, so that the server's thread ends */
  g_clear_object (&f->fetcher);
  g_socket_service_stop (service);
  g_socket_listener_close (G_SOCKET_LISTENER (service));
}

static void
test_conditional_changed (Fixture       *f,
                          gconstpointer  user_data)
{
  g_autoptr(VigieResponse) response = NULL;
  g_autoptr(GError) error = NULL;

  /* an old ETag: the feed changed, the full body comes back */
  response = fetch_full (f, "/conditional", "\"v0-old\"", "Mon, 30 Nov 2026 10:00:00 GMT", 0,
                         NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (f->if_none_match, ==, "\"v0-old\"");
  g_assert_cmpuint (vigie_response_get_status (response), ==, 200);
  g_assert_cmpuint (g_bytes_get_size (body_of (response)), ==, strlen (ok_body));
  g_assert_cmpstr (vigie_response_get_etag (response), ==, OK_ETAG);
}

static void
test_status (Fixture       *f,
             gconstpointer  user_data)
{
  guint status = GPOINTER_TO_UINT (user_data);
  g_autofree char *path = g_strdup_printf ("/status/%u", status);
  g_autoptr(VigieResponse) response = fetch (f, path);

  g_assert_cmpuint (vigie_response_get_status (response), ==, status);
  g_assert_false (vigie_response_is_success (response));
  g_assert_false (vigie_response_is_not_modified (response));
  /* the body of an error page is not kept */
  g_assert_null (vigie_response_get_body (response));
  g_assert_cmpint (vigie_response_get_retry_after (response), ==, -1);
}

static void
test_retry_after_seconds (Fixture       *f,
                          gconstpointer  user_data)
{
  guint status = GPOINTER_TO_UINT (user_data);
  g_autofree char *path = g_strdup_printf ("/retry-seconds/%u", status);
  g_autoptr(VigieResponse) response = fetch (f, path);

  g_assert_cmpuint (vigie_response_get_status (response), ==, status);
  g_assert_false (vigie_response_is_success (response));
  g_assert_cmpint (vigie_response_get_retry_after (response), ==, 120);
}

static void
test_retry_after_date (Fixture       *f,
                       gconstpointer  user_data)
{
  guint status = GPOINTER_TO_UINT (user_data);
  g_autofree char *path = g_strdup_printf ("/retry-date/%u", status);
  g_autoptr(VigieResponse) response = fetch (f, path);
  gint64 wait;

  g_assert_cmpuint (vigie_response_get_status (response), ==, status);
  /* ten minutes from the server's clock, in whole seconds: allow for the
   * truncation of the date and a slow machine */
  wait = vigie_response_get_retry_after (response);
  g_assert_cmpint (wait, >=, 590);
  g_assert_cmpint (wait, <=, 600);
}

static void
test_retry_after_garbage (Fixture       *f,
                          gconstpointer  user_data)
{
  g_autoptr(VigieResponse) response = fetch (f, "/retry-garbage");

  g_assert_cmpuint (vigie_response_get_status (response), ==, 503);
  g_assert_cmpint (vigie_response_get_retry_after (response), ==, -1);
}

static void
test_cache_control (Fixture       *f,
                    gconstpointer  user_data)
{
  g_autoptr(VigieResponse) max_age = fetch (f, "/max-age");
  g_autoptr(VigieResponse) huge = fetch (f, "/max-age-huge");
  g_autoptr(VigieResponse) no_cache = fetch (f, "/no-cache");

  g_assert_cmpuint (vigie_response_get_status (max_age), ==, 200);
  g_assert_cmpint (vigie_response_get_max_age (max_age), ==, 300);
  g_assert_cmpint (vigie_response_get_retry_after (max_age), ==, -1);
  /* a server cannot silence Vigie for days: capped at one hour */
  g_assert_cmpint (vigie_response_get_max_age (huge), ==, 3600);
  g_assert_cmpint (vigie_response_get_max_age (no_cache), ==, 0);
}

/* ---------------------------------------------------------------------- */
/* Broken connections, from a raw socket server                             */

typedef struct
{
  GSocketService *service;
  GBytes *reply;        /* NULL: close without a word */
  guint16 port;
  gint connections;
} RawServer;

static gboolean
raw_run_cb (GThreadedSocketService *service,
            GSocketConnection      *connection,
            GObject                *source_object,
            gpointer                user_data)
{
  RawServer *raw = user_data;
  GInputStream *in = g_io_stream_get_input_stream (G_IO_STREAM (connection));
  GOutputStream *out = g_io_stream_get_output_stream (G_IO_STREAM (connection));
  g_autoptr(GString) request = g_string_new (NULL);
  char buffer[1024];

  g_atomic_int_inc (&raw->connections);

  /* read the whole request first, so that closing sends FIN, not RST */
  while (strstr (request->str, "\r\n\r\n") == NULL && request->len < 16 * 1024)
    {
      gssize n = g_input_stream_read (in, buffer, sizeof buffer, NULL, NULL);

      if (n <= 0)
        break;
      g_string_append_len (request, buffer, n);
    }

  if (raw->reply != NULL)
    {
      gsize size;
      const char *data = g_bytes_get_data (raw->reply, &size);

      g_output_stream_write_all (out, data, size, NULL, NULL, NULL);
      g_output_stream_flush (out, NULL, NULL);
    }

  g_io_stream_close (G_IO_STREAM (connection), NULL, NULL);
  return TRUE;
}

static RawServer *
raw_server_new (GBytes *reply)
{
  RawServer *raw = g_new0 (RawServer, 1);
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) effective = NULL;
  g_autoptr(GError) error = NULL;

  raw->reply = reply != NULL ? g_bytes_ref (reply) : NULL;
  raw->service = g_threaded_socket_service_new (2);
  g_socket_listener_add_address (G_SOCKET_LISTENER (raw->service), address, G_SOCKET_TYPE_STREAM,
                                 G_SOCKET_PROTOCOL_TCP, NULL, &effective, &error);
  g_assert_no_error (error);
  raw->port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (effective));
  g_signal_connect (raw->service, "run", G_CALLBACK (raw_run_cb), raw);
  g_socket_service_start (raw->service);

  return raw;
}

static char *
raw_server_url (RawServer *raw)
{
  return g_strdup_printf ("http://127.0.0.1:%u/feed.json", raw->port);
}

static void
raw_server_free (RawServer *raw)
{
  g_socket_service_stop (raw->service);
  g_socket_listener_close (G_SOCKET_LISTENER (raw->service));
  g_clear_object (&raw->service);
  g_clear_pointer (&raw->reply, g_bytes_unref);
  g_free (raw);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RawServer, raw_server_free)

/* Headers announcing 10000 bytes, 100 of them, then the connection closes */
static void
test_truncated_content_length (Fixture       *f,
                               gconstpointer  user_data)
{
  gboolean connection_close = GPOINTER_TO_INT (user_data);
  g_autoptr(GString) reply = g_string_new ("HTTP/1.1 200 OK\r\n"
                                           "Content-Type: application/json\r\n"
                                           "Content-Length: 10000\r\n");
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(RawServer) raw = NULL;
  g_autofree char *url = NULL;

  /* with "Connection: close", libsoup itself accepts the short body */
  if (connection_close)
    g_string_append (reply, "Connection: close\r\n");
  g_string_append (reply, "\r\n[");
  for (guint i = 0; i < 99; i++)
    g_string_append_c (reply, ' ');
  bytes = g_bytes_new (reply->str, reply->len);
  raw = raw_server_new (bytes);
  url = raw_server_url (raw);

  assert_fetch_error (f, url, 0, VIGIE_FETCH_ERROR, VIGIE_FETCH_ERROR_TRUNCATED, 1.5);
  g_assert_cmpint (g_atomic_int_get (&raw->connections), ==, 1);
}

static void
test_truncated_gzip (Fixture       *f,
                     gconstpointer  user_data)
{
  g_autoptr(GString) text = g_string_new ("[");
  g_autoptr(GBytes) compressed = NULL;
  g_autoptr(GString) reply = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(RawServer) raw = NULL;
  g_autofree char *url = NULL;
  const char *data;
  gsize size;

  /* text that does not compress to nothing, sent half-way */
  for (guint i = 0; i < 4000; i++)
    g_string_append_printf (text, "%u,", g_test_rand_int ());
  g_string_append (text, "0]");
  compressed = gzip_bytes (text->str, text->len);
  data = g_bytes_get_data (compressed, &size);

  reply = g_string_new (NULL);
  g_string_append_printf (reply, "HTTP/1.1 200 OK\r\n"
                                 "Content-Type: application/json\r\n"
                                 "Content-Encoding: gzip\r\n"
                                 "Content-Length: %" G_GSIZE_FORMAT "\r\n"
                                 "Connection: close\r\n"
                                 "\r\n", size);
  g_string_append_len (reply, data, size / 2);
  bytes = g_bytes_new (reply->str, reply->len);
  raw = raw_server_new (bytes);
  url = raw_server_url (raw);

  assert_fetch_error (f, url, 0, VIGIE_FETCH_ERROR, VIGIE_FETCH_ERROR_TRUNCATED, 1.5);
}

static void
test_truncated_chunked (Fixture       *f,
                        gconstpointer  user_data)
{
  static const char reply[] = "HTTP/1.1 200 OK\r\n"
                              "Content-Type: application/json\r\n"
                              "Transfer-Encoding: chunked\r\n"
                              "\r\n"
                              "10\r\n"
                              "{\"status\": {\"ind\r\n"
                              "100\r\n"
                              "icator\": \"none\"";
  g_autoptr(GBytes) bytes = g_bytes_new_static (reply, strlen (reply));
  g_autoptr(RawServer) raw = raw_server_new (bytes);
  g_autofree char *url = raw_server_url (raw);

  /* the second chunk stops after 15 of its 256 bytes */
  assert_fetch_error (f, url, 0, VIGIE_FETCH_ERROR, VIGIE_FETCH_ERROR_TRUNCATED, 1.5);
}

static void
test_closed_before_headers (Fixture       *f,
                            gconstpointer  user_data)
{
  g_autoptr(RawServer) raw = raw_server_new (NULL);
  g_autofree char *url = raw_server_url (raw);

  assert_fetch_error (f, url, 0, VIGIE_FETCH_ERROR, VIGIE_FETCH_ERROR_CONNECTION, 1.5);
}

static void
test_complete_with_connection_close (Fixture       *f,
                                     gconstpointer  user_data)
{
  static const char reply[] = "HTTP/1.1 200 OK\r\n"
                              "Content-Type: application/json\r\n"
                              "Content-Length: 2\r\n"
                              "Connection: close\r\n"
                              "\r\n"
                              "[]";
  g_autoptr(GBytes) bytes = g_bytes_new_static (reply, strlen (reply));
  g_autoptr(RawServer) raw = raw_server_new (bytes);
  g_autofree char *url = raw_server_url (raw);
  g_autoptr(VigieResponse) response = fetch (f, url);

  /* the length check does not refuse a body that is all there */
  g_assert_cmpuint (vigie_response_get_status (response), ==, 200);
  g_assert_cmpuint (g_bytes_get_size (body_of (response)), ==, 2);
}

static void
test_connection_refused (Fixture       *f,
                         gconstpointer  user_data)
{
  g_autoptr(GSocket) socket = NULL;
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;

  /* a port that was free a moment ago and has nobody listening */
  socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP,
                         &error);
  g_assert_no_error (error);
  g_socket_bind (socket, address, FALSE, &error);
  g_assert_no_error (error);
  bound = g_socket_get_local_address (socket, &error);
  g_assert_no_error (error);
  url = g_strdup_printf ("http://127.0.0.1:%u/feed.json",
                         g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound)));
  g_socket_close (socket, NULL);

  assert_fetch_error (f, url, 0, VIGIE_FETCH_ERROR, VIGIE_FETCH_ERROR_CONNECTION, 1.5);
}

/* ---------------------------------------------------------------------- */
/* Size limits                                                              */

#define SMALL_CAP (64 * 1024)

static void
test_too_large_content_length (Fixture       *f,
                               gconstpointer  user_data)
{
  g_autofree char *path = g_strdup_printf ("/bytes/%u", SMALL_CAP + 1);

  assert_fetch_error (f, path, SMALL_CAP, VIGIE_FETCH_ERROR, VIGIE_FETCH_ERROR_TOO_LARGE, 1.5);
}

static void
test_too_large_chunked (Fixture       *f,
                        gconstpointer  user_data)
{
  g_autofree char *path = g_strdup_printf ("/chunked/%u", SMALL_CAP + 1);

  assert_fetch_error (f, path, SMALL_CAP, VIGIE_FETCH_ERROR, VIGIE_FETCH_ERROR_TOO_LARGE, 1.5);
}

static void
test_exactly_the_cap (Fixture       *f,
                      gconstpointer  user_data)
{
  g_autofree char *fixed = g_strdup_printf ("/bytes/%u", SMALL_CAP);
  g_autofree char *chunked = g_strdup_printf ("/chunked/%u", SMALL_CAP);
  g_autoptr(GError) error = NULL;
  g_autoptr(VigieResponse) first = NULL;
  g_autoptr(VigieResponse) second = NULL;

  first = fetch_full (f, fixed, NULL, NULL, SMALL_CAP, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_bytes_get_size (body_of (first)), ==, SMALL_CAP);

  second = fetch_full (f, chunked, NULL, NULL, SMALL_CAP, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_bytes_get_size (body_of (second)), ==, SMALL_CAP);
}

static void
test_too_large_endless (Fixture       *f,
                        gconstpointer  user_data)
{
  /* A server that never stops sending: the fetch ends at the cap, and
   * dropping the connection does not drain the rest. */
  assert_fetch_error (f, "/endless", SMALL_CAP, VIGIE_FETCH_ERROR, VIGIE_FETCH_ERROR_TOO_LARGE,
                      1.5);
  g_test_message ("server streamed %" G_GSIZE_FORMAT " bytes", f->streamed);
}

static void
test_default_cap (Fixture       *f,
                  gconstpointer  user_data)
{
  g_autofree char *path = g_strdup_printf ("/chunked/%u", VIGIE_DEFAULT_MAX_BODY_BYTES + 1);

  /* max_bytes 0 means the default cap */
  assert_fetch_error (f, path, 0, VIGIE_FETCH_ERROR, VIGIE_FETCH_ERROR_TOO_LARGE, 3);
}

static void
test_gzip (Fixture       *f,
           gconstpointer  user_data)
{
  g_autoptr(VigieResponse) response = fetch (f, "/gzip");
  gsize size;
  const char *data;

  g_assert_cmpuint (vigie_response_get_status (response), ==, 200);
  data = g_bytes_get_data (body_of (response), &size);
  g_assert_cmpmem (data, size, ok_body, strlen (ok_body));
}

static void
test_gzip_bomb (Fixture       *f,
                gconstpointer  user_data)
{
  /* ~16 KiB on the wire, 16 MiB decoded: the cap counts decoded bytes */
  assert_fetch_error (f, "/gzip-bomb", SMALL_CAP, VIGIE_FETCH_ERROR, VIGIE_FETCH_ERROR_TOO_LARGE,
                      1.5);
}

/* ---------------------------------------------------------------------- */
/* Redirects                                                                */

static void
test_redirect_insecure (Fixture       *f,
                        gconstpointer  user_data)
{
  assert_fetch_error (f, "/redirect/insecure", 0, VIGIE_FETCH_ERROR,
                      VIGIE_FETCH_ERROR_INSECURE_REDIRECT, 0.5);
  g_assert_cmpuint (count_hits (f, "/redirect/insecure"), ==, 1);
  /* refused before any connection attempt: the name was never looked up */
  g_assert_cmpuint (looked_up_hosts->len, ==, 0);
}

static void
test_redirect_loop (Fixture       *f,
                    gconstpointer  user_data)
{
  assert_fetch_error (f, "/redirect/loop", 0, VIGIE_FETCH_ERROR,
                      VIGIE_FETCH_ERROR_TOO_MANY_REDIRECTS, 1.5);
  /* the first request and VIGIE_MAX_REDIRECTS hops, no more */
  g_assert_cmpuint (count_hits (f, "/redirect/loop"), ==, VIGIE_MAX_REDIRECTS + 1);
}

static void
test_redirect_followed (Fixture       *f,
                        gconstpointer  user_data)
{
  const char *path = user_data;
  g_autoptr(VigieResponse) response = fetch (f, path);
  g_autofree char *final_url = vigie_test_server_url (f->server, "/ok");
  gsize size;
  const char *data;

  g_assert_cmpuint (vigie_response_get_status (response), ==, 200);
  data = g_bytes_get_data (body_of (response), &size);
  g_assert_cmpmem (data, size, ok_body, strlen (ok_body));
  g_assert_cmpstr (vigie_response_get_final_url (response), ==, final_url);
  g_assert_cmpuint (count_hits (f, path), ==, 1);
  g_assert_cmpuint (count_hits (f, "/ok"), ==, 1);
}

static void
test_redirect_drops_validators (Fixture       *f,
                                gconstpointer  user_data)
{
  g_autoptr(VigieResponse) response = NULL;
  g_autoptr(GError) error = NULL;

  /* validators belong to the URL they came from, not to the next hop */
  response = fetch_full (f, "/redirect/conditional", OK_ETAG, OK_LAST_MODIFIED, 0, NULL, NULL,
                         &error);
  g_assert_no_error (error);
  g_assert_cmpuint (vigie_response_get_status (response), ==, 200);
  g_assert_cmpuint (count_hits (f, "/ok"), ==, 1);
  g_assert_null (f->if_none_match);
  g_assert_null (f->if_modified_since);
}

static void
test_redirect_without_location (Fixture       *f,
                                gconstpointer  user_data)
{
  g_autoptr(VigieResponse) response = fetch (f, "/redirect/no-location");

  g_assert_cmpuint (vigie_response_get_status (response), ==, 302);
  g_assert_false (vigie_response_is_success (response));
  g_assert_null (vigie_response_get_body (response));
}

/* ---------------------------------------------------------------------- */
/* Time limits and cancellation                                             */

static void
test_timeout_no_answer (Fixture       *f,
                        gconstpointer  user_data)
{
  /* the socket timeout (1 s) or at worst the deadline (2 s, counted in
   * whole seconds by the main loop) ends it */
  assert_fetch_error (f, "/hang", 0, VIGIE_FETCH_ERROR, VIGIE_FETCH_ERROR_TIMEOUT,
                      TOTAL_TIMEOUT + 1.5);
  g_assert_cmpuint (count_hits (f, "/hang"), >=, 1);
}

static void
test_timeout_slow_body (Fixture       *f,
                        gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VigieResponse) response = NULL;
  double elapsed = 0;

  /* a byte every 300 ms keeps the socket busy: only the total deadline
   * stops it, at 2 s (g_timeout_add_seconds() may fire up to a second
   * late) */
  response = fetch_full (f, "/slow-body", NULL, NULL, 0, NULL, &elapsed, &error);
  g_assert_error (error, VIGIE_FETCH_ERROR, VIGIE_FETCH_ERROR_TIMEOUT);
  g_assert_cmpstr (error->message, ==, "timeout");
  g_assert_null (response);
  g_assert_cmpfloat (elapsed, >=, TOTAL_TIMEOUT - 0.5);
  g_assert_cmpfloat (elapsed, <, TOTAL_TIMEOUT + 1.5);
  g_assert_cmpuint (f->streamed, >=, 2);
}

static gboolean
cancel_cb (gpointer user_data)
{
  g_cancellable_cancel (user_data);
  return G_SOURCE_REMOVE;
}

static void
assert_cancelled (Fixture    *f,
                  const char *path,
                  guint       after_ms)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(VigieResponse) response = NULL;
  double elapsed = 0;

  if (after_ms == 0)
    g_cancellable_cancel (cancellable);
  else
    g_timeout_add_full (G_PRIORITY_DEFAULT, after_ms, cancel_cb, g_object_ref (cancellable),
                        g_object_unref);

  response = fetch_full (f, path, NULL, NULL, 0, cancellable, &elapsed, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (response);
  /* well before any timeout */
  g_assert_cmpfloat (elapsed, <, after_ms / 1000.0 + 0.5);
}

static void
test_cancel_before_headers (Fixture       *f,
                            gconstpointer  user_data)
{
  assert_cancelled (f, "/hang", 200);
}

static void
test_cancel_during_body (Fixture       *f,
                         gconstpointer  user_data)
{
  assert_cancelled (f, "/slow-body", 500);
  g_assert_cmpuint (f->streamed, >=, 1);
}

static void
test_cancel_already (Fixture       *f,
                     gconstpointer  user_data)
{
  assert_cancelled (f, "/ok", 0);
}

/* ---------------------------------------------------------------------- */
/* URLs refused before any request                                          */

static void
test_url_insecure (Fixture       *f,
                   gconstpointer  user_data)
{
  assert_fetch_error (f, "http://example.com/status.json", 0, VIGIE_FETCH_ERROR,
                      VIGIE_FETCH_ERROR_INSECURE_URL, 0.5);
  assert_fetch_error (f, "HTTP://status.example.com:8080/x", 0, VIGIE_FETCH_ERROR,
                      VIGIE_FETCH_ERROR_INSECURE_URL, 0.5);
}

static void
test_url_invalid (Fixture       *f,
                  gconstpointer  user_data)
{
  assert_fetch_error (f, "ftp://example.com/status.json", 0, VIGIE_FETCH_ERROR,
                      VIGIE_FETCH_ERROR_INVALID_URL, 0.5);
  assert_fetch_error (f, "file:///etc/passwd", 0, VIGIE_FETCH_ERROR,
                      VIGIE_FETCH_ERROR_INVALID_URL, 0.5);
  assert_fetch_error (f, "https://", 0, VIGIE_FETCH_ERROR, VIGIE_FETCH_ERROR_INVALID_URL, 0.5);
}

static void
add (const char    *path,
     gconstpointer  data,
     void         (*func) (Fixture *, gconstpointer))
{
  g_test_add (path, Fixture, data, fixture_set_up, func, fixture_tear_down);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GResolver) resolver = NULL;
  int status;

  vigie_test_loopback_only ();

  /* No G_TEST_OPTION_ISOLATE_DIRS: nothing here touches files, and with
   * several tests it makes GLib leak the previous test's directory names
   * (on purpose), which LeakSanitizer cannot tell from ours. */
  g_test_init (&argc, &argv, NULL);

  looked_up_hosts = g_ptr_array_new_with_free_func (g_free);
  resolver = g_object_new (TEST_TYPE_RESOLVER, NULL);
  g_resolver_set_default (resolver);

  add ("/fetcher/status/200", NULL, test_ok);
  add ("/fetcher/user-agent", NULL, test_user_agent);
  add ("/fetcher/conditional/304", NULL, test_not_modified);
  add ("/fetcher/conditional/changed", NULL, test_conditional_changed);
  add ("/fetcher/keep-alive/304", "/conditional", test_keep_alive);
  add ("/fetcher/keep-alive/error-page", "/status/503", test_keep_alive);
  add ("/fetcher/keep-alive/retry-after", "/retry-seconds/503", test_keep_alive);
  add ("/fetcher/keep-alive/304-without-length", NULL, test_keep_alive_bare_304);
  add ("/fetcher/status/404", GUINT_TO_POINTER (404), test_status);
  add ("/fetcher/status/500", GUINT_TO_POINTER (500), test_status);
  add ("/fetcher/retry-after/503-seconds", GUINT_TO_POINTER (503), test_retry_after_seconds);
  add ("/fetcher/retry-after/429-seconds", GUINT_TO_POINTER (429), test_retry_after_seconds);
  add ("/fetcher/retry-after/503-http-date", GUINT_TO_POINTER (503), test_retry_after_date);
  add ("/fetcher/retry-after/429-http-date", GUINT_TO_POINTER (429), test_retry_after_date);
  add ("/fetcher/retry-after/garbage", NULL, test_retry_after_garbage);
  add ("/fetcher/cache-control", NULL, test_cache_control);
  add ("/fetcher/truncated/content-length", GINT_TO_POINTER (FALSE),
       test_truncated_content_length);
  add ("/fetcher/truncated/content-length-connection-close", GINT_TO_POINTER (TRUE),
       test_truncated_content_length);
  add ("/fetcher/truncated/gzip", NULL, test_truncated_gzip);
  add ("/fetcher/truncated/chunked", NULL, test_truncated_chunked);
  add ("/fetcher/truncated/complete-with-connection-close", NULL,
       test_complete_with_connection_close);
  add ("/fetcher/connection/closed-before-headers", NULL, test_closed_before_headers);
  add ("/fetcher/connection/refused", NULL, test_connection_refused);
  add ("/fetcher/too-large/content-length", NULL, test_too_large_content_length);
  add ("/fetcher/too-large/chunked", NULL, test_too_large_chunked);
  add ("/fetcher/too-large/endless", NULL, test_too_large_endless);
  add ("/fetcher/too-large/default-cap", NULL, test_default_cap);
  add ("/fetcher/too-large/exactly-the-cap", NULL, test_exactly_the_cap);
  add ("/fetcher/gzip/decoded", NULL, test_gzip);
  add ("/fetcher/gzip/bomb", NULL, test_gzip_bomb);
  add ("/fetcher/redirect/insecure", NULL, test_redirect_insecure);
  add ("/fetcher/redirect/loop", NULL, test_redirect_loop);
  add ("/fetcher/redirect/relative", "/redirect/relative", test_redirect_followed);
  add ("/fetcher/redirect/absolute", "/redirect/absolute", test_redirect_followed);
  add ("/fetcher/redirect/drops-validators", NULL, test_redirect_drops_validators);
  add ("/fetcher/redirect/no-location", NULL, test_redirect_without_location);
  add ("/fetcher/timeout/no-answer", NULL, test_timeout_no_answer);
  add ("/fetcher/timeout/slow-body", NULL, test_timeout_slow_body);
  add ("/fetcher/cancel/before-headers", NULL, test_cancel_before_headers);
  add ("/fetcher/cancel/during-body", NULL, test_cancel_during_body);
  add ("/fetcher/cancel/already-cancelled", NULL, test_cancel_already);
  add ("/fetcher/url/insecure", NULL, test_url_insecure);
  add ("/fetcher/url/invalid", NULL, test_url_invalid);

  status = g_test_run ();

  g_clear_pointer (&looked_up_hosts, g_ptr_array_unref);
  return status;
}
