/* vigie-autostart.c: starting at login, through the Background portal or XDG autostart
 *
 * Inside Flatpak the sandbox cannot (and Flathub may not) write into
 * ~/.config/autostart: the app asks org.freedesktop.portal.Background,
 * whose backend writes or removes the autostart entry for it and may ask
 * the user first.  Elsewhere Vigie writes its own XDG autostart entry,
 * $XDG_CONFIG_HOME/autostart/io.github.vigie.Vigie.desktop, atomically, or
 * removes it.  Either way the session starts `vigie --background`: the tray
 * icon only, no window.
 *
 * Tests choose the way with VIGIE_TEST_AUTOSTART=portal or =file.
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vigie-autostart"

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "vigie-autostart.h"

#define METHOD_ENV "VIGIE_TEST_AUTOSTART"

#define PORTAL_BUS_NAME "org.freedesktop.portal.Desktop"
#define PORTAL_OBJECT_PATH "/org/freedesktop/portal/desktop"
#define PORTAL_BACKGROUND_IFACE "org.freedesktop.portal.Background"
#define PORTAL_REQUEST_IFACE "org.freedesktop.portal.Request"

/* Request::Response codes */
#define RESPONSE_SUCCESS 0
#define RESPONSE_CANCELLED 1

/**
 * vigie_autostart_uses_portal:
 *
 * Returns: whether start at login goes through the Background portal
 *   (inside Flatpak) rather than an autostart file
 */
gboolean
vigie_autostart_uses_portal (void)
{
  const char *method = g_getenv (METHOD_ENV);

  if (g_strcmp0 (method, "portal") == 0)
    return TRUE;
  if (g_strcmp0 (method, "file") == 0)
    return FALSE;

  return g_file_test ("/.flatpak-info", G_FILE_TEST_EXISTS);
}

/**
 * vigie_autostart_get_desktop_path:
 *
 * Returns: (transfer full): where the XDG autostart entry goes
 */
char *
vigie_autostart_get_desktop_path (void)
{
  return g_build_filename (g_get_user_config_dir (), "autostart", APP_ID ".desktop", NULL);
}

/**
 * vigie_autostart_file_exists:
 *
 * Returns: whether there is an autostart entry for Vigie (whoever wrote it:
 *   Vigie or the portal's backend)
 */
gboolean
vigie_autostart_file_exists (void)
{
  g_autofree char *path = vigie_autostart_get_desktop_path ();

  return g_file_test (path, G_FILE_TEST_EXISTS);
}

/* The command line for the session: `vigie` when the session can find it,
 * else this very binary (an uninstalled build). */
static char *
dup_exec_line (void)
{
  g_autofree char *in_path = g_find_program_in_path ("vigie");
  g_autofree char *self = NULL;
  g_autofree char *quoted = NULL;

  if (in_path != NULL)
    return g_strdup ("vigie " VIGIE_AUTOSTART_OPTION);

  self = g_file_read_link ("/proc/self/exe", NULL);
  if (self == NULL || g_utf8_validate (self, -1, NULL) == FALSE)
    return g_strdup ("vigie " VIGIE_AUTOSTART_OPTION);

  /* The Exec key's own quoting: double quotes, with \ " ` $ escaped (and
   * the key file's escaping of \ on top) */
  {
    g_autoptr(GString) arg = g_string_new ("\"");

    for (const char *p = self; *p != '\0'; p++)
      {
        if (*p == '"' || *p == '`' || *p == '$' || *p == '\\')
          g_string_append (arg, "\\\\");
        g_string_append_c (arg, *p);
      }
    g_string_append_c (arg, '"');
    quoted = g_string_free (g_steal_pointer (&arg), FALSE);
  }

  return g_strconcat (quoted, " " VIGIE_AUTOSTART_OPTION, NULL);
}

static char *
dup_desktop_entry (void)
{
  g_autofree char *exec = dup_exec_line ();

  return g_strdup_printf ("[Desktop Entry]\n"
                          "Type=Application\n"
                          "Name=Vigie\n"
                          "Exec=%s\n"
                          "Icon=" APP_ID "\n"
                          "Terminal=false\n"
                          "X-GNOME-Autostart-enabled=true\n"
                          "X-Vigie-Autostart=true\n",
                          exec);
}

/* In a worker thread: writes (atomically, synced) or removes the entry */
static void
file_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  gboolean enable = GPOINTER_TO_INT (task_data);
  g_autofree char *path = vigie_autostart_get_desktop_path ();
  g_autofree char *dir = g_path_get_dirname (path);
  g_autoptr(GError) error = NULL;

  if (!enable)
    {
      if (g_unlink (path) != 0 && errno != ENOENT)
        {
          int saved_errno = errno;

          g_task_return_new_error (task, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                                   "cannot remove %s: %s", path, g_strerror (saved_errno));
          return;
        }

      g_task_return_int (task, 0);
      return;
    }

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;

      g_task_return_new_error (task, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                               "cannot create %s: %s", dir, g_strerror (saved_errno));
      return;
    }

  {
    g_autofree char *contents = dup_desktop_entry ();

    if (!g_file_set_contents_full (path, contents, -1,
                                   G_FILE_SET_CONTENTS_CONSISTENT | G_FILE_SET_CONTENTS_DURABLE,
                                   0644, &error))
      {
        g_task_return_error (task, g_steal_pointer (&error));
        return;
      }
  }

  g_task_return_int (task, 1);
}

