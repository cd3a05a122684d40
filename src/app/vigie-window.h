/* vigie-window.h: the main window, a list of the watched services
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "vigie-monitor.h"
#include "vigie-service-row.h"

G_BEGIN_DECLS

#define VIGIE_TYPE_WINDOW (vigie_window_get_type ())
G_DECLARE_FINAL_TYPE (VigieWindow, vigie_window, VIGIE, WINDOW, GtkApplicationWindow)

/**
 * VigieWindowBanner:
 * @VIGIE_WINDOW_BANNER_REPLAY: this is the demo's replay
 * @VIGIE_WINDOW_BANNER_NETWORK: no status page can be reached from this
 *   computer (the network verdict "your side")
 * @VIGIE_WINDOW_BANNER_PAUSED: notifications are paused
 * @VIGIE_WINDOW_BANNER_QUIET_HOURS: quiet hours are on
 * @VIGIE_WINDOW_BANNER_LINK: a link could not be opened
 *
 * The banners above the list, in the order they are shown.
 */
typedef enum
{
  VIGIE_WINDOW_BANNER_REPLAY,
  VIGIE_WINDOW_BANNER_NETWORK,
  VIGIE_WINDOW_BANNER_PAUSED,
  VIGIE_WINDOW_BANNER_QUIET_HOURS,
  VIGIE_WINDOW_BANNER_LINK,
  VIGIE_WINDOW_N_BANNERS
} VigieWindowBanner;

VigieWindow  *vigie_window_new               (GtkApplication    *app,
                                              VigieMonitor      *monitor);
VigieMonitor *vigie_window_get_monitor       (VigieWindow       *self);
void          vigie_window_set_title         (VigieWindow       *self,
                                              const char        *title);
void          vigie_window_set_banner        (VigieWindow       *self,
                                              VigieWindowBanner  kind,
                                              const char        *text);
void          vigie_window_set_banner_button (VigieWindow       *self,
                                              VigieWindowBanner  kind,
                                              const char        *label,
                                              const char        *detailed_action);
const char   *vigie_window_get_banner        (VigieWindow       *self,
                                              VigieWindowBanner  kind);
void          vigie_window_show_link_error   (VigieWindow       *self,
                                              const char        *uri);
void          vigie_window_set_mute_notes    (VigieWindow       *self,
                                              GHashTable        *notes);
gboolean      vigie_window_open_row          (VigieWindow       *self,
                                              VigieServiceRow   *row);

void          vigie_window_load_style        (void);

G_END_DECLS
