/* vigie-feed-error.h: why a response could not be turned into a snapshot
 *
 * A header of its own so that the JSON loader (vigie-json.c), which the
 * parsers use, does not depend on the parsers' registry.
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define VIGIE_FEED_ERROR (vigie_feed_error_quark ())

/**
 * VigieFeedError:
 *
 * Why a response could not be turned into a snapshot.  The error message is
 * the short English reason shown in `--check --json`.
 */
typedef enum
{
  VIGIE_FEED_ERROR_EMPTY,
  VIGIE_FEED_ERROR_HTML,
  VIGIE_FEED_ERROR_NOT_JSON,
  VIGIE_FEED_ERROR_NOT_XML,
  VIGIE_FEED_ERROR_TOO_DEEP,
  VIGIE_FEED_ERROR_TOO_COMPLEX,
  VIGIE_FEED_ERROR_WRONG_FORMAT,
  VIGIE_FEED_ERROR_UNKNOWN_FORMAT,
} VigieFeedError;

GQuark vigie_feed_error_quark (void);

G_END_DECLS
