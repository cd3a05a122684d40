/* fuzz-text.c: the cleaners of untrusted feed text and links (vigie-text.c)
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vigie-fuzz"

#include "config.h"

#include <string.h>

#include "vigie-fuzz.h"
#include "vigie-text.h"

static void
check_clean (const char *text,
             gsize       max_chars)
{
  if (text == NULL)
    return;

  g_assert_true (g_utf8_validate (text, -1, NULL));
  /* max_chars, and the "…" that says it was cut */
  g_assert_cmpuint (g_utf8_strlen (text, -1), <=, max_chars + 1);
  for (const char *p = text; *p != '\0'; p++)
    g_assert_true ((guchar) *p >= 0x20 || *p == '\n');
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *text = NULL;
  g_autofree char *clean = NULL;
  g_autofree char *from_html = NULL;
  g_autofree char *link = NULL;
  gsize max_chars;

  vigie_fuzz_init ();

  /* the first byte picks the length bound, so that truncation in the
   * middle of a character, an entity or a tag is explored too */
  if (size == 0)
    return 0;
  max_chars = data[0] + 1;
  text = g_strndup ((const char *) data + 1, size - 1);

  clean = vigie_text_clean (text, max_chars);
  check_clean (clean, max_chars);

  from_html = vigie_text_from_html (text, max_chars);
  check_clean (from_html, max_chars);

  if (clean != NULL)
    {
      vigie_text_flatten (clean);
      g_assert_true (g_utf8_validate (clean, -1, NULL));
      g_assert_null (strchr (clean, '\n'));
    }

  /* a sanitized link is one Vigie may fetch or open */
  link = vigie_link_sanitize (text);
  g_assert_true (link == NULL || vigie_link_is_fetchable (link));
  (void) vigie_link_is_loopback (text);

  return 0;
}
