/* test_check.c - kg_check (check.h) at its public header: one case per
 * diagnostic code check.c emits, each from the path that emits it (a
 * reference, a source in the entry, a source of one value), with exactly
 * that one diagnostic at its place; and what a clean check leaves behind:
 * entities in id order, statements sorted, the implied statements added. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "pipeline.h"

#define SOURCES "sources:\n  - id: src-a\n    title: Source A\n"

/* Each case's pipeline is closed by teardown, even when the case fails. */
static int setup(void **state)
{
  *state = calloc(1, sizeof(pipeline));
  return *state ? 0 : -1;
}

static int teardown(void **state)
{
  pipeline_close(*state);
  free(*state);
  return 0;
}

/* Loads facts with the project's ontology and checks them; the loading
 * itself must succeed, so that the case is about check alone. */
static kg_status check_facts(pipeline *p, const char *facts)
{
  assert_int_equal(pipeline_open(p, KG_ONTOLOGY_DIR), KG_OK);
  kg_status st = pipeline_add(p, "t.yaml", facts);
  if (st != KG_OK)
    print_error("loading failed:\n%s\n", pipeline_diagnostics(p));
  assert_int_equal(st, KG_OK);
  return kg_check(&p->model, p->diag);
}

/* The check failed with exactly one diagnostic: `code` at line:col. */
static void expect_only(pipeline *p, kg_status st, const char *severity,
                        const char *code, unsigned line, unsigned col)
{
  assert_int_equal(st, strcmp(severity, "error") ? KG_OK : KG_ERR_FACTS);
  if (pipeline_lines(p) != 1 ||
      pipeline_count(p, "t.yaml", line, col, severity, code) != 1) {
    print_error("expected only %s %s at t.yaml:%u:%u, got:\n%s\n", severity,
                code, line, col, pipeline_diagnostics(p));
    fail();
  }
}

static void test_clean(void **state)
{
  pipeline *p = *state;
  kg_status st = check_facts(p, SOURCES "organisations:\n"
                                        "  - id: org-b\n"
                                        "    name: {en: B}\n"
                                        "    part-of: org-a\n"
                                        "    source: src-a\n"
                                        "  - id: org-a\n"
                                        "    name: {en: A}\n"
                                        "    source: src-a\n");
  assert_int_equal(st, KG_OK);
  assert_string_equal(pipeline_diagnostics(p), "");
  /* Entities in id order, numbered so. */
  const kg_vec *e = &p->model.entities;
  assert_int_equal(e->count, 3);
  for (size_t i = 0; i < e->count; ++i) {
    const kg_entity *x = e->items[i];
    assert_int_equal(x->index, i);
    if (i)
      assert_true(strcmp(((const kg_entity *)e->items[i - 1])->id, x->id) < 0);
  }
  /* Statements grouped by subject in entity order, each entity's run where
   * first_statement says; the reference resolved. */
  const kg_vec *s = &p->model.statements;
  size_t asserted_links = 0, derived = 0;
  for (size_t i = 0; i < s->count; ++i) {
    const kg_statement *x = s->items[i];
    assert_true(i >= x->subject->first_statement);
    assert_true(i < x->subject->first_statement + x->subject->statement_count);
    if (i)
      assert_true(((const kg_statement *)s->items[i - 1])->subject->index <=
                  x->subject->index);
    if (x->ref) {
      assert_non_null(x->object);
      assert_ptr_equal(x->object->id, x->ref);
      if (x->derived)
        ++derived;
      else
        ++asserted_links;
    }
  }
  assert_int_equal(asserted_links, 1);
  /* part-of's inverse (and super-properties) are written by check. */
  assert_true(derived >= 1);
}

