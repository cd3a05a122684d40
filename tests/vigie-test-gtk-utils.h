/* vigie-test-gtk-utils.h: shared helpers for Vigie's GTK tests
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* The widget with this buildable name (a template child's id, or a name
 * given with gtk_buildable_set_name ()) inside @root, or NULL */
GtkWidget   *vigie_test_lookup_child         (gpointer    root,
                                              const char *id);

G_END_DECLS
