/* vigie-service-row.c: one service in the main window's list
 *
 * A row shows a service's state icon, name and state in words, when it was
 * last checked, and, when something is wrong, the open incidents (title and
 * latest update), the maintenance in progress, why the feed cannot be read,
 * or that the last check failed.  Every text from a feed goes into a
 * GtkLabel as plain text, never as markup, and the only links opened are
 * https: (or http: on this machine).
 *
 * Rows are many and mostly calm, so they stay light: built in code rather
 * than from a GtkBuilder template, one label for the name,
 * the state and the time, no separator widget
 * (the list's CSS draws the lines), no link button (activating the row
 * opens the status page; its menu says so too), the details and the stale
 * note only exist for services that have some, the menu button only in
 * rows pointed at or focused, the actions menu is built when it is opened,
 * accessible objects when a screen reader asks, and an update only
 * touches what changed: a poll that changes nothing rewrites the
 * "checked at" text alone.
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vigie-service-row"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "vigie-format.h"
#include "vigie-service-row.h"
#include "vigie-text.h"

/* Beyond this many open incidents, a row only counts the others: the
 * status page has them all. */
#define MAX_INCIDENTS_SHOWN 3
/* Lines of an incident's latest update before it is ellipsized */
#define UPDATE_LINES 4

/* Grid rows below the name and state */
#define DETAILS_ROW 2
#define STALE_ROW 3

/* The menu button's room, kept by the grid's end margin in the rows that
 * do not have it yet: the texts do not move when it comes */
#define MENU_BUTTON_WIDTH 34
#define MENU_COLUMN_SPACING 12
#define GRID_MARGIN_END 6

/* The state icon, drawn by the row rather than a GtkImage in each: its
 * size, and its place from the row's start edge and top */
#define ICON_SIZE 24
#define ICON_MARGIN 12
#define ICON_TOP 10

struct _VigieServiceRow
{
  GtkListBoxRow parent_instance;

  VigieService *service;
  char *link;
  char *mute_note;              /* "Muted until 10:30", or NULL */

  /* what is shown, to change only what changed */
  int shown_state;              /* -1 before the first update */
  char *shown_state_text;
  char *shown_checked_text;
  char *shown_accessible_name;
  char *shown_details;          /* the details' texts, joined */
  char *shown_stale;
  gboolean accessible_named;    /* the accessible object exists and has its name */

  /* children */
  GtkLabel *summary_label;      /* name, then state and when it was checked */
  char *icon_name;              /* the state icon, drawn by the row */

  /* created when first needed */
  GtkGrid *grid;
  GtkWidget *menu_button;
  GtkWidget *popover;
  GtkWidget *details_box;
  GtkLabel *stale_label;
};

G_DEFINE_FINAL_TYPE (VigieServiceRow, vigie_service_row, GTK_TYPE_LIST_BOX_ROW)

enum {
  PROP_0,
  PROP_SERVICE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static GtkGrid *ensure_grid (VigieServiceRow *self);
static void     set_margins (GtkWidget       *child,
                             gboolean         has_button);

/* The states, in the order of VigieSeverity, then offline */
static const char * const state_classes[] = {
  "vigie-operational", "vigie-maintenance", "vigie-minor", "vigie-major", "vigie-critical",
  "vigie-unknown", "vigie-offline",
};
#define OFFLINE_STATE (G_N_ELEMENTS (state_classes) - 1)

/* A time alone for today, else a date and a time: the sentence around
 * them differs ("at 10:30", "on November 28, 10:30") */
static gboolean
is_today (GDateTime *time,
          GDateTime *now)
{
  g_autoptr(GDateTime) local = g_date_time_to_local (time);
  g_autoptr(GDateTime) local_now = g_date_time_to_local (now);

  return g_date_time_get_year (local) == g_date_time_get_year (local_now)
         && g_date_time_get_day_of_year (local) == g_date_time_get_day_of_year (local_now);
}

/* The date of @time unless it is @now's day, with its year unless it is
 * @now's year; NULL for today */
static char *
dup_date_unless_today (GDateTime *time,
                       GDateTime *now)
{
  g_autoptr(GDateTime) local = NULL;
  g_autoptr(GDateTime) local_now = NULL;

  if (is_today (time, now))
    return NULL;

  local = g_date_time_to_local (time);
  local_now = g_date_time_to_local (now);
  return vigie_format_date (time, g_date_time_get_year (local)
                                    != g_date_time_get_year (local_now));
}

static GtkWidget *
plain_label (const char *text,
             gboolean    dim)
{
  GtkWidget *label = gtk_label_new (NULL);

  /* gtk_label_set_text(): feed text is never parsed as markup */
  gtk_label_set_use_markup (GTK_LABEL (label), FALSE);
  gtk_label_set_text (GTK_LABEL (label), text);
  gtk_label_set_xalign (GTK_LABEL (label), 0.0);
  gtk_label_set_line_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_line_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  /* wrapping labels ask for their natural width; keep rows from widening
   * the window for one long line, and from holding a narrow one wide */
  gtk_label_set_width_chars (GTK_LABEL (label), 12);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 60);
  if (dim)
    gtk_style_context_add_class (gtk_widget_get_style_context (label), "dim-label");
  gtk_widget_show (label);

