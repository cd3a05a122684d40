/* slow_rename.c: an LD_PRELOAD shim for test_persistence.py
 *
 * Holds every rename() onto a path ending in $VIGIE_TEST_SLOW_RENAME for
 * $VIGIE_TEST_SLOW_RENAME_MS milliseconds (default 300) before doing it,
 * so that a test can SIGKILL Vigie in the middle of a state save: after
 * the temporary file was written and synced, before it replaces the old
 * one.  Built by the test itself with `cc -shared`.
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define _GNU_SOURCE
#include <dlfcn.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int rename (const char *oldpath, const char *newpath);

int
rename (const char *oldpath,
        const char *newpath)
{
  static int (*real_rename) (const char *, const char *);
  const char *suffix = getenv ("VIGIE_TEST_SLOW_RENAME");

  if (real_rename == NULL)
    real_rename = (int (*) (const char *, const char *)) dlsym (RTLD_NEXT, "rename");

  if (suffix != NULL && *suffix != '\0' && newpath != NULL
      && strlen (newpath) >= strlen (suffix)
      && strcmp (newpath + strlen (newpath) - strlen (suffix), suffix) == 0)
    {
      const char *ms = getenv ("VIGIE_TEST_SLOW_RENAME_MS");

      usleep ((useconds_t) (ms != NULL ? atoi (ms) : 300) * 1000);
    }

  return real_rename (oldpath, newpath);
}
