/* test-catalog.c: the built-in catalog, component filters and feed discovery
 *
 * The catalog is data that ships with Vigie: every entry is checked for
 * what the rest of the code relies on.  Component filters are checked on
 * synthetic snapshots, on the project's own fixtures and through a
 * service polling a server on 127.0.0.1; feed discovery against such a
 * server serving a status page's home.
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "feeds/vigie-feeds.h"
#include "vigie-catalog.h"
#include "vigie-discover-private.h"
#include "vigie-fetcher.h"
#include "vigie-service.h"
#include "vigie-snapshot-private.h"
#include "vigie-test-utils.h"
#include "vigie-text.h"

#define MIN_ENTRIES 150

static const char * const expected_categories[] = {
  "chat", "video", "mail-calendar", "documents", "development", "design",
  "project-management", "support", "crm", "hr-payroll", "cloud", "security", "ai", "other", NULL
};

static const char * const expected_defaults[] = {
  "slack", "zoom", "google-workspace", "microsoft-365", NULL
};

/* ---------------------------------------------------------------------- */
/* The catalog                                                              */

/* Shared while held, freed when the last holder lets it go */
static void
test_catalog_shared_while_held (void)
{
  VigieCatalog *first = vigie_catalog_dup_default ();
  VigieCatalog *second = vigie_catalog_dup_default ();
  VigieCatalog *gone = first;

  g_assert_true (first == second);
  g_object_add_weak_pointer (G_OBJECT (first), (gpointer *) &gone);
  g_object_unref (second);
  g_assert_nonnull (gone);
  g_object_unref (first);
  g_assert_null (gone);

  /* and read again when asked for again */
  first = vigie_catalog_dup_default ();
  g_assert_cmpstr (vigie_catalog_get_entry (first, 0)->id, ==, "slack");
  g_object_unref (first);
}

static void
test_catalog_entries (void)
{
  g_autoptr(VigieCatalog) catalog = vigie_catalog_dup_default ();
  g_autoptr(GHashTable) ids = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) names = g_hash_table_new (g_str_hash, g_str_equal);
  guint n = vigie_catalog_get_n_entries (catalog);

  g_test_message ("%u services in the catalog", n);
  g_assert_cmpuint (n, >=, MIN_ENTRIES);

  /* Slack comes first */
  g_assert_cmpstr (vigie_catalog_get_entry (catalog, 0)->id, ==, "slack");

  for (guint i = 0; i < n; i++)
    {
      const VigieCatalogEntry *entry = vigie_catalog_get_entry (catalog, i);

      g_test_message ("%s: %s (%s) %s", entry->id, entry->name, entry->format, entry->feed);

      /* ids: stable, unique, found again by lookup */
      g_assert_true (vigie_catalog_id_is_valid (entry->id));
      g_assert_false (g_hash_table_contains (ids, entry->id));
      g_hash_table_add (ids, entry->id);
      g_assert_true (vigie_catalog_lookup (catalog, entry->id) == entry);

      /* names present, one line, and not twice */
      g_assert_nonnull (entry->name);
      g_assert_cmpuint (strlen (entry->name), >, 0);
      g_assert_null (strchr (entry->name, '\n'));
      g_assert_false (g_hash_table_contains (names, entry->name));
      g_hash_table_add (names, entry->name);

      /* every address https:, and one Vigie may fetch or open */
      g_assert_true (g_str_has_prefix (entry->feed, "https://"));
      g_assert_true (vigie_link_is_fetchable (entry->feed));
      g_assert_nonnull (entry->status_page);
      g_assert_true (g_str_has_prefix (entry->status_page, "https://"));
      g_assert_true (vigie_link_is_fetchable (entry->status_page));

      /* a format the parsers know: catalog entries are never "auto" */
      g_assert_nonnull (entry->format);
      g_assert_true (vigie_feeds_is_known_format (entry->format));

      /* a category of the fixed set, with a label */
      g_assert_true (g_strv_contains (expected_categories, entry->category));
      g_assert_nonnull (vigie_catalog_get_category_label (entry->category));

      /* where the address comes from, and words to find it by */
      g_assert_nonnull (entry->source);
      g_assert_cmpuint (strlen (entry->source), >, 10);
      g_assert_nonnull (entry->keywords);
      g_assert_cmpuint (g_strv_length (entry->keywords), >, 0);
      for (guint j = 0; entry->keywords[j] != NULL; j++)
        g_assert_cmpuint (strlen (entry->keywords[j]), >, 0);

      /* components, when listed, are names and each once */
      g_assert_nonnull (entry->components);
      for (guint j = 0; entry->components[j] != NULL; j++)
        {
          g_assert_cmpuint (strlen (entry->components[j]), >, 0);
          for (guint k = 0; k < j; k++)
            g_assert_cmpstr (entry->components[j], !=, entry->components[k]);
        }
    }
}

/* The words people type in the preferences' search, in French and in
 * English, find tools (matched as the search does: word prefixes, case
 * and accents folded) */
static void
test_catalog_search_words (void)
{
  g_autoptr(VigieCatalog) catalog = vigie_catalog_dup_default ();
  static const struct
  {
    const char *word;
    const char *category;
    guint at_least;
  } words[] = {
    { "courriel", "mail-calendar", 10 },
    { "email", "mail-calendar", 10 },
    { "paie", "hr-payroll", 5 },
    { "payroll", "hr-payroll", 5 },
    { "visio", "video", 5 },
    { "meetings", "video", 5 },
    { "sécurité", "security", 10 },
    { "securite", "security", 10 },
    { "assistance", "support", 4 },
  };

  for (guint w = 0; w < G_N_ELEMENTS (words); w++)
    {
      guint found = 0;

      for (guint i = 0; i < vigie_catalog_get_n_entries (catalog); i++)
        {
          const VigieCatalogEntry *entry = vigie_catalog_get_entry (catalog, i);
          gboolean match = FALSE;

          for (guint k = 0; entry->keywords[k] != NULL && !match; k++)
            match = g_str_match_string (words[w].word, entry->keywords[k], TRUE);
          if (match && g_str_equal (entry->category, words[w].category))
            found++;
        }

      g_test_message ("\"%s\": %u tools", words[w].word, found);
      g_assert_cmpuint (found, >=, words[w].at_least);
    }
}

/* Two of the most common work tools, on the pages they moved to */
static void
test_catalog_linear_notion (void)
{
  g_autoptr(VigieCatalog) catalog = vigie_catalog_dup_default ();
  const VigieCatalogEntry *linear = vigie_catalog_lookup (catalog, "linear");
  const VigieCatalogEntry *notion = vigie_catalog_lookup (catalog, "notion");

  g_assert_nonnull (linear);
  g_assert_cmpstr (linear->feed, ==, "https://linearstatus.com/api/v2/summary.json");
  g_assert_cmpstr (linear->format, ==, "statuspage");
  g_assert_nonnull (notion);
  g_assert_cmpstr (notion->feed, ==, "https://www.notion-status.com/api/v2/summary.json");
  g_assert_cmpstr (notion->format, ==, "statuspage");
}

/* A Statuspage page is read where it tells incidents and components, not
 * at the status.json rollup that tells neither */
static void
test_catalog_statuspage_documents (void)
{
  g_autoptr(VigieCatalog) catalog = vigie_catalog_dup_default ();

  for (guint i = 0; i < vigie_catalog_get_n_entries (catalog); i++)
    {
      const VigieCatalogEntry *entry = vigie_catalog_get_entry (catalog, i);

      if (!g_str_equal (entry->format, "statuspage"))
        continue;
      g_test_message ("%s: %s", entry->id, entry->feed);
      g_assert_true (g_str_has_suffix (entry->feed, "/api/v2/summary.json")
                     || g_str_has_suffix (entry->feed, "/api/v2/components.json"));
    }
}

/* no stray spaces around a name */
static void
test_catalog_names_trimmed (void)
{
  g_autoptr(VigieCatalog) catalog = vigie_catalog_dup_default ();

  for (guint i = 0; i < vigie_catalog_get_n_entries (catalog); i++)
    {
      const char *name = vigie_catalog_get_entry (catalog, i)->name;

      g_assert_cmpuint (strlen (name), >, 0);
      g_assert_false (g_ascii_isspace (name[0]));
      g_assert_false (g_ascii_isspace (name[strlen (name) - 1]));
    }
}

