/* vigie-xml.c: reading untrusted XML with GMarkup, bounded
 *
 * The feeds that come as XML (Statuspage's history.atom and history.rss)
 * are read with GLib's GMarkup: libxml2 would bring ICU into the process
 * for them.  GMarkup reads a subset of XML and leaves the rest to its
 * caller; this file does that part, so that a document reads as libxml2
 * (2.9, without network, entity substitution or XML_PARSE_HUGE) read it:
 *
 * - the encoding: a byte order mark, UTF-16 (recognised by its mark or by
 *   "<?" in UTF-16) and an encoding the XML declaration names, converted
 *   to UTF-8 with g_convert() (iconv, which libxml2 asks first).  As with
 *   libxml2, reading stops where the text cannot be decoded, or at a NUL;
 * - the prolog, read here before GMarkup starts at the root element: the
 *   XML declaration (at the very start only), comments, processing
 *   instructions and the document type declaration.  Its external subset
 *   is never read; its internal subset is checked but never used, and
 *   may not declare entities: no status feed needs one, and that is where
 *   entity expansion bombs and external entities (file:///etc/passwd)
 *   hide.  With an external subset, references to entities it may declare
 *   are left out of the text, as libxml2 leaves them out;
 * - namespaces: element names are given resolved, from the xmlns
 *   attributes in scope;
 * - what GMarkup does not check: one root element, no attribute given
 *   twice, no character XML does not allow (written or referenced),
 *   well-formed comments and processing instructions, CDATA sections only
 *   inside the root, their line ends made line feeds;
 * - libxml2's default bounds (vigie-limits.h): the depth, the length of a
 *   name, of an attribute value, a comment, a CDATA section or a
 *   processing instruction; and ours on the namespace declarations in
 *   scope.  GMarkup keeps a list of the open elements, so a deep document
 *   costs no stack, and the bounds are checked as each element starts: a
 *   hostile document fails fast.
 *
 * Known differences with libxml2, all on documents no feed is: GMarkup
 * takes "]]>" in text, "<" in an attribute value, attributes with no blank
 * between them and character references strtoul() reads ("&#+65;"),
 * which libxml2 refused; it refuses an element with more than 1000
 * attributes; its name characters are not quite XML's (it refuses U+00B7,
 * U+FEFF or combining marks in a name, takes U+00BA).  The declarations of
 * an internal subset are only checked to their ">", never applied
 * (attribute defaults); an encoding name iconv does not know is tried
 * without its separators, as ICU (which libxml2 asks next) matches names,
 * but ICU knows more names than iconv; UCS-4 and EBCDIC are refused.
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vigie-xml"

#include "config.h"

#include <string.h>

#include "vigie-feed-error.h"
#include "vigie-limits.h"
#include "vigie-xml.h"

#define XML_NAMESPACE "http://www.w3.org/XML/1998/namespace"
#define XMLNS_NAMESPACE "http://www.w3.org/2000/xmlns/"

static gboolean
set_not_xml (GError **error)
{
  g_set_error_literal (error, VIGIE_FEED_ERROR, VIGIE_FEED_ERROR_NOT_XML, "not xml");
  return FALSE;
}

static gboolean
set_entities_refused (GError **error)
{
  g_set_error_literal (error, VIGIE_FEED_ERROR, VIGIE_FEED_ERROR_TOO_COMPLEX, "xml entities refused");
  return FALSE;
}

/* Characters and names */

