/* vigie-window.c: the main window, a list of the watched services
 *
 * The window only reads the monitor's state: one row per service, worst
 * first, the overall state in the header bar, a banner while there is no
 * network.  It follows the monitor through its "service-polled" signal and
 * its "offline" property, and its refresh button asks for a check at once.
 *
 * Everything else goes through the application's actions, as the tray's
 * menu and D-Bus do: the primary menu (app.pause, app.preferences,
 * app.about, app.quit), each row's menu (app.open-service, app.mute).
 * What the window cannot know by itself (a pause, quiet hours, mutes, a
 * replay) the application tells it: vigie_window_set_banner() and
 * vigie_window_set_mute_notes().
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vigie-window"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "vigie-service-row.h"
#include "vigie-window.h"

/* The spinner stops after this long even if a poll never reports back
 * (a server that asked to wait with Retry-After, for instance). */
#define REFRESH_SPINNER_TIMEOUT_SECONDS 60

struct _VigieWindow
{
  GtkApplicationWindow parent_instance;

  VigieMonitor *monitor;
  GHashTable *pending;          /* VigieService* being checked */
  guint spinner_timeout_id;

  GHashTable *mute_notes;       /* service id -> "Muted until 10:30" */
  char *shown_order;            /* for the debug log */
  GtkWidget *banners[VIGIE_WINDOW_N_BANNERS];

  /* template children */
  GtkHeaderBar *header_bar;
  GtkButton *refresh_button;
  GtkSpinner *spinner;
  GtkMenuButton *menu_button;
  GtkBox *banner_box;
  GtkInfoBar *offline_bar;
  GtkStack *stack;
  GtkScrolledWindow *scrolled_window;
  GtkListBox *service_list;
};

