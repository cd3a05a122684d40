/* vigie-application.h: the GtkApplication, its command line and lifetime
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define VIGIE_TYPE_APPLICATION (vigie_application_get_type ())
G_DECLARE_FINAL_TYPE (VigieApplication, vigie_application, VIGIE, APPLICATION, GtkApplication)

VigieApplication *vigie_application_new (void);

G_END_DECLS
