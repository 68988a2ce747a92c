/* test_files.c - finding fact files (files.h) in a real directory tree: a
 * directory is searched recursively for the wanted extensions, hidden
 * entries (editor swap files, .git) are skipped, a file named on its own
 * is taken whatever its name; the result sorts bytewise with repeats
 * removed, so that the order of files never depends on the file system;
 * a dangling link among fact files and a missing path are errors, named,
 * that do not stop the rest from being found. */
#define _GNU_SOURCE /* mkdtemp */
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

#include "files.h"

static const char *const yaml[] = {".yaml", ".yml", NULL};

typedef struct {
  char root[200];
  kg_arena *arena;
  kg_diag *diag;
  FILE *errors;
  char *text;
  size_t len;
} fixture;

static void make(const fixture *f, const char *rel, bool dir)
{
  char path[512];
  snprintf(path, sizeof path, "%s/%s", f->root, rel);
  if (dir) {
    assert_int_equal(mkdir(path, 0755), 0);
  } else {
    FILE *out = fopen(path, "w");
    assert_non_null(out);
    fputs("people: []\n", out);
    fclose(out);
  }
}

static int setup(void **state)
{
  fixture *f = calloc(1, sizeof *f);
  const char *tmp = getenv("TMPDIR");
  if (!f)
    return -1;
  snprintf(f->root, sizeof f->root, "%s/kg-test-files.XXXXXX",
           tmp && *tmp ? tmp : "/tmp");
  if (!mkdtemp(f->root)) {
    free(f);
    return -1;
  }
  static const char *const dirs[] = {"sub", "sub/deeper", ".git", "dir.yaml"};
  static const char *const files[] = {"b.yaml",
                                      "a.yml",
                                      "B.yaml",
                                      "sub/c.yaml",
                                      "sub/deeper/e.yml",
                                      ".swap.yaml",
                                      ".git/x.yaml",
                                      "notes.txt",
                                      "x.yaml.bak",
                                      "yaml",
                                      "dir.yaml/inside.yaml"};
  for (size_t i = 0; i < sizeof dirs / sizeof *dirs; ++i)
    make(f, dirs[i], true);
  for (size_t i = 0; i < sizeof files / sizeof *files; ++i)
    make(f, files[i], false);
  f->arena = kg_arena_new();
  f->errors = open_memstream(&f->text, &f->len);
  f->diag = kg_diag_new(f->errors, KG_DIAG_TEXT, false);
  *state = f;
  return f->arena && f->diag ? 0 : -1;
}

static int teardown(void **state)
{
  fixture *f = *state;
  kg_diag_free(f->diag);
  fclose(f->errors);
  free(f->text);
  kg_arena_free(f->arena);
  char cmd[512];
  snprintf(cmd, sizeof cmd, "rm -rf '%s'", f->root);
  int rc = system(cmd);
  free(f);
  return rc;
}

/* The paths of out relative to the root, joined by spaces. */
static const char *relative(const fixture *f, const kg_vec *out, char *buf,
                            size_t size)
{
  size_t n = strlen(f->root), o = 0;
  buf[0] = '\0';
  for (size_t i = 0; i < out->count; ++i) {
    const char *p = out->items[i];
    assert_memory_equal(p, f->root, n);
    o += (size_t)snprintf(buf + o, size - o, "%s%s", i ? " " : "", p + n + 1);
  }
  return buf;
}

static void test_collect_sorted_and_filtered(void **state)
{
  fixture *f = *state;
  kg_vec out = {0};
  assert_int_equal(kg_files_collect(f->arena, f->diag, f->root, yaml, &out),
                   KG_OK);
  kg_files_sort(&out);
  char buf[512];
  assert_string_equal(relative(f, &out, buf, sizeof buf),
                      "B.yaml a.yml b.yaml dir.yaml/inside.yaml sub/c.yaml "
                      "sub/deeper/e.yml");
  assert_int_equal(kg_diag_errors(f->diag), 0);
  kg_vec_free(&out);
}

