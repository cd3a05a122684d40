/* test-text.c: text cleaning, HTML stripping, link policy, severity scale
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "vigie-limits.h"
#include "vigie-severity.h"
#include "vigie-text.h"
#include "vigie-test-utils.h"

/* Compares a cleaning result, NULL included, and checks it is fit to show. */
static void
assert_text (char       *result,
             const char *expected)
{
  g_autofree char *owned = result;

  if (owned != NULL)
    g_assert_true (g_utf8_validate (owned, -1, NULL));
  g_assert_cmpstr (owned, ==, expected);
}

/* vigie_text_clean */

static void
test_clean_empty (void)
{
  assert_text (vigie_text_clean (NULL, 100), NULL);
  assert_text (vigie_text_clean ("", 100), NULL);
  assert_text (vigie_text_clean (" \t\r\n \n ", 100), NULL);
  assert_text (vigie_text_clean ("\x01\x02\x1b", 100), NULL);
  assert_text (vigie_text_clean ("\xe2\x80\xae\xe2\x80\xac", 100), NULL);
}

static void
test_clean_spaces (void)
{
  assert_text (vigie_text_clean ("  Hello\tworld  ", 100), "Hello world");
  assert_text (vigie_text_clean ("a    b", 100), "a b");
  /* a no-break space is a plain space in plain text */
  assert_text (vigie_text_clean ("10\xc2\xa0h\xc2\xa0\xc2\xa0" "30", 100), "10 h 30");
  /* ordinary text, accents and typography, stays as it is */
  assert_text (vigie_text_clean ("Café — naïve l’été…", 100), "Café — naïve l’été…");
}

static void
test_clean_control_chars (void)
{
  assert_text (vigie_text_clean ("a\x01" "b\x1f" "c\x7f" "d\x1b[31me", 100), "abcd[31me");
  assert_text (vigie_text_clean ("bell\a and back\bspace", 100), "bell and backspace");
  /* C1 controls (U+0080..U+009F) */
  assert_text (vigie_text_clean ("x\xc2\x85y\xc2\x9bz", 100), "xyz");
}

static void
test_clean_line_breaks (void)
{
  assert_text (vigie_text_clean ("one\r\ntwo\rthree\nfour", 100), "one\ntwo\nthree\nfour");
  assert_text (vigie_text_clean ("a\r\n\r\n\r\n\r\nb", 100), "a\n\nb");
  assert_text (vigie_text_clean ("a\n\n\n\n\n\nb", 100), "a\n\nb");
  /* lines holding only blanks count as blank lines */
  assert_text (vigie_text_clean ("a\n \n\t\n  \nb", 100), "a\n\nb");
  /* no blanks at line ends, no blank lines at the ends */
  assert_text (vigie_text_clean ("\n\n  a   \n   b  \n\n", 100), "a\nb");
}

static void
test_clean_truncation (void)
{
  g_autofree char *long_text = NULL;
  g_autofree char *result = NULL;

  assert_text (vigie_text_clean ("abcdef", 3), "abc…");
  assert_text (vigie_text_clean ("abc", 3), "abc");
  /* counted in characters, never cutting a character in two */
  assert_text (vigie_text_clean ("ééééé", 2), "éé…");
  assert_text (vigie_text_clean ("日本語のテキスト", 3), "日本語…");
  /* no blank before the ellipsis */
  assert_text (vigie_text_clean ("ab cd", 3), "ab…");
  /* blanks that cleaning removes anyway do not make text "longer" */
  assert_text (vigie_text_clean ("abc   ", 3), "abc");
  assert_text (vigie_text_clean ("abc\r\n\r\n", 3), "abc");
  assert_text (vigie_text_clean ("abc\x01\x02", 3), "abc");

  long_text = g_strnfill (100000, 'x');
  result = vigie_text_clean (long_text, VIGIE_MAX_TITLE_CHARS);
  g_assert_cmpuint (g_utf8_strlen (result, -1), ==, VIGIE_MAX_TITLE_CHARS + 1);
  g_assert_true (g_str_has_suffix (result, "…"));
}

