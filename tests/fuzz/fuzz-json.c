/* fuzz-json.c: the bounded JSON loader every JSON format goes through
 * (vigie_json_load_bounded()), and the typed accessors on what it returns
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vigie-fuzz"

#include "config.h"

#include "vigie-feeds.h"
#include "vigie-fuzz.h"
#include "vigie-json.h"

static void
visit_object (JsonObject *object)
{
  g_autoptr(GList) members = json_object_get_members (object);

  for (GList *l = members; l != NULL; l = l->next)
    {
      const char *name = l->data;
      JsonArray *array = vigie_json_get_array (object, name);
      g_autoptr(GDateTime) when = vigie_json_get_time (object, name);
      g_autofree char *id = vigie_json_dup_id (object, name);

      /* an id is shown and saved: text, whatever the member held */
      g_assert_true (id == NULL || g_utf8_validate (id, -1, NULL));
      g_assert_true (when == NULL || g_date_time_get_year (when) >= 1);
      (void) vigie_json_get_object (object, name);
      (void) vigie_json_get_string (object, name);
      (void) vigie_json_get_boolean (object, name, FALSE);
      if (array != NULL)
        {
          (void) vigie_json_array_find_newest (array, name, "updated_at");
          (void) vigie_json_array_get_object (array, 0);
          (void) vigie_json_array_get_string (array, 0);
        }
    }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GBytes) body = g_bytes_new (data, size);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = NULL;

  vigie_fuzz_init ();

  (void) vigie_json_looks_like_html (body);
  root = vigie_json_load_bounded (body, &error);
  g_assert_true ((root == NULL) != (error == NULL));
  if (root == NULL)
    {
      g_assert_true (error->domain == VIGIE_FEED_ERROR);
      return 0;
    }

  /* only the top level: the loader bounds depth, the accessors need not */
  if (JSON_NODE_HOLDS_OBJECT (root))
    visit_object (json_node_get_object (root));

  return 0;
}
