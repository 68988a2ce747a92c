/* test_model.c - the fact model (model.h) at its public header: what
 * kg_model_add_file makes of a fact file (entities in file order, their
 * classes and positions, statements with canonical literals, interned
 * references, provenance), a diagnostic per kind of mistake it catches
 * (each with the file going on, so that one run reports everything), and
 * kg_statement_compare's order. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "pipeline.h"

#define SOURCES "sources:\n  - id: src-a\n    title: Source A\n"

static int setup(void **state)
{
  pipeline *p = calloc(1, sizeof *p);
  *state = p;
  if (!p || pipeline_open(p, KG_ONTOLOGY_DIR) != KG_OK)
    return -1;
  return 0;
}

static int teardown(void **state)
{
  pipeline_close(*state);
  free(*state);
  return 0;
}

/* The statement of subject's key, the n-th of them in file order. */
static const kg_statement *find(const kg_model *m, const char *subject,
                                const char *key, size_t n)
{
  for (size_t i = 0; i < m->statements.count; ++i) {
    const kg_statement *s = m->statements.items[i];
    if (!strcmp(s->subject->id, subject) && s->prop->key &&
        !strcmp(s->prop->key, key) && n-- == 0)
      return s;
  }
  fail_msg("no statement '%s' of '%s'", key, subject);
  return NULL;
}

static void test_entities_and_statements(void **state)
{
  pipeline *p = *state;
  static const char facts[] = SOURCES "people:\n"
                                      "  - id: wang-lei\n"
                                      "    name: {en: Wang Lei, zh: Wang}\n"
                                      "    born: 1970-03\n"
                                      "    holds: coordinator\n"
                                      "    source: src-a\n"
                                      "    quote: He was born.\n"
                                      "posts:\n"
                                      "  - id: coordinator\n"
                                      "    name: {en: Coordinator}\n"
                                      "    source: src-a\n";
  assert_int_equal(pipeline_add(p, "t.yaml", facts), KG_OK);
  assert_string_equal(pipeline_diagnostics(p), "");
  const kg_model *m = &p->model;
  /* Entities in file order, with their class and the place of their id. */
  assert_int_equal(m->entities.count, 3);
  static const char *const ids[] = {"src-a", "wang-lei", "coordinator"};
  static const char *const sections[] = {"sources", "people", "posts"};
  static const unsigned lines[] = {2, 5, 12};
  for (size_t i = 0; i < 3; ++i) {
    const kg_entity *e = m->entities.items[i];
    assert_string_equal(e->id, ids[i]);
    assert_string_equal(e->cls->section, sections[i]);
    assert_string_equal(e->pos.file, "t.yaml");
    assert_int_equal(e->pos.line, lines[i]);
    assert_int_equal(e->pos.col, 9);
    /* by_id finds it, under the same (interned) pointer. */
    assert_ptr_equal(kg_map_get(m->by_id, ids[i], strlen(ids[i])), e);
  }
  /* A language-tagged name per language, tags interned. */
  const kg_statement *en = find(m, "wang-lei", "name", 0);
  const kg_statement *zh = find(m, "wang-lei", "name", 1);
  assert_string_equal(en->lang, "en");
  assert_string_equal(zh->lang, "zh");
  assert_ptr_equal(en->lang, kg_intern(p->strings, "en", 2));
  assert_null(en->datatype);
  assert_int_equal(en->len, 8);
  assert_memory_equal(en->lexical, "Wang Lei", 8);
  /* A partial date: its precision picks the datatype. */
  const kg_statement *born = find(m, "wang-lei", "born", 0);
  assert_string_equal(born->datatype, KG_XSD "gYearMonth");
  assert_int_equal(born->date.precision, KG_DATE_YEAR_MONTH);
  assert_int_equal(born->date.year, 1970);
  assert_int_equal(born->date.month, 3);
  assert_int_equal(born->pos.line, 7);
  assert_int_equal(born->pos.col, 11);
  /* A reference: the id, interned as the key of by_id, not yet resolved. */
  const kg_statement *holds = find(m, "wang-lei", "holds", 0);
  assert_ptr_equal(holds->ref, ((const kg_entity *)m->entities.items[2])->id);
  assert_null(holds->object);
  assert_false(holds->derived);
  /* The entry's source and quote, shared by its statements. */
  const kg_provenance *prov = holds->prov;
  assert_non_null(prov);
  assert_ptr_equal(prov, born->prov);
  assert_int_equal(prov->count, 1);
  assert_string_equal(prov->ids[0], "src-a");
  assert_false(prov->resolved);
  assert_int_equal(prov->quote_len, 12);
  assert_memory_equal(prov->quote, "He was born.", 12);
}

/* Mistakes: each reported where it is, and the rest of the file is still
 * modelled. */
