/* test_reader.c - fact files read ahead on threads (reader.h): whatever
 * the number of workers, the files come out in the order given, each with
 * its own status (a missing file KG_ERR_IO, bad YAML KG_ERR_FACTS) and its
 * tree, and the diagnostics printed are the same bytes as with no thread
 * at all; a reader freed with files not yet taken stops cleanly (ASan
 * checks that nothing leaks or is used after it is freed). */
#define _GNU_SOURCE /* mkdtemp, open_memstream */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "reader.h"

enum { FILES = 24 };

typedef struct {
  char root[200];
  char *paths[FILES];
} fixture;

/* File i: a good fact file, but every fifth has a YAML error and every
 * seventh is missing. */
static int setup(void **state)
{
  fixture *f = calloc(1, sizeof *f);
  const char *tmp = getenv("TMPDIR");
  if (!f)
    return -1;
  snprintf(f->root, sizeof f->root, "%s/kg-test-reader.XXXXXX",
           tmp && *tmp ? tmp : "/tmp");
  if (!mkdtemp(f->root)) {
    free(f);
    return -1;
  }
  for (int i = 0; i < FILES; ++i) {
    char path[512];
    snprintf(path, sizeof path, "%s/f%02d.yaml", f->root, i);
    f->paths[i] = strdup(path);
    if (i % 7 == 3)
      continue;
    FILE *out = fopen(path, "w");
    if (!out)
      return -1;
    if (i % 5 == 1)
      fprintf(out, "people:\n  - id: p%d\n    name: [unclosed\n", i);
    else
      fprintf(out, "people:\n  - id: p%d\n    name: P %d\n", i, i);
    fclose(out);
  }
  *state = f;
  return 0;
}

static int teardown(void **state)
{
  fixture *f = *state;
  for (int i = 0; i < FILES; ++i)
    free(f->paths[i]);
  char cmd[512];
  snprintf(cmd, sizeof cmd, "rm -rf '%s'", f->root);
  int rc = system(cmd);
  free(f);
  return rc;
}

/* Reads every file with `threads` workers; returns the diagnostics printed
 * (malloc'd). */
static char *read_all(const fixture *f, unsigned threads)
{
  char *text = NULL;
  size_t size = 0;
  FILE *out = open_memstream(&text, &size);
  kg_diag *diag = kg_diag_new(out, KG_DIAG_TEXT, false);
  kg_arena *texts = kg_arena_new();
  kg_reader *reader = NULL;
  assert_int_equal(
      kg_reader_new(texts, diag, f->paths, FILES, threads, &reader), KG_OK);
  for (int i = 0; i < FILES; ++i) {
    const char *name = NULL;
    kg_ynode *root = NULL;
    kg_status st = kg_reader_next(reader, &name, &root);
    /* A file that did not load may come without a name (its diagnostics
     * have named it). */
    if (name || st == KG_OK)
      assert_string_equal(name, f->paths[i]);
    if (i % 7 == 3) {
      assert_int_equal(st, KG_ERR_IO);
    } else if (i % 5 == 1) {
      assert_int_equal(st, KG_ERR_FACTS);
    } else {
      assert_int_equal(st, KG_OK);
      assert_non_null(root);
      assert_int_equal(root->kind, KG_YAML_MAP);
      assert_int_equal(root->count, 1);
    }
  }
  kg_reader_free(reader);
  kg_diag_free(diag);
  kg_arena_free(texts);
  fclose(out);
  return text;
}

static void test_order_and_output_whatever_the_threads(void **state)
{
  fixture *f = *state;
  char *alone = read_all(f, 0);
  assert_non_null(strstr(alone, "f01.yaml:"));
  assert_non_null(strstr(alone, "f03.yaml"));
  /* The diagnostics come in the order of the files. */
  assert_true(strstr(alone, "f01.yaml") < strstr(alone, "f03.yaml"));
  assert_true(strstr(alone, "f03.yaml") < strstr(alone, "f06.yaml"));
  static const unsigned threads[] = {1, 2, 4, 16};
  for (size_t t = 0; t < sizeof threads / sizeof *threads; ++t) {
    for (int run = 0; run < 3; ++run) {
      char *again = read_all(f, threads[t]);
      if (strcmp(alone, again))
        fail_msg("%u threads print otherwise:\n%s\n--- than none:\n%s",
                 threads[t], again, alone);
      free(again);
    }
  }
  free(alone);
}

/* Two files taken of 24 (a good one, a bad one), then freed while the
 * workers are ahead. */
static void test_free_early(void **state)
{
  fixture *f = *state;
  for (unsigned threads = 0; threads <= 4; ++threads) {
    FILE *out = fopen("/dev/null", "w");
    kg_diag *diag = kg_diag_new(out, KG_DIAG_TEXT, false);
    kg_arena *texts = kg_arena_new();
    kg_reader *reader = NULL;
    assert_int_equal(
        kg_reader_new(texts, diag, f->paths, FILES, threads, &reader), KG_OK);
    const char *name;
    kg_ynode *root;
    assert_int_equal(kg_reader_next(reader, &name, &root), KG_OK);
    assert_int_equal(kg_reader_next(reader, &name, &root), KG_ERR_FACTS);
    kg_reader_free(reader);
    kg_diag_free(diag);
    kg_arena_free(texts);
    fclose(out);
  }
  kg_reader_free(NULL);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test_setup_teardown(
          test_order_and_output_whatever_the_threads, setup, teardown),
      cmocka_unit_test_setup_teardown(test_free_early, setup, teardown),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
