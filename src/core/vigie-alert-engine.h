/* vigie-alert-engine.h: what to tell the user, over time, across services
 * and across restarts
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "vigie-notice.h"
#include "vigie-policy.h"
#include "vigie-service.h"

G_BEGIN_DECLS

/* A service back in trouble this soon after its recovery is unstable */
#define VIGIE_ALERT_FLAP_WINDOW_SECONDS (30 * 60)
/* An unstable service's recovery is told once it has held this long */
#define VIGIE_ALERT_STABLE_SECONDS (10 * 60)
/* Services whose trouble begins this close together make one notice */
#define VIGIE_ALERT_STORM_WINDOW_SECONDS (3 * 60)
/* News waits this long, so that what happens in one round is told once */
#define VIGIE_ALERT_GATHER_SECONDS 3

/**
 * VigieReach:
 * @VIGIE_REACH_OK: status pages answer (or nothing was tried yet)
 * @VIGIE_REACH_UNREACHABLE: every status page fails at the network level:
 *   the problem is on this computer's side
 */
typedef enum
{
  VIGIE_REACH_OK,
  VIGIE_REACH_UNREACHABLE,
} VigieReach;

#define VIGIE_TYPE_ALERT_ENGINE (vigie_alert_engine_get_type ())
G_DECLARE_FINAL_TYPE (VigieAlertEngine, vigie_alert_engine, VIGIE, ALERT_ENGINE, GObject)

VigieAlertEngine *vigie_alert_engine_new            (void);
VigiePolicy      *vigie_alert_engine_get_policy     (VigieAlertEngine  *self);
void              vigie_alert_engine_set_timing     (VigieAlertEngine  *self,
                                                     guint              gather,
                                                     guint              flap,
                                                     guint              stable,
                                                     guint              storm);

/* Saved state */
gboolean          vigie_alert_engine_load           (VigieAlertEngine  *self,
                                                     GBytes            *state,
                                                     GDateTime         *now,
                                                     GError           **error);
GBytes           *vigie_alert_engine_save           (VigieAlertEngine  *self);

/* What it is fed */
void              vigie_alert_engine_set_services   (VigieAlertEngine  *self,
                                                     GPtrArray         *services);
void              vigie_alert_engine_observe        (VigieAlertEngine  *self,
                                                     VigieService      *service,
                                                     GDateTime         *now);
void              vigie_alert_engine_mute           (VigieAlertEngine  *self,
                                                     const char        *service_id,
                                                     const char        *how,
                                                     GDateTime         *now);

/* What it says */
GPtrArray        *vigie_alert_engine_take_notices   (VigieAlertEngine  *self,
                                                     GDateTime         *now);
GDateTime        *vigie_alert_engine_get_next_wakeup (VigieAlertEngine *self,
                                                     GDateTime         *now);
VigieReach        vigie_alert_engine_get_reach      (VigieAlertEngine  *self);
gboolean          vigie_alert_engine_is_unstable    (VigieAlertEngine  *self,
                                                     const char        *service_id);

G_END_DECLS
