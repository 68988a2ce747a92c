/* fuzz_load.c - libFuzzer harness for the YAML front end (reliability.md
 * T13): each input is one fact file, run through load, model and check
 * against the repository's ontology, with diagnostics to /dev/null.
 * Whatever the bytes, kgbuild must return a status, never crash, leak,
 * read out of bounds or hang; libFuzzer with ASan and UBSan checks that.
 *
 * The ontology is loaded once, in LLVMFuzzerInitialize ($KG_ONTOLOGY, else
 * the repository's ontology/, found from the binary).  Each input gets its
 * own arena, interned strings, model and diagnostic sink: the sink keeps a
 * pointer to the text it shows excerpts of, and libFuzzer frees the input
 * after each run, so one sink for the whole process would hold dangling
 * pointers (and grow with every input).  The sink writes to a FILE* on
 * /dev/null opened once. */
#include "check.h"
#include "fuzz_common.h"
#include "load.h"
#include "model.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
  (void)argc;
  (void)argv;
  kg_fuzz_init();
  return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
  /* kgbuild itself refuses files over KG_MAX_FILE_BYTES before loading. */
  if (size > KG_MAX_FILE_BYTES)
    return -1;
  kg_diag *diag = kg_diag_new(kg_fuzz.devnull, KG_DIAG_TEXT, false);
  kg_arena *arena = kg_arena_new();
  kg_map *strings = arena ? kg_map_new(arena) : NULL;
  kg_model model = {0};
  kg_ynode *root = NULL;
  if (!diag || !strings)
    abort(); /* out of memory in set-up: nothing to learn from it */
  kg_status st = kg_load_buffer(arena, diag, "fuzz.yaml", (const char *)data,
                                size, &root);
  if (st == KG_OK && kg_model_init(&model, arena, strings, &kg_fuzz.onto) == KG_OK) {
    st = kg_model_add_file(&model, diag, "fuzz.yaml", root);
    /* As the driver does (src/main.c run()): check only a clean model. */
    if (st == KG_OK)
      st = kg_check(&model, diag);
  }
  /* The status must be one of the statuses, and an error must have said
   * why: a rejection with no diagnostic is a silent failure. */
  if (st == KG_ERR_FACTS && kg_diag_errors(diag) == 0) {
    fprintf(stderr, "fuzz_load: facts rejected without any diagnostic\n");
    abort();
  }
  if (st != KG_OK && st != KG_ERR_FACTS && st != KG_ERR_NOMEM) {
    fprintf(stderr, "fuzz_load: unexpected status %d\n", (int)st);
    abort();
  }
  kg_model_free(&model);
  kg_map_free(strings);
  kg_arena_free(arena);
  kg_diag_free(diag);
  return 0;
}
