/* test_build.c - the pipeline module (build.h) at its public header: fact
 * trees from strings modelled together (a reference across files
 * resolves), where archived copies are looked for after the base's
 * sources/ (--sources replaces kgbuild.yaml's archives), and the check stage
 * that includes the quote check, as every front end runs it. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <unistd.h>

#include <cmocka.h>

#include "pipeline.h"

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

static void test_trees_from_strings(void **state)
{
  pipeline *p = *state;
  static const char *const names[] = {"a.yaml", "b.yaml"};
  static const char *const texts[] = {
      "sources:\n  - id: src-a\n    title: Source A\n",
      "organisations:\n  - id: org-b\n    name: {en: B}\n    source: src-a\n"};
  kg_text_trees t;
  kg_trees trees;
  assert_int_equal(pipeline_open(p, KG_ONTOLOGY_DIR), KG_OK);
  kg_text_trees_init(&t, p->arena, p->diag, names, texts, 2, &trees);
  assert_int_equal(kg_build_model(&p->model, &trees, p->diag, NULL, NULL),
                   KG_OK);
  assert_int_equal(pipeline_check(p, NULL, 0), KG_OK);
  assert_int_equal(p->model.files, 2);
  assert_int_equal(pipeline_lines(p), 0);
}

static void test_unloadable_is_counted(void **state)
{
  pipeline *p = *state;
  assert_int_equal(pipeline_open(p, KG_ONTOLOGY_DIR), KG_OK);
  assert_int_equal(pipeline_add(p, "bad.yaml", "a: [\n"), KG_ERR_FACTS);
  assert_int_equal(p->model.unreadable, 1);
}

static void test_archives_order(void **state)
{
  (void)state;
  kg_factbase fb = {.sources = "base/sources",
                    .archives = {"../shared/seed"},
                    .archive_count = 1};
  const char *dirs[KG_MAX_ARCHIVES];
  const char *given[] = {"given"};
  assert_int_equal(kg_build_archives(&fb, NULL, 0, dirs), 1);
  assert_string_equal(dirs[0], "../shared/seed");
  assert_int_equal(kg_build_archives(&fb, given, 1, dirs), 1);
  assert_string_equal(dirs[0], "given");
}

/* The check stage checks quotes too: a misquote is an error at the quote. */
static void test_check_includes_quotes(void **state)
{
  pipeline *p = *state;
  char dir[] = "/tmp/kgbuild-test-XXXXXX", path[64];
  assert_non_null(mkdtemp(dir));
  snprintf(path, sizeof path, "%s/a.txt", dir);
  FILE *f = fopen(path, "w");
  assert_non_null(f);
  fputs("The committee met. Ada Lovelace chaired it.\n", f);
  fclose(f);
  assert_int_equal(pipeline_open(p, KG_ONTOLOGY_DIR), KG_OK);
  assert_int_equal(pipeline_add(p, "t.yaml",
                                "sources:\n"
                                "  - id: src-a\n"
                                "    title: Source A\n"
                                "    local-copy: a.txt\n"
                                "people:\n"
                                "  - id: ada\n"
                                "    name: {en: Ada}\n"
                                "    source: src-a\n"
                                "    quote: \"Ada Lovelace chairs it\"\n"),
                   KG_OK);
  const char *dirs[] = {dir};
  kg_status st = pipeline_check(p, dirs, 1);
  unlink(path);
  rmdir(dir);
  assert_int_equal(st, KG_ERR_FACTS);
  assert_int_equal(
      pipeline_count(p, "t.yaml", 9, 12, "error", "quote-not-in-source"), 1);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test_setup_teardown(test_trees_from_strings, setup, teardown),
      cmocka_unit_test_setup_teardown(test_unloadable_is_counted, setup,
                                      teardown),
      cmocka_unit_test(test_archives_order),
      cmocka_unit_test_setup_teardown(test_check_includes_quotes, setup,
                                      teardown),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
