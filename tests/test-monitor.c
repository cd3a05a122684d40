/* test-monitor.c: scheduling, politeness and network awareness
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "vigie-limits.h"
#include "vigie-monitor.h"
#include "vigie-test-utils.h"

typedef struct
{
  SoupServer *server;
  guint hits;
  guint status;
  VigieMonitor *monitor;
  guint polled;
  gboolean slow;         /* each answer waits a little */
  guint in_flight;
  guint max_in_flight;
} Fixture;

static const char summary[] =
  "{\"page\":{\"id\":\"p\",\"name\":\"Local\",\"url\":\"https://status.example.com\"},"
  "\"status\":{\"indicator\":\"none\",\"description\":\"All Systems Operational\"},"
  "\"components\":[],\"incidents\":[],\"scheduled_maintenances\":[]}";

typedef struct
{
  Fixture *fixture;
  SoupServerMessage *message;
} SlowAnswer;

static gboolean
answer_slowly_cb (gpointer user_data)
{
  SlowAnswer *answer = user_data;

  answer->fixture->in_flight--;
  soup_server_message_set_status (answer->message, 200, NULL);
  soup_server_message_set_response (answer->message, "application/json", SOUP_MEMORY_STATIC,
                                    summary, sizeof summary - 1);
  soup_server_message_unpause (answer->message);
  g_object_unref (answer->message);
  g_free (answer);

  return G_SOURCE_REMOVE;
}

static void
serve_cb (SoupServer        *server,
          SoupServerMessage *message,
          const char        *path,
          GHashTable        *query,
          gpointer           user_data)
{
  Fixture *f = user_data;

  f->hits++;
  if (f->slow)
    {
      SlowAnswer *answer = g_new0 (SlowAnswer, 1);

      answer->fixture = f;
      answer->message = g_object_ref (message);
      f->in_flight++;
      f->max_in_flight = MAX (f->max_in_flight, f->in_flight);
      soup_server_message_pause (message);
      g_timeout_add (50, answer_slowly_cb, answer);
      return;
    }

  soup_server_message_set_status (message, f->status, NULL);
  if (f->status == 503)
    soup_message_headers_replace (soup_server_message_get_response_headers (message),
                                  "Retry-After", "120");
  else
    soup_server_message_set_response (message, "application/json", SOUP_MEMORY_STATIC, summary,
                                      sizeof summary - 1);
}

static void
polled_cb (VigieMonitor *monitor,
           VigieService *service,
           Fixture      *f)
{
  f->polled++;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  vigie_test_set_network_available (TRUE);
  f->status = 200;
  f->server = vigie_test_server_new ();
  soup_server_add_handler (f->server, NULL, serve_cb, f, NULL);
  f->monitor = vigie_monitor_new ();
  g_signal_connect (f->monitor, "service-polled", G_CALLBACK (polled_cb), f);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->monitor);
  soup_server_disconnect (f->server);
  g_clear_object (&f->server);
}

static VigieService *
local_service (Fixture    *f,
               const char *id)
{
  g_autofree char *path = g_strdup_printf ("/%s/api/v2/summary.json", id);
  g_autofree char *url = vigie_test_server_url (f->server, path);

  return vigie_service_new (id, NULL, NULL, url, NULL);
}

static void
set_services (Fixture *f,
              ...)
{
  g_autoptr(GPtrArray) services = g_ptr_array_new_with_free_func (g_object_unref);
  VigieService *service;
  va_list args;

  va_start (args, f);
  while ((service = va_arg (args, VigieService *)) != NULL)
    g_ptr_array_add (services, service);
  va_end (args);

  vigie_monitor_set_services (f->monitor, services);
}

static gboolean
run_for_cb (gpointer user_data)
{
  gboolean *done = user_data;

  *done = TRUE;
  return G_SOURCE_REMOVE;
}

