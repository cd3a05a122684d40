/* fuzz-dates.c: every date reader of the parsers, on any text put where the
 * feeds put their dates
 *
 * The readers are private to their formats, so the input goes through the
 * public path, in a well-formed document: RFC 3339 JSON members
 * (vigie_json_get_time()), Instatus's JavaScript Date strings, Atom's
 * <updated> and its updates' "Nov 29, 02:10 UTC" stamps, RSS's RFC 822
 * <pubDate>.
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vigie-fuzz"

#include "config.h"

#include <string.h>

#include "vigie-feeds.h"
#include "vigie-fuzz.h"
#include "vigie-json.h"

static void
parse_and_check (const char *format,
                 const char *document)
{
  g_autoptr(GBytes) body = g_bytes_new (document, strlen (document));
  g_autoptr(GDateTime) now = vigie_fuzz_now ();
  g_autoptr(GError) error = NULL;
  g_autoptr(VigieSnapshot) snapshot = vigie_feeds_parse (format, body, now, &error);

  g_assert_true ((snapshot == NULL) != (error == NULL));
  if (snapshot != NULL)
    vigie_fuzz_check_snapshot (snapshot);
}

static void
try_json_member (const char *text)
{
  g_autoptr(JsonObject) object = json_object_new ();
  g_autoptr(GDateTime) when = NULL;

  json_object_set_string_member (object, "t", text);
  when = vigie_json_get_time (object, "t");
  if (when != NULL)
    g_assert_cmpint (g_date_time_get_year (when), >=, 1);
}

static void
try_instatus (const char *text)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *document = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "page");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "status");
  json_builder_add_string_value (builder, "HASISSUES");
  json_builder_end_object (builder);
  json_builder_set_member_name (builder, "activeIncidents");
  json_builder_begin_array (builder);
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "name");
  json_builder_add_string_value (builder, "Sync");
  json_builder_set_member_name (builder, "started");
  json_builder_add_string_value (builder, text);
  json_builder_end_object (builder);
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "activeMaintenances");
  json_builder_begin_array (builder);
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "name");
  json_builder_add_string_value (builder, "Upgrade");
  json_builder_set_member_name (builder, "start");
  json_builder_add_string_value (builder, text);
  json_builder_end_object (builder);
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  document = json_to_string (root, FALSE);
  parse_and_check ("instatus", document);
}

static void
try_atom (const char *text)
{
  g_autofree char *xml = g_markup_escape_text (text, -1);
  /* the update stamp is HTML inside the XML: escaped twice */
  g_autofree char *html = g_strdup_printf ("<p><small>%s</small><br><strong>Update</strong> - "
                                           "Still looking.</p>", xml);
  g_autofree char *html_in_xml = g_markup_escape_text (html, -1);
  g_autofree char *atom = g_strdup_printf (
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>Example Status</title>"
    "<entry><id>tag:1</id><published>%s</published><updated>%s</updated>"
    "<title>Sync fails</title><content type=\"html\">%s</content></entry>"
    "<entry><id>tag:2</id><updated>2026-11-28T22:00:00Z</updated>"
    "<title>Login fails</title><content type=\"html\">%s</content></entry></feed>",
    xml, xml, html_in_xml, html_in_xml);
  g_autofree char *rss = g_strdup_printf (
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<rss version=\"2.0\"><channel><title>Example Status</title><pubDate>%s</pubDate>"
    "<item><title>Sync fails</title><description>%s</description><pubDate>%s</pubDate>"
    "<guid>1</guid></item></channel></rss>",
    xml, html_in_xml, xml);

  parse_and_check ("atom", atom);
  parse_and_check ("atom", rss);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *text = NULL;

  vigie_fuzz_init ();

  /* dates are short: the readers refuse long ones before reading them */
  if (size > 128)
    return 0;
  /* the documents carry text, which is valid UTF-8 once the XML or JSON
   * layer has read it */
  text = g_utf8_make_valid ((const char *) data, size);

  try_json_member (text);
  try_instatus (text);
  try_atom (text);

  return 0;
}