static void test_unknown_reference(void **state)
{
  pipeline *p = *state;
  kg_status st = check_facts(p, SOURCES "organisations:\n"
                                        "  - id: org-a\n"
                                        "    name: {en: A}\n"
                                        "    part-of: org-ab\n"
                                        "    source: src-a\n");
  expect_only(p, st, "error", "unknown-reference", 7, 14);
  /* The nearest id of the right class is suggested. */
  assert_non_null(strstr(pipeline_diagnostics(p), "did you mean 'org-a'?"));
}

static void test_wrong_kind(void **state)
{
  pipeline *p = *state;
  kg_status st = check_facts(p, SOURCES "organisations:\n"
                                        "  - id: org-a\n"
                                        "    name: {en: A}\n"
                                        "    part-of: src-a\n"
                                        "    source: src-a\n");
  expect_only(p, st, "error", "wrong-kind", 7, 14);
  /* The note points at the definition. */
  assert_non_null(strstr(pipeline_diagnostics(p),
                         "\"note\":{\"file\":\"t.yaml\",\"line\":2,"));
}

/* The source of an entry: resolved through its provenance record. */
static void test_unknown_source(void **state)
{
  pipeline *p = *state;
  kg_status st = check_facts(p, SOURCES "organisations:\n"
                                        "  - id: org-a\n"
                                        "    name: {en: A}\n"
                                        "    source: src-b\n");
  expect_only(p, st, "error", "unknown-reference", 7, 13);
}

/* The source of one value (long form): a provenance record of its own. */
static void test_wrong_kind_value_source(void **state)
{
  pipeline *p = *state;
  kg_status st = check_facts(p, SOURCES "organisations:\n"
                                        "  - id: org-a\n"
                                        "    name: {en: A}\n"
                                        "    founded:\n"
                                        "      value: 2013\n"
                                        "      source: org-a\n"
                                        "    source: src-a\n");
  expect_only(p, st, "error", "wrong-kind", 9, 15);
}

static void test_repeated_value(void **state)
{
  pipeline *p = *state;
  kg_status st = check_facts(p, SOURCES "organisations:\n"
                                        "  - id: org-a\n"
                                        "    name: {en: A}\n"
                                        "    founded: [2010, 2010]\n"
                                        "    source: src-a\n");
  expect_only(p, st, "warning", "repeated-value", 7, 21);
}

static void test_functional(void **state)
{
  pipeline *p = *state;
  kg_status st = check_facts(p, SOURCES "organisations:\n"
                                        "  - id: org-a\n"
                                        "    name: {en: A}\n"
                                        "    founded: [2010, 2011]\n"
                                        "    source: src-a\n");
  expect_only(p, st, "error", "functional", 7, 21);
  assert_non_null(strstr(pipeline_diagnostics(p), "the other value"));
}

/* Two values of a functional key, the first (in statement order: 'dg'
 * before 'top') implied by an inverse, which the note says. */
static void test_functional_via_inverse(void **state)
{
  pipeline *p = *state;
  kg_status st = check_facts(p, SOURCES "ranks:\n"
                                        "  - id: director\n"
                                        "    name: {en: director}\n"
                                        "    next-above: top\n"
                                        "    source: src-a\n"
                                        "  - id: top\n"
                                        "    name: {en: top}\n"
                                        "    source: src-a\n"
                                        "  - id: dg\n"
                                        "    name: {en: dg}\n"
                                        "    next-below: director\n"
                                        "    source: src-a\n");
  assert_int_equal(st, KG_ERR_FACTS);
  assert_int_equal(pipeline_lines(p), 1);
  assert_int_equal(pipeline_count(p, "t.yaml", 0, 0, "error", "functional"), 1);
  assert_non_null(strstr(pipeline_diagnostics(p), "implied by"));
}

/* Two sources, two sources' worth of facts (issue 14). */
#define TWO_SOURCES SOURCES "  - id: src-b\n    title: Source B\n"

/* Values of a one-valued key from different sources that disagree: a
 * warning at the second, naming each value and its sources; both are
 * best-ranked until ranked. */
