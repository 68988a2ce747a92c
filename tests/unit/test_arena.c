/* test_arena.c - the arena, the map, interning, the hash and the growable
 * arrays (arena.h): what the model relies on without checking.  Every
 * allocation is aligned for any object and stays where it is while the
 * arena lives (adopted or not); a map slot and a stored key never move as
 * the map grows; interning gives one pointer per text, NUL bytes included;
 * kg_hash64 is FNV-1a, whose values the statement IRIs depend on. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "arena.h"

static void assert_aligned(const void *p)
{
  assert_non_null(p);
  assert_int_equal((uintptr_t)p % _Alignof(max_align_t), 0);
}

/* Sizes from 0 to more than a block, in a normal and a paged arena: every
 * pointer aligned, distinct, and its bytes kept while others are filled. */
static void check_allocations(kg_arena *arena)
{
  static const size_t sizes[] = {
      0,       1,    3,    7,    8,     15,      16,
      17,      1000, 4095, 4096, 65537, 1 << 20, (1 << 20) + 1,
      3 << 20, 5};
  enum { N = sizeof sizes / sizeof *sizes };
  unsigned char *p[N];
  for (size_t i = 0; i < N; ++i) {
    p[i] = kg_arena_alloc(arena, sizes[i]);
    assert_aligned(p[i]);
    memset(p[i], (int)i + 1, sizes[i]);
  }
  for (size_t i = 0; i < N; ++i) {
    for (size_t j = 0; j < sizes[i]; j += 511)
      assert_int_equal(p[i][j], (unsigned char)(i + 1));
    if (sizes[i])
      assert_int_equal(p[i][sizes[i] - 1], (unsigned char)(i + 1));
    for (size_t k = 0; k < i; ++k)
      if (sizes[i] && sizes[k])
        assert_true(p[i] + sizes[i] <= p[k] || p[k] + sizes[k] <= p[i]);
  }
}

static void test_alloc_aligned_and_kept(void **state)
{
  (void)state;
  kg_arena *arena = kg_arena_new();
  assert_non_null(arena);
  check_allocations(arena);
  kg_arena_free(arena);
  kg_arena *paged = kg_arena_new_paged();
  assert_non_null(paged);
  check_allocations(paged);
  kg_arena_free(paged);
}

/* Objects of 40 bytes aligned for 8 are packed 40 apart, not 64, and an
 * arena grown past its big blocks (mapped, 4 MiB) keeps every one. */
static void test_alloc_packed_and_growing(void **state)
{
  (void)state;
  enum { N = 300000, SIZE = 40 };
  kg_arena *arena = kg_arena_new();
  assert_non_null(arena);
  unsigned char **p = malloc(N * sizeof *p);
  assert_non_null(p);
  size_t packed = 0;
  for (size_t i = 0; i < N; ++i) {
    p[i] = kg_arena_alloc_aligned(arena, SIZE, 8);
    assert_non_null(p[i]);
    assert_int_equal((uintptr_t)p[i] % 8, 0);
    memset(p[i], (int)(i % 251), SIZE);
    packed += i && p[i] == p[i - 1] + SIZE;
  }
  assert_true(packed > N * 9 / 10); /* but where a block ends */
  for (size_t i = 0; i < N; ++i)
    assert_int_equal(p[i][SIZE - 1], (unsigned char)(i % 251));
  free(p);
  kg_arena_free(arena);
}

static void test_strndup_keeps_nul_bytes(void **state)
{
  (void)state;
  kg_arena *arena = kg_arena_new();
  char *s = kg_arena_strndup(arena, "a\0b\0c-and-more", 5);
  assert_non_null(s);
  assert_memory_equal(s, "a\0b\0c", 5);
  assert_int_equal(s[5], '\0');
  char *empty = kg_arena_strndup(arena, "xyz", 0);
  assert_non_null(empty);
  assert_string_equal(empty, "");
  kg_arena_free(arena);
}

/* What was allocated from an adopted arena lives on in the adopter, in
 * both orders of filling; adopting NULL or an empty arena changes nothing. */
static void test_adopt_keeps_memory(void **state)
{
  (void)state;
  kg_arena *arena = kg_arena_new();
  char *mine = kg_arena_strndup(arena, "mine", 4);
  kg_arena *other = kg_arena_new_paged();
  char *theirs = kg_arena_strndup(other, "theirs", 6);
  char *big = kg_arena_alloc(other, 2 << 20);
  assert_non_null(big);
  memset(big, 'x', 2 << 20);
  kg_arena_adopt(arena, other); /* frees other */
  kg_arena_adopt(arena, NULL);
  kg_arena_adopt(arena, kg_arena_new());
  char *after = kg_arena_strndup(arena, "after", 5);
  assert_string_equal(mine, "mine");
  assert_string_equal(theirs, "theirs");
  assert_string_equal(after, "after");
  assert_int_equal(big[(2 << 20) - 1], 'x');
  kg_arena *empty = kg_arena_new();
  kg_arena_adopt(empty, kg_arena_new());
  assert_aligned(kg_arena_alloc(empty, 10));
  kg_arena_free(empty);
  kg_arena_free(arena); /* ASan: nothing leaked, nothing freed twice */
}

