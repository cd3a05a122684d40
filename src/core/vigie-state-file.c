/* vigie-state-file.c: the saved state on disk, written only when it changes
 *
 * One file under $XDG_STATE_HOME/vigie/.  A save whose bytes are those
 * last read or written does nothing: a poll that changes nothing touches
 * no disk.  Writes happen in a worker thread, one at a time, each to a
 * temporary file that is synced and renamed over the old one, so that a
 * crash at any moment leaves either the old state or the new one.  A
 * write that fails is tried again later, and logged once until one works.
 * Reading is bounded; a file that cannot be read as a state is set aside
 * (renamed with a ".damaged" suffix), never fatal.
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vigie-state-file"

#include "config.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <string.h>

#include "vigie-limits.h"
#include "vigie-state-file.h"

/* After a failed write, the next try comes this much later */
#define RETRY_SECONDS 60

struct _VigieStateFile
{
  GObject parent_instance;

  char *path;
  char *on_disk;            /* a digest of what the file holds, as far as we
                             * know (not the bytes: they grow with the services) */
  GBytes *wanted;           /* the newest bytes asked for, not yet written */
  GList *waiting;           /* GTask, completed once their bytes (or newer) are on disk */
  gboolean writing;
  gboolean failing;         /* the last write failed (logged once) */
  guint retry_id;
  guint n_writes;
};

G_DEFINE_FINAL_TYPE (VigieStateFile, vigie_state_file, G_TYPE_OBJECT)

static void
set_on_disk (VigieStateFile *self,
             GBytes         *contents)
{
  g_free (self->on_disk);
  self->on_disk = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, contents);
}

static gboolean
is_on_disk (VigieStateFile *self,
            GBytes         *contents)
{
  g_autofree char *digest = NULL;

  if (self->on_disk == NULL)
    return FALSE;
  digest = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, contents);
  return g_str_equal (digest, self->on_disk);
}

static void
vigie_state_file_dispose (GObject *object)
{
  VigieStateFile *self = (VigieStateFile *) object;

  g_clear_handle_id (&self->retry_id, g_source_remove);

  G_OBJECT_CLASS (vigie_state_file_parent_class)->dispose (object);
}

static void
vigie_state_file_finalize (GObject *object)
{
  VigieStateFile *self = (VigieStateFile *) object;

  g_free (self->path);
  g_clear_pointer (&self->on_disk, g_free);
  g_clear_pointer (&self->wanted, g_bytes_unref);
  g_list_free_full (self->waiting, g_object_unref);

  G_OBJECT_CLASS (vigie_state_file_parent_class)->finalize (object);
}

static void
vigie_state_file_class_init (VigieStateFileClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = vigie_state_file_dispose;
  object_class->finalize = vigie_state_file_finalize;
}

static void
vigie_state_file_init (VigieStateFile *self)
{
}

VigieStateFile *
vigie_state_file_new (const char *path)
{
  VigieStateFile *self;

  g_return_val_if_fail (path != NULL, NULL);

  self = g_object_new (VIGIE_TYPE_STATE_FILE, NULL);
  self->path = g_strdup (path);
  return self;
}

/**
 * vigie_state_file_get_n_writes:
 *
 * Returns: how many times the file was written by this object
 */
guint
vigie_state_file_get_n_writes (VigieStateFile *self)
{
  g_return_val_if_fail (VIGIE_IS_STATE_FILE (self), 0);

  return self->n_writes;
}

/* g_file_set_contents_full() writes "state.json.XXXXXX" first: a kill at
 * that moment leaves one behind, which nothing will ever read. */
static void
remove_leftovers (const char *path)
{
  g_autofree char *dir_path = g_path_get_dirname (path);
  g_autofree char *base = g_path_get_basename (path);
  g_autofree char *prefix = g_strconcat (base, ".", NULL);
  g_autoptr(GDir) dir = g_dir_open (dir_path, 0, NULL);
  const char *name;

  if (dir == NULL)
    return;

  /* the temporary name is the file's, a dot and six characters */
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      if (g_str_has_prefix (name, prefix) && strlen (name) == strlen (prefix) + 6
          && !g_str_has_suffix (name, "damaged"))
        {
          g_autofree char *leftover = g_build_filename (dir_path, name, NULL);

          g_debug ("removing %s, left by an interrupted save", leftover);
          g_remove (leftover);
        }
    }
}

/**
 * vigie_state_file_load:
 *
 * Reads the file, at most %VIGIE_MAX_STATE_BYTES of it.
 *
 * Returns: (transfer full) (nullable): its bytes; %NULL without an error
 *   when there is no file (a first start), %NULL with one when it cannot
 *   be read or is too large
 */
GBytes *
vigie_state_file_load (VigieStateFile  *self,
                       GError         **error)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFileInputStream) stream = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (VIGIE_IS_STATE_FILE (self), NULL);

  remove_leftovers (self->path);

  file = g_file_new_for_path (self->path);
  stream = g_file_read (file, NULL, &local_error);
  if (stream == NULL)
    {
      if (!g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
        g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  /* one byte more than allowed tells a file that is too large */
  bytes = g_input_stream_read_bytes (G_INPUT_STREAM (stream), VIGIE_MAX_STATE_BYTES + 1, NULL,
                                     error);
  if (bytes == NULL)
    return NULL;

  if (g_bytes_get_size (bytes) > VIGIE_MAX_STATE_BYTES)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "larger than %u bytes",
                   (guint) VIGIE_MAX_STATE_BYTES);
      return NULL;
    }

  set_on_disk (self, bytes);
  return g_steal_pointer (&bytes);
}