static gboolean
is_blank (char c)
{
  return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

static const char *
skip_blanks (const char *p,
             const char *end)
{
  while (p < end && is_blank (*p))
    p++;
  return p;
}

static gboolean
has_prefix (const char *p,
            const char *end,
            const char *prefix)
{
  gsize len = strlen (prefix);

  return (gsize) (end - p) >= len && memcmp (p, prefix, len) == 0;
}

/* No control character but tab, line feed and carriage return, no U+FFFE
 * or U+FFFF: the characters XML allows, in @text (valid UTF-8) */
static gboolean
has_only_xml_chars (const char *text,
                    gsize       len)
{
  for (gsize i = 0; i < len; i++)
    {
      guchar c = text[i];

      if ((c < 0x20 && !is_blank (c))
          || (c == 0xef && len - i >= 3 && (guchar) text[i + 1] == 0xbf && (guchar) text[i + 2] >= 0xbe))
        return FALSE;
    }

  return TRUE;
}

/* XML 1.0 (fifth edition) name characters, as libxml2 reads them */
static gboolean
is_name_char (gunichar c,
              gboolean first)
{
  if (c < 0x80)
    return g_ascii_isalpha (c) || c == '_' || c == ':'
           || (!first && (g_ascii_isdigit (c) || c == '-' || c == '.'));
  if (!first && (c == 0xb7 || (c >= 0x300 && c <= 0x36f) || c == 0x203f || c == 0x2040))
    return TRUE;

  return (c >= 0xc0 && c <= 0x2ff && c != 0xd7 && c != 0xf7) || (c >= 0x370 && c <= 0x1fff && c != 0x37e)
         || c == 0x200c || c == 0x200d || (c >= 0x2070 && c <= 0x218f) || (c >= 0x2c00 && c <= 0x2fef)
         || (c >= 0x3001 && c <= 0xd7ff) || (c >= 0xf900 && c <= 0xfdcf) || (c >= 0xfdf0 && c <= 0xfffd)
         || (c >= 0x10000 && c <= 0xeffff);
}

/* The end of the name at @p, or NULL if none starts there (in valid UTF-8) */
static const char *
skip_name (const char *p,
           const char *end)
{
  const char *start = p;

  while (p < end && is_name_char (g_utf8_get_char (p), p == start))
    p = g_utf8_next_char (p);

  return p > start ? p : NULL;
}

/* "<!--" … "-->", with no "--" inside and no "-" before the end */
static gboolean
comment_is_valid (const char *text,
                  gsize       len)
{
  const char *body = text + strlen ("<!--");
  gsize body_len;

  if (len < strlen ("<!---->"))
    return FALSE;

  body_len = len - strlen ("<!---->");
  return body_len <= VIGIE_MAX_XML_TEXT_BYTES && (body_len == 0 || body[body_len - 1] != '-')
         && g_strstr_len (body, body_len, "--") == NULL;
}

/* "<?" target [blanks …] "?>", the target a name other than "xml" in any
 * case (the declaration is only at the start) */
static gboolean
pi_is_valid (const char *text,
             gsize       len)
{
  const char *target = text + strlen ("<?");
  const char *end;
  const char *target_end;

  if (len < strlen ("<?x?>") || len > VIGIE_MAX_XML_TEXT_BYTES)
    return FALSE;

  end = text + len - strlen ("?>");
  target_end = skip_name (target, end);
  return target_end != NULL && (target_end == end || is_blank (*target_end))
         && !(target_end - target == 3 && g_ascii_strncasecmp (target, "xml", 3) == 0);
}

/* The encoding and the declaration */

typedef struct
{
  char *owned;          /* the decoded copy, when there is one */
  const char *text;     /* UTF-8, without a byte order mark */
  gsize len;
  gsize root;           /* where the root element starts */
  gboolean standalone;
  gboolean external_subset;
} Document;

static void
document_clear (Document *doc)
{
  g_free (doc->owned);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Document, document_clear)

typedef struct
{
  gsize end;            /* 0 without a declaration */
  char *encoding;
  gboolean standalone;
} Declaration;

static void
declaration_clear (Declaration *decl)
{
  g_clear_pointer (&decl->encoding, g_free);
  decl->end = 0;
  decl->standalone = FALSE;
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Declaration, declaration_clear)

typedef struct
{
  const char *charset;
  const char *spelling;  /* the other way to name it in a declaration */
} Utf16;

static const Utf16 utf16le = { "UTF-16LE", "UTF16LE" };
static const Utf16 utf16be = { "UTF-16BE", "UTF16BE" };

/* UTF-16, recognised as libxml2 does: by its byte order mark, or by "<?"
 * (a declaration) in UTF-16 */
static const Utf16 *
find_utf16 (const char *data,
            gsize       size,
            gsize      *out_bom)
{
  *out_bom = 0;
  if (size >= 2 && memcmp (data, "\xff\xfe", 2) == 0)
    *out_bom = 2;
  else if (size >= 2 && memcmp (data, "\xfe\xff", 2) == 0)
    *out_bom = 2;
  else if (size < 4 || (memcmp (data, "<\0?\0", 4) != 0 && memcmp (data, "\0<\0?", 4) != 0))
    return NULL;

  return data[0] == '<' || data[0] == '\xff' ? &utf16le : &utf16be;
}

/* @charset without what is not a letter or a digit: ICU, which libxml2
 * asks after iconv, matches names so ("UTF_8", "CP-1252", "LATIN-1") */
static char *
bare_charset_name (const char *charset)
{
  GString *bare = g_string_new (NULL);

  for (const char *p = charset; *p != '\0'; p++)
    if (g_ascii_isalnum (*p))
      g_string_append_c (bare, *p);

  return g_string_free (bare, FALSE);
}

static char *
convert_prefix (const char *data,
                gsize       size,
                const char *charset,
                gsize      *out_len,
                GError    **error)
{
  gsize read = 0;
  g_autoptr(GError) local_error = NULL;
  char *converted = g_convert (data, size, "UTF-8", charset, &read, out_len, &local_error);

  /* libxml2 stops reading where the text cannot be decoded: past the
   * root element, what follows is not read; before, the document is cut
   * short.  (An incomplete last character is left out the same way.) */
  if (converted == NULL && g_error_matches (local_error, G_CONVERT_ERROR, G_CONVERT_ERROR_ILLEGAL_SEQUENCE))
    converted = g_convert (data, read, "UTF-8", charset, NULL, out_len, NULL);
  else if (local_error != NULL)
    g_propagate_error (error, g_steal_pointer (&local_error));

  return converted;
}

static gboolean
convert (Document   *doc,
         const char *data,
         gsize       size,
         const char *charset)
{
  g_autoptr(GError) error = NULL;
  gsize written = 0;
  char *converted = convert_prefix (data, size, charset, &written, &error);

  if (converted == NULL && g_error_matches (error, G_CONVERT_ERROR, G_CONVERT_ERROR_NO_CONVERSION))
    {
      g_autofree char *bare = bare_charset_name (charset);

      converted = convert_prefix (data, size, bare, &written, NULL);
    }
  if (converted == NULL)
    return FALSE;

  g_free (doc->owned);
  doc->owned = converted;
  doc->text = converted;
  doc->len = written;
  return TRUE;
}

/* After a name of the declaration: blanks, "=", blanks and a quoted value */
static const char *
read_value (const char  *p,
            const char  *end,
            char       **out_value)
{
  const char *close;
  char quote;

  p = skip_blanks (p, end);
  if (p == end || *p != '=')
    return NULL;
  p = skip_blanks (p + 1, end);
  if (p == end || (*p != '"' && *p != '\''))
    return NULL;

  quote = *p++;
  close = memchr (p, quote, end - p);
  if (close == NULL)
    return NULL;

  *out_value = g_strndup (p, close - p);
  return close + 1;
}

/* 1.0, or a later 1.x that libxml2 reads as 1.0 */
static gboolean
version_is_known (const char *version)
{
  if (version[0] != '1' || version[1] != '.')
    return FALSE;

  for (const char *p = version + 2; *p != '\0'; p++)
    if (!g_ascii_isdigit (*p))
      return FALSE;

  return TRUE;
}

static gboolean
encoding_name_is_valid (const char *name)
{
  if (!g_ascii_isalpha (name[0]))
    return FALSE;

  for (const char *p = name + 1; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p) && *p != '.' && *p != '_' && *p != '-')
      return FALSE;

  return TRUE;
}

