/* vigie-response.c: what one HTTP exchange brought back
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vigie-response"

#include "config.h"

#include "vigie-response.h"

struct _VigieResponse
{
  GObject parent_instance;

  guint status;
  char *final_url;
  GBytes *body;
  char *content_type;
  char *etag;
  char *last_modified;
  gint64 retry_after;
  gint64 max_age;
};

G_DEFINE_FINAL_TYPE (VigieResponse, vigie_response, G_TYPE_OBJECT)

static void
vigie_response_finalize (GObject *object)
{
  VigieResponse *self = (VigieResponse *) object;

  g_clear_pointer (&self->final_url, g_free);
  g_clear_pointer (&self->body, g_bytes_unref);
  g_clear_pointer (&self->content_type, g_free);
  g_clear_pointer (&self->etag, g_free);
  g_clear_pointer (&self->last_modified, g_free);

  G_OBJECT_CLASS (vigie_response_parent_class)->finalize (object);
}

static void
vigie_response_class_init (VigieResponseClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = vigie_response_finalize;
}

static void
vigie_response_init (VigieResponse *self)
{
  self->retry_after = -1;
  self->max_age = -1;
}

VigieResponse *
vigie_response_new (guint       status,
                    const char *final_url)
{
  VigieResponse *self = g_object_new (VIGIE_TYPE_RESPONSE, NULL);

  self->status = status;
  self->final_url = g_strdup (final_url);

  return self;
}

guint
vigie_response_get_status (VigieResponse *self)
{
  g_return_val_if_fail (VIGIE_IS_RESPONSE (self), 0);

  return self->status;
}

gboolean
vigie_response_is_success (VigieResponse *self)
{
  g_return_val_if_fail (VIGIE_IS_RESPONSE (self), FALSE);

  return self->status >= 200 && self->status < 300;
}

gboolean
vigie_response_is_not_modified (VigieResponse *self)
{
  g_return_val_if_fail (VIGIE_IS_RESPONSE (self), FALSE);

  return self->status == 304;
}

const char *
vigie_response_get_final_url (VigieResponse *self)
{
  g_return_val_if_fail (VIGIE_IS_RESPONSE (self), NULL);

  return self->final_url;
}

/**
 * vigie_response_get_body:
 *
 * Returns: (transfer none) (nullable): the body of a successful response
 */
GBytes *
vigie_response_get_body (VigieResponse *self)
{
  g_return_val_if_fail (VIGIE_IS_RESPONSE (self), NULL);

  return self->body;
}

const char *
vigie_response_get_content_type (VigieResponse *self)
{
  g_return_val_if_fail (VIGIE_IS_RESPONSE (self), NULL);

  return self->content_type;
}

const char *
vigie_response_get_etag (VigieResponse *self)
{
  g_return_val_if_fail (VIGIE_IS_RESPONSE (self), NULL);

  return self->etag;
}

const char *
vigie_response_get_last_modified (VigieResponse *self)
{
  g_return_val_if_fail (VIGIE_IS_RESPONSE (self), NULL);

  return self->last_modified;
}

/**
 * vigie_response_get_retry_after:
 *
 * Returns: seconds the server asked to wait (Retry-After), or -1
 */
gint64
vigie_response_get_retry_after (VigieResponse *self)
{
  g_return_val_if_fail (VIGIE_IS_RESPONSE (self), -1);

  return self->retry_after;
}

/**
 * vigie_response_get_max_age:
 *
 * Returns: seconds the response stays fresh (Cache-Control: max-age), or -1
 */
gint64
vigie_response_get_max_age (VigieResponse *self)
{
  g_return_val_if_fail (VIGIE_IS_RESPONSE (self), -1);

  return self->max_age;
}

void
vigie_response_set_body (VigieResponse *self,
                         GBytes        *body)
{
  g_return_if_fail (VIGIE_IS_RESPONSE (self));

  g_clear_pointer (&self->body, g_bytes_unref);
  self->body = body != NULL ? g_bytes_ref (body) : NULL;
}

void
vigie_response_set_headers (VigieResponse *self,
                            const char    *content_type,
                            const char    *etag,
                            const char    *last_modified,
                            gint64         retry_after,
                            gint64         max_age)
{
  g_return_if_fail (VIGIE_IS_RESPONSE (self));

  g_free (self->content_type);
  self->content_type = g_strdup (content_type);
  g_free (self->etag);
  self->etag = g_strdup (etag);
  g_free (self->last_modified);
  self->last_modified = g_strdup (last_modified);
  self->retry_after = retry_after;
  self->max_age = max_age;
}
