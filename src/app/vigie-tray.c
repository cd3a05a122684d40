/* vigie-tray.c: the tray icon and its menu, behind libayatana-appindicator
 *
 * The icon is the worst state across services.  The menu opens the window,
 * lists the services that need attention (in trouble, unreadable, under
 * maintenance, or muted), each with a submenu to open its incident or
 * status page and to mute or unmute it, then one line for all the others
 * ("12 other services operational"), which opens the window; then it
 * refreshes, pauses notifications, opens the preferences and quits.  Every
 * item activates an action of the application ("app.…"), so the tray holds
 * no logic.
 *
 * The menu does not grow with healthy services: every menu item is
 * mirrored over D-Bus by the dbusmenu exporter, which is where a tray's
 * memory goes, and a menu taller than the screen is of no use.  An update
 * touches only the items whose text or state changed: each change is a
 * D-Bus message to the tray host.
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vigie-tray"

#include "config.h"

#include <glib/gi18n.h>
#include <libayatana-appindicator/app-indicator.h>

#include "vigie-tray.h"


/* At most this many service lines: when everything breaks at once, the
 * window tells the rest (and the menu still fits on a small screen). */
#define MAX_SERVICE_LINES 10

/* One service that needs attention: its line, and in its submenu what can
 * be done about it */
typedef struct
{
  char *id;
  GtkWidget *item;
  GtkWidget *mute_note;       /* "Slack (muted until 10:30)", insensitive */
  GtkWidget *mute_resolved;
  GtkWidget *unmute;
} ServiceLine;

static void
service_line_free (ServiceLine *line)
{
  g_free (line->id);
  g_free (line);
}

struct _VigieTray
{
  GObject parent_instance;

  AppIndicator *indicator;
  GtkWidget *menu;
  GActionGroup *actions;         /* the application's, for every submenu (not owned: the
                                  * application owns this tray) */
  GtkWidget *services_start;     /* separator before the service lines */
  GtkWidget *others;             /* "N other services operational" */
  GtkWidget *pause_note;         /* NULL unless notifications are paused */
  GtkWidget *pause_item;
  GtkWidget *resume_item;
  GPtrArray *lines;              /* ServiceLine, in menu order */
  char *icon_name;
  char *icon_description;
  char *replay;                  /* the demo's label, or NULL */
  GtkWidget *replay_item;
  gboolean connected;
  gboolean unreachable;      /* no status page answers: our side */
};