/* <?xml version="1.0" encoding="…" standalone="yes"?>, in this order, the
 * last two optional.  Without one, @decl->end stays 0. */
static gboolean
read_declaration (const char  *text,
                  gsize        len,
                  Declaration *decl)
{
  const char *end = text + len;
  const char *p;
  const char *next;
  g_autofree char *version = NULL;
  g_autofree char *standalone = NULL;

  if (len < 6 || memcmp (text, "<?xml", 5) != 0 || !is_blank (text[5]))
    return TRUE;

  p = skip_blanks (text + 5, end);
  if (!has_prefix (p, end, "version") || (p = read_value (p + 7, end, &version)) == NULL
      || !version_is_known (version))
    return FALSE;

  next = skip_blanks (p, end);
  if (next > p && has_prefix (next, end, "encoding"))
    {
      p = read_value (next + 8, end, &decl->encoding);
      if (p == NULL || !encoding_name_is_valid (decl->encoding))
        return FALSE;
      next = skip_blanks (p, end);
    }

  if (next > p && has_prefix (next, end, "standalone"))
    {
      p = read_value (next + 10, end, &standalone);
      if (p == NULL || (g_strcmp0 (standalone, "yes") != 0 && g_strcmp0 (standalone, "no") != 0))
        return FALSE;
      decl->standalone = g_str_equal (standalone, "yes");
      next = skip_blanks (p, end);
    }

  if (!has_prefix (next, end, "?>"))
    return FALSE;

  decl->end = next + 2 - text;
  return TRUE;
}

