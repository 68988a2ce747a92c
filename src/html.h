/* html.h - the one writer of HTML text: every text the site shows (a name,
 * a quote, an id, a URL) reaches the page through these, escaped.  Nothing
 * else in the site writes a byte of the facts into markup. */
#ifndef KG_HTML_H
#define KG_HTML_H

#include "kg.h"

#include <stdio.h>

/* Text as element content or as a double-quoted attribute value: & < > " '
 * become references, so a name holding "<script>" is shown, never parsed;
 * control and invisible format characters (U+202E, U+2066..U+2069, the
 * ones kg_char_unprintable names) are written as a visible "U+202E" in a
 * <span class="cc"> (plain "[U+202E]" inside an attribute), so a bidi
 * control cannot reorder what the reader sees; a byte that is not UTF-8
 * (never in a checked model) becomes U+FFFD. */
void kg_html_text(FILE *out, const char *s, size_t len);
void kg_html_cstr(FILE *out, const char *s); /* NULL writes nothing */
void kg_html_attr(FILE *out, const char *s, size_t len);
void kg_html_attr_cstr(FILE *out, const char *s);
/* Text inside a <pre>: as kg_html_text, but line feeds and tabs are kept
 * (a carriage return is shown as "U+000D", as every control is: the HTML
 * parser would turn it into a line feed, and the reader could not tell). */
void kg_html_pre(FILE *out, const char *s, size_t len);

/* Is s a URL the site may link to: http or https (case-insensitive), with
 * no character that is not printable ASCII?  Anything else (javascript:,
 * data:, a relative path) is shown as text only. */
bool kg_html_safe_url(const char *s, size_t len);

#endif
