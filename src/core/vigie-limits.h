/* vigie-limits.h: the bounds that keep a hostile feed from hurting Vigie
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

/* Largest response body kept, after decompression.  Google's incident
 * history is about 1.3 MB and grows; everything else is far smaller. */
#define VIGIE_DEFAULT_MAX_BODY_BYTES   (4 * 1024 * 1024)
#define VIGIE_HARD_MAX_BODY_BYTES      (16 * 1024 * 1024)

/* JSON structure, checked before json-glib sees the data (its recursive
 * parser overflows the stack on deep nesting). */
#define VIGIE_MAX_JSON_DEPTH           64
#define VIGIE_MAX_JSON_VALUES          500000

/* XML structure (vigie-xml.c): libxml2's default limits, which bounded the
 * Atom and RSS feeds when libxml2 read them, and one of ours on the
 * namespace declarations in scope at once (each element's name is looked
 * up among them). */
#define VIGIE_MAX_XML_DEPTH            256        /* elements inside the root */
#define VIGIE_MAX_XML_NAME_BYTES       50000
#define VIGIE_MAX_XML_TEXT_BYTES       10000000   /* an attribute value, comment, CDATA section, PI */
#define VIGIE_MAX_XML_NAMESPACES       100

/* What one snapshot keeps. */
#define VIGIE_MAX_COMPONENTS           500
#define VIGIE_MAX_INCIDENTS            100
#define VIGIE_MAX_NAME_CHARS           200
#define VIGIE_MAX_TITLE_CHARS          300
#define VIGIE_MAX_UPDATE_CHARS         1500
#define VIGIE_MAX_URL_BYTES            2048

/* Network. */
#define VIGIE_CONNECT_TIMEOUT_SECONDS  10
#define VIGIE_IO_TIMEOUT_SECONDS       15
#define VIGIE_TOTAL_TIMEOUT_SECONDS    30
#define VIGIE_MAX_REDIRECTS            5
/* polls in flight at once; the others wait their turn (libsoup would
 * queue them anyway, past its 10 connections, holding every request) */
#define VIGIE_MAX_CONCURRENT_POLLS     6

/* The saved state: read no more than this, and keep no more services */
#define VIGIE_MAX_STATE_BYTES          (8 * 1024 * 1024)
#define VIGIE_MAX_SERVICES             1000
