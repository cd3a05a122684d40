/* test-json.c: the bounded JSON loader's pre-scan
 *
 * vigie_json_load_bounded() reads the bytes once before json-glib does:
 * bounds, NUL bytes and UTF-8 validity together.  These cases pin that
 * pass to what the separate checks it replaced did: the same repairs
 * (g_utf8_make_valid()), the same errors, and nothing read out of bounds.
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "feeds/vigie-feeds.h"
#include "vigie-json.h"
#include "vigie-limits.h"
#include "vigie-test-utils.h"

static JsonNode *
load (const char  *data,
      gsize        size,
      GError     **error)
{
  g_autoptr(GBytes) bytes = g_bytes_new (data, size);

  return vigie_json_load_bounded (bytes, error);
}

static void
assert_load_error (const char *data,
                   gsize       size,
                   int         code)
{
  g_autoptr(GError) error = NULL;
  JsonNode *root = load (data, size, &error);

  g_assert_null (root);
  g_assert_error (error, VIGIE_FEED_ERROR, code);
}

static void
test_empty (void)
{
  g_autoptr(GBytes) empty = g_bytes_new (NULL, 0);
  g_autoptr(GError) error = NULL;

  /* g_bytes_get_data() gives NULL here: no arithmetic may be done on it */
  g_assert_null (g_bytes_get_data (empty, NULL));
  g_assert_null (vigie_json_load_bounded (empty, &error));
  g_assert_error (error, VIGIE_FEED_ERROR, VIGIE_FEED_ERROR_EMPTY);

  assert_load_error (" \r\n\t", 4, VIGIE_FEED_ERROR_EMPTY);
  assert_load_error ("\xef\xbb\xbf ", 4, VIGIE_FEED_ERROR_EMPTY);
  assert_load_error ("\xff\xfe", 2, VIGIE_FEED_ERROR_EMPTY);
}

/* A string made of @sequence reads back as g_utf8_make_valid() repairs it */
static void
assert_string_repaired (const char *sequence,
                        gsize       size)
{
  g_autoptr(GString) json = g_string_new ("[\"<");
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *repaired_inside = g_utf8_make_valid (sequence, size);
  JsonArray *array;

  g_string_append_len (json, sequence, size);
  g_string_append (json, ">\"]");
  expected = g_strdup_printf ("<%s>", repaired_inside);

  root = load (json->str, json->len, &error);
  g_assert_no_error (error);
  array = json_node_get_array (root);
  g_assert_cmpstr (json_array_get_string_element (array, 0), ==, expected);
}

static void
test_utf8_edges (void)
{
  static const char *const sequences[] = {
    "\xc3\xa9",             /* é */
    "\xe2\x80\x99",         /* ’ */
    "\xf0\x9f\x98\x80",     /* an emoji */
    "\xf4\x8f\xbf\xbf",     /* U+10FFFF */
    "\xef\xbf\xbe",         /* U+FFFE: a noncharacter, still valid UTF-8 */
    "\xc0\x80",             /* overlong NUL */
    "\xc1\xbf",             /* overlong */
    "\xe0\x80\xaf",         /* overlong '/' */
    "\xe0\x9f\xbf",         /* overlong */
    "\xed\xa0\x80",         /* a surrogate */
    "\xed\xbf\xbf",         /* a surrogate */
    "\xf0\x8f\xbf\xbf",     /* overlong */
    "\xf4\x90\x80\x80",     /* above U+10FFFF */
    "\xf5\x80\x80\x80",
    "\xff",
    "\x80",
    "\xc3",                 /* cut short before the closing quote */
    "\xe2\x80",
    "\xf0\x9f\x98",
    "a\xc3(b",
  };

  for (guint i = 0; i < G_N_ELEMENTS (sequences); i++)
    assert_string_repaired (sequences[i], strlen (sequences[i]));
}

/* Random high bytes: the pre-scan must agree with g_utf8_validate() */
static void
test_utf8_random (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (11);

  for (guint n = 0; n < 3000; n++)
    {
      char sequence[6];
      gsize size = g_rand_int_range (rand, 1, sizeof sequence + 1);

      for (gsize i = 0; i < size; i++)
        {
          /* mostly bytes that make sequences, some ASCII, never a quote,
           * a backslash or a NUL */
          guint8 byte = g_rand_int_range (rand, 0, 4) == 0 ? g_rand_int_range (rand, 0x20, 0x7f)
                                                           : g_rand_int_range (rand, 0x80, 0x100);

          sequence[i] = byte == '"' || byte == '\\' ? 'x' : (char) byte;
        }
      assert_string_repaired (sequence, size);
    }
}

