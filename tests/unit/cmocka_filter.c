/* cmocka_filter.c - linked into every unit-test binary (the Makefile wraps
 * _cmocka_run_group_tests with -Wl,--wrap): KG_TEST_FILTER=PATTERN runs only
 * the cases whose name matches, KG_TEST_SKIP=PATTERN skips those that do
 * ('*' and '?' wildcards).  cmocka 1.1.5 has the calls but reads no
 * variable for them, and this way no test's main() needs to. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include <cmocka.h>

int __real__cmocka_run_group_tests(const char *group_name,
                                   const struct CMUnitTest *const tests,
                                   const size_t num_tests,
                                   CMFixtureFunction group_setup,
                                   CMFixtureFunction group_teardown);

int __wrap__cmocka_run_group_tests(const char *group_name,
                                   const struct CMUnitTest *const tests,
                                   const size_t num_tests,
                                   CMFixtureFunction group_setup,
                                   CMFixtureFunction group_teardown);

int __wrap__cmocka_run_group_tests(const char *group_name,
                                   const struct CMUnitTest *const tests,
                                   const size_t num_tests,
                                   CMFixtureFunction group_setup,
                                   CMFixtureFunction group_teardown)
{
  const char *only = getenv("KG_TEST_FILTER");
  const char *skip = getenv("KG_TEST_SKIP");
  if (only && *only)
    cmocka_set_test_filter(only);
  if (skip && *skip)
    cmocka_set_skip_filter(skip);
  return __real__cmocka_run_group_tests(group_name, tests, num_tests,
                                        group_setup, group_teardown);
}
