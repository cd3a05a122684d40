/* bench-core.c: how fast and how small Vigie's core is
 *
 * Prints figures, and whether each stays within its target; it is a
 * benchmark (`meson test --benchmark`), not a test: a shared machine makes
 * timings noisy, so nothing here fails the test suite.
 *
 *  - parsing: realistic and large synthetic payloads of each main format
 *  - a poll round: 40 services fetched concurrently from a local server
 *  - the tracker: observing 40 services
 *  - the bounded JSON loader against bare json-glib on a 12 KB summary
 *    (`bench-core --parse-ratio` prints only that, for bench-desktop.py)
 *  - peak memory (maximum resident set size)
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <libsoup/soup.h>
#include <sys/resource.h>

#include "feeds/vigie-feeds.h"
#include "vigie-json.h"
#include "vigie-monitor.h"
#include "vigie-tracker.h"

#define N_SERVICES 40

static GBytes *
statuspage_payload (guint n_components,
                    guint n_incidents)
{
  GString *json = g_string_new ("{\"page\":{\"id\":\"p\",\"name\":\"Bench\",\"url\":\"https://status.example.com\"},"
                                "\"status\":{\"indicator\":\"major\",\"description\":\"Partial System Outage\"},"
                                "\"components\":[");

  for (guint i = 0; i < n_components; i++)
    g_string_append_printf (json, "%s{\"id\":\"c%u\",\"name\":\"Component %u\",\"status\":\"%s\","
                            "\"group\":false,\"group_id\":null,\"position\":%u}",
                            i ? "," : "", i, i, i % 17 ? "operational" : "partial_outage", i);
  g_string_append (json, "],\"incidents\":[");
  for (guint i = 0; i < n_incidents; i++)
    g_string_append_printf (json, "%s{\"id\":\"inc%u\",\"name\":\"Incident number %u\",\"status\":\"investigating\","
                            "\"impact\":\"major\",\"shortlink\":\"https://stspg.io/%u\","
                            "\"started_at\":\"2026-11-28T10:00:00Z\",\"updated_at\":\"2026-11-28T10:30:00Z\","
                            "\"incident_updates\":[{\"id\":\"u%u\",\"body\":\"We are investigating elevated "
                            "error rates on several components and will post again soon.\","
                            "\"created_at\":\"2026-11-28T10:30:00Z\",\"display_at\":\"2026-11-28T10:30:00Z\"}],"
                            "\"components\":[{\"name\":\"Component 1\"}]}",
                            i ? "," : "", i, i, i, i);
  g_string_append (json, "],\"scheduled_maintenances\":[]}");

  return g_string_free_to_bytes (json);
}

/* Google's dashboard serves its whole history: about 1.3 MB in 2026 */
static GBytes *
google_payload (guint n_incidents)
{
  GString *json = g_string_new ("[");

  for (guint i = 0; i < n_incidents; i++)
    g_string_append_printf (json, "%s{\"id\":\"g%u\",\"number\":\"%u\",\"begin\":\"2026-%02u-10T10:00:00+00:00\","
                            "\"created\":\"2026-%02u-10T10:05:00+00:00\",\"end\":\"2026-%02u-10T12:00:00+00:00\","
                            "\"modified\":\"2026-%02u-10T12:00:00+00:00\","
                            "\"external_desc\":\"Users may see errors when loading messages in one product.\","
                            "\"updates\":[{\"created\":\"2026-%02u-10T12:00:00+00:00\",\"text\":\"**Summary:** the issue "
                            "is resolved for all users. We apologise for the inconvenience.\",\"status\":\"AVAILABLE\"}],"
                            "\"most_recent_update\":{\"created\":\"2026-%02u-10T12:00:00+00:00\",\"text\":\"The issue is "
                            "resolved.\",\"status\":\"AVAILABLE\"},\"status_impact\":\"SERVICE_DISRUPTION\","
                            "\"severity\":\"medium\",\"service_name\":\"Gmail\",\"affected_products\":"
                            "[{\"title\":\"Gmail\",\"id\":\"p1\"}],\"uri\":\"incidents/g%u\"}",
                            i ? "," : "", i, i, 1 + i % 11, 1 + i % 11, 1 + i % 11, 1 + i % 11,
                            1 + i % 11, 1 + i % 11, i);
  g_string_append (json, "]");

  return g_string_free_to_bytes (json);
}

