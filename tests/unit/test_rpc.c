/* test_rpc.c - rpc.h: the language server's framing (kg_rpc_read) finds
 * the next message after a frame it cannot trust, and
 * kg_rpc_mend_surrogates keeps a message that holds a lone surrogate. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "rpc.h"

#include <stdio.h>
#include <string.h>

/* Reads `stream` to its end: the results in order in got[], the bodies of
 * the messages joined with '|' in bodies. */
static size_t read_all(const char *stream, kg_rpc_read_result *got, size_t max,
                       char *bodies, size_t size)
{
  FILE *in = fmemopen((void *)stream, strlen(stream), "rb");
  size_t n = 0;
  assert_non_null(in);
  bodies[0] = '\0';
  while (n < max) {
    char *body = NULL;
    size_t len = 0;
    assert_int_equal(kg_rpc_read(in, 1024, &got[n], &body, &len), KG_OK);
    if (got[n] == KG_RPC_MESSAGE) {
      strncat(bodies, body, size - strlen(bodies) - 2);
      strcat(bodies, "|");
    }
    kg_free(body);
    if (got[n++] == KG_RPC_EOF)
      break;
  }
  fclose(in);
  return n;
}

static void test_resync_after_negative_length(void **state)
{
  (void)state;
  kg_rpc_read_result got[8];
  char bodies[256];
  size_t n = read_all("Content-Length: -5\r\n\r\n{\"a\":1}"
                      "Content-Length: 2\r\n\r\n{}",
                      got, 8, bodies, sizeof bodies);
  assert_int_equal(n, 3);
  assert_int_equal(got[0], KG_RPC_BAD_HEADER);
  assert_int_equal(got[1], KG_RPC_MESSAGE);
  assert_string_equal(bodies, "{}|");
}

static void test_doubled_lengths(void **state)
{
  (void)state;
  kg_rpc_read_result got[8];
  char bodies[256];
  /* Two different lengths: untrusted, and its body (with line breaks)
   * skipped up to the next header.  The same length twice is one. */
  size_t n = read_all("Content-Length: 3\r\nContent-Length: 9\r\n\r\n"
                      "{\n\"a\": 1\n}\n"
                      "Content-Length: 2\r\ncontent-length: 2\r\n\r\n[]",
                      got, 8, bodies, sizeof bodies);
  assert_int_equal(n, 3);
  assert_int_equal(got[0], KG_RPC_BAD_HEADER);
  assert_int_equal(got[1], KG_RPC_MESSAGE);
  assert_string_equal(bodies, "[]|");
}

static void test_junk_inside_headers(void **state)
{
  (void)state;
  kg_rpc_read_result got[8];
  char bodies[256];
  size_t n = read_all("X-A: 1\r\n{junk\r\nContent-Length: 2\r\n\r\n{}"
                      "Content-Length: 3\r\n\r\n[1]",
                      got, 8, bodies, sizeof bodies);
  assert_int_equal(got[0], KG_RPC_BAD_HEADER);
  assert_int_equal(n, 4);
  assert_string_equal(bodies, "{}|[1]|");
}

static void test_mend_lone_surrogates(void **state)
{
  (void)state;
  /* a lone high, a pair, an escaped backslash before "ud800" (text, not
   * an escape), a lone low at the end */
  char text[] = "{\"k\":\"a\\ud800b\\ud83d\\ude00\\\\ud800\\uDC01\"}";
  const char *want = "{\"k\":\"a\\ufffdb\\ud83d\\ude00\\\\ud800\\ufffd\"}";
  kg_rpc_mended m[4];
  assert_int_equal(kg_rpc_mend_surrogates(text, strlen(text), m, 4), 2);
  assert_string_equal(text, want);
  /* decoded: a(1) U+FFFD(3) b(1) U+1F600(4) \ud800(6) U+FFFD(3) */
  assert_int_equal(m[0].offset, 1);
  assert_int_equal(m[0].unit, 0xD800);
  assert_int_equal(m[1].offset, 15);
  assert_int_equal(m[1].unit, 0xDC01);
  assert_int_equal(m[0].string_len, 18);
  assert_int_equal(m[1].string_len, 18);
  bool nomem;
  kg_rpc_value *v = kg_rpc_parse(text, strlen(text), &nomem);
  assert_non_null(v);
  assert_int_equal(kg_rpc_strlen(v, "k"), 18);
  assert_memory_equal(kg_rpc_str(v, "k") + 15, "\xEF\xBF\xBD", 3);
  kg_rpc_value_free(v);
}

static void test_request_ids(void **state)
{
  (void)state;
  static const char *const good[] = {"\"x\"", "1", "-2.5", "null"};
  static const char *const bad[] = {"{}", "[1]", "true", "false"};
  char text[64];
  bool nomem;
  for (size_t i = 0; i < 4; ++i) {
    snprintf(text, sizeof text, "{\"id\":%s}", good[i]);
    kg_rpc_value *v = kg_rpc_parse(text, strlen(text), &nomem);
    assert_true(kg_rpc_is_id(v, "id"));
    kg_rpc_value_free(v);
    snprintf(text, sizeof text, "{\"id\":%s}", bad[i]);
    v = kg_rpc_parse(text, strlen(text), &nomem);
    assert_false(kg_rpc_is_id(v, "id"));
    assert_false(kg_rpc_is_id(v, "absent"));
    kg_rpc_value_free(v);
  }
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_resync_after_negative_length),
      cmocka_unit_test(test_doubled_lengths),
      cmocka_unit_test(test_junk_inside_headers),
      cmocka_unit_test(test_mend_lone_surrogates),
      cmocka_unit_test(test_request_ids),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