/* The blocks of a paged arena, recycled, are what the next paged arena
 * given them fills: its allocations land at the addresses of the first
 * one's (a fresh mapping could not, while the spares keep them mapped).
 * Beyond `keep` they are freed, and spares left in an arena are freed with
 * it or when it is adopted (ASan: nothing leaked). */
static void test_recycled_blocks_are_reused(void **state)
{
  enum { HALF = 512 * 1024, N = 6 };
  (void)state;
  kg_arena *spares = kg_arena_new_paged();
  kg_arena *first = kg_arena_new_paged();
  char *old[N];
  for (size_t i = 0; i < N; ++i) {
    old[i] = kg_arena_alloc(first, HALF);
    assert_non_null(old[i]);
    memset(old[i], 'a', HALF);
  }
  kg_arena_recycle(spares, first, SIZE_MAX);
  kg_arena *second = kg_arena_new_paged();
  kg_arena_move_spares(second, spares, SIZE_MAX);
  for (size_t i = 0; i < N; ++i) {
    char *p = kg_arena_alloc(second, HALF);
    bool reused = false;
    for (size_t j = 0; j < N; ++j)
      reused |= p == old[j];
    if (!reused)
      fail_msg("allocation %zu is not in a recycled block", i);
    memset(p, 'b', HALF);
  }
  /* Too many spares for a small tree: some go back, all are freed. */
  kg_arena *third = kg_arena_new_paged();
  kg_arena_recycle(spares, second, 2 * 1024 * 1024);
  kg_arena_move_spares(third, spares, 1);
  assert_non_null(kg_arena_alloc(third, 10));
  kg_arena_move_spares(spares, third, SIZE_MAX);
  kg_arena_recycle(spares, NULL, 0);
  kg_arena *adopter = kg_arena_new();
  kg_arena_adopt(adopter, third); /* with no spares left, or some */
  kg_arena *fourth = kg_arena_new_paged();
  kg_arena_move_spares(fourth, spares, SIZE_MAX);
  kg_arena_adopt(adopter, fourth);
  kg_arena_free(adopter);
  kg_arena_free(spares);
}

/* Many keys: each found with its value, the slot and stored key of the
 * first unchanged after the table has grown many times over. */
static void test_map_slots_stay_put(void **state)
{
  (void)state;
  kg_arena *arena = kg_arena_new();
  kg_map *map = kg_map_new(arena);
  const char *first_key = NULL;
  void **first = kg_map_slot(map, "k0", 2, &first_key);
  assert_non_null(first);
  assert_null(*first);
  *first = (void *)first_key;
  char key[32];
  enum { N = 20000 };
  for (int i = 1; i < N; ++i) {
    int n = snprintf(key, sizeof key, "k%d", i);
    const char *stored = NULL;
    void **slot = kg_map_slot(map, key, (size_t)n, &stored);
    assert_non_null(slot);
    assert_null(*slot);
    assert_ptr_not_equal(stored, key);
    assert_string_equal(stored, key);
    *slot = (void *)(intptr_t)(i + 1);
  }
  assert_int_equal(kg_map_count(map), N);
  assert_ptr_equal(kg_map_slot(map, "k0", 2, &(const char *){NULL}), first);
  assert_ptr_equal(*first, first_key);
  assert_ptr_equal(kg_map_key_slot(first_key), first);
  for (int i = 1; i < N; ++i) {
    int n = snprintf(key, sizeof key, "k%d", i);
    assert_int_equal((intptr_t)kg_map_get(map, key, (size_t)n), i + 1);
  }
  assert_null(kg_map_get(map, "k", 1));
  assert_null(kg_map_get(map, "k20000", 6));
  assert_int_equal(kg_map_count(map), N); /* lookups add nothing */
  kg_map_free(map);
  kg_arena_free(arena);
}

/* Keys are byte strings: NUL bytes and the empty key are keys like others,
 * and a prefix is not its extension. */
