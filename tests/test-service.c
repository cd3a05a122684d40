/* test-service.c: VigieService polls against a server on 127.0.0.1
 *
 * A poll is fetch + parse; these tests check what the service makes of
 * each outcome: the severity it shows, the short reason, staleness after
 * failures, conditional requests, the server's timing requests and the
 * "changed" signal.
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "feeds/vigie-feeds.h"
#include "vigie-fetcher.h"
#include "vigie-service.h"
#include "vigie-test-utils.h"

#define FEED_OPERATIONAL \
  "{\"page\": {\"id\": \"p1\", \"name\": \"Local Tool\", \"url\": \"https://status.example.com\"}," \
  " \"status\": {\"indicator\": \"none\", \"description\": \"All Systems Operational\"}}"
#define FEED_MINOR \
  "{\"page\": {\"id\": \"p1\", \"name\": \"Local Tool\", \"url\": \"https://status.example.com\"}," \
  " \"status\": {\"indicator\": \"minor\", \"description\": \"Minor Service Outage\"}}"
#define FEED_MAJOR \
  "{\"page\": {\"id\": \"p1\", \"name\": \"Local Tool\", \"url\": \"https://status.example.com\"}," \
  " \"status\": {\"indicator\": \"major\", \"description\": \"Partial System Outage\"}}"
#define FEED_HTML \
  "<!DOCTYPE html>\n<html><head><title>Status</title></head><body>Hello</body></html>\n"

/* What the server answers next: one reply per request, the last one
 * repeated. */
typedef struct
{
  guint status;
  char *content_type;
  char *body;
  char *etag;
  char *retry_after;
  char *cache_control;
} Reply;

static void
reply_free (Reply *reply)
{
  g_free (reply->content_type);
  g_free (reply->body);
  g_free (reply->etag);
  g_free (reply->retry_after);
  g_free (reply->cache_control);
  g_free (reply);
}

typedef struct
{
  SoupServer *server;
  VigieFetcher *fetcher;
  VigieService *service;
  char *url;

  GQueue replies;
  Reply *last_reply;
  guint requests;
  guint not_modified_sent;
  char *if_none_match;

  guint changed;
  gulong changed_id;
} Fixture;

static Reply *
queue_reply (Fixture    *f,
             guint       status,
             const char *content_type,
             const char *body)
{
  Reply *reply = g_new0 (Reply, 1);

  reply->status = status;
  reply->content_type = g_strdup (content_type);
  reply->body = g_strdup (body);
  g_queue_push_tail (&f->replies, reply);

  return reply;
}

static Reply *
queue_feed (Fixture    *f,
            const char *body)
{
  return queue_reply (f, SOUP_STATUS_OK, "application/json", body);
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
  const char *if_none_match = soup_message_headers_get_one (request, "If-None-Match");
  Reply *reply;

  f->requests++;
  g_free (f->if_none_match);
  f->if_none_match = g_strdup (if_none_match);

  if (!g_queue_is_empty (&f->replies))
    {
      g_clear_pointer (&f->last_reply, reply_free);
      f->last_reply = g_queue_pop_head (&f->replies);
    }
  reply = f->last_reply;
  g_assert_nonnull (reply);

  if (reply->etag != NULL)
    soup_message_headers_replace (response, "ETag", reply->etag);
  if (reply->retry_after != NULL)
    soup_message_headers_replace (response, "Retry-After", reply->retry_after);
  if (reply->cache_control != NULL)
    soup_message_headers_replace (response, "Cache-Control", reply->cache_control);

  /* a conditional request for the current version is answered 304 */
  if (reply->etag != NULL && g_strcmp0 (if_none_match, reply->etag) == 0)
    {
      soup_server_message_set_status (msg, SOUP_STATUS_NOT_MODIFIED, NULL);
      f->not_modified_sent++;
      return;
    }

  soup_server_message_set_status (msg, reply->status, NULL);
  if (reply->body != NULL)
    soup_server_message_set_response (msg, reply->content_type, SOUP_MEMORY_COPY, reply->body,
                                      strlen (reply->body));
}

