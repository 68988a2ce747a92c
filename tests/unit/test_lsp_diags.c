/* test_lsp_diags.c - the language server keeps check's diagnostics as the
 * sink's records (lsp_base.h), not as JSON text read back: every field
 * the JSON printer writes (place, severity, code, message, hint, note and
 * its place) is kept, copied so that it outlives the sink and the strings
 * it was handed, in the order the sink hands them over (sorted when it
 * collects); and nothing is folded. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "lsp_base.h"

/* Every field, from a diagnostic whose strings are gone once emitted. */
static void test_fields(void **state)
{
  (void)state;
  kg_lsp_sink sink;
  kg_lsp_diags got = {0};
  char file[] = "facts/a.yaml", other[] = "facts/b.yaml";
  char message[] = "unknown source 'sr-b'", hint[] = "did you mean 'src-b'?";
  char note[] = "first defined here";
  assert_int_equal(kg_lsp_sink_open(&sink), KG_OK);
  kg_diag_emit(sink.diag, &(kg_diagnostic){.severity = KG_SEV_WARNING,
                                           .pos = {file, 12, 15},
                                           .code = "unknown-reference",
                                           .message = message,
                                           .hint = hint,
                                           .note_pos = {other, 3, 7},
                                           .note = note});
  kg_error(sink.diag, (kg_pos){0}, "unchecked", "%d references unchecked", 4);
  memset(file, 'x', sizeof file - 1); /* the record keeps its copies */
  memset(message, 'x', sizeof message - 1);
  memset(hint, 'x', sizeof hint - 1);
  memset(note, 'x', sizeof note - 1);
  memset(other, 'x', sizeof other - 1);
  assert_int_equal(kg_lsp_sink_close(&sink, &got), KG_OK);
  assert_int_equal(got.count, 2);
  const kg_lsp_diag *d = &got.items[0];
  assert_string_equal(d->file, "facts/a.yaml");
  assert_int_equal(d->line, 12);
  assert_int_equal(d->column, 15);
  assert_int_equal(d->severity, KG_SEV_WARNING);
  assert_string_equal(d->code, "unknown-reference");
  assert_string_equal(d->message, "unknown source 'sr-b'");
  assert_string_equal(d->hint, "did you mean 'src-b'?");
  assert_string_equal(d->note, "first defined here");
  assert_string_equal(d->note_file, "facts/b.yaml");
  assert_int_equal(d->note_line, 3);
  assert_int_equal(d->note_column, 7);
  d = &got.items[1]; /* no place, no hint, no note */
  assert_null(d->file);
  assert_int_equal(d->line, 0);
  assert_int_equal(d->column, 0);
  assert_int_equal(d->severity, KG_SEV_ERROR);
  assert_string_equal(d->message, "4 references unchecked");
  assert_null(d->hint);
  assert_null(d->note);
  assert_null(d->note_file);
  kg_lsp_diags_free(&got);
  kg_lsp_diags_free(&got); /* emptied: freed twice is fine */
  kg_lsp_diags_free(NULL);
}

/* Collected, they come sorted by file, line and column; eleven of one
 * code are all kept (check on a terminal shows ten). */
static void test_sorted_unfolded(void **state)
{
  (void)state;
  kg_lsp_sink sink;
  kg_lsp_diags got = {0};
  assert_int_equal(kg_lsp_sink_open(&sink), KG_OK);
  kg_diag_collect(sink.diag);
  for (uint32_t i = 11; i >= 1; --i)
    kg_error(sink.diag, (kg_pos){"facts/z.yaml", i, 1}, "bad-date", "bad %u",
             (unsigned)i);
  kg_error(sink.diag, (kg_pos){"facts/a.yaml", 9, 2}, "bad-date", "first");
  assert_int_equal(kg_lsp_sink_close(&sink, &got), KG_OK);
  assert_int_equal(got.count, 12);
  assert_string_equal(got.items[0].file, "facts/a.yaml");
  for (size_t i = 1; i < got.count; ++i) {
    assert_string_equal(got.items[i].file, "facts/z.yaml");
    assert_int_equal(got.items[i].line, i);
  }
  kg_lsp_diags_free(&got);
}

/* A list moved to another replaces what that held. */
static void test_move(void **state)
{
  (void)state;
  kg_lsp_diags a = {0}, b = {0};
  kg_lsp_diag d = {.file = "f", .code = "c", .message = "m", .line = 1};
  assert_int_equal(kg_lsp_diags_add(&a, &d), KG_OK);
  assert_int_equal(kg_lsp_diags_add(&b, &d), KG_OK);
  assert_int_equal(kg_lsp_diags_add(&b, &d), KG_OK);
  kg_lsp_diags_move(&a, &b);
  assert_int_equal(a.count, 2);
  assert_int_equal(b.count, 0);
  assert_null(b.items);
  kg_lsp_diags_free(&a);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_fields),
      cmocka_unit_test(test_sorted_unfolded),
      cmocka_unit_test(test_move),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
