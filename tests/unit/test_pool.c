/* test_pool.c - exports written at once.  The pool (pool.h) runs every
 * job once, costliest first, and reports in the order of the jobs however
 * the threads ran; the graph's text values are made in buffers the caller
 * owns (graph.h), so two writers reading the same attribute do not
 * overwrite each other's values; and every export written by the pool on
 * several threads has the bytes it has when written alone. */
#define _GNU_SOURCE /* open_memstream */
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
#include "pool.h"
#include "publish.h"
#include "rdf.h"
#include "triples.h"

#ifndef KG_TEST_ONTOLOGY
#define KG_TEST_ONTOLOGY "tests/good/ontology"
#endif

#define BASE "https://example.org/id/"

/* Two people with several names each and an edge citing two sources:
 * every kind of text value made on demand (IRI, joined column, sources). */
static const char facts[] = "sources:\n"
                            "  - id: src-a\n"
                            "    title: Source A\n"
                            "  - id: src-b\n"
                            "    title: Source B\n"
                            "people:\n"
                            "  - id: wang-lei\n"
                            "    name: {en: Wang Lei}\n"
                            "    alt-name: [Lei Wang, W. Lei]\n"
                            "    counterpart-of: christopher-painter\n"
                            "    source: [src-a, src-b]\n"
                            "  - id: christopher-painter\n"
                            "    name: {en: Christopher Painter}\n"
                            "    alt-name: Chris\n"
                            "    source: src-b\n";

typedef struct {
  kg_arena *arena;
  kg_map *strings;
  kg_rdf *rdf;
  kg_diag *diag;
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
  f->arena = kg_arena_new();
  f->strings = kg_map_new(f->arena);
  f->rdf = kg_rdf_new();
  f->diag = kg_diag_new(stderr, KG_DIAG_TEXT, false);
  if (!f->strings || !f->rdf || !f->diag ||
      kg_ontology_load(&f->onto, f->arena, f->strings, f->rdf, f->diag,
                       KG_TEST_ONTOLOGY) != KG_OK ||
      kg_model_init(&f->model, f->arena, f->strings, &f->onto) != KG_OK ||
      kg_load_buffer(f->arena, f->diag, "two.yaml", facts, sizeof facts - 1,
                     &root) != KG_OK ||
      kg_model_add_file(&f->model, f->diag, "two.yaml", root) != KG_OK ||
      kg_check(&f->model, f->diag) != KG_OK ||
      kg_graph_build(&f->model, BASE, &f->graph) != KG_OK ||
      kg_graph_analyse(f->graph) != KG_OK)
    return -1;
  f->net = (kg_network){&f->onto, &f->model, f->graph, BASE};
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
  free(f);
  return 0;
}

static size_t attribute_named(const kg_graph *g, bool vertex, const char *name)
{
  for (size_t a = 0; a < kg_graph_attribute_count(g, vertex); ++a)
    if (!strcmp(kg_graph_attribute(g, vertex, a).name, name))
      return a;
  fail_msg("no attribute %s", name);
  return 0;
}

static size_t vertex_named(const kg_graph *g, const char *id)
{
  for (size_t v = 0; v < kg_graph_vertex_count(g); ++v)
    if (!strcmp(kg_graph_vertex_id(g, v), id))
      return v;
  fail_msg("no vertex %s", id);
  return 0;
}

/* The same attribute of two vertices read into two buffers: the first
 * value is still there after the second read.  (With the buffers inside
 * the graph, the second read overwrote the first: which is why the
 * exports reading the graph had to share one thread.) */
static void test_buffers_are_the_callers(void **state)
{
  fixture *f = *state;
  const kg_graph *g = f->graph;
  size_t iri = attribute_named(g, true, "iri");
  size_t alt = attribute_named(g, true, "alt_name");
  size_t sources = attribute_named(g, false, "sources");
  size_t wang = vertex_named(g, "wang-lei");
  size_t chris = vertex_named(g, "christopher-painter");
  kg_graph_buffer *one = kg_graph_buffer_new(g), *two = kg_graph_buffer_new(g);
  assert_non_null(one);
  assert_non_null(two);

  const char *first = kg_graph_text(g, one, true, iri, wang);
  const char *second = kg_graph_text(g, two, true, iri, chris);
  assert_string_equal(first, BASE "wang-lei");
  assert_string_equal(second, BASE "christopher-painter");

  first = kg_graph_text(g, one, true, alt, wang);
  second = kg_graph_text(g, two, true, alt, chris);
  /* a key of many values: a JSON array (docs/modelling.md) */
  assert_string_equal(first, "[\"Lei Wang\",\"W. Lei\"]");
  assert_string_equal(second, "[\"Chris\"]");

  assert_int_equal(kg_graph_edge_count(g), 1);
  first = kg_graph_text(g, one, false, sources, 0);
  second = kg_graph_text(g, two, true, iri, wang);
  assert_string_equal(first, "src-a src-b"); /* ids: space-separated */
  assert_string_equal(second, BASE "wang-lei");

  kg_graph_buffer_free(one);
  kg_graph_buffer_free(two);
  kg_graph_buffer_free(NULL); /* a no-op, as every destructor */
}

/* ---- the pool ----------------------------------------------------------- */

enum { JOBS = 8 };

