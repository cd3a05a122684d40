/* vigie-preferences.h: the preferences window
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "vigie-settings.h"

G_BEGIN_DECLS

#define VIGIE_TYPE_PREFERENCES (vigie_preferences_get_type ())
G_DECLARE_FINAL_TYPE (VigiePreferences, vigie_preferences, VIGIE, PREFERENCES, GtkWindow)

VigiePreferences *vigie_preferences_new            (GtkApplication   *app,
                                                    VigieSettings    *settings);
VigieSettings    *vigie_preferences_get_settings   (VigiePreferences *self);

G_END_DECLS