static gboolean
is_named (const char *encoding,
          const char *name,
          const char *spelling)
{
  return g_ascii_strcasecmp (encoding, name) == 0 || g_ascii_strcasecmp (encoding, spelling) == 0;
}

/* The charset the document is to be converted from, NULL for none.  As
 * with libxml2, a UTF-16 document may say it is UTF-16 (or names its byte
 * order) or UTF-8 but nothing else, and an 8-bit one may not say UTF-16. */
static gboolean
find_declared_charset (const char   *encoding,
                       const Utf16  *utf16,
                       const char  **out_charset)
{
  *out_charset = NULL;
  if (encoding == NULL || is_named (encoding, "UTF-8", "UTF8"))
    return TRUE;
  if (is_named (encoding, "UTF-16", "UTF16"))
    return utf16 != NULL;
  if (utf16 != NULL)
    return is_named (encoding, utf16->charset, utf16->spelling);

  *out_charset = encoding;
  return TRUE;
}

/* The document in UTF-8, without its byte order mark, and its declaration */
static gboolean
decode_document (const char  *data,
                 gsize        size,
                 Document    *doc,
                 Declaration *decl)
{
  gsize bom;
  const Utf16 *utf16 = find_utf16 (data, size, &bom);
  const char *declared;
  g_autofree char *charset = NULL;

  if (utf16 != NULL)
    {
      if (!convert (doc, data + bom, size - bom, utf16->charset))
        return FALSE;
    }
  else
    {
      bom = size >= 3 && memcmp (data, "\xef\xbb\xbf", 3) == 0 ? 3 : 0;
      doc->text = data + bom;
      doc->len = size - bom;
    }

  if (!read_declaration (doc->text, doc->len, decl)
      || !find_declared_charset (decl->encoding, utf16, &declared))
    return FALSE;
  if (declared == NULL)
    return TRUE;

  /* the declaration is read again in the converted text, where it must
   * still be one */
  charset = g_strdup (declared);
  declaration_clear (decl);
  return convert (doc, doc->text, doc->len, charset) && read_declaration (doc->text, doc->len, decl)
         && decl->end > 0;
}

/* The prolog */

static const char *
skip_comment (const char *p,
              const char *end)
{
  const char *close = g_strstr_len (p + 4, end - (p + 4), "-->");

  return close != NULL && comment_is_valid (p, close + 3 - p) ? close + 3 : NULL;
}

static const char *
skip_pi (const char *p,
         const char *end)
{
  const char *close = g_strstr_len (p + 2, end - (p + 2), "?>");

  return close != NULL && pi_is_valid (p, close + 2 - p) ? close + 2 : NULL;
}

static gboolean
is_pubid_char (char c)
{
  return g_ascii_isalnum (c) || (c != '\0' && strchr (" \r\n-'()+,./:=?;!*#@$_%", c) != NULL);
}

/* A quoted literal; the characters of a public identifier are restricted */
static const char *
skip_literal (const char *p,
              const char *end,
              gboolean    pubid)
{
  char quote;

  if (p == end || (*p != '"' && *p != '\''))
    return NULL;

  quote = *p++;
  for (; p < end && *p != quote; p++)
    if (pubid && !is_pubid_char (*p))
      return NULL;

  return p < end ? p + 1 : NULL;
}

/* SYSTEM "uri" or PUBLIC "id" "uri", if there */
static const char *
skip_external_id (const char *p,
                  const char *end,
                  gboolean   *out_found)
{
  gboolean public = has_prefix (p, end, "PUBLIC");
  const char *q;

  *out_found = public || has_prefix (p, end, "SYSTEM");
  if (!*out_found)
    return p;

  q = skip_blanks (p + 6, end);
  if (q == p + 6)
    return NULL;
  if (public)
    {
      p = skip_literal (q, end, TRUE);
      q = p != NULL ? skip_blanks (p, end) : NULL;
      if (q == NULL || q == p)
        return NULL;
    }

  return skip_literal (q, end, FALSE);
}