G_DEFINE_FINAL_TYPE (VigieWindow, vigie_window, GTK_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_MONITOR,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/**
 * vigie_window_load_style:
 *
 * Gives the screen the window's style, once: the preferences share its
 * spinner image.
 */
void
vigie_window_load_style (void)
{
  static gboolean loaded;
  g_autoptr(GtkCssProvider) provider = NULL;
  GdkScreen *screen = gdk_screen_get_default ();

  if (loaded || screen == NULL)
    return;
  loaded = TRUE;

  /* the spinner's image (vigie-window.css), whatever the application id */
  gtk_icon_theme_add_resource_path (gtk_icon_theme_get_for_screen (screen),
                                    APP_PATH "/icons");
  provider = gtk_css_provider_new ();
  gtk_css_provider_load_from_resource (provider, APP_PATH "/ui/vigie-window.css");
  gtk_style_context_add_provider_for_screen (screen, GTK_STYLE_PROVIDER (provider),
                                             GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
}

static char *
dup_subtitle (VigieWindow *self)
{
  GPtrArray *services = vigie_monitor_get_services (self->monitor);
  guint n_unchecked = 0;
  guint n_trouble = 0;
  guint n_maintenance = 0;
  guint n_unknown = 0;

  if (vigie_monitor_is_offline (self->monitor))
    /* Translators: the window's subtitle while there is no network */
    return g_strdup (_("Offline"));

  if (services->len == 0)
    /* Translators: the window's subtitle when no service is configured */
    return g_strdup (_("No services"));

  for (guint i = 0; i < services->len; i++)
    {
      VigieService *service = g_ptr_array_index (services, i);
      VigieSeverity severity = vigie_service_get_severity (service);

      if (vigie_service_get_last_checked (service) == NULL)
        n_unchecked++;
      else if (vigie_severity_is_trouble (severity))
        n_trouble++;
      else if (severity == VIGIE_SEVERITY_MAINTENANCE)
        n_maintenance++;
      else if (severity == VIGIE_SEVERITY_UNKNOWN)
        n_unknown++;
    }

  if (n_trouble > 0 && n_unknown > 0)
    {
      /* Translators: the window's subtitle, first part: "2 services have
       * problems, 1 cannot be checked" */
      g_autofree char *trouble = g_strdup_printf (ngettext ("%u service has problems",
                                                            "%u services have problems",
                                                            n_trouble),
                                                  n_trouble);
      /* Translators: the window's subtitle, second part: "2 services have
       * problems, 1 cannot be checked" */
      g_autofree char *unknown = g_strdup_printf (ngettext ("%u cannot be checked",
                                                            "%u cannot be checked", n_unknown),
                                                  n_unknown);

      /* Translators: the window's subtitle: both parts above */
      return g_strdup_printf (C_("window subtitle", "%1$s, %2$s"), trouble, unknown);
    }

  if (n_trouble > 0)
    /* Translators: the window's subtitle, the overall state */
    return g_strdup_printf (ngettext ("%u service has problems", "%u services have problems",
                                      n_trouble),
                            n_trouble);

  if (n_unchecked > 0)
    /* Translators: the window's subtitle until every service was checked once */
    return g_strdup (_("Checking…"));

  if (n_unknown > 0)
    /* Translators: the window's subtitle, the overall state */
    return g_strdup_printf (ngettext ("%u service cannot be checked",
                                      "%u services cannot be checked", n_unknown),
                            n_unknown);

  if (n_maintenance > 0)
    /* Translators: the window's subtitle, the overall state */
    return g_strdup_printf (ngettext ("%u service under maintenance",
                                      "%u services under maintenance", n_maintenance),
                            n_maintenance);

  /* Translators: the window's subtitle, the overall state */
  return g_strdup (_("All services operational"));
}

static void
update_header (VigieWindow *self)
{
  g_autofree char *subtitle = dup_subtitle (self);
  GAction *refresh = g_action_map_lookup_action (G_ACTION_MAP (self), "refresh");
  gboolean can_refresh = !vigie_monitor_is_offline (self->monitor)
                         && vigie_monitor_get_services (self->monitor)->len > 0;

  gtk_header_bar_set_subtitle (self->header_bar, subtitle);
  g_simple_action_set_enabled (G_SIMPLE_ACTION (refresh), can_refresh);
}

static void
update_spinner (VigieWindow *self)
{
  gboolean busy = g_hash_table_size (self->pending) > 0
                  && !vigie_monitor_is_offline (self->monitor);

  gtk_widget_set_visible (GTK_WIDGET (self->spinner), busy);
  if (busy)
    gtk_spinner_start (self->spinner);
  else
    gtk_spinner_stop (self->spinner);

  if (!busy)
    g_clear_handle_id (&self->spinner_timeout_id, g_source_remove);
}

static gboolean
spinner_timeout_cb (gpointer user_data)
{
  VigieWindow *self = user_data;

  self->spinner_timeout_id = 0;
  g_hash_table_remove_all (self->pending);
  update_spinner (self);

  return G_SOURCE_REMOVE;
}

static void
expect_polls (VigieWindow *self,
              gboolean     all)
{
  GPtrArray *services = vigie_monitor_get_services (self->monitor);

  for (guint i = 0; i < services->len; i++)
    {
      VigieService *service = g_ptr_array_index (services, i);

      if (all || vigie_service_get_last_checked (service) == NULL)
        g_hash_table_add (self->pending, service);
    }

  g_clear_handle_id (&self->spinner_timeout_id, g_source_remove);
  if (g_hash_table_size (self->pending) > 0)
    self->spinner_timeout_id = g_timeout_add_seconds (REFRESH_SPINNER_TIMEOUT_SECONDS,
                                                      spinner_timeout_cb, self);
  update_spinner (self);
}

static VigieServiceRow *
find_row (VigieWindow  *self,
          VigieService *service)
{
  g_autoptr(GList) children = gtk_container_get_children (GTK_CONTAINER (self->service_list));

  for (GList *l = children; l != NULL; l = l->next)
    if (vigie_service_row_get_service (l->data) == service)
      return l->data;

  return NULL;
}

/* TRUE if the rows show exactly the monitor's services (in any order:
 * the list sorts them) */
static gboolean
rows_match_services (VigieWindow *self)
{
  GPtrArray *services = vigie_monitor_get_services (self->monitor);
  g_autoptr(GList) children = gtk_container_get_children (GTK_CONTAINER (self->service_list));
  guint n = 0;

  for (GList *l = children; l != NULL; l = l->next, n++)
    if (!g_ptr_array_find (services, vigie_service_row_get_service (l->data), NULL))
      return FALSE;

  return n == services->len;
}

static void
apply_mute_note (VigieWindow     *self,
                 VigieServiceRow *row)
{
  const char *id = vigie_service_get_id (vigie_service_row_get_service (row));

  vigie_service_row_set_mute_note (row, self->mute_notes != NULL
                                          ? g_hash_table_lookup (self->mute_notes, id)
                                          : NULL);
}

static void
rebuild_rows (VigieWindow *self)
{
  GPtrArray *services = vigie_monitor_get_services (self->monitor);
  g_autoptr(GList) children = gtk_container_get_children (GTK_CONTAINER (self->service_list));
  gboolean offline = vigie_monitor_is_offline (self->monitor);

  for (GList *l = children; l != NULL; l = l->next)
    gtk_widget_destroy (l->data);

  for (guint i = 0; i < services->len; i++)
    {
      VigieServiceRow *row = vigie_service_row_new (g_ptr_array_index (services, i));

      vigie_service_row_update (row, offline);
      apply_mute_note (self, row);
      gtk_container_add (GTK_CONTAINER (self->service_list), GTK_WIDGET (row));
    }
}

/* The rows' order, in the debug log when it changes: what the desktop
 * tests read (they cannot see the window) */
static void
log_order (VigieWindow *self)
{
  g_autoptr(GList) children = NULL;
  g_autoptr(GString) order = NULL;

  if (!g_log_writer_default_would_drop (G_LOG_LEVEL_DEBUG, G_LOG_DOMAIN))
    {
      order = g_string_new (NULL);
      children = gtk_container_get_children (GTK_CONTAINER (self->service_list));
      for (GList *l = children; l != NULL; l = l->next)
        {
          VigieService *service = vigie_service_row_get_service (l->data);

          g_string_append_printf (order, "%s%s (%s)", order->len > 0 ? ", " : "",
                                  vigie_service_get_display_name (service),
                                  vigie_severity_to_string (vigie_service_get_severity (service)));
        }

      if (g_strcmp0 (order->str, self->shown_order) != 0)
        {
          g_debug ("rows: %s", order->str);
          g_free (self->shown_order);
          self->shown_order = g_strdup (order->str);
        }
    }
}

static void
update_all (VigieWindow *self)
{
  gboolean offline = vigie_monitor_is_offline (self->monitor);

  if (!rows_match_services (self))
    {
      rebuild_rows (self);
    }
  else
    {
      g_autoptr(GList) children = gtk_container_get_children (GTK_CONTAINER (self->service_list));
      gboolean moved = FALSE;

      for (GList *l = children; l != NULL; l = l->next)
        moved |= vigie_service_row_update (l->data, offline);
      if (moved)
        gtk_list_box_invalidate_sort (self->service_list);
    }

  gtk_stack_set_visible_child_name (self->stack,
                                    vigie_monitor_get_services (self->monitor)->len > 0
                                    ? "services" : "empty");
  gtk_widget_set_visible (GTK_WIDGET (self->offline_bar), offline);
  update_header (self);
  update_spinner (self);
  log_order (self);
}

static void
service_polled_cb (VigieMonitor *monitor,
                   VigieService *service,
                   VigieWindow  *self)
{
  VigieServiceRow *row;

  g_hash_table_remove (self->pending, service);

  row = find_row (self, service);
  if (row != NULL && rows_match_services (self))
    {
      /* a new state may move the row: worst first */
      if (vigie_service_row_update (row, vigie_monitor_is_offline (monitor)))
        gtk_list_box_row_changed (GTK_LIST_BOX_ROW (row));
      update_header (self);
      update_spinner (self);
      log_order (self);
    }
  else
    {
      /* the list of services changed */
      update_all (self);
    }
}

static void
offline_changed_cb (VigieMonitor *monitor,
                    GParamSpec   *pspec,
                    VigieWindow  *self)
{
  if (vigie_monitor_is_offline (monitor))
    g_hash_table_remove_all (self->pending);
  else
    /* the monitor polls every service when the network comes back */
    expect_polls (self, TRUE);

  update_all (self);
}

/* Worst first, then by name; the lines between rows are CSS, not
 * separator widgets */
static int
sort_rows_cb (GtkListBoxRow *row_a,
              GtkListBoxRow *row_b,
              gpointer       user_data)
{
  VigieServiceRow *a = VIGIE_SERVICE_ROW (row_a);
  VigieServiceRow *b = VIGIE_SERVICE_ROW (row_b);
  int rank = vigie_service_row_get_rank (a) - vigie_service_row_get_rank (b);
  g_autofree char *key_a = NULL;
  g_autofree char *key_b = NULL;

  if (rank != 0)
    return rank;

  key_a = g_utf8_collate_key (vigie_service_get_display_name (vigie_service_row_get_service (a)),
                              -1);
  key_b = g_utf8_collate_key (vigie_service_get_display_name (vigie_service_row_get_service (b)),
                              -1);
  return strcmp (key_a, key_b);
}

/**
 * vigie_window_open_row:
 * @row: one of the window's rows
 *
 * Opens what @row points to.  In Vigie, through "app.open-service", the
 * tray's path (its incident, else its status page); a window without the
 * application (the tests) opens the status page itself.
 *
 * Returns: %FALSE if there was nothing to open, or it could not be opened
 *   (the window then says so)
 */
gboolean
vigie_window_open_row (VigieWindow     *self,
                       VigieServiceRow *row)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));
  const char *link;
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (VIGIE_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (VIGIE_IS_SERVICE_ROW (row), FALSE);

  /* feed text is untrusted: the row keeps only https: (or http: on this
   * machine) links */
  link = vigie_service_row_get_link (row);
  if (link == NULL)
    return FALSE;

  if (app != NULL && g_action_group_has_action (G_ACTION_GROUP (app), "open-service"))
    {
      VigieService *service = vigie_service_row_get_service (row);

      g_action_group_activate_action (G_ACTION_GROUP (app), "open-service",
                                      g_variant_new_string (vigie_service_get_id (service)));
      return TRUE;
    }

  if (!gtk_show_uri_on_window (GTK_WINDOW (self), link, gtk_get_current_event_time (), &error))
    {
      g_warning ("Could not open %s: %s", link, error->message);
      vigie_window_show_link_error (self, link);
      return FALSE;
    }

  return TRUE;
}