static void
test_catalog_defaults (void)
{
  g_autoptr(VigieCatalog) catalog = vigie_catalog_dup_default ();
  g_auto(GStrv) defaults = vigie_catalog_dup_default_ids (catalog);

  /* exactly the four the issue names, in the catalog's order */
  g_assert_cmpuint (g_strv_length (defaults), ==, g_strv_length ((char **) expected_defaults));
  for (guint i = 0; expected_defaults[i] != NULL; i++)
    {
      const VigieCatalogEntry *entry = vigie_catalog_lookup (catalog, expected_defaults[i]);

      g_assert_nonnull (entry);
      g_assert_true (entry->is_default);
      g_assert_true (g_strv_contains ((const char * const *) defaults, expected_defaults[i]));
    }

  /* the formats and addresses the issue asks for */
  g_assert_cmpstr (vigie_catalog_lookup (catalog, "slack")->format, ==, "slack");
  g_assert_cmpstr (vigie_catalog_lookup (catalog, "zoom")->format, ==, "statuspage");
  g_assert_cmpstr (vigie_catalog_lookup (catalog, "google-workspace")->format, ==, "google");
  g_assert_cmpstr (vigie_catalog_lookup (catalog, "google-workspace")->feed, ==,
                   "https://www.google.com/appsstatus/dashboard/incidents.json");
  g_assert_cmpstr (vigie_catalog_lookup (catalog, "microsoft-365")->format, ==, "microsoft");
  g_assert_cmpstr (vigie_catalog_lookup (catalog, "microsoft-365")->feed, ==,
                   "https://status.cloud.microsoft/api/posts/m365Consumer");
  g_assert_cmpstr (vigie_catalog_lookup (catalog, "microsoft-365")->status_page, ==,
                   "https://status.cloud.microsoft/");
}

static void
test_catalog_categories (void)
{
  const char * const *categories = vigie_catalog_list_categories ();
  g_autoptr(VigieCatalog) catalog = vigie_catalog_dup_default ();

  g_assert_cmpuint (g_strv_length ((char **) categories), ==,
                    g_strv_length ((char **) expected_categories));
  for (guint i = 0; expected_categories[i] != NULL; i++)
    {
      gboolean used = FALSE;

      g_assert_cmpstr (categories[i], ==, expected_categories[i]);
      g_assert_true (vigie_catalog_is_category (categories[i]));
      g_assert_nonnull (vigie_catalog_get_category_label (categories[i]));

      /* the work tools of the issue: every kind has some */
      for (guint j = 0; j < vigie_catalog_get_n_entries (catalog) && !used; j++)
        used = g_str_equal (vigie_catalog_get_entry (catalog, j)->category, categories[i]);
      g_assert_true (used);
    }

  g_assert_false (vigie_catalog_is_category ("Chat"));
  g_assert_false (vigie_catalog_is_category (NULL));
  g_assert_null (vigie_catalog_get_category_label ("games"));
}

static void
test_catalog_components (void)
{
  g_autoptr(VigieCatalog) catalog = vigie_catalog_dup_default ();
  const VigieCatalogEntry *google = vigie_catalog_lookup (catalog, "google-workspace");
  const VigieCatalogEntry *microsoft = vigie_catalog_lookup (catalog, "microsoft-365");
  const VigieCatalogEntry *slack = vigie_catalog_lookup (catalog, "slack");
  const char * const google_products[] = {
    "Gmail", "Google Meet", "Google Drive", "Google Docs", "Google Calendar", "Google Chat",
  };
  const char * const microsoft_rows[] = {
    "Outlook.com", "Microsoft Teams Free", "OneDrive", "Microsoft Copilot",
  };
  const char * const slack_services[] = { "Messaging", "Huddles", "Login/SSO", "Files" };

  for (guint i = 0; i < G_N_ELEMENTS (google_products); i++)
    g_assert_true (g_strv_contains ((const char * const *) google->components, google_products[i]));
  for (guint i = 0; i < G_N_ELEMENTS (microsoft_rows); i++)
    g_assert_true (g_strv_contains ((const char * const *) microsoft->components, microsoft_rows[i]));
  for (guint i = 0; i < G_N_ELEMENTS (slack_services); i++)
    g_assert_true (g_strv_contains ((const char * const *) slack->components, slack_services[i]));
}

static void
test_catalog_ids (void)
{
  const char * const good[] = { "slack", "google-workspace", "1password", "a", "a1-b2" };
  const char * const bad[] = { "", "-slack", "slack-", "google--workspace", "Slack", "feed_1",
                               "zoom.us", "ü", "two words" };

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    g_assert_true (vigie_catalog_id_is_valid (good[i]));
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    g_assert_false (vigie_catalog_id_is_valid (bad[i]));
  g_assert_false (vigie_catalog_id_is_valid (NULL));
}

#define ENTRY(id, category, feed, format) \
  "{\"id\": \"" id "\", \"name\": \"Tool\", \"category\": \"" category "\"," \
  " \"status_page\": \"https://status.example.com/\", \"feed\": \"" feed "\"," \
  " \"format\": \"" format "\", \"keywords\": [\"k\"], \"source\": \"test\"}"

static void
test_catalog_refuses_broken (void)
{
  static const struct
  {
    const char *json;
    const char *message;
  } cases[] = {
    { "[]", "catalog has no services" },
    { "{\"services\": [" ENTRY ("a", "chat", "https://a.example/x", "statuspage") ","
      ENTRY ("a", "chat", "https://b.example/x", "statuspage") "]}",
      "catalog entry 1 (a) has the id of another entry" },
    { "{\"services\": [" ENTRY ("A", "chat", "https://a.example/x", "statuspage") "]}",
      "catalog entry 0 (A) has an invalid id" },
    { "{\"services\": [" ENTRY ("a", "games", "https://a.example/x", "statuspage") "]}",
      "catalog entry 0 (a) has an unknown category" },
    { "{\"services\": [" ENTRY ("a", "chat", "http://a.example/x", "statuspage") "]}",
      "catalog entry 0 (a) has an address that is not https" },
    { "{\"services\": [" ENTRY ("a", "chat", "https://a.example/x", "betterstack") "]}",
      "catalog entry 0 (a) has an unknown format" },
    { "{\"services\": [{\"id\": \"a\", \"feed\": \"https://a.example/\"}]}",
      "catalog entry 0 lacks an id, a name or a feed" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GBytes) bytes = g_bytes_new_static (cases[i].json, strlen (cases[i].json));
      g_autoptr(GError) error = NULL;
      g_autoptr(VigieCatalog) catalog = vigie_catalog_new_from_bytes (bytes, &error);

      g_assert_null (catalog);
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
      g_assert_cmpstr (error->message, ==, cases[i].message);
    }

  /* and a good one reads, components and source included */
  {
    const char *json = "{\"services\": [{\"id\": \"a\", \"name\": \"A\", \"category\": \"chat\","
                       " \"status_page\": \"https://a.example/\", \"feed\": \"https://a.example/f\","
                       " \"format\": \"slack\", \"components\": [\"One\", \"Two\"],"
                       " \"source\": \"doc\"}]}";
    g_autoptr(GBytes) bytes = g_bytes_new_static (json, strlen (json));
    g_autoptr(GError) error = NULL;
    g_autoptr(VigieCatalog) catalog = vigie_catalog_new_from_bytes (bytes, &error);
    const VigieCatalogEntry *entry;

    g_assert_no_error (error);
    entry = vigie_catalog_get_entry (catalog, 0);
    g_assert_cmpuint (g_strv_length (entry->components), ==, 2);
    g_assert_cmpstr (entry->components[1], ==, "Two");
    g_assert_cmpstr (entry->source, ==, "doc");
    g_assert_cmpuint (g_strv_length (entry->keywords), ==, 0);
    g_assert_false (entry->is_default);
  }
}

