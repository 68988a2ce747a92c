/* test_review.c - show and diff (review.h) over models made from strings
 * (pipeline.h): show prints the entity's facts and sources and says of an
 * unknown id the nearest one; diff of a model with itself finds nothing,
 * of a model with one entity more and one name changed counts both, and
 * --stat prints counts only. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "pipeline.h"
#include "review.h"

#define BASE "https://example.org/id/"

static const char old_facts[] = "sources:\n"
                                "  - id: src-a\n"
                                "    title: Source A\n"
                                "organisations:\n"
                                "  - id: org-a\n"
                                "    name: {en: Org A}\n"
                                "    source: src-a\n";

static const char new_facts[] = "sources:\n"
                                "  - id: src-a\n"
                                "    title: Source A\n"
                                "organisations:\n"
                                "  - id: org-a\n"
                                "    name: {en: Org A renamed}\n"
                                "    source: src-a\n"
                                "  - id: org-b\n"
                                "    name: {en: Org B}\n"
                                "    source: src-a\n";

typedef struct {
  pipeline p;
  kg_model other;
  bool other_ready;
  char *text;
  size_t len;
} fixture;

static int setup(void **state)
{
  fixture *f = calloc(1, sizeof *f);
  *state = f;
  if (!f || pipeline_open(&f->p, KG_ONTOLOGY_DIR) != KG_OK ||
      pipeline_add(&f->p, "old.yaml", old_facts) != KG_OK ||
      kg_check(&f->p.model, f->p.diag) != KG_OK)
    return -1;
  return 0;
}

static int teardown(void **state)
{
  fixture *f = *state;
  if (f) {
    if (f->other_ready)
      kg_model_free(&f->other);
    pipeline_close(&f->p);
    free(f->text);
    free(f);
  }
  return 0;
}

/* A second model of the same ontology, checked: new_facts. */
static kg_model *other_model(fixture *f)
{
  const char *names[] = {"new.yaml"}, *texts[] = {new_facts};
  kg_text_trees t;
  kg_trees trees;
  assert_int_equal(
      kg_model_init(&f->other, f->p.arena, f->p.strings, &f->p.onto), KG_OK);
  f->other_ready = true;
  kg_text_trees_init(&t, f->p.arena, f->p.diag, names, texts, 1, &trees);
  assert_int_equal(kg_build_model(&f->other, &trees, f->p.diag, NULL, NULL),
                   KG_OK);
  assert_int_equal(kg_check(&f->other, f->p.diag), KG_OK);
  return &f->other;
}

static FILE *open_out(fixture *f)
{
  free(f->text);
  f->text = NULL;
  FILE *out = open_memstream(&f->text, &f->len);
  assert_non_null(out);
  return out;
}

static void test_show(void **state)
{
  fixture *f = *state;
  FILE *out = open_out(f);
  assert_int_equal(kg_show(&f->p.model, BASE, "org-a", out, f->p.diag), KG_OK);
  assert_int_equal(fclose(out), 0);
  assert_non_null(strstr(f->text, BASE "org-a"));
  assert_non_null(strstr(f->text, "\"Org A\"@en"));
  assert_non_null(strstr(f->text, "Source A"));
  assert_int_equal(pipeline_lines(&f->p), 0);
  out = open_out(f);
  assert_int_equal(kg_show(&f->p.model, BASE, "org-b", out, f->p.diag),
                   KG_ERR_FACTS);
  assert_int_equal(fclose(out), 0);
  assert_int_equal(pipeline_lines(&f->p), 1);
  assert_non_null(strstr(pipeline_diagnostics(&f->p), "org-a"));
}

static void test_diff(void **state)
{
  fixture *f = *state;
  size_t changes = 99;
  FILE *out = open_out(f);
  assert_int_equal(kg_diff(&f->p.model, &f->p.model, out, false, &changes),
                   KG_OK);
  assert_int_equal(fclose(out), 0);
  assert_int_equal(changes, 0);
  kg_model *newer = other_model(f);
  out = open_out(f);
  assert_int_equal(kg_diff(&f->p.model, newer, out, false, &changes), KG_OK);
  assert_int_equal(fclose(out), 0);
  assert_int_equal(changes, 2); /* org-b added, org-a changed */
  assert_non_null(strstr(f->text, "org-b"));
  assert_non_null(strstr(f->text, "Org A renamed"));
  out = open_out(f);
  assert_int_equal(kg_diff(&f->p.model, newer, out, true, &changes), KG_OK);
  assert_int_equal(fclose(out), 0);
  assert_int_equal(changes, 2);
  assert_null(strstr(f->text, "Org A renamed")); /* counts only */
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test_setup_teardown(test_show, setup, teardown),
      cmocka_unit_test_setup_teardown(test_diff, setup, teardown),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
