/* vigie-service-row.h: one service in the main window's list
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "vigie-service.h"

G_BEGIN_DECLS

#define VIGIE_TYPE_SERVICE_ROW (vigie_service_row_get_type ())
G_DECLARE_FINAL_TYPE (VigieServiceRow, vigie_service_row, VIGIE, SERVICE_ROW, GtkListBoxRow)

VigieServiceRow *vigie_service_row_new           (VigieService    *service);
VigieService    *vigie_service_row_get_service   (VigieServiceRow *self);
gboolean         vigie_service_row_update        (VigieServiceRow *self,
                                                  gboolean         offline);
void             vigie_service_row_set_mute_note (VigieServiceRow *self,
                                                  const char      *note);
const char      *vigie_service_row_get_mute_note (VigieServiceRow *self);
const char      *vigie_service_row_get_link      (VigieServiceRow *self);
const char      *vigie_service_row_get_summary   (VigieServiceRow *self);
const char      *vigie_service_row_get_icon_name (VigieServiceRow *self);
int              vigie_service_row_get_rank      (VigieServiceRow *self);
GMenuModel      *vigie_service_row_create_menu   (VigieServiceRow *self);
GtkWidget       *vigie_service_row_popup_menu    (VigieServiceRow *self);
void             vigie_service_row_add_menu_button (VigieServiceRow *self);

G_END_DECLS
