/* vigie-preferences.c: the preferences window
 *
 * Every control writes Vigie's settings at once (through VigieSettings or
 * a GSettings binding), and follows them: what is applied is the settings,
 * by vigie-settings.c, never this window.  Three pages:
 *
 *  - Services: the catalog grouped by category, searched by name, keyword
 *    or category (Ctrl+F), each tool with a switch bound to
 *    selected-services; then the custom feeds, and a form to add one: the
 *    address is read once, with the same code as every poll (a temporary
 *    VigieService: fetch, format detection, discovery of a status page's
 *    feed), and saved only when that worked, under the name the page gives
 *    itself; otherwise the reason is shown in words.
 *  - Each Service: a watched service's own alert level, and its components
 *    (the catalog's list, else the feed's live one) as check buttons bound
 *    to component-filters.
 *  - Notifications: the default alert level, recoveries, maintenances,
 *    quiet hours (days, times shown the way the user's language writes
 *    them), critical outages breaking through, start at login, the poll
 *    interval.
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vigie-preferences"

#include "config.h"

#include <glib/gi18n.h>
#include <langinfo.h>
#include <string.h>

#include "vigie-catalog.h"
#include "vigie-fetcher.h"
#include "vigie-format.h"
#include "vigie-preferences.h"
#include "vigie-window.h"

#define MINUTES_PER_DAY (24 * 60)

struct _VigiePreferences
{
  GtkWindow parent_instance;

  VigieSettings *settings;
  GSettings *gsettings;
  VigieMonitor *monitor;
  VigieFetcher *fetcher;
  GCancellable *cancellable;   /* the address being checked */
  VigieService *checking;
  VigieCatalog *catalog;       /* held while shown: the rows point into it */
  GHashTable *switches;        /* catalog id -> GtkSwitch */
  char *details_id;            /* the service shown on the details page */
  GStrv component_names;       /* the components listed for it */
  gboolean syncing;            /* widgets being set from the settings */

  /* template children */
  GtkStack *stack;
  GtkSearchEntry *search_entry;
  GtkStack *catalog_stack;
  GtkListBox *catalog_list;
  GtkFrame *custom_frame;
  GtkListBox *custom_list;
  GtkEntry *feed_entry;
  GtkSpinner *feed_spinner;
  GtkButton *add_button;
  GtkLabel *feed_message;
  GtkComboBoxText *service_combo;
  GtkComboBoxText *service_level_combo;
  GtkLabel *components_note;
  GtkFrame *components_frame;
  GtkListBox *components_list;
  GtkComboBoxText *default_level_combo;
  GtkCheckButton *recovery_check;
  GtkComboBoxText *maintenance_combo;
  GtkCheckButton *quiet_check;
  GtkWidget *days_label;
  GtkWidget *days_box;
  GtkToggleButton *day_monday;
  GtkToggleButton *day_tuesday;
  GtkToggleButton *day_wednesday;
  GtkToggleButton *day_thursday;
  GtkToggleButton *day_friday;
  GtkToggleButton *day_saturday;
  GtkToggleButton *day_sunday;
  GtkWidget *quiet_start_label;
  GtkSpinButton *quiet_start_spin;
  GtkWidget *quiet_end_label;
  GtkSpinButton *quiet_end_spin;
  GtkLabel *quiet_end_note;
  GtkCheckButton *critical_check;
  GtkCheckButton *autostart_check;
  GtkAdjustment *quiet_start_adjustment;
  GtkAdjustment *quiet_end_adjustment;
  GtkAdjustment *poll_adjustment;
  GtkWidget *poll_spin;
};