static void
test_clean_invalid_utf8 (void)
{
  /* each bad sequence becomes U+FFFD rather than losing the whole text */
  assert_text (vigie_text_clean ("a\xff" "b", 100), "a\xef\xbf\xbd" "b");
  assert_text (vigie_text_clean ("ok \xc3\x28 ok", 100), "ok \xef\xbf\xbd( ok");
  /* an encoded UTF-16 surrogate, as json-glib produces for "\ud800" */
  assert_text (vigie_text_clean ("x\xed\xa0\x80y", 100), "x\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbdy");
  /* a truncated sequence at the very end: one U+FFFD per bad byte */
  assert_text (vigie_text_clean ("end\xe2\x82", 100), "end\xef\xbf\xbd\xef\xbf\xbd");
}

static void
test_clean_bidi (void)
{
  /* overrides, embeddings, isolates and marks can make a title read as
   * something else: all go */
  assert_text (vigie_text_clean ("\xe2\x80\xae" "gnp.exe\xe2\x80\xac", 100), "gnp.exe");
  assert_text (vigie_text_clean ("a\xe2\x80\xaa" "b\xe2\x80\xab" "c\xe2\x80\xad" "d", 100), "abcd");
  assert_text (vigie_text_clean ("\xe2\x81\xa6" "iso\xe2\x81\xa9" "\xe2\x81\xa7" "x\xe2\x81\xa8", 100),
               "isox");
  assert_text (vigie_text_clean ("l\xe2\x80\x8er\xe2\x80\x8f", 100), "lr");
  assert_text (vigie_text_clean ("\xef\xbb\xbf" "bom", 100), "bom");
  /* the Arabic letter mark is a bidirectional control too */
  assert_text (vigie_text_clean ("a\xd8\x9c" "b", 100), "ab");
  /* right-to-left text itself is fine */
  assert_text (vigie_text_clean ("שלום", 100), "שלום");
}

/* vigie_text_from_html */

static void
test_html_tags (void)
{
  assert_text (vigie_text_from_html ("<b>Bold</b> and <a href=\"https://example.com/\">a link</a>", 100),
               "Bold and a link");
  assert_text (vigie_text_from_html ("<span class=\"x\">inline</span>text", 100), "inlinetext");
  assert_text (vigie_text_from_html ("<!-- comment -->visible", 100), "visible");
  assert_text (vigie_text_from_html (NULL, 100), NULL);
  assert_text (vigie_text_from_html ("<p></p><br>", 100), NULL);
}

static void
test_html_block_tags (void)
{
  assert_text (vigie_text_from_html ("<p>Hello</p><p>World</p>", 100), "Hello\n\nWorld");
  assert_text (vigie_text_from_html ("a<br>b<br/>c<BR />d", 100), "a\nb\nc\nd");
  assert_text (vigie_text_from_html ("<ul><li>one</li><li>two</li></ul>", 100), "one\ntwo");
  assert_text (vigie_text_from_html ("<div>x</div><div>y</div>", 100), "x\n\ny");
  assert_text (vigie_text_from_html ("<h2>Title</h2>Body", 100), "Title\nBody");
  /* "pre" is not "p" */
  assert_text (vigie_text_from_html ("a<pre>b</pre>", 100), "ab");
}

static void
test_html_entities (void)
{
  assert_text (vigie_text_from_html ("&amp; &lt; &gt; &quot; &apos;", 100), "& < > \" '");
  assert_text (vigie_text_from_html ("We&#39;re &#x27;here&#X27; &#8217; &rsquo; &hellip;", 100),
               "We're 'here' ’ ’ …");
  assert_text (vigie_text_from_html ("a&nbsp;b &mdash; c&ndash;d", 100), "a b — c–d");
  /* decoded markup is text, not tags */
  assert_text (vigie_text_from_html ("&lt;script&gt;alert(1)&lt;/script&gt;", 100),
               "<script>alert(1)</script>");
  /* unknown or broken entities stay as written */
  assert_text (vigie_text_from_html ("&bogus; & &amp &#; &#x; &#12a;", 100),
               "&bogus; & &amp &#; &#x; &#12a;");
  /* numbers that are not characters are refused */
  assert_text (vigie_text_from_html ("&#0; &#xD800; &#1114112; &#99999999999999999999;", 100),
               "&#0; &#xD800; &#1114112; &#99999999999999999999;");
  /* a control or bidi character smuggled as an entity is still removed */
  assert_text (vigie_text_from_html ("x &#x202e;y&#7; z", 100), "x y z");
}

