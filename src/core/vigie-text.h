/* vigie-text.h: turning untrusted feed text into safe plain text and links
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

char     *vigie_text_clean          (const char *text,
                                     gsize       max_chars);
char     *vigie_text_from_html      (const char *html,
                                     gsize       max_chars);
void      vigie_text_flatten        (char       *text);

gboolean  vigie_link_is_loopback    (const char *uri);
gboolean  vigie_link_is_fetchable   (const char *uri);
char     *vigie_link_sanitize       (const char *uri);
gboolean  vigie_link_open           (const char *uri);

G_END_DECLS
