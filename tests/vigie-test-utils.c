/* vigie-test-utils.c: shared helpers for Vigie's tests
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>

#include "vigie-test-utils.h"

GBytes *
vigie_test_load_fixture (const char *relative_path)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures", relative_path, NULL);
  g_autoptr(GError) error = NULL;
  char *contents = NULL;
  gsize length = 0;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);

  return g_bytes_new_take (contents, length);
}

const char *
vigie_test_get_shared_fixtures (void)
{
  const char *dir = g_getenv ("VIGIE_SHARED_FIXTURES");

  if (dir == NULL || !g_file_test (dir, G_FILE_TEST_IS_DIR))
    {
      g_autofree char *message = g_strdup_printf (
        "SKIPPED LOUDLY: captured real feeds not found at '%s' "
        "(set VIGIE_SHARED_FIXTURES or -Dshared_fixtures)", dir ? dir : "(unset)");

      g_printerr ("%s\n", message);
      g_test_skip (message);
      return NULL;
    }

  return dir;
}

GBytes *
vigie_test_load_shared_fixture (const char *relative_path)
{
  const char *dir = vigie_test_get_shared_fixtures ();
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  char *contents = NULL;
  gsize length = 0;

  if (dir == NULL)
    return NULL;

  path = g_build_filename (dir, relative_path, NULL);
  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);

  return g_bytes_new_take (contents, length);
}

gboolean
vigie_test_use_locale (const char *locale)
{
  if (setlocale (LC_ALL, locale) == NULL)
    {
      g_autofree char *message = g_strdup_printf (
        "SKIPPED LOUDLY: locale %s is not generated on this machine; "
        "translated output cannot be tested (see .ci/run)", locale);

      g_printerr ("%s\n", message);
      g_test_skip (message);
      return FALSE;
    }

  return TRUE;
}

SoupServer *
vigie_test_server_new (void)
{
  g_autoptr(SoupServer) server = soup_server_new (NULL, NULL);
  g_autoptr(GError) error = NULL;

  soup_server_listen_local (server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);

  return g_steal_pointer (&server);
}

char *
vigie_test_server_url (SoupServer *server,
                       const char *path)
{
  GSList *uris = soup_server_get_uris (server);
  g_autofree char *base = NULL;
  char *url;

  g_assert_nonnull (uris);
  base = g_uri_to_string (uris->data);
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);

  if (g_str_has_suffix (base, "/") && path[0] == '/')
    path++;
  url = g_strconcat (base, path, NULL);

  return url;
}

static gboolean
timeout_cb (gpointer user_data)
{
  gboolean *timed_out = user_data;

  *timed_out = TRUE;
  return G_SOURCE_REMOVE;
}

void
vigie_test_wait_for (gboolean *flag,
                     guint     timeout_seconds)
{
  gboolean timed_out = FALSE;
  guint id = g_timeout_add_seconds (timeout_seconds, timeout_cb, &timed_out);

  while (!*flag && !timed_out)
    g_main_context_iteration (NULL, TRUE);

  if (!timed_out)
    g_source_remove (id);

  g_assert_false (timed_out);
}

void
vigie_test_loopback_only (void)
{
  static const char * const proxy_variables[] = {
    "http_proxy", "https_proxy", "all_proxy", "no_proxy",
    "HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "NO_PROXY",
  };

  for (guint i = 0; i < G_N_ELEMENTS (proxy_variables); i++)
    g_unsetenv (proxy_variables[i]);

  g_setenv ("GIO_USE_PROXY_RESOLVER", "dummy", TRUE);
}

double
vigie_test_time_limit (double seconds)
{
  const char *factor = g_getenv ("VIGIE_TEST_TIME_FACTOR");
  double scale = factor != NULL ? g_ascii_strtod (factor, NULL) : 1.0;

  return seconds * (scale >= 1.0 ? scale : 1.0);
}