static void
test_catalog_test_base (void)
{
  g_autoptr(VigieCatalog) catalog = vigie_catalog_dup_default ();
  const VigieCatalogEntry *entry = vigie_catalog_lookup (catalog, "webex");
  g_autoptr(VigieService) plain = NULL;
  g_autoptr(VigieService) local = NULL;
  g_autoptr(VigieService) refused = NULL;

  g_unsetenv ("VIGIE_TEST_FEED_BASE");
  plain = vigie_catalog_entry_create_service (entry);
  g_assert_cmpstr (vigie_service_get_feed_url (plain), ==, entry->feed);
  g_assert_cmpstr (vigie_service_get_status_page (plain), ==, entry->status_page);
  g_assert_cmpstr (vigie_service_get_format (plain), ==, "webex");

  /* host and path (and query) under the local base */
  g_setenv ("VIGIE_TEST_FEED_BASE", "http://127.0.0.1:8123/", TRUE);
  local = vigie_catalog_entry_create_service (entry);
  g_assert_cmpstr (vigie_service_get_feed_url (local), ==,
                   "http://127.0.0.1:8123/service-status.webex.com/customer/dashServices/891"
                   "?commercial=true");

  /* only ever onto this machine */
  g_setenv ("VIGIE_TEST_FEED_BASE", "http://evil.example/", TRUE);
  refused = vigie_catalog_entry_create_service (entry);
  g_assert_cmpstr (vigie_service_get_feed_url (refused), ==, entry->feed);
  g_unsetenv ("VIGIE_TEST_FEED_BASE");
}

/* ---------------------------------------------------------------------- */
/* Component filters on snapshots                                           */

static VigieIncident *
new_incident (const char    *id,
              VigieSeverity  severity,
              const char    *components)
{
  VigieIncident *incident = vigie_incident_new ();
  g_auto(GStrv) names = components != NULL ? g_strsplit (components, ";", -1) : NULL;

  incident->id = g_strdup (id);
  incident->title = g_strdup_printf ("Title of %s", id);
  incident->status = g_strdup ("investigating");
  incident->severity = severity;
  for (guint i = 0; names != NULL && names[i] != NULL; i++)
    g_ptr_array_add (incident->components, g_strdup (names[i]));

  return incident;
}

/* A page that lists all its components (Statuspage-like):
 *   Web app (group Europe)  major
 *   Public API              operational
 *   Billing (group Europe)  minor
 * incidents: "web" on Web app (major), "page" on nothing (minor),
 *            "billing" on Billing (minor)
 * page severity: major */
static VigieSnapshot *
new_complete_snapshot (void)
{
  VigieSnapshot *snapshot = vigie_snapshot_new ("statuspage");

  vigie_snapshot_set_page_name (snapshot, "Tool");
  vigie_snapshot_set_page_url (snapshot, "https://status.example.com");
  vigie_snapshot_set_summary (snapshot, "Partial System Outage");
  vigie_snapshot_add_component (snapshot, vigie_component_new ("Web app", "Europe",
                                                               VIGIE_SEVERITY_MAJOR));
  vigie_snapshot_add_component (snapshot, vigie_component_new ("Public API", NULL,
                                                               VIGIE_SEVERITY_OPERATIONAL));
  vigie_snapshot_add_component (snapshot, vigie_component_new ("Billing", "Europe",
                                                               VIGIE_SEVERITY_MINOR));
  vigie_snapshot_add_incident (snapshot, new_incident ("web", VIGIE_SEVERITY_MAJOR, "Web app"));
  vigie_snapshot_add_incident (snapshot, new_incident ("page", VIGIE_SEVERITY_MINOR, NULL));
  vigie_snapshot_add_incident (snapshot, new_incident ("billing", VIGIE_SEVERITY_MINOR,
                                                       "Billing"));
  vigie_snapshot_add_resolved (snapshot, new_incident ("old-web", VIGIE_SEVERITY_OPERATIONAL,
                                                       "Web app"));
  vigie_snapshot_set_severity (snapshot, VIGIE_SEVERITY_MAJOR);

  return snapshot;
}

static char *
describe_components (VigieSnapshot *snapshot)
{
  GPtrArray *components = vigie_snapshot_get_components (snapshot);
  g_autoptr(GString) out = g_string_new (NULL);

  for (guint i = 0; i < components->len; i++)
    {
      const VigieComponent *component = g_ptr_array_index (components, i);

      g_string_append_printf (out, "%s%s=%s", i > 0 ? ";" : "", component->name,
                              vigie_severity_to_string (component->severity));
    }

  return g_string_free (g_steal_pointer (&out), FALSE);
}

static char *
describe_ids (GPtrArray *incidents)
{
  g_autoptr(GString) out = g_string_new (NULL);

  for (guint i = 0; i < incidents->len; i++)
    {
      const VigieIncident *incident = g_ptr_array_index (incidents, i);

      g_string_append_printf (out, "%s%s", i > 0 ? ";" : "", incident->id);
    }

  return g_string_free (g_steal_pointer (&out), FALSE);
}

static void
assert_view (VigieSnapshot *view,
             VigieSeverity  severity,
             const char    *components,
             const char    *incidents)
{
  g_autofree char *got_components = describe_components (view);
  g_autofree char *got_incidents = describe_ids (vigie_snapshot_get_incidents (view));

  g_assert_cmpstr (vigie_severity_to_string (vigie_snapshot_get_severity (view)), ==,
                   vigie_severity_to_string (severity));
  g_assert_cmpstr (got_components, ==, components);
  g_assert_cmpstr (got_incidents, ==, incidents);
}

static VigieSnapshot *
filter (VigieSnapshot *snapshot,
        const char    *names,
        gboolean       complete)
{
  g_auto(GStrv) chosen = names != NULL ? g_strsplit (names, ";", -1) : NULL;

  return vigie_snapshot_filter (snapshot, (const char * const *) chosen, complete, NULL);
}

static void
test_filter_nothing_chosen (void)
{
  g_autoptr(VigieSnapshot) snapshot = new_complete_snapshot ();
  g_autoptr(VigieSnapshot) all = filter (snapshot, NULL, TRUE);
  g_autoptr(VigieSnapshot) empty = NULL;
  const char * const blank[] = { "", NULL };

  /* the snapshot itself, unchanged */
  g_assert_true (all == snapshot);
  empty = vigie_snapshot_filter (snapshot, blank, TRUE, NULL);
  g_assert_true (empty == snapshot);
}

static void
test_filter_complete (void)
{
  g_autoptr(VigieSnapshot) snapshot = new_complete_snapshot ();
  g_autoptr(VigieSnapshot) api = filter (snapshot, "Public API", TRUE);
  g_autoptr(VigieSnapshot) web = filter (snapshot, "web app", TRUE);
  g_autoptr(VigieSnapshot) europe = filter (snapshot, "EUROPE", TRUE);
  g_autoptr(VigieSnapshot) partly = filter (snapshot, "Public API;No such thing", TRUE);

  /* a healthy component: only the page-wide incident reaches it */
  assert_view (api, VIGIE_SEVERITY_MINOR, "Public API=operational", "page");
  g_assert_cmpstr (vigie_snapshot_get_summary (api), ==, "Title of page");
  g_assert_cmpuint (vigie_snapshot_get_resolved (api)->len, ==, 0);
  g_assert_null (vigie_snapshot_get_reason (api));

  /* case does not matter; the incidents about it come along */
  assert_view (web, VIGIE_SEVERITY_MAJOR, "Web app=major", "web;page");
  g_assert_cmpstr (vigie_snapshot_get_summary (web), ==, "Title of web");
  g_assert_cmpuint (vigie_snapshot_get_resolved (web)->len, ==, 1);

  /* a group picks its members */
  assert_view (europe, VIGIE_SEVERITY_MAJOR, "Web app=major;Billing=minor", "web;page;billing");

  /* one unknown name among known ones is just ignored */
  assert_view (partly, VIGIE_SEVERITY_MINOR, "Public API=operational", "page");

  /* the page itself, its name and address, are the same page */
  g_assert_cmpstr (vigie_snapshot_get_format (web), ==, "statuspage");
  g_assert_cmpstr (vigie_snapshot_get_page_name (web), ==, "Tool");
  g_assert_cmpstr (vigie_snapshot_get_page_url (web), ==, "https://status.example.com");
}

static void
test_filter_complete_missing (void)
{
  g_autoptr(VigieSnapshot) snapshot = new_complete_snapshot ();
  g_autoptr(VigieSnapshot) missing = filter (snapshot, "Web ap;Calls", TRUE);
  g_autoptr(VigieSnapshot) healthy = vigie_snapshot_new ("statuspage");
  g_autoptr(VigieSnapshot) healthy_missing = NULL;

  /* a misspelt or renamed component is never "all clear" */
  assert_view (missing, VIGIE_SEVERITY_UNKNOWN, "", "page");
  g_assert_cmpstr (vigie_snapshot_get_reason (missing), ==, "chosen components not in feed");
  g_assert_cmpstr (vigie_snapshot_get_reason (missing), ==,
                   VIGIE_SNAPSHOT_REASON_COMPONENTS_MISSING);

  /* not even on a healthy page, nor one without any component
   * (status.json) */
  vigie_snapshot_set_severity (healthy, VIGIE_SEVERITY_OPERATIONAL);
  healthy_missing = filter (healthy, "Web app", TRUE);
  assert_view (healthy_missing, VIGIE_SEVERITY_UNKNOWN, "", "");
}

