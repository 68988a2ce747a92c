/* test_load.c - the YAML loader, the line map and the arena's map, each
 * case from shared/reference/reliability.md section 3.1. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "arena.h"
#include "diag.h"
#include "load.h"

typedef struct {
  kg_arena *arena;
  kg_diag *diag;
  FILE *out;
  char *text;
  size_t size;
  kg_ynode *root;
  kg_status status;
} run;

static void load(run *r, const char *yaml, size_t len)
{
  memset(r, 0, sizeof *r);
  r->arena = kg_arena_new();
  r->out = open_memstream(&r->text, &r->size);
  r->diag = kg_diag_new(r->out, KG_DIAG_TEXT, false);
  assert_non_null(r->arena);
  assert_non_null(r->diag);
  r->status = kg_load_buffer(r->arena, r->diag, "t.yaml", yaml, len, &r->root);
  fflush(r->out);
}

static void done(run *r)
{
  kg_diag_free(r->diag);
  fclose(r->out);
  free(r->text);
  kg_arena_free(r->arena);
}

#define LOAD(r, s) load(r, s, sizeof(s) - 1)

/* The run failed with a message that contains `want` at `where`. */
static void expect_error(run *r, const char *where, const char *want)
{
  assert_int_equal(r->status, KG_ERR_FACTS);
  if (!strstr(r->text, where) || !strstr(r->text, want)) {
    print_error("expected '%s' and '%s' in:\n%s\n", where, want, r->text);
    fail();
  }
}

static void test_good_tree(void **state)
{
  (void)state;
  run r;
  LOAD(&r, "people:\n  - id: a\n    name: {en: \"A\"}\n");
  assert_int_equal(r.status, KG_OK);
  assert_non_null(r.root);
  assert_int_equal(r.root->kind, KG_YAML_MAP);
  assert_int_equal(r.root->count, 1);
  kg_ynode *list = r.root->items[1];
  assert_int_equal(list->kind, KG_YAML_SEQ);
  kg_ynode *entry = list->items[0];
  assert_int_equal(entry->count, 2);
  assert_string_equal(entry->items[0]->text, "id");
  assert_int_equal(entry->items[1]->line, 2);
  assert_int_equal(entry->items[1]->col, 9);
  assert_true(entry->items[1]->plain);
  assert_false(entry->items[3]->items[1]->plain);
  assert_int_equal(r.text[0], '\0');
  done(&r);
}

static void test_duplicate_keys(void **state)
{
  (void)state;
  run r;
  LOAD(&r, "id: a\nname: x\nid: b\n");
  expect_error(&r, "t.yaml:3:1: error: duplicate key 'id'",
               "t.yaml:1:1: note: first given here");
  done(&r);
  /* Decoded keys compare: quoted and plain spellings collide. */
  LOAD(&r, "id: a\n\"id\": b\n");
  expect_error(&r, "t.yaml:2:1", "duplicate key 'id'");
  done(&r);
  /* Large maps are checked by sorting; every repeat is found. */
  char big[8192];
  size_t o = 0;
  for (int i = 0; i < 40; ++i)
    o += (size_t)snprintf(big + o, sizeof big - o, "k%d: v\n", i);
  o += (size_t)snprintf(big + o, sizeof big - o, "k7: again\n");
  load(&r, big, o);
  expect_error(&r, "t.yaml:41:1", "duplicate key 'k7'");
  assert_non_null(strstr(r.text, "t.yaml:8:1: note"));
  done(&r);
}