/* <!ELEMENT …>, <!ATTLIST …> or <!NOTATION …>, to the ">" that ends it */
static const char *
skip_markup_declaration (const char *p,
                         const char *end)
{
  static const char * const keywords[] = { "<!ELEMENT", "<!ATTLIST", "<!NOTATION" };
  guint i = 0;

  while (i < G_N_ELEMENTS (keywords) && !has_prefix (p, end, keywords[i]))
    i++;
  if (i == G_N_ELEMENTS (keywords))
    return NULL;

  p += strlen (keywords[i]);
  if (p == end || !is_blank (*p))
    return NULL;

  while (p != NULL && p < end && *p != '>')
    p = *p == '"' || *p == '\'' ? skip_literal (p, end, FALSE) : p + 1;

  return p != NULL && p < end ? p + 1 : NULL;
}

/* "%name;" */
static const char *
skip_pe_reference (const char *p,
                   const char *end)
{
  const char *name_end = skip_name (p + 1, end);

  return name_end != NULL && name_end < end && *name_end == ';' ? name_end + 1 : NULL;
}

/* Up to its "]": declarations, comments, processing instructions and,
 * after an external subset, parameter entity references */
static const char *
skip_internal_subset (const char  *p,
                      const char  *end,
                      gboolean     references,
                      GError     **error)
{
  for (;;)
    {
      p = skip_blanks (p, end);
      if (p < end && *p == ']')
        return p + 1;

      if (has_prefix (p, end, "<!ENTITY"))
        {
          set_entities_refused (error);
          return NULL;
        }

      if (has_prefix (p, end, "<!--"))
        p = skip_comment (p, end);
      else if (has_prefix (p, end, "<?"))
        p = skip_pi (p, end);
      else if (references && p < end && *p == '%')
        p = skip_pe_reference (p, end);
      else
        p = skip_markup_declaration (p, end);

      if (p == NULL)
        {
          set_not_xml (error);
          return NULL;
        }
    }
}

/* <!DOCTYPE name [external id] [[internal subset]]> */
static const char *
skip_doctype (const char  *p,
              const char  *end,
              Document    *doc,
              GError     **error)
{
  const char *q;

  p += strlen ("<!DOCTYPE");
  q = skip_blanks (p, end);
  p = q > p ? skip_name (q, end) : NULL;
  if (p == NULL)
    goto not_xml;

  q = skip_blanks (p, end);
  if (q > p && (q = skip_external_id (q, end, &doc->external_subset)) == NULL)
    goto not_xml;

  q = skip_blanks (q, end);
  if (q < end && *q == '[')
    {
      q = skip_internal_subset (q + 1, end, doc->external_subset && !doc->standalone, error);
      if (q == NULL)
        return NULL;
      q = skip_blanks (q, end);
    }

  if (q < end && *q == '>')
    return q + 1;

not_xml:
  set_not_xml (error);
  return NULL;
}

/* Blanks, comments and processing instructions, one document type
 * declaration among them, up to the root element */
static gboolean
read_prolog (Document  *doc,
             gsize      start,
             GError   **error)
{
  const char *end = doc->text + doc->len;
  const char *p = doc->text + start;
  gboolean doctype = FALSE;

  for (;;)
    {
      p = skip_blanks (p, end);
      if (!doctype && has_prefix (p, end, "<!DOCTYPE"))
        {
          doctype = TRUE;
          p = skip_doctype (p, end, doc, error);
          if (p == NULL)
            return FALSE;
          continue;
        }

      if (has_prefix (p, end, "<!--"))
        p = skip_comment (p, end);
      else if (has_prefix (p, end, "<?"))
        p = skip_pi (p, end);
      else if (end - p >= 2 && *p == '<' && p[1] != '!' && p[1] != '/')
        break;
      else
        p = NULL;

      if (p == NULL)
        return set_not_xml (error);
    }

  doc->root = p - doc->text;
  return TRUE;
}

/* The bytes as a document: within bounds, decoded, with allowed
 * characters and a prolog that reads */
static gboolean
open_document (GBytes    *body,
               Document  *doc,
               GError   **error)
{
  g_auto(Declaration) decl = { 0 };
  gsize size;
  const char *data = g_bytes_get_data (body, &size);
  const char *nul;

  if (size == 0 || size > VIGIE_HARD_MAX_BODY_BYTES)
    return set_not_xml (error);

  /* the cheap check first; the internal subset is checked again once
   * decoded, for encodings this byte search cannot see through (UTF-16) */
  if (g_strstr_len (data, size, "<!ENTITY") != NULL)
    return set_entities_refused (error);

  if (!decode_document (data, size, doc, &decl))
    return set_not_xml (error);

  /* libxml2 stops reading at a NUL: past the root element, what follows
   * it is not read; before, the document is cut short */
  nul = memchr (doc->text, '\0', doc->len);
  if (nul != NULL)
    doc->len = nul - doc->text;

  if (decl.end > doc->len || !g_utf8_validate_len (doc->text, doc->len, NULL)
      || !has_only_xml_chars (doc->text, doc->len))
    return set_not_xml (error);

  doc->standalone = decl.standalone;
  return read_prolog (doc, decl.end, error);
}

