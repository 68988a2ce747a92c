/* fuzz_lsp.c - libFuzzer harness for the whole language server (kgbuild
 * lsp): each input is what an editor writes to the server after
 * `initialize`, which the harness sends first (rootUri: a small fact base
 * it wrote in a temporary directory at start-up).  Documents opened,
 * changed and closed, requests at any position, with any text: the server
 * must answer and end at the end of the input with KG_OK or KG_ERR_FACTS
 * (`exit` before `shutdown`), never crash, leak, read out of bounds or
 * hang.  Its answers go to /dev/null; fuzz_rpc covers the reader alone,
 * faster. */
#include "fuzz_common.h"
#include "lsp.h"

#include <sys/stat.h>

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static char base[64] = "/tmp/kgbuild-fuzz-lsp.XXXXXX";
static char prefix[512];
static size_t prefix_len;

static const char facts[] = "sources:\n"
                            "  - id: src\n"
                            "    type: article\n"
                            "    title: A title\n"
                            "people:\n"
                            "  - id: li-hua\n"
                            "    name: {en: Li Hua, zh: \"\\u674e\\u534e\"}\n"
                            "    source: src\n"
                            "    quote: \"Li Hua\"\n";

static void write_base(void)
{
  char path[128];
  if (!mkdtemp(base))
    exit(2);
  snprintf(path, sizeof path, "%s/facts", base);
  if (mkdir(path, 0700) != 0)
    exit(2);
  snprintf(path, sizeof path, "%s/facts/a.yaml", base);
  FILE *f = fopen(path, "w");
  if (!f || fputs(facts, f) < 0 || fclose(f) != 0)
    exit(2);
  char body[300];
  int n = snprintf(body, sizeof body,
                   "{\"jsonrpc\":\"2.0\",\"id\":0,\"method\":\"initialize\","
                   "\"params\":{\"rootUri\":\"file://%s\"}}",
                   base);
  prefix_len = (size_t)snprintf(prefix, sizeof prefix,
                                "Content-Length: %d\r\n\r\n%s", n, body);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
  (void)argc;
  (void)argv;
  kg_fuzz_init();
  write_base();
  return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
  char *stream = malloc(prefix_len + size + 1);
  if (!stream)
    return 0;
  memcpy(stream, prefix, prefix_len);
  if (size)
    memcpy(stream + prefix_len, data, size);
  FILE *in = fmemopen(stream, prefix_len + size, "rb");
  if (!in) {
    free(stream);
    return 0;
  }
  kg_status st = kg_lsp_serve(&kg_fuzz.onto, kg_fuzz.strings, in,
                              kg_fuzz.devnull, NULL, NULL, 1);
  if (st != KG_OK && st != KG_ERR_FACTS) {
    fprintf(stderr, "fuzz_lsp: kg_lsp_serve returned %d\n", (int)st);
    abort();
  }
  fclose(in);
  free(stream);
  return 0;
}
