/* test_diag.c - the diagnostics sink (diag.h): a collecting sink prints in
 * the order of file, line and column whatever order the stages found
 * things in (no file first, a line-less one after its file's lines, ties
 * in the order they came); repeats of a code are folded after
 * KG_DIAG_SHOWN_PER_CODE but counted; kg_diag_only filters both printing
 * and counting; positions count characters; quoting shows controls and
 * cuts long text.  The --diagnostics=json lines are read back with
 * jansson, as an editor would.  The sink hands each diagnostic to a
 * client callback (with its excerpt); the text and JSON printers are two
 * such clients. */
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

/* ---- the sink as a callback (diag.h's clients) --------------------------- */

/* A client that keeps what it is handed: the messages in order, the last
 * excerpt, the counts of the summary. */
typedef struct {
  char messages[16][64];
  bool had_excerpt[16];
  size_t count;
  kg_excerpt excerpt; /* of the last one, copied below */
  char excerpt_text[128];
  size_t summaries, errors, warnings;
} kept;

static void keep_report(void *handle, const kg_diagnostic *d)
{
  kept *k = handle;
  assert_true(k->count < 16);
  snprintf(k->messages[k->count++], sizeof k->messages[0], "%s", d->message);
  k->had_excerpt[k->count - 1] = d->excerpt.text != NULL;
  k->excerpt = d->excerpt;
  k->excerpt_text[0] = '\0';
  if (d->excerpt.text) {
    assert_true(d->excerpt.len < sizeof k->excerpt_text);
    memcpy(k->excerpt_text, d->excerpt.text, d->excerpt.len);
    k->excerpt_text[d->excerpt.len] = '\0';
  }
}

static void keep_summary(void *handle, size_t errors, size_t warnings)
{
  kept *k = handle;
  k->summaries++;
  k->errors = errors;
  k->warnings = warnings;
}

static kg_diag *client_sink(kept *k, bool excerpts)
{
  memset(k, 0, sizeof *k);
  kg_diag *diag = kg_diag_new_client(
      (kg_diag_client){keep_report, keep_summary, k, excerpts});
  assert_non_null(diag);
  return diag;
}

/* Reported as they come, with the source line and the caret's offset in
 * it; collected, sorted at the flush; the summary gets the counts. */
static void test_client_gets_diagnostics(void **state)
{
  (void)state;
  kept k;
  kg_diag *diag = client_sink(&k, true);
  static const char text[] = "a: 1\nkey: v\xc3\xa9lue\n";
  assert_int_equal(kg_diag_add_source(diag, "f.yaml", text, strlen(text)),
                   KG_OK);
  error_at(diag, "f.yaml", 2, 8, "now");
  assert_int_equal(k.count, 1);
  assert_string_equal(k.messages[0], "now");
  assert_string_equal(k.excerpt_text, "key: v\xc3\xa9lue");
  assert_int_equal(k.excerpt.line, 2);
  assert_int_equal(k.excerpt.caret, 8); /* 'l': after the two bytes of é */
  assert_false(k.excerpt.cut_before || k.excerpt.cut_after);
  kg_diag_collect(diag);
  error_at(diag, "f.yaml", 2, 1, "second");
  kg_warning(diag, (kg_pos){"f.yaml", 1, 1}, "w", "first");
  assert_int_equal(k.count, 1); /* held until the flush */
  kg_diag_summary(diag);
  assert_int_equal(k.count, 3);
  assert_string_equal(k.messages[1], "first");
  assert_string_equal(k.messages[2], "second");
  assert_int_equal(k.summaries, 1);
  assert_int_equal(k.errors, 2);
  assert_int_equal(k.warnings, 1);
  kg_diag_free(diag);
}

/* A client that reads no excerpts is handed none; a sink with no client
 * drops everything but still counts. */
static void test_client_without_excerpts(void **state)
{
  (void)state;
  kept k;
  kg_diag *diag = client_sink(&k, false);
  static const char text[] = "a: 1\n";
  assert_int_equal(kg_diag_add_source(diag, "f.yaml", text, strlen(text)),
                   KG_OK);
  error_at(diag, "f.yaml", 1, 1, "bare");
  assert_int_equal(k.count, 1);
  assert_null(k.excerpt.text);
  kg_diag_free(diag);
  kg_diag *none = kg_diag_new_client((kg_diag_client){0});
  assert_non_null(none);
  error_at(none, "f.yaml", 1, 1, "dropped");
  kg_diag_summary(none);
  assert_int_equal(kg_diag_errors(none), 1);
  kg_diag_free(none);
}

/* Collected diagnostics keep their excerpts when the texts go (the driver
 * frees its arena before the last flush); after kg_diag_forget_sources a
 * new one has none, and nothing reads the freed text (ASan). */