  return label;
}

static void
set_label_weight (GtkWidget   *label,
                  PangoWeight  weight)
{
  g_autoptr(PangoAttrList) attributes = pango_attr_list_new ();

  pango_attr_list_insert (attributes, pango_attr_weight_new (weight));
  gtk_label_set_attributes (GTK_LABEL (label), attributes);
}

/* ---------------------------------------------------------------------- */
/* Details: what is wrong, in a few lines                                   */

typedef enum
{
  DETAIL_PROBLEM,          /* why the feed cannot be read */
  DETAIL_TITLE,            /* an incident's title: starts a new incident */
  DETAIL_UPDATE,           /* its latest update */
  DETAIL_WHEN,             /* when it was updated, or until when it lasts */
  DETAIL_MORE,             /* "And 2 more incidents on the status page" */
} DetailKind;

static void
add_detail (GString    *details,
            DetailKind  kind,
            const char *text)
{
  /* one record per line: its kind, then its text (feed text holds no
   * control characters) */
  g_string_append_c (details, (char) ('0' + kind));
  g_string_append (details, text);
  g_string_append_c (details, '\x1e');
}

static void
add_incident_details (GString             *details,
                      const VigieIncident *incident,
                      gboolean             is_maintenance,
                      GDateTime           *now)
{
  add_detail (details, DETAIL_TITLE, incident->title != NULL ? incident->title : "");

  if (incident->latest_update != NULL && *incident->latest_update != '\0')
    add_detail (details, DETAIL_UPDATE, incident->latest_update);

  if (is_maintenance && incident->scheduled_until != NULL)
    {
      g_autofree char *text = vigie_format_until (incident->scheduled_until, now);

      add_detail (details, DETAIL_WHEN, text);
    }
  else if (incident->updated_at != NULL)
    {
      g_autofree char *clock = vigie_format_clock (incident->updated_at);
      g_autofree char *date = dup_date_unless_today (incident->updated_at, now);
      g_autofree char *text = NULL;

      if (date == NULL)
        /* Translators: when the vendor last updated an incident; %s is a
         * local time such as "14:32"; French: "Mis à jour à %s" */
        text = g_strdup_printf (_("Updated at %s"), clock);
      else
        /* Translators: when the vendor last updated an incident; %1$s is a
         * date such as "November 28", %2$s a time of day; French: "Mis à
         * jour le %1$s à %2$s" */
        text = g_strdup_printf (_("Updated on %1$s, %2$s"), date, clock);

      add_detail (details, DETAIL_WHEN, text);
    }
}

/* The details to show, as records (see add_detail()); empty for none */
static char *
dup_details (VigieServiceRow *self,
             GDateTime       *now)
{
  VigieSnapshot *snapshot = vigie_service_get_snapshot (self->service);
  VigieSeverity severity = vigie_service_get_severity (self->service);
  g_autofree char *problem = vigie_service_dup_problem_label (self->service);
  g_autoptr(GString) details = g_string_new (NULL);
  guint shown = 0;

  /* why the state is unknown, unless it simply was not checked yet (the
   * time label says so) */
  if (problem != NULL && vigie_service_get_last_checked (self->service) != NULL)
    {
      /* Translators: %s says why, such as "server not found" or "no answer
       * in time"; French: "Impossible de lire l’état : %s" with a no-break
       * space before the colon */
      g_autofree char *text = g_strdup_printf (_("Cannot read the status: %s"), problem);

      add_detail (details, DETAIL_PROBLEM, text);
      shown++;
    }

  if (snapshot != NULL)
    {
      GPtrArray *incidents = vigie_snapshot_get_incidents (snapshot);
      GPtrArray *maintenances = vigie_snapshot_get_maintenances (snapshot);
      guint n_incidents = incidents != NULL ? incidents->len : 0;

      for (guint i = 0; i < n_incidents && i < MAX_INCIDENTS_SHOWN; i++)
        {
          add_incident_details (details, g_ptr_array_index (incidents, i), FALSE, now);
          shown++;
        }

      if (n_incidents > MAX_INCIDENTS_SHOWN)
        {
          guint more = n_incidents - MAX_INCIDENTS_SHOWN;
          g_autofree char *text = g_strdup_printf (ngettext ("And %u more incident on the "
                                                             "status page",
                                                             "And %u more incidents on the "
                                                             "status page",
                                                             more),
                                                   more);

          add_detail (details, DETAIL_MORE, text);
        }

      /* maintenances matter while they run; announced ones would crowd
       * the list */
      if (severity == VIGIE_SEVERITY_MAINTENANCE && maintenances != NULL)
        for (guint i = 0; i < maintenances->len && shown < MAX_INCIDENTS_SHOWN; i++)
          {
            const VigieIncident *maintenance = g_ptr_array_index (maintenances, i);

            if (!vigie_incident_is_running (maintenance, now))
              continue;

            add_incident_details (details, maintenance, TRUE, now);
            shown++;
          }
    }

  return g_string_free (g_steal_pointer (&details), FALSE);
}

