/* vigie-tray.c: the tray icon and its menu, behind libayatana-appindicator
 *
 * The icon is the worst state across services; the menu opens the window,
 * lists each service with its state (a click opens its incident or status
 * page), refreshes, pauses notifications, mutes a service (for an hour, or
 * until its trouble ends), opens the preferences and quits.  Every item
 * activates an action of the application ("app.…"), so the tray holds no
 * logic.
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vigie-tray"

#include "config.h"

#include <glib/gi18n.h>
#include <libayatana-appindicator/app-indicator.h>

#include "vigie-tray.h"

struct _VigieTray
{
  GObject parent_instance;

  AppIndicator *indicator;
  GtkWidget *menu;
  GtkWidget *services_end;       /* separator after the service lines */
  GtkWidget *pause_note;
  GtkWidget *resume_item;
  GtkWidget *mute_item;          /* "Mute a Service", its submenu */
  GtkWidget *mute_menu;
  GPtrArray *service_items;      /* GtkMenuItem, one per service */
  GPtrArray *mute_items;         /* GtkMenuItem, one per service, in mute_menu */
  GStrv service_ids;
  char *icon_name;
  char *replay;                  /* the demo's label, or NULL */
  GtkWidget *replay_item;
  gboolean connected;
};

G_DEFINE_FINAL_TYPE (VigieTray, vigie_tray, G_TYPE_OBJECT)

static void
vigie_tray_dispose (GObject *object)
{
  VigieTray *self = (VigieTray *) object;

  g_clear_object (&self->indicator);
  if (self->menu != NULL)
    gtk_widget_destroy (self->menu);
  g_clear_object (&self->menu);

  G_OBJECT_CLASS (vigie_tray_parent_class)->dispose (object);
}

static void
vigie_tray_finalize (GObject *object)
{
  VigieTray *self = (VigieTray *) object;

  g_clear_pointer (&self->service_items, g_ptr_array_unref);
  g_clear_pointer (&self->mute_items, g_ptr_array_unref);
  g_clear_pointer (&self->service_ids, g_strfreev);
  g_clear_pointer (&self->icon_name, g_free);
  g_clear_pointer (&self->replay, g_free);

  G_OBJECT_CLASS (vigie_tray_parent_class)->finalize (object);
}

static void
vigie_tray_class_init (VigieTrayClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = vigie_tray_dispose;
  object_class->finalize = vigie_tray_finalize;
}

static void
vigie_tray_init (VigieTray *self)
{
  self->service_items = g_ptr_array_new ();
  self->mute_items = g_ptr_array_new ();
}

static GtkWidget *
add_item (GtkWidget  *menu,
          const char *label,
          const char *action,
          GVariant   *target)
{
  GtkWidget *item = gtk_menu_item_new_with_label (label);

  gtk_actionable_set_action_name (GTK_ACTIONABLE (item), action);
  if (target != NULL)
    gtk_actionable_set_action_target_value (GTK_ACTIONABLE (item), target);
  gtk_widget_show (item);
  gtk_menu_shell_append (GTK_MENU_SHELL (menu), item);

  return item;
}

static void
add_separator (GtkWidget *menu)
{
  GtkWidget *separator = gtk_separator_menu_item_new ();

  gtk_widget_show (separator);
  gtk_menu_shell_append (GTK_MENU_SHELL (menu), separator);
}

static void
connection_changed_cb (AppIndicator *indicator,
                       gboolean      connected,
                       gpointer      user_data)
{
  VigieTray *self = user_data;

  self->connected = connected;
  g_debug ("tray host %s", connected ? "connected" : "gone");
}

