/* vigie-feed-cache.h: the last copy of each feed, kept across restarts
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define VIGIE_TYPE_FEED_CACHE (vigie_feed_cache_get_type ())
G_DECLARE_FINAL_TYPE (VigieFeedCache, vigie_feed_cache, VIGIE, FEED_CACHE, GObject)

VigieFeedCache *vigie_feed_cache_new          (const char     *dir);
GBytes         *vigie_feed_cache_load         (VigieFeedCache *self,
                                               const char     *service_id,
                                               const char     *url);
void            vigie_feed_cache_store        (VigieFeedCache *self,
                                               const char     *service_id,
                                               const char     *url,
                                               GBytes         *body);
void            vigie_feed_cache_wait         (VigieFeedCache *self);
guint           vigie_feed_cache_get_n_writes (VigieFeedCache *self);

G_END_DECLS