static void
service_list_row_activated_cb (GtkListBox    *list,
                               GtkListBoxRow *row,
                               VigieWindow   *self)
{
  if (VIGIE_IS_SERVICE_ROW (row))
    vigie_window_open_row (self, VIGIE_SERVICE_ROW (row));
}

/* The row under the pointer gets its menu button (rows do not have one
 * until then: see vigie_service_row_add_menu_button()) */
static gboolean
service_list_motion_notify_cb (GtkWidget      *list,
                               GdkEventMotion *event,
                               VigieWindow    *self)
{
  GtkListBoxRow *row;

  /* coordinates in the list's own window (not a menu button's) */
  if (event->window != gtk_widget_get_window (list))
    return GDK_EVENT_PROPAGATE;

  row = gtk_list_box_get_row_at_y (GTK_LIST_BOX (list), (int) event->y);
  if (VIGIE_IS_SERVICE_ROW (row))
    vigie_service_row_add_menu_button (VIGIE_SERVICE_ROW (row));

  return GDK_EVENT_PROPAGATE;
}

static void
refresh_activated (GSimpleAction *action,
                   GVariant      *parameter,
                   gpointer       user_data)
{
  VigieWindow *self = user_data;

  if (vigie_monitor_is_offline (self->monitor))
    return;

  expect_polls (self, TRUE);
  vigie_monitor_refresh_now (self->monitor);
}

