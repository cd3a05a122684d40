/* vigie-settings.h: the GSettings keys, applied live to the monitor and the policy
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "vigie-monitor.h"
#include "vigie-policy.h"

G_BEGIN_DECLS

/* The prefix of the service ids of custom feeds (a hash of the address
 * follows), so that they never meet a catalog id */
#define VIGIE_SETTINGS_CUSTOM_PREFIX "custom-"

#define VIGIE_TYPE_SETTINGS (vigie_settings_get_type ())
G_DECLARE_FINAL_TYPE (VigieSettings, vigie_settings, VIGIE, SETTINGS, GObject)

GSettings     *vigie_settings_new_gsettings        (void);

VigieSettings *vigie_settings_new                  (GSettings          *settings,
                                                    VigieMonitor       *monitor,
                                                    VigiePolicy        *policy);
void           vigie_settings_set_fixed_services   (VigieSettings      *self,
                                                    GPtrArray          *services);
void           vigie_settings_set_fixed_interval   (VigieSettings      *self,
                                                    guint               seconds);
void           vigie_settings_set_manage_autostart (VigieSettings      *self,
                                                    gboolean            manage);
void           vigie_settings_apply                (VigieSettings      *self);

GSettings     *vigie_settings_get_gsettings        (VigieSettings      *self);
VigieMonitor  *vigie_settings_get_monitor          (VigieSettings      *self);
gboolean       vigie_settings_has_fixed_services   (VigieSettings      *self);

/* The services the settings describe, as new objects */
GPtrArray     *vigie_settings_create_services      (GSettings          *settings);
GStrv          vigie_settings_dup_service_ids      (GSettings          *settings);
char          *vigie_settings_custom_feed_id       (const char         *url);

/* Writing, for the tray and the preferences */
gboolean       vigie_settings_is_selected          (VigieSettings      *self,
                                                    const char         *service_id);
void           vigie_settings_set_selected         (VigieSettings      *self,
                                                    const char         *service_id,
                                                    gboolean            selected);
gboolean       vigie_settings_add_custom_feed      (VigieSettings      *self,
                                                    const char         *name,
                                                    const char         *url);
void           vigie_settings_remove_custom_feed   (VigieSettings      *self,
                                                    const char         *service_id);
GStrv          vigie_settings_dup_components       (VigieSettings      *self,
                                                    const char         *service_id);
void           vigie_settings_set_components       (VigieSettings      *self,
                                                    const char         *service_id,
                                                    const char * const *components);
char          *vigie_settings_dup_service_level    (VigieSettings      *self,
                                                    const char         *service_id);
void           vigie_settings_set_service_level    (VigieSettings      *self,
                                                    const char         *service_id,
                                                    const char         *level);
GDateTime     *vigie_settings_dup_paused_until     (VigieSettings      *self);
void           vigie_settings_set_paused_until     (VigieSettings      *self,
                                                    GDateTime          *until);

G_END_DECLS
