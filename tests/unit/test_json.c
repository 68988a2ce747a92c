/* test_json.c - kgbuild's one JSON string writer (json.c) against jansson's
 * own dumping: the same bytes for every byte value alone, for text around
 * the escapes, and for UTF-8, so that the JSON kgbuild writes by hand
 * (JSON-LD node objects, --diagnostics=json, stats --json) reads like the
 * JSON jansson dumps beside it. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "json.h"

/* kg_json_write_string's bytes, NUL-terminated, in a malloc'd buffer. */
static char *ours(const char *s, size_t len)
{
  char *buf = NULL;
  size_t size = 0;
  FILE *out = open_memstream(&buf, &size);
  assert_non_null(out);
  kg_json_write_string(out, s, len);
  assert_int_equal(fclose(out), 0);
  return buf;
}

static char *theirs(const char *s, size_t len)
{
  json_t *str = json_stringn(s, len);
  assert_non_null(str);
  char *dumped = json_dumps(str, JSON_ENCODE_ANY);
  json_decref(str);
  assert_non_null(dumped);
  return dumped;
}

static void same(const char *s, size_t len, const char *what)
{
  char *a = ours(s, len), *b = theirs(s, len);
  if (strcmp(a, b))
    fail_msg("%s: kgbuild wrote %s, jansson %s", what, a, b);
  free(a);
  free(b);
}

static void every_ascii_byte(void **state)
{
  (void)state;
  for (int c = 0; c < 0x80; ++c) {
    char s[3] = {'a', (char)c, 'b'};
    char what[32];
    snprintf(what, sizeof what, "byte 0x%02x", c);
    same(s, sizeof s, what);
  }
}

static void texts(void **state)
{
  (void)state;
  static const char *const cases[] = {
      "",
      "plain",
      "\"quoted\" and \\back\\slashed\\",
      "line\nbreak\r\n\ttab \b\f",
      "\x1b[2K escape \x7f",
      "caf\xc3\xa9 \xe7\x8e\x8b\xe7\xa3\x8a \xf0\x9f\x98\x80",
      "/slash/ is left alone </script>",
  };
  for (size_t i = 0; i < sizeof cases / sizeof *cases; ++i)
    same(cases[i], strlen(cases[i]), cases[i]);
  same("nul\0inside", 10, "embedded NUL");
}

static void c_strings(void **state)
{
  (void)state;
  char *buf = NULL;
  size_t size = 0;
  FILE *out = open_memstream(&buf, &size);
  assert_non_null(out);
  kg_json_string(out, NULL);
  kg_json_string(out, "a\"b");
  assert_int_equal(fclose(out), 0);
  assert_string_equal(buf, "\"\"\"a\\\"b\"");
  free(buf);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(every_ascii_byte),
      cmocka_unit_test(texts),
      cmocka_unit_test(c_strings),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
