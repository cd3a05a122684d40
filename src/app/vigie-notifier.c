/* vigie-notifier.c: desktop notifications, behind libnotify
 *
 * One notification per tracker slot (an incident, or a service's own
 * trouble), updated in place with the same NotifyNotification so that the
 * server replaces the bubble instead of stacking a new one.  libnotify
 * talks to the notification portal by itself inside Flatpak.
 *
 * What quiet hours held comes out as one digest notification, replaced by
 * the next digest.
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vigie-notifier"

#include "config.h"

#include <glib/gi18n.h>
#include <libnotify/notify.h>

#include "vigie-format.h"
#include "vigie-notifier.h"
#include "vigie-text.h"

/* Finished notifications stay alive so that a click on them still works;
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

  GHashTable *open;         /* "service\x1fslot" -> NotifyNotification */
  GPtrArray *finished;
  NotifyNotification *digest;
  gboolean has_actions;
  gboolean has_markup;
};

G_DEFINE_FINAL_TYPE (VigieNotifier, vigie_notifier, G_TYPE_OBJECT)

enum {
  MUTE_REQUESTED,
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
action_data_new (VigieNotifier    *self,
                 const VigieEvent *event)
{
  ActionData *data = g_new0 (ActionData, 1);

  g_weak_ref_init (&data->notifier, self);
  data->service_id = g_strdup (event->service_id);
  data->url = g_strdup (event->url);

  return data;
}

static void
open_action_cb (NotifyNotification *notification,
                char               *action,
                gpointer            user_data)
{
  ActionData *data = user_data;

  vigie_link_open (data->url);
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
urgency_for (const VigieEvent *event)
{
  if (event->kind == VIGIE_EVENT_CLOSED)
    return NOTIFY_URGENCY_LOW;

  switch (event->severity)
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

  g_clear_pointer (&self->open, g_hash_table_unref);
  g_clear_pointer (&self->finished, g_ptr_array_unref);
  g_clear_object (&self->digest);

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
}

static void
vigie_notifier_init (VigieNotifier *self)
{
  GList *caps;

  self->open = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  self->finished = g_ptr_array_new_with_free_func (g_object_unref);

  if (!notify_is_initted ())
    notify_init (APP_ID);

  caps = notify_get_server_caps ();
  self->has_actions = g_list_find_custom (caps, "actions", (GCompareFunc) g_strcmp0) != NULL;
  self->has_markup = g_list_find_custom (caps, "body-markup", (GCompareFunc) g_strcmp0) != NULL;
  g_list_free_full (caps, g_free);
}

VigieNotifier *
vigie_notifier_new (void)
{
  return g_object_new (VIGIE_TYPE_NOTIFIER, NULL);
}

static char *
slot_key (const char *service_id,
          const char *slot)
{
  return g_strconcat (service_id, "\x1f", slot, NULL);
}

static NotifyNotification *
take_open (VigieNotifier *self,
           const char    *service_id,
           const char    *slot)
{
  g_autofree char *key = slot_key (service_id, slot);
  g_autofree char *stolen_key = NULL;
  NotifyNotification *notification = NULL;

  g_hash_table_steal_extended (self->open, key, (gpointer *) &stolen_key,
                               (gpointer *) &notification);
  return notification;
}

/**
 * vigie_notifier_show:
 *
 * Shows, updates in place, or closes with a recovery notice, the
 * notification of the event's slot.
 */
void
vigie_notifier_show (VigieNotifier    *self,
                     const VigieEvent *event,
                     GDateTime        *now)
{
  g_autofree char *key = NULL;
  g_autofree char *summary = NULL;
  g_autofree char *body = NULL;
  g_autofree char *shown_body = NULL;
  NotifyNotification *notification;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (VIGIE_IS_NOTIFIER (self));
  g_return_if_fail (event != NULL);

  key = slot_key (event->service_id, event->slot);
  summary = vigie_format_event_summary (event);
  body = vigie_format_event_body (event, now);
  shown_body = self->has_markup ? g_markup_escape_text (body, -1) : g_strdup (body);

  /* the same object, so libnotify sends its id as replaces_id */
  notification = take_open (self, event->service_id, event->slot);
  if (notification == NULL && event->replaces_slot != NULL)
    notification = take_open (self, event->service_id, event->replaces_slot);

  if (notification == NULL)
    notification = notify_notification_new (summary, shown_body, APP_ID);
  else
    notify_notification_update (notification, summary, shown_body, APP_ID);

  notify_notification_set_urgency (notification, urgency_for (event));
  notify_notification_clear_actions (notification);
  notify_notification_set_hint (notification, "desktop-entry", g_variant_new_string (APP_ID));

  if (self->has_actions)
    {
      if (event->url != NULL && vigie_link_is_fetchable (event->url))
        notify_notification_add_action (notification, ACTION_OPEN,
                                        /* Translators: notification button */
                                        _("Open"), open_action_cb,
                                        action_data_new (self, event), action_data_free);
      if (event->kind != VIGIE_EVENT_CLOSED)
        notify_notification_add_action (notification, ACTION_MUTE,
                                        /* Translators: notification button */
                                        _("Mute for 1 Hour"), mute_action_cb,
                                        action_data_new (self, event), action_data_free);
      if (event->kind == VIGIE_EVENT_OPENED || event->kind == VIGIE_EVENT_UPDATED)
        notify_notification_add_action (notification, ACTION_MUTE_RESOLVED,
                                        /* Translators: notification button: no more
                                         * notifications of this service until its
                                         * trouble ends (then one saying so) */
                                        _("Mute Until Resolved"), mute_action_cb,
                                        action_data_new (self, event), action_data_free);
    }

  if (!notify_notification_show (notification, &error))
    g_warning ("Could not show a notification: %s", error->message);

  if (event->kind == VIGIE_EVENT_CLOSED)
    {
      g_ptr_array_add (self->finished, notification);
      if (self->finished->len > MAX_FINISHED)
        g_ptr_array_remove_index (self->finished, 0);
    }
  else
    {
      g_hash_table_insert (self->open, g_steal_pointer (&key), notification);
    }
}

/**
 * vigie_notifier_show_digest:
 * @digest: what quiet hours held (vigie_policy_take_digest())
 *
 * Shows the digest as one notification, in place of the previous digest.
 */
void
vigie_notifier_show_digest (VigieNotifier     *self,
                            const VigieDigest *digest,
                            GDateTime         *now)
{
  g_autofree char *summary = NULL;
  g_autofree char *body = NULL;
  g_autofree char *shown_body = NULL;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (VIGIE_IS_NOTIFIER (self));
  g_return_if_fail (digest != NULL);
  g_return_if_fail (now != NULL);

  summary = vigie_format_digest_summary (digest);
  body = vigie_format_digest_body (digest, now);
  shown_body = self->has_markup ? g_markup_escape_text (body, -1) : g_strdup (body);

  if (self->digest == NULL)
    self->digest = notify_notification_new (summary, shown_body, APP_ID);
  else
    notify_notification_update (self->digest, summary, shown_body, APP_ID);

  notify_notification_set_urgency (self->digest, NOTIFY_URGENCY_NORMAL);
  notify_notification_set_hint (self->digest, "desktop-entry", g_variant_new_string (APP_ID));

  if (!notify_notification_show (self->digest, &error))
    g_warning ("Could not show a notification: %s", error->message);
}

/**
 * vigie_notifier_forget_service:
 *
 * Drops the open notifications of a service that is no longer watched.
 */
void
vigie_notifier_forget_service (VigieNotifier *self,
                               const char    *service_id)
{
  GHashTableIter iter;
  gpointer key;
  g_autofree char *prefix = NULL;

  g_return_if_fail (VIGIE_IS_NOTIFIER (self));

  prefix = g_strconcat (service_id, "\x1f", NULL);
  g_hash_table_iter_init (&iter, self->open);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (g_str_has_prefix (key, prefix))
      g_hash_table_iter_remove (&iter);
}
