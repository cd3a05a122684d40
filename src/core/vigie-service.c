/* vigie-service.c: one monitored service, its configuration and live state
 *
 * A poll is fetch + parse.  Success replaces the snapshot; a 304 keeps it;
 * a failure keeps the last known snapshot and marks it stale, and only
 * after several failures in a row does the service read as unknown.  That
 * way a flaky network is neither an outage nor a recovery.
 *
 * A service may be narrowed to some of its components: it keeps the whole
 * snapshot a poll read, and shows (to the tracker, the window, --check)
 * the view vigie_snapshot_filter() derives from it.
 *
 * A service whose format is detected ("auto") and whose address answers
 * with a web page, a status page's home, looks for the feed at the known
 * paths of that page's origin (vigie-discover.c) and, once found, polls
 * the feed's address instead.
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vigie-service"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "feeds/vigie-feeds.h"
#include "vigie-discover-private.h"
#include "vigie-feed-cache.h"
#include "vigie-limits.h"
#include "vigie-service.h"

struct _VigieService
{
  GObject parent_instance;

  char *id;
  char *name;
  char *status_page;
  char *feed_url;
  char *discovered_url;  /* the feed found behind feed_url, a status page */
  char *format;
  char *feed_host;
  gsize max_bytes;
  GStrv components;      /* chosen components; NULL for all */

  VigieSnapshot *full_snapshot;  /* as read */
  VigieSnapshot *snapshot;       /* narrowed to the chosen components */
  GError *last_error;
  guint failures;
  GDateTime *last_checked;
  GDateTime *last_success;
  char *etag;
  char *last_modified;
  gint64 not_before;   /* monotonic µs: the server asked us to wait until then */
  gboolean polling;
  gboolean holds_last_known;   /* network failures do not make it unknown */
  VigieFeedCache *feed_cache;  /* (nullable) copies kept across restarts */
};

G_DEFINE_FINAL_TYPE (VigieService, vigie_service, G_TYPE_OBJECT)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
vigie_service_finalize (GObject *object)
{
  VigieService *self = (VigieService *) object;

  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->status_page, g_free);
  g_clear_pointer (&self->feed_url, g_free);
  g_clear_pointer (&self->discovered_url, g_free);
  g_clear_pointer (&self->format, g_free);
  g_clear_pointer (&self->feed_host, g_free);
  g_clear_pointer (&self->components, g_strfreev);
  g_clear_object (&self->full_snapshot);
  g_clear_object (&self->snapshot);
  g_clear_error (&self->last_error);
  g_clear_pointer (&self->last_checked, g_date_time_unref);
  g_clear_pointer (&self->last_success, g_date_time_unref);
  g_clear_pointer (&self->etag, g_free);
  g_clear_pointer (&self->last_modified, g_free);
  g_clear_object (&self->feed_cache);

  G_OBJECT_CLASS (vigie_service_parent_class)->finalize (object);
}