static GtkWidget *
build_menu (VigieTray    *self,
            GApplication *application)
{
  GtkWidget *menu = gtk_menu_new ();
  GtkWidget *pause_menu = gtk_menu_new ();
  GtkWidget *pause_item;

  /* The menu lives outside any window: give it the application's actions. */
  gtk_widget_insert_action_group (menu, "app", G_ACTION_GROUP (application));
  gtk_widget_insert_action_group (pause_menu, "app", G_ACTION_GROUP (application));

  /* Translators: tray menu; opens the main window */
  add_item (menu, _("Open Vigie"), "app.show-window", NULL);
  add_separator (menu);

  self->services_end = gtk_separator_menu_item_new ();
  gtk_widget_show (self->services_end);
  gtk_menu_shell_append (GTK_MENU_SHELL (menu), self->services_end);

  /* Translators: tray menu */
  add_item (menu, _("Refresh Now"), "app.refresh", NULL);

  self->pause_note = gtk_menu_item_new_with_label ("");
  gtk_widget_set_sensitive (self->pause_note, FALSE);
  gtk_menu_shell_append (GTK_MENU_SHELL (menu), self->pause_note);

  /* Translators: tray submenu */
  pause_item = gtk_menu_item_new_with_label (_("Pause Notifications"));
  gtk_menu_item_set_submenu (GTK_MENU_ITEM (pause_item), pause_menu);
  gtk_widget_show (pause_item);
  gtk_menu_shell_append (GTK_MENU_SHELL (menu), pause_item);
  /* Translators: tray submenu item, under "Pause Notifications" */
  add_item (pause_menu, _("For 1 Hour"), "app.pause", g_variant_new_string ("hour"));
  /* Translators: tray submenu item, under "Pause Notifications" */
  add_item (pause_menu, _("Until Tomorrow Morning"), "app.pause",
            g_variant_new_string ("morning"));
  /* Translators: tray submenu item, under "Pause Notifications" */
  self->resume_item = add_item (pause_menu, _("Resume Notifications"), "app.pause",
                                g_variant_new_string ("resume"));

  /* Translators: tray submenu, listing the services to mute one of */
  self->mute_item = gtk_menu_item_new_with_label (_("Mute a Service"));
  self->mute_menu = gtk_menu_new ();
  gtk_widget_insert_action_group (self->mute_menu, "app", G_ACTION_GROUP (application));
  gtk_menu_item_set_submenu (GTK_MENU_ITEM (self->mute_item), self->mute_menu);
  gtk_menu_shell_append (GTK_MENU_SHELL (menu), self->mute_item);

  /* Translators: tray menu; opens the preferences window */
  add_item (menu, _("Preferences"), "app.preferences", NULL);

  add_separator (menu);
  /* Translators: tray menu */
  add_item (menu, _("Quit"), "app.quit", NULL);

  return g_object_ref_sink (menu);
}

/**
 * vigie_tray_new:
 * @application: whose "app." actions the menu activates
 */
VigieTray *
vigie_tray_new (GApplication *application)
{
  VigieTray *self = g_object_new (VIGIE_TYPE_TRAY, NULL);

  self->icon_name = g_strdup (APP_ID "-unknown-symbolic");

  /* Not app_indicator_new(): newer libayatana-appindicator releases mark
   * it deprecated and warn at run time, which aborts under fatal warnings. */
  self->indicator = g_object_new (APP_INDICATOR_TYPE,
                                  "id", APP_ID,
                                  "category", "ApplicationStatus",
                                  "icon-name", self->icon_name,
                                  NULL);
  g_signal_connect_object (self->indicator, "connection-changed",
                           G_CALLBACK (connection_changed_cb), self, 0);

  self->menu = build_menu (self, application);
  app_indicator_set_menu (self->indicator, GTK_MENU (self->menu));
  app_indicator_set_title (self->indicator, _("Vigie"));
  app_indicator_set_status (self->indicator, APP_INDICATOR_STATUS_ACTIVE);

  return self;
}

static char *
service_line (VigieService *service,
              gboolean      offline)
{
  const char *state = offline ? _("Offline")
                              : vigie_severity_get_label (vigie_service_get_severity (service));

  /* Translators: a tray menu line, service name then its state, e.g.
   * "Slack — Major outage" */
  return g_strdup_printf (_("%s — %s"), vigie_service_get_display_name (service), state);
}

static char *
title_for (VigieMonitor  *monitor,
           VigieSeverity  worst,
           gboolean       offline)
{
  GPtrArray *services = vigie_monitor_get_services (monitor);
  g_autoptr(GString) troubled = g_string_new (NULL);

  if (offline)
    /* Translators: tray title when there is no network */
    return g_strdup (_("Vigie: offline, checks paused"));

  if (services->len == 0)
    /* Translators: tray title */
    return g_strdup (_("Vigie: no service watched"));

  if (worst == VIGIE_SEVERITY_OPERATIONAL)
    /* Translators: tray title */
    return g_strdup (_("Vigie: all services operational"));

  for (guint i = 0; i < services->len; i++)
    {
      VigieService *service = g_ptr_array_index (services, i);
      VigieSeverity severity = vigie_service_get_severity (service);

      if (severity == VIGIE_SEVERITY_OPERATIONAL)
        continue;

      if (troubled->len > 0)
        /* Translators: separates "Service: state" pairs in the tray title */
        g_string_append (troubled, _(", "));
      /* Translators: a service and its state, e.g. "Slack: major outage" */
      g_string_append_printf (troubled, _("%1$s: %2$s"), vigie_service_get_display_name (service),
                              vigie_severity_get_phrase (severity));
    }

  /* Translators: tray title; %s lists services and their state */
  return g_strdup_printf (_("Vigie — %s"), troubled->str);
}