static void test_map_keys_are_bytes(void **state)
{
  (void)state;
  kg_arena *arena = kg_arena_new();
  kg_map *map = kg_map_new(arena);
  static const struct {
    const char *s;
    size_t len;
  } keys[] = {{"a\0b", 3}, {"a\0c", 3}, {"a", 1}, {"", 0}, {"a\0", 2}};
  for (size_t i = 0; i < sizeof keys / sizeof *keys; ++i) {
    const char *stored;
    void **slot = kg_map_slot(map, keys[i].s, keys[i].len, &stored);
    assert_non_null(slot);
    assert_null(*slot); /* each is new */
    *slot = (void *)(keys[i].s + 1);
    assert_memory_equal(stored, keys[i].s, keys[i].len);
  }
  assert_int_equal(kg_map_count(map), 5);
  for (size_t i = 0; i < sizeof keys / sizeof *keys; ++i)
    assert_ptr_equal(kg_map_get(map, keys[i].s, keys[i].len), keys[i].s + 1);
  kg_map_free(map);
  kg_arena_free(arena);
}

static void test_intern_one_pointer_per_text(void **state)
{
  (void)state;
  kg_arena *arena = kg_arena_new();
  kg_map *strings = kg_map_new(arena);
  char buf[] = "wang-lei";
  const char *a = kg_intern(strings, buf, 8);
  buf[0] = 'x'; /* the interned copy is the map's own */
  const char *b = kg_intern(strings, "wang-lei", 8);
  const char *c = kg_intern(strings, "wang-lei-2", 8); /* a prefix: the same */
  const char *d = kg_intern(strings, "wang-le", 7);
  assert_non_null(a);
  assert_ptr_equal(a, b);
  assert_ptr_equal(a, c);
  assert_ptr_not_equal(a, d);
  assert_string_equal(a, "wang-lei");
  assert_string_equal(d, "wang-le");
  assert_int_equal(kg_map_count(strings), 2);
  kg_map_free(strings);
  kg_arena_free(arena);
}

/* FNV-1a 64's published test vectors: statement IRIs are minted from this
 * hash, so a change to it would change every export. */
static void test_hash_is_fnv1a(void **state)
{
  (void)state;
  assert_true(kg_hash64("", 0, KG_HASH_SEED) == UINT64_C(0xcbf29ce484222325));
  assert_true(kg_hash64("a", 1, KG_HASH_SEED) == UINT64_C(0xaf63dc4c8601ec8c));
  assert_true(kg_hash64("foobar", 6, KG_HASH_SEED) ==
              UINT64_C(0x85944171f73967e8));
  /* Chained: hashing in two parts is hashing the whole. */
  uint64_t h = kg_hash64("foo", 3, KG_HASH_SEED);
  assert_true(kg_hash64("bar", 3, h) == UINT64_C(0x85944171f73967e8));
  assert_true(kg_hash64("a\0", 2, KG_HASH_SEED) !=
              kg_hash64("a", 1, KG_HASH_SEED));
}

static void test_vec_and_grow(void **state)
{
  (void)state;
  kg_vec vec = {0};
  int items[1000];
  for (int i = 0; i < 1000; ++i)
    assert_int_equal(kg_vec_push(&vec, &items[i]), KG_OK);
  assert_int_equal(vec.count, 1000);
  assert_true(vec.capacity >= vec.count);
  for (int i = 0; i < 1000; ++i)
    assert_ptr_equal(vec.items[i], &items[i]);
  kg_vec_free(&vec);
  assert_null(vec.items);
  assert_int_equal(vec.count, 0);
  kg_vec_free(&vec); /* twice is harmless */
  kg_vec_free(NULL);

  /* kg_grow: the same array while there is room, doubled when full,
   * starting from `first`. */
  size_t cap = 0;
  int *a = kg_grow(NULL, &cap, 0, sizeof *a, 4);
  assert_non_null(a);
  assert_int_equal(cap, 4);
  assert_ptr_equal(kg_grow(a, &cap, 3, sizeof *a, 4), a);
  assert_int_equal(cap, 4);
  for (int i = 0; i < 4; ++i)
    a[i] = i * 10;
  a = kg_grow(a, &cap, 4, sizeof *a, 4);
  assert_non_null(a);
  assert_int_equal(cap, 8);
  for (int i = 0; i < 4; ++i)
    assert_int_equal(a[i], i * 10); /* kept when it moved */
  kg_free(a);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_alloc_aligned_and_kept),
      cmocka_unit_test(test_alloc_packed_and_growing),
      cmocka_unit_test(test_strndup_keeps_nul_bytes),
      cmocka_unit_test(test_adopt_keeps_memory),
      cmocka_unit_test(test_recycled_blocks_are_reused),
      cmocka_unit_test(test_map_slots_stay_put),
      cmocka_unit_test(test_map_keys_are_bytes),
      cmocka_unit_test(test_intern_one_pointer_per_text),
      cmocka_unit_test(test_hash_is_fnv1a),
      cmocka_unit_test(test_vec_and_grow),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
