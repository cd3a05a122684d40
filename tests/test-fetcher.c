/* test-fetcher.c
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "vigie-test-utils.h"

static void
test_placeholder (void)
{
  g_test_skip ("not written yet");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_test_add_func ("/fetcher/placeholder", test_placeholder);
  return g_test_run ();
}
