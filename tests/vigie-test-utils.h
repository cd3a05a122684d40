/* vigie-test-utils.h: shared helpers for Vigie's tests
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <libsoup/soup.h>

#include "vigie-snapshot.h"

G_BEGIN_DECLS

/* The project's own fixtures, under tests/fixtures/ */
GBytes      *vigie_test_load_fixture         (const char *relative_path);

/* The captured real payloads of ../shared/fixtures/feeds, or NULL (and the
 * test is skipped, loudly) when that folder is not there. */
const char  *vigie_test_get_shared_fixtures  (void);
GBytes      *vigie_test_load_shared_fixture  (const char *relative_path);

/* Switches the process to a real locale for translated output; skips the
 * test (loudly) if the locale is not generated on this machine. */
gboolean     vigie_test_use_locale           (const char *locale);

/* A SoupServer on 127.0.0.1, ephemeral port, IPv4 only */
SoupServer  *vigie_test_server_new           (void);
char        *vigie_test_server_url           (SoupServer *server,
                                              const char *path);

/* Runs the default main context until *flag is TRUE or @timeout_seconds
 * pass; fails the test on timeout. */
void         vigie_test_wait_for             (gboolean   *flag,
                                              guint       timeout_seconds);

/* Runs the default main context until @condition (@fixture, @data) holds
 * or @timeout_seconds pass; fails the test on timeout. */
typedef gboolean (*VigieTestCondition) (gpointer      fixture,
                                        gconstpointer data);
void         vigie_test_run_until            (VigieTestCondition condition,
                                              gpointer           fixture,
                                              gconstpointer      data,
                                              guint              timeout_seconds);

/* Runs what is pending in the default main context, without blocking */
void         vigie_test_let_idles_run        (void);

/* Whether @locale is generated on this machine, leaving the process's
 * locale as it was; skips the test (loudly) if it is not. */
gboolean     vigie_test_locale_exists        (const char *locale);

/* Call first in main(): network tests talk to 127.0.0.1 directly, never
 * through a proxy from the environment or the desktop settings (GLib's
 * GNOME proxy module would also need GSettings schemas, which
 * G_TEST_OPTION_ISOLATE_DIRS hides).  Child processes inherit this. */
void         vigie_test_loopback_only        (void);

/* A generous time limit for "must not take forever" checks (quadratic
 * blow-ups on hostile input), scaled by VIGIE_TEST_TIME_FACTOR under slow
 * runners such as valgrind.  Speed itself is measured by tests/bench. */
double       vigie_test_time_limit           (double      seconds);

/* A network monitor the tests switch on and off: install it before any
 * g_network_monitor_get_default () (e.g. before creating a VigieMonitor). */
void         vigie_test_install_network_monitor (void);
void         vigie_test_set_network_available   (gboolean    available);

/* A launcher for the real `vigie` binary, stdout and stderr piped, away
 * from the user's session: LC_ALL=@locale (or C.UTF-8), HOME and the XDG
 * base directories at @home, GSettings in memory, no display and no
 * session bus. */
GSubprocessLauncher *vigie_test_vigie_launcher_new (const char  *locale,
                                                    const char  *home);

/* Spawns @argv, collects its stdout and stderr while the default main
 * context runs (failing the test after @timeout_seconds) and waits for it
 * to end; returns the process, for its exit status. */
GSubprocess *vigie_test_communicate          (GSubprocessLauncher  *launcher,
                                              const char * const   *argv,
                                              guint                 timeout_seconds,
                                              GBytes              **out,
                                              GBytes              **err);

/* Synthetic snapshots: an incident (its link under status.example.com),
 * and a snapshot at @severity with the incidents that follow, taken,
 * NULL-terminated */
VigieIncident *vigie_test_incident_new        (const char          *id,
                                               const char          *title,
                                               const char          *update,
                                               VigieSeverity        severity,
                                               GDateTime           *started_at);
VigieSnapshot *vigie_test_snapshot_new        (VigieSeverity        severity,
                                               ...) G_GNUC_NULL_TERMINATED;

/* Parsed snapshots */
GDateTime   *vigie_test_time_at              (const char          *iso8601);
void         vigie_test_assert_severity      (VigieSnapshot       *snapshot,
                                              VigieSeverity        expected);
void         vigie_test_assert_incident_severity (const VigieIncident *incident,
                                                  VigieSeverity        expected);
/* The component called @name, or NULL */
const VigieComponent *vigie_test_find_component (VigieSnapshot *snapshot,
                                                 const char    *name);