static void test_sources_disagree(void **state)
{
  pipeline *p = *state;
  kg_status st =
      check_facts(p, TWO_SOURCES "organisations:\n"
                                 "  - id: org-a\n"
                                 "    name: {en: A}\n"
                                 "    founded:\n"
                                 "      - {value: 2013-06, source: src-a}\n"
                                 "      - {value: 2014, source: src-b}\n"
                                 "    source: src-a\n");
  expect_only(p, st, "warning", "sources-disagree", 11, 17);
  assert_non_null(strstr(pipeline_diagnostics(p),
                         "sources disagree on 'founded' of org-a: 2013-06 "
                         "[src-a] vs 2014 [src-b]"));
  assert_int_equal(p->model.outranked.count, 0);
}

/* Ranked: the preferred value is the only best-ranked one (the other is
 * kept apart, in outranked); the same value from two sources is one
 * statement with both; a coarser date that a finer one refines is no
 * disagreement, and outranked by it. */
static void test_ranked(void **state)
{
  pipeline *p = *state;
  kg_status st =
      check_facts(p, TWO_SOURCES
                  "organisations:\n"
                  "  - id: org-a\n"
                  "    name: {en: A}\n"
                  "    founded:\n"
                  "      - {value: 2013-06, source: src-a, rank: preferred}\n"
                  "      - {value: 2014, source: src-b}\n"
                  "    source: src-a\n"
                  "  - id: org-b\n"
                  "    name: {en: B}\n"
                  "    founded:\n"
                  "      - {value: 2013, source: src-b}\n"
                  "      - {value: 2013-06-15, source: src-a}\n"
                  "      - {value: 2013-06-15, source: src-b}\n"
                  "    source: src-a\n");
  assert_int_equal(st, KG_OK);
  assert_string_equal(pipeline_diagnostics(p), "");
  const kg_model *m = &p->model;
  assert_int_equal(m->outranked.count, 2);
  size_t founded = 0;
  for (size_t i = 0; i < m->statements.count; ++i) {
    const kg_statement *s = m->statements.items[i];
    if (!s->prop->key || strcmp(s->prop->key, "founded"))
      continue;
    ++founded;
    if (!strcmp(s->subject->id, "org-a")) {
      assert_string_equal(s->lexical, "2013-06");
      assert_int_equal(s->rank, KG_RANK_PREFERRED);
    } else {
      assert_string_equal(s->lexical, "2013-06-15");
      assert_non_null(s->extra);
      assert_int_equal(s->extra->also_count, 1); /* src-a and src-b */
    }
  }
  assert_int_equal(founded, 2);
  for (size_t i = 0; i < m->outranked.count; ++i) {
    const kg_statement *s = m->outranked.items[i];
    assert_true(!strcmp(s->lexical, "2014") || !strcmp(s->lexical, "2013"));
  }
}

/* One value ranked two ways by two sources. */
static void test_rank_conflict(void **state)
{
  pipeline *p = *state;
  kg_status st = check_facts(
      p, TWO_SOURCES "organisations:\n"
                     "  - id: org-a\n"
                     "    name: {en: A}\n"
                     "    founded:\n"
                     "      - {value: 2013, source: src-a, rank: preferred}\n"
                     "      - {value: 2013, source: src-b}\n"
                     "    source: src-a\n");
  assert_int_equal(st, KG_ERR_FACTS);
  assert_int_equal(pipeline_lines(p), 1);
  assert_int_equal(pipeline_count(p, "t.yaml", 0, 0, "error", "rank-conflict"),
                   1);
}

/* Statement identity (issue 19): one value in two spells is two
 * statements, with no warning, even on a one-valued key; the same value
 * and qualifiers from two sources is one statement with both references
 * and both notes. */