static gboolean
is_predefined_entity (const char *name,
                      gsize       len)
{
  static const char * const predefined[] = { "lt", "gt", "amp", "quot", "apos" };

  for (guint i = 0; i < G_N_ELEMENTS (predefined); i++)
    if (strlen (predefined[i]) == len && memcmp (predefined[i], name, len) == 0)
      return TRUE;

  return FALSE;
}

/* The end of the comment, CDATA section or processing instruction at @p,
 * or @p + 1 */
static const char *
skip_verbatim (const char *p,
               const char *end)
{
  static const char * const kinds[][2] = { { "<!--", "-->" }, { "<![CDATA[", "]]>" }, { "<?", "?>" } };

  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    if (has_prefix (p, end, kinds[i][0]))
      {
        const char *from = p + strlen (kinds[i][0]);
        const char *close = g_strstr_len (from, end - from, kinds[i][1]);

        return close != NULL ? close + strlen (kinds[i][1]) : end;
      }

  return p + 1;
}

/* The end of the reference at @p to an entity other than the five
 * predefined ones, or NULL */
static const char *
skip_other_reference (const char *p,
                      const char *end)
{
  const char *name_end = skip_name (p + 1, end);

  if (name_end == NULL || name_end == end || *name_end != ';'
      || is_predefined_entity (p + 1, name_end - (p + 1)))
    return NULL;

  return name_end + 1;
}

/* A document with an external subset may refer to entities declared there.
 * libxml2 never reads it and leaves such references out of text and
 * attribute values; so does this copy of the document from its root.  The
 * five predefined entities are kept; comments, CDATA sections, processing
 * instructions and the rest of the tags are copied as they are (a
 * reference between two attributes stays the error it is). */
static char *
drop_undeclared_references (const char *p,
                            const char *end,
                            gsize      *out_len)
{
  GString *out = g_string_sized_new (end - p);
  gboolean in_tag = FALSE;
  char quote = '\0';           /* in an attribute value: its quote */

  while (p < end)
    {
      const char *next = !in_tag && *p == '<' ? skip_verbatim (p, end) : p + 1;
      const char *reference_end = *p == '&' && (!in_tag || quote != '\0') ? skip_other_reference (p, end) : NULL;

      if (reference_end != NULL)
        {
          p = reference_end;
          continue;
        }

      if (next == p + 1 && in_tag && quote == '\0' && (*p == '"' || *p == '\''))
        quote = *p;
      else if (next == p + 1 && quote != '\0' && *p == quote)
        quote = '\0';
      else if (next == p + 1 && *p == '<')
        in_tag = TRUE;
      else if (quote == '\0' && *p == '>')
        in_tag = FALSE;

      g_string_append_len (out, p, next - p);
      p = next;
    }

  *out_len = out->len;
  return g_string_free (out, FALSE);
}

/* From the root element on, with GMarkup */

typedef struct
{
  char *prefix;         /* NULL: the default namespace */
  char *uri;            /* NULL: no namespace (xmlns="") */
} Binding;

static void
binding_clear (Binding *binding)
{
  g_free (binding->prefix);
  g_free (binding->uri);
}

typedef struct
{
  const VigieXmlReader *reader;
  gpointer user_data;
  GArray *bindings;     /* (element-type Binding): the namespace declarations in scope, innermost last */
  GArray *scopes;       /* (element-type guint): bindings->len as each open element started */
  gboolean root_closed;
} ReadState;

static gboolean
is_namespace_declaration (const char *name)
{
  return g_str_equal (name, "xmlns") || g_str_has_prefix (name, "xmlns:");
}

/* No attribute twice, names and values within bounds, and no character
 * XML does not allow from a reference.  (A namespace declaration given
 * twice is refused only if both bind: push_bindings() sees to it.) */