static void
changed_cb (VigieService *service,
            gpointer      user_data)
{
  Fixture *f = user_data;

  f->changed++;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  user_data)
{
  g_queue_init (&f->replies);
  f->server = vigie_test_server_new ();
  soup_server_add_handler (f->server, "/feed.json", server_cb, f, NULL);
  f->url = vigie_test_server_url (f->server, "/feed.json");
  f->fetcher = vigie_fetcher_new ();
  vigie_fetcher_set_timeouts (f->fetcher, 1, 2);
  f->service = vigie_service_new ("feed-1", NULL, NULL, f->url, NULL);
  f->changed_id = g_signal_connect (f->service, "changed", G_CALLBACK (changed_cb), f);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  user_data)
{
  g_clear_signal_handler (&f->changed_id, f->service);
  g_clear_object (&f->service);
  g_clear_object (&f->fetcher);
  soup_server_disconnect (f->server);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_clear_object (&f->server);
  g_queue_clear_full (&f->replies, (GDestroyNotify) reply_free);
  g_clear_pointer (&f->last_reply, reply_free);
  g_clear_pointer (&f->url, g_free);
  g_clear_pointer (&f->if_none_match, g_free);
}

typedef struct
{
  gboolean done;
  gboolean ok;
  GError *error;
} PollResult;

static void
poll_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  PollResult *out = user_data;

  out->ok = vigie_service_poll_finish (VIGIE_SERVICE (object), result, &out->error);
  out->done = TRUE;
}

/* One poll, to its end; asserts "changed" came exactly once. */
static gboolean
poll_full (Fixture       *f,
           GCancellable  *cancellable,
           guint          expected_signals,
           GError       **error)
{
  PollResult result = { 0 };
  guint changed_before = f->changed;

  vigie_service_poll_async (f->service, f->fetcher, cancellable, poll_done_cb, &result);
  vigie_test_wait_for (&result.done, 10);

  g_assert_cmpuint (f->changed - changed_before, ==, expected_signals);
  g_assert_true (result.ok == (result.error == NULL));
  if (result.error != NULL)
    g_propagate_error (error, result.error);

  return result.ok;
}

static void
poll_ok (Fixture *f)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (poll_full (f, NULL, 1, &error));
  g_assert_no_error (error);
}

static void
poll_fails (Fixture    *f,
            GQuark      domain,
            int         code,
            const char *message)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (poll_full (f, NULL, 1, &error));
  g_assert_error (error, domain, code);
  g_assert_cmpstr (error->message, ==, message);
}

/* ---------------------------------------------------------------------- */

static void
test_good_poll (Fixture       *f,
                gconstpointer  user_data)
{
  g_assert_cmpint (vigie_service_get_severity (f->service), ==, VIGIE_SEVERITY_UNKNOWN);
  g_assert_cmpstr (vigie_service_get_problem (f->service), ==, "not checked yet");

  queue_feed (f, FEED_MINOR);
  poll_ok (f);

  g_assert_cmpint (vigie_service_get_severity (f->service), ==, VIGIE_SEVERITY_MINOR);
  g_assert_null (vigie_service_get_problem (f->service));
  g_assert_null (vigie_service_dup_problem_label (f->service));
  g_assert_null (vigie_service_get_last_error (f->service));
  g_assert_false (vigie_service_is_stale (f->service));
  g_assert_cmpuint (vigie_service_get_failures (f->service), ==, 0);
  g_assert_nonnull (vigie_service_get_snapshot (f->service));
  g_assert_nonnull (vigie_service_get_last_checked (f->service));
  g_assert_nonnull (vigie_service_get_last_success (f->service));
  /* what the feed says about itself fills what was not configured */
  g_assert_cmpstr (vigie_service_get_format (f->service), ==, "statuspage");
  g_assert_cmpstr (vigie_service_get_display_name (f->service), ==, "Local Tool");
  g_assert_cmpstr (vigie_service_get_status_page (f->service), ==, "https://status.example.com");
  g_assert_cmpstr (vigie_service_get_feed_url (f->service), ==, f->url);
  g_assert_cmpint (vigie_service_get_not_before (f->service), ==, 0);
  g_assert_cmpuint (f->requests, ==, 1);
}

/* Over a quarter of a megabyte, a body is parsed in a worker thread: the
 * result is the same. */
