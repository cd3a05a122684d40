/* vigie-json.h: bounded JSON loading and type-checked member access
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

gboolean     vigie_json_looks_like_html (GBytes      *body);
JsonNode    *vigie_json_load_bounded    (GBytes      *body,
                                         GError     **error);

JsonObject  *vigie_json_get_object      (JsonObject  *object,
                                         const char  *member);
JsonArray   *vigie_json_get_array       (JsonObject  *object,
                                         const char  *member);
const char  *vigie_json_get_string      (JsonObject  *object,
                                         const char  *member);
gboolean     vigie_json_get_boolean     (JsonObject  *object,
                                         const char  *member,
                                         gboolean     fallback);
char        *vigie_json_dup_id          (JsonObject  *object,
                                         const char  *member);
GDateTime   *vigie_json_get_time        (JsonObject  *object,
                                         const char  *member);
JsonObject  *vigie_json_array_get_object (JsonArray  *array,
                                          guint       index);
const char  *vigie_json_array_get_string (JsonArray  *array,
                                          guint       index);

/* Writing the saved state */
void         vigie_json_add_string      (JsonBuilder *builder,
                                         const char  *member,
                                         const char  *value);
void         vigie_json_add_time        (JsonBuilder *builder,
                                         const char  *member,
                                         GDateTime   *time);
GBytes      *vigie_json_builder_to_bytes (JsonBuilder *builder);

/* Whether an element is to be passed over */
typedef gboolean (*VigieJsonObjectFilter) (JsonObject *object);

JsonObject  *vigie_json_array_find_newest      (JsonArray             *array,
                                                const char            *time_member,
                                                const char            *fallback_member);
JsonObject  *vigie_json_array_find_newest_full (JsonArray             *array,
                                                const char            *time_member,
                                                const char            *fallback_member,
                                                VigieJsonObjectFilter  skip);

G_END_DECLS