static GBytes *
slack_payload (guint n_incidents)
{
  GString *json = g_string_new ("{\"status\":\"active\",\"date_created\":\"2026-11-28T01:00:00-08:00\","
                                "\"date_updated\":\"2026-11-28T02:00:00-08:00\",\"active_incidents\":[");

  for (guint i = 0; i < n_incidents; i++)
    g_string_append_printf (json, "%s{\"id\":%u,\"date_created\":\"2026-11-28T01:14:00-08:00\","
                            "\"date_updated\":\"2026-11-28T01:40:00-08:00\",\"title\":\"Trouble %u\","
                            "\"type\":\"outage\",\"status\":\"active\",\"url\":\"https:\\/\\/status.slack.com\\/x%u\","
                            "\"services\":[\"Messaging\",\"Huddles\"],\"notes\":[{\"date_created\":"
                            "\"2026-11-28T01:40:00-08:00\",\"body\":\"We&#39;re <b>looking</b> into it.\"}]}",
                            i ? "," : "", i, i, i);
  g_string_append (json, "]}");

  return g_string_free_to_bytes (json);
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a;
  double y = *(const double *) b;

  return (x > y) - (x < y);
}

static double
median (GArray *samples)
{
  g_array_sort (samples, compare_doubles);
  return g_array_index (samples, double, samples->len / 2);
}

static void
report (const char *what,
        double      value,
        const char *unit,
        double      target)
{
  g_print ("%-66s %9.2f %-4s (target < %g %s) %s\n", what, value, unit, target, unit,
           value < target ? "ok" : "OVER TARGET");
}

static void
bench_parse (const char *what,
             const char *format,
             GBytes     *body,
             guint       runs,
             double      target_ms)
{
  g_autoptr(GArray) samples = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GDateTime) now = g_date_time_new_utc (2026, 11, 28, 12, 0, 0);
  g_autofree char *label = NULL;

  for (guint i = 0; i < runs; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(VigieSnapshot) snapshot = NULL;
      gint64 start = g_get_monotonic_time ();
      double ms;

      snapshot = vigie_feeds_parse (format, body, now, &error);
      ms = (g_get_monotonic_time () - start) / 1000.0;
      g_assert_no_error (error);
      g_array_append_val (samples, ms);
    }

  label = g_strdup_printf ("parse %s (%.0f KiB)", what, g_bytes_get_size (body) / 1024.0);
  report (label, median (samples), "ms", target_ms);
}