static void
close_activated (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  /* closing hides Vigie's window; Vigie itself goes on watching */
  gtk_window_close (GTK_WINDOW (user_data));
}

static void
show_menu_activated (GSimpleAction *action,
                     GVariant      *parameter,
                     gpointer       user_data)
{
  VigieWindow *self = user_data;

  /* F10, as GNOME applications open their primary menu */
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (self->menu_button), TRUE);
}

/* The shortcuts window is built when first asked for: GtkApplication's
 * own way builds it with every window, for 480 KiB. */
static void
show_help_overlay_activated (GSimpleAction *action,
                             GVariant      *parameter,
                             gpointer       user_data)
{
  GtkApplicationWindow *self = user_data;
  GtkShortcutsWindow *overlay = gtk_application_window_get_help_overlay (self);

  if (overlay == NULL)
    {
      g_autoptr(GtkBuilder) builder = NULL;

      builder = gtk_builder_new_from_resource (APP_PATH "/ui/help-overlay.ui");
      overlay = GTK_SHORTCUTS_WINDOW (gtk_builder_get_object (builder, "help_overlay"));
      gtk_application_window_set_help_overlay (self, overlay);
    }
  gtk_window_present (GTK_WINDOW (overlay));
}

static const GActionEntry window_actions[] = {
  { "refresh", refresh_activated, NULL, NULL, NULL },
  { "close", close_activated, NULL, NULL, NULL },
  { "show-menu", show_menu_activated, NULL, NULL, NULL },
  { "show-help-overlay", show_help_overlay_activated, NULL, NULL, NULL },
};