G_DEFINE_FINAL_TYPE (VigiePreferences, vigie_preferences, GTK_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_SETTINGS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static GtkToggleButton *
day_button (VigiePreferences *self,
            guint             index)
{
  GtkToggleButton *days[] = {
    self->day_monday, self->day_tuesday, self->day_wednesday, self->day_thursday,
    self->day_friday, self->day_saturday, self->day_sunday,
  };

  g_assert (index < G_N_ELEMENTS (days));
  return days[index];
}

/* ---------------------------------------------------------------------- */
/* The catalog                                                              */

static gboolean
entry_matches (const VigieCatalogEntry *entry,
               const char              *search)
{
  const char *category;

  if (search == NULL || *search == '\0')
    return TRUE;

  if (g_str_match_string (search, entry->name, TRUE)
      || g_str_match_string (search, entry->id, TRUE))
    return TRUE;

  for (guint i = 0; entry->keywords != NULL && entry->keywords[i] != NULL; i++)
    if (g_str_match_string (search, entry->keywords[i], TRUE))
      return TRUE;

  category = vigie_catalog_get_category_label (entry->category);
  return category != NULL && g_str_match_string (search, category, TRUE);
}

static const VigieCatalogEntry *
row_entry (GtkListBoxRow *row)
{
  return g_object_get_data (G_OBJECT (row), "vigie-entry");
}

static gboolean
catalog_filter_cb (GtkListBoxRow *row,
                   gpointer       user_data)
{
  VigiePreferences *self = user_data;

  return entry_matches (row_entry (row), gtk_entry_get_text (GTK_ENTRY (self->search_entry)));
}

static void
catalog_header_cb (GtkListBoxRow *row,
                   GtkListBoxRow *before,
                   gpointer       user_data)
{
  const VigieCatalogEntry *entry = row_entry (row);
  GtkWidget *header;

  if (before != NULL && g_strcmp0 (row_entry (before)->category, entry->category) == 0)
    {
      gtk_list_box_row_set_header (row, NULL);
      return;
    }

  header = gtk_label_new (vigie_catalog_get_category_label (entry->category));
  gtk_label_set_xalign (GTK_LABEL (header), 0);
  gtk_widget_set_margin_start (header, 12);
  gtk_widget_set_margin_top (header, before != NULL ? 12 : 6);
  gtk_widget_set_margin_bottom (header, 6);
  gtk_style_context_add_class (gtk_widget_get_style_context (header), "dim-label");
  {
    PangoAttrList *attributes = pango_attr_list_new ();

    pango_attr_list_insert (attributes, pango_attr_weight_new (PANGO_WEIGHT_BOLD));
    gtk_label_set_attributes (GTK_LABEL (header), attributes);
    pango_attr_list_unref (attributes);
  }
  gtk_widget_show (header);
  gtk_list_box_row_set_header (row, header);
}

static void
update_no_match (VigiePreferences *self)
{
  const char *search = gtk_entry_get_text (GTK_ENTRY (self->search_entry));
  VigieCatalog *catalog = self->catalog;
  gboolean any = FALSE;

  for (guint i = 0; i < vigie_catalog_get_n_entries (catalog) && !any; i++)
    any = entry_matches (vigie_catalog_get_entry (catalog, i), search);

  gtk_stack_set_visible_child_name (self->catalog_stack, any ? "list" : "empty");
}

static void
search_changed_cb (GtkSearchEntry   *entry,
                   VigiePreferences *self)
{
  gtk_list_box_invalidate_filter (self->catalog_list);
  gtk_list_box_invalidate_headers (self->catalog_list);
  update_no_match (self);
}

static void
stop_search_cb (GtkSearchEntry   *entry,
                VigiePreferences *self)
{
  gtk_entry_set_text (GTK_ENTRY (entry), "");
}

/* Enter in the search: on to the first tool found */
static void
search_activate_cb (GtkSearchEntry   *entry,
                    VigiePreferences *self)
{
  g_autoptr(GList) rows = gtk_container_get_children (GTK_CONTAINER (self->catalog_list));

  for (GList *l = rows; l != NULL; l = l->next)
    {
      if (gtk_widget_get_child_visible (l->data)
          && catalog_filter_cb (l->data, self))
        {
          gtk_widget_grab_focus (l->data);
          return;
        }
    }
}

static void
switch_active_cb (GtkSwitch        *toggle,
                  GParamSpec       *pspec,
                  VigiePreferences *self)
{
  const char *id = g_object_get_data (G_OBJECT (toggle), "vigie-id");

  if (self->syncing)
    return;

  vigie_settings_set_selected (self->settings, id, gtk_switch_get_active (toggle));
}

static void
catalog_row_activated_cb (GtkListBox       *list,
                          GtkListBoxRow    *row,
                          VigiePreferences *self)
{
  GtkSwitch *toggle = g_hash_table_lookup (self->switches, row_entry (row)->id);

  gtk_switch_set_active (toggle, !gtk_switch_get_active (toggle));
}

static GtkWidget *
new_catalog_row (VigiePreferences        *self,
                 const VigieCatalogEntry *entry)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *label = gtk_label_new (entry->name);
  GtkWidget *toggle = gtk_switch_new ();
  g_autofree char *name = g_strconcat ("catalog-", entry->id, NULL);

  gtk_buildable_set_name (GTK_BUILDABLE (row), name);
  g_object_set_data (G_OBJECT (row), "vigie-entry", (gpointer) entry);

  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_widget_set_valign (toggle, GTK_ALIGN_CENTER);

  /* the row is what the keyboard reaches; the switch is its state */
  gtk_widget_set_can_focus (toggle, FALSE);
  atk_object_set_name (gtk_widget_get_accessible (toggle), entry->name);
  g_object_set_data_full (G_OBJECT (toggle), "vigie-id", g_strdup (entry->id), g_free);
  g_hash_table_insert (self->switches, g_strdup (entry->id), toggle);

  gtk_container_add (GTK_CONTAINER (box), label);
  gtk_container_add (GTK_CONTAINER (box), toggle);
  gtk_container_add (GTK_CONTAINER (row), box);
  gtk_widget_show_all (row);

  return row;
}

static void
sync_selected (VigiePreferences *self)
{
  g_auto(GStrv) ids = g_settings_get_strv (self->gsettings, "selected-services");
  GHashTableIter iter;
  gpointer id;
  gpointer toggle;

  self->syncing = TRUE;
  g_hash_table_iter_init (&iter, self->switches);
  while (g_hash_table_iter_next (&iter, &id, &toggle))
    gtk_switch_set_active (toggle, g_strv_contains ((const char * const *) ids, id));
  self->syncing = FALSE;
}

static void
build_catalog (VigiePreferences *self)
{
  VigieCatalog *catalog = self->catalog;
  const char * const *categories = vigie_catalog_list_categories ();

  /* grouped by category, in the categories' order, then the catalog's */
  for (guint c = 0; categories[c] != NULL; c++)
    for (guint i = 0; i < vigie_catalog_get_n_entries (catalog); i++)
      {
        const VigieCatalogEntry *entry = vigie_catalog_get_entry (catalog, i);

        if (g_str_equal (entry->category, categories[c]))
          gtk_container_add (GTK_CONTAINER (self->catalog_list), new_catalog_row (self, entry));
      }

  for (guint i = 0; i < vigie_catalog_get_n_entries (catalog); i++)
    {
      const VigieCatalogEntry *entry = vigie_catalog_get_entry (catalog, i);

      g_signal_connect_object (g_hash_table_lookup (self->switches, entry->id), "notify::active",
                               G_CALLBACK (switch_active_cb), self, 0);
    }

  gtk_list_box_set_filter_func (self->catalog_list, catalog_filter_cb, self, NULL);
  gtk_list_box_set_header_func (self->catalog_list, catalog_header_cb, NULL, NULL);
}

/* ---------------------------------------------------------------------- */
/* Custom feeds                                                             */

static void
remove_clicked_cb (GtkButton        *button,
                   VigiePreferences *self)
{
  vigie_settings_remove_custom_feed (self->settings,
                                     g_object_get_data (G_OBJECT (button), "vigie-id"));
}

