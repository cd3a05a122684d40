/* vigie-json.c: bounded JSON loading and type-checked member access
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vigie-json"

#include "config.h"

#include <string.h>

#include "vigie-feed-error.h"
#include "vigie-json.h"
#include "vigie-limits.h"

static const guint8 *
skip_blanks (const guint8 *p,
             const guint8 *end)
{
  while (p < end && (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n'))
    p++;
  return p;
}

/* Past the comments a document starts with: an XML feed may open with a
 * comment (a generator's banner) as well as an HTML page does. */
static const guint8 *
skip_comments (const guint8 *p,
               const guint8 *end)
{
  while (end - p >= 4 && memcmp (p, "<!--", 4) == 0)
    {
      const guint8 *close = NULL;

      for (const guint8 *q = p + 4; end - q >= 3; q++)
        if (memcmp (q, "-->", 3) == 0)
          {
            close = q;
            break;
          }

      /* an unclosed comment is as far as the document goes */
      if (close == NULL)
        return end;
      p = skip_blanks (close + 3, end);
    }

  return p;
}

/**
 * vigie_json_looks_like_html:
 *
 * Status hosts answer unknown paths, captive portals and maintenance pages
 * with an HTML page and status 200; this tells them apart from a feed.
 * Leading comments are passed over: what follows them decides, and a body
 * that is nothing but comments is a page, not a feed.
 *
 * Returns: %TRUE if the body starts like an HTML document
 */
gboolean
vigie_json_looks_like_html (GBytes *body)
{
  gsize size;
  const guint8 *data = g_bytes_get_data (body, &size);
  const guint8 *end;
  const guint8 *p;
  gsize rest;

  /* an empty GBytes may hold NULL, and NULL + 0 is undefined behaviour */
  if (size == 0)
    return FALSE;

  end = data + size;
  p = skip_blanks (data, end);
  if (end - p >= 3 && p[0] == 0xef && p[1] == 0xbb && p[2] == 0xbf)
    p = skip_blanks (p + 3, end);

  if (end - p >= 4 && memcmp (p, "<!--", 4) == 0)
    {
      p = skip_comments (p, end);
      if (p == end)
        return TRUE;
    }

  rest = end - p;
  if (rest < 5 || p[0] != '<')
    return FALSE;

  return g_ascii_strncasecmp ((const char *) p, "<!doctype html", MIN (rest, 14)) == 0
         || g_ascii_strncasecmp ((const char *) p, "<html", 5) == 0
         || g_ascii_strncasecmp ((const char *) p, "<head", 5) == 0
         || g_ascii_strncasecmp ((const char *) p, "<body", 5) == 0;
}

/* Byte classes for the pre-scan: anything that is not 0 stops the fast
 * loop.  Outside strings: what opens, closes or separates values, what
 * opens a string, NUL and the bytes of multi-byte characters.  Inside
 * strings: what ends or escapes, NUL and multi-byte characters. */
enum {
  BYTE_PLAIN = 0,
  BYTE_OPEN,
  BYTE_CLOSE,
  BYTE_COMMA,
  BYTE_QUOTE,
  BYTE_BACKSLASH,
  BYTE_NUL,
  BYTE_HIGH,
};

static guint8 outside_class[256];
static guint8 inside_class[256];

static void
init_byte_classes (void)
{
  for (guint c = 0x80; c < 256; c++)
    outside_class[c] = inside_class[c] = BYTE_HIGH;
  outside_class['\0'] = inside_class['\0'] = BYTE_NUL;
  outside_class['{'] = outside_class['['] = BYTE_OPEN;
  outside_class['}'] = outside_class[']'] = BYTE_CLOSE;
  outside_class[','] = BYTE_COMMA;
  outside_class['"'] = inside_class['"'] = BYTE_QUOTE;
  inside_class['\\'] = BYTE_BACKSLASH;
}

/* The length of the valid UTF-8 character at @p (whose first byte is not
 * ASCII), or 0: RFC 3629, as g_utf8_validate() reads it (no overlong
 * forms, no surrogates, nothing above U+10FFFF). */
static gsize
utf8_char_length (const guint8 *p,
                  const guint8 *end)
{
  gsize rest = end - p;
  guint8 c = p[0];

#define CONT(b) (((b) & 0xc0) == 0x80)
  if (c >= 0xc2 && c <= 0xdf)
    return rest >= 2 && CONT (p[1]) ? 2 : 0;

  if (c >= 0xe0 && c <= 0xef)
    {
      guint8 low = c == 0xe0 ? 0xa0 : 0x80;
      guint8 high = c == 0xed ? 0x9f : 0xbf;

      return rest >= 3 && p[1] >= low && p[1] <= high && CONT (p[2]) ? 3 : 0;
    }

  if (c >= 0xf0 && c <= 0xf4)
    {
      guint8 low = c == 0xf0 ? 0x90 : 0x80;
      guint8 high = c == 0xf4 ? 0x8f : 0xbf;

      return rest >= 4 && p[1] >= low && p[1] <= high && CONT (p[2]) && CONT (p[3]) ? 4 : 0;
    }
#undef CONT

  return 0;
}