static void
vigie_service_class_init (VigieServiceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = vigie_service_finalize;

  /**
   * VigieService::changed:
   *
   * Emitted after every poll, successful or not, and when a new choice of
   * components changes the state shown.
   */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                   NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
vigie_service_init (VigieService *self)
{
  self->max_bytes = VIGIE_DEFAULT_MAX_BODY_BYTES;
}

/**
 * vigie_service_new:
 * @id: stable identifier: a catalog id; for a custom feed of the settings,
 *   "custom-" and a hash of its address (vigie_settings_custom_feed_id());
 *   for a `--feed` of the command line, "feed-N"
 * @name: (nullable): display name; %NULL to take the page's own name
 * @status_page: (nullable): the human-readable status page
 * @feed_url: the machine-readable feed
 * @format: (nullable): a format id, or %NULL / "auto" to detect it
 */
VigieService *
vigie_service_new (const char *id,
                   const char *name,
                   const char *status_page,
                   const char *feed_url,
                   const char *format)
{
  VigieService *self;

  g_return_val_if_fail (id != NULL, NULL);
  g_return_val_if_fail (feed_url != NULL, NULL);

  self = g_object_new (VIGIE_TYPE_SERVICE, NULL);
  self->id = g_strdup (id);
  self->name = g_strdup (name);
  self->status_page = g_strdup (status_page);
  self->feed_url = g_strdup (feed_url);
  self->format = g_strdup (format != NULL ? format : VIGIE_FEED_FORMAT_AUTO);

  {
    g_autoptr(GUri) uri = g_uri_parse (feed_url, G_URI_FLAGS_NONE, NULL);

    if (uri != NULL && g_uri_get_host (uri) != NULL && *g_uri_get_host (uri) != '\0')
      self->feed_host = g_strdup (g_uri_get_host (uri));
  }

  return self;
}

const char *
vigie_service_get_id (VigieService *self)
{
  g_return_val_if_fail (VIGIE_IS_SERVICE (self), NULL);

  return self->id;
}

/**
 * vigie_service_get_name:
 *
 * Returns: (nullable): the configured name
 */
const char *
vigie_service_get_name (VigieService *self)
{
  g_return_val_if_fail (VIGIE_IS_SERVICE (self), NULL);

  return self->name;
}

/**
 * vigie_service_get_display_name:
 *
 * Returns: the configured name, else the name the page gives itself, else
 *   the feed's host
 */
const char *
vigie_service_get_display_name (VigieService *self)
{
  g_return_val_if_fail (VIGIE_IS_SERVICE (self), NULL);

  if (self->name != NULL)
    return self->name;

  if (self->snapshot != NULL && vigie_snapshot_get_page_name (self->snapshot) != NULL)
    return vigie_snapshot_get_page_name (self->snapshot);

  return self->feed_host != NULL ? self->feed_host : self->id;
}

/**
 * vigie_service_get_status_page:
 *
 * Returns: (nullable): the configured status page, else the one the feed
 *   names, else the page whose feed was found behind it
 */
const char *
vigie_service_get_status_page (VigieService *self)
{
  g_return_val_if_fail (VIGIE_IS_SERVICE (self), NULL);

  if (self->status_page != NULL)
    return self->status_page;

  if (self->snapshot != NULL && vigie_snapshot_get_page_url (self->snapshot) != NULL)
    return vigie_snapshot_get_page_url (self->snapshot);

  return self->discovered_url != NULL ? self->feed_url : NULL;
}

/**
 * vigie_service_get_feed_url:
 *
 * Returns: the address polled: the feed found behind the configured
 *   address when that is a status page, else the configured address
 */
const char *
vigie_service_get_feed_url (VigieService *self)
{
  g_return_val_if_fail (VIGIE_IS_SERVICE (self), NULL);

  return self->discovered_url != NULL ? self->discovered_url : self->feed_url;
}

/**
 * vigie_service_get_configured_feed_url:
 *
 * Returns: the address the service was created with
 */
const char *
vigie_service_get_configured_feed_url (VigieService *self)
{
  g_return_val_if_fail (VIGIE_IS_SERVICE (self), NULL);

  return self->feed_url;
}

/**
 * vigie_service_get_format:
 *
 * Returns: the configured format, or once a feed was read, the detected one
 */
const char *
vigie_service_get_format (VigieService *self)
{
  g_return_val_if_fail (VIGIE_IS_SERVICE (self), NULL);

  if (g_str_equal (self->format, VIGIE_FEED_FORMAT_AUTO) && self->snapshot != NULL)
    return vigie_snapshot_get_format (self->snapshot);

  return self->format;
}

static void
update_view (VigieService *self)
{
  g_autoptr(VigieSnapshot) view = NULL;

  if (self->full_snapshot == NULL)
    {
      g_clear_object (&self->snapshot);
      return;
    }

  view = vigie_snapshot_filter (self->full_snapshot, (const char * const *) self->components,
                                vigie_feeds_lists_all_components (
                                  vigie_snapshot_get_format (self->full_snapshot)),
                                NULL);
  g_set_object (&self->snapshot, view);
}

/**
 * vigie_service_set_components:
 * @components: (nullable) (array zero-terminated=1): the names of the
 *   components to watch; %NULL or empty for the whole service
 *
 * Narrows the service to some of its components: its state becomes the
 * worst of those components and of the incidents that concern the whole
 * page or one of them (see vigie_snapshot_filter()).  Takes effect at
 * once on the state already read.
 */
void
vigie_service_set_components (VigieService       *self,
                              const char * const *components)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) names = NULL;

  g_return_if_fail (VIGIE_IS_SERVICE (self));

  for (guint i = 0; components != NULL && components[i] != NULL; i++)
    if (*components[i] != '\0' && g_utf8_validate (components[i], -1, NULL))
      g_strv_builder_add (builder, components[i]);

  names = g_strv_builder_end (builder);
  g_clear_pointer (&self->components, g_strfreev);
  if (names[0] != NULL)
    self->components = g_steal_pointer (&names);

  update_view (self);
  if (self->snapshot != NULL)
    g_signal_emit (self, signals[CHANGED], 0);
}

