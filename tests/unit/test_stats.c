/* test_stats.c - `kgbuild stats` (stats.h) over a small analysed network
 * (network.h, test_graph.c's): the JSON read back with jansson, as a
 * script would: the counts, every entity once with its measures, highest
 * PageRank first, ties by id; the table names every entity; a failed
 * stream is KG_ERR_IO. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <jansson.h>

#include "network.h"
#include "stats.h"

/* What kg_stats_print wrote, as a string the caller frees. */
static char *printed(const kg_graph *g, bool json)
{
  char *text = NULL;
  size_t len = 0;
  FILE *out = open_memstream(&text, &len);
  assert_non_null(out);
  assert_int_equal(kg_stats_print(g, out, json), KG_OK);
  assert_int_equal(fclose(out), 0);
  return text;
}

static void test_json(void **state)
{
  const kg_graph *g = ((fixture *)*state)->graph;
  char *text = printed(g, true);
  json_error_t err;
  json_t *v = json_loads(text, 0, &err);
  if (!v)
    fail_msg("not JSON: %s", err.text);
  assert_int_equal(json_integer_value(json_object_get(v, "nodes")), N);
  assert_int_equal(json_integer_value(json_object_get(v, "edges")), 3);
  json_t *rows = json_object_get(v, "vertices");
  assert_int_equal(json_array_size(rows), N);
  bool seen[N] = {false};
  double last = 2.0;
  const char *last_id = "";
  for (size_t i = 0; i < N; ++i) {
    json_t *row = json_array_get(rows, i);
    const char *id = json_string_value(json_object_get(row, "id"));
    double rank = json_number_value(json_object_get(row, "pagerank"));
    assert_non_null(id);
    size_t k = 0;
    while (k < N && strcmp(ids[k], id))
      ++k;
    assert_true(k < N);
    if (k < N) { /* (cppcheck knows not that assert_true stops the case) */
      assert_false(seen[k]);
      seen[k] = true;
    }
    assert_true(rank <= last);
    if (rank == last)
      assert_true(strcmp(last_id, id) < 0);
    last = rank;
    last_id = id;
    assert_non_null(json_object_get(row, "betweenness"));
    assert_non_null(json_object_get(row, "community"));
  }
  /* a, with two parts and a grandchild, ranks first */
  assert_string_equal(
      json_string_value(json_object_get(json_array_get(rows, 0), "id")), "a");
  json_decref(v);
  free(text);
}

static void test_table(void **state)
{
  const kg_graph *g = ((fixture *)*state)->graph;
  char *text = printed(g, false);
  for (size_t i = 0; i < N; ++i) {
    bool found = false;
    for (const char *s = text; (s = strstr(s, ids[i])); ++s)
      found = found || s == text || s[-1] == ' ' || s[-1] == '\n';
    assert_true(found);
  }
  free(text);
}

static void test_full(void **state)
{
  const kg_graph *g = ((fixture *)*state)->graph;
  FILE *full = fopen("/dev/full", "w");
  if (!full)
    skip();
  setvbuf(full, NULL, _IONBF, 0);
  assert_int_equal(kg_stats_print(g, full, true), KG_ERR_IO);
  fclose(full);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test_setup_teardown(test_json, setup, teardown),
      cmocka_unit_test_setup_teardown(test_table, setup, teardown),
      cmocka_unit_test_setup_teardown(test_full, setup, teardown),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
