/* test_rpc_values.c - JSON-RPC framing and JSON reading (rpc.h), the language
 * server's input: a written message reads back as it was (NUL bytes
 * included); a body over the cap is skipped and the next message still
 * read; a missing Content-Length is a bad header, not a hang; a stream cut
 * inside a message is the end; paths reach into objects and arrays ("-1"
 * the last item), and lead nowhere rather than to a value of another
 * type.  (test_rpc.c: the framing's recovery after frames it cannot
 * trust, lone surrogates, request ids.) */
#define _GNU_SOURCE /* open_memstream, fmemopen */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "rpc.h"

/* Reads one message from in; what was read is the result. */
static kg_rpc_read_result read_one(FILE *in, size_t cap, char **body,
                                   size_t *len)
{
  kg_rpc_read_result r;
  *body = NULL;
  assert_int_equal(kg_rpc_read(in, cap, &r, body, len), KG_OK);
  return r;
}

static void test_write_then_read(void **state)
{
  (void)state;
  char *buf = NULL;
  size_t size = 0;
  FILE *out = open_memstream(&buf, &size);
  static const char one[] = "{\"a\":1}";
  static const char two[] = "{\"s\":\"x\\u0000y\"}\0tail"; /* a NUL inside */
  assert_int_equal(kg_rpc_write(out, one, strlen(one)), KG_OK);
  assert_int_equal(kg_rpc_write(out, two, sizeof two - 1), KG_OK);
  fclose(out);
  assert_non_null(strstr(buf, "Content-Length: 7\r\n\r\n{\"a\":1}"));

  FILE *in = fmemopen(buf, size, "r");
  char *body;
  size_t len;
  assert_int_equal(read_one(in, KG_RPC_MAX_BODY, &body, &len), KG_RPC_MESSAGE);
  assert_int_equal(len, strlen(one));
  assert_memory_equal(body, one, len);
  assert_int_equal(body[len], '\0');
  kg_free(body);
  assert_int_equal(read_one(in, KG_RPC_MAX_BODY, &body, &len), KG_RPC_MESSAGE);
  assert_int_equal(len, sizeof two - 1);
  assert_memory_equal(body, two, len);
  kg_free(body);
  assert_int_equal(read_one(in, KG_RPC_MAX_BODY, &body, &len), KG_RPC_EOF);
  assert_null(body);
  fclose(in);
  free(buf);
}

static void test_oversized_skipped_then_next(void **state)
{
  (void)state;
  static const char stream[] = "Content-Length: 20\r\n\r\n01234567890123456789"
                               "Content-Length: 2\r\n\r\n{}";
  FILE *in = fmemopen((void *)stream, sizeof stream - 1, "r");
  char *body;
  size_t len;
  assert_int_equal(read_one(in, 10, &body, &len), KG_RPC_TOO_LARGE);
  kg_free(body);
  assert_int_equal(read_one(in, 10, &body, &len), KG_RPC_MESSAGE);
  assert_int_equal(len, 2);
  assert_memory_equal(body, "{}", 2);
  kg_free(body);
  fclose(in);
}

static void test_bad_header_and_cut_stream(void **state)
{
  (void)state;
  static const char no_length[] = "Content-Type: x\r\n\r\n{}";
  FILE *in = fmemopen((void *)no_length, sizeof no_length - 1, "r");
  char *body;
  size_t len;
  assert_int_equal(read_one(in, KG_RPC_MAX_BODY, &body, &len),
                   KG_RPC_BAD_HEADER);
  kg_free(body);
  fclose(in);

  static const char cut[] = "Content-Length: 100\r\n\r\n{\"only\":";
  in = fmemopen((void *)cut, sizeof cut - 1, "r");
  assert_int_equal(read_one(in, KG_RPC_MAX_BODY, &body, &len), KG_RPC_EOF);
  kg_free(body);
  fclose(in);

  static const char empty[] = "";
  in = fmemopen((void *)empty, 1, "r"); /* fmemopen needs a size of 1+ */
  fgetc(in);
  assert_int_equal(read_one(in, KG_RPC_MAX_BODY, &body, &len), KG_RPC_EOF);
  kg_free(body);
  fclose(in);
}

static void test_paths(void **state)
{
  (void)state;
  static const char text[] =
      "{\"id\": 7, \"ok\": true, \"params\": {\"textDocument\": {\"uri\": "
      "\"file:///a.yaml\"}, \"contentChanges\": [{\"text\": \"first\"}, "
      "{\"text\": \"l\\u0000ast\"}]}, \"s\": \"7\"}";
  bool nomem = true;
  kg_rpc_value *v = kg_rpc_parse(text, sizeof text - 1, &nomem);
  assert_non_null(v);
  assert_string_equal(kg_rpc_str(v, "params.textDocument.uri"),
                      "file:///a.yaml");
  assert_string_equal(kg_rpc_str(v, "params.contentChanges.0.text"), "first");
  assert_memory_equal(kg_rpc_str(v, "params.contentChanges.-1.text"), "l\0ast",
                      5);
  assert_int_equal(kg_rpc_strlen(v, "params.contentChanges.-1.text"), 5);
  long long id = 0;
  assert_true(kg_rpc_int(v, "id", &id));
  assert_int_equal(id, 7);
  bool ok = false;
  assert_true(kg_rpc_bool(v, "ok", &ok));
  assert_true(ok);
  /* Nowhere, or a value of another type: NULL / false. */
  assert_null(kg_rpc_str(v, "params.contentChanges.2.text"));
  assert_null(kg_rpc_str(v, "params.nothing.uri"));
  assert_null(kg_rpc_str(v, "id"));
  assert_false(kg_rpc_int(v, "s", &id));
  assert_false(kg_rpc_bool(v, "id", &ok));
  assert_true(kg_rpc_has(v, "params.textDocument"));
  assert_false(kg_rpc_has(v, "params.textDocument.version"));
  assert_true(kg_rpc_is_object(v, "params"));
  assert_false(kg_rpc_is_object(v, "params.contentChanges"));
  char *id_text = kg_rpc_dump(v, "id");
  assert_string_equal(id_text, "7");
  kg_free(id_text);
  char *uri = kg_rpc_dump(v, "params.textDocument");
  assert_string_equal(uri, "{\"uri\":\"file:///a.yaml\"}");
  kg_free(uri);
  assert_null(kg_rpc_dump(v, "absent"));
  kg_rpc_value_free(v);
  kg_rpc_value_free(NULL);

  nomem = true;
  assert_null(kg_rpc_parse("{\"a\":", 5, &nomem));
  assert_false(nomem); /* not JSON, which is not out of memory */
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_write_then_read),
      cmocka_unit_test(test_oversized_skipped_then_next),
      cmocka_unit_test(test_bad_header_and_cut_stream),
      cmocka_unit_test(test_paths),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