/* ---------------------------------------------------------------------- */
/* Banners                                                                  */

static void
banner_response_cb (GtkInfoBar *bar,
                    int         response,
                    gpointer    user_data)
{
  if (response == GTK_RESPONSE_CLOSE)
    gtk_widget_hide (GTK_WIDGET (bar));
}

/* The banners' names in the debug log, by VigieWindowBanner */
static const char * const banner_names[] = { "replay", "network", "paused", "quiet-hours", "link" };
G_STATIC_ASSERT (G_N_ELEMENTS (banner_names) == VIGIE_WINDOW_N_BANNERS);

static GtkWidget *
ensure_banner (VigieWindow       *self,
               VigieWindowBanner  kind)
{
  GtkWidget *bar;
  GtkWidget *label;
  int position = 0;

  if (self->banners[kind] != NULL)
    return self->banners[kind];

  bar = gtk_info_bar_new ();
  gtk_info_bar_set_message_type (GTK_INFO_BAR (bar), kind == VIGIE_WINDOW_BANNER_LINK
                                                       || kind == VIGIE_WINDOW_BANNER_NETWORK
                                                       ? GTK_MESSAGE_WARNING : GTK_MESSAGE_INFO);
  /* a message about one click goes when read; states stay while true */
  gtk_info_bar_set_show_close_button (GTK_INFO_BAR (bar), kind == VIGIE_WINDOW_BANNER_LINK);
  g_signal_connect (bar, "response", G_CALLBACK (banner_response_cb), NULL);

  label = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (label), 0.0);
  gtk_label_set_line_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_line_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_widget_show (label);
  gtk_container_add (GTK_CONTAINER (gtk_info_bar_get_content_area (GTK_INFO_BAR (bar))), label);
  g_object_set_data (G_OBJECT (bar), "label", label);

  gtk_container_add (GTK_CONTAINER (self->banner_box), bar);
  self->banners[kind] = bar;

  /* in the order of the enumeration, whatever order they came in */
  for (int i = 0; i < (int) kind; i++)
    if (self->banners[i] != NULL)
      position++;
  gtk_box_reorder_child (self->banner_box, bar, position);

  return bar;
}

/**
 * vigie_window_set_banner:
 * @kind: which banner
 * @text: (nullable): its text, or %NULL to hide it
 *
 * Shows a banner above the list: notifications are paused, quiet hours
 * are on, this is a replay, a link could not be opened, …  Each kind has
 * one banner, in a fixed order; setting it again replaces its text.
 */