static void test_refused_features(void **state)
{
  (void)state;
  run r;
  LOAD(&r, "a: &x [1]\nb: *x\n");
  expect_error(&r, "t.yaml:1:4", "anchors (&name) are not supported");
  assert_non_null(strstr(r.text, "t.yaml:2:4: error: aliases"));
  done(&r);
  LOAD(&r, "a: !!binary aGVsbG8=\n");
  expect_error(&r, "t.yaml:1:4",
               "tags ('tag:yaml.org,2002:binary') are not supported");
  done(&r);
  LOAD(&r, "a: 1\n---\nb: 2\n");
  expect_error(&r, "t.yaml:2:1", "a second starts here");
  done(&r);
  LOAD(&r, "? [a, b]\n: c\n");
  expect_error(&r, "t.yaml:1:3", "mapping keys must be text");
  done(&r);
}

static void test_billion_laughs_is_refused_at_once(void **state)
{
  (void)state;
  run r;
  LOAD(&r, "a: &a [x, x, x, x, x, x, x, x, x]\n"
           "b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
           "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\n");
  expect_error(&r, "t.yaml:1:4", "anchors");
  done(&r);
}

static void test_depth_limit(void **state)
{
  (void)state;
  run r;
  size_t n = 100000;
  char *deep = malloc(2 * n + 4);
  assert_non_null(deep);
  memcpy(deep, "a: ", 3);
  memset(deep + 3, '[', n);
  memset(deep + 3 + n, ']', n);
  load(&r, deep, 2 * n + 3);
  /* The root map is level 1; the 64th '[' is level 65. */
  expect_error(&r, "t.yaml:1:67", "nesting deeper than 64 levels");
  done(&r);
  free(deep);
  /* 64 levels are fine. */
  char ok[256] = "a: ";
  memset(ok + 3, '[', 63);
  memset(ok + 66, ']', 63);
  load(&r, ok, 3 + 126);
  assert_int_equal(r.status, KG_OK);
  done(&r);
}

static void test_encoding_positions(void **state)
{
  (void)state;
  run r;
  /* libyaml gives only a byte offset for reader errors; the line map turns
   * it into line and column. */
  LOAD(&r, "a: b\nc: caf\xE9\n");
  expect_error(&r, "t.yaml:2:7", "invalid UTF-8 (byte 0xE9)");
  done(&r);
  LOAD(&r, "a: b\nc: d\x00"
           "e\n");
  expect_error(&r, "t.yaml:2:5", "NUL byte");
  done(&r);
  LOAD(&r, "a: b\r\nc: \x01\n");
  expect_error(&r, "t.yaml:2:4",
               "control characters are not allowed (character U+0001)");
  done(&r);
  LOAD(&r, "\xFF\xFE"
           "a\0:\0 \0b\0");
  expect_error(&r, "t.yaml:1:1", "file is UTF-16");
  done(&r);
  /* A BOM at the start is allowed and stripped. */
  LOAD(&r, "\xEF\xBB\xBF"
           "a: b\n");
  assert_int_equal(r.status, KG_OK);
  assert_string_equal(r.root->items[0]->text, "a");
  done(&r);
}

static void test_escaped_nul_keeps_length(void **state)
{
  (void)state;
  run r;
  LOAD(&r, "a: \"x\\0y\"\n");
  assert_int_equal(r.status, KG_OK);
  assert_int_equal(r.root->items[1]->len, 3);
  done(&r);
}

static void test_empty_file(void **state)
{
  (void)state;
  run r;
  LOAD(&r, "# only a comment\n");
  assert_int_equal(r.status, KG_OK);
  assert_null(r.root);
  done(&r);
}

static void test_syntax_error_context(void **state)
{
  (void)state;
  run r;
  LOAD(&r, "a: \"open\nb: c\n");
  expect_error(&r, "t.yaml:3:1: error: while scanning a quoted scalar",
               "t.yaml:1:4: note: scanning a quoted scalar started here");
  done(&r);
  LOAD(&r, "a:\n\tb: c\n");
  expect_error(&r, "t.yaml:2:1", "(indent with spaces, not tabs)");
  done(&r);
}

