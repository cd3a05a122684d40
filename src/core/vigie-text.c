/* vigie-text.c: turning untrusted feed text into safe plain text and links
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vigie-text"

#include "config.h"

#include <gio/gio.h>
#include <string.h>

#include "vigie-limits.h"
#include "vigie-text.h"

/* Characters that must never reach a label or a notification: C0/C1
 * controls (but line feed), and the bidirectional overrides that can make a
 * hostile title read as something else. */
static gboolean
is_forbidden_char (gunichar c)
{
  if (c == '\n')
    return FALSE;
  if (c < 0x20 || (c >= 0x7f && c < 0xa0))
    return TRUE;
  if ((c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069))
    return TRUE;
  if (c == 0x200e || c == 0x200f || c == 0x061c || c == 0xfeff)
    return TRUE;
  return FALSE;
}

/**
 * vigie_text_clean:
 * @text: (nullable): any bytes, NUL-terminated
 * @max_chars: the most characters to keep; longer text ends with "…"
 *
 * Makes feed text fit to show: valid UTF-8, no control characters (tabs
 * become spaces, CR LF becomes LF, at most one blank line in a row), no
 * leading or trailing blanks, bounded length.
 *
 * Returns: (transfer full) (nullable): the text, or %NULL if nothing is left
 */
char *
vigie_text_clean (const char *text,
                  gsize       max_chars)
{
  g_autofree char *valid = NULL;
  g_autoptr(GString) out = NULL;
  guint newlines = 0;
  gsize n_chars = 0;
  gboolean truncated = FALSE;

  if (text == NULL)
    return NULL;

  valid = g_utf8_make_valid (text, -1);
  out = g_string_sized_new (MIN (strlen (valid), max_chars * 4) + 4);

  for (const char *p = valid; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == '\r' || c == 0x2028 || c == 0x2029)
        c = '\n';
      else if (c == '\t' || c == 0xa0 /* keep NBSP as a space in plain text */)
        c = ' ';

      if (c == '\n')
        {
          /* CR LF, and runs of blank lines, collapse */
          if (*p == '\r' && p[1] == '\n')
            continue;
          newlines++;
          if (out->len == 0 || newlines > 2)
            continue;
        }
      else if (is_forbidden_char (c))
        {
          continue;
        }
      else
        {
          if (c == ' ' && (out->len == 0 || out->str[out->len - 1] == ' '
                           || out->str[out->len - 1] == '\n'))
            continue;
          newlines = 0;
        }

      if (n_chars >= max_chars)
        {
          /* blanks past the limit would be trimmed anyway: only real text
           * makes the text longer than the limit */
          if (c == ' ' || c == '\n')
            continue;
          truncated = TRUE;
          break;
        }

      /* no trailing spaces before a line break */
      if (c == '\n')
        while (out->len > 0 && out->str[out->len - 1] == ' ')
          g_string_truncate (out, out->len - 1);

      g_string_append_unichar (out, c);
      n_chars++;
    }

  while (out->len > 0 && (out->str[out->len - 1] == ' ' || out->str[out->len - 1] == '\n'))
    g_string_truncate (out, out->len - 1);

  if (truncated && out->len > 0)
    g_string_append (out, "…");

  if (out->len == 0)
    return NULL;

  return g_string_free (g_steal_pointer (&out), FALSE);
}

static gboolean
append_entity (GString     *out,
               const char  *p,
               const char **end)
{
  static const struct { const char *name; gunichar c; } named[] = {
    { "amp", '&' }, { "lt", '<' }, { "gt", '>' }, { "quot", '"' }, { "apos", '\'' },
    { "nbsp", ' ' }, { "rsquo", 0x2019 }, { "lsquo", 0x2018 }, { "ldquo", 0x201c },
    { "rdquo", 0x201d }, { "hellip", 0x2026 }, { "mdash", 0x2014 }, { "ndash", 0x2013 },
  };
  const char *semi = p + 1;
  gsize len;

  while (*semi != '\0' && *semi != ';' && semi - p < 12)
    semi++;
  if (*semi != ';')
    return FALSE;

  len = semi - (p + 1);
  if (len >= 2 && p[1] == '#')
    {
      g_autofree char *digits = g_strndup (p + 2, len - 1);
      guint64 value;
      char *digits_end;

      if (digits[0] == 'x' || digits[0] == 'X')
        value = g_ascii_strtoull (digits + 1, &digits_end, 16);
      else
        value = g_ascii_strtoull (digits, &digits_end, 10);

      if (*digits_end != '\0' || digits_end == digits || value == 0
          || value > 0x10ffff || !g_unichar_validate ((gunichar) value))
        return FALSE;

      g_string_append_unichar (out, (gunichar) value);
      *end = semi + 1;
      return TRUE;
    }

  for (guint i = 0; i < G_N_ELEMENTS (named); i++)
    {
      if (strlen (named[i].name) == len && strncmp (p + 1, named[i].name, len) == 0)
        {
          g_string_append_unichar (out, named[i].c);
          *end = semi + 1;
          return TRUE;
        }
    }

  return FALSE;
}

