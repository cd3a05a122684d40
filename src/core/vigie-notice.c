/* vigie-notice.c: one thing to show the user
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "vigie-notice.h"

VigieNotice *
vigie_notice_new (const char *id,
                  const char *summary,
                  const char *body)
{
  VigieNotice *notice = g_new0 (VigieNotice, 1);

  notice->id = g_strdup (id);
  notice->summary = g_strdup (summary);
  notice->body = g_strdup (body != NULL ? body : "");
  notice->severity = VIGIE_SEVERITY_UNKNOWN;

  return notice;
}

VigieNotice *
vigie_notice_copy (const VigieNotice *notice)
{
  VigieNotice *copy = vigie_notice_new (notice->id, notice->summary, notice->body);

  copy->url = g_strdup (notice->url);
  copy->service_id = g_strdup (notice->service_id);
  copy->severity = notice->severity;
  copy->final = notice->final;
  copy->group = notice->group;

  return copy;
}

void
vigie_notice_free (VigieNotice *notice)
{
  if (notice == NULL)
    return;

  g_free (notice->id);
  g_free (notice->summary);
  g_free (notice->body);
  g_free (notice->url);
  g_free (notice->service_id);
  g_free (notice);
}