typedef enum {
  SCAN_OK,
  SCAN_INVALID_UTF8,   /* well bounded, but to be repaired */
  SCAN_FAILED,         /* error set */
} ScanResult;

/* The one pass over the bytes before json-glib sees them: nesting depth
 * and number of values (outside strings), NUL bytes and UTF-8 validity
 * together.  Plain bytes, the bulk of a document, cost one table look-up
 * each. */
static ScanResult
scan (const char  *data,
      gsize        size,
      GError     **error)
{
  static gsize classes_ready = 0;
  const guint8 *p = (const guint8 *) data;
  const guint8 *end = p + size;
  gboolean valid_utf8 = TRUE;
  guint depth = 0;
  gsize values = 0;

  if (g_once_init_enter (&classes_ready))
    {
      init_byte_classes ();
      g_once_init_leave (&classes_ready, 1);
    }

  while (p < end)
    {
      /* outside strings */
      while (p < end && outside_class[*p] == BYTE_PLAIN)
        p++;
      if (p == end)
        break;

      switch (outside_class[*p])
        {
        case BYTE_OPEN:
          if (++depth > VIGIE_MAX_JSON_DEPTH)
            {
              g_set_error_literal (error, VIGIE_FEED_ERROR, VIGIE_FEED_ERROR_TOO_DEEP,
                                   "json nested too deeply");
              goto bounded;
            }
          values++;
          break;
        case BYTE_CLOSE:
          if (depth > 0)
            depth--;
          break;
        case BYTE_COMMA:
          values++;
          break;
        case BYTE_NUL:
          goto nul;
        case BYTE_HIGH:
          {
            gsize length = utf8_char_length (p, end);

            valid_utf8 &= length > 0;
            p += MAX (length, 1);
            continue;
          }
        case BYTE_QUOTE:
          /* inside a string, to its closing quote */
          for (p++; p < end; )
            {
              guint8 class;

              while (p < end && inside_class[*p] == BYTE_PLAIN)
                p++;
              if (p == end)
                break;

              class = inside_class[*p];
              if (class == BYTE_QUOTE)
                break;
              if (class == BYTE_NUL)
                goto nul;
              if (class == BYTE_BACKSLASH)
                {
                  /* the escaped byte is text; a multi-byte one is checked */
                  p++;
                  if (p < end && *p < 0x80 && *p != '\0')
                    p++;
                  continue;
                }

              /* BYTE_HIGH */
              {
                gsize length = utf8_char_length (p, end);

                valid_utf8 &= length > 0;
                p += MAX (length, 1);
              }
            }
          if (p == end)
            goto done;
          break;
        default:
          g_assert_not_reached ();
        }

      if (values > VIGIE_MAX_JSON_VALUES)
        {
          g_set_error_literal (error, VIGIE_FEED_ERROR, VIGIE_FEED_ERROR_TOO_COMPLEX,
                               "json too complex");
          goto bounded;
        }

      p++;
    }

done:
  return valid_utf8 ? SCAN_OK : SCAN_INVALID_UTF8;

bounded:
  /* a NUL byte, anywhere, says "not json" before any bound does */
  if (memchr (p, '\0', end - p) == NULL)
    return SCAN_FAILED;
  g_clear_error (error);

nul:
  g_set_error_literal (error, VIGIE_FEED_ERROR, VIGIE_FEED_ERROR_NOT_JSON, "not json");
  return SCAN_FAILED;
}

/**
 * vigie_json_load_bounded:
 * @body: a response body, not NUL-terminated
 *
 * Parses @body as JSON after checking its depth and size, so that no
 * document can exhaust the stack or memory.  UTF-16 with a byte order mark
 * is converted; invalid UTF-8 sequences become U+FFFD instead of failing the
 * whole feed (json-glib refuses them).
 *
 * Returns: (transfer full): the root node, or %NULL with @error set
 */