static void test_mistakes(void **state)
{
  pipeline *p = *state;
  static const char facts[] = SOURCES "organisations:\n"
                                      "  - id: org\n"
                                      "    nme: {en: O}\n"
                                      "    founded: 2013-02-30\n"
                                      "    source: src-a\n"
                                      "  - name: {en: no id}\n"
                                      "    source: src-a\n"
                                      "  - id: Bad_Id\n"
                                      "    name: {en: B}\n"
                                      "    source: src-a\n"
                                      "  - id: later\n"
                                      "    name: {en: Later}\n"
                                      "widgets:\n"
                                      "  - id: w\n";
  assert_int_equal(pipeline_add(p, "t.yaml", facts), KG_ERR_FACTS);
  static const struct {
    unsigned line, col;
    const char *code;
  } want[] = {
      {6, 5, "unknown-key"}, {7, 14, "bad-date"},  {9, 5, "missing-id"},
      {11, 9, "bad-id"},     {14, 9, "no-source"}, {16, 1, "unknown-section"},
  };
  for (size_t i = 0; i < sizeof want / sizeof *want; ++i)
    if (pipeline_count(p, "t.yaml", want[i].line, want[i].col, "error",
                       want[i].code) != 1)
      fail_msg("no %s at t.yaml:%u:%u in:\n%s", want[i].code, want[i].line,
               want[i].col, pipeline_diagnostics(p));
  assert_int_equal(pipeline_lines(p), sizeof want / sizeof *want);
  assert_non_null(strstr(pipeline_diagnostics(p), "did you mean 'name'?"));
  /* The entries after a mistake are still there. */
  assert_non_null(kg_map_get(p->model.by_id, "later", 5));
}

/* An id given twice, in two files: the second is the error, with a note
 * at the first. */
static void test_duplicate_id_across_files(void **state)
{
  pipeline *p = *state;
  assert_int_equal(pipeline_add(p, "one.yaml",
                                SOURCES "people:\n"
                                        "  - id: wang-lei\n"
                                        "    name: {en: A}\n"
                                        "    source: src-a\n"),
                   KG_OK);
  assert_int_equal(pipeline_add(p, "two.yaml",
                                "people:\n"
                                "  - id: wang-lei\n"
                                "    name: {en: B}\n"
                                "    source: src-a\n"),
                   KG_ERR_FACTS);
  assert_int_equal(pipeline_lines(p), 1);
  assert_int_equal(pipeline_count(p, "two.yaml", 2, 9, "error", "duplicate-id"),
                   1);
  assert_non_null(strstr(pipeline_diagnostics(p),
                         "\"note\":{\"file\":\"one.yaml\",\"line\":5,"));
  assert_int_equal(p->model.files, 2);
}

static void test_empty_file(void **state)
{
  pipeline *p = *state;
  assert_int_equal(pipeline_add(p, "t.yaml", "# nothing\n"), KG_OK);
  assert_int_equal(pipeline_count(p, "t.yaml", 0, 0, "warning", "empty-file"),
                   1);
  assert_int_equal(p->model.entities.count, 0);
}

/* References before literals; literals by bytes, then length, datatype
 * and language; equal values compare equal. */
static void test_statement_compare(void **state)
{
  (void)state;
  kg_statement ref_a = {.ref = "a"}, ref_b = {.ref = "b"};
  kg_statement ab = {.lexical = "ab", .len = 2};
  kg_statement abc = {.lexical = "abc", .len = 3};
  kg_statement ab_int = {.lexical = "ab", .len = 2, .datatype = KG_XSD "int"};
  kg_statement ab_en = {.lexical = "ab", .len = 2, .lang = "en"};
  kg_statement ab_fr = {.lexical = "ab", .len = 2, .lang = "fr"};
  kg_statement ab_again = {.lexical = "abx", .len = 2};
  const kg_statement *order[] = {&ref_a, &ref_b,  &ab, &ab_en,
                                 &ab_fr, &ab_int, &abc};
  size_t n = sizeof order / sizeof *order;
  for (size_t i = 0; i < n; ++i)
    for (size_t j = 0; j < n; ++j) {
      int c = kg_statement_compare(order[i], order[j]);
      int want = i < j ? -1 : i > j;
      if ((c > 0) - (c < 0) != want)
        fail_msg("compare(%zu, %zu) = %d, want the sign of %d", i, j, c, want);
    }
  assert_int_equal(kg_statement_compare(&ab, &ab_again), 0);
}

/* kg_first_ids marks each id's first citation, whatever the order, with
 * distinct pointers to equal text (ids from two models are not interned
 * together); none marked when there is none. */
static void test_first_ids(void **state)
{
  (void)state;
  static const char b2[] = "b";
  const char *ids[] = {"c", "a", b2, "a", "b", "c", "d"};
  const bool want[] = {true, true, true, false, false, false, true};
  enum { N = sizeof ids / sizeof *ids };
  kg_id_at at[N];
  bool first[N];
  for (size_t i = 0; i < N; ++i) {
    at[i] = (kg_id_at){ids[i], i};
    first[i] = !want[i];
  }
  kg_first_ids(at, N, first);
  for (size_t i = 0; i < N; ++i)
    if (first[i] != want[i])
      fail_msg("first[%zu] (%s) is %d", i, ids[i], first[i]);
  kg_first_ids(NULL, 0, NULL);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test_setup_teardown(test_entities_and_statements, setup,
                                      teardown),
      cmocka_unit_test_setup_teardown(test_mistakes, setup, teardown),
      cmocka_unit_test_setup_teardown(test_duplicate_id_across_files, setup,
                                      teardown),
      cmocka_unit_test_setup_teardown(test_empty_file, setup, teardown),
      cmocka_unit_test(test_statement_compare),
      cmocka_unit_test(test_first_ids),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