/**
 * vigie_service_get_components:
 *
 * Returns: (transfer none) (nullable) (array zero-terminated=1): the chosen
 *   components, or %NULL when the whole service is watched
 */
const char * const *
vigie_service_get_components (VigieService *self)
{
  g_return_val_if_fail (VIGIE_IS_SERVICE (self), NULL);

  return (const char * const *) self->components;
}

/**
 * vigie_service_get_snapshot:
 *
 * Returns: (transfer none) (nullable): the last successfully read state,
 *   narrowed to the chosen components
 */
VigieSnapshot *
vigie_service_get_snapshot (VigieService *self)
{
  g_return_val_if_fail (VIGIE_IS_SERVICE (self), NULL);

  return self->snapshot;
}

/**
 * vigie_service_get_full_snapshot:
 *
 * Returns: (transfer none) (nullable): the last successfully read state,
 *   every component of it (to offer the components to choose from)
 */
VigieSnapshot *
vigie_service_get_full_snapshot (VigieService *self)
{
  g_return_val_if_fail (VIGIE_IS_SERVICE (self), NULL);

  return self->full_snapshot;
}

/**
 * vigie_service_get_severity:
 *
 * Returns: the state to show: the last snapshot's, unless there is none or
 *   too many polls in a row failed, then unknown
 */
VigieSeverity
vigie_service_get_severity (VigieService *self)
{
  g_return_val_if_fail (VIGIE_IS_SERVICE (self), VIGIE_SEVERITY_UNKNOWN);

  if (self->snapshot == NULL
      || (self->failures >= VIGIE_SERVICE_FAILURES_BEFORE_UNKNOWN
          && !(self->holds_last_known && vigie_service_failed_at_network_level (self))))
    return VIGIE_SEVERITY_UNKNOWN;

  return vigie_snapshot_get_severity (self->snapshot);
}

/**
 * vigie_service_failed_at_network_level:
 *
 * Returns: whether the last poll failed before any answer came: the name
 *   did not resolve, the connection or TLS failed, or it timed out.  When
 *   every service fails so, the problem is on this computer's side.
 */
gboolean
vigie_service_failed_at_network_level (VigieService *self)
{
  const GError *error;

  g_return_val_if_fail (VIGIE_IS_SERVICE (self), FALSE);

  error = self->last_error;
  if (self->failures == 0 || error == NULL || error->domain != VIGIE_FETCH_ERROR)
    return FALSE;

  return error->code == VIGIE_FETCH_ERROR_TIMEOUT || error->code == VIGIE_FETCH_ERROR_HOST_NOT_FOUND
         || error->code == VIGIE_FETCH_ERROR_CONNECTION || error->code == VIGIE_FETCH_ERROR_TLS;
}

/**
 * vigie_service_set_feed_cache:
 * @cache: (nullable): where the copy of the feed is kept across restarts
 *
 * With a cache, a feed read whole is kept there when it came with
 * validators, and the first poll after a start that is answered "304 Not
 * Modified" reads the kept copy instead of downloading it again.
 */
void
vigie_service_set_feed_cache (VigieService   *self,
                              VigieFeedCache *cache)
{
  g_return_if_fail (VIGIE_IS_SERVICE (self));

  g_set_object (&self->feed_cache, cache);
}

/**
 * vigie_service_set_holds_last_known:
 * @holds: %TRUE while no status page answers (see vigie-alert-engine.c)
 *
 * While set, failures at the network level keep the last known state
 * (stale) instead of turning the service unknown: the page is not the one
 * at fault.
 */
void
vigie_service_set_holds_last_known (VigieService *self,
                                    gboolean      holds)
{
  g_return_if_fail (VIGIE_IS_SERVICE (self));

  self->holds_last_known = holds;
}

/**
 * vigie_service_get_problem:
 *
 * Returns: (nullable): when the severity is unknown, the short English reason
 *   (the last fetch or parse error, or what the feed said that made no sense)
 */