static void test_line_map(void **state)
{
  (void)state;
  kg_diag *d = kg_diag_new(stderr, KG_DIAG_TEXT, false);
  const char text[] = "ab\ncd\r\nef\rg\xC3\xA9h";
  assert_int_equal(kg_diag_add_source(d, "m", text, sizeof text - 1), KG_OK);
  kg_pos p = kg_diag_pos_at(d, "m", 0);
  assert_int_equal(p.line, 1);
  assert_int_equal(p.col, 1);
  p = kg_diag_pos_at(d, "m", 4); /* 'd' */
  assert_int_equal(p.line, 2);
  assert_int_equal(p.col, 2);
  p = kg_diag_pos_at(d, "m", 7); /* 'e', after CR LF */
  assert_int_equal(p.line, 3);
  assert_int_equal(p.col, 1);
  p = kg_diag_pos_at(d, "m", 13); /* 'h', after a lone CR and a 2-byte char */
  assert_int_equal(p.line, 4);
  assert_int_equal(p.col, 3);
  kg_diag_free(d);
}

static void test_quote(void **state)
{
  (void)state;
  char buf[32];
  assert_string_equal(kg_diag_quote("a\x01"
                                    "b\xFF",
                                    4, buf, sizeof buf),
                      "a\\x01b\\xFF");
  assert_string_equal(kg_diag_quote("abcdefghijklmnopqrstuvwxyz0123456789", 36,
                                    buf, sizeof buf),
                      "abcdefghijklmnopqrstuvw...");
}

static void test_map_and_intern(void **state)
{
  (void)state;
  kg_arena *a = kg_arena_new();
  kg_map *m = kg_map_new(a);
  char key[32];
  for (int i = 0; i < 10000; ++i) {
    int n = snprintf(key, sizeof key, "key-%d", i);
    void **slot = kg_map_slot(m, key, (size_t)n, NULL);
    assert_non_null(slot);
    assert_null(*slot);
    *slot = (void *)(intptr_t)(i + 1);
  }
  assert_int_equal(kg_map_count(m), 10000);
  assert_int_equal((intptr_t)kg_map_get(m, "key-4242", 8), 4243);
  assert_null(kg_map_get(m, "key-10000", 9));
  const char *x = kg_intern(m, "key-7", 5);
  assert_ptr_equal(x, kg_intern(m, "key-7", 5));
  assert_int_equal(kg_map_count(m), 10000);
  /* Keys may hold NUL: lengths, not strlen. */
  assert_ptr_not_equal(kg_intern(m, "a\0b", 3), kg_intern(m, "a\0c", 3));
  kg_map_free(m);
  kg_arena_free(a);
}

/* What another arena allocated lives on in the one that adopts it (ASan
 * reports a leak or a use after free otherwise), and both keep working. */
static void test_arena_adopt(void **state)
{
  (void)state;
  kg_arena *a = kg_arena_new(), *b = kg_arena_new(), *empty = kg_arena_new();
  assert_non_null(a);
  assert_non_null(b);
  assert_non_null(empty);
  char *in_a = kg_arena_strndup(a, "kept in a", 9);
  char *big = kg_arena_alloc(b, 200000); /* a block of its own */
  char *in_b = kg_arena_strndup(b, "moved from b", 12);
  assert_non_null(in_a);
  assert_non_null(big);
  assert_non_null(in_b);
  memset(big, 'x', 200000);
  kg_arena_adopt(a, b);
  kg_arena_adopt(a, empty);
  kg_arena_adopt(a, NULL);
  char *after = kg_arena_strndup(a, "after", 5);
  assert_non_null(after);
  assert_string_equal(in_a, "kept in a");
  assert_string_equal(in_b, "moved from b");
  assert_int_equal(big[199999], 'x');
  kg_arena *fresh = kg_arena_new(), *c = kg_arena_new();
  assert_non_null(fresh);
  assert_non_null(c);
  char *in_c = kg_arena_strndup(c, "into an empty arena", 19);
  assert_non_null(in_c);
  kg_arena_adopt(fresh, c);
  assert_string_equal(in_c, "into an empty arena");
  kg_arena_free(fresh);
  kg_arena_free(a);
}