static void
test_large_feed (Fixture       *f,
                 gconstpointer  user_data)
{
  g_autoptr(GString) body = g_string_new ("{\"page\":{\"id\":\"p\",\"name\":\"Big\"},"
                                          "\"status\":{\"indicator\":\"major\"},\"components\":[");
  VigieSnapshot *snapshot;

  for (guint i = 0; body->len < 600 * 1024; i++)
    g_string_append_printf (body, "%s{\"id\":\"c%u\",\"name\":\"Component %u\","
                            "\"status\":\"%s\",\"description\":\"%0128u\"}",
                            i ? "," : "", i, i, i == 3 ? "partial_outage" : "operational", i);
  g_string_append (body, "]}");

  queue_feed (f, body->str);
  poll_ok (f);

  g_assert_cmpint (vigie_service_get_severity (f->service), ==, VIGIE_SEVERITY_MAJOR);
  snapshot = vigie_service_get_snapshot (f->service);
  g_assert_cmpstr (vigie_snapshot_get_page_name (snapshot), ==, "Big");
  g_assert_cmpuint (vigie_snapshot_get_components (snapshot)->len, ==, 500);
}

static void
test_html_page (Fixture       *f,
                gconstpointer  user_data)
{
  g_autofree char *label = NULL;

  queue_reply (f, SOUP_STATUS_OK, "text/html", FEED_HTML);
  poll_fails (f, VIGIE_FEED_ERROR, VIGIE_FEED_ERROR_HTML, "html page instead of a feed");

  g_assert_cmpint (vigie_service_get_severity (f->service), ==, VIGIE_SEVERITY_UNKNOWN);
  g_assert_cmpstr (vigie_service_get_problem (f->service), ==, "html page instead of a feed");
  label = vigie_service_dup_problem_label (f->service);
  g_assert_nonnull (label);
  g_assert_null (vigie_service_get_snapshot (f->service));
  /* nothing known before: not stale, just unknown */
  g_assert_false (vigie_service_is_stale (f->service));
  g_assert_cmpuint (vigie_service_get_failures (f->service), ==, 1);
  g_assert_nonnull (vigie_service_get_last_checked (f->service));
  g_assert_null (vigie_service_get_last_success (f->service));
}

static void
test_json_too_deep (Fixture       *f,
                    gconstpointer  user_data)
{
  g_autoptr(GString) hostile = g_string_new (NULL);

  /* 100000 nested arrays: json-glib's recursive parser would overflow the
   * stack if it ever saw this */
  for (guint i = 0; i < 100000; i++)
    g_string_append_c (hostile, '[');
  for (guint i = 0; i < 100000; i++)
    g_string_append_c (hostile, ']');

  queue_feed (f, hostile->str);
  poll_fails (f, VIGIE_FEED_ERROR, VIGIE_FEED_ERROR_TOO_DEEP, "json nested too deeply");
  g_assert_cmpint (vigie_service_get_severity (f->service), ==, VIGIE_SEVERITY_UNKNOWN);
  g_assert_cmpstr (vigie_service_get_problem (f->service), ==, "json nested too deeply");
}

static void
test_http_error (Fixture       *f,
                 gconstpointer  user_data)
{
  guint status = GPOINTER_TO_UINT (user_data);
  g_autofree char *reason = g_strdup_printf ("http %u", status);
  g_autofree char *label = NULL;

  queue_reply (f, status, "text/plain", "no");
  poll_fails (f, VIGIE_FETCH_ERROR, VIGIE_FETCH_ERROR_HTTP, reason);

  g_assert_cmpint (vigie_service_get_severity (f->service), ==, VIGIE_SEVERITY_UNKNOWN);
  g_assert_cmpstr (vigie_service_get_problem (f->service), ==, reason);
  label = vigie_service_dup_problem_label (f->service);
  g_assert_nonnull (strstr (label, reason));
  /* a missing feed is not a server error */
  if (status == 404)
    g_assert_cmpstr (label, ==, "no feed at this address (http 404)");
  else if (status >= 500)
    g_assert_true (g_str_has_prefix (label, "server error"));
}

