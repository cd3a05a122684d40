/* vigie-fetcher.h: polite, bounded HTTP GET of status feeds
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "vigie-response.h"

G_BEGIN_DECLS

#define VIGIE_FETCH_ERROR (vigie_fetch_error_quark ())

/**
 * VigieFetchError:
 *
 * Transport failures.  The error message is a short English reason
 * ("timeout", "response too large", …), as printed by `--check --json`.
 * HTTP error statuses are not errors here: they come back as a response.
 */
typedef enum
{
  VIGIE_FETCH_ERROR_INVALID_URL,
  VIGIE_FETCH_ERROR_INSECURE_URL,
  VIGIE_FETCH_ERROR_INSECURE_REDIRECT,
  VIGIE_FETCH_ERROR_TOO_MANY_REDIRECTS,
  VIGIE_FETCH_ERROR_TIMEOUT,
  VIGIE_FETCH_ERROR_TOO_LARGE,
  VIGIE_FETCH_ERROR_TRUNCATED,
  VIGIE_FETCH_ERROR_HOST_NOT_FOUND,
  VIGIE_FETCH_ERROR_CONNECTION,
  VIGIE_FETCH_ERROR_TLS,
  VIGIE_FETCH_ERROR_HTTP,
} VigieFetchError;

GQuark vigie_fetch_error_quark (void);

#define VIGIE_TYPE_FETCHER (vigie_fetcher_get_type ())
G_DECLARE_FINAL_TYPE (VigieFetcher, vigie_fetcher, VIGIE, FETCHER, GObject)

VigieFetcher  *vigie_fetcher_new          (void);
void           vigie_fetcher_set_timeouts (VigieFetcher        *self,
                                           guint                io_seconds,
                                           guint                total_seconds);
const char    *vigie_fetcher_get_user_agent (VigieFetcher      *self);
void           vigie_fetcher_fetch_async  (VigieFetcher        *self,
                                           const char          *url,
                                           const char          *etag,
                                           const char          *last_modified,
                                           gsize                max_bytes,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data);
VigieResponse *vigie_fetcher_fetch_finish (VigieFetcher        *self,
                                           GAsyncResult        *result,
                                           GError             **error);

G_END_DECLS