void
vigie_window_set_banner (VigieWindow       *self,
                         VigieWindowBanner  kind,
                         const char        *text)
{
  GtkWidget *bar;
  GtkLabel *label;

  g_return_if_fail (VIGIE_IS_WINDOW (self));
  g_return_if_fail (kind < VIGIE_WINDOW_N_BANNERS);

  if (text == NULL)
    {
      if (self->banners[kind] != NULL && gtk_widget_get_visible (self->banners[kind]))
        {
          g_debug ("banner %s hidden", banner_names[kind]);
          gtk_widget_hide (self->banners[kind]);
        }
      return;
    }

  bar = ensure_banner (self, kind);
  label = g_object_get_data (G_OBJECT (bar), "label");
  if (!gtk_widget_get_visible (bar) || g_strcmp0 (gtk_label_get_text (label), text) != 0)
    g_debug ("banner %s: %s", banner_names[kind], text);
  if (g_strcmp0 (gtk_label_get_text (label), text) != 0)
    {
      gtk_label_set_text (label, text);
      /* screen readers hear what the banner says when it changes */
      atk_object_set_name (gtk_widget_get_accessible (bar), text);
    }
  gtk_widget_show (bar);
}

/**
 * vigie_window_set_banner_button:
 * @kind: which banner
 * @label: (nullable): the button's label, in header capitalisation, or
 *   %NULL for no button
 * @detailed_action: (nullable): what it activates, such as "app.quit" or
 *   "app.pause::resume"
 *
 * Gives a banner a button.  Set its text first.
 */
void
vigie_window_set_banner_button (VigieWindow       *self,
                                VigieWindowBanner  kind,
                                const char        *label,
                                const char        *detailed_action)
{
  GtkWidget *bar;
  GtkWidget *button;

  g_return_if_fail (VIGIE_IS_WINDOW (self));
  g_return_if_fail (kind < VIGIE_WINDOW_N_BANNERS);

  bar = ensure_banner (self, kind);
  button = g_object_get_data (G_OBJECT (bar), "button");

  if (label == NULL)
    {
      if (button != NULL)
        gtk_widget_hide (button);
      return;
    }

  if (button == NULL)
    {
      button = gtk_button_new ();
      gtk_info_bar_add_action_widget (GTK_INFO_BAR (bar), button, GTK_RESPONSE_NONE);
      g_object_set_data (G_OBJECT (bar), "button", button);
    }

  /* told again at every poll: change only what changed */
  if (g_strcmp0 (g_object_get_data (G_OBJECT (button), "vigie-action"), detailed_action) == 0
      && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (button)), label) == 0)
    {
      gtk_widget_show (button);
      return;
    }
  g_object_set_data_full (G_OBJECT (button), "vigie-action", g_strdup (detailed_action), g_free);

  gtk_button_set_label (GTK_BUTTON (button), label);
  if (detailed_action != NULL)
    {
      g_autofree char *name = NULL;
      g_autoptr(GVariant) target = NULL;
      g_autoptr(GError) error = NULL;

      if (!g_action_parse_detailed_name (detailed_action, &name, &target, &error))
        g_critical ("Bad action for a banner: %s", error->message);

      /* the target first: GTK 3 checks the action against the target it
       * has as soon as it is named, and warns for a parameter missing */
      gtk_actionable_set_action_target_value (GTK_ACTIONABLE (button), target);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), name);
    }
  gtk_widget_show (button);
}

/**
 * vigie_window_get_banner:
 * @kind: which banner
 *
 * Returns: (nullable): the banner's text while it is shown
 */
const char *
vigie_window_get_banner (VigieWindow       *self,
                         VigieWindowBanner  kind)
{
  g_return_val_if_fail (VIGIE_IS_WINDOW (self), NULL);
  g_return_val_if_fail (kind < VIGIE_WINDOW_N_BANNERS, NULL);

  if (self->banners[kind] == NULL || !gtk_widget_get_visible (self->banners[kind]))
    return NULL;

  return gtk_label_get_text (g_object_get_data (G_OBJECT (self->banners[kind]), "label"));
}