static gboolean
attributes_are_valid (const char **names,
                      const char **values)
{
  guint n = g_strv_length ((char **) names);
  g_autoptr(GHashTable) seen = n > 8 ? g_hash_table_new (g_str_hash, g_str_equal) : NULL;

  for (guint i = 0; i < n; i++)
    {
      gsize len = strlen (values[i]);

      if (strlen (names[i]) > VIGIE_MAX_XML_NAME_BYTES || len > VIGIE_MAX_XML_TEXT_BYTES
          || !has_only_xml_chars (values[i], len))
        return FALSE;
      if (is_namespace_declaration (names[i]))
        continue;

      if (seen != NULL && !g_hash_table_add (seen, (gpointer) names[i]))
        return FALSE;
      for (guint j = 0; seen == NULL && j < i; j++)
        if (g_str_equal (names[i], names[j]))
          return FALSE;
    }

  return TRUE;
}

/* xmlns="…" and xmlns:prefix="…", taken as libxml2 takes them: the xml
 * and xmlns prefixes and their namespaces cannot be bound, nor a prefix
 * to no namespace; what an element binds, it binds once */
static gboolean
push_bindings (ReadState   *state,
               const char **names,
               const char **values)
{
  guint scope = state->bindings->len;

  for (guint i = 0; names[i] != NULL; i++)
    {
      const char *prefix = g_str_has_prefix (names[i], "xmlns:") ? names[i] + strlen ("xmlns:") : NULL;
      const char *uri = values[i];
      Binding binding;

      if ((prefix == NULL && !g_str_equal (names[i], "xmlns"))
          || g_str_equal (uri, XML_NAMESPACE) || g_str_equal (uri, XMLNS_NAMESPACE)
          || (prefix != NULL && (uri[0] == '\0' || g_str_equal (prefix, "xml") || g_str_equal (prefix, "xmlns"))))
        continue;

      for (guint j = scope; j < state->bindings->len; j++)
        if (g_strcmp0 (g_array_index (state->bindings, Binding, j).prefix, prefix) == 0)
          return FALSE;
      if (state->bindings->len >= VIGIE_MAX_XML_NAMESPACES)
        return FALSE;

      binding.prefix = g_strdup (prefix);
      binding.uri = uri[0] != '\0' ? g_strdup (uri) : NULL;
      g_array_append_val (state->bindings, binding);
    }

  return TRUE;
}

static const Binding *
find_binding (ReadState  *state,
              const char *prefix)
{
  for (guint i = state->bindings->len; i > 0; i--)
    {
      const Binding *binding = &g_array_index (state->bindings, Binding, i - 1);

      if (g_strcmp0 (binding->prefix, prefix) == 0)
        return binding;
    }

  return NULL;
}

/* The local name and namespace of an element.  A prefix no declaration
 * binds leaves the name as written, in no namespace, as with libxml2. */
static const char *
resolve_name (ReadState   *state,
              const char  *qname,
              const char **out_ns)
{
  const char *colon = strchr (qname, ':');
  g_autofree char *prefix = NULL;
  const Binding *binding;

  *out_ns = NULL;
  if (colon == NULL)
    {
      binding = find_binding (state, NULL);
      *out_ns = binding != NULL ? binding->uri : NULL;
      return qname;
    }

  if (colon == qname || colon[1] == '\0')
    return qname;

  prefix = g_strndup (qname, colon - qname);
  if (g_str_equal (prefix, "xml"))
    {
      *out_ns = XML_NAMESPACE;
      return colon + 1;
    }

  binding = find_binding (state, prefix);
  if (binding == NULL)
    return qname;

  *out_ns = binding->uri;
  return colon + 1;
}

static void
on_start_element (GMarkupParseContext  *context,
                  const char           *qname,
                  const char          **names,
                  const char          **values,
                  gpointer              user_data,
                  GError              **error)
{
  ReadState *state = user_data;
  guint scope = state->bindings->len;
  const char *name;
  const char *ns;

  /* one root element, nested no deeper than libxml2 allows */
  if (state->root_closed || state->scopes->len > VIGIE_MAX_XML_DEPTH
      || strlen (qname) > VIGIE_MAX_XML_NAME_BYTES || !attributes_are_valid (names, values)
      || !push_bindings (state, names, values))
    {
      set_not_xml (error);
      return;
    }

  g_array_append_val (state->scopes, scope);
  name = resolve_name (state, qname, &ns);
  state->reader->start_element (name, ns, names, values, state->user_data);
}

static void
on_end_element (GMarkupParseContext  *context,
                const char           *qname,
                gpointer              user_data,
                GError              **error)
{
  ReadState *state = user_data;
  guint depth = state->scopes->len;

  state->reader->end_element (state->user_data);
  g_array_set_size (state->bindings, g_array_index (state->scopes, guint, depth - 1));
  g_array_set_size (state->scopes, depth - 1);
  state->root_closed = depth == 1;
}