static void
serve_cb (SoupServer        *server,
          SoupServerMessage *message,
          const char        *path,
          GHashTable        *query,
          gpointer           user_data)
{
  GBytes *body = user_data;

  soup_server_message_set_status (message, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (message, "application/json", SOUP_MEMORY_COPY,
                                    g_bytes_get_data (body, NULL), g_bytes_get_size (body));
}

static void
polled_cb (VigieMonitor *monitor,
           VigieService *service,
           guint        *remaining)
{
  if (*remaining > 0)
    (*remaining)--;
}

static void
bench_poll_round (void)
{
  g_autoptr(GBytes) body = statuspage_payload (60, 2);
  g_autoptr(SoupServer) server = soup_server_new (NULL, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(VigieMonitor) monitor = vigie_monitor_new ();
  g_autoptr(GPtrArray) services = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(VigieTracker) tracker = vigie_tracker_new ();
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  GSList *uris;
  g_autofree char *base = NULL;
  guint remaining = N_SERVICES;
  gint64 start;
  double ms;

  soup_server_add_handler (server, NULL, serve_cb, body, NULL);
  soup_server_listen_local (server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (server);
  base = g_uri_to_string (uris->data);
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);

  for (guint i = 0; i < N_SERVICES; i++)
    {
      g_autofree char *id = g_strdup_printf ("s%u", i);
      g_autofree char *url = g_strdup_printf ("%sfeed/%u", base, i);

      g_ptr_array_add (services, vigie_service_new (id, id, NULL, url, "statuspage"));
    }

  vigie_monitor_set_services (monitor, services);
  g_signal_connect (monitor, "service-polled", G_CALLBACK (polled_cb), &remaining);

  start = g_get_monotonic_time ();
  vigie_monitor_start (monitor);
  while (remaining > 0)
    g_main_context_iteration (NULL, TRUE);
  ms = (g_get_monotonic_time () - start) / 1000.0;
  report ("poll round: 40 services, concurrent, local server", ms, "ms", 2000);

  start = g_get_monotonic_time ();
  for (guint round = 0; round < 100; round++)
    for (guint i = 0; i < services->len; i++)
      {
        VigieService *service = g_ptr_array_index (services, i);
        g_autoptr(GPtrArray) events = NULL;

        events = vigie_tracker_observe (tracker, vigie_service_get_id (service), "Bench", NULL,
                                        vigie_service_get_severity (service),
                                        vigie_service_get_snapshot (service), now);
      }
  ms = (g_get_monotonic_time () - start) / 1000.0 / 100;
  report ("tracker: observe 40 services", ms, "ms", 5);
}

/* A Statuspage summary of about 12 KB, the size of a typical one */
static GBytes *
summary_of_12k (void)
{
  for (guint n = 40;; n++)
    {
      g_autoptr(GBytes) body = statuspage_payload (n, 2);

      if (g_bytes_get_size (body) >= 12 * 1024)
        return g_steal_pointer (&body);
    }
}

/* vigie_json_load_bounded() (pre-scan, then json-glib)
 * against a bare json_parser_load_from_data(), timed in alternation so
 * that a busy machine slows both alike; returns the ratio of medians. */
static double
measure_parse_ratio (double *bounded_us,
                     double *bare_us)
{
  g_autoptr(GBytes) body = summary_of_12k ();
  g_autoptr(GArray) bare = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) bounded = g_array_new (FALSE, FALSE, sizeof (double));
  gsize size;
  const char *data = g_bytes_get_data (body, &size);
  const guint batch = 50;

  for (guint round = 0; round < 60; round++)
    {
      gint64 start = g_get_monotonic_time ();
      double us;

      for (guint i = 0; i < batch; i++)
        {
          g_autoptr(JsonParser) parser = json_parser_new ();

          if (!json_parser_load_from_data (parser, data, size, NULL))
            g_error ("the payload does not parse");
        }
      us = (g_get_monotonic_time () - start) / (double) batch;
      g_array_append_val (bare, us);

      start = g_get_monotonic_time ();
      for (guint i = 0; i < batch; i++)
        {
          g_autoptr(JsonNode) root = vigie_json_load_bounded (body, NULL);

          if (root == NULL)
            g_error ("the payload does not load");
        }
      us = (g_get_monotonic_time () - start) / (double) batch;
      g_array_append_val (bounded, us);
    }

  *bare_us = median (bare);
  *bounded_us = median (bounded);
  return *bounded_us / *bare_us;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GBytes) summary = statuspage_payload (80, 2);
  g_autoptr(GBytes) big_summary = statuspage_payload (500, 50);
  g_autoptr(GBytes) google = google_payload (2500);
  g_autoptr(GBytes) slack = slack_payload (5);
  struct rusage usage;

  g_setenv ("GIO_USE_PROXY_RESOLVER", "dummy", TRUE);

  if (argc > 1 && g_str_equal (argv[1], "--parse-ratio"))
    {
      double bounded_us, bare_us;
      double ratio = measure_parse_ratio (&bounded_us, &bare_us);

      g_print ("parse-ratio %.4f %.2f %.2f\n", ratio, bounded_us, bare_us);
      return 0;
    }

  g_print ("Vigie core benchmark (median of runs; machine: %u cores)\n", g_get_num_processors ());
#ifdef __SANITIZE_ADDRESS__
  g_print ("WARNING: built with AddressSanitizer: times and memory are not representative;\n"
           "build without -Db_sanitize to measure\n");
#endif
  bench_parse ("Statuspage summary, 80 components", "statuspage", summary, 200, 2);
  bench_parse ("Statuspage summary, 500 components, 50 incidents", "statuspage", big_summary, 50, 20);
  bench_parse ("Google dashboard history, 2500 incidents", "google", google, 10, 150);
  bench_parse ("Slack current, 5 incidents", "slack", slack, 200, 1);
  bench_parse ("Google history, format detected", NULL, google, 10, 200);
  bench_poll_round ();

  {
    double bounded_us, bare_us;
    double ratio = measure_parse_ratio (&bounded_us, &bare_us);

    g_print ("%-66s %9.2f %-4s (target < %g %s) %s\n",
             "parse 12 KB summary: load_bounded / bare json-glib", ratio, "x", 1.15, "x",
             ratio < 1.15 ? "ok" : "OVER TARGET");
    g_print ("  (%.1f µs against %.1f µs)\n", bounded_us, bare_us);
  }

  getrusage (RUSAGE_SELF, &usage);
  report ("peak memory (max RSS) of this process", usage.ru_maxrss / 1024.0, "MiB", 64);

  return 0;
}