const char *
vigie_service_get_problem (VigieService *self)
{
  g_return_val_if_fail (VIGIE_IS_SERVICE (self), NULL);

  if (vigie_service_get_severity (self) != VIGIE_SEVERITY_UNKNOWN)
    return NULL;

  if (self->last_error != NULL)
    return self->last_error->message;

  if (self->snapshot != NULL && vigie_snapshot_get_reason (self->snapshot) != NULL)
    return vigie_snapshot_get_reason (self->snapshot);

  return self->snapshot == NULL ? "not checked yet" : "unknown state";
}

/* @reason: "http 404" and the like (see vigie_response_get_status()) */
static char *
dup_http_problem_label (const char *reason)
{
  guint64 status = 0;

  if (g_str_has_prefix (reason, "http "))
    g_ascii_string_to_unsigned (reason + 5, 10, 100, 599, &status, NULL);

  if (status == 404 || status == 410)
    /* Translators: %s is a short technical reason such as "http 404" */
    return g_strdup_printf (_("no feed at this address (%s)"), reason);
  if (status == 401 || status == 403)
    /* Translators: %s is a short technical reason such as "http 403" */
    return g_strdup_printf (_("the server refuses access (%s)"), reason);
  if (status == 429)
    /* Translators: %s is a short technical reason such as "http 429" */
    return g_strdup_printf (_("the server asks to be checked less often (%s)"), reason);
  if (status >= 400 && status < 500)
    /* Translators: %s is a short technical reason such as "http 400" */
    return g_strdup_printf (_("the server refused the request (%s)"), reason);

  /* Translators: %s is a short technical reason such as "http 503" */
  return g_strdup_printf (_("server error (%s)"), reason);
}

/**
 * vigie_service_dup_problem_label:
 *
 * Returns: (transfer full) (nullable): vigie_service_get_problem() in words
 *   for people, translated
 */
char *
vigie_service_dup_problem_label (VigieService *self)
{
  const GError *error;

  g_return_val_if_fail (VIGIE_IS_SERVICE (self), NULL);

  if (vigie_service_get_severity (self) != VIGIE_SEVERITY_UNKNOWN)
    return NULL;

  error = self->last_error;
  if (error == NULL)
    {
      if (self->snapshot != NULL
          && g_strcmp0 (vigie_snapshot_get_reason (self->snapshot),
                        VIGIE_SNAPSHOT_REASON_COMPONENTS_MISSING) == 0)
        /* Translators: the user chose to watch some components of a
         * service (Gmail, Messaging…), and the feed names none of them */
        return g_strdup (_("none of the chosen components is in the feed"));
      if (self->snapshot != NULL)
        /* Translators: the feed was read but said something Vigie does not understand */
        return g_strdup (_("the feed reports a state Vigie does not know"));
      return g_strdup (_("not checked yet"));
    }

  if (error->domain == VIGIE_FETCH_ERROR)
    {
      switch ((VigieFetchError) error->code)
        {
        case VIGIE_FETCH_ERROR_INVALID_URL:
          return g_strdup (_("the feed address is not valid"));
        case VIGIE_FETCH_ERROR_INSECURE_URL:
          return g_strdup (_("the feed address is not secure (https is required)"));
        case VIGIE_FETCH_ERROR_INSECURE_REDIRECT:
          return g_strdup (_("the server redirected to an insecure address"));
        case VIGIE_FETCH_ERROR_TOO_MANY_REDIRECTS:
          return g_strdup (_("too many redirections"));
        case VIGIE_FETCH_ERROR_TIMEOUT:
          return g_strdup (_("no answer in time"));
        case VIGIE_FETCH_ERROR_TOO_LARGE:
          return g_strdup (_("the response is too large"));
        case VIGIE_FETCH_ERROR_TRUNCATED:
          return g_strdup (_("the connection broke during the response"));
        case VIGIE_FETCH_ERROR_HOST_NOT_FOUND:
          return g_strdup (_("server not found"));
        case VIGIE_FETCH_ERROR_CONNECTION:
          return g_strdup (_("cannot connect to the server"));
        case VIGIE_FETCH_ERROR_TLS:
          return g_strdup (_("secure connection failed"));
        case VIGIE_FETCH_ERROR_HTTP:
        default:
          return dup_http_problem_label (error->message);
        }
    }

  if (error->domain == VIGIE_FEED_ERROR)
    {
      switch ((VigieFeedError) error->code)
        {
        case VIGIE_FEED_ERROR_EMPTY:
          return g_strdup (_("the server sent an empty response"));
        case VIGIE_FEED_ERROR_HTML:
          return g_strdup (_("the server sent a web page instead of a feed"));
        case VIGIE_FEED_ERROR_TOO_DEEP:
        case VIGIE_FEED_ERROR_TOO_COMPLEX:
          return g_strdup (_("the feed is too complex to read safely"));
        case VIGIE_FEED_ERROR_NOT_JSON:
        case VIGIE_FEED_ERROR_NOT_XML:
        case VIGIE_FEED_ERROR_WRONG_FORMAT:
        case VIGIE_FEED_ERROR_UNKNOWN_FORMAT:
        default:
          return g_strdup (_("the response is not a status feed Vigie can read"));
        }
    }

  return g_strdup (error->message);
}

