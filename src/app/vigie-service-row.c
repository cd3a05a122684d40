/* vigie-service-row.c: one service in the main window's list
 *
 * A row shows a service's state icon, name and state in words, when it was
 * last checked, and, when something is wrong, the open incidents (title and
 * latest update), the maintenance in progress, why the feed cannot be read,
 * or that the last check failed.  Every text from a feed goes into a
 * GtkLabel as plain text, never as markup, and the only links opened are
 * https: (or http: on this machine).
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vigie-service-row"

#include "config.h"

#include <glib/gi18n.h>

#include "vigie-format.h"
#include "vigie-service-row.h"
#include "vigie-text.h"

/* Beyond this many open incidents, a row only counts the others: the
 * status page has them all. */
#define MAX_INCIDENTS_SHOWN 3
/* Lines of an incident's latest update before it is ellipsized */
#define UPDATE_LINES 4

struct _VigieServiceRow
{
  GtkListBoxRow parent_instance;

  VigieService *service;
  char *link;

  /* template children */
  GtkImage *state_image;
  GtkLabel *name_label;
  GtkLabel *checked_label;
  GtkLabel *state_label;
  GtkBox *details_box;
  GtkLabel *stale_label;
  GtkLinkButton *link_button;
};

G_DEFINE_FINAL_TYPE (VigieServiceRow, vigie_service_row, GTK_TYPE_LIST_BOX_ROW)

