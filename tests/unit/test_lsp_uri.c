/* test_lsp_uri.c - file URIs as the language server reads them
 * (lsp_base.h): every spelling of one file gives one path (/./, //, ..,
 * file://localhost/, percent-encoding, symbolic links), so that a file
 * opened twice is not two files defining every id twice; URIs of other
 * machines and decoded NULs are refused. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "lsp_base.h"

/* The path of uri, compared with want (NULL: refused). */
static void expect(const char *uri, const char *want)
{
  char *got = kg_lsp_uri_to_path(uri);
  if (!want) {
    assert_null(got);
    return;
  }
  assert_non_null(got);
  if (strcmp(got, want)) {
    print_error("%s -> %s, not %s\n", uri, got, want);
    kg_free(got);
    fail();
  }
  kg_free(got);
}

/* Paths that do not exist are normalised by their text alone. */
static void test_lexical(void **state)
{
  (void)state;
  expect("file:///no-such-kg/a/./b.yaml", "/no-such-kg/a/b.yaml");
  expect("file:///no-such-kg//a///b.yaml", "/no-such-kg/a/b.yaml");
  expect("file:///no-such-kg/a/../c/b.yaml", "/no-such-kg/c/b.yaml");
  expect("file:///../../no-such-kg/b.yaml", "/no-such-kg/b.yaml");
  expect("file:///", "/");
}

static void test_spellings(void **state)
{
  (void)state;
  expect("file://localhost/no-such-kg/b.yaml", "/no-such-kg/b.yaml");
  expect("file:///no-such-kg/a%20b/%66acts.yaml", "/no-such-kg/a b/facts.yaml");
  expect("file://example.org/no-such-kg/b.yaml", NULL);
  expect("http:///no-such-kg/b.yaml", NULL);
  expect("file:///no-such-kg/a%00b.yaml", NULL);
}

/* A symbolic link, and a file not yet on disk beside one: resolved. */
static void test_symlinks(void **state)
{
  (void)state;
  char dir[] = "/tmp/kg-uri-XXXXXX", link[64], uri[128], want[128];
  assert_non_null(mkdtemp(dir));
  char *real = realpath(dir, NULL);
  assert_non_null(real);
  snprintf(link, sizeof link, "%s-link", dir);
  assert_int_equal(symlink(dir, link), 0);
  snprintf(uri, sizeof uri, "file://%s/new.yaml", link);
  snprintf(want, sizeof want, "%s/new.yaml", real);
  expect(uri, want);
  snprintf(uri, sizeof uri, "file://%s/./", link);
  expect(uri, real);
  unlink(link);
  rmdir(dir);
  free(real);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_lexical),
      cmocka_unit_test(test_spellings),
      cmocka_unit_test(test_symlinks),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
