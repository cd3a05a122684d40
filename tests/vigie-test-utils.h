/* vigie-test-utils.h: shared helpers for Vigie's tests
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <libsoup/soup.h>

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

G_END_DECLS
