/* vigie-feed-cache.c: the last copy of each feed, kept across restarts
 *
 * A saved ETag or Last-Modified makes the first poll after a start
 * conditional, but a "304 Not Modified" only helps with the copy it
 * confirms: this keeps that copy, one file per service under
 * $XDG_CACHE_HOME/vigie/feeds/, whose first line is the feed's address
 * (a copy of another address is never used).  A copy is written only when
 * its bytes change, in a worker thread; it is read at most once, when a
 * service's first poll after a start is answered 304.  Losing the cache
 * costs one full download, nothing else.
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vigie-feed-cache"

#include "config.h"

#include <string.h>

#include "vigie-feed-cache.h"
#include "vigie-limits.h"

struct _VigieFeedCache
{
  GObject parent_instance;

  char *dir;
  GHashTable *stored;       /* service id -> SHA-256 of the copy last written or read
                             * (a digest, not the bytes: a feed can weigh 100s of KB) */
  GThreadPool *writer;      /* one thread: writes in order */
  GMutex lock;
  guint n_writes;
};

G_DEFINE_FINAL_TYPE (VigieFeedCache, vigie_feed_cache, G_TYPE_OBJECT)

typedef struct
{
  char *path;
  GBytes *contents;
} Write;

static void
write_free (Write *write)
{
  g_free (write->path);
  g_bytes_unref (write->contents);
  g_free (write);
}

static void
write_in_thread (gpointer data,
                 gpointer user_data)
{
  Write *write = data;
  VigieFeedCache *self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_path_get_dirname (write->path);
  gsize size;
  const char *bytes = g_bytes_get_data (write->contents, &size);

  /* a cache: consistent (write and rename) but not worth an fsync */
  if (g_mkdir_with_parents (dir, 0700) != 0
      || !g_file_set_contents_full (write->path, bytes, size, G_FILE_SET_CONTENTS_CONSISTENT,
                                    0600, &error))
    g_debug ("could not keep a copy in %s: %s", write->path,
             error != NULL ? error->message : "cannot create its folder");
  else
    {
      g_mutex_lock (&self->lock);
      self->n_writes++;
      g_mutex_unlock (&self->lock);
    }

  write_free (write);
}

static void
vigie_feed_cache_finalize (GObject *object)
{
  VigieFeedCache *self = (VigieFeedCache *) object;

  /* pending writes end before the cache goes */
  if (self->writer != NULL)
    g_thread_pool_free (self->writer, FALSE, TRUE);
  g_free (self->dir);
  g_clear_pointer (&self->stored, g_hash_table_unref);
  g_mutex_clear (&self->lock);

  G_OBJECT_CLASS (vigie_feed_cache_parent_class)->finalize (object);
}

static void
vigie_feed_cache_class_init (VigieFeedCacheClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = vigie_feed_cache_finalize;
}

static void
vigie_feed_cache_init (VigieFeedCache *self)
{
  self->stored = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_mutex_init (&self->lock);
}

/**
 * vigie_feed_cache_new:
 * @dir: where copies are kept, such as $XDG_CACHE_HOME/vigie/feeds
 */
VigieFeedCache *
vigie_feed_cache_new (const char *dir)
{
  VigieFeedCache *self;

  g_return_val_if_fail (dir != NULL, NULL);

  self = g_object_new (VIGIE_TYPE_FEED_CACHE, NULL);
  self->dir = g_strdup (dir);
  self->writer = g_thread_pool_new (write_in_thread, self, 1, FALSE, NULL);
  return self;
}

/* Service ids are ours or the catalog's, but a file name is made safe anyway */
static char *
path_for (VigieFeedCache *self,
          const char     *service_id)
{
  g_autofree char *name = g_compute_checksum_for_string (G_CHECKSUM_SHA256, service_id, -1);

  return g_build_filename (self->dir, name, NULL);
}