static GtkWidget *
new_custom_row (VigiePreferences *self,
                const char       *name,
                const char       *url)
{
  g_autofree char *id = vigie_settings_custom_feed_id (url);
  g_autofree char *row_name = g_strconcat ("custom-", id, NULL);
  g_autofree char *remove_name = NULL;
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *texts = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *name_label = gtk_label_new (*name != '\0' ? name : url);
  GtkWidget *url_label = gtk_label_new (url);
  GtkWidget *remove = gtk_button_new_from_icon_name ("list-remove-symbolic", GTK_ICON_SIZE_BUTTON);

  gtk_buildable_set_name (GTK_BUILDABLE (row), row_name);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_widget_set_can_focus (row, FALSE);

  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 6);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_widget_set_hexpand (texts, TRUE);
  gtk_label_set_xalign (GTK_LABEL (name_label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (name_label), PANGO_ELLIPSIZE_END);
  gtk_label_set_xalign (GTK_LABEL (url_label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (url_label), PANGO_ELLIPSIZE_MIDDLE);
  gtk_style_context_add_class (gtk_widget_get_style_context (url_label), "dim-label");

  gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
  /* Translators: tooltip of the button that removes a custom feed */
  gtk_widget_set_tooltip_text (remove, _("Stop watching this page"));
  /* Translators: accessible name of the button that removes a custom
   * feed; %s is its name */
  remove_name = g_strdup_printf (_("Remove %s"), *name != '\0' ? name : url);
  atk_object_set_name (gtk_widget_get_accessible (remove), remove_name);
  g_object_set_data_full (G_OBJECT (remove), "vigie-id", g_strdup (id), g_free);
  g_signal_connect_object (remove, "clicked", G_CALLBACK (remove_clicked_cb), self, 0);

  gtk_container_add (GTK_CONTAINER (texts), name_label);
  gtk_container_add (GTK_CONTAINER (texts), url_label);
  gtk_container_add (GTK_CONTAINER (box), texts);
  gtk_container_add (GTK_CONTAINER (box), remove);
  gtk_container_add (GTK_CONTAINER (row), box);
  gtk_widget_show_all (row);

  return row;
}

static void
build_custom_feeds (VigiePreferences *self)
{
  g_autoptr(GVariant) feeds = g_settings_get_value (self->gsettings, "custom-feeds");
  g_autoptr(GList) rows = gtk_container_get_children (GTK_CONTAINER (self->custom_list));
  GVariantIter iter;
  const char *name;
  const char *url;

  for (GList *l = rows; l != NULL; l = l->next)
    gtk_widget_destroy (l->data);

  g_variant_iter_init (&iter, feeds);
  while (g_variant_iter_next (&iter, "(&s&s)", &name, &url))
    gtk_container_add (GTK_CONTAINER (self->custom_list), new_custom_row (self, name, url));

  gtk_widget_set_visible (GTK_WIDGET (self->custom_frame), g_variant_n_children (feeds) > 0);
}

static gboolean
is_custom_feed (VigiePreferences *self,
                const char       *url)
{
  g_autoptr(GVariant) feeds = g_settings_get_value (self->gsettings, "custom-feeds");
  GVariantIter iter;
  const char *name;
  const char *old_url;

  g_variant_iter_init (&iter, feeds);
  while (g_variant_iter_next (&iter, "(&s&s)", &name, &old_url))
    if (g_str_equal (old_url, url))
      return TRUE;

  return FALSE;
}

/* What was typed, as an address: "status.example.com" means https */
static char *
normalize_address (const char *text)
{
  g_autofree char *stripped = g_strstrip (g_strdup (text));

  if (*stripped == '\0')
    return NULL;

  if (strstr (stripped, "://") == NULL)
    return g_strconcat ("https://", stripped, NULL);

  return g_steal_pointer (&stripped);
}

static void
set_message (VigiePreferences *self,
             const char       *message,
             gboolean          error)
{
  GtkStyleContext *label_style = gtk_widget_get_style_context (GTK_WIDGET (self->feed_message));
  GtkStyleContext *entry_style = gtk_widget_get_style_context (GTK_WIDGET (self->feed_entry));

  gtk_label_set_text (self->feed_message, message);
  if (error)
    {
      gtk_style_context_remove_class (label_style, "dim-label");
      gtk_style_context_add_class (label_style, "error");
      gtk_style_context_add_class (entry_style, "error");
    }
  else
    {
      gtk_style_context_remove_class (label_style, "error");
      gtk_style_context_add_class (label_style, "dim-label");
      gtk_style_context_remove_class (entry_style, "error");
    }
}

static void
update_add_button (VigiePreferences *self)
{
  g_autofree char *url = normalize_address (gtk_entry_get_text (self->feed_entry));

  gtk_widget_set_sensitive (GTK_WIDGET (self->add_button), url != NULL && self->checking == NULL);
}

static void
set_checking (VigiePreferences *self,
              VigieService     *service)
{
  g_set_object (&self->checking, service);

  gtk_widget_set_visible (GTK_WIDGET (self->feed_spinner), service != NULL);
  if (service != NULL)
    gtk_spinner_start (self->feed_spinner);
  else
    gtk_spinner_stop (self->feed_spinner);
  gtk_editable_set_editable (GTK_EDITABLE (self->feed_entry), service == NULL);
  update_add_button (self);
}

static void
check_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(VigiePreferences) self = user_data;
  VigieService *service = VIGIE_SERVICE (object);
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  const char *name;
  const char *feed;

  if (!vigie_service_poll_finish (service, result, &error))
    {
      g_autofree char *problem = NULL;

      /* the window closed, or another check began */
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || service != self->checking)
        return;

      set_checking (self, NULL);
      problem = vigie_service_dup_problem_label (service);
      /* Translators: shown under the address of a custom feed that could
       * not be read; %s says why, such as "server not found" */
      message = g_strdup_printf (_("This address cannot be watched: %s."),
                                 problem != NULL ? problem : error->message);
      set_message (self, message, TRUE);
      return;
    }

  if (service != self->checking)
    return;

  set_checking (self, NULL);

  /* the page's own name, and the feed found behind a status page */
  name = vigie_service_get_display_name (service);
  feed = vigie_service_get_feed_url (service);

  if (is_custom_feed (self, feed))
    {
      /* Translators: shown under the address of a custom feed */
      set_message (self, _("This page is already watched."), TRUE);
      return;
    }

  vigie_settings_add_custom_feed (self->settings, name, feed);
  gtk_entry_set_text (self->feed_entry, "");

  /* Translators: shown once a custom feed was checked and saved; %s is the
   * name of its page */
  message = g_strdup_printf (_("“%s” is now watched."), name);
  set_message (self, message, FALSE);
}

