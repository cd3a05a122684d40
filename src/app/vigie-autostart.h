/* vigie-autostart.h: starting at login, through the Background portal or XDG autostart
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* The option the login session starts Vigie with */
#define VIGIE_AUTOSTART_OPTION "--background"

gboolean  vigie_autostart_uses_portal      (void);
char     *vigie_autostart_get_desktop_path (void);
gboolean  vigie_autostart_file_exists      (void);

void      vigie_autostart_request_async    (gboolean              enable,
                                            const char           *parent_window,
                                            GCancellable         *cancellable,
                                            GAsyncReadyCallback   callback,
                                            gpointer              user_data);
gboolean  vigie_autostart_request_finish   (GAsyncResult         *result,
                                            gboolean             *out_enabled,
                                            GError              **error);

G_END_DECLS
