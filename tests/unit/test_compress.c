/* test_compress.c - the compressing streams of --compress (compress.h),
 * read back with zlib and libzstd themselves: what is written through a
 * stream decompresses to exactly those bytes (empty, small, and larger
 * than every buffer); the compressed bytes are the same run after run and
 * for any number of zstd workers (exports must be reproducible); names
 * and suffixes map both ways. */
#define _GNU_SOURCE /* open_memstream */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <zlib.h>
#include <zstd.h>

#include "compress.h"

/* Writes len bytes of data through a c stream with workers threads and
 * returns the compressed bytes (malloc'd) in *out, their size in *size. */
static void pack(kg_compression c, unsigned workers, const char *data,
                 size_t len, char **out, size_t *size)
{
  FILE *sink = open_memstream(out, size);
  assert_non_null(sink);
  FILE *stream = NULL;
  assert_int_equal(kg_compress_open(c, workers, sink, &stream), KG_OK);
  assert_non_null(stream);
  /* In uneven pieces, as writers write. */
  for (size_t i = 0; i < len;) {
    size_t n = len - i < 1 + i % 7919 ? len - i : 1 + i % 7919;
    assert_int_equal(fwrite(data + i, 1, n, stream), n);
    i += n;
  }
  assert_int_equal(fclose(stream), 0);
  assert_int_equal(fclose(sink), 0);
}

static size_t gunzip(const char *in, size_t len, char *out, size_t room)
{
  z_stream z = {0};
  assert_int_equal(inflateInit2(&z, 16 + MAX_WBITS), Z_OK);
  z.next_in = (Bytef *)in;
  z.avail_in = (uInt)len;
  z.next_out = (Bytef *)out;
  z.avail_out = (uInt)room;
  assert_int_equal(inflate(&z, Z_FINISH), Z_STREAM_END);
  assert_int_equal(z.avail_in, 0); /* nothing after the gzip member */
  size_t n = z.total_out;
  inflateEnd(&z);
  return n;
}

static size_t unzstd(const char *in, size_t len, char *out, size_t room)
{
  size_t n = ZSTD_decompress(out, room, in, len);
  assert_false(ZSTD_isError(n));
  return n;
}

/* Text that compresses, with a run of bytes that does not. */
static char *sample(size_t len)
{
  char *s = malloc(len + 1);
  uint32_t x = 12345;
  for (size_t i = 0; i < len; ++i) {
    x = x * 1103515245u + 12345u;
    s[i] = (i / 4096) % 3 ? "<a> <b> \"c\" .\n"[i % 15] : (char)(x >> 24);
  }
  return s;
}

static void round_trip(kg_compression c, unsigned workers)
{
  static const size_t lengths[] = {0, 1, 100, 70000, 3u << 20};
  for (size_t k = 0; k < sizeof lengths / sizeof *lengths; ++k) {
    size_t len = lengths[k];
    char *data = sample(len), *packed = NULL;
    size_t size = 0;
    pack(c, workers, data, len, &packed, &size);
    char *back = malloc(len + 16);
    size_t n = c == KG_COMPRESS_GZIP ? gunzip(packed, size, back, len + 16)
                                     : unzstd(packed, size, back, len + 16);
    assert_int_equal(n, len);
    if (len)
      assert_memory_equal(back, data, len);
    free(back);
    free(packed);
    free(data);
  }
}

static void test_gzip_round_trip(void **state)
{
  (void)state;
  round_trip(KG_COMPRESS_GZIP, 1);
}

static void test_zstd_round_trip(void **state)
{
  (void)state;
  round_trip(KG_COMPRESS_ZSTD, 1);
  round_trip(KG_COMPRESS_ZSTD, 3);
}

/* The same bytes every time, whatever the number of zstd's workers. */
static void test_reproducible(void **state)
{
  (void)state;
  size_t len = 5u << 20;
  char *data = sample(len);
  static const kg_compression methods[] = {KG_COMPRESS_GZIP, KG_COMPRESS_ZSTD};
  for (size_t m = 0; m < 2; ++m) {
    char *first = NULL, *again = NULL;
    size_t first_size = 0, again_size = 0;
    pack(methods[m], 1, data, len, &first, &first_size);
    pack(methods[m], methods[m] == KG_COMPRESS_ZSTD ? 4 : 1, data, len, &again,
         &again_size);
    assert_int_equal(first_size, again_size);
    assert_memory_equal(first, again, first_size);
    assert_true(first_size < len); /* it did compress */
    free(first);
    free(again);
  }
  free(data);
}

static void test_names_and_suffixes(void **state)
{
  (void)state;
  kg_compression c = KG_COMPRESS_NONE;
  assert_int_equal(kg_compression_parse("gzip", &c), KG_OK);
  assert_int_equal(c, KG_COMPRESS_GZIP);
  assert_int_equal(kg_compression_parse("zstd", &c), KG_OK);
  assert_int_equal(c, KG_COMPRESS_ZSTD);
  assert_int_equal(kg_compression_parse("none", &c), KG_OK);
  assert_int_equal(c, KG_COMPRESS_NONE);
  assert_int_equal(kg_compression_parse("gz", &c), KG_ERR_USAGE);
  assert_int_equal(kg_compression_parse("", &c), KG_ERR_USAGE);
  assert_int_equal(kg_compression_parse("GZIP", &c), KG_ERR_USAGE);
  assert_string_equal(kg_compression_suffix(KG_COMPRESS_GZIP), ".gz");
  assert_string_equal(kg_compression_suffix(KG_COMPRESS_ZSTD), ".zst");
  assert_string_equal(kg_compression_suffix(KG_COMPRESS_NONE), "");
  assert_int_equal(kg_compression_of("kg.nt.gz"), KG_COMPRESS_GZIP);
  assert_int_equal(kg_compression_of("exports/kg.ttl.zst"), KG_COMPRESS_ZSTD);
  assert_int_equal(kg_compression_of("kg.nt"), KG_COMPRESS_NONE);
  assert_int_equal(kg_compression_of("kg.gz.nt"), KG_COMPRESS_NONE);
  assert_int_equal(kg_compression_of(".gz"), KG_COMPRESS_NONE); /* no name */
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_gzip_round_trip),
      cmocka_unit_test(test_zstd_round_trip),
      cmocka_unit_test(test_reproducible),
      cmocka_unit_test(test_names_and_suffixes),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
