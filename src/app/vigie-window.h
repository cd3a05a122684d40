/* vigie-window.h: the main window, a list of the watched services
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "vigie-monitor.h"

G_BEGIN_DECLS

#define VIGIE_TYPE_WINDOW (vigie_window_get_type ())
G_DECLARE_FINAL_TYPE (VigieWindow, vigie_window, VIGIE, WINDOW, GtkApplicationWindow)

VigieWindow  *vigie_window_new         (GtkApplication *app,
                                        VigieMonitor   *monitor);
VigieMonitor *vigie_window_get_monitor (VigieWindow    *self);

G_END_DECLS
