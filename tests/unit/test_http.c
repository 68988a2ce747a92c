/* test_http.c - the libcurl adapter's checks that need no store: which
 * endpoints it accepts, that a URL holding a password is refused without
 * the password being echoed, and that a port nobody listens on is one
 * error, at once, not retried (tests/t/82-push.t runs it against a real
 * Virtuoso). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "diag.h"
#include "http.h"

static const kg_http_limits limits = {2, 2, 3, 100};

/* kg_http_new on url; what the sink printed goes to *printed. */
static kg_status open_endpoint(const char *url, char **printed, kg_http **h)
{
  size_t len = 0;
  FILE *out = open_memstream(printed, &len);
  assert_non_null(out);
  kg_diag *diag = kg_diag_new(out, KG_DIAG_TEXT, false);
  assert_non_null(diag);
  kg_status st = kg_http_new(url, &limits, diag, NULL, h);
  kg_diag_free(diag);
  fclose(out);
  return st;
}

static void test_endpoints(void **state)
{
  (void)state;
  static const char *const good[] = {
      "http://127.0.0.1:8890/sparql-graph-crud-auth",
      "https://store.example/ds/data",
      "http://[::1]:3030/ds/data?x=1",
  };
  static const char *const bad[] = {
      "htp://127.0.0.1/x", "not a url",          "http://",
      "ftp://host/x",      "file:///etc/passwd", "",
  };
  for (size_t i = 0; i < sizeof good / sizeof *good; ++i) {
    char *printed = NULL;
    kg_http *h = NULL;
    assert_int_equal(open_endpoint(good[i], &printed, &h), KG_OK);
    assert_non_null(h);
    assert_string_equal(kg_http_endpoint(h), good[i]);
    assert_string_equal(printed, "");
    kg_http_free(h);
    free(printed);
  }
  for (size_t i = 0; i < sizeof bad / sizeof *bad; ++i) {
    char *printed = NULL;
    kg_http *h = NULL;
    assert_int_equal(open_endpoint(bad[i], &printed, &h), KG_ERR_IO);
    assert_null(h);
    assert_non_null(strstr(printed, "malformed store URL"));
    free(printed);
  }
}

static void test_password_in_url(void **state)
{
  (void)state;
  char *printed = NULL;
  kg_http *h = NULL;
  assert_int_equal(
      open_endpoint("http://dba:s3cret@127.0.0.1:1/x?graph=a@b", &printed, &h),
      KG_ERR_IO);
  assert_null(h);
  assert_non_null(strstr(printed, "a user name in the URL"));
  assert_null(strstr(printed, "s3cret"));
  assert_null(strstr(printed, "dba"));
  /* what follows the authority is kept: an '@' there is not userinfo */
  assert_non_null(strstr(printed, "http://127.0.0.1:1/x?graph=a@b: error"));
  free(printed);
}

static void test_unreachable(void **state)
{
  (void)state;
  char *printed = NULL;
  size_t len = 0;
  FILE *out = open_memstream(&printed, &len);
  kg_diag *diag = kg_diag_new(out, KG_DIAG_TEXT, false);
  kg_http *h = NULL;
  /* port 1 on loopback: nobody listens, the connection is refused */
  assert_int_equal(kg_http_new("http://127.0.0.1:1/x", &limits, diag, NULL, &h),
                   KG_OK);
  kg_http_reply r;
  assert_int_equal(
      kg_http_request(h, "GET", "urn:x:g", NULL, NULL, NULL, 0, &r), KG_ERR_IO);
  assert_int_equal(r.attempts, 1); /* refused is not retried */
  kg_http_free(h);
  kg_diag_free(diag);
  fclose(out);
  assert_non_null(strstr(printed, "cannot reach the store"));
  free(printed);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_endpoints),
      cmocka_unit_test(test_password_in_url),
      cmocka_unit_test(test_unreachable),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
