/* test_factbase.c - finding the fact base (factbase.h) as git finds a work
 * tree: from the root, from below it, from above it and from beside it,
 * with paths as the current directory reaches them; the ontology the
 * fact base's own, else the installed one (KGBUILD_DATADIR); and init,
 * which refuses to make a fact base over another. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "factbase.h"

static char top[64];
static char home[4096];

/* top/base/facts, top/base/sub/deeper, top/beside, top/data/ontology */
static int setup(void **state)
{
  (void)state;
  snprintf(top, sizeof top, "/tmp/kgfb-XXXXXX");
  if (!getcwd(home, sizeof home) || !mkdtemp(top) || chdir(top) != 0)
    return -1;
  const char *dirs[] = {
      "base",   "base/facts", "base/sub",     "base/sub/deeper",
      "beside", "data",       "data/ontology"};
  for (size_t i = 0; i < sizeof dirs / sizeof *dirs; ++i)
    if (mkdir(dirs[i], 0777) != 0)
      return -1;
  return 0;
}

static int teardown(void **state)
{
  (void)state;
  if (chdir(home) != 0)
    return -1;
  kg_remove_tree(top);
  unsetenv("KGBUILD_DATADIR");
  return 0;
}

/* Finds from `start` with the current directory `cwd` (under top). */
static void find_from(const char *cwd, const char *start, kg_factbase *fb)
{
  char dir[128];
  snprintf(dir, sizeof dir, "%s/%s", top, cwd);
  assert_int_equal(chdir(dir), 0);
  assert_int_equal(kg_factbase_find(start, fb), KG_OK);
}

static void test_found_as_git_would(void **state)
{
  (void)state;
  kg_factbase fb;
  find_from("base", ".", &fb);
  assert_string_equal(fb.root, ".");
  assert_string_equal(fb.facts, "facts"); /* as diagnostics always named */
  assert_string_equal(fb.exports, "exports");
  kg_factbase_free(&fb);
  find_from("base/sub/deeper", ".", &fb);
  assert_string_equal(fb.root, "../..");
  assert_string_equal(fb.facts, "../../facts");
  assert_string_equal(fb.exports, "../../exports");
  kg_factbase_free(&fb);
  find_from(".", "base/sub", &fb); /* check FILE: from the file's dir */
  assert_string_equal(fb.root, "base");
  assert_string_equal(fb.facts, "base/facts");
  kg_factbase_free(&fb);
  find_from("beside", "../base/sub", &fb); /* neither holds the other */
  char want[4200];
  char real[4096];
  assert_non_null(realpath(top, real));
  snprintf(want, sizeof want, "%s/base", real);
  assert_string_equal(fb.root, want);
  kg_factbase_free(&fb);
}

static void test_none_found(void **state)
{
  (void)state;
  kg_factbase fb;
  setenv("KGBUILD_DATADIR", "/nonexistent", 1);
  find_from("beside", ".", &fb);
  assert_null(fb.root);
  assert_string_equal(fb.facts, "facts");
  assert_string_equal(fb.exports, "exports");
  assert_string_equal(fb.ontology, "ontology"); /* today's error */
  kg_factbase_free(&fb);
  kg_factbase_free(NULL);
}

static void test_ontology_own_else_installed(void **state)
{
  (void)state;
  kg_factbase fb;
  char data[128];
  snprintf(data, sizeof data, "%s/data", top);
  setenv("KGBUILD_DATADIR", data, 1);
  assert_string_equal(kg_datadir(), data);
  find_from("base/sub", ".", &fb);
  char want[160];
  snprintf(want, sizeof want, "%s/ontology", data);
  assert_string_equal(fb.ontology, want);
  kg_factbase_free(&fb);
  assert_int_equal(mkdir("../ontology", 0777), 0);
  find_from("base/sub", ".", &fb);
  assert_string_equal(fb.ontology, "../ontology");
  kg_factbase_free(&fb);
}

static void test_init_refuses_a_fact_base(void **state)
{
  (void)state;
  FILE *sink = fopen("/dev/null", "w");
  assert_non_null(sink);
  kg_diag *diag = kg_diag_new(sink, KG_DIAG_TEXT, false);
  assert_non_null(diag);
  assert_int_equal(chdir(top), 0);
  assert_int_equal(kg_factbase_init("new", diag), KG_OK);
  assert_true(kg_is_dir("new/facts") && kg_is_dir("new/sources"));
  assert_int_equal(access("new/facts/example.yaml", R_OK), 0);
  assert_int_equal(access("new/.gitignore", R_OK), 0);
  assert_int_equal(kg_factbase_init("new", diag), KG_ERR_USAGE);
  assert_int_equal(kg_factbase_init("base", diag), KG_ERR_USAGE);
  kg_diag_free(diag);
  fclose(sink);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test_setup_teardown(test_found_as_git_would, setup, teardown),
      cmocka_unit_test_setup_teardown(test_none_found, setup, teardown),
      cmocka_unit_test_setup_teardown(test_ontology_own_else_installed, setup,
                                      teardown),
      cmocka_unit_test_setup_teardown(test_init_refuses_a_fact_base, setup,
                                      teardown),
  };
  return cmocka_run_group_tests_name("factbase", tests, NULL, NULL);
}