static gboolean
same_services (VigieTray *self,
               GPtrArray *services)
{
  if (self->service_ids == NULL || g_strv_length (self->service_ids) != services->len)
    return FALSE;

  for (guint i = 0; i < services->len; i++)
    if (g_strcmp0 (self->service_ids[i], vigie_service_get_id (g_ptr_array_index (services, i))) != 0)
      return FALSE;

  return TRUE;
}

/* The submenu of one service in "Mute a Service" */
static GtkWidget *
new_mute_item (VigieTray    *self,
               VigieService *service)
{
  GtkWidget *item = gtk_menu_item_new_with_label (vigie_service_get_display_name (service));
  GtkWidget *submenu = gtk_menu_new ();
  const char *id = vigie_service_get_id (service);
  GtkWidget *until_resolved;
  GtkWidget *unmute;

  gtk_widget_insert_action_group (submenu, "app",
                                  gtk_widget_get_action_group (self->mute_menu, "app"));
  /* Translators: tray submenu item, under "Mute a Service" and a service */
  add_item (submenu, _("For 1 Hour"), "app.mute", g_variant_new ("(ss)", id, "hour"));
  /* Translators: tray submenu item, under "Mute a Service" and a service:
   * no notification of it until its current trouble ends */
  until_resolved = add_item (submenu, _("Until Resolved"), "app.mute",
                             g_variant_new ("(ss)", id, "resolved"));
  /* Translators: tray submenu item, under "Mute a Service" and a service */
  unmute = add_item (submenu, _("Unmute"), "app.mute", g_variant_new ("(ss)", id, "off"));

  g_object_set_data (G_OBJECT (item), "until-resolved", until_resolved);
  g_object_set_data (G_OBJECT (item), "unmute", unmute);
  gtk_menu_item_set_submenu (GTK_MENU_ITEM (item), submenu);
  gtk_widget_show (item);

  return item;
}

static void
rebuild_service_items (VigieTray *self,
                       GPtrArray *services)
{
  g_autoptr(GStrvBuilder) ids = g_strv_builder_new ();
  GList *children;
  int position;

  for (guint i = 0; i < self->service_items->len; i++)
    gtk_widget_destroy (g_ptr_array_index (self->service_items, i));
  g_ptr_array_set_size (self->service_items, 0);

  for (guint i = 0; i < self->mute_items->len; i++)
    gtk_widget_destroy (g_ptr_array_index (self->mute_items, i));
  g_ptr_array_set_size (self->mute_items, 0);

  children = gtk_container_get_children (GTK_CONTAINER (self->menu));
  position = g_list_index (children, self->services_end);
  g_list_free (children);

  for (guint i = 0; i < services->len; i++)
    {
      VigieService *service = g_ptr_array_index (services, i);
      GtkWidget *item = gtk_menu_item_new_with_label ("");

      gtk_actionable_set_action_name (GTK_ACTIONABLE (item), "app.open-service");
      gtk_actionable_set_action_target_value (GTK_ACTIONABLE (item),
                                              g_variant_new_string (vigie_service_get_id (service)));
      gtk_widget_show (item);
      gtk_menu_shell_insert (GTK_MENU_SHELL (self->menu), item, position + (int) i);
      g_ptr_array_add (self->service_items, item);
      g_strv_builder_add (ids, vigie_service_get_id (service));

      item = new_mute_item (self, service);
      gtk_menu_shell_append (GTK_MENU_SHELL (self->mute_menu), item);
      g_ptr_array_add (self->mute_items, item);
    }

  g_strfreev (self->service_ids);
  self->service_ids = g_strv_builder_end (ids);
}

/**
 * vigie_tray_update:
 * @pause_note: (nullable): a line saying until when notifications are
 *   paused, or %NULL when they are not
 * @mute_labels: (nullable) (element-type utf8 utf8): for each muted
 *   service's id, its line in the "Mute a Service" submenu, saying until
 *   when
 */
