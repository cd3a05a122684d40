/* vigie-catalog.c: the built-in list of work tools
 *
 * The list is data (data/catalog.json, compiled into a GResource); this
 * file only reads and checks it.
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vigie-catalog"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "feeds/vigie-feeds.h"
#include "vigie-catalog.h"
#include "vigie-core-resources.h"
#include "vigie-json.h"
#include "vigie-text.h"

#define CATALOG_RESOURCE APP_PATH "/catalog.json"

/* Tests point catalog feeds at a local server: every feed URL whose
 * scheme and host are those of the catalog is rewritten onto this base,
 * keeping host and path below it (https://status.zoom.us/api/v2/summary.json
 * -> BASE/status.zoom.us/api/v2/summary.json). */
#define FEED_BASE_ENV "VIGIE_TEST_FEED_BASE"

/* A small fixed set, so that a list of a hundred and more tools can be
 * browsed by kind; the ids are the catalog's, the labels are shown. */
static const struct
{
  const char *id;
  const char *label;
} categories[] = {
  { "chat", NC_("service category", "Chat") },
  { "video", NC_("service category", "Video meetings") },
  { "mail-calendar", NC_("service category", "Mail and calendar") },
  { "documents", NC_("service category", "Documents and files") },
  { "development", NC_("service category", "Development") },
  { "design", NC_("service category", "Design") },
  { "project-management", NC_("service category", "Project management") },
  { "support", NC_("service category", "Customer support") },
  { "crm", NC_("service category", "Customer relations") },
  { "hr-payroll", NC_("service category", "HR and payroll") },
  { "cloud", NC_("service category", "Cloud and hosting") },
  { "security", NC_("service category", "Identity and security") },
  { "ai", NC_("service category", "AI assistants") },
  { "other", NC_("service category", "Other") },
};

struct _VigieCatalog
{
  GObject parent_instance;

  GPtrArray *entries;
};

G_DEFINE_FINAL_TYPE (VigieCatalog, vigie_catalog, G_TYPE_OBJECT)

static void
catalog_entry_free (VigieCatalogEntry *entry)
{
  g_free (entry->id);
  g_free (entry->name);
  g_free (entry->category);
  g_free (entry->status_page);
  g_free (entry->feed);
  g_free (entry->format);
  g_strfreev (entry->keywords);
  g_strfreev (entry->components);
  g_free (entry->source);
  g_free (entry);
}

static void
vigie_catalog_finalize (GObject *object)
{
  VigieCatalog *self = (VigieCatalog *) object;

  g_clear_pointer (&self->entries, g_ptr_array_unref);

  G_OBJECT_CLASS (vigie_catalog_parent_class)->finalize (object);
}

static void
vigie_catalog_class_init (VigieCatalogClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = vigie_catalog_finalize;
}

static void
vigie_catalog_init (VigieCatalog *self)
{
  self->entries = g_ptr_array_new_with_free_func ((GDestroyNotify) catalog_entry_free);
}

/**
 * vigie_catalog_list_categories:
 *
 * Returns: (transfer none): the category ids, in the order to show them
 */
const char * const *
vigie_catalog_list_categories (void)
{
  static const char *ids[G_N_ELEMENTS (categories) + 1];

  if (ids[0] == NULL)
    for (guint i = 0; i < G_N_ELEMENTS (categories); i++)
      ids[i] = categories[i].id;

  return ids;
}

static int
find_category (const char *category)
{
  for (guint i = 0; category != NULL && i < G_N_ELEMENTS (categories); i++)
    if (g_str_equal (categories[i].id, category))
      return i;

  return -1;
}

gboolean
vigie_catalog_is_category (const char *category)
{
  return find_category (category) >= 0;
}

/**
 * vigie_catalog_get_category_label:
 *
 * Returns: (nullable): the translated name of @category, or %NULL if it is
 *   not one
 */
const char *
vigie_catalog_get_category_label (const char *category)
{
  int found = find_category (category);

  if (found < 0)
    return NULL;

  return g_dpgettext2 (GETTEXT_PACKAGE, "service category", categories[found].label);
}

/**
 * vigie_catalog_id_is_valid:
 *
 * Returns: whether @id has the shape of a catalog id: lower-case ASCII
 *   letters and digits, in words joined by single dashes
 */