static void test_spells_are_statements(void **state)
{
  pipeline *p = *state;
  kg_status st = check_facts(
      p, TWO_SOURCES "organisations:\n"
                     "  - id: org-a\n"
                     "    name: {en: A}\n"
                     "    founded:\n"
                     "      - {value: 2013, source: src-a, as-of: 2020}\n"
                     "      - {value: 2013, source: src-b, as-of: 2021}\n"
                     "    short-name:\n"
                     "      - {value: {en: OA}, source: src-a, note: n1}\n"
                     "      - {value: {en: OA}, source: src-b, note: n2}\n"
                     "    source: src-a\n");
  assert_int_equal(st, KG_OK);
  if (pipeline_lines(p) != 0) {
    print_error("expected no diagnostic, got:\n%s\n", pipeline_diagnostics(p));
    fail();
  }
  size_t founded = 0, short_name = 0;
  for (size_t i = 0; i < p->model.statements.count; ++i) {
    const kg_statement *s = p->model.statements.items[i];
    if (s->derived || !s->prop->key)
      continue;
    if (!strcmp(s->prop->key, "founded")) {
      founded++;
      assert_int_equal(kg_statement_ref_count(s), 1);
    } else if (!strcmp(s->prop->key, "short-name")) {
      short_name++;
      assert_int_equal(kg_statement_ref_count(s), 2);
      assert_non_null(s->extra);
      assert_int_equal(s->extra->qualifier_count, 2); /* both notes */
      assert_int_equal(s->extra->said_count, 0);
    }
  }
  assert_int_equal(founded, 2);
  assert_int_equal(short_name, 1);
}

/* One source ranking one statement twice: an error, whichever comes
 * first, not the first rank silently. */
static void test_rank_conflict_one_source(void **state)
{
  pipeline *p = *state;
  kg_status st = check_facts(
      p, SOURCES "organisations:\n"
                 "  - id: org-a\n"
                 "    name: {en: A}\n"
                 "    founded:\n"
                 "      - {value: 2013, rank: deprecated, reason: r}\n"
                 "      - {value: 2013, rank: preferred}\n"
                 "    source: src-a\n");
  assert_int_equal(st, KG_ERR_FACTS);
  assert_int_equal(pipeline_count(p, "t.yaml", 0, 0, "error", "rank-conflict"),
                   1);
}

/* The statements of key `key` asserted (not derived), best-ranked or not. */
static size_t asserted(const kg_model *m, const char *key,
                       const kg_statement **out, size_t max)
{
  size_t n = 0;
  const kg_vec *vecs[] = {&m->statements, &m->outranked};
  for (size_t v = 0; v < 2; ++v)
    for (size_t i = 0; i < vecs[v]->count; ++i) {
      const kg_statement *s = vecs[v]->items[i];
      if (s->derived || !s->prop->key || strcmp(s->prop->key, key))
        continue;
      if (n < max)
        out[n] = s;
      n++;
    }
  return n;
}

/* Deprecated spells are statements too: two spells of one value, each
 * deprecated with its reason, stay two statements with their qualifiers
 * sorted and counted, and each keeps its reason. */
static void test_deprecated_spells(void **state)
{
  pipeline *p = *state;
  kg_status st = check_facts(
      p, SOURCES "people:\n"
                 "  - id: p3\n"
                 "    name: {en: P}\n"
                 "    member-of:\n"
                 "      - {value: org-x, rank: deprecated, reason: r1,\n"
                 "         end: 2012, start: 2010}\n"
                 "      - {value: org-x, rank: deprecated, reason: r2,\n"
                 "         end: 2019, start: 2018}\n"
                 "    source: src-a\n"
                 "organisations:\n"
                 "  - id: org-x\n"
                 "    name: {en: X}\n"
                 "    source: src-a\n");
  assert_int_equal(st, KG_OK);
  const kg_statement *s[4];
  assert_int_equal(asserted(&p->model, "member-of", s, 4), 2);
  bool r1 = false, r2 = false;
  for (size_t i = 0; i < 2; ++i) {
    assert_non_null(s[i]->extra);
    assert_int_equal(s[i]->extra->qualifier_count, 2);
    assert_int_equal(s[i]->extra->said_count, 2);
    assert_non_null(s[i]->extra->reason);
    r1 |= !strcmp(s[i]->extra->reason, "r1");
    r2 |= !strcmp(s[i]->extra->reason, "r2");
  }
  assert_true(r1 && r2);
}

