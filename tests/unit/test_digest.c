/* test_digest.c - the two small adapters a quote check rests on:
 * kg_sha256_hex (nettle) against FIPS 180-2's published digests, and
 * kg_nfc_new (utf8proc): composed and decomposed spellings meet, text
 * already in NFC comes back unchanged (NUL bytes included), and bytes
 * that are not UTF-8 are refused rather than passed on. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "nfc.h"
#include "sha256.h"

static void test_sha256_vectors(void **state)
{
  (void)state;
  char hex[KG_SHA256_HEX];
  kg_sha256_hex("", 0, hex);
  assert_string_equal(
      hex, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  kg_sha256_hex("abc", 3, hex);
  assert_string_equal(
      hex, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  static const char two[] =
      "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
  kg_sha256_hex(two, sizeof two - 1, hex);
  assert_string_equal(
      hex, "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
  /* A NUL byte is data, not the end. */
  char with_nul[KG_SHA256_HEX];
  kg_sha256_hex("abc\0", 4, with_nul);
  assert_string_not_equal(with_nul, hex);
  assert_int_equal(strlen(with_nul), 64);
}

/* The digest of bytes that come in pieces (kgbuild push hashes a graph
 * triple by triple) is the digest of the whole. */
static void test_sha256_pieces(void **state)
{
  (void)state;
  static const char two[] =
      "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
  char whole[KG_SHA256_HEX], pieces[KG_SHA256_HEX];
  kg_sha256_hex(two, sizeof two - 1, whole);
  for (size_t cut = 0; cut < sizeof two; cut += 7) {
    kg_sha256 *h = kg_sha256_new();
    assert_non_null(h);
    kg_sha256_update(h, two, cut);
    kg_sha256_update(h, "", 0);
    kg_sha256_update(h, two + cut, sizeof two - 1 - cut);
    kg_sha256_final(h, pieces);
    kg_sha256_free(h);
    assert_string_equal(pieces, whole);
  }
}

/* NFC of len bytes, compared with the expected bytes. */
static void assert_nfc(const char *in, size_t len, const char *want,
                       size_t want_len)
{
  char *out = NULL;
  size_t out_len = 0;
  assert_int_equal(kg_nfc_new(in, len, &out, &out_len), KG_OK);
  assert_non_null(out);
  assert_int_equal(out_len, want_len);
  assert_memory_equal(out, want, want_len);
  assert_int_equal(out[out_len], '\0');
  kg_free(out);
}

static void test_nfc(void **state)
{
  (void)state;
  /* e + COMBINING ACUTE ACCENT -> U+00E9 */
  assert_nfc("caf\x65\xcc\x81", 6, "caf\xc3\xa9", 5);
  /* Already NFC: the same bytes. */
  assert_nfc("caf\xc3\xa9 \xe7\x8e\x8b\xe7\xa3\x8a", 12,
             "caf\xc3\xa9 \xe7\x8e\x8b\xe7\xa3\x8a", 12);
  /* Hangul jamo compose to one syllable: U+1100 U+1161 -> U+AC00 */
  assert_nfc("\xe1\x84\x80\xe1\x85\xa1", 6, "\xea\xb0\x80", 3);
  /* Canonical order of two marks: dot below (ccc 220) before acute (230). */
  assert_nfc("a\xcc\x81\xcc\xa3", 5, "\xe1\xba\xa1\xcc\x81", 5);
  assert_nfc("", 0, "", 0);
  assert_nfc("a\0b", 3, "a\0b", 3);
}

static void test_nfc_refuses_invalid(void **state)
{
  (void)state;
  static const char *const bad[] = {"\xff", "a\xc3", "\xc0\xaf",
                                    "\xed\xa0\x80"}; /* a lone surrogate */
  for (size_t i = 0; i < sizeof bad / sizeof *bad; ++i) {
    char *out = NULL;
    size_t len = 0;
    assert_int_equal(kg_nfc_new(bad[i], strlen(bad[i]), &out, &len),
                     KG_ERR_FACTS);
    kg_free(out);
  }
}

/* kg_fold_new: compatibility decomposition, marks stripped, case folded
 * (the first step of the ids kgbuild import makes). */
static void assert_fold(const char *in, const char *want)
{
  char *out = NULL;
  size_t len = 0;
  assert_int_equal(kg_fold_new(in, strlen(in), &out, &len), KG_OK);
  assert_int_equal(len, strlen(want));
  assert_string_equal(out, want);
  kg_free(out);
}

static void test_fold(void **state)
{
  (void)state;
  assert_fold("\xc3\x89mile", "emile");              /* É */
  assert_fold("W\xc3\xa1ng L\xc4\x9bi", "wang lei"); /* á, ě */
  assert_fold("\xef\xac\x81le", "file");             /* the ligature fi */
  assert_fold("\xc3\x98rsted", "\xc3\xb8rsted");     /* Ø has no mark */
  assert_fold("\xe7\x8e\x8b", "\xe7\x8e\x8b");       /* 王 stays */
  char *out = NULL;
  size_t len = 0;
  assert_int_equal(kg_fold_new("\xff", 1, &out, &len), KG_ERR_FACTS);
  kg_free(out);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_sha256_vectors),
      cmocka_unit_test(test_sha256_pieces),
      cmocka_unit_test(test_nfc),
      cmocka_unit_test(test_nfc_refuses_invalid),
      cmocka_unit_test(test_fold),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