void         vigie_test_assert_component     (VigieSnapshot       *snapshot,
                                              const char          *name,
                                              const char          *group,
                                              VigieSeverity        severity);
/* "name=severity;…" for the components that are not operational, in order */
char        *vigie_test_describe_trouble     (VigieSnapshot       *snapshot);
/* @expected: the incident's component names, ";"-separated */
void         vigie_test_assert_incident_components (const VigieIncident *incident,
                                                    const char          *expected);

/* Feed parsing.  Every snapshot a helper returns has been checked clean
 * (vigie_test_assert_clean_snapshot()); every error is in the feed error
 * domain.  Times are RFC 3339; the tests judge open windows at
 * VIGIE_TEST_NOW unless they say otherwise. */
#define VIGIE_TEST_NOW "2026-11-29T02:30:00Z"

void         vigie_test_assert_time          (GDateTime           *when,
                                              const char          *expected);
/* Every string of @snapshot is shown to users: valid UTF-8, no control,
 * bidirectional or markup characters, bounded; so are its lists */
void         vigie_test_assert_clean_snapshot (VigieSnapshot      *snapshot);

VigieSnapshot *vigie_test_parse_at_time      (const char          *format,
                                              GBytes              *body,
                                              GDateTime           *now);
VigieSnapshot *vigie_test_parse              (const char          *format,
                                              GBytes              *body,
                                              const char          *now_text);
VigieSnapshot *vigie_test_parse_bytes        (const char          *format,
                                              GBytes              *body);
/* A project fixture, format detected; the same bytes named by the format
 * detected must read the same */
VigieSnapshot *vigie_test_parse_fixture_at_time (const char       *path,
                                                 GDateTime        *now);
VigieSnapshot *vigie_test_parse_fixture_at   (const char          *path,
                                              const char          *now_text);
VigieSnapshot *vigie_test_parse_fixture      (const char          *path);
VigieSnapshot *vigie_test_parse_text_at      (const char          *format,
                                              const char          *text,
                                              const char          *now_text);
VigieSnapshot *vigie_test_parse_text         (const char          *format,
                                              const char          *text);

GError      *vigie_test_parse_error          (const char          *format,
                                              GBytes              *body,
                                              const char          *now_text);
void         vigie_test_assert_parse_error   (const char          *format,
                                              GBytes              *body,
                                              int                  code,
                                              const char          *message);
void         vigie_test_assert_text_error    (const char          *format,
                                              const char          *text,
                                              int                  code,
                                              const char          *message);

/* Google, Microsoft, Instatus, Status.io, Webex and Atom; NULL-terminated */
extern const char * const vigie_test_other_formats[];
/* Every one of vigie_test_other_formats but @own_format refuses @body */
void         vigie_test_assert_other_formats_refuse (GBytes       *body,
                                                     const char   *own_format,
                                                     const char   *now_text);

void         vigie_test_assert_trouble       (VigieSnapshot       *snapshot,
                                              const char          *expected);
const VigieIncident *vigie_test_item_at      (GPtrArray           *items,
                                              guint                index);
const VigieIncident *vigie_test_incident_at  (VigieSnapshot       *snapshot,
                                              guint                index);
const VigieIncident *vigie_test_maintenance_at (VigieSnapshot     *snapshot,
                                                guint              index);
const VigieIncident *vigie_test_resolved_at  (VigieSnapshot       *snapshot,
                                              guint                index);
guint        vigie_test_n_incidents          (VigieSnapshot       *snapshot);
guint        vigie_test_n_maintenances       (VigieSnapshot       *snapshot);
guint        vigie_test_n_components         (VigieSnapshot       *snapshot);
void         vigie_test_assert_counts        (VigieSnapshot       *snapshot,
                                              guint                n_components,
                                              guint                n_incidents,
                                              guint                n_maintenances,
                                              guint                n_resolved);

/* Calls @func on every fixture file, the project's (tests/fixtures/) then
 * the shared captures (when present), except those under a folder named
 * in @skip_folders; @label is "<folder>/<file>", prefixed "shared:" for
 * captures.  Returns how many were visited. */
typedef void (*VigieTestFixtureFunc) (const char *label,
                                      GBytes     *body,
                                      gpointer    user_data);
guint        vigie_test_foreach_fixture      (const char * const  *skip_folders,
                                              VigieTestFixtureFunc func,
                                              gpointer             user_data);

G_END_DECLS
