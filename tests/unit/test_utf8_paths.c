/* test_utf8_paths.c - the two pieces of knowledge kept in one place each:
 * UTF-8's byte rules (text.h: kg_utf8_length, kg_utf8_chars, which the
 * diagnostics' columns and excerpts use) and joining a directory and a
 * name (files.h: kg_path_join). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "files.h"
#include "text.h"

static void test_utf8_length(void **state)
{
  (void)state;
  static const struct {
    const char *s;
    size_t len, want;
  } cases[] = {
      {"a", 1, 1},
      {"\xc3\xa9", 2, 2},
      {"\xe7\x8e\x8b", 3, 3},
      {"\xf0\x9f\x99\x82", 4, 4},
      {"\xc3", 1, 0},             /* cut short */
      {"\xe7\x8e", 2, 0},         /* cut short */
      {"\x80", 1, 0},             /* a continuation byte alone */
      {"\xc0\xaf", 2, 0},         /* overlong */
      {"\xe0\x80\xaf", 3, 0},     /* overlong */
      {"\xed\xa0\x80", 3, 0},     /* a surrogate */
      {"\xf4\x90\x80\x80", 4, 0}, /* above U+10FFFF */
      {"\xf5\x80\x80\x80", 4, 0},
      {"\xef\xbf\xbf", 3, 3}, /* U+FFFF, a noncharacter, is UTF-8 */
      {"", 0, 0},
  };
  for (size_t i = 0; i < sizeof cases / sizeof *cases; ++i) {
    size_t got = kg_utf8_length(cases[i].s, cases[i].len);
    if (got != cases[i].want)
      fail_msg("case %zu: %zu, not %zu", i, got, cases[i].want);
    uint32_t cp;
    assert_int_equal(kg_utf8_decode(cases[i].s, cases[i].len, &cp), got);
  }
}

static void test_utf8_chars(void **state)
{
  (void)state;
  assert_int_equal(kg_utf8_chars("", 0), 0);
  assert_int_equal(kg_utf8_chars("abc", 3), 3);
  assert_int_equal(kg_utf8_chars("caf\xc3\xa9", 5), 4);
  assert_int_equal(kg_utf8_chars("\xf0\x9f\x99\x82!", 5), 2);
  assert_int_equal(kg_utf8_chars("\xff\xfe", 2), 2); /* invalid: one each */
  assert_int_equal(kg_utf8_chars("a\0b", 3), 3);
  assert_int_equal(kg_utf8_chars("\xc3\xa9", 1), 1); /* a cut character */
}

static void test_path_join(void **state)
{
  (void)state;
  static const char *const cases[][3] = {
      {"facts", "a.yaml", "facts/a.yaml"},
      {"facts/", "a.yaml", "facts/a.yaml"},
      {"/", "a.yaml", "/a.yaml"},
      {"", "a.yaml", "a.yaml"},
      {".", "a.yaml", "./a.yaml"},
      {"facts", "/abs/a.yaml", "/abs/a.yaml"},
      {"facts", "", "facts/"},
      {"a/b", "c/d", "a/b/c/d"},
  };
  kg_arena *arena = kg_arena_new();
  for (size_t i = 0; i < sizeof cases / sizeof *cases; ++i) {
    char *in_arena = kg_path_join(arena, cases[i][0], cases[i][1]);
    char *own = kg_path_join(NULL, cases[i][0], cases[i][1]);
    assert_non_null(in_arena);
    assert_non_null(own);
    assert_string_equal(in_arena, cases[i][2]);
    assert_string_equal(own, cases[i][2]);
    kg_free(own);
  }
  kg_arena_free(arena);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_utf8_length),
      cmocka_unit_test(test_utf8_chars),
      cmocka_unit_test(test_path_join),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