static void
add_feed (VigiePreferences *self)
{
  g_autofree char *url = normalize_address (gtk_entry_get_text (self->feed_entry));
  g_autoptr(VigieService) service = NULL;
  g_autofree char *id = NULL;

  if (url == NULL || self->checking != NULL)
    return;

  if (is_custom_feed (self, url))
    {
      set_message (self, _("This page is already watched."), TRUE);
      return;
    }

  id = vigie_settings_custom_feed_id (url);
  service = vigie_service_new (id, NULL, NULL, url, NULL);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  set_checking (self, service);
  /* Translators: shown while a custom feed's address is being read */
  set_message (self, _("Checking the address…"), FALSE);
  vigie_service_poll_async (service, self->fetcher, self->cancellable, check_cb,
                            g_object_ref (self));
}

static void
add_clicked_cb (GtkButton        *button,
                VigiePreferences *self)
{
  add_feed (self);
}

static void
feed_entry_activate_cb (GtkEntry         *entry,
                        VigiePreferences *self)
{
  add_feed (self);
}

static void
feed_entry_changed_cb (GtkEntry         *entry,
                       VigiePreferences *self)
{
  update_add_button (self);
}

/* ---------------------------------------------------------------------- */
/* Each service: its level and components                                  */

static void
populate_service_combo (VigiePreferences *self)
{
  g_autoptr(GPtrArray) services = vigie_settings_create_services (self->gsettings);
  GtkComboBox *combo = GTK_COMBO_BOX (self->service_combo);
  g_autofree char *active = g_strdup (gtk_combo_box_get_active_id (combo));

  self->syncing = TRUE;
  gtk_combo_box_text_remove_all (self->service_combo);
  for (guint i = 0; i < services->len; i++)
    {
      VigieService *service = g_ptr_array_index (services, i);
      VigieService *live = vigie_monitor_lookup (self->monitor, vigie_service_get_id (service));

      gtk_combo_box_text_append (self->service_combo, vigie_service_get_id (service),
                                 vigie_service_get_display_name (live != NULL ? live : service));
    }
  self->syncing = FALSE;

  if (active == NULL || !gtk_combo_box_set_active_id (combo, active))
    gtk_combo_box_set_active (combo, services->len > 0 ? 0 : -1);
}

/* The components to choose from: the catalog's list for the service, else
 * the one its feed gave; with the chosen ones that neither lists (still
 * shown, to be unchecked) */
static GStrv
dup_component_names (VigiePreferences *self,
                     const char       *service_id,
                     gboolean         *out_checked)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  const VigieCatalogEntry *entry = vigie_catalog_lookup (self->catalog, service_id);
  VigieService *live = vigie_monitor_lookup (self->monitor, service_id);
  VigieSnapshot *snapshot = live != NULL ? vigie_service_get_full_snapshot (live) : NULL;
  g_auto(GStrv) chosen = vigie_settings_dup_components (self->settings, service_id);
  g_autoptr(GPtrArray) names = g_ptr_array_new ();

  if (entry != NULL && entry->components != NULL && entry->components[0] != NULL)
    {
      for (guint i = 0; entry->components[i] != NULL; i++)
        g_ptr_array_add (names, entry->components[i]);
    }
  else if (snapshot != NULL)
    {
      GPtrArray *components = vigie_snapshot_get_components (snapshot);

      for (guint i = 0; i < components->len; i++)
        g_ptr_array_add (names, ((VigieComponent *) g_ptr_array_index (components, i))->name);
    }

  for (guint i = 0; chosen[i] != NULL; i++)
    g_ptr_array_add (names, chosen[i]);

  for (guint i = 0; i < names->len; i++)
    {
      const char *name = g_ptr_array_index (names, i);

      if (g_hash_table_add (seen, (gpointer) name))
        g_strv_builder_add (builder, name);
    }

  if (out_checked != NULL)
    *out_checked = live != NULL && vigie_service_get_last_success (live) != NULL;

  return g_strv_builder_end (builder);
}

static void
component_toggled_cb (GtkToggleButton  *check,
                      VigiePreferences *self)
{
  g_autoptr(GList) rows = NULL;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) chosen = NULL;

  if (self->syncing || self->details_id == NULL)
    return;

  rows = gtk_container_get_children (GTK_CONTAINER (self->components_list));
  for (GList *l = rows; l != NULL; l = l->next)
    {
      GtkWidget *row_check = gtk_bin_get_child (GTK_BIN (l->data));

      if (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (row_check)))
        g_strv_builder_add (builder, g_object_get_data (G_OBJECT (row_check), "vigie-name"));
    }

  chosen = g_strv_builder_end (builder);
  vigie_settings_set_components (self->settings, self->details_id, (const char * const *) chosen);
}

static void
component_row_activated_cb (GtkListBox       *list,
                            GtkListBoxRow    *row,
                            VigiePreferences *self)
{
  GtkToggleButton *check = GTK_TOGGLE_BUTTON (gtk_bin_get_child (GTK_BIN (row)));

  gtk_toggle_button_set_active (check, !gtk_toggle_button_get_active (check));
}

static void
sync_components (VigiePreferences *self)
{
  g_autoptr(GList) rows = gtk_container_get_children (GTK_CONTAINER (self->components_list));
  g_auto(GStrv) chosen = NULL;

  if (self->details_id == NULL)
    return;

  chosen = vigie_settings_dup_components (self->settings, self->details_id);
  self->syncing = TRUE;
  for (GList *l = rows; l != NULL; l = l->next)
    {
      GtkWidget *check = gtk_bin_get_child (GTK_BIN (l->data));
      const char *name = g_object_get_data (G_OBJECT (check), "vigie-name");

      gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (check),
                                    g_strv_contains ((const char * const *) chosen, name));
    }
  self->syncing = FALSE;
}

