/* test_publish.c - every export reports a write that fails at any byte
 * offset: serd's test_write_errors technique.  The network is built once
 * from a tiny fact base; then, for each backend, the export is written to a
 * stream that fails with ENOSPC once N bytes are in, for every N from 0 to
 * the export's size - 1, and kg_emit_stream must say KG_ERR_IO every time
 * (raptor2 and igraph report success on a full disk: this is the check
 * that kgbuild's own checks catch it).  With enough room, the export is
 * written whole and KG_OK. */
#define _GNU_SOURCE /* fopencookie */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "backends.h"
#include "check.h"
#include "graph.h"
#include "load.h"
#include "model.h"
#include "ontology.h"
#include "publish.h"
#include "rdf.h"
#include "triples.h"
#include "xml.h"

#ifndef KG_TINY_ONTOLOGY
#define KG_TINY_ONTOLOGY "tests/reliability/tiny/ontology"
#endif

static const char facts[] =
    "sources:\n"
    "  - id: src\n"
    "    title: \"A source \\\"quoted\\\" <b> & ]]> \\r\\n end\"\n";

typedef struct {
  kg_arena *arena;
  kg_map *strings;
  kg_rdf *rdf;
  kg_diag *diag;
  FILE *sink;
  kg_ontology onto;
  kg_model model;
  kg_graph *graph;
  kg_network net;
} fixture;

static int setup(void **state)
{
  fixture *f = calloc(1, sizeof *f);
  kg_ynode *root = NULL;
  if (!f)
    return -1;
  f->sink = fopen("/dev/null", "w");
  f->arena = kg_arena_new();
  f->strings = kg_map_new(f->arena);
  f->rdf = kg_rdf_new();
  f->diag = kg_diag_new(stderr, KG_DIAG_TEXT, false);
  if (!f->sink || !f->strings || !f->rdf || !f->diag ||
      kg_ontology_load(&f->onto, f->arena, f->strings, f->rdf, f->diag,
                       KG_TINY_ONTOLOGY) != KG_OK ||
      kg_model_init(&f->model, f->arena, f->strings, &f->onto) != KG_OK ||
      kg_load_buffer(f->arena, f->diag, "tiny.yaml", facts, sizeof facts - 1,
                     &root) != KG_OK ||
      kg_model_add_file(&f->model, f->diag, "tiny.yaml", root) != KG_OK ||
      kg_check(&f->model, f->diag) != KG_OK ||
      kg_graph_build(&f->model, "https://example.org/id/", &f->graph) !=
          KG_OK ||
      kg_graph_analyse(f->graph) != KG_OK)
    return -1;
  f->net =
      (kg_network){&f->onto, &f->model, f->graph, "https://example.org/id/"};
  *state = f;
  return 0;
}

static int teardown(void **state)
{
  fixture *f = *state;
  kg_graph_free(f->graph);
  kg_model_free(&f->model);
  kg_ontology_free(&f->onto);
  kg_rdf_free(f->rdf);
  kg_map_free(f->strings);
  kg_arena_free(f->arena);
  kg_diag_free(f->diag);
  fclose(f->sink);
  free(f);
  return 0;
}

typedef struct {
  size_t left;
} budget;

static ssize_t faulty_write(void *cookie, const char *buf, size_t size)
{
  budget *b = cookie;
  (void)buf;
  if (size > b->left) {
    b->left = 0;
    errno = ENOSPC;
    return -1;
  }
  b->left -= size;
  return (ssize_t)size;
}

static size_t export_size(fixture *f, const kg_backend *backend)
{
  char *text = NULL;
  size_t size = 0;
  FILE *mem = open_memstream(&text, &size);
  assert_non_null(mem);
  assert_int_equal(kg_emit_stream(&f->net, backend, mem, "mem", f->diag),
                   KG_OK);
  fclose(mem);
  free(text);
  return size;
}

static void test_every_offset(void **state)
{
  fixture *f = *state;
  /* Diagnostics of the thousands of failures are expected: not shown. */
  kg_diag *quiet = kg_diag_new(f->sink, KG_DIAG_TEXT, false);
  size_t tried = 0;
  assert_non_null(quiet);
  for (size_t i = 0; i < kg_backend_count; ++i) {
    const kg_backend *backend = &kg_backends[i];
    if (backend->write_dir) /* a directory (the site): not a stream */
      continue;
    size_t size = export_size(f, backend);
    assert_true(size > 0);
    for (size_t n = 0; n <= size; ++n) {
      budget b = {n};
      /* Unbuffered: every byte the writer hands over reaches the cookie,
       * so offset n really is where the disk fills up. */
      FILE *out =
          fopencookie(&b, "w", (cookie_io_functions_t){.write = faulty_write});
      assert_non_null(out);
      setvbuf(out, NULL, _IONBF, 0);
      kg_status st =
          kg_emit_stream(&f->net, backend, out, backend->name, quiet);
      fclose(out);
      if (n < size && st != KG_ERR_IO) {
        print_error("%s: a write failing at byte %zu of %zu gave status %d\n",
                    backend->name, n, size, (int)st);
        fail();
      }
      if (n == size && st != KG_OK) {
        print_error("%s: with exactly %zu bytes of room: status %d\n",
                    backend->name, size, (int)st);
        fail();
      }
      ++tried;
    }
  }
  kg_diag_free(quiet);
  print_message("[   INFO   ] %zu write failures tried over %zu exports\n",
                tried, kg_backend_count);
}

/* The network writers' numbers by hand are what snprintf writes: ids
 * with a prefix, and "%.0f" for every double, whole or not. */
static void test_xml_numbers(void **state)
{
  (void)state;
  char got[64], want[64];
  kg_xml_decimal(got, "n", 0);
  assert_string_equal(got, "n0");
  kg_xml_decimal(got, "e", UINT64_MAX);
  assert_string_equal(got, "e18446744073709551615");
  kg_xml_decimal(got, "", 1234567890);
  assert_string_equal(got, "1234567890");
  const double values[] = {0.0,
                           -0.0,
                           1,
                           -1,
                           9,
                           10,
                           99,
                           100,
                           -987654321,
                           999999999999999999.0,
                           1e18,
                           -1e18,
                           1e300,
                           -1e300,
                           2.5,
                           2.7,
                           -2.5,
                           0.49,
                           4503599627370497.0,
                           9007199254740993.0};
  for (size_t i = 0; i < sizeof values / sizeof *values; ++i) {
    kg_xml_integer(values[i], got, sizeof got);
    snprintf(want, sizeof want, "%.0f", values[i]);
    assert_string_equal(got, want);
  }
  uint64_t x = 88172645463325252u; /* xorshift: many magnitudes and signs */
  for (int i = 0; i < 100000; ++i) {
    x ^= x << 13, x ^= x >> 7, x ^= x << 17;
    double v = (double)(int64_t)x / (double)(UINT64_C(1) << (x % 40));
    kg_xml_integer(v, got, sizeof got);
    snprintf(want, sizeof want, "%.0f", v);
    if (strcmp(got, want))
      fail_msg("%.17g: got %s, want %s", v, got, want);
  }
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_xml_numbers),
      cmocka_unit_test_setup_teardown(test_every_offset, setup, teardown),
  };
  return cmocka_run_group_tests_name("publish", tests, NULL, NULL);
}