static void
test_filter_never_worse_than_page (void)
{
  g_autoptr(VigieSnapshot) snapshot = vigie_snapshot_new ("statuspage");
  g_autoptr(VigieSnapshot) view = NULL;

  /* GitHub, 2 April 2020: components in major_outage (critical), the page
   * indicator "major"; and an incident whose impact is above it */
  vigie_snapshot_add_component (snapshot, vigie_component_new ("Git", NULL,
                                                               VIGIE_SEVERITY_CRITICAL));
  vigie_snapshot_add_incident (snapshot, new_incident ("i", VIGIE_SEVERITY_CRITICAL, NULL));
  vigie_snapshot_set_severity (snapshot, VIGIE_SEVERITY_MAJOR);
  vigie_snapshot_set_summary (snapshot, "Partial System Outage");

  view = filter (snapshot, "Git", TRUE);
  assert_view (view, VIGIE_SEVERITY_MAJOR, "Git=critical", "i");
}

static void
test_filter_unknown_component (void)
{
  g_autoptr(VigieSnapshot) snapshot = vigie_snapshot_new ("microsoft");
  g_autoptr(VigieSnapshot) odd = NULL;
  g_autoptr(VigieSnapshot) fine = NULL;

  /* one row Vigie cannot read makes the whole page unknown ... */
  vigie_snapshot_add_component (snapshot, vigie_component_new ("Outlook.com", NULL,
                                                               VIGIE_SEVERITY_OPERATIONAL));
  vigie_snapshot_add_component (snapshot, vigie_component_new ("Phone Link", NULL,
                                                               VIGIE_SEVERITY_UNKNOWN));
  vigie_snapshot_set_severity (snapshot, VIGIE_SEVERITY_UNKNOWN);
  vigie_snapshot_set_reason (snapshot, "unknown status \"Weird\"");

  /* ... the view of that row too, with the page's reason ... */
  odd = filter (snapshot, "Phone Link", TRUE);
  assert_view (odd, VIGIE_SEVERITY_UNKNOWN, "Phone Link=unknown", "");
  g_assert_cmpstr (vigie_snapshot_get_reason (odd), ==, "unknown status \"Weird\"");

  /* ... but not the view of a row it could read */
  fine = filter (snapshot, "Outlook.com", TRUE);
  assert_view (fine, VIGIE_SEVERITY_OPERATIONAL, "Outlook.com=operational", "");
  g_assert_null (vigie_snapshot_get_reason (fine));
}

/* A page whose components show only in trouble (Google-like) */
static void
test_filter_incomplete (void)
{
  g_autoptr(VigieSnapshot) snapshot = vigie_snapshot_new ("google");
  g_autoptr(VigieSnapshot) meet = NULL;
  g_autoptr(VigieSnapshot) gmail = NULL;
  g_autoptr(VigieSnapshot) both = NULL;

  vigie_snapshot_add_component (snapshot, vigie_component_new ("Gmail", NULL,
                                                               VIGIE_SEVERITY_MAJOR));
  vigie_snapshot_add_incident (snapshot, new_incident ("mail", VIGIE_SEVERITY_MAJOR, "Gmail"));
  vigie_snapshot_set_severity (snapshot, VIGIE_SEVERITY_MAJOR);
  vigie_snapshot_set_summary (snapshot, "Title of mail");

  /* not named: not in trouble, and shown so */
  meet = filter (snapshot, "Google Meet", FALSE);
  assert_view (meet, VIGIE_SEVERITY_OPERATIONAL, "Google Meet=operational", "");
  g_assert_null (vigie_snapshot_get_summary (meet));
  g_assert_null (vigie_snapshot_get_reason (meet));

  gmail = filter (snapshot, "gmail", FALSE);
  assert_view (gmail, VIGIE_SEVERITY_MAJOR, "Gmail=major", "mail");
  g_assert_cmpstr (vigie_snapshot_get_summary (gmail), ==, "Title of mail");

  both = filter (snapshot, "Google Meet;Gmail", FALSE);
  assert_view (both, VIGIE_SEVERITY_MAJOR, "Gmail=major;Google Meet=operational", "mail");
}

static void
test_filter_incomplete_unreadable (void)
{
  g_autoptr(VigieSnapshot) snapshot = vigie_snapshot_new ("slack");
  g_autoptr(VigieSnapshot) view = NULL;

  /* Slack said something undocumented: its baseline list of features
   * proves nothing, and the view stays unknown */
  vigie_snapshot_add_component (snapshot, vigie_component_new ("Messaging", NULL,
                                                               VIGIE_SEVERITY_OPERATIONAL));
  vigie_snapshot_set_severity (snapshot, VIGIE_SEVERITY_UNKNOWN);
  vigie_snapshot_set_reason (snapshot, "unknown status \"broken\"");

  view = filter (snapshot, "Messaging;Calls", FALSE);
  g_assert_cmpint (vigie_snapshot_get_severity (view), ==, VIGIE_SEVERITY_UNKNOWN);
  g_assert_cmpstr (vigie_snapshot_get_reason (view), ==, "unknown status \"broken\"");
}

static void
test_filter_maintenance (void)
{
  g_autoptr(VigieSnapshot) snapshot = vigie_snapshot_new ("statuspage");
  g_autoptr(VigieSnapshot) db = NULL;
  g_autoptr(VigieSnapshot) api = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_from_iso8601 ("2026-11-28T12:00:00Z", NULL);
  VigieIncident *running = new_incident ("db-work", VIGIE_SEVERITY_MAINTENANCE, "Database");
  VigieIncident *later = new_incident ("api-work", VIGIE_SEVERITY_MAINTENANCE, "API");

  g_free (running->status);
  running->status = g_strdup ("scheduled");
  running->scheduled_for = g_date_time_add_hours (now, -1);
  running->scheduled_until = g_date_time_add_hours (now, 1);
  g_free (later->status);
  later->status = g_strdup ("scheduled");
  later->scheduled_for = g_date_time_add_hours (now, 5);
  later->scheduled_until = g_date_time_add_hours (now, 6);

  vigie_snapshot_add_component (snapshot, vigie_component_new ("Database", NULL,
                                                               VIGIE_SEVERITY_OPERATIONAL));
  vigie_snapshot_add_component (snapshot, vigie_component_new ("API", NULL,
                                                               VIGIE_SEVERITY_OPERATIONAL));
  vigie_snapshot_add_maintenance (snapshot, running);
  vigie_snapshot_add_maintenance (snapshot, later);
  vigie_snapshot_set_severity (snapshot, VIGIE_SEVERITY_MAINTENANCE);

  {
    const char * const database[] = { "Database", NULL };
    const char * const just_api[] = { "API", NULL };

    db = vigie_snapshot_filter (snapshot, database, TRUE, now);
    api = vigie_snapshot_filter (snapshot, just_api, TRUE, now);
  }

  /* a window under way on the component; one to come is only listed */
  g_assert_cmpint (vigie_snapshot_get_severity (db), ==, VIGIE_SEVERITY_MAINTENANCE);
  g_assert_cmpuint (vigie_snapshot_get_maintenances (db)->len, ==, 1);
  g_assert_cmpint (vigie_snapshot_get_severity (api), ==, VIGIE_SEVERITY_OPERATIONAL);
  g_assert_cmpuint (vigie_snapshot_get_maintenances (api)->len, ==, 1);
  g_assert_cmpstr (((VigieIncident *) g_ptr_array_index (vigie_snapshot_get_maintenances (api),
                                                         0))->id, ==, "api-work");
}

static void
test_filter_immutable (void)
{
  g_autoptr(VigieSnapshot) snapshot = new_complete_snapshot ();
  g_autoptr(VigieSnapshot) view = filter (snapshot, "Public API", TRUE);
  const VigieIncident *copy = g_ptr_array_index (vigie_snapshot_get_incidents (view), 0);
  const VigieIncident *original = vigie_snapshot_find_incident (snapshot, "page");

  /* the snapshot read is untouched; the view holds copies */
  g_assert_cmpint (vigie_snapshot_get_severity (snapshot), ==, VIGIE_SEVERITY_MAJOR);
  g_assert_cmpuint (vigie_snapshot_get_components (snapshot)->len, ==, 3);
  g_assert_cmpuint (vigie_snapshot_get_incidents (snapshot)->len, ==, 3);
  g_assert_cmpstr (vigie_snapshot_get_summary (snapshot), ==, "Partial System Outage");
  g_assert_true (copy != original);
  g_assert_cmpstr (copy->id, ==, original->id);
  g_assert_cmpstr (copy->title, ==, original->title);
  g_assert_cmpstr (copy->status, ==, original->status);
}

