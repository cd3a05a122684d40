/* vigie-notifier.c: desktop notifications, behind libnotify
 *
 * Shows the alert engine's notices.  A notice whose id was shown before
 * updates that notification in place (the same NotifyNotification, so
 * that libnotify sends its id as replaces_id) instead of stacking a new
 * bubble: an incident's news, a service that turned unstable after its
 * recovery, a storm that more services join.  libnotify talks to the
 * notification portal by itself inside Flatpak.
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vigie-notifier"

#include "config.h"

#include <glib/gi18n.h>
#include <libnotify/notify.h>

#include "vigie-notifier.h"
#include "vigie-text.h"

/* Finished notifications stay alive so that a click on them still works,
 * and so that a service back in trouble soon after updates the same one;
 * only the most recent few are kept. */
#define MAX_FINISHED 16

/* Action names must not start with "app.": the portal would D-Bus-activate
 * them instead of signalling. */
#define ACTION_OPEN "default"
#define ACTION_MUTE "mute-hour"
#define ACTION_MUTE_RESOLVED "mute-resolved"

struct _VigieNotifier
{
  GObject parent_instance;

  GHashTable *shown;        /* notice id -> NotifyNotification */
  GQueue finished;          /* ids of final notices, oldest first */
  gboolean caps_known;      /* asked at the first notice, not at start: it is
                             * a round trip to the server before the tray shows */
  gboolean has_actions;
  gboolean has_markup;
  char *icon;               /* an icon name, or a file run from the build tree */
};

G_DEFINE_FINAL_TYPE (VigieNotifier, vigie_notifier, G_TYPE_OBJECT)

