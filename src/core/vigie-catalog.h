/* vigie-catalog.h: the built-in list of work tools
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "vigie-service.h"

G_BEGIN_DECLS

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
} VigieCatalogEntry;

#define VIGIE_TYPE_CATALOG (vigie_catalog_get_type ())
G_DECLARE_FINAL_TYPE (VigieCatalog, vigie_catalog, VIGIE, CATALOG, GObject)

VigieCatalog            *vigie_catalog_new_from_bytes (GBytes                  *json,
                                                       GError                 **error);
VigieCatalog            *vigie_catalog_get_default    (void);
guint                    vigie_catalog_get_n_entries  (VigieCatalog            *self);
const VigieCatalogEntry *vigie_catalog_get_entry      (VigieCatalog            *self,
                                                       guint                    position);
const VigieCatalogEntry *vigie_catalog_lookup         (VigieCatalog            *self,
                                                       const char              *id);
GStrv                    vigie_catalog_dup_default_ids (VigieCatalog           *self);
VigieService            *vigie_catalog_entry_create_service (const VigieCatalogEntry *entry);

G_END_DECLS