/**
 * vigie_state_file_set_aside:
 * @reason: why, for the log
 *
 * Renames a damaged file out of the way, keeping it for a person to look
 * at; the next save starts a new one.
 */
void
vigie_state_file_set_aside (VigieStateFile *self,
                            const char     *reason)
{
  g_autofree char *aside = NULL;

  g_return_if_fail (VIGIE_IS_STATE_FILE (self));

  aside = g_strconcat (self->path, ".damaged", NULL);
  if (g_rename (self->path, aside) == 0)
    g_warning ("%s could not be read (%s): set aside as %s, starting afresh", self->path, reason,
               aside);
  else
    g_warning ("%s could not be read (%s), nor set aside: %s", self->path, reason,
               g_strerror (errno));

  g_clear_pointer (&self->on_disk, g_free);
}

static gboolean
write_contents (const char  *path,
                GBytes      *contents,
                GError     **error)
{
  g_autofree char *dir = g_path_get_dirname (path);
  gsize size;
  const char *data = g_bytes_get_data (contents, &size);

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                   "cannot create %s: %s", dir, g_strerror (saved_errno));
      return FALSE;
    }

  return g_file_set_contents_full (path, data != NULL ? data : "", size,
                                   G_FILE_SET_CONTENTS_CONSISTENT | G_FILE_SET_CONTENTS_DURABLE,
                                   0600, error);
}

static void
write_in_thread (GTask        *task,
                 gpointer      source_object,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  VigieStateFile *self = source_object;
  GError *error = NULL;

  if (write_contents (self->path, task_data, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void start_write (VigieStateFile *self);

static gboolean
retry_cb (gpointer user_data)
{
  VigieStateFile *self = user_data;

  self->retry_id = 0;
  start_write (self);
  return G_SOURCE_REMOVE;
}

static void
finish_waiting (VigieStateFile *self,
                const GError   *error)
{
  GList *waiting = g_steal_pointer (&self->waiting);

  for (GList *l = waiting; l != NULL; l = l->next)
    {
      if (error != NULL)
        g_task_return_error (l->data, g_error_copy (error));
      else
        g_task_return_boolean (l->data, TRUE);
    }
  g_list_free_full (waiting, g_object_unref);
}

static void
write_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(VigieStateFile) self = user_data;
  g_autoptr(GError) error = NULL;
  GBytes *written = g_task_get_task_data (G_TASK (result));

  self->writing = FALSE;

  if (g_task_propagate_boolean (G_TASK (result), &error))
    {
      self->n_writes++;
      if (self->failing)
        g_message ("%s is saved again", self->path);
      self->failing = FALSE;
      set_on_disk (self, written);
    }
  else
    {
      if (!self->failing)
        g_warning ("Could not save %s: %s (trying again later)", self->path, error->message);
      self->failing = TRUE;
    }

  /* newer bytes came while this was written */
  if (self->wanted != NULL && !is_on_disk (self, self->wanted))
    {
      if (error == NULL)
        {
          start_write (self);
          return;
        }
    }
  else
    {
      g_clear_pointer (&self->wanted, g_bytes_unref);
    }

  /* the callers learn the outcome either way: they never wait forever */
  finish_waiting (self, error);

  if (error != NULL && self->retry_id == 0)
    self->retry_id = g_timeout_add_seconds (RETRY_SECONDS, retry_cb, self);
}

static void
start_write (VigieStateFile *self)
{
  g_autoptr(GTask) task = NULL;

  if (self->writing || self->wanted == NULL)
    return;

  self->writing = TRUE;
  g_clear_handle_id (&self->retry_id, g_source_remove);

  task = g_task_new (self, NULL, write_done_cb, g_object_ref (self));
  g_task_set_source_tag (task, start_write);
  g_task_set_task_data (task, g_bytes_ref (self->wanted), (GDestroyNotify) g_bytes_unref);
  g_task_run_in_thread (task, write_in_thread);
}

/**
 * vigie_state_file_save_async:
 * @contents: the whole new state
 *
 * Writes @contents unless the file already holds them.  Completes once
 * they (or newer contents asked for meanwhile) are on disk, or the write
 * failed; a failed write is tried again later on its own.
 */
void
vigie_state_file_save_async (VigieStateFile      *self,
                             GBytes              *contents,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (VIGIE_IS_STATE_FILE (self));
  g_return_if_fail (contents != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, vigie_state_file_save_async);

  if (!self->writing && is_on_disk (self, contents))
    {
      g_clear_pointer (&self->wanted, g_bytes_unref);
      g_task_return_boolean (task, TRUE);
      return;
    }

  g_clear_pointer (&self->wanted, g_bytes_unref);
  self->wanted = g_bytes_ref (contents);
  self->waiting = g_list_append (self->waiting, g_steal_pointer (&task));
  start_write (self);
}

gboolean
vigie_state_file_save_finish (VigieStateFile  *self,
                              GAsyncResult    *result,
                              GError         **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * vigie_state_file_save_sync:
 *
 * The same as vigie_state_file_save_async(), blocking: for the last save
 * at exit.
 *
 * Returns: %TRUE if the file holds @contents
 */
gboolean
vigie_state_file_save_sync (VigieStateFile  *self,
                            GBytes          *contents,
                            GError         **error)
{
  gint64 deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

  g_return_val_if_fail (VIGIE_IS_STATE_FILE (self), FALSE);

  /* a write in a thread could rename older bytes over these: let it end */
  while (self->writing && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);

  if (is_on_disk (self, contents))
    return TRUE;

  if (!write_contents (self->path, contents, error))
    return FALSE;

  self->n_writes++;
  set_on_disk (self, contents);
  return TRUE;
}