enum {
  MUTE_REQUESTED,
  SHOW_WINDOW_REQUESTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

typedef struct
{
  GWeakRef notifier;
  char *service_id;
  char *url;
} ActionData;

static void
action_data_free (gpointer user_data)
{
  ActionData *data = user_data;

  g_weak_ref_clear (&data->notifier);
  g_free (data->service_id);
  g_free (data->url);
  g_free (data);
}

static ActionData *
action_data_new (VigieNotifier     *self,
                 const VigieNotice *notice)
{
  ActionData *data = g_new0 (ActionData, 1);

  g_weak_ref_init (&data->notifier, self);
  data->service_id = g_strdup (notice->service_id);
  data->url = g_strdup (notice->url);

  return data;
}

static void
open_action_cb (NotifyNotification *notification,
                char               *action,
                gpointer            user_data)
{
  ActionData *data = user_data;
  g_autoptr(VigieNotifier) self = NULL;

  if (data->url != NULL)
    {
      vigie_link_open (data->url);
      return;
    }

  /* about several services: the window shows each one */
  self = g_weak_ref_get (&data->notifier);
  if (self != NULL)
    g_signal_emit (self, signals[SHOW_WINDOW_REQUESTED], 0);
}

static void
mute_action_cb (NotifyNotification *notification,
                char               *action,
                gpointer            user_data)
{
  ActionData *data = user_data;
  g_autoptr(VigieNotifier) self = g_weak_ref_get (&data->notifier);

  if (self != NULL)
    g_signal_emit (self, signals[MUTE_REQUESTED], 0, data->service_id,
                   g_strcmp0 (action, ACTION_MUTE_RESOLVED) == 0);
}

static NotifyUrgency
urgency_for (const VigieNotice *notice)
{
  if (notice->final)
    return NOTIFY_URGENCY_LOW;

  switch (notice->severity)
    {
    case VIGIE_SEVERITY_CRITICAL:
      return NOTIFY_URGENCY_CRITICAL;
    case VIGIE_SEVERITY_MAJOR:
      return NOTIFY_URGENCY_NORMAL;
    case VIGIE_SEVERITY_OPERATIONAL:
    case VIGIE_SEVERITY_MAINTENANCE:
    case VIGIE_SEVERITY_MINOR:
    case VIGIE_SEVERITY_UNKNOWN:
    default:
      return NOTIFY_URGENCY_LOW;
    }
}

static void
vigie_notifier_finalize (GObject *object)
{
  VigieNotifier *self = (VigieNotifier *) object;

  g_clear_pointer (&self->shown, g_hash_table_unref);
  g_queue_clear_full (&self->finished, g_free);
  g_free (self->icon);

  G_OBJECT_CLASS (vigie_notifier_parent_class)->finalize (object);
}

static void
vigie_notifier_class_init (VigieNotifierClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = vigie_notifier_finalize;

  /**
   * VigieNotifier::mute-requested:
   * @service_id: the service to mute
   * @until_resolved: until its current trouble ends, rather than for an hour
   *
   * The user asked, from a notification, to mute a service.
   */
  signals[MUTE_REQUESTED] = g_signal_new ("mute-requested", G_TYPE_FROM_CLASS (klass),
                                          G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                          G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_BOOLEAN);

  /**
   * VigieNotifier::show-window-requested:
   *
   * The user opened a notification about several services.
   */
  signals[SHOW_WINDOW_REQUESTED] = g_signal_new ("show-window-requested",
                                                 G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                                 NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
vigie_notifier_init (VigieNotifier *self)
{
  self->shown = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  g_queue_init (&self->finished);

  if (!notify_is_initted ())
    notify_init (APP_ID);

  /* Run from the build tree, the notification server finds no icon called
   * APP_ID: give it the file (the same hook as the tray's) */
  if (g_getenv ("VIGIE_ICON_THEME_PATH") != NULL)
    {
      g_autofree char *file = g_build_filename (g_getenv ("VIGIE_ICON_THEME_PATH"), "hicolor",
                                                "scalable", "apps", APP_ID ".svg", NULL);

      if (g_file_test (file, G_FILE_TEST_IS_REGULAR))
        self->icon = g_steal_pointer (&file);
    }
  if (self->icon == NULL)
    self->icon = g_strdup (APP_ID);
}

static void
ensure_caps (VigieNotifier *self)
{
  GList *caps;

  if (self->caps_known)
    return;

  caps = notify_get_server_caps ();
  /* no server yet: asked again next time */
  self->caps_known = caps != NULL;
  self->has_actions = g_list_find_custom (caps, "actions", (GCompareFunc) g_strcmp0) != NULL;
  self->has_markup = g_list_find_custom (caps, "body-markup", (GCompareFunc) g_strcmp0) != NULL;
  g_list_free_full (caps, g_free);
}

VigieNotifier *
vigie_notifier_new (void)
{
  return g_object_new (VIGIE_TYPE_NOTIFIER, NULL);
}

static void
forget_finished (VigieNotifier *self,
                 const char    *id)
{
  GList *link = g_queue_find_custom (&self->finished, id, (GCompareFunc) g_strcmp0);

  if (link != NULL)
    {
      g_free (link->data);
      g_queue_delete_link (&self->finished, link);
    }
}

/**
 * vigie_notifier_show:
 *
 * Shows a notice, in place of the notification of the same id if there is
 * one.
 */
void
vigie_notifier_show (VigieNotifier     *self,
                     const VigieNotice *notice)
{
  g_autofree char *shown_body = NULL;
  NotifyNotification *notification;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (VIGIE_IS_NOTIFIER (self));
  g_return_if_fail (notice != NULL);

  ensure_caps (self);
  shown_body = self->has_markup ? g_markup_escape_text (notice->body, -1)
                                : g_strdup (notice->body);

  notification = g_hash_table_lookup (self->shown, notice->id);
  if (notification == NULL)
    {
      notification = notify_notification_new (notice->summary, shown_body, self->icon);
      g_hash_table_insert (self->shown, g_strdup (notice->id), notification);
    }
  else
    {
      notify_notification_update (notification, notice->summary, shown_body, self->icon);
      forget_finished (self, notice->id);
    }

  notify_notification_set_urgency (notification, urgency_for (notice));
  notify_notification_clear_actions (notification);
  notify_notification_set_hint (notification, "desktop-entry", g_variant_new_string (APP_ID));

  if (self->has_actions)
    {
      if (notice->url != NULL || notice->group)
        notify_notification_add_action (notification, ACTION_OPEN,
                                        /* Translators: notification button */
                                        _("Open"), open_action_cb,
                                        action_data_new (self, notice), action_data_free);
      if (!notice->final && notice->service_id != NULL)
        {
          notify_notification_add_action (notification, ACTION_MUTE,
                                          /* Translators: notification button */
                                          _("Mute for 1 Hour"), mute_action_cb,
                                          action_data_new (self, notice), action_data_free);
          notify_notification_add_action (notification, ACTION_MUTE_RESOLVED,
                                          /* Translators: notification button: no more
                                           * notifications of this service until its
                                           * trouble ends (then one saying so) */
                                          _("Mute Until Resolved"), mute_action_cb,
                                          action_data_new (self, notice), action_data_free);
        }
    }

  if (!notify_notification_show (notification, &error))
    g_warning ("Could not show a notification: %s", error->message);

  if (notice->final)
    {
      g_queue_push_tail (&self->finished, g_strdup (notice->id));
      while (self->finished.length > MAX_FINISHED)
        {
          g_autofree char *oldest = g_queue_pop_head (&self->finished);

          g_hash_table_remove (self->shown, oldest);
        }
    }
}

/**
 * vigie_notifier_forget_service:
 *
 * Drops the notifications of a service that is no longer watched.
 */
void
vigie_notifier_forget_service (VigieNotifier *self,
                               const char    *service_id)
{
  GHashTableIter iter;
  gpointer key;
  g_autofree char *prefix = NULL;

  g_return_if_fail (VIGIE_IS_NOTIFIER (self));

  /* notice ids are "SERVICE/…" (see vigie-alert-engine.c) */
  prefix = g_strconcat (service_id, "/", NULL);
  g_hash_table_iter_init (&iter, self->shown);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (g_str_has_prefix (key, prefix))
      {
        forget_finished (self, key);
        g_hash_table_iter_remove (&iter);
      }
}