static void
test_escapes (void)
{
  const char *text = "{\"a\":\"\\\"[[[{{{\\\\\",\"b\":\"\\u00e9\"}";
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = NULL;
  JsonObject *object;

  /* escaped quotes and brackets are text; the nesting seen is one level */
  root = load (text, strlen (text), &error);
  g_assert_no_error (error);
  object = json_node_get_object (root);
  g_assert_cmpstr (json_object_get_string_member (object, "a"), ==, "\"[[[{{{\\");
  g_assert_cmpstr (json_object_get_string_member (object, "b"), ==, "é");

  /* a backslash before a byte that is not UTF-8: the byte is still
   * checked, and repaired (json-glib then reads an unknown escape) */
  {
    g_autoptr(JsonNode) escaped = load ("[\"\\\xff\"]", 6, &error);
    const char *value;

    g_assert_no_error (error);
    value = json_array_get_string_element (json_node_get_array (escaped), 0);
    g_assert_true (g_utf8_validate (value, -1, NULL));
  }

  /* a lone surrogate escape: json-glib decodes it to bytes that are not
   * UTF-8, an id read from it is text all the same (found by fuzz-json) */
  {
    const char *lone = "{\"id\":\"a \\ud800 b\"}";
    g_autoptr(JsonNode) surrogate = load (lone, strlen (lone), &error);
    g_autofree char *id = NULL;

    g_assert_no_error (error);
    id = vigie_json_dup_id (json_node_get_object (surrogate), "id");
    g_assert_nonnull (id);
    g_assert_true (g_utf8_validate (id, -1, NULL));
    /* (json-glib also takes the space after the escape) */
    g_assert_true (g_str_has_prefix (id, "a ") && g_str_has_suffix (id, "b"));
  }

  /* unterminated strings and documents end the scan cleanly */
  assert_load_error ("[\"abc", 5, VIGIE_FEED_ERROR_NOT_JSON);
  assert_load_error ("[\"abc\\", 6, VIGIE_FEED_ERROR_NOT_JSON);
  assert_load_error ("[\"\xe2\x80", 4, VIGIE_FEED_ERROR_NOT_JSON);
}

static void
test_nul (void)
{
  GString *deep = g_string_new (NULL);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;

  assert_load_error ("[1,\0 2]", 7, VIGIE_FEED_ERROR_NOT_JSON);
  assert_load_error ("[\"a\0\"]", 6, VIGIE_FEED_ERROR_NOT_JSON);

  /* a NUL says "not json" even past a bound that was hit first */
  for (guint i = 0; i < VIGIE_MAX_JSON_DEPTH + 10; i++)
    g_string_append_c (deep, '[');
  g_string_append_len (deep, "\0", 1);
  bytes = g_string_free_to_bytes (deep);
  g_assert_null (vigie_json_load_bounded (bytes, &error));
  g_assert_error (error, VIGIE_FEED_ERROR, VIGIE_FEED_ERROR_NOT_JSON);
}

static void
test_bounds (void)
{
  g_autoptr(GString) values = g_string_new ("[");
  g_autoptr(GString) deep = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = NULL;

  for (guint i = 0; i < VIGIE_MAX_JSON_DEPTH; i++)
    g_string_append_c (deep, '[');
  for (guint i = 0; i < VIGIE_MAX_JSON_DEPTH; i++)
    g_string_append_c (deep, ']');
  root = load (deep->str, deep->len, &error);
  g_assert_no_error (error);

  g_string_prepend_c (deep, '{');
  assert_load_error (deep->str, deep->len, VIGIE_FEED_ERROR_TOO_DEEP);

  for (guint i = 0; i <= VIGIE_MAX_JSON_VALUES; i++)
    g_string_append (values, "\"\xc3\xa9\",");
  g_string_append (values, "0]");
  assert_load_error (values->str, values->len, VIGIE_FEED_ERROR_TOO_COMPLEX);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/json/empty", test_empty);
  g_test_add_func ("/json/utf8/edges", test_utf8_edges);
  g_test_add_func ("/json/utf8/random", test_utf8_random);
  g_test_add_func ("/json/escapes", test_escapes);
  g_test_add_func ("/json/nul", test_nul);
  g_test_add_func ("/json/bounds", test_bounds);

  return g_test_run ();
}