static void
build_components (VigiePreferences *self)
{
  g_autoptr(GList) rows = gtk_container_get_children (GTK_CONTAINER (self->components_list));
  gboolean checked = FALSE;

  for (GList *l = rows; l != NULL; l = l->next)
    gtk_widget_destroy (l->data);
  g_clear_pointer (&self->component_names, g_strfreev);

  if (self->details_id == NULL)
    {
      gtk_widget_set_visible (GTK_WIDGET (self->components_frame), FALSE);
      return;
    }

  self->component_names = dup_component_names (self, self->details_id, &checked);
  for (guint i = 0; self->component_names[i] != NULL; i++)
    {
      const char *name = self->component_names[i];
      g_autofree char *row_name = g_strconcat ("component-", name, NULL);
      GtkWidget *row = gtk_list_box_row_new ();
      /* plain text: a feed's component names are not markup, nor mnemonics */
      GtkWidget *check = gtk_check_button_new_with_label (name);

      gtk_buildable_set_name (GTK_BUILDABLE (row), row_name);
      gtk_widget_set_can_focus (row, FALSE);
      g_object_set_data_full (G_OBJECT (check), "vigie-name", g_strdup (name), g_free);
      gtk_widget_set_margin_start (check, 12);
      gtk_widget_set_margin_end (check, 12);
      gtk_widget_set_margin_top (check, 4);
      gtk_widget_set_margin_bottom (check, 4);
      g_signal_connect_object (check, "toggled", G_CALLBACK (component_toggled_cb), self, 0);
      gtk_container_add (GTK_CONTAINER (row), check);
      gtk_widget_show_all (row);
      gtk_container_add (GTK_CONTAINER (self->components_list), row);
    }

  gtk_widget_set_visible (GTK_WIDGET (self->components_frame), self->component_names[0] != NULL);

  if (self->component_names[0] != NULL)
    gtk_label_set_text (self->components_note,
                        _("Check the parts of the service you use: trouble with other parts is "
                          "left out, but an incident that names no part still counts. With none "
                          "checked, every part counts."));
  else if (checked)
    gtk_label_set_text (self->components_note,
                        _("This service’s feed lists no parts: it counts as a whole."));
  else
    gtk_label_set_text (self->components_note,
                        _("The parts of this service are listed once Vigie has checked it."));

  sync_components (self);
}

static void
sync_service_level (VigiePreferences *self)
{
  g_autofree char *level = NULL;

  if (self->details_id == NULL)
    return;

  level = vigie_settings_dup_service_level (self->settings, self->details_id);
  self->syncing = TRUE;
  gtk_combo_box_set_active_id (GTK_COMBO_BOX (self->service_level_combo),
                               level != NULL ? level : "default");
  self->syncing = FALSE;
}

static void
service_combo_changed_cb (GtkComboBox      *combo,
                          VigiePreferences *self)
{
  const char *id = gtk_combo_box_get_active_id (combo);

  if (self->syncing || g_strcmp0 (id, self->details_id) == 0)
    return;

  g_free (self->details_id);
  self->details_id = g_strdup (id);

  gtk_widget_set_sensitive (GTK_WIDGET (self->service_level_combo), id != NULL);
  sync_service_level (self);
  build_components (self);
}

static void
service_level_changed_cb (GtkComboBox      *combo,
                          VigiePreferences *self)
{
  const char *level = gtk_combo_box_get_active_id (combo);

  if (self->syncing || self->details_id == NULL || level == NULL)
    return;

  vigie_settings_set_service_level (self->settings, self->details_id,
                                    g_str_equal (level, "default") ? NULL : level);
}

/* A poll may bring the first list of a service's components */
static void
service_polled_cb (VigieMonitor     *monitor,
                   VigieService     *service,
                   VigiePreferences *self)
{
  g_auto(GStrv) names = NULL;

  if (g_strcmp0 (vigie_service_get_id (service), self->details_id) != 0)
    return;

  names = dup_component_names (self, self->details_id, NULL);
  if (self->component_names == NULL
      || !g_strv_equal ((const char * const *) names,
                        (const char * const *) self->component_names))
    build_components (self);
}

/* ---------------------------------------------------------------------- */
/* Notifications                                                            */

static gboolean
level_get_mapping (GValue   *value,
                   GVariant *variant,
                   gpointer  user_data)
{
  VigieAlertLevel level;

  if (!vigie_alert_level_from_string (g_variant_get_string (variant, NULL), &level))
    level = VIGIE_ALERT_LEVEL_ALL;

  g_value_set_string (value, vigie_alert_level_to_string (level));
  return TRUE;
}

static GVariant *
level_set_mapping (const GValue       *value,
                   const GVariantType *expected_type,
                   gpointer            user_data)
{
  const char *level = g_value_get_string (value);

  return level != NULL ? g_variant_new_string (level) : NULL;
}

static gboolean
uint_get_mapping (GValue   *value,
                  GVariant *variant,
                  gpointer  user_data)
{
  g_value_set_double (value, g_variant_get_uint32 (variant));
  return TRUE;
}

static GVariant *
uint_set_mapping (const GValue       *value,
                  const GVariantType *expected_type,
                  gpointer            user_data)
{
  double number = g_value_get_double (value);

  return g_variant_new_uint32 ((guint32) CLAMP (number + 0.5, 0, G_MAXUINT32));
}

static void
sync_days (VigiePreferences *self)
{
  guint days = g_settings_get_flags (self->gsettings, "quiet-hours-days");

  self->syncing = TRUE;
  for (guint i = 0; i < 7; i++)
    gtk_toggle_button_set_active (day_button (self, i), (days & (1u << i)) != 0);
  self->syncing = FALSE;
}

static void
day_toggled_cb (GtkToggleButton  *button,
                VigiePreferences *self)
{
  guint days = 0;

  if (self->syncing)
    return;

  /* bit i is the schema's flag of day i, Monday first */
  for (guint i = 0; i < 7; i++)
    if (gtk_toggle_button_get_active (day_button (self, i)))
      days |= 1u << i;

  g_settings_set_flags (self->gsettings, "quiet-hours-days", days);
}