G_DEFINE_FINAL_TYPE (VigieTray, vigie_tray, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_CONNECTED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
vigie_tray_dispose (GObject *object)
{
  VigieTray *self = (VigieTray *) object;

  g_clear_object (&self->indicator);
  if (self->menu != NULL)
    gtk_widget_destroy (self->menu);
  g_clear_object (&self->menu);
  if (self->lines != NULL)
    g_ptr_array_set_size (self->lines, 0);

  G_OBJECT_CLASS (vigie_tray_parent_class)->dispose (object);
}

static void
vigie_tray_finalize (GObject *object)
{
  VigieTray *self = (VigieTray *) object;

  g_clear_pointer (&self->lines, g_ptr_array_unref);
  g_clear_pointer (&self->icon_name, g_free);
  g_clear_pointer (&self->icon_description, g_free);
  g_clear_pointer (&self->replay, g_free);

  G_OBJECT_CLASS (vigie_tray_parent_class)->finalize (object);
}

static void
vigie_tray_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  VigieTray *self = VIGIE_TRAY (object);

  switch (prop_id)
    {
    case PROP_CONNECTED:
      g_value_set_boolean (value, self->connected);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
vigie_tray_class_init (VigieTrayClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = vigie_tray_dispose;
  object_class->finalize = vigie_tray_finalize;
  object_class->get_property = vigie_tray_get_property;

  /**
   * VigieTray:connected:
   *
   * Whether a tray host shows the icon (its item is registered).
   */
  properties[PROP_CONNECTED] =
    g_param_spec_boolean ("connected", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
vigie_tray_init (VigieTray *self)
{
  self->lines = g_ptr_array_new_with_free_func ((GDestroyNotify) service_line_free);
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

static GtkWidget *
add_separator (GtkWidget *menu)
{
  GtkWidget *separator = gtk_separator_menu_item_new ();

  gtk_widget_show (separator);
  gtk_menu_shell_append (GTK_MENU_SHELL (menu), separator);

  return separator;
}

static void
connection_changed_cb (AppIndicator *indicator,
                       gboolean      connected,
                       gpointer      user_data)
{
  VigieTray *self = user_data;

  g_debug ("tray host %s", connected ? "connected" : "gone");
  if (self->connected == connected)
    return;

  self->connected = connected;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONNECTED]);
}

static GtkWidget *
build_menu (VigieTray *self)
{
  GtkWidget *menu = gtk_menu_new ();
  GtkWidget *pause_menu = gtk_menu_new ();

  /* The menu lives outside any window: give it the application's actions. */
  gtk_widget_insert_action_group (menu, "app", self->actions);
  gtk_widget_insert_action_group (pause_menu, "app", self->actions);

  /* Translators: tray menu; opens the main window */
  add_item (menu, _("Open Vigie"), "app.show-window", NULL);
  self->services_start = add_separator (menu);

  /* the service lines go here, then this one */
  self->others = add_item (menu, "", "app.show-window", NULL);
  gtk_widget_hide (self->others);
  add_separator (menu);

  /* Translators: tray menu */
  add_item (menu, _("Refresh Now"), "app.refresh", NULL);

  /* the pause note goes here, while notifications are paused */
  /* Translators: tray submenu */
  self->pause_item = gtk_menu_item_new_with_label (_("Pause Notifications"));
  gtk_menu_item_set_submenu (GTK_MENU_ITEM (self->pause_item), pause_menu);
  gtk_widget_show (self->pause_item);
  gtk_menu_shell_append (GTK_MENU_SHELL (menu), self->pause_item);
  /* Translators: tray submenu item, under "Pause Notifications" */
  add_item (pause_menu, _("For 1 Hour"), "app.pause", g_variant_new_string ("hour"));
  /* Translators: tray submenu item, under "Pause Notifications" */
  add_item (pause_menu, _("Until Tomorrow Morning"), "app.pause",
            g_variant_new_string ("morning"));
  /* Translators: tray submenu item, under "Pause Notifications" */
  self->resume_item = add_item (pause_menu, _("Resume Notifications"), "app.pause",
                                g_variant_new_string ("resume"));

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
  self->actions = G_ACTION_GROUP (application);

  /* Not app_indicator_new(): newer libayatana-appindicator releases mark
   * it deprecated and warn at run time, which aborts under fatal warnings. */
  self->indicator = g_object_new (APP_INDICATOR_TYPE,
                                  "id", APP_ID,
                                  "category", "ApplicationStatus",
                                  "icon-name", self->icon_name,
                                  NULL);
  g_signal_connect_object (self->indicator, "connection-changed",
                           G_CALLBACK (connection_changed_cb), self, 0);

  /* Run from the build tree (build-aux/vigie-dev run), the icons are not
   * in any theme the panel looks in: tell it where they are. */
  if (g_getenv ("VIGIE_ICON_THEME_PATH") != NULL)
    app_indicator_set_icon_theme_path (self->indicator, g_getenv ("VIGIE_ICON_THEME_PATH"));

  self->menu = build_menu (self);
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
           gboolean       offline,
           gboolean       unreachable)
{
  GPtrArray *services = vigie_monitor_get_services (monitor);
  g_autoptr(GString) troubled = g_string_new (NULL);

  if (offline)
    /* Translators: tray title when there is no network */
    return g_strdup (_("Vigie: offline, checks paused"));

  if (unreachable)
    /* Translators: tray title when no status page answers although the
     * computer says it is online (no DNS, a captive portal, a VPN down):
     * the problem is on the user's side, not the vendors' */
    return g_strdup (_("Vigie: status pages cannot be reached from this computer"));

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

/* How much a service's line matters: the worst first */
static guint
attention_rank (VigieSeverity severity)
{
  switch (severity)
    {
    case VIGIE_SEVERITY_CRITICAL:
      return 5;
    case VIGIE_SEVERITY_MAJOR:
      return 4;
    case VIGIE_SEVERITY_MINOR:
      return 3;
    case VIGIE_SEVERITY_UNKNOWN:
      return 2;
    case VIGIE_SEVERITY_MAINTENANCE:
      return 1;
    case VIGIE_SEVERITY_OPERATIONAL:
    default:
      return 0;
    }
}

typedef struct
{
  VigieService *service;
  guint rank;
  guint index;
} Wanted;

static int
compare_wanted (gconstpointer a,
                gconstpointer b)
{
  const Wanted *x = a;
  const Wanted *y = b;

  if (x->rank != y->rank)
    return x->rank > y->rank ? -1 : 1;

  return x->index < y->index ? -1 : x->index > y->index;
}

static ServiceLine *
new_service_line (VigieTray    *self,
                  VigieService *service)
{
  ServiceLine *line = g_new0 (ServiceLine, 1);
  GtkWidget *submenu = gtk_menu_new ();
  const char *id = vigie_service_get_id (service);

  line->id = g_strdup (id);
  line->item = gtk_menu_item_new_with_label ("");
  gtk_widget_insert_action_group (submenu, "app", self->actions);

  /* Translators: tray submenu item, under a service in trouble: opens its
   * incident, or its status page */
  add_item (submenu, _("Open"), "app.open-service", g_variant_new_string (id));

  line->mute_note = gtk_menu_item_new_with_label ("");
  gtk_widget_set_sensitive (line->mute_note, FALSE);
  gtk_menu_shell_append (GTK_MENU_SHELL (submenu), line->mute_note);

  /* Translators: tray submenu item, under a service in trouble */
  add_item (submenu, _("Mute for 1 Hour"), "app.mute", g_variant_new ("(ss)", id, "hour"));
  /* Translators: tray submenu item, under a service in trouble: no
   * notification of it until its current trouble ends */
  line->mute_resolved = add_item (submenu, _("Mute Until Resolved"), "app.mute",
                                  g_variant_new ("(ss)", id, "resolved"));
  /* Translators: tray submenu item, under a muted service */
  line->unmute = add_item (submenu, _("Unmute"), "app.mute", g_variant_new ("(ss)", id, "off"));
  gtk_widget_hide (line->unmute);

  gtk_menu_item_set_submenu (GTK_MENU_ITEM (line->item), submenu);
  gtk_widget_show (line->item);

  return line;
}

static ServiceLine *
take_line (GPtrArray  *lines,
           const char *id)
{
  for (guint i = 0; i < lines->len; i++)
    {
      ServiceLine *line = g_ptr_array_index (lines, i);

      if (g_str_equal (line->id, id))
        return g_ptr_array_steal_index (lines, i);
    }

  return NULL;
}

static void
set_label (GtkWidget  *item,
           const char *label)
{
  if (g_strcmp0 (gtk_menu_item_get_label (GTK_MENU_ITEM (item)), label) != 0)
    gtk_menu_item_set_label (GTK_MENU_ITEM (item), label);
}

static void
update_service_line (ServiceLine  *line,
                     VigieService *service,
                     gboolean      offline,
                     const char   *muted)
{
  g_autofree char *text = service_line (service, offline);

  set_label (line->item, text);
  gtk_widget_set_visible (line->mute_note, muted != NULL);
  if (muted != NULL)
    set_label (line->mute_note, muted);
  gtk_widget_set_sensitive (line->mute_resolved,
                            vigie_severity_is_trouble (vigie_service_get_severity (service)));
  gtk_widget_set_visible (line->unmute, muted != NULL);
}

static char *
others_label (guint    n_others,
              guint    n_lines,
              gboolean all_operational,
              guint    n_unchecked,
              gboolean offline)
{
  if (offline)
    /* Translators: tray menu line, opens the window; no network */
    return g_strdup_printf (ngettext ("%u service, checks paused",
                                      "%u services, checks paused", n_others), n_others);

  if (n_lines == 0 && n_unchecked == n_others)
    /* Translators: tray menu line, opens the window; just started, no
     * status page read yet */
    return g_strdup_printf (ngettext ("Checking %u service…", "Checking %u services…",
                                      n_others), n_others);

  if (!all_operational)
    /* Translators: tray menu line, opens the window; the services whose
     * line did not fit in the menu */
    return g_strdup_printf (ngettext ("%u other service", "%u other services", n_others),
                            n_others);

  if (n_lines == 0)
    /* Translators: tray menu line, opens the window */
    return g_strdup_printf (ngettext ("%u service operational", "%u services operational",
                                      n_others), n_others);

  /* Translators: tray menu line, opens the window; after the lines of
   * the services in trouble */
  return g_strdup_printf (ngettext ("%u other service operational",
                                    "%u other services operational", n_others), n_others);
}

/* The lines of the services that need attention, worst first, then the
 * count of the others; only what changed is touched. */
static void
update_service_lines (VigieTray  *self,
                      GPtrArray  *services,
                      gboolean    offline,
                      GHashTable *mute_labels)
{
  g_autoptr(GArray) wanted = g_array_new (FALSE, FALSE, sizeof (Wanted));
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func ((GDestroyNotify) service_line_free);
  g_autofree char *label = NULL;
  gboolean all_operational = TRUE;
  guint n_unchecked = 0;
  GList *children;
  int base;

  /* offline, every state shown would be an old one: no lines */
  for (guint i = 0; i < services->len && !offline; i++)
    {
      VigieService *service = g_ptr_array_index (services, i);
      VigieSeverity severity = vigie_service_get_severity (service);
      gboolean muted = mute_labels != NULL
                       && g_hash_table_contains (mute_labels, vigie_service_get_id (service));
      Wanted entry = { service, attention_rank (severity), i };

      /* not checked yet: no news, and no line made now to be dropped
       * once the first poll says all is well */
      if (vigie_service_get_last_checked (service) == NULL && !muted)
        {
          n_unchecked++;
          continue;
        }

      if (severity != VIGIE_SEVERITY_OPERATIONAL || muted)
        g_array_append_val (wanted, entry);
    }
  g_array_sort (wanted, compare_wanted);
  for (guint i = MAX_SERVICE_LINES; i < wanted->len; i++)
    if (vigie_service_get_severity (g_array_index (wanted, Wanted, i).service)
        != VIGIE_SEVERITY_OPERATIONAL)
      all_operational = FALSE;
  g_array_set_size (wanted, MIN (wanted->len, MAX_SERVICE_LINES));

  /* keep the lines still wanted, make the new ones */
  for (guint i = 0; i < wanted->len; i++)
    {
      VigieService *service = g_array_index (wanted, Wanted, i).service;
      const char *id = vigie_service_get_id (service);
      ServiceLine *line = take_line (self->lines, id);

      if (line == NULL)
        line = new_service_line (self, service);
      update_service_line (line, service, offline,
                           mute_labels != NULL ? g_hash_table_lookup (mute_labels, id) : NULL);
      g_ptr_array_add (lines, line);
    }

  /* the others go */
  for (guint i = 0; i < self->lines->len; i++)
    gtk_widget_destroy (((ServiceLine *) g_ptr_array_index (self->lines, i))->item);
  g_ptr_array_unref (self->lines);
  self->lines = g_steal_pointer (&lines);

  /* in order, after the separator; moved only when out of place */
  children = gtk_container_get_children (GTK_CONTAINER (self->menu));
  base = g_list_index (children, self->services_start) + 1;
  for (guint i = 0; i < self->lines->len; i++)
    {
      ServiceLine *line = g_ptr_array_index (self->lines, i);
      GList *at = g_list_nth (children, base + i);

      if (gtk_widget_get_parent (line->item) == NULL)
        {
          gtk_menu_shell_insert (GTK_MENU_SHELL (self->menu), line->item, base + (int) i);
          children = g_list_insert (children, line->item, base + (int) i);
        }
      else if (at == NULL || at->data != line->item)
        {
          /* removed and inserted again, which the dbusmenu exporter
           * follows (it does not watch gtk_menu_reorder_child()) */
          g_object_ref (line->item);
          gtk_container_remove (GTK_CONTAINER (self->menu), line->item);
          gtk_menu_shell_insert (GTK_MENU_SHELL (self->menu), line->item, base + (int) i);
          g_object_unref (line->item);
          children = g_list_remove (children, line->item);
          children = g_list_insert (children, line->item, base + (int) i);
        }
    }
  g_list_free (children);

  gtk_widget_set_visible (self->others, services->len > self->lines->len);
  if (services->len > self->lines->len)
    {
      label = others_label (services->len - self->lines->len, self->lines->len,
                            all_operational && n_unchecked == 0, n_unchecked, offline);
      set_label (self->others, label);
    }
}

/* The line saying until when notifications are paused is made only while
 * they are: each menu item costs some 9 KiB, mirrored over D-Bus. */
static void
update_pause_note (VigieTray  *self,
                   const char *pause_note)
{
  if (pause_note == NULL)
    {
      g_clear_pointer (&self->pause_note, gtk_widget_destroy);
      return;
    }

  if (self->pause_note == NULL)
    {
      g_autoptr(GList) items = gtk_container_get_children (GTK_CONTAINER (self->menu));

      self->pause_note = gtk_menu_item_new_with_label (pause_note);
      gtk_widget_set_sensitive (self->pause_note, FALSE);
      gtk_widget_show (self->pause_note);
      gtk_menu_shell_insert (GTK_MENU_SHELL (self->menu), self->pause_note,
                             g_list_index (items, self->pause_item));
    }
  set_label (self->pause_note, pause_note);
}

/**
 * vigie_tray_update:
 * @pause_note: (nullable): a line saying until when notifications are
 *   paused, or %NULL when they are not
 * @mute_labels: (nullable) (element-type utf8 utf8): for each muted
 *   service's id, a line saying until when, shown under its line
 *
 * Shows the state of @monitor's services.  Cheap when little changed: only
 * the items whose text or state changed are touched.
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

  update_service_lines (self, services, offline, mute_labels);

  update_pause_note (self, pause_note);
  gtk_widget_set_sensitive (self->resume_item, pause_note != NULL);

  icon_name = g_strdup_printf (APP_ID "-%s-symbolic",
                               offline || self->unreachable ? "offline"
                                                            : vigie_severity_to_string (worst));
  title = title_for (monitor, worst, offline, self->unreachable);

  /* Only on change: each call is a D-Bus signal to the tray host.  The
   * description is what screen readers say of the icon: it follows the
   * title even when the icon stays. */
  if (g_strcmp0 (icon_name, self->icon_name) != 0
      || g_strcmp0 (title, self->icon_description) != 0)
    {
      g_free (self->icon_name);
      self->icon_name = g_steal_pointer (&icon_name);
      g_free (self->icon_description);
      self->icon_description = g_strdup (title);
      app_indicator_set_icon_full (self->indicator, self->icon_name, self->icon_description);
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
 * vigie_tray_set_unreachable:
 * @unreachable: whether no status page can be reached from this computer
 *
 * Takes effect at the next vigie_tray_update().
 */
void
vigie_tray_set_unreachable (VigieTray *self,
                            gboolean   unreachable)
{
  g_return_if_fail (VIGIE_IS_TRAY (self));

  self->unreachable = unreachable;
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
