/* vigie-window.c: the main window, a list of the watched services
 *
 * The window only reads the monitor's state: one row per service, the
 * overall state in the header bar, a banner while there is no network.
 * It follows the monitor through its "service-polled" signal and its
 * "offline" property, and its refresh button asks for a check at once; its
 * preferences button activates the application's "app.preferences".
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vigie-window"

#include "config.h"

#include <glib/gi18n.h>

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

  /* template children */
  GtkHeaderBar *header_bar;
  GtkButton *refresh_button;
  GtkSpinner *spinner;
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

static void
load_css (void)
{
  static gboolean loaded;
  g_autoptr(GtkCssProvider) provider = NULL;
  GdkScreen *screen = gdk_screen_get_default ();

  if (loaded || screen == NULL)
    return;
  loaded = TRUE;

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

/* TRUE if the rows show exactly the monitor's services, in its order */
static gboolean
rows_match_services (VigieWindow *self)
{
  GPtrArray *services = vigie_monitor_get_services (self->monitor);
  g_autoptr(GList) children = gtk_container_get_children (GTK_CONTAINER (self->service_list));
  guint i = 0;

  for (GList *l = children; l != NULL; l = l->next, i++)
    if (i >= services->len
        || vigie_service_row_get_service (l->data) != g_ptr_array_index (services, i))
      return FALSE;

  return i == services->len;
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
      gtk_container_add (GTK_CONTAINER (self->service_list), GTK_WIDGET (row));
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

      for (GList *l = children; l != NULL; l = l->next)
        vigie_service_row_update (l->data, offline);
    }

  gtk_stack_set_visible_child_name (self->stack,
                                    vigie_monitor_get_services (self->monitor)->len > 0
                                    ? "services" : "empty");
  gtk_widget_set_visible (GTK_WIDGET (self->offline_bar), offline);
  update_header (self);
  update_spinner (self);
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
      vigie_service_row_update (row, vigie_monitor_is_offline (monitor));
      update_header (self);
      update_spinner (self);
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

static void
list_header_cb (GtkListBoxRow *row,
                GtkListBoxRow *before,
                gpointer       user_data)
{
  GtkWidget *separator;

  if (before == NULL)
    {
      gtk_list_box_row_set_header (row, NULL);
      return;
    }

  if (gtk_list_box_row_get_header (row) != NULL)
    return;

  separator = gtk_separator_new (GTK_ORIENTATION_HORIZONTAL);
  gtk_widget_show (separator);
  gtk_list_box_row_set_header (row, separator);
}

static void
service_list_row_activated_cb (GtkListBox    *list,
                               GtkListBoxRow *row,
                               VigieWindow   *self)
{
  if (VIGIE_IS_SERVICE_ROW (row))
    vigie_service_row_open_link (VIGIE_SERVICE_ROW (row));
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

static const GActionEntry window_actions[] = {
  { "refresh", refresh_activated, NULL, NULL, NULL },
};

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

  load_css ();
  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_list_box_set_header_func (self->service_list, list_header_cb, NULL, NULL);

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

      gtk_application_set_accels_for_action (app, "win.refresh", refresh_accels);
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