static gboolean
tag_breaks_line (const char *tag)
{
  static const char * const block_tags[] = {
    "br", "p", "/p", "div", "/div", "li", "ul", "/ul", "ol", "/ol", "tr", "h1", "h2", "h3",
    "h4", "/h1", "/h2", "/h3", "/h4",
  };

  for (guint i = 0; i < G_N_ELEMENTS (block_tags); i++)
    {
      gsize len = strlen (block_tags[i]);

      if (g_ascii_strncasecmp (tag, block_tags[i], len) == 0
          && (tag[len] == '>' || tag[len] == ' ' || tag[len] == '/'))
        return TRUE;
    }

  return FALSE;
}

/**
 * vigie_text_from_html:
 * @html: (nullable): text that may hold HTML tags and entities
 * @max_chars: as for vigie_text_clean()
 *
 * Drops tags (block tags become line breaks) and decodes entities, then
 * cleans the result.  Only what looks like a tag is dropped, so "a < b"
 * survives.
 *
 * Returns: (transfer full) (nullable): plain text
 */
char *
vigie_text_from_html (const char *html,
                      gsize       max_chars)
{
  g_autoptr(GString) out = NULL;
  const char *close = NULL;
  gboolean no_more_close = FALSE;
  const char *p;

  if (html == NULL)
    return NULL;

  out = g_string_sized_new (strlen (html));
  p = html;

  while (*p != '\0')
    {
      if (*p == '<' && (g_ascii_isalpha (p[1]) || p[1] == '/' || p[1] == '!'))
        {
          /* remember the next ">": searching again from every "<" of a
           * text without one would be quadratic */
          if (!no_more_close && (close == NULL || close < p))
            {
              close = strchr (p, '>');
              no_more_close = close == NULL;
            }

          if (!no_more_close)
            {
              if (tag_breaks_line (p + 1))
                g_string_append_c (out, '\n');
              p = close + 1;
              continue;
            }
        }
      else if (*p == '&')
        {
          const char *end;

          if (append_entity (out, p, &end))
            {
              p = end;
              continue;
            }
        }

      g_string_append_c (out, *p);
      p++;
    }

  return vigie_text_clean (out->str, max_chars);
}

/**
 * vigie_text_flatten:
 * @text: (nullable): cleaned text, changed in place
 *
 * Puts text on one line: each line break becomes a space, and the spaces
 * they leave in a row become one.  For titles and names, which are shown
 * in menus, tables and headings.
 */
void
vigie_text_flatten (char *text)
{
  char *out = text;
  gboolean after_space = FALSE;

  if (text == NULL)
    return;

  for (const char *in = text; *in != '\0'; in++)
    {
      char c = *in == '\n' ? ' ' : *in;

      if (c == ' ' && after_space)
        continue;

      after_space = c == ' ';
      *out++ = c;
    }
  *out = '\0';
}

static gboolean
host_is_loopback (const char *host)
{
  g_autoptr(GInetAddress) address = NULL;
  g_autofree char *bare = NULL;

  if (host == NULL)
    return FALSE;

  if (g_ascii_strcasecmp (host, "localhost") == 0)
    return TRUE;

  /* GUri keeps IPv6 literals without their brackets, but be lenient */
  if (host[0] == '[' && g_str_has_suffix (host, "]"))
    host = bare = g_strndup (host + 1, strlen (host) - 2);

  address = g_inet_address_new_from_string (host);
  return address != NULL && g_inet_address_get_is_loopback (address);
}

/**
 * vigie_link_is_loopback:
 *
 * Returns: %TRUE if @uri names this machine (localhost, 127.0.0.0/8, ::1)
 */
gboolean
vigie_link_is_loopback (const char *uri)
{
  g_autoptr(GUri) parsed = NULL;

  if (uri == NULL)
    return FALSE;

  parsed = g_uri_parse (uri, G_URI_FLAGS_NONE, NULL);
  return parsed != NULL && host_is_loopback (g_uri_get_host (parsed));
}

