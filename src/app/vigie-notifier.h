/* vigie-notifier.h: desktop notifications, behind libnotify
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "vigie-notice.h"

G_BEGIN_DECLS

#define VIGIE_TYPE_NOTIFIER (vigie_notifier_get_type ())
G_DECLARE_FINAL_TYPE (VigieNotifier, vigie_notifier, VIGIE, NOTIFIER, GObject)

VigieNotifier *vigie_notifier_new   (void);
void           vigie_notifier_show  (VigieNotifier     *self,
                                     const VigieNotice *notice);
void           vigie_notifier_forget_service (VigieNotifier *self,
                                              const char    *service_id);

G_END_DECLS