/* Two sources deprecating one statement, each for its own reason: one
 * statement with both references, and both reasons kept. */
static void test_deprecated_two_reasons(void **state)
{
  pipeline *p = *state;
  kg_status st = check_facts(
      p, TWO_SOURCES "organisations:\n"
                     "  - id: org-a\n"
                     "    name: {en: A}\n"
                     "    founded:\n"
                     "      - {value: 2013, source: src-b, rank: deprecated,\n"
                     "         reason: rb}\n"
                     "      - {value: 2013, source: src-a, rank: deprecated,\n"
                     "         reason: ra}\n"
                     "    source: src-a\n");
  assert_int_equal(st, KG_OK);
  const kg_statement *s[4];
  assert_int_equal(asserted(&p->model, "founded", s, 4), 1);
  const kg_statement *dep = s[0];
  assert_int_equal(dep->rank, KG_RANK_DEPRECATED);
  assert_int_equal(kg_statement_ref_count(dep), 2);
  assert_non_null(dep->extra);
  assert_non_null(dep->extra->reason);
  assert_int_equal(strlen(dep->extra->reason), dep->extra->reason_len);
  assert_non_null(strstr(dep->extra->reason, "ra"));
  assert_non_null(strstr(dep->extra->reason, "rb"));
}

/* Three sources, two of them for one reason: each reason once. */
static void test_deprecated_reasons_once(void **state)
{
  pipeline *p = *state;
  kg_status st = check_facts(
      p, TWO_SOURCES "  - id: src-c\n    title: Source C\n"
                     "organisations:\n"
                     "  - id: org-a\n"
                     "    name: {en: A}\n"
                     "    founded:\n"
                     "      - {value: 2013, source: src-a, rank: deprecated,\n"
                     "         reason: same}\n"
                     "      - {value: 2013, source: src-b, rank: deprecated,\n"
                     "         reason: other}\n"
                     "      - {value: 2013, source: src-c, rank: deprecated,\n"
                     "         reason: same}\n"
                     "    source: src-a\n");
  assert_int_equal(st, KG_OK);
  const kg_statement *s[4];
  assert_int_equal(asserted(&p->model, "founded", s, 4), 1);
  assert_int_equal(kg_statement_ref_count(s[0]), 3);
  assert_non_null(s[0]->extra);
  assert_string_equal(s[0]->extra->reason, "same; other");
}

/* A qualifier's end before its start, on the statement it qualifies. */
static void test_qualifier_end_before_start(void **state)
{
  pipeline *p = *state;
  kg_status st = check_facts(p, SOURCES "organisations:\n"
                                        "  - id: org-a\n"
                                        "    name: {en: A}\n"
                                        "    source: src-a\n"
                                        "people:\n"
                                        "  - id: p\n"
                                        "    name: {en: P}\n"
                                        "    head-of:\n"
                                        "      value: org-a\n"
                                        "      start: 2019-06\n"
                                        "      end: 2019-05\n"
                                        "    source: src-a\n");
  expect_only(p, st, "error", "end-before-start", 14, 12);
}

static void test_end_before_start(void **state)
{
  pipeline *p = *state;
  kg_status st = check_facts(p, SOURCES "people:\n"
                                        "  - id: wang-lei\n"
                                        "    name: {en: Wang Lei}\n"
                                        "    source: src-a\n"
                                        "posts:\n"
                                        "  - id: coordinator\n"
                                        "    name: {en: Coordinator}\n"
                                        "    source: src-a\n"
                                        "appointments:\n"
                                        "  - id: wang-lei-coordinator\n"
                                        "    holder: wang-lei\n"
                                        "    post: coordinator\n"
                                        "    start: 2013-06\n"
                                        "    end: 2013-05-31\n"
                                        "    source: src-a\n");
  expect_only(p, st, "error", "end-before-start", 17, 10);
}