/**
 * vigie_service_get_last_error:
 *
 * Returns: (nullable): the error of the last poll, if it failed
 */
const GError *
vigie_service_get_last_error (VigieService *self)
{
  g_return_val_if_fail (VIGIE_IS_SERVICE (self), NULL);

  return self->last_error;
}

/**
 * vigie_service_is_stale:
 *
 * Returns: %TRUE if the state shown is older than the last poll, which failed
 */
gboolean
vigie_service_is_stale (VigieService *self)
{
  g_return_val_if_fail (VIGIE_IS_SERVICE (self), FALSE);

  return self->snapshot != NULL && self->failures > 0;
}

guint
vigie_service_get_failures (VigieService *self)
{
  g_return_val_if_fail (VIGIE_IS_SERVICE (self), 0);

  return self->failures;
}

/**
 * vigie_service_get_last_checked:
 *
 * Returns: (transfer none) (nullable): when the last poll ended
 */
GDateTime *
vigie_service_get_last_checked (VigieService *self)
{
  g_return_val_if_fail (VIGIE_IS_SERVICE (self), NULL);

  return self->last_checked;
}

/**
 * vigie_service_get_last_success:
 *
 * Returns: (transfer none) (nullable): when the feed was last read
 */
GDateTime *
vigie_service_get_last_success (VigieService *self)
{
  g_return_val_if_fail (VIGIE_IS_SERVICE (self), NULL);

  return self->last_success;
}

/**
 * vigie_service_get_not_before:
 *
 * Returns: the monotonic time (µs) before which the server asked not to be
 *   polled again (Retry-After, Cache-Control), or 0
 */
gint64
vigie_service_get_not_before (VigieService *self)
{
  g_return_val_if_fail (VIGIE_IS_SERVICE (self), 0);

  return self->not_before;
}

/**
 * vigie_service_get_min_interval:
 *
 * Returns: the shortest poll interval the vendor asks for, in seconds
 */
guint
vigie_service_get_min_interval (VigieService *self)
{
  g_return_val_if_fail (VIGIE_IS_SERVICE (self), 0);

  return vigie_feeds_get_min_interval (vigie_service_get_format (self));
}

/**
 * vigie_service_is_polling:
 *
 * Returns: %TRUE while a poll is under way
 */
gboolean
vigie_service_is_polling (VigieService *self)
{
  g_return_val_if_fail (VIGIE_IS_SERVICE (self), FALSE);

  return self->polling;
}

/* Validators are sent back to the server as they are: keep only short,
 * printable ASCII (a saved state is read back from disk). */
static char *
dup_validator (const char *value)
{
  if (value == NULL || *value == '\0' || strlen (value) > 256)
    return NULL;

  for (const char *p = value; *p != '\0'; p++)
    if ((guchar) *p < 0x20 || (guchar) *p >= 0x7f)
      return NULL;

  return g_strdup (value);
}

/**
 * vigie_service_get_validators:
 * @etag: (out) (optional) (transfer none) (nullable): the ETag of the copy held
 * @last_modified: (out) (optional) (transfer none) (nullable): its Last-Modified
 *
 * The validators the next poll sends (If-None-Match, If-Modified-Since), to
 * be saved with the state.  They change only when a poll reads a new copy
 * of the feed (or when a discovered feed is forgotten).
 */
