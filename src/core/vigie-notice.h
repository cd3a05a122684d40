/* vigie-notice.h: one thing to show the user, as the alert engine decided it
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "vigie-severity.h"

G_BEGIN_DECLS

/**
 * VigieNotice:
 * @id: which notification this is: a notice with the id of one already
 *   shown replaces it in place instead of raising a new one
 * @summary: the first line, translated
 * @body: plain text (the notifier escapes it where markup is read)
 * @url: (nullable): what "Open" opens, an https: link
 * @service_id: (nullable): the one service it is about, for "Mute"
 * @severity: how serious it is, for the urgency
 * @final: the last word on @id (a recovery): no mute buttons, and the id
 *   is released, so that news after it is a new notification
 * @group: it speaks of several services at once: "Open" opens the window
 */
typedef struct
{
  char *id;
  char *summary;
  char *body;
  char *url;
  char *service_id;
  VigieSeverity severity;
  gboolean final;
  gboolean group;
} VigieNotice;

VigieNotice *vigie_notice_new  (const char  *id,
                                const char  *summary,
                                const char  *body);
VigieNotice *vigie_notice_copy (const VigieNotice *notice);
void         vigie_notice_free (VigieNotice *notice);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (VigieNotice, vigie_notice_free)

G_END_DECLS
