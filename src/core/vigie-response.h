/* vigie-response.h: what one HTTP exchange brought back
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define VIGIE_TYPE_RESPONSE (vigie_response_get_type ())
G_DECLARE_FINAL_TYPE (VigieResponse, vigie_response, VIGIE, RESPONSE, GObject)

VigieResponse *vigie_response_new               (guint          status,
                                                 const char    *final_url);

guint          vigie_response_get_status        (VigieResponse *self);
gboolean       vigie_response_is_success        (VigieResponse *self);
gboolean       vigie_response_is_not_modified   (VigieResponse *self);
const char    *vigie_response_get_final_url     (VigieResponse *self);
GBytes        *vigie_response_get_body          (VigieResponse *self);
const char    *vigie_response_get_content_type  (VigieResponse *self);
const char    *vigie_response_get_etag          (VigieResponse *self);
const char    *vigie_response_get_last_modified (VigieResponse *self);
gint64         vigie_response_get_retry_after   (VigieResponse *self);
gint64         vigie_response_get_max_age       (VigieResponse *self);

void           vigie_response_set_body          (VigieResponse *self,
                                                 GBytes        *body);
void           vigie_response_set_headers       (VigieResponse *self,
                                                 const char    *content_type,
                                                 const char    *etag,
                                                 const char    *last_modified,
                                                 gint64         retry_after,
                                                 gint64         max_age);

G_END_DECLS