void
vigie_service_get_validators (VigieService  *self,
                              const char   **etag,
                              const char   **last_modified)
{
  g_return_if_fail (VIGIE_IS_SERVICE (self));

  if (etag != NULL)
    *etag = self->etag;
  if (last_modified != NULL)
    *last_modified = self->last_modified;
}

/**
 * vigie_service_set_validators:
 * @etag: (nullable): an ETag saved by vigie_service_get_validators()
 * @last_modified: (nullable): a Last-Modified saved the same way
 *
 * Gives back saved validators, before the first poll, so that it is
 * conditional.  A 304 only helps with a copy of the feed: when the service
 * holds none, it asks again for the whole feed within the same poll (on
 * the same connection), so wrong or stale validators cost one request,
 * never a wrong state.  Values that are not short printable ASCII are
 * dropped.
 */
void
vigie_service_set_validators (VigieService *self,
                              const char   *etag,
                              const char   *last_modified)
{
  g_return_if_fail (VIGIE_IS_SERVICE (self));

  g_free (self->etag);
  self->etag = dup_validator (etag);
  g_free (self->last_modified);
  self->last_modified = dup_validator (last_modified);
}

static void
record_failure (VigieService *self,
                GError       *error)
{
  g_clear_error (&self->last_error);
  self->last_error = error;
  self->failures++;
}

static void
record_success (VigieService  *self,
                VigieSnapshot *snapshot,
                VigieResponse *response)
{
  g_clear_error (&self->last_error);
  self->failures = 0;
  g_clear_pointer (&self->last_success, g_date_time_unref);
  self->last_success = g_date_time_new_now_utc ();

  if (snapshot == NULL)
    return;

  g_set_object (&self->full_snapshot, snapshot);
  update_view (self);

  /* a 304 that confirmed the cached copy keeps the validators it was
   * asked with */
  if (response != NULL && vigie_response_is_not_modified (response))
    return;

  g_free (self->etag);
  self->etag = response != NULL ? g_strdup (vigie_response_get_etag (response)) : NULL;
  g_free (self->last_modified);
  self->last_modified = response != NULL
                          ? g_strdup (vigie_response_get_last_modified (response)) : NULL;

  /* worth keeping only when the next start can ask "changed since?" */
  if (self->feed_cache != NULL && response != NULL && vigie_response_get_body (response) != NULL
      && (self->etag != NULL || self->last_modified != NULL))
    vigie_feed_cache_store (self->feed_cache, self->id, vigie_service_get_feed_url (self),
                            vigie_response_get_body (response));
}

/**
 * vigie_service_record_poll:
 * @snapshot: (nullable): what a poll read, or %NULL with @error
 * @error: (nullable): why a poll failed
 *
 * Takes in the outcome of a poll made elsewhere, as if this service had
 * made it: for replays and for the alert engine's tests, which feed days
 * of polls without a network.
 */
void
vigie_service_record_poll (VigieService  *self,
                           VigieSnapshot *snapshot,
                           const GError  *error)
{
  g_return_if_fail (VIGIE_IS_SERVICE (self));
  g_return_if_fail ((snapshot == NULL) != (error == NULL));

  g_clear_pointer (&self->last_checked, g_date_time_unref);
  self->last_checked = g_date_time_new_now_utc ();

  if (error != NULL)
    record_failure (self, g_error_copy (error));
  else
    record_success (self, snapshot, NULL);
}

static void
apply_server_timing (VigieService  *self,
                     VigieResponse *response)
{
  gint64 wait = vigie_response_get_retry_after (response);

  /* a 304 carries the freshness of the copy it confirms */
  if (wait < 0 && (vigie_response_is_success (response)
                   || vigie_response_is_not_modified (response)))
    wait = vigie_response_get_max_age (response);

  self->not_before = wait > 0 ? g_get_monotonic_time () + wait * G_USEC_PER_SEC : 0;
}

/* The feed found behind a status page is gone: the next poll looks
 * again, from the address given (the validators held were the feed's). */
static void
forget_discovered_feed (VigieService *self)
{
  g_debug ("%s: %s is gone, looking again from %s", self->id, self->discovered_url,
           self->feed_url);
  g_clear_pointer (&self->discovered_url, g_free);
  g_clear_pointer (&self->etag, g_free);
  g_clear_pointer (&self->last_modified, g_free);
}

typedef struct
{
  VigieFetcher *fetcher;
  gboolean conditional;     /* the request carried validators */
  gboolean from_cache;      /* parsing the cached copy a 304 confirmed */
  VigieResponse *response;  /* while its body is parsed */
  GError *page_error;   /* the configured address gave a web page */
} PollData;