JsonNode *
vigie_json_load_bounded (GBytes  *body,
                         GError **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *converted = NULL;
  g_autofree char *valid = NULL;
  gsize size;
  const char *data;
  JsonNode *root;

  g_return_val_if_fail (body != NULL, NULL);

  data = g_bytes_get_data (body, &size);
  /* before any pointer arithmetic: an empty GBytes may hold NULL */
  if (size == 0)
    {
      g_set_error_literal (error, VIGIE_FEED_ERROR, VIGIE_FEED_ERROR_EMPTY, "empty response");
      return NULL;
    }

  /* an empty GBytes may hold no pointer at all: no arithmetic on it */
  if (size == 0)
    {
      g_set_error_literal (error, VIGIE_FEED_ERROR, VIGIE_FEED_ERROR_EMPTY, "empty response");
      return NULL;
    }

  if (size >= 2 && (((guint8) data[0] == 0xfe && (guint8) data[1] == 0xff)
                    || ((guint8) data[0] == 0xff && (guint8) data[1] == 0xfe)))
    {
      gsize written = 0;

      converted = g_convert (data, size, "UTF-8", "UTF-16", NULL, &written, NULL);
      if (converted == NULL)
        {
          g_set_error_literal (error, VIGIE_FEED_ERROR, VIGIE_FEED_ERROR_NOT_JSON, "not json");
          return NULL;
        }
      data = converted;
      size = written;
    }

  if (size >= 3 && (guint8) data[0] == 0xef && (guint8) data[1] == 0xbb
      && (guint8) data[2] == 0xbf)
    {
      data += 3;
      size -= 3;
    }

  if (skip_blanks ((const guint8 *) data, (const guint8 *) data + size)
      == (const guint8 *) data + size)
    {
      g_set_error_literal (error, VIGIE_FEED_ERROR, VIGIE_FEED_ERROR_EMPTY, "empty response");
      return NULL;
    }

  if (vigie_json_looks_like_html (body))
    {
      g_set_error_literal (error, VIGIE_FEED_ERROR, VIGIE_FEED_ERROR_HTML,
                           "html page instead of a feed");
      return NULL;
    }

  switch (scan (data, size, error))
    {
    case SCAN_FAILED:
      return NULL;
    case SCAN_INVALID_UTF8:
      valid = g_utf8_make_valid (data, size);
      data = valid;
      size = strlen (valid);
      break;
    case SCAN_OK:
    default:
      break;
    }

  /* Mutable: nothing changes a loaded document, and sealing every node
   * of an immutable parser's tree costs about a tenth of the parse. */
  parser = json_parser_new ();
  if (!json_parser_load_from_data (parser, data, size, &local_error))
    {
      g_debug ("JSON parse error: %s", local_error->message);
      g_set_error_literal (error, VIGIE_FEED_ERROR, VIGIE_FEED_ERROR_NOT_JSON, "not json");
      return NULL;
    }

  root = json_parser_get_root (parser);
  if (root == NULL)
    {
      g_set_error_literal (error, VIGIE_FEED_ERROR, VIGIE_FEED_ERROR_EMPTY, "empty response");
      return NULL;
    }

  return json_node_ref (root);
}

static JsonNode *
get_member (JsonObject *object,
            const char *member)
{
  if (object == NULL)
    return NULL;

  return json_object_get_member (object, member);
}

static JsonNode *
get_element (JsonArray *array,
             guint      index)
{
  if (array == NULL || index >= json_array_get_length (array))
    return NULL;

  return json_array_get_element (array, index);
}

/**
 * vigie_json_get_object:
 *
 * Returns: (transfer none) (nullable): the member if it is an object
 */
JsonObject *
vigie_json_get_object (JsonObject *object,
                       const char *member)
{
  JsonNode *node = get_member (object, member);

  return node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

/**
 * vigie_json_get_array:
 *
 * Returns: (transfer none) (nullable): the member if it is an array
 */
JsonArray *
vigie_json_get_array (JsonObject *object,
                      const char *member)
{
  JsonNode *node = get_member (object, member);

  return node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
}

/**
 * vigie_json_get_string:
 *
 * Returns: (transfer none) (nullable): the member if it is a string
 */
const char *
vigie_json_get_string (JsonObject *object,
                       const char *member)
{
  JsonNode *node = get_member (object, member);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node)
      || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;

  return json_node_get_string (node);
}

gboolean
vigie_json_get_boolean (JsonObject *object,
                        const char *member,
                        gboolean    fallback)
{
  JsonNode *node = get_member (object, member);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node)
      || json_node_get_value_type (node) != G_TYPE_BOOLEAN)
    return fallback;

  return json_node_get_boolean (node);
}

/**
 * vigie_json_dup_id:
 *
 * Identifiers come as strings in some feeds and as numbers in others
 * (Slack documents strings and serves integers).
 *
 * Returns: (transfer full) (nullable): the member as a string
 */
char *
vigie_json_dup_id (JsonObject *object,
                   const char *member)
{
  JsonNode *node = get_member (object, member);
  GType type;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return NULL;

  type = json_node_get_value_type (node);
  /* json-glib decodes a lone "\ud800" to bytes that are not UTF-8; an id
   * is shown and saved, so it is text */
  if (type == G_TYPE_STRING)
    return g_utf8_make_valid (json_node_get_string (node), -1);
  if (type == G_TYPE_INT64)
    return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
  if (type == G_TYPE_DOUBLE)
    {
      double value = json_node_get_double (node);
      char buffer[G_ASCII_DTOSTR_BUF_SIZE];

      return g_strdup (g_ascii_dtostr (buffer, sizeof buffer, value));
    }

  return NULL;
}

