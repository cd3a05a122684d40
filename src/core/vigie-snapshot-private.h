/* vigie-snapshot-private.h: building a snapshot (core and tests only)
 *
 * Only the parser that creates a snapshot calls these, before it hands the
 * snapshot out; after that a snapshot never changes, which is what lets
 * the monitor, the alert engine and the window share it without copies.
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "vigie-snapshot.h"

G_BEGIN_DECLS

VigieSnapshot *vigie_snapshot_new               (const char     *format);

void           vigie_snapshot_set_format        (VigieSnapshot  *self,
                                                 const char     *format);
void           vigie_snapshot_set_severity      (VigieSnapshot  *self,
                                                 VigieSeverity   severity);
void           vigie_snapshot_set_summary       (VigieSnapshot  *self,
                                                 const char     *summary);
void           vigie_snapshot_set_reason        (VigieSnapshot  *self,
                                                 const char     *reason);
void           vigie_snapshot_set_page_url      (VigieSnapshot  *self,
                                                 const char     *url);
void           vigie_snapshot_set_page_name     (VigieSnapshot  *self,
                                                 const char     *name);
gboolean       vigie_snapshot_add_component     (VigieSnapshot  *self,
                                                 VigieComponent *component);
gboolean       vigie_snapshot_add_incident      (VigieSnapshot  *self,
                                                 VigieIncident  *incident);
gboolean       vigie_snapshot_add_maintenance   (VigieSnapshot  *self,
                                                 VigieIncident  *maintenance);
gboolean       vigie_snapshot_add_resolved      (VigieSnapshot  *self,
                                                 VigieIncident  *incident);

G_END_DECLS
