/* vigie-state-file.h: the saved state on disk, written only when it changes
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define VIGIE_TYPE_STATE_FILE (vigie_state_file_get_type ())
G_DECLARE_FINAL_TYPE (VigieStateFile, vigie_state_file, VIGIE, STATE_FILE, GObject)

VigieStateFile *vigie_state_file_new          (const char       *path);
GBytes         *vigie_state_file_load         (VigieStateFile   *self,
                                               GError          **error);
void            vigie_state_file_set_aside    (VigieStateFile   *self,
                                               const char       *reason);
void            vigie_state_file_save_async   (VigieStateFile   *self,
                                               GBytes           *contents,
                                               GCancellable     *cancellable,
                                               GAsyncReadyCallback callback,
                                               gpointer          user_data);
gboolean        vigie_state_file_save_finish  (VigieStateFile   *self,
                                               GAsyncResult     *result,
                                               GError          **error);
gboolean        vigie_state_file_save_sync    (VigieStateFile   *self,
                                               GBytes           *contents,
                                               GError          **error);
guint           vigie_state_file_get_n_writes (VigieStateFile   *self);

G_END_DECLS