static void
build_details (VigieServiceRow *self,
               const char      *details)
{
  g_auto(GStrv) records = g_strsplit (details, "\x1e", -1);
  GtkWidget *incident = NULL;

  for (guint i = 0; records[i] != NULL && records[i][0] != '\0'; i++)
    {
      DetailKind kind = (DetailKind) (records[i][0] - '0');
      const char *text = records[i] + 1;
      GtkWidget *label;

      switch (kind)
        {
        case DETAIL_PROBLEM:
          label = plain_label (text, FALSE);
          gtk_style_context_add_class (gtk_widget_get_style_context (label), "vigie-problem");
          gtk_container_add (GTK_CONTAINER (self->details_box), label);
          incident = NULL;
          break;

        case DETAIL_TITLE:
          incident = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
          gtk_style_context_add_class (gtk_widget_get_style_context (incident), "vigie-incident");
          gtk_widget_show (incident);
          gtk_container_add (GTK_CONTAINER (self->details_box), incident);

          label = plain_label (text, FALSE);
          set_label_weight (label, PANGO_WEIGHT_SEMIBOLD);
          gtk_style_context_add_class (gtk_widget_get_style_context (label),
                                       "vigie-incident-title");
          gtk_container_add (GTK_CONTAINER (incident), label);
          break;

        case DETAIL_UPDATE:
          label = plain_label (text, FALSE);
          /* a long update is cut, the status page has the rest */
          gtk_label_set_lines (GTK_LABEL (label), UPDATE_LINES);
          gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
          gtk_style_context_add_class (gtk_widget_get_style_context (label),
                                       "vigie-incident-update");
          gtk_container_add (GTK_CONTAINER (incident != NULL ? incident : self->details_box),
                             label);
          break;

        case DETAIL_WHEN:
          label = plain_label (text, TRUE);
          gtk_container_add (GTK_CONTAINER (incident != NULL ? incident : self->details_box),
                             label);
          break;

        case DETAIL_MORE:
        default:
          gtk_container_add (GTK_CONTAINER (self->details_box), plain_label (text, TRUE));
          incident = NULL;
          break;
        }
    }
}

static void
update_details (VigieServiceRow *self,
                GDateTime       *now)
{
  g_autofree char *details = dup_details (self, now);

  if (g_strcmp0 (details, self->shown_details != NULL ? self->shown_details : "") == 0)
    return;

  g_free (self->shown_details);
  self->shown_details = g_strdup (details);

  if (self->details_box != NULL)
    {
      g_autoptr(GList) children = gtk_container_get_children (GTK_CONTAINER (self->details_box));

      for (GList *l = children; l != NULL; l = l->next)
        gtk_widget_destroy (l->data);
    }

  if (*details == '\0')
    {
      if (self->details_box != NULL)
        gtk_widget_hide (self->details_box);
      return;
    }

  if (self->details_box == NULL)
    {
      self->details_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 8);
      /* named as template children are, for the tests */
      gtk_buildable_set_name (GTK_BUILDABLE (self->details_box), "details_box");
      gtk_widget_set_margin_top (self->details_box, 4);
      gtk_grid_attach (ensure_grid (self), self->details_box, 1, DETAILS_ROW, 2, 1);
    }

  build_details (self, details);
  gtk_widget_show (self->details_box);
}

static char *
dup_stale_text (VigieServiceRow *self,
                GDateTime       *now,
                gboolean         offline)
{
  GDateTime *last_success = vigie_service_get_last_success (self->service);
  g_autofree char *clock = NULL;
  g_autofree char *date = NULL;

  /* unknown already says why; stale means "older than it looks"; offline,
   * the window's banner says it once for every row */
  if (offline || !vigie_service_is_stale (self->service)
      || vigie_service_get_severity (self->service) == VIGIE_SEVERITY_UNKNOWN)
    return NULL;

  if (last_success == NULL)
    return g_strdup (_("The last check failed: this state may be out of date"));

  clock = vigie_format_clock (last_success);
  date = dup_date_unless_today (last_success, now);
  if (date == NULL)
    /* Translators: shown under a service whose last check failed; %s
     * is the local time of the last good check, such as "10:30";
     * French: "La dernière vérification a échoué : état à %s" with a
     * no-break space before the colon */
    return g_strdup_printf (_("The last check failed: this is the state at %s"), clock);

  /* Translators: as above, but %1$s is a date such as "November 28" and
   * %2$s a time of day; French: "La dernière vérification a échoué : état
   * du %1$s à %2$s" with a no-break space before the colon */
  return g_strdup_printf (_("The last check failed: this is the state on %1$s, %2$s"), date,
                          clock);
}

static void
update_stale (VigieServiceRow *self,
              GDateTime       *now,
              gboolean         offline)
{
  g_autofree char *text = dup_stale_text (self, now, offline);

  if (g_strcmp0 (text, self->shown_stale) == 0)
    return;

  g_free (self->shown_stale);
  self->shown_stale = g_strdup (text);

  if (text == NULL)
    {
      if (self->stale_label != NULL)
        gtk_widget_hide (GTK_WIDGET (self->stale_label));
      return;
    }

  if (self->stale_label == NULL)
    {
      g_autoptr(PangoAttrList) attributes = pango_attr_list_new ();
      GtkWidget *label = plain_label (text, TRUE);

      gtk_buildable_set_name (GTK_BUILDABLE (label), "stale_label");
      gtk_style_context_add_class (gtk_widget_get_style_context (label), "vigie-stale");
      pango_attr_list_insert (attributes, pango_attr_style_new (PANGO_STYLE_ITALIC));
      gtk_label_set_attributes (GTK_LABEL (label), attributes);
      gtk_grid_attach (ensure_grid (self), label, 1, STALE_ROW, 2, 1);
      self->stale_label = GTK_LABEL (label);
    }

  gtk_label_set_text (self->stale_label, text);
  gtk_widget_show (GTK_WIDGET (self->stale_label));
}

