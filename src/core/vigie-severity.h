/* vigie-severity.h: the one severity scale every feed maps onto
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * VigieSeverity:
 *
 * Ordered from healthy to worst; %VIGIE_SEVERITY_UNKNOWN means "no trustworthy
 * data" and sits outside the order (see vigie_severity_worst()).
 */
typedef enum
{
  VIGIE_SEVERITY_OPERATIONAL,
  VIGIE_SEVERITY_MAINTENANCE,
  VIGIE_SEVERITY_MINOR,
  VIGIE_SEVERITY_MAJOR,
  VIGIE_SEVERITY_CRITICAL,
  VIGIE_SEVERITY_UNKNOWN,
} VigieSeverity;

#define VIGIE_SEVERITY_N_LEVELS (VIGIE_SEVERITY_UNKNOWN + 1)

const char    *vigie_severity_to_string   (VigieSeverity  severity);
gboolean       vigie_severity_from_string (const char    *name,
                                           VigieSeverity *out_severity);
const char    *vigie_severity_get_label   (VigieSeverity  severity);
const char    *vigie_severity_get_phrase  (VigieSeverity  severity);
VigieSeverity  vigie_severity_worst       (VigieSeverity  a,
                                           VigieSeverity  b);
int            vigie_severity_compare     (VigieSeverity  a,
                                           VigieSeverity  b);
gboolean       vigie_severity_is_trouble  (VigieSeverity  severity);

G_END_DECLS
