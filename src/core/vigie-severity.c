/* vigie-severity.c: the one severity scale every feed maps onto
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vigie-severity"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "vigie-severity.h"

static const char * const severity_names[VIGIE_SEVERITY_N_LEVELS] = {
  [VIGIE_SEVERITY_OPERATIONAL] = "operational",
  [VIGIE_SEVERITY_MAINTENANCE] = "maintenance",
  [VIGIE_SEVERITY_MINOR] = "minor",
  [VIGIE_SEVERITY_MAJOR] = "major",
  [VIGIE_SEVERITY_CRITICAL] = "critical",
  [VIGIE_SEVERITY_UNKNOWN] = "unknown",
};

/* Where "unknown" stands when several states are combined: a real problem
 * elsewhere outranks missing data, but missing data outranks "all clear",
 * so that a broken feed never reads as healthy.  This is also the order of
 * the monitoring-plugin exit codes (minor = 1 beats unknown = 3 beats ok = 0). */
static const int severity_rank[VIGIE_SEVERITY_N_LEVELS] = {
  [VIGIE_SEVERITY_OPERATIONAL] = 0,
  [VIGIE_SEVERITY_MAINTENANCE] = 1,
  [VIGIE_SEVERITY_UNKNOWN] = 2,
  [VIGIE_SEVERITY_MINOR] = 3,
  [VIGIE_SEVERITY_MAJOR] = 4,
  [VIGIE_SEVERITY_CRITICAL] = 5,
};

static gboolean
severity_is_valid (VigieSeverity severity)
{
  return (guint) severity < VIGIE_SEVERITY_N_LEVELS;
}

/**
 * vigie_severity_to_string:
 *
 * Returns: the stable English name used in JSON and icon names.
 */
const char *
vigie_severity_to_string (VigieSeverity severity)
{
  g_return_val_if_fail (severity_is_valid (severity), "unknown");

  return severity_names[severity];
}

gboolean
vigie_severity_from_string (const char    *name,
                            VigieSeverity *out_severity)
{
  g_return_val_if_fail (out_severity != NULL, FALSE);

  if (name == NULL)
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (severity_names); i++)
    {
      if (g_str_equal (name, severity_names[i]))
        {
          *out_severity = (VigieSeverity) i;
          return TRUE;
        }
    }

  return FALSE;
}

/**
 * vigie_severity_get_label:
 *
 * Returns: a translated label that stands alone, as in a table or a menu.
 */
const char *
vigie_severity_get_label (VigieSeverity severity)
{
  g_return_val_if_fail (severity_is_valid (severity), _("Unknown"));

  switch (severity)
    {
    case VIGIE_SEVERITY_OPERATIONAL:
      /* Translators: a service's state, shown alone (table, menu) */
      return _("Operational");
    case VIGIE_SEVERITY_MAINTENANCE:
      /* Translators: a service's state, shown alone (table, menu) */
      return _("Maintenance");
    case VIGIE_SEVERITY_MINOR:
      /* Translators: a service's state, shown alone (table, menu) */
      return _("Minor incident");
    case VIGIE_SEVERITY_MAJOR:
      /* Translators: a service's state, shown alone (table, menu) */
      return _("Major outage");
    case VIGIE_SEVERITY_CRITICAL:
      /* Translators: a service's state, shown alone (table, menu) */
      return _("Critical outage");
    case VIGIE_SEVERITY_UNKNOWN:
    default:
      /* Translators: a service's state when its feed cannot be read */
      return _("Unknown");
    }
}

/**
 * vigie_severity_get_phrase:
 *
 * Returns: a translated lower-case phrase that follows a service name, as in
 *   "Slack: major outage".
 */
const char *
vigie_severity_get_phrase (VigieSeverity severity)
{
  g_return_val_if_fail (severity_is_valid (severity), _("state unknown"));

  switch (severity)
    {
    case VIGIE_SEVERITY_OPERATIONAL:
      /* Translators: follows a service name, as in "Slack: operational" */
      return _("operational");
    case VIGIE_SEVERITY_MAINTENANCE:
      /* Translators: follows a service name, as in "Slack: under maintenance" */
      return _("under maintenance");
    case VIGIE_SEVERITY_MINOR:
      /* Translators: follows a service name, as in "Slack: minor incident" */
      return _("minor incident");
    case VIGIE_SEVERITY_MAJOR:
      /* Translators: follows a service name, as in "Slack: major outage" */
      return _("major outage");
    case VIGIE_SEVERITY_CRITICAL:
      /* Translators: follows a service name, as in "Slack: critical outage" */
      return _("critical outage");
    case VIGIE_SEVERITY_UNKNOWN:
    default:
      /* Translators: follows a service name, as in "Slack: state unknown" */
      return _("state unknown");
    }
}

/**
 * vigie_severity_compare:
 *
 * Orders severities by how much attention they deserve: operational <
 * maintenance < unknown < minor < major < critical.
 *
 * Returns: negative, 0 or positive, like strcmp().
 */
int
vigie_severity_compare (VigieSeverity a,
                        VigieSeverity b)
{
  g_return_val_if_fail (severity_is_valid (a) && severity_is_valid (b), 0);

  return severity_rank[a] - severity_rank[b];
}

VigieSeverity
vigie_severity_worst (VigieSeverity a,
                      VigieSeverity b)
{
  return vigie_severity_compare (a, b) >= 0 ? a : b;
}

/**
 * vigie_severity_is_trouble:
 *
 * Returns: %TRUE for minor, major and critical: the states that mean a
 *   service does not work as it should.
 */
gboolean
vigie_severity_is_trouble (VigieSeverity severity)
{
  return severity == VIGIE_SEVERITY_MINOR ||
         severity == VIGIE_SEVERITY_MAJOR ||
         severity == VIGIE_SEVERITY_CRITICAL;
}
