/* test_free_null.c - every destructor accepts NULL and does nothing (the
 * house rule serd's test_free_null.c checks): cleanup code can then free
 * whatever it has without asking what was made.  tests/t/10-unit.t checks
 * that every `void kg_..._free(` declared in a header of src/ is called
 * here.  Those that take a caller's struct (model, ontology, vector) also
 * accept one that is zeroed but was never initialised, as after a failed
 * init. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "arena.h"
#include "build.h"
#include "diag.h"
#include "factbase.h"
#include "graph.h"
#include "http.h"
#include "json.h"
#include "kg.h"
#include "lsp_base.h"
#include "lsp_diags.h"
#include "model.h"
#include "ontology.h"
#include "rdf.h"
#include "reader.h"
#include "rpc.h"
#include "serialize.h"
#include "sha256.h"
#include "xml.h"

static void test_free_null(void **state)
{
  (void)state;
  kg_free(NULL);
  kg_pages_free(NULL, 0);
  kg_arena_free(NULL);
  kg_map_free(NULL);
  kg_vec_free(NULL);
  kg_diag_free(NULL);
  kg_factbase_free(NULL);
  kg_disk_trees_free(NULL);
  kg_graph_free(NULL);
  kg_http_free(NULL);
  kg_graph_buffer_free(NULL);
  kg_jsonld_free(NULL);
  kg_lsp_base_free(NULL);
  kg_lsp_diags_free(NULL);
  kg_model_free(NULL);
  kg_ontology_free(NULL);
  kg_rdf_free(NULL);
  kg_reader_free(NULL);
  kg_rpc_value_free(NULL);
  kg_serializer_free(NULL);
  kg_sha256_free(NULL);
  kg_xml_free(NULL);
}

static void test_free_zeroed(void **state)
{
  (void)state;
  kg_vec vec = {0};
  kg_vec_free(&vec);
  kg_model model = {0};
  kg_model_free(&model);
  kg_ontology onto = {0};
  kg_ontology_free(&onto);
}

/* Adopting NULL is allowed too (arena.h), and leaves the arena usable. */
static void test_adopt_null(void **state)
{
  (void)state;
  kg_arena *arena = kg_arena_new();
  assert_non_null(arena);
  kg_arena_adopt(arena, NULL);
  void *p = kg_arena_alloc(arena, 16);
  assert_non_null(p);
  kg_arena_free(arena);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_free_null),
      cmocka_unit_test(test_free_zeroed),
      cmocka_unit_test(test_adopt_null),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
