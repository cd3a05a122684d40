/* vigie-feed-error.c: the feed error domain
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "vigie-feed-error.h"

G_DEFINE_QUARK (vigie-feed-error-quark, vigie_feed_error)
