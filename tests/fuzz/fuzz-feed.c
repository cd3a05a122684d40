/* fuzz-feed.c: one feed format's parser (FUZZ_FORMAT), or detection ("auto"),
 * on any bytes
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vigie-fuzz"

#include "config.h"

#include "vigie-feeds.h"
#include "vigie-fuzz.h"

#ifndef FUZZ_FORMAT
#error "FUZZ_FORMAT names the format under test (tests/fuzz/meson.build)"
#endif

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  /* g_bytes_new() gives an empty GBytes a NULL data pointer, as a server's
   * empty answer gets: the parsers must take that too. */
  g_autoptr(GBytes) body = g_bytes_new (data, size);
  g_autoptr(GDateTime) now = vigie_fuzz_now ();
  g_autoptr(GError) error = NULL;
  g_autoptr(VigieSnapshot) snapshot = NULL;

  vigie_fuzz_init ();

  snapshot = vigie_feeds_parse (FUZZ_FORMAT, body, now, &error);
  /* exactly one of a snapshot and a reason */
  g_assert_true ((snapshot == NULL) != (error == NULL));
  if (snapshot != NULL)
    vigie_fuzz_check_snapshot (snapshot);
  else
    g_assert_true (error->domain == VIGIE_FEED_ERROR && error->message[0] != '\0');

  return 0;
}
