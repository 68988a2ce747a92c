/* html.c - escaped HTML text, for the site (html.h). */
#include "html.h"

#include "text.h"

#include <string.h>
#include <strings.h>

/* How a text is placed: element content, an attribute value, or the
 * content of a <pre>, which keeps its line breaks and tabs. */
typedef enum { TEXT, ATTR, PRE } place;

/* One escaper for all three: they differ only in how an unprintable
 * character is shown (an attribute cannot hold an element) and in white
 * space. */
static void escape(FILE *out, const char *s, size_t len, place at)
{
  bool attr = at == ATTR;
  for (size_t i = 0; i < len;) {
    unsigned char c = (unsigned char)s[i];
    uint32_t cp = c;
    size_t n = c < 0x80 ? 1 : kg_utf8_decode(s + i, len - i, &cp);
    if (n == 0) {
      fputs("\xEF\xBF\xBD", out); /* U+FFFD */
      ++i;
      continue;
    }
    if (c == '&')
      fputs("&amp;", out);
    else if (c == '<')
      fputs("&lt;", out);
    else if (c == '>')
      fputs("&gt;", out);
    else if (c == '"')
      fputs("&quot;", out);
    else if (c == '\'')
      fputs("&#39;", out);
    else if ((c == '\n' || c == '\t') && at == PRE)
      fputc(c, out);
    else if (c == '\n' || c == '\t')
      fputc(' ', out); /* white space, as HTML would show it anyway */
    else if (kg_char_unprintable(cp))
      fprintf(out, attr ? "[U+%04X]" : "<span class=\"cc\">U+%04X</span>",
              (unsigned)cp);
    else
      fwrite(s + i, 1, n, out);
    i += n;
  }
}

void kg_html_text(FILE *out, const char *s, size_t len)
{
  escape(out, s, len, TEXT);
}

void kg_html_cstr(FILE *out, const char *s)
{
  if (s)
    escape(out, s, strlen(s), TEXT);
}

void kg_html_attr(FILE *out, const char *s, size_t len)
{
  escape(out, s, len, ATTR);
}

void kg_html_pre(FILE *out, const char *s, size_t len)
{
  escape(out, s, len, PRE);
}

void kg_html_attr_cstr(FILE *out, const char *s)
{
  if (s)
    escape(out, s, strlen(s), ATTR);
}

bool kg_html_safe_url(const char *s, size_t len)
{
  size_t skip = len >= 8 && !strncasecmp(s, "https://", 8)  ? 8
                : len >= 7 && !strncasecmp(s, "http://", 7) ? 7
                                                            : 0;
  if (!skip || skip == len)
    return false;
  for (size_t i = 0; i < len; ++i)
    if ((unsigned char)s[i] <= 0x20 || (unsigned char)s[i] >= 0x7F)
      return false;
  return true;
}