static void
update_link (VigieServiceRow *self)
{
  const char *page = vigie_service_get_status_page (self->service);
  gboolean fetchable = vigie_link_is_fetchable (page);

  if (g_strcmp0 (fetchable ? page : NULL, self->link) != 0)
    {
      g_free (self->link);
      self->link = fetchable ? g_strdup (page) : NULL;
    }

  if (gtk_list_box_row_get_activatable (GTK_LIST_BOX_ROW (self)) != fetchable)
    gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (self), fetchable);
}

/* ---------------------------------------------------------------------- */
/* The actions menu                                                         */

/**
 * vigie_service_row_create_menu:
 *
 * Returns: (transfer full): the row's actions menu, for the service's
 *   current state
 */
GMenuModel *
vigie_service_row_create_menu (VigieServiceRow *self)
{
  g_autoptr(GMenu) menu = g_menu_new ();
  g_autoptr(GMenu) mute = g_menu_new ();
  const char *id = vigie_service_get_id (self->service);

  g_return_val_if_fail (VIGIE_IS_SERVICE_ROW (self), NULL);

  /* the application's own actions: the tray, the window and D-Bus take
   * one path */
  if (self->link != NULL)
    {
      g_autoptr(GMenuItem) item = NULL;

      /* Translators: a service's menu in the window; opens its current
       * incident, else its status page */
      item = g_menu_item_new (_("Open Status Page"), NULL);
      g_menu_item_set_action_and_target_value (item, "app.open-service",
                                               g_variant_new_string (id));
      g_menu_append_item (menu, item);
    }

  if (self->mute_note != NULL)
    {
      g_autoptr(GMenuItem) item = NULL;

      /* Translators: a service's menu in the window */
      item = g_menu_item_new (_("Unmute"), NULL);
      g_menu_item_set_action_and_target_value (item, "app.mute", g_variant_new ("(ss)", id, "off"));
      g_menu_append_item (mute, item);
    }
  else
    {
      g_autoptr(GMenuItem) hour = NULL;

      /* Translators: a service's menu in the window, as on a notification */
      hour = g_menu_item_new (_("Mute for 1 Hour"), NULL);
      g_menu_item_set_action_and_target_value (hour, "app.mute",
                                               g_variant_new ("(ss)", id, "hour"));
      g_menu_append_item (mute, hour);

      /* until its trouble ends: only while there is one */
      if (vigie_severity_is_trouble (vigie_service_get_severity (self->service)))
        {
          g_autoptr(GMenuItem) resolved = NULL;

          /* Translators: a service's menu in the window, as on a
           * notification: no notification of it until its current trouble
           * ends */
          resolved = g_menu_item_new (_("Mute Until Resolved"), NULL);
          g_menu_item_set_action_and_target_value (resolved, "app.mute",
                                                   g_variant_new ("(ss)", id, "resolved"));
          g_menu_append_item (mute, resolved);
        }
    }

  g_menu_append_section (menu, NULL, G_MENU_MODEL (mute));
  return G_MENU_MODEL (g_steal_pointer (&menu));
}

/**
 * vigie_service_row_popup_menu:
 *
 * Opens the row's actions menu (open, mute, unmute), built for the
 * service's current state.  The popover exists once the menu was opened:
 * rows never opened carry none.
 *
 * Returns: (transfer none): the menu's popover
 */
GtkWidget *
vigie_service_row_popup_menu (VigieServiceRow *self)
{
  g_autoptr(GMenuModel) menu = NULL;

  g_return_val_if_fail (VIGIE_IS_SERVICE_ROW (self), NULL);

  menu = vigie_service_row_create_menu (self);
  if (self->popover == NULL)
    self->popover = gtk_popover_new_from_model (self->menu_button != NULL
                                                ? self->menu_button : GTK_WIDGET (self),
                                                menu);
  else
    gtk_popover_bind_model (GTK_POPOVER (self->popover), menu, NULL);
  gtk_popover_popup (GTK_POPOVER (self->popover));

  return self->popover;
}

static void
menu_button_clicked_cb (GtkButton       *button,
                        VigieServiceRow *self)
{
  vigie_service_row_popup_menu (self);
}

/**
 * vigie_service_row_add_menu_button:
 *
 * Gives the row its menu button, if it has none yet.  Rows are many and
 * a button (with its image) costs memory in each: the window adds it to
 * the rows the pointer goes over, and a row to itself when it takes the
 * keyboard focus.  The menu also opens with Shift+F10 or the Menu key on
 * a row, button or not.
 */
