/* vigie-catalog.h: the built-in list of work tools
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "vigie-service.h"

G_BEGIN_DECLS

/**
 * VigieCatalogEntry:
 * @id: stable identifier (lower case, digits and dashes)
 * @name: the product's name (not translated)
 * @category: one of vigie_catalog_list_categories()
 * @status_page: the vendor's human-readable status page
 * @feed: the vendor's machine-readable feed
 * @format: the feed's format, a vigie_feeds_list_formats() id
 * @keywords: search words, in English and French
 * @is_default: watched out of the box
 * @components: the components a user may narrow the service to (may be
 *   empty: then the feed's own list is the choice)
 * @source: where @feed and @format come from
 */
typedef struct
{
  char *id;
  char *name;
  char *category;
  char *status_page;
  char *feed;
  char *format;
  GStrv keywords;
  gboolean is_default;
  GStrv components;
  char *source;
} VigieCatalogEntry;

#define VIGIE_TYPE_CATALOG (vigie_catalog_get_type ())
G_DECLARE_FINAL_TYPE (VigieCatalog, vigie_catalog, VIGIE, CATALOG, GObject)

VigieCatalog            *vigie_catalog_new_from_bytes (GBytes                  *json,
                                                       GError                 **error);
VigieCatalog            *vigie_catalog_dup_default    (void);
guint                    vigie_catalog_get_n_entries  (VigieCatalog            *self);
const VigieCatalogEntry *vigie_catalog_get_entry      (VigieCatalog            *self,
                                                       guint                    position);
const VigieCatalogEntry *vigie_catalog_lookup         (VigieCatalog            *self,
                                                       const char              *id);
GStrv                    vigie_catalog_dup_default_ids (VigieCatalog           *self);
VigieService            *vigie_catalog_entry_create_service (const VigieCatalogEntry *entry);

const char * const      *vigie_catalog_list_categories     (void);
gboolean                 vigie_catalog_is_category         (const char              *category);
const char              *vigie_catalog_get_category_label  (const char              *category);
gboolean                 vigie_catalog_id_is_valid         (const char              *id);

G_END_DECLS
