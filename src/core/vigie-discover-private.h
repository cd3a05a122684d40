/* vigie-discover-private.h: finding the feed behind a status page's address
 * (core and tests only: services call it)
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "vigie-fetcher.h"
#include "vigie-snapshot.h"

G_BEGIN_DECLS

const char * const *vigie_discover_list_paths  (void);

void                vigie_discover_feed_async  (VigieFetcher        *fetcher,
                                                const char          *page_url,
                                                gsize                max_bytes,
                                                GCancellable        *cancellable,
                                                GAsyncReadyCallback  callback,
                                                gpointer             user_data);
char               *vigie_discover_feed_finish (GAsyncResult        *result,
                                                VigieSnapshot      **out_snapshot,
                                                VigieResponse      **out_response,
                                                GError             **error);

G_END_DECLS
