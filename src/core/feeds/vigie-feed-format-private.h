/* vigie-feed-format-private.h: what each parser provides to the registry,
 * and the helpers the parsers share (core only)
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "vigie-feeds.h"
#include "vigie-snapshot-private.h"

G_BEGIN_DECLS

/**
 * VigieFeedFormat:
 * @id: stable name, as in the catalog and in JSON output
 * @label: the vendor's product name (not translated)
 * @min_interval: the shortest poll interval, in seconds, the vendor asks
 *   for (0 when it says nothing); large history feeds ask for more
 * @components_complete: %TRUE when a readable document always lists every
 *   component of the page (Statuspage summary, Microsoft rows, Status.io,
 *   Webex), so that a component it does not name does not exist there;
 *   %FALSE when components appear only while an incident names them
 *   (Google, Slack beyond its documented features, Instatus, Atom), so
 *   that a component it does not name is simply not in trouble.  The
 *   component filter of a service reads it (see vigie_snapshot_filter()).
 * @detect_json: does this JSON document look like this format?  Called on
 *   any JSON, so it must be cheap and forgiving.
 * @parse_json: JSON document -> snapshot; @now is for "is this window open"
 *   questions.  Missing or wrongly typed members never crash: they end as
 *   unknown or as an error.
 * @detect_xml / @parse_xml: the same for XML formats (raw bytes)
 */
typedef struct
{
  const char *id;
  const char *label;
  guint min_interval;
  gboolean components_complete;
  gboolean (*detect_json) (JsonNode *root);
  VigieSnapshot *(*parse_json) (JsonNode   *root,
                                GDateTime  *now,
                                GError    **error);
  gboolean (*detect_xml) (GBytes *body);
  VigieSnapshot *(*parse_xml) (GBytes     *body,
                               GDateTime  *now,
                               GError    **error);
} VigieFeedFormat;

extern const VigieFeedFormat vigie_feed_format_statuspage;
extern const VigieFeedFormat vigie_feed_format_slack;
extern const VigieFeedFormat vigie_feed_format_google;
extern const VigieFeedFormat vigie_feed_format_microsoft;
extern const VigieFeedFormat vigie_feed_format_instatus;
extern const VigieFeedFormat vigie_feed_format_statusio;
extern const VigieFeedFormat vigie_feed_format_webex;
extern const VigieFeedFormat vigie_feed_format_atom;
extern const VigieFeedFormat vigie_feed_format_cachet;

/**
 * VigieValueMap:
 * @value: a status word of the feed
 * @severity: what it means on Vigie's scale
 *
 * A row of the table in which a format reads its status words; the tables
 * stay with their parsers, where the words are documented.
 */
typedef struct
{
  const char *value;
  VigieSeverity severity;
} VigieValueMap;

/**
 * VigieValueMatch:
 * @VIGIE_VALUE_MATCH_EXACT: byte for byte
 * @VIGIE_VALUE_MATCH_CASELESS: ignoring ASCII case
 * @VIGIE_VALUE_MATCH_FOLDED: as folded by vigie_value_fold(), against a
 *   table written folded
 */
typedef enum
{
  VIGIE_VALUE_MATCH_EXACT,
  VIGIE_VALUE_MATCH_CASELESS,
  VIGIE_VALUE_MATCH_FOLDED,
} VigieValueMatch;

char           *vigie_value_fold            (const char          *value);
gboolean        vigie_value_map_lookup      (const VigieValueMap *map,
                                             gsize                n_entries,
                                             const char          *value,
                                             VigieSeverity       *out_severity);
gboolean        vigie_value_map_lookup_full (const VigieValueMap *map,
                                             gsize                n_entries,
                                             const char          *value,
                                             VigieValueMatch      match,
                                             VigieSeverity       *out_severity);
VigieSeverity   vigie_value_map_get         (const VigieValueMap *map,
                                             gsize                n_entries,
                                             const char          *value);

char           *vigie_feed_shown_value            (const char    *value);
VigieComponent *vigie_feed_find_component         (GPtrArray     *components,
                                                   const char    *name);
void            vigie_feed_add_affected_component (VigieIncident *incident,
                                                   const char    *raw_name);
void            vigie_feed_finish_snapshot        (VigieSnapshot *snapshot,
                                                   VigieSeverity  severity,
                                                   gboolean       maintenance_running,
                                                   const char    *reason,
                                                   const char    *fallback_reason,
                                                   const char    *summary);

G_END_DECLS
