/* network.h - the small analysed network of test_graph.c and
 * test_stats.c (its measures are worked out by hand in test_graph.c):
 *
 *   b -> a <- c <- d      e      src-a      (part-of links; 6 vertices)
 *
 * setup models, checks, builds and analyses it; teardown frees it.
 * Included by one test file each, so its definitions are static. */
#ifndef KG_TEST_NETWORK_H
#define KG_TEST_NETWORK_H

#include "graph.h"
#include "pipeline.h"

static const char facts[] = "sources:\n"
                            "  - id: src-a\n"
                            "    title: Source A\n"
                            "organisations:\n"
                            "  - id: d\n"
                            "    name: {en: D}\n"
                            "    part-of: c\n"
                            "    source: src-a\n"
                            "  - id: a\n"
                            "    name: {en: A}\n"
                            "    source: src-a\n"
                            "  - id: c\n"
                            "    name: {en: C}\n"
                            "    part-of: a\n"
                            "    source: src-a\n"
                            "  - id: b\n"
                            "    name: {en: B}\n"
                            "    part-of: a\n"
                            "    source: src-a\n"
                            "  - id: e\n"
                            "    name: {en: E}\n"
                            "    source: src-a\n";

static const char *const ids[] = {"a", "b", "c", "d", "e", "src-a"};
enum { N = 6 };

typedef struct {
  pipeline p;
  kg_graph *graph;
} fixture;

static int setup(void **state)
{
  fixture *f = calloc(1, sizeof *f);
  *state = f;
  if (!f || pipeline_open(&f->p, KG_ONTOLOGY_DIR) != KG_OK ||
      pipeline_add(&f->p, "t.yaml", facts) != KG_OK ||
      kg_check(&f->p.model, f->p.diag) != KG_OK ||
      kg_graph_build(&f->p.model, "https://example.org/id/", &f->graph) !=
          KG_OK ||
      kg_graph_analyse(f->graph) != KG_OK) {
    if (f)
      fprintf(stderr, "%s", pipeline_diagnostics(&f->p));
    return -1;
  }
  return 0;
}

static int teardown(void **state)
{
  fixture *f = *state;
  if (f) {
    kg_graph_free(f->graph);
    pipeline_close(&f->p);
    free(f);
  }
  return 0;
}

#endif