/**
 * vigie_window_show_link_error:
 * @uri: (nullable): the link that could not be opened
 *
 * Says, in the window, that a link could not be opened: with no web
 * browser, nothing would happen otherwise.
 */
void
vigie_window_show_link_error (VigieWindow *self,
                              const char  *uri)
{
  g_autofree char *text = NULL;

  g_return_if_fail (VIGIE_IS_WINDOW (self));

  if (uri != NULL)
    /* Translators: %s is a web address */
    text = g_strdup_printf (_("Could not open %s. Is a web browser installed?"), uri);
  else
    text = g_strdup (_("Could not open the page. Is a web browser installed?"));

  vigie_window_set_banner (self, VIGIE_WINDOW_BANNER_LINK, text);
}

/**
 * vigie_window_set_mute_notes:
 * @notes: (nullable) (element-type utf8 utf8): for each muted service's
 *   id, until when, such as "Muted until 10:30"
 *
 * Shows which services are muted; their rows' menus offer to unmute them.
 */
void
vigie_window_set_mute_notes (VigieWindow *self,
                             GHashTable  *notes)
{
  g_autoptr(GList) children = NULL;

  g_return_if_fail (VIGIE_IS_WINDOW (self));

  g_clear_pointer (&self->mute_notes, g_hash_table_unref);
  if (notes != NULL)
    self->mute_notes = g_hash_table_ref (notes);

  children = gtk_container_get_children (GTK_CONTAINER (self->service_list));
  for (GList *l = children; l != NULL; l = l->next)
    apply_mute_note (self, l->data);
}

/**
 * vigie_window_set_title:
 * @title: the window's title, such as "Vigie — Replay of 4 January 2021"
 */
void
vigie_window_set_title (VigieWindow *self,
                        const char  *title)
{
  g_return_if_fail (VIGIE_IS_WINDOW (self));
  g_return_if_fail (title != NULL);

  /* told again at every poll: change only what changed */
  if (g_strcmp0 (gtk_window_get_title (GTK_WINDOW (self)), title) != 0)
    gtk_window_set_title (GTK_WINDOW (self), title);
  if (g_strcmp0 (gtk_header_bar_get_title (self->header_bar), title) != 0)
    gtk_header_bar_set_title (self->header_bar, title);
}

static void
vigie_window_constructed (GObject *object)
{
  VigieWindow *self = (VigieWindow *) object;

  G_OBJECT_CLASS (vigie_window_parent_class)->constructed (object);

  g_assert (VIGIE_IS_MONITOR (self->monitor));

  g_signal_connect_object (self->monitor, "service-polled", G_CALLBACK (service_polled_cb),
                           self, 0);
  g_signal_connect_object (self->monitor, "notify::offline", G_CALLBACK (offline_changed_cb),
                           self, 0);
  /* a service removed in the preferences leaves at once, not at the next poll */
  g_signal_connect_object (self->monitor, "services-changed", G_CALLBACK (update_all), self,
                           G_CONNECT_SWAPPED);

  expect_polls (self, FALSE);
  update_all (self);
}

static void
vigie_window_dispose (GObject *object)
{
  VigieWindow *self = (VigieWindow *) object;

  g_clear_handle_id (&self->spinner_timeout_id, g_source_remove);
  if (self->pending != NULL)
    g_hash_table_remove_all (self->pending);
  if (self->monitor != NULL)
    g_signal_handlers_disconnect_by_data (self->monitor, self);
  g_clear_object (&self->monitor);

  G_OBJECT_CLASS (vigie_window_parent_class)->dispose (object);
}

static void
vigie_window_finalize (GObject *object)
{
  VigieWindow *self = (VigieWindow *) object;

  g_clear_pointer (&self->pending, g_hash_table_unref);
  g_clear_pointer (&self->mute_notes, g_hash_table_unref);
  g_clear_pointer (&self->shown_order, g_free);

  G_OBJECT_CLASS (vigie_window_parent_class)->finalize (object);
}