static void test_collected_outlive_sources(void **state)
{
  (void)state;
  kept k;
  kg_diag *diag = client_sink(&k, true);
  char *text = strdup("x: [1\n");
  assert_non_null(text);
  assert_int_equal(kg_diag_add_source(diag, "f.yaml", text, strlen(text)),
                   KG_OK);
  kg_diag_collect(diag);
  error_at(diag, "f.yaml", 1, 4, "kept");
  kg_diag_forget_sources(diag);
  memset(text, 'z', strlen(text));
  free(text);
  error_at(diag, "f.yaml", 1, 1, "after");
  kg_diag_flush(diag);
  assert_int_equal(k.count, 2);
  assert_string_equal(k.messages[0], "after"); /* column 1 before 4 */
  assert_false(k.had_excerpt[0]);
  assert_string_equal(k.messages[1], "kept");
  assert_string_equal(k.excerpt_text, "x: [1"); /* copied when it came */
  assert_int_equal(k.excerpt.caret, 3);
  kg_diag_free(diag);
}

/* Held sinks report through the client of the sink they are released
 * into; a second release of the same diagnostics is dropped, uncounted. */
static void test_held_released_once(void **state)
{
  (void)state;
  kept k;
  kg_diag *diag = client_sink(&k, true);
  for (int i = 0; i < 2; ++i) {
    kg_diag *held = kg_diag_hold_new(diag);
    assert_non_null(held);
    kg_error(held, (kg_pos){"exports", 0, 0}, "io", "cannot write: %s",
             "denied");
    assert_int_equal(k.count, (size_t)i); /* the first was reported */
    kg_diag_release(diag, held);
  }
  kg_diag *other = kg_diag_hold_new(diag);
  assert_non_null(other);
  error_at(other, "exports", 0, 0, "another");
  kg_diag_release(diag, other);
  assert_int_equal(k.count, 2);
  assert_string_equal(k.messages[0], "cannot write: denied");
  assert_string_equal(k.messages[1], "another");
  assert_int_equal(kg_diag_errors(diag), 2);
  kg_diag_free(diag);
}

/* Reads what a printer wrote to a memory stream. */
static char *printed(kg_diag_format format, bool color, void (*emit)(kg_diag *))
{
  char *text = NULL;
  size_t len = 0;
  FILE *out = open_memstream(&text, &len);
  assert_non_null(out);
  kg_diag *diag = kg_diag_new(out, format, color);
  assert_non_null(diag);
  emit(diag);
  kg_diag_summary(diag);
  kg_diag_free(diag);
  fclose(out);
  return text;
}

static const char excerpt_text[] = "name: \"a\tb\"\n";

static void emit_with_excerpt(kg_diag *diag)
{
  assert_int_equal(
      kg_diag_add_source(diag, "f.yaml", excerpt_text, strlen(excerpt_text)),
      KG_OK);
  kg_diag_emit(diag, &(kg_diagnostic){.severity = KG_SEV_ERROR,
                                      .pos = {"f.yaml", 1, 11},
                                      .code = "bad",
                                      .message = "no tabs",
                                      .hint = "use a space"});
}

/* The text printer: gcc's form, the line with the tab shown as \x09 and
 * the caret under the closing quote (four columns for the \x09); the
 * summary line; colour only when asked for. */
static void test_text_printer(void **state)
{
  (void)state;
  char *text = printed(KG_DIAG_TEXT, false, emit_with_excerpt);
  assert_string_equal(text, "f.yaml:1:11: error: no tabs (use a space)\n"
                            "    1 | name: \"a\\x09b\"\n"
                            "      |              ^\n"
                            "1 error generated.\n");
  free(text);
  text = printed(KG_DIAG_TEXT, true, emit_with_excerpt);
  assert_non_null(strstr(text, "\033[1;31merror:\033[0m"));
  free(text);
}

/* The JSON printer: one object a line, read back with jansson, and no
 * summary line. */
static void test_json_printer(void **state)
{
  (void)state;
  char *text = printed(KG_DIAG_JSON, true, emit_with_excerpt);
  json_error_t err;
  json_t *v = json_loads(text, JSON_DISABLE_EOF_CHECK, &err);
  assert_non_null(v);
  assert_string_equal(str(v, "file"), "f.yaml");
  assert_int_equal(num(v, "column"), 11);
  assert_string_equal(str(v, "hint"), "use a space");
  assert_int_equal(strlen(text), err.position + 1);
  assert_int_equal(text[err.position], '\n');
  assert_null(strchr(text, '\033'));
  json_decref(v);
  free(text);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_collected_are_sorted),
      cmocka_unit_test(test_repeats_folded_but_counted),
      cmocka_unit_test(test_only_filters_and_counts),
      cmocka_unit_test(test_pos_counts_characters),
      cmocka_unit_test(test_quote_shows_and_cuts),
      cmocka_unit_test(test_client_gets_diagnostics),
      cmocka_unit_test(test_client_without_excerpts),
      cmocka_unit_test(test_collected_outlive_sources),
      cmocka_unit_test(test_held_released_once),
      cmocka_unit_test(test_text_printer),
      cmocka_unit_test(test_json_printer),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
