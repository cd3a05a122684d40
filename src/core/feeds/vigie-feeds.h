/* vigie-feeds.h: every supported feed format, and detection
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "vigie-feed-error.h"
#include "vigie-snapshot.h"

G_BEGIN_DECLS

/* "auto" asks for detection from the response itself */
#define VIGIE_FEED_FORMAT_AUTO "auto"

gboolean             vigie_feeds_is_known_format  (const char *format);
const char * const  *vigie_feeds_list_formats     (void);
const char          *vigie_feeds_get_format_label (const char *format);
guint                vigie_feeds_get_min_interval (const char *format);
gboolean             vigie_feeds_lists_all_components (const char *format);
VigieSnapshot       *vigie_feeds_parse            (const char *format,
                                                   GBytes     *body,
                                                   GDateTime  *now,
                                                   GError    **error);

void                 vigie_feeds_parse_async      (const char          *format,
                                                   GBytes              *body,
                                                   GCancellable        *cancellable,
                                                   GAsyncReadyCallback  callback,
                                                   gpointer             user_data);
VigieSnapshot       *vigie_feeds_parse_finish     (GAsyncResult        *result,
                                                   GError             **error);

G_END_DECLS