static void
vigie_window_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  VigieWindow *self = VIGIE_WINDOW (object);

  switch (prop_id)
    {
    case PROP_MONITOR:
      g_value_set_object (value, self->monitor);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
vigie_window_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  VigieWindow *self = VIGIE_WINDOW (object);

  switch (prop_id)
    {
    case PROP_MONITOR:
      self->monitor = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
vigie_window_class_init (VigieWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = vigie_window_constructed;
  object_class->dispose = vigie_window_dispose;
  object_class->finalize = vigie_window_finalize;
  object_class->get_property = vigie_window_get_property;
  object_class->set_property = vigie_window_set_property;

  properties[PROP_MONITOR] =
    g_param_spec_object ("monitor", NULL, NULL, VIGIE_TYPE_MONITOR,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, APP_PATH "/ui/vigie-window.ui");
  gtk_widget_class_bind_template_child (widget_class, VigieWindow, header_bar);
  gtk_widget_class_bind_template_child (widget_class, VigieWindow, refresh_button);
  gtk_widget_class_bind_template_child (widget_class, VigieWindow, spinner);
  gtk_widget_class_bind_template_child (widget_class, VigieWindow, menu_button);
  gtk_widget_class_bind_template_child (widget_class, VigieWindow, banner_box);
  gtk_widget_class_bind_template_child (widget_class, VigieWindow, offline_bar);
  gtk_widget_class_bind_template_child (widget_class, VigieWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, VigieWindow, scrolled_window);
  gtk_widget_class_bind_template_child (widget_class, VigieWindow, service_list);
  gtk_widget_class_bind_template_callback (widget_class, service_list_row_activated_cb);
}

static void
vigie_window_init (VigieWindow *self)
{
  self->pending = g_hash_table_new (NULL, NULL);

  g_action_map_add_action_entries (G_ACTION_MAP (self), window_actions,
                                   G_N_ELEMENTS (window_actions), self);

  vigie_window_load_style ();
  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_list_box_set_sort_func (self->service_list, sort_rows_cb, NULL, NULL);
  gtk_widget_add_events (GTK_WIDGET (self->service_list), GDK_POINTER_MOTION_MASK);
  g_signal_connect (self->service_list, "motion-notify-event",
                    G_CALLBACK (service_list_motion_notify_cb), self);

  /* keyboard focus moving down the list scrolls it */
  gtk_container_set_focus_vadjustment (GTK_CONTAINER (self->service_list),
                                       gtk_scrolled_window_get_vadjustment (self->scrolled_window));
}

/**
 * vigie_window_new:
 * @app: (nullable): the application the window belongs to
 * @monitor: the monitor whose services the window shows
 *
 * Returns: (transfer none): a new window, kept up to date with @monitor
 */
VigieWindow *
vigie_window_new (GtkApplication *app,
                  VigieMonitor   *monitor)
{
  g_return_val_if_fail (app == NULL || GTK_IS_APPLICATION (app), NULL);
  g_return_val_if_fail (VIGIE_IS_MONITOR (monitor), NULL);

  if (app != NULL)
    {
      static const char * const refresh_accels[] = { "<Primary>r", "F5", NULL };
      static const char * const close_accels[] = { "<Primary>w", NULL };
      static const char * const menu_accels[] = { "F10", NULL };
      static const char * const help_accels[] = { "<Primary>question", "<Primary>F1", NULL };

      gtk_application_set_accels_for_action (app, "win.refresh", refresh_accels);
      gtk_application_set_accels_for_action (app, "win.close", close_accels);
      gtk_application_set_accels_for_action (app, "win.show-menu", menu_accels);
      gtk_application_set_accels_for_action (app, "win.show-help-overlay", help_accels);
    }

  return g_object_new (VIGIE_TYPE_WINDOW,
                       "application", app,
                       "monitor", monitor,
                       NULL);
}

/**
 * vigie_window_get_monitor:
 *
 * Returns: (transfer none): the monitor the window shows
 */
VigieMonitor *
vigie_window_get_monitor (VigieWindow *self)
{
  g_return_val_if_fail (VIGIE_IS_WINDOW (self), NULL);

  return self->monitor;
}