/* The portal's side */

typedef struct
{
  gboolean enable;
  char *parent_window;
  GDBusConnection *connection;
  char *request_path;
  guint response_id;
  gulong cancelled_id;
} PortalData;

static void
portal_data_free (PortalData *data)
{
  if (data->response_id != 0)
    g_dbus_connection_signal_unsubscribe (data->connection, data->response_id);
  g_clear_object (&data->connection);
  g_free (data->parent_window);
  g_free (data->request_path);
  g_free (data);
}

/* Ends the task once, whichever of the answer or the cancellation comes first */
static void
portal_finish (GTask   *task,
               gboolean enabled,
               GError  *error)
{
  PortalData *data = g_task_get_task_data (task);

  if (data->response_id != 0)
    {
      g_dbus_connection_signal_unsubscribe (data->connection, data->response_id);
      data->response_id = 0;
    }

  if (data->cancelled_id != 0)
    {
      GCancellable *cancellable = g_task_get_cancellable (task);

      /* disconnecting from inside the handler would deadlock */
      if (!g_cancellable_is_cancelled (cancellable))
        g_cancellable_disconnect (cancellable, data->cancelled_id);
      data->cancelled_id = 0;
    }

  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_int (task, enabled ? 1 : 0);

  /* the reference the signal subscription held */
  g_object_unref (task);
}

static void
response_cb (GDBusConnection *connection,
             const char      *sender_name,
             const char      *object_path,
             const char      *interface_name,
             const char      *signal_name,
             GVariant        *parameters,
             gpointer         user_data)
{
  GTask *task = user_data;
  PortalData *data = g_task_get_task_data (task);
  g_autoptr(GVariant) results = NULL;
  guint32 response;
  gboolean autostart;

  if (data->response_id == 0 || !g_variant_is_of_type (parameters, G_VARIANT_TYPE ("(ua{sv})")))
    return;

  g_variant_get (parameters, "(u@a{sv})", &response, &results);

  if (response == RESPONSE_CANCELLED)
    {
      portal_finish (task, FALSE,
                     g_error_new_literal (G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED,
                                          "the request was cancelled"));
      return;
    }

  if (response != RESPONSE_SUCCESS)
    {
      portal_finish (task, FALSE,
                     g_error_new (G_IO_ERROR, G_IO_ERROR_FAILED,
                                  "the background portal answered %u", response));
      return;
    }

  if (!g_variant_lookup (results, "autostart", "b", &autostart))
    autostart = data->enable;

  portal_finish (task, autostart, NULL);
}

static void
cancelled_cb (GCancellable *cancellable,
              gpointer      user_data)
{
  GTask *task = user_data;
  PortalData *data = g_task_get_task_data (task);

  if (data->response_id == 0)
    return;

  portal_finish (task, FALSE,
                 g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED, "cancelled"));
}

/* Listens for the answer at @path (again, if the portal chose another
 * path); the subscription holds one reference on @task until
 * portal_finish() */
static void
subscribe_response (GTask      *task,
                    const char *path)
{
  PortalData *data = g_task_get_task_data (task);
  gboolean first = data->response_id == 0;

  if (!first)
    g_dbus_connection_signal_unsubscribe (data->connection, data->response_id);

  g_free (data->request_path);
  data->request_path = g_strdup (path);
  data->response_id = g_dbus_connection_signal_subscribe (data->connection, PORTAL_BUS_NAME,
                                                          PORTAL_REQUEST_IFACE, "Response",
                                                          path, NULL, G_DBUS_SIGNAL_FLAGS_NONE,
                                                          response_cb, task, NULL);
  if (first)
    g_object_ref (task);
}

static void
request_background_cb (GObject      *object,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  PortalData *data = g_task_get_task_data (task);
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GError) error = NULL;
  const char *handle = NULL;

  reply = g_dbus_proxy_call_finish (G_DBUS_PROXY (object), result, &error);

  /* answered or cancelled in the meantime */
  if (data->response_id == 0)
    return;

  if (reply == NULL)
    {
      portal_finish (task, FALSE, g_steal_pointer (&error));
      return;
    }

  g_variant_get (reply, "(&o)", &handle);

  /* portals older than version 0.9 choose the path themselves */
  if (g_strcmp0 (handle, data->request_path) != 0)
    {
      g_debug ("the portal answers at %s", handle);
      subscribe_response (task, handle);
    }
}