static void
poll_data_free (PollData *data)
{
  g_clear_object (&data->fetcher);
  g_clear_object (&data->response);
  g_clear_error (&data->page_error);
  g_free (data);
}

/* Ends a poll: records what it learnt, tells, and returns it */
static void
finish_poll (GTask         *task,
             VigieSnapshot *snapshot,
             VigieResponse *response,
             GError        *error)
{
  VigieService *self = g_task_get_source_object (task);

  self->polling = FALSE;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      /* nothing was learnt: no state change, no signal */
      g_task_return_error (task, error);
      return;
    }

  g_clear_pointer (&self->last_checked, g_date_time_unref);
  self->last_checked = g_date_time_new_now_utc ();

  if (error != NULL)
    {
      g_debug ("%s: %s", self->id, error->message);
      record_failure (self, g_error_copy (error));
      g_signal_emit (self, signals[CHANGED], 0);
      g_task_return_error (task, error);
      return;
    }

  record_success (self, snapshot, response);
  g_signal_emit (self, signals[CHANGED], 0);
  g_task_return_boolean (task, TRUE);
}

static void
discover_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  VigieService *self = g_task_get_source_object (task);
  PollData *data = g_task_get_task_data (task);
  g_autoptr(VigieSnapshot) snapshot = NULL;
  g_autoptr(VigieResponse) response = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *feed_url = NULL;

  feed_url = vigie_discover_feed_finish (result, &snapshot, &response, &error);
  if (feed_url != NULL)
    {
      g_debug ("%s: the feed of %s is %s", self->id, self->feed_url, feed_url);
      g_free (self->discovered_url);
      self->discovered_url = g_steal_pointer (&feed_url);
      apply_server_timing (self, response);
    }
  else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      /* What went wrong is still the address given: a page, not a feed.
       * (How a probe of a path nobody configured failed would only
       * puzzle.) */
      g_debug ("%s: no feed behind %s: %s", self->id, self->feed_url, error->message);
      g_clear_error (&error);
      error = g_steal_pointer (&data->page_error);
    }

  finish_poll (task, snapshot, response, g_steal_pointer (&error));
}

/* What a response means, once its body (if any) is parsed.  Takes @task
 * and @error. */
static void
conclude (GTask         *task,
          VigieResponse *response,
          VigieSnapshot *snapshot,
          GError        *error)
{
  VigieService *self = g_task_get_source_object (task);
  PollData *data = g_task_get_task_data (task);

  if (self->discovered_url != NULL
      && (vigie_response_get_status (response) == 404      /* Not Found */
          || vigie_response_get_status (response) == 410)) /* Gone */
    {
      /* the feed found earlier is gone: look again at the next poll,
       * from the address given (its validators were the feed's) */
      forget_discovered_feed (self);
    }
  else if (g_error_matches (error, VIGIE_FEED_ERROR, VIGIE_FEED_ERROR_HTML)
           && g_str_equal (self->format, VIGIE_FEED_FORMAT_AUTO))
    {
      if (self->discovered_url == NULL)
        {
          GCancellable *cancellable = g_task_get_cancellable (task);

          /* a status page's home: look for its feed */
          data->page_error = error;
          vigie_discover_feed_async (data->fetcher, vigie_response_get_final_url (response),
                                     self->max_bytes, cancellable, discover_cb, task);
          return;
        }

      /* the feed found earlier now answers with a page */
      forget_discovered_feed (self);
    }

  apply_server_timing (self, response);
  finish_poll (task, snapshot, response, error);
  g_object_unref (task);
}

static void fetch_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data);

/* Validators given back from a saved state, but no copy to confirm: ask
 * again for the whole feed (on the same connection, kept).  Takes @task. */
static void
fetch_whole (GTask *task)
{
  VigieService *self = g_task_get_source_object (task);
  PollData *data = g_task_get_task_data (task);

  g_debug ("%s: 304 without a copy: fetching it whole", self->id);
  g_clear_pointer (&self->etag, g_free);
  g_clear_pointer (&self->last_modified, g_free);
  data->conditional = FALSE;
  data->from_cache = FALSE;
  vigie_fetcher_fetch_async (data->fetcher, vigie_service_get_feed_url (self), NULL, NULL,
                             self->max_bytes, g_task_get_cancellable (task), fetch_cb, task);
}