static void
on_text (GMarkupParseContext  *context,
         const char           *text,
         gsize                 len,
         gpointer              user_data,
         GError              **error)
{
  ReadState *state = user_data;

  /* a character reference may name a control character */
  if (!has_only_xml_chars (text, len))
    set_not_xml (error);
  else if (len > 0)
    state->reader->text (text, len, state->user_data);
}

/* A CDATA section's content, its line ends made line feeds as XML makes
 * them everywhere (GMarkup does in text only) */
static void
give_cdata (ReadState  *state,
            const char *text,
            gsize       len)
{
  const char *end = text + len;

  while (text < end)
    {
      const char *cr = memchr (text, '\r', end - text);
      const char *stop = cr != NULL ? cr : end;

      if (stop > text)
        state->reader->text (text, stop - text, state->user_data);
      if (cr == NULL)
        break;

      state->reader->text ("\n", 1, state->user_data);
      text = cr + 1 < end && cr[1] == '\n' ? cr + 2 : cr + 1;
    }
}

/* Comments, processing instructions and CDATA sections inside or after the
 * root element; GMarkup gives anything else starting with "<!" here too */
static void
on_passthrough (GMarkupParseContext  *context,
                const char           *text,
                gsize                 len,
                gpointer              user_data,
                GError              **error)
{
  ReadState *state = user_data;
  gsize cdata_len = len - strlen ("<![CDATA[]]>");

  if (g_str_has_prefix (text, "<![CDATA["))
    {
      if (state->scopes->len == 0 || cdata_len > VIGIE_MAX_XML_TEXT_BYTES)
        set_not_xml (error);
      else
        give_cdata (state, text + strlen ("<![CDATA["), cdata_len);
    }
  else if (g_str_has_prefix (text, "<!--") ? !comment_is_valid (text, len)
                                           : !g_str_has_prefix (text, "<?") || !pi_is_valid (text, len))
    {
      set_not_xml (error);
    }
}

static gboolean
parse_elements (const char           *text,
                gsize                 len,
                const VigieXmlReader *reader,
                gpointer              user_data)
{
  static const GMarkupParser parser = {
    on_start_element, on_end_element, on_text, on_passthrough, NULL,
  };
  ReadState state = { reader, user_data, NULL, NULL, FALSE };
  GMarkupParseContext *context;
  gboolean ok;

  state.bindings = g_array_new (FALSE, FALSE, sizeof (Binding));
  g_array_set_clear_func (state.bindings, (GDestroyNotify) binding_clear);
  state.scopes = g_array_new (FALSE, FALSE, sizeof (guint));

  context = g_markup_parse_context_new (&parser, 0, &state, NULL);
  ok = g_markup_parse_context_parse (context, text, len, NULL)
       && g_markup_parse_context_end_parse (context, NULL);
  g_markup_parse_context_free (context);

  g_array_unref (state.bindings);
  g_array_unref (state.scopes);
  return ok && state.root_closed;
}

/**
 * vigie_xml_read:
 * @body: the document
 * @reader: what to call for its elements and text
 * @user_data: passed to @reader
 * @error: the reason, in the #VIGIE_FEED_ERROR domain
 *
 * Reads @body as XML, without network access, without loading anything
 * and within libxml2's default bounds (see the top of this file), and
 * tells @reader its elements and their text.  A document read to its end
 * is well-formed XML; @reader is told nothing about what it got from one
 * that is not.
 *
 * Returns: %TRUE if @body is well-formed XML; else %FALSE with @error set
 *   to %VIGIE_FEED_ERROR_NOT_XML, or %VIGIE_FEED_ERROR_TOO_COMPLEX for a
 *   document that declares entities
 */
gboolean
vigie_xml_read (GBytes                *body,
                const VigieXmlReader  *reader,
                gpointer               user_data,
                GError               **error)
{
  g_auto(Document) doc = { 0 };
  g_autofree char *copy = NULL;
  const char *text;
  gsize len;

  g_return_val_if_fail (body != NULL, FALSE);
  g_return_val_if_fail (reader != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!open_document (body, &doc, error))
    return FALSE;

  text = doc.text + doc.root;
  len = doc.len - doc.root;
  if (doc.external_subset && !doc.standalone)
    text = copy = drop_undeclared_references (text, text + len, &len);

  return parse_elements (text, len, reader, user_data) || set_not_xml (error);
}