static void
proxy_ready_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  PortalData *data = g_task_get_task_data (task);
  g_autoptr(GDBusProxy) proxy = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *sender = NULL;
  g_autofree char *token = NULL;
  g_autofree char *path = NULL;
  GVariantBuilder options;
  const char *commandline[] = { "vigie", VIGIE_AUTOSTART_OPTION, NULL };
  GCancellable *cancellable = g_task_get_cancellable (task);

  proxy = g_dbus_proxy_new_finish (result, &error);
  if (proxy == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (g_task_return_error_if_cancelled (task))
    return;

  /* The request's path is known in advance: listen before asking, so that
   * no answer can come before the subscription. */
  sender = g_strdup (g_dbus_connection_get_unique_name (data->connection) + 1);
  g_strdelimit (sender, ".", '_');
  token = g_strdup_printf ("vigie%u", g_random_int ());
  path = g_strdup_printf (PORTAL_OBJECT_PATH "/request/%s/%s", sender, token);
  subscribe_response (task, path);

  if (cancellable != NULL)
    data->cancelled_id = g_cancellable_connect (cancellable, G_CALLBACK (cancelled_cb), task,
                                                NULL);
  /* cancelled_cb() may have ended it at once */
  if (data->response_id == 0)
    return;

  g_variant_builder_init (&options, G_VARIANT_TYPE_VARDICT);
  g_variant_builder_add (&options, "{sv}", "handle_token", g_variant_new_string (token));
  g_variant_builder_add (&options, "{sv}", "reason",
                         /* Translators: shown by the desktop when Vigie asks to
                          * run in the background and start at login */
                         g_variant_new_string (_("Vigie starts when you log in, to watch "
                                                 "the status of your work tools from "
                                                 "the tray.")));
  g_variant_builder_add (&options, "{sv}", "autostart", g_variant_new_boolean (data->enable));
  g_variant_builder_add (&options, "{sv}", "commandline",
                         g_variant_new_strv (commandline, -1));
  g_variant_builder_add (&options, "{sv}", "dbus-activatable", g_variant_new_boolean (FALSE));

  g_dbus_proxy_call (proxy, "RequestBackground",
                     g_variant_new ("(sa{sv})", data->parent_window, &options),
                     G_DBUS_CALL_FLAGS_NONE, -1, NULL, request_background_cb,
                     g_steal_pointer (&task));
}

static void
bus_ready_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  PortalData *data = g_task_get_task_data (task);
  GCancellable *cancellable = g_task_get_cancellable (task);
  g_autoptr(GError) error = NULL;

  data->connection = g_bus_get_finish (result, &error);
  if (data->connection == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_dbus_proxy_new (data->connection,
                    G_DBUS_PROXY_FLAGS_DO_NOT_LOAD_PROPERTIES
                      | G_DBUS_PROXY_FLAGS_DO_NOT_CONNECT_SIGNALS,
                    NULL, PORTAL_BUS_NAME, PORTAL_OBJECT_PATH, PORTAL_BACKGROUND_IFACE,
                    cancellable, proxy_ready_cb, g_steal_pointer (&task));
}

/**
 * vigie_autostart_request_async:
 * @enable: start at login, or not
 * @parent_window: (nullable): the window asking, as the portals name it
 *   ("x11:XID"), or %NULL
 *
 * Inside Flatpak, asks the Background portal (which may ask the user);
 * elsewhere writes or removes the XDG autostart entry.
 */
void
vigie_autostart_request_async (gboolean             enable,
                               const char          *parent_window,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);

  g_task_set_source_tag (task, vigie_autostart_request_async);

  if (!vigie_autostart_uses_portal ())
    {
      g_task_set_task_data (task, GINT_TO_POINTER (!!enable), NULL);
      g_task_run_in_thread (task, file_thread);
      return;
    }

  {
    PortalData *data = g_new0 (PortalData, 1);

    data->enable = !!enable;
    data->parent_window = g_strdup (parent_window != NULL ? parent_window : "");
    g_task_set_task_data (task, data, (GDestroyNotify) portal_data_free);
  }

  g_bus_get (G_BUS_TYPE_SESSION, cancellable, bus_ready_cb, g_steal_pointer (&task));
}

/**
 * vigie_autostart_request_finish:
 * @out_enabled: (out) (optional): whether Vigie now starts at login (the
 *   portal, or the user through it, may have refused)
 *
 * Returns: %TRUE if the request was carried out
 */
gboolean
vigie_autostart_request_finish (GAsyncResult  *result,
                                gboolean      *out_enabled,
                                GError       **error)
{
  GTask *task = G_TASK (result);
  gssize enabled;

  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (task) == vigie_autostart_request_async, FALSE);

  /* both ways return 1 for enabled, 0 for disabled */
  enabled = g_task_propagate_int (task, error);
  if (enabled < 0)
    return FALSE;

  if (out_enabled != NULL)
    *out_enabled = enabled == 1;

  return TRUE;
}