static void
test_stale_then_unknown (Fixture       *f,
                         gconstpointer  user_data)
{
  VigieSnapshot *snapshot;
  GDateTime *last_success;

  queue_feed (f, FEED_MAJOR);
  poll_ok (f);
  g_assert_cmpint (vigie_service_get_severity (f->service), ==, VIGIE_SEVERITY_MAJOR);
  snapshot = vigie_service_get_snapshot (f->service);
  last_success = vigie_service_get_last_success (f->service);

  /* a failure is neither an outage nor a recovery: the last state stays,
   * marked stale */
  queue_reply (f, SOUP_STATUS_INTERNAL_SERVER_ERROR, "text/plain", "oops");
  poll_fails (f, VIGIE_FETCH_ERROR, VIGIE_FETCH_ERROR_HTTP, "http 500");
  g_assert_cmpint (vigie_service_get_severity (f->service), ==, VIGIE_SEVERITY_MAJOR);
  g_assert_true (vigie_service_is_stale (f->service));
  g_assert_cmpuint (vigie_service_get_failures (f->service), ==, 1);
  g_assert_null (vigie_service_get_problem (f->service));
  g_assert_true (vigie_service_get_snapshot (f->service) == snapshot);
  g_assert_true (vigie_service_get_last_success (f->service) == last_success);
  g_assert_nonnull (vigie_service_get_last_error (f->service));

  /* a failure of another kind counts the same */
  queue_reply (f, SOUP_STATUS_OK, "text/html", FEED_HTML);
  poll_fails (f, VIGIE_FEED_ERROR, VIGIE_FEED_ERROR_HTML, "html page instead of a feed");
  g_assert_cmpint (vigie_service_get_severity (f->service), ==, VIGIE_SEVERITY_MAJOR);
  g_assert_true (vigie_service_is_stale (f->service));
  g_assert_cmpuint (vigie_service_get_failures (f->service), ==, 2);
  g_assert_null (vigie_service_get_problem (f->service));

  /* the third failure in a row: unknown, with the last reason */
  queue_reply (f, SOUP_STATUS_NOT_FOUND, "text/plain", "gone");
  poll_fails (f, VIGIE_FETCH_ERROR, VIGIE_FETCH_ERROR_HTTP, "http 404");
  g_assert_cmpuint (VIGIE_SERVICE_FAILURES_BEFORE_UNKNOWN, ==, 3);
  g_assert_cmpint (vigie_service_get_severity (f->service), ==, VIGIE_SEVERITY_UNKNOWN);
  g_assert_cmpuint (vigie_service_get_failures (f->service), ==, 3);
  g_assert_cmpstr (vigie_service_get_problem (f->service), ==, "http 404");
  g_assert_true (vigie_service_is_stale (f->service));
  /* the last known state is still there for whoever wants the history */
  g_assert_true (vigie_service_get_snapshot (f->service) == snapshot);

  /* and a success resets everything */
  queue_feed (f, FEED_OPERATIONAL);
  poll_ok (f);
  g_assert_cmpint (vigie_service_get_severity (f->service), ==, VIGIE_SEVERITY_OPERATIONAL);
  g_assert_false (vigie_service_is_stale (f->service));
  g_assert_cmpuint (vigie_service_get_failures (f->service), ==, 0);
  g_assert_null (vigie_service_get_problem (f->service));
  g_assert_null (vigie_service_get_last_error (f->service));
  g_assert_true (vigie_service_get_snapshot (f->service) != snapshot);
  g_assert_cmpuint (f->changed, ==, 5);
}

static void
test_success_between_failures (Fixture       *f,
                               gconstpointer  user_data)
{
  /* failures must be in a row to make a service unknown */
  queue_feed (f, FEED_MINOR);
  poll_ok (f);
  queue_reply (f, SOUP_STATUS_BAD_GATEWAY, "text/plain", "no");
  poll_fails (f, VIGIE_FETCH_ERROR, VIGIE_FETCH_ERROR_HTTP, "http 502");
  poll_fails (f, VIGIE_FETCH_ERROR, VIGIE_FETCH_ERROR_HTTP, "http 502");
  queue_feed (f, FEED_MINOR);
  poll_ok (f);
  queue_reply (f, SOUP_STATUS_BAD_GATEWAY, "text/plain", "no");
  poll_fails (f, VIGIE_FETCH_ERROR, VIGIE_FETCH_ERROR_HTTP, "http 502");
  poll_fails (f, VIGIE_FETCH_ERROR, VIGIE_FETCH_ERROR_HTTP, "http 502");

  g_assert_cmpuint (vigie_service_get_failures (f->service), ==, 2);
  g_assert_cmpint (vigie_service_get_severity (f->service), ==, VIGIE_SEVERITY_MINOR);
  g_assert_true (vigie_service_is_stale (f->service));
}