gboolean
vigie_catalog_id_is_valid (const char *id)
{
  if (id == NULL || *id == '\0' || *id == '-')
    return FALSE;

  for (const char *p = id; *p != '\0'; p++)
    {
      if (*p == '-' && (p[1] == '-' || p[1] == '\0'))
        return FALSE;
      if (*p != '-' && !g_ascii_islower (*p) && !g_ascii_isdigit (*p))
        return FALSE;
    }

  return TRUE;
}

static GStrv
read_strings (JsonArray *array)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      const char *keyword = vigie_json_array_get_string (array, i);

      if (keyword != NULL)
        g_strv_builder_add (builder, keyword);
    }

  return g_strv_builder_end (builder);
}

static gboolean
check_entry (VigieCatalog            *self,
             const VigieCatalogEntry *entry,
             guint                    position,
             GError                 **error)
{
  const char *problem = NULL;

  if (!vigie_catalog_id_is_valid (entry->id))
    problem = "an invalid id";
  else if (vigie_catalog_lookup (self, entry->id) != NULL)
    problem = "the id of another entry";
  else if (!vigie_catalog_is_category (entry->category))
    problem = "an unknown category";
  else if (!g_str_has_prefix (entry->feed, "https://")
           || (entry->status_page != NULL && !g_str_has_prefix (entry->status_page, "https://")))
    problem = "an address that is not https";
  else if (entry->format != NULL && !vigie_feeds_is_known_format (entry->format)
           && !g_str_equal (entry->format, VIGIE_FEED_FORMAT_AUTO))
    problem = "an unknown format";

  if (problem != NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   "catalog entry %u (%s) has %s", position, entry->id, problem);
      return FALSE;
    }

  return TRUE;
}

/**
 * vigie_catalog_new_from_bytes:
 *
 * Reads a catalog document; an entry without an id, a name or a feed, or
 * with an id, a category, an address or a format that is not right, is an
 * error, since the catalog ships with Vigie and must be whole.
 *
 * Returns: (transfer full): the catalog, or %NULL with @error set
 */
VigieCatalog *
vigie_catalog_new_from_bytes (GBytes  *json,
                              GError **error)
{
  g_autoptr(VigieCatalog) self = g_object_new (VIGIE_TYPE_CATALOG, NULL);
  g_autoptr(JsonNode) root = NULL;
  JsonArray *services;

  root = vigie_json_load_bounded (json, error);
  if (root == NULL)
    return NULL;

  services = JSON_NODE_HOLDS_OBJECT (root)
               ? vigie_json_get_array (json_node_get_object (root), "services")
               : NULL;
  if (services == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "catalog has no services");
      return NULL;
    }

  for (guint i = 0; i < json_array_get_length (services); i++)
    {
      JsonObject *object = vigie_json_array_get_object (services, i);
      VigieCatalogEntry *entry;

      if (object == NULL || vigie_json_get_string (object, "id") == NULL
          || vigie_json_get_string (object, "name") == NULL
          || vigie_json_get_string (object, "feed") == NULL)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                       "catalog entry %u lacks an id, a name or a feed", i);
          return NULL;
        }

      entry = g_new0 (VigieCatalogEntry, 1);
      entry->id = g_strdup (vigie_json_get_string (object, "id"));
      entry->name = g_strdup (vigie_json_get_string (object, "name"));
      entry->category = g_strdup (vigie_json_get_string (object, "category"));
      entry->status_page = g_strdup (vigie_json_get_string (object, "status_page"));
      entry->feed = g_strdup (vigie_json_get_string (object, "feed"));
      entry->format = g_strdup (vigie_json_get_string (object, "format"));
      entry->keywords = read_strings (vigie_json_get_array (object, "keywords"));
      entry->is_default = vigie_json_get_boolean (object, "default", FALSE);
      entry->components = read_strings (vigie_json_get_array (object, "components"));
      entry->source = g_strdup (vigie_json_get_string (object, "source"));

      if (!check_entry (self, entry, i, error))
        {
          catalog_entry_free (entry);
          return NULL;
        }

      g_ptr_array_add (self->entries, entry);
    }

  return g_steal_pointer (&self);
}

