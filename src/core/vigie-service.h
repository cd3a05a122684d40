/* vigie-service.h: one monitored service, its configuration and live state
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "vigie-feed-cache.h"
#include "vigie-fetcher.h"
#include "vigie-snapshot.h"

G_BEGIN_DECLS

/* Failed polls in a row before a service shows as unknown: a single
 * failure only marks the last known state as stale. */
#define VIGIE_SERVICE_FAILURES_BEFORE_UNKNOWN 3

#define VIGIE_TYPE_SERVICE (vigie_service_get_type ())
G_DECLARE_FINAL_TYPE (VigieService, vigie_service, VIGIE, SERVICE, GObject)

VigieService  *vigie_service_new                 (const char     *id,
                                                  const char     *name,
                                                  const char     *status_page,
                                                  const char     *feed_url,
                                                  const char     *format);

const char    *vigie_service_get_id              (VigieService   *self);
const char    *vigie_service_get_name            (VigieService   *self);
const char    *vigie_service_get_display_name    (VigieService   *self);
const char    *vigie_service_get_status_page     (VigieService   *self);
const char    *vigie_service_get_feed_url        (VigieService   *self);
const char    *vigie_service_get_configured_feed_url (VigieService *self);
const char    *vigie_service_get_format          (VigieService   *self);

void           vigie_service_set_components      (VigieService       *self,
                                                  const char * const *components);
const char * const *vigie_service_get_components (VigieService   *self);

VigieSnapshot *vigie_service_get_snapshot        (VigieService   *self);
VigieSnapshot *vigie_service_get_full_snapshot   (VigieService   *self);
VigieSeverity  vigie_service_get_severity        (VigieService   *self);
const char    *vigie_service_get_problem         (VigieService   *self);
const GError  *vigie_service_get_last_error      (VigieService   *self);
char          *vigie_service_dup_problem_label   (VigieService   *self);
gboolean       vigie_service_is_stale            (VigieService   *self);
gboolean       vigie_service_failed_at_network_level (VigieService *self);
void           vigie_service_set_feed_cache      (VigieService   *self,
                                                  VigieFeedCache *cache);
void           vigie_service_set_holds_last_known (VigieService  *self,
                                                   gboolean       holds);
guint          vigie_service_get_failures        (VigieService   *self);
GDateTime     *vigie_service_get_last_checked    (VigieService   *self);
GDateTime     *vigie_service_get_last_success    (VigieService   *self);
gint64         vigie_service_get_not_before      (VigieService   *self);
guint          vigie_service_get_min_interval    (VigieService   *self);
gboolean       vigie_service_is_polling          (VigieService   *self);

void           vigie_service_record_poll         (VigieService   *self,
                                                  VigieSnapshot  *snapshot,
                                                  const GError   *error);
void           vigie_service_get_validators      (VigieService   *self,
                                                  const char    **etag,
                                                  const char    **last_modified);
void           vigie_service_set_validators      (VigieService   *self,
                                                  const char     *etag,
                                                  const char     *last_modified);

void           vigie_service_poll_async          (VigieService        *self,
                                                  VigieFetcher        *fetcher,
                                                  GCancellable        *cancellable,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data);
gboolean       vigie_service_poll_finish         (VigieService        *self,
                                                  GAsyncResult        *result,
                                                  GError             **error);

G_END_DECLS