static void
test_transport_failure (Fixture       *f,
                        gconstpointer  user_data)
{
  g_autoptr(VigieService) service = NULL;
  g_autoptr(GError) error = NULL;
  PollResult result = { 0 };
  g_autofree char *label = NULL;

  /* a plain-http feed that is not on this machine is never fetched */
  service = vigie_service_new ("feed-9", "Remote", NULL, "http://status.example.com/x.json",
                               NULL);
  vigie_service_poll_async (service, f->fetcher, NULL, poll_done_cb, &result);
  vigie_test_wait_for (&result.done, 5);
  g_assert_false (result.ok);
  g_assert_error (result.error, VIGIE_FETCH_ERROR, VIGIE_FETCH_ERROR_INSECURE_URL);
  g_clear_error (&result.error);

  g_assert_cmpint (vigie_service_get_severity (service), ==, VIGIE_SEVERITY_UNKNOWN);
  g_assert_cmpstr (vigie_service_get_problem (service), ==, "insecure url");
  g_assert_cmpstr (vigie_service_get_display_name (service), ==, "Remote");
  label = vigie_service_dup_problem_label (service);
  g_assert_nonnull (label);
  g_assert_cmpuint (f->requests, ==, 0);
}

static void
test_not_modified (Fixture       *f,
                   gconstpointer  user_data)
{
  Reply *reply;
  VigieSnapshot *snapshot;
  g_autoptr(GDateTime) first_success = NULL;

  reply = queue_feed (f, FEED_MAJOR);
  reply->etag = g_strdup ("\"rev-1\"");

  poll_ok (f);
  g_assert_null (f->if_none_match);
  g_assert_cmpint (vigie_service_get_severity (f->service), ==, VIGIE_SEVERITY_MAJOR);
  snapshot = vigie_service_get_snapshot (f->service);
  first_success = g_date_time_ref (vigie_service_get_last_success (f->service));

  /* same version on the server: 304, the snapshot is reused, not parsed
   * again */
  poll_ok (f);
  g_assert_cmpstr (f->if_none_match, ==, "\"rev-1\"");
  g_assert_cmpuint (f->not_modified_sent, ==, 1);
  g_assert_true (vigie_service_get_snapshot (f->service) == snapshot);
  g_assert_cmpint (vigie_service_get_severity (f->service), ==, VIGIE_SEVERITY_MAJOR);
  g_assert_false (vigie_service_is_stale (f->service));
  g_assert_true (vigie_service_get_last_success (f->service) != first_success);

  /* 304 after failures is a success too: fresh again */
  reply = queue_reply (f, SOUP_STATUS_SERVICE_UNAVAILABLE, "text/plain", "busy");
  poll_fails (f, VIGIE_FETCH_ERROR, VIGIE_FETCH_ERROR_HTTP, "http 503");
  g_assert_true (vigie_service_is_stale (f->service));
  reply = queue_feed (f, FEED_MAJOR);
  reply->etag = g_strdup ("\"rev-1\"");
  poll_ok (f);
  g_assert_cmpuint (f->not_modified_sent, ==, 2);
  g_assert_true (vigie_service_get_snapshot (f->service) == snapshot);
  g_assert_false (vigie_service_is_stale (f->service));
  g_assert_cmpuint (vigie_service_get_failures (f->service), ==, 0);

  /* a new version is read */
  reply = queue_feed (f, FEED_OPERATIONAL);
  reply->etag = g_strdup ("\"rev-2\"");
  poll_ok (f);
  g_assert_cmpstr (f->if_none_match, ==, "\"rev-1\"");
  g_assert_cmpuint (f->not_modified_sent, ==, 2);
  g_assert_true (vigie_service_get_snapshot (f->service) != snapshot);
  g_assert_cmpint (vigie_service_get_severity (f->service), ==, VIGIE_SEVERITY_OPERATIONAL);

  /* and its validator used next time */
  poll_ok (f);
  g_assert_cmpstr (f->if_none_match, ==, "\"rev-2\"");
  g_assert_cmpuint (f->not_modified_sent, ==, 3);
  g_assert_cmpuint (f->requests, ==, 6);
}

