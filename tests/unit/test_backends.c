/* test_backends.c - the table of export formats (backends.h): every row
 * complete and its name and file name its own, found by name; --compress
 * copies exactly the RDF rows (rdf: they write the network's triples), their
 * file names ending in the method's suffix, which kg_backend_compression reads
 * back, and leaves the network exports as they are. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "backends.h"

static bool ends_with(const char *s, const char *tail)
{
  size_t n = strlen(s), k = strlen(tail);
  return n >= k && !strcmp(s + n - k, tail);
}

static void test_table(void **state)
{
  (void)state;
  assert_true(kg_backend_count > 0);
  for (size_t i = 0; i < kg_backend_count; ++i) {
    const kg_backend *b = &kg_backends[i];
    assert_non_null(b->name);
    assert_non_null(b->file_name);
    assert_non_null(b->describe);
    assert_true(!b->write != !b->write_dir); /* a stream or a directory */
    assert_null(strchr(b->file_name, '/'));  /* a file of exports/ */
    assert_ptr_equal(kg_backend_find(b->name), b);
    assert_int_equal(kg_backend_compression(b), KG_COMPRESS_NONE);
    assert_true(b->needs <= KG_NEEDS_ANALYTICS);
    for (size_t j = 0; j < i; ++j) {
      assert_string_not_equal(kg_backends[j].name, b->name);
      assert_string_not_equal(kg_backends[j].file_name, b->file_name);
    }
  }
  assert_null(kg_backend_find("no-such-format"));
  assert_null(kg_backend_find(""));
}

static void test_compress(void **state)
{
  (void)state;
  static const kg_compression methods[] = {KG_COMPRESS_GZIP, KG_COMPRESS_ZSTD};
  for (size_t m = 0; m < 2; ++m) {
    const kg_backend **chosen = calloc(kg_backend_count, sizeof *chosen);
    assert_non_null(chosen);
    for (size_t i = 0; i < kg_backend_count; ++i)
      chosen[i] = &kg_backends[i];
    kg_backend *copies = NULL;
    assert_int_equal(
        kg_backends_compress(chosen, kg_backend_count, methods[m], &copies),
        KG_OK);
    const char *suffix = kg_compression_suffix(methods[m]);
    assert_true(strlen(suffix) > 0);
    for (size_t i = 0; i < kg_backend_count; ++i) {
      const kg_backend *b = &kg_backends[i];
      bool compressed = chosen[i] != b;
      /* The RDF exports are compressed, the network exports not. */
      assert_int_equal(compressed, b->rdf);
      if (compressed) {
        assert_string_equal(chosen[i]->name, b->name);
        assert_true(ends_with(chosen[i]->file_name, suffix));
        assert_int_equal(
            strncmp(chosen[i]->file_name, b->file_name, strlen(b->file_name)),
            0);
        assert_int_equal(kg_backend_compression(chosen[i]), methods[m]);
      }
    }
    kg_free(copies);
    free(chosen);
  }
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_table),
      cmocka_unit_test(test_compress),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
