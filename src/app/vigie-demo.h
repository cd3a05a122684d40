/* vigie-demo.h: a replay of a real outage, served on 127.0.0.1
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* The whole day plays in about this many seconds at speed 1 */
#define VIGIE_DEMO_DEFAULT_SECONDS 120.0

#define VIGIE_TYPE_DEMO (vigie_demo_get_type ())
G_DECLARE_FINAL_TYPE (VigieDemo, vigie_demo, VIGIE, DEMO, GObject)

VigieDemo  *vigie_demo_new                (double      speed,
                                           GError    **error);
const char *vigie_demo_get_feed_url       (VigieDemo  *self);
const char *vigie_demo_get_service_name   (VigieDemo  *self);
const char *vigie_demo_get_status_page    (VigieDemo  *self);
void        vigie_demo_start              (VigieDemo  *self);
gboolean    vigie_demo_is_started         (VigieDemo  *self);
gboolean    vigie_demo_is_over            (VigieDemo  *self);
char       *vigie_demo_dup_payload_at     (VigieDemo  *self,
                                           GDateTime  *at);

G_END_DECLS