enum {
  PROP_0,
  PROP_SERVICE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char * const state_classes[] = {
  "vigie-operational", "vigie-maintenance", "vigie-minor", "vigie-major", "vigie-critical",
  "vigie-unknown", "vigie-offline",
};

/* vigie_format_time() shows a time alone for today, else a date and time:
 * the sentence around it differs ("at 10:30", "on November 28, 10:30") */
static gboolean
is_today (GDateTime *time,
          GDateTime *now)
{
  g_autoptr(GDateTime) local = g_date_time_to_local (time);
  g_autoptr(GDateTime) local_now = g_date_time_to_local (now);

  return g_date_time_get_year (local) == g_date_time_get_year (local_now)
         && g_date_time_get_day_of_year (local) == g_date_time_get_day_of_year (local_now);
}

static gboolean
open_link (GtkWidget  *widget,
           const char *uri)
{
  GtkWidget *toplevel = gtk_widget_get_toplevel (widget);
  g_autoptr(GError) error = NULL;

  /* feed text is untrusted: only https: (or http: on this machine) */
  if (!vigie_link_is_fetchable (uri))
    {
      g_warning ("Refusing to open a link that is not https: %s", uri != NULL ? uri : "(none)");
      return FALSE;
    }

  if (!gtk_show_uri_on_window (GTK_IS_WINDOW (toplevel) ? GTK_WINDOW (toplevel) : NULL, uri,
                               gtk_get_current_event_time (), &error))
    {
      g_warning ("Could not open %s: %s", uri, error->message);
      return FALSE;
    }

  return TRUE;
}

static gboolean
link_button_activate_link_cb (GtkLinkButton   *button,
                              VigieServiceRow *self)
{
  open_link (GTK_WIDGET (self), self->link);

  /* handled: GtkLinkButton must never open the link itself */
  return TRUE;
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
   * the window for one long line */
  gtk_label_set_width_chars (GTK_LABEL (label), 20);
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

static GtkWidget *
incident_box (const VigieIncident *incident,
              gboolean             is_maintenance,
              GDateTime           *now)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *title;

  gtk_style_context_add_class (gtk_widget_get_style_context (box), "vigie-incident");

  title = plain_label (incident->title != NULL ? incident->title : "", FALSE);
  set_label_weight (title, PANGO_WEIGHT_SEMIBOLD);
  gtk_style_context_add_class (gtk_widget_get_style_context (title), "vigie-incident-title");
  gtk_container_add (GTK_CONTAINER (box), title);

  if (incident->latest_update != NULL && *incident->latest_update != '\0')
    {
      GtkWidget *update = plain_label (incident->latest_update, FALSE);

      /* a long update is cut, the status page has the rest */
      gtk_label_set_lines (GTK_LABEL (update), UPDATE_LINES);
      gtk_label_set_ellipsize (GTK_LABEL (update), PANGO_ELLIPSIZE_END);
      gtk_style_context_add_class (gtk_widget_get_style_context (update), "vigie-incident-update");
      gtk_container_add (GTK_CONTAINER (box), update);
    }

  if (is_maintenance && incident->scheduled_until != NULL)
    {
      g_autofree char *text = vigie_format_until (incident->scheduled_until, now);

      gtk_container_add (GTK_CONTAINER (box), plain_label (text, TRUE));
    }
  else if (incident->updated_at != NULL)
    {
      g_autofree char *when = vigie_format_time (incident->updated_at, now);
      g_autofree char *text = NULL;

      if (is_today (incident->updated_at, now))
        /* Translators: when the vendor last updated an incident; %s is a
         * local time such as "14:32"; French: "Mis à jour à %s" */
        text = g_strdup_printf (_("Updated at %s"), when);
      else
        /* Translators: when the vendor last updated an incident; %s is a
         * date and time such as "November 28, 14:32"; French: "Mis à
         * jour le %s" */
        text = g_strdup_printf (_("Updated on %s"), when);

      gtk_container_add (GTK_CONTAINER (box), plain_label (text, TRUE));
    }

  gtk_widget_show (box);
  return box;
}

static void
update_details (VigieServiceRow *self,
                GDateTime       *now)
{
  VigieSnapshot *snapshot = vigie_service_get_snapshot (self->service);
  VigieSeverity severity = vigie_service_get_severity (self->service);
  g_autofree char *problem = vigie_service_dup_problem_label (self->service);
  g_autoptr(GList) children = gtk_container_get_children (GTK_CONTAINER (self->details_box));
  guint shown = 0;

  for (GList *l = children; l != NULL; l = l->next)
    gtk_widget_destroy (l->data);

  /* why the state is unknown, unless it simply was not checked yet (the
   * time label says so) */
  if (problem != NULL && vigie_service_get_last_checked (self->service) != NULL)
    {
      /* Translators: %s says why, such as "server not found" or "no answer
       * in time"; French: "Impossible de lire l’état : %s" with a no-break
       * space before the colon */
      g_autofree char *text = g_strdup_printf (_("Cannot read the status: %s"), problem);
      GtkWidget *label = plain_label (text, FALSE);

      gtk_style_context_add_class (gtk_widget_get_style_context (label), "vigie-problem");
      gtk_container_add (GTK_CONTAINER (self->details_box), label);
      shown++;
    }

  if (snapshot != NULL)
    {
      GPtrArray *incidents = vigie_snapshot_get_incidents (snapshot);
      GPtrArray *maintenances = vigie_snapshot_get_maintenances (snapshot);
      guint n_incidents = incidents != NULL ? incidents->len : 0;

      for (guint i = 0; i < n_incidents && i < MAX_INCIDENTS_SHOWN; i++)
        {
          gtk_container_add (GTK_CONTAINER (self->details_box),
                             incident_box (g_ptr_array_index (incidents, i), FALSE, now));
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

          gtk_container_add (GTK_CONTAINER (self->details_box), plain_label (text, TRUE));
        }

      /* maintenances matter while they run; announced ones would crowd
       * the list */
      if (severity == VIGIE_SEVERITY_MAINTENANCE && maintenances != NULL)
        for (guint i = 0; i < maintenances->len && shown < MAX_INCIDENTS_SHOWN; i++)
          {
            const VigieIncident *maintenance = g_ptr_array_index (maintenances, i);

            if (!vigie_incident_is_running (maintenance, now))
              continue;

            gtk_container_add (GTK_CONTAINER (self->details_box),
                               incident_box (maintenance, TRUE, now));
            shown++;
          }
    }

  gtk_widget_set_visible (GTK_WIDGET (self->details_box), shown > 0);
}

static void
update_stale (VigieServiceRow *self,
              GDateTime       *now)
{
  GDateTime *last_success = vigie_service_get_last_success (self->service);
  g_autofree char *text = NULL;

  /* unknown already says why; stale means "older than it looks" */
  if (!vigie_service_is_stale (self->service)
      || vigie_service_get_severity (self->service) == VIGIE_SEVERITY_UNKNOWN)
    {
      gtk_widget_hide (GTK_WIDGET (self->stale_label));
      return;
    }

  if (last_success != NULL)
    {
      g_autofree char *when = vigie_format_time (last_success, now);

      if (is_today (last_success, now))
        /* Translators: shown under a service whose last check failed; %s
         * is the local time of the last good check, such as "10:30";
         * French: "La dernière vérification a échoué : état à %s" with a
         * no-break space before the colon */
        text = g_strdup_printf (_("The last check failed: this is the state at %s"), when);
      else
        /* Translators: as above, but %s is a date and time such as
         * "November 28, 10:30"; French: "La dernière vérification a
         * échoué : état du %s" with a no-break space before the colon */
        text = g_strdup_printf (_("The last check failed: this is the state on %s"), when);
    }
  else
    {
      text = g_strdup (_("The last check failed: this state may be out of date"));
    }

  gtk_label_set_text (self->stale_label, text);
  gtk_widget_show (GTK_WIDGET (self->stale_label));
}

static void
update_link (VigieServiceRow *self)
{
  const char *page = vigie_service_get_status_page (self->service);

  g_clear_pointer (&self->link, g_free);
  if (vigie_link_is_fetchable (page))
    self->link = g_strdup (page);

  if (self->link != NULL)
    gtk_link_button_set_uri (self->link_button, self->link);
  gtk_widget_set_visible (GTK_WIDGET (self->link_button), self->link != NULL);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (self), self->link != NULL);
}