void
vigie_service_row_add_menu_button (VigieServiceRow *self)
{
  GtkWidget *button;
  GtkWidget *image;

  g_return_if_fail (VIGIE_IS_SERVICE_ROW (self));

  if (self->menu_button != NULL)
    return;

  button = gtk_button_new ();
  /* named as template children are, for the tests */
  gtk_buildable_set_name (GTK_BUILDABLE (button), "menu_button");
  gtk_widget_set_can_focus (button, TRUE);
  gtk_widget_set_receives_default (button, FALSE);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_size_request (button, MENU_BUTTON_WIDTH, -1);
  gtk_button_set_relief (GTK_BUTTON (button), GTK_RELIEF_NONE);
  gtk_widget_set_tooltip_text (button, _("Open, mute or unmute this service"));
  atk_object_set_name (gtk_widget_get_accessible (button), _("Service menu"));
  image = gtk_image_new_from_icon_name ("view-more-symbolic", GTK_ICON_SIZE_BUTTON);
  gtk_widget_show (image);
  gtk_container_add (GTK_CONTAINER (button), image);
  g_signal_connect_object (button, "clicked", G_CALLBACK (menu_button_clicked_cb), self, 0);

  set_margins (GTK_WIDGET (ensure_grid (self)), TRUE);
  gtk_grid_attach (self->grid, button, 3, 0, 1, 2);
  gtk_widget_show (button);
  self->menu_button = button;

  if (self->popover != NULL)
    gtk_popover_set_relative_to (GTK_POPOVER (self->popover), button);
}

static gboolean
vigie_service_row_focus_in_event (GtkWidget     *widget,
                                  GdkEventFocus *event)
{
  /* the keyboard reaches the menu button from its row */
  vigie_service_row_add_menu_button (VIGIE_SERVICE_ROW (widget));

  return GTK_WIDGET_CLASS (vigie_service_row_parent_class)->focus_in_event (widget, event);
}

static gboolean
vigie_service_row_popup_menu_vfunc (GtkWidget *widget)
{
  /* Shift+F10 and the Menu key on a focused row */
  vigie_service_row_popup_menu (VIGIE_SERVICE_ROW (widget));
  return TRUE;
}

/* ---------------------------------------------------------------------- */

static int
state_of (VigieServiceRow *self,
          gboolean         offline)
{
  return offline ? (int) OFFLINE_STATE : (int) vigie_service_get_severity (self->service);
}