static void test_missing_key(void **state)
{
  pipeline *p = *state;
  kg_status st = check_facts(p, SOURCES "people:\n"
                                        "  - id: wang-lei\n"
                                        "    source: src-a\n");
  expect_only(p, st, "error", "missing-key", 5, 9);
  assert_non_null(strstr(pipeline_diagnostics(p), "needs 'name'"));
}

static void test_cycle(void **state)
{
  pipeline *p = *state;
  kg_status st = check_facts(p, SOURCES "people:\n"
                                        "  - id: p-a\n"
                                        "    name: {en: A}\n"
                                        "    reports-to: p-b\n"
                                        "    source: src-a\n"
                                        "  - id: p-b\n"
                                        "    name: {en: B}\n"
                                        "    reports-to: p-c\n"
                                        "    source: src-a\n"
                                        "  - id: p-c\n"
                                        "    name: {en: C}\n"
                                        "    reports-to: p-a\n"
                                        "    source: src-a\n");
  expect_only(p, st, "error", "cycle", 15, 17);
  assert_non_null(strstr(pipeline_diagnostics(p), "p-a -> p-b -> p-c -> p-a"));
}

/* A self-loop is a cycle too. */
static void test_cycle_self_loop(void **state)
{
  pipeline *p = *state;
  kg_status st = check_facts(p, SOURCES "organisations:\n"
                                        "  - id: org-a\n"
                                        "    name: {en: A}\n"
                                        "    part-of: org-a\n"
                                        "    source: src-a\n");
  expect_only(p, st, "error", "cycle", 7, 14);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test_setup_teardown(test_clean, setup, teardown),
      cmocka_unit_test_setup_teardown(test_unknown_reference, setup, teardown),
      cmocka_unit_test_setup_teardown(test_wrong_kind, setup, teardown),
      cmocka_unit_test_setup_teardown(test_unknown_source, setup, teardown),
      cmocka_unit_test_setup_teardown(test_wrong_kind_value_source, setup,
                                      teardown),
      cmocka_unit_test_setup_teardown(test_repeated_value, setup, teardown),
      cmocka_unit_test_setup_teardown(test_functional, setup, teardown),
      cmocka_unit_test_setup_teardown(test_functional_via_inverse, setup,
                                      teardown),
      cmocka_unit_test_setup_teardown(test_end_before_start, setup, teardown),
      cmocka_unit_test_setup_teardown(test_sources_disagree, setup, teardown),
      cmocka_unit_test_setup_teardown(test_ranked, setup, teardown),
      cmocka_unit_test_setup_teardown(test_rank_conflict, setup, teardown),
      cmocka_unit_test_setup_teardown(test_spells_are_statements, setup,
                                      teardown),
      cmocka_unit_test_setup_teardown(test_rank_conflict_one_source, setup,
                                      teardown),
      cmocka_unit_test_setup_teardown(test_qualifier_end_before_start, setup,
                                      teardown),
      cmocka_unit_test_setup_teardown(test_deprecated_spells, setup, teardown),
      cmocka_unit_test_setup_teardown(test_deprecated_two_reasons, setup,
                                      teardown),
      cmocka_unit_test_setup_teardown(test_deprecated_reasons_once, setup,
                                      teardown),
      cmocka_unit_test_setup_teardown(test_missing_key, setup, teardown),
      cmocka_unit_test_setup_teardown(test_cycle, setup, teardown),
      cmocka_unit_test_setup_teardown(test_cycle_self_loop, setup, teardown),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