/* A host name or address a resolver could take: no blanks, controls or
 * URI punctuation (GUri accepts "ex ample.com" as a host).  Non-ASCII
 * bytes are left to IDN. */
static gboolean
host_is_plausible (const char *host)
{
  if (host == NULL || *host == '\0')
    return FALSE;

  for (const guchar *p = (const guchar *) host; *p != '\0'; p++)
    {
      if (*p >= 0x80)
        continue;
      if (!g_ascii_isalnum (*p) && *p != '-' && *p != '.' && *p != '_' && *p != ':')
        return FALSE;
    }

  return TRUE;
}

/**
 * vigie_link_is_fetchable:
 *
 * Returns: %TRUE for an https: URI, or an http: URI on a loopback host:
 *   the only URIs Vigie fetches or opens
 */
gboolean
vigie_link_is_fetchable (const char *uri)
{
  g_autoptr(GUri) parsed = NULL;
  const char *scheme;

  if (uri == NULL || strlen (uri) > VIGIE_MAX_URL_BYTES)
    return FALSE;

  parsed = g_uri_parse (uri, G_URI_FLAGS_NONE, NULL);
  if (parsed == NULL || !host_is_plausible (g_uri_get_host (parsed)))
    return FALSE;

  scheme = g_uri_get_scheme (parsed);
  if (g_ascii_strcasecmp (scheme, "https") == 0)
    return TRUE;

  return g_ascii_strcasecmp (scheme, "http") == 0 && host_is_loopback (g_uri_get_host (parsed));
}

/**
 * vigie_link_sanitize:
 * @uri: (nullable): a link found in a feed
 *
 * Feeds link to their incidents; some still with plain http: (old
 * Statuspage short links).  A plain http: link to another host is upgraded
 * to https:; any other scheme (javascript:, file:, …) is refused.  Escapes
 * are kept as they are ("?q=%26" keeps its meaning) and credentials are
 * dropped ("https://bank.example@evil.example/" names evil.example).
 *
 * Returns: (transfer full) (nullable): a link safe to open, or %NULL
 */
char *
vigie_link_sanitize (const char *uri)
{
  g_autoptr(GUri) parsed = NULL;
  g_autoptr(GUri) rebuilt = NULL;
  g_autofree char *trimmed = NULL;
  g_autofree char *result = NULL;
  const char *scheme;
  const char *host;
  int port;

  if (uri == NULL)
    return NULL;

  trimmed = g_strstrip (g_strdup (uri));
  if (strlen (trimmed) > VIGIE_MAX_URL_BYTES)
    return NULL;

  parsed = g_uri_parse (trimmed, G_URI_FLAGS_ENCODED, NULL);
  if (parsed == NULL)
    return NULL;

  scheme = g_uri_get_scheme (parsed);
  host = g_uri_get_host (parsed);
  port = g_uri_get_port (parsed);
  if (!host_is_plausible (host))
    return NULL;

  if (g_ascii_strcasecmp (scheme, "http") == 0 && !host_is_loopback (host))
    {
      /* the port belonged to plain http */
      scheme = "https";
      port = -1;
    }
  else if (g_ascii_strcasecmp (scheme, "https") != 0 && g_ascii_strcasecmp (scheme, "http") != 0)
    {
      return NULL;
    }

  rebuilt = g_uri_build (G_URI_FLAGS_ENCODED, scheme, NULL, host, port,
                         g_uri_get_path (parsed), g_uri_get_query (parsed),
                         g_uri_get_fragment (parsed));
  result = g_uri_to_string (rebuilt);

  return vigie_link_is_fetchable (result) ? g_steal_pointer (&result) : NULL;
}

static void
launch_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!g_app_info_launch_default_for_uri_finish (result, &error))
    g_warning ("Could not open a page: %s", error->message);
}

/**
 * vigie_link_open:
 * @uri: (nullable): a link, from a feed or from the configuration
 *
 * Opens @uri in the user's browser (through the OpenURI portal inside
 * Flatpak), if it is safe to open: https:, or http: on this machine.
 *
 * Returns: %TRUE if the link was handed to the desktop
 */
gboolean
vigie_link_open (const char *uri)
{
  if (uri == NULL || !vigie_link_is_fetchable (uri))
    return FALSE;

  g_app_info_launch_default_for_uri_async (uri, NULL, NULL, launch_cb, NULL);
  return TRUE;
}