static void
update_state (VigieServiceRow *self,
              gboolean         offline)
{
  GtkStyleContext *context = gtk_widget_get_style_context (GTK_WIDGET (self));
  int state = state_of (self, offline);
  g_autofree char *icon_name = NULL;

  if (state == self->shown_state)
    return;

  if (self->shown_state >= 0)
    gtk_style_context_remove_class (context, state_classes[self->shown_state]);
  gtk_style_context_add_class (context, state_classes[state]);
  self->shown_state = state;

  /* "vigie-offline" -> "io.github.vigie.Vigie-offline-symbolic" */
  icon_name = g_strdup_printf (APP_ID "-%s-symbolic", state_classes[state] + strlen ("vigie-"));
  g_free (self->icon_name);
  self->icon_name = g_steal_pointer (&icon_name);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* The summary label: the name in bold on the first line, then the state
 * and, dimmed and smaller, when it was checked.  Plain text with Pango
 * attributes: feed text is never read as markup. */
static void
update_summary (VigieServiceRow *self)
{
  const char *name = vigie_service_get_display_name (self->service);
  g_autofree char *line = NULL;
  g_autofree char *text = NULL;
  g_autoptr(PangoAttrList) attributes = NULL;
  PangoAttribute *attribute;
  const char *checked;

  /* Translators: a service's second line in the window: its state, then
   * when it was checked, e.g. "Major outage · Checked at 10:30" */
  line = g_strdup_printf (C_("state and time", "%1$s · %2$s"),
                          self->shown_state_text, self->shown_checked_text);
  text = g_strconcat (name, "\n", line, NULL);

  if (g_strcmp0 (gtk_label_get_text (self->summary_label), text) == 0)
    return;

  attributes = pango_attr_list_new ();
  attribute = pango_attr_weight_new (PANGO_WEIGHT_BOLD);
  attribute->start_index = 0;
  attribute->end_index = (guint) strlen (name);
  pango_attr_list_insert (attributes, attribute);

  /* as a "dim-label" would be */
  checked = g_strrstr (text + strlen (name), self->shown_checked_text);
  if (checked != NULL)
    {
      attribute = pango_attr_foreground_alpha_new (G_MAXUINT16 * 55 / 100);
      attribute->start_index = (guint) (checked - text);
      attribute->end_index = attribute->start_index + (guint) strlen (self->shown_checked_text);
      pango_attr_list_insert (attributes, attribute);
      attribute = pango_attr_scale_new (0.9);
      attribute->start_index = (guint) (checked - text);
      attribute->end_index = attribute->start_index + (guint) strlen (self->shown_checked_text);
      pango_attr_list_insert (attributes, attribute);
    }

  gtk_label_set_text (self->summary_label, text);
  gtk_label_set_attributes (self->summary_label, attributes);
}

static void
update_texts (VigieServiceRow *self)
{
  const char *label = vigie_severity_get_label (vigie_service_get_severity (self->service));
  const char *name = vigie_service_get_display_name (self->service);
  g_autofree char *state_text = NULL;
  g_autofree char *accessible_name = NULL;

  if (self->mute_note != NULL)
    /* Translators: a service's state in the window, then that it is muted,
     * e.g. "Major outage · Muted until 10:30" */
    state_text = g_strdup_printf (C_("state and mute", "%1$s · %2$s"), label, self->mute_note);
  else
    state_text = g_strdup (label);

  if (g_strcmp0 (state_text, self->shown_state_text) != 0)
    {
      g_free (self->shown_state_text);
      self->shown_state_text = g_steal_pointer (&state_text);
    }

  /* Translators: how a screen reader names a row of the list; %1$s is a
   * service name, %2$s its state such as "Major outage" */
  accessible_name = g_strdup_printf (_("%1$s, %2$s"), name, self->shown_state_text);
  if (g_strcmp0 (accessible_name, self->shown_accessible_name) != 0)
    {
      g_free (self->shown_accessible_name);
      self->shown_accessible_name = g_steal_pointer (&accessible_name);
      /* accessible objects are made when asked for (see
       * vigie_service_row_get_accessible()): most rows never are */
      if (self->accessible_named)
        atk_object_set_name (gtk_widget_get_accessible (GTK_WIDGET (self)),
                             self->shown_accessible_name);
    }
}

static void
update_checked (VigieServiceRow *self,
                GDateTime       *now)
{
  GDateTime *last_checked = vigie_service_get_last_checked (self->service);
  g_autofree char *clock = NULL;
  g_autofree char *date = NULL;
  g_autofree char *text = NULL;

  if (last_checked == NULL)
    text = g_strdup (_("Not checked yet"));
  else
    {
      clock = vigie_format_clock (last_checked);
      date = dup_date_unless_today (last_checked, now);
      if (date == NULL)
        /* Translators: when a service was last checked; %s is a local
         * time such as "10:30" (French: "10 h 30"); French: "Vérifié à %s" */
        text = g_strdup_printf (_("Checked at %s"), clock);
      else
        /* Translators: when a service was last checked; %1$s is a date such
         * as "November 28", %2$s a time of day; French: "Vérifié le %1$s à
         * %2$s" */
        text = g_strdup_printf (_("Checked on %1$s, %2$s"), date, clock);
    }

  g_free (self->shown_checked_text);
  self->shown_checked_text = g_steal_pointer (&text);
}

/**
 * vigie_service_row_get_summary:
 *
 * Returns: the row's text: the service's name on the first line, then
 *   its state and when it was checked
 */
const char *
vigie_service_row_get_summary (VigieServiceRow *self)
{
  g_return_val_if_fail (VIGIE_IS_SERVICE_ROW (self), NULL);

  return gtk_label_get_text (self->summary_label);
}

/**
 * vigie_service_row_update:
 * @offline: whether the monitor is offline (the icon then says so, and no
 *   stale note repeats the window's banner)
 *
 * Shows the service's current state, changing only what changed.
 *
 * Returns: whether the row's state changed (its place in a sorted list
 *   may have)
 */
gboolean
vigie_service_row_update (VigieServiceRow *self,
                          gboolean         offline)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  int state_before;

  g_return_val_if_fail (VIGIE_IS_SERVICE_ROW (self), FALSE);

  state_before = self->shown_state;

  update_state (self, offline);
  update_texts (self);
  update_checked (self, now);
  update_summary (self);
  update_details (self, now);
  update_stale (self, now, offline);
  update_link (self);

  return self->shown_state != state_before;
}

/**
 * vigie_service_row_set_mute_note:
 * @note: (nullable): until when the service is muted, such as "Muted
 *   until 10:30", or %NULL when it is not
 */
void
vigie_service_row_set_mute_note (VigieServiceRow *self,
                                 const char      *note)
{
  g_return_if_fail (VIGIE_IS_SERVICE_ROW (self));

  if (g_strcmp0 (note, self->mute_note) == 0)
    return;

  g_debug ("%s: %s", vigie_service_get_id (self->service), note != NULL ? note : "not muted");
  g_free (self->mute_note);
  self->mute_note = g_strdup (note);
  update_texts (self);
  update_summary (self);
}

/**
 * vigie_service_row_get_mute_note:
 *
 * Returns: (nullable): the row's mute note, if the service is muted
 */
const char *
vigie_service_row_get_mute_note (VigieServiceRow *self)
{
  g_return_val_if_fail (VIGIE_IS_SERVICE_ROW (self), NULL);

  return self->mute_note;
}

/**
 * vigie_service_row_get_link:
 *
 * Returns: (nullable): the status page this row opens, if any
 */
const char *
vigie_service_row_get_link (VigieServiceRow *self)
{
  g_return_val_if_fail (VIGIE_IS_SERVICE_ROW (self), NULL);

  return self->link;
}

/**
 * vigie_service_row_get_service:
 *
 * Returns: (transfer none): the service this row shows
 */
VigieService *
vigie_service_row_get_service (VigieServiceRow *self)
{
  g_return_val_if_fail (VIGIE_IS_SERVICE_ROW (self), NULL);

  return self->service;
}

