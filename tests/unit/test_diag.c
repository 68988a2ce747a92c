/* test_diag.c - the diagnostics sink (diag.h): a collecting sink prints in
 * the order of file, line and column whatever order the stages found
 * things in (no file first, a line-less one after its file's lines, ties
 * in the order they came); repeats of a code are folded after
 * KG_DIAG_SHOWN_PER_CODE but counted; kg_diag_only filters both printing
 * and counting; positions count characters; quoting shows controls and
 * cuts long text.  The --diagnostics=json lines are read back with
 * jansson, as an editor would. */
#define _GNU_SOURCE /* open_memstream */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <jansson.h>

#include "diag.h"

typedef struct {
  FILE *out;
  char *text;
  size_t len;
  kg_diag *diag;
} sink;

static void open_sink(sink *s)
{
  memset(s, 0, sizeof *s);
  s->out = open_memstream(&s->text, &s->len);
  assert_non_null(s->out);
  s->diag = kg_diag_new(s->out, KG_DIAG_JSON, false);
  assert_non_null(s->diag);
}

/* Frees the sink (which flushes it) and returns its output as JSON values,
 * one per line, in an array the caller decrefs. */
static json_t *close_sink(sink *s)
{
  kg_diag_free(s->diag);
  fclose(s->out);
  json_t *all = json_array();
  char *save = NULL;
  for (char *line = strtok_r(s->text, "\n", &save); line;
       line = strtok_r(NULL, "\n", &save)) {
    json_error_t err;
    json_t *v = json_loads(line, 0, &err);
    if (!v)
      fail_msg("not JSON: %s (%s)", line, err.text);
    json_array_append_new(all, v);
  }
  free(s->text);
  return all;
}

static const char *str(json_t *v, const char *key)
{
  json_t *s = json_object_get(v, key);
  return json_is_string(s) ? json_string_value(s) : "";
}

static long long num(json_t *v, const char *key)
{
  return json_integer_value(json_object_get(v, key));
}

static void error_at(kg_diag *diag, const char *file, uint32_t line,
                     uint32_t col, const char *message)
{
  kg_error(diag, (kg_pos){file, line, col}, "test-code", "%s", message);
}

static void test_collected_are_sorted(void **state)
{
  (void)state;
  sink s;
  open_sink(&s);
  kg_diag_collect(s.diag);
  error_at(s.diag, "b.yaml", 3, 1, "b3");
  error_at(s.diag, "a.yaml", 10, 2, "a10");
  error_at(s.diag, "a.yaml", 0, 0, "a-whole"); /* no line: after a's lines */
  error_at(s.diag, "a.yaml", 2, 5, "a2-first");
  error_at(s.diag, NULL, 0, 0, "no-file");
  error_at(s.diag, "a.yaml", 2, 5, "a2-second"); /* a tie: as it came */
  error_at(s.diag, "a.yaml", 2, 1, "a2-col1");
  assert_int_equal(kg_diag_errors(s.diag), 7);
  json_t *all = close_sink(&s);
  static const char *const order[] = {
      "no-file", "a2-col1", "a2-first", "a2-second", "a10", "a-whole", "b3"};
  assert_int_equal(json_array_size(all), 7);
  for (size_t i = 0; i < 7; ++i) {
    json_t *d = json_array_get(all, i);
    assert_string_equal(str(d, "message"), order[i]);
    assert_string_equal(str(d, "severity"), "error");
    assert_string_equal(str(d, "code"), "test-code");
  }
  assert_int_equal(num(json_array_get(all, 4), "line"), 10);
  assert_int_equal(num(json_array_get(all, 4), "column"), 2);
  json_decref(all);
}

/* Past KG_DIAG_SHOWN_PER_CODE of one code, diagnostics are counted, not
 * printed, and one note says how many; another code is not affected. */