/* A paged arena: blocks of mapped pages, big requests a mapping of their
 * own, strings packed; everything readable until the arena is freed. */
static void test_arena_paged(void **state)
{
  (void)state;
  kg_arena *a = kg_arena_new_paged();
  assert_non_null(a);
  char *first = kg_arena_strndup(a, "first", 5);
  assert_non_null(first);
  char *strings[5000];
  for (int i = 0; i < 5000; ++i) { /* several 1 MiB blocks */
    char text[300];
    memset(text, 'a' + i % 26, sizeof text);
    assert_non_null(strings[i] = kg_arena_strndup(a, text, sizeof text));
  }
  size_t big_size = 3 * 1024 * 1024 + 5;
  char *big = kg_arena_alloc(a, big_size);
  assert_non_null(big);
  assert_int_equal((uintptr_t)big % sizeof(max_align_t), 0);
  memset(big, 'z', big_size);
  long *aligned = kg_arena_alloc(a, sizeof *aligned);
  assert_non_null(aligned);
  assert_int_equal((uintptr_t)aligned % sizeof(max_align_t), 0);
  assert_string_equal(first, "first");
  for (int i = 0; i < 5000; ++i)
    assert_true(strings[i][0] == 'a' + i % 26 &&
                strings[i][299] == 'a' + i % 26 && strings[i][300] == '\0');
  assert_int_equal(big[big_size - 1], 'z');
  kg_arena_free(a);
}

/* A held sink quotes the source lines of files registered with it; once
 * adopted, the main sink quotes them too, line map included. */
static void test_diag_adopt_sources(void **state)
{
  (void)state;
  char *text = NULL;
  size_t size = 0;
  FILE *out = open_memstream(&text, &size);
  kg_diag *main_sink = kg_diag_new(out, KG_DIAG_TEXT, false);
  kg_diag *held = kg_diag_hold_new(main_sink);
  assert_non_null(held);
  static const char file[] = "first line\nsecond line\n";
  assert_int_equal(kg_diag_add_source(held, "h.yaml", file, sizeof file - 1),
                   KG_OK);
  kg_error(held, kg_diag_pos_at(held, "h.yaml", 14), "test", "held problem");
  assert_int_equal(kg_diag_adopt_sources(main_sink, held), KG_OK);
  kg_diag_release(main_sink, held);
  kg_error(main_sink, (kg_pos){"h.yaml", 1, 7}, "test", "later problem");
  fflush(out);
  const char *first = strstr(text, "h.yaml:2:4: error: held problem\n"
                                   "    2 | second line\n");
  const char *second = strstr(text, "h.yaml:1:7: error: later problem\n"
                                    "    1 | first line\n");
  if (!first || !second || second < first) {
    print_error("unexpected diagnostics:\n%s\n", text);
    fail();
  }
  assert_int_equal(kg_diag_errors(main_sink), 2);
  kg_diag_free(main_sink);
  fclose(out);
  free(text);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_arena_adopt),
      cmocka_unit_test(test_arena_paged),
      cmocka_unit_test(test_diag_adopt_sources),
      cmocka_unit_test(test_good_tree),
      cmocka_unit_test(test_duplicate_keys),
      cmocka_unit_test(test_refused_features),
      cmocka_unit_test(test_billion_laughs_is_refused_at_once),
      cmocka_unit_test(test_depth_limit),
      cmocka_unit_test(test_encoding_positions),
      cmocka_unit_test(test_escaped_nul_keeps_length),
      cmocka_unit_test(test_empty_file),
      cmocka_unit_test(test_syntax_error_context),
      cmocka_unit_test(test_line_map),
      cmocka_unit_test(test_quote),
      cmocka_unit_test(test_map_and_intern),
  };
  return cmocka_run_group_tests_name("load", tests, NULL, NULL);
}
