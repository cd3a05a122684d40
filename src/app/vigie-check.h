/* vigie-check.h: `vigie --check`, one poll of every service, then exit
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Exit codes of the monitoring-plugin convention */
typedef enum
{
  VIGIE_CHECK_OK = 0,
  VIGIE_CHECK_WARNING = 1,
  VIGIE_CHECK_CRITICAL = 2,
  VIGIE_CHECK_UNKNOWN = 3,
} VigieCheckStatus;

VigieCheckStatus vigie_check_run           (GPtrArray *services,
                                            gboolean   as_json);
int              vigie_check_list_services (void);

G_END_DECLS