typedef struct {
  unsigned runs[JOBS]; /* each written by the one thread running job i */
  bool one_thread;
  size_t started[JOBS]; /* with one thread: the order jobs ran in */
  size_t next;
} record;

static kg_status counted_job(void *ctx, size_t i, kg_diag *diag)
{
  record *r = ctx;
  r->runs[i]++;
  if (r->one_thread)
    r->started[r->next++ % JOBS] = i;
  kg_error(diag, (kg_pos){0}, "test", "job %zu", i);
  return i == 2 ? KG_ERR_IO : i == 5 ? KG_ERR_NOMEM : KG_OK;
}

static const unsigned costs[JOBS] = {1, 9, 3, 3, 7, 0, 2, 5};

static void run_pool(unsigned threads)
{
  record r = {{0}, threads <= 1, {0}, 0};
  char *text = NULL;
  size_t size = 0;
  FILE *out = open_memstream(&text, &size);
  assert_non_null(out);
  kg_diag *diag = kg_diag_new(out, KG_DIAG_TEXT, false);
  assert_non_null(diag);
  kg_status st = kg_pool_run(JOBS, costs, threads, counted_job, &r, diag, NULL);
  /* The first failure in the order of the jobs, not of the threads. */
  assert_int_equal(st, KG_ERR_IO);
  assert_int_equal(kg_diag_errors(diag), JOBS);
  kg_diag_free(diag);
  fclose(out);
  const char *at = text;
  for (size_t i = 0; i < JOBS; ++i) {
    char want[16];
    assert_int_equal(r.runs[i], 1); /* every job once */
    snprintf(want, sizeof want, "job %zu", i);
    at = strstr(at, want); /* printed in the order of the jobs */
    if (!at)
      fail_msg("%u threads: '%s' missing or out of order in:\n%s", threads,
               want, text);
  }
  if (threads <= 1) { /* costliest first; equal costs in job order */
    static const size_t order[JOBS] = {1, 4, 7, 2, 3, 6, 0, 5};
    for (size_t k = 0; k < JOBS; ++k)
      assert_int_equal(r.started[k], order[k]);
  }
  free(text);
}

static void test_pool_runs_every_job_once(void **state)
{
  (void)state;
  for (int round = 0; round < 20; ++round)
    for (unsigned threads = 0; threads <= 9; ++threads)
      run_pool(threads);
}

static void test_pool_interrupted(void **state)
{
  (void)state;
  record r = {{0}, false, {0}, 0};
  volatile sig_atomic_t interrupted = 1;
  kg_diag *diag = kg_diag_new(stderr, KG_DIAG_TEXT, false);
  assert_non_null(diag);
  assert_int_equal(
      kg_pool_run(JOBS, costs, 4, counted_job, &r, diag, &interrupted),
      KG_ERR_INTERRUPTED);
  for (size_t i = 0; i < JOBS; ++i)
    assert_int_equal(r.runs[i], 0);
  kg_diag_free(diag);
}

/* ---- every export at once ----------------------------------------------- */

typedef struct {
  const kg_network *net;
  char *text[32];
  size_t size[32];
} outputs;

static kg_status write_job(void *ctx, size_t i, kg_diag *diag)
{
  outputs *o = ctx;
  if (kg_backends[i].write_dir) /* a directory (the site): not a stream */
    return KG_OK;
  FILE *out = open_memstream(&o->text[i], &o->size[i]);
  if (!out)
    return KG_ERR_NOMEM;
  kg_status st =
      kg_emit_stream(o->net, &kg_backends[i], out, kg_backends[i].name, diag);
  fclose(out);
  return st;
}

static void free_outputs(outputs *o)
{
  for (size_t i = 0; i < kg_backend_count; ++i)
    free(o->text[i]);
}

/* Each export written alone, then all of them by the pool on 1 to 8
 * threads, as publish.c does (setups first): the same bytes every time. */
static void test_exports_at_once(void **state)
{
  fixture *f = *state;
  outputs alone = {&f->net, {0}, {0}};
  unsigned cost[32];
  assert_true(kg_backend_count <= 32);
  for (size_t i = 0; i < kg_backend_count; ++i) {
    assert_int_equal(write_job(&alone, i, f->diag), KG_OK);
    cost[i] = kg_backends[i].cost;
    if (kg_backends[i].setup)
      kg_backends[i].setup();
  }
  for (int round = 0; round < 10; ++round)
    for (unsigned threads = 1; threads <= 8; ++threads) {
      outputs at_once = {&f->net, {0}, {0}};
      assert_int_equal(kg_pool_run(kg_backend_count, cost, threads, write_job,
                                   &at_once, f->diag, NULL),
                       KG_OK);
      for (size_t i = 0; i < kg_backend_count; ++i)
        if (at_once.size[i] != alone.size[i] ||
            (alone.size[i] &&
             memcmp(at_once.text[i], alone.text[i], alone.size[i])))
          fail_msg("%s on %u threads differs from %s alone",
                   kg_backends[i].name, threads, kg_backends[i].name);
      free_outputs(&at_once);
    }
  free_outputs(&alone);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_pool_runs_every_job_once),
      cmocka_unit_test(test_pool_interrupted),
      cmocka_unit_test_setup_teardown(test_buffers_are_the_callers, setup,
                                      teardown),
      cmocka_unit_test_setup_teardown(test_exports_at_once, setup, teardown),
  };
  return cmocka_run_group_tests_name("pool", tests, NULL, NULL);
}