static void
update_quiet_end_note (VigiePreferences *self)
{
  guint start = g_settings_get_uint (self->gsettings, "quiet-hours-start");
  guint end = g_settings_get_uint (self->gsettings, "quiet-hours-end");

  /* Translators: next to the end of quiet hours, when it is earlier than
   * their start (20:00 to 8:00) */
  gtk_label_set_text (self->quiet_end_note, end <= start ? _("the next day") : "");
}

static char *
format_minutes (guint minutes)
{
  g_autoptr(GDateTime) time = g_date_time_new_local (2000, 1, 3, (int) (minutes / 60) % 24,
                                                     (int) (minutes % 60), 0);

  /* as everywhere else: "20 h 00" in French, "8:00 PM" in en_US */
  return vigie_format_clock (time);
}

/* Whether @text says PM (or AM): in English, or as the locale writes it */
static gboolean
says_meridiem (const char *text,
               const char *english,
               nl_item     item)
{
  g_autofree char *folded = g_utf8_casefold (text, -1);
  g_autofree char *english_folded = g_utf8_casefold (english, -1);
  const char *local = nl_langinfo (item);
  g_autofree char *local_folded = local != NULL && *local != '\0'
                                    ? g_utf8_casefold (local, -1) : NULL;

  return strstr (folded, english_folded) != NULL
         || (local_folded != NULL && strstr (folded, local_folded) != NULL);
}

static gboolean
time_spin_output_cb (GtkSpinButton    *spin,
                     VigiePreferences *self)
{
  guint minutes = (guint) CLAMP (gtk_spin_button_get_value (spin), 0, MINUTES_PER_DAY - 1);
  g_autofree char *text = format_minutes (minutes);

  if (g_strcmp0 (gtk_entry_get_text (GTK_ENTRY (spin)), text) != 0)
    gtk_entry_set_text (GTK_ENTRY (spin), text);

  return TRUE;
}

/* Reads "20:30", "20 h 30", "20h30", "2030", "20", "8:30 PM" or "8 pm" */
static gint
time_spin_input_cb (GtkSpinButton    *spin,
                    double           *new_value,
                    VigiePreferences *self)
{
  const char *text = gtk_entry_get_text (GTK_ENTRY (spin));
  guint numbers[2] = { 0, 0 };
  guint lengths[2] = { 0, 0 };
  guint n = 0;
  gboolean in_number = FALSE;
  guint hours;
  guint minutes;

  for (const char *p = text; *p != '\0'; p++)
    {
      if (!g_ascii_isdigit (*p))
        {
          in_number = FALSE;
          continue;
        }

      if (!in_number)
        {
          if (n == G_N_ELEMENTS (numbers))
            return GTK_INPUT_ERROR;
          n++;
          in_number = TRUE;
        }

      if (lengths[n - 1] == 4)
        return GTK_INPUT_ERROR;
      numbers[n - 1] = numbers[n - 1] * 10 + (guint) (*p - '0');
      lengths[n - 1]++;
    }

  if (n == 0)
    return GTK_INPUT_ERROR;

  if (n == 1 && lengths[0] >= 3)
    {
      hours = numbers[0] / 100;
      minutes = numbers[0] % 100;
    }
  else
    {
      hours = numbers[0];
      minutes = numbers[1];
    }

  /* a 12-hour clock: "12:15 AM" is a quarter past midnight */
  if (hours >= 1 && hours <= 12)
    {
      if (says_meridiem (text, "pm", PM_STR))
        hours = hours % 12 + 12;
      else if (says_meridiem (text, "am", AM_STR))
        hours = hours % 12;
    }

  if (hours > 23 || minutes > 59)
    return GTK_INPUT_ERROR;

  *new_value = hours * 60 + minutes;
  return TRUE;
}

/* Shows @widget as locked by an administrator, or not (keeping its own
 * tooltip for when it is not) */
static void
set_locked (GtkWidget *widget,
            gboolean   locked)
{
  if (locked && g_object_get_data (G_OBJECT (widget), "vigie-locked") == NULL)
    {
      g_object_set_data_full (G_OBJECT (widget), "vigie-own-tooltip",
                              gtk_widget_get_tooltip_text (widget), g_free);
      g_object_set_data (G_OBJECT (widget), "vigie-locked", GINT_TO_POINTER (TRUE));
      /* Translators: tooltip of a setting locked by the system's
       * administrator (dconf lockdown) */
      gtk_widget_set_tooltip_text (widget, _("This setting is locked by your administrator"));
    }
  else if (!locked && g_object_get_data (G_OBJECT (widget), "vigie-locked") != NULL)
    {
      g_object_set_data (G_OBJECT (widget), "vigie-locked", NULL);
      gtk_widget_set_tooltip_text (widget, g_object_get_data (G_OBJECT (widget),
                                                              "vigie-own-tooltip"));
    }
}

/* Where an administrator locked a key (dconf lockdown), its widgets are
 * insensitive and say why, instead of letting a change silently fail. */
static void
update_lockdown (VigiePreferences *self)
{
  const struct
  {
    const char *key;
    GtkWidget *widget;
    gboolean quiet;      /* also needs quiet hours on */
  } widgets[] = {
    { "selected-services", GTK_WIDGET (self->catalog_list), FALSE },
    { "custom-feeds", GTK_WIDGET (self->feed_entry), FALSE },
    { "custom-feeds", GTK_WIDGET (self->add_button), FALSE },
    { "custom-feeds", GTK_WIDGET (self->custom_list), FALSE },
    { "component-filters", GTK_WIDGET (self->components_list), FALSE },
    { "alert-levels", GTK_WIDGET (self->service_level_combo), FALSE },
    { "default-alert-level", GTK_WIDGET (self->default_level_combo), FALSE },
    { "recovery-notices", GTK_WIDGET (self->recovery_check), FALSE },
    { "maintenance-notices", GTK_WIDGET (self->maintenance_combo), FALSE },
    { "poll-interval", self->poll_spin, FALSE },
    { "start-at-login", GTK_WIDGET (self->autostart_check), FALSE },
    { "quiet-hours-enabled", GTK_WIDGET (self->quiet_check), FALSE },
    { "quiet-hours-days", self->days_label, TRUE },
    { "quiet-hours-days", self->days_box, TRUE },
    { "quiet-hours-start", self->quiet_start_label, TRUE },
    { "quiet-hours-start", GTK_WIDGET (self->quiet_start_spin), TRUE },
    { "quiet-hours-end", self->quiet_end_label, TRUE },
    { "quiet-hours-end", GTK_WIDGET (self->quiet_end_spin), TRUE },
    { "quiet-hours-end", GTK_WIDGET (self->quiet_end_note), TRUE },
    { "quiet-hours-allow-critical", GTK_WIDGET (self->critical_check), TRUE },
  };
  gboolean quiet = gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (self->quiet_check));

  for (guint i = 0; i < G_N_ELEMENTS (widgets); i++)
    {
      gboolean locked = !g_settings_is_writable (self->gsettings, widgets[i].key);

      if (widgets[i].widget == NULL)
        continue;

      set_locked (widgets[i].widget, locked);
      gtk_widget_set_sensitive (widgets[i].widget, !locked && (!widgets[i].quiet || quiet));
    }
}