/* The same directory twice, once with a trailing slash, and a file of it
 * named alone: one path each, no "//". */
static void test_repeats_removed(void **state)
{
  fixture *f = *state;
  kg_vec out = {0};
  char slash[512], file[512];
  snprintf(slash, sizeof slash, "%s/", f->root);
  snprintf(file, sizeof file, "%s/sub/c.yaml", f->root);
  assert_int_equal(kg_files_collect(f->arena, f->diag, f->root, yaml, &out),
                   KG_OK);
  assert_int_equal(kg_files_collect(f->arena, f->diag, slash, yaml, &out),
                   KG_OK);
  assert_int_equal(kg_files_collect(f->arena, f->diag, file, yaml, &out),
                   KG_OK);
  assert_int_equal(out.count, 13);
  kg_files_sort(&out);
  assert_int_equal(out.count, 6);
  for (size_t i = 0; i < out.count; ++i)
    assert_null(strstr(out.items[i], "//"));
  for (size_t i = 1; i < out.count; ++i)
    assert_true(strcmp(out.items[i - 1], out.items[i]) < 0);
  kg_vec_free(&out);
}

/* A file named on its own is taken whatever its extension. */
static void test_named_file_taken(void **state)
{
  fixture *f = *state;
  kg_vec out = {0};
  char path[512];
  snprintf(path, sizeof path, "%s/notes.txt", f->root);
  assert_int_equal(kg_files_collect(f->arena, f->diag, path, yaml, &out),
                   KG_OK);
  assert_int_equal(out.count, 1);
  assert_string_equal(out.items[0], path);
  kg_vec_free(&out);
}

static void test_missing_and_dangling(void **state)
{
  fixture *f = *state;
  kg_vec out = {0};
  char path[512];
  snprintf(path, sizeof path, "%s/absent", f->root);
  assert_int_equal(kg_files_collect(f->arena, f->diag, path, yaml, &out),
                   KG_ERR_IO);
  assert_int_equal(out.count, 0);
  assert_int_equal(kg_diag_errors(f->diag), 1);

  char link[512];
  snprintf(link, sizeof link, "%s/sub/gone.yaml", f->root);
  assert_int_equal(symlink("nowhere.yaml", link), 0);
  assert_int_equal(kg_files_collect(f->arena, f->diag, f->root, yaml, &out),
                   KG_ERR_IO);
  assert_int_equal(kg_diag_errors(f->diag), 2);
  assert_int_equal(out.count, 6); /* the others are still found */
  kg_diag_flush(f->diag);
  fflush(f->errors);
  assert_non_null(strstr(f->text, "sub/gone.yaml"));
  assert_int_equal(unlink(link), 0);
  kg_vec_free(&out);
}

static void test_sort_edge_cases(void **state)
{
  (void)state;
  kg_vec paths = {0};
  kg_files_sort(&paths); /* empty */
  static char *const given[] = {"b", "a", "b", "a/b", "a", "A"};
  for (size_t i = 0; i < sizeof given / sizeof *given; ++i)
    assert_int_equal(kg_vec_push(&paths, given[i]), KG_OK);
  kg_files_sort(&paths);
  assert_int_equal(paths.count, 4);
  static const char *const want[] = {"A", "a", "a/b", "b"};
  for (size_t i = 0; i < 4; ++i)
    assert_string_equal(paths.items[i], want[i]);
  kg_vec_free(&paths);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test_setup_teardown(test_collect_sorted_and_filtered, setup,
                                      teardown),
      cmocka_unit_test_setup_teardown(test_repeats_removed, setup, teardown),
      cmocka_unit_test_setup_teardown(test_named_file_taken, setup, teardown),
      cmocka_unit_test_setup_teardown(test_missing_and_dangling, setup,
                                      teardown),
      cmocka_unit_test(test_sort_edge_cases),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