/**
 * vigie_catalog_dup_default:
 *
 * The catalog is read when asked for and freed when its last holder lets
 * it go: a running Vigie needs it to set its services up and while the
 * preferences are open, not the rest of the time (it weighs 150 KiB).
 *
 * Returns: (transfer full): the catalog that ships with Vigie
 */
VigieCatalog *
vigie_catalog_dup_default (void)
{
  static GMutex lock;
  static GWeakRef shared;
  VigieCatalog *catalog;

  g_mutex_lock (&lock);
  catalog = g_weak_ref_get (&shared);
  if (catalog == NULL)
    {
      g_autoptr(GBytes) bytes = NULL;
      g_autoptr(GError) error = NULL;

      bytes = g_resource_lookup_data (vigie_core_get_resource (), CATALOG_RESOURCE,
                                      G_RESOURCE_LOOKUP_FLAGS_NONE, &error);
      catalog = bytes != NULL ? vigie_catalog_new_from_bytes (bytes, &error) : NULL;
      if (catalog == NULL)
        g_error ("The built-in catalog is broken: %s", error->message);
      g_weak_ref_set (&shared, catalog);
    }
  g_mutex_unlock (&lock);

  return catalog;
}

guint
vigie_catalog_get_n_entries (VigieCatalog *self)
{
  g_return_val_if_fail (VIGIE_IS_CATALOG (self), 0);

  return self->entries->len;
}

const VigieCatalogEntry *
vigie_catalog_get_entry (VigieCatalog *self,
                         guint         position)
{
  g_return_val_if_fail (VIGIE_IS_CATALOG (self), NULL);
  g_return_val_if_fail (position < self->entries->len, NULL);

  return g_ptr_array_index (self->entries, position);
}

/**
 * vigie_catalog_lookup:
 *
 * Returns: (nullable): the entry with this id
 */
const VigieCatalogEntry *
vigie_catalog_lookup (VigieCatalog *self,
                      const char   *id)
{
  g_return_val_if_fail (VIGIE_IS_CATALOG (self), NULL);

  for (guint i = 0; id != NULL && i < self->entries->len; i++)
    {
      const VigieCatalogEntry *entry = g_ptr_array_index (self->entries, i);

      if (g_str_equal (entry->id, id))
        return entry;
    }

  return NULL;
}

/**
 * vigie_catalog_dup_default_ids:
 *
 * Returns: (transfer full): the ids of the services watched out of the box
 */
GStrv
vigie_catalog_dup_default_ids (VigieCatalog *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  g_return_val_if_fail (VIGIE_IS_CATALOG (self), NULL);

  for (guint i = 0; i < self->entries->len; i++)
    {
      const VigieCatalogEntry *entry = g_ptr_array_index (self->entries, i);

      if (entry->is_default)
        g_strv_builder_add (builder, entry->id);
    }

  return g_strv_builder_end (builder);
}

static char *
rewrite_for_tests (const char *feed)
{
  const char *base = g_getenv (FEED_BASE_ENV);
  g_autoptr(GUri) uri = NULL;
  g_autofree char *trimmed_base = NULL;

  if (base == NULL || *base == '\0' || !vigie_link_is_loopback (base))
    return g_strdup (feed);

  uri = g_uri_parse (feed, G_URI_FLAGS_NONE, NULL);
  if (uri == NULL)
    return g_strdup (feed);

  trimmed_base = g_strdup (base);
  if (g_str_has_suffix (trimmed_base, "/"))
    trimmed_base[strlen (trimmed_base) - 1] = '\0';

  return g_strconcat (trimmed_base, "/", g_uri_get_host (uri), g_uri_get_path (uri),
                      g_uri_get_query (uri) != NULL ? "?" : "",
                      g_uri_get_query (uri) != NULL ? g_uri_get_query (uri) : "", NULL);
}

/**
 * vigie_catalog_entry_create_service:
 *
 * Returns: (transfer full): a service watching this entry's feed
 */
VigieService *
vigie_catalog_entry_create_service (const VigieCatalogEntry *entry)
{
  g_autofree char *feed = NULL;

  g_return_val_if_fail (entry != NULL, NULL);

  feed = rewrite_for_tests (entry->feed);
  return vigie_service_new (entry->id, entry->name, entry->status_page, feed, entry->format);
}
