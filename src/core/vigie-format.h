/* vigie-format.h: times, durations and notification texts, translated
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "vigie-policy.h"
#include "vigie-tracker.h"

G_BEGIN_DECLS

char *vigie_format_clock           (GDateTime         *time);
char *vigie_format_date            (GDateTime         *time,
                                    gboolean           with_year);
char *vigie_format_time            (GDateTime         *time,
                                    GDateTime         *now);
char *vigie_format_since           (GDateTime         *time,
                                    GDateTime         *now);
char *vigie_format_until           (GDateTime         *time,
                                    GDateTime         *now);
char *vigie_format_starting        (GDateTime         *time,
                                    GDateTime         *now);
char *vigie_format_paused_until    (GDateTime         *until,
                                    GDateTime         *now);
char *vigie_format_muted_until     (const char        *name,
                                    GDateTime         *until,
                                    GDateTime         *now);
char *vigie_format_mute_note       (GDateTime         *until,
                                    GDateTime         *now);
char *vigie_format_quiet_until     (GDateTime         *until,
                                    GDateTime         *now);
char *vigie_format_span            (GDateTime         *from,
                                    GDateTime         *to,
                                    GDateTime         *now);
char *vigie_format_duration        (GTimeSpan          span);
char *vigie_format_event_summary   (const VigieEvent  *event);
char *vigie_format_event_body      (const VigieEvent  *event,
                                    GDateTime         *now);
char *vigie_format_digest_summary  (const VigieDigest *digest);
char *vigie_format_digest_body     (const VigieDigest *digest,
                                    GDateTime         *now);

G_END_DECLS
