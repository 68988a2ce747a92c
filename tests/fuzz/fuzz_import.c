/* fuzz_import.c - libFuzzer harness for `kgbuild import` (src/import*.c):
 * an input's first byte picks the format ('0' popolo, '1' ftm, '2'
 * wikidata, '3' csv with tests/import/officials.mapping.yaml; any byte
 * modulo 4), the rest is the file.  It is read, mapped and written as a
 * fact file in memory (kg_import_buffer) against the repository's
 * ontology, diagnostics to /dev/null.  Whatever the bytes, it must return a
 * status, never crash, leak, read out of bounds or hang. */
#include "fuzz_common.h"
#include "import.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#ifndef KG_FUZZ_MAPPING
#define KG_FUZZ_MAPPING "tests/import/officials.mapping.yaml"
#endif

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
  (void)argc;
  (void)argv;
  kg_fuzz_init();
  return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
  static const char *const formats[] = {"popolo", "ftm", "wikidata", "csv"};
  if (size == 0)
    return 0;
  /* The readers take NUL-terminated text, as read_input gives it. */
  char *text = malloc(size);
  if (!text)
    return 0;
  memcpy(text, data + 1, size - 1);
  text[size - 1] = '\0';
  kg_diag *diag = kg_diag_new(kg_fuzz.devnull, KG_DIAG_TEXT, false);
  char *yaml = NULL;
  size_t len = 0;
  if (diag) {
    kg_status st =
        kg_import_buffer(formats[data[0] % 4], "input", text, size - 1,
                         KG_FUZZ_MAPPING, &kg_fuzz.onto, diag, &yaml, &len);
    (void)st;
  }
  free(yaml);
  kg_diag_free(diag);
  free(text);
  return 0;
}