static void
test_not_modified_without_copy (Fixture       *f,
                                gconstpointer  user_data)
{
  queue_reply (f, SOUP_STATUS_NOT_MODIFIED, NULL, NULL);
  poll_fails (f, VIGIE_FETCH_ERROR, VIGIE_FETCH_ERROR_HTTP, "http 304 without a copy");
  g_assert_cmpint (vigie_service_get_severity (f->service), ==, VIGIE_SEVERITY_UNKNOWN);
}

/* Validators given back from a saved state make the first poll
 * conditional; a 304 without a copy to confirm fetches the feed whole in
 * the same poll. */
static void
test_restored_validators (Fixture       *f,
                          gconstpointer  user_data)
{
  Reply *reply;
  const char *etag = NULL;
  const char *last_modified = NULL;

  vigie_service_set_validators (f->service, "\"rev-1\"", "Tue, 01 Dec 2026 10:00:00 GMT");
  vigie_service_get_validators (f->service, &etag, &last_modified);
  g_assert_cmpstr (etag, ==, "\"rev-1\"");
  g_assert_cmpstr (last_modified, ==, "Tue, 01 Dec 2026 10:00:00 GMT");

  reply = queue_feed (f, FEED_MAJOR);
  reply->etag = g_strdup ("\"rev-1\"");
  poll_ok (f);
  g_assert_cmpuint (f->requests, ==, 2);
  g_assert_cmpuint (f->not_modified_sent, ==, 1);
  g_assert_null (f->if_none_match);
  g_assert_cmpint (vigie_service_get_severity (f->service), ==, VIGIE_SEVERITY_MAJOR);
  vigie_service_get_validators (f->service, &etag, &last_modified);
  g_assert_cmpstr (etag, ==, "\"rev-1\"");
  g_assert_null (last_modified);

  /* then conditional as usual */
  poll_ok (f);
  g_assert_cmpuint (f->requests, ==, 3);
  g_assert_cmpuint (f->not_modified_sent, ==, 2);

  /* validators that no longer match: one request, the new version */
  g_clear_signal_handler (&f->changed_id, f->service);
  g_clear_object (&f->service);
  f->service = vigie_service_new ("feed-1", NULL, NULL, f->url, NULL);
  f->changed_id = g_signal_connect (f->service, "changed", G_CALLBACK (changed_cb), f);
  vigie_service_set_validators (f->service, "\"rev-0\"", NULL);
  poll_ok (f);
  g_assert_cmpuint (f->requests, ==, 4);
  g_assert_cmpstr (f->if_none_match, ==, "\"rev-0\"");
  g_assert_cmpint (vigie_service_get_severity (f->service), ==, VIGIE_SEVERITY_MAJOR);

  /* what a damaged state file could hold is not sent */
  vigie_service_set_validators (f->service, "\"a\nb\"", "\xc3\xa9t\xc3\xa9");
  vigie_service_get_validators (f->service, &etag, &last_modified);
  g_assert_null (etag);
  g_assert_null (last_modified);
}

/* With the copy kept in the feed cache, the first poll after a restart is
 * one conditional request answered 304, read from the copy */
static void
test_restored_copy (Fixture       *f,
                    gconstpointer  user_data)
{
  g_autofree char *dir = g_dir_make_tmp ("vigie-feeds-XXXXXX", NULL);
  g_autoptr(VigieFeedCache) cache = vigie_feed_cache_new (dir);
  g_autoptr(VigieFeedCache) restarted = NULL;
  const char *etag = NULL;
  Reply *reply;

  vigie_service_set_feed_cache (f->service, cache);
  reply = queue_feed (f, FEED_MAJOR);
  reply->etag = g_strdup ("\"rev-1\"");
  poll_ok (f);
  g_assert_cmpuint (f->requests, ==, 1);
  vigie_feed_cache_wait (cache);
  g_assert_cmpuint (vigie_feed_cache_get_n_writes (cache), ==, 1);

  /* a new process: a new service, the saved validators, the kept copy */
  restarted = vigie_feed_cache_new (dir);
  g_clear_signal_handler (&f->changed_id, f->service);
  g_clear_object (&f->service);
  f->service = vigie_service_new ("feed-1", NULL, NULL, f->url, NULL);
  f->changed_id = g_signal_connect (f->service, "changed", G_CALLBACK (changed_cb), f);
  vigie_service_set_feed_cache (f->service, restarted);
  vigie_service_set_validators (f->service, "\"rev-1\"", NULL);

  reply = queue_feed (f, FEED_MAJOR);
  reply->etag = g_strdup ("\"rev-1\"");
  poll_ok (f);
  g_assert_cmpuint (f->requests, ==, 2);
  g_assert_cmpuint (f->not_modified_sent, ==, 1);
  g_assert_cmpint (vigie_service_get_severity (f->service), ==, VIGIE_SEVERITY_MAJOR);
  vigie_service_get_validators (f->service, &etag, NULL);
  g_assert_cmpstr (etag, ==, "\"rev-1\"");

  /* nothing new was written */
  vigie_feed_cache_wait (restarted);
  g_assert_cmpuint (vigie_feed_cache_get_n_writes (restarted), ==, 0);
}

