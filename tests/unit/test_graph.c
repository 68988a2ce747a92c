/* test_graph.c - the network (graph.h) at its public header, on a small
 * graph whose measures are known:
 *
 *   b -> a <- c <- d      e      src-a      (part-of links; 6 vertices)
 *
 * Vertices are the entities in id order (a b c d e src-a), edges the three
 * asserted links.  By hand: in-degree a 2, c 1; out-degree b, c, d 1;
 * betweenness (directed, unnormalised) 1 for c (d -> a passes it), 0
 * elsewhere; weakly connected components {a b c d} {e} {src-a}, numbered by
 * their first vertex.  PageRank (damping d = 0.85, dangling vertices a, e
 * and src-a spread uniformly): the four vertices without in-links share a
 * rank x, c = x(1 + d), a = x(1 + d)^2, and the ranks sum to 1, so
 * x = 1 / (6 + 3d + d^2) = 0.10784578053383...  networkx 2.8
 * (pagerank, alpha=0.85) gives the same to 1e-15. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "network.h"

/* The index of a vertex attribute, by name. */
static size_t attribute(const kg_graph *g, const char *name)
{
  size_t n = kg_graph_attribute_count(g, true);
  for (size_t a = 0; a < n; ++a)
    if (!strcmp(kg_graph_attribute(g, true, a).name, name))
      return a;
  fail_msg("no vertex attribute '%s'", name);
  return 0;
}

static void expect_measure(const kg_graph *g, const char *name,
                           const double want[N], double tolerance)
{
  size_t a = attribute(g, name);
  for (size_t v = 0; v < N; ++v) {
    double got = kg_graph_number(g, true, a, v);
    if (!(fabs(got - want[v]) <= tolerance))
      fail_msg("%s of %s: %.17g, want %.17g", name, ids[v], got, want[v]);
  }
}

static void test_shape(void **state)
{
  const kg_graph *g = ((fixture *)*state)->graph;
  assert_int_equal(kg_graph_vertex_count(g), N);
  assert_int_equal(kg_graph_edge_count(g), 3);
  for (size_t v = 0; v < N; ++v)
    assert_string_equal(kg_graph_vertex_id(g, v), ids[v]);
  assert_string_equal(kg_graph_vertex_type(g, 5), "source");
  assert_string_equal(kg_graph_vertex_label(g, 0), "A");
  /* Edges in statement order: by subject, so b->a, c->a, d->c. */
  static const size_t ends[3][2] = {{1, 0}, {2, 0}, {3, 2}};
  for (size_t e = 0; e < 3; ++e) {
    size_t from = 99, to = 99;
    kg_graph_edge_ends(g, e, &from, &to);
    assert_int_equal(from, ends[e][0]);
    assert_int_equal(to, ends[e][1]);
    assert_string_equal(kg_graph_edge_key(g, e), "part-of");
  }
}

static void test_degrees(void **state)
{
  const kg_graph *g = ((fixture *)*state)->graph;
  expect_measure(g, "degree_in", (double[N]){2, 0, 1, 0, 0, 0}, 0);
  expect_measure(g, "degree_out", (double[N]){0, 1, 1, 1, 0, 0}, 0);
}

static void test_betweenness(void **state)
{
  const kg_graph *g = ((fixture *)*state)->graph;
  expect_measure(g, "betweenness", (double[N]){0, 0, 1, 0, 0, 0}, 1e-12);
}

static void test_pagerank(void **state)
{
  const kg_graph *g = ((fixture *)*state)->graph;
  const double d = 0.85, x = 1 / (6 + 3 * d + d * d);
  expect_measure(g, "pagerank",
                 (double[N]){x * (1 + d) * (1 + d), x, x * (1 + d), x, x, x},
                 1e-12);
  /* networkx's values, as printed. */
  expect_measure(g, "pagerank",
                 (double[N]){0.36910218387705573, 0.1078457805338365,
                             0.19951469398759786, 0.1078457805338365,
                             0.1078457805338365, 0.1078457805338365},
                 1e-12);
}

static void test_components(void **state)
{
  const kg_graph *g = ((fixture *)*state)->graph;
  expect_measure(g, "component", (double[N]){0, 0, 0, 0, 1, 2}, 0);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_shape),       cmocka_unit_test(test_degrees),
      cmocka_unit_test(test_betweenness), cmocka_unit_test(test_pagerank),
      cmocka_unit_test(test_components),
  };
  return cmocka_run_group_tests(tests, setup, teardown);
}
