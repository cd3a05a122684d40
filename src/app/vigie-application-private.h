/* vigie-application-private.h: what the application's files share
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "vigie-application.h"
#include "vigie-demo.h"
#include "vigie-monitor.h"
#include "vigie-notifier.h"
#include "vigie-alert-engine.h"
#include "vigie-settings.h"
#include "vigie-state-file.h"
#include "vigie-tray.h"

G_BEGIN_DECLS

/* A usage error on the command line (sysexits.h's EX_USAGE): never one of
 * --check's monitoring results (0 to 3) */
#define VIGIE_EXIT_USAGE 64

struct _VigieApplication
{
  GtkApplication parent_instance;

  /* from the command line */
  GStrv feeds;
  GStrv service_ids;
  GStrv components;   /* SERVICE:COMPONENT */
  guint poll_interval;
  gboolean demo;
  double demo_speed;
  gboolean background;   /* --background: the first activation opens nothing */

  VigieDemo *demo_server;

  VigieMonitor *monitor;
  VigieAlertEngine *engine;
  VigieSettings *settings;
  VigieNotifier *notifier;
  VigieTray *tray;
  GtkWidget *window;
  GtkWidget *preferences;
  VigieStateFile *state_file;   /* NULL: nothing is kept (the demo) */
  VigieFeedCache *feed_cache;   /* NULL likewise */

  guint pause_timeout_id;
  guint mute_timeout_id;
  guint quiet_timeout_id;
  guint tray_check_id;
  guint engine_timeout_id;
  guint save_timeout_id;
  guint tray_wait_id;          /* polls and window wait for the tray item */
  gulong tray_connected_id;
  gboolean tray_ready;
  gboolean window_wanted;
};

/* vigie-application-services.c: which services this run watches */
gboolean   vigie_application_has_fixed_services (GStrv       feeds,
                                                 GStrv       service_ids);
gboolean   vigie_application_is_watched         (const char *id,
                                                 GStrv       feeds,
                                                 GStrv       service_ids,
                                                 GSettings  *settings);
GPtrArray *vigie_application_create_services    (GStrv       feeds,
                                                 GStrv       service_ids,
                                                 GStrv       components,
                                                 GSettings  *settings);

/* vigie-application-actions.c: the app.* actions */
void       vigie_application_add_actions        (VigieApplication *self);
void       vigie_application_mute               (VigieApplication *self,
                                                 const char       *service_id,
                                                 const char       *how);

/* vigie-application-options.c: the command line */
void       vigie_application_add_options        (VigieApplication *self);
int        vigie_application_parse_options      (VigieApplication *self,
                                                 GVariantDict     *options);
gboolean   vigie_application_check_arguments    (VigieApplication  *self,
                                                 char             **arguments);

/* vigie-application-window.c: what the window is told */
void       vigie_application_update_window      (VigieApplication *self);
char      *vigie_application_dup_replay_title   (void);
void       vigie_application_open_link          (VigieApplication *self,
                                                 const char       *uri);
void       vigie_application_show_about         (VigieApplication *self);
void       vigie_application_ensure_window_icon (void);

/* vigie-application.c */
void       vigie_application_update_tray        (VigieApplication *self);
void       vigie_application_state_changed      (VigieApplication *self);

/* The alert engine's policy: levels, mutes, pause, quiet hours */
static inline VigiePolicy *
vigie_application_get_policy (VigieApplication *self)
{
  return vigie_alert_engine_get_policy (self->engine);
}

G_END_DECLS