static void
test_filter_format_flags (void)
{
  static const struct
  {
    const char *format;
    gboolean complete;
  } formats[] = {
    { "statuspage", TRUE },
    { "microsoft", TRUE },
    { "statusio", TRUE },
    { "webex", TRUE },
    { "cachet", TRUE },
    { "slack", FALSE },
    { "google", FALSE },
    { "instatus", FALSE },
    { "atom", FALSE },
  };
  const char * const *known = vigie_feeds_list_formats ();

  g_assert_cmpuint (g_strv_length ((char **) known), ==, G_N_ELEMENTS (formats));
  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    g_assert_true (vigie_feeds_lists_all_components (formats[i].format) == formats[i].complete);

  /* an unknown format: absence is not health */
  g_assert_true (vigie_feeds_lists_all_components ("betterstack"));
  g_assert_true (vigie_feeds_lists_all_components (NULL));
}

/* ---------------------------------------------------------------------- */
/* Component filters on the project's fixtures                              */

static VigieSnapshot *
parse_fixture_at (const char *path,
                  const char *format,
                  const char *now_text)
{
  g_autoptr(GBytes) bytes = vigie_test_load_fixture (path);
  g_autoptr(GDateTime) now = g_date_time_new_from_iso8601 (now_text, NULL);
  g_autoptr(GError) error = NULL;
  VigieSnapshot *snapshot = vigie_feeds_parse (format, bytes, now, &error);

  g_assert_no_error (error);
  g_assert_nonnull (snapshot);
  return snapshot;
}

static VigieSnapshot *
filter_as_service (VigieSnapshot *snapshot,
                   const char    *names)
{
  return filter (snapshot, names,
                 vigie_feeds_lists_all_components (vigie_snapshot_get_format (snapshot)));
}

static void
test_filter_fixture_google (void)
{
  g_autoptr(VigieSnapshot) snapshot = parse_fixture_at ("google/open-mixed.json", "google",
                                                        "2026-11-29T02:00:00Z");
  g_autoptr(VigieSnapshot) meet = filter_as_service (snapshot, "Google Meet");
  g_autoptr(VigieSnapshot) docs = filter_as_service (snapshot, "Google Docs;Google Calendar");
  g_autoptr(VigieSnapshot) drive = filter_as_service (snapshot, "Google Drive");

  /* outage on Gmail and Chat, disruption on Meet, information on Drive
   * and Gmail: critical for the whole of Workspace */
  g_assert_cmpint (vigie_snapshot_get_severity (snapshot), ==, VIGIE_SEVERITY_CRITICAL);

  assert_view (meet, VIGIE_SEVERITY_MAJOR, "Google Meet=major", "vg2MeetJoinDelays");
  g_assert_cmpstr (vigie_snapshot_get_summary (meet), ==,
                   "Some participants wait a long time before joining a meeting");

  /* products with nothing open (Docs and Calendar only have closed
   * incidents): all clear, the others' trouble hidden */
  assert_view (docs, VIGIE_SEVERITY_OPERATIONAL,
               "Google Docs=operational;Google Calendar=operational", "");

  assert_view (drive, VIGIE_SEVERITY_MINOR, "Google Drive=minor", "vg3DriveInfo");
}

static void
test_filter_fixture_microsoft (void)
{
  g_autoptr(VigieSnapshot) snapshot = parse_fixture_at ("microsoft/consumer-trouble.json",
                                                        "microsoft", "2026-11-29T02:00:00Z");
  g_autoptr(VigieSnapshot) teams = filter_as_service (snapshot, "Microsoft Teams Free");
  g_autoptr(VigieSnapshot) outlook = filter_as_service (snapshot, "Outlook.com;Microsoft Teams Free");
  g_autoptr(VigieSnapshot) typo = filter_as_service (snapshot, "Teams (free)");

  g_assert_cmpint (vigie_snapshot_get_severity (snapshot), ==, VIGIE_SEVERITY_MAJOR);
  assert_view (teams, VIGIE_SEVERITY_OPERATIONAL, "Microsoft Teams Free=operational", "");
  g_assert_cmpint (vigie_snapshot_get_severity (outlook), ==, VIGIE_SEVERITY_MINOR);
  g_assert_cmpuint (vigie_snapshot_get_incidents (outlook)->len, ==, 1);

  /* every row is always there: a name that is not one is not healthy */
  g_assert_cmpint (vigie_snapshot_get_severity (typo), ==, VIGIE_SEVERITY_UNKNOWN);
  g_assert_cmpstr (vigie_snapshot_get_reason (typo), ==, VIGIE_SNAPSHOT_REASON_COMPONENTS_MISSING);
}

static void
test_filter_fixture_statuspage (void)
{
  g_autoptr(VigieSnapshot) snapshot = parse_fixture_at ("statuspage/summary-major.json",
                                                        "statuspage", "2026-11-29T02:00:00Z");
  g_autoptr(VigieSnapshot) webhooks = filter_as_service (snapshot, "Webhooks");
  g_autoptr(VigieSnapshot) api = filter_as_service (snapshot, "Public API");
  g_autoptr(VigieSnapshot) groups = parse_fixture_at ("statuspage/components-groups.json",
                                                      "statuspage", "2026-11-29T02:00:00Z");
  g_autoptr(VigieSnapshot) americas = filter_as_service (groups, "Americas");
  g_autoptr(VigieSnapshot) paris = filter_as_service (groups, "Paris");

  /* the incident names Web app and Public API, not Webhooks */
  assert_view (webhooks, VIGIE_SEVERITY_OPERATIONAL, "Webhooks=operational", "");
  g_assert_null (vigie_snapshot_get_summary (webhooks));
  g_assert_cmpint (vigie_snapshot_get_severity (api), ==, VIGIE_SEVERITY_MAJOR);
  g_assert_cmpuint (vigie_snapshot_get_incidents (api)->len, ==, 1);

  /* a group by its name; capped at what the page itself says */
  assert_view (americas, vigie_snapshot_get_severity (groups),
               "Virginia=minor;Oregon=major;São Paulo=critical", "");
  assert_view (paris, VIGIE_SEVERITY_OPERATIONAL, "Paris=operational", "");
}

static void
test_filter_fixture_slack (void)
{
  g_autoptr(VigieSnapshot) snapshot = parse_fixture_at ("slack/outage.json", "slack",
                                                        "2026-11-25T17:00:00Z");
  g_autoptr(VigieSnapshot) messaging = filter_as_service (snapshot, "Messaging");
  g_autoptr(VigieSnapshot) huddles = filter_as_service (snapshot, "Huddles");
  g_autoptr(VigieSnapshot) calls = filter_as_service (snapshot, "Calls");

  g_assert_cmpint (vigie_snapshot_get_severity (snapshot), ==, VIGIE_SEVERITY_MAJOR);
  assert_view (messaging, VIGIE_SEVERITY_MAJOR, "Messaging=major", "2235");
  assert_view (huddles, VIGIE_SEVERITY_OPERATIONAL, "Huddles=operational", "");
  /* a feature of old, named only when in trouble: not in trouble */
  assert_view (calls, VIGIE_SEVERITY_OPERATIONAL, "Calls=operational", "");
}

/* ---------------------------------------------------------------------- */
/* A server on 127.0.0.1                                                    */

#define SUMMARY_MAJOR \
  "{\"page\": {\"id\": \"p\", \"name\": \"Local Tool\", \"url\": \"https://status.example.com\"}," \
  " \"status\": {\"indicator\": \"major\", \"description\": \"Partial System Outage\"}," \
  " \"components\": [{\"id\": \"c1\", \"name\": \"Messaging\", \"status\": \"partial_outage\"}," \
  "                  {\"id\": \"c2\", \"name\": \"Calls\", \"status\": \"operational\"}]," \
  " \"incidents\": [{\"id\": \"inc1\", \"name\": \"Messages fail\", \"status\": \"investigating\"," \
  "                  \"impact\": \"major\", \"shortlink\": \"https://stspg.io/x\"," \
  "                  \"created_at\": \"2026-11-28T10:00:00Z\"," \
  "                  \"components\": [{\"id\": \"c1\", \"name\": \"Messaging\"}]}]}"