/**
 * vigie_service_row_update:
 * @offline: whether the monitor is offline (the icon then says so)
 *
 * Shows the service's current state.
 */
void
vigie_service_row_update (VigieServiceRow *self,
                          gboolean         offline)
{
  GtkStyleContext *context;
  VigieSeverity severity;
  GDateTime *last_checked;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *icon_name = NULL;
  g_autofree char *accessible_name = NULL;
  const char *state;

  g_return_if_fail (VIGIE_IS_SERVICE_ROW (self));

  severity = vigie_service_get_severity (self->service);
  state = offline ? "offline" : vigie_severity_to_string (severity);
  icon_name = g_strdup_printf (APP_ID "-%s-symbolic", state);

  context = gtk_widget_get_style_context (GTK_WIDGET (self));
  for (guint i = 0; i < G_N_ELEMENTS (state_classes); i++)
    gtk_style_context_remove_class (context, state_classes[i]);
  {
    g_autofree char *state_class = g_strconcat ("vigie-", state, NULL);

    gtk_style_context_add_class (context, state_class);
  }

  gtk_image_set_from_icon_name (self->state_image, icon_name, GTK_ICON_SIZE_LARGE_TOOLBAR);
  gtk_label_set_text (self->name_label, vigie_service_get_display_name (self->service));
  gtk_label_set_text (self->state_label, vigie_severity_get_label (severity));

  last_checked = vigie_service_get_last_checked (self->service);
  if (last_checked != NULL)
    {
      g_autofree char *when = vigie_format_time (last_checked, now);
      g_autofree char *text = NULL;

      if (is_today (last_checked, now))
        /* Translators: when a service was last checked; %s is a local
         * time such as "10:30" (French: "10 h 30"); French: "Vérifié à %s" */
        text = g_strdup_printf (_("Checked at %s"), when);
      else
        /* Translators: when a service was last checked; %s is a date and
         * time such as "November 28, 10:30"; French: "Vérifié le %s" */
        text = g_strdup_printf (_("Checked on %s"), when);

      gtk_label_set_text (self->checked_label, text);
    }
  else
    {
      gtk_label_set_text (self->checked_label, _("Not checked yet"));
    }

  update_details (self, now);
  update_stale (self, now);
  update_link (self);

  /* Translators: how a screen reader names a row of the list; %1$s is a
   * service name, %2$s its state such as "Major outage" */
  accessible_name = g_strdup_printf (_("%1$s, %2$s"),
                                     vigie_service_get_display_name (self->service),
                                     vigie_severity_get_label (severity));
  atk_object_set_name (gtk_widget_get_accessible (GTK_WIDGET (self)), accessible_name);
  atk_object_set_description (gtk_widget_get_accessible (GTK_WIDGET (self->state_image)),
                              vigie_severity_get_label (severity));
}

/**
 * vigie_service_row_open_link:
 *
 * Opens the service's status page, if it has one that may be opened.
 *
 * Returns: %TRUE if a link was opened
 */
gboolean
vigie_service_row_open_link (VigieServiceRow *self)
{
  g_return_val_if_fail (VIGIE_IS_SERVICE_ROW (self), FALSE);

  if (self->link == NULL)
    return FALSE;

  return open_link (GTK_WIDGET (self), self->link);
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

static void
vigie_service_row_constructed (GObject *object)
{
  VigieServiceRow *self = (VigieServiceRow *) object;

  G_OBJECT_CLASS (vigie_service_row_parent_class)->constructed (object);

  g_assert (VIGIE_IS_SERVICE (self->service));
  vigie_service_row_update (self, FALSE);
}

static void
vigie_service_row_finalize (GObject *object)
{
  VigieServiceRow *self = (VigieServiceRow *) object;

  g_clear_object (&self->service);
  g_clear_pointer (&self->link, g_free);

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
  object_class->finalize = vigie_service_row_finalize;
  object_class->get_property = vigie_service_row_get_property;
  object_class->set_property = vigie_service_row_set_property;

  properties[PROP_SERVICE] =
    g_param_spec_object ("service", NULL, NULL, VIGIE_TYPE_SERVICE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               APP_PATH "/ui/vigie-service-row.ui");
  gtk_widget_class_bind_template_child (widget_class, VigieServiceRow, state_image);
  gtk_widget_class_bind_template_child (widget_class, VigieServiceRow, name_label);
  gtk_widget_class_bind_template_child (widget_class, VigieServiceRow, checked_label);
  gtk_widget_class_bind_template_child (widget_class, VigieServiceRow, state_label);
  gtk_widget_class_bind_template_child (widget_class, VigieServiceRow, details_box);
  gtk_widget_class_bind_template_child (widget_class, VigieServiceRow, stale_label);
  gtk_widget_class_bind_template_child (widget_class, VigieServiceRow, link_button);
  gtk_widget_class_bind_template_callback (widget_class, link_button_activate_link_cb);
}

static void
vigie_service_row_init (VigieServiceRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
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
