/* vigie-test-gtk-utils.c: shared helpers for Vigie's GTK tests
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "vigie-test-gtk-utils.h"

typedef struct
{
  const char *id;
  GtkWidget *found;
} FindData;

static void find_in (GtkWidget *widget, FindData *data);

static void
find_cb (GtkWidget *widget,
         gpointer   user_data)
{
  find_in (widget, user_data);
}

static void
find_in (GtkWidget *widget,
         FindData  *data)
{
  if (data->found != NULL)
    return;

  if (g_strcmp0 (gtk_buildable_get_name (GTK_BUILDABLE (widget)), data->id) == 0)
    {
      data->found = widget;
      return;
    }

  if (GTK_IS_CONTAINER (widget))
    gtk_container_forall (GTK_CONTAINER (widget), find_cb, data);
}

GtkWidget *
vigie_test_lookup_child (gpointer    root,
                         const char *id)
{
  FindData data = { id, NULL };

  if (GTK_IS_CONTAINER (root))
    gtk_container_forall (GTK_CONTAINER (root), find_cb, &data);

  return data.found;
}