/**
 * vigie_service_row_get_rank:
 *
 * Returns: where the row goes in a list sorted worst first: critical,
 *   major, minor, maintenance, unknown, then operational
 */
int
vigie_service_row_get_rank (VigieServiceRow *self)
{
  g_return_val_if_fail (VIGIE_IS_SERVICE_ROW (self), 0);

  switch (vigie_service_get_severity (self->service))
    {
    case VIGIE_SEVERITY_CRITICAL:
      return 0;
    case VIGIE_SEVERITY_MAJOR:
      return 1;
    case VIGIE_SEVERITY_MINOR:
      return 2;
    case VIGIE_SEVERITY_MAINTENANCE:
      return 3;
    case VIGIE_SEVERITY_UNKNOWN:
      return 4;
    case VIGIE_SEVERITY_OPERATIONAL:
    default:
      return 5;
    }
}

/* The state icon, in the colour the window's CSS gives
 * "row.vigie-service.<state>.vigie-state" (the shape tells the state
 * already; the colour only adds to it) */
static gboolean
vigie_service_row_draw (GtkWidget *widget,
                        cairo_t   *cr)
{
  VigieServiceRow *self = VIGIE_SERVICE_ROW (widget);
  GtkStyleContext *context = gtk_widget_get_style_context (widget);
  int scale = gtk_widget_get_scale_factor (widget);
  g_autoptr(GtkIconInfo) info = NULL;
  g_autoptr(GdkPixbuf) pixbuf = NULL;
  double x = ICON_MARGIN;
  double opacity = 1.0;

  GTK_WIDGET_CLASS (vigie_service_row_parent_class)->draw (widget, cr);

  if (self->icon_name == NULL)
    return GDK_EVENT_PROPAGATE;

  info = gtk_icon_theme_lookup_icon_for_scale (gtk_icon_theme_get_default (), self->icon_name,
                                               ICON_SIZE, scale, GTK_ICON_LOOKUP_FORCE_SIZE);
  if (info == NULL)
    return GDK_EVENT_PROPAGATE;

  gtk_style_context_save (context);
  gtk_style_context_add_class (context, "vigie-state");
  pixbuf = gtk_icon_info_load_symbolic_for_context (info, context, NULL, NULL);
  gtk_style_context_get (context, gtk_style_context_get_state (context), "opacity", &opacity,
                         NULL);
  gtk_style_context_restore (context);
  if (pixbuf == NULL)
    return GDK_EVENT_PROPAGATE;

  if (gtk_widget_get_direction (widget) == GTK_TEXT_DIR_RTL)
    x = gtk_widget_get_allocated_width (widget) - ICON_MARGIN - ICON_SIZE;

  {
    cairo_surface_t *surface = gdk_cairo_surface_create_from_pixbuf (pixbuf, scale,
                                                                     gtk_widget_get_window (widget));

    cairo_save (cr);
    cairo_set_source_surface (cr, surface, x, ICON_TOP);
    cairo_paint_with_alpha (cr, opacity);
    cairo_restore (cr);
    cairo_surface_destroy (surface);
  }

  return GDK_EVENT_PROPAGATE;
}

/* The row's child (the summary label alone, or the grid): the state icon
 * is drawn in its start margin (see vigie_service_row_draw()), and its end
 * margin keeps the menu button's room until the row has one */
static void
set_margins (GtkWidget *child,
             gboolean   has_button)
{
  gtk_widget_set_margin_start (child, ICON_MARGIN + ICON_SIZE + MENU_COLUMN_SPACING);
  gtk_widget_set_margin_end (child, GRID_MARGIN_END
                                    + (has_button ? 0 : MENU_COLUMN_SPACING + MENU_BUTTON_WIDTH));
  gtk_widget_set_margin_top (child, ICON_TOP);
  gtk_widget_set_margin_bottom (child, ICON_TOP);
}

/* Most rows show one label; the others (details, a stale note, a menu
 * button) put it in a grid first */
static GtkGrid *
ensure_grid (VigieServiceRow *self)
{
  GtkWidget *label = GTK_WIDGET (self->summary_label);
  GtkWidget *grid;

  if (self->grid != NULL)
    return self->grid;

  grid = gtk_grid_new ();
  gtk_buildable_set_name (GTK_BUILDABLE (grid), "grid");
  gtk_grid_set_column_spacing (GTK_GRID (grid), MENU_COLUMN_SPACING);
  gtk_grid_set_row_spacing (GTK_GRID (grid), 4);
  set_margins (grid, FALSE);

  g_object_ref (label);
  gtk_container_remove (GTK_CONTAINER (self), label);
  gtk_widget_set_margin_start (label, 0);
  gtk_widget_set_margin_end (label, 0);
  gtk_widget_set_margin_top (label, 0);
  gtk_widget_set_margin_bottom (label, 0);
  gtk_grid_attach (GTK_GRID (grid), label, 1, 0, 2, 2);
  g_object_unref (label);

  gtk_widget_show (grid);
  gtk_container_add (GTK_CONTAINER (self), grid);
  self->grid = GTK_GRID (grid);

  return self->grid;
}