/* Spins the main loop for a while, to see that something does NOT happen */
static void
run_for (guint milliseconds)
{
  gboolean done = FALSE;

  g_timeout_add (milliseconds, run_for_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

static gboolean
polled_at_least (Fixture *f,
                 guint    count,
                 guint    timeout_seconds)
{
  gint64 end = g_get_monotonic_time () + timeout_seconds * G_USEC_PER_SEC;

  while (f->polled < count && g_get_monotonic_time () < end)
    {
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (1000);
    }

  return f->polled >= count;
}

static void
test_start_polls_every_service (Fixture       *f,
                                gconstpointer  data)
{
  set_services (f, local_service (f, "a"), local_service (f, "b"), NULL);
  vigie_monitor_set_interval (f->monitor, 1);
  vigie_monitor_start (f->monitor);

  /* at once, then again after the interval */
  g_assert_true (polled_at_least (f, 2, 5));
  g_assert_cmpuint (f->hits, ==, 2);
  g_assert_true (polled_at_least (f, 4, 10));
  g_assert_cmpint (vigie_monitor_get_worst (f->monitor), ==, VIGIE_SEVERITY_OPERATIONAL);
}

static void
test_offline_pauses_and_resumes (Fixture       *f,
                                 gconstpointer  data)
{
  /* A service on the internet makes the network matter; its plain-http
   * address is refused by the fetcher before any packet is sent. */
  set_services (f, local_service (f, "a"),
                vigie_service_new ("remote", "Remote", NULL, "http://status.example.com/feed", NULL),
                NULL);
  vigie_monitor_set_interval (f->monitor, 3600);
  vigie_monitor_start (f->monitor);
  g_assert_true (polled_at_least (f, 2, 5));
  g_assert_cmpuint (f->hits, ==, 1);
  g_assert_false (vigie_monitor_is_offline (f->monitor));

  vigie_test_set_network_available (FALSE);
  g_assert_true (vigie_monitor_is_offline (f->monitor));

  /* offline: no poll, even when asked, and no state change */
  vigie_monitor_refresh_now (f->monitor);
  run_for (500);
  g_assert_cmpuint (f->hits, ==, 1);
  g_assert_cmpuint (f->polled, ==, 2);

  /* back: every service at once, not at the next hour */
  vigie_test_set_network_available (TRUE);
  g_assert_false (vigie_monitor_is_offline (f->monitor));
  g_assert_true (polled_at_least (f, 4, 5));
  g_assert_cmpuint (f->hits, ==, 2);
}

static void
test_local_feeds_ignore_network (Fixture       *f,
                                 gconstpointer  data)
{
  /* the demo and tests serve feeds on this machine: no network needed */
  vigie_test_set_network_available (FALSE);
  set_services (f, local_service (f, "a"), NULL);
  vigie_monitor_start (f->monitor);
  g_assert_false (vigie_monitor_is_offline (f->monitor));
  g_assert_true (polled_at_least (f, 1, 5));
}

static void
test_delays (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(VigieService) local = local_service (f, "a");
  g_autoptr(VigieService) remote = vigie_service_new ("remote", "Remote", NULL,
                                                      "https://status.example.com/api/v2/summary.json",
                                                      "statuspage");
  g_autoptr(VigieService) slack = vigie_service_new ("slack", "Slack", NULL,
                                                     "https://slack-status.com/api/v2.0.0/current",
                                                     "slack");
  g_autoptr(VigieService) google = vigie_service_new ("google", "Google", NULL,
                                                      "https://www.google.com/appsstatus/dashboard/incidents.json",
                                                      "google");
  guint min_seen = G_MAXUINT;
  guint max_seen = 0;

  /* loopback feeds: exactly the interval asked for */
  vigie_monitor_set_interval (f->monitor, 1);
  g_assert_cmpuint (vigie_monitor_compute_delay (f->monitor, local), ==, 1);

  /* feeds on the internet: never below the floor, nor below what the
   * vendor asks (Slack: a minute; Google's large history: 5 minutes) */
  g_assert_cmpuint (vigie_monitor_compute_delay (f->monitor, remote), >=,
                    VIGIE_MIN_REMOTE_POLL_INTERVAL * 0.9);
  g_assert_cmpuint (vigie_monitor_compute_delay (f->monitor, slack), >=, 60);
  g_assert_cmpuint (vigie_monitor_compute_delay (f->monitor, google), >=, 300);

  /* the default interval, with jitter of about a tenth either way */
  vigie_monitor_set_interval (f->monitor, VIGIE_DEFAULT_POLL_INTERVAL);
  for (guint i = 0; i < 200; i++)
    {
      guint delay = vigie_monitor_compute_delay (f->monitor, remote);

      min_seen = MIN (min_seen, delay);
      max_seen = MAX (max_seen, delay);
    }
  g_assert_cmpuint (min_seen, >=, VIGIE_DEFAULT_POLL_INTERVAL * 0.9 - 1);
  g_assert_cmpuint (max_seen, <=, VIGIE_DEFAULT_POLL_INTERVAL * 1.1 + 1);
  g_assert_cmpuint (min_seen, <, max_seen);
}

static void
test_retry_after_is_honoured (Fixture       *f,
                              gconstpointer  data)
{
  VigieService *service = local_service (f, "a");

  f->status = 503;
  set_services (f, service, NULL);
  vigie_monitor_set_interval (f->monitor, 1);
  vigie_monitor_start (f->monitor);
  g_assert_true (polled_at_least (f, 1, 5));

  /* the server asked for two minutes: neither the schedule nor a refresh
   * comes back before */
  g_assert_cmpuint (vigie_monitor_compute_delay (f->monitor, service), >=, 118);
  vigie_monitor_refresh_now (f->monitor);
  run_for (1500);
  g_assert_cmpuint (f->hits, ==, 1);
}

/* Twenty services due at once: a few polls at a time, every one done */
static void
test_few_polls_at_once (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GPtrArray) services = g_ptr_array_new_with_free_func (g_object_unref);
  GSList *uris = soup_server_get_uris (f->server);
  int port = g_uri_get_port (uris->data);

  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);

  /* a dozen loopback hosts: libsoup alone would allow 2 connections to
   * each, 10 in all */
  for (guint host = 2; host <= 12; host++)
    {
      g_autofree char *address = g_strdup_printf ("127.0.0.%u", host);
      g_autoptr(GSocketAddress) socket_address = g_inet_socket_address_new_from_string (address,
                                                                                       port);
      g_autoptr(GError) error = NULL;

      soup_server_listen (f->server, socket_address, 0, &error);
      g_assert_no_error (error);
    }

  for (guint i = 0; i < 20; i++)
    {
      g_autofree char *id = g_strdup_printf ("s%u", i);
      g_autofree char *url = g_strdup_printf ("http://127.0.0.%u:%d/%s/api/v2/summary.json",
                                              1 + i % 12, port, id);

      g_ptr_array_add (services, vigie_service_new (id, NULL, NULL, url, NULL));
    }
  f->slow = TRUE;
  vigie_monitor_set_services (f->monitor, services);
  vigie_monitor_set_interval (f->monitor, 60);
  vigie_monitor_start (f->monitor);

  g_assert_true (polled_at_least (f, 20, 20));
  g_assert_cmpuint (f->hits, ==, 20);
  g_assert_cmpuint (f->max_in_flight, >, 1);
  g_assert_cmpuint (f->max_in_flight, <=, VIGIE_MAX_CONCURRENT_POLLS);

  /* and all again on "Refresh Now" */
  f->max_in_flight = 0;
  vigie_monitor_refresh_now (f->monitor);
  g_assert_true (polled_at_least (f, 40, 20));
  g_assert_cmpuint (f->max_in_flight, <=, VIGIE_MAX_CONCURRENT_POLLS);
}

