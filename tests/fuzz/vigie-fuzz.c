/* vigie-fuzz.c: what every fuzz target shares
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vigie-fuzz"

#include "config.h"

#include <string.h>

#include "vigie-fuzz.h"
#include "vigie-text.h"

static GLogWriterOutput
quiet_writer (GLogLevelFlags   level,
              const GLogField *fields,
              gsize            n_fields,
              gpointer         user_data)
{
  /* A critical or a warning from a parser is a bug the fuzzer must report,
   * as fatal-criticals makes it in the test suite; debug messages about
   * each rejected input would only slow the run down. */
  if (level & (G_LOG_LEVEL_ERROR | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING))
    {
      g_log_writer_standard_streams (level, fields, n_fields, user_data);
      abort ();
    }

  return G_LOG_WRITER_HANDLED;
}

/**
 * vigie_fuzz_init:
 *
 * Called at the start of every input; does its work once.
 */
void
vigie_fuzz_init (void)
{
  static gsize initialized = 0;

  if (g_once_init_enter (&initialized))
    {
      g_log_set_writer_func (quiet_writer, NULL, NULL);
      g_once_init_leave (&initialized, 1);
    }
}

/**
 * vigie_fuzz_now:
 *
 * A fixed "now", so that an input that crashes crashes again when replayed
 * (windows of maintenances and recent Atom entries depend on it).
 *
 * Returns: (transfer full): 2026-11-28 23:00 UTC
 */
GDateTime *
vigie_fuzz_now (void)
{
  return g_date_time_new_utc (2026, 11, 28, 23, 0, 0);
}

static void
check_text (const char *text,
            gboolean    nullable)
{
  if (text == NULL)
    {
      g_assert_true (nullable);
      return;
    }

  /* parsers promise cleaned plain text (vigie_text_clean()) */
  g_assert_true (g_utf8_validate (text, -1, NULL));
  for (const char *p = text; *p != '\0'; p++)
    g_assert_true ((guchar) *p >= 0x20 || *p == '\n');
}

static void
check_severity (VigieSeverity severity)
{
  g_assert_cmpint (severity, >=, VIGIE_SEVERITY_OPERATIONAL);
  g_assert_cmpint (severity, <, VIGIE_SEVERITY_N_LEVELS);
}

static void
check_incidents (GPtrArray *incidents)
{
  for (guint i = 0; incidents != NULL && i < incidents->len; i++)
    {
      const VigieIncident *incident = g_ptr_array_index (incidents, i);

      check_text (incident->title, TRUE);
      check_text (incident->latest_update, TRUE);
      check_severity (incident->severity);
      /* a link that reaches the window or a notification is safe to open */
      g_assert_true (incident->url == NULL || vigie_link_is_fetchable (incident->url));
    }
}

/**
 * vigie_fuzz_check_snapshot:
 *
 * What a parser promises about any snapshot it returns, whatever the input:
 * severities on the scale, cleaned text, safe links.
 */
void
vigie_fuzz_check_snapshot (VigieSnapshot *snapshot)
{
  GPtrArray *components;

  g_assert_true (VIGIE_IS_SNAPSHOT (snapshot));
  check_severity (vigie_snapshot_get_severity (snapshot));
  check_text (vigie_snapshot_get_summary (snapshot), TRUE);

  components = vigie_snapshot_get_components (snapshot);
  for (guint i = 0; components != NULL && i < components->len; i++)
    {
      const VigieComponent *component = g_ptr_array_index (components, i);

      check_text (component->name, FALSE);
      check_text (component->group, TRUE);
      check_severity (component->severity);
    }

  check_incidents (vigie_snapshot_get_incidents (snapshot));
  check_incidents (vigie_snapshot_get_maintenances (snapshot));
}