/**
 * vigie_json_get_time:
 *
 * Reads an RFC 3339 / ISO 8601 time; one without an offset is taken as UTC.
 *
 * Returns: (transfer full) (nullable): the time, or %NULL if absent or unreadable
 */
GDateTime *
vigie_json_get_time (JsonObject *object,
                     const char *member)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  const char *text = vigie_json_get_string (object, member);

  if (text == NULL || strlen (text) > 64)
    return NULL;

  return g_date_time_new_from_iso8601 (text, utc);
}

/**
 * vigie_json_array_get_object:
 *
 * Returns: (transfer none) (nullable): the element if it is an object
 */
JsonObject *
vigie_json_array_get_object (JsonArray *array,
                             guint      index)
{
  JsonNode *node = get_element (array, index);

  return node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

/**
 * vigie_json_array_get_string:
 *
 * Returns: (transfer none) (nullable): the element if it is a string
 */
const char *
vigie_json_array_get_string (JsonArray *array,
                             guint      index)
{
  JsonNode *node = get_element (array, index);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node)
      || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;

  return json_node_get_string (node);
}

/**
 * vigie_json_array_find_newest_full:
 * @array: (nullable): an array, whose elements that are not objects are
 *   passed over
 * @time_member: the member holding an element's time
 * @fallback_member: (nullable): the member read when @time_member is
 *   absent or unreadable
 * @skip: (nullable): elements for which it returns %TRUE are passed over
 *
 * Picks the newest object of @array by time, for feeds whose lists are
 * newest first in every capture but say nothing of their order.  An object
 * without a readable time never displaces one before it, and of two equal
 * times the earlier object stays: when no time can be read, the first
 * object wins, which is the newest when the feed keeps its usual order.
 *
 * Returns: (transfer none) (nullable): the newest object, or %NULL when
 *   @array holds none
 */
JsonObject *
vigie_json_array_find_newest_full (JsonArray             *array,
                                   const char            *time_member,
                                   const char            *fallback_member,
                                   VigieJsonObjectFilter  skip)
{
  JsonObject *newest = NULL;
  g_autoptr(GDateTime) newest_time = NULL;

  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonObject *object = vigie_json_array_get_object (array, i);
      g_autoptr(GDateTime) when = NULL;

      if (object == NULL || (skip != NULL && skip (object)))
        continue;

      when = vigie_json_get_time (object, time_member);
      if (when == NULL && fallback_member != NULL)
        when = vigie_json_get_time (object, fallback_member);

      if (newest == NULL || (when != NULL && (newest_time == NULL
                                              || g_date_time_compare (when, newest_time) > 0)))
        {
          newest = object;
          g_clear_pointer (&newest_time, g_date_time_unref);
          newest_time = g_steal_pointer (&when);
        }
    }

  return newest;
}

/**
 * vigie_json_array_find_newest:
 *
 * vigie_json_array_find_newest_full() without a filter.
 *
 * Returns: (transfer none) (nullable): the newest object
 */
JsonObject *
vigie_json_array_find_newest (JsonArray  *array,
                              const char *time_member,
                              const char *fallback_member)
{
  return vigie_json_array_find_newest_full (array, time_member, fallback_member, NULL);
}

/**
 * vigie_json_add_string:
 * @value: (nullable): nothing is added for %NULL
 *
 * Adds a string member to the object being built.
 */
void
vigie_json_add_string (JsonBuilder *builder,
                       const char  *member,
                       const char  *value)
{
  if (value == NULL)
    return;

  json_builder_set_member_name (builder, member);
  json_builder_add_string_value (builder, value);
}

/**
 * vigie_json_add_time:
 * @time: (nullable): nothing is added for %NULL
 *
 * Adds a time member, in ISO 8601 (read back by vigie_json_get_time()).
 */
void
vigie_json_add_time (JsonBuilder *builder,
                     const char  *member,
                     GDateTime   *time)
{
  g_autofree char *text = time != NULL ? g_date_time_format_iso8601 (time) : NULL;

  vigie_json_add_string (builder, member, text);
}

/**
 * vigie_json_builder_to_bytes:
 *
 * Returns: (transfer full): the built document, indented (people read the
 *   saved state)
 */
GBytes *
vigie_json_builder_to_bytes (JsonBuilder *builder)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = json_builder_get_root (builder);
  gsize length;
  char *text;

  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  text = json_generator_to_data (generator, &length);

  return g_bytes_new_take (text, length);
}