static void
assert_not_before_in (Fixture *f,
                      gint64   start,
                      gint64   seconds)
{
  gint64 not_before = vigie_service_get_not_before (f->service);

  g_assert_cmpint (not_before, >=, start + seconds * G_USEC_PER_SEC);
  g_assert_cmpint (not_before, <=, g_get_monotonic_time () + seconds * G_USEC_PER_SEC);
}

static void
test_retry_after (Fixture       *f,
                  gconstpointer  user_data)
{
  guint status = GPOINTER_TO_UINT (user_data);
  g_autofree char *reason = g_strdup_printf ("http %u", status);
  Reply *reply;
  gint64 start;

  reply = queue_reply (f, status, "text/plain", "slow down");
  reply->retry_after = g_strdup ("120");
  start = g_get_monotonic_time ();
  poll_fails (f, VIGIE_FETCH_ERROR, VIGIE_FETCH_ERROR_HTTP, reason);
  assert_not_before_in (f, start, 120);
  g_assert_cmpint (vigie_service_get_not_before (f->service), >, g_get_monotonic_time ());
}

static void
test_max_age (Fixture       *f,
              gconstpointer  user_data)
{
  Reply *reply;
  gint64 start;

  reply = queue_feed (f, FEED_OPERATIONAL);
  reply->cache_control = g_strdup ("max-age=300");
  reply->etag = g_strdup ("\"a\"");
  start = g_get_monotonic_time ();
  poll_ok (f);
  assert_not_before_in (f, start, 300);

  /* a 304 carries the freshness of the copy it confirms */
  reply = queue_feed (f, FEED_OPERATIONAL);
  reply->cache_control = g_strdup ("max-age=600");
  reply->etag = g_strdup ("\"a\"");
  start = g_get_monotonic_time ();
  poll_ok (f);
  g_assert_cmpuint (f->not_modified_sent, ==, 1);
  assert_not_before_in (f, start, 600);

  /* no such request: no wait */
  queue_feed (f, FEED_OPERATIONAL);
  poll_ok (f);
  g_assert_cmpint (vigie_service_get_not_before (f->service), ==, 0);
}

static gboolean
cancel_cb (gpointer user_data)
{
  g_cancellable_cancel (user_data);
  return G_SOURCE_REMOVE;
}

static void
hang_cb (SoupServer        *server,
         SoupServerMessage *msg,
         const char        *path,
         GHashTable        *query,
         gpointer           user_data)
{
  soup_server_message_pause (msg);
}