#define INSTATUS_UP \
  "{\"page\": {\"name\": \"Instatus Tool\", \"url\": \"https://status.example.org\"," \
  " \"status\": \"UP\"}, \"activeIncidents\": [], \"activeMaintenances\": []}"

#define HOME_PAGE \
  "<!DOCTYPE html>\n<html><head><title>Example status</title></head>" \
  "<body><h1>All systems operational</h1></body></html>\n"

typedef struct
{
  const char *content_type;
  const char *body;
} Route;

typedef struct
{
  SoupServer *server;
  GHashTable *routes;     /* path -> Route* */
  GHashTable *hits;       /* path -> count */
  const Route *fallback;  /* for any other path, else 404 */
  VigieFetcher *fetcher;
} Server;

static void
server_cb (SoupServer        *soup_server,
           SoupServerMessage *msg,
           const char        *path,
           GHashTable        *query,
           gpointer           user_data)
{
  Server *s = user_data;
  const Route *route = g_hash_table_lookup (s->routes, path);

  g_hash_table_insert (s->hits, g_strdup (path),
                       GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (s->hits, path))
                                         + 1));
  if (route == NULL)
    route = s->fallback;

  if (route == NULL)
    {
      soup_server_message_set_status (msg, SOUP_STATUS_NOT_FOUND, NULL);
      return;
    }

  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (msg, route->content_type, SOUP_MEMORY_STATIC, route->body,
                                    strlen (route->body));
}

static void
server_set_up (Server        *s,
               gconstpointer  user_data)
{
  s->server = vigie_test_server_new ();
  s->routes = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  s->hits = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  soup_server_add_handler (s->server, NULL, server_cb, s, NULL);
  s->fetcher = vigie_fetcher_new ();
  vigie_fetcher_set_timeouts (s->fetcher, 2, 4);
}

static void
server_tear_down (Server        *s,
                  gconstpointer  user_data)
{
  g_clear_object (&s->fetcher);
  soup_server_disconnect (s->server);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_clear_object (&s->server);
  g_clear_pointer (&s->routes, g_hash_table_unref);
  g_clear_pointer (&s->hits, g_hash_table_unref);
  g_clear_pointer ((Route **) &s->fallback, g_free);
}

static void
route (Server     *s,
       const char *path,
       const char *content_type,
       const char *body)
{
  Route *r = g_new0 (Route, 1);

  r->content_type = content_type;
  r->body = body;
  g_hash_table_replace (s->routes, (gpointer) path, r);
}

static guint
hits (Server     *s,
      const char *path)
{
  return GPOINTER_TO_UINT (g_hash_table_lookup (s->hits, path));
}

static guint
total_hits (Server *s)
{
  GHashTableIter iter;
  gpointer value;
  guint total = 0;

  g_hash_table_iter_init (&iter, s->hits);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    total += GPOINTER_TO_UINT (value);

  return total;
}

typedef struct
{
  gboolean done;
  gboolean ok;
  GError *error;
} PollResult;

static void
poll_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  PollResult *out = user_data;

  out->ok = vigie_service_poll_finish (VIGIE_SERVICE (object), result, &out->error);
  out->done = TRUE;
}

static gboolean
poll (Server        *s,
      VigieService  *service,
      GError       **error)
{
  PollResult result = { 0 };

  vigie_service_poll_async (service, s->fetcher, NULL, poll_done_cb, &result);
  vigie_test_wait_for (&result.done, 20);
  if (result.error != NULL)
    g_propagate_error (error, result.error);

  return result.ok;
}

static void
count_changed_cb (VigieService *service,
                  guint        *count)
{
  (*count)++;
}

/* ---------------------------------------------------------------------- */
/* Component filters in a service                                          */

static void
test_service_components (Server        *s,
                         gconstpointer  user_data)
{
  g_autofree char *url = vigie_test_server_url (s->server, "/api/v2/summary.json");
  g_autoptr(VigieService) service = vigie_service_new ("tool", "Tool", NULL, url, "statuspage");
  g_autoptr(GError) error = NULL;
  g_autofree char *label = NULL;
  const char * const calls[] = { "Calls", NULL };
  const char * const typo[] = { "Cals", NULL };
  guint changed = 0;

  route (s, "/api/v2/summary.json", "application/json", SUMMARY_MAJOR);
  g_signal_connect (service, "changed", G_CALLBACK (count_changed_cb), &changed);

  /* chosen before the first poll: the first state read is already narrowed */
  vigie_service_set_components (service, calls);
  g_assert_cmpuint (changed, ==, 0);
  g_assert_cmpstr (vigie_service_get_components (service)[0], ==, "Calls");
  g_assert_true (poll (s, service, &error));
  g_assert_no_error (error);
  g_assert_cmpint (vigie_service_get_severity (service), ==, VIGIE_SEVERITY_OPERATIONAL);
  g_assert_cmpuint (vigie_snapshot_get_incidents (vigie_service_get_snapshot (service))->len, ==, 0);
  /* the whole page is still there, to offer the components */
  g_assert_cmpint (vigie_snapshot_get_severity (vigie_service_get_full_snapshot (service)), ==,
                   VIGIE_SEVERITY_MAJOR);
  g_assert_cmpuint (vigie_snapshot_get_components (vigie_service_get_full_snapshot (service))->len,
                    ==, 2);

  /* a new choice shows at once, without polling */
  vigie_service_set_components (service, NULL);
  g_assert_cmpuint (changed, ==, 2);
  g_assert_null (vigie_service_get_components (service));
  g_assert_cmpint (vigie_service_get_severity (service), ==, VIGIE_SEVERITY_MAJOR);
  g_assert_true (vigie_service_get_snapshot (service) == vigie_service_get_full_snapshot (service));

  vigie_service_set_components (service, typo);
  g_assert_cmpint (vigie_service_get_severity (service), ==, VIGIE_SEVERITY_UNKNOWN);
  g_assert_cmpstr (vigie_service_get_problem (service), ==, "chosen components not in feed");
  label = vigie_service_dup_problem_label (service);
  g_assert_cmpstr (label, ==, "none of the chosen components is in the feed");

  g_assert_cmpuint (hits (s, "/api/v2/summary.json"), ==, 1);
}

/* ---------------------------------------------------------------------- */
/* Feed discovery                                                          */