static void
test_html_not_tags (void)
{
  assert_text (vigie_text_from_html ("a < b and c > d", 100), "a < b and c > d");
  assert_text (vigie_text_from_html ("1<2", 100), "1<2");
  assert_text (vigie_text_from_html ("x <b unclosed", 100), "x <b unclosed");
  assert_text (vigie_text_from_html ("<", 100), "<");
  assert_text (vigie_text_from_html ("& alone", 100), "& alone");
}

static void
test_html_cleaned (void)
{
  assert_text (vigie_text_from_html ("<p>Line\tone\r\n\r\n\r\n</p><p>two\x01</p>", 100),
               "Line one\n\ntwo");
  assert_text (vigie_text_from_html ("<b>abcdef</b>", 3), "abc…");
  assert_text (vigie_text_from_html ("bad \xff byte", 100), "bad \xef\xbf\xbd byte");
}

/* A tag opener with no closing ">" must not make the cost quadratic. */
static void
test_html_unclosed_tags_are_linear (void)
{
  const gsize n = 2 * 1024 * 1024;
  g_autoptr(GTimer) timer = g_timer_new ();
  g_autofree char *html = g_malloc (n + 1);
  g_autofree char *text = NULL;

  for (gsize i = 0; i < n; i += 2)
    {
      html[i] = '<';
      html[i + 1] = 'a';
    }
  html[n] = '\0';

  text = vigie_text_from_html (html, VIGIE_MAX_UPDATE_CHARS);
  g_assert_nonnull (text);
  g_assert_true (g_str_has_prefix (text, "<a<a<a"));
  g_assert_cmpuint (g_utf8_strlen (text, -1), ==, VIGIE_MAX_UPDATE_CHARS + 1);
  g_assert_cmpfloat (g_timer_elapsed (timer, NULL), <, vigie_test_time_limit (10.0));
}

/* Links */

