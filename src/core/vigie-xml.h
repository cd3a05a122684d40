/* vigie-xml.h: reading untrusted XML with GMarkup, bounded
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * VigieXmlReader:
 * @start_element: an element starts.  @name is its local name, or the name
 *   as written when no declaration binds its prefix; @ns is its namespace
 *   URI, or %NULL.  The attributes are given as written, prefixed or not,
 *   their values normalised and their references resolved.
 * @end_element: the element that started last ends
 * @text: text directly inside the current element: character data with
 *   its references resolved, or the content of a CDATA section.  The text
 *   of an element may come in several pieces.
 *
 * What vigie_xml_read() tells its caller, in document order.
 */
typedef struct
{
  void (*start_element) (const char  *name,
                         const char  *ns,
                         const char **attribute_names,
                         const char **attribute_values,
                         gpointer     user_data);
  void (*end_element)   (gpointer     user_data);
  void (*text)          (const char  *text,
                         gsize        len,
                         gpointer     user_data);
} VigieXmlReader;

gboolean vigie_xml_read (GBytes                *body,
                         const VigieXmlReader  *reader,
                         gpointer               user_data,
                         GError               **error);

G_END_DECLS
