/* vigie-tray.h: the tray icon and its menu, behind libayatana-appindicator
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "vigie-monitor.h"

G_BEGIN_DECLS

#define VIGIE_TYPE_TRAY (vigie_tray_get_type ())
G_DECLARE_FINAL_TYPE (VigieTray, vigie_tray, VIGIE, TRAY, GObject)

VigieTray *vigie_tray_new         (GApplication *application);
void       vigie_tray_update      (VigieTray    *self,
                                   VigieMonitor *monitor,
                                   const char   *pause_note,
                                   GHashTable   *mute_labels);
void       vigie_tray_set_unreachable (VigieTray *self,
                                      gboolean   unreachable);
void       vigie_tray_set_replay  (VigieTray    *self,
                                   const char   *label);
gboolean   vigie_tray_is_connected (VigieTray   *self);
const char *vigie_tray_get_icon_name (VigieTray *self);

G_END_DECLS