static void
test_link_loopback (void)
{
  static const struct { const char *uri; gboolean loopback; } cases[] = {
    { "http://127.0.0.1:8080/feed", TRUE },
    { "http://127.0.0.1/", TRUE },
    { "http://127.45.6.7/x", TRUE },
    { "http://localhost/", TRUE },
    { "http://LocalHost:9/", TRUE },
    { "http://[::1]:8080/x", TRUE },
    { "https://127.0.0.1/", TRUE },
    { "https://example.com/", FALSE },
    { "http://10.0.0.1/", FALSE },
    { "http://192.168.1.10/", FALSE },
    { "http://[2001:db8::1]/", FALSE },
    { "http://127.0.0.1.evil.example/", FALSE },
    { "http://localhost.evil.example/", FALSE },
    { "http://evil.example/127.0.0.1", FALSE },
    { "http://evil.example/?localhost", FALSE },
    { "not a uri", FALSE },
    { "", FALSE },
    { NULL, FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_test_message ("%s", cases[i].uri ? cases[i].uri : "(null)");
      g_assert_cmpint (vigie_link_is_loopback (cases[i].uri), ==, cases[i].loopback);
    }
}

static void
test_link_fetchable (void)
{
  g_autofree char *too_long = NULL;
  static const struct { const char *uri; gboolean fetchable; } cases[] = {
    { "https://status.example.com/api/v2/summary.json", TRUE },
    { "HTTPS://Status.Example.COM/", TRUE },
    { "https://status.example.com:8443/x?y=1#z", TRUE },
    { "http://127.0.0.1:4567/feed", TRUE },
    { "http://127.9.9.9/", TRUE },
    { "http://localhost/feed", TRUE },
    { "http://[::1]:4567/feed", TRUE },
    { "http://status.example.com/", FALSE },
    { "http://192.168.1.1/", FALSE },
    { "http://127.0.0.1.evil.example/", FALSE },
    { "javascript:alert(1)", FALSE },
    { "JavaScript:alert(document.cookie)", FALSE },
    { "file:///etc/passwd", FALSE },
    { "file://localhost/etc/passwd", FALSE },
    { "data:text/html,<script>alert(1)</script>", FALSE },
    { "ftp://example.com/file", FALSE },
    { "mailto:someone@example.com", FALSE },
    { "https://", FALSE },
    { "https:///path", FALSE },
    { "//example.com/x", FALSE },
    { "/relative", FALSE },
    { "", FALSE },
    { NULL, FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_test_message ("%s", cases[i].uri ? cases[i].uri : "(null)");
      g_assert_cmpint (vigie_link_is_fetchable (cases[i].uri), ==, cases[i].fetchable);
    }

  too_long = g_strdup_printf ("https://example.com/%0*d", VIGIE_MAX_URL_BYTES, 0);
  g_assert_false (vigie_link_is_fetchable (too_long));
}

static void
test_link_sanitize (void)
{
  static const struct { const char *uri; const char *expected; } cases[] = {
    { "https://stspg.io/n0abc", "https://stspg.io/n0abc" },
    { "https://slack-status.com/2026-11/4b1f0c9e2a7d8e33", "https://slack-status.com/2026-11/4b1f0c9e2a7d8e33" },
    /* old Statuspage short links: upgraded, never opened as http */
    { "http://stspg.io/n0abc", "https://stspg.io/n0abc" },
    { "HTTP://stspg.io/n0abc", "https://stspg.io/n0abc" },
    /* the port belongs to plain http and goes with it */
    { "http://status.example.com:8080/p", "https://status.example.com/p" },
    /* loopback keeps plain http (the demo and the tests serve it) */
    { "http://127.0.0.1:8080/incidents/1", "http://127.0.0.1:8080/incidents/1" },
    { "http://localhost:9/x", "http://localhost:9/x" },
    { "http://[::1]:9/x", "http://[::1]:9/x" },
    /* the link's meaning survives: escapes stay escapes */
    { "https://example.com/a%20b?q=%26x&y=1#f%23g", "https://example.com/a%20b?q=%26x&y=1#f%23g" },
    { "http://example.com/a%20b?q=%26x&y=1#f%23g", "https://example.com/a%20b?q=%26x&y=1#f%23g" },
    /* credentials in a link are a phishing device */
    { "http://user:secret@example.com/x", "https://example.com/x" },
    { "https://www.bank.example@evil.example/login", "https://evil.example/login" },
    { "  https://example.com/padded \n", "https://example.com/padded" },
    { "javascript:alert(1)", NULL },
    { " JAVASCRIPT:alert(1)", NULL },
    { "file:///etc/passwd", NULL },
    { "data:text/html;base64,PHNjcmlwdD4=", NULL },
    { "ftp://example.com/", NULL },
    { "mailto:a@example.com", NULL },
    { "//evil.example/x", NULL },
    { "/incidents/1", NULL },
    { "http://", NULL },
    { "https://ex ample.com/", NULL },
    { "", NULL },
    { NULL, NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *result = NULL;

      g_test_message ("%s", cases[i].uri ? cases[i].uri : "(null)");
      result = vigie_link_sanitize (cases[i].uri);
      g_assert_cmpstr (result, ==, cases[i].expected);
      if (result != NULL)
        g_assert_true (vigie_link_is_fetchable (result));
    }
}

static void
test_link_sanitize_long (void)
{
  g_autofree char *too_long = g_strdup_printf ("http://example.com/%0*d", VIGIE_MAX_URL_BYTES, 0);
  g_autofree char *too_long_https = g_strdup_printf ("https://example.com/%0*d",
                                                     VIGIE_MAX_URL_BYTES, 0);
  g_autofree char *result = vigie_link_sanitize (too_long);
  g_autofree char *result_https = vigie_link_sanitize (too_long_https);

  g_assert_null (result);
  g_assert_null (result_https);
}

/* Severity */

/* From least to most attention-worthy */
static const VigieSeverity severity_order[] = {
  VIGIE_SEVERITY_OPERATIONAL,
  VIGIE_SEVERITY_MAINTENANCE,
  VIGIE_SEVERITY_UNKNOWN,
  VIGIE_SEVERITY_MINOR,
  VIGIE_SEVERITY_MAJOR,
  VIGIE_SEVERITY_CRITICAL,
};

static void
test_severity_order (void)
{
  g_assert_cmpuint (G_N_ELEMENTS (severity_order), ==, VIGIE_SEVERITY_N_LEVELS);

  for (guint i = 0; i < G_N_ELEMENTS (severity_order); i++)
    for (guint j = 0; j < G_N_ELEMENTS (severity_order); j++)
      {
        VigieSeverity a = severity_order[i];
        VigieSeverity b = severity_order[j];
        int compared = vigie_severity_compare (a, b);

        if (i < j)
          g_assert_cmpint (compared, <, 0);
        else if (i > j)
          g_assert_cmpint (compared, >, 0);
        else
          g_assert_cmpint (compared, ==, 0);

        g_assert_cmpint (vigie_severity_worst (a, b), ==, severity_order[MAX (i, j)]);
        g_assert_cmpint (vigie_severity_worst (b, a), ==, severity_order[MAX (i, j)]);
      }
}

static void
test_severity_names (void)
{
  static const struct { VigieSeverity severity; const char *name; } names[] = {
    { VIGIE_SEVERITY_OPERATIONAL, "operational" },
    { VIGIE_SEVERITY_MAINTENANCE, "maintenance" },
    { VIGIE_SEVERITY_MINOR, "minor" },
    { VIGIE_SEVERITY_MAJOR, "major" },
    { VIGIE_SEVERITY_CRITICAL, "critical" },
    { VIGIE_SEVERITY_UNKNOWN, "unknown" },
  };
  static const char * const not_names[] = {
    "", "Operational", "MAJOR", "offline", "ok", "none", "major ", "degraded_performance",
  };
  VigieSeverity parsed;

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      parsed = VIGIE_SEVERITY_N_LEVELS;
      g_assert_cmpstr (vigie_severity_to_string (names[i].severity), ==, names[i].name);
      g_assert_true (vigie_severity_from_string (names[i].name, &parsed));
      g_assert_cmpint (parsed, ==, names[i].severity);
      g_assert_nonnull (vigie_severity_get_label (names[i].severity));
      g_assert_nonnull (vigie_severity_get_phrase (names[i].severity));
    }

  for (guint i = 0; i < G_N_ELEMENTS (not_names); i++)
    {
      parsed = VIGIE_SEVERITY_MAJOR;
      g_assert_false (vigie_severity_from_string (not_names[i], &parsed));
      g_assert_cmpint (parsed, ==, VIGIE_SEVERITY_MAJOR);
    }
  g_assert_false (vigie_severity_from_string (NULL, &parsed));
}

static void
test_severity_trouble (void)
{
  g_assert_false (vigie_severity_is_trouble (VIGIE_SEVERITY_OPERATIONAL));
  g_assert_false (vigie_severity_is_trouble (VIGIE_SEVERITY_MAINTENANCE));
  g_assert_false (vigie_severity_is_trouble (VIGIE_SEVERITY_UNKNOWN));
  g_assert_true (vigie_severity_is_trouble (VIGIE_SEVERITY_MINOR));
  g_assert_true (vigie_severity_is_trouble (VIGIE_SEVERITY_MAJOR));
  g_assert_true (vigie_severity_is_trouble (VIGIE_SEVERITY_CRITICAL));
}

int
main (int   argc,
      char *argv[])
{
  /* No G_TEST_OPTION_ISOLATE_DIRS: these tests touch no user directory,
   * and GLib 2.74 leaks the isolated paths of every test case, which
   * LeakSanitizer reports. */
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/text/clean/empty", test_clean_empty);
  g_test_add_func ("/text/clean/spaces", test_clean_spaces);
  g_test_add_func ("/text/clean/control-chars", test_clean_control_chars);
  g_test_add_func ("/text/clean/line-breaks", test_clean_line_breaks);
  g_test_add_func ("/text/clean/truncation", test_clean_truncation);
  g_test_add_func ("/text/clean/invalid-utf8", test_clean_invalid_utf8);
  g_test_add_func ("/text/clean/bidi", test_clean_bidi);
  g_test_add_func ("/text/html/tags", test_html_tags);
  g_test_add_func ("/text/html/block-tags", test_html_block_tags);
  g_test_add_func ("/text/html/entities", test_html_entities);
  g_test_add_func ("/text/html/not-tags", test_html_not_tags);
  g_test_add_func ("/text/html/cleaned", test_html_cleaned);
  g_test_add_func ("/text/html/unclosed-tags-linear", test_html_unclosed_tags_are_linear);
  g_test_add_func ("/text/link/loopback", test_link_loopback);
  g_test_add_func ("/text/link/fetchable", test_link_fetchable);
  g_test_add_func ("/text/link/sanitize", test_link_sanitize);
  g_test_add_func ("/text/link/sanitize-long", test_link_sanitize_long);
  g_test_add_func ("/text/severity/order", test_severity_order);
  g_test_add_func ("/text/severity/names", test_severity_names);
  g_test_add_func ("/text/severity/trouble", test_severity_trouble);

  return g_test_run ();
}