static void
test_removed_service_is_not_polled (Fixture       *f,
                                    gconstpointer  data)
{
  set_services (f, local_service (f, "a"), NULL);
  vigie_monitor_set_interval (f->monitor, 1);
  vigie_monitor_start (f->monitor);
  g_assert_true (polled_at_least (f, 1, 5));

  set_services (f, NULL);
  run_for (2500);
  g_assert_cmpuint (f->hits, ==, 1);
  g_assert_cmpint (vigie_monitor_get_worst (f->monitor), ==, VIGIE_SEVERITY_UNKNOWN);
}

int
main (int   argc,
      char *argv[])
{
  vigie_test_loopback_only ();
  vigie_test_install_network_monitor ();
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/monitor/start-polls-every-service", test_start_polls_every_service);
  ADD ("/monitor/offline-pauses-and-resumes", test_offline_pauses_and_resumes);
  ADD ("/monitor/local-feeds-ignore-network", test_local_feeds_ignore_network);
  ADD ("/monitor/delays", test_delays);
  ADD ("/monitor/retry-after-is-honoured", test_retry_after_is_honoured);
  ADD ("/monitor/removed-service-is-not-polled", test_removed_service_is_not_polled);
  ADD ("/monitor/few-polls-at-once", test_few_polls_at_once);

  return g_test_run ();
}