static void
test_cancelled (Fixture       *f,
                gconstpointer  user_data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(VigieService) hanging = NULL;
  g_autofree char *hang_url = NULL;
  VigieService *good;

  queue_feed (f, FEED_MINOR);
  poll_ok (f);

  /* a cancelled poll learnt nothing: no state change, no signal */
  soup_server_add_handler (f->server, "/hang", hang_cb, NULL, NULL);
  hang_url = vigie_test_server_url (f->server, "/hang");
  hanging = vigie_service_new ("feed-2", NULL, NULL, hang_url, NULL);
  good = f->service;
  g_signal_connect (hanging, "changed", G_CALLBACK (changed_cb), f);
  f->service = hanging;
  g_timeout_add_full (G_PRIORITY_DEFAULT, 100, cancel_cb, g_object_ref (cancellable),
                      g_object_unref);
  g_assert_false (poll_full (f, cancellable, 0, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (vigie_service_get_failures (hanging), ==, 0);
  g_assert_null (vigie_service_get_last_checked (hanging));
  g_assert_null (vigie_service_get_last_error (hanging));
  f->service = good;
  g_signal_handlers_disconnect_by_func (hanging, changed_cb, f);

  /* and the service can poll again */
  poll_ok (f);
  g_assert_cmpint (vigie_service_get_severity (f->service), ==, VIGIE_SEVERITY_MINOR);
}

static void
test_already_polling (Fixture       *f,
                      gconstpointer  user_data)
{
  PollResult first = { 0 };
  PollResult second = { 0 };

  queue_feed (f, FEED_OPERATIONAL);
  vigie_service_poll_async (f->service, f->fetcher, NULL, poll_done_cb, &first);
  vigie_service_poll_async (f->service, f->fetcher, NULL, poll_done_cb, &second);
  vigie_test_wait_for (&first.done, 5);
  vigie_test_wait_for (&second.done, 5);

  g_assert_true (first.ok);
  g_assert_false (second.ok);
  g_assert_error (second.error, G_IO_ERROR, G_IO_ERROR_PENDING);
  g_clear_error (&second.error);
  /* one request, one signal */
  g_assert_cmpuint (f->requests, ==, 1);
  g_assert_cmpuint (f->changed, ==, 1);
}

static void
test_timeout (Fixture       *f,
              gconstpointer  user_data)
{
  g_autoptr(VigieService) hanging = NULL;
  g_autofree char *hang_url = NULL;
  PollResult result = { 0 };

  soup_server_add_handler (f->server, "/hang", hang_cb, NULL, NULL);
  hang_url = vigie_test_server_url (f->server, "/hang");
  hanging = vigie_service_new ("feed-2", NULL, NULL, hang_url, NULL);
  g_signal_connect (hanging, "changed", G_CALLBACK (changed_cb), f);

  vigie_service_poll_async (hanging, f->fetcher, NULL, poll_done_cb, &result);
  vigie_test_wait_for (&result.done, 5);
  g_assert_error (result.error, VIGIE_FETCH_ERROR, VIGIE_FETCH_ERROR_TIMEOUT);
  g_clear_error (&result.error);
  g_assert_cmpuint (f->changed, ==, 1);
  g_assert_cmpstr (vigie_service_get_problem (hanging), ==, "timeout");
  g_signal_handlers_disconnect_by_func (hanging, changed_cb, f);
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
  vigie_test_loopback_only ();

  /* No G_TEST_OPTION_ISOLATE_DIRS: nothing here touches files, and with
   * several tests it makes GLib leak the previous test's directory names
   * (on purpose), which LeakSanitizer cannot tell from ours. */
  g_test_init (&argc, &argv, NULL);

  add ("/service/good-poll", NULL, test_good_poll);
  add ("/service/large-feed", NULL, test_large_feed);
  add ("/service/html-page", NULL, test_html_page);
  add ("/service/json-too-deep", NULL, test_json_too_deep);
  add ("/service/http/404", GUINT_TO_POINTER (404), test_http_error);
  add ("/service/http/503", GUINT_TO_POINTER (503), test_http_error);
  add ("/service/insecure-feed", NULL, test_transport_failure);
  add ("/service/timeout", NULL, test_timeout);
  add ("/service/stale-then-unknown", NULL, test_stale_then_unknown);
  add ("/service/success-between-failures", NULL, test_success_between_failures);
  add ("/service/not-modified", NULL, test_not_modified);
  add ("/service/not-modified-without-copy", NULL, test_not_modified_without_copy);
  add ("/service/restored-validators", NULL, test_restored_validators);
  add ("/service/restored-copy", NULL, test_restored_copy);
  add ("/service/retry-after/503", GUINT_TO_POINTER (503), test_retry_after);
  add ("/service/retry-after/429", GUINT_TO_POINTER (429), test_retry_after);
  add ("/service/max-age", NULL, test_max_age);
  add ("/service/cancelled", NULL, test_cancelled);
  add ("/service/already-polling", NULL, test_already_polling);

  return g_test_run ();
}
