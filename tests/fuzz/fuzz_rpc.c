/* fuzz_rpc.c - libFuzzer harness for the language server's message reader
 * (kgbuild lsp, src/rpc.c): each input is a byte stream as an editor would
 * write to the server's standard input.  Every message framed in it is
 * read with a small size cap (so that the "too large, skipped" path runs
 * too), its lone surrogates mended (kg_rpc_mend_surrogates), parsed as JSON,
 * and queried the way the server queries messages; its text also goes through
 * the UTF-16 position conversions and the URI decoding.  Whatever the bytes,
 * reading must end (at the end of the stream) without a crash, a leak, an
 * out-of-bounds read or a hang. */
#include "lsp_base.h"
#include "rpc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Small, so that inputs of a few KB reach the oversized path. */
enum { CAP = 2048 };

/* Reading every byte of what the accessors return lets ASan check it. */
static volatile unsigned sink;

static void query(const kg_rpc_value *v)
{
  static const char *const paths[] = {
      "method",
      "id",
      "params.textDocument.uri",
      "params.textDocument.text",
      "params.contentChanges.-1.text",
      "params.contentChanges.0.text",
      "params.position.line",
      "params.newName",
      "params.rootUri",
      "params.workspaceFolders.0.uri",
      "result",
      "error.code",
      "",
  };
  for (size_t i = 0; i < sizeof paths / sizeof *paths; ++i) {
    long long n;
    bool b;
    const char *s = kg_rpc_str(v, paths[i]);
    size_t len = kg_rpc_strlen(v, paths[i]);
    for (size_t j = 0; s && j <= len; ++j) /* with its NUL */
      sink += (unsigned char)s[j];
    (void)kg_rpc_int(v, paths[i], &n);
    (void)kg_rpc_bool(v, paths[i], &b);
    (void)kg_rpc_has(v, paths[i]);
    (void)kg_rpc_is_object(v, paths[i]);
    kg_free(kg_rpc_dump(v, paths[i]));
  }
}

static void positions(const char *text, size_t len)
{
  for (uint32_t line = 0; line < 4; ++line) {
    uint32_t units = kg_lsp_utf16_col(text, len, line, 1000);
    size_t at = kg_lsp_offset(text, len, line, units);
    if (at > len || kg_lsp_line_start(text, len, line) > len)
      abort();
  }
  char *path = kg_lsp_uri_to_path(text);
  if (path) {
    char *uri = kg_lsp_path_to_uri(path);
    char *back = uri ? kg_lsp_uri_to_path(uri) : NULL;
    if (back && strcmp(back, path)) /* encoding then decoding is exact */
      abort();
    kg_free(back);
    kg_free(uri);
  }
  kg_free(path);
}

/* Lone surrogates mended as the server mends them: every record lies in
 * its string, and a second pass finds nothing left to mend. */
static void mend(char *body, size_t len)
{
  kg_rpc_mended m[8];
  size_t n = kg_rpc_mend_surrogates(body, len, m, 8);
  for (size_t i = 0; i < n && i < 8; ++i)
    if (m[i].offset + 3 > m[i].string_len || m[i].unit < 0xD800 ||
        m[i].unit > 0xDFFF)
      abort();
  if (kg_rpc_mend_surrogates(body, len, m, 8))
    abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
  if (!size)
    return 0;
  FILE *in = fmemopen((void *)data, size, "rb");
  if (!in)
    return 0;
  for (unsigned n = 0; n < 10000; ++n) {
    kg_rpc_read_result got;
    char *body = NULL;
    size_t len = 0;
    if (kg_rpc_read(in, CAP, &got, &body, &len) != KG_OK)
      abort(); /* only out of memory, which a small input cannot cause */
    if (got == KG_RPC_EOF)
      break;
    if (got == KG_RPC_MESSAGE) {
      bool nomem = false;
      mend(body, len);
      kg_rpc_value *v = kg_rpc_parse(body, len, &nomem);
      query(v);
      kg_rpc_value_free(v);
      positions(body, len);
    }
    kg_free(body);
  }
  fclose(in);
  return 0;
}