static void test_repeats_folded_but_counted(void **state)
{
  (void)state;
  sink s;
  open_sink(&s);
  kg_diag_collect(s.diag);
  enum { N = KG_DIAG_SHOWN_PER_CODE + 15 };
  for (uint32_t i = 1; i <= N; ++i)
    error_at(s.diag, "a.yaml", i, 1, "again");
  kg_warning(s.diag, (kg_pos){"a.yaml", 1, 1}, "other-code", "once");
  assert_int_equal(kg_diag_errors(s.diag), N);
  json_t *all = close_sink(&s);
  size_t again = 0, other = 0, notes = 0;
  for (size_t i = 0; i < json_array_size(all); ++i) {
    json_t *d = json_array_get(all, i);
    if (!strcmp(str(d, "message"), "again"))
      ++again;
    else if (!strcmp(str(d, "code"), "other-code"))
      ++other;
    else if (strstr(str(d, "message"), "15 more"))
      ++notes;
  }
  assert_int_equal(again, KG_DIAG_SHOWN_PER_CODE);
  assert_int_equal(other, 1);
  assert_int_equal(notes, 1);
  json_decref(all);
}

/* kg_diag_only: the other files' diagnostics are neither printed nor
 * counted; those of no file are. */
static void test_only_filters_and_counts(void **state)
{
  (void)state;
  sink s;
  open_sink(&s);
  static const char *const only[] = {"b.yaml"};
  kg_diag_only(s.diag, only, 1);
  error_at(s.diag, "a.yaml", 1, 1, "a");
  error_at(s.diag, "b.yaml", 1, 1, "b");
  error_at(s.diag, NULL, 0, 0, "none");
  assert_int_equal(kg_diag_errors(s.diag), 2);
  json_t *all = close_sink(&s);
  assert_int_equal(json_array_size(all), 2);
  for (size_t i = 0; i < json_array_size(all); ++i)
    assert_string_not_equal(str(json_array_get(all, i), "message"), "a");
  json_decref(all);
}

/* Columns count characters (libyaml's marks do), not bytes. */
static void test_pos_counts_characters(void **state)
{
  (void)state;
  sink s;
  open_sink(&s);
  static const char text[] = "ab\nc\xc3\xa9\xf0\x9f\x99\x82z\nx";
  assert_int_equal(kg_diag_add_source(s.diag, "f.yaml", text, strlen(text)),
                   KG_OK);
  static const struct {
    size_t offset;
    uint32_t line, col;
  } at[] = {{0, 1, 1}, {2, 1, 3},  {3, 2, 1}, {4, 2, 2},
            {6, 2, 3}, {10, 2, 4}, {12, 3, 1}};
  for (size_t i = 0; i < sizeof at / sizeof *at; ++i) {
    kg_pos p = kg_diag_pos_at(s.diag, "f.yaml", at[i].offset);
    assert_string_equal(p.file, "f.yaml");
    assert_int_equal(p.line, at[i].line);
    assert_int_equal(p.col, at[i].col);
  }
  json_decref(close_sink(&s));
}

static void test_quote_shows_and_cuts(void **state)
{
  (void)state;
  char buf[32];
  assert_string_equal(kg_diag_quote("plain", 5, buf, sizeof buf), "plain");
  assert_string_equal(kg_diag_quote("a\tb\x01", 4, buf, sizeof buf),
                      "a\\x09b\\x01");
  assert_string_equal(kg_diag_quote("a\0b", 3, buf, sizeof buf), "a\\x00b");
  assert_string_equal(kg_diag_quote("\xff", 1, buf, sizeof buf), "\\xFF");
  assert_string_equal(kg_diag_quote("\xc3\xa9", 2, buf, sizeof buf),
                      "\xc3\xa9");
  char longer[100];
  memset(longer, 'x', sizeof longer);
  const char *q = kg_diag_quote(longer, sizeof longer, buf, sizeof buf);
  assert_true(strlen(q) < sizeof buf);
  assert_true(strlen(q) > 3);
  assert_string_equal(q + strlen(q) - 3, "...");
  /* A character is never cut in two: four-byte ones up to the end. */
  char emoji[40 * 4 + 1] = "";
  for (int i = 0; i < 40; ++i)
    strcat(emoji, "\xf0\x9f\x99\x82");
  q = kg_diag_quote(emoji, strlen(emoji), buf, sizeof buf);
  size_t body = strlen(q) - 3;
  assert_int_equal(body % 4, 0);
  assert_string_equal(q + body, "...");
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_collected_are_sorted),
      cmocka_unit_test(test_repeats_folded_but_counted),
      cmocka_unit_test(test_only_filters_and_counts),
      cmocka_unit_test(test_pos_counts_characters),
      cmocka_unit_test(test_quote_shows_and_cuts),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