static void
test_discover_statuspage (Server        *s,
                          gconstpointer  user_data)
{
  g_autofree char *home = vigie_test_server_url (s->server, "/");
  g_autofree char *feed = vigie_test_server_url (s->server, "/api/v2/summary.json");
  g_autoptr(VigieService) service = vigie_service_new ("feed-1", NULL, NULL, home, NULL);
  g_autoptr(GError) error = NULL;

  route (s, "/", "text/html", HOME_PAGE);
  route (s, "/api/v2/summary.json", "application/json", SUMMARY_MAJOR);

  g_assert_true (poll (s, service, &error));
  g_assert_no_error (error);
  g_assert_cmpint (vigie_service_get_severity (service), ==, VIGIE_SEVERITY_MAJOR);
  g_assert_cmpstr (vigie_service_get_format (service), ==, "statuspage");
  g_assert_cmpstr (vigie_service_get_display_name (service), ==, "Local Tool");
  g_assert_cmpstr (vigie_service_get_feed_url (service), ==, feed);
  g_assert_cmpstr (vigie_service_get_configured_feed_url (service), ==, home);
  g_assert_cmpuint (hits (s, "/"), ==, 1);
  g_assert_cmpuint (hits (s, "/api/v2/summary.json"), ==, 1);

  /* remembered: the next poll goes straight to the feed */
  g_assert_true (poll (s, service, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (hits (s, "/"), ==, 1);
  g_assert_cmpuint (hits (s, "/api/v2/summary.json"), ==, 2);
  g_assert_cmpuint (total_hits (s), ==, 3);
}

static void
test_discover_instatus (Server        *s,
                        gconstpointer  user_data)
{
  g_autofree char *home = vigie_test_server_url (s->server, "/");
  g_autofree char *feed = vigie_test_server_url (s->server, "/summary.json");
  g_autoptr(VigieService) service = vigie_service_new ("feed-1", NULL, NULL, home, NULL);
  g_autoptr(GError) error = NULL;

  /* no Statuspage API (404): the next known path */
  route (s, "/", "text/html", HOME_PAGE);
  route (s, "/summary.json", "application/json", INSTATUS_UP);

  g_assert_true (poll (s, service, &error));
  g_assert_no_error (error);
  g_assert_cmpint (vigie_service_get_severity (service), ==, VIGIE_SEVERITY_OPERATIONAL);
  g_assert_cmpstr (vigie_service_get_format (service), ==, "instatus");
  g_assert_cmpstr (vigie_service_get_feed_url (service), ==, feed);
  g_assert_cmpuint (hits (s, "/api/v2/summary.json"), ==, 1);
  g_assert_cmpuint (hits (s, "/summary.json"), ==, 1);
  /* found: the paths after it are not tried */
  g_assert_cmpuint (hits (s, "/history.atom"), ==, 0);
}

/* A page below its host's root: probed under its own path first, with or
 * without the final "/", and at the root only after that */
static void
test_discover_under_path (Server        *s,
                          gconstpointer  user_data)
{
  static const char * const homes[] = { "/acme/", "/acme" };

  route (s, "/acme/", "text/html", HOME_PAGE);
  route (s, "/acme", "text/html", HOME_PAGE);
  route (s, "/acme/summary.json", "application/json", INSTATUS_UP);
  route (s, "/api/v2/summary.json", "application/json", SUMMARY_MAJOR);

  for (guint i = 0; i < G_N_ELEMENTS (homes); i++)
    {
      g_autofree char *home = vigie_test_server_url (s->server, homes[i]);
      g_autofree char *feed = vigie_test_server_url (s->server, "/acme/summary.json");
      g_autoptr(VigieService) service = vigie_service_new ("feed-1", NULL, NULL, home, NULL);
      g_autoptr(GError) error = NULL;

      g_hash_table_remove_all (s->hits);
      g_assert_true (poll (s, service, &error));
      g_assert_no_error (error);
      g_assert_cmpstr (vigie_service_get_format (service), ==, "instatus");
      g_assert_cmpstr (vigie_service_get_feed_url (service), ==, feed);
      g_assert_cmpuint (hits (s, "/acme/api/v2/summary.json"), ==, 1);
      g_assert_cmpuint (hits (s, "/acme/summary.json"), ==, 1);
      /* the root's own feed is another page's */
      g_assert_cmpuint (hits (s, "/api/v2/summary.json"), ==, 0);
      g_assert_cmpuint (total_hits (s), ==, 3);
    }

  /* nothing under the path: the root is tried next */
  {
    g_autofree char *home = vigie_test_server_url (s->server, "/other/");
    g_autofree char *feed = vigie_test_server_url (s->server, "/api/v2/summary.json");
    g_autoptr(VigieService) service = vigie_service_new ("feed-2", NULL, NULL, home, NULL);
    g_autoptr(GError) error = NULL;

    route (s, "/other/", "text/html", HOME_PAGE);
    g_hash_table_remove_all (s->hits);
    g_assert_true (poll (s, service, &error));
    g_assert_no_error (error);
    g_assert_cmpstr (vigie_service_get_format (service), ==, "statuspage");
    g_assert_cmpstr (vigie_service_get_feed_url (service), ==, feed);
    for (const char * const *path = vigie_discover_list_paths (); *path != NULL; path++)
      {
        g_autofree char *under = g_strconcat ("/other", *path, NULL);

        g_assert_cmpuint (hits (s, under), ==, 1);
      }
    g_assert_cmpuint (total_hits (s), ==, 1 + 5 + 1);
  }
}

/* A self-hosted Cachet page: its component list */
static void
test_discover_cachet (Server        *s,
                      gconstpointer  user_data)
{
  g_autofree char *home = vigie_test_server_url (s->server, "/");
  g_autofree char *feed = vigie_test_server_url (s->server, "/api/v1/components");
  g_autoptr(VigieService) service = vigie_service_new ("feed-1", NULL, NULL, home, NULL);
  g_autoptr(GBytes) yoti = vigie_test_load_fixture ("cachet/yoti-components-2020-10.json");
  g_autofree char *body = g_strndup (g_bytes_get_data (yoti, NULL), g_bytes_get_size (yoti));
  g_autoptr(GError) error = NULL;

  route (s, "/", "text/html", HOME_PAGE);
  route (s, "/api/v1/components", "application/json", body);

  g_assert_true (poll (s, service, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (vigie_service_get_format (service), ==, "cachet");
  g_assert_cmpstr (vigie_service_get_feed_url (service), ==, feed);
  g_assert_cmpint (vigie_service_get_severity (service), ==, VIGIE_SEVERITY_OPERATIONAL);
  g_assert_cmpuint (total_hits (s), ==, 6);
}

static void
test_discover_nothing (Server        *s,
                       gconstpointer  user_data)
{
  g_autofree char *home = vigie_test_server_url (s->server, "/");
  g_autoptr(VigieService) service = vigie_service_new ("feed-1", NULL, NULL, home, NULL);
  g_autoptr(GError) error = NULL;
  Route *everywhere = g_new0 (Route, 1);
  const char * const *paths = vigie_discover_list_paths ();

  /* a Better Stack page answers every path with the same page */
  everywhere->content_type = "text/html";
  everywhere->body = HOME_PAGE;
  s->fallback = everywhere;

  g_assert_false (poll (s, service, &error));
  g_assert_error (error, VIGIE_FEED_ERROR, VIGIE_FEED_ERROR_HTML);
  /* the problem is the address given, which is a page */
  g_assert_cmpstr (vigie_service_get_problem (service), ==, "html page instead of a feed");
  g_assert_cmpstr (vigie_service_get_feed_url (service), ==, home);
  g_assert_cmpint (vigie_service_get_severity (service), ==, VIGIE_SEVERITY_UNKNOWN);

  /* each known path once, Better Stack's own not among them */
  g_assert_cmpuint (g_strv_length ((char **) paths), ==, 5);
  g_assert_false (g_strv_contains (paths, "/index.json"));
  g_assert_true (g_strv_contains (paths, "/api/v1/components"));
  for (guint i = 0; paths[i] != NULL; i++)
    g_assert_cmpuint (hits (s, paths[i]), ==, 1);
  g_assert_cmpuint (hits (s, "/index.json"), ==, 0);
  g_assert_cmpuint (total_hits (s), ==, 6);
}

static void
test_discover_not_for_known_formats (Server        *s,
                                     gconstpointer  user_data)
{
  g_autofree char *home = vigie_test_server_url (s->server, "/");
  g_autoptr(VigieService) service = vigie_service_new ("zoom", "Zoom", NULL, home, "statuspage");
  g_autoptr(GError) error = NULL;

  /* a catalog entry knows its feed: a page there is a broken feed */
  route (s, "/", "text/html", HOME_PAGE);
  route (s, "/api/v2/summary.json", "application/json", SUMMARY_MAJOR);

  g_assert_false (poll (s, service, &error));
  g_assert_error (error, VIGIE_FEED_ERROR, VIGIE_FEED_ERROR_HTML);
  g_assert_cmpuint (total_hits (s), ==, 1);
}

static void
test_discover_feed_gone (Server        *s,
                         gconstpointer  user_data)
{
  g_autofree char *home = vigie_test_server_url (s->server, "/");
  g_autofree char *atom = vigie_test_server_url (s->server, "/history.atom");
  g_autoptr(VigieService) service = vigie_service_new ("feed-1", NULL, NULL, home, NULL);
  g_autoptr(GBytes) history = vigie_test_load_fixture ("atom/healthy.xml");
  g_autoptr(GError) error = NULL;
  g_autofree char *history_text = g_strndup (g_bytes_get_data (history, NULL),
                                             g_bytes_get_size (history));

  route (s, "/", "text/html", HOME_PAGE);
  route (s, "/api/v2/summary.json", "application/json", SUMMARY_MAJOR);

  g_assert_true (poll (s, service, &error));
  g_assert_no_error (error);

  /* the page moves to a history feed: the old feed now answers a page;
   * that poll fails, and the next one looks again */
  route (s, "/api/v2/summary.json", "text/html", HOME_PAGE);
  route (s, "/history.atom", "application/atom+xml", history_text);
  g_assert_false (poll (s, service, &error));
  g_assert_error (error, VIGIE_FEED_ERROR, VIGIE_FEED_ERROR_HTML);
  g_clear_error (&error);
  /* the last state read stays, marked stale */
  g_assert_true (vigie_service_is_stale (service));
  g_assert_cmpint (vigie_service_get_severity (service), ==, VIGIE_SEVERITY_MAJOR);

  g_assert_true (poll (s, service, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (vigie_service_get_feed_url (service), ==, atom);
  g_assert_cmpstr (vigie_service_get_format (service), ==, "atom");
  g_assert_false (vigie_service_is_stale (service));
  g_assert_cmpuint (hits (s, "/"), ==, 2);
}

#define INSTATUS_NO_URL \
  "{\"page\": {\"name\": \"Moved Tool\", \"status\": \"HASISSUES\"}," \
  " \"activeIncidents\": [{\"name\": \"Slow\", \"started\": \"2026-11-28T10:00:00Z\"," \
  "                        \"status\": \"INVESTIGATING\", \"impact\": \"DEGRADEDPERFORMANCE\"}]}"

static void
test_discover_feed_removed (Server        *s,
                            gconstpointer  user_data)
{
  g_autofree char *home = vigie_test_server_url (s->server, "/");
  g_autofree char *instatus = vigie_test_server_url (s->server, "/summary.json");
  g_autoptr(VigieService) service = vigie_service_new ("feed-1", NULL, NULL, home, NULL);
  g_autoptr(GError) error = NULL;

  route (s, "/", "text/html", HOME_PAGE);
  route (s, "/api/v2/summary.json", "application/json", SUMMARY_MAJOR);
  g_assert_true (poll (s, service, &error));
  g_assert_no_error (error);

  /* the feed is removed (404): that poll fails, the next one looks again */
  g_hash_table_remove (s->routes, "/api/v2/summary.json");
  route (s, "/summary.json", "application/json", INSTATUS_NO_URL);
  g_assert_false (poll (s, service, &error));
  g_assert_error (error, VIGIE_FETCH_ERROR, VIGIE_FETCH_ERROR_HTTP);
  g_assert_cmpstr (error->message, ==, "http 404");
  g_clear_error (&error);

  g_assert_true (poll (s, service, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (vigie_service_get_feed_url (service), ==, instatus);
  g_assert_cmpint (vigie_service_get_severity (service), ==, VIGIE_SEVERITY_MINOR);
  /* the feed names no page of its own: the page given is the status page */
  g_assert_cmpstr (vigie_service_get_status_page (service), ==, home);
  g_assert_cmpuint (hits (s, "/"), ==, 2);
}

typedef struct
{
  gboolean done;
  char *url;
  VigieSnapshot *snapshot;
  VigieResponse *response;
  GError *error;
} DiscoverResult;

static void
discover_done_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  DiscoverResult *out = user_data;

  g_assert_null (object);
  out->url = vigie_discover_feed_finish (result, &out->snapshot, &out->response, &out->error);
  out->done = TRUE;
}

static void
test_discover_direct (Server        *s,
                      gconstpointer  user_data)
{
  g_autofree char *home = vigie_test_server_url (s->server, "/some/page");
  g_autofree char *feed = vigie_test_server_url (s->server, "/api/v2/summary.json");
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  DiscoverResult result = { 0 };
  DiscoverResult cancelled = { 0 };
  DiscoverResult refused = { 0 };

  route (s, "/api/v2/summary.json", "application/json", SUMMARY_MAJOR);

  /* from any page of the origin */
  vigie_discover_feed_async (s->fetcher, home, 65536, NULL, discover_done_cb, &result);
  vigie_test_wait_for (&result.done, 20);
  g_assert_no_error (result.error);
  g_assert_cmpstr (result.url, ==, feed);
  g_assert_cmpint (vigie_snapshot_get_severity (result.snapshot), ==, VIGIE_SEVERITY_MAJOR);
  g_assert_true (vigie_response_is_success (result.response));
  g_clear_pointer (&result.url, g_free);
  g_clear_object (&result.snapshot);
  g_clear_object (&result.response);

  g_cancellable_cancel (cancellable);
  vigie_discover_feed_async (s->fetcher, home, 65536, cancellable, discover_done_cb, &cancelled);
  vigie_test_wait_for (&cancelled.done, 20);
  g_assert_error (cancelled.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (cancelled.url);
  g_clear_error (&cancelled.error);

  vigie_discover_feed_async (s->fetcher, "not a url", 65536, NULL, discover_done_cb, &refused);
  vigie_test_wait_for (&refused.done, 20);
  g_assert_error (refused.error, VIGIE_FETCH_ERROR, VIGIE_FETCH_ERROR_INVALID_URL);
  g_clear_error (&refused.error);
}

static void
test_discover_with_components (Server        *s,
                               gconstpointer  user_data)
{
  g_autofree char *home = vigie_test_server_url (s->server, "/");
  g_autoptr(VigieService) service = vigie_service_new ("feed-1", NULL, NULL, home, NULL);
  g_autoptr(GError) error = NULL;
  const char * const calls[] = { "calls", NULL };

  /* a custom feed narrowed to a component it only learns once found */
  route (s, "/", "text/html", HOME_PAGE);
  route (s, "/api/v2/summary.json", "application/json", SUMMARY_MAJOR);
  vigie_service_set_components (service, calls);

  g_assert_true (poll (s, service, &error));
  g_assert_no_error (error);
  g_assert_cmpint (vigie_service_get_severity (service), ==, VIGIE_SEVERITY_OPERATIONAL);
}

static void
add_server_test (const char *path,
                 void      (*func) (Server *, gconstpointer))
{
  g_test_add (path, Server, NULL, server_set_up, func, server_tear_down);
}

int
main (int   argc,
      char *argv[])
{
  vigie_test_loopback_only ();

  /* No G_TEST_OPTION_ISOLATE_DIRS: nothing here touches files (see
   * test-service.c). */
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/catalog/shared-while-held", test_catalog_shared_while_held);
  g_test_add_func ("/catalog/entries", test_catalog_entries);
  g_test_add_func ("/catalog/search-words", test_catalog_search_words);
  g_test_add_func ("/catalog/linear-notion", test_catalog_linear_notion);
  g_test_add_func ("/catalog/statuspage-documents", test_catalog_statuspage_documents);
  g_test_add_func ("/catalog/names-trimmed", test_catalog_names_trimmed);
  g_test_add_func ("/catalog/defaults", test_catalog_defaults);
  g_test_add_func ("/catalog/categories", test_catalog_categories);
  g_test_add_func ("/catalog/components", test_catalog_components);
  g_test_add_func ("/catalog/ids", test_catalog_ids);
  g_test_add_func ("/catalog/refuses-broken", test_catalog_refuses_broken);
  g_test_add_func ("/catalog/test-feed-base", test_catalog_test_base);

  g_test_add_func ("/filter/nothing-chosen", test_filter_nothing_chosen);
  g_test_add_func ("/filter/complete", test_filter_complete);
  g_test_add_func ("/filter/complete-missing", test_filter_complete_missing);
  g_test_add_func ("/filter/never-worse-than-page", test_filter_never_worse_than_page);
  g_test_add_func ("/filter/unknown-component", test_filter_unknown_component);
  g_test_add_func ("/filter/incomplete", test_filter_incomplete);
  g_test_add_func ("/filter/incomplete-unreadable", test_filter_incomplete_unreadable);
  g_test_add_func ("/filter/maintenance", test_filter_maintenance);
  g_test_add_func ("/filter/immutable", test_filter_immutable);
  g_test_add_func ("/filter/format-flags", test_filter_format_flags);
  g_test_add_func ("/filter/fixture/google", test_filter_fixture_google);
  g_test_add_func ("/filter/fixture/microsoft", test_filter_fixture_microsoft);
  g_test_add_func ("/filter/fixture/statuspage", test_filter_fixture_statuspage);
  g_test_add_func ("/filter/fixture/slack", test_filter_fixture_slack);
  add_server_test ("/filter/service", test_service_components);

  add_server_test ("/discover/statuspage", test_discover_statuspage);
  add_server_test ("/discover/instatus", test_discover_instatus);
  add_server_test ("/discover/nothing", test_discover_nothing);
  add_server_test ("/discover/under-path", test_discover_under_path);
  add_server_test ("/discover/cachet", test_discover_cachet);
  add_server_test ("/discover/not-for-known-formats", test_discover_not_for_known_formats);
  add_server_test ("/discover/feed-gone", test_discover_feed_gone);
  add_server_test ("/discover/feed-removed", test_discover_feed_removed);
  add_server_test ("/discover/direct", test_discover_direct);
  add_server_test ("/discover/with-components", test_discover_with_components);

  return g_test_run ();
}