static void
bind_settings (VigiePreferences *self)
{
  g_settings_bind_with_mapping (self->gsettings, "default-alert-level", self->default_level_combo,
                                "active-id", G_SETTINGS_BIND_DEFAULT, level_get_mapping,
                                level_set_mapping, NULL, NULL);
  g_settings_bind (self->gsettings, "recovery-notices", self->recovery_check, "active",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->gsettings, "maintenance-notices", self->maintenance_combo, "active-id",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->gsettings, "quiet-hours-enabled", self->quiet_check, "active",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind_with_mapping (self->gsettings, "quiet-hours-start",
                                self->quiet_start_adjustment, "value", G_SETTINGS_BIND_DEFAULT,
                                uint_get_mapping, uint_set_mapping, NULL, NULL);
  g_settings_bind_with_mapping (self->gsettings, "quiet-hours-end", self->quiet_end_adjustment,
                                "value", G_SETTINGS_BIND_DEFAULT, uint_get_mapping,
                                uint_set_mapping, NULL, NULL);
  g_settings_bind (self->gsettings, "quiet-hours-allow-critical", self->critical_check, "active",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->gsettings, "start-at-login", self->autostart_check, "active",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind_with_mapping (self->gsettings, "poll-interval", self->poll_adjustment, "value",
                                G_SETTINGS_BIND_DEFAULT, uint_get_mapping, uint_set_mapping, NULL,
                                NULL);

  /* the quiet-hours widgets follow the check box, and the lockdown */
  g_signal_connect_object (self->quiet_check, "notify::active",
                           G_CALLBACK (update_lockdown), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->gsettings, "writable-changed",
                           G_CALLBACK (update_lockdown), self, G_CONNECT_SWAPPED);

  for (guint i = 0; i < 7; i++)
    g_signal_connect_object (day_button (self, i), "toggled", G_CALLBACK (day_toggled_cb), self,
                             0);
  sync_days (self);
  update_quiet_end_note (self);
  update_lockdown (self);
}

static void
settings_changed_cb (GSettings        *settings,
                     const char       *key,
                     VigiePreferences *self)
{
  if (g_str_equal (key, "selected-services"))
    {
      sync_selected (self);
      populate_service_combo (self);
    }
  else if (g_str_equal (key, "custom-feeds"))
    {
      build_custom_feeds (self);
      populate_service_combo (self);
    }
  else if (g_str_equal (key, "component-filters"))
    {
      sync_components (self);
    }
  else if (g_str_equal (key, "alert-levels"))
    {
      sync_service_level (self);
    }
  else if (g_str_equal (key, "quiet-hours-days"))
    {
      sync_days (self);
    }
  else if (g_str_equal (key, "quiet-hours-start") || g_str_equal (key, "quiet-hours-end"))
    {
      update_quiet_end_note (self);
    }
}

/* ---------------------------------------------------------------------- */
/* The window                                                               */

static void
page_changed_cb (GtkStack         *stack,
                 GParamSpec       *pspec,
                 VigiePreferences *self)
{
  /* names may have been learnt since (a custom feed's page) */
  if (g_strcmp0 (gtk_stack_get_visible_child_name (stack), "details") == 0)
    populate_service_combo (self);
}

static void
show_page_relative (VigiePreferences *self,
                    int               delta)
{
  g_autoptr(GList) pages = gtk_container_get_children (GTK_CONTAINER (self->stack));
  int index = g_list_index (pages, gtk_stack_get_visible_child (self->stack));
  int n = (int) g_list_length (pages);

  gtk_stack_set_visible_child (self->stack,
                               g_list_nth_data (pages, (guint) ((index + delta + n) % n)));
}

static gboolean
key_press_cb (GtkWidget        *widget,
              GdkEventKey      *event,
              VigiePreferences *self)
{
  GdkModifierType modifiers = event->state & gtk_accelerator_get_default_mod_mask ();

  if (modifiers == GDK_CONTROL_MASK && (event->keyval == GDK_KEY_f || event->keyval == GDK_KEY_F))
    {
      gtk_stack_set_visible_child_name (self->stack, "services");
      gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
      return GDK_EVENT_STOP;
    }

  if (modifiers == GDK_CONTROL_MASK && (event->keyval == GDK_KEY_w || event->keyval == GDK_KEY_W))
    {
      gtk_window_close (GTK_WINDOW (self));
      return GDK_EVENT_STOP;
    }

  if (modifiers == GDK_CONTROL_MASK && event->keyval == GDK_KEY_Page_Down)
    {
      show_page_relative (self, 1);
      return GDK_EVENT_STOP;
    }

  if (modifiers == GDK_CONTROL_MASK && event->keyval == GDK_KEY_Page_Up)
    {
      show_page_relative (self, -1);
      return GDK_EVENT_STOP;
    }

  /* Escape closes, unless the search has something to clear first */
  if (modifiers == 0 && event->keyval == GDK_KEY_Escape)
    {
      if (gtk_widget_has_focus (GTK_WIDGET (self->search_entry))
          && *gtk_entry_get_text (GTK_ENTRY (self->search_entry)) != '\0')
        return GDK_EVENT_PROPAGATE;

      gtk_window_close (GTK_WINDOW (self));
      return GDK_EVENT_STOP;
    }

  return GDK_EVENT_PROPAGATE;
}

static void
vigie_preferences_constructed (GObject *object)
{
  VigiePreferences *self = (VigiePreferences *) object;

  G_OBJECT_CLASS (vigie_preferences_parent_class)->constructed (object);

  g_assert (VIGIE_IS_SETTINGS (self->settings));
  g_assert (G_IS_SETTINGS (self->gsettings));

  self->monitor = g_object_ref (vigie_settings_get_monitor (self->settings));
  self->catalog = vigie_catalog_dup_default ();

  build_catalog (self);
  sync_selected (self);
  build_custom_feeds (self);
  bind_settings (self);
  populate_service_combo (self);

  g_signal_connect_object (self->gsettings, "changed", G_CALLBACK (settings_changed_cb), self, 0);
  g_signal_connect_object (self->monitor, "service-polled", G_CALLBACK (service_polled_cb), self,
                           0);
}

static void
vigie_preferences_dispose (GObject *object)
{
  VigiePreferences *self = (VigiePreferences *) object;

  g_cancellable_cancel (self->cancellable);
  if (self->monitor != NULL)
    g_signal_handlers_disconnect_by_data (self->monitor, self);
  if (self->gsettings != NULL)
    g_signal_handlers_disconnect_by_data (self->gsettings, self);
  g_clear_object (&self->checking);
  g_clear_object (&self->monitor);

  G_OBJECT_CLASS (vigie_preferences_parent_class)->dispose (object);
}

static void
vigie_preferences_finalize (GObject *object)
{
  VigiePreferences *self = (VigiePreferences *) object;

  g_clear_object (&self->settings);
  g_clear_object (&self->gsettings);
  g_clear_object (&self->fetcher);
  g_clear_object (&self->catalog);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->switches, g_hash_table_unref);
  g_clear_pointer (&self->details_id, g_free);
  g_clear_pointer (&self->component_names, g_strfreev);

  G_OBJECT_CLASS (vigie_preferences_parent_class)->finalize (object);
}

static void
vigie_preferences_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  VigiePreferences *self = VIGIE_PREFERENCES (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      g_value_set_object (value, self->settings);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
vigie_preferences_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  VigiePreferences *self = VIGIE_PREFERENCES (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      self->settings = g_value_dup_object (value);
      if (self->settings != NULL && vigie_settings_get_gsettings (self->settings) != NULL)
        self->gsettings = g_object_ref (vigie_settings_get_gsettings (self->settings));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
vigie_preferences_class_init (VigiePreferencesClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = vigie_preferences_constructed;
  object_class->dispose = vigie_preferences_dispose;
  object_class->finalize = vigie_preferences_finalize;
  object_class->get_property = vigie_preferences_get_property;
  object_class->set_property = vigie_preferences_set_property;

  properties[PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, NULL, VIGIE_TYPE_SETTINGS,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               APP_PATH "/ui/vigie-preferences.ui");
#define BIND(name) gtk_widget_class_bind_template_child (widget_class, VigiePreferences, name)
  BIND (stack);
  BIND (search_entry);
  BIND (catalog_stack);
  BIND (catalog_list);
  BIND (custom_frame);
  BIND (custom_list);
  BIND (feed_entry);
  BIND (feed_spinner);
  BIND (add_button);
  BIND (feed_message);
  BIND (service_combo);
  BIND (service_level_combo);
  BIND (components_note);
  BIND (components_frame);
  BIND (components_list);
  BIND (default_level_combo);
  BIND (recovery_check);
  BIND (maintenance_combo);
  BIND (quiet_check);
  BIND (days_label);
  BIND (days_box);
  BIND (day_monday);
  BIND (day_tuesday);
  BIND (day_wednesday);
  BIND (day_thursday);
  BIND (day_friday);
  BIND (day_saturday);
  BIND (day_sunday);
  BIND (quiet_start_label);
  BIND (quiet_start_spin);
  BIND (quiet_end_label);
  BIND (quiet_end_spin);
  BIND (quiet_end_note);
  BIND (critical_check);
  BIND (autostart_check);
  BIND (quiet_start_adjustment);
  BIND (quiet_end_adjustment);
  BIND (poll_adjustment);
  BIND (poll_spin);
#undef BIND

  gtk_widget_class_bind_template_callback (widget_class, key_press_cb);
  gtk_widget_class_bind_template_callback (widget_class, page_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, stop_search_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, catalog_row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, feed_entry_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, feed_entry_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, add_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, service_combo_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, service_level_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, component_row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, time_spin_output_cb);
  gtk_widget_class_bind_template_callback (widget_class, time_spin_input_cb);
}

static void
vigie_preferences_init (VigiePreferences *self)
{
  self->switches = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->fetcher = vigie_fetcher_new ();
  self->cancellable = g_cancellable_new ();

  /* the spinner's image, a PNG (see vigie-window.css) */
  vigie_window_load_style ();
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * vigie_preferences_new:
 * @app: (nullable): the application the window belongs to
 * @settings: the settings the window shows and writes (with a GSettings)
 *
 * Returns: (transfer none): a new preferences window
 */
VigiePreferences *
vigie_preferences_new (GtkApplication *app,
                       VigieSettings  *settings)
{
  g_return_val_if_fail (app == NULL || GTK_IS_APPLICATION (app), NULL);
  g_return_val_if_fail (VIGIE_IS_SETTINGS (settings), NULL);
  g_return_val_if_fail (vigie_settings_get_gsettings (settings) != NULL, NULL);

  return g_object_new (VIGIE_TYPE_PREFERENCES,
                       "application", app,
                       "settings", settings,
                       NULL);
}

VigieSettings *
vigie_preferences_get_settings (VigiePreferences *self)
{
  g_return_val_if_fail (VIGIE_IS_PREFERENCES (self), NULL);

  return self->settings;
}
