/* jsonw.c - the JSON text writer (jsonw.h). */
#include "jsonw.h"

#include <string.h>

/* The escapes jansson writes (\" \\ \b \f \n \r \t, \u00XX for the other
 * controls), so that what kgbuild writes itself reads like what jansson
 * dumps beside it; tests/unit/test_json.c holds the two to the same bytes.
 * Written here rather than by jansson because jansson dumps only a json_t:
 * one allocation and copy per string, on the JSON-LD export's hot path. */
void kg_json_write_string(FILE *out, const char *s, size_t len)
{
  size_t run = 0;
  fputc('"', out);
  for (size_t i = 0; i < len; ++i) {
    unsigned char c = (unsigned char)s[i];
    if (c >= 0x20 && c != '"' && c != '\\')
      continue;
    fwrite(s + run, 1, i - run, out);
    run = i + 1;
    switch (c) {
    case '"': fputs("\\\"", out); break;
    case '\\': fputs("\\\\", out); break;
    case '\b': fputs("\\b", out); break;
    case '\f': fputs("\\f", out); break;
    case '\n': fputs("\\n", out); break;
    case '\r': fputs("\\r", out); break;
    case '\t': fputs("\\t", out); break;
    default: fprintf(out, "\\u%04X", c); break;
    }
  }
  fwrite(s + run, 1, len - run, out);
  fputc('"', out);
}

void kg_json_string(FILE *out, const char *s)
{
  kg_json_write_string(out, s ? s : "", s ? strlen(s) : 0);
}