static void
parse_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  PollData *data = g_task_get_task_data (task);
  g_autoptr(VigieResponse) response = g_steal_pointer (&data->response);
  g_autoptr(VigieSnapshot) snapshot = NULL;
  GError *error = NULL;

  snapshot = vigie_feeds_parse_finish (result, &error);

  /* a kept copy that no longer reads: the server has the real one */
  if (data->from_cache && error != NULL
      && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_clear_error (&error);
      fetch_whole (g_steal_pointer (&task));
      return;
    }

  conclude (g_steal_pointer (&task), response, snapshot, error);
}

static void
fetch_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  VigieService *self = g_task_get_source_object (task);
  PollData *data = g_task_get_task_data (task);
  g_autoptr(VigieResponse) response = NULL;
  GError *error = NULL;

  response = vigie_fetcher_fetch_finish (VIGIE_FETCHER (object), result, &error);
  if (response == NULL)
    {
      finish_poll (task, NULL, NULL, error);
      return;
    }

  if (vigie_response_is_not_modified (response) && self->snapshot == NULL && data->conditional)
    {
      g_autoptr(GBytes) copy = self->feed_cache != NULL
                                 ? vigie_feed_cache_load (self->feed_cache, self->id,
                                                          vigie_service_get_feed_url (self))
                                 : NULL;

      /* Validators given back from a saved state: the copy they confirm
       * is read from the cache, as if it had just come */
      if (copy != NULL)
        {
          g_debug ("%s: 304: reading the copy kept from the last run", self->id);
          GCancellable *cancellable = g_task_get_cancellable (task);

          data->from_cache = TRUE;
          data->response = g_object_ref (response);
          vigie_feeds_parse_async (self->format, copy, cancellable, parse_cb,
                                   g_steal_pointer (&task));
          return;
        }

      fetch_whole (g_steal_pointer (&task));
      return;
    }

  if (vigie_response_is_not_modified (response))
    {
      if (self->snapshot == NULL)
        error = g_error_new_literal (VIGIE_FETCH_ERROR, VIGIE_FETCH_ERROR_HTTP,
                                     "http 304 without a copy");
    }
  else if (!vigie_response_is_success (response))
    {
      error = g_error_new (VIGIE_FETCH_ERROR, VIGIE_FETCH_ERROR_HTTP, "http %u",
                           vigie_response_get_status (response));
    }
  else
    {
      GCancellable *cancellable = g_task_get_cancellable (task);

      /* large bodies are parsed off the main thread */
      data->response = g_object_ref (response);
      vigie_feeds_parse_async (self->format, vigie_response_get_body (response), cancellable,
                               parse_cb, g_steal_pointer (&task));
      return;
    }

  conclude (g_steal_pointer (&task), response, NULL, error);
}

/**
 * vigie_service_poll_async:
 *
 * Fetches and parses the feed once, with the validators of the copy we
 * hold, then updates the live state and emits #VigieService::changed.
 */
void
vigie_service_poll_async (VigieService        *self,
                          VigieFetcher        *fetcher,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  PollData *data;

  g_return_if_fail (VIGIE_IS_SERVICE (self));
  g_return_if_fail (VIGIE_IS_FETCHER (fetcher));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, vigie_service_poll_async);

  if (self->polling)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_PENDING, "already polling");
      return;
    }

  data = g_new0 (PollData, 1);
  data->fetcher = g_object_ref (fetcher);
  g_task_set_task_data (task, data, (GDestroyNotify) poll_data_free);

  /* Validators are held with a copy, or given back by
   * vigie_service_set_validators() before the first poll. */
  data->conditional = self->etag != NULL || self->last_modified != NULL;

  self->polling = TRUE;
  vigie_fetcher_fetch_async (fetcher, vigie_service_get_feed_url (self), self->etag,
                             self->last_modified, self->max_bytes, cancellable, fetch_cb,
                             g_steal_pointer (&task));
}

/**
 * vigie_service_poll_finish:
 *
 * Returns: %TRUE if the feed was read (or confirmed unchanged); %FALSE with
 *   @error set otherwise (the service's state already reflects it)
 */
gboolean
vigie_service_poll_finish (VigieService  *self,
                           GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (VIGIE_IS_SERVICE (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
