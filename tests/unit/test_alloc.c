/* test_alloc.c - the allocation hooks (kg.h, alloc.c) as the test builds
 * have them (KG_TESTING, which build/test_* define): KG_FAIL_ALLOC_AT=N
 * fails the Nth allocation of any kind and no other, with
 * KG_FAIL_ALLOC_STICKY=1 every one from the Nth on; a size of 0 is a
 * valid allocation; pages are writable.  The variables are read once, at
 * a process's first allocation, so each case runs in a child of its own.
 * (That the release ./kgbuild ignores them is tests/t/71-hooks.t's.) */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmocka.h>

#include "kg.h"

/* Allocates `count` times, cycling through the kinds of allocation, and
 * returns a bit per allocation that failed (bit i: the (i+1)th). */
static unsigned failures(int count)
{
  unsigned failed = 0;
  void *keep = NULL;
  for (int i = 0; i < count; ++i) {
    void *p = NULL;
    switch (i % 4) {
    case 0: p = kg_malloc(0); break;
    case 1: p = kg_calloc(3, 8); break;
    case 2: p = kg_realloc(keep, 64); break;
    default: p = kg_pages_new(4096); break;
    }
    if (!p) {
      failed |= 1u << i;
      continue;
    }
    if (i % 4 == 3) {
      memset(p, 1, 4096);
      kg_pages_free(p, 4096);
    } else if (i % 4 == 2) {
      keep = p;
    } else {
      kg_free(p);
    }
  }
  kg_free(keep);
  return failed;
}

/* Runs failures(count) in a child with the environment given; returns
 * its bits. */
static unsigned in_child(const char *at, const char *sticky, int count)
{
  int fds[2];
  assert_int_equal(pipe(fds), 0);
  pid_t pid = fork();
  assert_true(pid >= 0);
  if (pid == 0) {
    close(fds[0]);
    if (at)
      setenv("KG_FAIL_ALLOC_AT", at, 1);
    else
      unsetenv("KG_FAIL_ALLOC_AT");
    if (sticky)
      setenv("KG_FAIL_ALLOC_STICKY", sticky, 1);
    else
      unsetenv("KG_FAIL_ALLOC_STICKY");
    unsigned bits = failures(count);
    _exit(write(fds[1], &bits, sizeof bits) == sizeof bits ? 0 : 1);
  }
  close(fds[1]);
  unsigned bits = ~0u;
  assert_int_equal(read(fds[0], &bits, sizeof bits), sizeof bits);
  close(fds[0]);
  int status = 0;
  assert_int_equal(waitpid(pid, &status, 0), pid);
  assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
  return bits;
}

static void test_no_hook_set(void **state)
{
  (void)state;
  assert_int_equal(in_child(NULL, NULL, 12), 0);
  assert_int_equal(in_child("0", NULL, 12), 0);
  assert_int_equal(in_child("-5", "1", 12), 0);
}

static void test_fail_once(void **state)
{
  (void)state;
  for (int n = 1; n <= 8; ++n) /* each kind of allocation, twice */
    assert_int_equal(in_child((char[]){(char)('0' + n), '\0'}, NULL, 12),
                     1u << (n - 1));
  assert_int_equal(in_child("3", "0", 12), 1u << 2); /* only "1" is sticky */
  assert_int_equal(in_child("13", NULL, 12), 0);     /* after the last */
}

static void test_fail_sticky(void **state)
{
  (void)state;
  assert_int_equal(in_child("1", "1", 12), 0xfffu);
  assert_int_equal(in_child("5", "1", 12), 0xfffu & ~0xfu);
  assert_int_equal(in_child("12", "1", 12), 1u << 11);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_no_hook_set),
      cmocka_unit_test(test_fail_once),
      cmocka_unit_test(test_fail_sticky),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