static GBytes *
contents_for (const char *url,
              GBytes     *body)
{
  gsize size;
  const char *data = g_bytes_get_data (body, &size);
  g_autoptr(GByteArray) contents = g_byte_array_sized_new (strlen (url) + 1 + size);

  g_byte_array_append (contents, (const guint8 *) url, strlen (url));
  g_byte_array_append (contents, (const guint8 *) "\n", 1);
  if (size > 0)
    g_byte_array_append (contents, (const guint8 *) data, size);

  return g_byte_array_free_to_bytes (g_steal_pointer (&contents));
}

/**
 * vigie_feed_cache_store:
 * @body: the feed as it was read (decoded, within the size limit)
 *
 * Keeps @body as the service's copy of @url, unless it already is.
 */
void
vigie_feed_cache_store (VigieFeedCache *self,
                        const char     *service_id,
                        const char     *url,
                        GBytes         *body)
{
  g_autoptr(GBytes) contents = NULL;
  g_autofree char *digest = NULL;
  Write *write;

  g_return_if_fail (VIGIE_IS_FEED_CACHE (self));
  g_return_if_fail (service_id != NULL && url != NULL && body != NULL);

  if (strchr (url, '\n') != NULL || g_bytes_get_size (body) > VIGIE_HARD_MAX_BODY_BYTES)
    return;

  contents = contents_for (url, body);
  digest = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, contents);
  if (g_strcmp0 (g_hash_table_lookup (self->stored, service_id), digest) == 0)
    return;

  g_hash_table_replace (self->stored, g_strdup (service_id), g_steal_pointer (&digest));

  write = g_new0 (Write, 1);
  write->path = path_for (self, service_id);
  write->contents = g_steal_pointer (&contents);
  g_thread_pool_push (self->writer, write, NULL);
}

/**
 * vigie_feed_cache_load:
 *
 * Returns: (transfer full) (nullable): the copy of @url kept for the
 *   service, or %NULL when there is none (or one of another address)
 */
GBytes *
vigie_feed_cache_load (VigieFeedCache *self,
                       const char     *service_id,
                       const char     *url)
{
  g_autofree char *path = NULL;
  g_autofree char *data = NULL;
  g_autoptr(GBytes) contents = NULL;
  gsize length;
  gsize url_length;

  g_return_val_if_fail (VIGIE_IS_FEED_CACHE (self), NULL);
  g_return_val_if_fail (service_id != NULL && url != NULL, NULL);

  /* written meanwhile: what was written is what we know */
  vigie_feed_cache_wait (self);

  path = path_for (self, service_id);
  if (!g_file_get_contents (path, &data, &length, NULL))
    return NULL;

  url_length = strlen (url);
  if (length > VIGIE_HARD_MAX_BODY_BYTES + url_length + 1 || length <= url_length
      || memcmp (data, url, url_length) != 0 || data[url_length] != '\n')
    return NULL;

  contents = g_bytes_new_take (g_steal_pointer (&data), length);
  g_hash_table_replace (self->stored, g_strdup (service_id),
                        g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, contents));
  return g_bytes_new_from_bytes (contents, url_length + 1, length - url_length - 1);
}

/**
 * vigie_feed_cache_wait:
 *
 * Waits for the copies being written (for tests, and before exit).
 */
void
vigie_feed_cache_wait (VigieFeedCache *self)
{
  g_return_if_fail (VIGIE_IS_FEED_CACHE (self));

  /* freeing a pool waits for what it was given */
  g_thread_pool_free (self->writer, FALSE, TRUE);
  self->writer = g_thread_pool_new (write_in_thread, self, 1, FALSE, NULL);
}

guint
vigie_feed_cache_get_n_writes (VigieFeedCache *self)
{
  guint n;

  g_return_val_if_fail (VIGIE_IS_FEED_CACHE (self), 0);

  g_mutex_lock (&self->lock);
  n = self->n_writes;
  g_mutex_unlock (&self->lock);
  return n;
}