void
vigie_tray_update (VigieTray    *self,
                   VigieMonitor *monitor,
                   const char   *pause_note,
                   GHashTable   *mute_labels)
{
  GPtrArray *services;
  gboolean offline;
  VigieSeverity worst;
  g_autofree char *icon_name = NULL;
  g_autofree char *title = NULL;

  g_return_if_fail (VIGIE_IS_TRAY (self));
  g_return_if_fail (VIGIE_IS_MONITOR (monitor));

  services = vigie_monitor_get_services (monitor);
  offline = vigie_monitor_is_offline (monitor);
  worst = vigie_monitor_get_worst (monitor);

  if (!same_services (self, services))
    rebuild_service_items (self, services);

  for (guint i = 0; i < services->len; i++)
    {
      g_autofree char *line = service_line (g_ptr_array_index (services, i), offline);
      GtkMenuItem *item = g_ptr_array_index (self->service_items, i);

      if (g_strcmp0 (gtk_menu_item_get_label (item), line) != 0)
        gtk_menu_item_set_label (item, line);
    }

  for (guint i = 0; i < services->len; i++)
    {
      VigieService *service = g_ptr_array_index (services, i);
      GtkMenuItem *item = g_ptr_array_index (self->mute_items, i);
      const char *muted = mute_labels != NULL
                          ? g_hash_table_lookup (mute_labels, vigie_service_get_id (service))
                          : NULL;
      const char *label = muted != NULL ? muted : vigie_service_get_display_name (service);

      if (g_strcmp0 (gtk_menu_item_get_label (item), label) != 0)
        gtk_menu_item_set_label (item, label);
      gtk_widget_set_sensitive (g_object_get_data (G_OBJECT (item), "until-resolved"),
                                vigie_severity_is_trouble (vigie_service_get_severity (service)));
      gtk_widget_set_sensitive (g_object_get_data (G_OBJECT (item), "unmute"), muted != NULL);
    }
  gtk_widget_set_visible (self->mute_item, services->len > 0);

  gtk_widget_set_visible (self->pause_note, pause_note != NULL);
  if (pause_note != NULL && g_strcmp0 (gtk_menu_item_get_label (GTK_MENU_ITEM (self->pause_note)),
                                       pause_note) != 0)
    gtk_menu_item_set_label (GTK_MENU_ITEM (self->pause_note), pause_note);
  gtk_widget_set_sensitive (self->resume_item, pause_note != NULL);

  icon_name = g_strdup_printf (APP_ID "-%s-symbolic",
                               offline ? "offline" : vigie_severity_to_string (worst));
  title = title_for (monitor, worst, offline);

  /* Only on change: each call is a D-Bus signal to the tray host. */
  if (g_strcmp0 (icon_name, self->icon_name) != 0)
    {
      g_free (self->icon_name);
      self->icon_name = g_steal_pointer (&icon_name);
      app_indicator_set_icon_full (self->indicator, self->icon_name, title);
    }

  if (self->replay != NULL)
    {
      char *labelled;

      /* Translators: the tray's title in the demo; %1$s says it is a
       * replay, %2$s is the usual title */
      labelled = g_strdup_printf (C_("tray title in the demo", "%1$s — %2$s"), self->replay,
                                  title);
      g_free (title);
      title = labelled;
    }

  if (g_strcmp0 (app_indicator_get_title (self->indicator), title) != 0)
    app_indicator_set_title (self->indicator, title);
}

/**
 * vigie_tray_set_replay:
 * @label: (nullable): what the demo is, such as "Replay of 4 January
 *   2021", or that it is over; %NULL outside the demo
 *
 * Labels the tray's title and the menu's first line.  Takes effect at the
 * next vigie_tray_update().
 */
void
vigie_tray_set_replay (VigieTray  *self,
                       const char *label)
{
  g_return_if_fail (VIGIE_IS_TRAY (self));

  g_free (self->replay);
  self->replay = g_strdup (label);

  if (self->replay_item == NULL && label != NULL)
    {
      self->replay_item = gtk_menu_item_new_with_label (label);
      gtk_widget_set_sensitive (self->replay_item, FALSE);
      gtk_menu_shell_prepend (GTK_MENU_SHELL (self->menu), self->replay_item);
    }

  if (self->replay_item != NULL)
    {
      if (label != NULL)
        gtk_menu_item_set_label (GTK_MENU_ITEM (self->replay_item), label);
      gtk_widget_set_visible (self->replay_item, label != NULL);
    }
}

gboolean
vigie_tray_is_connected (VigieTray *self)
{
  g_return_val_if_fail (VIGIE_IS_TRAY (self), FALSE);

  return self->connected;
}

const char *
vigie_tray_get_icon_name (VigieTray *self)
{
  g_return_val_if_fail (VIGIE_IS_TRAY (self), NULL);

  return self->icon_name;
}