/**
 * vigie_service_row_get_icon_name:
 *
 * Returns: (nullable): the name of the state icon the row draws
 */
const char *
vigie_service_row_get_icon_name (VigieServiceRow *self)
{
  g_return_val_if_fail (VIGIE_IS_SERVICE_ROW (self), NULL);

  return self->icon_name;
}

/* Accessible objects cost memory in every row: GTK makes them when a
 * screen reader (or a test) asks, and the row names its own then */
static AtkObject *
vigie_service_row_get_accessible (GtkWidget *widget)
{
  VigieServiceRow *self = VIGIE_SERVICE_ROW (widget);
  AtkObject *accessible = GTK_WIDGET_CLASS (vigie_service_row_parent_class)->get_accessible (widget);

  if (!self->accessible_named && accessible != NULL)
    {
      self->accessible_named = TRUE;
      atk_object_set_name (accessible, self->shown_accessible_name);
    }

  return accessible;
}

static void
vigie_service_row_constructed (GObject *object)
{
  VigieServiceRow *self = (VigieServiceRow *) object;

  G_OBJECT_CLASS (vigie_service_row_parent_class)->constructed (object);

  g_assert (VIGIE_IS_SERVICE (self->service));
  vigie_service_row_update (self, FALSE);
}

static void
vigie_service_row_dispose (GObject *object)
{
  VigieServiceRow *self = (VigieServiceRow *) object;

  /* a popover belongs to the window, not to the button it points at */
  g_clear_pointer (&self->popover, gtk_widget_destroy);

  G_OBJECT_CLASS (vigie_service_row_parent_class)->dispose (object);
}

static void
vigie_service_row_finalize (GObject *object)
{
  VigieServiceRow *self = (VigieServiceRow *) object;

  g_clear_object (&self->service);
  g_clear_pointer (&self->link, g_free);
  g_clear_pointer (&self->mute_note, g_free);
  g_clear_pointer (&self->shown_state_text, g_free);
  g_clear_pointer (&self->shown_checked_text, g_free);
  g_clear_pointer (&self->icon_name, g_free);
  g_clear_pointer (&self->shown_accessible_name, g_free);
  g_clear_pointer (&self->shown_details, g_free);
  g_clear_pointer (&self->shown_stale, g_free);

  G_OBJECT_CLASS (vigie_service_row_parent_class)->finalize (object);
}

static void
vigie_service_row_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  VigieServiceRow *self = VIGIE_SERVICE_ROW (object);

  switch (prop_id)
    {
    case PROP_SERVICE:
      g_value_set_object (value, self->service);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
vigie_service_row_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  VigieServiceRow *self = VIGIE_SERVICE_ROW (object);

  switch (prop_id)
    {
    case PROP_SERVICE:
      self->service = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
vigie_service_row_class_init (VigieServiceRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = vigie_service_row_constructed;
  object_class->dispose = vigie_service_row_dispose;
  object_class->finalize = vigie_service_row_finalize;
  object_class->get_property = vigie_service_row_get_property;
  object_class->set_property = vigie_service_row_set_property;
  widget_class->popup_menu = vigie_service_row_popup_menu_vfunc;
  widget_class->get_accessible = vigie_service_row_get_accessible;
  widget_class->focus_in_event = vigie_service_row_focus_in_event;
  widget_class->draw = vigie_service_row_draw;

  properties[PROP_SERVICE] =
    g_param_spec_object ("service", NULL, NULL, VIGIE_TYPE_SERVICE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

}

/* Built in code rather than from a GtkBuilder template: rows are many,
 * and a template is parsed again for each (about 1 KiB more a row, as
 * measured).  The children are named as template children would be, for
 * the tests. */
static void
vigie_service_row_init (VigieServiceRow *self)
{
  GtkWidget *label = gtk_label_new (NULL);

  self->shown_state = -1;

  gtk_widget_show (GTK_WIDGET (self));
  gtk_widget_set_can_focus (GTK_WIDGET (self), TRUE);
  gtk_list_box_row_set_selectable (GTK_LIST_BOX_ROW (self), FALSE);
  gtk_style_context_add_class (gtk_widget_get_style_context (GTK_WIDGET (self)), "vigie-service");

  /* after the state icon, the name on the first line, then the state and
   * when it was checked: one label rather than three (see
   * update_summary()), the row's only child until it needs a grid */
  gtk_buildable_set_name (GTK_BUILDABLE (label), "summary_label");
  gtk_widget_set_hexpand (label, TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0.0);
  gtk_label_set_use_markup (GTK_LABEL (label), FALSE);
  gtk_label_set_line_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_line_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_width_chars (GTK_LABEL (label), 8);
  set_margins (label, FALSE);
  gtk_widget_show (label);
  gtk_container_add (GTK_CONTAINER (self), label);

  self->summary_label = GTK_LABEL (label);
}

/**
 * vigie_service_row_new:
 *
 * Returns: (transfer floating): a row showing @service
 */
VigieServiceRow *
vigie_service_row_new (VigieService *service)
{
  g_return_val_if_fail (VIGIE_IS_SERVICE (service), NULL);

  return g_object_new (VIGIE_TYPE_SERVICE_ROW, "service", service, NULL);
}
